//! What an SSH client's terminal sends, as the interface's events: printable text, control
//! keys, the escape sequences of arrows, function and editing keys (xterm's, with modifiers),
//! and bracketed paste. Bytes that end mid-sequence wait for the next packet; a lone Esc is
//! told from the start of a sequence by a short pause (`Input::flush`).

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// The longest sequence kept while waiting for its end; anything longer is dropped.
const LONGEST_SEQUENCE: usize = 64;
/// The largest paste kept; the rest of a larger one is dropped rather than held in memory.
const LARGEST_PASTE: usize = 4 * 1024 * 1024;

#[derive(Debug, Default)]
pub struct Input {
    pending: Vec<u8>,
    /// Inside a bracketed paste: what was pasted so far.
    paste: Option<Vec<u8>>,
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

/// xterm's modifier parameter: 1 + (shift 1, alt 2, ctrl 4).
fn modifiers(parameter: u32) -> KeyModifiers {
    let bits = parameter.saturating_sub(1);
    let mut modifiers = KeyModifiers::NONE;
    if bits & 1 != 0 {
        modifiers |= KeyModifiers::SHIFT;
    }
    if bits & 2 != 0 {
        modifiers |= KeyModifiers::ALT;
    }
    if bits & 4 != 0 {
        modifiers |= KeyModifiers::CONTROL;
    }
    modifiers
}

enum Step {
    /// A whole item, and how many bytes it took.
    Event(Option<Event>, usize),
    /// The bytes end before the item does.
    Incomplete,
}

impl Input {
    /// The events in `bytes`, with what was left over from before.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        self.pending.extend_from_slice(bytes);
        let mut events = Vec::new();
        let mut start = 0;
        while start < self.pending.len() {
            if let Some(paste) = &mut self.paste {
                let rest = &self.pending[start..];
                match find(rest, b"\x1b[201~") {
                    Some(end) => {
                        if paste.len() < LARGEST_PASTE {
                            paste.extend_from_slice(&rest[..end]);
                        }
                        let text = String::from_utf8_lossy(paste).replace("\r\n", "\n");
                        events.push(Event::Paste(text.replace('\r', "\n")));
                        self.paste = None;
                        start += end + 6;
                    }
                    None => {
                        // Keep a tail that may be the start of the end marker.
                        let keep = rest.len().min(5);
                        if paste.len() < LARGEST_PASTE {
                            paste.extend_from_slice(&rest[..rest.len() - keep]);
                        }
                        start = self.pending.len() - keep;
                        break;
                    }
                }
                continue;
            }
            match self.step(start) {
                Step::Event(event, used) => {
                    events.extend(event);
                    start += used;
                }
                Step::Incomplete => break,
            }
        }
        self.pending.drain(..start);
        if self.pending.len() > LONGEST_SEQUENCE && self.paste.is_none() {
            self.pending.clear();
        }
        events
    }

    /// After a pause with nothing more: a waiting Esc was the key itself.
    pub fn flush(&mut self) -> Vec<Event> {
        if self.paste.is_none() && self.pending.first() == Some(&0x1b) {
            self.pending.remove(0);
            let mut events = vec![key(KeyCode::Esc, KeyModifiers::NONE)];
            events.extend(self.feed(&[]));
            return events;
        }
        Vec::new()
    }

    /// Whether bytes wait for more (a lone Esc, a sequence cut between packets).
    pub fn waiting(&self) -> bool {
        !self.pending.is_empty() && self.paste.is_none()
    }

    fn step(&mut self, start: usize) -> Step {
        let bytes = &self.pending[start..];
        let none = KeyModifiers::NONE;
        let ctrl = KeyModifiers::CONTROL;
        match bytes[0] {
            0x1b => self.escape(start),
            b'\r' | b'\n' => Step::Event(Some(key(KeyCode::Enter, none)), 1),
            b'\t' => Step::Event(Some(key(KeyCode::Tab, none)), 1),
            0x7f | 0x08 => Step::Event(Some(key(KeyCode::Backspace, none)), 1),
            b @ 0x01..=0x1a => {
                let letter = char::from(b'a' + b - 1);
                Step::Event(Some(key(KeyCode::Char(letter), ctrl)), 1)
            }
            0x00 | 0x1c..=0x1f => Step::Event(None, 1),
            _ => match char_at(bytes) {
                Some((c, used)) => {
                    let shift = if c.is_uppercase() {
                        KeyModifiers::SHIFT
                    } else {
                        none
                    };
                    Step::Event(Some(key(KeyCode::Char(c), shift)), used)
                }
                None if bytes.len() < 4 && utf8_start(bytes) => Step::Incomplete,
                // Not UTF-8: dropped.
                None => Step::Event(None, 1),
            },
        }
    }

    fn escape(&mut self, start: usize) -> Step {
        let bytes = &self.pending[start..];
        let Some(&second) = bytes.get(1) else {
            return Step::Incomplete;
        };
        match second {
            b'[' => self.csi(start),
            b'O' => match bytes.get(2) {
                None => Step::Incomplete,
                Some(&last) => Step::Event(final_key(last, KeyModifiers::NONE), 3),
            },
            0x1b => Step::Event(Some(key(KeyCode::Esc, KeyModifiers::NONE)), 1),
            _ => match self.step(start + 1) {
                // Alt and a key: the key with Alt.
                Step::Event(Some(Event::Key(mut event)), used) => {
                    event.modifiers |= KeyModifiers::ALT;
                    Step::Event(Some(Event::Key(event)), used + 1)
                }
                Step::Event(other, used) => Step::Event(other, used + 1),
                Step::Incomplete => Step::Incomplete,
            },
        }
    }

    fn csi(&mut self, start: usize) -> Step {
        let bytes = &self.pending[start..];
        // Parameters and intermediates, then one final byte.
        let Some(end) = bytes[2..].iter().position(|b| (0x40..=0x7e).contains(b)) else {
            return Step::Incomplete;
        };
        let last = bytes[2 + end];
        let used = 3 + end;
        let parameters: Vec<u32> = std::str::from_utf8(&bytes[2..2 + end])
            .unwrap_or("")
            .split(';')
            .map(|p| p.parse().unwrap_or(0))
            .collect();
        let modifier = modifiers(parameters.get(1).copied().unwrap_or(1));
        let event = match last {
            b'~' => match parameters.first().copied().unwrap_or(0) {
                200 => {
                    self.paste = Some(Vec::new());
                    None
                }
                1 | 7 => Some(key(KeyCode::Home, modifier)),
                4 | 8 => Some(key(KeyCode::End, modifier)),
                2 => Some(key(KeyCode::Insert, modifier)),
                3 => Some(key(KeyCode::Delete, modifier)),
                5 => Some(key(KeyCode::PageUp, modifier)),
                6 => Some(key(KeyCode::PageDown, modifier)),
                n @ 11..=15 => Some(key(KeyCode::F((n - 10) as u8), modifier)),
                n @ 17..=21 => Some(key(KeyCode::F((n - 11) as u8), modifier)),
                n @ 23..=24 => Some(key(KeyCode::F((n - 12) as u8), modifier)),
                _ => None,
            },
            b'Z' => Some(key(KeyCode::BackTab, KeyModifiers::SHIFT)),
            other => final_key(other, modifier),
        };
        Step::Event(event, used)
    }
}

/// The keys named by a sequence's last byte: arrows, Home, End, F1–F4.
fn final_key(last: u8, modifiers: KeyModifiers) -> Option<Event> {
    let code = match last {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P' => KeyCode::F(1),
        b'Q' => KeyCode::F(2),
        b'R' => KeyCode::F(3),
        b'S' => KeyCode::F(4),
        _ => return None,
    };
    Some(key(code, modifiers))
}

fn char_at(bytes: &[u8]) -> Option<(char, usize)> {
    let width = match bytes[0] {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf7 => 4,
        _ => return None,
    };
    let text = std::str::from_utf8(bytes.get(..width)?).ok()?;
    text.chars().next().map(|c| (c, width))
}

fn utf8_start(bytes: &[u8]) -> bool {
    matches!(bytes[0], 0xc0..=0xf7) && bytes[1..].iter().all(|b| (0x80..=0xbf).contains(b))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(input: &mut Input, bytes: &[u8]) -> Vec<(KeyCode, KeyModifiers)> {
        (input.feed(bytes).into_iter())
            .map(|event| match event {
                Event::Key(k) => (k.code, k.modifiers),
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn text_control_keys_and_sequences() {
        let mut input = Input::default();
        let none = KeyModifiers::NONE;
        assert_eq!(
            keys(&mut input, "aÄ\r\t\x7f\x15".as_bytes()),
            [
                (KeyCode::Char('a'), none),
                (KeyCode::Char('Ä'), KeyModifiers::SHIFT),
                (KeyCode::Enter, none),
                (KeyCode::Tab, none),
                (KeyCode::Backspace, none),
                (KeyCode::Char('u'), KeyModifiers::CONTROL),
            ]
        );
        assert_eq!(
            keys(
                &mut input,
                b"\x1b[A\x1bOB\x1b[1;5C\x1b[5~\x1b[3~\x1b[Z\x1b[15~\x1bOP"
            ),
            [
                (KeyCode::Up, none),
                (KeyCode::Down, none),
                (KeyCode::Right, KeyModifiers::CONTROL),
                (KeyCode::PageUp, none),
                (KeyCode::Delete, none),
                (KeyCode::BackTab, KeyModifiers::SHIFT),
                (KeyCode::F(5), none),
                (KeyCode::F(1), none),
            ]
        );
        assert_eq!(
            keys(&mut input, b"\x1bx"),
            [(KeyCode::Char('x'), KeyModifiers::ALT)]
        );
    }

    #[test]
    fn sequences_and_characters_cut_between_packets_wait_for_their_end() {
        let mut input = Input::default();
        assert!(keys(&mut input, b"\x1b[").is_empty());
        assert!(input.waiting());
        assert_eq!(
            keys(&mut input, b"B"),
            [(KeyCode::Down, KeyModifiers::NONE)]
        );
        let umlaut = "ü".as_bytes();
        assert!(keys(&mut input, &umlaut[..1]).is_empty());
        assert_eq!(
            keys(&mut input, &umlaut[1..]),
            [(KeyCode::Char('ü'), KeyModifiers::NONE)]
        );
    }

    #[test]
    fn a_lone_escape_is_the_key_after_a_pause() {
        let mut input = Input::default();
        assert!(keys(&mut input, b"\x1b").is_empty());
        let events = input.flush();
        assert!(matches!(&events[..], [Event::Key(k)] if k.code == KeyCode::Esc));
        assert!(!input.waiting());
    }

    #[test]
    fn a_bracketed_paste_arrives_whole_even_in_pieces() {
        let mut input = Input::default();
        assert!(input.feed(b"\x1b[200~Zeile 1\r\nZei").is_empty());
        assert!(input.feed(b"le 2\x1b[20").is_empty());
        let events = input.feed(b"1~x");
        assert_eq!(events.len(), 2);
        assert!(matches!(&events[0], Event::Paste(text) if text == "Zeile 1\nZeile 2"));
    }

    #[test]
    fn garbage_never_panics_and_is_dropped() {
        let mut input = Input::default();
        for bytes in [
            &b"\xff\xfe"[..],
            b"\x1b[999999999999~",
            b"\x1b[;;;;H",
            b"\x1bO",
        ] {
            input.feed(bytes);
            input.flush();
        }
        let long = vec![b'1'; 200];
        input.feed(b"\x1b[");
        input.feed(&long);
        assert!(!input.waiting());
    }
}
