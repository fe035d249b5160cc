//! The overview: the matrix of fields × parameters with each field's score (or score bars
//! and progress gauges), what is still missing before finalising (each item one key away),
//! and the overall assessment. Tab goes from pane to pane; each scrolls.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::matrix::{Matrix, columns, legend_text, render_matrix, render_summary};
use crate::catalog::Lang;
use crate::catalog::tui::{self as words, Ui};
use crate::domain::assessment::Status;
use crate::domain::scoring::Missing;
use crate::text::sanitize;
use crate::tui::action::{Action, Context};
use crate::tui::component::{Command, Ctx, EditTarget, Msg, Screen, move_in};
use crate::tui::popups::Popup;
use crate::tui::popups::confirm::{Confirm, Purpose};
use crate::tui::popups::export::ExportChoice;
use crate::tui::popups::follow_ups::FollowUps;
use crate::tui::popups::text::TextPopup;
use crate::tui::widgets::answer::{paragraphs, wrap};
use crate::tui::widgets::{Scroll, list_window, scrolled, titled, truncate};
use crate::tui::work::Work;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Pane {
    #[default]
    Matrix,
    Missing,
    Overall,
}

#[derive(Default)]
pub struct Overview {
    pane: Pane,
    field: usize,
    missing: usize,
    /// Score bars and progress gauges instead of the matrix.
    summary: bool,
    overall: Scroll,
}

impl Overview {
    pub fn commands(&self, work: &Work) -> Vec<Command> {
        let finalize = if work.assessment.status == Status::Finalized {
            Command::labelled(Action::Finalize, Ui::ReopenLabel)
        } else if work.second_of.is_some() {
            Command::labelled(Action::Finalize, Ui::SubmitLabel)
        } else {
            Command::of(Action::Finalize)
        };
        let toggle = if self.summary {
            Command::labelled(Action::ToggleSummary, Ui::ShowMatrix)
        } else {
            Command::labelled(Action::ToggleSummary, Ui::ShowScores)
        };
        if work.assessment.status == Status::Finalized {
            // Finalised: what is left is the export and the sign-off (or reopening).
            return vec![
                Command::of(Action::Export),
                Command::of(Action::Sign),
                finalize,
                Command::of(Action::Help),
            ];
        }
        vec![
            Command::of(Action::Scoring),
            Command::of(Action::Edit),
            Command::of(Action::Export),
            finalize,
            toggle,
            Command::of(Action::NextPane),
            Command::of(Action::Help),
        ]
    }

    pub fn clamp(&mut self, work: &Work) {
        self.missing = self
            .missing
            .min(work.completeness.missing.len().saturating_sub(1));
    }

    /// The field of action the selection stands for: the matrix row, or the field of the
    /// missing item.
    fn selected_field(&self, work: &Work) -> usize {
        if self.pane == Pane::Missing
            && let Some(
                Missing::Unrated { field_id, .. }
                | Missing::Rationale { field_id, .. }
                | Missing::Reconfirm { field_id, .. },
            ) = work.completeness.missing.get(self.missing)
        {
            return work
                .definition()
                .fields_of_action
                .iter()
                .position(|f| &f.id == field_id)
                .unwrap_or(self.field);
        }
        self.field
    }

    pub fn handle(&mut self, action: Action, work: &Work, ctx: &Ctx) -> Vec<Msg> {
        let lang = ctx.lang;
        let fields = work.definition().fields_of_action.len();
        let moved = match self.pane {
            Pane::Matrix => move_in(&mut self.field, fields, action, ctx.page),
            Pane::Missing => move_in(
                &mut self.missing,
                work.completeness.missing.len(),
                action,
                ctx.page,
            ),
            Pane::Overall => self.overall.apply(action, ctx.page),
        };
        if moved {
            return Vec::new();
        }
        match action {
            Action::Open if self.pane == Pane::Missing => work
                .completeness
                .missing
                .get(self.missing)
                .map(|missing| go_to_missing(missing, work))
                .unwrap_or_default(),
            Action::Open if self.pane == Pane::Overall => self.edit_overall(work, lang),
            Action::Open | Action::Scoring => vec![Msg::Score {
                field: self.selected_field(work),
                parameter: None,
            }],
            Action::Answers => vec![Msg::ShowField(self.selected_field(work))],
            Action::Goals => vec![Msg::ShowGoal(None)],
            Action::Consensus => vec![Msg::ShowConsensus(None)],
            Action::Sign => vec![Msg::Effect(crate::tui::effect::Effect::Sign)],
            Action::Edit => self.edit_overall(work, lang),
            Action::Export => vec![Msg::Popup(Popup::Export(ExportChoice::new(work)))],
            Action::ToggleSummary => {
                self.summary = !self.summary;
                Vec::new()
            }
            Action::NextPane | Action::PreviousPane => {
                let order = [Pane::Matrix, Pane::Missing, Pane::Overall];
                let at = order.iter().position(|p| *p == self.pane).unwrap_or(0);
                let step = if action == Action::NextPane { 1 } else { 2 };
                self.pane = order[(at + step) % 3];
                Vec::new()
            }
            Action::Finalize => {
                if work.read_only || work.lease_lost {
                    let why = work.locked().unwrap_or(Ui::ReadOnlyRefused);
                    return vec![Msg::Error(why.text(lang).into())];
                }
                let c = &work.completeness;
                let purpose = if work.assessment.status == Status::Finalized {
                    Purpose::Reopen
                } else if work.second_of.is_some() && c.can_finalize(true) {
                    Purpose::Submit {
                        open: c.open_follow_ups,
                    }
                } else if c.can_finalize(false) {
                    Purpose::Finalize { open: 0 }
                } else if c.can_finalize(true) {
                    Purpose::Finalize {
                        open: c.open_follow_ups,
                    }
                } else {
                    let blocking = c
                        .missing
                        .iter()
                        .filter(|m| !matches!(m, Missing::OpenFollowUp { .. }))
                        .count();
                    return vec![Msg::Error(words::not_ready(blocking, lang))];
                };
                vec![Msg::Popup(Popup::Confirm(Confirm::new(purpose)))]
            }
            Action::Explain => {
                let field = (self.pane == Pane::Matrix)
                    .then(|| work.definition().fields_of_action[self.field].id.as_str());
                let lines = work.explanation(field, lang);
                vec![Msg::Popup(Popup::Text(TextPopup::new(
                    Ui::Explanation.text(lang),
                    lines,
                )))]
            }
            Action::Back => vec![Msg::Screen(Screen::Review)],
            _ => Vec::new(),
        }
    }

    fn edit_overall(&self, work: &Work, lang: Lang) -> Vec<Msg> {
        vec![Msg::Edit {
            target: EditTarget::Overall,
            title: Ui::OverallText.text(lang).into(),
            text: work.assessment.overall.clone(),
        }]
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, work: &Work, ctx: &Ctx, focused: bool) {
        let definition = work.definition();
        let parameters = columns(definition);
        let inner_width = usize::from(area.width.saturating_sub(2));
        // The legend is wrapped once: its lines set the matrix's height and are drawn in it.
        let legend = if self.summary {
            Vec::new()
        } else {
            let last_year = work.last_audit.as_ref().map(|last| last.year());
            let legend = legend_text(definition, &parameters, last_year, ctx.lang);
            wrap(&legend, inner_width)
        };
        let top_height = if self.summary {
            definition.fields_of_action.len() + 6
        } else {
            definition.fields_of_action.len() + 4 + legend.len()
        };
        // Where the matrix leaves too little room, the pane Tab went to takes the whole screen.
        let top_height = top_height as u16;
        let alone = area.height < top_height + 6;
        let [top, progress, rest] = match (alone, self.pane) {
            (true, Pane::Matrix) => [area, Rect::default(), Rect::default()],
            (true, _) => [Rect::default(), Rect::default(), area],
            (false, _) => Layout::vertical([
                Constraint::Length(top_height),
                Constraint::Length(if work.agreement.is_some() { 2 } else { 1 }),
                Constraint::Fill(1),
            ])
            .areas(area),
        };
        if rest.height > 0 {
            self.render_rest(frame, progress, rest, work, ctx, focused);
        }
        if top.height == 0 {
            return;
        }
        let top_focused = focused && self.pane == Pane::Matrix;
        if self.summary {
            render_summary(frame, top, work, ctx, top_focused);
        } else {
            let matrix = Matrix {
                parameters: &parameters,
                legend: &legend,
                selected: self.field,
            };
            render_matrix(frame, top, &matrix, work, ctx, top_focused);
        }
    }

    /// The progress line, what is missing before finalising, and the overall assessment.
    fn render_rest(
        &self,
        frame: &mut Frame,
        progress_area: Rect,
        rest: Rect,
        work: &Work,
        ctx: &Ctx,
        focused: bool,
    ) {
        let theme = ctx.theme;
        let lang = ctx.lang;

        let c = &work.completeness;
        let mut progress = words::progress(
            c.reviewed,
            c.questions,
            c.rated,
            c.cells,
            c.open_follow_ups,
            lang,
        );
        if c.to_reconfirm > 0 {
            progress.push_str(&format!(" · ⟳ {}", c.to_reconfirm));
        }
        let width = usize::from(progress_area.width);
        let mut lines = vec![Line::from(truncate(&format!(" {progress}"), width))];
        // With a submitted second rating, a second line says how far the two agree.
        if let Some(agreement) = &work.agreement {
            let line = crate::catalog::second::agreement_line(agreement, lang);
            lines.push(Line::from(truncate(&format!(" {line}"), width)));
        }
        frame.render_widget(Paragraph::new(lines).style(theme.dim), progress_area);
        // Where there is room both panes show; else the one Tab went to (the list first).
        let both = rest.height >= 14 && progress_area.height > 0;
        let missing_title = if work.assessment.status == Status::Finalized {
            Ui::StillOpen
        } else {
            Ui::MissingTitle
        };
        let show_overall = both || self.pane == Pane::Overall;
        let show_missing = both || self.pane != Pane::Overall;
        let [missing_area, overall_area] = match (show_missing, show_overall) {
            (true, true) => {
                Layout::vertical([Constraint::Fill(1), Constraint::Fill(1)]).areas(rest)
            }
            (true, false) => [rest, Rect::default()],
            _ => [Rect::default(), rest],
        };
        let other = |this: Ui, other: Ui| {
            if both {
                this.text(lang).to_string()
            } else {
                format!(
                    "{} · {} {}",
                    this.text(lang),
                    ctx.keymap.describe(Context::Overview, Action::NextPane),
                    other.text(lang)
                )
            }
        };
        if show_missing {
            self.render_missing(
                frame,
                missing_area,
                &other(missing_title, Ui::OverallText),
                work,
                ctx,
                focused,
            );
        }
        if !show_overall {
            return;
        }
        let width = usize::from(overall_area.width.saturating_sub(3));
        let lines: Vec<Line<'static>> = if work.assessment.overall.trim().is_empty() {
            // The key is offered only where it can write.
            let text = match work.locked() {
                Some(_) => Ui::NoOverallText.text(lang).to_string(),
                None => format!(
                    "{} ({} {})",
                    Ui::NoOverallText.text(lang),
                    ctx.keymap.describe(Context::Overview, Action::Edit),
                    Ui::WritesIt.text(lang)
                ),
            };
            vec![Line::from(Span::styled(text, theme.dim))]
        } else {
            paragraphs(&work.assessment.overall, width)
                .into_iter()
                .map(Line::from)
                .collect()
        };
        scrolled(
            frame,
            overall_area,
            titled(
                &other(Ui::OverallText, missing_title),
                overall_area.width,
                focused && self.pane == Pane::Overall,
                theme,
            ),
            lines,
            &self.overall,
        );
    }

    /// What is still missing before finalising, each item one key away.
    fn render_missing(
        &self,
        frame: &mut Frame,
        area: Rect,
        title: &str,
        work: &Work,
        ctx: &Ctx,
        focused: bool,
    ) {
        let theme = ctx.theme;
        let lang = ctx.lang;
        let definition = work.definition();
        let c = &work.completeness;
        let missing_focused = focused && self.pane == Pane::Missing;
        let outer = titled(title, area.width, missing_focused, theme);
        let inner = outer.inner(area);
        frame.render_widget(outer, area);
        let width = usize::from(inner.width);
        if c.missing.is_empty() {
            frame.render_widget(
                Paragraph::new(Span::styled(
                    if work.assessment.status == Status::Finalized {
                        Ui::NothingOpen.text(lang)
                    } else if work.second_of.is_some() {
                        Ui::NothingMissingSecond.text(lang)
                    } else {
                        Ui::NothingMissing.text(lang)
                    },
                    theme.good,
                )),
                inner,
            );
        } else {
            let items: Vec<Line<'static>> = c
                .missing
                .iter()
                .map(|m| {
                    Line::from(truncate(
                        &format!("· {}", sanitize(&words::missing(definition, m, lang))),
                        width,
                    ))
                })
                .collect();
            let height = usize::from(inner.height);
            let first = crate::tui::widgets::window_start(self.missing, items.len(), height);
            let total = items.len();
            frame.render_widget(
                Paragraph::new(list_window(
                    items,
                    Some(self.missing),
                    height,
                    width,
                    missing_focused,
                    theme,
                )),
                inner,
            );
            crate::tui::widgets::scrollbar(frame, area, total, inner.height, first as u16);
        }
    }
}

/// Goes to what a finalisation item asks for.
fn go_to_missing(missing: &Missing, work: &Work) -> Vec<Msg> {
    let definition = work.definition();
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
            let Some(f) = definition
                .fields_of_action
                .iter()
                .position(|f| &f.id == field_id)
            else {
                return Vec::new();
            };
            let parameter = definition.fields_of_action[f]
                .quality_parameters
                .iter()
                .position(|p| p == parameter_id);
            vec![Msg::Score {
                field: f,
                parameter,
            }]
        }
        Missing::Consensus {
            field_id,
            parameter_id,
        } => vec![Msg::ShowConsensus(Some((
            field_id.clone(),
            parameter_id.clone(),
        )))],
        Missing::GoalUnrated { goal } | Missing::GoalRationale { goal } => {
            vec![Msg::ShowGoal(Some(goal.clone()))]
        }
        Missing::OpenFollowUp { question_id, .. } => match work.index_of(question_id) {
            Some(index) => vec![
                Msg::ShowQuestion(index),
                Msg::Popup(Popup::FollowUps(FollowUps::new(question_id.clone()))),
            ],
            None => Vec::new(),
        },
    }
}
