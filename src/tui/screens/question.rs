//! The question pane of the review screen: the question with its kind and unit, the county's
//! answer rendered for its kind, comment, evidence, the auditor's note and follow-ups.

use ratatui::text::{Line, Span};

use super::review::Row;
use crate::catalog::tui::{self as words, Ui};
use crate::domain::assessment::FollowUpStatus;
use crate::domain::definition::Question;
use crate::tui::action::{Action, Context};
use crate::tui::component::Ctx;
use crate::tui::widgets::answer::{self, date, one_line, paragraphs, wrap};
use crate::tui::work::Work;

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

/// A heading, wrapped to the pane like any other text.
fn heading(text: &str, width: usize, theme: &crate::tui::theme::Theme) -> Vec<Line<'static>> {
    wrap(text, width)
        .into_iter()
        .map(|line| Line::from(Span::styled(line, theme.heading)))
        .collect()
}

/// The detail pane's lines for an outline row.
pub fn detail_lines(row: Option<Row>, work: &Work, width: usize, ctx: &Ctx) -> Vec<Line<'static>> {
    let theme = ctx.theme;
    let lang = ctx.lang;
    let definition = work.definition();
    let mut lines = Vec::new();
    let question = match row {
        Some(Row::Question(index)) => work.question(index),
        Some(Row::Field(f)) => {
            let field = &definition.fields_of_action[f];
            lines.extend(heading(
                &format!("{} {}", field.id, one_line(&field.label)),
                width,
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
            let topic = &definition.fields_of_action[f].topics[t];
            lines.extend(heading(&one_line(&topic.label), width, theme));
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
    lines.extend(heading(Ui::Answer.text(lang), width, theme));
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
            lines.extend(heading(Ui::CountyComment.text(lang), width, theme));
            lines.extend(paragraphs(comment, width).into_iter().map(Line::from));
        }
        if !answer.evidence.is_empty() {
            lines.push(Line::from(""));
            lines.extend(heading(Ui::Evidence.text(lang), width, theme));
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
    lines.extend(heading(Ui::YourNote.text(lang), width, theme));
    match review.map(|r| r.note.as_str()).filter(|n| !n.is_empty()) {
        Some(note) => lines.extend(paragraphs(note, width).into_iter().map(Line::from)),
        None => lines.push(Line::from(Span::styled(
            format!(
                "{} ({} {})",
                Ui::NoNote.text(lang),
                ctx.keymap.describe(Context::Review, Action::Edit),
                Ui::WritesOne.text(lang)
            ),
            theme.dim,
        ))),
    }
    let follow_ups: Vec<_> = work
        .assessment
        .follow_ups
        .iter()
        .filter(|f| f.question_id == question.id)
        .collect();
    if !follow_ups.is_empty() {
        lines.push(Line::from(""));
        lines.extend(heading(Ui::FollowUps.text(lang), width, theme));
        for follow_up in follow_ups {
            let status = words::follow_up_status(follow_up.status, lang);
            let text = format!("[{status}] {}", follow_up.text);
            lines.extend(paragraphs(&text, width).into_iter().map(Line::from));
        }
    }
    lines
}
