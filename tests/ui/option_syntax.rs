use memo::memoize;

#[memoize(key = )]
fn no_value(n: u32) -> u32 {
    n
}

#[memoize(maxsize = 4 policy = fifo)]
fn no_comma(n: u32) -> u32 {
    n
}

#[memoize(maxsize = 4;)]
fn semicolon(n: u32) -> u32 {
    n
}

#[memoize(key = +)]
fn not_an_expression(n: u32) -> u32 {
    n
}

fn main() {}
