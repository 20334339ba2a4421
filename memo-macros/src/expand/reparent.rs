//! [`reparent`]: the user's tokens, rewritten for the module one level deeper than where
//! they were written; [`reparent_body`] for a function's body.

use proc_macro2::{Group, Ident, Punct, Spacing, Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::spanned::Spanned;
use syn::visit_mut::{self, VisitMut};
use syn::{Block, ImplItem, ItemImpl, ItemMod, Visibility, parse_quote_spanned};

/// Rewrites a function's body for the module one level deeper, as [`reparent`] does, and
/// keeps what its inherent `impl`s declare private where it was: private to the module the
/// body was written in, which is `pub(super)` from the deeper one. (An `impl` is not scoped
/// by the block it is written in: its methods are callable from the whole module.)
pub(super) fn reparent_body(block: &Block) -> TokenStream {
    let tokens = reparent(block.to_token_stream());
    // The reparented tokens of a block are a block: `super` only got one more `super`.
    let Ok(mut block) = syn::parse2::<Block>(tokens.clone()) else {
        return tokens;
    };
    PrivateImplItems.visit_block_mut(&mut block);
    block.into_token_stream()
}

/// Makes the private items of the inherent `impl`s it visits `pub(super)`, but in a nested
/// module, where private means that module, which moves along.
struct PrivateImplItems;

impl VisitMut for PrivateImplItems {
    fn visit_item_impl_mut(&mut self, item: &mut ItemImpl) {
        if item.trait_.is_none() {
            for impl_item in &mut item.items {
                let span = impl_item.span();
                let vis = match impl_item {
                    ImplItem::Const(item) => &mut item.vis,
                    ImplItem::Fn(item) => &mut item.vis,
                    ImplItem::Type(item) => &mut item.vis,
                    _ => continue,
                };
                if is_private(vis) {
                    *vis = parse_quote_spanned!(span=> pub(super));
                }
            }
        }
        visit_mut::visit_item_impl_mut(self, item);
    }

    fn visit_item_mod_mut(&mut self, _: &mut ItemMod) {}
}

/// No visibility, `pub(self)` or `pub(in self)`: private to the module.
fn is_private(vis: &Visibility) -> bool {
    match vis {
        Visibility::Inherited => true,
        Visibility::Restricted(restricted) => restricted.path.is_ident("self"),
        Visibility::Public(_) => false,
    }
}

/// Rewrites the tokens of a path, type or block for the module one level deeper than where
/// they were written: a path starting with `super` (or `self::super`) gets one more `super`,
/// and a visibility `pub(super)` becomes `pub(in super::super)`.
pub(super) fn reparent(tokens: TokenStream) -> TokenStream {
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

#[cfg(test)]
mod tests {
    use quote::quote;
    use syn::parse_quote;

    use super::*;

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
    fn keeps_the_private_items_of_inherent_impls_private_to_the_old_module() {
        let block: Block = parse_quote!({
            impl T {
                fn a() {}
                pub(self) const B: u8 = 0;
                pub(super) fn c() {}
                pub fn d() {}
            }
            impl Trait for T {
                fn e() {}
            }
            fn nested() {
                impl U {
                    fn f() {}
                }
            }
            mod m {
                impl V {
                    fn g() {}
                }
            }
        });
        assert_eq!(
            reparent_body(&block).to_string(),
            quote!({
                impl T {
                    pub(super) fn a() {}
                    pub(super) const B: u8 = 0;
                    pub(in super::super) fn c() {}
                    pub fn d() {}
                }
                impl Trait for T {
                    fn e() {}
                }
                fn nested() {
                    impl U {
                        pub(super) fn f() {}
                    }
                }
                mod m {
                    impl V {
                        fn g() {}
                    }
                }
            })
            .to_string()
        );
    }
}
