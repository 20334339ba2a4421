//! `scope = thread`: one cache per thread, no lock; `cache_info()` and `cache_clear()` act
//! on the calling thread's cache.
//!
//! Every test uses memoized functions of its own (libtest may run tests one after another on
//! one thread); the counts asserted are the calling thread's.
#![deny(missing_docs, unused)]

mod common;

use common::info;

use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::Duration;

use memo::{Scope, memoize};

static SQUARE_CALLS: AtomicUsize = AtomicUsize::new(0);

#[memoize(scope = thread, maxsize = 16)]
fn local_square(n: u64) -> u64 {
    SQUARE_CALLS.fetch_add(1, Ordering::SeqCst);
    n * n
}

#[test]
fn each_thread_has_its_own_cache_and_counts() {
    assert_eq!(local_square(3), 9);
    assert_eq!(local_square(3), 9);
    assert_eq!(local_square::cache_info(), info(1, 1, Some(16), 1));
    let start = Arc::new(Barrier::new(2));
    let other = {
        let start = Arc::clone(&start);
        thread::spawn(move || {
            start.wait();
            // A new thread starts with an empty cache: 3 is a miss again.
            assert_eq!(local_square::cache_info(), info(0, 0, Some(16), 0));
            assert_eq!(local_square(3), 9);
            assert_eq!(local_square(4), 16);
            assert_eq!(local_square(4), 16);
            assert_eq!(local_square::cache_info(), info(1, 2, Some(16), 2));
            local_square::cache_clear();
            assert_eq!(local_square::cache_info(), info(0, 0, Some(16), 0));
        })
    };
    start.wait();
    other.join().unwrap();
    // The other thread's calls and its `cache_clear` did not touch this thread's cache.
    assert_eq!(local_square::cache_info(), info(1, 1, Some(16), 1));
    assert_eq!(local_square(3), 9);
    assert_eq!(local_square::cache_info(), info(2, 1, Some(16), 1));
    assert_eq!(local_square::cache_parameters().scope, Scope::Thread);
}

#[memoize(scope = thread, maxsize = 16)]
fn local_cube(n: u64) -> u64 {
    n * n * n
}

#[test]
fn many_threads_each_count_their_own() {
    let threads: Vec<_> = (0..4_u64)
        .map(|t| {
            thread::spawn(move || {
                for round in 0..3 {
                    for n in 0..10 {
                        assert_eq!(local_cube(n + t), (n + t).pow(3));
                    }
                    let expected = info(10 * round, 10, Some(16), 10);
                    assert_eq!(local_cube::cache_info(), expected);
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
}

/// `Rc` is not `Send`: a per-thread cache may hold it.
#[memoize(scope = thread)]
fn shared_text(n: u32) -> Rc<str> {
    format!("text {n}").into()
}

#[test]
fn values_need_not_be_send() {
    let first = shared_text(1);
    let second = shared_text(1);
    assert!(Rc::ptr_eq(&first, &second));
    // Two handles here and one in the cache.
    assert_eq!(Rc::strong_count(&first), 3);
    shared_text::cache_clear();
    assert_eq!(Rc::strong_count(&first), 2);
}

/// Nor are keys.
#[memoize(scope = thread)]
fn rc_len(text: Rc<str>) -> usize {
    text.len()
}

#[test]
fn keys_need_not_be_send() {
    let text: Rc<str> = "four".into();
    assert_eq!(rc_len(Rc::clone(&text)), 4);
    assert_eq!(rc_len(text), 4);
    assert_eq!(rc_len::cache_info(), info(1, 1, Some(128), 1));
}

#[memoize(scope = thread, maxsize = 3)]
fn fibonacci(n: u32) -> u64 {
    if n < 2 {
        u64::from(n)
    } else {
        fibonacci(n - 1) + fibonacci(n - 2)
    }
}

#[test]
fn recursion_works_with_python_counts() {
    assert_eq!(fibonacci(60), 1_548_008_755_920);
    // As Python's `lru_cache(maxsize=3)`: the cache is not held while the body runs.
    assert_eq!(fibonacci::cache_info(), info(58, 61, Some(3), 3));
}

#[memoize(scope = thread, maxsize = 2, policy = fifo)]
fn local_fifo(n: u32) -> u32 {
    n * 2
}

#[test]
fn policies_work_per_thread() {
    for n in [1, 2, 1, 3, 1] {
        local_fifo(n);
    }
    assert_eq!(local_fifo::cache_info(), info(1, 4, Some(2), 2));
}

static PARSE_CALLS: AtomicUsize = AtomicUsize::new(0);

#[memoize(scope = thread)]
fn local_parse(text: &str) -> Result<u32, std::num::ParseIntError> {
    PARSE_CALLS.fetch_add(1, Ordering::SeqCst);
    text.parse()
}

#[test]
fn result_and_thread_scope_combine() {
    assert!(local_parse("x").is_err());
    assert!(local_parse("x").is_err());
    assert_eq!(local_parse("5"), Ok(5));
    assert_eq!(local_parse("5"), Ok(5));
    assert_eq!(local_parse::cache_info(), info(1, 3, Some(128), 1));
}

/// An error that borrows the argument, as with the global scope.
#[memoize(scope = thread)]
fn local_parse_borrowed(text: &str) -> Result<u32, &str> {
    text.parse().map_err(|_| text)
}

#[test]
fn a_borrowing_error_and_thread_scope_combine() {
    let bad = String::from("x");
    assert_eq!(local_parse_borrowed(&bad), Err("x"));
    assert_eq!(local_parse_borrowed(&bad), Err("x"));
    assert_eq!(local_parse_borrowed("5"), Ok(5));
    assert_eq!(local_parse_borrowed("5"), Ok(5));
    assert_eq!(local_parse_borrowed::cache_info(), info(1, 3, Some(128), 1));
}

#[memoize(scope = thread, maxsize = 4, ttl = Duration::ZERO)]
fn local_never_served(n: u32) -> u32 {
    n
}

#[memoize(scope = thread, maxsize = None, ttl = Duration::from_secs(3600))]
fn local_for_an_hour(n: u32) -> u32 {
    n
}

#[test]
fn ttl_and_thread_scope_combine() {
    for n in [1, 1, 2] {
        local_never_served(n);
        local_for_an_hour(n);
    }
    assert_eq!(local_never_served::cache_info(), info(0, 3, Some(4), 0));
    assert_eq!(local_for_an_hour::cache_info(), info(1, 2, None, 2));
    let parameters = local_for_an_hour::cache_parameters();
    assert_eq!(
        (parameters.ttl, parameters.scope),
        (Some(Duration::from_secs(3600)), Scope::Thread)
    );
}

#[memoize(scope = thread, key = name.to_lowercase(), key_type = String)]
fn local_greeting(name: &str) -> String {
    format!("hello {name}")
}

#[memoize(scope = thread, ignore = [log])]
fn local_logged(log: &std::cell::RefCell<Vec<u32>>, n: u32) -> u32 {
    log.borrow_mut().push(n);
    n
}

#[test]
fn keys_and_thread_scope_combine() {
    assert_eq!(local_greeting("Ada"), "hello Ada");
    assert_eq!(local_greeting("ADA"), "hello Ada");
    assert_eq!(local_greeting::cache_info(), info(1, 1, Some(128), 1));
    let log = std::cell::RefCell::new(Vec::new());
    local_logged(&log, 1);
    local_logged(&log, 1);
    assert_eq!(*log.borrow(), [1]);
}

#[memoize(scope = thread)]
fn local_fragile(n: u32) -> u32 {
    assert!(n != 0, "zero");
    n
}

#[test]
fn a_panic_leaves_the_thread_cache_usable() {
    assert!(std::panic::catch_unwind(|| local_fragile(0)).is_err());
    assert_eq!(local_fragile(1), 1);
    assert_eq!(local_fragile(1), 1);
    assert_eq!(local_fragile::cache_info(), info(1, 2, Some(128), 1));
}

/// A value whose `Drop` calls the other function below, once.
#[derive(Clone, PartialEq, Debug)]
struct Farewell(u32);

impl Drop for Farewell {
    fn drop(&mut self) {
        match self.0 {
            1 => drop(farewell_b(2)),
            3 => drop(farewell_a(4)),
            _ => {}
        }
    }
}

#[memoize(scope = thread)]
fn farewell_a(n: u32) -> Farewell {
    Farewell(n)
}

#[memoize(scope = thread)]
fn farewell_b(n: u32) -> Farewell {
    Farewell(n)
}

#[test]
fn a_value_dropped_at_thread_exit_may_call_a_cache_already_destroyed() {
    // At the thread's exit, whichever cache is destroyed second drops a value that calls
    // the function of the first, already destroyed: the call runs without it (a panic
    // there would abort the process).
    std::thread::spawn(|| {
        assert_eq!(farewell_a(1), Farewell(1));
        assert_eq!(farewell_b(3), Farewell(3));
    })
    .join()
    .unwrap();
}

/// A value whose `Drop`, for key 1, calls its own function: evicted, it is dropped with the
/// thread's cache no longer borrowed.
#[derive(Clone, PartialEq, Debug)]
struct Evicted(u32);

impl Drop for Evicted {
    fn drop(&mut self) {
        if self.0 == 1 {
            assert_eq!(evicted(3), Evicted(3));
        }
    }
}

#[memoize(maxsize = 1, scope = thread)]
fn evicted(n: u32) -> Evicted {
    Evicted(n)
}

#[test]
fn an_evicted_value_may_call_its_own_thread_scope_function() {
    // The first call's own result (an `Evicted(1)`) calls `evicted(3)` when dropped here:
    // a miss storing 3, which evicts 1, whose `Drop` calls `evicted(3)` again, a hit.
    drop(evicted(1));
    assert_eq!(evicted::cache_info(), info(1, 2, Some(1), 1));
    // Evicting 3 drops nothing that calls.
    assert_eq!(evicted(2), Evicted(2));
    assert_eq!(evicted::cache_info(), info(1, 3, Some(1), 1));
}
