//! The lint levels of the generated items: what the copies of the user's signature get so
//! that a lint the user's function draws is reported there once, and the generated code
//! draws none of its own. Each `allow` only when its lint would fire, so that a user's
//! `forbid` of it still holds elsewhere.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{ToTokens, quote};
use syn::ext::IdentExt;
use syn::{FnArg, Pat, PatIdent, Visibility};

use super::attrs::Attrs;
use super::type_lints::type_lints;
use crate::signature::Analysis;

/// For the copies of a function's signature (the forwarding functions, `uncached`): allows
/// the lints of the signature alone that the user's own function already draws, so that
/// they are reported once, there: the lints of its types (see [`type_lints`]), and
/// `too_many_arguments` past clippy's default threshold. Only those that fire, so that a
/// user's `forbid` of the others still holds.
///
/// After the function's own lint levels, which would otherwise set them back.
pub(super) fn allow_signature_lints(sig: &syn::Signature, vis: &Visibility) -> TokenStream {
    // clippy's default `too-many-arguments-threshold`.
    const MOST_ARGUMENTS: usize = 7;
    let public = matches!(vis, Visibility::Public(_));
    let mut lints: Vec<&str> = type_lints(sig, public)
        .iter()
        .map(|lint| lint.name)
        .collect();
    if sig.inputs.len() > MOST_ARGUMENTS {
        lints.push("too_many_arguments");
    }
    allow_clippy(&lints)
}

/// For the memoized function in a free function's module, the copy of the signature that
/// reports its lints: it has no visibility, and clippy skips some lints on a function
/// exported from the crate (its `avoid-breaking-exported-api`), so for a `pub fn` it allows
/// those of them that the types draw. A `pub fn` in a private module is not exported,
/// and then loses them.
pub(super) fn allow_exported_api_lints(sig: &syn::Signature, vis: &Visibility) -> TokenStream {
    if !matches!(vis, Visibility::Public(_)) {
        return quote!();
    }
    let lints: Vec<&str> = type_lints(sig, true)
        .iter()
        .filter(|lint| lint.exported_api)
        .map(|lint| lint.name)
        .collect();
    allow_clippy(&lints)
}

/// `#[allow(clippy::lint, ..)]`, or nothing for no lints.
fn allow_clippy(lints: &[&str]) -> TokenStream {
    if lints.is_empty() {
        return quote!();
    }
    let lints = lints.iter().map(|lint| Ident::new(lint, Span::call_site()));
    quote!(#[allow(#(clippy::#lints),*)])
}

/// For the functions that pass the arguments on (the memoized function, the forwarding
/// ones), whose uses of an argument named `_x` are the macro's, not the user's: allows the
/// pedantic lint that a binding named with an underscore is used, only then.
pub(super) fn allow_forwarding_lints(analysis: &Analysis) -> TokenStream {
    if analysis
        .args
        .iter()
        .any(|arg| arg.ident.to_string().starts_with('_'))
    {
        quote!(#[allow(clippy::used_underscore_binding)])
    } else {
        quote!()
    }
}

/// For the items that repeat the function's name or argument names but hold none of the
/// user's code (the memoized function in the module, the trampoline, a method's accessor
/// and companions): allows `non_snake_case`, which the user's own function already draws,
/// only when a name is not snake case, so that a user's `forbid` of it still holds.
pub(super) fn allow_name_lints(sig: &syn::Signature, analysis: &Analysis) -> TokenStream {
    let names = std::iter::once(&sig.ident).chain(analysis.args.iter().map(|arg| &arg.ident));
    if names
        .into_iter()
        .all(|name| is_snake_case(&name.unraw().to_string()))
    {
        quote!()
    } else {
        quote!(#[allow(non_snake_case)])
    }
}

/// rustc's test for `non_snake_case`: no uppercase letter, and no `__` but at either end.
fn is_snake_case(name: &str) -> bool {
    let name = name.trim_matches('_');
    !name.contains("__") && !name.chars().any(char::is_uppercase)
}

/// The call of `uncached` in the memoized function, which must not warn that `uncached` is
/// deprecated.
pub(super) fn call_uncached(call: TokenStream, attrs: &Attrs) -> TokenStream {
    if attrs.deprecated {
        allowing_deprecated(&call)
    } else {
        call
    }
}

/// `expr` as an expression that does not warn of deprecated items: a lint level goes on a
/// statement, not on an expression.
pub(super) fn allowing_deprecated(expr: &impl ToTokens) -> TokenStream {
    let value = Ident::new("value", Span::mixed_site());
    quote!({
        #[allow(deprecated)]
        let #value = #expr;
        #value
    })
}

/// Drops the `mut` of the arguments (`mut x`, `mut self`): it belongs to the body, and a
/// function that only passes its arguments on would be warned that it needs none.
pub(super) fn strip_mut(sig: &mut syn::Signature) {
    for input in &mut sig.inputs {
        match input {
            FnArg::Typed(arg) => {
                if let Pat::Ident(PatIdent { mutability, .. }) = &mut *arg.pat {
                    *mutability = None;
                }
            }
            // `mut self`; the `mut` of `&mut self` is rejected.
            FnArg::Receiver(receiver) if receiver.reference.is_none() => {
                receiver.mutability = None;
            }
            FnArg::Receiver(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    #[test]
    fn snake_case_is_rustcs() {
        for name in ["f", "fib_2", "_private", "trailing_", "__hidden", "r#type"] {
            assert!(is_snake_case(name), "{name}");
        }
        for name in ["Compute", "fibN", "a__b", "ÉTÉ"] {
            assert!(!is_snake_case(name), "{name}");
        }
    }

    #[test]
    fn strips_the_mut_of_arguments_and_of_self_by_value() {
        let mut by_value: syn::Signature = syn::parse_quote!(fn f(mut self, mut a: u8, b: u8));
        strip_mut(&mut by_value);
        assert_eq!(
            by_value.to_token_stream().to_string(),
            quote!(fn f(self, a: u8, b: u8)).to_string()
        );
        let mut by_ref: syn::Signature = syn::parse_quote!(fn f(&self, mut a: u8));
        strip_mut(&mut by_ref);
        assert_eq!(
            by_ref.to_token_stream().to_string(),
            quote!(fn f(&self, a: u8)).to_string()
        );
    }
}
