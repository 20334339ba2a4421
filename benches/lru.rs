//! `memo::LruCache` side by side with `lru::LruCache` (0.19) and `schnellru::LruMap` (0.2).
//!
//! u64 keys and values, capacity 10_000, each crate with its default hasher (memo and lru:
//! hashbrown's `DefaultHashBuilder`, i.e. foldhash; schnellru: its ahash `RandomState`).
//! One group per workload, with the functions `memo`, `lru` and `schnellru`, so criterion
//! prints the three rows together. Every iteration runs a whole precomputed key sequence and
//! `Throughput::Elements` is that sequence's length, so the reported throughput is per
//! operation (time per op = 1 / throughput).
//!
//! - `get_hit`: `get` of keys that are all stored, in a pseudo-random order (a shuffle of
//!   the 10_000 stored keys), over a full cache. Every iteration replays the same shuffle,
//!   so in memo's and `lru`'s caches each hit is on the least recent entry: the case memo's
//!   ring makes cheapest (see `LinkedMap`).
//! - `get_hit_random`: the same, but the 10_000 keys are drawn at random (with
//!   replacement) from the stored ones, so most hits are in the middle of the recency
//!   order, as in most uses.
//! - `insert_evict`: `insert` of a key never seen before into a full cache, so every insert
//!   evicts the least recently used entry.
//! - `insert_expiring`: `insert_evict` through memo's `ExpiringCache` over its `LruCache`,
//!   against the plain `LruCache` (`ttl` / `plain`): a `ManualClock` advances a nanosecond
//!   per insert and the ttl is `CAPACITY` nanoseconds, so the live entries just fill the
//!   cache and at every insert the oldest entry has just expired. The expiring cache drops
//!   it (found through the schedule of its last sweep, with a sweep every `CAPACITY / 2`
//!   inserts) where the plain one evicts its least recent entry: the cost of exact expiry.
//! - `zipf`: what a memoized function sees: a Zipf(s = 1.0) stream of 100_000 keys over
//!   100_000 distinct keys, and for each key `if get(&k).is_none() { insert(k, v) }`: the
//!   same `get` then `insert` for all three crates (memo `get`/`insert`, lru `get`/`put`,
//!   schnellru `get`/`insert`), no `get_or_insert`.
//!
//! Keys are precomputed (a splitmix64 shuffle, and a Zipf sample by inverse CDF), so no
//! random number generation is timed, and every crate sees the same sequence. The three
//! crates run through one generic loop per workload (see [`Lru`] and the `*_pass`
//! functions), so they do the same logical operations in the same code.
//!
//! After each group, the same loops run again in turns (`interleaved/mod.rs`) and a line
//! `interleaved <group>, 61 rounds: memo/lru ... memo/schnellru ...` gives the median ratios
//! with their quartiles: steadier than criterion's on a shared machine.
//!
//! Run with `cargo bench --bench lru`. Sized to finish in about a minute and a half.

use std::hint::black_box;
use std::num::NonZeroUsize;
use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{
    BenchmarkGroup, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use schnellru::{ByLength, LruMap};

mod interleaved;

/// Entries each cache holds.
const CAPACITY: usize = 10_000;
/// Operations per iteration in `get_hit` and `insert_evict`.
const OPS: usize = 10_000;
/// Distinct keys in the Zipf stream.
const ZIPF_KEYS: usize = 100_000;
/// Length of the Zipf stream (operations per iteration in `zipf`).
const ZIPF_OPS: usize = 100_000;
/// Zipf exponent.
const ZIPF_S: f64 = 1.0;

/// splitmix64: a small deterministic generator, so no `rand` dependency.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`, from the top 53 bits.
    fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in `0..n` (the tiny modulo bias is irrelevant here).
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// `OPS` gets of the stored keys `0..CAPACITY`: shuffles of them, one after another.
fn hit_keys() -> Vec<u64> {
    let mut rng = SplitMix64(0x1234_5678);
    let mut keys = Vec::with_capacity(OPS);
    while keys.len() < OPS {
        let mut round: Vec<u64> = (0..CAPACITY as u64).collect();
        for i in (1..round.len()).rev() {
            round.swap(i, rng.below(i + 1));
        }
        keys.extend(round);
    }
    keys.truncate(OPS);
    keys
}

/// `OPS` gets of the stored keys `0..CAPACITY`, each drawn at random.
fn random_hit_keys() -> Vec<u64> {
    let mut rng = SplitMix64(0x8765_4321);
    (0..OPS).map(|_| rng.below(CAPACITY) as u64).collect()
}

/// `ZIPF_OPS` keys drawn from Zipf(`ZIPF_S`) over `0..ZIPF_KEYS` (key `r - 1` has rank `r`),
/// by inverse CDF: a binary search of a uniform draw in the cumulative weights.
fn zipf_keys() -> Vec<u64> {
    let mut cdf = Vec::with_capacity(ZIPF_KEYS);
    let mut total = 0.0;
    for rank in 1..=ZIPF_KEYS {
        total += 1.0 / (rank as f64).powf(ZIPF_S);
        cdf.push(total);
    }
    let mut rng = SplitMix64(0xC0FF_EE00);
    (0..ZIPF_OPS)
        .map(|_| {
            let u = rng.next_f64() * total;
            cdf.partition_point(|&c| c <= u).min(ZIPF_KEYS - 1) as u64
        })
        .collect()
}

/// The operations the workloads use, implemented by each crate's cache with its own API,
/// so that the three run the same logical operations through the same code.
trait Lru {
    fn new(capacity: usize) -> Self;
    fn len(&self) -> usize;
    /// A lookup that makes the key the most recently used; the value copied out.
    fn get(&mut self, key: &u64) -> Option<u64>;
    /// Stores a pair as the most recently used, evicting the least recently used entry when
    /// the key is new and the cache is full.
    fn insert(&mut self, key: u64, value: u64);
}

impl Lru for memo::LruCache<u64, u64> {
    fn new(capacity: usize) -> Self {
        memo::LruCache::new(capacity)
    }
    fn len(&self) -> usize {
        memo::LruCache::len(self)
    }
    #[inline(always)]
    fn get(&mut self, key: &u64) -> Option<u64> {
        memo::LruCache::get(self, key).copied()
    }
    #[inline(always)]
    fn insert(&mut self, key: u64, value: u64) {
        black_box(memo::LruCache::insert(self, key, value));
    }
}

impl Lru for lru::LruCache<u64, u64> {
    fn new(capacity: usize) -> Self {
        lru::LruCache::new(NonZeroUsize::new(capacity).unwrap())
    }
    fn len(&self) -> usize {
        lru::LruCache::len(self)
    }
    #[inline(always)]
    fn get(&mut self, key: &u64) -> Option<u64> {
        lru::LruCache::get(self, key).copied()
    }
    #[inline(always)]
    fn insert(&mut self, key: u64, value: u64) {
        black_box(lru::LruCache::put(self, key, value));
    }
}

impl Lru for LruMap<u64, u64> {
    fn new(capacity: usize) -> Self {
        LruMap::new(ByLength::new(capacity as u32))
    }
    fn len(&self) -> usize {
        LruMap::len(self)
    }
    #[inline(always)]
    fn get(&mut self, key: &u64) -> Option<u64> {
        LruMap::get(self, key).copied()
    }
    #[inline(always)]
    fn insert(&mut self, key: u64, value: u64) {
        black_box(LruMap::insert(self, key, value));
    }
}

/// memo's `ExpiringCache` over its `LruCache`, with a clock that advances a nanosecond per
/// insert; the ttl is the capacity in nanoseconds.
struct Expiring {
    cache: memo::ExpiringCache<memo::LruCache<u64, memo::Stamped<u64>>, memo::ManualClock>,
    clock: memo::ManualClock,
}

impl Lru for Expiring {
    fn new(capacity: usize) -> Self {
        let clock = memo::ManualClock::new();
        let ttl = Duration::from_nanos(capacity as u64);
        let cache =
            memo::ExpiringCache::with_clock(memo::LruCache::new(capacity), ttl, clock.clone());
        Expiring { cache, clock }
    }
    fn len(&self) -> usize {
        memo::Cache::len(&self.cache)
    }
    #[inline(always)]
    fn get(&mut self, key: &u64) -> Option<u64> {
        memo::Cache::get(&mut self.cache, key).copied()
    }
    #[inline(always)]
    fn insert(&mut self, key: u64, value: u64) {
        self.clock.advance(Duration::from_nanos(1));
        black_box(memo::Cache::insert(&mut self.cache, key, value));
    }
}

// The timed loops. Each is a function of its own (`inline(never)`), so that every crate's
// loop is compiled alone rather than fused into criterion's timing code: how well the
// register allocator copes with that fusion varies from crate to crate and from build to
// build (memo's lookup needs a few more live registers, for the slab's base and length, and
// lost ~15 instructions per op to spills when inlined there), which is not what the groups
// compare. All three crates get exactly the same treatment.

/// `get` of every key, all stored; returns the sum of the values.
#[inline(never)]
fn get_pass<C: Lru>(cache: &mut C, keys: &[u64]) -> u64 {
    let mut sum = 0u64;
    for key in keys {
        sum = sum.wrapping_add(cache.get(key).expect("every key is stored"));
    }
    sum
}

/// `passes` passes of [`get_pass`].
fn get_passes<C: Lru>(cache: &mut C, keys: &[u64], passes: usize) {
    for _ in 0..passes {
        black_box(get_pass(cache, keys));
    }
}

/// `OPS` inserts of fresh keys, counting on from `*next`.
#[inline(never)]
fn insert_pass<C: Lru>(cache: &mut C, next: &mut u64) {
    for _ in 0..OPS {
        cache.insert(*next, *next);
        *next += 1;
    }
}

/// `passes` passes of [`insert_pass`].
fn insert_passes<C: Lru>(cache: &mut C, next: &mut u64, passes: usize) {
    for _ in 0..passes {
        insert_pass(cache, next);
    }
}

/// Get-or-insert of every key, as a memoized function does; returns the misses.
#[inline(never)]
fn zipf_pass<C: Lru>(cache: &mut C, keys: &[u64]) -> u32 {
    let mut misses = 0;
    for &key in keys {
        if cache.get(&key).is_none() {
            cache.insert(key, key);
            misses += 1;
        }
    }
    misses
}

/// A cache of `CAPACITY` holding the keys `0..CAPACITY`.
fn full<C: Lru>() -> C {
    let mut cache = C::new(CAPACITY);
    for k in 0..CAPACITY as u64 {
        cache.insert(k, k);
    }
    assert_eq!(cache.len(), CAPACITY);
    cache
}

fn configure<'a>(c: &'a mut Criterion, name: &str, ops: usize) -> BenchmarkGroup<'a, WallTime> {
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Elements(ops as u64));
    group
}

fn get_hit(c: &mut Criterion) {
    hits(c, "get_hit", &hit_keys());
}

fn get_hit_random(c: &mut Criterion) {
    hits(c, "get_hit_random", &random_hit_keys());
}

/// The group `name`: `get` of `keys`, all stored, over a full cache.
fn hits(c: &mut Criterion, name: &str, keys: &[u64]) {
    fn run<C: Lru>(group: &mut BenchmarkGroup<'_, WallTime>, name: &str, keys: &[u64]) -> C {
        let mut cache = full::<C>();
        group.bench_function(name, |b| b.iter(|| black_box(get_pass(&mut cache, keys))));
        cache
    }
    let mut group = configure(c, name, keys.len());
    let mut memo = run::<memo::LruCache<u64, u64>>(&mut group, "memo", keys);
    let mut lru = run::<lru::LruCache<u64, u64>>(&mut group, "lru", keys);
    let mut schnellru = run::<LruMap<u64, u64>>(&mut group, "schnellru", keys);
    group.finish();
    // 16 passes of 10_000 gets: about a millisecond.
    interleaved::report(
        name,
        &mut [
            ("memo", &mut || get_passes(&mut memo, keys, 16)),
            ("lru", &mut || get_passes(&mut lru, keys, 16)),
            ("schnellru", &mut || get_passes(&mut schnellru, keys, 16)),
        ],
    );
}

/// Benchmarks `name`: inserts into a cache that starts full with `0..CAPACITY`, every one a
/// fresh key (a counter that runs on across iterations). Returns the cache, still holding
/// `CAPACITY` entries (for an expiring cache: none lost though one expired per insert),
/// and the next key, for the interleaved passes.
fn bench_inserts<C: Lru>(group: &mut BenchmarkGroup<'_, WallTime>, name: &str) -> (C, u64) {
    let mut cache = full::<C>();
    let mut next = CAPACITY as u64;
    group.bench_function(name, |b| b.iter(|| insert_pass(&mut cache, &mut next)));
    assert_eq!(cache.len(), CAPACITY);
    (cache, next)
}

fn insert_evict(c: &mut Criterion) {
    // Every insert evicts.
    let mut group = configure(c, "insert_evict", OPS);
    let (mut memo, mut memo_next) = bench_inserts::<memo::LruCache<u64, u64>>(&mut group, "memo");
    let (mut lru, mut lru_next) = bench_inserts::<lru::LruCache<u64, u64>>(&mut group, "lru");
    let (mut schnellru, mut schnellru_next) =
        bench_inserts::<LruMap<u64, u64>>(&mut group, "schnellru");
    group.finish();
    // 2 passes of 10_000 inserts: about a millisecond.
    interleaved::report(
        "insert_evict",
        &mut [
            ("memo", &mut || insert_passes(&mut memo, &mut memo_next, 2)),
            ("lru", &mut || insert_passes(&mut lru, &mut lru_next, 2)),
            ("schnellru", &mut || {
                insert_passes(&mut schnellru, &mut schnellru_next, 2);
            }),
        ],
    );
}

fn insert_expiring(c: &mut Criterion) {
    let mut group = configure(c, "insert_expiring", OPS);
    let (mut ttl, mut ttl_next) = bench_inserts::<Expiring>(&mut group, "ttl");
    let (mut plain, mut plain_next) =
        bench_inserts::<memo::LruCache<u64, u64>>(&mut group, "plain");
    group.finish();
    interleaved::report(
        "insert_expiring",
        &mut [
            ("ttl", &mut || insert_passes(&mut ttl, &mut ttl_next, 2)),
            ("plain", &mut || {
                insert_passes(&mut plain, &mut plain_next, 2)
            }),
        ],
    );
}

fn zipf(c: &mut Criterion) {
    // One untimed pass warms each cache to its steady state, a second checks that the three
    // agree (LRU is deterministic, so their misses must be equal); the timed passes continue
    // on the same cache.
    fn run<C: Lru>(
        group: &mut BenchmarkGroup<'_, WallTime>,
        name: &str,
        keys: &[u64],
        misses: &mut Vec<u32>,
    ) -> C {
        let mut cache = C::new(CAPACITY);
        zipf_pass(&mut cache, keys);
        misses.push(zipf_pass(&mut cache, keys));
        group.bench_function(name, |b| b.iter(|| black_box(zipf_pass(&mut cache, keys))));
        cache
    }
    let keys = zipf_keys();
    let mut group = configure(c, "zipf", keys.len());
    // An iteration takes milliseconds: flat sampling fits 50 samples in the time allowed.
    group.sampling_mode(SamplingMode::Flat);
    let mut misses = Vec::new();
    let mut memo = run::<memo::LruCache<u64, u64>>(&mut group, "memo", &keys, &mut misses);
    let mut lru = run::<lru::LruCache<u64, u64>>(&mut group, "lru", &keys, &mut misses);
    let mut schnellru = run::<LruMap<u64, u64>>(&mut group, "schnellru", &keys, &mut misses);
    group.finish();
    assert!(
        misses.iter().all(|&m| m == misses[0]),
        "the three caches disagree: {misses:?}"
    );
    eprintln!(
        "zipf: {ZIPF_OPS} ops over {ZIPF_KEYS} keys, s = {ZIPF_S}, capacity {CAPACITY}: \
         steady-state hit rate {:.1}%",
        100.0 * (1.0 - f64::from(misses[0]) / ZIPF_OPS as f64)
    );
    // One pass of 100_000 operations: a few milliseconds.
    interleaved::report(
        "zipf",
        &mut [
            ("memo", &mut || {
                black_box(zipf_pass(&mut memo, &keys));
            }),
            ("lru", &mut || {
                black_box(zipf_pass(&mut lru, &keys));
            }),
            ("schnellru", &mut || {
                black_box(zipf_pass(&mut schnellru, &keys));
            }),
        ],
    );
}

fn config() -> Criterion {
    // 12 benchmarks x (1 s warm-up + 4 s measurement) plus setup and analysis: about a
    // minute and a half on a small machine.
    Criterion::default()
        .sample_size(50)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .noise_threshold(0.03)
}

criterion_group! {
    name = benches;
    config = config();
    targets = get_hit, get_hit_random, insert_evict, insert_expiring, zipf
}
criterion_main!(benches);
