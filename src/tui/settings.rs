//! The user's settings: `config.toml` (theme, mouse) and `keymap.toml` in the config directory.
//! Every problem names the file and, where it can be found, the line; the catalog words it in
//! the user's language.

use std::path::Path;

use super::keymap::{Keymap, KeymapProblem};
use super::theme::Theme;
use crate::catalog::Lang;
use crate::catalog::tui::{SettingsNotice, settings_notice};
use crate::domain::diagnostic::Problem;

/// Something wrong in the user's settings, shown when siegel starts.
#[derive(Debug, Clone, PartialEq)]
pub struct SettingsProblem {
    pub file: String,
    /// 1-based, where the problem could be placed.
    pub line: Option<usize>,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ProblemKind {
    Syntax(String),
    /// Not a regular file, too large, not UTF-8, or not readable.
    Unreadable(Problem),
    UnknownSetting(String),
    BadValue {
        key: String,
        found: String,
        expected: &'static str,
    },
    Keymap(KeymapProblem),
}

impl SettingsProblem {
    pub fn text(&self, lang: Lang) -> String {
        let conflict_names;
        let unreadable;
        let notice = match &self.kind {
            ProblemKind::Syntax(detail) => SettingsNotice::Syntax { detail },
            ProblemKind::Unreadable(problem) => {
                unreadable = crate::catalog::problem(problem, lang);
                SettingsNotice::Unreadable {
                    detail: &unreadable,
                }
            }
            ProblemKind::UnknownSetting(key) => SettingsNotice::UnknownSetting {
                key,
                known: "theme, mouse",
            },
            ProblemKind::BadValue {
                key,
                found,
                expected,
            } => SettingsNotice::BadValue {
                key,
                found,
                expected,
            },
            ProblemKind::Keymap(problem) => match problem {
                KeymapProblem::Syntax(detail) => SettingsNotice::Syntax { detail },
                KeymapProblem::UnknownContext(section) => {
                    SettingsNotice::UnknownSection { section }
                }
                KeymapProblem::UnknownAction { context, name } => SettingsNotice::UnknownAction {
                    section: context,
                    name,
                },
                KeymapProblem::BadKey {
                    context,
                    action,
                    key,
                } => SettingsNotice::BadKey {
                    section: context,
                    action,
                    key,
                },
                KeymapProblem::Conflict {
                    context,
                    key,
                    first,
                    second,
                } => {
                    conflict_names = (<&str>::from(*context), first.name(), second.name());
                    SettingsNotice::Conflict {
                        section: conflict_names.0,
                        key,
                        first: conflict_names.1,
                        second: conflict_names.2,
                    }
                }
            },
        };
        settings_notice(&self.file, self.line, &notice, lang)
    }
}

pub struct Settings {
    pub theme: Theme,
    pub mouse: bool,
    pub keymap: Keymap,
    pub problems: Vec<SettingsProblem>,
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The first line that sets `key` (`key = …`), where there is one.
fn line_setting(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            line.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|i| i + 1)
}

/// The line of a keymap problem: its section header, its action, or its key.
fn keymap_line(text: &str, problem: &KeymapProblem) -> Option<usize> {
    let find = |needle: &str| text.lines().position(|l| l.contains(needle)).map(|i| i + 1);
    match problem {
        KeymapProblem::Syntax(_) => None,
        KeymapProblem::UnknownContext(section) => find(&format!("[{section}]")),
        KeymapProblem::UnknownAction { name, .. } => line_setting(text, name),
        KeymapProblem::BadKey { key, .. } => find(&format!("\"{key}\"")),
        KeymapProblem::Conflict { second, .. } => line_setting(text, second.name()),
    }
}

/// A settings file's text; a missing file is no problem, an unreadable one is.
fn read_settings(path: &Path, problems: &mut Vec<SettingsProblem>) -> Option<String> {
    let unreadable = |problem: &Problem| SettingsProblem {
        file: path.display().to_string(),
        line: None,
        kind: ProblemKind::Unreadable(problem.clone()),
    };
    // The bounded reader: a device, a FIFO or a huge file is refused, never read whole.
    match crate::questionnaires::read_file(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Some(text),
            Err(_) => {
                problems.push(unreadable(&Problem::NotUtf8));
                None
            }
        },
        Err(Problem::FileNotFound) => None,
        Err(problem) => {
            problems.push(unreadable(&problem));
            None
        }
    }
}

impl Settings {
    /// Reads the settings in `config_dir`; missing files mean defaults. `mouse_flag` is `--mouse`.
    pub fn load(config_dir: &Path, mouse_flag: bool) -> Settings {
        let mut problems = Vec::new();
        let config_file = config_dir.join("config.toml");
        let keymap_file = config_dir.join("keymap.toml");
        let config = read_settings(&config_file, &mut problems);
        let keymap = read_settings(&keymap_file, &mut problems);
        let mut settings = Settings::from_texts(
            (&config_file.display().to_string(), config.as_deref()),
            (&keymap_file.display().to_string(), keymap.as_deref()),
            mouse_flag,
        );
        problems.append(&mut settings.problems);
        settings.problems = problems;
        settings
    }

    /// The settings from the texts of `config.toml` and `keymap.toml` (name and text; no text
    /// means no file). Every problem names its file and, where it can, its line.
    pub fn from_texts(
        (config_name, config): (&str, Option<&str>),
        (keymap_name, user_keymap): (&str, Option<&str>),
        mouse_flag: bool,
    ) -> Settings {
        let mut problems = Vec::new();
        let (mut theme, mut mouse) = (None, None);
        if let Some(text) = config {
            let mut problem = |line, kind| {
                problems.push(SettingsProblem {
                    file: config_name.to_string(),
                    line,
                    kind,
                })
            };
            match text.parse::<toml::Table>() {
                Err(e) => problem(
                    e.span().map(|span| line_of(text, span.start)),
                    ProblemKind::Syntax(e.message().to_string()),
                ),
                Ok(table) => {
                    for (key, value) in &table {
                        let line = line_setting(text, key);
                        match (key.as_str(), value) {
                            ("theme", toml::Value::String(name))
                                if matches!(
                                    name.as_str(),
                                    "auto" | "color" | "colour" | "mono"
                                ) =>
                            {
                                theme = Some(name.clone());
                            }
                            ("theme", other) => problem(
                                line,
                                ProblemKind::BadValue {
                                    key: key.clone(),
                                    found: other.to_string(),
                                    expected: "\"auto\", \"color\", \"mono\"",
                                },
                            ),
                            ("mouse", toml::Value::Boolean(on)) => mouse = Some(*on),
                            ("mouse", other) => problem(
                                line,
                                ProblemKind::BadValue {
                                    key: key.clone(),
                                    found: other.to_string(),
                                    expected: "true, false",
                                },
                            ),
                            _ => problem(line, ProblemKind::UnknownSetting(key.clone())),
                        }
                    }
                }
            }
        }
        let (keymap, keymap_problems) = Keymap::load(user_keymap);
        problems.extend(keymap_problems.into_iter().map(|problem| SettingsProblem {
            file: keymap_name.to_string(),
            line: user_keymap.and_then(|text| keymap_line(text, &problem)),
            kind: ProblemKind::Keymap(problem),
        }));
        Settings {
            theme: Theme::choose(theme.as_deref()),
            mouse: mouse_flag || mouse.unwrap_or(false),
            keymap,
            problems,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_files_mean_defaults_and_bad_ones_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let settings = Settings::load(dir.path(), false);
        assert!(settings.problems.is_empty());
        assert!(!settings.mouse);
        std::fs::write(
            dir.path().join("config.toml"),
            "theme = \"mono\"\nmouse = true\n",
        )
        .unwrap();
        let settings = Settings::load(dir.path(), false);
        assert_eq!((settings.theme.colour, settings.mouse), (false, true));
        std::fs::write(dir.path().join("config.toml"), "colour = 3\n").unwrap();
        std::fs::write(
            dir.path().join("keymap.toml"),
            "[review]\nscoring = [\"j\"]\n",
        )
        .unwrap();
        let settings = Settings::load(dir.path(), false);
        assert_eq!(settings.problems.len(), 2, "{:?}", settings.problems);
    }

    #[test]
    fn a_settings_file_that_is_a_device_or_not_text_is_reported_not_read() {
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink("/dev/zero", dir.path().join("config.toml")).unwrap();
        std::fs::write(dir.path().join("keymap.toml"), b"\xff\xfe").unwrap();
        let settings = Settings::load(dir.path(), false);
        let texts: Vec<String> = settings.problems.iter().map(|p| p.text(Lang::En)).collect();
        assert_eq!(texts.len(), 2, "{texts:?}");
        let config = dir.path().join("config.toml").display().to_string();
        assert!(texts[0].starts_with(&format!("{config}: ")), "{texts:?}");
        assert!(texts[0].contains("not a regular file"), "{texts:?}");
        assert!(texts[1].contains("UTF-8"), "{texts:?}");
    }

    #[test]
    fn problems_name_file_line_and_the_expected_value_in_the_users_language() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("config.toml"),
            "# Einstellungen\nmouse = true\ntheme = \"bunt\"\n",
        )
        .unwrap();
        let settings = Settings::load(dir.path(), false);
        let file = dir.path().join("config.toml").display().to_string();
        assert_eq!(
            settings.problems[0].text(Lang::De),
            format!(
                "{file}, Zeile 3: theme = \"bunt\": erwartet wurde \"auto\", \"color\", \"mono\""
            )
        );
        assert_eq!(
            settings.problems[0].text(Lang::En),
            format!("{file}, line 3: theme = \"bunt\": expected \"auto\", \"color\", \"mono\"")
        );
        std::fs::write(dir.path().join("config.toml"), "theme = \n").unwrap();
        let settings = Settings::load(dir.path(), false);
        assert!(
            settings.problems[0]
                .text(Lang::De)
                .starts_with(&format!("{file}, Zeile 1: kein gültiges TOML")),
            "{}",
            settings.problems[0].text(Lang::De)
        );
    }
}
