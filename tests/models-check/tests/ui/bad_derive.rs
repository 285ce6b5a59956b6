// A derive that does not exist is an error at the macro call, where it was written.
refract::models!("tests/ui/shop.prisma", derive(NoSuchDerive));

fn main() {}
