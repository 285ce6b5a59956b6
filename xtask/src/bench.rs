//! Whole-process timing of `refract validate` on `gen-schema N`, beside Prisma's validator.
//!
//! Each command runs `runs` times after one warm-up; the median wall time is reported, with the peak
//! memory (max RSS) from `/usr/bin/time` when it is installed. Growth is shown per 1000 models, so
//! linear scaling reads as a flat column.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, bail};

struct Measure {
    median_ms: f64,
    max_rss_kb: Option<u64>,
}

fn measure(cmd: &[&str], runs: usize) -> anyhow::Result<Measure> {
    let run_once = || -> anyhow::Result<(f64, Option<u64>)> {
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
    };
    run_once()?;
    let mut times = Vec::with_capacity(runs);
    let mut rss = None;
    for _ in 0..runs.max(1) {
        let (ms, r) = run_once()?;
        times.push(ms);
        rss = rss.max(r);
    }
    times.sort_by(f64::total_cmp);
    Ok(Measure { median_ms: times[times.len() / 2], max_rss_kb: rss })
}

pub fn run(sizes: &[usize], runs: usize) -> anyhow::Result<()> {
    let root = crate::root();
    let status =
        Command::new("cargo").args(["build", "--release", "-q", "-p", "refract-cli"]).current_dir(&root).status()?;
    if !status.success() {
        bail!("cargo build --release failed");
    }
    let refract = root.join("target/release/refract");
    let shared = crate::shared();
    let gen_schema = shared.join("tools/gen-schema");
    let oracle = shared.join("prisma-oracle/oracle.mjs");
    let have_prisma = shared.join("prisma-oracle/node_modules").is_dir();
    let dir = root.join("target/bench");
    std::fs::create_dir_all(&dir)?;

    println!("refract validate vs Prisma's validator (whole process, median of {runs} runs)\n");
    println!(
        "| models | file | refract | refract / 1000 models | refract max RSS | prisma | prisma max RSS | speed-up |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|");
    for &n in sizes {
        let file: PathBuf = dir.join(format!("gen-{n}.prisma"));
        let out = Command::new(&gen_schema)
            .arg(n.to_string())
            .output()
            .with_context(|| format!("running {}", gen_schema.display()))?;
        std::fs::write(&file, &out.stdout)?;
        let f = file.to_str().expect("utf-8 path");
        let ours = measure(&[refract.to_str().expect("utf-8 path"), "validate", "--schema", f], runs)?;
        let theirs = if have_prisma {
            Some(measure(&["node", oracle.to_str().expect("utf-8 path"), "validate", f], runs)?)
        } else {
            None
        };
        let kb = |m: &Measure| m.max_rss_kb.map_or("-".into(), |k| format!("{:.1} MB", k as f64 / 1024.0));
        println!(
            "| {n} | {:.1} MB | {:.1} ms | {:.1} ms | {} | {} | {} | {} |",
            out.stdout.len() as f64 / 1e6,
            ours.median_ms,
            ours.median_ms * 1000.0 / n as f64,
            kb(&ours),
            theirs.as_ref().map_or("not installed".into(), |t| format!("{:.1} ms", t.median_ms)),
            theirs.as_ref().map_or("-".into(), kb),
            theirs.as_ref().map_or("-".into(), |t| format!("{:.1}x", t.median_ms / ours.median_ms)),
        );
    }
    if !have_prisma {
        println!("\n(Prisma's validator: `cd ../shared/prisma-oracle && npm ci --ignore-scripts` to compare)");
    }
    Ok(())
}
