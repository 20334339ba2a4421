use memo::memoize;

#[memoize(key = (name, lang))]
fn greeting(name: &str, language: &str) -> String {
    format!("{language}: hello {name}")
}

fn main() {}
