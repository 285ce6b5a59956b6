// A view is read: its row struct exists, but there is nothing to insert into it.
refract::models!("tests/ui/views.prisma");

fn main() {
    let row = ActiveUser { id: 1, email: "a@b.c".into() };
    assert_eq!(ActiveUser::TABLE, "ActiveUser");
    let _ = NewUser { email: row.email };
    let _ = NewActiveUser { email: String::new() };
}
