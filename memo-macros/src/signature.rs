//! Which functions `#[memoize]` accepts, what their key is, and how each argument in it is
//! looked up.
//!
//! [`Analysis::of`] checks everything that can be seen in the tokens and reports every
//! problem at once, each at its own token. What only the compiler knows (is an argument
//! `Hash + Eq`, is the return type `Clone`) is checked by the generated code, at the spans
//! of the user's types.

use quote::quote_spanned;
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{
    Error, Expr, FnArg, GenericArgument, GenericParam, Ident, Pat, PatIdent, PathArguments,
    Receiver, Result, ReturnType, Type, TypePath, parse_quote, parse_quote_spanned,
};

use crate::expand::{MODULE_ITEMS, MODULE_STATICS};
use crate::options::{KeyOption, Options, Scope};

mod errors;
mod floats;
mod key;
mod types;

use errors::Errors;
use floats::check_float_key;
use key::resolve_key;
pub(crate) use types::peel;
use types::{Position, check_return, check_type, peel_mut};

/// The most arguments a key may have: the key is a tuple of the arguments in it, and tuples
/// implement `Hash` up to 12 elements, as `memo_core::runtime::Borrowed` does.
const MAX_ARGS: usize = 12;

/// What `#[memoize]` makes of a function's signature: its arguments, key and return type.
///
/// Named apart from [`syn::Signature`], the tokens it is made from.
pub(crate) struct Analysis {
    /// Whether it is a method: its first argument is `self`.
    pub(crate) method: bool,
    /// Whether it is an `async fn`: the memoized function awaits `uncached` on a miss.
    pub(crate) asyncness: bool,
    /// The arguments, in order (`self` first in a method), whether in the key or not.
    pub(crate) args: Vec<Arg>,
    /// What the cache is keyed by.
    pub(crate) key: Key,
    /// The return type as the cache's value type is written from it: `()` when the function
    /// declares none, and for a `Result` whose errors are not cached, the `Result` with its
    /// error type replaced by `()` (see [`split_err`]).
    pub(crate) cached: Type,
    /// Whether the return type is a `Result` whose errors are not cached (its cache then
    /// stores the `Ok` type).
    pub(crate) ok_only: bool,
}

/// One argument of a memoized function.
pub(crate) struct Arg {
    /// The name it is bound to (without `mut`); `self` for the receiver.
    pub(crate) ident: Ident,
    /// How it is looked up and stored when it is part of the key.
    pub(crate) key: KeyForm,
}

/// How an argument is part of the key.
pub(crate) enum KeyForm {
    /// `a: &T` or `&self`: looked up as `a` itself, stored as `T::Owned` (`&str` as `String`).
    Borrowed(Type),
    /// `b: T` or `self`: looked up as `&b`, stored as a clone of `b`, made on a miss only.
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

/// What the cache is keyed by.
pub(crate) enum Key {
    /// The arguments at these positions of [`Analysis::args`], in this order: every
    /// argument, those that `ignore` leaves, or those that `key = (a, b)` names.
    Args(Vec<usize>),
    /// The value of `key = <expression>`, of type `key_type`.
    Expr { expr: Box<Expr>, ty: Box<Type> },
}

impl Analysis {
    /// Checks that `sig` can be memoized with `options` and describes its arguments and key.
    pub(crate) fn of(sig: &syn::Signature, options: &Options) -> Result<Self> {
        let mut cx = Cx {
            errors: Errors::default(),
            method: sig.receiver().is_some(),
        };
        check_qualifiers(sig, options, &mut cx.errors);
        let name = sig.ident.unraw().to_string();
        let defined = if MODULE_ITEMS.contains(&name.as_str()) {
            Some("function")
        } else if MODULE_STATICS.contains(&name.as_str()) {
            Some("`static`")
        } else {
            None
        };
        if let Some(kind) = defined.filter(|_| !cx.method) {
            cx.errors.push(
                &sig.ident,
                format_args!(
                    "memoize: a memoized function cannot be named `{name}`: its companion \
                     module defines a {kind} of that name"
                ),
            );
        }
        for param in &sig.generics.params {
            match param {
                // A lifetime can only be that of a top-level `&`, or of an error that is not
                // cached: the checks of the key and return types reject it anywhere else.
                GenericParam::Lifetime(_) => {}
                GenericParam::Type(_) | GenericParam::Const(_) => cx.errors.push(
                    param,
                    "memoize: generic functions are not supported: a memoized function has one \
                     cache, so its argument and return types must be concrete",
                ),
            }
        }
        let names: Vec<Option<Ident>> = sig.inputs.iter().map(arg_name).collect();
        let mut key_errors = Errors::default();
        let key = resolve_key(&options.key, &names, &sig.ident, &mut key_errors);
        let in_key = |index: usize| match &key {
            Some(Key::Args(indices)) => indices.contains(&index),
            Some(Key::Expr { .. }) | None => false,
        };
        let args = sig
            .inputs
            .iter()
            .enumerate()
            .filter_map(|(index, input)| analyze_arg(input, in_key(index), &mut cx))
            .collect();
        cx.errors.append(key_errors);
        if let Some(Key::Args(indices)) = &key {
            let key_args: Vec<(Option<&Ident>, &Type)> = indices
                .iter()
                .map(|&index| {
                    let ty = match &sig.inputs[index] {
                        FnArg::Receiver(receiver) => &*receiver.ty,
                        FnArg::Typed(arg) => &*arg.ty,
                    };
                    (names[index].as_ref(), ty)
                })
                .collect();
            let replaces = match options.key {
                KeyOption::All => "",
                KeyOption::Ignore(_) => ", in place of `ignore`",
                KeyOption::Expr { .. } => ", in place of this `key`",
            };
            let way_out = floats::way_out(&key_args, MAX_ARGS, replaces);
            for (_, ty) in &key_args {
                check_float_key(ty, &way_out, &mut cx);
            }
        }
        // A `key_type` is stored as the arguments of the key are: it must not borrow or be a
        // trait object either.
        if let Some(Key::Expr { ty, .. }) = &key {
            check_type(ty, Position::KeyType, &mut cx);
            check_float_key(
                ty,
                "make the `key_type` its bits (`u64` from `f64::to_bits`, `u32` from \
                 `f32::to_bits`)",
                &mut cx,
            );
        }
        if let Some(Key::Args(indices)) = &key
            && let Some(&extra) = indices.get(MAX_ARGS)
        {
            cx.errors.push(
                &sig.inputs[extra],
                format_args!(
                    "memoize: at most {MAX_ARGS} arguments can make up the key (a tuple), found \
                     {}; `ignore` some, or give a `key`",
                    indices.len()
                ),
            );
        }
        let output = match &sig.output {
            ReturnType::Default => parse_quote!(()),
            ReturnType::Type(_, ty) => (**ty).clone(),
        };
        let returns_result = is_result(&output);
        let cache_err = matches!(options.cache_err, Some((true, _)));
        let ok_only = returns_result && !cache_err;
        // The error type of a `Result` is checked apart: the cache stores it with `cache_err =
        // true` only, and without, it may borrow (a parser's error pointing into its input).
        let (ok_part, err) = if returns_result {
            split_err(&output)
        } else {
            (output.clone(), None)
        };
        // An alias with no error type to split off (`io::Result<T>`, or `c::Result<'a, T>`
        // whose lifetime may be its error's) is checked whole, as a return type.
        let ok_position = if ok_only && err.is_some() {
            Position::ReturnOk
        } else {
            Position::Return
        };
        check_return(&ok_part, ok_position, &mut cx);
        if let Some(err) = &err {
            let err_position = if cache_err {
                Position::CachedErr
            } else {
                Position::UncachedErr
            };
            check_type(err, err_position, &mut cx);
        }
        if let Some((_, span)) = options.cache_err
            && !returns_result
        {
            cx.errors.add(Error::new(
                span,
                format_args!(
                    "memoize: `cache_err` has no effect: `{}` does not return a `Result`",
                    sig.ident
                ),
            ));
        }
        cx.errors.finish()?;
        Ok(Analysis {
            method: cx.method,
            asyncness: sig.asyncness.is_some(),
            args,
            key: key.expect("a key that could not be resolved was reported"),
            cached: if ok_only { ok_part } else { output },
            ok_only,
        })
    }
}

/// A `Result` type with its error type replaced by `()`, and the error type: the second
/// type argument of its last segment (`Result<T, E>`, `anyhow::Result<T, E>`). `None` when it
/// has none to replace (`io::Result<T>`, `fmt::Result`: an alias whose error type is in its
/// definition).
///
/// An error that is never cached plays no part in the cache's value type,
/// `<Result<T, ()> as MemoizeResult>::Ok`, which is `T` as well; written with the user's
/// error type, it would name the error's lifetimes (`ParseError<'a>`, `&str`) where the
/// cache is, in a `static` or in the return type of a method's accessor, which has no
/// arguments to take them from.
fn split_err(ty: &Type) -> (Type, Option<Type>) {
    let mut ty = ty.clone();
    let mut err = None;
    if let Type::Path(TypePath { path, .. }) = peel_mut(&mut ty)
        && let Some(segment) = path.segments.last_mut()
        && let PathArguments::AngleBracketed(arguments) = &mut segment.arguments
        && let Some(GenericArgument::Type(slot)) = arguments
            .args
            .iter_mut()
            .filter(|argument| matches!(argument, GenericArgument::Type(_)))
            .nth(1)
    {
        // Spanned as the error type, which a diagnostic of the whole type then covers.
        let unit = parse_quote_spanned!(slot.span()=> ());
        err = Some(std::mem::replace(slot, unit));
    }
    (ty, err)
}

/// Whether `ty` is taken for a `Result`: a path whose last segment is `Result`
/// (`Result<T, E>`, `io::Result<T>`, `fmt::Result`). An alias of another name is not.
pub(crate) fn is_result(ty: &Type) -> bool {
    matches!(peel(ty), Type::Path(TypePath { qself: None, path })
        if path.segments.last().is_some_and(|segment| segment.ident == "Result"))
}

/// The name an argument is bound to, if it is a plain name.
fn arg_name(input: &FnArg) -> Option<Ident> {
    match input {
        FnArg::Receiver(receiver) => Some(Ident::from(receiver.self_token)),
        FnArg::Typed(arg) => match &*arg.pat {
            Pat::Ident(PatIdent {
                by_ref: None,
                subpat: None,
                ident,
                ..
            }) => Some(ident.clone()),
            _ => None,
        },
    }
}

fn check_qualifiers(sig: &syn::Signature, options: &Options, errors: &mut Errors) {
    if let Some(constness) = &sig.constness {
        errors.push(
            constness,
            "memoize: a `const fn` cannot be memoized: its cache is a runtime `static`",
        );
    }
    if let Some(asyncness) = &sig.asyncness
        && options.scope == Scope::Thread
    {
        errors.push(
            asyncness,
            "memoize: an `async fn` cannot have `scope = thread`: a task may resume on another \
             thread than the one it missed on, and store there",
        );
    }
    if let Some(unsafety) = &sig.unsafety {
        errors.push(
            unsafety,
            "memoize: `unsafe fn` is not supported: memoize a safe function that wraps it",
        );
    }
    if let Some(variadic) = &sig.variadic {
        errors.push(
            variadic,
            "memoize: variadic functions are not supported: their arguments cannot be keyed",
        );
    }
}

/// What the checks of one function share: its errors, and whether it is a method (where
/// `Self` may be named).
struct Cx {
    errors: Errors,
    method: bool,
}

fn analyze_arg(input: &FnArg, in_key: bool, cx: &mut Cx) -> Option<Arg> {
    let arg = match input {
        FnArg::Receiver(receiver) => return analyze_receiver(receiver, &mut cx.errors),
        FnArg::Typed(arg) => arg,
    };
    if let Some(attr) = arg.attrs.first() {
        cx.errors.push(
            attr,
            "memoize: attributes on arguments are not supported: the generated functions pass \
             every argument on by name",
        );
    }
    let ident = arg_name(input);
    if ident.is_none() {
        let message = if matches!(*arg.pat, Pat::Wild(_)) {
            "memoize: an argument `_` has no name to pass it on by: name it (`_x: T`, \
             which no unused-variable lint reports), and `ignore = [_x]` to leave it out of \
             the key"
        } else {
            "memoize: every argument must be a plain name (`x: T` or `mut x: T`), not a \
             pattern: the memoized function passes it on by name"
        };
        cx.errors.push(&arg.pat, message);
    }
    let position = if in_key {
        Position::Key
    } else {
        Position::Ignored
    };
    let key = match peel(&arg.ty) {
        Type::Reference(reference) => {
            if let Some(mutability) = &reference.mutability {
                let and = &reference.and_token;
                cx.errors.push(
                    quote::quote!(#and #mutability),
                    "memoize: `&mut` arguments are not supported: a cache hit would skip the \
                     mutation",
                );
            }
            check_type(&reference.elem, position, cx);
            KeyForm::Borrowed((*reference.elem).clone())
        }
        ty => {
            check_type(ty, position, cx);
            KeyForm::Owned(ty.clone())
        }
    };
    Some(Arg { ident: ident?, key })
}

/// Whether `ty` is `Self`.
pub(crate) fn is_self_type(ty: &Type) -> bool {
    matches!(peel(ty), Type::Path(TypePath { qself: None, path }) if path.is_ident("Self"))
}

/// `&self` is keyed by `Self` as a borrowed argument, `self` as one taken by value.
fn analyze_receiver(receiver: &Receiver, errors: &mut Errors) -> Option<Arg> {
    if let Some(attr) = receiver.attrs.first() {
        errors.push(
            attr,
            "memoize: attributes on arguments are not supported: the generated functions pass \
             every argument on by name",
        );
    }
    // Spanned as the `self` token, where a missing `Hash`, `Eq` or `Clone` of `Self` is
    // reported.
    let self_type = || -> Type {
        let span = receiver.self_token.span;
        syn::parse2(quote_spanned!(span=> Self)).expect("a type")
    };
    let key = match peel(&receiver.ty) {
        Type::Reference(reference) if reference.mutability.is_some() => {
            errors.push(
                receiver,
                "memoize: `&mut self` methods are not supported: a cache hit would skip the \
                 mutation",
            );
            return None;
        }
        Type::Reference(reference) if is_self_type(&reference.elem) => {
            KeyForm::Borrowed(self_type())
        }
        ty if is_self_type(ty) => KeyForm::Owned(self_type()),
        _ => {
            errors.push(
                receiver,
                "memoize: only `&self` and `self` receivers are supported: write `&self`",
            );
            return None;
        }
    };
    Some(Arg {
        ident: Ident::from(receiver.self_token),
        key,
    })
}

#[cfg(test)]
mod tests {
    use proc_macro2::TokenStream;
    use quote::{ToTokens, quote};

    use super::types::TRAIT_OBJECT_KEY;
    use super::*;

    fn analyze_with(args: TokenStream, item: TokenStream) -> Result<Analysis> {
        let item: syn::ItemFn = syn::parse2(item).unwrap();
        Analysis::of(&item.sig, &Options::parse(args).unwrap())
    }

    fn analyze(item: TokenStream) -> Result<Analysis> {
        analyze_with(quote!(), item)
    }

    fn messages(result: Result<Analysis>) -> Vec<String> {
        match result {
            Ok(_) => panic!("expected errors"),
            Err(errors) => errors.into_iter().map(|error| error.to_string()).collect(),
        }
    }

    fn errors(item: TokenStream) -> Vec<String> {
        messages(analyze(item))
    }

    fn string(tokens: impl ToTokens) -> String {
        tokens.to_token_stream().to_string()
    }

    /// The names of the arguments in the key, in order.
    fn key_names(analysis: &Analysis) -> Vec<String> {
        match &analysis.key {
            Key::Args(indices) => indices
                .iter()
                .map(|&index| analysis.args[index].ident.to_string())
                .collect(),
            Key::Expr { .. } => panic!("expected a key of arguments"),
        }
    }

    #[test]
    fn accepts_an_async_fn_in_the_global_scope_only() {
        let item = quote!(
            async fn f(a: &str) -> Result<u8, String> {}
        );
        let analysis = analyze(item.clone()).unwrap();
        assert!(analysis.asyncness);
        assert!(analysis.ok_only);
        assert!(
            !analyze(quote!(
                fn f() {}
            ))
            .unwrap()
            .asyncness
        );
        assert_eq!(
            messages(analyze_with(quote!(scope = thread), item)),
            [
                "memoize: an `async fn` cannot have `scope = thread`: a task may resume on another \
              thread than the one it missed on, and store there"
            ]
        );
    }

    #[test]
    fn keys_references_by_their_target_and_values_by_their_type() {
        let analysis = analyze(quote! {
            fn f<'a>(a: &'a str, mut b: Vec<u8>, c: &[u8], d: (u32, &'static str)) -> u64 {}
        })
        .unwrap();
        let keys: Vec<_> = analysis
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
        assert_eq!(key_names(&analysis), ["a", "b", "c", "d"]);
        assert_eq!(string(&analysis.cached), "u64");
        assert!(!analysis.method && !analysis.ok_only);
    }

    #[test]
    fn a_function_without_return_type_returns_unit() {
        let analysis = analyze(quote!(
            fn f() {}
        ))
        .unwrap();
        assert!(analysis.args.is_empty());
        assert_eq!(string(&analysis.cached), "()");
    }

    #[test]
    fn accepts_static_borrows_and_function_pointers() {
        analyze(quote! {
            extern "C" fn f(a: Option<&'static str>, b: fn(&str) -> usize) -> &'static [u8] {}
        })
        .unwrap();
    }

    #[test]
    fn ignored_arguments_are_left_out_and_may_borrow() {
        let analysis = analyze_with(
            quote!(ignore = [conn, log]),
            quote! {
                fn f<'a>(conn: &Conn<'a>, id: u32, log: Option<&dyn Log>, name: &str) -> u8 {}
            },
        )
        .unwrap();
        assert_eq!(key_names(&analysis), ["id", "name"]);
        let analysis = analyze_with(
            quote!(ignore = [a, b]),
            quote!(
                fn f(a: u8, b: u8) {}
            ),
        )
        .unwrap();
        assert!(key_names(&analysis).is_empty());
        assert_eq!(
            messages(analyze_with(
                quote!(ignore = [c, a]),
                quote!(
                    fn f(a: u8) {}
                )
            )),
            ["memoize: `ignore` names `c`, which is not an argument of `f`"]
        );
        assert_eq!(
            messages(analyze_with(
                quote!(ignore = [self]),
                quote!(
                    fn f(a: u8) {}
                )
            )),
            ["memoize: `ignore` names `self`, which is not an argument of `f`"]
        );
        // Still not allowed outside the key: what makes a function generic, `&mut`.
        assert_eq!(
            messages(analyze_with(
                quote!(ignore = [a, b]),
                quote!(
                    fn f(a: impl Log, b: &mut Vec<u8>) {}
                )
            )),
            [
                "memoize: `impl Trait` arguments are not supported: a memoized function cannot \
                 be generic",
                "memoize: `&mut` arguments are not supported: a cache hit would skip the \
                 mutation",
            ]
        );
    }

    #[test]
    fn a_key_of_argument_names_is_inferred() {
        let item = quote!(
            fn f(a: &str, b: u32, c: &Conn<'_>) -> u8 {}
        );
        let analysis = analyze_with(quote!(key = (b, a)), item.clone()).unwrap();
        assert_eq!(key_names(&analysis), ["b", "a"]);
        let analysis = analyze_with(quote!(key = a), item.clone()).unwrap();
        assert_eq!(key_names(&analysis), ["a"]);
        let analysis = analyze_with(quote!(key = ()), item.clone()).unwrap();
        assert!(key_names(&analysis).is_empty());
        let analysis = analyze_with(
            quote!(key = a.len() + c.id(), key_type = usize),
            item.clone(),
        )
        .unwrap();
        let Key::Expr { expr, ty } = &analysis.key else {
            panic!("expected a key expression")
        };
        assert_eq!(
            (string(expr), string(ty)),
            ("a . len () + c . id ()".to_owned(), "usize".to_owned())
        );
        // A name that is not an argument is an expression like any other.
        let analysis = analyze_with(quote!(key = VERSION, key_type = u32), item.clone()).unwrap();
        assert!(matches!(analysis.key, Key::Expr { .. }));

        assert_eq!(
            messages(analyze_with(quote!(key = a.len()), item.clone())),
            [
                "memoize: the type of this `key` cannot be inferred: add `key_type = <Type>` (a \
                 key made of argument names, `key = a` or `key = (a, b)`, needs none)"
            ]
        );
        assert_eq!(
            messages(analyze_with(quote!(key = (a, d)), item.clone())),
            [
                "memoize: `d` is not an argument of `f`; a key that is not made of argument \
                 names needs `key_type = <Type>`"
            ]
        );
        assert_eq!(
            messages(analyze_with(
                quote!(key = (a, b), key_type = (String, u32)),
                item.clone()
            )),
            [
                "memoize: `key_type` is not needed: a key made of argument names is keyed by \
                 their types; remove it"
            ]
        );
        assert_eq!(
            messages(analyze_with(quote!(key = (a, r#a)), item)),
            ["memoize: `r#a` is in `key` twice"]
        );
    }

    #[test]
    fn methods_key_on_self_unless_ignored() {
        let analysis = analyze(quote!(
            fn f(&self, n: u32) -> Self {}
        ))
        .unwrap();
        assert!(analysis.method);
        assert_eq!(key_names(&analysis), ["self", "n"]);
        assert!(matches!(&analysis.args[0].key, KeyForm::Borrowed(ty) if string(ty) == "Self"));
        let analysis = analyze_with(
            quote!(ignore = [self]),
            quote!(
                fn f(self, n: u32) {}
            ),
        )
        .unwrap();
        assert!(matches!(&analysis.args[0].key, KeyForm::Owned(_)));
        assert_eq!(key_names(&analysis), ["n"]);
        analyze(quote!(
            fn f(self: &Self, other: &Self) {}
        ))
        .unwrap();
        assert_eq!(
            errors(quote!(
                fn f(&mut self) {}
            )),
            [
                "memoize: `&mut self` methods are not supported: a cache hit would skip the \
                 mutation"
            ]
        );
        assert_eq!(
            errors(quote!(
                fn f(self: Box<Self>) {}
            )),
            ["memoize: only `&self` and `self` receivers are supported: write `&self`"]
        );
    }

    #[test]
    fn results_cache_their_ok_values_unless_cache_err() {
        for output in [
            quote!(Result<u8, String>),
            quote!(io::Result<u8>),
            quote!(std::fmt::Result),
        ] {
            let item = quote!(fn f() -> #output {});
            assert!(analyze(item.clone()).unwrap().ok_only);
            assert!(
                !analyze_with(quote!(cache_err = true), item.clone())
                    .unwrap()
                    .ok_only
            );
            assert!(
                analyze_with(quote!(cache_err = false), item)
                    .unwrap()
                    .ok_only
            );
        }
        assert!(
            !analyze(quote!(
                fn f() -> Option<u8> {}
            ))
            .unwrap()
            .ok_only
        );
        assert_eq!(
            messages(analyze_with(
                quote!(cache_err = true),
                quote!(
                    fn f() -> Option<u8> {}
                )
            )),
            ["memoize: `cache_err` has no effect: `f` does not return a `Result`"]
        );
    }

    #[test]
    fn an_error_that_is_not_cached_may_borrow_and_is_left_out_of_the_cache() {
        for (output, cached) in [
            (quote!(Result<u8, ParseError<'_>>), quote!(Result<u8, ()>)),
            (
                quote!(std::result::Result<u8, &'a str>),
                quote!(std::result::Result<u8, ()>),
            ),
            (quote!(Result<u8, impl Error + '_>), quote!(Result<u8, ()>)),
            (quote!((Result<u8, &str>)), quote!((Result<u8, ()>))),
            // An alias with its error type inside: nothing to leave out.
            (quote!(io::Result<u8>), quote!(io::Result<u8>)),
        ] {
            let analysis = analyze(quote!(fn f<'a>(a: &'a str) -> #output {})).unwrap();
            assert!(analysis.ok_only);
            assert_eq!(string(&analysis.cached), string(cached));
        }
        // Errors cached: the whole return type is, and must not borrow.
        let analysis = analyze_with(
            quote!(cache_err = true),
            quote!(
                fn f(a: &str) -> Result<u8, String> {}
            ),
        )
        .unwrap();
        assert_eq!(string(&analysis.cached), "Result < u8 , String >");
        assert_eq!(
            messages(analyze_with(
                quote!(cache_err = true),
                quote!(
                    fn f(a: &str) -> Result<u8, &str> {}
                ),
            )),
            [Position::CachedErr.borrows()]
        );
        // The `Ok` type, and the `Result` alias's own lifetimes, are cached.
        assert_eq!(
            errors(quote!(
                fn f<'a>(a: &'a str) -> Result<&'a str, &'a str> {}
            )),
            [Position::ReturnOk.borrows()]
        );
        // An alias with no error type to split off is a return type as a whole: its
        // lifetime may be its error's.
        assert_eq!(
            errors(quote!(
                fn f<'a>(a: &'a str) -> Result<'a, u8> {}
            )),
            [Position::Return.borrows()]
        );
    }

    #[test]
    fn reports_every_problem() {
        assert_eq!(
            errors(quote! {
                const async unsafe fn f<T, const N: usize>(
                    &mut self, (a, b): (u32, u32), c: &mut u32, d: impl Hash, e: Option<&str>,
                ) -> impl Clone {}
            }),
            [
                "memoize: a `const fn` cannot be memoized: its cache is a runtime `static`",
                "memoize: `unsafe fn` is not supported: memoize a safe function that wraps it",
                "memoize: generic functions are not supported: a memoized function has one \
                 cache, so its argument and return types must be concrete",
                "memoize: generic functions are not supported: a memoized function has one \
                 cache, so its argument and return types must be concrete",
                "memoize: `&mut self` methods are not supported: a cache hit would skip the \
                 mutation",
                "memoize: every argument must be a plain name (`x: T` or `mut x: T`), not a \
                 pattern: the memoized function passes it on by name",
                "memoize: `&mut` arguments are not supported: a cache hit would skip the \
                 mutation",
                "memoize: `impl Trait` arguments are not supported: a memoized function cannot \
                 be generic",
                "memoize: the cache stores its keys, so an argument in the key may borrow only \
                 as a whole (`&T`, stored as `T::Owned`); key on an owned form of it with \
                 `key = <expression>, key_type = <owned type>`, holding the other arguments of \
                 the key too (a `key` is the whole key), or `ignore` it to leave it out",
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
                "memoize: `Self` is only supported in methods (with a `self` argument): the \
                 cache of an associated function would need a module, which cannot be in an \
                 `impl`"
            ]
        );
    }

    #[test]
    fn limits_the_number_of_arguments_in_the_key() {
        let twelve = quote!(
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
        );
        analyze(twelve).unwrap();
        let thirteen = quote!(
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
        );
        assert_eq!(
            errors(thirteen.clone()),
            [
                "memoize: at most 12 arguments can make up the key (a tuple), found 13; \
                 `ignore` some, or give a `key`"
            ]
        );
        analyze_with(quote!(ignore = [m]), thirteen).unwrap();
    }
}
