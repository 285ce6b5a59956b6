//! The generated query API against PostgreSQL (the demo's migrations applied by the engine), the same
//! scenarios run with both executors, `refract::exec::postgres` on a tokio-postgres client and
//! `refract::exec::sqlx` on a sqlx pool: lookups by primary key, by each unique field and by the
//! composite key; every relation method in both directions; `update()`, `delete()` and `delete_by_id()`
//! with the rows they affect, read back.
//!
//! The scenarios are macros so that one text runs on both drivers: `$db` is the executor module (`pg`
//! or `sx`) and `$c` the executor expression, evaluated at each call (`&client`, `&pool`).

mod common;

use std::str::FromStr;

use common::{block_on, migrated, sqlx_pool, tokio_client};
use refract::chrono::Duration;
use refract::exec::{postgres as pg, sqlx as sx};
use refract::rust_decimal::Decimal;
use refract::sea_query::{Order as SortOrder, SelectStatement};
use refract::uuid::Uuid;
use refract_demo::*;

/// What the scenarios start from, inserted through the generated `insert()`s.
struct Shop {
    /// Has a profile and an order.
    ada: Customer,
    /// Has neither.
    bob: Customer,
    profile: CustomerProfile,
    /// Filed under `engines` and `machines`.
    engine: Product,
    /// Filed under `looms`.
    loom: Product,
    /// The root; `engines` and `looms` are its children.
    machines: Category,
    engines: Category,
    looms: Category,
    /// Ada's, with one item of each product.
    order: Order,
    engine_item: OrderItem,
    loom_item: OrderItem,
}

fn new_customer(email: &str, name: &str) -> NewCustomer {
    NewCustomer {
        email: email.into(),
        display_name: name.into(),
        tags: vec!["new".into()],
        avatar: None,
        deleted_at: None,
    }
}

fn new_product(sku: &str, name: &str, price: &str) -> NewProduct {
    NewProduct { sku: sku.into(), name: name.into(), price: Decimal::from_str(price).unwrap(), weight_kg: None }
}

fn by_name(mut query: SelectStatement) -> SelectStatement {
    query.order_by(Category::NAME, SortOrder::Asc);
    query
}

fn by_product(mut query: SelectStatement) -> SelectStatement {
    query.order_by(OrderItem::PRODUCT_ID, SortOrder::Asc);
    query
}

macro_rules! seed {
    ($db:ident, $c:expr) => {{
        let ada: Customer =
            $db::fetch_one($c, new_customer("ada@example.com", "Ada").insert().returning_all()).await.unwrap();
        let bob: Customer =
            $db::fetch_one($c, new_customer("bob@example.com", "Bob").insert().returning_all()).await.unwrap();
        let profile = NewCustomerProfile {
            customer_id: ada.id,
            bio: Some("Wrote the first program.".into()),
            website: Some("https://ada.example".into()),
        };
        let profile: CustomerProfile = $db::fetch_one($c, profile.insert().returning_all()).await.unwrap();

        let engine: Product =
            $db::fetch_one($c, new_product("ENG-1", "Difference engine", "1000.50").insert().returning_all())
                .await
                .unwrap();
        let loom: Product =
            $db::fetch_one($c, new_product("LOOM-1", "Jacquard loom", "20").insert().returning_all()).await.unwrap();

        let machines: Category =
            $db::fetch_one($c, NewCategory { name: "Machines".into(), parent_id: None }.insert().returning_all())
                .await
                .unwrap();
        let engines: Category = $db::fetch_one(
            $c,
            NewCategory { name: "Engines".into(), parent_id: Some(machines.id) }.insert().returning_all(),
        )
        .await
        .unwrap();
        let looms: Category = $db::fetch_one(
            $c,
            NewCategory { name: "Looms".into(), parent_id: Some(machines.id) }.insert().returning_all(),
        )
        .await
        .unwrap();
        for (category, product) in [(&engines, &engine), (&machines, &engine), (&looms, &loom)] {
            assert_eq!($db::execute($c, &file_under(category, product)).await.unwrap(), 1);
        }
        assert_eq!($db::execute($c, &file_under(&looms, &loom)).await.unwrap(), 0, "filed already");

        let order = NewOrder { customer_id: ada.id, shipped_at: None, note: Some("a gift".into()) };
        let order: Order = $db::fetch_one($c, order.insert().returning_all()).await.unwrap();
        let item = |product: &Product, quantity| NewOrderItem {
            order_id: order.id,
            product_id: product.id,
            quantity,
            unit_price: product.price,
        };
        let engine_item: OrderItem = $db::fetch_one($c, item(&engine, 2).insert().returning_all()).await.unwrap();
        let loom_item: OrderItem = $db::fetch_one($c, item(&loom, 1).insert().returning_all()).await.unwrap();
        Shop { ada, bob, profile, engine, loom, machines, engines, looms, order, engine_item, loom_item }
    }};
}

macro_rules! lookups {
    ($db:ident, $c:expr, $shop:expr) => {{
        let Shop { ada, bob, profile, engine, loom, machines, engines, looms, order, engine_item, loom_item } = $shop;

        // By primary key, each model.
        assert_eq!($db::fetch_one::<Customer>($c, &Customer::find_by_id(ada.id)).await.unwrap(), ada);
        assert_eq!($db::fetch_optional::<Customer>($c, &Customer::find_by_id(Uuid::new_v4())).await.unwrap(), None);
        assert_eq!($db::fetch_one::<CustomerProfile>($c, &CustomerProfile::find_by_id(ada.id)).await.unwrap(), profile);
        assert_eq!(
            $db::fetch_optional::<CustomerProfile>($c, &CustomerProfile::find_by_id(bob.id)).await.unwrap(),
            None
        );
        assert_eq!($db::fetch_one::<Product>($c, &Product::find_by_id(loom.id)).await.unwrap(), loom);
        assert_eq!($db::fetch_one::<Category>($c, &Category::find_by_id(engines.id)).await.unwrap(), engines);
        assert_eq!($db::fetch_one::<Order>($c, &Order::find_by_id(order.id)).await.unwrap(), order);
        assert_eq!($db::fetch_optional::<Order>($c, &Order::find_by_id(order.id + 1)).await.unwrap(), None);

        // By each unique field.
        assert_eq!($db::fetch_one::<Customer>($c, &Customer::find_by_email("ada@example.com")).await.unwrap(), ada);
        assert_eq!($db::fetch_one::<Customer>($c, &Customer::find_by_email("bob@example.com")).await.unwrap(), bob);
        assert_eq!(
            $db::fetch_optional::<Customer>($c, &Customer::find_by_email("eve@example.com")).await.unwrap(),
            None
        );
        assert_eq!($db::fetch_one::<Product>($c, &Product::find_by_sku("ENG-1")).await.unwrap(), engine);
        assert_eq!($db::fetch_one::<Product>($c, &Product::find_by_sku(String::from("LOOM-1"))).await.unwrap(), loom);
        assert_eq!($db::fetch_optional::<Product>($c, &Product::find_by_sku("eng-1")).await.unwrap(), None);
        assert_eq!($db::fetch_one::<Category>($c, &Category::find_by_name("Machines")).await.unwrap(), machines);
        assert_eq!($db::fetch_one::<Category>($c, &Category::find_by_name("Looms")).await.unwrap(), looms);
        assert_eq!($db::fetch_optional::<Category>($c, &Category::find_by_name("Pumps")).await.unwrap(), None);

        // By the composite key: both parts count.
        let found: OrderItem = $db::fetch_one($c, &OrderItem::find_by_id(order.id, engine.id)).await.unwrap();
        assert_eq!(found, engine_item);
        let found: OrderItem = $db::fetch_one($c, &OrderItem::find_by_id(order.id, loom.id)).await.unwrap();
        assert_eq!(found, loom_item);
        let none: Option<OrderItem> =
            $db::fetch_optional($c, &OrderItem::find_by_id(order.id + 1, engine.id)).await.unwrap();
        assert_eq!(none, None);
        let none: Option<OrderItem> = $db::fetch_optional($c, &OrderItem::find_by_id(order.id, -1)).await.unwrap();
        assert_eq!(none, None);

        // find() reads every row.
        let all: Vec<Category> = $db::fetch_all($c, &by_name(Category::find())).await.unwrap();
        assert_eq!(all, [engines, looms, machines]);
        let all: Vec<Customer> = $db::fetch_all($c, &Customer::find()).await.unwrap();
        assert_eq!(all.len(), 2);
    }};
}

macro_rules! relations {
    ($db:ident, $c:expr, $shop:expr) => {{
        let Shop { ada, bob, profile, engine, loom, machines, engines, looms, order, engine_item, loom_item } = $shop;

        // Many-to-one and one-to-many: Order.customer / Customer.orders.
        assert_eq!($db::fetch_one::<Customer>($c, &order.customer()).await.unwrap(), ada);
        assert_eq!($db::fetch_all::<Order>($c, &ada.orders()).await.unwrap(), std::slice::from_ref(&order));
        assert_eq!($db::fetch_all::<Order>($c, &bob.orders()).await.unwrap(), []);

        // One-to-one, both sides: Customer.profile / CustomerProfile.customer.
        assert_eq!($db::fetch_optional::<CustomerProfile>($c, &ada.profile()).await.unwrap(), Some(profile.clone()));
        assert_eq!($db::fetch_optional::<CustomerProfile>($c, &bob.profile()).await.unwrap(), None);
        assert_eq!($db::fetch_one::<Customer>($c, &profile.customer()).await.unwrap(), ada);

        // Many-to-many through `_CategoryToProduct`, both sides.
        let categories: Vec<Category> = $db::fetch_all($c, &by_name(engine.categories())).await.unwrap();
        assert_eq!(categories, [engines.clone(), machines.clone()]);
        assert_eq!($db::fetch_all::<Category>($c, &loom.categories()).await.unwrap(), std::slice::from_ref(&looms));
        assert_eq!($db::fetch_all::<Product>($c, &engines.products()).await.unwrap(), std::slice::from_ref(&engine));
        assert_eq!($db::fetch_all::<Product>($c, &machines.products()).await.unwrap(), std::slice::from_ref(&engine));
        assert_eq!($db::fetch_all::<Product>($c, &looms.products()).await.unwrap(), std::slice::from_ref(&loom));
        // The application's refinement of it.
        assert_eq!($db::fetch_all::<Product>($c, &shelf(&looms)).await.unwrap(), std::slice::from_ref(&loom));

        // The self-relation, both sides: Category.parent / Category.children.
        assert_eq!($db::fetch_optional::<Category>($c, &engines.parent()).await.unwrap(), Some(machines.clone()));
        assert_eq!($db::fetch_optional::<Category>($c, &looms.parent()).await.unwrap(), Some(machines.clone()));
        assert_eq!(
            $db::fetch_optional::<Category>($c, &machines.parent()).await.unwrap(),
            None,
            "a root has no parent"
        );
        let children: Vec<Category> = $db::fetch_all($c, &by_name(machines.children())).await.unwrap();
        assert_eq!(children, [engines.clone(), looms.clone()]);
        assert_eq!($db::fetch_all::<Category>($c, &engines.children()).await.unwrap(), []);

        // Order.items / OrderItem.order, OrderItem.product / Product.items.
        let items: Vec<OrderItem> = $db::fetch_all($c, &by_product(order.items())).await.unwrap();
        assert_eq!(items, [engine_item.clone(), loom_item.clone()]);
        assert_eq!($db::fetch_one::<Order>($c, &engine_item.order()).await.unwrap(), order);
        assert_eq!($db::fetch_one::<Order>($c, &loom_item.order()).await.unwrap(), order);
        assert_eq!($db::fetch_one::<Product>($c, &engine_item.product()).await.unwrap(), engine);
        assert_eq!($db::fetch_one::<Product>($c, &loom_item.product()).await.unwrap(), loom);
        assert_eq!($db::fetch_all::<OrderItem>($c, &engine.items()).await.unwrap(), [engine_item]);
        assert_eq!($db::fetch_all::<OrderItem>($c, &loom.items()).await.unwrap(), [loom_item]);
    }};
}

macro_rules! updates {
    ($db:ident, $c:expr, $shop:expr) => {{
        let Shop { ada, profile, engine, machines, engines, looms, order, engine_item, loom_item, .. } = $shop;

        // Customer: text, enum, array (emptied) and nullable columns.
        let changed = Customer {
            display_name: "Countess of Lovelace".into(),
            role: Role::Staff,
            tags: vec![],
            avatar: Some(vec![1, 2, 3]),
            ..ada.clone()
        };
        assert_eq!($db::execute($c, &changed.update()).await.unwrap(), 1);
        assert_eq!($db::fetch_one::<Customer>($c, &Customer::find_by_id(ada.id)).await.unwrap(), changed);

        // CustomerProfile: its key is the customer's.
        let changed = CustomerProfile { website: None, bio: Some("Poetical science.".into()), ..profile };
        assert_eq!($db::execute($c, &changed.update()).await.unwrap(), 1);
        assert_eq!($db::fetch_one::<CustomerProfile>($c, &ada.profile()).await.unwrap(), changed);

        // Product: @updatedAt moves on by itself.
        let changed = Product {
            name: "Analytical engine".into(),
            price: Decimal::from_str("2000.25").unwrap(),
            stock: 3,
            attributes: serde_json::json!({"gears": 25000}),
            weight_kg: Some(15000.0),
            ..engine.clone()
        };
        assert_eq!($db::execute($c, &changed.update()).await.unwrap(), 1);
        let back: Product = $db::fetch_one($c, &Product::find_by_sku("ENG-1")).await.unwrap();
        assert_eq!(Product { updated_at: back.updated_at, ..changed }, back);
        assert!(back.updated_at >= engine.updated_at, "{} < {}", back.updated_at, engine.updated_at);

        // Order, through the application's `shipped`.
        let at = order.placed_at + Duration::hours(2);
        assert_eq!($db::execute($c, &shipped(&order, at)).await.unwrap(), 1);
        let back: Order = $db::fetch_one($c, &Order::find_by_id(order.id)).await.unwrap();
        assert_eq!(back, Order { status: OrderStatus::Shipped, shipped_at: Some(at), ..order.clone() });
        assert_eq!($db::fetch_all::<Order>($c, &orders_of(ada.id, Some(OrderStatus::Shipped))).await.unwrap(), [back]);

        // OrderItem, by its composite key: the other item of the order stays as it was.
        let changed = OrderItem { quantity: 5, ..engine_item.clone() };
        assert_eq!($db::execute($c, &changed.update()).await.unwrap(), 1);
        let back: OrderItem = $db::fetch_one($c, &OrderItem::find_by_id(order.id, engine.id)).await.unwrap();
        assert_eq!(back, changed);
        let other: OrderItem =
            $db::fetch_one($c, &OrderItem::find_by_id(order.id, loom_item.product_id)).await.unwrap();
        assert_eq!(other, loom_item);

        // Category: moving `looms` under `engines` moves it in both directions of the self-relation.
        let moved = Category { parent_id: Some(engines.id), ..looms.clone() };
        assert_eq!($db::execute($c, &moved.update()).await.unwrap(), 1);
        assert_eq!($db::fetch_all::<Category>($c, &engines.children()).await.unwrap(), std::slice::from_ref(&moved));
        assert_eq!($db::fetch_all::<Category>($c, &machines.children()).await.unwrap(), std::slice::from_ref(&engines));
        assert_eq!($db::fetch_one::<Category>($c, &moved.parent()).await.unwrap(), engines);
        // The unique name holds.
        let clash = Category { name: "Engines".into(), ..moved };
        assert!($db::execute($c, &clash.update()).await.is_err());
        assert_eq!($db::fetch_one::<Category>($c, &Category::find_by_name("Looms")).await.unwrap().id, looms.id);
    }};
}

macro_rules! deletes {
    ($db:ident, $c:expr, $shop:expr) => {{
        let Shop { ada, bob, engine, loom, machines, engines, looms, order, engine_item, loom_item, .. } = $shop;

        // m.delete(): one row, then none.
        assert_eq!($db::execute($c, &loom_item.delete()).await.unwrap(), 1);
        assert_eq!($db::execute($c, &loom_item.delete()).await.unwrap(), 0);
        assert_eq!(
            $db::fetch_optional::<OrderItem>($c, &OrderItem::find_by_id(order.id, loom.id)).await.unwrap(),
            None
        );
        assert_eq!($db::fetch_all::<OrderItem>($c, &order.items()).await.unwrap(), [engine_item]);
        // By the composite key: only the exact pair.
        assert_eq!($db::execute($c, &OrderItem::delete_by_id(order.id, loom.id)).await.unwrap(), 0);
        assert_eq!($db::execute($c, &OrderItem::delete_by_id(order.id, engine.id)).await.unwrap(), 1);
        assert_eq!($db::fetch_all::<OrderItem>($c, &order.items()).await.unwrap(), []);

        // A product: its join-table rows go with it, and updating it afterwards affects nothing.
        assert_eq!($db::execute($c, &Product::delete_by_id(loom.id)).await.unwrap(), 1);
        assert_eq!($db::fetch_optional::<Product>($c, &Product::find_by_sku("LOOM-1")).await.unwrap(), None);
        assert_eq!($db::fetch_all::<Product>($c, &looms.products()).await.unwrap(), []);
        assert_eq!($db::execute($c, &loom.update()).await.unwrap(), 0);

        // A parent category: its child's `parent_id` is set to NULL (onDelete: SetNull).
        assert_eq!($db::execute($c, &machines.delete()).await.unwrap(), 1);
        let orphan: Category = $db::fetch_one($c, &Category::find_by_id(engines.id)).await.unwrap();
        assert_eq!(orphan, Category { parent_id: None, ..engines.clone() });
        assert_eq!($db::fetch_optional::<Category>($c, &orphan.parent()).await.unwrap(), None);
        assert_eq!($db::fetch_all::<Category>($c, &engine.categories()).await.unwrap(), [orphan]);
        assert_eq!($db::execute($c, &Category::delete_by_id(looms.id)).await.unwrap(), 1);
        assert_eq!($db::execute($c, &Category::delete_by_id(looms.id)).await.unwrap(), 0);

        // A customer with an order cannot go (onDelete: Restrict) until the order has.
        assert!($db::execute($c, &ada.delete()).await.is_err());
        assert_eq!($db::execute($c, &Order::delete_by_id(order.id)).await.unwrap(), 1);
        assert_eq!($db::fetch_optional::<Order>($c, &Order::find_by_id(order.id)).await.unwrap(), None);
        assert_eq!($db::execute($c, &Customer::delete_by_id(ada.id)).await.unwrap(), 1);
        // Its profile went with it (onDelete: Cascade).
        assert_eq!(
            $db::fetch_optional::<CustomerProfile>($c, &CustomerProfile::find_by_id(ada.id)).await.unwrap(),
            None
        );

        // A profile alone, then its customer.
        let profile = NewCustomerProfile { customer_id: bob.id, bio: None, website: None };
        let profile: CustomerProfile = $db::fetch_one($c, profile.insert().returning_all()).await.unwrap();
        assert_eq!($db::execute($c, &profile.delete()).await.unwrap(), 1);
        assert_eq!($db::execute($c, &CustomerProfile::delete_by_id(bob.id)).await.unwrap(), 0);
        assert_eq!($db::execute($c, &bob.delete()).await.unwrap(), 1);
        assert_eq!($db::fetch_all::<Customer>($c, &Customer::find()).await.unwrap(), []);
        assert_eq!($db::fetch_all::<Product>($c, &Product::find()).await.unwrap(), [engine]);
    }};
}

/// One test per scenario and driver, each on a database of its own.
macro_rules! tests {
    ($($scenario:ident: $pg_test:ident, $sx_test:ident;)*) => {$(
        #[test]
        fn $pg_test() {
            let db = migrated(stringify!($pg_test));
            block_on(async {
                let client = tokio_client(&db.url()).await;
                let shop = seed!(pg, &client);
                $scenario!(pg, &client, shop);
            });
        }

        #[test]
        fn $sx_test() {
            let db = migrated(stringify!($sx_test));
            block_on(async {
                let pool = sqlx_pool(&db.url()).await;
                let shop = seed!(sx, &pool);
                $scenario!(sx, &pool, shop);
                pool.close().await;
            });
        }
    )*};
}

tests! {
    lookups: lookups_with_tokio_postgres, lookups_with_sqlx;
    relations: relations_with_tokio_postgres, relations_with_sqlx;
    updates: updates_with_tokio_postgres, updates_with_sqlx;
    deletes: deletes_with_tokio_postgres, deletes_with_sqlx;
}
