use memo::memoize;

#[memoize(scope = thread, maxsize = 8, scope = global)]
fn double(n: u32) -> u32 {
    n * 2
}

fn main() {}
