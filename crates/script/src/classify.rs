//! What PostgreSQL lets a statement do relative to a transaction block, read from its leading keywords.
//!
//! The list is PostgreSQL's own, from the reference pages of its manual (checked against the 15.x pages,
//! <https://www.postgresql.org/docs/current/sql-commands.html>); each rule below names its page.
//! A statement PostgreSQL refuses inside a transaction block fails there with SQLSTATE 25001
//! ("... cannot run inside a transaction block"). Forms whose refusal depends on the catalog (REINDEX
//! or CLUSTER of a partitioned table, DROP SUBSCRIPTION of a subscription without a slot) cannot be
//! told from the text: the statement is read as transactional when the text cannot decide it in favour
//! of running outside (DROP SUBSCRIPTION is read as outside), and the engine retries a file that
//! PostgreSQL refuses with 25001 statement by statement ([`crate::Refusal`], the engine's `apply.rs`).

use super::tokens::{Token, Tokens, name_end, parenthesised_options, skip_parenthesised};

/// How a statement may run relative to a transaction block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatementKind {
    /// Runs inside a transaction block, as most statements do.
    Transactional,
    /// PostgreSQL refuses it inside a transaction block.
    OutsideTransaction,
    /// `ALTER TYPE ... ADD VALUE`: allowed in a transaction block since PostgreSQL 12, but the new
    /// value cannot be used until that transaction commits (SQLSTATE 55P04, "unsafe use of new value");
    /// before 12, refused inside a transaction block (unless the type is new in that transaction).
    AddEnumValue,
    /// `BEGIN`, `COMMIT`, `ROLLBACK`, ...: the file manages its own transactions.
    TransactionControl,
}

/// Classifies one statement (as split by [`super::Script`]) from its leading keywords. Case does not
/// matter; comments and whitespace between words are skipped; a quoted identifier never counts as a
/// keyword, and nothing inside a string literal, a dollar quote or a comment is read.
///
/// Refused inside a transaction block (PostgreSQL manual, reference page in brackets):
/// - `CREATE [UNIQUE] INDEX CONCURRENTLY` (CREATE INDEX), `DROP INDEX CONCURRENTLY` (DROP INDEX)
/// - `REINDEX ... CONCURRENTLY` or `REINDEX (CONCURRENTLY) ...`, and `REINDEX SCHEMA | DATABASE |
///   SYSTEM` (REINDEX)
/// - `VACUUM`, any form (VACUUM); `CLUSTER` without a table name (CLUSTER)
/// - `CREATE DATABASE`, `DROP DATABASE`, `ALTER DATABASE name SET TABLESPACE` (ALTER DATABASE)
/// - `CREATE TABLESPACE`, `DROP TABLESPACE`; `ALTER SYSTEM`
/// - `COMMIT PREPARED`, `ROLLBACK PREPARED`; `DISCARD ALL`
/// - `CREATE SUBSCRIPTION` unless `WITH (create_slot = false)` or `(connect = false)`;
///   `DROP SUBSCRIPTION` (refused when a replication slot is attached, which the text cannot tell);
///   `ALTER SUBSCRIPTION ... REFRESH PUBLICATION`, and `... SET | ADD | DROP PUBLICATION` unless
///   `WITH (refresh = false)` (ALTER SUBSCRIPTION)
/// - `ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY` (ALTER TABLE, PostgreSQL 14+)
///
/// `ALTER TYPE ... ADD VALUE` is [`StatementKind::AddEnumValue`] (ALTER TYPE, Notes).
pub fn classify(sql: &str) -> StatementKind {
    use StatementKind::*;
    let t: Vec<Token<'_>> = Tokens::new(sql).take(MAX_TOKENS).collect();
    let word = |i: usize| -> &str {
        match t.get(i) {
            Some(Token::Word(w)) => w.as_str(),
            _ => "",
        }
    };
    match word(0) {
        "BEGIN" | "END" | "ABORT" => TransactionControl,
        "START" if word(1) == "TRANSACTION" => TransactionControl,
        "COMMIT" | "ROLLBACK" if word(1) == "PREPARED" => OutsideTransaction,
        "COMMIT" | "ROLLBACK" => TransactionControl,
        "VACUUM" => OutsideTransaction,
        "DISCARD" if word(1) == "ALL" => OutsideTransaction,
        "CLUSTER" => {
            // CLUSTER [VERBOSE] | CLUSTER ( options ): no table named.
            let mut i = skip_parenthesised(&t, 1);
            if word(i) == "VERBOSE" {
                i += 1;
            }
            if i >= t.len() { OutsideTransaction } else { Transactional }
        }
        "REINDEX" => reindex(&t),
        "CREATE" => {
            let i = if word(1) == "UNIQUE" { 2 } else { 1 };
            match word(i) {
                "INDEX" if word(i + 1) == "CONCURRENTLY" => OutsideTransaction,
                "DATABASE" | "TABLESPACE" => OutsideTransaction,
                "SUBSCRIPTION" if i == 1 => {
                    let options = options_after_with(&t, 2);
                    let off = |name: &str| options.iter().any(|(n, v)| n == name && is_false(v.as_deref()));
                    if off("CREATE_SLOT") || off("CONNECT") { Transactional } else { OutsideTransaction }
                }
                _ => Transactional,
            }
        }
        "DROP" => match word(1) {
            "INDEX" if word(2) == "CONCURRENTLY" => OutsideTransaction,
            "DATABASE" | "TABLESPACE" | "SUBSCRIPTION" => OutsideTransaction,
            _ => Transactional,
        },
        "ALTER" => match word(1) {
            "SYSTEM" => OutsideTransaction,
            "DATABASE" => match name_end(&t, 2) {
                Some(i) if word(i) == "SET" && word(i + 1) == "TABLESPACE" => OutsideTransaction,
                _ => Transactional,
            },
            "TYPE" => match name_end(&t, 2) {
                Some(i) if word(i) == "ADD" && word(i + 1) == "VALUE" => AddEnumValue,
                _ => Transactional,
            },
            "SUBSCRIPTION" => match name_end(&t, 2) {
                Some(i) if word(i) == "REFRESH" && word(i + 1) == "PUBLICATION" => OutsideTransaction,
                Some(i) if matches!(word(i), "SET" | "ADD" | "DROP") && word(i + 1) == "PUBLICATION" => {
                    let options = options_after_with(&t, i + 2);
                    let no_refresh = options.iter().any(|(n, v)| n == "REFRESH" && is_false(v.as_deref()));
                    if no_refresh { Transactional } else { OutsideTransaction }
                }
                _ => Transactional,
            },
            "TABLE" => {
                // ALTER TABLE [IF EXISTS] name DETACH PARTITION partition CONCURRENTLY
                let detach = (2..t.len()).find(|&i| word(i) == "DETACH" && word(i + 1) == "PARTITION");
                match detach.and_then(|i| name_end(&t, i + 2)) {
                    Some(i) if word(i) == "CONCURRENTLY" => OutsideTransaction,
                    _ => Transactional,
                }
            }
            _ => Transactional,
        },
        _ => Transactional,
    }
}

/// `REINDEX [ ( option [, ...] ) ] { INDEX | TABLE | SCHEMA | DATABASE | SYSTEM } [ CONCURRENTLY ] name`
fn reindex(t: &[Token<'_>]) -> StatementKind {
    let options = parenthesised_options(t, 1).map(|(o, _)| o).unwrap_or_default();
    let i = skip_parenthesised(t, 1);
    let word = |i: usize| match t.get(i) {
        Some(Token::Word(w)) => w.as_str(),
        _ => "",
    };
    let concurrently =
        word(i + 1) == "CONCURRENTLY" || options.iter().any(|(n, v)| n == "CONCURRENTLY" && !is_false(v.as_deref()));
    if concurrently || matches!(word(i), "SCHEMA" | "DATABASE" | "SYSTEM") {
        StatementKind::OutsideTransaction
    } else {
        StatementKind::Transactional
    }
}

/// The enum label an `ALTER TYPE ... ADD VALUE [IF NOT EXISTS] 'label'` adds, as written (with its
/// quotes), when the statement is one.
pub fn added_enum_label(sql: &str) -> Option<String> {
    let t: Vec<Token<'_>> = Tokens::new(sql).take(MAX_TOKENS).collect();
    if classify(sql) != StatementKind::AddEnumValue {
        return None;
    }
    let mut i = name_end(&t, 2)? + 2; // ADD VALUE
    if matches!(t.get(i), Some(Token::Word(w)) if w == "IF") {
        i += 3; // IF NOT EXISTS
    }
    match t.get(i) {
        Some(Token::Literal(l)) => Some((*l).to_string()),
        _ => None,
    }
}

/// The leading keywords decide; a long statement is not read to its end.
const MAX_TOKENS: usize = 256;

fn is_false(value: Option<&str>) -> bool {
    value.is_some_and(|v| {
        let v = v.trim_matches('\'').to_ascii_lowercase();
        matches!(v.as_str(), "false" | "off" | "0")
    })
}

/// The options of the first `WITH ( ... )` at or after `i`.
fn options_after_with(t: &[Token<'_>], i: usize) -> Vec<(String, Option<String>)> {
    (i..t.len())
        .find(|&j| matches!(&t[j], Token::Word(w) if w == "WITH") && t.get(j + 1) == Some(&Token::Other('(')))
        .and_then(|j| parenthesised_options(t, j + 1))
        .map(|(o, _)| o)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::StatementKind::*;
    use super::*;

    #[test]
    fn statements_are_classified_as_postgresql_runs_them() {
        let table: &[(&str, StatementKind)] = &[
            // CREATE INDEX / DROP INDEX
            ("CREATE INDEX CONCURRENTLY \"User_email_idx\" ON \"User\"(\"email\")", OutsideTransaction),
            ("create index concurrently if not exists user_email_idx on public.\"User\" (email)", OutsideTransaction),
            ("CREATE UNIQUE INDEX CONCURRENTLY \"User_email_key\" ON \"User\"(\"email\")", OutsideTransaction),
            ("CREATE  /* online */ INDEX\n  CONCURRENTLY ON \"User\"(\"email\")", OutsideTransaction),
            ("CREATE INDEX \"User_email_idx\" ON \"User\"(\"email\")", Transactional),
            ("CREATE INDEX \"CONCURRENTLY\" ON \"User\"(\"email\")", Transactional),
            ("CREATE UNIQUE INDEX \"User_email_key\" ON \"User\"(\"email\")", Transactional),
            ("DROP INDEX CONCURRENTLY IF EXISTS \"public\".\"User_email_idx\"", OutsideTransaction),
            ("DROP INDEX \"User_email_idx\"", Transactional),
            ("-- leading comment\n  drop index concurrently \"x\"", OutsideTransaction),
            // REINDEX
            ("REINDEX INDEX CONCURRENTLY \"User_email_idx\"", OutsideTransaction),
            ("REINDEX (CONCURRENTLY) TABLE \"User\"", OutsideTransaction),
            ("REINDEX (VERBOSE, CONCURRENTLY true) TABLE \"User\"", OutsideTransaction),
            ("REINDEX (CONCURRENTLY false) TABLE \"User\"", Transactional),
            ("REINDEX TABLE \"User\"", Transactional),
            ("REINDEX (VERBOSE) INDEX \"User_email_idx\"", Transactional),
            ("REINDEX SCHEMA public", OutsideTransaction),
            ("REINDEX DATABASE app", OutsideTransaction),
            ("REINDEX SYSTEM", OutsideTransaction),
            // VACUUM, CLUSTER, DISCARD
            ("VACUUM", OutsideTransaction),
            ("VACUUM (ANALYZE) \"User\"", OutsideTransaction),
            ("vacuum full verbose \"User\"", OutsideTransaction),
            ("ANALYZE \"User\"", Transactional),
            ("CLUSTER", OutsideTransaction),
            ("CLUSTER VERBOSE", OutsideTransaction),
            ("CLUSTER (VERBOSE)", OutsideTransaction),
            ("CLUSTER \"User\" USING \"User_pkey\"", Transactional),
            ("CLUSTER VERBOSE \"User\"", Transactional),
            ("DISCARD ALL", OutsideTransaction),
            ("DISCARD PLANS", Transactional),
            // Databases, tablespaces, the server
            ("CREATE DATABASE \"app_test\"", OutsideTransaction),
            ("DROP DATABASE IF EXISTS app_test", OutsideTransaction),
            ("ALTER DATABASE \"app\" SET TABLESPACE fast", OutsideTransaction),
            ("ALTER DATABASE app SET search_path TO public", Transactional),
            ("ALTER DATABASE app SET default_tablespace = fast", Transactional),
            ("CREATE TABLESPACE fast LOCATION '/ssd'", OutsideTransaction),
            ("DROP TABLESPACE IF EXISTS fast", OutsideTransaction),
            ("ALTER TABLESPACE fast RENAME TO faster", Transactional),
            ("ALTER SYSTEM SET work_mem = '64MB'", OutsideTransaction),
            ("COMMIT PREPARED 'tx1'", OutsideTransaction),
            ("ROLLBACK PREPARED 'tx1'", OutsideTransaction),
            // Subscriptions
            ("CREATE SUBSCRIPTION s CONNECTION 'host=a' PUBLICATION p", OutsideTransaction),
            ("CREATE SUBSCRIPTION s CONNECTION 'host=a' PUBLICATION p WITH (create_slot = false)", Transactional),
            ("CREATE SUBSCRIPTION s CONNECTION 'host=a' PUBLICATION p WITH (connect = false)", Transactional),
            ("CREATE SUBSCRIPTION s CONNECTION 'host=a' PUBLICATION p WITH (enabled = false)", OutsideTransaction),
            ("DROP SUBSCRIPTION IF EXISTS s", OutsideTransaction),
            ("ALTER SUBSCRIPTION s REFRESH PUBLICATION", OutsideTransaction),
            ("ALTER SUBSCRIPTION s SET PUBLICATION p, q", OutsideTransaction),
            ("ALTER SUBSCRIPTION s ADD PUBLICATION q WITH (refresh = false)", Transactional),
            ("ALTER SUBSCRIPTION s SET (slot_name = NONE)", Transactional),
            ("ALTER SUBSCRIPTION s DISABLE", Transactional),
            // Partitions
            ("ALTER TABLE \"Event\" DETACH PARTITION \"Event_2023\" CONCURRENTLY", OutsideTransaction),
            (
                "ALTER TABLE IF EXISTS ONLY public.\"Event\" DETACH PARTITION public.\"Event_2023\" CONCURRENTLY",
                OutsideTransaction,
            ),
            ("ALTER TABLE \"Event\" DETACH PARTITION \"Event_2023\" FINALIZE", Transactional),
            ("ALTER TABLE \"Event\" DETACH PARTITION \"Event_2023\"", Transactional),
            ("ALTER TABLE \"Event\" ADD COLUMN \"concurrently\" TEXT", Transactional),
            // Enums
            ("ALTER TYPE \"Role\" ADD VALUE 'ADMIN'", AddEnumValue),
            ("alter type public.\"Role\" add value if not exists 'ADMIN' before 'USER'", AddEnumValue),
            ("ALTER TYPE \"Role\" RENAME VALUE 'A' TO 'B'", Transactional),
            ("ALTER TYPE \"Role\" ADD ATTRIBUTE x INT", Transactional),
            // Transaction control
            ("BEGIN", TransactionControl),
            ("begin transaction isolation level serializable", TransactionControl),
            ("START TRANSACTION", TransactionControl),
            ("COMMIT", TransactionControl),
            ("END", TransactionControl),
            ("ROLLBACK", TransactionControl),
            // Ordinary statements, and keywords only in strings, dollar quotes or identifiers
            ("SELECT 'VACUUM'", Transactional),
            ("INSERT INTO \"Log\" VALUES ('CREATE INDEX CONCURRENTLY x ON y(z)')", Transactional),
            ("CREATE FUNCTION f() RETURNS void AS $$ VACUUM; $$ LANGUAGE sql", Transactional),
            ("DO $body$ BEGIN EXECUTE 'CREATE DATABASE x'; END $body$", Transactional),
            ("\"VACUUM\"", Transactional),
            (
                "CREATE TABLE \"User\" (\"id\" SERIAL NOT NULL, CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\"))",
                Transactional,
            ),
            ("", Transactional),
        ];
        for (sql, expected) in table {
            assert_eq!(classify(sql), *expected, "{sql}");
        }
    }

    #[test]
    fn the_added_label_is_read_as_written() {
        assert_eq!(added_enum_label("ALTER TYPE \"Role\" ADD VALUE 'ADMIN'"), Some("'ADMIN'".into()));
        assert_eq!(
            added_enum_label("ALTER TYPE s.\"Role\" ADD VALUE IF NOT EXISTS 'it''s' AFTER 'USER'"),
            Some("'it''s'".into())
        );
        assert_eq!(added_enum_label("ALTER TYPE \"Role\" RENAME TO \"Rôle\""), None);
    }
}
