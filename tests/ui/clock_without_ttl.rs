use memo::memoize;

#[memoize(maxsize = 16, clock = memo::ManualClock::new())]
fn double(n: u32) -> u32 {
    n * 2
}

fn main() {}
