//! The models generated for every acceptance schema, compiled with every feature on. A warning in
//! generated code fails the build (and `cargo clippy -D warnings` runs over it in CI).
//!
//! The schemas are copies of `../shared/examples`, `../shared/corpus` and `gen-schema 300`, so this
//! crate builds on its own.

#![deny(warnings)]

pub mod basket {
    refract::models!("schemas/basket.prisma");
}
pub mod wedefi {
    refract::models!("schemas/wedefi.prisma");
}
pub mod trading_v1 {
    refract::models!("schemas/trading-v1.prisma");
}
pub mod trading_v2 {
    refract::models!("schemas/trading-v2.prisma");
}
pub mod umami {
    refract::models!("schemas/umami.prisma");
}
pub mod hoppscotch {
    refract::models!("schemas/hoppscotch.prisma");
}
pub mod zipline {
    refract::models!("schemas/zipline.prisma");
}
pub mod edge_cases {
    refract::models!("schemas/edge-cases.prisma");
}
/// Views (the `views` preview feature): read-only row structs, relations to and from models.
pub mod views {
    refract::models!("schemas/views.prisma");
}
/// Derives and attributes the application chooses: for every model, and for one.
pub mod customized {
    refract::models!(
        "schemas/customized.prisma",
        derive(Hash, Eq),
        attr(serde(rename_all = "camelCase")),
        model(Tag, derive(PartialOrd, Ord)),
    );
}
/// Names that collide in Rust: distinct, predictable, documented.
pub mod collisions {
    refract::models!("schemas/collisions.prisma");
}
pub mod gen_schema_300 {
    refract::models!("schemas/gen-schema-300.prisma");
}
/// A multi-file schema: the macro reads every `.prisma` file of the folder as one schema (relations
/// across files) and tracks each file for rebuilds.
pub mod multi_file {
    refract::models!("schemas/multi-file");
}

/// The demo schema's models as `refract generate` writes them (a test keeps the file up to date;
/// rustfmt must leave it as written).
#[rustfmt::skip]
#[path = "demo_generated.rs"]
pub mod demo_generated;
