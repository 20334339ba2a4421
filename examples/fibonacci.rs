//! Recursive fibonacci with and without `#[memoize]`, timed for real.
//!
//! Run with `cargo run --release --example fibonacci`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use memo::memoize;

/// The textbook exponential recursion: fib(n) makes 2 * fib(n + 1) - 1 calls.
fn fib_uncached(n: u32) -> u128 {
    if n < 2 {
        u128::from(n)
    } else {
        fib_uncached(n - 1) + fib_uncached(n - 2)
    }
}

/// The same function, memoized like Python's `@functools.lru_cache(maxsize=128)`.
#[memoize(maxsize = 128)]
fn fibonacci(n: u32) -> u128 {
    if n < 2 {
        u128::from(n)
    } else {
        fibonacci(n - 1) + fibonacci(n - 2)
    }
}

/// Calls made by the uncached recursion for fib(n): 2 * fib(n + 1) - 1 (counted with a loop,
/// so the memoized function's statistics stay those of the calls shown).
fn uncached_calls(n: u32) -> u128 {
    let (mut a, mut b) = (0u128, 1u128);
    for _ in 0..=n {
        (a, b) = (b, a + b);
    }
    2 * a - 1
}

/// The best of `runs` timings of `f`, and its result.
fn best_of<T>(runs: u32, mut f: impl FnMut() -> T) -> (T, Duration) {
    let mut best = Duration::MAX;
    let mut result = None;
    for _ in 0..runs {
        let start = Instant::now();
        let value = black_box(f());
        best = best.min(start.elapsed());
        result = Some(value);
    }
    (result.expect("runs > 0"), best)
}

fn main() {
    const N: u32 = 35;
    const FAR: u32 = 90;

    let (slow, t_slow) = best_of(3, || fib_uncached(black_box(N)));
    let (fast, t_fast) = best_of(5, || {
        fibonacci::cache_clear(); // cold every time: nothing carried over between runs
        fibonacci(black_box(N))
    });
    assert_eq!(slow, fast);
    let cold = fibonacci::cache_info(); // the statistics of the last cold run
    let calls = uncached_calls(N);
    println!("fib({N}) = {slow}");
    println!("  uncached:         {t_slow:>12.3?}  ({calls} calls)");
    println!(
        "  #[memoize] cold:  {t_fast:>12.3?}  ({} misses + {} hits), {:.0}x faster",
        cold.misses,
        cold.hits,
        t_slow.as_secs_f64() / t_fast.as_secs_f64()
    );

    let (far, t_far) = best_of(5, || {
        fibonacci::cache_clear();
        fibonacci(black_box(FAR))
    });
    let per_call = t_slow.as_secs_f64() / calls as f64;
    let estimate_years = per_call * uncached_calls(FAR) as f64 / (365.25 * 24.0 * 3600.0);
    println!("fib({FAR}) = {far}");
    println!("  #[memoize] cold:  {t_far:>12.3?}");
    println!(
        "  uncached would make {} calls: about {estimate_years:.0} years at the rate measured above",
        uncached_calls(FAR)
    );

    fibonacci::cache_clear();
    let hundred = fibonacci(100);
    println!("fibonacci(100) = {hundred} from a cleared cache:");
    println!("  {}", fibonacci::cache_info());
}
