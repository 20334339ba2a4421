//! The memory an `ExpiringCache` holds: what a burst of entries took goes back once they
//! have expired and a sweep has dropped them, and the caches' `shrink_to_fit` gives back
//! what they hold for entries they no longer have, and resizing down takes no memory of
//! its own. Counted by a global allocator that tallies the bytes live on each thread (and
//! their peak), so the test harness's own threads do not count.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::time::Duration;

use memo_core::{Cache, ExpiringCache, FifoCache, LruCache, ManualClock, Stamped, UnboundedCache};

struct PerThread;

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn count(bytes: isize) {
    // `try_with`: the allocator may be called while the thread-locals are being torn down.
    let _ = LIVE.try_with(|live| {
        live.set(live.get() + bytes);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(live.get())));
    });
}

// SAFETY: every call is forwarded to `System` unchanged; only a count is kept aside.
unsafe impl GlobalAlloc for PerThread {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size() as isize);
        // SAFETY: the caller upholds `alloc`'s contract, which `System` has too.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        count(-(layout.size() as isize));
        // SAFETY: as for `alloc`.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: PerThread = PerThread;

fn live() -> isize {
    LIVE.with(Cell::get)
}

/// The most bytes live at once on this thread since the last call.
fn take_peak() -> isize {
    PEAK.with(|peak| peak.replace(live()))
}

const TTL: Duration = Duration::from_secs(10);

/// The bytes `inner` holds when wrapped and given a burst of 10 000 entries, and once they
/// have expired and five more entries have come.
fn held_after_a_burst<C: Cache<u32, Stamped<u64>>>(inner: C) -> (isize, isize) {
    let start = live();
    let clock = ManualClock::new();
    let mut cache = ExpiringCache::with_clock(inner, TTL, clock.clone());
    for n in 0..10_000 {
        cache.insert(n, u64::from(n));
    }
    let burst = live() - start;
    clock.advance(TTL);
    for n in 0..5 {
        cache.insert(20_000 + n, 0);
    }
    assert_eq!(cache.inner().len(), 5);
    (burst, live() - start)
}

#[test]
fn the_memory_of_an_expired_burst_goes_back() {
    for (name, (burst, after)) in [
        ("unbounded", held_after_a_burst(UnboundedCache::new())),
        ("lru", held_after_a_burst(LruCache::new(100_000))),
        ("fifo", held_after_a_burst(FifoCache::new(100_000))),
    ] {
        assert!(burst >= 10_000 * 24, "{name}: the burst took {burst} bytes");
        assert!(
            after <= 1024,
            "{name}: {after} bytes held after it, of {burst}"
        );
    }
}

/// The change in the bytes held when `purge_expired` drops the first `expired` of `n`
/// entries of an unbounded cache (written half a ttl before the others).
fn purging_frees(n: u32, expired: u32) -> isize {
    let clock = ManualClock::new();
    let mut cache = ExpiringCache::with_clock(UnboundedCache::new(), TTL, clock.clone());
    for key in 0..expired {
        cache.insert(key, u64::from(key));
    }
    clock.advance(TTL / 2);
    for key in expired..n {
        cache.insert(key, u64::from(key));
    }
    clock.advance(TTL / 2);
    let before = live();
    cache.purge_expired();
    assert_eq!(cache.inner().len(), (n - expired) as usize);
    before - live()
}

/// A sweep gives back memory only when it finds 64 entries or more and leaves at most a
/// quarter of them: a small cache, or one whose live entries still fill a good part of it,
/// keeps what it holds rather than reallocating.
#[test]
fn a_sweep_gives_memory_back_only_from_a_large_cache_it_mostly_empties() {
    assert_eq!(purging_frees(32, 32), 0, "a small cache, emptied");
    assert_eq!(purging_frees(100, 50), 0, "half of the entries left");
    assert!(purging_frees(100, 80) > 0, "a fifth of the entries left");
    assert!(purging_frees(64, 48) > 0, "a quarter of 64 left");
}

/// Only a full cache keeps records of when its entries expire: a sweep of one that is not
/// full, which drops nothing, leaves its memory as it was.
#[test]
fn a_cache_that_is_not_full_keeps_no_records() {
    let clock = ManualClock::new();
    let mut cache = ExpiringCache::with_clock(LruCache::new(1000), TTL, clock.clone());
    for key in 0..500_u32 {
        cache.insert(key, u64::from(key));
    }
    let before = live();
    cache.purge_expired();
    assert_eq!(live(), before);
    assert_eq!(cache.len(), 500);
}

/// The slab grows by doubling, but never past the capacity: a full cache holds no room for
/// entries it cannot take (left to `Vec`, a cache of 1025 entries would sit in a slab of
/// 2048, and one of a single entry in a slab of 4). So a cache of one entry more, full,
/// holds one slot more: not none (a spare slot already held) and not a doubling.
#[test]
fn a_full_cache_holds_no_room_for_more_entries() {
    fn held_when_full<C: Cache<u64, [u64; 4]>>(new: fn(usize) -> C, capacity: usize) -> isize {
        let start = live();
        let mut cache = new(capacity);
        for n in 0..capacity as u64 {
            cache.insert(n, [n; 4]);
        }
        assert_eq!(cache.len(), capacity);
        live() - start
    }
    /// What a full cache of one entry more than `capacity` holds more.
    fn one_more<C: Cache<u64, [u64; 4]>>(new: fn(usize) -> C, capacity: usize) -> isize {
        held_when_full(new, capacity + 1) - held_when_full(new, capacity)
    }
    // Each pair has the same table (4 buckets, then 2048): the slab makes the difference.
    for capacity in [1, 1024] {
        for (name, more) in [
            ("lru", one_more(LruCache::new, capacity)),
            ("fifo", one_more(FifoCache::new, capacity)),
        ] {
            assert!(
                0 < more && more < 1024,
                "{name}: {more} bytes for one entry over {capacity}"
            );
        }
    }
}

#[test]
fn shrink_to_fit_gives_back_what_removed_entries_held() {
    let start = live();
    let mut lru = LruCache::new(100_000);
    lru.extend((0..10_000_u64).map(|n| (n, n)));
    lru.retain(|key, _| *key < 10);
    let before = live() - start;
    lru.shrink_to_fit();
    let after = live() - start;
    assert!(after * 20 < before, "{after} bytes held, of {before}");
    assert_eq!(lru.len(), 10);
    assert_eq!(lru.get(&3), Some(&3));
    lru.extend((10..20).map(|n| (n, n)));
    assert_eq!(lru.len(), 20);

    // Through an `ExpiringCache`, the wrapped cache's.
    let start = live();
    let mut expiring = ExpiringCache::with_clock(LruCache::new(100_000), TTL, ManualClock::new());
    for n in 0..10_000_u64 {
        expiring.insert(n, n);
    }
    expiring.retain(|key, _| *key < 10);
    let before = live() - start;
    expiring.shrink_to_fit();
    let after = live() - start;
    assert!(
        after * 20 < before,
        "expiring: {after} bytes held, of {before}"
    );
    assert_eq!(expiring.len(), 10);
}

/// What `shrink` takes at its peak beyond the bytes live before it, and what it leaves of
/// them.
fn peak_and_left(shrink: impl FnOnce()) -> (isize, isize) {
    let before = live();
    take_peak();
    shrink();
    (take_peak() - before, live())
}

#[test]
fn resizing_down_takes_no_memory_of_its_own() {
    let start = live();
    let mut lru = LruCache::new(100_000);
    lru.extend((0..10_000_u64).map(|n| (n, [n; 4])));
    let full = live() - start;
    let (peak, left) = peak_and_left(|| lru.resize(10));
    assert!(peak <= 1024, "lru: resizing took {peak} bytes more");
    assert!(
        (left - start) * 20 < full,
        "lru: {} bytes held, of {full}",
        left - start
    );
    assert_eq!(
        lru.iter().map(|(&k, _)| k).collect::<Vec<_>>(),
        (9_990..10_000).rev().collect::<Vec<_>>()
    );
    drop(lru);

    let start = live();
    let mut fifo = FifoCache::new(100_000);
    fifo.extend((0..10_000_u64).map(|n| (n, [n; 4])));
    let full = live() - start;
    let (peak, left) = peak_and_left(|| fifo.resize(0));
    assert!(peak <= 1024, "fifo: resizing took {peak} bytes more");
    assert_eq!(left, start, "fifo: resized to 0, it holds nothing");
    assert!(full >= 10_000 * 40);
    assert!(fifo.is_empty());
}
