//! A live database into the IR: the tables, columns, keys, indexes, foreign keys, CHECKs, enums and
//! comments of the schemas it is asked about, as PostgreSQL's catalog states them (its own normalised
//! spelling of types, defaults and expressions).
//!
//! Objects the schema language cannot express (functions, triggers, materialized views, expression
//! indexes, sequences no column owns, domains) are listed apart as [`Unmanaged`]: they are never drift.
//! Views are read into [`Schema::views`] (columns only, with their SQL beside), for `db pull`; they are
//! never drift either.
//!
//! Architecture invariant: two databases with the same managed objects introspect to equal IR values,
//! so "did anything change" is `==` on the IR and "what would reconcile it" is the planner.

mod align;
mod hand_checks;
mod types;

use std::collections::HashMap;

use indexmap::IndexMap;
use postgres::GenericClient;
use refract_ir::{
    Check, Column, Enum, EnumValue, Extension, ForeignKey, Index, IndexColumn, IndexMethod, PrimaryKey,
    ReferentialAction, Schema, SortOrder, Table,
};
use serde::Serialize;

pub use align::align;
pub use hand_checks::set_aside_hand_checks;

use crate::EngineError;

/// An object in the database that the schema language cannot describe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unmanaged {
    /// `function`, `trigger`, `view` (one the schema does not declare), `materialized view`, `expression index`, `sequence`, `domain`, ...
    pub kind: String,
    /// Qualified where it helps: `table.trigger`, `schema.function(args)`.
    pub name: String,
}

#[derive(Debug, Clone, Default)]
pub struct Introspection {
    pub schema: Schema,
    pub unmanaged: Vec<Unmanaged>,
    /// Each view's SQL as PostgreSQL prints it (`pg_get_viewdef`), keyed like [`Schema::views`].
    pub view_definitions: IndexMap<String, String>,
    /// The server's major version (15 for 15.4): another major version may spell the same schema's
    /// defaults and expressions differently.
    pub server_major: u32,
}

/// Reads the managed objects of `namespaces` (PostgreSQL schemas). With one namespace, names are
/// unqualified; with several, tables and enums are keyed `namespace.name` as `@@schema` does.
pub fn introspect(client: &mut impl GenericClient, namespaces: &[String]) -> Result<Introspection, EngineError> {
    let mut reader = Reader { client, namespaces, qualify: namespaces.len() > 1 };
    reader.read()
}

/// Table oid to the table's key in [`Schema::tables`].
type TableKeys = HashMap<u32, String>;

struct Reader<'a, C: GenericClient> {
    client: &'a mut C,
    namespaces: &'a [String],
    qualify: bool,
}

fn query<C: GenericClient>(
    client: &mut C,
    what: &str,
    sql: &str,
    params: &[&(dyn postgres::types::ToSql + Sync)],
) -> Result<Vec<postgres::Row>, EngineError> {
    client.query(sql, params).map_err(|e| EngineError::database(&format!("introspecting {what}"), sql, &e))
}

/// Objects that belong to an extension are the extension's business, not the schema's.
const NOT_FROM_EXTENSION: &str =
    "NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.objid = {oid} AND dep.deptype = 'e')";

fn not_from_extension(oid: &str) -> String {
    NOT_FROM_EXTENSION.replace("{oid}", oid)
}

impl<C: GenericClient> Reader<'_, C> {
    fn key(&self, namespace: &str, name: &str) -> String {
        if self.qualify { format!("{namespace}.{name}") } else { name.to_string() }
    }

    fn namespace_field(&self, namespace: &str) -> Option<String> {
        self.qualify.then(|| namespace.to_string())
    }

    fn read(&mut self) -> Result<Introspection, EngineError> {
        let mut schema = Schema::default();
        let mut unmanaged = Vec::new();
        if self.qualify {
            schema.namespaces = self.namespaces.to_vec();
        }
        schema.extensions = self.extensions()?;
        schema.enums = self.enums()?;
        let (mut tables, oids, view_definitions) = self.tables()?;
        let attnames = self.columns(&mut tables, &oids, &schema.enums)?;
        self.constraints(&mut tables, &oids, &attnames)?;
        self.indexes(&mut tables, &oids, &mut unmanaged)?;
        self.unmanaged(&mut unmanaged)?;
        // Views were read with the tables (their columns are read the same way); they go apart now.
        let mut views = IndexMap::new();
        for key in view_definitions.keys() {
            if let Some(view) = tables.shift_remove(key) {
                views.insert(key.clone(), view);
            }
        }
        // Stable order whatever the catalog's physical order: by key, as a fresh build would list them.
        tables.sort_keys();
        views.sort_keys();
        schema.tables = tables;
        schema.views = views;
        let version =
            query(self.client, "the server version", "SELECT current_setting('server_version_num')::int", &[])?;
        let server_major = version.first().map_or(0, |r| r.get::<_, i32>(0) / 10000) as u32;
        Ok(Introspection { schema, unmanaged, view_definitions, server_major })
    }

    fn extensions(&mut self) -> Result<Vec<Extension>, EngineError> {
        let sql = "SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY extname";
        let rows = query(self.client, "extensions", sql, &[])?;
        Ok(rows.iter().map(|r| Extension { name: r.get(0), schema: None, version: None }).collect())
    }

    fn enums(&mut self) -> Result<IndexMap<String, Enum>, EngineError> {
        let sql = format!(
            "SELECT n.nspname, t.typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder), obj_description(t.oid, 'pg_type') \
             FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid \
             WHERE n.nspname = ANY($1) AND {} GROUP BY n.nspname, t.typname, t.oid ORDER BY t.typname, n.nspname",
            not_from_extension("t.oid")
        );
        let rows = query(self.client, "enums", &sql, &[&self.namespaces])?;
        let mut enums = IndexMap::new();
        for r in rows {
            let (ns, name): (String, String) = (r.get(0), r.get(1));
            let values: Vec<String> = r.get(2);
            enums.insert(
                self.key(&ns, &name),
                Enum {
                    schema_name: name.clone(),
                    name,
                    namespace: self.namespace_field(&ns),
                    values: values.into_iter().map(|v| EnumValue { schema_name: v.clone(), name: v }).collect(),
                    comment: r.get(3),
                },
            );
        }
        Ok(enums)
    }

    /// Tables and (plain) views, their oids (oid to key), and each view's SQL. Materialized views are
    /// not read: Prisma's views are plain ones.
    #[allow(clippy::type_complexity)]
    fn tables(&mut self) -> Result<(IndexMap<String, Table>, TableKeys, IndexMap<String, String>), EngineError> {
        let sql = format!(
            "SELECT c.oid, n.nspname, c.relname, obj_description(c.oid, 'pg_class'), \
             CASE WHEN c.relkind = 'v' THEN pg_get_viewdef(c.oid, true) END FROM pg_class c \
             JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE c.relkind IN ('r', 'p', 'v') AND NOT c.relispartition AND n.nspname = ANY($1) \
             AND c.relname <> '_prisma_migrations' AND {} ORDER BY c.relname",
            not_from_extension("c.oid")
        );
        let rows = query(self.client, "tables", &sql, &[&self.namespaces])?;
        let mut tables = IndexMap::new();
        let mut oids = HashMap::new();
        let mut views = IndexMap::new();
        for r in rows {
            let (oid, ns, name): (u32, String, String) = (r.get(0), r.get(1), r.get(2));
            let key = self.key(&ns, &name);
            let mut table = Table::new(name.clone());
            table.model = Some(name);
            table.namespace = self.namespace_field(&ns);
            table.comment = r.get(3);
            if let Some(definition) = r.get::<_, Option<String>>(4) {
                views.insert(key.clone(), definition);
            }
            tables.insert(key.clone(), table);
            oids.insert(oid, key);
        }
        Ok((tables, oids, views))
    }

    /// Columns of every table; returns (table oid, attnum) to column name for the constraints.
    fn columns(
        &mut self,
        tables: &mut IndexMap<String, Table>,
        oids: &HashMap<u32, String>,
        enums: &IndexMap<String, Enum>,
    ) -> Result<HashMap<(u32, i16), String>, EngineError> {
        let oid_list: Vec<u32> = oids.keys().copied().collect();
        let sql = "SELECT a.attrelid, a.attnum, a.attname, \
                   format_type(CASE WHEN t.typcategory = 'A' THEN t.typelem ELSE a.atttypid END, a.atttypmod), \
                   t.typcategory = 'A', et.typtype = 'e', etn.nspname, et.typname, a.attnotnull, \
                   pg_get_expr(d.adbin, d.adrelid), col_description(a.attrelid, a.attnum), a.attidentity <> '', \
                   a.attgenerated <> '' \
                   FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid \
                   JOIN pg_type et ON et.oid = CASE WHEN t.typcategory = 'A' THEN t.typelem ELSE t.oid END \
                   JOIN pg_namespace etn ON etn.oid = et.typnamespace \
                   LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum \
                   WHERE a.attrelid = ANY($1) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum";
        let rows = query(self.client, "columns", sql, &[&oid_list])?;
        let mut attnames = HashMap::new();
        for r in rows {
            let (oid, attnum, name): (u32, i16, String) = (r.get(0), r.get(1), r.get(2));
            attnames.insert((oid, attnum), name.clone());
            let Some(table) = oids.get(&oid).and_then(|k| tables.get_mut(k)) else { continue };
            let formatted: String = r.get(3);
            let is_enum: bool = r.get(5);
            let ty = if is_enum {
                let (ns, typname): (String, String) = (r.get(6), r.get(7));
                let key = self.key(&ns, &typname);
                if enums.contains_key(&key) {
                    refract_ir::ColumnType::Enum(key)
                } else {
                    types::column_type(&formatted)
                }
            } else {
                types::column_type(&formatted)
            };
            let expr: Option<String> = r.get(9);
            let identity: bool = r.get(11);
            let generated: bool = r.get(12);
            let (default, autoincrement) = match expr {
                // A generated column's expression is not a default; the schema cannot express it.
                Some(e) if generated => (Some(refract_ir::ColumnDefault::DbGenerated(Some(e))), false),
                Some(e) if types::is_serial_default(&e) => (None, true),
                Some(e) => (Some(types::column_default(&e, &ty)), false),
                None => (None, identity),
            };
            table.columns.insert(
                name.clone(),
                Column {
                    field: name.clone(),
                    name,
                    ty,
                    array: r.get(4),
                    nullable: !r.get::<_, bool>(8),
                    default,
                    autoincrement,
                    generated_by_client: None,
                    comment: r.get(10),
                },
            );
        }
        Ok(attnames)
    }

    fn constraints(
        &mut self,
        tables: &mut IndexMap<String, Table>,
        oids: &HashMap<u32, String>,
        attnames: &HashMap<(u32, i16), String>,
    ) -> Result<(), EngineError> {
        let oid_list: Vec<u32> = oids.keys().copied().collect();
        let sql = "SELECT c.conrelid, c.conname, c.contype::text, c.conkey, c.confrelid, c.confkey, \
                   c.confupdtype::text, c.confdeltype::text, pg_get_constraintdef(c.oid, true) \
                   FROM pg_constraint c WHERE c.conrelid = ANY($1) AND c.contype IN ('p', 'f', 'c') \
                   ORDER BY c.conrelid, c.conname";
        let rows = query(self.client, "constraints", sql, &[&oid_list])?;
        for r in rows {
            let (oid, name, kind): (u32, String, String) = (r.get(0), r.get(1), r.get(2));
            let Some(key) = oids.get(&oid) else { continue };
            let names = |rel: u32, nums: Option<Vec<i16>>| -> Vec<String> {
                nums.unwrap_or_default().iter().map(|n| attnames.get(&(rel, *n)).cloned().unwrap_or_default()).collect()
            };
            let columns = names(oid, r.get(3));
            match kind.as_str() {
                "p" => {
                    let table = tables.get_mut(key).expect("keys come from the table list");
                    table.primary_key =
                        Some(PrimaryKey { name, columns: columns.into_iter().map(IndexColumn::plain).collect() });
                }
                "f" => {
                    let referenced_oid: u32 = r.get(4);
                    // A reference to a table outside the managed schemas keeps its catalog name.
                    let referenced_table =
                        oids.get(&referenced_oid).cloned().unwrap_or_else(|| format!("oid:{referenced_oid}"));
                    let fk = ForeignKey {
                        name,
                        columns,
                        referenced_table,
                        referenced_columns: names(referenced_oid, r.get(5)),
                        on_update: action(&r.get::<_, String>(6)),
                        on_delete: action(&r.get::<_, String>(7)),
                    };
                    tables.get_mut(key).expect("known table").foreign_keys.push(fk);
                }
                _ => {
                    let def: String = r.get(8);
                    let expression = check_expression(&def);
                    tables.get_mut(key).expect("known table").checks.push(Check { name, expression });
                }
            }
        }
        Ok(())
    }

    fn indexes(
        &mut self,
        tables: &mut IndexMap<String, Table>,
        oids: &HashMap<u32, String>,
        unmanaged: &mut Vec<Unmanaged>,
    ) -> Result<(), EngineError> {
        let oid_list: Vec<u32> = oids.keys().copied().collect();
        // Primary keys are read as constraints; every other index, unique constraints' included, is an
        // index (Prisma creates uniques as unique indexes).
        let sql = "SELECT i.indrelid, ic.relname, i.indisunique, am.amname, i.indexprs IS NOT NULL, \
                   pg_get_expr(i.indpred, i.indrelid, true), \
                   array_agg(coalesce(a.attname::text, '') ORDER BY k.ord), \
                   array_agg((k.opt & 1) = 1 ORDER BY k.ord), \
                   array_agg(CASE WHEN opc.opcdefault THEN '' ELSE opc.opcname::text END ORDER BY k.ord), \
                   i.indisexclusion \
                   FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam \
                   CROSS JOIN LATERAL unnest(i.indkey::int2[], i.indclass::oid[], i.indoption::int2[]) WITH ORDINALITY AS k(attnum, opclass, opt, ord) \
                   LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum > 0 \
                   LEFT JOIN pg_opclass opc ON opc.oid = k.opclass \
                   WHERE i.indrelid = ANY($1) AND NOT i.indisprimary AND k.ord <= i.indnkeyatts \
                   GROUP BY i.indrelid, ic.relname, i.indisunique, am.amname, i.indexprs, i.indisexclusion, i.indpred, i.indexrelid \
                   ORDER BY i.indrelid, ic.relname";
        let rows = query(self.client, "indexes", sql, &[&oid_list])?;
        for r in rows {
            let (oid, name): (u32, String) = (r.get(0), r.get(1));
            let Some(key) = oids.get(&oid) else { continue };
            let table = tables.get_mut(key).expect("known table");
            let column_names: Vec<String> = r.get(6);
            // An exclusion constraint's index is the constraint's (the schema cannot express one; Prisma
            // skips them too).
            if r.get::<_, bool>(9) {
                unmanaged
                    .push(Unmanaged { kind: "exclusion constraint".into(), name: format!("{}.{name}", table.name) });
                continue;
            }
            if r.get::<_, bool>(4) || column_names.iter().any(String::is_empty) {
                unmanaged.push(Unmanaged { kind: "expression index".into(), name: format!("{}.{name}", table.name) });
                continue;
            }
            let descending: Vec<bool> = r.get(7);
            let opclasses: Vec<String> = r.get(8);
            let columns = column_names
                .into_iter()
                .zip(descending)
                .zip(opclasses)
                .map(|((name, desc), ops)| IndexColumn {
                    name,
                    sort: if desc { SortOrder::Desc } else { SortOrder::Asc },
                    ops: (!ops.is_empty()).then_some(ops),
                })
                .collect();
            let method = match r.get::<_, String>(3).as_str() {
                "hash" => IndexMethod::Hash,
                "gist" => IndexMethod::Gist,
                "gin" => IndexMethod::Gin,
                "spgist" => IndexMethod::SpGist,
                "brin" => IndexMethod::Brin,
                _ => IndexMethod::BTree,
            };
            table.indexes.push(Index {
                name,
                unique: r.get(2),
                columns,
                method,
                predicate: r.get(5),
                client_name: None,
            });
        }
        Ok(())
    }

    fn unmanaged(&mut self, out: &mut Vec<Unmanaged>) -> Result<(), EngineError> {
        let sql = format!(
            "SELECT 'function', p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' FROM pg_proc p \
               JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ANY($1) AND {fn_ext} \
             UNION ALL SELECT 'trigger', c.relname || '.' || t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid \
               JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY($1) AND NOT t.tgisinternal \
             UNION ALL SELECT CASE c.relkind WHEN 'm' THEN 'materialized view' \
               WHEN 'S' THEN 'sequence' ELSE 'foreign table' END, c.relname FROM pg_class c \
               JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY($1) AND c.relkind IN ('m', 'S', 'f') \
               AND {rel_ext} AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')) \
             UNION ALL SELECT CASE t.typtype WHEN 'd' THEN 'domain' ELSE 'composite type' END, t.typname FROM pg_type t \
               JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = ANY($1) AND {type_ext} \
               AND (t.typtype = 'd' OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')) \
             ORDER BY 1, 2",
            fn_ext = not_from_extension("p.oid"),
            rel_ext = not_from_extension("c.oid"),
            type_ext = not_from_extension("t.oid"),
        );
        for r in query(self.client, "objects the schema cannot express", &sql, &[&self.namespaces])? {
            out.push(Unmanaged { kind: r.get(0), name: r.get(1) });
        }
        Ok(())
    }
}

fn action(code: &str) -> ReferentialAction {
    match code {
        "c" => ReferentialAction::Cascade,
        "r" => ReferentialAction::Restrict,
        "n" => ReferentialAction::SetNull,
        "d" => ReferentialAction::SetDefault,
        _ => ReferentialAction::NoAction,
    }
}

/// `CHECK ((price > 0)) NOT VALID` to `price > 0`.
fn check_expression(def: &str) -> String {
    let body = def.strip_prefix("CHECK ").unwrap_or(def);
    let body = body.strip_suffix(" NOT VALID").unwrap_or(body).trim();
    strip_outer_parens(body).to_string()
}

/// Removes one pair of parentheses around the whole text, if they enclose all of it.
pub(crate) fn strip_outer_parens(s: &str) -> &str {
    if !(s.starts_with('(') && s.ends_with(')')) {
        return s;
    }
    let mut depth = 0;
    let mut in_string = false;
    for (i, c) in s.char_indices() {
        match c {
            '\'' => in_string = !in_string,
            '(' if !in_string => depth += 1,
            ')' if !in_string => {
                depth -= 1;
                if depth == 0 && i != s.len() - 1 {
                    return s;
                }
            }
            _ => {}
        }
    }
    &s[1..s.len() - 1]
}
