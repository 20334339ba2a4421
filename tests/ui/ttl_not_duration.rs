use memo::memoize;

#[memoize(ttl = 30)]
fn double(n: u32) -> u32 {
    n * 2
}

fn main() {}
