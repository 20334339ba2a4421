#!/usr/bin/env python3
"""Record call traces of CPython's real ``functools.lru_cache`` as fixtures for memo.

Run from anywhere as ``python3 scripts/lru_cache_traces.py``; it rewrites every
``tests/fixtures/*.txt`` of the repository this script sits in (named
``<function>_<policy>_<maxsize or "unbounded">.txt``), and
``tests/cpython_parity.rs`` replays each of them against ``#[memoize]``. The output is
deterministic: regenerating gives byte-identical files (no clock, no hash seeds, no
Python version in the output; the key streams come from a fixed-seed 64-bit LCG).

Fixture format (plain text, UTF-8, '\\n' line ends; parse with std, no serde):

    # ...                        comment (ignored); the header explains the file
    function <name>              which traced function: fib_n1_first, fib_n2_first,
                                 name_score, reenter
    policy <lru|fifo>
    maxsize <N|None>             None = unbounded
    source <cpython|model>       cpython: the real functools.lru_cache (the C one, checked
                                 against the pure-Python one too); model: this script's
                                 reference cache (used only for fifo, which Python lacks)
    steps <count>                how many call/clear lines follow
    call <arg>... -> <result> | hits=<h> misses=<m> maxsize=<N|None> currsize=<c>
    clear | hits=<h> misses=<m> maxsize=<N|None> currsize=<c>

Every ``call`` line is one top-level call with its arguments (integers in decimal,
strings as bare tokens of [a-z0-9_], never containing spaces) and its return value; every
``clear`` line is a ``cache_clear()``. After each step comes the ``cache_info()`` observed
right after it. Recursive calls made inside a top-level call are not listed: their effect
shows in the counters.

The traced functions (the Rust side defines the same ones):

    fib_n1_first(n):  n if n < 2 else fib(n - 1) + fib(n - 2)
    fib_n2_first(n):  n if n < 2 else fib(n - 2) + fib(n - 1)
    name_score(name: str, n: int):  sum of the bytes of name * 31 + n   (ASCII names)
    reenter(n):  counts its runs and returns the count; the outermost run for an odd n
                 first calls reenter(n) itself, so the key gets stored while that run is
                 still computing. The bounded wrapper then keeps the stored entry and the
                 unbounded one (functools.cache) overwrites it with the outer result.
"""

from __future__ import annotations

import collections
import functools
import importlib.util
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"

FIB_MAXSIZES = [0, 1, 2, 3, 16, 128, None]
NAME_MAXSIZES = [8, 32, None]
NAME_FIFO_MAXSIZES = [8, 32]

# Top-level fib arguments. maxsize 0 and 1 recompute exponentially, so they get small ones;
# so does fib_n1_first with maxsize 2 (~1.38**n misses: the hit on fib(n-2) inside fib(n-1)
# makes fib(n-2) the most recent entry, so storing fib(n-1) evicts fib(n-3) instead).
FIB_KS_SMALL = [10, 10, 5, 18, 15, 1, 0, 2, 20, 20, "clear", 12, 19, 7, 7]
FIB_KS_MEDIUM = [10, 10, 5, 20, 15, 1, 0, 2, 30, 30, 25, "clear", 12, 29, 28, 3]
FIB_KS = [10, 10, 5, 20, 15, 30, 30, 25, 1, 0, 2, 50, 49, 51, "clear", 12, 90, 90, 45,
          150, 100, 3, 149, "clear", 100, 100]

REENTER_KS = [1, 1, 2, 2, 3, 3, 5, "clear", 3, 1, 4, 7, 7, 5]
REENTER_MAXSIZES = [0, 1, 2, 128, None]
REENTER_FIFO_MAXSIZES = [2]

NAMES = ["alice", "bob", "carol", "dave", "eve", "frank", "grace", "heidi",
         "ivan", "judy", "mallory", "niaj", "olivia", "peggy", "rupert", "sybil"]
NAME_UNIVERSE = 96      # distinct (name, n) keys, ranked by popularity
NAME_STREAM_LEN = 800   # calls; a cache_clear() sits in the middle
NAME_SEED = 0x5EED_CAFE_F00D


# --------------------------------------------------------------------------- traced functions

def fib_n1_first_body(fib, n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def fib_n2_first_body(fib, n):
    return n if n < 2 else fib(n - 2) + fib(n - 1)


def name_score_body(_self, name, n):
    return sum(name.encode("ascii")) * 31 + n


REENTER = {"runs": 0, "inside": False}


def reenter_body(reenter, n):
    REENTER["runs"] += 1
    ticket = REENTER["runs"]
    if n % 2 == 1 and not REENTER["inside"]:
        REENTER["inside"] = True
        try:
            reenter(n)
        finally:
            REENTER["inside"] = False
    return ticket


BODIES = {
    "fib_n1_first": fib_n1_first_body,
    "fib_n2_first": fib_n2_first_body,
    "name_score": name_score_body,
    "reenter": reenter_body,
}


# --------------------------------------------------------------------------- caches

def pure_python_lru_cache():
    """functools.lru_cache as written in functools.py, with the C accelerator blocked."""
    saved = sys.modules.get("_functools")
    sys.modules["_functools"] = None  # makes `from _functools import ...` raise ImportError
    try:
        spec = importlib.util.find_spec("functools")
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
    finally:
        if saved is None:
            del sys.modules["_functools"]
        else:
            sys.modules["_functools"] = saved
    assert mod._lru_cache_wrapper.__module__ == "functools", "C wrapper leaked in"
    return mod.lru_cache


class ModelCache:
    """A reference cache with lru_cache's exact bookkeeping and a choice of policy.

    Mirrors CPython's wrappers: a hit counts and (lru only) moves the key to the most
    recent end; a miss counts *before* calling, and after the call the result is stored
    only if the key is still absent (a re-entrant call may have stored it), evicting the
    oldest entry when full; unbounded (maxsize None), the result is stored regardless, as
    functools.cache does with `cache[key] = result`. With policy "lru" it must match CPython on every
    trace (checked in main), which is what makes its "fifo" variant trustworthy.
    """

    def __init__(self, func, maxsize, policy):
        self.func, self.maxsize, self.policy = func, maxsize, policy
        self.cache = collections.OrderedDict()
        self.hits = self.misses = 0

    def __call__(self, *args):
        key = args
        if self.maxsize == 0:
            self.misses += 1
            return self.func(*args)
        if key in self.cache:
            self.hits += 1
            if self.policy == "lru":
                self.cache.move_to_end(key)
            return self.cache[key]
        self.misses += 1
        result = self.func(*args)
        if self.maxsize is None:
            self.cache[key] = result
            return result
        if key in self.cache:
            return result
        if self.maxsize is not None and len(self.cache) >= self.maxsize:
            self.cache.popitem(last=False)
        self.cache[key] = result
        return result

    def cache_info(self):
        return functools._CacheInfo(self.hits, self.misses, self.maxsize, len(self.cache))

    def cache_clear(self):
        self.cache.clear()
        self.hits = self.misses = 0


def make_function(name, maxsize, policy, lru_cache):
    body = BODIES[name]
    REENTER.update(runs=0, inside=False)
    if policy == "lru":
        @lru_cache(maxsize=maxsize)
        def wrapped(*args):
            return body(wrapped, *args)
    else:
        def inner(*args):
            return body(wrapped, *args)
        wrapped = ModelCache(inner, maxsize, policy)
    return wrapped


# --------------------------------------------------------------------------- key stream

class Lcg:
    """Knuth's MMIX 64-bit LCG; the high 32 bits are the output."""

    def __init__(self, seed):
        self.state = seed & 0xFFFF_FFFF_FFFF_FFFF

    def next_u32(self):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) \
            & 0xFFFF_FFFF_FFFF_FFFF
        return self.state >> 32


def name_stream():
    """A Zipf-like (s = 1) stream of (name, n) calls with one 'clear' in the middle."""
    rng = Lcg(NAME_SEED)
    universe = []
    for rank in range(NAME_UNIVERSE):  # a fixed shuffle so popular keys are spread out
        universe.append((NAMES[(rank * 7 + 3) % len(NAMES)], (rank * 5) % 13))
    assert len(set(universe)) == NAME_UNIVERSE
    weights = [1_000_000 // (rank + 1) for rank in range(NAME_UNIVERSE)]
    total = sum(weights)
    steps = []
    for i in range(NAME_STREAM_LEN):
        if i == NAME_STREAM_LEN // 2:
            steps.append("clear")
        draw = (rng.next_u32() * total) >> 32
        for key, weight in zip(universe, weights):
            if draw < weight:
                steps.append(key)
                break
            draw -= weight
    return steps


# --------------------------------------------------------------------------- tracing

def fmt(value):
    return "None" if value is None else str(value)


def info_text(info):
    return (f"hits={info.hits} misses={info.misses} maxsize={fmt(info.maxsize)} "
            f"currsize={info.currsize}")


def trace(name, maxsize, policy, steps, lru_cache):
    func = make_function(name, maxsize, policy, lru_cache)
    lines = []
    for step in steps:
        if step == "clear":
            func.cache_clear()
            lines.append(f"clear | {info_text(func.cache_info())}")
        else:
            args = step if isinstance(step, tuple) else (step,)
            result = func(*args)
            arg_text = " ".join(str(a) for a in args)
            lines.append(f"call {arg_text} -> {result} | {info_text(func.cache_info())}")
    return lines


DEFINITIONS = {
    "fib_n1_first": "def fib(n): return n if n < 2 else fib(n - 1) + fib(n - 2)",
    "fib_n2_first": "def fib(n): return n if n < 2 else fib(n - 2) + fib(n - 1)",
    "name_score": "def name_score(name: str, n: int): "
                  "return sum(name.encode('ascii')) * 31 + n",
    "reenter": "def reenter(n): runs += 1; ticket = runs; "
               "(if n is odd and not inside: inside = True; reenter(n); inside = False); "
               "return ticket",
}


def write_fixture(name, maxsize, policy, source, lines):
    header = [
        "# memo parity fixture, generated by scripts/lru_cache_traces.py: do not edit.",
        "# Regenerate with `python3 scripts/lru_cache_traces.py`; replayed by "
        "tests/cpython_parity.rs.",
        "#",
        "# One step per line after the header records; after each step, the cache_info()",
        "# observed right after it:",
        "#   call <arg>... -> <result> | hits=<h> misses=<m> maxsize=<N|None> currsize=<c>",
        "#   clear | hits=<h> misses=<m> maxsize=<N|None> currsize=<c>",
        "# Arguments are decimal integers or bare string tokens (no spaces); only top-level",
        "# calls are listed, recursive ones show in the counters.",
        "# source cpython = the real functools.lru_cache; model = the script's reference cache",
        "# (Python has no FIFO cache; the model is checked equal to CPython in lru mode).",
        "#",
        f"# {DEFINITIONS[name]}",
        "#",
        f"function {name}",
        f"policy {policy}",
        f"maxsize {fmt(maxsize)}",
        f"source {source}",
        f"steps {len(lines)}",
    ]
    size = "unbounded" if maxsize is None else maxsize
    path = FIXTURES / f"{name}_{policy}_{size}.txt"
    path.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    return path


def main():
    import _functools  # noqa: F401  (the C accelerator must be there: it is what we trace)
    assert functools.lru_cache(maxsize=1)(abs).__class__ is _functools._lru_cache_wrapper
    py_lru_cache = pure_python_lru_cache()
    model_lru = lambda maxsize: functools.partial(_model_decorator, maxsize)  # noqa: E731

    FIXTURES.mkdir(parents=True, exist_ok=True)
    for old in FIXTURES.glob("*.txt"):
        old.unlink()

    jobs = []
    for name in ("fib_n1_first", "fib_n2_first"):
        for maxsize in FIB_MAXSIZES:
            if maxsize in (0, 1):
                steps = FIB_KS_SMALL
            elif maxsize == 2 and name == "fib_n1_first":
                steps = FIB_KS_MEDIUM
            else:
                steps = FIB_KS
            jobs.append((name, maxsize, "lru", steps))
    stream = name_stream()
    for maxsize in NAME_MAXSIZES:
        jobs.append(("name_score", maxsize, "lru", stream))
    for maxsize in NAME_FIFO_MAXSIZES:
        jobs.append(("name_score", maxsize, "fifo", stream))
    for maxsize in REENTER_MAXSIZES:
        jobs.append(("reenter", maxsize, "lru", REENTER_KS))
    for maxsize in REENTER_FIFO_MAXSIZES:
        jobs.append(("reenter", maxsize, "fifo", REENTER_KS))

    total_steps = 0
    summary = []
    for name, maxsize, policy, steps in jobs:
        if policy == "lru":
            lines = trace(name, maxsize, "lru", steps, functools.lru_cache)
            # Cross-checks: the pure-Python lru_cache and the model agree with the C one.
            assert lines == trace(name, maxsize, "lru", steps, py_lru_cache), \
                f"C and pure-Python lru_cache differ on {name} maxsize={maxsize}"
            assert lines == trace(name, maxsize, "lru", steps, model_lru), \
                f"model differs from CPython on {name} maxsize={maxsize}"
            source = "cpython"
        else:
            lines = trace(name, maxsize, policy, steps, None)
            source = "model"
        path = write_fixture(name, maxsize, policy, source, lines)
        total_steps += len(lines)
        summary.append(f"{path.relative_to(ROOT)}: {len(lines)} steps, last {lines[-1]}")

    # The policy comparison: hits of lru vs fifo on the same skewed stream, before the clear.
    half = stream[: stream.index("clear")]
    for maxsize in NAME_FIFO_MAXSIZES:
        hits = {}
        for policy in ("lru", "fifo"):
            func = make_function("name_score", maxsize, policy, functools.lru_cache)
            for args in half:
                func(*args)
            hits[policy] = func.cache_info().hits
        summary.append(f"name_score maxsize={maxsize}, first {len(half)} calls: "
                       f"lru hits={hits['lru']} fifo hits={hits['fifo']}")

    print("\n".join(summary))
    print(f"{len(jobs)} fixtures, {total_steps} steps written to {FIXTURES.relative_to(ROOT)}/")


def _model_decorator(maxsize, func):
    """`lru_cache(maxsize=...)`-shaped decorator over ModelCache in lru mode."""
    return ModelCache(func, maxsize, "lru")


if __name__ == "__main__":
    sys.setrecursionlimit(10_000)
    main()
