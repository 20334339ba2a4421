use memo::memoize;

#[derive(Clone)]
struct Result {
    value: u32,
}

#[memoize]
fn compute(n: u32) -> Result {
    Result { value: n }
}

fn main() {}
