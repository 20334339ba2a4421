use memo::memoize;

#[memoize]
fn evens(n: u32) -> impl Iterator<Item = u32> + Clone {
    (0..n).filter(|k| k % 2 == 0)
}

fn main() {}
