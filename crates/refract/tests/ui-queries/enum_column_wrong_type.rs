// An enum column compares with the enum's values, not with strings.
refract::models!("tests/ui-queries/shop.prisma");

fn main() {
    let _ = Order::STATUS.eq(Status::Paid);
    let _ = Order::STATUS.is_in(["PAID"]);
}
