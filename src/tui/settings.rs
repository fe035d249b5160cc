//! The user's settings: `config.toml` (theme, mouse) and `keymap.toml` in the config directory.
//! Every problem names the file and, where it can be found, the line; the catalog words it in
//! the user's language.

use std::path::Path;

use super::keymap::{Keymap, KeymapProblem};
use super::theme::Theme;
use crate::catalog::Lang;
use crate::catalog::tui::{SettingsNotice, settings_notice};

/// Something wrong in the user's settings, shown when siegel starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsProblem {
    pub file: String,
    /// 1-based, where the problem could be placed.
    pub line: Option<usize>,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    Syntax(String),
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
        let notice = match &self.kind {
            ProblemKind::Syntax(detail) => SettingsNotice::Syntax { detail },
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

impl Settings {
    /// Reads the settings in `config_dir`; missing files mean defaults. `mouse_flag` is `--mouse`.
    pub fn load(config_dir: &Path, mouse_flag: bool) -> Settings {
        let mut problems = Vec::new();
        let config_file = config_dir.join("config.toml");
        let config_name = config_file.display().to_string();
        let (mut theme, mut mouse) = (None, None);
        if let Ok(text) = std::fs::read_to_string(&config_file) {
            let mut problem = |line, kind| {
                problems.push(SettingsProblem {
                    file: config_name.clone(),
                    line,
                    kind,
                })
            };
            match text.parse::<toml::Table>() {
                Err(e) => problem(
                    e.span().map(|span| line_of(&text, span.start)),
                    ProblemKind::Syntax(e.message().to_string()),
                ),
                Ok(table) => {
                    for (key, value) in &table {
                        let line = line_setting(&text, key);
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
        let keymap_file = config_dir.join("keymap.toml");
        let user_keymap = std::fs::read_to_string(&keymap_file).ok();
        let (keymap, keymap_problems) = Keymap::load(user_keymap.as_deref());
        problems.extend(keymap_problems.into_iter().map(|problem| {
            SettingsProblem {
                file: keymap_file.display().to_string(),
                line: user_keymap
                    .as_deref()
                    .and_then(|text| keymap_line(text, &problem)),
                kind: ProblemKind::Keymap(problem),
            }
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
