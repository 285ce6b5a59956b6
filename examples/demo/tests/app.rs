//! The demo application's own functions against PostgreSQL (the demo's migrations applied by the
//! engine): placing orders with tokio-postgres, the category tree and shelves with sqlx, and work done
//! in a transaction that is rolled back, with each driver, leaving nothing behind.

mod common;

use std::str::FromStr;

use common::{block_on, migrated, sqlx_pool, tokio_client};
use refract::exec::{postgres as pg, sqlx as sx};
use refract::rust_decimal::Decimal;
use refract::sea_query::PostgresQueryBuilder;
use refract::uuid::Uuid;
use refract_demo::*;

fn new_customer(email: &str) -> NewCustomer {
    NewCustomer { email: email.into(), display_name: email.into(), tags: vec![], avatar: None, deleted_at: None }
}

fn new_product(sku: &str, price: &str) -> NewProduct {
    NewProduct { sku: sku.into(), name: sku.into(), price: Decimal::from_str(price).unwrap(), weight_kg: None }
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// A product with `stock` units, with tokio-postgres.
async fn stocked(client: &tokio_postgres::Client, sku: &str, price: &str, stock: i32) -> Product {
    let product: Product = pg::fetch_one(client, new_product(sku, price).insert().returning_all()).await.unwrap();
    pg::fetch_one(client, Product { stock, ..product }.update().returning_all()).await.unwrap()
}

async fn stock_of(client: &tokio_postgres::Client, product: &Product) -> i32 {
    pg::fetch_one::<Product>(client, &Product::find_by_id(product.id)).await.unwrap().stock
}

#[test]
fn the_statements_sql() {
    let customer = Uuid::nil();
    assert_eq!(
        orders_of_sql(customer),
        concat!(
            r#"SELECT "orders"."id", "orders"."customer_id", "orders"."status", "orders"."placed_at", "#,
            r#""orders"."shipped_at", "orders"."note" FROM "orders" "#,
            r#"WHERE "orders"."customer_id" = '00000000-0000-0000-0000-000000000000' "#,
            r#"ORDER BY "orders"."placed_at" DESC, "orders"."id" DESC"#,
        )
    );
    let paid = orders_of(customer, Some(OrderStatus::Paid)).to_string(PostgresQueryBuilder);
    assert!(paid.contains(r#"AND "orders"."status" = (CAST('paid' AS "OrderStatus")) ORDER BY"#), "{paid}");
    let category = Category { id: 3, name: "Engines".into(), parent_id: None };
    let product = Product {
        id: 7,
        sku: "E".into(),
        name: "Engine".into(),
        price: dec("1"),
        stock: 0,
        attributes: refract::serde_json::json!({}),
        weight_kg: None,
        active: true,
        updated_at: Default::default(),
    };
    assert_eq!(
        file_under(&category, &product).to_string(PostgresQueryBuilder),
        r#"INSERT INTO "_CategoryToProduct" ("A", "B") VALUES (3, 7) ON CONFLICT ("A", "B") DO NOTHING"#
    );
    // The same link from the product's side.
    assert_eq!(
        take_out_of(&category, &product).to_string(PostgresQueryBuilder),
        r#"DELETE FROM "_CategoryToProduct" WHERE "B" = 7 AND "A" = 3"#
    );
}

#[test]
fn placing_orders_with_tokio_postgres() {
    let db = migrated("app_place_order");
    block_on(async {
        let mut client = tokio_client(&db.url()).await;
        let ada: Customer =
            pg::fetch_one(&client, new_customer("ada@example.com").insert().returning_all()).await.unwrap();
        let engine = stocked(&client, "ENG-1", "1000.50", 10).await;
        let loom = stocked(&client, "LOOM-1", "20", 5).await;

        let lines = [Line { product_id: engine.id, quantity: 2 }, Line { product_id: loom.id, quantity: 1 }];
        let (first, items) = place_order(&mut client, &ada, &lines, Some("a gift".into())).await.unwrap();
        assert_eq!(
            (first.customer_id, first.status, first.note.as_deref()),
            (ada.id, OrderStatus::Pending, Some("a gift"))
        );
        assert_eq!(
            items,
            [
                OrderItem { order_id: first.id, product_id: engine.id, quantity: 2, unit_price: dec("1000.50") },
                OrderItem { order_id: first.id, product_id: loom.id, quantity: 1, unit_price: dec("20") },
            ]
        );
        assert_eq!(total(&items), dec("2021.00"));
        assert_eq!(pg::fetch_all::<OrderItem>(&client, &first.items()).await.unwrap().len(), 2);
        assert_eq!((stock_of(&client, &engine).await, stock_of(&client, &loom).await), (8, 4));

        // A later order pays the price of the day.
        let dearer =
            Product { price: dec("1100"), ..pg::fetch_one(&client, &Product::find_by_id(engine.id)).await.unwrap() };
        assert_eq!(pg::execute(&client, &dearer.update()).await.unwrap(), 1);
        let (second, items) =
            place_order(&mut client, &ada, &[Line { product_id: engine.id, quantity: 8 }], None).await.unwrap();
        assert_eq!(items[0].unit_price, dec("1100"));
        assert_eq!(stock_of(&client, &engine).await, 0);

        // The customer's orders, newest first, and by status.
        assert_eq!(
            pg::fetch_all::<Order>(&client, &orders_of(ada.id, None)).await.unwrap(),
            [second.clone(), first.clone()]
        );
        let at = first.placed_at + refract::chrono::Duration::minutes(5);
        assert_eq!(pg::execute(&client, &shipped(&first, at)).await.unwrap(), 1);
        let shipped_orders: Vec<Order> =
            pg::fetch_all(&client, &orders_of(ada.id, Some(OrderStatus::Shipped))).await.unwrap();
        assert_eq!(shipped_orders, [Order { status: OrderStatus::Shipped, shipped_at: Some(at), ..first }]);
        assert_eq!(
            pg::fetch_all::<Order>(&client, &orders_of(ada.id, Some(OrderStatus::Pending))).await.unwrap(),
            [second]
        );
    });
}

#[test]
fn catalogue_imports_price_lists_and_orders_with_their_customers() {
    let db = migrated("app_catalogue");
    block_on(async {
        let client = tokio_client(&db.url()).await;
        // A catalogue larger than one INSERT holds (four columns each: 16,383 rows per statement).
        let catalogue: Vec<NewProduct> =
            (0..20_000).map(|n| new_product(&format!("SKU-{n}"), &format!("{}.50", n % 90 + 1))).collect();
        let statements = import_products(&catalogue);
        assert_eq!(statements.len(), 2);
        let mut imported = 0;
        for statement in &statements {
            imported += pg::execute(&client, statement).await.unwrap();
        }
        assert_eq!(imported, 20_000);

        // A price list: known SKUs updated (stock kept), new ones inserted.
        let old: Product = pg::fetch_one(&client, &Product::find_by_sku("SKU-7")).await.unwrap();
        assert_eq!(pg::execute(&client, &Product { stock: 3, ..old.clone() }.update()).await.unwrap(), 1);
        let list =
            [NewProduct { name: "Beam engine".into(), ..new_product("SKU-7", "12.00") }, new_product("NEW-1", "5")];
        let mut written: Vec<Product> = Vec::new();
        for mut statement in price_list(&list) {
            written.push(pg::fetch_one(&client, statement.returning_all()).await.unwrap());
        }
        assert_eq!((written[0].id, written[0].stock), (old.id, 3), "the same row, its stock kept");
        assert_eq!((written[0].name.as_str(), written[0].price), ("Beam engine", dec("12.00")));
        assert!(written[0].updated_at > old.updated_at, "@updatedAt set to now");
        let cheap: Vec<Product> = pg::fetch_all(
            &client,
            Product::find().and_where(Product::PRICE.lt(dec("2"))).and_where(Product::SKU.like("SKU-%")),
        )
        .await
        .unwrap();
        assert_eq!(cheap.len(), 20_000 / 90 + 1, "one in 90 costs 1.50");

        // Orders with their customers: two queries.
        let mut customers = Vec::new();
        for email in ["ada@example.com", "bob@example.com"] {
            let customer: Customer =
                pg::fetch_one(&client, new_customer(email).insert().returning_all()).await.unwrap();
            customers.push(customer);
        }
        for customer in [&customers[0], &customers[1], &customers[0]] {
            let order = NewOrder { customer_id: customer.id, shipped_at: None, note: None };
            pg::execute(&client, &order.insert()).await.unwrap();
        }
        let query = Order::find().order_by(Order::ID, refract::sea_query::Order::Asc).to_owned();
        let pairs = orders_with_customers(&client, &query).await.unwrap();
        let emails: Vec<&str> = pairs.iter().map(|(_, c)| c.email.as_str()).collect();
        assert_eq!(emails, ["ada@example.com", "bob@example.com", "ada@example.com"]);
    });
}

#[test]
fn a_refused_order_places_nothing() {
    let db = migrated("app_refused_order");
    block_on(async {
        let mut client = tokio_client(&db.url()).await;
        let ada: Customer =
            pg::fetch_one(&client, new_customer("ada@example.com").insert().returning_all()).await.unwrap();
        let engine = stocked(&client, "ENG-1", "1000.50", 10).await;
        let loom = stocked(&client, "LOOM-1", "20", 5).await;
        let retired: Product =
            pg::fetch_one(&client, new_product("OLD-1", "1").insert().returning_all()).await.unwrap();
        let retired = Product { active: false, stock: 100, ..retired };
        assert_eq!(pg::execute(&client, &retired.update()).await.unwrap(), 1);

        // The first line was taken before the second was refused: both are undone.
        let lines = [Line { product_id: engine.id, quantity: 2 }, Line { product_id: loom.id, quantity: 6 }];
        let err = place_order(&mut client, &ada, &lines, None).await.unwrap_err();
        assert!(
            matches!(&err, PlaceOrderError::OutOfStock { sku, available: 5, wanted: 6 } if sku == "LOOM-1"),
            "{err:?}"
        );
        assert_eq!(err.to_string(), "6 of LOOM-1 wanted, 5 in stock");

        let err = place_order(&mut client, &ada, &[Line { product_id: 404, quantity: 1 }], None).await.unwrap_err();
        assert!(matches!(err, PlaceOrderError::UnknownProduct(404)), "{err:?}");
        let err =
            place_order(&mut client, &ada, &[Line { product_id: retired.id, quantity: 1 }], None).await.unwrap_err();
        assert!(matches!(err, PlaceOrderError::UnknownProduct(id) if id == retired.id), "{err:?}");
        // The database's own refusal (a CHECK on the quantity) comes back as such.
        let err = place_order(&mut client, &ada, &[Line { product_id: loom.id, quantity: 0 }], None).await.unwrap_err();
        assert!(matches!(err, PlaceOrderError::Database(_)), "{err:?}");

        assert_eq!(pg::fetch_all::<Order>(&client, &Order::find()).await.unwrap(), []);
        assert_eq!(pg::fetch_all::<OrderItem>(&client, &OrderItem::find()).await.unwrap(), []);
        assert_eq!((stock_of(&client, &engine).await, stock_of(&client, &loom).await), (10, 5));
    });
}

#[test]
fn a_rolled_back_transaction_leaves_nothing_with_tokio_postgres() {
    let db = migrated("app_rollback_tokio");
    block_on(async {
        let mut client = tokio_client(&db.url()).await;
        let ada: Customer =
            pg::fetch_one(&client, new_customer("ada@example.com").insert().returning_all()).await.unwrap();
        let engine = stocked(&client, "ENG-1", "1000.50", 10).await;

        let mut tx = client.transaction().await.unwrap();
        let bob: Customer = pg::fetch_one(&tx, new_customer("bob@example.com").insert().returning_all()).await.unwrap();
        // place_order runs in a savepoint of `tx`.
        let (order, _) =
            place_order(&mut tx, &bob, &[Line { product_id: engine.id, quantity: 3 }], None).await.unwrap();
        let engines: Category =
            pg::fetch_one(&tx, NewCategory { name: "Engines".into(), parent_id: None }.insert().returning_all())
                .await
                .unwrap();
        assert_eq!(pg::execute(&tx, &file_under(&engines, &engine)).await.unwrap(), 1);
        let renamed = Customer { display_name: "Countess".into(), ..ada.clone() };
        assert_eq!(pg::execute(&tx, &renamed.update()).await.unwrap(), 1);
        // Everything is there inside the transaction.
        assert_eq!(pg::fetch_all::<Order>(&tx, &bob.orders()).await.unwrap(), std::slice::from_ref(&order));
        assert_eq!(pg::fetch_one::<Customer>(&tx, &order.customer()).await.unwrap(), bob);
        assert_eq!(pg::fetch_all::<Product>(&tx, &engines.products()).await.unwrap()[0].stock, 7);
        assert_eq!(pg::fetch_one::<Customer>(&tx, &Customer::find_by_id(ada.id)).await.unwrap(), renamed);
        tx.rollback().await.unwrap();

        // And nothing of it is left.
        assert_eq!(
            pg::fetch_optional::<Customer>(&client, &Customer::find_by_email("bob@example.com")).await.unwrap(),
            None
        );
        assert_eq!(pg::fetch_optional::<Customer>(&client, &Customer::find_by_id(bob.id)).await.unwrap(), None);
        assert_eq!(pg::fetch_all::<Customer>(&client, &Customer::find()).await.unwrap(), std::slice::from_ref(&ada));
        assert_eq!(pg::fetch_all::<Order>(&client, &Order::find()).await.unwrap(), []);
        assert_eq!(pg::fetch_all::<OrderItem>(&client, &OrderItem::find()).await.unwrap(), []);
        assert_eq!(pg::fetch_all::<Category>(&client, &Category::find()).await.unwrap(), []);
        assert_eq!(pg::fetch_all::<Category>(&client, &engine.categories()).await.unwrap(), []);
        assert_eq!(stock_of(&client, &engine).await, 10);

        // The same work committed stays.
        let mut tx = client.transaction().await.unwrap();
        let (order, _) =
            place_order(&mut tx, &ada, &[Line { product_id: engine.id, quantity: 3 }], None).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(pg::fetch_all::<Order>(&client, &ada.orders()).await.unwrap(), [order]);
        assert_eq!(stock_of(&client, &engine).await, 7);
    });
}

#[test]
fn a_rolled_back_transaction_leaves_nothing_with_sqlx() {
    let db = migrated("app_rollback_sqlx");
    block_on(async {
        let pool = sqlx_pool(&db.url()).await;
        let ada: Customer =
            sx::fetch_one(&pool, new_customer("ada@example.com").insert().returning_all()).await.unwrap();
        let engine: Product =
            sx::fetch_one(&pool, new_product("ENG-1", "1000.50").insert().returning_all()).await.unwrap();

        let mut tx = pool.begin().await.unwrap();
        let bob: Customer =
            sx::fetch_one(&mut *tx, new_customer("bob@example.com").insert().returning_all()).await.unwrap();
        let order: Order = sx::fetch_one(
            &mut *tx,
            NewOrder { customer_id: bob.id, shipped_at: None, note: None }.insert().returning_all(),
        )
        .await
        .unwrap();
        let item = NewOrderItem { order_id: order.id, product_id: engine.id, quantity: 1, unit_price: engine.price };
        let item: OrderItem = sx::fetch_one(&mut *tx, item.insert().returning_all()).await.unwrap();
        let cheaper = Product { price: dec("999"), ..engine.clone() };
        assert_eq!(sx::execute(&mut *tx, &cheaper.update()).await.unwrap(), 1);
        let machines: Category =
            sx::fetch_one(&mut *tx, NewCategory { name: "Machines".into(), parent_id: None }.insert().returning_all())
                .await
                .unwrap();
        assert_eq!(sx::execute(&mut *tx, &file_under(&machines, &engine)).await.unwrap(), 1);
        assert_eq!(sx::execute(&mut *tx, &Customer::delete_by_id(ada.id)).await.unwrap(), 1);
        // Everything is there inside the transaction, and not yet outside it.
        assert_eq!(sx::fetch_all::<OrderItem>(&mut *tx, &order.items()).await.unwrap(), std::slice::from_ref(&item));
        assert_eq!(sx::fetch_one::<Product>(&mut *tx, &item.product()).await.unwrap().price, dec("999"));
        assert_eq!(sx::fetch_all::<Category>(&mut *tx, &engine.categories()).await.unwrap(), [machines]);
        assert_eq!(sx::fetch_optional::<Customer>(&mut *tx, &Customer::find_by_id(ada.id)).await.unwrap(), None);
        assert_eq!(sx::fetch_optional::<Customer>(&pool, &Customer::find_by_id(bob.id)).await.unwrap(), None);
        tx.rollback().await.unwrap();

        // And nothing of it is left.
        assert_eq!(sx::fetch_all::<Customer>(&pool, &Customer::find()).await.unwrap(), std::slice::from_ref(&ada));
        assert_eq!(
            sx::fetch_optional::<Customer>(&pool, &Customer::find_by_email("bob@example.com")).await.unwrap(),
            None
        );
        assert_eq!(sx::fetch_all::<Order>(&pool, &Order::find()).await.unwrap(), []);
        assert_eq!(sx::fetch_all::<OrderItem>(&pool, &OrderItem::find()).await.unwrap(), []);
        assert_eq!(sx::fetch_all::<Category>(&pool, &Category::find()).await.unwrap(), []);
        assert_eq!(sx::fetch_one::<Product>(&pool, &Product::find_by_sku("ENG-1")).await.unwrap(), engine);

        // The same work committed stays.
        let mut tx = pool.begin().await.unwrap();
        let order: Order = sx::fetch_one(
            &mut *tx,
            NewOrder { customer_id: ada.id, shipped_at: None, note: None }.insert().returning_all(),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(sx::fetch_all::<Order>(&pool, &ada.orders()).await.unwrap(), [order]);
        pool.close().await;
    });
}

#[test]
fn the_category_tree_and_shelves_with_sqlx() {
    let db = migrated("app_category_tree");
    block_on(async {
        let pool = sqlx_pool(&db.url()).await;
        let category =
            |name: &str, parent: Option<&Category>| NewCategory { name: name.into(), parent_id: parent.map(|p| p.id) };
        let machines: Category =
            sx::fetch_one(&pool, category("Machines", None).insert().returning_all()).await.unwrap();
        let looms: Category =
            sx::fetch_one(&pool, category("Looms", Some(&machines)).insert().returning_all()).await.unwrap();
        let engines: Category =
            sx::fetch_one(&pool, category("Engines", Some(&machines)).insert().returning_all()).await.unwrap();
        let steam: Category =
            sx::fetch_one(&pool, category("Steam", Some(&engines)).insert().returning_all()).await.unwrap();
        let books: Category = sx::fetch_one(&pool, category("Books", None).insert().returning_all()).await.unwrap();

        let leaf = |category: &Category| CategoryNode { category: category.clone(), children: vec![] };
        let tree = category_tree(&pool).await.unwrap();
        assert_eq!(
            tree,
            [
                leaf(&books),
                CategoryNode {
                    category: machines.clone(),
                    children: vec![
                        CategoryNode { category: engines.clone(), children: vec![leaf(&steam)] },
                        leaf(&looms)
                    ],
                },
            ]
        );

        // A shelf shows the category's active products by name; the relation itself has them all.
        let mut products = Vec::new();
        for (sku, name, active) in
            [("B", "Beam engine", true), ("A", "Atmospheric engine", true), ("C", "Corliss engine", false)]
        {
            let product: Product = sx::fetch_one(
                &pool,
                NewProduct { name: name.into(), ..new_product(sku, "10") }.insert().returning_all(),
            )
            .await
            .unwrap();
            let product: Product =
                sx::fetch_one(&pool, Product { active, ..product }.update().returning_all()).await.unwrap();
            assert_eq!(sx::execute(&pool, &file_under(&steam, &product)).await.unwrap(), 1);
            products.push(product);
        }
        let shelf_names: Vec<String> =
            sx::fetch_all::<Product>(&pool, &shelf(&steam)).await.unwrap().into_iter().map(|p| p.name).collect();
        assert_eq!(shelf_names, ["Atmospheric engine", "Beam engine"]);
        assert_eq!(sx::fetch_all::<Product>(&pool, &steam.products()).await.unwrap().len(), 3);
        assert_eq!(sx::fetch_all::<Product>(&pool, &shelf(&engines)).await.unwrap(), []);
        pool.close().await;
    });
}
