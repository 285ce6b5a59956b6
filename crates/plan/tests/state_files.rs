//! State files: the same state always gives the same bytes, laid out one column, index or key per
//! line for review, and reading a file gives back the state.

use std::path::Path;

use refract_plan::state_file::{Accounted, Recorded, State, StateFile};

fn trading_v2() -> refract_ir::Schema {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema/tests/data/prisma/trading-v2.prisma");
    refract_schema::check(&std::fs::read_to_string(path).unwrap()).schema
}

#[test]
fn state_files_are_deterministic_reviewable_and_read_back() {
    let schema = trading_v2();
    let file = |schema: refract_ir::Schema| StateFile {
        migration: Accounted { name: "20240101000000_init".into(), checksum: "0".repeat(64) },
        recorded: Recorded::Whole { accounts_for: Vec::new(), state: State::of(schema).encode() },
    };
    let text = file(schema.clone()).to_text();
    assert_eq!(text, file(trading_v2()).to_text(), "same state, same bytes");
    assert!(text.starts_with("{\n  \"format\": \"refract-state/1\""), "{}", &text[..80]);
    // One line per column, index or key (what fits in 120 columns), for review and small diffs.
    let columns: usize = schema.tables.values().map(|t| t.columns.len()).sum();
    assert!(text.lines().count() > columns, "{text}");
    assert!(text.lines().all(|l| l.len() <= 120 || !l.trim_start().starts_with('{')), "{text}");
    assert!(text.contains("\n            \"id\": {\"name\": \"id\""), "a column on one line:\n{text}");

    let read = StateFile::parse(&text).unwrap();
    let Recorded::Whole { state, .. } = read.recorded else { panic!("a whole state") };
    assert_eq!(State::decode(state).unwrap().schema, schema, "the IR reads back");
}
