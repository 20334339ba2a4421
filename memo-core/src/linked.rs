//! [`LinkedMap`]: the index-linked hash map that [`LruCache`](crate::LruCache) and
//! [`FifoCache`](crate::FifoCache) are built on.
//!
//! Entries live in one dense `Vec` (the slab). Each entry carries its key, its value, its
//! key's hash and the `u32` indices of its neighbours in a doubly-linked recency ring; a
//! [`hashbrown::HashTable`] of `u32` slab indices finds an entry by key. There is no
//! allocation per entry, no pointer and no `unsafe`: a link is an index into the slab.
//!
//! # Invariants
//!
//! 1. `entries` is dense, and `table` holds each index `0..entries.len()` exactly once, under
//!    the hash of that entry's key.
//! 2. The links form one ring through every entry: going `next` from `head` (the front:
//!    most recent) leads to `tail` (the back: least recent), whose `next` is `head` again
//!    (and the head's `prev` is the tail). A lone entry links to itself. `head` and `tail`
//!    are [`NIL`] exactly when the map is empty.
//! 3. `entries.len() <= MAX_LEN`, so every index and `NIL` fit in a `u32`.
//! 4. Each entry's `hash` is its key's hash, computed once when the key came in.
//!
//! The stored hash (as `indexmap` keeps one) is what the table grows, rehashes and removes
//! by, so no user code (`Hash`, `Eq`) runs while the slab and the table disagree: a `Hash`
//! that panics leaves the map as it was, and evicting or removing an entry does not hash
//! its key again. It costs a `u64` an entry, and the padding it may bring (12 bytes with
//! `u8` keys and values).
//!
//! A ring rather than a list ended by `NIL` (CPython's `lru_cache` keeps one too): the back
//! entry already sits just before the front, so making it the front moves `head` and `tail`
//! and no link. That is what evicting does (the back entry is overwritten in place with the
//! new key and value, then becomes the front), and what an LRU hit on the least recent
//! entry does (a loop over the same inputs, in the same order, hits nothing else); moving the
//! front entry to the back (an LRU demote) is the same rotation the other way. A hit in the
//! middle unlinks the entry and links it before the head: one store more than a list ended
//! by `NIL` needs, for the back's `next`.
//!
//! `tail` is the head's `prev`, kept in a field of its own so that a hit reads it without a
//! load from the slab that waits on the head's: derived instead, random-order
//! `scope = thread` hits took 1.63 - 1.66x the thread-local floor of `benches/options.rs`
//! against 1.33 - 1.38x with the field (an ad hoc probe alternating the two builds).
//!
//! Removing from the middle moves the last entry of the slab into the hole (as
//! `Vec::swap_remove`) and repoints its neighbours and its table slot, which keeps the slab
//! dense without a free list or a vacant-slot discriminant.

use core::convert::Infallible;
use core::fmt;
use core::hash::{BuildHasher, Hash};
use core::iter::FusedIterator;
use core::mem;

use hashbrown::{Equivalent, HashTable};

/// The `head` and `tail` of an empty map.
const NIL: u32 = u32::MAX;

/// The most entries a map holds: indices are `u32` and `u32::MAX` is [`NIL`].
const MAX_LEN: usize = u32::MAX as usize - 1;

// Invariant 3: even a full map's last index, `MAX_LEN - 1`, is below `NIL`.
const _: () = assert!(MAX_LEN <= NIL as usize);

#[derive(Clone)]
struct Entry<K, V> {
    key: K,
    value: V,
    /// The hash of `key` (invariant 4).
    hash: u64,
    /// Toward the front (more recent); the front's `prev` is the back.
    prev: u32,
    /// Toward the back (less recent); the back's `next` is the front.
    next: u32,
}

/// A hash map whose entries also form a doubly-linked ring, front (most recent) to back.
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

    #[inline]
    pub(crate) fn key_value(&self, index: u32) -> (&K, &V) {
        let entry = &self.entries[index as usize];
        (&entry.key, &entry.value)
    }

    /// The slab index of the front (most recent) entry; `None` when the map is empty.
    #[inline]
    fn head(&self) -> Option<u32> {
        (self.head != NIL).then_some(self.head)
    }

    /// The slab index of the back (least recent) entry; `None` when the map is empty.
    #[inline]
    fn tail(&self) -> Option<u32> {
        (self.tail != NIL).then_some(self.tail)
    }

    /// The front (most recent) entry.
    pub(crate) fn front(&self) -> Option<(&K, &V)> {
        Some(self.key_value(self.head()?))
    }

    /// The back (least recent) entry.
    pub(crate) fn back(&self) -> Option<(&K, &V)> {
        Some(self.key_value(self.tail()?))
    }

    pub(crate) fn clear(&mut self) {
        // The slab last: a value's `Drop` that panics then finds the map empty, not the
        // table pointing into a slab that is gone.
        self.table.clear();
        self.head = NIL;
        self.tail = NIL;
        self.entries.clear();
    }

    pub(crate) fn iter(&self) -> Iter<'_, K, V> {
        Iter {
            entries: &self.entries,
            front: self.head,
            back: self.tail,
            remaining: self.entries.len(),
        }
    }

    /// The entries by value, front to back: the slab in ring order, by a plain `Vec`'s
    /// iterator.
    pub(crate) fn into_ordered(self) -> IntoIter<K, V> {
        let rank = Self::ranks(&self.entries, self.head);
        let entries = Self::in_ring_order(self.entries, rank);
        IntoIter {
            entries: entries.into_iter(),
        }
    }

    /// The entries front to back, with mutable values: the slab is put in ring order first
    /// (O(n)), so that its plain iterator yields them in that order.
    pub(crate) fn iter_mut(&mut self) -> IterMut<'_, K, V> {
        let len = self.entries.len();
        if !self.is_in_ring_order() {
            let rank = Self::ranks(&self.entries, self.head);
            for index in self.table.iter_mut() {
                *index = rank[*index as usize];
            }
            self.entries = Self::in_ring_order(mem::take(&mut self.entries), rank);
            // Index `i` is the `i`-th from the front: the ring's links follow.
            let last = len as u32 - 1;
            for (index, entry) in (0..).zip(&mut self.entries) {
                entry.prev = if index == 0 { last } else { index - 1 };
                entry.next = if index == last { 0 } else { index + 1 };
            }
            self.head = 0;
            self.tail = last;
        }
        IterMut {
            entries: self.entries.iter_mut(),
        }
    }

    /// Whether the slab is in ring order already, front first (as after `iter_mut`, until
    /// the order changes): one walk of the links, allocating nothing.
    fn is_in_ring_order(&self) -> bool {
        self.entries.is_empty()
            || self.head == 0
                && (0..).zip(&self.entries).all(|(index, entry): (u32, _)| {
                    entry.next == index + 1
                        || entry.next == 0 && index as usize + 1 == self.entries.len()
                })
    }

    /// The position of each slab entry in the ring, from the front (`head`).
    fn ranks(entries: &[Entry<K, V>], head: u32) -> Vec<u32> {
        let mut rank = vec![0_u32; entries.len()];
        let mut index = head;
        for position in 0..entries.len() as u32 {
            rank[index as usize] = position;
            index = entries[index as usize].next;
        }
        rank
    }

    /// `entries` permuted in place so that each is at its `rank` (O(n)); the links are left
    /// as they were.
    fn in_ring_order(mut entries: Vec<Entry<K, V>>, mut rank: Vec<u32>) -> Vec<Entry<K, V>> {
        // Each swap puts one entry at its rank for good: at most `len` swaps in all.
        for slot in 0..entries.len() {
            while rank[slot] as usize != slot {
                let target = rank[slot] as usize;
                entries.swap(slot, target);
                rank.swap(slot, target);
            }
        }
        entries
    }

    /// Makes `index` the front entry and returns its value.
    ///
    /// This is the whole cost of an LRU hit beyond the lookup, so it is written to stay small
    /// enough for `get` to inline into its caller: `index` is checked against the slab once,
    /// up front, and the slab is indexed by the links of its entries, which are in bounds by
    /// invariants 1 and 2 (the indexing checks stay, but never fail). `None` is only for an
    /// `index` out of the slab.
    #[inline(always)]
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
            let tail = self.tail;
            let Entry { prev, next, .. } = entries[i];
            if index == tail {
                // Already just before the head: rotating the ring makes it the front.
                self.tail = prev;
            } else {
                entries[prev as usize].next = next;
                entries[next as usize].prev = prev;
                entries[i].prev = tail;
                entries[i].next = head;
                entries[tail as usize].next = index;
                entries[head as usize].prev = index;
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

    /// Makes `index` the back entry: the front, then one turn of the ring, since the
    /// front's `prev` is the back (a lone entry is both already).
    pub(crate) fn move_to_back(&mut self, index: u32) {
        self.move_to_front(index);
        self.tail = index;
        self.head = self.entries[index as usize].next;
    }

    /// Takes `index` out of the ring; its own links are left stale.
    fn unlink(&mut self, index: u32) {
        let Entry { prev, next, .. } = self.entries[index as usize];
        if next == index {
            // The lone entry.
            self.head = NIL;
            self.tail = NIL;
            return;
        }
        self.entries[prev as usize].next = next;
        self.entries[next as usize].prev = prev;
        if self.head == index {
            self.head = next;
        }
        if self.tail == index {
            self.tail = prev;
        }
    }

    /// Links `index`, which is not in the ring, in as the front.
    fn link_front(&mut self, index: u32) {
        let head = self.head;
        let (prev, next) = match self.tail() {
            Some(tail) => {
                self.entries[tail as usize].next = index;
                self.entries[head as usize].prev = index;
                (tail, head)
            }
            None => {
                self.tail = index;
                (index, index)
            }
        };
        let entry = &mut self.entries[index as usize];
        entry.prev = prev;
        entry.next = next;
        self.head = index;
    }
}

impl<K: Hash + Eq, V, S: BuildHasher> LinkedMap<K, V, S> {
    #[inline(always)]
    fn hash<Q: ?Sized + Hash>(&self, key: &Q) -> u64 {
        self.hash_builder.hash_one(key)
    }

    /// The slab index of `key`, given its hash.
    #[inline(always)]
    fn find<Q>(&self, hash: u64, key: &Q) -> Option<u32>
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
    #[inline(always)]
    pub(crate) fn find_key<Q>(&self, key: &Q) -> Option<u32>
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        if self.entries.is_empty() {
            return None;
        }
        self.find(self.hash(key), key)
    }

    /// Adds a new entry at the front. `key` must be absent and `hash` its hash.
    ///
    /// # Panics
    ///
    /// When the map already holds [`MAX_LEN`] entries.
    fn push_front(&mut self, hash: u64, key: K, value: V) -> u32 {
        assert!(
            self.entries.len() < MAX_LEN,
            "memo: a cache holds at most u32::MAX - 1 ({MAX_LEN}) entries"
        );
        let index = self.entries.len() as u32;
        self.entries.push(Entry {
            key,
            value,
            hash,
            // Set by `link_front`.
            prev: index,
            next: index,
        });
        self.table_insert(hash, index);
        self.link_front(index);
        index
    }

    /// Overwrites the back entry with a new one and makes it the front, returning the old
    /// pair. `key` must be absent and `hash` its hash.
    ///
    /// # Panics
    ///
    /// When the map is empty.
    fn replace_back(&mut self, hash: u64, key: K, value: V) -> (K, V) {
        let index = self.tail().expect("memo: replace_back on an empty map");
        self.table_remove(index);
        let entry = &mut self.entries[index as usize];
        entry.hash = hash;
        let old = (
            mem::replace(&mut entry.key, key),
            mem::replace(&mut entry.value, value),
        );
        self.table_insert(hash, index);
        // The back sits just before the front: rotating the ring makes it the front.
        self.head = index;
        self.tail = self.entries[index as usize].prev;
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

    /// Removes the front (most recent) entry.
    pub(crate) fn pop_front(&mut self) -> Option<(K, V)> {
        let head = self.head()?;
        Some(self.remove_index(head))
    }

    /// Removes the back (least recent) entry.
    pub(crate) fn pop_back(&mut self) -> Option<(K, V)> {
        let tail = self.tail()?;
        Some(self.remove_index(tail))
    }

    /// Adds the table slot of the entry at `index`, whose key hashes to `hash`.
    #[inline]
    fn table_insert(&mut self, hash: u64, index: u32) {
        let entries = &self.entries;
        // Growing the table rehashes every slot from its entry's stored hash.
        self.table
            .insert_unique(hash, index, |&i| entries[i as usize].hash);
    }

    /// Drops the table slot of the entry at `index`.
    fn table_remove(&mut self, index: u32) {
        let hash = self.entries[index as usize].hash;
        match self.table.find_entry(hash, |&i| i == index) {
            Ok(slot) => {
                slot.remove();
            }
            Err(_) => unreachable!("memo: every slab index is in the table (invariant 1)"),
        }
    }

    /// Repoints the neighbours and the table slot of the entry that moved from `from` to `to`.
    fn relocate(&mut self, from: u32, to: u32) {
        // A lone entry links to itself, at its old index.
        let moved = |link: u32| if link == from { to } else { link };
        let Entry { prev, next, .. } = self.entries[to as usize];
        let (prev, next) = (moved(prev), moved(next));
        self.entries[prev as usize].next = to;
        self.entries[next as usize].prev = to;
        if self.head == from {
            self.head = to;
        }
        if self.tail == from {
            self.tail = to;
        }
        let hash = self.entries[to as usize].hash;
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
    /// The key was present: the given key (the stored one stays) and the old value.
    Replaced(K, V),
    /// The key was new and the back entry was evicted to make room.
    Evicted(K, V),
    /// The pair was not stored: capacity 0, or (for
    /// [`insert_if_absent`](LinkedMap::insert_if_absent)) the key was present.
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

    /// Whether the pushed pair is in the map now.
    #[inline]
    pub(crate) fn stored(&self) -> bool {
        !matches!(self, Pushed::Rejected(..))
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
    /// evicting the back entry when full; a present key gets the new value, keeps the key
    /// it was stored with (as `HashMap::insert` and a Python `dict` do) and is moved as
    /// `touch` says.
    #[inline]
    pub(crate) fn push(&mut self, capacity: usize, key: K, value: V, touch: Touch) -> Pushed<K, V> {
        if capacity == 0 {
            return Pushed::Rejected(key, value);
        }
        let hash = self.hash(&key);
        if let Some(index) = self.find_and_touch(hash, &key, touch) {
            let old = mem::replace(self.value_mut(index), value);
            return Pushed::Replaced(key, old);
        }
        self.add(capacity, hash, key, value)
    }

    /// The value of `key`, moved as `touch` says; when absent, `make()` is stored as
    /// [`push`](Self::push) stores a new key. `make` runs before anything changes, so a
    /// panic in it leaves the map as it was.
    ///
    /// # Panics
    ///
    /// When `capacity` is 0: such a map holds nothing to return a reference to.
    #[inline]
    #[track_caller]
    pub(crate) fn get_or_add(
        &mut self,
        capacity: usize,
        key: K,
        make: impl FnOnce() -> V,
        touch: Touch,
    ) -> &mut V {
        match self.try_get_or_add(capacity, key, || Ok::<V, Infallible>(make()), touch) {
            Ok(value) => value,
            Err(never) => match never {},
        }
    }

    /// [`get_or_add`](Self::get_or_add) for a `make` that may fail: its error is returned
    /// and the map left as it was. Every get-or-insert of the caches comes here, which is
    /// where capacity 0 panics.
    #[inline]
    #[track_caller]
    pub(crate) fn try_get_or_add<E>(
        &mut self,
        capacity: usize,
        key: K,
        make: impl FnOnce() -> Result<V, E>,
        touch: Touch,
    ) -> Result<&mut V, E> {
        assert!(
            capacity > 0,
            "memo: get or insert in a cache of capacity 0, which holds nothing"
        );
        let hash = self.hash(&key);
        let index = match self.find_and_touch(hash, &key, touch) {
            Some(index) => index,
            None => {
                let value = make()?;
                self.add(capacity, hash, key, value);
                // A new entry is the front, whether it was pushed or overwrote the back.
                self.head
            }
        };
        Ok(self.value_mut(index))
    }

    /// [`get_or_add`](Self::get_or_add) for a borrowed key, made owned only when absent.
    /// A miss then does what `get_or_add` does with the owned key, which is hashed and
    /// looked up anew: an entry keeps its own key's hash (invariant 4), and an owned form
    /// that is not equivalent to `key` (a `to_owned` that normalizes) may be stored
    /// already. A cache of capacity 0 holds nothing, so it always misses, and panics.
    #[inline]
    #[track_caller]
    pub(crate) fn get_or_add_ref<Q>(
        &mut self,
        capacity: usize,
        key: &Q,
        make: impl FnOnce() -> V,
        touch: Touch,
    ) -> &mut V
    where
        Q: ?Sized + Hash + Equivalent<K> + ToOwned,
        Q::Owned: Into<K>,
    {
        match self.find_and_touch(self.hash(key), key, touch) {
            Some(index) => self.value_mut(index),
            None => self.get_or_add(capacity, key.to_owned().into(), make, touch),
        }
    }

    /// The slab index of `key`, given its hash, moved as `touch` says.
    #[inline]
    fn find_and_touch<Q>(&mut self, hash: u64, key: &Q, touch: Touch) -> Option<u32>
    where
        Q: ?Sized + Equivalent<K>,
    {
        let index = self.find(hash, key)?;
        if touch == Touch::MoveToFront {
            self.move_to_front(index);
        }
        Some(index)
    }

    /// Stores a pair whose key is absent, as [`push`](Self::push) would; a present key is
    /// left as it is, in its place, and the pair is [`Rejected`](Pushed::Rejected).
    #[inline]
    pub(crate) fn insert_if_absent(&mut self, capacity: usize, key: K, value: V) -> Pushed<K, V> {
        if capacity == 0 {
            return Pushed::Rejected(key, value);
        }
        let hash = self.hash(&key);
        if self.find(hash, &key).is_some() {
            return Pushed::Rejected(key, value);
        }
        self.add(capacity, hash, key, value)
    }

    /// Adds an absent key at the front, evicting the back entry when `capacity` is reached.
    #[inline]
    fn add(&mut self, capacity: usize, hash: u64, key: K, value: V) -> Pushed<K, V> {
        if self.len() >= capacity {
            // Shrinking below the length is `truncate`'s job (the caches' `resize`), so
            // here `len == capacity`.
            debug_assert_eq!(self.len(), capacity);
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
        debug_assert!(len < capacity);
        if len == self.entries.capacity() {
            let target = len.saturating_mul(2).max(4).min(capacity);
            self.entries.reserve_exact(target - len);
        }
    }

    /// Finds `key` unless `remove_if` holds for its value, in which case the entry is
    /// removed.
    #[inline(always)]
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

    /// Keeps only the entries for which `keep` returns `true`; it sees each entry's stored
    /// hash too.
    pub(crate) fn retain(&mut self, mut keep: impl FnMut(u64, &K, &mut V) -> bool) {
        // Walking the slab backwards, `remove_index` only ever moves an already-visited
        // entry into the hole.
        for index in (0..self.entries.len()).rev() {
            let entry = &mut self.entries[index];
            if !keep(entry.hash, &entry.key, &mut entry.value) {
                self.remove_index(index as u32);
            }
        }
    }

    /// Removes an entry whose stored hash is `hash` and for which `remove_if` holds.
    pub(crate) fn remove_hashed_if(
        &mut self,
        hash: u64,
        mut remove_if: impl FnMut(&K, &V) -> bool,
    ) -> Option<(K, V)> {
        let entries = &self.entries;
        // The table tests only part of the hash: a slot found may hold another hash.
        let index = *self.table.find(hash, |&i| {
            entries
                .get(i as usize)
                .is_some_and(|entry| entry.hash == hash && remove_if(&entry.key, &entry.value))
        })?;
        Some(self.remove_index(index))
    }

    /// Gives back the memory held for more entries than there are.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.entries.shrink_to_fit();
        let entries = &self.entries;
        self.table.shrink_to_fit(|&i| entries[i as usize].hash);
    }

    /// Drops back entries until at most `len` remain, and the memory held for more than
    /// `len` entries: a cache resized down does not keep its peak size.
    pub(crate) fn truncate(&mut self, len: usize) {
        let mut truncation = Truncation { map: self, len };
        truncation.drop_back_entries();
    }
}

/// What [`LinkedMap::truncate`] has left to do, done when it is dropped: on unwinding from
/// a value's `Drop` that panicked too, so that the other values are still dropped (a
/// second panic aborts, as in `Vec::truncate`) and the memory given back. One entry at a
/// time, so that truncating needs no buffer as large as what it drops.
struct Truncation<'a, K: Hash + Eq, V, S: BuildHasher> {
    map: &'a mut LinkedMap<K, V, S>,
    len: usize,
}

impl<K: Hash + Eq, V, S: BuildHasher> Truncation<'_, K, V, S> {
    fn drop_back_entries(&mut self) {
        while self.map.len() > self.len {
            // Out of the map before it is dropped: a `Drop` that panics finds it consistent.
            drop(self.map.pop_back());
        }
    }
}

impl<K: Hash + Eq, V, S: BuildHasher> Drop for Truncation<'_, K, V, S> {
    fn drop(&mut self) {
        self.drop_back_entries();
        let map = &mut *self.map;
        if map.entries.capacity() > self.len {
            map.entries.shrink_to(self.len);
            let entries = &map.entries;
            map.table.shrink_to(self.len, |&i| entries[i as usize].hash);
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
#[must_use = "iterators are lazy and do nothing unless consumed"]
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

/// An iterator over a cache's entries with mutable values, from the most recent to the least
/// recent.
///
/// Made by `iter_mut()` on [`LruCache`](crate::LruCache) and
/// [`FifoCache`](crate::FifoCache); it is double-ended, so `.rev()` walks from the least
/// recent entry.
#[must_use = "iterators are lazy and do nothing unless consumed"]
pub struct IterMut<'a, K, V> {
    entries: core::slice::IterMut<'a, Entry<K, V>>,
}

impl<'a, K, V> Iterator for IterMut<'a, K, V> {
    type Item = (&'a K, &'a mut V);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        self.entries
            .next()
            .map(|entry| (&entry.key, &mut entry.value))
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.entries.size_hint()
    }
}

impl<K, V> DoubleEndedIterator for IterMut<'_, K, V> {
    #[inline]
    fn next_back(&mut self) -> Option<Self::Item> {
        self.entries
            .next_back()
            .map(|entry| (&entry.key, &mut entry.value))
    }
}

impl<K, V> ExactSizeIterator for IterMut<'_, K, V> {}

impl<K, V> FusedIterator for IterMut<'_, K, V> {}

impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for IterMut<'_, K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        debug_entries(f, self.entries.as_slice())
    }
}

/// An owning iterator over a cache's entries in its order: from the most recent to the
/// least recent for an [`LruCache`](crate::LruCache), from the newest to the oldest for a
/// [`FifoCache`](crate::FifoCache).
///
/// Made by their `into_iter()`; it is double-ended, so `.rev()` starts from the entry that
/// would be evicted first.
///
/// ```
/// use memo::LruCache;
///
/// let mut cache = LruCache::new(3);
/// cache.extend([(1, 'a'), (2, 'b'), (3, 'c')]);
/// cache.get(&1);
/// let entries: Vec<(i32, char)> = cache.into_iter().collect();
/// assert_eq!(entries, [(1, 'a'), (3, 'c'), (2, 'b')]);
/// ```
#[must_use = "iterators are lazy and do nothing unless consumed"]
pub struct IntoIter<K, V> {
    entries: std::vec::IntoIter<Entry<K, V>>,
}

impl<K, V> Iterator for IntoIter<K, V> {
    type Item = (K, V);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        self.entries.next().map(|entry| (entry.key, entry.value))
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.entries.size_hint()
    }
}

impl<K, V> DoubleEndedIterator for IntoIter<K, V> {
    #[inline]
    fn next_back(&mut self) -> Option<Self::Item> {
        self.entries
            .next_back()
            .map(|entry| (entry.key, entry.value))
    }
}

impl<K, V> ExactSizeIterator for IntoIter<K, V> {}

impl<K, V> FusedIterator for IntoIter<K, V> {}

impl<K: Clone, V: Clone> Clone for IntoIter<K, V> {
    fn clone(&self) -> Self {
        Self {
            entries: self.entries.clone(),
        }
    }
}

impl<K, V> Default for IntoIter<K, V> {
    /// An iterator that yields nothing.
    fn default() -> Self {
        Self {
            entries: Vec::new().into_iter(),
        }
    }
}

impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for IntoIter<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        debug_entries(f, self.entries.as_slice())
    }
}

/// Formats slab entries as a list of pairs, in slab order.
fn debug_entries<K: fmt::Debug, V: fmt::Debug>(
    f: &mut fmt::Formatter<'_>,
    entries: &[Entry<K, V>],
) -> fmt::Result {
    f.debug_list()
        .entries(entries.iter().map(|entry| (&entry.key, &entry.value)))
        .finish()
}

#[cfg(test)]
mod tests {
    use hashbrown::DefaultHashBuilder;
    use proptest::prelude::*;

    use super::*;

    type Map = LinkedMap<u8, u32, DefaultHashBuilder>;

    /// Checks invariants 1 to 4 of the module docs.
    fn check_invariants(map: &Map) {
        let len = map.entries.len();
        assert!(len <= MAX_LEN);
        // 1: the table holds each slab index once, under its key's hash.
        assert_eq!(map.table.len(), len);
        for (index, entry) in map.entries.iter().enumerate() {
            let hash = map.hash(&entry.key);
            assert_eq!(map.find(hash, &entry.key), Some(index as u32));
            // 4: its stored hash.
            assert_eq!(entry.hash, hash);
        }
        // 2: one ring through every entry, from `head` to `tail` and back to `head`.
        if len == 0 {
            assert_eq!((map.head, map.tail), (NIL, NIL));
            return;
        }
        let mut seen = vec![false; len];
        let mut index = map.head;
        for _ in 0..len {
            assert!(!std::mem::replace(&mut seen[index as usize], true));
            let next = map.entries[index as usize].next;
            assert_eq!(map.entries[next as usize].prev, index);
            if next == map.head {
                assert_eq!(index, map.tail);
            }
            index = next;
        }
        assert_eq!(index, map.head, "the ring closes after len steps");
        assert!(seen.iter().all(|&seen| seen));
    }

    #[derive(Clone, Debug)]
    enum Op {
        Push(u8, u32, bool),
        InsertIfAbsent(u8, u32),
        GetOrAdd(u8, u32, bool),
        Touch(u8),
        MoveToBack(u8),
        IterMut,
        Remove(u8),
        PopFront,
        PopBack,
        Retain(u8),
        Truncate(u8),
        Clear,
    }

    fn op() -> impl Strategy<Value = Op> {
        let key = 0..24_u8;
        prop_oneof![
            6 => (key.clone(), any::<u32>(), any::<bool>()).prop_map(|(k, v, t)| Op::Push(k, v, t)),
            2 => (key.clone(), any::<u32>()).prop_map(|(k, v)| Op::InsertIfAbsent(k, v)),
            2 => (key.clone(), any::<u32>(), any::<bool>()).prop_map(|(k, v, t)| Op::GetOrAdd(k, v, t)),
            6 => key.clone().prop_map(Op::Touch),
            3 => key.clone().prop_map(Op::MoveToBack),
            1 => Just(Op::IterMut),
            2 => key.clone().prop_map(Op::Remove),
            1 => Just(Op::PopFront),
            1 => Just(Op::PopBack),
            1 => any::<u8>().prop_map(Op::Retain),
            1 => (0..12_u8).prop_map(Op::Truncate),
            1 => Just(Op::Clear),
        ]
    }

    proptest! {
        #[test]
        fn every_operation_keeps_the_invariants(
            capacity in 1..16_usize,
            ops in proptest::collection::vec(op(), 1..200),
        ) {
            let mut map = Map::with_hasher(DefaultHashBuilder::default());
            for op in ops {
                match op {
                    Op::Push(k, v, front) => {
                        let touch = if front { Touch::MoveToFront } else { Touch::KeepPlace };
                        map.push(capacity, k, v, touch);
                    }
                    Op::InsertIfAbsent(k, v) => {
                        map.insert_if_absent(capacity, k, v);
                    }
                    Op::GetOrAdd(k, v, front) => {
                        let touch = if front { Touch::MoveToFront } else { Touch::KeepPlace };
                        let stored = map.find_key(&k).map(|index| *map.value(index));
                        prop_assert_eq!(*map.get_or_add(capacity, k, || v, touch), stored.unwrap_or(v));
                    }
                    Op::Touch(k) => {
                        if let Some(index) = map.find_key(&k) {
                            prop_assert_eq!(map.touch(index).copied(), Some(*map.value(index)));
                            prop_assert_eq!(map.head, index);
                        }
                    }
                    Op::MoveToBack(k) => {
                        if let Some(index) = map.find_key(&k) {
                            let keys = |map: &Map| map.iter().map(|(&key, _)| key).collect::<Vec<_>>();
                            let mut order = keys(&map);
                            order.retain(|&key| key != k);
                            order.push(k);
                            map.move_to_back(index);
                            prop_assert_eq!(map.tail, index);
                            prop_assert_eq!(keys(&map), order);
                        }
                    }
                    Op::IterMut => {
                        let before: Vec<(u8, u32)> = map.iter().map(|(&k, &v)| (k, v)).collect();
                        let seen: Vec<(u8, u32)> = map
                            .iter_mut()
                            .map(|(&k, v)| {
                                *v = v.wrapping_add(1);
                                (k, v.wrapping_sub(1))
                            })
                            .collect();
                        prop_assert_eq!(&seen, &before);
                        let after: Vec<(u8, u32)> = map.iter().map(|(&k, &v)| (k, v.wrapping_sub(1))).collect();
                        prop_assert_eq!(&after, &before);
                        // Again, on a slab in ring order already.
                        prop_assert!(map.is_in_ring_order());
                        let again: Vec<u8> = map.iter_mut().map(|(&k, _)| k).collect();
                        prop_assert!(again.iter().copied().eq(before.iter().map(|&(k, _)| k)));
                    }
                    Op::Remove(k) => {
                        if let Some(index) = map.find_key(&k) {
                            prop_assert_eq!(map.remove_index(index).0, k);
                        }
                    }
                    Op::PopFront => {
                        let front = map.iter().next().map(|(&k, _)| k);
                        prop_assert_eq!(map.front().map(|(&k, _)| k), front);
                        prop_assert_eq!(map.pop_front().map(|(k, _)| k), front);
                    }
                    Op::PopBack => {
                        let tail = map.tail().map(|index| map.entries[index as usize].key);
                        prop_assert_eq!(map.pop_back().map(|(k, _)| k), tail);
                    }
                    Op::Retain(mask) => map.retain(|_, &k, _| (mask >> (k % 8)) & 1 == 1),
                    Op::Truncate(len) => {
                        map.truncate(len.into());
                        prop_assert!(map.entries.capacity() <= usize::from(len).max(map.len()));
                    }
                    Op::Clear => map.clear(),
                }
                check_invariants(&map);
            }
            let order: Vec<(u8, u32)> = map.iter().map(|(&k, &v)| (k, v)).collect();
            prop_assert_eq!(map.into_ordered().collect::<Vec<_>>(), order);
        }
    }
}
