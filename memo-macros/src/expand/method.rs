//! The expansion of a method: the memoized method, a hidden accessor to its cache, and its
//! companions, associated functions of the same `impl`.

use core::mem;

use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::punctuated::Punctuated;
use syn::visit_mut::{self, VisitMut};
use syn::{Block, Expr, Item, Visibility, WherePredicate};

use super::attrs::Attrs;
use super::cache_types::{CacheTypes, PlaceType};
use super::companions::{Bodies, CACHE_COMPANIONS, CacheCompanions, Docs, UNCACHED, doc_at};
use super::lints::{
    allow_forwarding_lints, allow_name_lints, allow_signature_lints, allowing_deprecated,
    call_uncached, strip_mut,
};
use super::lookup::{awaited, located_at, memoized_body};
use super::site::Site;
use crate::options::{Options, Scope};
use crate::signature::{Analysis, Key, KeyForm, is_self_type};

/// A method: the memoized method, a hidden accessor to its cache, and its companions, all
/// associated functions of the same `impl`.
pub(super) fn method(
    options: &Options,
    analysis: &Analysis,
    attrs: &Attrs,
    vis: &Visibility,
    sig: syn::Signature,
    block: Block,
) -> TokenStream {
    let name = sig.ident.clone();
    let display_name = name.unraw();
    let companion = |suffix: &str| companion_name(&display_name.to_string(), suffix, name.span());
    // Named with a leading `_`, which spares it rustc's dead-code report, and snake case
    // whatever the method's name (`__memoize__x` for `_x` would not be).
    let accessor = companion_name(&format!("_{display_name}"), "memoize", name.span());
    let companion_names = CACHE_COMPANIONS.map(companion);
    let uncached = companion(UNCACHED);
    let site = Site::impl_block(&options.krate);
    let krate = &site.krate;
    let private = site.private();
    // `Self` in the key (the receiver's, an argument's `&Self`) must be `MemoizeSelf`
    // (`Hash + Eq + Clone + ..`) by value, `MemoizeBorrowedSelf` (what `MemoizeKey` needs of
    // a `&T`, unsized too) by reference, which nothing says of a trait's `Self`. The accessor
    // and companions are bounded by it, so that they check nothing of `Self`, and the method,
    // which calls the accessor, is where rustc reports a missing trait. The call, the lookup
    // and the store each need the bound again, and rustc reports an unsatisfied bound once
    // per span of a body: so every token the macro writes in the method is located at that
    // `Self` (the receiver's `self`), with one hygiene, mixed-site (that of its locals), for
    // a span is a location and a hygiene.
    let self_key = self_in_key(analysis);
    let at = self_key.map_or_else(Span::call_site, |(span, _)| {
        Span::mixed_site().located_at(span)
    });
    // Under `for<..>`, which rustc checks where the bound is used only: a bound of a type
    // without parameters that does not hold (`Self` in the `impl` of a struct that is not
    // `Hash`) would otherwise be an error where it is written (`trivial_bounds`), beside the
    // method's.
    let self_bound = self_key.map(|(_, by_value)| -> WherePredicate {
        let bound = match (options.scope, by_value) {
            (Scope::Global, true) => quote!(MemoizeSelf),
            (Scope::Thread, true) => quote!(MemoizeThreadSelf),
            (Scope::Global, false) => quote!(MemoizeBorrowedSelf),
            (Scope::Thread, false) => quote!(MemoizeThreadBorrowedSelf),
        };
        syn::parse_quote!(for<'__memoize> Self: #private::#bound)
    });
    let place = Ident::new("place", Span::mixed_site().located_at(at));
    let idents = analysis.args.iter().map(|arg| &arg.ident);
    let call = call_uncached(
        awaited(quote!(Self::#uncached(#(#idents),*)), analysis),
        attrs,
    );

    let types = CacheTypes::new(&site, options, analysis);
    let config = &types.config;
    // The accessor returns an `impl Place` of the plain value type, which for a key of
    // arguments can look up their borrowed tuple: its callers then check nothing of the key
    // and value types, which are checked (and reported, at the user's types) where the
    // cache is found, and not once more at every call of `lookup`, `store`, `info`, ...
    let CacheTypes {
        plain_key,
        plain_value,
        ..
    } = &types;
    // The `Miss` of an `async fn` holds the key across the `.await` of the body: its future
    // is `Send` only if the key is, which the opaque `Key` must then say.
    let key_is_send = if analysis.asyncness {
        quote!(Key: ::core::marker::Send,)
    } else {
        quote!()
    };
    let (lookup_trait, returned) = match &analysis.key {
        Key::Args(indices) => {
            let borrowed = indices.iter().map(|&index| analysis.args[index].key.ty());
            (
                quote!(Lookup),
                quote!(#private::Place<#key_is_send Value = #plain_value>
                    + for<'__memoize> #private::Lookup<
                        #private::Borrowed<(#(&'__memoize #borrowed,)*)>
                    >),
            )
        }
        Key::Expr { .. } => (
            quote!(Place),
            quote!(#private::Place<Key = #plain_key, Value = #plain_value>),
        ),
    };
    let private_at = located_at(private.clone(), at);
    // Braces spanned by the body, as the memoized function in `function`'s module has, for
    // the same reason: a method never called is warned of.
    let memoized_body = memoized_body(
        &site,
        analysis,
        // The calls are methods of `Lookup` or `Place`: a free function's module imports
        // `Place`, a method's body must.
        &quote_spanned!(at=>
            use #private_at::#lookup_trait as _;
            let #place = Self::#accessor();
        ),
        &quote!(#place),
        &call,
        block.brace_token.span.join(),
        at,
    );
    let mut memoized_sig = sig.clone();
    strip_mut(&mut memoized_sig);
    let outer_attrs = &attrs.outer;
    let forwarding = allow_forwarding_lints(analysis);

    // A shared cache is returned as a `&'static` to it: the place of a miss then borrows no
    // local of the method (which an `async fn` would hold across its `.await`). The opaque
    // type says `'static`, which it is (the cache's types are), for it captures the impl's
    // parameters, which need not be. A thread's cache has no `'static` address: its handle
    // finds it on each use.
    let (slots, cache_type, by, returns, found) = match options.scope {
        Scope::Global => (
            quote! {
                static __MEMOIZE_SLOTS: #private::MethodSlots = #private::MethodSlots::new();
            },
            quote!(#private::Shared),
            quote!(&'static),
            quote!(&'static (impl #returned + 'static)),
            quote!(__MEMOIZE_SLOTS.cache(#config, &Self::#accessor)),
        ),
        Scope::Thread => (
            quote! {
                #private::thread_local! {
                    static __MEMOIZE_SLOTS: #private::MethodLocalSlots =
                        const { #private::MethodLocalSlots::new() };
                }
            },
            quote!(#private::MethodLocal),
            quote!(),
            quote!(impl #returned),
            quote!(#private::MethodLocal::new(&__MEMOIZE_SLOTS, #config, &Self::#accessor)),
        ),
    };
    let PlaceType {
        ty: cache_type,
        attrs: cache_attrs,
    } = types.place_type(cache_type, &analysis.cached);
    let mut predicates = impl_bounds(&sig);
    predicates.extend(self_bound);
    let bounds = if predicates.is_empty() {
        quote!()
    } else {
        quote!(where #(#predicates),*)
    };
    let names = allow_name_lints(&sig, analysis);
    let accessor_fn = quote! {
        fn #accessor() -> #returns #bounds {
            #slots
            #cache_attrs
            let cache: #by #cache_type = #found;
            cache
        }
    };

    let copies = allow_signature_lints(&sig, vis);
    let mut uncached_sig = sig;
    uncached_sig.ident = uncached.clone();
    uncached_sig.abi = None;
    let body_fn_attrs = &attrs.body_fns;
    let uncached_attrs = &attrs.uncached;
    let body = if attrs.deprecated {
        allow_deprecated_recursion(block, &name)
    } else {
        block
    };
    let companion_attrs = &attrs.companions;
    let docs = Docs::new(
        &display_name.to_string(),
        options.scope,
        &attrs.doc_sections,
    );
    let uncached_doc = doc_at(&docs.uncached, name.span());
    // `cfg` and `doc(hidden)`: its lint levels are among `body_fn_attrs`, all of them.
    let uncached_presence = companion_attrs
        .iter()
        .filter(|attr| !attr.path().is_ident("allow"));
    let cache_companions = CacheCompanions {
        names: companion_names,
        vis: vis.to_token_stream(),
        attrs: quote! {
            #(#companion_attrs)*
            #[allow(dead_code)]
            #names
        },
        krate,
        bounds: bounds.clone(),
        bodies: Bodies::Reach {
            prelude: quote!(use #private::Place as _;),
            place: quote!(Self::#accessor()),
        },
    }
    .expand(&docs);

    // rustc reports the dead items of an `impl` together, and drops the whole report when
    // one of them is spanned by a macro: so the companions spanned by the macro are allowed
    // to be dead (which makes them roots of the liveness analysis, but they reach nothing
    // but the accessor), the accessor is exempt by its name, and `uncached`, which holds the
    // body, is spanned by the user's tokens and reported with the method when dead.
    quote! {
        #(#outer_attrs)*
        #forwarding
        #vis #memoized_sig #memoized_body

        #(#companion_attrs)*
        #[doc(hidden)]
        #[inline]
        #names
        #accessor_fn

        #cache_companions

        #(#uncached_presence)*
        #uncached_doc
        #(#body_fn_attrs)*
        #(#uncached_attrs)*
        #copies
        // A `const fn` cannot be memoized: clippy's suggestion would not build.
        #[allow(clippy::missing_const_for_fn)]
        #vis #uncached_sig #body
    }
}

/// The companion `name_suffix` of a method `name`, with the trailing underscores of `name`
/// moved to its end (`type_` gets `type_cache_info_`), so that it draws no `non_snake_case`
/// for a `__` the user never wrote, and still differs from the companions of `r#type`.
pub(super) fn companion_name(name: &str, suffix: &str, span: Span) -> Ident {
    let base = name.trim_end_matches('_');
    let trailing = &name[base.len()..];
    format_ident!("{}_{}{}", base, suffix, trailing, span = span)
}

/// The span of the first type of the key that is `Self`: the receiver's (its `self`), or an
/// argument's (`other: &Self`); and whether `Self` is in the key by value (`self`), which
/// needs it sized and `Clone`, where by reference it may be unsized.
fn self_in_key(analysis: &Analysis) -> Option<(Span, bool)> {
    let Key::Args(indices) = &analysis.key else {
        return None;
    };
    let mut keys = indices
        .iter()
        .map(|&index| &analysis.args[index].key)
        .filter(|key| is_self_type(key.ty()));
    let span = syn::spanned::Spanned::span(keys.clone().next()?.ty());
    Some((span, keys.any(|key| matches!(key, KeyForm::Owned(_)))))
}

/// The predicates of the method's `where` clause without what names its own lifetimes: the
/// bounds it puts on the `impl`'s parameters and on `Self` (`where T: Clone`, `where Self:
/// Hash + Eq` in a trait's default method), which the cache's types may need, for the
/// accessor and the companions, which take no arguments and so have no lifetimes. A bound
/// that names one (`'a` in `T: Clone + 'a`) is left out, and so is a predicate on a type
/// that names one.
fn impl_bounds(sig: &syn::Signature) -> Vec<WherePredicate> {
    let predicates = sig
        .generics
        .where_clause
        .iter()
        .flat_map(|where_clause| &where_clause.predicates);
    let lifetimes: Vec<&syn::Lifetime> = sig
        .generics
        .lifetimes()
        .map(|param| &param.lifetime)
        .collect();
    let mentions = |tokens: &dyn ToTokens| mentions_lifetime(tokens.to_token_stream(), &lifetimes);
    predicates
        .filter_map(|predicate| {
            let mut predicate = predicate.clone();
            let kept = match &mut predicate {
                WherePredicate::Type(bounded) => {
                    !mentions(&bounded.bounded_ty)
                        && !mentions(&bounded.lifetimes)
                        && keep_bounds(&mut bounded.bounds, |bound| mentions(bound))
                }
                WherePredicate::Lifetime(outlives) => {
                    !mentions(&outlives.lifetime)
                        && keep_bounds(&mut outlives.bounds, |bound| mentions(bound))
                }
                other => !mentions(other),
            };
            kept.then_some(predicate)
        })
        .collect()
}

/// Drops the bounds that `drop` picks; whether any is left.
fn keep_bounds<T, P: Default>(bounds: &mut Punctuated<T, P>, drop: impl Fn(&T) -> bool) -> bool {
    *bounds = mem::take(bounds)
        .into_iter()
        .filter(|bound| !drop(bound))
        .collect();
    !bounds.is_empty()
}

/// Whether `tokens` name one of `lifetimes`.
fn mentions_lifetime(tokens: TokenStream, lifetimes: &[&syn::Lifetime]) -> bool {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    tokens.iter().enumerate().any(|(i, token)| match token {
        TokenTree::Punct(quote) if quote.as_char() == '\'' => matches!(
            tokens.get(i + 1),
            Some(TokenTree::Ident(ident)) if lifetimes.iter().any(|lifetime| lifetime.ident == *ident)
        ),
        TokenTree::Group(group) => mentions_lifetime(group.stream(), lifetimes),
        _ => false,
    })
}

/// The body of a `#[deprecated]` method, its recursive calls made [`allowing_deprecated`].
/// They reach the memoized method, deprecated by an attribute of its own, from
/// `name_uncached`, and rustc spares only the uses inside the deprecated item itself:
/// written plainly, the method would not warn. Other deprecated items the body uses still
/// do. (A free function's body calls the memoized function in the module, which is not
/// deprecated.)
///
/// - A method call is recursive when its receiver is `self` (through parentheses, `&` or
///   `*`): `self.map.get(..)` in a method `get` is another method. The whole call is
///   wrapped; its temporaries, dropped sooner then, borrow nothing the result keeps, which
///   is an owned value.
/// - A path call ending in `name` (`Self::name(..)`, `<Self as Trait>::name(..)`,
///   `Type::name(..)`) has its callee wrapped, and its arguments left in place: another
///   type's `name` is then called as it was.
fn allow_deprecated_recursion(mut block: Block, name: &Ident) -> Block {
    struct Recursion<'a>(&'a Ident);

    fn is_self(expr: &Expr) -> bool {
        match expr {
            Expr::Path(path) => path.qself.is_none() && path.path.is_ident("self"),
            Expr::Paren(paren) => is_self(&paren.expr),
            Expr::Reference(reference) => is_self(&reference.expr),
            Expr::Unary(syn::ExprUnary {
                op: syn::UnOp::Deref(_),
                expr,
                ..
            }) => is_self(expr),
            _ => false,
        }
    }

    impl VisitMut for Recursion<'_> {
        fn visit_expr_mut(&mut self, expr: &mut Expr) {
            visit_mut::visit_expr_mut(self, expr);
            match expr {
                Expr::MethodCall(call) if call.method == *self.0 && is_self(&call.receiver) => {
                    // Parsed, not `Expr::Verbatim`: a parsed block is printed in parentheses
                    // where a statement would otherwise end at it (`{ .. } + 1`).
                    let wrapped = allowing_deprecated(expr);
                    *expr = syn::parse_quote!(#wrapped);
                }
                Expr::Call(call) => {
                    if let Expr::Path(path) = &*call.func
                        && (path.path.segments.len() >= 2 || path.qself.is_some())
                        && path
                            .path
                            .segments
                            .last()
                            .is_some_and(|last| last.ident == *self.0)
                    {
                        let wrapped = allowing_deprecated(&call.func);
                        *call.func = syn::parse_quote!((#wrapped));
                    }
                }
                _ => {}
            }
        }

        /// An item declared in the body is not the method.
        fn visit_item_mut(&mut self, _: &mut Item) {}
    }

    Recursion(name).visit_block_mut(&mut block);
    block
}

#[cfg(test)]
mod tests {
    use quote::{ToTokens, quote};

    use super::*;

    #[test]
    fn companion_names_keep_trailing_underscores_at_the_end() {
        let named = |name: &str| companion_name(name, "cache_info", Span::call_site()).to_string();
        assert_eq!(named("area"), "area_cache_info");
        assert_eq!(named("type_"), "type_cache_info_");
        assert_eq!(named("type__"), "type_cache_info__");
        assert_eq!(named("_area"), "_area_cache_info");
        assert_eq!(named("__"), "_cache_info__");
        // The accessor's name, from `_` and the method's.
        let accessor = |name: &str| companion_name(name, "memoize", Span::call_site()).to_string();
        assert_eq!(accessor("_area"), "_area_memoize");
        assert_eq!(accessor("__private"), "__private_memoize");
        assert_eq!(accessor("_type_"), "_type_memoize_");
    }

    #[test]
    fn allows_the_deprecation_of_recursive_calls_only() {
        let block: Block = syn::parse_quote!({
            let a = self.area(n - 1);
            let b = Self::area(self, n - 2);
            let c = area(n);
            let d = self.other(n);
            let e = self.areas.area(n);
            let f = (&*self).area(n);
            let g = <Self as Shape>::area(self, n);
            fn nested() -> u32 {
                Self::area(1)
            }
            a + b + c + d + e + f + g
        });
        let name = Ident::new("area", Span::call_site());
        let allowed = allow_deprecated_recursion(block, &name)
            .to_token_stream()
            .to_string();
        let wrapped = |call: TokenStream| allowing_deprecated(&call).to_string();
        let callee_wrapped =
            |callee: TokenStream, args: TokenStream| format!("({}) {}", wrapped(callee), args);
        // A method call on `self`, whole; a path call, its callee.
        assert!(allowed.contains(&wrapped(quote!(self.area(n - 1)))));
        assert!(allowed.contains(&wrapped(quote!((&*self).area(n)))));
        assert!(allowed.contains(&callee_wrapped(quote!(Self::area), quote!((self, n - 2)))));
        assert!(allowed.contains(&callee_wrapped(
            quote!(<Self as Shape>::area),
            quote!((self, n))
        )));
        // A plain `area(n)` is not the method, nor is a call in a nested item.
        assert!(!allowed.contains(&wrapped(quote!(area))));
        assert!(allowed.contains(&quote!(Self::area(1)).to_string()));
        assert!(!allowed.contains(&wrapped(quote!(self.other(n)))));
        // Nor is another receiver's `area`, which is left as it is.
        assert!(allowed.contains(&quote!(let e = self.areas.area(n);).to_string()));
    }

    #[test]
    fn the_accessor_keeps_the_bounds_that_name_no_lifetime_of_the_method() {
        let sig: syn::Signature = syn::parse_quote!(
            fn f<'a, 'b: 'a>(&'a self, s: &'b str) -> T
            where
                T: Clone + 'static + 'a,
                Self: Hash,
                'b: 'a,
                'static: 'a,
                T: From<&'a str>,
                &'a T: Copy,
                for<'x> T: Fn(&'x u8)
        );
        let kept = impl_bounds(&sig);
        assert_eq!(
            quote!(#(#kept),*).to_string(),
            quote!(T: Clone + 'static, Self: Hash, for<'x> T: Fn(&'x u8)).to_string()
        );
        let none: syn::Signature = syn::parse_quote!(fn f(&self) -> u8);
        assert!(impl_bounds(&none).is_empty());
    }
}
