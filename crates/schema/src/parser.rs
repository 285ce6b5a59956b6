//! Source text to [`SchemaAst`], with syntax errors as diagnostics. Never fails.

use std::borrow::Cow;

use pest::Parser as _;
use pest::iterators::Pair;
use pest_derive::Parser;
use refract_diagnostics::{Diagnostic, Span};

use crate::ast::*;

#[derive(Parser)]
#[grammar = "grammar.pest"]
struct PrismaParser;

/// The result of parsing: always a tree, plus the syntax errors found on the way.
#[derive(Debug, Clone)]
pub struct Parsed<'t> {
    pub ast: SchemaAst<'t>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Spans are 32-bit offsets (see [`Span`]).
const MAX_TEXT_BYTES: usize = u32::MAX as usize;

/// Deeper nesting of `(` and `[` than any schema needs. The grammar and the code over the tree recurse
/// once per level, so an absurd input would otherwise overflow the stack instead of getting an error.
const MAX_NESTING: usize = 64;

pub fn parse(text: &str) -> Parsed<'_> {
    parse_files(text, &[0])
}

/// Parses a text made of several files one after the other (a [`refract_diagnostics::SourceSet`]'s),
/// `starts` being where each file starts. Each file is read on its own, as Prisma reads the files of a
/// folder: a block left open at the end of one file does not run into the next, and a doc comment at
/// the end of one file documents nothing in the next (a blank line is put between the files' items).
pub fn parse_files<'t>(text: &'t str, starts: &[usize]) -> Parsed<'t> {
    if text.len() > MAX_TEXT_BYTES {
        let d = Diagnostic::error(
            "syntax",
            Span::new(0, 0),
            format!("the schema is {} bytes long; refract reads schemas of up to 4 GiB", text.len()),
        );
        return Parsed { ast: SchemaAst::default(), diagnostics: vec![d] };
    }
    // Each file's range: from its start to the next one's (or the end). Starts out of order or past
    // the text are a caller's mistake; they are ignored rather than trusted.
    let mut files: Vec<(usize, usize)> = Vec::with_capacity(starts.len());
    let mut starts: Vec<usize> =
        starts.iter().copied().filter(|&s| s <= text.len() && text.is_char_boundary(s)).collect();
    starts.sort_unstable();
    starts.dedup();
    if starts.first() != Some(&0) {
        starts.insert(0, 0);
    }
    for (i, &start) in starts.iter().enumerate() {
        files.push((start, starts.get(i + 1).copied().unwrap_or(text.len())));
    }
    for &(start, end) in &files {
        if let Some(d) = too_deep(&text[start..end]) {
            let d = Diagnostic { span: Span::new(d.span.start() + start, d.span.end() + start), ..d };
            return Parsed { ast: SchemaAst::default(), diagnostics: vec![d] };
        }
    }
    // Blocks are independent, so a large file is read in chunks that start at a block, where the grammar
    // starts afresh anyway: the result is the same as reading the file in one go. pest's token queue then
    // only ever holds one chunk (it is several times the size of the text), and the chunks are shared
    // between two threads (pest is the bottleneck of `refract validate` on big schemas).
    // Each chunk: (start, end, whether it starts a file after the first).
    let mut chunks: Vec<(usize, usize, bool)> = Vec::new();
    for (n, &(start, end)) in files.iter().enumerate() {
        let bounds = chunk_bounds(&text[start..end]);
        for (i, w) in bounds.windows(2).enumerate() {
            chunks.push((start + w[0], start + w[1], n > 0 && i == 0));
        }
    }
    let read = |chunks: &[(usize, usize, bool)]| {
        let mut parsed = Parsed { ast: SchemaAst::default(), diagnostics: Vec::new() };
        for &(start, end, new_file) in chunks {
            if new_file {
                parsed.ast.items.push(TopItem::BlankLine);
            }
            let chunk = parse_chunk(&text[start..end], start);
            parsed.ast.items.extend(chunk.ast.items);
            parsed.diagnostics.extend(chunk.diagnostics);
        }
        parsed
    };
    if text.len() < PARALLEL_THRESHOLD || chunks.len() < 2 {
        return read(&chunks);
    }
    let (first_half, second_half) = chunks.split_at(chunks.len() / 2);
    let (first, second) = std::thread::scope(|scope| {
        let second = scope.spawn(|| read(second_half));
        let first = read(first_half);
        (first, second.join())
    });
    let Ok(second) = second else {
        // A panic in the worker is a bug; reading the text in one go (each file in one go) still gives
        // the user an answer.
        return match files.as_slice() {
            [_] => parse_chunk(text, 0),
            _ => read(&files.iter().enumerate().map(|(i, &(s, e))| (s, e, i > 0)).collect::<Vec<_>>()),
        };
    };
    let mut parsed = first;
    parsed.ast.items.extend(second.ast.items);
    parsed.diagnostics.extend(second.diagnostics);
    parsed
}

/// Files smaller than this are read on one thread: a second one would not pay for itself.
const PARALLEL_THRESHOLD: usize = 256 * 1024;

/// Chunks are at least this long (then cut at the next block).
const CHUNK_BYTES: usize = 16 * 1024;

/// Where the chunks of `text` start, and its end: `[0, ..., text.len()]`. Every inner bound is the start
/// of a block-opening line. A file with a block comment (which could hide a keyword line) is one chunk.
fn chunk_bounds(text: &str) -> Vec<usize> {
    let mut bounds = vec![0];
    if text.len() > CHUNK_BYTES && !text.contains("/*") {
        let mut line = 0;
        let mut next_cut = CHUNK_BYTES;
        while line < text.len() {
            let rest = &text[line..];
            // A line ends at `\n`, `\r\n` or a `\r` alone (for `\r\n`, the `\n` is an empty line here).
            let end = rest.find(['\r', '\n']).unwrap_or(rest.len());
            if line >= next_cut && starts_block(&rest[..end]) {
                bounds.push(line);
                next_cut = line + CHUNK_BYTES;
            }
            line += end + 1;
        }
    }
    bounds.push(text.len());
    bounds
}

/// `model Name {` and the like, as the grammar's `block_start` reads it.
fn starts_block(line: &str) -> bool {
    let mut words = line.split_whitespace();
    let keyword = words.next().unwrap_or("");
    let name = words.next().unwrap_or("");
    matches!(keyword, "model" | "enum" | "datasource" | "generator" | "view" | "type")
        && !name.is_empty()
        && (words.next() == Some("{") || name.ends_with('{'))
}

thread_local! {
    /// Where the text being parsed on this thread starts in the whole file; added to every span.
    static CHUNK_START: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn parse_chunk(text: &str, start: usize) -> Parsed<'_> {
    CHUNK_START.set(start);
    let mut diagnostics = Vec::new();
    let ast = match PrismaParser::parse(Rule::schema, text) {
        Ok(mut pairs) => {
            let schema = pairs.next().expect("the schema rule always yields one pair");
            lower_schema(schema, text, &mut diagnostics)
        }
        // The grammar has catch-all rules, so this is not expected; if it happens it is still a
        // diagnostic, never a panic.
        Err(e) => {
            let pos = start
                + match e.location {
                    pest::error::InputLocation::Pos(p) => p,
                    pest::error::InputLocation::Span((s, _)) => s,
                };
            diagnostics.push(Diagnostic::error(
                "syntax",
                Span::new(pos, pos),
                format!("cannot read the schema: {}", e.variant.message()),
            ));
            SchemaAst::default()
        }
    };
    CHUNK_START.set(0);
    Parsed { ast, diagnostics }
}

/// The first bracket that opens nesting level `MAX_NESTING + 1`, outside strings and comments.
fn too_deep(text: &str) -> Option<Diagnostic> {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                // A string ends at its line's end, as in the grammar (a backslash escapes no line break).
                while i < b.len() && !matches!(b[i], b'"' | b'\r' | b'\n') {
                    i += if b[i] == b'\\' && !matches!(b.get(i + 1), Some(b'\r' | b'\n')) { 2 } else { 1 };
                }
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && !matches!(b[i], b'\r' | b'\n') {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = text[i + 2..].find("*/").map_or(b.len(), |e| i + 2 + e + 1);
            }
            b'(' | b'[' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(
                        Diagnostic::error(
                            "syntax",
                            Span::new(i, i + 1),
                            format!("brackets nested more than {MAX_NESTING} levels deep"),
                        )
                        .with_help("a schema never needs this; check for a missing closing bracket"),
                    );
                }
            }
            b')' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

fn span_of(pair: &Pair<'_, Rule>) -> Span {
    let s = pair.as_span();
    let base = CHUNK_START.get();
    Span::new(base + s.start(), base + s.end())
}

fn ident(pair: Pair<'_, Rule>) -> Ident<'_> {
    Ident { name: pair.as_str(), span: span_of(&pair) }
}

fn comment(pair: Pair<'_, Rule>) -> Comment<'_> {
    let kind = match pair.as_rule() {
        Rule::doc_comment => CommentKind::Doc,
        Rule::block_comment => CommentKind::Block,
        _ => CommentKind::Line,
    };
    Comment { kind, text: pair.as_str().trim_end(), span: span_of(&pair) }
}

/// How many blank lines the text between two items holds. Line breaks are not tokens (see the grammar):
/// the first break of a run ends the previous item's line, each further one is a blank line.
/// `opens_text`: nothing precedes the run, so every break is a blank line.
fn blank_lines(between: &str, opens_text: bool) -> usize {
    let b = between.as_bytes();
    let breaks =
        b.iter().enumerate().filter(|&(i, &c)| c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n'))).count();
    if opens_text { breaks } else { breaks.saturating_sub(1) }
}

/// `text`: the chunk being parsed, which the pairs' positions index.
fn lower_schema<'t>(schema: Pair<'t, Rule>, text: &str, diags: &mut Vec<Diagnostic>) -> SchemaAst<'t> {
    let mut items = Vec::new();
    let mut previous_end = None;
    for pair in schema.into_inner() {
        let rule = pair.as_rule();
        let (start, end) = (pair.as_span().start(), pair.as_span().end());
        let blanks = blank_lines(&text[previous_end.unwrap_or(0)..start], previous_end.is_none());
        items.extend(std::iter::repeat_n(TopItem::BlankLine, blanks));
        previous_end = Some(end);
        match rule {
            Rule::doc_comment | Rule::line_comment | Rule::block_comment => {
                check_block_comment_closed(&pair, diags);
                items.push(TopItem::Comment(comment(pair)));
            }
            Rule::block => items.push(TopItem::Block(lower_block(pair, text, diags))),
            Rule::invalid_line => {
                let span = span_of(&pair);
                // One error for a run of unreadable lines: the first one is where to look.
                if !matches!(items.iter().rev().find(|i| !matches!(i, TopItem::BlankLine)), Some(TopItem::Invalid(_))) {
                    diags.push(invalid_top_line(pair.as_str(), span));
                }
                items.push(TopItem::Invalid(span));
            }
            _ => {}
        }
    }
    SchemaAst { items }
}

fn invalid_top_line(text: &str, span: Span) -> Diagnostic {
    let first = text.split_whitespace().next().unwrap_or("");
    let keywords = ["model", "enum", "datasource", "generator", "view", "type"];
    if keywords.contains(&first) {
        Diagnostic::error("syntax", span, format!("invalid `{first}` declaration")).with_help(format!(
            "write it as `{first} Name {{` on one line, with a name made of letters, digits and `_`"
        ))
    } else if text.trim() == "}" {
        Diagnostic::error("syntax", span, "unexpected `}` outside of a block")
    } else {
        Diagnostic::error("syntax", span, "this line is not part of any block and does not start with a known keyword")
            .with_help("top-level declarations start with `model`, `enum`, `datasource` or `generator`")
    }
}

fn check_block_comment_closed(pair: &Pair<'_, Rule>, diags: &mut Vec<Diagnostic>) {
    if pair.as_rule() == Rule::block_comment && !pair.as_str().ends_with("*/") {
        let s = span_of(pair);
        diags.push(
            Diagnostic::error("syntax", Span::new(s.start(), s.start() + 2), "unclosed block comment")
                .with_help("close it with `*/`"),
        );
    }
}

fn lower_block<'t>(pair: Pair<'t, Rule>, text: &str, diags: &mut Vec<Diagnostic>) -> Block<'t> {
    let span = span_of(&pair);
    let mut inner = pair.into_inner();
    let keyword = inner.next().expect("block keyword");
    let kind = match keyword.as_str().trim() {
        "model" => BlockKind::Model,
        "enum" => BlockKind::Enum,
        "datasource" => BlockKind::Datasource,
        "generator" => BlockKind::Generator,
        "view" => BlockKind::View,
        _ => BlockKind::Type,
    };
    let name = ident(inner.next().expect("block name"));
    // The `{` is not a token of its own; it follows the name after optional spaces.
    let open_brace = Span::new(name.span.end(), name.span.end() + 1);
    let mut block = Block {
        kind,
        name,
        members: Box::default(),
        span,
        open_brace,
        closed: true,
        open_comment: None,
        close_comment: None,
    };
    let mut seen_body = false;
    for p in inner {
        match p.as_rule() {
            Rule::line_comment if !seen_body => block.open_comment = Some(comment(p)),
            Rule::line_comment => block.close_comment = Some(comment(p)),
            Rule::block_body => {
                seen_body = true;
                block.members = lower_members(p, text, diags);
            }
            Rule::block_close if p.as_str().is_empty() => {
                block.closed = false;
                let end = block.members.iter().rev().find_map(member_end).unwrap_or(block.open_brace.end());
                block.span = Span::new(block.span.start(), end);
                diags.push(
                    Diagnostic::error(
                        "unclosed-block",
                        block.open_brace,
                        format!("{} `{}` is not closed", kind.keyword(), block.name.name),
                    )
                    .with_help("add a `}` on its own line after the block's last line"),
                );
            }
            _ => {}
        }
    }
    block
}

fn member_end(m: &Member<'_>) -> Option<usize> {
    match m {
        Member::Field(f) => Some(f.span.end()),
        Member::Property(p) => Some(p.span.end()),
        Member::Attribute(a) => Some(a.span.end()),
        Member::Comment(c) => Some(c.span.end()),
        Member::Invalid(s) => Some(s.end()),
        Member::BlankLine => None,
    }
}

fn lower_members<'t>(body: Pair<'t, Rule>, text: &str, diags: &mut Vec<Diagnostic>) -> Box<[Member<'t>]> {
    let mut members = Vec::new();
    // The body starts on the line of the `{`, so its first line break ends that line.
    let mut previous_end = body.as_span().start();
    for p in body.into_inner() {
        let (start, end) = (p.as_span().start(), p.as_span().end());
        members.extend(std::iter::repeat_n(Member::BlankLine, blank_lines(&text[previous_end..start], false)));
        previous_end = end;
        match p.as_rule() {
            // A trailing comment after a block attribute is a member of its own; the formatter keeps it
            // on the attribute's line.
            Rule::doc_comment | Rule::line_comment | Rule::block_comment => {
                check_block_comment_closed(&p, diags);
                members.push(Member::Comment(comment(p)));
            }
            Rule::block_attribute => members.push(Member::Attribute(lower_attribute(p, 2))),
            Rule::field_line => members.push(lower_field_line(p)),
            Rule::invalid_member => {
                let span = span_of(&p);
                diags.push(invalid_member(p.as_str(), span));
                members.push(Member::Invalid(span));
            }
            _ => {}
        }
    }
    // Blank lines before the closing brace carry no meaning (and are not counted above).
    while matches!(members.last(), Some(Member::BlankLine)) {
        members.pop();
    }
    exact(members)
}

fn invalid_member(text: &str, span: Span) -> Diagnostic {
    let t = text.trim();
    let help = if t.starts_with('@') && !t.starts_with("@@") {
        "a field attribute goes on the line of its field; block attributes start with `@@`"
    } else if t.contains('{') {
        "blocks cannot be nested; close the previous block with `}` first"
    } else {
        "a line in a block is a field (`name Type @attributes`), a block attribute (`@@name(...)`), an enum value or `key = value`"
    };
    Diagnostic::error("syntax", span, format!("cannot read this line: `{}`", shorten(t, 60))).with_help(help)
}

fn shorten(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        s.to_string()
    } else {
        let cut: String = s.chars().take(max_chars).collect();
        format!("{cut}...")
    }
}

fn lower_field_line(pair: Pair<'_, Rule>) -> Member<'_> {
    let span = span_of(&pair);
    let mut inner = pair.into_inner();
    let name = ident(inner.next().expect("field name"));
    let mut ty = None;
    let mut value = None;
    let mut attributes = Vec::new();
    let mut trailing = None;
    for p in inner {
        match p.as_rule() {
            Rule::property_value => {
                let e = p.into_inner().next().expect("property expression");
                value = Some(lower_expr(e));
            }
            Rule::field_type => ty = Some(lower_field_type(p)),
            Rule::field_attribute => attributes.push(lower_attribute(p, 1)),
            Rule::line_comment => trailing = Some(Box::new(comment(p))),
            _ => {}
        }
    }
    // Most fields have one or two attributes; a Vec grown by pushes holds four (see `exact`).
    let attributes = exact(attributes);
    // The trailing comment is not part of the field's span.
    let end = attributes
        .last()
        .map(|a| a.span.end())
        .or(ty.as_ref().map(|t: &FieldType| t.span.end()))
        .or(value.as_ref().map(|v: &Expr| v.span().end()))
        .unwrap_or(name.span.end());
    let span = Span::new(span.start(), end);
    match value {
        Some(value) => Member::Property(Property { name, value, comment: trailing, span }),
        None => Member::Field(Field { name, ty, attributes, comment: trailing, span }),
    }
}

/// A type name and its `?`/`[]` suffix are one token; the suffix is read off its end.
fn lower_field_type(pair: Pair<'_, Rule>) -> FieldType<'_> {
    let span = span_of(&pair);
    let text = pair.as_str();
    let suffixes =
        [("[]?", Arity::OptionalList), ("?[]", Arity::OptionalList), ("[]", Arity::List), ("?", Arity::Optional)];
    let (base, arity) = suffixes
        .iter()
        .find_map(|&(suffix, arity)| Some((text.strip_suffix(suffix)?, arity)))
        .unwrap_or((text, Arity::Required));
    let name = match pair.into_inner().next() {
        // The only inner token: `Unsupported("...")`.
        Some(unsupported) => {
            let s = unsupported.into_inner().next().expect("Unsupported has a string");
            TypeName::Unsupported(Box::new(string_lit(s)))
        }
        None => TypeName::Named(Ident { name: base, span: Span::new(span.start(), span.start() + base.len()) }),
    };
    FieldType { name, arity, span }
}

/// The dotted name at the start of an attribute or function call token (the grammar allows no spaces
/// inside it), and its span.
fn leading_name<'t>(pair: &Pair<'t, Rule>, skip: usize) -> Ident<'t> {
    let rest = &pair.as_str()[skip..];
    let len = rest.find([' ', '\t', '(']).unwrap_or(rest.len());
    let start = span_of(pair).start();
    Ident { name: &rest[..len], span: Span::new(start, start + skip + len) }
}

/// `at_signs`: 1 for a field attribute, 2 for a block attribute. The name's span includes them.
fn lower_attribute(pair: Pair<'_, Rule>, at_signs: usize) -> Attribute<'_> {
    let span = span_of(&pair);
    let name = leading_name(&pair, at_signs);
    let arguments = pair.into_inner().next().map(lower_arguments);
    Attribute { name, arguments, span }
}

fn lower_arguments(pair: Pair<'_, Rule>) -> Arguments<'_> {
    let span = span_of(&pair);
    let items = pair
        .into_inner()
        .filter(|p| p.as_rule() == Rule::argument)
        .map(|arg| {
            let span = span_of(&arg);
            let mut name = None;
            let mut value = None;
            for p in arg.into_inner() {
                match p.as_rule() {
                    Rule::argument_name => name = Some(ident(p)),
                    Rule::line_comment => {}
                    _ => value = Some(lower_expr(p)),
                }
            }
            Argument { name, value: value.expect("argument has a value"), span }
        })
        .collect();
    Arguments { items: exact(items), span }
}

/// `v` without spare capacity, and without a capacity field. The tree's small lists (attributes,
/// arguments, list items) are built from iterators of unknown length, which start at four elements: for
/// a 150-byte argument that is 600 bytes where one was needed, and it adds up to half of a large
/// schema's tree.
fn exact<T>(mut v: Vec<T>) -> Box<[T]> {
    if v.len() == v.capacity() {
        return v.into_boxed_slice();
    }
    // Not `into_boxed_slice`: it asks the allocator to shrink the block in place, which mimalloc declines
    // while at least half of it stays in use. An allocation of the exact size frees the rest (1.6 MB of
    // max RSS for `migrate diff` on gen-schema 3000).
    let mut exact = Vec::with_capacity(v.len());
    exact.append(&mut v);
    exact.into_boxed_slice()
}

fn lower_expr(pair: Pair<'_, Rule>) -> Expr<'_> {
    let span = span_of(&pair);
    match pair.as_rule() {
        Rule::string => Expr::String(Box::new(string_lit(pair))),
        Rule::number => Expr::Number(pair.as_str(), span),
        Rule::constant => Expr::Constant(pair.as_str(), span),
        Rule::array => Expr::Array(
            exact(pair.into_inner().filter(|p| p.as_rule() != Rule::line_comment).map(lower_expr).collect()),
            span,
        ),
        Rule::function_call => {
            let name = leading_name(&pair, 0);
            let arguments = lower_arguments(pair.into_inner().next().expect("function arguments"));
            Expr::Function(Box::new(Function { name, arguments, span }))
        }
        other => unreachable!("not an expression rule: {other:?}"),
    }
}

fn string_lit(pair: Pair<'_, Rule>) -> StringLit<'_> {
    let raw = pair.as_str();
    StringLit { value: unescape(&raw[1..raw.len() - 1]), raw, span: span_of(&pair) }
}

/// Prisma's string escapes. An unknown escape keeps its backslash, so a regular expression written as
/// `"\d"` means what its author meant.
fn unescape(s: &str) -> Cow<'_, str> {
    if !s.contains('\\') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_model_with_attributes_and_comments() {
        let src = "model A {\n  /// doc\n  id Int @id @default(autoincrement()) // c\n\n  @@map(\"a\")\n}\n";
        let p = parse(src);
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        let TopItem::Block(b) = &p.ast.items[0] else { panic!("{:?}", p.ast) };
        assert_eq!(b.name.name, "A");
        assert!(b.closed);
        assert!(matches!(&b.members[0], Member::Comment(c) if c.kind == CommentKind::Doc && c.doc_text() == "doc"));
        let Member::Field(f) = &b.members[1] else { panic!() };
        assert_eq!(f.name.name, "id");
        assert_eq!(f.attributes.len(), 2);
        assert_eq!(f.attributes[1].name.name, "default");
        assert!(f.comment.is_some());
        assert_eq!(&src[f.span.range()], "id Int @id @default(autoincrement())");
        assert!(matches!(b.members[2], Member::BlankLine));
        assert!(matches!(&b.members[3], Member::Attribute(a) if a.name.name == "map"));
    }

    #[test]
    fn unclosed_block_is_reported_and_the_next_block_still_parses() {
        let src = "model A {\n  id Int @id\n\nmodel B {\n  id Int @id\n}\n";
        let p = parse(src);
        assert_eq!(p.diagnostics.len(), 1, "{:?}", p.diagnostics);
        assert_eq!(p.diagnostics[0].code, "unclosed-block");
        let blocks: Vec<_> = p
            .ast
            .items
            .iter()
            .filter_map(|i| match i {
                TopItem::Block(b) => Some(b),
                _ => None,
            })
            .collect();
        assert_eq!(blocks.len(), 2);
        assert!(!blocks[0].closed);
        assert!(blocks[1].closed);
    }

    #[test]
    fn every_bad_line_is_reported() {
        let src = "model A {\n  id Int @id\n  ??? what\n  name String\n  !!\n}\nfoo bar\n";
        let p = parse(src);
        assert_eq!(p.diagnostics.len(), 3, "{:?}", p.diagnostics);
    }

    #[test]
    fn absurd_nesting_is_an_error_not_a_stack_overflow() {
        let src = format!("model A {{\n  id Int @default({})\n}}\n", "[".repeat(100_000));
        let p = parse(&src);
        assert_eq!(p.diagnostics.len(), 1);
        assert!(p.diagnostics[0].message.contains("nested more than 64"));
        // Brackets in strings and comments do not count.
        let fine = format!("// {}\nmodel A {{\n  id Int @id @default(\"{}\")\n}}\n", "(".repeat(100), "[".repeat(100));
        assert!(parse(&fine).diagnostics.is_empty(), "{:?}", parse(&fine).diagnostics);
        // The deepest legal nesting parses, validates and formats on a test thread's small stack.
        let deepest = format!(
            "datasource db {{\n  provider = \"postgresql\"\n}}\nmodel A {{\n  id Int @id @default({}1{})\n}}\n",
            "[".repeat(63),
            "]".repeat(63)
        );
        let checked = crate::check(&deepest);
        assert!(checked.diagnostics.iter().all(|d| d.code != "syntax"), "{:?}", checked.diagnostics);
        assert!(crate::format(&deepest).is_ok());
        // A comment ends at a `\r` alone too: the brackets after it count.
        let after_comment = format!("// c\rmodel A {{\r  id Int @default({})\r}}\r", "[".repeat(100_000));
        assert!(parse(&after_comment).diagnostics[0].message.contains("nested more than 64"));
        let after_string = format!("model A {{\r  id Int @map(\"a)\r  b Int @default({})\r}}\r", "[".repeat(100_000));
        assert!(parse(&after_string).diagnostics[0].message.contains("nested more than 64"));
        for newline in ["\n", "\r", "\r\n"] {
            let after_backslash = format!(
                "model A {{{newline}  id Int @map(\"a\\{newline}  b Int @default({})\n}}\n",
                "[".repeat(100_000)
            );
            let p = parse(&after_backslash);
            assert!(p.diagnostics[0].message.contains("nested more than 64"), "{newline:?}");
        }
    }

    #[test]
    fn a_large_file_read_in_chunks_gives_the_same_tree() {
        let block = "/// doc\nmodel M {\n  id Int @id @default(autoincrement()) // c\n  name String? @db.VarChar(20)\n\n  @@index([name])\n}\n\n";
        let mut text = String::from("datasource db {\n  provider = \"postgresql\"\n}\n\n");
        while text.len() < 2 * PARALLEL_THRESHOLD {
            text.push_str(block);
        }
        text.push_str("model Broken {\n  id Int @id\n  ??\n");
        let bounds = chunk_bounds(&text);
        assert!(bounds.len() > 4, "large enough to cut in several chunks");
        assert!(bounds[1..bounds.len() - 1].iter().all(|&b| text[b..].starts_with("model M {")));
        let split = parse(&text);
        let whole = parse_chunk(&text, 0);
        assert_eq!(split.ast, whole.ast);
        assert_eq!(split.diagnostics, whole.diagnostics);
        assert_eq!(split.diagnostics.len(), 2);
        // Lines that end in `\r` alone, or in `\r\n`, are cut the same way.
        for newline in ["\r", "\r\n"] {
            let text = text.replace('\n', newline);
            let cut = chunk_bounds(&text);
            assert!(cut.len() > 4, "{newline:?}");
            assert!(cut[1..cut.len() - 1].iter().all(|&b| text[b..].starts_with("model M {")));
            let split = parse(&text);
            let whole = parse_chunk(&text, 0);
            assert_eq!(split.ast, whole.ast);
            assert_eq!(split.diagnostics, whole.diagnostics);
        }
    }

    #[test]
    fn strings_unescape() {
        assert_eq!(unescape(r#"a\"b\\c\d"#), "a\"b\\c\\d");
    }
}
