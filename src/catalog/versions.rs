//! The words of `siegel questionnaires --diff`: what changed between two versions of a
//! questionnaire, as the auditor reads it.

use super::{Lang, number};
use crate::domain::versions::{Aspect, ChainError};

pub fn aspect(aspect: Aspect, lang: Lang) -> &'static str {
    match (aspect, lang) {
        (Aspect::Renamed, Lang::De) => "neue Kennung",
        (Aspect::Renamed, Lang::En) => "new id",
        (Aspect::Kind, Lang::De) => "andere Antwortart",
        (Aspect::Kind, Lang::En) => "other kind of answer",
        (Aspect::Text, Lang::De) => "Fragetext",
        (Aspect::Text, Lang::En) => "question text",
        (Aspect::Help, Lang::De) => "Hinweis",
        (Aspect::Help, Lang::En) => "help",
        (Aspect::Options, Lang::De) => "Auswahlmöglichkeiten",
        (Aspect::Options, Lang::En) => "options",
        (Aspect::Structure, Lang::De) => "Spalten oder Zeilen",
        (Aspect::Structure, Lang::En) => "columns or rows",
        (Aspect::Unit, Lang::De) => "Einheit",
        (Aspect::Unit, Lang::En) => "unit",
        (Aspect::Range, Lang::De) => "Wertebereich",
        (Aspect::Range, Lang::En) => "range",
        (Aspect::Condition, Lang::De) => "Bedingung",
        (Aspect::Condition, Lang::En) => "condition",
        (Aspect::Required, Lang::De) => "Pflichtfrage",
        (Aspect::Required, Lang::En) => "required",
        (Aspect::QualityParameters, Lang::De) => "Qualitätsparameter",
        (Aspect::QualityParameters, Lang::En) => "quality parameters",
    }
}

/// The label in front of a changed question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Added,
    Removed,
    /// A new id whose kind of answer changed too: never compared as if equal.
    RenamedOtherKind,
    Renamed,
    /// Same id, other text.
    Reworded,
    Changed,
}

pub fn change(change: Change, lang: Lang) -> &'static str {
    match (change, lang) {
        (Change::Added, Lang::De) => "neu",
        (Change::Added, Lang::En) => "added",
        (Change::Removed, Lang::De) => "entfallen",
        (Change::Removed, Lang::En) => "removed",
        (Change::RenamedOtherKind, Lang::De) => "umbenannt, andere Art",
        (Change::RenamedOtherKind, Lang::En) => "renamed, other kind",
        (Change::Renamed, Lang::De) => "umbenannt",
        (Change::Renamed, Lang::En) => "renamed",
        (Change::Reworded, Lang::De) => "umformuliert",
        (Change::Reworded, Lang::En) => "reworded",
        (Change::Changed, Lang::De) => "geändert",
        (Change::Changed, Lang::En) => "changed",
    }
}

pub fn heading(id: &str, old: &str, new: &str, via: &[&str], lang: Lang) -> String {
    let via = if via.is_empty() {
        String::new()
    } else {
        match lang {
            Lang::De => format!(" (über {})", via.join(", ")),
            Lang::En => format!(" (via {})", via.join(", ")),
        }
    };
    match lang {
        Lang::De => format!("Fragebogen {id}: Fassung {old} → {new}{via}"),
        Lang::En => format!("Questionnaire {id}: version {old} → {new}{via}"),
    }
}

pub fn no_changes(lang: Lang) -> &'static str {
    lang.pick(
        "Keine Unterschiede in Fragen, Skala, Qualitätsparametern und Regeln.",
        "No differences in questions, scale, quality parameters and rules.",
    )
}

pub fn scoring_heading(lang: Lang) -> &'static str {
    lang.pick("Bewertung", "Scoring")
}

pub fn scale_changed(lang: Lang) -> &'static str {
    lang.pick(
        "Die Bewertungsskala ist eine andere: Stufen beider Fassungen sind nicht direkt vergleichbar.",
        "The rating scale differs: levels of the two versions are not directly comparable.",
    )
}

pub fn rules_changed(lang: Lang) -> &'static str {
    lang.pick(
        "Die Berechnungsregeln sind andere (Aggregation, „nicht zutreffend“, Mindestanteil, Rundung oder Ampel).",
        "The scoring rules differ (aggregation, not applicable, minimum share, rounding or bands).",
    )
}

/// A quality parameter added, removed, reweighted or reworded.
pub fn parameter(
    id: &str,
    label: &str,
    old_weight: Option<f64>,
    new_weight: Option<f64>,
    reworded: bool,
    lang: Lang,
) -> String {
    let what = match (old_weight, new_weight) {
        (None, Some(w)) => match lang {
            Lang::De => format!("neu, Gewicht {}", number(w, lang)),
            Lang::En => format!("added, weight {}", number(w, lang)),
        },
        (Some(_), None) => lang.pick("entfallen", "removed").to_string(),
        (Some(old), Some(new)) if old != new => match lang {
            Lang::De => format!("Gewicht {} → {}", number(old, lang), number(new, lang)),
            Lang::En => format!("weight {} → {}", number(old, lang), number(new, lang)),
        },
        _ => String::new(),
    };
    let reworded = reworded.then(|| {
        lang.pick(
            "Beschreibung oder Anker umformuliert",
            "description or anchors reworded",
        )
    });
    let details: Vec<&str> = [Some(what.as_str()).filter(|w| !w.is_empty()), reworded]
        .into_iter()
        .flatten()
        .collect();
    match lang {
        Lang::De => format!("Qualitätsparameter {id} {label}: {}", details.join("; ")),
        Lang::En => format!("quality parameter {id} {label}: {}", details.join("; ")),
    }
}

pub fn field_parameters(old: &[String], new: &[String], lang: Lang) -> String {
    match lang {
        Lang::De => format!(
            "bewertete Qualitätsparameter: {} → {}",
            old.join(", "),
            new.join(", ")
        ),
        Lang::En => format!(
            "quality parameters rated: {} → {}",
            old.join(", "),
            new.join(", ")
        ),
    }
}

pub fn field_weight(old: f64, new: f64, lang: Lang) -> String {
    match lang {
        Lang::De => format!(
            "Gewicht des Handlungsfelds {} → {}",
            number(old, lang),
            number(new, lang)
        ),
        Lang::En => format!(
            "weight of the field {} → {}",
            number(old, lang),
            number(new, lang)
        ),
    }
}

pub fn topic(id: &str, old: Option<&str>, new: Option<&str>, lang: Lang) -> String {
    match (old, new, lang) {
        (None, Some(new), Lang::De) => format!("Thema {id} neu: „{new}“"),
        (None, Some(new), Lang::En) => format!("topic {id} added: \"{new}\""),
        (Some(old), None, Lang::De) => format!("Thema {id} entfallen: „{old}“"),
        (Some(old), None, Lang::En) => format!("topic {id} removed: \"{old}\""),
        (Some(old), Some(new), Lang::De) if old == new => {
            format!("Thema {id}: Beschreibung geändert")
        }
        (Some(old), Some(new), Lang::En) if old == new => {
            format!("topic {id}: description changed")
        }
        (old, new, Lang::De) => format!(
            "Thema {id} umbenannt: „{}“ → „{}“",
            old.unwrap_or_default(),
            new.unwrap_or_default()
        ),
        (old, new, Lang::En) => format!(
            "topic {id} renamed: \"{}\" → \"{}\"",
            old.unwrap_or_default(),
            new.unwrap_or_default()
        ),
    }
}

pub fn before(lang: Lang) -> &'static str {
    lang.pick("vorher", "before")
}

pub fn now(lang: Lang) -> &'static str {
    lang.pick("jetzt", "now")
}

pub fn not_comparable(lang: Lang) -> &'static str {
    lang.pick(
        "die Antworten sind nicht direkt vergleichbar",
        "the answers are not directly comparable",
    )
}

/// "3 neu, 3 entfallen, 4 umbenannt (2 mit anderer Art), 5 geändert".
pub fn summary(
    added: usize,
    removed: usize,
    renamed: usize,
    other_kind: usize,
    changed: usize,
    lang: Lang,
) -> String {
    match lang {
        Lang::De => format!(
            "Zusammen: {added} neu, {removed} entfallen, {renamed} umbenannt ({other_kind} mit anderer Art), {changed} geändert"
        ),
        Lang::En => format!(
            "In all: {added} added, {removed} removed, {renamed} renamed ({other_kind} with another kind), {changed} changed"
        ),
    }
}

pub fn chain_error(error: &ChainError, lang: Lang) -> String {
    match (error, lang) {
        (ChainError::DifferentQuestionnaires { old, new }, Lang::De) => {
            format!(
                "{old} und {new} sind verschiedene Fragebögen; verglichen werden nur Fassungen eines Fragebogens"
            )
        }
        (ChainError::DifferentQuestionnaires { old, new }, Lang::En) => {
            format!(
                "{old} and {new} are different questionnaires; only versions of one questionnaire are compared"
            )
        }
        (ChainError::NoChain { old, new, missing }, Lang::De) => format!(
            "von Fassung {new} führt keine Kette über „replaces“ zurück zu {old}: Fassung {missing} ist nicht bekannt (siegel questionnaires zeigt die bekannten)"
        ),
        (ChainError::NoChain { old, new, missing }, Lang::En) => format!(
            "no chain of \"replaces\" leads from version {new} back to {old}: version {missing} is not known (siegel questionnaires lists those known)"
        ),
        (ChainError::NotAPredecessor { old, new }, Lang::De) => format!(
            "Fassung {old} ist keine Vorgängerin von {new} (zuerst die ältere Fassung angeben)"
        ),
        (ChainError::NotAPredecessor { old, new }, Lang::En) => {
            format!("version {old} does not precede {new} (give the older version first)")
        }
        (ChainError::Unaccounted { version, id }, Lang::De) => format!(
            "die Migration von Fassung {version} sagt nicht, was aus Frage {id} wurde (umbenannt, entfallen oder neu)"
        ),
        (ChainError::Unaccounted { version, id }, Lang::En) => format!(
            "the migration of version {version} does not say what became of question {id} (renamed, removed or added)"
        ),
    }
}

pub fn unknown_version(name: &str, known: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!(
            "„{name}“ ist keine bekannte Fassung (id@version oder eine Datei); bekannt: {known}"
        ),
        Lang::En => {
            format!("\"{name}\" is not a known version (id@version or a file); known: {known}")
        }
    }
}

/// "Bilanzierung 2028 (Bewertung 3, fgk-kreis@2028.1)".
pub fn audit_label(procedure: &str, year: &str, id: i64, key: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!("{procedure} {year} (Bewertung {id}, {key})"),
        Lang::En => format!("{procedure} {year} (assessment {id}, {key})"),
    }
}

pub fn compare_heading(county: &str, now: &str, then: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!("{county}: {now} verglichen mit {then}"),
        Lang::En => format!("{county}: {now} compared with {then}"),
    }
}

pub fn compare_columns(then_year: &str, now_year: &str, lang: Lang) -> [String; 4] {
    [
        lang.pick("Handlungsfeld", "Field of action").to_string(),
        then_year.to_string(),
        now_year.to_string(),
        lang.pick("Änderung", "change").to_string(),
    ]
}

pub fn overall(lang: Lang) -> &'static str {
    lang.pick("Gesamt", "Overall")
}

/// Why a field's score is not set beside the last one.
pub fn incomparable(reason: &crate::domain::compare::Incomparable, lang: Lang) -> String {
    use crate::domain::compare::Incomparable as I;
    match (reason, lang) {
        (I::Scale, Lang::De) => "nicht vergleichbar: die Bewertungsskala ist eine andere".into(),
        (I::Scale, Lang::En) => "not comparable: the rating scale differs".into(),
        (I::NewField, Lang::De) => "nicht vergleichbar: das Handlungsfeld ist neu".into(),
        (I::NewField, Lang::En) => "not comparable: the field of action is new".into(),
        (I::Parameters { added, removed }, lang) => {
            let mut parts = Vec::new();
            if !added.is_empty() {
                parts.push(format!(
                    "{} {}",
                    lang.pick("neu:", "added:"),
                    added.join(", ")
                ));
            }
            if !removed.is_empty() {
                parts.push(format!(
                    "{} {}",
                    lang.pick("entfallen:", "removed:"),
                    removed.join(", ")
                ));
            }
            match lang {
                Lang::De => format!(
                    "nicht vergleichbar: andere Qualitätsparameter ({})",
                    parts.join("; ")
                ),
                Lang::En => format!(
                    "not comparable: other quality parameters ({})",
                    parts.join("; ")
                ),
            }
        }
    }
}

/// The note under the table when weights or rules changed between the versions.
pub fn rescored(old_version: &str, new_version: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!(
            "Die Werte des letzten Audits sind nach den Gewichten und Regeln von {new_version} neu berechnet, damit gleiches mit gleichem verglichen wird; in Klammern der Wert, wie er nach {old_version} berechnet wurde."
        ),
        Lang::En => format!(
            "The last audit's scores are recomputed with the weights and rules of {new_version}, so that like is compared with like; in brackets the score as computed under {old_version}."
        ),
    }
}

pub fn cells_changed(lang: Lang) -> &'static str {
    lang.pick("Bewertungen geändert", "ratings changed")
}

pub fn answers_changed(lang: Lang) -> &'static str {
    lang.pick("Antworten", "answers")
}

pub fn answer_change(kind: AnswerChangeKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (AnswerChangeKind::New, Lang::De) => "neu",
        (AnswerChangeKind::New, Lang::En) => "new",
        (AnswerChangeKind::Gone, Lang::De) => "nicht mehr gefragt oder beantwortet",
        (AnswerChangeKind::Gone, Lang::En) => "no longer asked or answered",
        (AnswerChangeKind::OtherKind, Lang::De) => "andere Antwortart, nicht verglichen",
        (AnswerChangeKind::OtherKind, Lang::En) => "other kind of answer, not compared",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerChangeKind {
    New,
    Gone,
    OtherKind,
}

pub fn no_previous(id: i64, lang: Lang) -> String {
    match lang {
        Lang::De => format!(
            "Bewertung {id} ist mit keiner früheren Bewertung verknüpft; --with ID nennt die zu vergleichende"
        ),
        Lang::En => format!(
            "assessment {id} is not linked to an earlier assessment; --with ID names the one to compare with"
        ),
    }
}

pub fn with_itself(id: i64, lang: Lang) -> String {
    match lang {
        Lang::De => format!("Bewertung {id} lässt sich nicht mit sich selbst vergleichen"),
        Lang::En => format!("assessment {id} cannot be compared with itself"),
    }
}

pub fn other_county(id: i64, other: i64, lang: Lang) -> String {
    match lang {
        Lang::De => {
            format!("Bewertung {id} und Bewertung {other} gehören zu verschiedenen Kreisen")
        }
        Lang::En => format!("assessments {id} and {other} belong to different counties"),
    }
}

/// The heading of a Bilanzierung's report section on the last audit.
pub fn development_heading(procedure: &str, year: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!("Entwicklung seit dem letzten Audit ({procedure} {year})"),
        Lang::En => format!("Development since the last audit ({procedure} {year})"),
    }
}

pub fn scores_then_and_now(lang: Lang) -> &'static str {
    lang.pick(
        "Werte der Handlungsfelder damals und heute",
        "Scores of the fields of action then and now",
    )
}

pub fn ratings_then_and_now(lang: Lang) -> &'static str {
    lang.pick("Bewertungen damals und heute", "Ratings then and now")
}

/// The legend of the matrix of changes; the marks, not the colours, carry the change.
pub fn changes_legend(then_year: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!(
            "2→3 ▲ höher als {then_year} · 3→2 ▼ niedriger · = gleich · ≠ anders (z. B. n.z. statt einer Stufe) · + {then_year} nicht bewertet"
        ),
        Lang::En => format!(
            "2→3 ▲ higher than {then_year} · 3→2 ▼ lower · = same · ≠ other (e.g. n.a. instead of a level) · + not rated in {then_year}"
        ),
    }
}

pub fn radar_both(then_year: &str, now_year: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!(
            "Netzdiagramm: {now_year} durchgezogen mit vollen Punkten, {then_year} gestrichelt mit leeren Punkten"
        ),
        Lang::En => format!(
            "Radar chart: {now_year} solid with filled dots, {then_year} dashed with hollow dots"
        ),
    }
}

pub fn question(lang: Lang) -> &'static str {
    lang.pick("Frage", "Question")
}

pub fn nothing_changed(lang: Lang) -> &'static str {
    lang.pick(
        "Keine Bewertung und keine Antwort hat sich geändert.",
        "No rating and no answer has changed.",
    )
}

/// Said when an export of a Bilanzierung cannot include the comparison.
pub fn comparison_left_out(reason: &str, lang: Lang) -> String {
    match lang {
        Lang::De => {
            format!("Hinweis: der Bericht enthält keinen Vergleich mit dem letzten Audit: {reason}")
        }
        Lang::En => format!("Note: the report has no comparison with the last audit: {reason}"),
    }
}

/// The header of the comparison's table of cells (CSV part and workbook sheet).
pub fn cell_table_header(
    then_year: &str,
    now_year: &str,
    then_version: &str,
    now_version: &str,
    lang: Lang,
) -> Vec<String> {
    match lang {
        Lang::De => vec![
            "Handlungsfeld-ID".into(),
            "Handlungsfeld".into(),
            "Qualitätsparameter-ID".into(),
            "Qualitätsparameter".into(),
            format!("Bewertung {then_year}"),
            format!("Bewertung {now_year}"),
            "Änderung".into(),
            format!("Wert {then_year} (nach {now_version})"),
            format!("Wert {then_year} (nach {then_version})"),
            format!("Wert {now_year}"),
            "Änderung des Werts".into(),
            "Vergleichbarkeit".into(),
        ],
        Lang::En => vec![
            "Field of action ID".into(),
            "Field of action".into(),
            "Quality parameter ID".into(),
            "Quality parameter".into(),
            format!("Rating {then_year}"),
            format!("Rating {now_year}"),
            "Change".into(),
            format!("Score {then_year} (by {now_version})"),
            format!("Score {then_year} (by {then_version})"),
            format!("Score {now_year}"),
            "Change of score".into(),
            "Comparability".into(),
        ],
    }
}

/// The header of the comparison's table of changed answers (workbook sheet).
pub fn answer_table_header(then_year: &str, now_year: &str, lang: Lang) -> Vec<String> {
    match lang {
        Lang::De => vec![
            "Handlungsfeld".into(),
            "Frage-ID".into(),
            "Frage".into(),
            "Änderung".into(),
            format!("Antwort {then_year}"),
            format!("Antwort {now_year}"),
        ],
        Lang::En => vec![
            "Field of action".into(),
            "Question ID".into(),
            "Question".into(),
            "Change".into(),
            format!("Answer {then_year}"),
            format!("Answer {now_year}"),
        ],
    }
}

pub fn changed(lang: Lang) -> &'static str {
    lang.pick("geändert", "changed")
}

pub fn sheet_comparison(lang: Lang) -> &'static str {
    lang.pick("Vergleich", "Comparison")
}

pub fn sheet_changed_answers(lang: Lang) -> &'static str {
    lang.pick("Geänderte Antworten", "Changed answers")
}

pub fn no_comparison(id: i64, lang: Lang) -> String {
    match lang {
        Lang::De => format!(
            "Bewertung {id} folgt auf kein früheres Audit: --part comparison gibt es für eine Bilanzierung, die mit dem letzten Audit verknüpft ist"
        ),
        Lang::En => format!(
            "assessment {id} follows no earlier audit: --part comparison is for a Bilanzierung linked to the last audit"
        ),
    }
}

/// The heading of the explanation of a compared score.
pub fn explain_compared(then_audit: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!("Vergleich mit dem letzten Audit: {then_audit}"),
        Lang::En => format!("Comparison with the last audit: {then_audit}"),
    }
}

/// Which cells of which version the compared score uses.
pub fn explain_compared_source(
    year: &str,
    id: i64,
    then_version: &str,
    now_version: &str,
    lang: Lang,
) -> String {
    match lang {
        Lang::De => format!(
            "Wert {year}: die Bewertungen aus Bewertung {id} (Fassung {then_version}), berechnet mit den Gewichten und Regeln von Fassung {now_version}"
        ),
        Lang::En => format!(
            "Score {year}: the ratings of assessment {id} (version {then_version}), computed with the weights and rules of version {now_version}"
        ),
    }
}

/// The score as computed then, when today's rules give another.
pub fn explain_as_then(version: &str, score: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!("Nach Fassung {version} berechnet war der Wert {score}"),
        Lang::En => format!("Computed by version {version} the score was {score}"),
    }
}

pub fn explain_change(then: &str, now: &str, change: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!("Änderung: {then} → {now}: {change}"),
        Lang::En => format!("Change: {then} → {now}: {change}"),
    }
}

/// A cell's change as a word, for tables that are filtered: höher, niedriger, gleich, anders,
/// neu bewertet (not rated then), or nothing while today's cell is unrated.
pub fn cell_change(since: Option<crate::domain::compare::CellSince>, lang: Lang) -> &'static str {
    use crate::domain::compare::CellSince as C;
    match since {
        Some(C::Unrated) => "",
        Some(C::Up(..)) => lang.pick("höher", "higher"),
        Some(C::Down(..)) => lang.pick("niedriger", "lower"),
        Some(C::Same) => lang.pick("gleich", "same"),
        Some(C::Other) => lang.pick("anders", "other"),
        None => lang.pick("neu bewertet", "newly rated"),
    }
}
