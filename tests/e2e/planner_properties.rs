//! Property: for random schema pairs (A, B), applying init(A) then plan(A to B) to a fresh database
//! gives the same schema as init(B), and planning B against itself is empty. Schemas are built from a
//! seed, so a failure names the seed that reproduces it. `PROPTEST_CASES` sets how many pairs (default 12:
//! each pair builds four databases).

use proptest::prelude::*;
use refract_e2e::{Scratch, plan, schema_equal, schema_of_text};
use refract_ir::Schema;

/// A tiny deterministic generator: the schema follows from the seed alone.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Scalar types with a default each may take.
const TYPES: &[(&str, &str)] = &[
    ("String", "\"x\""),
    ("Int", "1"),
    ("BigInt", "2"),
    ("Float", "1.5"),
    ("Boolean", "true"),
    ("DateTime", "now()"),
    ("Decimal", "0"),
    ("Json", "\"{}\""),
    ("String @db.VarChar(20)", "\"v\""),
    ("String @db.VarChar(40)", "\"w\""),
    ("Int @db.SmallInt", "3"),
    ("Color", "RED"),
];

#[derive(Clone)]
struct Field {
    name: String,
    ty: usize,
    optional: bool,
    list: bool,
    default: bool,
    map: Option<String>,
}

#[derive(Clone)]
struct Model {
    name: String,
    map: Option<String>,
    fields: Vec<Field>,
    /// Indexes into `fields` of a unique and an index, if any.
    unique: Option<usize>,
    index: Option<usize>,
    /// An optional relation to the first model.
    parent: bool,
}

#[derive(Clone)]
struct Spec {
    colors: Vec<&'static str>,
    models: Vec<Model>,
}

fn field(rng: &mut Rng, i: usize) -> Field {
    let ty = rng.below(TYPES.len());
    let list = ty != 7 && rng.chance(10);
    Field {
        name: format!("f{i}"),
        ty,
        optional: !list && rng.chance(40),
        list,
        default: !list && rng.chance(30),
        map: rng.chance(15).then(|| format!("col_{i}")),
    }
}

fn indexable(f: &Field) -> bool {
    !f.list && TYPES[f.ty].0 != "Json"
}

fn generate(rng: &mut Rng) -> Spec {
    let mut colors = vec!["RED"];
    colors.extend(["GREEN", "BLUE", "AMBER"].into_iter().filter(|_| rng.chance(60)));
    let models = (0..1 + rng.below(4))
        .map(|m| {
            let fields: Vec<Field> = (0..1 + rng.below(6)).map(|i| field(rng, i)).collect();
            let pick = |rng: &mut Rng| {
                let candidates: Vec<usize> = (0..fields.len()).filter(|&i| indexable(&fields[i])).collect();
                (!candidates.is_empty() && rng.chance(50)).then(|| candidates[rng.below(candidates.len())])
            };
            Model {
                name: format!("M{m}"),
                map: rng.chance(20).then(|| format!("table_{m}")),
                unique: pick(rng),
                index: pick(rng),
                parent: m > 0 && rng.chance(40),
                fields,
            }
        })
        .collect();
    Spec { colors, models }
}

/// B: A with a random handful of changes of every kind the planner handles.
fn mutate(rng: &mut Rng, a: &Spec) -> Spec {
    let mut b = a.clone();
    if rng.chance(30) {
        b.colors.retain(|c| *c == "RED" || rng.chance(60));
    }
    if rng.chance(30) && !b.colors.contains(&"VIOLET") {
        let at = 1 + rng.below(b.colors.len());
        b.colors.insert(at.min(b.colors.len()), "VIOLET");
    }
    let model_count = b.models.len();
    for m in &mut b.models {
        if rng.chance(15) {
            m.map = if m.map.is_some() { None } else { Some(format!("renamed_{}", m.name.to_lowercase())) };
        }
        for f in &mut m.fields {
            match rng.below(10) {
                0 => f.optional = !f.optional && !f.list,
                1 => {
                    f.ty = rng.below(TYPES.len());
                    f.list = f.list && f.ty != 7;
                }
                2 => f.default = !f.default && !f.list,
                3 => f.map = if f.map.is_some() { None } else { Some(format!("{}_col", f.name)) },
                _ => {}
            }
        }
        if rng.chance(25) && m.fields.len() > 1 {
            let gone = rng.below(m.fields.len());
            m.fields.remove(gone);
            m.unique = None;
            m.index = None;
        }
        if rng.chance(25) {
            let i = m.fields.len() + 10;
            m.fields.push(field(rng, i));
        }
        let candidates: Vec<usize> = (0..m.fields.len()).filter(|&i| indexable(&m.fields[i])).collect();
        let pick = |rng: &mut Rng| (!candidates.is_empty()).then(|| candidates[rng.below(candidates.len())]);
        if rng.chance(20) {
            m.unique = if m.unique.is_some() { None } else { pick(rng) };
        }
        if rng.chance(20) {
            m.index = if m.index.is_some() { None } else { pick(rng) };
        }
        m.unique = m.unique.filter(|&i| i < m.fields.len() && indexable(&m.fields[i]));
        m.index = m.index.filter(|&i| i < m.fields.len() && indexable(&m.fields[i]));
        if rng.chance(10) && m.name != "M0" {
            m.parent = !m.parent;
        }
    }
    if rng.chance(20) && model_count > 1 {
        b.models.pop();
    }
    if rng.chance(20) {
        let mut extra = generate(rng).models.remove(0);
        extra.name = "Extra".to_string();
        extra.map = extra.map.map(|_| "table_extra".to_string());
        b.models.push(extra);
    }
    b
}

fn render(spec: &Spec) -> String {
    let mut s = String::from("datasource db {\n  provider = \"postgresql\"\n}\n\nenum Color {\n");
    for c in &spec.colors {
        s.push_str(&format!("  {c}\n"));
    }
    s.push_str("}\n");
    let children: Vec<&str> = spec.models.iter().filter(|m| m.parent).map(|m| m.name.as_str()).collect();
    for m in &spec.models {
        s.push_str(&format!("\nmodel {} {{\n  id Int @id @default(autoincrement())\n", m.name));
        for f in &m.fields {
            let (ty, default) = TYPES[f.ty];
            let (base, native) = ty.split_once(' ').map_or((ty, ""), |(b, n)| (b, n));
            let arity = if f.list {
                "[]"
            } else if f.optional {
                "?"
            } else {
                ""
            };
            s.push_str(&format!("  {} {base}{arity} {native}", f.name));
            if f.default {
                s.push_str(&format!(" @default({default})"));
            }
            if let Some(map) = &f.map {
                s.push_str(&format!(" @map(\"{map}\")"));
            }
            s.push('\n');
        }
        if m.parent && m.name != "M0" {
            s.push_str("  parentId Int?\n  parent M0? @relation(fields: [parentId], references: [id])\n");
        }
        if m.name == "M0" {
            for child in &children {
                s.push_str(&format!("  {}s {child}[]\n", child.to_lowercase()));
            }
        }
        if let Some(u) = m.unique {
            s.push_str(&format!("  @@unique([{}])\n", m.fields[u].name));
        }
        if let Some(i) = m.index {
            s.push_str(&format!("  @@index([{}])\n", m.fields[i].name));
        }
        if let Some(map) = &m.map {
            s.push_str(&format!("  @@map(\"{map}\")\n"));
        }
        s.push_str("}\n");
    }
    s
}

/// Relations point at M0, so a spec without M0 drops them.
fn fix_relations(spec: &mut Spec) {
    let has_root = spec.models.first().is_some_and(|m| m.name == "M0");
    for m in &mut spec.models {
        m.parent &= has_root && m.name != "M0";
    }
}

fn check_pair(seed: u64) -> Result<(), String> {
    let mut rng = Rng(seed | 1);
    let mut a = generate(&mut rng);
    let mut b = mutate(&mut rng, &a);
    fix_relations(&mut a);
    fix_relations(&mut b);
    let (text_a, text_b) = (render(&a), render(&b));
    let (schema_a, schema_b) = (
        schema_of_text(&format!("A of seed {seed}:\n{text_a}"), &text_a),
        schema_of_text(&format!("B of seed {seed}:\n{text_b}"), &text_b),
    );
    let scratch = Scratch::new("property");
    let init_a = scratch.file("a.sql", &plan(&Schema::default(), &schema_a).to_sql());
    let step = scratch.file("step.sql", &plan(&schema_a, &schema_b).to_sql());
    let init_b = scratch.file("b.sql", &plan(&Schema::default(), &schema_b).to_sql());
    schema_equal(&[&init_a, &step], &[&init_b]).map_err(|diff| {
        format!("seed {seed}: init(A) + plan(A to B) differs from init(B)\n--- A\n{text_a}\n--- B\n{text_b}\n{diff}")
    })?;
    if !plan(&schema_b, &schema_b).is_empty() {
        return Err(format!("seed {seed}: planning B again is not empty"));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(12),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_schema_pairs_migrate(seed in any::<u64>()) {
        if let Err(message) = check_pair(seed) {
            prop_assert!(false, "{}", message);
        }
    }
}
