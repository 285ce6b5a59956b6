use crate::{OutputFormat, Outcome, SchemaArg};

pub fn run(_arg: &SchemaArg, _check: bool, _format: OutputFormat) -> Outcome {
    Outcome::Usage
}
