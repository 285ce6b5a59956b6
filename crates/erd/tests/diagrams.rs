//! The diagrams of the repository's schemas (the demo's, tests/models-check's, ../shared/examples' and
//! tests/data's), each checked against the IR it was drawn from, not against the drawing code's own
//! model: Mermaid entity by entity and relation by relation; the SVG parsed as XML with a label for
//! every model and no two boxes overlapping; the HTML page well-formed with every model in it.
//! `tests/data/*.prisma` also have their whole Mermaid output beside them (`UPDATE_EXPECT=1` rewrites).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use refract_erd::{Diagram, Format};
use refract_ir::{RelationKind, Schema};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every schema the repository holds that a user could draw: (label, path), files and folders.
fn schemas() -> Vec<(String, PathBuf)> {
    let mut out = vec![("demo".to_string(), root().join("schema/schema.prisma"))];
    let mut add_dir = |dir: PathBuf, prefix: &str| {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for p in entries {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            if p.is_dir() || name.ends_with(".prisma") {
                out.push((format!("{prefix}/{name}"), p));
            }
        }
    };
    add_dir(root().join("tests/models-check/schemas"), "models-check");
    add_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data"), "data");
    let shared = root().join("../shared/examples");
    for example in ["basket", "trading", "wedefi"] {
        add_dir(shared.join(example), example);
    }
    out
}

fn load(path: &Path) -> Schema {
    let sources = refract_schema::read_sources(path).unwrap_or_else(|e| panic!("{e}"));
    let checked = refract_schema::check_sources(&sources);
    let errors: Vec<_> = checked.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{} is not valid: {errors:#?}", path.display());
    checked.schema
}

/// The entity blocks of a Mermaid `erDiagram`: name (alias removed) to attribute lines.
fn mermaid_entities(text: &str) -> HashMap<String, Vec<Vec<String>>> {
    let mut out = HashMap::new();
    let mut current: Option<(String, Vec<Vec<String>>)> = None;
    for line in text.lines() {
        let t = line.trim();
        if let Some(head) = t.strip_suffix(" {") {
            let name = head.split('[').next().unwrap().to_string();
            current = Some((name, Vec::new()));
        } else if t == "}" {
            let (name, attrs) = current.take().expect("a block is open");
            assert!(out.insert(name.clone(), attrs).is_none(), "entity {name} twice");
        } else if let Some((_, attrs)) = current.as_mut() {
            // `type name [keys] "comment"`: the words before the comment.
            let words = t.split(" \"").next().unwrap().split_whitespace().map(String::from).collect();
            attrs.push(words);
        }
    }
    out
}

/// `(left, cardinality, right)` of each relationship line.
fn mermaid_relations(text: &str) -> Vec<(String, String, String)> {
    text.lines()
        .filter(|l| l.contains(" : \""))
        .map(|l| {
            let words: Vec<&str> = l.split_whitespace().collect();
            (words[0].to_string(), words[1].to_string(), words[2].to_string())
        })
        .collect()
}

fn model_of(schema: &Schema, key: &str) -> Option<String> {
    schema.tables.get(key).or_else(|| schema.views.get(key)).and_then(|t| t.model.clone())
}

#[test]
fn mermaid_has_every_model_column_relation_and_enum() {
    for (label, path) in schemas() {
        let schema = load(&path);
        let text = Diagram::from_schema(&schema).render(Format::Mermaid).unwrap();
        assert!(text.starts_with("erDiagram\n"), "{label}");
        let entities = mermaid_entities(&text);
        let mut expected_entities = 0;
        for table in schema.tables.values().chain(schema.views.values()) {
            let Some(model) = &table.model else {
                // A join table is a relation, never an entity.
                assert!(!entities.contains_key(&table.name), "{label}: join table {} drawn", table.name);
                continue;
            };
            expected_entities += 1;
            let attrs = entities.get(model).unwrap_or_else(|| panic!("{label}: no entity {model}:\n{text}"));
            assert_eq!(attrs.len(), table.columns.len(), "{label}: {model}'s columns");
            let pk: Vec<&str> =
                table.primary_key.iter().flat_map(|pk| pk.columns.iter().map(|c| c.name.as_str())).collect();
            for (column, attr) in table.columns.values().zip(attrs) {
                assert_eq!(attr[1], column.field, "{label}: {model}'s fields in order");
                let keys = attr.get(2).map(String::as_str).unwrap_or("");
                assert_eq!(
                    keys.split(',').any(|k| k == "PK"),
                    pk.contains(&column.name.as_str()),
                    "{label}: {model}.{} PK",
                    column.field
                );
                let fk = table.foreign_keys.iter().any(|f| f.columns.contains(&column.name));
                if fk {
                    assert!(keys.split(',').any(|k| k == "FK"), "{label}: {model}.{} FK", column.field);
                }
                assert_eq!(attr[0].ends_with("[]"), column.array, "{label}: {model}.{} list", column.field);
            }
        }
        for e in schema.enums.values() {
            let attrs = entities.get(&e.schema_name).unwrap_or_else(|| panic!("{label}: no enum {}", e.schema_name));
            let values: Vec<&str> = attrs.iter().map(|a| a[1].as_str()).collect();
            let want: Vec<&str> = e.values.iter().map(|v| v.schema_name.as_str()).collect();
            assert_eq!(values, want, "{label}: enum {}", e.schema_name);
        }
        assert_eq!(entities.len(), expected_entities + schema.enums.len(), "{label}: no other entity");

        // Relation by relation: each foreign-key-holding relation field once, each many-to-many once.
        let mut lines = mermaid_relations(&text);
        for table in schema.tables.values().chain(schema.views.values()) {
            let Some(model) = &table.model else { continue };
            for r in &table.relations {
                let Some(target) = model_of(&schema, &r.target) else { continue };
                let (left, right, many_to_many) = match &r.kind {
                    RelationKind::Holds { columns, .. } => {
                        let optional = columns.iter().any(|c| table.columns[c].nullable);
                        (target.clone(), model.clone(), (optional, false))
                    }
                    RelationKind::ManyToMany { own, .. } if own == "A" => {
                        (model.clone(), target.clone(), (false, true))
                    }
                    _ => continue,
                };
                let at = lines
                    .iter()
                    .position(|(l, card, rt)| {
                        *l == left
                            && *rt == right
                            && if many_to_many.1 {
                                card == "}o..o{"
                            } else {
                                card.starts_with(if many_to_many.0 { "|o" } else { "||" })
                            }
                    })
                    .unwrap_or_else(|| panic!("{label}: no relation {left} -> {right} ({}):\n{text}", r.field));
                lines.remove(at);
            }
        }
        assert!(lines.is_empty(), "{label}: relations no field explains: {lines:?}");
    }
}

#[test]
fn mermaid_of_the_test_schemas_as_written() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "prisma") {
            continue;
        }
        let text = Diagram::from_schema(&load(&path)).render(Format::Mermaid).unwrap();
        let expected = path.with_extension("mmd");
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            std::fs::write(&expected, &text).unwrap();
        }
        let want = std::fs::read_to_string(&expected).unwrap_or_else(|e| panic!("{}: {e}", expected.display()));
        assert_eq!(text, want, "{} (UPDATE_EXPECT=1 rewrites it)", expected.display());
        checked += 1;
    }
    assert!(checked > 0);
}

/// A box: `translate(x,y)` of the group and its first rect's size.
fn boxes(doc: &roxmltree::Document<'_>, class: &str) -> Vec<(String, f64, f64, f64, f64)> {
    doc.descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class").is_some_and(|c| c.split(' ').any(|c| c == class)))
        .map(|g| {
            let t = g.attribute("transform").expect("a box is placed by translate");
            let xy = t.trim_start_matches("translate(").trim_end_matches(')');
            let (x, y) = xy.split_once(',').unwrap();
            let rect = g.children().find(|c| c.has_tag_name("rect")).expect("a box has a rect");
            let num = |s: Option<&str>| s.unwrap().parse::<f64>().unwrap();
            let name = g.attribute("data-model").or(g.attribute("data-enum")).unwrap().to_string();
            (name, x.parse().unwrap(), y.parse().unwrap(), num(rect.attribute("width")), num(rect.attribute("height")))
        })
        .collect()
}

fn assert_no_overlap(label: &str, all: &[(String, f64, f64, f64, f64)]) {
    // Sorted by x, each box compared with those that start before it ends.
    let mut sorted: Vec<&(String, f64, f64, f64, f64)> = all.iter().collect();
    sorted.sort_by(|a, b| a.1.total_cmp(&b.1));
    for (i, a) in sorted.iter().enumerate() {
        for b in &sorted[i + 1..] {
            if b.1 >= a.1 + a.3 {
                break;
            }
            let overlap = a.1 < b.1 + b.3 && b.1 < a.1 + a.3 && a.2 < b.2 + b.4 && b.2 < a.2 + a.4;
            assert!(!overlap, "{label}: boxes {} and {} overlap: {a:?} {b:?}", a.0, b.0);
        }
    }
}

#[test]
fn svg_is_xml_with_a_label_for_every_model_and_no_overlapping_boxes() {
    for (label, path) in schemas() {
        let schema = load(&path);
        let diagram = Diagram::from_schema(&schema);
        let svg = diagram.render(Format::Svg).unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{label}: not XML: {e}"));
        let models = boxes(&doc, "model");
        let mut names: Vec<&str> = models.iter().map(|m| m.0.as_str()).collect();
        names.sort_unstable();
        let mut want: Vec<&str> =
            schema.tables.values().chain(schema.views.values()).filter_map(|t| t.model.as_deref()).collect();
        want.sort_unstable();
        assert_eq!(names, want, "{label}: a box per model");
        // Each box's title is the model's name.
        for g in doc.descendants().filter(|n| n.attribute("data-model").is_some()) {
            let title = g
                .descendants()
                .find(|n| n.attribute("class") == Some("name"))
                .and_then(|n| n.text())
                .unwrap_or_else(|| panic!("{label}: a box without a label"));
            assert_eq!(title.trim(), g.attribute("data-model").unwrap(), "{label}");
        }
        let enums = boxes(&doc, "enum");
        assert_eq!(enums.len(), schema.enums.len(), "{label}: a box per enum");
        let all: Vec<_> = models.into_iter().chain(enums).collect();
        assert_no_overlap(&label, &all);
        // Every box inside the picture.
        let svg_node = doc.root_element();
        let (w, h): (f64, f64) = (
            svg_node.attribute("width").unwrap().parse().unwrap(),
            svg_node.attribute("height").unwrap().parse().unwrap(),
        );
        for b in &all {
            assert!(
                b.1 >= 0.0 && b.2 >= 0.0 && b.1 + b.3 <= w + 0.5 && b.2 + b.4 <= h + 0.5,
                "{label}: {b:?} outside {w}x{h}"
            );
        }
        // A path per relation, none empty.
        let paths: Vec<_> = doc.descendants().filter(|n| n.attribute("data-parent").is_some()).collect();
        assert_eq!(paths.len(), diagram.relations.len(), "{label}");
        assert!(paths.iter().all(|p| p.attribute("d").is_some_and(|d| d.starts_with("M "))), "{label}");
    }
}

#[test]
fn html_is_one_well_formed_page_with_every_model_and_no_network() {
    for (label, path) in schemas() {
        let schema = load(&path);
        let diagram = Diagram::from_schema(&schema);
        let html = diagram.render(Format::Html).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>"), "{label}");
        for e in &diagram.entities {
            assert!(html.contains(&format!("data-model=\"{}\"", e.name)), "{label}: {}", e.name);
        }
        // Self-contained: no script, style or image is fetched.
        for fetch in ["src=\"http", "href=\"http", "src=\"//", "@import", "url(http"] {
            assert!(!html.contains(fetch), "{label}: {fetch}");
        }
        // The SVG inside is well-formed XML.
        let start = html.find("<svg").unwrap();
        let end = html.rfind("</svg>").unwrap() + "</svg>".len();
        roxmltree::Document::parse(&html[start..end]).unwrap_or_else(|e| panic!("{label}: {e}"));
    }
}

#[test]
fn around_a_model_keeps_its_neighbours_to_the_depth_asked() {
    let diagram = Diagram::from_schema(&load(&root().join("schema/schema.prisma")));
    let names = |d: &Diagram| {
        let mut n: Vec<String> = d.entities.iter().map(|e| e.name.clone()).collect();
        n.sort();
        n
    };
    assert_eq!(names(&diagram.around("Customer", 0).unwrap()), ["Customer"]);
    assert_eq!(names(&diagram.around("Customer", 1).unwrap()), ["Customer", "CustomerProfile", "Order"]);
    let two = diagram.around("customer", 2).unwrap();
    assert_eq!(names(&two), ["Customer", "CustomerProfile", "Order", "OrderItem"]);
    // Only the relations between the kept models, and the enums they use.
    assert_eq!(two.relations.len(), 3);
    let enums: Vec<&str> = two.enums.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(enums, ["OrderStatus", "Role"]);
    let text = two.render(Format::Mermaid).unwrap();
    assert!(!text.contains("Product {"), "{text}");

    let err = diagram.around("Custmer", 1).unwrap_err().to_string();
    assert!(err.contains("no model named `Custmer`") && err.contains("did you mean Customer"), "{err}");
    let err = diagram.around("Zebra", 1).unwrap_err().to_string();
    assert!(err.contains("its models: Customer"), "{err}");
}

#[test]
fn namespaces_are_grouped() {
    let schema = load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/namespaces.prisma"));
    let diagram = Diagram::from_schema(&schema);
    let mermaid = diagram.render(Format::Mermaid).unwrap();
    let auth = mermaid.find("%% schema auth").unwrap();
    let shop = mermaid.find("%% schema shop").unwrap();
    assert!(auth < mermaid.find("Account {").unwrap() && mermaid.find("Profile {").unwrap() < shop);
    assert!(shop < mermaid.find("Order {").unwrap());
    // In the SVG, a frame per namespace holding its models' boxes.
    let svg = diagram.render(Format::Svg).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let frames: HashMap<&str, (f64, f64, f64, f64)> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("frame"))
        .map(|g| {
            let r = g.children().find(|c| c.has_tag_name("rect")).unwrap();
            let n = |a: &str| r.attribute(a).unwrap().parse::<f64>().unwrap();
            (g.attribute("data-namespace").unwrap(), (n("x"), n("y"), n("width"), n("height")))
        })
        .collect();
    assert_eq!(frames.len(), 2);
    for (name, x, y, w, h) in boxes(&doc, "model") {
        let ns = diagram.entities.iter().find(|e| e.name == name).unwrap().namespace.clone().unwrap();
        let f = frames[ns.as_str()];
        assert!(x >= f.0 && y >= f.1 && x + w <= f.0 + f.2 && y + h <= f.1 + f.3, "{name} outside frame {ns}");
    }
    let dot = diagram.render(Format::Dot).unwrap();
    assert!(dot.contains("subgraph cluster_0 {\n        label=\"auth\""), "{dot}");
}

#[test]
fn a_large_schema_is_laid_out_without_overlaps() {
    // tests/models-check's gen-schema 300 is in `schemas()`; this one is larger and denser.
    let out = std::process::Command::new(root().join("../shared/tools/gen-schema"))
        .args(["500", "--seed", "11"])
        .output()
        .expect("gen-schema runs (python3)");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let checked = refract_schema::check(&text);
    let diagram = Diagram::from_schema(&checked.schema);
    let svg = diagram.render(Format::Svg).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let all = boxes(&doc, "model");
    assert_eq!(all.len(), 500);
    assert_no_overlap("gen-schema 500", &all);
}

#[test]
fn the_readmes_picture_is_the_demo_schema_drawn_now() {
    let svg = Diagram::from_schema(&load(&root().join("schema/schema.prisma"))).render(Format::Svg).unwrap();
    let committed = std::fs::read_to_string(root().join("docs/schema.svg")).unwrap();
    assert!(svg == committed, "docs/schema.svg is stale: refract erd --schema schema/schema.prisma -o docs/schema.svg");
}
