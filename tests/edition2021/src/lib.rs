//! `#[memoize]` in a crate of the 2021 edition, that of most crates, where memo's own
//! crates and tests are of the 2024 edition.
//!
//! What the macro writes is read by the rules of the macro's edition, and the user's tokens
//! it copies (the signature, the body, a `key` expression) by the rules of the user's: these
//! tests check that the two still fit, on the expansions whose meaning differs between the
//! editions:
//!
//! - the trampoline of an `async fn` returns an `impl Future` that borrows every argument,
//!   where a 2021 `impl Trait` captures only the lifetimes it names;
//! - the lookup is the tail expression of the memoized function, and its temporaries
//!   borrow the arguments (and with `scope = thread`, a method's handle, a local), where
//!   the temporaries of a 2021 tail expression outlive the locals;
//! - a method's accessor returns an `impl Trait` in a generic `impl`, whose parameters it
//!   captures.

use std::hash::Hash;

use memo::memoize;

/// Borrowed arguments, looked up in the tail expression.
#[memoize(maxsize = 4)]
pub fn repeat(text: &str, times: u32) -> String {
    text.repeat(times as usize)
}

/// Two borrowed arguments, which the future borrows.
#[memoize(maxsize = 4)]
pub async fn joined(text: &str, bytes: &[u8]) -> usize {
    text.len() + bytes.len()
}

/// A key computed from a borrowed argument.
#[memoize(maxsize = 4, key = text.len(), key_type = usize)]
pub fn by_length(text: &str) -> String {
    text.to_owned()
}

/// One cache per thread.
#[memoize(scope = thread)]
pub fn per_thread(n: u64) -> u64 {
    n * 3
}

/// An `Err` is not cached.
#[memoize]
pub fn parsed(text: &str) -> Result<u32, String> {
    text.parse().map_err(|_| format!("not a number: {text}"))
}

/// A receiver keyed by value.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Offset(pub u32);

impl Offset {
    /// Keyed on `self`, in this thread's cache: the handle to it is a local.
    #[memoize(scope = thread)]
    pub fn local(&self, n: u32) -> u32 {
        self.0 + n
    }

    /// Keyed on `self`, in the shared cache.
    #[memoize]
    pub fn shared(&self, n: u32) -> u32 {
        self.0 + n
    }

    /// An `async` method with a borrowed argument.
    #[memoize]
    pub async fn measured(&self, text: &str) -> usize {
        self.0 as usize + text.len()
    }

    /// A key expression, in this thread's cache.
    #[memoize(scope = thread, key = n / 2, key_type = u32)]
    pub fn halved(&self, n: u32) -> u32 {
        n / 2
    }
}

/// An `impl` with a lifetime and a type parameter, which an `impl Trait` captures.
pub struct View<'a, T>(pub &'a T);

impl<T: Clone + Hash + Eq + Send + Sync + 'static> View<'_, T> {
    /// Leaves `self` out, in this thread's cache.
    #[memoize(ignore = [self], scope = thread)]
    pub fn local(&self, n: u32) -> u32 {
        n + 1
    }

    /// Leaves `self` out, `async`.
    #[memoize(ignore = [self])]
    pub async fn measured(&self, text: &str) -> usize {
        text.len()
    }
}

/// A default method.
pub trait Doubled: Clone + Hash + Eq + 'static {
    /// Keyed on `self`, in this thread's cache.
    #[memoize(scope = thread)]
    fn doubled(&self, n: u32) -> u32 {
        n * 2
    }
}

impl Doubled for Offset {}

#[cfg(test)]
mod tests {
    use std::future::Future;
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    use memo::CacheInfo;

    use super::*;

    /// Runs a future that never waits.
    fn ready<F: Future>(future: F) -> F::Output {
        match pin!(future).poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(output) => output,
            Poll::Pending => panic!("the future waited"),
        }
    }

    fn info(hits: u64, misses: u64, maxsize: Option<usize>, currsize: usize) -> CacheInfo {
        CacheInfo {
            hits,
            misses,
            maxsize,
            currsize,
        }
    }

    #[test]
    fn functions_are_memoized() {
        let text = String::from("ab");
        assert_eq!(repeat(&text, 2), "abab");
        assert_eq!(repeat("ab", 2), "abab");
        assert_eq!(repeat::cache_info(), info(1, 1, Some(4), 1));

        let bytes = vec![1, 2, 3];
        assert_eq!(ready(joined(&text, &bytes)), 5);
        assert_eq!(ready(joined("ab", &[1, 2, 3])), 5);
        assert_eq!(joined::cache_info(), info(1, 1, Some(4), 1));

        assert_eq!(by_length("ab"), "ab");
        assert_eq!(by_length("cd"), "ab");
        assert_eq!(by_length::cache_info(), info(1, 1, Some(4), 1));

        assert_eq!(per_thread(2), 6);
        assert_eq!(per_thread(2), 6);
        assert_eq!(per_thread::cache_info(), info(1, 1, Some(128), 1));

        assert!(parsed("x").is_err());
        assert_eq!(parsed("7"), Ok(7));
        assert_eq!(parsed("7"), Ok(7));
        assert_eq!(parsed::cache_info(), info(1, 2, Some(128), 1));
    }

    #[test]
    fn methods_are_memoized() {
        let (one, two) = (Offset(1), Offset(2));
        assert_eq!(one.local(1), 2);
        assert_eq!(one.local(1), 2);
        assert_eq!(two.local(1), 3);
        assert_eq!(Offset::local_cache_info(), info(1, 2, Some(128), 2));

        assert_eq!(one.shared(1), 2);
        assert_eq!(one.shared(1), 2);
        assert_eq!(Offset::shared_cache_info(), info(1, 1, Some(128), 1));

        assert_eq!(ready(one.measured("ab")), 3);
        assert_eq!(ready(one.measured("ab")), 3);
        assert_eq!(Offset::measured_cache_info(), info(1, 1, Some(128), 1));

        assert_eq!(one.halved(4), 2);
        assert_eq!(one.halved(5), 2);
        assert_eq!(Offset::halved_cache_info(), info(1, 1, Some(128), 1));

        let (a, b) = (String::from("a"), String::from("b"));
        assert_eq!(View(&a).local(1), 2);
        assert_eq!(View(&b).local(1), 2);
        assert_eq!(View::<String>::local_cache_info(), info(1, 1, Some(128), 1));
        assert_eq!(ready(View(&a).measured("xyz")), 3);
        assert_eq!(ready(View(&b).measured("xyz")), 3);
        assert_eq!(
            View::<String>::measured_cache_info(),
            info(1, 1, Some(128), 1)
        );

        assert_eq!(one.doubled(3), 6);
        assert_eq!(one.doubled(3), 6);
        assert_eq!(Offset::doubled_cache_info(), info(1, 1, Some(128), 1));
    }
}
