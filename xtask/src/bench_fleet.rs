//! `refract migrate deploy --fleet` against what teams do without it (Prisma #12420): a shell loop of
//! `refract migrate deploy` with `?schema=` per tenant. Both deploy the demo's migrations into N fresh
//! tenant schemas of one database on the PostgreSQL at DATABASE_URL (default 127.0.0.1:5432); wall
//! time and peak memory (the largest process, from `/usr/bin/time`) of each, one run each.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, bail};

fn server() -> String {
    std::env::var("DATABASE_URL").unwrap_or_else(|_| "postgresql://postgres@127.0.0.1:5432/postgres".into())
}

fn psql(sql: &str) -> anyhow::Result<()> {
    let out = Command::new("psql").args([&server(), "-qXc", sql]).output().context("running psql")?;
    if !out.status.success() {
        bail!("psql {sql}: {}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(())
}

/// A fresh database for one measurement; its URL.
fn fresh(name: &str) -> anyhow::Result<String> {
    psql(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))?;
    psql(&format!("CREATE DATABASE {name}"))?;
    let base = server();
    let cut = base.rfind('/').context("a database URL")?;
    Ok(format!("{}/{name}", &base[..cut]))
}

/// `sh -c script` in `dir` under `/usr/bin/time`: wall seconds and peak RSS in MB.
fn timed(dir: &Path, script: &str) -> anyhow::Result<(f64, Option<f64>)> {
    let time = Path::new("/usr/bin/time");
    let mut command = if time.is_file() {
        let mut c = Command::new(time);
        c.args(["-f", "%M", "sh", "-c", script]);
        c
    } else {
        let mut c = Command::new("sh");
        c.args(["-c", script]);
        c
    };
    let started = Instant::now();
    let out = command.current_dir(dir).env_remove("DATABASE_URL").output()?;
    let wall = started.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        bail!("{script} failed:\n{}{stderr}", String::from_utf8_lossy(&out.stdout));
    }
    let rss = stderr.lines().last().and_then(|l| l.trim().parse::<f64>().ok()).map(|kb| kb / 1024.0);
    Ok((wall, rss))
}

pub fn run(sizes: &[usize]) -> anyhow::Result<()> {
    let root = crate::root();
    crate::bench::build_release(&root)?;
    let refract = root.join("target/release/refract");
    let refract = refract.to_str().context("a UTF-8 path")?;
    let project = "--schema schema/schema.prisma --migrations migrations";
    let mb = |rss: Option<f64>| rss.map_or("?".to_string(), |m| format!("{m:.0} MB"));
    println!("Deploying the demo's migrations into N fresh tenant schemas of one database; one run each\n");
    println!(
        "| tenants | shell loop of `migrate deploy` | `migrate deploy --fleet` | speed-up | peak memory (loop / fleet) |"
    );
    println!("|---:|---:|---:|---:|---:|");
    for &n in sizes {
        let url = fresh("refract_bench_fleet_loop")?;
        let script = format!(
            "i=0; while [ $i -lt {n} ]; do '{refract}' migrate deploy {project} --database-url '{url}?schema=t_'$i >/dev/null || exit 1; i=$((i+1)); done"
        );
        let (loop_s, loop_rss) = timed(&root, &script)?;
        psql("DROP DATABASE IF EXISTS refract_bench_fleet_loop WITH (FORCE)")?;

        let url = fresh("refract_bench_fleet")?;
        let fleet = root.join("target/bench/fleet.toml");
        std::fs::create_dir_all(fleet.parent().context("a folder")?)?;
        std::fs::write(
            &fleet,
            format!(
                "on_error = \"continue\"\n\n[[sources]]\nurl = {url:?}\nschemas = \"SELECT 't_' || i FROM generate_series(0, {}) AS i\"\n",
                n - 1
            ),
        )?;
        let script = format!("'{refract}' migrate deploy {project} --fleet '{}' >/dev/null", fleet.display());
        let (fleet_s, fleet_rss) = timed(&root, &script)?;
        psql("DROP DATABASE IF EXISTS refract_bench_fleet WITH (FORCE)")?;
        println!(
            "| {n} | {loop_s:.1} s | {fleet_s:.1} s | {:.1}x | {} / {} |",
            loop_s / fleet_s,
            mb(loop_rss),
            mb(fleet_rss)
        );
    }
    Ok(())
}
