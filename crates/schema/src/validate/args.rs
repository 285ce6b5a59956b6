//! Reading an attribute's arguments: positional and named, each used once, unknown ones reported.

use refract_diagnostics::{Diagnostic, Span};

use crate::ast::{Argument, Attribute, Expr};

/// The arguments of one attribute. Every lookup marks what it used; [`Args::finish`] reports the rest.
pub(crate) struct Args<'a> {
    attr: &'a Attribute<'a>,
    prefix: &'static str,
    used: Vec<bool>,
}

impl<'a> Args<'a> {
    pub fn new(attr: &'a Attribute<'a>, prefix: &'static str) -> Self {
        Args { attr, prefix, used: vec![false; attr.args().len()] }
    }

    pub fn display_name(&self) -> String {
        format!("{}{}", self.prefix, self.attr.name.name)
    }

    pub fn span(&self) -> Span {
        self.attr.span
    }

    /// The argument called `name`.
    pub fn named(&mut self, name: &str) -> Option<&'a Expr<'a>> {
        let args: &'a [Argument] = self.attr.args();
        let i = args.iter().position(|a| a.name.as_ref().is_some_and(|n| n.name == name))?;
        self.used[i] = true;
        Some(&args[i].value)
    }

    /// The first unused positional argument.
    pub fn positional(&mut self) -> Option<&'a Expr<'a>> {
        let args: &'a [Argument] = self.attr.args();
        let i = args.iter().enumerate().position(|(i, a)| a.name.is_none() && !self.used[i])?;
        self.used[i] = true;
        Some(&args[i].value)
    }

    /// An argument that may be written by name or as the first positional one (`@map("x")`,
    /// `@map(name: "x")`).
    pub fn named_or_positional(&mut self, name: &str) -> Option<&'a Expr<'a>> {
        self.named(name).or_else(|| self.positional())
    }

    /// Report arguments nothing asked for.
    pub fn finish(self, diags: &mut Vec<Diagnostic>) {
        for (arg, used) in self.attr.args().iter().zip(&self.used) {
            if *used {
                continue;
            }
            let d = match &arg.name {
                Some(n) => Diagnostic::error(
                    "unknown-argument",
                    n.span,
                    format!("`{}` has no argument called `{}`", self.display_name(), n.name),
                ),
                None => Diagnostic::error(
                    "unexpected-argument",
                    arg.span,
                    format!("`{}` does not take this positional argument", self.display_name()),
                ),
            };
            diags.push(d);
        }
        let mut seen: Vec<&str> = Vec::new();
        for arg in self.attr.args() {
            if let Some(n) = &arg.name {
                if seen.contains(&n.name) {
                    diags.push(Diagnostic::error(
                        "duplicate-argument",
                        n.span,
                        format!("argument `{}` is given twice", n.name),
                    ));
                }
                seen.push(n.name);
            }
        }
    }
}

/// An argument the attribute cannot do without (by name or first positional), or an error saying
/// what it needs (`what`, "the database name, like ...").
pub(crate) fn required<'a>(
    args: &mut Args<'a>,
    name: &str,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<&'a Expr<'a>> {
    let found = args.named_or_positional(name);
    if found.is_none() {
        diags.push(Diagnostic::error(
            "missing-argument",
            args.span(),
            format!("`{}` needs {what}", args.display_name()),
        ));
    }
    found
}

/// The value of a string argument, or an error pointing at what was written instead.
pub(crate) fn expect_string<'e>(expr: &'e Expr<'e>, what: &str, diags: &mut Vec<Diagnostic>) -> Option<&'e str> {
    match expr {
        Expr::String(s) => Some(&s.value),
        other => {
            diags.push(Diagnostic::error(
                "argument-type",
                other.span(),
                format!("{what} must be a string, found {}", other.describe()),
            ));
            None
        }
    }
}

/// A bare name (`Cascade`, `Desc`, `true`).
pub(crate) fn expect_constant<'e>(expr: &'e Expr<'e>, what: &str, diags: &mut Vec<Diagnostic>) -> Option<&'e str> {
    match expr {
        Expr::Constant(c, _) => Some(c),
        other => {
            diags.push(Diagnostic::error(
                "argument-type",
                other.span(),
                format!("{what} must be a name, found {}", other.describe()),
            ));
            None
        }
    }
}

/// A list of field references: `[a, b(sort: Desc)]`, or a single field reference.
pub(crate) fn expect_list<'e>(
    expr: &'e Expr<'e>,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<&'e Expr<'e>>> {
    match expr {
        Expr::Array(items, _) => Some(items.iter().collect()),
        Expr::Constant(..) => Some(vec![expr]),
        other => {
            diags.push(Diagnostic::error(
                "argument-type",
                other.span(),
                format!("{what} must be a list of fields like `[a, b]`, found {}", other.describe()),
            ));
            None
        }
    }
}
