//! SQL text as tokens, for the readers of statements' leading keywords and shapes (`classify`,
//! `effects`). Comments are skipped; strings, dollar quotes and quoted identifiers are one token
//! each, so nothing inside them is ever read as a keyword.

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Token<'a> {
    /// An unquoted word (keyword or identifier), upper-cased.
    Word(String),
    /// A quoted identifier's text, without its quotes.
    Quoted(&'a str),
    /// A string constant as written: `'...'`, `E'...'`, `$tag$...$tag$`.
    Literal(&'a str),
    /// A number as written.
    Number(&'a str),
    /// Any other character (punctuation, operators).
    Other(char),
}

impl Token<'_> {
    pub(super) fn text(&self) -> String {
        match self {
            Token::Word(w) => w.clone(),
            Token::Quoted(q) | Token::Literal(q) | Token::Number(q) => (*q).to_string(),
            Token::Other(c) => c.to_string(),
        }
    }
}

/// The tokens of SQL text, comments skipped.
pub(super) struct Tokens<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Tokens<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Tokens { text, pos: 0 }
    }

    /// The tokens with the byte offset where each starts, for readers that quote the text itself.
    pub(super) fn spanned(text: &'a str) -> impl Iterator<Item = (usize, Token<'a>)> {
        let mut tokens = Tokens::new(text);
        std::iter::from_fn(move || {
            tokens.skip_blanks();
            let start = tokens.pos;
            tokens.next().map(|t| (start, t))
        })
    }

    /// Moves past whitespace and comments.
    fn skip_blanks(&mut self) {
        let bytes = self.text.as_bytes();
        while let Some(&b) = bytes.get(self.pos) {
            let i = self.pos;
            if b.is_ascii_whitespace() {
                self.pos += 1;
            } else if b == b'-' && bytes.get(i + 1) == Some(&b'-') {
                self.pos = self.text[i..].find('\n').map_or(bytes.len(), |n| i + n);
            } else if b == b'/' && bytes.get(i + 1) == Some(&b'*') {
                self.pos = super::block_comment_end(bytes, i);
            } else {
                break;
            }
        }
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        self.skip_blanks();
        let bytes = self.text.as_bytes();
        let i = self.pos;
        let b = *bytes.get(i)?;
        let (token, end) = match b {
            b'"' => {
                let end = super::quoted_end(bytes, i, b'"', false);
                let closed = end > i + 1 && bytes[end - 1] == b'"';
                (Token::Quoted(&self.text[i + 1..if closed { end - 1 } else { end }]), end)
            }
            b'\'' => {
                let end = super::quoted_end(bytes, i, b'\'', super::backslash_escapes(bytes, i));
                (Token::Literal(&self.text[i..end]), end)
            }
            b'$' => match super::dollar_quote_end(self.text, i) {
                Some(end) => (Token::Literal(&self.text[i..end]), end),
                None => (Token::Other('$'), i + 1),
            },
            b'E' | b'e' if bytes.get(i + 1) == Some(&b'\'') => {
                let end = super::quoted_end(bytes, i + 1, b'\'', true);
                (Token::Literal(&self.text[i..end]), end)
            }
            _ if b.is_ascii_alphabetic() || b == b'_' || b >= 0x80 => {
                let mut j = i + 1;
                while j < bytes.len()
                    && (bytes[j].is_ascii_alphanumeric() || matches!(bytes[j], b'_' | b'$') || bytes[j] >= 0x80)
                {
                    j += 1;
                }
                (Token::Word(self.text[i..j].to_ascii_uppercase()), j)
            }
            _ if b.is_ascii_digit() => {
                let mut j = i + 1;
                while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'.') {
                    j += 1;
                }
                (Token::Number(&self.text[i..j]), j)
            }
            _ => {
                let c = self.text[i..].chars().next().expect("not at the end");
                (Token::Other(c), i + c.len_utf8())
            }
        };
        self.pos = end;
        Some(token)
    }
}

/// The index after an object name starting at `i` (`name`, `"Name"`, `schema.name`, ...).
pub(super) fn name_end(t: &[Token<'_>], mut i: usize) -> Option<usize> {
    // IF EXISTS before the name (ALTER TABLE IF EXISTS x).
    if matches!(t.get(i), Some(Token::Word(w)) if w == "IF")
        && matches!(t.get(i + 1), Some(Token::Word(w)) if w == "EXISTS")
    {
        i += 2;
    }
    if matches!(t.get(i), Some(Token::Word(w)) if w == "ONLY") {
        i += 1;
    }
    loop {
        match t.get(i) {
            Some(Token::Word(_) | Token::Quoted(_)) => i += 1,
            _ => return None,
        }
        if t.get(i) != Some(&Token::Other('.')) {
            return Some(i);
        }
        i += 1;
    }
}

/// The index after a parenthesised list starting at `i`, or `i` when there is none.
pub(super) fn skip_parenthesised(t: &[Token<'_>], i: usize) -> usize {
    parenthesised_options(t, i).map_or(i, |(_, end)| end)
}

/// `( name [=] [value] [, ...] )` at `i`: the options (names upper-cased, values as written) and the
/// index after the closing parenthesis.
#[allow(clippy::type_complexity)]
pub(super) fn parenthesised_options(t: &[Token<'_>], i: usize) -> Option<(Vec<(String, Option<String>)>, usize)> {
    if t.get(i) != Some(&Token::Other('(')) {
        return None;
    }
    let mut options = Vec::new();
    let mut depth = 0;
    let mut current: Option<(String, Option<String>)> = None;
    for (j, token) in t.iter().enumerate().skip(i) {
        match token {
            Token::Other('(') => depth += 1,
            Token::Other(')') => {
                depth -= 1;
                if depth == 0 {
                    options.extend(current.take());
                    return Some((options, j + 1));
                }
            }
            Token::Other(',') if depth == 1 => options.extend(current.take()),
            Token::Other('=') => {}
            _ if depth == 1 => match &mut current {
                None => current = Some((token.text().to_ascii_uppercase(), None)),
                Some((_, value @ None)) => *value = Some(token.text().to_string()),
                Some(_) => {}
            },
            _ => {}
        }
    }
    None
}
