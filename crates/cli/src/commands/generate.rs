//! `refract generate`: the models `refract::models!` would expand to, written to a file for teams that
//! check them in or want to read them. `migrate dev` and `db push` call [`regenerate`] when
//! `[generate] out` is configured.

use std::path::{Path, PathBuf};

use refract_codegen::Options;

use super::project::Project;
use crate::config::Config;
use crate::{Outcome, SchemaArg};

pub fn run(schema: &SchemaArg, out: Option<PathBuf>, features: Option<Vec<String>>) -> Outcome {
    let go = || -> Result<Outcome, String> {
        let config = Config::load(Path::new("."))?;
        let path = schema.resolve()?;
        let ir = super::load_schema(&path)?;
        let features = features.or(config.generate.features.clone());
        match out.or(config.generate.out.clone()) {
            Some(out) => {
                write(&ir, &path, &out, features.as_deref(), &config.generate)?;
                println!("Wrote the models of {} to {}.", path.display(), out.display());
            }
            None => print!("{}", render(&ir, &path, features.as_deref(), &config.generate)?),
        }
        Ok(Outcome::Ok)
    };
    super::finish(go())
}

fn render(
    schema: &refract_ir::Schema,
    source: &Path,
    features: Option<&[String]>,
    generate: &crate::config::GenerateConfig,
) -> Result<String, String> {
    let options = match features {
        Some(names) => Options::from_names(names.iter().map(String::as_str))?,
        None => Options::all(),
    };
    let customize = generate.customize()?;
    let (code, notes) = refract_codegen::generate_file(schema, options, &customize, &source.display().to_string())?;
    for note in notes {
        eprintln!("note: {note}");
    }
    Ok(code)
}

/// Writes the models of `schema` (read from `source`) to `out`.
pub fn write(
    schema: &refract_ir::Schema,
    source: &Path,
    out: &Path,
    features: Option<&[String]>,
    generate: &crate::config::GenerateConfig,
) -> Result<(), String> {
    let code = render(schema, source, features, generate)?;
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(out, code).map_err(|e| format!("cannot write {}: {e}", out.display()))
}

/// With `[generate] out` configured, the models follow the schema: `migrate dev` and `db push` call
/// this after they change the database.
pub fn regenerate(project: &Project, schema: &refract_ir::Schema, schema_path: &Path) -> Result<(), String> {
    let Some(out) = &project.config().generate.out else { return Ok(()) };
    write(schema, schema_path, out, project.config().generate.features.as_deref(), &project.config().generate)?;
    println!("Regenerated the models in {}.", out.display());
    Ok(())
}
