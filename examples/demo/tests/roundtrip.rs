//! The demo's models against PostgreSQL, migrated by the engine from the committed migrations: every
//! model, enum and column type written and read back exactly, with tokio-postgres and with sqlx, the
//! statements built by the generated API and run by `refract::exec`.

mod common;

use std::str::FromStr;

use common::{block_on, migrated, sqlx_pool, tokio_client};
use refract::chrono::{DateTime, NaiveDate, Utc};
use refract::exec::{postgres as pg, sqlx as sx};
use refract::rust_decimal::Decimal;
use refract_demo::*;

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
    let client = tokio_client(url).await;

    let given = new_customer("ada@example.com");
    let customer: Customer = pg::fetch_one(&client, given.insert().returning_all()).await.unwrap();
    check_customer(&customer, &given);

    let given_product = new_product();
    let product: Product = pg::fetch_one(&client, given_product.insert().returning_all()).await.unwrap();
    check_product(&product, &given_product);

    // Every remaining column type, written through the generated UPDATE.
    let attributes = serde_json::json!({"colour": "brass", "sizes": [1, 2.5], "nested": {"ok": true}});
    let changed = Product { attributes: attributes.clone(), weight_kg: Some(15.5), stock: 7, active: false, ..product };
    let product: Product = pg::fetch_one(&client, changed.update().returning_all()).await.unwrap();
    assert_eq!(
        (product.attributes.clone(), product.weight_kg, product.stock, product.active),
        (attributes, Some(15.5), 7, false)
    );

    let placed = instant("2026-11-21T08:30:15.123456Z");
    let order = NewOrder { customer_id: customer.id, shipped_at: None, note: None };
    let order: Order = pg::fetch_one(&client, order.insert().returning_all()).await.unwrap();
    assert_eq!((order.status, order.shipped_at, order.note.clone()), (OrderStatus::Pending, None, None));
    let changed = Order {
        status: OrderStatus::Shipped,
        placed_at: placed,
        shipped_at: Some(placed + refract::chrono::Duration::days(1)),
        note: Some("leave at the door".into()),
        ..order
    };
    let order: Order = pg::fetch_one(&client, changed.update().returning_all()).await.unwrap();
    assert_eq!(order, changed);
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
    let row: OrderItem = pg::fetch_one(&client, item.insert().returning_all()).await.unwrap();
    assert_eq!(row.unit_price.to_string(), "0.00000001");

    let category: Category =
        pg::fetch_one(&client, NewCategory { name: "Engines".into(), parent_id: None }.insert().returning_all())
            .await
            .unwrap();
    assert_eq!(category.name, "Engines");

    // The application's own query, as its logged SQL (values inlined), and the enum as a parameter
    // (read with the generated FromSql).
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
    assert_eq!(updated, product.updated_at.date(), "@updatedAt was filled on insert and update");

    // A CHECK the schema declares holds in the database.
    let bad = NewOrderItem { quantity: 0, ..item };
    let err = pg::execute(&client, &bad.insert()).await.unwrap_err();
    assert!(err.as_db_error().unwrap().message().contains("order_items_quantity_check"), "{err}");
}

async fn with_sqlx(url: &str) {
    let pool = sqlx_pool(url).await;

    let given = new_customer("grace@example.com");
    let customer: Customer = sx::fetch_one(&pool, given.insert().returning_all()).await.unwrap();
    check_customer(&customer, &given);

    let given_product = new_product();
    let product: Product = sx::fetch_one(&pool, given_product.insert().returning_all()).await.unwrap();
    check_product(&product, &given_product);

    let new_order =
        NewOrder { customer_id: customer.id, shipped_at: Some(instant("2030-01-02T03:04:05.000006Z")), note: None };
    let order: Order = sx::fetch_one(&pool, new_order.insert().returning_all()).await.unwrap();
    assert_eq!(order.shipped_at, Some(instant("2030-01-02T03:04:05.000006Z")));

    // The enum through sqlx's own binding, and the application's query.
    let paid = sqlx::query("UPDATE orders SET status = $1 WHERE id = $2")
        .bind(OrderStatus::Paid)
        .bind(order.id)
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(paid.rows_affected(), 1);
    let paid: Vec<Order> = sx::fetch_all(&pool, &orders_of(customer.id, Some(OrderStatus::Paid))).await.unwrap();
    assert_eq!(paid.len(), 1);
    assert_eq!(paid[0].status, OrderStatus::Paid);
    assert_eq!(paid[0], Order { status: OrderStatus::Paid, ..order.clone() });
    let pending: Vec<Order> = sx::fetch_all(&pool, &orders_of(customer.id, Some(OrderStatus::Pending))).await.unwrap();
    assert_eq!(pending, []);
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
