//! A field's type: a scalar, an enum of the schema, a model (a relation field) or `Unsupported("...")`.

use std::borrow::Cow;

use refract_diagnostics::Diagnostic;
use refract_ir::ColumnType;

use super::naming::closest;
use super::records::{ColumnParts, Decls, FieldInfo, FieldKind};
use super::scalars::Scalar;
use crate::ast::{Arity, Field, TypeName};

pub(crate) fn field<'a>(
    f: &'a Field<'a>,
    doc: Option<String>,
    decls: &Decls<'a>,
    diags: &mut Vec<Diagnostic>,
) -> Option<(FieldInfo<'a>, ColumnParts)> {
    let Some(ty) = &f.ty else {
        diags.push(
            Diagnostic::error("missing-type", f.name.span, format!("field `{}` has no type", f.name.name))
                .with_help("write it as `name Type`, for example `email String`"),
        );
        return None;
    };
    if ty.arity == Arity::OptionalList {
        diags.push(
            Diagnostic::error("optional-list", ty.span, "optional lists are not supported")
                .with_help("use either `Type[]` or `Type?`"),
        );
        return None;
    }
    let kind = match &ty.name {
        TypeName::Unsupported(s) => FieldKind::Unsupported(s.value.to_string()),
        TypeName::Named(n) => {
            if let Some(s) = Scalar::from_name(n.name) {
                FieldKind::Scalar(s)
            } else if decls.enums.contains_key(n.name) {
                FieldKind::Enum(n.name)
            } else if decls.models.contains_key(n.name) {
                FieldKind::Relation(n.name)
            } else {
                let mut d = Diagnostic::error(
                    "unknown-type",
                    n.span,
                    format!("type `{}` is neither a built-in type nor a model or enum of this schema", n.name),
                );
                if let Some(s) = closest(
                    n.name,
                    Scalar::ALL.iter().copied().chain(decls.models.keys().copied()).chain(decls.enums.keys().copied()),
                ) {
                    d = d.with_help(format!("did you mean `{s}`?"));
                }
                diags.push(d);
                return None;
            }
        }
    };
    let ty_ir = match &kind {
        FieldKind::Scalar(s) => s.default_column_type(),
        FieldKind::Enum(e) => ColumnType::Enum(decls.enums[e].qualified_name()),
        FieldKind::Relation(_) => ColumnType::Text,
        FieldKind::Unsupported(s) => ColumnType::Unsupported(s.clone()),
    };
    let parts = ColumnParts { ty: ty_ir, default: None, client_default: None, autoincrement: false, doc };
    Some((FieldInfo { ast: f, column: Cow::Borrowed(f.name.name), kind, arity: ty.arity, relation: None }, parts))
}
