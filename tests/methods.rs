//! `#[memoize]` on methods: keyed on `self` as `lru_cache` is, or not with `ignore = [self]`;
//! companions are associated functions `Type::name_cache_info()` and so on.
//!
//! Every test uses methods of its own: each method has one cache per instantiation of its
//! `impl`, shared by the whole process.
#![deny(missing_docs, unused)]

mod common;

use common::{Calls, info};

use std::fmt::Display;
use std::hash::Hash;
use std::mem::size_of;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use memo::{CacheParameters, Policy, Scope, memoize};

static SCALE_CALLS: Calls = Calls::new();

/// Multiplies by a factor.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct Scaler {
    factor: u32,
}

impl Scaler {
    /// `n` times the factor.
    #[memoize(maxsize = 4)]
    pub fn scale(&self, mut n: u32) -> u32 {
        SCALE_CALLS.count();
        n *= self.factor;
        n
    }

    /// A copy with twice the factor, keyed on `self` taken by value.
    #[memoize]
    fn doubled(self) -> Self {
        Scaler {
            factor: self.factor * 2,
        }
    }

    /// Fibonacci scaled, recursive through `self`.
    #[memoize(maxsize = 3)]
    fn fibonacci(&self, n: u32) -> u64 {
        if n < 2 {
            u64::from(n * self.factor)
        } else {
            self.fibonacci(n - 1) + self.fibonacci(n - 2)
        }
    }
}

#[test]
fn a_method_is_keyed_on_self_and_its_arguments() {
    let two = Scaler { factor: 2 };
    let three = Scaler { factor: 3 };
    assert_eq!(two.scale(5), 10);
    assert_eq!(two.scale(5), 10);
    assert_eq!(three.scale(5), 15);
    // An equal `self` is the same key.
    assert_eq!(Scaler { factor: 2 }.scale(5), 10);
    assert_eq!(SCALE_CALLS.get(), 2);
    assert_eq!(Scaler::scale_cache_info(), info(2, 2, Some(4), 2));
    assert_eq!(
        Scaler::scale_cache_parameters(),
        CacheParameters {
            maxsize: Some(4),
            ..CacheParameters::default()
        }
    );
    assert_eq!(Scaler::scale_uncached(&two, 7), 14);
    assert_eq!(SCALE_CALLS.get(), 3);
    Scaler::scale_cache_clear();
    assert_eq!(Scaler::scale_cache_info(), info(0, 0, Some(4), 0));
}

#[test]
fn self_by_value_and_returning_self() {
    let one = Scaler { factor: 1 };
    assert_eq!(one.clone().doubled(), Scaler { factor: 2 });
    assert_eq!(one.doubled(), Scaler { factor: 2 });
    assert_eq!(Scaler::doubled_cache_info(), info(1, 1, Some(128), 1));
}

#[test]
fn a_method_may_recurse() {
    let scaler = Scaler { factor: 1 };
    assert_eq!(scaler.fibonacci(60), 1_548_008_755_920);
    // As Python's `lru_cache(maxsize=3)` on a method: `self` is part of every key.
    assert_eq!(Scaler::fibonacci_cache_info(), info(58, 61, Some(3), 3));
}

/// A connection handle: not `Hash`, `Eq` nor `Clone`.
pub struct Service {
    queries: AtomicUsize,
}

impl Service {
    /// The name of user `id`, not keyed on the service.
    #[memoize(ignore = [self], ttl = Duration::from_secs(3600))]
    pub fn user_name(&self, id: u32) -> String {
        self.queries.fetch_add(1, Ordering::SeqCst);
        format!("user {id}")
    }

    /// Parsed, keyed on the trimmed text only.
    #[memoize(key = text.trim().to_owned(), key_type = String)]
    pub fn parse(&self, text: &str) -> Result<u32, std::num::ParseIntError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        text.trim().parse()
    }
}

#[test]
fn ignore_self_leaves_the_receiver_out() {
    let first = Service {
        queries: AtomicUsize::new(0),
    };
    let second = Service {
        queries: AtomicUsize::new(0),
    };
    assert_eq!(first.user_name(1), "user 1");
    assert_eq!(second.user_name(1), "user 1");
    assert_eq!(first.queries.load(Ordering::SeqCst), 1);
    assert_eq!(second.queries.load(Ordering::SeqCst), 0);
    assert_eq!(Service::user_name_cache_info(), info(1, 1, Some(128), 1));
    assert_eq!(
        Service::user_name_cache_parameters().ttl,
        Some(Duration::from_secs(3600))
    );
}

#[test]
fn a_key_expression_and_result_on_a_method() {
    let service = Service {
        queries: AtomicUsize::new(0),
    };
    assert_eq!(service.parse(" 4"), Ok(4));
    assert_eq!(service.parse("4 "), Ok(4));
    assert!(service.parse("x").is_err());
    assert!(service.parse("x").is_err());
    assert_eq!(service.queries.load(Ordering::SeqCst), 3);
    assert_eq!(Service::parse_cache_info(), info(1, 3, Some(128), 1));
}

/// A wrapper, generic: each instantiation has caches of its own.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Wrapper<T>(T);

impl<T: Clone + Eq + Hash + Send + Display + 'static> Wrapper<T> {
    /// The value and a suffix.
    #[memoize(maxsize = 8)]
    pub fn show(&self, suffix: &str) -> String {
        format!("{}{suffix}", self.0)
    }

    /// The size of `T`: not keyed on `self`, yet one cache per `T`.
    #[memoize(ignore = [self])]
    pub fn size(&self) -> usize {
        size_of::<T>()
    }
}

#[test]
fn a_generic_impl_has_one_cache_per_instantiation() {
    assert_eq!(Wrapper(1_u8).show("!"), "1!");
    assert_eq!(Wrapper(1_u8).show("!"), "1!");
    assert_eq!(Wrapper(1_u16).show("!"), "1!");
    assert_eq!(Wrapper::<u8>::show_cache_info(), info(1, 1, Some(8), 1));
    assert_eq!(Wrapper::<u16>::show_cache_info(), info(0, 1, Some(8), 1));
    assert_eq!(Wrapper::<u32>::show_cache_info(), info(0, 0, Some(8), 0));
    Wrapper::<u8>::show_cache_clear();
    assert_eq!(Wrapper::<u8>::show_cache_info(), info(0, 0, Some(8), 0));
    assert_eq!(Wrapper::<u16>::show_cache_info(), info(0, 1, Some(8), 1));

    // Same key and value types, yet `Wrapper<u8>` and `Wrapper<u64>` do not share a cache.
    assert_eq!(Wrapper(0_u8).size(), 1);
    assert_eq!(Wrapper(0_u64).size(), 8);
    assert_eq!(Wrapper(9_u64).size(), 8);
    assert_eq!(Wrapper::<u8>::size_cache_info(), info(0, 1, Some(128), 1));
    assert_eq!(Wrapper::<u64>::size_cache_info(), info(1, 1, Some(128), 1));
}

/// Applies a function: with two closures, two instantiations whose `type_name` is the same.
pub struct Apply<F>(F);

impl<F: Fn(u32) -> u32> Apply<F> {
    /// `self.0(x)`, keyed on `x` alone.
    #[memoize(ignore = [self])]
    pub fn apply(&self, x: u32) -> u32 {
        (self.0)(x)
    }

    /// `self.0(x)`, keyed on `x` alone, one cache per thread.
    #[memoize(ignore = [self], scope = thread)]
    pub fn apply_here(&self, x: u32) -> u32 {
        (self.0)(x)
    }
}

/// Two instantiations of `Apply`, whose `Self` types have the same name.
fn double_and_triple() -> (Apply<impl Fn(u32) -> u32>, Apply<impl Fn(u32) -> u32>) {
    (Apply(|x| x * 2), Apply(|x| x * 3))
}

#[test]
fn instantiations_named_alike_have_caches_of_their_own() {
    let (double, triple) = double_and_triple();
    assert_eq!(double.apply(5), 10);
    assert_eq!(triple.apply(5), 15);
    assert_eq!(double.apply(5), 10);
    assert_eq!(triple.apply(5), 15);
    assert_eq!(double.apply_here(5), 10);
    assert_eq!(triple.apply_here(5), 15);
    assert_eq!(triple.apply_here(5), 15);
}

/// Borrows its name: `Self` is not `'static`, which is fine when `self` is ignored.
pub struct Borrowing<'a> {
    name: &'a str,
}

impl<'a> Borrowing<'a> {
    /// `n` repeated, with the name only logged.
    #[memoize(ignore = [self], maxsize = None)]
    pub fn repeat(&self, n: usize) -> String {
        let _ = self.name;
        "ab".repeat(n)
    }
}

#[test]
fn a_borrowing_self_can_be_ignored() {
    let name = String::from("x");
    let borrowing = Borrowing { name: &name };
    assert_eq!(borrowing.repeat(2), "abab");
    assert_eq!(borrowing.repeat(2), "abab");
    assert_eq!(Borrowing::repeat_cache_info(), info(1, 1, None, 1));

    // `Self` types that differ in their lifetimes only share the cache.
    let other = String::from("y");
    assert_eq!(Borrowing { name: &other }.repeat(2), "abab");
    assert_eq!(Borrowing::repeat_cache_info(), info(2, 1, None, 1));
}

static LOCAL_CALLS: Calls = Calls::new();

/// A counter per thread.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PerThread(u32);

impl PerThread {
    /// Plus one, cached per thread.
    #[memoize(scope = thread, maxsize = 2)]
    pub fn next(&self) -> std::rc::Rc<u32> {
        LOCAL_CALLS.count();
        std::rc::Rc::new(self.0 + 1)
    }
}

#[test]
fn a_method_with_thread_scope() {
    assert_eq!(*PerThread(1).next(), 2);
    assert_eq!(*PerThread(1).next(), 2);
    assert_eq!(PerThread::next_cache_info(), info(1, 1, Some(2), 1));
    assert_eq!(PerThread::next_cache_parameters().scope, Scope::Thread);
    std::thread::spawn(|| {
        assert_eq!(PerThread::next_cache_info(), info(0, 0, Some(2), 0));
        assert_eq!(*PerThread(1).next(), 2);
        assert_eq!(PerThread::next_cache_info(), info(0, 1, Some(2), 1));
    })
    .join()
    .unwrap();
    assert_eq!(PerThread::next_cache_info(), info(1, 1, Some(2), 1));
    assert_eq!(LOCAL_CALLS.get(), 2);
    assert_eq!(PerThread::next_cache_parameters().policy, Policy::Lru);
}

/// Parses numbers in a base.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Radix {
    base: u32,
    name: String,
}

/// What could not be parsed, borrowed from the input or the parser.
#[derive(Debug, PartialEq, Eq)]
pub struct Unparsed<'a>(pub &'a str);

static RADIX_CALLS: Calls = Calls::new();

impl Radix {
    /// `text` in this base; an error, never cached, borrows `text`.
    #[memoize]
    pub fn digits<'t>(&self, text: &'t str) -> Result<u32, Unparsed<'t>> {
        RADIX_CALLS.count();
        u32::from_str_radix(text, self.base).map_err(|_| Unparsed(text))
    }

    /// The same with `self` by value, so that the error's elided lifetime is the text's.
    #[memoize(scope = thread)]
    pub fn value(self, text: &str) -> Result<u32, &str> {
        u32::from_str_radix(text, self.base).map_err(|_| text)
    }

    /// `n` if it is a digit of this base; an error borrows `self`, through a lifetime
    /// hidden in the path `Unparsed` (which rustc warns of beside the `&` of `&self`).
    #[memoize(ttl = Duration::from_secs(3600))]
    #[allow(mismatched_lifetime_syntaxes)]
    pub fn digit(&self, n: u32) -> Result<u32, Unparsed> {
        if n < self.base {
            Ok(n)
        } else {
            Err(Unparsed(&self.name))
        }
    }
}

#[test]
fn a_method_error_may_borrow_its_arguments_or_self() {
    let hex = Radix {
        base: 16,
        name: "hex".to_owned(),
    };
    let bad = String::from("xyz");
    for _ in 0..2 {
        assert_eq!(hex.digits(&bad), Err(Unparsed("xyz")));
        assert_eq!(hex.digits("ff"), Ok(255));
        assert_eq!(hex.clone().value(&bad), Err("xyz"));
        assert_eq!(hex.clone().value("10"), Ok(16));
        assert_eq!(hex.digit(20), Err(Unparsed("hex")));
        assert_eq!(hex.digit(2), Ok(2));
    }
    assert_eq!(RADIX_CALLS.get(), 3);
    for info_of in [
        Radix::digits_cache_info,
        Radix::value_cache_info,
        Radix::digit_cache_info,
    ] {
        assert_eq!(info_of(), info(1, 3, Some(128), 1));
    }
}

/// A private method, whose unused companions must not warn.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Quiet;

impl Quiet {
    #[memoize]
    fn value(&self) -> u8 {
        1
    }
}

#[test]
fn unused_companions_do_not_warn() {
    assert_eq!(Quiet.value(), 1);
}

/// Tells where it was called from.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Tracked;

impl Tracked {
    /// The line of the call, and `n`.
    #[memoize]
    #[track_caller]
    pub fn called_from(&self, n: u32) -> (u32, u32) {
        (std::panic::Location::caller().line(), n)
    }
}

#[test]
fn track_caller_reaches_a_method_body() {
    let line = line!();
    assert_eq!(Tracked.called_from(1), (line + 1, 1));
    assert_eq!(Tracked.called_from_uncached(2), (line + 2, 2));
}

/// A shape, whose default `describe` is memoized: one cache per implementing type.
pub trait Shape: Clone + PartialEq + Eq + Hash + Send + 'static {
    /// How many sides.
    fn sides(&self) -> u32;

    /// Its description.
    #[memoize(maxsize = 4)]
    fn describe(&self) -> String {
        format!("{} sides", self.sides())
    }
}

/// A square.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Square;

impl Shape for Square {
    fn sides(&self) -> u32 {
        4
    }
}

/// A triangle.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Triangle;

impl Shape for Triangle {
    fn sides(&self) -> u32 {
        3
    }
}

#[test]
fn a_default_method_of_a_trait_has_a_cache_per_implementing_type() {
    assert_eq!(Square.describe(), "4 sides");
    assert_eq!(Square.describe(), "4 sides");
    assert_eq!(Triangle.describe(), "3 sides");
    assert_eq!(Square::describe_cache_info(), info(1, 1, Some(4), 1));
    assert_eq!(Triangle::describe_cache_info(), info(0, 1, Some(4), 1));
    Square::describe_cache_clear();
    assert_eq!(Triangle::describe_cache_info(), info(0, 1, Some(4), 1));
}

/// A tree node whose memoized default `digest` has a cache per implementing type, in
/// both scopes.
pub trait Node: Clone + Eq + Hash + Send + 'static {
    /// Its own weight.
    fn weight(&self) -> u64;

    /// Its digest.
    #[memoize(maxsize = 16)]
    fn digest(&self) -> u64 {
        self.weight().wrapping_mul(31)
    }

    /// Its digest, cached per thread.
    #[memoize(maxsize = 16, scope = thread)]
    fn local_digest(&self) -> u64 {
        self.weight().wrapping_mul(31)
    }
}

/// A leaf.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Leaf(u64);

impl Node for Leaf {
    fn weight(&self) -> u64 {
        self.0
    }
}

/// A branch over a leaf, hashed by the leaf's digest: the key of one implementing type's
/// cache calls another's.
#[derive(Clone, PartialEq, Eq)]
pub struct Branch(Leaf);

impl Hash for Branch {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (self.0.digest(), self.0.local_digest()).hash(state);
    }
}

impl Node for Branch {
    fn weight(&self) -> u64 {
        self.0.digest() + 1
    }
}

#[test]
fn a_key_may_call_the_cache_of_another_implementing_type() {
    // On another thread, so that a deadlock fails the test instead of hanging it.
    let (done, finished) = std::sync::mpsc::channel();
    let thread = std::thread::spawn(move || {
        let branch = Branch(Leaf(3));
        let digests = (branch.digest(), branch.local_digest());
        assert_eq!((branch.digest(), branch.local_digest()), digests);
        done.send(digests).unwrap();
        assert_eq!(Branch::digest_cache_info(), info(1, 1, Some(16), 1));
        assert_eq!(Branch::local_digest_cache_info(), info(1, 1, Some(16), 1));
    });
    let digests = finished.recv_timeout(Duration::from_secs(60));
    assert_eq!(digests, Ok((94 * 31, 94 * 31)));
    thread.join().unwrap();
}

/// A value whose `Drop` calls the cache of another implementing type of `Tokens`.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct Token(u32);

impl Drop for Token {
    fn drop(&mut self) {
        if self.0 < 100 {
            drop(Other(self.0 + 100).token());
        }
    }
}

/// Things with a token, cached per thread and per implementing type.
pub trait Tokens: Clone + Eq + Hash + 'static {
    /// Its number.
    fn id(&self) -> u32;

    /// Its token.
    #[memoize(maxsize = 1, scope = thread)]
    fn token(&self) -> Token {
        Token(self.id())
    }
}

/// Some thing.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Thing(u32);

impl Tokens for Thing {
    fn id(&self) -> u32 {
        self.0
    }
}

/// Another thing.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Other(u32);

impl Tokens for Other {
    fn id(&self) -> u32 {
        self.0
    }
}

#[test]
fn a_value_dropped_at_thread_exit_may_call_another_instantiation() {
    std::thread::spawn(|| {
        assert_eq!(Thing(1).token(), Token(1));
        // Evicts `Token(1)`, whose `Drop` calls `Other`'s cache, which is separate (as
        // does every `Token` below 100 dropped here).
        assert_eq!(Thing(2).token(), Token(2));
        assert_eq!(Other(101).token(), Token(101));
        assert!(Other::token_cache_info().hits > 0);
        // At the thread's exit, `Token(2)` is dropped with the caches: its call runs
        // without them (a panic there would abort the process).
    })
    .join()
    .unwrap();
}

/// A generic trait whose default method leaves `self` out: one cache per trait argument
/// too, not only per implementing type.
pub trait SizeOf<T>: Sized {
    /// The size of `T`.
    #[memoize(ignore = [self])]
    fn size_of_t(&self) -> usize {
        size_of::<T>()
    }
}

/// Implements `SizeOf` twice.
pub struct Both;

impl SizeOf<u8> for Both {}
impl SizeOf<u64> for Both {}

#[test]
fn a_generic_trait_has_a_cache_per_trait_argument() {
    assert_eq!(<Both as SizeOf<u8>>::size_of_t(&Both), 1);
    assert_eq!(<Both as SizeOf<u64>>::size_of_t(&Both), 8);
    assert_eq!(<Both as SizeOf<u64>>::size_of_t(&Both), 8);
    assert_eq!(
        <Both as SizeOf<u8>>::size_of_t_cache_info(),
        info(0, 1, Some(128), 1)
    );
    assert_eq!(
        <Both as SizeOf<u64>>::size_of_t_cache_info(),
        info(1, 1, Some(128), 1)
    );
}

/// A list whose memoized method puts its bounds on `T` in a `where` clause of its own.
pub struct Items<T>(Vec<T>);

impl<T> Items<T> {
    /// The item at `n`, bounded where the method needs it rather than on the `impl`.
    #[memoize(ignore = [self])]
    pub fn item<'a>(&'a self, n: usize) -> Option<T>
    where
        T: Clone + Send + 'static + 'a,
    {
        self.0.get(n).cloned()
    }
}

/// A trait whose default method keys on `self` with the bounds in its `where` clause,
/// rather than as supertraits.
pub trait Described {
    /// The name of the type and the argument.
    fn name(&self) -> &'static str;

    /// `name` and `n`, memoized, keyed on `self`.
    #[memoize(maxsize = 4)]
    fn describe_n(&self, n: u32) -> String
    where
        Self: Clone + Eq + Hash + Send + Sized + 'static,
    {
        format!("{} {n}", self.name())
    }
}

/// Implements `Described`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Named;

impl Described for Named {
    fn name(&self) -> &'static str {
        "named"
    }
}

#[test]
fn a_where_clause_of_the_method_bounds_its_cache() {
    let items = Items(vec![String::from("a")]);
    assert_eq!(items.item(0).as_deref(), Some("a"));
    assert_eq!(items.item(0).as_deref(), Some("a"));
    assert_eq!(items.item(1), None);
    assert_eq!(Items::<String>::item_cache_info(), info(1, 2, Some(128), 2));
    Items::<String>::item_cache_clear();
    assert_eq!(Items::<String>::item_cache_info(), info(0, 0, Some(128), 0));

    assert_eq!(Named.describe_n(1), "named 1");
    assert_eq!(Named.describe_n(1), "named 1");
    assert_eq!(Named::describe_n_cache_info(), info(1, 1, Some(4), 1));
    assert_eq!(Named::describe_n_cache_parameters().maxsize, Some(4));
}

/// A distance between two values of the implementing type, keyed on both, in a cache of
/// each thread: `Self` needs no `Send` there.
pub trait Distance: Clone + Eq + Hash + 'static {
    /// Its position.
    fn position(&self) -> i64;

    /// How far `other` is.
    #[memoize(scope = thread)]
    fn distance(&self, other: &Self) -> u64 {
        self.position().abs_diff(other.position())
    }
}

/// Implements `Distance`, and is not `Send`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Point(i64, std::marker::PhantomData<*const ()>);

impl Distance for Point {
    fn position(&self) -> i64 {
        self.0
    }
}

#[test]
fn an_argument_of_type_self_is_in_the_key_too() {
    let at = |position| Point(position, std::marker::PhantomData);
    assert_eq!(at(1).distance(&at(4)), 3);
    assert_eq!(at(1).distance(&at(4)), 3);
    assert_eq!(at(4).distance(&at(1)), 3);
    assert_eq!(Point::distance_cache_info(), info(1, 2, Some(128), 2));
}

static SHOUT_CALLS: Calls = Calls::new();

/// Upper-cases text, keyed on `&self` of an unsized `Self` (`str`): `Self` is bounded as the
/// `T` of an argument `&T` is, its owned form (`String`) stored in the cache.
pub trait Shout {
    /// The text in capitals.
    #[memoize]
    fn loud(&self) -> String
    where
        Self: Hash + Eq + ToOwned + AsRef<str>,
        <Self as ToOwned>::Owned: Hash + Eq + Send + 'static,
    {
        SHOUT_CALLS.count();
        self.as_ref().to_uppercase()
    }
}

impl Shout for str {}

#[test]
fn an_unsized_self_is_keyed_by_reference() {
    assert_eq!("hey".loud(), "HEY");
    assert_eq!("hey".loud(), "HEY");
    assert_eq!(String::from("ho").as_str().loud(), "HO");
    assert_eq!(SHOUT_CALLS.get(), 2);
    assert_eq!(<str as Shout>::loud_cache_info(), info(1, 2, Some(128), 2));
}

static NAME_CALLS: Calls = Calls::new();

/// A name, unsized as `str` is, whose owned form is [`NameBuf`].
#[derive(PartialEq, Eq, Hash)]
#[repr(transparent)]
pub struct Name(str);

/// The owned form of a [`Name`].
#[derive(PartialEq, Eq, Hash)]
pub struct NameBuf(String);

impl Name {
    /// `text` as a name.
    pub fn new(text: &str) -> &Name {
        // SAFETY: `Name` is a `repr(transparent)` `str`.
        unsafe { &*(std::ptr::from_ref::<str>(text) as *const Name) }
    }

    /// Its initials, keyed on `&self` of an unsized `Self` with a `ToOwned` of its own.
    #[memoize(scope = thread)]
    pub fn initials(&self) -> String {
        NAME_CALLS.count();
        self.0
            .split(' ')
            .filter_map(|word| word.chars().next())
            .collect()
    }
}

impl std::borrow::Borrow<Name> for NameBuf {
    fn borrow(&self) -> &Name {
        Name::new(&self.0)
    }
}

impl ToOwned for Name {
    type Owned = NameBuf;

    fn to_owned(&self) -> NameBuf {
        NameBuf(self.0.to_owned())
    }
}

#[test]
fn an_unsized_newtype_with_its_own_to_owned_is_keyed_by_reference() {
    assert_eq!(Name::new("Ada King").initials(), "AK");
    assert_eq!(Name::new("Ada King").initials(), "AK");
    assert_eq!(Name::new("Alan Turing").initials(), "AT");
    assert_eq!(NAME_CALLS.get(), 2);
    assert_eq!(Name::initials_cache_info(), info(1, 2, Some(128), 2));
}

/// A read-through view of a shared map, whose deprecated method `get` calls the map's own
/// `get` on a temporary lock guard.
pub struct Registry {
    map: std::sync::Mutex<std::collections::HashMap<u32, u32>>,
}

// Its recursive calls, in every form, do not warn of its own deprecation.
#[deny(deprecated)]
impl Registry {
    /// The value of `key` plus that of 0 (twice) and 1, through recursive calls.
    #[memoize(ignore = [self])]
    #[deprecated = "kept to test the attribute"]
    pub fn get(&self, key: u32) -> Option<u32> {
        if key <= 1 {
            return self.map.lock().unwrap().get(&key).copied();
        }
        // `(&*self)` on purpose: a receiver that is `self` behind `&*` and parentheses.
        #[allow(
            clippy::borrow_deref_ref,
            clippy::needless_borrow,
            clippy::explicit_auto_deref
        )]
        let zero = self.get(0).unwrap_or(0) + (&*self).get(0).unwrap_or(0);
        let one = Self::get(self, 1).unwrap_or(0);
        self.map
            .lock()
            .unwrap()
            .get(&key)
            .copied()
            .map(|v| v + zero + one)
    }
}

#[test]
#[allow(deprecated)]
fn a_deprecated_method_calls_a_method_of_the_same_name_on_another_receiver() {
    let registry = Registry {
        map: std::sync::Mutex::new([(0, 1), (1, 10), (5, 50)].into()),
    };
    assert_eq!(registry.get(5), Some(62));
    assert_eq!(registry.get(5), Some(62));
    assert_eq!(Registry::get_cache_info(), info(2, 3, Some(128), 3));
}

/// Has a method named as a constant would be.
pub struct Shouty;

#[deny(non_snake_case)]
impl Shouty {
    /// `n`, loudly: the `allow` covers the companions named after it too.
    #[allow(non_snake_case)]
    #[memoize(ignore = [self])]
    pub fn LOUD(&self, n: u32) -> u32 {
        n
    }
}

#[test]
fn a_method_allowing_a_lint_allows_it_on_its_companions() {
    assert_eq!(Shouty.LOUD(1), 1);
    assert_eq!(Shouty::LOUD_cache_info(), info(0, 1, Some(128), 1));
}
