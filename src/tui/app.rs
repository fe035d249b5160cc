//! The app composes the screens and the popup over them. Keys become actions; the popup or
//! the screen in front turns an action into messages; `update` carries the messages out and
//! returns the effects the loop performs; `handle` takes what came of each effect. Nothing
//! outside these two methods changes the app.

use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind, MouseEventKind};

use super::action::{Action, Context};
use super::component::{Ctx, EditTarget, Msg, Screen};
use super::effect::{Effect, Then};
use super::keymap::{Key, Keymap};
use super::popups::Popup;
use super::popups::editor::Editor;
use super::popups::help::Help;
use super::popups::text::TextPopup;
use super::screens::{
    consensus::Consensus, goals::Goals, overview::Overview, review::Review, scoring::Scoring,
    start::Start,
};
use super::settings::SettingsProblem;
use super::theme::Theme;
use super::work::Work;
use crate::catalog::Lang;
use crate::catalog::tui::{self as words, Ui};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusLine {
    pub kind: StatusKind,
    pub text: String,
}

pub struct App {
    pub lang: Lang,
    /// `--lang` given: the questionnaire's language does not override it.
    pub lang_fixed: bool,
    pub theme: Theme,
    pub keymap: Keymap,
    pub screen: Screen,
    pub start: Start,
    pub work: Option<Work>,
    pub review: Review,
    pub scoring: Scoring,
    pub overview: Overview,
    pub goals: Goals,
    pub consensus: Consensus,
    /// Popups over the screen, the one with the keys last: help or an editor can open over a
    /// list and give it back when they close.
    pub popups: Vec<Popup>,
    pub status: Option<StatusLine>,
    pub quit: bool,
    /// Size of the terminal: page-wise moves, and no keys but quitting while it is too small.
    pub height: u16,
    pub width: u16,
    /// Whether files may be imported and exported by path; a session served over SSH may
    /// not, and is told so before it chooses a file.
    pub files: bool,
}

impl App {
    /// `problems` of the user's settings and keymap are shown at start, not silently ignored.
    pub fn new(
        lang: Option<Lang>,
        theme: Theme,
        keymap: Keymap,
        problems: &[SettingsProblem],
    ) -> App {
        let lang_fixed = lang.is_some();
        let lang = lang.unwrap_or_else(Lang::from_env);
        let popups = (!problems.is_empty()).then(|| {
            let lines = std::iter::once(Ui::SettingsIntro.text(lang).to_string())
                .chain(problems.iter().map(|p| format!("• {}", p.text(lang))))
                .collect();
            Popup::Text(TextPopup::new(Ui::SettingsTitle.text(lang), lines))
        });
        App {
            lang,
            lang_fixed,
            theme,
            keymap,
            screen: Screen::Start,
            start: Start::default(),
            work: None,
            review: Review::default(),
            scoring: Scoring::default(),
            overview: Overview::default(),
            goals: Goals::default(),
            consensus: Consensus::default(),
            popups: popups.into_iter().collect(),
            status: None,
            quit: false,
            height: 24,
            width: 80,
            files: true,
        }
    }

    /// The popup that has the keys.
    pub fn popup(&self) -> Option<&Popup> {
        self.popups.last()
    }

    pub fn ctx(&self) -> Ctx<'_> {
        Ctx::new(self.lang, &self.theme, &self.keymap, self.height)
    }

    /// Where keys go now.
    pub fn context(&self) -> Context {
        if let Some(popup) = self.popup() {
            return popup.context();
        }
        match (self.screen, &self.work) {
            (Screen::Review, Some(_)) => Context::Review,
            (Screen::Scoring, Some(_)) => Context::Scoring,
            (Screen::Overview, Some(_)) => Context::Overview,
            (Screen::Goals, Some(_)) => Context::Goals,
            (Screen::Consensus, Some(_)) => Context::Consensus,
            _ => Context::Start,
        }
    }

    pub(super) fn status(&mut self, kind: StatusKind, text: String) {
        self.status = Some(StatusLine { kind, text });
    }

    pub fn on_event(&mut self, event: &Event) -> Vec<Effect> {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.on_key(key),
            Event::Mouse(mouse) => match mouse.kind {
                MouseEventKind::ScrollDown => self.update(Action::Down),
                MouseEventKind::ScrollUp => self.update(Action::Up),
                _ => Vec::new(),
            },
            Event::Paste(text) => {
                if let Some(popup) = self.popups.last_mut() {
                    popup.paste(text);
                }
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    pub fn on_key(&mut self, event: &KeyEvent) -> Vec<Effect> {
        // A message stays until the next key; what that key does may say something new.
        self.status = None;
        let too_small =
            self.width < super::view::MIN_WIDTH || self.height < super::view::MIN_HEIGHT;
        if let Some(key) = Key::from_event(event)
            && let Some(action) = self.keymap.action(self.context(), key)
        {
            // Nothing changes unseen while the screen only says it is too small.
            if too_small && action != Action::Quit {
                return Vec::new();
            }
            return self.update(action);
        }
        if too_small {
            return Vec::new();
        }
        if let Some(popup) = self.popups.last_mut() {
            popup.input(event);
        }
        Vec::new()
    }

    /// Applies an action; returns what the loop must do.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let context = self.context();
        let msgs = if action == Action::Quit {
            self.quit_msgs()
        } else if action == Action::Help && !context.takes_text() {
            let levels = self.work.as_ref().and_then(|w| {
                let levels = &w.definition().scale.levels;
                Some((levels.first()?.value, levels.last()?.value))
            });
            vec![Msg::Popup(Popup::Help(Help::new(context, levels)))]
        } else {
            // Field by field, so that the popup can be borrowed beside it.
            let ctx = Ctx::new(self.lang, &self.theme, &self.keymap, self.height);
            let work = self.work.as_ref();
            match (self.popups.last_mut(), work) {
                (Some(popup), _) => popup.handle(action, work, &ctx),
                (None, Some(work)) => match self.screen {
                    Screen::Review => self.review.handle(action, work, &ctx),
                    Screen::Scoring => self.scoring.handle(action, work, &ctx),
                    Screen::Overview => self.overview.handle(action, work, &ctx),
                    Screen::Goals => self.goals.handle(action, work, &ctx),
                    Screen::Consensus => self.consensus.handle(action, work, &ctx),
                    Screen::Start => self.start.handle(action, &ctx),
                },
                (None, None) => self.start.handle(action, &ctx),
            }
        };
        self.apply(msgs)
    }

    /// Quitting saves an open editor first, so nothing typed is lost; when the store refused
    /// that text, quitting again discards it.
    fn quit_msgs(&self) -> Vec<Msg> {
        match self.popup() {
            Some(Popup::Editor(editor)) if editor.changed() && !editor.quit_was_refused() => {
                editor.save(Then::Quit)
            }
            _ => vec![Msg::Quit],
        }
    }

    /// Carries out what the components asked for.
    fn apply(&mut self, msgs: Vec<Msg>) -> Vec<Effect> {
        let mut effects = Vec::new();
        for msg in msgs {
            match msg {
                Msg::Effect(effect) => effects.push(effect),
                Msg::Change { edit, then } => {
                    match self.work.as_ref().and_then(|w| w.locked_for(Some(&edit))) {
                        Some(why) => self.refuse(why.text(self.lang).into(), then),
                        None => effects.push(Effect::Edit { edit, then }),
                    }
                }
                Msg::Edit {
                    target,
                    title,
                    text,
                } => match self.locked() {
                    Some(why) => self.status(StatusKind::Error, why.text(self.lang).into()),
                    None => {
                        let (editor, discard) = self.editor(target, title, &text);
                        effects.extend(discard);
                        self.popups.push(Popup::Editor(Box::new(editor)));
                    }
                },
                Msg::Popup(popup) if !self.files && popup.uses_files() => {
                    self.status(StatusKind::Error, Ui::NoFilesOverSsh.text(self.lang).into());
                }
                Msg::Popup(popup) => self.popups.push(popup),
                Msg::ClosePopup => {
                    self.popups.pop();
                }
                Msg::Screen(screen) => self.screen = screen,
                Msg::Score { field, parameter } => {
                    if let Some(work) = &self.work {
                        self.scoring.show(field, parameter, work);
                        self.screen = Screen::Scoring;
                    }
                }
                Msg::ShowQuestion(index) => {
                    if let Some(work) = &self.work {
                        self.review.show_question(index, work);
                        self.screen = Screen::Review;
                    }
                }
                Msg::ShowGoal(goal) => match &self.work {
                    Some(work) if !work.goals.is_empty() => {
                        self.goals.show(goal.as_deref(), work);
                        self.screen = Screen::Goals;
                    }
                    _ => self.status(StatusKind::Error, Ui::NoGoals.text(self.lang).into()),
                },
                Msg::ShowConsensus(cell) => match &self.work {
                    Some(work) if work.assessment.second_cells.is_some() => {
                        let cell = cell.as_ref().map(|(f, p)| (f.as_str(), p.as_str()));
                        self.consensus.show(cell, work);
                        self.screen = Screen::Consensus;
                    }
                    _ => {
                        let text = Ui::NoSubmittedSecond.text(self.lang).into();
                        self.status(StatusKind::Error, text);
                    }
                },
                Msg::ShowField(field) => {
                    if let Some(work) = &self.work {
                        self.review.show_field(field, work);
                        self.screen = Screen::Review;
                    }
                }
                Msg::Search(query) => {
                    if let Some(work) = &self.work {
                        let ctx = Ctx::new(self.lang, &self.theme, &self.keymap, self.height);
                        let msgs = self.review.search(&query, work, &ctx);
                        effects.extend(self.apply(msgs));
                    }
                }
                Msg::Info(text) => self.status(StatusKind::Info, text),
                Msg::Error(text) => self.status(StatusKind::Error, text),
                Msg::Quit => {
                    // What was typed last is kept before the assessment is closed.
                    effects.extend(self.pending_draft());
                    self.quit = true;
                    if self.work.is_some() {
                        effects.push(Effect::Close);
                    }
                }
            }
        }
        effects
    }

    /// An editor on a field's stored text, or on the auditor's draft for it with a notice. A
    /// draft that says what is stored already is dropped (the effect returned).
    fn editor(&self, target: EditTarget, title: String, text: &str) -> (Editor, Option<Effect>) {
        let key = target.draft_key();
        let draft = self.work.as_ref().and_then(|w| w.drafts.get(&key));
        match draft {
            Some(draft) if draft.text != text => {
                let describe = |action| self.keymap.describe(Context::Editor, action);
                let notice = words::draft_restored(
                    &draft.saved_at,
                    &describe(Action::Save),
                    &describe(Action::Cancel),
                    self.lang,
                );
                let editor =
                    Editor::restored(target, title, text, &draft.text, notice, &self.theme);
                (editor, None)
            }
            stale => (
                Editor::new(target, title, text, &self.theme),
                stale.map(|_| Effect::DiscardDraft(key)),
            ),
        }
    }

    /// Whether something typed in the open editor is not kept as a draft yet.
    pub fn draft_pending(&self) -> bool {
        self.popups
            .iter()
            .any(|popup| matches!(popup, Popup::Editor(editor) if editor.draft_pending()))
    }

    /// The effect that keeps what was typed in the open editor as a draft, if anything was
    /// typed since the last one was kept.
    pub fn pending_draft(&self) -> Option<Effect> {
        self.popups.iter().find_map(|popup| match popup {
            Popup::Editor(editor) => editor
                .pending_draft()
                .map(|(target, text)| Effect::SaveDraft { target, text }),
            _ => None,
        })
    }

    /// Why the open assessment cannot be changed now, if so.
    fn locked(&self) -> Option<Ui> {
        self.work.as_ref().and_then(Work::locked)
    }

    /// A change was refused: said in the status line, and an open editor keeps its text.
    pub(super) fn refuse(&mut self, why: String, then: Then) {
        let quitting = then == Then::Quit;
        match self.popups.last_mut() {
            Some(Popup::Editor(editor)) => {
                let lang = self.lang;
                let mut text = if self.work.as_ref().is_some_and(|w| w.lease_lost) {
                    Ui::LeaseLostEditor.text(lang).to_string()
                } else {
                    format!("{why} {}", Ui::RefusedEditor.text(lang))
                };
                if quitting {
                    text = format!("{text} {}", Ui::QuitUnsaved.text(lang));
                }
                editor.refused(text, then);
                return;
            }
            _ if quitting => self.quit = true,
            _ => {}
        }
        self.status(StatusKind::Error, why);
    }
}
