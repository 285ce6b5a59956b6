//! The syntax tree of a schema file: every node carries its byte span, and comments and blank lines are
//! kept, so the formatter can reproduce the file and diagnostics can point into it.
//!
//! The tree borrows its names and literals from the text it was read from (`'t`): a large schema has
//! hundreds of thousands of them, and copying each into its own allocation doubled the tree's size and
//! cost a tenth of the parse time.

use std::borrow::Cow;

use refract_diagnostics::Span;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SchemaAst<'t> {
    pub items: Vec<TopItem<'t>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TopItem<'t> {
    Block(Block<'t>),
    Comment(Comment<'t>),
    BlankLine,
    /// A line the grammar could not read (already reported as a syntax error).
    Invalid(Span),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentKind {
    /// `// ...`
    Line,
    /// `/// ...`: documentation: doc comments of the generated code, and COMMENT ON in the database when
    /// the planner is asked for comments (`PlanOptions::comments`).
    Doc,
    /// `/* ... */`
    Block,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Comment<'t> {
    pub kind: CommentKind,
    /// The comment exactly as written, markers included.
    pub text: &'t str,
    pub span: Span,
}

impl Comment<'_> {
    /// The text of a `///` comment without its marker and the one space after it.
    pub fn doc_text(&self) -> &str {
        let t = self.text.trim_start_matches('/');
        t.strip_prefix(' ').unwrap_or(t).trim_end()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Model,
    Enum,
    Datasource,
    Generator,
    View,
    Type,
}

impl BlockKind {
    pub fn keyword(self) -> &'static str {
        match self {
            BlockKind::Model => "model",
            BlockKind::Enum => "enum",
            BlockKind::Datasource => "datasource",
            BlockKind::Generator => "generator",
            BlockKind::View => "view",
            BlockKind::Type => "type",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Block<'t> {
    pub kind: BlockKind,
    pub name: Ident<'t>,
    pub members: Box<[Member<'t>]>,
    /// From the keyword to the closing brace (or the end of the last member when unclosed).
    pub span: Span,
    /// The span of the opening `{`.
    pub open_brace: Span,
    pub closed: bool,
    /// A `//` comment on the line of the opening brace.
    pub open_comment: Option<Comment<'t>>,
    /// A `//` comment after the closing brace.
    pub close_comment: Option<Comment<'t>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Member<'t> {
    Field(Field<'t>),
    Property(Property<'t>),
    Attribute(Attribute<'t>),
    Comment(Comment<'t>),
    BlankLine,
    Invalid(Span),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ident<'t> {
    pub name: &'t str,
    pub span: Span,
}

/// A model field, or an enum value (which has no type).
#[derive(Debug, Clone, PartialEq)]
pub struct Field<'t> {
    pub name: Ident<'t>,
    pub ty: Option<FieldType<'t>>,
    pub attributes: Box<[Attribute<'t>]>,
    // Rare, and boxed like the other rare parts below: every line of a block is a `Member` as large as
    // its largest variant, and a large schema has tens of thousands of them.
    pub comment: Option<Box<Comment<'t>>>,
    pub span: Span,
}

/// `key = value` in a datasource or generator block.
#[derive(Debug, Clone, PartialEq)]
pub struct Property<'t> {
    pub name: Ident<'t>,
    pub value: Expr<'t>,
    pub comment: Option<Box<Comment<'t>>>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FieldType<'t> {
    pub name: TypeName<'t>,
    pub arity: Arity,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeName<'t> {
    Named(Ident<'t>),
    /// `Unsupported("type")`: the string literal.
    Unsupported(Box<StringLit<'t>>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arity {
    Required,
    Optional,
    List,
    /// `Type[]?` or `Type?[]`: parsed so it can be reported, never valid.
    OptionalList,
}

/// `@name(args)` on a field or `@@name(args)` on a block. `name` excludes the `@`s (`db.VarChar`).
#[derive(Debug, Clone, PartialEq)]
pub struct Attribute<'t> {
    pub name: Ident<'t>,
    pub arguments: Option<Arguments<'t>>,
    pub span: Span,
}

impl Attribute<'_> {
    pub fn args(&self) -> &[Argument<'_>] {
        self.arguments.as_ref().map_or(&[], |a| &a.items)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Arguments<'t> {
    pub items: Box<[Argument<'t>]>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Argument<'t> {
    pub name: Option<Ident<'t>>,
    pub value: Expr<'t>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StringLit<'t> {
    /// The unescaped value: borrowed from the text unless the literal has escapes.
    pub value: Cow<'t, str>,
    /// The literal as written, quotes included.
    pub raw: &'t str,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expr<'t> {
    String(Box<StringLit<'t>>),
    Number(&'t str, Span),
    /// A bare name: `true`, `Cascade`, an enum value, a field reference.
    Constant(&'t str, Span),
    Function(Box<Function<'t>>),
    Array(Box<[Expr<'t>]>, Span),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Function<'t> {
    pub name: Ident<'t>,
    pub arguments: Arguments<'t>,
    pub span: Span,
}

impl Expr<'_> {
    pub fn span(&self) -> Span {
        match self {
            Expr::String(s) => s.span,
            Expr::Number(_, s) | Expr::Constant(_, s) | Expr::Array(_, s) => *s,
            Expr::Function(f) => f.span,
        }
    }

    /// A short description for error messages ("a string", "a list", ...).
    pub fn describe(&self) -> &'static str {
        match self {
            Expr::String(_) => "a string",
            Expr::Number(..) => "a number",
            Expr::Constant(..) => "a constant",
            Expr::Function(_) => "a function call",
            Expr::Array(..) => "a list",
        }
    }
}
