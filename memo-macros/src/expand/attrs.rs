//! [`Attrs`]: the attributes of the memoized function, sorted by where they go.

use proc_macro2::{Ident, TokenStream};
use quote::ToTokens;
use syn::punctuated::Punctuated;
use syn::{AttrStyle, Attribute, Meta, Token};

/// The attributes of the function, sorted by where they go.
pub(super) struct Attrs {
    /// On the memoized function: all of them, with `expect` turned into `allow`.
    pub(super) outer: Vec<Attribute>,
    /// On the companions (a function's module; a method's accessor and associated
    /// functions): `cfg` and `doc(hidden)`, so that they exist and show where the function
    /// does, and the lints the function allows, which its name may draw on theirs
    /// (`non_snake_case`). Not the other lint levels: a `deny` or `forbid` would reach the
    /// generated code.
    pub(super) companions: Vec<Attribute>,
    /// On the functions that hold the user's tokens or call the body (`uncached`, and for a
    /// free function the memoized function in the module and the `__memoized` trampoline):
    /// the lint levels, with `expect` as `allow`; `track_caller`, which only reaches the
    /// body if every call on the way has it; and `target_feature`, so that the body is
    /// built with the features and each call on the way may call the next.
    pub(super) body_fns: Vec<TokenStream>,
    /// On `uncached` besides: `must_use` and `deprecated`, which are for its callers.
    pub(super) uncached: Vec<TokenStream>,
    /// Whether the function is `#[deprecated]`: the memoized function then calls `uncached`
    /// under `allow(deprecated)`, the warning being for the user's calls.
    pub(super) deprecated: bool,
    /// The sections of the docs that `uncached` refers to: `Errors` and `Panics`, those
    /// its docs must have when the function's do (clippy's `missing_errors_doc` and
    /// `missing_panics_doc`).
    pub(super) doc_sections: Vec<&'static str>,
}

impl Attrs {
    pub(super) fn sort(attrs: Vec<Attribute>) -> Self {
        let mut sorted = Attrs {
            outer: Vec::new(),
            companions: Vec::new(),
            body_fns: Vec::new(),
            uncached: Vec::new(),
            deprecated: false,
            doc_sections: Vec::new(),
        };
        for mut attr in attrs {
            // An inner attribute of the body (`#![allow(..)]`, `//!`), which syn gives with
            // the function's: it means what it would outside, and the body is not printed
            // where it was.
            attr.style = AttrStyle::Outer;
            let path = attr.path();
            if path.is_ident("cfg") || is_doc_hidden(&attr) {
                sorted.companions.push(attr.clone());
            } else if ["allow", "warn", "deny", "forbid", "expect"]
                .iter()
                .any(|lint| path.is_ident(lint))
            {
                // The function is written out several times, and a lint may fire in any of
                // them: an `expect` could not be fulfilled by all, so it becomes an `allow`.
                if let Meta::List(list) = &mut attr.meta
                    && list.path.is_ident("expect")
                {
                    list.path = Ident::new("allow", list.path.segments[0].ident.span()).into();
                }
                if attr.path().is_ident("allow") {
                    sorted.companions.push(attr.clone());
                }
                sorted.body_fns.push(attr.to_token_stream());
            } else if path.is_ident("track_caller") || path.is_ident("target_feature") {
                sorted.body_fns.push(attr.to_token_stream());
            } else if path.is_ident("must_use") {
                sorted.uncached.push(attr.to_token_stream());
            } else if path.is_ident("deprecated") {
                sorted.deprecated = true;
                sorted.uncached.push(attr.to_token_stream());
            } else if let Some(text) = doc_text(&attr) {
                for section in DOC_SECTIONS {
                    if has_heading(&text, section) && !sorted.doc_sections.contains(&section) {
                        sorted.doc_sections.push(section);
                    }
                }
            }
            sorted.outer.push(attr);
        }
        sorted
    }
}

/// The sections of a function's docs that its `uncached` points to.
const DOC_SECTIONS: [&str; 2] = ["Errors", "Panics"];

/// The text of a `#[doc = "..."]` (a `///` line) written as a string literal.
fn doc_text(attr: &Attribute) -> Option<String> {
    match &attr.meta {
        Meta::NameValue(doc) if doc.path.is_ident("doc") => match &doc.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(text),
                ..
            }) => Some(text.value()),
            _ => None,
        },
        _ => None,
    }
}

/// Whether `text` has a Markdown heading `section`, of any level.
fn has_heading(text: &str, section: &str) -> bool {
    text.lines().any(|line| {
        let heading = line.trim_start().trim_start_matches('#');
        line.trim_start().starts_with('#') && heading.trim() == section
    })
}

/// `#[doc(hidden)]`, alone or with other `doc` arguments (`#[doc(hidden, alias = "..")]`).
fn is_doc_hidden(attr: &Attribute) -> bool {
    match &attr.meta {
        Meta::List(list) if list.path.is_ident("doc") => list
            .parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
            .is_ok_and(|args| args.iter().any(|arg| arg.path().is_ident("hidden"))),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;
    use syn::parse_quote;

    use super::*;

    fn strings(tokens: &[impl ToTokens]) -> Vec<String> {
        tokens
            .iter()
            .map(|tokens| tokens.to_token_stream().to_string())
            .collect()
    }

    #[test]
    fn sorts_each_attribute_to_where_it_goes() {
        let attrs: Vec<Attribute> = vec![
            parse_quote!(#[cfg(unix)]),
            parse_quote!(#[doc(hidden, alias = "y")]),
            parse_quote!(#[doc = " Docs."]),
            parse_quote!(#[expect(dead_code, reason = "x")]),
            parse_quote!(#[deny(clippy::pedantic)]),
            parse_quote!(#[track_caller]),
            parse_quote!(#[target_feature(enable = "avx2")]),
            parse_quote!(#[must_use]),
            parse_quote!(#[deprecated]),
            parse_quote!(#[inline]),
        ];
        let sorted = Attrs::sort(attrs);
        // `expect` becomes `allow`, here and on the memoized function.
        let allow = quote!(#[allow(dead_code, reason = "x")]);
        assert_eq!(
            strings(&sorted.companions),
            strings(&[
                quote!(#[cfg(unix)]),
                quote!(#[doc(hidden, alias = "y")]),
                allow.clone()
            ])
        );
        assert_eq!(
            strings(&sorted.body_fns),
            strings(&[
                allow.clone(),
                quote!(#[deny(clippy::pedantic)]),
                quote!(#[track_caller]),
                quote!(#[target_feature(enable = "avx2")])
            ])
        );
        assert_eq!(
            strings(&sorted.uncached),
            strings(&[quote!(#[must_use]), quote!(#[deprecated])])
        );
        assert!(sorted.deprecated);
        assert_eq!(sorted.outer.len(), 10);
        assert_eq!(
            sorted.outer[3].to_token_stream().to_string(),
            allow.to_string()
        );
    }

    #[test]
    fn an_inner_attribute_of_the_body_is_sorted_as_an_outer_one() {
        let item: syn::ItemFn = syn::parse_quote! {
            fn f() {
                #![allow(unused_variables)]
                //! Inner docs.
                let x = 1;
            }
        };
        let sorted = Attrs::sort(item.attrs);
        assert_eq!(
            strings(&sorted.outer),
            strings(&[
                quote!(#[allow(unused_variables)]),
                quote!(#[doc = r" Inner docs."])
            ])
        );
        assert_eq!(
            strings(&sorted.body_fns),
            strings(&[quote!(#[allow(unused_variables)])])
        );
    }

    #[test]
    fn finds_the_sections_that_uncached_points_to() {
        let item: syn::ItemFn = syn::parse_quote! {
            /// Parses.
            ///
            /// ## Panics
            ///
            /// Sometimes; see # Errors below, which is not a heading.
            #[doc = "\n # Errors\n\n When it fails."]
            /// # Errors
            /// # Examples
            fn f() {}
        };
        assert_eq!(Attrs::sort(item.attrs).doc_sections, ["Panics", "Errors"]);
        let item: syn::ItemFn = syn::parse_quote! {
            /// Errors and panics, but no heading.
            #[doc = include_str!("README.md")]
            fn f() {}
        };
        assert!(Attrs::sort(item.attrs).doc_sections.is_empty());
    }
}
