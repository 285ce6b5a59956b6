//! What a migration does, in schema terms (for a reviewer: `migrate check --format markdown`): a line
//! per table it creates, changes or drops (columns, indexes, keys, checks), the enums and types, and
//! the other statements quoted; read from the statements' text with the tokenizer `classify` uses.

use std::collections::BTreeSet;

use indexmap::IndexMap;

use super::Script;
use super::tokens::{Token, Tokens};

/// What a migration does, in schema terms: a line per table (or enum, index, other statement), and the
/// tables it touches.
#[derive(Debug, Default, PartialEq)]
pub struct Changes {
    /// `table `x`: **added** (3 columns); …`, then enums, indexes and other statements.
    pub lines: Vec<String>,
    /// The tables the migration touches (`schema.table` when qualified).
    pub tables: BTreeSet<String>,
}

/// A reader over a statement's tokens.
struct Reader<'s> {
    sql: &'s str,
    toks: Vec<(usize, Token<'s>)>,
    at: usize,
}

impl Reader<'_> {
    fn kw(&self, at: usize) -> &str {
        match self.toks.get(at) {
            Some((_, Token::Word(w))) => w,
            _ => "",
        }
    }

    fn peek(&self) -> &str {
        self.kw(self.at)
    }

    fn eat(&mut self, kw: &str) -> bool {
        if self.peek() == kw {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn eat_all(&mut self, kws: &[&str]) -> bool {
        let save = self.at;
        for kw in kws {
            if !self.eat(kw) {
                self.at = save;
                return false;
            }
        }
        true
    }

    fn punct(&self) -> Option<char> {
        match self.toks.get(self.at) {
            Some((_, Token::Other(c))) => Some(*c),
            _ => None,
        }
    }

    /// A name, `schema.name` when qualified: quoted as written, bare folded to lower case.
    fn name(&mut self) -> Option<String> {
        let mut parts = Vec::new();
        loop {
            let part = match self.toks.get(self.at) {
                Some((_, Token::Quoted(n))) => n.replace("\"\"", "\""),
                Some((_, Token::Word(w))) => {
                    let start = self.toks[self.at].0;
                    self.sql[start..start + w.len()].to_lowercase()
                }
                _ => break,
            };
            self.at += 1;
            parts.push(part);
            if self.punct() == Some('.') {
                self.at += 1;
            } else {
                break;
            }
        }
        (!parts.is_empty()).then(|| parts.join("."))
    }

    /// The text from the current token up to the end of the clause (a comma or the end), on one line.
    fn rest_of_clause(&mut self) -> String {
        let start = self.toks.get(self.at).map_or(self.sql.len(), |t| t.0);
        let mut depth = 0usize;
        while let Some((_, t)) = self.toks.get(self.at) {
            match t {
                Token::Other('(') => depth += 1,
                Token::Other(')') => depth = depth.saturating_sub(1),
                Token::Other(',') if depth == 0 => break,
                _ => {}
            }
            self.at += 1;
        }
        let end = self.toks.get(self.at).map_or(self.sql.len(), |t| t.0);
        let text: Vec<&str> = self.sql[start..end].split_whitespace().collect();
        let text = text.join(" ");
        if text.chars().count() > 60 { format!("{}…", text.chars().take(60).collect::<String>()) } else { text }
    }

    /// Skips to the next top-level comma and past it; false at the end.
    fn next_clause(&mut self) -> bool {
        self.rest_of_clause();
        if self.punct() == Some(',') {
            self.at += 1;
            true
        } else {
            false
        }
    }
}

/// What the statements of a migration do, table by table.
pub fn describe(script: &Script) -> Changes {
    let mut changes = Changes::default();
    // Per table: what happened to it, in order.
    let mut tables: IndexMap<String, Vec<String>> = IndexMap::new();
    let mut other: Vec<String> = Vec::new();
    for segment in &script.segments {
        for statement in &segment.statements {
            let mut r = Reader { sql: &statement.sql, toks: Tokens::spanned(&statement.sql).collect(), at: 0 };
            read_statement(&mut r, &mut tables, &mut other);
        }
    }
    for (table, what) in tables {
        changes.lines.push(format!("table `{table}`: {}", what.join("; ")));
        changes.tables.insert(table);
    }
    changes.lines.extend(other);
    changes
}

fn read_statement(r: &mut Reader<'_>, tables: &mut IndexMap<String, Vec<String>>, other: &mut Vec<String>) {
    let mut note = |table: &str, what: String| tables.entry(table.to_string()).or_default().push(what);
    if r.eat("CREATE") {
        if r.eat("OR") {
            r.eat("REPLACE");
        }
        let unique = r.eat("UNIQUE");
        if r.eat("TABLE") {
            r.eat_all(&["IF", "NOT", "EXISTS"]);
            let Some(table) = r.name() else { return };
            let mut columns = 0;
            if r.punct() == Some('(') {
                r.at += 1;
                loop {
                    let constraint =
                        matches!(r.peek(), "CONSTRAINT" | "PRIMARY" | "UNIQUE" | "FOREIGN" | "CHECK" | "EXCLUDE");
                    if !constraint && r.punct() != Some(')') {
                        columns += 1;
                    }
                    if !r.next_clause() {
                        break;
                    }
                }
            }
            note(&table, format!("**added** ({columns} column{})", plural(columns)));
        } else if r.eat("INDEX") {
            r.eat("CONCURRENTLY");
            r.eat_all(&["IF", "NOT", "EXISTS"]);
            let name = if r.peek() == "ON" { None } else { r.name() };
            if r.eat("ON") {
                r.eat("ONLY");
                if let Some(table) = r.name() {
                    let kind = if unique { "unique index" } else { "index" };
                    note(&table, format!("{kind} `{}` added", name.unwrap_or_default()));
                }
            }
        } else if r.eat("TYPE") {
            let Some(name) = r.name() else { return };
            let what = if r.eat_all(&["AS", "ENUM"]) { "enum" } else { "type" };
            other.push(format!("{what} `{name}`: **added**"));
        } else {
            let what = r.rest_of_clause();
            other.push(format!("`CREATE {what}`"));
        }
    } else if r.eat("DROP") {
        if r.eat("TABLE") {
            r.eat_all(&["IF", "EXISTS"]);
            while let Some(table) = r.name() {
                note(&table, "**dropped**".into());
                if r.punct() == Some(',') {
                    r.at += 1;
                } else {
                    break;
                }
            }
        } else if r.eat("INDEX") {
            r.eat("CONCURRENTLY");
            r.eat_all(&["IF", "EXISTS"]);
            if let Some(name) = r.name() {
                other.push(format!("index `{name}`: dropped"));
            }
        } else if r.eat("TYPE") {
            r.eat_all(&["IF", "EXISTS"]);
            if let Some(name) = r.name() {
                other.push(format!("type `{name}`: **dropped**"));
            }
        } else {
            let what = r.rest_of_clause();
            other.push(format!("`DROP {what}`"));
        }
    } else if r.eat("ALTER") {
        if r.eat("TABLE") {
            r.eat_all(&["IF", "EXISTS"]);
            r.eat("ONLY");
            let Some(table) = r.name() else { return };
            loop {
                let what = alter_action(r);
                note(&table, what);
                if !r.next_clause() {
                    break;
                }
            }
        } else if r.eat("TYPE") {
            let Some(name) = r.name() else { return };
            let what = r.rest_of_clause();
            other.push(format!("type `{name}`: {what}"));
        } else {
            let what = r.rest_of_clause();
            other.push(format!("`ALTER {what}`"));
        }
    } else {
        let what = r.rest_of_clause();
        if !what.is_empty() {
            other.push(format!("`{what}`"));
        }
    }
}

/// One action of `ALTER TABLE`, in words.
fn alter_action(r: &mut Reader<'_>) -> String {
    if r.eat("ADD") {
        if r.eat("CONSTRAINT") {
            let name = r.name().unwrap_or_default();
            let kind = match r.peek() {
                "FOREIGN" => {
                    r.rest_of_clause();
                    return format!("foreign key `{name}` added");
                }
                "PRIMARY" => "primary key",
                "UNIQUE" => "unique constraint",
                "CHECK" => "check constraint",
                _ => "constraint",
            };
            return format!("{kind} `{name}` added");
        }
        if matches!(r.peek(), "PRIMARY" | "UNIQUE" | "FOREIGN" | "CHECK") {
            return format!("{} added", r.rest_of_clause());
        }
        r.eat("COLUMN");
        r.eat_all(&["IF", "NOT", "EXISTS"]);
        let column = r.name().unwrap_or_default();
        let ty = r.rest_of_clause();
        return format!("column `{column}` **added** ({ty})");
    }
    if r.eat("DROP") {
        if r.eat("CONSTRAINT") {
            r.eat_all(&["IF", "EXISTS"]);
            return format!("constraint `{}` dropped", r.name().unwrap_or_default());
        }
        r.eat("COLUMN");
        r.eat_all(&["IF", "EXISTS"]);
        return format!("column `{}` **dropped**", r.name().unwrap_or_default());
    }
    if r.eat("ALTER") {
        r.eat("COLUMN");
        let column = r.name().unwrap_or_default();
        let how = r.rest_of_clause();
        return format!("column `{column}` **changed** ({how})");
    }
    if r.eat("RENAME") {
        if r.eat("TO") {
            return format!("renamed to `{}`", r.name().unwrap_or_default());
        }
        let constraint = r.eat("CONSTRAINT");
        r.eat("COLUMN");
        let from = r.name().unwrap_or_default();
        r.eat("TO");
        let to = r.name().unwrap_or_default();
        let what = if constraint { "constraint" } else { "column" };
        return format!("{what} `{from}` renamed to `{to}`");
    }
    r.rest_of_clause()
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(sql: &str) -> Vec<String> {
        describe(&Script::parse(sql)).lines
    }

    #[test]
    fn prisma_statements_in_schema_terms() {
        let sql = r#"-- CreateEnum
CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN');

-- CreateTable
CREATE TABLE "Post" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "authorId" INTEGER,
    CONSTRAINT "Post_pkey" PRIMARY KEY ("id")
);

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "bio" TEXT,
ALTER COLUMN "name" SET NOT NULL,
DROP COLUMN "legacy";

-- CreateIndex
CREATE UNIQUE INDEX "Post_title_key" ON "Post"("title");

-- AddForeignKey
ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

DROP TABLE "Old";
"#;
        assert_eq!(
            lines(sql),
            [
                "table `Post`: **added** (3 columns); unique index `Post_title_key` added; foreign key `Post_authorId_fkey` added",
                "table `User`: column `bio` **added** (TEXT); column `name` **changed** (SET NOT NULL); column `legacy` **dropped**",
                "table `Old`: **dropped**",
                "enum `Role`: **added**",
            ]
        );
        let changes = describe(&Script::parse(sql));
        assert_eq!(changes.tables.into_iter().collect::<Vec<_>>(), ["Old", "Post", "User"]);
    }

    #[test]
    fn other_statements_are_quoted() {
        assert_eq!(
            lines("ALTER TYPE \"Role\" ADD VALUE 'GUEST'; UPDATE \"User\" SET name = 'x'"),
            ["type `Role`: ADD VALUE 'GUEST'", "`UPDATE \"User\" SET name = 'x'`"]
        );
        assert_eq!(
            lines("ALTER TABLE \"auth\".\"User\" RENAME COLUMN \"a\" TO \"b\""),
            ["table `auth.User`: column `a` renamed to `b`"]
        );
    }

    #[test]
    fn bodies_and_comments_are_not_read_as_statements() {
        let sql = "/* DROP TABLE \"a\" */ CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN DROP TABLE \"b\"; END $$ LANGUAGE plpgsql";
        let changes = describe(&Script::parse(sql));
        assert!(changes.tables.is_empty(), "{changes:?}");
        assert_eq!(changes.lines.len(), 1, "{changes:?}");
        assert!(changes.lines[0].starts_with("`CREATE FUNCTION"), "{changes:?}");
    }
}
