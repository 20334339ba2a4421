use memo::memoize;

pub trait Shape {
    fn sides(&self) -> u32;

    #[memoize]
    fn area(&self, x: u32) -> u64 {
        u64::from(self.sides() * x)
    }
}

fn main() {}
