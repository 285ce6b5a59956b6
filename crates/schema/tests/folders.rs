//! Multi-file schemas (a folder of `.prisma` files read as one schema), data-driven: each folder in
//! `tests/data/folders/` is one schema, and `<folder>.expected` beside it holds what refract makes of it:
//! the report (each diagnostic naming its own file, line and column), then the tables and enums of the
//! schema when it is valid.
//!
//! Run with `UPDATE_EXPECT=1` to rewrite the `.expected` files after an intended change (expect-test),
//! then review the diff. An `.expected` file without its folder fails the test.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use refract_diagnostics::{SourceFile, SourceSet, Sources, render_human};
use refract_schema::files::read_sources_shown_as;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/folders")
}

fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> =
        std::fs::read_dir(root()).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    cases.sort();
    cases
}

fn read(case: &Path) -> SourceSet {
    let name = case.file_name().unwrap().to_str().unwrap();
    read_sources_shown_as(case, &Path::new("folders").join(name)).unwrap()
}

/// What the expected file holds for a schema.
fn describe(sources: &SourceSet) -> String {
    let checked = refract_schema::check_sources(sources);
    let mut out = render_human(sources, &checked.diagnostics, false);
    if checked.has_errors() {
        return out;
    }
    for (key, table) in &checked.schema.tables {
        let columns: Vec<&str> = table.columns.keys().map(String::as_str).collect();
        write!(out, "table {key} ({})", columns.join(", ")).unwrap();
        for fk in &table.foreign_keys {
            write!(out, "; {} -> {}", fk.name, fk.referenced_table).unwrap();
        }
        if let Some(comment) = &table.comment {
            write!(out, "; /// {comment}").unwrap();
        }
        out.push('\n');
    }
    for (key, e) in &checked.schema.enums {
        let values: Vec<&str> = e.values.iter().map(|v| v.name.as_str()).collect();
        writeln!(out, "enum {key} ({})", values.join(", ")).unwrap();
    }
    out
}

#[test]
fn folder_schemas_give_the_expected_report_and_ir() {
    let mut failures = Vec::new();
    let cases = cases();
    assert!(cases.len() >= 4, "no cases in {}", root().display());
    for case in &cases {
        let report = describe(&read(case));
        // expect-test prints the difference; the case is counted rather than ending the test, so one run
        // shows every case that changed.
        let expected = expect_test::expect_file![case.with_extension("expected")];
        if std::panic::catch_unwind(|| expected.assert_eq(&report)).is_err() {
            failures.push(format!("{}: changed (UPDATE_EXPECT=1 rewrites it)", case.display()));
        }
    }
    // No stale expectations.
    for entry in std::fs::read_dir(root()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "expected") {
            assert!(path.with_extension("").is_dir(), "{} has no folder beside it: delete it", path.display());
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The folder means what its files put into one file mean: the same IR as the files joined by hand.
#[test]
fn a_folder_is_the_same_schema_as_its_files_in_one() {
    let sources = read(&root().join("shop"));
    let folder = refract_schema::check_sources(&sources);
    assert!(!folder.has_errors(), "{:?}", folder.diagnostics);
    let joined: String = sources.files().iter().map(|f| format!("{}\n\n", f.text)).collect();
    let one = refract_schema::check(&joined);
    assert!(!one.has_errors(), "{:?}", one.diagnostics);
    // The dangling doc comment at the end of user.prisma documents nothing in the folder (each file is
    // read on its own), whereas joined by hand (with a blank line) it documents nothing either.
    assert_eq!(folder.schema, one.schema);
    assert_eq!(folder.schema.tables["User"].comment.as_deref(), Some("A customer."));
    assert_eq!(folder.schema.tables["Post"].comment, None);
}

/// Formatting works file by file: each file of a folder formats on its own, idempotently, and the
/// folder formatted means the same schema.
#[test]
fn each_file_of_a_folder_formats_on_its_own() {
    for case in cases() {
        let sources = read(&case);
        if refract_schema::check_sources(&sources).has_errors() {
            continue;
        }
        let formatted: Vec<SourceFile> = sources
            .files()
            .iter()
            .map(|f| {
                let once = refract_schema::format(&f.text).unwrap_or_else(|e| panic!("{}: {e:?}", f.path));
                assert_eq!(refract_schema::format(&once).unwrap(), once, "{}", f.path);
                SourceFile::new(f.path.clone(), once)
            })
            .collect();
        let again = SourceSet::new(sources.name(), formatted);
        assert_eq!(
            refract_schema::check_sources(&sources).schema,
            refract_schema::check_sources(&again).schema,
            "{}",
            case.display()
        );
    }
}

/// A file without its last newline, a file that is empty, a block left open: each file is read on its
/// own, so none of them spills into the next.
#[test]
fn files_do_not_run_into_each_other() {
    let files = vec![
        SourceFile::new(
            "a.prisma",
            "datasource db {\n  provider = \"postgresql\"\n}\nmodel A {\n  id Int @id\n  cs C[]\n}",
        ),
        SourceFile::new("b.prisma", ""),
        SourceFile::new(
            "c.prisma",
            "model C {\n  id Int @id\n  a  A @relation(fields: [aId], references: [id])\n  aId Int\n}",
        ),
    ];
    let sources = SourceSet::new("dir", files);
    let checked = refract_schema::check_sources(&sources);
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
    assert_eq!(checked.schema.tables.keys().collect::<Vec<_>>(), ["A", "C"]);
}
