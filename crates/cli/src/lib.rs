//! The `refract` command line. `main` parses arguments; each command lives in its own module and
//! returns an [`Outcome`], so xtask and tests run exactly what a user runs.

mod commands;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(name = "refract", version, about = "Prisma-compatible schemas and migrations for PostgreSQL, in Rust")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check a schema: exit 0 when valid, 1 when it has errors, 2 when it cannot be read.
    Validate {
        #[command(flatten)]
        schema: SchemaArg,
        /// How to print diagnostics.
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
        /// Print the IR (JSON) of a valid schema on stdout.
        #[arg(long)]
        print_ir: bool,
    },
    /// Rewrite a schema in canonical layout (like `prisma format`), keeping every comment.
    Format {
        #[command(flatten)]
        schema: SchemaArg,
        /// Do not write: exit 1 if the file is not formatted.
        #[arg(long)]
        check: bool,
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
    },
}

#[derive(clap::Args, Debug, Clone)]
pub struct SchemaArg {
    /// The schema file (default: schema/schema.prisma, else prisma/schema.prisma).
    #[arg(long, value_name = "PATH")]
    pub schema: Option<PathBuf>,
}

impl SchemaArg {
    /// The schema path the user gave, or the first default that exists.
    pub fn resolve(&self) -> Result<PathBuf, String> {
        if let Some(p) = &self.schema {
            return Ok(p.clone());
        }
        let defaults = [Path::new("schema/schema.prisma"), Path::new("prisma/schema.prisma")];
        defaults.iter().find(|p| p.is_file()).map(|p| p.to_path_buf()).ok_or_else(|| {
            "no schema found: looked for schema/schema.prisma and prisma/schema.prisma; pass --schema PATH".to_string()
        })
    }
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Human,
    Json,
    /// GitHub Actions annotations.
    Github,
}

impl OutputFormat {
    fn diagnostics(self) -> refract_diagnostics::Format {
        match self {
            OutputFormat::Human => refract_diagnostics::Format::Human {
                color: std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
            },
            OutputFormat::Json => refract_diagnostics::Format::Json,
            OutputFormat::Github => refract_diagnostics::Format::Github,
        }
    }
}

/// Exit statuses shared by every command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    /// The input is wrong (invalid schema, unformatted file under --check).
    Failed,
    /// The command could not run (bad arguments, unreadable file).
    Usage,
}

impl From<Outcome> for ExitCode {
    fn from(o: Outcome) -> ExitCode {
        ExitCode::from(match o {
            Outcome::Ok => 0,
            Outcome::Failed => 1,
            Outcome::Usage => 2,
        })
    }
}

pub fn run(cli: Cli) -> Outcome {
    match cli.command {
        Command::Validate { schema, format, print_ir } => commands::validate::run(&schema, format, print_ir),
        Command::Format { schema, check, format } => commands::format::run(&schema, check, format),
    }
}

pub fn main() -> ExitCode {
    run(Cli::parse()).into()
}
