use memo::memoize;

#[memoize(cache_err = true)]
fn half(n: u32) -> Option<u32> {
    (n % 2 == 0).then_some(n / 2)
}

fn main() {}
