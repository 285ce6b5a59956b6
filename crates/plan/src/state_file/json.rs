//! The three-way merge of two JSON values changed from one base (two branches' migrations). The change
//! from one value to another is a JSON Patch (RFC 6902, the `json-patch` crate), which unlike a merge
//! patch carries nulls. Object members keep their order (serde_json's `preserve_order`), so a value read
//! back is written back the same.

use serde_json::{Map, Value};

/// The JSON Patch that turns `from` into `to`.
pub fn diff(from: &Value, to: &Value) -> json_patch::Patch {
    json_patch::diff(from, to)
}

/// `change` applied to `value`; `None` when it does not apply (it was made for another value).
pub fn apply(mut value: Value, change: &json_patch::Patch) -> Option<Value> {
    json_patch::patch(&mut value, change).ok()?;
    Some(value)
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
    fn a_change_turns_one_value_into_the_other_nulls_included() {
        let from = json!({"a": 1, "b": {"c": [1, 2], "d": "x"}, "gone": true});
        let to = json!({"a": 1, "b": {"c": [1, 2, 3], "d": null}, "new": {"DbGenerated": null}});
        assert_eq!(apply(from.clone(), &diff(&from, &to)), Some(to.clone()));
        assert_eq!(apply(json!({}), &diff(&from, &to)), None, "made for another value");
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
