//! Sea-query statements run on tokio-postgres (features `postgres` and `sea-query`).
//!
//! Every function takes the client as `&C` for any [`GenericClient`] `C`, so the same code runs on a
//! [`Client`](tokio_postgres::Client) and inside a [`Transaction`](tokio_postgres::Transaction), and rows
//! become models through the generated `TryFrom<&Row>`:
//!
//! ```ignore
//! use refract::exec::postgres as db;
//!
//! let tx = client.transaction().await?;
//! let user: User = db::fetch_one(&tx, new_user.insert().returning_all()).await?;
//! let users: Vec<User> = db::fetch_all(&tx, &User::find()).await?;
//! tx.commit().await?;
//! ```
//!
//! The statement is built with [`PostgresQueryBuilder`] and its values bound through
//! `sea-query-postgres`. Errors are tokio-postgres's own, whether the query or a row's mapping failed.

use sea_query::{PostgresQueryBuilder, QueryStatementWriter};
use sea_query_postgres::{PostgresValue, PostgresValues};
use tokio_postgres::{Error, GenericClient, Row};

/// The statement's SQL for PostgreSQL, and its values as tokio-postgres parameters (`$1`, `$2`, …).
fn build(stmt: &impl QueryStatementWriter) -> (String, PostgresValues) {
    let (sql, values) = stmt.build(PostgresQueryBuilder);
    (sql, PostgresValues(values.into_iter().map(PostgresValue).collect()))
}

/// Runs the statement and maps every row it returns to an `M`.
///
/// ```ignore
/// let users: Vec<User> = refract::exec::postgres::fetch_all(&client, &User::find()).await?;
/// ```
pub async fn fetch_all<M>(client: &impl GenericClient, stmt: &impl QueryStatementWriter) -> Result<Vec<M>, Error>
where
    M: for<'r> TryFrom<&'r Row, Error = Error>,
{
    let (sql, values) = build(stmt);
    let rows = client.query(&sql, &values.as_params()).await?;
    rows.iter().map(M::try_from).collect()
}

/// Runs a statement that returns exactly one row and maps it to an `M`, as tokio-postgres's
/// [`query_one`](tokio_postgres::Client::query_one): no row, or more than one, is an error.
///
/// ```ignore
/// let user: User = refract::exec::postgres::fetch_one(&tx, new_user.insert().returning_all()).await?;
/// ```
pub async fn fetch_one<M>(client: &impl GenericClient, stmt: &impl QueryStatementWriter) -> Result<M, Error>
where
    M: for<'r> TryFrom<&'r Row, Error = Error>,
{
    let (sql, values) = build(stmt);
    let row = client.query_one(&sql, &values.as_params()).await?;
    M::try_from(&row)
}

/// Runs a statement that returns at most one row and maps it to an `M`, as tokio-postgres's
/// [`query_opt`](tokio_postgres::Client::query_opt): `None` for no row, an error for more than one.
///
/// ```ignore
/// let user: Option<User> = refract::exec::postgres::fetch_optional(&client, &find_by_email).await?;
/// ```
pub async fn fetch_optional<M>(
    client: &impl GenericClient,
    stmt: &impl QueryStatementWriter,
) -> Result<Option<M>, Error>
where
    M: for<'r> TryFrom<&'r Row, Error = Error>,
{
    let (sql, values) = build(stmt);
    let row = client.query_opt(&sql, &values.as_params()).await?;
    row.as_ref().map(M::try_from).transpose()
}

/// Runs the statement and returns the number of rows it inserted, updated or deleted (for a `SELECT`,
/// the number of rows it returned).
///
/// ```ignore
/// let deleted: u64 = refract::exec::postgres::execute(&client, &delete_stale).await?;
/// ```
pub async fn execute(client: &impl GenericClient, stmt: &impl QueryStatementWriter) -> Result<u64, Error> {
    let (sql, values) = build(stmt);
    client.execute(&sql, &values.as_params()).await
}

/// Loads the rows related to each of `rows` through `relation` (a generated `M::R` constant), in one
/// query whatever the number of rows (none for no rows): one entry per row, in order, an
/// `Option<T>` for a to-one relation and a `Vec<T>` for a to-many or many-to-many one.
///
/// ```ignore
/// let orders: Vec<Order> = fetch_all(&client, &Order::find()).await?;
/// let customers: Vec<Option<Customer>> = refract::exec::postgres::load(&client, &orders, Order::CUSTOMER).await?;
/// let tags: Vec<Vec<Tag>> = refract::exec::postgres::load(&client, &products, Product::TAGS).await?;
/// ```
pub async fn load<M, T, K>(
    client: &impl GenericClient,
    rows: &[M],
    relation: crate::Relation<M, T, K>,
) -> Result<Vec<K::Loaded<T>>, Error>
where
    K: crate::relation::Kind,
    T: for<'r> TryFrom<&'r Row, Error = Error>,
{
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let (sql, values) = relation.statement(rows);
    let values = PostgresValues(values.into_iter().map(PostgresValue).collect());
    let loaded = client.query(sql, &values.as_params()).await?;
    let tagged = loaded
        .iter()
        .map(|row| Ok((row.try_get::<_, i32>(crate::relation::POSITION_COLUMN)?, T::try_from(row)?)))
        .collect::<Result<Vec<_>, Error>>()?;
    Ok(relation.assemble(rows.len(), tagged))
}
