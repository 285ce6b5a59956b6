//! Data-driven diagnostics tests. Each `tests/data/{invalid,warnings}/<case>.prisma` has the report refract
//! prints for it beside it, in `<case>.expected` (the human rendering, without colour: `file:line:col`,
//! the source line and a caret under the problem).
//!
//! - `invalid/`: the schema has at least one error (`refract validate` exits 1).
//! - `warnings/`: the schema is valid (exit 0) but has warnings.
//!
//! Run with `UPDATE_EXPECT=1` to rewrite the `.expected` files after an intended change (expect-test),
//! then review the diff. An `.expected` file without its `.prisma` fails the test, so stale expectations
//! cannot pile up.
//!
//! Every case saved with `\r\n` or `\r` alone as its line breaks reports the same, at the same line:col.

use std::path::{Path, PathBuf};

use refract_diagnostics::{SourceFile, render_human};

fn run_dir(dir: &str, expect_errors: bool) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(dir);
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    let mut failures = Vec::new();
    let mut count = 0;
    for path in &entries {
        match path.extension().and_then(|e| e.to_str()) {
            Some("prisma") => {}
            Some("expected") => {
                assert!(
                    path.with_extension("prisma").is_file(),
                    "{} has no .prisma beside it: delete it",
                    path.display()
                );
                continue;
            }
            _ => panic!("unexpected file {}", path.display()),
        }
        count += 1;
        let text = std::fs::read_to_string(path).unwrap();
        let checked = refract_schema::check(&text);
        let diagnostics = checked.diagnostics;
        let has_errors = diagnostics.iter().any(|d| d.is_error());
        let name = format!("{dir}/{}", path.file_name().unwrap().to_string_lossy());
        if expect_errors != has_errors || diagnostics.is_empty() {
            failures.push(format!(
                "{name}: expected {}, got {:#?}",
                if expect_errors { "errors" } else { "warnings only" },
                diagnostics
            ));
            continue;
        }
        let report = render_human(&SourceFile::new(name.clone(), text), &diagnostics, false);
        // expect-test prints the difference; the case is counted rather than ending the test, so one run
        // shows every case that changed.
        let expected = expect_test::expect_file![path.with_extension("expected")];
        if std::panic::catch_unwind(|| expected.assert_eq(&report)).is_err() {
            failures.push(format!("{name}: report changed (UPDATE_EXPECT=1 rewrites it)"));
        }
    }
    assert!(count > 0, "no cases in {}", root.display());
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn invalid_schemas_report_the_right_errors() {
    run_dir("invalid", true);
}

#[test]
fn warnings_do_not_make_a_schema_invalid() {
    run_dir("warnings", false);
}

/// A line ends at `\n`, `\r\n` or a `\r` alone (old Mac OS files): every case, saved with each, gives
/// the report its `\n` version gives (the same line:col and source lines), and the same schema.
#[test]
fn every_kind_of_line_break_gives_the_same_report() {
    let mut count = 0;
    for dir in ["invalid", "warnings"] {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(dir);
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).collect();
        paths.retain(|p| p.extension().is_some_and(|e| e == "prisma"));
        paths.sort();
        for path in paths {
            count += 1;
            let text = std::fs::read_to_string(&path).unwrap();
            let name = format!("{dir}/{}", path.file_name().unwrap().to_string_lossy());
            let (schema, report) = checked(&name, &text);
            for newline in ["\r", "\r\n"] {
                let (other_schema, other_report) = checked(&name, &text.replace('\n', newline));
                assert_eq!(other_report, report, "{name} with {newline:?} line breaks");
                assert_eq!(other_schema, schema, "{name} with {newline:?} line breaks");
            }
        }
    }
    assert!(count > 10);
}

/// Long lines that end in `\r` alone: each diagnostic once rendered the whole file (every line break was
/// missed), so a report took time quadratic in the file's size. The report now shows each diagnostic's
/// own line, as for `\n`.
#[test]
fn long_lines_ending_in_cr_report_as_their_lf_version() {
    let long = "x".repeat(1000);
    let mut text = String::from("datasource db {\n  provider = \"postgresql\"\n}\n");
    for i in 0..30 {
        text.push_str(&format!(
            "\n/// {i}\nmodel M{i} {{\n  id Int @id\n  /// a\n  a{long} String?\n  b{long} Int\n}}\n"
        ));
    }
    let (schema, report) = checked("long.prisma", &text);
    assert_eq!(report.matches("warning[name-truncated]").count(), 60, "{report}");
    assert!(report.contains("--> long.prisma:9:3"), "{report}");
    let (cr_schema, cr_report) = checked("long.prisma", &text.replace('\n', "\r"));
    assert_eq!(cr_schema, schema);
    assert_eq!(cr_report, report);
}

/// The schema and the human report for `text`.
fn checked(name: &str, text: &str) -> (refract_ir::Schema, String) {
    let checked = refract_schema::check(text);
    let report = render_human(&SourceFile::new(name, text), &checked.diagnostics, false);
    (checked.schema, report)
}
