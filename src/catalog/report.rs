//! The words of reports and exports, of `siegel explain` and of the finalisation gate, in German
//! and English. The export code lays things out; every word it shows comes from here.

use crate::catalog::{Lang, short};
use crate::domain::answers::{CountyKind, ProcedureKind};
use crate::domain::assessment::{FindingKind, FollowUpStatus, Status};
use crate::domain::definition::BandColor;
use crate::domain::scoring::LeftOut;

fn pick(lang: Lang, de: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::De => de,
        Lang::En => en,
    }
}

/// A number with at most `decimals` decimals, trailing zeros dropped, German decimal comma.
/// With `mark_cut`, a number that had more digits ends in "…", so a shortened value is never
/// passed off as exact.
pub fn decimal(value: f64, decimals: usize, mark_cut: bool, lang: Lang) -> String {
    let mut text = format!("{value:.decimals$}");
    if text.contains('.') {
        while text.ends_with('0') {
            text.pop();
        }
        if text.ends_with('.') {
            text.pop();
        }
    }
    if text == "-0" {
        text = "0".into();
    }
    let cut = mark_cut && (text.parse::<f64>().unwrap_or(value) - value).abs() > 1e-12;
    // The whole part grouped as whole numbers are ("92.000,5"), then the decimal comma.
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let whole = match whole.parse::<i64>() {
        Ok(number) if !whole.starts_with('-') || number != 0 => grouped(number, lang),
        _ => whole.to_string(),
    };
    text = if fraction.is_empty() {
        whole
    } else {
        format!("{whole}{}{fraction}", pick(lang, ",", "."))
    };
    if cut {
        text.push('…');
    }
    text
}

/// A whole number; from five digits on grouped in threes ("12.345", "12,345").
pub fn grouped(value: i64, lang: Lang) -> String {
    let digits = value.unsigned_abs().to_string();
    if digits.len() < 5 {
        return value.to_string();
    }
    let separator = pick(lang, ".", ",");
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(digit);
    }
    if value < 0 {
        out.insert(0, '-');
    }
    out
}

/// The unit after a count: "1 Einrichtung", but "2 Einrichtungen". Questionnaires name their
/// units in the plural; the singulars of the German units they use are known here, any other
/// unit stays as written.
pub fn unit_for(count: f64, unit: &str) -> &str {
    if count != 1.0 {
        return unit;
    }
    const SINGULARS: &[(&str, &str)] = &[
        ("Plätze", "Platz"),
        ("Einrichtungen", "Einrichtung"),
        ("Personen", "Person"),
        ("Gemeinden", "Gemeinde"),
        ("Fälle", "Fall"),
        ("Schulen", "Schule"),
        ("Familien", "Familie"),
        ("Wohnungen", "Wohnung"),
        ("Wochen", "Woche"),
        ("Sitzungen", "Sitzung"),
        ("Pflegestützpunkte", "Pflegestützpunkt"),
        ("Minuten", "Minute"),
        ("Stunden", "Stunde"),
        ("Institutionen", "Institution"),
        ("Angebote", "Angebot"),
        ("Stellen", "Stelle"),
        ("Kinder", "Kind"),
        ("Tage", "Tag"),
        ("Jahre", "Jahr"),
        ("Monate", "Monat"),
    ];
    (SINGULARS.iter())
        .find(|(plural, _)| *plural == unit)
        .map_or(unit, |(_, singular)| singular)
}

/// A share 0–1 as percent with one decimal: "85,7 %".
pub fn percent(share: f64, lang: Lang) -> String {
    format!("{} %", decimal(share * 100.0, 1, false, lang))
}

/// A date "YYYY-MM-DD" as people in the language write it; anything else as it is.
pub fn date(iso: &str, lang: Lang) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    match (lang, parts.as_slice()) {
        (Lang::De, [year, month, day]) if year.len() == 4 && month.len() == 2 && day.len() == 2 => {
            format!("{day}.{month}.{year}")
        }
        _ => iso.to_string(),
    }
}

/// A stored timestamp "YYYY-MM-DDTHH:MM:SSZ" as date and time in local time, with the zone.
pub fn timestamp(stamp: &str, lang: Lang) -> String {
    match crate::clock::local(stamp) {
        Some((day, time, zone)) => format!("{}, {time} {zone}", date(&day, lang)),
        None => stamp.to_string(),
    }
}

pub fn yes_no(value: bool, lang: Lang) -> &'static str {
    match value {
        true => pick(lang, "ja", "yes"),
        false => pick(lang, "nein", "no"),
    }
}

/// "yes", "partly", "no" as stored, in words.
pub fn yes_partly_no(value: &str, lang: Lang) -> Option<&'static str> {
    match value {
        "yes" => Some(pick(lang, "ja", "yes")),
        "partly" => Some(pick(lang, "teilweise", "partly")),
        "no" => Some(pick(lang, "nein", "no")),
        _ => None,
    }
}

pub fn procedure(kind: ProcedureKind, lang: Lang) -> &'static str {
    match kind {
        ProcedureKind::Erstaudit => pick(lang, "Erstaudit", "initial audit (Erstaudit)"),
        ProcedureKind::Bilanzierung => pick(lang, "Bilanzierung", "re-audit (Bilanzierung)"),
    }
}

pub fn county_kind(kind: CountyKind, lang: Lang) -> &'static str {
    match kind {
        CountyKind::Landkreis => pick(lang, "Landkreis", "county (Landkreis)"),
        CountyKind::KreisfreieStadt => pick(lang, "kreisfreie Stadt", "county-level city"),
        CountyKind::Stadt => pick(lang, "Stadt", "town"),
        CountyKind::Gemeinde => pick(lang, "Gemeinde", "municipality"),
        CountyKind::Verbandsgemeinde => {
            pick(lang, "Verbandsgemeinde", "association of municipalities")
        }
    }
}

pub fn status(status: Status, lang: Lang) -> &'static str {
    match status {
        Status::InProgress => pick(lang, "in Bearbeitung", "in progress"),
        Status::Finalized => pick(lang, "abgeschlossen", "finalised"),
    }
}

pub fn follow_up_status(status: FollowUpStatus, lang: Lang) -> &'static str {
    match status {
        FollowUpStatus::Open => pick(lang, "offen", "open"),
        FollowUpStatus::Answered => pick(lang, "beantwortet", "answered"),
        FollowUpStatus::Done => pick(lang, "erledigt", "done"),
    }
}

/// The heading of a list of findings: "Stärken", "Herausforderungen", "Empfehlungen".
pub fn findings_heading(kind: FindingKind, lang: Lang) -> &'static str {
    match kind {
        FindingKind::Strength => pick(lang, "Stärken", "Strengths"),
        FindingKind::Challenge => pick(lang, "Herausforderungen", "Challenges"),
        FindingKind::Recommendation => pick(lang, "Empfehlungen", "Recommendations"),
    }
}

/// One finding's kind: "Stärke", "Herausforderung", "Empfehlung".
pub fn finding_kind(kind: FindingKind, lang: Lang) -> &'static str {
    match kind {
        FindingKind::Strength => pick(lang, "Stärke", "Strength"),
        FindingKind::Challenge => pick(lang, "Herausforderung", "Challenge"),
        FindingKind::Recommendation => pick(lang, "Empfehlung", "Recommendation"),
    }
}

/// Why a cell or field was left out of a mean, in the words of the scale.
pub fn left_out(reason: LeftOut, lang: Lang) -> &'static str {
    match reason {
        LeftOut::NotApplicable => pick(lang, "nicht zutreffend", "not applicable"),
        LeftOut::NotAssessable => pick(lang, "nicht bewertbar", "not assessable"),
        LeftOut::Unrated => pick(lang, "unbewertet", "unrated"),
    }
}

/// Short forms for narrow table cells.
pub fn left_out_short(reason: LeftOut, lang: Lang) -> &'static str {
    match reason {
        LeftOut::NotApplicable => pick(lang, "n.z.", "n/a"),
        LeftOut::NotAssessable => pick(lang, "n.b.", "n/as"),
        LeftOut::Unrated => "–",
    }
}

pub fn band_color(color: BandColor, lang: Lang) -> &'static str {
    match color {
        BandColor::Red => pick(lang, "rot", "red"),
        BandColor::Yellow => pick(lang, "gelb", "yellow"),
        BandColor::Green => pick(lang, "grün", "green"),
        BandColor::Blue => pick(lang, "blau", "blue"),
        BandColor::Grey => pick(lang, "grau", "grey"),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Every sentence and label of reports, exports, explain and finalise.
pub enum Text<'a> {
    // The report's head.
    Title {
        county: &'a str,
    },
    Subtitle,
    County,
    Ags,
    CountyKind,
    Procedure,
    PreviousAudit,
    ReportingDate,
    Auditor,
    Status,
    Questionnaire,
    Assessment,
    LastChange,
    TrailHead,
    FinalHash,
    Draft,
    QuestionnaireRemark,
    // Scores.
    Overview,
    OverallScore,
    Score,
    Band,
    OrientationOnly,
    FieldOfAction,
    Parameter,
    Weight,
    Level,
    Mark,
    Rating,
    Rationale,
    RationaleMissing,
    NeedsReconfirmation,
    RatedShare,
    NotScored,
    ShareBelowMinimum {
        share: &'a str,
        min: &'a str,
    },
    Legend,
    LevelsLegend,
    Radar,
    RadarNoScores,
    Heatmap,
    Ratings,
    // Findings and answers.
    OverallText,
    NoOverallText,
    NoEntries,
    NotableAnswers,
    NotableAnswersIntro,
    NoNotableAnswers,
    FollowUp,
    FollowUps,
    OpenFollowUps,
    NoOpenFollowUps,
    NoFollowUps,
    AppendixNotes,
    AppendixAnswers,
    Topic,
    Question,
    QuestionId,
    Answer,
    NotAnswered,
    AsOf,
    Source,
    Evidence,
    CountyComment,
    NeedForAction,
    NeedForActionTicked,
    Reviewed,
    AuditorNote,
    FollowUpNumber,
    CreatedAt,
    None,
    Progress {
        reviewed: usize,
        questions: usize,
        rated: usize,
        cells: usize,
    },
    Missing,
    GeneratedBy {
        id: i64,
    },
    // Workbook sheets.
    SheetOverview,
    SheetRatings,
    SheetAnswers,
    SheetFollowUps,
    SheetFindings,
    ReportDate,
    /// "am 01.04.2025" after a status.
    OnDate {
        date: &'a str,
    },
    SheetRationales,
    /// The workbook's page footer, with Excel's codes for page and pages.
    PageFooter,
    DraftMark,
    /// "Seite 3 von 14" in the HTML's page footer.
    PageWord,
    OfWord,
    /// The PDF's table of contents.
    Contents,
    FindingKindColumn,
    Finding,
    // siegel explain.
    ExplainOverall {
        county: &'a str,
    },
    Rule,
    ExplainFieldRule,
    ExplainOverallRule,
    ExplainCounted {
        weight: &'a str,
        value: &'a str,
        product: &'a str,
    },
    ExplainLeftOut {
        weight: &'a str,
        reason: LeftOut,
    },
    ExplainCountsAsHighest {
        weight: &'a str,
        value: &'a str,
        product: &'a str,
    },
    ExplainSums {
        numerator: &'a str,
        denominator: &'a str,
    },
    ExplainShare {
        share: &'a str,
        rated_weight: &'a str,
        counted_weight: &'a str,
        min: &'a str,
        reached: bool,
    },
    ExplainRounded {
        raw: &'a str,
        decimals: u32,
        score: &'a str,
    },
    ExplainBand {
        label: &'a str,
        color: BandColor,
        up_to: &'a str,
    },
    ExplainNoBand,
    ExplainNotAssessable,
    ExplainNotApplicable,
    ExplainNote {
        note: &'a str,
    },
    // The finalisation gate.
    MissingUnrated {
        cell: &'a str,
    },
    MissingRationale {
        cell: &'a str,
        rating: &'a str,
    },
    MissingReconfirm {
        cell: &'a str,
    },
    MissingFollowUp {
        follow_up: i64,
        question: &'a str,
        text: &'a str,
    },
    FinalizeRefused {
        id: i64,
        count: usize,
    },
    Finalized {
        id: i64,
        hash: &'a str,
    },
    FinalizedWithOpenFollowUps {
        count: usize,
    },
    Reopened {
        id: i64,
    },
    // siegel export.
    XlsxNeedsOutput,
    CsvOnlyOption {
        option: &'a str,
    },
    /// `--answers` with a format that is not a report.
    ReportOnlyOption {
        option: &'a str,
    },
    Written {
        file: &'a str,
    },
    /// The output file exists and `--force` was not given.
    FileExists {
        file: &'a str,
    },
    ExportFailed {
        reason: &'a str,
    },
}

impl Text<'_> {
    pub fn text(&self, lang: Lang) -> String {
        use Text as T;
        match *self {
            T::Title { county } => match lang {
                Lang::De => format!("Auswertung der Ist-Analyse: {county}"),
                Lang::En => format!("Assessment of the Ist-Analyse: {county}"),
            },
            T::Subtitle => pick(
                lang,
                "audit familiengerechter Kreis – Bericht für den Strategieworkshop",
                "audit familiengerechter Kreis – report for the strategy workshop",
            )
            .into(),
            T::County => pick(lang, "Kreis", "County").into(),
            T::Ags => pick(lang, "Amtlicher Gemeindeschlüssel", "Official key (AGS)").into(),
            T::CountyKind => pick(lang, "Gebietskörperschaft", "Kind").into(),
            T::Procedure => pick(lang, "Verfahren", "Procedure").into(),
            T::PreviousAudit => pick(lang, "vorheriges Audit", "previous audit").into(),
            T::ReportingDate => pick(lang, "Stichtag der Angaben", "Reporting date").into(),
            T::Auditor => pick(lang, "Auditorin/Auditor", "Auditor").into(),
            T::Status => "Status".into(),
            T::Questionnaire => pick(lang, "Fragebogen", "Questionnaire").into(),
            T::Assessment => pick(lang, "Bewertung Nr.", "Assessment no.").into(),
            T::LastChange => pick(lang, "letzte Änderung", "last change").into(),
            T::TrailHead => pick(lang, "Verlauf (letzte Prüfsumme)", "Trail (last hash)").into(),
            T::FinalHash => pick(
                lang,
                "Prüfsumme beim Abschluss",
                "Content hash at finalisation",
            )
            .into(),
            T::Draft => pick(
                lang,
                "Entwurf: die Bewertung ist noch nicht abgeschlossen; Werte und Texte können sich noch ändern.",
                "Draft: the assessment is not finalised yet; scores and texts may still change.",
            )
            .into(),
            T::QuestionnaireRemark => {
                pick(lang, "Hinweis zum Fragebogen", "About the questionnaire").into()
            }
            T::Overview => pick(lang, "Überblick", "Overview").into(),
            T::OverallScore => pick(lang, "Gesamtwert", "Overall score").into(),
            T::Score => pick(lang, "Wert", "Score").into(),
            T::Band => pick(lang, "Ampel", "Band").into(),
            T::OrientationOnly => pick(
                lang,
                "Die Ampel dient nur der Orientierung",
                "The band is for orientation only",
            )
            .into(),
            T::FieldOfAction => pick(lang, "Handlungsfeld", "Field of action").into(),
            T::Parameter => pick(lang, "Qualitätsparameter", "Quality parameter").into(),
            T::Weight => pick(lang, "Gewicht", "weight").into(),
            T::Level => pick(lang, "Stufe", "Level").into(),
            T::Mark => pick(lang, "Markierung", "Mark").into(),
            T::Rating => pick(lang, "Bewertung", "Rating").into(),
            T::Rationale => pick(lang, "Begründung", "Rationale").into(),
            T::RationaleMissing => pick(lang, "Begründung fehlt", "rationale missing").into(),
            T::NeedsReconfirmation => {
                pick(lang, "erneut zu bestätigen", "needs re-confirmation").into()
            }
            T::RatedShare => pick(lang, "bewerteter Anteil", "rated share").into(),
            T::NotScored => pick(lang, "kein Wert", "no score").into(),
            T::ShareBelowMinimum { share, min } => match lang {
                Lang::De => format!("bewerteter Anteil {share}, unter dem Mindestanteil {min}"),
                Lang::En => format!("rated share {share}, below the minimum of {min}"),
            },
            T::Legend => pick(lang, "Legende", "Legend").into(),
            T::LevelsLegend => pick(
                lang,
                "n.z. = nicht zutreffend (geht nicht in die Wertung ein), n.b. = nicht bewertbar, – = unbewertet",
                "n/a = not applicable (left out of the score), n/as = not assessable, – = unrated",
            )
            .into(),
            T::Radar => pick(
                lang,
                "Netzdiagramm: Werte der Handlungsfelder",
                "Radar chart: scores of the fields of action",
            )
            .into(),
            T::RadarNoScores => pick(
                lang,
                "Noch kein Handlungsfeld hat einen Wert.",
                "No field of action has a score yet.",
            )
            .into(),
            T::Heatmap => pick(lang, "Bewertungsmatrix", "Rating matrix").into(),
            T::Ratings => pick(
                lang,
                "Bewertung der Qualitätsparameter",
                "Ratings of the quality parameters",
            )
            .into(),
            T::OverallText => pick(lang, "Gesamteinschätzung", "Overall assessment").into(),
            T::NoOverallText => pick(
                lang,
                "Noch keine Gesamteinschätzung.",
                "No overall assessment yet.",
            )
            .into(),
            T::NoEntries => pick(lang, "Keine Einträge.", "No entries.").into(),
            T::NotableAnswers => pick(lang, "Bemerkenswerte Antworten", "Notable answers").into(),
            T::NotableAnswersIntro => pick(
                lang,
                "Antworten mit einer Notiz der Auditorin/des Auditors oder mit vom Kreis angekreuztem Handlungsbedarf.",
                "Answers with an auditor's note, or where the county ticked need for action.",
            )
            .into(),
            T::NoNotableAnswers => pick(
                lang,
                "Keine Antworten mit Notiz oder Handlungsbedarf.",
                "No answers with a note or need for action.",
            )
            .into(),
            T::FollowUp => pick(lang, "Rückfrage", "Follow-up question").into(),
            T::FollowUps => pick(lang, "Rückfragen", "Follow-up questions").into(),
            T::OpenFollowUps => pick(lang, "Offene Rückfragen", "Open follow-up questions").into(),
            T::NoOpenFollowUps => {
                pick(lang, "Keine offenen Rückfragen.", "No open follow-up questions.").into()
            }
            T::NoFollowUps => pick(lang, "Keine Rückfragen.", "No follow-up questions.").into(),
            T::AppendixAnswers => pick(
                lang,
                "Anhang: alle Antworten des Kreises",
                "Appendix: all of the county's answers",
            )
            .into(),
            T::AppendixNotes => pick(
                lang,
                "Anhang: alle Notizen der Auditorin/des Auditors",
                "Appendix: all of the auditor's notes",
            )
            .into(),
            T::Topic => pick(lang, "Thema", "Topic").into(),
            T::Question => pick(lang, "Frage", "Question").into(),
            T::QuestionId => pick(lang, "Frage-ID", "Question id").into(),
            T::Answer => pick(lang, "Antwort", "Answer").into(),
            T::NotAnswered => pick(lang, "nicht beantwortet", "not answered").into(),
            T::AsOf => pick(lang, "Stichtag", "as of").into(),
            T::Source => pick(lang, "Quelle", "source").into(),
            T::Evidence => pick(lang, "Beleg", "Evidence").into(),
            T::CountyComment => pick(lang, "Kommentar des Kreises", "County's comment").into(),
            T::NeedForAction => pick(lang, "Handlungsbedarf", "Need for action").into(),
            T::NeedForActionTicked => pick(
                lang,
                "Handlungsbedarf (vom Kreis angekreuzt)",
                "need for action (ticked by the county)",
            )
            .into(),
            T::Reviewed => pick(lang, "gesichtet", "reviewed").into(),
            T::AuditorNote => pick(lang, "Notiz", "Note").into(),
            T::FollowUpNumber => pick(lang, "Nr.", "No.").into(),
            T::CreatedAt => pick(lang, "angelegt am", "created").into(),
            T::None => pick(lang, "keine", "none").into(),
            T::Progress {
                reviewed,
                questions,
                rated,
                cells,
            } => match lang {
                Lang::De => format!(
                    "{reviewed} von {questions} Antworten gesichtet, {rated} von {cells} Zellen bewertet"
                ),
                Lang::En => format!(
                    "{reviewed} of {questions} answers reviewed, {rated} of {cells} cells rated"
                ),
            },
            T::Missing => pick(
                lang,
                "Vor dem Abschluss noch offen",
                "Still missing before finalisation",
            )
            .into(),
            T::GeneratedBy { id } => match lang {
                Lang::De => format!("Erstellt mit siegel aus Bewertung {id}"),
                Lang::En => format!("Made with siegel from assessment {id}"),
            },
            T::SheetOverview => pick(lang, "Übersicht", "Overview").into(),
            T::SheetRatings => pick(lang, "Bewertung", "Ratings").into(),
            T::SheetAnswers => pick(lang, "Antworten und Notizen", "Answers and notes").into(),
            T::SheetFollowUps => pick(lang, "Rückfragen", "Follow-ups").into(),
            T::SheetFindings => pick(lang, "Befunde", "Findings").into(),
            T::ReportDate => pick(lang, "Berichtsdatum", "Report date").into(),
            T::OnDate { date } => match lang {
                Lang::De => format!("am {date}"),
                Lang::En => format!("on {date}"),
            },
            T::SheetRationales => pick(lang, "Begründungen", "Rationales").into(),
            T::PageFooter => pick(lang, "Seite &P von &N", "Page &P of &N").into(),
            T::DraftMark => pick(lang, "Entwurf", "Draft").into(),
            T::PageWord => pick(lang, "Seite", "Page").into(),
            T::OfWord => pick(lang, "von", "of").into(),
            T::Contents => pick(lang, "Inhalt", "Contents").into(),
            T::FindingKindColumn => pick(lang, "Art", "Kind").into(),
            T::Finding => pick(lang, "Befund", "Finding").into(),
            T::ExplainOverall { county } => match lang {
                Lang::De => format!("Gesamtwert – {county}"),
                Lang::En => format!("Overall score – {county}"),
            },
            T::Rule => pick(lang, "Regel", "rule").into(),
            T::ExplainFieldRule => pick(
                lang,
                "gewichteter Mittelwert der bewerteten Qualitätsparameter",
                "weighted mean of the rated quality parameters",
            )
            .into(),
            T::ExplainOverallRule => pick(
                lang,
                "gewichteter Mittelwert der ungerundeten Werte der Handlungsfelder",
                "weighted mean of the fields' unrounded scores",
            )
            .into(),
            T::ExplainCounted {
                weight,
                value,
                product,
            } => match lang {
                Lang::De => format!("Gewicht {weight} × {value} = {product}"),
                Lang::En => format!("weight {weight} × {value} = {product}"),
            },
            T::ExplainLeftOut { weight, reason } => {
                let consequence = match (reason, lang) {
                    (LeftOut::NotApplicable, Lang::De) => {
                        "bleibt außen vor (weder Zähler noch Nenner)"
                    }
                    (LeftOut::NotApplicable, Lang::En) => {
                        "left out (neither numerator nor denominator)"
                    }
                    (_, Lang::De) => "fehlt: zählt nur beim bewerteten Anteil",
                    (_, Lang::En) => "missing: counts only against the rated share",
                };
                match lang {
                    Lang::De => format!(
                        "Gewicht {weight}, {}: {consequence}",
                        left_out(reason, lang)
                    ),
                    Lang::En => format!(
                        "weight {weight}, {}: {consequence}",
                        left_out(reason, lang)
                    ),
                }
            }
            T::ExplainCountsAsHighest {
                weight,
                value,
                product,
            } => match lang {
                Lang::De => format!(
                    "nicht zutreffend, zählt nach den Regeln als höchste Stufe: Gewicht {weight} × {value} = {product}"
                ),
                Lang::En => format!(
                    "not applicable, counts as the highest level by the rules: weight {weight} × {value} = {product}"
                ),
            },
            T::ExplainSums {
                numerator,
                denominator,
            } => match lang {
                Lang::De => format!(
                    "Summe Gewicht × Wert = {numerator}; Summe der Gewichte = {denominator}"
                ),
                Lang::En => format!(
                    "sum of weight × value = {numerator}; sum of weights = {denominator}"
                ),
            },
            T::ExplainShare {
                share,
                rated_weight,
                counted_weight,
                min,
                reached,
            } => {
                let verdict = match (lang, reached) {
                    (Lang::De, true) => "erreicht",
                    (Lang::De, false) => "nicht erreicht",
                    (Lang::En, true) => "reached",
                    (Lang::En, false) => "not reached",
                };
                match lang {
                    Lang::De => format!(
                        "bewerteter Anteil {share} (Gewicht {rated_weight} von {counted_weight}), Mindestanteil {min}: {verdict}"
                    ),
                    Lang::En => format!(
                        "rated share {share} (weight {rated_weight} of {counted_weight}), minimum {min}: {verdict}"
                    ),
                }
            }
            T::ExplainRounded {
                raw,
                decimals,
                score,
            } => match lang {
                Lang::De => format!(
                    "Wert ungerundet {raw}, gerundet auf {} {score}",
                    plural(decimals as usize, "Nachkommastelle", "Nachkommastellen")
                ),
                Lang::En => format!(
                    "unrounded {raw}, rounded to {} {score}",
                    plural(decimals as usize, "decimal", "decimals")
                ),
            },
            T::ExplainBand {
                label,
                color,
                up_to,
            } => match lang {
                Lang::De => format!(
                    "Ampel: {label} ({}, bis {up_to})",
                    band_color(color, lang)
                ),
                Lang::En => format!("band: {label} ({}, up to {up_to})", band_color(color, lang)),
            },
            T::ExplainNoBand => pick(
                lang,
                "Ampel: keine (kein Wert)",
                "band: none (no score)",
            )
            .into(),
            T::ExplainNotAssessable => pick(
                lang,
                "nicht bewertbar: zu wenig bewertet",
                "not assessable: too little is rated",
            )
            .into(),
            T::ExplainNotApplicable => pick(
                lang,
                "nicht zutreffend: kein Teil geht in die Wertung ein",
                "not applicable: no part enters the score",
            )
            .into(),
            T::ExplainNote { note } => match lang {
                Lang::De => format!("Hinweis: {note}"),
                Lang::En => format!("Note: {note}"),
            },
            T::MissingUnrated { cell } => match lang {
                Lang::De => format!("{cell}: nicht bewertet"),
                Lang::En => format!("{cell}: not rated"),
            },
            T::MissingRationale { cell, rating } => match lang {
                Lang::De => format!("{cell}: Begründung fehlt (für „{rating}“ vorgeschrieben)"),
                Lang::En => format!("{cell}: rationale missing (required for \"{rating}\")"),
            },
            T::MissingReconfirm { cell } => match lang {
                Lang::De => format!(
                    "{cell}: Bewertung nach geänderten Antworten erneut bestätigen"
                ),
                Lang::En => format!("{cell}: re-confirm the rating after the answers changed"),
            },
            T::MissingFollowUp {
                follow_up,
                question,
                text,
            } => match lang {
                Lang::De => format!("Rückfrage {follow_up} zu Frage {question} ist offen: {text}"),
                Lang::En => format!(
                    "follow-up question {follow_up} on question {question} is open: {text}"
                ),
            },
            T::FinalizeRefused { id, count } => match lang {
                Lang::De => format!(
                    "Bewertung {id} kann noch nicht abgeschlossen werden; offen: {} (oben aufgeführt)",
                    plural(count, "Punkt", "Punkte")
                ),
                Lang::En => format!(
                    "assessment {id} cannot be finalised yet; missing: {} (listed above)",
                    plural(count, "item", "items")
                ),
            },
            T::Finalized { id, hash } => match lang {
                Lang::De => format!(
                    "Bewertung {id} abgeschlossen; Prüfsumme des Inhalts {}",
                    short(hash)
                ),
                Lang::En => format!("assessment {id} finalised; content hash {}", short(hash)),
            },
            T::FinalizedWithOpenFollowUps { count } => match lang {
                Lang::De => format!(
                    "mit {} abgeschlossen (--allow-open); im Verlauf vermerkt",
                    plural(count, "offener Rückfrage", "offenen Rückfragen")
                ),
                Lang::En => format!(
                    "finalised with {} (--allow-open); recorded in the trail",
                    plural(count, "open follow-up question", "open follow-up questions")
                ),
            },
            T::Reopened { id } => match lang {
                Lang::De => {
                    format!("Bewertung {id} wieder geöffnet; im Verlauf vermerkt")
                }
                Lang::En => format!("assessment {id} reopened; recorded in the trail"),
            },
            T::XlsxNeedsOutput => pick(
                lang,
                "xlsx ist ein Binärformat: bitte mit -o DATEI.xlsx in eine Datei schreiben",
                "xlsx is a binary format: write it to a file with -o FILE.xlsx",
            )
            .into(),
            T::CsvOnlyOption { option } => match lang {
                Lang::De => format!("{option} gilt nur für --format csv"),
                Lang::En => format!("{option} applies to --format csv only"),
            },
            T::ReportOnlyOption { option } => match lang {
                Lang::De => format!("{option} gilt nur für die Berichte (--format pdf, html, md)"),
                Lang::En => format!("{option} applies to the reports only (--format pdf, html, md)"),
            },
            T::Written { file } => match lang {
                Lang::De => format!("geschrieben: {file}"),
                Lang::En => format!("written: {file}"),
            },
            T::FileExists { file } => match lang {
                Lang::De => format!("{file} gibt es schon; --force ersetzt die Datei"),
                Lang::En => format!("{file} exists already; --force replaces it"),
            },
            T::ExportFailed { reason } => match lang {
                Lang::De => format!("Export fehlgeschlagen: {reason}"),
                Lang::En => format!("export failed: {reason}"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_dates_and_shares_read_as_people_write_them() {
        assert_eq!(decimal(2.0, 4, true, Lang::De), "2");
        assert_eq!(decimal(1.5, 4, true, Lang::De), "1,5");
        assert_eq!(decimal(2.457_142_857, 4, true, Lang::De), "2,4571…");
        assert_eq!(decimal(2.457_142_857, 4, false, Lang::En), "2.4571");
        assert_eq!(decimal(-0.00001, 2, false, Lang::De), "0");
        assert_eq!(grouped(1681, Lang::De), "1681");
        assert_eq!(grouped(181_300, Lang::De), "181.300");
        assert_eq!(grouped(-1_234_567, Lang::En), "-1,234,567");
        assert_eq!(percent(0.857_142_8, Lang::De), "85,7 %");
        assert_eq!(date("2025-03-31", Lang::De), "31.03.2025");
        assert_eq!(date("2025-03-31", Lang::En), "2025-03-31");
        assert_eq!(
            timestamp("2025-04-01T09:00:00Z", Lang::De),
            "01.04.2025, 11:00 CEST"
        );
    }
}
