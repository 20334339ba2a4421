//! Property tests: each cache and a plain `Vec` model run the same random operations, and
//! every return value, the length and the full iteration order (both ways) must agree.
//! Values count their drops, so a leak or a double drop fails the test too.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::time::Duration;

use memo_core::{Cache, ExpiringCache, FifoCache, LruCache, ManualClock, Stamped, UnboundedCache};
use proptest::prelude::*;

thread_local! {
    /// Ids of the `Tracked` values alive on this thread.
    static LIVE: RefCell<BTreeSet<u64>> = const { RefCell::new(BTreeSet::new()) };
    static NEXT_ID: RefCell<u64> = const { RefCell::new(0) };
}

/// A value that records its life: made, cloned and dropped exactly once each.
#[derive(Debug)]
struct Tracked {
    id: u64,
    payload: u32,
}

impl Tracked {
    fn new(payload: u32) -> Self {
        let id = NEXT_ID.with(|n| {
            let mut n = n.borrow_mut();
            *n += 1;
            *n
        });
        LIVE.with(|live| assert!(live.borrow_mut().insert(id)));
        Tracked { id, payload }
    }
}

impl Clone for Tracked {
    fn clone(&self) -> Self {
        Tracked::new(self.payload)
    }
}

impl Drop for Tracked {
    fn drop(&mut self) {
        let was_live = LIVE.with(|live| live.borrow_mut().remove(&self.id));
        assert!(was_live, "value {} dropped twice", self.id);
    }
}

fn live_values() -> usize {
    LIVE.with(|live| live.borrow().len())
}

#[derive(Clone, Debug)]
enum Op {
    Get(u8),
    GetMut(u8),
    GetKeyValue(u8),
    Peek(u8),
    PeekMut(u8),
    PeekKeyValue(u8),
    Contains(u8),
    Insert(u8, u32),
    Push(u8, u32),
    InsertIfAbsent(u8, u32),
    GetOrInsertWith(u8, u32),
    /// `try_get_or_insert_with` whose `make` fails when the value is odd.
    TryGetOrInsertWith(u8, u32),
    /// Adds one to every value through `iter_mut`.
    IterMut,
    /// `get_or_insert_ref`, then adds one to the value through the reference it returns.
    GetOrInsertRef(u8, u32),
    Remove(u8),
    RemoveEntry(u8),
    PopBack,
    PeekBack,
    PopFront,
    PeekFront,
    /// Makes the key the front entry, where the cache has an order to change (LRU).
    Promote(u8),
    /// Makes the key the back entry, the next to be evicted, where the cache has an order to
    /// change (LRU).
    Demote(u8),
    Resize(usize),
    Clear,
}

fn op() -> impl Strategy<Value = Op> {
    let key = 0u8..24;
    prop_oneof![
        4 => key.clone().prop_map(Op::Get),
        1 => key.clone().prop_map(Op::GetMut),
        1 => key.clone().prop_map(Op::GetKeyValue),
        1 => key.clone().prop_map(Op::Peek),
        1 => key.clone().prop_map(Op::PeekMut),
        1 => key.clone().prop_map(Op::PeekKeyValue),
        1 => key.clone().prop_map(Op::Contains),
        4 => (key.clone(), any::<u32>()).prop_map(|(k, v)| Op::Insert(k, v)),
        2 => (key.clone(), any::<u32>()).prop_map(|(k, v)| Op::Push(k, v)),
        2 => (key.clone(), any::<u32>()).prop_map(|(k, v)| Op::InsertIfAbsent(k, v)),
        2 => (key.clone(), any::<u32>()).prop_map(|(k, v)| Op::GetOrInsertWith(k, v)),
        2 => (key.clone(), any::<u32>()).prop_map(|(k, v)| Op::TryGetOrInsertWith(k, v)),
        1 => Just(Op::IterMut),
        2 => (key.clone(), any::<u32>()).prop_map(|(k, v)| Op::GetOrInsertRef(k, v)),
        1 => key.clone().prop_map(Op::Remove),
        1 => key.clone().prop_map(Op::RemoveEntry),
        1 => Just(Op::PopBack),
        1 => Just(Op::PeekBack),
        1 => Just(Op::PopFront),
        1 => Just(Op::PeekFront),
        1 => key.clone().prop_map(Op::Promote),
        1 => key.prop_map(Op::Demote),
        1 => (0usize..=20).prop_map(Op::Resize),
        1 => Just(Op::Clear),
    ]
}

/// The reference: entries front (most recent) first, every operation a linear scan.
struct Model {
    entries: Vec<(u8, u32)>,
    capacity: usize,
    /// Whether a hit or an update moves the entry to the front (LRU) or not (FIFO).
    touch: bool,
}

impl Model {
    fn position(&self, key: u8) -> Option<usize> {
        self.entries.iter().position(|&(k, _)| k == key)
    }

    fn get(&mut self, key: u8) -> Option<u32> {
        let i = self.position(key)?;
        if self.touch {
            let entry = self.entries.remove(i);
            self.entries.insert(0, entry);
            return Some(self.entries[0].1);
        }
        Some(self.entries[i].1)
    }

    fn peek(&self, key: u8) -> Option<u32> {
        self.position(key).map(|i| self.entries[i].1)
    }

    fn push(&mut self, key: u8, value: u32) -> Option<(u8, u32)> {
        if self.capacity == 0 {
            return Some((key, value));
        }
        if let Some(i) = self.position(key) {
            let old = std::mem::replace(&mut self.entries[i].1, value);
            if self.touch {
                let entry = self.entries.remove(i);
                self.entries.insert(0, entry);
            }
            return Some((key, old));
        }
        let evicted = (self.entries.len() == self.capacity).then(|| self.entries.pop().unwrap());
        self.entries.insert(0, (key, value));
        evicted
    }

    fn remove(&mut self, key: u8) -> Option<u32> {
        self.position(key).map(|i| self.entries.remove(i).1)
    }

    /// Moves `key` to the front (`front`) or the back; returns whether it was there.
    fn move_to(&mut self, key: u8, front: bool) -> bool {
        let Some(i) = self.position(key) else {
            return false;
        };
        let entry = self.entries.remove(i);
        let at = if front { 0 } else { self.entries.len() };
        self.entries.insert(at, entry);
        true
    }

    fn resize(&mut self, capacity: usize) {
        self.entries.truncate(capacity);
        self.capacity = capacity;
    }
}

/// The moves of an entry to either end of the order, which only an LRU cache has: `Some`
/// (whether the key was there) for it, `None` for a FIFO cache, whose order is the order of
/// insertion.
trait Reorder {
    fn reorder(&mut self, key: u8, front: bool) -> Option<bool>;
}

impl<V> Reorder for LruCache<u8, V> {
    fn reorder(&mut self, key: u8, front: bool) -> Option<bool> {
        Some(if front {
            self.promote(&key)
        } else {
            self.demote(&key)
        })
    }
}

impl<V> Reorder for FifoCache<u8, V> {
    fn reorder(&mut self, _: u8, _: bool) -> Option<bool> {
        None
    }
}

/// Runs `ops` on a bounded cache and the model side by side, comparing after every step.
/// `$pop`, `$peek_back`, `$pop_front` and `$peek_front` are the cache's names for the ends
/// of its order; `$peek_mut` and `$peek_key_value` are the methods that return a value
/// mutably, and a key and its value, without changing the order.
macro_rules! check_bounded {
    (
        $cache:expr, $touch:expr, $pop:ident, $peek_back:ident, $pop_front:ident,
        $peek_front:ident, $peek_mut:ident, $peek_key_value:ident, $capacity:expr, $ops:expr
    ) => {{
        let mut cache = $cache;
        let mut model = Model {
            entries: Vec::new(),
            capacity: $capacity,
            touch: $touch,
        };
        let payload = |v: Option<&Tracked>| v.map(|t| t.payload);
        for (step, op) in $ops.iter().enumerate() {
            match *op {
                Op::Get(k) => {
                    prop_assert_eq!(payload(cache.get(&k)), model.get(k), "step {}", step)
                }
                Op::GetMut(k) => {
                    let got = cache.get_mut(&k).map(|t| {
                        t.payload = t.payload.wrapping_add(1);
                        t.payload
                    });
                    let want = model.get(k).map(|v| v.wrapping_add(1));
                    if let Some(v) = want {
                        let i = model.position(k).unwrap();
                        model.entries[i].1 = v;
                    }
                    prop_assert_eq!(got, want, "step {}", step);
                }
                Op::GetKeyValue(k) => {
                    let got = cache.get_key_value(&k).map(|(k, t)| (*k, t.payload));
                    prop_assert_eq!(got, model.get(k).map(|v| (k, v)), "step {}", step)
                }
                Op::Peek(k) => {
                    prop_assert_eq!(payload(cache.peek(&k)), model.peek(k), "step {}", step)
                }
                Op::PeekKeyValue(k) => {
                    let got = cache.$peek_key_value(&k).map(|(k, t)| (*k, t.payload));
                    prop_assert_eq!(got, model.peek(k).map(|v| (k, v)), "step {}", step)
                }
                Op::PeekMut(k) => {
                    let got = cache.$peek_mut(&k).map(|t| {
                        t.payload = t.payload.wrapping_add(1);
                        t.payload
                    });
                    let want = model.position(k).map(|i| {
                        model.entries[i].1 = model.entries[i].1.wrapping_add(1);
                        model.entries[i].1
                    });
                    prop_assert_eq!(got, want, "step {}", step);
                }
                Op::Contains(k) => {
                    let present = model.position(k).is_some();
                    prop_assert_eq!(cache.contains_key(&k), present);
                    // The `Cache` trait's answers too, which `ExpiringCache` builds on.
                    prop_assert_eq!(Cache::contains_key(&cache, &k), present);
                }
                Op::Insert(k, v) => {
                    let got = cache.insert(k, Tracked::new(v)).map(|t| t.payload);
                    let want = match model.push(k, v) {
                        Some((old_k, old_v)) if old_k == k && model.capacity > 0 => Some(old_v),
                        _ => None,
                    };
                    prop_assert_eq!(got, want, "step {}", step);
                }
                Op::Push(k, v) => {
                    let got = cache.push(k, Tracked::new(v)).map(|(k, t)| (k, t.payload));
                    prop_assert_eq!(got, model.push(k, v), "step {}", step);
                }
                Op::InsertIfAbsent(k, v) => {
                    let got = Cache::insert_if_absent(&mut cache, k, Tracked::new(v));
                    let absent = model.capacity > 0 && model.position(k).is_none();
                    if absent {
                        model.push(k, v);
                    }
                    prop_assert_eq!(got, absent, "step {}", step);
                }
                // Capacity 0 panics, which `get_or_insert_with_panics_on_capacity_0` tests.
                Op::GetOrInsertWith(k, v) if model.capacity > 0 => {
                    let want = match model.get(k) {
                        Some(found) => found,
                        None => {
                            model.push(k, v);
                            v
                        }
                    };
                    let got = cache.get_or_insert_with(k, || Tracked::new(v)).payload;
                    prop_assert_eq!(got, want, "step {}", step);
                }
                Op::TryGetOrInsertWith(k, v) if model.capacity > 0 => {
                    let want = match model.get(k) {
                        Some(found) => Ok(found),
                        None if v % 2 == 1 => Err(v),
                        None => {
                            model.push(k, v);
                            Ok(v)
                        }
                    };
                    let got = cache
                        .try_get_or_insert_with(k, || {
                            if v % 2 == 1 {
                                Err(v)
                            } else {
                                Ok(Tracked::new(v))
                            }
                        })
                        .map(|t| t.payload);
                    prop_assert_eq!(got, want, "step {}", step);
                }
                Op::GetOrInsertRef(k, v) if model.capacity > 0 => {
                    let want = match model.get(k) {
                        Some(found) => found,
                        None => {
                            model.push(k, v);
                            v
                        }
                    }
                    .wrapping_add(1);
                    let i = model.position(k).unwrap();
                    model.entries[i].1 = want;
                    let got = cache.get_or_insert_ref(&k, || Tracked::new(v));
                    got.payload = got.payload.wrapping_add(1);
                    prop_assert_eq!(got.payload, want, "step {}", step);
                }
                Op::GetOrInsertWith(..) | Op::TryGetOrInsertWith(..) | Op::GetOrInsertRef(..) => {}
                Op::IterMut => {
                    let seen: Vec<_> = cache
                        .iter_mut()
                        .map(|(k, t)| {
                            t.payload = t.payload.wrapping_add(1);
                            (*k, t.payload)
                        })
                        .collect();
                    for entry in &mut model.entries {
                        entry.1 = entry.1.wrapping_add(1);
                    }
                    prop_assert_eq!(&seen, &model.entries, "step {}", step);
                    prop_assert_eq!(cache.iter_mut().len(), model.entries.len());
                    let backward: Vec<_> = cache
                        .iter_mut()
                        .rev()
                        .map(|(k, t)| (*k, t.payload))
                        .collect();
                    prop_assert!(
                        backward.iter().eq(model.entries.iter().rev()),
                        "step {}",
                        step
                    );
                }
                Op::Remove(k) => {
                    prop_assert_eq!(
                        cache.remove(&k).map(|t| t.payload),
                        model.remove(k),
                        "step {}",
                        step
                    )
                }
                Op::RemoveEntry(k) => {
                    let got = cache.remove_entry(&k).map(|(k, t)| (k, t.payload));
                    prop_assert_eq!(got, model.remove(k).map(|v| (k, v)), "step {}", step)
                }
                Op::PopBack => {
                    let got = cache.$pop().map(|(k, t)| (k, t.payload));
                    prop_assert_eq!(got, model.entries.pop(), "step {}", step);
                }
                Op::PeekBack => {
                    let got = cache.$peek_back().map(|(k, t)| (*k, t.payload));
                    prop_assert_eq!(got, model.entries.last().copied(), "step {}", step);
                }
                Op::PopFront => {
                    let got = cache.$pop_front().map(|(k, t)| (k, t.payload));
                    let want = (!model.entries.is_empty()).then(|| model.entries.remove(0));
                    prop_assert_eq!(got, want, "step {}", step);
                }
                Op::PeekFront => {
                    let got = cache.$peek_front().map(|(k, t)| (*k, t.payload));
                    prop_assert_eq!(got, model.entries.first().copied(), "step {}", step);
                }
                Op::Promote(k) | Op::Demote(k) => {
                    let front = matches!(op, Op::Promote(_));
                    if let Some(got) = cache.reorder(k, front) {
                        prop_assert_eq!(got, model.move_to(k, front), "step {}", step);
                    }
                }
                Op::Resize(n) => {
                    cache.resize(n);
                    model.resize(n);
                }
                Op::Clear => {
                    cache.clear();
                    model.entries.clear();
                }
            }
            prop_assert_eq!(cache.len(), model.entries.len(), "step {}", step);
            prop_assert_eq!(cache.capacity(), model.capacity);
            prop_assert_eq!(Cache::max_len(&cache), Some(model.capacity));
            prop_assert_eq!(cache.iter().len(), model.entries.len());
            let forward: Vec<_> = cache.iter().map(|(k, t)| (*k, t.payload)).collect();
            prop_assert_eq!(&forward, &model.entries, "order after step {}", step);
            let backward: Vec<_> = cache.iter().rev().map(|(k, t)| (*k, t.payload)).collect();
            let mut reversed = model.entries.clone();
            reversed.reverse();
            prop_assert_eq!(backward, reversed, "reverse order after step {}", step);
            prop_assert_eq!(
                live_values(),
                model.entries.len(),
                "a value leaked or was dropped early"
            );
        }
        let copy = cache.clone();
        prop_assert!(
            copy.iter()
                .map(|(k, t)| (*k, t.payload))
                .eq(cache.iter().map(|(k, t)| (*k, t.payload)))
        );
        drop(copy);
        // The owning iterator yields the same order, both ways, and drops what it did not
        // yield; a clone of it yields what it has left.
        let mut owning = cache.clone().into_iter();
        owning.next();
        let rest: Vec<_> = owning.clone().map(|(k, t)| (k, t.payload)).collect();
        prop_assert_eq!(rest.as_slice(), model.entries.get(1..).unwrap_or_default());
        drop(owning);
        let owned: Vec<_> = cache
            .clone()
            .into_iter()
            .map(|(k, t)| (k, t.payload))
            .collect();
        prop_assert_eq!(&owned, &model.entries);
        let mut reversed = model.entries.clone();
        reversed.reverse();
        let owned_back: Vec<_> = cache
            .clone()
            .into_iter()
            .rev()
            .map(|(k, t)| (k, t.payload))
            .collect();
        prop_assert_eq!(owned_back, reversed);
        let mut half = cache.into_iter();
        let first = half.next().map(|(k, t)| (k, t.payload));
        prop_assert_eq!(first, model.entries.first().copied());
        prop_assert_eq!(half.len(), model.entries.len().saturating_sub(1));
        drop(half);
        prop_assert_eq!(live_values(), 0, "values leaked");
    }};
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn lru_matches_model(capacity in 0usize..=20, ops in prop::collection::vec(op(), 0..200)) {
        check_bounded!(
            LruCache::new(capacity), true, pop_lru, peek_lru, pop_mru, peek_mru, peek_mut,
            peek_key_value, capacity, ops
        );
    }

    #[test]
    fn fifo_matches_model(capacity in 0usize..=20, ops in prop::collection::vec(op(), 0..200)) {
        check_bounded!(
            FifoCache::new(capacity), false, pop_oldest, peek_oldest, pop_newest, peek_newest,
            get_mut, get_key_value, capacity, ops
        );
    }

    #[test]
    fn unbounded_matches_model(ops in prop::collection::vec(op(), 0..200)) {
        let mut cache = UnboundedCache::new();
        let mut model = std::collections::BTreeMap::new();
        for (step, op) in ops.iter().enumerate() {
            match *op {
                Op::Get(k) | Op::Peek(k) => {
                    prop_assert_eq!(cache.get(&k).map(|t: &Tracked| t.payload), model.get(&k).copied(), "step {}", step)
                }
                Op::GetKeyValue(k) | Op::PeekKeyValue(k) => {
                    let got = cache.get_key_value(&k).map(|(k, t): (&u8, &Tracked)| (*k, t.payload));
                    prop_assert_eq!(got, model.get_key_value(&k).map(|(k, v)| (*k, *v)), "step {}", step)
                }
                Op::GetMut(k) | Op::PeekMut(k) => {
                    let got = cache.get_mut(&k).map(|t| { t.payload = t.payload.wrapping_add(1); t.payload });
                    let want = model.get_mut(&k).map(|v: &mut u32| { *v = v.wrapping_add(1); *v });
                    prop_assert_eq!(got, want, "step {}", step);
                }
                Op::Contains(k) => {
                    prop_assert_eq!(cache.contains_key(&k), model.contains_key(&k));
                    prop_assert_eq!(Cache::contains_key(&cache, &k), model.contains_key(&k));
                }
                Op::InsertIfAbsent(k, v) => {
                    let absent = !model.contains_key(&k);
                    if absent {
                        model.insert(k, v);
                    }
                    prop_assert_eq!(Cache::insert_if_absent(&mut cache, k, Tracked::new(v)), absent);
                }
                Op::Insert(k, v) | Op::Push(k, v) => {
                    prop_assert_eq!(cache.insert(k, Tracked::new(v)).map(|t| t.payload), model.insert(k, v), "step {}", step)
                }
                Op::GetOrInsertWith(k, v) => {
                    let want = *model.entry(k).or_insert(v);
                    prop_assert_eq!(cache.get_or_insert_with(k, || Tracked::new(v)).payload, want, "step {}", step);
                }
                Op::TryGetOrInsertWith(k, v) => {
                    let want = match model.get(&k) {
                        Some(&found) => Ok(found),
                        None if v % 2 == 1 => Err(v),
                        None => {
                            model.insert(k, v);
                            Ok(v)
                        }
                    };
                    let got = cache
                        .try_get_or_insert_with(k, || if v % 2 == 1 { Err(v) } else { Ok(Tracked::new(v)) })
                        .map(|t| t.payload);
                    prop_assert_eq!(got, want, "step {}", step);
                }
                Op::GetOrInsertRef(k, v) => {
                    let entry = model.entry(k).or_insert(v);
                    *entry = entry.wrapping_add(1);
                    let got = cache.get_or_insert_ref(&k, || Tracked::new(v));
                    got.payload = got.payload.wrapping_add(1);
                    prop_assert_eq!(got.payload, *entry, "step {}", step);
                }
                Op::IterMut => {
                    prop_assert_eq!(cache.iter_mut().len(), model.len());
                    for (_, t) in cache.iter_mut() {
                        t.payload = t.payload.wrapping_add(1);
                    }
                    for value in model.values_mut() {
                        *value = value.wrapping_add(1);
                    }
                }
                Op::Remove(k) => prop_assert_eq!(cache.remove(&k).map(|t| t.payload), model.remove(&k)),
                Op::RemoveEntry(k) => {
                    let got = cache.remove_entry(&k).map(|(k, t)| (k, t.payload));
                    prop_assert_eq!(got, model.remove_entry(&k), "step {}", step)
                }
                Op::Clear | Op::Resize(_) => {
                    cache.clear();
                    model.clear();
                }
                // No order: nothing to pop, peek or move at either end.
                Op::PopBack | Op::PeekBack | Op::PopFront | Op::PeekFront | Op::Promote(_) | Op::Demote(_) => {}
            }
            prop_assert_eq!(cache.len(), model.len());
            prop_assert_eq!(cache.iter().len(), model.len());
            let mut entries: Vec<_> = cache.iter().map(|(k, t)| (*k, t.payload)).collect();
            entries.sort_unstable();
            prop_assert_eq!(entries, model.iter().map(|(k, v)| (*k, *v)).collect::<Vec<_>>());
            prop_assert_eq!(live_values(), model.len());
        }
        let owning = cache.into_iter();
        prop_assert_eq!(owning.len(), model.len());
        let mut owned: Vec<_> = owning.map(|(k, t)| (k, t.payload)).collect();
        owned.sort_unstable();
        prop_assert_eq!(owned, model.into_iter().collect::<Vec<_>>());
        prop_assert_eq!(live_values(), 0, "values leaked");
    }
}

/// `String` keys answer `&str` lookups through `Equivalent`, in every cache.
#[test]
fn borrowed_lookups() {
    let mut lru = LruCache::new(2);
    let mut fifo = FifoCache::new(2);
    let mut unbounded = UnboundedCache::new();
    lru.insert(String::from("a"), 1);
    fifo.insert(String::from("a"), 1);
    unbounded.insert(String::from("a"), 1);
    assert_eq!(lru.get("a"), Some(&1));
    assert_eq!(fifo.get("a"), Some(&1));
    assert_eq!(unbounded.get("a"), Some(&1));
    assert_eq!(lru.remove("a"), Some(1));
    assert_eq!(fifo.remove("a"), Some(1));
    assert_eq!(unbounded.remove("a"), Some(1));
}

/// A huge capacity allocates nothing up front (a `Vec` of a billion entries would abort).
#[test]
fn huge_capacity_allocates_lazily() {
    let mut cache = LruCache::new(usize::MAX);
    for n in 0..1000u64 {
        cache.insert(n, n);
    }
    assert_eq!(cache.len(), 1000);
    assert_eq!(cache.peek_lru(), Some((&0, &0)));
}

/// A cache of capacity 0 has nowhere to keep the value it would return.
#[test]
fn get_or_insert_with_panics_on_capacity_0() {
    let lru = std::panic::catch_unwind(|| *LruCache::new(0).get_or_insert_with(1, || 1));
    let fifo = std::panic::catch_unwind(|| *FifoCache::new(0).get_or_insert_with(1, || 1));
    for panic in [lru.unwrap_err(), fifo.unwrap_err()] {
        let message = panic.downcast_ref::<&str>().copied().unwrap_or_default();
        assert!(
            message.ends_with("of capacity 0, which holds nothing"),
            "{message}"
        );
    }
}

/// A key that compares by its case-folded form but remembers how it was spelled.
#[derive(Clone, Debug)]
struct Spelled(&'static str);

impl PartialEq for Spelled {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(other.0)
    }
}

impl Eq for Spelled {}

impl std::hash::Hash for Spelled {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.to_ascii_lowercase().hash(state);
    }
}

#[test]
fn a_present_key_keeps_the_key_it_was_stored_with() {
    fn spellings<'a>(
        entries: impl Iterator<Item = (&'a Spelled, &'a u32)>,
    ) -> Vec<(&'static str, u32)> {
        entries.map(|(key, &value)| (key.0, value)).collect()
    }

    let mut lru = LruCache::new(2);
    lru.insert(Spelled("Apple"), 1);
    assert_eq!(lru.insert(Spelled("APPLE"), 2), Some(1));
    let (given, old) = lru.push(Spelled("apple"), 3).unwrap();
    assert_eq!((given.0, old), ("apple", 2));
    assert_eq!(spellings(lru.iter()), [("Apple", 3)]);

    let mut fifo = FifoCache::new(2);
    fifo.insert(Spelled("Apple"), 1);
    assert_eq!(fifo.insert(Spelled("APPLE"), 2), Some(1));
    let (given, old) = fifo.push(Spelled("apple"), 3).unwrap();
    assert_eq!((given.0, old), ("apple", 2));
    assert_eq!(spellings(fifo.iter()), [("Apple", 3)]);

    // As `HashMap::insert`, which `UnboundedCache` is built on.
    let mut unbounded = UnboundedCache::new();
    unbounded.insert(Spelled("Apple"), 1);
    assert_eq!(unbounded.insert(Spelled("APPLE"), 2), Some(1));
    assert_eq!(spellings(unbounded.iter()), [("Apple", 2)]);
}

/// `get_key_value`, `peek_key_value` and `remove_entry` return the key as it was stored, not
/// the one looked up, as `HashMap`'s do.
#[test]
fn key_value_lookups_return_the_stored_key() {
    let stored = |entry: Option<(&Spelled, &u32)>| entry.map(|(key, &value)| (key.0, value));
    let mut lru = LruCache::new(1);
    let mut fifo = FifoCache::new(1);
    let mut unbounded = UnboundedCache::new();
    lru.insert(Spelled("Apple"), 1);
    fifo.insert(Spelled("Apple"), 1);
    unbounded.insert(Spelled("Apple"), 1);
    let apple = Spelled("apple");
    assert_eq!(stored(lru.get_key_value(&apple)), Some(("Apple", 1)));
    assert_eq!(stored(lru.peek_key_value(&apple)), Some(("Apple", 1)));
    assert_eq!(stored(fifo.get_key_value(&apple)), Some(("Apple", 1)));
    assert_eq!(stored(unbounded.get_key_value(&apple)), Some(("Apple", 1)));
    let removed = [
        lru.remove_entry(&apple),
        fifo.remove_entry(&apple),
        unbounded.remove_entry(&apple),
    ];
    for entry in removed {
        assert_eq!(entry.map(|(key, value)| (key.0, value)), Some(("Apple", 1)));
    }
}

/// The constructors ask nothing of the key, as `HashMap::new` does: generic code can make a
/// cache before it knows that its key is `Hash + Eq`.
#[test]
fn constructors_ask_nothing_of_the_key() {
    type Bounded<K> = (LruCache<K, u8>, FifoCache<K, u8>, UnboundedCache<K, u8>);
    type Expiring<K> = (
        ExpiringCache<LruCache<K, Stamped<u8>>>,
        ExpiringCache<FifoCache<K, Stamped<u8>>>,
    );
    fn bounded<K>() -> Bounded<K> {
        (LruCache::new(1), FifoCache::new(2), UnboundedCache::new())
    }
    fn expiring<K>() -> Expiring<K> {
        let ttl = Duration::from_secs(1);
        (ExpiringCache::lru(3, ttl), ExpiringCache::fifo(4, ttl))
    }
    /// Neither `Hash` nor `Eq`.
    struct Opaque;

    let (lru, fifo, unbounded) = bounded::<Opaque>();
    assert_eq!((lru.capacity(), fifo.capacity()), (1, 2));
    assert!(unbounded.is_empty());
    let (lru, fifo) = expiring::<Opaque>();
    assert_eq!((lru.inner().capacity(), fifo.inner().capacity()), (3, 4));
}

#[test]
fn debug_names_the_cache_and_shows_its_entries_in_order() {
    let mut lru = LruCache::new(3);
    lru.extend([(1, 'a'), (2, 'b')]);
    lru.get(&1);
    assert_eq!(
        format!("{lru:?}"),
        "LruCache { capacity: 3, entries: {1: 'a', 2: 'b'} }"
    );
    let mut fifo = FifoCache::new(3);
    fifo.extend([(1, 'a'), (2, 'b')]);
    assert_eq!(
        format!("{fifo:?}"),
        "FifoCache { capacity: 3, entries: {2: 'b', 1: 'a'} }"
    );
    let unbounded: UnboundedCache<i32, char> = [(1, 'a')].into_iter().collect();
    assert_eq!(
        format!("{unbounded:?}"),
        "UnboundedCache { entries: {1: 'a'} }"
    );
    let clock = ManualClock::new();
    clock.advance(Duration::from_nanos(5));
    let mut expiring = ExpiringCache::with_clock(LruCache::new(2), Duration::from_nanos(10), clock);
    expiring.insert(1, 'a');
    assert_eq!(
        format!("{expiring:?}"),
        "ExpiringCache { ttl: 10ns, cache: LruCache { capacity: 2, entries: \
         {1: Stamped { value: 'a', expires_at: Timestamp(15) }} } }"
    );
}

/// The iterators show the entries they have left, in the order they yield them.
#[test]
fn debug_of_an_iterator_shows_the_entries_it_has_left() {
    let mut lru = LruCache::new(3);
    lru.extend([(1, 'a'), (2, 'b'), (3, 'c')]);
    let mut iter = lru.iter();
    iter.next();
    assert_eq!(format!("{iter:?}"), "[(2, 'b'), (1, 'a')]");
    // `iter_mut` puts the slab in order first: the one it shows is the one it yields.
    lru.get(&1);
    let mut iter_mut = lru.iter_mut();
    iter_mut.next_back();
    assert_eq!(format!("{iter_mut:?}"), "[(1, 'a'), (3, 'c')]");
    lru.get(&2);
    let mut into_iter = lru.into_iter();
    into_iter.next();
    assert_eq!(format!("{into_iter:?}"), "[(1, 'a'), (3, 'c')]");

    let mut unbounded: UnboundedCache<i32, char> = [(1, 'a')].into_iter().collect();
    assert_eq!(format!("{:?}", unbounded.iter()), "[(1, 'a')]");
    assert_eq!(format!("{:?}", unbounded.iter_mut()), "[(1, 'a')]");
    let mut into_iter = unbounded.into_iter();
    assert_eq!(format!("{into_iter:?}"), "[(1, 'a')]");
    into_iter.next();
    assert_eq!(format!("{into_iter:?}"), "[]");
}

/// A name, whose owned form is a lowercased [`Key`]: `to_owned` normalizes, while `Hash`,
/// `Eq` and `Borrow` agree between the two forms, as their contracts ask.
#[derive(Debug, PartialEq, Eq, Hash)]
struct Name(String);

/// The owned form of a [`Name`].
#[derive(Debug, PartialEq, Eq, Hash)]
struct Key(Name);

impl std::borrow::Borrow<Name> for Key {
    fn borrow(&self) -> &Name {
        &self.0
    }
}

impl ToOwned for Name {
    type Owned = Key;

    fn to_owned(&self) -> Key {
        Key(Name(self.0.to_lowercase()))
    }
}

fn name(s: &str) -> Name {
    Name(s.to_owned())
}

#[test]
fn get_or_insert_ref_stores_the_owned_key_under_its_own_hash() {
    let mut lru: LruCache<Key, u32> = LruCache::new(2);
    *lru.get_or_insert_ref(&name("A"), || 1) += 10;
    assert_eq!(lru.peek(&name("a")), Some(&11));
    // "A" is not stored, but its owned form is: that entry is returned, `make` not run.
    assert_eq!(*lru.get_or_insert_ref(&name("A"), || unreachable!()), 11);
    assert_eq!(lru.len(), 1);
    lru.insert(Key(name("b")), 2);
    lru.insert(Key(name("c")), 3); // evicts "a", found in the table under its own hash
    assert_eq!(lru.remove(&name("b")), Some(2));
    assert_eq!(lru.len(), 1);

    let mut fifo: FifoCache<Key, u32> = FifoCache::new(1);
    fifo.get_or_insert_ref(&name("A"), || 1);
    assert_eq!(*fifo.get_or_insert_ref(&name("A"), || unreachable!()), 1);
    fifo.insert(Key(name("b")), 2); // evicts "a"
    assert_eq!(
        fifo.pop_oldest().map(|(key, value)| (key.0.0, value)),
        Some(("b".into(), 2))
    );

    let mut unbounded: UnboundedCache<Key, u32> = UnboundedCache::new();
    unbounded.get_or_insert_ref(&name("A"), || 1);
    assert_eq!(
        *unbounded.get_or_insert_ref(&name("A"), || unreachable!()),
        1
    );
    assert_eq!(unbounded.len(), 1);
    assert_eq!(unbounded.peek(&name("a")), Some(&1));
}

thread_local! {
    static HASHES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// A key whose `Hash` counts its calls on this thread.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Counted(u32);

impl std::hash::Hash for Counted {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        HASHES.with(|hashes| hashes.set(hashes.get() + 1));
        self.0.hash(state);
    }
}

/// How many times `f` hashes a [`Counted`].
fn hashes(f: impl FnOnce()) -> usize {
    let before = HASHES.with(std::cell::Cell::get);
    f();
    HASHES.with(std::cell::Cell::get) - before
}

#[test]
fn a_hit_of_get_or_insert_ref_hashes_the_key_once() {
    let mut lru = LruCache::new(4);
    let mut fifo = FifoCache::new(4);
    let mut unbounded = UnboundedCache::new();
    lru.insert(Counted(1), 1);
    fifo.insert(Counted(1), 1);
    unbounded.insert(Counted(1), 1);
    let hit = || -> u32 { unreachable!("a hit") };
    assert_eq!(
        hashes(|| assert_eq!(*lru.get_or_insert_ref(&Counted(1), hit), 1)),
        1
    );
    assert_eq!(
        hashes(|| assert_eq!(*fifo.get_or_insert_ref(&Counted(1), hit), 1)),
        1
    );
    assert_eq!(
        hashes(|| assert_eq!(*unbounded.get_or_insert_ref(&Counted(1), hit), 1)),
        1
    );
}

#[test]
fn get_or_insert_ref_takes_a_str_for_shared_string_keys() {
    use std::sync::Arc;

    let mut lru: LruCache<Arc<str>, usize> = LruCache::new(2);
    assert_eq!(*lru.get_or_insert_ref("ab", || 2), 2);
    assert_eq!(*lru.get_or_insert_ref("ab", || unreachable!()), 2);
    let mut unbounded: UnboundedCache<Box<str>, usize> = UnboundedCache::new();
    *unbounded.get_or_insert_ref("ab", || 0) += 1;
    assert_eq!(unbounded.peek("ab"), Some(&1));
}
