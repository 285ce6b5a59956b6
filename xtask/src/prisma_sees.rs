//! Prisma's verdict on each history in `crates/cli/tests/data/prisma_sees`: for every case folder,
//! `<case>/prisma.sql` is rewritten with what Prisma's own engine (`../shared/prisma-oracle`) prints for
//! `prisma migrate diff --from-migrations <case>/migrations --to-schema <case>/schema.prisma --script`.
//! The `prisma_sees` test of refract-cli compares refract's script with it.

use std::path::PathBuf;
use std::process::Command;

use anyhow::{Context, bail};

pub fn run() -> anyhow::Result<()> {
    let oracle = crate::shared().join("prisma-oracle/oracle.mjs");
    if !oracle.is_file() {
        bail!("{} not found: the reference tools live in ../shared", oracle.display());
    }
    let dir = crate::root().join("crates/cli/tests/data/prisma_sees");
    let mut cases: Vec<PathBuf> =
        std::fs::read_dir(&dir)?.map(|e| e.map(|e| e.path())).collect::<Result<Vec<_>, _>>()?;
    cases.retain(|p| p.is_dir());
    cases.sort();
    for case in cases {
        let out = Command::new("node")
            .arg(&oracle)
            .arg("diff-migrations")
            .arg(case.join("migrations"))
            .arg(case.join("schema.prisma"))
            .output()
            .context("running node")?;
        if !out.status.success() {
            bail!(
                "Prisma's engine failed on {}:\n{}{}",
                case.display(),
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::fs::write(case.join("prisma.sql"), &out.stdout)?;
        eprintln!("wrote {}", case.join("prisma.sql").display());
    }
    Ok(())
}
