// An `Unsupported(...)` column is not an error: the model compiles without it.
refract::models!("tests/ui/unsupported.prisma");

fn main() {
    let d = Document { id: 1, title: "a".into() };
    let _ = d.search;
}
