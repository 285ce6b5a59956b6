//! A schema file written from an IR: what `refract db pull` makes of a database it introspected.
//!
//! Models are named after their tables and fields after their columns, as Prisma's `db pull` does;
//! a name the schema language cannot hold is made valid and the real name kept with `@map`/`@@map`.
//! Relation fields are derived from the foreign keys (both sides), and Prisma's implicit many-to-many
//! join tables become list fields again. When the project already has a schema, its model, field and
//! enum names are kept for the tables and columns it already describes (re-introspection), together
//! with the defaults only the application fills in (`@updatedAt`, `uuid()`, ...).
//!
//! Architecture invariant: for everything the IR can hold, `check(print(ir))` validates to an IR
//! that plans empty against `ir`; what cannot be expressed is left out and named in
//! [`Printed::notes`].

use std::collections::{HashMap, HashSet};

use indexmap::IndexMap;

use refract_ir::{
    ClientDefault, Column, ColumnDefault, ColumnType, Index, IndexColumn, IndexMethod, ReferentialAction, Schema,
    SortOrder, Table, constraint_name,
};

use crate::Checked;
use crate::ast::{Arity, BlockKind, Expr, FieldType, Member, TopItem, TypeName};
use crate::validate::spelling;

/// The schema text, and what it could not say.
#[derive(Debug, Clone)]
pub struct Printed {
    pub text: String,
    /// Objects left out or changed on the way, one sentence each.
    pub notes: Vec<String>,
    /// How many models it holds (tables other than implicit join tables).
    pub models: usize,
}

/// Writes `schema` as a formatted schema file. `preamble` (the datasource and generator blocks) goes
/// first; `previous`, the IR of the schema being replaced, lends its names to what it already knew.
pub fn print(schema: &Schema, preamble: &str, previous: Option<&Checked>) -> Printed {
    let relation_names = previous.map(RelationNames::new).unwrap_or_default();
    let previous = previous.map(|p| &p.schema);
    let names = Names::new(schema, previous);
    let mut printer = Printer { schema, names: &names, previous, relation_names, notes: Vec::new() };
    let mut out = String::from(preamble.trim_end());
    out.push('\n');
    for key in in_previous_order(schema.enums.keys(), previous.map(|p| &p.enums)) {
        out.push('\n');
        printer.enum_block(&mut out, key, &schema.enums[key]);
    }
    let relations = printer.relations();
    for key in in_previous_order(schema.tables.keys(), previous.map(|p| &p.tables)) {
        if names.join_tables.contains_key(key) {
            continue;
        }
        out.push('\n');
        printer.model_block(&mut out, key, &schema.tables[key], &relations);
    }
    let text = crate::format(&out).unwrap_or(out);
    Printed { text, notes: printer.notes, models: schema.tables.len() - names.join_tables.len() }
}

/// `keys` with the ones `previous` knows first, in its order (a re-introspected file keeps its layout),
/// then the new ones in the database's order.
fn in_previous_order<'k, V>(
    keys: impl Iterator<Item = &'k String>,
    previous: Option<&IndexMap<String, V>>,
) -> Vec<&'k String> {
    let mut keys: Vec<&String> = keys.collect();
    if let Some(previous) = previous {
        keys.sort_by_key(|k| previous.get_index_of(k.as_str()).unwrap_or(usize::MAX));
    }
    keys
}

/// The relation field names of the schema being replaced, by what they stand for in the database.
#[derive(Default)]
struct RelationNames {
    /// (holder table key, foreign key columns) to the field that holds the foreign key.
    forward: HashMap<(String, Vec<String>), String>,
    /// (holder table key, foreign key columns) to the field on the referenced model.
    back: HashMap<(String, Vec<String>), String>,
    /// (join table name, table key of the model) to the list field of an implicit many-to-many relation.
    many_to_many: HashMap<(String, String), String>,
}

impl RelationNames {
    fn new(previous: &Checked<'_>) -> RelationNames {
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
                        out.back.insert(k, field.to_string());
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

/// The datasource block of a new schema file. With extensions, a generator enabling the preview feature
/// they need comes first (Prisma, and so refract, refuse `extensions` without it); an extension whose
/// name is no identifier (`uuid-ossp`) is written as Prisma writes it, `uuid_ossp(map: "uuid-ossp")`.
pub fn default_preamble(schema: &Schema) -> String {
    let mut out = String::new();
    if !schema.extensions.is_empty() {
        out.push_str(
            "generator client {\n  provider        = \"prisma-client-js\"\n  previewFeatures = [\"postgresqlExtensions\"]\n}\n\n",
        );
    }
    out.push_str("datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n");
    if !schema.extensions.is_empty() {
        let list: Vec<String> = schema
            .extensions
            .iter()
            .map(|e| {
                let name = sanitize(&e.name, "ext_");
                if name == e.name { name } else { format!("{name}(map: {})", string(&e.name)) }
            })
            .collect();
        out.push_str(&format!("  extensions = [{}]\n", list.join(", ")));
    }
    out.push_str("}\n");
    out
}

/// Whether `name` can be written bare as a model, enum or field name.
fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic()) && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `name` made into an identifier: other characters become `_`, and a name that does not start with a
/// letter gets `prefix` in front.
fn sanitize(name: &str, prefix: &str) -> String {
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
fn unique(base: String, taken: &mut HashSet<String>) -> String {
    let mut name = base.clone();
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{base}{n}");
        n += 1;
    }
    taken.insert(name.clone());
    name
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// A string literal in the schema language.
fn string(s: &str) -> String {
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
struct Names {
    /// Table key to model name.
    models: HashMap<String, String>,
    /// Enum key to enum name.
    enums: HashMap<String, String>,
    /// Enum key to (database value to value name).
    enum_values: HashMap<String, HashMap<String, String>>,
    /// Table key to (column name to field name).
    fields: HashMap<String, HashMap<String, String>>,
    /// Implicit many-to-many join tables: table key to (relation name, table of A, table of B).
    join_tables: HashMap<String, (String, String, String)>,
}

impl Names {
    fn new(schema: &Schema, previous: Option<&Schema>) -> Names {
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
        for (key, table) in &schema.tables {
            let before = previous.and_then(|p| p.tables.get(key));
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
    fn implicit_join_table(&self, schema: &Schema, table: &Table) -> Option<(String, String, String)> {
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

    fn field(&self, table: &str, column: &str) -> &str {
        &self.fields[table][column]
    }
}

/// A relation field to print in a model, after its scalar fields.
struct RelationField {
    name: String,
    /// The model it points at, with `?` or `[]`.
    ty: String,
    /// The `@relation(...)` attribute, if it needs one.
    attribute: Option<String>,
}

struct Printer<'a> {
    schema: &'a Schema,
    names: &'a Names,
    previous: Option<&'a Schema>,
    relation_names: RelationNames,
    notes: Vec<String>,
}

impl Printer<'_> {
    fn enum_block(&mut self, out: &mut String, key: &str, e: &refract_ir::Enum) {
        let name = &self.names.enums[key];
        doc(out, "", e.comment.as_deref());
        out.push_str(&format!("enum {name} {{\n"));
        for v in &e.values {
            let value_name = &self.names.enum_values[key][&v.name];
            out.push_str(&format!("  {value_name}"));
            if *value_name != v.name {
                out.push_str(&format!(" @map({})", string(&v.name)));
            }
            out.push('\n');
        }
        if *name != e.name {
            out.push_str(&format!("\n  @@map({})\n", string(&e.name)));
        }
        out.push_str("}\n");
    }

    /// The relation fields of every model, from the foreign keys and the implicit join tables.
    fn relations(&mut self) -> HashMap<String, Vec<RelationField>> {
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

                let one_to_one = is_unique_criterion(table, &fk.columns);
                let back_base = match (self.relation_names.back.get(&fk_key), &relation_name) {
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

    fn model_block(
        &mut self,
        out: &mut String,
        key: &str,
        table: &Table,
        relations: &HashMap<String, Vec<RelationField>>,
    ) {
        let model = &self.names.models[key];
        let previous = self.previous.and_then(|p| p.tables.get(key));
        doc(out, "", table.comment.as_deref());
        let ignored = !has_unique_criterion(table);
        if ignored {
            out.push_str("/// The underlying table has no unique identifier, so Prisma Client cannot handle it.\n");
        }
        out.push_str(&format!("model {model} {{\n"));
        let pk = table.primary_key.as_ref();
        let single_id = pk.filter(|pk| pk.columns.len() == 1 && plain(&pk.columns[0])).map(|pk| &pk.columns[0].name);
        // A single-column unique index Prisma writes as `@unique` on the field.
        let field_unique = |column: &str| {
            table.indexes.iter().position(|i| {
                i.unique
                    && i.predicate.is_none()
                    && i.method == IndexMethod::BTree
                    && i.columns.len() == 1
                    && i.columns[0].name == column
                    && plain(&i.columns[0])
            })
        };
        let mut inline_uniques = HashSet::new();
        for column in table.columns.values() {
            let field = self.names.field(key, &column.name);
            doc(out, "  ", column.comment.as_deref());
            let mut line = format!("  {field} {}", self.field_type(column));
            if single_id == Some(&column.name) {
                let pk = pk.expect("single_id comes from it");
                if pk.name == constraint_name(&table.name, &[], "pkey") {
                    line.push_str(" @id");
                } else {
                    line.push_str(&format!(" @id(map: {})", string(&pk.name)));
                }
            }
            let before = previous.and_then(|t| t.columns.get(&column.name));
            if let Some(default) = self.default(column, before) {
                line.push_str(&format!(" @default({default})"));
            }
            if before.and_then(|c| c.generated_by_client) == Some(ClientDefault::UpdatedAt) && column.default.is_none()
            {
                line.push_str(" @updatedAt");
            }
            if let Some(i) = field_unique(&column.name) {
                inline_uniques.insert(i);
                let index = &table.indexes[i];
                if index.name == constraint_name(&table.name, &[&column.name], "key") {
                    line.push_str(" @unique");
                } else {
                    line.push_str(&format!(" @unique(map: {})", string(&index.name)));
                }
            }
            if *field != column.name {
                line.push_str(&format!(" @map({})", string(&column.name)));
            }
            if let Some((_, Some(native))) = spelling(&column.ty) {
                line.push_str(&format!(" @db.{native}"));
            }
            out.push_str(&line);
            out.push('\n');
        }
        if let Some(rels) = relations.get(key) {
            out.push('\n');
            for r in rels {
                out.push_str(&format!("  {} {}", r.name, r.ty));
                if let Some(a) = &r.attribute {
                    out.push(' ');
                    out.push_str(a);
                }
                out.push('\n');
            }
        }

        let mut block = Vec::new();
        if let Some(pk) = pk
            && single_id.is_none()
        {
            let mut args = vec![self.columns(key, &pk.columns)];
            if pk.name != constraint_name(&table.name, &[], "pkey") {
                args.push(format!("map: {}", string(&pk.name)));
            }
            block.push(format!("@@id({})", args.join(", ")));
        }
        for (i, index) in table.indexes.iter().enumerate() {
            if inline_uniques.contains(&i) {
                continue;
            }
            block.push(self.index(key, table, index));
        }
        for check in &table.checks {
            let expression = self.in_field_terms(key, &check.expression);
            block.push(format!("@@check({}, map: {})", string(&expression), string(&check.name)));
        }
        if *model != table.name {
            block.push(format!("@@map({})", string(&table.name)));
        }
        if ignored {
            self.notes.push(format!(
                "table `{}` has no primary key or unique index over required columns; its model is marked `@@ignore`",
                table.name
            ));
            block.push("@@ignore".to_string());
        }
        if !block.is_empty() {
            out.push('\n');
            for b in block {
                out.push_str(&format!("  {b}\n"));
            }
        }
        out.push_str("}\n");
    }

    /// A CHECK expression as PostgreSQL prints it, with quoted column names (`"healthRatio"`) written as
    /// the bare field names a schema author writes; validation quotes them again.
    fn in_field_terms(&self, key: &str, expression: &str) -> String {
        let fields = &self.names.fields[key];
        let mut out = String::with_capacity(expression.len());
        let mut rest = expression;
        while let Some(i) = rest.find(['\'', '"']) {
            let (before, from) = rest.split_at(i);
            out.push_str(before);
            let quote = from.as_bytes()[0] as char;
            // The closing quote; a doubled quote inside is an escaped one.
            let mut end = 1;
            loop {
                match from[end..].find(quote) {
                    Some(j) if from[end + j + 1..].starts_with(quote) => end += j + 2,
                    Some(j) => {
                        end += j + 1;
                        break;
                    }
                    None => {
                        end = from.len();
                        break;
                    }
                }
            }
            let token = &from[..end];
            let after_cast = out.trim_end().ends_with("::");
            match fields.get(token.trim_matches('"')) {
                Some(field) if quote == '"' && !after_cast && !token[1..end - 1].contains('"') => out.push_str(field),
                _ => out.push_str(token),
            }
            rest = &from[end..];
        }
        out.push_str(rest);
        out
    }

    /// `@@unique([...])` or `@@index([...])` with its arguments.
    fn index(&self, key: &str, table: &Table, index: &Index) -> String {
        let mut args = vec![self.columns(key, &index.columns)];
        let cols: Vec<&str> = index.columns.iter().map(|c| c.name.as_str()).collect();
        let suffix = if index.unique { "key" } else { "idx" };
        if index.name != constraint_name(&table.name, &cols, suffix) {
            args.push(format!("map: {}", string(&index.name)));
        }
        if index.method != IndexMethod::BTree {
            args.push(format!("type: {}", method(index.method)));
        }
        if let Some(p) = &index.predicate {
            args.push(format!("where: raw({})", string(p)));
        }
        format!("@@{}({})", if index.unique { "unique" } else { "index" }, args.join(", "))
    }

    /// `[a, b(sort: Desc), c(ops: raw("text_pattern_ops"))]`.
    fn columns(&self, key: &str, columns: &[IndexColumn]) -> String {
        let items: Vec<String> = columns
            .iter()
            .map(|c| {
                let field = self.names.field(key, &c.name);
                let mut args = Vec::new();
                if c.sort == SortOrder::Desc {
                    args.push("sort: Desc".to_string());
                }
                if let Some(ops) = &c.ops {
                    args.push(format!("ops: raw({})", string(ops)));
                }
                if args.is_empty() { field.to_string() } else { format!("{field}({})", args.join(", ")) }
            })
            .collect();
        format!("[{}]", items.join(", "))
    }

    fn field_type(&self, column: &Column) -> String {
        let base = match &column.ty {
            ColumnType::Enum(key) => self.names.enums.get(key).cloned().unwrap_or_else(|| key.clone()),
            ColumnType::Unsupported(t) => format!("Unsupported({})", string(t)),
            ty => spelling(ty).expect("enums and Unsupported are matched above").0.name().to_string(),
        };
        let suffix = if column.array {
            "[]"
        } else if column.nullable {
            "?"
        } else {
            ""
        };
        format!("{base}{suffix}")
    }

    /// The `@default(...)` argument: the database's default, else a client-side one the previous
    /// schema declared.
    fn default(&self, column: &Column, before: Option<&Column>) -> Option<String> {
        if column.autoincrement {
            return Some("autoincrement()".to_string());
        }
        match &column.default {
            Some(d) => Some(self.default_value(d, &column.ty)),
            None => match before.and_then(|c| c.generated_by_client)? {
                ClientDefault::Uuid => Some("uuid()".into()),
                ClientDefault::Cuid => Some("cuid()".into()),
                ClientDefault::Ulid => Some("ulid()".into()),
                ClientDefault::Nanoid => Some("nanoid()".into()),
                ClientDefault::UpdatedAt => None,
            },
        }
    }

    fn default_value(&self, default: &ColumnDefault, ty: &ColumnType) -> String {
        match default {
            ColumnDefault::String(s) => string(s),
            ColumnDefault::Number(n) => n.clone(),
            ColumnDefault::Boolean(b) => b.to_string(),
            ColumnDefault::EnumValue(v) => match ty {
                ColumnType::Enum(key) => self.names.enum_values[key].get(v).cloned().unwrap_or_else(|| string(v)),
                _ => string(v),
            },
            ColumnDefault::Now => "now()".to_string(),
            ColumnDefault::DbGenerated(Some(e)) => format!("dbgenerated({})", string(e)),
            ColumnDefault::DbGenerated(None) => "dbgenerated()".to_string(),
            ColumnDefault::List(items) => {
                let items: Vec<String> = items.iter().map(|i| self.default_value(i, ty)).collect();
                format!("[{}]", items.join(", "))
            }
        }
    }
}

/// `///` lines for a comment.
fn doc(out: &mut String, indent: &str, comment: Option<&str>) {
    for line in comment.into_iter().flat_map(str::lines) {
        out.push_str(&format!("{indent}/// {line}\n"));
    }
}

/// `customer_id` to `customer`, `authorId` to `author`.
fn strip_id_suffix(field: &str) -> Option<String> {
    let stem = ["_id", "Id", "ID", "_ID"].iter().find_map(|s| field.strip_suffix(s))?;
    is_identifier(stem).then(|| stem.to_string())
}

fn plain(c: &IndexColumn) -> bool {
    c.sort == SortOrder::Asc && c.ops.is_none()
}

/// Whether `columns` are exactly the primary key or a unique index's columns (a one-to-one holder).
fn is_unique_criterion(table: &Table, columns: &[String]) -> bool {
    let same = |cols: &[IndexColumn]| cols.len() == columns.len() && cols.iter().all(|c| columns.contains(&c.name));
    table.primary_key.as_ref().is_some_and(|pk| same(&pk.columns))
        || table.indexes.iter().any(|i| i.unique && i.predicate.is_none() && same(&i.columns))
}

/// Prisma needs a primary key or a unique index over required columns to handle a model.
fn has_unique_criterion(table: &Table) -> bool {
    table.primary_key.is_some()
        || table.indexes.iter().any(|i| {
            i.unique
                && i.predicate.is_none()
                && i.columns.iter().all(|c| table.columns.get(&c.name).is_some_and(|col| !col.nullable && !col.array))
        })
}

fn action(a: ReferentialAction) -> &'static str {
    match a {
        ReferentialAction::Cascade => "Cascade",
        ReferentialAction::Restrict => "Restrict",
        ReferentialAction::NoAction => "NoAction",
        ReferentialAction::SetNull => "SetNull",
        ReferentialAction::SetDefault => "SetDefault",
    }
}

fn method(m: IndexMethod) -> &'static str {
    match m {
        IndexMethod::BTree => "BTree",
        IndexMethod::Hash => "Hash",
        IndexMethod::Gist => "Gist",
        IndexMethod::Gin => "Gin",
        IndexMethod::SpGist => "SpGist",
        IndexMethod::Brin => "Brin",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every column type prints as a field that validates back to the same type.
    #[test]
    fn column_types_round_trip() {
        let types = [
            ColumnType::Text,
            ColumnType::VarChar(Some(32)),
            ColumnType::VarChar(None),
            ColumnType::Char(Some(2)),
            ColumnType::Uuid,
            ColumnType::Xml,
            ColumnType::Inet,
            ColumnType::Citext,
            ColumnType::SmallInt,
            ColumnType::Integer,
            ColumnType::BigInt,
            ColumnType::Oid,
            ColumnType::DoublePrecision,
            ColumnType::Real,
            ColumnType::Decimal(Some((65, 30))),
            ColumnType::Decimal(Some((20, 8))),
            ColumnType::Decimal(None),
            ColumnType::Money,
            ColumnType::Boolean,
            ColumnType::Timestamp(Some(3)),
            ColumnType::Timestamp(None),
            ColumnType::Timestamptz(Some(6)),
            ColumnType::Date,
            ColumnType::Time(Some(2)),
            ColumnType::Timetz(None),
            ColumnType::Json,
            ColumnType::JsonB,
            ColumnType::ByteA,
            ColumnType::Bit(Some(8)),
            ColumnType::VarBit(None),
            ColumnType::Unsupported("tsvector".into()),
        ];
        let mut table = Table::new("t");
        table.model = Some("t".into());
        table.primary_key =
            Some(refract_ir::PrimaryKey { name: "t_pkey".into(), columns: vec![IndexColumn::plain("c0")] });
        for (i, ty) in types.iter().enumerate() {
            let name = format!("c{i}");
            table.columns.insert(
                name.clone(),
                Column {
                    field: name.clone(),
                    name,
                    ty: ty.clone(),
                    array: false,
                    nullable: i > 0,
                    default: None,
                    autoincrement: false,
                    generated_by_client: None,
                    comment: None,
                },
            );
        }
        let mut schema = Schema::default();
        schema.tables.insert("t".into(), table);
        let printed = print(&schema, &default_preamble(&schema), None);
        let checked = crate::check(&printed.text);
        assert!(!checked.has_errors(), "{:?}\n{}", checked.diagnostics, printed.text);
        for (i, ty) in types.iter().enumerate() {
            assert_eq!(&checked.schema.tables["t"].columns[&format!("c{i}")].ty, ty, "{}", printed.text);
        }
    }

    /// Extensions come with the preview feature they need, and names that are no identifiers mapped.
    #[test]
    fn extensions_print_a_schema_that_validates() {
        let mut schema = Schema::default();
        for name in ["citext", "uuid-ossp"] {
            schema.extensions.push(refract_ir::Extension { name: name.into(), schema: None, version: None });
        }
        let mut t = Table::new("t");
        t.model = Some("t".into());
        t.columns.insert(
            "id".into(),
            Column {
                name: "id".into(),
                field: "id".into(),
                ty: ColumnType::Integer,
                array: false,
                nullable: false,
                default: None,
                autoincrement: false,
                generated_by_client: None,
                comment: None,
            },
        );
        t.primary_key = Some(refract_ir::PrimaryKey { name: "t_pkey".into(), columns: vec![IndexColumn::plain("id")] });
        schema.tables.insert("t".into(), t);
        let preamble = default_preamble(&schema);
        assert!(preamble.contains("extensions = [citext, uuid_ossp(map: \"uuid-ossp\")]"), "{preamble}");
        let printed = print(&schema, &preamble, None);
        let checked = crate::check(&printed.text);
        assert!(!checked.has_errors(), "{:?}\n{}", checked.diagnostics, printed.text);
        let names: Vec<_> = checked.schema.extensions.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["citext", "uuid-ossp"]);
    }

    /// Names the language cannot hold are mapped, a table without a unique criterion is ignored, and
    /// the printed schema validates back to the same database names.
    #[test]
    fn awkward_databases_print_valid_schemas() {
        let mut schema = Schema::default();
        schema.enums.insert(
            "order state".into(),
            refract_ir::Enum {
                name: "order state".into(),
                schema_name: "order state".into(),
                namespace: None,
                values: ["in progress", "done"]
                    .iter()
                    .map(|v| refract_ir::EnumValue { name: v.to_string(), schema_name: v.to_string() })
                    .collect(),
                comment: Some("The model of a state.".into()),
            },
        );
        let column = |name: &str, ty: ColumnType, nullable: bool| Column {
            name: name.into(),
            field: name.into(),
            ty,
            array: false,
            nullable,
            default: None,
            autoincrement: false,
            generated_by_client: None,
            comment: Some("the model field".into()),
        };
        let mut log = Table::new("audit log");
        log.model = Some("audit log".into());
        log.columns.insert("at".into(), column("at", ColumnType::Timestamptz(Some(6)), false));
        let mut state = column("2nd state", ColumnType::Enum("order state".into()), true);
        state.default = Some(ColumnDefault::EnumValue("in progress".into()));
        log.columns.insert("2nd state".into(), state);
        schema.tables.insert("audit log".into(), log);

        let printed = print(&schema, &default_preamble(&schema), None);
        let checked = crate::check(&printed.text);
        assert!(!checked.has_errors(), "{:?}\n{}", checked.diagnostics, printed.text);
        assert!(printed.text.contains("@@ignore") && printed.notes.len() == 1, "{}", printed.text);
        let table = &checked.schema.tables["audit log"];
        assert_eq!(table.columns.keys().collect::<Vec<_>>(), ["at", "2nd state"]);
        assert_eq!(
            table.columns["2nd state"].default,
            Some(ColumnDefault::EnumValue("in progress".into())),
            "{}",
            printed.text
        );
        let e = &checked.schema.enums["order state"];
        assert_eq!(e.values.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(), ["in progress", "done"]);
    }

    #[test]
    fn names_are_made_valid_and_mapped() {
        assert_eq!(sanitize("order-items", "Model_"), "order_items");
        assert_eq!(sanitize("2fa codes", "Model_"), "Model_2fa_codes");
        assert_eq!(strip_id_suffix("customer_id").as_deref(), Some("customer"));
        assert_eq!(strip_id_suffix("authorId").as_deref(), Some("author"));
        assert_eq!(strip_id_suffix("id"), None);
        assert_eq!(string("a \"b\" \\c"), r#""a \"b\" \\c""#);
    }
}
