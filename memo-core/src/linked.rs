//! [`LinkedMap`]: the index-linked hash map that [`LruCache`](crate::LruCache) and
//! [`FifoCache`](crate::FifoCache) are built on.
//!
//! Entries live in one dense `Vec` (the slab). Each entry carries its key, its value and the
//! `u32` indices of its neighbours in a doubly-linked recency list; a
//! [`hashbrown::HashTable`] of `u32` slab indices finds an entry by key. There is no
//! allocation per entry, no pointer and no `unsafe`: a link is an index into the slab.
//!
//! # Invariants
//!
//! 1. `entries` is dense, and `table` holds each index `0..entries.len()` exactly once, under
//!    the hash of that entry's key.
//! 2. The links form one list through every entry, from `head` (the front: most recent) to
//!    `tail` (the back: least recent). [`NIL`] ends it; `head` and `tail` are `NIL` exactly
//!    when the map is empty.
//! 3. `entries.len() <= MAX_LEN`, so every index and `NIL` fit in a `u32`.
//!
//! Removing from the middle moves the last entry of the slab into the hole (as
//! `Vec::swap_remove`) and repoints its neighbours and its table slot, which keeps the slab
//! dense without a free list or a vacant-slot discriminant. Evicting from a full cache does
//! not remove at all: the back entry is overwritten in place with the new key and value.

use core::fmt;
use core::hash::{BuildHasher, Hash};
use core::iter::FusedIterator;
use core::mem;

use hashbrown::{Equivalent, HashTable};

/// The link that ends the list.
const NIL: u32 = u32::MAX;

/// The most entries a map holds: indices are `u32` and `u32::MAX` is [`NIL`].
pub(crate) const MAX_LEN: usize = u32::MAX as usize - 1;

#[derive(Clone)]
struct Entry<K, V> {
    key: K,
    value: V,
    /// Toward the front (more recent).
    prev: u32,
    /// Toward the back (less recent).
    next: u32,
}

/// A hash map whose entries also form a doubly-linked list, front (most recent) to back.
#[derive(Clone)]
pub(crate) struct LinkedMap<K, V, S> {
    entries: Vec<Entry<K, V>>,
    table: HashTable<u32>,
    head: u32,
    tail: u32,
    hash_builder: S,
}

impl<K, V, S> LinkedMap<K, V, S> {
    pub(crate) const fn with_hasher(hash_builder: S) -> Self {
        Self {
            entries: Vec::new(),
            table: HashTable::new(),
            head: NIL,
            tail: NIL,
            hash_builder,
        }
    }

    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    pub(crate) fn hasher(&self) -> &S {
        &self.hash_builder
    }

    #[inline]
    pub(crate) fn value(&self, index: u32) -> &V {
        &self.entries[index as usize].value
    }

    #[inline]
    pub(crate) fn value_mut(&mut self, index: u32) -> &mut V {
        &mut self.entries[index as usize].value
    }

    /// The back (least recent) entry.
    pub(crate) fn back(&self) -> Option<(&K, &V)> {
        let entry = self.entries.get(self.tail as usize)?;
        Some((&entry.key, &entry.value))
    }

    pub(crate) fn clear(&mut self) {
        self.entries.clear();
        self.table.clear();
        self.head = NIL;
        self.tail = NIL;
    }

    pub(crate) fn iter(&self) -> Iter<'_, K, V> {
        Iter {
            entries: &self.entries,
            front: self.head,
            back: self.tail,
            remaining: self.entries.len(),
        }
    }

    /// Makes `index` the front entry and returns its value.
    ///
    /// This is the whole cost of an LRU hit beyond the lookup, so it is written to stay small
    /// enough for `get` to inline into its caller. `index` is checked against the slab once,
    /// up front, which covers every later access to it; the neighbours are reached with
    /// `get_mut`, which leaves no panic path behind and, for `next`, folds the test for
    /// [`NIL`] into the bounds check (`NIL` is never a slab index, by invariant 3). By
    /// invariants 1 and 2 every lookup here finds its entry, as the debug assertions check;
    /// `None` is only for an `index` out of the slab.
    #[inline]
    pub(crate) fn touch(&mut self, index: u32) -> Option<&V> {
        // A slice, not the `Vec`: its pointer and length stay in registers across the
        // stores below, which the compiler could not prove leave a `Vec` header alone.
        let entries = self.entries.as_mut_slice();
        let i = index as usize;
        if i >= entries.len() {
            return None;
        }
        let head = self.head;
        if head != index {
            // Not the head, so the list is not empty and `index` has a `prev`.
            debug_assert!((head as usize) < entries.len());
            let Entry { prev, next, .. } = entries[i];
            debug_assert!((prev as usize) < entries.len());
            if let Some(entry) = entries.get_mut(prev as usize) {
                entry.next = next;
            }
            match entries.get_mut(next as usize) {
                Some(entry) => entry.prev = prev,
                // `next` is `NIL`: `index` was the tail.
                None => self.tail = prev,
            }
            entries[i].prev = NIL;
            entries[i].next = head;
            if let Some(entry) = entries.get_mut(head as usize) {
                entry.prev = index;
            }
            self.head = index;
        }
        Some(&entries[i].value)
    }

    /// Makes `index` the front entry.
    #[inline]
    pub(crate) fn move_to_front(&mut self, index: u32) {
        self.touch(index);
    }

    fn unlink(&mut self, index: u32) {
        let Entry { prev, next, .. } = self.entries[index as usize];
        match prev {
            NIL => self.head = next,
            p => self.entries[p as usize].next = next,
        }
        match next {
            NIL => self.tail = prev,
            n => self.entries[n as usize].prev = prev,
        }
    }

    fn link_front(&mut self, index: u32) {
        let old_head = self.head;
        let entry = &mut self.entries[index as usize];
        entry.prev = NIL;
        entry.next = old_head;
        match old_head {
            NIL => self.tail = index,
            h => self.entries[h as usize].prev = index,
        }
        self.head = index;
    }
}

impl<K: Hash + Eq, V, S: BuildHasher> LinkedMap<K, V, S> {
    #[inline]
    pub(crate) fn hash<Q: ?Sized + Hash>(&self, key: &Q) -> u64 {
        self.hash_builder.hash_one(key)
    }

    /// The slab index of `key`, given its hash.
    #[inline]
    pub(crate) fn find<Q>(&self, hash: u64, key: &Q) -> Option<u32>
    where
        Q: ?Sized + Equivalent<K>,
    {
        let entries = &self.entries;
        // `get`, not indexing: no panic path in the probe loop (every index in the table is
        // in the slab, by invariant 1), which keeps callers small enough to inline.
        self.table
            .find(hash, |&i| {
                entries
                    .get(i as usize)
                    .is_some_and(|entry| key.equivalent(&entry.key))
            })
            .copied()
    }

    /// Hashes `key` and finds it.
    #[inline]
    pub(crate) fn find_key<Q>(&self, key: &Q) -> Option<u32>
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        if self.entries.is_empty() {
            return None;
        }
        self.find(self.hash(key), key)
    }

    /// Replaces the key and value at `index`, returning the old pair. `key` must be
    /// equivalent to the stored key, so the table slot stays right.
    pub(crate) fn replace(&mut self, index: u32, key: K, value: V) -> (K, V) {
        let entry = &mut self.entries[index as usize];
        (
            mem::replace(&mut entry.key, key),
            mem::replace(&mut entry.value, value),
        )
    }

    /// Adds a new entry at the front. `key` must be absent and `hash` its hash.
    ///
    /// # Panics
    ///
    /// When the map already holds [`MAX_LEN`] entries.
    pub(crate) fn push_front(&mut self, hash: u64, key: K, value: V) -> u32 {
        assert!(
            self.entries.len() < MAX_LEN,
            "memo: a cache holds at most u32::MAX - 1 ({MAX_LEN}) entries"
        );
        let index = self.entries.len() as u32;
        self.entries.push(Entry {
            key,
            value,
            prev: NIL,
            next: NIL,
        });
        self.table_insert(hash, index);
        self.link_front(index);
        index
    }

    /// Overwrites the back entry with a new one and makes it the front, returning the old
    /// pair. `key` must be absent and `hash` its hash; the map must not be empty.
    pub(crate) fn replace_back(&mut self, hash: u64, key: K, value: V) -> (K, V) {
        let index = self.tail;
        self.table_remove(index);
        let old = self.replace(index, key, value);
        self.table_insert(hash, index);
        self.move_to_front(index);
        old
    }

    /// Removes the entry at `index`, moving the last slab entry into its place.
    pub(crate) fn remove_index(&mut self, index: u32) -> (K, V) {
        self.unlink(index);
        self.table_remove(index);
        let last = (self.entries.len() - 1) as u32;
        let Entry { key, value, .. } = self.entries.swap_remove(index as usize);
        if index != last {
            self.relocate(last, index);
        }
        (key, value)
    }

    /// Removes the back (least recent) entry.
    pub(crate) fn pop_back(&mut self) -> Option<(K, V)> {
        match self.tail {
            NIL => None,
            tail => Some(self.remove_index(tail)),
        }
    }

    /// Adds the table slot of the entry at `index`, whose key hashes to `hash`.
    #[inline]
    fn table_insert(&mut self, hash: u64, index: u32) {
        let Self {
            table,
            entries,
            hash_builder,
            ..
        } = self;
        // Growing the table rehashes every slot from its entry's key.
        table.insert_unique(hash, index, |&i| {
            hash_builder.hash_one(&entries[i as usize].key)
        });
    }

    /// Drops the table slot of the entry at `index`.
    fn table_remove(&mut self, index: u32) {
        let hash = self.hash(&self.entries[index as usize].key);
        match self.table.find_entry(hash, |&i| i == index) {
            Ok(slot) => {
                slot.remove();
            }
            Err(_) => unreachable!("memo: every slab index is in the table (invariant 1)"),
        }
    }

    /// Repoints the neighbours and the table slot of the entry that moved from `from` to `to`.
    fn relocate(&mut self, from: u32, to: u32) {
        let Entry { prev, next, .. } = self.entries[to as usize];
        match prev {
            NIL => self.head = to,
            p => self.entries[p as usize].next = to,
        }
        match next {
            NIL => self.tail = to,
            n => self.entries[n as usize].prev = to,
        }
        let hash = self.hash(&self.entries[to as usize].key);
        match self.table.find_mut(hash, |&i| i == from) {
            Some(slot) => *slot = to,
            None => unreachable!("memo: every slab index is in the table (invariant 1)"),
        }
    }
}

/// What [`LinkedMap::push`] does to an entry whose key is already present.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Touch {
    /// The update makes it the front entry (LRU).
    MoveToFront,
    /// The update keeps its place (FIFO).
    KeepPlace,
}

/// The outcome of [`LinkedMap::push`].
pub(crate) enum Pushed<K, V> {
    /// The key was new and there was room.
    Added,
    /// The key was present: its old key and value.
    Replaced(K, V),
    /// The key was new and the back entry was evicted to make room.
    Evicted(K, V),
    /// Capacity 0: the pair was not stored.
    Rejected(K, V),
}

impl<K, V> Pushed<K, V> {
    /// The previous value of the pushed key, as `insert` returns it.
    #[inline]
    pub(crate) fn previous_value(self) -> Option<V> {
        match self {
            Pushed::Replaced(_, value) => Some(value),
            _ => None,
        }
    }

    /// The entry that left the cache, as `push` returns it.
    #[inline]
    pub(crate) fn departed(self) -> Option<(K, V)> {
        match self {
            Pushed::Added => None,
            Pushed::Replaced(k, v) | Pushed::Evicted(k, v) | Pushed::Rejected(k, v) => Some((k, v)),
        }
    }
}

impl<K: Hash + Eq, V, S: BuildHasher> LinkedMap<K, V, S> {
    /// Stores a pair in a cache bounded to `capacity` entries: a new key goes to the front,
    /// evicting the back entry when full; a present key is updated in place and moved as
    /// `touch` says.
    #[inline]
    pub(crate) fn push(&mut self, capacity: usize, key: K, value: V, touch: Touch) -> Pushed<K, V> {
        if capacity == 0 {
            return Pushed::Rejected(key, value);
        }
        let hash = self.hash(&key);
        if let Some(index) = self.find(hash, &key) {
            if touch == Touch::MoveToFront {
                self.move_to_front(index);
            }
            let (key, value) = self.replace(index, key, value);
            return Pushed::Replaced(key, value);
        }
        self.add(capacity, hash, key, value)
    }

    /// Stores a pair whose key is absent, as [`push`](Self::push) would; a present key is
    /// left as it is, in its place. Returns whether the pair was stored.
    #[inline]
    pub(crate) fn insert_if_absent(&mut self, capacity: usize, key: K, value: V) -> bool {
        if capacity == 0 {
            return false;
        }
        let hash = self.hash(&key);
        if self.find(hash, &key).is_some() {
            return false;
        }
        self.add(capacity, hash, key, value);
        true
    }

    /// Adds an absent key at the front, evicting the back entry when `capacity` is reached.
    #[inline]
    fn add(&mut self, capacity: usize, hash: u64, key: K, value: V) -> Pushed<K, V> {
        if self.len() >= capacity {
            // Shrinking below the length is `truncate`'s job, so here `len == capacity`.
            let (key, value) = self.replace_back(hash, key, value);
            Pushed::Evicted(key, value)
        } else {
            self.reserve_one(capacity);
            self.push_front(hash, key, value);
            Pushed::Added
        }
    }

    /// Makes room in the slab for one more entry, growing it by doubling as `Vec` would, but
    /// never past `capacity`: a full cache then holds no spare slots (left to `Vec`, a cache
    /// of 100_000 entries would sit in a slab of 131_072). Here `len < capacity`.
    #[inline]
    fn reserve_one(&mut self, capacity: usize) {
        let len = self.entries.len();
        if len == self.entries.capacity() {
            let target = len.saturating_mul(2).max(4).min(capacity);
            self.entries.reserve_exact(target - len);
        }
    }

    /// Finds `key` unless `remove_if` holds for its value, in which case the entry is
    /// removed.
    #[inline]
    pub(crate) fn find_or_remove_if<Q>(
        &mut self,
        key: &Q,
        remove_if: impl FnOnce(&V) -> bool,
    ) -> Option<u32>
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        let index = self.find_key(key)?;
        if remove_if(self.value(index)) {
            self.remove_index(index);
            return None;
        }
        Some(index)
    }

    /// Keeps only the entries for which `keep` returns `true`.
    pub(crate) fn retain(&mut self, mut keep: impl FnMut(&K, &mut V) -> bool) {
        // Walking the slab backwards, `remove_index` only ever moves an already-visited
        // entry into the hole.
        for index in (0..self.entries.len()).rev() {
            let entry = &mut self.entries[index];
            if !keep(&entry.key, &mut entry.value) {
                self.remove_index(index as u32);
            }
        }
    }

    /// Drops back entries until at most `len` remain.
    pub(crate) fn truncate(&mut self, len: usize) {
        while self.len() > len {
            self.pop_back();
        }
    }
}

impl<K: fmt::Debug, V: fmt::Debug, S> fmt::Debug for LinkedMap<K, V, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// An iterator over a cache's entries, from the most recent to the least recent.
///
/// Made by `iter()` on [`LruCache`](crate::LruCache) and [`FifoCache`](crate::FifoCache);
/// it is double-ended, so `.rev()` walks from the least recent entry.
pub struct Iter<'a, K, V> {
    entries: &'a [Entry<K, V>],
    front: u32,
    back: u32,
    remaining: usize,
}

impl<'a, K, V> Iterator for Iter<'a, K, V> {
    type Item = (&'a K, &'a V);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        if self.remaining == 0 {
            return None;
        }
        self.remaining -= 1;
        let entry = &self.entries[self.front as usize];
        self.front = entry.next;
        Some((&entry.key, &entry.value))
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl<K, V> DoubleEndedIterator for Iter<'_, K, V> {
    #[inline]
    fn next_back(&mut self) -> Option<Self::Item> {
        if self.remaining == 0 {
            return None;
        }
        self.remaining -= 1;
        let entry = &self.entries[self.back as usize];
        self.back = entry.prev;
        Some((&entry.key, &entry.value))
    }
}

impl<K, V> ExactSizeIterator for Iter<'_, K, V> {}

impl<K, V> FusedIterator for Iter<'_, K, V> {}

impl<K, V> Clone for Iter<'_, K, V> {
    fn clone(&self) -> Self {
        Self { ..*self }
    }
}

impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for Iter<'_, K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
}
