//! What a column type change does to the values already stored. Prisma drops and re-adds a column whenever
//! it is unsure; refract casts wherever PostgreSQL has a cast, so the data stays (with a warning when the
//! cast can fail or lose precision).

use refract_ir::ColumnType;
use refract_ir::ColumnType as T;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cast {
    /// Every value fits the new type unchanged (a wider varchar, a bigger integer).
    Widening,
    /// `SET DATA TYPE ... USING (col::type)`: may fail on some values or lose precision.
    Lossy,
    /// No cast: the column is dropped and added again.
    None,
}

fn is_string(t: &ColumnType) -> bool {
    matches!(t, T::Text | T::VarChar(_) | T::Char(_) | T::Citext)
}

fn is_number(t: &ColumnType) -> bool {
    matches!(t, T::SmallInt | T::Integer | T::BigInt | T::Real | T::DoublePrecision | T::Decimal(_) | T::Money)
}

fn is_time(t: &ColumnType) -> bool {
    matches!(t, T::Timestamp(_) | T::Timestamptz(_) | T::Date | T::Time(_) | T::Timetz(_))
}

/// Bigger or equal precision (`None` means the type's maximum).
fn wider(from: Option<u32>, to: Option<u32>) -> bool {
    match (from, to) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(a), Some(b)) => b >= a,
    }
}

fn integer_rank(t: &ColumnType) -> Option<u8> {
    match t {
        T::SmallInt => Some(1),
        T::Integer => Some(2),
        T::BigInt => Some(3),
        _ => None,
    }
}

/// How a value of `from` becomes a value of `to` (element types; arrays must match on both sides).
pub fn classify(from: &ColumnType, from_array: bool, to: &ColumnType, to_array: bool) -> Cast {
    if from_array != to_array {
        return Cast::None;
    }
    if from == to {
        return Cast::Widening;
    }
    match (from, to) {
        (T::VarChar(a), T::VarChar(b)) if wider(*a, *b) => return Cast::Widening,
        (T::VarChar(_) | T::Char(_), T::Text) if !matches!(from, T::Char(_)) => return Cast::Widening,
        (T::Decimal(a), T::Decimal(b)) => {
            let fits = match (a, b) {
                (_, None) => true,
                (None, Some(_)) => false,
                (Some((p1, s1)), Some((p2, s2))) => s2 >= s1 && p2 - s2 >= p1 - s1,
            };
            return if fits { Cast::Widening } else { Cast::Lossy };
        }
        (T::Real, T::DoublePrecision) => return Cast::Widening,
        (T::Timestamp(a), T::Timestamp(b))
        | (T::Timestamptz(a), T::Timestamptz(b))
        | (T::Time(a), T::Time(b))
        | (T::Timetz(a), T::Timetz(b))
        | (T::Bit(a), T::Bit(b))
        | (T::VarBit(a), T::VarBit(b))
            if wider(*a, *b) =>
        {
            return Cast::Widening;
        }
        _ => {}
    }
    if let (Some(a), Some(b)) = (integer_rank(from), integer_rank(to)) {
        return if b >= a { Cast::Widening } else { Cast::Lossy };
    }
    let castable = is_string(to)
        || is_string(from)
        || (is_number(from) && is_number(to))
        || matches!((from, to), (T::Boolean, T::Integer) | (T::Integer, T::Boolean))
        || (is_time(from) && is_time(to) && time_cast_exists(from, to))
        || matches!((from, to), (T::Json, T::JsonB) | (T::JsonB, T::Json))
        || matches!((from, to), (T::Bit(_) | T::VarBit(_), T::Bit(_) | T::VarBit(_)))
        || matches!((from, to), (T::Enum(_), T::Enum(_)));
    if !castable || matches!(from, T::Unsupported(_)) || matches!(to, T::Unsupported(_)) {
        return Cast::None;
    }
    // Enums and strings have no direct cast to arbitrary types when they are arrays of enums; the `USING`
    // expression goes through text, which always works.
    Cast::Lossy
}

/// PostgreSQL's casts between date/time types (no cast turns a time of day into a date or a timestamp).
fn time_cast_exists(from: &ColumnType, to: &ColumnType) -> bool {
    match from {
        T::Time(_) | T::Timetz(_) => matches!(to, T::Time(_) | T::Timetz(_)),
        T::Date => matches!(to, T::Timestamp(_) | T::Timestamptz(_)),
        _ => true,
    }
}

/// The `USING` expression for a lossy cast: enums on either side go through text (PostgreSQL has no cast
/// between two enum types, nor from an enum to a non-text type).
pub fn using_expression(column: &str, from: &ColumnType, to_type: &str, array: bool) -> String {
    let through_text = matches!(from, T::Enum(_)) || matches!(from, T::Json | T::JsonB);
    let text = if array { "text[]" } else { "text" };
    if through_text { format!("{column}::{text}::{to_type}") } else { format!("{column}::{to_type}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widening_keeps_values() {
        assert_eq!(classify(&T::VarChar(Some(16)), false, &T::VarChar(Some(32)), false), Cast::Widening);
        assert_eq!(classify(&T::Integer, false, &T::BigInt, false), Cast::Widening);
        assert_eq!(classify(&T::Decimal(Some((18, 4))), false, &T::Decimal(Some((20, 4))), false), Cast::Widening);
    }

    #[test]
    fn narrowing_and_conversions_are_lossy() {
        assert_eq!(classify(&T::VarChar(Some(32)), false, &T::VarChar(Some(16)), false), Cast::Lossy);
        assert_eq!(classify(&T::Text, false, &T::Integer, false), Cast::Lossy);
        assert_eq!(classify(&T::Decimal(Some((18, 4))), false, &T::Decimal(Some((18, 2))), false), Cast::Lossy);
    }

    #[test]
    fn no_cast_means_recreate() {
        assert_eq!(classify(&T::Integer, true, &T::Integer, false), Cast::None);
        assert_eq!(classify(&T::JsonB, false, &T::Integer, false), Cast::None);
        assert_eq!(classify(&T::Time(None), false, &T::Date, false), Cast::None);
    }
}
