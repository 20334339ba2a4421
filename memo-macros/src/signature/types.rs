//! The checks of the types in a signature: what a `static` cache cannot store (borrows,
//! `impl Trait`, trait objects in a key), by where the type is ([`Position`]), each
//! reported at its own token with a message for that place.

use syn::{GenericArgument, Lifetime, PathArguments, Type, TypeParamBound, TypePath};

use super::Cx;

/// Checks the return type as `position` (that of a `Result` without its error type).
pub(super) fn check_return(ty: &Type, position: Position, cx: &mut Cx) {
    match peel(ty) {
        Type::Never(never) => cx.errors.push(
            never,
            "memoize: a function returning `!` has no value to cache",
        ),
        // A `&'static T` passes: it is owned as far as the cache is concerned.
        ty => check_type(ty, position, cx),
    }
}

/// The message for a trait object in a key (an argument's type; `key_type` has its own).
pub(super) const TRAIT_OBJECT_KEY: &str = "memoize: a trait object cannot be part of a cache \
                                           key: the cache hashes, compares and stores a copy \
                                           of every argument in the key (`ignore` it to leave \
                                           it out)";

/// Where a type is: what it is checked for and how errors are worded.
#[derive(Clone, Copy)]
pub(super) enum Position {
    /// What an argument in the key is keyed by: `T` in `a: &T`, or the type of `b: T`.
    Key,
    /// An argument outside the key (`ignore`d, or not in a `key = ...`): it is only passed
    /// on, so it may borrow and need not be `Hash`, `Eq` or `Clone`.
    Ignored,
    /// The return type, cached whole (a `Result` with `cache_err = true`: all but its error
    /// type, which is `CachedErr`).
    Return,
    /// A `Result` return type without its error type, when errors are not cached: the `Ok`
    /// type, and the path around it.
    ReturnOk,
    /// The error type of a `Result` with `cache_err = true`, which the cache stores.
    CachedErr,
    /// The error type of a `Result` whose errors are not cached: it is only returned, so it
    /// may borrow or be an `impl Trait`, and need not be `Clone` or `Send`.
    UncachedErr,
    /// The `key_type` of a `key = <expression>`.
    KeyType,
}

impl Position {
    /// Whether a type here is only passed on, never stored, so that it may borrow.
    fn may_borrow(self) -> bool {
        matches!(self, Position::Ignored | Position::UncachedErr)
    }

    pub(super) fn borrows(self) -> &'static str {
        match self {
            Position::Key | Position::Ignored => {
                "memoize: the cache stores its keys, so an argument in the key may borrow only \
                 as a whole (`&T`, stored as `T::Owned`); key on an owned form of it with \
                 `key = <expression>, key_type = <owned type>`, holding the other arguments of \
                 the key too (a `key` is the whole key), or `ignore` it to leave it out"
            }
            // An uncached error may borrow: never reported.
            Position::Return | Position::UncachedErr => {
                "memoize: the return type cannot borrow: cached values outlive the call; return \
                 an owned value, or an `Arc` for a large one"
            }
            Position::ReturnOk => {
                "memoize: the `Ok` type cannot borrow: `Ok` values are cached, and outlive the \
                 call (errors are not, and may borrow); return an owned value, or an `Arc` for \
                 a large one"
            }
            Position::CachedErr => {
                "memoize: the error type cannot borrow with `cache_err = true`: cached errors \
                 outlive the call; return an owned error, or leave errors uncached (without \
                 `cache_err`)"
            }
            Position::KeyType => {
                "memoize: `key_type` cannot borrow: the cache stores its keys; make the key \
                 owned (a `String` rather than a `&str`)"
            }
        }
    }

    fn impl_trait(self) -> &'static str {
        match self {
            Position::Key | Position::Ignored => {
                "memoize: `impl Trait` arguments are not supported: a memoized function cannot \
                 be generic"
            }
            // An uncached error may be opaque: never reported.
            Position::Return | Position::ReturnOk | Position::CachedErr | Position::UncachedErr => {
                "memoize: `impl Trait` return types are not supported: the cache needs the \
                 concrete type"
            }
            Position::KeyType => {
                "memoize: `impl Trait` is not supported in `key_type`: the cache needs the \
                 concrete type"
            }
        }
    }

    fn trait_object(self) -> &'static str {
        match self {
            Position::KeyType => {
                "memoize: trait objects are not supported in `key_type`: give the key a \
                 concrete type"
            }
            _ => TRAIT_OBJECT_KEY,
        }
    }
}

/// Rejects what cannot be stored in a `static` cache: borrows, `impl Trait`, `Self` outside
/// a method, `_`, and in a key, trait objects. An argument outside the key is only checked
/// for what would make the function generic or unnameable.
pub(super) fn check_type(ty: &Type, position: Position, cx: &mut Cx) {
    match ty {
        Type::Array(array) => check_type(&array.elem, position, cx),
        Type::Group(group) => check_type(&group.elem, position, cx),
        Type::Paren(paren) => check_type(&paren.elem, position, cx),
        Type::Ptr(ptr) => check_type(&ptr.elem, position, cx),
        Type::Slice(slice) => check_type(&slice.elem, position, cx),
        Type::Tuple(tuple) => {
            for elem in &tuple.elems {
                check_type(elem, position, cx);
            }
        }
        Type::Reference(reference) => {
            match (&reference.lifetime, &reference.mutability) {
                // Inside an argument (`Option<&mut Vec<T>>`), in the key or not, `'static`
                // or not: a hit would skip the mutation as surely as for a `&mut` argument.
                // Said before any advice to `ignore` a key that borrows, which would not do.
                (_, Some(mutability)) if matches!(position, Position::Key | Position::Ignored) => {
                    let and = &reference.and_token;
                    cx.errors.push(
                        quote::quote!(#and #mutability),
                        "memoize: `&mut` is not supported in an argument, even ignored: a \
                         cache hit would skip the mutation",
                    );
                }
                (Some(lifetime), _) if lifetime.ident == "static" => {}
                _ if position.may_borrow() => {}
                _ => cx.errors.push(reference, position.borrows()),
            }
            check_type(&reference.elem, position, cx);
        }
        Type::Path(path) => check_path(path, position, cx),
        // The compiler would report a trait object's missing `Hash`, `Eq` and `Clone` on the
        // attribute rather than on the type, and only a local trait can have them.
        Type::TraitObject(object) if matches!(position, Position::Key | Position::KeyType) => {
            cx.errors.push(object, position.trait_object());
        }
        Type::TraitObject(object) => {
            for bound in &object.bounds {
                if let TypeParamBound::Lifetime(lifetime) = bound {
                    check_lifetime(lifetime, position, cx);
                }
            }
        }
        // An error that is only returned may be opaque: the cache never names it.
        Type::ImplTrait(_) if matches!(position, Position::UncachedErr) => {}
        Type::ImplTrait(impl_trait) => cx.errors.push(impl_trait, position.impl_trait()),
        Type::Infer(infer) => cx.errors.push(
            infer,
            "memoize: `_` is not supported in the signature of a memoized function: write the type",
        ),
        // A function pointer's references are higher-ranked, so it is `'static`; a macro's
        // type cannot be seen; `!` is rejected as a return type and unstable as an argument.
        _ => {}
    }
}

fn check_path(path: &TypePath, position: Position, cx: &mut Cx) {
    if let Some(qself) = &path.qself {
        check_type(&qself.ty, position, cx);
    }
    if !cx.method
        && path.qself.is_none()
        && path
            .path
            .segments
            .first()
            .is_some_and(|s| s.ident == "Self")
    {
        cx.errors.push(
            path,
            "memoize: `Self` is only supported in methods (with a `self` argument): the cache \
             of an associated function would need a module, which cannot be in an `impl`",
        );
        return;
    }
    for segment in &path.path.segments {
        // `Fn(&str) -> R` arguments are higher-ranked: only angle brackets can borrow.
        if let PathArguments::AngleBracketed(arguments) = &segment.arguments {
            for argument in &arguments.args {
                match argument {
                    GenericArgument::Lifetime(lifetime) => {
                        check_lifetime(lifetime, position, cx);
                    }
                    GenericArgument::Type(ty) => check_type(ty, position, cx),
                    GenericArgument::AssocType(assoc) => check_type(&assoc.ty, position, cx),
                    _ => {}
                }
            }
        }
    }
}

fn check_lifetime(lifetime: &Lifetime, position: Position, cx: &mut Cx) {
    if lifetime.ident != "static" && !position.may_borrow() {
        cx.errors.push(lifetime, position.borrows());
    }
}

/// The type inside invisible (`macro_rules!` fragment) and parenthesis delimiters.
pub(crate) fn peel(mut ty: &Type) -> &Type {
    loop {
        match ty {
            Type::Group(group) => ty = &group.elem,
            Type::Paren(paren) => ty = &paren.elem,
            _ => return ty,
        }
    }
}

/// [`peel`], mutably.
pub(super) fn peel_mut(ty: &mut Type) -> &mut Type {
    match ty {
        Type::Group(group) => peel_mut(&mut group.elem),
        Type::Paren(paren) => peel_mut(&mut paren.elem),
        ty => ty,
    }
}
