//! A model's writes of new rows, on its insert type: `insert()`, `insert_many(rows)` (as many
//! statements as PostgreSQL's parameter limit asks for) and `upsert_by_<key>()` per unique key the
//! insert type holds (`INSERT … ON CONFLICT (key) DO UPDATE SET` the other columns it writes, except
//! the primary key and the ids the application generates; `@updatedAt` to now).

use proc_macro2::{Ident, TokenStream};
use quote::quote;
use refract_ir::{ClientDefault, Schema, Table};

use crate::model::{Mapped, generated_value, given_value};
use crate::names::ModelNames;
use crate::types::field_ident;

/// The `impl NewM { … }` of a table's insert type.
pub(crate) fn generate(table: &Table, schema: &Schema, mapped: &[Mapped<'_>], names: &ModelNames) -> TokenStream {
    let (new_name, iden) = (&names.new_name, &names.iden);
    let sq = quote!(::refract::sea_query);
    // What the INSERT writes: the insert type's fields, and what the application generates.
    let mut written: Vec<&Mapped<'_>> = Vec::new();
    let mut values = Vec::new();
    for m in mapped {
        let value = if let Some(client) = m.column.generated_by_client {
            generated_value(client, &m.column.ty)
        } else if m.filled() {
            continue;
        } else {
            given_value(m, schema)
        };
        written.push(m);
        values.push(value);
    }
    let insert_doc = quote! {
        /// The `INSERT` of this row, with the ids and timestamps the application fills generated now
        /// (`.returning_all()` for the row as the database wrote it).
    };
    let many_doc = quote! {
        /// The `INSERT`s of all `rows`: as many rows per statement as PostgreSQL's 65,535 bind
        /// parameters allow (one per column), so any number of rows; none for no rows. Run each (in a
        /// transaction for all or nothing).
    };
    if written.is_empty() {
        // Every column filled by the database: `INSERT ... DEFAULT VALUES`, one row per statement.
        return quote! {
            impl #new_name {
                #insert_doc
                pub fn insert(&self) -> #sq::InsertStatement {
                    #sq::Query::insert().into_table(#iden::Table).or_default_values().to_owned()
                }
                #many_doc
                pub fn insert_many<R: ::std::borrow::Borrow<Self>>(
                    rows: impl ::std::iter::IntoIterator<Item = R>,
                ) -> ::std::vec::Vec<#sq::InsertStatement> {
                    rows.into_iter().map(|row| row.borrow().insert()).collect()
                }
            }
        };
    }
    let n = proc_macro2::Literal::usize_unsuffixed(written.len());
    let variants: Vec<&Ident> = written.iter().map(|m| &m.variant).collect();
    let upserts = upserts(table, mapped, &written, names);
    quote! {
        impl #new_name {
            const INSERT_COLUMNS: [#iden; #n] = [#(#iden::#variants),*];

            fn insert_values(&self) -> [#sq::SimpleExpr; #n] {
                [#(#values),*]
            }

            #insert_doc
            pub fn insert(&self) -> #sq::InsertStatement {
                #sq::Query::insert()
                    .into_table(#iden::Table)
                    .columns(Self::INSERT_COLUMNS)
                    .values_panic(self.insert_values())
                    .to_owned()
            }

            #many_doc
            pub fn insert_many<R: ::std::borrow::Borrow<Self>>(
                rows: impl ::std::iter::IntoIterator<Item = R>,
            ) -> ::std::vec::Vec<#sq::InsertStatement> {
                ::refract::batch::insert_many(
                    #iden::Table,
                    &Self::INSERT_COLUMNS,
                    rows.into_iter().map(|row| row.borrow().insert_values()),
                )
            }

            #(#upserts)*
        }
    }
}

/// The name a lookup by `key` has (`find_by_<stem>`), and an upsert (`upsert_by_<stem>`).
pub(crate) fn key_stem(client_name: Option<&str>, key: &[&Mapped<'_>]) -> String {
    match client_name {
        Some(n) => field_ident(n).to_string(),
        None => key
            .iter()
            .map(|m| m.ident.to_string().trim_start_matches("r#").to_string())
            .collect::<Vec<_>>()
            .join("_and_"),
    }
}

/// `upsert_by_<key>()` for the primary key and each unique key whose columns the insert type holds.
fn upserts(table: &Table, mapped: &[Mapped<'_>], written: &[&Mapped<'_>], names: &ModelNames) -> Vec<TokenStream> {
    let sq = quote!(::refract::sea_query);
    let iden = &names.iden;
    // A key the insert type holds: every column a field of it (not filled, not a list).
    let held = |columns: Vec<&str>| -> Option<Vec<&Mapped<'_>>> {
        columns.iter().map(|c| mapped.iter().find(|m| m.column.name == *c && !m.filled() && !m.column.array)).collect()
    };
    let pk: Vec<&str> = table.primary_key.iter().flat_map(|pk| pk.columns.iter().map(|c| c.name.as_str())).collect();
    let mut keys: Vec<(String, Vec<&Mapped<'_>>)> = Vec::new();
    if !pk.is_empty()
        && let Some(key) = held(pk.clone())
    {
        keys.push(("id".to_string(), key));
    }
    for index in table.indexes.iter().filter(|i| i.unique && i.predicate.is_none()) {
        let Some(key) = held(index.columns.iter().map(|c| c.name.as_str()).collect()) else { continue };
        keys.push((key_stem(index.client_name.as_deref(), &key), key));
    }
    let mut taken = Vec::new();
    let mut out = Vec::new();
    for (stem, key) in keys {
        if taken.contains(&stem) {
            continue;
        }
        taken.push(stem.clone());
        let conflict: Vec<&Ident> = key.iter().map(|m| &m.variant).collect();
        let update: Vec<&Ident> = written
            .iter()
            .filter(|m| !key.iter().any(|k| k.column.name == m.column.name))
            .filter(|m| !pk.contains(&m.column.name.as_str()))
            .filter(|m| matches!(m.column.generated_by_client, None | Some(ClientDefault::UpdatedAt)))
            .map(|m| &m.variant)
            .collect();
        // Nothing else to write: set the key to itself, so that `RETURNING` still gives the row.
        let update = if update.is_empty() { conflict.clone() } else { update };
        let fields = key.iter().map(|m| format!("`{}`", m.column.field)).collect::<Vec<_>>().join(", ");
        let doc = format!(
            " The `INSERT` of this row or, when a row with the same {fields} exists, the `UPDATE` of that row \
             (`ON CONFLICT … DO UPDATE`): every other column this inserts, except the primary key and the \
             ids the application generates (an upsert never changes a row's id), `@updatedAt` set to now. \
             `.returning_all()` gives the row either way."
        );
        let method = field_ident(&format!("upsert_by_{stem}"));
        out.push(quote! {
            #[doc = #doc]
            pub fn #method(&self) -> #sq::InsertStatement {
                let mut statement = self.insert();
                statement.on_conflict(
                    #sq::OnConflict::columns([#(#iden::#conflict),*])
                        .update_columns([#(#iden::#update),*])
                        .to_owned(),
                );
                statement
            }
        });
    }
    out
}
