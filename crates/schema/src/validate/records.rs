//! The records validation's steps share: the declarations every step looks names up by (`Decls`, with
//! each enum's `EnumInfo`), a model's records as `model` resolves them (`ModelInfo`, its `FieldInfo`s,
//! `ColumnParts`, `KeyDef`s and `CheckDef`s) and the names the IR gives out (`NameRegistry`). The steps
//! depend on this module, never on each other's types.

use std::borrow::Cow;

use indexmap::IndexMap;
use refract_diagnostics::{Diagnostic, Span};
use refract_ir::{ClientDefault, ColumnDefault, ColumnType, IndexMethod, ReferentialAction, SortOrder};

use super::config::Datasource;
use super::scalars::Scalar;
use crate::ast::{Arity, Block, Field};

/// An enum, resolved.
#[derive(Debug)]
pub(crate) struct EnumInfo {
    pub db_name: String,
    pub namespace: Option<String>,
    /// (schema name, database name) of each value.
    pub values: Vec<(String, String)>,
}

impl EnumInfo {
    /// The key of this enum in [`Schema::enums`].
    pub fn qualified_name(&self) -> String {
        qualify(self.namespace.as_deref(), &self.db_name)
    }
}

pub(crate) fn qualify(namespace: Option<&str>, name: &str) -> String {
    match namespace {
        Some(ns) => format!("{ns}.{name}"),
        None => name.to_string(),
    }
}

/// The names every later step looks things up by.
pub(crate) struct Decls<'a> {
    pub models: IndexMap<&'a str, &'a Block<'a>>,
    pub enums: IndexMap<&'a str, EnumInfo>,
    pub datasource: Datasource,
}

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
    /// The SQL as written in the schema until `model::resolve_checks` rewrites it with column names.
    pub expression: String,
    /// The string literal as written (quotes and escapes included), to point into it.
    pub literal: String,
    /// Database names of the columns the expression uses (filled by `model::resolve_checks`).
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

/// Every constraint and index name given out, to report clashes the database would refuse.
/// Index names (primary keys, unique and plain indexes) share one namespace per database schema;
/// constraint names (primary key, foreign keys, checks) one per table.
#[derive(Default)]
pub(crate) struct NameRegistry {
    relations: IndexMap<(Option<String>, String), String>,
    constraints: IndexMap<(String, String), ()>,
}

impl NameRegistry {
    pub fn index_like(
        &mut self,
        namespace: Option<&str>,
        name: &str,
        table: &str,
        span: Span,
        diags: &mut Vec<Diagnostic>,
    ) {
        let key = (namespace.map(str::to_string), name.to_string());
        if let Some(other) = self.relations.get(&key) {
            diags.push(
                Diagnostic::error("duplicate-constraint-name", span, format!("the name `{name}` is already used by an index or key on table `{other}`"))
                    .with_help("index and key names are shared by the whole database schema: give this one a different name with `map:`"),
            );
        } else {
            self.relations.insert(key, table.to_string());
        }
    }

    pub fn constraint(&mut self, table_key: &str, name: &str, span: Span, diags: &mut Vec<Diagnostic>) {
        if self.constraints.insert((table_key.to_string(), name.to_string()), ()).is_some() {
            diags.push(
                Diagnostic::error(
                    "duplicate-constraint-name",
                    span,
                    format!("table `{table_key}` already has a constraint named `{name}`"),
                )
                .with_help("give this one a different name with `map:`"),
            );
        }
    }
}
