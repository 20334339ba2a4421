//! [`Clock`]: where an [`ExpiringCache`](crate::ExpiringCache) reads the time, so tests can
//! move time by hand instead of sleeping.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A monotonic time source.
///
/// # Example
///
/// ```
/// use memo_core::{Clock, SystemClock};
///
/// let clock = SystemClock;
/// let start = clock.now();
/// assert!(clock.now() >= start);
/// ```
pub trait Clock {
    /// The current instant.
    fn now(&self) -> Instant;
}

/// The real clock, [`Instant::now`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[inline]
    fn now(&self) -> Instant {
        Instant::now()
    }
}

/// A clock that stands still until [`advance`](ManualClock::advance)d, for tests. Clones
/// share one time, so a test keeps a clone to move the time of a cache it gave the other.
///
/// # Example
///
/// ```
/// use std::time::Duration;
/// use memo_core::{Clock, ManualClock};
///
/// let clock = ManualClock::new();
/// let handle = clock.clone();
/// let start = clock.now();
/// handle.advance(Duration::from_secs(90));
/// assert_eq!(clock.now() - start, Duration::from_secs(90));
/// ```
#[derive(Clone, Debug)]
pub struct ManualClock {
    start: Instant,
    elapsed_nanos: Arc<AtomicU64>,
}

impl ManualClock {
    /// A clock that reads the real time once, then stands still.
    pub fn new() -> Self {
        Self {
            start: Instant::now(),
            elapsed_nanos: Arc::new(AtomicU64::new(0)),
        }
    }

    /// Moves the time of this clock and all its clones forward by `by`.
    ///
    /// # Panics
    ///
    /// When the total time advanced exceeds `u64::MAX` nanoseconds (about 584 years).
    pub fn advance(&self, by: Duration) {
        let by = u64::try_from(by.as_nanos()).expect("memo: ManualClock advanced too far");
        let before = self.elapsed_nanos.fetch_add(by, Ordering::SeqCst);
        assert!(
            before.checked_add(by).is_some(),
            "memo: ManualClock advanced too far"
        );
    }
}

impl Default for ManualClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Instant {
        self.start + Duration::from_nanos(self.elapsed_nanos.load(Ordering::SeqCst))
    }
}
