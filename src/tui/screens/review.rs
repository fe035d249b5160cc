//! Walking through the county's answers: the outline of fields, topics and questions beside
//! the selected question with its answer, the auditor's note and the follow-up questions.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::catalog::tui::{self as words, Ui};
use crate::domain::assessment::FollowUpStatus;
use crate::domain::definition::Question;
use crate::tui::answer::{self, date, one_line, paragraphs, wrap};
use crate::tui::app::{App, Pane, Row, Work};
use crate::tui::view::{block, centered, list_window, truncate, window_start};

/// The status marks of a question; each is a symbol, so none depends on colour.
pub fn marks(work: &Work, question: &Question) -> String {
    let review = work.assessment.review(&question.id);
    let answer = work.assessment.answers.answer(&question.id);
    let mut marks = String::new();
    marks.push(if review.is_some_and(|r| r.reviewed) {
        '✓'
    } else {
        '·'
    });
    marks.push(if review.is_some_and(|r| !r.note.is_empty()) {
        '✎'
    } else {
        ' '
    });
    let follow_ups = work
        .assessment
        .follow_ups
        .iter()
        .filter(|f| f.question_id == question.id);
    let mut any = false;
    let mut open = false;
    for follow_up in follow_ups {
        any = true;
        open |= follow_up.status == FollowUpStatus::Open;
    }
    marks.push(match (any, open) {
        (_, true) => '?',
        (true, false) => '¿',
        _ => ' ',
    });
    marks.push(if answer.is_some_and(|a| a.need_for_action) {
        '!'
    } else {
        ' '
    });
    marks.push(if review.is_some_and(|r| r.changed_since_import) {
        'Δ'
    } else if answer.is_none() {
        '∅'
    } else {
        ' '
    });
    marks
}

fn short_id<'a>(question_id: &'a str, topic_id: &str) -> &'a str {
    question_id
        .strip_prefix(topic_id)
        .and_then(|rest| rest.strip_prefix('.'))
        .unwrap_or(question_id)
}

/// The outline rows from `first` on, at most `count` of them: only what is visible is built.
fn outline_lines(
    app: &App,
    work: &Work,
    width: usize,
    first: usize,
    count: usize,
) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let definition = work.definition();
    work.rows
        .iter()
        .skip(first)
        .take(count)
        .map(|row| match *row {
            Row::Field(f) => {
                let field = &definition.fields_of_action[f];
                let fold = if work.collapsed.contains(row) {
                    '▸'
                } else {
                    '▾'
                };
                let total: usize = field.topics.iter().map(|t| t.questions.len()).sum();
                let reviewed = field
                    .topics
                    .iter()
                    .flat_map(|t| &t.questions)
                    .filter(|q| work.assessment.review(&q.id).is_some_and(|r| r.reviewed))
                    .count();
                let count = format!(" {reviewed}/{total}");
                let label = truncate(
                    &format!("{fold} {} {}", field.id, one_line(&field.label)),
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
                let fold = if work.collapsed.contains(row) {
                    '▸'
                } else {
                    '▾'
                };
                Line::from(truncate(
                    &format!(" {fold} {}", one_line(&topic.label)),
                    width,
                ))
            }
            Row::Question(f, t, q) => {
                let topic = &definition.fields_of_action[f].topics[t];
                let question = &topic.questions[q];
                let marks = marks(work, question);
                let text = truncate(
                    &format!(
                        "{} {}",
                        short_id(&question.id, &topic.id),
                        one_line(&question.text)
                    ),
                    width.saturating_sub(9),
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

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let Some(work) = &app.work else { return };
    let theme = &app.theme;
    let lang = app.lang;
    let left_width = (area.width * 2 / 5).clamp(28, 60);
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_width), Constraint::Fill(1)]).areas(area);

    let focused = work.review_pane == Pane::Left && app.popup.is_none();
    let outer = block(Ui::Outline.text(lang), focused, theme);
    let inner = outer.inner(left);
    frame.render_widget(outer, left);
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    let first = window_start(work.selected_row, work.rows.len(), height);
    let lines = list_window(
        outline_lines(app, work, width, first, height),
        Some(work.selected_row - first),
        height,
        width,
        focused,
        theme,
    );
    frame.render_widget(Paragraph::new(lines), inner);

    let focused = work.review_pane == Pane::Right && app.popup.is_none();
    let outer = block(Ui::Question.text(lang), focused, theme);
    let inner = outer.inner(right);
    frame.render_widget(outer, right);
    let lines = detail_lines(app, work, usize::from(inner.width));
    let scroll = work
        .detail_scroll
        .min((lines.len() as u16).saturating_sub(inner.height));
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}

fn heading(text: &str, theme: &crate::tui::theme::Theme) -> Line<'static> {
    Line::from(Span::styled(text.to_string(), theme.heading))
}

fn detail_lines(app: &App, work: &Work, width: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let lang = app.lang;
    let definition = work.definition();
    let mut lines = Vec::new();
    let question = match work.rows.get(work.selected_row) {
        Some(Row::Question(f, t, q)) => &definition.fields_of_action[*f].topics[*t].questions[*q],
        Some(Row::Field(f)) => {
            let field = &definition.fields_of_action[*f];
            lines.push(heading(
                &format!("{} {}", field.id, one_line(&field.label)),
                theme,
            ));
            lines.extend(
                paragraphs(&field.description, width)
                    .into_iter()
                    .map(Line::from),
            );
            return lines;
        }
        Some(Row::Topic(f, t)) => {
            let topic = &definition.fields_of_action[*f].topics[*t];
            lines.push(heading(&one_line(&topic.label), theme));
            if let Some(description) = &topic.description {
                lines.extend(paragraphs(description, width).into_iter().map(Line::from));
            }
            return lines;
        }
        None => return lines,
    };
    let review = work.assessment.review(&question.id);
    let mut meta = vec![
        question.id.clone(),
        words::kind_label(question.kind, lang).to_string(),
    ];
    if let Some(unit) = &question.unit {
        meta.push(format!("{}: {}", Ui::Unit.text(lang), one_line(unit)));
    }
    if question.required {
        meta.push(Ui::Required.text(lang).into());
    }
    meta.push(if review.is_some_and(|r| r.reviewed) {
        format!("✓ {}", Ui::Reviewed.text(lang))
    } else {
        format!("○ {}", Ui::NotReviewed.text(lang))
    });
    lines.extend(
        wrap(&meta.join(" · "), width)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, theme.dim))),
    );
    for line in paragraphs(&question.text, width) {
        lines.push(Line::from(Span::styled(line, theme.heading)));
    }
    if let Some(help) = &question.help {
        lines.extend(
            paragraphs(help, width)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, theme.dim))),
        );
    }
    lines.push(Line::from(""));
    lines.push(heading(Ui::Answer.text(lang), theme));
    let answers = &work.assessment.answers;
    match answers.answer(&question.id) {
        None => {
            lines.push(Line::from(Span::styled(
                Ui::NoAnswer.text(lang),
                theme.warn,
            )));
            if let Some(condition) = &question.condition
                && !answers
                    .answer(&condition.question)
                    .is_some_and(|a| condition.any_of.contains(&a.value))
            {
                lines.push(Line::from(Span::styled(Ui::NotAsked.text(lang), theme.dim)));
            }
        }
        Some(answer) => {
            lines.extend(answer::lines(
                question,
                answer,
                answers,
                width as u16,
                theme,
                lang,
            ));
            let mut facts = Vec::new();
            if let Some(as_of) = &answer.as_of {
                facts.push(format!(
                    "{} {}",
                    Ui::AsOf.text(lang),
                    date(&one_line(as_of), lang)
                ));
            }
            if let Some(source) = &answer.source {
                facts.push(format!("{}: {}", Ui::Source.text(lang), one_line(source)));
            }
            if !facts.is_empty() {
                lines.extend(
                    wrap(&facts.join(" · "), width)
                        .into_iter()
                        .map(|l| Line::from(Span::styled(l, theme.dim))),
                );
            }
        }
    }
    if let Some(answer) = answers.answers.get(&question.id) {
        if answer.need_for_action {
            lines.push(Line::from(Span::styled(
                format!("! {}", Ui::NeedForAction.text(lang)),
                theme.warn,
            )));
        }
        if let Some(comment) = answer.comment.as_deref().filter(|c| !c.is_empty()) {
            lines.push(Line::from(""));
            lines.push(heading(Ui::CountyComment.text(lang), theme));
            lines.extend(paragraphs(comment, width).into_iter().map(Line::from));
        }
        if !answer.evidence.is_empty() {
            lines.push(Line::from(""));
            lines.push(heading(Ui::Evidence.text(lang), theme));
            for evidence in &answer.evidence {
                let mut text = format!("▪ {}", one_line(&evidence.title));
                if let Some(d) = &evidence.date {
                    text.push_str(&format!(" ({})", date(&one_line(d), lang)));
                }
                for target in [&evidence.file, &evidence.link].into_iter().flatten() {
                    text.push_str(&format!(" — {}", one_line(target)));
                }
                lines.extend(wrap(&text, width).into_iter().map(Line::from));
            }
        }
    }
    if review.is_some_and(|r| r.changed_since_import) {
        lines.push(Line::from(Span::styled(
            format!("Δ {}", Ui::ChangedSinceImport.text(lang)),
            theme.warn,
        )));
    }
    lines.push(Line::from(""));
    lines.push(heading(Ui::YourNote.text(lang), theme));
    match review.map(|r| r.note.as_str()).filter(|n| !n.is_empty()) {
        Some(note) => lines.extend(paragraphs(note, width).into_iter().map(Line::from)),
        None => lines.push(Line::from(Span::styled(Ui::NoNote.text(lang), theme.dim))),
    }
    let follow_ups: Vec<_> = work
        .assessment
        .follow_ups
        .iter()
        .filter(|f| f.question_id == question.id)
        .collect();
    if !follow_ups.is_empty() {
        lines.push(Line::from(""));
        lines.push(heading(Ui::FollowUps.text(lang), theme));
        for follow_up in follow_ups {
            let status = words::follow_up_status(follow_up.status, lang);
            let text = format!("[{status}] {}", follow_up.text);
            lines.extend(paragraphs(&text, width).into_iter().map(Line::from));
        }
    }
    lines
}

/// The popup listing a question's follow-up questions.
pub fn render_follow_ups(
    app: &App,
    frame: &mut Frame,
    body: Rect,
    question: &str,
    selected: usize,
) {
    let Some(work) = &app.work else { return };
    let theme = &app.theme;
    let lang = app.lang;
    let area = centered(
        body,
        body.width.saturating_sub(8).min(80),
        body.height.saturating_sub(4).min(14),
    );
    frame.render_widget(Clear, area);
    let outer = block(
        &format!("{} {question}", Ui::FollowUpsOf.text(lang)),
        true,
        theme,
    );
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let width = usize::from(inner.width);
    let items: Vec<Line<'static>> = work
        .assessment
        .follow_ups
        .iter()
        .filter(|f| f.question_id == question)
        .map(|f| {
            let status = words::follow_up_status(f.status, lang);
            Line::from(truncate(
                &format!("[{status}] {}", one_line(&f.text)),
                width,
            ))
        })
        .collect();
    if items.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(Ui::NoFollowUps.text(lang), theme.dim)),
            inner,
        );
        return;
    }
    let lines = list_window(
        items,
        Some(selected),
        usize::from(inner.height),
        width,
        true,
        theme,
    );
    frame.render_widget(Paragraph::new(lines), inner);
}
