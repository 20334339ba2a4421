use memo::memoize;

#[derive(Clone, PartialEq, Eq)]
struct Point {
    x: i32,
    y: i32,
}

#[memoize(scope = thread)]
fn norm(point: Point) -> i32 {
    point.x.abs() + point.y.abs()
}

fn main() {}
