use refract_diagnostics::render;

use crate::{Outcome, OutputFormat, SchemaArg};

/// Rewrite the schema in place, or with `--check` only report whether it would change.
pub fn run(arg: &SchemaArg, check: bool, format: OutputFormat) -> Outcome {
    let file = match super::read_schema(arg) {
        Ok(f) => f,
        Err(outcome) => return outcome,
    };
    let formatted = match refract_schema::format(&file.text) {
        Ok(s) => s,
        Err(diagnostics) => {
            eprint!("{}", render(&file, &diagnostics, format.diagnostics()));
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
