use memo::memoize;

#[memoize(maxsize = 8)]
#[memo::memoize]
fn double(n: u32) -> u32 {
    n * 2
}

fn main() {}
