//! County and auditor text is untrusted: in no format may it become markup, a formula or a
//! terminal control sequence. Every export passes such text through one of these functions.

use std::borrow::Cow;

use crate::text::is_format_control;

/// Makes control characters visible (as `crate::text::sanitize` does) but keeps line breaks and
/// tabs, which are part of long answers; CR LF and lone CR become LF.
pub fn clean(text: &str) -> Cow<'_, str> {
    let harmful = |c: char| (c.is_control() && c != '\n' && c != '\t') || is_format_control(c);
    if !text.chars().any(harmful) {
        return Cow::Borrowed(text);
    }
    let text = text.replace("\r\n", "\n");
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\r' => out.push('\n'),
            '\n' | '\t' => out.push(c),
            '\u{0}'..='\u{1F}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}')),
            '\u{7F}' => out.push('\u{2421}'),
            c if harmful(c) => out.push_str(&format!("⟨U+{:04X}⟩", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Text for HTML (and XML) content and attribute values.
pub fn html(text: &str) -> String {
    let text = clean(text);
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Text for a quoted CSS string inside a `<style>` element: everything but letters, digits
/// and plain punctuation as a hex escape, so that neither the string nor the element ends.
pub fn css_string(text: &str) -> String {
    let text = clean(text);
    let mut out = String::with_capacity(text.len() + 8);
    out.push('"');
    for c in text.chars() {
        if c.is_alphanumeric() || " ,.-()·–".contains(c) {
            out.push(c);
        } else {
            out.push_str(&format!("\\{:x} ", c as u32));
        }
    }
    out.push('"');
    out
}

/// Multi-line text for HTML: each line escaped, lines joined with `<br/>`.
pub fn html_lines(text: &str) -> String {
    html(text.trim()).replace('\n', "<br/>")
}

/// Characters that start Markdown markup anywhere in a line (emphasis, code, links, HTML,
/// tables, strike-through, entities, headings).
const MARKDOWN_INLINE: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '&', '#'];

/// One line of text for Markdown: inline markup escaped, and what would start a block at the
/// beginning of a line (list item, quote, heading, numbered item, rule, setext underline) too.
fn markdown_line(line: &str) -> String {
    let line = line.trim_start();
    let chars: Vec<char> = line.chars().collect();
    let ends_marker = |index: usize| chars.get(index + 1).is_none_or(|c| c.is_whitespace());
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let rule = chars.first().is_some_and(|first| {
        matches!(first, '-' | '=' | '+') && chars.iter().all(|c| c == first || *c == ' ')
    });
    let mut out = String::with_capacity(line.len() + 8);
    for (index, &c) in chars.iter().enumerate() {
        let bullet = index == 0 && matches!(c, '-' | '+') && (ends_marker(0) || rule);
        let underline = index == 0 && c == '=' && rule;
        let ordered = index == digits && digits > 0 && matches!(c, '.' | ')') && ends_marker(index);
        if MARKDOWN_INLINE.contains(&c) || bullet || underline || ordered {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text for Markdown, lines joined with `separator` (a hard break plus indentation inside a
/// list item, `<br>` inside a table cell).
pub fn markdown(text: &str, separator: &str) -> String {
    let text = clean(text);
    text.trim()
        .lines()
        .map(markdown_line)
        .collect::<Vec<_>>()
        .join(separator)
}

/// Whether a spreadsheet would take the text for a formula (or a DDE command).
pub fn looks_like_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_plain_number(text)
}

/// "-0,1", "+0.4", "12": a signed decimal number, which no spreadsheet runs as a formula.
fn is_plain_number(text: &str) -> bool {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (whole, fraction) = unsigned.split_once(['.', ',']).unwrap_or((unsigned, "0"));
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && digits(fraction)
}

/// One CSV field by RFC 4180: formulas defused with a leading apostrophe, quoted when it holds
/// the separator, a quote or a line break.
pub fn csv(text: &str, separator: char) -> String {
    let text = clean(text);
    let guarded = if looks_like_formula(&text) {
        Cow::Owned(format!("'{text}"))
    } else {
        text
    };
    if guarded.contains([separator, '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_strings_cannot_end_the_string_or_the_style_element() {
        assert_eq!(css_string("Landkreis Süd-Ost"), "\"Landkreis Süd-Ost\"");
        assert_eq!(
            css_string("a\"}</style><script>"),
            "\"a\\22 \\7d \\3c \\2f style\\3e \\3c script\\3e \""
        );
    }

    #[test]
    fn html_cannot_be_injected() {
        assert_eq!(
            html("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
        assert_eq!(html("a\u{1b}[2Jb"), "a␛[2Jb");
        assert_eq!(html_lines("eins\r\nzwei"), "eins<br/>zwei");
    }

    #[test]
    fn markdown_cannot_be_injected() {
        assert_eq!(
            markdown("**fett** [Link](http://x) <b>", " "),
            "\\*\\*fett\\*\\* \\[Link\\](http://x) \\<b\\>"
        );
        assert_eq!(
            markdown("# Titel\n- Punkt\n1. eins\n> Zitat", "\n"),
            "\\# Titel\n\\- Punkt\n1\\. eins\n\\> Zitat"
        );
        assert_eq!(markdown("a | b", " "), "a \\| b");
        assert_eq!(
            markdown("Kita-Plätze (U3), 2025.", " "),
            "Kita-Plätze (U3), 2025."
        );
        assert_eq!(markdown("    eingerückt", " "), "eingerückt");
        assert_eq!(markdown("31.03.2025", " "), "31.03.2025");
        assert_eq!(markdown("-5 Grad", " "), "-5 Grad");
        assert_eq!(markdown("---", " "), "\\---");
        assert_eq!(markdown("2)", " "), "2\\)");
    }

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        assert_eq!(csv("plain", ';'), "plain");
        assert_eq!(csv("a;b", ';'), "\"a;b\"");
        assert_eq!(csv("a,b", ';'), "a,b");
        assert_eq!(csv("a,b", ','), "\"a,b\"");
        assert_eq!(csv("sagt \"ja\"", ';'), "\"sagt \"\"ja\"\"\"");
        assert_eq!(csv("zwei\nZeilen", ';'), "\"zwei\nZeilen\"");
        assert_eq!(csv("=HYPERLINK(\"x\")", ';'), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv("+49 30", ';'), "'+49 30");
        // A plain number is no formula; anything more after the sign is defused.
        assert_eq!(csv("-5", ';'), "-5");
        assert_eq!(csv("-0,1", ';'), "-0,1");
        assert_eq!(csv("+0.4", ';'), "+0.4");
        assert_eq!(csv("-5+A1", ';'), "'-5+A1");
        assert_eq!(csv("-,5", ';'), "'-,5");
        assert_eq!(csv("-1,2,3", ';'), "'-1,2,3");
        assert_eq!(csv("@SUM(A1)", ';'), "'@SUM(A1)");
    }
}
