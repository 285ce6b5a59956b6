// A multi-file schema with an error in one of its files: the report names that file and line.
refract::models!("tests/ui/broken_folder");

fn main() {}
