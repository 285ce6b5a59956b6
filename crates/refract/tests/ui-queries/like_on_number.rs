// `like` exists on text columns only.
refract::models!("tests/ui-queries/shop.prisma");

fn main() {
    let _ = Customer::EMAIL.like("%@example.com");
    let _ = Order::QUANTITY.like("1%");
}
