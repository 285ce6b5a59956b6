//! `refract::models!` on a folder: the models of every file, relations across files included.

use refract_models_check::multi_file::*;

#[test]
fn a_folder_gives_the_models_of_every_file() {
    // Models from schema/user.prisma, post.prisma, catalog/tag.prisma and catalog/profile.prisma, and
    // the enum of catalog/tag.prisma used by the model of user.prisma.
    let user = User { id: 1, email: "a@b.c".into(), role: Role::Admin };
    let post = NewPost { title: "t".into(), author_id: user.id };
    let profile = NewProfile { bio: "b".into(), user_id: user.id };
    let tag = NewTag { name: "n".into() };
    assert_eq!((post.author_id, profile.user_id, tag.name.as_str()), (1, 1, "n"));
    assert_eq!(User::TABLE, "User");
    assert_eq!(Post::TABLE, "Post");
}
