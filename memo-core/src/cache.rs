//! The [`Cache`] trait: what every eviction policy offers to code that takes any of them.

use core::convert::Infallible;
use core::hash::Hash;

use hashbrown::Equivalent;

/// A key-value store with a replacement policy: [`LruCache`](crate::LruCache),
/// [`FifoCache`](crate::FifoCache) or [`UnboundedCache`](crate::UnboundedCache), and
/// [`ExpiringCache`](crate::ExpiringCache) over any of them, which is used through this
/// trait alone.
///
/// The runtime behind `#[memoize]` is written against this trait, so one code path serves
/// every policy. Lookups take any `Q` that is [`Equivalent`] to the key type, so a cache
/// keyed by `String` answers a `&str` without allocating.
///
/// # Example
///
/// ```
/// use memo::{Cache, FifoCache, LruCache};
///
/// fn warm<C: Cache<u32, u32>>(cache: &mut C) -> usize {
///     for n in 0..10 {
///         cache.insert(n, n * n);
///     }
///     cache.len()
/// }
///
/// assert_eq!(warm(&mut LruCache::new(4)), 4);
/// assert_eq!(warm(&mut FifoCache::new(8)), 8);
/// ```
pub trait Cache<K, V> {
    /// Looks `key` up, letting the policy record the access (an LRU hit becomes the most
    /// recently used entry).
    ///
    /// ```
    /// use memo::{Cache, LruCache};
    ///
    /// let mut cache = LruCache::new(2);
    /// cache.insert("a", 1);
    /// cache.insert("b", 2);
    /// assert_eq!(Cache::get(&mut cache, &"a"), Some(&1)); // "a" is now the most recent
    /// cache.insert("c", 3); // full: evicts "b"
    /// assert!(!cache.contains_key(&"b"));
    /// ```
    fn get<Q>(&mut self, key: &Q) -> Option<&V>
    where
        Q: ?Sized + Hash + Equivalent<K>;

    /// Looks `key` up as [`get`](Self::get) does, unless `remove_if` holds for its value: then
    /// the entry is removed and `None` returned. One lookup serves both, which is how an
    /// expiring cache drops a stale entry on access.
    ///
    /// ```
    /// use memo::{Cache, LruCache};
    ///
    /// let mut cache = LruCache::new(4);
    /// cache.insert("fresh", 1);
    /// cache.insert("stale", -1);
    /// assert_eq!(cache.get_or_remove_if("fresh", |v| *v < 0), Some(&1));
    /// assert_eq!(cache.get_or_remove_if("stale", |v| *v < 0), None);
    /// assert_eq!(cache.len(), 1);
    /// ```
    fn get_or_remove_if<Q>(&mut self, key: &Q, remove_if: impl FnOnce(&V) -> bool) -> Option<&V>
    where
        Q: ?Sized + Hash + Equivalent<K>;

    /// Looks `key` up without recording the access.
    ///
    /// ```
    /// use memo::{Cache, LruCache};
    ///
    /// let mut cache = LruCache::new(2);
    /// cache.insert("a", 1);
    /// cache.insert("b", 2);
    /// assert_eq!(Cache::peek(&cache, &"a"), Some(&1)); // "a" stays the least recent
    /// cache.insert("c", 3); // full: evicts "a"
    /// assert!(!cache.contains_key(&"a"));
    /// ```
    fn peek<Q>(&self, key: &Q) -> Option<&V>
    where
        Q: ?Sized + Hash + Equivalent<K>;

    /// Whether `key` is served (for an [`ExpiringCache`](crate::ExpiringCache), whether its
    /// entry is live); never records an access.
    ///
    /// ```
    /// use memo::{Cache, UnboundedCache};
    ///
    /// let mut cache = UnboundedCache::new();
    /// cache.insert(String::from("ada"), 36);
    /// assert!(Cache::contains_key(&cache, "ada")); // a `&str` finds a `String` key
    /// assert!(!Cache::contains_key(&cache, "bob"));
    /// ```
    fn contains_key<Q>(&self, key: &Q) -> bool
    where
        Q: ?Sized + Hash + Equivalent<K>;

    /// Stores `value` under `key`, returning the previous value of that key. A bounded cache
    /// that is full evicts an entry to make room.
    ///
    /// # Panics
    ///
    /// On [`LruCache`](crate::LruCache) and [`FifoCache`](crate::FifoCache) (and an
    /// [`ExpiringCache`](crate::ExpiringCache) of either), when a new key would be entry
    /// number `u32::MAX`: they hold at most `u32::MAX - 1` entries, whatever their capacity.
    ///
    /// ```
    /// use memo::{Cache, FifoCache};
    ///
    /// let mut cache = FifoCache::new(2);
    /// assert_eq!(Cache::insert(&mut cache, 1, 'a'), None);
    /// assert_eq!(Cache::insert(&mut cache, 1, 'b'), Some('a'));
    /// Cache::insert(&mut cache, 2, 'c');
    /// Cache::insert(&mut cache, 3, 'd'); // full: evicts 1, the oldest
    /// assert_eq!(cache.iter().collect::<Vec<_>>(), [(&3, &'d'), (&2, &'c')]);
    /// ```
    fn insert(&mut self, key: K, value: V) -> Option<V>;

    /// Stores `value` under `key` only when `key` is absent, and reports whether it did.
    /// A present entry is left as it is and is not counted as an access: this is how a
    /// bounded `#[memoize]` cache, as CPython's bounded `lru_cache`, keeps the result that
    /// another call stored while this one was computing.
    ///
    /// # Panics
    ///
    /// As [`insert`](Self::insert), when a new key would be entry number `u32::MAX`.
    ///
    /// ```
    /// use memo::{Cache, LruCache};
    ///
    /// let mut cache = LruCache::new(2);
    /// cache.insert("a", 1);
    /// cache.insert("b", 2);
    /// assert!(!cache.insert_if_absent("a", 10)); // present: kept, and not an access
    /// assert!(cache.insert_if_absent("c", 3)); // full: evicts "a", still the least recent
    /// assert_eq!(cache.peek(&"a"), None);
    /// assert_eq!(cache.peek(&"b"), Some(&2));
    /// ```
    fn insert_if_absent(&mut self, key: K, value: V) -> bool;

    /// Returns the value of `key`, to read or change, computing it with `make` and storing
    /// it (as [`insert`](Self::insert) does) when absent. A key found counts as an access,
    /// as with [`get`](Self::get). A panic in `make` stores nothing.
    ///
    /// # Panics
    ///
    /// On a bounded cache of capacity 0, which holds nothing to return a reference to, and as
    /// [`insert`](Self::insert) when a new key would be entry number `u32::MAX`.
    ///
    /// ```
    /// use memo::{Cache, LruCache};
    ///
    /// fn squares<C: Cache<u64, u64>>(cache: &mut C, n: u64) -> u64 {
    ///     *cache.get_or_insert_with(n, || n * n)
    /// }
    ///
    /// let mut cache = LruCache::new(8);
    /// assert_eq!(squares(&mut cache, 12), 144);
    /// assert_eq!(cache.len(), 1);
    /// ```
    #[track_caller]
    fn get_or_insert_with(&mut self, key: K, make: impl FnOnce() -> V) -> &mut V {
        match self.try_get_or_insert_with(key, || Ok::<V, Infallible>(make())) {
            Ok(value) => value,
            Err(never) => match never {},
        }
    }

    /// [`get_or_insert_with`](Self::get_or_insert_with) for a `make` that may fail.
    ///
    /// # Errors
    ///
    /// `make`'s error, when the key was absent; nothing is stored then.
    ///
    /// # Panics
    ///
    /// As `get_or_insert_with`: on a bounded cache of capacity 0, or past `u32::MAX - 1`
    /// entries.
    ///
    /// ```
    /// use std::time::Duration;
    /// use memo::{Cache, ExpiringCache, UnboundedCache};
    ///
    /// let mut cache = ExpiringCache::new(UnboundedCache::new(), Duration::from_secs(60));
    /// let parse = |s: &str| s.parse::<u32>();
    /// assert_eq!(cache.try_get_or_insert_with("7", || parse("7")), Ok(&mut 7));
    /// assert!(cache.try_get_or_insert_with("x", || parse("x")).is_err());
    /// assert_eq!(cache.len(), 1);
    /// ```
    fn try_get_or_insert_with<E>(
        &mut self,
        key: K,
        make: impl FnOnce() -> Result<V, E>,
    ) -> Result<&mut V, E>;

    /// Removes `key`, returning its value (for an [`ExpiringCache`](crate::ExpiringCache),
    /// only a live one: an expired entry is removed all the same).
    ///
    /// ```
    /// use memo::{Cache, UnboundedCache};
    ///
    /// let mut cache = UnboundedCache::new();
    /// cache.insert("a", 1);
    /// assert_eq!(Cache::remove(&mut cache, &"a"), Some(1));
    /// assert_eq!(Cache::remove(&mut cache, &"a"), None);
    /// ```
    fn remove<Q>(&mut self, key: &Q) -> Option<V>
    where
        Q: ?Sized + Hash + Equivalent<K>;

    /// The number of entries it serves (for an [`ExpiringCache`](crate::ExpiringCache), the
    /// live ones).
    ///
    /// ```
    /// use memo::{Cache, UnboundedCache};
    ///
    /// let mut cache = UnboundedCache::new();
    /// cache.insert("a", 1);
    /// cache.insert("a", 2); // replaces the value: still one entry
    /// cache.insert("b", 3);
    /// assert_eq!(Cache::len(&cache), 2);
    /// ```
    fn len(&self) -> usize;

    /// Whether it serves no entry.
    ///
    /// ```
    /// use std::time::Duration;
    /// use memo::{Cache, ExpiringCache, ManualClock, UnboundedCache};
    ///
    /// let clock = ManualClock::new();
    /// let mut cache = ExpiringCache::with_clock(UnboundedCache::new(), Duration::from_secs(1), clock.clone());
    /// assert!(cache.is_empty());
    /// cache.insert(1, 'a');
    /// assert!(!cache.is_empty());
    /// clock.advance(Duration::from_secs(1));
    /// assert!(cache.is_empty()); // its one entry has expired
    /// ```
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The most entries the cache holds: `Some(n)` when bounded, `None` when unbounded.
    ///
    /// ```
    /// use memo::{Cache, LruCache, UnboundedCache};
    ///
    /// fn is_full<C: Cache<u32, char>>(cache: &C) -> bool {
    ///     cache.max_len().is_some_and(|max_len| cache.len() >= max_len)
    /// }
    ///
    /// let mut lru = LruCache::new(1);
    /// lru.insert(1, 'a');
    /// assert_eq!(lru.max_len(), Some(1));
    /// assert!(is_full(&lru));
    /// let unbounded: UnboundedCache<u32, char> = (0..100).map(|n| (n, 'a')).collect();
    /// assert_eq!(unbounded.max_len(), None);
    /// assert!(!is_full(&unbounded));
    /// ```
    fn max_len(&self) -> Option<usize>;

    /// Removes every entry; a bounded cache keeps its capacity.
    ///
    /// ```
    /// use memo::{Cache, FifoCache};
    ///
    /// let mut cache = FifoCache::new(4);
    /// cache.extend([(1, 'a'), (2, 'b')]);
    /// Cache::clear(&mut cache);
    /// assert!(cache.is_empty());
    /// assert_eq!(cache.max_len(), Some(4));
    /// ```
    fn clear(&mut self);

    /// Keeps only the entries for which `keep` returns `true`, which sees them in no
    /// particular order.
    ///
    /// ```
    /// use memo::{Cache, LruCache, UnboundedCache};
    ///
    /// // Halves every count, dropping those that reach 0.
    /// fn decay<C: Cache<char, u32>>(cache: &mut C) {
    ///     cache.retain(|_, count| {
    ///         *count /= 2;
    ///         *count > 0
    ///     });
    /// }
    ///
    /// let mut lru = LruCache::new(4);
    /// lru.extend([('a', 4), ('b', 1)]);
    /// decay(&mut lru);
    /// assert_eq!(lru.iter().collect::<Vec<_>>(), [(&'a', &2)]);
    /// let mut unbounded: UnboundedCache<char, u32> = [('a', 1), ('b', 6)].into_iter().collect();
    /// decay(&mut unbounded);
    /// assert_eq!(unbounded.iter().collect::<Vec<_>>(), [(&'b', &3)]);
    /// ```
    fn retain(&mut self, keep: impl FnMut(&K, &mut V) -> bool);

    /// [`retain`](Self::retain), also telling `keep` the hash each entry is filed under,
    /// by which [`remove_hashed_if`](Self::remove_hashed_if) finds it again without its key;
    /// `None` from a cache that cannot. The default calls `retain` and gives `None`.
    ///
    /// This and `remove_hashed_if` are how an [`ExpiringCache`](crate::ExpiringCache) over a
    /// bounded cache finds its expired entries when full, to drop them before the cache
    /// evicts a live one, without walking the cache on every insert. Over a bounded cache
    /// that does not implement them, it walks the cache whenever it is full and some entry
    /// has expired.
    ///
    /// Implement both or neither: a cache that gives `Some` hash here must find the entry
    /// by it in `remove_hashed_if`, or an `ExpiringCache` over it may evict a live entry
    /// while an expired one stays.
    ///
    /// ```
    /// use memo::{Cache, LruCache};
    ///
    /// let mut cache = LruCache::new(4);
    /// cache.insert("a", 1);
    /// cache.insert("b", -1);
    /// let mut negative = Vec::new();
    /// cache.retain_hashed(|hash, _, value| {
    ///     if *value < 0 {
    ///         negative.extend(hash);
    ///     }
    ///     true
    /// });
    /// assert_eq!(cache.remove_hashed_if(negative[0], |_, v| *v < 0), Some(("b", -1)));
    /// assert_eq!(cache.len(), 1);
    /// ```
    fn retain_hashed(&mut self, mut keep: impl FnMut(Option<u64>, &K, &mut V) -> bool) {
        self.retain(|key, value| keep(None, key, value));
    }

    /// Removes and returns an entry filed under `hash` (as
    /// [`retain_hashed`](Self::retain_hashed) gave it) for which `remove_if` holds, if
    /// there is one. The default removes nothing; implement it exactly when
    /// `retain_hashed` gives hashes.
    ///
    /// ```
    /// use memo::{Cache, UnboundedCache};
    ///
    /// // An unbounded cache files no entry by hash: it never needs room.
    /// let mut cache = UnboundedCache::new();
    /// cache.insert(1, 'a');
    /// assert_eq!(cache.remove_hashed_if(0, |_, _| true), None);
    /// assert_eq!(cache.len(), 1);
    /// ```
    fn remove_hashed_if(
        &mut self,
        hash: u64,
        remove_if: impl FnMut(&K, &V) -> bool,
    ) -> Option<(K, V)> {
        let _ = (hash, remove_if);
        None
    }

    /// Gives back, as far as the cache can, the memory it holds for more entries than it
    /// has. The default does nothing.
    ///
    /// An [`ExpiringCache`](crate::ExpiringCache) calls it after a sweep that found 64
    /// entries or more and dropped at least three quarters of them, so that memory taken by
    /// a burst of entries goes back once they have expired.
    ///
    /// ```
    /// use memo::{Cache, UnboundedCache};
    ///
    /// let mut cache: UnboundedCache<u32, u32> = (0..1000).map(|n| (n, n)).collect();
    /// cache.retain(|key, _| *key < 10);
    /// Cache::shrink_to_fit(&mut cache);
    /// assert_eq!(cache.len(), 10);
    /// ```
    fn shrink_to_fit(&mut self) {}

    /// Iterates over the entries it serves (for an [`ExpiringCache`](crate::ExpiringCache),
    /// the live ones, in the wrapped cache's order): most recent first for
    /// [`LruCache`](crate::LruCache) and [`FifoCache`](crate::FifoCache), in no particular
    /// order for [`UnboundedCache`](crate::UnboundedCache).
    ///
    /// ```
    /// use memo::{Cache, FifoCache, LruCache};
    ///
    /// fn keys<C: Cache<u8, char>>(cache: &mut C) -> Vec<u8> {
    ///     cache.insert(1, 'a');
    ///     cache.insert(2, 'b');
    ///     cache.insert(3, 'c');
    ///     cache.get(&1);
    ///     cache.iter().map(|(key, _)| *key).collect()
    /// }
    ///
    /// assert_eq!(keys(&mut LruCache::new(3)), [1, 3, 2]); // the hit made 1 the most recent
    /// assert_eq!(keys(&mut FifoCache::new(3)), [3, 2, 1]); // newest first: a hit changes nothing
    /// ```
    fn iter<'a>(&'a self) -> impl Iterator<Item = (&'a K, &'a V)>
    where
        K: 'a,
        V: 'a;
}
