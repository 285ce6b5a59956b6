//! Relation fields for code generation: each relation, from both sides, onto its model's table or view.

use refract_ir::{RelationField, RelationKind, Schema};

use super::pairing::{Relation, id_field};
use crate::validate::records::{ModelInfo, qualify};

/// Each model's relation fields onto its table (or view), for code generation.
pub(crate) fn relation_fields(rels: &[Relation], models: &[ModelInfo<'_>], schema: &mut Schema) {
    let key = |m: &ModelInfo<'_>| qualify(m.namespace.as_deref(), &m.table);
    let mut push = |m: &ModelInfo<'_>, field: RelationField| {
        let k = key(m);
        if let Some(t) = schema.tables.get_mut(&k).or(schema.views.get_mut(&k)) {
            t.relations.push(field);
        }
    };
    for rel in rels {
        match rel {
            Relation::ForeignKey { model, field, back, columns, target, referenced, .. } => {
                let (m, t) = (&models[*model], &models[*target]);
                let columns: Vec<String> = columns.iter().map(|c| m.fields[*c].column.to_string()).collect();
                let referenced: Vec<String> = referenced.iter().map(|c| t.fields[*c].column.to_string()).collect();
                push(
                    m,
                    RelationField {
                        field: m.fields[*field].name().to_string(),
                        target: key(t),
                        kind: RelationKind::Holds { columns: columns.clone(), referenced: referenced.clone() },
                    },
                );
                push(
                    t,
                    RelationField {
                        field: t.fields[*back].name().to_string(),
                        target: key(m),
                        kind: RelationKind::HeldBy { columns, referenced, many: t.fields[*back].is_list() },
                    },
                );
            }
            Relation::ManyToMany { table, a, b, field_a, field_b } => {
                let (ma, mb) = (&models[*a], &models[*b]);
                let join = qualify(ma.namespace.as_deref(), table);
                let (id_a, id_b) = (id_field(ma).column.to_string(), id_field(mb).column.to_string());
                for (m, field, t, own, other, id, target_id) in
                    [(ma, field_a, mb, "A", "B", &id_a, &id_b), (mb, field_b, ma, "B", "A", &id_b, &id_a)]
                {
                    push(
                        m,
                        RelationField {
                            field: m.fields[*field].name().to_string(),
                            target: key(t),
                            kind: RelationKind::ManyToMany {
                                join: join.clone(),
                                own: own.to_string(),
                                other: other.to_string(),
                                id: id.clone(),
                                target_id: target_id.clone(),
                            },
                        },
                    );
                }
            }
        }
    }
}
