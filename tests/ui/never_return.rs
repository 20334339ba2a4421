use memo::memoize;

#[memoize]
fn fail(code: i32) -> ! {
    std::process::exit(code)
}

fn main() {}
