//! A model's statements, as sea-query values the application composes and runs: `find()`, lookups by
//! primary key and by each unique key, `update()`/`delete()` of a row, `delete_by_id(...)`, and one
//! method per relation field returning the related rows' `SELECT` (foreign key on either side, and
//! Prisma's implicit many-to-many join tables). Views get the reads only.
//!
//! Every column is qualified with its table, so a statement stays unambiguous when the caller (or a
//! relation method) joins another table.

use std::collections::HashMap;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use refract_ir::{ClientDefault, ColumnType, RelationKind, Schema, Table};

use crate::model::{Mapped, generated_value, given_value};
use crate::names::ModelNames;
use crate::types::{element, field_ident};

const SQ: &str = "::refract::sea_query";

fn sq() -> TokenStream {
    SQ.parse().expect("a path")
}

/// The key that identifies a row: the primary key, else the first unique key over required columns
/// (as Prisma Client does); `None` when there is neither.
fn identifier<'m, 'a>(table: &Table, mapped: &'m [Mapped<'a>]) -> Option<Vec<&'m Mapped<'a>>> {
    let find = |columns: &[String]| -> Option<Vec<&'m Mapped<'a>>> {
        columns
            .iter()
            .map(|c| mapped.iter().find(|m| m.column.name == *c && !m.column.nullable && !m.column.array))
            .collect()
    };
    if let Some(pk) = &table.primary_key {
        return find(&pk.columns.iter().map(|c| c.name.clone()).collect::<Vec<_>>());
    }
    table
        .indexes
        .iter()
        .filter(|i| i.unique && i.predicate.is_none())
        .find_map(|i| find(&i.columns.iter().map(|c| c.name.clone()).collect::<Vec<_>>()))
}

/// A lookup's parameter for `m` (`name: impl Into<T>`) and the condition it makes.
fn lookup(m: &Mapped<'_>, iden: &Ident, schema: &Schema) -> Option<(TokenStream, TokenStream)> {
    let sq = sq();
    let ty = element(&m.column.ty, schema)?;
    let (ident, variant) = (&m.ident, &m.variant);
    let value = match &m.column.ty {
        ColumnType::Enum(_) => quote!(::std::convert::Into::<#ty>::into(#ident).expr()),
        _ => quote!(#sq::SimpleExpr::from(::std::convert::Into::<#ty>::into(#ident))),
    };
    Some((
        quote!(#ident: impl ::std::convert::Into<#ty>),
        quote!(.and_where(#sq::Expr::col((#iden::Table, #iden::#variant)).eq(#value))),
    ))
}

/// `WHERE` on the identifier with the values of `self`.
fn where_self(key: &[&Mapped<'_>], iden: &Ident, schema: &Schema) -> TokenStream {
    let sq = sq();
    let conditions = key.iter().map(|m| {
        let variant = &m.variant;
        let value = given_value(m, schema);
        quote!(.and_where(#sq::Expr::col((#iden::Table, #iden::#variant)).eq::<#sq::SimpleExpr>(#value)))
    });
    quote!(#(#conditions)*)
}

pub(crate) fn generate(
    table: &Table,
    schema: &Schema,
    mapped: &[Mapped<'_>],
    names: &ModelNames,
    all: &HashMap<String, ModelNames>,
    view: bool,
) -> TokenStream {
    let sq = sq();
    let (name, iden) = (&names.name, &names.iden);
    let variants = mapped.iter().map(|m| &m.variant);
    let find = quote! {
        /// Every column this struct holds, from its table: add `.and_where(...)`, `.order_by(...)`,
        /// `.limit(...)` as needed.
        pub fn find() -> #sq::SelectStatement {
            #sq::Query::select()
                .columns([#((#iden::Table, #iden::#variants)),*])
                .from(#iden::Table)
                .to_owned()
        }
    };

    // Lookups: by primary key, then by each unique key.
    let mut lookups = Vec::new();
    let mut taken: Vec<String> = Vec::new();
    let key_columns = |columns: Vec<String>| -> Option<Vec<&Mapped<'_>>> {
        columns.iter().map(|c| mapped.iter().find(|m| m.column.name == *c && !m.column.array)).collect()
    };
    let mut lookup_fn = |fn_name: Ident, doc: String, key: &[&Mapped<'_>], lookups: &mut Vec<TokenStream>| {
        let Some(parts): Option<Vec<_>> = key.iter().map(|m| lookup(m, iden, schema)).collect() else { return };
        if taken.contains(&fn_name.to_string()) {
            return;
        }
        taken.push(fn_name.to_string());
        let (params, conditions): (Vec<_>, Vec<_>) = parts.into_iter().unzip();
        lookups.push(quote! {
            #[doc = #doc]
            pub fn #fn_name(#(#params),*) -> #sq::SelectStatement {
                Self::find() #(#conditions)* .to_owned()
            }
        });
    };
    let pk = table.primary_key.as_ref().and_then(|pk| key_columns(pk.columns.iter().map(|c| c.name.clone()).collect()));
    if let Some(pk) = &pk {
        let doc = format!(" The row with this primary key ({}).", fields(pk));
        lookup_fn(format_ident!("find_by_id"), doc, pk, &mut lookups);
    }
    for index in table.indexes.iter().filter(|i| i.unique && i.predicate.is_none()) {
        let Some(key) = key_columns(index.columns.iter().map(|c| c.name.clone()).collect()) else { continue };
        let stem = crate::inserts::key_stem(index.client_name.as_deref(), &key);
        let doc = format!(" The row with this unique key ({}).", fields(&key));
        lookup_fn(field_ident(&format!("find_by_{stem}")), doc, &key, &mut lookups);
    }

    // Writes by identifier (tables only).
    let mut writes = Vec::new();
    let mut by_id = Vec::new();
    let identifier = if view { None } else { identifier(table, mapped) };
    if let Some(key) = &identifier {
        let condition = where_self(key, iden, schema);
        let values: Vec<TokenStream> = mapped
            .iter()
            .filter(|m| !key.iter().any(|k| k.column.name == m.column.name))
            .map(|m| {
                let variant = &m.variant;
                let value = match m.column.generated_by_client {
                    Some(ClientDefault::UpdatedAt) => generated_value(ClientDefault::UpdatedAt, &m.column.ty),
                    _ => given_value(m, schema),
                };
                quote!((#iden::#variant, #value))
            })
            .collect();
        if !values.is_empty() {
            writes.push(quote! {
                /// The `UPDATE` of this row: every other column from `self` (and `@updatedAt` set to now),
                /// where its key is `self`'s.
                pub fn update(&self) -> #sq::UpdateStatement {
                    let values: ::std::vec::Vec<(#iden, #sq::SimpleExpr)> = ::std::vec![#(#values),*];
                    #sq::Query::update().table(#iden::Table).values(values) #condition .to_owned()
                }
            });
        }
        writes.push(quote! {
            /// The `DELETE` of this row (by its key).
            pub fn delete(&self) -> #sq::DeleteStatement {
                #sq::Query::delete().from_table(#iden::Table) #condition .to_owned()
            }
        });
        if let Some(pk) = &pk
            && let Some(parts) = pk.iter().map(|m| lookup(m, iden, schema)).collect::<Option<Vec<_>>>()
        {
            let (params, conditions): (Vec<_>, Vec<_>) = parts.into_iter().unzip();
            by_id.push(quote! {
                /// The `DELETE` of the row with this primary key.
                pub fn delete_by_id(#(#params),*) -> #sq::DeleteStatement {
                    #sq::Query::delete().from_table(#iden::Table) #(#conditions)* .to_owned()
                }
            });
        }
    }

    let relations = relations(table, schema, mapped, names, all);
    let relation_consts = crate::relations::generate(table, schema, mapped, names, all);
    let table_name = &table.name;
    let column_consts = mapped.iter().map(|m| {
        let konst = &names.columns[&m.column.name].column_const;
        let (ty, column) = (&m.ty, &m.column.name);
        let doc = format!(
            " `{column}` as a typed column: `{name}::{konst}.eq(…)` and the other filters, `.order_by({name}::{konst}, …)`."
        );
        let plain = crate::types::const_ident(m.ident.to_string().trim_start_matches("r#"));
        let renamed = (*konst != plain).then(|| {
            let note = format!(" Named so because `{plain}` is taken by another constant.");
            quote!(#[doc = ""] #[doc = #note])
        });
        quote! {
            #[doc = #doc]
            #renamed
            pub const #konst: ::refract::Column<#name, #ty> = ::refract::Column::new(#table_name, #column);
        }
    });
    let missing = match (&identifier, view) {
        (_, true) => Some(" A view is read: it has `find` and its lookups, no `update` or `delete`."),
        (None, false) => Some(
            " No primary key and no unique key over required columns: no `find_by_id`, `update` or `delete` (filter `find()` instead).",
        ),
        _ => None,
    };
    let missing = missing.map(|m| quote!(#[doc = #m]));
    quote! {
        #missing
        impl #name {
            #(#column_consts)*
            #(#relation_consts)*
            #find
            #(#lookups)*
            #(#by_id)*
            #(#writes)*
            #(#relations)*
        }
    }
}

fn fields(key: &[&Mapped<'_>]) -> String {
    key.iter().map(|m| format!("`{}`", m.column.field)).collect::<Vec<_>>().join(", ")
}

/// One method per relation field: the related rows' `SELECT`.
fn relations(
    table: &Table,
    schema: &Schema,
    mapped: &[Mapped<'_>],
    names: &ModelNames,
    all: &HashMap<String, ModelNames>,
) -> Vec<TokenStream> {
    let sq = sq();
    let own = |column: &str| mapped.iter().find(|m| m.column.name == column);
    let mut out = Vec::new();
    for (relation, (method, renamed)) in table.relations.iter().zip(&names.relations) {
        let Some(target) = all.get(&relation.target) else { continue };
        let Some(target_table) = schema.tables.get(&relation.target).or(schema.views.get(&relation.target)) else {
            continue;
        };
        // A column of the target, by name, when the target's struct maps it.
        let theirs = |column: &str| -> Option<&Ident> {
            let c = target_table.columns.get(column)?;
            crate::types::field(c, schema)?;
            Some(&target.columns.get(column)?.variant)
        };
        let (tname, tiden) = (&target.name, &target.iden);
        let eq = |their: &Ident, m: &Mapped<'_>| {
            let value = given_value(m, schema);
            quote!(.and_where(#sq::Expr::col((#tiden::Table, #tiden::#their)).eq::<#sq::SimpleExpr>(#value)))
        };
        let body = match &relation.kind {
            RelationKind::Holds { columns, referenced } => {
                let conditions: Option<Vec<TokenStream>> =
                    columns.iter().zip(referenced).map(|(c, r)| Some(eq(theirs(r)?, own(c)?))).collect();
                let Some(conditions) = conditions else { continue };
                quote!(#tname::find() #(#conditions)* .to_owned())
            }
            RelationKind::HeldBy { columns, referenced, .. } => {
                let conditions: Option<Vec<TokenStream>> =
                    columns.iter().zip(referenced).map(|(c, r)| Some(eq(theirs(c)?, own(r)?))).collect();
                let Some(conditions) = conditions else { continue };
                quote!(#tname::find() #(#conditions)* .to_owned())
            }
            RelationKind::ManyToMany { join, own: own_column, other, id, target_id } => {
                let (Some(join_table), Some(their_id), Some(my_id)) =
                    (schema.tables.get(join), theirs(target_id), own(id))
                else {
                    continue;
                };
                let join_name = &join_table.name;
                let value = given_value(my_id, schema);
                quote! {
                    #tname::find()
                        .inner_join(
                            #sq::Alias::new(#join_name),
                            #sq::Expr::col((#sq::Alias::new(#join_name), #sq::Alias::new(#other)))
                                .equals((#tiden::Table, #tiden::#their_id)),
                        )
                        .and_where(
                            #sq::Expr::col((#sq::Alias::new(#join_name), #sq::Alias::new(#own_column)))
                                .eq::<#sq::SimpleExpr>(#value),
                        )
                        .to_owned()
                }
            }
        };
        let what = match &relation.kind {
            RelationKind::Holds { .. } => format!(" The `{tname}` this row's `{}` points to.", relation.field),
            RelationKind::HeldBy { many: true, .. } => {
                format!(" The `{tname}` rows pointing to this one (`{}`).", relation.field)
            }
            RelationKind::HeldBy { many: false, .. } => {
                format!(" The `{tname}` pointing to this row (`{}`).", relation.field)
            }
            RelationKind::ManyToMany { join, .. } => {
                format!(" The `{tname}` rows related to this one through `{join}` (`{}`).", relation.field)
            }
        };
        let renamed = renamed.as_ref().map(|r| {
            let r = format!(" Named so: {r}.");
            quote!(#[doc = ""] #[doc = #r])
        });
        out.push(quote! {
            #[doc = #what]
            #renamed
            pub fn #method(&self) -> #sq::SelectStatement {
                #body
            }
        });
    }
    out
}
