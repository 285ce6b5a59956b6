//! One diagnostic type for every stage of refract, and the ways it is shown to a user.
//!
//! A [`Diagnostic`] is data: severity, a stable code, a message, a byte span into one source text and an
//! optional help line. Rendering is separate ([`render_human`], [`render_json`], [`render_github`]), so the
//! same finding reads well in a terminal, in a machine-readable report and as a CI annotation.
//!
//! The source text is one file ([`SourceFile`]) or several read as one ([`SourceSet`]: the files one
//! after the other, each ending in a newline). Spans are offsets into that one text; rendering maps each
//! back to its own file, so a report names the file, line and column the problem is in.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use serde::Serialize;

/// A byte range in a source file. `start == end` marks a point (for example "expected `}` here").
///
/// Stored as 32-bit offsets: every node of a syntax tree carries spans, and a large schema has hundreds
/// of thousands of nodes. Offsets past 4 GiB (no schema file is that large) are clamped, never wrapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub struct Span {
    start: u32,
    end: u32,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start: clamp_offset(start), end: clamp_offset(end) }
    }

    pub const fn start(self) -> usize {
        self.start as usize
    }

    pub const fn end(self) -> usize {
        self.end as usize
    }

    pub fn range(self) -> Range<usize> {
        self.start()..self.end()
    }

    /// The smallest span that covers both.
    pub fn to(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}

const fn clamp_offset(offset: usize) -> u32 {
    if offset > u32::MAX as usize { u32::MAX } else { offset as u32 }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable, kebab-case identifier of the rule (`unknown-type`, `missing-back-relation`, ...).
    pub code: &'static str,
    pub message: String,
    pub span: Span,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, span: Span, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, code, message: message.into(), span, help: None }
    }

    pub fn warning(code: &'static str, span: Span, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, code, message: message.into(), span, help: None }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A named source text with a line index, so spans can be shown as `file:line:col`.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
    /// Built on first use: most runs report nothing, and on a large schema the index costs a pass over
    /// the whole text and a few hundred kilobytes.
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

/// A 1-based line and column; the column counts characters, as editors do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile { path: path.into(), text: text.into(), line_starts: std::sync::OnceLock::new() }
    }

    /// Where each line starts (byte offsets), the first being 0.
    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| line_starts(&self.text))
    }

    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = self.clamp(offset);
        let line_starts = self.line_starts();
        let line = line_starts.partition_point(|&s| s <= offset) - 1;
        let column = self.text[line_starts[line]..offset].chars().count() + 1;
        LineCol { line: line + 1, column }
    }

    /// Clamp to the text and back off to a character boundary, so any span is safe to slice with.
    fn clamp(&self, offset: usize) -> usize {
        let mut o = offset.min(self.text.len());
        while !self.text.is_char_boundary(o) {
            o -= 1;
        }
        o
    }

    /// The whole lines that cover `span`, with the byte offset where they start.
    fn lines_around(&self, span: Span) -> (usize, &str) {
        let start = self.line_col(span.start()).line - 1;
        let end = self.line_col(span.end().max(span.start())).line - 1;
        let from = self.line_starts()[start];
        let to = self.line_starts().get(end + 1).copied().unwrap_or(self.text.len());
        (from, &self.text[from..to])
    }
}

/// Where each line of `text` starts, the first being 0. A line ends at `\n`, `\r\n` or a `\r` alone (old
/// Mac OS files; the schema grammar reads all three as a line break).
fn line_starts(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let ends = b.iter().enumerate().filter(|&(i, &c)| c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')));
    std::iter::once(0).chain(ends.map(|(i, _)| i + 1)).collect()
}

/// `lines` with each `\r` alone made a `\n` (same length, so offsets into it still hold): the renderer
/// breaks lines at `\n` and `\r\n` only.
fn with_line_feeds(lines: &str) -> Cow<'_, str> {
    let b = lines.as_bytes();
    if !b.iter().enumerate().any(|(i, &c)| c == b'\r' && b.get(i + 1) != Some(&b'\n')) {
        return Cow::Borrowed(lines);
    }
    let mut out = String::with_capacity(lines.len());
    let mut chars = lines.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(if c == '\r' && chars.peek() != Some(&'\n') { '\n' } else { c });
    }
    Cow::Owned(out)
}

/// A source text that spans may point into: one file, or several files read as one text.
pub trait Sources {
    /// The file that holds `offset` of the text, and where that file starts in the text.
    fn file_at(&self, offset: usize) -> (&SourceFile, usize);
    /// What the summary line of a report names: the file, or the folder of a set.
    fn name(&self) -> &str;

    /// The file, line and column of `offset`.
    fn position(&self, offset: usize) -> (&str, LineCol) {
        let (file, start) = self.file_at(offset);
        (&file.path, file.line_col(offset.saturating_sub(start)))
    }
}

impl Sources for SourceFile {
    fn file_at(&self, _offset: usize) -> (&SourceFile, usize) {
        (self, 0)
    }

    fn name(&self) -> &str {
        &self.path
    }
}

/// Several files read as one text (a schema split across files): the files one after the other, each
/// ending in a newline (one is added to a file that lacks it). Spans into [`SourceSet::text`] render
/// with the path, line and column of the file they fall in.
///
/// A set of one file holds just that file: its text is the file's own, not a copy.
#[derive(Debug, Clone)]
pub struct SourceSet {
    name: String,
    files: Vec<SourceFile>,
    /// Where each file starts in the text.
    starts: Vec<usize>,
    /// The files one after the other; `None` when there is one file (its text is the text).
    combined: Option<String>,
}

impl SourceSet {
    /// One file (the common case): no copy of its text is made.
    pub fn single(file: SourceFile) -> Self {
        SourceSet { name: file.path.clone(), files: vec![file], starts: vec![0], combined: None }
    }

    /// Several files, in the order given, named `name` in summaries (the folder they came from).
    pub fn new(name: impl Into<String>, mut files: Vec<SourceFile>) -> Self {
        let name = name.into();
        if files.len() <= 1 {
            let file = files.pop().unwrap_or_else(|| SourceFile::new(name.clone(), String::new()));
            return SourceSet { name, ..SourceSet::single(file) };
        }
        let mut text = String::with_capacity(files.iter().map(|f| f.text.len() + 1).sum());
        let mut starts = Vec::with_capacity(files.len());
        for file in &files {
            starts.push(text.len());
            text.push_str(&file.text);
            if !text.ends_with('\n') {
                text.push('\n');
            }
        }
        SourceSet { name, files, starts, combined: Some(text) }
    }

    /// The text to parse: the files one after the other.
    pub fn text(&self) -> &str {
        self.combined.as_deref().unwrap_or(&self.files[0].text)
    }

    pub fn files(&self) -> &[SourceFile] {
        &self.files
    }

    /// Where each file starts in [`SourceSet::text`], in the order of [`SourceSet::files`].
    pub fn starts(&self) -> &[usize] {
        &self.starts
    }

    /// The index of the file that holds `offset` of the text (the last file for offsets past the end).
    pub fn index_at(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }
}

impl Sources for SourceSet {
    fn file_at(&self, offset: usize) -> (&SourceFile, usize) {
        let i = self.index_at(offset);
        (&self.files[i], self.starts[i])
    }

    fn name(&self) -> &str {
        &self.name
    }
}

/// A diagnostic's span within the file it starts in: the file, and the span made local to it (an end
/// past the file is cut at the file's end).
fn local(sources: &(impl Sources + ?Sized), span: Span) -> (&SourceFile, Span) {
    let (file, start) = sources.file_at(span.start());
    let from = span.start().saturating_sub(start).min(file.text.len());
    let to = span.end().saturating_sub(start).clamp(from, file.text.len());
    (file, Span::new(from, to))
}

/// How a diagnostic list is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human { color: bool },
    Json,
    Github,
}

pub fn render(sources: &(impl Sources + ?Sized), diagnostics: &[Diagnostic], format: Format) -> String {
    match format {
        Format::Human { color } => render_human(sources, diagnostics, color),
        Format::Json => render_json(sources, diagnostics),
        Format::Github => render_github(sources, diagnostics),
    }
}

/// Rustc-style report: `error[code]: message`, then `--> file:line:col` and the source line with a caret.
pub fn render_human(sources: &(impl Sources + ?Sized), diagnostics: &[Diagnostic], color: bool) -> String {
    use annotate_snippets::{Level, Renderer, Snippet};
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let mut out = String::new();
    for d in diagnostics {
        let level = match d.severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
        };
        let (file, span) = local(sources, d.span);
        // Only the lines under the span go to the renderer: it walks every line it is given, and a
        // schema can be megabytes long.
        let (from, lines) = file.lines_around(span);
        let lines = with_line_feeds(lines);
        let start = file.clamp(span.start()) - from;
        let end = (file.clamp(span.end().max(span.start())) - from).min(lines.len());
        let snippet = Snippet::source(&lines)
            .line_start(file.line_col(span.start()).line)
            .origin(&file.path)
            .fold(false)
            .annotation(level.span(start..end).label(""));
        let mut message = level.title(&d.message).id(d.code).snippet(snippet);
        if let Some(help) = &d.help {
            message = message.footer(Level::Help.title(help));
        }
        out.push_str(&renderer.render(message).to_string());
        out.push_str("\n\n");
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    if !diagnostics.is_empty() {
        out.push_str(&format!("{}: {} error(s), {} warning(s)\n", sources.name(), errors, warnings));
    }
    out
}

/// One diagnostic as the body of an error message whose caller prints its own `error: ` first (a
/// failure that is not a list of findings, such as a variable the schema names but the environment
/// lacks): the message, then the source line with its caret and the help; no `error[code]:` title and
/// no count line.
pub fn render_as_message(sources: &(impl Sources + ?Sized), diagnostic: &Diagnostic) -> String {
    let rendered = render_human(sources, std::slice::from_ref(diagnostic), false);
    // The title is the first line (the message, which the caller's `error: ` stands before); the count
    // line and the blank line before it are the last two.
    let body = rendered.split_once('\n').map_or("", |(_, rest)| rest);
    let body = body.trim_end().rsplit_once('\n').map_or(body, |(body, _count)| body);
    format!("{}\n{}", diagnostic.message, body.trim_end())
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    code: &'a str,
    message: &'a str,
    help: Option<&'a str>,
    file: &'a str,
    start: LineCol,
    end: LineCol,
    span: Span,
}

/// A JSON array, one object per diagnostic, with both byte offsets and line/column positions.
///
/// `span` is the byte range in the file the diagnostic is in (for a [`SourceSet`], not in the joined text).
pub fn render_json(sources: &(impl Sources + ?Sized), diagnostics: &[Diagnostic]) -> String {
    let items: Vec<_> = diagnostics
        .iter()
        .map(|d| {
            let (file, span) = local(sources, d.span);
            JsonDiagnostic {
                severity: d.severity,
                code: d.code,
                message: &d.message,
                help: d.help.as_deref(),
                file: &file.path,
                start: file.line_col(span.start()),
                end: file.line_col(span.end()),
                span,
            }
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&items).expect("diagnostics serialise");
    s.push('\n');
    s
}

/// GitHub Actions workflow commands (`::error file=...,line=...,col=...::message`).
pub fn render_github(sources: &(impl Sources + ?Sized), diagnostics: &[Diagnostic]) -> String {
    // Workflow commands end at a newline and treat `%` specially, so both are escaped.
    fn escape(s: &str) -> String {
        s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
    }
    let mut out = String::new();
    for d in diagnostics {
        let (file, span) = local(sources, d.span);
        let at = file.line_col(span.start());
        let end = file.line_col(span.end());
        let mut message = format!("{} [{}]", d.message, d.code);
        if let Some(help) = &d.help {
            message.push_str(&format!("\nhelp: {help}"));
        }
        out.push_str(&format!(
            "::{} file={},line={},endLine={},col={},endColumn={},title={}::{}\n",
            d.severity,
            escape(&file.path).replace(',', "%2C").replace(':', "%3A"),
            at.line,
            end.line,
            at.column,
            end.column,
            d.code,
            escape(&message)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_from_one() {
        let f = SourceFile::new("s.prisma", "ab\nçd\n");
        assert_eq!(f.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(f.line_col(3), LineCol { line: 2, column: 1 });
        // 'ç' is two bytes; the column after it is 2.
        assert_eq!(f.line_col(5), LineCol { line: 2, column: 2 });
        // A span past the end or inside a character never panics.
        assert_eq!(f.line_col(4).line, 2);
        assert_eq!(f.line_col(999).line, 3);
    }

    #[test]
    fn lines_end_at_lf_crlf_or_cr_alone() {
        let f = SourceFile::new("s.prisma", "a\rb\r\nc\nd\r\re");
        assert_eq!(f.line_starts(), &[0, 2, 5, 7, 9, 10]);
        assert_eq!(f.line_col(2), LineCol { line: 2, column: 1 });
        assert_eq!(f.line_col(3), LineCol { line: 2, column: 2 });
        assert_eq!(f.line_col(7), LineCol { line: 4, column: 1 });
        assert_eq!(f.line_col(10), LineCol { line: 6, column: 1 });
        // The renderer is given the lines under a span, not the rest of the file: on a file whose lines
        // end in `\r` alone, every diagnostic once rendered the whole file (quadratic in its size).
        let long = "x".repeat(1000);
        let text = format!("model A {{\r  {long} Int\r  b Strin\r}}\r");
        let f = SourceFile::new("s.prisma", text.clone());
        let at = text.find("Strin").unwrap();
        assert_eq!(f.lines_around(Span::new(at, at + 5)), (at - 4, "  b Strin\r"));
        let lf = SourceFile::new("s.prisma", text.replace('\r', "\n"));
        let d = Diagnostic::error("unknown-type", Span::new(at, at + 5), "unknown type `Strin`");
        let out = render_human(&f, std::slice::from_ref(&d), false);
        assert!(out.contains("--> s.prisma:3:5"), "{out}");
        assert_eq!(out, render_human(&lf, std::slice::from_ref(&d), false));
        assert_eq!(render_json(&f, std::slice::from_ref(&d)), render_json(&lf, std::slice::from_ref(&d)));
        assert_eq!(render_github(&f, std::slice::from_ref(&d)), render_github(&lf, &[d]));
        // A span over several lines renders them as lines.
        let d = Diagnostic::error("x", Span::new(0, at), "m");
        assert_eq!(render_human(&f, std::slice::from_ref(&d), false), render_human(&lf, &[d], false));
    }

    #[test]
    fn human_rendering_names_file_line_and_column_with_a_caret() {
        let f = SourceFile::new("schema.prisma", "model A {\n  id Strin @id\n}\n");
        let d = Diagnostic::error("unknown-type", Span::new(15, 20), "unknown type `Strin`")
            .with_help("did you mean `String`?");
        let out = render_human(&f, &[d], false);
        assert!(out.contains("error[unknown-type]: unknown type `Strin`"), "{out}");
        assert!(out.contains("--> schema.prisma:2:6"), "{out}");
        assert!(out.contains("^^^^^"), "{out}");
        assert!(out.contains("help: did you mean `String`?"), "{out}");
    }

    #[test]
    fn a_set_maps_spans_back_to_each_file() {
        // The first file lacks its last newline: the set adds one.
        let set = SourceSet::new(
            "schema",
            vec![
                SourceFile::new("schema/a.prisma", "model A {\n  id Int @id\n}"),
                SourceFile::new("schema/b.prisma", "model B {\n  id Strin @id\n}\n"),
            ],
        );
        assert_eq!(set.text(), "model A {\n  id Int @id\n}\nmodel B {\n  id Strin @id\n}\n");
        assert_eq!(set.starts(), &[0, 25]);
        let at = set.text().find("Strin").unwrap();
        assert_eq!(set.index_at(at), 1);
        assert_eq!(set.position(at), ("schema/b.prisma", LineCol { line: 2, column: 6 }));
        assert_eq!(set.position(3), ("schema/a.prisma", LineCol { line: 1, column: 4 }));
        let d = Diagnostic::error("unknown-type", Span::new(at, at + 5), "unknown type `Strin`");
        let out = render_human(&set, std::slice::from_ref(&d), false);
        assert!(out.contains("--> schema/b.prisma:2:6"), "{out}");
        assert!(out.contains("2 |   id Strin @id"), "{out}");
        assert!(out.contains("^^^^^"), "{out}");
        assert!(out.ends_with("schema: 1 error(s), 0 warning(s)\n"), "{out}");
        let json = render_json(&set, std::slice::from_ref(&d));
        assert!(json.contains("\"file\": \"schema/b.prisma\""), "{json}");
        assert!(json.contains("\"start\": 15"), "{json}");
        assert!(render_github(&set, &[d]).contains("file=schema/b.prisma,line=2,"));
        // A span that runs past its file, or past the text, is cut; nothing panics.
        let long = Diagnostic::error("x", Span::new(23, 999), "m");
        assert!(render_human(&set, &[long], false).contains("--> schema/a.prisma:3:"));
    }

    #[test]
    fn a_set_of_one_file_is_that_file() {
        let set = SourceSet::single(SourceFile::new("s.prisma", "x\n"));
        assert_eq!(set.text(), "x\n");
        assert_eq!(set.name(), "s.prisma");
        assert_eq!(set.position(1).0, "s.prisma");
        let empty = SourceSet::new("dir", Vec::new());
        assert_eq!(empty.text(), "");
        assert_eq!(empty.position(5).0, "dir");
    }

    #[test]
    fn github_rendering_escapes_newlines() {
        let f = SourceFile::new("s.prisma", "x\n");
        let d = Diagnostic::warning("w", Span::new(0, 1), "a\nb");
        assert_eq!(
            render_github(&f, &[d]),
            "::warning file=s.prisma,line=1,endLine=1,col=1,endColumn=2,title=w::a%0Ab [w]\n"
        );
    }
}
