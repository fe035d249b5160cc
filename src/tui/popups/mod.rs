//! Popups and dialogs over the screens, one file each. The app holds at most one; keys go to
//! it first, and it draws over the screen.

pub mod confirm;
pub mod editor;
pub mod export;
pub mod follow_ups;
pub mod help;
pub mod previous;
pub mod prompt;
pub mod take_over;
pub mod text;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::action::{Action, Context};
use super::component::{Command, Ctx, Msg};
use super::work::Work;

pub enum Popup {
    Help(help::Help),
    /// Read-only lines: an explanation, a refused import, problems in the settings.
    Text(text::TextPopup),
    Editor(Box<editor::Editor>),
    FollowUps(follow_ups::FollowUps),
    TakeOver(take_over::TakeOver),
    Confirm(confirm::Confirm),
    Export(export::ExportChoice),
    Prompt(prompt::Prompt),
    /// Which earlier assessment a Bilanzierung follows.
    Previous(previous::PreviousChoice),
}

impl Popup {
    /// Whether the popup is about a file by path: choosing an export, naming a file.
    pub fn uses_files(&self) -> bool {
        match self {
            Popup::Export(_) => true,
            Popup::Prompt(prompt) => matches!(
                prompt.kind,
                prompt::PromptKind::ImportPath | prompt::PromptKind::ExportPath(..)
            ),
            _ => false,
        }
    }

    /// Where keys go while this popup is open.
    pub fn context(&self) -> Context {
        match self {
            Popup::Help(_) | Popup::Text(_) | Popup::Export(_) | Popup::Previous(_) => {
                Context::Popup
            }
            Popup::Editor(editor) => editor.context(),
            Popup::FollowUps(_) => Context::FollowUps,
            Popup::TakeOver(_) | Popup::Confirm(_) => Context::Dialog,
            Popup::Prompt(_) => Context::Prompt,
        }
    }

    pub fn handle(&mut self, action: Action, work: Option<&Work>, ctx: &Ctx) -> Vec<Msg> {
        match self {
            Popup::Help(p) => p.handle(action, ctx),
            Popup::Text(p) => p.handle(action, ctx),
            Popup::Editor(p) => p.handle(action),
            Popup::FollowUps(p) => p.handle(action, work, ctx),
            Popup::TakeOver(p) => p.handle(action),
            Popup::Confirm(p) => p.handle(action),
            Popup::Export(p) => p.handle(action, work, ctx),
            Popup::Prompt(p) => p.handle(action),
            Popup::Previous(p) => p.handle(action, ctx),
        }
    }

    /// A key no binding takes: text for the editor and the prompt.
    pub fn input(&mut self, key: &KeyEvent) {
        match self {
            Popup::Editor(p) => p.input(key),
            Popup::Prompt(p) => p.input(key),
            _ => {}
        }
    }

    pub fn paste(&mut self, text: &str) {
        match self {
            Popup::Editor(p) => p.paste(text),
            Popup::Prompt(p) => p.paste(text),
            _ => {}
        }
    }

    /// Draws over `body`; the prompt draws in the status line instead.
    pub fn draw(
        &self,
        frame: &mut Frame,
        body: Rect,
        status: Rect,
        work: Option<&Work>,
        ctx: &Ctx,
    ) {
        match self {
            Popup::Help(p) => p.draw(frame, body, ctx),
            Popup::Text(p) => p.draw(frame, body, ctx),
            Popup::Editor(p) => p.draw(frame, body, ctx),
            Popup::FollowUps(p) => p.draw(frame, body, work, ctx),
            Popup::TakeOver(p) => p.draw(frame, body, ctx),
            Popup::Confirm(p) => p.draw(frame, body, ctx),
            Popup::Export(p) => p.draw(frame, body, ctx),
            Popup::Prompt(p) => p.draw(frame, status, body, ctx),
            Popup::Previous(p) => p.draw(frame, body, ctx),
        }
    }

    pub fn commands(&self) -> Vec<Command> {
        match self {
            Popup::Help(_) | Popup::Text(_) => text::COMMANDS.to_vec(),
            Popup::Editor(p) => p.commands(),
            Popup::FollowUps(_) => follow_ups::COMMANDS.to_vec(),
            Popup::TakeOver(_) => take_over::COMMANDS.to_vec(),
            Popup::Confirm(_) => confirm::COMMANDS.to_vec(),
            Popup::Export(_) => export::COMMANDS.to_vec(),
            Popup::Prompt(p) => p.commands(),
            Popup::Previous(_) => previous::COMMANDS.to_vec(),
        }
    }
}
