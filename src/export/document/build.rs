//! Builds the report model from a report: the head, the overview with the matrix, the
//! overall assessment, the sections of a Bilanzierung, goals and Zweitprüfung, one section per
//! field of action, the closing block and the appendix.

use super::{
    Answer, Badge, Block, Cell, Column, Document, Entry, Grid, Group, Head, Item, Level, Matrix,
    MatrixCell, MatrixRow, Row, Score, Section, Style, Table, Total, TotalRow,
};
use crate::catalog::Lang;
use crate::catalog::report::{self, Text};
use crate::domain::assessment::{FindingKind, Rating, Status};
use crate::domain::definition::{BandColor, FieldOfAction, Question, abbreviation};
use crate::domain::scoring::Outcome;
use crate::export::Report;

/// The report model. `figures`: whether to draw the charts (a text format has no use for them).
pub fn build(report: &Report, figures: bool) -> Document {
    let a = report.assessment;
    let draft = a.status == Status::InProgress;
    let date = crate::clock::local(&a.updated_at).and_then(|(day, ..)| {
        let mut parts = day.split('-').map(str::parse::<i32>);
        Some([
            parts.next()?.ok()?,
            parts.next()?.ok()?,
            parts.next()?.ok()?,
        ])
    });
    let remark = (a.definition.remark.as_ref())
        .map(|remark| format!("{}: {remark}", report.text(Text::QuestionnaireRemark)));
    let mut sections = vec![overview(report, figures), overall(report)];
    sections.extend(crate::export::development::section(report, figures));
    sections.extend(crate::export::achievement::sections(report));
    sections.extend(crate::export::second::section(report));
    for field in &report.definition().fields_of_action {
        sections.push(field_section(report, field));
    }
    sections.extend(crate::export::second::signoffs(report));
    sections.extend(appendix(report));
    if report.all_answers {
        sections.push(every_answer(report));
    }
    Document {
        lang: match report.lang {
            Lang::De => "de",
            Lang::En => "en",
        },
        title: report.text(Text::Title {
            county: &a.answers.county.name,
        }),
        subtitle: report.text(Text::Subtitle),
        author: a.auditor.clone(),
        county: a.answers.county.name.clone(),
        draft: draft.then(|| report.text(Text::Draft)),
        draft_mark: draft.then(|| report.text(Text::DraftMark)),
        date,
        meta: (report.meta_rows(false).into_iter())
            .map(|(label, value)| [report.text(label), value])
            .collect(),
        remark,
        sections,
        footer: footer(report),
        contents: report.text(Text::Contents),
        page: report.text(Text::PageWord),
        of: report.text(Text::OfWord),
    }
}

pub fn text(text: impl Into<String>, style: Style) -> Block {
    Block::Text {
        text: text.into(),
        style,
    }
}

pub fn heading(text: impl Into<String>) -> Block {
    Block::Heading { text: text.into() }
}

pub fn columns<S: Into<String>>(labels: impl IntoIterator<Item = S>) -> Vec<Column> {
    (labels.into_iter())
        .map(|label| Column {
            label: label.into(),
            numeric: false,
        })
        .collect()
}

pub fn band_color(color: BandColor) -> &'static str {
    match color {
        BandColor::Red => "red",
        BandColor::Yellow => "yellow",
        BandColor::Green => "green",
        BandColor::Blue => "blue",
        BandColor::Grey => "grey",
    }
}

/// The band of a score, or why there is none, in grey.
fn badge(report: &Report, outcome: Outcome, band: Option<usize>) -> Badge {
    match report.band(band) {
        Some(b) => Badge {
            label: b.label.clone(),
            color: band_color(b.color),
        },
        None => Badge {
            label: report.outcome_text(outcome, None, None),
            color: "grey",
        },
    }
}

fn score(
    report: &Report,
    label: Text,
    (outcome, value, band): (Outcome, Option<f64>, Option<usize>),
    overall: bool,
) -> Block {
    Block::Score(Score {
        label: report.text(label),
        number: value.map(|s| report.score_text(s)),
        badge: match (value, report.band(band)) {
            (Some(_), None) => None,
            _ => Some(badge(report, outcome, band)),
        },
        shortfall: report.shortfall(outcome),
        orientation: (!overall).then(|| report.text(Text::OrientationOnly)),
        overall,
    })
}

/// The place of a level on the scale, 0 (lowest) to 4 (highest), which gives its fill.
fn level_tone(report: &Report, level: i32) -> String {
    let levels = &report.definition().scale.levels;
    let lowest = levels.iter().map(|l| l.value).min().unwrap_or(0);
    let highest = levels.iter().map(|l| l.value).max().unwrap_or(1);
    let share = f64::from(level - lowest) / f64::from((highest - lowest).max(1));
    format!("lvl-{}", (share * 4.0).round().clamp(0.0, 4.0) as i32)
}

fn rated_cell(report: &Report, rating: Option<Rating>) -> MatrixCell {
    let scale = &report.definition().scale;
    let (tone, word) = match rating {
        Some(Rating::Level(level)) => (
            level_tone(report, level),
            (scale.levels.iter())
                .find(|l| l.value == level)
                .map_or(String::new(), |l| l.label.clone()),
        ),
        Some(Rating::NotApplicable) => ("mark-na".into(), scale.not_applicable.label.clone()),
        Some(Rating::NotAssessable) => ("mark-nb".into(), scale.not_assessable.label.clone()),
        None => ("unrated".into(), report.rating_label(None)),
    };
    MatrixCell {
        text: report.rating_short(rating),
        word,
        tone,
    }
}

/// The heads of the matrix's columns: the fields of action.
pub fn field_heads(report: &Report) -> Vec<Head> {
    (report.definition().fields_of_action.iter())
        .map(|f| Head {
            id: f.id.clone(),
            code: f.id.clone(),
            name: f.label.clone(),
            label: format!("{} {}", f.number, f.label),
        })
        .collect()
}

pub fn parameter_head(parameter: &crate::domain::definition::QualityParameter) -> Head {
    Head {
        id: parameter.id.clone(),
        code: abbreviation(&parameter.id),
        name: parameter.label.clone(),
        label: parameter.label.clone(),
    }
}

fn matrix(report: &Report) -> Matrix {
    let d = report.definition();
    let fields = &d.fields_of_action;
    let rows = (report.matrix_parameters().into_iter())
        .map(|parameter| MatrixRow {
            head: parameter_head(parameter),
            weight: Some(format!(
                "{} {}",
                report.text(Text::Weight),
                report::decimal(parameter.weight, 2, false, report.lang)
            )),
            cells: (fields.iter())
                .map(|f| {
                    (f.quality_parameters.contains(&parameter.id))
                        .then(|| rated_cell(report, report.rating(&f.id, &parameter.id)))
                })
                .collect(),
        })
        .collect();
    let scores = (fields.iter())
        .map(|f| Total::Text {
            text: report
                .field_score(&f.id)
                .and_then(|s| s.score)
                .map_or_else(|| "–".into(), |v| report.score_text(v)),
        })
        .collect();
    let bands = (fields.iter())
        .map(|f| match report.field_score(&f.id) {
            Some(s) => Total::Badge(badge(report, s.outcome, s.band)),
            None => Total::Text {
                text: String::new(),
            },
        })
        .collect();
    let codes: Vec<String> = (report.matrix_parameters().iter())
        .map(|p| format!("{} {}", abbreviation(&p.id), p.label))
        .collect();
    Matrix {
        heading: report.text(Text::Heatmap),
        class: "heatmap",
        corner: report.text(Text::Parameter),
        fields: field_heads(report),
        rows,
        totals: vec![
            TotalRow {
                label: report.text(Text::Score),
                cells: scores,
            },
            TotalRow {
                label: report.text(Text::Band),
                cells: bands,
            },
        ],
        levels: (d.scale.levels.iter())
            .map(|l| Level {
                value: l.value,
                label: l.label.clone(),
                tone: level_tone(report, l.value),
            })
            .collect(),
        legend_label: report.text(Text::Legend),
        codes: codes.join(" · "),
        legend: report.text(Text::LevelsLegend),
    }
}

fn overview(report: &Report, figures: bool) -> Section {
    let o = &report.scores.overall;
    let mut blocks = vec![
        score(
            report,
            Text::OverallScore,
            (o.outcome, o.score, o.band),
            true,
        ),
        text(report.definition().rules.bands_note.clone(), Style::Note),
    ];
    if figures {
        blocks.push(Block::Figure {
            svg: crate::export::radar::svg(report),
            caption: report.text(Text::Radar),
        });
    }
    blocks.push(Block::Matrix(matrix(report)));
    let c = &report.completeness;
    blocks.push(text(
        report.text(Text::Progress {
            reviewed: c.reviewed,
            questions: c.questions,
            rated: c.rated,
            cells: c.cells,
        }),
        Style::Small,
    ));
    if report.assessment.status == Status::InProgress && !c.missing.is_empty() {
        blocks.push(heading(report.text(Text::Missing)));
        blocks.push(Block::List {
            items: (report.missing_lines(&c.missing).into_iter())
                .map(Item::text)
                .collect(),
        });
    }
    Section {
        id: "overview".into(),
        title: report.text(Text::Overview),
        blocks,
    }
}

fn overall(report: &Report) -> Section {
    let overall = report.assessment.overall.trim();
    let block = if overall.is_empty() {
        text(report.text(Text::NoOverallText), Style::Empty)
    } else {
        text(overall, Style::Plain)
    };
    Section {
        id: "overall".into(),
        title: report.text(Text::OverallText),
        blocks: vec![block],
    }
}

fn field_section(report: &Report, field: &FieldOfAction) -> Section {
    let mut blocks = Vec::new();
    if let Some(s) = report.field_score(&field.id) {
        blocks.push(score(
            report,
            Text::Score,
            (s.outcome, s.score, s.band),
            false,
        ));
    }
    blocks.push(heading(report.text(Text::Ratings)));
    let rows = (report.parameters_of(field))
        .map(|parameter| {
            let current = report.assessment.cell(&field.id, &parameter.id);
            let rating = Cell {
                flag: (current.is_some_and(|c| c.needs_reconfirmation))
                    .then(|| report.text(Text::NeedsReconfirmation)),
                ..Cell::text(report.rating_label(current.and_then(|c| c.rating)))
            };
            let rationale = current.map_or("", |c| c.rationale.trim());
            Row {
                cells: vec![Cell::text(&parameter.label), rating, Cell::text(rationale)],
                total: false,
            }
        })
        .collect();
    blocks.push(Block::Table(Table {
        class: "ratings",
        columns: columns([
            report.text(Text::Parameter),
            report.text(Text::Rating),
            report.text(Text::Rationale),
        ]),
        rows,
        row_heads: false,
    }));
    let groups = [
        FindingKind::Strength,
        FindingKind::Challenge,
        FindingKind::Recommendation,
    ]
    .map(|kind| Group {
        heading: report::findings_heading(kind, report.lang).into(),
        items: (report.assessment.findings_of(&field.id, kind))
            .map(|f| f.text.trim().to_string())
            .collect(),
        empty: report.text(Text::NoEntries),
    });
    blocks.push(Block::Findings {
        groups: groups.into(),
    });

    blocks.push(heading(report.text(Text::NotableAnswers)));
    let notable = report.notable(field);
    if notable.is_empty() {
        blocks.push(text(report.text(Text::NoNotableAnswers), Style::Empty));
    } else {
        blocks.push(text(report.text(Text::NotableAnswersIntro), Style::Small));
        for (_, question) in notable {
            blocks.push(Block::Answer(notable_answer(report, question)));
        }
    }

    let open = report.open_follow_ups_of(field);
    // A finalised report leaves out what has nothing to say.
    if !(open.is_empty() && report.assessment.status == Status::Finalized) {
        blocks.push(heading(report.text(Text::OpenFollowUps)));
        if open.is_empty() {
            blocks.push(text(report.text(Text::NoOpenFollowUps), Style::Empty));
        } else {
            let items = (open.into_iter())
                .map(|(question, follow_up)| Item {
                    lead: Some(format!("{} {}", report.text(Text::FollowUp), follow_up.id)),
                    context: Some(format!(
                        "{} {}: {}",
                        report.text(Text::Question),
                        question.id,
                        question.text
                    )),
                    text: follow_up.text.trim().to_string(),
                })
                .collect();
            blocks.push(Block::List { items });
        }
    }
    Section {
        id: field.id.clone(),
        title: field_title(report, field),
        blocks,
    }
}

/// "Handlungsfeld 1: Steuerung, Vernetzung, Nachhaltigkeit".
fn field_title(report: &Report, field: &FieldOfAction) -> String {
    format!(
        "{} {}: {}",
        report.text(Text::FieldOfAction),
        field.number,
        field.label
    )
}

fn notable_answer(report: &Report, question: &Question) -> Answer {
    let answer = report.answer_text(question);
    let grid = crate::export::answer_text::grid(
        question,
        report.assessment.answers.answers.get(&question.id),
        report.lang,
    )
    .map(|g| Grid {
        header: g.header,
        rows: g.rows,
    });
    let entry = |label: Text, text: String| Entry {
        label: report.text(label),
        text,
        details: Vec::new(),
        grid: None,
        strong: false,
    };
    let mut entries = vec![Entry {
        details: answer.details.clone(),
        grid,
        ..entry(Text::Answer, answer.value(report.lang))
    }];
    if !answer.evidence.is_empty() {
        entries.push(entry(Text::Evidence, answer.evidence.join("\n")));
    }
    let comment = report.comment(&question.id);
    if !comment.is_empty() {
        entries.push(entry(Text::CountyComment, comment.to_string()));
    }
    let note = report.note(&question.id);
    if !note.is_empty() {
        entries.push(Entry {
            strong: true,
            ..entry(Text::AuditorNote, note.to_string())
        });
    }
    Answer {
        id: question.id.clone(),
        question: question.text.clone(),
        flag: (report.need_for_action(&question.id))
            .then(|| report.text(Text::NeedForActionTicked)),
        entries,
    }
}

/// Every note, field by field; without notes there is no appendix (and no empty page).
fn appendix(report: &Report) -> Option<Section> {
    let noted = report.noted_questions();
    if noted.is_empty() {
        return None;
    }
    let mut blocks = Vec::new();
    for (field, notes) in noted {
        blocks.push(heading(field_title(report, field)));
        blocks.push(Block::Table(Table {
            class: "notes",
            columns: columns([report.text(Text::Question), report.text(Text::AuditorNote)]),
            rows: (notes.into_iter())
                .map(|q| Row {
                    cells: vec![Cell::lead(&q.id, &q.text), Cell::text(report.note(&q.id))],
                    total: false,
                })
                .collect(),
            row_heads: false,
        }));
    }
    Some(Section {
        id: "appendix".into(),
        title: report.text(Text::AppendixNotes),
        blocks,
    })
}

/// Every question with the county's answer, field by field, as the notable answers are shown.
fn every_answer(report: &Report) -> Section {
    let mut blocks = Vec::new();
    for field in &report.definition().fields_of_action {
        blocks.push(heading(field_title(report, field)));
        for question in field.topics.iter().flat_map(|t| t.questions.iter()) {
            blocks.push(Block::Answer(notable_answer(report, question)));
        }
    }
    Section {
        id: "answers".into(),
        title: report.text(Text::AppendixAnswers),
        blocks,
    }
}

fn footer(report: &Report) -> String {
    let mut footer = report.text(Text::GeneratedBy {
        id: report.assessment.id,
    });
    if let Some(head) = &report.trail_head {
        footer.push_str(&format!(
            " · {}: {}",
            report.text(Text::TrailHead),
            crate::catalog::short(head)
        ));
    }
    footer
}
