//! Drawing the whole frame from the app: the title bar, the screen, the status line, the
//! footer built from the commands of whatever has the keys, and the popup on top.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::action::Action;
use super::app::{App, StatusKind};
use super::component::{Command, Screen};
use crate::catalog::tui::{self as words, Ui};
use crate::domain::assessment::Status;
use crate::text::sanitize;
use crate::tui::widgets::{fit_words, truncate};

/// Below this the layout cannot show a question beside the outline.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = words::too_small(area.width, area.height, MIN_WIDTH, MIN_HEIGHT, app.lang);
        let line = Rect::new(
            area.x,
            area.y + area.height / 2,
            area.width,
            1.min(area.height),
        );
        frame.render_widget(Paragraph::new(text).style(app.theme.warn).centered(), line);
        return;
    }
    let [title, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let ctx = app.ctx();
    render_title(app, frame, title);
    let focused = app.popups.is_empty();
    match (&app.work, app.screen) {
        (Some(work), Screen::Review) => app.review.draw(frame, body, work, &ctx, focused),
        (Some(work), Screen::Scoring) => app.scoring.draw(frame, body, work, &ctx, focused),
        (Some(work), Screen::Overview) => app.overview.draw(frame, body, work, &ctx, focused),
        (Some(work), Screen::Goals) => app.goals.draw(frame, body, work, &ctx, focused),
        (Some(work), Screen::Consensus) => app.consensus.draw(frame, body, work, &ctx, focused),
        _ => app.start.draw(frame, body, &ctx, focused),
    }
    // A prompt takes the status line; a message then shows where the footer was.
    if matches!(app.popup(), Some(super::popups::Popup::Prompt(_))) && app.status.is_some() {
        render_status(app, frame, footer);
    } else {
        render_status(app, frame, status);
        render_footer(app, frame, footer);
    }
    for popup in &app.popups {
        popup.draw(frame, body, status, app.work.as_ref(), &ctx);
    }
}

fn render_title(app: &App, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let (left, right) = match &app.work {
        Some(work) if app.screen != Screen::Start => {
            let a = &work.assessment;
            let mut left = format!(
                " {} · {}",
                sanitize(&a.answers.county.name),
                a.definition.key()
            );
            if let Some(first) = work.second_of {
                left.push_str(&format!(
                    " · {}",
                    crate::catalog::second::second_of(first, lang)
                ));
            }
            if a.status == Status::Finalized {
                left.push_str(&format!(" · {}", Ui::Finalized.text(lang)));
            } else if work.read_only || work.lease_lost {
                left.push_str(&format!(" · {}", Ui::ReadOnly.text(lang)));
            }
            let c = &work.completeness;
            let right = format!(
                "{} {}/{} · {} {}/{} ",
                Ui::ColumnReviewed.text(lang),
                c.reviewed,
                c.questions,
                Ui::ColumnRated.text(lang),
                c.rated,
                c.cells
            );
            (left, right)
        }
        _ => (
            format!(" {}", Ui::AppTitle.text(lang)),
            format!("{} ", Ui::Assessments.text(lang)),
        ),
    };
    let width = usize::from(area.width);
    let right = if left.width() + right.width() < width {
        right
    } else {
        String::new()
    };
    let left = truncate(&left, width.saturating_sub(right.width()));
    let fill = width.saturating_sub(left.width() + right.width());
    let line = Line::from(vec![
        Span::raw(left),
        Span::raw(" ".repeat(fill)),
        Span::raw(right),
    ]);
    frame.render_widget(Paragraph::new(line).style(app.theme.title), area);
}

/// The message of the last key, cut before a word that does not fit.
fn render_status(app: &App, frame: &mut Frame, area: Rect) {
    let Some(status) = &app.status else { return };
    let style = match status.kind {
        StatusKind::Info => app.theme.info,
        StatusKind::Error => app.theme.error,
    };
    let text = fit_words(
        &sanitize(&status.text),
        usize::from(area.width).saturating_sub(1),
    );
    frame.render_widget(Paragraph::new(format!(" {text}")).style(style), area);
}

/// The commands of the popup or screen that has the keys.
fn commands(app: &App) -> Vec<Command> {
    if let Some(popup) = app.popup() {
        return popup.commands();
    }
    match (&app.work, app.screen) {
        (Some(_), Screen::Review) => app.review.commands(),
        (Some(_), Screen::Scoring) => app.scoring.commands(),
        (Some(work), Screen::Overview) => app.overview.commands(work),
        (Some(work), Screen::Goals) => app.goals.commands(work),
        (Some(_), Screen::Consensus) => app.consensus.commands(),
        _ => app.start.commands(),
    }
}

/// "0–4 Stufen": one entry for every level key of the loaded scale.
fn level_keys(app: &App) -> String {
    let context = app.context();
    let Some(levels) = app.work.as_ref().map(|w| &w.definition().scale.levels) else {
        return String::new();
    };
    let key = |level: Option<&crate::domain::definition::Level>| {
        level
            .and_then(|l| Action::level_action(l.value))
            .and_then(|a| app.keymap.keys(context, a).first().map(|k| k.display()))
            .unwrap_or_default()
    };
    format!("{}–{}", key(levels.first()), key(levels.last()))
}

fn render_footer(app: &App, frame: &mut Frame, area: Rect) {
    let context = app.context();
    let theme = &app.theme;
    let lang = app.lang;
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    let mut list = commands(app);
    // Help is always there: the other commands give way to it.
    let help = list
        .iter()
        .position(|c| c.action == Action::Help)
        .map(|at| list.remove(at));
    let reserved = help.map_or(0, |_| {
        app.keymap
            .keys(context, Action::Help)
            .first()
            .map_or(0, |k| k.display().width())
            + words::action_label(Action::Help.name(), lang).width()
            + 4
    });
    let mut cut = false;
    for command in list.into_iter().chain(help) {
        if cut && command.action != Action::Help {
            continue;
        }
        let key = if command.action.level().is_some() {
            level_keys(app)
        } else {
            app.keymap
                .keys(context, command.action)
                .first()
                .map(|k| k.display())
                .unwrap_or_default()
        };
        let label = match command.label {
            Some(label) => label.text(lang),
            None => match words::action_label(command.action.name(), lang) {
                "" => super::popups::help::help_text(command.action, lang),
                label => label,
            },
        };
        if key.is_empty() {
            continue;
        }
        let width = key.width() + label.width() + 4;
        let room = if command.action == Action::Help {
            usize::from(area.width)
        } else {
            usize::from(area.width).saturating_sub(reserved)
        };
        if used + width > room {
            cut = true;
            continue;
        }
        used += width;
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::styled(format!(" {label}   "), theme.key_label));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
