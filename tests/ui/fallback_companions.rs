// A function that cannot be memoized is reported once: the calls of its companions find
// stand-ins, and add no errors of their own.
use memo::memoize;

#[memoize(maxsize = -1)]
fn bad_option(n: u32) -> u32 {
    n
}

#[memoize]
fn generic<T: Clone>(value: T) -> T {
    value
}

#[derive(Clone, PartialEq, Eq, Hash)]
struct Meter;

impl Meter {
    #[memoize(key = n, ignore = [self])]
    fn bad_method(&self, n: u32) -> u32 {
        n
    }
}

mod inner {
    use memo::memoize;

    #[memoize(policy = random)]
    pub fn elsewhere(n: u32) -> u32 {
        n
    }
}

fn main() {
    let _: memo::CacheInfo = bad_option::cache_info();
    bad_option::cache_clear();
    let _: memo::CacheParameters = bad_option::cache_parameters();
    let _ = bad_option(1);
    let _ = generic::cache_info();
    let _ = generic(1);
    let _ = Meter::bad_method_cache_info();
    Meter::bad_method_cache_clear();
    let _ = Meter::bad_method_cache_parameters();
    let _ = Meter.bad_method(1);
    let _ = inner::elsewhere::cache_info();
    let _ = inner::elsewhere(1);
}
