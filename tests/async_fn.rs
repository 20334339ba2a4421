//! `#[memoize]` on an `async fn`: a hit is returned without awaiting anything, a miss awaits
//! the body with no lock held and stores what it returns, with the semantics of a
//! synchronous function. A future dropped before it completes (a cancelled task) is a call
//! that panicked: its miss stays counted and it stores nothing.
//!
//! The futures here wait on nothing but [`yield_once`], so `block_on` (in `common`) runs them
//! without a runtime. Every test uses functions of its own: the tests run in parallel.
#![deny(missing_docs, unused)]

mod common;

use common::{Calls, block_on, info, yield_once};

use std::future::Future;
use std::pin::pin;
use std::sync::LazyLock;
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::Duration;

use memo::{CacheParameters, ManualClock, Policy, Scope, memoize};

/// Polls `future` once, without a task to wake: how a test leaves a call halfway, at its
/// first `.await` that is pending.
fn poll_once<F: Future + ?Sized>(future: std::pin::Pin<&mut F>) -> Poll<F::Output> {
    future.poll(&mut Context::from_waker(Waker::noop()))
}

/// The future is `Send`, though it borrows its arguments.
fn sendable<F: Future + Send>(future: F) -> F {
    future
}

/// The future is `Send` and `'static` (so a multi-threaded runtime can spawn it) when its
/// arguments are.
fn spawnable<F: Future + Send + 'static>(future: F) -> F {
    future
}

static GREET_CALLS: Calls = Calls::new();

#[memoize(maxsize = 2)]
async fn greet(name: &str, times: u32) -> String {
    GREET_CALLS.count();
    yield_once().await;
    name.repeat(times as usize)
}

#[test]
fn an_async_fn_is_cached_as_a_function_is() {
    assert_eq!(block_on(sendable(greet("ab", 2))), "abab");
    assert_eq!(block_on(greet("ab", 2)), "abab");
    assert_eq!(greet::cache_info(), info(1, 1, Some(2), 1));
    block_on(greet("c", 1));
    block_on(greet("d", 1));
    // LRU: ("ab", 2) was the least recently used of the three.
    assert_eq!(greet::cache_info(), info(1, 3, Some(2), 2));
    block_on(greet("ab", 2));
    assert_eq!(GREET_CALLS.get(), 4);
    assert_eq!(greet::cache_info(), info(1, 4, Some(2), 2));

    // `uncached` awaits the body itself, and counts nowhere.
    assert_eq!(block_on(greet::uncached("x", 3)), "xxx");
    assert_eq!(GREET_CALLS.get(), 5);
    assert_eq!(greet::cache_info(), info(1, 4, Some(2), 2));
    assert_eq!(
        greet::cache_parameters(),
        CacheParameters {
            maxsize: Some(2),
            policy: Policy::Lru,
            ttl: None,
            scope: Scope::Global,
        }
    );

    greet::cache_clear();
    assert_eq!(greet::cache_info(), info(0, 0, Some(2), 0));
}

/// Each pair is the same recursive fibonacci, `async` and not: both must count the same
/// hits and misses, evicting at the same points of the recursion (the synchronous one is
/// checked against CPython in `cpython_parity`).
macro_rules! fibonacci_pair {
    ($async_fn:ident, $sync_fn:ident, $maxsize:tt) => {
        #[memoize(maxsize = $maxsize)]
        async fn $async_fn(n: u32) -> u64 {
            if n < 2 {
                n.into()
            } else {
                // A recursive `async fn` needs its recursive futures boxed.
                Box::pin($async_fn(n - 1)).await + Box::pin($async_fn(n - 2)).await
            }
        }

        #[memoize(maxsize = $maxsize)]
        fn $sync_fn(n: u32) -> u64 {
            if n < 2 {
                n.into()
            } else {
                $sync_fn(n - 1) + $sync_fn(n - 2)
            }
        }
    };
}

fibonacci_pair!(fib_0, sync_fib_0, 0);
fibonacci_pair!(fib_1, sync_fib_1, 1);
fibonacci_pair!(fib_2, sync_fib_2, 2);
fibonacci_pair!(fib_3, sync_fib_3, 3);
fibonacci_pair!(fib_16, sync_fib_16, 16);
fibonacci_pair!(fib_none, sync_fib_none, None);

#[test]
fn recursion_counts_and_evicts_as_the_synchronous_function_does() {
    macro_rules! check {
        ($async_fn:ident, $sync_fn:ident) => {
            for n in [18, 5, 18, 20] {
                assert_eq!(
                    block_on($async_fn(n)),
                    $sync_fn(n),
                    "{}",
                    stringify!($async_fn)
                );
                assert_eq!(
                    $async_fn::cache_info(),
                    $sync_fn::cache_info(),
                    "{}({n})",
                    stringify!($async_fn)
                );
            }
        };
    }
    check!(fib_0, sync_fib_0);
    check!(fib_1, sync_fib_1);
    check!(fib_2, sync_fib_2);
    check!(fib_3, sync_fib_3);
    check!(fib_16, sync_fib_16);
    check!(fib_none, sync_fib_none);
    // fib(18): 19 misses and 16 hits; fib(5), fib(18): a hit each; fib(20): 2 misses
    // (20 and 19) and 3 hits (18, 17 and 18).
    assert_eq!(fib_none::cache_info(), info(21, 21, None, 21));
}

static CANCELLED_CALLS: Calls = Calls::new();

#[memoize(maxsize = 4)]
async fn cancelled(n: u32) -> u32 {
    CANCELLED_CALLS.count();
    yield_once().await;
    n * 2
}

#[test]
fn a_future_dropped_halfway_counts_its_miss_and_stores_nothing() {
    {
        let mut call = pin!(cancelled(7));
        assert!(poll_once(call.as_mut()).is_pending());
    }
    assert_eq!(CANCELLED_CALLS.get(), 1);
    assert_eq!(cancelled::cache_info(), info(0, 1, Some(4), 0));
    assert_eq!(block_on(cancelled(7)), 14);
    assert_eq!(block_on(cancelled(7)), 14);
    assert_eq!(CANCELLED_CALLS.get(), 2);
    assert_eq!(cancelled::cache_info(), info(1, 2, Some(4), 1));
}

static BOUNDED_CALLS: Calls = Calls::new();

/// Returns which call of the body it is.
#[memoize(maxsize = 4)]
async fn bounded_call_number(_n: u32) -> usize {
    BOUNDED_CALLS.count();
    let number = BOUNDED_CALLS.get();
    yield_once().await;
    number
}

static UNBOUNDED_CALLS: Calls = Calls::new();

/// Returns which call of the body it is.
#[memoize(maxsize = None)]
async fn unbounded_call_number(_n: u32) -> usize {
    UNBOUNDED_CALLS.count();
    let number = UNBOUNDED_CALLS.get();
    yield_once().await;
    number
}

/// Two calls of one key in flight at once (two tasks): both miss and run the body. Each
/// caller gets its own result; a bounded cache keeps the first one stored, an unbounded one
/// the last, as CPython's two wrappers do for two threads.
#[test]
fn two_calls_in_flight_store_as_two_threads_would() {
    let mut first = pin!(bounded_call_number(1));
    assert!(poll_once(first.as_mut()).is_pending());
    assert_eq!(block_on(bounded_call_number(1)), 2);
    assert_eq!(poll_once(first.as_mut()), Poll::Ready(1));
    assert_eq!(block_on(bounded_call_number(1)), 2);
    assert_eq!(bounded_call_number::cache_info(), info(1, 2, Some(4), 1));

    let mut first = pin!(unbounded_call_number(1));
    assert!(poll_once(first.as_mut()).is_pending());
    assert_eq!(block_on(unbounded_call_number(1)), 2);
    assert_eq!(poll_once(first.as_mut()), Poll::Ready(1));
    assert_eq!(block_on(unbounded_call_number(1)), 1);
    assert_eq!(unbounded_call_number::cache_info(), info(1, 2, None, 1));
}

static PARSE_CALLS: Calls = Calls::new();

#[memoize]
async fn parse(text: &str) -> Result<u32, String> {
    PARSE_CALLS.count();
    yield_once().await;
    text.parse().map_err(|_| format!("not a number: {text}"))
}

#[test]
fn an_err_is_not_cached() {
    assert_eq!(block_on(parse("12")), Ok(12));
    assert_eq!(block_on(parse("12")), Ok(12));
    assert!(block_on(parse("x")).is_err());
    assert!(block_on(parse("x")).is_err());
    assert_eq!(PARSE_CALLS.get(), 3);
    assert_eq!(parse::cache_info(), info(1, 3, Some(128), 1));
}

static CLOCK: LazyLock<ManualClock> = LazyLock::new(ManualClock::new);

static LOOKUP_CALLS: Calls = Calls::new();

/// A lookup through a connection that is no part of the key.
#[memoize(
    key = name.to_lowercase(),
    key_type = String,
    ttl = Duration::from_secs(60),
    clock = CLOCK.clone(),
)]
async fn lookup(connection: &Connection, name: &str) -> u32 {
    LOOKUP_CALLS.count();
    yield_once().await;
    connection.base + u32::try_from(name.len()).unwrap()
}

/// Not `Hash`: it is not in the key of `lookup`.
struct Connection {
    base: u32,
}

#[test]
fn options_combine_with_async() {
    let connection = Connection { base: 100 };
    assert_eq!(block_on(lookup(&connection, "Ab")), 102);
    assert_eq!(block_on(lookup(&connection, "aB")), 102);
    assert_eq!(lookup::cache_info(), info(1, 1, Some(128), 1));
    CLOCK.advance(Duration::from_secs(60));
    assert_eq!(lookup::cache_info(), info(1, 1, Some(128), 0));
    assert_eq!(block_on(lookup(&connection, "ab")), 102);
    assert_eq!(LOOKUP_CALLS.get(), 2);
    assert_eq!(lookup::cache_info(), info(1, 2, Some(128), 1));
}

static FETCH_CALLS: Calls = Calls::new();

/// A client whose requests are cached by the client and the path.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Client {
    host: String,
}

impl Client {
    /// Keyed on `self` and `path`.
    #[memoize(maxsize = 8)]
    async fn fetch(&self, path: &str) -> String {
        FETCH_CALLS.count();
        yield_once().await;
        format!("{}{path}", self.host)
    }

    /// Keyed on `n` only.
    #[memoize(ignore = [self])]
    async fn square(&self, n: u64) -> u64 {
        yield_once().await;
        n * n
    }
}

#[test]
fn an_async_method_is_keyed_on_self() {
    let a = Client {
        host: "a.example".to_owned(),
    };
    let b = Client {
        host: "b.example".to_owned(),
    };
    assert_eq!(block_on(sendable(a.fetch("/x"))), "a.example/x");
    assert_eq!(block_on(a.fetch("/x")), "a.example/x");
    assert_eq!(block_on(b.fetch("/x")), "b.example/x");
    assert_eq!(FETCH_CALLS.get(), 2);
    assert_eq!(Client::fetch_cache_info(), info(1, 2, Some(8), 2));
    assert_eq!(block_on(Client::fetch_uncached(&a, "/y")), "a.example/y");
    assert_eq!(Client::fetch_cache_info(), info(1, 2, Some(8), 2));

    assert_eq!(block_on(a.square(3)), 9);
    assert_eq!(block_on(b.square(3)), 9);
    assert_eq!(Client::square_cache_info(), info(1, 1, Some(128), 1));
}

static TRIANGLE_CALLS: Calls = Calls::new();
static TRIANGLE_ZERO_CALLS: Calls = Calls::new();

#[memoize(maxsize = 4)]
async fn triangle(n: u32) -> u64 {
    TRIANGLE_CALLS.count();
    yield_once().await;
    if n == 0 {
        TRIANGLE_ZERO_CALLS.count();
        0
    } else {
        u64::from(n) + Box::pin(triangle(n - 1)).await
    }
}

/// The futures are `Send`: tasks on several threads share the cache, whose lock is never
/// held across an `.await`.
#[test]
fn tasks_on_many_threads_share_the_cache() {
    const THREADS: u32 = 8;
    const CALLS: u32 = 200;
    thread::scope(|scope| {
        for thread in 0..THREADS {
            scope.spawn(move || {
                for call in 0..CALLS {
                    let n = (thread * 7 + call) % 30;
                    let expected = u64::from(n) * u64::from(n + 1) / 2;
                    assert_eq!(block_on(spawnable(triangle(n))), expected);
                }
            });
        }
    });
    let info = triangle::cache_info();
    // 30 keys went through a cache of 4.
    assert_eq!(info.currsize, 4, "{info}");
    // Every miss ran the body once, and nothing else did; each body but `triangle(0)`'s
    // makes one recursive call, which is a hit or a miss too. So the calls are the tasks'
    // and one per body but those of `triangle(0)`, and all but the misses are hits.
    assert_eq!(info.misses, TRIANGLE_CALLS.get() as u64, "{info}");
    assert_eq!(
        info.hits,
        u64::from(THREADS * CALLS) - TRIANGLE_ZERO_CALLS.get() as u64,
        "{info}"
    );
}

static MOVED_CALLS: Calls = Calls::new();

#[memoize(maxsize = 4)]
async fn moved(n: u32) -> u32 {
    MOVED_CALLS.count();
    yield_once().await;
    n + 1
}

/// A task that misses on one thread and resumes on another (as a multi-threaded runtime
/// moves tasks) stores into the one cache all threads share.
#[test]
fn a_future_that_moves_between_threads_stores_its_output() {
    let mut call = Box::pin(spawnable(moved(1)));
    assert!(poll_once(call.as_mut()).is_pending());
    assert_eq!(moved::cache_info(), info(0, 1, Some(4), 0));
    let output = thread::spawn(move || block_on(call)).join().unwrap();
    assert_eq!(output, 2);
    assert_eq!(moved::cache_info(), info(0, 1, Some(4), 1));
    // A hit is ready at the first poll: it awaits nothing.
    let mut hit = pin!(moved(1));
    assert_eq!(poll_once(hit.as_mut()), Poll::Ready(2));
    assert_eq!(MOVED_CALLS.get(), 1);
    assert_eq!(moved::cache_info(), info(1, 1, Some(4), 1));
}

static CLEARED_CALLS: Calls = Calls::new();

#[memoize(maxsize = 4)]
async fn cleared(n: u32) -> u32 {
    CLEARED_CALLS.count();
    yield_once().await;
    assert!(n != 0, "no zero");
    n
}

/// `cache_clear()` while a miss is in flight empties the cache and resets the counts; the
/// call then stores its output in the emptied cache, as CPython does for a call on another
/// thread. A body that panics counts its miss and stores nothing.
#[test]
fn a_clear_in_flight_and_a_panic_leave_the_cache_usable() {
    let mut call = pin!(cleared(5));
    assert!(poll_once(call.as_mut()).is_pending());
    assert_eq!(cleared::cache_info(), info(0, 1, Some(4), 0));
    cleared::cache_clear();
    assert_eq!(cleared::cache_info(), info(0, 0, Some(4), 0));
    assert_eq!(poll_once(call.as_mut()), Poll::Ready(5));
    assert_eq!(cleared::cache_info(), info(0, 0, Some(4), 1));

    let panicked = std::panic::catch_unwind(|| block_on(cleared(0)));
    assert!(panicked.is_err());
    assert_eq!(cleared::cache_info(), info(0, 1, Some(4), 1));
    assert_eq!(block_on(cleared(5)), 5);
    assert_eq!(CLEARED_CALLS.get(), 2);
    assert_eq!(cleared::cache_info(), info(1, 1, Some(4), 1));
}

const BLOCK: usize = 4096;

#[memoize(maxsize = 2)]
async fn first_byte(block: [u8; BLOCK]) -> u8 {
    yield_once().await;
    block[0]
}

/// `first_byte`, not memoized.
async fn first_byte_unmemoized(block: [u8; BLOCK]) -> u8 {
    yield_once().await;
    block[0]
}

/// A `Copy` receiver for a method whose argument is large.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Blocks;

impl Blocks {
    #[memoize(maxsize = 2)]
    async fn first_byte(&self, block: [u8; BLOCK]) -> u8 {
        yield_once().await;
        block[0]
    }
}

#[test]
fn the_future_holds_few_copies_of_the_arguments() {
    // rustc keeps an `async fn`'s arguments for the whole future, and a local copy besides
    // when it is used after an `.await`: the body's future holds the block twice.
    let body = size_of_val(&first_byte_unmemoized([0; BLOCK]));
    assert!(body >= 2 * BLOCK, "{body}");
    // The memoized function's future adds four copies: the function's, which forwards to
    // the memoized future; that one's, and its local borrowed for the lookup; and the key
    // of the miss. A trampoline that awaited the memoized future in a future of its own
    // would add a fifth.
    let function = size_of_val(&first_byte([0; BLOCK]));
    assert!(
        function <= body + 4 * BLOCK + 64,
        "{function} against {body}"
    );
    // A method's adds three (it forwards from no function), and a pointer to its cache: a
    // handle that found the cache on each use would be kept too.
    let method = size_of_val(&Blocks.first_byte([0; BLOCK]));
    assert!(method <= body + 3 * BLOCK + 64, "{method} against {body}");
    // Futures never polled looked nothing up.
    assert_eq!(first_byte::cache_info(), info(0, 0, Some(2), 0));
    assert_eq!(Blocks::first_byte_cache_info(), info(0, 0, Some(2), 0));
    assert_eq!(block_on(first_byte([7; BLOCK])), 7);
    assert_eq!(block_on(Blocks.first_byte([7; BLOCK])), 7);
}
