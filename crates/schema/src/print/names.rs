//! The schema names of what `db pull` prints: models, fields and enums named after the database (made
//! valid where the language cannot hold the name), or kept from the schema being replaced.

use std::collections::{HashMap, HashSet};

use refract_ir::{Index, IndexColumn, IndexMethod, ReferentialAction, Schema, Table, constraint_name};

use crate::Checked;
use crate::ast::{Arity, BlockKind, Expr, FieldType, Member, TopItem, TypeName};

/// The relation field names of the schema being replaced, by what they stand for in the database.
#[derive(Default)]
pub(super) struct RelationNames {
    /// (holder table key, foreign key columns) to the field that holds the foreign key.
    pub(super) forward: HashMap<(String, Vec<String>), String>,
    /// (holder table key, foreign key columns) to the field on the referenced model.
    /// With whether it is a list: the database cannot tell a one-to-many over unique columns from a
    /// one-to-one, the schema being replaced can.
    pub(super) back: HashMap<(String, Vec<String>), (String, bool)>,
    /// (join table name, table key of the model) to the list field of an implicit many-to-many relation.
    pub(super) many_to_many: HashMap<(String, String), String>,
}

impl RelationNames {
    pub(super) fn new(previous: &Checked<'_>) -> RelationNames {
        let mut out = RelationNames::default();
        let table_of: HashMap<&str, &str> =
            previous.schema.tables.iter().filter_map(|(key, t)| Some((t.model.as_deref()?, key.as_str()))).collect();
        // (model, field, target model, relation name, `fields:` as field names, list)
        let mut relation_fields = Vec::new();
        for item in &previous.ast.items {
            let TopItem::Block(block) = item else { continue };
            if block.kind != BlockKind::Model {
                continue;
            }
            for member in &block.members {
                let Member::Field(field) = member else { continue };
                let Some(FieldType { name: TypeName::Named(target), arity, .. }) = &field.ty else { continue };
                if !table_of.contains_key(target.name) {
                    continue;
                }
                let relation = field.attributes.iter().find(|a| a.name.name == "relation");
                let args = relation.map(|r| r.args()).unwrap_or_default();
                let name = args.iter().find_map(|a| match (&a.name, &a.value) {
                    (None, Expr::String(s)) => Some(s.value.to_string()),
                    (Some(n), Expr::String(s)) if n.name == "name" => Some(s.value.to_string()),
                    _ => None,
                });
                let fields = args.iter().find_map(|a| match (&a.name, &a.value) {
                    (Some(n), Expr::Array(items, _)) if n.name == "fields" => Some(
                        items
                            .iter()
                            .filter_map(|i| if let Expr::Constant(c, _) = i { Some(*c) } else { None })
                            .collect::<Vec<_>>(),
                    ),
                    _ => None,
                });
                relation_fields.push((
                    block.name.name,
                    field.name.name,
                    target.name,
                    name,
                    fields,
                    *arity == Arity::List,
                ));
            }
        }
        let columns_of = |model: &str, fields: &[&str]| -> Option<(String, Vec<String>)> {
            let key = table_of.get(model)?;
            let table = &previous.schema.tables[*key];
            let cols = fields.iter().map(|f| table.columns.values().find(|c| c.field == *f).map(|c| c.name.clone()));
            Some((key.to_string(), cols.collect::<Option<Vec<_>>>()?))
        };
        for (model, field, target, name, fields, list) in &relation_fields {
            if let Some(fields) = fields {
                if let Some(k) = columns_of(model, fields) {
                    out.forward.insert(k, field.to_string());
                }
                continue;
            }
            // The other side: the field in `target` that points back with the same relation name.
            let opposite = relation_fields
                .iter()
                .find(|(m, f, t, n, _, _)| m == target && t == model && n == name && (m != model || f != field));
            match opposite {
                Some((m, _, _, _, Some(fields), _)) => {
                    if let Some(k) = columns_of(m, fields) {
                        out.back.insert(k, (field.to_string(), *list));
                    }
                }
                Some((_, _, _, _, None, true)) if *list && model != target => {
                    let (a, b) = if model <= target { (model, target) } else { (target, model) };
                    let join = format!("_{}", name.clone().unwrap_or_else(|| format!("{a}To{b}")));
                    out.many_to_many.insert((join, table_of[model].to_string()), field.to_string());
                }
                _ => {}
            }
        }
        out
    }
}

/// Whether `name` can be written bare as a model, enum or field name.
pub(super) fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic()) && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `name` made into an identifier: other characters become `_`, and a name that does not start with a
/// letter gets `prefix` in front.
pub(super) fn sanitize(name: &str, prefix: &str) -> String {
    if is_identifier(name) {
        return name.to_string();
    }
    let mut out: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect();
    if !out.starts_with(|c: char| c.is_ascii_alphabetic()) {
        out.insert_str(0, prefix);
    }
    out
}

/// `base`, or `base2`, `base3`, ... whichever is not in `taken`; the result is then taken.
pub(super) fn unique(base: String, taken: &mut HashSet<String>) -> String {
    let mut name = base.clone();
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{base}{n}");
        n += 1;
    }
    taken.insert(name.clone());
    name
}

pub(super) fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// A string literal in the schema language.
pub(super) fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The schema names of everything printed.
pub(super) struct Names {
    /// Table key to model name.
    pub(super) models: HashMap<String, String>,
    /// Enum key to enum name.
    pub(super) enums: HashMap<String, String>,
    /// Enum key to (database value to value name).
    pub(super) enum_values: HashMap<String, HashMap<String, String>>,
    /// Table key to (column name to field name).
    pub(super) fields: HashMap<String, HashMap<String, String>>,
    /// Implicit many-to-many join tables: table key to (relation name, table of A, table of B).
    pub(super) join_tables: HashMap<String, (String, String, String)>,
}

impl Names {
    pub(super) fn new(schema: &Schema, previous: Option<&Schema>, with_views: bool) -> Names {
        let mut taken = HashSet::new();
        let mut enums = HashMap::new();
        let mut enum_values = HashMap::new();
        for (key, e) in &schema.enums {
            let before = previous.and_then(|p| p.enums.get(key));
            let known = before.map(|p| p.schema_name.clone());
            enums.insert(key.clone(), unique(known.unwrap_or_else(|| sanitize(&e.name, "Enum_")), &mut taken));
            let mut value_names = HashSet::new();
            let values = e.values.iter().map(|v| {
                let known = before.and_then(|p| p.values.iter().find(|pv| pv.name == v.name));
                let name = known.map_or_else(|| sanitize(&v.name, "VALUE_"), |pv| pv.schema_name.clone());
                (v.name.clone(), unique(name, &mut value_names))
            });
            enum_values.insert(key.clone(), values.collect());
        }
        let mut models = HashMap::new();
        let mut fields = HashMap::new();
        let views =
            schema.views.iter().filter(|_| with_views).map(|(k, v)| (k, v, previous.and_then(|p| p.views.get(k))));
        let tables = schema.tables.iter().map(|(k, t)| (k, t, previous.and_then(|p| p.tables.get(k))));
        for (key, table, before) in tables.chain(views) {
            let known = before.and_then(|t| t.model.clone());
            models.insert(key.clone(), unique(known.unwrap_or_else(|| sanitize(&table.name, "Model_")), &mut taken));
            let mut field_names = HashSet::new();
            let mut map = HashMap::new();
            for column in table.columns.values() {
                let known = before.and_then(|t| t.columns.get(&column.name)).map(|c| c.field.clone());
                let name = unique(known.unwrap_or_else(|| sanitize(&column.name, "field_")), &mut field_names);
                map.insert(column.name.clone(), name);
            }
            fields.insert(key.clone(), map);
        }
        let mut names = Names { models, enums, enum_values, fields, join_tables: HashMap::new() };
        for (key, table) in &schema.tables {
            if let Some(join) = names.implicit_join_table(schema, table) {
                names.join_tables.insert(key.clone(), join);
            }
        }
        names
    }

    /// Whether `table` is exactly the join table Prisma makes for an implicit many-to-many relation
    /// between two printed models (so printing the relation gives it back, names and all).
    pub(super) fn implicit_join_table(&self, schema: &Schema, table: &Table) -> Option<(String, String, String)> {
        let relation = table.name.strip_prefix('_')?;
        let [a, b] = [table.columns.get("A")?, table.columns.get("B")?];
        if table.columns.len() != 2 || a.nullable || b.nullable || a.array || b.array || a.default.is_some() {
            return None;
        }
        let target = |column: &str| -> Option<String> {
            let fk = table.foreign_keys.iter().find(|fk| fk.columns == [column])?;
            let referenced = schema.tables.get(&fk.referenced_table)?;
            let pk = referenced.primary_key.as_ref()?;
            let expected = constraint_name(&table.name, &[column], "fkey");
            let ok = fk.name == expected
                && fk.on_delete == ReferentialAction::Cascade
                && fk.on_update == ReferentialAction::Cascade
                && pk.columns.len() == 1
                && fk.referenced_columns == [pk.columns[0].name.clone()]
                && referenced.columns.get(&pk.columns[0].name).is_some_and(|c| c.ty == table.columns[column].ty);
            ok.then(|| fk.referenced_table.clone())
        };
        let (ta, tb) = (target("A")?, target("B")?);
        let pk = table.primary_key.as_ref()?;
        let index = [Index {
            name: constraint_name(&table.name, &["B"], "index"),
            unique: false,
            columns: vec![IndexColumn::plain("B")],
            method: IndexMethod::BTree,
            predicate: None,
            client_name: None,
        }];
        let shape = pk.name == constraint_name(&table.name, &["AB"], "pkey")
            && pk.columns == [IndexColumn::plain("A"), IndexColumn::plain("B")]
            && table.indexes == index
            && table.foreign_keys.len() == 2
            && table.checks.is_empty()
            && table.comment.is_none();
        // Prisma orders the two sides by model name; a self-relation needs two differently named fields
        // on one model, which the printer does not attempt.
        let (ma, mb) = (self.models.get(&ta)?, self.models.get(&tb)?);
        (shape && ma < mb && !self.join_tables.contains_key(&ta) && !self.join_tables.contains_key(&tb))
            .then(|| (relation.to_string(), ta, tb))
    }

    pub(super) fn field(&self, table: &str, column: &str) -> &str {
        &self.fields[table][column]
    }
}

/// `customer_id` to `customer`, `authorId` to `author`.
pub(super) fn strip_id_suffix(field: &str) -> Option<String> {
    let stem = ["_id", "Id", "ID", "_ID"].iter().find_map(|s| field.strip_suffix(s))?;
    is_identifier(stem).then(|| stem.to_string())
}
