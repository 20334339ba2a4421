use memo::memoize;

#[memoize(ignore = [out])]
fn record(out: Option<&mut Vec<u32>>, n: u32) -> u32 {
    if let Some(out) = out {
        out.push(n);
    }
    n
}

#[memoize(ignore = [out])]
fn record_static(out: Option<&'static mut Vec<u32>>, n: u32) -> u32 {
    if let Some(out) = out {
        out.push(n);
    }
    n
}

// In the key, where ignoring it would not do either.
#[memoize]
fn keyed(out: Option<&mut u32>) -> u32 {
    out.map_or(0, |out| *out)
}

fn main() {}
