use memo::memoize;

#[memoize(ignore = [log, n, log])]
fn double(log: &str, n: u32) -> u32 {
    let _ = log;
    n * 2
}

fn main() {}
