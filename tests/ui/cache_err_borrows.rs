use memo::memoize;

#[derive(Clone)]
pub struct ParseError<'a> {
    pub at: &'a str,
}

// With `cache_err = true`, errors are cached too: they cannot borrow.
#[memoize(cache_err = true)]
fn parse(text: &str) -> Result<u32, ParseError<'_>> {
    text.parse().map_err(|_| ParseError { at: text })
}

#[memoize(cache_err = true)]
fn parse_named<'a>(text: &'a str) -> Result<u32, &'a str> {
    text.parse().map_err(|_| text)
}

fn main() {}
