// `connect` and `disconnect` write an implicit many-to-many relation's join table: no other relation
// has one.
refract::models!("tests/ui-queries/shop.prisma");

fn main() {
    let customer = Customer { id: 1, email: "a@b.c".into(), nickname: None };
    let order = Order { id: 1, customer_id: 1, quantity: 1, status: Status::Draft };
    let _ = Order::CUSTOMER.connect(&order, &customer);
    let _ = Customer::ORDERS.disconnect(&customer, &order);
}
