//! For every schema under `tests/data/prisma/`, the IR agrees with the SQL Prisma's own engine writes for
//! it (`<name>.prisma.sql`, produced by `cargo xtask prisma-snapshots` with `prisma-oracle diff empty`):
//! the same tables, columns, column types, nullability, default presence, and the same primary key,
//! index and foreign key names with the same columns and actions; the same enums and values.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use refract_ir::Schema;

#[derive(Debug, Default, PartialEq)]
struct Db {
    /// table -> column -> "TYPE [NOT NULL] [DEFAULT]"
    columns: BTreeMap<String, BTreeMap<String, String>>,
    /// name -> "table: PRIMARY KEY (cols)" / "table: [UNIQUE] INDEX (cols)" / "table: FK ..."
    constraints: BTreeMap<String, String>,
    enums: BTreeMap<String, Vec<String>>,
}

/// An identifier from Prisma's SQL as PostgreSQL stores it: unquoted and cut to 63 bytes.
fn unquote(s: &str) -> String {
    let name = s.trim().trim_matches('"').replace("\"\"", "\"");
    refract_ir::truncate_to_bytes(&name, refract_ir::MAX_IDENTIFIER_BYTES).to_string()
}

/// Reads the regular SQL Prisma's engine writes. Not a general SQL parser.
fn from_prisma_sql(sql: &str) -> Db {
    let mut db = Db::default();
    let mut table: Option<String> = None;
    for line in sql.lines() {
        let l = line.trim();
        if let Some(rest) = l.strip_prefix("CREATE TABLE ") {
            let name = unquote(rest.trim_end_matches(" ("));
            db.columns.insert(name.clone(), BTreeMap::new());
            table = Some(name);
        } else if l == ");" {
            table = None;
        } else if let Some(t) = &table {
            if let Some(rest) = l.strip_prefix("CONSTRAINT ") {
                let (name, def) = rest.split_once(" PRIMARY KEY ").expect("only primary keys inside CREATE TABLE");
                db.constraints.insert(
                    unquote(name),
                    format!("{t}: PRIMARY KEY {}", def.trim_end_matches(',').replace("\",\"", "\", \"")),
                );
            } else if l.starts_with('"') {
                let l = l.trim_end_matches(',');
                let end = l[1..].find('"').unwrap() + 2;
                let col = unquote(&l[..end]);
                let rest = &l[end + 1..];
                let ty = rest.split(" NOT NULL").next().unwrap().split(" DEFAULT").next().unwrap().to_string();
                let not_null = rest.contains(" NOT NULL") || rest.ends_with("NOT NULL");
                let default = rest.contains(" DEFAULT ") || rest.starts_with("DEFAULT ");
                let desc =
                    format!("{ty}{}{}", if not_null { " NOT NULL" } else { "" }, if default { " DEFAULT" } else { "" });
                db.columns.get_mut(t).unwrap().insert(col, desc);
            }
        } else if l.starts_with("CREATE INDEX ") || l.starts_with("CREATE UNIQUE INDEX ") {
            let unique = l.starts_with("CREATE UNIQUE");
            let rest = l.split_once("INDEX ").unwrap().1;
            let (name, rest) = rest.split_once(" ON ").unwrap();
            let (tbl, cols) =
                rest.split_once('(').map(|(a, b)| (a.trim().split(" USING ").next().unwrap().to_string(), b)).unwrap();
            let cols = format!("({}", cols.trim_end_matches(';'));
            let using = rest.split_once(" USING ").map(|(_, u)| u.split_whitespace().next().unwrap().to_string());
            let cols = if let Some(u) = &using {
                format!("USING {u} {}", rest.split_once(&format!("USING {u} ")).unwrap().1.trim_end_matches(';'))
            } else {
                cols
            };
            db.constraints.insert(
                unquote(name),
                format!("{}: {}INDEX {cols}", unquote(&tbl), if unique { "UNIQUE " } else { "" }),
            );
        } else if let Some(rest) = l.strip_prefix("ALTER TABLE ") {
            let (tbl, rest) = rest.split_once(" ADD CONSTRAINT ").unwrap();
            let (name, def) = rest.split_once(" FOREIGN KEY ").unwrap();
            db.constraints
                .insert(unquote(name), format!("{}: FOREIGN KEY {}", unquote(tbl), def.trim_end_matches(';')));
        } else if let Some(rest) = l.strip_prefix("CREATE TYPE ") {
            let (name, values) = rest.split_once(" AS ENUM (").unwrap();
            let values = values.trim_end_matches(");").split(", ").map(|v| v.trim_matches('\'').to_string()).collect();
            db.enums.insert(unquote(name), values);
        }
    }
    db
}

fn q(s: &str) -> String {
    refract_ir::quote_identifier(s)
}

fn from_ir(schema: &Schema) -> Db {
    let mut db = Db::default();
    for t in schema.tables.values() {
        let mut cols = BTreeMap::new();
        for c in t.columns.values() {
            let ty = if c.autoincrement { c.ty.serial_sql().unwrap().to_string() } else { c.ty.sql() };
            let ty = if c.array { format!("{ty}[]") } else { ty };
            let default = c.default.is_some() && !c.autoincrement;
            cols.insert(
                c.name.clone(),
                format!("{ty}{}{}", if c.nullable { "" } else { " NOT NULL" }, if default { " DEFAULT" } else { "" }),
            );
        }
        db.columns.insert(t.name.clone(), cols);
        if let Some(pk) = &t.primary_key {
            let cols: Vec<_> = pk.columns.iter().map(|c| q(&c.name)).collect();
            db.constraints.insert(pk.name.clone(), format!("{}: PRIMARY KEY ({})", t.name, cols.join(", ")));
        }
        for i in &t.indexes {
            let cols: Vec<_> = i
                .columns
                .iter()
                .map(|c| {
                    let mut s = q(&c.name);
                    if let Some(ops) = &c.ops {
                        s = format!("{s} {ops}");
                    }
                    if c.sort == refract_ir::SortOrder::Desc {
                        s.push_str(" DESC");
                    }
                    s
                })
                .collect();
            let cols = if i.method == refract_ir::IndexMethod::BTree {
                format!("({})", cols.join(", "))
            } else {
                format!("USING {} ({})", i.method.sql(), cols.join(", "))
            };
            db.constraints
                .insert(i.name.clone(), format!("{}: {}INDEX {cols}", t.name, if i.unique { "UNIQUE " } else { "" }));
        }
        for fk in &t.foreign_keys {
            let cols: Vec<_> = fk.columns.iter().map(|c| q(c)).collect();
            let refs: Vec<_> = fk.referenced_columns.iter().map(|c| q(c)).collect();
            db.constraints.insert(
                fk.name.clone(),
                format!(
                    "{}: FOREIGN KEY ({}) REFERENCES {}({}) ON DELETE {} ON UPDATE {}",
                    t.name,
                    cols.join(", "),
                    q(&schema.tables[&fk.referenced_table].name),
                    refs.join(", "),
                    fk.on_delete.sql(),
                    fk.on_update.sql()
                ),
            );
        }
    }
    for e in schema.enums.values() {
        db.enums.insert(e.name.clone(), e.values.iter().map(|v| v.name.clone()).collect());
    }
    db
}

fn cases() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/prisma");
    let mut v: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "prisma"))
        .collect();
    v.sort();
    v
}

#[test]
fn ir_names_and_types_agree_with_prisma() {
    let cases = cases();
    assert!(cases.len() >= 10, "test data is missing");
    let mut failures = Vec::new();
    for path in &cases {
        let text = std::fs::read_to_string(path).unwrap();
        let checked = refract_schema::check(&text);
        assert!(!checked.has_errors(), "{}: {:#?}", path.display(), checked.diagnostics);
        let sql_path = PathBuf::from(format!("{}.sql", path.display()));
        let sql = std::fs::read_to_string(&sql_path).unwrap_or_else(|_| {
            panic!("{} has no Prisma SQL beside it; run `cargo xtask prisma-snapshots`", path.display())
        });
        let prisma = from_prisma_sql(&sql);
        let ours = from_ir(&checked.schema);
        assert!(!prisma.columns.is_empty(), "{}: could not read Prisma's SQL", sql_path.display());
        if prisma != ours {
            let p = format!("{prisma:#?}");
            let o = format!("{ours:#?}");
            let diff: Vec<String> = p
                .lines()
                .zip(o.lines())
                .filter(|(a, b)| a != b)
                .take(8)
                .map(|(a, b)| format!("  prisma: {a}\n  ours:   {b}"))
                .collect();
            failures.push(format!("{}:\n{}", path.display(), diff.join("\n")));
        }
    }
    assert!(failures.is_empty(), "IR differs from Prisma's SQL:\n{}", failures.join("\n\n"));
}

#[test]
fn the_reader_of_prisma_sql_reads_what_it_should() {
    // Guard against a reader that silently returns nothing (which would make the comparison vacuous).
    let sql = "CREATE TYPE \"Role\" AS ENUM ('A', 'B');\nCREATE TABLE \"t\" (\n    \"id\" SERIAL NOT NULL,\n    \"n\" TEXT DEFAULT 'x',\n\n    CONSTRAINT \"t_pkey\" PRIMARY KEY (\"id\")\n);\nCREATE UNIQUE INDEX \"t_n_key\" ON \"t\"(\"n\");\n";
    let db = from_prisma_sql(sql);
    assert_eq!(db.enums["Role"], ["A", "B"]);
    assert_eq!(db.columns["t"]["id"], "SERIAL NOT NULL");
    assert_eq!(db.columns["t"]["n"], "TEXT DEFAULT");
    assert_eq!(db.constraints["t_pkey"], "t: PRIMARY KEY (\"id\")");
    assert_eq!(db.constraints["t_n_key"], "t: UNIQUE INDEX (\"n\")");
}
