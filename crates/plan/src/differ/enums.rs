//! Enums: created, dropped, renamed (`@@map` changed), values renamed (`@map` changed), added in place
//! (`ADD VALUE ... BEFORE`), or the type rebuilt when values go away.
//!
//! Values are compared as a set, as Prisma does: a schema that lists them in another order than the
//! database has them (sorted by a team, say) is no change. Rebuilding the type for the order alone
//! would cast every column that uses it under an exclusive lock, for nothing.

use std::collections::{HashMap, HashSet};

use refract_ir::{ColumnDefault, ColumnType, Enum, Schema};

use super::{Differ, table_name};
use crate::sql::{default_sql, quote_literal};
use crate::step::{CommentTarget, EnumUsage, ObjectName, Step};
use crate::warning::{Warning, WarningKind};

/// `from` key -> `to` key: by database name, else by schema name in the same namespace (a rename).
pub(super) fn pair_enums<'a>(from: &'a Schema, to: &'a Schema) -> HashMap<&'a str, &'a str> {
    let mut map = HashMap::new();
    let mut unmatched_from: HashMap<(&str, Option<&str>), &str> = HashMap::new();
    for (key, e) in &from.enums {
        if to.enums.contains_key(key) {
            map.insert(key.as_str(), key.as_str());
        } else {
            unmatched_from.insert((e.schema_name.as_str(), e.namespace.as_deref()), key.as_str());
        }
    }
    for (key, e) in &to.enums {
        if !from.enums.contains_key(key)
            && let Some(from_key) = unmatched_from.remove(&(e.schema_name.as_str(), e.namespace.as_deref()))
        {
            map.insert(from_key, key.as_str());
        }
    }
    map
}

/// (enum key, value) for each enum value a column default of `schema` uses. Collected once per plan: an
/// added value needs to know, and asking each time scanned every column of the schema.
fn enum_values_in_defaults(schema: &Schema) -> HashSet<(&str, &str)> {
    fn collect<'s>(enum_key: &'s str, default: &'s ColumnDefault, out: &mut HashSet<(&'s str, &'s str)>) {
        match default {
            ColumnDefault::EnumValue(v) => {
                out.insert((enum_key, v.as_str()));
            }
            ColumnDefault::List(items) => items.iter().for_each(|d| collect(enum_key, d, out)),
            _ => {}
        }
    }
    let mut out = HashSet::new();
    for column in schema.tables.values().flat_map(|t| t.columns.values()) {
        if let (ColumnType::Enum(key), Some(default)) = (&column.ty, &column.default) {
            collect(key, default, &mut out);
        }
    }
    out
}

fn name_of(e: &Enum) -> ObjectName {
    ObjectName::new(e.namespace.as_deref(), &e.name)
}

impl<'a> Differ<'a, '_> {
    pub(super) fn enums(&mut self) {
        let paired_to: HashSet<&str> = self.enum_map.values().copied().collect();
        for (key, e) in &self.to.enums {
            if !paired_to.contains(key.as_str()) {
                let name = name_of(e);
                self.push(Step::CreateEnum {
                    name: name.clone(),
                    values: e.values.iter().map(|v| v.name.clone()).collect(),
                });
                if let Some(c) = e.comment.as_ref().filter(|_| self.comments) {
                    self.push(Step::Comment { target: CommentTarget::Enum { name }, text: Some(c.clone()) });
                }
            }
        }
        let mut pairs: Vec<(&'a str, &'a str)> = self.enum_map.iter().map(|(f, t)| (*f, *t)).collect();
        pairs.sort_by_key(|(_, to_key)| self.to.enums.get_index_of(*to_key));
        let (from, to) = (self.from, self.to);
        let in_defaults = if pairs.is_empty() { HashSet::new() } else { enum_values_in_defaults(to) };
        for (from_key, to_key) in pairs {
            self.enum_pair(from_key, &from.enums[from_key], to_key, &to.enums[to_key], &in_defaults);
        }
        for (key, e) in &self.from.enums {
            if !self.enum_map.contains_key(key.as_str()) {
                self.push(Step::DropEnum { name: name_of(e) });
            }
        }
    }

    /// `in_defaults`: see [`enum_values_in_defaults`].
    fn enum_pair(
        &mut self,
        from_key: &'a str,
        from: &'a Enum,
        to_key: &'a str,
        to: &'a Enum,
        in_defaults: &HashSet<(&str, &str)>,
    ) {
        let name = name_of(to);
        if from.name != to.name {
            self.push(Step::RenameEnum { from: name_of(from), to: to.name.clone() });
        }
        let to_values: Vec<&str> = to.values.iter().map(|v| v.name.as_str()).collect();
        let from_values: HashSet<&str> = from.values.iter().map(|v| v.name.as_str()).collect();
        // A value keeps its schema name while its @map changes: RENAME VALUE keeps every row that uses it.
        let mut current: Vec<&str> = Vec::new();
        for v in &from.values {
            let renamed_to = (!to_values.contains(&v.name.as_str()))
                .then(|| {
                    to.values.iter().find(|t| t.schema_name == v.schema_name && !from_values.contains(t.name.as_str()))
                })
                .flatten();
            match renamed_to {
                Some(t) => {
                    self.push(Step::RenameEnumValue { name: name.clone(), from: v.name.clone(), to: t.name.clone() });
                    current.push(t.name.as_str());
                }
                None => current.push(v.name.as_str()),
            }
        }
        let removed: Vec<&str> = current.iter().copied().filter(|v| !to_values.contains(v)).collect();
        // The order of the values the type keeps is not compared (see the module's documentation).
        if !removed.is_empty() {
            self.rebuild_enum(from_key, to_key, name.clone(), to, &removed);
        } else {
            for (i, v) in to_values.iter().enumerate() {
                if current.contains(v) {
                    continue;
                }
                // Follow the schema's order where it can: the new value goes before the next value of the
                // schema that the type already has (an existing value, so the statement is valid whatever
                // order the type keeps its values in), else last.
                let before = to_values[i + 1..].iter().find(|n| current.contains(n)).map(|n| n.to_string());
                let used_by_defaults = in_defaults.contains(&(to_key, *v));
                self.push(Step::AddEnumValue { name: name.clone(), value: v.to_string(), before, used_by_defaults });
            }
        }
        if self.comments && from.comment != to.comment {
            self.push(Step::Comment { target: CommentTarget::Enum { name }, text: to.comment.clone() });
        }
    }

    /// Every column that uses the enum before the migration is cast to the rebuilt type, under its `from`
    /// name (the rebuild runs before renames).
    fn rebuild_enum(&mut self, from_key: &str, to_key: &'a str, name: ObjectName, to: &Enum, removed: &[&str]) {
        self.rebuilt_enums.insert(to_key);
        let mut usages = Vec::new();
        let mut counts = Vec::new();
        for (from_index, table) in self.from.tables.values().enumerate() {
            for column in table.columns.values() {
                if !matches!(&column.ty, ColumnType::Enum(k) if k == from_key) {
                    continue;
                }
                let from_table = table_name(table);
                // The default is set again only if the column still uses this enum afterwards.
                let to_column = self.tables.pair_of_from[from_index].and_then(|i| {
                    let pair = &self.tables.pairs[i];
                    pair.columns.renamed(&column.name).and_then(|n| pair.to.columns.get(n))
                });
                let default = to_column
                    .filter(|c| matches!(&c.ty, ColumnType::Enum(k) if k == to_key) && c.array == column.array)
                    .and_then(|c| default_sql(self.to, c));
                let had_default = !matches!(column.default, None | Some(ColumnDefault::DbGenerated(None)));
                if !removed.is_empty() {
                    let values: Vec<String> = removed.iter().map(|v| quote_literal(v)).collect();
                    let col = refract_ir::quote_identifier(&column.name);
                    let condition = if column.array {
                        format!("{col}::text[] && ARRAY[{}]::text[]", values.join(", "))
                    } else {
                        format!("{col}::text IN ({})", values.join(", "))
                    };
                    counts.push(format!("(SELECT count(*) FROM {from_table} WHERE {condition})"));
                }
                usages.push(EnumUsage {
                    table: from_table,
                    column: column.name.clone(),
                    array: column.array,
                    default,
                    had_default,
                });
            }
        }
        if !removed.is_empty() {
            let count_sql = (!counts.is_empty()).then(|| format!("SELECT {}", counts.join(" + ")));
            self.warn(Warning::new(
                WarningKind::RemoveEnumValues {
                    name: to.name.clone(),
                    values: removed.iter().map(|v| v.to_string()).collect(),
                },
                count_sql,
            ));
        }
        self.push(Step::RebuildEnum {
            name,
            values: to.values.iter().map(|v| v.name.clone()).collect(),
            removed: removed.iter().map(|v| v.to_string()).collect(),
            usages,
        });
    }
}
