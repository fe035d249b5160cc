//! The question pane of the review screen: the question with its kind and unit, the county's
//! answer rendered for its kind, comment, evidence, the auditor's note and follow-ups.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::review::Row;
use crate::catalog::tui::{self as words, Ui};
use crate::domain::assessment::FollowUpStatus;
use crate::domain::definition::Question;
use crate::tui::action::{Action, Context};
use crate::tui::component::Ctx;
use crate::tui::last_audit::LastAudit;
use crate::tui::widgets::answer::{self, Shortened, date, one_line, paragraphs, text_part, wrap};
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
    // In a Bilanzierung: how the answer stands against the last audit.
    if let Some(last) = &work.last_audit {
        marks.push(last.since(&question.id).mark());
    }
    marks
}

/// A heading, wrapped to the pane like any other text.
fn heading(text: &str, width: usize, theme: &crate::tui::theme::Theme) -> Vec<Line<'static>> {
    wrap(text, width)
        .into_iter()
        .map(|line| Line::from(Span::styled(line, theme.heading)))
        .collect()
}

/// The mark under a text shown in parts: which part, how long the text is, the keys.
fn shortened_mark(shortened: Shortened, width: usize, ctx: &Ctx) -> Vec<Line<'static>> {
    let describe = |action| ctx.keymap.describe(Context::Review, action);
    let text = words::text_shortened(
        shortened.part + 1,
        shortened.parts,
        &crate::catalog::report::grouped(shortened.chars as i64, ctx.lang),
        &describe(Action::NextPart),
        &describe(Action::PreviousPart),
        ctx.lang,
    );
    wrap(&format!("✂ {text}"), width)
        .into_iter()
        .map(|line| Line::from(Span::styled(line, ctx.theme.warn)))
        .collect()
}

/// The detail pane's lines, and the parts its longest text has (1 when nothing is shortened).
struct Detail<'c> {
    lines: Vec<Line<'static>>,
    width: usize,
    part: usize,
    parts: usize,
    ctx: &'c Ctx<'c>,
}

impl Detail<'_> {
    /// A text that may be long: only the part shown is laid out, with a mark before and after
    /// it if it is one, so that the mark is in sight wherever the part is read.
    fn text(&mut self, text: &str, style: Style) {
        let (shown, shortened) = text_part(text, self.part);
        self.mark(shortened);
        let lines = paragraphs(shown, self.width);
        self.lines.extend(
            lines
                .into_iter()
                .map(|l| Line::from(Span::styled(l, style))),
        );
        self.mark(shortened);
    }

    fn mark(&mut self, shortened: Option<Shortened>) {
        if let Some(shortened) = shortened {
            self.parts = self.parts.max(shortened.parts);
            self.lines
                .extend(shortened_mark(shortened, self.width, self.ctx));
        }
    }
}

/// The detail pane's lines for an outline row, with part `part` of each long text, and how
/// many parts the longest has.
pub fn detail_lines(
    row: Option<Row>,
    work: &Work,
    width: usize,
    part: usize,
    ctx: &Ctx,
) -> (Vec<Line<'static>>, usize) {
    let mut detail = Detail {
        lines: Vec::new(),
        width,
        part,
        parts: 1,
        ctx,
    };
    fill(&mut detail, row, work);
    (detail.lines, detail.parts)
}

fn fill(detail: &mut Detail, row: Option<Row>, work: &Work) {
    let ctx = detail.ctx;
    let width = detail.width;
    let theme = ctx.theme;
    let lang = ctx.lang;
    let definition = work.definition();
    let question = match row {
        Some(Row::Question(index)) => work.question(index),
        Some(Row::Field(f)) => {
            let field = &definition.fields_of_action[f];
            let title = format!("{} {}", field.id, one_line(&field.label));
            detail.lines.extend(heading(&title, width, theme));
            detail.text(&field.description, Style::new());
            if let Some(last) = &work.last_audit {
                no_longer_asked(detail, last, &field.id);
            }
            return;
        }
        Some(Row::Topic(f, t)) => {
            let topic = &definition.fields_of_action[f].topics[t];
            detail
                .lines
                .extend(heading(&one_line(&topic.label), width, theme));
            if let Some(description) = &topic.description {
                detail.text(description, Style::new());
            }
            return;
        }
        None => return,
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
    detail.lines.extend(
        wrap(&meta.join(" · "), width)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, theme.dim))),
    );
    detail.text(&question.text, theme.heading);
    if let Some(help) = &question.help {
        detail.text(help, theme.dim);
    }
    detail.lines.push(Line::from(""));
    detail
        .lines
        .extend(heading(Ui::Answer.text(lang), width, theme));
    let answers = &work.assessment.answers;
    match answers.answer(&question.id) {
        None => {
            detail.lines.push(Line::from(Span::styled(
                Ui::NoAnswer.text(lang),
                theme.warn,
            )));
            if let Some(condition) = &question.condition
                && !answers
                    .answer(&condition.question)
                    .is_some_and(|a| condition.any_of.contains(&a.value))
            {
                let not_asked = Span::styled(Ui::NotAsked.text(lang), theme.dim);
                detail.lines.push(Line::from(not_asked));
            }
        }
        Some(answer) => {
            let (lines, shortened) = answer::lines(
                question,
                answer,
                answers,
                width as u16,
                detail.part,
                theme,
                lang,
            );
            detail.mark(shortened);
            detail.lines.extend(lines);
            detail.mark(shortened);
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
                detail.lines.extend(
                    wrap(&facts.join(" · "), width)
                        .into_iter()
                        .map(|l| Line::from(Span::styled(l, theme.dim))),
                );
            }
        }
    }
    if let Some(last) = &work.last_audit {
        last_answer(detail, last, question);
    }
    if let Some(answer) = answers.answers.get(&question.id) {
        if answer.need_for_action {
            detail.lines.push(Line::from(Span::styled(
                format!("! {}", Ui::NeedForAction.text(lang)),
                theme.warn,
            )));
        }
        if let Some(comment) = answer.comment.as_deref().filter(|c| !c.is_empty()) {
            detail.lines.push(Line::from(""));
            let title = heading(Ui::CountyComment.text(lang), width, theme);
            detail.lines.extend(title);
            detail.text(comment, Style::new());
        }
        if !answer.evidence.is_empty() {
            detail.lines.push(Line::from(""));
            let title = heading(Ui::Evidence.text(lang), width, theme);
            detail.lines.extend(title);
            for evidence in &answer.evidence {
                let mut text = format!("▪ {}", one_line(&evidence.title));
                if let Some(d) = &evidence.date {
                    text.push_str(&format!(" ({})", date(&one_line(d), lang)));
                }
                for target in [&evidence.file, &evidence.link].into_iter().flatten() {
                    text.push_str(&format!(" — {}", one_line(target)));
                }
                detail
                    .lines
                    .extend(wrap(&text, width).into_iter().map(Line::from));
            }
        }
    }
    if review.is_some_and(|r| r.changed_since_import) {
        detail.lines.push(Line::from(Span::styled(
            format!("Δ {}", Ui::ChangedSinceImport.text(lang)),
            theme.warn,
        )));
    }
    detail.lines.push(Line::from(""));
    let title = heading(Ui::YourNote.text(lang), width, theme);
    detail.lines.extend(title);
    match review.filter(|r| !r.note.is_empty()) {
        Some(review) => {
            detail.text(&review.note, Style::new());
            // Whether the county reads it, and the key that changes that.
            let (state, change, style) = match review.internal {
                true => (Ui::NoteInternal, Ui::MarksForCounty, theme.warn),
                false => (Ui::NoteForCounty, Ui::MarksInternal, theme.dim),
            };
            detail.lines.push(Line::from(Span::styled(
                format!(
                    "{} ({} {})",
                    state.text(lang),
                    ctx.keymap.describe(Context::Review, Action::ToggleInternal),
                    change.text(lang)
                ),
                style,
            )));
        }
        None => detail.lines.push(Line::from(Span::styled(
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
        detail.lines.push(Line::from(""));
        let title = heading(Ui::FollowUps.text(lang), width, theme);
        detail.lines.extend(title);
        for follow_up in follow_ups {
            let status = words::follow_up_status(follow_up.status, lang);
            detail.text(&format!("[{status}] {}", follow_up.text), Style::new());
        }
    }
}

/// The answer of the last audit under today's, with how it stands against it.
fn last_answer(detail: &mut Detail, last: &LastAudit, question: &Question) {
    let ctx = detail.ctx;
    let (theme, lang, width) = (ctx.theme, ctx.lang, detail.width);
    let then = &last.assessment;
    detail.lines.push(Line::from(""));
    let title = words::last_answer_heading(last.year(), lang);
    detail.lines.extend(heading(&title, width, theme));
    let before = last
        .map
        .predecessor(&question.id)
        .and_then(|id| last.question(id));
    match before {
        None => {}
        Some(old) => {
            if old.id != question.id {
                let renamed = words::asked_as(&old.id, lang);
                detail
                    .lines
                    .push(Line::from(Span::styled(renamed, theme.dim)));
            }
            match then.answers.answer(&old.id) {
                None => {
                    let none = Span::styled(Ui::NoAnswer.text(lang), theme.dim);
                    detail.lines.push(Line::from(none));
                }
                Some(answer) => {
                    let answers = &then.answers;
                    let (lines, shortened) =
                        answer::lines(old, answer, answers, width as u16, detail.part, theme, lang);
                    detail.mark(shortened);
                    detail.lines.extend(lines);
                    detail.mark(shortened);
                }
            }
        }
    }
    let since = last.since(&question.id);
    let status = format!(
        "{} {}",
        since.mark(),
        words::since(since, last.year(), lang)
    );
    let style = if since.differs() {
        theme.warn
    } else {
        theme.dim
    };
    detail.lines.extend(
        wrap(status.trim_start(), width)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, style))),
    );
}

/// The questions of a field that the last audit asked and today's questionnaire does not.
fn no_longer_asked(detail: &mut Detail, last: &LastAudit, field: &str) {
    let gone = last.gone(field);
    if gone.is_empty() {
        return;
    }
    let ctx = detail.ctx;
    detail.lines.push(Line::from(""));
    let title = words::no_longer_asked(last.year(), ctx.lang);
    detail
        .lines
        .extend(heading(&title, detail.width, ctx.theme));
    for id in gone {
        let text = (last.question(id))
            .map(|q| format!("{id} {}", one_line(&q.text)))
            .unwrap_or_else(|| id.clone());
        detail
            .lines
            .extend(wrap(&text, detail.width).into_iter().map(Line::from));
    }
}
