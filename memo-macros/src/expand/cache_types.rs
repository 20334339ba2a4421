//! [`CacheTypes`]: the key, value and kind types of a cache and its `Config`, written at
//! the spans of the user's tokens.

use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::Expr;

use super::site::Site;
use crate::options::{CacheKind, Options, Policy, Scope, Ttl};
use crate::signature::{Analysis, Key, KeyForm};

/// The type arguments and configuration of the cache, written where the cache is: the key
/// and value types as projections through the runtime's traits, at the spans of the user's
/// types (a missing `Hash`, `Eq`, `Clone` or `Send` is reported there, once, and the rest of
/// the expansion sees an error type and adds no errors of its own), the kind, and the
/// `Config`.
pub(super) struct CacheTypes {
    /// The key type, through the runtime's key traits (`<T as MemoizeKey>::Owned`, each
    /// argument at its own span).
    pub(super) key: TokenStream,
    /// The value type, through the runtime's value traits.
    pub(super) value: TokenStream,
    /// The key and value types written without the checking projections (`T` for an
    /// argument `T`, `<T as ToOwned>::Owned` for `&T`): what a `thread_local!` holds, since it
    /// names its type several times and a failed projection would be reported at each, and
    /// what a method's accessor returns, for its callers to check nothing.
    pub(super) plain_key: TokenStream,
    pub(super) plain_value: TokenStream,
    pub(super) kind: TokenStream,
    pub(super) config: TokenStream,
}

impl CacheTypes {
    /// The types of the cache at `site`.
    pub(super) fn new(site: &Site, options: &Options, analysis: &Analysis) -> Self {
        let (private, adjust) = (site.private(), site.adjust);
        let (key_trait, key_type_trait, value_trait) = match options.scope {
            Scope::Global => (
                quote!(#private::MemoizeKey),
                quote!(#private::MemoizeKeyType),
                quote!(#private::MemoizeValue),
            ),
            Scope::Thread => (
                quote!(#private::MemoizeThreadKey),
                quote!(#private::MemoizeThreadKeyType),
                quote!(#private::MemoizeThreadValue),
            ),
        };
        // Each type twice: checked, through the runtime's traits, and plain.
        let (key, plain_key) = match &analysis.key {
            Key::Args(indices) => {
                let (keys, plain_keys): (Vec<_>, Vec<_>) = indices
                    .iter()
                    .map(|&index| {
                        let form = &analysis.args[index].key;
                        let ty = adjust(form.ty().to_token_stream());
                        let plain = match form {
                            KeyForm::Owned(_) => ty.clone(),
                            KeyForm::Borrowed(_) => quote!(<#ty as #private::ToOwned>::Owned),
                        };
                        (projection(&ty, key_trait.clone(), "Owned"), plain)
                    })
                    .unzip();
                (quote!((#(#keys,)*)), quote!((#(#plain_keys,)*)))
            }
            Key::Expr { ty, .. } => {
                let ty = adjust(ty.to_token_stream());
                (projection(&ty, key_type_trait, "Key"), ty)
            }
        };
        let output = adjust(analysis.cached.to_token_stream());
        let (value, plain_value) = if analysis.ok_only {
            let ok = projection(&output, quote!(#private::MemoizeResult), "Ok");
            (
                projection(&ok, value_trait, "Value"),
                quote!(<#output as #private::MemoizeResult>::Ok),
            )
        } else {
            (projection(&output, value_trait, "Value"), output)
        };
        let (kind, config) = match &options.cache {
            CacheKind::Bounded { maxsize, policy } => {
                // A literal as it is: the common case reads plainly in the expansion.
                let maxsize = match maxsize {
                    Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Int(_),
                        ..
                    }) => maxsize.to_token_stream(),
                    _ => match options.nonzero_maxsize {
                        // Caught here, where the constant is known, as a literal 0 is
                        // caught when the options are read.
                        Some((span, message)) => {
                            let tokens = adjust(maxsize.to_token_stream());
                            let value = Ident::new("maxsize", Span::mixed_site());
                            let check = quote_spanned!(span=>
                                ::core::assert!(#value != 0, #message));
                            quote_spanned!(syn::spanned::Spanned::span(maxsize)=>
                                const { let #value: usize = #tokens; #check; #value })
                        }
                        None => constant(maxsize, adjust),
                    },
                };
                let kind = match policy {
                    Policy::Lru => quote!(#private::Lru),
                    Policy::Fifo => quote!(#private::Fifo),
                };
                (kind, quote!(#private::Config::bounded(#maxsize)))
            }
            CacheKind::Unbounded => (
                quote!(#private::Unbounded),
                quote!(#private::Config::unbounded()),
            ),
        };
        let (kind, config) = match &options.ttl {
            Some(Ttl { duration, clock }) => {
                let duration = constant(duration, adjust);
                let config = quote!(#config.ttl(#duration));
                match clock {
                    None => (quote!(#private::Ttl<#kind>), config),
                    Some(clock) => {
                        // A closure that captures nothing, coerced to the `fn` pointer that a
                        // `static`'s `Config` can hold; the clock is made when the cache is
                        // built.
                        let boxed = quote_spanned!(syn::spanned::Spanned::span(clock)=>
                            #private::boxed_clock);
                        let clock = adjust(clock.to_token_stream());
                        (
                            quote!(#private::TtlClock<#kind>),
                            quote!(#config.clock(|| #boxed(#clock))),
                        )
                    }
                }
            }
            None => (kind, config),
        };
        CacheTypes {
            key,
            value,
            plain_key,
            plain_value,
            kind,
            config,
        }
    }

    /// `place<key, value, kind>`. The compiler reports an unsatisfied bound of a type that
    /// holds a trait object on the whole type, so that is spanned as `output`, the type the
    /// value is written from ([`Analysis::cached`]), when it holds one (an argument in the
    /// key cannot).
    pub(super) fn place_type(&self, place: TokenStream, output: &syn::Type) -> PlaceType {
        let CacheTypes {
            key, value, kind, ..
        } = self;
        let ty = quote!(#place<#key, #value, #kind>);
        let output = output.to_token_stream();
        if mentions_dyn(output.clone()) {
            let (first, last) = span_range(&output);
            PlaceType {
                ty: respan_generic_type(ty, first, last),
                // Spanned as the user's return type, the type is linted as the user's, and
                // clippy finds it complex where the return type alone is not.
                attrs: quote!(#[allow(clippy::type_complexity)]),
            }
        } else {
            PlaceType {
                ty,
                attrs: quote!(),
            }
        }
    }
}

/// A type made by [`CacheTypes::place_type`], and the attributes of the item it types.
pub(super) struct PlaceType {
    pub(super) ty: TokenStream,
    pub(super) attrs: TokenStream,
}

/// An option's value as the config takes it, in an inline `const`: a value that is not
/// constant is then told so alike in every place (a method builds its config at run time, a
/// function in a `static`), without the advice to make the cache's `static` a `LazyLock`,
/// and a value of the wrong type is reported on the value alone.
fn constant(value: &Expr, adjust: fn(TokenStream) -> TokenStream) -> TokenStream {
    let tokens = adjust(value.to_token_stream());
    quote_spanned!(syn::spanned::Spanned::span(value)=> const { #tokens })
}

/// `<ty as trait_path>::assoc`, spanned so that the compiler's errors about it cover `ty`.
///
/// The tokens before `ty` get the span of its first token and those after it the span of its
/// last token: the compiler reports an unsatisfied bound of the projection on the whole
/// projection, which then covers exactly the user's type.
fn projection(ty: &TokenStream, trait_path: TokenStream, assoc: &str) -> TokenStream {
    let (first, last) = span_range(ty);
    let assoc = format_ident!("{}", assoc, span = last);
    let open = quote_spanned!(first=> <);
    let close = quote_spanned!(last=> as #trait_path>::#assoc);
    quote!(#open #ty #close)
}

/// Gives the tokens of a path type `path<args>` up to its `<` the span `first`, and its
/// closing `>` the span `last`, so that the compiler's span of the whole type is
/// `first..last`.
fn respan_generic_type(tokens: TokenStream, first: Span, last: Span) -> TokenStream {
    let mut tokens: Vec<_> = tokens.into_iter().collect();
    if let Some(close) = tokens.last_mut() {
        close.set_span(last);
    }
    for token in &mut tokens {
        token.set_span(first);
        if matches!(token, TokenTree::Punct(punct) if punct.as_char() == '<') {
            break;
        }
    }
    tokens.into_iter().collect()
}

/// The spans of the first and last tokens.
fn span_range(tokens: &TokenStream) -> (Span, Span) {
    let mut spans = tokens.clone().into_iter().map(|token| token.span());
    let first = spans.next().unwrap_or_else(Span::call_site);
    (first, spans.last().unwrap_or(first))
}

/// Whether the tokens hold a trait object.
fn mentions_dyn(tokens: TokenStream) -> bool {
    tokens.into_iter().any(|token| match token {
        TokenTree::Ident(ident) => ident == "dyn",
        TokenTree::Group(group) => mentions_dyn(group.stream()),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    #[test]
    fn finds_trait_objects_nested_in_a_type() {
        assert!(mentions_dyn(quote!(Box<dyn Debug>)));
        assert!(mentions_dyn(quote!(Vec<(u8, Box<dyn Fn() + Send>)>)));
        assert!(!mentions_dyn(quote!(Vec<(u8, String)>)));
    }
}
