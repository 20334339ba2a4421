use memo::memoize;

#[memoize(maxsize = 16, policy = lru, maxsize = 32)]
fn double(n: u32) -> u32 {
    n * 2
}

fn main() {}
