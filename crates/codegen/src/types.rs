//! Column types to Rust types, and names to Rust identifiers.

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use refract_ir::{Column, ColumnType, Schema};

/// The Rust type of one value of `ty` (the element type, for lists); `None` when no mapping works with
/// both drivers (the column is then left out of the model, with a note).
pub fn element(ty: &ColumnType, schema: &Schema) -> Option<TokenStream> {
    Some(match ty {
        ColumnType::Text | ColumnType::VarChar(_) | ColumnType::Char(_) | ColumnType::Citext => quote!(String),
        ColumnType::Uuid => quote!(::refract::uuid::Uuid),
        ColumnType::SmallInt => quote!(i16),
        ColumnType::Integer => quote!(i32),
        ColumnType::BigInt => quote!(i64),
        ColumnType::Real => quote!(f32),
        ColumnType::DoublePrecision => quote!(f64),
        ColumnType::Decimal(_) => quote!(::refract::rust_decimal::Decimal),
        ColumnType::Boolean => quote!(bool),
        // TIMESTAMP holds no zone: a naive date-time. TIMESTAMPTZ is an instant: UTC.
        ColumnType::Timestamp(_) => quote!(::refract::chrono::NaiveDateTime),
        ColumnType::Timestamptz(_) => quote!(::refract::chrono::DateTime<::refract::chrono::Utc>),
        ColumnType::Date => quote!(::refract::chrono::NaiveDate),
        ColumnType::Time(_) => quote!(::refract::chrono::NaiveTime),
        ColumnType::Json | ColumnType::JsonB => quote!(::refract::serde_json::Value),
        ColumnType::ByteA => quote!(::std::vec::Vec<u8>),
        ColumnType::Enum(key) => {
            let e = schema.enums.get(key)?;
            let name = type_ident(&e.schema_name);
            quote!(#name)
        }
        ColumnType::Xml
        | ColumnType::Inet
        | ColumnType::Oid
        | ColumnType::Money
        | ColumnType::Timetz(_)
        | ColumnType::Bit(_)
        | ColumnType::VarBit(_)
        | ColumnType::Unsupported(_) => return None,
    })
}

/// The field type: `T`, `Option<T>` or `Vec<T>`.
pub fn field(column: &Column, schema: &Schema) -> Option<TokenStream> {
    let t = element(&column.ty, schema)?;
    Some(if column.array {
        quote!(::std::vec::Vec<#t>)
    } else if column.nullable {
        quote!(::std::option::Option<#t>)
    } else {
        t
    })
}

/// A Rust identifier for `name` in snake_case (`displayName` to `display_name`); keywords are raw
/// identifiers (`r#type`), and the few that cannot be get a trailing underscore.
pub fn field_ident(name: &str) -> Ident {
    ident(&name.to_snake_case())
}

/// `order_items` to `OrderItems`, `OrderStatus` stays.
pub fn type_ident(name: &str) -> Ident {
    ident(&name.to_upper_camel_case())
}

/// `PENDING` to `Pending`, `in_progress` to `InProgress`.
pub fn variant_ident(name: &str) -> Ident {
    ident(&name.to_upper_camel_case())
}

fn ident(name: &str) -> Ident {
    let name = if name.starts_with(|c: char| c.is_ascii_digit()) || name.is_empty() {
        format!("_{name}")
    } else {
        name.to_string()
    };
    if matches!(name.as_str(), "self" | "Self" | "super" | "crate" | "_") {
        return Ident::new(&format!("{name}_"), Span::call_site());
    }
    match syn::parse_str::<Ident>(&name) {
        Ok(i) => i,
        Err(_) => Ident::new_raw(&name, Span::call_site()),
    }
}

/// `display_name` to `DISPLAY_NAME`, for constants.
pub fn const_ident(name: &str) -> Ident {
    use heck::ToShoutySnakeCase;
    ident(&name.to_shouty_snake_case())
}
