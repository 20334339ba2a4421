use memo::memoize;

// `f64` is neither `Hash` nor `Eq`: both are reported once, on the argument's type.
#[memoize(scope = thread)]
fn half(x: f64) -> f64 {
    x / 2.0
}

fn main() {}
