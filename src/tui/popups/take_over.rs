//! Someone else edits the assessment: open it read-only, take it over, or cancel. "Abbrechen"
//! is preselected; `r` and `t` choose directly (they mean nothing else here).

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::catalog::tui::{self as words, Ui};
use crate::domain::assessment::AssessmentId;
use crate::store::{Lease, OpenMode};
use crate::text::sanitize;
use crate::tui::action::Action;
use crate::tui::component::{Command, Ctx, Msg};
use crate::tui::effect::Effect;
use crate::tui::widgets::dialog;

pub const COMMANDS: [Command; 4] = [
    Command::of(Action::ReadOnly),
    Command::of(Action::TakeOver),
    Command::labelled(Action::Open, Ui::ConfirmLabel),
    Command::of(Action::Cancel),
];

pub struct TakeOver {
    pub id: AssessmentId,
    pub holder: Lease,
    /// 0 cancel, 1 read-only, 2 take over.
    selected: usize,
}

impl TakeOver {
    pub fn new(id: AssessmentId, holder: Lease) -> TakeOver {
        TakeOver {
            id,
            holder,
            selected: 0,
        }
    }

    pub fn handle(&mut self, action: Action) -> Vec<Msg> {
        let open = |mode| {
            vec![
                Msg::ClosePopup,
                Msg::Effect(Effect::Open { id: self.id, mode }),
            ]
        };
        match action {
            Action::NextPane | Action::Expand => {
                self.selected = (self.selected + 1) % 3;
                Vec::new()
            }
            Action::PreviousPane | Action::Collapse => {
                self.selected = (self.selected + 2) % 3;
                Vec::new()
            }
            Action::ReadOnly => open(OpenMode::ReadOnly),
            Action::TakeOver => open(OpenMode::TakeOver),
            Action::Open => match self.selected {
                1 => open(OpenMode::ReadOnly),
                2 => open(OpenMode::TakeOver),
                _ => vec![Msg::ClosePopup],
            },
            Action::Cancel | Action::Back => vec![Msg::ClosePopup],
            _ => Vec::new(),
        }
    }

    pub fn draw(&self, frame: &mut Frame, body: Rect, ctx: &Ctx) {
        let lang = ctx.lang;
        let text = vec![
            words::lease_held(
                &sanitize(&self.holder.auditor),
                &sanitize(&self.holder.host),
                &self.holder.since,
                lang,
            ),
            Ui::TakeOverWarning.text(lang).to_string(),
        ];
        let key = |action| {
            ctx.keymap
                .describe(crate::tui::action::Context::Dialog, action)
        };
        dialog(
            frame,
            body,
            Ui::LeaseTitle.text(lang),
            &text,
            &[
                Ui::Cancel.text(lang).to_string(),
                format!(
                    "{} {}",
                    key(Action::ReadOnly),
                    Ui::ReadOnlyButton.text(lang)
                ),
                format!(
                    "{} {}",
                    key(Action::TakeOver),
                    Ui::TakeOverButton.text(lang)
                ),
            ],
            self.selected,
            ctx.theme,
        );
    }
}
