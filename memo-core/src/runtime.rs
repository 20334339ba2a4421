//! The runtime behind `#[memoize]`: what the code it generates calls.
//!
//! This module is not a public API: `memo` re-exports it as `memo::__private` for generated
//! code only, and it may change in any release. The logic of a memoized call lives here as
//! ordinary Rust, so that the generated code stays a few lines long.
//!
//! For `#[memoize(maxsize = 128)] fn f(a: &str, b: u32) -> R`, the macro generates
//!
//! ```text
//! static __MEMO: Lru<(<str as MemoizeKey>::Owned, <u32 as MemoizeKey>::Owned),
//!                    <R as MemoizeValue>::Value> = Memo::lru(128);
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
//! function runs with no lock held (so it may recurse into itself), and its result is stored
//! only if no other thread stored one for the same key meanwhile, as in CPython.
//!
//! The projections `<T as MemoizeKey>::Owned` and `<R as MemoizeValue>::Value` are how the
//! macro checks the argument and return types: it writes them with the spans of the user's
//! types, so an argument that is not `Hash + Eq` or a return type that is not `Clone` is
//! reported on that type, once.

use core::borrow::Borrow;
use core::fmt;
use core::hash::{Hash, Hasher};
use core::marker::PhantomData;

use hashbrown::Equivalent;
use parking_lot::{Mutex, MutexGuard};

use crate::{Cache, CacheInfo, FifoCache, LruCache, UnboundedCache};

/// The cache of one memoized function with its statistics: the `static` that the macro
/// puts next to the function.
///
/// The cache itself is built on the first store, so the `static` is const-constructible and
/// an unused function costs nothing. One [`parking_lot::Mutex`] guards the cache and both
/// counters; it does not poison, so a call that panics leaves the cache usable.
pub struct Memo<K, V, C> {
    state: Mutex<State<C>>,
    maxsize: Option<usize>,
    types: PhantomData<fn(K) -> V>,
}

/// What the lock of a [`Memo`] guards.
struct State<C> {
    cache: Option<C>,
    hits: u64,
    misses: u64,
}

/// A memoized function's cache with least-recently-used eviction (the default policy).
pub type Lru<K, V> = Memo<K, V, LruCache<K, V>>;

/// A memoized function's cache with first-in, first-out eviction (`policy = fifo`).
pub type Fifo<K, V> = Memo<K, V, FifoCache<K, V>>;

/// A memoized function's cache without a bound (`maxsize = None`).
pub type Unbounded<K, V> = Memo<K, V, UnboundedCache<K, V>>;

impl<K, V, C> Memo<K, V, C> {
    const fn with_maxsize(maxsize: Option<usize>) -> Self {
        Self {
            state: Mutex::new(State {
                cache: None,
                hits: 0,
                misses: 0,
            }),
            maxsize,
            types: PhantomData,
        }
    }
}

impl<K, V> Memo<K, V, LruCache<K, V>> {
    /// A cache of at most `maxsize` entries that evicts the least recently used one.
    /// With `maxsize == 0` nothing is cached and every call is a miss.
    #[must_use]
    pub const fn lru(maxsize: usize) -> Self {
        Self::with_maxsize(Some(maxsize))
    }
}

impl<K, V> Memo<K, V, FifoCache<K, V>> {
    /// A cache of at most `maxsize` entries that evicts the oldest one.
    /// With `maxsize == 0` nothing is cached and every call is a miss.
    #[must_use]
    pub const fn fifo(maxsize: usize) -> Self {
        Self::with_maxsize(Some(maxsize))
    }
}

impl<K, V> Memo<K, V, UnboundedCache<K, V>> {
    /// A cache that never evicts (Python's `functools.cache`).
    #[must_use]
    pub const fn unbounded() -> Self {
        Self::with_maxsize(None)
    }
}

impl<K, V, C: Cache<K, V>> Memo<K, V, C> {
    /// Looks the arguments up. A hit marks the entry as used, counts a hit and returns a clone
    /// of the cached value; a miss counts a miss and returns the [`Miss`] through which the
    /// caller stores the value it computes.
    ///
    /// `key` is the borrowed form of the arguments, a [`Borrowed`] tuple: a hit neither
    /// allocates nor clones the key. The owned key is built only on a miss, after the lock
    /// is released.
    #[inline]
    pub fn lookup<Q>(&self, key: &Q) -> Result<V, Miss<'_, K, V, C>>
    where
        Q: ?Sized + BorrowedKey<Owned = K>,
        V: Clone,
    {
        let mut guard = self.state.lock();
        let state = &mut *guard;
        if let Some(value) = state.cache.as_mut().and_then(|cache| cache.get(key)) {
            let value = value.clone();
            state.hits += 1;
            return Ok(value);
        }
        Err(self.miss(guard, key))
    }

    /// The rest of a [`lookup`](Self::lookup) that missed, kept out of the hit path.
    #[cold]
    #[inline(never)]
    fn miss<Q>(&self, mut state: MutexGuard<'_, State<C>>, key: &Q) -> Miss<'_, K, V, C>
    where
        Q: ?Sized + BorrowedKey<Owned = K>,
    {
        state.misses += 1;
        drop(state);
        // With `maxsize == 0` nothing is ever stored, so the key is not even built (as
        // CPython's `maxsize=0` wrapper, which does not hash the arguments).
        let key = (self.maxsize != Some(0)).then(|| key.to_owned_key());
        Miss { memo: self, key }
    }

    /// The statistics of the cache, as Python's `cache_info()`.
    pub fn info(&self) -> CacheInfo {
        let state = self.state.lock();
        CacheInfo {
            hits: state.hits,
            misses: state.misses,
            maxsize: self.maxsize,
            currsize: state.cache.as_ref().map_or(0, C::len),
        }
    }

    /// Empties the cache and resets both counters to zero, as Python's `cache_clear()`.
    ///
    /// The entries are dropped after the lock is released, so a `Drop` impl may use the
    /// same memoized function.
    pub fn clear(&self) {
        let mut state = self.state.lock();
        let cache = state.cache.take();
        state.hits = 0;
        state.misses = 0;
        drop(state);
        drop(cache);
    }
}

impl<K, V, C> fmt::Debug for Memo<K, V, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Memo")
            .field("maxsize", &self.maxsize)
            .finish_non_exhaustive()
    }
}

/// A [`Memo::lookup`] that missed: it holds the owned key until the caller has computed the
/// value and hands it to [`store`](Self::store).
///
/// Dropping a `Miss` (the function panicked) stores nothing; the miss stays counted.
#[must_use = "a miss stores nothing unless `store` is called"]
pub struct Miss<'a, K, V, C> {
    memo: &'a Memo<K, V, C>,
    /// `None` when `maxsize == 0`: there is nothing to store.
    key: Option<K>,
}

impl<K, V: Clone, C: NewCache<K, V>> Miss<'_, K, V, C> {
    /// Stores a clone of `value` as the most recent entry, evicting one if the cache is
    /// full, and returns `value`.
    ///
    /// If another thread stored a value for the same key while this one was computing, the
    /// cached entry is left as it is (CPython does the same) and the caller still gets its own
    /// `value`.
    #[inline(never)]
    pub fn store(self, value: V) -> V {
        if let Some(key) = self.key {
            let stored = value.clone();
            let mut state = self.memo.state.lock();
            let maxsize = self.memo.maxsize;
            state
                .cache
                .get_or_insert_with(|| C::new_cache(maxsize))
                .insert_if_absent(key, stored);
        }
        value
    }
}

impl<K, V, C> fmt::Debug for Miss<'_, K, V, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Miss").finish_non_exhaustive()
    }
}

/// A [`Cache`] that [`Memo`] can build on first use.
pub trait NewCache<K, V>: Cache<K, V> {
    /// Makes an empty cache holding at most `maxsize` entries (`None`: no bound).
    fn new_cache(maxsize: Option<usize>) -> Self;
}

impl<K: Hash + Eq, V> NewCache<K, V> for LruCache<K, V> {
    #[inline]
    fn new_cache(maxsize: Option<usize>) -> Self {
        Self::new(maxsize.unwrap_or(usize::MAX))
    }
}

impl<K: Hash + Eq, V> NewCache<K, V> for FifoCache<K, V> {
    #[inline]
    fn new_cache(maxsize: Option<usize>) -> Self {
        Self::new(maxsize.unwrap_or(usize::MAX))
    }
}

impl<K: Hash + Eq, V> NewCache<K, V> for UnboundedCache<K, V> {
    #[inline]
    fn new_cache(_: Option<usize>) -> Self {
        Self::new()
    }
}

/// A type that a memoized function's argument is keyed by: `T` for an argument `&T`, or for
/// an argument `T` taken by value.
///
/// The key stores [`Owned`](Self::Owned), which is `T::Owned`: `String` for `str`,
/// `Vec<u8>` for `[u8]`, a clone of `T` for `T: Clone`. Implemented for every `T` that is
/// `Hash + Eq + ToOwned` and whose owned form can live in a `static` shared by all threads.
pub trait MemoizeKey: Hash + Eq {
    /// The form stored in the cache.
    type Owned: Borrow<Self> + Hash + Eq + Send + 'static;

    /// Makes the stored form of `self`; called on a miss only.
    fn to_owned_key(&self) -> Self::Owned;
}

impl<T> MemoizeKey for T
where
    T: ?Sized + Hash + Eq + ToOwned,
    T::Owned: Hash + Eq + Send + 'static,
{
    type Owned = T::Owned;

    #[inline]
    fn to_owned_key(&self) -> T::Owned {
        self.to_owned()
    }
}

/// A type that a memoized function may return: a hit returns a clone of the cached value,
/// and the cache lives in a `static` shared by all threads.
///
/// To memoize a large value cheaply, return an `Arc<T>`: a hit then only bumps a counter.
pub trait MemoizeValue {
    /// The type itself; naming it through this trait is what checks the bounds.
    type Value: Clone + Send + 'static;
}

impl<T: Clone + Send + 'static> MemoizeValue for T {
    type Value = T;
}

/// The borrowed form of a key: a tuple of references to the arguments, `(&A, &B, ...)`,
/// which hashes and compares like the owned key `(A::Owned, B::Owned, ...)` that the cache
/// stores, so a lookup needs neither an allocation nor a clone.
///
/// For an argument `a: &T` the element is `a` itself; for an argument `b: T` taken by value
/// it is `&b`. Implemented for tuples of 0 to 12 references (the tuples that implement
/// `Hash`).
///
/// `Borrowed` does not implement `Eq`: it is [`Equivalent`] to the owned tuple instead,
/// which does not overlap hashbrown's blanket impl for `Q: Eq`.
///
/// ```
/// use memo_core::runtime::{Borrowed, BorrowedKey};
///
/// let key = Borrowed(("fib", &10_u32));
/// let owned: (String, u32) = key.to_owned_key();
/// assert_eq!(owned, ("fib".to_owned(), 10));
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Borrowed<T>(pub T);

/// A borrowed key that can build its owned form: implemented by [`Borrowed`] tuples.
pub trait BorrowedKey: Hash + Equivalent<Self::Owned> {
    /// The owned key: the tuple of the elements' [`MemoizeKey::Owned`].
    type Owned: Hash + Eq;

    /// Makes the owned key, element by element.
    fn to_owned_key(&self) -> Self::Owned;
}

macro_rules! borrowed_tuples {
    ($( ($($A:ident $O:ident $i:tt),*) )*) => {$(
        impl<$($A: ?Sized + Hash),*> Hash for Borrowed<($(&$A,)*)> {
            /// Hashes each element in order, exactly as the owned tuple does (a tuple's
            /// `Hash` has no length prefix, and `Borrow` guarantees equal element hashes).
            #[inline]
            fn hash<S: Hasher>(&self, _state: &mut S) {
                $( self.0.$i.hash(_state); )*
            }
        }

        impl<$($A: ?Sized + Eq, $O: Borrow<$A>),*> Equivalent<($($O,)*)> for Borrowed<($(&$A,)*)> {
            #[inline]
            fn equivalent(&self, _key: &($($O,)*)) -> bool {
                true $(&& *self.0.$i == *_key.$i.borrow())*
            }
        }

        impl<$($A: ?Sized + MemoizeKey),*> BorrowedKey for Borrowed<($(&$A,)*)> {
            type Owned = ($($A::Owned,)*);

            #[inline]
            #[allow(clippy::unused_unit, reason = "the arity 0 builds `()`")]
            fn to_owned_key(&self) -> Self::Owned {
                ($(MemoizeKey::to_owned_key(self.0.$i),)*)
            }
        }
    )*};
}

borrowed_tuples! {
    ()
    (A OA 0)
    (A OA 0, B OB 1)
    (A OA 0, B OB 1, C OC 2)
    (A OA 0, B OB 1, C OC 2, D OD 3)
    (A OA 0, B OB 1, C OC 2, D OD 3, E OE 4)
    (A OA 0, B OB 1, C OC 2, D OD 3, E OE 4, F OF 5)
    (A OA 0, B OB 1, C OC 2, D OD 3, E OE 4, F OF 5, G OG 6)
    (A OA 0, B OB 1, C OC 2, D OD 3, E OE 4, F OF 5, G OG 6, H OH 7)
    (A OA 0, B OB 1, C OC 2, D OD 3, E OE 4, F OF 5, G OG 6, H OH 7, I OI 8)
    (A OA 0, B OB 1, C OC 2, D OD 3, E OE 4, F OF 5, G OG 6, H OH 7, I OI 8, J OJ 9)
    (A OA 0, B OB 1, C OC 2, D OD 3, E OE 4, F OF 5, G OG 6, H OH 7, I OI 8, J OJ 9, K OK 10)
    (A OA 0, B OB 1, C OC 2, D OD 3, E OE 4, F OF 5, G OG 6, H OH 7, I OI 8, J OJ 9, K OK 10, L OL 11)
}

#[cfg(test)]
mod tests {
    use std::hash::{BuildHasher, DefaultHasher};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use hashbrown::DefaultHashBuilder;
    use proptest::prelude::*;

    use super::*;

    fn hash_of<T: ?Sized + Hash>(value: &T) -> u64 {
        let mut hasher = DefaultHasher::new();
        value.hash(&mut hasher);
        hasher.finish()
    }

    /// Calls `f` through `memo` as generated code does.
    fn call<K, V: Clone, C: NewCache<K, V>, Q: ?Sized + BorrowedKey<Owned = K>>(
        memo: &Memo<K, V, C>,
        key: &Q,
        f: impl FnOnce() -> V,
    ) -> V {
        match memo.lookup(key) {
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
        let memo: Lru<(String,), usize> = Memo::lru(4);
        assert_eq!(memo.info(), info(0, 0, Some(4), 0));
        assert_eq!(call(&memo, &Borrowed(("abc",)), || 3), 3);
        assert_eq!(call(&memo, &Borrowed(("abc",)), || unreachable!()), 3);
        assert_eq!(call(&memo, &Borrowed(("de",)), || 2), 2);
        assert_eq!(call(&memo, &Borrowed(("abc",)), || unreachable!()), 3);
        assert_eq!(memo.info(), info(2, 2, Some(4), 2));
    }

    #[test]
    fn lru_evicts_the_least_recently_used() {
        let memo: Lru<(u32,), u32> = Memo::lru(2);
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
        let memo: Fifo<(u32,), u32> = Memo::fifo(2);
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
        let memo: Unbounded<(u32,), u32> = Memo::unbounded();
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
        let memo: Lru<(Counted,), u32> = Memo::lru(8);
        call(&memo, &Borrowed((&Counted(1),)), || 1);
        assert_eq!(CLONES.load(Ordering::Relaxed), 1);
        for _ in 0..10 {
            call(&memo, &Borrowed((&Counted(1),)), || unreachable!());
        }
        assert_eq!(CLONES.load(Ordering::Relaxed), 1);

        let nothing: Lru<(Counted,), u32> = Memo::lru(0);
        for n in 0..3 {
            assert_eq!(call(&nothing, &Borrowed((&Counted(1),)), || n), n);
        }
        assert_eq!(nothing.info(), info(0, 3, Some(0), 0));
        assert_eq!(CLONES.load(Ordering::Relaxed), 1);
    }

    #[test]
    fn a_value_stored_meanwhile_is_kept() {
        let memo: Lru<(u32,), &str> = Memo::lru(8);
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
    fn a_dropped_miss_stores_nothing() {
        let memo: Lru<(u32,), u32> = Memo::lru(8);
        let miss = memo.lookup(&Borrowed((&1,))).unwrap_err();
        drop(miss); // as when the function panics
        assert_eq!(memo.info(), info(0, 1, Some(8), 0));
        assert_eq!(call(&memo, &Borrowed((&1,)), || 5), 5);
        assert_eq!(memo.info(), info(0, 2, Some(8), 1));
    }

    #[test]
    fn clear_empties_and_resets() {
        let memo: Lru<(), u32> = Memo::lru(8);
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

    static REENTRANT: Unbounded<(), Reentrant> = Memo::unbounded();

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
}
