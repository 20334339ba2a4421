use memo::memoize;

#[memoize(key = name.to_lowercase())]
fn greeting(name: &str) -> String {
    format!("hello {name}")
}

fn main() {}
