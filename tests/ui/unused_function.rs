//! A memoized function or method that is never called is reported as plain Rust reports
//! it, at its name, and so is what only it calls; of its companions, unused too, only a
//! method's `_uncached`, which holds the body, is named in the report.
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
        helper(n)
    }

    // Calls itself only: as unused as in plain Rust.
    #[memoize]
    fn countdown(&self, n: u32) -> u32 {
        if n == 0 { 0 } else { self.countdown(n - 1) }
    }

    fn unrelated(&self) {}
}

// Called by an unused method only.
fn helper(n: u32) -> u32 {
    n + 1
}

fn main() {
    let _ = Model;
    countdown::uncached(3);
}
