//! The `#[memoize]` attribute of `memo`: Python's
//! `functools.lru_cache` for Rust functions.
//!
//! Use it through the `memo` crate, which re-exports it with runnable examples and holds the
//! runtime that the generated code calls.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod expand;
mod options;
mod signature;

use proc_macro::TokenStream;
use proc_macro2::TokenStream as TokenStream2;
use quote::ToTokens;

use crate::options::Options;

/// Memoizes a function with CPython's `functools.lru_cache` semantics, and puts beside it a
/// module of the same name with `cache_info()`, `cache_clear()`, `cache_parameters()` and
/// `uncached()`.
///
/// ```
/// use memo::memoize;
///
/// #[memoize(maxsize = 128)]
/// fn fibonacci(n: u32) -> u128 {
///     if n < 2 { n as u128 } else { fibonacci(n - 1) + fibonacci(n - 2) }
/// }
///
/// assert_eq!(fibonacci(100), 354224848179261915075);
/// assert_eq!(
///     fibonacci::cache_info().to_string(),
///     "CacheInfo(hits=98, misses=101, maxsize=128, currsize=101)",
/// );
/// fibonacci::cache_clear();
/// ```
///
/// # Options
///
/// | option | meaning | example |
/// |---|---|---|
/// | *(none)* | least-recently-used cache of 128 entries, as Python's `@lru_cache` | `#[memoize]` |
/// | `maxsize = N` | at most `N` entries (an integer or a constant `usize` expression); `0` caches nothing | `#[memoize(maxsize = 1024)]` |
/// | `maxsize = None` | no bound, nothing is evicted, as Python's `@cache` | `#[memoize(maxsize = None)]` |
/// | `policy = lru` | a full cache evicts the least recently used entry (default) | `#[memoize(maxsize = 64, policy = lru)]` |
/// | `policy = fifo` | a full cache evicts the oldest entry; a hit does not refresh it | `#[memoize(maxsize = 64, policy = fifo)]` |
/// | `ttl = <Duration>` | an entry is a miss once it is `ttl` old, and is recomputed | `#[memoize(ttl = Duration::from_secs(30))]` |
/// | `clock = <expr>` | what a `ttl` is timed by, in place of the `AutoClock` (a `ManualClock`, for tests that do not sleep) | `#[memoize(ttl = Duration::from_secs(30), clock = CLOCK.clone())]` |
/// | `ignore = [a, ...]` | the key leaves these arguments out (a connection, a logger; `self`) | `#[memoize(ignore = [conn])]` |
/// | `key = <expr>` | the key is this expression over the arguments | `#[memoize(key = name.to_lowercase(), key_type = String)]` |
/// | `key_type = <Type>` | the type of `key`, unless it is made of argument names (`key = (b, a)`) | see `key` |
/// | `cache_err = true` | a `Result`'s `Err` is cached too (by default only `Ok` is) | `#[memoize(cache_err = true)]` |
/// | `scope = thread` | one cache per thread, no lock (default `scope = global`: one for all threads); not on an `async fn` | `#[memoize(scope = thread)]` |
/// | `crate = path` | where `memo` is, if the dependency is renamed (default `::memo`) | `#[memoize(crate = my_memo)]` |
///
/// Options are `name = value` with plain tokens (`policy = fifo`, not `"fifo"`), each given
/// at most once, in any order. Options that conflict, or that another option makes
/// meaningless, are compile errors at the option: `policy` with `maxsize = None`; `policy`,
/// `ttl`, `clock` or `cache_err` (even `= false`) with `maxsize = 0`; `clock` without
/// `ttl`; `key` with `ignore`; `key_type` without `key` (or with a `key` made of argument
/// names); `ignore` naming something that is not an argument (or an argument twice, or
/// nothing); a `key` made of argument names that names one twice; `cache_err` on a function
/// that does not return a `Result`. A value handed down by a `macro_rules!` fragment
/// (`maxsize = $m`), or written in parentheses or braces (`maxsize = (N * 2)`,
/// `ttl = { TTL }`), is read and checked as if written bare in place. A `maxsize` that is
/// a constant equal to 0 (`maxsize = ZERO`) with one of those options is caught when the
/// constant is evaluated, with the same message (for a method, by `cargo build`:
/// `cargo check` does not evaluate it). `ttl = Duration::ZERO` is accepted and caches
/// nothing: every entry has expired when it is looked up.
///
/// ## `ttl = <Duration>`
///
/// ```
/// use std::time::Duration;
///
/// use memo::memoize;
///
/// #[memoize(maxsize = 256, ttl = Duration::from_secs(30))]
/// fn exchange_rate(currency: &str) -> f64 {
///     // An expensive lookup, whose answer may be 30 seconds old.
///     if currency == "EUR" { 1.08 } else { 1.0 }
/// }
///
/// # fn main() {
/// assert_eq!(exchange_rate("EUR"), exchange_rate("EUR"));
/// assert_eq!(exchange_rate::cache_info().hits, 1);
/// assert_eq!(exchange_rate::cache_parameters().ttl, Some(Duration::from_secs(30)));
/// # }
/// ```
///
/// An entry expires `ttl` after it was stored: from then on looking it up is a miss, the
/// function runs again and its result is stored afresh. Expired entries are dropped as the
/// cache is used (an idle cache keeps them until a later store sweeps them out, or
/// `cache_clear()`): a lookup drops the entry it finds expired; a full cache drops its
/// expired entries before it stores a new one, so that it evicts a live entry only when
/// none has expired; and a store into a cache that is not full sweeps out every expired
/// entry when some may have expired and either `n / 8` stores have come since the last
/// sweep (`n` being the entries it left) or those `n` have all expired, giving back the
/// memory of a burst of entries (64 or more) once it has expired. None of this walks the
/// whole cache on every store: the last sweep recorded which entries expire first, and
/// sweeps cost O(log n) amortized per store (see `memo::ExpiringCache`).
/// `cache_info().currsize` counts live entries only; when some may have expired, counting
/// them walks the cache (under the lock). Works with `lru`, `fifo` and `maxsize = None`;
/// `policy` still decides which live entry a full cache evicts. The value is a constant
/// `Duration` expression (`Duration::from_secs` and `from_millis` are `const`);
/// `Duration::MAX` never expires. Time is read once per lookup and once per store, from a
/// `memo::AutoClock`: on Linux and Android (with the default feature `coarse-clock`), for a
/// ttl of at least 100 kernel ticks (0.1 to 1 s, by the kernel's `HZ`), the kernel's coarse
/// monotonic clock, which reads in about a fifth of the time of `Instant::now()` (`cargo
/// bench --bench options -- clock_read`) and has an entry expire up to two ticks early,
/// never late (as long as the kernel keeps its ticks on time); for a shorter ttl, or
/// elsewhere, the exact `std::time::Instant`. A `clock` option replaces the `AutoClock`.
///
/// ## `clock = <expression>`
///
/// Times a `ttl` by another `memo::Clock`: most often a `memo::ManualClock`, so that a test
/// moves the time instead of sleeping. The expression is evaluated each time the cache is
/// built (on the first store, and on the first after `cache_clear()`; for `scope = thread`,
/// in each thread), with the cache released, so it may read the function's companions; it
/// cannot use `self` or the arguments. Its value must be a `Clock + Send + Sync +
/// 'static`. Clones of a `ManualClock` share its time, so a `static` one, cloned, is moved
/// by the test. Declare that `static` at module level, as in the example, not inside the
/// `#[test]` function: the options' expressions do not see a function's items (see
/// *Limitations*), and a `static` of the same name at module level would be used instead.
/// A hit reads the time through a `Box<dyn Clock>`, a call through a pointer.
///
/// ```
/// use std::sync::LazyLock;
/// use std::time::Duration;
///
/// use memo::{ManualClock, memoize};
///
/// static CLOCK: LazyLock<ManualClock> = LazyLock::new(ManualClock::new);
///
/// #[memoize(ttl = Duration::from_secs(30), clock = CLOCK.clone())]
/// fn exchange_rate(currency: &str) -> f64 {
///     if currency == "EUR" { 1.08 } else { 1.0 }
/// }
///
/// # fn main() {
/// exchange_rate("EUR");
/// CLOCK.advance(Duration::from_secs(29));
/// exchange_rate("EUR"); // 29 s old: a hit
/// CLOCK.advance(Duration::from_secs(1));
/// exchange_rate("EUR"); // 30 s old: expired, a miss
/// assert_eq!(exchange_rate::cache_info().hits, 1);
/// assert_eq!(exchange_rate::cache_info().misses, 2);
/// # }
/// ```
///
/// To time it by the `AutoClock` outside the crate's unit tests, give the clock by a
/// function whose body depends on `cfg(test)`: the two clocks need not have the same type.
/// (Integration tests in `tests/` and doctests build the crate without `cfg(test)`, so
/// they get the `AutoClock`.)
///
/// ```
/// use std::time::Duration;
///
/// use memo::{Clock, memoize};
///
/// const TTL: Duration = Duration::from_secs(30);
///
/// fn rate_clock() -> impl Clock + Send + Sync + 'static {
///     #[cfg(test)]
///     return tests::CLOCK.clone(); // a `static` `ManualClock` of the tests
///     #[cfg(not(test))]
///     return memo::AutoClock::for_ttl(TTL);
/// }
///
/// #[memoize(ttl = TTL, clock = rate_clock())]
/// fn exchange_rate(currency: &str) -> f64 {
///     if currency == "EUR" { 1.08 } else { 1.0 }
/// }
///
/// # fn main() {
/// assert_eq!(exchange_rate("EUR"), 1.08);
/// # }
/// ```
///
/// ## `ignore = [arg, ...]` and `key = <expression>`
///
/// ```
/// use memo::memoize;
/// # struct Connection;
/// # impl Connection {
/// #     fn query(&self, id: u32) -> String { format!("user {id}") }
/// # }
/// # struct Logger;
/// # impl Logger {
/// #     fn log(&self, _: &str) {}
/// # }
///
/// #[memoize(ignore = [conn])]
/// fn user_name(conn: &Connection, id: u32) -> String {
///     conn.query(id)
/// }
///
/// #[memoize(key = name.to_lowercase(), key_type = String)]
/// fn greeting(name: &str) -> String {
///     format!("hello {}", name.to_lowercase())
/// }
///
/// #[memoize(key = (id, lang))]
/// fn title(id: u32, lang: &str, log: &Logger) -> String {
///     log.log("computing a title");
///     format!("{id} ({lang})")
/// }
///
/// # fn main() {
/// assert_eq!(user_name(&Connection, 7), "user 7");
/// assert_eq!(user_name(&Connection, 7), "user 7"); // a hit: the query is not run again
/// assert_eq!(greeting("Ada"), greeting("ADA")); // one key, "ada"
/// assert_eq!(greeting::cache_info().currsize, 1);
/// assert_eq!(title(1, "en", &Logger), "1 (en)");
/// assert_eq!((user_name::cache_info().hits, title::cache_info().misses), (1, 1));
/// # }
/// ```
///
/// With `ignore`, the key is the tuple of the other arguments, looked up exactly as without
/// it (a hit still neither allocates nor clones). An ignored argument is only passed on to
/// the body: it need not be `Hash`, `Eq`, `Clone` or `Send`, and it may borrow
/// (`&Conn<'a>`, `Option<&str>`, `&dyn Log`). Ignoring every argument makes a constant
/// function, computed once (as `key = ()` does). The body still sees every argument, but a
/// hit does not run it: what it does with an ignored argument happens on misses only.
///
/// `key = <expression>` makes the key the value of the expression, written as in the body:
/// it sees the arguments (and `self`, in a method: `key = self.id`) with their declared
/// types (`name` is a `&str` above), and must not move out of one (clone what it needs). It
/// is evaluated on every call, hits included (that cost is inherent: the key is what is
/// looked up), and its value is moved into the cache on a miss (never cloned, so the key
/// need not be `Clone`). `key_type` is its type, which must be `Hash + Eq + 'static` (and
/// `Send` in the global scope). A key made of argument names only, `key = a` or
/// `key = (b, a)`, needs no `key_type`: it is the tuple of those arguments, looked up as
/// without options (no allocation on a hit); the other arguments are left out as with
/// `ignore`.
///
/// ## `Result` returns and `cache_err`
///
/// ```
/// use std::io;
/// use std::sync::Arc;
///
/// use memo::memoize;
///
/// #[memoize]
/// fn read_setting(name: &str) -> io::Result<Arc<str>> {
///     match name {
///         "home" => Ok(Arc::from("/home/ada")),
///         _ => Err(io::Error::new(io::ErrorKind::NotFound, name)),
///     }
/// }
///
/// # fn main() {
/// assert!(read_setting("home").is_ok());
/// assert!(read_setting("shell").is_err());
/// assert!(read_setting("shell").is_err()); // not cached: a miss again
/// let info = read_setting::cache_info();
/// assert_eq!((info.hits, info.misses, info.currsize), (0, 3, 1));
/// # }
/// ```
///
/// When the return type is a `Result`, `Ok` values are cached and `Err` values are not: as
/// a Python exception, the error is returned to the caller, counted as a miss, and the next
/// call with the same arguments runs the function again. The cache then stores the `Ok`
/// type only, so the error type needs no bound at all: it need not be `Clone`
/// (`std::io::Error` is not). It may borrow from an argument or from `self`, as a parser's
/// error pointing into its input does (`-> Result<u32, ParseError<'_>>`,
/// `-> Result<u32, &str>`), and it may be an `impl Trait`, when the return type is written
/// `Result<T, E>`. The exception: through an alias that hides `E` and takes a lifetime
/// (`c::Result<'a, T>`), the error cannot borrow. `cache_err = true` caches every
/// `Result` as a value, errors included (the error type is then `Clone` too, and must not
/// borrow). A return type is taken for a `Result` when its last path segment is `Result`
/// (`Result<T, E>`, `io::Result<T>`, `anyhow::Result<T>`, `fmt::Result`); an alias of
/// another name that hides a `Result` is cached as a plain value, errors included, and a
/// type of your own named `Result` is taken for one (a compile error that suggests
/// `cache_err = true`, which caches it as a plain value). `Option` is always a plain value:
/// `None` is cached.
///
/// ## `scope = thread`
///
/// ```
/// use std::rc::Rc;
///
/// use memo::memoize;
///
/// #[memoize(scope = thread, maxsize = 1024)]
/// fn tokenize(text: &str) -> Rc<[String]> {
///     text.split_whitespace().map(String::from).collect()
/// }
///
/// # fn main() {
/// assert_eq!(tokenize("a b").len(), 2);
/// assert_eq!(tokenize("a b").len(), 2);
/// std::thread::spawn(|| {
///     tokenize("a b"); // this thread's cache is empty: a miss
///     assert_eq!(tokenize::cache_info().misses, 1);
/// })
/// .join()
/// .unwrap();
/// assert_eq!(tokenize::cache_info().hits, 1); // this thread's counts
/// # }
/// ```
///
/// Each thread has its own cache in a `thread_local!`, built on the thread's first call and
/// dropped when the thread exits. A hit takes no lock and no atomic operation. **`cache_info()`
/// and `cache_clear()` then act on the calling thread's cache only**: its counts, its
/// entries. Keys and values need not be `Send` (an `Rc` is fine). Recursion works as in the
/// global scope. A call made at the thread's exit, after its cache was dropped (from the
/// `Drop` of a value in another thread-local, or in its own cache), runs the body uncached,
/// counted nowhere and storing nothing; `cache_info()` then reports 0 hits, 0 misses,
/// `maxsize` 0 and `currsize` 0, and `cache_parameters()` `maxsize` 0 and no `ttl`, with
/// the declared `policy` and `scope` (so `Unbounded` beside `maxsize` 0 for
/// `maxsize = None`). (A panic there, in a thread-local's destructor, would abort the
/// process.)
///
/// # `async fn`
///
/// ```
/// use memo::memoize;
///
/// #[memoize(maxsize = 256)]
/// async fn word_count(text: &str) -> usize {
///     // An `.await` on I/O would go here: a hit does not run it.
///     text.split_whitespace().count()
/// }
///
/// # fn main() {
/// # fn block_on<F: std::future::Future>(future: F) -> F::Output {
/// #     let mut context = std::task::Context::from_waker(std::task::Waker::noop());
/// #     match std::pin::pin!(future).poll(&mut context) {
/// #         std::task::Poll::Ready(output) => output,
/// #         std::task::Poll::Pending => unreachable!(),
/// #     }
/// # }
/// assert_eq!(block_on(word_count("a b c")), 3);
/// assert_eq!(block_on(word_count("a b c")), 3); // a hit
/// assert_eq!(word_count::cache_info().hits, 1);
/// # }
/// ```
///
/// An `async fn` (a method too) is memoized as a function is, with every option but
/// `scope = thread`. A hit returns the cached value the first time the future is polled,
/// awaiting nothing. A miss is counted, then the body is awaited with no lock held, and its
/// output is stored. The future is `Send` when the arguments and the return type are, so a
/// multi-threaded runtime can spawn it. A recursive `async fn` boxes its recursive calls,
/// as any must: `Box::pin(f(n - 1)).await`.
///
/// - **Nothing is looked up or counted until the future is first polled.** A future
///   dropped after that and before it completes (a cancelled task, a timeout) is a call
///   that panicked: its miss stays counted and it stores nothing.
/// - **Two tasks that miss the same key at once** both run the body, as two threads do,
///   and as with Python's `lru_cache`: the second does not wait for the first. A bounded
///   cache keeps the first value stored and an unbounded one the last; each caller gets its
///   own. (Python's `async-lru` caches the task in flight, so that they share one run.)
/// - **`cache_clear()` while a miss is in flight** empties the cache; the call then stores
///   its output in the emptied cache, as a call on another thread would.
/// - **The future is larger** than the unmemoized one's: the function awaits the memoized
///   future of its module, each `async fn` keeps its own copy of the arguments, as rustc
///   lays them out, and the miss holds the key (`async fn(u64) -> u64`: 80 bytes against
///   16).
/// - **`scope = thread` is a compile error**: a task may resume on another thread than the
///   one whose cache it missed in.
/// - `f::uncached(args)` is an `async fn` too.
///
/// Python's `lru_cache` on an `async def` caches the coroutine, which can be awaited only
/// once; `#[memoize]` caches its output.
///
/// # Methods
///
/// ```
/// use std::sync::Arc;
///
/// use memo::memoize;
///
/// #[derive(Clone, PartialEq, Eq, Hash)]
/// pub struct Model {
///     weight: i64,
/// }
///
/// impl Model {
///     #[memoize(maxsize = 64)]
///     pub fn predict(&self, input: &str) -> i64 {
///         self.weight * input.len() as i64
///     }
///
///     #[memoize(ignore = [self])]
///     pub fn vocabulary(&self, lang: &str) -> Arc<Vec<String>> {
///         Arc::new(vec![format!("{lang}:hello")])
///     }
/// }
///
/// let (small, large) = (Model { weight: 1 }, Model { weight: 10 });
/// assert_eq!(small.predict("abc"), 3);
/// assert_eq!(large.predict("abc"), 30); // another `self`: another key
/// assert_eq!(small.predict("abc"), 3);
/// assert_eq!(Model::predict_cache_info().hits, 1);
/// small.vocabulary("en");
/// large.vocabulary("en"); // `self` is not in the key: a hit
/// assert_eq!(Model::vocabulary_cache_info().hits, 1);
/// ```
///
/// On a method taking `&self` (or `self`) in an inherent `impl`, the key includes `self`,
/// as `lru_cache` on a method does. `self` is keyed as an argument would be: `&self` as an
/// argument `&T`, `self` as an argument `T` by value. So `Self` must be
/// `Hash + Eq + Clone + 'static` (and `Send` in the global scope), and is cloned on a miss
/// only. By `&self`, an unsized `Self` also works, with an owned form (`ToOwned::Owned`,
/// `String` for `str`) that is `Hash + Eq + 'static` (and `Send` in the global scope).
/// `ignore = [self]` leaves it out (then `Self` needs no bound, and may borrow). A module
/// cannot live in an `impl`, so the companions are associated functions named after the
/// method: `Type::name_cache_info()`, `Type::name_cache_clear()`,
/// `Type::name_cache_parameters()` and `value.name_uncached(args...)`, with the method's
/// visibility. A method name's trailing underscores move to the end of each companion's
/// name, which keeps it snake case: `type_` has `Type::type_cache_info_()`, ...,
/// `value.type_uncached_(args...)`. Each instantiation of a generic `impl<T> Type<T>` has a
/// cache of its own (`Type::<u8>::name_cache_info()`), even when the key leaves `self` out:
/// instantiations are told apart by their types, lifetimes aside (`Apply<F>` with two
/// different closures for `F` has two caches; `Parser<'a>` has a single one, shared by
/// every `'a`). A method's hit also finds its cache among the instantiations' (a type-id
/// comparison per instantiation called so far, then one downcast). `&mut self` is a compile
/// error (a hit would skip the mutation), as are other receivers (`self: Box<Self>`) and
/// methods of trait impls (a trait impl cannot have the extra associated functions). A
/// default method in a trait definition can be memoized: each implementing type, and each
/// instantiation of a generic trait, has a cache of its own (`Type::name_cache_info()`),
/// and the companions are provided associated functions of the trait, which is then not
/// dyn-compatible. Keyed on `self` there, it needs
/// `Self: Hash + Eq + Clone + Send + 'static` (`Send` only in the global scope), or, keyed
/// on `&self` (or an argument `&Self`) with a `Self` that may be unsized,
/// `Self: Hash + Eq + ToOwned, <Self as ToOwned>::Owned: Hash + Eq + Send + 'static`, which
/// a trait's `Self` does not have unless told: write it as a `where` clause on the method,
/// or as supertraits of the trait, or leave `self` out with `ignore = [self]`. Without
/// them, each missing trait is reported once, at the method's `self`
/// (`tests/ui/trait_method_self_unbounded.stderr`).
///
/// # What is generated
///
/// The function keeps its name, signature, visibility, attributes and docs. Beside it, a
/// module of the same name and visibility (modules and functions live in different
/// namespaces, so `use path::f;` imports both) holds:
///
/// - `f::cache_info() -> memo::CacheInfo`: hits, misses, `maxsize` and current size, as
///   Python's `f.cache_info()`; it prints as Python does:
///   `CacheInfo(hits=98, misses=101, maxsize=128, currsize=101)`;
/// - `f::cache_clear()`: empties the cache and resets both counts to zero;
/// - `f::cache_parameters() -> memo::CacheParameters`: the `maxsize`, `policy`, `ttl` and
///   `scope` it was built with, as Python's `f.cache_parameters()` (`policy` is
///   `Unbounded` for `maxsize = None`, and `Lru`, the default, for `maxsize = 0`);
/// - `f::uncached(args...)`: the original body without the cache, as Python's
///   `f.__wrapped__` (recursive calls in the body still use the cache). It keeps the
///   function's lint attributes, `#[must_use]`, `#[deprecated]`, `#[target_feature]` (the
///   body is built with the features) and `#[track_caller]` (with which
///   `Location::caller()` in the body is the caller's on a miss; a hit does not run the
///   body). The lints the function allows are allowed on the companions too. Its docs
///   point to the function's `# Errors` and `# Panics` sections, when it has them (as
///   clippy's pedantic `missing_errors_doc` and `missing_panics_doc` ask of a method's
///   `name_uncached`); an argument named `_x` that only the generated code uses (passing
///   it on, or in a `key` expression) does not draw `used_underscore_binding`.
///
/// An attribute macro below `#[memoize]` stays on the memoized function and sees every
/// call, hits included; one above `#[memoize]` expands first, on the body that `#[memoize]`
/// then caches, and sees the misses only. `#[tracing::instrument]` above `#[memoize]`
/// traces what Python's `@lru_cache` over `@trace` does: the misses.
///
/// A memoized function that is never called gets rustc's `dead_code` warning at its name,
/// as any function does, even when its companions are used (a call of `f::uncached` whose
/// body calls `f` counts as a use). The companions are not reported, but for a method the
/// warning names its `name_uncached` too ("methods `m` and `m_uncached` are never used").
///
/// # Semantics
///
/// These hold with every option, and are those of CPython's `lru_cache` where it has the
/// same feature:
///
/// - The key is the tuple of the arguments (except those `ignore`d), or the value of `key`. An
///   argument `&T` is keyed by `T::Owned` (`&str` by `String`, `&[u8]` by `Vec<u8>`); an
///   argument `T` by value is keyed by `T`.
/// - A hit returns a clone of the cached value, counts a hit and, under `lru`, makes the
///   entry the most recently used. In the global scope it takes one lock. Without a `key`
///   expression it hashes the arguments once and neither allocates nor clones them.
/// - A miss is counted before the function runs. The function runs with no lock held (no
///   `RefCell` borrowed, with `scope = thread`), so it may call itself (recursion works, even
///   when it evicts entries midway). Its result is then stored as the most recent entry,
///   evicting one if the cache is full. If another call stored the same key meanwhile, a
///   bounded cache keeps that entry and an unbounded one (`maxsize = None`) overwrites it,
///   as CPython's bounded wrapper and `functools.cache` do; either way the caller gets its
///   own result. An `Err` is not stored, unless `cache_err = true`.
/// - A call that panics has counted its miss (or its hit, if the clone of the cached value
///   panics) and stores nothing; the cache stays usable.
/// - There is one cache per function (per instantiation of a generic `impl` for a method),
///   shared by all threads (`scope = global`) or one per thread (`scope = thread`). It is
///   built by the first call that stores a value (and again after `cache_clear()`), so a
///   huge `maxsize` allocates nothing up front. A bounded cache holds at most
///   `u32::MAX - 1` entries (its links are `u32` indices): a larger `maxsize` is accepted,
///   and the cache panics with a message when a store would go past that.
/// - Keys are hashed with `hashbrown`'s default hasher, foldhash: fast, seeded per process,
///   with little resistance to HashDoS. For keys an adversary chooses, bound the cache,
///   which bounds what colliding keys can cost; do not key on a hash of them instead
///   (`key = hash(..)`), which would give two inputs with one hash one result.
///
/// # Requirements
///
/// - Every argument type in the key (`T` of an `&T` argument) is `Hash + Eq`, its owned form
///   is `'static` and `Send` (in the global scope), and an argument taken by value is `Clone`
///   (the key is a clone, made on a miss only). Arguments outside the key need nothing.
///   `f32` and `f64` are neither `Hash` nor `Eq` (NaN is not equal to itself): key a float
///   by its bits, `key = x.to_bits(), key_type = u64` (where `0.0` and `-0.0` are two keys,
///   and every NaN with the same bits one), or `ignore` it. A `key` is the whole key, so it
///   must hold the other arguments too: `key = (x.to_bits(), n), key_type = (u64, u32)` for
///   `fn f(x: f64, n: u32)` (the compile error for a float spells this out when it can). A
///   `key` runs on every call, hits included: an argument `s: &str` in it as
///   `s.to_owned()` allocates where the plain `&str` key would not.
/// - The return type (for a `Result` not cached with `cache_err`, its `Ok` type) is
///   `Clone + 'static`, and `Send` in the global scope. Return an `Arc<T>` to memoize a large
///   value: a hit then only bumps a reference count.
/// - `Hash` and `Eq` of the key and `Clone` of the value on a hit run while the cache's
///   lock is held (its `RefCell` borrowed, with `scope = thread`), so they must not call
///   the same memoized function or its companions (a deadlock; with `scope = thread`, a
///   panic with a message), nor, in the global scope, one whose own keys or values call
///   back into it (two threads would each hold one lock and wait for the other). For a
///   method, "the same function" means the same instantiation of its `impl` (or
///   implementing type, for a trait's default method): each has its own cache and lock, so
///   the key of one may call another. Whatever leaves the cache on a store (an evicted
///   entry, an entry overwritten, a result not stored because its key was stored meanwhile)
///   is dropped once the lock is released, so its `Drop` may call any memoized function,
///   this one and its companions included; but with `ttl`, it is dropped with the lock
///   held, as are expired entries, and the same rules as for `Hash` apply to its `Drop`.
///
/// A type that misses one of these is reported on that argument or return type, once per
/// missing trait (for a method, each missing trait once more at the attribute). A missing
/// trait of `Self` is reported once, at the receiver `self` if it is in the key, else at
/// the first argument type that mentions `Self`.
///
/// # Not supported (compile errors)
///
/// Each is reported at the offending tokens, with a message that starts with `memoize:`,
/// except for two that the attribute cannot see, since it is given the function alone, not
/// the `impl` around it: an associated function without `self` is taken for a free function
/// and gets rustc's "module is not supported in `trait`s or `impl`s", and a method of a
/// trait impl gets rustc's "not a member of trait" for its companions and its hidden
/// accessor (`_name_memoize`), with E0599 errors that follow from those
/// (`tests/ui/associated_fn.stderr`, `tests/ui/trait_impl_method.stderr`). After any of
/// these errors the function is left as written, and stand-ins for its `cache_info`,
/// `cache_clear` and `cache_parameters` are generated, so that calls of them add no errors
/// of their own. In the two cases the attribute cannot see, the stand-ins get the same
/// rustc errors as the companions would (a call of `S::m_cache_info()` still gets E0599).
///
/// - associated functions without `self` (their companion module cannot be in an `impl`),
///   methods of trait impls, and `Self` outside a method;
/// - `&mut self`, `self: Box<Self>` and every receiver other than `&self` and `self`;
/// - generic functions (type or const parameters; lifetime parameters are fine) and
///   `impl Trait` arguments or return types (except as the error type of a `Result` whose
///   errors are not cached);
/// - `&mut` arguments, or `&mut` anywhere in an argument's type (`Option<&mut T>`), even
///   ignored; argument patterns other than a name (`mut x` is fine); and attributes on
///   arguments;
/// - keys that borrow other than as a whole `&T` argument (`Option<&str>`, `&&str`,
///   `Cow<'a, str>`: key on an owned form, with the other arguments of the key, since a
///   `key` is the whole key, as `key = (word.map(str::to_owned), n), key_type =
///   (Option<String>, u32)` for `fn f(word: Option<&str>, n: u32)`; or `ignore` such an
///   argument), trait objects in keys, and return types that borrow (other than
///   `&'static T`), but for the error type of a `Result` whose errors are not cached;
/// - `f32` or `f64` in the key, alone or in a tuple, array, slice, reference, `Vec`,
///   `VecDeque`, `Option` or `Box` (rustc reports the missing `Hash` of a type of yours that
///   holds one). The check goes by name: a type of yours named `Vec` that is `Hash` for
///   floats is accepted written as `my::Vec<f64>`, and rejected imported and written
///   `Vec<f64>`;
/// - returning `!`, more than 12 arguments in the key;
/// - a function named like an item of its module: `cache_info`, `cache_clear`,
///   `cache_parameters`, `uncached`, `__memoized`, or the `static`s `__MEMO` and
///   `__PLACE`;
/// - `const fn`, `unsafe fn` and variadic functions, and an `async fn` with
///   `scope = thread`;
/// - a second `#[memoize]` on the same function.
///
/// Accepted, for the record: an `extern "ABI"` is kept on the memoized function (and on
/// what the body's own name reaches, so that the body may pass it as an `extern "ABI" fn`),
/// `uncached` being a plain Rust function; and a function returning `()`, as in Python,
/// whose body then runs once per distinct key.
///
/// # Limitations
///
/// - The body of a function moves into the generated module, which sees the items of the
///   enclosing module through `use super::*` (paths starting with `super::` or
///   `self::super::` are adjusted, and so are the private items of an inherent `impl` in
///   the body, made `pub(super)`: private to the enclosing module, as written), and the
///   function itself, so that it can call itself. A function declared inside another
///   function's body (in a `#[test]`, say) can therefore call itself, but its signature,
///   its body and its options' expressions (`maxsize`, `ttl`, `clock`, `key`, `key_type`)
///   cannot use the other items declared in that block, `use` declarations included, only
///   those of the enclosing module: rustc reports such a name as not found in this scope.
///   Patterns are checked too: a name alone in a pattern that is no item in scope binds a
///   new variable, matching anything, so each one that starts with an uppercase letter in a
///   refutable pattern (a `match` arm, `if let`, `while let`, `let .. else`, `matches!`) is
///   imported in the body, and one the body cannot see is rustc's "unresolved import" at
///   the pattern. So a binding whose name starts with an uppercase letter in such a pattern
///   is a compile error too, wherever the function is declared: name it in snake case (a
///   method's patterns are not checked). Not checked: the names of the prelude (`None`,
///   `Default`, which a user's variant may be named too), a pattern under `#[cfg_attr]`,
///   and every pattern of a body that imports with a glob. A doc example is such a block,
///   since rustdoc wraps it in a `fn main` unless it writes one: the examples above write
///   theirs, hidden with `#`. Where the block and the enclosing module both have an item of
///   some name, the body sees the module's, silently (rustc only warns that the block's is
///   unused). A method's body stays where it is.
/// - The module takes the function's name in the enclosing module's type namespace, where
///   it shadows a crate of that name: beside `#[memoize] fn regex(..)`, a path
///   `regex::Regex` is looked up in the module and not found (write `::regex::Regex`, or
///   name the function otherwise); and a module or type of that name is a conflict
///   (rustc's "defined multiple times", at the attribute).
/// - Inside the body, the module's names `cache_info`, `cache_clear`, `cache_parameters`,
///   `uncached`, `__memoized`, `__MEMO` and `__PLACE` shadow items of the same name of the
///   enclosing module.
/// - Since a function's body runs in the module, `module_path!()` in it names the module
///   (`crate::parse::number` for `fn number` in `crate::parse`: the target `log` and
///   `tracing` take by default), and so does the `type_name` of a type declared in it. A
///   `macro_rules!` macro that writes `super::` paths into the body resolves them from the
///   module, one level down: only the body's own tokens are adjusted.
/// - An intra-doc link ``[`f`]`` to a memoized function is ambiguous, `f` being a function
///   and a module: write ``[`f()`]`` for the function, ``[`mod@f`]`` for the companions.
/// - A type with a hidden lifetime parameter (`Cow<str>` written without `'_`) cannot be a
///   key or a cached return type (`fn f(x: &str) -> Cow<str>` borrows `x`): the attribute
///   cannot see the lifetime, and the compiler reports it as borrowed data escaping
///   (E0521), on the attribute. Return a `Cow<'static, str>` or an owned type (`String`)
///   instead. The error type of a `Result` whose errors are not cached may have one.
/// - The generated items allow some lints that they would draw where the user's code does
///   not, so a crate that `forbid`s one of these (rather than `deny`, which they override)
///   gets rustc's E0453 "incompatible with previous forbid" at the attribute (for a lint
///   group, such as `forbid(warnings)` or `forbid(unused)`, a future-incompatibility
///   warning): always `unused_imports` on a free function (its module imports the enclosing
///   module's names with a glob, which a body may not use), clippy's `missing_const_for_fn`
///   (on `uncached`), and `dead_code` on a method's companions; only when the function has
///   them, `non_snake_case` (names not in snake case), `clippy::used_underscore_binding`
///   (arguments named `_x`), `clippy::too_many_arguments` (more than 7), `deprecated` (a
///   deprecated function, or an uppercase name in a refutable pattern),
///   `clippy::type_complexity` (a return type with `dyn`), `improper_ctypes_definitions`
///   (an `extern` ABI), and the clippy lints that the signature's types draw (below).
/// - clippy lints the signature of a memoized function as it would without the attribute,
///   once (`tests/clippy_once.rs` compares the two), although the macro writes it out
///   several times: the copies allow the lints that the types draw (`vec_box`,
///   `box_collection`, `redundant_allocation`, `rc_buffer`, `borrowed_box`,
///   `type_complexity`, `linkedlist`, `option_option`, `owned_cow`,
///   `unnecessary_box_returns`, `ref_option`, `trivially_copy_pass_by_ref`,
///   `large_types_passed_by_value`, `fn_params_excessive_bools`, `result_unit_err`), read
///   from the tokens by clippy's default thresholds (a `clippy.toml` is not read): a type
///   named `Vec` is taken for `std`'s. Where those rules miss, a lint is reported twice;
///   where they match wrongly, the `allow` conflicts with a `forbid` of the lint. The
///   exceptions: a `pub fn` in a private module loses the lints that clippy skips on
///   exported functions (`vec_box`, `trivially_copy_pass_by_ref` and the others of its
///   `avoid-breaking-exported-api`); a free function loses `needless_pass_by_value`,
///   `must_use_candidate`, `result_unit_err`, `missing_errors_doc` and some lints of its
///   body (`needless_return`), and others of its body are reported at the attribute
///   (`unnecessary_wraps`); a method draws the lints of a whole function
///   (`missing_errors_doc`, `must_use_candidate`) twice, on the method and on its
///   `uncached`.
/// - `#[expect(lint)]` on the function acts as `#[allow(lint)]`: the function is written out
///   several times (the function, the memoized function and its trampoline in the module,
///   `uncached`), and the lint may fire in any of them.
#[proc_macro_attribute]
pub fn memoize(args: TokenStream, input: TokenStream) -> TokenStream {
    let original = TokenStream2::from(input.clone());
    // On an error, the function stays as written, so that its callers do not add errors of
    // their own, and so do the companions once it is known to be a function.
    let failed = |error: syn::Error, fallback: TokenStream2| {
        let mut tokens = error.to_compile_error();
        tokens.extend(original.clone());
        tokens.extend(fallback);
        tokens.into()
    };
    let function = match parse_function(input) {
        Ok(function) => function,
        Err(error) => return failed(error, TokenStream2::new()),
    };
    // The other `#[memoize]`, which expands next, makes the companions.
    if let Err(error) = reject_second_memoize(&function.attrs) {
        return failed(error, TokenStream2::new());
    }
    let args = TokenStream2::from(args);
    let options = match Options::parse(args.clone()) {
        Ok(options) => options,
        Err(error) => {
            // Without a `crate` path to name, no stand-ins: they would add an error.
            let fallback = options::crate_path(args)
                .map(|krate| expand::fallback(&krate, &function))
                .unwrap_or_default();
            return failed(error, fallback);
        }
    };
    match expand::expand(&options, function.clone()) {
        Ok(expanded) => expanded.into(),
        Err(error) => failed(error, expand::fallback(&options.krate, &function)),
    }
}

/// The function `input` is, or an error at it.
fn parse_function(input: TokenStream) -> syn::Result<syn::ItemFn> {
    match syn::parse::<syn::Item>(input)? {
        syn::Item::Fn(function) => Ok(function),
        // What syn makes of a declaration without a body (`fn f(&self) -> u32;`, in a
        // trait or an `extern` block).
        syn::Item::Verbatim(tokens) if syn::parse2::<syn::TraitItemFn>(tokens.clone()).is_ok() => {
            Err(syn::Error::new_spanned(
                tokens,
                "memoize: a function without a body has nothing to memoize (in a trait, \
                 memoize its default body)",
            ))
        }
        item => Err(syn::Error::new_spanned(
            item.to_token_stream(),
            "memoize: only functions can be memoized",
        )),
    }
}

/// A second `#[memoize]` below the first would memoize the memoized function and clash
/// with the first one's companions.
fn reject_second_memoize(attrs: &[syn::Attribute]) -> syn::Result<()> {
    match attrs.iter().find(|attr| {
        attr.path()
            .segments
            .last()
            .is_some_and(|last| last.ident == "memoize")
    }) {
        Some(second) => Err(syn::Error::new_spanned(
            second,
            "memoize: the function is memoized twice; keep one `#[memoize(..)]`",
        )),
        None => Ok(()),
    }
}
