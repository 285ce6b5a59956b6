//! The typed steps of a plan. A step holds everything its SQL needs (names already resolved, types and
//! defaults already rendered), so rendering never looks at the IR again.

use std::fmt;

use refract_ir::{Check, Extension, ForeignKey, Index, quote_identifier};
use serde::Serialize;

/// How a step runs relative to the migration's transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Transaction {
    /// With the neighbouring steps, in one transaction: all or nothing.
    Shared,
    /// In a transaction of its own, after the previous steps have committed: validations (which would
    /// otherwise scan the table while holding the strong lock of the `NOT VALID` add) and enum values a
    /// later step uses (PostgreSQL refuses a value in the transaction that added it).
    Own,
    /// Outside any transaction block, which PostgreSQL refuses for `CONCURRENTLY`. Retry-safe by
    /// construction (`IF EXISTS` / `IF NOT EXISTS`).
    None,
}

/// A schema-qualified database object name, rendered `"ns"."name"` or `"name"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ObjectName {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    pub name: String,
}

impl ObjectName {
    pub fn new(namespace: Option<&str>, name: &str) -> Self {
        ObjectName { namespace: namespace.map(str::to_string), name: name.to_string() }
    }

    /// The same namespace with another name (what a rename produces).
    pub fn with_name(&self, name: &str) -> Self {
        ObjectName { namespace: self.namespace.clone(), name: name.to_string() }
    }
}

impl fmt::Display for ObjectName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(ns) = &self.namespace {
            write!(f, "{}.", quote_identifier(ns))?;
        }
        f.write_str(&quote_identifier(&self.name))
    }
}

/// A column as `CREATE TABLE` and `ADD COLUMN` write it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnDefinition {
    pub name: String,
    /// The rendered type: `TEXT`, `"Role"[]`, or a serial type for autoincrement columns.
    pub ty: String,
    pub not_null: bool,
    /// The rendered default expression.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
}

/// A column whose type is an enum being rebuilt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnumUsage {
    pub table: ObjectName,
    pub column: String,
    pub array: bool,
    /// The column's default after the migration, set again once the type is swapped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// Whether the column has a default before the migration (it must be dropped before the swap).
    pub had_default: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "on", rename_all = "snake_case")]
pub enum CommentTarget {
    Table { table: ObjectName },
    Column { table: ObjectName, column: String },
    Enum { name: ObjectName },
}

/// One change inside an `ALTER TABLE` step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum TableChange {
    DropPrimaryKey {
        name: String,
    },
    DropColumn {
        column: String,
    },
    AddColumn {
        column: ColumnDefinition,
    },
    DropDefault {
        column: String,
    },
    SetType {
        column: String,
        ty: String,
        using: Option<String>,
    },
    DropNotNull {
        column: String,
    },
    SetNotNull {
        column: String,
    },
    SetDefault {
        column: String,
        default: String,
    },
    AddPrimaryKey {
        name: String,
        columns: Vec<String>,
    },
    /// `CREATE SEQUENCE` before the `ALTER TABLE` (autoincrement added to an existing column).
    CreateSequence {
        sequence: ObjectName,
        ty: String,
    },
    /// `ALTER SEQUENCE ... OWNED BY` after it, so the sequence goes with the column.
    OwnSequence {
        sequence: ObjectName,
        column: String,
    },
    /// `ALTER SEQUENCE ... AS type` after it (an autoincrement column changed its integer type).
    SetSequenceType {
        sequence: ObjectName,
        ty: String,
    },
    /// `DROP SEQUENCE` after it (autoincrement removed).
    DropSequence {
        sequence: ObjectName,
    },
}

/// A step of a migration. The variants follow the order in which a migration runs them ([`Step::phase`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "step")]
pub enum Step {
    /// Safe mode: make every statement give up quickly instead of queueing writes behind a lock.
    SetLockTimeout {
        timeout: String,
    },
    CreateSchema {
        name: String,
    },
    CreateExtension {
        extension: Extension,
    },
    DropExtension {
        name: String,
    },
    CreateEnum {
        name: ObjectName,
        values: Vec<String>,
    },
    RenameEnum {
        from: ObjectName,
        to: String,
    },
    RenameEnumValue {
        name: ObjectName,
        from: String,
        to: String,
    },
    /// `ALTER TYPE ... ADD VALUE`, placed `BEFORE` an existing value unless it goes last. PostgreSQL
    /// refuses to use a value in the transaction that added it, so when a default of the migration uses
    /// it, the step runs on its own and commits first.
    AddEnumValue {
        name: ObjectName,
        value: String,
        before: Option<String>,
        used_by_defaults: bool,
    },
    /// Removing values: a new type, every column cast to it, the old type dropped (as Prisma does).
    RebuildEnum {
        name: ObjectName,
        values: Vec<String>,
        removed: Vec<String>,
        usages: Vec<EnumUsage>,
    },
    DropForeignKey {
        table: ObjectName,
        name: String,
    },
    DropCheck {
        table: ObjectName,
        name: String,
    },
    DropIndex {
        index: ObjectName,
        concurrently: bool,
    },
    RenameTable {
        from: ObjectName,
        to: String,
    },
    RenameSequence {
        from: ObjectName,
        to: String,
    },
    RenameColumn {
        table: ObjectName,
        from: String,
        to: String,
    },
    /// Primary keys, foreign keys and checks (their names follow a renamed table or column).
    RenameConstraint {
        table: ObjectName,
        from: String,
        to: String,
    },
    RenameIndex {
        from: ObjectName,
        to: String,
    },
    AlterTable {
        table: ObjectName,
        changes: Vec<TableChange>,
    },
    DropTable {
        table: ObjectName,
    },
    DropEnum {
        name: ObjectName,
    },
    CreateTable {
        table: ObjectName,
        columns: Vec<ColumnDefinition>,
        primary_key: Option<(String, Vec<String>)>,
    },
    CreateIndex {
        table: ObjectName,
        index: Index,
        concurrently: bool,
    },
    /// Safe mode: a primary key attached to a unique index built concurrently beforehand.
    AddPrimaryKeyUsingIndex {
        table: ObjectName,
        name: String,
    },
    AddForeignKey {
        table: ObjectName,
        foreign_key: ForeignKey,
        referenced: ObjectName,
        not_valid: bool,
    },
    AddCheck {
        table: ObjectName,
        check: Check,
        not_valid: bool,
    },
    ValidateConstraint {
        table: ObjectName,
        name: String,
    },
    /// Safe mode: `SET NOT NULL` once a validated `CHECK (col IS NOT NULL)` proves it, then the check goes.
    SetNotNullUsingCheck {
        table: ObjectName,
        column: String,
        check: String,
    },
    /// `COMMENT ON` from a `///` doc comment (`None`: removed); planned only with
    /// [`crate::PlanOptions::comments`].
    Comment {
        target: CommentTarget,
        text: Option<String>,
    },
}

impl Step {
    /// Where the step runs in a migration. Prisma's order (CreateSchema, extensions, CreateEnum, AlterEnum,
    /// DropForeignKey, DropIndex, AlterTable, DropTable, DropEnum, CreateTable, CreateIndex, AddForeignKey,
    /// RenameIndex) with this project's steps slotted in: drops of checks beside foreign keys, renames after
    /// the drops (which still use the old names) and before `ALTER TABLE` (which uses the new ones), checks
    /// after foreign keys, validation after everything that takes a strong lock.
    pub fn phase(&self) -> u8 {
        match self {
            Step::SetLockTimeout { .. } => 0,
            Step::CreateSchema { .. } => 1,
            Step::CreateExtension { .. } => 2,
            Step::CreateEnum { .. } => 3,
            Step::RenameEnum { .. } => 4,
            Step::RenameEnumValue { .. } | Step::AddEnumValue { .. } | Step::RebuildEnum { .. } => 5,
            Step::DropForeignKey { .. } => 6,
            Step::DropCheck { .. } => 7,
            Step::DropIndex { .. } => 8,
            Step::RenameTable { .. } => 9,
            Step::RenameSequence { .. } | Step::RenameColumn { .. } => 10,
            Step::RenameConstraint { .. } | Step::RenameIndex { .. } => 11,
            Step::AlterTable { .. } => 12,
            Step::DropTable { .. } => 13,
            Step::DropEnum { .. } => 14,
            Step::DropExtension { .. } => 15,
            Step::CreateTable { .. } => 16,
            Step::CreateIndex { .. } => 17,
            Step::AddPrimaryKeyUsingIndex { .. } => 18,
            Step::AddForeignKey { .. } => 19,
            Step::AddCheck { .. } => 20,
            Step::ValidateConstraint { .. } => 21,
            Step::SetNotNullUsingCheck { .. } => 22,
            Step::Comment { .. } => 23,
        }
    }

    /// The comment that heads the step in migration.sql (`-- CreateTable`), Prisma's where Prisma has one.
    pub fn header(&self) -> &'static str {
        match self {
            Step::SetLockTimeout { .. } => "SetLockTimeout",
            Step::CreateSchema { .. } => "CreateSchema",
            Step::CreateExtension { .. } => "CreateExtension",
            Step::DropExtension { .. } => "DropExtension",
            Step::CreateEnum { .. } => "CreateEnum",
            Step::RenameEnum { .. }
            | Step::RenameEnumValue { .. }
            | Step::AddEnumValue { .. }
            | Step::RebuildEnum { .. } => "AlterEnum",
            Step::DropForeignKey { .. } => "DropForeignKey",
            Step::DropCheck { .. } => "DropCheckConstraint",
            Step::DropIndex { .. } => "DropIndex",
            Step::RenameTable { .. } => "RenameTable",
            Step::RenameSequence { .. } => "RenameSequence",
            Step::RenameColumn { .. } => "RenameColumn",
            Step::RenameConstraint { .. } => "RenameConstraint",
            Step::RenameIndex { .. } => "RenameIndex",
            Step::AlterTable { .. } => "AlterTable",
            Step::DropTable { .. } => "DropTable",
            Step::DropEnum { .. } => "DropEnum",
            Step::CreateTable { .. } => "CreateTable",
            Step::CreateIndex { .. } => "CreateIndex",
            Step::AddPrimaryKeyUsingIndex { .. } => "AddPrimaryKey",
            Step::AddForeignKey { .. } => "AddForeignKey",
            Step::AddCheck { .. } => "AddCheckConstraint",
            Step::ValidateConstraint { .. } => "ValidateConstraint",
            Step::SetNotNullUsingCheck { .. } => "SetNotNull",
            Step::Comment { .. } => "Comment",
        }
    }

    /// How the step runs relative to the migration's transaction.
    pub fn transaction(&self) -> Transaction {
        match self {
            Step::CreateIndex { concurrently: true, .. } | Step::DropIndex { concurrently: true, .. } => {
                Transaction::None
            }
            Step::ValidateConstraint { .. } => Transaction::Own,
            Step::AddEnumValue { used_by_defaults: true, .. } => Transaction::Own,
            _ => Transaction::Shared,
        }
    }
    /// One line for the human summary of a plan.
    pub fn describe(&self) -> String {
        match self {
            Step::SetLockTimeout { timeout } => format!("set lock_timeout to {timeout}"),
            Step::CreateSchema { name } => format!("create schema {}", quote_identifier(name)),
            Step::CreateExtension { extension } => format!("create extension {}", quote_identifier(&extension.name)),
            Step::DropExtension { name } => format!("drop extension {}", quote_identifier(name)),
            Step::CreateEnum { name, values } => format!("create enum {name} ({})", values.join(", ")),
            Step::RenameEnum { from, to } => format!("rename enum {from} to {}", quote_identifier(to)),
            Step::RenameEnumValue { name, from, to } => format!("rename value {from} of enum {name} to {to}"),
            Step::AddEnumValue { name, value, .. } => format!("add value {value} to enum {name}"),
            Step::RebuildEnum { name, removed, .. } => {
                format!("rebuild enum {name} without {} (columns are cast to the new type)", removed.join(", "))
            }
            Step::DropForeignKey { table, name } => format!("drop foreign key {} on {table}", quote_identifier(name)),
            Step::DropCheck { table, name } => format!("drop check {} on {table}", quote_identifier(name)),
            Step::DropIndex { index, .. } => format!("drop index {index}"),
            Step::RenameTable { from, to } => format!("rename table {from} to {}", quote_identifier(to)),
            Step::RenameSequence { from, to } => format!("rename sequence {from} to {}", quote_identifier(to)),
            Step::RenameColumn { table, from, to } => {
                format!("rename column {table}.{} to {}", quote_identifier(from), quote_identifier(to))
            }
            Step::RenameConstraint { table, from, to } => {
                format!("rename constraint {} on {table} to {}", quote_identifier(from), quote_identifier(to))
            }
            Step::RenameIndex { from, to } => format!("rename index {from} to {}", quote_identifier(to)),
            Step::AlterTable { table, changes } => {
                let parts: Vec<String> = changes.iter().map(TableChange::describe).collect();
                format!("alter table {table}: {}", parts.join("; "))
            }
            Step::DropTable { table } => format!("drop table {table}"),
            Step::DropEnum { name } => format!("drop enum {name}"),
            Step::CreateTable { table, columns, .. } => format!("create table {table} ({} columns)", columns.len()),
            Step::CreateIndex { index, table, concurrently } => format!(
                "create {}index {} on {table}{}",
                if index.unique { "unique " } else { "" },
                quote_identifier(&index.name),
                if *concurrently { " concurrently" } else { "" }
            ),
            Step::AddPrimaryKeyUsingIndex { table, name } => {
                format!("attach primary key {} to {table}", quote_identifier(name))
            }
            Step::AddForeignKey { table, foreign_key, referenced, not_valid } => format!(
                "add foreign key {} on {table} referencing {referenced}{}",
                quote_identifier(&foreign_key.name),
                if *not_valid { " (NOT VALID)" } else { "" }
            ),
            Step::AddCheck { table, check, not_valid } => format!(
                "add check {} on {table}{}",
                quote_identifier(&check.name),
                if *not_valid { " (NOT VALID)" } else { "" }
            ),
            Step::ValidateConstraint { table, name } => {
                format!("validate constraint {} on {table}", quote_identifier(name))
            }
            Step::SetNotNullUsingCheck { table, column, .. } => {
                format!("make {table}.{} NOT NULL (proved by a validated check)", quote_identifier(column))
            }
            Step::Comment { target, text } => {
                let on = match target {
                    CommentTarget::Table { table } => format!("table {table}"),
                    CommentTarget::Column { table, column } => format!("column {table}.{}", quote_identifier(column)),
                    CommentTarget::Enum { name } => format!("enum {name}"),
                };
                match text {
                    Some(_) => format!("set the comment on {on}"),
                    None => format!("remove the comment on {on}"),
                }
            }
        }
    }
}

impl TableChange {
    fn describe(&self) -> String {
        let q = |c: &String| quote_identifier(c);
        match self {
            TableChange::DropPrimaryKey { name } => format!("drop primary key {}", q(name)),
            TableChange::DropColumn { column } => format!("drop column {}", q(column)),
            TableChange::AddColumn { column } => format!("add column {} {}", q(&column.name), column.ty),
            TableChange::DropDefault { column } => format!("drop default of {}", q(column)),
            TableChange::SetType { column, ty, .. } => format!("change type of {} to {ty}", q(column)),
            TableChange::DropNotNull { column } => format!("make {} optional", q(column)),
            TableChange::SetNotNull { column } => format!("make {} required", q(column)),
            TableChange::SetDefault { column, default } => format!("set default of {} to {default}", q(column)),
            TableChange::AddPrimaryKey { name, .. } => format!("add primary key {}", q(name)),
            TableChange::CreateSequence { sequence, .. } => format!("create sequence {sequence}"),
            TableChange::OwnSequence { sequence, column } => format!("sequence {sequence} owned by {}", q(column)),
            TableChange::SetSequenceType { sequence, ty } => format!("sequence {sequence} as {ty}"),
            TableChange::DropSequence { sequence } => format!("drop sequence {sequence}"),
        }
    }
}
