#![deny(unused_must_use)]

use memo::memoize;

/// `uncached` keeps the function's `#[must_use]`.
#[memoize]
#[must_use = "the square is the point"]
fn square(n: u64) -> u64 {
    n * n
}

fn main() {
    square::uncached(3);
}
