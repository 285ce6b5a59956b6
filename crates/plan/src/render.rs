//! Steps to SQL text, laid out as Prisma Migrate lays out migration.sql.

use refract_ir::{IndexColumn, SortOrder, quote_identifier, truncate_to_bytes};

pub use refract_script::{OUTSIDE_TRANSACTION_DIRECTIVE, OWN_TRANSACTION_DIRECTIVE};

use crate::sql::{column_list, quote_literal};
use crate::step::{ColumnDefinition, CommentTarget, ObjectName, Step, TableChange, Transaction};

impl Step {
    /// The statements of the step, each ending with `;`, in the order they run.
    pub fn statements(&self) -> Vec<String> {
        match self {
            Step::SetLockTimeout { timeout } => vec![format!("SET lock_timeout = {};", quote_literal(timeout))],
            Step::CreateSchema { name } => vec![format!("CREATE SCHEMA IF NOT EXISTS {};", quote_identifier(name))],
            Step::CreateExtension { extension } => {
                let mut s = format!("CREATE EXTENSION IF NOT EXISTS {}", quote_identifier(&extension.name));
                match (&extension.schema, &extension.version) {
                    (Some(schema), Some(version)) => s.push_str(&format!(
                        " WITH SCHEMA {} VERSION {}",
                        quote_identifier(schema),
                        quote_identifier(version)
                    )),
                    (Some(schema), None) => s.push_str(&format!(" WITH SCHEMA {}", quote_identifier(schema))),
                    (None, Some(version)) => s.push_str(&format!(" WITH VERSION {}", quote_identifier(version))),
                    (None, None) => {}
                }
                s.push(';');
                vec![s]
            }
            Step::DropExtension { name } => vec![format!("DROP EXTENSION {};", quote_identifier(name))],
            Step::CreateEnum { name, values } => {
                vec![format!("CREATE TYPE {name} AS ENUM ({});", literal_list(values))]
            }
            Step::RenameEnum { from, to } => vec![format!("ALTER TYPE {from} RENAME TO {};", quote_identifier(to))],
            Step::RenameEnumValue { name, from, to } => {
                vec![format!("ALTER TYPE {name} RENAME VALUE {} TO {};", quote_literal(from), quote_literal(to))]
            }
            Step::AddEnumValue { name, value, before, used_by_defaults } => {
                // Outside a transaction a failed run leaves the value behind: IF NOT EXISTS makes a retry pass.
                let guard = if *used_by_defaults { "IF NOT EXISTS " } else { "" };
                let value = quote_literal(value);
                vec![match before {
                    Some(b) => format!("ALTER TYPE {name} ADD VALUE {guard}{value} BEFORE {};", quote_literal(b)),
                    None => format!("ALTER TYPE {name} ADD VALUE {guard}{value};"),
                }]
            }
            Step::RebuildEnum { name, values, usages, .. } => {
                // Prisma's recipe, without its BEGIN/COMMIT: the engine already runs the migration in a transaction.
                let new = name.with_name(&format!("{}_new", truncate_to_bytes(&name.name, 59)));
                let old = name.with_name(&format!("{}_old", truncate_to_bytes(&name.name, 59)));
                let mut out = vec![format!("CREATE TYPE {new} AS ENUM ({});", literal_list(values))];
                for u in usages.iter().filter(|u| u.had_default) {
                    out.push(format!(
                        "ALTER TABLE {} ALTER COLUMN {} DROP DEFAULT;",
                        u.table,
                        quote_identifier(&u.column)
                    ));
                }
                for u in usages {
                    let col = quote_identifier(&u.column);
                    let (ty, via) = if u.array { (format!("{new}[]"), "text[]") } else { (new.to_string(), "text") };
                    out.push(format!(
                        "ALTER TABLE {} ALTER COLUMN {col} TYPE {ty} USING ({col}::{via}::{ty});",
                        u.table
                    ));
                }
                out.push(format!("ALTER TYPE {name} RENAME TO {};", quote_identifier(&old.name)));
                out.push(format!("ALTER TYPE {new} RENAME TO {};", quote_identifier(&name.name)));
                out.push(format!("DROP TYPE {old};"));
                for u in usages {
                    if let Some(default) = &u.default {
                        out.push(format!(
                            "ALTER TABLE {} ALTER COLUMN {} SET DEFAULT {default};",
                            u.table,
                            quote_identifier(&u.column)
                        ));
                    }
                }
                out
            }
            Step::DropForeignKey { table, name } | Step::DropCheck { table, name } => {
                vec![format!("ALTER TABLE {table} DROP CONSTRAINT {};", quote_identifier(name))]
            }
            Step::DropIndex { index, concurrently: false } => vec![format!("DROP INDEX {index};")],
            Step::DropIndex { index, concurrently: true } => {
                vec![format!("DROP INDEX CONCURRENTLY IF EXISTS {index};")]
            }
            Step::RenameTable { from, to } => vec![format!("ALTER TABLE {from} RENAME TO {};", quote_identifier(to))],
            Step::RenameSequence { from, to } => {
                vec![format!("ALTER SEQUENCE {from} RENAME TO {};", quote_identifier(to))]
            }
            Step::RenameColumn { table, from, to } => vec![format!(
                "ALTER TABLE {table} RENAME COLUMN {} TO {};",
                quote_identifier(from),
                quote_identifier(to)
            )],
            Step::RenameConstraint { table, from, to } => vec![format!(
                "ALTER TABLE {table} RENAME CONSTRAINT {} TO {};",
                quote_identifier(from),
                quote_identifier(to)
            )],
            Step::RenameIndex { from, to } => vec![format!("ALTER INDEX {from} RENAME TO {};", quote_identifier(to))],
            Step::AlterTable { table, changes } => alter_table(table, changes),
            Step::DropTable { table } => vec![format!("DROP TABLE {table};")],
            Step::DropEnum { name } => vec![format!("DROP TYPE {name};")],
            Step::CreateTable { table, columns, primary_key } => {
                let lines: Vec<String> = columns.iter().map(|c| format!("    {}", column_definition(c))).collect();
                let mut body = lines.join(",\n");
                if let Some((name, cols)) = primary_key {
                    // Prisma writes this one list without spaces.
                    let cols: Vec<String> = cols.iter().map(|c| quote_identifier(c)).collect();
                    body.push_str(&format!(
                        ",\n\n    CONSTRAINT {} PRIMARY KEY ({})",
                        quote_identifier(name),
                        cols.join(",")
                    ));
                }
                vec![format!("CREATE TABLE {table} (\n{body}\n);")]
            }
            Step::CreateIndex { table, index, concurrently } => {
                let name = table.with_name(&index.name);
                let unique = if index.unique { "UNIQUE " } else { "" };
                let method = match index.method {
                    refract_ir::IndexMethod::BTree => String::new(),
                    m => format!(" USING {} ", m.sql()),
                };
                let cols = index.columns.iter().map(index_column).collect::<Vec<_>>().join(", ");
                let predicate = index.predicate.as_ref().map(|p| format!(" WHERE {p}")).unwrap_or_default();
                let target = format!("{} ON {table}{method}({cols}){predicate};", quote_identifier(&index.name));
                if *concurrently {
                    // A concurrent build that failed leaves an invalid index behind: drop it, so a retry starts clean.
                    vec![
                        format!("DROP INDEX CONCURRENTLY IF EXISTS {name};"),
                        format!("CREATE {unique}INDEX CONCURRENTLY IF NOT EXISTS {target}"),
                    ]
                } else {
                    vec![format!("CREATE {unique}INDEX {target}")]
                }
            }
            Step::AddPrimaryKeyUsingIndex { table, name } => vec![format!(
                "ALTER TABLE {table} ADD CONSTRAINT {} PRIMARY KEY USING INDEX {};",
                quote_identifier(name),
                quote_identifier(name)
            )],
            Step::AddForeignKey { table, foreign_key: fk, referenced, not_valid } => vec![format!(
                "ALTER TABLE {table} ADD CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {referenced}({}) ON DELETE {} ON UPDATE {}{};",
                quote_identifier(&fk.name),
                column_list(&fk.columns),
                column_list(&fk.referenced_columns),
                fk.on_delete.sql(),
                fk.on_update.sql(),
                if *not_valid { " NOT VALID" } else { "" }
            )],
            Step::AddCheck { table, check, not_valid } => vec![format!(
                "ALTER TABLE {table} ADD CONSTRAINT {} CHECK ({}){};",
                quote_identifier(&check.name),
                check.expression,
                if *not_valid { " NOT VALID" } else { "" }
            )],
            Step::ValidateConstraint { table, name } => {
                vec![format!("ALTER TABLE {table} VALIDATE CONSTRAINT {};", quote_identifier(name))]
            }
            Step::SetNotNullUsingCheck { table, column, check } => vec![
                format!("ALTER TABLE {table} ALTER COLUMN {} SET NOT NULL;", quote_identifier(column)),
                format!("ALTER TABLE {table} DROP CONSTRAINT {};", quote_identifier(check)),
            ],
            Step::Comment { target, text } => {
                let on = match target {
                    CommentTarget::Table { table } => format!("TABLE {table}"),
                    CommentTarget::Column { table, column } => format!("COLUMN {table}.{}", quote_identifier(column)),
                    CommentTarget::Enum { name } => format!("TYPE {name}"),
                };
                let text = text.as_deref().map(quote_literal).unwrap_or_else(|| "NULL".to_string());
                vec![format!("COMMENT ON {on} IS {text};")]
            }
        }
    }

    /// The step as it appears in migration.sql: header comment, directive if any, statements.
    pub fn render(&self) -> String {
        let mut out = format!("-- {}\n", self.header());
        match self.transaction() {
            Transaction::Shared => {}
            Transaction::Own => {
                out.push_str(OWN_TRANSACTION_DIRECTIVE);
                out.push('\n');
            }
            Transaction::None => {
                out.push_str(OUTSIDE_TRANSACTION_DIRECTIVE);
                out.push('\n');
            }
        }
        for s in self.statements() {
            out.push_str(&s);
            out.push('\n');
        }
        out
    }
}

fn literal_list(values: &[String]) -> String {
    values.iter().map(|v| quote_literal(v)).collect::<Vec<_>>().join(", ")
}

fn index_column(c: &IndexColumn) -> String {
    let mut s = quote_identifier(&c.name);
    if let Some(ops) = &c.ops {
        s.push(' ');
        s.push_str(ops);
    }
    if c.sort == SortOrder::Desc {
        s.push_str(" DESC");
    }
    s
}

/// `"name" TYPE NOT NULL DEFAULT x`, as in `CREATE TABLE` and `ADD COLUMN`.
pub fn column_definition(c: &ColumnDefinition) -> String {
    let mut s = format!("{} {}", quote_identifier(&c.name), c.ty);
    if c.not_null {
        s.push_str(" NOT NULL");
    }
    if let Some(d) = &c.default {
        s.push_str(" DEFAULT ");
        s.push_str(d);
    }
    s
}

/// Sequences are separate statements around the `ALTER TABLE`; everything else is one comma-separated
/// `ALTER TABLE`, as Prisma writes it.
fn alter_table(table: &ObjectName, changes: &[TableChange]) -> Vec<String> {
    let mut before = Vec::new();
    let mut clauses = Vec::new();
    let mut after = Vec::new();
    for change in changes {
        match change {
            TableChange::CreateSequence { sequence, ty } => before.push(format!("CREATE SEQUENCE {sequence} AS {ty};")),
            TableChange::OwnSequence { sequence, column } => {
                after.push(format!("ALTER SEQUENCE {sequence} OWNED BY {table}.{};", quote_identifier(column)))
            }
            TableChange::SetSequenceType { sequence, ty } => after.push(format!("ALTER SEQUENCE {sequence} AS {ty};")),
            TableChange::DropSequence { sequence } => after.push(format!("DROP SEQUENCE {sequence};")),
            TableChange::DropPrimaryKey { name } => clauses.push(format!("DROP CONSTRAINT {}", quote_identifier(name))),
            TableChange::DropColumn { column } => clauses.push(format!("DROP COLUMN {}", quote_identifier(column))),
            TableChange::AddColumn { column } => clauses.push(format!("ADD COLUMN     {}", column_definition(column))),
            TableChange::DropDefault { column } => {
                clauses.push(format!("ALTER COLUMN {} DROP DEFAULT", quote_identifier(column)))
            }
            TableChange::SetType { column, ty, using } => {
                let mut s = format!("ALTER COLUMN {} SET DATA TYPE {ty}", quote_identifier(column));
                if let Some(u) = using {
                    s.push_str(&format!(" USING ({u})"));
                }
                clauses.push(s)
            }
            TableChange::DropNotNull { column } => {
                clauses.push(format!("ALTER COLUMN {} DROP NOT NULL", quote_identifier(column)))
            }
            TableChange::SetNotNull { column } => {
                clauses.push(format!("ALTER COLUMN {} SET NOT NULL", quote_identifier(column)))
            }
            TableChange::SetDefault { column, default } => {
                clauses.push(format!("ALTER COLUMN {} SET DEFAULT {default}", quote_identifier(column)))
            }
            TableChange::AddPrimaryKey { name, columns } => clauses.push(format!(
                "ADD CONSTRAINT {} PRIMARY KEY ({})",
                quote_identifier(name),
                column_list(columns)
            )),
        }
    }
    let mut out = before;
    if !clauses.is_empty() {
        out.push(format!("ALTER TABLE {table} {};", clauses.join(",\n")));
    }
    out.extend(after);
    out
}
