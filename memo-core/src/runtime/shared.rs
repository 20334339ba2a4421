//! [`Shared`]: the cache of a memoized function, shared by all threads behind one lock
//! (the default `scope = global`).

use core::fmt;
use core::hash::Hash;

use parking_lot::Mutex;

use super::{CacheKind, Config, Core, NewCache, Place};
use crate::Scope;

/// The `static` that the macro puts next to a memoized function: its [`Core`] behind one
/// [`parking_lot::Mutex`], which guards the cache and both counters and does not poison, so
/// a call that panics leaves the cache usable.
///
/// A hit takes the lock once, hashes the borrowed arguments once and clones the value.
pub struct Shared<K, V, Kind: CacheKind<K, V>> {
    state: Mutex<Core<K, V, Kind::Cache>>,
}

impl<K, V, Kind: CacheKind<K, V>> Shared<K, V, Kind> {
    /// An empty cache built with `config`, const so that it can be a `static`.
    #[must_use]
    pub const fn new(config: Config) -> Self {
        Self {
            state: Mutex::new(Core::new(config)),
        }
    }
}

impl<K, V, Kind> Place for Shared<K, V, Kind>
where
    K: Hash + Eq,
    V: Clone,
    Kind: CacheKind<K, V, Cache: NewCache<K, V>>,
{
    type Key = K;
    type Value = V;
    type Cache = Kind::Cache;
    const SCOPE: Scope = Scope::Global;

    #[inline]
    fn with_core<R>(&self, f: impl FnOnce(&mut Core<K, V, Kind::Cache>) -> R) -> Option<R> {
        Some(f(&mut self.state.lock()))
    }
}

impl<K, V, Kind: CacheKind<K, V>> fmt::Debug for Shared<K, V, Kind> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Shared").finish_non_exhaustive()
    }
}
