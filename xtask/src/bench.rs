//! Whole-process timing of `refract validate` on `gen-schema N`, beside Prisma's validator, and of
//! `refract migrate diff --script` from `gen-schema N` to `gen-schema N --variant 1`, beside Prisma's
//! `migrate diff` (its schema engine; it also needs the PostgreSQL at DATABASE_URL to be reachable),
//! and of `refract erd --format svg` on `gen-schema 300`.
//!
//! Each command runs `runs` times in all, in blocks; the median wall time is reported, with the peak
//! memory (max RSS) from `/usr/bin/time` when it is installed. Growth is shown per 1000 models, so
//! linear scaling reads as a flat column.
//!
//! refract's and Prisma's blocks alternate, so a machine whose speed drifts during the benchmark (shared
//! or virtual cores) slows both sides alike. Within a block a command runs back to back after a warm-up
//! run, as hyperfine does: on the virtual machines refract is developed on, the first short process
//! after seconds of other load (a Prisma run, or a shell busy loop) takes up to twice as long as the
//! next ones, which alternating single runs would charge to refract alone.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, bail};

pub(crate) struct Measure {
    pub median_ms: f64,
    max_rss_kb: Option<u64>,
}

/// One run of `cmd`: wall milliseconds and max RSS in KB (when `/usr/bin/time` is there).
fn run_once(cmd: &[&str]) -> anyhow::Result<(f64, Option<u64>)> {
    let time = Path::new("/usr/bin/time");
    let mut c = if time.is_file() {
        let mut c = Command::new(time);
        c.args(["-f", "%M"]).args(cmd);
        c
    } else {
        let mut c = Command::new(cmd[0]);
        c.args(&cmd[1..]);
        c
    };
    let t = Instant::now();
    let out = c.output().with_context(|| format!("running {}", cmd.join(" ")))?;
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    if !out.status.success() {
        bail!("{} failed:\n{}", cmd.join(" "), String::from_utf8_lossy(&out.stderr));
    }
    let rss = String::from_utf8_lossy(&out.stderr).lines().last().and_then(|l| l.trim().parse().ok());
    Ok((ms, if time.is_file() { rss } else { None }))
}

/// Runs of each command per block (after the block's warm-up run).
const BLOCK: usize = 3;

/// `ours` and, when given, `theirs`, `runs` times each (rounded up to whole blocks), in alternating
/// blocks that each start with a warm-up run.
pub(crate) fn measure(
    ours: &[&str],
    theirs: Option<&[&str]>,
    runs: usize,
) -> anyhow::Result<(Measure, Option<Measure>)> {
    let commands: Vec<&[&str]> = std::iter::once(ours).chain(theirs).collect();
    let mut samples: Vec<(Vec<f64>, Option<u64>)> = vec![(Vec::new(), None); commands.len()];
    for _ in 0..runs.div_ceil(BLOCK) {
        for (cmd, (times, rss)) in commands.iter().zip(samples.iter_mut()) {
            run_once(cmd)?;
            for _ in 0..BLOCK {
                let (ms, r) = run_once(cmd)?;
                times.push(ms);
                *rss = (*rss).max(r);
            }
        }
    }
    let mut measures = samples.into_iter().map(|(mut times, max_rss_kb)| {
        times.sort_by(f64::total_cmp);
        Measure { median_ms: times[times.len() / 2], max_rss_kb }
    });
    let ours = measures.next().expect("refract was measured");
    Ok((ours, measures.next()))
}

fn gen_schema(gen_schema: &Path, args: &[String], file: &Path) -> anyhow::Result<usize> {
    let out =
        Command::new(gen_schema).args(args).output().with_context(|| format!("running {}", gen_schema.display()))?;
    if !out.status.success() {
        bail!("gen-schema {} failed", args.join(" "));
    }
    std::fs::write(file, &out.stdout)?;
    Ok(out.stdout.len())
}

/// Max RSS in MB of 10^6 bytes, like the file sizes (the kernel counts KiB; MiB would read 5% lower).
fn rss(m: &Measure) -> String {
    m.max_rss_kb.map_or("-".into(), |k| format!("{:.1} MB", k as f64 * 1024.0 / 1e6))
}

/// One table row: size, ours, theirs, ratio.
fn row(n: usize, bytes: usize, ours: &Measure, theirs: Option<&Measure>) -> String {
    format!(
        "| {n} | {:.1} MB | {:.1} ms | {:.1} ms | {} | {} | {} | {} |",
        bytes as f64 / 1e6,
        ours.median_ms,
        ours.median_ms * 1000.0 / n as f64,
        rss(ours),
        theirs.map_or("not installed".into(), |t| format!("{:.1} ms", t.median_ms)),
        theirs.map_or("-".into(), rss),
        theirs.map_or("-".into(), |t| format!("{:.1}x", t.median_ms / ours.median_ms)),
    )
}

const HEADER: &str = "| models | file | refract | refract / 1000 models | refract max RSS | prisma | prisma max RSS | speed-up |\n|---:|---:|---:|---:|---:|---:|---:|---:|";

pub(crate) fn build_release(root: &Path) -> anyhow::Result<()> {
    let status =
        Command::new("cargo").args(["build", "--release", "-q", "-p", "refract-cli"]).current_dir(root).status()?;
    if !status.success() {
        bail!("cargo build --release failed");
    }
    Ok(())
}

pub fn run(sizes: &[usize], runs: usize) -> anyhow::Result<()> {
    let runs = runs.max(1).div_ceil(BLOCK) * BLOCK;
    let root = crate::root();
    build_release(&root)?;
    let refract = root.join("target/release/refract");
    let refract = refract.to_str().expect("utf-8 path");
    let shared = crate::shared();
    let generator = shared.join("tools/gen-schema");
    let oracle = shared.join("prisma-oracle/oracle.mjs");
    let oracle = oracle.to_str().expect("utf-8 path");
    let have_prisma = shared.join("prisma-oracle/node_modules").is_dir();
    let dir = root.join("target/bench");
    std::fs::create_dir_all(&dir)?;

    println!("refract validate vs Prisma's validator (whole process, median of {runs} runs)\n\n{HEADER}");
    for &n in sizes {
        let file: PathBuf = dir.join(format!("gen-{n}.prisma"));
        let bytes = gen_schema(&generator, &[n.to_string()], &file)?;
        let f = file.to_str().expect("utf-8 path");
        let prisma = ["node", oracle, "validate", f];
        let (ours, theirs) = measure(&[refract, "validate", "--schema", f], have_prisma.then_some(&prisma[..]), runs)?;
        println!("{}", row(n, bytes, &ours, theirs.as_ref()));
    }

    println!(
        "\nrefract migrate diff --script vs Prisma's migrate diff, gen-schema N to N --variant 1 (whole process, median of {runs} runs)\n\n{HEADER}"
    );
    for &n in sizes {
        let a = dir.join(format!("gen-{n}.prisma"));
        let b = dir.join(format!("gen-{n}-variant-1.prisma"));
        let bytes = gen_schema(&generator, &[n.to_string()], &a)?;
        gen_schema(&generator, &[n.to_string(), "--variant".into(), "1".into()], &b)?;
        let (a, b) = (a.to_str().expect("utf-8 path"), b.to_str().expect("utf-8 path"));
        let prisma = ["node", oracle, "diff", a, b];
        let ours = [refract, "migrate", "diff", "--from-schema", a, "--to-schema", b, "--script"];
        let (ours, theirs) = measure(&ours, have_prisma.then_some(&prisma[..]), runs)?;
        println!("{}", row(n, bytes, &ours, theirs.as_ref()));
    }
    if !have_prisma {
        println!("\n(Prisma: `cd ../shared/prisma-oracle && npm ci --ignore-scripts` to compare)");
    }

    // `refract erd --format svg` on gen-schema 300: read, validate, lay out and write the drawing.
    let file = dir.join("gen-300.prisma");
    gen_schema(&generator, &["300".to_string()], &file)?;
    let svg = dir.join("gen-300.svg");
    let erd = [refract, "erd", "--schema", file.to_str().expect("utf-8 path"), "--format", "svg", "-o"];
    let erd: Vec<&str> = erd.into_iter().chain([svg.to_str().expect("utf-8 path")]).collect();
    let (ours, _) = measure(&erd, None, runs)?;
    println!(
        "\nrefract erd --format svg, gen-schema 300 (whole process, median of {runs} runs): {:.0} ms, {} KB of SVG, peak {}",
        ours.median_ms,
        std::fs::metadata(&svg)?.len() / 1024,
        rss(&ours)
    );
    println!();
    crate::bench_history::run(1000, 500, 3)
}
