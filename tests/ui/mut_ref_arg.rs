use memo::memoize;

#[memoize]
fn push(items: &mut Vec<u32>, item: u32) -> usize {
    items.push(item);
    items.len()
}

fn main() {}
