//! [`Clock`]: where an [`ExpiringCache`](crate::ExpiringCache) reads the time.
//!
//! [`SystemClock`] is exact, [`CoarseClock`] is cheap to read, [`AutoClock`] picks between
//! the two for a given ttl, and [`ManualClock`] lets tests move time by hand instead of
//! sleeping. A reading is a [`Timestamp`]: nanoseconds in a `u64`, so that comparing two is
//! one instruction on the hit path of an expiring cache.

mod source;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// A reading of a [`Clock`]: nanoseconds since that clock's origin.
///
/// The built-in clocks ([`SystemClock`], [`CoarseClock`], [`AutoClock`]) share one origin
/// in a process (boot, on Linux and Android with the `coarse-clock` feature; else the
/// process's first reading), so that their readings compare with one another, each up to
/// its resolution: an [`ExpiringCache`](crate::ExpiringCache)'s stamps keep their meaning
/// in a cache wrapped again with another of them (see
/// [`with_clock`](crate::ExpiringCache::with_clock)). A [`ManualClock`] has its own, which
/// its clones share; a clock of your own, whatever it says.
///
/// # Example
///
/// ```
/// use std::time::Duration;
/// use memo::Timestamp;
///
/// let t = Timestamp::from_nanos(1_000);
/// assert_eq!(t.saturating_add(Duration::from_micros(2)), Timestamp::from_nanos(3_000));
/// assert_eq!(t.saturating_add(Duration::MAX), Timestamp::MAX);
/// assert_eq!(Timestamp::from_nanos(3_000).saturating_duration_since(t), Duration::from_micros(2));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(u64);

impl Timestamp {
    /// The latest timestamp: an entry that expires at `MAX` never does.
    pub const MAX: Self = Self(u64::MAX);

    /// The timestamp `nanos` nanoseconds after the clock's origin.
    #[must_use]
    pub const fn from_nanos(nanos: u64) -> Self {
        Self(nanos)
    }

    /// Nanoseconds since the clock's origin.
    ///
    /// ```
    /// use std::time::Duration;
    /// use memo::{Clock, ManualClock, Timestamp};
    ///
    /// assert_eq!(Timestamp::from_nanos(1_500).as_nanos(), 1_500);
    /// let clock = ManualClock::new();
    /// clock.advance(Duration::from_micros(3));
    /// assert_eq!(clock.now().as_nanos(), 3_000);
    /// ```
    #[must_use]
    pub const fn as_nanos(self) -> u64 {
        self.0
    }

    /// `self + duration`, or [`Timestamp::MAX`] when that does not fit.
    #[must_use]
    pub fn saturating_add(self, duration: Duration) -> Self {
        Self(self.0.saturating_add(saturating_nanos(duration)))
    }

    /// The time from `earlier` to `self`, or zero when `earlier` is later.
    #[must_use]
    pub fn saturating_duration_since(self, earlier: Self) -> Duration {
        Duration::from_nanos(self.0.saturating_sub(earlier.0))
    }
}

/// `duration` in nanoseconds, `u64::MAX` when it is longer (about 584 years).
pub(crate) fn saturating_nanos(duration: Duration) -> u64 {
    u64::try_from(duration.as_nanos()).unwrap_or(u64::MAX)
}

/// A monotonic time source.
///
/// A reference to a clock, a `Box` or an `Arc` of one, is a clock too, which reads as the
/// clock it points to: an [`ExpiringCache`](crate::ExpiringCache) may hold a `&'static`
/// clock, a `Box<dyn Clock>` or an `Arc` shared with other code.
///
/// # Example
///
/// ```
/// use std::sync::Arc;
/// use std::time::Duration;
/// use memo::{Clock, ManualClock, SystemClock};
///
/// let clock = SystemClock::new();
/// let start = clock.now();
/// assert!(clock.now() >= start);
///
/// let manual = Arc::new(ManualClock::new());
/// let boxed: Box<dyn Clock> = Box::new(Arc::clone(&manual));
/// manual.advance(Duration::from_secs(1));
/// assert_eq!(boxed.now(), manual.now());
/// ```
pub trait Clock {
    /// The current time.
    #[must_use]
    fn now(&self) -> Timestamp;

    /// How far behind the true time a reading may be: when `now()` reads `t`, the true time
    /// is at least `t` and less than `t + resolution()` (exactly `t` for a resolution of
    /// zero). An [`ExpiringCache`](crate::ExpiringCache) stamps its entries to expire this
    /// much early, so that none is served after its ttl. There is no default: a clock that
    /// lags must say by how much.
    fn resolution(&self) -> Duration;
}

// A pointer to a clock reads through it (see `Clock`).
macro_rules! forward_clock {
    ($($pointer:ty),*) => {$(
        impl<T: ?Sized + Clock> Clock for $pointer {
            #[inline]
            fn now(&self) -> Timestamp {
                (**self).now()
            }

            #[inline]
            fn resolution(&self) -> Duration {
                (**self).resolution()
            }
        }
    )*};
}

forward_clock!(&T, Box<T>, Arc<T>);

/// The exact clock: the monotonic time [`Instant::now`](std::time::Instant::now) reads, in
/// nanoseconds on the time scale that the built-in clocks share (see [`Timestamp`]).
///
/// # Example
///
/// ```
/// use std::time::Duration;
/// use memo::{Clock, SystemClock};
///
/// let clock = SystemClock::new();
/// assert_eq!(clock.resolution(), Duration::ZERO);
/// let reading = clock.now();
/// // Another instance reads the same time scale.
/// assert!(SystemClock::new().now() >= reading);
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock {
    // Private: made by `new` or `default` only, so that it may gain fields.
    _private: (),
}

impl SystemClock {
    /// The exact clock.
    #[must_use]
    pub const fn new() -> Self {
        Self { _private: () }
    }
}

impl Clock for SystemClock {
    #[inline]
    fn now(&self) -> Timestamp {
        source::exact_now()
    }

    fn resolution(&self) -> Duration {
        Duration::ZERO
    }
}

/// The kernel's coarse monotonic clock, `CLOCK_MONOTONIC_COARSE`, on Linux and Android: the
/// time of the last scheduler tick, read from memory the kernel shares with the process in
/// about 0.2x the time of an [`Instant::now`](std::time::Instant::now) on the 2-core
/// virtual machine this crate is benchmarked on (`cargo bench --bench options --
/// clock_read`). Its [`resolution`](Clock::resolution) is a tick, 1 to 10 ms depending on
/// the kernel's `HZ`; a tick that the kernel delays (an overloaded virtual machine can)
/// makes it lag by more, for that long. Elsewhere, or without the crate feature
/// `coarse-clock` (on by default; it brings the `rustix` dependency), it reads the
/// [`SystemClock`], with a resolution of zero.
///
/// # Example
///
/// ```
/// use std::time::Duration;
/// use memo::{Clock, CoarseClock};
///
/// let clock = CoarseClock::new();
/// let start = clock.now();
/// assert!(clock.now() >= start);
/// assert!(clock.resolution() < Duration::from_secs(1));
/// ```
#[derive(Clone, Copy, Debug)]
pub struct CoarseClock {
    source: source::Coarse,
}

impl CoarseClock {
    /// The coarse clock, with its resolution read from the kernel.
    #[must_use]
    pub fn new() -> Self {
        Self {
            source: source::Coarse::new(),
        }
    }
}

impl Default for CoarseClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for CoarseClock {
    #[inline]
    fn now(&self) -> Timestamp {
        self.source.now()
    }

    fn resolution(&self) -> Duration {
        self.source.resolution()
    }
}

/// The clock that [`ExpiringCache::new`](crate::ExpiringCache::new), and so
/// `#[memoize(ttl = ...)]`, reads: the [`CoarseClock`] when it lags (on Linux and Android)
/// and its resolution is at most 1% of the ttl, else the [`SystemClock`].
///
/// With the coarse clock a hit reads the time in about a fifth of the time of the exact
/// clock (see [`CoarseClock`]), and an entry lives at least 98% of its ttl: it is stamped
/// to expire one resolution early, and its write may have come up to one resolution after
/// the tick it is stamped with. A ttl too short for that gets the exact clock.
///
/// # Example
///
/// ```
/// use std::time::Duration;
/// use memo::{AutoClock, Cache, ExpiringCache, LruCache};
///
/// assert!(matches!(AutoClock::for_ttl(Duration::ZERO), AutoClock::System(_)));
/// let ttl = Duration::from_secs(60);
/// let mut cache = ExpiringCache::with_clock(LruCache::new(4), ttl, AutoClock::for_ttl(ttl));
/// cache.insert("rate", 1.08);
/// assert_eq!(cache.get("rate"), Some(&1.08));
/// ```
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub enum AutoClock {
    /// The coarse clock, for a ttl at least 100 times its (nonzero) resolution.
    Coarse(CoarseClock),
    /// The exact clock, for shorter ttls, or where there is no coarse clock.
    System(SystemClock),
}

impl AutoClock {
    /// The clock for entries that live `ttl`.
    ///
    /// ```
    /// use std::time::Duration;
    /// use memo::{AutoClock, Clock};
    ///
    /// let ttl = Duration::from_secs(60);
    /// let clock = AutoClock::for_ttl(ttl);
    /// // The coarse clock only for a ttl at least 100 times its resolution; else the exact one.
    /// assert!(clock.resolution() * 100 <= ttl);
    /// ```
    #[must_use]
    pub fn for_ttl(ttl: Duration) -> Self {
        let coarse = CoarseClock::new();
        let resolution = coarse.resolution();
        if !resolution.is_zero() && resolution.saturating_mul(100) <= ttl {
            Self::Coarse(coarse)
        } else {
            Self::System(SystemClock::new())
        }
    }
}

impl Clock for AutoClock {
    #[inline]
    fn now(&self) -> Timestamp {
        match self {
            Self::Coarse(clock) => clock.now(),
            Self::System(clock) => clock.now(),
        }
    }

    fn resolution(&self) -> Duration {
        match self {
            Self::Coarse(clock) => clock.resolution(),
            Self::System(clock) => clock.resolution(),
        }
    }
}

/// A clock that stands still until [`advance`](ManualClock::advance)d, for tests. Clones
/// share one time, so a test keeps a clone to move the time of a cache it gave the other
/// (to [`ExpiringCache::with_clock`](crate::ExpiringCache::with_clock), or to
/// `#[memoize(ttl = .., clock = ..)]`).
///
/// # Example
///
/// ```
/// use std::time::Duration;
/// use memo::{Clock, ManualClock};
///
/// let clock = ManualClock::new();
/// let handle = clock.clone();
/// let start = clock.now();
/// handle.advance(Duration::from_secs(90));
/// assert_eq!(clock.now().saturating_duration_since(start), Duration::from_secs(90));
/// ```
#[derive(Clone, Debug, Default)]
pub struct ManualClock {
    nanos: Arc<AtomicU64>,
    resolution: Duration,
}

impl ManualClock {
    /// A clock at its origin, with a resolution of zero.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// A clock that claims to lag the true time by up to `resolution`, as a
    /// [`CoarseClock`] does, so that tests can check what a cache makes of that.
    ///
    /// ```
    /// use std::time::Duration;
    /// use memo::{Clock, ManualClock};
    ///
    /// let clock = ManualClock::with_resolution(Duration::from_millis(4));
    /// assert_eq!(clock.resolution(), Duration::from_millis(4));
    /// ```
    #[must_use]
    pub fn with_resolution(resolution: Duration) -> Self {
        Self {
            resolution,
            ..Self::default()
        }
    }

    /// Moves the time of this clock and all its clones forward by `by`.
    ///
    /// # Panics
    ///
    /// When the total time advanced would exceed `u64::MAX` nanoseconds (about 584 years);
    /// the clock is then left as it was.
    ///
    /// ```
    /// use std::time::Duration;
    /// use memo::{Clock, ManualClock, Timestamp};
    ///
    /// let clock = ManualClock::new();
    /// clock.advance(Duration::from_millis(1));
    /// clock.advance(Duration::from_millis(2));
    /// assert_eq!(clock.now(), Timestamp::from_nanos(3_000_000));
    /// // 3 ms plus u64::MAX ns is more than a timestamp counts.
    /// let too_far = Duration::from_nanos(u64::MAX);
    /// assert!(std::panic::catch_unwind(|| clock.advance(too_far)).is_err());
    /// assert_eq!(clock.now(), Timestamp::from_nanos(3_000_000)); // left as it was
    /// ```
    pub fn advance(&self, by: Duration) {
        let advanced = u64::try_from(by.as_nanos()).ok().and_then(|by| {
            self.nanos
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |now| {
                    now.checked_add(by)
                })
                .ok()
        });
        assert!(advanced.is_some(), "memo: ManualClock advanced too far");
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        Timestamp(self.nanos.load(Ordering::SeqCst))
    }

    fn resolution(&self) -> Duration {
        self.resolution
    }
}
