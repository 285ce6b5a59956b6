//! `refract format`: the canonical layout `prisma format` writes.
//!
//! Two-space indentation; within a block, runs of fields separated by blank lines are aligned in
//! columns (name, type, attributes); `key = value` lines align their `=`; one blank line between
//! blocks, never two in a row; attribute arguments spaced as `name: value, [a, b]`. Every comment is
//! kept where it was. A file with syntax errors is not formatted (the errors are returned instead), so
//! formatting never loses text it could not read.
//!
//! Architecture invariant: `format(format(x)) == format(x)`, and the comments of the output are the
//! comments of the input.

use std::borrow::Cow;

use refract_diagnostics::Diagnostic;

use crate::ast::*;
use crate::parse;

pub fn format(text: &str) -> Result<String, Vec<Diagnostic>> {
    let parsed = parse(text);
    if !parsed.diagnostics.is_empty() {
        return Err(parsed.diagnostics);
    }
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut pending_blank = false;
    let mut previous: Option<&TopItem<'_>> = None;
    for item in &parsed.ast.items {
        if matches!(item, TopItem::BlankLine) {
            pending_blank = previous.is_some();
            continue;
        }
        let after_block = matches!(previous, Some(TopItem::Block(_)));
        if pending_blank || after_block {
            out.push('\n');
        }
        pending_blank = false;
        match item {
            TopItem::Block(b) => block(&mut out, b, text),
            TopItem::Comment(c) => {
                out.push_str(&line_feeds(c.text));
                out.push('\n');
            }
            // Unreachable without syntax errors; kept verbatim all the same.
            TopItem::Invalid(span) => {
                out.push_str(&text[span.range()]);
                out.push('\n');
            }
            TopItem::BlankLine => {}
        }
        previous = Some(item);
    }
    Ok(out)
}

fn block(out: &mut String, b: &Block<'_>, src: &str) {
    out.push_str(b.kind.keyword());
    out.push(' ');
    out.push_str(b.name.name);
    out.push_str(" {");
    if let Some(c) = &b.open_comment {
        out.push(' ');
        out.push_str(c.text);
    }
    out.push('\n');
    // Leading blank lines inside a block carry no meaning.
    let start = b.members.iter().position(|m| !matches!(m, Member::BlankLine)).unwrap_or(b.members.len());
    let members = &b.members[start..];
    let mut i = 0;
    while i < members.len() {
        if matches!(members[i], Member::BlankLine) {
            out.push('\n');
            while i < members.len() && matches!(members[i], Member::BlankLine) {
                i += 1;
            }
            continue;
        }
        let end = members[i..].iter().position(|m| matches!(m, Member::BlankLine)).map_or(members.len(), |p| i + p);
        group(out, &members[i..end], src);
        i = end;
    }
    out.push('}');
    if let Some(c) = &b.close_comment {
        out.push(' ');
        out.push_str(c.text);
    }
    out.push('\n');
}

fn width(s: &str) -> usize {
    s.chars().count()
}

/// A run of members without blank lines: fields and properties aligned together.
fn group(out: &mut String, members: &[Member], src: &str) {
    struct Row {
        name: String,
        ty: String,
        attrs: String,
    }
    let rows: Vec<Option<Row>> = members
        .iter()
        .map(|m| match m {
            Member::Field(f) => Some(Row {
                name: f.name.name.to_string(),
                ty: f.ty.as_ref().map(field_type).unwrap_or_default(),
                attrs: f.attributes.iter().map(|a| attribute(a, "@", src)).collect::<Vec<_>>().join(" "),
            }),
            _ => None,
        })
        .collect();
    let name_w = rows
        .iter()
        .flatten()
        .filter(|r| !r.ty.is_empty() || !r.attrs.is_empty())
        .map(|r| width(&r.name))
        .max()
        .unwrap_or(0);
    let ty_w = rows.iter().flatten().map(|r| width(&r.ty)).max().unwrap_or(0);
    let key_w = members
        .iter()
        .filter_map(|m| if let Member::Property(p) = m { Some(width(p.name.name)) } else { None })
        .max()
        .unwrap_or(0);
    for (m, row) in members.iter().zip(&rows) {
        let mut line = String::from("  ");
        let comment = match m {
            Member::Field(f) => {
                let r = row.as_ref().expect("a row per field");
                line.push_str(&r.name);
                if !r.ty.is_empty() || !r.attrs.is_empty() {
                    pad(&mut line, 2 + name_w + 1);
                    line.push_str(&r.ty);
                }
                if !r.attrs.is_empty() {
                    if !r.ty.is_empty() {
                        pad(&mut line, 2 + name_w + 1 + ty_w + 1);
                    }
                    line.push_str(&r.attrs);
                }
                f.comment.as_ref()
            }
            Member::Property(p) => {
                line.push_str(p.name.name);
                pad(&mut line, 2 + key_w + 1);
                line.push_str("= ");
                line.push_str(&expr(&p.value, src));
                p.comment.as_ref()
            }
            Member::Attribute(a) => {
                line.push_str(&attribute(a, "@@", src));
                None
            }
            Member::Comment(c) => {
                // A trailing comment after a block attribute was parsed as its own member; keep it on
                // the attribute's line.
                if c.kind != CommentKind::Block
                    && trailing_on_same_line(c, src)
                    && out.ends_with('\n')
                    && !out.ends_with("{\n")
                {
                    out.pop();
                    out.push(' ');
                    out.push_str(c.text);
                    out.push('\n');
                    continue;
                }
                line.push_str(&line_feeds(c.text));
                None
            }
            Member::Invalid(span) => {
                line.push_str(src[span.range()].trim());
                None
            }
            Member::BlankLine => continue,
        };
        if let Some(c) = comment {
            line.push(' ');
            line.push_str(c.text);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

/// Whether a comment starts on a line that has other text before it.
fn trailing_on_same_line(c: &Comment<'_>, src: &str) -> bool {
    let line_start = src[..c.span.start()].rfind(['\r', '\n']).map_or(0, |i| i + 1);
    !src[line_start..c.span.start()].trim().is_empty()
}

/// Text kept as written (a block comment, an attribute written over several lines) with its line breaks
/// as the formatter writes them: `\r\n` and `\r` alone become `\n`, so a file formats the same whichever
/// line breaks it was saved with.
fn line_feeds(text: &str) -> Cow<'_, str> {
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

fn pad(line: &mut String, to: usize) {
    let w = width(line);
    if w < to {
        line.extend(std::iter::repeat_n(' ', to - w));
    } else if !line.ends_with(' ') {
        line.push(' ');
    }
}

fn field_type(t: &FieldType<'_>) -> String {
    let mut s = match &t.name {
        TypeName::Named(n) => n.name.to_string(),
        TypeName::Unsupported(lit) => format!("Unsupported({})", lit.raw),
    };
    s.push_str(match t.arity {
        Arity::Required => "",
        Arity::Optional => "?",
        Arity::List => "[]",
        Arity::OptionalList => "[]?",
    });
    s
}

fn attribute(a: &Attribute<'_>, at: &str, src: &str) -> String {
    let text = &src[a.span.range()];
    // An attribute written over several lines may hold comments between its arguments: kept as written.
    if text.contains(['\r', '\n']) {
        return line_feeds(text).into_owned();
    }
    let mut s = format!("{at}{}", a.name.name);
    if let Some(args) = &a.arguments {
        s.push('(');
        s.push_str(&arguments(args, src));
        s.push(')');
    }
    s
}

fn arguments(args: &Arguments<'_>, src: &str) -> String {
    args.items
        .iter()
        .map(|a| match &a.name {
            Some(n) => format!("{}: {}", n.name, expr(&a.value, src)),
            None => expr(&a.value, src),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn expr(e: &Expr<'_>, src: &str) -> String {
    match e {
        Expr::String(s) => s.raw.to_string(),
        Expr::Number(n, _) | Expr::Constant(n, _) => n.to_string(),
        Expr::Array(items, span) => {
            if src[span.range()].contains("//") {
                return line_feeds(&src[span.range()]).into_owned();
            }
            format!("[{}]", items.iter().map(|i| expr(i, src)).collect::<Vec<_>>().join(", "))
        }
        Expr::Function(f) => {
            if src[f.arguments.span.range()].contains("//") {
                return format!("{}{}", f.name.name, line_feeds(&src[f.arguments.span.range()]));
            }
            format!("{}({})", f.name.name, arguments(&f.arguments, src))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::format;

    #[test]
    fn aligns_fields_and_normalises_spacing() {
        let src = "datasource db {\n  provider = \"postgresql\"\n  relationMode=\"prisma\"\n}\nmodel A {\n  id Int @id @default( autoincrement() ) // trailing\n  // inner\n  longName    String? @unique\n\n\n  b B @relation(fields:[bId], references:[id])\n  bId Int\n  @@index([longName]) // why\n}\n";
        let expected = "datasource db {\n  provider     = \"postgresql\"\n  relationMode = \"prisma\"\n}\n\nmodel A {\n  id       Int     @id @default(autoincrement()) // trailing\n  // inner\n  longName String? @unique\n\n  b   B   @relation(fields: [bId], references: [id])\n  bId Int\n  @@index([longName]) // why\n}\n";
        let out = format(src).unwrap();
        assert_eq!(out, expected, "\n{out}");
        assert_eq!(format(&out).unwrap(), out);
    }

    #[test]
    fn refuses_files_with_syntax_errors() {
        assert!(format("model A {\n  ??\n}\n").is_err());
    }
}
