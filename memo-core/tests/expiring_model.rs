//! Property tests of `ExpiringCache` over `LruCache`, `FifoCache` and `UnboundedCache`: the
//! cache, driven by a `ManualClock`, and a plain `Vec` model with expiry times run the same
//! random operations and clock advances, and every return value, the live and the stored
//! lengths, and the live entries (in order, but for the unbounded cache) must agree.
//!
//! The model drops every expired entry before an insert, and evicts only then: the cache
//! must serve the same entries, expired ones going before any live one is evicted.
//!
//! The unbounded cache, over fewer than 8 keys, sweeps out its expired entries before every
//! insert that could find one (a sweep may run once per `len / 8` inserts), as the model
//! does, so their stored entries agree too, expired ones included. Bounded caches, small or
//! large, drop expired entries from a schedule when full, and may keep some that it does
//! not need to drop: their live entries must agree all the same, which is what exact
//! eviction means, and they may hold more expired ones, within their capacity.

use std::time::Duration;

use memo_core::{Cache, ExpiringCache, FifoCache, LruCache, ManualClock, Stamped, UnboundedCache};
use proptest::prelude::*;

/// The ttl, in clock ticks (nanoseconds of the `ManualClock`).
const TTL: u64 = 6;

#[derive(Clone, Debug)]
enum Op {
    Get(u8),
    Peek(u8),
    Contains(u8),
    Insert(u8, u32),
    InsertIfAbsent(u8, u32),
    /// `try_get_or_insert_with`, whose `make` fails when the value is odd.
    TryGetOrInsertWith(u8, u32),
    Remove(u8),
    /// Keeps the entries whose key has this remainder modulo 3 out.
    RetainNot(u8),
    Clear,
    Advance(u64),
}

/// Operations on the keys `0..keys`, with clock advances `advances` times in 22.
fn op(keys: u8, advances: u32) -> impl Strategy<Value = Op> {
    let key = 0..keys;
    prop_oneof![
        4 => key.clone().prop_map(Op::Get),
        1 => key.clone().prop_map(Op::Peek),
        1 => key.clone().prop_map(Op::Contains),
        4 => (key.clone(), any::<u32>()).prop_map(|(k, v)| Op::Insert(k, v)),
        2 => (key.clone(), any::<u32>()).prop_map(|(k, v)| Op::InsertIfAbsent(k, v)),
        2 => (key.clone(), any::<u32>()).prop_map(|(k, v)| Op::TryGetOrInsertWith(k, v)),
        1 => key.prop_map(Op::Remove),
        1 => (0u8..3).prop_map(Op::RetainNot),
        1 => Just(Op::Clear),
        advances => (0u64..=4).prop_map(Op::Advance),
    ]
}

/// The reference: stored entries front (most recent) first, with the tick they expire at,
/// expired ones included until something drops them.
struct Model {
    entries: Vec<(u8, u32, u64)>,
    capacity: usize,
    /// Whether a hit or an update moves the entry to the front (LRU) or not (FIFO).
    touch: bool,
    now: u64,
}

impl Model {
    fn position(&self, key: u8) -> Option<usize> {
        self.entries.iter().position(|&(k, _, _)| k == key)
    }

    fn is_live(&self, index: usize) -> bool {
        self.now < self.entries[index].2
    }

    fn touch_entry(&mut self, index: usize) -> usize {
        if self.touch {
            let entry = self.entries.remove(index);
            self.entries.insert(0, entry);
            return 0;
        }
        index
    }

    fn sweep(&mut self) {
        let now = self.now;
        self.entries.retain(|&(_, _, expires_at)| now < expires_at);
    }

    fn get(&mut self, key: u8) -> Option<u32> {
        let i = self.position(key)?;
        if !self.is_live(i) {
            self.entries.remove(i);
            return None;
        }
        let i = self.touch_entry(i);
        Some(self.entries[i].1)
    }

    fn peek(&self, key: u8) -> Option<u32> {
        let i = self.position(key)?;
        self.is_live(i).then(|| self.entries[i].1)
    }

    /// Stores a pair whose key holds no live entry, or updates a live one; returns the
    /// previous live value.
    fn insert(&mut self, key: u8, value: u32) -> Option<u32> {
        self.sweep();
        let expires_at = self.now + TTL;
        if let Some(i) = self.position(key) {
            let old = self.entries[i].1;
            self.entries[i] = (key, value, expires_at);
            self.touch_entry(i);
            return Some(old);
        }
        if self.capacity == 0 {
            return None;
        }
        if self.entries.len() == self.capacity {
            self.entries.pop();
        }
        self.entries.insert(0, (key, value, expires_at));
        None
    }

    fn insert_if_absent(&mut self, key: u8, value: u32) -> bool {
        if self.peek(key).is_some() {
            return false;
        }
        self.sweep();
        if self.capacity == 0 {
            return false;
        }
        self.insert(key, value);
        true
    }

    /// A live entry's value, else `value` stored, unless it is odd: then `Err(value)`. The
    /// cache sweeps before computing the value, so the model does too.
    fn try_get_or_insert_with(&mut self, key: u8, value: u32) -> Result<u32, u32> {
        if let Some(found) = self.get(key) {
            return Ok(found);
        }
        self.sweep();
        if value % 2 == 1 {
            return Err(value);
        }
        self.insert(key, value);
        Ok(value)
    }

    fn remove(&mut self, key: u8) -> Option<u32> {
        let i = self.position(key)?;
        let live = self.is_live(i);
        let (_, value, _) = self.entries.remove(i);
        live.then_some(value)
    }

    fn live(&self) -> Vec<(u8, u32)> {
        (0..self.entries.len())
            .filter(|&i| self.is_live(i))
            .map(|i| (self.entries[i].0, self.entries[i].1))
            .collect()
    }
}

/// The order the entries of a cache come in: a bounded cache's recency or insertion order,
/// which the model keeps, or an unbounded cache's, which is the hash table's.
#[derive(Clone, Copy, PartialEq)]
enum Order {
    Lru,
    Fifo,
    Unordered,
}

/// How the stored entries of the cache, expired ones included, must compare to the model's.
#[derive(Clone, Copy, PartialEq)]
enum Stored {
    /// As many: the cache sweeps whenever the model does (the unbounded one).
    Same,
    /// At least as many, and no more than the capacity.
    AtLeast,
}

fn check<C: Cache<u8, Stamped<u32>>>(
    inner: C,
    capacity: usize,
    order: Order,
    stored: Stored,
    ops: &[Op],
) -> Result<(), TestCaseError> {
    let clock = ManualClock::new();
    let mut cache = ExpiringCache::with_clock(inner, Duration::from_nanos(TTL), clock.clone());
    let mut model = Model {
        entries: Vec::new(),
        capacity,
        touch: order == Order::Lru,
        now: 0,
    };
    for (step, op) in ops.iter().enumerate() {
        match *op {
            Op::Get(k) => prop_assert_eq!(cache.get(&k).copied(), model.get(k), "step {}", step),
            Op::Peek(k) => prop_assert_eq!(cache.peek(&k).copied(), model.peek(k), "step {}", step),
            Op::Contains(k) => {
                prop_assert_eq!(
                    cache.contains_key(&k),
                    model.peek(k).is_some(),
                    "step {}",
                    step
                )
            }
            Op::Insert(k, v) => {
                prop_assert_eq!(cache.insert(k, v), model.insert(k, v), "step {}", step)
            }
            Op::InsertIfAbsent(k, v) => prop_assert_eq!(
                cache.insert_if_absent(k, v),
                model.insert_if_absent(k, v),
                "step {}",
                step
            ),
            // Capacity 0 panics, as for the caches it wraps.
            Op::TryGetOrInsertWith(..) if capacity == 0 => {}
            Op::TryGetOrInsertWith(k, v) => prop_assert_eq!(
                cache
                    .try_get_or_insert_with(k, || if v % 2 == 1 { Err(v) } else { Ok(v) })
                    .copied(),
                model.try_get_or_insert_with(k, v),
                "step {}",
                step
            ),
            Op::Remove(k) => prop_assert_eq!(cache.remove(&k), model.remove(k), "step {}", step),
            Op::RetainNot(r) => {
                cache.retain(|k, _| k % 3 != r);
                model.sweep();
                model.entries.retain(|&(k, _, _)| k % 3 != r);
            }
            Op::Clear => {
                cache.clear();
                model.entries.clear();
            }
            Op::Advance(ticks) => {
                clock.advance(Duration::from_nanos(ticks));
                model.now += ticks;
            }
        }
        let mut live = model.live();
        prop_assert_eq!(cache.len(), live.len(), "live entries after step {}", step);
        prop_assert_eq!(cache.is_empty(), live.is_empty(), "after step {}", step);
        let held = cache.inner().len();
        match stored {
            Stored::Same => prop_assert_eq!(
                held,
                model.entries.len(),
                "stored entries, expired ones included, after step {}",
                step
            ),
            Stored::AtLeast => prop_assert!(
                model.entries.len() <= held && held <= capacity,
                "{} stored entries against {} after step {}",
                held,
                model.entries.len(),
                step
            ),
        }
        let mut entries: Vec<(u8, u32)> = cache.iter().map(|(k, v)| (*k, *v)).collect();
        if order == Order::Unordered {
            entries.sort_unstable();
            live.sort_unstable();
        }
        prop_assert_eq!(entries, live, "the live entries after step {}", step);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn expiring_lru_matches_model(capacity in 0usize..8, ops in prop::collection::vec(op(12, 4), 0..200)) {
        check(LruCache::new(capacity), capacity, Order::Lru, Stored::AtLeast, &ops)?;
    }

    #[test]
    fn expiring_fifo_matches_model(capacity in 0usize..8, ops in prop::collection::vec(op(12, 4), 0..200)) {
        check(FifoCache::new(capacity), capacity, Order::Fifo, Stored::AtLeast, &ops)?;
    }

    #[test]
    fn expiring_unbounded_matches_model(ops in prop::collection::vec(op(7, 4), 0..200)) {
        check(UnboundedCache::new(), usize::MAX, Order::Unordered, Stored::Same, &ops)?;
    }

    #[test]
    fn large_expiring_lru_evicts_exactly(capacity in 8usize..24, ops in prop::collection::vec(op(24, 2), 0..800)) {
        check(LruCache::new(capacity), capacity, Order::Lru, Stored::AtLeast, &ops)?;
    }

    #[test]
    fn large_expiring_fifo_evicts_exactly(capacity in 8usize..24, ops in prop::collection::vec(op(24, 2), 0..800)) {
        check(FifoCache::new(capacity), capacity, Order::Fifo, Stored::AtLeast, &ops)?;
    }
}
