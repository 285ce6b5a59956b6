//! Executors: run a sea-query statement and map its rows to models in one call.
//!
//! One module per driver, named after the driver's feature, with the same five functions:
//!
//! | function | statement | returns |
//! |---|---|---|
//! | `fetch_all::<M>` | any | every row, as `Vec<M>` |
//! | `fetch_one::<M>` | returning one row | that row, as `M`; no row is an error |
//! | `fetch_optional::<M>` | returning at most one row | `Option<M>` |
//! | `execute` | any | the number of rows affected, as `u64` |
//! | `load` | a relation constant `M::R` and a slice of `M` rows | per row, `Option<T>` or `Vec<T>`, in one query |
//!
//! The statement is anything sea-query can write as a query ([`QueryStatementWriter`]): a
//! `SelectStatement`, `InsertStatement`, `UpdateStatement` or `DeleteStatement` (such as the generated
//! `M::find()` or `new_m.insert()`), or a `WithQuery`. It is built for PostgreSQL and its values are
//! sent as bind parameters, never spliced into the SQL. An `INSERT`, `UPDATE` or `DELETE` with
//! `RETURNING` can be fetched like a `SELECT`.
//!
//! - `postgres` (features `postgres` and `sea-query`): tokio-postgres, on anything that is a
//!   `tokio_postgres::GenericClient`: a `Client` or a `Transaction`. Errors are `tokio_postgres::Error`.
//! - `sqlx` (features `sqlx` and `sea-query`): sqlx, on anything that is a `sqlx::PgExecutor`:
//!   `&PgPool`, `&mut PgConnection`, or `&mut *transaction`. Errors are `sqlx::Error`.
//!
//! They live under `exec` so that `refract::sqlx` stays the re-exported sqlx crate. (Each module is
//! compiled only with its driver's feature, hence no links here.)
//!
//! [`QueryStatementWriter`]: sea_query::QueryStatementWriter

#[cfg(feature = "postgres")]
pub mod postgres;
#[cfg(feature = "sqlx")]
pub mod sqlx;
