//! Several database schemas (Prisma's `multiSchema`): the datasource lists them in `schemas`, and then
//! every model and enum names its own with `@@schema("...")` (Prisma's rules: a name from the list,
//! given once, and on every model and enum).

use refract_diagnostics::{Diagnostic, Span};

use super::args::{Args, expect_string};
use super::config::Datasource;

/// The schema named by `@@schema("name")` on a model or enum (`args` are its arguments), checked
/// against the datasource's list. `None` when no usable name is given (reported).
pub(crate) fn schema_attribute(args: &mut Args<'_>, ds: &Datasource, diags: &mut Vec<Diagnostic>) -> Option<String> {
    // `map:` is Prisma's name for the argument; refract also took `name:`, and still does.
    let Some(expr) = args.named("map").or_else(|| args.named("name")).or_else(|| args.positional()) else {
        diags.push(
            Diagnostic::error("missing-argument", args.span(), "`@@schema` needs the name of a database schema")
                .with_help("write it like `@@schema(\"public\")`"),
        );
        return None;
    };
    let v = expect_string(expr, "`@@schema`", diags)?;
    if !ds.schemas.iter().any(|s| s == v) {
        let help = if ds.schemas.is_empty() {
            format!("list it in datasource `{}`: `schemas = [\"{v}\"]`", ds.name)
        } else {
            format!("add it to `schemas = [...]` in datasource `{}`", ds.name)
        };
        diags.push(
            Diagnostic::error("unknown-schema", args.span(), format!("schema `{v}` is not listed in the datasource"))
                .with_help(help),
        );
    }
    Some(v.to_string())
}

/// A model or enum that names no schema while the datasource lists some.
pub(crate) fn require_schema(
    kind: &str,
    name: &str,
    span: Span,
    has_schema_attribute: bool,
    ds: &Datasource,
    diags: &mut Vec<Diagnostic>,
) {
    if has_schema_attribute || ds.schemas.is_empty() {
        return;
    }
    diags.push(
        Diagnostic::error(
            "missing-schema",
            span,
            format!("{kind} `{name}` has no `@@schema` attribute; the datasource lists `schemas`, so every model and enum names its schema"),
        )
        .with_help(format!("add `@@schema(\"{}\")` (or another of: {})", ds.schemas[0], ds.schemas.join(", "))),
    );
}
