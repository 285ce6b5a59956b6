//! Bringing an introspected IR into the spelling of a schema's IR, so the planner compares like with
//! like.
//!
//! PostgreSQL normalises what it stores: `price > 0` comes back as `(price > 0)`, a `dbgenerated`
//! default gains casts, an operator class name changes case. Rather than re-implement PostgreSQL's
//! normaliser, refract builds the target schema in a scratch database and introspects it too; every
//! object of the live side that equals its counterpart there is the same object, and is replaced by
//! the schema's own IR for it. What remains different is a real difference, which the planner renders.

use refract_ir::{Column, Enum, Schema};

/// The same column, apart from what the planner does not compare on its own terms: the comment (kept
/// from the live side, see [`align`]) and a list column's nullability (Prisma never compares it; hand-
/// written histories declare list columns NOT NULL).
fn same_column(live: &Column, built: &Column) -> bool {
    let relaxed = |c: &Column| Column { comment: None, nullable: c.nullable || c.array, ..c.clone() };
    live == built || relaxed(live) == relaxed(built)
}

/// The same enum, apart from its comment and the order of its values (compared as a set, as Prisma
/// does).
fn same_enum(live: &Enum, built: &Enum) -> bool {
    live == built
        || (live.name == built.name
            && live.schema_name == built.schema_name
            && live.namespace == built.namespace
            && live.values.len() == built.values.len()
            && live.values.iter().all(|v| built.values.contains(v)))
}

/// `from_db`: what exists, introspected. `to_db`: `to_schema` built in a scratch database, introspected.
/// Returns `from_db` with every object that `to_db` has identically taken from `to_schema`. Comments
/// stay the live side's: PostgreSQL stores their text as given, and the scratch build has none (the
/// planner compares them only when asked to).
pub fn align(from_db: &Schema, to_db: &Schema, to_schema: &Schema) -> Schema {
    let mut out = from_db.clone();
    out.namespaces = to_schema.namespaces.clone();
    if to_schema.extensions.is_empty() {
        // Without `extensions = [...]` in the datasource the schema does not manage extensions (as
        // with Prisma without the postgresqlExtensions preview feature).
        out.extensions.clear();
    } else {
        for e in &mut out.extensions {
            if let Some(wanted) = to_schema.extensions.iter().find(|w| w.name == e.name) {
                *e = wanted.clone();
            }
        }
    }
    for (key, e) in &mut out.enums {
        if to_db.enums.get(key).is_some_and(|db| same_enum(e, db))
            && let Some(wanted) = to_schema.enums.get(key)
        {
            *e = Enum { comment: e.comment.take(), ..wanted.clone() };
        }
    }
    for (key, table) in &mut out.tables {
        let (Some(db), Some(wanted)) = (to_db.tables.get(key), to_schema.tables.get(key)) else { continue };
        table.model = wanted.model.clone();
        for (name, column) in &mut table.columns {
            if db.columns.get(name).is_some_and(|db| same_column(column, db))
                && let Some(w) = wanted.columns.get(name)
            {
                *column = Column { comment: column.comment.take(), ..w.clone() };
            }
        }
        if table.primary_key == db.primary_key {
            table.primary_key = wanted.primary_key.clone();
        }
        for index in &mut table.indexes {
            if db.indexes.contains(index)
                && let Some(w) = wanted.indexes.iter().find(|w| w.name == index.name)
            {
                *index = w.clone();
            }
        }
        for fk in &mut table.foreign_keys {
            if db.foreign_keys.contains(fk)
                && let Some(w) = wanted.foreign_keys.iter().find(|w| w.name == fk.name)
            {
                *fk = w.clone();
            }
        }
        for check in &mut table.checks {
            if db.checks.contains(check)
                && let Some(w) = wanted.checks.iter().find(|w| w.name == check.name)
            {
                *check = w.clone();
            }
        }
    }
    out
}
