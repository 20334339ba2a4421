//! Live heap bytes per entry of `memo::LruCache`, `lru::LruCache` and `schnellru::LruMap`,
//! each holding 100_000 `u64 -> u64` entries (capacity 100_000, default hashers).
//!
//! A counting global allocator wraps the system one and keeps the live byte count (bytes
//! requested, so the allocator's own per-block overhead is not included: that makes no
//! difference to memo and schnellru, which make two allocations in all, but `lru` makes one
//! allocation per entry and pays the malloc header on each one on top of what is shown).
//! Each cache is measured alone: the live bytes before it is built, after it is built and
//! filled, and the peak in between; then it is dropped.
//!
//! Run with `cargo run --release --example heap_per_entry`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::mem::size_of;
use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// Live bytes and their high-water mark, over the system allocator.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

impl Counting {
    fn grew(by: usize) {
        let live = LIVE.fetch_add(by, Relaxed) + by;
        PEAK.fetch_max(live, Relaxed);
    }

    fn shrank(by: usize) {
        LIVE.fetch_sub(by, Relaxed);
    }
}

// SAFETY: every call is passed straight to `System`, with the caller's own arguments; the
// only addition is bookkeeping in atomics, which allocates nothing.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract, which `System` shares.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            Self::grew(layout.size());
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            Self::grew(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` (through us) with `layout`.
        unsafe { System.dealloc(ptr, layout) };
        Self::shrank(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` was allocated by `System` (through us) with `layout`, and the caller
        // upholds `realloc`'s contract for `new_size`.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            if new_size >= layout.size() {
                Self::grew(new_size - layout.size());
            } else {
                Self::shrank(layout.size() - new_size);
            }
        }
        new
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const ENTRIES: usize = 100_000;

/// Heap use of one cache.
struct Measured {
    name: &'static str,
    /// Live bytes held by the filled cache.
    live: usize,
    /// Most live bytes at any moment while it was built and filled.
    peak: usize,
}

/// Builds and fills a cache with `fill`, measures it, then drops it.
fn measure<C>(name: &'static str, fill: impl FnOnce() -> C) -> Measured {
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    let cache = black_box(fill());
    let after = LIVE.load(Relaxed);
    let peak = PEAK.load(Relaxed);
    drop(cache);
    assert_eq!(LIVE.load(Relaxed), before, "{name}: not all freed on drop");
    Measured {
        name,
        live: after - before,
        peak: peak - before,
    }
}

/// Buckets a hashbrown table uses for `n` items (7/8 load factor, power of two).
fn hashbrown_buckets(n: usize) -> usize {
    if n < 8 {
        if n < 4 { 4 } else { 8 }
    } else {
        (n * 8 / 7).next_power_of_two()
    }
}

fn main() {
    // Hasher set-up done once per process (ahash's runtime seed source, which schnellru's
    // default hasher allocates and keeps) is not the cache's: trigger it before measuring.
    black_box(memo::LruCache::new(1).insert(0u64, 0u64));
    black_box(lru::LruCache::new(NonZeroUsize::MIN).put(0u64, 0u64));
    black_box(schnellru::LruMap::new(schnellru::ByLength::new(1)).insert(0u64, 0u64));

    let keys = 0..ENTRIES as u64;

    let results = [
        measure("memo", || {
            let mut cache = memo::LruCache::new(ENTRIES);
            for k in keys.clone() {
                cache.insert(k, k);
            }
            assert_eq!(cache.len(), ENTRIES);
            cache
        }),
        measure("lru", || {
            let mut cache = lru::LruCache::new(NonZeroUsize::new(ENTRIES).unwrap());
            for k in keys.clone() {
                cache.put(k, k);
            }
            assert_eq!(cache.len(), ENTRIES);
            cache
        }),
        measure("schnellru", || {
            let mut cache = schnellru::LruMap::new(schnellru::ByLength::new(ENTRIES as u32));
            for k in keys.clone() {
                cache.insert(k, k);
            }
            assert_eq!(cache.len(), ENTRIES);
            cache
        }),
    ];

    println!("{ENTRIES} u64 -> u64 entries, capacity {ENTRIES}, default hashers");
    println!("(live heap bytes requested from the allocator, malloc headers not included;");
    println!(" peak: the most live at once while filling, a realloc counting as its size change)");
    println!();
    println!(
        "{:<10} {:>12} {:>10} {:>12} {:>10}",
        "cache", "live bytes", "B/entry", "peak bytes", "peak B/e"
    );
    for m in &results {
        println!(
            "{:<10} {:>12} {:>10.2} {:>12} {:>10.2}",
            m.name,
            m.live,
            m.live as f64 / ENTRIES as f64,
            m.peak,
            m.peak as f64 / ENTRIES as f64,
        );
    }
    println!();
    let memo = results[0].live as f64;
    for other in &results[1..] {
        println!(
            "memo / {:<10} {:>6.3} (live)   {:>6.3} (peak)",
            other.name,
            memo / other.live as f64,
            results[0].peak as f64 / other.peak as f64,
        );
    }

    // memo's layout: a slab `Vec` of {key, value, hash: u64, prev: u32, next: u32} and a
    // hashbrown `HashTable<u32>` (4 bytes per bucket + 1 control byte, + 16 trailing control
    // bytes).
    let entry = size_of::<(u64, u64, u64, u32, u32)>();
    let buckets = hashbrown_buckets(ENTRIES);
    let table = buckets * (size_of::<u32>() + 1) + 16;
    let slab_exact = ENTRIES * entry;
    let slab_doubled = ENTRIES.next_power_of_two() * entry;
    println!();
    println!("memo theoretical layout (u64 -> u64):");
    let rows = [
        (
            "entry {key, value, hash: u64, prev: u32, next: u32}".to_string(),
            entry,
            String::new(),
        ),
        (
            format!("index: HashTable<u32>, {buckets} buckets"),
            table,
            format!("({:.2} B/entry)", table as f64 / ENTRIES as f64),
        ),
        (
            format!("slab of exactly {ENTRIES} entries (capped growth)"),
            slab_exact,
            format!(
                "-> total {:.2} B/entry",
                (slab_exact + table) as f64 / ENTRIES as f64
            ),
        ),
        (
            format!(
                "slab left to Vec doubling ({} slots)",
                ENTRIES.next_power_of_two()
            ),
            slab_doubled,
            format!(
                "-> total {:.2} B/entry",
                (slab_doubled + table) as f64 / ENTRIES as f64
            ),
        ),
    ];
    for (what, bytes, note) in rows {
        let line = format!("  {what:<52} {bytes:>10} B  {note}");
        println!("{}", line.trim_end());
    }
}
