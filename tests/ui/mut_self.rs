use memo::memoize;

struct Counter {
    step: u32,
}

impl Counter {
    #[memoize]
    fn scaled(&mut self, n: u32) -> u32 {
        n * self.step
    }
}

fn main() {}
