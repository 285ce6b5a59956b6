//! What a migration's statements do to data and to the schema, read from their text with the tokenizer
//! `classify` uses (so nothing in a string, a dollar-quoted body or a comment is read):
//! - [`losses`]: statements that destroy data that may exist, each with a query counting what is at
//!   stake, so `migrate down` can refuse without `--accept-data-loss`;
//! - [`unreversed`]: statements whose effect refract's schema model does not hold (data changes,
//!   functions, triggers, grants...), so a down.sql planned from schema states cannot undo them.

use super::tokens::{Token, Tokens};
use super::{Script, Statement};
use refract_ir::quote_identifier;

/// A statement that destroys data that may exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loss {
    pub kind: LossKind,
    /// The statement's 1-based number and line in its file (from `Statement`).
    pub statement: usize,
    pub line: usize,
    /// `SELECT count(*) ...` returning one bigint: the rows (or non-null values) at stake, run before the
    /// script runs; None when no count can be formed (then the loss is assumed).
    pub count_sql: Option<String>,
}

/// Names as PostgreSQL stores them (unquoted ones folded to lower case), `schema.table` when qualified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LossKind {
    /// `DROP TABLE a, b`: one loss per table.
    DropTable { table: String },
    /// `ALTER TABLE t DROP [COLUMN] [IF EXISTS] c`
    DropColumn { table: String, column: String },
    /// `ALTER TABLE t ALTER [COLUMN] c [SET DATA] TYPE ...`: values are cast and may change.
    CastColumn { table: String, column: String },
    /// `DELETE FROM t [WHERE ...]`, `TRUNCATE [TABLE] a, b`
    DeleteRows { table: String },
    /// `DROP SCHEMA ... CASCADE` (no count: everything in it goes).
    DropSchema { name: String },
}

impl Loss {
    pub fn message(&self) -> String {
        let what = match &self.kind {
            LossKind::DropTable { table } => format!("drops the table `{table}`"),
            LossKind::DropColumn { table, column } => format!("drops the column `{column}` of table `{table}`"),
            LossKind::CastColumn { table, column } => {
                format!("changes the type of the column `{column}` of table `{table}`")
            }
            LossKind::DeleteRows { table } => format!("deletes rows of table `{table}`"),
            LossKind::DropSchema { name } => format!("drops the schema `{name}` and everything in it"),
        };
        format!("{what} (statement {}, line {})", self.statement, self.line)
    }

    pub fn message_with_rows(&self, rows: i64) -> String {
        let (one, many) = match self.kind {
            LossKind::DropColumn { .. } => ("non-null value is lost", "non-null values are lost"),
            LossKind::CastColumn { .. } => {
                ("non-null value is cast and may change", "non-null values are cast and may change")
            }
            _ => ("row is lost", "rows are lost"),
        };
        format!("{}: {rows} {}", self.message(), if rows == 1 { one } else { many })
    }
}

/// The statements of a script that destroy data, in order.
///
/// A column cast to an enum type the same script creates (Prisma's and refract's enum rebuild, when a
/// value is removed) is not a loss: the cast keeps every value or fails, and the transaction with it.
pub fn losses(script: &Script) -> Vec<Loss> {
    let new_enums: Vec<String> = statements(script).filter_map(|s| created_enum(&s.sql)).collect();
    statements(script).flat_map(|s| statement_losses(s, &new_enums)).collect()
}

/// The type a `CREATE TYPE name AS ENUM (...)` creates, as PostgreSQL stores its name.
fn created_enum(sql: &str) -> Option<String> {
    let t: Vec<(usize, Token<'_>)> = Tokens::spanned(sql).take(12).collect();
    if word(&t, 0) != "CREATE" || word(&t, 1) != "TYPE" {
        return None;
    }
    let (name, end) = name_at(&t, 2)?;
    (word(&t, end) == "AS" && word(&t, end + 1) == "ENUM").then(|| name.shown())
}

/// A statement of a migration whose effect refract's schema model does not hold, so a reverse planned
/// from schema states cannot undo it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreversed {
    pub statement: usize,
    pub line: usize,
    /// The leading keywords, upper-cased: "UPDATE", "CREATE FUNCTION" (`OR REPLACE` left out), ...
    pub what: String,
    /// The statement's first line, cut to 80 characters.
    pub excerpt: String,
}

/// The statements of a script that a reverse planned from schema states cannot undo, in order.
///
/// Not listed: what the schema model holds (tables, indexes, types, schemas, extensions, comments) and
/// what leaves nothing lasting (SET, transaction control, ANALYZE, VACUUM, LOCK, ...). Anything else is
/// listed, including statements not recognised: a list that says too much is safer than one that
/// misses a trigger.
pub fn unreversed(script: &Script) -> Vec<Unreversed> {
    statements(script)
        .filter_map(|s| {
            let what = unreversed_what(&s.sql)?;
            let first = s.sql.lines().next().unwrap_or("").trim_end();
            let excerpt = if first.chars().count() > 80 {
                format!("{}...", first.chars().take(77).collect::<String>())
            } else {
                first.to_string()
            };
            Some(Unreversed { statement: s.number, line: s.line, what, excerpt })
        })
        .collect()
}

fn statements(script: &Script) -> impl Iterator<Item = &Statement> {
    script.segments.iter().flat_map(|s| &s.statements)
}

type Spanned<'a> = [(usize, Token<'a>)];

fn word<'t>(t: &'t Spanned<'_>, i: usize) -> &'t str {
    match t.get(i) {
        Some((_, Token::Word(w))) => w,
        _ => "",
    }
}

fn is_other(t: &Spanned<'_>, i: usize, c: char) -> bool {
    matches!(t.get(i), Some((_, Token::Other(o))) if *o == c)
}

/// The index after `IF EXISTS` at `i`, or `i`.
fn skip_if_exists(t: &Spanned<'_>, i: usize) -> usize {
    if word(t, i) == "IF" && word(t, i + 1) == "EXISTS" { i + 2 } else { i }
}

/// One identifier as PostgreSQL stores it: unquoted ones folded (ASCII only, as PostgreSQL does in UTF-8).
fn ident(t: &Spanned<'_>, i: usize) -> Option<String> {
    match t.get(i) {
        Some((_, Token::Word(w))) => Some(w.to_ascii_lowercase()),
        Some((_, Token::Quoted(q))) => Some(q.replace("\"\"", "\"")),
        _ => None,
    }
}

/// A possibly qualified object name.
struct Name(Vec<String>);

impl Name {
    fn shown(&self) -> String {
        self.0.join(".")
    }

    fn sql(&self) -> String {
        self.0.iter().map(|p| quote_identifier(p)).collect::<Vec<_>>().join(".")
    }
}

/// The name at `i` (`t`, `"T"`, `s.t`, `db.s.t`) and the index after it.
fn name_at(t: &Spanned<'_>, mut i: usize) -> Option<(Name, usize)> {
    let mut parts = vec![ident(t, i)?];
    i += 1;
    while parts.len() < 3 && is_other(t, i, '.') {
        let Some(part) = ident(t, i + 1) else { break };
        parts.push(part);
        i += 2;
    }
    Some((Name(parts), i))
}

/// The `[start, end)` index ranges of the comma-separated items from `i`, split at top-level commas
/// only (not those in `DECIMAL(10,2)`, `USING (...)`, `ARRAY[a, b]`).
fn top_level_items(t: &Spanned<'_>, i: usize) -> Vec<(usize, usize)> {
    let i = i.min(t.len()); // callers pass the index after a name, at most the end; never slice past it
    let mut items = Vec::new();
    let (mut depth, mut start) = (0usize, i);
    for (j, (_, token)) in t.iter().enumerate().skip(i) {
        match token {
            Token::Other('(' | '[') => depth += 1,
            Token::Other(')' | ']') => depth = depth.saturating_sub(1),
            Token::Other(',') if depth == 0 => {
                items.push((start, j));
                start = j + 1;
            }
            _ => {}
        }
    }
    items.push((start, t.len().max(start)));
    items
}

/// The words outside parentheses and brackets from `i`, upper-cased.
fn top_level_words<'t>(t: &'t Spanned<'_>, i: usize) -> impl Iterator<Item = &'t str> {
    let mut depth = 0usize;
    t.iter().skip(i).filter_map(move |(_, token)| {
        match token {
            Token::Other('(' | '[') => depth += 1,
            Token::Other(')' | ']') => depth = depth.saturating_sub(1),
            Token::Word(w) if depth == 0 => return Some(w.as_str()),
            _ => {}
        }
        None
    })
}

fn count(from: &str, filter: Option<&str>) -> String {
    match filter {
        Some(f) => format!("SELECT count(*) FROM {from} WHERE {f}"),
        None => format!("SELECT count(*) FROM {from}"),
    }
}

fn statement_losses(s: &Statement, new_enums: &[String]) -> Vec<Loss> {
    let lead: Vec<Token<'_>> = Tokens::new(&s.sql).take(2).collect();
    let lead_word = |i: usize| match lead.get(i) {
        Some(Token::Word(w)) => w.as_str(),
        _ => "",
    };
    // Only these statements are read whole: a long INSERT of seed data is not tokenized for nothing.
    if !matches!(
        (lead_word(0), lead_word(1)),
        ("DROP", "TABLE" | "SCHEMA") | ("ALTER", "TABLE") | ("DELETE" | "TRUNCATE" | "WITH", _)
    ) {
        return Vec::new();
    }
    let t: Vec<(usize, Token<'_>)> = Tokens::spanned(&s.sql).collect();
    let whole_tables = |i, kind: fn(String) -> LossKind| -> Vec<(LossKind, Option<String>)> {
        let counted = |(n, only): (Name, &str)| (kind(n.shown()), Some(count(&format!("{only}{}", n.sql()), None)));
        names_list(&t, i).into_iter().map(counted).collect()
    };
    let kinds = match (word(&t, 0), word(&t, 1)) {
        ("DROP", "TABLE") => whole_tables(skip_if_exists(&t, 2), |table| LossKind::DropTable { table }),
        ("DROP", "SCHEMA") => {
            let names = names_list(&t, skip_if_exists(&t, 2));
            // Without CASCADE a schema that holds anything is not dropped, so nothing is lost.
            let cascade = word(&t, t.len().saturating_sub(1)) == "CASCADE";
            names
                .into_iter()
                .filter(|_| cascade)
                .map(|(n, _)| (LossKind::DropSchema { name: n.shown() }, None))
                .collect()
        }
        ("ALTER", "TABLE") => alter_table(&t, new_enums),
        ("TRUNCATE", _) => {
            let i = if word(&t, 1) == "TABLE" { 2 } else { 1 };
            whole_tables(i, |table| LossKind::DeleteRows { table })
        }
        ("DELETE", "FROM") => delete(&t, &s.sql).into_iter().collect(),
        // A data-modifying WITH: its DELETEs lose rows; counting them would mean reading the CTEs.
        ("WITH", _) => (0..t.len())
            .filter(|&i| word(&t, i) == "DELETE" && word(&t, i + 1) == "FROM")
            .filter_map(|i| {
                let i = if word(&t, i + 2) == "ONLY" { i + 3 } else { i + 2 };
                Some((LossKind::DeleteRows { table: name_at(&t, i)?.0.shown() }, None))
            })
            .collect(),
        _ => Vec::new(),
    };
    kinds.into_iter().map(|(kind, count_sql)| Loss { kind, statement: s.number, line: s.line, count_sql }).collect()
}

/// `[ONLY] name [*] [, ...]` from `i`, each name with `"ONLY "` when it was written (the count then
/// leaves out inheriting tables, as the statement does).
fn names_list(t: &Spanned<'_>, mut i: usize) -> Vec<(Name, &'static str)> {
    let mut names = Vec::new();
    loop {
        let only = if word(t, i) == "ONLY" { "ONLY " } else { "" };
        let Some((name, end)) = name_at(t, if only.is_empty() { i } else { i + 1 }) else { break };
        names.push((name, only));
        i = if is_other(t, end, '*') { end + 1 } else { end };
        if !is_other(t, i, ',') {
            break;
        }
        i += 1;
    }
    names
}

/// `ALTER TABLE [IF EXISTS] [ONLY] name [*] action [, ...]`: the lossy actions.
fn alter_table(t: &Spanned<'_>, new_enums: &[String]) -> Vec<(LossKind, Option<String>)> {
    let mut i = skip_if_exists(t, 2);
    if word(t, i) == "ONLY" {
        i += 1;
    }
    let Some((table, mut i)) = name_at(t, i) else { return Vec::new() };
    if is_other(t, i, '*') {
        i += 1;
    }
    let mut found = Vec::new();
    for (start, end) in top_level_items(t, i) {
        let a = &t[start..end];
        let column_at = |j: usize| if word(a, j) == "COLUMN" { j + 1 } else { j };
        match word(a, 0) {
            // DROP CONSTRAINT is not a loss; CONSTRAINT is reserved, so never a column's bare name.
            "DROP" if word(a, 1) != "CONSTRAINT" => {
                if let Some(column) = ident(a, skip_if_exists(a, column_at(1))) {
                    let sql = count(&table.sql(), Some(&format!("{} IS NOT NULL", quote_identifier(&column))));
                    found.push((LossKind::DropColumn { table: table.shown(), column }, Some(sql)));
                }
            }
            "ALTER" if word(a, 1) != "CONSTRAINT" => {
                let c = column_at(1);
                let type_at = match (word(a, c + 1), word(a, c + 2), word(a, c + 3)) {
                    ("TYPE", _, _) => Some(c + 2),
                    ("SET", "DATA", "TYPE") => Some(c + 4),
                    _ => None,
                };
                let to_new_enum =
                    type_at.and_then(|j| name_at(a, j)).is_some_and(|(target, _)| new_enums.contains(&target.shown()));
                if let Some(column) = ident(a, c).filter(|_| type_at.is_some() && !to_new_enum) {
                    let sql = count(&table.sql(), Some(&format!("{} IS NOT NULL", quote_identifier(&column))));
                    found.push((LossKind::CastColumn { table: table.shown(), column }, Some(sql)));
                }
            }
            _ => {}
        }
    }
    found
}

/// `DELETE FROM [ONLY] name [*] [[AS] alias] [WHERE condition]`: counted by the same condition.
/// USING, `WHERE CURRENT OF` and RETURNING are not counted.
fn delete(t: &Spanned<'_>, sql: &str) -> Option<(LossKind, Option<String>)> {
    let only = if word(t, 2) == "ONLY" { "ONLY " } else { "" };
    let (table, mut i) = name_at(t, if only.is_empty() { 2 } else { 3 })?;
    if is_other(t, i, '*') {
        i += 1;
    }
    let mut from = format!("{only}{}", table.sql());
    let alias_at = if word(t, i) == "AS" { i + 1 } else { i };
    if !one_of(word(t, alias_at), "USING WHERE RETURNING")
        && let Some(alias) = ident(t, alias_at)
    {
        from = format!("{from} AS {}", quote_identifier(&alias));
        i = alias_at + 1;
    }
    let counted = match t.get(i + 1) {
        _ if i >= t.len() => Some(count(&from, None)),
        Some((start, _)) if word(t, i) == "WHERE" && !(word(t, i + 1) == "CURRENT" && word(t, i + 2) == "OF") => {
            let returning = top_level_words(t, i).any(|w| w == "RETURNING");
            // The condition is quoted as written (comments and all), last, so nothing can follow it.
            (!returning).then(|| count(&from, Some(&sql[*start..])))
        }
        _ => None,
    };
    Some((LossKind::DeleteRows { table: table.shown() }, counted))
}

/// Object kinds refract's schema model holds: their CREATE/ALTER/DROP is reversed from schema states.
const HELD: &str = "TABLE INDEX TYPE SCHEMA EXTENSION";

/// Statements that leave nothing lasting.
const PASSING: &str = "SET RESET SHOW BEGIN START COMMIT END ROLLBACK ABORT SAVEPOINT RELEASE ANALYZE ANALYSE VACUUM \
    REINDEX CLUSTER LOCK CHECKPOINT DISCARD COMMENT";

/// Whether `w` is one of the space-separated `words` (never for an empty `w`).
fn one_of(w: &str, words: &str) -> bool {
    words.split_ascii_whitespace().any(|x| x == w)
}

/// What a statement that refract cannot reverse is, or None when it can.
fn unreversed_what(sql: &str) -> Option<String> {
    let head: Vec<(usize, Token<'_>)> = Tokens::spanned(sql).take(16).collect();
    let verb = match head.first() {
        Some((_, Token::Word(w))) => w.as_str(),
        Some((_, other)) => return Some(other.text()),
        None => return None,
    };
    match verb {
        _ if one_of(verb, PASSING) => None,
        "CREATE" | "ALTER" | "DROP" => {
            let mut i = 1;
            if word(&head, 1) == "OR" && word(&head, 2) == "REPLACE" {
                i = 3;
            }
            // Modifiers that do not change what kind of object it is.
            while one_of(
                word(&head, i),
                "TEMP TEMPORARY UNLOGGED GLOBAL LOCAL UNIQUE RECURSIVE TRUSTED PROCEDURAL CONSTRAINT",
            ) {
                i += 1;
            }
            let words = match (word(&head, i), word(&head, i + 1)) {
                ("MATERIALIZED" | "EVENT" | "ACCESS" | "DEFAULT", _) | ("USER", "MAPPING") | ("FOREIGN", "TABLE") => 2,
                ("FOREIGN", "DATA") => 3,
                ("TEXT", "SEARCH") => 3,
                ("OPERATOR", "CLASS" | "FAMILY") => 2,
                _ => 1,
            };
            let object: Vec<&str> = (i..i + words).map(|j| word(&head, j)).filter(|w| !w.is_empty()).collect();
            let what = format!("{verb} {}", object.join(" "));
            if !(object.len() == 1 && one_of(object[0], HELD)) {
                return Some(what.trim_end().to_string());
            }
            if verb != "ALTER" {
                return None;
            }
            // ALTER of a held object: the model holds no owners, row level security or trigger states.
            let t: Vec<(usize, Token<'_>)> = Tokens::spanned(sql).collect();
            let mut j = skip_if_exists(&t, i + 1);
            if word(&t, j) == "ONLY" {
                j += 1;
            }
            let (_, j) = name_at(&t, j)?;
            top_level_items(&t, j).into_iter().find_map(|(a, b)| {
                let action = &t[a..b];
                let lasting = matches!(
                    (word(action, 0), word(action, 1)),
                    ("ENABLE" | "DISABLE" | "FORCE", _) | ("NO", "FORCE") | ("OWNER", "TO")
                );
                lasting.then(|| {
                    // The action's keywords, up to the object kind (`ENABLE REPLICA TRIGGER`, `OWNER TO`).
                    let mut keywords = Vec::new();
                    for k in 0..action.len().min(5) {
                        let w = word(action, k);
                        if w.is_empty() {
                            break;
                        }
                        keywords.push(w);
                        if one_of(w, "TRIGGER RULE SECURITY TO") {
                            break;
                        }
                    }
                    format!("{what} ... {}", keywords.join(" "))
                })
            })
        }
        // A WITH statement is named by the statement its CTEs lead to.
        "WITH" => {
            let t: Vec<(usize, Token<'_>)> = Tokens::spanned(sql).collect();
            let main =
                top_level_words(&t, 1).find(|w| matches!(*w, "SELECT" | "INSERT" | "UPDATE" | "DELETE" | "MERGE"));
            Some(main.unwrap_or("WITH").to_string())
        }
        _ => Some(verb.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::LossKind::*;
    use super::*;

    fn kinds(sql: &str) -> Vec<(LossKind, Option<String>)> {
        losses(&Script::parse(sql)).into_iter().map(|l| (l.kind, l.count_sql)).collect()
    }

    fn listed(sql: &str) -> String {
        unreversed(&Script::parse(sql)).into_iter().map(|u| u.what).collect::<Vec<_>>().join(", ")
    }

    #[test]
    fn prisma_migrations_lose_what_they_drop_and_cast() {
        let sql = "-- AlterTable\nALTER TABLE \"Order\" DROP COLUMN \"stopPrice\";\n\n-- DropTable\nDROP TABLE \"watchlist_items\";\n\n-- AlterTable\nALTER TABLE \"users\" ALTER COLUMN \"symbol\" SET DATA TYPE VARCHAR(32);\n";
        let found = losses(&Script::parse(sql));
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].kind, DropColumn { table: "Order".into(), column: "stopPrice".into() });
        assert_eq!(
            found[0].count_sql.as_deref(),
            Some("SELECT count(*) FROM \"Order\" WHERE \"stopPrice\" IS NOT NULL")
        );
        assert_eq!((found[0].statement, found[0].line), (1, 2));
        assert_eq!(found[1].kind, DropTable { table: "watchlist_items".into() });
        assert_eq!(found[1].count_sql.as_deref(), Some("SELECT count(*) FROM \"watchlist_items\""));
        assert_eq!((found[1].statement, found[1].line), (2, 5));
        assert_eq!(found[2].kind, CastColumn { table: "users".into(), column: "symbol".into() });
        // Prisma's enum rebuild casts through USING, a parenthesised expression.
        let enum_cast =
            "ALTER TABLE \"User\" ALTER COLUMN \"role\" TYPE \"Role_new\" USING (\"role\"::text::\"Role_new\")";
        assert_eq!(kinds(enum_cast)[0].0, CastColumn { table: "User".into(), column: "role".into() });
        // ... which loses nothing when the script creates that enum: every value is kept, or the cast fails.
        let rebuild =
            format!("CREATE TYPE \"Role_new\" AS ENUM ('USER', 'ADMIN');\n{enum_cast};\nDROP TYPE \"Role_old\";\n");
        assert_eq!(losses(&Script::parse(&rebuild)), Vec::new());
    }

    #[test]
    fn hand_written_and_qualified_names_are_read_as_postgresql_stores_them() {
        let found = kinds(
            "alter table if exists only public.Orders drop column if exists Stop_Price cascade;\ndrop table if exists trading.\"Fills\", audit restrict;\nalter table t alter c type text;\nalter table \"we\"\"ird\" drop x;",
        );
        assert_eq!(
            found,
            vec![
                (
                    DropColumn { table: "public.orders".into(), column: "stop_price".into() },
                    Some("SELECT count(*) FROM \"public\".\"orders\" WHERE \"stop_price\" IS NOT NULL".into())
                ),
                (
                    DropTable { table: "trading.Fills".into() },
                    Some("SELECT count(*) FROM \"trading\".\"Fills\"".into())
                ),
                (DropTable { table: "audit".into() }, Some("SELECT count(*) FROM \"audit\"".into())),
                (
                    CastColumn { table: "t".into(), column: "c".into() },
                    Some("SELECT count(*) FROM \"t\" WHERE \"c\" IS NOT NULL".into())
                ),
                (
                    DropColumn { table: "we\"ird".into(), column: "x".into() },
                    Some("SELECT count(*) FROM \"we\"\"ird\" WHERE \"x\" IS NOT NULL".into())
                ),
            ]
        );
    }

    #[test]
    fn each_lossy_action_of_an_alter_table_counts() {
        let sql = "ALTER TABLE \"t\" DROP COLUMN \"a\",\n  DROP CONSTRAINT \"t_b_fkey\",\n  ALTER COLUMN \"p\" SET DATA TYPE DECIMAL(10,2) USING round(\"p\", 2),\n  ALTER COLUMN \"d\" DROP DEFAULT, ALTER \"n\" DROP NOT NULL,\n  ADD COLUMN \"z\" TEXT, DROP \"b\" /* , DROP c */, ALTER CONSTRAINT k DEFERRABLE;";
        let found: Vec<LossKind> = kinds(sql).into_iter().map(|(k, _)| k).collect();
        assert_eq!(
            found,
            vec![
                DropColumn { table: "t".into(), column: "a".into() },
                CastColumn { table: "t".into(), column: "p".into() },
                DropColumn { table: "t".into(), column: "b".into() },
            ]
        );
        // Not losses.
        let none = "ALTER TABLE t RENAME COLUMN a TO b; ALTER TABLE t ADD CONSTRAINT c CHECK (x > 0); ALTER TABLE t ALTER COLUMN c SET DEFAULT 1; DROP INDEX \"t_idx\"; DROP TYPE \"Role\"; DROP SCHEMA s; ALTER TABLE t RENAME TO u";
        assert_eq!(kinds(none), vec![]);
    }

    #[test]
    fn deletes_are_counted_by_their_own_condition() {
        let sql = "DELETE FROM \"Order\" WHERE \"note\" = 'a, b; c' AND \"id\" IN (1, 2) -- old\n;\ndelete from only audit.log as l where l.at < now();\nDELETE FROM t;\nDELETE FROM t USING u WHERE t.id = u.id;\nDELETE FROM t WHERE x = 1 RETURNING *;\nDELETE FROM t WHERE CURRENT OF c;";
        let counts: Vec<Option<String>> = kinds(sql).into_iter().map(|(_, c)| c).collect();
        assert_eq!(
            counts,
            vec![
                Some("SELECT count(*) FROM \"Order\" WHERE \"note\" = 'a, b; c' AND \"id\" IN (1, 2) -- old".into()),
                Some("SELECT count(*) FROM ONLY \"audit\".\"log\" AS \"l\" WHERE l.at < now()".into()),
                Some("SELECT count(*) FROM \"t\"".into()),
                None,
                None,
                None,
            ]
        );
        assert_eq!(kinds(sql)[1].0, DeleteRows { table: "audit.log".into() });
        let with = kinds("WITH old AS (SELECT id FROM s) DELETE FROM \"t\" WHERE id IN (SELECT id FROM old)");
        assert_eq!(with, vec![(DeleteRows { table: "t".into() }, None)]);
    }

    #[test]
    fn truncates_and_cascading_schema_drops_lose_rows() {
        assert_eq!(
            kinds("TRUNCATE TABLE ONLY \"a\", b.c * RESTART IDENTITY CASCADE; truncate d;"),
            vec![
                (DeleteRows { table: "a".into() }, Some("SELECT count(*) FROM ONLY \"a\"".into())),
                (DeleteRows { table: "b.c".into() }, Some("SELECT count(*) FROM \"b\".\"c\"".into())),
                (DeleteRows { table: "d".into() }, Some("SELECT count(*) FROM \"d\"".into())),
            ]
        );
        assert_eq!(
            kinds("DROP SCHEMA IF EXISTS \"Staging\", old CASCADE"),
            vec![(DropSchema { name: "Staging".into() }, None), (DropSchema { name: "old".into() }, None)]
        );
    }

    #[test]
    fn bodies_strings_and_comments_are_not_read() {
        let sql = "CREATE OR REPLACE FUNCTION purge() RETURNS trigger AS $$\nBEGIN\n  DROP TABLE x;\n  DELETE FROM y;\nEND;\n$$ LANGUAGE plpgsql;\nINSERT INTO \"Log\" VALUES ('DROP TABLE z');\n-- DROP TABLE w;\n/* TRUNCATE v; */ SELECT 1;\nALTER TABLE t /* DROP COLUMN a, */ ADD COLUMN b INT -- , DROP COLUMN c\n;";
        assert_eq!(kinds(sql), vec![]);
        let script = Script::parse(sql);
        let listed = unreversed(&script);
        let whats: Vec<&str> = listed.iter().map(|u| u.what.as_str()).collect();
        assert_eq!(whats, vec!["CREATE FUNCTION", "INSERT", "SELECT"]);
        assert_eq!((listed[0].statement, listed[0].line), (1, 1));
        assert_eq!(listed[0].excerpt, "CREATE OR REPLACE FUNCTION purge() RETURNS trigger AS $$");
        assert_eq!((listed[2].statement, listed[2].line), (3, 9));
    }

    #[test]
    fn what_the_schema_model_does_not_hold_is_listed() {
        let sql = "INSERT INTO a VALUES (1); UPDATE a SET x = 1; DELETE FROM a; MERGE INTO a USING b ON true WHEN MATCHED THEN DELETE; COPY a FROM stdin; DO $$ BEGIN END $$; CALL p(); SELECT create_hypertable('a', 'at'); GRANT SELECT ON a TO r; REVOKE ALL ON a FROM r;
            create or replace function f() returns int as 'select 1' language sql; DROP FUNCTION f; CREATE PROCEDURE p() AS $$ $$ LANGUAGE sql; CREATE CONSTRAINT TRIGGER t AFTER INSERT ON a FOR EACH ROW EXECUTE FUNCTION f(); CREATE OR REPLACE TEMP VIEW v AS SELECT 1; CREATE MATERIALIZED VIEW m AS SELECT 1; ALTER SEQUENCE s RESTART; CREATE RULE r AS ON INSERT TO a DO NOTHING; CREATE POLICY p ON a; CREATE DOMAIN d AS int; CREATE AGGREGATE g(int) (sfunc = f, stype = int); CREATE ROLE r; CREATE PUBLICATION p; CREATE EVENT TRIGGER e ON ddl_command_start EXECUTE FUNCTION f(); WITH x AS (SELECT 1) UPDATE a SET y = 1;
            ALTER TABLE a ENABLE ROW LEVEL SECURITY; ALTER TABLE ONLY \"a\" FORCE ROW LEVEL SECURITY; ALTER TABLE a NO FORCE ROW LEVEL SECURITY; ALTER TABLE a ADD COLUMN z INT, DISABLE TRIGGER ALL; ALTER TABLE public.a OWNER TO app;";
        let expected = "INSERT, UPDATE, DELETE, MERGE, COPY, DO, CALL, SELECT, GRANT, REVOKE, CREATE FUNCTION, \
            DROP FUNCTION, CREATE PROCEDURE, CREATE TRIGGER, CREATE VIEW, CREATE MATERIALIZED VIEW, ALTER SEQUENCE, \
            CREATE RULE, CREATE POLICY, CREATE DOMAIN, CREATE AGGREGATE, CREATE ROLE, CREATE PUBLICATION, \
            CREATE EVENT TRIGGER, UPDATE, ALTER TABLE ... ENABLE ROW LEVEL SECURITY, \
            ALTER TABLE ... FORCE ROW LEVEL SECURITY, ALTER TABLE ... NO FORCE ROW LEVEL SECURITY, \
            ALTER TABLE ... DISABLE TRIGGER, ALTER TABLE ... OWNER TO";
        assert_eq!(listed(sql), expected);
    }

    #[test]
    fn what_the_schema_model_holds_is_not_listed() {
        let sql = "BEGIN; SET search_path TO public; RESET ALL; CREATE TABLE \"a\" (\"id\" SERIAL NOT NULL, CONSTRAINT \"a_pkey\" PRIMARY KEY (\"id\")); CREATE UNLOGGED TABLE b (x int); CREATE UNIQUE INDEX \"a_x_key\" ON \"a\"(\"x\"); CREATE INDEX CONCURRENTLY i ON a (x); DROP INDEX i; CREATE TYPE \"Role\" AS ENUM ('A', 'B'); ALTER TYPE \"Role\" ADD VALUE 'C'; DROP TYPE \"Role\"; CREATE SCHEMA IF NOT EXISTS s; CREATE EXTENSION IF NOT EXISTS \"citext\"; COMMENT ON TABLE a IS 'x'; ALTER TABLE a ADD COLUMN y INT, DROP COLUMN x, ALTER COLUMN y SET DATA TYPE BIGINT; DROP TABLE b; ANALYZE a; VACUUM a; REINDEX TABLE a; CLUSTER a USING i; LOCK TABLE a; START TRANSACTION; COMMIT; ROLLBACK; END;";
        assert_eq!(listed(sql), "");
    }

    #[test]
    fn excerpts_are_cut_and_messages_count() {
        let long = format!("UPDATE \"t\" SET \"x\" = '{}'\nWHERE true", "a".repeat(100));
        let u = &unreversed(&Script::parse(&long))[0];
        assert_eq!(u.excerpt.chars().count(), 80);
        assert!(u.excerpt.ends_with("...") && u.excerpt.starts_with("UPDATE \"t\" SET"));
        let loss = |kind| Loss { kind, statement: 3, line: 12, count_sql: None };
        let column = loss(DropColumn { table: "orders".into(), column: "stop_price".into() });
        assert_eq!(column.message(), "drops the column `stop_price` of table `orders` (statement 3, line 12)");
        assert_eq!(
            column.message_with_rows(3),
            "drops the column `stop_price` of table `orders` (statement 3, line 12): 3 non-null values are lost"
        );
        assert_eq!(
            loss(DropTable { table: "a".into() }).message_with_rows(1),
            "drops the table `a` (statement 3, line 12): 1 row is lost"
        );
        assert!(loss(DeleteRows { table: "a".into() }).message_with_rows(2).ends_with(": 2 rows are lost"));
        assert!(loss(CastColumn { table: "a".into(), column: "c".into() }).message().starts_with("changes the type"));
    }

    #[test]
    fn no_text_makes_it_panic() {
        let script = "-- AlterTable\nALTER TABLE IF EXISTS ONLY \"public\".\"Order\" * DROP COLUMN IF EXISTS \"stopPrice\", ALTER COLUMN \"p\" TYPE NUMERIC(10,2) USING (\"p\"::numeric), DROP CONSTRAINT k;\nDELETE FROM ONLY s.\"t\" AS x WHERE x.\"a\" = E'it\\'s; ok' AND b = $q$;$q$ RETURNING *;\nTRUNCATE TABLE ONLY a *, \"b\";\nDROP SCHEMA IF EXISTS s, \"T\" CASCADE;\nWITH d AS (DELETE FROM ONLY t RETURNING *) SELECT 1;\nCREATE OR REPLACE FUNCTION f() RETURNS void AS $body$ DROP TABLE x; $body$ LANGUAGE sql;\nALTER TABLE a ENABLE REPLICA TRIGGER t, OWNER TO r;\n/* unterminated";
        // Every prefix at a character boundary, so truncated statements, quotes and comments all show up.
        for (end, _) in script.char_indices() {
            let parsed = Script::parse(&script[..end]);
            let _ = (losses(&parsed), unreversed(&parsed));
        }
        // Garbage from a fixed-seed generator, biased toward SQL punctuation and keywords.
        let pieces = [
            "DROP", "TABLE", "ALTER", "COLUMN", "TYPE", "DELETE", "FROM", "WHERE", "TRUNCATE", "IF", "EXISTS", "ONLY",
            "WITH", "AS", "CREATE", "\"", "'", "$$", "$a$", "(", ")", ",", ".", "*", ";", "--", "/*", "*/", "é", "\n",
            " ",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..(seed % 40) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
                text.push_str(if seed & 16 == 0 { " " } else { "" });
            }
            // And raw bytes, read as a file with invalid UTF-8 would be.
            let bytes: Vec<u8> = (0..seed % 64).map(|k| (seed >> (k % 57)) as u8).collect();
            for text in [text, String::from_utf8_lossy(&bytes).into_owned()] {
                let parsed = Script::parse(&text);
                let _ = (losses(&parsed), unreversed(&parsed));
            }
        }
    }
}
