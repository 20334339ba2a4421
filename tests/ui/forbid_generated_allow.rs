// The generated module imports the enclosing module's names with a glob that this body
// does not use, and allows `unused_imports` on it: a crate-level `forbid` of that lint
// rejects the `allow` (documented with the attribute's limitations).
#![forbid(unused_imports)]

use memo::memoize;

#[memoize]
fn double(x: u32) -> u32 {
    x * 2
}

fn main() {
    double(1);
}
