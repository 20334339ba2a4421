use memo::memoize;

#[memoize(ignore = [log])]
fn double(log: &mut Vec<String>, n: u32) -> u32 {
    log.push(format!("double({n})"));
    n * 2
}

fn main() {}
