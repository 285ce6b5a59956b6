//! Indexes, CHECK constraints and foreign keys of surviving tables. Each `from` object is first seen
//! through the renames; an object equal to a `to` object under another name is renamed, never rebuilt.

use refract_ir::{Check, ForeignKey, Index, IndexColumn, quote_identifier};

use super::{Differ, TablePair, table_name};
use crate::step::{ObjectName, Step};
use crate::warning::{Warning, WarningKind, count_duplicates, count_where};

/// Equal but for the name, seen through the column renames, and none of its columns is rebuilt. As
/// Prisma pairs them: the columns in order with their sort order and operator class, unique or not, the
/// method, and the predicate when partial indexes are managed (`predicates`), compared without
/// parentheses and spacing (`pg_get_expr` adds them).
fn same_index(pair: &TablePair<'_>, from: &Index, to: &Index, predicates: bool) -> bool {
    // Destructured so that a field added to `Index` or `IndexColumn` has to be compared here too.
    let Index { name: _, unique, columns, method, predicate, client_name: _ } = from;
    let same_column = |f: &IndexColumn, t: &IndexColumn| {
        let IndexColumn { name, sort, ops } = f;
        pair.columns.renamed(name) == Some(t.name.as_str()) && *sort == t.sort && *ops == t.ops
    };
    *unique == to.unique
        && *method == to.method
        && (!predicates || predicate.as_deref().map(bare_predicate) == to.predicate.as_deref().map(bare_predicate))
        && columns.len() == to.columns.len()
        && columns.iter().zip(&to.columns).all(|(f, t)| same_column(f, t))
        && !pair.columns.touches_recreated(to.columns.iter().map(|c| c.name.as_str()))
}

/// A predicate without parentheses and with single spaces: `("deletedAt" IS NULL)`, as PostgreSQL
/// prints it, is `"deletedAt" IS NULL`, as the schema writes it.
fn bare_predicate(predicate: &str) -> String {
    predicate.replace(['(', ')'], " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How a table's indexes pair up, as Prisma's schema differ pairs them (names are ignored): each `to`
/// index is matched by the `from` indexes of the same shape, any number of them (a leftover duplicate
/// of a declared index is neither dropped nor created); it is renamed only when exactly one `from`
/// index matches, that one matches no other `to` index, and no `from` index matching it already has its
/// name. Unmatched `to` indexes are created; unmatched `from` indexes are dropped, except partial ones
/// when the schema does not manage partial indexes (one a team added by hand keeps its guarantee).
fn pair_indexes<'a>(pair: &TablePair<'a>, predicates: bool) -> Matching<'a, Index> {
    let (from, to): (&'a [Index], &'a [Index]) = (&pair.from.indexes, &pair.to.indexes);
    // For each `to` index, the `from` indexes of its shape.
    let matches: Vec<Vec<&'a Index>> =
        to.iter().map(|t| from.iter().filter(|f| same_index(pair, f, t, predicates)).collect()).collect();
    let mut m = Matching { renamed: Vec::new(), dropped: Vec::new(), added: Vec::new() };
    for (t, found) in to.iter().zip(&matches) {
        match found[..] {
            [] => m.added.push(t),
            [f] if f.name != t.name
                && matches.iter().filter(|other| other.iter().any(|o| std::ptr::eq(*o, f))).count() == 1 =>
            {
                m.renamed.push((f, t))
            }
            _ => {}
        }
    }
    let covered = |f: &Index| matches.iter().flatten().any(|m| std::ptr::eq(*m, f));
    m.dropped = from.iter().filter(|f| !covered(f) && (predicates || f.predicate.is_none())).collect();
    m
}

/// A check expression under the `to` column names (the IR holds them quoted, so a quoted-name swap is exact
/// outside string literals, which name columns only by accident).
fn expression_through_renames(pair: &TablePair<'_>, expression: &str) -> String {
    let mut out = expression.to_string();
    for (from, to) in &pair.columns.new_name {
        if from != to {
            out = out.replace(&quote_identifier(from), &quote_identifier(to));
        }
    }
    out
}

fn mentions_recreated(pair: &TablePair<'_>, expression: &str) -> bool {
    pair.columns.retyped.keys().any(|c| pair.columns.recreated(c) && expression.contains(&quote_identifier(c)))
}

/// How a table's indexes (or checks, or foreign keys) pair up across a migration.
struct Matching<'x, T> {
    /// Equal but for the name.
    renamed: Vec<(&'x T, &'x T)>,
    dropped: Vec<&'x T>,
    added: Vec<&'x T>,
}

/// Pairs objects by name; a name on both sides with a different shape is dropped and added again. Of the
/// rest, a `from` object with the same shape as a `to` object is renamed; the others are dropped or added.
fn match_objects<'x, T>(
    from: &'x [T],
    to: &'x [T],
    name: impl Fn(&T) -> &str,
    same: impl Fn(&T, &T) -> bool,
) -> Matching<'x, T> {
    // A table has a handful of each: scanning the list beats hashing.
    let mut unmatched_from: Vec<&T> = from.iter().filter(|f| !to.iter().any(|t| name(t) == name(f))).collect();
    let mut m = Matching { renamed: Vec::new(), dropped: Vec::new(), added: Vec::new() };
    for t in to {
        match from.iter().find(|f| name(f) == name(t)) {
            Some(f) if same(f, t) => {}
            Some(f) => {
                m.dropped.push(f);
                m.added.push(t);
            }
            None => match unmatched_from.iter().position(|f| same(f, t)) {
                Some(i) => m.renamed.push((unmatched_from.remove(i), t)),
                None => m.added.push(t),
            },
        }
    }
    m.dropped.extend(unmatched_from);
    m
}

/// A foreign key seen from the `to` side: its columns, referenced table key and referenced columns.
#[derive(PartialEq)]
struct ForeignKeyShape<'s> {
    columns: Vec<&'s str>,
    referenced_table: &'s str,
    referenced_columns: Vec<&'s str>,
    on_delete: refract_ir::ReferentialAction,
    on_update: refract_ir::ReferentialAction,
}

impl<'a> Differ<'a, '_> {
    pub(super) fn indexes(&mut self, pair: &TablePair<'a>) {
        let (from_name, to_name) = (&pair.from_name, &pair.to_name);
        let Matching { renamed, dropped, added } = pair_indexes(pair, self.partial_indexes);
        for (from, to) in renamed {
            self.push(Step::RenameIndex { from: to_name.with_name(&from.name), to: to.name.clone() });
        }
        for index in dropped {
            if index.unique {
                let mut key: Vec<String> =
                    index.columns.iter().filter_map(|c| pair.columns.renamed(&c.name)).map(str::to_string).collect();
                key.sort();
                self.dropped_keys.insert((pair.to_key, key));
            }
            self.push(Step::DropIndex { index: from_name.with_name(&index.name), concurrently: self.online });
        }
        for index in added {
            if index.unique {
                // Duplicates can only be counted over columns that exist before the migration.
                let from_columns: Option<Vec<String>> = index
                    .columns
                    .iter()
                    .map(|c| pair.columns.pairs.iter().find(|(_, t)| t.name == c.name).map(|(f, _)| f.name.clone()))
                    .collect();
                self.warn(Warning::new(
                    WarningKind::AddUnique {
                        table: pair.to.name.clone(),
                        columns: index.columns.iter().map(|c| c.name.clone()).collect(),
                        predicate: index.predicate.clone(),
                    },
                    // The predicate names `to` columns: counted beforehand only without column renames.
                    from_columns
                        .filter(|_| index.predicate.is_none() || pair.columns.new_name.iter().all(|(f, t)| f == t))
                        .map(|cols| count_duplicates(from_name, &cols, index.predicate.as_deref())),
                ));
            }
            if !self.online {
                self.hazard(
                    to_name,
                    format!(
                        "building index {} blocks writes to the table (use --online)",
                        quote_identifier(&index.name)
                    ),
                );
            }
            self.push(Step::CreateIndex { table: to_name.clone(), index: index.clone(), concurrently: self.online });
        }
    }

    pub(super) fn checks(&mut self, pair: &TablePair<'a>) {
        let (from_name, to_name) = (&pair.from_name, &pair.to_name);
        let same = |from: &Check, to: &Check| {
            expression_through_renames(pair, &from.expression) == to.expression
                && !mentions_recreated(pair, &to.expression)
        };
        let Matching { renamed, dropped, added } = match_objects(&pair.from.checks, &pair.to.checks, |c| &c.name, same);
        for (from, to) in renamed {
            self.push(Step::RenameConstraint { table: to_name.clone(), from: from.name.clone(), to: to.name.clone() });
        }
        for check in dropped {
            // Runs before renames: the table still has its old name.
            self.push(Step::DropCheck { table: from_name.clone(), name: check.name.clone() });
        }
        // The expression names `to` columns: it can be counted beforehand only when all of them exist
        // under the same names before the migration.
        let no_renames = !pair.renamed() && pair.columns.new_name.iter().all(|(f, t)| f == t);
        for check in added {
            let uses_new_column =
                pair.columns.added.iter().any(|c| check.expression.contains(&quote_identifier(&c.name)));
            let count = (no_renames && !uses_new_column)
                .then(|| count_where(from_name, Some(&format!("NOT ({})", check.expression))));
            self.warn(Warning::new(
                WarningKind::AddCheck { table: pair.to.name.clone(), name: check.name.clone() },
                count,
            ));
            self.add_constraint_safely(
                to_name,
                Step::AddCheck { table: to_name.clone(), check: check.clone(), not_valid: self.online },
                &check.name,
            );
        }
    }

    /// In safe mode a constraint on an existing table is added `NOT VALID` (a brief lock) and validated
    /// afterwards (a scan that lets writes through).
    fn add_constraint_safely(&mut self, table: &ObjectName, add: Step, name: &str) {
        self.push(add);
        if self.online {
            self.push(Step::ValidateConstraint { table: table.clone(), name: name.to_string() });
        } else {
            self.hazard(
                table,
                format!("adding {} checks every row while blocking writes (use --online)", quote_identifier(name)),
            );
        }
    }

    pub(super) fn foreign_keys(&mut self) {
        let tables = self.tables;
        for pair in &tables.pairs {
            let (from_name, to_name) = (&pair.from_name, &pair.to_name);
            let Matching { renamed, dropped, added } = match_objects(
                &pair.from.foreign_keys,
                &pair.to.foreign_keys,
                |f| &f.name,
                |f, t| self.same_foreign_key(pair, f, t),
            );
            // An implicit many-to-many join table's keys are Prisma's to name: it renames none of them.
            let join_table = pair.to.model.is_none();
            for (from, to) in renamed.into_iter().filter(|_| !join_table) {
                self.push(Step::RenameConstraint {
                    table: to_name.clone(),
                    from: from.name.clone(),
                    to: to.name.clone(),
                });
            }
            for fk in dropped {
                self.push(Step::DropForeignKey { table: from_name.clone(), name: fk.name.clone() });
            }
            for fk in added {
                let add = Step::AddForeignKey {
                    table: to_name.clone(),
                    foreign_key: fk.clone(),
                    referenced: self.referenced_name(fk),
                    not_valid: self.online,
                };
                self.add_constraint_safely(to_name, add, &fk.name);
            }
        }
        for t in &tables.created {
            let name = table_name(t);
            for fk in &t.foreign_keys {
                // A new table needs no care, but the table it references does: adding the key locks it
                // against writes until the transaction ends. NOT VALID keeps that lock short; validating an
                // empty table is instant.
                let references_existing = tables.survives(&fk.referenced_table);
                let not_valid = self.online && references_existing;
                let add = Step::AddForeignKey {
                    table: name.clone(),
                    foreign_key: fk.clone(),
                    referenced: self.referenced_name(fk),
                    not_valid,
                };
                if not_valid {
                    self.add_constraint_safely(&name, add, &fk.name);
                } else {
                    self.push(add);
                }
            }
        }
    }

    fn referenced_name(&self, fk: &ForeignKey) -> ObjectName {
        match self.to.tables.get(&fk.referenced_table) {
            Some(t) => table_name(t),
            None => ObjectName::new(None, &fk.referenced_table),
        }
    }

    /// Equal through renames, and nothing it stands on (column types, the referenced key) is rebuilt.
    fn same_foreign_key(&self, pair: &TablePair<'a>, from: &ForeignKey, to: &ForeignKey) -> bool {
        let Some(referenced) = self.tables.of_from_key(&from.referenced_table) else { return false };
        let shape = (|| {
            Some(ForeignKeyShape {
                columns: from.columns.iter().map(|c| pair.columns.renamed(c)).collect::<Option<_>>()?,
                referenced_table: referenced.to_key,
                referenced_columns: from
                    .referenced_columns
                    .iter()
                    .map(|c| referenced.columns.renamed(c))
                    .collect::<Option<_>>()?,
                on_delete: from.on_delete,
                on_update: from.on_update,
            })
        })();
        let target = ForeignKeyShape {
            columns: to.columns.iter().map(String::as_str).collect(),
            referenced_table: to.referenced_table.as_str(),
            referenced_columns: to.referenced_columns.iter().map(String::as_str).collect(),
            on_delete: to.on_delete,
            on_update: to.on_update,
        };
        if shape.as_ref() != Some(&target) {
            return false;
        }
        let retyped = to.columns.iter().any(|c| pair.columns.retyped.contains_key(c.as_str()))
            || to.referenced_columns.iter().any(|c| referenced.columns.retyped.contains_key(c.as_str()));
        if retyped {
            return false;
        }
        self.dropped_keys.is_empty() || {
            let mut key: Vec<String> = to.referenced_columns.clone();
            key.sort();
            !self.dropped_keys.contains(&(referenced.to_key, key))
        }
    }
}
