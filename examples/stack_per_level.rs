//! How much stack a memoized recursion takes per level, against the same function
//! unmemoized: the distance between a local of the outermost call and one of the innermost,
//! over the depth. Each level of a memoized recursion is the memoized function (which holds
//! the lookup's state while the body runs) and its body, `uncached`.
//!
//! `cargo run --release --example stack_per_level`

use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};

use memo::memoize;

const DEPTH: u64 = 1_000;

/// The addresses of a local in the outermost and the innermost call.
static OUTERMOST: AtomicUsize = AtomicUsize::new(0);
static INNERMOST: AtomicUsize = AtomicUsize::new(0);

/// Records where the call at depth `n` keeps its local.
#[inline(never)]
fn mark(n: u64, local: &u64) {
    let address = std::ptr::from_ref(local).addr();
    if n == DEPTH {
        OUTERMOST.store(address, Ordering::Relaxed);
    }
    if n == 0 {
        INNERMOST.store(address, Ordering::Relaxed);
    }
}

fn plain(n: u64) -> u64 {
    let local = black_box(n);
    mark(n, &local);
    if n == 0 {
        0
    } else {
        plain(n - 1) + black_box(1)
    }
}

#[memoize(maxsize = None)]
fn memoized(n: u64) -> u64 {
    let local = black_box(n);
    mark(n, &local);
    if n == 0 {
        0
    } else {
        memoized(n - 1) + black_box(1)
    }
}

#[memoize(maxsize = None, scope = thread)]
fn memoized_thread(n: u64) -> u64 {
    let local = black_box(n);
    mark(n, &local);
    if n == 0 {
        0
    } else {
        memoized_thread(n - 1) + black_box(1)
    }
}

fn plain_str(text: &str, n: u64) -> u128 {
    let local = black_box(n);
    mark(n, &local);
    if n == 0 {
        u128::from(text.is_empty())
    } else {
        plain_str(text, n - 1) + black_box(1)
    }
}

#[memoize(maxsize = None)]
fn memoized_str(text: &str, n: u64) -> u128 {
    let local = black_box(n);
    mark(n, &local);
    if n == 0 {
        u128::from(text.is_empty())
    } else {
        memoized_str(text, n - 1) + black_box(1)
    }
}

/// Bytes of stack per level of `recurse(DEPTH)`, which must return `DEPTH`.
fn bytes_per_level(recurse: impl FnOnce(u64) -> u128) -> f64 {
    assert_eq!(recurse(DEPTH), u128::from(DEPTH));
    let used = OUTERMOST.load(Ordering::Relaxed) - INNERMOST.load(Ordering::Relaxed);
    #[allow(clippy::cast_precision_loss, reason = "a few kilobytes")]
    let per_level = used as f64 / DEPTH as f64;
    per_level
}

fn main() {
    let rows = [
        (
            "fn(u64) -> u64",
            bytes_per_level(|n| plain(n).into()),
            [
                (
                    "#[memoize(maxsize = None)]",
                    bytes_per_level(|n| memoized(n).into()),
                ),
                (
                    "#[memoize(maxsize = None, scope = thread)]",
                    bytes_per_level(|n| memoized_thread(n).into()),
                ),
            ]
            .to_vec(),
        ),
        (
            "fn(&str, u64) -> u128",
            bytes_per_level(|n| plain_str("text", n)),
            [(
                "#[memoize(maxsize = None)]",
                bytes_per_level(|n| memoized_str("text", n)),
            )]
            .to_vec(),
        ),
    ];
    let profile = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    println!("stack per recursion level ({profile} build, depth {DEPTH}):");
    for (signature, plain, memoized) in rows {
        assert!(plain > 0.0, "{signature}: no stack measured");
        println!("  {signature}: {plain:.0} bytes");
        for (attribute, bytes) in memoized {
            // A memoized level holds the body's frame and the memoized function's.
            assert!(bytes > plain, "{attribute} {signature}: {bytes} <= {plain}");
            println!("    {attribute}: {bytes:.0} bytes ({:.1}x)", bytes / plain);
        }
    }
}
