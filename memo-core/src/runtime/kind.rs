//! Which cache a memoized function gets: [`Lru`], [`Fifo`] or [`Unbounded`], each possibly
//! wrapped in [`Ttl`] (or [`TtlClock`], with a `clock`), and how it is built on first use
//! ([`NewCache`]).

use core::hash::Hash;
use core::marker::PhantomData;
use std::time::Duration;

use super::Config;
use crate::{
    AutoClock, Cache, Clock, ExpiringCache, FifoCache, LruCache, Policy, Stamped, UnboundedCache,
};

/// The clock of a `clock = <expression>` cache: whatever the expression's type, behind one
/// pointer, so that the cache's type does not name it (the macro cannot).
pub type DynClock = Box<dyn Clock + Send + Sync>;

/// Boxes the value of a `clock = <expression>`. A function rather than a cast, so that a
/// value that is not a `Clock + Send + Sync + 'static` is reported at the expression.
pub fn boxed_clock(clock: impl Clock + Send + Sync + 'static) -> DynClock {
    Box::new(clock)
}

/// A [`Cache`] that a memoized function can build on first use.
pub trait NewCache<K, V>: Cache<K, V> {
    /// The policy it evicts by, as `cache_parameters()` reports it.
    const POLICY: Policy;

    /// Makes an empty cache holding at most `config.maxsize` entries (`None`: no bound),
    /// whose entries expire `config.ttl` after they are stored if the cache expires
    /// entries.
    fn new_cache(config: Config) -> Self;

    /// Stores the result of a miss. A bounded cache keeps an entry that was stored meanwhile
    /// (by a recursive call or another thread) and rejects the pair, as CPython's bounded
    /// wrapper does; an unbounded one overwrites it, as `functools.cache` does with
    /// `cache[key] = result`.
    ///
    /// Returns what left the cache for it (the entry evicted to make room, or the pair
    /// rejected or overwritten), for the caller to drop once the cache is unlocked: its
    /// `Drop` may then call any memoized function, this one and its companions included,
    /// with no deadlock. The default, which the expiring caches keep, drops it within.
    #[inline]
    fn store(&mut self, key: K, value: V) -> Option<(K, V)> {
        if matches!(Self::POLICY, Policy::Unbounded) {
            self.insert(key, value);
        } else {
            self.insert_if_absent(key, value);
        }
        None
    }
}

impl<K: Hash + Eq, V> NewCache<K, V> for LruCache<K, V> {
    const POLICY: Policy = Policy::Lru;

    #[inline]
    fn new_cache(config: Config) -> Self {
        Self::new(config.maxsize.unwrap_or(usize::MAX))
    }

    #[inline]
    fn store(&mut self, key: K, value: V) -> Option<(K, V)> {
        self.insert_if_absent_departed(key, value)
    }
}

impl<K: Hash + Eq, V> NewCache<K, V> for FifoCache<K, V> {
    const POLICY: Policy = Policy::Fifo;

    #[inline]
    fn new_cache(config: Config) -> Self {
        Self::new(config.maxsize.unwrap_or(usize::MAX))
    }

    #[inline]
    fn store(&mut self, key: K, value: V) -> Option<(K, V)> {
        self.insert_if_absent_departed(key, value)
    }
}

impl<K: Hash + Eq, V> NewCache<K, V> for UnboundedCache<K, V> {
    const POLICY: Policy = Policy::Unbounded;

    #[inline]
    fn new_cache(_: Config) -> Self {
        Self::new()
    }

    #[inline]
    fn store(&mut self, key: K, value: V) -> Option<(K, V)> {
        self.insert_departed(key, value)
    }
}

impl<K, V, C> NewCache<K, V> for ExpiringCache<C, AutoClock>
where
    K: Hash + Eq,
    C: NewCache<K, Stamped<V>>,
{
    const POLICY: Policy = C::POLICY;

    /// An expiring cache over `C`, by the [`AutoClock`] for the ttl; without a `ttl`,
    /// entries never expire.
    #[inline]
    fn new_cache(config: Config) -> Self {
        Self::new(C::new_cache(config), config.ttl.unwrap_or(Duration::MAX))
    }
}

impl<K, V, C> NewCache<K, V> for ExpiringCache<C, DynClock>
where
    K: Hash + Eq,
    C: NewCache<K, Stamped<V>>,
{
    const POLICY: Policy = C::POLICY;

    /// An expiring cache over `C`, by the clock that `config` makes.
    ///
    /// # Panics
    ///
    /// When `config` has no clock: the macro gives one to every `TtlClock` cache.
    fn new_cache(config: Config) -> Self {
        let make_clock = config
            .clock
            .expect("memoize: a `TtlClock` cache is built with a `clock`");
        let ttl = config.ttl.unwrap_or(Duration::MAX);
        Self::with_clock(C::new_cache(config), ttl, make_clock())
    }
}

/// What the options select, as a type: the cache of a memoized function with key `K` and
/// value `V` is `<Kind as CacheKind<K, V>>::Cache`. The generated code names the kind
/// (`Lru`, `Ttl<Fifo>`) rather than the cache, so that it writes `K` and `V` once.
///
/// The impls have no bounds (the places that use the cache require it to be a
/// [`NewCache`]), so that naming a place with a key that is not `Hash` reports that once, at
/// the user's type, rather than at every mention of the place's type.
pub trait CacheKind<K, V> {
    /// The cache.
    type Cache;
}

/// `policy = lru` (the default): [`LruCache`].
#[derive(Debug)]
pub enum Lru {}

/// `policy = fifo`: [`FifoCache`].
#[derive(Debug)]
pub enum Fifo {}

/// `maxsize = None`: [`UnboundedCache`].
#[derive(Debug)]
pub enum Unbounded {}

/// `ttl = ...` over another kind: an [`ExpiringCache`] over its cache, by the
/// [`AutoClock`] for the ttl.
#[derive(Debug)]
pub struct Ttl<Kind>(PhantomData<Kind>);

/// `ttl = ..., clock = ...` over another kind: an [`ExpiringCache`] over its cache, by the
/// given clock, a [`DynClock`].
#[derive(Debug)]
pub struct TtlClock<Kind>(PhantomData<Kind>);

impl<K, V> CacheKind<K, V> for Lru {
    type Cache = LruCache<K, V>;
}

impl<K, V> CacheKind<K, V> for Fifo {
    type Cache = FifoCache<K, V>;
}

impl<K, V> CacheKind<K, V> for Unbounded {
    type Cache = UnboundedCache<K, V>;
}

impl<K, V, Kind: CacheKind<K, Stamped<V>>> CacheKind<K, V> for Ttl<Kind> {
    type Cache = ExpiringCache<Kind::Cache, AutoClock>;
}

impl<K, V, Kind: CacheKind<K, Stamped<V>>> CacheKind<K, V> for TtlClock<Kind> {
    type Cache = ExpiringCache<Kind::Cache, DynClock>;
}
