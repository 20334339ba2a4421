//! [`CacheInfo`]: the statistics of a memoized function, as Python's `cache_info()`.

use core::fmt;

/// Hit and miss counts and the size of a memoized function's cache, as returned by
/// `f::cache_info()`; the Rust twin of Python's `functools._CacheInfo`.
///
/// Its [`Display`](fmt::Display) form is exactly what Python prints, so output can be
/// compared line for line.
///
/// # Example
///
/// ```
/// use memo::CacheInfo;
///
/// let info = CacheInfo { hits: 98, misses: 101, maxsize: Some(128), currsize: 101 };
/// assert_eq!(info.to_string(), "CacheInfo(hits=98, misses=101, maxsize=128, currsize=101)");
///
/// let unbounded = CacheInfo { maxsize: None, ..info };
/// assert_eq!(unbounded.to_string(), "CacheInfo(hits=98, misses=101, maxsize=None, currsize=101)");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct CacheInfo {
    /// Calls answered from the cache.
    pub hits: u64,
    /// Calls that ran the function.
    pub misses: u64,
    /// The most entries the cache holds; `None` when unbounded.
    pub maxsize: Option<usize>,
    /// The entries held now.
    pub currsize: usize,
}

impl fmt::Display for CacheInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "CacheInfo(hits={}, misses={}, maxsize=",
            self.hits, self.misses
        )?;
        match self.maxsize {
            Some(n) => write!(f, "{n}")?,
            None => f.write_str("None")?,
        }
        write!(f, ", currsize={})", self.currsize)
    }
}
