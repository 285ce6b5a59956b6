//! The IR's names checked against a real PostgreSQL, not just against SQL text:
//!
//! 1. Prisma's own migration SQL for each test schema (committed beside it), applied to a fresh database,
//!    yields exactly the tables, columns, column types, primary keys, indexes, foreign keys and enums the
//!    IR describes, as PostgreSQL reports them in its catalog.
//! 2. CHECK constraints the schema leaves unnamed get, from PostgreSQL itself, the names the IR computed.

use std::collections::BTreeSet;

use refract_e2e::{TestDb, root};

/// The IR, Prisma's SQL and the schema text of one test schema.
fn schema_of(name: &str) -> (refract_ir::Schema, String, String) {
    let dir = root().join("crates/schema/tests/data/prisma");
    let text = std::fs::read_to_string(dir.join(format!("{name}.prisma"))).unwrap();
    let sql = std::fs::read_to_string(dir.join(format!("{name}.prisma.sql"))).unwrap();
    let checked = refract_schema::check(&text);
    assert!(!checked.has_errors(), "{name}: {:#?}", checked.diagnostics);
    (checked.schema, sql, text)
}

/// What PostgreSQL's catalog says about the `public` schema.
struct Catalog {
    /// (table, kind, name) of every primary key, unique or plain index and foreign key.
    objects: BTreeSet<(String, String, String)>,
    /// (table, column, type as `format_type` prints it, nullable).
    columns: BTreeSet<(String, String, String, bool)>,
    /// (type, label).
    enums: BTreeSet<(String, String)>,
}

fn catalog(db: &mut TestDb) -> Catalog {
    let mut objects = BTreeSet::new();
    for row in db
        .client
        .query(
            "SELECT c.relname, CASE WHEN i.indisprimary THEN 'pkey' WHEN i.indisunique THEN 'unique' ELSE 'index' END, ic.relname
             FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
             JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'",
            &[],
        )
        .unwrap()
    {
        objects.insert((row.get(0), row.get(1), row.get(2)));
    }
    for row in db
        .client
        .query(
            "SELECT c.relname, 'fkey', con.conname FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
             JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND con.contype = 'f'",
            &[],
        )
        .unwrap()
    {
        objects.insert((row.get(0), row.get(1), row.get(2)));
    }
    let mut columns = BTreeSet::new();
    for row in db
        .client
        .query(
            "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull
             FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped",
            &[],
        )
        .unwrap()
    {
        columns.insert((row.get(0), row.get(1), row.get(2), row.get(3)));
    }
    let mut enums = BTreeSet::new();
    for row in db
        .client
        .query("SELECT t.typname, e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid", &[])
        .unwrap()
    {
        enums.insert((row.get(0), row.get(1)));
    }
    Catalog { objects, columns, enums }
}

/// The column type as PostgreSQL's `format_type` prints it, from the IR.
fn pg_type(c: &refract_ir::Column) -> String {
    use refract_ir::ColumnType as T;
    let base = match &c.ty {
        T::Text => "text".to_string(),
        T::VarChar(n) => n.map_or("character varying".into(), |n| format!("character varying({n})")),
        T::Char(n) => format!("character({})", n.unwrap_or(1)),
        T::Uuid => "uuid".into(),
        T::Xml => "xml".into(),
        T::Inet => "inet".into(),
        T::Citext => "citext".into(),
        T::SmallInt => "smallint".into(),
        T::Integer => "integer".into(),
        T::BigInt => "bigint".into(),
        T::Oid => "oid".into(),
        T::DoublePrecision => "double precision".into(),
        T::Real => "real".into(),
        T::Decimal(Some((p, s))) => format!("numeric({p},{s})"),
        T::Decimal(None) => "numeric".into(),
        T::Money => "money".into(),
        T::Boolean => "boolean".into(),
        T::Timestamp(p) => format!("timestamp({}) without time zone", p.unwrap_or(6)),
        T::Timestamptz(p) => format!("timestamp({}) with time zone", p.unwrap_or(6)),
        T::Date => "date".into(),
        T::Time(p) => format!("time({}) without time zone", p.unwrap_or(6)),
        T::Timetz(p) => format!("time({}) with time zone", p.unwrap_or(6)),
        T::Json => "json".into(),
        T::JsonB => "jsonb".into(),
        T::ByteA => "bytea".into(),
        T::Bit(n) => format!("bit({})", n.unwrap_or(1)),
        T::VarBit(n) => n.map_or("bit varying".into(), |n| format!("bit varying({n})")),
        T::Enum(name) => format!("\"{name}\""),
        T::Unsupported(t) => t.clone(),
    };
    // format_type quotes only names that need it.
    let base = if base.starts_with('"') && base[1..base.len() - 1].chars().all(|c| c.is_ascii_lowercase() || c == '_') {
        base.trim_matches('"').to_string()
    } else {
        base
    };
    if c.array { format!("{base}[]") } else { base }
}

fn check_schema_against_postgres(name: &str) {
    let (schema, sql, _) = schema_of(name);
    let mut db = TestDb::new(name);
    db.client.batch_execute(&sql).unwrap_or_else(|e| panic!("{name}: Prisma's SQL failed: {e}"));
    let Catalog { objects, columns, enums } = catalog(&mut db);

    let mut want_objects = BTreeSet::new();
    let mut want_columns = BTreeSet::new();
    for t in schema.tables.values() {
        if let Some(pk) = &t.primary_key {
            want_objects.insert((t.name.clone(), "pkey".to_string(), pk.name.clone()));
        }
        for i in &t.indexes {
            want_objects.insert((
                t.name.clone(),
                if i.unique { "unique" } else { "index" }.to_string(),
                i.name.clone(),
            ));
        }
        for fk in &t.foreign_keys {
            want_objects.insert((t.name.clone(), "fkey".to_string(), fk.name.clone()));
        }
        for c in t.columns.values() {
            want_columns.insert((t.name.clone(), c.name.clone(), pg_type(c), c.nullable));
        }
    }
    let want_enums: BTreeSet<_> =
        schema.enums.values().flat_map(|e| e.values.iter().map(|v| (e.name.clone(), v.name.clone()))).collect();
    assert_eq!(objects, want_objects, "{name}: keys, indexes and foreign keys");
    assert_eq!(columns, want_columns, "{name}: columns");
    assert_eq!(enums, want_enums, "{name}: enums");
}

#[test]
fn basket_matches_postgres() {
    check_schema_against_postgres("basket");
}

#[test]
fn trading_matches_postgres() {
    check_schema_against_postgres("trading-v1");
    check_schema_against_postgres("trading-v2");
}

#[test]
fn corpus_matches_postgres() {
    for name in ["corpus-hoppscotch", "corpus-umami", "corpus-zipline"] {
        check_schema_against_postgres(name);
    }
}

#[test]
fn edge_cases_match_postgres() {
    // Long and non-ASCII names cut at 63 bytes, m2m join tables, native types, named indexes.
    check_schema_against_postgres("features");
}

#[test]
fn generated_schema_matches_postgres() {
    check_schema_against_postgres("gen-60");
}

#[test]
fn unnamed_check_constraints_get_the_names_postgres_gives_them() {
    // wedefi has named and unnamed checks; trading-v2 an unnamed field check.
    for name in ["wedefi", "trading-v2"] {
        let (schema, sql, text) = schema_of(name);
        let mut db = TestDb::new(name);
        db.client.batch_execute(&sql).unwrap();
        let mut expected = BTreeSet::new();
        for t in schema.tables.values() {
            for c in &t.checks {
                expected.insert((t.name.clone(), c.name.clone()));
                // Let PostgreSQL choose the name where the schema did not, exactly as a column check
                // (one column) or a table check would be declared by hand.
                let table = refract_ir::quote_identifier(&t.name);
                let unnamed = !text.contains(&format!("map: \"{}\"", c.name));
                let stmt = if unnamed {
                    format!("ALTER TABLE {table} ADD CHECK ({})", c.expression)
                } else {
                    format!(
                        "ALTER TABLE {table} ADD CONSTRAINT {} CHECK ({})",
                        refract_ir::quote_identifier(&c.name),
                        c.expression
                    )
                };
                db.client.batch_execute(&stmt).unwrap_or_else(|e| panic!("{stmt}: {e}"));
            }
        }
        assert!(!expected.is_empty());
        let actual: BTreeSet<(String, String)> = db
            .client
            .query(
                "SELECT c.relname, con.conname FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
                 JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND con.contype = 'c'",
                &[],
            )
            .unwrap()
            .into_iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
        assert_eq!(actual, expected, "{name}");
    }
}
