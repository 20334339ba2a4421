use memo::memoize;

#[derive(Clone)]
struct Point(u32, u32);

impl Point {
    #[memoize]
    fn diagonal(n: u32) -> Self {
        Point(n, n)
    }
}

fn main() {}
