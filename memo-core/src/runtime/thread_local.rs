//! [`Local`]: the cache of a memoized function with `scope = thread`, one per thread in a
//! `thread_local!`, reached without a lock.

use core::cell::RefCell;
use core::fmt;
use core::hash::Hash;

use super::{CacheKind, Config, Core, NewCache, Place};
use crate::Scope;

/// For the generated code, which names nothing of `std` itself: a `#![no_std]` crate that
/// links `std` can still use `scope = thread`.
pub use std::thread::LocalKey;
pub use std::thread_local;

/// What the `thread_local!` that the macro puts next to a `scope = thread` function holds:
/// that thread's [`Core`] in a [`RefCell`]. The place is a `&'static LocalKey` to it.
///
/// A hit reads the thread-local, checks the `RefCell`'s flag, hashes the borrowed
/// arguments once and clones the value: no lock, no atomic operation. The `RefCell` is
/// never borrowed while the function runs, so a function may call itself. Each thread's
/// cache is dropped when the thread exits; a call made after that (from the destructor of
/// another thread-local, or of a value in this cache) runs without it: a miss that stores
/// nothing.
pub struct Local<K, V, Kind: CacheKind<K, V>> {
    state: RefCell<Core<K, V, Kind::Cache>>,
}

impl<K, V, Kind: CacheKind<K, V>> Local<K, V, Kind> {
    /// An empty cache built with `config`, const so that the `thread_local!` needs no lazy
    /// initialization.
    #[must_use]
    pub const fn new(config: Config) -> Self {
        Self {
            state: RefCell::new(Core::new(config)),
        }
    }
}

impl<K, V, Kind> Place for &'static LocalKey<Local<K, V, Kind>>
where
    K: Hash + Eq + 'static,
    V: Clone + 'static,
    Kind: CacheKind<K, V, Cache: NewCache<K, V>> + 'static,
{
    type Key = K;
    type Value = V;
    type Cache = Kind::Cache;
    const SCOPE: Scope = Scope::Thread;

    #[inline]
    fn with_core<R>(&self, f: impl FnOnce(&mut Core<K, V, Kind::Cache>) -> R) -> Option<R> {
        // `try_with`: a call from a thread-local's destructor, once this one is destroyed,
        // finds no core (see `Place::with_core`).
        self.try_with(|local| local.with_core(f)).ok()
    }
}

impl<K, V, Kind: CacheKind<K, V>> Local<K, V, Kind> {
    /// Out of line, so that the closure given to `LocalKey::with` stays small enough for
    /// `with` to inline into the memoized function: inlined, its thread-local access is a
    /// direct offset from the thread pointer; left out of line (as it was with the whole
    /// lookup inside), it called the key's accessor through a function pointer, and a hit
    /// cost 1.45x the thread-local `hashbrown` floor instead of 1.34x (the two alternated in
    /// one process, median of 41 rounds).
    #[inline(never)]
    fn with_core<R>(&self, f: impl FnOnce(&mut Core<K, V, Kind::Cache>) -> R) -> R {
        self.borrow_core(f)
    }

    /// Runs `f` on the core, borrowed, or panics when it is borrowed already (the function
    /// was called again from its own key's or value's `Hash`, `Eq`, `Clone` or `Drop`). In
    /// line, for a method's place, which reaches it through an out-of-line call already.
    #[inline(always)]
    pub(super) fn borrow_core<R>(&self, f: impl FnOnce(&mut Core<K, V, Kind::Cache>) -> R) -> R {
        match self.state.try_borrow_mut() {
            Ok(mut core) => f(&mut core),
            Err(_) => reentered(),
        }
    }
}

/// The `Hash`, `Eq` or `Clone` of a key or value, or the `Drop` of an evicted entry, called
/// the memoized function whose cache it is in.
#[cold]
#[inline(never)]
pub(super) fn reentered() -> ! {
    panic!(
        "memoize: a `scope = thread` function was called again from the `Hash`, `Eq`, \
         `Clone` or `Drop` of its own key or value, while its cache was in use"
    )
}

impl<K, V, Kind: CacheKind<K, V>> fmt::Debug for Local<K, V, Kind> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Local").finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use std::hash::{Hash, Hasher};
    use std::rc::Rc;

    use super::super::testing::{call, info};
    use super::super::{Borrowed, Config, Lru, Place};
    use super::*;
    use crate::Scope;

    thread_local! {
        static LOCAL: Local<(u32,), Rc<u32>, Lru> = const { Local::new(Config::bounded(2)) };
    }

    #[test]
    fn a_thread_local_cache_is_per_thread_and_holds_what_is_not_send() {
        let place = &LOCAL;
        assert_eq!(place.parameters().scope, Scope::Thread);
        let first = call(&place, &Borrowed((&1,)), || Rc::new(1));
        assert!(Rc::ptr_eq(
            &first,
            &call(&place, &Borrowed((&1,)), || unreachable!())
        ));
        assert_eq!(place.info(), info(1, 1, Some(2), 1));
        std::thread::spawn(|| {
            let place = &LOCAL;
            assert_eq!(place.info(), info(0, 0, Some(2), 0));
            call(&place, &Borrowed((&1,)), || Rc::new(2));
            assert_eq!(place.info(), info(0, 1, Some(2), 1));
        })
        .join()
        .unwrap();
        assert_eq!(place.info(), info(1, 1, Some(2), 1));
        place.clear();
        assert_eq!(place.info(), info(0, 0, Some(2), 0));
    }

    thread_local! {
        static RECURSIVE: Local<(u32,), u64, Lru> = const { Local::new(Config::bounded(100)) };
    }

    fn local_fibonacci(n: u32) -> u64 {
        match (&RECURSIVE).lookup(&Borrowed((&n,))) {
            Ok(hit) => hit,
            Err(miss) => miss.store(if n < 2 {
                u64::from(n)
            } else {
                local_fibonacci(n - 1) + local_fibonacci(n - 2)
            }),
        }
    }

    #[test]
    fn a_thread_local_cache_is_free_while_the_function_runs() {
        assert_eq!(local_fibonacci(90), 2_880_067_194_370_816_120);
        assert_eq!((&RECURSIVE).info(), info(88, 91, Some(100), 91));
    }

    /// A key whose `Hash` calls the function whose cache it is in.
    #[derive(PartialEq, Eq, Clone)]
    struct HashesReentrantly;

    impl Hash for HashesReentrantly {
        fn hash<H: Hasher>(&self, state: &mut H) {
            let _ = (&REENTRANT_LOCAL).info();
            0.hash(state);
        }
    }

    thread_local! {
        static REENTRANT_LOCAL: Local<(HashesReentrantly,), u8, Lru> = const { Local::new(Config::bounded(2)) };
    }

    #[test]
    fn reentering_a_thread_local_cache_panics_with_a_message() {
        let panic = std::panic::catch_unwind(|| {
            call(&&REENTRANT_LOCAL, &Borrowed((&HashesReentrantly,)), || 1)
        })
        .unwrap_err();
        let message = panic
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
            .unwrap_or_default();
        assert!(message.starts_with("memoize: a `scope = thread` function was called again"));
    }
}
