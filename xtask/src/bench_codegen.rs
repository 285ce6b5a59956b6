//! What `refract::models!` costs at compile time: `cargo check` of a crate whose models come from the
//! macro on `gen-schema N`, beside the same crate with the generated code pasted in (`refract
//! generate`). Both crates live under `target/refract-bench-codegen`, share one target folder (the
//! dependencies are built once, before timing) and are re-checked after touching their `lib.rs`, so
//! the time is the crate's own: macro expansion plus type checking of the models.

use std::process::Command;
use std::time::Instant;

use anyhow::{Context, bail};

pub fn run(models: usize, runs: usize) -> anyhow::Result<()> {
    let root = crate::root();
    let bench = root.join("target/refract-bench-codegen");
    let schema_text = {
        let out = Command::new(crate::shared().join("tools/gen-schema")).arg(models.to_string()).output()?;
        if !out.status.success() {
            bail!("gen-schema {models} failed");
        }
        String::from_utf8(out.stdout)?
    };
    let checked = refract_schema::check(&schema_text);
    if checked.has_errors() {
        bail!("gen-schema {models} is not valid");
    }
    let (pasted, _) = refract_codegen::generate_file(
        &checked.schema,
        refract_codegen::Options::all(),
        &Default::default(),
        "schema.prisma",
    )
    .map_err(anyhow::Error::msg)?;
    let refract = root.join("crates/refract");
    for (name, lib) in [("with-macro", "refract::models!(\"schema.prisma\");\n".to_string()), ("pasted", pasted)] {
        let dir = bench.join(name);
        std::fs::create_dir_all(dir.join("src"))?;
        std::fs::write(dir.join("schema.prisma"), &schema_text)?;
        std::fs::write(dir.join("src/lib.rs"), lib)?;
        std::fs::write(
            dir.join("Cargo.toml"),
            format!(
                "[package]\nname = \"bench-{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n[dependencies]\nrefract = {{ path = {:?}, features = [\"postgres\", \"sqlx\", \"serde\", \"sea-query\"] }}\n\n[workspace]\n",
                refract.display().to_string()
            ),
        )?;
    }
    let check = |name: &str| -> anyhow::Result<f64> {
        let dir = bench.join(name);
        // Touch lib.rs so only this crate is checked again.
        let lib = dir.join("src/lib.rs");
        let text = std::fs::read(&lib)?;
        std::fs::write(&lib, text)?;
        let t = Instant::now();
        let status = Command::new(env!("CARGO"))
            .args(["check", "--quiet", "--manifest-path"])
            .arg(dir.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", bench.join("target"))
            .status()
            .context("running cargo check")?;
        if !status.success() {
            bail!("cargo check of {name} failed");
        }
        Ok(t.elapsed().as_secs_f64())
    };
    eprintln!("building the dependencies once ...");
    check("with-macro")?;
    check("pasted")?;
    let median = |name: &str| -> anyhow::Result<f64> {
        let mut times = (0..runs.max(1)).map(|_| check(name)).collect::<anyhow::Result<Vec<_>>>()?;
        times.sort_by(f64::total_cmp);
        Ok(times[times.len() / 2])
    };
    let (with_macro, pasted) = (median("with-macro")?, median("pasted")?);
    println!("cargo check of a crate with the models of gen-schema {models} (median of {runs}):");
    println!("  refract::models!(...)   {with_macro:>7.2} s");
    println!("  generated code pasted   {pasted:>7.2} s");
    println!("  macro overhead          {:>7.2} s ({:+.0}%)", with_macro - pasted, (with_macro / pasted - 1.0) * 100.0);
    Ok(())
}
