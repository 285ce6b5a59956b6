//! `refract erd` through the binary, on the repository's schemas: the formats and where they go, Graphviz
//! accepting the dot output (`dot -Tsvg`), the HTML page in a real headless Chromium (every model in
//! the rendered DOM, no script error, the search narrowing what is shown, a model's fields on click),
//! `--model`/`--depth` and its errors. Graphviz and Chromium are Debian's (`.ci/run` installs them).

use std::path::{Path, PathBuf};
use std::process::Command;

use refract_e2e::{Cli, Scratch, output_text, root, shared};

fn cli() -> Cli {
    Cli::new(env!("CARGO_BIN_EXE_refract"), &root())
}

/// The schemas drawn here: the demo's, the multi-file one, views and the shared examples.
fn schemas() -> Vec<PathBuf> {
    let mut out = vec![
        root().join("schema/schema.prisma"),
        root().join("tests/models-check/schemas/multi-file"),
        root().join("tests/models-check/schemas/views.prisma"),
        root().join("tests/models-check/schemas/hoppscotch.prisma"),
        root().join("crates/erd/tests/data/namespaces.prisma"),
    ];
    for example in ["basket/schema.prisma", "trading/v2.prisma", "wedefi/schema.prisma"] {
        out.push(shared().join("examples").join(example));
    }
    out
}

fn models_of(path: &Path) -> Vec<String> {
    let sources = refract_schema::read_sources(path).unwrap();
    let checked = refract_schema::check_sources(&sources);
    checked.schema.tables.values().chain(checked.schema.views.values()).filter_map(|t| t.model.clone()).collect()
}

#[test]
fn mermaid_by_default_and_the_format_from_the_file_name() {
    let out = cli().ok(&["erd", "--schema", "schema/schema.prisma"]);
    assert!(out.starts_with("erDiagram\n"), "{out}");
    assert!(out.contains("    Customer ||--o{ Order : \"orders / customer\"\n"), "{out}");
    assert!(
        out.contains("    Category }o..o{ Product : \"products / categories (many-to-many, _CategoryToProduct)\"\n"),
        "{out}"
    );

    let scratch = Scratch::new("erd-files");
    for (file, starts) in
        [("d.svg", "<svg"), ("d.html", "<!DOCTYPE html>"), ("d.dot", "digraph"), ("d.mmd", "erDiagram")]
    {
        let path = scratch.path().join(file);
        let said = cli().ok(&["erd", "--schema", "schema/schema.prisma", "-o", path.to_str().unwrap()]);
        assert!(said.contains("Wrote") && said.contains("6 models"), "{said}");
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with(starts), "{file}: {}", &text[..40.min(text.len())]);
    }
    // --format wins over the extension.
    let path = scratch.path().join("x.svg");
    cli().ok(&["erd", "--schema", "schema/schema.prisma", "--format", "dot", "-o", path.to_str().unwrap()]);
    assert!(std::fs::read_to_string(&path).unwrap().starts_with("digraph"));
}

#[test]
fn graphviz_accepts_the_dot_output() {
    for schema in schemas() {
        let dot = cli().ok(&["erd", "--format", "dot", "--schema", schema.to_str().unwrap()]);
        let scratch = Scratch::new("erd-dot");
        let file = scratch.file("schema.dot", &dot);
        let out = Command::new("dot")
            .arg("-Tsvg")
            .arg(&file)
            .output()
            .expect("Graphviz's `dot` runs (Debian's graphviz; .ci/run installs it)");
        assert!(out.status.success(), "{}: dot refused it:\n{}\n{dot}", schema.display(), output_text(&out));
        let svg = String::from_utf8(out.stdout).unwrap();
        let options = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
        roxmltree::Document::parse_with_options(&svg, options).unwrap_or_else(|e| panic!("{}: {e}", schema.display()));
        for model in models_of(&schema) {
            assert!(svg.contains(&format!(">{model}<")), "{}: {model} not in Graphviz's drawing", schema.display());
        }
    }
}

#[test]
fn the_svg_is_xml_with_every_model() {
    for schema in schemas() {
        let svg = cli().ok(&["erd", "--format", "svg", "--schema", schema.to_str().unwrap()]);
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{}: {e}", schema.display()));
        let drawn: Vec<&str> = doc.descendants().filter_map(|n| n.attribute("data-model")).collect();
        let mut want = models_of(&schema);
        want.sort();
        let mut drawn: Vec<String> = drawn.into_iter().map(String::from).collect();
        drawn.sort();
        assert_eq!(drawn, want, "{}", schema.display());
    }
}

#[test]
fn around_one_model_and_a_name_the_schema_lacks() {
    let out = cli().ok(&["erd", "--schema", "schema/schema.prisma", "--model", "Customer", "--depth", "1"]);
    for (model, kept) in
        [("Customer", true), ("CustomerProfile", true), ("Order", true), ("Product", false), ("OrderItem", false)]
    {
        assert_eq!(out.contains(&format!("    {model} {{\n")), kept, "{model}:\n{out}");
    }
    let out = cli().ok(&["erd", "--schema", "schema/schema.prisma", "--model", "Customer"]);
    assert!(out.contains("    Order {\n") && !out.contains("OrderItem {"), "depth 1 by default:\n{out}");

    let out = cli().fails(&["erd", "--schema", "schema/schema.prisma", "--model", "Ordr"]);
    assert!(out.contains("error: the schema has no model named `Ordr`; did you mean Order"), "{out}");
    let out = cli().fails(&["erd", "--schema", "schema/schema.prisma", "--depth", "2"]);
    assert!(out.contains("--model"), "--depth needs --model: {out}");
    let out = cli().fails(&["erd", "--schema", "no/such.prisma"]);
    assert!(out.contains("error:") && !out.contains("panicked"), "{out}");
}

/// The page as headless Chromium renders it (`--dump-dom` after the page's script ran), opened with
/// `fragment` (`#q=Order`).
fn chromium_dom(page: &Path, fragment: &str) -> String {
    let profile = Scratch::new("erd-chromium");
    let url = format!("file://{}{fragment}", page.display());
    let out = Command::new("chromium")
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(["--virtual-time-budget=5000", "--dump-dom", &url])
        .output()
        .expect("Chromium runs (Debian's chromium; .ci/run installs it)");
    assert!(out.status.success(), "chromium failed:\n{}", output_text(&out));
    String::from_utf8(out.stdout).unwrap()
}

/// `name="value"` of the rendered `<body>`.
fn body_attribute(dom: &str, name: &str) -> Option<String> {
    let body = &dom[dom.find("<body")?..];
    let tag = &body[..body.find('>')?];
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(tag[at..at + tag[at..].find('"')?].to_string())
}

#[test]
fn the_html_page_works_in_headless_chromium() {
    let scratch = Scratch::new("erd-html");
    for schema in [root().join("schema/schema.prisma"), root().join("tests/models-check/schemas/gen-schema-300.prisma")]
    {
        let page = scratch.path().join("schema.html");
        cli().ok(&["erd", "--schema", schema.to_str().unwrap(), "-o", page.to_str().unwrap()]);
        let models = models_of(&schema);

        // As opened: the script ran to its end, with no error, and every model is in the DOM.
        let dom = chromium_dom(&page, "");
        assert_eq!(body_attribute(&dom, "data-ready").as_deref(), Some("true"), "the script did not finish");
        assert_eq!(body_attribute(&dom, "data-errors"), None, "script errors");
        assert!(dom.contains("<pre id=\"errors\" hidden=\"\"></pre>"), "script errors shown");
        for m in &models {
            assert!(dom.contains(&format!("data-model=\"{m}\"")), "{m} not rendered");
        }
        assert_eq!(body_attribute(&dom, "data-shown"), Some(models.len().to_string()), "all shown before a search");

        // A search narrows what is shown: the models found and their neighbours; the rest fade.
        let first = &models[0];
        let dom = chromium_dom(&page, &format!("#q={first}"));
        assert_eq!(body_attribute(&dom, "data-errors"), None);
        let hits: usize = body_attribute(&dom, "data-hits").unwrap().parse().unwrap();
        let shown: usize = body_attribute(&dom, "data-shown").unwrap().parse().unwrap();
        assert!(hits >= 1 && shown >= hits && shown < models.len(), "{first}: {hits} found, {shown} shown");
        let dimmed = dom.matches("class=\"model dim\"").count();
        assert_eq!(dimmed, models.len() - shown, "the models not shown are dimmed");
        assert!(dom.contains(&format!("<a href=\"#model={first}\">{first}</a>")), "{first} not listed");
        assert!(dom.contains("class=\"model hit\""));

        // A model's fields on click (the same handler a `#model=` link runs).
        let dom = chromium_dom(&page, &format!("#model={first}"));
        assert_eq!(body_attribute(&dom, "data-errors"), None);
        let details = &dom[dom.find("<section id=\"details\"").unwrap()..];
        let details = &details[..details.find("</section>").unwrap()];
        assert!(details.contains(&format!("data-model=\"{first}\"")) && !details.contains("hidden"), "{details}");
        let sources = refract_schema::read_sources(&schema).unwrap();
        let checked = refract_schema::check_sources(&sources);
        let table = checked.schema.tables.values().find(|t| t.model.as_deref() == Some(first.as_str())).unwrap();
        for c in table.columns.values() {
            assert!(
                details.contains(&format!("<td class=\"name\">{}</td>", c.field)),
                "{first}.{}:\n{details}",
                c.field
            );
        }
    }
}
