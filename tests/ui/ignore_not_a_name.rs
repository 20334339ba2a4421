use memo::memoize;

struct Connection;

#[memoize(ignore = [&connection])]
fn user_name(connection: &Connection, id: u32) -> String {
    let _ = connection;
    format!("user {id}")
}

fn main() {}
