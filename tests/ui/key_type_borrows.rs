use memo::memoize;

#[memoize(key = name.trim(), key_type = &str)]
fn trimmed_len(name: &str) -> usize {
    name.trim().len()
}

fn main() {}
