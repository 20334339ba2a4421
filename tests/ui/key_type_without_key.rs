use memo::memoize;

#[memoize(key_type = String)]
fn greeting(name: &str) -> String {
    format!("hello {name}")
}

fn main() {}
