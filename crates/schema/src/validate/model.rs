//! A model's fields and attributes, checked and resolved into a [`ModelInfo`], in a fixed order.
//!
//! The records (in `records`) are what the later steps read (relations, the IR); the work is in the
//! modules beside this one: `fields` (a field's type), `field_attributes`, `block_attributes`,
//! `attribute_args` (arguments those share) and `naming`.

use std::borrow::Cow;

use refract_diagnostics::Diagnostic;
use refract_ir::{IndexColumn, SortOrder};

use super::block_attributes::block_attribute;
use super::docs::docs_before;
use super::field_attributes::field_attribute;
use super::fields::field;
use super::namespaces;
use super::naming::truncated_name;
use super::records::{Decls, ModelInfo};
use crate::ast::{Attribute, Block, BlockKind, Member};

pub(crate) fn model<'a>(block: &'a Block<'a>, decls: &Decls<'a>, diags: &mut Vec<Diagnostic>) -> ModelInfo<'a> {
    // Exactly one record per field: the records of a large schema are all alive until its IR is built.
    let field_count = block.members.iter().filter(|m| matches!(m, Member::Field(_))).count();
    let mut info = ModelInfo {
        block,
        name: block.name.name,
        view: block.kind == BlockKind::View,
        table: block.name.name.to_string(),
        namespace: None,
        ignored: false,
        fields: Vec::with_capacity(field_count),
        columns: Vec::with_capacity(field_count),
        id: None,
        uniques: Vec::new(),
        indexes: Vec::new(),
        checks: Vec::new(),
        doc: None,
    };

    // Fields first: block attributes refer to them.
    let mut field_attrs: Vec<Vec<&'a Attribute<'a>>> = Vec::with_capacity(field_count);
    for (i, member) in block.members.iter().enumerate() {
        match member {
            Member::Field(f) => {
                if let Some(previous) = info.fields.iter().find(|p| p.name() == f.name.name) {
                    let _ = previous;
                    diags.push(Diagnostic::error(
                        "duplicate-field",
                        f.name.span,
                        format!(
                            "field `{}` is already defined in {} `{}`",
                            f.name.name,
                            block.kind.keyword(),
                            info.name
                        ),
                    ));
                    continue;
                }
                if let Some((fi, parts)) = field(f, docs_before(&block.members, i), decls, diags) {
                    field_attrs.push(f.attributes.iter().collect());
                    info.fields.push(fi);
                    info.columns.push(parts);
                }
            }
            Member::Property(p) => diags.push(Diagnostic::error(
                "syntax",
                p.span,
                format!("`key = value` lines belong in a datasource or generator, not in a {}", block.kind.keyword()),
            )),
            _ => {}
        }
    }

    // Field attributes that need the whole model (unique, id, check, default on enums).
    for (idx, attrs) in field_attrs.into_iter().enumerate() {
        for attr in attrs {
            field_attribute(&mut info, idx, attr, decls, diags);
        }
    }

    let mut seen_block_attrs: Vec<&str> = Vec::new();
    for member in &block.members {
        if let Member::Attribute(attr) = member {
            let n = attr.name.name;
            if matches!(n, "map" | "ignore" | "schema" | "id") && seen_block_attrs.contains(&n) {
                diags.push(Diagnostic::error(
                    "duplicate-attribute",
                    attr.span,
                    format!("`@@{n}` can only be used once per {}", block.kind.keyword()),
                ));
                continue;
            }
            seen_block_attrs.push(n);
            block_attribute(&mut info, attr, decls, diags);
        }
    }

    if info.view {
        super::views::check(&info, diags);
    }

    let has_schema = block.members.iter().any(|m| matches!(m, Member::Attribute(a) if a.name.name == "schema"));
    namespaces::require_schema(block.kind.keyword(), info.name, block.name.span, has_schema, &decls.datasource, diags);

    if let Some(cut) = truncated_name(&info.table, block.name.span, "table", diags) {
        info.table = cut;
    }
    for f in info.fields.iter_mut().filter(|f| !f.is_relation()) {
        if let Some(cut) = truncated_name(&f.column, f.ast.name.span, "column", diags) {
            f.column = Cow::Owned(cut);
        }
    }

    // Column names must be unique after @map.
    for (i, f) in info.fields.iter().enumerate() {
        if f.is_relation() {
            continue;
        }
        if let Some(other) = info.fields[..i].iter().find(|o| !o.is_relation() && o.column == f.column) {
            diags.push(Diagnostic::error(
                "duplicate-column",
                f.ast.span,
                format!(
                    "field `{}` maps to column `{}`, which field `{}` already uses",
                    f.name(),
                    f.column,
                    other.name()
                ),
            ));
        }
    }

    // Alive until the IR is built, with every other model's: no spare room (see `table`).
    info.uniques.shrink_to_fit();
    info.indexes.shrink_to_fit();
    info.checks.shrink_to_fit();
    info
}

/// Resolve `@check`/`@@check` expressions now that every field's column name is known.
pub(crate) fn resolve_checks(info: &mut ModelInfo<'_>, diags: &mut Vec<Diagnostic>) {
    use super::check::{CheckColumn, rewrite};
    if info.checks.is_empty() {
        return;
    }
    let columns: Vec<CheckColumn<'_>> = info
        .fields
        .iter()
        .filter(|f| !f.is_relation())
        .map(|f| CheckColumn { field: f.name(), column: &f.column })
        .collect();
    let mut resolved = Vec::new();
    for mut check in std::mem::take(&mut info.checks) {
        if let Some(r) = rewrite(&check.expression, &check.literal, check.span.start(), info.name, &columns, diags) {
            check.expression = r.expression;
            check.columns = r.columns;
            resolved.push(check);
        }
    }
    info.checks = resolved;
}

pub(crate) fn index_column(info: &ModelInfo<'_>, (idx, sort, ops): &(usize, SortOrder, Option<String>)) -> IndexColumn {
    IndexColumn { name: info.fields[*idx].column.to_string(), sort: *sort, ops: ops.clone() }
}
