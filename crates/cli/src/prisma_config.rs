//! `prisma.config.ts` (Prisma 6.13+ and 7), read without Node: statically, as data.
//!
//! The file is TypeScript, but the part refract needs is one object literal handed to `defineConfig`
//! (or exported as the default): nested `key: value` pairs whose values are strings, `env("X")` or
//! `process.env.X`. Anything else (a function call, a variable, a template with `${}`) is kept as
//! [`ConfigValue::Unreadable`] with its text, so a command that needs that key can say which key it
//! could not read and what to set instead.

use std::path::{Path, PathBuf};

/// Where Prisma looks for its config file, in its order, relative to the project root. Prisma 7.10
/// looks for its own `prisma7.config.*` (then `.config/prisma7.*`) before the names every Prisma
/// since 6.13 reads (prisma/orm#30020: so that Prisma 7 and 8 configs can sit side by side), and takes
/// the first it finds, whatever the others say.
pub const CONFIG_FILES: &[&str] = &[
    "prisma7.config.ts",
    "prisma7.config.mts",
    "prisma7.config.cts",
    "prisma7.config.js",
    "prisma7.config.mjs",
    "prisma7.config.cjs",
    ".config/prisma7.ts",
    ".config/prisma7.mts",
    ".config/prisma7.cts",
    ".config/prisma7.js",
    ".config/prisma7.mjs",
    ".config/prisma7.cjs",
    "prisma.config.ts",
    "prisma.config.mts",
    "prisma.config.cts",
    "prisma.config.js",
    "prisma.config.mjs",
    "prisma.config.cjs",
    ".config/prisma.ts",
    ".config/prisma.mts",
    ".config/prisma.cts",
    ".config/prisma.js",
    ".config/prisma.mjs",
    ".config/prisma.cjs",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigValue {
    String(String),
    /// `env("X")` or `process.env.X`: the variable's name.
    Env(String),
    Object(Vec<(String, ConfigValue)>),
    /// A value refract cannot know without running the file; its source text.
    Unreadable(String),
}

#[derive(Debug, Clone)]
pub struct PrismaConfig {
    pub path: PathBuf,
    root: ConfigValue,
}

impl PrismaConfig {
    /// The first config file of [`CONFIG_FILES`] under `dir`, read; `None` when there is none.
    pub fn find(dir: &Path) -> Result<Option<PrismaConfig>, String> {
        let Some(path) = CONFIG_FILES.iter().map(|f| dir.join(f)).find(|p| p.is_file()) else {
            return Ok(None);
        };
        PrismaConfig::read(&path).map(Some)
    }

    /// The config file at `path` (`--config`).
    pub fn read(path: &Path) -> Result<PrismaConfig, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        // A file whose config object refract cannot find is not an error by itself: only a setting a
        // command needs from it is (see `get`), so flags and refract.toml still work.
        let root = parse(&text).unwrap_or_else(|| {
            ConfigValue::Unreadable("its config object (no `defineConfig({ ... })` or `export default { ... }`)".into())
        });
        Ok(PrismaConfig { path: path.to_path_buf(), root })
    }

    /// The value at a dotted key (`datasource.url`), if the file sets it. Inside a value refract
    /// cannot read (an object built by code), every key is that unreadable value: it may be set.
    pub fn get(&self, key: &str) -> Option<&ConfigValue> {
        key.split('.').try_fold(&self.root, |value, part| match value {
            ConfigValue::Object(pairs) => pairs.iter().rev().find(|(k, _)| k == part).map(|(_, v)| v),
            ConfigValue::Unreadable(_) => Some(value),
            _ => None,
        })
    }
}

/// The config object of a file, or `None` when the file has none.
fn parse(text: &str) -> Option<ConfigValue> {
    let tokens = tokenize(text);
    // `defineConfig({` first (the documented form), else `export default {` / `module.exports = {`.
    let start = tokens
        .windows(3)
        .position(|w| w[0] == Token::Ident("defineConfig") && w[1] == Token::Punct('(') && w[2] == Token::Punct('{'))
        .map(|i| i + 2)
        .or_else(|| {
            let after = tokens
                .windows(2)
                .position(|w| {
                    (w[0] == Token::Ident("export") && w[1] == Token::Ident("default"))
                        || (w[0] == Token::Ident("exports") && w[1] == Token::Punct('='))
                })
                .map(|i| i + 2)?;
            match tokens.get(after)? {
                Token::Punct('{') => Some(after),
                // `const config = { ... } satisfies PrismaConfig; export default config`
                Token::Ident(name) => tokens.windows(2).enumerate().find_map(|(i, w)| {
                    (w[0] == Token::Ident(name) && matches!(w[1], Token::Punct('=' | ':')))
                        .then(|| {
                            tokens[i + 1..].iter().take(8).position(|t| *t == Token::Punct('{')).map(|j| i + 1 + j)
                        })
                        .flatten()
                }),
                _ => None,
            }
        })?;
    let mut parser = Parser { tokens: &tokens, text, pos: start };
    Some(parser.object())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token<'t> {
    Ident(&'t str),
    /// A string literal's value (no escapes but `\'`, `\"` and `\\` handled).
    Str(&'t str, usize, usize),
    /// A template literal with `${...}` in it: not a constant.
    Template(usize, usize),
    Punct(char),
    /// Numbers and anything else: only their extent matters.
    Other(usize, usize),
}

fn tokenize(text: &str) -> Vec<Token<'_>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if text[i..].starts_with("//") {
            i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
        } else if text[i..].starts_with("/*") {
            i = text[i + 2..].find("*/").map_or(bytes.len(), |n| i + 2 + n + 2);
        } else if c == b'"' || c == b'\'' || c == b'`' {
            let start = i;
            i += 1;
            let mut interpolated = false;
            while i < bytes.len() && bytes[i] != c {
                if bytes[i] == b'\\' {
                    i += 1;
                } else if c == b'`' && text[i..].starts_with("${") {
                    interpolated = true;
                }
                i += 1;
            }
            let end = i.min(bytes.len());
            i = end + 1;
            out.push(if interpolated {
                Token::Template(start, i.min(bytes.len()))
            } else {
                Token::Str(&text[start + 1..end], start, i.min(bytes.len()))
            });
        } else if c.is_ascii_alphabetic() || c == b'_' || c == b'$' {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] == b'$') {
                i += 1;
            }
            out.push(Token::Ident(&text[start..i]));
        } else if b"{}()[],:.=;!?".contains(&c) {
            out.push(Token::Punct(c as char));
            i += 1;
        } else {
            let start = i;
            i += text[i..].chars().next().map_or(1, char::len_utf8);
            out.push(Token::Other(start, i));
        }
    }
    out
}

struct Parser<'a, 't> {
    tokens: &'a [Token<'t>],
    text: &'t str,
    pos: usize,
}

impl<'t> Parser<'_, 't> {
    fn peek(&self, ahead: usize) -> Option<Token<'t>> {
        self.tokens.get(self.pos + ahead).copied()
    }

    /// At `{`: the object's pairs, up to and past its `}`.
    fn object(&mut self) -> ConfigValue {
        self.pos += 1;
        let mut pairs = Vec::new();
        while let Some(token) = self.peek(0) {
            let key = match token {
                Token::Punct('}') => {
                    self.pos += 1;
                    break;
                }
                Token::Punct(',') => {
                    self.pos += 1;
                    continue;
                }
                Token::Ident(k) => k.to_string(),
                Token::Str(k, ..) => unescape(k),
                _ => {
                    // A spread, a computed key, a method: skip to the next pair.
                    self.skip_value();
                    continue;
                }
            };
            self.pos += 1;
            match self.peek(0) {
                Some(Token::Punct(':')) => {
                    self.pos += 1;
                    let value = self.value();
                    pairs.push((key, value));
                }
                // Shorthand `{ url }`: a variable refract cannot read.
                _ => pairs.push((key.clone(), ConfigValue::Unreadable(key))),
            }
        }
        ConfigValue::Object(pairs)
    }

    fn value(&mut self) -> ConfigValue {
        let start = self.pos;
        let value = match (self.peek(0), self.peek(1), self.peek(2), self.peek(3)) {
            (Some(Token::Punct('{')), ..) => return self.object(),
            (Some(Token::Str(s, ..)), ..) => {
                self.pos += 1;
                ConfigValue::String(unescape(s))
            }
            (
                Some(Token::Ident("env")),
                Some(Token::Punct('(')),
                Some(Token::Str(name, ..)),
                Some(Token::Punct(')')),
            ) => {
                self.pos += 4;
                ConfigValue::Env(name.to_string())
            }
            (Some(Token::Ident("process")), Some(Token::Punct('.')), Some(Token::Ident("env")), _) => {
                match (self.peek(3), self.peek(4), self.peek(5), self.peek(6)) {
                    (Some(Token::Punct('.')), Some(Token::Ident(name)), ..) => {
                        self.pos += 5;
                        ConfigValue::Env(name.to_string())
                    }
                    (Some(Token::Punct('[')), Some(Token::Str(name, ..)), Some(Token::Punct(']')), _) => {
                        self.pos += 6;
                        ConfigValue::Env(name.to_string())
                    }
                    _ => ConfigValue::Unreadable(String::new()),
                }
            }
            _ => ConfigValue::Unreadable(String::new()),
        };
        // `process.env.X!` is the same value; anything more (`?? "..."`, `+ "..."`) makes it unreadable.
        if let Some(Token::Punct('!')) = self.peek(0) {
            self.pos += 1;
        }
        let end_of_value = matches!(self.peek(0), None | Some(Token::Punct(',')) | Some(Token::Punct('}')));
        if matches!(value, ConfigValue::Unreadable(_)) || !end_of_value {
            self.pos = start;
            self.skip_value();
            return ConfigValue::Unreadable(self.source(start, self.pos));
        }
        value
    }

    /// Past one value, up to the `,` or `}` that ends it (brackets balanced).
    fn skip_value(&mut self) {
        let mut depth = 0usize;
        while let Some(token) = self.peek(0) {
            match token {
                Token::Punct('{' | '(' | '[') => depth += 1,
                Token::Punct('}' | ')' | ']') if depth == 0 => return,
                Token::Punct('}' | ')' | ']') => depth -= 1,
                Token::Punct(',') if depth == 0 => return,
                _ => {}
            }
            self.pos += 1;
        }
    }

    /// The text of tokens `from..to`, for messages.
    fn source(&self, from: usize, to: usize) -> String {
        let span = |t: &Token<'_>| -> Option<(usize, usize)> {
            match *t {
                Token::Str(_, s, e) | Token::Template(s, e) | Token::Other(s, e) => Some((s, e)),
                Token::Ident(name) => {
                    let s = name.as_ptr() as usize - self.text.as_ptr() as usize;
                    Some((s, s + name.len()))
                }
                Token::Punct(_) => None,
            }
        };
        let tokens = &self.tokens[from..to];
        let start = tokens.iter().find_map(span).map(|(s, _)| s);
        let end = tokens.iter().rev().find_map(span).map(|(_, e)| e);
        match (start, end) {
            (Some(s), Some(e)) if s <= e => {
                // Include a trailing `)` or `]` that closes the value.
                let mut e = e;
                while let Some(c) = self.text[e..].chars().next().filter(|c| matches!(c, ')' | ']' | '!')) {
                    e += c.len_utf8();
                }
                self.text[s..e].to_string()
            }
            _ => String::new(),
        }
    }
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(next) = chars.next() {
                out.push(next);
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(text: &str) -> PrismaConfig {
        PrismaConfig { path: "prisma.config.ts".into(), root: parse(text).expect("an object") }
    }

    #[test]
    fn reads_prisma_7_config() {
        let c = config(
            r#"import 'dotenv/config'
import { defineConfig, env } from "prisma/config";

// The CLI's datasource; the client uses an adapter.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: {
    path: "prisma/migrations",
    seed: `tsx prisma/seed.ts`,
  },
  /* shadow database for migrate dev */
  datasource: {
    url: env('DATABASE_URL'),
    shadowDatabaseUrl: process.env.SHADOW_URL!,
  },
});
"#,
        );
        assert_eq!(c.get("schema"), Some(&ConfigValue::String("prisma/schema.prisma".into())));
        assert_eq!(c.get("migrations.path"), Some(&ConfigValue::String("prisma/migrations".into())));
        assert_eq!(c.get("migrations.seed"), Some(&ConfigValue::String("tsx prisma/seed.ts".into())));
        assert_eq!(c.get("datasource.url"), Some(&ConfigValue::Env("DATABASE_URL".into())));
        assert_eq!(c.get("datasource.shadowDatabaseUrl"), Some(&ConfigValue::Env("SHADOW_URL".into())));
        assert_eq!(c.get("datasource.directUrl"), None);
    }

    #[test]
    fn values_that_need_node_are_unreadable_with_their_text() {
        let c = config(
            r#"const url = buildUrl();
export default {
  datasource: { url: process.env["PRIMARY"] ?? "postgres://localhost/db", shadowDatabaseUrl: url },
  schema: `${root}/schema.prisma`,
  migrations: { ...base, path: join(__dirname, "migrations") },
} satisfies PrismaConfig;
"#,
        );
        assert_eq!(
            c.get("datasource.url"),
            Some(&ConfigValue::Unreadable("process.env[\"PRIMARY\"] ?? \"postgres://localhost/db\"".into()))
        );
        assert_eq!(c.get("datasource.shadowDatabaseUrl"), Some(&ConfigValue::Unreadable("url".into())));
        assert_eq!(c.get("schema"), Some(&ConfigValue::Unreadable("`${root}/schema.prisma`".into())));
        assert_eq!(c.get("migrations.path"), Some(&ConfigValue::Unreadable("join(__dirname, \"migrations\")".into())));
    }

    #[test]
    fn a_file_without_an_object_is_none() {
        assert_eq!(parse("export const x = 1;"), None);
        assert_eq!(parse("export default config;\nfunction later() { return 1 }"), None);
    }

    #[test]
    fn an_object_exported_by_name_is_read() {
        let c = config(
            "import type { PrismaConfig } from 'prisma'\n\nconst config = {\n  schema: 'db/schema.prisma',\n} satisfies PrismaConfig\n\nexport default config\n",
        );
        assert_eq!(c.get("schema"), Some(&ConfigValue::String("db/schema.prisma".into())));
        let c =
            config("const config: PrismaConfig = { migrations: { path: 'db/migrations' } };\nexport default config;\n");
        assert_eq!(c.get("migrations.path"), Some(&ConfigValue::String("db/migrations".into())));
    }

    #[test]
    fn an_object_refract_cannot_find_makes_every_key_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("prisma.config.ts");
        std::fs::write(&path, "export default makeConfig(process.env.STAGE);\n").unwrap();
        let c = PrismaConfig::read(&path).unwrap();
        assert!(matches!(c.get("datasource.url"), Some(ConfigValue::Unreadable(_))));
    }
}
