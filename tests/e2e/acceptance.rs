//! The front end's acceptance checks that use the reference material in `../shared` as it is (the
//! examples, the corpus and `tools/gen-schema`), so they keep testing what the issue names even if the
//! copies in the project drift.

use std::process::Command;

use refract_e2e::shared;

fn assert_valid(label: &str, text: &str) {
    let checked = refract_schema::check(text);
    let errors: Vec<_> = checked.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{label}: {errors:#?}");
    assert!(!checked.schema.tables.is_empty(), "{label}: no tables");
}

#[test]
fn every_example_and_corpus_schema_is_valid() {
    let mut files = vec![
        shared().join("examples/basket/schema.prisma"),
        shared().join("examples/wedefi/schema.prisma"),
        shared().join("examples/trading/v1.prisma"),
        shared().join("examples/trading/v2.prisma"),
    ];
    for project in ["diced__zipline", "hoppscotch__hoppscotch", "umami-software__umami"] {
        files.push(shared().join("corpus").join(project).join("schema.prisma"));
    }
    for f in files {
        let text = std::fs::read_to_string(&f)
            .unwrap_or_else(|e| panic!("{}: {e} (../shared must be beside the project)", f.display()));
        assert_valid(&f.display().to_string(), &text);
    }
}

#[test]
fn generated_schemas_are_valid() {
    for args in [vec!["3000"], vec!["1000", "--variant", "1"], vec!["300", "--variant", "3"]] {
        let out =
            Command::new(shared().join("tools/gen-schema")).args(&args).output().expect("gen-schema runs (python3)");
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        let checked = refract_schema::check(&text);
        assert_valid(&format!("gen-schema {}", args.join(" ")), &text);
        let models: usize = args[0].parse().unwrap();
        // Every model is a table; implicit many-to-many relations would add more.
        assert!(checked.schema.tables.len() >= models, "gen-schema {}", args.join(" "));
    }
}
