//! clippy reports the lints of a memoized function's signature as it does without the
//! attribute: once, and not at all where it skips them on the function as written (a `pub
//! fn`, under its `avoid-breaking-exported-api`), although the macro writes the signature
//! out four times.
//!
//! Runs `cargo clippy` on the crate `tests/clippy_probe` (a workspace member) with and
//! without its `memoize` feature, which puts `#[memoize]` on every function there, and
//! compares the warnings, each a message in a function of the probe's source. The build
//! has a target directory of its own, in cargo's directory for tests' files.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

/// Lints that a memoized function does not draw where the plain one does: they look at
/// the body or at the function as exported, which the macro writes out (documented in
/// the attribute's reference). Their messages may be missing with the attribute, but not
/// added.
const LOST: &[&str] = &[
    // `needless_pass_by_value`: the memoized function passes its arguments on by value.
    "this argument is passed by value, but not consumed in the function body",
    // `result_unit_err` and `missing_errors_doc` look at the exported function.
    "this returns a `Result<_, ()>`",
    MISSING_ERRORS_DOC,
];

/// `missing_errors_doc`'s message: lost on a free function, and drawn twice on a method,
/// on the method and on its `uncached`, which carries its docs (documented).
const MISSING_ERRORS_DOC: &str = "docs for function returning `Result` missing `# Errors` section";

/// What `cargo clippy` printed on the probe: each warning as `message @ module::function`,
/// with how many times it was printed (the function, not the line and column: a lint of
/// the body is reported at the attribute, one of a whole function at its `fn` rather than
/// its `pub`, as documented), and the lints named (each in a note, the first time).
fn warnings(features: &str) -> (BTreeMap<String, usize>, BTreeSet<String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("clippy_probe");
    let output = Command::new(env!("CARGO"))
        .args(["clippy", "--quiet", "-p", "memo-clippy-probe", "--features"])
        .arg(features)
        .args(["--color", "never"])
        .env("CARGO_TARGET_DIR", &target)
        // Flags meant for this test's build, which would deny the probe's warnings.
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .current_dir(root)
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "cargo clippy failed:\n{stderr}");
    let source = std::fs::read_to_string(root.join("tests/clippy_probe/src/lib.rs"))
        .expect("the probe's source");
    let owners = owners(&source);
    let mut counts = BTreeMap::new();
    let mut lints = BTreeSet::new();
    let mut lines = stderr.lines();
    while let Some(line) = lines.next() {
        if let Some((_, lint)) = line.split_once("#[warn(clippy::") {
            lints.extend(lint.split(')').next().map(str::to_owned));
        }
        let Some(message) = line.strip_prefix("warning: ") else {
            continue;
        };
        let Some(place) = lines
            .next()
            .and_then(|line| line.trim().strip_prefix("--> "))
        else {
            continue; // the summary, "`memo-clippy-probe` (lib) generated N warnings"
        };
        let line: usize = place
            .split(':')
            .nth(1)
            .and_then(|line| line.parse().ok())
            .unwrap_or_else(|| panic!("a line number in {place}"));
        let owner = &owners[line - 1];
        *counts.entry(format!("{message} @ {owner}")).or_default() += 1;
    }
    (counts, lints)
}

/// For each line of the probe's source, the function it belongs to, as `module::name`: an
/// attribute belongs to the function below it.
fn owners(source: &str) -> Vec<String> {
    let lines: Vec<&str> = source.lines().collect();
    let name = |line: &str| {
        let (_, rest) = line.split_once("fn ")?;
        rest.split('(').next().map(str::to_owned)
    };
    let (mut module, mut function) = (String::new(), String::new());
    let mut owners = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        if let Some(rest) = line.strip_prefix("pub mod ") {
            module = rest.trim_end_matches(" {").to_owned();
        }
        if let Some(below) = lines
            .get(index + 1)
            .filter(|_| line.trim().starts_with("#["))
        {
            function = name(below).unwrap_or_default();
        } else if let Some(name) = name(line) {
            function = name;
        }
        owners.push(format!("{module}::{function}"));
    }
    owners
}

#[test]
fn a_memoized_signature_draws_each_lint_as_the_plain_one_does() {
    let has_clippy = Command::new(env!("CARGO"))
        .args(["clippy", "--version"])
        .output()
        .is_ok_and(|output| output.status.success());
    if !has_clippy {
        eprintln!("skipped: `cargo clippy` is not installed");
        return;
    }
    let (plain, lints) = warnings("probe");
    let (memoized, _) = warnings("memoize");
    // The probe draws the lints it is there for.
    for lint in [
        "vec_box",
        "box_collection",
        "redundant_allocation",
        "borrowed_box",
        "type_complexity",
        "linkedlist",
        "option_option",
        "owned_cow",
        "ref_option",
        "trivially_copy_pass_by_ref",
        "large_types_passed_by_value",
        "fn_params_excessive_bools",
        "unnecessary_box_returns",
        "too_many_arguments",
        "result_unit_err",
    ] {
        assert!(lints.contains(lint), "{lint} not drawn: {lints:?}");
    }
    let mut differences = BTreeSet::new();
    for warning in plain.keys().chain(memoized.keys()) {
        let (before, after) = (plain.get(warning), memoized.get(warning));
        let lost = after.is_none() && LOST.iter().any(|lost| warning.starts_with(lost));
        let twice = after == Some(&2)
            && warning.starts_with(MISSING_ERRORS_DOC)
            && warning.contains("@ methods::");
        if before != after && !lost && !twice {
            differences.insert(format!("{before:?} -> {after:?}: {warning}"));
        }
    }
    assert!(
        differences.is_empty(),
        "printed without -> with the attribute:\n{}",
        Vec::from_iter(differences).join("\n")
    );
}
