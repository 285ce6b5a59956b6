//! The rules a `view` block adds to a model's (Prisma 6.14+, checked case by case with
//! `prisma-oracle validate`): a view is the user's SQL, so nothing in it may ask the database for a
//! key, an index or a constraint. `@unique`/`@@unique` stay, as plain promises for lookups (not backed
//! by an index, so without `map:`, `clustered:` or per-field arguments). A view needs no unique
//! criterion, and its relations create no foreign key (see `relations`).

use refract_diagnostics::Diagnostic;

use super::records::ModelInfo;
use crate::ast::{Attribute, Expr, Member};

pub(crate) fn check(info: &ModelInfo<'_>, diags: &mut Vec<Diagnostic>) {
    for member in &info.block.members {
        match member {
            Member::Field(f) => {
                for attr in &f.attributes {
                    attribute(attr, false, diags);
                }
            }
            Member::Attribute(attr) => attribute(attr, true, diags),
            _ => {}
        }
    }
}

fn attribute(attr: &Attribute<'_>, on_block: bool, diags: &mut Vec<Diagnostic>) {
    let at = if on_block { "@@" } else { "@" };
    match attr.name.name {
        "id" => diags.push(
            Diagnostic::error("view-primary-key", attr.span, "views cannot have primary keys").with_help(format!(
                "use `{at}unique` instead: it is not enforced by the database, but lets applications look rows up by it"
            )),
        ),
        "index" | "fulltext" => diags.push(
            Diagnostic::error("view-index", attr.span, "views cannot have indexes")
                .with_help("index the tables the view reads from, in the model blocks"),
        ),
        "check" => diags.push(
            Diagnostic::error("view-check", attr.span, "views cannot have CHECK constraints")
                .with_help("put the CHECK on the model of the table the view reads from"),
        ),
        "unique" => unique(attr, on_block, diags),
        _ => {}
    }
}

/// `@unique`/`@@unique` on a view is no index: nothing that names or shapes one.
fn unique(attr: &Attribute<'_>, on_block: bool, diags: &mut Vec<Diagnostic>) {
    let at = if on_block { "@@" } else { "@" };
    for arg in attr.args() {
        let Some(name) = &arg.name else {
            // `@@unique([a, b(sort: Desc)])`: a field with arguments.
            if let Expr::Array(items, _) = &arg.value {
                for item in items.iter().filter(|i| matches!(i, Expr::Function(_))) {
                    diags.push(field_arguments(at, item.span()));
                }
            }
            continue;
        };
        match name.name {
            "map" => diags.push(
                Diagnostic::error(
                    "view-unique-map",
                    arg.span,
                    format!("`{at}unique` on a view is not backed by a unique index in the database, so it cannot name one with `map:`"),
                )
                .with_help("remove `map:`; `name:` names the lookup"),
            ),
            "clustered" => diags.push(Diagnostic::error(
                "view-unique-clustered",
                arg.span,
                format!("`{at}unique` on a view is not backed by a unique index in the database, so it cannot be clustered"),
            )),
            "sort" | "length" | "ops" => diags.push(field_arguments(at, arg.span)),
            "fields" => {
                if let Expr::Array(items, _) = &arg.value {
                    for item in items.iter().filter(|i| matches!(i, Expr::Function(_))) {
                        diags.push(field_arguments(at, item.span()));
                    }
                }
            }
            _ => {}
        }
    }
}

fn field_arguments(at: &str, span: refract_diagnostics::Span) -> Diagnostic {
    Diagnostic::error(
        "view-unique-arguments",
        span,
        format!(
            "fields in `{at}unique` on a view cannot have arguments (`sort`, `length`, `ops`): there is no index to shape"
        ),
    )
}
