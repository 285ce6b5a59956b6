// A typed column compares with values of its field's type only: a quantity is an i32, not text.
refract::models!("tests/ui-queries/shop.prisma");

fn main() {
    let _ = Order::QUANTITY.eq("three");
}
