use memo::memoize;

#[memoize(maxsize = None, policy = fifo)]
fn double(n: u32) -> u32 {
    n * 2
}

fn main() {}
