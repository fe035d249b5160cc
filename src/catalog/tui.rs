//! The words of the terminal interface, German and English.

use super::{Lang, number};
use crate::domain::assessment::{FindingKind, FollowUpStatus};
use crate::tui::action::{Action, Context};
use crate::tui::keymap::KeymapProblem;
use crate::tui::settings::SettingsProblem;

macro_rules! texts {
    ($($name:ident => $de:literal, $en:literal;)*) => {
        /// Fixed texts of the interface.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Ui { $($name),* }

        impl Ui {
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Ui::$name, Lang::De) => $de, (Ui::$name, Lang::En) => $en,)*
                }
            }
        }
    };
}

texts! {
    AppTitle => "siegel · audit familiengerechter Kreis", "siegel · audit familiengerechter Kreis";
    Assessments => "Bewertungen", "Assessments";
    ColumnId => "Nr.", "No.";
    ColumnCounty => "Kreis", "County";
    ColumnQuestionnaire => "Fragebogen", "Questionnaire";
    ColumnAuditor => "Auditor/in", "Auditor";
    ColumnReviewed => "gesichtet", "reviewed";
    ColumnRated => "bewertet", "rated";
    ColumnStatus => "Status", "Status";
    ColumnChanged => "geändert", "changed";
    EmptyDatabase => "Die Datenbank enthält noch keine Bewertung.", "The database holds no assessment yet.";
    EmptyOfferSample => "d  Beispielkreis „Landkreis Musterland“ importieren", "d  import the sample county \"Landkreis Musterland\"";
    EmptyOfferImport => "i  Antwortdatei eines Kreises importieren", "i  import a county's answers file";
    Outline => "Fragen", "Questions";
    Question => "Frage", "Question";
    Help => "Hilfe", "Help";
    Answer => "Antwort des Kreises", "County's answer";
    NoAnswer => "— nicht beantwortet —", "— not answered —";
    NotAsked => "(nicht gefragt: Bedingung nicht erfüllt)", "(not asked: condition does not hold)";
    CountyComment => "Kommentar des Kreises", "County's comment";
    Source => "Quelle", "Source";
    AsOf => "Stichtag", "Reference date";
    Evidence => "Belege", "Evidence";
    NeedForAction => "Handlungsbedarf (vom Kreis markiert)", "Need for action (marked by the county)";
    ChangedSinceImport => "geändert mit dem letzten Import", "changed by the last import";
    YourNote => "Ihre Notiz", "Your note";
    NoNote => "keine Notiz (e schreibt eine)", "no note (e writes one)";
    FollowUps => "Rückfragen", "Follow-up questions";
    Reviewed => "gesichtet", "reviewed";
    NotReviewed => "nicht gesichtet", "not reviewed";
    Yes => "Ja", "Yes";
    No => "Nein", "No";
    Partly => "Teilweise", "Partly";
    Required => "Pflichtfrage", "required";
    Kind => "Art", "Kind";
    Unit => "Einheit", "Unit";
    Parameters => "Qualitätsparameter", "Quality parameters";
    Findings => "Stärken · Herausforderungen · Empfehlungen", "Strengths · challenges · recommendations";
    Strengths => "Stärken", "Strengths";
    Challenges => "Herausforderungen", "Challenges";
    Recommendations => "Empfehlungen", "Recommendations";
    NoEntries => "keine Einträge", "no entries";
    GuidingQuestion => "Leitfrage", "Guiding question";
    Levels => "Stufen", "Levels";
    LevelKeys => "Stufe setzen (die Stufen der Skala)", "set that level (the levels of the scale)";
    Rationale => "Begründung", "Rationale";
    NoRationale => "keine Begründung (e schreibt eine)", "no rationale (e writes one)";
    RationaleRequired => "erforderlich", "required";
    Unrated => "unbewertet", "unrated";
    NeedsReconfirmation => "neu bestätigen: die Antworten haben sich geändert (c bestätigt)", "re-confirm: the answers changed (c confirms)";
    Score => "Wert", "Score";
    NotAssessableScore => "nicht bewertbar", "not assessable";
    NotApplicableScore => "nicht zutreffend", "not applicable";
    NotAssessableShort => "n. bewertbar", "not assessable";
    Overall => "Gesamt", "Overall";
    OverviewTitle => "Überblick", "Overview";
    Matrix => "Handlungsfelder × Qualitätsparameter · Tab: Werte", "Fields of action × quality parameters · Tab: scores";
    Summary => "Werte und Stand · Tab: Matrix", "Scores and progress · Tab: matrix";
    Progress => "Stand", "Progress";
    MissingTitle => "Noch offen vor dem Abschluss", "Still open before finalising";
    NothingMissing => "Nichts offen: die Bewertung kann abgeschlossen werden.", "Nothing open: the assessment can be finalised.";
    OverallText => "Gesamteinschätzung", "Overall assessment";
    NoOverallText => "noch keine Gesamteinschätzung (e schreibt sie)", "no overall assessment yet (e writes it)";
    ReadOnly => "nur lesen", "read-only";
    Finalized => "abgeschlossen", "finalised";
    InProgress => "in Bearbeitung", "in progress";
    DiscardQuestion => "Änderungen verwerfen?  j ja · n nein", "Discard changes?  y yes · n no";
    DeleteQuestion => "Eintrag löschen?  j ja · n nein", "Delete the entry?  y yes · n no";
    ImportPrompt => "Antwortdatei:", "Answers file:";
    SearchPrompt => "Suche:", "Search:";
    NoMatch => "keine Treffer", "no matches";
    ImportFailed => "Import abgelehnt: die Datei hat Fehler, nichts wurde gespeichert", "Import refused: the file has errors, nothing was stored";
    LeaseTitle => "Bewertung wird bearbeitet", "Assessment is being edited";
    LeaseChoice => "r nur lesen · t übernehmen · Esc abbrechen", "r read-only · t take over · Esc cancel";
    SettingsTitle => "Einstellungen", "Settings";
    SettingsIntro => "Ihre Einstellungen haben Probleme; es gilt, was sich lesen ließ:", "Your settings have problems; what could be read applies:";
    Close => "Esc schließen", "Esc close";
    Explanation => "Berechnung", "Computation";
    FollowUpsOf => "Rückfragen zu", "Follow-up questions on";
    NoFollowUps => "keine Rückfragen (f stellt eine)", "no follow-up questions (f asks one)";
    NoteTitle => "Notiz zu", "Note on";
    NewFollowUpTitle => "Neue Rückfrage zu", "New follow-up question on";
    FollowUpTitle => "Rückfrage", "Follow-up question";
    RationaleTitle => "Begründung", "Rationale";
    NewStrength => "Neue Stärke", "New strength";
    NewChallenge => "Neue Herausforderung", "New challenge";
    NewRecommendation => "Neue Empfehlung", "New recommendation";
    EntryTitle => "Eintrag", "Entry";
    Saved => "gespeichert", "saved";
    StaleReloaded => "Die Bewertung wurde inzwischen anderswo geändert und neu geladen.", "The assessment was changed elsewhere meanwhile and has been reloaded.";
    LeaseLostReadOnly => "Jemand anderes hat die Bearbeitung übernommen; diese Ansicht ist jetzt nur lesend.", "Someone else has taken over; this view is read-only now.";
    ReadOnlyRefused => "nur lesend geöffnet: Änderungen sind nicht möglich", "opened read-only: changes are not possible";
    FinalizedRefused => "abgeschlossen: Änderungen erst nach Wiederöffnen", "finalised: changes need a reopen first";
    NotALevelOfScale => "keine Stufe der Skala", "not a level of the scale";
    Municipalities => "Gemeinden", "Municipalities";
    KeysTitle => "Tasten", "Keys";
    Shipped => "mitgeliefert", "shipped";
    ExportTitle => "Exportieren als", "Export as";
    ExportPrompt => "Datei:", "File:";
    FormatMarkdown => "Markdown-Bericht für den Strategieworkshop", "Markdown report for the Strategieworkshop";
    FormatHtml => "HTML-Bericht, druckfertig (A4)", "HTML report, print-ready (A4)";
    FormatJson => "JSON, vollständig, für andere Programme", "JSON, complete, for other programs";
    FormatCsvCells => "CSV: Bewertungen je Handlungsfeld und Parameter", "CSV: ratings per field and parameter";
    FormatCsvAnswers => "CSV: Antworten, Notizen und Rückfragen", "CSV: answers, notes and follow-ups";
    FormatXlsx => "Excel-Arbeitsmappe", "Excel workbook";
    FinalizeQuestion => "Bewertung abschließen und sperren?  j ja · n nein", "Finalise and lock the assessment?  y yes · n no";
    ReopenQuestion => "Abgeschlossene Bewertung wieder öffnen? Das wird im Verlauf vermerkt.  j ja · n nein", "Reopen the finalised assessment? The trail records it.  y yes · n no";
    FinalizedDone => "Bewertung abgeschlossen und gesperrt", "Assessment finalised and locked";
    ReopenedDone => "Bewertung wieder geöffnet", "Assessment reopened";
    NeedsTerminal => "die Oberfläche braucht ein Terminal; Befehle ohne Terminal zeigt siegel --help", "the interface needs a terminal; siegel --help lists the commands that do not";
}

/// The name of a question kind for people.
pub fn kind_label(kind: crate::domain::definition::Kind, lang: Lang) -> &'static str {
    use crate::domain::definition::Kind as K;
    match (kind, lang) {
        (K::YesNo, Lang::De) => "ja/nein",
        (K::YesNo, Lang::En) => "yes/no",
        (K::YesPartlyNo, Lang::De) => "ja/teilweise/nein",
        (K::YesPartlyNo, Lang::En) => "yes/partly/no",
        (K::SingleChoice, Lang::De) => "Einfachauswahl",
        (K::SingleChoice, Lang::En) => "single choice",
        (K::MultipleChoice, Lang::De) => "Mehrfachauswahl",
        (K::MultipleChoice, Lang::En) => "multiple choice",
        (K::Integer, Lang::De) => "ganze Zahl",
        (K::Integer, Lang::En) => "whole number",
        (K::Decimal, Lang::De) => "Zahl",
        (K::Decimal, Lang::En) => "number",
        (K::Percent, Lang::De) => "Prozent",
        (K::Percent, Lang::En) => "percent",
        (K::Date, Lang::De) => "Datum",
        (K::Date, Lang::En) => "date",
        (K::Year, Lang::De) => "Jahr",
        (K::Year, Lang::En) => "year",
        (K::ShortText, Lang::De) => "Kurztext",
        (K::ShortText, Lang::En) => "short text",
        (K::LongText, Lang::De) => "Text",
        (K::LongText, Lang::En) => "text",
        (K::Municipalities, Lang::De) => "Gemeinden",
        (K::Municipalities, Lang::En) => "municipalities",
        (K::OfferList, Lang::De) => "Angebotsliste",
        (K::OfferList, Lang::En) => "list of offers",
        (K::Table, Lang::De) => "Tabelle",
        (K::Table, Lang::En) => "table",
        (K::Evidence, Lang::De) => "Belege",
        (K::Evidence, Lang::En) => "evidence",
    }
}

/// "Terminal zu klein: 50×12, benötigt 60×16".
pub fn too_small(width: u16, height: u16, min_width: u16, min_height: u16, lang: Lang) -> String {
    match lang {
        Lang::De => {
            format!("Terminal zu klein: {width}×{height}, benötigt {min_width}×{min_height}")
        }
        Lang::En => format!("terminal too small: {width}×{height}, need {min_width}×{min_height}"),
    }
}

/// The heading of a help section.
pub fn context_name(context: Context, lang: Lang) -> &'static str {
    match (context, lang) {
        (Context::Global, Lang::De) => "Überall",
        (Context::Global, Lang::En) => "Everywhere",
        (Context::Start, Lang::De) => "Bewertungen",
        (Context::Start, Lang::En) => "Assessments",
        (Context::Review, Lang::De) => "Antworten sichten",
        (Context::Review, Lang::En) => "Reviewing answers",
        (Context::Scoring, Lang::De) => "Handlungsfeld bewerten",
        (Context::Scoring, Lang::En) => "Scoring a field of action",
        (Context::Overview, Lang::De) => "Überblick",
        (Context::Overview, Lang::En) => "Overview",
        (Context::Popup, Lang::De) => "Fenster",
        (Context::Popup, Lang::En) => "Popups",
        (Context::FollowUps, Lang::De) => "Rückfragen",
        (Context::FollowUps, Lang::En) => "Follow-up questions",
        (Context::Dialog, Lang::De) => "Rückfragen des Programms",
        (Context::Dialog, Lang::En) => "Questions siegel asks",
        (Context::Editor, Lang::De) => "Texteditor",
        (Context::Editor, Lang::En) => "Text editor",
        (Context::Prompt, Lang::De) => "Eingabezeile",
        (Context::Prompt, Lang::En) => "Input line",
    }
}

/// The help line of an action: English is its doc comment.
pub fn action_help(action: Action, lang: Lang) -> &'static str {
    use Action::*;
    if lang == Lang::En {
        return action.doc();
    }
    match action {
        Quit => "siegel beenden; alles ist schon gespeichert",
        Help => "alle Tasten zeigen",
        Back => "eine Ebene zurück; auf der Startseite beenden",
        Cancel => "Fenster schließen oder Eingabe abbrechen",
        Down => "nach unten",
        Up => "nach oben",
        PageDown => "eine Seite nach unten",
        PageUp => "eine Seite nach oben",
        Top => "zum ersten Eintrag",
        Bottom => "zum letzten Eintrag",
        NextPane => "zum nächsten Bereich",
        PreviousPane => "zum vorigen Bereich",
        Open => "Auswahl öffnen oder bestätigen",
        Collapse => "Handlungsfeld oder Thema zuklappen",
        Expand => "Handlungsfeld oder Thema aufklappen",
        Import => "Antwortdatei eines Kreises importieren",
        ImportSample => "Beispielkreis Landkreis Musterland importieren",
        OpenReadOnly => "ausgewählte Bewertung nur lesend öffnen",
        ToggleReviewed => "Frage als gesichtet markieren oder die Markierung aufheben",
        Edit => "ausgewählten Text bearbeiten: Notiz, Begründung, Eintrag, Gesamteinschätzung",
        AddFollowUp => "dem Kreis eine Rückfrage zu dieser Frage stellen",
        FollowUps => "Rückfragen zu dieser Frage zeigen und ihren Status ändern",
        CycleStatus => "Status der Rückfrage weiterschalten (offen → beantwortet → erledigt)",
        NextUnreviewed => "zur nächsten noch nicht gesichteten Frage",
        NextNeedForAction => "zur nächsten Antwort mit Handlungsbedarf",
        NextChanged => "zur nächsten mit dem letzten Import geänderten Antwort",
        Scoring => "Handlungsfeld bewerten",
        Overview => "Überblick über alle Handlungsfelder",
        Answers => "Antworten des Kreises zu diesem Handlungsfeld zeigen",
        Search => "Fragen, Antworten und Notizen durchsuchen",
        NextMatch => "zum nächsten Treffer",
        PreviousMatch => "zum vorigen Treffer",
        Level0 => "Stufe 0 setzen",
        Level1 => "Stufe 1 setzen",
        Level2 => "Stufe 2 setzen",
        Level3 => "Stufe 3 setzen",
        Level4 => "Stufe 4 setzen",
        Level5 => "Stufe 5 setzen",
        Level6 => "Stufe 6 setzen",
        Level7 => "Stufe 7 setzen",
        Level8 => "Stufe 8 setzen",
        Level9 => "Stufe 9 setzen",
        NotApplicable => "als „nicht zutreffend“ markieren",
        NotAssessable => "als „nicht bewertbar“ markieren (Informationen fehlen)",
        ClearRating => "Bewertung entfernen",
        ConfirmRating => "Bewertung trotz geänderter Antworten bestätigen",
        AddStrength => "Stärke dieses Handlungsfelds hinzufügen",
        AddChallenge => "Herausforderung dieses Handlungsfelds hinzufügen",
        AddRecommendation => "Empfehlung für dieses Handlungsfeld hinzufügen",
        Delete => "ausgewählten Eintrag löschen",
        MoveUp => "ausgewählten Eintrag nach oben schieben",
        MoveDown => "ausgewählten Eintrag nach unten schieben",
        NextField => "zum nächsten Handlungsfeld",
        PreviousField => "zum vorigen Handlungsfeld",
        Explain => "zeigen, wie der Wert berechnet wurde",
        Export => "Bericht exportieren: Markdown, HTML, JSON, CSV oder Arbeitsmappe",
        Finalize => "Bewertung abschließen (oder eine abgeschlossene wieder öffnen)",
        Save => "Text speichern und Editor schließen",
        Complete => "Pfad vervollständigen",
        Yes => "ja",
        No => "nein",
        ReadOnly => "nur lesend öffnen und dem Bearbeiter die Bewertung lassen",
        TakeOver => "die Bewertung vom bisherigen Bearbeiter übernehmen",
    }
}

/// The short label of an action in the footer.
pub fn action_label(action: Action, lang: Lang) -> &'static str {
    use Action::*;
    let (de, en) = match action {
        Quit => ("beenden", "quit"),
        Help => ("Hilfe", "help"),
        Back => ("zurück", "back"),
        Cancel => ("abbrechen", "cancel"),
        Open => ("öffnen", "open"),
        Import => ("importieren", "import"),
        ImportSample => ("Beispiel", "sample"),
        ToggleReviewed => ("gesichtet", "reviewed"),
        Edit => ("bearbeiten", "edit"),
        AddFollowUp => ("Rückfrage", "follow-up"),
        FollowUps => ("Rückfragen", "follow-ups"),
        CycleStatus => ("Status", "status"),
        NextUnreviewed => ("ungesichtet", "unreviewed"),
        NextNeedForAction => ("Handlungsbedarf", "need for action"),
        Scoring => ("bewerten", "score"),
        Overview => ("Überblick", "overview"),
        Answers => ("Antworten", "answers"),
        Search => ("suchen", "search"),
        NotApplicable => ("n. zutr.", "n/a"),
        NotAssessable => ("n. bewertb.", "n/ass."),
        Explain => ("Berechnung", "explain"),
        Export => ("exportieren", "export"),
        Finalize => ("abschließen", "finalise"),
        NextField => ("Feld →", "field →"),
        Save => ("speichern", "save"),
        Complete => ("ergänzen", "complete"),
        Yes => ("ja", "yes"),
        No => ("nein", "no"),
        ReadOnly => ("nur lesen", "read-only"),
        TakeOver => ("übernehmen", "take over"),
        NextPane => ("Bereich", "pane"),
        _ => ("", ""),
    };
    match lang {
        Lang::De => de,
        Lang::En => en,
    }
}

pub fn follow_up_status(status: FollowUpStatus, lang: Lang) -> &'static str {
    match (status, lang) {
        (FollowUpStatus::Open, Lang::De) => "offen",
        (FollowUpStatus::Open, Lang::En) => "open",
        (FollowUpStatus::Answered, Lang::De) => "beantwortet",
        (FollowUpStatus::Answered, Lang::En) => "answered",
        (FollowUpStatus::Done, Lang::De) => "erledigt",
        (FollowUpStatus::Done, Lang::En) => "done",
    }
}

pub fn finding_kind(kind: FindingKind) -> Ui {
    match kind {
        FindingKind::Strength => Ui::Strengths,
        FindingKind::Challenge => Ui::Challenges,
        FindingKind::Recommendation => Ui::Recommendations,
    }
}

/// "gesichtet 12/110 · bewertet 8/42 · 3 Rückfragen offen".
pub fn progress(
    reviewed: usize,
    questions: usize,
    rated: usize,
    cells: usize,
    open: usize,
    lang: Lang,
) -> String {
    match lang {
        Lang::De => format!(
            "gesichtet {reviewed}/{questions} · bewertet {rated}/{cells} · Rückfragen offen {open}"
        ),
        Lang::En => format!(
            "reviewed {reviewed}/{questions} · rated {rated}/{cells} · follow-ups open {open}"
        ),
    }
}

/// Asked before finalising with follow-up questions still open.
pub fn finalize_with_open(open: usize, lang: Lang) -> String {
    match lang {
        Lang::De => format!(
            "{open} Rückfrage(n) offen. Trotzdem abschließen? Das wird im Verlauf vermerkt.  j ja · n nein"
        ),
        Lang::En => format!(
            "{open} follow-up question(s) open. Finalise anyway? The trail records it.  y yes · n no"
        ),
    }
}

/// Why the assessment cannot be finalised yet.
pub fn not_ready(missing: usize, lang: Lang) -> String {
    match lang {
        Lang::De => format!("noch nicht abschließbar: {missing} Punkte offen (Liste im Überblick)"),
        Lang::En => format!("cannot be finalised yet: {missing} items open (list in the overview)"),
    }
}

pub fn exported(file: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!("gespeichert: {file}"),
        Lang::En => format!("written: {file}"),
    }
}

/// "Treffer 2/7: Kita".
pub fn search_status(current: usize, total: usize, query: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!("Treffer {current}/{total}: „{query}“"),
        Lang::En => format!("match {current}/{total}: \"{query}\""),
    }
}

/// A score for display: "2,4" / "2.4".
pub fn score(value: f64, decimals: u32, lang: Lang) -> String {
    let text = format!("{value:.prec$}", prec = decimals as usize);
    match lang {
        Lang::De => text.replace('.', ","),
        Lang::En => text,
    }
}

pub fn share(value: f64, lang: Lang) -> String {
    format!("{} %", number((value * 100.0).round(), lang))
}

/// "rated share 40 % < minimum 60 %".
pub fn share_below(share_value: f64, min: f64, lang: Lang) -> String {
    match lang {
        Lang::De => format!(
            "{} bewertet, mind. {}",
            share(share_value, lang),
            share(min, lang)
        ),
        Lang::En => format!(
            "{} rated, min. {}",
            share(share_value, lang),
            share(min, lang)
        ),
    }
}

pub fn imported(county: &str, id: i64, lang: Lang) -> String {
    match lang {
        Lang::De => format!("{county} als Bewertung {id} importiert"),
        Lang::En => format!("imported {county} as assessment {id}"),
    }
}

pub fn sample_exists(id: i64, lang: Lang) -> String {
    match lang {
        Lang::De => format!("Der Beispielkreis ist schon da: Bewertung {id}"),
        Lang::En => format!("The sample county is already here: assessment {id}"),
    }
}

/// `2025-05-12T07:00:00Z` → `12.05.2025, 07:00 UTC`.
pub fn timestamp(text: &str, lang: Lang) -> String {
    match (text.get(..10), text.get(11..16)) {
        (Some(date), Some(time)) => {
            let date = match (lang, date.split('-').collect::<Vec<_>>().as_slice()) {
                (Lang::De, [y, m, d]) => format!("{d}.{m}.{y}"),
                _ => date.to_string(),
            };
            format!("{date}, {time} UTC")
        }
        _ => text.to_string(),
    }
}

pub fn lease_held(auditor: &str, host: &str, since: &str, lang: Lang) -> String {
    let since = timestamp(since, lang);
    match lang {
        Lang::De => format!("{auditor} bearbeitet diese Bewertung seit {since} (Rechner {host})."),
        Lang::En => {
            format!("{auditor} has been editing this assessment since {since} (host {host}).")
        }
    }
}

/// A problem of the user's settings as a line of the start-up notice.
pub fn settings_problem(problem: &SettingsProblem, lang: Lang) -> String {
    match problem {
        SettingsProblem::Config { file, reason } => match lang {
            Lang::De => format!("{file}: {reason}"),
            Lang::En => format!("{file}: {reason}"),
        },
        SettingsProblem::Keymap { file, problem } => {
            format!("{file}: {}", keymap_problem(problem, lang))
        }
    }
}

fn keymap_problem(problem: &KeymapProblem, lang: Lang) -> String {
    match (problem, lang) {
        (KeymapProblem::Syntax(e), Lang::De) => format!("keymap.toml ist kein gültiges TOML: {e}"),
        (KeymapProblem::Syntax(e), Lang::En) => format!("keymap.toml is not valid TOML: {e}"),
        (KeymapProblem::UnknownContext(c), Lang::De) => format!("unbekannter Abschnitt [{c}]"),
        (KeymapProblem::UnknownContext(c), Lang::En) => format!("unknown section [{c}]"),
        (KeymapProblem::UnknownAction { context, name }, Lang::De) => {
            format!("[{context}] unbekannte Aktion „{name}“")
        }
        (KeymapProblem::UnknownAction { context, name }, Lang::En) => {
            format!("[{context}] unknown action \"{name}\"")
        }
        (
            KeymapProblem::BadKey {
                context,
                action,
                key,
            },
            Lang::De,
        ) => format!("[{context}] {action}: unbekannte Taste „{key}“"),
        (
            KeymapProblem::BadKey {
                context,
                action,
                key,
            },
            Lang::En,
        ) => format!("[{context}] {action}: unknown key \"{key}\""),
        (
            KeymapProblem::Conflict {
                context,
                key,
                first,
                second,
            },
            Lang::De,
        ) => format!(
            "[{}] Taste {key} ist zweimal belegt: {} und {} (es gilt {})",
            <&str>::from(*context),
            first.name(),
            second.name(),
            second.name()
        ),
        (
            KeymapProblem::Conflict {
                context,
                key,
                first,
                second,
            },
            Lang::En,
        ) => format!(
            "[{}] key {key} is bound twice: {} and {} ({} applies)",
            <&str>::from(*context),
            first.name(),
            second.name(),
            second.name()
        ),
    }
}

/// One item of the list of what is missing before finalising.
pub fn missing(
    definition: &crate::domain::definition::Definition,
    missing: &crate::domain::scoring::Missing,
    lang: Lang,
) -> String {
    let cell = |field: &str, parameter: &str| {
        format!(
            "{field} × {}",
            crate::tui::app::parameter_label(definition, parameter)
        )
    };
    match (missing, lang) {
        (
            crate::domain::scoring::Missing::Unrated {
                field_id,
                parameter_id,
            },
            Lang::De,
        ) => format!("{}: unbewertet", cell(field_id, parameter_id)),
        (
            crate::domain::scoring::Missing::Unrated {
                field_id,
                parameter_id,
            },
            Lang::En,
        ) => format!("{}: not rated", cell(field_id, parameter_id)),
        (
            crate::domain::scoring::Missing::Rationale {
                field_id,
                parameter_id,
            },
            Lang::De,
        ) => format!("{}: Begründung fehlt", cell(field_id, parameter_id)),
        (
            crate::domain::scoring::Missing::Rationale {
                field_id,
                parameter_id,
            },
            Lang::En,
        ) => format!("{}: rationale missing", cell(field_id, parameter_id)),
        (
            crate::domain::scoring::Missing::Reconfirm {
                field_id,
                parameter_id,
            },
            Lang::De,
        ) => format!("{}: neu bestätigen", cell(field_id, parameter_id)),
        (
            crate::domain::scoring::Missing::Reconfirm {
                field_id,
                parameter_id,
            },
            Lang::En,
        ) => format!("{}: re-confirm", cell(field_id, parameter_id)),
        (crate::domain::scoring::Missing::OpenFollowUp { question_id, .. }, Lang::De) => {
            format!("Rückfrage zu {question_id} offen")
        }
        (crate::domain::scoring::Missing::OpenFollowUp { question_id, .. }, Lang::En) => {
            format!("follow-up question on {question_id} open")
        }
    }
}
