//! Replays traces recorded from CPython's real `functools.lru_cache` against `#[memoize]`.
//!
//! `scripts/lru_cache_traces.py` runs the same pure functions under `lru_cache` and writes
//! `tests/fixtures/*.txt`: every top-level call with its result, every `cache_clear()`, and
//! the `cache_info()` observed after each step (the format is documented at the top of the
//! script and in each fixture's header). Here each fixture gets its own memoized function,
//! with the same definition and options, in its own module, used by exactly one test (each
//! memoized function has one global cache and cargo runs tests in parallel), and every step
//! must give the same return value and the same `cache_info()` as CPython did.
//!
//! Regenerate the fixtures with `python3 scripts/lru_cache_traces.py`. A missing fixture
//! fails the test: nothing is skipped.

use std::fs;
use std::path::{Path, PathBuf};

use memo::CacheInfo;

/// What a fixture is replayed against: one memoized function and its companions.
struct Target {
    /// The `function` the fixture header must name.
    function: &'static str,
    /// The `policy` the fixture header must name.
    policy: &'static str,
    /// The `maxsize` the fixture header must name.
    maxsize: Option<usize>,
    /// Calls the memoized function with the step's argument tokens.
    call: fn(&[&str]) -> u128,
    cache_info: fn() -> CacheInfo,
    cache_clear: fn(),
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
}

/// Parses `hits=1 misses=2 maxsize=None currsize=0`.
fn parse_info(text: &str, at: &str) -> CacheInfo {
    let fields: Vec<(&str, &str)> = text
        .split_whitespace()
        .map(|field| {
            field
                .split_once('=')
                .unwrap_or_else(|| panic!("{at}: malformed cache_info field `{field}`"))
        })
        .collect();
    let names: Vec<&str> = fields.iter().map(|(name, _)| *name).collect();
    assert_eq!(
        names,
        ["hits", "misses", "maxsize", "currsize"],
        "{at}: malformed cache_info `{text}`"
    );
    let number = |value: &str| -> u64 {
        value
            .parse()
            .unwrap_or_else(|e| panic!("{at}: bad number `{value}`: {e}"))
    };
    CacheInfo {
        hits: number(fields[0].1),
        misses: number(fields[1].1),
        maxsize: parse_maxsize(fields[2].1, at),
        currsize: number(fields[3].1) as usize,
    }
}

fn parse_maxsize(value: &str, at: &str) -> Option<usize> {
    match value {
        "None" => None,
        n => Some(
            n.parse()
                .unwrap_or_else(|e| panic!("{at}: bad maxsize `{n}`: {e}")),
        ),
    }
}

/// Replays fixture `name` against `target`; returns the number of steps replayed.
fn replay(name: &str, target: &Target) -> usize {
    let path = fixtures_dir().join(name);
    let file = format!("tests/fixtures/{name}");
    let text = fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("{file}: cannot read fixture ({e}); run `python3 scripts/lru_cache_traces.py`")
    });

    let fresh = CacheInfo {
        hits: 0,
        misses: 0,
        maxsize: target.maxsize,
        currsize: 0,
    };
    assert_eq!(
        (target.cache_info)(),
        fresh,
        "{file}: the memoized function was used before its replay"
    );

    let mut header: Vec<(&str, &str)> = Vec::new();
    let mut declared_steps: Option<usize> = None;
    let mut steps = 0usize;
    // Who recorded the expected values: CPython, or the script's model for fifo.
    let mut oracle = "";
    for (index, line) in text.lines().enumerate() {
        let at = format!("{file}:{}", index + 1);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
        if word != "call" && word != "clear" {
            assert_eq!(steps, 0, "{at}: header record `{line}` after the steps");
            if word == "steps" {
                declared_steps = Some(rest.parse().unwrap_or_else(|e| panic!("{at}: {e}")));
            }
            header.push((word, rest));
            continue;
        }
        if steps == 0 {
            oracle = check_header(&header, target, &file);
        }
        steps += 1;

        let (action, info_text) = line
            .split_once(" | ")
            .unwrap_or_else(|| panic!("{at}: step without cache_info: `{line}`"));
        let expected_info = parse_info(info_text, &at);
        if word == "clear" {
            assert_eq!(action, "clear", "{at}: malformed clear step");
            (target.cache_clear)();
        } else {
            let (args, result) = action["call ".len()..]
                .split_once(" -> ")
                .unwrap_or_else(|| panic!("{at}: call without result: `{line}`"));
            let args: Vec<&str> = args.split(' ').collect();
            let expected: u128 = result
                .parse()
                .unwrap_or_else(|e| panic!("{at}: bad result `{result}`: {e}"));
            let got = (target.call)(&args);
            assert_eq!(
                got, expected,
                "{at}: `{action}` returned {got}, {oracle} returned {expected}"
            );
        }
        let got_info = (target.cache_info)();
        assert_eq!(
            got_info, expected_info,
            "{at}: after `{action}`: cache_info() is {got_info}, {oracle} says {expected_info}"
        );
    }

    assert!(steps > 0, "{file}: no steps replayed");
    assert_eq!(
        Some(steps),
        declared_steps,
        "{file}: the header's `steps` does not match the steps in the file"
    );
    println!("{file}: {steps} steps replayed, all equal to {oracle}");
    steps
}

/// Checks the header against `target`; returns who recorded the fixture.
fn check_header(header: &[(&str, &str)], target: &Target, file: &str) -> &'static str {
    let get = |key: &str| -> &str {
        header
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| *v)
            .unwrap_or_else(|| panic!("{file}: header has no `{key}` record"))
    };
    assert_eq!(get("function"), target.function, "{file}: wrong function");
    assert_eq!(get("policy"), target.policy, "{file}: wrong policy");
    assert_eq!(
        parse_maxsize(get("maxsize"), file),
        target.maxsize,
        "{file}: wrong maxsize"
    );
    // Python has lru_cache only: fifo fixtures come from the script's reference model.
    match (target.policy, get("source")) {
        ("lru", "cpython") => "CPython",
        ("fifo", "model") => "the script's fifo model",
        (policy, source) => panic!("{file}: policy {policy} with source {source}"),
    }
}

fn arg<T: std::str::FromStr>(token: &str) -> T
where
    T::Err: std::fmt::Debug,
{
    token.parse().expect("fixture argument")
}

/// One module per fixture: the memoized function (same definition as in the script), its
/// options, and the test that replays the fixture named after the module.
macro_rules! fixture {
    (@target $function:literal, $policy:expr, $max:tt, $call:expr, $f:ident) => {
        Target {
            function: $function,
            policy: $policy,
            maxsize: fixture!(@maxsize $max),
            call: $call,
            cache_info: $f::cache_info,
            cache_clear: $f::cache_clear,
        }
    };
    (@maxsize None) => { None };
    (@maxsize $n:literal) => { Some($n) };

    (@one $module:ident fib_n1_first $policy:ident $max:tt [$($attr:tt)*]) => {
        mod $module {
            use super::*;

            #[memo::memoize $($attr)*]
            fn fib(n: u64) -> u128 {
                if n < 2 { u128::from(n) } else { fib(n - 1) + fib(n - 2) }
            }

            #[test]
            fn replay() {
                let target = fixture!(@target "fib_n1_first", stringify!($policy), $max,
                    |args| fib(arg(args[0])), fib);
                super::replay(concat!(stringify!($module), ".txt"), &target);
            }
        }
    };
    (@one $module:ident fib_n2_first $policy:ident $max:tt [$($attr:tt)*]) => {
        mod $module {
            use super::*;

            #[memo::memoize $($attr)*]
            fn fib(n: u64) -> u128 {
                if n < 2 { u128::from(n) } else { fib(n - 2) + fib(n - 1) }
            }

            #[test]
            fn replay() {
                let target = fixture!(@target "fib_n2_first", stringify!($policy), $max,
                    |args| fib(arg(args[0])), fib);
                super::replay(concat!(stringify!($module), ".txt"), &target);
            }
        }
    };
    (@one $module:ident name_score $policy:ident $max:tt [$($attr:tt)*]) => {
        mod $module {
            use super::*;

            #[memo::memoize $($attr)*]
            fn name_score(name: &str, n: u64) -> u64 {
                name.bytes().map(u64::from).sum::<u64>() * 31 + n
            }

            #[test]
            fn replay() {
                let target = fixture!(@target "name_score", stringify!($policy), $max,
                    |args| {
                        // A fresh String each call: `&str` must be keyed by its contents.
                        let name = args[0].to_string();
                        u128::from(name_score(&name, arg(args[1])))
                    },
                    name_score);
                super::replay(concat!(stringify!($module), ".txt"), &target);
            }
        }
    };

    (@one $module:ident reenter $policy:ident $max:tt [$($attr:tt)*]) => {
        mod $module {
            use super::*;
            use std::cell::Cell;

            thread_local! {
                static RUNS: Cell<u64> = const { Cell::new(0) };
                static INSIDE: Cell<bool> = const { Cell::new(false) };
            }

            #[memo::memoize $($attr)*]
            fn reenter(n: u64) -> u64 {
                let ticket = RUNS.get() + 1;
                RUNS.set(ticket);
                if n % 2 == 1 && !INSIDE.get() {
                    INSIDE.set(true);
                    reenter(n);
                    INSIDE.set(false);
                }
                ticket
            }

            #[test]
            fn replay() {
                let target = fixture!(@target "reenter", stringify!($policy), $max,
                    |args| u128::from(reenter(arg(args[0]))), reenter);
                super::replay(concat!(stringify!($module), ".txt"), &target);
            }
        }
    };

    ($($module:ident => $kind:ident $policy:ident $max:tt $attr:tt;)*) => {
        $(fixture!(@one $module $kind $policy $max $attr);)*

        /// Every fixture this file replays, to catch fixtures that nothing replays.
        const REPLAYED: &[&str] = &[$(concat!(stringify!($module), ".txt")),*];
    };
}

fixture! {
    // Recursive fibonacci, fib(n - 1) + fib(n - 2). `#[memoize]` alone means maxsize 128.
    fib_n1_first_lru_0 => fib_n1_first lru 0 [(maxsize = 0)];
    fib_n1_first_lru_1 => fib_n1_first lru 1 [(maxsize = 1)];
    fib_n1_first_lru_2 => fib_n1_first lru 2 [(maxsize = 2)];
    fib_n1_first_lru_3 => fib_n1_first lru 3 [(maxsize = 3)];
    fib_n1_first_lru_16 => fib_n1_first lru 16 [(maxsize = 16)];
    fib_n1_first_lru_128 => fib_n1_first lru 128 [];
    fib_n1_first_lru_unbounded => fib_n1_first lru None [(maxsize = None)];
    // fib(n - 2) + fib(n - 1): a different recursion order, so different evictions.
    fib_n2_first_lru_0 => fib_n2_first lru 0 [(maxsize = 0)];
    fib_n2_first_lru_1 => fib_n2_first lru 1 [(maxsize = 1, policy = lru)];
    fib_n2_first_lru_2 => fib_n2_first lru 2 [(maxsize = 2)];
    fib_n2_first_lru_3 => fib_n2_first lru 3 [(maxsize = 3)];
    fib_n2_first_lru_16 => fib_n2_first lru 16 [(maxsize = 16)];
    fib_n2_first_lru_128 => fib_n2_first lru 128 [(maxsize = 128)];
    fib_n2_first_lru_unbounded => fib_n2_first lru None [(maxsize = None)];
    // A `&str` and an integer argument over a skewed key stream; fifo against the
    // script's reference model (Python has no FIFO cache).
    name_score_lru_8 => name_score lru 8 [(maxsize = 8, policy = lru)];
    name_score_lru_32 => name_score lru 32 [(maxsize = 32)];
    name_score_lru_unbounded => name_score lru None [(maxsize = None)];
    name_score_fifo_8 => name_score fifo 8 [(maxsize = 8, policy = fifo)];
    name_score_fifo_32 => name_score fifo 32 [(policy = fifo, maxsize = 32)];
    // A call that stores its own key while it computes: the bounded cache keeps the entry
    // stored meanwhile, the unbounded one (`functools.cache`) overwrites it.
    reenter_lru_0 => reenter lru 0 [(maxsize = 0)];
    reenter_lru_1 => reenter lru 1 [(maxsize = 1)];
    reenter_lru_2 => reenter lru 2 [(maxsize = 2)];
    reenter_lru_128 => reenter lru 128 [];
    reenter_lru_unbounded => reenter lru None [(maxsize = None)];
    reenter_fifo_2 => reenter fifo 2 [(maxsize = 2, policy = fifo)];
}

/// Every fixture on disk is replayed above, and there is something to replay.
#[test]
fn every_fixture_is_replayed() {
    let dir = fixtures_dir();
    let entries = fs::read_dir(&dir).unwrap_or_else(|e| {
        panic!(
            "{}: cannot list fixtures ({e}); run `python3 scripts/lru_cache_traces.py`",
            dir.display()
        )
    });
    let mut on_disk: Vec<String> = entries
        .map(|entry| entry.expect("fixture dir entry").file_name())
        .map(|name| name.to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".txt"))
        .collect();
    on_disk.sort();
    let mut replayed: Vec<String> = REPLAYED.iter().map(|s| s.to_string()).collect();
    replayed.sort();
    assert_eq!(
        on_disk, replayed,
        "fixtures on disk and fixtures replayed differ"
    );

    let declared: usize = REPLAYED
        .iter()
        .map(|name| {
            let text = fs::read_to_string(dir.join(name)).expect("fixture readable");
            text.lines()
                .find_map(|line| line.strip_prefix("steps "))
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or_else(|| panic!("{name}: no `steps` record"))
        })
        .sum();
    assert!(declared > 0, "the fixtures declare no steps");
    println!("{} fixtures, {declared} steps in all", REPLAYED.len());
}
