//! Enum blocks: values (with `@map`), `@@map` and `@@schema`.

use refract_diagnostics::Diagnostic;
use refract_ir::{Enum, EnumValue};

use super::args;
use super::config::Datasource;
use super::namespaces;
use super::naming::truncated_name;
use super::records::EnumInfo;
use crate::ast::{Block, Member};

pub(crate) fn enum_block(
    block: &Block<'_>,
    doc: Option<String>,
    ds: &Datasource,
    diags: &mut Vec<Diagnostic>,
) -> (EnumInfo, Enum) {
    let mut info = EnumInfo { db_name: block.name.name.to_string(), namespace: None, values: Vec::new() };
    let mut seen_attrs: Vec<&str> = Vec::new();
    let mut has_schema = false;
    for member in &block.members {
        match member {
            Member::Field(f) => {
                if let Some(ty) = &f.ty {
                    diags.push(Diagnostic::error(
                        "syntax",
                        ty.span,
                        format!("enum values have no type: write `{}` alone on its line", f.name.name),
                    ));
                    continue;
                }
                if info.values.iter().any(|(n, _)| n == f.name.name) {
                    diags.push(Diagnostic::error(
                        "duplicate-enum-value",
                        f.name.span,
                        format!("value `{}` is already defined in enum `{}`", f.name.name, block.name.name),
                    ));
                    continue;
                }
                let mut db = f.name.name.to_string();
                for attr in &f.attributes {
                    let mut a = args::Args::new(attr, "@");
                    match attr.name.name {
                        "map" => {
                            if let Some(v) =
                                a.named_or_positional("name").and_then(|e| args::expect_string(e, "`@map`", diags))
                            {
                                db = v.to_string();
                            }
                        }
                        "ignore" => {}
                        other => diags.push(Diagnostic::error(
                            "unknown-attribute",
                            attr.name.span,
                            format!("`@{other}` cannot be used on an enum value; only `@map` can"),
                        )),
                    }
                    a.finish(diags);
                }
                if db.len() > refract_ir::MAX_IDENTIFIER_BYTES {
                    diags.push(Diagnostic::error(
                        "name-too-long",
                        f.span,
                        format!("the enum value `{db}` is {} bytes long; PostgreSQL allows at most 63", db.len()),
                    ));
                }
                if let Some((other, _)) = info.values.iter().find(|(_, d)| *d == db) {
                    diags.push(Diagnostic::error(
                        "duplicate-enum-value",
                        f.span,
                        format!("value `{}` maps to `{db}`, which `{other}` already uses", f.name.name),
                    ));
                }
                info.values.push((f.name.name.to_string(), db));
            }
            Member::Attribute(attr) => {
                let n = attr.name.name;
                if matches!(n, "map" | "schema") && seen_attrs.contains(&n) {
                    diags.push(Diagnostic::error(
                        "duplicate-attribute",
                        attr.span,
                        format!("`@@{n}` can only be used once per enum"),
                    ));
                    continue;
                }
                seen_attrs.push(n);
                let mut a = args::Args::new(attr, "@@");
                match n {
                    "map" => {
                        if let Some(v) = args::required(
                            &mut a,
                            "name",
                            "the database name of the type, like `@@map(\"mood\")`",
                            diags,
                        )
                        .and_then(|e| args::expect_string(e, "`@@map`", diags))
                        {
                            info.db_name = v.to_string();
                        }
                    }
                    "schema" => {
                        has_schema = true;
                        if let Some(v) = namespaces::schema_attribute(&mut a, ds, diags) {
                            info.namespace = Some(v);
                        }
                    }
                    other => diags.push(Diagnostic::error(
                        "unknown-attribute",
                        attr.name.span,
                        format!("`@@{other}` cannot be used on an enum; `@@map` and `@@schema` can"),
                    )),
                }
                a.finish(diags);
            }
            Member::Property(p) => {
                diags.push(Diagnostic::error("syntax", p.span, "an enum lists values, one per line"))
            }
            _ => {}
        }
    }
    namespaces::require_schema("enum", block.name.name, block.name.span, has_schema, ds, diags);
    if let Some(cut) = truncated_name(&info.db_name, block.name.span, "type", diags) {
        info.db_name = cut;
    }
    if info.values.is_empty() {
        diags.push(
            Diagnostic::error("empty-enum", block.name.span, format!("enum `{}` has no values", block.name.name))
                .with_help("an enum needs at least one value"),
        );
    }
    let ir = Enum {
        name: info.db_name.clone(),
        schema_name: block.name.name.to_string(),
        namespace: info.namespace.clone(),
        values: info.values.iter().map(|(s, d)| EnumValue { name: d.clone(), schema_name: s.clone() }).collect(),
        comment: doc,
    };
    (info, ir)
}
