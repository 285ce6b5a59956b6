//! Tables and columns: created, dropped, renamed, altered; primary keys; comments.

use refract_ir::{
    Column, ColumnDefault, ColumnType, Index, IndexMethod, Table, postgres_sequence_name, quote_identifier,
};

use super::casts::{self, Cast};
use super::{Differ, TablePair, table_name};
use crate::sql::{default_sql, definition_type, element_type, quote_literal, value_type};
use crate::step::{ColumnDefinition, CommentTarget, ObjectName, Step, TableChange};
use crate::warning::{Warning, WarningKind, count_where};

/// A column as `CREATE TABLE` / `ADD COLUMN` writes it.
fn definition(schema: &refract_ir::Schema, c: &Column) -> ColumnDefinition {
    ColumnDefinition {
        name: c.name.clone(),
        ty: definition_type(schema, c),
        not_null: !c.nullable,
        default: if c.autoincrement { None } else { default_sql(schema, c) },
    }
}

/// `dbgenerated()` without an expression: a default the schema leaves to the database, never diffed.
fn unmanaged_default(c: &Column) -> bool {
    matches!(c.default, Some(ColumnDefault::DbGenerated(None)))
}

fn requires_value(c: &Column) -> bool {
    !c.nullable && !c.autoincrement && c.default.is_none()
}

impl<'a, 't> Differ<'a, 't> {
    pub(super) fn tables(&mut self) {
        let tables = self.tables;
        for t in &tables.dropped {
            let name = table_name(t);
            // Foreign keys go first: two dropped tables may reference each other.
            for fk in &t.foreign_keys {
                self.push(Step::DropForeignKey { table: name.clone(), name: fk.name.clone() });
            }
            self.warn(Warning::new(WarningKind::DropTable { table: t.name.clone() }, Some(count_where(&name, None))));
            self.push(Step::DropTable { table: name });
        }
        for pair in &tables.pairs {
            self.table_pair(pair);
        }
        for t in &tables.created {
            self.create_table(t);
        }
    }

    fn create_table(&mut self, t: &'a Table) {
        let name = table_name(t);
        self.push(Step::CreateTable {
            table: name.clone(),
            columns: t.columns.values().map(|c| definition(self.to, c)).collect(),
            primary_key: t
                .primary_key
                .as_ref()
                .map(|pk| (pk.name.clone(), pk.columns.iter().map(|c| c.name.clone()).collect())),
        });
        for index in &t.indexes {
            self.push(Step::CreateIndex { table: name.clone(), index: index.clone(), concurrently: false });
        }
        for check in &t.checks {
            self.push(Step::AddCheck { table: name.clone(), check: check.clone(), not_valid: false });
        }
        if !self.comments {
            return;
        }
        if let Some(c) = &t.comment {
            self.push(Step::Comment { target: CommentTarget::Table { table: name.clone() }, text: Some(c.clone()) });
        }
        for c in t.columns.values() {
            if let Some(text) = &c.comment {
                self.push(Step::Comment {
                    target: CommentTarget::Column { table: name.clone(), column: c.name.clone() },
                    text: Some(text.clone()),
                });
            }
        }
    }

    fn table_pair(&mut self, pair: &'t TablePair<'a>) {
        let (from_name, to_name) = (&pair.from_name, &pair.to_name);
        let cols = &pair.columns;
        if pair.renamed() {
            self.push(Step::RenameTable { from: from_name.clone(), to: pair.to.name.clone() });
        }
        for (fc, tc) in &cols.pairs {
            // A serial column's sequence is named after its table and column: it follows them.
            if fc.autoincrement {
                let old = postgres_sequence_name(&pair.from.name, &fc.name);
                let new = postgres_sequence_name(&pair.to.name, &tc.name);
                if old != new {
                    self.push(Step::RenameSequence { from: to_name.with_name(&old), to: new });
                }
            }
            if fc.name != tc.name {
                self.push(Step::RenameColumn { table: to_name.clone(), from: fc.name.clone(), to: tc.name.clone() });
            }
        }

        let mut changes = Vec::new();
        let added_primary_key = self.primary_key(pair, to_name, &mut changes);
        for c in &cols.dropped {
            let condition = format!("{} IS NOT NULL", quote_identifier(&c.name));
            self.warn(Warning::new(
                WarningKind::DropColumn { table: pair.from.name.clone(), column: c.name.clone() },
                Some(count_where(from_name, Some(&condition))),
            ));
            changes.push(TableChange::DropColumn { column: c.name.clone() });
        }
        for c in &cols.added {
            if requires_value(c) {
                self.warn(Warning::new(
                    WarningKind::AddRequiredColumn { table: pair.to.name.clone(), column: c.name.clone() },
                    Some(count_where(from_name, None)),
                ));
            }
            changes.push(TableChange::AddColumn { column: definition(self.to, c) });
        }
        for (fc, tc) in &cols.pairs {
            self.alter_column(pair, fc, tc, &mut changes);
        }
        changes.extend(added_primary_key);
        if !changes.is_empty() {
            self.push(Step::AlterTable { table: to_name.clone(), changes });
        }
        self.indexes(pair);
        self.checks(pair);
        if self.comments {
            self.table_comments(pair);
        }
    }

    /// Table and column comments that differ (only with [`crate::PlanOptions::comments`]).
    fn table_comments(&mut self, pair: &'t TablePair<'a>) {
        let (to_name, cols) = (&pair.to_name, &pair.columns);
        if pair.from.comment != pair.to.comment {
            self.push(Step::Comment {
                target: CommentTarget::Table { table: to_name.clone() },
                text: pair.to.comment.clone(),
            });
        }
        let column_comments = cols
            .pairs
            .iter()
            .filter(|(f, t)| f.comment != t.comment)
            .map(|(_, t)| *t)
            .chain(cols.added.iter().copied().filter(|c| c.comment.is_some()));
        for c in column_comments {
            self.push(Step::Comment {
                target: CommentTarget::Column { table: to_name.clone(), column: c.name.clone() },
                text: c.comment.clone(),
            });
        }
    }

    /// Drops or renames the primary key now (into `changes`); returns the change that adds the new one,
    /// which goes last in the `ALTER TABLE`.
    fn primary_key(
        &mut self,
        pair: &'t TablePair<'a>,
        to_name: &ObjectName,
        changes: &mut Vec<TableChange>,
    ) -> Option<TableChange> {
        let cols = &pair.columns;
        let (from_pk, to_pk) = (pair.from.primary_key.as_ref(), pair.to.primary_key.as_ref());
        let mapped: Option<Vec<Option<&str>>> =
            from_pk.map(|pk| pk.columns.iter().map(|c| cols.renamed(&c.name)).collect());
        if let (Some(f), Some(t), Some(m)) = (from_pk, to_pk, &mapped) {
            let same_columns = m.len() == t.columns.len()
                && m.iter().zip(&t.columns).all(|(a, b)| *a == Some(b.name.as_str()))
                && !cols.touches_recreated(t.columns.iter().map(|c| c.name.as_str()));
            if same_columns {
                if f.name != t.name {
                    self.push(Step::RenameConstraint {
                        table: to_name.clone(),
                        from: f.name.clone(),
                        to: t.name.clone(),
                    });
                }
                return None;
            }
        }
        if let (Some(f), Some(m)) = (from_pk, mapped) {
            changes.push(TableChange::DropPrimaryKey { name: f.name.clone() });
            let mut key: Vec<String> = m.into_iter().flatten().map(str::to_string).collect();
            key.sort();
            self.dropped_keys.insert((pair.to_key, key));
            if to_pk.is_some() {
                self.warn(Warning::new(WarningKind::ChangePrimaryKey { table: pair.to.name.clone() }, None));
            }
        }
        let t = to_pk?;
        if self.online {
            // Build the key's index without blocking writes, then attach it (a quick catalog change).
            self.push(Step::CreateIndex {
                table: to_name.clone(),
                index: Index {
                    name: t.name.clone(),
                    unique: true,
                    columns: t.columns.clone(),
                    method: IndexMethod::BTree,
                    predicate: None,
                    client_name: None,
                },
                concurrently: true,
            });
            self.push(Step::AddPrimaryKeyUsingIndex { table: to_name.clone(), name: t.name.clone() });
            None
        } else {
            self.hazard(
                to_name,
                format!("adding primary key {} blocks writes while its index builds", quote_identifier(&t.name)),
            );
            Some(TableChange::AddPrimaryKey {
                name: t.name.clone(),
                columns: t.columns.iter().map(|c| c.name.clone()).collect(),
            })
        }
    }

    fn alter_column(
        &mut self,
        pair: &'t TablePair<'a>,
        fc: &'a Column,
        tc: &'a Column,
        changes: &mut Vec<TableChange>,
    ) {
        let (from_name, to_name) = (&pair.from_name, &pair.to_name);
        let cols = &pair.columns;
        // Most columns do not change: their name and conditions are only spelled out when a step needs them.
        let column = || tc.name.clone();
        let not_null_values = || format!("{} IS NOT NULL", quote_identifier(&fc.name));
        if cols.recreated(&tc.name) {
            self.warn(Warning::new(
                WarningKind::RecreateColumn { table: pair.to.name.clone(), column: column() },
                Some(count_where(from_name, Some(&not_null_values()))),
            ));
            if requires_value(tc) {
                self.warn(Warning::new(
                    WarningKind::AddRequiredColumn { table: pair.to.name.clone(), column: column() },
                    Some(count_where(from_name, None)),
                ));
            }
            changes.push(TableChange::DropColumn { column: column() });
            changes.push(TableChange::AddColumn { column: definition(self.to, tc) });
            return;
        }

        let cast = cols.retyped.get(tc.name.as_str()).copied();
        let retyped = cast.is_some();
        let mut default_dropped = false;
        if let Some(cast) = cast {
            let to_type = value_type(self.to, tc);
            if cast == Cast::Widening {
                changes.push(TableChange::SetType { column: column(), ty: to_type.clone(), using: None });
            } else {
                self.warn(Warning::new(
                    WarningKind::CastColumn {
                        table: pair.to.name.clone(),
                        column: column(),
                        from: value_type(self.from, fc),
                        to: to_type.clone(),
                    },
                    Some(count_where(from_name, Some(&not_null_values()))),
                ));
                // The old default may not cast to the new type: it goes, and the new one is set after.
                if fc.default.is_some() && !fc.autoincrement {
                    changes.push(TableChange::DropDefault { column: column() });
                    default_dropped = true;
                }
                let using = casts::using_expression(&quote_identifier(&tc.name), &fc.ty, &to_type, tc.array);
                changes.push(TableChange::SetType { column: column(), ty: to_type.clone(), using: Some(using) });
            }
            if !binary_compatible(&fc.ty, &tc.ty) {
                self.hazard(
                    to_name,
                    format!(
                        "changing the type of {} to {to_type} rewrites the table under an exclusive lock",
                        quote_identifier(&tc.name)
                    ),
                );
            }
            if fc.autoincrement && tc.autoincrement {
                let sequence = to_name.with_name(&postgres_sequence_name(&pair.to.name, &tc.name));
                changes.push(TableChange::SetSequenceType { sequence, ty: element_type(self.to, &tc.ty) });
            }
        }

        // A list column has no optional form in the schema: Prisma creates it without NOT NULL and never
        // compares its nullability, so a history that declares it NOT NULL is no difference either.
        let list = fc.array && tc.array;
        if fc.nullable && !tc.nullable && !list {
            let condition = format!("{} IS NULL", quote_identifier(&fc.name));
            self.warn(Warning::new(
                WarningKind::MakeRequired { table: pair.to.name.clone(), column: column() },
                Some(count_where(from_name, Some(&condition))),
            ));
            if self.online {
                // A validated CHECK lets SET NOT NULL skip its full-table scan under the exclusive lock.
                let check = refract_ir::constraint_name(&pair.to.name, &[&tc.name], "not_null");
                self.push(Step::AddCheck {
                    table: to_name.clone(),
                    check: refract_ir::Check {
                        name: check.clone(),
                        expression: format!("{} IS NOT NULL", quote_identifier(&tc.name)),
                    },
                    not_valid: true,
                });
                self.push(Step::ValidateConstraint { table: to_name.clone(), name: check.clone() });
                self.push(Step::SetNotNullUsingCheck { table: to_name.clone(), column: column(), check });
            } else {
                self.hazard(
                    to_name,
                    format!("making {} required scans the table under an exclusive lock", quote_identifier(&tc.name)),
                );
                changes.push(TableChange::SetNotNull { column: column() });
            }
        } else if !fc.nullable && tc.nullable && !list {
            changes.push(TableChange::DropNotNull { column: column() });
        }

        let sequence = || to_name.with_name(&postgres_sequence_name(&pair.to.name, &tc.name));
        match (fc.autoincrement, tc.autoincrement) {
            (false, true) => {
                let seq = sequence();
                changes.push(TableChange::CreateSequence { sequence: seq.clone(), ty: element_type(self.to, &tc.ty) });
                changes.push(TableChange::SetDefault {
                    column: column(),
                    default: format!("nextval({}::regclass)", quote_literal(&seq.to_string())),
                });
                changes.push(TableChange::OwnSequence { sequence: seq, column: column() });
                return;
            }
            (true, false) => {
                changes.push(TableChange::DropDefault { column: column() });
                changes.push(TableChange::DropSequence { sequence: sequence() });
                default_dropped = true;
            }
            (true, true) => return,
            (false, false) => {}
        }

        // A rebuilt enum sets its columns' defaults again itself.
        let rebuilt = !retyped && matches!(&tc.ty, ColumnType::Enum(k) if self.rebuilt_enums.contains(k.as_str()));
        if rebuilt || unmanaged_default(fc) || unmanaged_default(tc) {
            return;
        }
        if default_dropped || fc.default != tc.default {
            match default_sql(self.to, tc) {
                Some(default) => changes.push(TableChange::SetDefault { column: column(), default }),
                None if !default_dropped && fc.default.is_some() => {
                    changes.push(TableChange::DropDefault { column: column() })
                }
                None => {}
            }
        }
    }
}

/// Type changes PostgreSQL makes without rewriting the table.
fn binary_compatible(from: &ColumnType, to: &ColumnType) -> bool {
    use ColumnType as T;
    matches!(
        (from, to),
        (T::VarChar(_), T::VarChar(None) | T::Text) | (T::Text, T::VarChar(None)) | (T::Decimal(_), T::Decimal(None))
    ) || matches!((from, to), (T::VarChar(Some(a)), T::VarChar(Some(b))) if b >= a)
}
