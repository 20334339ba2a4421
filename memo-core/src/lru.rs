//! [`LruCache`]: a bounded cache that evicts the least recently used entry.

use core::fmt;
use core::hash::{BuildHasher, Hash};

use hashbrown::{DefaultHashBuilder, Equivalent};

use crate::Cache;
use crate::linked::{IntoIter, Iter, IterMut, LinkedMap, Touch};

/// A bounded cache that evicts the least recently used entry, in O(1) per operation.
///
/// Entries live in one slab linked by `u32` indices, found through a
/// [`hashbrown::HashTable`]: no allocation per entry and no `unsafe`. Nothing is allocated
/// up front, so a huge capacity costs only what is stored. A cache holds at most
/// `u32::MAX - 1` entries; inserting beyond that panics.
///
/// Lookups take any `Q` [`Equivalent`] to `K`: a `String`-keyed cache answers a `&str`.
///
/// # Example
///
/// ```
/// use memo::LruCache;
///
/// let mut cache = LruCache::new(2);
/// cache.insert("apple", 3);
/// cache.insert("banana", 5);
/// assert_eq!(cache.get(&"apple"), Some(&3)); // "apple" is now the most recent
/// cache.insert("cherry", 7); // full: evicts "banana", the least recently used
/// assert!(!cache.contains_key(&"banana"));
/// assert_eq!(cache.iter().collect::<Vec<_>>(), [(&"cherry", &7), (&"apple", &3)]);
/// ```
#[derive(Clone)]
pub struct LruCache<K, V, S = DefaultHashBuilder> {
    map: LinkedMap<K, V, S>,
    capacity: usize,
}

// No bounds on `K`, as `HashMap::new`: generic code can make a cache before it knows its
// key is `Hash + Eq`. Not `const`: the default hasher draws a seed at run time.
impl<K, V> LruCache<K, V> {
    /// Makes an empty cache that holds at most `capacity` entries. Nothing is allocated
    /// until the first insert. Capacity 0 is valid and holds nothing: `insert` stores
    /// nothing, `push` hands the pair back, [`Cache::insert_if_absent`] returns `false`,
    /// and `get_or_insert_with`, `try_get_or_insert_with` and `get_or_insert_ref` panic,
    /// having nothing to return a reference to.
    ///
    /// ```
    /// use memo::LruCache;
    ///
    /// let mut cache: LruCache<u64, u64> = LruCache::new(1_000_000_000);
    /// cache.insert(1, 1);
    /// assert_eq!((cache.len(), cache.capacity()), (1, 1_000_000_000));
    /// ```
    #[must_use]
    pub fn new(capacity: usize) -> Self {
        Self::with_hasher(capacity, DefaultHashBuilder::default())
    }
}

impl<K, V, S> LruCache<K, V, S> {
    /// Makes an empty cache that hashes keys with `hash_builder`.
    ///
    /// ```
    /// use std::hash::RandomState;
    /// use memo::LruCache;
    ///
    /// let mut cache = LruCache::with_hasher(8, RandomState::new());
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
    /// use memo::LruCache;
    ///
    /// let mut cache = LruCache::new(2);
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
    /// use memo::LruCache;
    ///
    /// let mut cache = LruCache::new(1);
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
    /// use memo::LruCache;
    ///
    /// let cache: LruCache<u8, u8> = LruCache::new(16);
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
    /// use memo::LruCache;
    ///
    /// let cache: LruCache<u8, u8, _> = LruCache::with_hasher(4, RandomState::new());
    /// let _: &RandomState = cache.hasher();
    /// ```
    #[must_use]
    pub fn hasher(&self) -> &S {
        self.map.hasher()
    }

    /// Removes every entry, keeping the capacity.
    ///
    /// ```
    /// use memo::LruCache;
    ///
    /// let mut cache = LruCache::new(4);
    /// cache.insert(1, 1);
    /// cache.clear();
    /// assert!(cache.is_empty());
    /// assert_eq!(cache.capacity(), 4);
    /// ```
    pub fn clear(&mut self) {
        self.map.clear();
    }

    /// The least recently used entry (the next to be evicted), without changing the order.
    ///
    /// ```
    /// use memo::LruCache;
    ///
    /// let mut cache = LruCache::new(3);
    /// cache.extend([(1, 'a'), (2, 'b')]);
    /// assert_eq!(cache.peek_lru(), Some((&1, &'a')));
    /// ```
    #[must_use]
    pub fn peek_lru(&self) -> Option<(&K, &V)> {
        self.map.back()
    }

    /// The most recently used entry, without changing the order.
    ///
    /// ```
    /// use memo::LruCache;
    ///
    /// let mut cache = LruCache::new(3);
    /// cache.extend([(1, 'a'), (2, 'b')]);
    /// assert_eq!(cache.peek_mru(), Some((&2, &'b')));
    /// ```
    #[must_use]
    pub fn peek_mru(&self) -> Option<(&K, &V)> {
        self.map.front()
    }

    /// Iterates from the most recently used entry to the least recently used one; `.rev()`
    /// gives the eviction order.
    ///
    /// ```
    /// use memo::LruCache;
    ///
    /// let mut cache = LruCache::new(3);
    /// cache.extend([(1, 'a'), (2, 'b'), (3, 'c')]);
    /// cache.get(&1);
    /// let keys: Vec<_> = cache.iter().map(|(k, _)| *k).collect();
    /// assert_eq!(keys, [1, 3, 2]);
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
    /// use memo::LruCache;
    ///
    /// let mut cache = LruCache::new(3);
    /// cache.extend([(1, 10), (2, 20), (3, 30)]);
    /// cache.get(&1);
    /// for (_, value) in cache.iter_mut() {
    ///     *value += 1;
    /// }
    /// assert_eq!(cache.iter().collect::<Vec<_>>(), [(&1, &11), (&3, &31), (&2, &21)]);
    /// ```
    pub fn iter_mut(&mut self) -> IterMut<'_, K, V> {
        self.map.iter_mut()
    }
}

impl<K: Hash + Eq, V, S: BuildHasher> LruCache<K, V, S> {
    /// Returns the value of `key` and makes it the most recently used entry.
    ///
    /// ```
    /// use memo::LruCache;
    ///
    /// let mut cache = LruCache::new(2);
    /// cache.insert(String::from("one"), 1);
    /// assert_eq!(cache.get("one"), Some(&1)); // a `&str` finds a `String` key
    /// assert_eq!(cache.get("two"), None);
    /// ```
    #[inline(always)]
    pub fn get<Q>(&mut self, key: &Q) -> Option<&V>
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        let index = self.map.find_key(key)?;
        self.map.touch(index)
    }

    /// Returns the stored key and the value of `key`, and makes it the most recently used
    /// entry.
    ///
    /// ```
    /// use memo::LruCache;
    ///
    /// let mut cache = LruCache::new(2);
    /// cache.extend([(String::from("one"), 1), (String::from("two"), 2)]);
    /// assert_eq!(cache.get_key_value("one"), Some((&String::from("one"), &1)));
    /// assert_eq!(cache.peek_mru(), Some((&String::from("one"), &1)));
    /// ```
    #[inline]
    pub fn get_key_value<Q>(&mut self, key: &Q) -> Option<(&K, &V)>
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        let index = self.map.find_key(key)?;
        self.map.move_to_front(index);
        Some(self.map.key_value(index))
    }

    /// Returns the value of `key` mutably and makes it the most recently used entry.
    ///
    /// ```
    /// use memo::LruCache;
    ///
    /// let mut cache = LruCache::new(2);
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
        self.map.move_to_front(index);
        Some(self.map.value_mut(index))
    }

    /// Returns the value of `key` without changing the order.
    ///
    /// ```
    /// use memo::LruCache;
    ///
    /// let mut cache = LruCache::new(2);
    /// cache.extend([(1, 'a'), (2, 'b')]);
    /// assert_eq!(cache.peek(&1), Some(&'a'));
    /// assert_eq!(cache.peek_lru(), Some((&1, &'a'))); // still the least recent
    /// ```
    #[inline]
    #[must_use]
    pub fn peek<Q>(&self, key: &Q) -> Option<&V>
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        self.map.find_key(key).map(|index| self.map.value(index))
    }

    /// Returns the stored key and the value of `key` without changing the order.
    ///
    /// ```
    /// use memo::LruCache;
    ///
    /// let mut cache = LruCache::new(2);
    /// cache.extend([(1, 'a'), (2, 'b')]);
    /// assert_eq!(cache.peek_key_value(&1), Some((&1, &'a')));
    /// assert_eq!(cache.peek_lru(), Some((&1, &'a'))); // still the least recent
    /// ```
    #[inline]
    #[must_use]
    pub fn peek_key_value<Q>(&self, key: &Q) -> Option<(&K, &V)>
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        self.map
            .find_key(key)
            .map(|index| self.map.key_value(index))
    }

    /// Returns the value of `key` mutably without changing the order.
    ///
    /// ```
    /// use memo::LruCache;
    ///
    /// let mut cache = LruCache::new(2);
    /// cache.extend([(1, 10), (2, 20)]);
    /// *cache.peek_mut(&1).unwrap() += 1;
    /// assert_eq!(cache.peek_lru(), Some((&1, &11))); // still the least recent
    /// ```
    #[inline]
    pub fn peek_mut<Q>(&mut self, key: &Q) -> Option<&mut V>
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        let index = self.map.find_key(key)?;
        Some(self.map.value_mut(index))
    }

    /// Whether `key` is stored; does not change the order.
    ///
    /// ```
    /// use memo::LruCache;
    ///
    /// let mut cache = LruCache::new(2);
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

    /// Stores `value` under `key` as the most recently used entry and returns the key's
    /// previous value. A present key keeps the key it was stored with, as
    /// `HashMap::insert` does. When the key is new and the cache is full, the least recently
    /// used entry is evicted.
    ///
    /// # Panics
    ///
    /// When a new key would be entry number `u32::MAX`: a cache holds at most
    /// `u32::MAX - 1` entries, whatever its capacity (see [`LruCache`]).
    ///
    /// ```
    /// use memo::LruCache;
    ///
    /// let mut cache = LruCache::new(2);
    /// assert_eq!(cache.insert(1, 'a'), None);
    /// assert_eq!(cache.insert(1, 'b'), Some('a'));
    /// cache.insert(2, 'c');
    /// cache.insert(3, 'd'); // evicts 1
    /// assert_eq!(cache.peek(&1), None);
    /// ```
    #[inline]
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        self.map
            .push(self.capacity, key, value, Touch::MoveToFront)
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
    /// `u32::MAX - 1` entries, whatever its capacity (see [`LruCache`]).
    ///
    /// ```
    /// use memo::LruCache;
    ///
    /// let mut cache = LruCache::new(1);
    /// assert_eq!(cache.push(1, 'a'), None);
    /// assert_eq!(cache.push(1, 'b'), Some((1, 'a'))); // same key: the old value
    /// assert_eq!(cache.push(2, 'c'), Some((1, 'b'))); // new key: the evicted pair
    ///
    /// let mut nothing = LruCache::new(0);
    /// assert_eq!(nothing.push(1, 'a'), Some((1, 'a')));
    /// ```
    #[inline]
    pub fn push(&mut self, key: K, value: V) -> Option<(K, V)> {
        self.map
            .push(self.capacity, key, value, Touch::MoveToFront)
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
    /// it when absent. A key found becomes the most recently used entry, as with
    /// [`get`](Self::get); a new one is stored as [`insert`](Self::insert) stores it,
    /// evicting when full. The key is hashed once.
    ///
    /// # Panics
    ///
    /// When the capacity is 0: such a cache holds nothing to return a reference to. When a
    /// new key would be entry number `u32::MAX`, as [`insert`](Self::insert). A panic in
    /// `make` leaves the cache as it was.
    ///
    /// ```
    /// use memo::LruCache;
    ///
    /// let mut cache = LruCache::new(2);
    /// assert_eq!(*cache.get_or_insert_with("a", || 1), 1); // computed and stored
    /// assert_eq!(*cache.get_or_insert_with("a", || unreachable!()), 1); // found
    /// cache.get_or_insert_with("b", || 2);
    /// cache.get_or_insert_with("a", || unreachable!()); // "a" is the most recent again
    /// cache.get_or_insert_with("c", || 3); // evicts "b"
    /// assert!(!cache.contains_key("b"));
    /// ```
    #[inline]
    #[track_caller]
    pub fn get_or_insert_with(&mut self, key: K, make: impl FnOnce() -> V) -> &mut V {
        self.map
            .get_or_add(self.capacity, key, make, Touch::MoveToFront)
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
    /// use memo::LruCache;
    ///
    /// let mut cache = LruCache::new(2);
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
            .try_get_or_add(self.capacity, key, make, Touch::MoveToFront)
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
    /// use memo::LruCache;
    ///
    /// let mut counts: LruCache<String, u32> = LruCache::new(8);
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
            .get_or_add_ref(self.capacity, key, make, Touch::MoveToFront)
    }

    /// Keeps only the entries for which `keep` returns `true`, which may change their
    /// values; the others are removed, and the order of those kept is unchanged. `keep` sees
    /// the entries in no particular order. O(n).
    ///
    /// ```
    /// use memo::LruCache;
    ///
    /// let mut cache = LruCache::new(4);
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
    /// use memo::LruCache;
    ///
    /// let mut cache = LruCache::new(2);
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
    /// use memo::LruCache;
    ///
    /// let mut cache = LruCache::new(2);
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

    /// Removes and returns the least recently used entry.
    ///
    /// ```
    /// use memo::LruCache;
    ///
    /// let mut cache = LruCache::new(3);
    /// cache.extend([(1, 'a'), (2, 'b')]);
    /// assert_eq!(cache.pop_lru(), Some((1, 'a')));
    /// assert_eq!(cache.len(), 1);
    /// ```
    pub fn pop_lru(&mut self) -> Option<(K, V)> {
        self.map.pop_back()
    }

    /// Removes and returns the most recently used entry.
    ///
    /// ```
    /// use memo::LruCache;
    ///
    /// let mut cache = LruCache::new(3);
    /// cache.extend([(1, 'a'), (2, 'b')]);
    /// assert_eq!(cache.pop_mru(), Some((2, 'b')));
    /// assert_eq!(cache.len(), 1);
    /// ```
    pub fn pop_mru(&mut self) -> Option<(K, V)> {
        self.map.pop_front()
    }

    /// Makes `key` the most recently used entry, as [`get`](Self::get) does without
    /// returning its value. Returns whether it was stored.
    ///
    /// ```
    /// use memo::LruCache;
    ///
    /// let mut cache = LruCache::new(3);
    /// cache.extend([(1, 'a'), (2, 'b'), (3, 'c')]);
    /// assert!(cache.promote(&1));
    /// assert_eq!(cache.pop_lru(), Some((2, 'b'))); // 1 is no longer the least recent
    /// assert!(!cache.promote(&4));
    /// ```
    pub fn promote<Q>(&mut self, key: &Q) -> bool
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        self.map
            .find_key(key)
            .map(|index| self.map.move_to_front(index))
            .is_some()
    }

    /// Makes `key` the least recently used entry, the next to be evicted. Returns whether
    /// it was stored.
    ///
    /// ```
    /// use memo::LruCache;
    ///
    /// let mut cache = LruCache::new(3);
    /// cache.extend([(1, 'a'), (2, 'b'), (3, 'c')]);
    /// assert!(cache.demote(&3));
    /// cache.insert(4, 'd'); // full: evicts 3
    /// assert!(!cache.contains_key(&3));
    /// assert!(!cache.demote(&5));
    /// ```
    pub fn demote<Q>(&mut self, key: &Q) -> bool
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        self.map
            .find_key(key)
            .map(|index| self.map.move_to_back(index))
            .is_some()
    }

    /// Gives back the memory held for more entries than the cache has; the capacity (the
    /// most entries it may hold) stays as it is. A cache grows its memory as entries come,
    /// and keeps it when they go.
    ///
    /// ```
    /// use memo::LruCache;
    ///
    /// let mut cache = LruCache::new(10_000);
    /// cache.extend((0..1000).map(|n| (n, n)));
    /// cache.retain(|key, _| *key < 10);
    /// cache.shrink_to_fit();
    /// assert_eq!((cache.len(), cache.capacity()), (10, 10_000));
    /// ```
    pub fn shrink_to_fit(&mut self) {
        self.map.shrink_to_fit();
    }

    /// Sets the capacity, evicting least recently used entries while there are more than
    /// `new_capacity`, and gives back the memory held for more entries than that.
    /// Capacity 0 empties the cache and behaves as with [`new`](LruCache::new).
    ///
    /// ```
    /// use memo::LruCache;
    ///
    /// let mut cache = LruCache::new(3);
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

impl<K: Hash + Eq, V, S: BuildHasher> Cache<K, V> for LruCache<K, V, S> {
    #[inline(always)]
    fn get<Q>(&mut self, key: &Q) -> Option<&V>
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        LruCache::get(self, key)
    }

    #[inline(always)]
    fn get_or_remove_if<Q>(&mut self, key: &Q, remove_if: impl FnOnce(&V) -> bool) -> Option<&V>
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        let index = self.map.find_or_remove_if(key, remove_if)?;
        self.map.touch(index)
    }

    #[inline]
    fn peek<Q>(&self, key: &Q) -> Option<&V>
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        LruCache::peek(self, key)
    }

    #[inline]
    fn contains_key<Q>(&self, key: &Q) -> bool
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        LruCache::contains_key(self, key)
    }

    #[inline]
    fn insert(&mut self, key: K, value: V) -> Option<V> {
        LruCache::insert(self, key, value)
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
        LruCache::try_get_or_insert_with(self, key, make)
    }

    fn remove<Q>(&mut self, key: &Q) -> Option<V>
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        LruCache::remove(self, key)
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
        LruCache::retain(self, keep);
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
        LruCache::shrink_to_fit(self);
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
impl<K: Hash + Eq, V, S: BuildHasher> Extend<(K, V)> for LruCache<K, V, S> {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        for (key, value) in iter {
            self.insert(key, value);
        }
    }
}

/// The entries by value, from the most recent to the least recent.
///
/// ```
/// use memo::LruCache;
///
/// let mut cache = LruCache::new(2);
/// cache.extend([("a", 1), ("b", 2)]);
/// assert_eq!(cache.into_iter().collect::<Vec<_>>(), [("b", 2), ("a", 1)]);
/// ```
impl<K, V, S> IntoIterator for LruCache<K, V, S> {
    type Item = (K, V);
    type IntoIter = IntoIter<K, V>;

    fn into_iter(self) -> Self::IntoIter {
        self.map.into_ordered()
    }
}

impl<'a, K, V, S> IntoIterator for &'a mut LruCache<K, V, S> {
    type Item = (&'a K, &'a mut V);
    type IntoIter = IterMut<'a, K, V>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter_mut()
    }
}

impl<'a, K, V, S> IntoIterator for &'a LruCache<K, V, S> {
    type Item = (&'a K, &'a V);
    type IntoIter = Iter<'a, K, V>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<K: fmt::Debug, V: fmt::Debug, S> fmt::Debug for LruCache<K, V, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LruCache")
            .field("capacity", &self.capacity)
            .field("entries", &self.map)
            .finish()
    }
}
