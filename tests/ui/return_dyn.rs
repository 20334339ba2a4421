use memo::memoize;

#[memoize]
fn adder(n: u32) -> Box<dyn Fn(u32) -> u32> {
    Box::new(move |k| k + n)
}

fn main() {}
