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

mod model;
mod names;
mod relations;
mod views;

use indexmap::IndexMap;

use refract_ir::Schema;

use crate::Checked;
use names::{Names, RelationNames, sanitize, string};
use views::KeptViews;

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
/// Views are printed when the preamble's generator enables them (as Prisma: `views` preview feature).
pub fn print(schema: &Schema, preamble: &str, previous: Option<&Checked>) -> Printed {
    print_with(schema, preamble, previous, enables_views(preamble))
}

/// Whether the generator blocks in `text` enable the `views` preview feature.
pub fn enables_views(text: &str) -> bool {
    crate::preview_features(&crate::parse(text).ast).iter().any(|f| f.eq_ignore_ascii_case("views"))
}

/// [`print`], saying whether views are printed (for a preamble that is not part of the text).
pub fn print_with(schema: &Schema, preamble: &str, previous: Option<&Checked>, with_views: bool) -> Printed {
    let relation_names = previous.map(RelationNames::new).unwrap_or_default();
    let kept_views = previous.map(KeptViews::new).unwrap_or_default();
    let previous = previous.map(|p| &p.schema);
    let names = Names::new(schema, previous, with_views);
    let mut printer = Printer { schema, names: &names, previous, relation_names, kept_views, notes: Vec::new() };
    if !with_views && !schema.views.is_empty() {
        printer.notes.push(format!(
            "{} views in the database are left out: add `previewFeatures = [\"views\"]` to the generator block to pull them",
            schema.views.len()
        ));
    }
    let mut out = String::from(preamble.trim_end());
    out.push('\n');
    for key in in_previous_order(schema.enums.keys(), previous.map(|p| &p.enums)) {
        out.push('\n');
        printer.enum_block(&mut out, key, &schema.enums[key]);
    }
    let mut relations = printer.relations();
    // Relations to and from views are the schema's alone: carried over from the one being replaced.
    let printed_name = |name: &str| -> Option<String> {
        let previous = previous?;
        let key = previous.tables.iter().chain(&previous.views).find(|(_, t)| t.model.as_deref() == Some(name))?.0;
        names.models.get(key).cloned()
    };
    for (key, fields) in printer.kept_views.relation_fields(printed_name) {
        if names.models.contains_key(&key) {
            relations.entry(key).or_default().extend(fields);
        }
    }
    for key in in_previous_order(schema.tables.keys(), previous.map(|p| &p.tables)) {
        if names.join_tables.contains_key(key) {
            continue;
        }
        out.push('\n');
        printer.model_block(&mut out, key, &schema.tables[key], &relations);
    }
    if with_views {
        for key in in_previous_order(schema.views.keys(), previous.map(|p| &p.views)) {
            out.push('\n');
            printer.view_block(&mut out, key, &schema.views[key], &relations);
        }
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

struct Printer<'a> {
    schema: &'a Schema,
    names: &'a Names,
    previous: Option<&'a Schema>,
    relation_names: RelationNames,
    kept_views: KeptViews,
    notes: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::names::strip_id_suffix;
    use super::*;
    use refract_ir::{Column, ColumnDefault, ColumnType, IndexColumn, Table};

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
