use memo::memoize;

#[memoize(key = name, key_type = String)]
fn greeting(name: &str, excited: bool) -> String {
    format!("hello {name}{}", if excited { "!" } else { "" })
}

fn main() {}
