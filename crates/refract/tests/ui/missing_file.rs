refract::models!("tests/ui/no-such-schema.prisma");

fn main() {}
