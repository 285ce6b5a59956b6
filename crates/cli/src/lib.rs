//! The `refract` command line. `main` parses arguments; each command lives in its own module and
//! returns an [`Outcome`], so xtask and tests run exactly what a user runs.

mod commands;
pub mod config;
mod database;
mod environment;
mod fleet;
mod layout;
pub mod prisma_config;
mod prisma_flags;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
pub use commands::project::ProjectArgs;

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
    /// Plan, apply and inspect migrations.
    Migrate {
        #[command(subcommand)]
        command: MigrateCommand,
    },
    /// Work on the database directly, without migration history.
    Db {
        #[command(subcommand)]
        command: DbCommand,
    },
    /// Write the Rust models of the schema to a file (the code `refract::models!` expands to).
    Generate {
        #[command(flatten)]
        schema: SchemaArg,
        /// The file to write (default: refract.toml's `[generate] out`, else stdout).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// What the models implement: any of postgres, sqlx, serde, sea-query, comma-separated
        /// (default: refract.toml's `[generate] features`, else all).
        #[arg(long, value_delimiter = ',')]
        features: Option<Vec<String>>,
    },
    /// Draw the schema: Mermaid (default), Graphviz dot, an SVG, or one self-contained HTML page with a
    /// search box; the whole schema or the part around one model.
    Erd {
        #[command(flatten)]
        schema: SchemaArg,
        /// What to write (default: from --output's extension, else mermaid).
        #[arg(long, value_enum)]
        format: Option<commands::erd::ErdFormat>,
        /// Write to this file instead of stdout.
        #[arg(short = 'o', long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Only this model and the models within --depth relations of it.
        #[arg(long, value_name = "NAME")]
        model: Option<String>,
        /// How many relations away from --model to draw (default 1).
        #[arg(long, value_name = "N", requires = "model")]
        depth: Option<usize>,
    },
    /// The project's embedded development database (in its .refract/pg; see the README).
    DevDb {
        #[command(subcommand)]
        action: DevDbAction,
    },
}

#[derive(Subcommand, Debug)]
pub enum MigrateCommand {
    /// The migration between two schema sources: a summary of the steps, or the SQL with --script.
    Diff(MigrateDiffArgs),
    /// Plan the schema against the last migration, write the new migration and apply it to the
    /// development database.
    Dev {
        #[command(flatten)]
        project: ProjectArgs,
        /// The migration's name (the folder is `<UTC timestamp>_<name>`).
        #[arg(long)]
        name: Option<String>,
        /// Write the migration without applying it.
        #[arg(long)]
        create_only: bool,
        /// Safe mode for busy tables (see `migrate diff --online`).
        #[arg(long)]
        online: bool,
        /// Do not regenerate the models `[generate] out` names.
        #[arg(long)]
        skip_generate: bool,
        /// Accepted from Prisma: refract's `migrate dev` never resets the database, so it never seeds.
        #[arg(long)]
        skip_seed: bool,
    },
    /// Apply pending migrations, in order, each recorded in _prisma_migrations.
    Deploy {
        #[command(flatten)]
        project: ProjectArgs,
        /// Apply the pending migrations up to and including this one (a migration folder name), then
        /// stop: the later ones stay pending.
        #[arg(long, value_name = "NAME")]
        to: Option<String>,
        /// Deploy every target of this fleet file (TOML: URLs, `env:VAR`, queries listing tenant
        /// schemas or databases), in parallel, with one report (README: Fleets).
        #[arg(long, value_name = "FILE")]
        fleet: Option<std::path::PathBuf>,
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
    },
    /// Applied, pending, failed, edited and missing migrations; exit 0 only when up to date.
    Status {
        #[command(flatten)]
        project: ProjectArgs,
        /// What is pending on every target of this fleet file.
        #[arg(long, value_name = "FILE")]
        fleet: Option<std::path::PathBuf>,
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
    },
    /// Record a failed migration as rolled back, or a migration as applied (baselining).
    #[command(group(clap::ArgGroup::new("resolution").required(true).args(["applied", "rolled_back"])))]
    Resolve {
        #[command(flatten)]
        project: ProjectArgs,
        /// Record this migration as applied without running it.
        #[arg(long, value_name = "NAME")]
        applied: Option<String>,
        /// Record this failed migration as rolled back, so deploy runs it again.
        #[arg(long, value_name = "NAME")]
        rolled_back: Option<String>,
    },
    /// Start the migration history of a database that predates migrations (Prisma's baselining):
    /// write `<migrations>/<NAME>/migration.sql` (and its down.sql) from what the configured database
    /// holds, and record it as applied there, so `deploy` builds the same schema on a new database and
    /// runs nothing on this one.
    ///
    /// The migration holds what the schema language expresses (tables, columns, enums, indexes, primary,
    /// unique and foreign keys, CHECK constraints, extensions), not views, functions, triggers or other
    /// objects the database may have: the output lists those it leaves out. Refused when the migrations
    /// folder already holds migrations or `_prisma_migrations` has rows. Replaces Prisma's `mkdir`,
    /// `migrate diff --from-empty --to-schema-datamodel ... --script` and `migrate resolve --applied`.
    Baseline {
        #[command(flatten)]
        project: ProjectArgs,
        /// The migration folder's name: it must sort before the timestamped folders `migrate dev` writes
        /// later.
        #[arg(long, value_name = "NAME", default_value = "0_init")]
        name: String,
    },
    /// Replace a run of migrations (the whole history by default) with one migration that builds what
    /// they built: the schema's part planned in one go, statements the schema does not hold (functions,
    /// triggers, views, grants, ...) kept as written; statements that only move data are left out and
    /// listed. Checked on scratch databases before anything is written. Databases that ran the whole
    /// run record it as applied at their next `migrate deploy`, without running it.
    Squash {
        #[command(flatten)]
        project: ProjectArgs,
        /// The name of the squashed migration (its folder keeps the last replaced migration's timestamp).
        #[arg(long)]
        name: String,
        /// The first migration to squash (default: the first one).
        #[arg(long, value_name = "MIGRATION")]
        from: Option<String>,
        /// The last migration to squash (default: the last one).
        #[arg(long, value_name = "MIGRATION")]
        to: Option<String>,
    },
    /// For CI: exit 0 only if the schema matches the migrations, no applied migration was edited, and
    /// the database (when one is configured) is what its applied migrations build.
    Check {
        #[command(flatten)]
        project: ProjectArgs,
        /// `markdown`: a summary for a pull-request comment (pending migrations and what each does,
        /// data-loss warnings, lint findings, drift, a Mermaid diagram of the tables they touch).
        #[arg(long, value_enum, default_value_t = commands::check_markdown::CheckFormat::Human)]
        format: commands::check_markdown::CheckFormat,
        /// Drift on every target of this fleet file; fails naming each drifted one.
        #[arg(long, value_name = "FILE")]
        fleet: Option<std::path::PathBuf>,
    },
    /// Roll the database back over its last applied migrations, newest first, each with its down.sql
    /// (or the way back planned from the history's states), and record them as rolled back so a later
    /// deploy applies them again.
    #[command(group(clap::ArgGroup::new("how_far").args(["steps", "to"])))]
    Down {
        #[command(flatten)]
        project: ProjectArgs,
        /// How many applied migrations to roll back (default 1).
        #[arg(long, value_name = "N")]
        steps: Option<usize>,
        /// Roll back every migration applied after this one (it stays applied).
        #[arg(long, value_name = "NAME")]
        to: Option<String>,
        /// Run statements that lose data (a dropped column or table that holds values, a cast).
        #[arg(long)]
        accept_data_loss: bool,
        /// Do not ask for confirmation (needed without a terminal).
        #[arg(long)]
        force: bool,
    },
    /// Lint migration files with squawk's lock and safety rules (default: the migrations not applied to
    /// the configured database, else the newest one); exit 1 on findings.
    #[command(group(clap::ArgGroup::new("which").args(["names", "pending", "all"])))]
    Lint {
        #[command(flatten)]
        project: ProjectArgs,
        /// Migration folder names to lint.
        names: Vec<String>,
        /// The migrations not applied to the configured database.
        #[arg(long)]
        pending: bool,
        /// Every migration in the folder.
        #[arg(long)]
        all: bool,
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
    },
    /// Drop everything in the database schema, re-apply every migration, then seed.
    Reset {
        #[command(flatten)]
        project: ProjectArgs,
        /// Do not ask for confirmation.
        #[arg(long)]
        force: bool,
        /// Do not run the seed command.
        #[arg(long)]
        skip_seed: bool,
        /// Accepted from Prisma: `migrate reset` regenerates nothing unless `[generate] out` is set,
        /// and then this skips it.
        #[arg(long)]
        skip_generate: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum DbCommand {
    /// Make the database match the schema directly, without writing a migration (prototyping).
    Push {
        #[command(flatten)]
        project: ProjectArgs,
        /// Run steps that lose data (dropped tables or columns that hold rows, casts, removed enum values).
        #[arg(long)]
        accept_data_loss: bool,
        /// Drop everything in the database schema first, then push (as Prisma's `db push --force-reset`).
        #[arg(long)]
        force_reset: bool,
        /// Do not regenerate the models `[generate] out` names.
        #[arg(long)]
        skip_generate: bool,
    },
    /// Write the schema file from what the database holds (introspection).
    Pull {
        #[command(flatten)]
        project: ProjectArgs,
        /// Print the schema on stdout instead of writing the file.
        #[arg(long)]
        print: bool,
        /// Write the schema from the database alone, without keeping the names and attributes the
        /// current schema file gives (its datasource and generators are still kept).
        #[arg(long)]
        force: bool,
    },
    /// Run a SQL file against the database.
    #[command(group(clap::ArgGroup::new("input").required(true).args(["file", "stdin"])))]
    Execute {
        #[command(flatten)]
        project: ProjectArgs,
        /// The SQL file to run.
        #[arg(long, value_name = "FILE")]
        file: Option<PathBuf>,
        /// Read the SQL from standard input (`refract db execute --stdin <<EOF ... EOF`).
        #[arg(long)]
        stdin: bool,
    },
    /// Run the seed command configured in refract.toml (`[db] seed`).
    Seed {
        #[command(flatten)]
        project: ProjectArgs,
    },
}

/// Each takes the project's `--schema` and `--config`, so a project is found from any folder (its
/// embedded database lives in the project).
#[derive(Subcommand, Debug, Clone)]
pub enum DevDbAction {
    /// Create (first time) and start the embedded database; print its URL.
    Start(SchemaArg),
    /// Stop it.
    Stop(SchemaArg),
    /// Say whether it runs, and where it is.
    Status(SchemaArg),
}

#[derive(clap::Args, Debug)]
#[command(group(clap::ArgGroup::new("from").required(true).args([
    "from_empty", "from_schema", "from_schema_datasource", "from_config_datasource", "from_migrations", "from_url"
])))]
#[command(group(clap::ArgGroup::new("to").args([
    "to_empty", "to_schema", "to_schema_datasource", "to_config_datasource", "to_migrations", "to_url"
])))]
pub struct MigrateDiffArgs {
    /// Start from an empty database.
    #[arg(long)]
    pub from_empty: bool,
    /// Start from the database this schema (a file or a folder) describes.
    #[arg(long, visible_alias = "from-schema-datamodel", value_name = "PATH")]
    pub from_schema: Option<PathBuf>,
    /// Start from what the database this schema's datasource names holds (Prisma 6).
    #[arg(long, value_name = "PATH")]
    pub from_schema_datasource: Option<PathBuf>,
    /// Start from what the project's configured database holds (Prisma 7's prisma.config.ts datasource).
    #[arg(long)]
    pub from_config_datasource: bool,
    /// Start from what this migrations directory builds (its last snapshot, else its history replayed).
    #[arg(long, value_name = "DIR")]
    pub from_migrations: Option<PathBuf>,
    /// Start from what this live database holds.
    #[arg(long, value_name = "URL")]
    pub from_url: Option<String>,
    /// End at an empty database.
    #[arg(long)]
    pub to_empty: bool,
    /// End at the database this schema describes (default: the project's schema).
    #[arg(long, visible_alias = "to-schema-datamodel", value_name = "PATH")]
    pub to_schema: Option<PathBuf>,
    /// End at what the database this schema's datasource names holds (Prisma 6).
    #[arg(long, value_name = "PATH")]
    pub to_schema_datasource: Option<PathBuf>,
    /// End at what the project's configured database holds (Prisma 7).
    #[arg(long)]
    pub to_config_datasource: bool,
    /// End at what this migrations directory builds.
    #[arg(long, value_name = "DIR")]
    pub to_migrations: Option<PathBuf>,
    /// End at what this live database holds.
    #[arg(long, value_name = "URL")]
    pub to_url: Option<String>,
    /// Where a history without snapshots is replayed, as in Prisma: this database, emptied first and
    /// after (default: the project's shadowDatabaseUrl, else scratch databases on the configured
    /// database's server, else the embedded database).
    #[arg(long, value_name = "URL")]
    pub shadow_database_url: Option<String>,
    /// Prisma's config file (default: prisma7.config.ts, prisma.config.ts or .config/prisma.ts in the
    /// working directory).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Write the output to this file instead of stdout.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print the migration SQL instead of a summary.
    #[arg(long)]
    pub script: bool,
    /// With --script: print the migration lint's findings on that SQL on stderr (squawk's rules and
    /// refract.toml's `[lint]`, as `migrate lint`).
    #[arg(long, requires = "script")]
    pub lint: bool,
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
        let project =
            || commands::project::Project::load(&ProjectArgs { config: self.config.clone(), ..ProjectArgs::default() });
        let datasource = |schema: Option<&Path>| -> Result<Source, String> {
            let project = project()?;
            let schema = match schema {
                Some(path) => path.to_path_buf(),
                None => project.schema_path()?,
            };
            project.configured_database_of(&schema).map(|url| Source::Database(Box::new(url)))
        };
        let from = if let Some(p) = &self.from_schema {
            Source::Schema(p.clone())
        } else if let Some(p) = &self.from_schema_datasource {
            datasource(Some(p))?
        } else if self.from_config_datasource {
            datasource(None)?
        } else if let Some(d) = &self.from_migrations {
            Source::Migrations(d.clone())
        } else if let Some(u) = &self.from_url {
            Source::Url(u.clone())
        } else {
            Source::Empty
        };
        let to = if self.to_empty {
            Source::Empty
        } else if let Some(p) = &self.to_schema_datasource {
            datasource(Some(p))?
        } else if self.to_config_datasource {
            datasource(None)?
        } else if let Some(d) = &self.to_migrations {
            Source::Migrations(d.clone())
        } else if let Some(u) = &self.to_url {
            Source::Url(u.clone())
        } else {
            Source::Schema(SchemaArg { schema: self.to_schema.clone(), config: self.config.clone() }.resolve()?)
        };
        Ok(commands::migrate_diff::DiffArgs {
            from,
            to,
            shadow_database_url: self.shadow_database_url.clone(),
            config: self.config.clone(),
            output: self.output.clone(),
            script: self.script,
            lint: self.lint,
            online: self.online,
            exit_code: self.exit_code,
            format: self.format,
        })
    }
}

#[derive(clap::Args, Debug, Clone)]
pub struct SchemaArg {
    /// The schema: a file, or a folder of `.prisma` files (default: refract.toml's `schema`, else
    /// prisma.config.ts's, else package.json's `prisma.schema`, else schema/schema.prisma,
    /// prisma/schema.prisma, prisma/schema/, schema.prisma).
    #[arg(long, value_name = "PATH")]
    pub schema: Option<PathBuf>,
    /// Prisma's config file (default: prisma7.config.ts, prisma.config.ts or .config/prisma.ts in the
    /// working directory).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

impl SchemaArg {
    /// The schema path the user gave, or the one the project's files name, or the first default that
    /// exists.
    pub fn resolve(&self) -> Result<PathBuf, String> {
        if let Some(p) = &self.schema {
            return Ok(p.clone());
        }
        layout::Layout::load(self.config.as_deref())?.schema(None)
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
    pub(crate) fn diagnostics(self) -> refract_diagnostics::Format {
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
        Command::Migrate { command } => match command {
            MigrateCommand::Diff(args) => match args.resolve() {
                Ok(args) => commands::migrate_diff::run(&args),
                Err(message) => {
                    eprintln!("error: {message}");
                    Outcome::Failed
                }
            },
            MigrateCommand::Check { project, format, fleet } => match (format.output(), fleet) {
                (Some(format), Some(file)) => fleet::run(&project, &file, fleet::Command::Check, format),
                (Some(format), None) => commands::migrate_check::run(&project, format),
                (None, Some(_)) => commands::output::fail("--format markdown is for one database, not --fleet"),
                (None, None) => commands::check_markdown::run(&project),
            },
            MigrateCommand::Dev { project, name, create_only, online, skip_generate, skip_seed } => {
                if skip_seed {
                    eprintln!(
                        "note: --skip-seed has nothing to skip: refract's migrate dev never resets the database, so it never seeds"
                    );
                }
                let dev = commands::migrate_dev::DevArgs { name, create_only, online, skip_generate };
                commands::migrate_dev::run(&project, &dev)
            }
            MigrateCommand::Deploy { project, to, fleet: Some(file), format } => {
                fleet::run(&project, &file, fleet::Command::Deploy { to: to.as_deref() }, format)
            }
            MigrateCommand::Deploy { project, to, fleet: None, format } => {
                commands::migrate::deploy(&project, to.as_deref(), format)
            }
            MigrateCommand::Baseline { project, name } => commands::migrate_baseline::run(&project, &name),
            MigrateCommand::Squash { project, name, from, to } => {
                commands::migrate_squash::run(&project, &commands::migrate_squash::SquashArgs { name, from, to })
            }
            MigrateCommand::Status { project, format, fleet: Some(file) } => {
                fleet::run(&project, &file, fleet::Command::Status, format)
            }
            MigrateCommand::Status { project, format, fleet: None } => commands::migrate::status(&project, format),
            MigrateCommand::Resolve { project, applied, rolled_back } => match (applied, rolled_back) {
                (Some(name), _) => commands::migrate::resolve(&project, &name, refract_engine::Resolution::Applied),
                (None, Some(name)) => {
                    commands::migrate::resolve(&project, &name, refract_engine::Resolution::RolledBack)
                }
                (None, None) => unreachable!("clap requires one of them"),
            },
            MigrateCommand::Down { project, steps, to, accept_data_loss, force } => commands::migrate_down::run(
                &project,
                &commands::migrate_down::DownArgs { steps, to, accept_data_loss, force },
            ),
            MigrateCommand::Lint { project, names, pending, all, format } => {
                let which = match (pending, all) {
                    (true, _) => commands::migrate_lint::Which::Pending,
                    (_, true) => commands::migrate_lint::Which::All,
                    _ if !names.is_empty() => commands::migrate_lint::Which::Named(names),
                    _ => commands::migrate_lint::Which::Default,
                };
                commands::migrate_lint::run(&project, &which, format)
            }
            MigrateCommand::Reset { project, force, skip_seed, skip_generate: _ } => {
                commands::migrate::reset(&project, force, skip_seed)
            }
        },
        Command::Db { command } => match command {
            DbCommand::Push { project, accept_data_loss, force_reset, skip_generate } => commands::db_push::run(
                &project,
                &commands::db_push::PushArgs { accept_data_loss, force_reset, skip_generate },
            ),
            DbCommand::Pull { project, print, force } => commands::db_pull::run(&project, print, force),
            DbCommand::Execute { project, file, stdin: _ } => commands::db::execute(&project, file.as_deref()),
            DbCommand::Seed { project } => commands::db::seed(&project),
        },
        Command::Generate { schema, out, features } => commands::generate::run(&schema, out, features),
        Command::Erd { schema, format, output, model, depth } => {
            commands::erd::run(&schema, &commands::erd::ErdArgs { format, output, model, depth })
        }
        Command::DevDb { action } => commands::db::dev_db(action),
    }
}

pub fn main() -> ExitCode {
    let (args, notes) = prisma_flags::strip(std::env::args_os());
    for note in notes {
        eprintln!("{note}");
    }
    run(Cli::parse_from(args)).into()
}
