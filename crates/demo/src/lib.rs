//! The demo application: the shop described by `schema/schema.prisma`, as typed models.
//!
//! Everything below the macro call is ordinary application code written against the generated types.

refract::models!("../../schema/schema.prisma");

use refract::sea_query::{Expr, Order as SortOrder, PostgresQueryBuilder, Query, SelectStatement};

/// A customer's orders, newest first, optionally only those in one status.
pub fn orders_of(customer: refract::uuid::Uuid, status: Option<OrderStatus>) -> SelectStatement {
    let mut query = Query::select();
    query
        .columns(Order::COLUMNS.iter().map(|c| refract::sea_query::Alias::new(*c)))
        .from(OrderIden::Table)
        .and_where(Expr::col(OrderIden::CustomerId).eq(customer))
        .order_by(OrderIden::PlacedAt, SortOrder::Desc);
    if let Some(status) = status {
        query.and_where(Expr::col(OrderIden::Status).eq(status.expr()));
    }
    query.to_owned()
}

/// The SQL of [`orders_of`], for logs.
pub fn orders_of_sql(customer: refract::uuid::Uuid) -> String {
    orders_of(customer, None).to_string(PostgresQueryBuilder)
}
