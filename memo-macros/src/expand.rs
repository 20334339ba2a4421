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
//!     pub(super) fn __memoized(a: &str, b: u32) -> R { self::f(a, b) }
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
//! `super` (or `self::super`) in the tokens that move get one more `super`, and the private
//! items of an inherent `impl` in the body (an `impl` is not scoped by its block) become
//! `pub(super)`, private to the enclosing module as written. A name alone in a refutable
//! pattern of the body, which would silently bind a new variable where it is not in scope,
//! is imported in the body's block that holds it (`use LIMIT as _;`), so that one the
//! module cannot see is an error (see `pattern_names`).
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
//! `Result<T, E>` whose errors are not cached has a cache of its `Ok` type, written
//! `<Result<T, ()> as MemoizeResult>::Ok` (`E`, which may borrow, is not named there), a
//! hit is wrapped in `Ok` and the result is stored with `store_ok`.
//!
//! An `async fn` keeps `async` on every copy of the signature: the forwarding calls and the
//! call of `uncached` on a miss are awaited, and the lookup is a statement of its own, so
//! that its temporaries (the borrowed key) are not held across that `.await`. A method's
//! accessor then says that its opaque `Key` is `Send`, for the `Miss` holding it is held
//! across the `.await` too.
//!
//! A method (`&self`) cannot have a module beside it in an `impl`, and a `static` there
//! cannot name `Self`: its companions are associated functions `f_cache_info()`,
//! `f_cache_clear()`, `f_cache_parameters()` and `f_uncached(&self, ..)`, and its cache is
//! a type-erased `MethodSlots` in a hidden accessor `_f_memoize()`, which returns a
//! `&'static (impl Place<Value = R> + for<'k> Lookup<Borrowed<(&'k Self, &'k u32)>>)` (the
//! `Shared` in its slot; with `scope = thread`, an `impl ..` handle, a `MethodLocal`, to
//! this thread's slot). When `Self` is in the key, the
//! accessor and companions are bounded by `for<'__memoize> Self: MemoizeSelf` (`Hash + Eq +
//! Clone + Send + 'static`) by value, `MemoizeBorrowedSelf` (what `MemoizeKey` needs,
//! unsized too) by reference, or their `MemoizeThread*` forms without `Send` for
//! `scope = thread`; in a trait's default method a missing one is then reported once, at
//! the `self` of the method (see `method`). The companions' names move the method's
//! trailing underscores to their end (`type_cache_info_`), so that they are snake case.
//!
//! The body stays in the `impl`, unchanged but for the recursive calls of a `#[deprecated]`
//! method, which are allowed the deprecation.

mod attrs;
mod cache_types;
mod companions;
mod fallback;
mod function;
mod lints;
mod lookup;
mod method;
mod pattern_names;
mod reparent;
mod site;
mod type_lints;

pub(crate) use companions::{MODULE_ITEMS, MODULE_STATICS};
pub(crate) use fallback::fallback;

use proc_macro2::TokenStream;
use syn::{ItemFn, Result};

use self::attrs::Attrs;
use self::function::function;
use self::method::method;
use crate::options::Options;
use crate::signature::Analysis;

/// Expands `#[memoize(options)] item`.
pub(crate) fn expand(options: &Options, item: ItemFn) -> Result<TokenStream> {
    let analysis = Analysis::of(&item.sig, options)?;
    let ItemFn {
        attrs,
        vis,
        sig,
        block,
    } = item;
    let attrs = Attrs::sort(attrs);
    Ok(if analysis.method {
        method(options, &analysis, &attrs, &vis, sig, *block)
    } else {
        function(options, &analysis, &attrs, &vis, sig, *block)
    })
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
    fn names_nothing_of_std_so_that_a_no_std_crate_may_memoize() {
        let cases = [
            (
                quote!(),
                quote!(
                    fn f(a: &str, b: u32) -> u32 {
                        0
                    }
                ),
            ),
            (
                quote!(scope = thread, ttl = Duration::from_secs(1)),
                quote!(
                    fn f(a: &str, b: u32) -> Result<u32, ()> {
                        Ok(0)
                    }
                ),
            ),
            (
                quote!(scope = thread, maxsize = None),
                quote!(
                    fn f(&self, a: &[u8]) -> u32 {
                        0
                    }
                ),
            ),
            (
                quote!(key = a.len(), key_type = usize),
                quote!(
                    fn f(a: &str) -> u32 {
                        0
                    }
                ),
            ),
        ];
        for (args, item) in cases {
            let expanded = expand_str(args, item);
            assert!(!expanded.contains("std ::"), "{expanded}");
        }
    }

    #[test]
    fn an_async_fn_awaits_the_memoized_future_and_the_body_on_a_miss() {
        let expanded = expand_str(
            quote!(),
            quote! {
                async fn fetch(id: u32) -> String {
                    id.to_string()
                }
            },
        );
        contains(
            &expanded,
            quote!(
                async fn fetch(id: u32) -> String {
                    fetch::__memoized(id).await
                }
            ),
        );
        // The trampoline returns the memoized future: a future of its own would hold one
        // more copy of the arguments.
        contains(
            &expanded,
            quote!(
                pub(super) fn __memoized(id: u32) -> impl ::core::future::Future<Output = String> {
                    self::fetch(id)
                }
            ),
        );
        // The lookup's statement ends before the body's `.await`, and only the miss is held
        // across it.
        contains(
            &expanded,
            quote! {
                let miss = match __MEMO.lookup(&::memo::__private::Borrowed((&id,))) {
                    ::core::result::Result::Ok(hit) => return hit,
                    ::core::result::Result::Err(miss) => miss,
                };
                miss.store(self::uncached(id).await)
            },
        );
        contains(
            &expanded,
            quote!(
                pub async fn uncached(id: u32) -> String {
                    id.to_string()
                }
            ),
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
                    self::fibonacci(n)
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
                #[allow(clippy::missing_const_for_fn)]
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
                #[allow(clippy::pedantic, reason = "x")]
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
                #[allow(improper_ctypes_definitions)]
                #[allow(clippy::pedantic, reason = "x")]
                extern "C" fn f(a: &str, b: Vec<u8>) {
                    match __MEMO.lookup(&super::super::m::__private::Borrowed((a, &b,))) {
                        ::core::result::Result::Ok(hit) => hit,
                        ::core::result::Result::Err(miss) => miss.store(self::uncached(a, b)),
                    }
                }

                #[doc(hidden)]
                #[inline]
                #[allow(clippy::pedantic, reason = "x")]
                pub(super) fn __memoized(a: &str, b: Vec<u8>) {
                    self::f(a, b)
                }
            },
        );
        contains(
            &expanded,
            quote! {
                #[allow(clippy::pedantic, reason = "x")]
                #[allow(clippy::missing_const_for_fn)]
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
        // The `thread_local!` holds the plain types, the `static` to it the checked ones;
        // both leave out the error type, which is never stored.
        contains(
            &expanded,
            quote! {
                ::memo::__private::thread_local! {
                    #[doc(hidden)]
                    static __MEMO: ::memo::__private::Local<
                        (u32,),
                        <Result<u32, ()> as ::memo::__private::MemoizeResult>::Ok,
                        ::memo::__private::Ttl<::memo::__private::Fifo>
                    > = const {
                        ::memo::__private::Local::new(
                            ::memo::__private::Config::bounded(128).ttl(const { Duration::from_secs(super::super::TTL) })
                        )
                    };
                }

                #[doc(hidden)]
                static __PLACE: &'static ::memo::__private::LocalKey<::memo::__private::Local<
                    (<u32 as ::memo::__private::MemoizeThreadKey>::Owned,),
                    < <Result<u32, ()> as ::memo::__private::MemoizeResult>::Ok as ::memo::__private::MemoizeThreadValue>::Value,
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
                    use ::memo::__private::Lookup as _;
                    let place = Self::_scaled_memoize();
                    match place.lookup(&::memo::__private::Borrowed((self, &n,))) {
                        ::core::result::Result::Ok(hit) => hit,
                        ::core::result::Result::Err(miss) => miss.store(Self::scaled_uncached(self, n)),
                    }
                }
            },
        );
        // `Self` is in the key: the accessor and companions are bounded by what it needs.
        contains(
            &expanded,
            quote! {
                fn _scaled_memoize() -> &'static (impl ::memo::__private::Place<Value = u32>
                    + for<'__memoize> ::memo::__private::Lookup<
                        ::memo::__private::Borrowed<(&'__memoize Self, &'__memoize u32,)>
                    > + 'static)
                where
                    for<'__memoize> Self: ::memo::__private::MemoizeBorrowedSelf
                {
                    static __MEMOIZE_SLOTS: ::memo::__private::MethodSlots = ::memo::__private::MethodSlots::new();
                    let cache: &'static ::memo::__private::Shared<
                        (<Self as ::memo::__private::MemoizeKey>::Owned, <u32 as ::memo::__private::MemoizeKey>::Owned,),
                        <u32 as ::memo::__private::MemoizeValue>::Value,
                        ::memo::__private::Lru
                    > = __MEMOIZE_SLOTS.cache(
                        ::memo::__private::Config::bounded(4),
                        &Self::_scaled_memoize
                    );
                    cache
                }
            },
        );
        contains(
            &expanded,
            quote! {
                pub fn scaled_cache_info() -> ::memo::CacheInfo
                where
                    for<'__memoize> Self: ::memo::__private::MemoizeBorrowedSelf
                {
                    use ::memo::__private::Place as _;
                    Self::_scaled_memoize().info()
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

        // Without `self` in the key, no bound; a key expression is looked up through `Place`.
        let expanded = expand_str(
            quote!(scope = thread, key = self.id(), key_type = u64),
            quote! {
                fn named(&self) -> Result<String, Error> { body }
            },
        );
        contains(
            &expanded,
            quote! {
                use ::memo::__private::Place as _;
                let place = Self::_named_memoize();
                let key: u64 = self.id();
            },
        );
        contains(
            &expanded,
            quote! {
                fn _named_memoize() -> impl ::memo::__private::Place<
                    Key = u64,
                    Value = <Result<String, ()> as ::memo::__private::MemoizeResult>::Ok
                >
            },
        );
    }
}
