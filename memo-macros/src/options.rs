//! The arguments of `#[memoize(...)]`, parsed into [`Options`].
//!
//! Every option is `name = value` with a real token value (`maxsize = 128`, `policy = fifo`,
//! `crate = ::memo`), never a string. An option may be given once. Adding an option means a
//! field in [`Options`], a parser in [`Options::parse_option`] and a name in [`OPTIONS`].

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;
use syn::{Error, Expr, ExprLit, ExprPath, ExprUnary, Lit, Path, Result, UnOp, parse_quote};

/// The option names, in the order the documentation lists them.
const OPTIONS: &[&str] = &["maxsize", "policy", "crate"];

/// Python's default `maxsize`.
const DEFAULT_MAXSIZE: usize = 128;

/// What `#[memoize(...)]` asked for, defaults filled in.
pub(crate) struct Options {
    /// The kind and size of the cache.
    pub(crate) cache: CacheKind,
    /// Where the runtime is: `::memo` unless `crate = path` says otherwise.
    pub(crate) krate: Path,
}

/// The cache that the options select.
pub(crate) enum CacheKind {
    /// At most `maxsize` entries, evicted by `policy`. `maxsize` is an integer literal or
    /// any constant `usize` expression; 0 caches nothing.
    Bounded { maxsize: Expr, policy: Policy },
    /// `maxsize = None`: no bound (Python's `functools.cache`).
    Unbounded,
}

/// Which entry a full bounded cache evicts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Policy {
    /// The least recently used (`policy = lru`, the default).
    Lru,
    /// The oldest (`policy = fifo`).
    Fifo,
}

/// The value of `maxsize`.
enum MaxSize {
    Bounded(Expr),
    Unbounded,
}

/// An option as written: its value and the span of its name, for errors.
struct Given<T> {
    span: Span,
    value: T,
}

/// The options as written, before defaults and cross-checks.
#[derive(Default)]
struct Written {
    maxsize: Option<Given<MaxSize>>,
    policy: Option<Given<Policy>>,
    krate: Option<Given<Path>>,
}

impl Options {
    /// Parses the tokens inside `#[memoize(...)]`.
    pub(crate) fn parse(args: TokenStream) -> Result<Self> {
        let mut written = Written::default();
        let parser = syn::meta::parser(|meta| Self::parse_option(&mut written, &meta));
        syn::parse::Parser::parse2(parser, args)?;
        Self::resolve(written)
    }

    fn parse_option(written: &mut Written, meta: &ParseNestedMeta) -> Result<()> {
        let name = option_name(&meta.path)?;
        let span = meta.path.span();
        if !meta.input.peek(syn::Token![=]) {
            return Err(meta.error(format_args!(
                "memoize: expected `{name} = {}`",
                value_hint(&name)
            )));
        }
        match name.as_str() {
            "maxsize" => set(&mut written.maxsize, &name, span, parse_maxsize(meta)?),
            "policy" => set(&mut written.policy, &name, span, parse_policy(meta)?),
            "crate" => set(&mut written.krate, &name, span, parse_crate(meta)?),
            _ => unreachable!("option_name accepts only known options"),
        }
    }

    fn resolve(written: Written) -> Result<Self> {
        let krate = match written.krate {
            Some(given) => given.value,
            None => parse_quote!(::memo),
        };
        let maxsize = written.maxsize.map(|given| given.value);
        let cache = match (maxsize, written.policy) {
            (Some(MaxSize::Unbounded), Some(policy)) => {
                return Err(Error::new(
                    policy.span,
                    "memoize: `policy` has no effect on an unbounded cache (`maxsize = None`)",
                ));
            }
            (Some(MaxSize::Unbounded), None) => CacheKind::Unbounded,
            (maxsize, policy) => CacheKind::Bounded {
                maxsize: match maxsize {
                    Some(MaxSize::Bounded(expr)) => expr,
                    _ => {
                        let default = proc_macro2::Literal::usize_unsuffixed(DEFAULT_MAXSIZE);
                        parse_quote!(#default)
                    }
                },
                policy: policy.map_or(Policy::Lru, |given| given.value),
            },
        };
        Ok(Options { cache, krate })
    }
}

/// The name of an option, or an error listing the known ones.
fn option_name(path: &Path) -> Result<String> {
    let name = path.to_token_stream().to_string().replace(' ', "");
    if OPTIONS.contains(&name.as_str()) {
        return Ok(name);
    }
    let expected = OPTIONS
        .iter()
        .map(|option| format!("`{option}`"))
        .collect::<Vec<_>>()
        .join(", ");
    Err(Error::new_spanned(
        path,
        format_args!("memoize: unknown option `{name}`; expected one of {expected}"),
    ))
}

/// What the value of an option looks like, for errors.
fn value_hint(name: &str) -> &'static str {
    match name {
        "maxsize" => "<integer or None>",
        "policy" => "lru | fifo",
        "crate" => "<path>",
        _ => "...",
    }
}

/// Records an option, rejecting a second occurrence.
fn set<T>(slot: &mut Option<Given<T>>, name: &str, span: Span, value: T) -> Result<()> {
    if slot.is_some() {
        return Err(Error::new(
            span,
            format_args!("memoize: duplicate option `{name}`"),
        ));
    }
    *slot = Some(Given { span, value });
    Ok(())
}

/// `maxsize = <integer>`, `maxsize = None`, or `maxsize = <constant usize expression>`.
fn parse_maxsize(meta: &ParseNestedMeta) -> Result<MaxSize> {
    let expr: Expr = meta.value()?.parse()?;
    match &expr {
        Expr::Path(ExprPath {
            qself: None, path, ..
        }) if path.is_ident("None") => Ok(MaxSize::Unbounded),
        Expr::Lit(ExprLit {
            lit: Lit::Int(int), ..
        }) => {
            if !matches!(int.suffix(), "" | "usize") {
                return Err(Error::new_spanned(
                    int,
                    "memoize: `maxsize` is a `usize`; remove the suffix",
                ));
            }
            if int.base10_parse::<usize>().is_err() {
                return Err(Error::new_spanned(
                    int,
                    "memoize: `maxsize` is too large for a `usize`; use `maxsize = None` for no \
                     bound",
                ));
            }
            Ok(MaxSize::Bounded(expr))
        }
        Expr::Lit(ExprLit {
            lit: Lit::Str(_), ..
        }) => Err(Error::new_spanned(
            &expr,
            "memoize: `maxsize` takes an integer or `None`, not a string: write `maxsize = 128`",
        )),
        Expr::Lit(_) => Err(Error::new_spanned(
            &expr,
            "memoize: `maxsize` must be an integer or `None`",
        )),
        Expr::Unary(ExprUnary {
            op: UnOp::Neg(_), ..
        }) => Err(Error::new_spanned(
            &expr,
            "memoize: `maxsize` cannot be negative; `maxsize = 0` caches nothing",
        )),
        // Any other expression is a constant of type `usize`, checked by the compiler.
        _ => Ok(MaxSize::Bounded(expr)),
    }
}

/// `policy = lru` or `policy = fifo`.
fn parse_policy(meta: &ParseNestedMeta) -> Result<Policy> {
    let expr: Expr = meta.value()?.parse()?;
    if let Expr::Path(ExprPath {
        qself: None, path, ..
    }) = &expr
    {
        if path.is_ident("lru") {
            return Ok(Policy::Lru);
        }
        if path.is_ident("fifo") {
            return Ok(Policy::Fifo);
        }
    }
    let hint = match &expr {
        Expr::Lit(ExprLit {
            lit: Lit::Str(_), ..
        }) => ", without quotes",
        _ => "",
    };
    Err(Error::new_spanned(
        &expr,
        format_args!("memoize: expected `policy = lru` or `policy = fifo`{hint}"),
    ))
}

/// `crate = path`, as serde's `crate` but with a path instead of a string.
fn parse_crate(meta: &ParseNestedMeta) -> Result<Path> {
    let input = meta.value()?;
    if input.peek(syn::LitStr) {
        let lit: syn::LitStr = input.parse()?;
        return Err(Error::new_spanned(
            &lit,
            format_args!(
                "memoize: `crate` takes a path, not a string: write `crate = {}`",
                lit.value()
            ),
        ));
    }
    input.call(Path::parse_mod_style)
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    fn parse(args: TokenStream) -> Result<Options> {
        Options::parse(args)
    }

    fn error(args: TokenStream) -> String {
        match parse(args) {
            Ok(_) => panic!("expected an error"),
            Err(error) => error.to_string(),
        }
    }

    fn bounded(options: &Options) -> (String, Policy) {
        match &options.cache {
            CacheKind::Bounded { maxsize, policy } => {
                (maxsize.to_token_stream().to_string(), *policy)
            }
            CacheKind::Unbounded => panic!("expected a bounded cache"),
        }
    }

    #[test]
    fn defaults_are_pythons() {
        let options = parse(quote!()).unwrap();
        assert_eq!(bounded(&options), ("128".to_owned(), Policy::Lru));
        assert_eq!(options.krate.to_token_stream().to_string(), ":: memo");
    }

    #[test]
    fn parses_every_option() {
        let options = parse(quote!(maxsize = 0, policy = fifo, crate = crate::renamed)).unwrap();
        assert_eq!(bounded(&options), ("0".to_owned(), Policy::Fifo));
        assert_eq!(
            options.krate.to_token_stream().to_string(),
            "crate :: renamed"
        );
        let options = parse(quote!(policy = lru, maxsize = SIZE * 2,)).unwrap();
        assert_eq!(bounded(&options), ("SIZE * 2".to_owned(), Policy::Lru));
        let options = parse(quote!(maxsize = None)).unwrap();
        assert!(matches!(options.cache, CacheKind::Unbounded));
    }

    #[test]
    fn rejects_bad_options() {
        assert_eq!(
            error(quote!(size = 1)),
            "memoize: unknown option `size`; expected one of `maxsize`, `policy`, `crate`"
        );
        assert_eq!(
            error(quote!(maxsize = 1, maxsize = 2)),
            "memoize: duplicate option `maxsize`"
        );
        assert_eq!(
            error(quote!(maxsize)),
            "memoize: expected `maxsize = <integer or None>`"
        );
        assert_eq!(
            error(quote!(maxsize = None, policy = lru)),
            "memoize: `policy` has no effect on an unbounded cache (`maxsize = None`)"
        );
        assert_eq!(
            error(quote!(maxsize = -1)),
            "memoize: `maxsize` cannot be negative; `maxsize = 0` caches nothing"
        );
        assert_eq!(
            error(quote!(maxsize = 1u32)),
            "memoize: `maxsize` is a `usize`; remove the suffix"
        );
        assert_eq!(
            error(quote!(policy = "fifo")),
            "memoize: expected `policy = lru` or `policy = fifo`, without quotes"
        );
        assert_eq!(
            error(quote!(crate = "memo")),
            "memoize: `crate` takes a path, not a string: write `crate = memo`"
        );
    }
}
