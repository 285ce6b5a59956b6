//! Operator classes (`ops:`) and index types (`type:`): Prisma's named operator classes with their
//! SQL names, and Prisma's rules for which index type can index which field, with or without one.
//!
//! The rules are Prisma's (its PostgreSQL connector checks GiST, GIN, SP-GiST and BRIN indexes the
//! same way), so a schema Prisma refuses is refused here too, with the field and the way out named:
//! - a named class belongs to one index type (`InetOps` to two): `JsonbPathOps` in a B-tree index is
//!   an error;
//! - a class or an index type must fit the field: by its native type (`@db.Inet`, `@db.SmallInt`)
//!   when it has one, else by its Prisma type (`Int` takes the `Int4...` classes);
//! - an index type without a class needs a field it has a default class for;
//! - `ops: raw("...")` is taken as written, unchecked;
//! - operator classes only in `@@index`, SP-GiST over one field only, no `sort:` in a hash index,
//!   no `@db.Xml` field in an index or unique constraint.

use refract_diagnostics::{Diagnostic, Span};
use refract_ir::IndexMethod;

use super::naming::closest;
use super::records::{FieldInfo, FieldKind};
use super::scalars::{Scalar, is_native_type};

/// A named operator class: `ops: JsonbPathOps`.
#[derive(Debug)]
pub(crate) struct OpClass {
    /// As written in the schema.
    pub name: &'static str,
    /// As PostgreSQL names it.
    pub sql: &'static str,
    /// The index types it belongs to.
    methods: &'static [IndexMethod],
    /// For BRIN classes: the Prisma type whose fields may use it without a native type.
    scalar: Option<Scalar>,
}

use IndexMethod::{Brin, Gin, Gist, SpGist};

const fn class(name: &'static str, sql: &'static str, methods: &'static [IndexMethod]) -> OpClass {
    OpClass { name, sql, methods, scalar: None }
}

const fn brin(name: &'static str, sql: &'static str, scalar: Option<Scalar>) -> OpClass {
    OpClass { name, sql, methods: &[Brin], scalar }
}

/// Every operator class Prisma names (the others are written `raw("...")`).
const OPERATOR_CLASSES: &[OpClass] = &[
    class("InetOps", "inet_ops", &[Gist, SpGist]),
    class("JsonbOps", "jsonb_ops", &[Gin]),
    class("JsonbPathOps", "jsonb_path_ops", &[Gin]),
    class("ArrayOps", "array_ops", &[Gin]),
    class("TextOps", "text_ops", &[SpGist]),
    brin("BitMinMaxOps", "bit_minmax_ops", None),
    brin("VarBitMinMaxOps", "varbit_minmax_ops", None),
    brin("BpcharBloomOps", "bpchar_bloom_ops", None),
    brin("BpcharMinMaxOps", "bpchar_minmax_ops", None),
    brin("ByteaBloomOps", "bytea_bloom_ops", Some(Scalar::Bytes)),
    brin("ByteaMinMaxOps", "bytea_minmax_ops", Some(Scalar::Bytes)),
    brin("DateBloomOps", "date_bloom_ops", None),
    brin("DateMinMaxOps", "date_minmax_ops", None),
    brin("DateMinMaxMultiOps", "date_minmax_multi_ops", None),
    brin("Float4BloomOps", "float4_bloom_ops", None),
    brin("Float4MinMaxOps", "float4_minmax_ops", None),
    brin("Float4MinMaxMultiOps", "float4_minmax_multi_ops", None),
    brin("Float8BloomOps", "float8_bloom_ops", Some(Scalar::Float)),
    brin("Float8MinMaxOps", "float8_minmax_ops", Some(Scalar::Float)),
    brin("Float8MinMaxMultiOps", "float8_minmax_multi_ops", Some(Scalar::Float)),
    brin("InetInclusionOps", "inet_inclusion_ops", None),
    brin("InetBloomOps", "inet_bloom_ops", None),
    brin("InetMinMaxOps", "inet_minmax_ops", None),
    brin("InetMinMaxMultiOps", "inet_minmax_multi_ops", None),
    brin("Int2BloomOps", "int2_bloom_ops", None),
    brin("Int2MinMaxOps", "int2_minmax_ops", None),
    brin("Int2MinMaxMultiOps", "int2_minmax_multi_ops", None),
    brin("Int4BloomOps", "int4_bloom_ops", Some(Scalar::Int)),
    brin("Int4MinMaxOps", "int4_minmax_ops", Some(Scalar::Int)),
    brin("Int4MinMaxMultiOps", "int4_minmax_multi_ops", Some(Scalar::Int)),
    brin("Int8BloomOps", "int8_bloom_ops", Some(Scalar::BigInt)),
    brin("Int8MinMaxOps", "int8_minmax_ops", Some(Scalar::BigInt)),
    brin("Int8MinMaxMultiOps", "int8_minmax_multi_ops", Some(Scalar::BigInt)),
    brin("NumericBloomOps", "numeric_bloom_ops", Some(Scalar::Decimal)),
    brin("NumericMinMaxOps", "numeric_minmax_ops", Some(Scalar::Decimal)),
    brin("NumericMinMaxMultiOps", "numeric_minmax_multi_ops", Some(Scalar::Decimal)),
    brin("OidBloomOps", "oid_bloom_ops", None),
    brin("OidMinMaxOps", "oid_minmax_ops", None),
    brin("OidMinMaxMultiOps", "oid_minmax_multi_ops", None),
    brin("TextBloomOps", "text_bloom_ops", Some(Scalar::String)),
    brin("TextMinMaxOps", "text_minmax_ops", Some(Scalar::String)),
    brin("TimestampBloomOps", "timestamp_bloom_ops", Some(Scalar::DateTime)),
    brin("TimestampMinMaxOps", "timestamp_minmax_ops", Some(Scalar::DateTime)),
    brin("TimestampMinMaxMultiOps", "timestamp_minmax_multi_ops", Some(Scalar::DateTime)),
    brin("TimestampTzBloomOps", "timestamptz_bloom_ops", None),
    brin("TimestampTzMinMaxOps", "timestamptz_minmax_ops", None),
    brin("TimestampTzMinMaxMultiOps", "timestamptz_minmax_multi_ops", None),
    brin("TimeBloomOps", "time_bloom_ops", None),
    brin("TimeMinMaxOps", "time_minmax_ops", None),
    brin("TimeMinMaxMultiOps", "time_minmax_multi_ops", None),
    brin("TimeTzBloomOps", "timetz_bloom_ops", None),
    brin("TimeTzMinMaxOps", "timetz_minmax_ops", None),
    brin("TimeTzMinMaxMultiOps", "timetz_minmax_multi_ops", None),
    brin("UuidBloomOps", "uuid_bloom_ops", None),
    brin("UuidMinMaxOps", "uuid_minmax_ops", None),
    brin("UuidMinMaxMultiOps", "uuid_minmax_multi_ops", None),
];

/// The native types a BRIN index takes, each with the named classes that fit it (without a class,
/// PostgreSQL uses the type's default one).
const BRIN_NATIVE: &[(&str, &[&str])] = &[
    ("Bit", &["BitMinMaxOps"]),
    ("VarBit", &["VarBitMinMaxOps"]),
    ("Char", &["BpcharBloomOps", "BpcharMinMaxOps"]),
    ("Date", &["DateBloomOps", "DateMinMaxOps", "DateMinMaxMultiOps"]),
    ("Real", &["Float4BloomOps", "Float4MinMaxOps", "Float4MinMaxMultiOps"]),
    ("DoublePrecision", &["Float8BloomOps", "Float8MinMaxOps", "Float8MinMaxMultiOps"]),
    ("Inet", &["InetInclusionOps", "InetBloomOps", "InetMinMaxOps", "InetMinMaxMultiOps"]),
    ("SmallInt", &["Int2BloomOps", "Int2MinMaxOps", "Int2MinMaxMultiOps"]),
    ("Integer", &["Int4BloomOps", "Int4MinMaxOps", "Int4MinMaxMultiOps"]),
    ("BigInt", &["Int8BloomOps", "Int8MinMaxOps", "Int8MinMaxMultiOps"]),
    ("Decimal", &["NumericBloomOps", "NumericMinMaxOps", "NumericMinMaxMultiOps"]),
    ("Oid", &["OidBloomOps", "OidMinMaxOps", "OidMinMaxMultiOps"]),
    ("ByteA", &["ByteaBloomOps", "ByteaMinMaxOps"]),
    ("Text", &["TextBloomOps", "TextMinMaxOps"]),
    ("VarChar", &["TextBloomOps", "TextMinMaxOps"]),
    ("Timestamp", &["TimestampBloomOps", "TimestampMinMaxOps", "TimestampMinMaxMultiOps"]),
    ("Timestamptz", &["TimestampTzBloomOps", "TimestampTzMinMaxOps", "TimestampTzMinMaxMultiOps"]),
    ("Time", &["TimeBloomOps", "TimeMinMaxOps", "TimeMinMaxMultiOps"]),
    ("Timetz", &["TimeTzBloomOps", "TimeTzMinMaxOps", "TimeTzMinMaxMultiOps"]),
    ("Uuid", &["UuidBloomOps", "UuidMinMaxOps", "UuidMinMaxMultiOps"]),
];

/// The named class called `name`, or an error (with the closest name, if any) pointing at `span`.
pub(crate) fn named(name: &str, span: Span, diags: &mut Vec<Diagnostic>) -> Option<&'static OpClass> {
    if let Some(c) = OPERATOR_CLASSES.iter().find(|c| c.name == name) {
        return Some(c);
    }
    let help = match closest(name, OPERATOR_CLASSES.iter().map(|c| c.name)) {
        Some(s) => format!("did you mean `{s}`? Other classes are written `raw(\"class_name\")`"),
        None => "Prisma names the classes of GiST, GIN, SP-GiST and BRIN indexes (`JsonbPathOps`, `Int4MinMaxOps`, ...); write any other as `raw(\"class_name\")`".to_string(),
    };
    diags.push(
        Diagnostic::error("unknown-operator-class", span, format!("unknown operator class `{name}`")).with_help(help),
    );
    None
}

/// An operator class as written on a field of an index.
#[derive(Debug)]
pub(crate) enum Ops {
    Named(&'static OpClass),
    /// `raw("...")`: taken as written.
    Raw(String),
}

impl Ops {
    /// The SQL name.
    pub fn sql(&self) -> String {
        match self {
            Ops::Named(c) => c.sql.to_string(),
            Ops::Raw(s) => s.clone(),
        }
    }
}

/// One field of an index as written, for [`check_index`].
pub(crate) struct IndexedField<'f, 'a> {
    pub field: &'f FieldInfo<'a>,
    /// The name as written in the list (where errors point).
    pub span: Span,
    pub ops: Option<(Ops, Span)>,
    /// `sort:` was written (even `Asc`).
    pub sort_given: bool,
}

/// The schema's name for an index type.
fn method_name(method: IndexMethod) -> &'static str {
    match method {
        IndexMethod::BTree => "BTree",
        IndexMethod::Hash => "Hash",
        Gist => "Gist",
        Gin => "Gin",
        SpGist => "SpGist",
        Brin => "Brin",
    }
}

/// The native type of `field` (`Inet` for `@db.Inet`), when it declares one Prisma knows for its type.
pub(crate) fn native_type<'a>(field: &FieldInfo<'a>, datasource: &str) -> Option<&'a str> {
    let FieldKind::Scalar(scalar) = field.kind else { return None };
    field.ast.attributes.iter().find_map(|a| {
        let (source, name) = a.name.name.split_once('.')?;
        (source == datasource && is_native_type(name, scalar)).then_some(name)
    })
}

/// A field with native type `Xml` in an index or unique constraint: PostgreSQL has no B-tree class for
/// it, and Prisma refuses it.
pub(crate) fn reject_xml(
    field: &FieldInfo<'_>,
    datasource: &str,
    unique: bool,
    span: Span,
    diags: &mut Vec<Diagnostic>,
) {
    if native_type(field, datasource) != Some("Xml") {
        return;
    }
    let what = if unique { "a unique constraint" } else { "an index" };
    diags.push(
        Diagnostic::error(
            "xml-in-index",
            span,
            format!("field `{}` has native type `Xml`, which cannot be in {what}", field.name()),
        )
        .with_help("PostgreSQL cannot compare `xml` values: index a text column holding the same data instead"),
    );
}

/// Check the fields of an index, unique constraint or primary key (`attr`: `@@index`, `@@unique` or
/// `@@id`) of type `method` against Prisma's rules. `false` when something was reported.
pub(crate) fn check_index(
    attr: &str,
    method: IndexMethod,
    fields: &[IndexedField<'_, '_>],
    datasource: &str,
    attr_span: Span,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let before = diags.len();
    if attr != "@@index"
        && let Some((_, span)) = fields.iter().find_map(|f| f.ops.as_ref())
    {
        diags.push(
            Diagnostic::error(
                "operator-class-outside-index",
                *span,
                format!("`{attr}` cannot give operator classes; only `@@index` can"),
            )
            .with_help("remove `ops:` here, or add an `@@index` over the same fields with it"),
        );
    }
    if method == SpGist && fields.len() > 1 {
        diags.push(
            Diagnostic::error("spgist-multiple-columns", attr_span, "an SP-GiST index can only be over one field")
                .with_help("make one `@@index([...], type: SpGist)` per field"),
        );
    }
    if method == IndexMethod::Hash
        && let Some(f) = fields.iter().find(|f| f.sort_given)
    {
        diags.push(
            Diagnostic::error("hash-index-sort", f.span, "a hash index has no order: `sort:` cannot be given")
                .with_help("remove `sort:`, or use a B-tree index"),
        );
    }
    for f in fields {
        if attr != "@@id" {
            reject_xml(f.field, datasource, attr == "@@unique", f.span, diags);
        }
        let ops = match &f.ops {
            // Reported above: a unique constraint or key has no operator classes at all.
            Some(_) if attr != "@@index" => continue,
            Some((Ops::Raw(_), _)) => continue,
            Some((Ops::Named(c), span)) => Some((*c, *span)),
            None => None,
        };
        if let Some((c, span)) = ops
            && !c.methods.contains(&method)
        {
            let types: Vec<String> = c.methods.iter().map(|m| format!("`type: {}`", method_name(*m))).collect();
            diags.push(
                Diagnostic::error(
                    "operator-class-index-type",
                    span,
                    format!(
                        "operator class `{}` belongs to {} indexes, and this index is of type `{}`",
                        c.name,
                        c.methods.iter().map(|m| method_name(*m)).collect::<Vec<_>>().join(" and "),
                        method_name(method)
                    ),
                )
                .with_help(format!("give the index {}, or use another operator class", types.join(" or "))),
            );
            continue;
        }
        check_field(method, f, ops, native_type(f.field, datasource), diags);
    }
    diags.len() == before
}

/// Prisma's rules for one field of a GiST, GIN, SP-GiST or BRIN index (B-tree and hash indexes take
/// any field; their named classes were refused before).
fn check_field(
    method: IndexMethod,
    f: &IndexedField<'_, '_>,
    ops: Option<(&'static OpClass, Span)>,
    native: Option<&str>,
    diags: &mut Vec<Diagnostic>,
) {
    let field = f.field;
    let scalar = match field.kind {
        FieldKind::Scalar(s) => Some(s),
        _ => None,
    };
    let is = |s: Scalar| scalar == Some(s);
    let class = ops.map(|(c, _)| c.name);
    // A class that fits only fields of one Prisma type, on a field of another.
    let wrong_scalar = |expected: &str| {
        let (c, span) = ops.expect("a class");
        Diagnostic::error(
            "operator-class-field-type",
            span,
            format!("operator class `{}` is for `{expected}` fields, and `{}` is not one", c.name, field.name()),
        )
        .with_help("use a class for the field's type, or `raw(\"class_name\")`")
    };
    match method {
        IndexMethod::BTree | IndexMethod::Hash => return,
        Gist => {
            if native == Some("Inet") && class == Some("InetOps") {
                return;
            }
        }
        Gin => match (native, class) {
            (None, None) if is(Scalar::Json) => return,
            (_, None) if field.is_list() => return,
            (Some("JsonB"), Some("JsonbOps" | "JsonbPathOps") | None) => return,
            (None, Some("JsonbOps" | "JsonbPathOps")) => {
                if !is(Scalar::Json) {
                    diags.push(wrong_scalar("Json"));
                }
                return;
            }
            (_, Some("ArrayOps")) => {
                if !field.is_list() {
                    let (_, span) = ops.expect("a class");
                    diags.push(
                        Diagnostic::error(
                            "operator-class-field-type",
                            span,
                            format!(
                                "operator class `ArrayOps` is for list fields, and `{}` is not a list",
                                field.name()
                            ),
                        )
                        .with_help("remove `ops:` or index a list field"),
                    );
                }
                return;
            }
            _ => {}
        },
        SpGist => match (native, class) {
            (Some("Inet"), Some("InetOps") | None) => return,
            (None, None) if is(Scalar::String) => return,
            (None, Some("TextOps")) => {
                if !is(Scalar::String) {
                    diags.push(wrong_scalar("String"));
                }
                return;
            }
            (Some("Text" | "VarChar" | "Char"), Some("TextOps") | None) => return,
            _ => {}
        },
        Brin => {
            let native_fits =
                native.and_then(|n| BRIN_NATIVE.iter().find(|(t, _)| *t == n)).map(|(_, classes)| *classes);
            match (native, ops, native_fits) {
                (Some(_), None, Some(_)) => return,
                (Some(_), Some((c, _)), Some(classes)) if classes.contains(&c.name) => return,
                (None, None, _) if brin_scalar(scalar) => return,
                (None, Some((c, _)), _) if c.scalar.is_some() => {
                    let expected = c.scalar.expect("checked");
                    if !is(expected) {
                        diags.push(wrong_scalar(expected.name()));
                    }
                    return;
                }
                _ => {}
            }
        }
    }
    mismatch(method, f, ops, native, scalar, diags);
}

/// The types a BRIN index takes without a native type or a class (Prisma's list).
fn brin_scalar(scalar: Option<Scalar>) -> bool {
    matches!(
        scalar,
        Some(
            Scalar::String
                | Scalar::Bytes
                | Scalar::DateTime
                | Scalar::Float
                | Scalar::Int
                | Scalar::BigInt
                | Scalar::Decimal
        )
    )
}

/// The error for a field an index type or class does not fit (Prisma's four cases).
fn mismatch(
    method: IndexMethod,
    f: &IndexedField<'_, '_>,
    ops: Option<(&'static OpClass, Span)>,
    native: Option<&str>,
    scalar: Option<Scalar>,
    diags: &mut Vec<Diagnostic>,
) {
    let field = f.field;
    let name = field.name();
    let m = method_name(method);
    let d = match (native, ops) {
        (Some(native), Some((c, span))) => Diagnostic::error(
            "operator-class-field-type",
            span,
            format!("operator class `{}` does not fit field `{name}`, of native type `{native}`", c.name),
        )
        .with_help(match classes_for_native(method, native) {
            Some(list) => format!("for `@db.{native}`, use one of: {list}"),
            None => format!("a {m} index has no named class for `@db.{native}`: use `raw(\"class_name\")`"),
        }),
        (Some(native), None) => Diagnostic::error(
            "index-type-field-type",
            f.span,
            format!("a {m} index has no default operator class for field `{name}`, of native type `{native}`"),
        )
        .with_help(match classes_for_native(method, native) {
            Some(list) => format!("give it one with `ops:` ({list}), or use another index type"),
            None => "give it one with `ops: raw(\"class_name\")`, or use another index type".to_string(),
        }),
        (None, Some((c, span))) => {
            let natives = natives_for_class(method, c.name);
            Diagnostic::error(
                "operator-class-field-type",
                span,
                format!("operator class `{}` needs field `{name}` to declare its native type", c.name),
            )
            .with_help(if natives.is_empty() {
                "declare the column's type with `@db.…`, or use another class".to_string()
            } else {
                format!("declare the column's type: {}", natives.join(" or "))
            })
        }
        (None, None) => {
            // The Prisma types the index type takes without a class. Unsupported("...") columns are
            // left to the database (Prisma does the same).
            let takes = match method {
                Gist | SpGist => scalar == Some(Scalar::String),
                Gin => scalar == Some(Scalar::Json) || field.is_list(),
                Brin => brin_scalar(scalar),
                IndexMethod::BTree | IndexMethod::Hash => true,
            };
            if takes || matches!(field.kind, FieldKind::Unsupported(_)) {
                return;
            }
            let ty = match (&field.kind, scalar) {
                (_, Some(s)) => s.name().to_string(),
                (FieldKind::Enum(e), _) => e.to_string(),
                _ => "this type".to_string(),
            };
            Diagnostic::error(
                "index-type-field-type",
                f.span,
                format!("a {m} index cannot index field `{name}` of type `{ty}` without an operator class"),
            )
            .with_help(index_type_help(method))
        }
    };
    diags.push(d);
}

/// The named classes of `method` that fit native type `native`, as a list for a message.
fn classes_for_native(method: IndexMethod, native: &str) -> Option<String> {
    let classes: Vec<&str> = match (method, native) {
        (Gist, "Inet") => vec!["InetOps"],
        (Gin, "JsonB") => vec!["JsonbOps", "JsonbPathOps"],
        (SpGist, "Inet") => vec!["InetOps"],
        (SpGist, "Text" | "VarChar" | "Char") => vec!["TextOps"],
        (Brin, n) => BRIN_NATIVE.iter().find(|(t, _)| *t == n).map(|(_, c)| c.to_vec()).unwrap_or_default(),
        _ => Vec::new(),
    };
    (!classes.is_empty()).then(|| classes.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", "))
}

/// The native types (`@db.Inet`) class `class` of `method` is for.
fn natives_for_class(method: IndexMethod, class: &str) -> Vec<String> {
    let natives: Vec<&str> = match (method, class) {
        (Gist | SpGist, "InetOps") => vec!["Inet"],
        (SpGist, "TextOps") => vec!["Text", "VarChar", "Char"],
        (Brin, c) => BRIN_NATIVE.iter().filter(|(_, classes)| classes.contains(&c)).map(|(t, _)| *t).collect(),
        _ => Vec::new(),
    };
    natives.iter().map(|n| format!("`@db.{n}`")).collect()
}

/// What a field of an unfitting type can do instead.
fn index_type_help(method: IndexMethod) -> &'static str {
    match method {
        Gist => {
            "GiST indexes take `String` fields, and `@db.Inet` with `ops: InetOps`; other types need `ops: raw(\"class_name\")` (such as `gist_trgm_ops` from pg_trgm)"
        }
        Gin => {
            "GIN indexes take `Json` and list fields; other types need `ops: raw(\"class_name\")` (such as `gin_trgm_ops` from pg_trgm)"
        }
        SpGist => "SP-GiST indexes take `String` fields and `@db.Inet`; other types need `ops: raw(\"class_name\")`",
        _ => {
            "BRIN indexes take `String`, `Bytes`, `DateTime`, `Float`, `Int`, `BigInt` and `Decimal` fields; other types need `ops: raw(\"class_name\")`"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{BRIN_NATIVE, OPERATOR_CLASSES};

    #[test]
    fn every_class_named_in_the_brin_table_exists_and_sql_names_are_postgres_spelling() {
        for (_, classes) in BRIN_NATIVE {
            for c in *classes {
                assert!(OPERATOR_CLASSES.iter().any(|o| o.name == *c), "{c}");
            }
        }
        for c in OPERATOR_CLASSES {
            assert!(
                c.sql.ends_with("_ops")
                    && c.sql.chars().all(|x| x.is_ascii_lowercase() || x.is_ascii_digit() || x == '_')
            );
        }
    }
}
