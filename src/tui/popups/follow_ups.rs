//! The follow-up questions (Rückfragen) of one question: each shown with its status and up to
//! three lines of its text; the status cycles open → answered → done.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::catalog::tui::{self as words, Ui};
use crate::domain::assessment::{FollowUp, FollowUpStatus};
use crate::store::Edit;
use crate::tui::action::{Action, Context};
use crate::tui::component::{Command, Ctx, EditTarget, Msg, move_in};
use crate::tui::effect::Then;
use crate::tui::widgets::answer::paragraphs;
use crate::tui::widgets::{centered, highlight, scrollbar, titled, window_start};
use crate::tui::work::Work;

pub const COMMANDS: [Command; 4] = [
    Command::of(Action::CycleStatus),
    Command::of(Action::Edit),
    Command::of(Action::AddFollowUp),
    Command::labelled(Action::Cancel, Ui::CloseLabel),
];

/// Lines of one entry in a list before the rest is left to the editor.
pub const ENTRY_LINES: usize = 3;

pub struct FollowUps {
    pub question: String,
    selected: usize,
}

impl FollowUps {
    pub fn new(question: String) -> FollowUps {
        FollowUps {
            question,
            selected: 0,
        }
    }

    fn list<'w>(&self, work: &'w Work) -> Vec<&'w FollowUp> {
        work.assessment
            .follow_ups
            .iter()
            .filter(|f| f.question_id == self.question)
            .collect()
    }

    pub fn handle(&mut self, action: Action, work: Option<&Work>, ctx: &Ctx) -> Vec<Msg> {
        let Some(work) = work else {
            return vec![Msg::ClosePopup];
        };
        let list = self.list(work);
        if move_in(&mut self.selected, list.len(), action, ctx.page) {
            return Vec::new();
        }
        let current = list.get(self.selected);
        if current.is_none() && matches!(action, Action::CycleStatus | Action::Edit) {
            let key = ctx.keymap.describe(Context::FollowUps, Action::AddFollowUp);
            let text = format!(
                "{} ({key} {})",
                Ui::NoFollowUps.text(ctx.lang),
                Ui::AsksOne.text(ctx.lang)
            );
            return vec![Msg::Info(text)];
        }
        match action {
            Action::CycleStatus => current
                .map(|f| {
                    let status = match f.status {
                        FollowUpStatus::Open => FollowUpStatus::Answered,
                        FollowUpStatus::Answered => FollowUpStatus::Done,
                        FollowUpStatus::Done => FollowUpStatus::Open,
                    };
                    vec![Msg::Change {
                        edit: Edit::SetFollowUpStatus { id: f.id, status },
                        then: Then::Stay,
                    }]
                })
                .unwrap_or_default(),
            Action::Edit => current
                .map(|f| {
                    vec![Msg::Edit {
                        target: EditTarget::FollowUp(f.id),
                        title: Ui::FollowUpTitle.text(ctx.lang).into(),
                        text: f.text.clone(),
                    }]
                })
                .unwrap_or_default(),
            Action::AddFollowUp => vec![Msg::Edit {
                target: EditTarget::NewFollowUp(self.question.clone()),
                title: format!("{} {}", Ui::NewFollowUpTitle.text(ctx.lang), self.question),
                text: String::new(),
            }],
            Action::Cancel | Action::Back => vec![Msg::ClosePopup],
            _ => Vec::new(),
        }
    }

    pub fn draw(&self, frame: &mut Frame, body: Rect, work: Option<&Work>, ctx: &Ctx) {
        let Some(work) = work else { return };
        let theme = ctx.theme;
        let lang = ctx.lang;
        let area = centered(
            body,
            body.width.saturating_sub(8).min(80),
            body.height.saturating_sub(4).min(16),
        );
        frame.render_widget(Clear, area);
        let title = format!("{} {}", Ui::FollowUpsOf.text(lang), self.question);
        let outer = titled(&title, area.width, true, theme);
        let inner = outer.inner(area);
        frame.render_widget(outer, area);
        let list = self.list(work);
        if list.is_empty() {
            let key = ctx.keymap.describe(Context::FollowUps, Action::AddFollowUp);
            frame.render_widget(
                Paragraph::new(Span::styled(
                    format!(
                        "{} ({key} {})",
                        Ui::NoFollowUps.text(lang),
                        Ui::AsksOne.text(lang)
                    ),
                    theme.dim,
                )),
                inner,
            );
            return;
        }
        let width = usize::from(inner.width.saturating_sub(1));
        let entries: Vec<Vec<Line<'static>>> = list
            .iter()
            .map(|f| {
                entry_lines(
                    &format!("[{}] {}", words::follow_up_status(f.status, lang), f.text),
                    width,
                )
            })
            .collect();
        let (lines, selected_line) = stack(entries, self.selected, width, true, theme);
        let height = usize::from(inner.height);
        let first = window_start(selected_line, lines.len(), height);
        let total = lines.len();
        let shown: Vec<Line<'static>> = lines.into_iter().skip(first).take(height).collect();
        frame.render_widget(Paragraph::new(shown), inner);
        scrollbar(frame, area, total, inner.height, first as u16);
    }
}

/// An entry of a list as at most `ENTRY_LINES` wrapped lines, "…" where more follows.
pub fn entry_lines(text: &str, width: usize) -> Vec<Line<'static>> {
    let mut lines = paragraphs(text, width.saturating_sub(2));
    if lines.len() > ENTRY_LINES {
        lines.truncate(ENTRY_LINES);
        if let Some(last) = lines.last_mut() {
            last.push_str(" …");
        }
    }
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            Line::from(if i == 0 {
                format!("• {l}")
            } else {
                format!("  {l}")
            })
        })
        .collect()
}

/// Entries one below the other, the selected one highlighted; returns the lines and the line
/// of the selected entry.
pub fn stack(
    entries: Vec<Vec<Line<'static>>>,
    selected: usize,
    width: usize,
    focused: bool,
    theme: &crate::tui::theme::Theme,
) -> (Vec<Line<'static>>, usize) {
    let mut lines = Vec::new();
    let mut selected_line = 0;
    for (i, entry) in entries.into_iter().enumerate() {
        if i == selected {
            selected_line = lines.len();
            lines.extend(
                entry
                    .into_iter()
                    .map(|l| highlight(l, width, focused, theme)),
            );
        } else {
            lines.extend(entry);
        }
    }
    (lines, selected_line)
}
