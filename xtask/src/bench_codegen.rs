//! What `refract::models!` costs at compile time: `cargo check` of a crate whose models come from the
//! macro on `gen-schema N`, beside the same crate with the generated code pasted in (`refract
//! generate`). Both crates live under `target/refract-bench-codegen`, share one target folder (the
//! dependencies are built once, before timing) and are re-checked after touching their `lib.rs`, so
//! the time is the crate's own: macro expansion plus type checking of the models.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, bail};

pub fn run(models: usize, runs: usize) -> anyhow::Result<()> {
    let root = crate::root();
    let bench = root.join("target/refract-bench-codegen");
    let schema_text = generated_schema(models)?;
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
        write_check_crate(&bench.join(name), &format!("bench-{name}"), &refract, &schema_text, &lib)?;
    }
    let target = bench.join("target");
    let check = |name: &str| check_time(&bench.join(name), &target);
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

/// `gen-schema N`'s text.
pub fn generated_schema(models: usize) -> anyhow::Result<String> {
    let out = Command::new(crate::shared().join("tools/gen-schema")).arg(models.to_string()).output()?;
    if !out.status.success() {
        bail!("gen-schema {models} failed");
    }
    Ok(String::from_utf8(out.stdout)?)
}

/// A crate at `dir` named `package` whose `lib.rs` is `lib`, beside `schema.prisma`, depending on the
/// `refract` crate at `refract` with every feature.
pub fn write_check_crate(
    dir: &Path,
    package: &str,
    refract: &Path,
    schema_text: &str,
    lib: &str,
) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir.join("src"))?;
    std::fs::write(dir.join("schema.prisma"), schema_text)?;
    std::fs::write(dir.join("src/lib.rs"), lib)?;
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{package}\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n[dependencies]\nrefract = {{ path = {:?}, features = [\"postgres\", \"sqlx\", \"serde\", \"sea-query\"] }}\n\n[workspace]\n",
            refract.display().to_string()
        ),
    )?;
    Ok(())
}

/// Seconds `cargo check` of the crate at `dir` takes after touching its `lib.rs` (so only that crate is
/// checked again), in the target folder `target`.
pub fn check_time(dir: &Path, target: &Path) -> anyhow::Result<f64> {
    let lib = dir.join("src/lib.rs");
    let text = std::fs::read(&lib)?;
    std::fs::write(&lib, text)?;
    let t = Instant::now();
    let status = Command::new(env!("CARGO"))
        .args(["check", "--quiet", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", target)
        .status()
        .context("running cargo check")?;
    if !status.success() {
        bail!("cargo check of {} failed", dir.display());
    }
    Ok(t.elapsed().as_secs_f64())
}
