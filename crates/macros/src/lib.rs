//! `refract::models!("schema/schema.prisma")`: the models of a schema file, generated at compile
//! time. A thin shim: it reads and checks the file, and hands the IR to `refract-codegen`.
//!
//! The path is relative to the calling crate's manifest (`CARGO_MANIFEST_DIR`). The file is
//! `include_bytes!`-ed into a constant so Cargo rebuilds the crate when the schema changes. A schema
//! with errors becomes a `compile_error!` at the macro call, quoting the schema's own diagnostics
//! (file:line:col and a caret).

use std::path::PathBuf;

use proc_macro::TokenStream;
use quote::quote;
use refract_codegen::Options;
use refract_diagnostics::{Format, SourceFile, render};

#[proc_macro]
pub fn models(input: TokenStream) -> TokenStream {
    let literal = syn::parse_macro_input!(input as syn::LitStr);
    match expand(&literal) {
        Ok(tokens) => tokens.into(),
        Err(message) => syn::Error::new(literal.span(), message).to_compile_error().into(),
    }
}

fn options() -> Options {
    Options {
        postgres: cfg!(feature = "postgres"),
        sqlx: cfg!(feature = "sqlx"),
        serde: cfg!(feature = "serde"),
        sea_query: cfg!(feature = "sea-query"),
    }
}

fn expand(literal: &syn::LitStr) -> Result<proc_macro2::TokenStream, String> {
    let relative = literal.value();
    let base = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from).unwrap_or_default();
    let path = base.join(&relative);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read the schema {}: {e}", path.display()))?;
    let checked = refract_schema::check(&text);
    if checked.has_errors() {
        let file = SourceFile::new(relative.clone(), text.clone());
        let report = render(&file, &checked.diagnostics, Format::Human { color: false });
        return Err(format!("the schema {relative} has errors:\n{report}"));
    }
    let generated = refract_codegen::generate(&checked.schema, options());
    let tokens = generated.tokens;
    let tracked = path.display().to_string();
    Ok(quote! {
        // Makes Cargo rebuild this crate when the schema file changes.
        const _: &[u8] = include_bytes!(#tracked);
        #tokens
    })
}
