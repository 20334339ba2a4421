//! The body of the memoized function or method: the lookup, and the call of `uncached` on
//! a miss.

use proc_macro2::{Group, Ident, Span, TokenStream, TokenTree};
use quote::{ToTokens, quote, quote_spanned};

use super::site::Site;
use crate::signature::{Analysis, Key, KeyForm};

/// The body of the memoized function, which looks the key up and calls `uncached` on a
/// miss, in braces spanned by `braces`.
///
/// `site` is where the function is (a `key` expression is rewritten for it), `bind` binds
/// the place if it is a temporary, `place` is the receiver of `Place`'s methods, `call`
/// calls the uncached body with every argument, and `at` is where the tokens written here
/// are: the call site, or for a method keyed on `Self`, that `Self` (see `method`).
///
/// The calls are method calls with `Place` (or `Lookup`) imported, not
/// `Place::lookup(&place, ..)`: when a key or value type failed its bounds (reported at the
/// user's type), the place's type is an error and the compiler then checks nothing of the
/// call, so each problem is reported once.
pub(super) fn memoized_body(
    site: &Site,
    analysis: &Analysis,
    bind: &TokenStream,
    place: &TokenStream,
    call: &TokenStream,
    braces: Span,
    at: Span,
) -> TokenStream {
    let private = located_at(site.private(), at);
    let adjust = site.adjust;
    let local = |name: &str| Ident::new(name, Span::mixed_site().located_at(at));
    let (hit, miss, key) = (local("hit"), local("miss"), local("key"));
    let (bind_key, lookup) = match &analysis.key {
        Key::Args(indices) => {
            let borrowed = indices.iter().map(|&index| {
                let arg = &analysis.args[index];
                let ident = &arg.ident;
                match arg.key {
                    KeyForm::Borrowed(_) => quote!(#ident),
                    KeyForm::Owned(_) => quote_spanned!(at=> &#ident),
                }
            });
            (
                quote!(),
                quote_spanned!(at=> #place.lookup(&#private::Borrowed((#(#borrowed,)*)))),
            )
        }
        Key::Expr { expr, ty } => {
            let (expr, ty) = (adjust(expr.to_token_stream()), adjust(ty.to_token_stream()));
            (
                quote_spanned!(at=> let #key: #ty = #expr;),
                quote_spanned!(at=> #place.lookup_owned(#key)),
            )
        }
    };
    let (on_hit, store) = if analysis.ok_only {
        (
            quote_spanned!(at=> ::core::result::Result::Ok(#hit)),
            quote_spanned!(at=> #miss.store_ok(#call)),
        )
    } else {
        (quote!(#hit), quote_spanned!(at=> #miss.store(#call)))
    };
    let statements = if analysis.asyncness {
        // In an `async fn`, the lookup is a statement of its own, whose temporaries (the
        // borrowed key) end before the `.await` of a miss: only the `Miss` is held across
        // it, where a `match` holding the lookup's `Result` held that too.
        quote_spanned! {at=>
            #bind
            #bind_key
            let #miss = match #lookup {
                ::core::result::Result::Ok(#hit) => return #on_hit,
                ::core::result::Result::Err(#miss) => #miss,
            };
            #store
        }
    } else {
        quote_spanned! {at=>
            #bind
            #bind_key
            match #lookup {
                ::core::result::Result::Ok(#hit) => #on_hit,
                ::core::result::Result::Err(#miss) => #store,
            }
        }
    };
    quote_spanned!(braces=> { #statements })
}

/// `call`, awaited in an `async fn`.
pub(super) fn awaited(call: TokenStream, analysis: &Analysis) -> TokenStream {
    if analysis.asyncness {
        quote!(#call.await)
    } else {
        call
    }
}

/// `tokens` at the location of `span`, each with its own hygiene.
pub(super) fn located_at(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|token| match token {
            TokenTree::Group(group) => {
                let mut located = Group::new(group.delimiter(), located_at(group.stream(), span));
                located.set_span(group.span().located_at(span));
                TokenTree::Group(located)
            }
            mut token => {
                token.set_span(token.span().located_at(span));
                token
            }
        })
        .collect()
}
