//! The cost of a cache HIT with the options of `#[memoize]`, side by side with what they
//! are measured against.
//!
//! Every function is pre-warmed with the whole working set (512 keys spread over the `u64`
//! range, cycled in a fixed order) before it is measured, and every cache holds 1024
//! entries, so every measured call is a hit. One call per iteration: criterion's time per
//! iteration is the time per call.
//!
//! - group `ttl_hit`, a `fn(u64) -> u64`:
//!   - `plain`: `#[memo::memoize(maxsize = 1024)]`
//!   - `ttl`: the same with `ttl = Duration::from_secs(3600)`: the difference is reading the
//!     clock (the kernel's coarse monotonic clock, as `memo::AutoClock` picks for a ttl
//!     this long) and comparing the entry's expiry, once per hit
//! - group `thread_hit`, a `fn(u64) -> u64`:
//!   - `memo_thread`: `#[memo::memoize(maxsize = 1024, scope = thread)]` (an LRU cache per
//!     thread, in a `RefCell`, no lock)
//!   - `floor_thread_local_hashbrown`: a hand-written `thread_local!` `hashbrown::HashMap`
//!     lookup, the one of `benches/memoize.rs` (both take it from `hits/mod.rs`): no
//!     eviction bookkeeping, no statistics; the floor
//!   - `memoize_crate_thread_local`: `#[memoize(Capacity: 1024)]` of the `memoize` crate 0.6
//!     (its default: an LRU cache per thread)
//!   - `memo_global`: `#[memo::memoize(maxsize = 1024)]`, for reference (one lock)
//! - group `method_hit`: a memoized method (`&self`, `ignore = [self]`, maxsize 1024)
//!   against the same free function, in each scope: `method_global` / `fn_global` (the
//!   `memo_global` above) and `method_thread` / `fn_thread` (`memo_thread`). A method's
//!   cache is a slot, found by type, in a `static` that cannot name `Self`: the difference
//!   is finding that slot
//! - group `async_hit`: `#[memo::memoize(maxsize = 1024)]` on an `async fn(u64) -> u64`
//!   (`async_polled`: each call's future polled once, a hit being ready at once) against
//!   the same synchronous function (`fn_global`, the `memo_global` above): the difference
//!   is building and polling the future. In turns, a third contender, `async_awaited`,
//!   awaits the same calls in one `async` block, as async code does: each call's future
//!   is built in place there, not moved into an executor
//! - group `clock_read`: what a `ttl` hit pays to read the time: `memo::CoarseClock::now`
//!   (the clock `ttl` uses for a ttl of 100 kernel ticks or more) against
//!   `std::time::Instant::now` (what it would cost otherwise), and `memo::SystemClock::now`
//!   (the exact clock of a shorter ttl) against `Instant::now`, a line of its own
//!
//! After each group, the same calls run again in turns (`interleaved/mod.rs`) and a line
//! `interleaved <group>, 61 rounds: ...` gives the first function's median ratio to each
//! other one, with its quartiles: steadier than criterion's on a shared machine. For
//! `thread_hit` a second line, `thread_hit random order`, does the same with the keys drawn
//! at random (`hits::random_draws`) rather than cycled: cycled, every hit of an LRU cache
//! is on its least recent entry; drawn, most hits are in the middle of the recency order.
//! A third, `thread_hit random order, fifo`, puts the same cache with `policy = fifo`
//! (whose hit relinks nothing) against the floor and the LRU one, in those draws.
//!
//! Run with `cargo bench --bench options`; sized to finish in well under a minute.

use std::hint::black_box;
use std::pin::pin;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

mod hits;
mod interleaved;

use hits::{
    PASSES, WORKING_SET, batch, bench_hits, floor_u64, memoize_crate_thread_local_u64,
    random_draws, u64_keys, work_u64,
};

#[memo::memoize(maxsize = 1024)]
fn plain_u64(x: u64) -> u64 {
    work_u64(x)
}

#[memo::memoize(maxsize = 1024, ttl = Duration::from_secs(3600))]
fn ttl_u64(x: u64) -> u64 {
    work_u64(x)
}

#[memo::memoize(maxsize = 1024, scope = thread)]
fn thread_u64(x: u64) -> u64 {
    work_u64(x)
}

/// The same cache with FIFO eviction, which a hit leaves in place: against the floor in
/// random order, what the LRU relink costs.
#[memo::memoize(maxsize = 1024, scope = thread, policy = fifo)]
fn thread_fifo_u64(x: u64) -> u64 {
    work_u64(x)
}

#[memo::memoize(maxsize = 1024)]
fn global_u64(x: u64) -> u64 {
    work_u64(x)
}

fn ttl_hit(c: &mut Criterion) {
    let keys = u64_keys();
    let keys: Vec<&u64> = keys.iter().collect();
    let expected = |x: &u64| work_u64(*x);
    let mut group = c.benchmark_group("ttl_hit");
    let mut plain = bench_hits(&mut group, "plain", &keys, expected, |x| plain_u64(*x));
    let mut ttl = bench_hits(&mut group, "ttl", &keys, expected, |x| ttl_u64(*x));
    group.finish();
    interleaved::report("ttl_hit", &mut [("ttl", &mut ttl), ("plain", &mut plain)]);

    // Every measured call was a hit: the misses are exactly the warm-up's first pass.
    for info in [plain_u64::cache_info(), ttl_u64::cache_info()] {
        assert_eq!(info.misses, WORKING_SET as u64, "{info}");
        assert_eq!(info.currsize, WORKING_SET, "{info}");
    }
}

fn thread_hit(c: &mut Criterion) {
    let keys = u64_keys();
    let keys: Vec<&u64> = keys.iter().collect();
    let expected = |x: &u64| work_u64(*x);
    let mut group = c.benchmark_group("thread_hit");
    let mut thread = bench_hits(&mut group, "memo_thread", &keys, expected, |x| {
        thread_u64(*x)
    });
    let mut floor = bench_hits(
        &mut group,
        "floor_thread_local_hashbrown",
        &keys,
        expected,
        |x| floor_u64(*x),
    );
    let mut memoize_thread_local = bench_hits(
        &mut group,
        "memoize_crate_thread_local",
        &keys,
        expected,
        |x| memoize_crate_thread_local_u64(*x),
    );
    let mut global = bench_hits(&mut group, "memo_global", &keys, expected, |x| {
        global_u64(*x)
    });
    group.finish();
    interleaved::report(
        "thread_hit",
        &mut [
            ("memo_thread", &mut thread),
            ("floor", &mut floor),
            ("memoize_crate_thread_local", &mut memoize_thread_local),
            ("memo_global", &mut global),
        ],
    );
    // The same hits in random order: most of them in the middle of an LRU order.
    let draws = random_draws(&keys);
    interleaved::report(
        "thread_hit random order",
        &mut [
            ("memo_thread", &mut batch(&draws, |x| thread_u64(*x))),
            ("floor", &mut batch(&draws, |x| floor_u64(*x))),
            (
                "memoize_crate_thread_local",
                &mut batch(&draws, |x| memoize_crate_thread_local_u64(*x)),
            ),
            ("memo_global", &mut batch(&draws, |x| global_u64(*x))),
        ],
    );
    // FIFO in the same random order: a hit does not relink.
    for &key in &keys {
        assert_eq!(thread_fifo_u64(*key), work_u64(*key));
    }
    interleaved::report(
        "thread_hit random order, fifo",
        &mut [
            (
                "memo_thread_fifo",
                &mut batch(&draws, |x| thread_fifo_u64(*x)),
            ),
            ("floor", &mut batch(&draws, |x| floor_u64(*x))),
            ("memo_thread", &mut batch(&draws, |x| thread_u64(*x))),
        ],
    );

    // Criterion measures on the thread that warmed the caches: every call was a hit.
    let info = thread_u64::cache_info();
    assert_eq!(info.misses, WORKING_SET as u64, "{info}");
    assert_eq!(info.currsize, WORKING_SET, "{info}");
}

/// The methods of `method_hit`: `self` is left out of the key, so the key is the free
/// functions' `(u64,)`.
struct Service;

impl Service {
    #[memo::memoize(maxsize = 1024, ignore = [self])]
    fn global(&self, x: u64) -> u64 {
        work_u64(x)
    }

    #[memo::memoize(maxsize = 1024, ignore = [self], scope = thread)]
    fn thread(&self, x: u64) -> u64 {
        work_u64(x)
    }
}

fn method_hit(c: &mut Criterion) {
    let keys = u64_keys();
    let keys: Vec<&u64> = keys.iter().collect();
    let expected = |x: &u64| work_u64(*x);
    let mut group = c.benchmark_group("method_hit");
    let mut method_global = bench_hits(&mut group, "method_global", &keys, expected, |x| {
        Service.global(*x)
    });
    let mut fn_global = bench_hits(&mut group, "fn_global", &keys, expected, |x| global_u64(*x));
    let mut method_thread = bench_hits(&mut group, "method_thread", &keys, expected, |x| {
        Service.thread(*x)
    });
    let mut fn_thread = bench_hits(&mut group, "fn_thread", &keys, expected, |x| thread_u64(*x));
    group.finish();
    interleaved::report(
        "method_hit global",
        &mut [
            ("method_global", &mut method_global),
            ("fn_global", &mut fn_global),
        ],
    );
    interleaved::report(
        "method_hit thread",
        &mut [
            ("method_thread", &mut method_thread),
            ("fn_thread", &mut fn_thread),
        ],
    );

    for info in [Service::global_cache_info(), Service::thread_cache_info()] {
        assert_eq!(info.misses, WORKING_SET as u64, "{info}");
        assert_eq!(info.currsize, WORKING_SET, "{info}");
    }
}

#[memo::memoize(maxsize = 1024)]
async fn async_u64(x: u64) -> u64 {
    work_u64(x)
}

/// The output of a future that is ready when first polled, as a hit is.
fn ready<F: Future>(future: F) -> F::Output {
    let mut context = Context::from_waker(Waker::noop());
    match pin!(future).poll(&mut context) {
        Poll::Ready(output) => output,
        Poll::Pending => unreachable!("a hit awaits nothing"),
    }
}

fn async_hit(c: &mut Criterion) {
    let keys = u64_keys();
    let keys: Vec<&u64> = keys.iter().collect();
    let expected = |x: &u64| work_u64(*x);
    let mut group = c.benchmark_group("async_hit");
    let mut async_polled = bench_hits(&mut group, "async_polled", &keys, expected, |x| {
        ready(async_u64(*x))
    });
    let mut fn_global = bench_hits(&mut group, "fn_global", &keys, expected, |x| global_u64(*x));
    group.finish();
    // The same calls awaited in one `async` block, as they are in async code: each call's
    // future is built in place, in the block's, and not moved into an executor.
    let mut async_awaited = || {
        ready(async {
            for _ in 0..PASSES {
                for &key in &keys {
                    black_box(async_u64(*black_box(key)).await);
                }
            }
        });
    };
    interleaved::report(
        "async_hit",
        &mut [
            ("async_awaited", &mut async_awaited),
            ("async_polled", &mut async_polled),
            ("fn_global", &mut fn_global),
        ],
    );

    let info = async_u64::cache_info();
    assert_eq!(info.misses, WORKING_SET as u64, "{info}");
    assert_eq!(info.currsize, WORKING_SET, "{info}");
}

fn clock_read(c: &mut Criterion) {
    use memo::{Clock, CoarseClock, SystemClock};

    let coarse = CoarseClock::new();
    let system = SystemClock::new();
    let mut group = c.benchmark_group("clock_read");
    group.bench_function("coarse_clock", |b| b.iter(|| black_box(&coarse).now()));
    group.bench_function("instant_now", |b| b.iter(std::time::Instant::now));
    group.bench_function("system_clock", |b| b.iter(|| black_box(&system).now()));
    group.finish();
    // 32_768 reads of each: about a millisecond.
    interleaved::report(
        "clock_read",
        &mut [
            ("coarse_clock", &mut || {
                for _ in 0..32_768 {
                    black_box(black_box(&coarse).now());
                }
            }),
            ("instant_now", &mut || {
                for _ in 0..32_768 {
                    black_box(std::time::Instant::now());
                }
            }),
        ],
    );
    // The exact clock of a short ttl, on the time scale the clocks share, against what it
    // reads through.
    interleaved::report(
        "clock_read exact",
        &mut [
            ("system_clock", &mut || {
                for _ in 0..32_768 {
                    black_box(black_box(&system).now());
                }
            }),
            ("instant_now", &mut || {
                for _ in 0..32_768 {
                    black_box(std::time::Instant::now());
                }
            }),
        ],
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(50)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    targets = ttl_hit, thread_hit, method_hit, async_hit, clock_read
}
criterion_main!(benches);
