//! Recursive fibonacci: uncached against `#[memoize]` with a cold cache.
//!
//! - group `fibonacci`, functions `uncached/N` and `memoize_cold/N` for N = 20, 25, 30:
//!   `memoize_cold` clears the cache before every measured call (outside the timing,
//!   `BatchSize::PerIteration`), so each call computes fib(N) from nothing: N + 1 misses
//!   and N - 1 hits. `memoize_cold_with_clear/N` times the `cache_clear()` and the call
//!   together, as a check that the untimed setup hides nothing.
//! - group `fibonacci_far`: `memoize_cold/90`, out of reach uncached (~10^19 calls).
//!
//! Run with `cargo bench --bench fibonacci`; sized to finish in well under a minute.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use memo::memoize;

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

fn fibonacci(c: &mut Criterion) {
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

    // Sanity: the cold runs really were cold and computed the right thing.
    fib_memo::cache_clear();
    assert_eq!(fib_memo(90), 2_880_067_194_370_816_120);
    let info = fib_memo::cache_info();
    assert_eq!((info.hits, info.misses), (89, 91), "{info}");
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
