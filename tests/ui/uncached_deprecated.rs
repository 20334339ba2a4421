#![deny(deprecated)]

use memo::memoize;

/// `uncached` keeps the function's `#[deprecated]`; the code `#[memoize]` generates calls
/// it without a warning, so the only error is the user's own call.
#[memoize]
#[deprecated = "use `cube`"]
fn square(n: u64) -> u64 {
    n * n
}

struct Shape;

impl Shape {
    #[memoize(ignore = [self])]
    #[deprecated]
    fn area(&self, side: u64) -> u64 {
        side * side
    }
}

fn main() {
    let _ = square::uncached(3);
    let _ = Shape::area_uncached(&Shape, 3);
}
