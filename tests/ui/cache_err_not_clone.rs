use memo::memoize;

#[derive(Debug)]
struct ParseError;

#[memoize(cache_err = true)]
fn parse(text: &str) -> Result<u32, ParseError> {
    text.parse().map_err(|_| ParseError)
}

fn main() {}
