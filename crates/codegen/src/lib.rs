//! Rust models from the IR: per model a struct, an insert type and the database names (per view the
//! same, read-only: no insert type); per enum a Rust enum mapped to its database values; and, as the
//! runtime crate's features ask, row mappings for tokio-postgres/postgres and sqlx, serde derives and
//! sea-query identifiers.
//!
//! The `refract::models!` proc-macro and `refract generate` are thin shims over [`generate`], so the
//! generator is tested like any library (the sqlx pattern).
//!
//! Architecture invariant: generated code names everything through `::refract::...` (the runtime
//! crate re-exports chrono, uuid, rust_decimal, serde_json and the optional drivers), so a user's
//! crate needs `refract` and nothing else, and the versions always agree.

mod enums;
mod inserts;
mod model;
mod names;
mod queries;
mod relations;
mod types;

use proc_macro2::TokenStream;
use quote::quote;
use refract_ir::Schema;

/// What to generate besides the plain types; the runtime crate's features decide it for the macro.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// `FromSql`/`ToSql` for enums and `TryFrom<&Row>` for models (tokio-postgres and postgres).
    pub postgres: bool,
    /// `sqlx::FromRow` for models, `sqlx::Type`/`Encode`/`Decode` for enums.
    pub sqlx: bool,
    /// `Serialize`/`Deserialize` on models, insert types and enums.
    pub serde: bool,
    /// `Iden` enums for tables and columns, the statements (`find`, lookups, `update`, `delete`,
    /// relation methods; `insert`, `insert_many` and `upsert_by_…` on the insert types), and the typed
    /// columns (`M::F`) and relations (`M::R`).
    pub sea_query: bool,
}

impl Options {
    pub fn all() -> Options {
        Options { postgres: true, sqlx: true, serde: true, sea_query: true }
    }

    /// From names as in Cargo features (`postgres`, `sqlx`, `serde`, `sea-query`).
    pub fn from_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Result<Options, String> {
        let mut o = Options::default();
        for n in names {
            match n.trim() {
                "postgres" | "tokio-postgres" => o.postgres = true,
                "sqlx" => o.sqlx = true,
                "serde" => o.serde = true,
                "sea-query" | "sea_query" => o.sea_query = true,
                "" => {}
                other => {
                    return Err(format!(
                        "unknown feature `{other}`: the features are postgres, sqlx, serde, sea-query"
                    ));
                }
            }
        }
        Ok(o)
    }
}

/// Derives and attributes the application adds to the generated models (row structs and insert
/// types): for every model, and for one model by its schema name. Tokens keep the spans they were
/// written with, so a derive that does not apply is a compile error pointing where it was written.
#[derive(Debug, Clone, Default)]
pub struct Customize {
    pub derives: Vec<TokenStream>,
    /// Each the inside of `#[...]` (`serde(rename_all = "camelCase")`).
    pub attributes: Vec<TokenStream>,
    /// Model name to (derives, attributes).
    pub models: std::collections::HashMap<String, (Vec<TokenStream>, Vec<TokenStream>)>,
}

impl Customize {
    /// From text, as refract.toml's `[generate]` holds it: derive paths (`Hash`,
    /// `schemars::JsonSchema`) and attribute bodies (`serde(rename_all = "camelCase")`).
    pub fn add_text(&mut self, model: Option<&str>, derives: &[String], attributes: &[String]) -> Result<(), String> {
        let parse = |s: &str, what: &str| -> Result<TokenStream, String> {
            s.parse::<TokenStream>().map_err(|e| format!("invalid {what} `{s}` in [generate]: {e}"))
        };
        let derives = derives.iter().map(|d| parse(d, "derive")).collect::<Result<Vec<_>, _>>()?;
        let attributes = attributes.iter().map(|a| parse(a, "attribute")).collect::<Result<Vec<_>, _>>()?;
        match model {
            None => {
                self.derives.extend(derives);
                self.attributes.extend(attributes);
            }
            Some(m) => {
                let entry = self.models.entry(m.to_string()).or_default();
                entry.0.extend(derives);
                entry.1.extend(attributes);
            }
        }
        Ok(())
    }

    /// `#[derive(...)]` and `#[...]` for the model `model`.
    fn for_model(&self, model: &str) -> TokenStream {
        let (own_derives, own_attributes) = self.models.get(model).map(|(d, a)| (&d[..], &a[..])).unwrap_or_default();
        let derives: Vec<&TokenStream> = self.derives.iter().chain(own_derives).collect();
        let attributes = self.attributes.iter().chain(own_attributes);
        let derive = (!derives.is_empty()).then(|| quote!(#[derive(#(#derives),*)]));
        quote!(#derive #(#[#attributes])*)
    }
}

/// The generated items, and what was left out on the way.
pub struct Generated {
    pub tokens: TokenStream,
    /// Columns the generator cannot map to a Rust type, skipped (one sentence each).
    pub notes: Vec<String>,
}

/// The models, insert types and enums of `schema`.
pub fn generate(schema: &Schema, options: Options) -> Generated {
    generate_with(schema, options, &Customize::default())
}

/// [`generate`], with the application's derives and attributes on the models.
pub fn generate_with(schema: &Schema, options: Options, customize: &Customize) -> Generated {
    let mut notes = Vec::new();
    let enums = schema.enums.values().map(|e| enums::generate(e, options));
    let names = names::names(schema);
    let cx = model::Context { schema, options, names: &names };
    let models: Vec<TokenStream> = schema
        .tables
        .iter()
        // Implicit many-to-many join tables have no model.
        .filter(|(_, t)| t.model.is_some())
        .map(|(k, t)| {
            let extra = customize.for_model(t.model.as_deref().unwrap_or(&t.name));
            model::generate(&cx, t, k, model::Source::Table, &extra, &mut notes)
        })
        .collect();
    let views: Vec<TokenStream> = schema
        .views
        .iter()
        .map(|(k, v)| {
            let extra = customize.for_model(v.model.as_deref().unwrap_or(&v.name));
            model::generate(&cx, v, k, model::Source::View, &extra, &mut notes)
        })
        .collect();
    Generated { tokens: quote! { #(#enums)* #(#models)* #(#views)* }, notes }
}

/// [`generate`] as a formatted Rust file, with a header saying where it comes from.
pub fn generate_file(
    schema: &Schema,
    options: Options,
    customize: &Customize,
    source: &str,
) -> Result<(String, Vec<String>), String> {
    let generated = generate_with(schema, options, customize);
    let file: syn::File = syn::parse2(generated.tokens).map_err(|e| format!("generated code does not parse: {e}"))?;
    let header = format!(
        "// @generated by `refract generate` from {source}. Do not edit: change the schema and generate again.\n\n"
    );
    Ok((header + &prettyplease::unparse(&file), generated.notes))
}

#[cfg(test)]
mod tests;
