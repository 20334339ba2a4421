use memo::memoize;

#[memoize(key = name.len(), key_type = u32)]
fn greeting(name: &str) -> String {
    format!("hello {name}")
}

fn main() {}
