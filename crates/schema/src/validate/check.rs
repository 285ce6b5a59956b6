//! `@check("SQL")` / `@@check("SQL")`: field names in the expression become quoted column names.
//!
//! PostgreSQL folds unquoted identifiers to lower case, so `usdValue >= 0` written by hand checks a column
//! `usdvalue` that does not exist. Here each bare identifier that names a field of the model is replaced by
//! the quoted column name (`"usdValue"`), and an identifier that is neither a field, a column, an SQL
//! keyword nor a function name is an error that points into the string.

use refract_diagnostics::{Diagnostic, Span};

/// Words that may appear bare in a CHECK expression without naming a column.
const SQL_WORDS: &[&str] = &[
    "all",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "at",
    "between",
    "bigint",
    "bit",
    "bool",
    "boolean",
    "bytea",
    "case",
    "cast",
    "char",
    "character",
    "collate",
    "current_date",
    "current_time",
    "current_timestamp",
    "current_user",
    "date",
    "day",
    "decimal",
    "default",
    "desc",
    "distinct",
    "double",
    "else",
    "end",
    "escape",
    "exists",
    "false",
    "first",
    "from",
    "hour",
    "ilike",
    "in",
    "inet",
    "int",
    "integer",
    "interval",
    "is",
    "isnull",
    "json",
    "jsonb",
    "last",
    "like",
    "localtime",
    "localtimestamp",
    "minute",
    "month",
    "not",
    "notnull",
    "null",
    "nulls",
    "numeric",
    "or",
    "overlaps",
    "precision",
    "real",
    "second",
    "session_user",
    "similar",
    "smallint",
    "some",
    "symmetric",
    "text",
    "then",
    "time",
    "timestamp",
    "timestamptz",
    "to",
    "true",
    "unknown",
    "user",
    "uuid",
    "varchar",
    "varying",
    "when",
    "with",
    "without",
    "year",
    "zone",
];

/// A column a check expression can name: by its field name or its database name.
pub(crate) struct CheckColumn<'a> {
    pub field: &'a str,
    pub column: &'a str,
}

pub(crate) struct RewrittenCheck {
    pub expression: String,
    /// Database names of the columns used, without repeats, in order of first use.
    pub columns: Vec<String>,
}

/// Rewrite `sql` (the unescaped contents of the string literal whose raw text starts at `literal_start`).
pub(crate) fn rewrite(
    sql: &str,
    raw_literal: &str,
    literal_start: usize,
    model: &str,
    columns: &[CheckColumn<'_>],
    diags: &mut Vec<Diagnostic>,
) -> Option<RewrittenCheck> {
    let b = sql.as_bytes();
    let mut out = String::with_capacity(sql.len() + 16);
    let mut used: Vec<String> = Vec::new();
    let mut ok = true;
    let mut i = 0;
    // The span of a piece of `sql` inside the schema file: exact when the literal has no escapes.
    let span_of = |start: usize, end: usize| {
        if raw_literal.len() == sql.len() + 2 {
            Span::new(literal_start + 1 + start, literal_start + 1 + end)
        } else {
            Span::new(literal_start, literal_start + raw_literal.len())
        }
    };
    let mut previous_significant: Option<u8> = None;
    while i < b.len() {
        let c = b[i];
        if c == b'\'' {
            // A string literal: copied untouched ('' is an escaped quote).
            let start = i;
            i += 1;
            loop {
                match b.get(i) {
                    None => break,
                    Some(b'\'') if b.get(i + 1) == Some(&b'\'') => i += 2,
                    Some(b'\'') => {
                        i += 1;
                        break;
                    }
                    Some(_) => i += 1,
                }
            }
            out.push_str(&sql[start..i]);
            previous_significant = Some(b'\'');
            continue;
        }
        if c == b'"' {
            let start = i;
            let end = sql[i + 1..].find('"').map_or(b.len(), |e| i + 1 + e + 1);
            let name = sql[start + 1..end.saturating_sub(1).max(start + 1)].to_string();
            match columns.iter().find(|col| col.column == name) {
                Some(col) => {
                    if !used.iter().any(|u| u == col.column) {
                        used.push(col.column.to_string());
                    }
                }
                None => {
                    ok = false;
                    diags.push(unknown_name(&name, model, columns, span_of(start, end)));
                }
            }
            out.push_str(&sql[start..end]);
            i = end;
            previous_significant = Some(b'"');
            continue;
        }
        if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'$' || b[i] >= 0x80) {
                i += 1;
            }
            let word = &sql[start..i];
            let mut j = i;
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            let is_call = b.get(j) == Some(&b'(');
            let after_cast = previous_significant == Some(b':');
            let qualified = previous_significant == Some(b'.') || b.get(i) == Some(&b'.');
            let keyword = SQL_WORDS.contains(&word.to_ascii_lowercase().as_str());
            if let Some(col) = columns.iter().find(|col| col.field == word || col.column == word)
                && !is_call
                && !after_cast
                && !qualified
            {
                out.push_str(&refract_ir::quote_identifier(col.column));
                if !used.iter().any(|u| u == col.column) {
                    used.push(col.column.to_string());
                }
            } else {
                if !(is_call || after_cast || qualified || keyword) {
                    ok = false;
                    diags.push(unknown_name(word, model, columns, span_of(start, i)));
                }
                out.push_str(word);
            }
            previous_significant = Some(b'a');
            continue;
        }
        if !c.is_ascii_whitespace() {
            previous_significant = Some(c);
        }
        // Copy one character (not one byte: `sql` is UTF-8).
        let len = sql[i..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&sql[i..i + len]);
        i += len;
    }
    ok.then_some(RewrittenCheck { expression: out, columns: used })
}

fn unknown_name(name: &str, model: &str, columns: &[CheckColumn<'_>], span: Span) -> Diagnostic {
    let fields: Vec<_> = columns.iter().map(|c| c.field).collect();
    Diagnostic::error(
        "unknown-field-in-check",
        span,
        format!("`{name}` in this CHECK expression is not a field of model `{model}`"),
    )
    .with_help(format!("the fields are: {}", fields.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols() -> Vec<CheckColumn<'static>> {
        vec![
            CheckColumn { field: "usdValue", column: "usdValue" },
            CheckColumn { field: "name", column: "display_name" },
            CheckColumn { field: "createdAt", column: "created_at" },
        ]
    }

    fn run(sql: &str) -> (Option<RewrittenCheck>, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let raw = format!("\"{sql}\"");
        let r = rewrite(sql, &raw, 100, "M", &cols(), &mut d);
        (r, d)
    }

    #[test]
    fn fields_become_quoted_columns() {
        let (r, d) = run("usdValue >= 0 AND name <> '' AND createdAt < now()");
        assert!(d.is_empty(), "{d:?}");
        let r = r.unwrap();
        assert_eq!(r.expression, "\"usdValue\" >= 0 AND \"display_name\" <> '' AND \"created_at\" < now()");
        assert_eq!(r.columns, ["usdValue", "display_name", "created_at"]);
    }

    #[test]
    fn strings_casts_and_functions_are_left_alone() {
        let (r, d) =
            run("name ~ '^usdValue$' AND length(name) < 5 AND usdValue::numeric > 0 AND \"display_name\" IS NOT NULL");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(
            r.unwrap().expression,
            "\"display_name\" ~ '^usdValue$' AND length(\"display_name\") < 5 AND \"usdValue\"::numeric > 0 AND \"display_name\" IS NOT NULL"
        );
    }

    #[test]
    fn unknown_names_point_into_the_string() {
        let (r, d) = run("usdvalue >= 0");
        assert!(r.is_none());
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].span, Span::new(101, 109));
        assert!(d[0].message.contains("`usdvalue`"), "{}", d[0].message);
    }
}
