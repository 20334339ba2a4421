use memo::memoize;

trait Area {
    #[memoize]
    fn area(&self) -> u32;
}

fn main() {}
