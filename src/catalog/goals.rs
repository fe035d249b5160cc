//! Words for the Zielvereinbarung and the Jahresberichte: validation problems, and (below)
//! what the interface and the reports say of goals and measures.

use super::{Lang, quoted_list};
use crate::domain::diagnostic::Problem;

/// The sentence for a problem of a Zielvereinbarung or a Jahresbericht.
pub fn problem(problem: &Problem, lang: Lang) -> String {
    use Problem as P;
    match (problem, lang) {
        (P::InvalidQuestionnaireKey { found }, Lang::De) => format!(
            "\"{found}\" nennt keinen Fragebogen; erwartet ist id@version, z. B. \"fgk-kreis@2025.1\""
        ),
        (P::InvalidQuestionnaireKey { found }, Lang::En) => format!(
            "\"{found}\" names no questionnaire; expected id@version, e.g. \"fgk-kreis@2025.1\""
        ),
        (P::FollowsIncomplete, Lang::De) => "die Bewertung, auf die die Ziele folgen, ist nicht bestimmt: answers_sha256 angeben, oder procedure und year".into(),
        (P::FollowsIncomplete, Lang::En) => "the assessment the goals follow from is not named: give answers_sha256, or procedure and year".into(),
        (P::GoalsQuestionnaireUnknown { key }, Lang::De) => format!(
            "Fragebogen {key} ist hier nicht bekannt; Handlungsfelder und Fragen der Ziele sind nicht geprüft"
        ),
        (P::GoalsQuestionnaireUnknown { key }, Lang::En) => format!(
            "questionnaire {key} is not known here; the goals' fields of action and questions are not checked"
        ),
        (P::UnknownFieldOfAction { found, allowed }, Lang::De) => format!(
            "Handlungsfeld \"{found}\" gibt es im Fragebogen nicht; erlaubt: {}",
            quoted_list(allowed)
        ),
        (P::UnknownFieldOfAction { found, allowed }, Lang::En) => format!(
            "the questionnaire has no field of action \"{found}\"; allowed: {}",
            quoted_list(allowed)
        ),
        (P::DateBefore { date, before }, Lang::De) => {
            format!("{date} liegt vor {before}")
        }
        (P::DateBefore { date, before }, Lang::En) => format!("{date} is before {before}"),
        (P::OutsidePeriod { date, start, end }, Lang::De) => format!(
            "{date} liegt außerhalb des Zeitraums der Zielvereinbarung ({start} bis {end})"
        ),
        (P::OutsidePeriod { date, start, end }, Lang::En) => format!(
            "{date} is outside the goal agreement's period ({start} to {end})"
        ),
        (P::YearOutsidePeriod { year, start, end }, Lang::De) => format!(
            "das Berichtsjahr {year} liegt außerhalb des Zeitraums der Zielvereinbarung ({start} bis {end})"
        ),
        (P::YearOutsidePeriod { year, start, end }, Lang::En) => format!(
            "the report's year {year} is outside the goal agreement's period ({start} to {end})"
        ),
        (P::AgreementUnknown { id }, Lang::De) => format!(
            "Zielvereinbarung \"{id}\" ist hier nicht bekannt; Maßnahmen und Ziele sind nicht geprüft (mit ihr zusammen prüfen: siegel validate ZIELVEREINBARUNG.json BERICHT.json)"
        ),
        (P::AgreementUnknown { id }, Lang::En) => format!(
            "goal agreement \"{id}\" is not known here; measures and goals are not checked (check them together: siegel validate AGREEMENT.json REPORT.json)"
        ),
        (P::AgreementHashMismatch { id, reported, known }, Lang::De) => format!(
            "der Bericht nennt eine andere Fassung der Zielvereinbarung \"{id}\" (sha256 {}) als die bekannte (sha256 {})",
            super::short(reported),
            super::short(known)
        ),
        (P::AgreementHashMismatch { id, reported, known }, Lang::En) => format!(
            "the report names another version of goal agreement \"{id}\" (sha256 {}) than the one known (sha256 {})",
            super::short(reported),
            super::short(known)
        ),
        (P::OtherCounty { found, expected }, Lang::De) => format!(
            "Gemeindeschlüssel {found} gehört nicht zur Zielvereinbarung (dort {expected})"
        ),
        (P::OtherCounty { found, expected }, Lang::En) => format!(
            "key {found} is not the goal agreement's county (that is {expected})"
        ),
        (P::UnknownMeasure { found }, Lang::De) => {
            format!("Maßnahme \"{found}\" gibt es in der Zielvereinbarung nicht")
        }
        (P::UnknownMeasure { found }, Lang::En) => {
            format!("the goal agreement has no measure \"{found}\"")
        }
        (P::UnknownGoal { found }, Lang::De) => {
            format!("Ziel \"{found}\" gibt es in der Zielvereinbarung nicht")
        }
        (P::UnknownGoal { found }, Lang::En) => format!("the goal agreement has no goal \"{found}\""),
        (P::GoalWithoutIndicator { goal }, Lang::De) => {
            format!("für Ziel \"{goal}\" ist kein Indikator vereinbart")
        }
        (P::GoalWithoutIndicator { goal }, Lang::En) => {
            format!("goal \"{goal}\" has no agreed indicator")
        }
        (P::MeasureNotReported { measure }, Lang::De) => {
            format!("Maßnahme \"{measure}\" fehlt im Bericht")
        }
        (P::MeasureNotReported { measure }, Lang::En) => {
            format!("measure \"{measure}\" is missing from the report")
        }
        // Only the problems above are routed here (`catalog::problem` lists them).
        (other, _) => format!("{other:?}"),
    }
}

/// `siegel validate`'s line for a valid Zielvereinbarung.
pub fn valid_agreement(
    county: &str,
    id: &str,
    goals: usize,
    measures: usize,
    lang: Lang,
) -> String {
    match lang {
        Lang::De => format!(
            "gültige Zielvereinbarung \"{id}\" von {county}: {goals} Ziele, {measures} Maßnahmen"
        ),
        Lang::En => {
            format!("valid goal agreement \"{id}\" of {county}: {goals} goals, {measures} measures")
        }
    }
}

/// `siegel validate`'s line for a valid Jahresbericht.
pub fn valid_report(
    county: &str,
    year: i32,
    agreement: &str,
    measures: usize,
    lang: Lang,
) -> String {
    match lang {
        Lang::De => format!(
            "gültiger Jahresbericht {year} von {county} zur Zielvereinbarung \"{agreement}\": {measures} Maßnahmen"
        ),
        Lang::En => format!(
            "valid annual report {year} of {county} on goal agreement \"{agreement}\": {measures} measures"
        ),
    }
}

/// Why a Zielvereinbarung or a Jahresbericht was not stored.
pub fn refusal(refusal: &crate::store::GoalsRefusal, lang: Lang) -> String {
    use crate::store::GoalsRefusal as R;
    let ids = |ids: &[i64]| {
        ids.iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (refusal, lang) {
        (R::NoAssessment { agreement }, Lang::De) => format!(
            "Zielvereinbarung \"{agreement}\": keine Bewertung in der Datenbank ist die, auf die sie folgt; zuerst die Antworten des Kreises importieren"
        ),
        (R::NoAssessment { agreement }, Lang::En) => format!(
            "goal agreement \"{agreement}\": no assessment in the database is the one it follows; import the county's answers first"
        ),
        (
            R::Ambiguous {
                agreement,
                candidates,
            },
            Lang::De,
        ) => format!(
            "Zielvereinbarung \"{agreement}\": mehrere Bewertungen kommen in Frage ({}); answers_sha256 in follows nennt die eine",
            ids(candidates)
        ),
        (
            R::Ambiguous {
                agreement,
                candidates,
            },
            Lang::En,
        ) => format!(
            "goal agreement \"{agreement}\": several assessments could be meant ({}); answers_sha256 in follows names the one",
            ids(candidates)
        ),
        (
            R::OtherContent {
                agreement,
                assessment,
            },
            Lang::De,
        ) => format!(
            "Bewertung {assessment} hat schon eine Zielvereinbarung \"{agreement}\" mit anderem Inhalt; eine geänderte Zielvereinbarung bekommt eine neue id"
        ),
        (
            R::OtherContent {
                agreement,
                assessment,
            },
            Lang::En,
        ) => format!(
            "assessment {assessment} already has a goal agreement \"{agreement}\" with other content; a changed goal agreement gets a new id"
        ),
        (R::NoAgreement { agreement }, Lang::De) => format!(
            "Zielvereinbarung \"{agreement}\" (in dieser Fassung) ist nicht in der Datenbank; zuerst sie importieren"
        ),
        (R::NoAgreement { agreement }, Lang::En) => format!(
            "goal agreement \"{agreement}\" (this version) is not in the database; import it first"
        ),
        (R::UnknownGoal { goal }, Lang::De) => format!(
            "Ziel \"{goal}\" gehört zu keiner Zielvereinbarung des letzten Audits dieser Bewertung"
        ),
        (R::UnknownGoal { goal }, Lang::En) => format!(
            "goal \"{goal}\" is not one of the last audit's goal agreements for this assessment"
        ),
    }
}

/// What `siegel import` says of a Zielvereinbarung.
pub fn agreement_imported(
    id: &str,
    assessment: i64,
    goals: usize,
    measures: usize,
    existed: bool,
    lang: Lang,
) -> String {
    match (existed, lang) {
        (false, Lang::De) => format!(
            "Zielvereinbarung \"{id}\" an Bewertung {assessment} angehängt: {goals} Ziele, {measures} Maßnahmen"
        ),
        (false, Lang::En) => format!(
            "goal agreement \"{id}\" attached to assessment {assessment}: {goals} goals, {measures} measures"
        ),
        (true, Lang::De) => format!(
            "Zielvereinbarung \"{id}\" ist schon an Bewertung {assessment} angehängt; nichts geändert"
        ),
        (true, Lang::En) => format!(
            "goal agreement \"{id}\" is attached to assessment {assessment} already; nothing changed"
        ),
    }
}

/// What `siegel import` says of a Jahresbericht.
pub fn report_imported(
    year: i32,
    agreement: &str,
    assessment: i64,
    replaced: Option<&str>,
    existed: bool,
    lang: Lang,
) -> String {
    match (existed, replaced, lang) {
        (true, _, Lang::De) => format!(
            "Jahresbericht {year} zur Zielvereinbarung \"{agreement}\" ist schon gespeichert; nichts geändert"
        ),
        (true, _, Lang::En) => format!(
            "annual report {year} on goal agreement \"{agreement}\" is stored already; nothing changed"
        ),
        (false, None, Lang::De) => format!(
            "Jahresbericht {year} zur Zielvereinbarung \"{agreement}\" gespeichert (Bewertung {assessment})"
        ),
        (false, None, Lang::En) => format!(
            "annual report {year} on goal agreement \"{agreement}\" stored (assessment {assessment})"
        ),
        (false, Some(old), Lang::De) => format!(
            "korrigierter Jahresbericht {year} zur Zielvereinbarung \"{agreement}\" gespeichert (Bewertung {assessment}); er ersetzt den bisherigen (sha256 {}), der im Verlauf bleibt",
            super::short(old)
        ),
        (false, Some(old), Lang::En) => format!(
            "corrected annual report {year} on goal agreement \"{agreement}\" stored (assessment {assessment}); it replaces the earlier one (sha256 {}), which stays in the history",
            super::short(old)
        ),
    }
}

pub fn answers_only_option(lang: Lang) -> &'static str {
    lang.pick(
        "--previous und --into gelten für Antworten, nicht für Zielvereinbarungen und Jahresberichte",
        "--previous and --into are for answers, not for goal agreements and annual reports",
    )
}

/// A measure's status as the county reports it.
pub fn status(status: crate::domain::goals::MeasureStatus, lang: Lang) -> &'static str {
    use crate::domain::goals::MeasureStatus as S;
    match (status, lang) {
        (S::Geplant, Lang::De) => "geplant",
        (S::Geplant, Lang::En) => "planned",
        (S::Begonnen, Lang::De) => "begonnen",
        (S::Begonnen, Lang::En) => "started",
        (S::Umgesetzt, Lang::De) => "umgesetzt",
        (S::Umgesetzt, Lang::En) => "done",
        (S::Verschoben, Lang::De) => "verschoben",
        (S::Verschoben, Lang::En) => "postponed",
        (S::Entfallen, Lang::De) => "entfallen",
        (S::Entfallen, Lang::En) => "dropped",
    }
}

pub fn not_reported(lang: Lang) -> &'static str {
    lang.pick("nicht berichtet", "not reported")
}

pub fn overdue(lang: Lang) -> &'static str {
    lang.pick("überfällig", "overdue")
}

/// "Zielvereinbarung „musterland-2025“ (Landkreis Musterland): Kreistag, 25.09.2025,
/// KT-2025/064; Zeitraum 01.10.2025 bis 30.09.2028".
pub fn agreement_heading(agreement: &crate::domain::goals::GoalAgreement, lang: Lang) -> String {
    let a = agreement;
    let r = &a.resolution;
    let date = |iso: &str| super::report::date(iso, lang);
    let (id, county) = (&a.id, &a.county.name);
    let (start, end) = (date(&a.period.start), date(&a.period.end));
    match lang {
        Lang::De => format!(
            "Zielvereinbarung „{id}“ ({county}): {}, {}, {}; Zeitraum {start} bis {end}",
            r.body,
            date(&r.date),
            r.number
        ),
        Lang::En => format!(
            "Goal agreement “{id}” ({county}): {}, {}, {}; period {start} to {end}",
            r.body,
            date(&r.date),
            r.number
        ),
    }
}

/// "Jahresberichte: 2026 (vom 21.01.2027), 2027 (vom 20.01.2028)", or that there are none.
pub fn reports_line(reports: &[(i32, String)], lang: Lang) -> String {
    if reports.is_empty() {
        return lang
            .pick("Noch kein Jahresbericht.", "No annual report yet.")
            .into();
    }
    let list: Vec<String> = (reports.iter())
        .map(|(year, date)| match lang {
            Lang::De => format!("{year} (vom {date})"),
            Lang::En => format!("{year} (of {date})"),
        })
        .collect();
    format!(
        "{}: {}",
        lang.pick("Jahresberichte", "Annual reports"),
        list.join(", ")
    )
}

/// "bis 30.06.2026", "by 30.06.2026".
pub fn deadline(date: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!("bis {date}"),
        Lang::En => format!("by {date}"),
    }
}

/// "Indikator Versorgungsquote U3: 38,6 % → 2026: 40,8 → 2027: 42,9; Ziel 45 % bis 30.09.2028".
pub fn indicator_line(
    name: &str,
    baseline: Option<&str>,
    values: &[(i32, String)],
    target: &str,
    target_date: &str,
    lang: Lang,
) -> String {
    let mut parts = Vec::new();
    if let Some(baseline) = baseline {
        parts.push(baseline.to_string());
    }
    parts.extend(
        values
            .iter()
            .map(|(year, value)| format!("{year}: {value}")),
    );
    let course = if parts.is_empty() {
        lang.pick("noch kein Wert", "no value yet").to_string()
    } else {
        parts.join(" → ")
    };
    match lang {
        Lang::De => format!("Indikator {name}: {course}; Ziel {target} bis {target_date}"),
        Lang::En => format!("Indicator {name}: {course}; target {target} by {target_date}"),
    }
}

/// "Zusammen: 17 von 32 Maßnahmen umgesetzt, 5 begonnen, …; 4 überfällig".
pub fn counts_line(counts: &crate::domain::progress::StatusCounts, lang: Lang) -> String {
    use crate::domain::goals::MeasureStatus as S;
    let mut parts = vec![match lang {
        Lang::De => format!(
            "{} von {} Maßnahmen umgesetzt",
            counts.umgesetzt, counts.total
        ),
        Lang::En => format!("{} of {} measures done", counts.umgesetzt, counts.total),
    }];
    for (count, status) in [
        (counts.begonnen, S::Begonnen),
        (counts.geplant, S::Geplant),
        (counts.verschoben, S::Verschoben),
        (counts.entfallen, S::Entfallen),
    ] {
        if count > 0 {
            parts.push(format!("{count} {}", self::status(status, lang)));
        }
    }
    if counts.unreported > 0 {
        parts.push(format!("{} {}", counts.unreported, not_reported(lang)));
    }
    let mut line = format!("{}: {}", lang.pick("Zusammen", "In all"), parts.join(", "));
    if counts.overdue > 0 {
        line.push_str(&format!("; {} {}", counts.overdue, overdue(lang)));
    }
    line
}

pub fn no_agreement(id: i64, lang: Lang) -> String {
    match lang {
        Lang::De => format!(
            "zu Bewertung {id} gibt es keine Zielvereinbarung (siegel import ZIELVEREINBARUNG.json hängt sie an die Bewertung, auf die sie folgt)"
        ),
        Lang::En => format!(
            "assessment {id} has no goal agreement (siegel import AGREEMENT.json attaches one to the assessment it follows)"
        ),
    }
}

/// A goal still to judge before finalising: "Ziel Z1.1 „…“: Zielerreichung nicht bewertet".
/// `title` is left out where space is short.
pub fn missing_goal(key: &str, title: Option<&str>, rationale: bool, lang: Lang) -> String {
    let goal = key.rsplit_once('/').map_or(key, |(_, goal)| goal);
    let named = match title {
        Some(title) => format!("{goal} „{title}“"),
        None => goal.to_string(),
    };
    match (rationale, lang) {
        (false, Lang::De) => format!("Ziel {named}: Zielerreichung nicht bewertet"),
        (false, Lang::En) => format!("goal {named}: achievement not rated"),
        (true, Lang::De) => format!("Ziel {named}: Begründung der Zielerreichung fehlt"),
        (true, Lang::En) => format!("goal {named}: rationale of the achievement missing"),
    }
}

/// How far a goal was reached, in words.
pub fn achievement(achievement: crate::domain::goals::Achievement, lang: Lang) -> &'static str {
    use crate::domain::goals::Achievement as A;
    match (achievement, lang) {
        (A::Erreicht, Lang::De) => "erreicht",
        (A::Erreicht, Lang::En) => "achieved",
        (A::TeilweiseErreicht, Lang::De) => "teilweise erreicht",
        (A::TeilweiseErreicht, Lang::En) => "partly achieved",
        (A::NichtErreicht, Lang::De) => "nicht erreicht",
        (A::NichtErreicht, Lang::En) => "not achieved",
        (A::Entfallen, Lang::De) => "entfallen",
        (A::Entfallen, Lang::En) => "dropped",
    }
}

/// "17 von 32 umgesetzt · 10 überfällig".
pub fn done_of(done: usize, total: usize, overdue: usize, lang: Lang) -> String {
    let mut text = match lang {
        Lang::De => format!("{done} von {total} umgesetzt"),
        Lang::En => format!("{done} of {total} done"),
    };
    if overdue > 0 {
        text.push_str(&format!(" · {overdue} {}", self::overdue(lang)));
    }
    text
}

/// "16 Ziele: 5 erreicht, 6 teilweise erreicht, 3 nicht erreicht, 1 entfallen, 1 nicht
/// bewertet".
pub fn achievement_counts(
    counts: &[(Option<crate::domain::goals::Achievement>, usize)],
    total: usize,
    lang: Lang,
) -> String {
    let parts: Vec<String> = (counts.iter())
        .filter(|(_, n)| *n > 0)
        .map(|(achievement, n)| {
            let word = achievement.map_or(lang.pick("nicht bewertet", "not rated"), |a| {
                self::achievement(a, lang)
            });
            format!("{n} {word}")
        })
        .collect();
    match lang {
        Lang::De => format!("{total} Ziele: {}", parts.join(", ")),
        Lang::En => format!("{total} goals: {}", parts.join(", ")),
    }
}

pub fn achievement_heading(lang: Lang) -> &'static str {
    lang.pick("Zielerreichung", "Achievement of the goals")
}

/// The table header of the goals in a report.
pub fn goal_columns(lang: Lang) -> [&'static str; 3] {
    match lang {
        Lang::De => ["Ziel", "Zielerreichung", "Maßnahmen (letzter Stand)"],
        Lang::En => ["Goal", "Achievement", "Measures (latest state)"],
    }
}

pub fn sheet_goals(lang: Lang) -> &'static str {
    lang.pick("Zielerreichung", "Goals")
}

/// The header of the workbook's table of measures; one status column per report year.
pub fn measure_columns(years: &[i32], lang: Lang) -> Vec<String> {
    let mut columns: Vec<String> = match lang {
        Lang::De => [
            "Handlungsfeld",
            "Ziel-ID",
            "Ziel",
            "Zielerreichung",
            "Begründung",
            "Maßnahme-ID",
            "Maßnahme",
            "zuständig",
            "Frist",
        ],
        Lang::En => [
            "Field of action",
            "Goal ID",
            "Goal",
            "Achievement",
            "Rationale",
            "Measure ID",
            "Measure",
            "Responsible",
            "Deadline",
        ],
    }
    .iter()
    .map(|c| c.to_string())
    .collect();
    columns.extend(years.iter().map(|year| match lang {
        Lang::De => format!("Stand {year}"),
        Lang::En => format!("State {year}"),
    }));
    columns.push(overdue(lang).to_string());
    columns
}

pub fn not_rated_yet(lang: Lang) -> &'static str {
    lang.pick("noch nicht bewertet", "not rated yet")
}

/// The label of a goal's achievement line.
pub fn achievement_label(lang: Lang) -> &'static str {
    lang.pick("Zielerreichung", "Achievement")
}

pub fn draft_written(file: &str, goals: usize, lang: Lang) -> String {
    if goals == 0 {
        return match lang {
            Lang::De => format!(
                "Entwurf der Zielvereinbarung geschrieben: {file}, ohne Ziele: die Bewertung hat keine Empfehlungen (im Bewerten mit E anlegen); Beschluss, Zeitraum und Ziele ergänzt der Kreis"
            ),
            Lang::En => format!(
                "draft goal agreement written: {file}, without goals: the assessment has no recommendations (add them with E in scoring); the county adds resolution, period and goals"
            ),
        };
    }
    let goals = match (goals, lang) {
        (1, Lang::De) => "1 Ziel".to_string(),
        (n, Lang::De) => format!("{n} Ziele"),
        (1, Lang::En) => "1 goal".to_string(),
        (n, Lang::En) => format!("{n} goals"),
    };
    match lang {
        Lang::De => format!(
            "Entwurf der Zielvereinbarung geschrieben: {file} ({goals} aus den Empfehlungen); Beschluss, Zeitraum, Indikatoren und Maßnahmen ergänzt der Kreis, siegel validate zeigt, was noch fehlt"
        ),
        Lang::En => format!(
            "draft goal agreement written: {file} ({goals} from the recommendations); the county adds resolution, period, indicators and measures, siegel validate shows what is still missing"
        ),
    }
}

/// The interface's line after importing a Zielvereinbarung or a Jahresbericht.
pub fn goals_imported(
    agreement: &str,
    year: Option<i32>,
    assessment: i64,
    existed: bool,
    lang: Lang,
) -> String {
    match (year, existed, lang) {
        (_, true, Lang::De) => "Schon gespeichert; nichts geändert".into(),
        (_, true, Lang::En) => "Stored already; nothing changed".into(),
        (None, false, Lang::De) => {
            format!("Zielvereinbarung \"{agreement}\" an Bewertung {assessment} angehängt")
        }
        (None, false, Lang::En) => {
            format!("Goal agreement \"{agreement}\" attached to assessment {assessment}")
        }
        (Some(year), false, Lang::De) => {
            format!("Jahresbericht {year} zu \"{agreement}\" gespeichert (Bewertung {assessment})")
        }
        (Some(year), false, Lang::En) => {
            format!("Annual report {year} on \"{agreement}\" stored (assessment {assessment})")
        }
    }
}

/// Importing goals into an empty database: what comes first.
pub fn answers_first(report: bool, lang: Lang) -> &'static str {
    match (report, lang) {
        (false, Lang::De) => {
            "noch keine Datenbank: zuerst die Antworten des Kreises importieren, dann die Zielvereinbarung"
        }
        (false, Lang::En) => {
            "no database yet: import the county's answers first, then the goal agreement"
        }
        (true, Lang::De) => {
            "noch keine Datenbank: zuerst die Antworten des Kreises und die Zielvereinbarung importieren, dann die Jahresberichte"
        }
        (true, Lang::En) => {
            "no database yet: import the county's answers and the goal agreement first, then the annual reports"
        }
    }
}
