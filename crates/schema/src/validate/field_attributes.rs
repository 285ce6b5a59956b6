//! Field attributes: `@id @unique @default @map @relation @updatedAt @ignore @check` and native types
//! (`@db.VarChar(255)`).

use std::borrow::Cow;

use refract_diagnostics::{Diagnostic, Span};
use refract_ir::{ClientDefault, IndexMethod, ReferentialAction};

use super::args::{Args, expect_constant, expect_list, expect_string};
use super::attribute_args::{check_args, map_arg, reject_other_databases, sort_arg, where_arg};
use super::index_ops;
use super::naming::closest;
use super::records::{CheckDef, Decls, EnumInfo, FieldKind, KeyDef, ModelInfo, RelationArgs};
use super::scalars::{DefaultTarget, Scalar, default_value, native_type};
use crate::ast::{Attribute, Expr};

const FIELD_ATTRIBUTES: &[&str] = &["id", "default", "unique", "map", "relation", "updatedAt", "ignore", "check"];

pub(crate) fn field_attribute<'a>(
    info: &mut ModelInfo<'a>,
    idx: usize,
    attr: &'a Attribute<'a>,
    decls: &Decls<'a>,
    diags: &mut Vec<Diagnostic>,
) {
    let name = attr.name.name;
    let field = &info.fields[idx];
    // Every attribute but `@check` may appear once; repeats after the first are reported.
    let earlier = field.ast.attributes.iter().take_while(|a| !std::ptr::eq(*a, attr));
    if name != "check" && earlier.into_iter().any(|a| a.name.name == name) {
        diags.push(Diagnostic::error(
            "duplicate-attribute",
            attr.span,
            format!("`@{name}` can only be used once on a field"),
        ));
        return;
    }
    let native = name.split_once('.');
    if field.is_relation()
        && name != "relation"
        && name != "ignore"
        && (FIELD_ATTRIBUTES.contains(&name) || native.is_some())
    {
        diags.push(
            Diagnostic::error(
                "attribute-on-relation-field",
                attr.span,
                format!("`@{name}` cannot be used on relation field `{}`", field.name()),
            )
            .with_help("put it on the scalar field that holds the foreign key"),
        );
        return;
    }
    let mut args = Args::new(attr, "@");
    match (name, native) {
        ("map", _) => {
            if let Some(v) = args.named_or_positional("name").and_then(|e| expect_string(e, "`@map`", diags)) {
                info.fields[idx].column = Cow::Borrowed(v);
            } else if attr.args().is_empty() {
                diags.push(Diagnostic::error(
                    "invalid-map",
                    attr.span,
                    "`@map` needs the database name, like `@map(\"created_at\")`",
                ));
            }
        }
        ("ignore", _) => {}
        ("updatedAt", _) => {
            let f = &mut info.fields[idx];
            if !matches!(f.kind, FieldKind::Scalar(Scalar::DateTime)) || f.is_list() {
                diags.push(Diagnostic::error(
                    "invalid-updated-at",
                    attr.span,
                    "`@updatedAt` can only be used on `DateTime` fields (not lists)",
                ));
            } else {
                info.columns[idx].client_default = Some(ClientDefault::UpdatedAt);
            }
        }
        ("id", _) => {
            let sort = sort_arg(&mut args, diags);
            let map = map_arg(&mut args, "primary key", diags);
            reject_other_databases(&mut args, diags);
            let f = &info.fields[idx];
            if !f.is_required() {
                diags.push(Diagnostic::error(
                    "optional-id",
                    attr.span,
                    format!("`@id` field `{}` must be required: remove the `?`", f.name()),
                ));
            } else if f.is_list() {
                diags.push(Diagnostic::error("list-id", attr.span, "a list field cannot be an `@id`"));
            } else if info.id.is_some() {
                diags.push(Diagnostic::error(
                    "multiple-ids",
                    attr.span,
                    format!("model `{}` already has an `@id`; a compound key is written `@@id([a, b])`", info.name),
                ));
            } else {
                info.id = Some(KeyDef {
                    fields: vec![(idx, sort, None)],
                    map,
                    method: IndexMethod::BTree,
                    predicate: None,
                    span: attr.span,
                    on_field: true,
                    client_name: None,
                });
            }
        }
        ("unique", _) => {
            index_ops::reject_xml(&info.fields[idx], &decls.datasource.name, true, attr.span, diags);
            let sort = sort_arg(&mut args, diags);
            let map = map_arg(&mut args, "unique constraint", diags);
            let predicate = where_arg(&mut args, diags);
            reject_other_databases(&mut args, diags);
            info.uniques.push(KeyDef {
                fields: vec![(idx, sort, None)],
                map,
                method: IndexMethod::BTree,
                predicate,
                span: attr.span,
                on_field: true,
                client_name: None,
            });
        }
        ("default", _) => {
            let f = &info.fields[idx];
            let target = match &f.kind {
                FieldKind::Scalar(s) => DefaultTarget::Scalar(*s, &info.columns[idx].ty),
                FieldKind::Enum(e) => {
                    let info: &EnumInfo = &decls.enums[e];
                    DefaultTarget::Enum(e, &info.values)
                }
                FieldKind::Unsupported(_) => DefaultTarget::Unsupported,
                FieldKind::Relation(_) => return,
            };
            let list = f.is_list();
            if let Some(v) = default_value(args, target, list, diags) {
                let c = &mut info.columns[idx];
                c.default = v.column;
                c.client_default = v.client.or(c.client_default);
                c.autoincrement = v.autoincrement;
            }
            return;
        }
        ("relation", _) => {
            if !info.fields[idx].is_relation() {
                diags.push(Diagnostic::error(
                    "relation-on-scalar",
                    attr.span,
                    format!(
                        "`@relation` can only be used on a field whose type is a model; `{}` is not one",
                        info.fields[idx].name()
                    ),
                ));
                return;
            }
            info.fields[idx].relation = Some(Box::new(relation_args(&mut args, attr.span, diags)));
        }
        ("check", _) => {
            let (expr, map) = check_args(&mut args, diags);
            if let Some(expr) = expr {
                let column = info.fields[idx].column.to_string();
                // Resolved once all @map names are known (see `resolve_checks`).
                info.checks.push(CheckDef {
                    expression: expr.value.to_string(),
                    literal: expr.raw.to_string(),
                    columns: Vec::new(),
                    map,
                    field_column: Some(column),
                    span: expr.span,
                });
            }
        }
        // Native type arguments are positional numbers, read by `native_type` itself.
        (_, Some((source, native_name))) => {
            if source != decls.datasource.name {
                diags.push(Diagnostic::error(
                    "unknown-attribute",
                    attr.name.span,
                    format!(
                        "`@{name}`: native types are written with the datasource's name, `@{}.{native_name}`",
                        decls.datasource.name
                    ),
                ));
                return;
            }
            let f = &info.fields[idx];
            match &f.kind {
                FieldKind::Scalar(s) => {
                    if let Some(t) = native_type(attr, native_name, *s, diags) {
                        info.columns[idx].ty = t;
                    }
                }
                _ => diags.push(Diagnostic::error(
                    "native-type-mismatch",
                    attr.span,
                    format!("native types apply to scalar fields; `{}` is not one", f.name()),
                )),
            }
            return;
        }
        _ => {
            let mut d =
                Diagnostic::error("unknown-attribute", attr.name.span, format!("unknown field attribute `@{name}`"));
            if let Some(s) = closest(name, FIELD_ATTRIBUTES.iter().copied()) {
                d = d.with_help(format!("did you mean `@{s}`?"));
            } else if name.starts_with('@') {
                d = d.with_help("block attributes like `@@index` go on their own line");
            }
            diags.push(d);
            return;
        }
    }
    args.finish(diags);
}

fn relation_args<'a>(args: &mut Args<'a>, span: Span, diags: &mut Vec<Diagnostic>) -> RelationArgs<'a> {
    let mut r = RelationArgs { span: Some(span), ..RelationArgs::default() };
    r.name =
        args.named_or_positional("name").and_then(|e| expect_string(e, "the relation name", diags)).map(str::to_string);
    let field_list = |e: &'a Expr<'a>, what: &str, diags: &mut Vec<Diagnostic>| -> Option<Vec<(&'a str, Span)>> {
        let items = expect_list(e, what, diags)?;
        let mut out = Vec::new();
        for item in items {
            match item {
                Expr::Constant(c, s) => out.push((*c, *s)),
                other => {
                    diags.push(Diagnostic::error(
                        "argument-type",
                        other.span(),
                        format!("{what} lists field names, found {}", other.describe()),
                    ));
                    return None;
                }
            }
        }
        Some(out)
    };
    r.fields = args.named("fields").and_then(|e| field_list(e, "`fields`", diags));
    r.references = args.named("references").and_then(|e| field_list(e, "`references`", diags));
    r.on_delete = args.named("onDelete").and_then(|e| Some((referential_action(e, diags)?, e.span())));
    r.on_update = args.named("onUpdate").and_then(|e| Some((referential_action(e, diags)?, e.span())));
    r.map = map_arg(args, "foreign key", diags);
    r
}

fn referential_action(e: &Expr<'_>, diags: &mut Vec<Diagnostic>) -> Option<ReferentialAction> {
    let c = expect_constant(e, "a referential action", diags)?;
    Some(match c {
        "Cascade" => ReferentialAction::Cascade,
        "Restrict" => ReferentialAction::Restrict,
        "NoAction" => ReferentialAction::NoAction,
        "SetNull" => ReferentialAction::SetNull,
        "SetDefault" => ReferentialAction::SetDefault,
        other => {
            diags.push(
                Diagnostic::error(
                    "invalid-referential-action",
                    e.span(),
                    format!("unknown referential action `{other}`"),
                )
                .with_help("use Cascade, Restrict, NoAction, SetNull or SetDefault"),
            );
            return None;
        }
    })
}
