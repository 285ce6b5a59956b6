//! refract sees exactly what Prisma's engine sees between a migration history and its schema, on the
//! index shapes teams really have.
//!
//! Each folder of `data/prisma_sees` is a project as a team commits it: `schema.prisma`, and
//! `migrations/` holding migrations Prisma generated and others written by hand (partial, expression and
//! `INCLUDE` indexes, tables renamed by hand, identifiers cut at 63 bytes, the `partialIndexes` preview
//! feature). `prisma.sql` is what Prisma's own engine prints for
//! `prisma migrate diff --from-migrations migrations --to-schema schema.prisma --script`
//! (`-- This is an empty migration.` when it sees nothing); `cargo xtask prisma-sees` rewrites it.
//!
//! The `refract` binary runs the same command on a copy of the folder, replaying the history on a fresh
//! database, and the two scripts are compared statement by statement. Comments, blank lines, the order of
//! statements and whitespace do not count, nor the parentheses PostgreSQL puts around an index predicate.
//! - refract never prints a statement Prisma does not: it reports no difference Prisma does not see;
//! - refract prints every statement Prisma prints, except in the cases of [`PRISMA_ONLY`], where Prisma is
//!   known to see a difference that is not there.
//!
//! With Prisma's engine installed (`../shared/prisma-oracle/node_modules`, and `node` on PATH), every
//! `prisma.sql` is also checked against a fresh run of it, so the records cannot drift from Prisma.
//! Every case is run and every failure reported together, so one run shows the whole picture.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use refract_e2e::{Cli, Scratch, TestDb, output_text};

/// Cases where Prisma prints statements refract rightly does not (Prisma's known false positives), and why.
const PRISMA_ONLY: &[(&str, &str)] = &[
    (
        "index_with_include",
        "Prisma's engine does not read INCLUDE columns, so it drops and re-creates an index that has them \
         on every diff (prisma#8547)",
    ),
    (
        "text_pattern_ops",
        "Prisma's engine does not match the btree operator class text_pattern_ops it wrote itself, so it \
         drops and re-creates the index on every diff (prisma#28214)",
    ),
];

/// Cases run at once (each holds a database and a `refract` process, and perhaps a `node` one).
const WORKERS: usize = 4;

fn data() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/prisma_sees")
}

#[test]
fn refract_sees_what_prisma_sees() {
    let mut failures = Vec::new();
    let cases = cases(&mut failures);
    assert!(!cases.is_empty(), "no case in {}", data().display());
    for (name, _) in PRISMA_ONLY {
        if !cases.iter().any(|case| case_name(case) == *name) {
            failures.push(format!("PRISMA_ONLY names {name}, which is no case in {}", data().display()));
        }
    }
    let oracle = oracle();
    if oracle.is_none() {
        eprintln!(
            "prisma_sees: Prisma's engine is not installed (../shared/prisma-oracle/node_modules and node): \
             the live check of the recorded prisma.sql files was skipped"
        );
    }

    let next = AtomicUsize::new(0);
    let found = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..WORKERS.min(cases.len()) {
            scope.spawn(|| {
                while let Some(case) = cases.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let failure = check(case, oracle.as_deref());
                    found.lock().unwrap().extend(failure.map(|f| (case_name(case).to_string(), f)));
                }
            });
        }
    });
    let mut found = found.into_inner().unwrap();
    found.sort();
    let failed = found.len();
    failures.extend(found.into_iter().map(|(name, failure)| format!("== {name}\n{failure}")));
    assert!(
        failures.is_empty(),
        "{failed} of {} cases fail ({} problems in all):\n\n{}",
        cases.len(),
        failures.len(),
        failures.join("\n\n")
    );
}

/// What is wrong with one case, if anything.
fn check(case: &Path, oracle: Option<&Path>) -> Option<String> {
    let name = case_name(case);
    let recorded = std::fs::read_to_string(case.join("prisma.sql")).unwrap();
    let mut why = Vec::new();
    if let Some(oracle) = oracle {
        match prisma_script(oracle, case) {
            Ok(now) if now == recorded => {}
            Ok(now) => why.push(format!(
                "prisma.sql is not what Prisma's engine prints now (run `cargo xtask prisma-sees`); it prints:\n{}",
                now.trim_end()
            )),
            Err(e) => why.push(format!("Prisma's engine failed:\n{e}")),
        }
    }
    let refract = match refract_script(case) {
        Ok(script) => script,
        Err(e) => {
            why.push(format!("refract failed:\n{e}"));
            return Some(why.join("\n"));
        }
    };
    let (prisma, ours) = (statements(&recorded), statements(&refract));
    let refract_only = minus(&ours, &prisma);
    let prisma_only = minus(&prisma, &ours);
    if !refract_only.is_empty() {
        why.push(format!("refract prints what Prisma does not see:\n{}", indent(&refract_only)));
    }
    match PRISMA_ONLY.iter().find(|(n, _)| *n == name) {
        None if !prisma_only.is_empty() => {
            why.push(format!("refract does not print what Prisma sees:\n{}", indent(&prisma_only)))
        }
        Some(_) if prisma_only.is_empty() => why.push(
            "PRISMA_ONLY lists this case, but Prisma prints nothing refract does not: take it off the list".into(),
        ),
        _ => {}
    }
    (!why.is_empty()).then(|| {
        format!(
            "{}\n--- Prisma (prisma.sql):\n{}\n--- refract:\n{}",
            why.join("\n"),
            recorded.trim_end(),
            refract.trim_end()
        )
    })
}

/// The case folders. Anything else is a failure: a file outside a case, a file no case uses, a case without
/// its schema, its migrations or its `prisma.sql`.
fn cases(failures: &mut Vec<String>) -> Vec<PathBuf> {
    let mut cases = Vec::new();
    for path in sorted_entries(&data()) {
        if !path.is_dir() {
            failures.push(format!("{} is in no case folder", path.display()));
            continue;
        }
        let mut missing: Vec<&str> =
            ["schema.prisma", "prisma.sql"].into_iter().filter(|f| !path.join(f).is_file()).collect();
        let migrations = path.join("migrations");
        let folders: Vec<PathBuf> = if migrations.is_dir() { sorted_entries(&migrations) } else { Vec::new() };
        if !folders.iter().any(|f| f.join("migration.sql").is_file()) {
            missing.push("migrations/*/migration.sql");
        }
        for folder in folders.iter().filter(|f| f.is_dir() && !f.join("migration.sql").is_file()) {
            failures.push(format!("{} holds no migration.sql", folder.display()));
        }
        for file in files(&path) {
            let relative = file.strip_prefix(&path).unwrap();
            let parts: Vec<&str> = relative.iter().map(|p| p.to_str().unwrap_or("")).collect();
            let used = matches!(
                parts[..],
                ["schema.prisma"]
                    | ["prisma.sql"]
                    | ["migrations", "migration_lock.toml"]
                    | ["migrations", _, "migration.sql"]
            );
            if !used {
                failures.push(format!("{}: no case uses this file", file.display()));
            }
        }
        if missing.is_empty() {
            cases.push(path);
        } else {
            failures.push(format!("{} lacks {}", path.display(), missing.join(", ")));
        }
    }
    cases
}

fn case_name(case: &Path) -> &str {
    case.file_name().and_then(|n| n.to_str()).unwrap()
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    entries
}

/// Every file under `dir`, at any depth.
fn files(dir: &Path) -> Vec<PathBuf> {
    sorted_entries(dir).into_iter().flat_map(|p| if p.is_dir() { files(&p) } else { vec![p] }).collect()
}

/// `refract migrate diff --from-migrations migrations --to-schema schema.prisma --script` in a copy of the
/// case, with DATABASE_URL a fresh database: its stdout, or all it said when it failed.
fn refract_script(case: &Path) -> Result<String, String> {
    let scratch = Scratch::new("prisma-sees");
    for file in files(case) {
        let relative = file.strip_prefix(case).unwrap();
        if relative != Path::new("prisma.sql") {
            scratch.file(relative.to_str().unwrap(), &std::fs::read_to_string(&file).unwrap());
        }
    }
    let db = TestDb::new("prisma_sees");
    let args = ["migrate", "diff", "--from-migrations", "migrations", "--to-schema", "schema.prisma", "--script"];
    let out = Cli::new(env!("CARGO_BIN_EXE_refract"), scratch.path()).env("DATABASE_URL", &db.url()).run(&args);
    if out.status.success() { Ok(String::from_utf8_lossy(&out.stdout).into_owned()) } else { Err(output_text(&out)) }
}

/// `../shared/prisma-oracle/oracle.mjs`, when Prisma's engine is installed and `node` runs.
fn oracle() -> Option<PathBuf> {
    let dir = refract_e2e::shared().join("prisma-oracle");
    let node = Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success());
    (node && dir.join("node_modules").is_dir()).then(|| dir.join("oracle.mjs"))
}

/// What Prisma's engine prints for the case now (what `cargo xtask prisma-sees` records).
fn prisma_script(oracle: &Path, case: &Path) -> Result<String, String> {
    let out = Command::new("node")
        .arg(oracle)
        .arg("diff-migrations")
        .arg(case.join("migrations"))
        .arg(case.join("schema.prisma"))
        .env("DATABASE_URL", refract_e2e::server_url())
        .output()
        .map_err(|e| format!("node: {e}"))?;
    if out.status.success() { Ok(String::from_utf8_lossy(&out.stdout).into_owned()) } else { Err(output_text(&out)) }
}

/// The statements of a script, sorted: comments and blank lines dropped, whitespace runs made one space,
/// the trailing `;` dropped, and an index predicate's outer parentheses removed (PostgreSQL reads
/// `WHERE "a" IS NULL` back as `WHERE ("a" IS NULL)`: the same index).
fn statements(sql: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quote = None;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), _) => {
                current.push(c);
                if c == q {
                    quote = None;
                }
            }
            (None, '\'' | '"') => {
                quote = Some(c);
                current.push(c);
            }
            (None, '-') if chars.peek() == Some(&'-') => while chars.next_if(|&c| c != '\n').is_some() {},
            (None, '/') if chars.peek() == Some(&'*') => {
                chars.next();
                let mut previous = ' ';
                for c in chars.by_ref() {
                    if previous == '*' && c == '/' {
                        break;
                    }
                    previous = c;
                }
            }
            (None, ';') => out.extend(statement(&std::mem::take(&mut current))),
            (None, _) => current.push(c),
        }
    }
    out.extend(statement(&current));
    out.sort();
    out
}

/// One statement, normalised; `None` when it is only whitespace.
fn statement(text: &str) -> Option<String> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return None;
    }
    if text.starts_with("CREATE ")
        && text.contains(" INDEX ")
        && let Some(at) = text.find(" WHERE ")
    {
        let mut predicate = &text[at + " WHERE ".len()..];
        while wrapped(predicate) {
            predicate = &predicate[1..predicate.len() - 1];
        }
        return Some(format!("{} WHERE {predicate}", &text[..at]));
    }
    Some(text)
}

/// `(…)` whose first parenthesis closes at its end (not `(a) AND (b)`).
fn wrapped(text: &str) -> bool {
    if !text.starts_with('(') || !text.ends_with(')') {
        return false;
    }
    let (mut depth, mut quote) = (0, None);
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => {
                depth -= 1;
                if depth == 0 {
                    return i == text.len() - 1;
                }
            }
            _ => {}
        }
    }
    false
}

/// The statements of `a` that `b` does not hold (each of `b` accounts for one of `a`).
fn minus(a: &[String], b: &[String]) -> Vec<String> {
    let mut rest: Vec<&String> = b.iter().collect();
    a.iter()
        .filter(|s| match rest.iter().position(|t| t == s) {
            Some(i) => {
                rest.swap_remove(i);
                false
            }
            None => true,
        })
        .cloned()
        .collect()
}

fn indent(statements: &[String]) -> String {
    statements.iter().map(|s| format!("    {s};")).collect::<Vec<_>>().join("\n")
}

#[test]
fn statements_ignore_comments_order_whitespace_and_predicate_parentheses() {
    let prisma = "-- CreateIndex\nCREATE INDEX \"a\" ON \"T\"(\"x\") WHERE (\"d\" IS NULL);\n\n/* Warnings:\n  - x; y\n*/\n\
                  ALTER TABLE \"T\" ADD COLUMN     \"s\" TEXT NOT NULL DEFAULT 'a;b';\n";
    let refract = "ALTER TABLE \"T\" ADD COLUMN \"s\" TEXT NOT NULL DEFAULT 'a;b';\n-- x\n\
                   CREATE INDEX \"a\" ON \"T\"(\"x\") WHERE \"d\" IS NULL;";
    assert_eq!(statements(prisma), statements(refract));
    assert_eq!(statements(prisma).len(), 2);
    assert!(statements("-- This is an empty migration.\n").is_empty());
    // Only parentheses around the whole predicate go, and a real difference stays one.
    assert_eq!(
        statement("CREATE INDEX i ON t(x) WHERE (a) AND (b)").unwrap(),
        "CREATE INDEX i ON t(x) WHERE (a) AND (b)"
    );
    assert_ne!(statements("CREATE INDEX i ON t(x) WHERE (a IS NULL)"), statements("CREATE INDEX i ON t(x) WHERE b"));
    assert_eq!(minus(&["a".into(), "a".into(), "b".into()], &["a".into()]), ["a".to_string(), "b".to_string()]);
}
