pub mod db;
pub mod format;
pub mod migrate;
pub mod migrate_diff;
pub mod project;
pub mod validate;

use std::path::PathBuf;

use refract_diagnostics::SourceFile;

use crate::{Outcome, SchemaArg};

/// Read the schema file; when it cannot be read, say why on stderr and return the exit status (2).
pub fn read_schema(arg: &SchemaArg) -> Result<SourceFile, Outcome> {
    let read = || -> Result<SourceFile, String> {
        let path: PathBuf = arg.resolve()?;
        let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        Ok(SourceFile::new(path.display().to_string(), text))
    };
    read().map_err(|e| {
        eprintln!("error: {e}");
        Outcome::Usage
    })
}
