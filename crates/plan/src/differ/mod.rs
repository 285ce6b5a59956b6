//! IR x IR -> steps. Objects are paired first (by database name, then by schema name to find renames),
//! then each pair is compared through the renames, so a renamed column's index compares equal to the
//! same index under the new name and is renamed, not rebuilt.
//!
//! Architecture invariant: every query meant to run before the migration (the warnings' row counts) uses
//! the `from` names; every step after the rename phase uses the `to` names.

mod casts;
mod constraints;
mod enums;
mod tables;

use std::collections::{HashMap, HashSet};

use refract_ir::{Column, Schema, Table};

use crate::step::{ObjectName, Step};
use crate::warning::Warning;
use crate::{Hazard, Plan, PlanOptions};

pub fn plan(from: &Schema, to: &Schema, options: &PlanOptions) -> Plan {
    let enum_map = enums::pair_enums(from, to);
    let tables = TablePairs::new(from, to, &enum_map);
    let mut d = Differ {
        from,
        to,
        online: options.online,
        steps: Vec::new(),
        warnings: Vec::new(),
        hazards: Vec::new(),
        enum_map,
        rebuilt_enums: HashSet::new(),
        tables: &tables,
        dropped_keys: HashSet::new(),
    };
    d.namespaces();
    d.extensions();
    d.enums();
    d.tables();
    d.foreign_keys();

    let mut steps = d.steps;
    steps.sort_by_key(Step::phase);
    if options.online && !steps.is_empty() {
        steps.insert(0, Step::SetLockTimeout { timeout: options.lock_timeout.clone() });
    }
    Plan { steps, warnings: d.warnings, hazards: d.hazards }
}

pub(crate) struct Differ<'a, 't> {
    from: &'a Schema,
    to: &'a Schema,
    online: bool,
    steps: Vec<Step>,
    warnings: Vec<Warning>,
    hazards: Vec<Hazard>,
    /// `from` enum key -> `to` enum key, for enums present on both sides.
    enum_map: HashMap<&'a str, &'a str>,
    /// `to` keys of enums rebuilt by this plan (their columns' defaults are reset by the rebuild).
    rebuilt_enums: HashSet<&'a str>,
    tables: &'t TablePairs<'a>,
    /// Primary keys and unique indexes dropped from surviving tables, as (`to` table key, `to` column
    /// names): foreign keys referencing them must be dropped first and added again afterwards.
    dropped_keys: HashSet<(&'a str, Vec<String>)>,
}

pub(crate) fn table_name(t: &Table) -> ObjectName {
    ObjectName::new(t.namespace.as_deref(), &t.name)
}

/// Tables present on both sides (possibly renamed), created and dropped.
pub(crate) struct TablePairs<'a> {
    pairs: Vec<TablePair<'a>>,
    created: Vec<&'a Table>,
    dropped: Vec<&'a Table>,
    /// `from` table key -> index into `pairs`.
    by_from_key: HashMap<&'a str, usize>,
}

pub(crate) struct TablePair<'a> {
    to_key: &'a str,
    from: &'a Table,
    to: &'a Table,
    columns: ColumnPairs<'a>,
}

impl TablePair<'_> {
    fn renamed(&self) -> bool {
        self.from.name != self.to.name
    }
}

/// Columns present on both sides (possibly renamed), added and dropped, and what happens to their values.
pub(crate) struct ColumnPairs<'a> {
    pairs: Vec<(&'a Column, &'a Column)>,
    added: Vec<&'a Column>,
    dropped: Vec<&'a Column>,
    /// `from` column name -> `to` column name.
    new_name: HashMap<&'a str, &'a str>,
    /// `to` names of columns whose type changes, with what the change does to stored values. Those with
    /// no cast ([`casts::Cast::None`]) are dropped and added again.
    retyped: HashMap<&'a str, casts::Cast>,
}

impl<'a> TablePairs<'a> {
    fn new(from: &'a Schema, to: &'a Schema, enum_map: &HashMap<&'a str, &'a str>) -> Self {
        // A model keeps its name while its @@map changes: that is a rename, not a drop and a create.
        let mut unmatched_from_by_model: HashMap<(&str, Option<&str>), (&'a str, &'a Table)> = HashMap::new();
        for (key, t) in &from.tables {
            if !to.tables.contains_key(key)
                && let Some(model) = &t.model
            {
                unmatched_from_by_model.insert((model.as_str(), t.namespace.as_deref()), (key.as_str(), t));
            }
        }
        let mut pairs = Vec::new();
        let mut created = Vec::new();
        let mut by_from_key = HashMap::new();
        for (key, t) in &to.tables {
            let partner = match from.tables.get_key_value(key) {
                Some((k, f)) => Some((k.as_str(), f)),
                None => t.model.as_deref().and_then(|m| unmatched_from_by_model.remove(&(m, t.namespace.as_deref()))),
            };
            match partner {
                Some((from_key, f)) => {
                    by_from_key.insert(from_key, pairs.len());
                    pairs.push(TablePair {
                        to_key: key.as_str(),
                        from: f,
                        to: t,
                        columns: ColumnPairs::new(f, t, enum_map),
                    });
                }
                None => created.push(t),
            }
        }
        let dropped =
            from.tables.iter().filter(|(k, _)| !by_from_key.contains_key(k.as_str())).map(|(_, t)| t).collect();
        TablePairs { pairs, created, dropped, by_from_key }
    }
}

impl<'a> ColumnPairs<'a> {
    fn new(from: &'a Table, to: &'a Table, enum_map: &HashMap<&'a str, &'a str>) -> Self {
        // A field keeps its name while its @map changes: RENAME COLUMN keeps the data.
        let mut unmatched_from_by_field: HashMap<&str, &'a Column> = HashMap::new();
        for (name, c) in &from.columns {
            if !to.columns.contains_key(name) {
                unmatched_from_by_field.insert(c.field.as_str(), c);
            }
        }
        let mut out = ColumnPairs {
            pairs: Vec::new(),
            added: Vec::new(),
            dropped: Vec::new(),
            new_name: HashMap::new(),
            retyped: HashMap::new(),
        };
        for (name, c) in &to.columns {
            let partner = match from.columns.get(name) {
                Some(f) => Some(f),
                None if from.model.is_some() => unmatched_from_by_field.remove(c.field.as_str()),
                None => None,
            };
            match partner {
                Some(f) => {
                    out.new_name.insert(f.name.as_str(), c.name.as_str());
                    if !same_type(f, c, enum_map) {
                        out.retyped.insert(c.name.as_str(), casts::classify(&f.ty, f.array, &c.ty, c.array));
                    }
                    out.pairs.push((f, c));
                }
                None => out.added.push(c),
            }
        }
        out.dropped = from.columns.values().filter(|c| !out.new_name.contains_key(c.name.as_str())).collect();
        out
    }

    /// The `to` name of a `from` column (`None` when the column is dropped).
    fn renamed(&self, from_name: &str) -> Option<&'a str> {
        self.new_name.get(from_name).copied()
    }

    /// Whether the column (by `to` name) is dropped and added again: its type change has no cast.
    fn recreated(&self, to_name: &str) -> bool {
        self.retyped.get(to_name) == Some(&casts::Cast::None)
    }

    fn touches_recreated<'s>(&self, to_names: impl IntoIterator<Item = &'s str>) -> bool {
        to_names.into_iter().any(|n| self.recreated(n))
    }
}

/// The same type on both sides, enums compared through their pairing (a renamed enum is the same type).
fn same_type(from: &Column, to: &Column, enum_map: &HashMap<&str, &str>) -> bool {
    if from.array != to.array {
        return false;
    }
    match (&from.ty, &to.ty) {
        (refract_ir::ColumnType::Enum(a), refract_ir::ColumnType::Enum(b)) => {
            enum_map.get(a.as_str()).is_some_and(|mapped| *mapped == b)
        }
        (a, b) => a == b,
    }
}

impl<'a> Differ<'a, '_> {
    fn push(&mut self, step: Step) {
        self.steps.push(step);
    }

    fn warn(&mut self, warning: Warning) {
        self.warnings.push(warning);
    }

    fn hazard(&mut self, table: &ObjectName, message: String) {
        self.hazards.push(Hazard { table: table.to_string(), message });
    }

    /// Database schemas. A plan from nothing creates `public` as Prisma does (harmless `IF NOT EXISTS`).
    fn namespaces(&mut self) {
        let from_is_empty =
            self.from.tables.is_empty() && self.from.enums.is_empty() && self.from.namespaces.is_empty();
        if from_is_empty && self.to.namespaces.is_empty() && !self.to.tables.is_empty() {
            self.push(Step::CreateSchema { name: "public".to_string() });
        }
        for ns in &self.to.namespaces {
            if !self.from.namespaces.contains(ns) {
                self.push(Step::CreateSchema { name: ns.clone() });
            }
        }
    }

    /// Extensions listed in the datasource, created in name order like Prisma.
    fn extensions(&mut self) {
        let mut added: Vec<_> =
            self.to.extensions.iter().filter(|e| !self.from.extensions.iter().any(|f| f.name == e.name)).collect();
        added.sort_by(|a, b| a.name.cmp(&b.name));
        for e in added {
            self.push(Step::CreateExtension { extension: e.clone() });
        }
        for e in &self.from.extensions {
            if !self.to.extensions.iter().any(|t| t.name == e.name) {
                self.push(Step::DropExtension { name: e.name.clone() });
            }
        }
    }
}
