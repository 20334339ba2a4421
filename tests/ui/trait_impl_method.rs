use memo::memoize;

#[derive(Clone, PartialEq, Eq, Hash)]
struct Grid(u32);

trait Area {
    fn area(&self) -> u32;
}

impl Area for Grid {
    #[memoize]
    fn area(&self) -> u32 {
        self.0 * self.0
    }
}

fn main() {}
