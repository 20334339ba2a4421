//! The runtime behind `#[memoize]`: what the code it generates calls.
//!
//! This module is not a public API: `memo` re-exports it as `memo::__private` for generated
//! code only, and it may change in any release. The logic of a memoized call lives here as
//! ordinary Rust, so that the generated code stays a few lines long.
//!
//! For `#[memoize(maxsize = 128)] fn f(a: &str, b: u32) -> R`, the macro generates, in a
//! module `f` beside the function (which calls this `f`; see `memo-macros`' `expand.rs`),
//!
//! ```text
//! use Place as _;
//!
//! static __MEMO: Shared<(<str as MemoizeKey>::Owned, <u32 as MemoizeKey>::Owned),
//!                       <R as MemoizeValue>::Value, Lru>
//!     = Shared::new(Config::bounded(128));
//!
//! fn f(a: &str, b: u32) -> R {
//!     match __MEMO.lookup(&Borrowed((a, &b))) {
//!         Ok(hit) => hit,
//!         Err(miss) => miss.store(uncached(a, b)),
//!     }
//! }
//! ```
//!
//! A hit takes the lock once, hashes the borrowed arguments once, and clones the cached
//! value: no allocation and no key clone. A miss is counted before the function runs, the
//! function runs with no lock held (so it may recurse into itself), and its result is
//! stored; if another call stored one for the same key meanwhile, a bounded cache keeps
//! that one and an unbounded cache overwrites it, as CPython's two wrappers do.
//!
//! The options change the pieces, not the shape:
//!
//! - the place of the [`Core`] (cache and counts), a [`Place`]: [`Shared`] (a `static`
//!   behind a lock), `&'static LocalKey<`[`Local`]`>` (`scope = thread`: a `thread_local!`,
//!   no lock), [`MethodShared`] / [`MethodLocal`] (a method: type-erased slots in a hidden
//!   associated function);
//! - the cache, a [`CacheKind`]: [`Lru`], [`Fifo`], [`Unbounded`], or [`Ttl`] over one of
//!   them (`ttl = ...`: an [`ExpiringCache`](crate::ExpiringCache));
//! - the key: a [`Borrowed`] tuple of the arguments in it (all of them, or those left by
//!   `ignore`), or the owned value of a `key = <expression>`
//!   ([`lookup_owned`](Place::lookup_owned));
//! - the store: [`Miss::store`], or for a `Result` whose errors are not cached,
//!   [`Miss::store_ok`] into a cache of the `Ok` type ([`MemoizeResult`]).
//!
//! The calls are method calls (with `Place` imported) rather than
//! `Place::lookup(&__MEMO, ..)`: when a projection failed, the type of `__MEMO` is an error
//! and the compiler then checks nothing of the call, so each problem is reported once.
//!
//! The projections `<T as MemoizeKey>::Owned` and `<R as MemoizeValue>::Value` (and their
//! twins without `Send` for `scope = thread`) are how the macro checks the argument and
//! return types: it writes them with the spans of the user's types, so an argument that is
//! not `Hash + Eq` or a return type that is not `Clone` is reported on that type, once.

mod key;
mod kind;
mod method;
mod place;
mod shared;
mod thread_local;
mod value;

pub use key::{
    Borrowed, BorrowedKey, MemoizeKey, MemoizeKeyType, MemoizeThreadKey, MemoizeThreadKeyType,
};
pub use kind::{CacheKind, Fifo, Lru, NewCache, Ttl, Unbounded};
pub use method::{MethodLocal, MethodLocalSlots, MethodShared, MethodSlots};
pub use place::{Config, Core, Miss, Place};
pub use shared::Shared;
pub use thread_local::{Local, thread_local};
pub use value::{MemoizeResult, MemoizeThreadValue, MemoizeValue};

#[cfg(test)]
mod tests {
    use std::hash::{BuildHasher, DefaultHasher, Hash, Hasher};
    use std::marker::PhantomData;
    use std::rc::Rc;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use hashbrown::{DefaultHashBuilder, Equivalent};
    use proptest::prelude::*;

    use super::*;
    use crate::{CacheInfo, CacheParameters, Policy, Scope};

    fn hash_of<T: ?Sized + Hash>(value: &T) -> u64 {
        let mut hasher = DefaultHasher::new();
        value.hash(&mut hasher);
        hasher.finish()
    }

    /// Calls `f` through `place` as generated code does.
    fn call<P: Place, Q: ?Sized + BorrowedKey<Owned = P::Key>>(
        place: &P,
        key: &Q,
        f: impl FnOnce() -> P::Value,
    ) -> P::Value {
        match place.lookup(key) {
            Ok(hit) => hit,
            Err(miss) => miss.store(f()),
        }
    }

    fn info(hits: u64, misses: u64, maxsize: Option<usize>, currsize: usize) -> CacheInfo {
        CacheInfo {
            hits,
            misses,
            maxsize,
            currsize,
        }
    }

    fn bounded(maxsize: usize) -> Config {
        Config::bounded(maxsize)
    }

    #[test]
    fn borrowed_hashes_as_the_owned_tuple() {
        let bytes: &[u8] = b"abc";
        assert_eq!(hash_of(&Borrowed(())), hash_of(&()));
        assert_eq!(hash_of(&Borrowed(("x",))), hash_of(&("x".to_owned(),)));
        assert_eq!(
            hash_of(&Borrowed(("ab", "c", &7_u32))),
            hash_of(&("ab".to_owned(), "c".to_owned(), 7_u32)),
        );
        assert_eq!(hash_of(&Borrowed((bytes,))), hash_of(&(bytes.to_vec(),)));
        let twelve = Borrowed((
            &0_u8, "1", &2_u16, &3_u32, &4_u64, &5_u128, &6_i8, &7_i16, &8_i32, &9_i64, &'a', &true,
        ));
        assert_eq!(hash_of(&twelve), hash_of(&twelve.to_owned_key()));
        // With hashbrown's hasher as well, which is what the caches use.
        let build = DefaultHashBuilder::default();
        assert_eq!(
            build.hash_one(Borrowed(("a", &1_i32))),
            build.hash_one(("a".to_owned(), 1_i32)),
        );
    }

    #[test]
    fn borrowed_is_equivalent_elementwise() {
        let key = ("ab".to_owned(), 1_u32);
        assert!(Borrowed(("ab", &1_u32)).equivalent(&key));
        assert!(!Borrowed(("a", &1_u32)).equivalent(&key));
        assert!(!Borrowed(("ab", &2_u32)).equivalent(&key));
        assert!(Borrowed(()).equivalent(&()));
        // The owned side may be any `Borrow` of the elements.
        let boxed: (Box<str>, Arc<u32>) = ("ab".into(), Arc::new(1));
        assert!(Borrowed(("ab", &1_u32)).equivalent(&boxed));
    }

    #[test]
    fn borrowed_builds_the_owned_key() {
        let bytes: &[u8] = &[1, 2];
        let owned: (String, Vec<u8>, u8) = Borrowed(("s", bytes, &3_u8)).to_owned_key();
        assert_eq!(owned, ("s".to_owned(), vec![1, 2], 3));
        let unit: () = Borrowed(()).to_owned_key();
        assert_eq!(unit, ());
    }

    proptest! {
        #[test]
        fn borrowed_hash_and_equivalence_agree_with_the_owned_key(
            a in ".*", b in any::<u64>(), c in proptest::collection::vec(any::<u8>(), 0..8),
            other in ".*",
        ) {
            let borrowed = Borrowed((a.as_str(), &b, c.as_slice()));
            let owned = borrowed.to_owned_key();
            prop_assert_eq!(hash_of(&borrowed), hash_of(&owned));
            prop_assert!(borrowed.equivalent(&owned));
            prop_assert_eq!(Borrowed((other.as_str(), &b, c.as_slice())).equivalent(&owned), other == a);
        }
    }

    #[test]
    fn counts_hits_and_misses() {
        let memo: Shared<(String,), usize, Lru> = Shared::new(bounded(4));
        assert_eq!(memo.info(), info(0, 0, Some(4), 0));
        assert_eq!(call(&memo, &Borrowed(("abc",)), || 3), 3);
        assert_eq!(call(&memo, &Borrowed(("abc",)), || unreachable!()), 3);
        assert_eq!(call(&memo, &Borrowed(("de",)), || 2), 2);
        assert_eq!(call(&memo, &Borrowed(("abc",)), || unreachable!()), 3);
        assert_eq!(memo.info(), info(2, 2, Some(4), 2));
    }

    #[test]
    fn lru_evicts_the_least_recently_used() {
        let memo: Shared<(u32,), u32, Lru> = Shared::new(bounded(2));
        for n in [1, 2, 1, 3] {
            call(&memo, &Borrowed((&n,)), || n * 10);
        }
        // 1 was used after 2, so 3 evicted 2.
        assert_eq!(memo.info(), info(1, 3, Some(2), 2));
        assert_eq!(call(&memo, &Borrowed((&1,)), || unreachable!()), 10);
        assert_eq!(call(&memo, &Borrowed((&2,)), || 21), 21);
        assert_eq!(memo.info(), info(2, 4, Some(2), 2));
    }

    #[test]
    fn fifo_evicts_the_oldest() {
        let memo: Shared<(u32,), u32, Fifo> = Shared::new(bounded(2));
        for n in [1, 2, 1, 3] {
            call(&memo, &Borrowed((&n,)), || n * 10);
        }
        // A hit does not refresh 1, so 3 evicted it.
        assert_eq!(memo.info(), info(1, 3, Some(2), 2));
        assert_eq!(call(&memo, &Borrowed((&1,)), || 11), 11);
        assert_eq!(call(&memo, &Borrowed((&3,)), || unreachable!()), 30);
    }

    #[test]
    fn unbounded_keeps_everything() {
        let memo: Shared<(u32,), u32, Unbounded> = Shared::new(Config::unbounded());
        for n in 0..1000 {
            call(&memo, &Borrowed((&n,)), || n);
        }
        call(&memo, &Borrowed((&0,)), || unreachable!());
        assert_eq!(memo.info(), info(1, 1000, None, 1000));
    }

    /// A key whose clones are counted, to see when a key is built.
    #[derive(PartialEq, Eq, Hash, Debug)]
    struct Counted(u32);

    static CLONES: AtomicUsize = AtomicUsize::new(0);

    impl Clone for Counted {
        fn clone(&self) -> Self {
            CLONES.fetch_add(1, Ordering::Relaxed);
            Self(self.0)
        }
    }

    #[test]
    fn a_hit_does_not_clone_the_key_and_maxsize_zero_never_builds_it() {
        let memo: Shared<(Counted,), u32, Lru> = Shared::new(bounded(8));
        call(&memo, &Borrowed((&Counted(1),)), || 1);
        assert_eq!(CLONES.load(Ordering::Relaxed), 1);
        for _ in 0..10 {
            call(&memo, &Borrowed((&Counted(1),)), || unreachable!());
        }
        assert_eq!(CLONES.load(Ordering::Relaxed), 1);

        let nothing: Shared<(Counted,), u32, Lru> = Shared::new(bounded(0));
        for n in 0..3 {
            assert_eq!(call(&nothing, &Borrowed((&Counted(1),)), || n), n);
        }
        assert_eq!(nothing.info(), info(0, 3, Some(0), 0));
        assert_eq!(CLONES.load(Ordering::Relaxed), 1);
    }

    #[test]
    fn a_value_stored_meanwhile_is_kept() {
        let memo: Shared<(u32,), &str, Lru> = Shared::new(bounded(8));
        let (Err(first), Err(second)) =
            (memo.lookup(&Borrowed((&1,))), memo.lookup(&Borrowed((&1,))))
        else {
            panic!("both lookups miss");
        };
        assert_eq!(first.store("first"), "first");
        assert_eq!(second.store("second"), "second");
        assert_eq!(call(&memo, &Borrowed((&1,)), || unreachable!()), "first");
        assert_eq!(memo.info(), info(1, 2, Some(8), 1));
    }

    #[test]
    fn an_unbounded_cache_keeps_the_last_value_stored() {
        let memo: Shared<(u32,), &str, Unbounded> = Shared::new(Config::unbounded());
        let (Err(first), Err(second)) =
            (memo.lookup(&Borrowed((&1,))), memo.lookup(&Borrowed((&1,))))
        else {
            panic!("both lookups miss");
        };
        assert_eq!(first.store("first"), "first");
        assert_eq!(second.store("second"), "second");
        assert_eq!(call(&memo, &Borrowed((&1,)), || unreachable!()), "second");
        assert_eq!(memo.info(), info(1, 2, None, 1));
    }

    #[test]
    fn a_dropped_miss_stores_nothing() {
        let memo: Shared<(u32,), u32, Lru> = Shared::new(bounded(8));
        let miss = memo.lookup(&Borrowed((&1,))).unwrap_err();
        drop(miss); // as when the function panics
        assert_eq!(memo.info(), info(0, 1, Some(8), 0));
        assert_eq!(call(&memo, &Borrowed((&1,)), || 5), 5);
        assert_eq!(memo.info(), info(0, 2, Some(8), 1));
    }

    #[test]
    fn clear_empties_and_resets() {
        let memo: Shared<(), u32, Lru> = Shared::new(bounded(8));
        call(&memo, &Borrowed(()), || 1);
        call(&memo, &Borrowed(()), || 1);
        memo.clear();
        assert_eq!(memo.info(), info(0, 0, Some(8), 0));
        assert_eq!(call(&memo, &Borrowed(()), || 2), 2);
        assert_eq!(memo.info(), info(0, 1, Some(8), 1));
    }

    /// A value whose `Drop` reads the cache it lives in.
    #[derive(Clone)]
    struct Reentrant;

    static REENTRANT: Shared<(), Reentrant, Unbounded> = Shared::new(Config::unbounded());

    impl Drop for Reentrant {
        fn drop(&mut self) {
            let _ = REENTRANT.info();
        }
    }

    #[test]
    fn clear_drops_the_entries_without_the_lock() {
        call(&REENTRANT, &Borrowed(()), || Reentrant);
        REENTRANT.clear(); // would deadlock if the entries were dropped under the lock
        assert_eq!(REENTRANT.info(), info(0, 0, None, 0));
    }

    #[test]
    fn store_ok_stores_ok_values_only() {
        let memo: Shared<(u32,), u32, Lru> = Shared::new(bounded(8));
        let fallible = |n: u32, result: Result<u32, String>| match memo.lookup(&Borrowed((&n,))) {
            Ok(hit) => Ok(hit),
            Err(miss) => miss.store_ok(result),
        };
        assert_eq!(fallible(1, Err("no".to_owned())), Err("no".to_owned()));
        assert_eq!(memo.info(), info(0, 1, Some(8), 0));
        assert_eq!(fallible(1, Ok(10)), Ok(10));
        assert_eq!(fallible(1, Err("unused".to_owned())), Ok(10));
        assert_eq!(memo.info(), info(1, 2, Some(8), 1));
    }

    #[test]
    fn an_owned_key_is_moved_into_the_cache() {
        let memo: Shared<Counted, u32, Lru> = Shared::new(bounded(8));
        let before = CLONES.load(Ordering::Relaxed);
        for round in 0..3 {
            let value = match memo.lookup_owned(Counted(7)) {
                Ok(hit) => hit,
                Err(miss) => miss.store(70 + round),
            };
            assert_eq!(value, 70);
        }
        assert_eq!(memo.info(), info(2, 1, Some(8), 1));
        // Other tests clone `Counted` too, but never `Counted(7)` here: the count is only
        // checked not to have grown by this test's three calls.
        assert!(CLONES.load(Ordering::Relaxed) - before < 3);
    }

    #[test]
    fn ttl_zero_serves_nothing_and_holds_nothing() {
        let memo: Shared<(u32,), u32, Ttl<Lru>> =
            Shared::new(Config::bounded(4).ttl(Duration::ZERO));
        for n in 0..10 {
            assert_eq!(call(&memo, &Borrowed((&(n % 2),)), || n), n);
        }
        // Every entry has expired by the time it is looked up, and expired entries are not
        // counted.
        assert_eq!(memo.info(), info(0, 10, Some(4), 0));
        let long: Shared<(u32,), u32, Ttl<Unbounded>> =
            Shared::new(Config::unbounded().ttl(Duration::MAX));
        call(&long, &Borrowed((&1,)), || 1);
        assert_eq!(call(&long, &Borrowed((&1,)), || unreachable!()), 1);
        assert_eq!(long.info(), info(1, 1, None, 1));
    }

    #[test]
    fn parameters_tell_the_policy_ttl_and_scope() {
        let lru: Shared<(u8,), u8, Lru> = Shared::new(bounded(3));
        assert_eq!(
            lru.parameters(),
            CacheParameters {
                maxsize: Some(3),
                policy: Policy::Lru,
                ttl: None,
                scope: Scope::Global
            }
        );
        let ttl = Duration::from_secs(5);
        let fifo: Shared<(u8,), u8, Ttl<Fifo>> = Shared::new(Config::bounded(3).ttl(ttl));
        assert_eq!(fifo.parameters().policy, Policy::Fifo);
        assert_eq!(fifo.parameters().ttl, Some(ttl));
        let unbounded: Shared<(u8,), u8, Ttl<Unbounded>> =
            Shared::new(Config::unbounded().ttl(ttl));
        assert_eq!(unbounded.parameters().policy, Policy::Unbounded);
        assert_eq!((&LOCAL).parameters().scope, Scope::Thread);
    }

    thread_local! {
        static LOCAL: Local<(u32,), Rc<u32>, Lru> = const { Local::new(Config::bounded(2)) };
    }

    #[test]
    fn a_thread_local_cache_is_per_thread_and_holds_what_is_not_send() {
        let place = &LOCAL;
        let first = call(&place, &Borrowed((&1,)), || Rc::new(1));
        assert!(Rc::ptr_eq(
            &first,
            &call(&place, &Borrowed((&1,)), || unreachable!())
        ));
        assert_eq!(place.info(), info(1, 1, Some(2), 1));
        std::thread::spawn(|| {
            let place = &LOCAL;
            assert_eq!(place.info(), info(0, 0, Some(2), 0));
            call(&place, &Borrowed((&1,)), || Rc::new(2));
            assert_eq!(place.info(), info(0, 1, Some(2), 1));
        })
        .join()
        .unwrap();
        assert_eq!(place.info(), info(1, 1, Some(2), 1));
        place.clear();
        assert_eq!(place.info(), info(0, 0, Some(2), 0));
    }

    thread_local! {
        static RECURSIVE: Local<(u32,), u64, Lru> = const { Local::new(Config::bounded(100)) };
    }

    fn local_fibonacci(n: u32) -> u64 {
        match (&RECURSIVE).lookup(&Borrowed((&n,))) {
            Ok(hit) => hit,
            Err(miss) => miss.store(if n < 2 {
                u64::from(n)
            } else {
                local_fibonacci(n - 1) + local_fibonacci(n - 2)
            }),
        }
    }

    #[test]
    fn a_thread_local_cache_is_free_while_the_function_runs() {
        assert_eq!(local_fibonacci(90), 2_880_067_194_370_816_120);
        assert_eq!((&RECURSIVE).info(), info(88, 91, Some(100), 91));
    }

    /// A key whose `Hash` calls the function whose cache it is in.
    #[derive(PartialEq, Eq, Clone)]
    struct HashesReentrantly;

    impl Hash for HashesReentrantly {
        fn hash<H: Hasher>(&self, state: &mut H) {
            let _ = (&REENTRANT_LOCAL).info();
            0.hash(state);
        }
    }

    thread_local! {
        static REENTRANT_LOCAL: Local<(HashesReentrantly,), u8, Lru> = const { Local::new(Config::bounded(2)) };
    }

    #[test]
    fn reentering_a_thread_local_cache_panics_with_a_message() {
        let panic = std::panic::catch_unwind(|| {
            call(&&REENTRANT_LOCAL, &Borrowed((&HashesReentrantly,)), || 1)
        })
        .unwrap_err();
        let message = panic
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
            .unwrap_or_default();
        assert!(message.starts_with("memoize: a `scope = thread` function was called again"));
    }

    /// Two methods' caches in one set of slots, as two instantiations of a generic `impl`.
    static SLOTS: MethodSlots = MethodSlots::new();

    fn method<Owner: ?Sized, K: 'static, V: 'static>() -> MethodShared<K, V, Lru> {
        MethodShared::new(&SLOTS, bounded(4), &PhantomData::<Owner>)
    }

    struct Foo<T>(T);

    #[test]
    fn method_slots_keep_one_cache_per_owner_and_type() {
        let a = method::<Foo<u8>, (u32,), u32>();
        let b = method::<Foo<u16>, (u32,), u32>();
        let c = method::<Foo<u8>, (u64,), u32>();
        let d = method::<Foo<&'static str>, (u32,), u32>();
        let e = method::<for<'a> fn(Foo<&'a str>), (u32,), u32>();
        call(&a, &Borrowed((&1,)), || 1);
        call(&a, &Borrowed((&1,)), || unreachable!());
        assert_eq!(call(&b, &Borrowed((&1,)), || 2), 2);
        assert_eq!(call(&c, &Borrowed((&1,)), || 3), 3);
        assert_eq!(a.info(), info(1, 1, Some(4), 1));
        assert_eq!(b.info(), info(0, 1, Some(4), 1));
        assert_eq!(c.info(), info(0, 1, Some(4), 1));
        b.clear();
        assert_eq!(a.info(), info(1, 1, Some(4), 1));
        assert_eq!(b.info(), info(0, 0, Some(4), 0));
        // A handle made anew finds the same slot.
        assert_eq!(
            call(&method::<Foo<u8>, (u32,), u32>(), &Borrowed((&1,)), || 9),
            1
        );
        // Owners that differ in a lifetime only share a slot.
        fn borrowed<'a>(_: &'a str) -> MethodShared<(u32,), u32, Lru> {
            method::<Foo<&'a str>, (u32,), u32>()
        }
        assert_eq!(call(&d, &Borrowed((&1,)), || 4), 4);
        let local = String::from("x");
        assert_eq!(call(&borrowed(&local), &Borrowed((&1,)), || 5), 4);
        assert_eq!(call(&e, &Borrowed((&1,)), || 6), 6);
        assert_eq!(a.parameters().scope, Scope::Global);
    }

    thread_local! {
        static LOCAL_SLOTS: MethodLocalSlots = const { MethodLocalSlots::new() };
    }

    #[test]
    fn thread_local_method_slots_are_per_thread() {
        let place = MethodLocal::<(u32,), Rc<u32>, Lru>::new(&LOCAL_SLOTS, bounded(4), &Foo(0_u8));
        call(&place, &Borrowed((&1,)), || Rc::new(1));
        call(&place, &Borrowed((&1,)), || unreachable!());
        assert_eq!(place.info(), info(1, 1, Some(4), 1));
        std::thread::spawn(|| {
            let place =
                MethodLocal::<(u32,), Rc<u32>, Lru>::new(&LOCAL_SLOTS, bounded(4), &Foo(0_u8));
            assert_eq!(place.info(), info(0, 0, Some(4), 0));
        })
        .join()
        .unwrap();
        assert_eq!(place.parameters().scope, Scope::Thread);
    }
}
