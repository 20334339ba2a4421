//! [`resolve_key`]: what the key is made of, as `ignore` and `key` say: positions of the
//! arguments, or an expression with its type.

use syn::ext::IdentExt;
use syn::{Expr, ExprPath, Ident};

use super::{Errors, Key};
use crate::options::KeyOption;

/// The positions of the arguments in the key, or the key expression.
pub(super) fn resolve_key(
    option: &KeyOption,
    names: &[Option<Ident>],
    function: &Ident,
    errors: &mut Errors,
) -> Option<Key> {
    // `r#log` and `log` are one name.
    let position = |name: &Ident| {
        names
            .iter()
            .position(|arg| arg.as_ref().is_some_and(|arg| arg.unraw() == name.unraw()))
    };
    match option {
        KeyOption::All => Some(Key::Args((0..names.len()).collect())),
        KeyOption::Ignore(ignored) => {
            let mut positions = Vec::new();
            for name in ignored {
                match position(name) {
                    Some(index) => positions.push(index),
                    None => errors.push(
                        name,
                        format_args!(
                            "memoize: `ignore` names `{name}`, which is not an argument of \
                             `{function}`"
                        ),
                    ),
                }
            }
            Some(Key::Args(
                (0..names.len())
                    .filter(|index| !positions.contains(index))
                    .collect(),
            ))
        }
        KeyOption::Expr { expr, ty } => {
            let Some(key_names) = names_form(expr) else {
                return match ty {
                    Some(ty) => Some(Key::Expr {
                        expr: expr.clone(),
                        ty: ty.clone(),
                    }),
                    None => {
                        errors.push(
                            expr,
                            "memoize: the type of this `key` cannot be inferred: add `key_type \
                             = <Type>` (a key made of argument names, `key = a` or `key = (a, \
                             b)`, needs none)",
                        );
                        None
                    }
                };
            };
            let positions: Vec<_> = key_names.iter().map(position).collect();
            match (positions.iter().position(Option::is_none), ty) {
                (None, Some(ty)) => {
                    errors.push(
                        ty,
                        "memoize: `key_type` is not needed: a key made of argument names is \
                         keyed by their types; remove it",
                    );
                    None
                }
                (None, None) => {
                    let positions: Vec<usize> = positions.into_iter().flatten().collect();
                    // A name twice keys on it twice and never on another: a slip for the other.
                    let repeated =
                        (1..positions.len()).find(|&at| positions[..at].contains(&positions[at]));
                    match repeated {
                        Some(at) => {
                            let name = &key_names[at];
                            errors.push(name, format_args!("memoize: `{name}` is in `key` twice"));
                            None
                        }
                        None => Some(Key::Args(positions)),
                    }
                }
                (Some(_), Some(ty)) => Some(Key::Expr {
                    expr: expr.clone(),
                    ty: ty.clone(),
                }),
                (Some(unknown), None) => {
                    let name = &key_names[unknown];
                    errors.push(
                        name,
                        format_args!(
                            "memoize: `{name}` is not an argument of `{function}`; a key that \
                             is not made of argument names needs `key_type = <Type>`"
                        ),
                    );
                    None
                }
            }
        }
    }
}

/// The names of a `key = a` or `key = (a, b)`, or `None` for any other expression.
fn names_form(expr: &Expr) -> Option<Vec<Ident>> {
    fn name(expr: &Expr) -> Option<Ident> {
        match expr {
            Expr::Path(ExprPath {
                attrs,
                qself: None,
                path,
            }) if attrs.is_empty() => path.get_ident().cloned(),
            Expr::Paren(paren) => name(&paren.expr),
            Expr::Group(group) => name(&group.expr),
            _ => None,
        }
    }
    match expr {
        Expr::Tuple(tuple) => tuple.elems.iter().map(name).collect(),
        Expr::Paren(paren) => names_form(&paren.expr),
        Expr::Group(group) => names_form(&group.expr),
        expr => name(expr).map(|name| vec![name]),
    }
}
