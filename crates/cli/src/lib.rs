//! The `refract` command line. `main` parses arguments; each command lives in its own module and
//! returns an [`Outcome`], so xtask and tests run exactly what a user runs.

mod commands;
pub mod config;

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
    /// Plan and inspect migrations.
    Migrate {
        #[command(subcommand)]
        command: MigrateCommand,
    },
}

#[derive(Subcommand, Debug)]
pub enum MigrateCommand {
    /// The migration between two schema sources: a summary of the steps, or the SQL with --script.
    Diff(MigrateDiffArgs),
}

#[derive(clap::Args, Debug)]
#[command(group(clap::ArgGroup::new("from").required(true).args(["from_empty", "from_schema", "from_migrations"])))]
#[command(group(clap::ArgGroup::new("to").args(["to_empty", "to_schema", "to_migrations"])))]
pub struct MigrateDiffArgs {
    /// Start from an empty database.
    #[arg(long)]
    pub from_empty: bool,
    /// Start from the database this schema describes.
    #[arg(long, value_name = "PATH")]
    pub from_schema: Option<PathBuf>,
    /// Start from what this migrations directory builds (its last snapshot).
    #[arg(long, value_name = "DIR")]
    pub from_migrations: Option<PathBuf>,
    /// End at an empty database.
    #[arg(long)]
    pub to_empty: bool,
    /// End at the database this schema describes (default: the project's schema).
    #[arg(long, value_name = "PATH")]
    pub to_schema: Option<PathBuf>,
    /// End at what this migrations directory builds.
    #[arg(long, value_name = "DIR")]
    pub to_migrations: Option<PathBuf>,
    /// Print the migration SQL instead of a summary.
    #[arg(long)]
    pub script: bool,
    /// Safe mode for busy tables: concurrent indexes, NOT VALID constraints validated afterwards, lock_timeout.
    #[arg(long)]
    pub online: bool,
    /// Exit 0 when there is no difference, 2 when there is one, 1 on error.
    #[arg(long)]
    pub exit_code: bool,
    /// `json` prints the plan (steps, warnings, hazards) as data.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
}

impl MigrateDiffArgs {
    fn resolve(&self) -> Result<commands::migrate_diff::DiffArgs, String> {
        use commands::migrate_diff::Source;
        let from = if let Some(p) = &self.from_schema {
            Source::Schema(p.clone())
        } else if let Some(d) = &self.from_migrations {
            Source::Migrations(d.clone())
        } else {
            Source::Empty
        };
        let to = if self.to_empty {
            Source::Empty
        } else if let Some(d) = &self.to_migrations {
            Source::Migrations(d.clone())
        } else {
            Source::Schema(SchemaArg { schema: self.to_schema.clone() }.resolve()?)
        };
        Ok(commands::migrate_diff::DiffArgs {
            from,
            to,
            script: self.script,
            online: self.online,
            exit_code: self.exit_code,
            format: self.format,
        })
    }
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
    /// `migrate diff --exit-code` found a difference.
    Difference,
}

impl From<Outcome> for ExitCode {
    fn from(o: Outcome) -> ExitCode {
        ExitCode::from(match o {
            Outcome::Ok => 0,
            Outcome::Failed => 1,
            Outcome::Usage | Outcome::Difference => 2,
        })
    }
}

pub fn run(cli: Cli) -> Outcome {
    match cli.command {
        Command::Validate { schema, format, print_ir } => commands::validate::run(&schema, format, print_ir),
        Command::Format { schema, check, format } => commands::format::run(&schema, check, format),
        Command::Migrate { command: MigrateCommand::Diff(args) } => match args.resolve() {
            Ok(args) => commands::migrate_diff::run(&args),
            Err(message) => {
                eprintln!("error: {message}");
                Outcome::Failed
            }
        },
    }
}

pub fn main() -> ExitCode {
    run(Cli::parse()).into()
}
