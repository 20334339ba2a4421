use memo::memoize;

#[memoize]
fn show(value: &dyn std::fmt::Display) -> String {
    value.to_string()
}

#[memoize]
fn boxed(value: Box<dyn std::fmt::Display + Send>) -> String {
    value.to_string()
}

fn main() {}
