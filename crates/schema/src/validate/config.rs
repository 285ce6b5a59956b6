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
    pub schemas: Vec<String>,
}

impl Default for Datasource {
    fn default() -> Self {
        Datasource { name: "db".into(), relation_mode_prisma: false, extensions: Vec::new(), schemas: Vec::new() }
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
            "extensions" => ds.extensions = extensions(&p.value, diags),
            "schemas" => {
                if let Expr::Array(items, _) = &p.value {
                    for item in items {
                        if let Some(s) = expect_string(item, "a schema name", diags) {
                            ds.schemas.push(s.to_string());
                        }
                    }
                } else {
                    diags.push(Diagnostic::error("argument-type", p.value.span(), "`schemas` must be a list of strings"));
                }
            }
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

fn extensions(value: &Expr<'_>, diags: &mut Vec<Diagnostic>) -> Vec<refract_ir::Extension> {
    let Expr::Array(items, _) = value else {
        diags.push(Diagnostic::error(
            "argument-type",
            value.span(),
            "`extensions` must be a list like `[pg_trgm, postgis(version: \"3.4\")]`",
        ));
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        match item {
            Expr::Constant(name, _) => out.push(Extension { name: name.to_string(), schema: None, version: None }),
            Expr::Function(f) => {
                let mut ext = Extension { name: f.name.name.to_string(), schema: None, version: None };
                for arg in &f.arguments.items {
                    let key = arg.name.as_ref().map(|n| n.name);
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

pub(crate) fn generator(block: &Block<'_>, diags: &mut Vec<Diagnostic>) {
    let mut provider_seen = false;
    for p in properties(block, diags) {
        match p.name.name {
            "provider" => provider_seen = true,
            "previewFeatures" => match &p.value {
                Expr::Array(items, _) => {
                    for item in items {
                        if let Some(name) = expect_string(item, "a preview feature", diags)
                            && !KNOWN_PREVIEW_FEATURES.iter().any(|k| k.eq_ignore_ascii_case(name))
                        {
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
}

/// Where to point when the file has no datasource at all.
pub(crate) const FILE_START: Span = Span::new(0, 0);
