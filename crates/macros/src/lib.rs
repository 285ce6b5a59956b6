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
//!
//! After the path, the application's derives and attributes for every model, then for one model:
//! `models!("schema.prisma", derive(Hash), attr(serde(rename_all = "camelCase")), model(Tag, derive(Ord)))`.
//! They keep the spans they were written with, so a derive that does not apply is an error there.

use std::path::{Path, PathBuf};

use proc_macro::TokenStream;
use quote::quote;
use refract_codegen::Options;
use refract_diagnostics::{Format, render};

/// `models!("path", derive(A, B), attr(serde(...)), model(Order, derive(C), attr(...)))`: the
/// schema, then derives and attributes for every model, then for one model by its schema name.
struct Args {
    path: syn::LitStr,
    customize: refract_codegen::Customize,
}

impl syn::parse::Parse for Args {
    fn parse(input: syn::parse::ParseStream<'_>) -> syn::Result<Args> {
        let path: syn::LitStr = input.parse()?;
        let mut customize = refract_codegen::Customize::default();
        while !input.is_empty() {
            input.parse::<syn::Token![,]>()?;
            if input.is_empty() {
                break;
            }
            let word: syn::Ident = input.parse()?;
            let content;
            syn::parenthesized!(content in input);
            match word.to_string().as_str() {
                "derive" | "attr" => add(&mut customize.derives, &mut customize.attributes, &word, &content)?,
                "model" => {
                    let model: syn::Ident = content.parse()?;
                    let entry = customize.models.entry(model.to_string()).or_default();
                    while !content.is_empty() {
                        content.parse::<syn::Token![,]>()?;
                        if content.is_empty() {
                            break;
                        }
                        let word: syn::Ident = content.parse()?;
                        let inner;
                        syn::parenthesized!(inner in content);
                        add(&mut entry.0, &mut entry.1, &word, &inner)?;
                    }
                }
                _ => {
                    return Err(syn::Error::new(
                        word.span(),
                        "expected `derive(...)`, `attr(...)` or `model(Name, derive(...), attr(...))`",
                    ));
                }
            }
        }
        Ok(Args { path, customize })
    }
}

/// `derive(A, b::C)` into derive paths, `attr(x(...), y)` into attribute bodies.
fn add(
    derives: &mut Vec<proc_macro2::TokenStream>,
    attributes: &mut Vec<proc_macro2::TokenStream>,
    word: &syn::Ident,
    content: syn::parse::ParseStream<'_>,
) -> syn::Result<()> {
    match word.to_string().as_str() {
        "derive" => {
            let paths = content.parse_terminated(syn::Path::parse_mod_style, syn::Token![,])?;
            derives.extend(paths.into_iter().map(|p| quote!(#p)));
        }
        "attr" => {
            let metas = content.parse_terminated(<syn::Meta as syn::parse::Parse>::parse, syn::Token![,])?;
            attributes.extend(metas.into_iter().map(|m| quote!(#m)));
        }
        _ => return Err(syn::Error::new(word.span(), "expected `derive(...)` or `attr(...)`")),
    }
    Ok(())
}

#[proc_macro]
pub fn models(input: TokenStream) -> TokenStream {
    let args = syn::parse_macro_input!(input as Args);
    match expand(&args.path, &args.customize) {
        Ok(tokens) => tokens.into(),
        Err(message) => syn::Error::new(args.path.span(), message).to_compile_error().into(),
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

fn expand(literal: &syn::LitStr, customize: &refract_codegen::Customize) -> Result<proc_macro2::TokenStream, String> {
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
    let generated = refract_codegen::generate_with(&checked.schema, options(), customize);
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
