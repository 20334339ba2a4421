//! Asserting on hit and miss counts: `cache_info()` and `cache_clear()` in tests.
//!
//! Run with `cargo run --example stats_in_tests`; its `#[test]`s, at the bottom, run with
//! `cargo test --example stats_in_tests` (and with `cargo test --workspace`).
//!
//! A memoized function has one cache for the whole process, and cargo runs `#[test]`s in
//! parallel threads: a test that asserts on counts gives itself a memoized function of its
//! own (it may be declared inside the test), or uses `scope = thread`, whose counts are the
//! calling thread's, as the tests below do.

use std::sync::atomic::{AtomicUsize, Ordering};

use memo::{CacheInfo, memoize};

/// How often the body really ran, to show that misses are exactly the body's runs.
static BODY_RUNS: AtomicUsize = AtomicUsize::new(0);

/// Something "expensive" keyed by a `&str` (it counts runs of vowels): the key is the
/// string's contents, so equal strings from different allocations share one entry.
#[memoize(maxsize = 2)]
fn vowel_groups(word: &str) -> usize {
    BODY_RUNS.fetch_add(1, Ordering::Relaxed);
    let vowel = |c: char| "aeiouy".contains(c);
    let mut count = 0;
    let mut previous_was_vowel = false;
    for c in word.chars() {
        let is_vowel = vowel(c.to_ascii_lowercase());
        if is_vowel && !previous_was_vowel {
            count += 1;
        }
        previous_was_vowel = is_vowel;
    }
    count
}

fn info(hits: u64, misses: u64, currsize: usize) -> CacheInfo {
    CacheInfo {
        hits,
        misses,
        maxsize: Some(2),
        currsize,
    }
}

fn check(what: &str, expected: CacheInfo) {
    let got = vowel_groups::cache_info();
    assert_eq!(got, expected, "{what}");
    assert_eq!(
        BODY_RUNS.load(Ordering::Relaxed) as u64,
        got.misses,
        "{what}: every miss runs the body once"
    );
    println!("ok  {what:<52} {got}");
}

fn main() {
    check("a fresh function has empty statistics", info(0, 0, 0));

    assert_eq!(vowel_groups("memoize"), 3);
    check("first call is a miss", info(0, 1, 1));

    assert_eq!(vowel_groups("memoize"), 3);
    check("same argument again is a hit", info(1, 1, 1));

    let owned = String::from("memo") + "ize"; // another allocation, same contents
    assert_eq!(vowel_groups(&owned), 3);
    check("an equal String from elsewhere is a hit", info(2, 1, 1));

    assert_eq!(vowel_groups("cache"), 2);
    assert_eq!(vowel_groups("python"), 2);
    check("a third key evicts the least recently used", info(2, 3, 2));

    assert_eq!(vowel_groups("python"), 2);
    assert_eq!(vowel_groups("memoize"), 3);
    check("the evicted key misses again", info(3, 4, 2));

    vowel_groups::cache_clear();
    BODY_RUNS.store(0, Ordering::Relaxed);
    check(
        "cache_clear() empties it and resets the counters",
        info(0, 0, 0),
    );

    assert_eq!(vowel_groups("memoize"), 3);
    check("after clearing, calls miss again", info(0, 1, 1));

    println!("all checks passed");
}

/// The two ways for tests that run in parallel to assert on counts without seeing each
/// other's calls.
#[cfg(test)]
mod tests {
    use memo::{CacheInfo, memoize};

    #[test]
    fn a_function_declared_in_the_test_has_a_cache_of_its_own() {
        #[memoize(maxsize = 8)]
        fn square(n: u64) -> u64 {
            n * n
        }

        assert_eq!([square(3), square(3), square(4)], [9, 9, 16]);
        let CacheInfo { hits, misses, .. } = square::cache_info();
        assert_eq!((hits, misses), (1, 2));
    }

    /// Shared by the tests below, each of which counts on its own thread's cache.
    #[memoize(scope = thread)]
    fn cube(n: u64) -> u64 {
        n * n * n
    }

    #[test]
    fn a_thread_scoped_cache_counts_the_calling_threads_calls() {
        assert_eq!([cube(2), cube(2)], [8, 8]);
        assert_eq!(cube::cache_info().hits, 1);
    }

    #[test]
    fn another_test_on_the_same_function_counts_apart() {
        assert_eq!([cube(2), cube(3), cube(3)], [8, 27, 27]);
        assert_eq!(cube::cache_info().misses, 2);
    }
}
