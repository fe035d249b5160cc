//! Read-only text in a popup that scrolls: how a score was computed, why an import was
//! refused, what is wrong in the user's settings.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::tui::action::Action;
use crate::tui::component::{Command, Ctx, Msg};
use crate::tui::widgets::answer::paragraphs;
use crate::tui::widgets::{Scroll, centered, scrolled, titled};

pub const COMMANDS: [Command; 3] = [
    Command::of(Action::Down),
    Command::of(Action::PageDown),
    Command::labelled(Action::Cancel, crate::catalog::tui::Ui::CloseLabel),
];

pub struct TextPopup {
    pub title: String,
    pub lines: Vec<String>,
    scroll: Scroll,
}

impl TextPopup {
    pub fn new(title: impl Into<String>, lines: Vec<String>) -> TextPopup {
        TextPopup {
            title: title.into(),
            lines,
            scroll: Scroll::default(),
        }
    }

    pub fn handle(&mut self, action: Action, ctx: &Ctx) -> Vec<Msg> {
        scroll_or_close(&mut self.scroll, action, ctx)
    }

    pub fn draw(&self, frame: &mut Frame, body: Rect, ctx: &Ctx) {
        let width = body.width.saturating_sub(4).min(100);
        let lines: Vec<Line<'static>> = self
            .lines
            .iter()
            .flat_map(|l| paragraphs(l, usize::from(width.saturating_sub(3))))
            .map(Line::from)
            .collect();
        let area = centered(body, width, (lines.len() as u16).saturating_add(2));
        frame.render_widget(ratatui::widgets::Clear, area);
        scrolled(
            frame,
            area,
            titled(&self.title, area.width, true, ctx.theme),
            lines,
            &self.scroll,
        );
    }
}

/// Scrolls on moving keys; closes on Esc, q and Enter.
pub fn scroll_or_close(scroll: &mut Scroll, action: Action, ctx: &Ctx) -> Vec<Msg> {
    if scroll.apply(action, ctx.page) {
        return Vec::new();
    }
    match action {
        Action::Cancel | Action::Back | Action::Open => vec![Msg::ClosePopup],
        _ => Vec::new(),
    }
}
