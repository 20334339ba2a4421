use memo::memoize;

// A `maxsize` handed down by a macro is checked as if written in place.
macro_rules! memoized_double {
    ($maxsize:literal) => {
        #[memoize(maxsize = $maxsize, ttl = std::time::Duration::from_secs(30))]
        fn double(n: u32) -> u32 {
            n * 2
        }
    };
}

memoized_double!(0);

fn main() {}
