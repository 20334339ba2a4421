//! Recursive fibonacci: uncached against `#[memoize]` with a cold cache.
//!
//! - group `fibonacci`, functions `uncached/N` and `memoize_cold/N` for N = 20, 25, 30:
//!   `memoize_cold` clears the cache before every measured call (outside the timing,
//!   `BatchSize::PerIteration`), so each call computes fib(N) from nothing: N + 1 misses
//!   and N - 2 hits (checked before anything is measured). `memoize_cold_with_clear/N`
//!   times the `cache_clear()` and the call together, as a check that the untimed setup
//!   hides nothing.
//! - group `fibonacci_far`: `memoize_cold/90`, out of reach uncached (~10^19 calls).
//!
//! Then the speed-up of each N, measured in turns (`interleaved/mod.rs`): a line
//! `interleaved fib(N) speed-up, 61 rounds: uncached/memoize_cold_with_clear S [q1, q3]`
//! gives the median of (uncached time / time of a clear and a memoized call) over rounds
//! that each time both, with its quartiles.
//!
//! Run with `cargo bench --bench fibonacci`; sized to finish in about a minute.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use memo::memoize;

mod interleaved;

fn fib_uncached(n: u32) -> u128 {
    if n < 2 {
        u128::from(n)
    } else {
        fib_uncached(n - 1) + fib_uncached(n - 2)
    }
}

#[memoize(maxsize = 128)]
fn fib_memo(n: u32) -> u128 {
    if n < 2 {
        u128::from(n)
    } else {
        fib_memo(n - 1) + fib_memo(n - 2)
    }
}

/// Checks, before anything is measured, that a cold call computes fib(n) from nothing:
/// each of fib(0..=n) misses once, and each fib(k - 2) for k in 3..=n hits (fib(0), which
/// fib(2) asks for second, is not stored yet then).
fn check_cold(n: u32, expected: u128) {
    fib_memo::cache_clear();
    assert_eq!(fib_memo(n), expected, "fib({n})");
    let info = fib_memo::cache_info();
    assert_eq!(
        (info.hits, info.misses),
        (u64::from(n) - 2, u64::from(n) + 1),
        "{info}"
    );
}

fn fibonacci(c: &mut Criterion) {
    for n in [20u32, 25, 30] {
        check_cold(n, fib_uncached(n));
    }
    check_cold(90, 2_880_067_194_370_816_120);

    let mut group = c.benchmark_group("fibonacci");
    for n in [20u32, 25, 30] {
        group.bench_with_input(BenchmarkId::new("uncached", n), &n, |b, &n| {
            b.iter(|| fib_uncached(black_box(n)));
        });
        group.bench_with_input(BenchmarkId::new("memoize_cold", n), &n, |b, &n| {
            b.iter_batched(
                fib_memo::cache_clear,
                |()| fib_memo(black_box(n)),
                BatchSize::PerIteration,
            );
        });
        group.bench_with_input(
            BenchmarkId::new("memoize_cold_with_clear", n),
            &n,
            |b, &n| {
                b.iter(|| {
                    fib_memo::cache_clear();
                    fib_memo(black_box(n))
                });
            },
        );
    }
    group.finish();

    let mut group = c.benchmark_group("fibonacci_far");
    group.bench_function(BenchmarkId::new("memoize_cold", 90), |b| {
        b.iter_batched(
            fib_memo::cache_clear,
            |()| fib_memo(black_box(90)),
            BatchSize::PerIteration,
        );
    });
    group.finish();

    // Both batches make the same number of calls, so the ratio of their times is the
    // speed-up of one call; about a millisecond of uncached work each (fib(20) takes tens of
    // microseconds uncached, fib(30) milliseconds).
    for (n, calls) in [(20u32, 32), (25, 3), (30, 1)] {
        let mut uncached = || {
            for _ in 0..calls {
                black_box(fib_uncached(black_box(n)));
            }
        };
        let mut memoized = || {
            for _ in 0..calls {
                fib_memo::cache_clear();
                black_box(fib_memo(black_box(n)));
            }
        };
        interleaved::report(
            &format!("fib({n}) speed-up"),
            &mut [
                ("uncached", &mut uncached),
                ("memoize_cold_with_clear", &mut memoized),
            ],
        );
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = fibonacci
}
criterion_main!(benches);
