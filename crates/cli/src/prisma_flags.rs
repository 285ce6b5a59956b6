//! Flags Prisma's CLI has that mean nothing for refract. Teams type them from habit and keep them in
//! package.json scripts and CI files; refract says in one line why each does nothing, and goes on.
//! (Flags with a meaning here, such as `--skip-generate` or `--force`, are real arguments.)

use std::ffi::OsString;

/// (flag, takes a value, why it does nothing here).
const IGNORED: &[(&str, bool, &str)] = &[
    ("--no-engine", false, "refract's models need no query engine"),
    ("--data-proxy", false, "refract connects to PostgreSQL itself, with no Prisma proxy"),
    ("--accelerate", false, "refract connects to PostgreSQL itself, with no Prisma Accelerate"),
    (
        "--watch",
        false,
        "`refract::models!` recompiles when the schema changes; run `refract generate` again for a file",
    ),
    ("--generator", true, "refract writes one set of Rust models; generator blocks are Prisma's"),
    ("--no-hints", false, "refract prints no hints to silence"),
    ("--allow-no-models", false, "refract generates from a schema without models too"),
    ("--preview-feature", false, "refract's commands need no preview flag"),
    ("--early-access", false, "refract's commands need no early-access flag"),
    ("--composite-type-depth", true, "composite types are MongoDB's"),
    ("--telemetry-information", true, "refract sends no telemetry"),
];

/// The arguments without the flags of [`IGNORED`] (and their values), and one note per flag dropped.
pub fn strip(args: impl IntoIterator<Item = OsString>) -> (Vec<OsString>, Vec<String>) {
    let mut kept = Vec::new();
    let mut notes = Vec::new();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        // After `--`, everything is a value.
        if arg == "--" {
            kept.push(arg);
            kept.extend(args.by_ref());
            break;
        }
        let text = arg.to_string_lossy();
        let (name, inline_value) = match text.split_once('=') {
            Some((name, _)) => (name.to_string(), true),
            None => (text.to_string(), false),
        };
        match IGNORED.iter().find(|(flag, ..)| *flag == name) {
            Some((flag, takes_value, why)) => {
                if *takes_value && !inline_value {
                    args.next();
                }
                notes.push(format!("note: `{flag}` is Prisma's and does nothing here ({why}); ignored"));
            }
            None => kept.push(arg),
        }
    }
    (kept, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip_strs(args: &[&str]) -> (Vec<String>, usize) {
        let (kept, notes) = strip(args.iter().map(OsString::from));
        (kept.into_iter().map(|a| a.into_string().unwrap()).collect(), notes.len())
    }

    #[test]
    fn prisma_only_flags_are_dropped_with_their_values() {
        let (kept, notes) =
            strip_strs(&["refract", "generate", "--no-engine", "--generator", "client", "--schema", "s"]);
        assert_eq!((kept, notes), (vec!["refract".into(), "generate".into(), "--schema".into(), "s".into()], 2));
        let (kept, notes) = strip_strs(&["refract", "db", "pull", "--composite-type-depth=2"]);
        assert_eq!((kept.len(), notes), (3, 1));
        // Unknown flags stay, for clap to report; anything after `--` is a value.
        let (kept, notes) = strip_strs(&["refract", "db", "seed", "--", "--watch", "--bogus"]);
        assert_eq!((kept.len(), notes), (6, 0));
    }
}
