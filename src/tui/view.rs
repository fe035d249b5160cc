//! Drawing: a pure function of the app's state.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use strum::IntoEnumIterator;
use unicode_width::UnicodeWidthStr;

use super::action::{Action, Context};
use super::app::{App, Popup, PromptKind, Screen, StatusKind};
use super::screens;
use super::theme::Theme;
use crate::catalog::tui::{self as words, Ui};
use crate::domain::assessment::Status;
use crate::text::sanitize;

/// Below this the layout cannot show a question beside the outline.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = words::too_small(area.width, area.height, MIN_WIDTH, MIN_HEIGHT, app.lang);
        let y = area.height / 2;
        let line = Rect::new(area.x, area.y + y, area.width, 1.min(area.height));
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
    render_title(app, frame, title);
    match app.screen {
        Screen::Start => screens::start::render(app, frame, body),
        Screen::Review => screens::review::render(app, frame, body),
        Screen::Scoring => screens::scoring::render(app, frame, body),
        Screen::Overview => screens::overview::render(app, frame, body),
    }
    render_status(app, frame, status);
    render_footer(app, frame, footer);
    render_popup(app, frame, body);
}

fn render_title(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let lang = app.lang;
    let (left, right) = match &app.work {
        Some(work) if app.screen != Screen::Start => {
            let a = &work.assessment;
            let mut left = format!(
                " {} · {}",
                sanitize(&a.answers.county.name),
                a.definition.key()
            );
            if a.status == Status::Finalized {
                left.push_str(&format!(" · {}", Ui::Finalized.text(lang)));
            } else if work.session.read_only {
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
    frame.render_widget(Paragraph::new(line).style(theme.title), area);
}

fn render_status(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    if let Some(prompt) = &app.prompt {
        let label = match prompt.kind {
            PromptKind::ImportPath => Ui::ImportPrompt,
            PromptKind::Search => Ui::SearchPrompt,
            PromptKind::ExportPath(..) => Ui::ExportPrompt,
        };
        let label = format!("{} ", label.text(app.lang));
        let input = sanitize(&prompt.input).into_owned();
        // Keep the end of a long input visible, where the cursor is.
        let room = usize::from(area.width).saturating_sub(label.width() + 1);
        let shown = tail(&input, room);
        let cursor_x = area.x + (label.width() + shown.width()) as u16;
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(label, theme.heading),
                Span::raw(shown),
            ])),
            area,
        );
        frame.set_cursor_position((cursor_x.min(area.right().saturating_sub(1)), area.y));
        return;
    }
    if let Some(status) = &app.status {
        let style = match status.kind {
            StatusKind::Info => theme.info,
            StatusKind::Error => theme.error,
        };
        let text = truncate(
            &format!(" {}", sanitize(&status.text)),
            usize::from(area.width),
        );
        frame.render_widget(Paragraph::new(text).style(style), area);
    }
}

/// The 4–6 keys of the current context.
fn footer_actions(app: &App) -> Vec<Action> {
    use Action::*;
    match app.context() {
        Context::Start if app.list.is_empty() => vec![ImportSample, Import, Help, Back],
        Context::Start => vec![Open, Import, ImportSample, Help, Back],
        Context::Review => vec![ToggleReviewed, Edit, AddFollowUp, Scoring, Search, Help],
        Context::Scoring => vec![Level0, NotApplicable, NotAssessable, Edit, Answers, Help],
        Context::Overview => vec![Open, Edit, Explain, Export, Finalize, Help],
        Context::Editor => vec![Save, Cancel],
        Context::Prompt => match app.prompt.as_ref().map(|p| p.kind) {
            Some(PromptKind::ImportPath | PromptKind::ExportPath(..)) => {
                vec![Open, Complete, Cancel]
            }
            _ => vec![Open, Cancel],
        },
        Context::Popup if matches!(app.popup, Some(Popup::ExportFormat { .. })) => {
            vec![Open, Cancel]
        }
        Context::Popup => vec![Down, Cancel],
        Context::FollowUps => vec![CycleStatus, Edit, AddFollowUp, Cancel],
        Context::Dialog => match &app.popup {
            Some(Popup::Lease { .. }) => vec![ReadOnly, TakeOver, Cancel],
            _ => vec![Yes, No],
        },
        Context::Global => vec![Help],
    }
}

fn footer_item(app: &App, context: Context, action: Action) -> (String, String) {
    let lang = app.lang;
    if action == Action::Level0 {
        // One item for all level keys: "0–4 Stufe".
        let levels = app.work.as_ref().map(|w| &w.definition().scale.levels);
        let range = levels
            .and_then(|l| Some(format!("{}–{}", l.first()?.value, l.last()?.value)))
            .unwrap_or_default();
        return (
            range,
            crate::catalog::tui::Ui::Levels.text(lang).to_string(),
        );
    }
    let key = app
        .keymap
        .keys(context, action)
        .first()
        .map(|k| k.display())
        .unwrap_or_default();
    // Going back from the start screen ends siegel.
    let shown = if context == Context::Start && action == Action::Back {
        Action::Quit
    } else {
        action
    };
    let label = match words::action_label(shown, lang) {
        "" => words::action_help(shown, lang),
        label => label,
    };
    (key, label.to_string())
}

fn render_footer(app: &App, frame: &mut Frame, area: Rect) {
    let context = app.context();
    let theme = &app.theme;
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for action in footer_actions(app) {
        let (key, label) = footer_item(app, context, action);
        if key.is_empty() {
            continue;
        }
        let width = key.width() + label.width() + 3;
        if used + width > usize::from(area.width) {
            break;
        }
        used += width;
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::styled(format!(" {label}   "), theme.key_label));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A rectangle of the given size, centred in `area` and kept inside it.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

pub fn block<'a>(title: &str, focused: bool, theme: &Theme) -> Block<'a> {
    Block::new()
        .borders(Borders::ALL)
        .border_style(if focused {
            theme.border_focused
        } else {
            theme.border
        })
        .title(Span::styled(
            format!(" {title} "),
            if focused { theme.heading } else { Style::new() },
        ))
}

fn render_popup(app: &App, frame: &mut Frame, body: Rect) {
    let Some(popup) = &app.popup else { return };
    let theme = &app.theme;
    let lang = app.lang;
    match popup {
        Popup::Help { scroll } => {
            let area = centered(body, body.width.saturating_sub(4).min(90), body.height);
            let lines = help_lines(app, usize::from(area.width.saturating_sub(2)));
            scrolled(frame, area, Ui::Help.text(lang), lines, *scroll, theme);
        }
        Popup::Lines {
            title,
            lines,
            scroll,
        } => {
            let width = body.width.saturating_sub(4).min(100);
            let lines: Vec<Line<'static>> = lines
                .iter()
                .flat_map(|l| super::answer::paragraphs(l, usize::from(width.saturating_sub(2))))
                .map(Line::from)
                .collect();
            let area = centered(body, width, (lines.len() as u16).saturating_add(2));
            scrolled(frame, area, title, lines, *scroll, theme);
        }
        Popup::Editor(editor) => {
            let area = centered(
                body,
                body.width.saturating_sub(6).min(90),
                body.height.saturating_sub(2).min(16),
            );
            frame.render_widget(Clear, area);
            let hint = [Action::Save, Action::Cancel]
                .map(|a| {
                    format!(
                        "{} {}",
                        app.keymap.describe(Context::Editor, a),
                        words::action_label(a, lang)
                    )
                })
                .join(" · ");
            let title = format!("{} · {hint}", sanitize(&editor.title));
            let mut textarea = editor.textarea.clone();
            textarea.set_block(block(&title, true, theme));
            textarea.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
            textarea.set_cursor_line_style(Style::new());
            textarea.set_cursor_style(theme.selected);
            frame.render_widget(&textarea, area);
            if editor.confirming_discard {
                dialog(
                    frame,
                    body,
                    &[Ui::DiscardQuestion.text(lang).to_string()],
                    theme,
                );
            }
        }
        Popup::FollowUps { question, selected } => {
            screens::review::render_follow_ups(app, frame, body, question, *selected)
        }
        Popup::Lease { holder, .. } => {
            let text = words::lease_held(
                &sanitize(&holder.auditor),
                &sanitize(&holder.host),
                &holder.since,
                lang,
            );
            dialog(
                frame,
                body,
                &[
                    Ui::LeaseTitle.text(lang).to_string(),
                    String::new(),
                    text,
                    String::new(),
                    Ui::LeaseChoice.text(lang).to_string(),
                ],
                theme,
            );
        }
        Popup::ConfirmDelete { .. } => dialog(
            frame,
            body,
            &[Ui::DeleteQuestion.text(lang).to_string()],
            theme,
        ),
        Popup::ConfirmFinalize { allow_open: false } => dialog(
            frame,
            body,
            &[Ui::FinalizeQuestion.text(lang).to_string()],
            theme,
        ),
        Popup::ConfirmFinalize { allow_open: true } => {
            let open = app
                .work
                .as_ref()
                .map_or(0, |w| w.completeness.open_follow_ups);
            dialog(frame, body, &[words::finalize_with_open(open, lang)], theme)
        }
        Popup::ConfirmReopen => dialog(
            frame,
            body,
            &[Ui::ReopenQuestion.text(lang).to_string()],
            theme,
        ),
        Popup::ExportFormat { selected } => {
            let items: Vec<Line<'static>> = super::app::EXPORTS
                .iter()
                .map(|(_, _, label)| Line::from(format!(" {}", label.text(lang))))
                .collect();
            let width = items.iter().map(Line::width).max().unwrap_or(20) as u16 + 4;
            let area = centered(body, width.max(30), items.len() as u16 + 2);
            frame.render_widget(Clear, area);
            let outer = block(Ui::ExportTitle.text(lang), true, theme);
            let inner = outer.inner(area);
            frame.render_widget(outer, area);
            let lines = list_window(
                items,
                Some(*selected),
                usize::from(inner.height),
                usize::from(inner.width),
                true,
                theme,
            );
            frame.render_widget(Paragraph::new(lines), inner);
        }
    }
}

/// A small box with a question in it.
fn dialog(frame: &mut Frame, body: Rect, lines: &[String], theme: &Theme) {
    let width = lines
        .iter()
        .map(|l| l.width())
        .max()
        .unwrap_or(20)
        .clamp(30, usize::from(body.width.saturating_sub(4))) as u16
        + 4;
    let wrapped: Vec<Line> = lines
        .iter()
        .flat_map(|l| super::answer::wrap(l, usize::from(width - 4)))
        .map(Line::from)
        .collect();
    let area = centered(body, width, wrapped.len() as u16 + 2);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(wrapped)
            .block(Block::bordered().border_style(theme.border_focused))
            .style(theme.text),
        area,
    );
}

fn scrolled(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    lines: Vec<Line<'static>>,
    scroll: u16,
    theme: &Theme,
) {
    frame.render_widget(Clear, area);
    let inner_height = area.height.saturating_sub(2);
    let max_scroll = (lines.len() as u16).saturating_sub(inner_height);
    let scroll = scroll.min(max_scroll);
    let mut title = title.to_string();
    if max_scroll > 0 {
        title.push_str(&format!(" · {}/{}", scroll + 1, max_scroll + 1));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .block(block(&title, true, theme))
            .scroll((scroll, 0)),
        area,
    );
}

/// The help: every action with its keys and help line, by context.
fn help_lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let lang = app.lang;
    let mut lines = Vec::new();
    for context in Context::iter() {
        let actions = app.keymap.bindings(context);
        if actions.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::from(""));
        }
        lines.push(Line::from(Span::styled(
            words::context_name(context, lang).to_string(),
            theme.heading,
        )));
        let mut levels = Vec::new();
        for action in actions {
            if action.level().is_some() {
                levels.push(app.keymap.describe(context, action));
                continue;
            }
            let keys = app.keymap.describe(context, action);
            let help = words::action_help(action, lang);
            let key_width = 14;
            let wrapped = super::answer::wrap(help, width.saturating_sub(key_width + 1));
            for (i, part) in wrapped.into_iter().enumerate() {
                let key = if i == 0 { keys.clone() } else { String::new() };
                lines.push(Line::from(vec![
                    Span::styled(format!("  {:<w$}", key, w = key_width - 2), theme.key),
                    Span::raw(part),
                ]));
            }
        }
        if !levels.is_empty() {
            let text = Ui::LevelKeys.text(lang);
            lines.push(Line::from(vec![
                Span::styled(
                    format!(
                        "  {:<12}",
                        format!("{}–{}", levels[0], levels[levels.len() - 1])
                    ),
                    theme.key,
                ),
                Span::raw(text),
            ]));
        }
    }
    lines
}

/// Cuts text to `width` columns, marking the cut with "…".
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::with_capacity(width + 3);
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// The last `width` columns of text.
fn tail(text: &str, width: usize) -> String {
    let mut used = 0;
    let mut start = text.len();
    for (index, c) in text.char_indices().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        start = index;
    }
    text[start..].to_string()
}

/// The first visible item of a list of `len` items, `height` shown, keeping `selected` in view.
pub fn window_start(selected: usize, len: usize, height: usize) -> usize {
    selected
        .saturating_sub(height / 2)
        .min(len.saturating_sub(height))
}

/// Lines of a list with the selection highlighted (across the whole width) and kept in view.
pub fn list_window(
    items: Vec<Line<'static>>,
    selected: Option<usize>,
    height: usize,
    width: usize,
    focused: bool,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let offset = selected.map_or(0, |s| window_start(s, items.len(), height));
    items
        .into_iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, mut line)| {
            if Some(i) == selected {
                let fill = width.saturating_sub(line.width());
                line.spans.push(Span::raw(" ".repeat(fill)));
                line.patch_style(if focused {
                    theme.selected
                } else {
                    theme.selected_unfocused
                })
            } else {
                line
            }
        })
        .collect()
}

/// A paragraph that wraps, for free text.
pub fn wrapped(lines: Vec<Line<'static>>) -> Paragraph<'static> {
    Paragraph::new(lines).wrap(Wrap { trim: false })
}
