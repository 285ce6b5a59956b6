//! `cargo xtask`: project tasks, written in Rust so they run wherever cargo does.
//!
//! - `validate`: `refract validate` and `refract format --check` on the demo schema (`schema/`), through
//!   the CLI library, the same code users run.
//! - `bench`: whole-process timings of `refract validate` and `refract migrate diff` on `gen-schema`
//!   schemas, beside Prisma's validator and engine (`../shared/prisma-oracle`) when it is installed.
//!   Then `bench-history`'s figures.
//! - `bench-history`: `refract migrate check` against a live database beside its introspection, on
//!   `gen-schema N` applied and on a long generated history (Prisma's, then with refract's state).
//! - `bench-codegen`: `cargo check` time of a crate using `refract::models!` on `gen-schema 300`,
//!   beside the same crate with the generated code pasted in.
//! - `bench-queries`: the query API on PostgreSQL (row mapping, `load`, `insert_many`) beside hand-written
//!   code, a loop of queries and COPY, and `cargo check` of `gen-schema 300`'s models before and after it.
//! - `bench-fleet`: `refract migrate deploy --fleet` beside a shell loop of `migrate deploy` per tenant
//!   schema, on 200 and 1,000 fresh schemas: wall time and peak memory.
//! - `migrate`: `refract migrate dev` on the demo schema and its migrations, through the CLI library.
//! - `prisma-snapshots`: rewrite the Prisma SQL the IR tests compare against, from Prisma's own engine.
//! - `prisma-sees`: rewrite what Prisma's engine sees between each history and its schema in
//!   `crates/cli/tests/data/prisma_sees` (the `prisma_sees` test compares refract with it).

mod bench;
mod bench_codegen;
mod bench_fleet;
mod bench_history;
mod bench_lint;
mod bench_queries;
mod prisma_sees;
mod snapshots;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
struct Xtask {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Validate the demo schema and check that it is formatted.
    Validate,
    /// Benchmark `refract validate` and `refract migrate diff` against Prisma on generated schemas.
    Bench {
        /// Model counts to generate (`gen-schema N`).
        #[arg(long, value_delimiter = ',', default_values_t = [1000, 3000])]
        sizes: Vec<usize>,
        /// Runs per measurement (rounded up to whole blocks of three); the median is reported.
        #[arg(long, default_value_t = 9)]
        runs: usize,
    },
    /// `refract migrate check` against a live database, beside that database's introspection.
    BenchHistory {
        /// `gen-schema N` applied by `migrate dev`.
        #[arg(long, default_value_t = 1000)]
        models: usize,
        /// Migrations after the first in the long history.
        #[arg(long, default_value_t = 500)]
        length: usize,
        #[arg(long, default_value_t = 3)]
        runs: usize,
    },
    /// `cargo check` time of a crate using `refract::models!` on `gen-schema N`, beside the same crate
    /// with the generated code pasted in.
    BenchCodegen {
        #[arg(long, default_value_t = 300)]
        models: usize,
        #[arg(long, default_value_t = 5)]
        runs: usize,
    },
    /// `refract migrate lint` beside squawk's CLI (npm squawk-cli, installed under target/bench) on the
    /// initial migration of gen-schema N and the migration to its variant.
    /// `migrate deploy --fleet` beside a shell loop of `migrate deploy` per tenant schema.
    BenchFleet {
        /// Tenant counts.
        #[arg(long, value_delimiter = ',', default_value = "200,1000")]
        tenants: Vec<usize>,
    },
    BenchLint {
        #[arg(long, default_value_t = 1000)]
        models: usize,
        #[arg(long, default_value_t = 6)]
        runs: usize,
    },
    /// The query API on PostgreSQL (row mapping, `load` against a loop, `insert_many` against single
    /// inserts and COPY) and `cargo check` of gen-schema N's models before and after it.
    BenchQueries {
        #[arg(long, default_value_t = 300)]
        models: usize,
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// The revision before the query API (default: the parent of the commit adding column.rs).
        #[arg(long)]
        before: Option<String>,
    },
    /// Regenerate crates/schema/tests/data/prisma/*.prisma.sql with Prisma's engine.
    PrismaSnapshots,
    /// Regenerate crates/cli/tests/data/prisma_sees/*/prisma.sql with Prisma's engine (`migrate diff
    /// --from-migrations --to-schema --script` of each case).
    PrismaSees,
    /// `refract migrate dev` on the workspace's own schema/ and migrations/ (extra arguments are
    /// passed on: `cargo xtask migrate --name add_alerts`). With no DATABASE_URL it uses the embedded
    /// development database under target/.
    Migrate {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
}

/// The workspace root (xtask lives one level below it).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask is inside the workspace").to_path_buf()
}

/// `../shared`, beside the project, where the reference tools live.
pub fn shared() -> PathBuf {
    root().parent().expect("the workspace has a parent").join("shared")
}

fn main() -> ExitCode {
    let result = match Xtask::parse().task {
        Task::Validate => {
            std::env::set_current_dir(root()).expect("workspace root exists");
            let schema = ["--schema", "schema/schema.prisma"];
            let validate = refract_cli::Cli::try_parse_from(["refract", "validate"].iter().chain(&schema))
                .expect("valid arguments");
            let format = refract_cli::Cli::try_parse_from(["refract", "format", "--check"].iter().chain(&schema))
                .expect("valid arguments");
            match (refract_cli::run(validate), refract_cli::run(format)) {
                (refract_cli::Outcome::Ok, refract_cli::Outcome::Ok) => Ok(()),
                _ => Err(anyhow::anyhow!("the demo schema is not valid and formatted")),
            }
        }
        Task::Bench { sizes, runs } => bench::run(&sizes, runs),
        Task::BenchHistory { models, length, runs } => bench_history::run(models, length, runs),
        Task::BenchCodegen { models, runs } => bench_codegen::run(models, runs),
        Task::BenchLint { models, runs } => bench_lint::run(models, runs),
        Task::BenchFleet { tenants } => bench_fleet::run(&tenants),
        Task::BenchQueries { models, runs, before } => bench_queries::run(models, runs, before),
        Task::PrismaSnapshots => snapshots::run(),
        Task::PrismaSees => prisma_sees::run(),
        Task::Migrate { args } => {
            std::env::set_current_dir(root()).expect("workspace root exists");
            let argv = ["refract", "migrate", "dev", "--schema", "schema/schema.prisma", "--migrations", "migrations"]
                .into_iter()
                .map(String::from)
                .chain(args);
            match refract_cli::Cli::try_parse_from(argv) {
                Ok(cli) => match refract_cli::run(cli) {
                    refract_cli::Outcome::Ok => Ok(()),
                    _ => Err(anyhow::anyhow!("refract migrate dev failed")),
                },
                Err(e) => Err(anyhow::anyhow!("{e}")),
            }
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e:#}");
            ExitCode::FAILURE
        }
    }
}
