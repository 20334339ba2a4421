//! The `#[memoize]` attribute of [memo](https://docs.rs/memo): Python's
//! `functools.lru_cache` for Rust functions.
//!
//! Use it through the `memo` crate, which re-exports it with runnable examples and holds the
//! runtime that the generated code calls.
#![forbid(unsafe_code)]

mod expand;
mod options;
mod signature;

use proc_macro::TokenStream;
use quote::ToTokens;

use crate::options::Options;

/// Memoizes a function with CPython's `functools.lru_cache` semantics, and puts beside it a
/// module of the same name with `cache_info()`, `cache_clear()` and `uncached()`.
///
/// ```ignore
/// use memo::memoize;
///
/// #[memoize(maxsize = 128)]
/// fn fibonacci(n: u32) -> u128 {
///     if n < 2 { n as u128 } else { fibonacci(n - 1) + fibonacci(n - 2) }
/// }
///
/// assert_eq!(fibonacci(100), 354224848179261915075);
/// assert_eq!(
///     fibonacci::cache_info().to_string(),
///     "CacheInfo(hits=98, misses=101, maxsize=128, currsize=101)",
/// );
/// fibonacci::cache_clear();
/// ```
///
/// # Options
///
/// | option | meaning | Python |
/// |---|---|---|
/// | *(none)* | least-recently-used cache of 128 entries | `@lru_cache` |
/// | `maxsize = N` | at most `N` entries (an integer or a constant `usize` expression) | `@lru_cache(maxsize=N)` |
/// | `maxsize = 0` | caches nothing: every call is a miss | `@lru_cache(maxsize=0)` |
/// | `maxsize = None` | no bound, nothing is evicted | `@cache` |
/// | `policy = lru` | a full cache evicts the least recently used entry (default) | |
/// | `policy = fifo` | a full cache evicts the oldest entry; a hit does not refresh it | |
/// | `crate = path` | where `memo` is, if the dependency is renamed (default `::memo`) | |
///
/// Options are `name = value` with plain tokens (`policy = fifo`, not `"fifo"`), each given
/// at most once. `policy` with `maxsize = None` is an error: it would have no effect.
///
/// # What is generated
///
/// The function keeps its name, signature, visibility, attributes and docs. Beside it, a
/// module of the same name and visibility (modules and functions live in different
/// namespaces, so `use path::f;` imports both) holds:
///
/// - `f::cache_info() -> memo::CacheInfo`: hits, misses, `maxsize` and current size, as
///   Python's `f.cache_info()`; it prints as Python does:
///   `CacheInfo(hits=98, misses=101, maxsize=128, currsize=101)`;
/// - `f::cache_clear()`: empties the cache and resets both counts to zero;
/// - `f::uncached(args...)`: the original body without the cache, as Python's
///   `f.__wrapped__` (recursive calls in the body still use the cache).
///
/// # Semantics
///
/// As CPython's `lru_cache`:
///
/// - The key is the tuple of all arguments. An argument `&T` is keyed by `T::Owned`
///   (`&str` by `String`, `&[u8]` by `Vec<u8>`); an argument `T` by value is keyed by `T`.
/// - A hit returns a clone of the cached value, counts a hit and, under `lru`, makes the
///   entry the most recently used. It takes one lock and hashes the arguments once; it
///   neither allocates nor clones the key.
/// - A miss is counted before the function runs. The function runs with no lock held, so it
///   may call itself (recursion works, even when it evicts entries midway). Its result is
///   then stored as the most recent entry, evicting one if the cache is full; if another
///   thread stored the same key meanwhile, that entry is kept and the caller gets its own
///   result.
/// - A call that panics has counted its miss and stores nothing; the cache stays usable.
/// - There is one cache per function, shared by all threads, built on first use.
///
/// # Requirements
///
/// - Every argument type (`T` of an `&T` argument) is `Hash + Eq`, its owned form is `Send`,
///   and an argument taken by value is `Clone` (the key is a clone, made on a miss only).
/// - The return type is `Clone + Send + 'static`. Return an `Arc<T>` to memoize a large
///   value: a hit then only bumps a reference count.
/// - `Hash` and `Eq` of the arguments, `Clone` of the return type on a hit, and `Drop` of an
///   evicted entry run while the cache's lock is held, so they must not call the same
///   memoized function.
///
/// A type that misses one of these is reported on that argument or return type.
///
/// # Not supported (compile errors)
///
/// Each is reported at the offending tokens, with a message that starts with `memoize:`.
///
/// - methods (`self`) and `Self`; `#[memoize]` applies to free functions, not to the items
///   of an `impl` block;
/// - generic functions (type or const parameters; lifetime parameters are fine) and
///   `impl Trait` arguments or return types;
/// - `&mut` arguments, and argument patterns other than a name (`mut x` is fine);
/// - keys that borrow other than as a whole `&T` argument (`Option<&str>`, `&&str`,
///   `Cow<'a, str>`), trait objects in keys, and return types that borrow (other than
///   `&'static T`);
/// - returning `!`, more than 12 arguments;
/// - `async fn` (not yet), `const fn`, `unsafe fn` and variadic functions.
///
/// An `extern "ABI"` is kept on the memoized function; `uncached` is a plain Rust function.
/// A function returning `()` is accepted, as in Python: its body then runs once per distinct
/// arguments.
///
/// # Limitations
///
/// - The body moves into the generated module, which sees the items of the enclosing module
///   through `use super::*` (paths starting with `super::` are adjusted). So the signature
///   and body of a function declared inside another function's body may only use items of
///   the enclosing module, not items declared in that block; in particular such a function
///   cannot call itself.
/// - Inside the body, the module's names `cache_info`, `cache_clear` and `uncached` shadow
///   items of the same name of the enclosing module.
/// - A type with a hidden lifetime parameter (`Cow<str>` written without `'_`) cannot be a
///   key; the compiler reports it as borrowed data escaping, on the attribute.
/// - `#[expect(lint)]` on the function acts as `#[allow(lint)]`: the function becomes two,
///   and the lint may fire in either.
#[proc_macro_attribute]
pub fn memoize(args: TokenStream, input: TokenStream) -> TokenStream {
    let original = proc_macro2::TokenStream::from(input.clone());
    let result = syn::parse::<syn::Item>(input)
        .and_then(|item| match item {
            syn::Item::Fn(function) => Ok(function),
            item => Err(syn::Error::new_spanned(
                item.to_token_stream(),
                "memoize: only functions can be memoized",
            )),
        })
        .and_then(|function| {
            let options = Options::parse(args.into())?;
            expand::expand(&options, function)
        });
    match result {
        Ok(expanded) => expanded.into(),
        // The function stays as written, so that its callers do not add errors of their own.
        Err(error) => {
            let mut tokens = error.to_compile_error();
            tokens.extend(original);
            tokens.into()
        }
    }
}
