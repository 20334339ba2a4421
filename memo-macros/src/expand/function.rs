//! The expansion of a free function: the memoized function, and the module of the same
//! name that holds its cache, its companions and its body.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{ToTokens, quote};
use syn::ext::IdentExt;
use syn::{Block, ReturnType, Visibility, parse_quote};

use super::attrs::Attrs;
use super::cache_types::{CacheTypes, PlaceType};
use super::companions::{
    Bodies, CACHE_COMPANIONS, CacheCompanions, Docs, MEMO, MEMOIZED, PLACE, UNCACHED,
};
use super::lints::{
    allow_exported_api_lints, allow_forwarding_lints, allow_name_lints, allow_signature_lints,
    call_uncached, strip_mut,
};
use super::lookup::{awaited, memoized_body};
use super::pattern_names::import_pattern_names;
use super::reparent::{reparent, reparent_body};
use super::site::Site;
use crate::options::{Options, Scope};
use crate::signature::Analysis;

/// A free function: the memoized function and the module beside it.
pub(super) fn function(
    options: &Options,
    analysis: &Analysis,
    attrs: &Attrs,
    vis: &Visibility,
    sig: syn::Signature,
    block: Block,
) -> TokenStream {
    let name = sig.ident.clone();
    let display_name = name.unraw();
    let site = Site::module(&options.krate);
    let inner_krate = &site.krate;
    let private = site.private();
    let idents: Vec<&Ident> = analysis.args.iter().map(|arg| &arg.ident).collect();
    let memoized = Ident::new(MEMOIZED, Span::call_site());
    let uncached = Ident::new(UNCACHED, Span::call_site());
    // The memoized logic is in the module, under the function's own name, so that a
    // recursive call in the body (which moves there as `uncached`) reaches it even when the
    // function is declared in a block, where the module cannot name the items beside it.
    // The function itself forwards to it, through `__memoized`.
    // Without the arguments' `mut`: the function, the memoized one in the module and its
    // trampoline only pass their arguments on. `uncached` keeps them, with the body.
    let mut stripped_sig = sig.clone();
    strip_mut(&mut stripped_sig);
    let outer_attrs = &attrs.outer;
    let copies = allow_signature_lints(&sig, vis);
    let exported_api = allow_exported_api_lints(&sig, vis);
    let forwarding = allow_forwarding_lints(analysis);
    let names = allow_name_lints(&sig, analysis);
    let forward_call = awaited(quote!(#name::#memoized(#(#idents),*)), analysis);
    let forward = quote! {
        #(#outer_attrs)*
        // After the user's lint levels, which would otherwise set them back.
        #copies
        #forwarding
        #vis #stripped_sig {
            #forward_call
        }
    };
    // The memoized function in the module keeps the ABI: it is what the body's own name
    // reaches, which an `extern "C"` function may pass where an `extern "C" fn` is expected.
    // The types of its signature are the user's, whose function draws any FFI-safety lint.
    let allow_ffi_lints = if stripped_sig.abi.is_some() {
        quote!(#[allow(improper_ctypes_definitions)])
    } else {
        quote!()
    };
    let types = CacheTypes::new(&site, options, analysis);
    // The receiver of `Place`'s methods: the `static`, or a `&'static LocalKey` to the
    // `thread_local!`.
    //
    // A `thread_local!` names its type several times, and a key that is not `Hash` would be
    // reported at each. So it holds the plain types, and the checked ones (the projections
    // that report a missing bound on the user's type) are in a `static __PLACE` pointing to
    // it: the bound is reported there, once, and the type of `__PLACE` is then an error,
    // which silences every call typed by it. The calls go through
    // `if false { __PLACE } else { &__MEMO }`: typed by `__PLACE`, but whose value is the
    // `thread_local!` itself, whose access then inlines (called through the `static`, it
    // did not, and a hit took 121 instructions instead of 116: callgrind, random order, in
    // an ad hoc probe).
    let (memo, checked) = (
        Ident::new(MEMO, Span::call_site()),
        Ident::new(PLACE, Span::call_site()),
    );
    let (storage, place) = match options.scope {
        Scope::Global => {
            let PlaceType { ty, attrs } =
                types.place_type(quote!(#private::Shared), &analysis.cached);
            let config = &types.config;
            let storage = quote! {
                #[doc(hidden)]
                #attrs
                static #memo: #ty = #private::Shared::new(#config);
            };
            (storage, quote!(#memo))
        }
        Scope::Thread => {
            let CacheTypes {
                plain_key,
                plain_value,
                kind,
                config,
                ..
            } = &types;
            let memo_type = quote!(#private::Local<#plain_key, #plain_value, #kind>);
            let PlaceType {
                ty: checked_type,
                attrs,
            } = types.place_type(quote!(#private::Local), &analysis.cached);
            let storage = quote! {
                #private::thread_local! {
                    #[doc(hidden)]
                    static #memo: #memo_type = const { #private::Local::new(#config) };
                }

                #[doc(hidden)]
                #attrs
                static #checked: &'static #private::LocalKey<#checked_type> = &#memo;
            };
            (storage, quote!((if false { #checked } else { &#memo })))
        }
    };
    let body_fn_attrs = &attrs.body_fns;
    let memoized_body = memoized_body(
        &site,
        analysis,
        &quote!(),
        &place,
        // `self::`, for an argument may be named `uncached` too.
        &call_uncached(
            awaited(quote!(self::#uncached(#(#idents),*)), analysis),
            attrs,
        ),
        block.brace_token.span.join(),
        Span::call_site(),
    );
    // rustc does not report dead code spanned by a macro, and the memoized function in the
    // module is what every call reaches, the recursive ones from `uncached` included: so it
    // is spanned by the user's tokens (it has no visibility, whose tokens would start its
    // span), and reported as never used exactly when the user's function would be. The
    // forwarding functions, spanned by the macro, are not reported.
    let mut trampoline_sig = stripped_sig.clone();
    trampoline_sig.ident = memoized;
    trampoline_sig.abi = None;
    // The trampoline of an `async fn` returns the memoized function's future rather than
    // awaiting it in a future of its own, which would hold one more copy of the arguments.
    if trampoline_sig.asyncness.take().is_some() {
        trampoline_sig.output = returns_future(&trampoline_sig.output);
    }
    let (inner_sig, trampoline_sig) = (
        reparent(stripped_sig.into_token_stream()),
        reparent(trampoline_sig.into_token_stream()),
    );

    let mut uncached_sig = sig;
    uncached_sig.ident = uncached;
    uncached_sig.abi = None;
    let uncached_sig = reparent(uncached_sig.into_token_stream());
    // A name in a pattern that the block around the function declares would bind a new
    // variable in the module: it is made an error there.
    let body = reparent_body(&import_pattern_names(block));
    let uncached_attrs = &attrs.uncached;
    let companion_attrs = &attrs.companions;
    let docs = Docs::new(
        &display_name.to_string(),
        options.scope,
        &attrs.doc_sections,
    );
    let uncached_doc = &docs.uncached;
    let cache_companions = CacheCompanions {
        names: CACHE_COMPANIONS.map(|name| Ident::new(name, Span::call_site())),
        vis: quote!(pub),
        attrs: quote!(),
        // A free function's `where` clause can only bound its signature's own types.
        bounds: quote!(),
        krate: inner_krate,
        bodies: Bodies::Reach {
            // The module imports `Place`.
            prelude: quote!(),
            place: place.clone(),
        },
    }
    .expand(&docs);
    let module_doc = format!(" Cache of the memoized function `{display_name}`.");

    quote! {
        #forward

        #(#companion_attrs)*
        #[doc = #module_doc]
        #vis mod #name {
            #[allow(unused_imports)]
            use super::*;
            use #private::Place as _;

            #storage

            #[doc(hidden)]
            #[inline]
            #allow_ffi_lints
            #(#body_fn_attrs)*
            // After the user's lint levels, which would otherwise set them back.
            #exported_api
            #forwarding
            #names
            #inner_sig #memoized_body

            #[doc(hidden)]
            #[inline]
            #(#body_fn_attrs)*
            #copies
            #forwarding
            #names
            pub(super) #trampoline_sig {
                // `self::`, for an argument may have the function's name.
                self::#name(#(#idents),*)
            }

            #cache_companions

            #[doc = #uncached_doc]
            #(#body_fn_attrs)*
            #(#uncached_attrs)*
            #copies
            // A `const fn` cannot be memoized: clippy's suggestion would not build.
            #[allow(clippy::missing_const_for_fn)]
            pub #uncached_sig #body
        }
    }
}

/// `-> impl Future<Output = R>` for an `async fn` returning `R`.
///
/// The opaque type must capture every lifetime of the arguments, as the `async fn`'s
/// future does: it does by the rules of the 2024 edition, which the tokens the macro writes
/// follow, as they follow the macro's edition, whatever the user's (the crate
/// `tests/edition2021` checks it).
fn returns_future(output: &ReturnType) -> ReturnType {
    let value = match output {
        ReturnType::Default => quote!(()),
        ReturnType::Type(_, ty) => ty.to_token_stream(),
    };
    parse_quote!(-> impl ::core::future::Future<Output = #value>)
}
