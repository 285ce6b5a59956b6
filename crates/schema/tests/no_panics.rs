//! No input makes the front end panic. Property tests over random bytes and over random mutations of
//! the real schemas in the test data; every run goes through parse, validate, all three diagnostic
//! renderings and the formatter. Bounded for CI: `PROPTEST_CASES` (default 400 per property) sets the
//! number of cases; a failing case is shrunk and printed.

use proptest::prelude::*;
use refract_diagnostics::{Format, SourceFile, SourceSet, render};

/// The text cut into files at `cuts` (a multi-file schema) and read as one: parse, validate and every
/// rendering, each span inside the joined text.
fn exercise_files(text: &str, cuts: &[usize]) {
    let mut bounds: Vec<usize> = cuts
        .iter()
        .map(|c| {
            let mut c = c % (text.len() + 1);
            while !text.is_char_boundary(c) {
                c -= 1;
            }
            c
        })
        .collect();
    bounds.extend([0, text.len()]);
    bounds.sort_unstable();
    let files = bounds.windows(2).enumerate().map(|(i, w)| SourceFile::new(format!("{i}.prisma"), &text[w[0]..w[1]]));
    let sources = SourceSet::new("fuzz", files.collect());
    let checked = refract_schema::check_sources(&sources);
    for format in [Format::Human { color: false }, Format::Json, Format::Github] {
        let _ = render(&sources, &checked.diagnostics, format);
    }
    for d in &checked.diagnostics {
        assert!(
            d.span.start() <= d.span.end() && d.span.end() <= sources.text().len(),
            "span {:?} outside the text",
            d.span
        );
    }
    let _ = refract_schema::datasource_urls_in(&sources);
}

fn exercise(text: &str) {
    let checked = refract_schema::check(text);
    let file = SourceFile::new("fuzz.prisma", text);
    for format in [Format::Human { color: false }, Format::Json, Format::Github] {
        let _ = render(&file, &checked.diagnostics, format);
    }
    for d in &checked.diagnostics {
        assert!(d.span.start() <= d.span.end() && d.span.end() <= text.len(), "span {:?} outside the text", d.span);
    }
    if let Ok(formatted) = refract_schema::format(text) {
        // What the formatter writes must read back without syntax errors, and be a fixed point.
        let again = refract_schema::format(&formatted).expect("formatted output parses");
        assert_eq!(formatted, again, "formatting is not idempotent");
    }
}

fn seeds() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut out = Vec::new();
    for sub in ["prisma", "invalid", "format"] {
        for e in std::fs::read_dir(dir.join(sub)).unwrap() {
            let p = e.unwrap().path();
            // The generated schemas are large; the hand-written ones cover the syntax.
            if p.extension().is_some_and(|x| x == "prisma") && !p.to_string_lossy().contains("gen-") {
                out.push(std::fs::read_to_string(p).unwrap());
            }
        }
    }
    out.sort();
    out
}

/// Fragments that steer mutations toward the grammar's interesting corners.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "\"",
    "'",
    "@",
    "@@",
    "?",
    "[]",
    "[]?",
    ",",
    ":",
    "=",
    ".",
    "\n",
    "\r\n",
    "\r",
    " ",
    "\t",
    "//",
    "///",
    "/*",
    "*/",
    "\\",
    "model A ",
    "enum E ",
    "datasource db ",
    "generator g ",
    "type T ",
    "view V ",
    "@id",
    "@unique",
    "@default(",
    "autoincrement()",
    "now()",
    "dbgenerated(\"",
    "@relation(",
    "fields: [",
    "references: [",
    "@db.",
    "VarChar(",
    "Decimal(",
    "@@index([",
    "@@unique([",
    "@@id([",
    "@@map(\"",
    "@map(\"",
    "@check(\"",
    "@@check(\"",
    "where: raw(\"",
    "Unsupported(\"",
    "String",
    "Int",
    "Json",
    "DateTime",
    "-1",
    "99999999999999999999",
    "1.5e3",
    "é",
    "\u{FEFF}",
    "\u{0}",
    "ops: raw(\"",
    "sort: Desc",
    "type: Gin",
];

#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, usize),
    Delete(usize, usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut s = text.to_string();
    for e in edits {
        let boundary = |s: &str, i: usize| {
            let mut i = i % (s.len() + 1);
            while !s.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        match *e {
            Edit::Insert(at, tok) => {
                let at = boundary(&s, at);
                s.insert_str(at, TOKENS[tok % TOKENS.len()]);
            }
            Edit::Delete(at, len) => {
                let a = boundary(&s, at);
                let b = boundary(&s, a + len % 40);
                if b > a {
                    s.replace_range(a..b, "");
                }
            }
            Edit::DuplicateLine(n) | Edit::SwapLines(n, _) if s.lines().count() == 0 => {
                let _ = n;
            }
            Edit::DuplicateLine(n) => {
                let mut lines: Vec<&str> = s.lines().collect();
                let n = n % lines.len();
                lines.insert(n, lines[n]);
                s = lines.join("\n");
            }
            Edit::SwapLines(a, b) => {
                let mut lines: Vec<&str> = s.lines().collect();
                let (a, b) = (a % lines.len(), b % lines.len());
                lines.swap(a, b);
                s = lines.join("\n");
            }
        }
    }
    s
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<usize>(), any::<usize>()).prop_map(|(a, t)| Edit::Insert(a, t)),
        3 => (any::<usize>(), any::<usize>()).prop_map(|(a, l)| Edit::Delete(a, l)),
        1 => any::<usize>().prop_map(Edit::DuplicateLine),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::SwapLines(a, b)),
    ]
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(400)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        exercise(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn random_token_soup_never_panics(tokens in proptest::collection::vec(0..TOKENS.len(), 0..120)) {
        let text: String = tokens.iter().map(|t| TOKENS[*t]).collect();
        exercise(&text);
    }

    #[test]
    fn mutated_real_schemas_never_panic(seed in any::<usize>(), edits in proptest::collection::vec(edit(), 1..12)) {
        let seeds = seeds();
        let text = apply(&seeds[seed % seeds.len()], &edits);
        exercise(&text);
    }

    #[test]
    fn real_schemas_cut_into_files_never_panic(
        seed in any::<usize>(),
        edits in proptest::collection::vec(edit(), 0..6),
        cuts in proptest::collection::vec(any::<usize>(), 1..5),
    ) {
        let seeds = seeds();
        let text = apply(&seeds[seed % seeds.len()], &edits);
        exercise_files(&text, &cuts);
    }
}
