//! Typed Rust models from a Prisma schema.
//!
//! ```ignore
//! refract::models!("schema/schema.prisma");
//! ```
//!
//! expands, per model, to a struct with one field per column, a `New…` insert type without the
//! columns the database or the application fills, and the table and column names; per enum, a Rust
//! enum mapped to its database values. Features add the rest:
//!
//! - `postgres`: `FromSql`/`ToSql` for enums and `TryFrom<&Row>` for models (tokio-postgres and postgres);
//! - `sqlx`: `sqlx::FromRow` for models, `sqlx::Type`/`Encode`/`Decode` for enums;
//! - `serde`: `Serialize`/`Deserialize` everywhere (enums by their schema names, as Prisma Client);
//! - `sea-query`: a `…Iden` enum per table, enum values as `SimpleExpr` casts, `New….insert()`, and per
//!   model `find()`, `find_by_id(..)`, `find_by_<unique>(..)`, `update()`, `delete()`,
//!   `delete_by_id(..)` and one method per relation field returning the related rows' `SELECT`
//!   (each item documents itself in the generated code; `refract generate` writes it to read); and
//!   the query API of every day: a typed column `M::F` per scalar field ([`Column`]: filters with values
//!   of the field's type), a relation `M::R` per relation field ([`Relation`]: loaded for many rows in
//!   one query by `exec::*::load`, and `connect`/`disconnect` on implicit many-to-many ones),
//!   `NewM { … }.upsert_by_<unique>()` and `NewM::insert_many(rows)` ([`batch`]).
//!
//! The generated code reaches every dependency through this crate, so the versions always agree.
//!
//! # Executors
//!
//! With `sea-query` and a driver feature, `refract::exec` runs a sea-query statement and maps its rows to
//! models in one call: `fetch_all::<M>`, `fetch_one::<M>`, `fetch_optional::<M>`, `execute` (rows
//! affected), and `load(executor, &rows, M::R)` (a relation's rows for a whole slice, in one query), the
//! same five functions for each driver. The modules are named after the features, under
//! `exec` so that `refract::sqlx` stays the re-exported sqlx crate.
//!
//! `exec::postgres` (`postgres` + `sea-query`) takes any tokio-postgres `GenericClient`, so a
//! `Client` or a `Transaction`:
//!
//! ```ignore
//! use refract::exec::postgres as db;
//!
//! let tx = client.transaction().await?;
//! let user: User = db::fetch_one(&tx, new_user.insert().returning_all()).await?;
//! let found: Option<User> = db::fetch_optional(&tx, &User::find_by_id(user.id)).await?;
//! let users: Vec<User> = db::fetch_all(&tx, &User::find()).await?;
//! tx.commit().await?;
//! ```
//!
//! `exec::sqlx` (`sqlx` + `sea-query`) takes any `PgExecutor`, as sqlx's own methods do: `&PgPool`,
//! `&mut PgConnection`, or `&mut *transaction`:
//!
//! ```ignore
//! use refract::exec::sqlx as db;
//!
//! let pool = refract::sqlx::PgPool::connect(&database_url).await?;
//! let users: Vec<User> = db::fetch_all(&pool, &User::find()).await?;
//! let deleted: u64 = db::execute(&pool, &Query::delete().from_table(UserIden::Table).to_owned()).await?;
//! ```

pub use refract_macros::models;

pub use chrono;
pub use rust_decimal;
pub use serde_json;
pub use uuid;

#[cfg(feature = "sea-query")]
pub use sea_query;
#[cfg(feature = "serde")]
pub use serde;
#[cfg(feature = "sqlx")]
pub use sqlx;
#[cfg(feature = "postgres")]
pub use {bytes, postgres_types, tokio_postgres};

#[cfg(all(feature = "sea-query", any(feature = "postgres", feature = "sqlx")))]
pub mod exec;

#[cfg(feature = "sea-query")]
pub mod batch;
#[cfg(feature = "sea-query")]
pub mod column;
#[cfg(feature = "sea-query")]
pub mod relation;
#[cfg(feature = "sea-query")]
pub use column::Column;
#[cfg(feature = "sea-query")]
pub use relation::Relation;

/// What the generated `TryFrom<&Row>` reads a column with (feature `postgres`).
#[cfg(feature = "postgres")]
#[doc(hidden)]
pub mod pg_row {
    use tokio_postgres::Row;
    use tokio_postgres::types::FromSql;

    /// The column `name`, expected at `position`: read by position when it is there (a row of the
    /// model's own `SELECT`: one name compared), else by name (tokio-postgres compares the names of
    /// every column before it, per row).
    #[inline]
    pub fn get<'a, T: FromSql<'a>>(row: &'a Row, position: usize, name: &str) -> Result<T, tokio_postgres::Error> {
        if row.columns().get(position).is_some_and(|c| c.name() == name) {
            row.try_get(position)
        } else {
            row.try_get(name)
        }
    }
}

/// A database value that is not a value of the enum it is read into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownEnumValue(pub String);

impl std::fmt::Display for UnknownEnumValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UnknownEnumValue {}

/// The ids Prisma's `@default(cuid())`, `ulid()` and `nanoid()` generate, generated on the Rust side.
pub mod ids {
    /// A cuid (version 1, Prisma's `cuid()`).
    pub fn cuid() -> String {
        cuid::cuid1().expect("generating a cuid")
    }

    pub fn ulid() -> String {
        ulid::Ulid::new().to_string()
    }

    /// 21 characters of the URL-safe alphabet, as Prisma's `nanoid()`.
    pub fn nanoid() -> String {
        nanoid::nanoid!()
    }
}
