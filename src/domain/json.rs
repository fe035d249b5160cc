//! A strict JSON reader that remembers where every value stands.
//!
//! serde_json keeps the last of two equal keys and forgets positions once a value is built; the
//! validator needs both: duplicate keys are an error, and every problem names `line:column`.

use std::borrow::Cow;
use std::fmt;

/// Deeper nesting than any sane questionnaire needs; a limit keeps hostile files off the stack.
pub const MAX_DEPTH: usize = 64;

/// A 1-based line and column (in characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// The JSON type of a value, as named in messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonType {
    Null,
    Boolean,
    Integer,
    Number,
    String,
    Array,
    Object,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Node<'a> {
    Null,
    Bool(bool),
    /// The number and whether it was written without fraction or exponent.
    Number(serde_json::Number, bool),
    /// Borrowed from the document where it has no escapes: most strings cost no allocation.
    String(Cow<'a, str>),
    Array(Vec<Spanned<'a>>),
    Object(Vec<Member<'a>>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<'a> {
    pub pos: Pos,
    pub node: Node<'a>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Member<'a> {
    pub key: Cow<'a, str>,
    pub key_pos: Pos,
    pub value: Spanned<'a>,
}

impl Spanned<'_> {
    pub fn json_type(&self) -> JsonType {
        match &self.node {
            Node::Null => JsonType::Null,
            Node::Bool(_) => JsonType::Boolean,
            Node::Number(_, true) => JsonType::Integer,
            Node::Number(_, false) => JsonType::Number,
            Node::String(_) => JsonType::String,
            Node::Array(_) => JsonType::Array,
            Node::Object(_) => JsonType::Object,
        }
    }

    pub fn get(&self, key: &str) -> Option<&Spanned<'_>> {
        match &self.node {
            Node::Object(members) => members.iter().find(|m| m.key == key).map(|m| &m.value),
            _ => None,
        }
    }

    /// The value a JSON pointer (RFC 6901) names, if it exists.
    pub fn pointer(&self, pointer: &str) -> Option<&Spanned<'_>> {
        if pointer.is_empty() {
            return Some(self);
        }
        let mut current = self;
        for token in pointer.strip_prefix('/')?.split('/') {
            let token = token.replace("~1", "/").replace("~0", "~");
            current = match &current.node {
                Node::Object(_) => current.get(&token)?,
                Node::Array(items) => items.get(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(current)
    }

    /// Position of the deepest existing value on the way to `pointer`: a missing key is
    /// reported where its parent object starts.
    pub fn nearest_pos(&self, pointer: &str) -> Pos {
        let mut path = pointer;
        loop {
            if let Some(found) = self.pointer(path) {
                return found.pos;
            }
            match path.rfind('/') {
                Some(cut) => path = &path[..cut],
                None => return self.pos,
            }
        }
    }

    pub fn to_value(&self) -> serde_json::Value {
        use serde_json::Value;
        match &self.node {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(*b),
            Node::Number(n, _) => Value::Number(n.clone()),
            Node::String(s) => Value::String(s.to_string()),
            Node::Array(items) => Value::Array(items.iter().map(Spanned::to_value).collect()),
            Node::Object(members) => Value::Object(
                members
                    .iter()
                    .map(|m| (m.key.to_string(), m.value.to_value()))
                    .collect(),
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    UnexpectedEnd,
    /// Found this character where the parser expected the thing named.
    Unexpected {
        found: char,
        expected: Expected,
    },
    InvalidEscape(char),
    InvalidUnicodeEscape,
    LoneSurrogate,
    ControlCharacterInString,
    InvalidNumber,
    TooDeep,
    TrailingContent,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Value,
    CommaOrCloseBracket,
    CommaOrCloseBrace,
    Key,
    Colon,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub pos: Pos,
    pub kind: SyntaxErrorKind,
}

/// A key that stands twice in one object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    pub key: String,
    pub pos: Pos,
    pub first: Pos,
    pub pointer: String,
}

/// The document and the duplicate keys found in it (duplicates do not stop the parse, so that
/// one run reports all of them).
pub struct Parsed<'a> {
    pub root: Spanned<'a>,
    pub duplicates: Vec<DuplicateKey>,
}

pub fn parse(text: &str) -> Result<Parsed<'_>, SyntaxError> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        at: 0,
        line: 1,
        line_start: 0,
        duplicates: Vec::new(),
        pointer: String::new(),
        column_cache: std::cell::Cell::new((0, 1)),
    };
    parser.skip_whitespace();
    let root = parser.value(0)?;
    parser.skip_whitespace();
    if parser.at < parser.bytes.len() {
        return Err(parser.error(SyntaxErrorKind::TrailingContent));
    }
    Ok(Parsed {
        root,
        duplicates: parser.duplicates,
    })
}

/// Line and column of a byte offset, for errors found before parsing (bad UTF-8).
pub fn pos_of_offset(bytes: &[u8], offset: usize) -> Pos {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    Pos {
        line: line as u32,
        column: column as u32,
    }
}

/// Appends a key or index to a JSON pointer, escaping as RFC 6901 asks.
pub fn push_pointer(pointer: &mut String, token: &str) {
    pointer.push('/');
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    line: u32,
    line_start: usize,
    duplicates: Vec<DuplicateKey>,
    /// Pointer of the value being parsed, kept only to name duplicate keys.
    pointer: String,
    /// The last position computed (byte offset, its column): columns are counted on from
    /// there, so that a document on one long line costs no more than one of many lines.
    column_cache: std::cell::Cell<(usize, usize)>,
}

impl<'a> Parser<'a> {
    fn pos(&self) -> Pos {
        let (cached_at, cached_column) = self.column_cache.get();
        let column = if cached_at >= self.line_start && cached_at <= self.at {
            cached_column + self.text[cached_at..self.at].chars().count()
        } else {
            self.text[self.line_start..self.at].chars().count() + 1
        };
        self.column_cache.set((self.at, column));
        Pos {
            line: self.line,
            column: column as u32,
        }
    }

    fn error(&self, kind: SyntaxErrorKind) -> SyntaxError {
        SyntaxError {
            pos: self.pos(),
            kind,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn current_char(&self) -> char {
        self.text[self.at..].chars().next().unwrap_or('\0')
    }

    fn unexpected(&self, expected: Expected) -> SyntaxError {
        match self.peek() {
            None => self.error(SyntaxErrorKind::UnexpectedEnd),
            Some(_) => self.error(SyntaxErrorKind::Unexpected {
                found: self.current_char(),
                expected,
            }),
        }
    }

    fn skip_whitespace(&mut self) {
        while let Some(b) = self.peek() {
            match b {
                b' ' | b'\t' | b'\r' => self.at += 1,
                b'\n' => {
                    self.at += 1;
                    self.line += 1;
                    self.line_start = self.at;
                }
                _ => break,
            }
        }
    }

    fn value(&mut self, depth: usize) -> Result<Spanned<'a>, SyntaxError> {
        let pos = self.pos();
        let node = match self.peek() {
            None => return Err(self.error(SyntaxErrorKind::UnexpectedEnd)),
            Some(b'{') => self.object(depth)?,
            Some(b'[') => self.array(depth)?,
            Some(b'"') => Node::String(self.string()?),
            Some(b'-' | b'0'..=b'9') => self.number()?,
            Some(b't') => self.literal("true", Node::Bool(true))?,
            Some(b'f') => self.literal("false", Node::Bool(false))?,
            Some(b'n') => self.literal("null", Node::Null)?,
            Some(_) => return Err(self.unexpected(Expected::Value)),
        };
        Ok(Spanned { pos, node })
    }

    fn literal(&mut self, word: &str, node: Node<'a>) -> Result<Node<'a>, SyntaxError> {
        for expected in word.bytes() {
            if self.peek() != Some(expected) {
                return Err(self.unexpected(Expected::Value));
            }
            self.at += 1;
        }
        Ok(node)
    }

    fn enter(&mut self, depth: usize) -> Result<(), SyntaxError> {
        if depth >= MAX_DEPTH {
            return Err(self.error(SyntaxErrorKind::TooDeep));
        }
        self.at += 1;
        self.skip_whitespace();
        Ok(())
    }

    fn array(&mut self, depth: usize) -> Result<Node<'a>, SyntaxError> {
        self.enter(depth)?;
        let mut items = Vec::new();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Node::Array(items));
        }
        loop {
            let parent_len = self.pointer.len();
            push_pointer(&mut self.pointer, &items.len().to_string());
            items.push(self.value(depth + 1)?);
            self.pointer.truncate(parent_len);
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => {
                    self.at += 1;
                    self.skip_whitespace();
                }
                Some(b']') => {
                    self.at += 1;
                    return Ok(Node::Array(items));
                }
                _ => return Err(self.unexpected(Expected::CommaOrCloseBracket)),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Node<'a>, SyntaxError> {
        self.enter(depth)?;
        let mut members: Vec<Member> = Vec::new();
        // Small objects are searched for a repeated key directly; large ones (the answers of
        // thousands of questions) through an index, so the check stays linear.
        let mut index: Option<std::collections::HashMap<Cow<'a, str>, Pos>> = None;
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Node::Object(members));
        }
        loop {
            if self.peek() != Some(b'"') {
                return Err(self.unexpected(Expected::Key));
            }
            let key_pos = self.pos();
            let key = self.string()?;
            self.skip_whitespace();
            if self.peek() != Some(b':') {
                return Err(self.unexpected(Expected::Colon));
            }
            self.at += 1;
            self.skip_whitespace();
            let parent_len = self.pointer.len();
            push_pointer(&mut self.pointer, &key);
            let value = self.value(depth + 1)?;
            let first = match &index {
                Some(index) => index.get(&key).copied(),
                None => members.iter().find(|m| m.key == key).map(|m| m.key_pos),
            };
            if let Some(first) = first {
                self.duplicates.push(DuplicateKey {
                    key: key.to_string(),
                    pos: key_pos,
                    first,
                    pointer: self.pointer.clone(),
                });
            }
            self.pointer.truncate(parent_len);
            match &mut index {
                Some(index) => {
                    index.entry(key.clone()).or_insert(key_pos);
                }
                None if members.len() >= 16 => {
                    let mut built = std::collections::HashMap::with_capacity(members.len() * 2);
                    for member in &members {
                        built.entry(member.key.clone()).or_insert(member.key_pos);
                    }
                    built.entry(key.clone()).or_insert(key_pos);
                    index = Some(built);
                }
                None => {}
            }
            members.push(Member {
                key,
                key_pos,
                value,
            });
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => {
                    self.at += 1;
                    self.skip_whitespace();
                }
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Node::Object(members));
                }
                _ => return Err(self.unexpected(Expected::CommaOrCloseBrace)),
            }
        }
    }

    fn string(&mut self) -> Result<Cow<'a, str>, SyntaxError> {
        self.at += 1; // opening quote
        // Without escapes the string is the document's own text.
        let start = self.at;
        while let Some(b) = self.peek() {
            if b == b'"' || b == b'\\' || b < 0x20 {
                break;
            }
            self.at += 1;
        }
        if self.peek() == Some(b'"') {
            self.at += 1;
            return Ok(Cow::Borrowed(&self.text[start..self.at - 1]));
        }
        self.at = start;
        let mut out = String::new();
        loop {
            let start = self.at;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            out.push_str(&self.text[start..self.at]);
            match self.peek() {
                None => return Err(self.error(SyntaxErrorKind::UnexpectedEnd)),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.at += 1;
                    out.push(self.escape()?);
                }
                Some(_) => return Err(self.error(SyntaxErrorKind::ControlCharacterInString)),
            }
        }
    }

    fn escape(&mut self) -> Result<char, SyntaxError> {
        let Some(b) = self.peek() else {
            return Err(self.error(SyntaxErrorKind::UnexpectedEnd));
        };
        let simple = match b {
            b'"' => Some('"'),
            b'\\' => Some('\\'),
            b'/' => Some('/'),
            b'b' => Some('\u{8}'),
            b'f' => Some('\u{c}'),
            b'n' => Some('\n'),
            b'r' => Some('\r'),
            b't' => Some('\t'),
            b'u' => None,
            _ => return Err(self.error(SyntaxErrorKind::InvalidEscape(self.current_char()))),
        };
        self.at += 1;
        if let Some(c) = simple {
            return Ok(c);
        }
        let escape_pos = self.at - 2;
        let first = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&first) {
            if self.bytes.get(self.at..self.at + 2) != Some(b"\\u") {
                return Err(self.error_at(escape_pos, SyntaxErrorKind::LoneSurrogate));
            }
            self.at += 2;
            let second = self.hex4()?;
            if !(0xDC00..0xE000).contains(&second) {
                return Err(self.error_at(escape_pos, SyntaxErrorKind::LoneSurrogate));
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        char::from_u32(code)
            .ok_or_else(|| self.error_at(escape_pos, SyntaxErrorKind::LoneSurrogate))
    }

    fn error_at(&self, offset: usize, kind: SyntaxErrorKind) -> SyntaxError {
        let column = self.text[self.line_start..offset].chars().count() + 1;
        SyntaxError {
            pos: Pos {
                line: self.line,
                column: column as u32,
            },
            kind,
        }
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = self
                .peek()
                .and_then(|b| (b as char).to_digit(16))
                .ok_or_else(|| self.error(SyntaxErrorKind::InvalidUnicodeEscape))?;
            code = code * 16 + digit;
            self.at += 1;
        }
        Ok(code)
    }

    fn number(&mut self) -> Result<Node<'a>, SyntaxError> {
        let start = self.at;
        let start_pos = self.pos();
        let invalid = SyntaxError {
            pos: start_pos,
            kind: SyntaxErrorKind::InvalidNumber,
        };
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(invalid),
        }
        let mut integer = true;
        if self.peek() == Some(b'.') {
            integer = false;
            self.at += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(invalid);
            }
            self.digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            integer = false;
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(invalid);
            }
            self.digits();
        }
        let raw = &self.text[start..self.at];
        let number = if integer {
            raw.parse::<i64>()
                .map(serde_json::Number::from)
                .or_else(|_| raw.parse::<u64>().map(serde_json::Number::from))
                .ok()
        } else {
            None
        };
        let number = match number {
            Some(n) => n,
            None => {
                // Integers beyond 64 bits become floats, as in every JSON reader.
                let float: f64 = raw.parse().map_err(|_| invalid.clone())?;
                serde_json::Number::from_f64(float).ok_or(invalid)?
            }
        };
        Ok(Node::Number(number, integer))
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> SyntaxError {
        parse(text).err().expect("should fail")
    }

    #[test]
    fn parses_nested_values_with_positions() {
        let parsed = parse("{\n  \"a\": [1, 2.5, \"x\"],\n  \"b\": {\"c\": null}\n}").unwrap();
        let a = parsed.root.get("a").unwrap();
        assert_eq!(a.pos, Pos { line: 2, column: 8 });
        assert_eq!(
            parsed.root.pointer("/a/1").unwrap().json_type(),
            JsonType::Number
        );
        assert_eq!(
            parsed.root.pointer("/a/0").unwrap().json_type(),
            JsonType::Integer
        );
        assert_eq!(
            parsed.root.pointer("/b/c").unwrap().pos,
            Pos {
                line: 3,
                column: 14
            }
        );
        assert!(parsed.duplicates.is_empty());
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let parsed = parse("{\"ä\": \"ö\", \"x\": true}").unwrap();
        assert_eq!(
            parsed.root.get("x").unwrap().pos,
            Pos {
                line: 1,
                column: 17
            }
        );
    }

    #[test]
    fn large_objects_find_every_duplicate_through_their_index() {
        let mut text = String::from("{");
        for i in 0..100 {
            text.push_str(&format!("\"k{i}\": {i}, "));
        }
        // k3 again after the index is built, k99 twice more, and one key only once.
        text.push_str("\"k3\": 0, \"k99\": 0, \"neu\": 1, \"k99\": 0}");
        let parsed = parse(&text).unwrap();
        let found: Vec<(&str, u32, u32)> = parsed
            .duplicates
            .iter()
            .map(|d| (d.pointer.as_str(), d.first.column, d.pos.column))
            .collect();
        let column = |key: &str| text.find(&format!("\"{key}\"")).unwrap() as u32 + 1;
        let second_k99 = text.rfind("\"k99\"").unwrap() as u32 + 1;
        assert_eq!(
            found,
            vec![
                (
                    "/k3",
                    column("k3"),
                    text.rfind("\"k3\"").unwrap() as u32 + 1
                ),
                (
                    "/k99",
                    column("k99"),
                    text.match_indices("\"k99\"").nth(1).unwrap().0 as u32 + 1
                ),
                ("/k99", column("k99"), second_k99),
            ]
        );
    }

    #[test]
    fn reports_every_duplicate_key_with_the_first_occurrence() {
        let parsed = parse("{\"a\": 1, \"b\": {\"c\": 1, \"c\": 2}, \"a\": 3}").unwrap();
        assert_eq!(parsed.duplicates.len(), 2);
        assert_eq!(parsed.duplicates[0].pointer, "/b/c");
        assert_eq!(
            parsed.duplicates[0].first,
            Pos {
                line: 1,
                column: 16
            }
        );
        assert_eq!(parsed.duplicates[1].pointer, "/a");
        assert_eq!(
            parsed.duplicates[1].pos,
            Pos {
                line: 1,
                column: 33
            }
        );
    }

    #[test]
    fn decodes_escapes_and_surrogate_pairs() {
        let parsed = parse(r#""a\n\u00e4\ud83d\ude00\/""#).unwrap();
        assert_eq!(parsed.root.node, Node::String("a\nä😀/".into()));
    }

    #[test]
    fn syntax_errors_name_their_position() {
        assert_eq!(err("").kind, SyntaxErrorKind::UnexpectedEnd);
        assert_eq!(
            err("{\"a\": 1,\n \"b\" 2}"),
            SyntaxError {
                pos: Pos { line: 2, column: 6 },
                kind: SyntaxErrorKind::Unexpected {
                    found: '2',
                    expected: Expected::Colon
                }
            }
        );
        assert_eq!(err("[1, 2").kind, SyntaxErrorKind::UnexpectedEnd);
        assert_eq!(
            err("[1 2]").kind,
            SyntaxErrorKind::Unexpected {
                found: '2',
                expected: Expected::CommaOrCloseBracket
            }
        );
        assert_eq!(err("01").kind, SyntaxErrorKind::TrailingContent);
        assert_eq!(err("-").kind, SyntaxErrorKind::InvalidNumber);
        assert_eq!(err("1.e5").kind, SyntaxErrorKind::InvalidNumber);
        assert_eq!(err("\"\\x\"").kind, SyntaxErrorKind::InvalidEscape('x'));
        assert_eq!(err("\"\\ud800\"").kind, SyntaxErrorKind::LoneSurrogate);
        assert_eq!(
            err("\"a\nb\"").kind,
            SyntaxErrorKind::ControlCharacterInString
        );
        assert_eq!(err("tru").kind, SyntaxErrorKind::UnexpectedEnd);
        assert_eq!(err("{} {}").kind, SyntaxErrorKind::TrailingContent);
    }

    #[test]
    fn refuses_nesting_beyond_the_limit() {
        let deep = "[".repeat(MAX_DEPTH + 1);
        assert_eq!(err(&deep).kind, SyntaxErrorKind::TooDeep);
        let fine = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&fine).is_ok());
    }

    #[test]
    fn big_integers_become_floats() {
        let parsed = parse("123456789012345678901234567890").unwrap();
        assert!(matches!(parsed.root.node, Node::Number(ref n, true) if n.is_f64()));
    }

    #[test]
    fn pointer_escapes_round_trip() {
        let parsed = parse(r#"{"a/b": {"c~d": 1}}"#).unwrap();
        let mut pointer = String::new();
        push_pointer(&mut pointer, "a/b");
        push_pointer(&mut pointer, "c~d");
        assert_eq!(pointer, "/a~1b/c~0d");
        assert!(parsed.root.pointer(&pointer).is_some());
        assert_eq!(
            parsed.root.nearest_pos("/a~1b/zz/0"),
            Pos { line: 1, column: 9 }
        );
    }
}
