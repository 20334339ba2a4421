use memo::memoize;

// Python's `@lru_cache(128)`.
#[memoize(128)]
fn square(n: u64) -> u64 {
    n * n
}

fn main() {}
