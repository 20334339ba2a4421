use memo::memoize;

#[memoize(key = n, ignore = [log])]
fn double(log: &str, n: u32) -> u32 {
    let _ = log;
    n * 2
}

fn main() {}
