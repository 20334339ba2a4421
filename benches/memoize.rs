//! The cost of a cache HIT: `#[memoize]` side by side with other memoization crates.
//!
//! Every function is pre-warmed with the whole working set (512 keys, cycled in a fixed
//! order) before it is measured, and every cache holds 1024 entries, so every measured call
//! is a hit. One call per iteration: criterion's time per iteration is the time per call.
//!
//! - group `hit_u64`, a `fn(u64) -> u64`:
//!   - `memo`: `#[memo::memoize(maxsize = 1024)]` (LRU, one cache shared by all threads)
//!   - `cached`: `#[cached(max_size = 1024)]` of the `cached` crate 4 (LRU, shared, behind a
//!     mutex)
//!   - `memoize_crate_thread_local`: `#[memoize(Capacity: 1024)]` of the `memoize` crate 0.6
//!     (its default: an LRU cache per thread, no locking at all)
//!   - `memoize_crate_shared`: `#[memoize(SharedCache, Capacity: 1024)]` (one LRU cache
//!     behind a `Mutex`, like memo and cached)
//!   - `floor_thread_local_hashbrown`: a hand-written `thread_local!` `hashbrown::HashMap`
//!     lookup: no eviction bookkeeping, no statistics, no lock; the floor
//!   - `lock_alone`: the same work under an uncontended `parking_lot::Mutex` lock and unlock,
//!     with no cache at all: the floor of a cache shared by all threads behind one lock
//! - group `hit_str`, a `fn(&str) -> usize`:
//!   - `memo`: `#[memo::memoize(maxsize = 1024)]` (keyed by the string's contents)
//!   - `cached`: `#[cached(max_size = 1024, key = "String", convert = ...)]`, the way the
//!     `cached` crate takes a `&str` (it builds an owned `String` key on every call)
//!   - `floor_thread_local_hashbrown`: a `thread_local!` `HashMap<String, usize>` looked up by
//!     `&str` (no allocation)
//!
//! After each group, the same calls run again in turns (`interleaved/mod.rs`) and a line
//! `interleaved <group>, 61 rounds: memo/cached ...` gives memo's median ratio to each
//! peer, with its quartiles: steadier than criterion's on a shared machine. For `hit_u64`
//! a second line, `hit_u64 random order`, does the same with the keys drawn at random
//! (`hits::random_draws`) rather than cycled: cycled, every hit of an LRU cache is on its
//! least recent entry; drawn, most hits are in the middle of the recency order. A third
//! line, `hit_u64 lock alone`, gives `lock_alone`'s ratio to `cached` and `memo`: how much
//! of their hits the lock alone takes.
//!
//! Run with `cargo bench --bench memoize`; sized to finish in about a minute.

use std::cell::RefCell;
use std::time::Duration;

use cached::macros::cached;
use criterion::{Criterion, criterion_group, criterion_main};

mod hits;
mod interleaved;

use hits::{
    WORKING_SET, batch, bench_hits, floor_u64, memoize_crate_thread_local_u64, random_draws,
    splitmix64, u64_keys, work_u64,
};

/// The work behind every memoized `&str` function.
fn work_str(name: &str) -> usize {
    name.len()
}

#[memo::memoize(maxsize = 1024)]
fn memo_u64(x: u64) -> u64 {
    work_u64(x)
}

#[cached(max_size = 1024)]
fn cached_u64(x: u64) -> u64 {
    work_u64(x)
}

#[::memoize::memoize(SharedCache, Capacity: 1024)]
fn memoize_crate_shared_u64(x: u64) -> u64 {
    work_u64(x)
}

thread_local! {
    static FLOOR_STR: RefCell<hashbrown::HashMap<String, usize>> =
        RefCell::new(hashbrown::HashMap::with_capacity(1024));
}

/// The lock of `lock_alone_u64`.
static LOCK: parking_lot::Mutex<()> = parking_lot::Mutex::new(());

/// `work_u64` under a lock: what a hit costs a cache shared behind one lock, but the cache.
fn lock_alone_u64(x: u64) -> u64 {
    let _guard = LOCK.lock();
    work_u64(x)
}

#[memo::memoize(maxsize = 1024)]
fn memo_str(name: &str) -> usize {
    work_str(name)
}

#[cached(max_size = 1024, key = "String", convert = r#"{ name.to_string() }"#)]
fn cached_str(name: &str) -> usize {
    work_str(name)
}

fn floor_str(name: &str) -> usize {
    FLOOR_STR.with(|map| {
        if let Some(&v) = map.borrow().get(name) {
            return v;
        }
        let v = work_str(name);
        map.borrow_mut().insert(name.to_owned(), v);
        v
    })
}

fn str_keys() -> Vec<String> {
    let mut state = 7;
    (0..WORKING_SET)
        .map(|i| format!("user-{i:03}-{:08x}", splitmix64(&mut state) as u32))
        .collect()
}

fn hit_u64(c: &mut Criterion) {
    let keys = u64_keys();
    let keys: Vec<&u64> = keys.iter().collect();
    let mut group = c.benchmark_group("hit_u64");
    let expected = |x: &u64| work_u64(*x);
    let mut memo = bench_hits(&mut group, "memo", &keys, expected, |x| memo_u64(*x));
    let mut cached = bench_hits(&mut group, "cached", &keys, expected, |x| cached_u64(*x));
    let mut memoize_thread_local = bench_hits(
        &mut group,
        "memoize_crate_thread_local",
        &keys,
        expected,
        |x| memoize_crate_thread_local_u64(*x),
    );
    let mut memoize_shared = bench_hits(&mut group, "memoize_crate_shared", &keys, expected, |x| {
        memoize_crate_shared_u64(*x)
    });
    let mut floor = bench_hits(
        &mut group,
        "floor_thread_local_hashbrown",
        &keys,
        expected,
        |x| floor_u64(*x),
    );
    let mut lock_alone = bench_hits(&mut group, "lock_alone", &keys, expected, |x| {
        lock_alone_u64(*x)
    });
    group.finish();
    interleaved::report(
        "hit_u64",
        &mut [
            ("memo", &mut memo),
            ("cached", &mut cached),
            ("memoize_crate_thread_local", &mut memoize_thread_local),
            ("memoize_crate_shared", &mut memoize_shared),
            ("floor", &mut floor),
        ],
    );
    // The same hits in random order: most of them in the middle of an LRU order.
    let draws = random_draws(&keys);
    interleaved::report(
        "hit_u64 random order",
        &mut [
            ("memo", &mut batch(&draws, |x| memo_u64(*x))),
            ("cached", &mut batch(&draws, |x| cached_u64(*x))),
            (
                "memoize_crate_thread_local",
                &mut batch(&draws, |x| memoize_crate_thread_local_u64(*x)),
            ),
            (
                "memoize_crate_shared",
                &mut batch(&draws, |x| memoize_crate_shared_u64(*x)),
            ),
            ("floor", &mut batch(&draws, |x| floor_u64(*x))),
        ],
    );
    interleaved::report(
        "hit_u64 lock alone",
        &mut [
            ("lock_alone", &mut lock_alone),
            ("cached", &mut cached),
            ("memo", &mut memo),
        ],
    );

    // Every measured call was a hit: the misses are exactly the warm-up's first pass.
    let info = memo_u64::cache_info();
    assert_eq!(info.misses, WORKING_SET as u64, "{info}");
    assert_eq!(info.currsize, WORKING_SET, "{info}");
}

fn hit_str(c: &mut Criterion) {
    let keys = str_keys();
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    let mut group = c.benchmark_group("hit_str");
    let mut memo = bench_hits(&mut group, "memo", &keys, work_str, memo_str);
    let mut cached = bench_hits(&mut group, "cached", &keys, work_str, cached_str);
    let mut floor = bench_hits(
        &mut group,
        "floor_thread_local_hashbrown",
        &keys,
        work_str,
        floor_str,
    );
    group.finish();
    interleaved::report(
        "hit_str",
        &mut [
            ("memo", &mut memo),
            ("cached", &mut cached),
            ("floor", &mut floor),
        ],
    );

    let info = memo_str::cache_info();
    assert_eq!(info.misses, WORKING_SET as u64, "{info}");
    assert_eq!(info.currsize, WORKING_SET, "{info}");
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(50)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    targets = hit_u64, hit_str
}
criterion_main!(benches);
