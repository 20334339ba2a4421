use std::borrow::Cow;

use memo::memoize;

#[memoize]
fn first(words: Option<&str>) -> usize {
    words.map_or(0, str::len)
}

#[memoize]
fn nested(word: &&str) -> usize {
    word.len()
}

#[memoize]
fn cow<'a>(text: Cow<'a, str>) -> usize {
    text.len()
}

fn main() {}
