//! Prisma scalar types, PostgreSQL native types (`@db.*`) and `@default` values.

use refract_diagnostics::Diagnostic;
use refract_ir::{ClientDefault, ColumnDefault, ColumnType};

use super::args::Args;
use crate::ast::{Attribute, Expr};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scalar {
    String,
    Int,
    BigInt,
    Float,
    Decimal,
    Boolean,
    DateTime,
    Json,
    Bytes,
}

impl Scalar {
    pub fn from_name(name: &str) -> Option<Scalar> {
        Some(match name {
            "String" => Scalar::String,
            "Int" => Scalar::Int,
            "BigInt" => Scalar::BigInt,
            "Float" => Scalar::Float,
            "Decimal" => Scalar::Decimal,
            "Boolean" => Scalar::Boolean,
            "DateTime" => Scalar::DateTime,
            "Json" => Scalar::Json,
            "Bytes" => Scalar::Bytes,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Scalar::String => "String",
            Scalar::Int => "Int",
            Scalar::BigInt => "BigInt",
            Scalar::Float => "Float",
            Scalar::Decimal => "Decimal",
            Scalar::Boolean => "Boolean",
            Scalar::DateTime => "DateTime",
            Scalar::Json => "Json",
            Scalar::Bytes => "Bytes",
        }
    }

    pub const ALL: [&'static str; 9] =
        ["String", "Int", "BigInt", "Float", "Decimal", "Boolean", "DateTime", "Json", "Bytes"];

    /// The column type Prisma uses when no `@db.*` attribute is given.
    pub fn default_column_type(self) -> ColumnType {
        match self {
            Scalar::String => ColumnType::Text,
            Scalar::Int => ColumnType::Integer,
            Scalar::BigInt => ColumnType::BigInt,
            Scalar::Float => ColumnType::DoublePrecision,
            Scalar::Decimal => ColumnType::Decimal(Some((65, 30))),
            Scalar::Boolean => ColumnType::Boolean,
            Scalar::DateTime => ColumnType::Timestamp(Some(3)),
            Scalar::Json => ColumnType::JsonB,
            Scalar::Bytes => ColumnType::ByteA,
        }
    }
}

/// How many arguments a native type takes.
#[derive(Clone, Copy)]
enum NativeArgs {
    None,
    /// One optional length / precision.
    OneOptional,
    /// `Decimal`: none, or precision and scale.
    PrecisionScale,
}

/// PostgreSQL native types: `@db.<name>`, the scalar it belongs to, and its arguments.
const NATIVE_TYPES: &[(&str, Scalar, NativeArgs)] = &[
    ("Text", Scalar::String, NativeArgs::None),
    ("Char", Scalar::String, NativeArgs::OneOptional),
    ("VarChar", Scalar::String, NativeArgs::OneOptional),
    ("Bit", Scalar::String, NativeArgs::OneOptional),
    ("VarBit", Scalar::String, NativeArgs::OneOptional),
    ("Uuid", Scalar::String, NativeArgs::None),
    ("Xml", Scalar::String, NativeArgs::None),
    ("Inet", Scalar::String, NativeArgs::None),
    ("Citext", Scalar::String, NativeArgs::None),
    ("Boolean", Scalar::Boolean, NativeArgs::None),
    ("Integer", Scalar::Int, NativeArgs::None),
    ("SmallInt", Scalar::Int, NativeArgs::None),
    ("Oid", Scalar::Int, NativeArgs::None),
    ("BigInt", Scalar::BigInt, NativeArgs::None),
    ("DoublePrecision", Scalar::Float, NativeArgs::None),
    ("Real", Scalar::Float, NativeArgs::None),
    ("Decimal", Scalar::Decimal, NativeArgs::PrecisionScale),
    ("Money", Scalar::Decimal, NativeArgs::None),
    ("Timestamp", Scalar::DateTime, NativeArgs::OneOptional),
    ("Timestamptz", Scalar::DateTime, NativeArgs::OneOptional),
    ("Date", Scalar::DateTime, NativeArgs::None),
    ("Time", Scalar::DateTime, NativeArgs::OneOptional),
    ("Timetz", Scalar::DateTime, NativeArgs::OneOptional),
    ("Json", Scalar::Json, NativeArgs::None),
    ("JsonB", Scalar::Json, NativeArgs::None),
    ("ByteA", Scalar::Bytes, NativeArgs::None),
];

/// Whether `@db.{name}` is a native type of fields of type `scalar` (what [`native_type`] accepts, its
/// arguments aside).
pub(crate) fn is_native_type(name: &str, scalar: Scalar) -> bool {
    NATIVE_TYPES.iter().any(|(n, s, _)| *n == name && *s == scalar)
}

/// Resolve `@db.Name(args)` on a field of type `scalar`.
pub(crate) fn native_type(
    attr: &Attribute<'_>,
    name: &str,
    scalar: Scalar,
    diags: &mut Vec<Diagnostic>,
) -> Option<ColumnType> {
    let Some(&(_, belongs_to, arg_kind)) = NATIVE_TYPES.iter().find(|(n, ..)| *n == name) else {
        let known: Vec<_> = NATIVE_TYPES.iter().filter(|(_, s, _)| *s == scalar).map(|(n, ..)| *n).collect();
        diags.push(
            Diagnostic::error(
                "unknown-native-type",
                attr.name.span,
                format!("native type `{name}` is not a PostgreSQL type Prisma knows"),
            )
            .with_help(format!("for a `{}` field, use one of: {}", scalar.name(), known.join(", "))),
        );
        return None;
    };
    if belongs_to != scalar {
        diags.push(Diagnostic::error(
            "native-type-mismatch",
            attr.span,
            format!(
                "native type `{name}` is not compatible with declared field type `{}`, expected field type `{}`",
                scalar.name(),
                belongs_to.name()
            ),
        ));
        return None;
    }
    let mut numbers = Vec::new();
    for arg in attr.args() {
        match &arg.value {
            Expr::Number(n, span) if arg.name.is_none() => match n.parse::<u32>() {
                Ok(v) => numbers.push(v),
                Err(_) => {
                    diags.push(Diagnostic::error(
                        "native-type-argument",
                        *span,
                        format!("`{n}` is not a valid argument for `@db.{name}`: expected a whole number"),
                    ));
                    return None;
                }
            },
            other => {
                diags.push(Diagnostic::error(
                    "native-type-argument",
                    other.span(),
                    format!("`@db.{name}` takes whole numbers as arguments"),
                ));
                return None;
            }
        }
    }
    let arity_error = |expected: &str, diags: &mut Vec<Diagnostic>| {
        diags.push(Diagnostic::error(
            "native-type-argument",
            attr.span,
            format!("native type `{name}` takes {expected}, but received {} argument(s)", numbers.len()),
        ));
    };
    let one = match (arg_kind, numbers.as_slice()) {
        (NativeArgs::None, []) => None,
        (NativeArgs::None, _) => {
            arity_error("no arguments", diags);
            return None;
        }
        (NativeArgs::OneOptional, []) => None,
        (NativeArgs::OneOptional, [n]) => Some(*n),
        (NativeArgs::OneOptional, _) => {
            arity_error("one optional argument", diags);
            return None;
        }
        (NativeArgs::PrecisionScale, []) => None,
        (NativeArgs::PrecisionScale, [p, s]) => {
            if *p == 0 || *p > 1000 {
                diags.push(Diagnostic::error(
                    "native-type-argument",
                    attr.span,
                    format!("precision {p} of `@db.Decimal` must be between 1 and 1000"),
                ));
                return None;
            }
            if s > p {
                diags.push(Diagnostic::error(
                    "native-type-argument",
                    attr.span,
                    format!("the scale ({s}) of `@db.Decimal` must not be larger than its precision ({p})"),
                ));
                return None;
            }
            return Some(ColumnType::Decimal(Some((*p, *s))));
        }
        (NativeArgs::PrecisionScale, _) => {
            arity_error("either no arguments or precision and scale", diags);
            return None;
        }
    };
    if matches!(name, "Timestamp" | "Timestamptz" | "Time" | "Timetz") && one.is_some_and(|p| p > 6) {
        diags.push(Diagnostic::error(
            "native-type-argument",
            attr.span,
            format!("the precision of `@db.{name}` must be between 0 and 6"),
        ));
        return None;
    }
    if matches!(name, "Char" | "VarChar" | "Bit" | "VarBit") && one == Some(0) {
        diags.push(Diagnostic::error(
            "native-type-argument",
            attr.span,
            format!("the length of `@db.{name}` must be at least 1"),
        ));
        return None;
    }
    Some(match name {
        "Text" => ColumnType::Text,
        "Char" => ColumnType::Char(one),
        "VarChar" => ColumnType::VarChar(one),
        "Bit" => ColumnType::Bit(one),
        "VarBit" => ColumnType::VarBit(one),
        "Uuid" => ColumnType::Uuid,
        "Xml" => ColumnType::Xml,
        "Inet" => ColumnType::Inet,
        "Citext" => ColumnType::Citext,
        "Boolean" => ColumnType::Boolean,
        "Integer" => ColumnType::Integer,
        "SmallInt" => ColumnType::SmallInt,
        "Oid" => ColumnType::Oid,
        "BigInt" => ColumnType::BigInt,
        "DoublePrecision" => ColumnType::DoublePrecision,
        "Real" => ColumnType::Real,
        "Decimal" => ColumnType::Decimal(None),
        "Money" => ColumnType::Money,
        "Timestamp" => ColumnType::Timestamp(one),
        "Timestamptz" => ColumnType::Timestamptz(one),
        "Date" => ColumnType::Date,
        "Time" => ColumnType::Time(one),
        "Timetz" => ColumnType::Timetz(one),
        "Json" => ColumnType::Json,
        "JsonB" => ColumnType::JsonB,
        _ => ColumnType::ByteA,
    })
}

/// How a schema writes a column type (the inverse of [`native_type`]): the scalar, and the `@db.`
/// attribute unless the type is the scalar's default. `None` for enums and `Unsupported` types.
pub(crate) fn spelling(ty: &ColumnType) -> Option<(Scalar, Option<String>)> {
    let with = |name: &str, n: &Option<u32>| n.map_or_else(|| name.to_string(), |n| format!("{name}({n})"));
    let (name, native) = match ty {
        ColumnType::Text => ("Text", "Text".to_string()),
        ColumnType::Char(n) => ("Char", with("Char", n)),
        ColumnType::VarChar(n) => ("VarChar", with("VarChar", n)),
        ColumnType::Bit(n) => ("Bit", with("Bit", n)),
        ColumnType::VarBit(n) => ("VarBit", with("VarBit", n)),
        ColumnType::Uuid => ("Uuid", "Uuid".into()),
        ColumnType::Xml => ("Xml", "Xml".into()),
        ColumnType::Inet => ("Inet", "Inet".into()),
        ColumnType::Citext => ("Citext", "Citext".into()),
        ColumnType::Boolean => ("Boolean", "Boolean".into()),
        ColumnType::Integer => ("Integer", "Integer".into()),
        ColumnType::SmallInt => ("SmallInt", "SmallInt".into()),
        ColumnType::Oid => ("Oid", "Oid".into()),
        ColumnType::BigInt => ("BigInt", "BigInt".into()),
        ColumnType::DoublePrecision => ("DoublePrecision", "DoublePrecision".into()),
        ColumnType::Real => ("Real", "Real".into()),
        ColumnType::Decimal(Some((p, s))) => ("Decimal", format!("Decimal({p}, {s})")),
        ColumnType::Decimal(None) => ("Decimal", "Decimal".into()),
        ColumnType::Money => ("Money", "Money".into()),
        ColumnType::Timestamp(n) => ("Timestamp", with("Timestamp", n)),
        ColumnType::Timestamptz(n) => ("Timestamptz", with("Timestamptz", n)),
        ColumnType::Date => ("Date", "Date".into()),
        ColumnType::Time(n) => ("Time", with("Time", n)),
        ColumnType::Timetz(n) => ("Timetz", with("Timetz", n)),
        ColumnType::Json => ("Json", "Json".into()),
        ColumnType::JsonB => ("JsonB", "JsonB".into()),
        ColumnType::ByteA => ("ByteA", "ByteA".into()),
        ColumnType::Enum(_) | ColumnType::Unsupported(_) => return None,
    };
    let &(_, scalar, _) = NATIVE_TYPES.iter().find(|(n, ..)| *n == name)?;
    Some((scalar, (scalar.default_column_type() != *ty).then_some(native)))
}

/// What a field's type is, as far as defaults care.
#[derive(Clone, Copy)]
pub(crate) enum DefaultTarget<'a> {
    Scalar(Scalar, &'a ColumnType),
    /// An enum field, with the enum's values as (schema name, database name).
    Enum(&'a str, &'a [(String, String)]),
    Unsupported,
}

/// The result of a valid `@default(...)`.
#[derive(Debug, Default)]
pub(crate) struct DefaultValue {
    pub column: Option<ColumnDefault>,
    pub client: Option<ClientDefault>,
    pub autoincrement: bool,
}

/// Check `@default(...)` against the field's type and turn it into what the database (or the client) does.
pub(crate) fn default_value(
    mut args: Args<'_>,
    target: DefaultTarget<'_>,
    list: bool,
    diags: &mut Vec<Diagnostic>,
) -> Option<DefaultValue> {
    let span = args.span();
    let Some(expr) = args.named_or_positional("value") else {
        diags.push(Diagnostic::error("invalid-default", span, "`@default` needs a value, like `@default(0)`"));
        return None;
    };
    if let Some(map) = args.named("map") {
        diags.push(Diagnostic::error(
            "invalid-default",
            map.span(),
            "PostgreSQL has no named default constraints; remove `map:`",
        ));
    }
    args.finish(diags);
    let mut out = DefaultValue::default();
    if let Expr::Function(f) = expr {
        let fname = f.name.name;
        let nargs = f.arguments.items.len();
        let wrong = |diags: &mut Vec<Diagnostic>, what: &str| {
            diags.push(Diagnostic::error("invalid-default", f.span, format!("`{fname}()` {what}")));
        };
        match fname {
            "dbgenerated" => {
                match f.arguments.items.first().map(|a| &a.value) {
                    None => out.column = Some(ColumnDefault::DbGenerated(None)),
                    Some(Expr::String(s)) if nargs == 1 => {
                        out.column = Some(ColumnDefault::DbGenerated(Some(s.value.to_string())))
                    }
                    Some(_) => {
                        wrong(diags, "takes one string: the SQL expression, like `dbgenerated(\"gen_random_uuid()\")`");
                        return None;
                    }
                }
                return Some(out);
            }
            _ if matches!(target, DefaultTarget::Unsupported) => {
                diags.push(Diagnostic::error(
                    "invalid-default",
                    expr.span(),
                    "an `Unsupported` field can only have a `dbgenerated(...)` default",
                ));
                return None;
            }
            _ if list => {
                wrong(diags, "cannot be the default of a list field; use a list of values like `@default([])`");
                return None;
            }
            "autoincrement" => {
                let ok = matches!(target, DefaultTarget::Scalar(Scalar::Int | Scalar::BigInt, _));
                if !ok || nargs != 0 {
                    wrong(diags, "can only be used on `Int` and `BigInt` fields, without arguments");
                    return None;
                }
                if let DefaultTarget::Scalar(_, ty) = target
                    && ty.serial_sql().is_none()
                {
                    wrong(diags, "needs an integer column: `@db.SmallInt`, `@db.Integer` or `@db.BigInt`");
                    return None;
                }
                out.autoincrement = true;
            }
            "now" => {
                if !matches!(target, DefaultTarget::Scalar(Scalar::DateTime, _)) || nargs != 0 {
                    wrong(diags, "can only be used on `DateTime` fields, without arguments");
                    return None;
                }
                out.column = Some(ColumnDefault::Now);
            }
            "uuid" | "cuid" | "ulid" | "nanoid" => {
                if !matches!(target, DefaultTarget::Scalar(Scalar::String, _)) {
                    wrong(diags, "can only be used on `String` fields");
                    return None;
                }
                let arg_ok = match (fname, f.arguments.items.first().map(|a| &a.value)) {
                    (_, None) => nargs == 0,
                    ("uuid", Some(Expr::Number(n, _))) => nargs == 1 && (*n == "4" || *n == "7"),
                    ("cuid", Some(Expr::Number(n, _))) => nargs == 1 && (*n == "1" || *n == "2"),
                    ("nanoid", Some(Expr::Number(n, _))) => {
                        nargs == 1 && n.parse::<u8>().is_ok_and(|n| (2..=255).contains(&n))
                    }
                    _ => false,
                };
                if !arg_ok {
                    wrong(diags, "has invalid arguments (`uuid(4|7)`, `cuid(1|2)`, `nanoid(2..255)`, `ulid()`)");
                    return None;
                }
                out.client = Some(match fname {
                    "uuid" => ClientDefault::Uuid,
                    "cuid" => ClientDefault::Cuid,
                    "ulid" => ClientDefault::Ulid,
                    _ => ClientDefault::Nanoid,
                });
            }
            "sequence" => {
                wrong(diags, "is only supported on CockroachDB; use `autoincrement()` on PostgreSQL");
                return None;
            }
            "auto" => {
                wrong(diags, "is only supported on MongoDB");
                return None;
            }
            _ => {
                diags.push(
                    Diagnostic::error("invalid-default", f.name.span, format!("unknown default function `{fname}()`"))
                        .with_help("use a literal, `autoincrement()`, `now()`, `uuid()`, `cuid()`, `ulid()`, `nanoid()` or `dbgenerated(\"SQL\")`"),
                );
                return None;
            }
        }
        return Some(out);
    }
    if matches!(target, DefaultTarget::Unsupported) {
        diags.push(Diagnostic::error(
            "invalid-default",
            expr.span(),
            "an `Unsupported` field can only have a `dbgenerated(...)` default",
        ));
        return None;
    }
    out.column = Some(if list {
        let Expr::Array(items, _) = expr else {
            diags.push(Diagnostic::error(
                "invalid-default",
                expr.span(),
                format!("the default of a list field must be a list like `[]`, found {}", expr.describe()),
            ));
            return None;
        };
        let mut values = Vec::with_capacity(items.len());
        for item in items {
            values.push(literal(item, target, diags)?);
        }
        ColumnDefault::List(values)
    } else {
        literal(expr, target, diags)?
    });
    Some(out)
}

fn literal(expr: &Expr<'_>, target: DefaultTarget<'_>, diags: &mut Vec<Diagnostic>) -> Option<ColumnDefault> {
    let mismatch = |diags: &mut Vec<Diagnostic>, expected: &str| {
        diags.push(Diagnostic::error(
            "default-type-mismatch",
            expr.span(),
            format!("this default is {}, but the field needs {expected}", expr.describe()),
        ));
        None
    };
    match target {
        DefaultTarget::Unsupported => None,
        DefaultTarget::Enum(enum_name, values) => match expr {
            Expr::Constant(c, span) => match values.iter().find(|(name, _)| name == c) {
                Some((_, db)) => Some(ColumnDefault::EnumValue(db.clone())),
                None => {
                    let names: Vec<_> = values.iter().map(|(n, _)| n.as_str()).collect();
                    diags.push(
                        Diagnostic::error(
                            "unknown-enum-value",
                            *span,
                            format!("`{c}` is not a value of enum `{enum_name}`"),
                        )
                        .with_help(format!("the values are: {}", names.join(", "))),
                    );
                    None
                }
            },
            _ => mismatch(diags, &format!("a value of enum `{enum_name}`")),
        },
        DefaultTarget::Scalar(scalar, _) => match (scalar, expr) {
            (Scalar::String, Expr::String(s)) => Some(ColumnDefault::String(s.value.to_string())),
            (Scalar::String, _) => mismatch(diags, "a string"),
            (Scalar::Int | Scalar::BigInt, Expr::Number(n, span)) => {
                if n.parse::<i64>().is_err() {
                    diags.push(Diagnostic::error(
                        "default-type-mismatch",
                        *span,
                        format!("`{n}` is not a whole number that fits a `{}` field", scalar.name()),
                    ));
                    return None;
                }
                if scalar == Scalar::Int && n.parse::<i32>().is_err() {
                    diags.push(Diagnostic::error(
                        "default-type-mismatch",
                        *span,
                        format!("`{n}` does not fit a 32-bit `Int`; use `BigInt`"),
                    ));
                    return None;
                }
                Some(ColumnDefault::Number(n.to_string()))
            }
            (Scalar::Int | Scalar::BigInt, _) => mismatch(diags, "a whole number"),
            (Scalar::Float | Scalar::Decimal, Expr::Number(n, _)) => Some(ColumnDefault::Number(n.to_string())),
            (Scalar::Decimal, Expr::String(s)) if s.value.parse::<f64>().is_ok() => {
                Some(ColumnDefault::Number(s.value.to_string()))
            }
            (Scalar::Float | Scalar::Decimal, _) => mismatch(diags, "a number"),
            (Scalar::Boolean, Expr::Constant(c, _)) if *c == "true" || *c == "false" => {
                Some(ColumnDefault::Boolean(*c == "true"))
            }
            (Scalar::Boolean, _) => mismatch(diags, "`true` or `false`"),
            (Scalar::DateTime, Expr::String(s)) => {
                if !looks_like_timestamp(&s.value) {
                    diags.push(Diagnostic::error(
                        "default-type-mismatch",
                        s.span,
                        format!("`{}` is not an RFC 3339 date-time like \"2024-01-31T12:00:00Z\"", s.value),
                    ));
                    return None;
                }
                Some(ColumnDefault::String(s.value.to_string()))
            }
            (Scalar::DateTime, _) => mismatch(diags, "a date-time string or `now()`"),
            (Scalar::Json, Expr::String(s)) => {
                if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(&s.value) {
                    diags.push(Diagnostic::error(
                        "default-type-mismatch",
                        s.span,
                        format!("this default is not valid JSON: {e}"),
                    ));
                    return None;
                }
                Some(ColumnDefault::String(s.value.to_string()))
            }
            (Scalar::Json, _) => mismatch(diags, "a JSON string like \"{}\""),
            (Scalar::Bytes, Expr::String(s)) => {
                let ok = s.value.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='));
                if !ok {
                    diags.push(Diagnostic::error("default-type-mismatch", s.span, "a `Bytes` default must be base64"));
                    return None;
                }
                Some(ColumnDefault::String(s.value.to_string()))
            }
            (Scalar::Bytes, _) => mismatch(diags, "a base64 string"),
        },
    }
}

/// `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`, the form Prisma accepts for DateTime defaults.
fn looks_like_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r.clone()).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    if b.len() < 20 || !digits(0..4) || b[4] != b'-' || !digits(5..7) || b[7] != b'-' || !digits(8..10) {
        return false;
    }
    if !(b[10] == b'T' || b[10] == b' ')
        || !digits(11..13)
        || b[13] != b':'
        || !digits(14..16)
        || b[16] != b':'
        || !digits(17..19)
    {
        return false;
    }
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    match b.get(i) {
        Some(b'Z' | b'z') => i + 1 == b.len(),
        Some(b'+' | b'-') => b.len() == i + 6 && digits(i + 1..i + 3) && b[i + 3] == b':' && digits(i + 4..i + 6),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::looks_like_timestamp;

    #[test]
    fn timestamps() {
        assert!(looks_like_timestamp("2024-01-31T12:00:00Z"));
        assert!(looks_like_timestamp("2024-01-31T12:00:00.123+02:00"));
        assert!(!looks_like_timestamp("2024-01-31"));
        assert!(!looks_like_timestamp("yesterday"));
    }
}
