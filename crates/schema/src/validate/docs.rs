//! Doc comments (`///`): the text of the run of them right before a member or a top-level item.

use crate::ast::{Comment, CommentKind, Member, TopItem};

/// The text of the `///` comments right before member `i` of a block.
pub(crate) fn docs_before(members: &[Member], i: usize) -> Option<String> {
    doc_text(members[..i].iter().map(|m| match m {
        Member::Comment(c) => Some(c),
        _ => None,
    }))
}

/// The text of the `///` comments right before top-level item `i`.
pub(crate) fn top_docs_before(items: &[TopItem], i: usize) -> Option<String> {
    doc_text(items[..i].iter().map(|m| match m {
        TopItem::Comment(c) => Some(c),
        _ => None,
    }))
}

/// The unbroken run of doc comments at the end of `preceding` (each item a comment or something else).
fn doc_text<'c>(preceding: impl DoubleEndedIterator<Item = Option<&'c Comment<'c>>>) -> Option<String> {
    let mut docs: Vec<&str> =
        preceding.rev().map_while(|c| c.filter(|c| c.kind == CommentKind::Doc).map(|c| c.doc_text())).collect();
    docs.reverse();
    (!docs.is_empty()).then(|| docs.join("\n"))
}
