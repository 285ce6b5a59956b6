//! A migration.sql file read the way the engine runs it: split into statements (quotes, dollar quotes
//! and comments respected), and grouped into segments by how they must run relative to transactions.
//!
//! Why split at all: PostgreSQL runs a multi-statement string as one implicit transaction and reports a
//! failure without saying which statement failed. Running statements one by one lets an error name the
//! statement, and lets the steps the planner marks (`-- refract:outside-transaction`) run outside a
//! transaction block, which `CREATE INDEX CONCURRENTLY` requires.

use refract_plan::{OUTSIDE_TRANSACTION_DIRECTIVE, OWN_TRANSACTION_DIRECTIVE};

/// A first line that makes the whole file run statement by statement, outside any transaction.
pub const NO_TRANSACTION_DIRECTIVE: &str = "-- refract:no-transaction";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// The statement's text, without its leading comments and without the final `;`.
    pub sql: String,
    /// 1-based line in the file where the statement's text starts.
    pub line: usize,
    /// 1-based position among the file's statements.
    pub number: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentMode {
    /// Statements that run together in one transaction.
    Transaction,
    /// Statements that each run on their own, outside a transaction block.
    Autocommit,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub mode: SegmentMode,
    pub statements: Vec<Statement>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Script {
    pub segments: Vec<Segment>,
}

impl Script {
    pub fn parse(text: &str) -> Script {
        let pieces = split(text);
        let file_opt_out =
            text.lines().find(|l| !l.trim().is_empty()).is_some_and(|l| l.trim() == NO_TRANSACTION_DIRECTIVE);
        // A file that manages its own transactions (BEGIN ... COMMIT at top level, as Prisma writes enum
        // rebuilds) runs as written: wrapping it would make its COMMIT end our transaction half-way.
        let manages_transactions = pieces.iter().any(|p| is_transaction_control(&p.statement.sql));
        if file_opt_out || manages_transactions {
            let statements: Vec<Statement> = pieces.into_iter().map(|p| p.statement).collect();
            let segments = if statements.is_empty() {
                Vec::new()
            } else {
                vec![Segment { mode: SegmentMode::Autocommit, statements }]
            };
            return Script { segments };
        }

        // Each segment remembers whether a directive made it: plain statements never join such a one.
        let mut segments: Vec<(Segment, bool)> = Vec::new();
        // The directive of the step being read. It applies to the step's statements, that is up to the
        // next statement that carries comments of its own (the next step's header).
        let mut directive: Option<SegmentMode> = None;
        for piece in pieces {
            let step_starts = piece.has_comments;
            if step_starts {
                directive = if piece.comments_contain(OUTSIDE_TRANSACTION_DIRECTIVE) {
                    Some(SegmentMode::Autocommit)
                } else if piece.comments_contain(OWN_TRANSACTION_DIRECTIVE) {
                    Some(SegmentMode::Transaction)
                } else {
                    None
                };
            }
            let joins_last = match (directive, segments.last()) {
                (Some(_), Some(_)) => !step_starts,
                (None, Some((last, from_directive))) => !from_directive && last.mode == SegmentMode::Transaction,
                (_, None) => false,
            };
            if joins_last {
                segments.last_mut().expect("checked above").0.statements.push(piece.statement);
            } else {
                let mode = directive.unwrap_or(SegmentMode::Transaction);
                segments.push((Segment { mode, statements: vec![piece.statement] }, directive.is_some()));
            }
        }
        Script { segments: segments.into_iter().map(|(s, _)| s).collect() }
    }

    pub fn statement_count(&self) -> usize {
        self.segments.iter().map(|s| s.statements.len()).sum()
    }

    /// True when the whole file runs in one transaction, so the history row can be written inside it.
    pub fn is_atomic(&self) -> bool {
        self.segments.len() <= 1 && self.segments.iter().all(|s| s.mode == SegmentMode::Transaction)
    }
}

fn is_transaction_control(sql: &str) -> bool {
    let first_word: String =
        sql.trim_start().chars().take_while(|c| c.is_ascii_alphabetic()).collect::<String>().to_ascii_uppercase();
    matches!(first_word.as_str(), "BEGIN" | "COMMIT" | "ROLLBACK" | "END")
        || sql.trim_start().to_ascii_uppercase().starts_with("START TRANSACTION")
}

struct Piece {
    statement: Statement,
    comments: String,
    has_comments: bool,
}

impl Piece {
    fn comments_contain(&self, directive: &str) -> bool {
        self.comments.lines().any(|l| l.trim() == directive)
    }
}

/// Splits SQL text at top-level semicolons. Each piece keeps the comments written before it.
fn split(text: &str) -> Vec<Piece> {
    let bytes = text.as_bytes();
    let mut pieces = Vec::new();
    let mut comments = String::new();
    let mut start: Option<usize> = None; // byte where the current statement's text starts
    let mut line = 1;
    let mut start_line = 1;
    let mut i = 0;
    let mut push = |start: &mut Option<usize>, end: usize, comments: &mut String, start_line: usize| {
        if let Some(s) = start.take() {
            let sql = text[s..end].trim_end().to_string();
            if !sql.is_empty() {
                let number = pieces.len() + 1;
                pieces.push(Piece {
                    statement: Statement { sql, line: start_line, number },
                    has_comments: !comments.is_empty(),
                    comments: std::mem::take(comments),
                });
            }
        }
    };
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'\n' => {
                line += 1;
                i += 1;
            }
            b'-' if bytes.get(i + 1) == Some(&b'-') => {
                let end = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
                if start.is_none() {
                    comments.push_str(&text[i..end]);
                    comments.push('\n');
                }
                i = end;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let end = block_comment_end(bytes, i);
                if start.is_none() {
                    comments.push_str(&text[i..end]);
                    comments.push('\n');
                }
                line += bytes[i..end].iter().filter(|&&c| c == b'\n').count();
                i = end;
            }
            b';' => {
                push(&mut start, i, &mut comments, start_line);
                i += 1;
            }
            _ if b.is_ascii_whitespace() => i += 1,
            _ => {
                if start.is_none() {
                    start = Some(i);
                    start_line = line;
                }
                let end = match b {
                    b'\'' => quoted_end(bytes, i, b'\'', backslash_escapes(bytes, i)),
                    b'"' => quoted_end(bytes, i, b'"', false),
                    b'$' => dollar_quote_end(text, i).unwrap_or(i + 1),
                    _ => {
                        // Skip a word at once, so `E'...'` and `$tag$` inside words are seen correctly.
                        let mut j = i + 1;
                        while j < bytes.len()
                            && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_' || bytes[j] >= 0x80)
                        {
                            j += 1;
                        }
                        if j > i + 1 || !b.is_ascii_alphanumeric() { j } else { i + 1 }
                    }
                };
                line += bytes[i..end].iter().filter(|&&c| c == b'\n').count();
                i = end;
            }
        }
    }
    push(&mut start, bytes.len(), &mut comments, start_line);
    pieces
}

/// `E'...'` strings treat backslash as an escape.
fn backslash_escapes(bytes: &[u8], quote: usize) -> bool {
    quote > 0
        && matches!(bytes[quote - 1], b'E' | b'e')
        && (quote < 2 || !(bytes[quote - 2].is_ascii_alphanumeric() || bytes[quote - 2] == b'_'))
}

fn quoted_end(bytes: &[u8], open: usize, quote: u8, backslash: bool) -> usize {
    let mut j = open + 1;
    while j < bytes.len() {
        if backslash && bytes[j] == b'\\' {
            j += 2;
            continue;
        }
        if bytes[j] == quote {
            if bytes.get(j + 1) == Some(&quote) {
                j += 2;
                continue;
            }
            return j + 1;
        }
        j += 1;
    }
    bytes.len()
}

/// Block comments nest in PostgreSQL.
fn block_comment_end(bytes: &[u8], open: usize) -> usize {
    let mut depth = 0;
    let mut j = open;
    while j + 1 < bytes.len() {
        if bytes[j] == b'/' && bytes[j + 1] == b'*' {
            depth += 1;
            j += 2;
        } else if bytes[j] == b'*' && bytes[j + 1] == b'/' {
            depth -= 1;
            j += 2;
            if depth == 0 {
                return j;
            }
        } else {
            j += 1;
        }
    }
    bytes.len()
}

/// `$tag$ ... $tag$`; `None` when the `$` does not open a dollar quote (`$1`, a lone `$`).
fn dollar_quote_end(text: &str, open: usize) -> Option<usize> {
    let rest = &text[open + 1..];
    let tag_len = rest.find('$')?;
    let tag = &rest[..tag_len];
    let valid_tag =
        tag.chars().all(|c| c.is_alphanumeric() || c == '_') && !tag.starts_with(|c: char| c.is_ascii_digit());
    if !valid_tag {
        return None;
    }
    let delimiter = &text[open..open + tag_len + 2];
    let body_start = open + tag_len + 2;
    Some(text[body_start..].find(delimiter).map_or(text.len(), |n| body_start + n + delimiter.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sqls(script: &Script) -> Vec<Vec<&str>> {
        script.segments.iter().map(|s| s.statements.iter().map(|st| st.sql.as_str()).collect()).collect()
    }

    #[test]
    fn splits_at_top_level_semicolons_only() {
        let text = "-- CreateTable\nCREATE TABLE \"a;b\" (x TEXT DEFAULT 'semi;colon');\n\n/* block ; /* nested ; */ */\nCREATE FUNCTION f() RETURNS trigger AS $body$ BEGIN; END; $body$ LANGUAGE plpgsql;\nSELECT E'it\\'s;', $1;";
        let script = Script::parse(text);
        assert_eq!(
            sqls(&script),
            vec![vec![
                "CREATE TABLE \"a;b\" (x TEXT DEFAULT 'semi;colon')",
                "CREATE FUNCTION f() RETURNS trigger AS $body$ BEGIN; END; $body$ LANGUAGE plpgsql",
                "SELECT E'it\\'s;', $1",
            ]]
        );
        assert_eq!(script.segments[0].statements[1].line, 5);
        assert!(script.is_atomic());
    }

    #[test]
    fn directives_make_segments() {
        let text = "-- AlterTable\nALTER TABLE a ADD COLUMN b INT;\n\n-- CreateIndex\n-- refract:outside-transaction\nDROP INDEX CONCURRENTLY IF EXISTS i;\nCREATE INDEX CONCURRENTLY i ON a(b);\n\n-- ValidateConstraint\n-- refract:own-transaction\nALTER TABLE a VALIDATE CONSTRAINT c;\n\n-- AddForeignKey\nALTER TABLE a ADD CONSTRAINT f FOREIGN KEY (b) REFERENCES a(b);\n-- Comment\nCOMMENT ON TABLE a IS 'x';\n";
        let script = Script::parse(text);
        let modes: Vec<SegmentMode> = script.segments.iter().map(|s| s.mode).collect();
        assert_eq!(
            modes,
            vec![SegmentMode::Transaction, SegmentMode::Autocommit, SegmentMode::Transaction, SegmentMode::Transaction]
        );
        assert_eq!(script.segments[1].statements.len(), 2);
        assert_eq!(script.segments[3].statements.len(), 2);
        assert_eq!(script.segments[3].statements[0].number, 5);
        assert!(!script.is_atomic());
    }

    #[test]
    fn files_with_their_own_transactions_run_as_written() {
        let script = Script::parse("BEGIN;\nCREATE TYPE x AS ENUM ('a');\nCOMMIT;\n");
        assert_eq!(script.segments.len(), 1);
        assert_eq!(script.segments[0].mode, SegmentMode::Autocommit);
        let opted_out = Script::parse("-- refract:no-transaction\nCREATE INDEX CONCURRENTLY i ON t(c);\nVACUUM t;");
        assert_eq!(opted_out.segments[0].mode, SegmentMode::Autocommit);
        assert_eq!(opted_out.statement_count(), 2);
    }

    #[test]
    fn empty_and_comment_only_files_have_no_statements() {
        assert_eq!(Script::parse("-- This is an empty migration.\n").statement_count(), 0);
        assert!(Script::parse("").is_atomic());
    }
}
