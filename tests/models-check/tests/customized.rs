//! Derives and attributes chosen in the macro call reach the generated models: for every model
//! (`Hash`, `Eq`, camelCase serde names) and for one (`Ord` on `Tag` only).

use std::collections::HashSet;

use refract_models_check::customized::*;

#[test]
fn chosen_derives_and_attributes_apply() {
    let note = Note { id: 1, created_by: "ada".into(), title: "t".into(), pinned: true };
    let set: HashSet<Note> = [note.clone(), note.clone()].into_iter().collect();
    assert_eq!(set.len(), 1, "Hash and Eq on every model");
    let json = refract::serde_json::to_value(&note).unwrap();
    assert_eq!(json["createdBy"], "ada", "serde(rename_all = \"camelCase\") on every model: {json}");
    let new = refract::serde_json::to_value(NewNote { created_by: "bob".into(), title: "u".into() }).unwrap();
    assert_eq!(new["createdBy"], "bob", "and on the insert types: {new}");
    let mut tags = [Tag { id: 2, label: "b".into() }, Tag { id: 1, label: "a".into() }];
    tags.sort();
    assert_eq!(tags[0].id, 1, "Ord on Tag alone");
}
