//! [`CacheParameters`]: what a memoized function's cache was built with, as Python's
//! `cache_parameters()`.

use std::time::Duration;

/// What a memoized function's cache was built with, as returned by `f::cache_parameters()`:
/// the Rust twin of Python's `f.cache_parameters()` (`{'maxsize': 128, 'typed': False}`),
/// with the options that `lru_cache` does not have.
///
/// # Example
///
/// ```
/// use std::time::Duration;
/// use memo::{CacheParameters, Policy, Scope};
///
/// let parameters = CacheParameters {
///     maxsize: Some(128),
///     policy: Policy::Lru,
///     ttl: Some(Duration::from_secs(30)),
///     scope: Scope::Global,
/// };
/// assert_eq!(parameters, CacheParameters { ttl: Some(Duration::from_secs(30)), ..CacheParameters::default() });
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CacheParameters {
    /// The most entries the cache holds (`maxsize = N`); `None` when unbounded
    /// (`maxsize = None`).
    pub maxsize: Option<usize>,
    /// Which entry a full cache evicts (`policy = lru | fifo`); [`Policy::Unbounded`] when
    /// `maxsize = None`, and the default [`Policy::Lru`] when `maxsize = 0`, which stores
    /// nothing and takes no `policy`.
    pub policy: Policy,
    /// How long an entry is served after it was stored (`ttl = <Duration>`); `None` when
    /// entries do not expire.
    pub ttl: Option<Duration>,
    /// Whether all threads share one cache or each thread has its own (`scope = thread`).
    pub scope: Scope,
}

impl Default for CacheParameters {
    /// What `#[memoize]` without options builds: a global LRU cache of 128 entries that do
    /// not expire, as Python's `@lru_cache`.
    fn default() -> Self {
        Self {
            maxsize: Some(128),
            policy: Policy::Lru,
            ttl: None,
            scope: Scope::Global,
        }
    }
}

/// Which entry a full cache evicts, in [`CacheParameters`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Policy {
    /// The least recently used: a hit refreshes an entry (`policy = lru`, the default).
    Lru,
    /// The oldest: a hit does not refresh an entry (`policy = fifo`).
    Fifo,
    /// None: the cache has no bound (`maxsize = None`, Python's `functools.cache`).
    Unbounded,
}

/// Who shares a memoized function's cache, in [`CacheParameters`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Scope {
    /// One cache shared by every thread, behind a lock (the default, as Python's).
    Global,
    /// One cache per thread, without a lock (`scope = thread`); `cache_info()` and
    /// `cache_clear()` act on the calling thread's cache.
    Thread,
}
