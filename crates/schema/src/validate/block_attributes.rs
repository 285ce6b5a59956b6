//! Model attributes: `@@id @@unique @@index @@map @@ignore @@schema @@check`, and the field lists of
//! keys and indexes (`[a, b(sort: Desc), c(ops: JsonbPathOps)]`).

use refract_diagnostics::{Diagnostic, Span};
use refract_ir::{IndexMethod, SortOrder};

use super::args::{Args, expect_constant, expect_list, expect_string, required};
use super::attribute_args::{check_args, map_arg, reject_other_databases, where_arg};
use super::index_ops::{self, IndexedField, Ops};
use super::namespaces;
use super::naming::{check_identifier_length, closest};
use super::records::{CheckDef, Decls, KeyDef, ModelInfo};
use crate::ast::{Attribute, Expr};

const BLOCK_ATTRIBUTES: &[&str] = &["id", "unique", "index", "map", "ignore", "schema", "check"];

pub(crate) fn block_attribute<'a>(
    info: &mut ModelInfo<'a>,
    attr: &'a Attribute<'a>,
    decls: &Decls<'a>,
    diags: &mut Vec<Diagnostic>,
) {
    let name = attr.name.name;
    let mut args = Args::new(attr, "@@");
    match name {
        "map" => {
            if let Some(v) = required(&mut args, "name", "the table's name, like `@@map(\"users\")`", diags)
                .and_then(|e| expect_string(e, "`@@map`", diags))
            {
                info.table = v.to_string();
            }
        }
        "ignore" => info.ignored = true,
        "schema" => {
            if let Some(v) = namespaces::schema_attribute(&mut args, &decls.datasource, diags) {
                info.namespace = Some(v);
            }
        }
        "id" | "unique" | "index" => {
            let fields = args.named_or_positional("fields");
            // For @@id and @@unique, `name:` is the client's name for the compound key; for @@index it
            // is the legacy spelling of `map:`.
            let client_name = args.named("name");
            let mut map = map_arg(
                &mut args,
                if name == "index" {
                    "index"
                } else if name == "id" {
                    "primary key"
                } else {
                    "unique constraint"
                },
                diags,
            );
            if name == "index"
                && let Some(n) = client_name.and_then(|e| expect_string(e, "`name`", diags))
            {
                if map.is_some() {
                    diags.push(
                        Diagnostic::error(
                            "duplicate-argument",
                            attr.span,
                            "`@@index` takes `name` as a legacy alias of `map`, not both",
                        )
                        .with_help("keep only `map:`"),
                    );
                }
                check_identifier_length(n, attr.span, "index", diags);
                map = map.or(Some(n.to_string()));
            }
            let method = if name == "index" { index_method(&mut args, diags) } else { IndexMethod::BTree };
            let predicate = if name == "id" { None } else { where_arg(&mut args, diags) };
            reject_other_databases(&mut args, diags);
            let Some(fields) = fields else {
                diags.push(Diagnostic::error(
                    "missing-fields",
                    attr.span,
                    format!("`@@{name}` needs a list of fields, like `@@{name}([a, b])`"),
                ));
                return;
            };
            let Some(columns) = key_fields(info, fields, &format!("@@{name}"), method, decls, attr.span, diags) else {
                args.finish(diags);
                return;
            };
            let client_name = match name {
                "unique" => client_name.and_then(|e| match e {
                    crate::ast::Expr::String(s) => Some(s.value.to_string()),
                    _ => None,
                }),
                _ => None,
            };
            let def = KeyDef { fields: columns, map, method, predicate, span: attr.span, on_field: false, client_name };
            match name {
                "id" => {
                    if let Some((i, ..)) = def.fields.iter().find(|(i, ..)| !info.fields[*i].is_required()) {
                        diags.push(Diagnostic::error(
                            "optional-id",
                            attr.span,
                            format!("`@@id` field `{}` must be required", info.fields[*i].name()),
                        ));
                    } else if info.id.is_some() {
                        diags.push(Diagnostic::error(
                            "multiple-ids",
                            attr.span,
                            format!("model `{}` has both `@id` and `@@id`; use one", info.name),
                        ));
                    } else {
                        info.id = Some(def);
                    }
                }
                "unique" => info.uniques.push(def),
                _ => info.indexes.push(def),
            }
        }
        "check" => {
            let (expr, map) = check_args(&mut args, diags);
            if let Some(expr) = expr {
                info.checks.push(CheckDef {
                    expression: expr.value.to_string(),
                    literal: expr.raw.to_string(),
                    columns: Vec::new(),
                    map,
                    field_column: None,
                    span: expr.span,
                });
            }
        }
        "fulltext" => {
            diags.push(
                Diagnostic::error(
                    "unsupported-attribute",
                    attr.name.span,
                    "`@@fulltext` is not supported on PostgreSQL",
                )
                .with_help("use `@@index([...], type: Gin)` with an operator class instead"),
            );
            return;
        }
        _ => {
            let mut d =
                Diagnostic::error("unknown-attribute", attr.name.span, format!("unknown block attribute `@@{name}`"));
            if let Some(s) = closest(name, BLOCK_ATTRIBUTES.iter().copied()) {
                d = d.with_help(format!("did you mean `@@{s}`?"));
            }
            diags.push(d);
            return;
        }
    }
    args.finish(diags);
}

fn index_method(args: &mut Args<'_>, diags: &mut Vec<Diagnostic>) -> IndexMethod {
    match args.named("type").and_then(|e| expect_constant(e, "`type`", diags)) {
        None | Some("BTree") => IndexMethod::BTree,
        Some("Hash") => IndexMethod::Hash,
        Some("Gist") => IndexMethod::Gist,
        Some("Gin") => IndexMethod::Gin,
        Some("SpGist") => IndexMethod::SpGist,
        Some("Brin") => IndexMethod::Brin,
        Some(other) => {
            diags.push(
                Diagnostic::error("invalid-index-type", args.span(), format!("unknown index type `{other}`"))
                    .with_help("use BTree, Hash, Gist, Gin, SpGist or Brin"),
            );
            IndexMethod::BTree
        }
    }
}

/// `[a, b(sort: Desc), c(ops: raw("text_pattern_ops"))]`, resolved to field positions and checked
/// against the index type `method` (see [`index_ops`]); operator classes are given as SQL.
fn key_fields(
    info: &ModelInfo<'_>,
    list: &Expr<'_>,
    attr: &str,
    method: IndexMethod,
    decls: &Decls<'_>,
    attr_span: Span,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<(usize, SortOrder, Option<String>)>> {
    let items = expect_list(list, "the fields", diags)?;
    if items.is_empty() {
        diags.push(Diagnostic::error("missing-fields", list.span(), format!("`{attr}` needs at least one field")));
        return None;
    }
    // Each field's position and order, and what the index rules need of it.
    let mut positions: Vec<(usize, SortOrder)> = Vec::new();
    let mut fields: Vec<IndexedField<'_, '_>> = Vec::new();
    let mut ok = true;
    for item in items {
        let (name, span, fargs) = match item {
            Expr::Constant(c, s) => (*c, *s, None),
            Expr::Function(f) => (f.name.name, f.name.span, Some(&f.arguments)),
            other => {
                diags.push(Diagnostic::error(
                    "argument-type",
                    other.span(),
                    format!("`{attr}` lists field names, found {}", other.describe()),
                ));
                ok = false;
                continue;
            }
        };
        let Some((idx, field)) = info.field(name) else {
            let mut d = Diagnostic::error(
                "unknown-field",
                span,
                format!("`{attr}` refers to `{name}`, which is not a field of model `{}`", info.name),
            );
            if let Some(s) = closest(name, info.fields.iter().map(|f| f.name())) {
                d = d.with_help(format!("did you mean `{s}`?"));
            }
            diags.push(d);
            ok = false;
            continue;
        };
        if field.is_relation() {
            diags.push(Diagnostic::error(
                "relation-field-in-index",
                span,
                format!("`{name}` is a relation field; `{attr}` must list the scalar fields that hold the key"),
            ));
            ok = false;
            continue;
        }
        let mut sort = SortOrder::Asc;
        let mut sort_given = false;
        let mut ops = None;
        if let Some(fargs) = fargs {
            for a in &fargs.items {
                match a.name.as_ref().map(|n| n.name) {
                    Some("sort") => {
                        sort_given = true;
                        match &a.value {
                            Expr::Constant(c, _) if *c == "Desc" => sort = SortOrder::Desc,
                            Expr::Constant(c, _) if *c == "Asc" => {}
                            other => {
                                diags.push(Diagnostic::error(
                                    "invalid-sort",
                                    other.span(),
                                    "`sort` is `Asc` or `Desc`",
                                ));
                                ok = false;
                            }
                        }
                    }
                    Some("ops") => match &a.value {
                        Expr::Function(f) if f.name.name == "raw" && f.arguments.items.len() == 1 => match &f
                            .arguments
                            .items[0]
                            .value
                        {
                            Expr::String(s) => ops = Some((Ops::Raw(s.value.to_string()), a.value.span())),
                            other => {
                                diags.push(Diagnostic::error("argument-type", other.span(), "`raw` takes a string"));
                                ok = false;
                            }
                        },
                        // Prisma's named operator classes: `JsonbPathOps` is `jsonb_path_ops`.
                        Expr::Constant(c, cspan) => match index_ops::named(c, *cspan, diags) {
                            Some(class) => ops = Some((Ops::Named(class), *cspan)),
                            None => ok = false,
                        },
                        other => {
                            diags.push(Diagnostic::error(
                                "argument-type",
                                other.span(),
                                "`ops` is an operator class like `JsonbPathOps` or `raw(\"text_pattern_ops\")`",
                            ));
                            ok = false;
                        }
                    },
                    Some("length") => {
                        diags.push(Diagnostic::error(
                            "unsupported-argument",
                            a.span,
                            "`length:` is only supported on MySQL, not PostgreSQL",
                        ));
                        ok = false;
                    }
                    _ => {
                        diags.push(Diagnostic::error(
                            "unknown-argument",
                            a.span,
                            "a field in an index takes `sort:` and `ops:`",
                        ));
                        ok = false;
                    }
                }
            }
        }
        if positions.iter().any(|(i, _)| *i == idx) {
            diags.push(Diagnostic::error("duplicate-field", span, format!("`{name}` is listed twice in `{attr}`")));
            ok = false;
            continue;
        }
        positions.push((idx, sort));
        fields.push(IndexedField { field, span, ops, sort_given });
    }
    ok &= index_ops::check_index(attr, method, &fields, &decls.datasource.name, attr_span, diags);
    ok.then(|| {
        positions.into_iter().zip(fields).map(|((idx, sort), f)| (idx, sort, f.ops.map(|(o, _)| o.sql()))).collect()
    })
}
