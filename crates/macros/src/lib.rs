//! `refract::models!("schema/schema.prisma")`: the models of a schema file, generated at compile
//! time. A thin shim: it reads and checks the file, and hands the IR to `refract-codegen`.
//!
//! The path is relative to the calling crate's manifest (`CARGO_MANIFEST_DIR`): a schema file, or a
//! folder of `.prisma` files read as one schema (Prisma's multi-file schemas). Each file is
//! `include_bytes!`-ed into a constant so Cargo rebuilds the crate when one of them changes. A file
//! added to the folder later is not seen until something else makes Cargo rebuild the crate (touch one
//! of the schema's files, or `cargo clean -p`): a proc-macro cannot tell Cargo to watch a folder on
//! stable Rust. A schema with errors becomes a `compile_error!` at the macro call, quoting the schema's
//! own diagnostics (file:line:col and a caret, in the file the problem is in).

use std::path::{Path, PathBuf};

use proc_macro::TokenStream;
use quote::quote;
use refract_codegen::Options;
use refract_diagnostics::{Format, render};

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
    // Read as the user named it, so diagnostics say `schema/user.prisma:3:5`, not an absolute path.
    // Errors name the absolute path: the one the macro tried.
    let sources = refract_schema::files::read_sources_shown_as(&path, Path::new(&relative))?;
    let checked = refract_schema::check_sources(&sources);
    if checked.has_errors() {
        let report = render(&sources, &checked.diagnostics, Format::Human { color: false });
        return Err(format!("the schema {relative} has errors:\n{report}"));
    }
    let generated = refract_codegen::generate(&checked.schema, options());
    let tokens = generated.tokens;
    // The same files, in the same order, as the ones just read.
    let tracked: Vec<String> =
        refract_schema::schema_files(&path)?.iter().map(|file| file.display().to_string()).collect();
    Ok(quote! {
        // Makes Cargo rebuild this crate when a schema file changes.
        #(const _: &[u8] = include_bytes!(#tracked);)*
        #tokens
    })
}
