//! Names: PostgreSQL's 63-byte limit on identifiers, and "did you mean" suggestions for typos.

use refract_diagnostics::{Diagnostic, Span};
use refract_ir::MAX_IDENTIFIER_BYTES;

/// The name PostgreSQL stores instead of `name` for a table, column or type, when it stores another one:
/// identifiers over 63 bytes are cut (at a character boundary) without an error. Prisma accepts such
/// names, so refract does too, with a warning, and the IR holds the name the database will really have,
/// so introspection matches it. `None`: the name is stored as it is (and the caller keeps it, with no
/// copy). (Default constraint names are derived from these names and cut at 63 bytes anyway, so cutting
/// the name first gives the same constraint names Prisma computes from the full one.)
pub(crate) fn truncated_name(name: &str, span: Span, what: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
    if name.len() <= MAX_IDENTIFIER_BYTES {
        return None;
    }
    let cut = refract_ir::truncate_to_bytes(name, MAX_IDENTIFIER_BYTES);
    diags.push(
        Diagnostic::warning(
            "name-truncated",
            span,
            format!(
                "the {what} name `{name}` is {} bytes long; PostgreSQL keeps only the first 63: `{cut}`",
                name.len()
            ),
        )
        .with_help("use a shorter name (or `@map`/`@@map` to a shorter database name)"),
    );
    Some(cut.to_string())
}

/// A constraint or index name given with `map:`. Prisma refuses names over 63 bytes: PostgreSQL would
/// cut them and they would never match again.
pub(crate) fn check_identifier_length(name: &str, span: Span, what: &str, diags: &mut Vec<Diagnostic>) {
    if name.len() > MAX_IDENTIFIER_BYTES {
        diags.push(
            Diagnostic::error(
                "name-too-long",
                span,
                format!("the {what} name `{name}` is {} bytes long; PostgreSQL allows at most 63", name.len()),
            )
            .with_help("choose a shorter name: PostgreSQL would cut this one, and it would never match again"),
        );
    }
}

/// The closest of `candidates` to `name`, if it is close enough to be a typo (Levenshtein distance,
/// ignoring ASCII case, at most 2 or a quarter of the candidate's length).
pub(crate) fn closest<'c>(name: &str, candidates: impl Iterator<Item = &'c str>) -> Option<&'c str> {
    let lower = name.to_ascii_lowercase();
    candidates
        .map(|c| (strsim::levenshtein(&lower, &c.to_ascii_lowercase()), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}
