//! A schema enum as a Rust enum whose values are the database's (after `@map`).

use proc_macro2::TokenStream;
use quote::quote;
use refract_ir::Enum;

use crate::Options;
use crate::types::{type_ident, variant_ident};

pub fn generate(e: &Enum, options: Options) -> TokenStream {
    let name = type_ident(&e.schema_name);
    let db_type = &e.name;
    // sqlx looks type names up with `::regtype`, which folds unquoted names to lower case.
    let sqlx_type = refract_ir::quote_identifier(db_type);
    let sqlx_array_type = refract_ir::quote_identifier(&format!("_{db_type}"));
    let variants: Vec<_> = e.values.iter().map(|v| variant_ident(&v.schema_name)).collect();
    let db_values: Vec<&str> = e.values.iter().map(|v| v.name.as_str()).collect();
    let variant_docs = db_values.iter().map(|v| format!(" `{v}` in the database."));
    let schema_values: Vec<&str> = e.values.iter().map(|v| v.schema_name.as_str()).collect();
    let doc = doc(e.comment.as_deref(), &format!("The database enum `{db_type}`."));
    let missing = format!("`{{}}` is not a value of the database enum `{db_type}`");

    // JSON uses the schema's names, as Prisma Client does.
    let serde = options.serde.then(|| {
        quote! {
            #[derive(::refract::serde::Serialize, ::refract::serde::Deserialize)]
            #[serde(crate = "::refract::serde")]
        }
    });
    let serde_names =
        options.serde.then(|| schema_values.iter().map(|v| quote!(#[serde(rename = #v)])).collect::<Vec<_>>());
    let serde_names = serde_names.unwrap_or_else(|| vec![TokenStream::new(); variants.len()]);

    let postgres = options.postgres.then(|| {
        quote! {
            impl ::refract::postgres_types::ToSql for #name {
                fn to_sql(
                    &self,
                    _ty: &::refract::postgres_types::Type,
                    out: &mut ::refract::bytes::BytesMut,
                ) -> ::std::result::Result<::refract::postgres_types::IsNull, ::std::boxed::Box<dyn ::std::error::Error + Sync + Send>> {
                    out.extend_from_slice(self.as_str().as_bytes());
                    ::std::result::Result::Ok(::refract::postgres_types::IsNull::No)
                }
                fn accepts(ty: &::refract::postgres_types::Type) -> bool {
                    ty.name() == #db_type
                }
                ::refract::postgres_types::to_sql_checked!();
            }
            impl<'a> ::refract::postgres_types::FromSql<'a> for #name {
                fn from_sql(
                    _ty: &::refract::postgres_types::Type,
                    raw: &'a [u8],
                ) -> ::std::result::Result<Self, ::std::boxed::Box<dyn ::std::error::Error + Sync + Send>> {
                    let text = ::std::str::from_utf8(raw)?;
                    ::std::result::Result::Ok(text.parse::<#name>()?)
                }
                fn accepts(ty: &::refract::postgres_types::Type) -> bool {
                    ty.name() == #db_type
                }
            }
        }
    });

    let sqlx = options.sqlx.then(|| {
        quote! {
            impl ::refract::sqlx::Type<::refract::sqlx::Postgres> for #name {
                fn type_info() -> ::refract::sqlx::postgres::PgTypeInfo {
                    ::refract::sqlx::postgres::PgTypeInfo::with_name(#sqlx_type)
                }
                fn compatible(ty: &::refract::sqlx::postgres::PgTypeInfo) -> bool {
                    ::refract::sqlx::TypeInfo::name(ty) == #db_type || *ty == Self::type_info()
                }
            }
            impl ::refract::sqlx::postgres::PgHasArrayType for #name {
                fn array_type_info() -> ::refract::sqlx::postgres::PgTypeInfo {
                    ::refract::sqlx::postgres::PgTypeInfo::with_name(#sqlx_array_type)
                }
                fn array_compatible(ty: &::refract::sqlx::postgres::PgTypeInfo) -> bool {
                    match ty.kind() {
                        ::refract::sqlx::postgres::PgTypeKind::Array(element) => {
                            <#name as ::refract::sqlx::Type<::refract::sqlx::Postgres>>::compatible(element)
                        }
                        _ => *ty == Self::array_type_info(),
                    }
                }
            }
            impl<'q> ::refract::sqlx::Encode<'q, ::refract::sqlx::Postgres> for #name {
                fn encode_by_ref(
                    &self,
                    buf: &mut ::refract::sqlx::postgres::PgArgumentBuffer,
                ) -> ::std::result::Result<::refract::sqlx::encode::IsNull, ::refract::sqlx::error::BoxDynError> {
                    <&str as ::refract::sqlx::Encode<'q, ::refract::sqlx::Postgres>>::encode(self.as_str(), buf)
                }
            }
            impl<'r> ::refract::sqlx::Decode<'r, ::refract::sqlx::Postgres> for #name {
                fn decode(
                    value: ::refract::sqlx::postgres::PgValueRef<'r>,
                ) -> ::std::result::Result<Self, ::refract::sqlx::error::BoxDynError> {
                    let text = <&str as ::refract::sqlx::Decode<'r, ::refract::sqlx::Postgres>>::decode(value)?;
                    ::std::result::Result::Ok(text.parse::<#name>()?)
                }
            }
        }
    });

    let sea_query = options.sea_query.then(|| {
        let array_cast = format!("CAST($1 AS {}[])", refract_ir::quote_identifier(db_type));
        quote! {
            impl #name {
                /// The value as a sea-query expression, cast to the database enum type.
                pub fn expr(self) -> ::refract::sea_query::SimpleExpr {
                    ::refract::sea_query::Expr::val(self.as_str()).as_enum(::refract::sea_query::Alias::new(#db_type))
                }
            }
            impl ::std::convert::From<#name> for ::refract::sea_query::SimpleExpr {
                fn from(value: #name) -> Self {
                    value.expr()
                }
            }
            impl ::refract::column::ColumnValue for #name {
                type Value = #name;
                fn to_expr(value: #name) -> ::refract::sea_query::SimpleExpr {
                    value.expr()
                }
            }
            impl ::refract::column::ListElement for #name {
                fn list_expr(values: ::std::vec::Vec<#name>) -> ::refract::sea_query::SimpleExpr {
                    ::refract::sea_query::Expr::cust_with_values(
                        #array_cast,
                        [values.iter().map(|v| v.as_str().to_string()).collect::<::std::vec::Vec<String>>()],
                    )
                }
            }
        }
    });

    quote! {
        #doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #serde
        pub enum #name {
            #( #serde_names #[doc = #variant_docs] #variants, )*
        }

        impl #name {
            /// The database type name.
            pub const TYPE_NAME: &'static str = #db_type;
            /// Every value, in the database's order.
            pub const ALL: &'static [#name] = &[#( #name::#variants ),*];

            /// The value stored in the database.
            pub const fn as_str(self) -> &'static str {
                match self {
                    #( #name::#variants => #db_values, )*
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::refract::UnknownEnumValue;
            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                match s {
                    #( #db_values => ::std::result::Result::Ok(#name::#variants), )*
                    _ => ::std::result::Result::Err(::refract::UnknownEnumValue(::std::format!(#missing, s))),
                }
            }
        }

        #postgres
        #sqlx
        #sea_query
    }
}

/// `#[doc]` lines from a `///` comment, or `fallback`.
pub fn doc(comment: Option<&str>, fallback: &str) -> TokenStream {
    let text = comment.unwrap_or(fallback);
    let lines = text.lines().map(|l| format!(" {l}"));
    quote!( #( #[doc = #lines] )* )
}
