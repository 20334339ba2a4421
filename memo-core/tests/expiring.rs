//! `ExpiringCache` with a hand-driven clock: expiry on access, dropping expired entries
//! before evicting live ones, live counts, bounded memory for an unbounded cache, and the
//! clocks: a late-reading clock expires entries early, never late.

use std::time::Duration;

use memo_core::{Cache, ExpiringCache, FifoCache, LruCache, ManualClock, UnboundedCache};

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

#[test]
fn the_auto_clock_is_coarse_only_for_a_ttl_long_against_its_resolution() {
    use memo_core::{AutoClock, Clock, CoarseClock};

    let resolution = CoarseClock::new().resolution();
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
    // `ExpiringCache::new` stamps with it, and a fresh entry is served.
    let mut cache = ExpiringCache::new(LruCache::new(2), Duration::from_secs(3600));
    cache.insert(1, 1);
    assert_eq!(cache.get(&1), Some(&1));
}

#[test]
fn the_coarse_clock_counts_nanoseconds() {
    use memo_core::{Clock, CoarseClock};
    use std::time::Instant;

    let clock = CoarseClock::new();
    assert!(
        clock.resolution() <= Duration::from_millis(100),
        "{:?}",
        clock.resolution()
    );
    let (coarse_start, exact_start) = (clock.now(), Instant::now());
    std::thread::sleep(Duration::from_millis(200));
    let (exact_end, coarse_end) = (Instant::now(), clock.now());
    let coarse = coarse_end.saturating_duration_since(coarse_start);
    let exact = exact_end - exact_start;
    // The unit is right (a microsecond or millisecond count would be off by a factor of a
    // thousand); ticks and scheduling blur the rest.
    assert!(
        exact / 2 <= coarse && coarse <= exact * 2,
        "coarse {coarse:?}, exact {exact:?}"
    );
}
