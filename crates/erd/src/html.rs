//! One self-contained HTML page: the SVG, a search box that highlights the models whose name holds the
//! text and their neighbours (the rest fades), and a model's fields on click. No network: the style,
//! the script (`page.js`) and the data are in the page.

use serde_json::json;

use crate::svg::{Layout, body, escape};
use crate::{Diagram, Field};

const SCRIPT: &str = include_str!("page.js");

const CSS: &str = r#"
  html, body { margin: 0; height: 100%; font-family: system-ui, sans-serif; color: #1d2733; }
  body { display: grid; grid-template-rows: auto 1fr; grid-template-columns: 1fr 22rem; height: 100vh; }
  header { grid-column: 1 / 3; display: flex; gap: 1rem; align-items: center; padding: .5rem 1rem;
           border-bottom: 1px solid #cfd8e3; background: #f7f9fb; }
  header h1 { font-size: 1rem; margin: 0; }
  #search { font-size: 1rem; padding: .3rem .5rem; width: 18rem; }
  #count { color: #5b6b7f; font-size: .9rem; }
  header button { font-size: .9rem; }
  #canvas { overflow: auto; background: #fff; }
  #side { overflow: auto; border-left: 1px solid #cfd8e3; padding: .5rem 1rem; background: #fbfcfd; }
  #results { padding-left: 1.2rem; }
  #results .near-list { color: #5b6b7f; font-size: .85rem; }
  #details h2 { font-size: 1.1rem; margin-bottom: 0; }
  #details .table-name { color: #5b6b7f; margin-top: .2rem; font-family: monospace; }
  #details table { border-collapse: collapse; font-family: monospace; font-size: .85rem; }
  #details td { padding: .1rem .4rem; border-bottom: 1px solid #eef1f5; }
  #details td.key { color: #a05a00; }
  #details td.sql { color: #5b6b7f; }
  #errors { color: #b00020; }
  .erd .model { cursor: pointer; }
  .erd .dim { opacity: .12; }
  .erd .hit .box { stroke: #d9480f; stroke-width: 3; }
  .erd .near .box { stroke: #1c7ed6; stroke-width: 2; }
  .erd .selected .box { stroke: #2b8a3e; stroke-width: 3; }
  .erd .rel.lit { stroke: #d9480f; stroke-width: 2; }
"#;

pub fn render(diagram: &Diagram, layout: &Layout<'_>) -> String {
    let title = match diagram.entities.len() {
        1 => "1 model".to_string(),
        n => format!("{n} models"),
    };
    let data = serde_json::to_string(&data(diagram)).expect("json values serialise").replace("</", "<\\/");
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Schema: {title}</title>
<style>{CSS}</style>
</head>
<body>
<header>
<h1>Schema</h1>
<input id="search" type="search" placeholder="Find a model…" autocomplete="off" aria-label="Find a model">
<span id="count"></span>
<button id="zoom-out" type="button" title="Zoom out">−</button><button id="zoom-in" type="button" title="Zoom in">+</button><button id="zoom-fit" type="button" title="Fit">fit</button>
</header>
<main id="canvas">
<svg xmlns="http://www.w3.org/2000/svg" class="erd" width="{w:.0}" height="{h:.0}" viewBox="0 0 {w:.0} {h:.0}">
{svg}</svg>
</main>
<aside id="side">
<pre id="errors" hidden></pre>
<ul id="results"></ul>
<section id="details" hidden></section>
<p id="hint">Type in the box to find a model and its neighbours; click a model for its fields.</p>
</aside>
<script id="erd-data" type="application/json">{data}</script>
<script>{SCRIPT}</script>
</body>
</html>
"#,
        title = escape(&title),
        w = layout.width.ceil(),
        h = layout.height.ceil(),
        svg = body(layout),
    )
}

fn data(diagram: &Diagram) -> serde_json::Value {
    let field = |f: &Field| {
        json!({
            "name": f.name,
            "type": f.schema_type(),
            "sql": if f.column == f.name { f.sql.clone() } else { format!("{} {}", f.column, f.sql) },
            "keys": f.keys(),
        })
    };
    let models: Vec<serde_json::Value> = diagram
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let relations: Vec<serde_json::Value> = diagram
                .relations
                .iter()
                .filter_map(|r| {
                    let (own, other, many) = if r.parent == i {
                        (r.parent_field.as_deref(), r.child, r.child_cardinality == crate::Cardinality::ZeroOrMore)
                    } else if r.child == i {
                        (r.child_field.as_deref(), r.parent, r.parent_cardinality == crate::Cardinality::ZeroOrMore)
                    } else {
                        return None;
                    };
                    let how = if r.many_to_many() {
                        "many-to-many with"
                    } else if many {
                        "many of"
                    } else {
                        "one"
                    };
                    Some(json!({
                        "text": format!("{}: {how}", own.unwrap_or("(no field)")),
                        "model": diagram.entities[other].name,
                    }))
                })
                .collect();
            json!({
                "name": e.name,
                "table": e.table,
                "namespace": e.namespace,
                "view": e.view,
                "comment": e.comment,
                "fields": e.fields.iter().map(field).collect::<Vec<_>>(),
                "relations": relations,
            })
        })
        .collect();
    json!({ "models": models })
}
