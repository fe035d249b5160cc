//! Walking through the county's answers: the outline of fields, topics and questions beside
//! the selected question (see `question.rs` for that pane). Jumps, search and folding live
//! here; marking reviewed moves on only once the store has it.

use std::collections::HashSet;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::question::{detail_lines, marks};
use crate::catalog::Lang;
use crate::catalog::tui::{self as words, Ui};
use crate::store::Edit;
use crate::tui::action::Action;
use crate::tui::component::{Command, Ctx, EditTarget, Msg, Screen, commands, move_in};
use crate::tui::effect::{Effect, Then};
use crate::tui::popups::Popup;
use crate::tui::popups::follow_ups::FollowUps;
use crate::tui::popups::prompt::{Prompt, PromptKind};
use crate::tui::widgets::answer::one_line;
use crate::tui::widgets::{Scroll, block, list_window, scrolled, truncate, window_start};
use crate::tui::work::Work;

/// A row of the outline; a question by its index in questionnaire order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Row {
    Field(usize),
    Topic(usize, usize),
    Question(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Pane {
    #[default]
    Outline,
    Question,
}

struct Search {
    query: String,
    matches: Vec<usize>,
    current: usize,
}

#[derive(Default)]
pub struct Review {
    rows: Vec<Row>,
    collapsed: HashSet<Row>,
    selected: usize,
    pane: Pane,
    detail: Scroll,
    search: Option<Search>,
}

impl Review {
    pub fn new(work: &Work) -> Review {
        let mut review = Review::default();
        review.rebuild(work);
        review
    }

    pub fn commands(&self) -> Vec<Command> {
        commands(&[
            Action::ToggleReviewed,
            Action::Edit,
            Action::AddFollowUp,
            Action::Scoring,
            Action::NextUnreviewed,
            Action::Search,
            Action::Help,
        ])
    }

    fn rebuild(&mut self, work: &Work) {
        let selected = self.rows.get(self.selected).copied();
        self.rows.clear();
        for (f, field) in work.definition().fields_of_action.iter().enumerate() {
            self.rows.push(Row::Field(f));
            if self.collapsed.contains(&Row::Field(f)) {
                continue;
            }
            for (t, topic) in field.topics.iter().enumerate() {
                self.rows.push(Row::Topic(f, t));
                if self.collapsed.contains(&Row::Topic(f, t)) {
                    continue;
                }
                if let Some(first) = work.first_at(f, Some(t)) {
                    self.rows
                        .extend((first..first + topic.questions.len()).map(Row::Question));
                }
            }
        }
        if let Some(row) = selected {
            self.select_row(row);
        }
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    fn set_collapsed(&mut self, row: Row, fold: bool, work: &Work) {
        let changed = if fold {
            self.collapsed.insert(row)
        } else {
            self.collapsed.remove(&row)
        };
        if changed {
            self.rebuild(work);
        }
    }

    fn select_row(&mut self, row: Row) {
        if let Some(index) = self.rows.iter().position(|r| *r == row) {
            self.selected = index;
            self.detail.reset();
        }
    }

    fn row(&self) -> Option<Row> {
        self.rows.get(self.selected).copied()
    }

    /// The selected question, by its index.
    pub fn question(&self) -> Option<usize> {
        match self.row()? {
            Row::Question(index) => Some(index),
            _ => None,
        }
    }

    /// The field of action of the selected row.
    pub fn field(&self, work: &Work) -> usize {
        match self.row() {
            Some(Row::Field(f) | Row::Topic(f, _)) => f,
            Some(Row::Question(index)) => work.place(index).field,
            None => 0,
        }
    }

    /// Unfolds what hides a question and selects it.
    pub fn show_question(&mut self, index: usize, work: &Work) {
        let place = work.place(index);
        let unfolded = self.collapsed.remove(&Row::Field(place.field))
            | self.collapsed.remove(&Row::Topic(place.field, place.topic));
        if unfolded {
            self.rebuild(work);
        }
        self.select_row(Row::Question(index));
        self.pane = Pane::Outline;
    }

    pub fn show_field(&mut self, field: usize, work: &Work) {
        self.set_collapsed(Row::Field(field), false, work);
        self.select_row(Row::Field(field));
    }

    /// After a question was marked reviewed: on to the next question in the outline.
    pub fn next_question(&mut self) {
        if let Some(next) = self
            .rows
            .iter()
            .enumerate()
            .skip(self.selected + 1)
            .find(|(_, r)| matches!(r, Row::Question(..)))
        {
            self.selected = next.0;
            self.detail.reset();
        }
    }

    /// Where a jump starts: the selected question's successor, or on a header the first
    /// question under it.
    fn jump_start(&self, work: &Work) -> usize {
        match self.row() {
            Some(Row::Question(index)) => index + 1,
            Some(Row::Field(f)) => work.first_at(f, None).unwrap_or(0),
            Some(Row::Topic(f, t)) => work.first_at(f, Some(t)).unwrap_or(0),
            None => 0,
        }
    }

    /// Selects the next question from the jump start that satisfies `wanted`, wrapping.
    fn jump(
        &mut self,
        work: &Work,
        nothing: Ui,
        lang: Lang,
        wanted: impl Fn(&str) -> bool,
    ) -> Vec<Msg> {
        let count = work.question_count();
        let start = self.jump_start(work);
        for step in 0..count {
            let index = (start + step) % count;
            if wanted(&work.question(index).id) {
                self.show_question(index, work);
                return Vec::new();
            }
        }
        vec![Msg::Info(nothing.text(lang).into())]
    }

    pub fn handle(&mut self, action: Action, work: &Work, ctx: &Ctx) -> Vec<Msg> {
        let lang = ctx.lang;
        if self.pane == Pane::Question {
            if self.detail.apply(action, ctx.page) {
                return Vec::new();
            }
        } else if move_in(&mut self.selected, self.rows.len(), action, ctx.page) {
            self.detail.reset();
            return Vec::new();
        }
        let question = self.question().map(|index| work.question(index).id.clone());
        match action {
            Action::NextPane | Action::PreviousPane => {
                self.pane = match self.pane {
                    Pane::Outline => Pane::Question,
                    Pane::Question => Pane::Outline,
                };
                Vec::new()
            }
            Action::Collapse | Action::Expand | Action::Open => {
                match (action, self.row()) {
                    (Action::Open, Some(Row::Question(_))) => self.pane = Pane::Question,
                    (_, Some(row @ (Row::Field(_) | Row::Topic(..)))) => {
                        let fold = match action {
                            Action::Collapse => true,
                            Action::Expand => false,
                            _ => !self.collapsed.contains(&row),
                        };
                        self.set_collapsed(row, fold, work);
                    }
                    (Action::Collapse, Some(Row::Question(index))) => {
                        // Fold the topic the question belongs to and stand on it.
                        let place = work.place(index);
                        let topic = Row::Topic(place.field, place.topic);
                        self.set_collapsed(topic, true, work);
                        self.select_row(topic);
                    }
                    _ => {}
                }
                Vec::new()
            }
            Action::ToggleReviewed => match question {
                Some(q) => {
                    let reviewed = !work.is_reviewed(&q);
                    // Marking reviewed moves on: reading the next answer is what comes next.
                    let then = if reviewed {
                        Then::NextQuestion
                    } else {
                        Then::Stay
                    };
                    vec![Msg::Change {
                        edit: Edit::SetReviewed {
                            question: q,
                            reviewed,
                        },
                        then,
                    }]
                }
                None => vec![Msg::Info(Ui::HeaderNotAQuestion.text(lang).into())],
            },
            Action::ToggleInternal => match question {
                Some(q) => match work.assessment.review(&q).filter(|r| !r.note.is_empty()) {
                    Some(review) => vec![Msg::Change {
                        edit: Edit::SetNoteInternal {
                            question: q,
                            internal: !review.internal,
                        },
                        then: Then::Stay,
                    }],
                    None => vec![Msg::Info(Ui::NoNoteToMark.text(lang).into())],
                },
                None => vec![Msg::Info(Ui::HeaderNotAQuestion.text(lang).into())],
            },
            Action::Edit => question
                .map(|q| {
                    let note = work
                        .assessment
                        .review(&q)
                        .map(|r| r.note.clone())
                        .unwrap_or_default();
                    vec![Msg::Edit {
                        title: format!("{} {q}", Ui::NoteTitle.text(lang)),
                        target: EditTarget::Note(q),
                        text: note,
                    }]
                })
                .unwrap_or_else(|| vec![Msg::Info(Ui::HeaderNotAQuestion.text(lang).into())]),
            Action::AddFollowUp => question
                .map(|q| {
                    vec![Msg::Edit {
                        title: format!("{} {q}", Ui::NewFollowUpTitle.text(lang)),
                        target: EditTarget::NewFollowUp(q),
                        text: String::new(),
                    }]
                })
                .unwrap_or_else(|| vec![Msg::Info(Ui::HeaderNotAQuestion.text(lang).into())]),
            Action::FollowUps => question
                .map(|q| vec![Msg::Popup(Popup::FollowUps(FollowUps::new(q)))])
                .unwrap_or_else(|| vec![Msg::Info(Ui::HeaderNotAQuestion.text(lang).into())]),
            Action::NextUnreviewed => self.jump(work, Ui::NothingUnreviewed, lang, |id| {
                !work.is_reviewed(id)
            }),
            Action::NextNeedForAction => self.jump(work, Ui::NoNeedForAction, lang, |id| {
                work.assessment
                    .answers
                    .answers
                    .get(id)
                    .is_some_and(|a| a.need_for_action)
            }),
            Action::NextChanged => self.jump(work, Ui::NoChangedAnswers, lang, |id| {
                work.assessment
                    .review(id)
                    .is_some_and(|r| r.changed_since_import)
            }),
            Action::NextDifferent => match &work.last_audit {
                Some(last) => self.jump(work, Ui::NothingDifferent, lang, |id| {
                    last.since(id).differs()
                }),
                None => vec![Msg::Info(Ui::NoLastAudit.text(lang).into())],
            },
            Action::Scoring => vec![Msg::Score {
                field: self.field(work),
                parameter: None,
            }],
            Action::Overview => vec![Msg::Screen(Screen::Overview)],
            Action::Goals => vec![Msg::ShowGoal(None)],
            Action::Search => vec![Msg::Popup(Popup::Prompt(Prompt::new(
                PromptKind::Search,
                self.search
                    .as_ref()
                    .map(|s| s.query.clone())
                    .unwrap_or_default(),
            )))],
            Action::NextMatch | Action::PreviousMatch => {
                self.step_search(action == Action::NextMatch, work, ctx)
            }
            Action::NextPart | Action::PreviousPart => {
                if self.detail.step_part(action == Action::NextPart) {
                    self.pane = Pane::Question;
                    Vec::new()
                } else {
                    vec![Msg::Info(Ui::NoOtherPart.text(lang).into())]
                }
            }
            Action::Back => vec![Msg::Effect(Effect::Close)],
            _ => Vec::new(),
        }
    }

    /// Searches question texts, answers and notes; the first match at or after the selection.
    pub fn search(&mut self, query: &str, work: &Work, ctx: &Ctx) -> Vec<Msg> {
        if query.is_empty() {
            self.search = None;
            return Vec::new();
        }
        let matches = work.search(query);
        if matches.is_empty() {
            self.search = None;
            let text = words::no_match(&one_line(query), ctx.lang);
            return vec![Msg::Error(text)];
        }
        let here = self.jump_start(work).saturating_sub(1);
        let current = matches.iter().position(|&m| m >= here).unwrap_or(0);
        self.search = Some(Search {
            query: query.to_string(),
            matches,
            current,
        });
        self.show_match(work, ctx)
    }

    fn step_search(&mut self, forward: bool, work: &Work, ctx: &Ctx) -> Vec<Msg> {
        let Some(search) = &mut self.search else {
            return Vec::new();
        };
        let len = search.matches.len();
        search.current = if forward {
            (search.current + 1) % len
        } else {
            (search.current + len - 1) % len
        };
        self.show_match(work, ctx)
    }

    fn show_match(&mut self, work: &Work, ctx: &Ctx) -> Vec<Msg> {
        let Some(search) = &self.search else {
            return Vec::new();
        };
        let index = search.matches[search.current];
        let text = words::search_status(
            search.current + 1,
            search.matches.len(),
            &one_line(&search.query),
            ctx.lang,
        );
        self.show_question(index, work);
        vec![Msg::Info(text)]
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, work: &Work, ctx: &Ctx, focused: bool) {
        let theme = ctx.theme;
        let lang = ctx.lang;
        let left_width = (area.width * 2 / 5).clamp(28, 60);
        let [left, right] =
            Layout::horizontal([Constraint::Length(left_width), Constraint::Fill(1)]).areas(area);

        let outline_focused = focused && self.pane == Pane::Outline;
        let outer = block(Ui::Outline.text(lang), outline_focused, theme);
        let inner = outer.inner(left);
        frame.render_widget(outer, left);
        let width = usize::from(inner.width);
        let height = usize::from(inner.height);
        let first = window_start(self.selected, self.rows.len(), height);
        let lines = list_window(
            self.outline_lines(work, width, first, height, ctx),
            Some(self.selected - first),
            height,
            width,
            outline_focused,
            theme,
        );
        frame.render_widget(Paragraph::new(lines), inner);

        let detail_focused = focused && self.pane == Pane::Question;
        let (lines, parts) = detail_lines(
            self.row(),
            work,
            usize::from(right.width.saturating_sub(3)),
            self.detail.part(),
            ctx,
        );
        self.detail.set_parts(parts);
        scrolled(
            frame,
            right,
            block(Ui::Question.text(lang), detail_focused, theme),
            lines,
            &self.detail,
        );
    }

    /// The outline rows from `first` on, at most `count` of them: only what is visible is built.
    fn outline_lines(
        &self,
        work: &Work,
        width: usize,
        first: usize,
        count: usize,
        ctx: &Ctx,
    ) -> Vec<Line<'static>> {
        let theme = ctx.theme;
        let definition = work.definition();
        let fold = |row: &Row| {
            if self.collapsed.contains(row) {
                '▸'
            } else {
                '▾'
            }
        };
        self.rows
            .iter()
            .skip(first)
            .take(count)
            .map(|row| match *row {
                Row::Field(f) => {
                    let field = &definition.fields_of_action[f];
                    let questions = field.topics.iter().flat_map(|t| &t.questions);
                    let total = questions.clone().count();
                    let reviewed = questions.filter(|q| work.is_reviewed(&q.id)).count();
                    let count = format!(" {reviewed}/{total}");
                    let label = truncate(
                        &format!("{} {} {}", fold(row), field.id, one_line(&field.label)),
                        width.saturating_sub(count.chars().count()),
                    );
                    let pad = width.saturating_sub(label.chars().count() + count.chars().count());
                    Line::from(vec![
                        Span::styled(label, theme.heading),
                        Span::raw(" ".repeat(pad)),
                        Span::styled(count, theme.dim),
                    ])
                }
                Row::Topic(f, t) => {
                    let topic = &definition.fields_of_action[f].topics[t];
                    Line::from(truncate(
                        &format!(" {} {}", fold(row), one_line(&topic.label)),
                        width,
                    ))
                }
                Row::Question(index) => {
                    let place = work.place(index);
                    let topic = &definition.fields_of_action[place.field].topics[place.topic];
                    let question = &topic.questions[place.question];
                    let short = question
                        .id
                        .strip_prefix(topic.id.as_str())
                        .and_then(|rest| rest.strip_prefix('.'))
                        .unwrap_or(&question.id);
                    let marks = marks(work, question);
                    let text = truncate(
                        &format!("{short} {}", one_line(&question.text)),
                        width.saturating_sub(4 + marks.chars().count()),
                    );
                    Line::from(vec![
                        Span::raw("   "),
                        Span::styled(marks, theme.warn),
                        Span::raw(format!(" {text}")),
                    ])
                }
            })
            .collect()
    }
}
