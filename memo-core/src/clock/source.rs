//! Where the built-in clocks read the time, on one time scale for the whole process, so
//! that their readings compare with one another (a cache unwrapped from one
//! [`ExpiringCache`](crate::ExpiringCache) and wrapped in another keeps its stamps' meaning,
//! whichever built-in clock each reads):
//!
//! - on Linux and Android with the `coarse-clock` feature, nanoseconds since boot:
//!   `CLOCK_MONOTONIC` for the [`SystemClock`](super::SystemClock) (the clock
//!   [`Instant::now`](std::time::Instant::now) reads) and `CLOCK_MONOTONIC_COARSE` for the
//!   [`CoarseClock`](super::CoarseClock), both through `rustix`'s safe `clock_gettime` (on
//!   its libc backend, libc reads them from the vDSO, with no system call);
//! - elsewhere, nanoseconds since the process first read a clock, by `Instant`, and the
//!   coarse clock is the exact one, with a resolution of zero.

#[cfg(all(
    feature = "coarse-clock",
    any(target_os = "linux", target_os = "android")
))]
pub(super) use kernel::{Coarse, exact_now};
#[cfg(not(all(
    feature = "coarse-clock",
    any(target_os = "linux", target_os = "android")
)))]
pub(super) use process::{Coarse, exact_now};

#[cfg(all(
    feature = "coarse-clock",
    any(target_os = "linux", target_os = "android")
))]
mod kernel {
    use std::time::Duration;

    use rustix::time::{ClockId, Timespec, clock_getres, clock_gettime};

    use crate::Timestamp;

    /// The exact time.
    #[inline]
    pub(in crate::clock) fn exact_now() -> Timestamp {
        read(ClockId::Monotonic)
    }

    /// The time of the last scheduler tick.
    #[derive(Clone, Copy, Debug)]
    pub(in crate::clock) struct Coarse {
        resolution: Duration,
    }

    impl Coarse {
        pub(in crate::clock) fn new() -> Self {
            let Timespec { tv_sec, tv_nsec } = clock_getres(ClockId::MonotonicCoarse);
            let resolution = Duration::new(
                u64::try_from(tv_sec).unwrap_or(0),
                u32::try_from(tv_nsec).unwrap_or(0),
            );
            Self { resolution }
        }

        #[inline]
        pub(in crate::clock) fn now(self) -> Timestamp {
            read(ClockId::MonotonicCoarse)
        }

        pub(in crate::clock) fn resolution(self) -> Duration {
            self.resolution
        }
    }

    #[inline]
    fn read(clock: ClockId) -> Timestamp {
        let Timespec { tv_sec, tv_nsec } = clock_gettime(clock);
        // A monotonic clock counts from boot: both fields are non-negative.
        Timestamp::from_nanos((tv_sec as u64) * 1_000_000_000 + tv_nsec as u64)
    }
}

#[cfg(not(all(
    feature = "coarse-clock",
    any(target_os = "linux", target_os = "android")
)))]
mod process {
    use std::sync::OnceLock;
    use std::time::{Duration, Instant};

    use crate::Timestamp;

    /// The exact time.
    #[inline]
    pub(in crate::clock) fn exact_now() -> Timestamp {
        static ORIGIN: OnceLock<Instant> = OnceLock::new();
        let elapsed = ORIGIN.get_or_init(Instant::now).elapsed();
        Timestamp::from_nanos(u64::try_from(elapsed.as_nanos()).unwrap_or(u64::MAX))
    }

    /// No coarse clock: the exact one stands in.
    #[derive(Clone, Copy, Debug)]
    pub(in crate::clock) struct Coarse;

    impl Coarse {
        pub(in crate::clock) fn new() -> Self {
            Self
        }

        #[inline]
        pub(in crate::clock) fn now(self) -> Timestamp {
            exact_now()
        }

        pub(in crate::clock) fn resolution(self) -> Duration {
            Duration::ZERO
        }
    }
}
