use refract_diagnostics::{SourceFile, render};

use crate::{Outcome, OutputFormat, SchemaArg};

/// Rewrite the schema in place, or with `--check` only report whether it would change. A folder
/// schema is formatted file by file (as `prisma format` does): each file keeps its own blocks.
pub fn run(arg: &SchemaArg, check: bool, format: OutputFormat) -> Outcome {
    let sources = match super::read_schema(arg) {
        Ok(s) => s,
        Err(outcome) => return outcome,
    };
    // Every file is looked at before the exit status is decided, so one run names every file to fix.
    let mut outcome = Outcome::Ok;
    for file in sources.files() {
        outcome = worst(outcome, format_file(file, check, format));
    }
    outcome
}

fn worst(a: Outcome, b: Outcome) -> Outcome {
    match (a, b) {
        (Outcome::Usage, _) | (_, Outcome::Usage) => Outcome::Usage,
        (Outcome::Failed, _) | (_, Outcome::Failed) => Outcome::Failed,
        _ => Outcome::Ok,
    }
}

fn format_file(file: &SourceFile, check: bool, format: OutputFormat) -> Outcome {
    let formatted = match refract_schema::format(&file.text) {
        Ok(s) => s,
        Err(diagnostics) => {
            eprint!("{}", render(file, &diagnostics, format.diagnostics()));
            eprintln!("{}: not formatted: fix the syntax errors first", file.path);
            return Outcome::Failed;
        }
    };
    // CRLF files are compared and written with LF: the canonical layout has one line ending.
    if formatted == file.text {
        if !check {
            eprintln!("{}: already formatted", file.path);
        }
        return Outcome::Ok;
    }
    if check {
        eprintln!("{}: not formatted (run `refract format` to fix)", file.path);
        return Outcome::Failed;
    }
    if let Err(e) = std::fs::write(&file.path, formatted) {
        eprintln!("error: cannot write {}: {e}", file.path);
        return Outcome::Usage;
    }
    eprintln!("{}: formatted", file.path);
    Outcome::Ok
}
