use memo::memoize;

// A task may resume on another thread than the one whose cache it missed in.
#[memoize(scope = thread)]
async fn fetch(id: u32) -> String {
    id.to_string()
}

fn main() {}
