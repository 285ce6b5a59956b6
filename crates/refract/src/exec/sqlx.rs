//! Sea-query statements run on sqlx (features `sqlx` and `sea-query`).
//!
//! Every function takes any [`PgExecutor`], as sqlx's own `fetch_*` methods do: `&PgPool`,
//! `&mut PgConnection`, or `&mut *transaction` for a [`Transaction`](::sqlx::Transaction). Rows become
//! models through the generated `sqlx::FromRow`:
//!
//! ```ignore
//! use refract::exec::sqlx as db;
//!
//! let user: User = db::fetch_one(&pool, new_user.insert().returning_all()).await?;
//! let users: Vec<User> = db::fetch_all(&pool, &User::find()).await?;
//!
//! let mut tx = pool.begin().await?;
//! db::execute(&mut *tx, &delete_stale).await?;
//! tx.commit().await?;
//! ```
//!
//! The statement is built with [`PostgresQueryBuilder`] and its values bound through
//! `sea-query-binder`. refract enables no sqlx runtime: the application's own sqlx dependency picks
//! one (`runtime-tokio`, …).

use ::sqlx::postgres::PgRow;
use ::sqlx::{Error, FromRow, PgExecutor};
use sea_query::{PostgresQueryBuilder, QueryStatementWriter};
use sea_query_binder::SqlxValues;

/// The statement's SQL for PostgreSQL, and its values as sqlx arguments (`$1`, `$2`, …).
fn build(stmt: &impl QueryStatementWriter) -> (String, SqlxValues) {
    let (sql, values) = stmt.build(PostgresQueryBuilder);
    (sql, SqlxValues(values))
}

/// Runs the statement and maps every row it returns to an `M`.
///
/// ```ignore
/// let users: Vec<User> = refract::exec::sqlx::fetch_all(&pool, &User::find()).await?;
/// ```
pub async fn fetch_all<'e, M>(executor: impl PgExecutor<'e>, stmt: &impl QueryStatementWriter) -> Result<Vec<M>, Error>
where
    M: for<'r> FromRow<'r, PgRow> + Send + Unpin,
{
    let (sql, values) = build(stmt);
    ::sqlx::query_as_with(&sql, values).fetch_all(executor).await
}

/// Runs the statement and maps its first row to an `M`, as sqlx's `fetch_one`: no row is
/// [`Error::RowNotFound`]; rows after the first are ignored.
///
/// ```ignore
/// let user: User = refract::exec::sqlx::fetch_one(&mut *tx, new_user.insert().returning_all()).await?;
/// ```
pub async fn fetch_one<'e, M>(executor: impl PgExecutor<'e>, stmt: &impl QueryStatementWriter) -> Result<M, Error>
where
    M: for<'r> FromRow<'r, PgRow> + Send + Unpin,
{
    let (sql, values) = build(stmt);
    ::sqlx::query_as_with(&sql, values).fetch_one(executor).await
}

/// Runs the statement and maps its first row, if any, to an `M`, as sqlx's `fetch_optional`: rows
/// after the first are ignored.
///
/// ```ignore
/// let user: Option<User> = refract::exec::sqlx::fetch_optional(&pool, &find_by_email).await?;
/// ```
pub async fn fetch_optional<'e, M>(
    executor: impl PgExecutor<'e>,
    stmt: &impl QueryStatementWriter,
) -> Result<Option<M>, Error>
where
    M: for<'r> FromRow<'r, PgRow> + Send + Unpin,
{
    let (sql, values) = build(stmt);
    ::sqlx::query_as_with(&sql, values).fetch_optional(executor).await
}

/// Runs the statement and returns the number of rows it inserted, updated or deleted (for a `SELECT`,
/// the number of rows it returned).
///
/// ```ignore
/// let deleted: u64 = refract::exec::sqlx::execute(&pool, &delete_stale).await?;
/// ```
pub async fn execute<'e>(executor: impl PgExecutor<'e>, stmt: &impl QueryStatementWriter) -> Result<u64, Error> {
    let (sql, values) = build(stmt);
    Ok(::sqlx::query_with(&sql, values).execute(executor).await?.rows_affected())
}

/// Loads the rows related to each of `rows` through `relation` (a generated `M::R` constant), in one
/// query whatever the number of rows (none for no rows): one entry per row, in order, an
/// `Option<T>` for a to-one relation and a `Vec<T>` for a to-many or many-to-many one.
///
/// ```ignore
/// let orders: Vec<Order> = fetch_all(&pool, &Order::find()).await?;
/// let customers: Vec<Option<Customer>> = refract::exec::sqlx::load(&pool, &orders, Order::CUSTOMER).await?;
/// ```
pub async fn load<'e, M, T, K>(
    executor: impl PgExecutor<'e>,
    rows: &[M],
    relation: crate::Relation<M, T, K>,
) -> Result<Vec<K::Loaded<T>>, Error>
where
    K: crate::relation::Kind,
    T: for<'r> FromRow<'r, PgRow>,
{
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let (sql, values) = relation.statement(rows);
    let loaded = ::sqlx::query_with(sql, SqlxValues(values)).fetch_all(executor).await?;
    let tagged = loaded
        .iter()
        .map(|row| Ok((::sqlx::Row::try_get::<i32, _>(row, crate::relation::POSITION_COLUMN)?, T::from_row(row)?)))
        .collect::<Result<Vec<_>, Error>>()?;
    Ok(relation.assemble(rows.len(), tagged))
}
