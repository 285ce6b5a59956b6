//! `refract erd`: a picture of the schema (Mermaid, Graphviz dot, SVG or a self-contained HTML page),
//! of the whole schema or of the part around one model. The drawing is `refract-erd`'s; this reads the
//! schema, picks the format and writes the result.

use std::path::{Path, PathBuf};

use clap::ValueEnum;
use refract_erd::{Diagram, Format};

use crate::{Outcome, SchemaArg};

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErdFormat {
    /// Mermaid `erDiagram`, which GitHub renders in Markdown.
    Mermaid,
    /// Graphviz input (`dot -Tsvg`).
    Dot,
    /// An SVG drawn by refract itself.
    Svg,
    /// One self-contained HTML page: the SVG, a search box, each model's fields on click.
    Html,
}

pub struct ErdArgs {
    pub format: Option<ErdFormat>,
    pub output: Option<PathBuf>,
    pub model: Option<String>,
    pub depth: Option<usize>,
}

/// The format a file name asks for (`schema.svg`), when none is given.
fn from_extension(path: &Path) -> Option<ErdFormat> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "mmd" | "mermaid" | "md" => Some(ErdFormat::Mermaid),
        "dot" | "gv" => Some(ErdFormat::Dot),
        "svg" => Some(ErdFormat::Svg),
        "html" | "htm" => Some(ErdFormat::Html),
        _ => None,
    }
}

pub fn run(schema: &SchemaArg, args: &ErdArgs) -> Outcome {
    let path = match schema.resolve() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return Outcome::Usage;
        }
    };
    // Diagnostics go to stderr; a schema with errors draws nothing.
    let ir = match super::load_schema(&path) {
        Ok(ir) => ir,
        Err(message) if message.is_empty() => return Outcome::Failed,
        Err(message) => {
            eprintln!("error: {message}");
            return Outcome::Usage;
        }
    };
    let format = args.format.or_else(|| args.output.as_deref().and_then(from_extension)).unwrap_or(ErdFormat::Mermaid);
    let format = match format {
        ErdFormat::Mermaid => Format::Mermaid,
        ErdFormat::Dot => Format::Dot,
        ErdFormat::Svg => Format::Svg,
        ErdFormat::Html => Format::Html,
    };
    let mut diagram = Diagram::from_schema(&ir);
    if let Some(model) = &args.model {
        diagram = match diagram.around(model, args.depth.unwrap_or(1)) {
            Ok(d) => d,
            Err(e) => return super::output::fail(e),
        };
    }
    let text = match diagram.render(format) {
        Ok(text) => text,
        Err(e) => return super::output::fail(e),
    };
    match &args.output {
        Some(file) => match std::fs::write(file, text) {
            Ok(()) => {
                eprintln!(
                    "Wrote {} ({} models, {} relations, {} enums)",
                    file.display(),
                    diagram.entities.len(),
                    diagram.relations.len(),
                    diagram.enums.len()
                );
                Outcome::Ok
            }
            Err(e) => super::output::fail(format!("cannot write {}: {e}", file.display())),
        },
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            // A reader that closes early (`| head`) ends the command quietly.
            let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
            Outcome::Ok
        }
    }
}
