//! The logic of a memoized call, written once for every place a cache can live in: a
//! [`Core`] (the cache and its counts) reached through a [`Place`] (a lock, a thread-local,
//! a slot of a method's cache).

use core::fmt;
use core::hash::Hash;
use core::marker::PhantomData;
use std::time::Duration;

use hashbrown::Equivalent;

use super::{BorrowedKey, DynClock, NewCache};
use crate::{CacheInfo, CacheParameters, Scope};

/// What a memoized function's cache is built with: its `maxsize`, `ttl` and `clock`
/// options.
#[derive(Clone, Copy, Debug)]
pub struct Config {
    pub(super) maxsize: Option<usize>,
    pub(super) ttl: Option<Duration>,
    /// Makes the clock of a [`TtlClock`](super::TtlClock) cache, each time one is built.
    pub(super) clock: Option<fn() -> DynClock>,
}

impl Config {
    /// At most `maxsize` entries (`0`: nothing is stored), that do not expire.
    #[must_use]
    pub const fn bounded(maxsize: usize) -> Self {
        Self {
            maxsize: Some(maxsize),
            ttl: None,
            clock: None,
        }
    }

    /// No bound, entries that do not expire.
    #[must_use]
    pub const fn unbounded() -> Self {
        Self {
            maxsize: None,
            ttl: None,
            clock: None,
        }
    }

    /// Entries expire `ttl` after they are stored.
    #[must_use]
    pub const fn ttl(self, ttl: Duration) -> Self {
        Self {
            ttl: Some(ttl),
            ..self
        }
    }

    /// Entries expire by the clock that `clock` makes (`clock = <expression>`), called
    /// each time the cache is built: on the first store, and on the first after a
    /// `cache_clear()`.
    #[must_use]
    pub const fn clock(self, clock: fn() -> DynClock) -> Self {
        Self {
            clock: Some(clock),
            ..self
        }
    }
}

/// The cache of a memoized function with its statistics: what a [`Place`] holds.
///
/// The cache itself is built on the first store, so a `Core` is const-constructible and an
/// unused function costs nothing.
pub struct Core<K, V, C> {
    cache: Option<C>,
    hits: u64,
    misses: u64,
    config: Config,
    types: PhantomData<fn(K) -> V>,
}

impl<K, V, C> Core<K, V, C> {
    /// An empty cache built with `config`.
    #[must_use]
    pub const fn new(config: Config) -> Self {
        Self {
            cache: None,
            hits: 0,
            misses: 0,
            config,
            types: PhantomData,
        }
    }
}

/// What [`Core::get`] found. Three variants, one with a payload, rather than a
/// `Result<V, bool>`: for a small `V` it is a tag and a value, which a function returns in
/// two registers instead of through memory.
enum Found<V> {
    /// A clone of the cached value.
    Hit(V),
    /// A miss whose result is to be stored.
    Miss,
    /// A miss with `maxsize = 0`: nothing is stored, so the key is not even built (as
    /// CPython's `maxsize=0` wrapper, which does not hash the arguments).
    MissUnstored,
}

impl<K, V: Clone, C: NewCache<K, V>> Core<K, V, C> {
    /// A hit counts it and returns a clone of the value; a miss counts it and tells whether
    /// its result will be stored.
    ///
    /// `inline(always)`, as is every step of a hit below it (the caches' `get`, `peek` and
    /// `get_or_remove_if`, `LinkedMap`'s `hash`, `find` and `touch`): with `#[inline]` alone,
    /// LLVM stopped inlining this once two memoized functions had the same key and value
    /// types (two callers of one instance, as in any program with two `fn(u64) -> u64`),
    /// and a global hit took 117 instructions instead of 104 (callgrind, random order, in an
    /// ad hoc probe).
    #[inline(always)]
    fn get<Q>(&mut self, key: &Q) -> Found<V>
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        if let Some(value) = self.cache.as_mut().and_then(|cache| cache.get(key)) {
            // Counted first: a `Clone` that panics has still made a call, as a miss's panic
            // has.
            self.hits += 1;
            return Found::Hit(value.clone());
        }
        self.count_miss()
    }

    #[cold]
    #[inline(never)]
    fn count_miss(&mut self) -> Found<V> {
        self.misses += 1;
        if self.config.maxsize == Some(0) {
            Found::MissUnstored
        } else {
            Found::Miss
        }
    }

    /// Stores the result of a miss into the cache ([`NewCache::store`]) and returns what
    /// left it, for the caller to drop with the core released; or hands the entry back with
    /// the config when there is no cache yet: the caller builds one (see [`Miss::store`])
    /// and calls [`store_built`](Self::store_built).
    fn store(&mut self, key: K, value: V) -> Result<Option<(K, V)>, (K, V, Config)> {
        match &mut self.cache {
            Some(cache) => Ok(cache.store(key, value)),
            None => Err((key, value, self.config)),
        }
    }

    /// [`store`](Self::store)s into `built`, a cache built with the core released, unless
    /// another call built one meanwhile. Returns what the caller drops with the core
    /// released: `built` if unused, and what left the cache.
    fn store_built(&mut self, key: K, value: V, built: C) -> (Option<C>, Option<(K, V)>) {
        match self.store(key, value) {
            Ok(departed) => (Some(built), departed),
            Err((key, value, _)) => (None, self.cache.insert(built).store(key, value)),
        }
    }

    fn info(&self) -> CacheInfo {
        CacheInfo {
            hits: self.hits,
            misses: self.misses,
            maxsize: self.config.maxsize,
            currsize: self.cache.as_ref().map_or(0, C::len),
        }
    }

    /// Empties the cache and resets the counts; the caller drops the entries.
    fn reset(&mut self) -> Option<C> {
        self.hits = 0;
        self.misses = 0;
        self.cache.take()
    }
}

impl<K, V, C> fmt::Debug for Core<K, V, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Core")
            .field("hits", &self.hits)
            .field("misses", &self.misses)
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

/// What a place whose core is gone (see [`Place::with_core`]) reports it was built with:
/// a cache that stores nothing.
const GONE: Config = Config::bounded(0);

/// Where a memoized function's [`Core`] lives: behind a lock ([`Shared`](super::Shared),
/// a function's `static` or a method's slot), in a thread-local
/// (`&'static LocalKey<Local<..>>`), or in a method's thread-local slot
/// ([`MethodLocal`](super::MethodLocal)).
///
/// An implementation only gives access to the core; the calls of the generated code
/// ([`lookup`](Self::lookup), [`info`](Self::info), ...) are written once, here.
pub trait Place {
    /// The owned key the cache stores.
    type Key: Hash + Eq;
    /// The value the cache stores.
    type Value: Clone;
    /// The cache.
    type Cache: NewCache<Self::Key, Self::Value>;
    /// Whether the place is shared by all threads or one thread's.
    const SCOPE: Scope;

    /// Runs `f` on the core, which no one else accesses meanwhile. `f` must not call the
    /// memoized function: for a lock it would deadlock, for a thread-local it panics.
    ///
    /// `None` when there is no core any more: a `scope = thread` cache once its thread has
    /// destroyed its thread-locals, which a value's `Drop` may call at the thread's exit.
    /// The call then runs uncached, counted nowhere and storing nothing, and the companions
    /// report a cache that stores nothing: 0 hits, 0 misses, `maxsize` 0 (a panic there, in
    /// a thread-local's destructor, would abort the process).
    fn with_core<R>(
        &self,
        f: impl FnOnce(&mut Core<Self::Key, Self::Value, Self::Cache>) -> R,
    ) -> Option<R>;

    /// Looks the arguments up. A hit marks the entry as used, counts a hit and returns a
    /// clone of the cached value; a miss counts a miss and returns the [`Miss`] through
    /// which the caller stores the value it computes.
    ///
    /// `key` is the borrowed form of the arguments, a [`Borrowed`](super::Borrowed) tuple:
    /// a hit neither allocates nor clones the key. The owned key is built only on a miss,
    /// after the core is released.
    #[inline]
    fn lookup<Q>(&self, key: &Q) -> Result<Self::Value, Miss<'_, Self>>
    where
        Q: ?Sized + BorrowedKey<Owned = Self::Key>,
    {
        match self.with_core(|core| core.get(key)) {
            Some(Found::Hit(value)) => Ok(value),
            Some(Found::Miss) => Err(Miss::borrowed(self, key, true)),
            Some(Found::MissUnstored) | None => Err(Miss::borrowed(self, key, false)),
        }
    }

    /// [`lookup`](Self::lookup) for a key computed by a `key = <expression>`: the key is
    /// dropped on a hit and moved into the cache on a miss.
    #[inline]
    fn lookup_owned(&self, key: Self::Key) -> Result<Self::Value, Miss<'_, Self>> {
        match self.with_core(|core| core.get(&key)) {
            Some(Found::Hit(value)) => Ok(value),
            found => Err(Miss {
                place: self,
                key: matches!(found, Some(Found::Miss)).then_some(key),
            }),
        }
    }

    /// The statistics of the cache, as Python's `cache_info()`.
    fn info(&self) -> CacheInfo {
        self.with_core(|core| core.info())
            .unwrap_or_else(|| Core::<Self::Key, Self::Value, Self::Cache>::new(GONE).info())
    }

    /// Empties the cache and resets both counters to zero, as Python's `cache_clear()`.
    ///
    /// The entries are dropped after the core is released, so a `Drop` impl may use the
    /// same memoized function.
    fn clear(&self) {
        let cache = self.with_core(Core::reset);
        drop(cache);
    }

    /// What the cache was built with, as Python's `cache_parameters()`.
    fn parameters(&self) -> CacheParameters {
        let Config { maxsize, ttl, .. } = self.with_core(|core| core.config).unwrap_or(GONE);
        CacheParameters {
            maxsize,
            policy: <Self::Cache as NewCache<Self::Key, Self::Value>>::POLICY,
            ttl,
            scope: Self::SCOPE,
        }
    }
}

/// [`Place::lookup`] of one type of borrowed key `Q`, as a bound: the accessor of a
/// method's cache returns `impl Place<Value = V> + for<'k> Lookup<Borrowed<(&'k A, ..)>>`,
/// so that the method looks its arguments up without proving anything of their types. The
/// accessor proves it, where the cache is built, and reports there a key that is not
/// `Hash`, once.
pub trait Lookup<Q: ?Sized>: Place {
    /// [`Place::lookup`].
    fn lookup(&self, key: &Q) -> Result<Self::Value, Miss<'_, Self>>;
}

impl<P, Q> Lookup<Q> for P
where
    P: ?Sized + Place,
    Q: ?Sized + BorrowedKey<Owned = P::Key>,
{
    #[inline]
    fn lookup(&self, key: &Q) -> Result<Self::Value, Miss<'_, Self>> {
        Place::lookup(self, key)
    }
}

/// A [`Place::lookup`] that missed: it holds the owned key until the caller has computed
/// the value and hands it to [`store`](Self::store) or [`store_ok`](Self::store_ok).
///
/// Dropping a `Miss` (the function panicked) stores nothing; the miss stays counted.
#[must_use = "a miss stores nothing unless `store` is called"]
pub struct Miss<'a, P: ?Sized + Place> {
    place: &'a P,
    /// `None` when there is nothing to store: `maxsize == 0`, or a `scope = thread` cache
    /// already destroyed (the call runs uncached).
    key: Option<P::Key>,
}

impl<'a, P: ?Sized + Place> Miss<'a, P> {
    /// The miss of a borrowed key: the owned key is built here, out of the hit path.
    #[cold]
    #[inline(never)]
    fn borrowed<Q>(place: &'a P, key: &Q, stores: bool) -> Self
    where
        Q: ?Sized + BorrowedKey<Owned = P::Key>,
    {
        Miss {
            place,
            key: stores.then(|| key.to_owned_key()),
        }
    }

    /// Stores a clone of `value` (evicting an entry if a bounded cache is full) and returns
    /// `value`.
    ///
    /// If another call stored a value for the same key while this one was computing, a
    /// bounded cache keeps that entry and an unbounded one overwrites it, as CPython's two
    /// wrappers do; the caller gets its own `value` either way.
    #[inline(never)]
    pub fn store(self, value: P::Value) -> P::Value {
        if let Some(key) = self.key {
            let stored = value.clone();
            let place = self.place;
            // What leaves the cache is dropped with the core released (see
            // `NewCache::store`).
            match place.with_core(|core| core.store(key, stored)) {
                Some(Err((key, stored, config))) => {
                    // The first store (or the first after `cache_clear()`) builds the cache
                    // with the core released: building runs a `clock = <expression>`, which
                    // may be slow or read the function's companions.
                    let built = P::Cache::new_cache(config);
                    let unused = place.with_core(|core| core.store_built(key, stored, built));
                    drop(unused);
                }
                departed => drop(departed),
            }
        }
        value
    }

    /// For a function returning `Result<T, E>` whose cache stores `T`: stores a clone of an
    /// `Ok` value as [`store`](Self::store) does, and nothing for an `Err`, which is
    /// returned as it is (as a Python exception, the next call tries again; the miss stays
    /// counted).
    #[inline(never)]
    pub fn store_ok<E>(self, result: Result<P::Value, E>) -> Result<P::Value, E> {
        result.map(|value| self.store(value))
    }
}

impl<P: ?Sized + Place> fmt::Debug for Miss<'_, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Miss").finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use super::super::testing::{bounded, call, info};
    use super::super::{Borrowed, Fifo, Lru, Shared, Ttl, Unbounded};
    // Not `super::*`, whose `Lookup` would make `lookup` ambiguous.
    use super::{Config, Place};
    use crate::{CacheParameters, Policy, Scope};

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
    }
}
