//! A model's fields and attributes, checked and resolved into a [`ModelInfo`].
//!
//! The records here are what the later steps read (relations, the IR); the work is in the modules
//! beside this one: `fields` (a field's type), `field_attributes`, `block_attributes`,
//! `attribute_args` (arguments those share) and `naming`.

use std::borrow::Cow;

use refract_diagnostics::{Diagnostic, Span};
use refract_ir::{ClientDefault, ColumnDefault, ColumnType, IndexColumn, IndexMethod, ReferentialAction, SortOrder};

use super::block_attributes::block_attribute;
use super::field_attributes::field_attribute;
use super::fields::field;
use super::namespaces;
use super::naming::truncated_name;
use super::scalars::Scalar;
use super::{Decls, docs_before};
use crate::ast::{Arity, Attribute, Block, BlockKind, Field, Member};

#[derive(Debug)]
pub(crate) enum FieldKind<'a> {
    Scalar(Scalar),
    /// By the enum's name in the schema.
    Enum(&'a str),
    /// By the target model's name.
    Relation(&'a str),
    Unsupported(String),
}

/// A field, resolved: what the checks of its model and of the relations need. What only its column
/// needs is in [`ColumnParts`].
#[derive(Debug)]
pub(crate) struct FieldInfo<'a> {
    pub ast: &'a Field<'a>,
    /// The database name (the field name or its `@map`), borrowed from the tree unless cut to 63 bytes.
    pub column: Cow<'a, str>,
    pub kind: FieldKind<'a>,
    pub arity: Arity,
    /// Boxed: most fields have none, and a large schema holds tens of thousands of these at once.
    pub relation: Option<Box<RelationArgs<'a>>>,
}

/// The parts of a field's column that nothing but the column needs. They are kept apart from the
/// [`FieldInfo`]s and moved into the IR when the table is built, so a large schema's records shrink as
/// its IR grows instead of holding the same data twice at the peak.
#[derive(Debug)]
pub(crate) struct ColumnParts {
    /// The resolved column type (meaningless for relation fields).
    pub ty: ColumnType,
    pub default: Option<ColumnDefault>,
    pub client_default: Option<ClientDefault>,
    pub autoincrement: bool,
    pub doc: Option<String>,
}

impl<'a> FieldInfo<'a> {
    /// The field's name (read from the tree, not kept twice: a large schema has tens of thousands).
    pub fn name(&self) -> &'a str {
        self.ast.name.name
    }

    pub fn is_relation(&self) -> bool {
        matches!(self.kind, FieldKind::Relation(_))
    }

    pub fn is_required(&self) -> bool {
        self.arity == Arity::Required
    }

    pub fn is_list(&self) -> bool {
        self.arity == Arity::List
    }
}

/// `@relation(...)` as written.
#[derive(Debug, Default)]
pub(crate) struct RelationArgs<'a> {
    pub name: Option<String>,
    pub fields: Option<Vec<(&'a str, Span)>>,
    pub references: Option<Vec<(&'a str, Span)>>,
    /// Each with the span of the value as written.
    pub on_delete: Option<(ReferentialAction, Span)>,
    pub on_update: Option<(ReferentialAction, Span)>,
    pub map: Option<String>,
    pub span: Option<Span>,
}

/// A primary key, unique constraint or index as declared, before names are computed.
#[derive(Debug)]
pub(crate) struct KeyDef {
    /// Indexes into `ModelInfo::fields`, with sort and operator class.
    pub fields: Vec<(usize, SortOrder, Option<String>)>,
    pub map: Option<String>,
    pub method: IndexMethod,
    pub predicate: Option<String>,
    pub span: Span,
    /// Declared on a field (`@unique`), not on the model (`@@unique`, `@@index`, `@@id`).
    pub on_field: bool,
    /// `@@unique(name: "...")`: the client's name for the key (generated lookups take it).
    pub client_name: Option<String>,
}

#[derive(Debug)]
pub(crate) struct CheckDef {
    /// The SQL as written in the schema until [`resolve_checks`] rewrites it with column names.
    pub expression: String,
    /// The string literal as written (quotes and escapes included), to point into it.
    pub literal: String,
    /// Database names of the columns the expression uses (filled by [`resolve_checks`]).
    pub columns: Vec<String>,
    pub map: Option<String>,
    /// The column of a field-level `@check`, which PostgreSQL uses in the default name.
    pub field_column: Option<String>,
    pub span: Span,
}

#[derive(Debug)]
pub(crate) struct ModelInfo<'a> {
    pub block: &'a Block<'a>,
    pub name: &'a str,
    /// A `view` block: checked as a model is, plus the rules of `views`; its table is a view's.
    pub view: bool,
    pub table: String,
    pub namespace: Option<String>,
    pub ignored: bool,
    pub fields: Vec<FieldInfo<'a>>,
    /// One per field, in the same order; taken (left empty) when the table is built.
    pub columns: Vec<ColumnParts>,
    pub id: Option<KeyDef>,
    pub uniques: Vec<KeyDef>,
    pub indexes: Vec<KeyDef>,
    pub checks: Vec<CheckDef>,
    pub doc: Option<String>,
}

impl ModelInfo<'_> {
    /// Unique constraints and indexes in the order Prisma creates them: field `@unique`s, then
    /// `@@index`es, then `@@unique`s (each in declaration order). The flag says whether it is unique.
    pub fn indexes_in_prisma_order(&self) -> impl Iterator<Item = (&KeyDef, bool)> {
        let field_uniques = self.uniques.iter().filter(|d| d.on_field).map(|d| (d, true));
        let indexes = self.indexes.iter().map(|d| (d, false));
        let block_uniques = self.uniques.iter().filter(|d| !d.on_field).map(|d| (d, true));
        field_uniques.chain(indexes).chain(block_uniques)
    }
}

impl<'a> ModelInfo<'a> {
    pub fn field(&self, name: &str) -> Option<(usize, &FieldInfo<'a>)> {
        self.fields.iter().enumerate().find(|(_, f)| f.name() == name)
    }
}

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
