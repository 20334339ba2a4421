//! [`UnboundedCache`]: a cache that never evicts, as Python's `functools.cache`.

use core::fmt;
use core::hash::{BuildHasher, Hash};
use core::iter::FusedIterator;

use hashbrown::hash_map::{Entry, EntryRef, RawEntryMut};
use hashbrown::{DefaultHashBuilder, Equivalent, HashMap};

use crate::Cache;

/// A cache that keeps every entry: a plain hash map behind the [`Cache`] trait, for
/// `#[memoize(maxsize = None)]`. With no order to keep, it is the leanest of the three.
///
/// # Example
///
/// ```
/// use memo::UnboundedCache;
///
/// let mut cache = UnboundedCache::new();
/// for n in 0..1000 {
///     cache.insert(n, n * 2);
/// }
/// assert_eq!(cache.len(), 1000);
/// assert_eq!(cache.get(&21), Some(&42));
/// ```
#[derive(Clone)]
pub struct UnboundedCache<K, V, S = DefaultHashBuilder> {
    map: HashMap<K, V, S>,
}

impl<K, V> UnboundedCache<K, V> {
    /// Makes an empty cache; nothing is allocated until the first insert.
    ///
    /// ```
    /// use memo::UnboundedCache;
    ///
    /// let cache: UnboundedCache<u64, u64> = UnboundedCache::new();
    /// assert!(cache.is_empty());
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::with_hasher(DefaultHashBuilder::default())
    }
}

/// An empty cache with the default hasher of `S`.
///
/// ```
/// use std::hash::RandomState;
/// use memo::UnboundedCache;
///
/// let cache: UnboundedCache<u8, u8, RandomState> = UnboundedCache::default();
/// assert!(cache.is_empty());
/// ```
impl<K, V, S: Default> Default for UnboundedCache<K, V, S> {
    fn default() -> Self {
        Self::with_hasher(S::default())
    }
}

impl<K, V, S> UnboundedCache<K, V, S> {
    /// Makes an empty cache that hashes keys with `hash_builder`.
    ///
    /// ```
    /// use std::hash::RandomState;
    /// use memo::UnboundedCache;
    ///
    /// let mut cache = UnboundedCache::with_hasher(RandomState::new());
    /// cache.insert('a', 1);
    /// assert_eq!(cache.peek(&'a'), Some(&1));
    /// ```
    #[must_use]
    pub const fn with_hasher(hash_builder: S) -> Self {
        Self {
            map: HashMap::with_hasher(hash_builder),
        }
    }

    /// The number of entries.
    ///
    /// ```
    /// use memo::UnboundedCache;
    ///
    /// let mut cache = UnboundedCache::new();
    /// cache.extend([(1, 'a'), (2, 'b'), (1, 'c')]);
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
    /// use memo::UnboundedCache;
    ///
    /// let mut cache = UnboundedCache::new();
    /// assert!(cache.is_empty());
    /// cache.insert(1, 1);
    /// assert!(!cache.is_empty());
    /// ```
    #[inline]
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Removes every entry.
    ///
    /// ```
    /// use memo::UnboundedCache;
    ///
    /// let mut cache = UnboundedCache::new();
    /// cache.insert(1, 1);
    /// cache.clear();
    /// assert!(cache.is_empty());
    /// ```
    pub fn clear(&mut self) {
        self.map.clear();
    }

    /// Iterates over the entries in no particular order.
    ///
    /// ```
    /// use memo::UnboundedCache;
    ///
    /// let mut cache = UnboundedCache::new();
    /// cache.extend([(1, 10), (2, 20)]);
    /// assert_eq!(cache.iter().map(|(_, v)| v).sum::<i32>(), 30);
    /// ```
    pub fn iter(&self) -> UnboundedIter<'_, K, V> {
        UnboundedIter(self.map.iter())
    }

    /// Iterates over the entries in no particular order, with mutable values.
    ///
    /// ```
    /// use memo::UnboundedCache;
    ///
    /// let mut cache = UnboundedCache::new();
    /// cache.extend([(1, 10), (2, 20)]);
    /// for (_, value) in cache.iter_mut() {
    ///     *value += 1;
    /// }
    /// assert_eq!(cache.iter().map(|(_, v)| v).sum::<i32>(), 32);
    /// ```
    pub fn iter_mut(&mut self) -> UnboundedIterMut<'_, K, V> {
        UnboundedIterMut(self.map.iter_mut())
    }

    /// The hash builder.
    ///
    /// ```
    /// use std::hash::RandomState;
    /// use memo::UnboundedCache;
    ///
    /// let cache: UnboundedCache<u8, u8, _> = UnboundedCache::with_hasher(RandomState::new());
    /// let _: &RandomState = cache.hasher();
    /// ```
    #[must_use]
    pub fn hasher(&self) -> &S {
        self.map.hasher()
    }
}

impl<K: Hash + Eq, V, S: BuildHasher> UnboundedCache<K, V, S> {
    /// Returns the value of `key`.
    ///
    /// ```
    /// use memo::UnboundedCache;
    ///
    /// let mut cache = UnboundedCache::new();
    /// cache.insert(String::from("one"), 1);
    /// assert_eq!(cache.get("one"), Some(&1)); // a `&str` finds a `String` key
    /// ```
    #[inline(always)]
    pub fn get<Q>(&mut self, key: &Q) -> Option<&V>
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        self.map.get(key)
    }

    /// Returns the value of `key` mutably.
    ///
    /// ```
    /// use memo::UnboundedCache;
    ///
    /// let mut cache = UnboundedCache::new();
    /// cache.insert(1, 10);
    /// *cache.get_mut(&1).unwrap() += 1;
    /// assert_eq!(cache.peek(&1), Some(&11));
    /// ```
    #[inline]
    pub fn get_mut<Q>(&mut self, key: &Q) -> Option<&mut V>
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        self.map.get_mut(key)
    }

    /// Returns the value of `key`; the same as [`get`](Self::get), but takes `&self`.
    ///
    /// ```
    /// use memo::UnboundedCache;
    ///
    /// let mut cache = UnboundedCache::new();
    /// cache.insert(1, 'a');
    /// assert_eq!(cache.peek(&1), Some(&'a'));
    /// ```
    #[inline]
    #[must_use]
    pub fn peek<Q>(&self, key: &Q) -> Option<&V>
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        self.map.get(key)
    }

    /// Returns the stored key and the value of `key`.
    ///
    /// ```
    /// use memo::UnboundedCache;
    ///
    /// let mut cache = UnboundedCache::new();
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
        self.map.get_key_value(key)
    }

    /// Whether `key` is stored.
    ///
    /// ```
    /// use memo::UnboundedCache;
    ///
    /// let mut cache = UnboundedCache::new();
    /// cache.insert(1, 'a');
    /// assert!(cache.contains_key(&1));
    /// ```
    #[inline]
    #[must_use]
    pub fn contains_key<Q>(&self, key: &Q) -> bool
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        self.map.contains_key(key)
    }

    /// Stores `value` under `key`, returning the key's previous value.
    ///
    /// ```
    /// use memo::UnboundedCache;
    ///
    /// let mut cache = UnboundedCache::new();
    /// assert_eq!(cache.insert(1, 'a'), None);
    /// assert_eq!(cache.insert(1, 'b'), Some('a'));
    /// ```
    #[inline]
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        self.map.insert(key, value)
    }

    /// Returns the value of `key`, to read or change, computing it with `make` and storing
    /// it when absent. The key is hashed once; a panic in `make` leaves the cache as it
    /// was.
    ///
    /// ```
    /// use memo::UnboundedCache;
    ///
    /// let mut cache = UnboundedCache::new();
    /// assert_eq!(*cache.get_or_insert_with("a", || 1), 1); // computed and stored
    /// assert_eq!(*cache.get_or_insert_with("a", || unreachable!()), 1); // found
    /// ```
    #[inline]
    pub fn get_or_insert_with(&mut self, key: K, make: impl FnOnce() -> V) -> &mut V {
        self.map.entry(key).or_insert_with(make)
    }

    /// [`get_or_insert_with`](Self::get_or_insert_with) for a `make` that may fail.
    ///
    /// # Errors
    ///
    /// `make`'s error, when the key was absent; nothing is stored then.
    ///
    /// ```
    /// use memo::UnboundedCache;
    ///
    /// let mut cache = UnboundedCache::new();
    /// let parse = |s: &str| s.parse::<u32>();
    /// assert_eq!(cache.try_get_or_insert_with("7", || parse("7")), Ok(&mut 7));
    /// assert!(cache.try_get_or_insert_with("x", || parse("x")).is_err());
    /// assert_eq!(cache.len(), 1); // the error was not stored
    /// ```
    #[inline]
    pub fn try_get_or_insert_with<E>(
        &mut self,
        key: K,
        make: impl FnOnce() -> Result<V, E>,
    ) -> Result<&mut V, E> {
        match self.map.entry(key) {
            Entry::Occupied(entry) => Ok(entry.into_mut()),
            Entry::Vacant(entry) => Ok(entry.insert(make()?)),
        }
    }

    /// [`get_or_insert_with`](Self::get_or_insert_with) for a borrowed key: a `&str` for a
    /// `String`, `Box<str>` or `Arc<str>` key, say, made owned (`to_owned().into()`) only
    /// when absent, so that a hit does not allocate. A miss then looks the owned key up as
    /// `get_or_insert_with` does: if `to_owned` changes the key (a lowercasing one, say), an
    /// entry already stored under the changed key is returned.
    ///
    /// ```
    /// use memo::UnboundedCache;
    ///
    /// let mut counts: UnboundedCache<String, u32> = UnboundedCache::new();
    /// for word in "a b a".split(' ') {
    ///     *counts.get_or_insert_ref(word, || 0) += 1;
    /// }
    /// assert_eq!(counts.peek("a"), Some(&2));
    /// ```
    #[inline]
    pub fn get_or_insert_ref<Q>(&mut self, key: &Q, make: impl FnOnce() -> V) -> &mut V
    where
        Q: ?Sized + Hash + Equivalent<K> + ToOwned,
        Q::Owned: Into<K>,
    {
        match self.map.entry_ref(key) {
            EntryRef::Occupied(entry) => entry.into_mut(),
            // The owned key is looked up anew: it may be stored already if it is not
            // equivalent to `key` (a `to_owned` that normalizes).
            EntryRef::Vacant(entry) => entry
                .into_map()
                .entry(key.to_owned().into())
                .or_insert_with(make),
        }
    }

    /// Keeps only the entries for which `keep` returns `true`, which may change their
    /// values; the others are removed. `keep` sees the entries in no particular order. O(n).
    ///
    /// ```
    /// use memo::UnboundedCache;
    ///
    /// let mut cache = UnboundedCache::new();
    /// cache.extend([(1, 'a'), (2, 'b'), (3, 'c')]);
    /// cache.retain(|&k, _| k != 2);
    /// assert_eq!(cache.len(), 2);
    /// assert!(!cache.contains_key(&2));
    /// ```
    pub fn retain(&mut self, keep: impl FnMut(&K, &mut V) -> bool) {
        self.map.retain(keep);
    }

    /// Gives back the memory held for more entries than the cache has: it grows its memory
    /// as entries come, and keeps it when they go.
    ///
    /// ```
    /// use memo::UnboundedCache;
    ///
    /// let mut cache: UnboundedCache<u32, u32> = (0..1000).map(|n| (n, n)).collect();
    /// cache.retain(|key, _| *key < 10);
    /// cache.shrink_to_fit();
    /// assert_eq!(cache.len(), 10);
    /// ```
    pub fn shrink_to_fit(&mut self) {
        self.map.shrink_to_fit();
    }

    /// Removes `key` and returns its value.
    ///
    /// ```
    /// use memo::UnboundedCache;
    ///
    /// let mut cache = UnboundedCache::new();
    /// cache.insert(1, 'a');
    /// assert_eq!(cache.remove(&1), Some('a'));
    /// assert_eq!(cache.remove(&1), None);
    /// ```
    pub fn remove<Q>(&mut self, key: &Q) -> Option<V>
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        self.map.remove(key)
    }

    /// Removes `key` and returns the stored key with its value.
    ///
    /// ```
    /// use memo::UnboundedCache;
    ///
    /// let mut cache = UnboundedCache::new();
    /// cache.insert(String::from("one"), 1);
    /// assert_eq!(cache.remove_entry("one"), Some((String::from("one"), 1)));
    /// assert_eq!(cache.remove_entry("one"), None);
    /// ```
    pub fn remove_entry<Q>(&mut self, key: &Q) -> Option<(K, V)>
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        self.map.remove_entry(key)
    }

    /// [`Cache::insert`], handing back what does not stay: the given key with the value it
    /// replaced. For the `#[memoize]` runtime, which drops it once the cache is unlocked.
    #[inline]
    pub(crate) fn insert_departed(&mut self, key: K, value: V) -> Option<(K, V)> {
        match self.map.raw_entry_mut().from_key(&key) {
            RawEntryMut::Occupied(mut entry) => Some((key, entry.insert(value))),
            RawEntryMut::Vacant(entry) => {
                entry.insert(key, value);
                None
            }
        }
    }
}

impl<K: Hash + Eq, V, S: BuildHasher> Cache<K, V> for UnboundedCache<K, V, S> {
    #[inline(always)]
    fn get<Q>(&mut self, key: &Q) -> Option<&V>
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        self.map.get(key)
    }

    #[inline(always)]
    fn get_or_remove_if<Q>(&mut self, key: &Q, remove_if: impl FnOnce(&V) -> bool) -> Option<&V>
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        match self.map.raw_entry_mut().from_key(key) {
            RawEntryMut::Occupied(entry) if remove_if(entry.get()) => {
                entry.remove();
                None
            }
            RawEntryMut::Occupied(entry) => Some(entry.into_mut()),
            RawEntryMut::Vacant(_) => None,
        }
    }

    #[inline]
    fn peek<Q>(&self, key: &Q) -> Option<&V>
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        self.map.get(key)
    }

    #[inline]
    fn contains_key<Q>(&self, key: &Q) -> bool
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        self.map.contains_key(key)
    }

    #[inline]
    fn insert(&mut self, key: K, value: V) -> Option<V> {
        self.map.insert(key, value)
    }

    #[inline]
    fn insert_if_absent(&mut self, key: K, value: V) -> bool {
        match self.map.entry(key) {
            Entry::Occupied(_) => false,
            Entry::Vacant(slot) => {
                slot.insert(value);
                true
            }
        }
    }

    #[inline]
    fn try_get_or_insert_with<E>(
        &mut self,
        key: K,
        make: impl FnOnce() -> Result<V, E>,
    ) -> Result<&mut V, E> {
        UnboundedCache::try_get_or_insert_with(self, key, make)
    }

    fn remove<Q>(&mut self, key: &Q) -> Option<V>
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        self.map.remove(key)
    }

    #[inline]
    fn len(&self) -> usize {
        self.map.len()
    }

    fn max_len(&self) -> Option<usize> {
        None
    }

    fn clear(&mut self) {
        self.map.clear();
    }

    fn retain(&mut self, keep: impl FnMut(&K, &mut V) -> bool) {
        UnboundedCache::retain(self, keep);
    }

    fn shrink_to_fit(&mut self) {
        UnboundedCache::shrink_to_fit(self);
    }

    fn iter<'a>(&'a self) -> impl Iterator<Item = (&'a K, &'a V)>
    where
        K: 'a,
        V: 'a,
    {
        self.map.iter()
    }
}

impl<K: Hash + Eq, V, S: BuildHasher> Extend<(K, V)> for UnboundedCache<K, V, S> {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        self.map.extend(iter);
    }
}

/// Collects pairs into a cache; a later pair replaces an earlier one with the same key.
///
/// ```
/// use memo::UnboundedCache;
///
/// let cache: UnboundedCache<_, _> = [(1, 'a'), (2, 'b'), (1, 'c')].into_iter().collect();
/// assert_eq!(cache.len(), 2);
/// assert_eq!(cache.peek(&1), Some(&'c'));
/// ```
impl<K: Hash + Eq, V, S: BuildHasher + Default> FromIterator<(K, V)> for UnboundedCache<K, V, S> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        Self {
            map: HashMap::from_iter(iter),
        }
    }
}

/// The entries by value, in no particular order (see [`UnboundedIntoIter`]).
impl<K, V, S> IntoIterator for UnboundedCache<K, V, S> {
    type Item = (K, V);
    type IntoIter = UnboundedIntoIter<K, V>;

    fn into_iter(self) -> Self::IntoIter {
        UnboundedIntoIter(self.map.into_iter())
    }
}

impl<'a, K, V, S> IntoIterator for &'a mut UnboundedCache<K, V, S> {
    type Item = (&'a K, &'a mut V);
    type IntoIter = UnboundedIterMut<'a, K, V>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter_mut()
    }
}

impl<'a, K, V, S> IntoIterator for &'a UnboundedCache<K, V, S> {
    type Item = (&'a K, &'a V);
    type IntoIter = UnboundedIter<'a, K, V>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<K: fmt::Debug, V: fmt::Debug, S> fmt::Debug for UnboundedCache<K, V, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnboundedCache")
            .field("entries", &self.map)
            .finish()
    }
}

/// An iterator over the entries of an [`UnboundedCache`] with mutable values, in no
/// particular order; made by [`UnboundedCache::iter_mut`].
#[must_use = "iterators are lazy and do nothing unless consumed"]
pub struct UnboundedIterMut<'a, K, V>(hashbrown::hash_map::IterMut<'a, K, V>);

impl<'a, K, V> Iterator for UnboundedIterMut<'a, K, V> {
    type Item = (&'a K, &'a mut V);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        self.0.next()
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl<K, V> ExactSizeIterator for UnboundedIterMut<'_, K, V> {}

impl<K, V> FusedIterator for UnboundedIterMut<'_, K, V> {}

impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for UnboundedIterMut<'_, K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// An iterator over the entries of an [`UnboundedCache`], in no particular order; made by
/// [`UnboundedCache::iter`].
///
/// ```
/// use memo::UnboundedCache;
///
/// let mut cache = UnboundedCache::new();
/// cache.insert("a", 1);
/// let mut iter = cache.iter();
/// assert_eq!(iter.len(), 1);
/// assert_eq!(iter.next(), Some((&"a", &1)));
/// assert_eq!(iter.next(), None);
/// ```
#[must_use = "iterators are lazy and do nothing unless consumed"]
pub struct UnboundedIter<'a, K, V>(hashbrown::hash_map::Iter<'a, K, V>);

impl<'a, K, V> Iterator for UnboundedIter<'a, K, V> {
    type Item = (&'a K, &'a V);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        self.0.next()
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl<K, V> ExactSizeIterator for UnboundedIter<'_, K, V> {}

impl<K, V> FusedIterator for UnboundedIter<'_, K, V> {}

impl<K, V> Clone for UnboundedIter<'_, K, V> {
    fn clone(&self) -> Self {
        Self(self.0.clone())
    }
}

impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for UnboundedIter<'_, K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
}

/// An owning iterator over the entries of an [`UnboundedCache`], in no particular order;
/// made by its `into_iter()`.
///
/// ```
/// use memo::UnboundedCache;
///
/// let mut cache = UnboundedCache::new();
/// cache.extend([("a", 1), ("b", 2)]);
/// let mut entries: Vec<(&str, i32)> = cache.into_iter().collect();
/// entries.sort();
/// assert_eq!(entries, [("a", 1), ("b", 2)]);
/// ```
#[must_use = "iterators are lazy and do nothing unless consumed"]
pub struct UnboundedIntoIter<K, V>(hashbrown::hash_map::IntoIter<K, V>);

impl<K, V> Iterator for UnboundedIntoIter<K, V> {
    type Item = (K, V);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        self.0.next()
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl<K, V> ExactSizeIterator for UnboundedIntoIter<K, V> {}

impl<K, V> FusedIterator for UnboundedIntoIter<K, V> {}

impl<K, V> Default for UnboundedIntoIter<K, V> {
    /// An iterator that yields nothing.
    fn default() -> Self {
        Self(hashbrown::hash_map::IntoIter::default())
    }
}

impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for UnboundedIntoIter<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
