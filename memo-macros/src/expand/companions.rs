//! The companions of a memoized function: their documentation, and the three that reach
//! its cache (`cache_info`, `cache_clear`, `cache_parameters`), which a function's module
//! and a method's `impl` both hold.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{quote, quote_spanned};

use crate::options::Scope;

/// The companions that reach the cache, in the order of [`CacheCompanions::names`]. A free
/// function's module holds them under these names; a method's `impl`, prefixed with the
/// method's name (`area_cache_info`).
pub(crate) const CACHE_COMPANIONS: [&str; 3] = ["cache_info", "cache_clear", "cache_parameters"];

/// The companion that runs the body without the cache (Python's `__wrapped__`), named as
/// the others are.
pub(crate) const UNCACHED: &str = "uncached";

/// The function in a free function's module that the function forwards to.
pub(crate) const MEMOIZED: &str = "__memoized";

/// Every name a free function's module defines besides the function's own, which the
/// function therefore cannot take.
pub(crate) const MODULE_ITEMS: [&str; 5] = [
    CACHE_COMPANIONS[0],
    CACHE_COMPANIONS[1],
    CACHE_COMPANIONS[2],
    UNCACHED,
    MEMOIZED,
];

/// The `static`s of a free function's module (see `function`): its cache, and with
/// `scope = thread` the checked reference to it. The function cannot take their names
/// either.
pub(crate) const MODULE_STATICS: [&str; 2] = [MEMO, PLACE];

/// The `static` of a free function's module that holds its cache.
pub(super) const MEMO: &str = "__MEMO";

/// With `scope = thread`, the `static` of the checked reference to [`MEMO`].
pub(super) const PLACE: &str = "__PLACE";

/// The companions that reach the cache, written once for both expansions and the
/// stand-ins of [`fallback`](super::fallback).
pub(super) struct CacheCompanions<'a> {
    /// The [`CACHE_COMPANIONS`], as the function's module or the method's `impl` names them.
    pub(super) names: [Ident; 3],
    /// Their visibility.
    pub(super) vis: TokenStream,
    /// Attributes on each of them.
    pub(super) attrs: TokenStream,
    /// Their `where` clause: a method's bounds on its `impl`'s parameters and `Self`.
    pub(super) bounds: TokenStream,
    /// The path of the `memo` crate, seen from where they are.
    pub(super) krate: &'a TokenStream,
    /// What their bodies do.
    pub(super) bodies: Bodies,
}

/// What the bodies of the [`CacheCompanions`] do.
pub(super) enum Bodies {
    /// Call `Place`'s method of the companion's name on `place`, after `prelude` (a
    /// method's imports `Place`).
    Reach {
        prelude: TokenStream,
        place: TokenStream,
    },
    /// Nothing: the stand-ins of a function that could not be memoized, in a crate that
    /// does not build.
    Unreachable,
}

impl Bodies {
    /// The body of the companion that calls `Place::method`.
    fn of(&self, method: &str) -> TokenStream {
        match self {
            Bodies::Reach { prelude, place } => {
                let method = Ident::new(method, Span::call_site());
                quote!({
                    #prelude
                    #place.#method()
                })
            }
            Bodies::Unreachable => quote!({ ::core::unreachable!() }),
        }
    }
}

impl CacheCompanions<'_> {
    pub(super) fn expand(&self, docs: &Docs) -> TokenStream {
        let CacheCompanions {
            names: [info, clear, parameters],
            vis,
            attrs,
            bounds,
            krate,
            bodies,
        } = self;
        let Docs {
            info: info_doc,
            clear: clear_doc,
            parameters: parameters_doc,
            ..
        } = docs;
        let (info_body, clear_body, parameters_body) = (
            bodies.of("info"),
            bodies.of("clear"),
            bodies.of("parameters"),
        );
        quote! {
            #attrs
            #[doc = #info_doc]
            #[must_use]
            #vis fn #info() -> #krate::CacheInfo #bounds #info_body

            #attrs
            #[doc = #clear_doc]
            #vis fn #clear() #bounds #clear_body

            #attrs
            #[doc = #parameters_doc]
            #[must_use]
            #vis fn #parameters() -> #krate::CacheParameters #bounds #parameters_body
        }
    }
}

/// The documentation of the companions.
pub(super) struct Docs {
    pub(super) info: String,
    pub(super) clear: String,
    pub(super) parameters: String,
    pub(super) uncached: String,
}

/// `#[doc = text]`, spanned by `span`: clippy reads no doc attribute spanned by the macro,
/// and would find, say, no `# Errors` section in a `pub` method's `uncached`, whose
/// signature is the user's.
pub(super) fn doc_at(text: &str, span: Span) -> TokenStream {
    let mut text = Literal::string(text);
    text.set_span(span);
    quote_spanned!(span=> #[doc = #text])
}

impl Docs {
    /// `sections`: the sections of the function's docs that `uncached`, which has its
    /// contract, points to (`Errors`, `Panics`), so that clippy finds them there too.
    pub(super) fn new(name: &str, scope: Scope, sections: &[&str]) -> Self {
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
            uncached: sections.iter().fold(
                format!(
                    " Runs the body of `{name}` without the cache, as Python's `__wrapped__`. \
                     Recursive calls in the body still go through the cache."
                ),
                |doc, section| format!("{doc}\n\n # {section}\n\n As `{name}`."),
            ),
        }
    }
}
