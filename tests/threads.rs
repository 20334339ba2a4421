//! `#[memoize]` under contention: one cache shared by every thread.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::{Duration, Instant};

use memo::{CacheInfo, memoize};

/// How long a test may take before it is taken for a deadlock.
const DEADLINE: Duration = Duration::from_secs(120);

/// Runs `test` on a thread of its own and propagates its panic; fails if it is still running
/// after [`DEADLINE`], which is how a deadlock shows.
fn within_deadline(test: impl FnOnce() + Send + 'static) {
    let start = Instant::now();
    let handle = thread::spawn(test);
    while !handle.is_finished() {
        assert!(
            start.elapsed() < DEADLINE,
            "still running after {DEADLINE:?}: deadlock"
        );
        thread::sleep(Duration::from_millis(10));
    }
    if let Err(panic) = handle.join() {
        std::panic::resume_unwind(panic);
    }
}

const MAXSIZE: usize = 4;

/// Recursive with one self-call per level, so its cost stays linear however often other
/// threads evict or clear entries midway. (Fibonacci with 8 threads sharing 4 entries is
/// not: every eviction of fib(n - 2) before it is reused doubles the work, and a run can
/// take minutes.)
#[memoize(maxsize = 4)]
fn triangle(n: u32) -> u64 {
    if n == 0 {
        0
    } else {
        u64::from(n) + triangle(n - 1)
    }
}

fn expected_triangle(n: u32) -> u64 {
    u64::from(n) * (u64::from(n) + 1) / 2
}

#[test]
fn recursion_from_many_threads_while_another_clears() {
    within_deadline(|| {
        let stop = Arc::new(AtomicBool::new(false));
        let clearer = {
            let stop = Arc::clone(&stop);
            thread::spawn(move || {
                let mut rounds = 0_u64;
                while !stop.load(Ordering::Relaxed) {
                    let info = triangle::cache_info();
                    assert!(info.currsize <= MAXSIZE, "{info}");
                    assert_eq!(info.maxsize, Some(MAXSIZE));
                    triangle::cache_clear();
                    rounds += 1;
                    thread::yield_now();
                }
                rounds
            })
        };
        let workers: Vec<_> = (0..8_u32)
            .map(|worker| {
                thread::spawn(move || {
                    for round in 0..10_000_u32 {
                        let n = (worker * 7 + round) % 200;
                        assert_eq!(triangle(n), expected_triangle(n), "triangle({n})");
                        assert!(triangle::cache_info().currsize <= MAXSIZE);
                    }
                })
            })
            .collect();
        for worker in workers {
            worker.join().unwrap();
        }
        stop.store(true, Ordering::Relaxed);
        let rounds = clearer.join().unwrap();
        assert!(rounds > 0);
        let info = triangle::cache_info();
        assert!(info.currsize <= MAXSIZE, "{info}");
    });
}

static RACE: Barrier = Barrier::new(2);
static TICKETS: AtomicUsize = AtomicUsize::new(0);
static FIRST_STORED: AtomicBool = AtomicBool::new(false);

/// Both callers miss and compute at once; the one with ticket 2 returns only after the one
/// with ticket 1 has returned, so its value has been stored.
#[memoize]
fn racy(key: u32) -> usize {
    let ticket = TICKETS.fetch_add(1, Ordering::SeqCst) + 1;
    RACE.wait();
    if ticket == 2 {
        while !FIRST_STORED.load(Ordering::SeqCst) {
            thread::yield_now();
        }
    }
    ticket + key as usize
}

#[test]
fn the_first_stored_value_stays_and_each_caller_gets_its_own() {
    within_deadline(|| {
        let callers: Vec<_> = (0..2)
            .map(|_| {
                thread::spawn(|| {
                    let value = racy(10);
                    if value == 11 {
                        FIRST_STORED.store(true, Ordering::SeqCst);
                    }
                    value
                })
            })
            .collect();
        let mut values: Vec<_> = callers.into_iter().map(|c| c.join().unwrap()).collect();
        values.sort_unstable();
        assert_eq!(values, [11, 12]);
        assert_eq!(racy(10), 11);
        assert_eq!(
            racy::cache_info(),
            CacheInfo {
                hits: 1,
                misses: 2,
                maxsize: Some(128),
                currsize: 1
            }
        );
    });
}
