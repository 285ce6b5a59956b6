//! Prisma's SQL for each schema the IR is compared against. Prisma does not know refract's `@check` and
//! `@@check`, so they are removed from the copy Prisma reads; everything else is Prisma's verdict.

use std::process::Command;

use anyhow::{Context, bail};

pub fn run() -> anyhow::Result<()> {
    let oracle = crate::shared().join("prisma-oracle/oracle.mjs");
    if !oracle.is_file() {
        bail!("{} not found: the reference tools live in ../shared", oracle.display());
    }
    let dir = crate::root().join("crates/schema/tests/data/prisma");
    let scratch = std::env::temp_dir().join(format!("refract-snapshot-{}.prisma", std::process::id()));
    let mut entries: Vec<_> = std::fs::read_dir(&dir)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries.iter().filter(|p| p.extension().is_some_and(|e| e == "prisma")) {
        let text = std::fs::read_to_string(path)?;
        std::fs::write(&scratch, strip_checks(&text))?;
        let out =
            Command::new("node").arg(&oracle).args(["diff", "empty"]).arg(&scratch).output().context("running node")?;
        if !out.status.success() {
            bail!(
                "Prisma rejected {}:\n{}{}",
                path.display(),
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::fs::write(format!("{}.sql", path.display()), &out.stdout)?;
        eprintln!("wrote {}.sql", path.display());
    }
    let _ = std::fs::remove_file(scratch);
    Ok(())
}

/// Remove `@check("...", map: "...")` and `@@check(...)` (with the whitespace before them).
fn strip_checks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("@check(") {
        let start = if rest[..at].ends_with('@') { at - 1 } else { at };
        out.push_str(rest[..start].trim_end_matches([' ', '\t']));
        // Skip to the closing parenthesis, minding strings.
        let bytes = rest.as_bytes();
        let (mut i, mut depth, mut in_string) = (at + "@check".len(), 0, false);
        while i < bytes.len() {
            match bytes[i] {
                b'\\' if in_string => i += 1,
                b'"' => in_string = !in_string,
                b'(' if !in_string => depth += 1,
                b')' if !in_string => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        rest = &rest[(i + 1).min(rest.len())..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn strips_field_and_model_checks() {
        let s = "  fee Int @default(0) @check(\"fee >= 0 AND f(x)\")\n  @@check(\"a > \\\"b\\\"\", map: \"x\")\n}";
        assert_eq!(super::strip_checks(s), "  fee Int @default(0)\n\n}");
    }
}
