//! `refract db pull`: write the schema file from what the database holds.
//!
//! The file's datasource and generator blocks are kept, and so are the names it already gives the
//! tables, columns and enums it describes; everything else comes from the database (see
//! `refract_schema::print`). Objects the schema language cannot express are listed, not lost silently.

use std::path::PathBuf;

use refract_diagnostics::{SourceFile, render};
use refract_schema::ast::{BlockKind, TopItem};
use refract_schema::print;

use super::project::{Project, ProjectArgs};
use crate::database::{Embedded, Work};
use crate::{Outcome, OutputFormat};

pub fn run(args: &ProjectArgs, print_only: bool) -> Outcome {
    super::finish(pull(args, print_only))
}

fn pull(args: &ProjectArgs, print_only: bool) -> Result<Outcome, String> {
    let project = Project::load(args)?;
    // A project without a schema yet gets one where refract looks first.
    let path = project.schema_path().unwrap_or_else(|_| PathBuf::from("schema/schema.prisma"));
    let existing = std::fs::read_to_string(&path).ok();
    let (preamble, previous) = match &existing {
        Some(text) => kept_parts(text),
        None => (None, None),
    };
    let url = project.database(Embedded::Refused, Work::Read)?;
    let live = refract_engine::shadow::live(&url).map_err(|e| e.to_string())?;
    if live.schema.tables.is_empty() && live.schema.enums.is_empty() {
        return Err(format!("the database has no tables or enums in schema `{}`; nothing to write", url.namespace));
    }
    let preamble = preamble.unwrap_or_else(|| print::default_preamble(&live.schema));
    let printed = print::print(&live.schema, &preamble, previous.as_ref());
    for note in &printed.notes {
        eprintln!("note: {note}");
    }
    if !live.unmanaged.is_empty() {
        eprintln!("note: the schema language cannot describe these objects; they stay in the database as they are:");
        for u in &live.unmanaged {
            eprintln!("  - {} {}", u.kind, u.name);
        }
    }
    // What was written must read back; say so at once if it does not.
    let checked = refract_schema::check(&printed.text);
    if print_only {
        print!("{}", printed.text);
    } else {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        std::fs::write(&path, &printed.text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        println!(
            "Introspected {} models and {} enums into {}.",
            printed.models,
            live.schema.enums.len(),
            path.display()
        );
    }
    if checked.has_errors() {
        let file = SourceFile::new(path.display().to_string(), printed.text.clone());
        eprint!("{}", render(&file, &checked.diagnostics, OutputFormat::Human.diagnostics()));
        eprintln!("error: the introspected schema does not validate; fix the lines above");
        return Ok(Outcome::Failed);
    }
    Ok(Outcome::Ok)
}

/// From the schema being replaced: its datasource and generator blocks (with the comments just above
/// them), and its IR when it is valid.
fn kept_parts(text: &str) -> (Option<String>, Option<refract_schema::Checked<'_>>) {
    let checked = refract_schema::check(text);
    let mut preamble = String::new();
    let mut comments = String::new();
    for item in &checked.ast.items {
        match item {
            TopItem::Comment(c) => {
                comments.push_str(c.text);
                comments.push('\n');
            }
            TopItem::Block(b) if matches!(b.kind, BlockKind::Datasource | BlockKind::Generator) => {
                preamble.push_str(&comments);
                preamble.push_str(&text[b.span.range()]);
                preamble.push_str("\n\n");
                comments.clear();
            }
            TopItem::BlankLine if comments.is_empty() => {}
            _ => comments.clear(),
        }
    }
    let preamble = (!preamble.is_empty()).then_some(preamble);
    (preamble, (!checked.has_errors()).then_some(checked))
}
