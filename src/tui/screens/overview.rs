//! The overview: the matrix of fields × parameters with each field's score (or score bars
//! and progress gauges), what is still missing before finalising (each item one key away),
//! and the overall assessment. Tab goes from pane to pane; each scrolls.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::catalog::Lang;
use crate::catalog::tui::{self as words, Ui};
use crate::domain::assessment::{Rating, Status};
use crate::domain::definition::Definition;
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
use crate::tui::widgets::rating::{rating_label, rating_short, rating_style, score_text};
use crate::tui::widgets::{Scroll, block, list_window, scrolled, titled, truncate};
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

/// A short column head for a parameter: the last part of its id ("QP-BED" → "BED").
pub fn abbreviation(id: &str) -> String {
    let last = id.rsplit(['-', '.', '_']).next().unwrap_or(id);
    last.chars().take(4).collect()
}

/// The parameters any field rates, in definition order: the matrix's columns.
fn columns(definition: &Definition) -> Vec<&str> {
    definition
        .quality_parameters
        .iter()
        .map(|p| p.id.as_str())
        .filter(|id| {
            definition
                .fields_of_action
                .iter()
                .any(|f| f.quality_parameters.iter().any(|p| p == id))
        })
        .collect()
}

/// What the matrix's abbreviations and marks mean.
fn legend_text(definition: &Definition, parameters: &[&str], lang: Lang) -> String {
    let mut legend: Vec<String> = parameters
        .iter()
        .map(|id| {
            format!(
                "{} {}",
                abbreviation(id),
                sanitize(definition.parameter_label(id))
            )
        })
        .collect();
    for mark in [Rating::NotApplicable, Rating::NotAssessable] {
        legend.push(format!(
            "{} {}",
            rating_short(Some(mark), lang),
            rating_label(definition, Some(mark), lang)
        ));
    }
    legend.join(" · ")
}

impl Overview {
    pub fn commands(&self, work: &Work) -> Vec<Command> {
        let finalize = if work.assessment.status == Status::Finalized {
            Command::labelled(Action::Finalize, Ui::ReopenLabel)
        } else {
            Command::of(Action::Finalize)
        };
        let toggle = if self.summary {
            Command::labelled(Action::ToggleSummary, Ui::ShowMatrix)
        } else {
            Command::labelled(Action::ToggleSummary, Ui::ShowScores)
        };
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
            Action::Edit => self.edit_overall(work, lang),
            Action::Export => vec![Msg::Popup(Popup::Export(ExportChoice::default()))],
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
                let c = &work.completeness;
                let purpose = if work.assessment.status == Status::Finalized {
                    Purpose::Reopen
                } else if c.can_finalize(false) {
                    Purpose::Finalize { open: 0 }
                } else if c.can_finalize(true) {
                    Purpose::Finalize {
                        open: c.open_follow_ups,
                    }
                } else {
                    return vec![Msg::Error(words::not_ready(c.missing.len(), lang))];
                };
                vec![Msg::Popup(Popup::Confirm(Confirm::new(purpose)))]
            }
            Action::Explain => {
                let field = (self.pane == Pane::Matrix)
                    .then(|| work.definition().fields_of_action[self.field].id.as_str());
                let lines =
                    crate::export::explain::lines(&work.assessment, &work.scores, field, lang)
                        .unwrap_or_default();
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
        let top_height = if self.summary {
            definition.fields_of_action.len() + 6
        } else {
            let legend = wrap(&legend_text(definition, &parameters, ctx.lang), inner_width);
            definition.fields_of_action.len() + 4 + legend.len()
        };
        let [top, progress, rest] = Layout::vertical([
            Constraint::Length(top_height as u16),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(area);
        let top_focused = focused && self.pane == Pane::Matrix;
        if self.summary {
            render_summary(frame, top, work, ctx, top_focused);
        } else {
            render_matrix(frame, top, &parameters, self.field, work, ctx, top_focused);
        }
        self.render_rest(frame, progress, rest, work, ctx, focused);
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
        frame.render_widget(
            Paragraph::new(truncate(
                &format!(" {progress}"),
                usize::from(progress_area.width),
            ))
            .style(theme.dim),
            progress_area,
        );
        // Where there is room both panes show; else the one Tab went to (the list first).
        let both = rest.height >= 14;
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
                &other(Ui::MissingTitle, Ui::OverallText),
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
            vec![Line::from(Span::styled(
                format!(
                    "{} ({} {})",
                    Ui::NoOverallText.text(lang),
                    ctx.keymap.describe(Context::Overview, Action::Edit),
                    Ui::WritesIt.text(lang)
                ),
                theme.dim,
            ))]
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
                &other(Ui::OverallText, Ui::MissingTitle),
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
                Paragraph::new(Span::styled(Ui::NothingMissing.text(lang), theme.good)),
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
        Missing::OpenFollowUp { question_id, .. } => match work.index_of(question_id) {
            Some(index) => vec![
                Msg::ShowQuestion(index),
                Msg::Popup(Popup::FollowUps(FollowUps::new(question_id.clone()))),
            ],
            None => Vec::new(),
        },
    }
}

/// One bar per field of action: its score on the scale, with the Ampel label; and the progress.
fn render_summary(frame: &mut Frame, area: Rect, work: &Work, ctx: &Ctx, focused: bool) {
    let theme = ctx.theme;
    let lang = ctx.lang;
    let definition = work.definition();
    let outer = block(Ui::Summary.text(lang), focused, theme);
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let width = usize::from(inner.width);
    let label_width = (width / 3).clamp(12, 40);
    let text_width = (width / 3).clamp(16, 36);
    let bar_width = width.saturating_sub(label_width + text_width + 2).max(5);
    let highest = f64::from(definition.scale.highest().max(1));
    let mut lines = Vec::new();
    let mut bar_line = |label: String, outcome, raw: Option<f64>, score, band: Option<usize>| {
        let label = truncate(&label, label_width);
        let pad = label_width.saturating_sub(label.width());
        let style = band
            .and_then(|b| definition.rules.bands.get(b))
            .map_or(theme.dim, |b| theme.band(b.color));
        let mut spans = vec![Span::raw(format!("{label}{} ", " ".repeat(pad)))];
        spans.push(Span::styled(
            bar(raw.unwrap_or(0.0) / highest, bar_width),
            style,
        ));
        spans.push(Span::raw(" "));
        spans.extend(score_text(
            definition, outcome, score, band, theme, lang, true,
        ));
        lines.push(Line::from(spans));
    };
    for field in &definition.fields_of_action {
        if let Some(score) = work.scores.field(&field.id) {
            bar_line(
                format!("{} {}", field.id, sanitize(&field.label)),
                score.outcome,
                score.raw,
                score.score,
                score.band,
            );
        }
    }
    let overall = &work.scores.overall;
    bar_line(
        Ui::Overall.text(lang).to_string(),
        overall.outcome,
        overall.raw,
        overall.score,
        overall.band,
    );
    lines.push(Line::from(""));
    let c = &work.completeness;
    for (label, done, total) in [
        (Ui::ColumnReviewed, c.reviewed, c.questions),
        (Ui::ColumnRated, c.rated, c.cells),
    ] {
        let share = if total > 0 {
            done as f64 / total as f64
        } else {
            0.0
        };
        let label = format!("{:<w$} ", label.text(lang), w = label_width);
        lines.push(Line::from(vec![
            Span::raw(label),
            Span::styled(bar(share, bar_width), theme.info),
            Span::raw(format!(" {done}/{total} · {}", words::share(share, lang))),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A bar of `width` cells filled to `share` (0–1), in eighths.
fn bar(share: f64, width: usize) -> String {
    const PARTS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let eighths = (share.clamp(0.0, 1.0) * (width * 8) as f64).round() as usize;
    let mut out = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        out.push(PARTS[eighths % 8]);
    }
    let fill = width.saturating_sub(out.chars().count());
    out.push_str(&"·".repeat(fill));
    out
}

fn render_matrix(
    frame: &mut Frame,
    matrix_area: Rect,
    parameters: &[&str],
    selected: usize,
    work: &Work,
    ctx: &Ctx,
    focused: bool,
) {
    let theme = ctx.theme;
    let lang = ctx.lang;
    let definition = work.definition();
    let fields = &definition.fields_of_action;
    let outer = block(Ui::Matrix.text(lang), focused, theme);
    let inner = outer.inner(matrix_area);
    frame.render_widget(outer, matrix_area);
    let width = usize::from(inner.width);
    // Room for "n.z." and the re-confirm mark.
    let cell_width = 5;
    let longest_band = definition
        .rules
        .bands
        .iter()
        .map(|b| b.label.chars().count())
        .max()
        .unwrap_or(10);
    let score_width = (longest_band + 7).max(20);
    let label_width = width
        .saturating_sub(parameters.len() * cell_width + score_width + 2)
        .max(8);
    let mut head = format!("{:<w$}", "", w = label_width);
    for id in parameters {
        head.push_str(&format!("{:>w$}", abbreviation(id), w = cell_width));
    }
    head.push_str(&format!("  {}", Ui::Score.text(lang)));
    let mut lines = vec![Line::from(Span::styled(head, theme.heading))];
    let mut rows = Vec::new();
    for field in fields {
        let label = truncate(
            &format!("{} {}", field.id, sanitize(&field.label)),
            label_width,
        );
        let pad = label_width.saturating_sub(label.width());
        let mut spans = vec![Span::raw(format!("{label}{}", " ".repeat(pad)))];
        for id in parameters {
            if field.quality_parameters.iter().any(|p| p == id) {
                let cell = work.assessment.cell(&field.id, id);
                let rating = cell.and_then(|c| c.rating);
                let reconfirm = if cell.is_some_and(|c| c.needs_reconfirmation) {
                    "⟳"
                } else {
                    " "
                };
                spans.push(Span::styled(
                    format!("{:>w$}", rating_short(rating, lang), w = cell_width - 1),
                    rating_style(definition, rating, theme),
                ));
                spans.push(Span::styled(reconfirm.to_string(), theme.warn));
            } else {
                spans.push(Span::styled(
                    format!("{:>w$}", "–", w = cell_width),
                    theme.dim,
                ));
            }
        }
        spans.push(Span::raw("  "));
        if let Some(score) = work.scores.field(&field.id) {
            spans.extend(score_text(
                definition,
                score.outcome,
                score.score,
                score.band,
                theme,
                lang,
                true,
            ));
        }
        rows.push(Line::from(spans));
    }
    lines.extend(list_window(
        rows,
        Some(selected),
        fields.len(),
        width,
        focused,
        theme,
    ));
    let overall = &work.scores.overall;
    let mut spans = vec![Span::styled(
        format!(
            "{:<w$}",
            Ui::Overall.text(lang),
            w = label_width + parameters.len() * cell_width + 2
        ),
        theme.heading,
    )];
    spans.extend(score_text(
        definition,
        overall.outcome,
        overall.score,
        overall.band,
        theme,
        lang,
        true,
    ));
    lines.push(Line::from(spans));
    for line in wrap(&legend_text(definition, parameters, lang), width) {
        lines.push(Line::from(Span::styled(line, theme.dim)));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

#[cfg(test)]
mod tests {
    #[test]
    fn abbreviations_take_the_last_part_of_the_id() {
        assert_eq!(super::abbreviation("QP-BED"), "BED");
        assert_eq!(super::abbreviation("A"), "A");
        assert_eq!(super::abbreviation("qp.zugang"), "zuga");
    }
}
