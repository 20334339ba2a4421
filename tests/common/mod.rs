//! Helpers shared by the `#[memoize]` integration tests.

// Each test crate includes this module and uses only some of it.
#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};

use memo::CacheInfo;

/// A `CacheInfo` in one line.
pub fn info(hits: u64, misses: u64, maxsize: Option<usize>, currsize: usize) -> CacheInfo {
    CacheInfo {
        hits,
        misses,
        maxsize,
        currsize,
    }
}

/// Counts the calls of a function body.
pub struct Calls(AtomicUsize);

impl Calls {
    pub const fn new() -> Self {
        Calls(AtomicUsize::new(0))
    }

    pub fn count(&self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }

    pub fn get(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }
}

/// Runs a future to completion on the calling thread: the executor of the tests of
/// `async fn`, which need no runtime (the memoized futures wait on nothing but each other).
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    use std::sync::Arc;
    use std::task::{Context, Poll, Wake, Waker};
    use std::thread::{self, Thread};

    struct Unpark(Thread);

    impl Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
    }

    let mut future = std::pin::pin!(future);
    let waker = Waker::from(Arc::new(Unpark(thread::current())));
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        thread::park();
    }
}

/// A future that is pending once (waking its task) and then ready: an `.await` point that
/// lets a test interleave two calls.
pub fn yield_once() -> YieldOnce {
    YieldOnce(false)
}

/// The future of [`yield_once`]; it holds whether it has yielded.
pub struct YieldOnce(bool);

impl std::future::Future for YieldOnce {
    type Output = ();

    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<()> {
        if self.0 {
            std::task::Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            std::task::Poll::Pending
        }
    }
}
