//! Helpers shared by the `#[memoize]` integration tests.

// Each test crate includes this module and uses only some of it.
#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};

use memo::CacheInfo;

/// A `CacheInfo` in one line.
pub fn info(hits: u64, misses: u64, maxsize: Option<usize>, currsize: usize) -> CacheInfo {
    CacheInfo {
        hits,
        misses,
        maxsize,
        currsize,
    }
}

/// Counts the calls of a function body.
pub struct Calls(AtomicUsize);

impl Calls {
    pub const fn new() -> Self {
        Calls(AtomicUsize::new(0))
    }

    pub fn count(&self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }

    pub fn get(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }
}
