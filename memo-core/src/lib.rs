//! The cache data structures behind `memo`'s `#[memoize]`, usable on
//! their own. Depend on `memo`, which re-exports everything here.
//!
//! - [`LruCache`] and [`FifoCache`]: bounded caches in O(1) per operation, built on one slab
//!   of entries linked by `u32` indices and a [`hashbrown::HashTable`] of those indices: no
//!   allocation per entry, no `unsafe`, nothing allocated up front for a large capacity.
//! - [`UnboundedCache`]: a hash map that never evicts.
//! - [`ExpiringCache`]: any of them with entries that expire a fixed time after they were
//!   written, reading time from a [`Clock`] ([`ManualClock`] in tests).
//! - [`Cache`]: the trait over all of them, which the `#[memoize]` runtime is written against.
//! - [`CacheInfo`]: hit and miss statistics, printed as Python prints them.
//!
//! Lookups take any `Q` that is [`Equivalent`] to the key, so a `String`-keyed cache answers
//! a `&str` without allocating. [`Equivalent`] is the trait of the `equivalent` crate (1.x),
//! which `hashbrown` and `indexmap` use too, so an impl written for one serves all of them
//! whatever their versions. The caches hash with [`DefaultHashBuilder`], `hashbrown`'s
//! default (foldhash: fast, with only minimal resistance to HashDoS); `with_hasher`
//! takes any other `BuildHasher`, such as `std`'s `RandomState` for keys an attacker
//! chooses.
//!
//! ```
//! use memo::LruCache;
//!
//! let mut cache = LruCache::new(2);
//! cache.insert(String::from("a"), 1);
//! cache.insert(String::from("b"), 2);
//! assert_eq!(cache.get("a"), Some(&1));
//! cache.insert(String::from("c"), 3); // evicts "b", the least recently used
//! assert!(!cache.contains_key("b"));
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod cache;
mod clock;
mod expiring;
mod fifo;
mod info;
mod linked;
mod lru;
mod parameters;
#[doc(hidden)]
pub mod runtime;
mod unbounded;

pub use cache::Cache;
pub use clock::{AutoClock, Clock, CoarseClock, ManualClock, SystemClock, Timestamp};
pub use expiring::{ExpiringCache, Stamped};
pub use fifo::FifoCache;
pub use hashbrown::{DefaultHashBuilder, Equivalent};
pub use info::CacheInfo;
pub use linked::{IntoIter, Iter, IterMut};
pub use lru::LruCache;
pub use parameters::{CacheParameters, Policy, Scope};
pub use unbounded::{UnboundedCache, UnboundedIntoIter, UnboundedIter, UnboundedIterMut};
