//! `ExpiringCache` with a hand-driven clock: expiry on access, dropping expired entries
//! before evicting live ones, live counts, bounded memory for an unbounded cache, and the
//! clocks: a late-reading clock expires entries early, never late.

use std::hash::Hash;
use std::time::Duration;

use hashbrown::Equivalent;
use memo_core::{
    Cache, ExpiringCache, FifoCache, LruCache, ManualClock, Stamped, Timestamp, UnboundedCache,
};

const TTL: Duration = Duration::from_secs(10);

fn lru(
    capacity: usize,
) -> (
    ExpiringCache<LruCache<u32, memo_core::Stamped<u32>>, ManualClock>,
    ManualClock,
) {
    let clock = ManualClock::new();
    (
        ExpiringCache::with_clock(LruCache::new(capacity), TTL, clock.clone()),
        clock,
    )
}

#[test]
fn an_entry_is_served_until_its_ttl_has_passed() {
    let (mut cache, clock) = lru(4);
    cache.insert(1, 10);
    clock.advance(TTL - Duration::from_nanos(1));
    assert_eq!(cache.get(&1), Some(&10));
    assert_eq!(cache.peek(&1), Some(&10));
    clock.advance(Duration::from_nanos(1));
    assert_eq!(cache.peek(&1), None);
    assert!(!cache.contains_key(&1));
    assert_eq!(cache.len(), 0, "len counts live entries only");
    assert_eq!(cache.inner().len(), 1, "peek does not drop");
    assert_eq!(cache.get(&1), None);
    assert_eq!(cache.inner().len(), 0, "an access drops the expired entry");
}

#[test]
fn rewriting_a_key_restarts_its_ttl() {
    let (mut cache, clock) = lru(4);
    cache.insert(1, 10);
    clock.advance(TTL / 2);
    assert_eq!(cache.insert(1, 11), Some(10));
    clock.advance(TTL / 2);
    assert_eq!(cache.get(&1), Some(&11));
    clock.advance(TTL);
    assert_eq!(
        cache.insert(1, 12),
        None,
        "an expired previous value is not returned"
    );
}

#[test]
fn a_full_cache_drops_expired_entries_before_evicting_live_ones() {
    let (mut cache, clock) = lru(3);
    cache.insert(1, 1);
    clock.advance(TTL / 2);
    cache.insert(2, 2);
    cache.insert(3, 3);
    // 1 is now the most recently used, 2 the least, and 1 the only one to expire.
    assert_eq!(cache.get(&1), Some(&1));
    assert_eq!(cache.get(&3), Some(&3));
    assert_eq!(cache.get(&1), Some(&1));
    clock.advance(TTL / 2);
    cache.insert(4, 4);
    let mut keys: Vec<u32> = cache.iter().map(|(k, _)| *k).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [2, 3, 4],
        "the expired entry made room, not the least recently used"
    );
    cache.insert(5, 5);
    assert!(
        !cache.contains_key(&2),
        "with nothing expired, the LRU entry is evicted"
    );
}

#[test]
fn insert_if_absent_replaces_only_an_expired_entry() {
    let (mut cache, clock) = lru(2);
    assert!(cache.insert_if_absent(1, 1));
    assert!(!cache.insert_if_absent(1, 2));
    assert_eq!(cache.peek(&1), Some(&1));
    clock.advance(TTL);
    assert!(cache.insert_if_absent(1, 3));
    assert_eq!(cache.get(&1), Some(&3));
}

#[test]
fn fifo_and_unbounded_expire_too() {
    let clock = ManualClock::new();
    let mut fifo = ExpiringCache::with_clock(FifoCache::new(2), TTL, clock.clone());
    let mut unbounded = ExpiringCache::with_clock(UnboundedCache::new(), TTL, clock.clone());
    fifo.insert("a", 1);
    unbounded.insert("a", 1);
    clock.advance(TTL);
    assert_eq!(fifo.get("a"), None);
    assert_eq!(unbounded.get("a"), None);
    assert_eq!((fifo.len(), unbounded.len()), (0, 0));
}

#[test]
fn an_unbounded_cache_sweeps_as_it_grows() {
    let clock = ManualClock::new();
    let mut cache = ExpiringCache::with_clock(UnboundedCache::new(), TTL, clock.clone());
    for round in 0..50u32 {
        for n in 0..100 {
            cache.insert(round * 100 + n, n);
        }
        clock.advance(TTL);
    }
    // Each round's 100 entries expire before the next round; sweeps keep the expired ones
    // from piling up: never more than two rounds' worth are held.
    assert!(cache.inner().len() <= 200, "held {}", cache.inner().len());
    assert_eq!(cache.len(), 0);
}

/// A burst of entries that a sweep left live, then expired, with few inserts after: the
/// sweep's budget of inserts is far from spent, but the first insert once they have all
/// expired sweeps them out.
fn burst_then_trickle<C: Cache<u32, memo_core::Stamped<u32>>>(inner: C) -> (usize, usize) {
    let clock = ManualClock::new();
    let mut cache = ExpiringCache::with_clock(inner, TTL, clock.clone());
    cache.insert(0, 0);
    clock.advance(Duration::from_secs(1));
    for n in 1..=10_000 {
        cache.insert(n, n);
    }
    // Key 0 has expired, the burst has not: this sweep leaves the burst, and a budget of
    // 1 250 inserts before the next.
    clock.advance(TTL - Duration::from_secs(1));
    cache.insert(20_000, 0);
    let held_live = cache.inner().len();
    clock.advance(Duration::from_secs(1));
    for n in 0..5 {
        cache.insert(30_000 + n, n);
    }
    (held_live, cache.inner().len())
}

#[test]
fn a_burst_goes_at_the_first_insert_after_it_has_all_expired() {
    assert_eq!(burst_then_trickle(UnboundedCache::new()), (10_001, 6));
    assert_eq!(burst_then_trickle(LruCache::new(100_000)), (10_001, 6));
    assert_eq!(burst_then_trickle(FifoCache::new(100_000)), (10_001, 6));
}

/// A cache that counts the entries its `retain` and `retain_hashed` visit, and the calls
/// of `remove_hashed_if`: what an `ExpiringCache` over it spends finding expired entries.
/// Unless `hashed`, it files no entry by hash, as a cache that implements neither.
struct Counting<C> {
    inner: C,
    visits: usize,
    hashed: bool,
}

impl<K, V, C: Cache<K, V>> Cache<K, V> for Counting<C> {
    fn get<Q: ?Sized + Hash + Equivalent<K>>(&mut self, key: &Q) -> Option<&V> {
        self.inner.get(key)
    }
    fn get_or_remove_if<Q>(&mut self, key: &Q, remove_if: impl FnOnce(&V) -> bool) -> Option<&V>
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        self.inner.get_or_remove_if(key, remove_if)
    }
    fn peek<Q: ?Sized + Hash + Equivalent<K>>(&self, key: &Q) -> Option<&V> {
        self.inner.peek(key)
    }
    fn contains_key<Q: ?Sized + Hash + Equivalent<K>>(&self, key: &Q) -> bool {
        self.inner.contains_key(key)
    }
    fn insert(&mut self, key: K, value: V) -> Option<V> {
        self.inner.insert(key, value)
    }
    fn insert_if_absent(&mut self, key: K, value: V) -> bool {
        self.inner.insert_if_absent(key, value)
    }
    fn try_get_or_insert_with<E>(
        &mut self,
        key: K,
        make: impl FnOnce() -> Result<V, E>,
    ) -> Result<&mut V, E> {
        self.inner.try_get_or_insert_with(key, make)
    }
    fn remove<Q: ?Sized + Hash + Equivalent<K>>(&mut self, key: &Q) -> Option<V> {
        self.inner.remove(key)
    }
    fn len(&self) -> usize {
        self.inner.len()
    }
    fn max_len(&self) -> Option<usize> {
        self.inner.max_len()
    }
    fn clear(&mut self) {
        self.inner.clear();
    }
    fn retain(&mut self, mut keep: impl FnMut(&K, &mut V) -> bool) {
        let visits = &mut self.visits;
        self.inner.retain(|key, value| {
            *visits += 1;
            keep(key, value)
        });
    }
    fn retain_hashed(&mut self, mut keep: impl FnMut(Option<u64>, &K, &mut V) -> bool) {
        let (visits, hashed) = (&mut self.visits, self.hashed);
        self.inner.retain_hashed(|hash, key, value| {
            *visits += 1;
            keep(hash.filter(|_| hashed), key, value)
        });
    }
    fn remove_hashed_if(
        &mut self,
        hash: u64,
        remove_if: impl FnMut(&K, &V) -> bool,
    ) -> Option<(K, V)> {
        self.visits += 1;
        if !self.hashed {
            return None;
        }
        self.inner.remove_hashed_if(hash, remove_if)
    }
    fn iter<'a>(&'a self) -> impl Iterator<Item = (&'a K, &'a V)>
    where
        K: 'a,
        V: 'a,
    {
        self.inner.iter()
    }
}

/// One insert a tick into an LRU cache of `capacity`, with a ttl of `capacity` ticks: the
/// live entries just fit, and at every insert the oldest one has just expired. Evicting a
/// live entry would lose one. Returns the entry visits per insert.
fn insert_one_a_tick(capacity: u32, hashed: bool) -> f64 {
    let inserts = 10 * capacity;
    let clock = ManualClock::new();
    let counting = Counting {
        inner: LruCache::new(capacity as usize),
        visits: 0,
        hashed,
    };
    let ttl = Duration::from_nanos(capacity.into());
    let mut cache = ExpiringCache::with_clock(counting, ttl, clock.clone());
    for n in 0..inserts {
        clock.advance(Duration::from_nanos(1));
        // Hits keep the even keys away from the eviction end: they expire in the middle
        // of the list, while the least recently used entry is a younger, live odd key.
        if n >= capacity / 2 && n % 2 == 0 {
            cache.get(&(n - capacity / 2));
        }
        cache.insert(n, n);
        if n % 16 == 0 {
            // `len` counts the live entries, walking the cache: not after every insert.
            assert_eq!(
                cache.len(),
                (n + 1).min(capacity) as usize,
                "a live entry was evicted by insert {n}"
            );
        }
    }
    assert!(
        cache.inner().visits >= inserts as usize,
        "the expired entries were found: {} visits",
        cache.inner().visits
    );
    cache.inner().visits as f64 / f64::from(inserts)
}

#[test]
fn a_full_cache_drops_the_entry_that_expires_at_every_insert_cheaply() {
    // Sweeping the whole cache before each insert would visit 2000 entries per insert;
    // a sweep once half the entries have gone visits 2 per insert (2.7 in all, measured).
    let visits_per_insert = insert_one_a_tick(2000, true);
    assert!(
        visits_per_insert <= 4.0,
        "{visits_per_insert} entry visits per insert"
    );
}

#[test]
fn over_a_cache_without_hashes_expired_entries_go_first_all_the_same() {
    // The cache is swept whenever it is full and an entry has expired: at every insert.
    let visits_per_insert = insert_one_a_tick(200, false);
    assert!(
        visits_per_insert >= 100.0,
        "{visits_per_insert} entry visits per insert"
    );
}

/// A full cache whose recorded entries were written again since the sweep that recorded
/// them (so the records are stale) and none of whose other entries can have expired
/// evicts without a sweep: the schedule tells it that nothing has expired.
#[test]
fn a_full_cache_with_only_stale_records_due_does_not_sweep() {
    let clock = ManualClock::new();
    let counting = Counting {
        inner: LruCache::new(4),
        visits: 0,
        hashed: true,
    };
    let mut cache = ExpiringCache::with_clock(counting, TTL, clock.clone());
    cache.extend_from([(0, 0), (1, 1)]);
    clock.advance(Duration::from_secs(1));
    cache.extend_from([(2, 2), (3, 3)]);
    // Full: the sweep records 0 and 1, the half that expires first.
    cache.purge_expired();
    clock.advance(Duration::from_secs(1));
    cache.extend_from([(0, 10), (1, 11)]);
    // The records of 0 and 1 are due, but they were written again: nothing has expired.
    clock.advance(TTL - Duration::from_secs(2));
    let before = cache.inner().visits;
    cache.insert(4, 4);
    assert_eq!(
        cache.inner().visits - before,
        2,
        "the two stale records are looked up, and no entry is visited"
    );
    let mut keys: Vec<u32> = cache.iter().map(|(key, _)| *key).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [0, 1, 3, 4],
        "2, the least recently used, was evicted"
    );
}

/// A store by `get_or_insert_with` counts as an insert toward the next sweep, as `insert`
/// does: a sweep that left 80 entries lets the next one run after 10 inserts, once some
/// entry has expired.
#[test]
fn get_or_insert_with_counts_toward_the_next_sweep() {
    let clock = ManualClock::new();
    let mut cache = ExpiringCache::with_clock(UnboundedCache::new(), TTL, clock.clone());
    for key in 0..40 {
        cache.insert(key, key);
    }
    clock.advance(TTL / 2);
    for key in 40..80 {
        cache.insert(key, key);
    }
    // Drops nothing and leaves 80 entries: the next sweep waits for 10 inserts.
    cache.purge_expired();
    for key in 80..90 {
        cache.get_or_insert_with(key, || key);
    }
    clock.advance(TTL / 2);
    // 0..40 have expired: the insert after the ten sweeps them out.
    cache.insert(90, 90);
    assert_eq!(cache.inner().len(), 51);
}

/// `get_or_remove_if` serves a live entry unless `remove_if` holds for its value, and drops
/// an expired one whatever `remove_if` says.
#[test]
fn get_or_remove_if_drops_an_expired_entry_or_one_the_caller_rejects() {
    let (mut cache, clock) = lru(4);
    cache.extend_from([(1, 10), (2, 20)]);
    assert_eq!(cache.get_or_remove_if(&1, |&value| value == 0), Some(&10));
    assert_eq!(cache.get_or_remove_if(&2, |&value| value == 20), None);
    assert!(!cache.inner().contains_key(&2), "rejected: removed");
    clock.advance(TTL);
    assert_eq!(cache.get_or_remove_if(&1, |_| false), None);
    assert!(cache.inner().is_empty(), "expired: removed");
}

#[test]
fn retain_and_clear() {
    let (mut cache, clock) = lru(8);
    cache.extend_from([(1, 1), (2, 2)]);
    clock.advance(TTL / 2);
    cache.extend_from([(3, 3), (4, 4)]);
    clock.advance(TTL / 2);
    cache.retain(|k, _| *k != 4);
    assert_eq!(cache.iter().map(|(k, _)| *k).collect::<Vec<_>>(), [3]);
    cache.clear();
    assert_eq!(cache.len(), 0);
}

trait ExtendFrom {
    fn extend_from<const N: usize>(&mut self, pairs: [(u32, u32); N]);
}

impl<C: Cache<u32, u32>> ExtendFrom for C {
    fn extend_from<const N: usize>(&mut self, pairs: [(u32, u32); N]) {
        for (k, v) in pairs {
            self.insert(k, v);
        }
    }
}

#[test]
fn a_ttl_of_duration_max_never_expires_and_never_overflows() {
    let clock = ManualClock::new();
    let mut cache = ExpiringCache::with_clock(LruCache::new(2), Duration::MAX, clock.clone());
    cache.insert(1, 1);
    clock.advance(Duration::from_secs(50 * 365 * 24 * 60 * 60));
    assert_eq!(cache.get(&1), Some(&1));
    // Not even when the clock reads its last nanosecond.
    let end = Duration::from_nanos(u64::MAX) - Duration::from_secs(50 * 365 * 24 * 60 * 60);
    clock.advance(end);
    assert_eq!(cache.get(&1), Some(&1));
    assert_eq!(cache.len(), 1);
}

/// A cache unwrapped with its stamps and wrapped again may hold expired entries: they are
/// neither served nor counted.
#[test]
fn a_cache_wrapped_again_does_not_serve_its_expired_entries() {
    let (mut cache, clock) = lru(4);
    cache.insert(1, 10);
    let mut again = ExpiringCache::with_clock(cache.into_inner(), TTL, clock.clone());
    clock.advance(TTL);
    assert_eq!(again.len(), 0);
    assert!(again.is_empty());
    assert_eq!(*again.get_or_insert_with(1, || 11), 11);
    assert_eq!(again.len(), 1);
}

/// The built-in clocks read one time scale, whichever instance: a cache unwrapped from a
/// wrapper on one of them and wrapped again on another keeps its stamps' meaning.
#[test]
fn the_built_in_clocks_share_one_time_scale() {
    use memo_core::{AutoClock, Clock, CoarseClock, SystemClock};

    let first = SystemClock::new();
    std::thread::sleep(Duration::from_millis(5));
    let reading = first.now();
    // A clock made later does not start over.
    assert!(SystemClock::new().now() >= reading);
    // The coarse clock, the time of the last tick, is never ahead of the exact one.
    let coarse = CoarseClock::new().now();
    assert!(coarse <= SystemClock::new().now());
    let auto = AutoClock::for_ttl(Duration::from_secs(3600)).now();
    assert!(auto <= SystemClock::new().now());

    // Stamped on the coarse clock (a ttl of an hour), unwrapped, and wrapped again on the
    // exact one (a ttl too short for the coarse clock): the stamp still means an hour ahead.
    let mut cache = ExpiringCache::new(LruCache::new(2), Duration::from_secs(3600));
    cache.insert(1, 10);
    let mut again = ExpiringCache::new(cache.into_inner(), Duration::from_nanos(1));
    assert_eq!(again.get(&1), Some(&10));
    // And an entry expired on one instance of the exact clock has on a new one too.
    let mut cache = ExpiringCache::new(LruCache::new(2), Duration::from_millis(1));
    cache.insert(1, 10);
    std::thread::sleep(Duration::from_millis(5));
    let mut again = ExpiringCache::new(cache.into_inner(), Duration::from_millis(1));
    assert_eq!(again.len(), 0);
    assert_eq!(again.get(&1), None);
}

/// `get_or_insert_with` stamps its value when it stores it: the time `make` took does not
/// count against the ttl.
#[test]
fn the_ttl_runs_from_the_store_not_from_the_call() {
    let (mut cache, clock) = lru(4);
    let during = clock.clone();
    let value = cache.get_or_insert_with(1, || {
        during.advance(TTL - Duration::from_secs(1));
        42
    });
    assert_eq!(*value, 42);
    clock.advance(Duration::from_secs(2));
    assert_eq!(cache.get(&1), Some(&42));
    clock.advance(TTL);
    assert_eq!(cache.get(&1), None);
}

/// `insert` over an expired entry brings the value in as a new entry, as
/// `insert_if_absent` does: in a FIFO cache it is then the newest, not in the dead entry's
/// place, next to be evicted.
#[test]
fn inserting_over_an_expired_entry_makes_it_the_newest() {
    let clock = ManualClock::new();
    let mut cache = ExpiringCache::with_clock(FifoCache::new(24), TTL, clock.clone());
    cache.insert(1000, 0);
    clock.advance(TTL / 2);
    for key in 0..23 {
        cache.insert(key, key);
    }
    // Sweeps out 1000: the next sweep waits a few inserts.
    clock.advance(TTL / 2);
    cache.insert(2000, 0);
    // Every key of 0..23 has expired, none was dropped yet.
    clock.advance(TTL / 2);
    assert_eq!(cache.insert(0, 99), None);
    cache.insert(3000, 0);
    assert_eq!(cache.get(&0), Some(&99), "the fresh entry was evicted");
    let mut live: Vec<u32> = cache.iter().map(|(key, _)| *key).collect();
    live.sort_unstable();
    assert_eq!(live, [0, 2000, 3000]);
}

/// A ttl of `u64::MAX` nanoseconds cannot be stamped as a finite expiry even at the clock's
/// origin (it would be `Timestamp::MAX`, which means "never"): its entries never expire, as
/// with `Duration::MAX`, rather than at the clock's last nanosecond, whatever the clock's
/// resolution.
#[test]
fn a_ttl_of_u64_max_nanoseconds_never_expires_either() {
    let clock = ManualClock::new();
    let ttl = Duration::from_nanos(u64::MAX);
    let mut cache = ExpiringCache::with_clock(LruCache::new(2), ttl, clock.clone());
    cache.insert(1, 1);
    let stamp = cache.inner().peek(&1).map(Stamped::expires_at);
    assert_eq!(stamp, Some(Timestamp::MAX));
    clock.advance(ttl);
    assert_eq!(cache.get(&1), Some(&1));

    // Nor with a clock that reads late: taking its resolution off such a ttl, as off a
    // finite one, would make it finite.
    let clock = ManualClock::with_resolution(Duration::from_millis(4));
    let mut cache = ExpiringCache::with_clock(LruCache::new(2), ttl, clock.clone());
    cache.insert(1, 1);
    let stamp = cache.inner().peek(&1).map(Stamped::expires_at);
    assert_eq!(stamp, Some(Timestamp::MAX));
    clock.advance(ttl - Duration::from_nanos(1));
    assert_eq!(cache.get(&1), Some(&1));
}

#[test]
fn a_clock_that_reads_late_has_entries_expire_early_by_its_resolution() {
    let resolution = Duration::from_millis(4);
    let clock = ManualClock::with_resolution(resolution);
    let mut cache = ExpiringCache::with_clock(LruCache::new(2), TTL, clock.clone());
    cache.insert(1, 1);
    assert!(cache.insert_if_absent(2, 2));
    // The write may have come up to `resolution` after the reading it was stamped with, and
    // a later reading may be up to `resolution` behind: served only while even the latest
    // true time is within the ttl.
    clock.advance(TTL - resolution - Duration::from_nanos(1));
    assert_eq!(cache.get(&1), Some(&1));
    assert!(!cache.insert_if_absent(2, 3), "2 is still live");
    clock.advance(Duration::from_nanos(1));
    assert_eq!(cache.get(&1), None);
    assert!(cache.insert_if_absent(2, 3), "2 has expired");
}

#[test]
fn a_ttl_no_longer_than_the_resolution_serves_nothing_and_duration_max_never_expires() {
    let resolution = Duration::from_millis(4);
    let clock = ManualClock::with_resolution(resolution);
    let mut short = ExpiringCache::with_clock(LruCache::new(2), resolution, clock.clone());
    short.insert(1, 1);
    assert_eq!(short.get(&1), None);
    let mut forever = ExpiringCache::with_clock(LruCache::new(2), Duration::MAX, clock.clone());
    forever.insert(1, 1);
    clock.advance(Duration::from_secs(500 * 365 * 24 * 60 * 60));
    assert_eq!(forever.get(&1), Some(&1));
}

/// Near the end of the clock's range, a finite ttl's stamp cannot be `now + ttl`: it ends
/// just before the last timestamp, which means "never".
#[test]
fn a_finite_ttl_expires_at_the_end_of_the_clock_too() {
    let clock = ManualClock::new();
    clock.advance(Duration::from_nanos(u64::MAX - 10));
    let mut cache =
        ExpiringCache::with_clock(LruCache::new(4), Duration::from_nanos(10), clock.clone());
    cache.insert(1, 1);
    assert_eq!(cache.get(&1), Some(&1));
    clock.advance(Duration::from_nanos(10));
    assert_eq!(cache.get(&1), None, "served after its ttl");

    let mut instant = ExpiringCache::with_clock(LruCache::new(4), Duration::ZERO, clock.clone());
    instant.insert(1, 1);
    assert_eq!(
        instant.get(&1),
        None,
        "a zero ttl serves nothing, whatever the clock reads"
    );

    let mut forever = ExpiringCache::with_clock(LruCache::new(4), Duration::MAX, clock);
    forever.insert(1, 1);
    assert_eq!(forever.get(&1), Some(&1));
}

#[test]
fn the_auto_clock_is_coarse_only_for_a_ttl_long_against_its_resolution() {
    use memo_core::{AutoClock, Clock, CoarseClock};

    let resolution = CoarseClock::new().resolution();
    // The kernel's coarse clock lags by up to a tick; without it, the exact clock stands in.
    let has_coarse_clock = cfg!(all(
        feature = "coarse-clock",
        any(target_os = "linux", target_os = "android")
    ));
    assert_eq!(resolution.is_zero(), !has_coarse_clock, "{resolution:?}");
    let coarse = |ttl| matches!(AutoClock::for_ttl(ttl), AutoClock::Coarse(_));
    assert!(!coarse(Duration::ZERO));
    if resolution.is_zero() {
        // No coarse clock on this platform: always the exact one.
        assert!(!coarse(Duration::from_secs(3600)));
    } else {
        assert!(!coarse(resolution * 99));
        assert!(coarse(resolution * 100));
        assert!(coarse(Duration::from_secs(3600)));
    }
    // Either way, the clock it picks says how far it lags: the ttl's entries are stamped
    // that much early.
    let hour = AutoClock::for_ttl(Duration::from_secs(3600));
    assert_eq!(hour.resolution(), resolution);
    assert_eq!(
        AutoClock::for_ttl(Duration::ZERO).resolution(),
        Duration::ZERO
    );
    // `ExpiringCache::new` stamps with it, and a fresh entry is served.
    let mut cache = ExpiringCache::new(LruCache::new(2), Duration::from_secs(3600));
    cache.insert(1, 1);
    assert_eq!(cache.get(&1), Some(&1));
}

#[test]
fn the_built_in_clocks_count_nanoseconds() {
    use memo_core::{Clock, CoarseClock, SystemClock};
    use std::time::Instant;

    let clock = CoarseClock::new();
    assert!(
        clock.resolution() <= Duration::from_millis(100),
        "{:?}",
        clock.resolution()
    );
    let (coarse_start, exact_start) = (clock.now(), Instant::now());
    let system_start = SystemClock::new().now();
    // More than a second: the readings cross a whole second, whose count must be in
    // nanoseconds too (seconds added to nanoseconds would go backwards there).
    let slept = Duration::from_millis(1100);
    std::thread::sleep(slept);
    let system_end = SystemClock::new().now();
    let (exact_end, coarse_end) = (Instant::now(), clock.now());
    let coarse = coarse_end.saturating_duration_since(coarse_start);
    let exact = exact_end - exact_start;
    // The unit is right (a microsecond or millisecond count would be off by a factor of a
    // thousand); ticks and scheduling blur the rest.
    assert!(
        exact / 2 <= coarse && coarse <= exact * 2,
        "coarse {coarse:?}, exact {exact:?}"
    );
    // The exact clock reads the time `Instant` reads, between the two `Instant`s.
    let system = system_end.saturating_duration_since(system_start);
    assert!(
        slept <= system && system <= exact,
        "system {system:?}, exact {exact:?}"
    );
}

#[test]
fn advancing_a_manual_clock_too_far_panics_and_leaves_it_as_it_was() {
    use memo_core::Clock;

    let clock = ManualClock::new();
    clock.advance(Duration::from_secs(1));
    let before = clock.now();
    let clone = clock.clone();
    let result = std::panic::catch_unwind(|| clone.advance(Duration::from_nanos(u64::MAX)));
    assert!(
        result.is_err(),
        "advancing past u64::MAX nanoseconds panics"
    );
    assert_eq!(clock.now(), before, "the clock did not wrap");
    assert!(std::panic::catch_unwind(|| clock.advance(Duration::MAX)).is_err());
    assert_eq!(clock.now(), before);
}

/// Wrapped again with a shorter ttl, a full cache holds new entries that expire before the
/// old ones the last sweep recorded: it finds them by sweeping, before it evicts.
#[test]
fn entries_that_expire_out_of_write_order_go_before_live_ones() {
    let clock = ManualClock::new();
    let mut long =
        ExpiringCache::with_clock(LruCache::new(16), Duration::from_secs(3600), clock.clone());
    for n in 0..16 {
        long.insert(n, n);
    }
    let mut cache = ExpiringCache::with_clock(long.into_inner(), TTL, clock.clone());
    cache.insert(100, 100); // evicts 0, the least recently used: nothing has expired
    clock.advance(TTL);
    cache.insert(101, 101);
    assert!(cache.contains_key(&1), "1 is live: 100 had expired");
    assert_eq!(cache.len(), 16);
    assert!(!cache.inner().contains_key(&100));
}
