// A name that is not snake case is reported where the user wrote it, and once for the
// module that a function's companions live in; not once more for each item the macro
// writes with that name.
#![deny(non_snake_case)]

use memo::memoize;

#[memoize]
fn Square(n: u64) -> u64 {
    n * n
}

#[derive(Clone, PartialEq, Eq, Hash)]
struct Grid;

impl Grid {
    #[memoize]
    fn Cells(&self, Side: u64) -> u64 {
        Side * Side
    }
}

fn main() {
    let _ = (Square(2), Grid.Cells(2));
}
