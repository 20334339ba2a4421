//! [`fallback`]: what stands for the companions of a function that cannot be memoized.

use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use quote::{ToTokens, quote};
use syn::ItemFn;
use syn::ext::IdentExt;

use super::attrs::Attrs;
use super::companions::{Bodies, CACHE_COMPANIONS, CacheCompanions, Docs};
use super::method::companion_name;
use super::site::Site;
use crate::options::Scope;

/// The companions that reach the cache of `function`, which could not be memoized (the
/// error is reported beside it), with bodies that never run, since the crate does not
/// build: with the function as written, they are what its callers use, whose calls then
/// add no errors of their own (as thiserror's fallback impls). `krate` is the path of the
/// `memo` crate, `::memo` when the options could not be read.
///
/// `uncached` is left out: its signature holds the user's types, which the module may not
/// see (a function declared in a block), and would then add errors of its own. So is the
/// module of a function without `self` that names `Self`: it is in an `impl`, where no
/// module can be.
pub(crate) fn fallback(krate: &syn::Path, function: &ItemFn) -> TokenStream {
    let method = function.sig.receiver().is_some();
    if !method && mentions_self(function.sig.to_token_stream()) {
        return TokenStream::new();
    }
    let name = &function.sig.ident;
    let display_name = name.unraw().to_string();
    let attrs = Attrs::sort(function.attrs.clone()).companions;
    let vis = &function.vis;
    let (names, companion_vis, site) = if method {
        (
            CACHE_COMPANIONS.map(|suffix| companion_name(&display_name, suffix, name.span())),
            vis.to_token_stream(),
            Site::impl_block(krate),
        )
    } else {
        (
            CACHE_COMPANIONS.map(|name| Ident::new(name, Span::call_site())),
            quote!(pub),
            Site::module(krate),
        )
    };
    let companions = CacheCompanions {
        names,
        vis: companion_vis,
        attrs: quote! {
            #(#attrs)*
            #[allow(dead_code)]
        },
        bounds: quote!(),
        krate: &site.krate,
        bodies: Bodies::Unreachable,
    }
    // Their docs are never read: the crate does not build.
    .expand(&Docs::new(&display_name, Scope::Global, &[]));
    if method {
        companions
    } else {
        quote! {
            #(#attrs)*
            #[doc(hidden)]
            #vis mod #name {
                #companions
            }
        }
    }
}

/// Whether `tokens` name `Self`.
fn mentions_self(tokens: TokenStream) -> bool {
    tokens.into_iter().any(|token| match token {
        TokenTree::Ident(ident) => ident == "Self",
        TokenTree::Group(group) => mentions_self(group.stream()),
        TokenTree::Punct(_) | TokenTree::Literal(_) => false,
    })
}
