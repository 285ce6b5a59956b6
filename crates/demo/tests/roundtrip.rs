//! The demo's models against PostgreSQL, migrated by the engine from the committed migrations: every
//! model, enum and column type written and read back exactly, with tokio-postgres and with sqlx, the
//! queries built with sea-query through the generated identifiers.

use std::str::FromStr;

use refract::chrono::{DateTime, NaiveDate, Utc};
use refract::rust_decimal::Decimal;
use refract::sea_query::{Expr, PostgresQueryBuilder, Query};
use refract_demo::*;
use refract_e2e::{TestDb, root};
use refract_engine::{DatabaseUrl, Engine, MigrationsDir};
use sea_query_binder::SqlxBinder;
use sea_query_postgres::PostgresBinder;

/// A fresh database with the demo's migrations applied by the engine.
fn migrated(label: &str) -> TestDb {
    let db = TestDb::new(label);
    let mut engine = Engine::connect(&DatabaseUrl::parse(&db.url()).unwrap()).unwrap();
    let report = engine.deploy(&MigrationsDir::new(root().join("migrations")), &mut |_| {}).unwrap();
    assert!(!report.applied.is_empty());
    db
}

fn instant(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn new_customer(email: &str) -> NewCustomer {
    NewCustomer {
        email: email.into(),
        display_name: "Ada Lovelace".into(),
        tags: vec!["vip".into(), "two words".into(), "ünïcode".into()],
        avatar: Some(vec![0, 1, 2, 254, 255]),
        deleted_at: None,
    }
}

fn new_product() -> NewProduct {
    NewProduct {
        sku: "SKU-1".into(),
        name: "Difference engine".into(),
        price: Decimal::from_str("123456789012.12345678").unwrap(),
        weight_kg: None,
    }
}

/// What the rows read back must be, given what went in and what the database filled.
fn check_customer(c: &Customer, given: &NewCustomer) {
    assert_eq!(c.email, given.email);
    assert_eq!(c.display_name, given.display_name);
    assert_eq!(c.tags, given.tags);
    assert_eq!(c.avatar, given.avatar);
    assert_eq!(c.deleted_at, None, "NULL reads as None");
    assert_eq!(c.role, Role::Customer, "the database default");
    assert_eq!(c.id.get_version_num(), 4, "uuid() is generated on the Rust side");
}

fn check_product(p: &Product, given: &NewProduct) {
    assert_eq!(p.price, given.price);
    assert_eq!(p.price.to_string(), "123456789012.12345678", "Decimal(20,8) keeps every digit");
    assert_eq!(p.weight_kg, None);
    assert_eq!(p.stock, 0);
    assert_eq!(p.attributes, serde_json::json!({}));
    assert!(p.active);
}

/// Runs `f` on a runtime of its own; the test database (blocking client) lives outside it.
fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(f)
}

#[test]
fn every_type_round_trips_with_tokio_postgres() {
    let db = migrated("demo_tokio");
    block_on(with_tokio_postgres(&db.url()));
}

#[test]
fn every_type_round_trips_with_sqlx() {
    let db = migrated("demo_sqlx");
    block_on(with_sqlx(&db.url()));
}

async fn with_tokio_postgres(url: &str) {
    let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls).await.unwrap();
    tokio::spawn(connection);
    let one = |stmt: (String, sea_query_postgres::PostgresValues)| {
        let client = &client;
        async move { client.query_one(&stmt.0, &stmt.1.as_params()).await.unwrap() }
    };

    let given = new_customer("ada@example.com");
    let row = one(given.insert().returning_all().build_postgres(PostgresQueryBuilder)).await;
    let customer = Customer::try_from(&row).unwrap();
    check_customer(&customer, &given);

    let given_product = new_product();
    let row = one(given_product.insert().returning_all().build_postgres(PostgresQueryBuilder)).await;
    let product = Product::try_from(&row).unwrap();
    check_product(&product, &given_product);

    // Every remaining column type, written through an UPDATE built from the generated identifiers.
    let attributes = serde_json::json!({"colour": "brass", "sizes": [1, 2.5], "nested": {"ok": true}});
    let row = one(Query::update()
        .table(ProductIden::Table)
        .values([
            (ProductIden::Attributes, attributes.clone().into()),
            (ProductIden::WeightKg, Some(15.5f64).into()),
            (ProductIden::Stock, 7i32.into()),
            (ProductIden::Active, false.into()),
        ])
        .and_where(Expr::col(ProductIden::Id).eq(product.id))
        .returning_all()
        .build_postgres(PostgresQueryBuilder))
    .await;
    let product = Product::try_from(&row).unwrap();
    assert_eq!(
        (product.attributes.clone(), product.weight_kg, product.stock, product.active),
        (attributes, Some(15.5), 7, false)
    );

    let placed = instant("2026-11-21T08:30:15.123456Z");
    let order = NewOrder { customer_id: customer.id, shipped_at: None, note: None };
    let row = one(order.insert().returning_all().build_postgres(PostgresQueryBuilder)).await;
    let order = Order::try_from(&row).unwrap();
    assert_eq!((order.status, order.shipped_at, order.note.clone()), (OrderStatus::Pending, None, None));
    let row = one(Query::update()
        .table(OrderIden::Table)
        .values([
            (OrderIden::Status, OrderStatus::Shipped.into()),
            (OrderIden::PlacedAt, placed.into()),
            (OrderIden::ShippedAt, Some(placed + refract::chrono::Duration::days(1)).into()),
            (OrderIden::Note, Some("leave at the door").into()),
        ])
        .and_where(Expr::col(OrderIden::Id).eq(order.id))
        .returning_all()
        .build_postgres(PostgresQueryBuilder))
    .await;
    let order = Order::try_from(&row).unwrap();
    assert_eq!(order.status, OrderStatus::Shipped);
    assert_eq!(order.placed_at, placed, "Timestamptz keeps microseconds");
    assert_eq!(order.note.as_deref(), Some("leave at the door"));
    // The enum is stored under its @map value.
    let stored: String = client.query_one("SELECT status::text FROM orders", &[]).await.unwrap().get(0);
    assert_eq!(stored, "shipped");

    let item = NewOrderItem {
        order_id: order.id,
        product_id: product.id,
        quantity: 3,
        unit_price: Decimal::from_str("0.00000001").unwrap(),
    };
    let row = one(item.insert().returning_all().build_postgres(PostgresQueryBuilder)).await;
    assert_eq!(OrderItem::try_from(&row).unwrap().unit_price.to_string(), "0.00000001");

    let row =
        one(NewCategory { name: "Engines".into(), parent_id: None }.insert().returning_all().build_postgres(PostgresQueryBuilder)).await;
    assert_eq!(Category::try_from(&row).unwrap().name, "Engines");

    // The application's own query, and the enum as a parameter (read with the generated FromSql).
    let rows = client
        .query(&orders_of_sql(customer.id), &[])
        .await
        .unwrap()
        .iter()
        .map(|r| Order::try_from(r).unwrap())
        .collect::<Vec<_>>();
    assert_eq!(rows, std::slice::from_ref(&order));
    let status: OrderStatus =
        client.query_one("SELECT $1::\"OrderStatus\"", &[&OrderStatus::Cancelled]).await.unwrap().get(0);
    assert_eq!(status, OrderStatus::Cancelled);
    let updated: NaiveDate = client.query_one("SELECT updated_at::date FROM products", &[]).await.unwrap().get(0);
    assert_eq!(updated, product.updated_at.date(), "@updatedAt was filled on insert");

    // A CHECK the schema declares holds in the database.
    let bad = NewOrderItem { quantity: 0, ..item };
    let (sql, values) = bad.insert().build_postgres(PostgresQueryBuilder);
    let err = client.execute(&sql, &values.as_params()).await.unwrap_err();
    assert!(err.as_db_error().unwrap().message().contains("order_items_quantity_check"), "{err}");
}

async fn with_sqlx(url: &str) {
    let pool = sqlx::PgPool::connect(url).await.unwrap();

    let given = new_customer("grace@example.com");
    let (sql, values) = given.insert().returning_all().build_sqlx(PostgresQueryBuilder);
    let customer: Customer = sqlx::query_as_with(&sql, values).fetch_one(&pool).await.unwrap();
    check_customer(&customer, &given);

    let given_product = new_product();
    let (sql, values) = given_product.insert().returning_all().build_sqlx(PostgresQueryBuilder);
    let product: Product = sqlx::query_as_with(&sql, values).fetch_one(&pool).await.unwrap();
    check_product(&product, &given_product);

    let (sql, values) =
        NewOrder { customer_id: customer.id, shipped_at: Some(instant("2030-01-02T03:04:05.000006Z")), note: None }
            .insert()
            .returning_all()
            .build_sqlx(PostgresQueryBuilder);
    let order: Order = sqlx::query_as_with(&sql, values).fetch_one(&pool).await.unwrap();
    assert_eq!(order.shipped_at, Some(instant("2030-01-02T03:04:05.000006Z")));

    // The enum through sqlx's own binding, and the query built from the identifiers.
    sqlx::query("UPDATE orders SET status = $1").bind(OrderStatus::Paid).execute(&pool).await.unwrap();
    let (sql, values) = orders_of(customer.id, Some(OrderStatus::Paid)).build_sqlx(PostgresQueryBuilder);
    let paid: Vec<Order> = sqlx::query_as_with(&sql, values).fetch_all(&pool).await.unwrap();
    assert_eq!(paid.len(), 1);
    assert_eq!(paid[0].status, OrderStatus::Paid);
    let statuses: Vec<OrderStatus> =
        sqlx::query_scalar("SELECT unnest(enum_range(NULL::\"OrderStatus\"))").fetch_all(&pool).await.unwrap();
    assert_eq!(statuses, OrderStatus::ALL);

    // Serde: the schema's names for enums, every field present.
    let json = serde_json::to_value(&paid[0]).unwrap();
    assert_eq!(json["status"], "PAID");
    let back: Order = serde_json::from_value(json).unwrap();
    assert_eq!(back, paid[0]);
    pool.close().await;
}
