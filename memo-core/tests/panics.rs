//! What a panic in user code (a key's `Hash`, a value's `Drop`, a `make` closure) leaves
//! behind: a cache that is consistent and usable, holding what the operations before the
//! panic left in it.

use std::cell::Cell;
use std::hash::{Hash, Hasher};
use std::panic::{AssertUnwindSafe, catch_unwind};

use memo_core::{FifoCache, LruCache, UnboundedCache};

thread_local! {
    /// The key whose `Hash` panics on this thread, if any.
    static HASH_PANICS_FOR: Cell<Option<u32>> = const { Cell::new(None) };
    /// Whether the next `Fuse` dropped on this thread panics.
    static FUSE_ARMED: Cell<bool> = const { Cell::new(false) };
    /// How many `Fuse`s have been dropped on this thread, the one that panicked included.
    static FUSES_DROPPED: Cell<usize> = const { Cell::new(0) };
}

/// A key whose `Hash` panics while it is the one named by `HASH_PANICS_FOR`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Touchy(u32);

impl Hash for Touchy {
    fn hash<H: Hasher>(&self, state: &mut H) {
        if HASH_PANICS_FOR.get() == Some(self.0) {
            panic!("the Hash of Touchy({})", self.0);
        }
        self.0.hash(state);
    }
}

/// A value whose `Drop` panics once `FUSE_ARMED` is set (once: it disarms itself).
#[derive(Debug, PartialEq)]
struct Fuse(u32);

impl Drop for Fuse {
    fn drop(&mut self) {
        FUSES_DROPPED.set(FUSES_DROPPED.get() + 1);
        if FUSE_ARMED.replace(false) {
            panic!("the Drop of Fuse({})", self.0);
        }
    }
}

fn keys<'a>(entries: impl Iterator<Item = (&'a Touchy, &'a u32)>) -> Vec<u32> {
    entries.map(|(key, _)| key.0).collect()
}

/// The table grows and evicts from the hashes stored with the entries: a stored key whose
/// `Hash` would now panic is never hashed again, and a lookup of it panics before anything
/// changes.
#[test]
fn a_key_whose_hash_panics_leaves_a_bounded_cache_as_it_was() {
    let mut lru = LruCache::new(40);
    let mut fifo = FifoCache::new(40);
    for n in 0..3 {
        lru.insert(Touchy(n), n);
        fifo.insert(Touchy(n), n);
    }
    HASH_PANICS_FOR.set(Some(1));
    // Growing the table from 3 to 45 entries, then evicting 5 (`Touchy(1)` among them).
    for n in 3..45 {
        lru.insert(Touchy(n), n);
        fifo.insert(Touchy(n), n);
    }
    HASH_PANICS_FOR.set(Some(44));
    assert!(catch_unwind(AssertUnwindSafe(|| lru.insert(Touchy(44), 0))).is_err());
    assert!(catch_unwind(AssertUnwindSafe(|| fifo.remove(&Touchy(44)))).is_err());
    HASH_PANICS_FOR.set(None);

    let expected: Vec<u32> = (5..45).rev().collect();
    assert_eq!(keys(lru.iter()), expected);
    assert_eq!(keys(fifo.iter()), expected);
    assert_eq!(lru.peek(&Touchy(44)), Some(&44));
    assert_eq!(fifo.remove(&Touchy(5)), Some(5));
    assert_eq!(fifo.len(), 39);
}

/// `clear` empties the table before it drops the entries: when a value's `Drop` panics, the
/// cache is empty and usable, not a table pointing into a slab that is gone.
#[test]
fn clear_leaves_the_cache_empty_when_a_drop_panics() {
    let mut lru = LruCache::new(4);
    let mut fifo = FifoCache::new(4);
    for n in 0..3 {
        lru.insert(n, Fuse(n));
        fifo.insert(n, Fuse(n));
    }
    for cleared in [
        catch_unwind(AssertUnwindSafe(|| {
            FUSE_ARMED.set(true);
            lru.clear();
        })),
        catch_unwind(AssertUnwindSafe(|| {
            FUSE_ARMED.set(true);
            fifo.clear();
        })),
    ] {
        assert!(cleared.is_err());
    }
    assert!(lru.is_empty() && fifo.is_empty());
    for n in 10..15 {
        lru.insert(n, Fuse(n));
        fifo.insert(n, Fuse(n));
    }
    assert_eq!(
        lru.iter().map(|(&k, _)| k).collect::<Vec<_>>(),
        [14, 13, 12, 11]
    );
    assert_eq!(
        fifo.iter().map(|(&k, _)| k).collect::<Vec<_>>(),
        [14, 13, 12, 11]
    );
}

/// `resize` evicts before it drops the evicted values: when one's `Drop` panics, the cache
/// has its new capacity and no more entries than that, and the other values are dropped.
#[test]
fn resize_evicts_down_to_the_new_capacity_when_a_drop_panics() {
    let mut lru = LruCache::new(3);
    let mut fifo = FifoCache::new(3);
    for n in 0..3 {
        lru.insert(n, Fuse(n));
        fifo.insert(n, Fuse(n));
    }
    FUSE_ARMED.set(true);
    FUSES_DROPPED.set(0);
    assert!(catch_unwind(AssertUnwindSafe(|| lru.resize(1))).is_err());
    assert_eq!(
        FUSES_DROPPED.get(),
        2,
        "the one that panicked, and the other evicted"
    );
    FUSE_ARMED.set(true);
    FUSES_DROPPED.set(0);
    assert!(catch_unwind(AssertUnwindSafe(|| fifo.resize(1))).is_err());
    assert_eq!(FUSES_DROPPED.get(), 2);
    assert_eq!((lru.capacity(), lru.len()), (1, 1));
    assert_eq!((fifo.capacity(), fifo.len()), (1, 1));
    assert_eq!(lru.peek(&2), Some(&Fuse(2)));
    assert_eq!(fifo.peek(&2), Some(&Fuse(2)));
    lru.insert(9, Fuse(9));
    fifo.insert(9, Fuse(9));
    assert_eq!(lru.iter().map(|(&k, _)| k).collect::<Vec<_>>(), [9]);
    assert_eq!(fifo.iter().map(|(&k, _)| k).collect::<Vec<_>>(), [9]);
}

/// Resized to 0 with a `Drop` that panics, a cache holds nothing and serves nothing.
#[test]
fn resize_to_0_empties_the_cache_when_a_drop_panics() {
    let mut lru = LruCache::new(3);
    for n in 0..3 {
        lru.insert(n, Fuse(n));
    }
    FUSE_ARMED.set(true);
    assert!(catch_unwind(AssertUnwindSafe(|| lru.resize(0))).is_err());
    assert!(lru.is_empty());
    lru.insert(9, Fuse(9));
    assert_eq!(lru.get(&1), None);
    assert!(lru.is_empty());
}

/// `make` runs before the cache changes: when it panics, nothing is evicted or stored.
#[test]
fn get_or_insert_with_leaves_the_cache_as_it_was_when_make_panics() {
    let mut lru = LruCache::new(2);
    lru.extend([(1, 'a'), (2, 'b')]);
    let panicked = catch_unwind(AssertUnwindSafe(|| *lru.get_or_insert_with(3, || panic!())));
    assert!(panicked.is_err());
    assert_eq!(lru.iter().collect::<Vec<_>>(), [(&2, &'b'), (&1, &'a')]);

    let mut fifo = FifoCache::new(2);
    fifo.extend([(1, 'a'), (2, 'b')]);
    let panicked = catch_unwind(AssertUnwindSafe(|| {
        *fifo.get_or_insert_with(3, || panic!())
    }));
    assert!(panicked.is_err());
    assert_eq!(fifo.iter().collect::<Vec<_>>(), [(&2, &'b'), (&1, &'a')]);

    let mut unbounded = UnboundedCache::new();
    unbounded.insert(1, 'a');
    let panicked = catch_unwind(AssertUnwindSafe(|| {
        *unbounded.get_or_insert_with(2, || panic!())
    }));
    assert!(panicked.is_err());
    assert_eq!(unbounded.len(), 1);
}
