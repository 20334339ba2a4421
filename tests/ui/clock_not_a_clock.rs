use std::time::Duration;

use memo::memoize;

/// Not a `memo::Clock`.
struct Sundial;

#[memoize(ttl = Duration::from_secs(30), clock = Sundial)]
fn double(n: u32) -> u32 {
    n * 2
}

// Nor does the clock see the arguments: it is made when the cache is built.
#[memoize(ttl = Duration::from_secs(30), clock = memo::ManualClock::with_resolution(n))]
fn triple(n: Duration) -> u32 {
    n.as_secs() as u32 * 3
}

/// Nor `self`.
#[derive(PartialEq, Eq, Hash, Clone)]
struct Prices;

impl Prices {
    #[memoize(ttl = Duration::from_secs(30), clock = self.clock(), ignore = [self])]
    fn price(&self, n: u32) -> u32 {
        n
    }
}

fn main() {}
