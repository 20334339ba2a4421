use memo::memoize;

#[derive(Clone, PartialEq, Eq)]
struct Counter {
    step: u32,
}

impl Counter {
    #[memoize(scope = thread)]
    fn scaled(&self, n: u32) -> u32 {
        n * self.step
    }
}

fn main() {}
