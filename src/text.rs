//! County text is untrusted: nothing in it may reach the terminal as a control sequence.

use std::borrow::Cow;

/// Invisible characters that reorder or hide text (bidi overrides and isolates, zero-width
/// characters, line and paragraph separators, the byte-order mark).
pub fn is_format_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

fn needs_placeholder(c: char) -> bool {
    c.is_control() || is_format_control(c)
}

/// Replaces control characters (C0 with their Control Pictures, DEL, C1) and format controls
/// with visible placeholders, so that an escape sequence is shown, never executed.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_placeholder) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\u{0}'..='\u{1F}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}')),
            '\u{7F}' => out.push('\u{2421}'),
            c if needs_placeholder(c) => out.push_str(&format!("⟨U+{:04X}⟩", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(sanitize("a\u{1b}[31mb"), "a␛[31mb");
        assert_eq!(sanitize("\u{9b}2J"), "⟨U+009B⟩2J");
        assert_eq!(sanitize("x\u{202E}y"), "x⟨U+202E⟩y");
        assert_eq!(sanitize("line\nnext\t"), "line␊next␉");
        assert!(matches!(sanitize("Kita-Plätze"), Cow::Borrowed(_)));
    }
}
