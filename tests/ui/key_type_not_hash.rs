use memo::memoize;

#[derive(Clone, PartialEq, Eq)]
struct Folded(String);

#[memoize(key = Folded(name.to_lowercase()), key_type = Folded)]
fn greeting(name: &str) -> String {
    format!("hello {name}")
}

fn main() {}
