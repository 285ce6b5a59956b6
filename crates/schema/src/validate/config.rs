//! `datasource` and `generator` blocks.

use refract_diagnostics::{Diagnostic, Span};
use refract_ir::Extension;

use super::args::expect_string;
use crate::ast::{Block, BlockKind, Expr, Member, Property};

/// What the rest of validation needs from the datasource.
#[derive(Debug, Clone)]
pub(crate) struct Datasource {
    /// The block's name: native types are written `@<name>.Type`.
    pub name: String,
    /// `relationMode = "prisma"`: relations exist in the schema only, no foreign keys in SQL.
    pub relation_mode_prisma: bool,
    pub extensions: Vec<Extension>,
    /// The `extensions = ...` property (the preview feature it needs is checked against the generators).
    pub extensions_span: Option<Span>,
    /// `schemas = [...]`: when given, every model and enum names its schema with `@@schema`.
    pub schemas: Vec<String>,
}

impl Default for Datasource {
    fn default() -> Self {
        Datasource {
            name: "db".into(),
            relation_mode_prisma: false,
            extensions: Vec::new(),
            extensions_span: None,
            schemas: Vec::new(),
        }
    }
}

/// Preview features of Prisma 4 to 7 that refract accepts silently; any other is a warning.
const KNOWN_PREVIEW_FEATURES: &[&str] = &[
    "clientExtensions",
    "deno",
    "driverAdapters",
    "extendedWhereUnique",
    "fieldReference",
    "filteredRelationCount",
    "fullTextIndex",
    "fullTextSearch",
    "fullTextSearchPostgres",
    "improvedQueryRaw",
    "interactiveTransactions",
    "jsonProtocol",
    "metrics",
    "multiSchema",
    "nativeDistinct",
    "nativeTypes",
    "omitApi",
    "orderByNulls",
    "partialIndexes",
    "postgresqlExtensions",
    "prismaSchemaFolder",
    "queryCompiler",
    "referentialIntegrity",
    "relationJoins",
    "schemaEngineDriverAdapters",
    "shardKeys",
    "strictUndefinedChecks",
    "tracing",
    "typedSql",
    "views",
];

/// The `key = value` lines of a datasource or generator block; fields and attributes there are reported.
fn properties<'b>(block: &'b Block<'b>, diags: &mut Vec<Diagnostic>) -> Vec<&'b Property<'b>> {
    let kind = block.kind.keyword();
    let mut out = Vec::with_capacity(block.members.len());
    for member in &block.members {
        match member {
            Member::Property(p) => out.push(p),
            Member::Field(f) => {
                let mut d = Diagnostic::error("syntax", f.span, format!("a {kind} holds `key = value` lines"));
                if block.kind == BlockKind::Datasource {
                    d = d.with_help("for example `provider = \"postgresql\"`");
                }
                diags.push(d);
            }
            Member::Attribute(a) => {
                diags.push(Diagnostic::error("syntax", a.span, format!("attributes are not allowed in a {kind} block")))
            }
            _ => {}
        }
    }
    out
}

pub(crate) fn datasource(block: &Block<'_>, diags: &mut Vec<Diagnostic>) -> Datasource {
    let mut ds = Datasource { name: block.name.name.to_string(), ..Datasource::default() };
    let mut provider_seen = false;
    for p in properties(block, diags) {
        match p.name.name {
            "provider" => {
                provider_seen = true;
                if let Some(v) = expect_string(&p.value, "`provider`", diags)
                    && v != "postgresql"
                    && v != "postgres"
                {
                    diags.push(
                        Diagnostic::error("unsupported-provider", p.value.span(), format!("refract supports PostgreSQL only, not `{v}`"))
                            .with_help("set `provider = \"postgresql\"`"),
                    );
                }
            }
            // Prisma 5/6 schemas carry connection URLs here; refract reads the URL from its own settings.
            "url" | "directUrl" | "shadowDatabaseUrl" => match &p.value {
                Expr::String(_) => {}
                Expr::Function(f) if f.name.name == "env" && matches!(&*f.arguments.items, [a] if matches!(a.value, Expr::String(_))) => {}
                other => diags.push(Diagnostic::error(
                    "argument-type",
                    other.span(),
                    format!("`{}` must be a string or `env(\"VARIABLE\")`", p.name.name),
                )),
            },
            "relationMode" | "referentialIntegrity" => {
                if let Some(v) = expect_string(&p.value, "`relationMode`", diags) {
                    match v {
                        "prisma" => ds.relation_mode_prisma = true,
                        "foreignKeys" => {}
                        other => diags.push(
                            Diagnostic::error("invalid-relation-mode", p.value.span(), format!("unknown relation mode `{other}`"))
                                .with_help("use \"foreignKeys\" (the default) or \"prisma\""),
                        ),
                    }
                }
            }
            "extensions" => {
                ds.extensions = extensions(&p.value, diags);
                ds.extensions_span = Some(p.span);
            }
            "schemas" => ds.schemas = schemas(&p.value, diags),
            other => diags.push(
                Diagnostic::error("unknown-property", p.name.span, format!("unknown datasource property `{other}`"))
                    .with_help("a PostgreSQL datasource takes provider, url, directUrl, shadowDatabaseUrl, relationMode, extensions and schemas"),
            ),
        }
    }
    if !provider_seen {
        diags.push(
            Diagnostic::error(
                "missing-provider",
                block.name.span,
                format!("datasource `{}` has no provider", block.name.name),
            )
            .with_help("add `provider = \"postgresql\"`"),
        );
    }
    ds
}

/// `schemas = ["public", "auth"]`: a list of distinct names, not empty (Prisma's rules).
fn schemas(value: &Expr<'_>, diags: &mut Vec<Diagnostic>) -> Vec<String> {
    let Expr::Array(items, span) = value else {
        diags.push(Diagnostic::error("argument-type", value.span(), "`schemas` must be a list of strings"));
        return Vec::new();
    };
    if items.is_empty() {
        diags.push(
            Diagnostic::error("empty-schemas", *span, "`schemas` cannot be an empty list")
                .with_help("list the database schemas the models live in, like `[\"public\"]`, or remove the line"),
        );
    }
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    for item in items {
        let Some(s) = expect_string(item, "a schema name", diags) else { continue };
        if out.iter().any(|o| o == s) {
            diags.push(
                Diagnostic::error("duplicate-schema", item.span(), format!("schema `{s}` is listed twice"))
                    .with_help("remove the repeated name"),
            );
            continue;
        }
        out.push(s.to_string());
    }
    out
}

/// `extensions = [pg_trgm, postgis(version: "3.4")]`, or one extension without the brackets
/// (`extensions = pg_trgm`), which Prisma reads as a list of one.
fn extensions(value: &Expr<'_>, diags: &mut Vec<Diagnostic>) -> Vec<refract_ir::Extension> {
    let items: &[Expr<'_>] = match value {
        Expr::Array(items, _) => items,
        Expr::Constant(..) | Expr::Function(_) => std::slice::from_ref(value),
        _ => {
            diags.push(Diagnostic::error(
                "argument-type",
                value.span(),
                "`extensions` must be a list like `[pg_trgm, postgis(version: \"3.4\")]`",
            ));
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for item in items {
        match item {
            Expr::Constant(name, span) => {
                extension_name(name, *span, diags);
                out.push(Extension { name: name.to_string(), schema: None, version: None });
            }
            Expr::Function(f) => {
                extension_name(f.name.name, f.name.span, diags);
                let mut ext = Extension { name: f.name.name.to_string(), schema: None, version: None };
                let mut seen: Vec<&str> = Vec::new();
                for arg in &f.arguments.items {
                    let key = arg.name.as_ref().map(|n| n.name);
                    if let Some(k) = key {
                        if seen.contains(&k) {
                            diags.push(Diagnostic::error(
                                "duplicate-argument",
                                arg.span,
                                format!("argument `{k}` is given twice"),
                            ));
                            continue;
                        }
                        seen.push(k);
                    }
                    let v = expect_string(&arg.value, "an extension argument", diags).map(str::to_string);
                    match key {
                        Some("schema") => ext.schema = v,
                        Some("version") => ext.version = v,
                        Some("map") => ext.name = v.unwrap_or(ext.name),
                        _ => diags.push(Diagnostic::error(
                            "unknown-argument",
                            arg.span,
                            "an extension takes `schema:`, `version:` and `map:`",
                        )),
                    }
                }
                out.push(ext);
            }
            other => {
                diags.push(Diagnostic::error("argument-type", other.span(), "an extension is a name, like `pg_trgm`"))
            }
        }
    }
    out
}

/// An extension's name as written (before any `map:`), by the rules Prisma checks: not empty, not
/// starting with a digit, no `-` (`uuid-ossp` is written `uuid_ossp(map: "uuid-ossp")`).
fn extension_name(name: &str, span: Span, diags: &mut Vec<Diagnostic>) {
    let problem = if name.is_empty() {
        "must not be empty"
    } else if name.starts_with(|c: char| c.is_numeric()) {
        "must not start with a digit"
    } else if name.contains('-') {
        "must not contain `-`"
    } else {
        return;
    };
    let mut d = Diagnostic::error("invalid-extension-name", span, format!("the extension name `{name}` {problem}"));
    if name.contains('-') {
        d = d.with_help(format!(
            "write it with `_` and give the database name with `map:`: `{}(map: \"{name}\")`",
            name.replace('-', "_")
        ));
    }
    diags.push(d);
}

/// Check a generator block; its preview features (as written) are returned, so that the datasource
/// can be checked against them.
pub(crate) fn generator<'b>(block: &'b Block<'b>, diags: &mut Vec<Diagnostic>) -> Vec<&'b str> {
    let mut provider_seen = false;
    let mut features = Vec::new();
    for p in properties(block, diags) {
        match p.name.name {
            "provider" => provider_seen = true,
            "previewFeatures" => match &p.value {
                Expr::Array(items, _) => {
                    for item in items {
                        let Some(name) = expect_string(item, "a preview feature", diags) else { continue };
                        features.push(name);
                        if !KNOWN_PREVIEW_FEATURES.iter().any(|k| k.eq_ignore_ascii_case(name)) {
                            diags.push(Diagnostic::warning(
                                "unknown-preview-feature",
                                item.span(),
                                format!("unknown preview feature `{name}` (ignored)"),
                            ));
                        }
                    }
                }
                other => diags.push(Diagnostic::error(
                    "argument-type",
                    other.span(),
                    "`previewFeatures` must be a list of strings",
                )),
            },
            // Generators are other tools' configuration: any other key is theirs.
            _ => {}
        }
    }
    if !provider_seen {
        diags.push(Diagnostic::error(
            "missing-provider",
            block.name.span,
            format!("generator `{}` has no provider", block.name.name),
        ));
    }
    features
}

/// What the datasource uses that Prisma only allows with a preview feature of a generator:
/// `extensions` needs `postgresqlExtensions` (`schemas` needed `multiSchema` before Prisma 6.13, which
/// made it generally available; refract takes it either way).
pub(crate) fn check_preview_features(ds: &Datasource, features: &[&str], diags: &mut Vec<Diagnostic>) {
    let enabled = |f: &str| features.iter().any(|x| x.eq_ignore_ascii_case(f));
    if let Some(span) = ds.extensions_span
        && !enabled("postgresqlExtensions")
    {
        diags.push(
            Diagnostic::error(
                "preview-feature-required",
                span,
                "`extensions` is only available with the `postgresqlExtensions` preview feature",
            )
            .with_help("add `previewFeatures = [\"postgresqlExtensions\"]` to the generator block (Prisma refuses the schema without it)"),
        );
    }
}

/// Where to point when the file has no datasource at all.
pub(crate) const FILE_START: Span = Span::new(0, 0);
