//! The IR: what a schema means for PostgreSQL, and nothing else.
//!
//! Everything here uses database names (after `@map`/`@@map`), resolved column types and fully computed
//! constraint and index names, so later stages (differ, renderer, introspection, codegen) never look at the
//! Prisma syntax again. Collections are [`IndexMap`]s in schema order, so serialising the same schema
//! always gives the same bytes (the migration snapshots rely on it).
//!
//! Architecture invariant: two schemas that produce the same database produce equal IR values, except
//! for the schema-side names kept for code generation (`model`, `field`) and application-side defaults.

mod naming;
mod types;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

pub use naming::{
    MAX_IDENTIFIER_BYTES, constraint_name, postgres_check_name, postgres_sequence_name, truncate_to_bytes,
};
pub use types::{ColumnType, quote_identifier, quote_literal};

/// A whole database schema as the Prisma file describes it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Schema {
    /// Extensions listed in the datasource (`extensions = [pg_trgm]`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extensions: Vec<Extension>,
    /// Non-default database schemas listed in the datasource (`schemas = [...]`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub namespaces: Vec<String>,
    /// Keyed by database name (qualified as `schema.name` when `@@schema` is used).
    pub enums: IndexMap<String, Enum>,
    /// Keyed by database name (qualified as `schema.name` when `@@schema` is used).
    pub tables: IndexMap<String, Table>,
    /// Views (`view` blocks, Prisma's `views` preview feature), keyed like tables. As in Prisma, their
    /// SQL is the user's, written by hand in a migration: planning never creates, changes or compares
    /// them. Each holds its columns, and the `@id`/`@unique` the schema declares (which are no
    /// constraints in the database), for code generation and `db pull`.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub views: IndexMap<String, Table>,
    /// The schema manages partial indexes: Prisma's `partialIndexes` preview feature is on, or an index
    /// declares `where:`. Then predicates are compared and a partial index the schema does not declare
    /// is dropped. Otherwise, as Prisma without the feature, predicates are not compared and a partial
    /// index (one a team added by hand) is never dropped.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub partial_indexes: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enum {
    /// Database type name.
    pub name: String,
    /// The enum's name in the schema (differs from `name` with `@@map`).
    pub schema_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    pub values: Vec<EnumValue>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnumValue {
    /// The value stored in the database (after `@map`).
    pub name: String,
    /// The value's name in the schema.
    pub schema_name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// Database table name.
    pub name: String,
    /// The model this table comes from; `None` for implicit many-to-many join tables.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// Keyed by database column name.
    pub columns: IndexMap<String, Column>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_key: Option<PrimaryKey>,
    /// Unique and non-unique indexes (Prisma creates uniques as `CREATE UNIQUE INDEX`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indexes: Vec<Index>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub foreign_keys: Vec<ForeignKey>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<Check>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The model's relation fields, for code generation (the database knows foreign keys only; a
    /// relation to a view, or under `relationMode = "prisma"`, has none). Never planned or compared.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<RelationField>,
}

impl Table {
    pub fn new(name: impl Into<String>) -> Self {
        Table {
            name: name.into(),
            model: None,
            namespace: None,
            columns: IndexMap::new(),
            primary_key: None,
            indexes: Vec::new(),
            foreign_keys: Vec::new(),
            checks: Vec::new(),
            comment: None,
            relations: Vec::new(),
        }
    }
}

/// A relation field of a model, as the schema declares it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelationField {
    /// The field's name in the schema (`customer`, `orders`).
    pub field: String,
    /// The related model's table: its key in [`Schema::tables`] (or [`Schema::views`]).
    pub target: String,
    pub kind: RelationKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// This table holds the key: its `columns` reference the target's `referenced` columns.
    Holds { columns: Vec<String>, referenced: Vec<String> },
    /// The target holds the key: the target's `columns` reference this table's `referenced` columns.
    /// `many`: a list field (one-to-many); otherwise one-to-one.
    HeldBy { columns: Vec<String>, referenced: Vec<String>, many: bool },
    /// An implicit many-to-many relation through Prisma's join table `join` (a key in
    /// [`Schema::tables`]): this table's id is in its column `own` (`A` or `B`), the target's in `other`.
    /// `id` and `target_id` are the two ids' columns.
    ManyToMany { join: String, own: String, other: String, id: String, target_id: String },
}

/// Serialised without `field` when it is the column's name (most columns): snapshots hold one line
/// per column, and a large schema has tens of thousands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(into = "ColumnRepr", from = "ColumnRepr")]
pub struct Column {
    /// Database column name.
    pub name: String,
    /// The field this column comes from (differs from `name` with `@map`).
    pub field: String,
    pub ty: ColumnType,
    /// A list field (`Type[]`): a PostgreSQL array of `ty`.
    pub array: bool,
    pub nullable: bool,
    pub default: Option<ColumnDefault>,
    /// `@default(autoincrement())`: rendered as SMALLSERIAL/SERIAL/BIGSERIAL, backed by a sequence.
    pub autoincrement: bool,
    /// Filled by the application, not the database (`uuid()`, `cuid()`, `@updatedAt`, ...). Not part of
    /// the database schema; kept for code generation.
    pub generated_by_client: Option<ClientDefault>,
    pub comment: Option<String>,
}

/// [`Column`] as serialised: `field` only when it differs from `name`.
#[derive(Serialize, Deserialize)]
struct ColumnRepr {
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    field: Option<String>,
    #[serde(rename = "type")]
    ty: ColumnType,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    array: bool,
    nullable: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    default: Option<ColumnDefault>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    autoincrement: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    generated_by_client: Option<ClientDefault>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    comment: Option<String>,
}

impl From<Column> for ColumnRepr {
    fn from(c: Column) -> ColumnRepr {
        ColumnRepr {
            field: (c.field != c.name).then_some(c.field),
            name: c.name,
            ty: c.ty,
            array: c.array,
            nullable: c.nullable,
            default: c.default,
            autoincrement: c.autoincrement,
            generated_by_client: c.generated_by_client,
            comment: c.comment,
        }
    }
}

impl From<ColumnRepr> for Column {
    fn from(c: ColumnRepr) -> Column {
        Column {
            field: c.field.unwrap_or_else(|| c.name.clone()),
            name: c.name,
            ty: c.ty,
            array: c.array,
            nullable: c.nullable,
            default: c.default,
            autoincrement: c.autoincrement,
            generated_by_client: c.generated_by_client,
            comment: c.comment,
        }
    }
}

/// A default the database applies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum ColumnDefault {
    /// A string literal (also JSON, Bytes, DateTime and Decimal-as-string defaults), unescaped.
    String(String),
    /// A numeric literal, as written.
    Number(String),
    Boolean(bool),
    /// An enum value, by its database name.
    EnumValue(String),
    /// `now()`: `CURRENT_TIMESTAMP`.
    Now,
    /// `dbgenerated("expr")`: the SQL expression as written. `None` for `dbgenerated()` (a default the
    /// schema does not manage).
    DbGenerated(Option<String>),
    /// A list default (`@default([1, 2])`).
    List(Vec<ColumnDefault>),
}

/// A default the application fills in when it inserts a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClientDefault {
    Uuid,
    Cuid,
    Ulid,
    Nanoid,
    UpdatedAt,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrimaryKey {
    pub name: String,
    pub columns: Vec<IndexColumn>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    pub name: String,
    pub unique: bool,
    pub columns: Vec<IndexColumn>,
    #[serde(default, skip_serializing_if = "IndexMethod::is_btree")]
    pub method: IndexMethod,
    /// `where: raw("...")`: a partial index's predicate, as SQL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predicate: Option<String>,
    /// `@@unique(name: "...")`: the client's name for the key, for generated lookups (not a database
    /// name; never compared).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexColumn {
    pub name: String,
    #[serde(default, skip_serializing_if = "SortOrder::is_asc")]
    pub sort: SortOrder,
    /// Operator class (`ops: raw("text_pattern_ops")` or a named one such as `JsonbPathOps`), as SQL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ops: Option<String>,
}

impl IndexColumn {
    pub fn plain(name: impl Into<String>) -> Self {
        IndexColumn { name: name.into(), sort: SortOrder::Asc, ops: None }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum SortOrder {
    #[default]
    Asc,
    Desc,
}

impl SortOrder {
    fn is_asc(&self) -> bool {
        *self == SortOrder::Asc
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum IndexMethod {
    #[default]
    BTree,
    Hash,
    Gist,
    Gin,
    SpGist,
    Brin,
}

impl IndexMethod {
    fn is_btree(&self) -> bool {
        *self == IndexMethod::BTree
    }

    /// The keyword after `USING`.
    pub fn sql(self) -> &'static str {
        match self {
            IndexMethod::BTree => "BTREE",
            IndexMethod::Hash => "HASH",
            IndexMethod::Gist => "GIST",
            IndexMethod::Gin => "GIN",
            IndexMethod::SpGist => "SPGIST",
            IndexMethod::Brin => "BRIN",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForeignKey {
    pub name: String,
    pub columns: Vec<String>,
    /// Key of the referenced table in [`Schema::tables`].
    pub referenced_table: String,
    pub referenced_columns: Vec<String>,
    pub on_delete: ReferentialAction,
    pub on_update: ReferentialAction,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReferentialAction {
    Cascade,
    Restrict,
    NoAction,
    SetNull,
    SetDefault,
}

impl ReferentialAction {
    pub fn sql(self) -> &'static str {
        match self {
            ReferentialAction::Cascade => "CASCADE",
            ReferentialAction::Restrict => "RESTRICT",
            ReferentialAction::NoAction => "NO ACTION",
            ReferentialAction::SetNull => "SET NULL",
            ReferentialAction::SetDefault => "SET DEFAULT",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    pub name: String,
    /// The SQL expression with field names already replaced by quoted column names.
    pub expression: String,
}
