use memo::memoize;

struct Grid;

impl Grid {
    #[memoize]
    fn cells(side: u32) -> u32 {
        side * side
    }
}

fn main() {}
