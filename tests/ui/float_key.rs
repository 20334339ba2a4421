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

#[memoize(ignore = [log])]
fn logged(log: &str, x: f64, n: u32) -> f64 {
    x * f64::from(n) + log.len() as f64
}

#[derive(Clone, PartialEq, Eq, Hash)]
struct Lens(u8);

impl Lens {
    #[memoize]
    fn focus(&self, distance: f32) -> f32 {
        distance * f32::from(self.0)
    }
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

// A type of one's own that holds floats and is `Hash + Eq`, written by its path (imported as
// `Vec`, it would be taken for `std`'s).
mod my {
    #[derive(Clone)]
    pub struct Vec<T>(pub std::vec::Vec<T>);

    impl PartialEq for Vec<f64> {
        fn eq(&self, other: &Self) -> bool {
            self.0.iter().map(|x| x.to_bits()).eq(other.0.iter().map(|x| x.to_bits()))
        }
    }

    impl Eq for Vec<f64> {}

    impl std::hash::Hash for Vec<f64> {
        fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
            for x in &self.0 {
                x.to_bits().hash(state);
            }
        }
    }
}

#[memoize]
fn own_vec(values: my::Vec<f64>) -> usize {
    values.0.len()
}

fn main() {}
