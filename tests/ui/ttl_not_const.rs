use std::time::Duration;

use memo::memoize;

fn seconds() -> u64 {
    30
}

#[memoize(ttl = Duration::from_secs(seconds()))]
fn double(n: u32) -> u32 {
    n * 2
}

fn main() {}
