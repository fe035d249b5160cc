//! Which earlier assessment a Bilanzierung follows, when several of the county could be meant.
//! Nothing is stored until the auditor chooses; cancelling stores nothing.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use crate::catalog::tui::{self as words, Ui};
use crate::store::Candidate;
use crate::tui::action::Action;
use crate::tui::component::{Command, Ctx, Msg, move_in};
use crate::tui::effect::Effect;
use crate::tui::widgets::answer::wrap;
use crate::tui::widgets::{centered, list_window, titled};

pub const COMMANDS: [Command; 3] = [
    Command::of(Action::Down),
    Command::labelled(Action::Open, Ui::ChooseLabel),
    Command::of(Action::Cancel),
];

pub struct PreviousChoice {
    path: PathBuf,
    candidates: Vec<Candidate>,
    selected: usize,
}

impl PreviousChoice {
    pub fn new(path: PathBuf, candidates: Vec<Candidate>) -> PreviousChoice {
        PreviousChoice {
            path,
            candidates,
            selected: 0,
        }
    }

    pub fn handle(&mut self, action: Action, ctx: &Ctx) -> Vec<Msg> {
        if move_in(&mut self.selected, self.candidates.len(), action, ctx.page) {
            return Vec::new();
        }
        match action {
            Action::Open => match self.candidates.get(self.selected) {
                Some(candidate) => vec![
                    Msg::ClosePopup,
                    Msg::Effect(Effect::ImportFileAfter {
                        path: self.path.clone(),
                        previous: candidate.id,
                    }),
                ],
                None => vec![Msg::ClosePopup],
            },
            Action::Cancel | Action::Back => vec![
                Msg::ClosePopup,
                Msg::Info(Ui::NothingImported.text(ctx.lang).into()),
            ],
            _ => Vec::new(),
        }
    }

    pub fn draw(&self, frame: &mut Frame, body: Rect, ctx: &Ctx) {
        let lang = ctx.lang;
        let items: Vec<Line<'static>> = self
            .candidates
            .iter()
            .map(|c| Line::from(format!(" {}", words::previous_candidate(c, lang))))
            .collect();
        let widest = items.iter().map(Line::width).max().unwrap_or(20) as u16 + 4;
        let width = widest.max(40).min(body.width.saturating_sub(4));
        let intro = wrap(
            Ui::PreviousIntro.text(lang),
            usize::from(width.saturating_sub(2)),
        );
        let height = (items.len() + intro.len() + 3) as u16;
        let area = centered(body, width, height.min(body.height.saturating_sub(2)));
        frame.render_widget(Clear, area);
        let outer = titled(Ui::PreviousTitle.text(lang), area.width, true, ctx.theme);
        let inner = outer.inner(area);
        frame.render_widget(outer, area);
        let intro_height = (intro.len() as u16 + 1).min(inner.height);
        let lines: Vec<Line<'static>> = intro.into_iter().map(Line::from).collect();
        frame.render_widget(
            Paragraph::new(lines),
            Rect {
                height: intro_height,
                ..inner
            },
        );
        let list_area = Rect {
            y: inner.y + intro_height,
            height: inner.height - intro_height,
            ..inner
        };
        let lines = list_window(
            items,
            Some(self.selected),
            usize::from(list_area.height),
            usize::from(list_area.width),
            true,
            ctx.theme,
        );
        frame.render_widget(Paragraph::new(lines), list_area);
    }
}
