//! Values: what a memoized function may return, and which of its results are stored.

/// A type that a memoized function may return: a hit returns a clone of the cached value,
/// and the cache lives in a `static` shared by all threads.
///
/// To memoize a large value cheaply, return an `Arc<T>`: a hit then only bumps a counter.
pub trait MemoizeValue {
    /// The type itself; naming it through this trait is what checks the bounds.
    type Value: Clone + Send + 'static;
}

impl<T: Clone + Send + 'static> MemoizeValue for T {
    type Value = T;
}

/// [`MemoizeValue`] for a cache of one thread (`scope = thread`): the value need not be
/// `Send`, so an `Rc<T>` is fine.
pub trait MemoizeThreadValue {
    /// The type itself; naming it through this trait is what checks the bounds.
    type Value: Clone + 'static;
}

impl<T: Clone + 'static> MemoizeThreadValue for T {
    type Value = T;
}

/// The return type of a function that caches its `Ok` values only: a `Result<T, E>`, whose
/// cache stores `T`. `E` needs no bound at all: an error is never stored, so it need not be
/// `Clone` (`std::io::Error` is not), nor `'static`. The macro names the cache's value type
/// with `()` for `E` (`<Result<T, ()> as MemoizeResult>::Ok`), so that the error's
/// lifetimes do not reach the cache.
///
/// The macro takes a return type whose last path segment is `Result` for a `Result`
/// (`Result<T, E>`, `io::Result<T>`, `fmt::Result`); this trait is how a type that is only
/// named `Result` is reported.
#[diagnostic::on_unimplemented(
    message = "memoize: `{Self}` is named `Result` but is not a `core::result::Result`",
    label = "taken for a `Result` because of its name",
    note = "write `cache_err = true` to cache every value it returns"
)]
pub trait MemoizeResult {
    /// `T` of `Result<T, E>`: what the cache stores.
    type Ok;
}

impl<T, E> MemoizeResult for Result<T, E> {
    type Ok = T;
}
