use memo::memoize;

#[memoize(maxsize = "128")]
fn string(n: u32) -> u32 {
    n
}

#[memoize(maxsize = -1)]
fn negative(n: u32) -> u32 {
    n
}

#[memoize(maxsize = 1.5)]
fn float(n: u32) -> u32 {
    n
}

#[memoize(maxsize = 8u32)]
fn suffix(n: u32) -> u32 {
    n
}

#[memoize(maxsize = 99999999999999999999999)]
fn huge(n: u32) -> u32 {
    n
}

#[memoize(maxsize = none)]
fn lowercase_none(n: u32) -> u32 {
    n
}

#[memoize(maxsize)]
fn missing(n: u32) -> u32 {
    n
}

#[memoize(policy = "fifo")]
fn quoted_policy(n: u32) -> u32 {
    n
}

#[memoize(policy = random)]
fn unknown_policy(n: u32) -> u32 {
    n
}

#[memoize(crate = "memo")]
fn quoted_crate(n: u32) -> u32 {
    n
}

fn main() {}
