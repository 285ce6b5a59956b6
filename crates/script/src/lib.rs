//! A migration.sql file read the way the engine runs it: split into statements (quotes, dollar quotes
//! and comments respected), and grouped into segments by how they must run relative to transactions.
//!
//! Why split at all: PostgreSQL runs a multi-statement string as one implicit transaction and reports a
//! failure without saying which statement failed. Running statements one by one lets an error name the
//! statement, and lets statements PostgreSQL refuses inside a transaction block run outside one.
//!
//! How a file runs:
//! - Statements that can all run in a transaction: one transaction (with the history row, the engine's
//!   `apply.rs`).
//! - A file holding a statement PostgreSQL refuses inside a transaction block ([`classify`]: `CREATE
//!   INDEX CONCURRENTLY`, `VACUUM`, ...): statement by statement, each committed on its own, as Prisma
//!   7.4+ runs every file (up to 7.3 Prisma sent the file as one query, which only worked when such a
//!   statement was alone in its file).
//! - `ALTER TYPE ... ADD VALUE` followed by a statement that names the added value: PostgreSQL refuses
//!   to use a value in the transaction that added it (55P04, "unsafe use of new value"), so the
//!   transaction is cut after the run of ADD VALUE statements and the parts commit one after the other
//!   (history row first). Prisma up to 7.3 failed on such a file; 7.4+ runs it statement by statement.
//!   Cutting only there is the safest of the ways that deploy it: a file without such a use (what
//!   Prisma's planner writes: ADD VALUE, then unrelated steps) stays one transaction, and each part of a
//!   cut file is still atomic, so a failure leaves the committed parts and nothing of the failed one.
//!   A use the text does not spell (`enum_range(...)`) is caught by PostgreSQL's 55P04 instead: the
//!   one transaction rolls back whole and runs again cut the same way (the engine's `apply.rs`).
//! - The planner's step directives (`-- refract:outside-transaction`, `-- refract:own-transaction`), a
//!   first line `-- refract:no-transaction`, or a file with its own BEGIN/COMMIT: as they say.
//!
//! Pure: text in, statements and segments out. Running them (and asking the server its version, for
//! [`Script::parse_for_server`]) is `refract-engine`'s; `refract-lint` reads the same segments.

pub mod changes;
mod classify;
pub mod effects;
mod tokens;

pub use classify::{StatementKind, added_enum_label, classify};

/// A first line that makes the whole file run statement by statement, outside any transaction.
pub const NO_TRANSACTION_DIRECTIVE: &str = "-- refract:no-transaction";

/// The line that follows a step's header when the step runs in a transaction of its own (the planner's
/// `Transaction::Own`, which writes it; the engine reads it back from migration.sql).
pub const OWN_TRANSACTION_DIRECTIVE: &str = "-- refract:own-transaction";

/// The line that follows a step's header when the step must run outside any transaction block (the
/// planner's `Transaction::None`). Prisma, which runs a file as one script, cannot run such steps.
pub const OUTSIDE_TRANSACTION_DIRECTIVE: &str = "-- refract:outside-transaction";

/// `server_version_num` of the first release that runs `ALTER TYPE ... ADD VALUE` in a transaction block.
pub const ADD_VALUE_IN_TRANSACTION_SINCE: u32 = 120_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// The statement's text, without its leading comments and without the final `;`.
    pub sql: String,
    /// 1-based line in the file where the statement's text starts.
    pub line: usize,
    /// The byte in the file where the statement's text starts (its `sql` is the text from there).
    pub offset: usize,
    /// 1-based position among the file's statements.
    pub number: usize,
    pub kind: StatementKind,
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
    /// Whether refract's step directives made the segments. Then each committed segment counts as a
    /// step in `applied_steps_count`; otherwise a finished migration counts one step, as Prisma records
    /// every migration.
    pub directed: bool,
}

impl Script {
    /// The script as a PostgreSQL 12 or later server runs it.
    pub fn parse(text: &str) -> Script {
        Script::parse_for_server(text, ADD_VALUE_IN_TRANSACTION_SINCE)
    }

    /// The script as a server of this `server_version_num` runs it (before 12, `ALTER TYPE ... ADD
    /// VALUE` is refused inside a transaction block).
    pub fn parse_for_server(text: &str, server_version_num: u32) -> Script {
        let mut pieces = split(text);
        if server_version_num < ADD_VALUE_IN_TRANSACTION_SINCE {
            for p in &mut pieces {
                if p.statement.kind == StatementKind::AddEnumValue {
                    p.statement.kind = StatementKind::OutsideTransaction;
                }
            }
        }
        let directed = pieces.iter().any(|p| {
            p.comments_contain(OUTSIDE_TRANSACTION_DIRECTIVE) || p.comments_contain(OWN_TRANSACTION_DIRECTIVE)
        });
        let file_opt_out =
            text.lines().find(|l| !l.trim().is_empty()).is_some_and(|l| l.trim() == NO_TRANSACTION_DIRECTIVE);
        // A file that manages its own transactions (BEGIN ... COMMIT at top level, as Prisma writes enum
        // rebuilds) runs as written: wrapping it would make its COMMIT end our transaction half-way.
        let manages_transactions = pieces.iter().any(|p| p.statement.kind == StatementKind::TransactionControl);
        // A statement PostgreSQL refuses in a transaction block, in a file written without refract's
        // directives (by hand or by Prisma): the file runs as Prisma 7.4+ runs it, statement by statement.
        let refused_in_transaction =
            !directed && pieces.iter().any(|p| p.statement.kind == StatementKind::OutsideTransaction);
        if file_opt_out || manages_transactions || refused_in_transaction {
            let statements: Vec<Statement> = pieces.into_iter().map(|p| p.statement).collect();
            let segments = if statements.is_empty() {
                Vec::new()
            } else {
                vec![Segment { mode: SegmentMode::Autocommit, statements }]
            };
            return Script { segments, directed };
        }

        let cuts = enum_value_cuts(&pieces);
        // Each segment remembers whether a directive made it: plain statements never join such a one.
        let mut segments: Vec<(Segment, bool)> = Vec::new();
        // The directive of the step being read. It applies to the step's statements, that is up to the
        // next statement that carries comments of its own (the next step's header).
        let mut directive: Option<SegmentMode> = None;
        for (index, piece) in pieces.into_iter().enumerate() {
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
            // A statement refused in a transaction block runs on its own whatever its step says.
            let refused = piece.statement.kind == StatementKind::OutsideTransaction;
            let mode = if refused { SegmentMode::Autocommit } else { directive.unwrap_or(SegmentMode::Transaction) };
            let joins_last = !cuts.contains(&index)
                && match (directive, segments.last()) {
                    _ if refused => segments.last().is_some_and(|(last, _)| last.mode == SegmentMode::Autocommit),
                    (Some(d), Some((last, _))) => !step_starts && last.mode == d,
                    (None, Some((last, from_directive))) => !from_directive && last.mode == SegmentMode::Transaction,
                    (_, None) => false,
                };
            if joins_last {
                segments.last_mut().expect("checked above").0.statements.push(piece.statement);
            } else {
                segments.push((Segment { mode, statements: vec![piece.statement] }, directive.is_some() || refused));
            }
        }
        Script { segments: segments.into_iter().map(|(s, _)| s).collect(), directed }
    }

    pub fn statement_count(&self) -> usize {
        self.segments.iter().map(|s| s.statements.len()).sum()
    }

    /// True when the whole file runs in one transaction, so the history row can be written inside it.
    pub fn is_atomic(&self) -> bool {
        self.segments.len() <= 1 && self.segments.iter().all(|s| s.mode == SegmentMode::Transaction)
    }

    /// Whether the file adds enum values (how it runs then depends on the server's version).
    pub fn adds_enum_values(&self) -> bool {
        self.segments.iter().flat_map(|s| &s.statements).any(|s| s.kind == StatementKind::AddEnumValue)
    }

    /// Why the file does not run in one transaction, for reports; `None` when it does.
    pub fn why_in_parts(&self) -> Option<String> {
        if self.is_atomic() {
            return None;
        }
        let statements = || self.segments.iter().flat_map(|s| &s.statements);
        if let Some(s) = statements().find(|s| s.kind == StatementKind::OutsideTransaction) {
            let how = if self.runs_statement_by_statement() {
                "the file runs statement by statement, as Prisma 7.4+ runs it"
            } else {
                "it runs on its own"
            };
            return Some(format!(
                "statement {} (line {}) cannot run inside a transaction block, so {how}",
                s.number, s.line
            ));
        }
        Some(if self.runs_statement_by_statement() {
            "the file runs statement by statement as written (`-- refract:no-transaction` or its own BEGIN/COMMIT)"
                .into()
        } else if self.directed {
            "the migration's steps are marked to run apart (`-- refract:` directives)".into()
        } else {
            "new enum values are committed before the statements that use them, so the file runs in several transactions".into()
        })
    }

    /// Whether the statements run one by one, outside any transaction (as Prisma 7.4+ runs a file).
    pub fn runs_statement_by_statement(&self) -> bool {
        !self.segments.is_empty() && self.segments.iter().all(|s| s.mode == SegmentMode::Autocommit)
    }
}

/// Why a transaction that PostgreSQL refused can run another way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// SQLSTATE 25001, "... cannot run inside a transaction block": a statement [`classify`] could not
    /// tell from its text (REINDEX of a partitioned table, ...).
    NotInTransactionBlock,
    /// SQLSTATE 55P04, "unsafe use of new value": an enum value added earlier in the same transaction
    /// used in a way the file does not spell out (not as a literal).
    UnsafeNewEnumValue,
}

impl Refusal {
    /// The refusal a PostgreSQL error is, if it is one.
    pub fn of(code: &str, message: &str) -> Option<Refusal> {
        match code {
            "25001" if message.ends_with("cannot run inside a transaction block") => {
                Some(Refusal::NotInTransactionBlock)
            }
            "55P04" => Some(Refusal::UnsafeNewEnumValue),
            _ => None,
        }
    }
}

impl Segment {
    /// How a transaction segment that PostgreSQL refused runs instead (it rolled back whole, so it can
    /// run again): statement by statement for a statement refused in a transaction block; cut after
    /// each run of `ADD VALUE` statements for a new enum value used too early. `None` when the refusal
    /// cannot be helped that way.
    pub fn instead_of_refused(&self, refusal: Refusal) -> Option<Vec<Segment>> {
        if self.mode != SegmentMode::Transaction {
            return None;
        }
        match refusal {
            Refusal::NotInTransactionBlock => {
                Some(vec![Segment { mode: SegmentMode::Autocommit, statements: self.statements.clone() }])
            }
            Refusal::UnsafeNewEnumValue => {
                let mut parts: Vec<Segment> = Vec::new();
                for (i, s) in self.statements.iter().enumerate() {
                    let after_additions = i > 0
                        && self.statements[i - 1].kind == StatementKind::AddEnumValue
                        && s.kind != StatementKind::AddEnumValue;
                    if parts.is_empty() || after_additions {
                        parts.push(Segment { mode: SegmentMode::Transaction, statements: Vec::new() });
                    }
                    parts.last_mut().expect("pushed above").statements.push(s.clone());
                }
                (parts.len() > 1).then_some(parts)
            }
        }
    }
}

/// The pieces that must start a new transaction: the statement after a run of `ADD VALUE` statements,
/// when that statement or a later one names an added value (as the literal the ADD VALUE wrote, so
/// `'ADMIN'` in `SET DEFAULT 'ADMIN'`, `UPDATE ... = 'ADMIN'`, `'ADMIN'::"Role"`, or in a function
/// body). A label that is not a plain literal counts as named.
fn enum_value_cuts(pieces: &[Piece]) -> Vec<usize> {
    let mut cuts = Vec::new();
    let mut run: Vec<Option<String>> = Vec::new();
    for (i, piece) in pieces.iter().enumerate() {
        if piece.statement.kind == StatementKind::AddEnumValue {
            run.push(added_enum_label(&piece.statement.sql).filter(|l| l.starts_with('\'')));
            continue;
        }
        if run.is_empty() {
            continue;
        }
        let named = run.iter().any(|label| match label {
            Some(label) => pieces[i..].iter().any(|p| p.statement.sql.contains(label.as_str())),
            None => true,
        });
        if named {
            cuts.push(i);
        }
        run.clear();
    }
    cuts
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
                    statement: Statement { kind: classify(&sql), sql, line: start_line, offset: s, number },
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
    fn a_statement_refused_in_a_transaction_makes_the_file_run_statement_by_statement() {
        // Alone in its file (works with every Prisma version), and after other statements (Prisma 7.4+).
        let alone =
            Script::parse("-- CreateIndex\nCREATE INDEX CONCURRENTLY \"User_email_idx\" ON \"User\"(\"email\");\n");
        assert!(alone.runs_statement_by_statement() && !alone.is_atomic() && !alone.directed);
        let mixed = Script::parse(
            "-- AlterTable\nALTER TABLE \"User\" ADD COLUMN \"email\" TEXT;\n\n-- CreateIndex\nCREATE INDEX CONCURRENTLY IF NOT EXISTS \"User_email_idx\" ON \"User\"(\"email\");\n",
        );
        assert!(mixed.runs_statement_by_statement());
        assert_eq!(sqls(&mixed)[0].len(), 2);
        assert_eq!(mixed.segments[0].statements[1].kind, StatementKind::OutsideTransaction);
        // The keywords in a comment, a string or a dollar quote do not count.
        let quoted = Script::parse(
            "-- run CREATE INDEX CONCURRENTLY later; VACUUM too\nINSERT INTO \"Log\" VALUES ('VACUUM');\nCREATE FUNCTION f() RETURNS void AS $$ VACUUM; $$ LANGUAGE sql;\n",
        );
        assert!(quoted.is_atomic());
    }

    #[test]
    fn a_refused_statement_among_directed_steps_runs_on_its_own() {
        let text = "-- AlterTable\nALTER TABLE a ADD COLUMN b INT;\nVACUUM a;\nALTER TABLE a ADD COLUMN c INT;\n\n-- ValidateConstraint\n-- refract:own-transaction\nALTER TABLE a VALIDATE CONSTRAINT k;\n";
        let script = Script::parse(text);
        let modes: Vec<SegmentMode> = script.segments.iter().map(|s| s.mode).collect();
        use SegmentMode::*;
        assert_eq!(modes, vec![Transaction, Autocommit, Transaction, Transaction]);
        assert!(script.directed);
    }

    #[test]
    fn a_new_enum_value_named_later_commits_first() {
        let used = Script::parse(
            "-- AlterEnum\nALTER TYPE \"Role\" ADD VALUE 'ADMIN';\nALTER TYPE \"Role\" ADD VALUE 'OWNER';\n\n-- AlterTable\nALTER TABLE \"User\" ALTER COLUMN \"role\" SET DEFAULT 'ADMIN';\nUPDATE \"User\" SET \"role\" = 'OWNER' WHERE \"id\" = 1;\n",
        );
        assert_eq!(sqls(&used).iter().map(Vec::len).collect::<Vec<_>>(), vec![2, 2]);
        assert!(used.segments.iter().all(|s| s.mode == SegmentMode::Transaction));
        assert!(!used.is_atomic() && !used.directed && !used.runs_statement_by_statement());
        // Not named later, or nothing after: one transaction, as any file.
        let unused = Script::parse(
            "ALTER TYPE \"Role\" ADD VALUE 'ADMIN';\nALTER TABLE \"User\" ADD COLUMN \"nickname\" TEXT;\n",
        );
        assert!(unused.is_atomic() && unused.adds_enum_values());
        assert!(Script::parse("CREATE TABLE t (x INT);\nALTER TYPE \"Role\" ADD VALUE 'ADMIN';\n").is_atomic());
        // Before PostgreSQL 12 ADD VALUE itself is refused in a transaction block.
        let old = Script::parse_for_server("ALTER TYPE \"Role\" ADD VALUE 'ADMIN';\nSELECT 1;\n", 110_022);
        assert!(old.runs_statement_by_statement());
    }

    #[test]
    fn a_refused_transaction_runs_again_another_way() {
        let script = Script::parse(
            "CREATE TABLE t (x INT);\nALTER TYPE r ADD VALUE 'a';\nALTER TYPE r ADD VALUE 'b';\nSELECT f();\nALTER TYPE r ADD VALUE 'c';\nSELECT g();\n",
        );
        assert!(script.is_atomic());
        let parts = script.segments[0].instead_of_refused(Refusal::UnsafeNewEnumValue).unwrap();
        let lens: Vec<usize> = parts.iter().map(|p| p.statements.len()).collect();
        assert_eq!(lens, vec![3, 2, 1]);
        let one_by_one = script.segments[0].instead_of_refused(Refusal::NotInTransactionBlock).unwrap();
        assert_eq!(one_by_one.len(), 1);
        assert_eq!(one_by_one[0].mode, SegmentMode::Autocommit);
        assert!(Script::parse("SELECT 1;").segments[0].instead_of_refused(Refusal::UnsafeNewEnumValue).is_none());
        assert_eq!(
            Refusal::of("25001", "REINDEX CONCURRENTLY cannot run inside a transaction block"),
            Some(Refusal::NotInTransactionBlock)
        );
        assert_eq!(Refusal::of("25001", "SET TRANSACTION ISOLATION LEVEL must be called before any query"), None);
    }

    #[test]
    fn empty_and_comment_only_files_have_no_statements() {
        assert_eq!(Script::parse("-- This is an empty migration.\n").statement_count(), 0);
        assert!(Script::parse("").is_atomic());
    }
}
