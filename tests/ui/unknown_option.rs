use memo::memoize;

#[memoize(size = 16)]
fn double(n: u32) -> u32 {
    n * 2
}

fn main() {}
