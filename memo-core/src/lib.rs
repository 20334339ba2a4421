//! Cache data structures behind memo (crate docs are written in a later step).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod cache;
mod clock;
mod expiring;
mod fifo;
mod info;
mod linked;
mod lru;
pub mod runtime;
mod unbounded;

pub use cache::Cache;
pub use clock::{Clock, ManualClock, SystemClock};
pub use expiring::{ExpiringCache, Stamped};
pub use fifo::FifoCache;
pub use hashbrown::{DefaultHashBuilder, Equivalent};
pub use info::CacheInfo;
pub use linked::Iter;
pub use lru::LruCache;
pub use unbounded::UnboundedCache;
