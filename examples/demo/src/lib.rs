//! The demo application: the shop described by `schema/schema.prisma`, as typed models.
//!
//! Everything below the macro call is ordinary application code written against the generated API:
//! statements come from `M::find()`, `M::find_by_…`, `m.update()`, `m.delete()`, `NewM { … }.insert()`,
//! `upsert_by_…()`, `insert_many(…)` and the relation methods (`category.products()`, …), filtered and
//! ordered by the typed columns (`Order::CUSTOMER_ID.eq(…)`), related rows loaded for many rows at once
//! through the relation constants (`Order::CUSTOMER`), and run by `refract::exec::postgres`
//! (tokio-postgres) or `refract::exec::sqlx`. No SQL is written by hand.
//!
//! - Statements, for any driver: [`orders_of`], [`shelf`], [`file_under`], [`shipped`], [`price_list`],
//!   [`import_products`].
//! - With tokio-postgres: [`place_order`], in a transaction of its own, [`total`] of its items, and
//!   [`orders_with_customers`].
//! - With sqlx: [`category_tree`].

refract::models!("../../schema/schema.prisma");

use refract::chrono::{DateTime, Utc};
use refract::exec::{postgres as pg, sqlx as sx};
use refract::rust_decimal::Decimal;
use refract::sea_query::{
    DeleteStatement, InsertStatement, LockType, Order as SortOrder, PostgresQueryBuilder, SelectStatement,
    UpdateStatement,
};
use refract::uuid::Uuid;

/// A customer's orders, newest first, optionally only those in one status.
pub fn orders_of(customer: Uuid, status: Option<OrderStatus>) -> SelectStatement {
    let mut query = Order::find();
    query
        .and_where(Order::CUSTOMER_ID.eq(customer))
        .order_by(Order::PLACED_AT, SortOrder::Desc)
        .order_by(Order::ID, SortOrder::Desc);
    if let Some(status) = status {
        query.and_where(Order::STATUS.eq(status));
    }
    query
}

/// The SQL of [`orders_of`], values inlined, for logs.
pub fn orders_of_sql(customer: Uuid) -> String {
    orders_of(customer, None).to_string(PostgresQueryBuilder)
}

/// What a category's page lists: its active products, by name.
pub fn shelf(category: &Category) -> SelectStatement {
    category.products().and_where(Product::ACTIVE.eq(true)).order_by(Product::NAME, SortOrder::Asc).to_owned()
}

/// Files a product under a category: a row of the implicit many-to-many relation's join table
/// (`_CategoryToProduct`, which has no model). Filing a product twice changes nothing (the statement
/// then affects no row).
pub fn file_under(category: &Category, product: &Product) -> InsertStatement {
    Category::PRODUCTS.connect(category, product)
}

/// Takes a product out of a category (no row affected if it was not filed there).
pub fn take_out_of(category: &Category, product: &Product) -> DeleteStatement {
    Product::CATEGORIES.disconnect(product, category)
}

/// Marks an order shipped at `at`.
pub fn shipped(order: &Order, at: DateTime<Utc>) -> UpdateStatement {
    Order { status: OrderStatus::Shipped, shipped_at: Some(at), ..order.clone() }.update()
}

/// A supplier's price list: each product inserted, or, when its SKU is known, its name, price and
/// weight updated (stock and the rest kept). Run with `.returning_all()` for the rows.
pub fn price_list(products: &[NewProduct]) -> Vec<InsertStatement> {
    products.iter().map(NewProduct::upsert_by_sku).collect()
}

/// A catalogue imported at once: as few `INSERT`s as PostgreSQL's parameter limit allows.
pub fn import_products(products: &[NewProduct]) -> Vec<InsertStatement> {
    NewProduct::insert_many(products)
}

/// Orders, each with its customer, with tokio-postgres: two queries, whatever the number of orders
/// (the orders, then their customers through `Order::CUSTOMER`).
pub async fn orders_with_customers(
    client: &impl refract::tokio_postgres::GenericClient,
    query: &SelectStatement,
) -> Result<Vec<(Order, Customer)>, refract::tokio_postgres::Error> {
    let orders: Vec<Order> = pg::fetch_all(client, query).await?;
    let customers = pg::load(client, &orders, Order::CUSTOMER).await?;
    // The key is required and restricted: every order has its customer.
    Ok(orders.into_iter().zip(customers).filter_map(|(o, c)| Some((o, c?))).collect())
}

/// One line of an order being placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub product_id: i32,
    pub quantity: i32,
}

/// Why [`place_order`] placed nothing.
#[derive(Debug)]
pub enum PlaceOrderError {
    /// No active product has this id.
    UnknownProduct(i32),
    /// Fewer units of the product are in stock than the order asks for.
    OutOfStock {
        sku: String,
        available: i32,
        wanted: i32,
    },
    Database(refract::tokio_postgres::Error),
}

impl std::fmt::Display for PlaceOrderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PlaceOrderError::UnknownProduct(id) => write!(f, "no active product has the id {id}"),
            PlaceOrderError::OutOfStock { sku, available, wanted } => {
                write!(f, "{wanted} of {sku} wanted, {available} in stock")
            }
            PlaceOrderError::Database(e) => write!(f, "database: {e}"),
        }
    }
}

impl std::error::Error for PlaceOrderError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            PlaceOrderError::Database(e) => Some(e),
            _ => None,
        }
    }
}

impl From<refract::tokio_postgres::Error> for PlaceOrderError {
    fn from(e: refract::tokio_postgres::Error) -> Self {
        PlaceOrderError::Database(e)
    }
}

/// Places an order for `customer` with tokio-postgres: the order, one item per line at the product's
/// current price, and the stock taken, all or nothing.
///
/// It runs in a transaction of its own: on a `Client` a transaction, inside a `Transaction` a savepoint
/// (so the caller's rollback undoes it too). Each product row is locked (`FOR UPDATE`) before its stock
/// is read, so two orders cannot both take the last unit.
pub async fn place_order(
    client: &mut impl refract::tokio_postgres::GenericClient,
    customer: &Customer,
    lines: &[Line],
    note: Option<String>,
) -> Result<(Order, Vec<OrderItem>), PlaceOrderError> {
    let tx = client.transaction().await?;
    let order: Order =
        pg::fetch_one(&tx, NewOrder { customer_id: customer.id, shipped_at: None, note }.insert().returning_all())
            .await?;
    let mut items = Vec::with_capacity(lines.len());
    for line in lines {
        let product: Option<Product> =
            pg::fetch_optional(&tx, Product::find_by_id(line.product_id).lock(LockType::Update)).await?;
        let product = product.filter(|p| p.active).ok_or(PlaceOrderError::UnknownProduct(line.product_id))?;
        if product.stock < line.quantity {
            // Dropping `tx` rolls the order back.
            return Err(PlaceOrderError::OutOfStock {
                sku: product.sku,
                available: product.stock,
                wanted: line.quantity,
            });
        }
        let item = NewOrderItem {
            order_id: order.id,
            product_id: product.id,
            quantity: line.quantity,
            unit_price: product.price,
        };
        items.push(pg::fetch_one(&tx, item.insert().returning_all()).await?);
        pg::execute(&tx, &Product { stock: product.stock - line.quantity, ..product }.update()).await?;
    }
    tx.commit().await?;
    Ok((order, items))
}

/// What an order's lines come to.
pub fn total(items: &[OrderItem]) -> Decimal {
    items.iter().map(|i| i.unit_price * Decimal::from(i.quantity)).sum()
}

/// A category and its subcategories, as the shop's menu shows them.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryNode {
    pub category: Category,
    /// By name.
    pub children: Vec<CategoryNode>,
}

/// Every category as a forest, roots and children by name, read with sqlx in one query (rather than
/// `category.children()` per node). Categories whose parents form a cycle, which no root reaches, are
/// left out.
pub async fn category_tree(
    executor: impl refract::sqlx::PgExecutor<'_>,
) -> Result<Vec<CategoryNode>, refract::sqlx::Error> {
    let all: Vec<Category> = sx::fetch_all(executor, Category::find().order_by(Category::NAME, SortOrder::Asc)).await?;
    fn under(parent: Option<i32>, all: &[Category]) -> Vec<CategoryNode> {
        all.iter()
            .filter(|c| c.parent_id == parent)
            .map(|c| CategoryNode { category: c.clone(), children: under(Some(c.id), all) })
            .collect()
    }
    Ok(under(None, &all))
}
