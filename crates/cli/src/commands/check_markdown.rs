//! `refract migrate check --format markdown`: the check as a pull-request comment. What a reviewer
//! wants: the pending migrations and what each does (tables and columns added, changed, dropped, read
//! from their SQL), the data they would destroy (with row counts when a database is configured), the
//! lint findings, drift, and a Mermaid diagram of the tables they touch. The checks are
//! `migrate_check`'s; this only writes them up.

use std::collections::BTreeSet;

use clap::ValueEnum;
use indexmap::IndexMap;
use refract_engine::{Engine, LocalMigration, impact};
use refract_script::{Script, effects};

use super::migrate_check::{Finding, FindingKind, Report, check};
use super::output::fail;
use super::project::{Project, ProjectArgs};
use crate::{Outcome, OutputFormat};

/// `migrate check`'s formats: the shared ones and `markdown`.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckFormat {
    Human,
    Json,
    /// GitHub Actions annotations.
    Github,
    /// A summary for a pull-request comment.
    Markdown,
}

impl CheckFormat {
    /// The shared format, or `None` for markdown.
    pub fn output(self) -> Option<OutputFormat> {
        match self {
            CheckFormat::Human => Some(OutputFormat::Human),
            CheckFormat::Json => Some(OutputFormat::Json),
            CheckFormat::Github => Some(OutputFormat::Github),
            CheckFormat::Markdown => None,
        }
    }
}

/// Prints the summary; exits as `migrate check` does (1 when it found a problem).
pub fn run(args: &ProjectArgs) -> Outcome {
    match summary(args) {
        Ok((text, ok)) => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
            if ok { Outcome::Ok } else { Outcome::Failed }
        }
        Err(message) if message.is_empty() => Outcome::Failed,
        Err(message) => fail(message),
    }
}

/// The Markdown, and whether the check passed.
fn summary(args: &ProjectArgs) -> Result<(String, bool), String> {
    let report = check(args)?;
    let project = Project::load(args)?;
    let local = project.migrations().list().map_err(|e| e.to_string())?;
    // With a database: what it has not applied. Without one, the newest migration stands for the change.
    let (pending, which): (Vec<&LocalMigration>, &str) = match &report.database {
        Some(_) => (local.iter().filter(|m| report.pending.contains(&m.name)).collect(), "not applied to the database"),
        None => (local.last().into_iter().collect(), "no database configured: the newest migration"),
    };
    let mut client = match &report.database {
        Some(url) => Some(Engine::connect(url).map_err(|e| e.to_string())?),
        None => None,
    };
    let mut md = String::new();
    let ok = report.problems.is_empty();
    md.push_str(&format!(
        "## refract migrate check: {}\n\n",
        if ok {
            "✅ passed".to_string()
        } else {
            format!("❌ {} problem{}", report.problems.len(), plural(report.problems.len()))
        }
    ));

    // Pending migrations.
    md.push_str(&format!("### Pending migrations ({}; {which})\n\n", pending.len()));
    if pending.is_empty() {
        md.push_str("None.\n\n");
    }
    let mut touched: BTreeSet<String> = BTreeSet::new();
    let mut losses: Vec<String> = Vec::new();
    for m in &pending {
        let script = Script::parse(&m.script);
        let changes = describe(&script);
        md.push_str(&format!("#### `{}`\n\n", m.name));
        if changes.lines.is_empty() {
            md.push_str("- no statements\n");
        }
        for line in &changes.lines {
            md.push_str(&format!("- {line}\n"));
        }
        touched.extend(changes.tables);
        md.push_str(&format!(
            "\n<details><summary>migration.sql ({} statement{})</summary>\n\n```sql\n{}\n```\n\n</details>\n\n",
            script.statement_count(),
            plural(script.statement_count()),
            m.script.trim_end().replace("```", "` ` `")
        ));
        let found = effects::losses(&script);
        let counted: Vec<(effects::Loss, Option<i64>)> = match client.as_mut() {
            Some(engine) => impact::count_losses(&mut engine.client, found),
            None => found.into_iter().map(|l| (l, None)).collect(),
        };
        for (loss, rows) in counted {
            let text = match rows {
                Some(rows) => loss.message_with_rows(rows),
                None if client.is_some() => format!("{} (rows not counted)", loss.message()),
                None => loss.message(),
            };
            losses.push(format!("`{}`: {text}", m.name));
        }
    }

    // Data loss.
    md.push_str("### Data loss\n\n");
    if losses.is_empty() {
        md.push_str("None: no pending statement drops a table or column, casts a column or deletes rows.\n\n");
    } else {
        if client.is_none() {
            md.push_str("No database configured: rows are not counted.\n\n");
        }
        for l in &losses {
            md.push_str(&format!("- ⚠️ {l}\n"));
        }
        md.push('\n');
    }

    // Lint findings, drift, the rest.
    let (lint, rest): (Vec<&Finding>, Vec<&Finding>) =
        report.problems.iter().partition(|p| p.kind == FindingKind::Lint);
    let (drift, rest): (Vec<&Finding>, Vec<&Finding>) = rest.into_iter().partition(|p| p.kind == FindingKind::Drift);
    md.push_str("### Lint findings\n\n");
    section(&mut md, &lint, &report, "lint", "None.");
    md.push_str("### Drift\n\n");
    let no_drift = if report.database.is_some() { "None." } else { "Not checked: no database configured." };
    section(&mut md, &drift, &report, "drift", no_drift);
    if !rest.is_empty() {
        md.push_str("### Other problems\n\n");
        section(&mut md, &rest, &report, "", "");
    }

    // The tables the pending migrations touch.
    let diagram = refract_erd::Diagram::from_schema(&report.schema);
    let part = diagram.of_tables(touched.iter().map(|t| t.rsplit('.').next().unwrap_or(t)));
    md.push_str("### Tables touched\n\n");
    if part.entities.is_empty() {
        md.push_str("None in the schema.\n\n");
    } else {
        let mermaid = part.render(refract_erd::Format::Mermaid).map_err(|e| e.to_string())?;
        md.push_str(&format!("```mermaid\n{mermaid}```\n\n"));
    }
    let notes: Vec<&String> = report.notes.iter().filter(|n| !n.contains("lint")).collect();
    if !notes.is_empty() || !report.unmanaged.is_empty() {
        md.push_str("### Notes\n\n");
        for n in notes {
            md.push_str(&format!("- {n}\n"));
        }
        for u in &report.unmanaged {
            md.push_str(&format!("- Not in the schema (not drift): {} `{}`\n", u.kind, u.name));
        }
        md.push('\n');
    }
    Ok((md, ok))
}

/// The findings of one kind, each with its lines and SQL, or what to say when there are none (a note
/// of the report's about it, else `none`).
fn section(md: &mut String, findings: &[&Finding], report: &Report, topic: &str, none: &str) {
    if findings.is_empty() {
        let note =
            (!topic.is_empty()).then(|| report.notes.iter().find(|n| n.to_lowercase().contains(topic))).flatten();
        md.push_str(&format!("{}\n\n", note.map_or(none, String::as_str)));
        return;
    }
    for f in findings {
        md.push_str(&format!("**{}**\n\n", f.title));
        for l in &f.lines {
            md.push_str(&format!("- {}\n", l.replace('\n', " ")));
        }
        if let Some(sql) = &f.sql {
            md.push_str(&format!(
                "\n<details><summary>SQL that would reconcile it</summary>\n\n```sql\n{}\n```\n\n</details>\n",
                sql.trim_end()
            ));
        }
        md.push('\n');
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// What a migration does, in schema terms: a line per table (or enum, index, other statement), and the
/// tables it touches.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Changes {
    pub(crate) lines: Vec<String>,
    pub(crate) tables: BTreeSet<String>,
}

/// A token of a statement: a bare word (upper-cased in `kw`), a quoted identifier, a string, or one
/// punctuation character.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Quoted(String),
    Str,
    Punct(char),
}

impl Tok {
    fn kw(&self) -> &str {
        match self {
            Tok::Word(w) => w,
            _ => "",
        }
    }
}

/// The statement's tokens with the byte where each starts (for quoting the rest of a clause).
fn tokens(sql: &str) -> Vec<(usize, Tok)> {
    let b = sql.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let start = i;
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c == b'-' && b.get(i + 1) == Some(&b'-') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if c == b'"' {
            let mut name = String::new();
            i += 1;
            while i < b.len() {
                if b[i] == b'"' && b.get(i + 1) == Some(&b'"') {
                    name.push('"');
                    i += 2;
                } else if b[i] == b'"' {
                    i += 1;
                    break;
                } else {
                    let ch = sql[i..].chars().next().unwrap_or(' ');
                    name.push(ch);
                    i += ch.len_utf8();
                }
            }
            out.push((start, Tok::Quoted(name)));
        } else if c == b'\'' {
            i += 1;
            while i < b.len() {
                if b[i] == b'\'' && b.get(i + 1) == Some(&b'\'') {
                    i += 2;
                } else if b[i] == b'\'' {
                    i += 1;
                    break;
                } else {
                    i += 1;
                }
            }
            out.push((start, Tok::Str));
        } else if c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80 {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'$' || b[i] >= 0x80) {
                i += 1;
            }
            out.push((start, Tok::Word(sql[start..i].to_ascii_uppercase())));
        } else {
            out.push((start, Tok::Punct(c as char)));
            i += 1;
        }
    }
    out
}

/// A reader over a statement's tokens.
struct Reader<'s> {
    sql: &'s str,
    toks: Vec<(usize, Tok)>,
    at: usize,
}

impl Reader<'_> {
    fn peek(&self) -> &str {
        self.toks.get(self.at).map_or("", |t| t.1.kw())
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
            Some((_, Tok::Punct(c))) => Some(*c),
            _ => None,
        }
    }

    /// A name, `schema.name` when qualified: quoted as written, bare folded to lower case.
    fn name(&mut self) -> Option<String> {
        let mut parts = Vec::new();
        loop {
            let part = match self.toks.get(self.at) {
                Some((_, Tok::Quoted(n))) => n.clone(),
                Some((_, Tok::Word(w))) => {
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
                Tok::Punct('(') => depth += 1,
                Tok::Punct(')') => depth = depth.saturating_sub(1),
                Tok::Punct(',') if depth == 0 => break,
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
pub(crate) fn describe(script: &Script) -> Changes {
    let mut changes = Changes::default();
    // Per table: what happened to it, in order.
    let mut tables: IndexMap<String, Vec<String>> = IndexMap::new();
    let mut other: Vec<String> = Vec::new();
    for segment in &script.segments {
        for statement in &segment.statements {
            let mut r = Reader { sql: &statement.sql, toks: tokens(&statement.sql), at: 0 };
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
}
