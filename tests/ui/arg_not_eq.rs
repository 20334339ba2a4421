use memo::memoize;

#[memoize]
fn half(x: f64) -> f64 {
    x / 2.0
}

#[memoize]
fn sum(xs: &[f32]) -> f32 {
    xs.iter().sum()
}

fn main() {}
