pub mod format;
pub mod validate;

use std::path::PathBuf;

use refract_diagnostics::SourceFile;

use crate::SchemaArg;

/// Read the schema file, or say why not (exit 2).
pub fn read_schema(arg: &SchemaArg) -> Result<SourceFile, String> {
    let path: PathBuf = arg.resolve()?;
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(SourceFile::new(path.display().to_string(), text))
}
