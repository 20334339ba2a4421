//! [`reparent`]: the user's tokens, rewritten for the module one level deeper than where
//! they were written.

use proc_macro2::{Group, Ident, Punct, Spacing, Span, TokenStream, TokenTree};

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
}
