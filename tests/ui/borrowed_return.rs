use memo::memoize;

#[memoize]
fn trim(text: &str) -> &str {
    text.trim()
}

#[memoize]
fn words<'a>(text: &'a str) -> Vec<&'a str> {
    text.split(' ').collect()
}

fn main() {}
