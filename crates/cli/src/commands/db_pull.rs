//! `refract db pull`: write the schema from what the database holds.
//!
//! The schema's datasource and generator blocks are kept, and so are the names it already gives the
//! tables, columns and enums it describes; everything else comes from the database (see
//! `refract_schema::print`). Objects the schema language cannot express are listed, not lost silently.
//!
//! Into a folder schema (multi-file), as Prisma does: each model and enum stays in the file it was in,
//! each file keeps its own datasource and generator blocks, and models and enums the schema did not
//! have go to `introspected.prisma` in the folder. A file left with nothing is written empty, not
//! deleted.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use refract_diagnostics::{SourceFile, SourceSet, render};
use refract_ir::Schema;
use refract_schema::Checked;
use refract_schema::ast::{Block, BlockKind, SchemaAst, TopItem};
use refract_schema::print;

use super::project::{Project, ProjectArgs};
use crate::database::{Embedded, Work};
use crate::{Outcome, OutputFormat};

/// Where Prisma's `db pull` puts the models and enums a folder schema did not have.
const NEW_OBJECTS_FILE: &str = "introspected.prisma";

/// `force`: the names and attributes the current schema gives are not kept (its datasource and
/// generator blocks are).
pub fn run(args: &ProjectArgs, print_only: bool, force: bool) -> Outcome {
    super::finish(pull(args, print_only, force))
}

fn pull(args: &ProjectArgs, print_only: bool, force: bool) -> Result<Outcome, String> {
    let project = Project::load(args)?;
    // A project without a schema yet gets one where refract looks first.
    let path = project.schema_path().unwrap_or_else(|_| PathBuf::from("schema/schema.prisma"));
    let folder = path.is_dir();
    let existing = if folder {
        // An empty folder is a new schema: it gets a `schema.prisma`.
        match refract_schema::schema_files(&path)?.is_empty() {
            true => None,
            false => Some(refract_schema::read_sources(&path)?),
        }
    } else {
        std::fs::read_to_string(&path)
            .ok()
            .map(|text| SourceSet::single(SourceFile::new(path.display().to_string(), text)))
    };
    let checked = existing.as_ref().map(refract_schema::check_sources);
    let url = project.database(Embedded::Refused, Work::Read)?;
    let live = refract_engine::shadow::live(&url).map_err(|e| e.to_string())?;
    if live.schema.tables.is_empty() && live.schema.enums.is_empty() && live.schema.views.is_empty() {
        return Err(format!(
            "the database has no tables, views or enums in schema `{}`; nothing to write",
            url.namespace
        ));
    }
    let kept = match (&existing, &checked) {
        (Some(sources), Some(checked)) => Kept::new(sources, &checked.ast),
        _ => Kept::default(),
    };
    let previous = checked.as_ref().filter(|c| !force && !c.has_errors());
    let files = if folder {
        into_files(&path, &live.schema, existing.as_ref(), &kept, previous)
    } else {
        let preamble =
            kept.preambles.first().cloned().flatten().unwrap_or_else(|| print::default_preamble(&live.schema));
        let printed = print::print(&live.schema, &preamble, previous);
        Printed { files: vec![(path.clone(), printed.text)], notes: printed.notes, models: printed.models }
    };
    for note in &files.notes {
        eprintln!("note: {note}");
    }
    if !live.unmanaged.is_empty() {
        eprintln!("note: the schema language cannot describe these objects; they stay in the database as they are:");
        for u in &live.unmanaged {
            eprintln!("  - {} {}", u.kind, u.name);
        }
    }
    // What was written must read back; say so at once if it does not.
    let written = match files.files.as_slice() {
        [(file, text)] if !folder => SourceSet::single(SourceFile::new(file.display().to_string(), text.clone())),
        _ => SourceSet::new(
            path.display().to_string(),
            files.files.iter().map(|(file, text)| SourceFile::new(file.display().to_string(), text.clone())).collect(),
        ),
    };
    let checked = refract_schema::check_sources(&written);
    if print_only {
        for (file, text) in &files.files {
            if folder {
                println!("// {}", file.display());
            }
            print!("{text}");
        }
    } else {
        let mut changed = 0;
        for (file, text) in &files.files {
            if std::fs::read_to_string(file).is_ok_and(|old| old == *text) {
                continue;
            }
            if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            }
            std::fs::write(file, text).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
            changed += 1;
        }
        let views = write_view_definitions(&path, &checked.schema, &live.view_definitions, &url.namespace)?;
        let files_note = match folder {
            true => format!(" ({changed} of {} files written)", files.files.len()),
            false => String::new(),
        };
        let views_note = match checked.schema.views.len() {
            0 => String::new(),
            n => format!(", {n} views"),
        };
        println!(
            "Introspected {} models{views_note} and {} enums into {}{files_note}.",
            files.models,
            live.schema.enums.len(),
            path.display()
        );
        if let Some(dir) = views {
            println!("View definitions are in {} (for reading: migrations do not use them).", dir.display());
        }
    }
    if checked.has_errors() {
        eprint!("{}", render(&written, &checked.diagnostics, OutputFormat::Human.diagnostics()));
        eprintln!("error: the introspected schema does not validate; fix the lines above");
        return Ok(Outcome::Failed);
    }
    Ok(Outcome::Ok)
}

/// Each printed view's SQL into `views/<database schema>/<view name>.sql` beside the schema, formatted,
/// as Prisma's `db pull` writes them; `.sql` files there that no view has any more are removed. The
/// folder, when there are views.
fn write_view_definitions(
    schema_path: &Path,
    printed: &Schema,
    definitions: &indexmap::IndexMap<String, String>,
    default_namespace: &str,
) -> Result<Option<PathBuf>, String> {
    let dir = schema_path.parent().unwrap_or(Path::new(".")).join("views");
    let mut written = Vec::new();
    for (key, view) in &printed.views {
        let (Some(definition), Some(name)) = (definitions.get(key), &view.model) else { continue };
        let namespace = view.namespace.as_deref().unwrap_or(default_namespace);
        let file = dir.join(namespace).join(format!("{name}.sql"));
        let options = sqlformat::FormatOptions { uppercase: Some(true), ..Default::default() };
        let text = sqlformat::format(definition, &sqlformat::QueryParams::None, &options) + "\n";
        std::fs::create_dir_all(file.parent().expect("joined"))
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        if std::fs::read_to_string(&file).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&file, text).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
        }
        written.push(file);
    }
    // Stale definitions go, and the folders they leave empty.
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let sub = entry.path();
        if !sub.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&sub).into_iter().flatten().flatten().map(|e| e.path()) {
            if file.extension().is_some_and(|e| e == "sql") && !written.contains(&file) {
                let _ = std::fs::remove_file(&file);
            }
        }
        let _ = std::fs::remove_dir(&sub);
    }
    let _ = std::fs::remove_dir(&dir);
    Ok((!written.is_empty()).then_some(dir))
}

/// The files to write, each with its text.
struct Printed {
    files: Vec<(PathBuf, String)>,
    notes: Vec<String>,
    models: usize,
}

/// What the schema being replaced keeps: per file, its datasource and generator blocks (with the
/// comments just above them); and which file each model and enum was in.
#[derive(Default)]
struct Kept {
    preambles: Vec<Option<String>>,
    homes: HashMap<(&'static str, String), usize>,
}

impl Kept {
    fn new(sources: &SourceSet, ast: &SchemaAst<'_>) -> Kept {
        let text = sources.text();
        let mut preambles: Vec<String> = vec![String::new(); sources.files().len()];
        let mut homes = HashMap::new();
        let mut comments = String::new();
        for item in &ast.items {
            match item {
                TopItem::Comment(c) => {
                    comments.push_str(c.text);
                    comments.push('\n');
                }
                TopItem::Block(b) if matches!(b.kind, BlockKind::Datasource | BlockKind::Generator) => {
                    let preamble = &mut preambles[sources.index_at(b.span.start())];
                    preamble.push_str(&comments);
                    preamble.push_str(&text[b.span.range()]);
                    preamble.push_str("\n\n");
                    comments.clear();
                }
                TopItem::Block(b) => {
                    homes
                        .entry((b.kind.keyword(), b.name.name.to_string()))
                        .or_insert(sources.index_at(b.span.start()));
                    comments.clear();
                }
                // A file starts after a blank line (see `parse_files`), so comments never cross files.
                TopItem::BlankLine if comments.is_empty() => {}
                _ => comments.clear(),
            }
        }
        let preambles = preambles.into_iter().map(|p| (!p.is_empty()).then_some(p)).collect();
        Kept { preambles, homes }
    }
}

/// The printed schema cut into the files of a folder: each model and enum where it was, new ones in
/// `introspected.prisma` (as Prisma's `db pull` does), each file formatted on its own.
fn into_files(
    folder: &Path,
    live: &Schema,
    existing: Option<&SourceSet>,
    kept: &Kept,
    previous: Option<&Checked<'_>>,
) -> Printed {
    let mut paths: Vec<PathBuf> =
        existing.map_or_else(Vec::new, |s| s.files().iter().map(|f| PathBuf::from(&f.path)).collect());
    let mut bodies: Vec<String> = kept.preambles.iter().map(|p| p.clone().unwrap_or_default()).collect();
    bodies.resize(paths.len(), String::new());
    if paths.is_empty() {
        // A new schema: one file, with a datasource.
        paths.push(folder.join("schema.prisma"));
        bodies.push(print::default_preamble(live));
    }
    let preambles: String = kept.preambles.iter().flatten().map(String::as_str).collect();
    let printed = print::print_with(live, "", previous, print::enables_views(&preambles));
    let parsed = refract_schema::parse(&printed.text);
    let mut pending = String::new();
    for item in &parsed.ast.items {
        match item {
            TopItem::Comment(c) => {
                pending.push_str(c.text);
                pending.push('\n');
            }
            TopItem::Block(b) => {
                let home = kept.homes.get(&(b.kind.keyword(), b.name.name.to_string())).copied();
                let home =
                    home.unwrap_or_else(|| new_objects_file(folder, &mut paths, &mut bodies, existing.is_none()));
                let body = &mut bodies[home];
                body.push_str("\n\n");
                body.push_str(&pending);
                body.push_str(block_text(&printed.text, b));
                pending.clear();
            }
            _ => {}
        }
    }
    let files = paths
        .into_iter()
        .zip(bodies)
        .map(|(path, body)| {
            let text = refract_schema::format(&body).unwrap_or(body);
            (path, text)
        })
        .collect::<Vec<_>>();
    let mut files = files;
    // The order a folder is read in (see `refract_schema::files`).
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Printed { files, notes: printed.notes, models: printed.models }
}

/// The index of the file new models and enums go to, added when the folder does not have it. A new
/// schema (an empty folder) gets them in its one file.
fn new_objects_file(folder: &Path, paths: &mut Vec<PathBuf>, bodies: &mut Vec<String>, new_schema: bool) -> usize {
    if new_schema {
        return 0;
    }
    let path = folder.join(NEW_OBJECTS_FILE);
    if let Some(i) = paths.iter().position(|p| *p == path) {
        return i;
    }
    paths.push(path);
    bodies.push(String::new());
    paths.len() - 1
}

/// A block as printed, with the comment after its closing brace.
fn block_text<'t>(text: &'t str, b: &Block<'_>) -> &'t str {
    let end = b.close_comment.as_ref().map_or(b.span.end(), |c| c.span.end().max(b.span.end()));
    &text[b.span.start()..end]
}
