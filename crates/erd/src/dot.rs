//! Graphviz input: a table-shaped node per model (HTML-like label: the name, then a row per column),
//! an edge per relation with crow's-foot ends, a cluster per namespace, enums as notes.

use crate::{Cardinality, Diagram, Entity};

pub fn render(diagram: &Diagram) -> String {
    let mut out = String::from(
        "digraph schema {\n    graph [rankdir=LR, fontname=\"Helvetica\", nodesep=0.4, ranksep=0.9];\n    node [shape=plain, fontname=\"Helvetica\", fontsize=11];\n    edge [dir=both, color=\"#5b6b7f\", fontname=\"Helvetica\", fontsize=9];\n",
    );
    for (n, ns) in diagram.namespaces().into_iter().enumerate() {
        let indent = if let Some(ns) = ns {
            out.push_str(&format!(
                "    subgraph cluster_{n} {{\n        label={};\n        style=\"rounded,dashed\";\n        color=\"#8899aa\";\n",
                string(ns)
            ));
            "        "
        } else {
            "    "
        };
        for (i, e) in diagram.entities.iter().enumerate().filter(|(_, e)| e.namespace.as_deref() == ns) {
            out.push_str(&format!("{indent}m{i} [label=<{}>];\n", table(e)));
        }
        for (i, e) in diagram.enums.iter().enumerate().filter(|(_, e)| e.namespace.as_deref() == ns) {
            let mut rows = format!("<TR><TD BGCOLOR=\"#f3ecd9\"><B>{}</B> <I>enum</I></TD></TR>", html(&e.name));
            for v in &e.values {
                rows.push_str(&format!("<TR><TD ALIGN=\"LEFT\">{}</TD></TR>", html(v)));
            }
            out.push_str(&format!(
                "{indent}e{i} [label=<<TABLE BORDER=\"1\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"3\">{rows}</TABLE>>];\n"
            ));
        }
        if ns.is_some() {
            out.push_str("    }\n");
        }
    }
    for r in &diagram.relations {
        let end = |c: Cardinality| match c {
            Cardinality::ExactlyOne => "teetee",
            Cardinality::ZeroOrOne => "teeodot",
            Cardinality::ZeroOrMore => "crowodot",
        };
        let style = if r.many_to_many() || r.columns.is_empty() { ", style=dashed" } else { "" };
        let mut label = r.label();
        if let Some(join) = &r.join_table {
            label = format!("{label}\\n({join})");
        }
        out.push_str(&format!(
            "    m{} -> m{} [arrowtail={}, arrowhead={}, label={}{style}];\n",
            r.parent,
            r.child,
            end(r.parent_cardinality),
            end(r.child_cardinality),
            string(&label).replace("\\\\n", "\\n"),
        ));
    }
    out.push_str("}\n");
    out
}

fn table(e: &Entity) -> String {
    let view = if e.view { " <I>view</I>" } else { "" };
    let title = format!("<B>{}</B>{view}", html(&e.name));
    let mut rows = format!(
        "<TABLE BORDER=\"1\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"3\"><TR><TD COLSPAN=\"3\" BGCOLOR=\"#dde7f3\">{title}</TD></TR>"
    );
    for f in &e.fields {
        rows.push_str(&format!(
            "<TR><TD ALIGN=\"LEFT\">{}</TD><TD ALIGN=\"LEFT\">{}</TD><TD ALIGN=\"LEFT\">{}</TD></TR>",
            f.keys().join(" "),
            html(&f.name),
            html(&f.schema_type())
        ));
    }
    rows.push_str("</TABLE>");
    rows
}

/// Text inside an HTML-like label.
fn html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A double-quoted dot string.
fn string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}
