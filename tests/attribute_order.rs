//! Another attribute macro stacked with `#[memoize]`, `tracing::instrument` for one: below
//! `#[memoize]` it stays on the memoized function and sees every call, hits included;
//! above it, it expands first, on the body that `#[memoize]` then caches, and sees the
//! misses only. That is the reverse of Python's order, where `@lru_cache` over `@trace`
//! traces the misses.
#![deny(missing_docs, unused)]

use std::sync::atomic::{AtomicU64, Ordering};

use memo::memoize;
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// Counts the spans opened while it is the thread's subscriber.
#[derive(Default)]
struct SpanCounter {
    spans: AtomicU64,
}

impl Subscriber for SpanCounter {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(self.spans.fetch_add(1, Ordering::Relaxed) + 1)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, _: &Event<'_>) {}

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

/// The spans that `calls` opens on this thread.
fn spans_of(calls: impl FnOnce()) -> u64 {
    let counter = std::sync::Arc::new(SpanCounter::default());
    tracing::subscriber::with_default(counter.clone(), calls);
    counter.spans.load(Ordering::Relaxed)
}

#[memoize]
#[tracing::instrument]
fn instrumented_below(x: u32) -> u32 {
    x + 1
}

#[tracing::instrument]
#[memoize]
fn instrumented_above(x: u32) -> u32 {
    x + 1
}

#[test]
fn an_attribute_macro_below_memoize_sees_every_call() {
    let spans = spans_of(|| {
        for _ in 0..3 {
            assert_eq!(instrumented_below(1), 2);
        }
    });
    assert_eq!(
        instrumented_below::cache_info(),
        memo::CacheInfo {
            hits: 2,
            misses: 1,
            maxsize: Some(128),
            currsize: 1,
        }
    );
    assert_eq!(spans, 3);
}

#[test]
fn an_attribute_macro_above_memoize_sees_the_misses_only() {
    let spans = spans_of(|| {
        for x in [1, 1, 2, 1] {
            assert_eq!(instrumented_above(x), x + 1);
        }
    });
    assert_eq!(
        instrumented_above::cache_info(),
        memo::CacheInfo {
            hits: 2,
            misses: 2,
            maxsize: Some(128),
            currsize: 2,
        }
    );
    assert_eq!(spans, 2);
}
