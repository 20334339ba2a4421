//! The arguments of `#[memoize(...)]`, parsed into [`Options`].
//!
//! Every option is `name = value` with a real token value (`maxsize = 128`, `policy = fifo`,
//! `ttl = Duration::from_secs(30)`, `ignore = [conn]`, `crate = ::memo`), never a string. An
//! option may be given once. Adding an option means a field in [`Written`] (as written) and in
//! [`Options`] (as used), a parser in [`Options::parse_option`], a name and a value hint in
//! [`OPTIONS`], and its checks against the other options in `Options::resolve`.
//!
//! What can be checked without the function (conflicting options, an empty `ignore`) is
//! checked here; what needs its signature (does `ignore` name an argument, does `cache_err`
//! meet a `Result`) is checked by [`crate::signature`].

use proc_macro2::{Literal, Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;
use syn::visit_mut::{self, VisitMut};
use syn::{
    Error, Expr, ExprLit, ExprPath, ExprUnary, Ident, Lit, Path, Result, Stmt, Token, Type, UnOp,
    parse_quote,
};

/// The option names, in the order the documentation lists them, with what their values
/// look like (for errors).
const OPTIONS: &[(&str, &str)] = &[
    ("maxsize", "<integer or None>"),
    ("policy", "lru | fifo"),
    ("ttl", "<Duration>"),
    ("clock", "<Clock expression>"),
    ("key", "<expression over the arguments>"),
    ("key_type", "<Type>"),
    ("ignore", "[argument, ...]"),
    ("cache_err", "true | false"),
    ("scope", "global | thread"),
    ("crate", "<path>"),
];

/// Python's default `maxsize`.
const DEFAULT_MAXSIZE: usize = 128;

/// What `#[memoize(...)]` asked for, defaults filled in.
pub(crate) struct Options {
    /// The kind and size of the cache.
    pub(crate) cache: CacheKind,
    /// `ttl = <Duration expression>`, with its `clock`.
    pub(crate) ttl: Option<Ttl>,
    /// What the key is made of.
    pub(crate) key: KeyOption,
    /// `cache_err = true | false`, with the span of its name: whether a `Result`'s errors
    /// are cached too.
    pub(crate) cache_err: Option<(bool, Span)>,
    /// `scope = global | thread`.
    pub(crate) scope: Scope,
    /// Where the runtime is: `::memo` unless `crate = path` says otherwise.
    pub(crate) krate: Path,
    /// For a `maxsize` that is an expression rather than a literal, the first option that
    /// would be meaningless if it were 0 (`ttl`, `clock`, `policy`, `cache_err`): its span
    /// and the message of the literal case, which the expansion asserts when the constant
    /// is evaluated.
    pub(crate) nonzero_maxsize: Option<(Span, &'static str)>,
}

/// How long an entry is served, and by which clock.
pub(crate) struct Ttl {
    /// `ttl = <Duration expression>`.
    pub(crate) duration: Expr,
    /// `clock = <expression>`: what the entries expire by, in place of the `AutoClock` for
    /// the ttl (a `ManualClock` in tests).
    pub(crate) clock: Option<Expr>,
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

/// Who shares the cache.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scope {
    /// All threads, behind a lock (`scope = global`, the default).
    Global,
    /// Each thread has its own (`scope = thread`).
    Thread,
}

/// What the key is made of, as written.
pub(crate) enum KeyOption {
    /// Every argument (the default).
    All,
    /// `ignore = [a, b]`: every argument but these, each with the span where it is named.
    Ignore(Vec<Ident>),
    /// `key = <expression>`, with `key_type = <Type>` if given.
    Expr {
        expr: Box<Expr>,
        ty: Option<Box<Type>>,
    },
}

/// The value of `maxsize`.
enum MaxSize {
    Bounded(Expr),
    Unbounded,
}

/// An option as written: its value, the span of its name for errors, and its position
/// among the options.
struct Given<T> {
    span: Span,
    position: usize,
    value: T,
}

/// The options as written, before defaults and cross-checks.
#[derive(Default)]
struct Written {
    count: usize,
    maxsize: Option<Given<MaxSize>>,
    policy: Option<Given<Policy>>,
    ttl: Option<Given<Expr>>,
    clock: Option<Given<Expr>>,
    key: Option<Given<Expr>>,
    key_type: Option<Given<Type>>,
    ignore: Option<Given<Vec<Ident>>>,
    cache_err: Option<Given<bool>>,
    scope: Option<Given<Scope>>,
    krate: Option<Given<Path>>,
}

impl Options {
    /// Parses the tokens inside `#[memoize(...)]`.
    pub(crate) fn parse(args: TokenStream) -> Result<Self> {
        let mut written = Written::default();
        let parser = syn::meta::parser(|meta| Self::parse_option(&mut written, &meta));
        if let Err(error) = syn::parse::Parser::parse2(parser, args.clone()) {
            // Only what does not parse is looked at for a positional literal: a value may
            // hold one after a comma that nothing groups (`key_type = M<u8, 2, 3>`).
            return Err(match positional_literal(&args) {
                Some(literal) => Error::new(literal.span(), positional_message(&literal)),
                None => named(error),
            });
        }
        Self::resolve(written)
    }

    fn parse_option(written: &mut Written, meta: &ParseNestedMeta) -> Result<()> {
        let (name, hint) = option(&meta.path)?;
        let span = meta.path.span();
        let after_equals = meta.input.fork();
        if after_equals.parse::<Token![=]>().is_err()
            || after_equals.is_empty()
            || after_equals.peek(Token![,])
        {
            return Err(meta.error(format_args!("memoize: expected `{name} = {hint}`")));
        }
        written.count += 1;
        let position = written.count;
        let at = (span, position);
        match name.as_str() {
            "maxsize" => set(&mut written.maxsize, &name, at, parse_maxsize(meta)?),
            "policy" => set(&mut written.policy, &name, at, parse_policy(meta)?),
            "ttl" => set(&mut written.ttl, &name, at, parse_value(meta)?),
            "clock" => set(&mut written.clock, &name, at, parse_clock(meta)?),
            "key" => set(&mut written.key, &name, at, parse_value(meta)?),
            "key_type" => set(&mut written.key_type, &name, at, meta.value()?.parse()?),
            "ignore" => set(&mut written.ignore, &name, at, parse_ignore(meta)?),
            "cache_err" => set(&mut written.cache_err, &name, at, parse_bool(meta, &name)?),
            "scope" => set(&mut written.scope, &name, at, parse_scope(meta)?),
            "crate" => set(&mut written.krate, &name, at, parse_crate(meta)?),
            _ => unreachable!("`option` accepts only known options"),
        }?;
        if !meta.input.is_empty() && !meta.input.peek(Token![,]) {
            return Err(meta.input.error(format_args!(
                "memoize: expected `,` after the value of `{name}`"
            )));
        }
        Ok(())
    }

    fn resolve(written: Written) -> Result<Self> {
        let Written {
            count: _,
            maxsize,
            policy,
            ttl,
            clock,
            key,
            key_type,
            ignore,
            cache_err,
            scope,
            krate,
        } = written;
        let krate = krate.map_or_else(default_crate, |given| given.value);
        let policy_span = policy.as_ref().map(|given| given.span);
        let cache = match (maxsize.map(|given| given.value), policy) {
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
        // The options that a `maxsize` of 0 makes meaningless, in the order they are reported.
        let needs_nonzero = [
            ttl.as_ref().map(|given| (given.span, NO_EFFECT_TTL)),
            clock.as_ref().map(|given| (given.span, NO_EFFECT_CLOCK)),
            policy_span.map(|span| (span, NO_EFFECT_POLICY)),
            cache_err
                .as_ref()
                .map(|given| (given.span, NO_EFFECT_CACHE_ERR)),
        ]
        .into_iter()
        .flatten()
        .next();
        let mut nonzero_maxsize = None;
        if let CacheKind::Bounded { maxsize, .. } = &cache
            && let Some((span, message)) = needs_nonzero
        {
            if is_zero(maxsize) {
                return Err(Error::new(span, message));
            }
            if !matches!(maxsize, Expr::Lit(_)) {
                nonzero_maxsize = Some((span, message));
            }
        }
        let ttl = match (ttl, clock) {
            (Some(ttl), clock) => Some(Ttl {
                duration: ttl.value,
                clock: clock.map(|given| given.value),
            }),
            (None, Some(clock)) => {
                return Err(Error::new(
                    clock.span,
                    "memoize: `clock` is what the entries of a `ttl` expire by, and there is no \
                     `ttl`: add one (`ttl = Duration::from_secs(60)`), or remove `clock`",
                ));
            }
            (None, None) => None,
        };
        let key = match (key, ignore, key_type) {
            (Some(key), Some(ignore), _) => {
                let second = if key.position > ignore.position {
                    key.span
                } else {
                    ignore.span
                };
                return Err(Error::new(
                    second,
                    "memoize: `key` and `ignore` cannot be combined: `key` says what the key \
                     is, so leave out of it what `ignore` would",
                ));
            }
            (None, _, Some(key_type)) => {
                return Err(Error::new(
                    key_type.span,
                    "memoize: `key_type` is the type of a `key = <expression>`, which is \
                     missing",
                ));
            }
            (Some(key), None, key_type) => KeyOption::Expr {
                expr: Box::new(key.value),
                ty: key_type.map(|given| Box::new(given.value)),
            },
            (None, Some(ignore), None) => KeyOption::Ignore(ignore.value),
            (None, None, None) => KeyOption::All,
        };
        Ok(Options {
            cache,
            ttl,
            key,
            cache_err: cache_err.map(|given| (given.value, given.span)),
            scope: scope.map_or(Scope::Global, |given| given.value),
            krate,
            nonzero_maxsize,
        })
    }
}

const NO_EFFECT_TTL: &str = "memoize: `ttl` has no effect with `maxsize = 0`, which caches nothing";
const NO_EFFECT_CLOCK: &str =
    "memoize: `clock` has no effect with `maxsize = 0`, which caches nothing";
const NO_EFFECT_POLICY: &str =
    "memoize: `policy` has no effect with `maxsize = 0`, which caches nothing";
const NO_EFFECT_CACHE_ERR: &str =
    "memoize: `cache_err` has no effect with `maxsize = 0`, which caches nothing";

/// `error` with each of its messages starting with `memoize:`, as the attribute's own do:
/// syn's (`expected an expression`) name no attribute.
fn named(error: Error) -> Error {
    (&error)
        .into_iter()
        .map(|error| match error.to_string() {
            message if message.starts_with("memoize:") => error,
            message => Error::new(error.span(), format_args!("memoize: {message}")),
        })
        .reduce(|mut all, error| {
            all.combine(error);
            all
        })
        .unwrap_or(error)
}

/// Whether `maxsize` is written as `0`.
fn is_zero(maxsize: &Expr) -> bool {
    matches!(maxsize, Expr::Lit(ExprLit { lit: Lit::Int(int), .. })
        if int.base10_parse::<usize>().is_ok_and(|n| n == 0))
}

/// The name of an option and what its value looks like, or an error listing the known
/// options.
fn option(path: &Path) -> Result<(String, &'static str)> {
    let name = path.to_token_stream().to_string().replace(' ', "");
    if let Some(&(_, hint)) = OPTIONS.iter().find(|(option, _)| *option == name) {
        return Ok((name, hint));
    }
    let expected = OPTIONS
        .iter()
        .map(|(option, _)| format!("`{option}`"))
        .collect::<Vec<_>>()
        .join(", ");
    Err(Error::new_spanned(
        path,
        format_args!("memoize: unknown option `{name}`; expected one of {expected}"),
    ))
}

/// Records an option, rejecting a second occurrence.
fn set<T>(
    slot: &mut Option<Given<T>>,
    name: &str,
    (span, position): (Span, usize),
    value: T,
) -> Result<()> {
    if slot.is_some() {
        return Err(Error::new(
            span,
            format_args!("memoize: `{name}` is given twice; keep one"),
        ));
    }
    *slot = Some(Given {
        span,
        position,
        value,
    });
    Ok(())
}

/// The expression after `name =`, out of what only groups it (see [`ungrouped`]).
fn parse_value(meta: &ParseNestedMeta) -> Result<Expr> {
    Ok(ungrouped(meta.value()?.parse()?))
}

/// `expr` out of what only groups it: the invisible groups that a `macro_rules!` fragment
/// (`$m:expr`, `$m:literal`) is passed in, parentheses, and braces around an expression
/// alone. So `0` or `None` handed down by a macro, or written `(0)`, is read as if written
/// bare, and checked as such; and the expansion, which puts the value in a `let` or a
/// `const` block, draws no `unused_parens` or `unused_braces` on the user's tokens about a
/// `let` or a block they did not write.
fn ungrouped(expr: Expr) -> Expr {
    match expr {
        Expr::Group(group) if group.attrs.is_empty() => ungrouped(*group.expr),
        Expr::Paren(paren) if paren.attrs.is_empty() => ungrouped(*paren.expr),
        Expr::Block(block)
            if block.attrs.is_empty()
                && block.label.is_none()
                && matches!(block.block.stmts[..], [Stmt::Expr(_, None)]) =>
        {
            match block.block.stmts.into_iter().next() {
                Some(Stmt::Expr(expr, None)) => ungrouped(expr),
                _ => unreachable!("matched as one expression"),
            }
        }
        expr => expr,
    }
}

/// `maxsize = <integer>`, `maxsize = None`, or `maxsize = <constant usize expression>`.
fn parse_maxsize(meta: &ParseNestedMeta) -> Result<MaxSize> {
    let expr = parse_value(meta)?;
    match &expr {
        Expr::Path(ExprPath {
            qself: None, path, ..
        }) if path.is_ident("None") => Ok(MaxSize::Unbounded),
        // Written as the `policy` words are; no constant is named so.
        Expr::Path(ExprPath {
            qself: None, path, ..
        }) if path.is_ident("none") => Err(Error::new_spanned(
            &expr,
            "memoize: no bound is written `maxsize = None`, capitalized",
        )),
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
            "memoize: `maxsize` takes an integer or `None`: write `maxsize = 128`, or \
             `maxsize = None` for no bound",
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

/// One of the plain words `choices` (`policy = lru`), with a hint when it is quoted.
fn parse_word<T: Copy>(meta: &ParseNestedMeta, name: &str, choices: &[(&str, T)]) -> Result<T> {
    let expr = parse_value(meta)?;
    if let Expr::Path(ExprPath {
        qself: None, path, ..
    }) = &expr
    {
        for (word, value) in choices {
            if path.is_ident(word) {
                return Ok(*value);
            }
        }
    }
    let hint = quoted_hint(&expr);
    let expected = choices
        .iter()
        .map(|(word, _)| format!("`{name} = {word}`"))
        .collect::<Vec<_>>()
        .join(" or ");
    Err(Error::new_spanned(
        &expr,
        format_args!("memoize: expected {expected}{hint}"),
    ))
}

/// The advice for a value written as a string (`policy = "fifo"`): options take tokens.
fn quoted_hint(expr: &Expr) -> &'static str {
    match expr {
        Expr::Lit(ExprLit {
            lit: Lit::Str(_), ..
        }) => ", without quotes",
        _ => "",
    }
}

/// `policy = lru` or `policy = fifo`.
fn parse_policy(meta: &ParseNestedMeta) -> Result<Policy> {
    parse_word(
        meta,
        "policy",
        &[("lru", Policy::Lru), ("fifo", Policy::Fifo)],
    )
}

/// `scope = global` or `scope = thread`.
fn parse_scope(meta: &ParseNestedMeta) -> Result<Scope> {
    parse_word(
        meta,
        "scope",
        &[("global", Scope::Global), ("thread", Scope::Thread)],
    )
}

/// `name = true` or `name = false`.
fn parse_bool(meta: &ParseNestedMeta, name: &str) -> Result<bool> {
    let expr = parse_value(meta)?;
    match &expr {
        Expr::Lit(ExprLit {
            lit: Lit::Bool(value),
            ..
        }) => Ok(value.value),
        _ => {
            let hint = quoted_hint(&expr);
            Err(Error::new_spanned(
                &expr,
                format_args!("memoize: expected `{name} = true` or `{name} = false`{hint}"),
            ))
        }
    }
}

/// A literal that is a whole option (`#[memoize(128)]`, Python's `@lru_cache(128)`), in
/// options that did not parse: options are `name = value`, and syn's own error would not
/// say so. Only a literal alone between commas: one inside a value is the value's
/// (`key_type = ArrayVec<u8, 16>`, whose `<` and `>` group nothing).
fn positional_literal(args: &TokenStream) -> Option<Literal> {
    let tokens: Vec<TokenTree> = args.clone().into_iter().collect();
    tokens
        .split(|token| matches!(token, TokenTree::Punct(punct) if punct.as_char() == ','))
        .find_map(|option| match option {
            [TokenTree::Literal(literal)] => Some(literal.clone()),
            _ => None,
        })
}

/// What [`positional_literal`] tells: an integer was meant as the maxsize.
fn positional_message(literal: &Literal) -> String {
    let text = literal.to_string();
    if text.starts_with(|c: char| c.is_ascii_digit()) {
        format!("memoize: options are written `name = value`: write `maxsize = {text}`")
    } else {
        format!("memoize: options are written `name = value`, not as a literal such as `{text}`")
    }
}

/// `ignore = [a, b, self]`: at least one name, each once.
fn parse_ignore(meta: &ParseNestedMeta) -> Result<Vec<Ident>> {
    let input = meta.value()?;
    if !input.peek(syn::token::Bracket) {
        let found: Expr = input.parse()?;
        return Err(Error::new_spanned(
            found,
            "memoize: expected `ignore = [argument, ...]`, with brackets",
        ));
    }
    let content;
    let brackets = syn::bracketed!(content in input);
    let not_a_name = |error: Error| {
        Error::new(
            error.span(),
            "memoize: `ignore` lists argument names, as in `ignore = [conn, self]`",
        )
    };
    let mut names = Vec::new();
    while !content.is_empty() {
        names.push(Ident::parse_any(&content).map_err(not_a_name)?);
        if !content.is_empty() {
            content.parse::<Token![,]>().map_err(not_a_name)?;
        }
    }
    if names.is_empty() {
        return Err(Error::new(
            brackets.span.join(),
            "memoize: `ignore` lists no argument; remove it to key on every argument",
        ));
    }
    let mut seen: Vec<Ident> = Vec::new();
    for name in names {
        if seen.iter().any(|seen| seen.unraw() == name.unraw()) {
            return Err(Error::new_spanned(
                &name,
                format_args!("memoize: `{name}` is ignored twice"),
            ));
        }
        seen.push(name);
    }
    Ok(seen)
}

/// `clock = <expression>`, which must not use `self`: the clock is made when the cache is
/// built, where there is none. (An argument named in it is rustc's "cannot find value", at
/// the name; `self` would draw a suggestion to add a `self` parameter.)
fn parse_clock(meta: &ParseNestedMeta) -> Result<Expr> {
    struct FindSelf(Option<Span>);

    impl VisitMut for FindSelf {
        fn visit_expr_path_mut(&mut self, expr: &mut ExprPath) {
            if expr.qself.is_none() && expr.path.is_ident("self") && self.0.is_none() {
                self.0 = Some(expr.path.span());
            }
            visit_mut::visit_expr_path_mut(self, expr);
        }
    }

    let expr = parse_value(meta)?;
    let mut find = FindSelf(None);
    // On a copy, with `VisitMut`: syn is built with `visit-mut` (which the expansion needs)
    // and not `visit`.
    find.visit_expr_mut(&mut expr.clone());
    match find.0 {
        Some(span) => Err(Error::new(
            span,
            "memoize: `clock` is made when the cache is built, not at each call: it cannot use \
             `self` or the arguments",
        )),
        None => Ok(expr),
    }
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

/// The `crate = path` of options that failed to parse, read alone, for the stand-in
/// companions: `::memo` when it is not given, `None` when it cannot be read.
pub(crate) fn crate_path(args: TokenStream) -> Option<Path> {
    let tokens: Vec<TokenTree> = args.into_iter().collect();
    let is_punct =
        |token: &TokenTree, c: char| matches!(token, TokenTree::Punct(p) if p.as_char() == c);
    // A comma between angle brackets (`key_type = M<u8, 2>`) splits a value too, but leaves
    // no part that starts with `crate =`.
    let given = tokens.split(|token| is_punct(token, ',')).find(|option| {
        matches!(option, [TokenTree::Ident(name), eq, ..] if name == "crate" && is_punct(eq, '='))
    });
    let Some(option) = given else {
        return Some(default_crate());
    };
    let mut krate = None;
    let read = syn::meta::parser(|meta| {
        krate = Some(parse_crate(&meta)?);
        Ok(())
    });
    syn::parse::Parser::parse2(read, option.iter().cloned().collect()).ok()?;
    krate
}

/// Where the runtime is when `crate = path` is not given.
fn default_crate() -> Path {
    parse_quote!(::memo)
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

    fn string(tokens: impl ToTokens) -> String {
        tokens.to_token_stream().to_string()
    }

    #[test]
    fn the_crate_path_is_read_alone_from_options_that_fail() {
        let path = |args: TokenStream| crate_path(args).map(|path| string(&path));
        assert_eq!(path(quote!(maxsize = -1)).as_deref(), Some(":: memo"));
        assert_eq!(
            path(quote!(key_type = M<u8, 2>, crate = my::memo, policy = random)).as_deref(),
            Some("my :: memo")
        );
        assert_eq!(path(quote!(crate = "memo")), None);
    }

    #[test]
    fn a_constant_maxsize_is_checked_for_zero_where_it_is_evaluated() {
        let message = |args| {
            parse(args)
                .unwrap()
                .nonzero_maxsize
                .map(|(_, message)| message)
        };
        assert_eq!(
            message(quote!(maxsize = ZERO, ttl = Duration::from_secs(1))),
            Some(NO_EFFECT_TTL)
        );
        assert_eq!(
            message(quote!(cache_err = false, maxsize = N * 2)),
            Some(NO_EFFECT_CACHE_ERR)
        );
        // The first in the order a literal 0 reports them.
        assert_eq!(
            message(quote!(policy = fifo, maxsize = N, clock = C, ttl = T)),
            Some(NO_EFFECT_TTL)
        );
        assert_eq!(
            message(quote!(maxsize = N, policy = lru)),
            Some(NO_EFFECT_POLICY)
        );
        // Nothing to check: no option needs it, or a literal, or no bound.
        assert_eq!(message(quote!(maxsize = N)), None);
        assert_eq!(message(quote!(maxsize = 3, ttl = T)), None);
        assert_eq!(message(quote!(maxsize = None, ttl = T)), None);
        assert_eq!(message(quote!(ttl = T)), None);
    }

    #[test]
    fn only_a_literal_zero_is_zero() {
        assert!(is_zero(&parse_quote!(0)));
        assert!(is_zero(&parse_quote!(0usize)));
        assert!(is_zero(&parse_quote!(0x0)));
        assert!(!is_zero(&parse_quote!(1)));
        // Not a literal: the constant's value is for the compiler to see.
        assert!(!is_zero(&parse_quote!(NONE)));
        assert!(!is_zero(&parse_quote!((0))));
    }

    #[test]
    fn defaults_are_pythons() {
        let options = parse(quote!()).unwrap();
        assert_eq!(bounded(&options), ("128".to_owned(), Policy::Lru));
        assert_eq!(string(&options.krate), ":: memo");
        assert!(options.ttl.is_none());
        assert!(matches!(options.key, KeyOption::All));
        assert!(options.cache_err.is_none());
        assert_eq!(options.scope, Scope::Global);
    }

    #[test]
    fn parses_every_option() {
        let options = parse(quote!(maxsize = 1, policy = fifo, crate = crate::renamed)).unwrap();
        assert_eq!(bounded(&options), ("1".to_owned(), Policy::Fifo));
        assert_eq!(string(&options.krate), "crate :: renamed");
        let options = parse(quote!(policy = lru, maxsize = SIZE * 2,)).unwrap();
        assert_eq!(bounded(&options), ("SIZE * 2".to_owned(), Policy::Lru));
        let options = parse(quote!(maxsize = None)).unwrap();
        assert!(matches!(options.cache, CacheKind::Unbounded));

        let options = parse(quote!(
            ttl = Duration::from_secs(30),
            clock = CLOCK.clone(),
            scope = thread,
            cache_err = true,
            ignore = [conn, self],
        ))
        .unwrap();
        let ttl = options.ttl.unwrap();
        assert_eq!(string(ttl.duration), "Duration :: from_secs (30)");
        assert_eq!(string(ttl.clock), "CLOCK . clone ()");
        assert_eq!(options.scope, Scope::Thread);
        assert!(matches!(options.cache_err, Some((true, _))));
        let KeyOption::Ignore(ignored) = &options.key else {
            panic!("expected ignore")
        };
        assert_eq!(string(quote!(#(#ignored)*)), "conn self");

        let options = parse(quote!(key = name.to_lowercase(), key_type = String)).unwrap();
        let KeyOption::Expr { expr, ty } = &options.key else {
            panic!("expected a key expression")
        };
        assert_eq!(string(expr), "name . to_lowercase ()");
        assert_eq!(string(ty), "String");
        let options = parse(quote!(key = (a, b), scope = global, cache_err = false)).unwrap();
        assert!(matches!(options.key, KeyOption::Expr { ty: None, .. }));
        assert_eq!(options.scope, Scope::Global);
        assert!(matches!(options.cache_err, Some((false, _))));
    }

    #[test]
    fn rejects_positional_literals() {
        assert_eq!(
            error(quote!(128)),
            "memoize: options are written `name = value`: write `maxsize = 128`"
        );
        assert_eq!(
            error(quote!(ttl = D, 16)),
            "memoize: options are written `name = value`: write `maxsize = 16`"
        );
        assert_eq!(
            error(quote!("lru")),
            "memoize: options are written `name = value`, not as a literal such as `\"lru\"`"
        );
        // A literal inside a value is the value's business, even after a comma that `<>`
        // does not group.
        assert!(parse(quote!(maxsize = 128, ttl = Duration::from_secs(1))).is_ok());
        assert!(parse(quote!(key = mk(x), key_type = ArrayVec<u8, 16>)).is_ok());
        assert!(parse(quote!(key = f::<u8, 3>(x), key_type = u8)).is_ok());
        assert!(parse(quote!(key = mk::<2, 3>(x), key_type = M<u8, 2, 3>)).is_ok());
    }

    #[test]
    fn ignore_lists_names_only() {
        assert_eq!(
            error(quote!(ignore = [&conn])),
            "memoize: `ignore` lists argument names, as in `ignore = [conn, self]`"
        );
        assert_eq!(
            error(quote!(ignore = [conn.pool])),
            "memoize: `ignore` lists argument names, as in `ignore = [conn, self]`"
        );
    }

    #[test]
    fn rejects_bad_options() {
        assert_eq!(
            error(quote!(size = 1)),
            "memoize: unknown option `size`; expected one of `maxsize`, `policy`, `ttl`, \
             `clock`, `key`, `key_type`, `ignore`, `cache_err`, `scope`, `crate`"
        );
        assert_eq!(
            error(quote!(maxsize = 1, maxsize = 2)),
            "memoize: `maxsize` is given twice; keep one"
        );
        assert_eq!(
            error(quote!(ttl = A, scope = thread, ttl = B)),
            "memoize: `ttl` is given twice; keep one"
        );
        assert_eq!(
            error(quote!(maxsize)),
            "memoize: expected `maxsize = <integer or None>`"
        );
        assert_eq!(error(quote!(ttl)), "memoize: expected `ttl = <Duration>`");
        assert_eq!(
            error(quote!(maxsize = None, policy = lru)),
            "memoize: `policy` has no effect on an unbounded cache (`maxsize = None`)"
        );
        assert_eq!(
            error(quote!(maxsize = none)),
            "memoize: no bound is written `maxsize = None`, capitalized"
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
            error(quote!(scope = process)),
            "memoize: expected `scope = global` or `scope = thread`"
        );
        assert_eq!(
            error(quote!(cache_err = 1)),
            "memoize: expected `cache_err = true` or `cache_err = false`"
        );
        assert_eq!(
            error(quote!(crate = "memo")),
            "memoize: `crate` takes a path, not a string: write `crate = memo`"
        );
    }

    #[test]
    fn rejects_conflicting_options() {
        assert_eq!(
            error(quote!(maxsize = 0, ttl = Duration::from_secs(1))),
            "memoize: `ttl` has no effect with `maxsize = 0`, which caches nothing"
        );
        assert_eq!(
            error(quote!(policy = fifo, maxsize = 0)),
            "memoize: `policy` has no effect with `maxsize = 0`, which caches nothing"
        );
        assert_eq!(
            error(quote!(maxsize = 0, cache_err = true)),
            "memoize: `cache_err` has no effect with `maxsize = 0`, which caches nothing"
        );
        assert_eq!(
            error(quote!(clock = ManualClock::new())),
            "memoize: `clock` is what the entries of a `ttl` expire by, and there is no `ttl`: \
             add one (`ttl = Duration::from_secs(60)`), or remove `clock`"
        );
        assert!(parse(quote!(clock = ManualClock::new(), ttl = Duration::ZERO)).is_ok());
        assert!(parse(quote!(clock = self::CLOCK.clone(), ttl = Duration::ZERO)).is_ok());
        assert_eq!(
            error(quote!(ttl = Duration::ZERO, clock = self.clock.clone())),
            "memoize: `clock` is made when the cache is built, not at each call: it cannot use \
             `self` or the arguments"
        );
        assert_eq!(
            error(quote!(maxsize = 0, clock = ManualClock::new())),
            "memoize: `clock` has no effect with `maxsize = 0`, which caches nothing"
        );
        let combined = "memoize: `key` and `ignore` cannot be combined: `key` says what the key \
                        is, so leave out of it what `ignore` would";
        assert_eq!(error(quote!(key = a, ignore = [b])), combined);
        assert_eq!(error(quote!(ignore = [b], key = a)), combined);
        assert_eq!(
            error(quote!(key_type = u32)),
            "memoize: `key_type` is the type of a `key = <expression>`, which is missing"
        );
        assert_eq!(
            error(quote!(ignore = [])),
            "memoize: `ignore` lists no argument; remove it to key on every argument"
        );
        assert_eq!(
            error(quote!(ignore = [a, b, a])),
            "memoize: `a` is ignored twice"
        );
        assert_eq!(
            error(quote!(ignore = a)),
            "memoize: expected `ignore = [argument, ...]`, with brackets"
        );
    }

    #[test]
    fn reads_values_in_the_invisible_groups_of_macro_fragments() {
        // What `maxsize = $m` passes on for a fragment `$m:expr` or `$m:literal`.
        let group = |tokens: TokenStream| {
            proc_macro2::Group::new(proc_macro2::Delimiter::None, tokens).into_token_stream()
        };
        let (zero, none, yes, fifo) = (
            group(quote!(0)),
            group(quote!(None)),
            group(group(quote!(true))),
            group(quote!(fifo)),
        );
        assert_eq!(
            error(quote!(maxsize = #zero, ttl = Duration::from_secs(1))),
            "memoize: `ttl` has no effect with `maxsize = 0`, which caches nothing"
        );
        let options = parse(quote!(maxsize = #none)).unwrap();
        assert!(matches!(options.cache, CacheKind::Unbounded));
        let options = parse(quote!(cache_err = #yes, policy = #fifo)).unwrap();
        assert!(matches!(options.cache_err, Some((true, _))));
        assert_eq!(bounded(&options).1, Policy::Fifo);
    }

    #[test]
    fn reads_values_in_parentheses_and_braces_as_written_bare() {
        assert_eq!(
            error(quote!(maxsize = (0), ttl = Duration::from_secs(1))),
            "memoize: `ttl` has no effect with `maxsize = 0`, which caches nothing"
        );
        let options = parse(quote!(maxsize = { None })).unwrap();
        assert!(matches!(options.cache, CacheKind::Unbounded));
        let options = parse(quote!(maxsize = (N * 2), policy = { fifo }, ttl = (T))).unwrap();
        assert_eq!(bounded(&options), (string(quote!(N * 2)), Policy::Fifo));
        assert_eq!(
            options.ttl.as_ref().map(|ttl| string(&ttl.duration)),
            Some(string(quote!(T)))
        );
        let key = |options: &Options| match &options.key {
            KeyOption::Expr { expr, .. } => string(expr),
            _ => panic!("expected a key expression"),
        };
        assert_eq!(key(&parse(quote!(key = (n / 2))).unwrap()), "n / 2");
        // Braces around statements are a block, kept.
        let options = parse(quote!(
            key = {
                let k = n;
                k
            },
            key_type = u32
        ))
        .unwrap();
        assert_eq!(
            key(&options),
            string(quote!({
                let k = n;
                k
            }))
        );
    }

    #[test]
    fn syntax_errors_name_memoize() {
        assert_eq!(
            error(quote!(key =)),
            "memoize: expected `key = <expression over the arguments>`"
        );
        assert_eq!(
            error(quote!(key = , maxsize = 2)),
            "memoize: expected `key = <expression over the arguments>`"
        );
        assert_eq!(
            error(quote!(maxsize = 4 ttl = T)),
            "memoize: expected `,` after the value of `maxsize`"
        );
        assert_eq!(
            error(quote!(maxsize = 4;)),
            "memoize: expected `,` after the value of `maxsize`"
        );
        assert_eq!(error(quote!(key = +)), "memoize: expected an expression");
    }
}
