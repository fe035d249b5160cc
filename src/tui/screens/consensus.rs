//! The consensus pass: only the cells the submitted second rating differs on, largest gaps
//! first, each with both levels and both rationales. A level key records the level both
//! auditors agreed on (it becomes the cell's rating; both originals are kept), `e` its
//! rationale.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::catalog::second as words;
use crate::catalog::tui::Ui;
use crate::domain::assessment::{Difference, Rating};
use crate::store::Edit;
use crate::text::sanitize;
use crate::tui::action::{Action, Context};
use crate::tui::component::{Command, Ctx, EditTarget, Msg, Screen, move_in};
use crate::tui::effect::Then;
use crate::tui::widgets::answer::{paragraphs, wrap};
use crate::tui::widgets::rating::{rating_label, rating_short};
use crate::tui::widgets::{Scroll, block, list_window, scrolled, titled, truncate};
use crate::tui::work::Work;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Pane {
    #[default]
    List,
    Detail,
}

#[derive(Default)]
pub struct Consensus {
    pane: Pane,
    selected: usize,
    detail: Scroll,
}

impl Consensus {
    pub fn commands(&self) -> Vec<Command> {
        vec![
            Command::labelled(Action::Level0, Ui::Levels),
            Command::labelled(Action::Edit, Ui::ConsensusRationaleLabel),
            Command::of(Action::NextPane),
            Command::of(Action::Back),
            Command::of(Action::Help),
        ]
    }

    /// Selects a cell, or the first not settled yet.
    pub fn show(&mut self, cell: Option<(&str, &str)>, work: &Work) {
        let differences = work.assessment.differences();
        let found = match cell {
            Some((field, parameter)) => differences
                .iter()
                .position(|d| d.field.id == field && d.parameter.id == parameter),
            None => differences.iter().position(|d| d.settled.is_none()),
        };
        self.selected = found.unwrap_or(0);
        self.pane = Pane::List;
        self.detail.reset();
    }

    pub fn handle(&mut self, action: Action, work: &Work, ctx: &Ctx) -> Vec<Msg> {
        let differences = work.assessment.differences();
        let moved = match self.pane {
            Pane::List => {
                let before = self.selected;
                let moved = move_in(&mut self.selected, differences.len(), action, ctx.page);
                if before != self.selected {
                    self.detail.reset();
                }
                moved
            }
            Pane::Detail => self.detail.apply(action, ctx.page),
        };
        if moved {
            return Vec::new();
        }
        if let Action::NextPane | Action::PreviousPane = action {
            self.pane = match self.pane {
                Pane::List => Pane::Detail,
                Pane::Detail => Pane::List,
            };
            return Vec::new();
        }
        let Some(difference) = differences.get(self.selected) else {
            return match action {
                Action::Back | Action::Cancel => vec![Msg::Screen(Screen::Overview)],
                _ => Vec::new(),
            };
        };
        let (field, parameter) = (difference.field.id.clone(), difference.parameter.id.clone());
        let agreed = match action {
            Action::NotApplicable => Some(Rating::NotApplicable),
            Action::NotAssessable => Some(Rating::NotAssessable),
            action => action.level().map(Rating::Level),
        };
        if let Some(rating) = agreed {
            let levels = &work.definition().scale.levels;
            if let Rating::Level(level) = rating
                && !levels.iter().any(|l| l.value == level)
            {
                return Vec::new();
            }
            return vec![Msg::Change {
                edit: Edit::SetConsensus {
                    field,
                    parameter,
                    rating,
                },
                then: Then::Stay,
            }];
        }
        match action {
            Action::Edit | Action::Open if difference.settled.is_none() => {
                vec![Msg::Error(Ui::ConsensusFirst.text(ctx.lang).into())]
            }
            Action::Edit | Action::Open => vec![Msg::Edit {
                title: format!(
                    "{} {} × {}",
                    Ui::ConsensusRationaleTitle.text(ctx.lang),
                    field,
                    difference.parameter.label
                ),
                text: difference
                    .settled
                    .map_or_else(String::new, |c| c.rationale.clone()),
                target: EditTarget::ConsensusRationale { field, parameter },
            }],
            Action::Back | Action::Overview => vec![Msg::Screen(Screen::Overview)],
            _ => Vec::new(),
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, work: &Work, ctx: &Ctx, focused: bool) {
        let lang = ctx.lang;
        let differences = work.assessment.differences();
        let settled = differences.iter().filter(|d| d.settled.is_some()).count();
        let title = words::consensus_title(settled, differences.len(), lang);
        let Some(selected) = differences.get(self.selected) else {
            let text = Ui::NoDifferences.text(lang);
            frame.render_widget(
                Paragraph::new(Span::styled(text, ctx.theme.dim))
                    .block(block(&title, focused, ctx.theme)),
                area,
            );
            return;
        };
        let wide = area.width >= 100;
        let list_height = (differences.len() as u16 + 2).min(area.height / 2).max(3);
        let [list_area, detail_area] = match (wide, self.pane) {
            (true, _) => {
                Layout::horizontal([Constraint::Percentage(45), Constraint::Fill(1)]).areas(area)
            }
            (false, _) if area.height >= 18 => {
                Layout::vertical([Constraint::Length(list_height), Constraint::Fill(1)]).areas(area)
            }
            (false, Pane::List) => [area, Rect::default()],
            (false, Pane::Detail) => [Rect::default(), area],
        };
        if list_area.height > 0 {
            let width = usize::from(list_area.width.saturating_sub(2));
            let height = usize::from(list_area.height.saturating_sub(2));
            let items: Vec<Line<'static>> =
                (differences.iter()).map(|d| row(d, width, lang)).collect();
            let lines = list_window(
                items,
                Some(self.selected),
                height,
                width,
                focused && self.pane == Pane::List,
                ctx.theme,
            );
            frame.render_widget(
                Paragraph::new(lines).block(titled(
                    &title,
                    list_area.width,
                    focused && self.pane == Pane::List,
                    ctx.theme,
                )),
                list_area,
            );
        }
        if detail_area.height > 0 {
            let lines = detail(selected, work, ctx, detail_area);
            let name = format!("{} × {}", selected.field.id, selected.parameter.label);
            scrolled(
                frame,
                detail_area,
                titled(
                    &name,
                    detail_area.width,
                    focused && self.pane == Pane::Detail,
                    ctx.theme,
                ),
                lines,
                &self.detail,
            );
        }
    }
}

/// "✓ HF1 × Bedarfsorientierung   2 | 3  Δ1  → 3".
fn row(d: &Difference, width: usize, lang: crate::catalog::Lang) -> Line<'static> {
    let mark = if d.settled.is_some() { '✓' } else { '·' };
    let levels = format!(
        "{} | {}",
        rating_short(d.first, lang),
        rating_short(d.second, lang)
    );
    let agreed = d.settled.map_or_else(String::new, |c| {
        format!(" → {}", rating_short(Some(c.agreed), lang))
    });
    let tail = format!("  {levels}{agreed}");
    let name = format!(" {mark} {} × {}", d.field.id, d.parameter.label);
    let room = width.saturating_sub(tail.chars().count());
    Line::from(vec![
        Span::raw(crate::tui::widgets::column(
            &sanitize(&name),
            room.saturating_sub(1),
        )),
        Span::raw(tail),
    ])
}

/// Both ratings with their rationales, and the consensus.
fn detail(d: &Difference, work: &Work, ctx: &Ctx, area: Rect) -> Vec<Line<'static>> {
    let lang = ctx.lang;
    let theme = ctx.theme;
    let width = usize::from(area.width.saturating_sub(3));
    let definition = work.definition();
    let key = (d.field.id.clone(), d.parameter.id.clone());
    let first_rationale = work
        .assessment
        .cells
        .get(&key)
        .map_or("", |c| c.rationale.trim());
    let second_rationale = (work.assessment.second_cells.as_ref())
        .and_then(|cells| cells.get(&key))
        .map_or("", |c| c.rationale.trim());
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut block = |heading: String, rating: Option<Rating>, rationale: &str| {
        lines.push(Line::from(Span::styled(heading, theme.heading)));
        let label = match rating {
            Some(Rating::Level(level)) => {
                format!("{level} {}", rating_label(definition, rating, lang))
            }
            _ => rating_label(definition, rating, lang),
        };
        lines.push(Line::from(truncate(&label, width)));
        if rationale.is_empty() {
            lines.push(Line::from(Span::styled(
                Ui::NoRationale.text(lang).to_string(),
                theme.dim,
            )));
        } else {
            lines.extend(paragraphs(rationale, width).into_iter().map(Line::from));
        }
        lines.push(Line::default());
    };
    block(
        words::first_heading(&work.assessment.auditor, lang),
        d.first,
        first_rationale,
    );
    block(words::second_heading(lang), d.second, second_rationale);
    match d.settled {
        Some(consensus) => {
            let label = match consensus.agreed {
                Rating::Level(level) => format!(
                    "{level} {}",
                    rating_label(definition, Some(consensus.agreed), lang)
                ),
                mark => rating_label(definition, Some(mark), lang),
            };
            for line in wrap(
                &format!("{}: {label}", Ui::ConsensusHeading.text(lang)),
                width,
            ) {
                lines.push(Line::from(Span::styled(line, theme.heading)));
            }
            if consensus.rationale.trim().is_empty() {
                let hint = format!(
                    "{} ({} {})",
                    Ui::NoRationale.text(lang),
                    ctx.keymap.describe(Context::Consensus, Action::Edit),
                    Ui::WritesIt.text(lang)
                );
                lines.push(Line::from(Span::styled(hint, theme.dim)));
            } else {
                lines.extend(
                    paragraphs(&consensus.rationale, width)
                        .into_iter()
                        .map(Line::from),
                );
            }
        }
        None => {
            let hint = words::consensus_hint(lang);
            for line in wrap(&hint, width) {
                lines.push(Line::from(Span::styled(line, theme.dim)));
            }
        }
    }
    lines
}
