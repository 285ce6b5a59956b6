//! Data-driven plans: each folder under `tests/data/diff` holds `from.prisma` and `to.prisma`, and beside
//! them the migration refract writes (`expected.sql`) and its safe-mode version (`expected-online.sql`).
//! Where Prisma can express the whole change, its own `migrate diff` output is committed as `prisma.sql`,
//! and refract's migration (warnings aside: Prisma's diff prints none) must be the same text. An
//! `options.toml` beside them sets planning options (`comments = true`), for both modes.
//! `UPDATE_EXPECT=1 cargo test -p refract-plan` rewrites the expectations after an intended change
//! (expect-test); a file in a case that is none of these fails the test. The end-to-end tests apply the
//! same pairs to PostgreSQL.

use std::path::{Path, PathBuf};

use refract_plan::{PlanOptions, plan};

fn schema(path: &Path) -> refract_ir::Schema {
    let text = std::fs::read_to_string(path).unwrap();
    let checked = refract_schema::check(&text);
    assert!(!checked.has_errors(), "{}: {:#?}", path.display(), checked.diagnostics);
    checked.schema
}

/// The case's `options.toml` (`comments = true`), or the default options.
fn options(case: &Path) -> PlanOptions {
    let mut options = PlanOptions::default();
    let Ok(text) = std::fs::read_to_string(case.join("options.toml")) else { return options };
    let table: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", case.display()));
    for (key, value) in table {
        match (key.as_str(), value) {
            ("comments", toml::Value::Boolean(on)) => options.comments = on,
            (key, value) => panic!("{}/options.toml: unknown option {key} = {value:?}", case.display()),
        }
    }
    options
}

/// The files a case may hold: its inputs, what is compared with the plans, and the options.
const CASE_FILES: [&str; 6] =
    ["from.prisma", "to.prisma", "expected.sql", "expected-online.sql", "prisma.sql", "options.toml"];

/// `path` holds `actual` (`UPDATE_EXPECT=1` writes it). expect-test prints the difference; the case is
/// counted rather than ending the test, so one run shows every case that changed.
fn compare(path: PathBuf, actual: &str, failures: &mut Vec<String>) {
    if std::panic::catch_unwind(|| expect_test::expect_file![&path].assert_eq(actual)).is_err() {
        failures.push(format!("{} differs (UPDATE_EXPECT=1 rewrites it)", path.display()));
    }
}

/// A file in a case that no input or option explains, such as an expectation left behind: an error.
fn unexpected_files(case: &Path) -> Vec<String> {
    if !case.is_dir() {
        return vec![format!("{} is not a case folder", case.display())];
    }
    let mut unexpected: Vec<String> = std::fs::read_dir(case)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.file_name().and_then(|n| n.to_str()).is_some_and(|n| CASE_FILES.contains(&n)))
        .map(|p| format!("{} is no file of a case: delete it", p.display()))
        .collect();
    unexpected.sort();
    unexpected
}

#[test]
fn plans_match_their_expected_sql() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/diff");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).collect();
    cases.sort();
    let mut failures = Vec::new();
    for case in &cases {
        let unexpected = unexpected_files(case);
        if !unexpected.is_empty() {
            failures.extend(unexpected);
            continue;
        }
        let (from, to) = (schema(&case.join("from.prisma")), schema(&case.join("to.prisma")));
        let options = options(case);
        let offline = plan(&from, &to, &options);
        let online = plan(&from, &to, &PlanOptions { online: true, ..options.clone() });
        assert!(!offline.is_empty(), "{}: no difference", case.display());
        compare(case.join("expected.sql"), &offline.to_sql(), &mut failures);
        compare(case.join("expected-online.sql"), &online.to_sql(), &mut failures);
        assert!(plan(&to, &to, &options).is_empty(), "{}: planning `to` again", case.display());
        if let Ok(prisma) = std::fs::read_to_string(case.join("prisma.sql")) {
            let ours = refract_plan::Plan { warnings: Vec::new(), ..offline.clone() }.to_sql();
            // The oracle ends its output with one extra newline.
            if ours != prisma.strip_suffix('\n').unwrap_or(&prisma) {
                failures.push(format!("{}: differs from Prisma's prisma.sql; ours:\n{ours}", case.display()));
            }
        }
    }
    assert!(cases.len() >= 4);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
