//! [`Site`]: where the generated code that holds the user's tokens is.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};

use super::reparent::reparent;

/// Where the generated code that holds the user's tokens is: a function's module, one
/// level deeper than the function, or a method's `impl`, where the method is.
pub(super) struct Site {
    /// The path of the `memo` crate, seen from there.
    pub(super) krate: TokenStream,
    /// Rewrites the user's tokens for there.
    pub(super) adjust: fn(TokenStream) -> TokenStream,
}

impl Site {
    /// The module beside a free function, for the `memo` crate at `krate`.
    pub(super) fn module(krate: &syn::Path) -> Self {
        Site {
            krate: reparent(krate.to_token_stream()),
            adjust: reparent,
        }
    }

    /// The `impl` of a method, for the `memo` crate at `krate`.
    pub(super) fn impl_block(krate: &syn::Path) -> Self {
        Site {
            krate: krate.to_token_stream(),
            adjust: |tokens| tokens,
        }
    }

    /// The path of the runtime the generated code calls, seen from there.
    pub(super) fn private(&self) -> TokenStream {
        let krate = &self.krate;
        quote!(#krate::__private)
    }
}
