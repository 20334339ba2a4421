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
