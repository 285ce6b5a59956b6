//! Typed columns (feature `sea-query`): `M::F` for each scalar field `f` of a model `M`.
//!
//! A [`Column<M, T>`] names one column of `M`'s table, `T` being the field's Rust type. It goes wherever
//! sea-query takes a column, qualified with its table (`"orders"."created_at"`), and its methods make
//! the conditions of `.and_where(...)` / `.cond_where(...)` with values of the field's type only:
//!
//! ```ignore
//! use refract::sea_query::Order as Sort;
//!
//! let recent = Order::find()
//!     .and_where(Order::CUSTOMER_ID.eq(customer.id))
//!     .and_where(Order::STATUS.is_in([OrderStatus::Paid, OrderStatus::Shipped]))
//!     .and_where(Order::SHIPPED_AT.is_null())
//!     .order_by(Order::PLACED_AT, Sort::Desc)
//!     .to_owned();
//! let named = Customer::find().and_where(Customer::DISPLAY_NAME.ilike("ada%")).to_owned();
//! ```
//!
//! - `eq`, `ne`, `lt`, `le`, `gt`, `ge` take anything `Into` the field's type (the type inside the
//!   `Option` for an optional field); `is_in` and `is_not_in` an iterator of such values;
//! - `is_null` and `is_not_null` exist on optional columns only (`Column<M, Option<T>>`);
//! - `like` and `ilike` on text columns only (`String`, `Option<String>`);
//! - enum columns compare with the enum's values (sent cast to the database enum type).
//!
//! A value of another type, `is_null` on a required column or `like` on a number do not compile.

use std::fmt;
use std::marker::PhantomData;

use sea_query::extension::postgres::PgExpr;
use sea_query::{ColumnRef, Expr, Iden, IntoColumnRef, IntoIden, SimpleExpr, Value};

/// One column of the model `M`'s table, whose field has the Rust type `T`; the generated `M::F`
/// constants are of this type. Copy it freely: it is two names.
pub struct Column<M, T> {
    table: &'static str,
    name: &'static str,
    _types: PhantomData<fn() -> (M, T)>,
}

impl<M, T> Column<M, T> {
    /// The column `name` of the table `table` (database names). The generated constants call it.
    pub const fn new(table: &'static str, name: &'static str) -> Self {
        Column { table, name, _types: PhantomData }
    }

    /// The column's name in the database.
    pub const fn name(self) -> &'static str {
        self.name
    }

    /// Its table's name in the database.
    pub const fn table(self) -> &'static str {
        self.table
    }

    /// The column, table-qualified, as a sea-query expression: for what the typed methods do not
    /// cover (`Order::QUANTITY.expr().mul(2)`).
    pub fn expr(self) -> Expr {
        Expr::col(self)
    }

    /// The column alone, unqualified, as a sea-query identifier (for `INSERT` column lists and
    /// `ON CONFLICT`).
    pub fn iden(self) -> sea_query::DynIden {
        Name(self.name).into_iden()
    }
}

impl<M, T> Clone for Column<M, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<M, T> Copy for Column<M, T> {}

impl<M, T> fmt::Debug for Column<M, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Column({}.{})", self.table, self.name)
    }
}

impl<M, T> PartialEq for Column<M, T> {
    fn eq(&self, other: &Self) -> bool {
        self.table == other.table && self.name == other.name
    }
}

impl<M, T> Eq for Column<M, T> {}

/// A database name as a sea-query identifier.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Name(pub(crate) &'static str);

impl Iden for Name {
    fn unquoted(&self, s: &mut dyn fmt::Write) {
        s.write_str(self.0).expect("writing an identifier");
    }
}

impl<M, T> IntoColumnRef for Column<M, T> {
    fn into_column_ref(self) -> ColumnRef {
        ColumnRef::TableColumn(Name(self.table).into_iden(), Name(self.name).into_iden())
    }
}

/// A field type the typed methods compare: what a comparison takes ([`Value`](ColumnValue::Value))
/// and how it is sent. Implemented for every type the generated models use, and by the generated
/// enums; an `Option<T>` column compares with `T`'s values.
pub trait ColumnValue {
    /// The type of the values compared with (the field's type, without `Option`).
    type Value;
    /// The value as a sea-query expression (a bind parameter; a cast for enums).
    fn to_expr(value: Self::Value) -> SimpleExpr;
}

/// An element type of list columns (`Vec<T>`); the generated enums implement it too.
pub trait ListElement: Sized {
    /// The list as one sea-query expression (an array parameter).
    fn list_expr(values: Vec<Self>) -> SimpleExpr;
}

macro_rules! scalars {
    ($($t:ty),* $(,)?) => {$(
        impl ColumnValue for $t {
            type Value = $t;
            fn to_expr(value: $t) -> SimpleExpr {
                SimpleExpr::Value(Value::from(value))
            }
        }
        impl ListElement for $t {
            fn list_expr(values: Vec<$t>) -> SimpleExpr {
                SimpleExpr::Value(Value::from(values))
            }
        }
    )*};
}

scalars!(
    String,
    i16,
    i32,
    i64,
    f32,
    f64,
    bool,
    Vec<u8>,
    rust_decimal::Decimal,
    uuid::Uuid,
    chrono::NaiveDateTime,
    chrono::DateTime<chrono::Utc>,
    chrono::NaiveDate,
    chrono::NaiveTime,
    serde_json::Value,
);

impl<T: ColumnValue> ColumnValue for Option<T> {
    type Value = T::Value;
    fn to_expr(value: T::Value) -> SimpleExpr {
        T::to_expr(value)
    }
}

impl<T: ListElement> ColumnValue for Vec<T> {
    type Value = Vec<T>;
    fn to_expr(value: Vec<T>) -> SimpleExpr {
        T::list_expr(value)
    }
}

impl<M, T: ColumnValue> Column<M, T> {
    fn compare(self, f: impl FnOnce(Expr, SimpleExpr) -> SimpleExpr, value: impl Into<T::Value>) -> SimpleExpr {
        f(Expr::col(self), T::to_expr(value.into()))
    }

    /// `column = value`.
    pub fn eq(self, value: impl Into<T::Value>) -> SimpleExpr {
        self.compare(|c, v| c.eq(v), value)
    }

    /// `column <> value`.
    pub fn ne(self, value: impl Into<T::Value>) -> SimpleExpr {
        self.compare(|c, v| c.ne(v), value)
    }

    /// `column < value`.
    pub fn lt(self, value: impl Into<T::Value>) -> SimpleExpr {
        self.compare(|c, v| c.lt(v), value)
    }

    /// `column <= value`.
    pub fn le(self, value: impl Into<T::Value>) -> SimpleExpr {
        self.compare(|c, v| c.lte(v), value)
    }

    /// `column > value`.
    pub fn gt(self, value: impl Into<T::Value>) -> SimpleExpr {
        self.compare(|c, v| c.gt(v), value)
    }

    /// `column >= value`.
    pub fn ge(self, value: impl Into<T::Value>) -> SimpleExpr {
        self.compare(|c, v| c.gte(v), value)
    }

    /// `column IN (values…)`; no value is `FALSE`, a condition no row meets.
    pub fn is_in<V: Into<T::Value>>(self, values: impl IntoIterator<Item = V>) -> SimpleExpr {
        let values: Vec<SimpleExpr> = values.into_iter().map(|v| T::to_expr(v.into())).collect();
        // sea-query's own `1 = 2` for an empty list sends two untyped parameters, which PostgreSQL
        // takes for text.
        if values.is_empty() { Expr::cust("FALSE") } else { Expr::col(self).is_in(values) }
    }

    /// `column NOT IN (values…)`; no value is `TRUE`, a condition every row meets.
    pub fn is_not_in<V: Into<T::Value>>(self, values: impl IntoIterator<Item = V>) -> SimpleExpr {
        let values: Vec<SimpleExpr> = values.into_iter().map(|v| T::to_expr(v.into())).collect();
        if values.is_empty() { Expr::cust("TRUE") } else { Expr::col(self).is_not_in(values) }
    }
}

impl<M, T> Column<M, Option<T>> {
    /// `column IS NULL` (optional columns only).
    pub fn is_null(self) -> SimpleExpr {
        Expr::col(self).is_null()
    }

    /// `column IS NOT NULL` (optional columns only).
    pub fn is_not_null(self) -> SimpleExpr {
        Expr::col(self).is_not_null()
    }
}

/// Text columns: `String` and `Option<String>`.
pub trait Text {}

impl Text for String {}
impl Text for Option<String> {}

impl<M, T: Text> Column<M, T> {
    /// `column LIKE pattern` (text columns only): `%` any run of characters, `_` one character.
    pub fn like(self, pattern: impl Into<String>) -> SimpleExpr {
        Expr::col(self).like(pattern.into())
    }

    /// `column ILIKE pattern`: [`like`](Self::like), ignoring case.
    pub fn ilike(self, pattern: impl Into<String>) -> SimpleExpr {
        PgExpr::ilike(Expr::col(self), pattern.into())
    }
}
