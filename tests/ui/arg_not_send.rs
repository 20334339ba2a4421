use std::rc::Rc;

use memo::memoize;

#[memoize]
fn len(text: Rc<str>) -> usize {
    text.len()
}

fn main() {}
