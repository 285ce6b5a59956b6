//! The syntax tree of a schema file: every node carries its byte span, and comments and blank lines are
//! kept, so the formatter can reproduce the file and diagnostics can point into it.

use refract_diagnostics::Span;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SchemaAst {
    pub items: Vec<TopItem>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TopItem {
    Block(Block),
    Comment(Comment),
    BlankLine,
    /// A line the grammar could not read (already reported as a syntax error).
    Invalid(Span),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentKind {
    /// `// ...`
    Line,
    /// `/// ...`: documentation, carried into the database as COMMENT ON.
    Doc,
    /// `/* ... */`
    Block,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    pub kind: CommentKind,
    /// The comment exactly as written, markers included.
    pub text: String,
    pub span: Span,
}

impl Comment {
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
pub struct Block {
    pub kind: BlockKind,
    pub name: Ident,
    pub members: Vec<Member>,
    /// From the keyword to the closing brace (or the end of the last member when unclosed).
    pub span: Span,
    /// The span of the opening `{`.
    pub open_brace: Span,
    pub closed: bool,
    /// A `//` comment on the line of the opening brace.
    pub open_comment: Option<Comment>,
    /// A `//` comment after the closing brace.
    pub close_comment: Option<Comment>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Member {
    Field(Field),
    Property(Property),
    Attribute(Attribute),
    Comment(Comment),
    BlankLine,
    Invalid(Span),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// A model field, or an enum value (which has no type).
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: Ident,
    pub ty: Option<FieldType>,
    pub attributes: Vec<Attribute>,
    // Rare, and boxed like the other rare parts below: every line of a block is a `Member` as large as
    // its largest variant, and a large schema has tens of thousands of them.
    pub comment: Option<Box<Comment>>,
    pub span: Span,
}

/// `key = value` in a datasource or generator block.
#[derive(Debug, Clone, PartialEq)]
pub struct Property {
    pub name: Ident,
    pub value: Expr,
    pub comment: Option<Box<Comment>>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FieldType {
    pub name: TypeName,
    pub arity: Arity,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeName {
    Named(Ident),
    /// `Unsupported("type")`: the string literal.
    Unsupported(Box<StringLit>),
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
pub struct Attribute {
    pub name: Ident,
    pub arguments: Option<Arguments>,
    pub span: Span,
}

impl Attribute {
    pub fn args(&self) -> &[Argument] {
        self.arguments.as_ref().map_or(&[], |a| &a.items)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Arguments {
    pub items: Vec<Argument>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Argument {
    pub name: Option<Ident>,
    pub value: Expr,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StringLit {
    /// The unescaped value.
    pub value: String,
    /// The literal as written, quotes included.
    pub raw: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    String(Box<StringLit>),
    Number(String, Span),
    /// A bare name: `true`, `Cascade`, an enum value, a field reference.
    Constant(String, Span),
    Function(Box<Function>),
    Array(Vec<Expr>, Span),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Function {
    pub name: Ident,
    pub arguments: Arguments,
    pub span: Span,
}

impl Expr {
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
