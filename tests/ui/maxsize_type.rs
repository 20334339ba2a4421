use memo::memoize;

const SIZE: u32 = 64;

#[memoize(maxsize = SIZE)]
fn double(n: u32) -> u32 {
    n * 2
}

fn main() {}
