// `is_null` exists on optional columns only.
refract::models!("tests/ui-queries/shop.prisma");

fn main() {
    let _ = Customer::NICKNAME.is_null();
    let _ = Customer::EMAIL.is_null();
}
