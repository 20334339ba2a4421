use memo::memoize;

#[memoize(maxsize = 0, ttl = std::time::Duration::from_secs(30))]
fn double(n: u32) -> u32 {
    n * 2
}

fn main() {}
