//! [`import_pattern_names`]: the names in a function's patterns that may mean an item, made
//! to resolve where its body moves to, or fail to compile there.
//!
//! A name alone in a pattern (`match x { LIMIT => .. }`) is a constant, unit struct or unit
//! variant when one of that name is in scope, and otherwise binds a new variable, which
//! matches anything. The body of a free function moves into its module, which sees the
//! items of the enclosing module but not those of a block: for a function declared in a
//! `#[test]`, a constant declared beside it would become a catch-all binding, silently
//! (rustc only warns that the binding is not snake case, and that later arms are
//! unreachable). So each such name gets, at the head of the block of the body that holds
//! the pattern, an import `use LIMIT as _;` spanned by the name: it resolves what the
//! pattern resolves there, and where nothing of that name is in scope, it is rustc's
//! "unresolved import" at the user's token.
//!
//! An import rather than an expression `&LIMIT`: an expression needs its type inferred, and
//! that of `None`, or of the unit variant of any generic enum, is not. In that block rather
//! than in the module: the block sees the items and imports declared in the body and in the
//! blocks around the pattern (`use Color::*;` in the body), as the pattern does.
//!
//! Only the names that could be a path: not `ref`, `mut` or `x @ ..` (always bindings),
//! starting with an uppercase letter (a constant, a type or a variant, as Rust names them)
//! and not `Self`; a shorthand field `S { X }` is one too. Only in refutable
//! patterns (a `match` arm, `if let`, `while let`, a let chain, `let .. else`), where a
//! catch-all binding compiles: a plain `let`, a `for`, a closure's parameters may bind an
//! uppercase name, as `let N = 5;` does (a constant there would be a refutable pattern, an
//! error; a unit struct of the block, `let Unit = x;`, is left unchecked). A variable named
//! in uppercase in a refutable pattern is reported too, for looking like an item: a snake
//! case name compiles.
//!
//! Not checked, where an import would be ambiguous although the pattern is not (rustc
//! rejects a name brought by a glob in an import when an outer scope has it too, and the
//! module sees the enclosing module's items through the glob `use super::*`): the names of
//! the preludes (`None`, `Default`, `String`, which a user's variants may be named), and
//! every name of a body that imports with a glob itself. Nor is a pattern under a
//! `#[cfg_attr]`, whose expansion is not known here.
//!
//! Not walked: the items declared in the body (their own scope, and a memoized function
//! among them checks its own), and the tokens of macros other than `matches!`, whose
//! pattern is read; a macro whose arguments parse as expressions has those walked, for a
//! `matches!` in an `assert!`. A `#[cfg]` on an arm, a statement or an expression between
//! the block and the pattern is copied onto the import, which then exists exactly when the
//! pattern does.

use std::mem;

use proc_macro2::Span;
use quote::{quote, quote_spanned};
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::punctuated::Punctuated;
use syn::visit_mut::{self, VisitMut};
use syn::{
    Arm, Attribute, Block, Expr, FieldPat, FieldValue, Ident, Item, Local, LocalInit, Macro, Pat,
    PatIdent, Stmt, StmtMacro, Token,
};

/// `block`, with an import of each name of its patterns that could be an item at the head
/// of the block that holds the pattern.
pub(super) fn import_pattern_names(mut block: Block) -> Block {
    if !has_glob_import(&mut block) {
        Walk::default().visit_block_mut(&mut block);
    }
    block
}

/// Whether the body imports with a glob (`use Enum::*;`) anywhere: a name it brings would be
/// ambiguous in an import (a glob's name against an outer scope's, which rustc rejects in
/// `use` but not in a pattern), so such a body is not checked. `&mut` for `VisitMut`, the
/// visitor the crate's `syn` features provide; nothing is changed.
fn has_glob_import(block: &mut Block) -> bool {
    struct Globs(bool);

    impl VisitMut for Globs {
        fn visit_use_glob_mut(&mut self, _: &mut syn::UseGlob) {
            self.0 = true;
        }
    }

    let mut globs = Globs(false);
    globs.visit_block_mut(block);
    globs.0
}

/// The names of the preludes of every edition: a pattern that names one resolves to it or
/// to a user's item of that name (`enum Compression { None, Gzip }` with its variants
/// imported), which the module's `use super::*` brings by a glob. In an import, that glob's
/// name is ambiguous with the prelude's, so these names are not checked.
const PRELUDE: &[&str] = &[
    "AsMut",
    "AsRef",
    "AsyncFn",
    "AsyncFnMut",
    "AsyncFnOnce",
    "Box",
    "Clone",
    "Copy",
    "Debug",
    "Default",
    "DoubleEndedIterator",
    "Drop",
    "Eq",
    "Err",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Future",
    "Hash",
    "Into",
    "IntoFuture",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "RustcDecodable",
    "RustcEncodable",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
];

/// A name to import, under the `#[cfg]`s of the pattern.
struct Name {
    ident: Ident,
    cfgs: Vec<Attribute>,
}

#[derive(Default)]
struct Walk {
    /// The names of the innermost block being walked.
    names: Vec<Name>,
    /// The `#[cfg]`s between that block and the node being walked.
    cfgs: Vec<Attribute>,
    /// How many `#[cfg_attr]`s are between that block and the node being walked: a name
    /// under one is not checked (what it expands to is not known here).
    cfg_attrs: usize,
    /// Whether the node being walked is (in) a refutable pattern.
    refutable: bool,
}

impl Walk {
    /// Walks `pattern` as a refutable pattern.
    fn refutable(&mut self, pattern: &mut Pat) {
        let outer = mem::replace(&mut self.refutable, true);
        self.visit_pat_mut(pattern);
        self.refutable = outer;
    }

    /// Runs `walk` with the `#[cfg]`s of `attrs` added to those of the names it finds.
    fn under(&mut self, attrs: &[Attribute], walk: impl FnOnce(&mut Self)) {
        let depth = self.cfgs.len();
        self.cfgs.extend(
            attrs
                .iter()
                .filter(|attr| attr.path().is_ident("cfg"))
                .cloned(),
        );
        let cfg_attrs = attrs
            .iter()
            .filter(|attr| attr.path().is_ident("cfg_attr"))
            .count();
        self.cfg_attrs += cfg_attrs;
        walk(self);
        self.cfg_attrs -= cfg_attrs;
        self.cfgs.truncate(depth);
    }

    /// Walks the parsed arguments of a macro: their names are imported in the block of the
    /// macro, those of a block inside them nowhere (it is the macro's tokens that compile,
    /// not this copy).
    fn macro_arguments(&mut self, mac: &Macro) {
        let outer = mem::replace(&mut self.refutable, false);
        if mac
            .path
            .segments
            .last()
            .is_some_and(|last| last.ident == "matches")
        {
            // `matches!(expression, pattern if guard)`.
            let parser = |input: ParseStream| {
                let expr: Expr = input.parse()?;
                input.parse::<Token![,]>()?;
                let pattern = Pat::parse_multi_with_leading_vert(input)?;
                let guard = if input.peek(Token![if]) {
                    input.parse::<Token![if]>()?;
                    Some(input.parse::<Expr>()?)
                } else {
                    None
                };
                input.parse::<Option<Token![,]>>()?;
                Ok((expr, pattern, guard))
            };
            if let Ok((mut expr, mut pattern, guard)) = mac.parse_body_with(parser) {
                self.visit_expr_mut(&mut expr);
                self.refutable(&mut pattern);
                if let Some(mut guard) = guard {
                    self.visit_expr_mut(&mut guard);
                }
            }
        } else if let Ok(args) =
            mac.parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated)
        {
            for mut arg in args {
                self.visit_expr_mut(&mut arg);
            }
        }
        self.refutable = outer;
    }
}

impl VisitMut for Walk {
    fn visit_block_mut(&mut self, block: &mut Block) {
        let names = mem::take(&mut self.names);
        let cfgs = mem::take(&mut self.cfgs);
        let refutable = mem::replace(&mut self.refutable, false);
        visit_mut::visit_block_mut(self, block);
        let found = mem::replace(&mut self.names, names);
        self.cfgs = cfgs;
        self.refutable = refutable;

        let mut seen = Vec::new();
        let imports = found.into_iter().filter_map(|Name { ident, cfgs }| {
            // One import per name and `#[cfg]`s: the first pattern is reported.
            let key = (ident.to_string(), quote!(#(#cfgs)*).to_string());
            if seen.contains(&key) {
                return None;
            }
            seen.push(key);
            // Every token of the import at the name, so that the error is there alone.
            // Resolved as the macro's tokens are (an item's name resolves the same, the
            // attribute being where the function is), whose edition is this crate's: in a
            // 2015 edition crate, an import resolved as the user's token would look from
            // the crate root.
            let span = ident.span().resolved_at(Span::call_site());
            let mut ident = ident;
            ident.set_span(span);
            // `deprecated`: the user may allow it on the pattern, which the import is not in.
            let import = quote_spanned! {span=>
                #[allow(unused_imports, deprecated)]
                use #ident as _;
            };
            let stmt: Stmt = syn::parse_quote!(#(#cfgs)* #import);
            Some(stmt)
        });
        let imports: Vec<Stmt> = imports.collect();
        block.stmts.splice(0..0, imports);
    }

    fn visit_arm_mut(&mut self, arm: &mut Arm) {
        let attrs = arm.attrs.clone();
        self.under(&attrs, |walk| {
            walk.refutable(&mut arm.pat);
            if let Some((_, guard)) = &mut arm.guard {
                walk.visit_expr_mut(guard);
            }
            walk.visit_expr_mut(&mut arm.body);
        });
    }

    fn visit_local_mut(&mut self, local: &mut Local) {
        let attrs = local.attrs.clone();
        self.under(&attrs, |walk| {
            // `let .. else` is refutable, a plain `let` is not.
            let refutable = local
                .init
                .as_ref()
                .is_some_and(|init| init.diverge.is_some());
            if refutable {
                walk.refutable(&mut local.pat);
            } else {
                walk.visit_pat_mut(&mut local.pat);
            }
            if let Some(LocalInit { expr, diverge, .. }) = &mut local.init {
                walk.visit_expr_mut(expr);
                if let Some((_, diverge)) = diverge {
                    walk.visit_expr_mut(diverge);
                }
            }
        });
    }

    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        let attrs = expr_attrs(expr).to_vec();
        // An expression inside a pattern (a range's bound) is not a pattern.
        let refutable = mem::replace(&mut self.refutable, false);
        self.under(&attrs, |walk| {
            if let Expr::Let(expr_let) = expr {
                walk.refutable(&mut expr_let.pat);
                walk.visit_expr_mut(&mut expr_let.expr);
            } else {
                visit_mut::visit_expr_mut(walk, expr);
            }
        });
        self.refutable = refutable;
    }

    /// A shorthand field `S { X }` too is a constant where one of that name is in scope.
    fn visit_field_pat_mut(&mut self, field: &mut FieldPat) {
        let attrs = field.attrs.clone();
        self.under(&attrs, |walk| walk.visit_pat_mut(&mut field.pat));
    }

    fn visit_pat_ident_mut(&mut self, pat: &mut PatIdent) {
        if self.refutable
            && self.cfg_attrs == 0
            && pat.by_ref.is_none()
            && pat.mutability.is_none()
            && pat.subpat.is_none()
            && could_be_an_item(&pat.ident)
        {
            self.names.push(Name {
                ident: pat.ident.clone(),
                cfgs: self.cfgs.clone(),
            });
        }
        visit_mut::visit_pat_ident_mut(self, pat);
    }

    fn visit_field_value_mut(&mut self, field: &mut FieldValue) {
        let attrs = field.attrs.clone();
        self.under(&attrs, |walk| walk.visit_expr_mut(&mut field.expr));
    }

    fn visit_stmt_macro_mut(&mut self, stmt: &mut StmtMacro) {
        let attrs = stmt.attrs.clone();
        self.under(&attrs, |walk| walk.macro_arguments(&stmt.mac));
    }

    fn visit_macro_mut(&mut self, mac: &mut Macro) {
        self.macro_arguments(mac);
    }

    /// An item declared in the body has its own scope.
    fn visit_item_mut(&mut self, _: &mut Item) {}
}

/// Whether a name alone in a pattern could be a constant, a unit struct or a unit variant,
/// as Rust names them.
fn could_be_an_item(ident: &Ident) -> bool {
    let name = ident.unraw().to_string();
    name != "Self"
        && !PRELUDE.contains(&name.as_str())
        && name.chars().next().is_some_and(char::is_uppercase)
}

/// The attributes of an expression.
fn expr_attrs(expr: &Expr) -> &[Attribute] {
    match expr {
        Expr::Array(e) => &e.attrs,
        Expr::Assign(e) => &e.attrs,
        Expr::Async(e) => &e.attrs,
        Expr::Await(e) => &e.attrs,
        Expr::Binary(e) => &e.attrs,
        Expr::Block(e) => &e.attrs,
        Expr::Break(e) => &e.attrs,
        Expr::Call(e) => &e.attrs,
        Expr::Cast(e) => &e.attrs,
        Expr::Closure(e) => &e.attrs,
        Expr::Const(e) => &e.attrs,
        Expr::Continue(e) => &e.attrs,
        Expr::Field(e) => &e.attrs,
        Expr::ForLoop(e) => &e.attrs,
        Expr::Group(e) => &e.attrs,
        Expr::If(e) => &e.attrs,
        Expr::Index(e) => &e.attrs,
        Expr::Infer(e) => &e.attrs,
        Expr::Let(e) => &e.attrs,
        Expr::Lit(e) => &e.attrs,
        Expr::Loop(e) => &e.attrs,
        Expr::Macro(e) => &e.attrs,
        Expr::Match(e) => &e.attrs,
        Expr::MethodCall(e) => &e.attrs,
        Expr::Paren(e) => &e.attrs,
        Expr::Path(e) => &e.attrs,
        Expr::Range(e) => &e.attrs,
        Expr::RawAddr(e) => &e.attrs,
        Expr::Reference(e) => &e.attrs,
        Expr::Repeat(e) => &e.attrs,
        Expr::Return(e) => &e.attrs,
        Expr::Struct(e) => &e.attrs,
        Expr::Try(e) => &e.attrs,
        Expr::TryBlock(e) => &e.attrs,
        Expr::Tuple(e) => &e.attrs,
        Expr::Unary(e) => &e.attrs,
        Expr::Unsafe(e) => &e.attrs,
        Expr::While(e) => &e.attrs,
        Expr::Yield(e) => &e.attrs,
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use proc_macro2::TokenStream;
    use quote::ToTokens;

    use super::*;

    /// Whether `block` is `expected` with the imports. Both are in `quote! {{ .. }}`, which
    /// rustfmt leaves as written.
    fn same(block: TokenStream, expected: TokenStream) {
        let block: Block = syn::parse2(block).unwrap();
        let expected: Block = syn::parse2(expected).unwrap();
        assert_eq!(
            import_pattern_names(block).to_token_stream().to_string(),
            expected.to_token_stream().to_string()
        );
    }

    #[test]
    fn imports_the_names_of_refutable_patterns_that_could_be_items() {
        same(
            quote! {{
                match x {
                    LIMIT | (Unit, Some(r#Raw)) => 1,
                    S { field: Variant, Shorthand, .. } | [First, ..] => 2,
                    &Borrowed if let Guard = y => 3,
                    _ => 4,
                }
                if let Some(Found) = a && let Other = b {}
                while let Next = c {}
                let Some(Else) = d else { return };
            }},
            quote! {{
                #[allow(unused_imports, deprecated)] use LIMIT as _;
                #[allow(unused_imports, deprecated)] use Unit as _;
                #[allow(unused_imports, deprecated)] use r#Raw as _;
                #[allow(unused_imports, deprecated)] use Variant as _;
                #[allow(unused_imports, deprecated)] use Shorthand as _;
                #[allow(unused_imports, deprecated)] use First as _;
                #[allow(unused_imports, deprecated)] use Borrowed as _;
                #[allow(unused_imports, deprecated)] use Guard as _;
                #[allow(unused_imports, deprecated)] use Found as _;
                #[allow(unused_imports, deprecated)] use Other as _;
                #[allow(unused_imports, deprecated)] use Next as _;
                #[allow(unused_imports, deprecated)] use Else as _;
                match x {
                    LIMIT | (Unit, Some(r#Raw)) => 1,
                    S { field: Variant, Shorthand, .. } | [First, ..] => 2,
                    &Borrowed if let Guard = y => 3,
                    _ => 4,
                }
                if let Some(Found) = a && let Other = b {}
                while let Next = c {}
                let Some(Else) = d else { return };
            }},
        );
    }

    #[test]
    fn leaves_bindings_paths_and_irrefutable_patterns() {
        let unchanged = quote! {{
            match x {
                ref Ref | mut Mut | At @ 1..=2 | lower | _under | Self => {}
                S { lower, .. } | a::Path | Tuple(..) | MAX..=MIN => {}
            }
            let Plain = 1;
            let (Tuple, _) = (1, 2);
            for Each in v {}
            let f = |Param: u8| Param;
            fn nested(x: u8) { if let Inner = x {} }
            impl T { fn m(&self) { match self { Self => {} } } }
            // Tokens that do not parse as expressions.
            opaque!(x; Opaque => {});
        }};
        same(unchanged.clone(), unchanged);
    }

    #[test]
    fn leaves_prelude_names_names_under_cfg_attr_and_bodies_with_a_glob_import() {
        let unchanged = quote! {{
            match x {
                None | Some(Default) | Ok(String) | Err(Vec) => {}
            }
            #[cfg_attr(unix, cfg(any()))]
            let v = match y { Absent => 1, _ => 2 };
        }};
        same(unchanged.clone(), unchanged);
        let globbed = quote! {{
            match x { Limit => {} }
            { use Enum::*; }
        }};
        same(globbed.clone(), globbed);
    }

    #[test]
    fn imports_a_name_in_the_innermost_block_of_its_pattern_under_its_cfgs() {
        same(
            quote! {{
                match x {
                    A => {
                        if let B = y {}
                    }
                    #[cfg(unix)]
                    A => {}
                    A | C => {}
                }
                #[cfg(test)]
                let C = z else { return };
                let v = || {
                    match w { D => {} }
                };
            }},
            quote! {{
                #[allow(unused_imports, deprecated)] use A as _;
                #[cfg(unix)] #[allow(unused_imports, deprecated)] use A as _;
                #[allow(unused_imports, deprecated)] use C as _;
                #[cfg(test)] #[allow(unused_imports, deprecated)] use C as _;
                match x {
                    A => {
                        #[allow(unused_imports, deprecated)] use B as _;
                        if let B = y {}
                    }
                    #[cfg(unix)]
                    A => {}
                    A | C => {}
                }
                #[cfg(test)]
                let C = z else { return };
                let v = || {
                    #[allow(unused_imports, deprecated)] use D as _;
                    match w { D => {} }
                };
            }},
        );
    }

    #[test]
    fn reads_the_pattern_of_matches_and_the_arguments_of_other_macros() {
        same(
            quote! {{
                let a = matches!(x, A | Some(B) if let C = y);
                assert!(matches!(x, D), "{}", match y { E => 1, _ => 2 });
                // In a block of the macro's tokens: not imported.
                debug_assert!({ matches!(x, F) });
                vec![G; 2];
            }},
            quote! {{
                #[allow(unused_imports, deprecated)] use A as _;
                #[allow(unused_imports, deprecated)] use B as _;
                #[allow(unused_imports, deprecated)] use C as _;
                #[allow(unused_imports, deprecated)] use D as _;
                #[allow(unused_imports, deprecated)] use E as _;
                let a = matches!(x, A | Some(B) if let C = y);
                assert!(matches!(x, D), "{}", match y { E => 1, _ => 2 });
                debug_assert!({ matches!(x, F) });
                vec![G; 2];
            }},
        );
    }
}
