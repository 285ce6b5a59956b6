//! The three operations on JSON values a history's state needs: the merge patch (RFC 7396) that turns
//! one value into another, applying it, and the three-way merge of two values changed from one base
//! (two branches' migrations). Object members keep their order (serde_json's `preserve_order`), so a
//! value read back is written back the same.

use serde_json::{Map, Value};

/// The merge patch that turns `from` into `to` (objects member by member; anything else whole).
pub fn merge_patch(from: &Value, to: &Value) -> Value {
    match (from, to) {
        (Value::Object(a), Value::Object(b)) => {
            let mut patch = Map::new();
            for (key, value) in b {
                match a.get(key) {
                    Some(old) if old == value => {}
                    Some(old) => {
                        patch.insert(key.clone(), merge_patch(old, value));
                    }
                    None => {
                        patch.insert(key.clone(), value.clone());
                    }
                }
            }
            for key in a.keys().filter(|k| !b.contains_key(*k)) {
                patch.insert(key.clone(), Value::Null);
            }
            Value::Object(patch)
        }
        _ => to.clone(),
    }
}

/// RFC 7396: `patch` applied to `target`.
pub fn apply_merge_patch(target: &mut Value, patch: &Value) {
    let Value::Object(members) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    let Value::Object(map) = target else { return };
    for (key, value) in members {
        if value.is_null() {
            map.shift_remove(key);
        } else {
            apply_merge_patch(map.entry(key.clone()).or_insert(Value::Null), value);
        }
    }
}

/// The three-way merge of `ours` and `theirs`, both changed from `base`: a member only one side
/// changed takes that side's value, one both changed alike takes it, and objects both changed merge
/// member by member. Anything else (both sides changed one list, one value, or one side removed what
/// the other changed) is a conflict: `None`. Members keep `ours`'s order, `theirs`'s new ones after.
pub fn merge3(base: &Value, ours: &Value, theirs: &Value) -> Option<Value> {
    merge_member(Some(base), Some(ours), Some(theirs)).map(|v| v.unwrap_or(Value::Null))
}

/// One member: `None` inside is "absent on that side"; the outer `None` is a conflict.
fn merge_member(base: Option<&Value>, ours: Option<&Value>, theirs: Option<&Value>) -> Option<Option<Value>> {
    if ours == theirs {
        return Some(ours.cloned());
    }
    if ours == base {
        return Some(theirs.cloned());
    }
    if theirs == base {
        return Some(ours.cloned());
    }
    let (Some(Value::Object(b)), Some(Value::Object(o)), Some(Value::Object(t))) = (base, ours, theirs) else {
        return None;
    };
    let mut merged = Map::new();
    for key in o.keys().chain(t.keys().filter(|k| !o.contains_key(*k))) {
        if let Some(value) = merge_member(b.get(key), o.get(key), t.get(key))? {
            merged.insert(key.clone(), value);
        }
    }
    Some(Some(Value::Object(merged)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_patch_turns_one_value_into_the_other() {
        let from = json!({"a": 1, "b": {"c": [1, 2], "d": "x"}, "gone": true});
        let to = json!({"a": 1, "b": {"c": [1, 2, 3], "d": "x"}, "new": null});
        let patch = merge_patch(&from, &to);
        assert_eq!(patch, json!({"b": {"c": [1, 2, 3]}, "new": null, "gone": null}));
        let mut value = from.clone();
        apply_merge_patch(&mut value, &patch);
        // RFC 7396 cannot set a null member: it removes it, which the IR reads as the same.
        assert_eq!(value, json!({"a": 1, "b": {"c": [1, 2, 3], "d": "x"}}));
    }

    #[test]
    fn disjoint_changes_merge_and_overlapping_ones_conflict() {
        let base = json!({"tables": {"User": {"columns": {"id": 1}, "indexes": [1]}}});
        let ours = json!({"tables": {"User": {"columns": {"id": 1, "nick": 2}, "indexes": [1]}}});
        let theirs = json!({"tables": {"User": {"columns": {"id": 1}, "indexes": [1, 2]}, "Post": {"columns": {}}}});
        assert_eq!(
            merge3(&base, &ours, &theirs),
            Some(
                json!({"tables": {"User": {"columns": {"id": 1, "nick": 2}, "indexes": [1, 2]}, "Post": {"columns": {}}}})
            )
        );
        // Both changed one list; one removed what the other changed.
        let other = json!({"tables": {"User": {"columns": {"id": 1}, "indexes": [3]}}});
        assert_eq!(merge3(&base, &theirs, &other), None);
        let dropped = json!({"tables": {}});
        assert_eq!(merge3(&base, &dropped, &ours), None);
        // Both made the same change.
        assert_eq!(merge3(&base, &ours, &ours), Some(ours.clone()));
    }
}
