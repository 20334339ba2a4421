use std::rc::Rc;

use memo::memoize;

#[memoize]
fn shared(n: u32) -> Rc<String> {
    Rc::new(n.to_string())
}

fn main() {}
