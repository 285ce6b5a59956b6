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

use indexmap::IndexMap;
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
        comments: options.comments,
        partial_indexes: options.partial_indexes || from.partial_indexes || to.partial_indexes,
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
    /// Whether comments are written and compared ([`PlanOptions::comments`]).
    comments: bool,
    /// Whether predicates are compared and undeclared partial indexes dropped
    /// ([`refract_ir::Schema::partial_indexes`]).
    partial_indexes: bool,
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
    from: &'a Schema,
    to: &'a Schema,
    pairs: Vec<TablePair<'a>>,
    created: Vec<&'a Table>,
    dropped: Vec<&'a Table>,
    /// By position in `from.tables`: the index into `pairs` of that table's pair.
    pair_of_from: Vec<Option<usize>>,
    /// By position in `to.tables`: whether the table existed before (is in `pairs`).
    to_is_paired: Vec<bool>,
}

pub(crate) struct TablePair<'a> {
    to_key: &'a str,
    from: &'a Table,
    to: &'a Table,
    /// The table's name before the migration, and after it.
    from_name: ObjectName,
    to_name: ObjectName,
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

/// Looks keys up in a map while walking another one that lists mostly the same keys in the same order
/// (the two sides of a diff): the entry after the last one found is compared first, and only a miss
/// hashes the key. Comparing one name is several times cheaper than hashing it.
struct InOrder<'m, V> {
    map: &'m IndexMap<String, V>,
    next: usize,
}

impl<'m, V> InOrder<'m, V> {
    fn new(map: &'m IndexMap<String, V>) -> Self {
        InOrder { map, next: 0 }
    }

    /// The entry's position and value.
    fn get(&mut self, key: &str) -> Option<(usize, &'m V)> {
        let (i, _, v) = match self.map.get_index(self.next) {
            Some((k, v)) if k == key => (self.next, k, v),
            _ => self.map.get_full(key)?,
        };
        self.next = i + 1;
        Some((i, v))
    }
}

impl<'a> TablePairs<'a> {
    fn new(from: &'a Schema, to: &'a Schema, enum_map: &HashMap<&'a str, &'a str>) -> Self {
        // A model keeps its name while its @@map changes: that is a rename, not a drop and a create.
        let mut unmatched_from_by_model: HashMap<(&str, Option<&str>), (usize, &'a Table)> = HashMap::new();
        let mut in_to = InOrder::new(&to.tables);
        for (i, (key, t)) in from.tables.iter().enumerate() {
            if in_to.get(key).is_none()
                && let Some(model) = &t.model
            {
                unmatched_from_by_model.insert((model.as_str(), t.namespace.as_deref()), (i, t));
            }
        }
        let mut pairs = Vec::new();
        let mut created = Vec::new();
        let mut pair_of_from = vec![None; from.tables.len()];
        let mut to_is_paired = Vec::with_capacity(to.tables.len());
        let mut in_from = InOrder::new(&from.tables);
        for (key, t) in &to.tables {
            let partner = match in_from.get(key) {
                Some(found) => Some(found),
                None => t.model.as_deref().and_then(|m| unmatched_from_by_model.remove(&(m, t.namespace.as_deref()))),
            };
            to_is_paired.push(partner.is_some());
            match partner {
                Some((from_index, f)) => {
                    pair_of_from[from_index] = Some(pairs.len());
                    pairs.push(TablePair {
                        to_key: key.as_str(),
                        from: f,
                        to: t,
                        from_name: table_name(f),
                        to_name: table_name(t),
                        columns: ColumnPairs::new(f, t, enum_map),
                    });
                }
                None => created.push(t),
            }
        }
        let dropped = from.tables.values().zip(&pair_of_from).filter(|(_, p)| p.is_none()).map(|(t, _)| t).collect();
        TablePairs { from, to, pairs, created, dropped, pair_of_from, to_is_paired }
    }

    /// Whether the `to` table with this key existed before the migration (under this or another name).
    fn survives(&self, to_key: &str) -> bool {
        self.to.tables.get_index_of(to_key).is_some_and(|i| self.to_is_paired[i])
    }

    /// The pair of the `from` table with this key, if it survives the migration.
    fn of_from_key(&self, key: &str) -> Option<&TablePair<'a>> {
        let i = self.from.tables.get_index_of(key)?;
        self.pair_of_from[i].map(|p| &self.pairs[p])
    }
}

impl<'a> ColumnPairs<'a> {
    fn new(from: &'a Table, to: &'a Table, enum_map: &HashMap<&'a str, &'a str>) -> Self {
        // A field keeps its name while its @map changes: RENAME COLUMN keeps the data.
        let mut unmatched_from_by_field: HashMap<&str, &'a Column> = HashMap::new();
        let mut in_to = InOrder::new(&to.columns);
        for (name, c) in &from.columns {
            if in_to.get(name).is_none() {
                unmatched_from_by_field.insert(c.field.as_str(), c);
            }
        }
        let mut out = ColumnPairs {
            pairs: Vec::with_capacity(to.columns.len()),
            added: Vec::new(),
            dropped: Vec::new(),
            new_name: HashMap::with_capacity(from.columns.len()),
            retyped: HashMap::new(),
        };
        let mut in_from = InOrder::new(&from.columns);
        for (name, c) in &to.columns {
            let partner = match in_from.get(name) {
                Some((_, f)) => Some(f),
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
        if out.pairs.len() < from.columns.len() {
            out.dropped = from.columns.values().filter(|c| !out.new_name.contains_key(c.name.as_str())).collect();
        }
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
