// Relation methods are the schema's relation fields: `Order` has `customer`, not `shipment`.
refract::models!("tests/ui/shop.prisma");

fn main() {
    let order = Order { id: 1, customer_id: 1 };
    let _ = order.customer();
    let _ = order.shipment();
}
