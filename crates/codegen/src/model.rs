//! A model: its struct (one field per column), its insert type, its database names, and the row
//! mappings and sea-query identifiers the options ask for. A view gets the same, read-only: no insert
//! type (as in Prisma Client, views are read, never written).

use proc_macro2::{Ident, TokenStream};
use quote::quote;
use refract_ir::{ClientDefault, Column, ColumnType, Schema, Table};

use crate::Options;
use crate::enums::doc;
use std::collections::HashMap;

use crate::names::ModelNames;
use crate::types::field;

/// A column with a Rust mapping.
pub(crate) struct Mapped<'a> {
    pub column: &'a Column,
    pub ident: Ident,
    pub ty: TokenStream,
    /// The sea-query identifier variant.
    pub variant: Ident,
    /// The `…_COLUMN` constant.
    pub konst: Ident,
    /// Why the field's Rust name is not its plain snake case (see `names`).
    pub renamed: Option<String>,
}

impl Mapped<'_> {
    /// Filled by the database (autoincrement, a default) or by the application (`uuid()`,
    /// `@updatedAt`): not part of the insert type.
    pub(crate) fn filled(&self) -> bool {
        self.column.autoincrement || self.column.default.is_some() || self.column.generated_by_client.is_some()
    }

    /// `/// doc` and `pub name: Type,`, the same in the model and its insert type.
    fn declaration(&self) -> TokenStream {
        let (ident, ty) = (&self.ident, &self.ty);
        let d = doc(self.column.comment.as_deref(), &format!("`{}`", self.column.name));
        let renamed = self.renamed.as_ref().map(|r| {
            let r = format!(" Named so because the field is {r}.");
            quote!(#[doc = ""] #[doc = #r])
        });
        quote!(#d #renamed pub #ident: #ty,)
    }
}

/// Whether the rows come from a table or from a view (read-only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Table,
    View,
}

/// What every model's generation reads: the schema, the options and every generated name.
pub struct Context<'a> {
    pub schema: &'a Schema,
    pub options: Options,
    pub names: &'a HashMap<String, ModelNames>,
}

/// The items of the model (or view) `table`, keyed `key`; `extra` is the application's derives and
/// attributes for it.
pub fn generate(
    cx: &Context<'_>,
    table: &Table,
    key: &str,
    source: Source,
    extra: &TokenStream,
    notes: &mut Vec<String>,
) -> TokenStream {
    let (schema, options, all_names) = (cx.schema, cx.options, cx.names);
    let view = source == Source::View;
    let model = table.model.as_deref().unwrap_or(&table.name);
    let own_names = &all_names[key];
    let (name, new_name, iden_name) = (&own_names.name, &own_names.new_name, &own_names.iden);
    let table_name = &table.name;

    let mut mapped = Vec::new();
    let mut skipped = Vec::new();
    for column in table.columns.values() {
        match field(column, schema) {
            Some(ty) => {
                let n = &own_names.columns[&column.name];
                mapped.push(Mapped {
                    column,
                    ident: n.ident.clone(),
                    ty,
                    variant: n.variant.clone(),
                    konst: n.konst.clone(),
                    renamed: n.renamed.clone(),
                });
            }
            None => {
                let ty = match &column.ty {
                    ColumnType::Unsupported(t) => format!("Unsupported(\"{t}\")"),
                    t => t.sql(),
                };
                notes
                    .push(format!("`{model}.{}` ({ty}) has no Rust mapping; it is left out of `{name}`", column.field));
                skipped.push(format!("`{}` ({ty})", column.field));
            }
        }
    }

    let fallback = match source {
        Source::Table => format!("A row of `{table_name}`."),
        Source::View => format!("A row of the view `{table_name}` (read-only: nothing inserts into a view)."),
    };
    let mut struct_doc = doc(table.comment.as_deref(), &fallback);
    if !skipped.is_empty() {
        let note = format!(" Not mapped (no Rust type fits): {}.", skipped.join(", "));
        struct_doc.extend(quote!(#[doc = ""] #[doc = #note]));
    }
    let serde = options.serde.then(|| {
        quote! {
            #[derive(::refract::serde::Serialize, ::refract::serde::Deserialize)]
            #[serde(crate = "::refract::serde")]
        }
    });

    let fields = mapped.iter().map(Mapped::declaration);
    let new_fields = mapped.iter().filter(|m| !m.filled()).map(Mapped::declaration);
    let consts = mapped.iter().map(|m| {
        let c = &m.konst;
        let n = &m.column.name;
        quote!(pub const #c: &'static str = #n;)
    });
    let column_names: Vec<&str> = table.columns.values().map(|c| c.name.as_str()).collect();
    let new_doc = format!(
        " What inserting a `{name}` takes: every column but those the database or the application fills (autoincrement, defaults, `@updatedAt`, generated ids)."
    );

    let new_struct = (!view).then(|| {
        quote! {
            #[doc = #new_doc]
            #[derive(Debug, Clone, PartialEq)]
            #serde
            #extra
            pub struct #new_name {
                #(#new_fields)*
            }
        }
    });

    let postgres = options.postgres.then(|| {
        // By position when the column is where `find()` puts it (one name compared), else by name.
        let gets = mapped.iter().enumerate().map(|(i, m)| {
            let (ident, ty, col) = (&m.ident, &m.ty, &m.column.name);
            let i = proc_macro2::Literal::usize_unsuffixed(i);
            if m.column.array {
                // A list column can hold NULL; Prisma reads it as an empty list.
                quote!(#ident: ::refract::pg_row::get::<::std::option::Option<#ty>>(row, #i, #col)?.unwrap_or_default(),)
            } else {
                quote!(#ident: ::refract::pg_row::get::<#ty>(row, #i, #col)?,)
            }
        });
        quote! {
            impl ::std::convert::TryFrom<&::refract::tokio_postgres::Row> for #name {
                type Error = ::refract::tokio_postgres::Error;
                fn try_from(row: &::refract::tokio_postgres::Row) -> ::std::result::Result<Self, Self::Error> {
                    ::std::result::Result::Ok(#name { #(#gets)* })
                }
            }
        }
    });

    let sqlx = options.sqlx.then(|| {
        let gets = mapped.iter().map(|m| {
            let (ident, ty, col) = (&m.ident, &m.ty, &m.column.name);
            if m.column.array {
                quote!(#ident: ::refract::sqlx::Row::try_get::<::std::option::Option<#ty>, _>(row, #col)?.unwrap_or_default(),)
            } else {
                quote!(#ident: ::refract::sqlx::Row::try_get::<#ty, _>(row, #col)?,)
            }
        });
        quote! {
            impl<'r> ::refract::sqlx::FromRow<'r, ::refract::sqlx::postgres::PgRow> for #name {
                fn from_row(row: &'r ::refract::sqlx::postgres::PgRow) -> ::std::result::Result<Self, ::refract::sqlx::Error> {
                    ::std::result::Result::Ok(#name { #(#gets)* })
                }
            }
        }
    });

    let sea_query = options.sea_query.then(|| {
        let variants: Vec<&Ident> = mapped.iter().map(|m| &m.variant).collect();
        let names: Vec<&str> = mapped.iter().map(|m| m.column.name.as_str()).collect();
        let iden_doc = format!(" sea-query identifiers of `{table_name}`: `Table` and one per column.");
        let insert = (!view).then(|| crate::inserts::generate(table, schema, &mapped, own_names));
        let queries = crate::queries::generate(table, schema, &mapped, own_names, all_names, view);
        quote! {
            #queries

            #[doc = #iden_doc]
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
            pub enum #iden_name {
                Table,
                #( #variants, )*
            }

            impl ::refract::sea_query::Iden for #iden_name {
                fn unquoted(&self, s: &mut dyn ::std::fmt::Write) {
                    let name = match self {
                        #iden_name::Table => #table_name,
                        #( #iden_name::#variants => #names, )*
                    };
                    s.write_str(name).expect("writing an identifier");
                }
            }

            #insert
        }
    });

    quote! {
        #struct_doc
        #[derive(Debug, Clone, PartialEq)]
        #serde
        #extra
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            /// The table's (or view's) name in the database.
            pub const TABLE: &'static str = #table_name;
            /// Every column, in order (unmapped ones included).
            pub const COLUMNS: &'static [&'static str] = &[#(#column_names),*];
            #(#consts)*
        }

        #new_struct

        #postgres
        #sqlx
        #sea_query
    }
}

/// A value the application generates on insert.
pub(crate) fn generated_value(client: ClientDefault, ty: &ColumnType) -> TokenStream {
    match (client, ty) {
        (ClientDefault::Uuid, ColumnType::Uuid) => quote!(::refract::uuid::Uuid::new_v4().into()),
        (ClientDefault::Uuid, _) => quote!(::refract::uuid::Uuid::new_v4().to_string().into()),
        (ClientDefault::Cuid, _) => quote!(::refract::ids::cuid().into()),
        (ClientDefault::Ulid, _) => quote!(::refract::ids::ulid().into()),
        (ClientDefault::Nanoid, _) => quote!(::refract::ids::nanoid().into()),
        (ClientDefault::UpdatedAt, ColumnType::Timestamptz(_)) => quote!(::refract::chrono::Utc::now().into()),
        (ClientDefault::UpdatedAt, ColumnType::Date) => quote!(::refract::chrono::Utc::now().date_naive().into()),
        (ClientDefault::UpdatedAt, _) => quote!(::refract::chrono::Utc::now().naive_utc().into()),
    }
}

/// The insert type's field as a sea-query expression (enums cast to their database type).
pub(crate) fn given_value(m: &Mapped<'_>, schema: &Schema) -> TokenStream {
    value_of(m, schema, &quote!(self))
}

/// The field `m` of `receiver` (an expression of the model or insert type) as a sea-query expression.
pub(crate) fn value_of(m: &Mapped<'_>, schema: &Schema, receiver: &TokenStream) -> TokenStream {
    let ident = &m.ident;
    let ident = quote!(#receiver.#ident);
    let ColumnType::Enum(key) = &m.column.ty else {
        return if owned(m.column) { quote!(#ident.clone().into()) } else { quote!(#ident.into()) };
    };
    let db_type = schema.enums.get(key).map_or(key.as_str(), |e| e.name.as_str());
    if m.column.array {
        let cast = format!("CAST($1 AS {}[])", refract_ir::quote_identifier(db_type));
        quote!(::refract::sea_query::Expr::cust_with_values(
            #cast,
            [#ident.iter().map(|v| v.as_str().to_string()).collect::<::std::vec::Vec<String>>()]
        ))
    } else if m.column.nullable {
        quote!(match #ident {
            ::std::option::Option::Some(v) => v.expr(),
            ::std::option::Option::None => ::refract::sea_query::Expr::val(::std::option::Option::<String>::None)
                .as_enum(::refract::sea_query::Alias::new(#db_type)),
        })
    } else {
        quote!(#ident.expr())
    }
}

/// Whether the column's Rust value is not `Copy` (text, JSON, bytes, lists): read it with `.clone()`.
pub(crate) fn owned(column: &Column) -> bool {
    column.array
        || matches!(
            column.ty,
            ColumnType::Text
                | ColumnType::VarChar(_)
                | ColumnType::Char(_)
                | ColumnType::Citext
                | ColumnType::Json
                | ColumnType::JsonB
                | ColumnType::ByteA
        )
}
