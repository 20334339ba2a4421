use std::time::Duration;

use memo::memoize;

const ZERO: usize = 0;

// A constant 0 is caught when it is evaluated, at the option it makes meaningless.
#[memoize(maxsize = ZERO, ttl = Duration::from_secs(1))]
fn with_ttl(n: u32) -> u32 {
    n
}

#[memoize(maxsize = ZERO * 2, cache_err = false)]
fn with_cache_err(n: u32) -> Result<u32, String> {
    Ok(n)
}

#[memoize(maxsize = ZERO, policy = lru, scope = thread)]
fn per_thread(n: u32) -> u32 {
    n
}

fn main() {
    per_thread(1);
    with_ttl(1);
    let _ = with_cache_err(1);
}
