use std::marker::PhantomData;

use memo::memoize;

#[memoize]
fn area(radius: f64) -> f64 {
    radius * radius
}

#[memoize]
fn scaled(point: &(f32, [f64; 2]), factor: u8) -> f64 {
    f64::from(point.0) * point.1[0] * f64::from(factor)
}

#[memoize]
fn total(samples: Vec<Option<f32>>, scale: &std::boxed::Box<f64>) -> f64 {
    samples.iter().flatten().map(|&x| f64::from(x)).sum::<f64>() * **scale
}

#[memoize]
fn gaussian(x: f64, sigma: f64) -> f64 {
    (-x * x / (2.0 * sigma * sigma)).exp()
}

#[memoize]
fn weighed(label: &str, weight: &f32, count: u8, owner: String) -> usize {
    label.len() + owner.len() + usize::from(count) + *weight as usize
}

#[memoize(key = radius / 2.0, key_type = f64)]
fn half(radius: f64) -> f64 {
    radius / 2.0
}

// Not reported: an ignored float, a float under a type's parameters (which may be `Hash`),
// and a float keyed by its bits.
#[memoize(ignore = [scale])]
fn ignored(n: u32, scale: f64) -> f64 {
    f64::from(n) * scale
}

#[memoize]
fn tagged(unit: PhantomData<f64>) -> PhantomData<f64> {
    unit
}

#[memoize(key = radius.to_bits(), key_type = u64)]
fn bits(radius: f64) -> f64 {
    radius * 2.0
}

fn main() {}
