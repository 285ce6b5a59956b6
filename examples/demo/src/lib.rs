//! The demo application: the shop described by `schema/schema.prisma`, as typed models.
//!
//! Everything below the macro call is ordinary application code written against the generated API:
//! statements come from `M::find()`, `M::find_by_…`, `m.update()`, `m.delete()`, `NewM { … }.insert()`
//! and the relation methods (`category.products()`, …), refined with sea-query and the generated `…Iden`
//! identifiers, and run by `refract::exec::postgres` (tokio-postgres) or `refract::exec::sqlx`. No SQL is
//! written by hand.
//!
//! - Statements, for any driver: [`orders_of`], [`shelf`], [`file_under`], [`shipped`].
//! - With tokio-postgres: [`place_order`], in a transaction of its own, and [`total`] of its items.
//! - With sqlx: [`category_tree`].

refract::models!("../../schema/schema.prisma");

use refract::chrono::{DateTime, Utc};
use refract::exec::{postgres as pg, sqlx as sx};
use refract::rust_decimal::Decimal;
use refract::sea_query::{
    Alias, Expr, InsertStatement, LockType, OnConflict, Order as SortOrder, PostgresQueryBuilder, Query,
    SelectStatement, UpdateStatement,
};
use refract::uuid::Uuid;

/// A customer's orders, newest first, optionally only those in one status.
pub fn orders_of(customer: Uuid, status: Option<OrderStatus>) -> SelectStatement {
    let mut query = Order::find();
    query
        .and_where(Expr::col((OrderIden::Table, OrderIden::CustomerId)).eq(customer))
        .order_by((OrderIden::Table, OrderIden::PlacedAt), SortOrder::Desc)
        .order_by((OrderIden::Table, OrderIden::Id), SortOrder::Desc);
    if let Some(status) = status {
        query.and_where(Expr::col((OrderIden::Table, OrderIden::Status)).eq(status.expr()));
    }
    query
}

/// The SQL of [`orders_of`], values inlined, for logs.
pub fn orders_of_sql(customer: Uuid) -> String {
    orders_of(customer, None).to_string(PostgresQueryBuilder)
}

/// What a category's page lists: its active products, by name.
pub fn shelf(category: &Category) -> SelectStatement {
    category
        .products()
        .and_where(Expr::col((ProductIden::Table, ProductIden::Active)).eq(true))
        .order_by((ProductIden::Table, ProductIden::Name), SortOrder::Asc)
        .to_owned()
}

/// Files a product under a category: a row of the many-to-many relation's join table.
///
/// The relation `Category.products` / `Product.categories` is implicit in the schema, so Prisma's
/// join table `_CategoryToProduct` has no model: column `A` holds the category's id and `B` the
/// product's (the two models in alphabetical order). Filing a product twice changes nothing (the
/// statement then affects no row).
pub fn file_under(category_id: i32, product_id: i32) -> InsertStatement {
    let (a, b) = (Alias::new("A"), Alias::new("B"));
    Query::insert()
        .into_table(Alias::new("_CategoryToProduct"))
        .columns([a.clone(), b.clone()])
        .values_panic([category_id.into(), product_id.into()])
        .on_conflict(OnConflict::columns([a, b]).do_nothing().to_owned())
        .to_owned()
}

/// Marks an order shipped at `at`.
pub fn shipped(order: &Order, at: DateTime<Utc>) -> UpdateStatement {
    Order { status: OrderStatus::Shipped, shipped_at: Some(at), ..order.clone() }.update()
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
    let all: Vec<Category> =
        sx::fetch_all(executor, Category::find().order_by((CategoryIden::Table, CategoryIden::Name), SortOrder::Asc))
            .await?;
    fn under(parent: Option<i32>, all: &[Category]) -> Vec<CategoryNode> {
        all.iter()
            .filter(|c| c.parent_id == parent)
            .map(|c| CategoryNode { category: c.clone(), children: under(Some(c.id), all) })
            .collect()
    }
    Ok(under(None, &all))
}
