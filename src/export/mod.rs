//! Reports and exports of an assessment: Markdown, HTML, PDF, JSON, CSV and XLSX, and the
//! explain tree of the scores. The reports render one model, `document`. Headless: nothing here knows of the terminal or of SQL.
//!
//! Every format is deterministic: the same assessment gives the same bytes. No clock is read
//! and nothing is iterated in hash order; the workbook's creation date comes from the data.

mod achievement;
pub mod agreement;
pub mod answer_text;
pub mod compare;
pub mod csv;
mod development;
pub mod document;
pub mod escape;
pub mod explain;
pub mod goals;
mod html;
pub mod json;
mod markdown;
mod pdf;
mod radar;
mod second;
mod xlsx;

use std::fmt::Write as _;

use crate::catalog::Lang;
use crate::catalog::report::{self, Text};
use crate::domain::assessment::{Assessment, FollowUp, FollowUpStatus, Rating};
use crate::domain::definition::{
    Band, Definition, FieldOfAction, QualityParameter, Question, Topic,
};
use crate::domain::scoring::{Completeness, FieldScore, Outcome, Scores, completeness, score};

/// The formats `siegel export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown report for the Strategieworkshop.
    #[value(name = "md")]
    Markdown,
    /// One self-contained, print-ready HTML file.
    Html,
    /// The report as PDF/A, typeset by siegel itself (A4, table of contents, page numbers).
    Pdf,
    /// Everything, for other programs (schema: assets/export.schema.json).
    Json,
    /// One table: the rated cells or the answers.
    Csv,
    /// Workbook with overview, rating matrix, answers and follow-up questions.
    Xlsx,
}

impl Format {
    /// Binary formats go to a file, never to a terminal.
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Xlsx | Format::Pdf)
    }
}

/// Which table a CSV export holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Part {
    /// One row per field of action × quality parameter.
    #[default]
    Cells,
    /// One row per question.
    Answers,
    /// A Bilanzierung beside the last audit: one row per field of action × quality
    /// parameter, the rating and the field's score then and now.
    Comparison,
}

/// Options of the table formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub part: Part,
    /// CSV field separator: `;` for German Excel, `,` elsewhere.
    pub separator: char,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            part: Part::Cells,
            separator: ';',
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("workbook: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("PDF: {0}")]
    Pdf(#[from] pdf::PdfError),
}

/// The language of a report: the one asked for, else the questionnaire's, else German.
pub fn report_lang(definition: &Definition, asked: Option<Lang>) -> Lang {
    asked
        .or_else(|| Lang::from_code(&definition.language))
        .unwrap_or_default()
}

/// A score with exactly the rules' decimals: "2,8", "2,0".
pub fn score_text(score: f64, rules: &crate::domain::definition::Rules, lang: Lang) -> String {
    let decimals = rules.score_decimals.min(9) as usize;
    let text = format!("{score:.decimals$}");
    match lang {
        Lang::De => text.replace('.', ","),
        Lang::En => text,
    }
}

/// An assessment with everything computed that the formats share.
pub struct Report<'a> {
    pub assessment: &'a Assessment,
    pub scores: Scores,
    pub completeness: Completeness,
    /// Hash of the last row of the audit trail: the state this report shows.
    pub trail_head: Option<String>,
    pub lang: Lang,
    /// In a Bilanzierung: the audit it follows and the comparison with it.
    pub last_audit: Option<(&'a Assessment, crate::domain::compare::Comparison)>,
    /// The Zielvereinbarungen that concern the assessment, with their Jahresberichte.
    pub goals: &'a [crate::store::StoredAgreement],
    /// The submitted second rating of the assessment (Zweitprüfung).
    pub second: Option<&'a Assessment>,
    /// Who signs a finalised assessment and whether they did.
    pub signoffs: &'a [crate::store::SignOffState],
    /// The association's copy, with internal notes; the county's copy leaves them out.
    pub internal: bool,
    /// The reports end with an appendix of every answer.
    pub all_answers: bool,
}

impl<'a> Report<'a> {
    pub fn new(assessment: &'a Assessment, trail_head: Option<String>, lang: Lang) -> Report<'a> {
        Report {
            scores: score(&assessment.definition, &assessment.cells),
            completeness: completeness(assessment),
            assessment,
            trail_head,
            lang,
            last_audit: None,
            goals: &[],
            second: None,
            signoffs: &[],
            internal: false,
            all_answers: false,
        }
    }

    /// The association's copy: internal notes included.
    pub fn with_internal(mut self, internal: bool) -> Report<'a> {
        self.internal = internal;
        self
    }

    /// The report with the sign-offs of a finalised assessment.
    pub fn with_signoffs(mut self, signoffs: &'a [crate::store::SignOffState]) -> Report<'a> {
        self.signoffs = signoffs;
        self
    }

    /// The sign-off lines, for a finalised assessment.
    pub fn closing_signoffs(&self) -> &'a [crate::store::SignOffState] {
        match self.assessment.status {
            crate::domain::assessment::Status::Finalized => self.signoffs,
            crate::domain::assessment::Status::InProgress => &[],
        }
    }

    /// The report with the submitted second rating: who rated, how far the two agree, and the
    /// cells settled by consensus.
    pub fn with_second(mut self, second: &'a Assessment) -> Report<'a> {
        self.second = Some(second);
        self
    }

    /// The report with the Zielvereinbarungen that concern the assessment.
    pub fn with_goals(mut self, goals: &'a [crate::store::StoredAgreement]) -> Report<'a> {
        self.goals = goals;
        self
    }

    /// Each Zielvereinbarung with where it stands, and the achievement ratings where this
    /// assessment judges its goals (a Bilanzierung judges those of the audit it follows).
    pub fn progress(
        &self,
    ) -> impl Iterator<
        Item = (
            &'a crate::store::StoredAgreement,
            crate::domain::progress::Progress<'a>,
            Option<&'a goals::Ratings>,
        ),
    > + '_ {
        let assessment = self.assessment;
        self.goals.iter().map(move |stored| {
            let reports: Vec<_> = stored.reports.iter().map(|r| &r.report).collect();
            let progress = crate::domain::progress::Progress::new(stored.agreement(), &reports);
            let ratings = (stored.assessment != assessment.id).then_some(&assessment.goal_ratings);
            (stored, progress, ratings)
        })
    }

    /// The report of a Bilanzierung with the section on the audit it follows.
    pub fn with_last_audit(
        mut self,
        then: &'a Assessment,
        comparison: crate::domain::compare::Comparison,
    ) -> Report<'a> {
        self.last_audit = Some((then, comparison));
        self
    }

    /// The comparison with the last audit, when the report has one.
    pub fn compared(&self) -> Option<compare::Compared<'_>> {
        let (then, comparison) = self.last_audit.as_ref()?;
        Some(compare::Compared {
            then,
            now: self.assessment,
            comparison,
            lang: self.lang,
        })
    }

    pub fn definition(&self) -> &Definition {
        &self.assessment.definition
    }

    /// The facts at the head of a report: county, procedure, dates, auditor, status,
    /// questionnaire and assessment. `short_hash` abbreviates the finalisation hash.
    pub fn meta_rows(&self, short_hash: bool) -> [(Text<'static>, String); 8] {
        let a = self.assessment;
        let answers = &a.answers;
        let lang = self.lang;
        let d = self.definition();
        let mut procedure = report::procedure(answers.procedure.kind, lang).to_string();
        if let Some(previous) = &answers.procedure.previous {
            let _ = write!(
                procedure,
                " ({}: {previous})",
                self.text(Text::PreviousAudit)
            );
        }
        let mut status = report::status(a.status, lang).to_string();
        // The last change of a finalised assessment is its finalisation.
        let last_change =
            crate::clock::local(&a.updated_at).map(|(day, ..)| report::date(&day, lang));
        if a.status == crate::domain::assessment::Status::Finalized
            && let Some(day) = &last_change
        {
            let _ = write!(status, " {}", self.text(Text::OnDate { date: day }));
        }
        if let Some(hash) = &a.final_hash {
            let hash = if short_hash {
                crate::catalog::short(hash)
            } else {
                hash
            };
            let _ = write!(status, " ({}: {hash})", self.text(Text::FinalHash));
        }
        [
            // The report's date is the state it shows, so the same state gives the same report.
            (Text::ReportDate, last_change.unwrap_or_default()),
            (
                Text::County,
                format!(
                    "{} ({}, {} {})",
                    answers.county.name,
                    report::county_kind(answers.county.kind, lang),
                    self.text(Text::Ags),
                    answers.county.ags
                ),
            ),
            (Text::Procedure, procedure),
            (
                Text::ReportingDate,
                report::date(&answers.reporting_date, lang),
            ),
            (Text::Auditor, a.auditor.clone()),
            (Text::Status, status),
            (
                Text::Questionnaire,
                format!(
                    "{} ({}, sha256 {})",
                    d.title,
                    d.key(),
                    crate::catalog::short(&a.definition_sha256)
                ),
            ),
            (
                Text::Assessment,
                format!(
                    "{}, {} {}",
                    a.id,
                    self.text(Text::LastChange),
                    report::timestamp(&a.updated_at, lang)
                ),
            ),
        ]
    }

    pub fn text(&self, text: Text) -> String {
        text.text(self.lang)
    }

    pub fn parameter(&self, id: &str) -> Option<&QualityParameter> {
        self.definition()
            .quality_parameters
            .iter()
            .find(|p| p.id == id)
    }

    /// The parameters rated for a field, in the field's order.
    pub fn parameters_of(
        &self,
        field: &'a FieldOfAction,
    ) -> impl Iterator<Item = &'a QualityParameter> + 'a {
        let definition = &self.assessment.definition;
        field
            .quality_parameters
            .iter()
            .filter_map(move |id| definition.quality_parameters.iter().find(|p| &p.id == id))
    }

    /// Parameters rated in any field, in the definition's order: the matrix's columns.
    pub fn matrix_parameters(&self) -> Vec<&QualityParameter> {
        self.definition()
            .quality_parameters
            .iter()
            .filter(|p| {
                self.definition()
                    .fields_of_action
                    .iter()
                    .any(|f| f.quality_parameters.contains(&p.id))
            })
            .collect()
    }

    pub fn rating(&self, field_id: &str, parameter_id: &str) -> Option<Rating> {
        self.assessment
            .cell(field_id, parameter_id)
            .and_then(|c| c.rating)
    }

    /// "3 weitgehend", the mark's label, or "unbewertet".
    pub fn rating_label(&self, rating: Option<Rating>) -> String {
        let scale = &self.definition().scale;
        match rating {
            Some(Rating::Level(level)) => match scale.levels.iter().find(|l| l.value == level) {
                Some(l) => format!("{level} {}", l.label),
                None => level.to_string(),
            },
            Some(Rating::NotApplicable) => scale.not_applicable.label.clone(),
            Some(Rating::NotAssessable) => scale.not_assessable.label.clone(),
            None => report::left_out(crate::domain::scoring::LeftOut::Unrated, self.lang).into(),
        }
    }

    /// "3", "n.z.", "n.b." or "–", for narrow cells.
    pub fn rating_short(&self, rating: Option<Rating>) -> String {
        use crate::domain::scoring::LeftOut;
        match rating {
            Some(Rating::Level(level)) => level.to_string(),
            Some(Rating::NotApplicable) => {
                report::left_out_short(LeftOut::NotApplicable, self.lang).into()
            }
            Some(Rating::NotAssessable) => {
                report::left_out_short(LeftOut::NotAssessable, self.lang).into()
            }
            None => report::left_out_short(LeftOut::Unrated, self.lang).into(),
        }
    }

    pub fn band(&self, index: Option<usize>) -> Option<&Band> {
        index.and_then(|i| self.definition().rules.bands.get(i))
    }

    /// A rounded score with the rules' decimals: "2,8".
    pub fn score_text(&self, score: f64) -> String {
        score_text(score, &self.definition().rules, self.lang)
    }

    /// "2,8 – Stärke", or why there is no score.
    pub fn outcome_text(
        &self,
        outcome: Outcome,
        score: Option<f64>,
        band: Option<usize>,
    ) -> String {
        match (outcome, score) {
            (Outcome::Scored, Some(score)) => match self.band(band) {
                Some(band) => format!("{} – {}", self.score_text(score), band.label),
                None => self.score_text(score),
            },
            (Outcome::NotApplicable, _) => self.definition().scale.not_applicable.label.clone(),
            _ => self.definition().scale.not_assessable.label.clone(),
        }
    }

    /// Why a field has no score, when too little is rated: "bewerteter Anteil 37,5 %, unter dem
    /// Mindestanteil 60 %".
    pub fn shortfall(&self, outcome: Outcome) -> Option<String> {
        match outcome {
            Outcome::NotAssessable {
                rated_share,
                min_share,
            } => Some(self.text(Text::ShareBelowMinimum {
                share: &report::percent(rated_share, self.lang),
                min: &report::percent(min_share, self.lang),
            })),
            _ => None,
        }
    }

    pub fn field_score(&self, field_id: &str) -> Option<&FieldScore> {
        self.scores.field(field_id)
    }

    pub fn follow_ups_of(&self, question_id: &'a str) -> impl Iterator<Item = &'a FollowUp> + 'a {
        self.assessment
            .follow_ups
            .iter()
            .filter(move |f| f.question_id == question_id)
    }

    /// Open follow-up questions on the questions of a field, in questionnaire order.
    pub fn open_follow_ups_of(
        &self,
        field: &'a FieldOfAction,
    ) -> Vec<(&'a Question, &'a FollowUp)> {
        field
            .topics
            .iter()
            .flat_map(|t| t.questions.iter())
            .flat_map(|q| {
                self.follow_ups_of(&q.id)
                    .filter(|f| f.status == FollowUpStatus::Open)
                    .map(move |f| (q, f))
            })
            .collect()
    }

    /// The questions with a note, by field of action; fields without one are left out.
    pub fn noted_questions(&self) -> Vec<(&'a FieldOfAction, Vec<&'a Question>)> {
        let definition: &'a Definition = &self.assessment.definition;
        definition
            .fields_of_action
            .iter()
            .map(|field| {
                let notes: Vec<&Question> = (field.topics.iter())
                    .flat_map(|t| t.questions.iter())
                    .filter(|q| !self.note(&q.id).is_empty())
                    .collect();
                (field, notes)
            })
            .filter(|(_, notes)| !notes.is_empty())
            .collect()
    }

    pub fn note(&self, question_id: &str) -> &'a str {
        self.assessment
            .review(question_id)
            .filter(|r| self.internal || !r.internal)
            .map_or("", |r| r.note.trim())
    }

    pub fn need_for_action(&self, question_id: &str) -> bool {
        self.assessment
            .answers
            .answers
            .get(question_id)
            .is_some_and(|a| a.need_for_action)
    }

    /// Questions of a field with an auditor's note or a ticked Handlungsbedarf.
    pub fn notable(&self, field: &'a FieldOfAction) -> Vec<(&'a Topic, &'a Question)> {
        field
            .topics
            .iter()
            .flat_map(|t| t.questions.iter().map(move |q| (t, q)))
            .filter(|(_, q)| !self.note(&q.id).is_empty() || self.need_for_action(&q.id))
            .collect()
    }

    /// The county's comment on an answer, trimmed; empty when there is none.
    pub fn comment(&self, question_id: &str) -> &'a str {
        self.assessment
            .answers
            .answers
            .get(question_id)
            .and_then(|a| a.comment.as_deref())
            .map_or("", str::trim)
    }

    pub fn answer_text(&self, question: &Question) -> answer_text::AnswerText {
        answer_text::render(
            question,
            self.assessment.answers.answers.get(&question.id),
            self.lang,
        )
    }

    /// "HF2 Familie und Arbeitswelt, Betreuung / QP-BED Bedarfsorientierung".
    pub fn cell_name(&self, field_id: &str, parameter_id: &str) -> String {
        let field = self
            .definition()
            .fields_of_action
            .iter()
            .find(|f| f.id == field_id)
            .map_or_else(|| field_id.to_string(), |f| format!("{} {}", f.id, f.label));
        let parameter = self.parameter(parameter_id).map_or_else(
            || parameter_id.to_string(),
            |p| format!("{} {}", p.id, p.label),
        );
        format!("{field} / {parameter}")
    }

    /// One line per item still missing before finalisation.
    pub fn missing_lines(&self, items: &[crate::domain::scoring::Missing]) -> Vec<String> {
        use crate::domain::scoring::Missing as M;
        items
            .iter()
            .map(|item| match item {
                M::Unrated {
                    field_id,
                    parameter_id,
                } => self.text(Text::MissingUnrated {
                    cell: &self.cell_name(field_id, parameter_id),
                }),
                M::Rationale {
                    field_id,
                    parameter_id,
                } => self.text(Text::MissingRationale {
                    cell: &self.cell_name(field_id, parameter_id),
                    rating: &self.rating_label(self.rating(field_id, parameter_id)),
                }),
                M::Reconfirm {
                    field_id,
                    parameter_id,
                } => self.text(Text::MissingReconfirm {
                    cell: &self.cell_name(field_id, parameter_id),
                }),
                M::OpenFollowUp {
                    follow_up,
                    question_id,
                } => {
                    let text = self
                        .assessment
                        .follow_ups
                        .iter()
                        .find(|f| f.id == *follow_up)
                        .map_or("", |f| f.text.as_str());
                    self.text(Text::MissingFollowUp {
                        follow_up: *follow_up,
                        question: question_id,
                        text: &escape::clean(text).replace('\n', " "),
                    })
                }
                M::Consensus {
                    field_id,
                    parameter_id,
                } => crate::catalog::second::missing_consensus(
                    &self.cell_name(field_id, parameter_id),
                    self.lang,
                ),
                M::GoalUnrated { goal } | M::GoalRationale { goal } => {
                    let title = (self.assessment.goals())
                        .find(|(key, _, _)| key == goal)
                        .map(|(_, g, _)| escape::clean(&g.title).into_owned());
                    let rationale = matches!(item, M::GoalRationale { .. });
                    crate::catalog::goals::missing_goal(
                        goal,
                        title.as_deref(),
                        rationale,
                        self.lang,
                    )
                }
            })
            .collect()
    }
}

/// Renders a report in a format.
pub fn export(report: &Report, format: Format, options: &Options) -> Result<Vec<u8>, ExportError> {
    Ok(match format {
        Format::Markdown => markdown::render(&document::build(report, false)).into_bytes(),
        Format::Html => html::render(&document::build(report, true)).into_bytes(),
        Format::Pdf => pdf::render(
            &document::build(report, true),
            &format!("siegel-assessment-{}", report.assessment.id),
        )?,
        Format::Json => json::render(report)?.into_bytes(),
        Format::Csv => csv::render(report, options),
        Format::Xlsx => xlsx::render(report)?,
    })
}

/// Writes next to the target and renames, so a reader never sees half a file.
/// Writes a file whole or not at all. An existing file is replaced only when `replace` is
/// set; otherwise the write fails with `AlreadyExists` and the file is left as it was (the
/// check and the write are one step, a hard link that refuses to replace).
pub fn write_file(file: &std::path::Path, bytes: &[u8], replace: bool) -> std::io::Result<()> {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".into());
    let partial = file.with_file_name(format!(".{name}.{}.partial", std::process::id()));
    let written = std::fs::File::create(&partial).and_then(|mut f| {
        std::io::Write::write_all(&mut f, bytes)?;
        f.sync_all()
    });
    let placed = written.and_then(|()| {
        if replace {
            std::fs::rename(&partial, file)
        } else {
            std::fs::hard_link(&partial, file).and_then(|()| std::fs::remove_file(&partial))
        }
    });
    match placed {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            Err(std::io::Error::new(
                e.kind(),
                format!("{}: {e}", file.display()),
            ))
        }
    }
}

/// A file name for an export: county, year, procedure, the assessment's number and whether it
/// is a draft, e.g. `musterland-2025-erstaudit-nr3-entwurf.html`, so that the reports of two
/// assessments never share a name.
pub fn default_file_name(assessment: &Assessment, format: Format, part: Part) -> String {
    let county = assessment.answers.county.name.to_lowercase();
    let mut slug = String::new();
    for word in county.split_whitespace() {
        // "Landkreis Musterland" is "musterland" to anyone filing the report.
        if slug.is_empty()
            && matches!(
                word,
                "landkreis" | "kreis" | "stadt" | "gemeinde" | "verbandsgemeinde"
            )
        {
            continue;
        }
        for c in word.chars() {
            match c {
                'ä' => slug.push_str("ae"),
                'ö' => slug.push_str("oe"),
                'ü' => slug.push_str("ue"),
                'ß' => slug.push_str("ss"),
                c if c.is_ascii_alphanumeric() => slug.push(c),
                _ => slug.push('-'),
            }
        }
        slug.push('-');
    }
    let slug = slug.trim_matches('-').to_string();
    let slug = if slug.is_empty() {
        "bewertung".to_string()
    } else {
        slug
    };
    let year = assessment.answers.reporting_date.get(..4).unwrap_or("");
    let procedure = assessment.answers.procedure.kind.as_str();
    let (suffix, extension) = match (format, part) {
        (Format::Markdown, _) => ("", "md"),
        (Format::Html, _) => ("", "html"),
        (Format::Pdf, _) => ("", "pdf"),
        (Format::Json, _) => ("", "json"),
        (Format::Csv, Part::Cells) => ("-bewertung", "csv"),
        (Format::Csv, Part::Answers) => ("-antworten", "csv"),
        (Format::Csv, Part::Comparison) => ("-vergleich", "csv"),
        (Format::Xlsx, _) => ("", "xlsx"),
    };
    let id = assessment.id;
    let draft = if assessment.status == crate::domain::assessment::Status::Finalized {
        ""
    } else {
        "-entwurf"
    };
    format!("{slug}-{year}-{procedure}-nr{id}{draft}{suffix}.{extension}")
}
