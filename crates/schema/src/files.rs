//! Where a schema's text comes from: one file, or a folder of `.prisma` files read as one schema
//! (Prisma's multi-file schemas, GA since Prisma 6.7).
//!
//! Prisma's rule (`@prisma/schema-files-loader`): every file whose name ends in `.prisma`, under the
//! folder, recursively, symbolic links followed; other files are ignored. Prisma lists each folder in
//! name order (libuv sorts `readdir`), depth first; so does refract, so the models of a folder come in
//! the same order on every machine. The files are one schema: models, enums and relations may refer
//! across files, and exactly one of them holds the datasource (validation reports a second one).

use std::path::{Path, PathBuf};

use refract_diagnostics::{SourceFile, SourceSet};

/// The extension of the files a folder schema is made of.
pub const EXTENSION: &str = "prisma";

/// The files of the schema at `path`: `path` itself when it is a file, else every `.prisma` file under
/// the folder, recursively, in Prisma's order (each folder's entries by name, depth first).
pub fn schema_files(path: &Path) -> Result<Vec<PathBuf>, String> {
    let metadata = std::fs::metadata(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if !metadata.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    let mut visited = Vec::new();
    collect(path, &mut out, &mut visited)?;
    Ok(out)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>, visited: &mut Vec<PathBuf>) -> Result<(), String> {
    // A symbolic link back up the tree would otherwise be followed for ever.
    if let Ok(real) = dir.canonicalize() {
        if visited.contains(&real) {
            return Ok(());
        }
        visited.push(real);
    }
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read the folder {}: {e}", dir.display()))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot read the folder {}: {e}", dir.display()))?;
        names.push(entry.file_name());
    }
    names.sort();
    for name in names {
        let path = dir.join(&name);
        // Follows symbolic links, as Prisma does; a dangling one is skipped, as Prisma skips it.
        let Ok(metadata) = std::fs::metadata(&path) else { continue };
        if metadata.is_dir() {
            collect(&path, out, visited)?;
        } else if path.extension().is_some_and(|e| e == EXTENSION) {
            out.push(path);
        }
    }
    Ok(())
}

/// Reads the schema at `path` (a file, or a folder of `.prisma` files) into one source text. Files are
/// named by their path as given (`prisma/schema/user.prisma`).
pub fn read_sources(path: &Path) -> Result<SourceSet, String> {
    read_sources_shown_as(path, path)
}

/// [`read_sources`], the files named under `shown` instead of `path` (the proc-macro reads absolute
/// paths and names them as the user wrote them).
pub fn read_sources_shown_as(path: &Path, shown: &Path) -> Result<SourceSet, String> {
    let read = |file: &Path| std::fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()));
    let name = |file: &Path| shown.join(file.strip_prefix(path).unwrap_or(file)).display().to_string();
    if !path.is_dir() {
        return Ok(SourceSet::single(SourceFile::new(shown.display().to_string(), read(path)?)));
    }
    let files = schema_files(path)?;
    if files.is_empty() {
        return Err(format!(
            "the schema folder {} holds no .{EXTENSION} files (they are read from it and its subfolders)",
            shown.display()
        ));
    }
    let mut sources = Vec::with_capacity(files.len());
    for file in &files {
        sources.push(SourceFile::new(name(file), read(file)?));
    }
    Ok(SourceSet::new(shown.display().to_string(), sources))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_is_its_prisma_files_in_prismas_order() {
        let dir = std::env::temp_dir().join(format!("refract-files-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (file, text) in [
            ("b.prisma", "model B { id Int @id }"),
            ("a.prisma", "model A { id Int @id }\n"),
            ("a/z.prisma", "model Z { id Int @id }\n"),
            ("notes.md", "# not a schema"),
            ("migrations/0_init/migration.sql", "CREATE TABLE x ();"),
        ] {
            let path = dir.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let files = schema_files(&dir).unwrap();
        let names: Vec<_> = files.iter().map(|f| f.strip_prefix(&dir).unwrap().to_str().unwrap()).collect();
        // Each folder's entries by name, depth first: `a/` sorts before `a.prisma` as Prisma lists them.
        assert_eq!(names, ["a/z.prisma", "a.prisma", "b.prisma"]);
        let set = read_sources_shown_as(&dir, Path::new("schema")).unwrap();
        assert_eq!(set.files()[0].path, Path::new("schema").join("a").join("z.prisma").display().to_string());
        assert_eq!(
            set.text(),
            "model Z { id Int @id }\nmodel A { id Int @id }\nmodel B { id Int @id }\n",
            "each file ends with a newline"
        );
        let empty = dir.join("migrations");
        assert!(read_sources(&empty).unwrap_err().contains("holds no .prisma files"));
        assert!(read_sources(&dir.join("missing")).unwrap_err().starts_with("cannot read"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
