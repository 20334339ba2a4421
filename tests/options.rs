//! The options of `#[memoize]` beyond `lru_cache`'s: `ttl`, `key`/`key_type`, `ignore`,
//! `Result` returns and `cache_err`, and the companions `uncached()` and
//! `cache_parameters()`. Methods are in `tests/methods.rs`, `scope = thread` in
//! `tests/thread_scope.rs`.
//!
//! Each memoized function has one cache shared by the whole process and the tests run in
//! parallel, so every test uses memoized functions of its own.
//!
//! `ttl` is tested without sleeping: with its own clock, `ttl = Duration::ZERO` (an entry
//! has expired by the time it is looked up, so it is never served) against a ttl of an hour
//! (always served); with `clock = ` a `ManualClock`, entry by entry as the test moves the
//! time. Every edge of expiry is tested on `ExpiringCache` in `memo-core/tests/expiring.rs`.
#![deny(missing_docs, unused)]

mod common;

use common::{Calls, info};

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock, Mutex};
use std::time::Duration;

use memo::{CacheParameters, ManualClock, Policy, Scope, memoize};

// ---------------------------------------------------------------------------------------
// cache_parameters() and uncached()

#[memoize]
#[allow(dead_code, reason = "only its companions are called")]
fn plain(n: u32) -> u32 {
    n
}

#[memoize(maxsize = 8, policy = fifo, ttl = Duration::from_secs(30), scope = thread)]
#[allow(dead_code, reason = "only its companions are called")]
fn every_option(n: u32) -> u32 {
    n
}

#[memoize(maxsize = None, ttl = Duration::from_millis(1500))]
#[allow(dead_code, reason = "only its companions are called")]
fn unbounded_ttl(n: u32) -> u32 {
    n
}

/// A `maxsize` given as a constant, with options that a 0 would make meaningless: checked
/// where it is evaluated (`tests/ui/maxsize_zero_constant.rs`), and a 2 passes.
const TWO: usize = 2;

#[memoize(maxsize = TWO, policy = fifo, ttl = Duration::from_secs(60), cache_err = false)]
fn constant_maxsize(n: u32) -> Result<u32, String> {
    if n == 0 {
        Err(String::from("zero"))
    } else {
        Ok(n)
    }
}

struct Constant;

impl Constant {
    #[memoize(maxsize = TWO * 2, policy = fifo, ignore = [self])]
    fn double(&self, n: u32) -> u32 {
        n * 2
    }
}

#[memoize(maxsize = 0)]
#[allow(dead_code, reason = "only its companions are called")]
fn nothing(n: u32) -> u32 {
    n
}

#[test]
fn cache_parameters_tell_what_the_cache_was_built_with() {
    assert_eq!(plain::cache_parameters(), CacheParameters::default());
    assert_eq!(
        plain::cache_parameters(),
        CacheParameters {
            maxsize: Some(128),
            policy: Policy::Lru,
            ttl: None,
            scope: Scope::Global,
        }
    );
    assert_eq!(
        every_option::cache_parameters(),
        CacheParameters {
            maxsize: Some(8),
            policy: Policy::Fifo,
            ttl: Some(Duration::from_secs(30)),
            scope: Scope::Thread,
        }
    );
    assert_eq!(
        unbounded_ttl::cache_parameters(),
        CacheParameters {
            maxsize: None,
            policy: Policy::Unbounded,
            ttl: Some(Duration::from_millis(1500)),
            scope: Scope::Global,
        }
    );
    assert_eq!(
        nothing::cache_parameters(),
        CacheParameters {
            maxsize: Some(0),
            policy: Policy::Lru,
            ..CacheParameters::default()
        }
    );
    // Asking builds nothing and counts nothing.
    assert_eq!(plain::cache_info(), info(0, 0, Some(128), 0));
}

#[test]
fn a_constant_maxsize_combines_with_the_options_it_allows() {
    for n in [1, 2, 1, 3, 1] {
        assert_eq!(constant_maxsize(n), Ok(n));
    }
    // FIFO of 2: the hit on 1 did not refresh it, so 3 evicted it and the last 1 missed
    // (an LRU cache would have evicted 2 and hit).
    assert_eq!(constant_maxsize::cache_info(), info(1, 4, Some(2), 2));
    // `cache_err = false`: an error is not stored, and is computed again.
    assert!(constant_maxsize(0).is_err());
    assert!(constant_maxsize(0).is_err());
    assert_eq!(constant_maxsize::cache_info(), info(1, 6, Some(2), 2));
    assert_eq!(
        constant_maxsize::cache_parameters(),
        CacheParameters {
            maxsize: Some(2),
            policy: Policy::Fifo,
            ttl: Some(Duration::from_secs(60)),
            scope: Scope::Global,
        }
    );
    // FIFO of 4: the hit on 1 did not refresh it, so 5 evicted it.
    for n in [1, 2, 3, 4, 1, 5, 1] {
        assert_eq!(Constant.double(n), n * 2);
    }
    assert_eq!(Constant::double_cache_info(), info(1, 6, Some(4), 4));
}

/// Option values in parentheses or braces, as a reader may group them: read as written
/// bare, and with no `unused_parens` or `unused_braces` about code the user did not write
/// (this file denies `unused`). A `(0)` is a 0, checked as such (`options.rs`' unit tests).
#[memoize(maxsize = (TWO), policy = { fifo }, key = (n / 10), key_type = u32, ttl = { Duration::from_secs(3600) })]
fn grouped_options(n: u32) -> u32 {
    n / 10
}

#[test]
fn option_values_may_be_grouped() {
    for n in [10, 20, 11, 30, 12] {
        assert_eq!(grouped_options(n), n / 10);
    }
    // Keys 1, 2, 1, 3, 1: FIFO of two evicts 1 at 3 (the hit did not refresh it), so the
    // last 1 misses; LRU would have evicted 2 and hit twice.
    assert_eq!(grouped_options::cache_info(), info(1, 4, Some(2), 2));
    let parameters = grouped_options::cache_parameters();
    assert_eq!(parameters.policy, Policy::Fifo);
    assert_eq!(parameters.ttl, Some(Duration::from_secs(3600)));
}

static WRAPPED_CALLS: Calls = Calls::new();

#[memoize(ignore = [log], ttl = Duration::from_secs(3600))]
fn wrapped(log: &Mutex<Vec<u32>>, n: u32) -> Result<u32, String> {
    WRAPPED_CALLS.count();
    log.lock().unwrap().push(n);
    Ok(n + 1)
}

#[test]
fn uncached_runs_the_body_with_every_option() {
    let log = Mutex::new(Vec::new());
    assert_eq!(wrapped::uncached(&log, 1), Ok(2));
    assert_eq!(wrapped::uncached(&log, 1), Ok(2));
    assert_eq!(WRAPPED_CALLS.get(), 2);
    assert_eq!(wrapped::cache_info(), info(0, 0, Some(128), 0));
    assert_eq!(wrapped(&log, 1), Ok(2));
    assert_eq!(wrapped(&log, 1), Ok(2));
    assert_eq!(*log.lock().unwrap(), [1, 1, 1]);
    assert_eq!(wrapped::cache_info(), info(1, 1, Some(128), 1));
}

// ---------------------------------------------------------------------------------------
// Result and Option returns, cache_err

static PARSE_CALLS: Calls = Calls::new();

#[memoize]
fn parse(text: &str) -> Result<u32, std::num::ParseIntError> {
    PARSE_CALLS.count();
    text.parse()
}

#[test]
fn ok_is_cached_and_err_is_not() {
    assert!(parse("x").is_err());
    assert!(parse("x").is_err());
    // As a Python exception: both calls ran and counted a miss; nothing was stored.
    assert_eq!(PARSE_CALLS.get(), 2);
    assert_eq!(parse::cache_info(), info(0, 2, Some(128), 0));
    assert_eq!(parse("7"), Ok(7));
    assert_eq!(parse("7"), Ok(7));
    assert_eq!(PARSE_CALLS.get(), 3);
    assert_eq!(parse::cache_info(), info(1, 3, Some(128), 1));
}

static IO_CALLS: Calls = Calls::new();

/// `std::io::Error` is not `Clone`: an error that is never cached need not be.
#[memoize(maxsize = 4)]
fn read_setting(name: &str) -> std::io::Result<Arc<str>> {
    IO_CALLS.count();
    match name {
        "missing" => Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "no such setting",
        )),
        name => Ok(format!("value of {name}").into()),
    }
}

#[test]
fn an_error_need_not_be_clone() {
    let first = read_setting("color").unwrap();
    assert!(Arc::ptr_eq(&first, &read_setting("color").unwrap()));
    let error = read_setting("missing").unwrap_err();
    assert_eq!(error.kind(), std::io::ErrorKind::NotFound);
    assert!(read_setting("missing").is_err());
    assert_eq!(IO_CALLS.get(), 3);
    assert_eq!(read_setting::cache_info(), info(1, 3, Some(4), 1));
}

static CACHED_ERR_CALLS: Calls = Calls::new();

#[memoize(cache_err = true)]
fn parse_cached(text: &str) -> Result<u32, String> {
    CACHED_ERR_CALLS.count();
    text.parse().map_err(|_| format!("not a number: {text}"))
}

#[test]
fn cache_err_caches_errors_too() {
    assert_eq!(parse_cached("x"), Err("not a number: x".to_owned()));
    assert_eq!(parse_cached("x"), Err("not a number: x".to_owned()));
    assert_eq!(parse_cached("3"), Ok(3));
    assert_eq!(parse_cached("3"), Ok(3));
    assert_eq!(CACHED_ERR_CALLS.get(), 2);
    assert_eq!(parse_cached::cache_info(), info(2, 2, Some(128), 2));
}

static FORMAT_CALLS: Calls = Calls::new();

/// `fmt::Result` is a `Result<(), fmt::Error>`, taken for one by its name.
#[memoize]
fn check_even(n: u32) -> std::fmt::Result {
    FORMAT_CALLS.count();
    if n.is_multiple_of(2) {
        Ok(())
    } else {
        Err(std::fmt::Error)
    }
}

#[test]
fn a_result_alias_named_result_is_a_result() {
    for _ in 0..2 {
        assert_eq!(check_even(2), Ok(()));
        assert_eq!(check_even(3), Err(std::fmt::Error));
    }
    assert_eq!(FORMAT_CALLS.get(), 3);
    assert_eq!(check_even::cache_info(), info(1, 3, Some(128), 1));
}

/// An alias that hides `Result` is cached as a plain value, errors included.
type Outcome = Result<u32, String>;

static OUTCOME_CALLS: Calls = Calls::new();

#[memoize]
fn outcome(n: u32) -> Outcome {
    OUTCOME_CALLS.count();
    if n == 0 {
        Err("zero".to_owned())
    } else {
        Ok(n)
    }
}

#[test]
fn an_alias_hiding_result_caches_errors() {
    assert!(outcome(0).is_err());
    assert!(outcome(0).is_err());
    assert_eq!(OUTCOME_CALLS.get(), 1);
    assert_eq!(outcome::cache_info(), info(1, 1, Some(128), 1));
}

static HALF_CALLS: Calls = Calls::new();

#[memoize]
fn half(n: u32) -> Option<u32> {
    HALF_CALLS.count();
    n.is_multiple_of(2).then_some(n / 2)
}

#[test]
fn option_is_cached_as_a_value() {
    for _ in 0..3 {
        assert_eq!(half(3), None);
        assert_eq!(half(4), Some(2));
    }
    assert_eq!(HALF_CALLS.get(), 2);
    assert_eq!(half::cache_info(), info(4, 2, Some(128), 2));
}

static FRAGILE_CALLS: Calls = Calls::new();

#[memoize(maxsize = 2)]
fn fragile(n: u32) -> Result<u32, String> {
    FRAGILE_CALLS.count();
    assert!(n != 0, "zero");
    if n > 100 {
        Err("big".to_owned())
    } else {
        Ok(n)
    }
}

#[test]
fn a_result_function_that_panics_counts_its_miss() {
    assert!(std::panic::catch_unwind(|| fragile(0)).is_err());
    assert_eq!(fragile(1), Ok(1));
    assert_eq!(fragile(1), Ok(1));
    assert!(fragile(101).is_err());
    assert_eq!(FRAGILE_CALLS.get(), 3);
    assert_eq!(fragile::cache_info(), info(1, 3, Some(2), 1));
}

/// A parser's error, which points into its input.
#[derive(Debug, PartialEq, Eq)]
struct ParseError<'a> {
    at: &'a str,
}

static BORROWED_ERR_CALLS: Calls = Calls::new();

/// An error that is never cached may borrow the argument, through an elided lifetime.
#[memoize(maxsize = 4)]
fn parse_number(text: &str) -> Result<u32, ParseError<'_>> {
    BORROWED_ERR_CALLS.count();
    let text = text.trim();
    text.parse().map_err(|_| ParseError { at: text })
}

#[test]
fn an_error_that_borrows_the_argument_is_returned_and_not_cached() {
    // An input of the test's own, which the error borrows: it lives shorter than the cache.
    let bad = String::from(" x7 ");
    let error = parse_number(&bad).unwrap_err();
    // The error points into `bad` itself.
    assert!(std::ptr::eq(error.at, &bad[1..3]));
    assert_eq!(parse_number(&bad), Err(ParseError { at: "x7" }));
    // Both calls ran and counted a miss; nothing was stored.
    assert_eq!(BORROWED_ERR_CALLS.get(), 2);
    assert_eq!(parse_number::cache_info(), info(0, 2, Some(4), 0));
    assert_eq!(parse_number(" 7"), Ok(7));
    assert_eq!(parse_number(" 7"), Ok(7));
    assert_eq!(BORROWED_ERR_CALLS.get(), 3);
    assert_eq!(parse_number::cache_info(), info(1, 3, Some(4), 1));
    assert_eq!(parse_number::uncached(&bad), Err(ParseError { at: "x7" }));
}

static NAMED_ERR_CALLS: Calls = Calls::new();

/// A named lifetime, with a `ttl`, and an argument left out of the key.
#[memoize(ignore = [log], ttl = Duration::from_secs(3600))]
fn first_number<'a>(log: &Logger, text: &'a str) -> Result<u32, &'a str> {
    let _ = log;
    NAMED_ERR_CALLS.count();
    text.parse().map_err(|_| text)
}

static KEYED_ERR_CALLS: Calls = Calls::new();

/// A key expression, and an error that is a trait object borrowing the argument.
#[memoize(key = text.trim().to_owned(), key_type = String)]
fn trimmed_number(text: &str) -> Result<u32, Box<dyn std::fmt::Debug + '_>> {
    KEYED_ERR_CALLS.count();
    text.trim()
        .parse()
        .map_err(|_| Box::new(text) as Box<dyn std::fmt::Debug + '_>)
}

static OPAQUE_ERR_CALLS: Calls = Calls::new();

/// An opaque error, which borrows the argument too: the cache never names it.
#[memoize]
fn opaque_number(text: &str) -> Result<u32, impl std::fmt::Debug> {
    OPAQUE_ERR_CALLS.count();
    text.parse::<u32>().map_err(|_| text)
}

#[test]
fn borrowing_and_opaque_errors_combine_with_ttl_ignore_and_key() {
    let bad = String::from("x");
    for _ in 0..2 {
        assert_eq!(first_number(&Logger, &bad), Err("x"));
        assert_eq!(first_number(&Logger, "3"), Ok(3));
        assert_eq!(format!("{:?}", trimmed_number(&bad).unwrap_err()), "\"x\"");
        assert_eq!(trimmed_number(" 3").unwrap(), 3);
        assert_eq!(trimmed_number("3 ").unwrap(), 3);
        assert_eq!(format!("{:?}", opaque_number(&bad).unwrap_err()), "\"x\"");
        assert_eq!(opaque_number("3").unwrap(), 3);
    }
    assert_eq!(NAMED_ERR_CALLS.get(), 3);
    assert_eq!(first_number::cache_info(), info(1, 3, Some(128), 1));
    assert_eq!(KEYED_ERR_CALLS.get(), 3);
    assert_eq!(trimmed_number::cache_info(), info(3, 3, Some(128), 1));
    assert_eq!(OPAQUE_ERR_CALLS.get(), 3);
    assert_eq!(opaque_number::cache_info(), info(1, 3, Some(128), 1));
}

// ---------------------------------------------------------------------------------------
// ignore

/// A connection handle: not `Hash`, `Eq` nor `Clone`.
struct Connection {
    queries: AtomicUsize,
}

impl Connection {
    fn new() -> Self {
        Connection {
            queries: AtomicUsize::new(0),
        }
    }

    fn query(&self, id: u32) -> String {
        self.queries.fetch_add(1, Ordering::SeqCst);
        format!("user {id}")
    }
}

#[memoize(ignore = [conn])]
fn user_name(conn: &Connection, id: u32) -> String {
    conn.query(id)
}

#[test]
fn an_ignored_argument_is_not_part_of_the_key() {
    let first = Connection::new();
    let second = Connection::new();
    assert_eq!(user_name(&first, 1), "user 1");
    assert_eq!(user_name(&second, 1), "user 1");
    assert_eq!(user_name(&second, 2), "user 2");
    assert_eq!(first.queries.load(Ordering::SeqCst), 1);
    assert_eq!(second.queries.load(Ordering::SeqCst), 1);
    assert_eq!(user_name::cache_info(), info(1, 2, Some(128), 2));
}

/// A context that borrows, with a trait object: neither could be part of a key.
struct Context<'a> {
    prefix: &'a str,
    log: &'a dyn Fn(&str),
}

#[memoize(ignore = [context, verbose])]
fn labelled<'a>(context: &Context<'a>, verbose: Option<&str>, n: u32) -> String {
    (context.log)(verbose.unwrap_or("quiet"));
    format!("{}{n}", context.prefix)
}

#[test]
fn ignored_arguments_may_borrow_and_hold_trait_objects() {
    let lines = Mutex::new(Vec::new());
    let log = |line: &str| lines.lock().unwrap().push(line.to_owned());
    let prefix = String::from("#");
    let context = Context {
        prefix: &prefix,
        log: &log,
    };
    assert_eq!(labelled(&context, Some("loud"), 1), "#1");
    assert_eq!(labelled(&context, None, 1), "#1");
    assert_eq!(*lines.lock().unwrap(), ["loud"]);
    assert_eq!(labelled::cache_info(), info(1, 1, Some(128), 1));
}

/// `r#conn` and `conn` are one name, in `ignore` and `key` alike.
#[memoize(ignore = [conn])]
fn raw_ignored(r#conn: &Connection, r#type: u32) -> String {
    conn.query(r#type)
}

#[memoize(key = r#n)]
fn raw_keyed(n: u32, label: &str) -> String {
    format!("{label}{n}")
}

#[test]
fn raw_and_plain_names_are_one() {
    let conn = Connection::new();
    assert_eq!(raw_ignored(&conn, 3), "user 3");
    assert_eq!(raw_ignored(&Connection::new(), 3), "user 3");
    assert_eq!(raw_ignored::cache_info(), info(1, 1, Some(128), 1));
    assert_eq!(raw_keyed(1, "a"), "a1");
    assert_eq!(raw_keyed(1, "b"), "a1");
    assert_eq!(raw_keyed::cache_info(), info(1, 1, Some(128), 1));
}

/// Defines a memoized function whose options come from the macro's fragments.
macro_rules! parse_memoized {
    ($name:ident, $maxsize:expr, $cache_err:literal) => {
        /// Parses `s`, from options handed down by a macro.
        #[memoize(maxsize = $maxsize, cache_err = $cache_err)]
        fn $name(s: &str) -> Result<u32, String> {
            s.parse().map_err(|_| format!("not a number: {s}"))
        }
    };
    ($name:ident, $maxsize:literal, $policy:ident) => {
        /// Doubles `n`, from options handed down by a macro.
        #[memoize(maxsize = $maxsize, policy = $policy)]
        fn $name(n: u32) -> u32 {
            n * 2
        }
    };
}

parse_memoized!(unbounded_from_macro, None, true);
parse_memoized!(fifo_from_macro, 1, fifo);

#[test]
fn options_handed_down_by_a_macro_are_read_as_written() {
    assert!(unbounded_from_macro("x").is_err());
    assert!(unbounded_from_macro("x").is_err());
    // `maxsize = None` and `cache_err = true`, each passed in an `expr` or `literal` fragment.
    assert_eq!(unbounded_from_macro::cache_info(), info(1, 1, None, 1));
    assert_eq!(
        fifo_from_macro::cache_parameters().policy,
        memo::Policy::Fifo
    );
    assert_eq!([fifo_from_macro(1), fifo_from_macro(2)], [2, 4]);
    assert_eq!(fifo_from_macro::cache_info(), info(0, 2, Some(1), 1));
}

static CONSTANT_CALLS: Calls = Calls::new();

/// Every argument ignored: a constant function, computed once.
#[memoize(ignore = [seed])]
fn constant(seed: u64) -> u64 {
    CONSTANT_CALLS.count();
    seed * 2
}

#[test]
fn ignoring_every_argument_computes_once() {
    assert_eq!(constant(1), 2);
    assert_eq!(constant(5), 2);
    assert_eq!(CONSTANT_CALLS.get(), 1);
    assert_eq!(constant::cache_info(), info(1, 1, Some(128), 1));
}

// ---------------------------------------------------------------------------------------
// key and key_type

static KEY_EVALUATIONS: Calls = Calls::new();

fn folded(name: &str) -> String {
    KEY_EVALUATIONS.count();
    name.to_lowercase()
}

#[memoize(key = folded(name), key_type = String, maxsize = 4)]
fn greeting(name: &str) -> String {
    format!("hello {name}")
}

#[test]
fn a_key_expression_is_the_key() {
    assert_eq!(greeting("Ada"), "hello Ada");
    // Same key: the cached value is returned, as computed for "Ada".
    assert_eq!(greeting("ADA"), "hello Ada");
    assert_eq!(greeting("grace"), "hello grace");
    assert_eq!(greeting::cache_info(), info(1, 2, Some(4), 2));
    // The key is computed on every call, hits included.
    assert_eq!(KEY_EVALUATIONS.get(), 3);
    // `uncached` does not compute it.
    assert_eq!(greeting::uncached("ADA"), "hello ADA");
    assert_eq!(KEY_EVALUATIONS.get(), 3);
}

/// A logger: not part of the key.
struct Logger;

static PAIR_CALLS: Calls = Calls::new();

#[memoize(key = (b, a))]
fn pair(a: &str, b: u32, log: &Logger) -> String {
    let _ = log;
    PAIR_CALLS.count();
    format!("{a}{b}")
}

#[test]
fn a_key_of_argument_names_needs_no_key_type() {
    assert_eq!(pair("x", 1, &Logger), "x1");
    assert_eq!(pair("x", 1, &Logger), "x1");
    assert_eq!(pair("y", 1, &Logger), "y1");
    assert_eq!(PAIR_CALLS.get(), 2);
    assert_eq!(pair::cache_info(), info(1, 2, Some(128), 2));
}

#[memoize(key = id)]
fn payload_size(id: u32, payload: Vec<u8>) -> usize {
    payload.len() + id as usize
}

#[test]
fn a_key_of_one_argument_leaves_the_others_out() {
    assert_eq!(payload_size(1, vec![0; 3]), 4);
    assert_eq!(payload_size(1, vec![0; 5]), 4);
    assert_eq!(payload_size::cache_info(), info(1, 1, Some(128), 1));
}

/// Not `Clone`: a key computed by an expression is moved into the cache, never cloned.
#[derive(PartialEq, Eq, Hash)]
struct Normalized(String);

static LOAD_CALLS: Calls = Calls::new();

#[memoize(key = Normalized(path.trim().to_owned()), key_type = Normalized, policy = fifo, maxsize = 2)]
fn load(path: &str) -> Result<usize, String> {
    LOAD_CALLS.count();
    let path = path.trim();
    if path.is_empty() {
        Err("empty path".to_owned())
    } else {
        Ok(path.len())
    }
}

#[test]
fn key_and_result_combine() {
    assert_eq!(load(" a.txt"), Ok(5));
    assert_eq!(load("a.txt  "), Ok(5));
    assert!(load(" ").is_err());
    assert!(load("").is_err());
    assert_eq!(LOAD_CALLS.get(), 3);
    assert_eq!(load::cache_info(), info(1, 3, Some(2), 1));
}

/// An argument that borrows inside its type cannot be in the key as it is; an owned form of
/// it can (the way the compile error for `Option<&str>` points to).
#[memoize(key = nickname.map(str::to_owned), key_type = Option<String>)]
fn salutation(nickname: Option<&str>) -> String {
    nickname.map_or_else(|| "hello".to_owned(), |name| format!("hello {name}"))
}

#[test]
fn a_key_expression_owns_what_an_argument_borrows() {
    assert_eq!(salutation(Some("Ada")), "hello Ada");
    assert_eq!(salutation(Some(&String::from("Ada"))), "hello Ada");
    assert_eq!(salutation(None), "hello");
    assert_eq!(salutation::cache_info(), info(1, 2, Some(128), 2));
}

/// A float, which is not `Hash`, keyed by its bits: the way its compile error points to.
#[memoize(key = radius.to_bits(), key_type = u64)]
fn circle_area(radius: f64) -> f64 {
    std::f64::consts::PI * radius * radius
}

#[test]
fn a_float_is_keyed_by_its_bits() {
    assert_eq!(circle_area(1.0), std::f64::consts::PI);
    assert_eq!(circle_area(1.0), std::f64::consts::PI);
    assert_eq!(circle_area(2.0), 4.0 * std::f64::consts::PI);
    assert!(circle_area(f64::NAN).is_nan());
    // NaN has the same bits each time: a hit, where `==` would never match it.
    assert!(circle_area(f64::NAN).is_nan());
    // 0.0 and -0.0 are equal, but their bits differ: two keys.
    assert_eq!(circle_area(0.0), 0.0);
    assert_eq!(circle_area(-0.0), 0.0);
    assert_eq!(circle_area::cache_info(), info(2, 5, Some(128), 5));
}

// The keys that the compile errors of `tests/ui/float_key.rs` suggest, as written there.
#[memoize(key = (x.to_bits(), sigma.to_bits()), key_type = (u64, u64))]
fn gaussian(x: f64, sigma: f64) -> f64 {
    (-x * x / (2.0 * sigma * sigma)).exp()
}

#[memoize(
    key = (label.to_owned(), weight.to_bits(), count, owner.clone()),
    key_type = (String, u32, u8, String)
)]
fn weighed(label: &str, weight: &f32, count: u8, owner: String) -> String {
    format!("{label}:{weight}:{count}:{owner}")
}

#[memoize(key = (x.to_bits(), n), key_type = (u64, u32))]
fn logged(log: &str, x: f64, n: u32) -> f64 {
    x * f64::from(n) + log.len() as f64
}

#[derive(Clone, PartialEq, Eq, Hash)]
struct Lens(u8);

impl Lens {
    #[memoize(key = (self.clone(), distance.to_bits()), key_type = (Self, u32))]
    fn focus(&self, distance: f32) -> f32 {
        distance * f32::from(self.0)
    }
}

#[test]
fn the_keys_suggested_for_floats_hold_every_argument() {
    // In place of `ignore = [log]`: the log is left out, the rest is in.
    assert_eq!(logged("", 1.5, 2), 3.0);
    assert_eq!(logged("ignored", 1.5, 2), 3.0);
    assert_eq!(logged("", 1.5, 3), 4.5);
    assert_eq!(logged::cache_info(), info(1, 2, Some(128), 2));
    // `self` too.
    assert_eq!(Lens(2).focus(1.5), 3.0);
    assert_eq!(Lens(3).focus(1.5), 4.5);
    assert_eq!(Lens(3).focus(1.5), 4.5);
    assert_eq!(Lens::focus_cache_info(), info(1, 2, Some(128), 2));

    assert_eq!(gaussian(1.0, 1.0), (-0.5_f64).exp());
    // Another sigma: another key, not the entry of sigma = 1.
    assert_eq!(gaussian(1.0, 5.0), (-0.02_f64).exp());
    assert_eq!(gaussian(1.0, 5.0), (-0.02_f64).exp());
    assert_eq!(gaussian::cache_info(), info(1, 2, Some(128), 2));

    assert_eq!(weighed("a", &0.5, 1, "me".to_owned()), "a:0.5:1:me");
    for other in [
        weighed("b", &0.5, 1, "me".to_owned()),
        weighed("a", &1.5, 1, "me".to_owned()),
        weighed("a", &0.5, 2, "me".to_owned()),
        weighed("a", &0.5, 1, "you".to_owned()),
    ] {
        assert_ne!(other, "a:0.5:1:me");
    }
    assert_eq!(weighed("a", &0.5, 1, "me".to_owned()), "a:0.5:1:me");
    assert_eq!(weighed::cache_info(), info(1, 5, Some(128), 5));
}

#[memoize(key = *n / 10, key_type = u64, maxsize = None)]
fn decade(n: &u64) -> u64 {
    *n / 10 * 10
}

#[test]
fn a_key_expression_sees_the_arguments_as_declared() {
    assert_eq!(decade(&42), 40);
    assert_eq!(decade(&47), 40);
    assert_eq!(decade(&51), 50);
    assert_eq!(decade::cache_info(), info(1, 2, None, 2));
}

// ---------------------------------------------------------------------------------------
// ttl

static ZERO_CALLS: Calls = Calls::new();

#[memoize(maxsize = 2, ttl = Duration::ZERO)]
fn never_served(n: u32) -> u32 {
    ZERO_CALLS.count();
    n
}

#[test]
fn an_expired_entry_is_a_miss_and_is_not_counted() {
    for n in [1, 1, 2, 1, 3] {
        assert_eq!(never_served(n), n);
    }
    assert_eq!(ZERO_CALLS.get(), 5);
    // Every entry has expired by the time anyone looks: none is live.
    assert_eq!(never_served::cache_info(), info(0, 5, Some(2), 0));
}

static HOUR_CALLS: Calls = Calls::new();

#[memoize(maxsize = 2, ttl = Duration::from_secs(3600))]
fn served_for_an_hour(n: u32) -> u32 {
    HOUR_CALLS.count();
    n
}

#[test]
fn a_live_entry_is_served_and_lru_still_evicts() {
    for n in [1, 2, 1, 3, 1, 2] {
        assert_eq!(served_for_an_hour(n), n);
    }
    // As `lru_double` in tests/memoize.rs: 3 evicted 2, so the last 2 is a miss.
    assert_eq!(HOUR_CALLS.get(), 4);
    assert_eq!(served_for_an_hour::cache_info(), info(2, 4, Some(2), 2));
}

#[memoize(maxsize = 2, policy = fifo, ttl = Duration::from_secs(3600))]
fn fifo_for_an_hour(n: u32) -> u32 {
    n
}

#[test]
fn ttl_works_with_fifo() {
    for n in [1, 2, 1, 3, 1] {
        fifo_for_an_hour(n);
    }
    // As `fifo_double` in tests/memoize.rs: the hit did not refresh 1, so 3 evicted it.
    assert_eq!(fifo_for_an_hour::cache_info(), info(1, 4, Some(2), 2));
}

#[memoize(maxsize = None, ttl = Duration::from_secs(3600))]
fn unbounded_for_an_hour(n: u32) -> u32 {
    n
}

#[memoize(maxsize = None, ttl = Duration::ZERO)]
fn unbounded_never_served(n: u32) -> u32 {
    n
}

#[test]
fn ttl_works_unbounded() {
    for n in 0..300 {
        unbounded_for_an_hour(n % 100);
        unbounded_never_served(n);
    }
    assert_eq!(
        unbounded_for_an_hour::cache_info(),
        info(200, 100, None, 100)
    );
    assert_eq!(unbounded_never_served::cache_info(), info(0, 300, None, 0));
    unbounded_for_an_hour::cache_clear();
    assert_eq!(unbounded_for_an_hour::cache_info(), info(0, 0, None, 0));
}

static TTL_FIB_CALLS: Calls = Calls::new();

#[memoize(maxsize = 3, ttl = Duration::from_secs(3600))]
fn ttl_fibonacci(n: u32) -> u64 {
    TTL_FIB_CALLS.count();
    if n < 2 {
        u64::from(n)
    } else {
        ttl_fibonacci(n - 1) + ttl_fibonacci(n - 2)
    }
}

#[test]
fn ttl_keeps_python_counts_for_live_entries() {
    assert_eq!(ttl_fibonacci(60), 1_548_008_755_920);
    // As `small_fibonacci` (Python's `lru_cache(maxsize=3)`) in tests/memoize.rs.
    assert_eq!(ttl_fibonacci::cache_info(), info(58, 61, Some(3), 3));
    assert_eq!(TTL_FIB_CALLS.get(), 61);
}

// ---------------------------------------------------------------------------------------
// ttl with a clock

/// The time of `expires_by_the_clock`, moved by its test. Each test has its own clock, as
/// it has its own functions: the tests run in parallel.
static CLOCK: LazyLock<ManualClock> = LazyLock::new(ManualClock::new);

static CLOCKED_CALLS: Calls = Calls::new();

#[memoize(maxsize = 2, ttl = Duration::from_secs(60), clock = CLOCK.clone())]
fn expires_by_the_clock(n: u32) -> u32 {
    CLOCKED_CALLS.count();
    n
}

#[test]
fn a_clock_moves_the_time_of_a_ttl() {
    expires_by_the_clock(1);
    CLOCK.advance(Duration::from_secs(59));
    expires_by_the_clock(1);
    assert_eq!(expires_by_the_clock::cache_info(), info(1, 1, Some(2), 1));
    // 60 s after it was stored: expired, so a miss that runs the body and stores it again.
    CLOCK.advance(Duration::from_secs(1));
    assert_eq!(expires_by_the_clock::cache_info(), info(1, 1, Some(2), 0));
    expires_by_the_clock(1);
    assert_eq!(CLOCKED_CALLS.get(), 2);
    assert_eq!(expires_by_the_clock::cache_info(), info(1, 2, Some(2), 1));
}

static ROOM_CLOCK: LazyLock<ManualClock> = LazyLock::new(ManualClock::new);

static ROOM_CALLS: Calls = Calls::new();

#[memoize(maxsize = 2, ttl = Duration::from_secs(60), clock = ROOM_CLOCK.clone())]
fn makes_room_by_the_clock(n: u32) -> u32 {
    ROOM_CALLS.count();
    n
}

#[test]
fn a_full_cache_drops_an_expired_entry_before_it_evicts_a_live_one() {
    makes_room_by_the_clock(1); // stored at 0 s
    ROOM_CLOCK.advance(Duration::from_secs(10));
    makes_room_by_the_clock(2); // stored at 10 s
    ROOM_CLOCK.advance(Duration::from_secs(40));
    makes_room_by_the_clock(1); // a hit at 50 s: 2 is now the least recent
    ROOM_CLOCK.advance(Duration::from_secs(15));
    // At 65 s, 1 has expired and 2 has not: 3 takes the expired entry's place, and 2,
    // although the least recently used, stays.
    makes_room_by_the_clock(3);
    makes_room_by_the_clock(2);
    assert_eq!(ROOM_CALLS.get(), 3);
    assert_eq!(
        makes_room_by_the_clock::cache_info(),
        info(2, 3, Some(2), 2)
    );
}

static FIFO_CLOCK: LazyLock<ManualClock> = LazyLock::new(ManualClock::new);

#[memoize(maxsize = 2, policy = fifo, ttl = Duration::from_secs(60), clock = FIFO_CLOCK.clone())]
fn fifo_by_the_clock(n: u32) -> u32 {
    n
}

static UNBOUNDED_CLOCK: LazyLock<ManualClock> = LazyLock::new(ManualClock::new);

#[memoize(maxsize = None, ttl = Duration::from_secs(60), clock = UNBOUNDED_CLOCK.clone())]
fn unbounded_by_the_clock(n: u32) -> u32 {
    n
}

#[test]
fn a_clock_works_with_fifo_and_unbounded() {
    for n in [1, 2, 1] {
        fifo_by_the_clock(n);
        unbounded_by_the_clock(n);
    }
    FIFO_CLOCK.advance(Duration::from_secs(60));
    UNBOUNDED_CLOCK.advance(Duration::from_secs(60));
    for n in [1, 2] {
        fifo_by_the_clock(n);
        unbounded_by_the_clock(n);
    }
    assert_eq!(fifo_by_the_clock::cache_info(), info(1, 4, Some(2), 2));
    assert_eq!(unbounded_by_the_clock::cache_info(), info(1, 4, None, 2));
}

static THREAD_CLOCK: LazyLock<ManualClock> = LazyLock::new(ManualClock::new);

#[memoize(ttl = Duration::from_secs(60), clock = THREAD_CLOCK.clone(), scope = thread)]
fn per_thread_by_the_clock(n: u32) -> u32 {
    n
}

#[test]
fn each_thread_cache_gets_the_clock() {
    per_thread_by_the_clock(1);
    let other = std::thread::spawn(|| {
        per_thread_by_the_clock(1);
        per_thread_by_the_clock::cache_info()
    });
    assert_eq!(other.join().unwrap(), info(0, 1, Some(128), 1));
    // Both caches' clocks are clones of `THREAD_CLOCK`: its time is theirs.
    THREAD_CLOCK.advance(Duration::from_secs(60));
    let other = std::thread::spawn(per_thread_by_the_clock::cache_info);
    assert_eq!(other.join().unwrap(), info(0, 0, Some(128), 0));
    per_thread_by_the_clock(1);
    assert_eq!(
        per_thread_by_the_clock::cache_info(),
        info(0, 2, Some(128), 1)
    );
}

/// Quotes that go stale: a method whose cache leaves `self` out of the key.
struct Quotes;

impl Quotes {
    fn clock() -> ManualClock {
        static QUOTES_CLOCK: LazyLock<ManualClock> = LazyLock::new(ManualClock::new);
        QUOTES_CLOCK.clone()
    }

    #[memoize(ignore = [self], ttl = Duration::from_secs(60), clock = Self::clock())]
    fn quote(&self, symbol: &str) -> usize {
        symbol.len()
    }
}

#[test]
fn a_method_takes_a_clock() {
    Quotes.quote("ACME");
    Quotes.quote("ACME");
    Quotes::clock().advance(Duration::from_secs(60));
    Quotes.quote("ACME");
    assert_eq!(Quotes::quote_cache_info(), info(1, 2, Some(128), 1));
}

/// A clock whose making reads the cache it is for, as a clock that logs might: it is made
/// with the cache released.
fn clock_reading_its_cache() -> ManualClock {
    assert_eq!(
        reads_its_cache_when_built::cache_info(),
        info(0, 1, Some(128), 0)
    );
    ManualClock::new()
}

#[memoize(ttl = Duration::from_secs(60), clock = clock_reading_its_cache())]
fn reads_its_cache_when_built(n: u32) -> u32 {
    n
}

fn thread_clock_reading_its_cache() -> ManualClock {
    assert_eq!(
        thread_reads_its_cache_when_built::cache_info(),
        info(0, 1, Some(128), 0)
    );
    ManualClock::new()
}

#[memoize(ttl = Duration::from_secs(60), clock = thread_clock_reading_its_cache(), scope = thread)]
fn thread_reads_its_cache_when_built(n: u32) -> u32 {
    n
}

#[test]
fn a_clock_is_made_with_the_cache_released() {
    // In a thread with a deadline: a clock made under the lock would wait for it forever.
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        reads_its_cache_when_built(1);
        done.send(reads_its_cache_when_built::cache_info()).unwrap();
    });
    let info_after = finished.recv_timeout(Duration::from_secs(60)).unwrap();
    assert_eq!(info_after, info(0, 1, Some(128), 1));
    thread_reads_its_cache_when_built(1);
    assert_eq!(
        thread_reads_its_cache_when_built::cache_info(),
        info(0, 1, Some(128), 1)
    );
}

static CLOCKS_MADE: Calls = Calls::new();

fn counted_clock() -> ManualClock {
    CLOCKS_MADE.count();
    ManualClock::new()
}

#[memoize(ttl = Duration::from_secs(60), clock = counted_clock())]
fn built_with_a_new_clock(n: u32) -> u32 {
    n
}

#[test]
fn the_clock_is_made_when_the_cache_is_built() {
    assert_eq!(CLOCKS_MADE.get(), 0);
    built_with_a_new_clock(1);
    built_with_a_new_clock(2);
    assert_eq!(CLOCKS_MADE.get(), 1);
    built_with_a_new_clock::cache_clear();
    assert_eq!(CLOCKS_MADE.get(), 1);
    built_with_a_new_clock(1);
    assert_eq!(CLOCKS_MADE.get(), 2);
}

// ---------------------------------------------------------------------------------------
// Combinations, from several threads

static SHARED_CALLS: Calls = Calls::new();

#[memoize(ignore = [seen], ttl = Duration::from_secs(3600), maxsize = 64)]
fn shared_square(seen: &Mutex<HashMap<u64, usize>>, n: u64) -> Result<u64, String> {
    SHARED_CALLS.count();
    *seen.lock().unwrap().entry(n).or_default() += 1;
    n.checked_mul(n).ok_or_else(|| "overflow".to_owned())
}

#[test]
fn options_combine_under_threads() {
    let seen = Arc::new(Mutex::new(HashMap::new()));
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let seen = Arc::clone(&seen);
            std::thread::spawn(move || {
                for n in 0..32 {
                    assert_eq!(shared_square(&seen, n), Ok(n * n));
                }
                assert!(shared_square(&seen, u64::MAX).is_err());
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    let info = shared_square::cache_info();
    assert_eq!(info.currsize, 32);
    // Each call is a hit or a miss; every miss ran the body; errors never hit.
    assert_eq!(info.hits + info.misses, 4 * 33);
    assert_eq!(info.misses, SHARED_CALLS.get() as u64);
    assert_eq!(seen.lock().unwrap()[&u64::MAX], 4);
}
