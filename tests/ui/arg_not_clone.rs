use memo::memoize;

#[derive(PartialEq, Eq, Hash)]
struct Id(u64);

#[memoize]
fn label(id: Id) -> String {
    id.0.to_string()
}

fn main() {}
