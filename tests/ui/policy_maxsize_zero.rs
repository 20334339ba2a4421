use memo::memoize;

#[memoize(maxsize = 0, policy = fifo)]
fn square(n: u64) -> u64 {
    n * n
}

fn main() {}
