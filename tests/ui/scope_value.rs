use memo::memoize;

#[memoize(scope = "thread")]
fn double(n: u32) -> u32 {
    n * 2
}

fn main() {}
