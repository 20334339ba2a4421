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

fn main() {}
