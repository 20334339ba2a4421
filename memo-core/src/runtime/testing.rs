//! What the runtime's unit tests share: a call made as generated code makes it, and
//! shorthands.

use super::{BorrowedKey, Config, Place};
use crate::CacheInfo;

/// Calls `f` through `place` as generated code does.
pub(super) fn call<P: Place, Q: ?Sized + BorrowedKey<Owned = P::Key>>(
    place: &P,
    key: &Q,
    f: impl FnOnce() -> P::Value,
) -> P::Value {
    match place.lookup(key) {
        Ok(hit) => hit,
        Err(miss) => miss.store(f()),
    }
}

pub(super) fn info(hits: u64, misses: u64, maxsize: Option<usize>, currsize: usize) -> CacheInfo {
    CacheInfo {
        hits,
        misses,
        maxsize,
        currsize,
    }
}

pub(super) fn bounded(maxsize: usize) -> Config {
    Config::bounded(maxsize)
}
