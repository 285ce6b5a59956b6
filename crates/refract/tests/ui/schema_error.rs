refract::models!("tests/ui/broken.prisma");

fn main() {}
