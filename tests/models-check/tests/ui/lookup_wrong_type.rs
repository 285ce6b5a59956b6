// A lookup takes the key's Rust type (or anything `Into` it): an email is a String, not a number.
refract::models!("tests/ui/shop.prisma");

fn main() {
    let _ = Customer::find_by_email(42);
}
