//! [`ExpiringCache`]: any policy's cache whose entries expire a fixed time after they were
//! written.

mod schedule;

use core::fmt;
use core::hash::Hash;
use std::time::Duration;

use hashbrown::Equivalent;

use self::schedule::{Schedule, has_expired};
use crate::clock::saturating_nanos;
use crate::{AutoClock, Cache, Clock, FifoCache, LruCache, Timestamp, UnboundedCache};

/// A value with the time it stops being served, as an [`ExpiringCache`] stores it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamped<V> {
    value: V,
    expires_at: Timestamp,
}

impl<V> Stamped<V> {
    /// The stored value.
    ///
    /// ```
    /// use std::time::Duration;
    /// use memo::{Cache, ExpiringCache, LruCache};
    ///
    /// let mut cache = ExpiringCache::new(LruCache::new(4), Duration::from_secs(60));
    /// cache.insert("a", 1);
    /// assert_eq!(cache.inner().peek(&"a").map(|stamped| stamped.value()), Some(&1));
    /// ```
    #[must_use]
    pub fn value(&self) -> &V {
        &self.value
    }

    /// The stored value, by value: for the entries of an unwrapped cache
    /// ([`ExpiringCache::into_inner`]).
    ///
    /// ```
    /// use std::time::Duration;
    /// use memo::{Cache, ExpiringCache, LruCache};
    ///
    /// let mut cache = ExpiringCache::new(LruCache::new(4), Duration::from_secs(60));
    /// cache.insert("a", vec![1, 2]);
    /// let mut inner = cache.into_inner();
    /// let owned: Vec<u32> = inner.remove(&"a").unwrap().into_value(); // moved out, not cloned
    /// assert_eq!(owned, [1, 2]);
    /// ```
    #[must_use]
    pub fn into_value(self) -> V {
        self.value
    }

    /// The first reading of the cache's clock at which the value is no longer served;
    /// [`Timestamp::MAX`] for a value served for ever (its ttl too long to stamp, about 584
    /// years or more: `Duration::MAX`, say).
    ///
    /// ```
    /// use std::time::Duration;
    /// use memo::{Cache, Clock, ExpiringCache, LruCache, ManualClock, Timestamp};
    ///
    /// let clock = ManualClock::new();
    /// let ttl = Duration::from_secs(5);
    /// let mut cache = ExpiringCache::with_clock(LruCache::new(4), ttl, clock.clone());
    /// cache.insert("a", 1);
    /// let expires_at = cache.inner().peek(&"a").unwrap().expires_at();
    /// assert_eq!(expires_at, clock.now().saturating_add(ttl)); // less the resolution, zero here
    /// let mut forever = ExpiringCache::with_clock(LruCache::new(4), Duration::MAX, clock);
    /// forever.insert("a", 1);
    /// assert_eq!(forever.inner().peek(&"a").unwrap().expires_at(), Timestamp::MAX);
    /// ```
    #[must_use]
    pub fn expires_at(&self) -> Timestamp {
        self.expires_at
    }

    /// Whether the value is served at `now`: before it expires, and always when it expires
    /// at [`Timestamp::MAX`] (a ttl too long to stamp), which a clock may read.
    #[inline]
    fn is_live(&self, now: Timestamp) -> bool {
        !has_expired(self.expires_at, now)
    }
}

/// Wraps a [`LruCache`](crate::LruCache), [`FifoCache`](crate::FifoCache) or
/// [`UnboundedCache`](crate::UnboundedCache) of [`Stamped`] values so that every entry
/// expires `ttl` after it was written: from then on it is a miss. It is used through the
/// [`Cache`] trait, whose [`len`](Cache::len) counts live entries only (walking the cache
/// when some may have expired).
///
/// # Dropping expired entries
///
/// Expired entries are dropped as the cache is used; an idle cache keeps them until an
/// insert sweeps them out, [`purge_expired`](Self::purge_expired) or
/// [`retain`](Cache::retain).
///
/// - An access to an expired entry drops it.
/// - Before an insert into a cache that is not full, when some entry may have expired, the
///   cache sweeps them all out once the sweep is paid for: when `n / 8` inserts have come
///   since the last sweep (`n` being the entries it left), which makes about 9 entry visits
///   per insert, amortized (the `n` left and the `n / 8` added since); or when those `n`
///   entries have all expired, so that the sweep drops each one it visits but the fewer
///   than `n / 8` inserted since. An unbounded cache, or a bounded one not yet full, thus
///   holds expired entries only briefly: a burst of entries goes at the first insert after
///   it has all expired, however few inserts follow it. A sweep that finds 64 entries or
///   more and drops at least three quarters of them also gives back the memory they held
///   ([`Cache::shrink_to_fit`]).
/// - A full bounded cache drops its expired entries before it stores a new one, so that it
///   evicts a live entry only when none has expired. It does not walk the cache for them:
///   the last sweep recorded, by hash, the half of the entries that expire first
///   ([`Cache::retain_hashed`] and [`Cache::remove_hashed_if`], which [`LruCache`] and
///   [`FifoCache`] implement), and it sweeps again only once those have gone. This costs
///   O(log n) amortized per insert: O(1) entry visits and a share of a sort. Over a
///   bounded cache that does not file its entries by hash, it sweeps whenever it is full
///   and some entry has expired.
///
/// An entry's ttl runs from its last insert (for
/// [`get_or_insert_with`](Cache::get_or_insert_with), from when `make`'s value is stored,
/// not from the call): a hit does not restart it, nor does a change made through the
/// `&mut` that `get_or_insert_with` returns. `get_or_insert_with` makes room as of the
/// call: an entry that expires while `make` runs may stay while a live one is evicted. An
/// expired entry counts as absent: an insert over it brings the value in as a new entry
/// (the newest, in a FIFO order).
///
/// # Time
///
/// Time comes from a [`Clock`]: by default the [`AutoClock`] for the ttl (the cheap
/// [`CoarseClock`](crate::CoarseClock) when the ttl is long enough for its resolution), a
/// [`ManualClock`](crate::ManualClock) in tests. No entry is served once its ttl has
/// passed, as far as the clock keeps to its [`resolution`](Clock::resolution): a clock that
/// reads up to a resolution late has entries stamped to expire a resolution early, so that
/// an entry may expire up to twice its clock's resolution before its ttl, but not after.
///
/// # Example
///
/// ```
/// use std::time::Duration;
/// use memo::{Cache, Clock, ExpiringCache, LruCache, ManualClock};
///
/// let clock = ManualClock::new();
/// let mut cache = ExpiringCache::with_clock(LruCache::new(2), Duration::from_secs(30), clock.clone());
/// cache.insert("token", 7);
/// clock.advance(Duration::from_secs(29));
/// assert_eq!(cache.get("token"), Some(&7));
/// clock.advance(Duration::from_secs(1));
/// assert_eq!(cache.get("token"), None); // 30 s old: expired
/// assert_eq!(cache.len(), 0);
/// ```
#[derive(Clone)]
pub struct ExpiringCache<C, T = AutoClock> {
    cache: C,
    ttl: Duration,
    clock: T,
    /// Which entries expire first: a full cache drops them before it evicts, and a sweep
    /// only runs when one may find something.
    schedule: Schedule,
    /// Inserts left before the next sweep may run, unless the cache is full.
    inserts_before_sweep: usize,
    /// When every entry the last sweep left has expired (the latest of their stamps): from
    /// then on a sweep drops them all, so it may run whatever the inserts left.
    swept_expire_by: Timestamp,
}

/// A sweep may run once per `len / SWEEP_PERIOD_DIVISOR` inserts, `len` being what the last
/// sweep left: a sweep visits about `SWEEP_PERIOD_DIVISOR + 1` entries per insert, amortized.
const SWEEP_PERIOD_DIVISOR: usize = 8;

/// A sweep that finds at least this many entries and leaves at most a quarter of them gives
/// back the memory of those it dropped ([`Cache::shrink_to_fit`]): the memory a burst took
/// goes back once the burst has expired. A smaller cache never reallocates for it; a larger
/// one that fills and expires on a cycle gives its memory back and grows it again each
/// cycle, O(log n) allocations per cycle of n inserts.
const SHRINK_FROM: usize = 64;

impl<C> ExpiringCache<C> {
    /// Wraps `cache`, expiring entries `ttl` after they are written, by the
    /// [`AutoClock`] for `ttl`.
    ///
    /// ```
    /// use std::time::Duration;
    /// use memo::{Cache, ExpiringCache, UnboundedCache};
    ///
    /// let mut cache = ExpiringCache::new(UnboundedCache::new(), Duration::from_secs(60));
    /// cache.insert(1, "one");
    /// assert_eq!(cache.get(&1), Some(&"one"));
    /// ```
    pub fn new(cache: C, ttl: Duration) -> Self {
        Self::with_clock(cache, ttl, AutoClock::for_ttl(ttl))
    }
}

impl<K, V> ExpiringCache<LruCache<K, Stamped<V>>> {
    /// An [`LruCache`] of `capacity` entries whose entries expire `ttl` after they are
    /// written: `ExpiringCache::new(LruCache::new(capacity), ttl)`, with its type written
    /// out.
    ///
    /// ```
    /// use std::time::Duration;
    /// use memo::{Cache, ExpiringCache, LruCache, Stamped};
    ///
    /// struct Sessions {
    ///     tokens: ExpiringCache<LruCache<String, Stamped<u64>>>,
    /// }
    ///
    /// let mut sessions = Sessions { tokens: ExpiringCache::lru(1024, Duration::from_secs(60)) };
    /// sessions.tokens.insert("ada".to_owned(), 7);
    /// assert_eq!(sessions.tokens.get("ada"), Some(&7));
    /// ```
    #[must_use]
    pub fn lru(capacity: usize, ttl: Duration) -> Self {
        Self::new(LruCache::new(capacity), ttl)
    }
}

impl<K, V> ExpiringCache<FifoCache<K, Stamped<V>>> {
    /// A [`FifoCache`] of `capacity` entries whose entries expire `ttl` after they are
    /// written: `ExpiringCache::new(FifoCache::new(capacity), ttl)`.
    ///
    /// ```
    /// use std::time::Duration;
    /// use memo::{Cache, ExpiringCache};
    ///
    /// let mut cache = ExpiringCache::fifo(2, Duration::from_secs(60));
    /// cache.insert(1, 'a');
    /// assert_eq!(cache.max_len(), Some(2));
    /// ```
    #[must_use]
    pub fn fifo(capacity: usize, ttl: Duration) -> Self {
        Self::new(FifoCache::new(capacity), ttl)
    }
}

impl<K, V> ExpiringCache<UnboundedCache<K, Stamped<V>>> {
    /// An [`UnboundedCache`] whose entries expire `ttl` after they are written:
    /// `ExpiringCache::new(UnboundedCache::new(), ttl)`.
    ///
    /// ```
    /// use std::time::Duration;
    /// use memo::{Cache, ExpiringCache};
    ///
    /// let mut cache = ExpiringCache::unbounded(Duration::from_secs(60));
    /// cache.insert(1, 'a');
    /// assert_eq!(cache.max_len(), None);
    /// ```
    #[must_use]
    pub fn unbounded(ttl: Duration) -> Self {
        Self::new(UnboundedCache::new(), ttl)
    }
}

impl<C, T: Clock> ExpiringCache<C, T> {
    /// Wraps `cache`, expiring entries `ttl` after they are written, as `clock` tells time.
    /// With a ttl of `Duration::MAX` (or any of about 584 years or more, too long to
    /// stamp), entries never expire; with a ttl no longer than the clock's resolution, they
    /// are never served. A shorter ttl that would end past [`Timestamp::MAX`] (a clock read
    /// centuries from its origin) ends just before it: in the clock's last ttl, entries live
    /// less than the ttl, those written at its very end not at all.
    ///
    /// A `cache` taken out of another `ExpiringCache` ([`into_inner`](Self::into_inner))
    /// keeps its entries' stamps, which are readings of that one's clock: wrap it with a
    /// clock on the same time scale (any built-in clock, or a clone of the same
    /// [`ManualClock`](crate::ManualClock); see [`Timestamp`]). A stamp allows for the
    /// resolution of the clock that made it: read by a coarser clock (a
    /// [`CoarseClock`](crate::CoarseClock) after a [`SystemClock`](crate::SystemClock)), an
    /// entry may be served up to the difference of their resolutions late. Wrapped with a
    /// shorter ttl than the one they were stamped with, the entries expire out of the order
    /// they were written in: until the old ones have gone (evicted, removed, or expired at
    /// their old stamps, never for those stamped with a `Duration::MAX` ttl), a full cache
    /// may sweep at every insert.
    ///
    /// ```
    /// use std::time::Duration;
    /// use memo::{Cache, ExpiringCache, FifoCache, ManualClock};
    ///
    /// let clock = ManualClock::new();
    /// let mut cache = ExpiringCache::with_clock(FifoCache::new(8), Duration::from_millis(10), clock.clone());
    /// cache.insert(1, 'a');
    /// clock.advance(Duration::from_millis(10));
    /// assert!(!cache.contains_key(&1));
    /// ```
    pub fn with_clock(cache: C, ttl: Duration, clock: T) -> Self {
        Self {
            cache,
            ttl,
            clock,
            // `cache` may hold expired entries (from `into_inner`): the first insert sweeps.
            schedule: Schedule::bound(Some(Timestamp::from_nanos(0))),
            inserts_before_sweep: 0,
            swept_expire_by: Timestamp::MAX,
        }
    }
}

impl<C, T> ExpiringCache<C, T> {
    /// The ttl: an entry is not served once this long has passed since it was written (and
    /// may stop up to twice the clock's resolution sooner).
    ///
    /// ```
    /// use std::time::Duration;
    /// use memo::{ExpiringCache, LruCache};
    ///
    /// let cache = ExpiringCache::new(LruCache::<u8, memo::Stamped<u8>>::new(4), Duration::from_secs(5));
    /// assert_eq!(cache.ttl(), Duration::from_secs(5));
    /// ```
    #[must_use]
    pub fn ttl(&self) -> Duration {
        self.ttl
    }

    /// The wrapped cache, expired entries included.
    ///
    /// ```
    /// use std::time::Duration;
    /// use memo::{Cache, ExpiringCache, LruCache};
    ///
    /// let mut cache = ExpiringCache::new(LruCache::new(4), Duration::from_secs(5));
    /// cache.insert(1, 'a');
    /// assert_eq!(cache.inner().capacity(), 4);
    /// ```
    #[must_use]
    pub fn inner(&self) -> &C {
        &self.cache
    }

    /// The clock.
    ///
    /// ```
    /// use std::time::Duration;
    /// use memo::{Cache, ExpiringCache, LruCache, ManualClock};
    ///
    /// let mut cache = ExpiringCache::with_clock(LruCache::new(4), Duration::from_secs(5), ManualClock::new());
    /// cache.insert(1, 'a');
    /// cache.clock().advance(Duration::from_secs(5)); // no clone of the clock needed
    /// assert_eq!(cache.get(&1), None);
    /// ```
    #[must_use]
    pub fn clock(&self) -> &T {
        &self.clock
    }

    /// Unwraps the cache, expired entries included; each value keeps its
    /// [`expires_at`](Stamped::expires_at) stamp.
    ///
    /// ```
    /// use std::time::Duration;
    /// use memo::{Cache, ExpiringCache, LruCache, ManualClock};
    ///
    /// let clock = ManualClock::new();
    /// let ttl = Duration::from_secs(5);
    /// let mut cache = ExpiringCache::with_clock(LruCache::new(4), ttl, clock.clone());
    /// cache.insert(1, 'a');
    /// clock.advance(Duration::from_secs(9)); // expired, but not yet dropped
    /// let inner = cache.into_inner();
    /// assert_eq!(inner.peek(&1).map(|stamped| *stamped.value()), Some('a'));
    /// let values: Vec<char> = inner.into_iter().map(|(_, stamped)| stamped.into_value()).collect();
    /// assert_eq!(values, ['a']);
    /// ```
    #[must_use]
    pub fn into_inner(self) -> C {
        self.cache
    }
}

impl<C, T: Clock> ExpiringCache<C, T> {
    /// Drops every expired entry now.
    ///
    /// ```
    /// use std::time::Duration;
    /// use memo::{Cache, ExpiringCache, LruCache, ManualClock};
    ///
    /// let clock = ManualClock::new();
    /// let mut cache = ExpiringCache::with_clock(LruCache::new(4), Duration::from_secs(1), clock.clone());
    /// cache.insert(1, 'a');
    /// clock.advance(Duration::from_secs(1));
    /// assert_eq!(cache.inner().len(), 1); // expired, not yet dropped
    /// cache.purge_expired();
    /// assert_eq!(cache.inner().len(), 0);
    /// ```
    pub fn purge_expired<K, V>(&mut self)
    where
        C: Cache<K, Stamped<V>>,
    {
        let now = self.clock.now();
        self.sweep(now);
    }

    fn sweep<K, V>(&mut self, now: Timestamp)
    where
        C: Cache<K, Stamped<V>>,
    {
        // Records serve only a full cache, which drops its expired entries by them. Others,
        // unbounded ones among them, keep only the bound: when one fills, the first insert
        // that needs room finds no record and sweeps again, full, recording then. (A cache
        // kept from filling, as by lookups that drop expired entries, never needs them.)
        let found = self.cache.len();
        let mut records = self.is_full().then(|| Vec::with_capacity(found));
        let mut earliest = None::<Timestamp>;
        let mut latest = None::<Timestamp>;
        self.cache.retain_hashed(|hash, _, stamped| {
            if !stamped.is_live(now) {
                return false;
            }
            let expires_at = stamped.expires_at;
            earliest = Some(earliest.map_or(expires_at, |e| e.min(expires_at)));
            latest = Some(latest.map_or(expires_at, |l| l.max(expires_at)));
            match (&mut records, hash) {
                (Some(records), Some(hash)) => records.push((expires_at, hash)),
                // A cache that does not file its entries by hash: sweeps alone find them.
                (records, None) => *records = None,
                (None, Some(_)) => {}
            }
            true
        });
        self.schedule = match records {
            Some(records) => Schedule::of(records),
            None => Schedule::bound(earliest),
        };
        let left = self.cache.len();
        self.inserts_before_sweep = left / SWEEP_PERIOD_DIVISOR;
        // No entry left: the budget, 0, lets the next insert sweep.
        self.swept_expire_by = latest.unwrap_or(Timestamp::MAX);
        if found >= SHRINK_FROM && left <= found / 4 {
            self.cache.shrink_to_fit();
        }
    }

    /// Whether some stored entry may have expired by `now`.
    #[inline]
    fn may_hold_expired(&self, now: Timestamp) -> bool {
        self.schedule.may_have_expired(now)
    }

    /// Before an entry is stored: when the cache is full, drops its expired entries, so that
    /// it evicts a live entry only when none has expired; else sweeps when some entry may
    /// have expired and the sweep is paid for: by the inserts since the last one, or by the
    /// entries the last one left, which have all expired.
    fn before_insert<K, V>(&mut self, now: Timestamp)
    where
        C: Cache<K, Stamped<V>>,
    {
        let full = self.is_full();
        let paid = self.inserts_before_sweep == 0 || has_expired(self.swept_expire_by, now);
        self.inserts_before_sweep = self.inserts_before_sweep.saturating_sub(1);
        if self.may_hold_expired(now) {
            if full {
                self.make_room(now);
            } else if paid {
                self.sweep(now);
            }
        }
    }

    /// Whether the wrapped cache, expired entries included, holds all it can.
    fn is_full<K, V>(&self) -> bool
    where
        C: Cache<K, Stamped<V>>,
    {
        self.cache
            .max_len()
            .is_some_and(|max_len| self.cache.len() >= max_len)
    }

    /// Drops the entries the schedule has seen expire, then sweeps if the cache is still
    /// full and an entry it has no record of may have expired.
    #[cold]
    fn make_room<K, V>(&mut self, now: Timestamp)
    where
        C: Cache<K, Stamped<V>>,
    {
        while let Some((expires_at, hash)) = self.schedule.pop_expired(now) {
            // Stamped with the record's expiry: the recorded write, or one as old.
            self.cache
                .remove_hashed_if(hash, |_, stamped| stamped.expires_at == expires_at);
        }
        if self.is_full() && self.schedule.rest_may_have_expired(now) {
            self.sweep(now);
        }
    }

    /// Stamps `value`, written at `now`, to expire a resolution before its ttl: the clock
    /// may read up to a resolution late at the lookup.
    fn stamp<V>(&mut self, value: V, now: Timestamp) -> Stamped<V> {
        stamp(
            self.ttl,
            self.clock.resolution(),
            &mut self.schedule,
            value,
            now,
        )
    }
}

/// [`ExpiringCache::stamp`], on the fields it needs, for a caller that borrows the cache too.
fn stamp<V>(
    ttl: Duration,
    resolution: Duration,
    schedule: &mut Schedule,
    value: V,
    now: Timestamp,
) -> Stamped<V> {
    let expires_at = expiry(now, ttl, resolution);
    schedule.written(expires_at);
    Stamped { value, expires_at }
}

/// When an entry written at `now` with `ttl` to live expires, read by a clock of
/// `resolution`: a resolution early. [`Timestamp::MAX`] (never) is for a ttl too long to
/// count in `u64` nanoseconds (about 584 years), whatever the resolution; a shorter one
/// that would end past the latest timestamp ends just before it: early, or at once for an
/// entry written at that last moment, rather than never.
fn expiry(now: Timestamp, ttl: Duration, resolution: Duration) -> Timestamp {
    match u64::try_from(ttl.as_nanos()) {
        Ok(nanos) if nanos < u64::MAX => {
            let lifetime = nanos.saturating_sub(saturating_nanos(resolution));
            Timestamp::from_nanos(now.as_nanos().saturating_add(lifetime).min(u64::MAX - 1))
        }
        _ => Timestamp::MAX,
    }
}

impl<K, V, C, T> Cache<K, V> for ExpiringCache<C, T>
where
    K: Hash + Eq,
    C: Cache<K, Stamped<V>>,
    T: Clock,
{
    #[inline(always)]
    fn get<Q>(&mut self, key: &Q) -> Option<&V>
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        let now = self.clock.now();
        self.cache
            .get_or_remove_if(key, |stamped| !stamped.is_live(now))
            .map(Stamped::value)
    }

    #[inline(always)]
    fn get_or_remove_if<Q>(&mut self, key: &Q, remove_if: impl FnOnce(&V) -> bool) -> Option<&V>
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        let now = self.clock.now();
        self.cache
            .get_or_remove_if(key, |stamped| {
                !stamped.is_live(now) || remove_if(&stamped.value)
            })
            .map(Stamped::value)
    }

    fn peek<Q>(&self, key: &Q) -> Option<&V>
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        let now = self.clock.now();
        self.cache
            .peek(key)
            .filter(|stamped| stamped.is_live(now))
            .map(Stamped::value)
    }

    fn contains_key<Q>(&self, key: &Q) -> bool
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        self.peek(key).is_some()
    }

    /// Stores `value`, to be served until its ttl has passed; returns the key's previous
    /// value if it was live. An expired previous entry is dropped first, so the value comes
    /// in as a new entry.
    ///
    /// ```
    /// use std::time::Duration;
    /// use memo::{Cache, ExpiringCache, FifoCache, ManualClock};
    ///
    /// let clock = ManualClock::new();
    /// let mut cache = ExpiringCache::with_clock(FifoCache::new(4), Duration::from_secs(10), clock.clone());
    /// assert_eq!(cache.insert("a", 1), None);
    /// assert_eq!(cache.insert("a", 2), Some(1)); // live: handed back
    /// clock.advance(Duration::from_secs(5));
    /// cache.insert("b", 3);
    /// clock.advance(Duration::from_secs(5)); // "a" has expired, "b" has not
    /// assert_eq!(cache.insert("a", 4), None); // expired: dropped, not handed back
    /// assert_eq!(cache.iter().collect::<Vec<_>>(), [(&"a", &4), (&"b", &3)]); // "a" is the newest
    /// ```
    fn insert(&mut self, key: K, value: V) -> Option<V> {
        let now = self.clock.now();
        // An expired entry is gone: the value comes in as a new entry, as through
        // `insert_if_absent` (a FIFO order would otherwise keep it in the dead entry's place,
        // next to be evicted). One lookup drops it; a live entry found there is one the
        // insert overwrites, and makes the most recent under LRU anyway.
        if self.may_hold_expired(now) {
            self.cache
                .get_or_remove_if(&key, |stamped| !stamped.is_live(now));
        }
        self.before_insert(now);
        let stamped = self.stamp(value, now);
        self.cache
            .insert(key, stamped)
            .filter(|old| old.is_live(now))
            .map(|old| old.value)
    }

    /// Stores `value` unless `key` holds a live entry; an expired one is replaced.
    ///
    /// ```
    /// use std::time::Duration;
    /// use memo::{Cache, ExpiringCache, LruCache, ManualClock};
    ///
    /// let clock = ManualClock::new();
    /// let mut cache = ExpiringCache::with_clock(LruCache::new(4), Duration::from_secs(10), clock.clone());
    /// assert!(cache.insert_if_absent("a", 1));
    /// assert!(!cache.insert_if_absent("a", 2)); // live: left as it is
    /// clock.advance(Duration::from_secs(10));
    /// assert!(cache.insert_if_absent("a", 3)); // expired: replaced
    /// assert_eq!(cache.get("a"), Some(&3));
    /// ```
    fn insert_if_absent(&mut self, key: K, value: V) -> bool {
        let now = self.clock.now();
        match self.cache.peek(&key).map(|stamped| stamped.is_live(now)) {
            Some(true) => return false,
            Some(false) => {
                self.cache.remove(&key);
            }
            None => {}
        }
        self.before_insert(now);
        let stamped = self.stamp(value, now);
        self.cache.insert_if_absent(key, stamped)
    }

    /// A live entry is found as by [`get`](Cache::get); an expired one is dropped, and
    /// `make`'s value stored afresh. When no entry can have expired (the common case), the
    /// key is looked up once, as by the wrapped cache; else twice (once to drop an expired
    /// entry, which also sweeps the cache when its turn has come, even if `make` then
    /// fails).
    #[track_caller]
    fn try_get_or_insert_with<E>(
        &mut self,
        key: K,
        make: impl FnOnce() -> Result<V, E>,
    ) -> Result<&mut V, E> {
        let now = self.clock.now();
        // Whether this call counts as an insert already, for the sweeps.
        let mut counted = false;
        if self.may_hold_expired(now)
            && self
                .cache
                .get_or_remove_if(&key, |stamped| !stamped.is_live(now))
                .is_none()
        {
            self.before_insert(now);
            counted = true;
        }
        let Self {
            cache,
            ttl,
            clock,
            schedule,
            inserts_before_sweep,
            swept_expire_by: _,
        } = self;
        cache
            .try_get_or_insert_with(key, || {
                let value = make()?;
                if !counted {
                    // What `before_insert` does when nothing may have expired.
                    *inserts_before_sweep = inserts_before_sweep.saturating_sub(1);
                }
                // The ttl runs from the store, not from the call: `make` may take a while.
                Ok(stamp(
                    *ttl,
                    clock.resolution(),
                    schedule,
                    value,
                    clock.now(),
                ))
            })
            .map(|stamped| &mut stamped.value)
    }

    fn remove<Q>(&mut self, key: &Q) -> Option<V>
    where
        Q: ?Sized + Hash + Equivalent<K>,
    {
        let now = self.clock.now();
        self.cache
            .remove(key)
            .filter(|stamped| stamped.is_live(now))
            .map(|stamped| stamped.value)
    }

    /// The live entries; counting them walks the cache when some may have expired.
    ///
    /// ```
    /// use std::time::Duration;
    /// use memo::{Cache, ExpiringCache, LruCache, ManualClock};
    ///
    /// let clock = ManualClock::new();
    /// let mut cache = ExpiringCache::with_clock(LruCache::new(4), Duration::from_secs(10), clock.clone());
    /// cache.insert(1, 'a');
    /// clock.advance(Duration::from_secs(5));
    /// cache.insert(2, 'b');
    /// clock.advance(Duration::from_secs(5)); // 1 has expired, 2 has not
    /// assert_eq!(cache.len(), 1);
    /// assert_eq!(cache.inner().len(), 2); // the expired entry is still stored
    /// ```
    fn len(&self) -> usize {
        let now = self.clock.now();
        if self.may_hold_expired(now) {
            self.cache.iter().filter(|(_, s)| s.is_live(now)).count()
        } else {
            self.cache.len()
        }
    }

    /// Whether no entry is live; stops at the first live entry it finds, where
    /// [`len`](Cache::len) would count them all.
    fn is_empty(&self) -> bool {
        let now = self.clock.now();
        if self.may_hold_expired(now) {
            !self.cache.iter().any(|(_, stamped)| stamped.is_live(now))
        } else {
            self.cache.is_empty()
        }
    }

    fn max_len(&self) -> Option<usize> {
        self.cache.max_len()
    }

    fn clear(&mut self) {
        self.cache.clear();
        self.schedule = Schedule::bound(None);
        self.inserts_before_sweep = 0;
        self.swept_expire_by = Timestamp::MAX;
    }

    fn retain(&mut self, mut keep: impl FnMut(&K, &mut V) -> bool) {
        let now = self.clock.now();
        self.sweep(now);
        self.cache
            .retain(|key, stamped| keep(key, &mut stamped.value));
    }

    fn shrink_to_fit(&mut self) {
        self.cache.shrink_to_fit();
    }

    fn iter<'a>(&'a self) -> impl Iterator<Item = (&'a K, &'a V)>
    where
        K: 'a,
        V: 'a,
    {
        let now = self.clock.now();
        self.cache
            .iter()
            .filter(move |(_, stamped)| stamped.is_live(now))
            .map(|(key, stamped)| (key, &stamped.value))
    }
}

/// Inserts each pair as [`Cache::insert`] does, in order: each is stamped as it goes in, and
/// a full cache drops its expired entries before it evicts a live one.
///
/// ```
/// use std::time::Duration;
/// use memo::{Cache, ExpiringCache, LruCache, ManualClock};
///
/// let clock = ManualClock::new();
/// let mut cache = ExpiringCache::with_clock(LruCache::new(2), Duration::from_secs(30), clock.clone());
/// cache.extend([(1, 'a'), (2, 'b'), (3, 'c')]);
/// assert_eq!(cache.len(), 2); // 1 was evicted
/// clock.advance(Duration::from_secs(30));
/// assert!(cache.is_empty());
/// ```
///
/// # Panics
///
/// As the wrapped cache's `insert`.
impl<K, V, C, T> Extend<(K, V)> for ExpiringCache<C, T>
where
    K: Hash + Eq,
    C: Cache<K, Stamped<V>>,
    T: Clock,
{
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        for (key, value) in iter {
            self.insert(key, value);
        }
    }
}

impl<C: fmt::Debug, T> fmt::Debug for ExpiringCache<C, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ExpiringCache")
            .field("ttl", &self.ttl)
            .field("cache", &self.cache)
            .finish()
    }
}
