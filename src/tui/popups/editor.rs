//! The multi-line editor for notes, follow-up questions, rationales, entries and the overall
//! assessment. Saving keeps the editor open until the store has the text; a refused save
//! leaves the text where it is and says what to do. Esc on changed text asks first. What is
//! typed is kept as a draft in the database shortly after each change (the loop decides when),
//! and a draft found when the field is opened again is offered with a notice.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::{Clear, Paragraph};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use crate::catalog::tui::{self as words, Ui};
use crate::store::Edit;
use crate::text::sanitize;
use crate::tui::action::{Action, Context};
use crate::tui::component::{Command, Ctx, EditTarget, Msg, commands};
use crate::tui::effect::{Effect, Then};
use crate::tui::theme::Theme;
use crate::tui::widgets::answer::wrap;
use crate::tui::widgets::{centered, dialog, titled};

pub struct Editor {
    pub target: EditTarget,
    pub title: String,
    textarea: TextArea<'static>,
    original: String,
    /// Asking whether to discard the changes: the selected button (0 keeps editing).
    discard: Option<usize>,
    /// Why the last save was refused.
    problem: Option<String>,
    /// That a draft from earlier was restored.
    notice: Option<String>,
    /// Typed since the draft was last kept.
    draft_pending: bool,
    /// A draft of this text is in the database (restored, or kept while typing).
    draft_stored: bool,
    /// The auditor asked to quit and the save was refused: quitting again discards.
    quit_refused: bool,
}

impl Editor {
    pub fn new(target: EditTarget, title: String, text: &str, theme: &Theme) -> Editor {
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            text.lines().map(str::to_string).collect()
        };
        let mut textarea = TextArea::new(lines);
        textarea.move_cursor(CursorMove::Bottom);
        textarea.move_cursor(CursorMove::End);
        textarea.set_wrap_mode(WrapMode::WordOrGlyph);
        textarea.set_cursor_line_style(Style::new());
        textarea.set_cursor_style(theme.selected);
        Editor {
            target,
            title,
            textarea,
            original: text.to_string(),
            discard: None,
            problem: None,
            notice: None,
            draft_pending: false,
            draft_stored: false,
            quit_refused: false,
        }
    }

    /// An editor on the stored `text` that shows the auditor's unsaved draft instead, with
    /// `notice` saying so; cancelling still asks before the draft is dropped.
    pub fn restored(
        target: EditTarget,
        title: String,
        text: &str,
        draft: &str,
        notice: String,
        theme: &Theme,
    ) -> Editor {
        let mut editor = Editor::new(target, title, draft, theme);
        editor.original = text.to_string();
        editor.notice = Some(notice);
        editor.draft_stored = true;
        editor
    }

    pub fn draft_pending(&self) -> bool {
        self.draft_pending
    }

    /// The draft to keep, if something was typed since the last one was kept.
    pub fn pending_draft(&self) -> Option<(String, String)> {
        self.draft_pending
            .then(|| (self.target.draft_key(), self.text()))
    }

    pub fn draft_kept(&mut self) {
        self.draft_pending = false;
        self.draft_stored = true;
    }

    /// Whether a draft of this text is in the database.
    pub fn draft_stored(&self) -> bool {
        self.draft_stored
    }

    /// Closing without saving: the draft goes too, if one was kept.
    fn close_unsaved(&self) -> Vec<Msg> {
        let discard = (self.draft_stored || self.draft_pending)
            .then(|| Msg::Effect(Effect::DiscardDraft(self.target.draft_key())));
        discard.into_iter().chain([Msg::ClosePopup]).collect()
    }

    pub fn text(&self) -> String {
        self.textarea.lines().join("\n").trim_end().to_string()
    }

    pub fn changed(&self) -> bool {
        self.text() != self.original
    }

    pub fn context(&self) -> Context {
        if self.discard.is_some() {
            Context::Dialog
        } else {
            Context::Editor
        }
    }

    pub fn commands(&self) -> Vec<Command> {
        if self.discard.is_some() {
            super::confirm::COMMANDS.to_vec()
        } else {
            commands(&[Action::Save, Action::Cancel])
        }
    }

    /// The store refused the text: it stays here, with what to do.
    pub fn refused(&mut self, why: String, then: Then) {
        self.quit_refused = then == Then::Quit;
        self.problem = Some(why);
    }

    /// Whether quitting now would lose text the store refused.
    pub fn quit_was_refused(&self) -> bool {
        self.quit_refused
    }

    pub fn handle(&mut self, action: Action) -> Vec<Msg> {
        if let Some(selected) = &mut self.discard {
            return match action {
                Action::NextPane | Action::PreviousPane | Action::Expand | Action::Collapse => {
                    *selected = 1 - *selected;
                    Vec::new()
                }
                Action::Open if *selected == 1 => self.close_unsaved(),
                Action::Open | Action::Cancel | Action::Back => {
                    self.discard = None;
                    Vec::new()
                }
                _ => Vec::new(),
            };
        }
        match action {
            Action::Save => self.save(Then::CloseEditor),
            Action::Cancel if self.changed() => {
                self.discard = Some(0);
                Vec::new()
            }
            Action::Cancel => self.close_unsaved(),
            _ => Vec::new(),
        }
    }

    /// The change that stores the text, then `then`; nothing when there is nothing to store.
    pub fn save(&self, then: Then) -> Vec<Msg> {
        let text = self.text();
        if text == self.original {
            return match then {
                Then::Quit => vec![Msg::Quit],
                _ => vec![Msg::ClosePopup],
            };
        }
        let edit = match self.target.clone() {
            EditTarget::Note(question) => Edit::SetNote {
                question,
                note: text,
            },
            EditTarget::NewFollowUp(question) if !text.is_empty() => {
                Edit::AddFollowUp { question, text }
            }
            EditTarget::FollowUp(id) => Edit::EditFollowUp { id, text },
            EditTarget::Rationale { field, parameter } => Edit::SetRationale {
                field,
                parameter,
                text,
            },
            EditTarget::NewFinding { field, kind } if !text.is_empty() => {
                Edit::AddFinding { field, kind, text }
            }
            EditTarget::Finding(id) => Edit::EditFinding { id, text },
            EditTarget::Overall => Edit::SetOverall { text },
            EditTarget::GoalRationale(goal) => Edit::SetGoalRationale { goal, text },
            EditTarget::ConsensusRationale { field, parameter } => Edit::SetConsensusRationale {
                field,
                parameter,
                text,
            },
            EditTarget::NewFollowUp(_) | EditTarget::NewFinding { .. } => {
                return vec![Msg::ClosePopup];
            }
        };
        vec![Msg::Change { edit, then }]
    }

    pub fn input(&mut self, key: &KeyEvent) {
        if self.discard.is_none() && self.textarea.input(*key) {
            self.draft_pending = true;
        }
    }

    pub fn paste(&mut self, text: &str) {
        if self.discard.is_none() && self.textarea.insert_str(text) {
            self.draft_pending = true;
        }
    }

    pub fn draw(&self, frame: &mut Frame, body: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        let lang = ctx.lang;
        let width = body.width.saturating_sub(6).min(90);
        // A refusal matters more than the notice of a restored draft.
        let (message, style) = match (&self.problem, &self.notice) {
            (Some(problem), _) => (Some(problem), theme.error),
            (None, notice) => (notice.as_ref(), theme.info),
        };
        let problem: Vec<String> = message
            .map(|p| wrap(p, usize::from(width.saturating_sub(2))))
            .unwrap_or_default();
        let height = body.height.saturating_sub(2).min(16 + problem.len() as u16);
        let area = centered(body, width, height);
        frame.render_widget(Clear, area);
        let hint = [Action::Save, Action::Cancel]
            .map(|a| {
                format!(
                    "{} {}",
                    ctx.keymap.describe(Context::Editor, a),
                    words::action_label(a.name(), lang)
                )
            })
            .join(" · ");
        let outer = titled(&sanitize(&self.title), width, true, theme)
            .title_bottom(Span::styled(format!(" {hint} "), theme.key_label));
        let inner = outer.inner(area);
        frame.render_widget(outer, area);
        let [text_area, problem_area] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(problem.len() as u16),
        ])
        .areas(inner);
        frame.render_widget(&self.textarea, text_area);
        frame.render_widget(
            Paragraph::new(problem.join("\n")).style(style),
            problem_area,
        );
        if let Some(selected) = self.discard {
            dialog(
                frame,
                body,
                Ui::ConfirmTitle.text(lang),
                &[Ui::DiscardQuestion.text(lang).to_string()],
                &[
                    Ui::KeepEditing.text(lang).to_string(),
                    Ui::Discard.text(lang).to_string(),
                ],
                selected,
                theme,
            );
        }
    }
}
