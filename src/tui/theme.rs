//! Named styles. The colour theme adds colour to what the monochrome theme already says with
//! modifiers and symbols, so selection and status never depend on colour alone.

use ratatui::style::{Color, Modifier, Style};

use crate::domain::definition::BandColor;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub colour: bool,
    pub title: Style,
    pub border: Style,
    pub border_focused: Style,
    pub selected: Style,
    pub selected_unfocused: Style,
    pub heading: Style,
    pub dim: Style,
    pub text: Style,
    pub key: Style,
    pub key_label: Style,
    pub good: Style,
    pub warn: Style,
    pub bad: Style,
    pub error: Style,
    pub info: Style,
    pub placeholder: Style,
}

impl Theme {
    pub fn colour() -> Theme {
        let base = Theme::mono();
        Theme {
            colour: true,
            title: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            border_focused: Style::new().fg(Color::Cyan),
            heading: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            dim: Style::new().fg(Color::DarkGray),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            good: Style::new().fg(Color::Green),
            warn: Style::new().fg(Color::Yellow),
            bad: Style::new().fg(Color::Red),
            error: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
            info: Style::new().fg(Color::Cyan),
            placeholder: Style::new()
                .fg(Color::Magenta)
                .add_modifier(Modifier::REVERSED),
            ..base
        }
    }

    /// Modifiers only: for NO_COLOR and monochrome terminals.
    pub fn mono() -> Theme {
        Theme {
            colour: false,
            title: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            border: Style::new(),
            border_focused: Style::new().add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            selected_unfocused: Style::new().add_modifier(Modifier::UNDERLINED),
            heading: Style::new().add_modifier(Modifier::BOLD),
            dim: Style::new().add_modifier(Modifier::DIM),
            text: Style::new(),
            key: Style::new().add_modifier(Modifier::BOLD),
            key_label: Style::new(),
            good: Style::new(),
            warn: Style::new().add_modifier(Modifier::BOLD),
            bad: Style::new().add_modifier(Modifier::BOLD),
            error: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            info: Style::new(),
            placeholder: Style::new().add_modifier(Modifier::REVERSED),
        }
    }

    /// `theme` from the config ("color", "mono" or "auto"); auto honours NO_COLOR.
    pub fn choose(setting: Option<&str>) -> Theme {
        match setting {
            Some("mono") => Theme::mono(),
            Some("color" | "colour") => Theme::colour(),
            _ if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) => Theme::mono(),
            _ => Theme::colour(),
        }
    }

    /// The style of an Ampel band.
    pub fn band(&self, colour: BandColor) -> Style {
        if !self.colour {
            return Style::new().add_modifier(Modifier::BOLD);
        }
        let fg = match colour {
            BandColor::Red => Color::Red,
            BandColor::Yellow => Color::Yellow,
            BandColor::Green => Color::Green,
            BandColor::Blue => Color::Blue,
            BandColor::Grey => Color::Gray,
        };
        Style::new().fg(fg).add_modifier(Modifier::BOLD)
    }

    /// The style of a level, from lowest (0) to highest on a scale of `top`.
    pub fn level(&self, level: i32, top: i32) -> Style {
        if !self.colour {
            return Style::new().add_modifier(Modifier::BOLD);
        }
        let share = if top > 0 {
            f64::from(level) / f64::from(top)
        } else {
            0.0
        };
        let fg = if share < 0.3 {
            Color::Red
        } else if share < 0.6 {
            Color::Yellow
        } else {
            Color::Green
        };
        Style::new().fg(fg).add_modifier(Modifier::BOLD)
    }
}
