//! `refract format`: the layout of a messy file (data-driven), idempotence and comment preservation on
//! every schema in the test data, the same layout whichever line breaks a file uses, and files Prisma
//! itself formatted coming out unchanged.

use std::path::{Path, PathBuf};

fn data(dir: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(dir);
    let mut v: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "prisma"))
        .collect();
    v.sort();
    v
}

/// Every comment, in order, without surrounding whitespace.
fn comments(text: &str) -> Vec<String> {
    let parsed = refract_schema::parse(text);
    let mut out = Vec::new();
    for item in &parsed.ast.items {
        match item {
            refract_schema::ast::TopItem::Comment(c) => out.push(c.text.trim().to_string()),
            refract_schema::ast::TopItem::Block(b) => {
                out.extend(b.open_comment.iter().map(|c| c.text.trim().to_string()));
                for m in &b.members {
                    match m {
                        refract_schema::ast::Member::Comment(c) => out.push(c.text.trim().to_string()),
                        refract_schema::ast::Member::Field(f) => {
                            out.extend(f.comment.iter().map(|c| c.text.trim().to_string()))
                        }
                        refract_schema::ast::Member::Property(p) => {
                            out.extend(p.comment.iter().map(|c| c.text.trim().to_string()))
                        }
                        refract_schema::ast::Member::Attribute(a) => {
                            // Comments inside a multi-line attribute.
                            let src = &text[a.span.range()];
                            out.extend(
                                src.split(['\r', '\n']).filter_map(|l| l.find("//").map(|i| l[i..].trim().to_string())),
                            );
                        }
                        _ => {}
                    }
                }
                out.extend(b.close_comment.iter().map(|c| c.text.trim().to_string()));
            }
            _ => {}
        }
    }
    out
}

#[test]
fn formatting_is_idempotent_and_keeps_every_comment() {
    let mut files = data("prisma");
    files.extend(data("warnings"));
    files.extend(data("format"));
    assert!(files.len() > 10);
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let once = refract_schema::format(&text).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
        let twice = refract_schema::format(&once).unwrap();
        assert_eq!(once, twice, "{}: formatting twice changed the text", path.display());
        assert_eq!(comments(&text), comments(&once), "{}: comments changed", path.display());
        // The formatted schema means the same thing.
        assert_eq!(
            refract_schema::check(&text).schema,
            refract_schema::check(&once).schema,
            "{}: the IR changed",
            path.display()
        );
    }
}

/// A line ends at `\n`, `\r\n` or a `\r` alone (old Mac OS files): every schema in the test data, saved
/// with each, formats to what its `\n` version does. (A fuzzer found `\r` alone moving a `///` comment
/// onto the field before it and dropping a comment inside an attribute written over several lines.)
#[test]
fn every_kind_of_line_break_gives_the_same_layout() {
    let mut files = data("prisma");
    files.extend(data("warnings"));
    files.extend(data("format"));
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let expected = refract_schema::format(&text).unwrap();
        for newline in ["\r", "\r\n"] {
            let other = text.replace('\n', newline);
            let name = format!("{} with {newline:?} line breaks", path.display());
            let once = refract_schema::format(&other).unwrap_or_else(|e| panic!("{name}: {e:?}"));
            assert_eq!(once, expected, "{name}");
            let read: Vec<String> = comments(&other).iter().map(|c| c.replace(newline, "\n")).collect();
            assert_eq!(read, comments(&text), "{name}: comments read differently");
            assert_eq!(refract_schema::check(&other).schema, refract_schema::check(&text).schema, "{name}: the IR");
        }
    }
}

#[test]
fn a_doc_comment_stays_on_its_own_field_whatever_the_line_breaks() {
    let text = "model A {\r  id Int @id\r  /// the name\r  name String\r  @@index([name], // why\r    map: \"x\")\r}\r";
    let expected =
        "model A {\n  id   Int    @id\n  /// the name\n  name String\n  @@index([name], // why\n    map: \"x\")\n}\n";
    let once = refract_schema::format(text).unwrap();
    assert_eq!(once, expected);
    assert_eq!(refract_schema::format(&once).unwrap(), once);
    let checked = refract_schema::check(text);
    let table = &checked.schema.tables[0];
    assert_eq!(table.columns[1].comment.as_deref(), Some("the name"));
    assert_eq!(table.columns[0].comment, None);
}

#[test]
fn schemas_formatted_by_prisma_are_unchanged() {
    for name in ["corpus-hoppscotch", "wedefi"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/data/prisma/{name}.prisma"));
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(refract_schema::format(&text).unwrap(), text, "{name}");
    }
}

/// Each `tests/data/format/<case>.prisma` formats to `<case>.expected` beside it (`UPDATE_EXPECT=1`
/// rewrites it, expect-test); an `.expected` file without its `.prisma` fails the test.
#[test]
fn messy_file_gets_the_canonical_layout() {
    let cases = data("format");
    assert!(!cases.is_empty());
    for path in cases {
        let text = std::fs::read_to_string(&path).unwrap();
        let out = refract_schema::format(&text).unwrap();
        expect_test::expect_file![path.with_extension("expected")].assert_eq(&out);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/format");
    for entry in std::fs::read_dir(root).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "expected") {
            assert!(path.with_extension("prisma").is_file(), "{} has no .prisma beside it: delete it", path.display());
        }
    }
}
