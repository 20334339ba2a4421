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

/// Set just before a call whose store evicts a [`Leaving`] of key 1.
static ARMED: AtomicBool = AtomicBool::new(false);

/// What `cache_info()` said from the `Drop` of an evicted value.
static INFO_ON_DROP: std::sync::Mutex<Option<CacheInfo>> = std::sync::Mutex::new(None);

/// A value whose `Drop`, once armed, calls its own function and its companion.
#[derive(Clone, PartialEq, Debug)]
struct Leaving(u32);

impl Drop for Leaving {
    fn drop(&mut self) {
        if self.0 == 1 && ARMED.swap(false, Ordering::SeqCst) {
            *INFO_ON_DROP.lock().unwrap() = Some(leaving::cache_info());
            assert_eq!(leaving(3), Leaving(3));
        }
    }
}

#[memoize(maxsize = 1)]
fn leaving(n: u32) -> Leaving {
    Leaving(n)
}

#[test]
fn an_evicted_value_is_dropped_with_the_cache_unlocked() {
    within_deadline(|| {
        drop(leaving(1));
        ARMED.store(true, Ordering::SeqCst);
        // Evicts 1, whose `Drop` reads the counts and stores 3 (evicting 2) before this call
        // returns: with the lock still held, either would deadlock.
        assert_eq!(leaving(2), Leaving(2));
        assert!(
            !ARMED.load(Ordering::SeqCst),
            "the evicted value was not dropped"
        );
        let info = |hits, misses| CacheInfo {
            hits,
            misses,
            maxsize: Some(1),
            currsize: 1,
        };
        assert_eq!(*INFO_ON_DROP.lock().unwrap(), Some(info(0, 2)));
        assert_eq!(leaving(3), Leaving(3));
        assert_eq!(leaving::cache_info(), info(1, 3));
    });
}

thread_local! {
    /// Whether this thread is in a [`Ping`] or [`Pong`] `Drop` already: one call each.
    static IN_DROP: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// A value of [`ping`] whose `Drop` calls [`pong`], whose values call back.
#[derive(Clone)]
struct Ping(u32);

#[derive(Clone)]
struct Pong(u32);

impl Drop for Ping {
    fn drop(&mut self) {
        if !IN_DROP.replace(true) {
            drop(pong(self.0));
            IN_DROP.set(false);
        }
    }
}

impl Drop for Pong {
    fn drop(&mut self) {
        if !IN_DROP.replace(true) {
            drop(ping(self.0));
            IN_DROP.set(false);
        }
    }
}

#[memoize(maxsize = 2)]
fn ping(n: u32) -> Ping {
    Ping(n)
}

#[memoize(maxsize = 2)]
fn pong(n: u32) -> Pong {
    Pong(n)
}

#[test]
fn values_whose_drops_call_each_others_functions_do_not_deadlock_across_threads() {
    // With evicted values dropped under the lock, one thread would hold `ping`'s lock and
    // wait for `pong`'s while the other holds `pong`'s and waits for `ping`'s.
    within_deadline(|| {
        let a = thread::spawn(|| (0..20_000).for_each(|i| drop(ping(i % 5))));
        let b = thread::spawn(|| (0..20_000).for_each(|i| drop(pong(i % 7))));
        a.join().unwrap();
        b.join().unwrap();
        for info in [ping::cache_info(), pong::cache_info()] {
            assert_eq!(info.currsize, 2, "{info}");
            assert!(info.hits + info.misses >= 20_000, "{info}");
        }
    });
}
