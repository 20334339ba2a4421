//! Ratios measured in turns, to cross-check criterion's on a shared, noisy machine.
//!
//! Criterion measures one function for seconds, then the next: load from a neighbour that
//! comes and goes lands on some functions and not on others, and on the 2-core machines
//! these benches run on it moved single ratios by up to half from one run to the next. Here
//! the functions take turns instead: each round times one batch of every function, back to
//! back (the order rotating from round to round), and takes each ratio within the round,
//! so a slow spell that covers a round slows both sides of its ratios. The median over the
//! rounds, with its quartiles, is what is printed.
//!
//! Each bench target includes this file with `mod interleaved;`; it lives in a directory so
//! that cargo does not take it for a bench target of its own.

use std::time::Instant;

/// Rounds per report: each ratio is the median of this many.
pub const ROUNDS: usize = 61;

/// One contender: its name and one batch of its work, sized to take about a millisecond
/// (long against the clock's resolution, short against the load's changes).
pub type Contender<'a> = (&'a str, &'a mut dyn FnMut());

/// Times the contenders in turns for [`ROUNDS`] rounds and prints, for each contender after
/// the first, the median and quartiles of (the first one's time / its time), e.g.
///
/// ```text
/// interleaved get_hit, 61 rounds:  memo/lru 0.93 [0.91, 0.95]  memo/schnellru 1.12 [1.08, 1.15]
/// ```
///
/// When criterion is not benchmarking (`cargo test --benches`, which runs each benchmark
/// once in a debug build, or `cargo bench -- --test`, `--list`, `--profile-time`) this only
/// prints that it skipped: its ratios would mean nothing there.
pub fn report(title: &str, contenders: &mut [Contender<'_>]) {
    let n = contenders.len();
    assert!(
        n >= 2,
        "interleaved::report compares at least two contenders"
    );
    // Criterion's own rule, which it does not expose: `cargo bench` passes `--bench` to the
    // target (`cargo test --benches` does not), and these flags turn benchmarking off.
    let args: Vec<String> = std::env::args().collect();
    let benchmarking = args.iter().any(|arg| arg == "--bench")
        && !args
            .iter()
            .any(|arg| ["--test", "--list", "--profile-time"].contains(&arg.as_str()));
    if !benchmarking {
        eprintln!("interleaved {title}: skipped (criterion is not benchmarking)");
        return;
    }
    // One untimed round, so no contender pays for a cold cache or a first-touch page.
    for (_, batch) in contenders.iter_mut() {
        batch();
    }
    let mut ratios = vec![Vec::with_capacity(ROUNDS); n - 1];
    let mut times = vec![0.0; n];
    for round in 0..ROUNDS {
        for turn in 0..n {
            let i = (round + turn) % n;
            let start = Instant::now();
            (contenders[i].1)();
            times[i] = start.elapsed().as_secs_f64();
        }
        for (i, ratios) in ratios.iter_mut().enumerate() {
            ratios.push(times[0] / times[i + 1]);
        }
    }
    let mut line = format!("interleaved {title}, {ROUNDS} rounds:");
    for (i, ratios) in ratios.iter_mut().enumerate() {
        ratios.sort_by(f64::total_cmp);
        let quartile = |q: usize| ratios[(ROUNDS - 1) * q / 4];
        line += &format!(
            "  {}/{} {:.2} [{:.2}, {:.2}]",
            contenders[0].0,
            contenders[i + 1].0,
            quartile(2),
            quartile(1),
            quartile(3)
        );
    }
    eprintln!("{line}");
}
