//! Code generation: the memoized function, and beside it the companions that reach its
//! cache: a module of the same name for a function, associated functions for a method.
//!
//! For `#[memoize] pub fn f(a: &str, b: u32) -> R { body }` this emits
//!
//! ```text
//! pub fn f(a: &str, b: u32) -> R {
//!     f::__memoized(a, b)
//! }
//!
//! pub mod f {
//!     use super::*;
//!     use ::memo::__private::Place as _;
//!     static __MEMO: ::memo::__private::Shared<
//!         (<str as MemoizeKey>::Owned, <u32 as MemoizeKey>::Owned),
//!         <R as MemoizeValue>::Value,
//!         ::memo::__private::Lru,
//!     > = ::memo::__private::Shared::new(::memo::__private::Config::bounded(128));
//!     fn f(a: &str, b: u32) -> R {
//!         match __MEMO.lookup(&::memo::__private::Borrowed((a, &b))) {
//!             Ok(hit) => hit,
//!             Err(miss) => miss.store(self::uncached(a, b)),
//!         }
//!     }
//!     pub(super) fn __memoized(a: &str, b: u32) -> R { f(a, b) }
//!     pub fn cache_info() -> ::memo::CacheInfo { __MEMO.info() }
//!     pub fn cache_clear() { __MEMO.clear() }
//!     pub fn cache_parameters() -> ::memo::CacheParameters { __MEMO.parameters() }
//!     pub fn uncached(a: &str, b: u32) -> R { body }
//! }
//! ```
//!
//! The body moves into the module, where `use super::*` makes the items of the enclosing
//! module visible, and the memoized logic is there too, under the function's name: a
//! recursive call in the body reaches it even when `f` is declared inside a block (whose
//! items no module can name). The function `f` itself only forwards its arguments, through
//! `__memoized`: the memoized `f` in the module has no visibility, so that its span is all
//! the user's tokens and rustc reports it when it is never used. Paths starting with
//! `super` (or `self::super`) in the tokens that move get one more `super`.
//!
//! The lookup is a `match` in the generated function rather than a runtime call taking a
//! closure: a closure would break the chain of `#[track_caller]` to the body, and add a
//! frame to every level of a recursion.
//!
//! The options change the pieces: `scope = thread` puts a `thread_local!` of a `Local` in
//! place of the `static`, of the plain key and value types, and a `static __PLACE`
//! pointing to it carries the checked ones (see `function`); `ttl` wraps the kind in
//! `Ttl`; `ignore` and `key = (a, b)` change which arguments the `Borrowed` tuple holds; a
//! `key = <expression>` is evaluated into a local and looked up with `lookup_owned`; a
//! `Result` whose errors are not cached has a cache of its `Ok` type, a hit is wrapped in
//! `Ok` and the result is stored with `store_ok`.
//!
//! A method (`&self`) cannot have a module beside it in an `impl`, and a `static` there
//! cannot name `Self`: its companions are associated functions `f_cache_info()`,
//! `f_cache_clear()`, `f_cache_parameters()` and `f_uncached(&self, ..)`, and its cache is
//! a type-erased `MethodSlots` in a hidden accessor `__memoize_f()`, which returns an
//! `impl Place` (a `MethodShared` or `MethodLocal` handle to its slot). The body stays in
//! the `impl`, unchanged but for the recursive calls of a `#[deprecated]` method, which
//! are allowed the deprecation.

use proc_macro2::{Group, Ident, Punct, Spacing, Span, TokenStream, TokenTree};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::visit_mut::{self, VisitMut};
use syn::{Attribute, Block, Expr, FnArg, Item, ItemFn, Meta, Pat, PatIdent, Result, Visibility};

use crate::options::{CacheKind, Options, Policy, Scope};
use crate::signature::{Key, KeyForm, Signature};

/// Expands `#[memoize(options)] item`.
pub(crate) fn expand(options: &Options, item: ItemFn) -> Result<TokenStream> {
    let signature = Signature::analyze(&item.sig, options)?;
    let ItemFn {
        attrs,
        vis,
        sig,
        block,
    } = item;
    let attrs = Attrs::sort(attrs);
    Ok(if signature.method {
        method(options, &signature, &attrs, &vis, sig, &block)
    } else {
        function(options, &signature, &attrs, &vis, sig, &block)
    })
}

/// A free function: the memoized function and the module beside it.
fn function(
    options: &Options,
    signature: &Signature,
    attrs: &Attrs,
    vis: &Visibility,
    sig: syn::Signature,
    block: &Block,
) -> TokenStream {
    let name = sig.ident.clone();
    let display_name = name.unraw();
    let krate = options.krate.to_token_stream();
    // Paths from the enclosing module, seen from one level deeper.
    let inner_krate = reparent(krate.clone());
    let private = quote!(#inner_krate::__private);
    let idents: Vec<&Ident> = signature.args.iter().map(|arg| &arg.ident).collect();
    // The memoized logic is in the module, under the function's own name, so that a
    // recursive call in the body (which moves there as `uncached`) reaches it even when the
    // function is declared in a block, where the module cannot name the items beside it.
    // The function itself forwards to it, through `__memoized`.
    let mut outer_sig = sig.clone();
    strip_mut(&mut outer_sig);
    let outer_attrs = &attrs.outer;
    let copies = copied_signature_lints(&sig);
    let forward = quote! {
        #(#outer_attrs)*
        #copies
        #vis #outer_sig {
            #name::__memoized(#(#idents),*)
        }
    };
    let mut inner_sig = sig.clone();
    inner_sig.abi = None;
    strip_mut(&mut inner_sig);
    let inner_sig = syn::parse2::<syn::Signature>(reparent(inner_sig.into_token_stream()))
        .expect("a signature with its `super` paths rewritten is still a signature");
    let types = CacheTypes::new(&private, options, signature, reparent);
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
    let (storage, place) = match options.scope {
        Scope::Global => {
            let memo_type = types.outline(quote!(#private::Shared), &signature.output);
            let config = &types.config;
            let storage = quote! {
                #[doc(hidden)]
                static __MEMO: #memo_type = #private::Shared::new(#config);
            };
            (storage, quote!(__MEMO))
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
            let checked_type = types.outline(quote!(#private::Local), &signature.output);
            let storage = quote! {
                #private::thread_local! {
                    #[doc(hidden)]
                    static __MEMO: #memo_type = const { #private::Local::new(#config) };
                }

                #[doc(hidden)]
                static __PLACE: &'static ::std::thread::LocalKey<#checked_type> = &__MEMO;
            };
            (storage, quote!((if false { __PLACE } else { &__MEMO })))
        }
    };
    let inner_attrs = &attrs.inner;
    let memoized_body = memoized_body(
        &inner_krate,
        signature,
        reparent,
        &quote!(),
        &place,
        // `self::`, for an argument may be named `uncached` too.
        &call_uncached(quote!(self::uncached(#(#idents),*)), attrs),
        block.brace_token.span.join(),
    );
    // rustc does not report dead code spanned by a macro, and the memoized function in the
    // module is what every call reaches, the recursive ones from `uncached` included: so it
    // is spanned by the user's tokens (it has no visibility, whose tokens would start its
    // span), and reported as never used exactly when the user's function would be. The
    // forwarding functions, spanned by the macro, are not reported.
    let mut trampoline_sig = inner_sig.clone();
    trampoline_sig.ident = Ident::new("__memoized", Span::call_site());

    let mut uncached = sig;
    uncached.ident = Ident::new("uncached", Span::call_site());
    uncached.abi = None;
    let uncached = reparent(uncached.into_token_stream());
    let body = reparent(block.to_token_stream());
    let uncached_attrs = &attrs.uncached;
    let companion_attrs = &attrs.companions;
    let docs = Docs::new(&display_name.to_string(), options.scope);
    let Docs {
        info,
        clear,
        parameters,
        uncached: uncached_doc,
    } = &docs;
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
            #(#inner_attrs)*
            #inner_sig #memoized_body

            #[doc(hidden)]
            #[inline]
            #copies
            #(#inner_attrs)*
            pub(super) #trampoline_sig {
                #name(#(#idents),*)
            }

            #[doc = #info]
            #[must_use]
            pub fn cache_info() -> #inner_krate::CacheInfo {
                #place.info()
            }

            #[doc = #clear]
            pub fn cache_clear() {
                #place.clear()
            }

            #[doc = #parameters]
            #[must_use]
            pub fn cache_parameters() -> #inner_krate::CacheParameters {
                #place.parameters()
            }

            #[doc = #uncached_doc]
            #copies
            #(#inner_attrs)*
            #(#uncached_attrs)*
            pub #uncached #body
        }
    }
}

/// A method: the memoized method, a hidden accessor to its cache, and its companions, all
/// associated functions of the same `impl`.
fn method(
    options: &Options,
    signature: &Signature,
    attrs: &Attrs,
    vis: &Visibility,
    sig: syn::Signature,
    block: &Block,
) -> TokenStream {
    let name = sig.ident.clone();
    let display_name = name.unraw();
    let companion = |suffix: &str| format_ident!("{}_{}", display_name, suffix, span = name.span());
    let accessor = format_ident!("__memoize_{}", display_name, span = name.span());
    let (info, clear, parameters, uncached) = (
        companion("cache_info"),
        companion("cache_clear"),
        companion("cache_parameters"),
        companion("uncached"),
    );
    let krate = options.krate.to_token_stream();
    let private = quote!(#krate::__private);
    let place = Ident::new("place", Span::mixed_site());
    let idents = signature.args.iter().map(|arg| &arg.ident);
    let call = call_uncached(quote!(Self::#uncached(#(#idents),*)), attrs);
    // Braces spanned by the body, as the memoized function in `function`'s module has, for
    // the same reason: a method never called is warned of.
    let memoized_body = memoized_body(
        &krate,
        signature,
        |tokens| tokens,
        // `Place`'s methods are the calls: a free function's module imports the trait, a
        // method's body must.
        &quote!(
            use #private::Place as _;
            let #place = Self::#accessor();
        ),
        &quote!(#place),
        &call,
        block.brace_token.span.join(),
    );
    let mut memoized_sig = sig.clone();
    strip_mut(&mut memoized_sig);
    let outer_attrs = &attrs.outer;

    let types = CacheTypes::new(&private, options, signature, |tokens| tokens);
    let config = &types.config;
    // The accessor returns `impl Place`: its callers then check nothing of the handle's type,
    // so a key that is not `Hash` is reported where the handle is built, and not once more
    // at every call of `lookup`, `info`, `clear` and `parameters`.
    let CacheTypes { key, value, .. } = &types;
    let accessor_fn = match options.scope {
        Scope::Global => {
            let handle = types.outline(quote!(#private::MethodShared), &signature.output);
            quote! {
                fn #accessor() -> impl #private::Place<Key = #key, Value = #value> {
                    static __MEMOIZE_SLOTS: #private::MethodSlots = #private::MethodSlots::new();
                    let handle: #handle =
                        #private::MethodShared::new(&__MEMOIZE_SLOTS, #config, &Self::#accessor);
                    handle
                }
            }
        }
        Scope::Thread => {
            let handle = types.outline(quote!(#private::MethodLocal), &signature.output);
            quote! {
                fn #accessor() -> impl #private::Place<Key = #key, Value = #value> {
                    #private::thread_local! {
                        static __MEMOIZE_SLOTS: #private::MethodLocalSlots =
                            const { #private::MethodLocalSlots::new() };
                    }
                    let handle: #handle =
                        #private::MethodLocal::new(&__MEMOIZE_SLOTS, #config, &Self::#accessor);
                    handle
                }
            }
        }
    };

    let copies = copied_signature_lints(&sig);
    let mut uncached_sig = sig;
    uncached_sig.ident = uncached.clone();
    uncached_sig.abi = None;
    let inner_attrs = &attrs.inner;
    let uncached_attrs = &attrs.uncached;
    let body = if attrs.deprecated {
        allow_deprecated_recursion(block, &name)
    } else {
        block.clone()
    };
    let companion_attrs = &attrs.companions;
    let docs = Docs::new(&display_name.to_string(), options.scope);
    let Docs {
        info: info_doc,
        clear: clear_doc,
        parameters: parameters_doc,
        uncached: uncached_doc,
    } = &docs;

    // rustc reports the dead items of an `impl` together, and drops the whole report when
    // one of them is spanned by a macro: so the companions spanned by the macro are allowed
    // to be dead (which makes them roots of the liveness analysis, but they reach nothing
    // but the accessor), the accessor is exempt by its name, and `uncached`, which holds the
    // body, is spanned by the user's tokens and reported with the method when dead.
    quote! {
        #(#outer_attrs)*
        #vis #memoized_sig #memoized_body

        #(#companion_attrs)*
        #[doc(hidden)]
        #[inline]
        #accessor_fn

        #(#companion_attrs)*
        #[doc = #info_doc]
        #[must_use]
        #[allow(dead_code)]
        #vis fn #info() -> #krate::CacheInfo {
            use #private::Place as _;
            Self::#accessor().info()
        }

        #(#companion_attrs)*
        #[doc = #clear_doc]
        #[allow(dead_code)]
        #vis fn #clear() {
            use #private::Place as _;
            Self::#accessor().clear()
        }

        #(#companion_attrs)*
        #[doc = #parameters_doc]
        #[must_use]
        #[allow(dead_code)]
        #vis fn #parameters() -> #krate::CacheParameters {
            use #private::Place as _;
            Self::#accessor().parameters()
        }

        #(#companion_attrs)*
        #[doc = #uncached_doc]
        #copies
        #(#inner_attrs)*
        #(#uncached_attrs)*
        #vis #uncached_sig #body
    }
}

/// For the copies of a function's signature (the forwarding functions, `uncached`): allows
/// the lints of the signature alone that clippy warns of by default, which the user's own
/// function already draws, so that they are reported once, there. Only when they would
/// fire at clippy's default threshold, so that a user's `forbid` of them still holds
/// elsewhere.
fn copied_signature_lints(sig: &syn::Signature) -> TokenStream {
    // clippy's default `too-many-arguments-threshold`.
    const MOST_ARGUMENTS: usize = 7;
    if sig.inputs.len() > MOST_ARGUMENTS {
        quote!(#[allow(clippy::too_many_arguments)])
    } else {
        quote!()
    }
}

/// The call of `uncached` in the memoized function, which must not warn that `uncached` is
/// deprecated.
fn call_uncached(call: TokenStream, attrs: &Attrs) -> TokenStream {
    if attrs.deprecated {
        allowing_deprecated(&call)
    } else {
        call
    }
}

/// `expr` as an expression that does not warn of deprecated items: a lint level goes on a
/// statement, not on an expression.
fn allowing_deprecated(expr: &impl ToTokens) -> TokenStream {
    let value = Ident::new("value", Span::mixed_site());
    quote!({
        #[allow(deprecated)]
        let #value = #expr;
        #value
    })
}

/// The body of a `#[deprecated]` method, its recursive calls (`self.name(..)`, and a path
/// call ending in `name`, as `Self::name(..)`) made [`allowing_deprecated`]. They reach the
/// memoized method, deprecated by an attribute of its own, from `name_uncached`, and rustc
/// spares only the uses inside the deprecated item itself: written plainly, the method would
/// not warn. Other deprecated items the body uses still do. (A free function's body calls
/// the memoized function in the module, which is not deprecated.)
fn allow_deprecated_recursion(block: &Block, name: &Ident) -> Block {
    struct Recursion<'a>(&'a Ident);

    impl VisitMut for Recursion<'_> {
        fn visit_expr_mut(&mut self, expr: &mut Expr) {
            visit_mut::visit_expr_mut(self, expr);
            let recursive = match expr {
                Expr::MethodCall(call) => call.method == *self.0,
                Expr::Call(call) => match &*call.func {
                    Expr::Path(path) => {
                        let segments = &path.path.segments;
                        segments.len() >= 2 && segments[segments.len() - 1].ident == *self.0
                    }
                    _ => false,
                },
                _ => false,
            };
            if recursive {
                // Parsed, not `Expr::Verbatim`: a parsed block is printed in parentheses
                // where a statement would otherwise end at it (`{ .. } + 1`).
                let wrapped = allowing_deprecated(expr);
                *expr = syn::parse_quote!(#wrapped);
            }
        }

        /// An item declared in the body is not the method.
        fn visit_item_mut(&mut self, _: &mut Item) {}
    }

    let mut block = block.clone();
    Recursion(name).visit_block_mut(&mut block);
    block
}

/// The body of the memoized function, which looks the key up and calls `uncached` on a
/// miss, in braces spanned by `braces`.
///
/// `adjust` rewrites the user's tokens of a `key` expression for where the function is,
/// `bind` binds the place if it is a temporary, `place` is the receiver of `Place`'s
/// methods, `call` calls the uncached body with every argument.
///
/// The calls are method calls with `Place` imported, not `Place::lookup(&place, ..)`: when
/// a key or value type failed its bounds (reported at the user's type), the place's type is
/// an error and the compiler then checks nothing of the call, so each problem is reported
/// once.
#[allow(clippy::too_many_arguments, reason = "the pieces of one function")]
fn memoized_body(
    krate: &TokenStream,
    signature: &Signature,
    adjust: fn(TokenStream) -> TokenStream,
    bind: &TokenStream,
    place: &TokenStream,
    call: &TokenStream,
    braces: Span,
) -> TokenStream {
    let private = quote!(#krate::__private);
    let hit = Ident::new("hit", Span::mixed_site());
    let miss = Ident::new("miss", Span::mixed_site());
    let key = Ident::new("key", Span::mixed_site());
    let (bind_key, lookup) = match &signature.key {
        Key::Args(indices) => {
            let borrowed = indices.iter().map(|&index| {
                let arg = &signature.args[index];
                let ident = &arg.ident;
                match arg.key {
                    KeyForm::Borrowed(_) => quote!(#ident),
                    KeyForm::Owned(_) => quote!(&#ident),
                }
            });
            (
                quote!(),
                quote!(#place.lookup(&#private::Borrowed((#(#borrowed,)*)))),
            )
        }
        Key::Expr { expr, ty } => {
            let (expr, ty) = (adjust(expr.to_token_stream()), adjust(ty.to_token_stream()));
            (
                quote!(let #key: #ty = #expr;),
                quote!(#place.lookup_owned(#key)),
            )
        }
    };
    let (on_hit, store) = if signature.ok_only {
        (
            quote!(::core::result::Result::Ok(#hit)),
            quote!(#miss.store_ok(#call)),
        )
    } else {
        (quote!(#hit), quote!(#miss.store(#call)))
    };
    let statements = quote! {
        #bind
        #bind_key
        match #lookup {
            ::core::result::Result::Ok(#hit) => #on_hit,
            ::core::result::Result::Err(#miss) => #store,
        }
    };
    quote_spanned!(braces=> { #statements })
}

/// Drops the `mut` of the arguments (`mut x`, `mut self`): it belongs to the body, and a
/// function that only passes its arguments on would be warned that it needs none.
fn strip_mut(sig: &mut syn::Signature) {
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

/// The type arguments and configuration of the cache, written where the cache is: the key
/// and value types as projections through the runtime's traits, at the spans of the user's
/// types (a missing `Hash`, `Eq`, `Clone` or `Send` is reported there, once, and the rest of
/// the expansion sees an error type and adds no errors of its own), the kind, and the
/// `Config`.
struct CacheTypes {
    key: TokenStream,
    value: TokenStream,
    /// The key and value types written without the checking projections (`T` for an
    /// argument `T`, `<T as ToOwned>::Owned` for `&T`): what a `thread_local!` holds, since it
    /// names its type several times and a failed projection would be reported at each.
    plain_key: TokenStream,
    plain_value: TokenStream,
    kind: TokenStream,
    config: TokenStream,
}

impl CacheTypes {
    /// `adjust` rewrites the user's tokens for where the cache is (`reparent` in a module).
    fn new(
        private: &TokenStream,
        options: &Options,
        signature: &Signature,
        adjust: fn(TokenStream) -> TokenStream,
    ) -> Self {
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
        let key = match &signature.key {
            Key::Args(indices) => {
                let keys = indices.iter().map(|&index| {
                    let ty = adjust(signature.args[index].key.ty().to_token_stream());
                    projection(&ty, key_trait.clone(), "Owned")
                });
                quote!((#(#keys,)*))
            }
            Key::Expr { ty, .. } => {
                projection(&adjust(ty.to_token_stream()), key_type_trait, "Key")
            }
        };
        let plain_key = match &signature.key {
            Key::Args(indices) => {
                let keys = indices
                    .iter()
                    .map(|&index| match &signature.args[index].key {
                        KeyForm::Owned(ty) => adjust(ty.to_token_stream()),
                        KeyForm::Borrowed(ty) => {
                            let ty = adjust(ty.to_token_stream());
                            quote!(<#ty as ::std::borrow::ToOwned>::Owned)
                        }
                    });
                quote!((#(#keys,)*))
            }
            Key::Expr { ty, .. } => adjust(ty.to_token_stream()),
        };
        let output = adjust(signature.output.to_token_stream());
        let plain_value = if signature.ok_only {
            quote!(<#output as #private::MemoizeResult>::Ok)
        } else {
            output.clone()
        };
        let value = if signature.ok_only {
            let ok = projection(&output, quote!(#private::MemoizeResult), "Ok");
            projection(&ok, value_trait, "Value")
        } else {
            projection(&output, value_trait, "Value")
        };
        let (kind, config) = match &options.cache {
            CacheKind::Bounded { maxsize, policy } => {
                // A literal as it is: the common case reads plainly in the expansion.
                let maxsize = match maxsize {
                    Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Int(_),
                        ..
                    }) => maxsize.to_token_stream(),
                    _ => constant(maxsize, adjust),
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
            Some(ttl) => {
                let ttl = constant(ttl, adjust);
                (quote!(#private::Ttl<#kind>), quote!(#config.ttl(#ttl)))
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
    /// holds a trait object on the whole type, so that is spanned as the return type when it
    /// holds one (an argument in the key cannot).
    fn outline(&self, place: TokenStream, output: &syn::Type) -> TokenStream {
        let CacheTypes {
            key, value, kind, ..
        } = self;
        let memo_type = quote!(#place<#key, #value, #kind>);
        let output = output.to_token_stream();
        if mentions_dyn(output.clone()) {
            let (first, last) = span_range(&output);
            respan_outline(memo_type, first, last)
        } else {
            memo_type
        }
    }
}

/// An option's value as the config takes it, in an inline `const`: a value that is not
/// constant is then told so alike in every place (a method builds its config at run time, a
/// function in a `static`), without the advice to make the cache's `static` a `LazyLock`,
/// and a value of the wrong type is reported on the value alone.
fn constant(value: &Expr, adjust: fn(TokenStream) -> TokenStream) -> TokenStream {
    let tokens = adjust(value.to_token_stream());
    quote_spanned!(syn::spanned::Spanned::span(value)=> const { #tokens })
}

/// The documentation of the companions.
struct Docs {
    info: String,
    clear: String,
    parameters: String,
    uncached: String,
}

impl Docs {
    fn new(name: &str, scope: Scope) -> Self {
        let of = match scope {
            Scope::Global => format!("the cache of `{name}`"),
            Scope::Thread => format!("the calling thread's cache of `{name}` (`scope = thread`)"),
        };
        Docs {
            info: format!(
                " The hits, misses, maximum size and current size of {of}, as Python's \
                 `cache_info()`."
            ),
            clear: format!(
                " Empties {of} and resets its hit and miss counts to zero, as Python's \
                 `cache_clear()`."
            ),
            parameters: format!(
                " What the cache of `{name}` was built with: `maxsize`, `policy`, `ttl` and \
                 `scope`, as Python's `cache_parameters()`."
            ),
            uncached: format!(
                " Runs the body of `{name}` without the cache, as Python's `__wrapped__`. \
                 Recursive calls in the body still go through the cache."
            ),
        }
    }
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
/// they were written: a path starting with `super` (or `self::super`) gets one more `super`,
/// and a visibility `pub(super)` becomes `pub(in super::super)`.
fn reparent(tokens: TokenStream) -> TokenStream {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = Vec::new();
    let mut after_path_separator = false;
    let mut previous_colon = None;
    let mut skip = 0;
    for (index, token) in tokens.iter().enumerate() {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let is_colon = matches!(token, TokenTree::Punct(p) if p.as_char() == ':');
        match token {
            TokenTree::Ident(ident) if ident == "super" && !after_path_separator => {
                out.extend(super_super(ident.span()));
            }
            // `self::super` is `super`: one more `super` too, and `self` goes.
            TokenTree::Ident(ident)
                if ident == "self"
                    && !after_path_separator
                    && is_super_after(&tokens[index + 1..]) =>
            {
                out.extend(super_super(ident.span()));
                skip = 3;
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
        previous_colon = match token {
            TokenTree::Punct(p) if p.as_char() == ':' => Some(p.spacing()),
            _ => None,
        };
    }
    out.into_iter().collect()
}

/// Whether `tokens` start with `::super`.
fn is_super_after(tokens: &[TokenTree]) -> bool {
    matches!(
        tokens,
        [TokenTree::Punct(first), TokenTree::Punct(second), TokenTree::Ident(ident), ..]
            if first.as_char() == ':' && first.spacing() == Spacing::Joint
                && second.as_char() == ':' && ident == "super"
    )
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
    /// On the companions (a function's module; a method's accessor and associated
    /// functions): `cfg` and `doc(hidden)`, so that they exist and show where the function
    /// does.
    companions: Vec<Attribute>,
    /// On the functions that hold the user's tokens or call the body (`uncached`, and for a
    /// free function the memoized function in the module and the `__memoized` trampoline):
    /// the lint levels, with `expect` as `allow`, and `track_caller`, which only reaches the
    /// body if every call on the way has it.
    inner: Vec<TokenStream>,
    /// On `uncached` besides: `must_use` and `deprecated`, which are for its callers.
    uncached: Vec<TokenStream>,
    /// Whether the function is `#[deprecated]`: the memoized function then calls `uncached`
    /// under `allow(deprecated)`, the warning being for the user's calls.
    deprecated: bool,
}

impl Attrs {
    fn sort(attrs: Vec<Attribute>) -> Self {
        let mut sorted = Attrs {
            outer: Vec::new(),
            companions: Vec::new(),
            inner: Vec::new(),
            uncached: Vec::new(),
            deprecated: false,
        };
        for mut attr in attrs {
            let path = attr.path();
            if path.is_ident("cfg") || is_doc_hidden(&attr) {
                sorted.companions.push(attr.clone());
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
                sorted.inner.push(attr.to_token_stream());
            } else if path.is_ident("track_caller") {
                sorted.inner.push(attr.to_token_stream());
            } else if path.is_ident("must_use") {
                sorted.uncached.push(attr.to_token_stream());
            } else if path.is_ident("deprecated") {
                sorted.deprecated = true;
                sorted.uncached.push(attr.to_token_stream());
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

    fn contains(expanded: &str, part: TokenStream) {
        let part = part.to_string();
        assert!(expanded.contains(&part), "{part}\nnot in\n{expanded}");
    }

    #[test]
    fn reparents_super_paths() {
        let tokens = quote! {
            super::a(crate::b, self::c, super::super::d::<super::E>, self::super::f);
            pub(super) struct X;
            pub(in super::m) struct Y;
        };
        assert_eq!(
            reparent(tokens).to_string(),
            quote! {
                super::super::a(
                    crate::b,
                    self::c,
                    super::super::super::d::<super::super::E>,
                    super::super::f
                );
                pub(in super::super) struct X;
                pub(in super::super::m) struct Y;
            }
            .to_string()
        );
    }

    #[test]
    fn allows_too_many_arguments_on_the_copies_of_a_long_signature() {
        let allow = quote!(#[allow(clippy::too_many_arguments)]).to_string();
        let seven = expand_str(
            quote!(),
            quote!(
                fn f(a: u8, b: u8, c: u8, d: u8, e: u8, f: u8, g: u8) {}
            ),
        );
        assert!(!seven.contains(&allow));
        let eight = expand_str(
            quote!(),
            quote!(
                fn f(a: u8, b: u8, c: u8, d: u8, e: u8, f: u8, g: u8, h: u8) {}
            ),
        );
        // The forwarding function, the trampoline and `uncached`, not the memoized function.
        assert_eq!(eight.matches(&allow).count(), 3);
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
                fibonacci::__memoized(n)
            }

            #[doc = " Cache of the memoized function `fibonacci`."]
            mod fibonacci {
                #[allow(unused_imports)]
                use super::*;
                use ::memo::__private::Place as _;

                #[doc(hidden)]
                static __MEMO: ::memo::__private::Shared<
                    (<u32 as ::memo::__private::MemoizeKey>::Owned,),
                    <u128 as ::memo::__private::MemoizeValue>::Value,
                    ::memo::__private::Lru
                > = ::memo::__private::Shared::new(::memo::__private::Config::bounded(128));

                #[doc(hidden)]
                #[inline]
                fn fibonacci(n: u32) -> u128 {
                    match __MEMO.lookup(&::memo::__private::Borrowed((&n,))) {
                        ::core::result::Result::Ok(hit) => hit,
                        ::core::result::Result::Err(miss) => miss.store(self::uncached(n)),
                    }
                }

                #[doc(hidden)]
                #[inline]
                pub(super) fn __memoized(n: u32) -> u128 {
                    fibonacci(n)
                }

                #[doc = " The hits, misses, maximum size and current size of the cache of `fibonacci`, as Python's `cache_info()`."]
                #[must_use]
                pub fn cache_info() -> ::memo::CacheInfo {
                    __MEMO.info()
                }

                #[doc = " Empties the cache of `fibonacci` and resets its hit and miss counts to zero, as Python's `cache_clear()`."]
                pub fn cache_clear() {
                    __MEMO.clear()
                }

                #[doc = " What the cache of `fibonacci` was built with: `maxsize`, `policy`, `ttl` and `scope`, as Python's `cache_parameters()`."]
                #[must_use]
                pub fn cache_parameters() -> ::memo::CacheParameters {
                    __MEMO.parameters()
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
        contains(
            &expanded,
            quote! {
                #[cfg(unix)]
                #[doc(hidden)]
                #[allow(clippy::pedantic, reason = "x")]
                #[inline]
                pub(super) extern "C" fn f(a: &str, b: Vec<u8>) {
                    f::__memoized(a, b)
                }

                #[cfg(unix)]
                #[doc(hidden)]
                #[doc = " Cache of the memoized function `f`."]
                pub(super) mod f
            },
        );
        contains(
            &expanded,
            quote! {
                static __MEMO: super::super::m::__private::Shared<
                    (
                        <str as super::super::m::__private::MemoizeKey>::Owned,
                        <Vec<u8> as super::super::m::__private::MemoizeKey>::Owned,
                    ),
                    <() as super::super::m::__private::MemoizeValue>::Value,
                    super::super::m::__private::Unbounded
                > = super::super::m::__private::Shared::new(super::super::m::__private::Config::unbounded());

                #[doc(hidden)]
                #[inline]
                #[allow(clippy::pedantic, reason = "x")]
                fn f(a: &str, b: Vec<u8>) {
                    match __MEMO.lookup(&super::super::m::__private::Borrowed((a, &b,))) {
                        ::core::result::Result::Ok(hit) => hit,
                        ::core::result::Result::Err(miss) => miss.store(self::uncached(a, b)),
                    }
                }

                #[doc(hidden)]
                #[inline]
                #[allow(clippy::pedantic, reason = "x")]
                pub(super) fn __memoized(a: &str, b: Vec<u8>) {
                    f(a, b)
                }
            },
        );
        contains(
            &expanded,
            quote! {
                #[allow(clippy::pedantic, reason = "x")]
                pub fn uncached(mut a: &str, b: Vec<u8>) {}
            },
        );
    }

    #[test]
    fn expands_the_options() {
        let expanded = expand_str(
            quote!(
                scope = thread,
                ttl = Duration::from_secs(super::TTL),
                ignore = [log],
                policy = fifo
            ),
            quote!(
                fn f(log: &Logger, n: u32) -> Result<u32, Error> {
                    body
                }
            ),
        );
        contains(
            &expanded,
            quote! {
                match (if false { __PLACE } else { &__MEMO }).lookup(&::memo::__private::Borrowed((&n,))) {
                    ::core::result::Result::Ok(hit) => ::core::result::Result::Ok(hit),
                    ::core::result::Result::Err(miss) => miss.store_ok(self::uncached(log, n)),
                }
            },
        );
        // The `thread_local!` holds the plain types, the `static` to it the checked ones.
        contains(
            &expanded,
            quote! {
                ::memo::__private::thread_local! {
                    #[doc(hidden)]
                    static __MEMO: ::memo::__private::Local<
                        (u32,),
                        <Result<u32, Error> as ::memo::__private::MemoizeResult>::Ok,
                        ::memo::__private::Ttl<::memo::__private::Fifo>
                    > = const {
                        ::memo::__private::Local::new(
                            ::memo::__private::Config::bounded(128).ttl(const { Duration::from_secs(super::super::TTL) })
                        )
                    };
                }

                #[doc(hidden)]
                static __PLACE: &'static ::std::thread::LocalKey<::memo::__private::Local<
                    (<u32 as ::memo::__private::MemoizeThreadKey>::Owned,),
                    < <Result<u32, Error> as ::memo::__private::MemoizeResult>::Ok as ::memo::__private::MemoizeThreadValue>::Value,
                    ::memo::__private::Ttl<::memo::__private::Fifo>
                > > = &__MEMO;
            },
        );
        contains(
            &expanded,
            quote!((if false { __PLACE } else { &__MEMO }).info()),
        );

        let expanded = expand_str(
            quote!(
                key = name.to_lowercase(),
                key_type = String,
                cache_err = true
            ),
            quote!(
                fn g(name: &str) -> io::Result<u8> {
                    body
                }
            ),
        );
        contains(
            &expanded,
            quote! {
                let key: String = name.to_lowercase();
                match __MEMO.lookup_owned(key) {
                    ::core::result::Result::Ok(hit) => hit,
                    ::core::result::Result::Err(miss) => miss.store(self::uncached(name)),
                }
            },
        );
        contains(
            &expanded,
            quote!(
                <String as ::memo::__private::MemoizeKeyType>::Key,
                <io::Result<u8> as ::memo::__private::MemoizeValue>::Value,
            ),
        );
    }

    #[test]
    fn expands_a_method() {
        let expanded = expand_str(
            quote!(maxsize = 4),
            quote! {
                pub fn scaled(&self, mut n: u32) -> u32 { n * self.step }
            },
        );
        contains(
            &expanded,
            quote! {
                pub fn scaled(&self, n: u32) -> u32 {
                    use ::memo::__private::Place as _;
                    let place = Self::__memoize_scaled();
                    match place.lookup(&::memo::__private::Borrowed((self, &n,))) {
                        ::core::result::Result::Ok(hit) => hit,
                        ::core::result::Result::Err(miss) => miss.store(Self::scaled_uncached(self, n)),
                    }
                }
            },
        );
        contains(
            &expanded,
            quote! {
                fn __memoize_scaled() -> impl ::memo::__private::Place<
                    Key = (<Self as ::memo::__private::MemoizeKey>::Owned, <u32 as ::memo::__private::MemoizeKey>::Owned,),
                    Value = <u32 as ::memo::__private::MemoizeValue>::Value
                > {
                    static __MEMOIZE_SLOTS: ::memo::__private::MethodSlots = ::memo::__private::MethodSlots::new();
                    let handle: ::memo::__private::MethodShared<
                        (<Self as ::memo::__private::MemoizeKey>::Owned, <u32 as ::memo::__private::MemoizeKey>::Owned,),
                        <u32 as ::memo::__private::MemoizeValue>::Value,
                        ::memo::__private::Lru
                    > = ::memo::__private::MethodShared::new(
                        &__MEMOIZE_SLOTS,
                        ::memo::__private::Config::bounded(4),
                        &Self::__memoize_scaled
                    );
                    handle
                }
            },
        );
        contains(
            &expanded,
            quote! {
                pub fn scaled_cache_info() -> ::memo::CacheInfo {
                    use ::memo::__private::Place as _;
                    Self::__memoize_scaled().info()
                }
            },
        );
        contains(
            &expanded,
            quote!(
                pub fn scaled_uncached(&self, mut n: u32) -> u32 {
                    n * self.step
                }
            ),
        );
    }
}
