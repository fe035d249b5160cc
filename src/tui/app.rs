//! The state of the interface and how actions change it. Nothing here draws or touches the
//! database: `update` returns the effects the event loop performs, and the loop reports back.

use std::collections::HashSet;
use std::path::PathBuf;

use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind, MouseEventKind};
use ratatui_textarea::TextArea;

use super::action::{Action, Context};
use super::keymap::{Key, Keymap};
use super::settings::SettingsProblem;
use super::theme::Theme;
use crate::catalog::Lang;
use crate::catalog::tui::Ui;
use crate::domain::assessment::{
    Assessment, AssessmentId, FindingKind, FollowUpStatus, Rating, Status,
};
use crate::domain::definition::Definition;
use crate::domain::scoring::{self, Completeness, Missing, Scores};
use crate::export::{Format, Part};
use crate::store::{AssessmentSummary, Edit, Lease, OpenMode, Session};
use crate::tui::answer;

/// Which screen is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Start,
    Review,
    Scoring,
    Overview,
}

/// What the event loop does for the app.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Apply a change to the open assessment.
    Edit(Edit),
    /// Read the list of assessments again.
    LoadList,
    Open {
        id: AssessmentId,
        mode: OpenMode,
    },
    /// Give the lease back and close the assessment.
    Close,
    ImportFile(PathBuf),
    ImportSample,
    /// List the directory entries for path completion.
    Complete(String),
    /// Write the report in a format to a file.
    Export {
        format: Format,
        part: Part,
        path: PathBuf,
    },
}

/// The export choices, in the order the popup lists them.
pub const EXPORTS: [(Format, Part, Ui); 6] = [
    (Format::Markdown, Part::Cells, Ui::FormatMarkdown),
    (Format::Html, Part::Cells, Ui::FormatHtml),
    (Format::Json, Part::Cells, Ui::FormatJson),
    (Format::Csv, Part::Cells, Ui::FormatCsvCells),
    (Format::Csv, Part::Answers, Ui::FormatCsvAnswers),
    (Format::Xlsx, Part::Cells, Ui::FormatXlsx),
];

/// A row of the question outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Row {
    Field(usize),
    Topic(usize, usize),
    Question(usize, usize, usize),
}

/// What an open editor writes to when saved.
#[derive(Debug, Clone, PartialEq)]
pub enum EditTarget {
    Note(String),
    NewFollowUp(String),
    FollowUp(i64),
    Rationale { field: String, parameter: String },
    NewFinding { field: String, kind: FindingKind },
    Finding(i64),
    Overall,
}

pub struct Editor {
    pub target: EditTarget,
    pub title: String,
    pub textarea: TextArea<'static>,
    pub original: String,
    /// Asking whether to discard changes.
    pub confirming_discard: bool,
}

impl Editor {
    pub fn text(&self) -> String {
        self.textarea.lines().join("\n").trim_end().to_string()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    ImportPath,
    Search,
    ExportPath(Format, Part),
}

pub struct Prompt {
    pub kind: PromptKind,
    pub input: String,
    /// Candidates of the last completion.
    pub candidates: Vec<String>,
}

/// A popup over the screen.
pub enum Popup {
    Help {
        scroll: u16,
    },
    /// Read-only lines (an explanation, diagnostics of a refused import).
    Lines {
        title: String,
        lines: Vec<String>,
        scroll: u16,
    },
    Editor(Box<Editor>),
    FollowUps {
        question: String,
        selected: usize,
    },
    Lease {
        id: AssessmentId,
        holder: Lease,
    },
    ConfirmDelete {
        finding: i64,
    },
    /// Choosing the format of an export.
    ExportFormat {
        selected: usize,
    },
    ConfirmFinalize {
        allow_open: bool,
    },
    ConfirmReopen,
}

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Left,
    Right,
}

/// The open assessment and everything derived from it.
pub struct Work {
    pub session: Session,
    pub assessment: Assessment,
    pub scores: Scores,
    pub completeness: Completeness,
    /// Every question as (field, topic, question) indices, in order.
    pub questions: Vec<(usize, usize, usize)>,
    /// Lower-case searchable text per question (text, answer, comment, note).
    pub haystacks: Vec<String>,
    pub rows: Vec<Row>,
    pub collapsed: HashSet<Row>,
    pub selected_row: usize,
    pub review_pane: Pane,
    pub detail_scroll: u16,
    pub field: usize,
    pub parameter: usize,
    pub scoring_pane: Pane,
    pub finding: usize,
    pub overview_selected: usize,
    /// The overview shows the score bars and progress gauges instead of the matrix.
    pub overview_summary: bool,
    pub search: Option<SearchState>,
}

pub struct SearchState {
    pub query: String,
    pub matches: Vec<usize>,
    pub current: usize,
}

pub struct App {
    pub lang: Lang,
    /// `--lang` given: the questionnaire's language does not override it.
    pub lang_fixed: bool,
    pub theme: Theme,
    pub keymap: Keymap,
    pub auditor: String,
    pub screen: Screen,
    pub list: Vec<AssessmentSummary>,
    pub list_selected: usize,
    pub work: Option<Work>,
    pub popup: Option<Popup>,
    pub prompt: Option<Prompt>,
    pub status: Option<StatusLine>,
    pub quit: bool,
    /// Height of the terminal, for page-wise moves.
    pub height: u16,
}

const PAGE_MARGIN: u16 = 6;

fn level_of_action(action: Action) -> Option<i32> {
    action.level()
}

impl App {
    /// `problems` of the user's settings and keymap are shown at start, not silently ignored.
    pub fn new(
        lang: Option<Lang>,
        theme: Theme,
        keymap: Keymap,
        problems: &[SettingsProblem],
        auditor: String,
    ) -> App {
        let lang_fixed = lang.is_some();
        let lang = lang.unwrap_or_else(Lang::from_env);
        let popup = (!problems.is_empty()).then(|| Popup::Lines {
            title: Ui::SettingsTitle.text(lang).into(),
            lines: std::iter::once(Ui::SettingsIntro.text(lang).to_string())
                .chain(
                    problems
                        .iter()
                        .map(|p| format!("• {}", crate::catalog::tui::settings_problem(p, lang))),
                )
                .collect(),
            scroll: 0,
        });
        App {
            lang,
            lang_fixed,
            theme,
            keymap,
            auditor,
            screen: Screen::Start,
            list: Vec::new(),
            list_selected: 0,
            work: None,
            popup,
            prompt: None,
            status: None,
            quit: false,
            height: 24,
        }
    }

    /// Where keys go now.
    pub fn context(&self) -> Context {
        if let Some(popup) = &self.popup {
            return match popup {
                Popup::Help { .. } | Popup::Lines { .. } | Popup::ExportFormat { .. } => {
                    Context::Popup
                }
                Popup::Editor(editor) if editor.confirming_discard => Context::Dialog,
                Popup::Editor(_) => Context::Editor,
                Popup::FollowUps { .. } => Context::FollowUps,
                Popup::Lease { .. }
                | Popup::ConfirmDelete { .. }
                | Popup::ConfirmFinalize { .. }
                | Popup::ConfirmReopen => Context::Dialog,
            };
        }
        if self.prompt.is_some() {
            return Context::Prompt;
        }
        match self.screen {
            Screen::Start => Context::Start,
            Screen::Review => Context::Review,
            Screen::Scoring => Context::Scoring,
            Screen::Overview => Context::Overview,
        }
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(StatusLine {
            kind: StatusKind::Info,
            text: text.into(),
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some(StatusLine {
            kind: StatusKind::Error,
            text: text.into(),
        });
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
                match (&mut self.popup, &mut self.prompt) {
                    (Some(Popup::Editor(editor)), _) => {
                        editor.textarea.insert_str(text);
                    }
                    (None, Some(prompt)) => prompt.input.push_str(&text.replace(['\n', '\r'], "")),
                    _ => {}
                }
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    pub fn on_key(&mut self, event: &KeyEvent) -> Vec<Effect> {
        // A message stays until the next key; what that key does may say something new.
        self.status = None;
        let context = self.context();
        if let Some(key) = Key::from_event(event)
            && let Some(action) = self.keymap.action(context, key)
        {
            return self.update(action);
        }
        match context {
            Context::Editor => {
                if let Some(Popup::Editor(editor)) = &mut self.popup {
                    editor.textarea.input(*event);
                }
            }
            Context::Prompt => {
                if let Some(prompt) = &mut self.prompt {
                    use ratatui::crossterm::event::KeyCode;
                    match event.code {
                        KeyCode::Char(c) => {
                            prompt.input.push(c);
                            prompt.candidates.clear();
                        }
                        KeyCode::Backspace => {
                            prompt.input.pop();
                            prompt.candidates.clear();
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        Vec::new()
    }

    /// Applies an action; returns what the loop must do.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        if action == Action::Quit {
            return self.quit();
        }
        if action == Action::Help && !matches!(self.context(), Context::Editor | Context::Prompt) {
            self.popup = Some(Popup::Help { scroll: 0 });
            return Vec::new();
        }
        match self.context() {
            Context::Popup => self.popup_action(action),
            Context::Dialog => self.dialog_action(action),
            Context::Editor => self.editor_action(action),
            Context::FollowUps => self.follow_ups_action(action),
            Context::Prompt => self.prompt_action(action),
            Context::Start => self.start_action(action),
            Context::Review => self.review_action(action),
            Context::Scoring => self.scoring_action(action),
            Context::Overview => self.overview_action(action),
            Context::Global => Vec::new(),
        }
    }

    /// Quits; text in an open editor is saved first, so nothing typed is lost.
    fn quit(&mut self) -> Vec<Effect> {
        let mut effects = Vec::new();
        if let Some(Popup::Editor(editor)) = &self.popup
            && editor.text() != editor.original
        {
            effects.extend(self.save_editor());
        }
        if self.work.is_some() {
            effects.push(Effect::Close);
        }
        self.quit = true;
        effects
    }

    fn page(&self) -> usize {
        usize::from(self.height.saturating_sub(PAGE_MARGIN).max(1))
    }

    fn popup_action(&mut self, action: Action) -> Vec<Effect> {
        if let Some(Popup::ExportFormat { selected }) = &mut self.popup {
            if Self::move_in(selected, EXPORTS.len(), action, EXPORTS.len()) {
                return Vec::new();
            }
            let chosen = EXPORTS[*selected];
            match action {
                Action::Open => {
                    let (format, part, _) = chosen;
                    let name = self
                        .work
                        .as_ref()
                        .map(|w| crate::export::default_file_name(&w.assessment, format, part))
                        .unwrap_or_default();
                    self.popup = None;
                    self.prompt = Some(Prompt {
                        kind: PromptKind::ExportPath(format, part),
                        input: name,
                        candidates: Vec::new(),
                    });
                }
                Action::Cancel | Action::Back => self.popup = None,
                _ => {}
            }
            return Vec::new();
        }
        let page = self.page() as u16;
        let scroll = match &mut self.popup {
            Some(Popup::Help { scroll } | Popup::Lines { scroll, .. }) => scroll,
            _ => return Vec::new(),
        };
        match action {
            Action::Down => *scroll = scroll.saturating_add(1),
            Action::Up => *scroll = scroll.saturating_sub(1),
            Action::PageDown => *scroll = scroll.saturating_add(page),
            Action::PageUp => *scroll = scroll.saturating_sub(page),
            Action::Top => *scroll = 0,
            Action::Bottom => *scroll = u16::MAX / 2,
            Action::Cancel | Action::Back | Action::Open => self.popup = None,
            _ => {}
        }
        Vec::new()
    }

    fn dialog_action(&mut self, action: Action) -> Vec<Effect> {
        match self.popup.take() {
            Some(Popup::Lease { id, holder }) => match action {
                Action::ReadOnly => vec![Effect::Open {
                    id,
                    mode: OpenMode::ReadOnly,
                }],
                Action::TakeOver => vec![Effect::Open {
                    id,
                    mode: OpenMode::TakeOver,
                }],
                Action::Cancel | Action::Back | Action::No => Vec::new(),
                _ => {
                    self.popup = Some(Popup::Lease { id, holder });
                    Vec::new()
                }
            },
            Some(Popup::ConfirmDelete { finding }) => match action {
                Action::Yes => vec![Effect::Edit(Edit::DeleteFinding { id: finding })],
                Action::No | Action::Cancel | Action::Back => Vec::new(),
                _ => {
                    self.popup = Some(Popup::ConfirmDelete { finding });
                    Vec::new()
                }
            },
            Some(Popup::ConfirmFinalize { allow_open }) => match action {
                Action::Yes => vec![Effect::Edit(Edit::Finalize {
                    allow_open_follow_ups: allow_open,
                })],
                Action::No | Action::Cancel | Action::Back => Vec::new(),
                _ => {
                    self.popup = Some(Popup::ConfirmFinalize { allow_open });
                    Vec::new()
                }
            },
            Some(Popup::ConfirmReopen) => match action {
                Action::Yes => vec![Effect::Edit(Edit::Reopen)],
                Action::No | Action::Cancel | Action::Back => Vec::new(),
                _ => {
                    self.popup = Some(Popup::ConfirmReopen);
                    Vec::new()
                }
            },
            Some(Popup::Editor(mut editor)) => {
                match action {
                    Action::Yes => {} // discard: the editor stays closed
                    Action::No | Action::Cancel | Action::Back => {
                        editor.confirming_discard = false;
                        self.popup = Some(Popup::Editor(editor));
                    }
                    _ => self.popup = Some(Popup::Editor(editor)),
                }
                Vec::new()
            }
            other => {
                self.popup = other;
                Vec::new()
            }
        }
    }

    fn editor_action(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Save => self.save_editor(),
            Action::Cancel => {
                if let Some(Popup::Editor(editor)) = &mut self.popup {
                    if editor.text() == editor.original {
                        self.popup = None;
                    } else {
                        editor.confirming_discard = true;
                    }
                }
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn save_editor(&mut self) -> Vec<Effect> {
        let Some(Popup::Editor(editor)) = self.popup.take() else {
            return Vec::new();
        };
        let text = editor.text();
        if text == editor.original {
            return Vec::new();
        }
        let edit = match editor.target {
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
            EditTarget::NewFollowUp(_) | EditTarget::NewFinding { .. } => return Vec::new(),
        };
        vec![Effect::Edit(edit)]
    }

    fn open_editor(&mut self, target: EditTarget, title: String, text: &str) {
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            text.lines().map(str::to_string).collect()
        };
        let mut textarea = TextArea::new(lines);
        textarea.move_cursor(ratatui_textarea::CursorMove::Bottom);
        textarea.move_cursor(ratatui_textarea::CursorMove::End);
        self.popup = Some(Popup::Editor(Box::new(Editor {
            target,
            title,
            textarea,
            original: text.to_string(),
            confirming_discard: false,
        })));
    }

    fn prompt_action(&mut self, action: Action) -> Vec<Effect> {
        let Some(prompt) = &mut self.prompt else {
            return Vec::new();
        };
        match action {
            Action::Cancel => {
                self.prompt = None;
                Vec::new()
            }
            Action::Complete
                if matches!(
                    prompt.kind,
                    PromptKind::ImportPath | PromptKind::ExportPath(..)
                ) =>
            {
                vec![Effect::Complete(prompt.input.clone())]
            }
            Action::Open => {
                let Some(prompt) = self.prompt.take() else {
                    return Vec::new();
                };
                match prompt.kind {
                    PromptKind::ImportPath if !prompt.input.trim().is_empty() => {
                        vec![Effect::ImportFile(PathBuf::from(expand_home(
                            prompt.input.trim(),
                        )))]
                    }
                    PromptKind::Search => {
                        self.run_search(prompt.input.trim());
                        Vec::new()
                    }
                    PromptKind::ExportPath(format, part) if !prompt.input.trim().is_empty() => {
                        vec![Effect::Export {
                            format,
                            part,
                            path: PathBuf::from(expand_home(prompt.input.trim())),
                        }]
                    }
                    PromptKind::ImportPath | PromptKind::ExportPath(..) => Vec::new(),
                }
            }
            _ => Vec::new(),
        }
    }

    /// The loop's answer to `Effect::Complete`: the matching entries of the directory.
    pub fn completed(&mut self, completion: String, candidates: Vec<String>) {
        if let Some(prompt) = &mut self.prompt {
            prompt.input = completion;
            prompt.candidates = candidates;
        }
    }

    fn move_in(selected: &mut usize, len: usize, action: Action, page: usize) -> bool {
        if len == 0 {
            return matches!(
                action,
                Action::Down
                    | Action::Up
                    | Action::PageDown
                    | Action::PageUp
                    | Action::Top
                    | Action::Bottom
            );
        }
        let last = len - 1;
        *selected = match action {
            Action::Down => (*selected + 1).min(last),
            Action::Up => selected.saturating_sub(1),
            Action::PageDown => (*selected + page).min(last),
            Action::PageUp => selected.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => last,
            _ => return false,
        };
        true
    }

    fn start_action(&mut self, action: Action) -> Vec<Effect> {
        let page = self.page();
        if Self::move_in(&mut self.list_selected, self.list.len(), action, page) {
            return Vec::new();
        }
        let selected = self.list.get(self.list_selected).map(|row| row.id);
        match action {
            Action::Open => selected
                .map(|id| {
                    vec![Effect::Open {
                        id,
                        mode: OpenMode::Edit,
                    }]
                })
                .unwrap_or_default(),
            Action::OpenReadOnly => selected
                .map(|id| {
                    vec![Effect::Open {
                        id,
                        mode: OpenMode::ReadOnly,
                    }]
                })
                .unwrap_or_default(),
            Action::Import => {
                self.prompt = Some(Prompt {
                    kind: PromptKind::ImportPath,
                    input: String::new(),
                    candidates: Vec::new(),
                });
                Vec::new()
            }
            Action::ImportSample => vec![Effect::ImportSample],
            Action::Back => {
                self.quit = true;
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// Shows a freshly opened assessment.
    pub fn opened(&mut self, session: Session, assessment: Assessment) {
        if !self.lang_fixed
            && let Some(lang) = Lang::from_code(&assessment.definition.language)
        {
            self.lang = lang;
        }
        let definition = assessment.definition.clone();
        let questions: Vec<(usize, usize, usize)> =
            definition
                .fields_of_action
                .iter()
                .enumerate()
                .flat_map(|(f, field)| {
                    field.topics.iter().enumerate().flat_map(move |(t, topic)| {
                        (0..topic.questions.len()).map(move |q| (f, t, q))
                    })
                })
                .collect();
        let mut work = Work {
            scores: scoring::score(&definition, &assessment.cells),
            completeness: scoring::completeness(&assessment),
            haystacks: Vec::new(),
            questions,
            rows: Vec::new(),
            collapsed: HashSet::new(),
            selected_row: 0,
            review_pane: Pane::Left,
            detail_scroll: 0,
            field: 0,
            parameter: 0,
            scoring_pane: Pane::Left,
            finding: 0,
            overview_selected: 0,
            overview_summary: false,
            search: None,
            session,
            assessment,
        };
        work.haystacks = work
            .questions
            .iter()
            .map(|&(f, t, q)| work.haystack(f, t, q, self.lang))
            .collect();
        work.rebuild_rows();
        if work.session.read_only {
            self.info(Ui::ReadOnly.text(self.lang));
        } else {
            self.status = None;
        }
        self.work = Some(work);
        self.screen = Screen::Review;
    }

    pub fn closed(&mut self) {
        self.work = None;
        self.screen = Screen::Start;
        self.popup = None;
    }

    fn review_action(&mut self, action: Action) -> Vec<Effect> {
        let page = self.page();
        let lang = self.lang;
        let Some(work) = &mut self.work else {
            return Vec::new();
        };
        if work.review_pane == Pane::Right {
            match action {
                Action::Down => work.detail_scroll = work.detail_scroll.saturating_add(1),
                Action::Up => work.detail_scroll = work.detail_scroll.saturating_sub(1),
                Action::PageDown => {
                    work.detail_scroll = work.detail_scroll.saturating_add(page as u16)
                }
                Action::PageUp => {
                    work.detail_scroll = work.detail_scroll.saturating_sub(page as u16)
                }
                Action::Top => work.detail_scroll = 0,
                _ => {}
            }
            if matches!(
                action,
                Action::Down | Action::Up | Action::PageDown | Action::PageUp | Action::Top
            ) {
                return Vec::new();
            }
        } else if Self::move_in(&mut work.selected_row, work.rows.len(), action, page) {
            work.detail_scroll = 0;
            return Vec::new();
        }
        let question = work.selected_question();
        match action {
            Action::NextPane | Action::PreviousPane => {
                work.review_pane = if work.review_pane == Pane::Left {
                    Pane::Right
                } else {
                    Pane::Left
                };
                Vec::new()
            }
            Action::Collapse | Action::Expand | Action::Open => {
                let row = work.rows.get(work.selected_row).copied();
                match (action, row) {
                    (Action::Open, Some(Row::Question(..))) => {
                        work.review_pane = Pane::Right;
                    }
                    (_, Some(row @ (Row::Field(_) | Row::Topic(..)))) => {
                        let fold = match action {
                            Action::Collapse => true,
                            Action::Expand => false,
                            _ => !work.collapsed.contains(&row),
                        };
                        work.set_collapsed(row, fold);
                    }
                    (Action::Collapse, Some(Row::Question(f, t, _))) => {
                        // Fold the topic the question belongs to and stand on it.
                        work.set_collapsed(Row::Topic(f, t), true);
                        work.select_row(Row::Topic(f, t));
                    }
                    _ => {}
                }
                Vec::new()
            }
            Action::ToggleReviewed => match question {
                Some(q) => {
                    let reviewed = work.assessment.review(&q).is_some_and(|r| r.reviewed);
                    // Marking reviewed moves on: reading the next answer is what comes next.
                    if !reviewed && !work.is_read_only() {
                        work.select_next_question();
                    }
                    vec![Effect::Edit(Edit::SetReviewed {
                        question: q,
                        reviewed: !reviewed,
                    })]
                }
                None => Vec::new(),
            },
            Action::Edit => {
                if let Some(q) = question {
                    let note = work
                        .assessment
                        .review(&q)
                        .map(|r| r.note.clone())
                        .unwrap_or_default();
                    let title = format!("{} {q}", Ui::NoteTitle.text(lang));
                    self.open_editor(EditTarget::Note(q), title, &note);
                }
                Vec::new()
            }
            Action::AddFollowUp => {
                if let Some(q) = question {
                    let title = format!("{} {q}", Ui::NewFollowUpTitle.text(lang));
                    self.open_editor(EditTarget::NewFollowUp(q), title, "");
                }
                Vec::new()
            }
            Action::FollowUps => {
                if let Some(q) = question {
                    self.popup = Some(Popup::FollowUps {
                        question: q,
                        selected: 0,
                    });
                }
                Vec::new()
            }
            Action::NextUnreviewed => {
                work.jump(|work, id| !work.assessment.review(id).is_some_and(|r| r.reviewed));
                Vec::new()
            }
            Action::NextNeedForAction => {
                work.jump(|work, id| {
                    work.assessment
                        .answers
                        .answers
                        .get(id)
                        .is_some_and(|a| a.need_for_action)
                });
                Vec::new()
            }
            Action::NextChanged => {
                work.jump(|work, id| {
                    work.assessment
                        .review(id)
                        .is_some_and(|r| r.changed_since_import)
                });
                Vec::new()
            }
            Action::Scoring => {
                work.field = work.current_field();
                work.parameter = 0;
                work.finding = 0;
                self.screen = Screen::Scoring;
                Vec::new()
            }
            Action::Overview => {
                self.screen = Screen::Overview;
                Vec::new()
            }
            Action::Search => {
                self.prompt = Some(Prompt {
                    kind: PromptKind::Search,
                    input: work
                        .search
                        .as_ref()
                        .map(|s| s.query.clone())
                        .unwrap_or_default(),
                    candidates: Vec::new(),
                });
                Vec::new()
            }
            Action::NextMatch | Action::PreviousMatch => {
                self.step_search(action == Action::NextMatch);
                Vec::new()
            }
            Action::Back => vec![Effect::Close],
            _ => Vec::new(),
        }
    }

    fn run_search(&mut self, query: &str) {
        let lang = self.lang;
        let Some(work) = &mut self.work else { return };
        if query.is_empty() {
            work.search = None;
            self.status = None;
            return;
        }
        let needle = query.to_lowercase();
        let matches: Vec<usize> = work
            .haystacks
            .iter()
            .enumerate()
            .filter(|(_, h)| h.contains(&needle))
            .map(|(i, _)| i)
            .collect();
        if matches.is_empty() {
            work.search = None;
            self.error(format!("{} „{query}“", Ui::NoMatch.text(lang)));
            return;
        }
        // The first match at or after the selection.
        let here = work.selected_question_index().unwrap_or(0);
        let current = matches.iter().position(|&m| m >= here).unwrap_or(0);
        work.search = Some(SearchState {
            query: query.to_string(),
            matches,
            current,
        });
        self.show_match();
    }

    fn step_search(&mut self, forward: bool) {
        let Some(work) = &mut self.work else { return };
        let Some(search) = &mut work.search else {
            return;
        };
        let len = search.matches.len();
        search.current = if forward {
            (search.current + 1) % len
        } else {
            (search.current + len - 1) % len
        };
        self.show_match();
    }

    fn show_match(&mut self) {
        let lang = self.lang;
        let Some(work) = &mut self.work else { return };
        let Some(search) = &work.search else { return };
        let index = search.matches[search.current];
        let text = crate::catalog::tui::search_status(
            search.current + 1,
            search.matches.len(),
            &search.query,
            lang,
        );
        let (f, t, q) = work.questions[index];
        work.reveal(Row::Question(f, t, q));
        work.review_pane = Pane::Left;
        self.info(text);
    }

    fn follow_ups_action(&mut self, action: Action) -> Vec<Effect> {
        let lang = self.lang;
        let Some(Popup::FollowUps { question, selected }) = &mut self.popup else {
            return Vec::new();
        };
        let Some(work) = &self.work else {
            return Vec::new();
        };
        let list: Vec<_> = work
            .assessment
            .follow_ups
            .iter()
            .filter(|f| &f.question_id == question)
            .collect();
        if Self::move_in(selected, list.len(), action, 5) {
            return Vec::new();
        }
        let current = list
            .get(*selected)
            .map(|f| (f.id, f.status, f.text.clone()));
        let question = question.clone();
        match action {
            Action::CycleStatus => current
                .map(|(id, status, _)| {
                    let next = match status {
                        FollowUpStatus::Open => FollowUpStatus::Answered,
                        FollowUpStatus::Answered => FollowUpStatus::Done,
                        FollowUpStatus::Done => FollowUpStatus::Open,
                    };
                    vec![Effect::Edit(Edit::SetFollowUpStatus { id, status: next })]
                })
                .unwrap_or_default(),
            Action::Edit => {
                if let Some((id, _, text)) = current {
                    self.open_editor(
                        EditTarget::FollowUp(id),
                        Ui::FollowUpTitle.text(lang).into(),
                        &text,
                    );
                }
                Vec::new()
            }
            Action::AddFollowUp => {
                let title = format!("{} {question}", Ui::NewFollowUpTitle.text(lang));
                self.open_editor(EditTarget::NewFollowUp(question), title, "");
                Vec::new()
            }
            Action::Cancel | Action::Back => {
                self.popup = None;
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn scoring_action(&mut self, action: Action) -> Vec<Effect> {
        let page = self.page();
        let lang = self.lang;
        let Some(work) = &mut self.work else {
            return Vec::new();
        };
        let definition = work.assessment.definition.clone();
        let field =
            &definition.fields_of_action[work.field.min(definition.fields_of_action.len() - 1)];
        let parameter_id = field.quality_parameters.get(work.parameter).cloned();
        let findings: Vec<(i64, String)> = work
            .field_findings()
            .into_iter()
            .map(|f| (f.id, f.text.clone()))
            .collect();
        let moved = match work.scoring_pane {
            Pane::Left => Self::move_in(
                &mut work.parameter,
                field.quality_parameters.len(),
                action,
                page,
            ),
            Pane::Right => Self::move_in(&mut work.finding, findings.len(), action, page),
        };
        if moved {
            return Vec::new();
        }
        let cell = |rating: Option<Rating>| {
            parameter_id
                .clone()
                .map(|parameter| {
                    vec![Effect::Edit(Edit::SetRating {
                        field: field.id.clone(),
                        parameter,
                        rating,
                    })]
                })
                .unwrap_or_default()
        };
        if let Some(level) = level_of_action(action) {
            if !definition.scale.levels.iter().any(|l| l.value == level) {
                self.error(format!("{level}: {}", Ui::NotALevelOfScale.text(lang)));
                return Vec::new();
            }
            work.scoring_pane = Pane::Left;
            let effects = cell(Some(Rating::Level(level)));
            work.advance_after_rating(&definition, field, Rating::Level(level));
            return effects;
        }
        match action {
            Action::NotApplicable | Action::NotAssessable => {
                let rating = if action == Action::NotApplicable {
                    Rating::NotApplicable
                } else {
                    Rating::NotAssessable
                };
                let effects = cell(Some(rating));
                work.advance_after_rating(&definition, field, rating);
                effects
            }
            Action::ClearRating => cell(None),
            Action::ConfirmRating => parameter_id
                .map(|parameter| {
                    vec![Effect::Edit(Edit::ConfirmRating {
                        field: field.id.clone(),
                        parameter,
                    })]
                })
                .unwrap_or_default(),
            Action::NextPane | Action::PreviousPane => {
                work.scoring_pane = if work.scoring_pane == Pane::Left {
                    Pane::Right
                } else {
                    Pane::Left
                };
                Vec::new()
            }
            Action::Edit => {
                match work.scoring_pane {
                    Pane::Left => {
                        if let Some(parameter) = parameter_id {
                            let text = work
                                .assessment
                                .cell(&field.id, &parameter)
                                .map(|c| c.rationale.clone())
                                .unwrap_or_default();
                            let title = format!(
                                "{} {} · {}",
                                Ui::RationaleTitle.text(lang),
                                field.id,
                                parameter_label(&definition, &parameter)
                            );
                            self.open_editor(
                                EditTarget::Rationale {
                                    field: field.id.clone(),
                                    parameter,
                                },
                                title,
                                &text,
                            );
                        }
                    }
                    Pane::Right => {
                        if let Some((id, text)) = findings.get(work.finding).cloned() {
                            self.open_editor(
                                EditTarget::Finding(id),
                                Ui::EntryTitle.text(lang).into(),
                                &text,
                            );
                        }
                    }
                }
                Vec::new()
            }
            Action::AddStrength | Action::AddChallenge | Action::AddRecommendation => {
                let (kind, title) = match action {
                    Action::AddStrength => (FindingKind::Strength, Ui::NewStrength),
                    Action::AddChallenge => (FindingKind::Challenge, Ui::NewChallenge),
                    _ => (FindingKind::Recommendation, Ui::NewRecommendation),
                };
                let title = format!("{} · {}", title.text(lang), field.label);
                self.open_editor(
                    EditTarget::NewFinding {
                        field: field.id.clone(),
                        kind,
                    },
                    title,
                    "",
                );
                Vec::new()
            }
            Action::Delete if work.scoring_pane == Pane::Right => {
                if let Some((id, _)) = findings.get(work.finding) {
                    self.popup = Some(Popup::ConfirmDelete { finding: *id });
                }
                Vec::new()
            }
            Action::MoveUp | Action::MoveDown if work.scoring_pane == Pane::Right => {
                let up = action == Action::MoveUp;
                match findings.get(work.finding) {
                    Some((id, _)) => {
                        // The selection follows the entry within its group.
                        let same_kind = work.field_findings();
                        let kind = same_kind.get(work.finding).map(|f| f.kind);
                        let first_of_kind = same_kind
                            .iter()
                            .position(|f| Some(f.kind) == kind)
                            .unwrap_or(0);
                        let last_of_kind = same_kind
                            .iter()
                            .rposition(|f| Some(f.kind) == kind)
                            .unwrap_or(0);
                        if up && work.finding > first_of_kind {
                            work.finding -= 1;
                        } else if !up && work.finding < last_of_kind {
                            work.finding += 1;
                        }
                        vec![Effect::Edit(Edit::MoveFinding { id: *id, up })]
                    }
                    None => Vec::new(),
                }
            }
            Action::NextField | Action::PreviousField => {
                let count = definition.fields_of_action.len();
                work.field = if action == Action::NextField {
                    (work.field + 1) % count
                } else {
                    (work.field + count - 1) % count
                };
                work.parameter = 0;
                work.finding = 0;
                Vec::new()
            }
            Action::Answers => {
                let field_index = work.field;
                work.reveal(Row::Field(field_index));
                work.set_collapsed(Row::Field(field_index), false);
                self.screen = Screen::Review;
                Vec::new()
            }
            Action::Overview => {
                self.screen = Screen::Overview;
                Vec::new()
            }
            Action::Explain => {
                self.explain(Some(work_field_id(self)));
                Vec::new()
            }
            Action::Back => {
                self.screen = Screen::Review;
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn overview_action(&mut self, action: Action) -> Vec<Effect> {
        let page = self.page();
        let lang = self.lang;
        let Some(work) = &mut self.work else {
            return Vec::new();
        };
        let fields = work.assessment.definition.fields_of_action.len();
        let items = fields + work.completeness.missing.len();
        if Self::move_in(&mut work.overview_selected, items, action, page) {
            return Vec::new();
        }
        match action {
            Action::Open | Action::Scoring => {
                if work.overview_selected < fields {
                    work.field = work.overview_selected;
                    work.parameter = 0;
                    work.scoring_pane = Pane::Left;
                    self.screen = Screen::Scoring;
                } else if let Some(missing) = work
                    .completeness
                    .missing
                    .get(work.overview_selected - fields)
                    .cloned()
                {
                    self.go_to_missing(&missing);
                }
                Vec::new()
            }
            Action::Answers => {
                let field = work.overview_selected.min(fields.saturating_sub(1));
                work.reveal(Row::Field(field));
                self.screen = Screen::Review;
                Vec::new()
            }
            Action::Edit => {
                let text = work.assessment.overall.clone();
                self.open_editor(
                    EditTarget::Overall,
                    Ui::OverallText.text(lang).into(),
                    &text,
                );
                Vec::new()
            }
            Action::Export => {
                self.popup = Some(Popup::ExportFormat { selected: 0 });
                Vec::new()
            }
            Action::NextPane | Action::PreviousPane => {
                work.overview_summary = !work.overview_summary;
                Vec::new()
            }
            Action::Finalize => {
                if work.assessment.status == Status::Finalized {
                    self.popup = Some(Popup::ConfirmReopen);
                } else if work.completeness.can_finalize(false) {
                    self.popup = Some(Popup::ConfirmFinalize { allow_open: false });
                } else if work.completeness.can_finalize(true) {
                    self.popup = Some(Popup::ConfirmFinalize { allow_open: true });
                } else {
                    let missing = work.completeness.missing.len();
                    self.error(crate::catalog::tui::not_ready(missing, lang));
                }
                Vec::new()
            }
            Action::Explain => {
                let field = (work.overview_selected < fields).then(|| {
                    work.assessment.definition.fields_of_action[work.overview_selected]
                        .id
                        .clone()
                });
                self.explain(field);
                Vec::new()
            }
            Action::Back => {
                self.screen = Screen::Review;
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// Jumps to what a finalisation item asks for.
    fn go_to_missing(&mut self, missing: &Missing) {
        let Some(work) = &mut self.work else { return };
        let definition = work.assessment.definition.clone();
        match missing {
            Missing::Unrated {
                field_id,
                parameter_id,
            }
            | Missing::Rationale {
                field_id,
                parameter_id,
            }
            | Missing::Reconfirm {
                field_id,
                parameter_id,
            } => {
                if let Some(f) = definition
                    .fields_of_action
                    .iter()
                    .position(|f| &f.id == field_id)
                {
                    work.field = f;
                    work.parameter = definition.fields_of_action[f]
                        .quality_parameters
                        .iter()
                        .position(|p| p == parameter_id)
                        .unwrap_or(0);
                    work.scoring_pane = Pane::Left;
                    self.screen = Screen::Scoring;
                }
            }
            Missing::OpenFollowUp { question_id, .. } => {
                if let Some(index) = work.questions.iter().position(|&(f, t, q)| {
                    definition.fields_of_action[f].topics[t].questions[q].id == *question_id
                }) {
                    let (f, t, q) = work.questions[index];
                    work.reveal(Row::Question(f, t, q));
                    self.screen = Screen::Review;
                    self.popup = Some(Popup::FollowUps {
                        question: question_id.clone(),
                        selected: 0,
                    });
                }
            }
        }
    }

    fn explain(&mut self, field: Option<String>) {
        let lang = self.lang;
        let Some(work) = &self.work else { return };
        // The field comes from the definition itself, so it is always known.
        let lines =
            crate::export::explain::lines(&work.assessment, &work.scores, field.as_deref(), lang)
                .unwrap_or_default();
        self.popup = Some(Popup::Lines {
            title: Ui::Explanation.text(lang).into(),
            lines,
            scroll: 0,
        });
    }

    /// Shows a lease held by someone else and asks what to do.
    pub fn lease_held(&mut self, id: AssessmentId, holder: Lease) {
        self.popup = Some(Popup::Lease { id, holder });
    }

    pub fn show_lines(&mut self, title: String, lines: Vec<String>) {
        self.popup = Some(Popup::Lines {
            title,
            lines,
            scroll: 0,
        });
    }
}

fn work_field_id(app: &App) -> String {
    app.work
        .as_ref()
        .map(|w| w.assessment.definition.fields_of_action[w.field].id.clone())
        .unwrap_or_default()
}

pub fn parameter_label<'d>(definition: &'d Definition, id: &'d str) -> &'d str {
    definition
        .quality_parameters
        .iter()
        .find(|p| p.id == id)
        .map_or(id, |p| p.label.as_str())
}

/// `~/x` → `$HOME/x`, as a shell would.
fn expand_home(path: &str) -> String {
    match (path.strip_prefix("~/"), std::env::var("HOME")) {
        (Some(rest), Ok(home)) => format!("{home}/{rest}"),
        _ => path.to_string(),
    }
}

impl Work {
    pub fn definition(&self) -> &Definition {
        &self.assessment.definition
    }

    pub fn is_read_only(&self) -> bool {
        self.session.read_only || self.assessment.status == Status::Finalized
    }

    /// Recomputes scores, completeness and search texts after the assessment changed.
    pub fn refresh(&mut self, lang: Lang) {
        self.scores = scoring::score(&self.assessment.definition, &self.assessment.cells);
        self.completeness = scoring::completeness(&self.assessment);
        // Notes are part of the search text.
        self.haystacks = self
            .questions
            .iter()
            .map(|&(f, t, q)| self.haystack(f, t, q, lang))
            .collect();
        self.clamp();
    }

    fn haystack(&self, f: usize, t: usize, q: usize, lang: Lang) -> String {
        let question = &self.definition().fields_of_action[f].topics[t].questions[q];
        let mut text = format!(
            "{} {} {}",
            question.id,
            question.text,
            question.help.as_deref().unwrap_or("")
        );
        if let Some(answer) = self.assessment.answers.answers.get(&question.id) {
            text.push(' ');
            text.push_str(&answer::plain_text(
                question,
                answer,
                &self.assessment.answers,
                lang,
            ));
            for part in [&answer.comment, &answer.source].into_iter().flatten() {
                text.push(' ');
                text.push_str(part);
            }
        }
        if let Some(review) = self.assessment.review(&question.id) {
            text.push(' ');
            text.push_str(&review.note);
        }
        text.to_lowercase()
    }

    pub fn rebuild_rows(&mut self) {
        let selected = self.rows.get(self.selected_row).copied();
        self.rows.clear();
        for (f, field) in self
            .assessment
            .definition
            .fields_of_action
            .iter()
            .enumerate()
        {
            self.rows.push(Row::Field(f));
            if self.collapsed.contains(&Row::Field(f)) {
                continue;
            }
            for (t, topic) in field.topics.iter().enumerate() {
                self.rows.push(Row::Topic(f, t));
                if self.collapsed.contains(&Row::Topic(f, t)) {
                    continue;
                }
                self.rows
                    .extend((0..topic.questions.len()).map(|q| Row::Question(f, t, q)));
            }
        }
        if let Some(row) = selected {
            self.select_row(row);
        }
        self.clamp();
    }

    fn set_collapsed(&mut self, row: Row, fold: bool) {
        if fold {
            self.collapsed.insert(row);
        } else {
            self.collapsed.remove(&row);
        }
        self.rebuild_rows();
    }

    fn select_row(&mut self, row: Row) {
        if let Some(index) = self.rows.iter().position(|r| *r == row) {
            self.selected_row = index;
        }
    }

    /// Unfolds what hides a row and selects it.
    fn reveal(&mut self, row: Row) {
        let (f, t) = match row {
            Row::Field(f) => (f, None),
            Row::Topic(f, t) | Row::Question(f, t, _) => (f, Some(t)),
        };
        let mut changed = self.collapsed.remove(&Row::Field(f));
        if let (Some(t), Row::Question(..)) = (t, row) {
            changed |= self.collapsed.remove(&Row::Topic(f, t));
        }
        if changed {
            self.rebuild_rows();
        }
        self.select_row(row);
        self.detail_scroll = 0;
    }

    fn clamp(&mut self) {
        self.selected_row = self.selected_row.min(self.rows.len().saturating_sub(1));
        let fields = self.assessment.definition.fields_of_action.len();
        self.field = self.field.min(fields.saturating_sub(1));
        let findings = self.field_findings().len();
        self.finding = self.finding.min(findings.saturating_sub(1));
        let items = fields + self.completeness.missing.len();
        self.overview_selected = self.overview_selected.min(items.saturating_sub(1));
    }

    pub fn selected_question(&self) -> Option<String> {
        match self.rows.get(self.selected_row)? {
            Row::Question(f, t, q) => Some(
                self.definition().fields_of_action[*f].topics[*t].questions[*q]
                    .id
                    .clone(),
            ),
            _ => None,
        }
    }

    fn selected_question_index(&self) -> Option<usize> {
        match self.rows.get(self.selected_row)? {
            Row::Question(f, t, q) => self.questions.iter().position(|x| *x == (*f, *t, *q)),
            Row::Field(f) => self.questions.iter().position(|x| x.0 == *f),
            Row::Topic(f, t) => self.questions.iter().position(|x| x.0 == *f && x.1 == *t),
        }
    }

    /// The field of action of the selected row.
    pub fn current_field(&self) -> usize {
        match self.rows.get(self.selected_row) {
            Some(Row::Field(f) | Row::Topic(f, _) | Row::Question(f, _, _)) => *f,
            None => 0,
        }
    }

    /// Selects the next question after the current one that satisfies `wanted`, wrapping.
    fn jump(&mut self, wanted: impl Fn(&Work, &str) -> bool) {
        let start = self.selected_question_index().map_or(0, |i| i + 1);
        let count = self.questions.len();
        for step in 0..count {
            let index = (start + step) % count;
            let (f, t, q) = self.questions[index];
            let id = &self.definition().fields_of_action[f].topics[t].questions[q].id;
            if wanted(self, id) {
                self.reveal(Row::Question(f, t, q));
                self.review_pane = Pane::Left;
                return;
            }
        }
    }

    /// Moves the outline selection to the next visible question.
    fn select_next_question(&mut self) {
        if let Some(next) = self
            .rows
            .iter()
            .enumerate()
            .skip(self.selected_row + 1)
            .find(|(_, r)| matches!(r, Row::Question(..)))
        {
            self.selected_row = next.0;
            self.detail_scroll = 0;
        }
    }

    /// After a rating, goes on to the next parameter unless this rating wants a rationale
    /// that is not written yet: then the auditor stays to write it.
    fn advance_after_rating(
        &mut self,
        definition: &Definition,
        field: &crate::domain::definition::FieldOfAction,
        rating: Rating,
    ) {
        if self.is_read_only() {
            return;
        }
        let parameter = field.quality_parameters.get(self.parameter);
        let rationale_missing = parameter.is_some_and(|p| {
            scoring::rationale_required(definition, rating)
                && self
                    .assessment
                    .cell(&field.id, p)
                    .is_none_or(|c| c.rationale.trim().is_empty())
        });
        if !rationale_missing && self.parameter + 1 < field.quality_parameters.len() {
            self.parameter += 1;
        }
    }

    /// The findings of the scored field in display order: strengths, challenges, recommendations.
    pub fn field_findings(&self) -> Vec<&crate::domain::assessment::Finding> {
        let field = &self.definition().fields_of_action
            [self.field.min(self.definition().fields_of_action.len() - 1)]
        .id;
        FindingKind::ALL
            .iter()
            .flat_map(|kind| self.assessment.findings_of(field, *kind))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn home_is_expanded_in_paths() {
        if let Ok(home) = std::env::var("HOME") {
            assert_eq!(expand_home("~/a.json"), format!("{home}/a.json"));
        }
        assert_eq!(expand_home("/x/~/a"), "/x/~/a");
    }
}
