//! Migration lint: squawk's rules (the `squawk-linter` crate, the linter the field uses for PostgreSQL
//! migrations) over a migration file, with what refract knows about how the file runs:
//!
//! - whether it runs in one transaction (refract and Prisma wrap a file in one unless a statement
//!   PostgreSQL refuses in a transaction block is there; [`Script`] decides, the same way `deploy`
//!   does), so squawk judges `CREATE INDEX CONCURRENTLY` alone in its own segment as what it is, and a
//!   table created earlier in the same transaction as new;
//! - which tables the same migration creates: nothing else can be waiting on them, so lock findings on
//!   them are dropped even when the file runs statement by statement.
//!
//! Findings are refract's one [`Diagnostic`] type (rule name as the code, squawk's message, its help),
//! so they render as human text, JSON or GitHub annotations like every other report.
//! `-- squawk-ignore rule` comments work as squawk users write them (squawk reads them itself).

use std::collections::HashSet;
use std::sync::OnceLock;

use refract_diagnostics::{Diagnostic, Span};
use refract_script::{Script, SegmentMode, StatementKind};
use squawk_linter::{Linter, Rule};
use squawk_syntax::ast::{self, AstNode};

/// Off unless `[lint] enable` names them: rules about type choices, which in a Prisma project the schema
/// makes (Prisma writes `INTEGER`, `SERIAL`, `TIMESTAMP(3)`, `VARCHAR(n)` for what it declares), and
/// the two halves of squawk's opt-in `require-timeout-settings` (squawk 2.68 leaves them on when the
/// alias is off; safe mode sets `lock_timeout`, and a `statement_timeout` would abort the long
/// concurrent builds safe mode exists to allow).
pub const OFF_BY_DEFAULT: &[&str] = &[
    "require-lock-timeout",
    "require-statement-timeout",
    "prefer-bigint-over-int",
    "prefer-bigint-over-smallint",
    "prefer-identity",
    "prefer-text-field",
    "prefer-timestamp-tz",
    "ban-char-field",
];

/// Rules about the locks a statement takes on a table that already exists: meaningless for a table the
/// same migration creates.
const LOCK_RULES: &[&str] = &[
    "require-concurrent-index-creation",
    "constraint-missing-not-valid",
    "adding-foreign-key-constraint",
    "disallowed-unique-constraint",
    "adding-not-nullable-field",
    "adding-field-with-default",
    "adding-serial-primary-key-field",
    "changing-column-type",
    "adding-required-field",
    "ban-drop-not-null",
];

/// Which rules run.
#[derive(Debug, Clone)]
pub struct Lint {
    rules: Vec<Rule>,
}

impl Lint {
    /// squawk's default rules, without [`OFF_BY_DEFAULT`] unless `enable` names them, and without
    /// `ignore`. An unknown rule name is an error naming it.
    pub fn new(ignore: &[String], enable: &[String]) -> Result<Lint, String> {
        let parse = |names: &[String]| -> Result<Vec<Rule>, String> {
            names
                .iter()
                .map(|n| {
                    Rule::try_from(n.as_str()).map_err(|_| {
                        format!(
                            "unknown lint rule `{n}`\n  help: the rules are squawk's: https://squawkhq.com/docs/rules"
                        )
                    })
                })
                .collect()
        };
        let (ignore, enable) = (parse(ignore)?, parse(enable)?);
        let mut exclude: Vec<Rule> =
            OFF_BY_DEFAULT.iter().filter_map(|n| Rule::try_from(*n).ok()).filter(|r| !enable.contains(r)).collect();
        exclude.extend(ignore);
        let rules = Linter::with_rules(&enable, &exclude).rules.into_iter().collect();
        Ok(Lint { rules })
    }

    /// The findings on one migration file, spans into `sql`, in file order.
    pub fn file(&self, sql: &str) -> Vec<Diagnostic> {
        let parse = squawk_syntax::SourceFile::parse(sql);
        let script = Script::parse(sql);
        let mut linter = Linter::from(self.rules.iter().copied());
        // As deploy runs it: one transaction, or in parts (a file's own BEGIN/COMMIT squawk follows).
        linter.settings.assume_in_transaction = script.why_in_parts().is_none();
        let in_transaction = transactional_statements(&script);
        let tree = parse.tree();
        let created = created_tables(&tree);
        linter
            .lint(&parse, sql)
            .into_iter()
            .filter(|v| {
                let at = usize::from(v.text_range.start());
                let code = v.code.to_string();
                // A statement in a transaction segment of a file that runs in parts is rerunnable.
                let rerunnable = code == "prefer-robust-stmts" && in_transaction.iter().any(|r| r.contains(&at));
                let on_new_table = LOCK_RULES.contains(&code.as_str())
                    && target_of(&tree, at)
                        .is_some_and(|target| created.iter().any(|(table, after)| at > *after && *table == target));
                !rerunnable && !on_new_table
            })
            .map(|v| {
                let span = Span::new(v.text_range.start().into(), v.text_range.end().into());
                let diagnostic = Diagnostic::error(rule_code(v.code), span, v.message);
                match v.help {
                    Some(help) => diagnostic.with_help(help),
                    None => diagnostic,
                }
            })
            .collect()
    }
}

/// Where the statements are that `deploy` runs inside a transaction, in a file that runs in parts
/// (refract's directives, a statement PostgreSQL refuses in a transaction block): squawk, told the
/// file is not in a transaction, would call them not rerunnable.
fn transactional_statements(script: &Script) -> Vec<std::ops::Range<usize>> {
    if script.why_in_parts().is_none() {
        return Vec::new();
    }
    script
        .segments
        .iter()
        .filter(|s| s.mode == SegmentMode::Transaction)
        .flat_map(|s| &s.statements)
        .filter(|s| s.kind != StatementKind::TransactionControl)
        .map(|s| s.offset..s.offset + s.sql.len())
        .collect()
}

/// The tables a `CREATE TABLE` of the file creates, each with the offset where its statement ends.
fn created_tables(file: &ast::SourceFile) -> Vec<(String, usize)> {
    file.stmts()
        .filter_map(|stmt| match stmt {
            ast::Stmt::CreateTable(create) => {
                let name = create.table_name()?.path()?.segment()?.text();
                Some((name, usize::from(create.syntax().text_range().end())))
            }
            _ => None,
        })
        .collect()
}

/// The table the statement at `offset` works on (an index's table, an altered table).
fn target_of(file: &ast::SourceFile, offset: usize) -> Option<String> {
    let stmt = file.stmts().find(|s| {
        let range = s.syntax().text_range();
        usize::from(range.start()) <= offset && offset < usize::from(range.end())
    })?;
    let relation = match stmt {
        ast::Stmt::CreateIndex(index) => index.table_relation_name(),
        ast::Stmt::AlterTable(alter) => alter.table_relation_name(),
        _ => None,
    }?;
    Some(relation.table_name_ref()?.path_ref()?.segment()?.text())
}

/// The rule's kebab-case name, as the `'static` code a [`Diagnostic`] carries (interned once).
fn rule_code(rule: Rule) -> &'static str {
    static NAMES: OnceLock<std::sync::Mutex<HashSet<&'static str>>> = OnceLock::new();
    let name = rule.to_string();
    let mut names = NAMES.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    if let Some(known) = names.get(name.as_str()) {
        return known;
    }
    let interned: &'static str = Box::leak(name.into_boxed_str());
    names.insert(interned);
    interned
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(sql: &str) -> Vec<&'static str> {
        Lint::new(&[], &[]).unwrap().file(sql).into_iter().map(|d| d.code).collect()
    }

    #[test]
    fn an_index_on_an_existing_table_must_be_concurrent() {
        assert_eq!(
            codes("CREATE INDEX \"orders_status_idx\" ON \"orders\"(\"status\");\n"),
            ["require-concurrent-index-creation"]
        );
        // Concurrently, alone: the file runs outside a transaction.
        assert_eq!(
            codes("CREATE INDEX CONCURRENTLY \"orders_status_idx\" ON \"orders\"(\"status\");\n"),
            ["prefer-robust-stmts"]
        );
    }

    #[test]
    fn a_table_the_migration_creates_has_nothing_to_lock() {
        let sql = "CREATE TABLE \"t\" (\"id\" INTEGER NOT NULL, \"x\" INTEGER);\nCREATE INDEX \"t_x_idx\" ON \"t\"(\"x\");\nALTER TABLE \"t\" ADD CONSTRAINT \"t_x_check\" CHECK (\"x\" > 0);\n";
        assert_eq!(codes(sql), Vec::<&str>::new());
        // ... even when the file runs statement by statement.
        let parts = format!("{sql}CREATE INDEX CONCURRENTLY IF NOT EXISTS \"o_idx\" ON \"o\"(\"id\");\n");
        assert!(!codes(&parts).contains(&"require-concurrent-index-creation"), "{:?}", codes(&parts));
    }

    #[test]
    fn rules_are_turned_off_by_name_or_by_comment() {
        let sql = "CREATE INDEX \"i\" ON \"orders\"(\"status\");\n";
        assert!(Lint::new(&["require-concurrent-index-creation".into()], &[]).unwrap().file(sql).is_empty());
        let ignored = format!("-- squawk-ignore require-concurrent-index-creation\n{sql}");
        assert_eq!(codes(&ignored), Vec::<&str>::new());
        let error = Lint::new(&["no-such-rule".into()], &[]).unwrap_err();
        assert!(error.contains("`no-such-rule`"), "{error}");
        // Type preferences are off unless enabled.
        let int = "ALTER TABLE \"orders\" ADD COLUMN \"n\" INTEGER;\n";
        assert!(!codes(int).contains(&"prefer-bigint-over-int"));
        let enabled = Lint::new(&[], &["prefer-bigint-over-int".into()]).unwrap().file(int);
        assert!(enabled.iter().any(|d| d.code == "prefer-bigint-over-int"), "{enabled:?}");
    }
}
