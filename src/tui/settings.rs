//! The user's settings: `config.toml` (theme, mouse) and `keymap.toml` in the config directory.

use std::path::Path;

use serde::Deserialize;

use super::keymap::{Keymap, KeymapProblem};
use super::theme::Theme;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Config {
    /// "auto" (colour unless NO_COLOR), "color" or "mono".
    theme: Option<String>,
    /// Mouse scrolling; off by default so that terminal text selection works.
    mouse: Option<bool>,
}

/// Something wrong in the user's settings, shown when siegel starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingsProblem {
    Config {
        file: String,
        reason: String,
    },
    Keymap {
        file: String,
        problem: KeymapProblem,
    },
}

pub struct Settings {
    pub theme: Theme,
    pub mouse: bool,
    pub keymap: Keymap,
    pub problems: Vec<SettingsProblem>,
}

impl Settings {
    /// Reads the settings in `config_dir`; missing files mean defaults. `mouse_flag` is `--mouse`.
    pub fn load(config_dir: &Path, mouse_flag: bool) -> Settings {
        let mut problems = Vec::new();
        let config_file = config_dir.join("config.toml");
        let config = match std::fs::read_to_string(&config_file) {
            Ok(text) => toml::from_str::<Config>(&text).unwrap_or_else(|e| {
                problems.push(SettingsProblem::Config {
                    file: config_file.display().to_string(),
                    reason: e.message().to_string(),
                });
                Config::default()
            }),
            Err(_) => Config::default(),
        };
        let keymap_file = config_dir.join("keymap.toml");
        let user_keymap = std::fs::read_to_string(&keymap_file).ok();
        let (keymap, keymap_problems) = Keymap::load(user_keymap.as_deref());
        problems.extend(
            keymap_problems
                .into_iter()
                .map(|problem| SettingsProblem::Keymap {
                    file: keymap_file.display().to_string(),
                    problem,
                }),
        );
        if let Some(theme) = config.theme.as_deref()
            && !matches!(theme, "auto" | "color" | "colour" | "mono")
        {
            problems.push(SettingsProblem::Config {
                file: config_file.display().to_string(),
                reason: format!("theme = \"{theme}\": auto, color, mono"),
            });
        }
        Settings {
            theme: Theme::choose(config.theme.as_deref()),
            mouse: mouse_flag || config.mouse.unwrap_or(false),
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
}
