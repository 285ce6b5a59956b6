//! A model's relation constants: `M::R` per relation field, a `refract::Relation<M, Target, Kind>`
//! that `refract::exec::*::load` runs for many rows in one query (and, on implicit many-to-many
//! relations, `connect`/`disconnect` the join table's rows).
//!
//! The query is written here, whole, as text: the rows' keys arrive as arrays (`$1` the rows'
//! positions, then one array per key column), are unnested into a table `k`, and joined to the target
//! (through the join table for many-to-many); each result carries its row's position. The runtime
//! binds the arrays, runs it and puts each result in its row's entry.

use std::collections::HashMap;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use refract_ir::{ColumnType, RelationKind, Schema, Table, quote_identifier as q};

use crate::model::{Mapped, owned, value_of};
use crate::names::ModelNames;
use crate::types::field;

/// The `M::R` constants of `table`'s relation fields (those whose keys the structs map).
pub(crate) fn generate(
    table: &Table,
    schema: &Schema,
    mapped: &[Mapped<'_>],
    names: &ModelNames,
    all: &HashMap<String, ModelNames>,
) -> Vec<TokenStream> {
    let name = &names.name;
    let own = |column: &str| mapped.iter().find(|m| m.column.name == column);
    let mut out = Vec::new();
    for (relation, konst) in table.relations.iter().zip(&names.relation_consts) {
        let Some(target) = all.get(&relation.target) else { continue };
        let Some(target_table) = schema.tables.get(&relation.target).or(schema.views.get(&relation.target)) else {
            continue;
        };
        let tname = &target.name;
        // The target's columns its struct reads, which the query selects.
        let selected: Vec<String> = target_table
            .columns
            .values()
            .filter(|c| field(c, schema).is_some())
            .map(|c| format!("\"t\".{}", q(&c.name)))
            .collect();
        let theirs = |column: &str| target_table.columns.get(column).filter(|c| field(c, schema).is_some());
        let order = target_table
            .primary_key
            .as_ref()
            .map(|pk| pk.columns.iter().map(|c| format!(", \"t\".{}", q(&c.name))).collect::<String>())
            .unwrap_or_default();

        // (own key columns, the target's columns they match or the join, kind, docs)
        let (keys, join, kind, what): (Vec<&Mapped<'_>>, String, TokenStream, String) = match &relation.kind {
            RelationKind::Holds { columns, referenced } => {
                let Some(keys) = columns.iter().map(|c| own(c)).collect::<Option<Vec<_>>>() else { continue };
                if referenced.iter().any(|r| theirs(r).is_none()) {
                    continue;
                }
                let on = on(referenced.iter().map(|r| format!("\"t\".{}", q(r))));
                let join = format!(" JOIN {} AS \"t\" ON {on}", q(&target_table.name));
                let what = format!("The `{tname}` each row's `{}` points to", relation.field);
                (keys, join, quote!(::refract::relation::ToOne), what)
            }
            RelationKind::HeldBy { columns, referenced, many } => {
                let Some(keys) = referenced.iter().map(|c| own(c)).collect::<Option<Vec<_>>>() else { continue };
                if columns.iter().any(|c| theirs(c).is_none()) {
                    continue;
                }
                let on = on(columns.iter().map(|c| format!("\"t\".{}", q(c))));
                let mut join = format!(" JOIN {} AS \"t\" ON {on}", q(&target_table.name));
                let (kind, what) = if *many {
                    join.push_str(&format!(" ORDER BY \"k\".\"i\"{order}"));
                    (quote!(::refract::relation::ToMany), format!("The `{tname}` rows pointing to each row"))
                } else {
                    (quote!(::refract::relation::ToOne), format!("The `{tname}` pointing to each row (one-to-one)"))
                };
                (keys, join, kind, format!("{what} (`{}`)", relation.field))
            }
            RelationKind::ManyToMany { join, own: own_column, other, id, target_id } => {
                let (Some(join_table), Some(my_id), Some(_)) = (schema.tables.get(join), own(id), theirs(target_id))
                else {
                    continue;
                };
                let join = format!(
                    " JOIN {jt} AS \"j\" ON \"j\".{own} = \"k\".\"c0\" JOIN {t} AS \"t\" ON \"t\".{tid} = \"j\".{other} ORDER BY \"k\".\"i\"{order}",
                    jt = q(&join_table.name),
                    own = q(own_column),
                    t = q(&target_table.name),
                    tid = q(target_id),
                    other = q(other),
                );
                let what = format!("The `{tname}` rows linked to each row through `{}`", join_table.name);
                (vec![my_id], join, quote!(::refract::relation::ManyToMany), format!("{what} (`{}`)", relation.field))
            }
        };

        let arrays: Vec<String> = keys
            .iter()
            .enumerate()
            .map(|(n, m)| format!(", {}", array_cast(m.column.ty.clone(), n + 2, schema)))
            .collect();
        let k_columns: String = (0..keys.len()).map(|n| format!(", \"c{n}\"")).collect();
        let sql = format!(
            "SELECT {}, \"k\".\"i\" AS \"{position}\" FROM unnest(CAST($1 AS INTEGER[]){}) AS \"k\"(\"i\"{k_columns}){join}",
            selected.join(", "),
            arrays.concat(),
            position = "__refract_position",
        );
        let keys_fn = keys_fn(name, &keys);
        let doc = format!(
            " {what}, for `refract::exec::{{postgres, sqlx}}::load` (one query for many rows){}.",
            if matches!(relation.kind, RelationKind::ManyToMany { .. }) {
                "; `connect` and `disconnect` link rows"
            } else {
                ""
            }
        );
        let constructor = match &relation.kind {
            RelationKind::ManyToMany { join, own: own_column, other, id, target_id } => {
                let join_name = &schema.tables[join].name;
                let my_id = own(id).expect("checked above");
                let their_column = &target_table.columns[target_id];
                let their_names = &target.columns[target_id];
                let their_id = Mapped {
                    column: their_column,
                    ident: their_names.ident.clone(),
                    ty: field(their_column, schema).expect("checked above"),
                    variant: their_names.variant.clone(),
                    konst: their_names.konst.clone(),
                    renamed: None,
                };
                let own_value = value_of(my_id, schema, &quote!(row));
                let their_value = value_of(&their_id, schema, &quote!(row));
                quote! {
                    ::refract::Relation::many_to_many(#sql, #keys_fn, ::refract::relation::Link {
                        table: #join_name,
                        own: #own_column,
                        other: #other,
                        own_id: |row: &#name| -> ::refract::sea_query::SimpleExpr { #own_value },
                        other_id: |row: &#tname| -> ::refract::sea_query::SimpleExpr { #their_value },
                    })
                }
            }
            _ => quote!(::refract::Relation::new(#sql, #keys_fn)),
        };
        let plain =
            crate::types::const_ident(crate::types::field_ident(&relation.field).to_string().trim_start_matches("r#"));
        let renamed = (*konst != plain).then(|| {
            let note = format!(" Named so because `{plain}` is taken by another constant.");
            quote!(#[doc = ""] #[doc = #note])
        });
        out.push(quote! {
            #[doc = #doc]
            #renamed
            pub const #konst: ::refract::Relation<#name, #tname, #kind> = #constructor;
        });
    }
    out
}

/// `a = "k"."c0" AND b = "k"."c1"`.
fn on(columns: impl Iterator<Item = String>) -> String {
    columns.enumerate().map(|(n, c)| format!("{c} = \"k\".\"c{n}\"")).collect::<Vec<_>>().join(" AND ")
}

/// The array parameter `$n` of a key column of type `ty`, cast to that type's array (an enum's values
/// go as text).
fn array_cast(ty: ColumnType, n: usize, schema: &Schema) -> String {
    match &ty {
        ColumnType::Enum(key) => {
            let db_type = schema.enums.get(key).map_or(key.as_str(), |e| e.name.as_str());
            format!("CAST(CAST(${n} AS TEXT[]) AS {}[])", q(db_type))
        }
        _ => format!("CAST(${n} AS {}[])", ty.sql()),
    }
}

/// The closure giving the arrays of a slice of rows: their positions, then each key column's values,
/// rows with a NULL in their key left out.
fn keys_fn(name: &Ident, keys: &[&Mapped<'_>]) -> TokenStream {
    let arrays: Vec<Ident> = (0..keys.len()).map(|n| format_ident!("c{n}")).collect();
    let values: Vec<Ident> = (0..keys.len()).map(|n| format_ident!("v{n}")).collect();
    let binds = keys.iter().zip(&values).map(|(m, v)| {
        let ident = &m.ident;
        if m.column.nullable && !m.column.array {
            quote!(let ::std::option::Option::Some(#v) = &row.#ident else { continue };)
        } else {
            quote!(let #v = &row.#ident;)
        }
    });
    let pushes = keys.iter().zip(&arrays).zip(&values).map(|((m, a), v)| {
        let value = if matches!(m.column.ty, ColumnType::Enum(_)) {
            quote!(#v.as_str().to_string())
        } else if owned(m.column) {
            quote!(#v.clone())
        } else {
            quote!(*#v)
        };
        quote!(#a.push(#value);)
    });
    quote! {
        |rows: &[#name]| -> ::std::vec::Vec<::refract::sea_query::Value> {
            let mut positions: ::std::vec::Vec<i32> = ::std::vec::Vec::with_capacity(rows.len());
            #( let mut #arrays = ::std::vec::Vec::with_capacity(rows.len()); )*
            for (position, row) in rows.iter().enumerate() {
                #(#binds)*
                positions.push(position as i32);
                #(#pushes)*
            }
            ::std::vec![positions.into() #(, #arrays.into())*]
        }
    }
}
