//! Code generation: the memoized function and the module of the same name beside it.
//!
//! For `#[memoize] pub fn f(a: &str, b: u32) -> R { body }` this emits
//!
//! ```text
//! pub fn f(a: &str, b: u32) -> R {
//!     match f::__MEMO.lookup(&::memo::__private::Borrowed((a, &b))) {
//!         Ok(hit) => hit,
//!         Err(miss) => miss.store(f::uncached(a, b)),
//!     }
//! }
//!
//! pub mod f {
//!     use super::*;
//!     pub(super) static __MEMO: ::memo::__private::Lru<
//!         (<str as MemoizeKey>::Owned, <u32 as MemoizeKey>::Owned),
//!         <R as MemoizeValue>::Value,
//!     > = ::memo::__private::Memo::lru(128);
//!     pub fn cache_info() -> ::memo::CacheInfo { __MEMO.info() }
//!     pub fn cache_clear() { __MEMO.clear() }
//!     pub fn uncached(a: &str, b: u32) -> R { body }
//! }
//! ```
//!
//! The body moves into the module, where `use super::*` makes the items of the enclosing
//! module visible, so a recursive call in the body reaches the memoized `f`. Paths starting
//! with `super` in the tokens that move are rewritten to start with `super::super`.

use proc_macro2::{Group, Ident, Punct, Spacing, Span, TokenStream, TokenTree};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::{Attribute, Block, FnArg, ItemFn, Meta, Pat, PatIdent, Path, Result, Visibility};

use crate::options::{CacheKind, Options, Policy};
use crate::signature::{KeyForm, Signature};

/// Expands `#[memoize(options)] item`.
pub(crate) fn expand(options: &Options, item: ItemFn) -> Result<TokenStream> {
    let signature = Signature::analyze(&item.sig)?;
    let ItemFn {
        attrs,
        vis,
        sig,
        block,
    } = item;
    let attrs = Attrs::sort(attrs);
    let memoized = memoized_fn(&options.krate, &signature, &attrs.outer, &vis, &sig);
    let module = module(options, &signature, &attrs, &vis, sig, &block);
    Ok(quote!(#memoized #module))
}

/// The memoized function: the signature as written (minus `mut` on the arguments), with a
/// body that looks the arguments up and calls `uncached` on a miss.
fn memoized_fn(
    krate: &Path,
    signature: &Signature,
    attrs: &[Attribute],
    vis: &Visibility,
    sig: &syn::Signature,
) -> TokenStream {
    let mut sig = sig.clone();
    for input in &mut sig.inputs {
        if let FnArg::Typed(arg) = input
            && let Pat::Ident(PatIdent { mutability, .. }) = &mut *arg.pat
        {
            *mutability = None;
        }
    }
    let name = &sig.ident;
    let borrowed = signature.args.iter().map(|arg| {
        let ident = &arg.ident;
        match arg.key {
            KeyForm::Borrowed(_) => quote!(#ident),
            KeyForm::Owned(_) => quote!(&#ident),
        }
    });
    let idents = signature.args.iter().map(|arg| &arg.ident);
    let hit = Ident::new("hit", Span::mixed_site());
    let miss = Ident::new("miss", Span::mixed_site());
    quote! {
        #(#attrs)*
        #vis #sig {
            match #name::__MEMO.lookup(&#krate::__private::Borrowed((#(#borrowed,)*))) {
                ::core::result::Result::Ok(#hit) => #hit,
                ::core::result::Result::Err(#miss) => #miss.store(#name::uncached(#(#idents),*)),
            }
        }
    }
}

/// The module beside the function: the cache, `cache_info`, `cache_clear` and `uncached`.
fn module(
    options: &Options,
    signature: &Signature,
    attrs: &Attrs,
    vis: &Visibility,
    sig: syn::Signature,
    block: &Block,
) -> TokenStream {
    // Paths from the enclosing module, seen from one level deeper.
    let krate = reparent(options.krate.to_token_stream());
    let (memo_type, constructor) = cache_static(&krate, &options.cache, signature);
    let name = sig.ident.clone();
    let display_name = name.unraw();

    let mut uncached = sig;
    uncached.ident = Ident::new("uncached", Span::call_site());
    uncached.abi = None;
    let uncached = reparent(uncached.into_token_stream());
    let body = reparent(block.to_token_stream());
    let uncached_attrs = &attrs.uncached;
    let module_attrs = &attrs.module;

    let module_doc = format!(" Cache of the memoized function `{display_name}`.");
    let info_doc = format!(
        " The hits, misses, maximum size and current size of the cache of `{display_name}`, \
         as Python's `cache_info()`."
    );
    let clear_doc = format!(
        " Empties the cache of `{display_name}` and resets its hit and miss counts to zero, \
         as Python's `cache_clear()`."
    );
    let uncached_doc = format!(
        " Runs the body of `{display_name}` without the cache, as Python's `__wrapped__`. \
         Recursive calls in the body still go through the cache."
    );

    quote! {
        #(#module_attrs)*
        #[doc = #module_doc]
        #vis mod #name {
            #[allow(unused_imports)]
            use super::*;

            #[doc(hidden)]
            pub(super) static __MEMO: #memo_type = #constructor;

            #[doc = #info_doc]
            #[must_use]
            pub fn cache_info() -> #krate::CacheInfo {
                __MEMO.info()
            }

            #[doc = #clear_doc]
            pub fn cache_clear() {
                __MEMO.clear()
            }

            #[doc = #uncached_doc]
            #(#uncached_attrs)*
            pub #uncached #body
        }
    }
}

/// The type and initializer of the cache's `static`, for use inside the module.
///
/// The type names the key and value types through the runtime's `MemoizeKey` and
/// `MemoizeValue`, at the spans of the user's types: a missing `Hash`, `Eq`, `Clone` or
/// `Send` is reported there, once, and the rest of the expansion sees an error type and
/// adds no errors of its own.
fn cache_static(
    krate: &TokenStream,
    cache: &CacheKind,
    signature: &Signature,
) -> (TokenStream, TokenStream) {
    let private = quote!(#krate::__private);
    let keys = signature.args.iter().map(|arg| {
        let ty = reparent(arg.key.ty().to_token_stream());
        projection(&ty, quote!(#private::MemoizeKey), "Owned")
    });
    let output = reparent(signature.output.to_token_stream());
    let value = projection(&output, quote!(#private::MemoizeValue), "Value");
    let (alias, constructor) = match cache {
        CacheKind::Bounded { maxsize, policy } => {
            let maxsize = reparent(maxsize.to_token_stream());
            match policy {
                Policy::Lru => (quote!(Lru), quote!(lru(#maxsize))),
                Policy::Fifo => (quote!(Fifo), quote!(fifo(#maxsize))),
            }
        }
        CacheKind::Unbounded => (quote!(Unbounded), quote!(unbounded())),
    };
    let mut memo_type = quote!(#private::#alias<(#(#keys,)*), #value>);
    if mentions_dyn(output.clone()) {
        // The compiler reports an unsatisfied bound of a type that holds a trait object on
        // the whole type of the `static`, so span that as the return type (an argument
        // cannot hold a trait object).
        let (first, last) = span_range(&output);
        memo_type = respan_outline(memo_type, first, last);
    }
    (memo_type, quote!(#private::Memo::#constructor))
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
fn respan_outline(tokens: TokenStream, first: Span, last: Span) -> TokenStream {
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

/// Rewrites the tokens of a path, type or block for the module one level deeper than where
/// they were written: a path starting with `super` gets one more `super`, and a visibility
/// `pub(super)` becomes `pub(in super::super)`.
fn reparent(tokens: TokenStream) -> TokenStream {
    let mut out = Vec::new();
    let mut after_path_separator = false;
    let mut previous_colon = None;
    for token in tokens {
        let is_colon = matches!(&token, TokenTree::Punct(p) if p.as_char() == ':');
        match &token {
            TokenTree::Ident(ident) if ident == "super" && !after_path_separator => {
                out.extend(super_super(ident.span()));
            }
            TokenTree::Group(group) => {
                let stream = group.stream();
                let inner = if is_lone_super(&stream) {
                    let mut inner = vec![TokenTree::Ident(Ident::new("in", group.span()))];
                    inner.extend(super_super(group.span()));
                    inner.into_iter().collect()
                } else {
                    reparent(stream)
                };
                let mut new = Group::new(group.delimiter(), inner);
                new.set_span(group.span());
                out.push(TokenTree::Group(new));
            }
            _ => out.push(token.clone()),
        }
        after_path_separator = is_colon && previous_colon == Some(Spacing::Joint);
        previous_colon = match &token {
            TokenTree::Punct(p) if p.as_char() == ':' => Some(p.spacing()),
            _ => None,
        };
    }
    out.into_iter().collect()
}

fn super_super(span: Span) -> [TokenTree; 4] {
    let mut first = Punct::new(':', Spacing::Joint);
    let mut second = Punct::new(':', Spacing::Alone);
    first.set_span(span);
    second.set_span(span);
    [
        TokenTree::Ident(Ident::new("super", span)),
        TokenTree::Punct(first),
        TokenTree::Punct(second),
        TokenTree::Ident(Ident::new("super", span)),
    ]
}

/// Whether a group holds just `super`, as the one of `pub(super)`.
fn is_lone_super(stream: &TokenStream) -> bool {
    let mut tokens = stream.clone().into_iter();
    matches!(
        (tokens.next(), tokens.next()),
        (Some(TokenTree::Ident(ident)), None) if ident == "super"
    )
}

/// The attributes of the function, sorted by where they go.
struct Attrs {
    /// On the memoized function: all of them, with `expect` turned into `allow`.
    outer: Vec<Attribute>,
    /// On the module: `cfg` and `doc(hidden)`, so it exists and shows where the function does.
    module: Vec<Attribute>,
    /// On `uncached`, which holds the body: the lint levels, with `expect` as `allow`.
    uncached: Vec<TokenStream>,
}

impl Attrs {
    fn sort(attrs: Vec<Attribute>) -> Self {
        let mut sorted = Attrs {
            outer: Vec::new(),
            module: Vec::new(),
            uncached: Vec::new(),
        };
        for mut attr in attrs {
            let path = attr.path();
            if path.is_ident("cfg") || is_doc_hidden(&attr) {
                sorted.module.push(attr.clone());
            } else if ["allow", "warn", "deny", "forbid", "expect"]
                .iter()
                .any(|lint| path.is_ident(lint))
            {
                // The function becomes two, and a lint may fire in either of them: an
                // `expect` could not be fulfilled by both, so it becomes an `allow`.
                if let Meta::List(list) = &mut attr.meta
                    && list.path.is_ident("expect")
                {
                    list.path = Ident::new("allow", list.path.segments[0].ident.span()).into();
                }
                sorted.uncached.push(reparent(attr.to_token_stream()));
            }
            sorted.outer.push(attr);
        }
        sorted
    }
}

fn is_doc_hidden(attr: &Attribute) -> bool {
    match &attr.meta {
        Meta::List(list) if list.path.is_ident("doc") => list
            .parse_args::<Ident>()
            .is_ok_and(|ident| ident == "hidden"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    fn expand_str(args: TokenStream, item: TokenStream) -> String {
        let options = Options::parse(args).unwrap();
        expand(&options, syn::parse2(item).unwrap())
            .unwrap()
            .to_string()
    }

    #[test]
    fn reparents_super_paths() {
        let tokens = quote! {
            super::a(crate::b, self::c, super::super::d::<super::E>);
            pub(super) struct X;
            pub(in super::m) struct Y;
        };
        assert_eq!(
            reparent(tokens).to_string(),
            quote! {
                super::super::a(crate::b, self::c, super::super::super::d::<super::super::E>);
                pub(in super::super) struct X;
                pub(in super::super::m) struct Y;
            }
            .to_string()
        );
    }

    #[test]
    fn expands_fibonacci() {
        let expanded = expand_str(
            quote!(maxsize = 128),
            quote! {
                /// Docs.
                fn fibonacci(n: u32) -> u128 {
                    if n < 2 { n as u128 } else { fibonacci(n - 1) + fibonacci(n - 2) }
                }
            },
        );
        let expected = quote! {
            #[doc = r" Docs."]
            fn fibonacci(n: u32) -> u128 {
                match fibonacci::__MEMO.lookup(&::memo::__private::Borrowed((&n,))) {
                    ::core::result::Result::Ok(hit) => hit,
                    ::core::result::Result::Err(miss) => miss.store(fibonacci::uncached(n)),
                }
            }

            #[doc = " Cache of the memoized function `fibonacci`."]
            mod fibonacci {
                #[allow(unused_imports)]
                use super::*;

                #[doc(hidden)]
                pub(super) static __MEMO: ::memo::__private::Lru<
                    (<u32 as ::memo::__private::MemoizeKey>::Owned,),
                    <u128 as ::memo::__private::MemoizeValue>::Value
                > = ::memo::__private::Memo::lru(128);

                #[doc = " The hits, misses, maximum size and current size of the cache of `fibonacci`, as Python's `cache_info()`."]
                #[must_use]
                pub fn cache_info() -> ::memo::CacheInfo {
                    __MEMO.info()
                }

                #[doc = " Empties the cache of `fibonacci` and resets its hit and miss counts to zero, as Python's `cache_clear()`."]
                pub fn cache_clear() {
                    __MEMO.clear()
                }

                #[doc = " Runs the body of `fibonacci` without the cache, as Python's `__wrapped__`. Recursive calls in the body still go through the cache."]
                pub fn uncached(n: u32) -> u128 {
                    if n < 2 { n as u128 } else { fibonacci(n - 1) + fibonacci(n - 2) }
                }
            }
        };
        assert_eq!(expanded, expected.to_string());
    }

    #[test]
    fn sorts_attributes_and_reparents_the_crate_path() {
        let expanded = expand_str(
            quote!(maxsize = None, crate = super::m),
            quote! {
                #[cfg(unix)]
                #[doc(hidden)]
                #[expect(clippy::pedantic, reason = "x")]
                #[inline]
                pub(super) extern "C" fn f(mut a: &str, b: Vec<u8>) {}
            },
        );
        let expected = quote! {
            #[cfg(unix)]
            #[doc(hidden)]
            #[allow(clippy::pedantic, reason = "x")]
            #[inline]
            pub(super) extern "C" fn f(a: &str, b: Vec<u8>) {
                match f::__MEMO.lookup(&super::m::__private::Borrowed((a, &b,))) {
                    ::core::result::Result::Ok(hit) => hit,
                    ::core::result::Result::Err(miss) => miss.store(f::uncached(a, b)),
                }
            }

            #[cfg(unix)]
            #[doc(hidden)]
            #[doc = " Cache of the memoized function `f`."]
            pub(super) mod f {
                #[allow(unused_imports)]
                use super::*;

                #[doc(hidden)]
                pub(super) static __MEMO: super::super::m::__private::Unbounded<
                    (
                        <str as super::super::m::__private::MemoizeKey>::Owned,
                        <Vec<u8> as super::super::m::__private::MemoizeKey>::Owned,
                    ),
                    <() as super::super::m::__private::MemoizeValue>::Value
                > = super::super::m::__private::Memo::unbounded();

                #[doc = " The hits, misses, maximum size and current size of the cache of `f`, as Python's `cache_info()`."]
                #[must_use]
                pub fn cache_info() -> super::super::m::CacheInfo {
                    __MEMO.info()
                }

                #[doc = " Empties the cache of `f` and resets its hit and miss counts to zero, as Python's `cache_clear()`."]
                pub fn cache_clear() {
                    __MEMO.clear()
                }

                #[doc = " Runs the body of `f` without the cache, as Python's `__wrapped__`. Recursive calls in the body still go through the cache."]
                #[allow(clippy::pedantic, reason = "x")]
                pub fn uncached(mut a: &str, b: Vec<u8>) {}
            }
        };
        assert_eq!(expanded, expected.to_string());
    }
}
