//! Relation fields, derived from the foreign keys (both sides) and from Prisma's implicit many-to-many
//! join tables.

use std::collections::{HashMap, HashSet};

use refract_ir::{IndexColumn, ReferentialAction, Table, constraint_name};

use super::Printer;
use super::names::{lower_first, string, strip_id_suffix, unique};

/// A relation field to print in a model, after its scalar fields.
pub(super) struct RelationField {
    pub(super) name: String,
    /// The model it points at, with `?` or `[]`.
    pub(super) ty: String,
    /// The `@relation(...)` attribute, if it needs one.
    pub(super) attribute: Option<String>,
}

impl Printer<'_> {
    pub(super) fn relations(&mut self) -> HashMap<String, Vec<RelationField>> {
        let mut fields: HashMap<String, Vec<RelationField>> = HashMap::new();
        // Field names per model, scalar ones first, so relation fields never clash with them.
        let mut taken: HashMap<String, HashSet<String>> = self
            .names
            .fields
            .iter()
            .map(|(table, columns)| (table.clone(), columns.values().cloned().collect()))
            .collect();
        // How many relations join each pair of models: more than one, or a self-relation, needs names.
        let mut pair_count: HashMap<(String, String), usize> = HashMap::new();
        let pair =
            |a: &str, b: &str| if a <= b { (a.to_string(), b.to_string()) } else { (b.to_string(), a.to_string()) };
        for (key, table) in &self.schema.tables {
            if self.names.join_tables.contains_key(key) {
                continue;
            }
            for fk in &table.foreign_keys {
                *pair_count.entry(pair(key, &fk.referenced_table)).or_default() += 1;
            }
        }
        for (key, table) in &self.schema.tables {
            if let Some((relation, ta, tb)) = self.names.join_tables.get(key) {
                *pair_count.entry(pair(ta, tb)).or_default() += 1;
                for (on, other) in [(ta, tb), (tb, ta)] {
                    let known = self.relation_names.many_to_many.get(&(table.name.clone(), on.clone()));
                    let base = known.cloned().unwrap_or_else(|| lower_first(&self.names.models[other]));
                    let name = unique(base, taken.entry(on.clone()).or_default());
                    fields.entry(on.clone()).or_default().push(RelationField {
                        name,
                        ty: format!("{}[]", self.names.models[other]),
                        attribute: Some(format!("@relation({})", string(relation))),
                    });
                }
                continue;
            }
            for fk in &table.foreign_keys {
                let Some(target) = self.schema.tables.get(&fk.referenced_table) else {
                    self.notes.push(format!(
                        "the foreign key `{}` on `{}` references a table outside the introspected schema; it is left out",
                        fk.name, table.name
                    ));
                    continue;
                };
                let named = key == &fk.referenced_table || pair_count[&pair(key, &fk.referenced_table)] > 1;
                let relation_name = named.then(|| fk.name.clone());
                let (holder, target_model) = (&self.names.models[key], &self.names.models[&fk.referenced_table]);
                let optional = fk.columns.iter().any(|c| table.columns.get(c).is_none_or(|c| c.nullable));

                let fk_key = (key.clone(), fk.columns.clone());
                let forward_base = match (self.relation_names.forward.get(&fk_key), fk.columns.as_slice()) {
                    (Some(known), _) => known.clone(),
                    (None, [one]) => {
                        strip_id_suffix(self.names.field(key, one)).unwrap_or_else(|| lower_first(target_model))
                    }
                    (None, _) => lower_first(target_model),
                };
                let forward = unique(forward_base, taken.entry(key.clone()).or_default());
                let mut args = Vec::new();
                if let Some(n) = &relation_name {
                    args.push(string(n));
                }
                let list = |t: &str, cols: &[String]| {
                    cols.iter().map(|c| self.names.field(t, c).to_string()).collect::<Vec<_>>().join(", ")
                };
                args.push(format!("fields: [{}]", list(key, &fk.columns)));
                args.push(format!("references: [{}]", list(&fk.referenced_table, &fk.referenced_columns)));
                let cols: Vec<&str> = fk.columns.iter().map(String::as_str).collect();
                if fk.name != constraint_name(&table.name, &cols, "fkey") {
                    args.push(format!("map: {}", string(&fk.name)));
                }
                let default_delete = if optional { ReferentialAction::SetNull } else { ReferentialAction::Restrict };
                if fk.on_delete != default_delete {
                    args.push(format!("onDelete: {}", action(fk.on_delete)));
                }
                if fk.on_update != ReferentialAction::Cascade {
                    args.push(format!("onUpdate: {}", action(fk.on_update)));
                }
                fields.entry(key.clone()).or_default().push(RelationField {
                    name: forward.clone(),
                    ty: format!("{target_model}{}", if optional { "?" } else { "" }),
                    attribute: Some(format!("@relation({})", args.join(", "))),
                });

                let known_back = self.relation_names.back.get(&fk_key);
                let one_to_one = match known_back {
                    // Over unique columns either can be written; keep the one the schema had.
                    Some((_, list)) if is_unique_criterion(table, &fk.columns) => !list,
                    _ => is_unique_criterion(table, &fk.columns),
                };
                let back_base = match (known_back.map(|(name, _)| name), &relation_name) {
                    (Some(known), _) => known.clone(),
                    (None, Some(_)) => format!("{}_{forward}", lower_first(holder)),
                    (None, None) => lower_first(holder),
                };
                let back = unique(back_base, taken.entry(fk.referenced_table.clone()).or_default());
                fields.entry(fk.referenced_table.clone()).or_default().push(RelationField {
                    name: back,
                    ty: format!("{holder}{}", if one_to_one { "?" } else { "[]" }),
                    attribute: relation_name.map(|n| format!("@relation({})", string(&n))),
                });
                if !is_unique_criterion(target, &fk.referenced_columns) {
                    self.notes.push(format!(
                        "the foreign key `{}` references columns of `{}` that are not unique; Prisma requires `@unique` on them",
                        fk.name, target.name
                    ));
                }
            }
        }
        fields
    }
}

/// Whether `columns` are exactly the primary key or a unique index's columns (a one-to-one holder).
pub(super) fn is_unique_criterion(table: &Table, columns: &[String]) -> bool {
    let same = |cols: &[IndexColumn]| cols.len() == columns.len() && cols.iter().all(|c| columns.contains(&c.name));
    table.primary_key.as_ref().is_some_and(|pk| same(&pk.columns))
        || table.indexes.iter().any(|i| i.unique && i.predicate.is_none() && same(&i.columns))
}

pub(super) fn action(a: ReferentialAction) -> &'static str {
    match a {
        ReferentialAction::Cascade => "Cascade",
        ReferentialAction::Restrict => "Restrict",
        ReferentialAction::NoAction => "NoAction",
        ReferentialAction::SetNull => "SetNull",
        ReferentialAction::SetDefault => "SetDefault",
    }
}
