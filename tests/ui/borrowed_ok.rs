use memo::memoize;

// Errors are not cached and may borrow, but `Ok` values are.
#[memoize]
fn first_word(text: &str) -> Result<&str, &str> {
    text.split(' ').next().ok_or(text)
}

pub struct Token<'a> {
    pub text: &'a str,
}

#[memoize]
fn token<'a>(text: &'a str) -> Result<Token<'a>, String> {
    Ok(Token { text })
}

fn main() {}
