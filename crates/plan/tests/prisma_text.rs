//! For schemas Prisma also accepts, the initial migration is Prisma's migration.sql byte for byte:
//! same steps in the same order, same headers, layout and names. Prisma's output is committed beside
//! each schema (`cargo xtask prisma-snapshots` regenerates it). Schemas with `@check` (which Prisma does
//! not know) or names PostgreSQL truncates (Prisma leaves that to the server) are compared by effect in
//! the end-to-end tests instead.

use std::path::PathBuf;

use refract_ir::Schema;
use refract_plan::{PlanOptions, plan};

fn data() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schema/tests/data/prisma")
}

#[test]
fn initial_migrations_are_prismas_text() {
    let same_text =
        ["basket", "corpus-hoppscotch", "corpus-umami", "corpus-zipline", "gen-60", "gen-60-variant-1", "trading-v1"];
    for name in same_text {
        let source = std::fs::read_to_string(data().join(format!("{name}.prisma"))).unwrap();
        let checked = refract_schema::check(&source);
        assert!(!checked.has_errors(), "{name}: {:#?}", checked.diagnostics);
        let ours = plan(&Schema::default(), &checked.schema, &PlanOptions::default()).to_sql();
        let prisma = std::fs::read_to_string(data().join(format!("{name}.prisma.sql"))).unwrap();
        // The oracle ends its output with one extra newline.
        let prisma = prisma.strip_suffix('\n').unwrap_or(&prisma);
        if ours != prisma {
            let first = ours.lines().zip(prisma.lines()).position(|(a, b)| a != b).unwrap_or(0);
            panic!(
                "{name}: differs from Prisma's at line {}:\n  ours:   {:?}\n  prisma: {:?}",
                first + 1,
                ours.lines().nth(first),
                prisma.lines().nth(first)
            );
        }
    }
}
