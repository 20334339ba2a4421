//! Where [`CoarseClock`](super::CoarseClock) reads the time: `CLOCK_MONOTONIC_COARSE`
//! through `rustix`'s safe `clock_gettime` (on its libc backend: libc reads the clock from
//! the vDSO, with no system call) on Linux and Android with the `coarse-clock` feature, else
//! the [`SystemClock`](super::SystemClock).

// Elsewhere the exact clock stands in, with its resolution of zero.
#[cfg(not(all(
    feature = "coarse-clock",
    any(target_os = "linux", target_os = "android")
)))]
pub(super) use super::SystemClock as Source;
#[cfg(all(
    feature = "coarse-clock",
    any(target_os = "linux", target_os = "android")
))]
pub(super) use kernel::Source;

#[cfg(all(
    feature = "coarse-clock",
    any(target_os = "linux", target_os = "android")
))]
mod kernel {
    use std::time::Duration;

    use rustix::time::{ClockId, Timespec, clock_getres, clock_gettime};

    use crate::Timestamp;

    #[derive(Clone, Copy, Debug)]
    pub(in crate::clock) struct Source {
        resolution: Duration,
    }

    impl Source {
        pub(in crate::clock) fn new() -> Self {
            let Timespec { tv_sec, tv_nsec } = clock_getres(ClockId::MonotonicCoarse);
            let resolution = Duration::new(
                u64::try_from(tv_sec).unwrap_or(0),
                u32::try_from(tv_nsec).unwrap_or(0),
            );
            Self { resolution }
        }

        #[inline]
        pub(in crate::clock) fn now(&self) -> Timestamp {
            let Timespec { tv_sec, tv_nsec } = clock_gettime(ClockId::MonotonicCoarse);
            // A monotonic clock counts from boot: both fields are non-negative.
            Timestamp::from_nanos((tv_sec as u64) * 1_000_000_000 + tv_nsec as u64)
        }

        pub(in crate::clock) fn resolution(&self) -> Duration {
            self.resolution
        }
    }
}
