//! The Rust names of everything generated, made distinct before any code is written.
//!
//! Schema names are database names first: `createdAt` and `created_at` are two columns, but both
//! snake-case to `created_at`. The rule is the same everywhere, so a name can be predicted: items are
//! named in schema order, and a name already taken gets `_2`, `_3`, ... (`created_at_2`, `CreatedAt2`,
//! `CREATED_AT_2_COLUMN`); a model's type names (`New…`, `…Iden`) that another model or enum already
//! has get `2` (`NewOrder2`). Each renamed item says so in its docs.

use std::collections::{HashMap, HashSet};

use proc_macro2::Ident;
use quote::format_ident;
use refract_ir::{Schema, Table};

use crate::types::{const_ident, field_ident, type_ident, variant_ident};

/// A column's names.
pub struct ColumnNames {
    pub ident: Ident,
    pub variant: Ident,
    pub konst: Ident,
    /// The typed column's constant (`M::CUSTOMER_ID`).
    pub column_const: Ident,
    /// Why the name is not the plain snake case of the field, for the docs.
    pub renamed: Option<String>,
}

/// A model's (or view's) names.
pub struct ModelNames {
    pub name: Ident,
    pub new_name: Ident,
    pub iden: Ident,
    /// By column name.
    pub columns: HashMap<String, ColumnNames>,
    /// Per relation field of the table (same order): the method's name and why it was renamed.
    pub relations: Vec<(Ident, Option<String>)>,
    /// Per relation field of the table (same order): the relation's constant (`M::ORDERS`).
    pub relation_consts: Vec<Ident>,
}

/// The methods every model may get: a relation field may not take their names.
const GENERATED_METHODS: &[&str] = &["find", "find_by_id", "update", "delete", "delete_by_id", "insert"];

/// `base`, or `base_2`, `base_3`, ... whichever is free; the result is then taken.
fn free(base: String, taken: &mut HashSet<String>, sep: &str) -> String {
    let mut name = base.clone();
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{base}{sep}{n}");
        n += 1;
    }
    taken.insert(name.clone());
    name
}

/// The names of every model and view of `schema`, by table key.
pub fn names(schema: &Schema) -> HashMap<String, ModelNames> {
    let mut types: HashSet<String> = schema.enums.values().map(|e| type_ident(&e.schema_name).to_string()).collect();
    let objects: Vec<(&String, &Table)> =
        schema.tables.iter().filter(|(_, t)| t.model.is_some()).chain(&schema.views).collect();
    for (_, t) in &objects {
        types.insert(type_ident(t.model.as_deref().unwrap_or(&t.name)).to_string());
    }
    let mut out = HashMap::new();
    for (key, table) in objects {
        let name = type_ident(table.model.as_deref().unwrap_or(&table.name));
        let new_name = format_ident!("{}", free(format!("New{name}"), &mut types, ""));
        let iden = format_ident!("{}", free(format!("{name}Iden"), &mut types, ""));
        out.insert(key.clone(), model_names(table, name, new_name, iden));
    }
    out
}

fn model_names(table: &Table, name: Ident, new_name: Ident, iden: Ident) -> ModelNames {
    let mut fields = HashSet::new();
    // `Table` names the table itself in the identifier enum.
    let mut variants: HashSet<String> = HashSet::from(["Table".to_string()]);
    let mut columns = HashMap::new();
    // Constants: `TABLE`, `COLUMNS` and the `…_COLUMN` names come first, then the typed columns and the
    // relations take what is left, in schema order (`TABLE_2` for a field named `table`).
    let mut consts: HashSet<String> = HashSet::from(["TABLE".to_string(), "COLUMNS".to_string()]);
    let mut snakes = Vec::new();
    for column in table.columns.values() {
        let plain = field_ident(&column.field).to_string();
        let snake = free(plain.trim_start_matches("r#").to_string(), &mut fields, "_");
        let ident = field_ident(&snake);
        let variant_base = if variant_ident(&snake) == "Table" {
            "TableColumn".to_string()
        } else {
            variant_ident(&snake).to_string()
        };
        let variant = format_ident!("{}", free(variant_base, &mut variants, ""));
        let konst = format_ident!("{}_COLUMN", const_ident(&snake));
        consts.insert(konst.to_string());
        let renamed = (snake != plain.trim_start_matches("r#"))
            .then(|| format!("`{}` in the schema; `{plain}` was taken by an earlier field", column.field));
        let column_const = konst.clone(); // replaced below, once every `…_COLUMN` name is taken
        snakes.push((column.name.clone(), snake.clone()));
        columns.insert(column.name.clone(), ColumnNames { ident, variant, konst, column_const, renamed });
    }
    for (name, snake) in snakes {
        let konst = free(const_ident(&snake).to_string(), &mut consts, "_");
        columns.get_mut(&name).expect("named above").column_const = format_ident!("{konst}");
    }
    let mut methods: HashSet<String> = GENERATED_METHODS.iter().map(|m| m.to_string()).collect();
    let relations = table
        .relations
        .iter()
        .map(|r| {
            let plain = field_ident(&r.field).to_string();
            let plain = plain.trim_start_matches("r#").to_string();
            let method = free(plain.clone(), &mut methods, "_");
            let renamed = (method != plain).then(|| {
                format!(
                    "The relation field `{}`; `{plain}()` is taken by a generated method or another relation",
                    r.field
                )
            });
            (field_ident(&method), renamed)
        })
        .collect();
    let relation_consts = table
        .relations
        .iter()
        .map(|r| {
            let plain = field_ident(&r.field).to_string();
            format_ident!("{}", free(const_ident(plain.trim_start_matches("r#")).to_string(), &mut consts, "_"))
        })
        .collect();
    ModelNames { name, new_name, iden, columns, relations, relation_consts }
}
