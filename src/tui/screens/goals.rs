//! The goals of the Zielvereinbarung: by field of action on the left, the selected goal on the
//! right with its indicator against the target and each measure's status over the years
//! (overdue ones marked). In a Bilanzierung the auditor rates each goal's achievement with a
//! rationale; from a goal one key shows the answers, another the cells, of its field.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::catalog::goals as goal_words;
use crate::catalog::report;
use crate::catalog::tui::Ui;
use crate::domain::goals::{Achievement, Goal, GoalRating, goal_key};
use crate::domain::progress::{GoalProgress, Progress};
use crate::export::goals::{indicator_text, timeline};
use crate::store::Edit;
use crate::text::sanitize;
use crate::tui::action::{Action, Context};
use crate::tui::component::{Command, Ctx, EditTarget, Msg, Screen, move_in};
use crate::tui::effect::Then;
use crate::tui::widgets::answer::{paragraphs, wrap};
use crate::tui::widgets::{Scroll, block, list_window, scrolled, titled, truncate, window_start};
use crate::tui::work::Work;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Pane {
    #[default]
    List,
    Detail,
}

/// A goal's place: which stored agreement, which goal of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Place {
    agreement: usize,
    goal: usize,
}

#[derive(Default)]
pub struct Goals {
    pane: Pane,
    /// Index into the goals of all agreements, in order.
    selected: usize,
    detail: Scroll,
}

/// Every goal of the work's agreements, in order.
fn places(work: &Work) -> impl Iterator<Item = Place> + '_ {
    (work.goals.iter().enumerate()).flat_map(|(agreement, stored)| {
        (0..stored.agreement().goals.len()).map(move |goal| Place { agreement, goal })
    })
}

/// A mark for a goal's achievement that does not rest on colour.
fn achievement_mark(rating: Option<&GoalRating>) -> char {
    match rating.and_then(|r| r.achievement) {
        Some(Achievement::Erreicht) => '✓',
        Some(Achievement::TeilweiseErreicht) => '◐',
        Some(Achievement::NichtErreicht) => '✗',
        Some(Achievement::Entfallen) => '–',
        None => '·',
    }
}

impl Goals {
    pub fn commands(&self, work: &Work) -> Vec<Command> {
        let mut commands = Vec::new();
        if !work.assessment.agreements.is_empty() {
            commands.extend([
                Command::of(Action::Achieved),
                Command::of(Action::PartlyAchieved),
                Command::of(Action::NotAchieved),
                Command::of(Action::GoalDropped),
                Command::labelled(Action::Edit, Ui::GoalRationaleLabel),
            ]);
        }
        commands.extend([
            Command::of(Action::Answers),
            Command::of(Action::Scoring),
            Command::of(Action::Help),
        ]);
        commands
    }

    fn place(&self, work: &Work) -> Option<Place> {
        places(work).nth(self.selected)
    }

    fn goal<'w>(&self, work: &'w Work) -> Option<(Place, &'w Goal, String)> {
        let place = self.place(work)?;
        let agreement = work.goals[place.agreement].agreement();
        let goal = &agreement.goals[place.goal];
        Some((place, goal, goal_key(&agreement.id, &goal.id)))
    }

    /// Selects a goal by its key, or keeps the selection when there is none.
    pub fn show(&mut self, goal: Option<&str>, work: &Work) {
        if let Some(key) = goal
            && let Some(index) = places(work).position(|place| {
                let agreement = work.goals[place.agreement].agreement();
                goal_key(&agreement.id, &agreement.goals[place.goal].id) == key
            })
        {
            self.selected = index;
            self.pane = Pane::List;
            self.detail.reset();
        }
        self.selected = self.selected.min(places(work).count().saturating_sub(1));
    }

    /// Whether this assessment rates the goal: a Bilanzierung rates the goals of the audit
    /// it follows.
    fn judged(work: &Work, key: &str) -> bool {
        work.assessment.goals().any(|(k, _, _)| k == key)
    }

    pub fn handle(&mut self, action: Action, work: &Work, ctx: &Ctx) -> Vec<Msg> {
        let count = places(work).count();
        let moved = match self.pane {
            Pane::List => {
                let before = self.selected;
                let moved = move_in(&mut self.selected, count, action, ctx.page);
                if self.selected != before {
                    self.detail.reset();
                }
                moved
            }
            Pane::Detail => self.detail.apply(action, ctx.page),
        };
        if moved {
            return Vec::new();
        }
        let lang = ctx.lang;
        if let Action::NextPane | Action::PreviousPane = action {
            self.pane = match self.pane {
                Pane::List => Pane::Detail,
                Pane::Detail => Pane::List,
            };
            return Vec::new();
        }
        let Some((_, goal, key)) = self.goal(work) else {
            return match action {
                Action::Back | Action::Cancel => vec![Msg::Screen(Screen::Review)],
                _ => Vec::new(),
            };
        };
        let field = (work.definition().fields_of_action.iter()).position(|f| f.id == goal.field);
        let rating = work.assessment.goal_ratings.get(&key);
        let rates = |work: &Work| Self::judged(work, &key);
        match action {
            Action::Achieved
            | Action::PartlyAchieved
            | Action::NotAchieved
            | Action::GoalDropped
            | Action::ClearRating
            | Action::Edit
                if !rates(work) =>
            {
                vec![Msg::Error(Ui::GoalsNotJudged.text(lang).into())]
            }
            Action::Achieved
            | Action::PartlyAchieved
            | Action::NotAchieved
            | Action::GoalDropped => {
                vec![Msg::Change {
                    edit: Edit::RateGoal {
                        goal: key,
                        achievement: action.achievement(),
                    },
                    then: Then::Stay,
                }]
            }
            Action::ClearRating => vec![Msg::Change {
                edit: Edit::RateGoal {
                    goal: key,
                    achievement: None,
                },
                then: Then::Stay,
            }],
            Action::Edit | Action::Open => vec![Msg::Edit {
                title: format!("{} {}", Ui::GoalRationaleTitle.text(lang), goal.id),
                text: rating.map_or_else(String::new, |r| r.rationale.clone()),
                target: EditTarget::GoalRationale(key),
            }],
            Action::Answers => field.map(Msg::ShowField).into_iter().collect(),
            Action::Scoring => field
                .map(|field| Msg::Score {
                    field,
                    parameter: None,
                })
                .into_iter()
                .collect(),
            Action::Overview => vec![Msg::Screen(Screen::Overview)],
            Action::Back => vec![Msg::Screen(Screen::Review)],
            _ => Vec::new(),
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, work: &Work, ctx: &Ctx, focused: bool) {
        let lang = ctx.lang;
        let Some((place, goal, key)) = self.goal(work) else {
            let text = Ui::NoGoals.text(lang);
            frame.render_widget(
                Paragraph::new(Span::styled(text, ctx.theme.dim)).block(block(
                    Ui::GoalsTitle.text(lang),
                    focused,
                    ctx.theme,
                )),
                area,
            );
            return;
        };
        // Side by side where there is room; else the pane Tab went to.
        let wide = area.width >= 100;
        let [list_area, detail_area] = match (wide, self.pane) {
            (true, _) => {
                Layout::horizontal([Constraint::Percentage(42), Constraint::Fill(1)]).areas(area)
            }
            (false, Pane::List) => [area, Rect::default()],
            (false, Pane::Detail) => [Rect::default(), area],
        };
        // Where each agreement stands, made once per frame: the list and the detail read it.
        let reports: Vec<Vec<_>> = (work.goals.iter())
            .map(|stored| stored.reports.iter().map(|r| &r.report).collect())
            .collect();
        let progresses: Vec<Progress> = (work.goals.iter().zip(&reports))
            .map(|(stored, reports)| Progress::new(stored.agreement(), reports))
            .collect();
        if list_area.width > 0 {
            let focused = focused && self.pane == Pane::List;
            self.draw_list(frame, list_area, &progresses, work, ctx, focused);
        }
        if detail_area.width > 0 {
            let progress = &progresses[place.agreement];
            let lines = self.detail_lines(progress, place, goal, &key, work, ctx, detail_area);
            let title = if wide {
                goal.id.clone()
            } else {
                format!(
                    "{} · {} {}",
                    goal.id,
                    ctx.keymap.describe(Context::Goals, Action::NextPane),
                    Ui::GoalsTitle.text(lang)
                )
            };
            scrolled(
                frame,
                detail_area,
                titled(
                    &title,
                    detail_area.width,
                    focused && self.pane == Pane::Detail,
                    ctx.theme,
                ),
                lines,
                &self.detail,
            );
        }
    }

    /// The goals by field of action: a mark of the achievement, the id, the title, and how
    /// many measures are done; "!" where one is overdue. Only the rows in view are formatted.
    fn draw_list(
        &self,
        frame: &mut Frame,
        area: Rect,
        progresses: &[Progress],
        work: &Work,
        ctx: &Ctx,
        focused: bool,
    ) {
        let lang = ctx.lang;
        let theme = ctx.theme;
        let width = usize::from(area.width.saturating_sub(2));
        // Field headings and goals, in order: (agreement, goal) or the field's id.
        let mut rows: Vec<Result<(usize, &GoalProgress), &str>> = Vec::new();
        let (mut selected_row, mut goals) = (0, 0);
        for (a, progress) in progresses.iter().enumerate() {
            let mut field = None;
            for goal in &progress.goals {
                if field != Some(goal.goal.field.as_str()) {
                    field = Some(goal.goal.field.as_str());
                    rows.push(Err(goal.goal.field.as_str()));
                }
                if goals == self.selected {
                    selected_row = rows.len();
                }
                goals += 1;
                rows.push(Ok((a, goal)));
            }
        }
        let height = usize::from(area.height.saturating_sub(2));
        let offset = window_start(selected_row, rows.len(), height);
        let items: Vec<Line<'static>> = (rows.iter().skip(offset).take(height))
            .map(|row| match row {
                Err(field) => {
                    let label = (work.definition().fields_of_action.iter())
                        .find(|f| f.id == *field)
                        .map_or_else(|| field.to_string(), |f| format!("{} {}", f.id, f.label));
                    Line::from(Span::styled(
                        truncate(&sanitize(&label), width),
                        theme.heading,
                    ))
                }
                Ok((a, goal)) => goal_row(&progresses[*a], goal, work, width, theme),
            })
            .collect();
        let lines = list_window(
            items,
            Some(selected_row - offset),
            height,
            width,
            focused,
            theme,
        );
        let title = match progresses.first().map(|p| p.counts(None)) {
            Some(c) => format!(
                "{} · {}",
                Ui::GoalsTitle.text(lang),
                goal_words::done_of(c.umgesetzt, c.total, c.overdue, lang)
            ),
            None => Ui::GoalsTitle.text(lang).to_string(),
        };
        frame.render_widget(
            Paragraph::new(lines).block(titled(&title, area.width, focused, theme)),
            area,
        );
    }

    #[allow(clippy::too_many_arguments)]
    fn detail_lines(
        &self,
        progress: &Progress,
        place: Place,
        goal: &Goal,
        key: &str,
        work: &Work,
        ctx: &Ctx,
        area: Rect,
    ) -> Vec<Line<'static>> {
        let lang = ctx.lang;
        let theme = ctx.theme;
        let width = usize::from(area.width.saturating_sub(3));
        let mut lines: Vec<Line<'static>> = Vec::new();
        let push_wrapped = |lines: &mut Vec<Line<'static>>, text: &str, style| {
            for line in wrap(&sanitize(text), width) {
                lines.push(Line::from(Span::styled(line, style)));
            }
        };
        push_wrapped(
            &mut lines,
            &format!("{} {}", goal.id, goal.title),
            theme.heading,
        );
        if let Some(field) = work
            .definition()
            .fields_of_action
            .iter()
            .find(|f| f.id == goal.field)
        {
            push_wrapped(
                &mut lines,
                &format!("{} {}", field.id, field.label),
                theme.dim,
            );
        }
        if !goal.description.trim().is_empty() {
            lines.push(Line::default());
            lines.extend(
                paragraphs(&goal.description, width)
                    .into_iter()
                    .map(Line::from),
            );
        }
        let measured = &progress.goals[place.goal];
        if let Some(indicator) = indicator_text(progress, measured, lang) {
            lines.push(Line::default());
            push_wrapped(&mut lines, &indicator, theme.text);
        }
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            Ui::MeasuresHeading.text(lang).to_string(),
            theme.heading,
        )));
        for measure in &measured.measures {
            let m = measure.measure;
            push_wrapped(&mut lines, &format!("{} {}", m.id, m.title), theme.text);
            let deadline = goal_words::deadline(&report::date(&m.deadline, lang), lang);
            push_wrapped(
                &mut lines,
                &format!("  {}, {deadline}", m.responsible),
                theme.dim,
            );
            let mut status = format!("  {}", timeline(progress, measure, lang));
            if measure.overdue {
                status.push_str(&format!(" · ⚠ {}", goal_words::overdue(lang)));
            }
            push_wrapped(
                &mut lines,
                &status,
                if measure.overdue {
                    theme.warn
                } else {
                    theme.text
                },
            );
            if let Some(comment) = measure.comment {
                push_wrapped(&mut lines, &format!("  „{comment}“"), theme.dim);
            }
        }
        // The achievement: rated in the Bilanzierung, offered where it can be written.
        lines.push(Line::default());
        if Self::judged(work, key) {
            let rating = work.assessment.goal_ratings.get(key);
            let achieved = rating
                .and_then(|r| r.achievement)
                .map_or(goal_words::not_rated_yet(lang), |a| {
                    goal_words::achievement(a, lang)
                });
            push_wrapped(
                &mut lines,
                &format!("{}: {achieved}", goal_words::achievement_label(lang)),
                theme.heading,
            );
            match rating.map(|r| r.rationale.trim()).filter(|r| !r.is_empty()) {
                Some(rationale) => {
                    lines.extend(paragraphs(rationale, width).into_iter().map(Line::from));
                }
                None if work.locked().is_none() => push_wrapped(
                    &mut lines,
                    &format!(
                        "{} ({} {})",
                        Ui::NoGoalRationale.text(lang),
                        ctx.keymap.describe(Context::Goals, Action::Edit),
                        Ui::WritesIt.text(lang)
                    ),
                    theme.dim,
                ),
                None => push_wrapped(&mut lines, Ui::NoGoalRationale.text(lang), theme.dim),
            }
        } else {
            push_wrapped(&mut lines, Ui::GoalsNotJudged.text(lang), theme.dim);
        }
        lines
    }
}

/// One goal's row in the list.
fn goal_row(
    progress: &Progress,
    goal: &GoalProgress,
    work: &Work,
    width: usize,
    theme: &crate::tui::theme::Theme,
) -> Line<'static> {
    let key = goal_key(&progress.agreement.id, &goal.goal.id);
    let mark = achievement_mark(work.assessment.goal_ratings.get(&key));
    let done = (goal.measures.iter())
        .filter(|m| m.last == Some(crate::domain::goals::MeasureStatus::Umgesetzt))
        .count();
    let overdue = goal.measures.iter().any(|m| m.overdue);
    let counts = format!(
        " {done}/{}{}",
        goal.measures.len(),
        if overdue { "!" } else { " " }
    );
    let head = format!(" {mark} {} ", goal.goal.id);
    // `column` pads with one space more than it is given.
    let room = width.saturating_sub(head.chars().count() + counts.chars().count() + 1);
    let title = crate::tui::widgets::column(&sanitize(&goal.goal.title), room);
    Line::from(vec![
        Span::raw(head),
        Span::raw(title),
        Span::styled(counts, if overdue { theme.warn } else { theme.dim }),
    ])
}
