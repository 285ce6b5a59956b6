//! Draws a schema and says how long each part took: `cargo run -p refract-erd --release --example draw
//! -- SCHEMA [mermaid|dot|svg|html] > out`. The time to read the schema is not counted.

use std::time::Instant;

use refract_erd::{Diagram, Format};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: draw SCHEMA [mermaid|dot|svg|html]");
    let format = match args.next().as_deref() {
        Some("mermaid") => Format::Mermaid,
        Some("dot") => Format::Dot,
        Some("html") => Format::Html,
        _ => Format::Svg,
    };
    let sources = refract_schema::read_sources(std::path::Path::new(&path)).expect("a readable schema");
    let checked = refract_schema::check_sources(&sources);
    assert!(!checked.has_errors(), "the schema has errors");
    let start = Instant::now();
    let diagram = Diagram::from_schema(&checked.schema);
    let out = diagram.render(format).expect("a drawing");
    let took = start.elapsed();
    print!("{out}");
    eprintln!(
        "{} models, {} relations: {format:?} in {:.1} ms",
        diagram.entities.len(),
        diagram.relations.len(),
        took.as_secs_f64() * 1000.0
    );
}
