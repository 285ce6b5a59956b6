//! Column types, resolved from a Prisma scalar type and an optional `@db.*` native type.

use serde::{Deserialize, Serialize};

/// A PostgreSQL column type (the element type, for list fields).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ColumnType {
    Text,
    VarChar(Option<u32>),
    Char(Option<u32>),
    Uuid,
    Xml,
    Inet,
    Citext,
    SmallInt,
    Integer,
    BigInt,
    Oid,
    DoublePrecision,
    Real,
    /// Precision and scale; Prisma's `Decimal` without `@db.Decimal` is `DECIMAL(65,30)`.
    Decimal(Option<(u32, u32)>),
    Money,
    Boolean,
    Timestamp(Option<u32>),
    Timestamptz(Option<u32>),
    Date,
    Time(Option<u32>),
    Timetz(Option<u32>),
    Json,
    JsonB,
    ByteA,
    Bit(Option<u32>),
    VarBit(Option<u32>),
    /// A user enum, by its database type name.
    Enum(String),
    /// `Unsupported("...")`: the type as written.
    Unsupported(String),
}

fn with_arg(name: &str, arg: Option<u32>) -> String {
    match arg {
        Some(n) => format!("{name}({n})"),
        None => name.to_string(),
    }
}

impl ColumnType {
    /// The type as Prisma writes it in migration SQL (`TIMESTAMP(3)`, `DECIMAL(65,30)`, `"Role"`).
    /// Autoincrement columns are written as serial types by the renderer, not here.
    pub fn sql(&self) -> String {
        match self {
            ColumnType::Text => "TEXT".into(),
            ColumnType::VarChar(n) => with_arg("VARCHAR", *n),
            ColumnType::Char(n) => with_arg("CHAR", *n),
            ColumnType::Uuid => "UUID".into(),
            ColumnType::Xml => "XML".into(),
            ColumnType::Inet => "INET".into(),
            ColumnType::Citext => "CITEXT".into(),
            ColumnType::SmallInt => "SMALLINT".into(),
            ColumnType::Integer => "INTEGER".into(),
            ColumnType::BigInt => "BIGINT".into(),
            ColumnType::Oid => "OID".into(),
            ColumnType::DoublePrecision => "DOUBLE PRECISION".into(),
            ColumnType::Real => "REAL".into(),
            ColumnType::Decimal(Some((p, s))) => format!("DECIMAL({p},{s})"),
            ColumnType::Decimal(None) => "DECIMAL".into(),
            ColumnType::Money => "MONEY".into(),
            ColumnType::Boolean => "BOOLEAN".into(),
            ColumnType::Timestamp(p) => with_arg("TIMESTAMP", *p),
            ColumnType::Timestamptz(p) => with_arg("TIMESTAMPTZ", *p),
            ColumnType::Date => "DATE".into(),
            ColumnType::Time(p) => with_arg("TIME", *p),
            ColumnType::Timetz(p) => with_arg("TIMETZ", *p),
            ColumnType::Json => "JSON".into(),
            ColumnType::JsonB => "JSONB".into(),
            ColumnType::ByteA => "BYTEA".into(),
            ColumnType::Bit(n) => with_arg("BIT", *n),
            ColumnType::VarBit(n) => with_arg("VARBIT", *n),
            ColumnType::Enum(name) => quote_identifier(name),
            ColumnType::Unsupported(t) => t.clone(),
        }
    }

    /// The serial type for an autoincrement column of this type, if there is one.
    pub fn serial_sql(&self) -> Option<&'static str> {
        match self {
            ColumnType::SmallInt => Some("SMALLSERIAL"),
            ColumnType::Integer => Some("SERIAL"),
            ColumnType::BigInt => Some("BIGSERIAL"),
            _ => None,
        }
    }
}

/// `"name"`, with embedded double quotes doubled: safe for any identifier a schema can hold.
pub fn quote_identifier(name: &str) -> String {
    quote_with(name, '"')
}

/// `'text'` with embedded quotes doubled (standard_conforming_strings, PostgreSQL's default since 9.1).
pub fn quote_literal(text: &str) -> String {
    quote_with(text, '\'')
}

/// `s` between two `quote`s, each `quote` inside it doubled: SQL's one escaping rule for both.
fn quote_with(s: &str, quote: char) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        if c == quote {
            out.push(quote);
        }
        out.push(c);
    }
    out.push(quote);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_prisma_spellings() {
        assert_eq!(ColumnType::Decimal(Some((65, 30))).sql(), "DECIMAL(65,30)");
        assert_eq!(ColumnType::Timestamp(Some(3)).sql(), "TIMESTAMP(3)");
        assert_eq!(ColumnType::DoublePrecision.sql(), "DOUBLE PRECISION");
        assert_eq!(ColumnType::Enum("My\"Enum".into()).sql(), "\"My\"\"Enum\"");
        assert_eq!(ColumnType::SmallInt.serial_sql(), Some("SMALLSERIAL"));
        assert_eq!(ColumnType::Text.serial_sql(), None);
    }
}
