//! `refract migrate lint` beside squawk's own CLI on the same files: the initial migration of
//! `gen-schema N` (a large file of CREATE TABLE and CREATE INDEX) and the migration from it to
//! `--variant 1` (ALTERs on existing tables, with lock findings), whole process, median of `runs`.
//!
//! squawk is squawk-cli from the npm registry (2.66.0, installed under target/bench/squawk when npm is
//! there), run as its native binary so that Node's start-up is not charged to it. Both exit 1 on
//! findings, so both run under `sh -c '...; true'`.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, bail};

use crate::bench::{build_release, measure};

pub fn run(models: usize, runs: usize) -> anyhow::Result<()> {
    let root = crate::root();
    build_release(&root)?;
    let refract = root.join("target/release/refract");
    let dir = root.join("target/bench/lint");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    let generator = crate::shared().join("tools/gen-schema");
    let schema = |args: &[String], name: &str| -> anyhow::Result<std::path::PathBuf> {
        let out = Command::new(&generator).args(args).output().context("running gen-schema")?;
        if !out.status.success() {
            bail!("gen-schema {} failed", args.join(" "));
        }
        let path = dir.join(name);
        std::fs::write(&path, &out.stdout)?;
        Ok(path)
    };
    let a = schema(&[models.to_string()], "a.prisma")?;
    let b = schema(&[models.to_string(), "--variant".into(), "1".into()], "b.prisma")?;
    let migrations = dir.join("migrations");
    for (name, from, to) in [("0001_init", None, &a), ("0002_variant", Some(&a), &b)] {
        let mut cmd = Command::new(&refract);
        cmd.args(["migrate", "diff"]);
        match from {
            Some(from) => cmd.arg("--from-schema").arg(from),
            None => cmd.arg("--from-empty"),
        };
        let out = cmd.arg("--to-schema").arg(to).arg("--script").output()?;
        if !out.status.success() {
            bail!("migrate diff failed: {}", String::from_utf8_lossy(&out.stderr));
        }
        std::fs::create_dir_all(migrations.join(name))?;
        std::fs::write(migrations.join(name).join("migration.sql"), &out.stdout)?;
    }
    let squawk = install_squawk(&root.join("target/bench/squawk"));
    println!(
        "refract migrate lint vs squawk-cli 2.66 (native binary), gen-schema {models} (whole process, median of {runs} runs)\n"
    );
    println!(
        "| migration | SQL | refract | refract findings | squawk | squawk findings | speed-up |\n|---|---:|---:|---:|---:|---:|---:|"
    );
    for name in ["0001_init", "0002_variant"] {
        let file = migrations.join(name).join("migration.sql");
        let bytes = std::fs::metadata(&file)?.len();
        let ours = format!(
            "{} migrate lint {name} --migrations {} --schema {} --format json; true",
            refract.display(),
            migrations.display(),
            a.display()
        );
        let theirs = squawk
            .as_ref()
            .map(|s| format!("{} --pg-version=15 --reporter=json {}; true", s.display(), file.display()));
        let ours_cmd = ["sh", "-c", ours.as_str()];
        let theirs_cmd = theirs.as_ref().map(|t| ["sh", "-c", t.as_str()]);
        let (m_ours, m_theirs) = measure(&ours_cmd, theirs_cmd.as_ref().map(|c| &c[..]), runs)?;
        let count = |cmd: &str| -> String {
            Command::new("sh")
                .args(["-c", cmd])
                .output()
                .ok()
                .and_then(|o| serde_json::from_slice::<serde_json::Value>(&o.stdout).ok())
                .and_then(|v| v.as_array().map(|a| a.len().to_string()))
                .unwrap_or_else(|| "-".into())
        };
        println!(
            "| {name} | {:.2} MB | {:.1} ms | {} | {} | {} | {} |",
            bytes as f64 / 1e6,
            m_ours.median_ms,
            count(&ours),
            m_theirs.as_ref().map_or("not installed".into(), |t| format!("{:.1} ms", t.median_ms)),
            theirs.as_deref().map_or("-".into(), count),
            m_theirs.as_ref().map_or("-".into(), |t| format!("{:.2}x", t.median_ms / m_ours.median_ms)),
        );
    }
    println!(
        "\n(refract's defaults leave out the type-choice and timeout rules squawk reports by default, and drop lock findings on tables the migration creates: the finding counts differ by those.)"
    );
    Ok(())
}

/// squawk-cli's native binary, installed with npm under `dir` (None without npm).
fn install_squawk(dir: &Path) -> Option<std::path::PathBuf> {
    let binary = dir.join("node_modules/@squawk-cli/linux-x64/bin/squawk");
    if !binary.is_file() {
        let status = Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix"])
            .arg(dir)
            .arg("squawk-cli@2.66.0")
            .status()
            .ok()?;
        if !status.success() {
            return None;
        }
    }
    binary.is_file().then_some(binary)
}
