//! How a command's failure is printed and how it asks a question: shared by every command module.

use std::io::{BufRead, IsTerminal, Write};

use crate::{Outcome, OutputFormat};

/// Prints an engine error the same way everywhere; errors are the user's to act on: exit 1.
pub fn fail(error: impl std::fmt::Display) -> Outcome {
    eprintln!("error: {error}");
    Outcome::Failed
}

/// A failure as `format` asks: `error: ...` on stderr, or one JSON document on stdout (CI tools read
/// it) naming the error; exit 1 either way.
pub fn fail_as(format: OutputFormat) -> impl Fn(&dyn std::fmt::Display) -> Outcome {
    move |error| {
        if format == OutputFormat::Json {
            let doc = serde_json::json!({ "ok": false, "error": error.to_string() });
            println!("{}", serde_json::to_string_pretty(&doc).expect("json values serialise"));
            Outcome::Failed
        } else {
            fail(error)
        }
    }
}

/// Asks on a terminal; with no terminal, refuses (use --force), as Prisma does.
pub(super) fn confirm(question: &str) -> Result<bool, Outcome> {
    if !std::io::stdin().is_terminal() {
        eprintln!("error: {question}\n  refusing without a terminal to ask on; pass --force");
        return Err(Outcome::Failed);
    }
    eprint!("{question} [y/N] ");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer).map_err(fail)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes"))
}
