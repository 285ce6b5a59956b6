//! Arguments that several attributes share: `map:` (a constraint's name), `sort:`, `where:` (partial
//! indexes), the SQL of `@check`/`@@check`, and the arguments only other databases take.

use refract_diagnostics::Diagnostic;
use refract_ir::SortOrder;

use super::args::{Args, expect_constant, expect_string};
use super::naming::check_identifier_length;
use crate::ast::Expr;

pub(crate) fn check_args<'a>(
    args: &mut Args<'a>,
    diags: &mut Vec<Diagnostic>,
) -> (Option<&'a crate::ast::StringLit<'a>>, Option<String>) {
    let map = map_arg(args, "check constraint", diags);
    let expr = match args.named_or_positional("expression") {
        Some(Expr::String(s)) => Some(&**s),
        Some(other) => {
            diags.push(Diagnostic::error(
                "argument-type",
                other.span(),
                "a CHECK expression is a string of SQL, like `@check(\"price > 0\")`",
            ));
            None
        }
        None => {
            diags.push(Diagnostic::error(
                "invalid-check",
                args.span(),
                format!("`{}` needs an SQL expression, like `(\"price > 0\")`", args.display_name()),
            ));
            None
        }
    };
    (expr, map)
}

pub(crate) fn sort_arg(args: &mut Args<'_>, diags: &mut Vec<Diagnostic>) -> SortOrder {
    match args.named("sort").and_then(|e| expect_constant(e, "`sort`", diags)) {
        Some("Desc") => SortOrder::Desc,
        Some("Asc") | None => SortOrder::Asc,
        Some(other) => {
            diags.push(Diagnostic::error(
                "invalid-sort",
                args.span(),
                format!("unknown sort order `{other}`: use `Asc` or `Desc`"),
            ));
            SortOrder::Asc
        }
    }
}

pub(crate) fn map_arg(args: &mut Args<'_>, what: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let e = args.named("map")?;
    let v = expect_string(e, "`map`", diags)?;
    if v.is_empty() {
        diags.push(Diagnostic::error("invalid-map", e.span(), "`map` cannot be empty"));
        return None;
    }
    check_identifier_length(v, e.span(), what, diags);
    Some(v.to_string())
}

/// `where: raw("...")`: a partial index (refract's extension).
pub(crate) fn where_arg(args: &mut Args<'_>, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let e = args.named("where")?;
    match e {
        Expr::Function(f) if f.name.name == "raw" => match &*f.arguments.items {
            [a] if a.name.is_none() => expect_string(&a.value, "the predicate", diags).map(str::to_string),
            _ => {
                diags.push(Diagnostic::error("argument-type", e.span(), "`where` takes `raw(\"SQL predicate\")`"));
                None
            }
        },
        _ => {
            diags.push(Diagnostic::error(
                "argument-type",
                e.span(),
                "`where` takes `raw(\"SQL predicate\")`, for example `where: raw(\"deleted_at IS NULL\")`",
            ));
            None
        }
    }
}

/// Arguments that only mean something on other databases.
pub(crate) fn reject_other_databases(args: &mut Args<'_>, diags: &mut Vec<Diagnostic>) {
    for (arg, db) in [("length", "MySQL"), ("clustered", "SQL Server")] {
        if let Some(e) = args.named(arg) {
            diags.push(Diagnostic::error(
                "unsupported-argument",
                e.span(),
                format!("`{arg}:` is only supported on {db}, not PostgreSQL"),
            ));
        }
    }
}
