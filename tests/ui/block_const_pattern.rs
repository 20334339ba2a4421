use memo::memoize;

fn main() {
    const LIMIT: u32 = 10;

    // In the module the body moves to, `LIMIT` would bind anything.
    #[memoize]
    fn classify(x: u32) -> &'static str {
        match x {
            LIMIT => "at the limit",
            _ => "other",
        }
    }

    assert_eq!(classify(3), "other");
}
