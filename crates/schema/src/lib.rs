//! The Prisma schema language for PostgreSQL: parse (never fails), validate into the IR, format.
//!
//! ```text
//! text ──parse──▶ SchemaAst + syntax errors ──validate──▶ refract_ir::Schema + errors/warnings
//!                      └──format──▶ canonical text
//! refract_ir::Schema ──print──▶ schema text (`db pull`)
//! ```
//!
//! A schema is one file or a folder of `.prisma` files ([`files`]): the files are read into one
//! [`SourceSet`] text, each file parsed on its own ([`parse_files`]) and the whole validated as one
//! schema ([`check_sources`]); diagnostics point into the joined text and render with each file's own
//! path, line and column.

// pest_derive without `std` refers to `alloc`; see the workspace manifest for why `std` is off.
extern crate alloc;

pub mod ast;
mod datasource;
pub mod files;
mod format;
mod parser;
pub mod print;
mod validate;

use refract_diagnostics::{Diagnostic, SourceSet};

pub use datasource::{DatasourceUrls, UrlProperty, UrlSetting, datasource_urls, datasource_urls_in};
pub use files::{read_sources, schema_files};
pub use format::format;
pub use parser::{Parsed, parse, parse_files};
pub use validate::validate;

/// The Prisma scalar type (`String`, `Int`, `DateTime`, ...) a schema writes for a column of type `ty`
/// (its `@db.` native type aside); `None` for enums and `Unsupported` types, which have no scalar.
pub fn scalar_type_name(ty: &refract_ir::ColumnType) -> Option<&'static str> {
    validate::spelling(ty).map(|(scalar, _)| scalar.name())
}

/// A schema file read end to end: its tree, its IR and everything found wrong with it.
#[derive(Debug, Clone)]
pub struct Checked<'t> {
    /// The text the spans point into (a folder schema's files joined, see [`check_sources`]).
    pub text: &'t str,
    pub ast: ast::SchemaAst<'t>,
    pub schema: refract_ir::Schema,
    /// Syntax and validation findings, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked<'_> {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Parse and validate. The IR is only meaningful when [`Checked::has_errors`] is false.
pub fn check(text: &str) -> Checked<'_> {
    checked(text, parse(text))
}

/// [`check`] for a schema of one or more files: each file is parsed on its own, then the whole is
/// validated as one schema (models, enums and relations across files). Spans point into
/// [`SourceSet::text`]; render the diagnostics with the set to name each file.
pub fn check_sources(sources: &SourceSet) -> Checked<'_> {
    match sources.starts() {
        [_] => check(sources.text()),
        starts => checked(sources.text(), parse_files(sources.text(), starts)),
    }
}

fn checked<'t>(text: &'t str, parsed: Parsed<'t>) -> Checked<'t> {
    let Parsed { ast, mut diagnostics } = parsed;
    // File order (below), so the first diagnostic is the first problem a reader meets.
    // When nothing could be read at all, validating an empty tree would only add noise.
    if !ast.items.is_empty() || diagnostics.is_empty() {
        let (schema, more) = validate(&ast);
        diagnostics.extend(more);
        diagnostics.sort_by_key(|d| (d.span.start(), d.span.end()));
        return Checked { text, ast, schema, diagnostics };
    }
    Checked { text, ast, schema: refract_ir::Schema::default(), diagnostics }
}

/// The preview features the generator blocks enable (`previewFeatures = [...]`), as written.
pub fn preview_features(ast: &ast::SchemaAst<'_>) -> Vec<String> {
    use ast::{BlockKind, Expr, Member, TopItem};
    let mut out = Vec::new();
    for item in &ast.items {
        let TopItem::Block(block) = item else { continue };
        if block.kind != BlockKind::Generator {
            continue;
        }
        for member in &block.members {
            if let Member::Property(p) = member
                && p.name.name == "previewFeatures"
                && let Expr::Array(items, _) = &p.value
            {
                out.extend(items.iter().filter_map(|i| match i {
                    Expr::String(s) => Some(s.value.to_string()),
                    _ => None,
                }));
            }
        }
    }
    out
}
