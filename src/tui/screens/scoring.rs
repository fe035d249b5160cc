//! Scoring one field of action: its quality parameters with their ratings, the field's
//! strengths, challenges and recommendations, and a detail pane that scrolls through the
//! anchored text of every level, the marks, the guiding question and the whole rationale.
//! Tab reaches every pane; a rating moves on only once the store has it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::levels::level_lines;
use crate::catalog::tui::{self as words, Ui};
use crate::domain::assessment::{Finding, FindingKind, Rating};
use crate::domain::definition::FieldOfAction;
use crate::domain::scoring::rationale_required;
use crate::store::Edit;
use crate::text::sanitize;
use crate::tui::action::{Action, Context};
use crate::tui::component::{Command, Ctx, EditTarget, Msg, Screen, move_in};
use crate::tui::effect::Then;
use crate::tui::popups::Popup;
use crate::tui::popups::confirm::{Confirm, Purpose};
use crate::tui::popups::follow_ups::{entry_lines, stack};
use crate::tui::popups::text::TextPopup;
use crate::tui::widgets::answer::paragraphs;
use crate::tui::widgets::rating::{cell_flags, rating_short, rating_style, scored};
use crate::tui::widgets::{Scroll, block, list_window, scrolled, truncate, window_start};
use crate::tui::work::Work;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Pane {
    #[default]
    Parameters,
    Findings,
    Detail,
}

#[derive(Default)]
pub struct Scoring {
    field: usize,
    parameter: usize,
    finding: usize,
    pane: Pane,
    /// Which pane the detail shows: the parameter's levels or the selected entry.
    entry_detail: bool,
    detail: Scroll,
}

impl Scoring {
    pub fn commands(&self) -> Vec<Command> {
        let mut list = vec![Command::labelled(Action::Level0, Ui::Levels)];
        list.extend(
            [
                Action::NotApplicable,
                Action::NotAssessable,
                Action::Edit,
                Action::NextPane,
                Action::NextField,
                Action::Help,
            ]
            .map(Command::of),
        );
        list
    }

    /// Shows a field of action, at a parameter or at the first.
    pub fn show(&mut self, field: usize, parameter: Option<usize>, work: &Work) {
        let fields = work.definition().fields_of_action.len();
        self.field = field.min(fields.saturating_sub(1));
        self.parameter = parameter.unwrap_or(0);
        self.finding = 0;
        self.pane = Pane::Parameters;
        self.entry_detail = false;
        self.detail.reset();
    }

    /// Back to the parameters, with the selected one's levels in the detail pane.
    fn show_parameters(&mut self) {
        if self.pane == Pane::Findings || self.entry_detail {
            self.pane = Pane::Parameters;
            self.entry_detail = false;
            self.detail.reset();
        }
    }

    fn field<'w>(&self, work: &'w Work) -> &'w FieldOfAction {
        let fields = &work.definition().fields_of_action;
        &fields[self.field.min(fields.len() - 1)]
    }

    /// The findings of the field in display order: strengths, challenges, recommendations.
    fn findings<'w>(&self, work: &'w Work) -> Vec<&'w Finding> {
        let field = &self.field(work).id;
        FindingKind::ALL
            .iter()
            .flat_map(|kind| work.assessment.findings_of(field, *kind))
            .collect()
    }

    /// After a rating was stored: on to the next parameter, unless this one still wants its
    /// rationale, which the auditor writes next (then false).
    pub fn next_parameter(&mut self, work: &Work) -> bool {
        let definition = work.definition();
        let field = self.field(work);
        let Some(parameter) = field.quality_parameters.get(self.parameter) else {
            return true;
        };
        let cell = work.assessment.cell(&field.id, parameter);
        let rationale_missing = cell.is_some_and(|c| {
            c.rating.is_some_and(|r| rationale_required(definition, r))
                && c.rationale.trim().is_empty()
        });
        if !rationale_missing && self.parameter + 1 < field.quality_parameters.len() {
            self.parameter += 1;
            self.detail.reset();
        }
        !rationale_missing
    }

    /// Selects an entry and shows it in the detail pane.
    pub fn show_finding(&mut self, id: i64, work: &Work) {
        self.select_finding(id, work);
        self.pane = Pane::Findings;
        self.entry_detail = true;
        self.detail.reset();
    }

    /// After an entry moved: the selection follows it.
    pub fn select_finding(&mut self, id: i64, work: &Work) {
        if let Some(index) = self.findings(work).iter().position(|f| f.id == id) {
            self.finding = index;
        }
    }

    pub fn clamp(&mut self, work: &Work) {
        let findings = self.findings(work).len();
        self.finding = self.finding.min(findings.saturating_sub(1));
    }

    pub fn handle(&mut self, action: Action, work: &Work, ctx: &Ctx) -> Vec<Msg> {
        let lang = ctx.lang;
        let definition = work.definition();
        let field = self.field(work);
        let findings = self.findings(work);
        let moved = match self.pane {
            Pane::Parameters => {
                let moved = move_in(
                    &mut self.parameter,
                    field.quality_parameters.len(),
                    action,
                    ctx.page,
                );
                if moved {
                    self.entry_detail = false;
                    self.detail.reset();
                }
                moved
            }
            Pane::Findings => {
                let moved = move_in(&mut self.finding, findings.len(), action, ctx.page);
                if moved {
                    self.entry_detail = true;
                    self.detail.reset();
                }
                moved
            }
            Pane::Detail => self.detail.apply(action, ctx.page),
        };
        if moved {
            return Vec::new();
        }
        let parameter = field.quality_parameters.get(self.parameter).cloned();
        let rate = |rating: Option<Rating>, then| {
            parameter
                .clone()
                .map(|parameter| {
                    vec![Msg::Change {
                        edit: Edit::SetRating {
                            field: field.id.clone(),
                            parameter,
                            rating,
                        },
                        then,
                    }]
                })
                .unwrap_or_default()
        };
        if let Some(level) = action.level() {
            if !definition.scale.levels.iter().any(|l| l.value == level) {
                return vec![Msg::Error(format!(
                    "{level}: {}",
                    Ui::NotALevelOfScale.text(lang)
                ))];
            }
            self.show_parameters();
            return rate(Some(Rating::Level(level)), Then::NextParameter);
        }
        // A rating shows the parameter it rates.
        if matches!(action, Action::NotApplicable | Action::NotAssessable) {
            self.show_parameters();
        }
        match action {
            Action::NotApplicable => rate(Some(Rating::NotApplicable), Then::NextParameter),
            Action::NotAssessable => rate(Some(Rating::NotAssessable), Then::NextParameter),
            Action::ClearRating => rate(None, Then::Stay),
            Action::AdoptPrevious => {
                let adopt = parameter.and_then(|parameter| {
                    let last = work.last_audit.as_ref()?;
                    let rating = last.previous_rating(&field.id, &parameter)?;
                    Some(Edit::AdoptRating {
                        field: field.id.clone(),
                        parameter,
                        from: last.assessment.id,
                        rating,
                    })
                });
                match (adopt, &work.last_audit) {
                    (Some(edit), _) => {
                        self.show_parameters();
                        vec![Msg::Change {
                            edit,
                            then: Then::NextParameter,
                        }]
                    }
                    (None, None) => vec![Msg::Info(Ui::NoLastAudit.text(lang).into())],
                    (None, Some(_)) => vec![Msg::Info(Ui::NothingToAdopt.text(lang).into())],
                }
            }
            Action::ConfirmRating => parameter
                .map(|parameter| {
                    vec![Msg::Change {
                        edit: Edit::ConfirmRating {
                            field: field.id.clone(),
                            parameter,
                        },
                        then: Then::Stay,
                    }]
                })
                .unwrap_or_default(),
            Action::NextPane | Action::PreviousPane => {
                let order = [Pane::Parameters, Pane::Findings, Pane::Detail];
                let at = order.iter().position(|p| *p == self.pane).unwrap_or(0);
                let step = if action == Action::NextPane { 1 } else { 2 };
                self.pane = order[(at + step) % 3];
                match self.pane {
                    Pane::Parameters => self.entry_detail = false,
                    Pane::Findings => self.entry_detail = !findings.is_empty(),
                    Pane::Detail => {}
                }
                Vec::new()
            }
            Action::Edit if self.entry_detail || self.pane == Pane::Findings => {
                match findings.get(self.finding) {
                    Some(f) => vec![Msg::Edit {
                        target: EditTarget::Finding(f.id),
                        title: Ui::EntryTitle.text(lang).into(),
                        text: f.text.clone(),
                    }],
                    None => {
                        let add = [
                            Action::AddStrength,
                            Action::AddChallenge,
                            Action::AddRecommendation,
                        ]
                        .map(|a| {
                            format!(
                                "{} {}",
                                ctx.keymap.describe(Context::Scoring, a),
                                words::action_label(a.name(), lang)
                            )
                        });
                        let text = format!("{}: {}", Ui::NoEntries.text(lang), add.join(" · "));
                        vec![Msg::Info(text)]
                    }
                }
            }
            Action::Edit => parameter
                .map(|parameter| {
                    let text = work
                        .assessment
                        .cell(&field.id, &parameter)
                        .map(|c| c.rationale.clone())
                        .unwrap_or_default();
                    let title = format!(
                        "{} {} · {}",
                        Ui::RationaleTitle.text(lang),
                        field.id,
                        definition.parameter_label(&parameter)
                    );
                    vec![Msg::Edit {
                        target: EditTarget::Rationale {
                            field: field.id.clone(),
                            parameter,
                        },
                        title,
                        text,
                    }]
                })
                .unwrap_or_default(),
            Action::AddStrength | Action::AddChallenge | Action::AddRecommendation => {
                let (kind, title) = match action {
                    Action::AddStrength => (FindingKind::Strength, Ui::NewStrength),
                    Action::AddChallenge => (FindingKind::Challenge, Ui::NewChallenge),
                    _ => (FindingKind::Recommendation, Ui::NewRecommendation),
                };
                vec![Msg::Edit {
                    target: EditTarget::NewFinding {
                        field: field.id.clone(),
                        kind,
                    },
                    title: format!("{} · {}", title.text(lang), field.id),
                    text: String::new(),
                }]
            }
            Action::Delete if self.entry_detail => findings
                .get(self.finding)
                .map(|f| {
                    vec![Msg::Popup(Popup::Confirm(Confirm::new(
                        Purpose::DeleteFinding(f.id),
                    )))]
                })
                .unwrap_or_default(),
            Action::MoveUp | Action::MoveDown if self.entry_detail => findings
                .get(self.finding)
                .map(|f| {
                    vec![Msg::Change {
                        edit: Edit::MoveFinding {
                            id: f.id,
                            up: action == Action::MoveUp,
                        },
                        then: Then::SelectFinding(f.id),
                    }]
                })
                .unwrap_or_default(),
            Action::NextField | Action::PreviousField => {
                let count = definition.fields_of_action.len();
                let next = if action == Action::NextField {
                    (self.field + 1) % count
                } else {
                    (self.field + count - 1) % count
                };
                self.show(next, None, work);
                Vec::new()
            }
            Action::Answers => vec![Msg::ShowField(self.field)],
            Action::Goals => vec![Msg::ShowGoal(None)],
            Action::Explain => {
                let lines = work.explanation(Some(&field.id), lang);
                vec![Msg::Popup(Popup::Text(TextPopup::new(
                    Ui::Explanation.text(lang),
                    lines,
                )))]
            }
            Action::Overview => vec![Msg::Screen(Screen::Overview)],
            Action::Back => vec![Msg::Screen(Screen::Review)],
            _ => Vec::new(),
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, work: &Work, ctx: &Ctx, focused: bool) {
        let theme = ctx.theme;
        let lang = ctx.lang;
        let definition = work.definition();
        let field = self.field(work);
        let [header, rest] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);

        let label_wanted = field.id.width() + sanitize(&field.label).width() + 3;
        // The compact score where the full one would cut the field's name.
        let score = |compact| -> Vec<Span<'static>> {
            work.scores
                .field(&field.id)
                .map(|score| {
                    let mut spans = vec![Span::raw(format!("{} ", Ui::Score.text(lang)))];
                    spans.extend(scored(definition, score, theme, lang, compact));
                    spans.push(Span::raw(" "));
                    spans
                })
                .unwrap_or_default()
        };
        let full = score(false);
        let full_width: usize = full.iter().map(|s| s.width()).sum();
        let score = if full_width + label_wanted <= usize::from(header.width) {
            full
        } else {
            score(true)
        };
        let score_width: usize = score.iter().map(|s| s.width()).sum();
        let label = truncate(
            &format!(" {} {}", field.id, sanitize(&field.label)),
            usize::from(header.width).saturating_sub(score_width + 1),
        );
        let fill = usize::from(header.width).saturating_sub(label.width() + score_width);
        let mut spans = vec![
            Span::styled(label, theme.heading),
            Span::raw(" ".repeat(fill)),
        ];
        spans.extend(score);
        frame.render_widget(Paragraph::new(Line::from(spans)), header);

        let left_width = (rest.width * 2 / 5).clamp(30, 60);
        let [left, right] =
            Layout::horizontal([Constraint::Length(left_width), Constraint::Fill(1)]).areas(rest);
        let parameter_rows = field.quality_parameters.len() as u16 + 2;
        let [parameters_area, findings_area] = Layout::vertical([
            Constraint::Length(parameter_rows.min(left.height / 2 + 2)),
            Constraint::Fill(1),
        ])
        .areas(left);
        self.draw_parameters(frame, parameters_area, work, ctx, focused);
        self.draw_findings(frame, findings_area, work, ctx, focused);
        let lines = if self.entry_detail {
            self.entry_lines(work, usize::from(right.width.saturating_sub(3)))
        } else {
            level_lines(
                work,
                self.field(work),
                self.parameter,
                usize::from(right.width.saturating_sub(3)),
                ctx,
            )
        };
        let title = if self.entry_detail {
            Ui::EntryTitle.text(lang).to_string()
        } else {
            field
                .quality_parameters
                .get(self.parameter)
                .map(|id| sanitize(definition.parameter_label(id)).into_owned())
                .unwrap_or_default()
        };
        scrolled(
            frame,
            right,
            block(
                &truncate(&title, usize::from(right.width.saturating_sub(4))),
                focused && self.pane == Pane::Detail,
                theme,
            ),
            lines,
            &self.detail,
        );
    }

    fn draw_parameters(
        &self,
        frame: &mut Frame,
        area: Rect,
        work: &Work,
        ctx: &Ctx,
        focused: bool,
    ) {
        let theme = ctx.theme;
        let definition = work.definition();
        let field = self.field(work);
        let focused = focused && self.pane == Pane::Parameters;
        let outer = block(Ui::Parameters.text(ctx.lang), focused, theme);
        let inner = outer.inner(area);
        frame.render_widget(outer, area);
        let width = usize::from(inner.width);
        let items: Vec<Line<'static>> = field
            .quality_parameters
            .iter()
            .map(|id| {
                let cell = work.assessment.cell(&field.id, id);
                let rating = cell.and_then(|c| c.rating);
                // In a Bilanzierung, the last audit's level beside today's: "3 ←2".
                let previous = work.last_audit.as_ref().map(|last| {
                    match last.previous_rating(&field.id, id) {
                        Some(then) => format!(" ←{:<3}", rating_short(Some(then), ctx.lang)),
                        None => " ".repeat(5),
                    }
                });
                let previous = previous.unwrap_or_default();
                let label_width = width.saturating_sub(8 + previous.chars().count());
                let label = truncate(&sanitize(definition.parameter_label(id)), label_width);
                let pad = label_width.saturating_sub(label.width());
                Line::from(vec![
                    Span::raw(format!("{label}{} ", " ".repeat(pad))),
                    Span::styled(
                        format!("{:>4}", rating_short(rating, ctx.lang)),
                        rating_style(definition, rating, theme),
                    ),
                    Span::styled(previous, theme.dim),
                    Span::styled(format!(" {}", cell_flags(definition, cell)), theme.warn),
                ])
            })
            .collect();
        let total = items.len();
        let height = usize::from(inner.height);
        let lines = list_window(items, Some(self.parameter), height, width, focused, theme);
        frame.render_widget(Paragraph::new(lines), inner);
        let first = crate::tui::widgets::window_start(self.parameter, total, height);
        crate::tui::widgets::scrollbar(frame, area, total, inner.height, first as u16);
    }

    fn draw_findings(&self, frame: &mut Frame, area: Rect, work: &Work, ctx: &Ctx, focused: bool) {
        let theme = ctx.theme;
        let lang = ctx.lang;
        let focused = focused && self.pane == Pane::Findings;
        let title = if Ui::Findings.text(lang).width() + 4 <= usize::from(area.width) {
            Ui::Findings
        } else {
            Ui::FindingsShort
        };
        let outer = block(title.text(lang), focused, theme);
        let inner = outer.inner(area);
        frame.render_widget(outer, area);
        let width = usize::from(inner.width.saturating_sub(1));
        let findings = self.findings(work);
        let mut lines = Vec::new();
        let mut selected_line = 0;
        let mut index = 0;
        for kind in FindingKind::ALL {
            lines.push(Line::from(Span::styled(
                words::finding_kind(kind).text(lang).to_string(),
                theme.heading,
            )));
            let of_kind: Vec<_> = findings.iter().filter(|f| f.kind == kind).collect();
            if of_kind.is_empty() {
                lines.push(Line::from(Span::styled(
                    format!("  {}", Ui::NoEntries.text(lang)),
                    theme.dim,
                )));
            }
            let entries = of_kind
                .iter()
                .map(|f| entry_lines(&f.text, width))
                .collect();
            let selected = self.finding.checked_sub(index).unwrap_or(usize::MAX);
            let (entry_lines, line) = stack(entries, selected, width, focused, theme);
            if selected < of_kind.len() {
                selected_line = lines.len() + line;
            }
            index += of_kind.len();
            lines.extend(entry_lines);
        }
        let total = lines.len();
        let first = window_start(selected_line, total, usize::from(inner.height));
        let shown: Vec<Line<'static>> = lines
            .into_iter()
            .skip(first)
            .take(usize::from(inner.height))
            .collect();
        frame.render_widget(Paragraph::new(shown), inner);
        crate::tui::widgets::scrollbar(frame, area, total, inner.height, first as u16);
    }

    fn entry_lines(&self, work: &Work, width: usize) -> Vec<Line<'static>> {
        self.findings(work)
            .get(self.finding)
            .map(|f| {
                paragraphs(&f.text, width)
                    .into_iter()
                    .map(Line::from)
                    .collect()
            })
            .unwrap_or_default()
    }
}
