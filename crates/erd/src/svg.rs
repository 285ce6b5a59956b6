//! The SVG drawing: each model a box (its name, then a row per column), laid out by `layout-rs`
//! (Sugiyama's method: layers, crossing reduction, Brandes-Köpf placement; edges routed around the
//! boxes through the layers they cross). Each namespace is laid out on its own and framed; models with
//! no relation in their namespace are set in a grid under it, enums in a grid under everything.
//! Relations between namespaces are drawn as curves between the frames.

use std::collections::HashMap;
use std::fmt::Write as _;

use layout::core::base::Orientation;
use layout::core::format::{ClipHandle, RenderBackend};
use layout::core::geometry::Point;
use layout::core::style::StyleAttr;
use layout::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
use layout::topo::layout::VisualGraph;

use crate::{Cardinality, Diagram, Entity, Error};

const FONT: f64 = 12.0;
/// The width of one character of the monospace font at [`FONT`] (DejaVu Sans Mono: 0.602 em).
const CHAR: f64 = FONT * 0.61;
const HEAD: f64 = 24.0;
const ROW: f64 = 17.0;
const PAD: f64 = 8.0;
const GAP: f64 = 40.0;
const FRAME_PAD: f64 = 20.0;
const FRAME_TITLE: f64 = 24.0;

/// A rectangle: top-left corner and size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.x + other.w
            && other.x < self.x + self.w
            && self.y < other.y + other.h
            && other.y < self.y + self.h
    }

    fn center(&self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    fn moved(&self, dx: f64, dy: f64) -> Rect {
        Rect { x: self.x + dx, y: self.y + dy, ..*self }
    }
}

/// Where everything is drawn.
#[derive(Debug, Clone)]
pub struct Layout<'d> {
    pub diagram: &'d Diagram,
    pub width: f64,
    pub height: f64,
    /// One per entity.
    pub boxes: Vec<Rect>,
    /// One per enum.
    pub enum_boxes: Vec<Rect>,
    /// A frame per namespace, when the schema has several.
    pub frames: Vec<(String, Rect)>,
    /// One per relation: the SVG path and whether it starts at the parent.
    pub edges: Vec<(String, bool)>,
}

fn entity_size(e: &Entity) -> (f64, f64) {
    let title = e.name.len() + if e.view { 7 } else { 0 };
    let widest = e
        .fields
        .iter()
        .map(|f| 3 + f.name.chars().count() + 2 + f.schema_type().chars().count())
        .max()
        .unwrap_or(0)
        .max(title + 2);
    (widest as f64 * CHAR + 2.0 * PAD, HEAD + ROW * e.fields.len() as f64 + PAD / 2.0)
}

fn enum_size(name: &str, values: &[String]) -> (f64, f64) {
    let widest = values.iter().map(|v| v.chars().count()).max().unwrap_or(0).max(name.len() + 6);
    (widest as f64 * CHAR + 2.0 * PAD, HEAD + ROW * values.len() as f64 + PAD / 2.0)
}

/// Collects the routed edges layout-rs draws (the boxes are drawn here, from their positions).
#[derive(Default)]
struct Collect {
    paths: HashMap<usize, Vec<(Point, Point)>>,
}

impl RenderBackend for Collect {
    fn draw_rect(&mut self, _: Point, _: Point, _: &StyleAttr, _: Option<String>, _: Option<ClipHandle>) {}
    fn draw_line(&mut self, _: Point, _: Point, _: &StyleAttr, _: Option<String>) {}
    fn draw_circle(&mut self, _: Point, _: Point, _: &StyleAttr, _: Option<String>) {}
    fn draw_text(&mut self, _: Point, _: &str, _: &StyleAttr) {}
    fn draw_arrow(
        &mut self,
        path: &[(Point, Point)],
        _: bool,
        _: (bool, bool),
        _: &StyleAttr,
        properties: Option<String>,
        _: &str,
    ) {
        if let Some(i) = properties.and_then(|p| p.parse().ok()) {
            self.paths.insert(i, path.to_vec());
        }
    }
    fn create_clip(&mut self, _: Point, _: Point, _: usize) -> ClipHandle {
        0
    }
}

/// One namespace laid out at the origin.
struct Part {
    members: Vec<usize>,
    boxes: HashMap<usize, Rect>,
    paths: HashMap<usize, Vec<(f64, f64)>>,
    width: f64,
    height: f64,
}

/// The most models one layout-rs graph is given: its crossing reduction grows with the cube of a
/// layer's width (about 0.8 s for gen-schema 300 in one graph, 30 ms in chunks of this size). A larger
/// namespace is cut into chunks of neighbouring models (breadth-first), each laid out on its own and
/// set in a grid; relations between chunks are drawn as curves.
const CHUNK: usize = 60;

fn chunks(diagram: &Diagram, related: &[usize]) -> Vec<Vec<usize>> {
    if related.len() <= CHUNK {
        return vec![related.to_vec()];
    }
    let member: HashMap<usize, ()> = related.iter().map(|&m| (m, ())).collect();
    let mut adjacent: HashMap<usize, Vec<usize>> = HashMap::new();
    for r in &diagram.relations {
        if r.parent != r.child && member.contains_key(&r.parent) && member.contains_key(&r.child) {
            adjacent.entry(r.parent).or_default().push(r.child);
            adjacent.entry(r.child).or_default().push(r.parent);
        }
    }
    // Breadth-first from the most connected model not yet placed, so a chunk holds neighbours.
    let mut order = Vec::with_capacity(related.len());
    let mut seen: HashMap<usize, ()> = HashMap::new();
    let mut by_degree = related.to_vec();
    by_degree.sort_by_key(|m| std::cmp::Reverse(adjacent.get(m).map_or(0, Vec::len)));
    for &root in &by_degree {
        if seen.insert(root, ()).is_some() {
            continue;
        }
        let mut queue = std::collections::VecDeque::from([root]);
        while let Some(at) = queue.pop_front() {
            order.push(at);
            for &next in adjacent.get(&at).map_or(&[][..], Vec::as_slice) {
                if seen.insert(next, ()).is_none() {
                    queue.push_back(next);
                }
            }
        }
    }
    let count = order.len().div_ceil(CHUNK);
    let size = order.len().div_ceil(count);
    order.chunks(size).map(<[usize]>::to_vec).collect()
}

/// A graph of models laid out by layout-rs, at the origin: the boxes and the routed relations.
struct Graph {
    boxes: HashMap<usize, Rect>,
    paths: HashMap<usize, Vec<(f64, f64)>>,
    width: f64,
    height: f64,
}

fn layout_graph(diagram: &Diagram, nodes: &[usize]) -> Result<Graph, Error> {
    let mut boxes = HashMap::new();
    let mut paths = HashMap::new();
    let mut graph = VisualGraph::new(Orientation::TopToBottom);
    let mut handles = HashMap::new();
    for &m in nodes {
        let (w, h) = entity_size(&diagram.entities[m]);
        let element = Element::create_with_properties(
            ShapeKind::Box(String::new()),
            StyleAttr::simple(),
            Orientation::TopToBottom,
            Point::new(w, h),
            m.to_string(),
        );
        handles.insert(m, graph.add_node(element));
    }
    for (i, r) in diagram.relations.iter().enumerate() {
        if r.parent == r.child {
            continue;
        }
        if let (Some(&p), Some(&c)) = (handles.get(&r.parent), handles.get(&r.child)) {
            let arrow = Arrow::with_properties(
                LineEndKind::None,
                LineEndKind::None,
                layout::core::style::LineStyleKind::Normal,
                "",
                &StyleAttr::simple(),
                i.to_string(),
                &None,
                &None,
            );
            graph.add_edge(arrow, p, c);
        }
    }
    let mut collect = Collect::default();
    // layout-rs asserts its own invariants; a failed one is reported, not a crash.
    let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        graph.do_it(false, false, false, &mut collect);
        graph
    }));
    let graph = ran.map_err(|_| Error("the layout library could not lay this schema out".into()))?;
    let (mut min_x, mut min_y, mut max_x, mut max_y) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    let mut grow = |x: f64, y: f64| {
        min_x = min_x.min(x);
        min_y = min_y.min(y);
        max_x = max_x.max(x);
        max_y = max_y.max(y);
    };
    for (&m, &h) in &handles {
        let (tl, br) = graph.pos(h).bbox(false);
        grow(tl.x, tl.y);
        grow(br.x, br.y);
        boxes.insert(m, Rect { x: tl.x, y: tl.y, w: br.x - tl.x, h: br.y - tl.y });
    }
    for (i, path) in collect.paths {
        let mut points = Vec::with_capacity(path.len() * 2);
        for (a, b) in path {
            grow(a.x, a.y);
            grow(b.x, b.y);
            points.push((a.x, a.y));
            points.push((b.x, b.y));
        }
        paths.insert(i, points);
    }
    for b in boxes.values_mut() {
        *b = b.moved(-min_x, -min_y);
    }
    for p in paths.values_mut() {
        for pt in p.iter_mut() {
            *pt = (pt.0 - min_x, pt.1 - min_y);
        }
    }
    Ok(Graph { boxes, paths, width: max_x - min_x, height: max_y - min_y })
}

fn layout_part(diagram: &Diagram, members: &[usize]) -> Result<Part, Error> {
    let inside: HashMap<usize, ()> = members.iter().map(|&m| (m, ())).collect();
    let related: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&m| {
            diagram.relations.iter().any(|r| {
                r.parent != r.child
                    && ((r.parent == m && inside.contains_key(&r.child))
                        || (r.child == m && inside.contains_key(&r.parent)))
            })
        })
        .collect();
    let mut boxes = HashMap::new();
    let mut paths = HashMap::new();
    let (mut width, mut height) = (0.0f64, 0.0f64);
    if !related.is_empty() {
        let graphs = chunks(diagram, &related)
            .iter()
            .map(|nodes| layout_graph(diagram, nodes))
            .collect::<Result<Vec<Graph>, Error>>()?;
        let sizes: Vec<(f64, f64)> = graphs.iter().map(|g| (g.width, g.height)).collect();
        let (placed, w, h) = grid(&sizes, 0.0);
        for (g, at) in graphs.into_iter().zip(placed) {
            for (m, b) in g.boxes {
                boxes.insert(m, b.moved(at.x, at.y));
            }
            for (i, mut p) in g.paths {
                for pt in p.iter_mut() {
                    *pt = (pt.0 + at.x, pt.1 + at.y);
                }
                paths.insert(i, p);
            }
        }
        width = w;
        height = h;
    }
    // The rest in rows under the graph, as wide as the graph (or about square).
    let loose: Vec<usize> = members.iter().copied().filter(|m| !related.contains(m)).collect();
    let sizes: Vec<(f64, f64)> = loose.iter().map(|&m| entity_size(&diagram.entities[m])).collect();
    let top = if height > 0.0 { height + GAP } else { 0.0 };
    let (placed, w, h) = grid(&sizes, width);
    for (m, r) in loose.iter().zip(placed) {
        boxes.insert(*m, r.moved(0.0, top));
    }
    if !loose.is_empty() {
        width = width.max(w);
        height = top + h;
    }
    Ok(Part { members: members.to_vec(), boxes, paths, width, height })
}

/// Boxes in rows no wider than `width` (or about a square's side when that is narrower), left to right.
fn grid(sizes: &[(f64, f64)], width: f64) -> (Vec<Rect>, f64, f64) {
    let area: f64 = sizes.iter().map(|(w, h)| (w + GAP) * (h + GAP)).sum();
    let limit = width.max(area.sqrt() * 1.5);
    let (mut x, mut y, mut row_h, mut max_w) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
    let mut out = Vec::with_capacity(sizes.len());
    for &(w, h) in sizes {
        if x > 0.0 && x + w > limit {
            x = 0.0;
            y += row_h + GAP;
            row_h = 0.0;
        }
        out.push(Rect { x, y, w, h });
        max_w = max_w.max(x + w);
        x += w + GAP;
        row_h = row_h.max(h);
    }
    (out, max_w, if sizes.is_empty() { 0.0 } else { y + row_h })
}

/// Lays the diagram out.
pub fn layout(diagram: &Diagram) -> Result<Layout<'_>, Error> {
    let namespaces = diagram.namespaces();
    let framed = namespaces.len() > 1 || namespaces.first().is_some_and(|n| n.is_some());
    let mut boxes = vec![Rect { x: 0.0, y: 0.0, w: 0.0, h: 0.0 }; diagram.entities.len()];
    let mut edges = vec![(String::new(), true); diagram.relations.len()];
    let mut frames = Vec::new();
    let margin = 16.0;
    let (mut x, mut height) = (margin, 0.0f64);
    let inset = if framed { FRAME_PAD } else { 0.0 };
    let title = if framed { FRAME_TITLE } else { 0.0 };
    for ns in &namespaces {
        let members: Vec<usize> =
            (0..diagram.entities.len()).filter(|&i| diagram.entities[i].namespace.as_deref() == *ns).collect();
        let part = layout_part(diagram, &members)?;
        let (dx, dy) = (x + inset, margin + inset + title);
        for &m in &part.members {
            boxes[m] = part.boxes[&m].moved(dx, dy);
        }
        for (&i, points) in &part.paths {
            edges[i] = (path_d(points, dx, dy), starts_at(points, dx, dy, &boxes[diagram.relations[i].parent]));
        }
        let frame = Rect { x, y: margin, w: part.width + 2.0 * inset, h: part.height + 2.0 * inset + title };
        if framed {
            frames.push((ns.unwrap_or("(default schema)").to_string(), frame));
        }
        x += frame.w + GAP * 2.0;
        height = height.max(frame.h + margin);
    }
    let mut width = (x - GAP * 2.0).max(margin);
    // Relations the layout did not route: self-relations (a loop on the box's right side) and those
    // between namespaces (a curve between the boxes' facing sides).
    for (i, r) in diagram.relations.iter().enumerate() {
        if !edges[i].0.is_empty() {
            continue;
        }
        let (p, c) = (boxes[r.parent], boxes[r.child]);
        if r.parent == r.child {
            let (x0, y0) = (p.x + p.w, p.y + HEAD / 2.0);
            let y1 = p.y + HEAD / 2.0 + ROW * 1.5;
            edges[i] = (
                format!("M {x0:.1} {y0:.1} C {:.1} {y0:.1}, {:.1} {y1:.1}, {x0:.1} {y1:.1}", x0 + 40.0, x0 + 40.0),
                true,
            );
            width = width.max(x0 + 44.0);
            continue;
        }
        let ((pcx, pcy), (ccx, ccy)) = (p.center(), c.center());
        let (sx, ex) = if pcx <= ccx { (p.x + p.w, c.x) } else { (p.x, c.x + c.w) };
        let bend = ((ex - sx).abs() / 2.0).max(30.0) * if pcx <= ccx { 1.0 } else { -1.0 };
        edges[i] = (
            format!("M {sx:.1} {pcy:.1} C {:.1} {pcy:.1}, {:.1} {ccy:.1}, {ex:.1} {ccy:.1}", sx + bend, ex - bend),
            true,
        );
    }
    // Enums under everything.
    let sizes: Vec<(f64, f64)> = diagram.enums.iter().map(|e| enum_size(&e.name, &e.values)).collect();
    let top = if height > 0.0 { height + GAP + FRAME_TITLE } else { 0.0 };
    let (placed, w, h) = grid(&sizes, width - margin);
    let enum_boxes: Vec<Rect> = placed.into_iter().map(|r| r.moved(margin, top.max(margin))).collect();
    if !enum_boxes.is_empty() {
        width = width.max(margin + w);
        height = top.max(margin) + h;
    }
    Ok(Layout { diagram, width: width + margin, height: height + margin, boxes, enum_boxes, frames, edges })
}

/// Does the routed path start at the parent's box (layout-rs reverses edges to break cycles)?
fn starts_at(points: &[(f64, f64)], dx: f64, dy: f64, parent: &Rect) -> bool {
    let distance = |(x, y): (f64, f64)| {
        let (cx, cy) = parent.center();
        ((x + dx - cx).powi(2) + (y + dy - cy).powi(2)).sqrt()
    };
    match (points.first(), points.iter().rev().nth(1)) {
        (Some(&a), Some(&b)) => distance(a) <= distance(b),
        _ => true,
    }
}

/// layout-rs's path (the exit vector from the first point, then entry vectors into the others) as SVG:
/// `M p0 C c0, c1 p1 S c2 p2 ...`.
fn path_d(points: &[(f64, f64)], dx: f64, dy: f64) -> String {
    let p = |i: usize| (points[i].0 + dx, points[i].1 + dy);
    let mut d = String::new();
    if points.len() < 4 {
        return d;
    }
    let (a, b, c, e) = (p(0), p(1), p(2), p(3));
    let _ = write!(d, "M {:.1} {:.1} C {:.1} {:.1}, {:.1} {:.1}, {:.1} {:.1}", a.0, a.1, b.0, b.1, c.0, c.1, e.0, e.1);
    let mut i = 4;
    while i + 1 < points.len() {
        let (c, e) = (p(i), p(i + 1));
        let _ = write!(d, " S {:.1} {:.1}, {:.1} {:.1}", c.0, c.1, e.0, e.1);
        i += 2;
    }
    d
}

pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn marker(c: Cardinality) -> &'static str {
    match c {
        Cardinality::ExactlyOne => "one",
        Cardinality::ZeroOrOne => "zero-one",
        Cardinality::ZeroOrMore => "many",
    }
}

const STYLE: &str = r#"
  .erd { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; }
  .erd .box { fill: #ffffff; stroke: #5b6b7f; stroke-width: 1.2; }
  .erd .head { fill: #dde7f3; stroke: none; }
  .erd .view .head { fill: #e6f2e1; }
  .erd .enum .head { fill: #f3ecd9; }
  .erd .name { font-weight: bold; font-size: 13px; fill: #1d2733; }
  .erd .key { fill: #a05a00; font-size: 10px; }
  .erd .type { fill: #5b6b7f; }
  .erd .rel { fill: none; stroke: #7b8a9c; stroke-width: 1.2; }
  .erd .m2m { stroke-dasharray: 5 4; }
  .erd .frame rect { fill: #f7f9fb; stroke: #b6c2cf; stroke-dasharray: 6 4; }
  .erd .frame text { font-weight: bold; fill: #5b6b7f; }
  .erd .mark { fill: none; stroke: #7b8a9c; stroke-width: 1.2; }
"#;

/// The whole SVG document.
pub fn render(layout: &Layout<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"erd\" width=\"{w:.0}\" height=\"{h:.0}\" viewBox=\"0 0 {w:.0} {h:.0}\">",
        w = layout.width.ceil(),
        h = layout.height.ceil()
    );
    out.push_str(&body(layout));
    out.push_str("</svg>\n");
    out
}

/// The SVG's content (style, markers, frames, edges, boxes), shared with the HTML page.
pub fn body(layout: &Layout<'_>) -> String {
    let d = layout.diagram;
    let mut out = String::new();
    let _ = writeln!(out, "<style>{STYLE}</style>\n<defs>");
    // Crow's-foot ends, drawn for a path that arrives at a box (x grows towards the box, which is at
    // x = 12); `auto-start-reverse` turns them round at a path's start.
    for (id, shape) in [
        ("one", "M 8 -6 L 8 6 M 4 -6 L 4 6 M 0 0 L 12 0"),
        ("zero-one", "M 8 -6 L 8 6 M 0 0 L 12 0"),
        ("many", "M 12 -6 L 3 0 L 12 6 M 0 0 L 12 0"),
    ] {
        let circle = if id == "one" { "" } else { "<circle cx=\"-2\" cy=\"0\" r=\"3\" class=\"mark\"/>" };
        let _ = writeln!(
            out,
            "<marker id=\"{id}\" viewBox=\"-6 -7 19 14\" refX=\"12\" refY=\"0\" markerWidth=\"19\" markerHeight=\"14\" markerUnits=\"userSpaceOnUse\" orient=\"auto-start-reverse\"><path d=\"{shape}\" class=\"mark\"/>{circle}</marker>"
        );
    }
    out.push_str("</defs>\n");
    for (name, r) in &layout.frames {
        let _ = writeln!(
            out,
            "<g class=\"frame\" data-namespace=\"{n}\"><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"8\"/><text x=\"{:.1}\" y=\"{:.1}\">{n}</text></g>",
            r.x,
            r.y,
            r.w,
            r.h,
            r.x + 12.0,
            r.y + 20.0,
            n = escape(name)
        );
    }
    out.push_str("<g class=\"relations\">\n");
    for (i, r) in d.relations.iter().enumerate() {
        let (path, forward) = &layout.edges[i];
        let (start, end) = if *forward {
            (r.parent_cardinality, r.child_cardinality)
        } else {
            (r.child_cardinality, r.parent_cardinality)
        };
        let class = if r.many_to_many() { "rel m2m" } else { "rel" };
        let mut title = r.label();
        if let Some(join) = &r.join_table {
            title = format!("{title} (many-to-many, {join})");
        }
        let _ = writeln!(
            out,
            "<path class=\"{class}\" data-parent=\"{}\" data-child=\"{}\" d=\"{path}\" marker-start=\"url(#{})\" marker-end=\"url(#{})\"><title>{}: {}</title></path>",
            escape(&d.entities[r.parent].name),
            escape(&d.entities[r.child].name),
            marker(start),
            marker(end),
            escape(&format!("{} – {}", d.entities[r.parent].name, d.entities[r.child].name)),
            escape(&title),
        );
    }
    out.push_str("</g>\n");
    let neighbours = d.neighbours();
    for (i, e) in d.entities.iter().enumerate() {
        let r = layout.boxes[i];
        let near: Vec<&str> = neighbours[i].iter().map(|&n| d.entities[n].name.as_str()).collect();
        let class = if e.view { "model view" } else { "model" };
        let _ = writeln!(
            out,
            "<g class=\"{class}\" id=\"model-{n}\" data-model=\"{n}\" data-neighbours=\"{}\" transform=\"translate({:.1},{:.1})\">",
            escape(&near.join(" ")),
            r.x,
            r.y,
            n = escape(&e.name),
        );
        let _ = writeln!(out, "<rect class=\"box\" width=\"{:.1}\" height=\"{:.1}\" rx=\"4\"/>", r.w, r.h);
        let _ = writeln!(
            out,
            "<rect class=\"head\" x=\"1\" y=\"1\" width=\"{:.1}\" height=\"{:.1}\" rx=\"3\"/>",
            r.w - 2.0,
            HEAD - 2.0
        );
        let view = if e.view { " <tspan class=\"type\">(view)</tspan>" } else { "" };
        let _ = writeln!(out, "<text class=\"name\" x=\"{PAD}\" y=\"17\">{}{view}</text>", escape(&e.name));
        for (row, f) in e.fields.iter().enumerate() {
            let y = HEAD + ROW * row as f64 + 12.5;
            let keys = f.keys();
            let key = keys.first().copied().unwrap_or("");
            let _ = writeln!(
                out,
                "<text class=\"field\" y=\"{y:.1}\"><tspan class=\"key\" x=\"{PAD}\">{key}</tspan><tspan x=\"{:.1}\">{}</tspan><tspan class=\"type\" x=\"{:.1}\" text-anchor=\"end\">{}</tspan></text>",
                PAD + 3.0 * CHAR,
                escape(&f.name),
                r.w - PAD,
                escape(&f.schema_type()),
            );
        }
        out.push_str("</g>\n");
    }
    for (i, e) in d.enums.iter().enumerate() {
        let r = layout.enum_boxes[i];
        let _ = writeln!(
            out,
            "<g class=\"enum\" id=\"enum-{n}\" data-enum=\"{n}\" transform=\"translate({:.1},{:.1})\">\n<rect class=\"box\" width=\"{:.1}\" height=\"{:.1}\" rx=\"4\"/>\n<rect class=\"head\" x=\"1\" y=\"1\" width=\"{:.1}\" height=\"{:.1}\" rx=\"3\"/>\n<text class=\"name\" x=\"{PAD}\" y=\"17\">{n} <tspan class=\"type\">enum</tspan></text>",
            r.x,
            r.y,
            r.w,
            r.h,
            r.w - 2.0,
            HEAD - 2.0,
            n = escape(&e.name),
        );
        for (row, v) in e.values.iter().enumerate() {
            let _ = writeln!(out, "<text x=\"{PAD}\" y=\"{:.1}\">{}</text>", HEAD + ROW * row as f64 + 12.5, escape(v));
        }
        out.push_str("</g>\n");
    }
    out
}
