//! The behaviour of `#[memoize]`, checked against CPython's `functools.lru_cache`.
//!
//! Each memoized function has one cache shared by the whole process and the tests run in
//! parallel, so every test uses memoized functions of its own.
#![deny(missing_docs, unused)]

mod common;

use common::{Calls, info};

use std::panic;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use memo::{CacheInfo, memoize};

#[memoize(maxsize = 128)]
fn fibonacci(n: u32) -> u128 {
    if n < 2 {
        n as u128
    } else {
        fibonacci(n - 1) + fibonacci(n - 2)
    }
}

#[test]
fn fibonacci_matches_python() {
    assert_eq!(fibonacci(100), 354_224_848_179_261_915_075);
    // Python: fibonacci.cache_info() after fibonacci(100) with @lru_cache(maxsize=128).
    assert_eq!(
        fibonacci::cache_info(),
        CacheInfo {
            hits: 98,
            misses: 101,
            maxsize: Some(128),
            currsize: 101
        }
    );
    assert_eq!(
        fibonacci::cache_info().to_string(),
        "CacheInfo(hits=98, misses=101, maxsize=128, currsize=101)"
    );
    fibonacci::cache_clear();
    assert_eq!(fibonacci::cache_info(), info(0, 0, Some(128), 0));
    assert_eq!(fibonacci(10), 55);
    assert_eq!(fibonacci::cache_info(), info(8, 11, Some(128), 11));
}

#[memoize]
fn default_square(n: u64) -> u64 {
    n * n
}

#[test]
fn the_default_is_an_lru_cache_of_128() {
    for n in 0..200 {
        default_square(n);
    }
    assert_eq!(default_square::cache_info(), info(0, 200, Some(128), 128));
    // 0..72 were evicted; 72..200 are cached.
    assert_eq!(default_square(72), 72 * 72);
    assert_eq!(default_square(0), 0);
    assert_eq!(default_square::cache_info(), info(1, 201, Some(128), 128));
}

static NOTHING_CALLS: Calls = Calls::new();

#[memoize(maxsize = 0)]
fn cache_nothing(n: u32) -> u32 {
    NOTHING_CALLS.count();
    n + 1
}

#[test]
fn maxsize_zero_caches_nothing() {
    for _ in 0..3 {
        assert_eq!(cache_nothing(1), 2);
    }
    assert_eq!(NOTHING_CALLS.get(), 3);
    assert_eq!(cache_nothing::cache_info(), info(0, 3, Some(0), 0));
    assert_eq!(
        cache_nothing::cache_info().to_string(),
        "CacheInfo(hits=0, misses=3, maxsize=0, currsize=0)"
    );
}

#[memoize(maxsize = None)]
fn unbounded_fibonacci(n: u32) -> u128 {
    if n < 2 {
        n as u128
    } else {
        unbounded_fibonacci(n - 1) + unbounded_fibonacci(n - 2)
    }
}

#[test]
fn maxsize_none_is_unbounded() {
    assert_eq!(
        unbounded_fibonacci(180),
        18_547_707_689_471_986_212_190_138_521_399_707_760
    );
    assert_eq!(unbounded_fibonacci::cache_info(), info(178, 181, None, 181));
    assert_eq!(
        unbounded_fibonacci::cache_info().to_string(),
        "CacheInfo(hits=178, misses=181, maxsize=None, currsize=181)"
    );
}

static LRU_CALLS: Calls = Calls::new();
static FIFO_CALLS: Calls = Calls::new();

#[memoize(maxsize = 2)]
fn lru_double(n: u32) -> u32 {
    LRU_CALLS.count();
    n * 2
}

#[memoize(maxsize = 2, policy = fifo)]
fn fifo_double(n: u32) -> u32 {
    FIFO_CALLS.count();
    n * 2
}

#[test]
fn lru_and_fifo_evict_differently() {
    for n in [1, 2, 1, 3, 1] {
        assert_eq!(lru_double(n), n * 2);
        assert_eq!(fifo_double(n), n * 2);
    }
    // LRU: the hit on 1 refreshed it, so 3 evicted 2 and the last 1 is a hit.
    assert_eq!(lru_double::cache_info(), info(2, 3, Some(2), 2));
    assert_eq!(LRU_CALLS.get(), 3);
    // FIFO: 1 stayed the oldest, so 3 evicted it and the last 1 is a miss.
    assert_eq!(fifo_double::cache_info(), info(1, 4, Some(2), 2));
    assert_eq!(FIFO_CALLS.get(), 4);
}

static SMALL_CALLS: Calls = Calls::new();

#[memoize(maxsize = 3)]
fn small_fibonacci(n: u32) -> u64 {
    SMALL_CALLS.count();
    if n < 2 {
        n as u64
    } else {
        small_fibonacci(n - 1) + small_fibonacci(n - 2)
    }
}

#[test]
fn recursion_survives_eviction_midway() {
    assert_eq!(small_fibonacci(60), 1_548_008_755_920);
    let after = small_fibonacci::cache_info();
    assert_eq!(after.misses, SMALL_CALLS.get() as u64);
    assert_eq!((after.maxsize, after.currsize), (Some(3), 3));
    // As Python's `lru_cache(maxsize=3)`.
    assert_eq!(after, info(58, 61, Some(3), 3));
}

/// Counts the allocations of each thread, to check that a hit makes none.
mod counting {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::Cell;

    thread_local! {
        static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
    }

    pub(crate) struct Counting;

    // SAFETY: every call is forwarded to `System` with the same arguments.
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            let _ = ALLOCATIONS.try_with(|count| count.set(count.get() + 1));
            // SAFETY: the caller upholds `alloc`'s contract.
            unsafe { System.alloc(layout) }
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            // SAFETY: `ptr` was allocated by `System` with `layout`.
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    /// The allocations made so far by the current thread.
    pub(crate) fn allocations() -> usize {
        ALLOCATIONS.with(Cell::get)
    }
}

#[global_allocator]
static ALLOCATOR: counting::Counting = counting::Counting;

/// A slab of `usize::MAX` entries could not even be requested: if the cache reserved its
/// `maxsize` up front, the first call would panic with a capacity overflow.
#[memoize(maxsize = usize::MAX)]
fn huge_maxsize(n: u64) -> u64 {
    n + 1
}

#[test]
fn a_huge_maxsize_allocates_nothing_up_front() {
    let before = counting::allocations();
    assert_eq!(huge_maxsize(0), 1);
    // The first store allocates the slab and the table for a few entries, not for `maxsize`.
    assert!(counting::allocations() - before <= 4);
    for n in 1..100 {
        assert_eq!(huge_maxsize(n), n + 1);
    }
    assert_eq!(
        huge_maxsize::cache_info(),
        info(0, 100, Some(usize::MAX), 100)
    );
}

#[memoize]
fn lookup_table(name: &str, version: u32, bytes: &[u8], label: String) -> Arc<str> {
    format!("{name}@{version}:{bytes:?}:{label}").into()
}

#[test]
fn a_hit_neither_allocates_nor_clones_the_key() {
    let name = String::from("table");
    let label = String::from("label");
    let first = lookup_table(&name, 1, b"ab", label.clone());
    // The call itself allocates its `String` argument; the lookup must add nothing.
    let labels: Vec<String> = (0..100).map(|_| label.clone()).collect();
    let before = counting::allocations();
    for label in labels {
        assert!(Arc::ptr_eq(&lookup_table(&name, 1, b"ab", label), &first));
    }
    assert_eq!(counting::allocations(), before);
    assert_eq!(lookup_table::cache_info(), info(100, 1, Some(128), 1));
    // A miss does allocate: the owned key, the value and the entry.
    lookup_table(&name, 2, b"ab", label);
    assert!(counting::allocations() > before);
}

#[memoize]
fn str_len(s: &str) -> usize {
    s.len()
}

#[memoize]
fn byte_sum(bytes: &[u8]) -> u64 {
    bytes.iter().map(|&b| u64::from(b)).sum()
}

#[test]
fn borrowed_arguments_are_keyed_by_their_owned_form() {
    assert_eq!(str_len("hello"), 5);
    let owned = String::from("hello");
    assert_eq!(str_len(&owned), 5);
    assert_eq!(str_len("hell"), 4);
    assert_eq!(str_len::cache_info(), info(1, 2, Some(128), 2));

    assert_eq!(byte_sum(&[1, 2, 3]), 6);
    let heap: Vec<u8> = Vec::from([1, 2, 3]);
    assert_eq!(
        byte_sum(&heap),
        6,
        "a Vec's bytes hit the entry of the same array"
    );
    assert_eq!(byte_sum(b"\x01\x02\x03"), 6);
    assert_eq!(byte_sum(&[]), 0);
    assert_eq!(byte_sum::cache_info(), info(2, 2, Some(128), 2));
}

#[memoize]
fn describe(name: &str, count: u32, unit: String, tags: &[&'static str], flag: bool) -> String {
    format!("{name}: {count} {unit} [{}] {flag}", tags.join(","))
}

#[test]
fn every_argument_is_part_of_the_key() {
    let tags: &[&str] = &["a", "b"];
    let once = describe("x", 1, "m".to_owned(), tags, true);
    assert_eq!(once, "x: 1 m [a,b] true");
    assert_eq!(describe("x", 1, "m".to_owned(), tags, true), once);
    assert_eq!(
        describe("y", 1, "m".to_owned(), tags, true),
        "y: 1 m [a,b] true"
    );
    assert_eq!(
        describe("x", 2, "m".to_owned(), tags, true),
        "x: 2 m [a,b] true"
    );
    assert_eq!(
        describe("x", 1, "s".to_owned(), tags, true),
        "x: 1 s [a,b] true"
    );
    assert_eq!(
        describe("x", 1, "m".to_owned(), &["a"], true),
        "x: 1 m [a] true"
    );
    assert_eq!(
        describe("x", 1, "m".to_owned(), tags, false),
        "x: 1 m [a,b] false"
    );
    assert_eq!(describe::cache_info(), info(1, 6, Some(128), 6));
}

#[memoize]
#[allow(clippy::too_many_arguments)]
fn twelve(
    a: u8,
    b: &str,
    c: u16,
    d: &[u8],
    e: u32,
    f: String,
    g: u64,
    h: char,
    i: bool,
    j: &u128,
    k: i8,
    l: (u8, u8),
) -> String {
    format!("{a}{b}{c}{d:?}{e}{f}{g}{h}{i}{j}{k}{l:?}")
}

#[test]
fn twelve_arguments_are_supported() {
    let call = || {
        twelve(
            1,
            "b",
            3,
            &[4],
            5,
            "f".into(),
            7,
            'h',
            true,
            &10,
            -11,
            (1, 2),
        )
    };
    assert_eq!(call(), "1b3[4]5f7htrue10-11(1, 2)");
    assert_eq!(call(), "1b3[4]5f7htrue10-11(1, 2)");
    assert_eq!(twelve::cache_info(), info(1, 1, Some(128), 1));
}

static ANSWER_CALLS: Calls = Calls::new();

#[memoize]
fn answer() -> u32 {
    ANSWER_CALLS.count();
    42
}

#[test]
fn a_function_without_arguments_runs_once() {
    assert_eq!(answer(), 42);
    assert_eq!(answer(), 42);
    assert_eq!(ANSWER_CALLS.get(), 1);
    assert_eq!(answer::cache_info(), info(1, 1, Some(128), 1));
}

static GREETINGS: Calls = Calls::new();

#[memoize]
fn greet_once(name: &str) {
    let _ = name;
    GREETINGS.count();
}

#[test]
fn a_function_returning_unit_runs_once_per_key() {
    greet_once("ada");
    greet_once("ada");
    greet_once("grace");
    assert_eq!(GREETINGS.get(), 2);
    assert_eq!(greet_once::cache_info(), info(1, 2, Some(128), 2));
}

#[memoize(maxsize = 4)]
fn table(n: usize) -> Arc<Vec<u64>> {
    Arc::new((0..n as u64).collect())
}

#[test]
fn an_arc_is_shared_by_every_hit() {
    let first = table(1000);
    let second = table(1000);
    assert!(Arc::ptr_eq(&first, &second));
    // Two handles here and one in the cache.
    assert_eq!(Arc::strong_count(&first), 3);
    table::cache_clear();
    assert_eq!(Arc::strong_count(&first), 2);
}

/// A shape, shared as a trait object.
trait Shape: Send + Sync {
    fn area(&self) -> u32;
}

struct Square(u32);

impl Shape for Square {
    fn area(&self) -> u32 {
        self.0 * self.0
    }
}

#[memoize]
fn square(side: u32) -> Arc<dyn Shape> {
    Arc::new(Square(side))
}

/// A closure, whose type clippy finds complex in the cache's type too (it must not warn
/// there: `cargo clippy` denies warnings in CI).
#[memoize]
fn adder(n: u32) -> Arc<dyn Fn(u32) -> u32 + Send + Sync> {
    Arc::new(move |x| x + n)
}

/// The same, per thread.
#[memoize(scope = thread)]
fn local_adder(n: u32) -> Arc<dyn Fn(u32) -> u32 + Send + Sync> {
    Arc::new(move |x| x + n)
}

/// A type with the same as a method.
struct Adders;

impl Adders {
    #[memoize(ignore = [self])]
    fn adder(&self, n: u32) -> Arc<dyn Fn(u32) -> u32 + Send + Sync> {
        Arc::new(move |x| x + n)
    }
}

#[test]
fn a_trait_object_can_be_returned_in_an_arc() {
    assert_eq!(square(3).area(), 9);
    assert!(Arc::ptr_eq(&square(3), &square(3)));
    assert_eq!(square::cache_info(), info(2, 1, Some(128), 1));
    assert_eq!(
        [adder(1)(2), local_adder(1)(2), Adders.adder(1)(2)],
        [3, 3, 3]
    );
    assert!(Arc::ptr_eq(&adder(1), &adder(1)));
    assert!(Arc::ptr_eq(&local_adder(1), &local_adder(1)));
    assert!(Arc::ptr_eq(&Adders.adder(1), &Adders.adder(1)));
}

static FRAGILE_CALLS: Calls = Calls::new();

#[memoize]
fn fragile(n: u32) -> u32 {
    FRAGILE_CALLS.count();
    assert!(n != 0, "zero");
    n
}

#[test]
fn a_panicking_call_counts_its_miss_and_caches_nothing() {
    assert!(panic::catch_unwind(|| fragile(0)).is_err());
    assert_eq!(fragile::cache_info(), info(0, 1, Some(128), 0));
    assert_eq!(fragile(1), 1);
    assert_eq!(fragile(1), 1);
    assert!(panic::catch_unwind(|| fragile(0)).is_err());
    assert_eq!(FRAGILE_CALLS.get(), 3);
    assert_eq!(fragile::cache_info(), info(1, 3, Some(128), 1));
}

/// A value whose `Clone` panics while `CLONE_PANICS` is set.
#[derive(Debug, PartialEq)]
struct CloneMayPanic(u32);

static CLONE_PANICS: AtomicBool = AtomicBool::new(false);

impl Clone for CloneMayPanic {
    fn clone(&self) -> Self {
        assert!(!CLONE_PANICS.load(Ordering::SeqCst), "clone");
        Self(self.0)
    }
}

#[memoize]
fn clone_may_panic(n: u32) -> CloneMayPanic {
    CloneMayPanic(n)
}

#[test]
fn a_hit_whose_clone_panics_counts_its_hit() {
    assert_eq!(clone_may_panic(1), CloneMayPanic(1));
    CLONE_PANICS.store(true, Ordering::SeqCst);
    // A hit whose clone panics, then a miss whose clone for the store does.
    assert!(panic::catch_unwind(|| clone_may_panic(1)).is_err());
    assert!(panic::catch_unwind(|| clone_may_panic(2)).is_err());
    CLONE_PANICS.store(false, Ordering::SeqCst);
    // Every call counted, and the cache still usable.
    assert_eq!(clone_may_panic::cache_info(), info(1, 2, Some(128), 1));
    assert_eq!(clone_may_panic(1), CloneMayPanic(1));
    assert_eq!(clone_may_panic::cache_info(), info(2, 2, Some(128), 1));
}

static CLEAR_CALLS: Calls = Calls::new();

#[memoize]
fn cleared(n: u8) -> u8 {
    CLEAR_CALLS.count();
    n
}

#[test]
fn cache_clear_empties_and_resets_the_counts() {
    cleared(1);
    cleared(1);
    cleared(2);
    assert_eq!(cleared::cache_info(), info(1, 2, Some(128), 2));
    cleared::cache_clear();
    assert_eq!(cleared::cache_info(), info(0, 0, Some(128), 0));
    cleared(1);
    assert_eq!(CLEAR_CALLS.get(), 3);
    assert_eq!(cleared::cache_info(), info(0, 1, Some(128), 1));
}

static UNCACHED_CALLS: Calls = Calls::new();

#[memoize]
#[allow(dead_code, reason = "only `uncached` is called")]
fn cube(n: u64) -> u64 {
    UNCACHED_CALLS.count();
    n * n * n
}

#[memoize]
fn tribonacci(n: u32) -> u64 {
    if n < 3 {
        u64::from(n == 2)
    } else {
        tribonacci(n - 1) + tribonacci(n - 2) + tribonacci(n - 3)
    }
}

#[test]
fn uncached_bypasses_the_cache() {
    assert_eq!(cube::uncached(3), 27);
    assert_eq!(cube::uncached(3), 27);
    assert_eq!(UNCACHED_CALLS.get(), 2);
    assert_eq!(cube::cache_info(), info(0, 0, Some(128), 0));
    // Recursive calls in the body still go through the cache; Python's
    // `tribonacci.__wrapped__(10)` gives the same counts.
    assert_eq!(tribonacci::uncached(10), 81);
    assert_eq!(tribonacci::cache_info(), info(14, 10, Some(128), 10));
}

/// A module whose memoized function is imported elsewhere.
pub mod geometry {
    use memo::memoize;

    /// The area of a `width` by `height` rectangle.
    #[memoize(maxsize = 16)]
    pub fn area(width: u32, height: u32) -> u64 {
        u64::from(width) * u64::from(height)
    }

    /// Uses a helper of this module and a `super::` path, both seen from the body.
    #[memoize]
    pub fn perimeter(width: u32, height: u32) -> u64 {
        double(super::sum(width, height))
    }

    /// Names a type of the enclosing module through `super::`.
    #[memoize]
    pub(crate) fn scaled(factor: super::Factor, n: &super::Factor) -> u64 {
        u64::from(factor.0 * n.0)
    }

    /// Reaches the enclosing module through `self::super::`, past a `sum` of this module.
    #[memoize]
    pub fn total(a: u32, b: u32) -> u64 {
        self::super::sum(a, b)
    }

    fn double(n: u64) -> u64 {
        n * 2
    }

    #[allow(dead_code, reason = "what `total` must not call")]
    fn sum(_: u32, _: u32) -> u64 {
        0
    }
}

/// A factor, for [`geometry::scaled`].
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Factor(u32);

fn sum(a: u32, b: u32) -> u64 {
    u64::from(a) + u64::from(b)
}

#[test]
fn use_imports_the_function_and_its_cache() {
    use geometry::area;

    assert_eq!(area(3, 4), 12);
    assert_eq!(area(3, 4), 12);
    assert_eq!(area::cache_info(), info(1, 1, Some(16), 1));
    assert_eq!(geometry::perimeter(3, 4), 14);
    assert_eq!(geometry::perimeter::cache_info(), info(0, 1, Some(128), 1));
    assert_eq!(geometry::scaled(Factor(2), &Factor(3)), 6);
    assert_eq!(geometry::scaled(Factor(2), &Factor(3)), 6);
    assert_eq!(geometry::scaled::cache_info(), info(1, 1, Some(128), 1));
    assert_eq!(geometry::total(3, 4), 7);
}

/// `memo` under another name, as after renaming the dependency.
mod renamed {
    pub use memo::*;
}

#[memoize(crate = renamed, maxsize = 8)]
fn renamed_relative(n: u8) -> u8 {
    n
}

#[memoize(crate = crate::renamed)]
fn renamed_absolute(n: u8) -> u8 {
    n
}

mod nested {
    use memo::memoize;

    #[memoize(crate = super::renamed, policy = fifo, maxsize = 2)]
    pub(super) fn renamed_super(n: u8) -> u8 {
        n
    }
}

#[test]
fn crate_option_finds_a_renamed_memo() {
    renamed_relative(1);
    renamed_absolute(1);
    nested::renamed_super(1);
    nested::renamed_super(1);
    assert_eq!(renamed_relative::cache_info(), info(0, 1, Some(8), 1));
    assert_eq!(renamed_absolute::cache_info(), info(0, 1, Some(128), 1));
    assert_eq!(nested::renamed_super::cache_info(), info(1, 1, Some(2), 1));
}

/// A type whose methods a memoized body declares.
struct Ledger(u32);

#[memoize(maxsize = 4)]
#[allow(non_local_definitions, reason = "the case under test")]
#[deny(warnings)]
fn with_an_inherent_impl(n: u32) -> u32 {
    // Private to this module, as written without `#[memoize]`: an `impl` is not scoped by
    // the block it is in, and the body moving into the companion module must not change
    // what its items' visibility means.
    impl Ledger {
        fn doubled(&self) -> u32 {
            self.0 * 2
        }

        pub(self) const UNIT: u32 = 1;
    }
    // A type of the body's own, with a method: `pub(super)` on it draws no lint.
    struct Local(u32);
    impl Local {
        fn get(&self) -> u32 {
            self.0
        }
    }
    Ledger(Local(n).get()).doubled() + Ledger::UNIT
}

#[test]
fn an_inherent_impl_in_the_body_keeps_its_items_private_to_this_module() {
    assert_eq!(with_an_inherent_impl(3), 7);
    assert_eq!(Ledger(5).doubled() + Ledger::UNIT, 11);
    assert_eq!(with_an_inherent_impl::cache_info(), info(0, 1, Some(4), 1));
}

const CAPACITY: usize = 3;

#[memoize(maxsize = CAPACITY * 2)]
fn constant_maxsize(n: u8) -> u8 {
    n
}

#[test]
fn maxsize_may_be_a_constant_expression() {
    constant_maxsize(1);
    assert_eq!(constant_maxsize::cache_info(), info(0, 1, Some(6), 1));
}

/// Documented, and its attributes are kept.
#[memoize]
#[must_use]
#[inline]
#[expect(unused_variables, reason = "the attribute reaches the body")]
pub fn documented(mut n: u32) -> u32 {
    let unused = 0;
    n += 1;
    n
}

/// Deprecated, and so is its `uncached`: `tests/ui/uncached_deprecated.rs` checks that
/// only the user's calls warn, not the generated code.
#[memoize(maxsize = 4)]
#[deprecated = "kept to test the attribute"]
fn deprecated_square(n: u64) -> u64 {
    n * n
}

#[test]
#[allow(deprecated)]
fn a_deprecated_function_is_memoized() {
    assert_eq!(deprecated_square(3), 9);
    assert_eq!(deprecated_square(3), 9);
    assert_eq!(deprecated_square::uncached(4), 16);
    assert_eq!(deprecated_square::cache_info(), info(1, 1, Some(4), 1));
}

#[memoize]
fn with_lifetimes<'a, 'b: 'a>(a: &'a str, b: &'b str) -> usize {
    a.len() + b.len()
}

#[memoize]
extern "C" fn with_abi(n: u32) -> u32 {
    n + 1
}

/// Calls `callback` on `n`, as a C library would.
fn call_back(callback: extern "C" fn(u32) -> u32, n: u32) -> u32 {
    callback(n)
}

/// Counts down to zero through a C-style callback to itself: the body's own name is an
/// `extern "C" fn` too.
#[memoize]
extern "C" fn count_down(n: u32) -> u32 {
    if n == 0 {
        0
    } else {
        call_back(count_down, n - 1) + 1
    }
}

#[test]
fn signatures_are_kept() {
    assert_eq!(documented(1), 2);
    assert_eq!(documented(1), 2);
    assert_eq!(documented::cache_info(), info(1, 1, Some(128), 1));
    assert_eq!(with_lifetimes("ab", "c"), 3);
    assert_eq!(with_lifetimes("ab", "c"), 3);
    assert_eq!(with_lifetimes::cache_info(), info(1, 1, Some(128), 1));
    let pointer: extern "C" fn(u32) -> u32 = with_abi;
    assert_eq!(pointer(1), 2);
    assert_eq!(with_abi(1), 2);
    assert_eq!(with_abi::cache_info(), info(1, 1, Some(128), 1));
    assert_eq!(with_abi::uncached(1), 2);
    assert_eq!(count_down(3), 3);
    assert_eq!(count_down::cache_info(), info(0, 4, Some(128), 4));
    assert_eq!(count_down(3), 3);
    assert_eq!(count_down::cache_info(), info(1, 4, Some(128), 4));
}

#[test]
fn a_function_in_a_block_works_if_it_uses_module_items() {
    #[memoize(maxsize = 2)]
    fn local(n: u32) -> u64 {
        sum(n, n)
    }

    assert_eq!(local(2), 4);
    assert_eq!(local(2), 4);
    assert_eq!(local::cache_info(), info(1, 1, Some(2), 1));
}

#[test]
fn a_function_declared_in_a_block_can_call_itself() {
    #[memoize(maxsize = 3)]
    fn fib(n: u64) -> u64 {
        if n < 2 { n } else { fib(n - 1) + fib(n - 2) }
    }
    #[memoize(scope = thread, maxsize = None)]
    fn tri(n: u64) -> u64 {
        if n == 0 { 0 } else { n + tri(n - 1) }
    }

    // Python, with @lru_cache(maxsize=3) and fib.__wrapped__ for uncached.
    assert_eq!(fib(40), 102_334_155);
    assert_eq!(fib::cache_info(), info(38, 41, Some(3), 3));
    assert_eq!(fib::uncached(10), 55);
    assert_eq!(fib::cache_info(), info(46, 51, Some(3), 3));
    fib::cache_clear();
    assert_eq!(fib::cache_info(), info(0, 0, Some(3), 0));

    assert_eq!(tri(100), 5050);
    assert_eq!(tri(100), 5050);
    // Python, with @lru_cache(maxsize=None).
    assert_eq!(tri::cache_info(), info(1, 101, None, 101));
}

#[test]
fn an_argument_may_share_a_companion_name() {
    #[memo::memoize]
    fn retries(uncached: bool, cache_info: u32) -> u32 {
        if uncached { cache_info * 2 } else { cache_info }
    }
    assert_eq!(retries(true, 4), 8);
    assert_eq!(retries(true, 4), 8);
    assert_eq!(retries(false, 4), 4);
    assert_eq!(retries::cache_info().hits, 1);
    assert_eq!(retries::uncached(true, 5), 10);

    // An argument named as the function itself.
    #[memo::memoize]
    fn next(next: u32) -> u32 {
        next + 1
    }
    assert_eq!(next(1), 2);
    assert_eq!(next(1), 2);
    assert_eq!(next::cache_info().hits, 1);
}

/// Where it was called from, and `n`.
#[memoize]
#[track_caller]
fn called_from(n: u32) -> (u32, u32) {
    (std::panic::Location::caller().line(), n)
}

#[test]
fn track_caller_reaches_the_body() {
    let line = line!();
    assert_eq!(called_from(1), (line + 1, 1));
    assert_eq!(called_from::uncached(2), (line + 2, 2));
    // A hit returns the location of the call that computed it, as the body is not run.
    assert_eq!(called_from(1), (line + 1, 1));
}

/// Functions whose attributes must reach the code generated beside them.
#[deny(non_snake_case, unused)]
mod attributes_reach_the_companions {
    use memo::memoize;

    /// Named as a type would be: the `allow` covers its companion module too.
    #[allow(non_snake_case)]
    #[memoize]
    pub fn Doubled(n: u32) -> u32 {
        n * 2
    }

    /// Adds one, with instructions that need SSE2 (on x86_64, where every CPU has it).
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "sse2")]
    fn plus_one(n: u32) -> u32 {
        n + 1
    }

    /// Calls a function of its target feature: only the body built with it may.
    #[cfg(target_arch = "x86_64")]
    #[memoize]
    #[target_feature(enable = "sse2")]
    pub fn successor(n: u32) -> u32 {
        plus_one(n)
    }

    /// A body with inner attributes, which still hold for the body (the module denies
    /// `unused`).
    #[memoize]
    pub fn inner_attributes(n: u32) -> u32 {
        //! Returns `n + 1`.
        #![allow(unused_variables)]
        let unused = 0;
        n + 1
    }

    /// A type with a method whose body has an inner attribute.
    pub struct Inner;

    impl Inner {
        /// Returns `n + 2`.
        #[memoize(ignore = [self])]
        pub fn inner_attributes(&self, n: u32) -> u32 {
            #![allow(unused_variables)]
            let unused = 0;
            n + 2
        }
    }
}

#[test]
fn lint_levels_inner_attributes_and_target_features_reach_the_generated_code() {
    use attributes_reach_the_companions::*;

    assert_eq!(Doubled(2), 4);
    assert_eq!(Doubled::cache_info(), info(0, 1, Some(128), 1));
    assert_eq!([inner_attributes(1), inner_attributes(1)], [2, 2]);
    assert_eq!(inner_attributes::cache_info(), info(1, 1, Some(128), 1));
    assert_eq!(
        [Inner.inner_attributes(1), Inner.inner_attributes(1)],
        [3, 3]
    );
    assert_eq!(
        Inner::inner_attributes_cache_info(),
        info(1, 1, Some(128), 1)
    );
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: every x86_64 CPU has SSE2.
        let two = unsafe { [successor(1), successor(1)] };
        assert_eq!(two, [2, 2]);
        assert_eq!(successor::cache_info(), info(1, 1, Some(128), 1));
    }
}
