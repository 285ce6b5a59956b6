//! The layout of a state file: serde_json's pretty output with every object or list that fits in a
//! line written on one (one line per column, index, key or migration), so a state file stays small
//! and its diff in a review reads as what changed.

/// `value` laid out for review (ends with a newline).
pub fn to_text(value: &impl serde::Serialize) -> String {
    let pretty = serde_json::to_string_pretty(value).expect("state values always serialise");
    let mut out = String::with_capacity(pretty.len() / 2);
    for node in &parse_lines(&mut pretty.lines()) {
        render(node, 0, &mut out);
    }
    out
}

/// Lines this long or shorter hold a whole object or list.
const LINE: usize = 120;

/// A line of serde_json's pretty output, or an object or list spread over lines.
enum Node<'t> {
    Line(&'t str),
    /// The opening line (ending in `{` or `[`), the members, the closing line (`}` or `],`, ...).
    Block(&'t str, Vec<Node<'t>>, &'t str),
}

/// serde_json's pretty output as nested blocks: a line ending in `{` or `[` opens one (a string value
/// always ends in a quote), a line that is `}` or `]` (with a comma) closes it.
fn parse_lines<'t>(lines: &mut impl Iterator<Item = &'t str>) -> Vec<Node<'t>> {
    let mut nodes = Vec::new();
    while let Some(line) = lines.next() {
        let trimmed = line.trim();
        if trimmed.starts_with(['}', ']']) {
            nodes.push(Node::Line(trimmed));
            return nodes;
        }
        if trimmed.ends_with(['{', '[']) {
            let mut members = parse_lines(lines);
            let close = match members.pop() {
                Some(Node::Line(close)) => close,
                _ => "",
            };
            nodes.push(Node::Block(trimmed, members, close));
        } else {
            nodes.push(Node::Line(trimmed));
        }
    }
    nodes
}

fn compact(node: &Node<'_>, out: &mut String) {
    match node {
        Node::Line(line) => out.push_str(line),
        Node::Block(open, members, close) => {
            out.push_str(open);
            for (i, m) in members.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                compact(m, out);
            }
            out.push_str(close);
        }
    }
}

/// A block on one line when it fits in [`LINE`] columns at its indentation, else one member per line.
fn render(node: &Node<'_>, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    let mut one_line = String::new();
    compact(node, &mut one_line);
    match node {
        Node::Block(open, members, close) if indent + one_line.len() > LINE => {
            out.push_str(&pad);
            out.push_str(open);
            out.push('\n');
            for m in members {
                render(m, indent + 2, out);
            }
            out.push_str(&pad);
            out.push_str(close);
            out.push('\n');
        }
        _ => {
            out.push_str(&pad);
            out.push_str(&one_line);
            out.push('\n');
        }
    }
}
