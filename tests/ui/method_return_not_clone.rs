use memo::memoize;

struct Report {
    lines: Vec<String>,
}

struct Service;

impl Service {
    #[memoize(ignore = [self])]
    fn report(&self, n: u32) -> Report {
        Report {
            lines: vec![n.to_string()],
        }
    }
}

fn main() {
    let _ = Service.report(1).lines;
}
