//! Warnings: steps that can lose data or fail on the rows a table already holds. Each carries a query
//! that counts the rows concerned, so a caller with a database at hand can say how many, and refuse to
//! start a migration that cannot succeed, before anything runs.

use refract_ir::quote_identifier;
use serde::Serialize;

use crate::step::ObjectName;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WarningKind {
    DropTable {
        table: String,
    },
    DropColumn {
        table: String,
        column: String,
    },
    /// The type change has no cast: the column is dropped and added again.
    RecreateColumn {
        table: String,
        column: String,
    },
    /// The type change casts the values and may fail or lose precision.
    CastColumn {
        table: String,
        column: String,
        from: String,
        to: String,
    },
    RemoveEnumValues {
        name: String,
        values: Vec<String>,
    },
    AddRequiredColumn {
        table: String,
        column: String,
    },
    MakeRequired {
        table: String,
        column: String,
    },
    AddUnique {
        table: String,
        columns: Vec<String>,
        /// A partial unique index's predicate: only the rows it holds must be unique.
        #[serde(skip_serializing_if = "Option::is_none")]
        predicate: Option<String>,
    },
    AddCheck {
        table: String,
        name: String,
    },
    ChangePrimaryKey {
        table: String,
    },
}

/// A warning, and the count query that makes it precise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    #[serde(flatten)]
    pub kind: WarningKind,
    /// `SELECT` of one `bigint`: the rows the warning is about (None when no count says more).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count_sql: Option<String>,
}

impl Warning {
    pub(crate) fn new(kind: WarningKind, count_sql: Option<String>) -> Self {
        Warning { kind, count_sql }
    }

    /// The message without a database, worded as Prisma words it where Prisma has the warning.
    pub fn message(&self) -> String {
        match &self.kind {
            WarningKind::DropTable { table } => format!(
                "You are about to drop the `{table}` table. If the table is not empty, all the data it contains will be lost."
            ),
            WarningKind::DropColumn { table, column } => format!(
                "You are about to drop the column `{column}` on the `{table}` table. All the data in the column will be lost."
            ),
            WarningKind::RecreateColumn { table, column } => format!(
                "The `{column}` column on the `{table}` table would be dropped and recreated. This will lead to data loss."
            ),
            WarningKind::CastColumn { table, column, from, to } => format!(
                "You are about to alter the column `{column}` on the `{table}` table. The data in that column could be lost. The data in that column will be cast from `{from}` to `{to}`."
            ),
            WarningKind::RemoveEnumValues { name, values } => format!(
                "The values [{}] on the enum `{name}` will be removed. If these variants are still used in the database, this will fail.",
                values.join(",")
            ),
            WarningKind::AddRequiredColumn { table, column } => format!(
                "Added the required column `{column}` to the `{table}` table without a default value. This is not possible if the table is not empty."
            ),
            WarningKind::MakeRequired { table, column } => format!(
                "Made the column `{column}` on table `{table}` required. If there are existing NULL values, this will fail."
            ),
            WarningKind::AddUnique { table, columns, predicate: None } => format!(
                "A unique constraint covering the columns `[{}]` on the table `{table}` will be added. If there are existing duplicate values, this will fail.",
                columns.join(",")
            ),
            WarningKind::AddUnique { table, columns, predicate: Some(p) } => format!(
                "A unique constraint covering the columns `[{}]` of the rows where `{p}` on the table `{table}` will be added. If there are existing duplicate values in those rows, this will fail.",
                columns.join(",")
            ),
            WarningKind::AddCheck { table, name } => format!(
                "The check constraint `{name}` will be added to the `{table}` table. If existing rows violate it, this will fail."
            ),
            WarningKind::ChangePrimaryKey { table } => format!(
                "The primary key for the `{table}` table will be changed. If it partially fails, the table could be left without primary key constraint."
            ),
        }
    }

    /// Whether `rows` (the result of [`Warning::count_sql`]) means the step cannot run at all.
    pub fn blocks(&self, rows: i64) -> bool {
        rows > 0
            && matches!(
                self.kind,
                WarningKind::RemoveEnumValues { .. }
                    | WarningKind::AddRequiredColumn { .. }
                    | WarningKind::MakeRequired { .. }
                    | WarningKind::AddUnique { .. }
                    | WarningKind::AddCheck { .. }
            )
    }

    /// The message once the rows are counted.
    pub fn message_with_rows(&self, rows: i64) -> String {
        match &self.kind {
            WarningKind::DropTable { table } if rows > 0 => {
                format!(
                    "You are about to drop the `{table}` table, which is not empty ({rows} rows). All its data will be lost."
                )
            }
            WarningKind::DropColumn { table, column } if rows > 0 => format!(
                "You are about to drop the column `{column}` on the `{table}` table, which still contains {rows} non-null values. All the data in the column will be lost."
            ),
            WarningKind::RecreateColumn { table, column } if rows > 0 => format!(
                "The `{column}` column on the `{table}` table would be dropped and recreated: its {rows} non-null values will be lost."
            ),
            WarningKind::CastColumn { table, column, from, to } if rows > 0 => format!(
                "You are about to alter the column `{column}` on the `{table}` table, which contains {rows} non-null values. The data in that column will be cast from `{from}` to `{to}`."
            ),
            WarningKind::RemoveEnumValues { name, values } if rows > 0 => format!(
                "The values [{}] on the enum `{name}` will be removed, but {rows} rows still use them: this step cannot run until they are changed.",
                values.join(",")
            ),
            WarningKind::AddRequiredColumn { table, column } if rows > 0 => format!(
                "Added the required column `{column}` to the `{table}` table without a default value. There are {rows} rows in this table, it is not possible to execute this step."
            ),
            WarningKind::MakeRequired { table, column } if rows > 0 => format!(
                "Made the column `{column}` on table `{table}` required, but there are {rows} existing NULL values."
            ),
            WarningKind::AddUnique { table, columns, predicate } if rows > 0 => format!(
                "A unique constraint covering the columns `[{}]`{} on the table `{table}` will be added, but {rows} values are duplicated: this step cannot run until they are resolved.",
                columns.join(","),
                predicate.as_ref().map(|p| format!(" of the rows where `{p}`")).unwrap_or_default()
            ),
            WarningKind::AddCheck { table, name } if rows > 0 => format!(
                "The check constraint `{name}` will be added to the `{table}` table, but {rows} existing rows violate it: this step cannot run until they are fixed."
            ),
            _ => format!("{} (no rows are affected)", self.message()),
        }
    }
}

/// `SELECT count(*) FROM t WHERE cond`.
pub(crate) fn count_where(table: &ObjectName, condition: Option<&str>) -> String {
    match condition {
        Some(c) => format!("SELECT count(*) FROM {table} WHERE {c}"),
        None => format!("SELECT count(*) FROM {table}"),
    }
}

/// Groups of rows sharing the same non-null values in `columns` (among the rows `predicate` holds, for a
/// partial unique index).
pub(crate) fn count_duplicates(table: &ObjectName, columns: &[String], predicate: Option<&str>) -> String {
    let cols: Vec<String> = columns.iter().map(|c| quote_identifier(c)).collect();
    let mut not_null: Vec<String> = cols.iter().map(|c| format!("{c} IS NOT NULL")).collect();
    not_null.extend(predicate.map(|p| format!("({p})")));
    format!(
        "SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {} GROUP BY {} HAVING count(*) > 1) AS duplicates",
        not_null.join(" AND "),
        cols.join(", ")
    )
}
