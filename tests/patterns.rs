//! Names in the patterns of a memoized function's body: the body moves into the function's
//! module, and a name that the pattern resolves to an item must still be that item there
//! (a name declared in the block around the function is a compile error, see
//! `tests/ui/block_const_pattern.rs`). Everything here compiles without warnings, and
//! matches as it would unmemoized.
#![deny(warnings)]

use memo::memoize;

const LIMIT: u32 = 10;

/// A unit struct that is not `Copy` and has a destructor.
#[derive(Debug, PartialEq, Eq)]
struct Marker;

impl Drop for Marker {
    fn drop(&mut self) {}
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Color {
    Red,
    Green,
}

use Color::{Green, Red};

/// A generic enum: the type of `Leaf` alone cannot be inferred.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Tree<T> {
    Leaf,
    Node(T),
}

use Tree::*;

#[memoize]
fn classify(x: u32) -> &'static str {
    match x {
        LIMIT => "at the limit",
        _ => "other",
    }
}

#[memoize]
fn is_marker(marker: Option<u8>) -> bool {
    // A unit struct as a pattern, in a match on a value built in the body.
    let value = marker.map(|_| Marker);
    match value {
        Some(Marker) => true,
        None => false,
    }
}

#[memoize]
fn describe(color: Color, tree: Tree<u8>) -> u32 {
    let mut score = 0;
    if let Red = color {
        score += 1;
    }
    if let Node(n) = tree
        && let Green = color
    {
        score += u32::from(n);
    }
    let Leaf = tree else {
        return score + 100;
    };
    score
}

#[test]
fn module_items_in_patterns_match_at_module_level() {
    assert_eq!(classify(3), "other");
    assert_eq!(classify(LIMIT), "at the limit");
    assert_eq!(classify::cache_info().misses, 2);
    assert!(is_marker(Some(1)));
    assert!(!is_marker(None));
    assert_eq!(describe(Red, Leaf), 1);
    assert_eq!(describe(Green, Node(5)), 105);
    assert_eq!(describe(Green, Leaf), 0);
}

#[test]
fn module_items_in_patterns_match_in_a_block() {
    #[memoize]
    fn local(x: u32, color: Color) -> &'static str {
        match (x, color) {
            (LIMIT, Red) => "limit, red",
            (LIMIT, _) => "limit",
            (_, Green) => "green",
            _ => "other",
        }
    }
    #[memoize]
    fn count(tree: Tree<u32>) -> u32 {
        let mut tree = tree;
        let mut steps = 0;
        while let Node(n) = tree {
            steps += 1;
            tree = if n == 0 { Leaf } else { Node(n - 1) };
        }
        steps + u32::from(matches!(tree, Leaf))
    }

    assert_eq!(local(LIMIT, Red), "limit, red");
    assert_eq!(local(LIMIT, Green), "limit");
    assert_eq!(local(1, Green), "green");
    assert_eq!(local(1, Red), "other");
    assert_eq!(count(Node(2)), 4);
    assert_eq!(count(Leaf), 1);
}

#[test]
fn items_declared_in_the_body_are_seen_by_its_patterns() {
    #[memoize]
    fn sign(x: i32) -> &'static str {
        const ZERO: i32 = 0;
        enum Sign {
            Negative,
            Zero,
            Positive,
        }
        let sign = match x {
            ZERO => Sign::Zero,
            _ if x < 0 => Sign::Negative,
            _ => Sign::Positive,
        };
        {
            // An import in a nested block, seen by the patterns of that block.
            use Sign::*;
            match sign {
                Negative => "negative",
                Zero => "zero",
                Positive => "positive",
            }
        }
    }

    #[memoize]
    fn warm(color: Color) -> bool {
        // The same variants as the module's imports: not ambiguous.
        use Color::*;
        match color {
            Red => true,
            Green => false,
        }
    }

    assert_eq!(sign(-3), "negative");
    assert_eq!(sign(0), "zero");
    assert_eq!(sign(7), "positive");
    assert!(warm(Red));
    assert!(!warm(Green));
}

/// Declares a memoized function telling whether its argument is `$item`.
macro_rules! is {
    ($name:ident, $item:ident) => {
        #[memoize]
        fn $name(x: u32) -> bool {
            matches!(x, $item)
        }
    };
}

is!(is_limit, LIMIT);

#[test]
fn a_function_written_by_a_macro_matches_the_same() {
    assert!(is_limit(LIMIT));
    assert!(!is_limit(1));
}

#[test]
fn an_arm_under_cfg_names_what_exists_under_it() {
    #[memoize]
    fn pick(x: u32) -> u32 {
        #[cfg(any())]
        const ABSENT: u32 = 1;
        match x {
            #[cfg(any())]
            ABSENT => 1,
            LIMIT => 2,
            _ => 3,
        }
    }

    assert_eq!(pick(1), 3);
    assert_eq!(pick(LIMIT), 2);
}

#[test]
fn an_uppercase_binding_outside_refutable_patterns_still_binds() {
    #[memoize]
    #[allow(non_snake_case)]
    fn area(side: u32) -> u32 {
        let N = side;
        let square = |S: u32| S * S;
        let mut total = 0;
        for K in [N, 1] {
            total += square(K);
        }
        total
    }

    assert_eq!(area(3), 10);
}

/// Variants named as prelude items, imported in their own module: a pattern that names one
/// means the variant, not the prelude's item.
mod prelude_names {
    use memo::memoize;

    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Compression {
        None,
        Gzip,
        Default,
    }

    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Kind {
        String,
        Number,
    }

    use Compression::{Default, Gzip, None};
    use Kind::{Number, String};

    #[memoize]
    pub fn level(compression: Compression, kind: Kind) -> u32 {
        let base = match compression {
            None => 0,
            Gzip => 6,
            Default => 3,
        };
        match kind {
            String => base,
            Number => base + 1,
        }
    }

    #[test]
    fn variants_named_as_prelude_items_match_as_themselves() {
        assert_eq!(level(None, String), 0);
        assert_eq!(level(Gzip, Number), 7);
        assert_eq!(level(Default, String), 3);
    }
}

/// Lights, whose variants the test below imports by a glob in a body, where the module's
/// `Red` is also in scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Light {
    Red,
    Amber,
}

#[test]
fn a_glob_import_in_the_body_may_shadow_the_modules_names() {
    #[memoize]
    fn stop(light: Light) -> bool {
        use Light::*;
        match light {
            Red => true,
            Amber => false,
        }
    }

    assert!(stop(Light::Red));
    assert!(!stop(Light::Amber));
}

#[test]
fn an_arm_under_cfg_attr_is_left_as_written() {
    #[memoize]
    fn pick(x: u32) -> u32 {
        #[cfg_attr(all(), cfg(any()))]
        let v = match x {
            ABSENT => 1,
            _ => 2,
        };
        #[cfg(any())]
        let _ = v;
        match x {
            LIMIT => 2,
            _ => 3,
        }
    }

    assert_eq!(pick(LIMIT), 2);
    assert_eq!(pick(1), 3);
}
