//! A memoized function or method that is never called is reported as plain Rust reports
//! it, once, at its name; its companions, unused too, are not.
#![deny(dead_code)]

use memo::memoize;

#[memoize]
fn never_called(n: u32) -> u32 {
    n
}

#[memoize(scope = thread)]
fn never_called_here(n: u32) -> u32 {
    n
}

// Called by `uncached` only, but recursively: used.
#[memoize]
fn countdown(n: u32) -> u32 {
    if n == 0 { 0 } else { countdown(n - 1) }
}

#[derive(Clone, PartialEq, Eq, Hash)]
struct Model;

impl Model {
    #[memoize]
    fn predict(&self, n: u32) -> u32 {
        n
    }

    fn unrelated(&self) {}
}

fn main() {
    let _ = Model;
    countdown::uncached(3);
}
