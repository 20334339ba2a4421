use memo::memoize;

#[memoize]
struct Cache {
    size: usize,
}

fn main() {}
