//! The runtime behind `#[memoize]`: what the code it generates calls.
//!
//! This module is not a public API: `memo` re-exports it as `memo::__private` for generated
//! code only, and it may change in any release. The logic of a memoized call lives here as
//! ordinary Rust, so that the generated code stays a few lines long.
//!
//! For `#[memoize(maxsize = 128)] fn f(a: &str, b: u32) -> R`, the macro generates, in a
//! module `f` beside the function (which calls this `f`; see `memo-macros`' `expand.rs`),
//!
//! ```text
//! use Place as _;
//!
//! static __MEMO: Shared<(<str as MemoizeKey>::Owned, <u32 as MemoizeKey>::Owned),
//!                       <R as MemoizeValue>::Value, Lru>
//!     = Shared::new(Config::bounded(128));
//!
//! fn f(a: &str, b: u32) -> R {
//!     match __MEMO.lookup(&Borrowed((a, &b))) {
//!         Ok(hit) => hit,
//!         Err(miss) => miss.store(uncached(a, b)),
//!     }
//! }
//! ```
//!
//! A hit takes the lock once, hashes the borrowed arguments once, and clones the cached
//! value: no allocation and no key clone. A miss is counted before the function runs, the
//! function runs with no lock held (so it may recurse into itself), and its result is
//! stored; if another call stored one for the same key meanwhile, a bounded cache keeps
//! that one and an unbounded cache overwrites it, as CPython's two wrappers do.
//!
//! The options change the pieces, not the shape:
//!
//! - the place of the [`Core`] (cache and counts), a [`Place`]: [`Shared`] (a `static`
//!   behind a lock), `&'static LocalKey<`[`Local`]`>` (`scope = thread`: a `thread_local!`,
//!   no lock), a method's [`MethodSlots`] / [`MethodLocalSlots`] (type-erased slots in a
//!   hidden associated function, which returns its typed cache, a `&'static` [`Shared`] or
//!   a [`MethodLocal`] handle, as an `impl Place` that can [`Lookup`] the arguments,
//!   and is bounded by [`MemoizeSelf`] when `Self` is in the key by value,
//!   [`MemoizeBorrowedSelf`] when by reference, or their `scope = thread` versions
//!   [`MemoizeThreadSelf`] and [`MemoizeThreadBorrowedSelf`]);
//! - the cache, a [`CacheKind`]: [`Lru`], [`Fifo`], [`Unbounded`], or [`Ttl`] over one of
//!   them (`ttl = ...`: an [`ExpiringCache`](crate::ExpiringCache)), or [`TtlClock`]
//!   (`ttl = ..., clock = ...`: by a [`DynClock`] that [`Config::clock`] makes);
//! - the key: a [`Borrowed`] tuple of the arguments in it (all of them, or those left by
//!   `ignore`), or the owned value of a `key = <expression>`
//!   ([`lookup_owned`](Place::lookup_owned));
//! - the store: [`Miss::store`], or for a `Result` whose errors are not cached,
//!   [`Miss::store_ok`] into a cache of the `Ok` type ([`MemoizeResult`]).
//!
//! The calls are method calls (with `Place` imported) rather than
//! `Place::lookup(&__MEMO, ..)`: when a projection failed, the type of `__MEMO` is an error
//! and the compiler then checks nothing of the call, so each problem is reported once.
//!
//! The projections `<T as MemoizeKey>::Owned` and `<R as MemoizeValue>::Value` (and their
//! twins without `Send` for `scope = thread`) are how the macro checks the argument and
//! return types: it writes them with the spans of the user's types, so an argument that is
//! not `Hash + Eq` or a return type that is not `Clone` is reported on that type, once.

mod key;
mod kind;
mod method;
mod place;
mod shared;
#[cfg(test)]
mod testing;
mod thread_local;
mod value;

pub use key::{
    Borrowed, BorrowedKey, MemoizeBorrowedSelf, MemoizeKey, MemoizeKeyType, MemoizeSelf,
    MemoizeThreadBorrowedSelf, MemoizeThreadKey, MemoizeThreadKeyType, MemoizeThreadSelf, ToOwned,
};
pub use kind::{CacheKind, DynClock, Fifo, Lru, NewCache, Ttl, TtlClock, Unbounded, boxed_clock};
pub use method::{MethodLocal, MethodLocalSlots, MethodSlots};
pub use place::{Config, Core, Lookup, Miss, Place};
pub use shared::Shared;
pub use thread_local::{Local, LocalKey, thread_local};
pub use value::{MemoizeResult, MemoizeThreadValue, MemoizeValue};
