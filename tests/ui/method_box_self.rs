use memo::memoize;

#[derive(Clone, PartialEq, Eq, Hash)]
struct Counter {
    step: u32,
}

impl Counter {
    #[memoize]
    fn scaled(self: Box<Self>, n: u32) -> u32 {
        n * self.step
    }
}

fn main() {}
