//! Which functions `#[memoize]` accepts, and how each argument becomes part of the key.
//!
//! [`Signature::analyze`] checks everything that can be seen in the tokens and reports every
//! problem at once, each at its own token. What only the compiler knows (is an argument
//! `Hash + Eq`, is the return type `Clone`) is checked by the generated code, at the spans
//! of the user's types.

use proc_macro2::Span;
use syn::{
    Error, FnArg, GenericArgument, GenericParam, Ident, Lifetime, Pat, PatIdent, PathArguments,
    Result, ReturnType, Type, TypeParamBound, TypePath, parse_quote,
};

/// The most arguments a memoized function may take: the key is a tuple of the arguments,
/// and tuples implement `Hash` up to 12 elements, as `memo_core::runtime::Borrowed` does.
pub(crate) const MAX_ARGS: usize = 12;

/// A function that can be memoized: its arguments and return type.
pub(crate) struct Signature {
    /// The arguments, in order; all of them make up the key.
    pub(crate) args: Vec<Arg>,
    /// The return type; `()` when the function declares none.
    pub(crate) output: Type,
}

/// One argument of a memoized function.
pub(crate) struct Arg {
    /// The name it is bound to (without `mut`).
    pub(crate) ident: Ident,
    /// How it is looked up and stored in the cache.
    pub(crate) key: KeyForm,
}

/// How an argument is part of the key.
pub(crate) enum KeyForm {
    /// `a: &T`: looked up as `a` itself, stored as `T::Owned` (`&str` as `String`).
    Borrowed(Type),
    /// `b: T`: looked up as `&b`, stored as a clone of `b`, made on a miss only.
    Owned(Type),
}

impl KeyForm {
    /// The type `T` that the argument is keyed by.
    pub(crate) fn ty(&self) -> &Type {
        match self {
            KeyForm::Borrowed(ty) | KeyForm::Owned(ty) => ty,
        }
    }
}

impl Signature {
    /// Checks that `sig` can be memoized and describes its arguments.
    pub(crate) fn analyze(sig: &syn::Signature) -> Result<Self> {
        let mut errors = Errors::default();
        check_qualifiers(sig, &mut errors);
        for param in &sig.generics.params {
            match param {
                // A lifetime can only be that of a top-level `&`: the checks of the key and
                // return types reject it anywhere else.
                GenericParam::Lifetime(_) => {}
                GenericParam::Type(_) | GenericParam::Const(_) => errors.push(
                    param,
                    "memoize: generic functions are not supported: a memoized function has one \
                     cache, so its argument and return types must be concrete",
                ),
            }
        }
        let args = sig
            .inputs
            .iter()
            .filter_map(|input| analyze_arg(input, &mut errors))
            .collect();
        if let Some(extra) = sig.inputs.iter().nth(MAX_ARGS) {
            errors.push(
                extra,
                format_args!(
                    "memoize: at most {MAX_ARGS} arguments are supported (the cache key is a \
                     tuple), found {}",
                    sig.inputs.len()
                ),
            );
        }
        let output = match &sig.output {
            ReturnType::Default => parse_quote!(()),
            ReturnType::Type(_, ty) => {
                check_return(ty, &mut errors);
                (**ty).clone()
            }
        };
        errors.finish()?;
        Ok(Signature { args, output })
    }
}

fn check_qualifiers(sig: &syn::Signature, errors: &mut Errors) {
    if let Some(constness) = &sig.constness {
        errors.push(
            constness,
            "memoize: a `const fn` cannot be memoized: its cache is a runtime `static`",
        );
    }
    if let Some(asyncness) = &sig.asyncness {
        errors.push(asyncness, "memoize: `async fn` is not supported yet");
    }
    if let Some(unsafety) = &sig.unsafety {
        errors.push(unsafety, "memoize: `unsafe fn` is not supported");
    }
    if let Some(variadic) = &sig.variadic {
        errors.push(variadic, "memoize: variadic functions are not supported");
    }
}

fn analyze_arg(input: &FnArg, errors: &mut Errors) -> Option<Arg> {
    let arg = match input {
        FnArg::Receiver(receiver) => {
            errors.push(receiver, "memoize: methods are not supported yet");
            return None;
        }
        FnArg::Typed(arg) => arg,
    };
    if let Some(attr) = arg.attrs.first() {
        errors.push(attr, "memoize: attributes on arguments are not supported");
    }
    let ident = match &*arg.pat {
        Pat::Ident(PatIdent {
            by_ref: None,
            subpat: None,
            ident,
            ..
        }) => Some(ident.clone()),
        pat => {
            errors.push(
                pat,
                "memoize: every argument is part of the cache key and must be a plain name \
                 (`x: T` or `mut x: T`), not a pattern",
            );
            None
        }
    };
    let key = match peel(&arg.ty) {
        Type::Reference(reference) => {
            if let Some(mutability) = &reference.mutability {
                let and = &reference.and_token;
                errors.push(
                    quote::quote!(#and #mutability),
                    "memoize: `&mut` arguments are not supported: a cache hit would skip the \
                     mutation",
                );
            }
            check_type(&reference.elem, Position::Key, errors);
            KeyForm::Borrowed((*reference.elem).clone())
        }
        ty => {
            check_type(ty, Position::Key, errors);
            KeyForm::Owned(ty.clone())
        }
    };
    Some(Arg { ident: ident?, key })
}

fn check_return(ty: &Type, errors: &mut Errors) {
    match peel(ty) {
        Type::Never(never) => errors.push(
            never,
            "memoize: a function returning `!` has no value to cache",
        ),
        // A `&'static T` passes: it is owned as far as the cache is concerned.
        ty => check_type(ty, Position::Return, errors),
    }
}

const TRAIT_OBJECT_KEY: &str = "memoize: a trait object cannot be part of a cache key: the \
                                cache hashes, compares and stores a copy of every argument";

/// Where a type is: what it is checked for and how errors are worded.
#[derive(Clone, Copy)]
enum Position {
    /// What an argument is keyed by: `T` in `a: &T`, or the type of `b: T`.
    Key,
    /// The return type.
    Return,
}

impl Position {
    fn borrows(self) -> &'static str {
        match self {
            Position::Key => {
                "memoize: the cache stores its keys, so an argument may borrow only as a whole \
                 (`&T`, stored as `T::Owned`)"
            }
            Position::Return => {
                "memoize: the return type cannot borrow: cached values outlive the call; return \
                 an owned value, or an `Arc` for a large one"
            }
        }
    }

    fn impl_trait(self) -> &'static str {
        match self {
            Position::Key => {
                "memoize: `impl Trait` arguments are not supported: a memoized function cannot \
                 be generic"
            }
            Position::Return => {
                "memoize: `impl Trait` return types are not supported: the cache needs the \
                 concrete type"
            }
        }
    }
}

/// Rejects what cannot be stored in a `static` cache: borrows, `impl Trait`, `Self`, `_`, and
/// in a key, trait objects.
fn check_type(ty: &Type, position: Position, errors: &mut Errors) {
    match ty {
        Type::Array(array) => check_type(&array.elem, position, errors),
        Type::Group(group) => check_type(&group.elem, position, errors),
        Type::Paren(paren) => check_type(&paren.elem, position, errors),
        Type::Ptr(ptr) => check_type(&ptr.elem, position, errors),
        Type::Slice(slice) => check_type(&slice.elem, position, errors),
        Type::Tuple(tuple) => {
            for elem in &tuple.elems {
                check_type(elem, position, errors);
            }
        }
        Type::Reference(reference) => {
            match &reference.lifetime {
                Some(lifetime) if lifetime.ident == "static" => {}
                _ => errors.push(reference, position.borrows()),
            }
            check_type(&reference.elem, position, errors);
        }
        Type::Path(path) => check_path(path, position, errors),
        // The compiler would report a trait object's missing `Hash`, `Eq` and `Clone` on the
        // attribute rather than on the type, and only a local trait can have them.
        Type::TraitObject(object) if matches!(position, Position::Key) => {
            errors.push(object, TRAIT_OBJECT_KEY);
        }
        Type::TraitObject(object) => {
            for bound in &object.bounds {
                if let TypeParamBound::Lifetime(lifetime) = bound {
                    check_lifetime(lifetime, position, errors);
                }
            }
        }
        Type::ImplTrait(impl_trait) => errors.push(impl_trait, position.impl_trait()),
        Type::Infer(infer) => errors.push(
            infer,
            "memoize: `_` is not allowed in the signature of a memoized function",
        ),
        // A function pointer's references are higher-ranked, so it is `'static`; a macro's
        // type cannot be seen; `!` is rejected as a return type and unstable as an argument.
        _ => {}
    }
}

fn check_path(path: &TypePath, position: Position, errors: &mut Errors) {
    if let Some(qself) = &path.qself {
        check_type(&qself.ty, position, errors);
    }
    if path.qself.is_none()
        && path
            .path
            .segments
            .first()
            .is_some_and(|s| s.ident == "Self")
    {
        errors.push(
            path,
            "memoize: `Self` is not supported: methods and associated functions are not \
             supported yet",
        );
        return;
    }
    for segment in &path.path.segments {
        // `Fn(&str) -> R` arguments are higher-ranked: only angle brackets can borrow.
        if let PathArguments::AngleBracketed(arguments) = &segment.arguments {
            for argument in &arguments.args {
                match argument {
                    GenericArgument::Lifetime(lifetime) => {
                        check_lifetime(lifetime, position, errors);
                    }
                    GenericArgument::Type(ty) => check_type(ty, position, errors),
                    GenericArgument::AssocType(assoc) => check_type(&assoc.ty, position, errors),
                    _ => {}
                }
            }
        }
    }
}

fn check_lifetime(lifetime: &Lifetime, position: Position, errors: &mut Errors) {
    if lifetime.ident != "static" {
        errors.push(lifetime, position.borrows());
    }
}

/// The type inside invisible (`macro_rules!` fragment) and parenthesis delimiters.
fn peel(mut ty: &Type) -> &Type {
    loop {
        match ty {
            Type::Group(group) => ty = &group.elem,
            Type::Paren(paren) => ty = &paren.elem,
            _ => return ty,
        }
    }
}

/// Errors collected so that all of them are reported at once.
#[derive(Default)]
struct Errors(Option<Error>);

impl Errors {
    fn push(&mut self, tokens: impl quote::ToTokens, message: impl std::fmt::Display) {
        let error = if tokens.to_token_stream().is_empty() {
            Error::new(Span::call_site(), message)
        } else {
            Error::new_spanned(tokens, message)
        };
        match &mut self.0 {
            Some(errors) => errors.combine(error),
            None => self.0 = Some(error),
        }
    }

    fn finish(self) -> Result<()> {
        self.0.map_or(Ok(()), Err)
    }
}

#[cfg(test)]
mod tests {
    use quote::{ToTokens, quote};

    use super::*;

    fn analyze(item: proc_macro2::TokenStream) -> Result<Signature> {
        let item: syn::ItemFn = syn::parse2(item).unwrap();
        Signature::analyze(&item.sig)
    }

    fn errors(item: proc_macro2::TokenStream) -> Vec<String> {
        match analyze(item) {
            Ok(_) => panic!("expected errors"),
            Err(errors) => errors.into_iter().map(|error| error.to_string()).collect(),
        }
    }

    fn string(tokens: impl ToTokens) -> String {
        tokens.to_token_stream().to_string()
    }

    #[test]
    fn keys_references_by_their_target_and_values_by_their_type() {
        let sig = analyze(quote! {
            fn f<'a>(a: &'a str, mut b: Vec<u8>, c: &[u8], d: (u32, &'static str)) -> u64 {}
        })
        .unwrap();
        let keys: Vec<_> = sig
            .args
            .iter()
            .map(|arg| {
                let form = match arg.key {
                    KeyForm::Borrowed(_) => "borrowed",
                    KeyForm::Owned(_) => "owned",
                };
                (arg.ident.to_string(), form, string(arg.key.ty()))
            })
            .collect();
        assert_eq!(
            keys,
            [
                ("a".to_owned(), "borrowed", "str".to_owned()),
                ("b".to_owned(), "owned", "Vec < u8 >".to_owned()),
                ("c".to_owned(), "borrowed", "[u8]".to_owned()),
                ("d".to_owned(), "owned", "(u32 , & 'static str)".to_owned()),
            ]
        );
        assert_eq!(string(&sig.output), "u64");
    }

    #[test]
    fn a_function_without_return_type_returns_unit() {
        let sig = analyze(quote!(
            fn f() {}
        ))
        .unwrap();
        assert!(sig.args.is_empty());
        assert_eq!(string(&sig.output), "()");
    }

    #[test]
    fn accepts_static_borrows_and_function_pointers() {
        analyze(quote! {
            extern "C" fn f(a: Option<&'static str>, b: fn(&str) -> usize) -> &'static [u8] {}
        })
        .unwrap();
    }

    #[test]
    fn reports_every_problem() {
        assert_eq!(
            errors(quote! {
                const async unsafe fn f<T, const N: usize>(
                    &self, (a, b): (u32, u32), c: &mut u32, d: impl Hash, e: Option<&str>,
                ) -> impl Clone {}
            }),
            [
                "memoize: a `const fn` cannot be memoized: its cache is a runtime `static`",
                "memoize: `async fn` is not supported yet",
                "memoize: `unsafe fn` is not supported",
                "memoize: generic functions are not supported: a memoized function has one \
                 cache, so its argument and return types must be concrete",
                "memoize: generic functions are not supported: a memoized function has one \
                 cache, so its argument and return types must be concrete",
                "memoize: methods are not supported yet",
                "memoize: every argument is part of the cache key and must be a plain name \
                 (`x: T` or `mut x: T`), not a pattern",
                "memoize: `&mut` arguments are not supported: a cache hit would skip the \
                 mutation",
                "memoize: `impl Trait` arguments are not supported: a memoized function cannot \
                 be generic",
                "memoize: the cache stores its keys, so an argument may borrow only as a whole \
                 (`&T`, stored as `T::Owned`)",
                "memoize: `impl Trait` return types are not supported: the cache needs the \
                 concrete type",
            ]
        );
    }

    #[test]
    fn rejects_borrowed_returns_and_lifetimes_in_keys() {
        let borrows = Position::Return.borrows();
        assert_eq!(
            errors(quote!(
                fn f(a: &str) -> &str {}
            )),
            [borrows]
        );
        assert_eq!(
            errors(quote!(
                fn f<'a>(a: &'a str) -> Cow<'a, str> {}
            )),
            [borrows]
        );
        let key = Position::Key.borrows();
        assert_eq!(
            errors(quote!(
                fn f<'a>(a: &&'a str) -> u8 {}
            )),
            [key]
        );
        assert_eq!(
            errors(quote!(
                fn f(a: Box<dyn Any + '_>) -> u8 {}
            )),
            [TRAIT_OBJECT_KEY]
        );
        assert_eq!(
            errors(quote!(
                fn f() -> Box<dyn Any + '_> {}
            )),
            [borrows]
        );
        assert_eq!(
            errors(quote!(
                fn f() -> ! {}
            )),
            ["memoize: a function returning `!` has no value to cache"]
        );
        assert_eq!(
            errors(quote!(
                fn f(a: Self) -> u8 {}
            )),
            [
                "memoize: `Self` is not supported: methods and associated functions are not \
                 supported yet"
            ]
        );
    }

    #[test]
    fn limits_the_number_of_arguments() {
        analyze(quote!(
            fn f(
                a: u8,
                b: u8,
                c: u8,
                d: u8,
                e: u8,
                f: u8,
                g: u8,
                h: u8,
                i: u8,
                j: u8,
                k: u8,
                l: u8,
            ) {
            }
        ))
        .unwrap();
        assert_eq!(
            errors(quote!(
                fn f(
                    a: u8,
                    b: u8,
                    c: u8,
                    d: u8,
                    e: u8,
                    f: u8,
                    g: u8,
                    h: u8,
                    i: u8,
                    j: u8,
                    k: u8,
                    l: u8,
                    m: u8,
                ) {
                }
            )),
            ["memoize: at most 12 arguments are supported (the cache key is a tuple), found 13"]
        );
    }
}
