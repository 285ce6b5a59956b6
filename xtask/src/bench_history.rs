//! What a history costs on every CI push: `refract migrate check` against a live database, beside the
//! introspection of that database alone (`db pull --print`), on
//!
//! - `gen-schema N` applied by `migrate dev` (one migration, refract's state beside it), and
//! - a long history: `gen-schema 80` and then one migration per added column, written as Prisma
//!   writes them (no refract state), deployed; measured as Prisma left it, then after one
//!   `migrate dev` has let refract record the history's state;
//! - a history refract wrote (`migrate dev` once per migration, a state file each).
//!
//! Databases are made on the PostgreSQL at DATABASE_URL (default 127.0.0.1:5432) and dropped after.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, bail};

use crate::bench::{Measure, measure};

fn server() -> String {
    std::env::var("DATABASE_URL").unwrap_or_else(|_| "postgresql://postgres@127.0.0.1:5432/postgres".into())
}

fn with_database(url: &str, db: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[scheme_end..].find('/').map_or(base.len(), |i| scheme_end + i);
    let mut out = format!("{}/{db}", &base[..path_start]);
    if let Some(q) = query {
        out = format!("{out}?{q}");
    }
    out
}

fn psql(sql: &str) -> anyhow::Result<()> {
    let out = Command::new("psql").args([&server(), "-qXc", sql]).output().context("running psql")?;
    if !out.status.success() {
        bail!("psql {sql}: {}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(())
}

fn fresh_database(name: &str) -> anyhow::Result<String> {
    psql(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))?;
    psql(&format!("CREATE DATABASE {name}"))?;
    Ok(with_database(&server(), name))
}

/// `refract` with these arguments in `dir`, once, checked; its wall time in ms.
fn refract_once(refract: &str, dir: &Path, args: &[&str]) -> anyhow::Result<f64> {
    let t = Instant::now();
    let out = Command::new(refract).args(args).current_dir(dir).env_remove("DATABASE_URL").output()?;
    if !out.status.success() {
        bail!(
            "refract {} failed:\n{}{}",
            args.join(" "),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(t.elapsed().as_secs_f64() * 1000.0)
}

fn ms(m: &Measure) -> String {
    format!("{:.0} ms", m.median_ms)
}

/// `gen-schema 80` and `length` migrations after it, each adding one nullable column, as Prisma
/// writes them: the schema and the migrations folder in `dir`.
fn long_history(generator: &Path, dir: &Path, length: usize) -> anyhow::Result<()> {
    let out = Command::new(generator).arg("80").output().context("running gen-schema")?;
    let mut schema = String::from_utf8(out.stdout)?;
    let migrations = dir.join("migrations");
    std::fs::create_dir_all(&migrations)?;
    std::fs::write(dir.join("schema.prisma"), &schema)?;
    let init = dir.join("schema.prisma");
    let sql = Command::new(crate::root().join("target/release/refract"))
        .args(["migrate", "diff", "--from-empty", "--to-schema"])
        .arg(&init)
        .arg("--script")
        .output()?;
    if !sql.status.success() {
        bail!("migrate diff failed: {}", String::from_utf8_lossy(&sql.stderr));
    }
    let folder = migrations.join("20240101000000_init");
    std::fs::create_dir_all(&folder)?;
    std::fs::write(folder.join("migration.sql"), &sql.stdout)?;
    for i in 1..=length {
        let model = i % 80;
        let marker = format!("model Model{model} {{\n");
        let at = schema.find(&marker).context("model in gen-schema output")? + marker.len();
        schema.insert_str(at, &format!("  extra{i} Int?\n"));
        let folder = migrations.join(format!("{}_add_extra{i}", 20240101000000u64 + i as u64 * 100));
        std::fs::create_dir_all(&folder)?;
        std::fs::write(
            folder.join("migration.sql"),
            format!("-- AlterTable\nALTER TABLE \"model_{model}\" ADD COLUMN     \"extra{i}\" INTEGER;\n"),
        )?;
    }
    std::fs::write(dir.join("schema.prisma"), schema)?;
    std::fs::write(migrations.join("migration_lock.toml"), "provider = \"postgresql\"\n")?;
    Ok(())
}

pub fn run(models: usize, length: usize, runs: usize) -> anyhow::Result<()> {
    let root = crate::root();
    crate::bench::build_release(&root)?;
    let refract = root.join("target/release/refract");
    let refract = refract.to_str().expect("utf-8 path");
    let generator = crate::shared().join("tools/gen-schema");

    println!(
        "refract migrate check against a live database, beside its introspection (`db pull --print`); median of {runs} runs\n"
    );
    println!("| case | introspection (db pull --print) | migrate check | ratio |\n|---|---:|---:|---:|");

    // gen-schema N, applied by migrate dev.
    let dir = root.join(format!("target/bench/check-{models}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    let out = Command::new(&generator).arg(models.to_string()).output()?;
    std::fs::write(dir.join("schema.prisma"), out.stdout)?;
    let url = fresh_database(&format!("refract_bench_check_{models}"))?;
    let project = ["--schema", "schema.prisma", "--migrations", "migrations", "--database-url", &url];
    refract_once(refract, &dir, &[&["migrate", "dev", "--name", "init", "--skip-generate"], &project[..]].concat())?;
    let d = dir.to_str().expect("utf-8 path");
    let introspect = measure_in(refract, d, &[&["db", "pull", "--print"], &project[..]].concat(), runs)?;
    let check = measure_in(refract, d, &[&["migrate", "check"], &project[..]].concat(), runs)?;
    println!(
        "| gen-schema {models}, applied | {} | {} | {:.1}x |",
        ms(&introspect),
        ms(&check),
        check.median_ms / introspect.median_ms
    );
    psql(&format!("DROP DATABASE IF EXISTS refract_bench_check_{models} WITH (FORCE)"))?;

    // A long history, Prisma's, then with refract's state.
    let dir = root.join(format!("target/bench/history-{length}"));
    let _ = std::fs::remove_dir_all(&dir);
    long_history(&generator, &dir, length)?;
    let url = fresh_database(&format!("refract_bench_history_{length}"))?;
    let project = ["--schema", "schema.prisma", "--migrations", "migrations", "--database-url", &url];
    let deploy = refract_once(refract, &dir, &[&["migrate", "deploy"], &project[..]].concat())?;
    let d = dir.to_str().expect("utf-8 path");
    let introspect = measure_in(refract, d, &[&["db", "pull", "--print"], &project[..]].concat(), runs)?;
    // The first run on a machine replays (and builds the schema once); later runs use what it cached.
    let _ = std::fs::remove_dir_all(dir.join("target/refract/history"));
    let cold = refract_once(refract, &dir, &[&["migrate", "check"], &project[..]].concat())?;
    let check = measure_in(refract, d, &[&["migrate", "check"], &project[..]].concat(), runs)?;
    println!(
        "| 80 tables, {} migrations as Prisma wrote them (deploy: {deploy:.0} ms; first check on a machine: {cold:.0} ms) | {} | {} | {:.1}x |",
        length + 1,
        ms(&introspect),
        ms(&check),
        check.median_ms / introspect.median_ms
    );
    let dev = refract_once(refract, &dir, &[&["migrate", "dev", "--skip-generate"], &project[..]].concat())?;
    let check = measure_in(refract, d, &[&["migrate", "check"], &project[..]].concat(), runs)?;
    println!(
        "| the same after one `migrate dev` ({dev:.0} ms) | {} | {} | {:.1}x |",
        ms(&introspect),
        ms(&check),
        check.median_ms / introspect.median_ms
    );
    psql(&format!("DROP DATABASE IF EXISTS refract_bench_history_{length} WITH (FORCE)"))?;
    let size: u64 = walk_size(&dir.join("migrations"));

    // A history refract wrote: a state file per migration, each the change its migration made.
    let chain = length.min(100);
    let dir = root.join(format!("target/bench/chain-{chain}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    let out = Command::new(&generator).arg("80").output().context("running gen-schema")?;
    let mut schema = String::from_utf8(out.stdout)?;
    std::fs::write(dir.join("schema.prisma"), &schema)?;
    let url = fresh_database(&format!("refract_bench_chain_{chain}"))?;
    let project = ["--schema", "schema.prisma", "--migrations", "migrations", "--database-url", &url];
    refract_once(refract, &dir, &[&["migrate", "dev", "--name", "init", "--skip-generate"], &project[..]].concat())?;
    for i in 1..=chain {
        let marker = format!("model Model{} {{\n", i % 80);
        let at = schema.find(&marker).context("model in gen-schema output")? + marker.len();
        schema.insert_str(at, &format!("  extra{i} Int?\n"));
        std::fs::write(dir.join("schema.prisma"), &schema)?;
        let name = format!("add_extra{i}");
        refract_once(refract, &dir, &[&["migrate", "dev", "--name", &name, "--skip-generate"], &project[..]].concat())?;
    }
    let d = dir.to_str().expect("utf-8 path");
    let introspect = measure_in(refract, d, &[&["db", "pull", "--print"], &project[..]].concat(), runs)?;
    let check = measure_in(refract, d, &[&["migrate", "check"], &project[..]].concat(), runs)?;
    println!(
        "| 80 tables, {} migrations written by `migrate dev` (a state.json each) | {} | {} | {:.1}x |",
        chain + 1,
        ms(&introspect),
        ms(&check),
        check.median_ms / introspect.median_ms
    );
    psql(&format!("DROP DATABASE IF EXISTS refract_bench_chain_{chain} WITH (FORCE)"))?;
    let chain_size: u64 = walk_size(&dir.join("migrations"));
    let chain_sql: u64 = sql_size(&dir.join("migrations"));
    println!("\nThe long history's migrations folder: {:.1} KB", size as f64 / 1000.0);
    println!(
        "refract's history of {} migrations: {:.1} KB, of which {:.1} KB is SQL (migration.sql and down.sql)",
        chain + 1,
        chain_size as f64 / 1000.0,
        chain_sql as f64 / 1000.0
    );
    Ok(())
}

/// The bytes of the migration.sql and down.sql files under `dir`.
fn sql_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| {
            let p = e.path();
            if p.is_dir() {
                sql_size(&p)
            } else if p.file_name().is_some_and(|n| n == "migration.sql" || n == "down.sql") {
                e.metadata().map_or(0, |m| m.len())
            } else {
                0
            }
        })
        .sum()
}

/// `refract args` measured with the working directory `dir` (paths in `args` are relative to it).
fn measure_in(refract: &str, dir: &str, args: &[&str], runs: usize) -> anyhow::Result<Measure> {
    let script = format!(
        "cd '{dir}' && exec '{refract}' {}",
        args.iter().map(|a| format!("'{a}'")).collect::<Vec<_>>().join(" ")
    );
    let (ours, _) = measure(&["sh", "-c", &script], None, runs)?;
    Ok(ours)
}

fn walk_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| {
            let p = e.path();
            if p.is_dir() { walk_size(&p) } else { e.metadata().map_or(0, |m| m.len()) }
        })
        .sum()
}
