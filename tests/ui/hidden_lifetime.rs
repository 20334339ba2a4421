use std::borrow::Cow;

use memo::memoize;

#[memoize]
fn len(text: Cow<str>) -> usize {
    text.len()
}

fn main() {}
