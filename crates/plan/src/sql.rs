//! SQL spelling of IR values: column types, literals and defaults, as Prisma writes them.

use base64::Engine;
pub use refract_ir::quote_literal;
use refract_ir::{Column, ColumnDefault, ColumnType, Schema, quote_identifier};

use crate::step::ObjectName;

/// The name of an enum type by its key in [`Schema::enums`], schema-qualified when it has a namespace.
pub fn enum_name(schema: &Schema, key: &str) -> ObjectName {
    match schema.enums.get(key) {
        Some(e) => ObjectName::new(e.namespace.as_deref(), &e.name),
        None => ObjectName::new(None, key),
    }
}

/// The element type of a column (no `[]`, never a serial type).
pub fn element_type(schema: &Schema, ty: &ColumnType) -> String {
    match ty {
        ColumnType::Enum(key) => enum_name(schema, key).to_string(),
        other => other.sql(),
    }
}

/// The column's type as a value type: `INTEGER`, `TEXT[]`, `"Role"`.
pub fn value_type(schema: &Schema, column: &Column) -> String {
    let mut s = element_type(schema, &column.ty);
    if column.array {
        s.push_str("[]");
    }
    s
}

/// The type in a column definition: the serial type for autoincrement columns, else [`value_type`].
pub fn definition_type(schema: &Schema, column: &Column) -> String {
    if column.autoincrement
        && !column.array
        && let Some(serial) = column.ty.serial_sql()
    {
        return serial.to_string();
    }
    value_type(schema, column)
}

/// The `DEFAULT` expression of a column, or `None` when the database has no default to manage.
pub fn default_sql(schema: &Schema, column: &Column) -> Option<String> {
    let default = column.default.as_ref()?;
    match default {
        ColumnDefault::List(items) => {
            let rendered: Vec<String> = items.iter().filter_map(|d| scalar_default(&column.ty, d)).collect();
            Some(format!("ARRAY[{}]::{}[]", rendered.join(", "), element_type(schema, &column.ty)))
        }
        other => scalar_default(&column.ty, other),
    }
}

fn scalar_default(ty: &ColumnType, default: &ColumnDefault) -> Option<String> {
    Some(match default {
        ColumnDefault::String(s) => match ty {
            ColumnType::ByteA => bytea_literal(s),
            ColumnType::Timestamp(_)
            | ColumnType::Timestamptz(_)
            | ColumnType::Date
            | ColumnType::Time(_)
            | ColumnType::Timetz(_) => quote_literal(&datetime_literal(s)),
            _ => quote_literal(s),
        },
        ColumnDefault::Number(n) => n.clone(),
        ColumnDefault::Boolean(b) => b.to_string(),
        ColumnDefault::EnumValue(v) => quote_literal(v),
        ColumnDefault::Now => "CURRENT_TIMESTAMP".to_string(),
        ColumnDefault::DbGenerated(expr) => expr.clone()?,
        ColumnDefault::List(_) => return None,
    })
}

/// A base64 `Bytes` default as the hex bytea literal Prisma writes (`'\x68656c6c6f'`).
fn bytea_literal(base64: &str) -> String {
    match base64::engine::general_purpose::STANDARD.decode(base64) {
        Ok(bytes) => format!("'\\x{}'", hex::encode(bytes)),
        // The validator only lets base64 alphabets through; a malformed one is kept for PostgreSQL to judge.
        Err(_) => quote_literal(base64),
    }
}

/// An RFC 3339 date-time as Prisma writes it: `2020-01-01T10:00:00+02:00` becomes
/// `2020-01-01 10:00:00 +02:00`, `Z` becomes ` +00:00`.
fn datetime_literal(s: &str) -> String {
    let Some((date, time)) = s.split_once(['T', 't']) else { return s.to_string() };
    let (clock, zone) = if let Some(clock) = time.strip_suffix(['Z', 'z']) {
        (clock, "+00:00")
    } else if let Some(at) = time.rfind(['+', '-']) {
        (&time[..at], &time[at..])
    } else {
        (time, "")
    };
    if zone.is_empty() { format!("{date} {clock}") } else { format!("{date} {clock} {zone}") }
}

/// `"a", "b"`: a list of quoted column names.
pub fn column_list<'a>(names: impl IntoIterator<Item = &'a String>) -> String {
    names.into_iter().map(|n| quote_identifier(n)).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_double_their_quotes() {
        assert_eq!(quote_literal("it's"), "'it''s'");
    }

    #[test]
    fn bytes_defaults_are_hex() {
        assert_eq!(bytea_literal("aGVsbG8="), "'\\x68656c6c6f'");
    }

    #[test]
    fn datetimes_are_spelled_like_prisma() {
        assert_eq!(datetime_literal("2020-01-01T00:00:00Z"), "2020-01-01 00:00:00 +00:00");
        assert_eq!(datetime_literal("2020-01-01T10:00:00.5+02:00"), "2020-01-01 10:00:00.5 +02:00");
        assert_eq!(datetime_literal("2020-01-01T10:00:00-05:30"), "2020-01-01 10:00:00 -05:30");
    }
}
