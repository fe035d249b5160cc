//! A question before something destructive or final: deleting an entry, finalising,
//! reopening, replacing a file. "Abbrechen" is preselected, and only Enter on the other choice
//! confirms: no key that also moves can say yes.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::catalog::tui::{self as words, Ui};
use crate::export::{Format, Part};
use crate::store::Edit;
use crate::tui::action::Action;
use crate::tui::component::{Command, Ctx, Msg};
use crate::tui::effect::{Effect, Then};
use crate::tui::widgets::dialog;

pub const COMMANDS: [Command; 3] = [
    Command::labelled(Action::NextPane, Ui::ChooseLabel),
    Command::labelled(Action::Open, Ui::ConfirmLabel),
    Command::of(Action::Cancel),
];

#[derive(Debug, Clone, PartialEq)]
pub enum Purpose {
    DeleteFinding(i64),
    /// `open` follow-up questions are still open; finalising anyway is recorded.
    Finalize {
        open: usize,
    },
    Reopen,
    /// Submitting a second rating: it is locked for good, and the first becomes visible.
    Submit {
        open: usize,
    },
    ReplaceFile {
        format: Format,
        part: Part,
        path: PathBuf,
    },
}

pub struct Confirm {
    pub purpose: Purpose,
    /// 0 is "Abbrechen", 1 the action.
    selected: usize,
}

impl Confirm {
    pub fn new(purpose: Purpose) -> Confirm {
        Confirm {
            purpose,
            selected: 0,
        }
    }

    pub fn handle(&mut self, action: Action) -> Vec<Msg> {
        match action {
            Action::NextPane | Action::PreviousPane | Action::Expand | Action::Collapse => {
                self.selected = 1 - self.selected;
                Vec::new()
            }
            Action::Open if self.selected == 1 => vec![Msg::ClosePopup, self.confirmed()],
            Action::Open | Action::Cancel | Action::Back => match &self.purpose {
                // Not replacing: the file name comes back to be changed.
                Purpose::ReplaceFile { format, part, path } => vec![
                    Msg::ClosePopup,
                    Msg::Popup(super::Popup::Prompt(super::prompt::Prompt::new(
                        super::prompt::PromptKind::ExportPath(*format, *part),
                        path.display().to_string(),
                    ))),
                ],
                _ => vec![Msg::ClosePopup],
            },
            _ => Vec::new(),
        }
    }

    fn confirmed(&self) -> Msg {
        let change = |edit| Msg::Change {
            edit,
            then: Then::Stay,
        };
        match &self.purpose {
            Purpose::DeleteFinding(id) => change(Edit::DeleteFinding { id: *id }),
            Purpose::Finalize { open } | Purpose::Submit { open } => change(Edit::Finalize {
                allow_open_follow_ups: *open > 0,
            }),
            Purpose::Reopen => change(Edit::Reopen),
            Purpose::ReplaceFile { format, part, path } => Msg::Effect(Effect::Export {
                format: *format,
                part: *part,
                path: path.clone(),
                replace: true,
            }),
        }
    }

    pub fn draw(&self, frame: &mut Frame, body: Rect, ctx: &Ctx) {
        let lang = ctx.lang;
        let (text, button) = match &self.purpose {
            Purpose::DeleteFinding(_) => (
                vec![Ui::DeleteQuestion.text(lang).to_string()],
                Ui::DeleteButton,
            ),
            Purpose::Finalize { open: 0 } => (
                vec![Ui::FinalizeQuestion.text(lang).to_string()],
                Ui::FinalizeButton,
            ),
            Purpose::Finalize { open } => (
                vec![words::finalize_with_open(*open, lang)],
                Ui::FinalizeButton,
            ),
            Purpose::Reopen => (
                vec![Ui::ReopenQuestion.text(lang).to_string()],
                Ui::ReopenButton,
            ),
            Purpose::Submit { .. } => (
                vec![Ui::SubmitQuestion.text(lang).to_string()],
                Ui::SubmitButton,
            ),
            Purpose::ReplaceFile { path, .. } => (
                vec![
                    crate::text::sanitize(&path.display().to_string()).into_owned(),
                    Ui::ReplaceQuestion.text(lang).to_string(),
                ],
                Ui::ReplaceButton,
            ),
        };
        dialog(
            frame,
            body,
            Ui::ConfirmTitle.text(lang),
            &text,
            &[
                Ui::Cancel.text(lang).to_string(),
                button.text(lang).to_string(),
            ],
            self.selected,
            ctx.theme,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enter_cancels_until_the_other_choice_is_chosen() {
        let mut confirm = Confirm::new(Purpose::DeleteFinding(7));
        let msgs = confirm.handle(Action::Open);
        assert!(matches!(msgs.as_slice(), [Msg::ClosePopup]));
        let mut confirm = Confirm::new(Purpose::DeleteFinding(7));
        assert!(
            confirm.handle(Action::Down).is_empty(),
            "moving keys say nothing"
        );
        confirm.handle(Action::NextPane);
        let msgs = confirm.handle(Action::Open);
        assert!(matches!(
            msgs.as_slice(),
            [
                Msg::ClosePopup,
                Msg::Change {
                    edit: Edit::DeleteFinding { id: 7 },
                    ..
                }
            ]
        ));
    }
}
