#![deny(deprecated)]

use memo::memoize;

/// `uncached` keeps the function's `#[deprecated]`; the code `#[memoize]` generates calls
/// it without a warning, and so do recursive calls in the body, as without `#[memoize]`.
/// The errors are the user's own calls, and the deprecated helper the body uses.
#[memoize]
#[deprecated = "use `cube`"]
fn square(n: u64) -> u64 {
    if n == 0 { 0 } else { square(n - 1) + 2 * n - 1 }
}

#[deprecated]
fn four() -> u64 {
    4
}

#[derive(Clone, PartialEq, Eq, Hash)]
struct Shape;

impl Shape {
    #[memoize(ignore = [self])]
    #[deprecated]
    fn area(&self, side: u64) -> u64 {
        if side == 0 { 0 } else { Self::area(self, side - 1) + 2 * side - 1 }
    }

    #[memoize]
    #[deprecated]
    fn perimeter(&self, side: u64) -> u64 {
        if side == 0 { 0 } else { self.perimeter(side - 1) + four() }
    }
}

fn main() {
    let _ = square::uncached(3);
    let _ = Shape::area_uncached(&Shape, 3);
    let _ = Shape.perimeter_uncached(3);
}
