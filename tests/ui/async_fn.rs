use memo::memoize;

#[memoize]
async fn fetch(id: u32) -> String {
    id.to_string()
}

fn main() {}
