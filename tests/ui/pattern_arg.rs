use memo::memoize;

#[memoize]
fn add((a, b): (u32, u32)) -> u32 {
    a + b
}

#[memoize]
fn ignore(_: u32) -> u32 {
    0
}

#[memoize]
fn by_ref(ref n: u32) -> u32 {
    *n
}

fn main() {}
