//! `refract::exec::{postgres, sqlx}` against the PostgreSQL at `DATABASE_URL` (default
//! `postgres://postgres@127.0.0.1:5432/postgres`): sea-query statements built with `refract::sea_query`,
//! their values bound as parameters, and rows mapped to a hand-written model, on a tokio-postgres client
//! and transaction and on a sqlx pool, connection and transaction. Each test has a database of its own,
//! dropped afterwards.

mod support;

use refract::chrono::{DateTime, TimeZone, Utc};
use refract::exec::{postgres as pg, sqlx as sx};
use refract::rust_decimal::Decimal;
use refract::sea_query::{
    Alias, Asterisk, DeleteStatement, Expr, InsertStatement, Order, Query, SelectStatement, UpdateStatement,
};
use refract::serde_json::{Value as Json, json};
use refract::sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions, PgRow};
use refract::sqlx::{FromRow, Row as _};
use refract::tokio_postgres::{self, NoTls, Row};
use refract::uuid::Uuid;

/// A row of `item`, mapped by hand as the generated models are.
#[derive(Debug, Clone, PartialEq)]
struct Item {
    id: i64,
    name: String,
    qty: i32,
    price: Decimal,
    tag: Uuid,
    added: DateTime<Utc>,
    meta: Json,
    note: Option<String>,
}

impl TryFrom<&Row> for Item {
    type Error = tokio_postgres::Error;

    fn try_from(row: &Row) -> Result<Self, Self::Error> {
        Ok(Item {
            id: row.try_get("id")?,
            name: row.try_get("name")?,
            qty: row.try_get("qty")?,
            price: row.try_get("price")?,
            tag: row.try_get("tag")?,
            added: row.try_get("added")?,
            meta: row.try_get("meta")?,
            note: row.try_get("note")?,
        })
    }
}

impl<'r> FromRow<'r, PgRow> for Item {
    fn from_row(row: &'r PgRow) -> Result<Self, refract::sqlx::Error> {
        Ok(Item {
            id: row.try_get("id")?,
            name: row.try_get("name")?,
            qty: row.try_get("qty")?,
            price: row.try_get("price")?,
            tag: row.try_get("tag")?,
            added: row.try_get("added")?,
            meta: row.try_get("meta")?,
            note: row.try_get("note")?,
        })
    }
}

const CREATE_TABLE: &str = "CREATE TABLE item (
    id bigserial PRIMARY KEY,
    name text NOT NULL UNIQUE,
    qty integer NOT NULL,
    price numeric(10, 2) NOT NULL,
    tag uuid NOT NULL,
    added timestamptz NOT NULL,
    meta jsonb NOT NULL,
    note text
)";

fn item() -> Alias {
    Alias::new("item")
}

fn col(name: &str) -> Alias {
    Alias::new(name)
}

/// An item as inserted (`id` 0: the database assigns it); every column a different sea-query value kind.
fn new_item(name: &str, qty: i32) -> Item {
    Item {
        id: 0,
        name: name.to_string(),
        qty,
        price: Decimal::new(1999 + i64::from(qty), 2),
        tag: Uuid::new_v4(),
        added: Utc.with_ymd_and_hms(2024, 5, 6, 7, 8, 9).unwrap() + refract::chrono::Duration::microseconds(123456),
        meta: json!({ "name": name, "tags": ["a", "b"], "qty": qty }),
        note: (qty % 2 == 0).then(|| format!("note on {name}")),
    }
}

fn insert(items: &[Item]) -> InsertStatement {
    let mut stmt = Query::insert()
        .into_table(item())
        .columns(["name", "qty", "price", "tag", "added", "meta", "note"].map(col))
        .to_owned();
    for i in items {
        stmt.values_panic([
            i.name.clone().into(),
            i.qty.into(),
            i.price.into(),
            i.tag.into(),
            i.added.into(),
            i.meta.clone().into(),
            i.note.clone().into(),
        ]);
    }
    stmt
}

fn select_all() -> SelectStatement {
    Query::select().column(Asterisk).from(item()).order_by(col("id"), Order::Asc).to_owned()
}

fn select_named(name: &str) -> SelectStatement {
    Query::select().column(Asterisk).from(item()).and_where(Expr::col(col("name")).eq(name)).to_owned()
}

/// Adds `by` to the quantity of the items with at least `min`.
fn restock(by: i32, min: i32) -> UpdateStatement {
    Query::update()
        .table(item())
        .value(col("qty"), Expr::col(col("qty")).add(by))
        .and_where(Expr::col(col("qty")).gte(min))
        .to_owned()
}

fn delete_named(name: &str) -> DeleteStatement {
    Query::delete().from_table(item()).and_where(Expr::col(col("name")).eq(name)).to_owned()
}

/// `expected` with the ids the database gave, matched by name.
fn with_ids(expected: &[Item], actual: &[Item]) -> Vec<Item> {
    expected
        .iter()
        .map(|e| {
            let id = actual.iter().find(|a| a.name == e.name).map_or(0, |a| a.id);
            Item { id, ..e.clone() }
        })
        .collect()
}

/// The same sequence on every executor: `$m` is the executor module, `$ex` an expression that is the
/// executor (evaluated afresh for each call, so `&mut *tx` reborrows). Starts and ends with an empty table.
macro_rules! exercise {
    ($m:ident, $ex:expr) => {{
        let items = [new_item("apple", 1), new_item("banana", 2), new_item("cherry", 3)];

        // Plain INSERT: rows affected.
        assert_eq!($m::execute($ex, &insert(&items)).await.unwrap(), 3);

        // SELECT of every row.
        let all: Vec<Item> = $m::fetch_all($ex, &select_all()).await.unwrap();
        assert_eq!(all, with_ids(&items, &all));
        assert!(all.iter().all(|i| i.id > 0));
        assert!(all.windows(2).all(|w| w[0].id < w[1].id), "ORDER BY id");

        // One row, and at most one.
        let banana: Item = $m::fetch_one($ex, &select_named("banana")).await.unwrap();
        assert_eq!(banana, all[1]);
        assert!($m::fetch_one::<Item>($ex, &select_named("durian")).await.is_err(), "no row");
        assert_eq!($m::fetch_optional::<Item>($ex, &select_named("cherry")).await.unwrap(), Some(all[2].clone()));
        assert_eq!($m::fetch_optional::<Item>($ex, &select_named("durian")).await.unwrap(), None);

        // INSERT … RETURNING fetched like a SELECT.
        let durian = new_item("durian", 4);
        let returned: Item = $m::fetch_one($ex, insert(std::slice::from_ref(&durian)).returning_all()).await.unwrap();
        assert!(returned.id > all[2].id);
        assert_eq!(returned, Item { id: returned.id, ..durian });

        // UPDATE and DELETE: rows affected; a SELECT's count is the rows it returned.
        assert_eq!($m::execute($ex, &restock(10, 3)).await.unwrap(), 2);
        assert_eq!($m::execute($ex, &restock(10, 100)).await.unwrap(), 0);
        assert_eq!($m::fetch_one::<Item>($ex, &select_named("cherry")).await.unwrap().qty, 13);
        assert_eq!($m::fetch_one::<Item>($ex, &select_named("durian")).await.unwrap().qty, 14);
        assert_eq!($m::execute($ex, &delete_named("apple")).await.unwrap(), 1);
        assert_eq!($m::execute($ex, &delete_named("apple")).await.unwrap(), 0);
        assert_eq!($m::execute($ex, &select_all()).await.unwrap(), 3);
        let names: Vec<String> =
            $m::fetch_all::<Item>($ex, &select_all()).await.unwrap().into_iter().map(|i| i.name).collect();
        assert_eq!(names, ["banana", "cherry", "durian"]);

        // UPDATE … RETURNING and DELETE … RETURNING.
        let restocked: Vec<Item> = $m::fetch_all($ex, restock(1, 0).returning_all()).await.unwrap();
        assert_eq!(restocked.len(), 3);
        let gone: Option<Item> = $m::fetch_optional($ex, delete_named("banana").returning_all()).await.unwrap();
        assert_eq!(gone.map(|i| (i.name, i.qty)), Some(("banana".to_string(), 3)));

        // A row the model cannot be read from is an error, not a panic.
        let ids_only = Query::select().column(col("id")).from(item()).to_owned();
        assert!($m::fetch_all::<Item>($ex, &ids_only).await.is_err());

        assert_eq!($m::execute($ex, &Query::delete().from_table(item()).to_owned()).await.unwrap(), 2);
    }};
}

/// A scratch database with the `item` table.
struct TestDb {
    pg: tokio_postgres::Config,
    sqlx: PgConnectOptions,
}

impl TestDb {
    async fn client(&self) -> tokio_postgres::Client {
        let (client, connection) = self.pg.connect(NoTls).await.unwrap();
        tokio::spawn(async move {
            let _ = connection.await;
        });
        client
    }

    async fn pool(&self) -> PgPool {
        PgPoolOptions::new().max_connections(2).connect_with(self.sqlx.clone()).await.unwrap()
    }
}

/// Runs `test` on a database of its own (see `support`).
async fn with_db<F, Fut>(label: &str, test: F)
where
    F: FnOnce(TestDb) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    support::with_database(&format!("exec_{label}"), CREATE_TABLE, |pg, sqlx| test(TestDb { pg, sqlx })).await;
}

#[tokio::test]
async fn postgres_client() {
    with_db("pg_client", |db| async move {
        let client = db.client().await;
        exercise!(pg, &client);

        // tokio-postgres's own errors: `query_one` wants exactly one row.
        pg::execute(&client, &insert(&[new_item("a", 1), new_item("b", 2)])).await.unwrap();
        let none = pg::fetch_one::<Item>(&client, &select_named("c")).await.unwrap_err();
        assert_eq!(none.to_string(), "query returned an unexpected number of rows");
        let two = pg::fetch_one::<Item>(&client, &select_all()).await.unwrap_err();
        assert_eq!(two.to_string(), "query returned an unexpected number of rows");
        assert!(pg::fetch_optional::<Item>(&client, &select_all()).await.is_err(), "more than one row");
        // A value the database refuses comes back as a database error.
        let duplicate = pg::execute(&client, &insert(&[new_item("a", 5)])).await.unwrap_err();
        assert_eq!(duplicate.code(), Some(&tokio_postgres::error::SqlState::UNIQUE_VIOLATION));
    })
    .await;
}

#[tokio::test]
async fn postgres_transaction() {
    with_db("pg_transaction", |db| async move {
        let mut client = db.client().await;

        // Everything works inside a transaction, which then rolls back: the rows are gone.
        let tx = client.transaction().await.unwrap();
        exercise!(pg, &tx);
        assert_eq!(pg::execute(&tx, &insert(&[new_item("kept?", 1), new_item("no", 2)])).await.unwrap(), 2);
        assert_eq!(pg::fetch_all::<Item>(&tx, &select_all()).await.unwrap().len(), 2);
        tx.rollback().await.unwrap();
        assert_eq!(pg::fetch_all::<Item>(&client, &select_all()).await.unwrap(), []);

        // A committed one keeps them.
        let tx = client.transaction().await.unwrap();
        let kept: Item = pg::fetch_one(&tx, insert(&[new_item("kept", 1)]).returning_all()).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(pg::fetch_all::<Item>(&client, &select_all()).await.unwrap(), [kept]);
    })
    .await;
}

#[tokio::test]
async fn sqlx_pool_and_connection() {
    with_db("sqlx_pool", |db| async move {
        let pool = db.pool().await;
        exercise!(sx, &pool);

        let mut conn = pool.acquire().await.unwrap();
        exercise!(sx, &mut *conn);

        // sqlx's own errors: no row is `RowNotFound`; `fetch_one` takes the first of several.
        sx::execute(&pool, &insert(&[new_item("a", 1), new_item("b", 2)])).await.unwrap();
        let none = sx::fetch_one::<Item>(&mut *conn, &select_named("c")).await.unwrap_err();
        assert!(matches!(none, refract::sqlx::Error::RowNotFound), "{none:?}");
        assert_eq!(sx::fetch_one::<Item>(&pool, &select_all()).await.unwrap().name, "a");
        let duplicate = sx::execute(&pool, &insert(&[new_item("a", 5)])).await.unwrap_err();
        assert_eq!(duplicate.as_database_error().and_then(|e| e.code()).as_deref(), Some("23505"));
        drop(conn);
        pool.close().await;
    })
    .await;
}

#[tokio::test]
async fn sqlx_transaction() {
    with_db("sqlx_transaction", |db| async move {
        let pool = db.pool().await;

        // Everything works inside a transaction, which then rolls back: the rows are gone.
        let mut tx = pool.begin().await.unwrap();
        exercise!(sx, &mut *tx);
        assert_eq!(sx::execute(&mut *tx, &insert(&[new_item("kept?", 1), new_item("no", 2)])).await.unwrap(), 2);
        assert_eq!(sx::fetch_all::<Item>(&mut *tx, &select_all()).await.unwrap().len(), 2);
        tx.rollback().await.unwrap();
        assert_eq!(sx::fetch_all::<Item>(&pool, &select_all()).await.unwrap(), []);

        // A committed one keeps them.
        let mut tx = pool.begin().await.unwrap();
        let kept: Item = sx::fetch_one(&mut *tx, insert(&[new_item("kept", 1)]).returning_all()).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(sx::fetch_all::<Item>(&pool, &select_all()).await.unwrap(), [kept]);
        pool.close().await;
    })
    .await;
}
