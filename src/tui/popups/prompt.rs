//! The one-line input for every prompt: the path of an answers file, a search, the file name
//! of an export. Editing is tui-input's (cursor, Home/End, Ctrl-A/E/U/W/K); Tab completes a
//! path and lists the candidates when there are several; `~/` is the home directory.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::crossterm::event::{Event, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use tui_input::Input;
use tui_input::backend::crossterm::to_input_request;
use unicode_width::UnicodeWidthStr;

use crate::catalog::tui::{self as words, Ui};
use crate::export::{Format, Part};
use crate::text::sanitize;
use crate::tui::action::Action;
use crate::tui::component::{Command, Ctx, Msg};
use crate::tui::effect::{Effect, expand_home};
use crate::tui::widgets::{block, truncate};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    ImportPath,
    Search,
    ExportPath(Format, Part),
}

pub struct Prompt {
    pub kind: PromptKind,
    input: Input,
    /// Candidates of the last completion.
    candidates: Vec<String>,
}

impl Prompt {
    pub fn new(kind: PromptKind, value: String) -> Prompt {
        Prompt {
            kind,
            input: Input::new(value),
            candidates: Vec::new(),
        }
    }

    pub fn value(&self) -> &str {
        self.input.value()
    }

    fn completes(&self) -> bool {
        self.kind != PromptKind::Search
    }

    pub fn commands(&self) -> Vec<Command> {
        let open = match self.kind {
            PromptKind::ImportPath => Ui::ImportLabel,
            PromptKind::Search => Ui::SearchLabel,
            PromptKind::ExportPath(..) => Ui::SaveLabel,
        };
        let mut list = vec![Command::labelled(Action::Open, open)];
        if self.completes() {
            list.push(Command::of(Action::Complete));
        }
        list.push(Command::of(Action::Cancel));
        list
    }

    pub fn handle(&mut self, action: Action) -> Vec<Msg> {
        let value = self.value().trim().to_string();
        match action {
            Action::Cancel => vec![Msg::ClosePopup],
            Action::Complete if self.completes() => {
                vec![Msg::Effect(Effect::Complete(self.value().to_string()))]
            }
            Action::Open => {
                let path = || PathBuf::from(expand_home(&value));
                let then = match self.kind {
                    PromptKind::Search => Msg::Search(value.clone()),
                    _ if value.is_empty() => return Vec::new(),
                    PromptKind::ImportPath => Msg::Effect(Effect::ImportFile(path())),
                    PromptKind::ExportPath(format, part) => Msg::Effect(Effect::Export {
                        format,
                        part,
                        path: path(),
                        replace: false,
                    }),
                };
                vec![Msg::ClosePopup, then]
            }
            _ => Vec::new(),
        }
    }

    /// What a completion found.
    pub fn completed(&mut self, completion: String, candidates: Vec<String>) {
        self.input = Input::new(completion);
        self.candidates = candidates;
    }

    pub fn input(&mut self, key: &KeyEvent) {
        if let Some(request) = to_input_request(&Event::Key(*key))
            && self.input.handle(request).is_some_and(|c| c.value)
        {
            self.candidates.clear();
        }
    }

    pub fn paste(&mut self, text: &str) {
        for c in text.chars().filter(|c| !matches!(c, '\n' | '\r')) {
            self.input.handle(tui_input::InputRequest::InsertChar(c));
        }
        self.candidates.clear();
    }

    /// Draws in the status line; candidates of a completion in a box above it.
    pub fn draw(&self, frame: &mut Frame, line: Rect, body: Rect, ctx: &Ctx) {
        let label = match self.kind {
            PromptKind::ImportPath => Ui::ImportPrompt,
            PromptKind::Search => Ui::SearchPrompt,
            PromptKind::ExportPath(..) => Ui::ExportPrompt,
        };
        let label = format!(" {} ", label.text(ctx.lang));
        let room = usize::from(line.width).saturating_sub(label.width() + 1);
        let value = sanitize(self.value());
        // Where the start of a long value is hidden, "…" says so (a path cut at its start
        // would look like another path).
        let scroll = self.input.visual_scroll(room.saturating_sub(1));
        let (shown, cursor) = if scroll > 0 {
            let rest: String = value.chars().skip(scroll + 1).collect();
            (
                format!("…{rest}"),
                self.input.visual_cursor().saturating_sub(scroll),
            )
        } else {
            (value.into_owned(), self.input.visual_cursor())
        };
        let x = line.x + (label.width() + cursor) as u16;
        frame.render_widget(Clear, line);
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(label.clone(), ctx.theme.heading),
                Span::raw(truncate(&shown, room)),
            ])),
            line,
        );
        frame.set_cursor_position((x.min(line.right().saturating_sub(1)), line.y));
        if self.candidates.is_empty() {
            return;
        }
        let width = usize::from(body.width.saturating_sub(2));
        let column = self.candidates.iter().map(|c| c.width()).max().unwrap_or(1) + 2;
        let per_line = (width / column).max(1);
        let rows = self.candidates.len().div_ceil(per_line);
        let room = usize::from(body.height / 2).saturating_sub(2).max(1);
        let height = rows.min(room) as u16 + 2;
        let area = Rect::new(
            body.x,
            body.bottom().saturating_sub(height),
            body.width,
            height,
        );
        frame.render_widget(Clear, area);
        let title = words::candidates(self.candidates.len(), ctx.lang);
        let outer = block(&title, true, ctx.theme);
        let inner = outer.inner(area);
        frame.render_widget(outer, area);
        let mut lines: Vec<Line<'static>> = self
            .candidates
            .chunks(per_line)
            .map(|chunk| {
                Line::from(
                    chunk
                        .iter()
                        .map(|c| format!("{:<column$}", sanitize(c)))
                        .collect::<String>(),
                )
            })
            .collect();
        if lines.len() > room {
            // The last row that fits says how many names are not shown.
            lines.truncate(room - 1);
            let shown = lines.len() * per_line;
            let more = words::more(self.candidates.len() - shown, ctx.lang);
            lines.push(Line::from(Span::styled(more, ctx.theme.dim)));
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn editing_moves_the_cursor_and_deletes_words() {
        let mut prompt = Prompt::new(PromptKind::Search, "kita plätze".into());
        prompt.input(&key(KeyCode::Char('w'), KeyModifiers::CONTROL));
        assert_eq!(prompt.value(), "kita ");
        prompt.input(&key(KeyCode::Home, KeyModifiers::NONE));
        prompt.input(&key(KeyCode::Char('U'), KeyModifiers::SHIFT));
        assert_eq!(prompt.value(), "Ukita ");
        prompt.input(&key(KeyCode::Char('k'), KeyModifiers::CONTROL));
        assert_eq!(prompt.value(), "U");
        prompt.input(&key(KeyCode::Char('a'), KeyModifiers::CONTROL));
        prompt.input(&key(KeyCode::Char('e'), KeyModifiers::CONTROL));
        prompt.input(&key(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert_eq!(prompt.value(), "");
    }
}
