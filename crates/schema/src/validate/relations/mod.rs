//! Relations: every relation field paired with its opposite, checked, and lowered into foreign keys and
//! implicit many-to-many join tables.
//!
//! `pairing` pairs the fields and checks each pair into a [`Relation`]; `lowering` makes foreign keys and
//! join tables of them; `cycles` refuses cycles of referential actions (`relationMode = "prisma"`);
//! `fields` gives each table the relation fields code generation reads.

mod cycles;
mod fields;
mod lowering;
mod pairing;

pub(crate) use cycles::check_action_cycles;
pub(crate) use fields::relation_fields;
pub(crate) use lowering::lower;
pub(crate) use pairing::{Relation, resolve};
