//! Relations (feature `sea-query`): `M::R` for each relation field `r` of a model `M`.
//!
//! A [`Relation<M, T, K>`] is what it takes to load the `T` rows related to many `M` rows in one
//! query, and `K` says how many each has: [`ToOne`] (`Option<T>`: the row the key points to, or the one
//! row pointing back in a one-to-one relation), [`ToMany`] (`Vec<T>`: the rows pointing back) or
//! [`ManyToMany`] (`Vec<T>`: an implicit many-to-many relation, through Prisma's join table).
//!
//! ```ignore
//! use refract::exec::postgres::{fetch_all, load};
//!
//! let orders: Vec<Order> = fetch_all(&client, &Order::find()).await?;
//! let customers: Vec<Option<Customer>> = load(&client, &orders, Order::CUSTOMER).await?; // one query
//! let items: Vec<Vec<OrderItem>> = load(&client, &orders, Order::ITEMS).await?;       // one query
//! ```
//!
//! `refract::exec::postgres::load` and `refract::exec::sqlx::load` return one entry per row, in the
//! rows' order; the rows of a to-many relation come in the order of the target's primary key. The
//! query sends the rows' keys as arrays (one parameter per key column, whatever the number of rows),
//! joins them to the target table (through the join table for many-to-many), and tags each result
//! with the position of the row it belongs to; rows whose key is NULL get nothing, without a lookup.
//!
//! On a many-to-many relation, [`connect`](Relation::connect) and [`disconnect`](Relation::disconnect)
//! write the join table's rows, from either side.

use std::fmt;
use std::marker::PhantomData;

use sea_query::{DeleteStatement, Expr, InsertStatement, OnConflict, Query, SimpleExpr, Value, Values};

use crate::column::Name;

/// The column of a relation's query that holds the position of the row each result belongs to.
pub const POSITION_COLUMN: &str = "__refract_position";

/// How many `T` a relation gives each row, and how they are held.
pub trait Kind {
    /// What [`load`](crate::exec) returns per row: `Option<T>` or `Vec<T>`.
    type Loaded<T>;
    /// An empty entry.
    fn empty<T>() -> Self::Loaded<T>;
    /// Adds a row to an entry.
    fn put<T>(entry: &mut Self::Loaded<T>, row: T);
}

/// At most one related row: the key this row holds points to it, or it points to this row in a
/// one-to-one relation.
#[derive(Debug, Clone, Copy)]
pub enum ToOne {}

/// Any number of related rows, each holding a key to this row.
#[derive(Debug, Clone, Copy)]
pub enum ToMany {}

/// An implicit many-to-many relation: any number of related rows, linked through Prisma's join table.
#[derive(Debug, Clone, Copy)]
pub enum ManyToMany {}

impl Kind for ToOne {
    type Loaded<T> = Option<T>;
    fn empty<T>() -> Option<T> {
        None
    }
    fn put<T>(entry: &mut Option<T>, row: T) {
        *entry = Some(row);
    }
}

impl Kind for ToMany {
    type Loaded<T> = Vec<T>;
    fn empty<T>() -> Vec<T> {
        Vec::new()
    }
    fn put<T>(entry: &mut Vec<T>, row: T) {
        entry.push(row);
    }
}

impl Kind for ManyToMany {
    type Loaded<T> = Vec<T>;
    fn empty<T>() -> Vec<T> {
        Vec::new()
    }
    fn put<T>(entry: &mut Vec<T>, row: T) {
        entry.push(row);
    }
}

/// The kinds whose rows a foreign key relates (not through a join table).
pub trait Direct: Kind {}
impl Direct for ToOne {}
impl Direct for ToMany {}

/// The join table of an implicit many-to-many relation, seen from `M`'s side.
pub struct Link<M, T> {
    /// The join table (`_CategoryToProduct`).
    pub table: &'static str,
    /// Its column holding `M`'s id (`A` or `B`), and the one holding `T`'s.
    pub own: &'static str,
    pub other: &'static str,
    /// `M`'s id and `T`'s, as values.
    pub own_id: fn(&M) -> SimpleExpr,
    pub other_id: fn(&T) -> SimpleExpr,
}

/// The relation field of `M` whose rows are `T`s, `K` saying how many (see the module docs). The
/// generated `M::R` constants are of this type.
pub struct Relation<M, T, K> {
    sql: &'static str,
    keys: fn(&[M]) -> Vec<Value>,
    link: Option<Link<M, T>>,
    _kind: PhantomData<fn() -> K>,
}

impl<M, T, K: Direct> Relation<M, T, K> {
    /// A relation through a foreign key. For generated code: `sql` selects the target's columns and
    /// [`POSITION_COLUMN`] for the arrays `keys` gives (the rows' positions, then each key column).
    #[doc(hidden)]
    pub const fn new(sql: &'static str, keys: fn(&[M]) -> Vec<Value>) -> Self {
        Relation { sql, keys, link: None, _kind: PhantomData }
    }
}

impl<M, T> Relation<M, T, ManyToMany> {
    /// An implicit many-to-many relation (for generated code; see [`new`](Relation::new)).
    #[doc(hidden)]
    pub const fn many_to_many(sql: &'static str, keys: fn(&[M]) -> Vec<Value>, link: Link<M, T>) -> Self {
        Relation { sql, keys, link: Some(link), _kind: PhantomData }
    }

    fn link(&self) -> &Link<M, T> {
        self.link.as_ref().expect("a many-to-many relation has its join table")
    }

    /// Links `own` and `other`: the join table's `INSERT … ON CONFLICT DO NOTHING`, so linking twice
    /// changes nothing (the second affects no row).
    ///
    /// ```ignore
    /// execute(&client, &Product::TAGS.connect(&product, &tag)).await?;
    /// execute(&client, &Tag::PRODUCTS.connect(&tag, &product)).await?; // the same link: no change
    /// ```
    pub fn connect(&self, own: &M, other: &T) -> InsertStatement {
        let link = self.link();
        let columns = [Name(link.own), Name(link.other)];
        Query::insert()
            .into_table(Name(link.table))
            .columns(columns)
            .values_panic([(link.own_id)(own), (link.other_id)(other)])
            .on_conflict(OnConflict::columns(columns).do_nothing().to_owned())
            .to_owned()
    }

    /// Unlinks `own` and `other`: the join table's `DELETE` of their row (none if they were not linked).
    pub fn disconnect(&self, own: &M, other: &T) -> DeleteStatement {
        let link = self.link();
        Query::delete()
            .from_table(Name(link.table))
            .and_where(Expr::col(Name(link.own)).eq((link.own_id)(own)))
            .and_where(Expr::col(Name(link.other)).eq((link.other_id)(other)))
            .to_owned()
    }
}

impl<M, T, K: Kind> Relation<M, T, K> {
    /// The query [`load`](crate::exec) runs for `rows`: its SQL (`$1` the rows' positions, then one
    /// array per key column) and its values. For a driver of your own.
    pub fn statement(&self, rows: &[M]) -> (&'static str, Values) {
        (self.sql, Values((self.keys)(rows)))
    }

    /// The loaded rows, each tagged with the position of its row, as one entry per row.
    pub fn assemble(&self, rows: usize, loaded: impl IntoIterator<Item = (i32, T)>) -> Vec<K::Loaded<T>> {
        let mut out: Vec<K::Loaded<T>> = (0..rows).map(|_| K::empty()).collect();
        for (position, row) in loaded {
            let entry = usize::try_from(position).ok().and_then(|p| out.get_mut(p));
            K::put(entry.expect("a loaded row's position is one of the rows'"), row);
        }
        out
    }
}

impl<M, T, K> Clone for Relation<M, T, K> {
    fn clone(&self) -> Self {
        Relation {
            sql: self.sql,
            keys: self.keys,
            link: self.link.as_ref().map(|l| Link {
                table: l.table,
                own: l.own,
                other: l.other,
                own_id: l.own_id,
                other_id: l.other_id,
            }),
            _kind: PhantomData,
        }
    }
}

impl<M, T, K> fmt::Debug for Relation<M, T, K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Relation").field("sql", &self.sql).finish_non_exhaustive()
    }
}
