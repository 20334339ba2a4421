//! Memoized functions in a crate that denies clippy's pedantic lints, and the nursery's
//! `missing_const_for_fn` (whose suggestion, `const fn`, cannot be memoized): what the
//! macro writes draws none of them (CI runs clippy on this file with warnings denied), and
//! the functions still work. rustc's own warnings are denied too: a name with a trailing
//! underscore (`type_`) gets companions that are snake case (`type_cache_info_`), and one
//! with a leading underscore (`_plus`) a hidden accessor that is too.
#![deny(warnings, clippy::pedantic, clippy::missing_const_for_fn)]

use memo::memoize;

/// An argument named `_scale` is used by the generated code, not by the body.
#[memoize]
#[must_use]
pub fn scaled(x: u64, _scale: u64) -> u64 {
    x * 2
}

/// The function's own lint levels do not reach what the macro writes.
#[memoize]
#[deny(clippy::pedantic)]
#[must_use]
pub fn offset(x: u64, _unit: u64) -> u64 {
    #![warn(clippy::used_underscore_binding)]
    x + 1
}

/// The largest value `capped` returns.
pub const CAP: u64 = 9;

/// A constant in a pattern, which the macro imports to check it (see `tests/patterns.rs`).
#[memoize]
#[must_use]
pub fn capped(x: u64) -> u64 {
    match x {
        0 => 1,
        CAP => CAP - 1,
        _ if matches!(x.checked_sub(CAP), Some(CAP)) => 0,
        _ => x.min(CAP),
    }
}

/// A type with memoized methods.
#[derive(Clone, Debug, Hash, PartialEq, Eq)]
pub struct Point {
    x: u64,
}

impl Point {
    /// The first coordinate, parsed back from text.
    ///
    /// # Errors
    ///
    /// When the text is not a number.
    ///
    /// # Panics
    ///
    /// When the coordinate is `u64::MAX`.
    #[memoize(ignore = [_label])]
    pub fn parsed(&self, _label: &str) -> Result<u64, std::num::ParseIntError> {
        assert!(self.x != u64::MAX, "no room");
        self.x.to_string().parse()
    }

    /// The first coordinate plus `n`: a body that could be `const`.
    #[memoize]
    #[must_use]
    pub fn shifted(&self, n: u64) -> u64 {
        self.x + n
    }

    /// The first coordinate times `n`, named with a trailing underscore as a keyword is.
    #[memoize]
    #[must_use]
    pub fn type_(&self, n: u64) -> u64 {
        self.x * n
    }

    /// The first coordinate plus `n`, named with a leading underscore: its cache's hidden
    /// accessor is snake case too.
    #[memoize]
    #[must_use]
    pub fn _plus(&self, n: u64) -> u64 {
        self.x + n
    }
}

/// A free function named with a trailing underscore.
#[memoize]
#[must_use]
pub fn match_(x: u64) -> u64 {
    x + 3
}

/// An `async fn`, whose generated functions await.
///
/// # Errors
///
/// When `x` is 0.
#[memoize]
pub async fn halved(x: u64) -> Result<u64, String> {
    std::future::ready(()).await;
    if x == 0 {
        Err("zero".to_owned())
    } else {
        Ok(x / 2)
    }
}

impl Point {
    /// The first coordinate plus `n`, asynchronously.
    #[memoize]
    pub async fn later(&self, n: u64) -> u64 {
        std::future::ready(self.x + n).await
    }
}

/// The output of a future that is ready at once.
fn ready<F: std::future::Future>(future: F) -> F::Output {
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    match std::pin::pin!(future).poll(&mut context) {
        std::task::Poll::Ready(output) => output,
        std::task::Poll::Pending => panic!("pending"),
    }
}

#[test]
fn memoized_items_under_pedantic_lints_still_cache() {
    assert_eq!(scaled(2, 0), 4);
    assert_eq!(scaled(2, 0), 4);
    assert_eq!(scaled::cache_info().hits, 1);
    assert_eq!(offset(1, 0), 2);
    assert_eq!(capped(CAP), CAP - 1);
    assert_eq!(capped(2 * CAP), 0);
    assert_eq!(capped(100), CAP);
    let point = Point { x: 7 };
    assert_eq!(point.parsed("a"), Ok(7));
    assert_eq!(point.parsed("b"), Ok(7));
    assert_eq!(Point::parsed_cache_info().hits, 1);
    assert_eq!(point.parsed_uncached("c"), Ok(7));
    assert_eq!(point.shifted(1), 8);
    assert_eq!(point.shifted_uncached(1), 8);
    assert_eq!(point.type_(2), 14);
    assert_eq!(point.type_(2), 14);
    assert_eq!(Point::type_cache_info_().hits, 1);
    assert_eq!(Point::type_cache_parameters_().maxsize, Some(128));
    assert_eq!(point.type_uncached_(3), 21);
    Point::type_cache_clear_();
    assert_eq!(Point::type_cache_info_().currsize, 0);
    // Calling it is this test's own use of an underscored item.
    #[allow(clippy::used_underscore_items)]
    let plus = point._plus(1);
    assert_eq!(plus, 8);
    assert_eq!(Point::_plus_cache_info().misses, 1);
    assert_eq!(match_(1), 4);
    assert_eq!(match_::cache_info().misses, 1);
    assert_eq!(ready(halved(4)), Ok(2));
    assert_eq!(halved::cache_info().misses, 1);
    assert_eq!(ready(point.later(1)), 8);
    assert_eq!(Point::later_cache_info().misses, 1);
}
