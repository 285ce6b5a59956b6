//! Environment variables as Prisma's CLI sees them: the process environment, then the `.env` files
//! Prisma loads (the project root, the schema's folder, `./prisma`), with `${VAR}` expansion.
//!
//! Nothing is written into the process environment: a value is looked up here, and programs refract
//! starts (the seed command) get the variables they need passed explicitly.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Where a variable's value came from, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Process,
    DotEnv(PathBuf),
}

#[derive(Debug, Default)]
pub struct Environment {
    /// Variables from `.env` files, each with its file.
    files: HashMap<String, (String, PathBuf)>,
    /// The `.env` files read, in order.
    pub loaded: Vec<PathBuf>,
}

impl Environment {
    /// Reads `./.env`, then `.env` beside the schema and `./prisma/.env` (Prisma's order). A variable
    /// that two of them set to different values is an error, as in Prisma: which one wins would be a
    /// guess.
    pub fn load(schema_dir: Option<&Path>) -> Result<Environment, String> {
        let mut candidates = vec![PathBuf::from(".env")];
        if let Some(dir) = schema_dir.filter(|d| !d.as_os_str().is_empty()) {
            candidates.push(dir.join(".env"));
        }
        candidates.push(Path::new("prisma").join(".env"));
        let mut env = Environment::default();
        let mut seen: Vec<PathBuf> = Vec::new();
        for path in candidates {
            let Ok(canonical) = path.canonicalize() else { continue };
            if seen.contains(&canonical) {
                continue;
            }
            seen.push(canonical);
            env.read(&path)?;
        }
        Ok(env)
    }

    fn read(&mut self, path: &Path) -> Result<(), String> {
        let iter = dotenvy::from_path_iter(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let mut conflicts = Vec::new();
        let mut first_file = None;
        for item in iter {
            let (key, value) = item.map_err(|e| format!("{}: {}", path.display(), dotenv_error(&e)))?;
            match self.files.get(&key) {
                Some((existing, file)) if *existing != value => {
                    conflicts.push(key);
                    first_file = Some(file.clone());
                }
                Some(_) => {}
                None => {
                    self.files.insert(key, (value, path.to_path_buf()));
                }
            }
        }
        if let Some(first) = first_file {
            return Err(format!(
                "there is a conflict between env vars in {} and {}\n  conflicting env vars: {}\n  help: keep each variable in one .env file (Prisma refuses this too)",
                first.display(),
                path.display(),
                conflicts.join(", ")
            ));
        }
        self.loaded.push(path.to_path_buf());
        Ok(())
    }

    /// The variable's value: the process environment wins over `.env` files, as in Prisma.
    pub fn get(&self, name: &str) -> Option<(String, Origin)> {
        if let Some(value) = std::env::var_os(name) {
            return Some((value.to_string_lossy().into_owned(), Origin::Process));
        }
        self.files.get(name).map(|(v, file)| (v.clone(), Origin::DotEnv(file.clone())))
    }

    /// Where a variable was looked for, for "not found" messages.
    pub fn searched(&self) -> String {
        if self.loaded.is_empty() {
            return "the environment; there is no .env file in the working directory, beside the schema or in prisma/"
                .into();
        }
        let files: Vec<String> = self.loaded.iter().map(|p| p.display().to_string()).collect();
        format!("the environment and {}", files.join(", "))
    }
}

/// dotenvy's parse errors print the whole line, which can hold a secret: say only where it is.
fn dotenv_error(error: &dotenvy::Error) -> String {
    match error {
        dotenvy::Error::LineParse(_, index) => format!("cannot parse a line (at its character {index})"),
        other => other.to_string(),
    }
}
