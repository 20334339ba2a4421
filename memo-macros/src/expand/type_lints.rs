//! Which of clippy's lints on the types of a signature would fire, read from the tokens.
//!
//! clippy lints the types of every function's signature, so each copy of the user's
//! signature (the forwarding functions, `uncached`) draws the lints of the user's function
//! again. The copies allow them, and since an `allow` of a lint the user forbids is an error
//! (E0453), only the lints that the types show, by the rules clippy applies (its `types`
//! lints and the signature lints of its `functions` and `pass_by_ref_or_value` passes).
//! The types are not resolved here: a `Vec` is any type named `Vec`. A lint that fires
//! where these rules miss it is reported on the copies too; an `allow` of a lint that
//! would not fire only matters under a `forbid` of it.

use syn::{
    Expr, FnArg, GenericArgument, Lit, PathArguments, ReturnType, Signature, Type, TypePath,
    TypeTuple,
};

use crate::signature::{is_result, peel};

/// A clippy lint that the types of a signature draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct TypeLint {
    /// Its name in the `clippy` tool namespace.
    pub(super) name: &'static str,
    /// Whether clippy skips it on a function exported from the crate (its
    /// `avoid-breaking-exported-api` setting, on by default).
    pub(super) exported_api: bool,
}

const VEC_BOX: TypeLint = lint("vec_box", true);
const BOX_COLLECTION: TypeLint = lint("box_collection", true);
const REDUNDANT_ALLOCATION: TypeLint = lint("redundant_allocation", true);
const RC_BUFFER: TypeLint = lint("rc_buffer", true);
const LINKEDLIST: TypeLint = lint("linkedlist", true);
const OPTION_OPTION: TypeLint = lint("option_option", true);
const OWNED_COW: TypeLint = lint("owned_cow", true);
const BORROWED_BOX: TypeLint = lint("borrowed_box", false);
const TYPE_COMPLEXITY: TypeLint = lint("type_complexity", false);
const UNNECESSARY_BOX_RETURNS: TypeLint = lint("unnecessary_box_returns", true);
const REF_OPTION: TypeLint = lint("ref_option", true);
const TRIVIALLY_COPY_PASS_BY_REF: TypeLint = lint("trivially_copy_pass_by_ref", true);
const LARGE_TYPES_PASSED_BY_VALUE: TypeLint = lint("large_types_passed_by_value", true);
const RC_MUTEX: TypeLint = lint("rc_mutex", true);
const FN_PARAMS_EXCESSIVE_BOOLS: TypeLint = lint("fn_params_excessive_bools", false);
/// Reported on exported functions only: see [`type_lints`].
const RESULT_UNIT_ERR: TypeLint = lint("result_unit_err", false);

const fn lint(name: &'static str, exported_api: bool) -> TypeLint {
    TypeLint { name, exported_api }
}

/// clippy's default `type-complexity-threshold`: a type scoring more is too complex.
const MOST_COMPLEXITY: u64 = 250;

/// clippy's default `pass-by-value-size-limit`, in bytes.
const MOST_BYTES_BY_VALUE: u64 = 256;

/// clippy's default `trivial-copy-size-limit` on a 64-bit target: a pointer's size.
const MOST_BYTES_TRIVIALLY_COPIED: u64 = 8;

/// clippy's default `vec-box-size-threshold`, in bytes: a larger boxed type is not linted.
const MOST_BYTES_VEC_BOX: u64 = 4096;

/// clippy's default `unnecessary-box-size`, in bytes: a larger boxed type is not linted.
const MOST_BYTES_BOX_RETURN: u64 = 128;

/// clippy's default `max-fn-params-bools`.
const MOST_BOOLS: usize = 3;

/// The standard collections that `Box<C>` boxes twice (`box_collection`).
const COLLECTIONS: &[&str] = &[
    "String",
    "Vec",
    "VecDeque",
    "LinkedList",
    "HashMap",
    "HashSet",
    "BTreeMap",
    "BTreeSet",
    "BinaryHeap",
];

/// The owned buffers that an `Rc` or `Arc` would rather hold as a slice (`rc_buffer`).
const BUFFERS: &[&str] = &["String", "Vec", "PathBuf", "OsString"];

/// The owned types that a `Cow` would rather borrow as their slice (`owned_cow`).
const OWNED: &[&str] = &["String", "Vec", "PathBuf", "OsString", "CString"];

/// The lints that the types of `sig` draw, each once, in a fixed order. `public`: whether
/// the function is `pub`, without which clippy does not report `result_unit_err`.
pub(super) fn type_lints(sig: &Signature, public: bool) -> Vec<TypeLint> {
    let mut found = Vec::new();
    let arguments = sig.inputs.iter().filter_map(|input| match input {
        FnArg::Typed(arg) => Some(&*arg.ty),
        FnArg::Receiver(_) => None,
    });
    let mut bools = 0;
    for ty in arguments {
        walk(ty, &mut found);
        argument_lints(ty, &mut found);
        bools += usize::from(matches!(peel(ty), Type::Path(path) if path.path.is_ident("bool")));
    }
    if bools > MOST_BOOLS {
        found.push(FN_PARAMS_EXCESSIVE_BOOLS);
    }
    if let ReturnType::Type(_, ty) = &sig.output {
        walk(ty, &mut found);
        // clippy leaves alone a large boxed type, and a function whose name says `box`: not
        // the copies named `uncached` and `__memoized`, which are allowed it then too.
        let small = |ty: &Type| size_of_type(ty).is_none_or(|size| size <= MOST_BYTES_BOX_RETURN);
        if boxed(ty).is_some_and(|ty| is_sized(ty) && small(ty)) {
            found.push(UNNECESSARY_BOX_RETURNS);
        }
        if public && is_result_unit_err(ty) {
            found.push(RESULT_UNIT_ERR);
        }
    }
    let mut unique = Vec::new();
    for lint in found {
        if !unique.contains(&lint) {
            unique.push(lint);
        }
    }
    unique
}

/// The lints of a type of the signature: `type_complexity`, or else those of its levels,
/// from the top: clippy looks no further into a type too complex, nor below a level that
/// drew a lint, nor into function pointers, trait objects and associated types.
fn walk(ty: &Type, found: &mut Vec<TypeLint>) {
    if complexity(ty, 1) > MOST_COMPLEXITY {
        found.push(TYPE_COMPLEXITY);
    } else {
        lint_levels(ty, found);
    }
}

fn lint_levels(ty: &Type, found: &mut Vec<TypeLint>) {
    let ty = peel(ty);
    if let Some(lint) = node_lints(ty) {
        found.push(lint);
        return;
    }
    match ty {
        Type::Path(TypePath { qself, path }) => {
            if let Some(qself) = qself {
                lint_levels(&qself.ty, found);
            }
            for segment in &path.segments {
                if let PathArguments::AngleBracketed(angled) = &segment.arguments {
                    for argument in &angled.args {
                        if let GenericArgument::Type(ty) = argument {
                            lint_levels(ty, found);
                        }
                    }
                }
            }
        }
        Type::Reference(reference) => lint_levels(&reference.elem, found),
        Type::Ptr(pointer) => lint_levels(&pointer.elem, found),
        Type::Slice(slice) => lint_levels(&slice.elem, found),
        Type::Array(array) => lint_levels(&array.elem, found),
        Type::Tuple(tuple) => tuple.elems.iter().for_each(|ty| lint_levels(ty, found)),
        _ => {}
    }
}

/// The lint of one level of a type, by clippy's `types` lints.
fn node_lints(ty: &Type) -> Option<TypeLint> {
    if let Type::Reference(reference) = ty {
        // Only `&Box<T>` written so, not `&mut`, and not `&Box<dyn Any>`.
        let boxed = match peel(&reference.elem) {
            Type::Path(TypePath { qself: None, path }) if path.segments.len() == 1 => {
                boxed(&reference.elem)
            }
            _ => None,
        };
        let any = |ty: &Type| {
            matches!(peel(ty), Type::TraitObject(object) if object.bounds.iter().any(|bound| {
                matches!(bound, syn::TypeParamBound::Trait(bound) if bound.path.is_ident("Any"))
            }))
        };
        let borrowed = reference.mutability.is_none() && boxed.is_some_and(|ty| !any(ty));
        return borrowed.then_some(BORROWED_BOX);
    }
    let (name, inner) = generic(ty)?;
    let inner_name = inner.and_then(generic).map(|(name, _)| name);
    let is = |names: &[&str]| {
        inner_name
            .as_deref()
            .is_some_and(|inner| names.contains(&inner))
    };
    let small = |ty: &Type| size_of_type(ty).is_none_or(|size| size <= MOST_BYTES_VEC_BOX);
    match name.as_str() {
        "Vec"
            if inner
                .and_then(boxed)
                .is_some_and(|ty| is_sized(ty) && small(ty)) =>
        {
            Some(VEC_BOX)
        }
        "Box" if is(COLLECTIONS) => Some(BOX_COLLECTION),
        "Rc" | "Arc" if is(BUFFERS) => Some(RC_BUFFER),
        "Rc" if is(&["Mutex"]) => Some(RC_MUTEX),
        "Box" | "Rc" | "Arc" => {
            let inner = peel(inner?);
            // The pointee of the inner pointer must be sized: `Rc<Box<str>>` is no waste.
            let pointee = generic(inner).and_then(|(name, pointee)| {
                ["Box", "Rc", "Arc"]
                    .contains(&name.as_str())
                    .then_some(pointee)?
            });
            let redundant = matches!(inner, Type::Reference(_)) || pointee.is_some_and(is_sized);
            redundant.then_some(REDUNDANT_ALLOCATION)
        }
        "LinkedList" => Some(LINKEDLIST),
        "Option" if is(&["Option"]) => Some(OPTION_OPTION),
        "Cow" if is(OWNED) => Some(OWNED_COW),
        _ => None,
    }
}

/// The lints of a type as an argument, which clippy's passes on functions report.
fn argument_lints(ty: &Type, found: &mut Vec<TypeLint>) {
    match peel(ty) {
        Type::Reference(reference) if reference.mutability.is_none() => {
            let elem = peel(&reference.elem);
            let option = generic(elem).filter(|(name, _)| name == "Option");
            if let Some((_, inner)) = option {
                // `&Option<&T>` is left alone.
                if !inner.is_some_and(|inner| matches!(peel(inner), Type::Reference(_))) {
                    found.push(REF_OPTION);
                }
            } else if size_of_type(elem).is_some_and(|size| size <= MOST_BYTES_TRIVIALLY_COPIED) {
                found.push(TRIVIALLY_COPY_PASS_BY_REF);
            }
        }
        by_value => {
            if size_of_type(by_value).is_some_and(|size| size > MOST_BYTES_BY_VALUE) {
                found.push(LARGE_TYPES_PASSED_BY_VALUE);
            }
        }
    }
}

/// clippy's `type_complexity` score of `ty` at depth `nest`: 10 per named type, tuple,
/// array or slice times its depth, which its parts are one deeper than; 50 per function
/// pointer of the Rust ABI, and per trait object with a `for<'a>` bound, likewise; 20 per
/// other trait object, whose bounds are not deeper; 1 per reference, raw pointer or `_`.
fn complexity(ty: &Type, nest: u64) -> u64 {
    let (own, deeper) = match peel(ty) {
        Type::Reference(_) | Type::Ptr(_) | Type::Infer(_) => (1, false),
        Type::Path(_) | Type::Slice(_) | Type::Tuple(_) | Type::Array(_) => (10 * nest, true),
        Type::BareFn(function) if function.abi.is_none() => (50 * nest, true),
        Type::TraitObject(object) => {
            let higher_ranked = object.bounds.iter().any(|bound| {
                matches!(bound, syn::TypeParamBound::Trait(bound) if bound.lifetimes.is_some())
            });
            if higher_ranked {
                (50 * nest, true)
            } else {
                (20 * nest, false)
            }
        }
        _ => (0, false),
    };
    let nest = if deeper { nest + 1 } else { nest };
    let mut parts = 0;
    children(peel(ty), &mut |part| parts += complexity(part, nest));
    own + parts
}

/// Calls `f` on the types directly within `ty`: its generic arguments, elements, pointee,
/// fields, parameters and output.
fn children(ty: &Type, f: &mut impl FnMut(&Type)) {
    match ty {
        Type::Path(TypePath { qself, path }) => {
            if let Some(qself) = qself {
                f(&qself.ty);
            }
            for segment in &path.segments {
                arguments(&segment.arguments, f);
            }
        }
        Type::Reference(reference) => f(&reference.elem),
        Type::Ptr(pointer) => f(&pointer.elem),
        Type::Slice(slice) => f(&slice.elem),
        Type::Array(array) => f(&array.elem),
        Type::Tuple(tuple) => tuple.elems.iter().for_each(f),
        Type::Paren(paren) => f(&paren.elem),
        Type::Group(group) => f(&group.elem),
        Type::BareFn(function) => {
            function.inputs.iter().for_each(|input| f(&input.ty));
            if let ReturnType::Type(_, output) = &function.output {
                f(output);
            }
        }
        Type::TraitObject(object) => {
            for bound in &object.bounds {
                if let syn::TypeParamBound::Trait(bound) = bound {
                    for segment in &bound.path.segments {
                        arguments(&segment.arguments, f);
                    }
                }
            }
        }
        _ => {}
    }
}

/// The types among a path segment's generic arguments, `<..>` or `(..) -> ..`.
fn arguments(arguments: &PathArguments, f: &mut impl FnMut(&Type)) {
    match arguments {
        PathArguments::AngleBracketed(angled) => {
            for argument in &angled.args {
                match argument {
                    GenericArgument::Type(ty) => f(ty),
                    GenericArgument::AssocType(assoc) => f(&assoc.ty),
                    _ => {}
                }
            }
        }
        PathArguments::Parenthesized(parenthesized) => {
            // `Fn(A, B) -> C` is `Fn<(A, B), Output = C>`: its inputs are a tuple.
            f(&Type::Tuple(TypeTuple {
                paren_token: parenthesized.paren_token,
                elems: parenthesized.inputs.clone(),
            }));
            match &parenthesized.output {
                ReturnType::Type(_, output) => f(output),
                // No `->` is `-> ()`.
                ReturnType::Default => f(&Type::Tuple(TypeTuple {
                    paren_token: parenthesized.paren_token,
                    elems: syn::punctuated::Punctuated::new(),
                })),
            }
        }
        PathArguments::None => {}
    }
}

/// The name of a path type (its last segment) and its first generic type argument.
fn generic(ty: &Type) -> Option<(String, Option<&Type>)> {
    let Type::Path(TypePath { qself: None, path }) = peel(ty) else {
        return None;
    };
    let segment = path.segments.last()?;
    let first = match &segment.arguments {
        PathArguments::AngleBracketed(angled) => {
            angled.args.iter().find_map(|argument| match argument {
                GenericArgument::Type(ty) => Some(ty),
                _ => None,
            })
        }
        _ => None,
    };
    Some((segment.ident.to_string(), first))
}

/// Whether a type is `Result<T, ()>`, whose error says nothing (`result_unit_err`, which
/// clippy reports on exported functions only).
fn is_result_unit_err(ty: &Type) -> bool {
    let Type::Path(TypePath { path, .. }) = peel(ty) else {
        return false;
    };
    let error = path
        .segments
        .last()
        .and_then(|segment| match &segment.arguments {
            PathArguments::AngleBracketed(angled) => angled
                .args
                .iter()
                .filter_map(|argument| match argument {
                    GenericArgument::Type(ty) => Some(peel(ty)),
                    _ => None,
                })
                .nth(1),
            _ => None,
        });
    is_result(ty) && matches!(error, Some(Type::Tuple(unit)) if unit.elems.is_empty())
}

/// The `T` of a `Box<T>`.
fn boxed(ty: &Type) -> Option<&Type> {
    match generic(ty)? {
        (name, inner) if name == "Box" => inner,
        _ => None,
    }
}

/// Whether a type is sized, as far as its tokens tell: not a trait object, a slice, `str`,
/// `Path`, `OsStr` or `CStr`.
fn is_sized(ty: &Type) -> bool {
    match peel(ty) {
        Type::TraitObject(_) | Type::Slice(_) => false,
        Type::Path(TypePath { qself: None, path }) => !["str", "Path", "OsStr", "CStr"]
            .iter()
            .any(|name| path.is_ident(name)),
        _ => true,
    }
}

/// The size in bytes of a primitive type, or of an array of them with a literal length.
fn size_of_type(ty: &Type) -> Option<u64> {
    match peel(ty) {
        Type::Path(TypePath { qself: None, path }) => {
            let name = path.get_ident()?.to_string();
            Some(match name.as_str() {
                "u8" | "i8" | "bool" => 1,
                "u16" | "i16" => 2,
                "u32" | "i32" | "f32" | "char" => 4,
                "u64" | "i64" | "f64" | "usize" | "isize" => 8,
                "u128" | "i128" => 16,
                _ => return None,
            })
        }
        Type::Array(array) => {
            let Expr::Lit(length) = &array.len else {
                return None;
            };
            let Lit::Int(length) = &length.lit else {
                return None;
            };
            size_of_type(&array.elem)?.checked_mul(length.base10_parse().ok()?)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use syn::parse_quote;

    use super::*;

    fn names(sig: &Signature) -> Vec<&'static str> {
        type_lints(sig, true)
            .into_iter()
            .map(|lint| lint.name)
            .collect()
    }

    #[test]
    fn reads_the_lints_of_clippys_types_pass() {
        let cases: [(Signature, &[&str]); 12] = [
            (parse_quote!(fn f(v: Vec<Box<u32>>)), &["vec_box"]),
            (
                parse_quote!(fn f(v: Vec<Box<str>>, w: Vec<Box<dyn Tr>>)),
                &[],
            ),
            (parse_quote!(fn f(s: Box<String>)), &["box_collection"]),
            (
                parse_quote!(fn f(n: u8) -> Box<std::vec::Vec<u8>>),
                &["box_collection", "unnecessary_box_returns"],
            ),
            (
                parse_quote!(fn f(a: Box<&'static u32>, b: Arc<Box<u32>>, c: Rc<Arc<u8>>)),
                &["redundant_allocation"],
            ),
            (parse_quote!(fn f(a: Arc<Box<str>>, b: Box<[u8]>)), &[]),
            (
                parse_quote!(fn f(s: Arc<String>, m: Rc<Mutex<u8>>)),
                &["rc_buffer", "rc_mutex"],
            ),
            (parse_quote!(fn f(b: &Box<u32>)), &["borrowed_box"]),
            (parse_quote!(fn f(l: (LinkedList<u8>,))), &["linkedlist"]),
            (
                parse_quote!(fn f(o: Option<Option<u8>>)),
                &["option_option"],
            ),
            (parse_quote!(fn f(c: Cow<'static, String>)), &["owned_cow"]),
            (parse_quote!(fn f(c: Cow<'static, str>) -> Box<dyn Tr>), &[]),
        ];
        for (sig, expected) in cases {
            assert_eq!(names(&sig), expected, "{}", quote::quote!(#sig));
        }
    }

    #[test]
    fn allows_nothing_where_clippy_does_not_lint() {
        // Each would break a user's `forbid` of the lint (E0453) if allowed.
        let cases: [Signature; 11] = [
            // clippy does not look into function pointers, trait objects or associated types.
            parse_quote!(fn f(g: fn(Vec<Box<u32>>), h: &dyn Tr<Vec<Box<u8>>>)),
            parse_quote!(fn f(v: Vec<Box<[u8; 8000]>>, w: Vec<Box<Path>>)),
            parse_quote!(fn f(r: Box<Rc<str>>, s: Arc<Box<OsStr>>)),
            parse_quote!(fn f(b: &std::boxed::Box<u32>)),
            parse_quote!(fn f(b: &mut Box<u32>, c: &Box<dyn Any>)),
            parse_quote!(fn f(o: &Option<&str>)),
            parse_quote!(fn f() -> Result<u8, ()>),
            parse_quote!(fn f() -> Box<[u8; 1000]>),
            parse_quote!(fn f(b: Box<Path>)),
            parse_quote!(fn f(a: bool, b: bool, c: bool)),
            parse_quote!(fn f(m: Arc<Mutex<u8>>)),
        ];
        for sig in cases {
            let lints = type_lints(&sig, false);
            assert!(lints.is_empty(), "{}: {lints:?}", quote::quote!(#sig));
        }
        // clippy stops at the first level that draws a lint: no `vec_box` below.
        let nested: Signature = parse_quote!(fn f(v: Box<Vec<Box<u32>>>) -> Arc<Vec<Box<u32>>>);
        assert_eq!(names(&nested), ["box_collection", "rc_buffer"]);
        let public: Signature = parse_quote!(fn f() -> Result<u8, ()>);
        assert_eq!(type_lints(&public, true), [RESULT_UNIT_ERR]);
    }

    #[test]
    fn reads_the_lints_of_arguments() {
        let cases: [(Signature, &[&str]); 9] = [
            (parse_quote!(fn f(o: &Option<String>)), &["ref_option"]),
            (
                parse_quote!(fn f(a: bool, b: bool, c: bool, d: bool)),
                &["fn_params_excessive_bools"],
            ),
            (
                parse_quote!(fn f(a: bool, b: bool, c: bool) -> Result<u8, ()>),
                &["result_unit_err"],
            ),
            (parse_quote!(fn f() -> io::Result<()>), &[]),
            (
                parse_quote!(fn f(n: &u32, c: &char)),
                &["trivially_copy_pass_by_ref"],
            ),
            (parse_quote!(fn f(n: &u128, s: &str, m: &mut u8)), &[]),
            (
                parse_quote!(fn f(a: [u64; 64])),
                &["large_types_passed_by_value"],
            ),
            (parse_quote!(fn f(a: [u64; 32], b: [u8; N])), &[]),
            (parse_quote!(fn f(&self) -> u8), &[]),
        ];
        for (sig, expected) in cases {
            assert_eq!(names(&sig), expected, "{}", quote::quote!(#sig));
        }
    }

    #[test]
    fn scores_complexity_as_clippy() {
        // 10 (Vec) + 20 (Vec) + 30 (Box) + 40 (tuple) + 4 * 50 (u32) + 50 (Vec) + 60 (Option)
        // + 70 (tuple) + 2 * 80 (u32) = 640.
        let ty: Type = parse_quote!(Vec<Vec<Box<(u32, u32, u32, u32, Vec<Option<(u32, u32)>>)>>>);
        assert_eq!(complexity(&ty, 1), 640);
        assert_eq!(complexity(&parse_quote!(&'a [Option<u8>]), 1), 61);
        // Box, the trait object (not deeper), its inputs' tuple and `u8`, its output `u8`.
        assert_eq!(
            complexity(&parse_quote!(Box<dyn Fn(u8) -> u8>), 1),
            10 + 40 + (20 + 30) + 20
        );
        // No `->` is `-> ()`; a `for<'a>` trait object is deeper, and weighs 50.
        assert_eq!(
            complexity(&parse_quote!(Box<dyn Fn()>), 1),
            10 + 40 + 20 + 20
        );
        assert_eq!(
            complexity(&parse_quote!(Box<dyn for<'a> Tr<'a>>), 1),
            10 + 100
        );
        // An `extern` function pointer weighs nothing, and is not deeper.
        assert_eq!(complexity(&parse_quote!(extern "C" fn(u8)), 1), 10);
        let simple: Signature = parse_quote!(fn f(v: Vec<(u32, String)>) -> HashMap<u8, u8>);
        assert!(names(&simple).is_empty());
        let complex: Signature = parse_quote!(fn f() -> #ty);
        assert_eq!(names(&complex), ["type_complexity"]);
    }
}
