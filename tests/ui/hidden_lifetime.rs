use std::borrow::Cow;

use memo::memoize;

#[memoize]
fn len(text: Cow<str>) -> usize {
    text.len()
}

// A return type's hidden lifetime is the argument's: write `Cow<'static, str>`, or return
// an owned `String`.
#[memoize]
fn trimmed(text: &str) -> Cow<str> {
    Cow::Borrowed(text.trim())
}

fn main() {}
