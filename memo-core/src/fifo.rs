//! [`FifoCache`]: a bounded cache that evicts the oldest entry, however recently it was used.

use core::fmt;
use core::hash::{BuildHasher, Hash};

use hashbrown::{DefaultHashBuilder, Equivalent};

use crate::Cache;
use crate::linked::{IntoIter, Iter, IterMut, LinkedMap, Touch};

/// A bounded cache that evicts the entry inserted first, in O(1) per operation.
///
/// It is [`LruCache`](crate::LruCache)'s twin on the same index-linked slab, except that a
/// hit does not reorder anything: the queue order is insertion order, and updating a key
/// keeps its place. That makes a hit a pure lookup. A cache holds at most `u32::MAX - 1`
/// entries; inserting beyond that panics.
///
/// # Example
///
/// ```
/// use memo::FifoCache;
///
/// let mut cache = FifoCache::new(2);
/// cache.insert("apple", 3);
/// cache.insert("banana", 5);
/// assert_eq!(cache.get(&"apple"), Some(&3)); // a hit does not save "apple"
/// cache.insert("cherry", 7); // full: evicts "apple", the oldest
/// assert!(!cache.contains_key(&"apple"));
/// assert_eq!(cache.iter().collect::<Vec<_>>(), [(&"cherry", &7), (&"banana", &5)]);
/// ```
#[derive(Clone)]
pub struct FifoCache<K, V, S = DefaultHashBuilder> {
    map: LinkedMap<K, V, S>,
    capacity: usize,
}

// No bounds on `K`, as `HashMap::new`: generic code can make a cache before it knows its
// key is `Hash + Eq`. Not `const`: the default hasher draws a seed at run time.
impl<K, V> FifoCache<K, V> {
    /// Makes an empty cache that holds at most `capacity` entries. Nothing is allocated
    /// until the first insert. Capacity 0 is valid and holds nothing: `insert` stores
    /// nothing, `push` hands the pair back, [`Cache::insert_if_absent`] returns `false`,
    /// and `get_or_insert_with`, `try_get_or_insert_with` and `get_or_insert_ref` panic,
    /// having nothing to return a reference to.
    ///
    /// ```
    /// use memo::FifoCache;
    ///
    /// let mut cache: FifoCache<u64, u64> = FifoCache::new(1_000_000_000);
    /// cache.insert(1, 1);
    /// assert_eq!((cache.len(), cache.capacity()), (1, 1_000_000_000));
    /// ```
    #[must_use]
    pub fn new(capacity: usize) -> Self {
        Self::with_hasher(capacity, DefaultHashBuilder::default())
    }
}

impl<K, V, S> FifoCache<K, V, S> {
    /// Makes an empty cache that hashes keys with `hash_builder`.
    ///
    /// ```
    /// use std::hash::RandomState;
    /// use memo::FifoCache;
    ///
    /// let mut cache = FifoCache::with_hasher(8, RandomState::new());
    /// cache.insert('a', 1);
    /// assert_eq!(cache.peek(&'a'), Some(&1));
    /// ```
    #[must_use]
    pub const fn with_hasher(capacity: usize, hash_builder: S) -> Self {
        Self {
            map: LinkedMap::with_hasher(hash_builder),
            capacity,
        }
    }

    /// The number of entries.
    ///
    /// ```
    /// use memo::FifoCache;
    ///
    /// let mut cache = FifoCache::new(2);
    /// cache.extend([(1, 'a'), (2, 'b'), (3, 'c')]);
    /// assert_eq!(cache.len(), 2);
    /// ```
    #[inline]
    #[must_use]
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether the cache holds nothing.
    ///
    /// ```
    /// use memo::FifoCache;
    ///
    /// let mut cache = FifoCache::new(1);
    /// assert!(cache.is_empty());
    /// cache.insert(1, 1);
    /// assert!(!cache.is_empty());
    /// ```
    #[inline]
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.map.len() == 0
    }

    /// The most entries the cache holds.
    ///
    /// ```
    /// use memo::FifoCache;
    ///
    /// let cache: FifoCache<u8, u8> = FifoCache::new(16);
    /// assert_eq!(cache.capacity(), 16);
    /// ```
    #[inline]
    #[must_use]
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// The cache's hasher.
    ///
    /// ```
    /// use std::hash::RandomState;
    /// use memo::FifoCache;
    ///
    /// let cache: FifoCache<u8, u8, _> = FifoCache::with_hasher(4, RandomState::new());
    /// let _: &RandomState = cache.hasher();
    /// ```
    #[must_use]
    pub fn hasher(&self) -> &S {
        self.map.hasher()
    }

    /// Removes every entry, keeping the capacity.
    ///
    /// ```
    /// use memo::FifoCache;
    ///
    /// let mut cache = FifoCache::new(4);
    /// cache.insert(1, 1);
    /// cache.clear();
    /// assert!(cache.is_empty());
    /// assert_eq!(cache.capacity(), 4);
    /// ```
    pub fn clear(&mut self) {
        self.map.clear();
    }

    /// The oldest entry (the next to be evicted).
    ///
    /// ```
    /// use memo::FifoCache;
    ///
    /// let mut cache = FifoCache::new(3);
    /// cache.extend([(1, 'a'), (2, 'b')]);
    /// cache.get(&1);
    /// assert_eq!(cache.peek_oldest(), Some((&1, &'a')));
    /// ```
    #[must_use]
    pub fn peek_oldest(&self) -> Option<(&K, &V)> {
        self.map.back()
    }

    /// The newest entry (the last to be evicted).
    ///
    /// ```
    /// use memo::FifoCache;
    ///
    /// let mut cache = FifoCache::new(3);
    /// cache.extend([(1, 'a'), (2, 'b')]);
    /// cache.insert(1, 'c'); // an update keeps its place
    /// assert_eq!(cache.peek_newest(), Some((&2, &'b')));
    /// ```
    #[must_use]
    pub fn peek_newest(&self) -> Option<(&K, &V)> {
        self.map.front()
    }

    /// Iterates from the newest entry to the oldest; `.rev()` gives the eviction order.
    ///
    /// ```
    /// use memo::FifoCache;
    ///
    /// let mut cache = FifoCache::new(3);
    /// cache.extend([(1, 'a'), (2, 'b'), (3, 'c')]);
    /// cache.get(&1);
    /// let keys: Vec<_> = cache.iter().map(|(k, _)| *k).collect();
    /// assert_eq!(keys, [3, 2, 1]);
    /// ```
    pub fn iter(&self) -> Iter<'_, K, V> {
        self.map.iter()
    }

    /// Iterates as [`iter`](Self::iter) does, with mutable values; the order of the entries
    /// does not change. Even to take one entry, it costs O(n), for the entries are first
    /// moved into that order in their slab (allocating a `u32` per entry, unless they are
    /// in it already, as after an `iter_mut` with nothing changed since): for one entry,
    /// [`get_mut`](Self::get_mut) is the way.
    ///
    /// ```
    /// use memo::FifoCache;
    ///
    /// let mut cache = FifoCache::new(3);
    /// cache.extend([(1, 10), (2, 20), (3, 30)]);
    /// for (_, value) in cache.iter_mut() {
    ///     *value += 1;
    /// }
    /// assert_eq!(cache.iter().collect::<Vec<_>>(), [(&3, &31), (&2, &21), (&1, &11)]);
    /// ```
    pub fn iter_mut(&mut self) -> IterMut<'_, K, V> {
        self.map.iter_mut()
    }
}

impl<K: Hash + Eq, V, S: BuildHasher> FifoCache<K, V, S> {
    /// Returns the value of `key`. The queue order does not change.
    ///
    /// ```
    /// use memo::FifoCache;
    ///
    /// let mut cache = FifoCache::new(2);
    /// cache.insert(String::from("one"), 1);
    /// assert_eq!(cache.get("one"), Some(&1)); // a `&str` finds a `String` key
    /// assert_eq!(cache.get("two"), None);
    /// ```
    #[inline(always)]
    pub fn get<Q>(&mut self, key: &Q) -> Option<&V>
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        self.peek(key)
    }

    /// Returns the value of `key` mutably. The queue order does not change.
    ///
    /// ```
    /// use memo::FifoCache;
    ///
    /// let mut cache = FifoCache::new(2);
    /// cache.insert(1, 10);
    /// *cache.get_mut(&1).unwrap() += 1;
    /// assert_eq!(cache.peek(&1), Some(&11));
    /// ```
    #[inline]
    pub fn get_mut<Q>(&mut self, key: &Q) -> Option<&mut V>
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        let index = self.map.find_key(key)?;
        Some(self.map.value_mut(index))
    }

    /// Returns the value of `key`; the same as [`get`](Self::get) for a FIFO cache, but
    /// takes `&self`.
    ///
    /// ```
    /// use memo::FifoCache;
    ///
    /// let mut cache = FifoCache::new(2);
    /// cache.insert(1, 'a');
    /// assert_eq!(cache.peek(&1), Some(&'a'));
    /// ```
    #[inline(always)]
    #[must_use]
    pub fn peek<Q>(&self, key: &Q) -> Option<&V>
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        self.map.find_key(key).map(|index| self.map.value(index))
    }

    /// Returns the stored key and the value of `key`. The queue order does not change.
    ///
    /// ```
    /// use memo::FifoCache;
    ///
    /// let mut cache = FifoCache::new(2);
    /// cache.insert(String::from("one"), 1);
    /// assert_eq!(cache.get_key_value("one"), Some((&String::from("one"), &1)));
    /// assert_eq!(cache.get_key_value("two"), None);
    /// ```
    #[inline]
    #[must_use]
    pub fn get_key_value<Q>(&self, key: &Q) -> Option<(&K, &V)>
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        self.map
            .find_key(key)
            .map(|index| self.map.key_value(index))
    }

    /// Whether `key` is stored.
    ///
    /// ```
    /// use memo::FifoCache;
    ///
    /// let mut cache = FifoCache::new(2);
    /// cache.insert(1, 'a');
    /// assert!(cache.contains_key(&1));
    /// assert!(!cache.contains_key(&2));
    /// ```
    #[inline]
    #[must_use]
    pub fn contains_key<Q>(&self, key: &Q) -> bool
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        self.map.find_key(key).is_some()
    }

    /// Stores `value` under `key` and returns the key's previous value. A new key becomes
    /// the newest entry, evicting the oldest when the cache is full; a present key keeps
    /// its place in the queue, and the key it was stored with, as `HashMap::insert` does.
    ///
    /// # Panics
    ///
    /// When a new key would be entry number `u32::MAX`: a cache holds at most
    /// `u32::MAX - 1` entries, whatever its capacity (see [`FifoCache`]).
    ///
    /// ```
    /// use memo::FifoCache;
    ///
    /// let mut cache = FifoCache::new(2);
    /// assert_eq!(cache.insert(1, 'a'), None);
    /// cache.insert(2, 'b');
    /// assert_eq!(cache.insert(1, 'c'), Some('a')); // still the oldest
    /// cache.insert(3, 'd'); // evicts 1
    /// assert_eq!(cache.peek(&1), None);
    /// ```
    #[inline]
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        self.map
            .push(self.capacity, key, value, Touch::KeepPlace)
            .previous_value()
    }

    /// As [`insert`](Self::insert), but returns the pair that is not in the cache
    /// afterwards: for a present key, the given key with the old value (the stored key
    /// stays, as with `insert`); for a new key, the evicted entry if the cache was full; with
    /// capacity 0, the given pair itself.
    ///
    /// # Panics
    ///
    /// When a new key would be entry number `u32::MAX`: a cache holds at most
    /// `u32::MAX - 1` entries, whatever its capacity (see [`FifoCache`]).
    ///
    /// ```
    /// use memo::FifoCache;
    ///
    /// let mut cache = FifoCache::new(1);
    /// assert_eq!(cache.push(1, 'a'), None);
    /// assert_eq!(cache.push(1, 'b'), Some((1, 'a'))); // same key: the old value
    /// assert_eq!(cache.push(2, 'c'), Some((1, 'b'))); // new key: the evicted pair
    ///
    /// let mut nothing = FifoCache::new(0);
    /// assert_eq!(nothing.push(1, 'a'), Some((1, 'a')));
    /// ```
    #[inline]
    pub fn push(&mut self, key: K, value: V) -> Option<(K, V)> {
        self.map
            .push(self.capacity, key, value, Touch::KeepPlace)
            .departed()
    }

    /// [`Cache::insert_if_absent`], handing back what does not stay: the entry evicted to
    /// make room, or the pair itself when its key is present (or the capacity is 0). For
    /// the `#[memoize]` runtime, which drops it once the cache is unlocked.
    #[inline]
    pub(crate) fn insert_if_absent_departed(&mut self, key: K, value: V) -> Option<(K, V)> {
        self.map
            .insert_if_absent(self.capacity, key, value)
            .departed()
    }

    /// Returns the value of `key`, to read or change, computing it with `make` and storing
    /// it when absent. A key found keeps its place, as with [`get`](Self::get); a new one
    /// is stored as [`insert`](Self::insert) stores it, evicting when full. The key is
    /// hashed once.
    ///
    /// # Panics
    ///
    /// When the capacity is 0: such a cache holds nothing to return a reference to. When a
    /// new key would be entry number `u32::MAX`, as [`insert`](Self::insert). A panic in
    /// `make` leaves the cache as it was.
    ///
    /// ```
    /// use memo::FifoCache;
    ///
    /// let mut cache = FifoCache::new(2);
    /// assert_eq!(*cache.get_or_insert_with("a", || 1), 1); // computed and stored
    /// assert_eq!(*cache.get_or_insert_with("a", || unreachable!()), 1); // found
    /// cache.get_or_insert_with("b", || 2);
    /// cache.get_or_insert_with("c", || 3); // evicts "a", the oldest, though it was read
    /// assert!(!cache.contains_key("a"));
    /// ```
    #[inline]
    #[track_caller]
    pub fn get_or_insert_with(&mut self, key: K, make: impl FnOnce() -> V) -> &mut V {
        self.map
            .get_or_add(self.capacity, key, make, Touch::KeepPlace)
    }

    /// [`get_or_insert_with`](Self::get_or_insert_with) for a `make` that may fail.
    ///
    /// # Errors
    ///
    /// `make`'s error, when the key was absent; nothing is stored (nor evicted) then.
    ///
    /// # Panics
    ///
    /// As `get_or_insert_with`: when the capacity is 0, or past `u32::MAX - 1` entries.
    ///
    /// ```
    /// use memo::FifoCache;
    ///
    /// let mut cache = FifoCache::new(2);
    /// let parse = |s: &str| s.parse::<u32>();
    /// assert_eq!(cache.try_get_or_insert_with("7", || parse("7")), Ok(&mut 7));
    /// assert!(cache.try_get_or_insert_with("x", || parse("x")).is_err());
    /// assert_eq!(cache.len(), 1); // the error was not stored
    /// ```
    #[inline]
    #[track_caller]
    pub fn try_get_or_insert_with<E>(
        &mut self,
        key: K,
        make: impl FnOnce() -> Result<V, E>,
    ) -> Result<&mut V, E> {
        self.map
            .try_get_or_add(self.capacity, key, make, Touch::KeepPlace)
    }

    /// [`get_or_insert_with`](Self::get_or_insert_with) for a borrowed key: a `&str` for a
    /// `String`, `Box<str>` or `Arc<str>` key, say, made owned (`to_owned().into()`) only
    /// when absent, so that a hit does not allocate. A miss then looks the owned key up as
    /// `get_or_insert_with` does: if `to_owned` changes the key (a lowercasing one, say), an
    /// entry already stored under the changed key is returned.
    ///
    /// # Panics
    ///
    /// As `get_or_insert_with`: when the capacity is 0, or past `u32::MAX - 1` entries.
    ///
    /// ```
    /// use memo::FifoCache;
    ///
    /// let mut counts: FifoCache<String, u32> = FifoCache::new(8);
    /// for word in "a b a".split(' ') {
    ///     *counts.get_or_insert_ref(word, || 0) += 1;
    /// }
    /// assert_eq!(counts.peek("a"), Some(&2));
    /// ```
    #[inline]
    #[track_caller]
    pub fn get_or_insert_ref<Q>(&mut self, key: &Q, make: impl FnOnce() -> V) -> &mut V
    where
        Q: ?Sized + Hash + Equivalent<K> + ToOwned,
        Q::Owned: Into<K>,
    {
        self.map
            .get_or_add_ref(self.capacity, key, make, Touch::KeepPlace)
    }

    /// Keeps only the entries for which `keep` returns `true`, which may change their
    /// values; the others are removed, and the order of those kept is unchanged. `keep` sees
    /// the entries in no particular order. O(n).
    ///
    /// ```
    /// use memo::FifoCache;
    ///
    /// let mut cache = FifoCache::new(4);
    /// cache.extend([(1, 'a'), (2, 'b'), (3, 'c')]);
    /// cache.retain(|&k, _| k != 2);
    /// assert_eq!(cache.len(), 2);
    /// assert!(!cache.contains_key(&2));
    /// ```
    pub fn retain(&mut self, mut keep: impl FnMut(&K, &mut V) -> bool) {
        self.map.retain(|_, key, value| keep(key, value));
    }

    /// Removes `key` and returns its value.
    ///
    /// ```
    /// use memo::FifoCache;
    ///
    /// let mut cache = FifoCache::new(2);
    /// cache.insert(1, 'a');
    /// assert_eq!(cache.remove(&1), Some('a'));
    /// assert_eq!(cache.remove(&1), None);
    /// ```
    pub fn remove<Q>(&mut self, key: &Q) -> Option<V>
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        self.remove_entry(key).map(|(_, value)| value)
    }

    /// Removes `key` and returns the stored key with its value.
    ///
    /// ```
    /// use memo::FifoCache;
    ///
    /// let mut cache = FifoCache::new(2);
    /// cache.insert(String::from("one"), 1);
    /// assert_eq!(cache.remove_entry("one"), Some((String::from("one"), 1)));
    /// assert_eq!(cache.remove_entry("one"), None);
    /// ```
    pub fn remove_entry<Q>(&mut self, key: &Q) -> Option<(K, V)>
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        let index = self.map.find_key(key)?;
        Some(self.map.remove_index(index))
    }

    /// Removes and returns the oldest entry.
    ///
    /// ```
    /// use memo::FifoCache;
    ///
    /// let mut cache = FifoCache::new(3);
    /// cache.extend([(1, 'a'), (2, 'b')]);
    /// assert_eq!(cache.pop_oldest(), Some((1, 'a')));
    /// assert_eq!(cache.len(), 1);
    /// ```
    pub fn pop_oldest(&mut self) -> Option<(K, V)> {
        self.map.pop_back()
    }

    /// Removes and returns the newest entry.
    ///
    /// ```
    /// use memo::FifoCache;
    ///
    /// let mut cache = FifoCache::new(3);
    /// cache.extend([(1, 'a'), (2, 'b')]);
    /// assert_eq!(cache.pop_newest(), Some((2, 'b')));
    /// assert_eq!(cache.len(), 1);
    /// ```
    pub fn pop_newest(&mut self) -> Option<(K, V)> {
        self.map.pop_front()
    }

    /// Gives back the memory held for more entries than the cache has; the capacity (the
    /// most entries it may hold) stays as it is. A cache grows its memory as entries come,
    /// and keeps it when they go.
    ///
    /// ```
    /// use memo::FifoCache;
    ///
    /// let mut cache = FifoCache::new(10_000);
    /// cache.extend((0..1000).map(|n| (n, n)));
    /// cache.retain(|key, _| *key < 10);
    /// cache.shrink_to_fit();
    /// assert_eq!((cache.len(), cache.capacity()), (10, 10_000));
    /// ```
    pub fn shrink_to_fit(&mut self) {
        self.map.shrink_to_fit();
    }

    /// Sets the capacity, evicting the oldest entries while there are more than
    /// `new_capacity`, and gives back the memory held for more entries than that.
    /// Capacity 0 empties the cache and behaves as with [`new`](FifoCache::new).
    ///
    /// ```
    /// use memo::FifoCache;
    ///
    /// let mut cache = FifoCache::new(3);
    /// cache.extend([(1, 'a'), (2, 'b'), (3, 'c')]);
    /// cache.resize(1);
    /// assert_eq!(cache.iter().collect::<Vec<_>>(), [(&3, &'c')]);
    /// ```
    pub fn resize(&mut self, new_capacity: usize) {
        // First: an evicted value whose `Drop` panics leaves the new capacity set.
        self.capacity = new_capacity;
        self.map.truncate(new_capacity);
    }
}

impl<K: Hash + Eq, V, S: BuildHasher> Cache<K, V> for FifoCache<K, V, S> {
    #[inline(always)]
    fn get<Q>(&mut self, key: &Q) -> Option<&V>
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        FifoCache::peek(self, key)
    }

    #[inline(always)]
    fn get_or_remove_if<Q>(&mut self, key: &Q, remove_if: impl FnOnce(&V) -> bool) -> Option<&V>
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        let index = self.map.find_or_remove_if(key, remove_if)?;
        Some(self.map.value(index))
    }

    #[inline]
    fn peek<Q>(&self, key: &Q) -> Option<&V>
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        FifoCache::peek(self, key)
    }

    #[inline]
    fn contains_key<Q>(&self, key: &Q) -> bool
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        FifoCache::contains_key(self, key)
    }

    #[inline]
    fn insert(&mut self, key: K, value: V) -> Option<V> {
        FifoCache::insert(self, key, value)
    }

    #[inline]
    fn insert_if_absent(&mut self, key: K, value: V) -> bool {
        self.map
            .insert_if_absent(self.capacity, key, value)
            .stored()
    }

    #[inline]
    #[track_caller]
    fn try_get_or_insert_with<E>(
        &mut self,
        key: K,
        make: impl FnOnce() -> Result<V, E>,
    ) -> Result<&mut V, E> {
        FifoCache::try_get_or_insert_with(self, key, make)
    }

    fn remove<Q>(&mut self, key: &Q) -> Option<V>
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        FifoCache::remove(self, key)
    }

    #[inline]
    fn len(&self) -> usize {
        self.map.len()
    }

    fn max_len(&self) -> Option<usize> {
        Some(self.capacity)
    }

    fn clear(&mut self) {
        self.map.clear();
    }

    fn retain(&mut self, keep: impl FnMut(&K, &mut V) -> bool) {
        FifoCache::retain(self, keep);
    }

    fn retain_hashed(&mut self, mut keep: impl FnMut(Option<u64>, &K, &mut V) -> bool) {
        self.map
            .retain(|hash, key, value| keep(Some(hash), key, value));
    }

    fn remove_hashed_if(
        &mut self,
        hash: u64,
        remove_if: impl FnMut(&K, &V) -> bool,
    ) -> Option<(K, V)> {
        self.map.remove_hashed_if(hash, remove_if)
    }

    fn shrink_to_fit(&mut self) {
        FifoCache::shrink_to_fit(self);
    }

    fn iter<'a>(&'a self) -> impl Iterator<Item = (&'a K, &'a V)>
    where
        K: 'a,
        V: 'a,
    {
        self.map.iter()
    }
}

/// Inserts each pair as [`insert`](Self::insert) does, in order (a full cache evicts as it
/// goes).
///
/// # Panics
///
/// As [`insert`](Self::insert): when a new key would be entry number `u32::MAX`.
impl<K: Hash + Eq, V, S: BuildHasher> Extend<(K, V)> for FifoCache<K, V, S> {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        for (key, value) in iter {
            self.insert(key, value);
        }
    }
}

/// The entries by value, from the newest to the oldest.
///
/// ```
/// use memo::FifoCache;
///
/// let mut cache = FifoCache::new(2);
/// cache.extend([("a", 1), ("b", 2)]);
/// assert_eq!(cache.into_iter().rev().collect::<Vec<_>>(), [("a", 1), ("b", 2)]);
/// ```
impl<K, V, S> IntoIterator for FifoCache<K, V, S> {
    type Item = (K, V);
    type IntoIter = IntoIter<K, V>;

    fn into_iter(self) -> Self::IntoIter {
        self.map.into_ordered()
    }
}

impl<'a, K, V, S> IntoIterator for &'a mut FifoCache<K, V, S> {
    type Item = (&'a K, &'a mut V);
    type IntoIter = IterMut<'a, K, V>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter_mut()
    }
}

impl<'a, K, V, S> IntoIterator for &'a FifoCache<K, V, S> {
    type Item = (&'a K, &'a V);
    type IntoIter = Iter<'a, K, V>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<K: fmt::Debug, V: fmt::Debug, S> fmt::Debug for FifoCache<K, V, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FifoCache")
            .field("capacity", &self.capacity)
            .field("entries", &self.map)
            .finish()
    }
}
