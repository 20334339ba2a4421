//! Floats in a key: `f32` and `f64` are neither `Hash` nor `Eq` (NaN is not equal to
//! itself), which rustc reports as two trait errors without a way out. The macro reports
//! them itself, at each float, with a `key = ..` that keys them by their bits.

use syn::{GenericArgument, Ident, PathArguments, Type, TypePath};

use super::Cx;
use super::types::peel;

/// Reports `f32` and `f64` in a key, alone or in a tuple, array, slice, reference, `Vec`,
/// `VecDeque`, `Option` or `Box`. Not under other paths' arguments: a `Meters<f64>` may
/// well be `Hash + Eq`. (Nor can a type be told from another of the same name: a `Vec` of
/// one's own imported as `Vec` is taken for `std`'s, and passes written as `my::Vec`.)
/// `way_out` ends the message: what to write instead ([`way_out`]).
pub(super) fn check_float_key(ty: &Type, way_out: &str, cx: &mut Cx) {
    match ty {
        Type::Array(array) => check_float_key(&array.elem, way_out, cx),
        Type::Group(group) => check_float_key(&group.elem, way_out, cx),
        Type::Paren(paren) => check_float_key(&paren.elem, way_out, cx),
        Type::Reference(reference) => check_float_key(&reference.elem, way_out, cx),
        Type::Slice(slice) => check_float_key(&slice.elem, way_out, cx),
        Type::Tuple(tuple) => {
            for elem in &tuple.elems {
                check_float_key(elem, way_out, cx);
            }
        }
        Type::Path(path) if bits_of(path).is_some() => cx.errors.push(
            path,
            format_args!(
                "memoize: a float cannot be in the key: `{}` is neither `Hash` nor `Eq` (NaN \
                 is not equal to itself); {way_out}",
                path.path.segments[0].ident,
            ),
        ),
        Type::Path(TypePath { qself: None, path }) => {
            let Some(last) = path.segments.last() else {
                return;
            };
            let in_std = path.segments.len() == 1
                || ["std", "alloc", "core"]
                    .iter()
                    .any(|root| path.segments[0].ident == root);
            if in_std
                && ["Vec", "VecDeque", "Option", "Box"]
                    .iter()
                    .any(|container| last.ident == container)
                && let PathArguments::AngleBracketed(arguments) = &last.arguments
            {
                for argument in &arguments.args {
                    if let GenericArgument::Type(ty) = argument {
                        check_float_key(ty, way_out, cx);
                    }
                }
            }
        }
        _ => {}
    }
}

/// The unsigned integer of a float's bits, for `f32` and `f64`.
fn bits_of(path: &TypePath) -> Option<&'static str> {
    if path.qself.is_some() {
        None
    } else if path.path.is_ident("f64") {
        Some("u64")
    } else if path.path.is_ident("f32") {
        Some("u32")
    } else {
        None
    }
}

/// The types of the arguments that [`way_out`] can spell a key for, besides floats.
const SPELLED: [&str; 17] = [
    "bool", "char", "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128",
    "usize", "str", "String", "Self",
];

/// What the error of a float in a key of arguments suggests.
///
/// A `key` expression is the whole key, so a suggestion that left an argument out would
/// make calls that differ in it share an entry: it spells out a key of all of them (the
/// floats by their bits) when it can, that is when each has a name and is a float or one of
/// [`SPELLED`], and `max_len` at most (the largest tuple that is `Hash`); otherwise it names
/// the pieces. `replaces` says what option the key would replace (`ignore`, `key`), if any.
pub(super) fn way_out(args: &[(Option<&Ident>, &Type)], max_len: usize, replaces: &str) -> String {
    let parts: Option<Vec<(String, String)>> = args
        .iter()
        .map(|&(ident, ty)| {
            let ident = ident?;
            let (by_ref, Type::Path(path)) = (match peel(ty) {
                Type::Reference(reference) => (true, peel(&reference.elem)),
                ty => (false, ty),
            }) else {
                return None;
            };
            if let Some(bits) = bits_of(path) {
                return Some((format!("{ident}.to_bits()"), bits.to_owned()));
            }
            let name = SPELLED
                .into_iter()
                .find(|name| path.qself.is_none() && path.path.is_ident(name))?;
            Some(match (name, by_ref) {
                ("str", _) => (format!("{ident}.to_owned()"), "String".to_owned()),
                ("String" | "Self", _) => (format!("{ident}.clone()"), name.to_owned()),
                (_, true) => (format!("*{ident}"), name.to_owned()),
                (_, false) => (ident.to_string(), name.to_owned()),
            })
        })
        .collect();
    let ignore = "or `ignore` it";
    match parts.as_deref() {
        Some([(expr, ty)]) => format!(
            "key on its bits, `key = {expr}, key_type = {ty}`{replaces} (where `0.0` and `-0.0` \
             differ), {ignore}"
        ),
        Some(parts) if parts.len() <= max_len => {
            let (exprs, types): (Vec<&str>, Vec<&str>) = parts
                .iter()
                .map(|(expr, ty)| (expr.as_str(), ty.as_str()))
                .unzip();
            format!(
                "key on its bits, in a `key` that holds every argument of the key (a `key` is \
                 the whole key): `key = ({}), key_type = ({})`{replaces} (where `0.0` and \
                 `-0.0` differ), {ignore}",
                exprs.join(", "),
                types.join(", ")
            )
        }
        _ => format!(
            "key on its bits (`f64::to_bits`, `f32::to_bits`) in a `key = .., key_type = ..` \
             that holds every argument of the key (a `key` is the whole key){replaces}, {ignore}"
        ),
    }
}

#[cfg(test)]
mod tests {
    use syn::parse_quote;

    use super::*;

    fn suggested(args: &[(&str, Type)], max_len: usize) -> String {
        let idents: Vec<Ident> = args
            .iter()
            .map(|(name, _)| Ident::new(name, proc_macro2::Span::call_site()))
            .collect();
        let args: Vec<(Option<&Ident>, &Type)> = idents
            .iter()
            .zip(args)
            .map(|(ident, (_, ty))| (Some(ident), ty))
            .collect();
        way_out(&args, max_len, "")
    }

    #[test]
    fn one_float_is_keyed_by_its_bits() {
        let message = suggested(&[("x", parse_quote!(&f32))], 12);
        assert!(
            message.contains("`key = x.to_bits(), key_type = u32`"),
            "{message}"
        );
    }

    #[test]
    fn the_suggested_key_holds_every_argument() {
        let args = [
            ("x", parse_quote!(f64)),
            ("label", parse_quote!(&str)),
            ("owner", parse_quote!(&String)),
            ("n", parse_quote!(&u8)),
            ("flag", parse_quote!(bool)),
            ("self", parse_quote!(&Self)),
        ];
        let message = suggested(&args, 12);
        assert!(
            message.contains(
                "`key = (x.to_bits(), label.to_owned(), owner.clone(), *n, flag, \
                 self.clone()), key_type = (u64, String, String, u8, bool, Self)`"
            ),
            "{message}"
        );
    }

    #[test]
    fn a_key_that_cannot_be_spelled_gets_the_pieces() {
        let generic = |message: &str| message.contains("in a `key = .., key_type = ..`");
        // A type the suggestion cannot name the owned form of.
        assert!(generic(&suggested(
            &[("x", parse_quote!(f64)), ("v", parse_quote!(Vec<u8>))],
            12
        )));
        // More arguments than the largest tuple that is `Hash`.
        let many: Vec<(&str, Type)> = ["a", "b", "c"]
            .into_iter()
            .map(|name| (name, parse_quote!(f64)))
            .collect();
        assert!(generic(&suggested(&many, 2)));
        // An argument without a name.
        let ty: Type = parse_quote!(f64);
        assert!(generic(&way_out(&[(None, &ty)], 12, "")));
    }
}
