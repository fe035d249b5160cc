//! The multi-line editor for notes, follow-up questions, rationales, entries and the overall
//! assessment. Saving keeps the editor open until the store has the text; a refused save
//! leaves the text where it is and says what to do. Esc on changed text asks first.

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
use crate::tui::effect::Then;
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
            quit_refused: false,
        }
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
                Action::Open if *selected == 1 => vec![Msg::ClosePopup],
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
            Action::Cancel => vec![Msg::ClosePopup],
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
            EditTarget::NewFollowUp(_) | EditTarget::NewFinding { .. } => {
                return vec![Msg::ClosePopup];
            }
        };
        vec![Msg::Change { edit, then }]
    }

    pub fn input(&mut self, key: &KeyEvent) {
        if self.discard.is_none() {
            self.textarea.input(*key);
        }
    }

    pub fn paste(&mut self, text: &str) {
        if self.discard.is_none() {
            self.textarea.insert_str(text);
        }
    }

    pub fn draw(&self, frame: &mut Frame, body: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        let lang = ctx.lang;
        let width = body.width.saturating_sub(6).min(90);
        let problem: Vec<String> = self
            .problem
            .as_deref()
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
            Paragraph::new(problem.join("\n")).style(theme.error),
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
