//! Mermaid's `erDiagram`, as GitHub renders it in Markdown: an entity per model (its columns with type,
//! `PK`/`FK`/`UK` and the SQL type as comment), a relationship per relation with its cardinality, an
//! entity per enum (its values). Namespaces (`@@schema`) are grouped, each under a `%%` comment line.

use crate::{Cardinality, Diagram, Entity};

pub fn render(diagram: &Diagram) -> String {
    let mut out = String::from("erDiagram\n");
    let namespaces = diagram.namespaces();
    for ns in &namespaces {
        if let Some(ns) = ns {
            out.push_str(&format!("    %% schema {ns}\n"));
        }
        for e in diagram.entities.iter().filter(|e| e.namespace.as_deref() == *ns) {
            entity(&mut out, e);
        }
    }
    for e in &diagram.enums {
        out.push_str(&format!("    {} {{\n", name(&e.name, None)));
        for v in &e.values {
            out.push_str(&format!("        enum {}\n", word(v)));
        }
        out.push_str("    }\n");
    }
    for r in &diagram.relations {
        let parent = &diagram.entities[r.parent].name;
        let child = &diagram.entities[r.child].name;
        let left = match r.parent_cardinality {
            Cardinality::ExactlyOne => "||",
            Cardinality::ZeroOrOne => "|o",
            Cardinality::ZeroOrMore => "}o",
        };
        let right = match r.child_cardinality {
            Cardinality::ExactlyOne => "||",
            Cardinality::ZeroOrOne => "o|",
            Cardinality::ZeroOrMore => "o{",
        };
        let mut label = r.label();
        if let Some(join) = &r.join_table {
            label = format!("{label} (many-to-many, {join})");
        }
        if label.is_empty() {
            label = "relation".into();
        }
        // `--` when a foreign key holds the relation, `..` when none does (many-to-many, a view, or
        // relationMode = "prisma" without one).
        let line = if r.many_to_many() || r.columns.is_empty() { ".." } else { "--" };
        out.push_str(&format!("    {parent} {left}{line}{right} {child} : {}\n", quoted(&label)));
    }
    out
}

fn entity(out: &mut String, e: &Entity) {
    let alias = if e.view { Some(format!("{} (view)", e.name)) } else { None };
    out.push_str(&format!("    {} {{\n", name(&e.name, alias.as_deref())));
    for f in &e.fields {
        let ty = if f.array { format!("{}[]", word(&f.ty)) } else { word(&f.ty) };
        let keys = f.keys().join(",");
        let sql = if f.nullable { format!("{} NULL", f.sql) } else { f.sql.clone() };
        let keys = if keys.is_empty() { String::new() } else { format!(" {keys}") };
        out.push_str(&format!("        {ty} {}{keys} {}\n", word(&f.name), quoted(&sql)));
    }
    out.push_str("    }\n");
}

/// An entity's name, with a display alias (`Name["Name (view)"]`).
fn name(name: &str, alias: Option<&str>) -> String {
    match alias {
        Some(alias) => format!("{}[{}]", word(name), quoted(alias)),
        None => word(name),
    }
}

/// A word Mermaid reads as one: letters, digits, `_` and `-` (Prisma names already are).
fn word(text: &str) -> String {
    let w: String = text.chars().map(|c| if c.is_alphanumeric() || c == '_' || c == '-' { c } else { '_' }).collect();
    if w.is_empty() { "_".into() } else { w }
}

fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "'"))
}
