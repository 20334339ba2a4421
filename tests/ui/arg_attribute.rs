use memo::memoize;

#[memoize]
fn double(#[allow(unused_mut)] mut n: u32) -> u32 {
    n * 2
}

fn main() {}
