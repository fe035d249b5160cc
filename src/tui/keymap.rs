//! Keys to actions, per context. The defaults are data (`assets/keymap.toml`); a user's
//! `keymap.toml` in the config directory changes single actions. Problems in it — unknown
//! actions, unreadable keys, two actions on one key — are reported, never silently ignored.

use std::collections::{BTreeMap, HashMap};
use std::str::FromStr;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use strum::IntoEnumIterator;

use super::action::{Action, Context};

pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// A key as bindings see it: shift is part of the character, not a modifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: KeyCodeOrd,
    pub ctrl: bool,
    pub alt: bool,
}

/// `KeyCode` with the few codes bindings use, in an orderable form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCodeOrd {
    Char(char),
    F(u8),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
}

impl Key {
    pub fn from_event(event: &KeyEvent) -> Option<Key> {
        let code = match event.code {
            KeyCode::Char(c) => KeyCodeOrd::Char(c),
            KeyCode::F(n) => KeyCodeOrd::F(n),
            KeyCode::Enter => KeyCodeOrd::Enter,
            KeyCode::Esc => KeyCodeOrd::Esc,
            KeyCode::Tab => KeyCodeOrd::Tab,
            KeyCode::BackTab => KeyCodeOrd::BackTab,
            KeyCode::Backspace => KeyCodeOrd::Backspace,
            KeyCode::Delete => KeyCodeOrd::Delete,
            KeyCode::Up => KeyCodeOrd::Up,
            KeyCode::Down => KeyCodeOrd::Down,
            KeyCode::Left => KeyCodeOrd::Left,
            KeyCode::Right => KeyCodeOrd::Right,
            KeyCode::Home => KeyCodeOrd::Home,
            KeyCode::End => KeyCodeOrd::End,
            KeyCode::PageUp => KeyCodeOrd::PageUp,
            KeyCode::PageDown => KeyCodeOrd::PageDown,
            _ => return None,
        };
        Some(Key {
            code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
            alt: event.modifiers.contains(KeyModifiers::ALT),
        })
    }

    pub fn parse(text: &str) -> Option<Key> {
        let mut rest = text;
        let (mut ctrl, mut alt, mut shift) = (false, false, false);
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                alt = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("shift-") {
                shift = true;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest {
            "enter" => KeyCodeOrd::Enter,
            "esc" => KeyCodeOrd::Esc,
            "tab" if shift => KeyCodeOrd::BackTab,
            "tab" => KeyCodeOrd::Tab,
            "backspace" => KeyCodeOrd::Backspace,
            "delete" => KeyCodeOrd::Delete,
            "space" => KeyCodeOrd::Char(' '),
            "up" => KeyCodeOrd::Up,
            "down" => KeyCodeOrd::Down,
            "left" => KeyCodeOrd::Left,
            "right" => KeyCodeOrd::Right,
            "home" => KeyCodeOrd::Home,
            "end" => KeyCodeOrd::End,
            "pageup" => KeyCodeOrd::PageUp,
            "pagedown" => KeyCodeOrd::PageDown,
            f if f.len() > 1 && f.starts_with('f') => {
                KeyCodeOrd::F(f[1..].parse().ok().filter(|n| (1..=12).contains(n))?)
            }
            single => {
                let mut chars = single.chars();
                let c = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                // "shift-a" means "A"; ctrl letters arrive as lower case.
                let c = if shift { c.to_ascii_uppercase() } else { c };
                KeyCodeOrd::Char(if ctrl { c.to_ascii_lowercase() } else { c })
            }
        };
        Some(Key { code, ctrl, alt })
    }

    /// How the key is shown in the footer and help.
    pub fn display(&self) -> String {
        let base = match self.code {
            KeyCodeOrd::Char(' ') => "Space".to_string(),
            KeyCodeOrd::Char(c) => c.to_string(),
            KeyCodeOrd::F(n) => format!("F{n}"),
            KeyCodeOrd::Enter => "Enter".into(),
            KeyCodeOrd::Esc => "Esc".into(),
            KeyCodeOrd::Tab => "Tab".into(),
            KeyCodeOrd::BackTab => "⇧Tab".into(),
            KeyCodeOrd::Backspace => "⌫".into(),
            KeyCodeOrd::Delete => "Del".into(),
            KeyCodeOrd::Up => "↑".into(),
            KeyCodeOrd::Down => "↓".into(),
            KeyCodeOrd::Left => "←".into(),
            KeyCodeOrd::Right => "→".into(),
            KeyCodeOrd::Home => "Home".into(),
            KeyCodeOrd::End => "End".into(),
            KeyCodeOrd::PageUp => "PgUp".into(),
            KeyCodeOrd::PageDown => "PgDn".into(),
        };
        match (self.ctrl, self.alt) {
            (true, _) => format!("Ctrl-{}", base.to_uppercase()),
            (_, true) => format!("Alt-{base}"),
            _ => base,
        }
    }
}

/// Something wrong with a keymap file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeymapProblem {
    /// The file is not TOML of the expected shape.
    Syntax(String),
    UnknownContext(String),
    UnknownAction {
        context: String,
        name: String,
    },
    BadKey {
        context: String,
        action: String,
        key: String,
    },
    /// Two actions on one key where both apply.
    Conflict {
        context: Context,
        key: String,
        first: Action,
        second: Action,
    },
}

#[derive(Debug, Clone)]
pub struct Keymap {
    /// Keys of each action per context, as configured.
    keys: BTreeMap<(Context, Action), Vec<Key>>,
    lookup: HashMap<(Context, Key), Action>,
}

type Sections = BTreeMap<String, BTreeMap<String, Vec<String>>>;

fn parse_sections(
    text: &str,
    problems: &mut Vec<KeymapProblem>,
) -> Vec<(Context, Action, Vec<Key>)> {
    let sections: Sections = match toml::from_str(text) {
        Ok(sections) => sections,
        Err(e) => {
            problems.push(KeymapProblem::Syntax(e.to_string()));
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for (context_name, actions) in sections {
        let Ok(context) = Context::from_str(&context_name) else {
            problems.push(KeymapProblem::UnknownContext(context_name));
            continue;
        };
        for (action_name, key_names) in actions {
            let Ok(action) = Action::from_str(&action_name) else {
                problems.push(KeymapProblem::UnknownAction {
                    context: context_name.clone(),
                    name: action_name,
                });
                continue;
            };
            let mut keys = Vec::new();
            for name in key_names {
                match Key::parse(&name) {
                    Some(key) => keys.push(key),
                    None => problems.push(KeymapProblem::BadKey {
                        context: context_name.clone(),
                        action: action_name.clone(),
                        key: name,
                    }),
                }
            }
            out.push((context, action, keys));
        }
    }
    out
}

impl Keymap {
    /// The defaults, changed by a user's keymap file, and every problem found on the way.
    pub fn load(user: Option<&str>) -> (Keymap, Vec<KeymapProblem>) {
        let mut problems = Vec::new();
        let mut keys: BTreeMap<(Context, Action), Vec<Key>> = BTreeMap::new();
        for (context, action, list) in parse_sections(DEFAULT_KEYMAP, &mut problems) {
            keys.insert((context, action), list);
        }
        if let Some(text) = user {
            for (context, action, list) in parse_sections(text, &mut problems) {
                keys.insert((context, action), list);
            }
        }
        let mut lookup = HashMap::new();
        for ((context, action), list) in &keys {
            for key in list {
                if let Some(first) = lookup.insert((*context, *key), *action)
                    && first != *action
                {
                    problems.push(KeymapProblem::Conflict {
                        context: *context,
                        key: key.display(),
                        first,
                        second: *action,
                    });
                }
            }
        }
        // A context key that hides a global one where both apply is a conflict too.
        for ((context, key), action) in &lookup {
            if *context == Context::Global || context.takes_text() {
                continue;
            }
            if let Some(global) = lookup.get(&(Context::Global, *key))
                && global != action
            {
                problems.push(KeymapProblem::Conflict {
                    context: *context,
                    key: key.display(),
                    first: *global,
                    second: *action,
                });
            }
        }
        problems.sort_by_key(|p| format!("{p:?}"));
        (Keymap { keys, lookup }, problems)
    }

    /// The action a key means in a context. In text contexts only the context's own keys and
    /// quitting apply, so typed text never triggers a binding.
    pub fn action(&self, context: Context, key: Key) -> Option<Action> {
        if let Some(action) = self.lookup.get(&(context, key)) {
            return Some(*action);
        }
        let global = self.lookup.get(&(Context::Global, key)).copied()?;
        (!context.takes_text() || global == Action::Quit).then_some(global)
    }

    /// The keys of an action in a context (its own, else the global ones).
    pub fn keys(&self, context: Context, action: Action) -> &[Key] {
        self.keys
            .get(&(context, action))
            .or_else(|| self.keys.get(&(Context::Global, action)))
            .map_or(&[], Vec::as_slice)
    }

    /// "j/↓": the keys of an action, for the footer and help.
    pub fn describe(&self, context: Context, action: Action) -> String {
        self.keys(context, action)
            .iter()
            .map(Key::display)
            .collect::<Vec<_>>()
            .join("/")
    }

    /// Every binding of a context (without the global ones), in action order.
    pub fn bindings(&self, context: Context) -> Vec<Action> {
        Action::iter()
            .filter(|a| self.keys.get(&(context, *a)).is_some_and(|k| !k.is_empty()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_parse_without_conflicts() {
        let (_, problems) = Keymap::load(None);
        assert_eq!(problems, vec![]);
    }

    #[test]
    fn every_action_has_a_key() {
        let (keymap, _) = Keymap::load(None);
        for action in Action::iter() {
            let bound = Context::iter().any(|c| !keymap.keys(c, action).is_empty());
            assert!(bound, "{action:?} has no key");
        }
    }

    #[test]
    fn keys_parse_and_display() {
        let key = |s| Key::parse(s).unwrap();
        assert_eq!(key("ctrl-c").display(), "Ctrl-C");
        assert_eq!(key("shift-tab").code, KeyCodeOrd::BackTab);
        assert_eq!(key("G").code, KeyCodeOrd::Char('G'));
        assert_eq!(key("shift-g").code, KeyCodeOrd::Char('G'));
        assert_eq!(key("f1").display(), "F1");
        assert_eq!(key("space").display(), "Space");
        assert_eq!(Key::parse("f13"), None);
        assert_eq!(Key::parse("hello"), None);
        let event = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&event), Some(key("G")));
    }

    #[test]
    fn typed_text_never_triggers_a_binding() {
        let (keymap, _) = Keymap::load(None);
        let q = Key::parse("q").unwrap();
        assert_eq!(keymap.action(Context::Review, q), Some(Action::Back));
        assert_eq!(keymap.action(Context::Editor, q), None);
        assert_eq!(keymap.action(Context::Prompt, q), None);
        let ctrl_c = Key::parse("ctrl-c").unwrap();
        assert_eq!(keymap.action(Context::Editor, ctrl_c), Some(Action::Quit));
    }

    #[test]
    fn user_keymaps_change_actions_and_report_problems() {
        let user = "[review]\nscoring = [\"w\"]\nfrobnicate = [\"x\"]\nedit = [\"hyper-e\"]\ntoggle_reviewed = [\"j\"]\n[nowhere]\nx = []\n";
        let (keymap, problems) = Keymap::load(Some(user));
        assert_eq!(
            keymap.action(Context::Review, Key::parse("w").unwrap()),
            Some(Action::Scoring)
        );
        assert_eq!(
            keymap.action(Context::Review, Key::parse("s").unwrap()),
            None
        );
        assert!(problems.contains(&KeymapProblem::UnknownAction {
            context: "review".into(),
            name: "frobnicate".into()
        }));
        assert!(problems.contains(&KeymapProblem::BadKey {
            context: "review".into(),
            action: "edit".into(),
            key: "hyper-e".into()
        }));
        assert!(problems.contains(&KeymapProblem::UnknownContext("nowhere".into())));
        assert!(problems.contains(&KeymapProblem::Conflict {
            context: Context::Review,
            key: "j".into(),
            first: Action::Down,
            second: Action::ToggleReviewed
        }));
        let (_, problems) = Keymap::load(Some("this is = = not toml"));
        assert!(matches!(problems[0], KeymapProblem::Syntax(_)));
    }
}
