//! PostgreSQL's spelling of types and defaults (`format_type`, `pg_get_expr`) read back into the IR.

use refract_ir::{ColumnDefault, ColumnType};

/// A `format_type` result (element type, for arrays) to a column type; anything else is kept as
/// `Unsupported`, spelled as PostgreSQL spells it.
pub fn column_type(formatted: &str) -> ColumnType {
    let (base, arg) = split_args(formatted);
    let one = || arg.as_deref().and_then(|a| a.trim().parse::<u32>().ok());
    match base.as_str() {
        "text" => ColumnType::Text,
        "character varying" => ColumnType::VarChar(one()),
        "character" | "bpchar" => ColumnType::Char(one()),
        "uuid" => ColumnType::Uuid,
        "xml" => ColumnType::Xml,
        "inet" => ColumnType::Inet,
        "citext" => ColumnType::Citext,
        "smallint" => ColumnType::SmallInt,
        "integer" => ColumnType::Integer,
        "bigint" => ColumnType::BigInt,
        "oid" => ColumnType::Oid,
        "double precision" => ColumnType::DoublePrecision,
        "real" => ColumnType::Real,
        "numeric" => ColumnType::Decimal(arg.as_deref().and_then(|a| {
            let (p, s) = a.split_once(',').unwrap_or((a, "0"));
            Some((p.trim().parse().ok()?, s.trim().parse().ok()?))
        })),
        "money" => ColumnType::Money,
        "boolean" => ColumnType::Boolean,
        "timestamp without time zone" => ColumnType::Timestamp(one()),
        "timestamp with time zone" => ColumnType::Timestamptz(one()),
        "date" => ColumnType::Date,
        "time without time zone" => ColumnType::Time(one()),
        "time with time zone" => ColumnType::Timetz(one()),
        "json" => ColumnType::Json,
        "jsonb" => ColumnType::JsonB,
        "bytea" => ColumnType::ByteA,
        "bit" => ColumnType::Bit(one()),
        "bit varying" => ColumnType::VarBit(one()),
        _ => ColumnType::Unsupported(formatted.to_string()),
    }
}

/// `timestamp(3) without time zone` to (`timestamp without time zone`, `3`).
fn split_args(formatted: &str) -> (String, Option<String>) {
    match (formatted.find('('), formatted.find(')')) {
        (Some(open), Some(close)) if open < close => {
            let base = format!("{}{}", &formatted[..open], &formatted[close + 1..]);
            (base.trim().to_string(), Some(formatted[open + 1..close].to_string()))
        }
        _ => (formatted.to_string(), None),
    }
}

/// `nextval('"User_id_seq"'::regclass)`: the default of a serial column.
pub fn is_serial_default(expr: &str) -> bool {
    expr.starts_with("nextval(") && expr.ends_with("::regclass)")
}

/// A default as PostgreSQL prints it, read back as the schema would write it where that is plain
/// (literals, enum values, `now()`); anything else stays an expression (`dbgenerated`).
pub fn column_default(expr: &str, ty: &ColumnType) -> ColumnDefault {
    let generated = || ColumnDefault::DbGenerated(Some(expr.to_string()));
    if expr == "CURRENT_TIMESTAMP" || expr == "now()" {
        return ColumnDefault::Now;
    }
    if expr == "true" || expr == "false" {
        return ColumnDefault::Boolean(expr == "true");
    }
    if is_empty_array(expr) {
        return ColumnDefault::List(Vec::new());
    }
    let numeric = matches!(
        ty,
        ColumnType::SmallInt
            | ColumnType::Integer
            | ColumnType::BigInt
            | ColumnType::Oid
            | ColumnType::DoublePrecision
            | ColumnType::Real
            | ColumnType::Decimal(_)
    );
    let bare = super::strip_outer_parens(expr);
    if numeric && is_number(bare) {
        return ColumnDefault::Number(bare.to_string());
    }
    // 'literal'::type
    if let Some((literal, cast)) = split_literal(expr) {
        return match ty {
            ColumnType::Enum(_) => ColumnDefault::EnumValue(literal),
            _ if numeric && is_number(&literal) => ColumnDefault::Number(literal),
            ColumnType::Text
            | ColumnType::VarChar(_)
            | ColumnType::Char(_)
            | ColumnType::Citext
            | ColumnType::Json
            | ColumnType::JsonB
            | ColumnType::Uuid
            | ColumnType::Xml
            | ColumnType::Inet
                if !cast.ends_with("[]") =>
            {
                ColumnDefault::String(literal)
            }
            _ => generated(),
        };
    }
    generated()
}

/// An empty array cast to an array type, however it is spelled: `'{}'::text[]` (what hand-written
/// histories write), `ARRAY[]::text[]` (what Prisma writes), `(ARRAY[]::character varying[])::character
/// varying(20)[]` (PostgreSQL's spelling of `ARRAY[]::VARCHAR(20)[]`). The schema's `@default([])`.
fn is_empty_array(expr: &str) -> bool {
    let mut rest = expr.trim();
    let mut cast_to_array = false;
    loop {
        let bare = super::strip_outer_parens(rest);
        if cast_to_array && (bare == "ARRAY[]" || bare == "'{}'") {
            return true;
        }
        match bare.rfind("::") {
            Some(i) if bare.ends_with("[]") && !bare[i..].contains('\'') => {
                cast_to_array = true;
                rest = bare[..i].trim_end();
            }
            _ => return false,
        }
    }
}

fn is_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+')
        && digits.starts_with(|c: char| c.is_ascii_digit())
}

/// `'it''s'::text` to (`it's`, `text`); `None` unless the whole expression is one cast literal.
fn split_literal(expr: &str) -> Option<(String, String)> {
    let rest = expr.strip_prefix('\'')?;
    let mut literal = String::new();
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\'' {
            if chars.peek().map(|(_, n)| *n) == Some('\'') {
                literal.push('\'');
                chars.next();
                continue;
            }
            let cast = rest[i + 1..].strip_prefix("::")?;
            return Some((literal, cast.to_string()));
        }
        literal.push(c);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_read_back() {
        assert_eq!(column_type("timestamp(3) without time zone"), ColumnType::Timestamp(Some(3)));
        assert_eq!(column_type("timestamp with time zone"), ColumnType::Timestamptz(None));
        assert_eq!(column_type("numeric(65,30)"), ColumnType::Decimal(Some((65, 30))));
        assert_eq!(column_type("character varying(191)"), ColumnType::VarChar(Some(191)));
        assert_eq!(column_type("tsvector"), ColumnType::Unsupported("tsvector".into()));
    }

    #[test]
    fn defaults_read_back() {
        assert_eq!(column_default("'it''s'::text", &ColumnType::Text), ColumnDefault::String("it's".into()));
        assert_eq!(
            column_default("'ADMIN'::\"Role\"", &ColumnType::Enum("Role".into())),
            ColumnDefault::EnumValue("ADMIN".into())
        );
        assert_eq!(column_default("'-1'::integer", &ColumnType::Integer), ColumnDefault::Number("-1".into()));
        assert_eq!(column_default("(-1)", &ColumnType::Integer), ColumnDefault::Number("-1".into()));
        assert_eq!(column_default("0.5", &ColumnType::Decimal(None)), ColumnDefault::Number("0.5".into()));
        assert_eq!(column_default("CURRENT_TIMESTAMP", &ColumnType::Timestamp(Some(3))), ColumnDefault::Now);
        assert_eq!(
            column_default("gen_random_uuid()", &ColumnType::Uuid),
            ColumnDefault::DbGenerated(Some("gen_random_uuid()".into()))
        );
        assert!(is_serial_default("nextval('\"User_id_seq\"'::regclass)"));
    }

    #[test]
    fn empty_arrays_read_back_as_an_empty_list() {
        let empty = ColumnDefault::List(Vec::new());
        for expr in [
            "'{}'::text[]",
            "ARRAY[]::text[]",
            "'{}'::\"Mood\"[]",
            "ARRAY[]::\"Mood\"[]",
            "'{}'::character varying[]",
            "(ARRAY[]::character varying[])::character varying(20)[]",
            "'{}'::integer[]",
        ] {
            assert_eq!(column_default(expr, &ColumnType::Text), empty, "{expr}");
        }
        for expr in ["'{a}'::text[]", "ARRAY['a'::text]", "'{}'::jsonb", "'{}'::text"] {
            assert_ne!(column_default(expr, &ColumnType::Text), empty, "{expr}");
        }
    }
}
