use memo::memoize;

#[memoize(key = Box::new(n) as Box<dyn std::fmt::Debug>, key_type = Box<dyn std::fmt::Debug>)]
fn boxed(n: u32) -> u32 {
    n
}

fn main() {}
