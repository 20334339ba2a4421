use memo::memoize;

#[memoize]
fn cache_info(n: u32) -> u32 {
    n
}

#[memoize]
fn uncached(n: u32) -> u32 {
    n
}

#[memoize]
fn __memoized(n: u32) -> u32 {
    n
}

// The module's `static`s.
#[memoize]
fn __MEMO(n: u32) -> u32 {
    n
}

#[memoize(scope = thread)]
fn __PLACE(n: u32) -> u32 {
    n
}

// A raw identifier is the same name.
#[memoize]
fn r#cache_clear(n: u32) -> u32 {
    n
}

fn main() {}
