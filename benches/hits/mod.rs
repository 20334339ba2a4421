//! What `benches/memoize.rs` and `benches/options.rs` share: the work behind every
//! memoized `u64` function, the two contenders both compare with (the thread-local
//! `hashbrown` floor and the `memoize` crate's thread-local default), the warm working set
//! of keys and the measurement of one call per criterion iteration, on hits only.
//!
//! Two orders of the same hits: the working set cycled in a fixed order, as criterion
//! measures it, where every hit of an LRU cache is on its least recent entry (a loop over
//! the same inputs), and [`random_draws`] from it, where most hits are in the middle of the
//! recency order.
//!
//! Each of those bench targets includes this file with `mod hits;`; it lives in a directory
//! so that cargo does not take it for a bench target of its own.

use std::cell::RefCell;
use std::hint::black_box;

use criterion::BenchmarkGroup;
use criterion::measurement::WallTime;

/// The work behind every memoized `u64` function: cheap, so the cache is what is measured.
pub fn work_u64(x: u64) -> u64 {
    x.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(17)
}

/// The `memoize` crate's default: a thread-local cache, no lock.
#[::memoize::memoize(Capacity: 1024)]
pub fn memoize_crate_thread_local_u64(x: u64) -> u64 {
    work_u64(x)
}

thread_local! {
    static FLOOR_U64: RefCell<hashbrown::HashMap<u64, u64>> =
        RefCell::new(hashbrown::HashMap::with_capacity(1024));
}

/// The floor: a hand-written thread-local `hashbrown` map, no lock, no recency order.
pub fn floor_u64(x: u64) -> u64 {
    FLOOR_U64.with(|map| {
        if let Some(&v) = map.borrow().get(&x) {
            return v;
        }
        let v = work_u64(x);
        map.borrow_mut().insert(x, v);
        v
    })
}

/// Distinct keys cycled through; all of them fit in every cache (capacity 1024).
pub const WORKING_SET: usize = 512;

/// splitmix64, for keys that are spread over the whole `u64` range.
pub fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The `WORKING_SET` keys of the `u64` functions.
pub fn u64_keys() -> Vec<u64> {
    let mut state = 42;
    (0..WORKING_SET).map(|_| splitmix64(&mut state)).collect()
}

/// Benchmarks `f` on hits: warms it with every key (twice, and checks the answers), then
/// measures one call per iteration, cycling through the keys. Returns one batch of the same
/// calls ([`PASSES`] passes over the keys), for `interleaved::report`.
pub fn bench_hits<'a, K: ?Sized, R: PartialEq + std::fmt::Debug>(
    group: &mut BenchmarkGroup<'_, WallTime>,
    name: &str,
    keys: &'a [&'a K],
    expected: impl Fn(&K) -> R,
    f: impl Fn(&K) -> R + 'a,
) -> impl FnMut() + 'a {
    for _ in 0..2 {
        for &key in keys {
            assert_eq!(f(key), expected(key), "{name}: wrong answer");
        }
    }
    let mut i = 0;
    group.bench_function(name, |b| {
        b.iter(|| {
            // A compare, not `% keys.len()`: the latency of a 64-bit division would chain
            // from one iteration to the next and be added to every function alike,
            // pulling all the ratios toward 1.
            i += 1;
            if i == keys.len() {
                i = 0;
            }
            f(black_box(keys[i]))
        });
    });
    batch(keys, f)
}

/// Passes over the keys in one batch of calls for `interleaved::report`: about a
/// millisecond.
pub const PASSES: usize = 64;

/// One batch of calls for `interleaved::report`: [`PASSES`] passes over `keys`. The keys
/// must be warm already.
pub fn batch<'a, K: ?Sized, R>(keys: &'a [&'a K], f: impl Fn(&K) -> R + 'a) -> impl FnMut() + 'a {
    move || {
        for _ in 0..PASSES {
            for &key in keys {
                black_box(f(black_box(key)));
            }
        }
    }
}

/// `WORKING_SET` draws from `keys`, uniform and independent (a key may come up several
/// times or not at all): hits whose places in an LRU order are spread over the whole cache.
pub fn random_draws<'a, K: ?Sized>(keys: &[&'a K]) -> Vec<&'a K> {
    let mut state = 99;
    (0..WORKING_SET)
        .map(|_| keys[(splitmix64(&mut state) % keys.len() as u64) as usize])
        .collect()
}
