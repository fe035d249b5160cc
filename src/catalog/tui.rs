//! The words of the terminal interface, German and English.

use super::{Lang, number};
use crate::domain::answers::ProcedureKind;
use crate::domain::assessment::{FindingKind, FollowUpStatus};

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
    GoalsTitle => "Ziele", "Goals";
    ConsensusRationaleLabel => "Begründung", "rationale";
    ConsensusRationaleTitle => "Begründung des Konsenses", "Rationale of the consensus";
    ConsensusFirst => "Erst die vereinbarte Stufe wählen, dann die Begründung schreiben.", "Choose the agreed level first, then write the rationale.";
    NoDifferences => "Die beiden Bewertungen stimmen in jeder Zelle überein.", "The two ratings agree in every cell.";
    ConsensusHeading => "Konsens", "Consensus";
    NoSubmittedSecond => "Es gibt keine eingereichte Zweitbewertung zu dieser Bewertung.", "There is no submitted second rating of this assessment.";
    NoGoals => "Keine Zielvereinbarung (siegel import ZIELVEREINBARUNG.json)", "No goal agreement (siegel import AGREEMENT.json)";
    GoalsNotJudged => "Die Zielerreichung bewertet die Bilanzierung, die auf dieses Audit folgt.", "The achievement is rated in the Bilanzierung that follows this audit.";
    GoalRationaleLabel => "Begründung", "rationale";
    GoalRationaleTitle => "Begründung der Zielerreichung", "Rationale of the achievement";
    MeasuresHeading => "Maßnahmen", "Measures";
    NoGoalRationale => "Noch keine Begründung.", "No rationale yet.";
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
    EmptyOfferSample => "Beispielkreis „Landkreis Musterland“ importieren", "import the sample county \"Landkreis Musterland\"";
    EmptyOfferImport => "Antwortdatei eines Kreises importieren", "import a county's answers file";
    Outline => "Fragen", "Questions";
    Question => "Frage", "Question";
    Help => "Hilfe", "Help";
    Answer => "Antwort des Kreises", "County's answer";
    NoAnswer => "— nicht beantwortet —", "— not answered —";
    NoOtherPart => "Kein weiterer Teil: der Text ist hier zu Ende oder nicht gekürzt.", "No other part: the text ends here or is not shortened.";
    PreviousTitle => "Frühere Bewertung wählen", "Choose the previous assessment";
    PreviousIntro => "Mehrere frühere Bewertungen dieses Kreises kommen in Frage. Auf welche folgt die Bilanzierung?", "Several earlier assessments of this county could be meant. Which one does the Bilanzierung follow?";
    NothingImported => "Nichts importiert.", "Nothing imported.";
    NothingToAdopt => "Nichts zu übernehmen: im letzten Audit unbewertet oder nicht vergleichbar.", "Nothing to take over: unrated in the last audit, or not comparable.";
    AdoptsIt => "übernimmt sie", "takes it over";
    NotRatedOrNotComparable => "nicht bewertet oder nicht vergleichbar", "not rated or not comparable";
    NothingDifferent => "Keine Antwort weicht vom letzten Audit ab.", "No answer differs from the last audit.";
    NoLastAudit => "Diese Bewertung ist mit keinem früheren Audit verknüpft.", "This assessment is not linked to an earlier audit.";
    NotAsked => "(nicht gefragt: Bedingung nicht erfüllt)", "(not asked: condition does not hold)";
    CountyComment => "Kommentar des Kreises", "County's comment";
    Source => "Quelle", "Source";
    AsOf => "Stichtag", "Reference date";
    Evidence => "Belege", "Evidence";
    NeedForAction => "Handlungsbedarf (vom Kreis markiert)", "Need for action (marked by the county)";
    ChangedSinceImport => "geändert mit dem letzten Import", "changed by the last import";
    YourNote => "Ihre Notiz", "Your note";
    NoNote => "keine Notiz", "no note";
    NoNoteToMark => "Diese Frage hat keine Notiz, die intern sein könnte.", "This question has no note to mark internal.";
    NoteInternal => "intern: nicht im Bericht für den Kreis", "internal: not in the county's copy of a report";
    NoteNowInternal => "Notiz ist jetzt intern: sie steht in keinem Bericht für den Kreis", "The note is internal now: no copy for the county shows it";
    NoteNowForCounty => "Notiz steht wieder im Bericht für den Kreis", "The note is in the county's copy again";
    NoteForCounty => "steht im Bericht für den Kreis", "in the county's copy of a report";
    MarksInternal => "macht sie intern", "makes it internal";
    MarksForCounty => "gibt sie für den Kreis frei", "puts it in the county's copy";
    WritesOne => "schreibt eine", "writes one";
    AsksOne => "stellt eine", "asks one";
    WritesIt => "schreibt sie", "writes it";
    Confirms => "bestätigt", "confirms";
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
    FindingsShort => "Befunde", "Findings";
    Strengths => "Stärken", "Strengths";
    Challenges => "Herausforderungen", "Challenges";
    Recommendations => "Empfehlungen", "Recommendations";
    NoEntries => "keine Einträge", "no entries";
    GuidingQuestion => "Leitfrage", "Guiding question";
    Levels => "Stufen", "levels";
    LevelKeys => "Stufe setzen (die Stufen der Skala)", "set that level (the levels of the scale)";
    Rationale => "Begründung", "Rationale";
    NoRationale => "keine Begründung", "no rationale";
    RationaleRequired => "erforderlich", "required";
    Unrated => "unbewertet", "unrated";
    NeedsReconfirmation => "neu bestätigen: die Antworten haben sich geändert", "re-confirm: the answers changed";
    Score => "Wert", "Score";
    NotAssessableScore => "nicht bewertbar", "not assessable";
    NotApplicableScore => "nicht zutreffend", "not applicable";
    NotAssessableShort => "n. bewertbar", "not assessable";
    Overall => "Gesamt", "Overall";
    OverviewTitle => "Überblick", "Overview";
    Matrix => "Handlungsfelder × Qualitätsparameter", "Fields of action × quality parameters";
    Summary => "Werte und Stand", "Scores and progress";
    ShowScores => "Werte", "scores";
    ShowMatrix => "Matrix", "matrix";
    Progress => "Stand", "Progress";
    MissingTitle => "Noch offen vor dem Abschluss", "Still open before finalising";
    StillOpen => "Noch offen", "Still open";
    NothingMissing => "Nichts offen: die Bewertung kann abgeschlossen werden.", "Nothing open: the assessment can be finalised.";
    NothingMissingSecond => "Nichts offen: die Zweitbewertung kann eingereicht werden.", "Nothing open: the second rating can be submitted.";
    OverallText => "Gesamteinschätzung", "Overall assessment";
    NoOverallText => "noch keine Gesamteinschätzung", "no overall assessment yet";
    ReadOnly => "nur lesen", "read-only";
    Finalized => "abgeschlossen", "finalised";
    InProgress => "in Bearbeitung", "in progress";
    DiscardQuestion => "Die Änderungen an diesem Text verwerfen?", "Discard the changes to this text?";
    DeleteQuestion => "Diesen Eintrag löschen?", "Delete this entry?";
    Cancel => "Abbrechen", "Cancel";
    KeepEditing => "Weiter bearbeiten", "Keep editing";
    Discard => "Verwerfen", "Discard";
    DeleteButton => "Löschen", "Delete";
    FinalizeButton => "Abschließen", "Finalise";
    ReopenButton => "Wieder öffnen", "Reopen";
    ReplaceButton => "Ersetzen", "Replace";
    ReadOnlyButton => "Nur lesen", "Read-only";
    TakeOverButton => "Übernehmen", "Take over";
    ConfirmTitle => "Bitte bestätigen", "Please confirm";
    ReplaceQuestion => "Die Datei gibt es schon. Ersetzen?", "The file exists already. Replace it?";
    NothingUnreviewed => "alle Fragen sind gesichtet", "every question is reviewed";
    HeaderNotAQuestion => "das geht nur bei einer Frage: bitte eine Frage wählen", "that works on a question: select one";
    NoChangedAnswers => "keine Antwort wurde mit dem letzten Import geändert", "no answer was changed by the last import";
    NoNeedForAction => "keine weitere Antwort mit Handlungsbedarf", "no further answer with a need for action";
    LeaseLostEditor => "Nicht gespeichert: jemand anderes hat die Bewertung übernommen. Der Text bleibt hier und als Entwurf erhalten; er wird wieder angeboten, wenn Sie das Feld erneut öffnen.", "Not saved: someone else has taken over the assessment. The text stays here and is kept as a draft, offered again when you next open the field.";
    RefusedEditor => "Nicht gespeichert. Der Text bleibt hier und als Entwurf erhalten; noch einmal speichern.", "Not saved. The text stays here and is kept as a draft; save again.";
    QuitUnsaved => "Nicht gespeichert: noch einmal beenden behält den Text als Entwurf.", "Not saved: quitting again keeps the text as a draft.";
    ImportPrompt => "Antwortdatei:", "Answers file:";
    SearchPrompt => "Suche:", "Search:";
    ImportFailed => "Import abgelehnt, nichts gespeichert", "Import refused, nothing stored";
    LeaseTitle => "Bewertung wird bearbeitet", "Assessment is being edited";
    TakeOverWarning => "Übernehmen beendet die Bearbeitung dort; nicht gespeicherter Text dort bleibt im Editor stehen.", "Taking over ends the editing there; unsaved text there stays in its editor.";
    SettingsTitle => "Einstellungen", "Settings";
    SettingsIntro => "Ihre Einstellungen haben Probleme; es gilt, was sich lesen ließ:", "Your settings have problems; what could be read applies:";
    Explanation => "Berechnung", "Computation";
    FollowUpsOf => "Rückfragen zu", "Follow-up questions on";
    NoFollowUps => "keine Rückfragen", "no follow-up questions";
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
    ExportPrompt => "Speichern unter:", "Save as:";
    FormatMarkdown => "Markdown-Bericht für den Strategieworkshop", "Markdown report for the Strategieworkshop";
    FormatPdf => "PDF-Bericht (A4, PDF/A, mit Inhaltsverzeichnis)", "PDF report (A4, PDF/A, with contents)";
    FormatHtml => "HTML-Bericht, druckfertig (A4)", "HTML report, print-ready (A4)";
    FormatJson => "JSON, vollständig, für andere Programme", "JSON, complete, for other programs";
    FormatCsvCells => "CSV: Bewertungen je Handlungsfeld und Parameter", "CSV: ratings per field and parameter";
    FormatCsvAnswers => "CSV: Antworten, Notizen und Rückfragen", "CSV: answers, notes and follow-ups";
    FormatCsvComparison => "CSV: Vergleich mit dem letzten Audit", "CSV: comparison with the last audit";
    FormatXlsx => "Excel-Arbeitsmappe", "Excel workbook";
    FinalizeQuestion => "Bewertung abschließen und sperren?", "Finalise and lock the assessment?";
    ReopenQuestion => "Abgeschlossene Bewertung wieder öffnen? Das wird im Verlauf vermerkt.", "Reopen the finalised assessment? The trail records it.";
    FinalizedDone => "Bewertung abgeschlossen und gesperrt", "Assessment finalised and locked";
    ReopenedDone => "Bewertung wieder geöffnet", "Assessment reopened";
    Rating => "Bewertung", "Rating";
    ImportLabel => "importieren", "import";
    SearchLabel => "suchen", "search";
    SaveLabel => "speichern", "save";
    ChooseLabel => "wählen", "choose";
    ConfirmLabel => "bestätigen", "confirm";
    CloseLabel => "schließen", "close";
    NothingOpen => "Nichts offen.", "Nothing open.";
    QuitLabel => "beenden", "quit";
    ReopenLabel => "wieder öffnen", "reopen";
    SubmitLabel => "einreichen", "submit";
    SubmitQuestion => "Zweitbewertung einreichen? Sie bleibt dann so, wie sie ist, und die Erstbewertung wird für Sie sichtbar.", "Submit the second rating? It then stays as it is, and the first rating becomes visible to you.";
    SubmitButton => "Einreichen", "Submit";
    SubmittedDone => "Zweitbewertung eingereicht; die Erstbewertung ist jetzt sichtbar", "Second rating submitted; the first rating is visible now";
    SignsOff => "unterschreibt", "signs off";
    UnknownAuditor => "unbekannt", "unknown";
    NoFilesOverSsh => "Über SSH keine Dateien: Import und Export am Server (siegel import/export)", "No files over SSH: import and export on the server (siegel import/export)";
    NeedsPty => "siegel serve zeigt die Oberfläche nur in einem Terminal: ssh -t", "siegel serve shows the interface in a terminal only: ssh -t";
    ServerShutdown => "siegel serve wird beendet; alles ist gespeichert. Bis gleich.", "siegel serve is shutting down; everything is saved. See you soon.";
    NeedsTerminal => "die Oberfläche braucht ein Terminal; Befehle ohne Terminal zeigt siegel --help", "the interface needs a terminal; siegel --help lists the commands that do not";
}

/// The name of a question kind for people.
/// A problem in `siegel serve`'s authorized_keys file: "FILE:LINE: problem".
pub fn authorized_keys_problem(
    error: &crate::domain::authorized_keys::AuthorizedKeysError,
    lang: Lang,
) -> String {
    use crate::domain::authorized_keys::Problem as P;
    let de = lang == Lang::De;
    let problem = match (&error.problem, de) {
        (P::Read(e), _) => e.clone(),
        (P::Empty, true) => "kein Schlüssel in der Datei: niemand könnte sich anmelden".into(),
        (P::Empty, false) => "no keys in the file: nobody could log in".into(),
        (P::MissingKey, true) => "Schlüsseltyp und Schlüssel fehlen".into(),
        (P::MissingKey, false) => "expected a key type and a key".into(),
        (P::NotAKey(e), true) => format!("kein öffentlicher Schlüssel ({e})"),
        (P::NotAKey(e), false) => format!("not a public key ({e})"),
        (P::NoName, true) => {
            "der Schlüssel nennt keine Auditorin, keinen Auditor: Kommentar oder auditor=\"Name\" ergänzen".into()
        }
        (P::NoName, false) => {
            "the key names no auditor: add a comment or auditor=\"Name\"".into()
        }
        (P::ControlInName, true) => "der Name enthält Steuerzeichen".into(),
        (P::ControlInName, false) => "the auditor's name has control characters".into(),
        (P::Duplicate(name), true) => format!("derselbe Schlüssel steht schon für {name} in der Datei"),
        (P::Duplicate(name), false) => format!("the same key is already listed for {name}"),
        (P::UnsupportedOption(option), true) => format!(
            "die Option {option} unterstützt siegel serve nicht; nur auditor=\"…\" und restrict"
        ),
        (P::UnsupportedOption(option), false) => format!(
            "siegel serve does not support the option {option}; only auditor=\"…\" and restrict"
        ),
        (P::UnclosedQuote, true) => "ein Anführungszeichen der Optionen ist nicht geschlossen".into(),
        (P::UnclosedQuote, false) => "an option's quote is not closed".into(),
        (P::AuditorNotQuoted, true) => {
            "auditor= braucht den Namen in Anführungszeichen: auditor=\"Dr. Anna Prüfer\"".into()
        }
        (P::AuditorNotQuoted, false) => {
            "auditor= wants a quoted name: auditor=\"Dr. Anna Prüfer\"".into()
        }
    };
    match error.line {
        Some(line) => format!("{}:{line}: {problem}", error.file),
        None => format!("{}: {problem}", error.file),
    }
}

/// Why `siegel serve` cannot listen.
pub fn cannot_listen(address: &str, error: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!("kann nicht auf {address} hören: {error}"),
        Lang::En => format!("cannot listen on {address}: {error}"),
    }
}

/// Why a session with a key at its limit gets no interface.
pub fn too_many_sessions(limit: usize, lang: Lang) -> String {
    match (lang, limit) {
        (Lang::De, 1) => "mit diesem Schlüssel ist schon eine Sitzung offen, mehr lässt der Server nicht zu; bitte diese beenden".into(),
        (Lang::De, _) => format!(
            "mit diesem Schlüssel sind schon {limit} Sitzungen offen, mehr lässt der Server nicht zu; bitte eine davon beenden"
        ),
        (Lang::En, 1) => "this key already has a session open, the most the server allows; please end it".into(),
        (Lang::En, _) => format!(
            "this key already has {limit} sessions open, the most the server allows; please end one of them"
        ),
    }
}

/// What `siegel serve` says once it listens: where, the host key to check, how many auditors.
pub fn serving(
    address: &str,
    fingerprint: &str,
    created: bool,
    auditors: usize,
    lang: Lang,
) -> String {
    let key = match (created, lang) {
        (true, Lang::De) => "neuer Host-Schlüssel",
        (true, Lang::En) => "new host key",
        (false, Lang::De) => "Host-Schlüssel",
        (false, Lang::En) => "host key",
    };
    match lang {
        Lang::De => format!(
            "siegel serve hört auf {address}\n{key}: {fingerprint}\n{auditors} Auditorinnen und Auditoren dürfen sich anmelden"
        ),
        Lang::En => format!(
            "siegel serve is listening on {address}\n{key}: {fingerprint}\n{auditors} auditors may log in"
        ),
    }
}

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

/// The heading of a help section, by the context's keymap name.
pub fn context_name(context: &str, lang: Lang) -> &'static str {
    let (de, en) = match context {
        "global" => ("Überall", "Everywhere"),
        "start" => ("Bewertungen", "Assessments"),
        "review" => ("Antworten sichten", "Reviewing answers"),
        "scoring" => ("Handlungsfeld bewerten", "Scoring a field of action"),
        "overview" => ("Überblick", "Overview"),
        "goals" => ("Ziele", "Goals"),
        "consensus" => (
            "Konsens mit der Zweitbewertung",
            "Consensus with the second rating",
        ),
        "popup" => ("Fenster", "Popups"),
        "follow_ups" => ("Rückfragen", "Follow-up questions"),
        "dialog" => ("Fragen des Programms", "Questions siegel asks"),
        "editor" => ("Texteditor", "Text editor"),
        "prompt" => ("Eingabezeile", "Input line"),
        _ => ("", ""),
    };
    pick(lang, de, en)
}

fn pick(lang: Lang, de: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::De => de,
        Lang::En => en,
    }
}

/// The German help line of an action, by its keymap name (English is the action's doc
/// comment); empty for a name the catalog does not know, which a test rules out.
pub fn action_help_de(action: &str) -> &'static str {
    match action {
        "quit" => "siegel beenden; alles ist schon gespeichert",
        "help" => "alle Tasten zeigen",
        "back" => "eine Ebene zurück; auf der Startseite beenden",
        "cancel" => "Fenster schließen oder Eingabe abbrechen",
        "down" => "nach unten",
        "up" => "nach oben",
        "page_down" => "eine Seite nach unten",
        "page_up" => "eine Seite nach oben",
        "top" => "zum ersten Eintrag",
        "bottom" => "zum letzten Eintrag",
        "next_pane" => "zum nächsten Bereich",
        "previous_pane" => "zum vorigen Bereich",
        "open" => "Auswahl öffnen oder bestätigen",
        "collapse" => "Handlungsfeld oder Thema zuklappen",
        "expand" => "Handlungsfeld oder Thema aufklappen",
        "import" => "Antwortdatei eines Kreises importieren",
        "import_sample" => "Beispielkreis Landkreis Musterland importieren",
        "open_read_only" => "ausgewählte Bewertung nur lesend öffnen",
        "toggle_reviewed" => "Frage als gesichtet markieren oder die Markierung aufheben",
        "toggle_internal" => {
            "Notiz als intern markieren (nicht im Bericht für den Kreis) oder die Markierung aufheben"
        }
        "edit" => "ausgewählten Text bearbeiten: Notiz, Begründung, Eintrag, Gesamteinschätzung",
        "add_follow_up" => "dem Kreis eine Rückfrage zu dieser Frage stellen",
        "follow_ups" => "Rückfragen zu dieser Frage zeigen und ihren Status ändern",
        "cycle_status" => "Status der Rückfrage weiterschalten (offen → beantwortet → erledigt)",
        "next_unreviewed" => "zur nächsten noch nicht gesichteten Frage",
        "next_need_for_action" => "zur nächsten Antwort mit Handlungsbedarf",
        "next_changed" => "zur nächsten mit dem letzten Import geänderten Antwort",
        "adopt_previous" => {
            "Bewertung des letzten Audits für diese Zelle übernehmen (Bilanzierung; wird als übernommen vermerkt)"
        }
        "next_different" => "zur nächsten Antwort, die vom letzten Audit abweicht (Bilanzierung)",
        "next_part" => "nächsten Teil eines langen Textes zeigen",
        "previous_part" => "vorigen Teil eines langen Textes zeigen",
        "scoring" => "Handlungsfeld bewerten",
        "overview" => "Überblick über alle Handlungsfelder",
        "answers" => "Antworten des Kreises zu diesem Handlungsfeld zeigen",
        "goals" => "Ziele der Zielvereinbarung, ihre Maßnahmen und die Zielerreichung zeigen",
        "consensus" => {
            "Konsens mit der eingereichten Zweitbewertung: nur die Zellen, in denen beide abweichen"
        }
        "sign" => {
            "die abgeschlossene Bewertung unterschreiben (mit dem SSH-Schlüssel über den ssh-agent)"
        }
        "achieved" => "Ziel als erreicht bewerten (Bilanzierung)",
        "partly_achieved" => "Ziel als teilweise erreicht bewerten",
        "not_achieved" => "Ziel als nicht erreicht bewerten",
        "goal_dropped" => "Ziel als entfallen bewerten (die Begründung sagt, warum)",
        "search" => "Fragen, Antworten und Notizen durchsuchen",
        "next_match" => "zum nächsten Treffer",
        "previous_match" => "zum vorigen Treffer",
        "level0" => "Stufe 0 setzen",
        "level1" => "Stufe 1 setzen",
        "level2" => "Stufe 2 setzen",
        "level3" => "Stufe 3 setzen",
        "level4" => "Stufe 4 setzen",
        "level5" => "Stufe 5 setzen",
        "level6" => "Stufe 6 setzen",
        "level7" => "Stufe 7 setzen",
        "level8" => "Stufe 8 setzen",
        "level9" => "Stufe 9 setzen",
        "not_applicable" => "als „nicht zutreffend“ markieren",
        "not_assessable" => "als „nicht bewertbar“ markieren (Informationen fehlen)",
        "clear_rating" => "Bewertung entfernen",
        "confirm_rating" => "Bewertung trotz geänderter Antworten bestätigen",
        "add_strength" => "Stärke dieses Handlungsfelds hinzufügen",
        "add_challenge" => "Herausforderung dieses Handlungsfelds hinzufügen",
        "add_recommendation" => "Empfehlung für dieses Handlungsfeld hinzufügen",
        "delete" => "ausgewählten Eintrag löschen",
        "move_up" => "ausgewählten Eintrag nach oben schieben",
        "move_down" => "ausgewählten Eintrag nach unten schieben",
        "next_field" => "zum nächsten Handlungsfeld",
        "previous_field" => "zum vorigen Handlungsfeld",
        "explain" => "zeigen, wie der Wert berechnet wurde",
        "export" => "Bericht exportieren: PDF, Markdown, HTML, JSON, CSV oder Arbeitsmappe",
        "finalize" => "Bewertung abschließen (oder eine abgeschlossene wieder öffnen)",
        "save" => "Text speichern und Editor schließen",
        "complete" => "Pfad vervollständigen",
        "toggle_summary" => "Werte als Balken statt der Matrix zeigen, oder die Matrix wieder",
        "read_only" => "nur lesend öffnen und dem Bearbeiter die Bewertung lassen",
        "take_over" => "die Bewertung vom bisherigen Bearbeiter übernehmen",
        _ => "",
    }
}

/// The short label of an action in the footer.
pub fn action_label(action: &str, lang: Lang) -> &'static str {
    let (de, en) = match action {
        "quit" => ("beenden", "quit"),
        "help" => ("Hilfe", "help"),
        "back" => ("zurück", "back"),
        "cancel" => ("abbrechen", "cancel"),
        "open" => ("öffnen", "open"),
        "import" => ("importieren", "import"),
        "import_sample" => ("Beispiel", "sample"),
        "add_strength" => ("Stärke", "strength"),
        "add_challenge" => ("Herausforderung", "challenge"),
        "add_recommendation" => ("Empfehlung", "recommendation"),
        "open_read_only" => ("nur lesen", "read-only"),
        "toggle_reviewed" => ("gesichtet", "reviewed"),
        "toggle_internal" => ("intern", "internal"),
        "edit" => ("bearbeiten", "edit"),
        "add_follow_up" => ("Rückfrage", "follow-up"),
        "follow_ups" => ("Rückfragen", "follow-ups"),
        "cycle_status" => ("Status", "status"),
        "next_unreviewed" => ("ungesichtet", "unreviewed"),
        "next_need_for_action" => ("Handlungsbedarf", "need for action"),
        "scoring" => ("bewerten", "score"),
        "overview" => ("Überblick", "overview"),
        "answers" => ("Antworten", "answers"),
        "goals" => ("Ziele", "goals"),
        "consensus" => ("Konsens", "consensus"),
        "sign" => ("unterschreiben", "sign"),
        "achieved" => ("erreicht", "achieved"),
        "partly_achieved" => ("teilweise", "partly"),
        "not_achieved" => ("nicht erreicht", "not achieved"),
        "goal_dropped" => ("entfallen", "dropped"),
        "search" => ("suchen", "search"),
        "not_applicable" => ("n.z.", "n/a"),
        "not_assessable" => ("n.b.", "n/as"),
        "explain" => ("Berechnung", "explain"),
        "export" => ("exportieren", "export"),
        "finalize" => ("abschließen", "finalise"),
        "next_field" => ("Feld →", "field →"),
        "save" => ("speichern", "save"),
        "complete" => ("ergänzen", "complete"),
        "read_only" => ("nur lesen", "read-only"),
        "take_over" => ("übernehmen", "take over"),
        "next_pane" => ("Bereich", "pane"),
        "down" => ("nach unten", "down"),
        "page_down" => ("Seite weiter", "next page"),
        "reopen" => ("wieder öffnen", "reopen"),
        "toggle_summary" => ("Werte/Matrix", "scores/matrix"),
        "delete" => ("löschen", "delete"),
        "next_match" => ("nächster Treffer", "next match"),
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
            "{} offen. Trotzdem abschließen? Das wird im Verlauf vermerkt.",
            if open == 1 {
                "1 Rückfrage ist".to_string()
            } else {
                format!("{open} Rückfragen sind")
            }
        ),
        Lang::En => format!(
            "{} open. Finalise anyway? The trail records it.",
            if open == 1 {
                "1 follow-up question is".to_string()
            } else {
                format!("{open} follow-up questions are")
            }
        ),
    }
}

/// Why the assessment cannot be finalised yet.
pub fn not_ready(missing: usize, lang: Lang) -> String {
    match lang {
        Lang::De => format!("noch nicht abschließbar: {missing} Punkte offen"),
        Lang::En => format!("cannot be finalised yet: {missing} items open"),
    }
}

/// After a rating that wants a rationale: "Begründung erforderlich: e schreibt sie".
pub fn rationale_wanted(key: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!("Begründung erforderlich: {key} schreibt sie"),
        Lang::En => format!("a rationale is required: {key} writes it"),
    }
}

/// The title of the completion list: "3 passende Einträge".
pub fn candidates(count: usize, lang: Lang) -> String {
    match (count, lang) {
        (1, Lang::De) => "1 passender Eintrag".into(),
        (_, Lang::De) => format!("{count} passende Einträge"),
        (1, Lang::En) => "1 match".into(),
        (_, Lang::En) => format!("{count} matches"),
    }
}

/// The last line of a list cut for room: "… und 12 weitere".
pub fn more(count: usize, lang: Lang) -> String {
    match lang {
        Lang::De => format!("… und {count} weitere"),
        Lang::En => format!("… and {count} more"),
    }
}

/// A search without matches: "keine Treffer für „Kita“".
pub fn no_match(query: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!("keine Treffer für „{query}“"),
        Lang::En => format!("no matches for \"{query}\""),
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

/// "38 %", with a no-break space so that the number never wraps away from its sign.
pub fn share(value: f64, lang: Lang) -> String {
    format!("{}\u{a0}%", number((value * 100.0).round(), lang))
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

pub fn imported_after(county: &str, id: i64, previous: i64, lang: Lang) -> String {
    match lang {
        Lang::De => {
            format!("{county} als Bewertung {id} importiert; folgt auf Bewertung {previous}")
        }
        Lang::En => {
            format!("imported {county} as assessment {id}, following assessment {previous}")
        }
    }
}

/// One earlier assessment a Bilanzierung could follow: "Nr. 3 · Erstaudit 31.03.2025 · …".
pub fn previous_candidate(candidate: &crate::store::Candidate, lang: Lang) -> String {
    let procedure = match candidate.procedure.as_str() {
        "erstaudit" => crate::catalog::report::procedure(ProcedureKind::Erstaudit, lang),
        "bilanzierung" => crate::catalog::report::procedure(ProcedureKind::Bilanzierung, lang),
        other => other,
    };
    let status = crate::catalog::report::status(candidate.status, lang);
    format!(
        "{} {} · {procedure} · {} · {} · {status}",
        lang.pick("Nr.", "No."),
        candidate.id,
        crate::catalog::report::date(&candidate.reporting_date, lang),
        crate::text::sanitize(&candidate.questionnaire),
    )
}

/// The matrix legend's item for the marks of a Bilanzierung.
pub fn matrix_since(year: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!("2→3▲ 3→2▼ seit {year} · = gleich · ≠ anders · ◆ Wert {year}"),
        Lang::En => format!("2→3▲ 3→2▼ since {year} · = same · ≠ other · ◆ score {year}"),
    }
}

pub fn last_audit_rating(year: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!("Letztes Audit ({year})"),
        Lang::En => format!("Last audit ({year})"),
    }
}

/// The heading of the last audit's answer beside today's.
pub fn last_answer_heading(year: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!("Antwort im letzten Audit ({year})"),
        Lang::En => format!("Answer in the last audit ({year})"),
    }
}

pub fn asked_as(old_id: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!("damals gefragt als {old_id}"),
        Lang::En => format!("asked then as {old_id}"),
    }
}

/// How an answer stands against the last audit.
pub fn since(since: crate::domain::compare::Since, year: &str, lang: Lang) -> String {
    use crate::domain::compare::Since as S;
    match (since, lang) {
        (S::Same, Lang::De) => format!("wie {year}"),
        (S::Same, Lang::En) => format!("as in {year}"),
        (S::Changed, Lang::De) => format!("anders als {year}"),
        (S::Changed, Lang::En) => format!("different from {year}"),
        (S::New, Lang::De) => {
            format!("neu seit {year}: damals nicht gefragt oder nicht beantwortet")
        }
        (S::New, Lang::En) => format!("new since {year}: not asked or not answered then"),
        (S::OtherKind, Lang::De) => "andere Antwortart als damals: nicht verglichen".to_string(),
        (S::OtherKind, Lang::En) => "another kind of answer than then: not compared".to_string(),
        (S::Unanswered, Lang::De) => format!("{year} beantwortet, jetzt nicht"),
        (S::Unanswered, Lang::En) => format!("answered in {year}, not now"),
    }
}

pub fn no_longer_asked(year: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!("Im letzten Audit ({year}) beantwortet, nicht mehr gefragt"),
        Lang::En => format!("Answered in the last audit ({year}), no longer asked"),
    }
}

/// The notice of an editor that shows an unsaved draft from earlier.
pub fn draft_restored(saved_at: &str, save: &str, cancel: &str, lang: Lang) -> String {
    let when = super::report::timestamp(saved_at, lang);
    match lang {
        Lang::De => format!(
            "Ungespeicherter Entwurf vom {when} wiederhergestellt: {save} speichert ihn, {cancel} verwirft ihn."
        ),
        Lang::En => {
            format!("Unsaved draft from {when} restored: {save} saves it, {cancel} discards it.")
        }
    }
}

pub fn draft_failed(reason: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!("Entwurf nicht gesichert ({reason}); der Text steht noch im Editor"),
        Lang::En => format!("draft not kept ({reason}); the text is still in the editor"),
    }
}

/// The mark under a long text shown in parts.
pub fn text_shortened(
    part: usize,
    parts: usize,
    chars: &str,
    next: &str,
    previous: &str,
    lang: Lang,
) -> String {
    match lang {
        Lang::De => format!(
            "Text gekürzt: Teil {part} von {parts} ({chars} Zeichen); {next} nächster Teil, {previous} voriger"
        ),
        Lang::En => format!(
            "Text shortened: part {part} of {parts} ({chars} characters); {next} next part, {previous} previous"
        ),
    }
}

pub fn sample_exists(id: i64, lang: Lang) -> String {
    match lang {
        Lang::De => format!("Der Beispielkreis ist schon da: Bewertung {id}"),
        Lang::En => format!("The sample county is already here: assessment {id}"),
    }
}

pub fn lease_held(auditor: &str, host: &str, since: &str, lang: Lang) -> String {
    let since = super::report::timestamp(since, lang);
    match lang {
        Lang::De => format!("{auditor} bearbeitet diese Bewertung seit {since} (Rechner {host})."),
        Lang::En => {
            format!("{auditor} has been editing this assessment since {since} (host {host}).")
        }
    }
}

/// A problem in the user's settings files, as the interface reports it at start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingsNotice<'a> {
    /// The file is not TOML; `detail` is the parser's own English description.
    Syntax {
        detail: &'a str,
    },
    /// The file could not be read; `detail` says why.
    Unreadable {
        detail: &'a str,
    },
    UnknownSetting {
        key: &'a str,
        known: &'a str,
    },
    BadValue {
        key: &'a str,
        found: &'a str,
        expected: &'a str,
    },
    UnknownSection {
        section: &'a str,
    },
    UnknownAction {
        section: &'a str,
        name: &'a str,
    },
    BadKey {
        section: &'a str,
        action: &'a str,
        key: &'a str,
    },
    Conflict {
        section: &'a str,
        key: &'a str,
        first: &'a str,
        second: &'a str,
    },
}

/// "keymap.toml, Zeile 3: …": one line of the start-up notice.
pub fn settings_notice(
    file: &str,
    line: Option<usize>,
    notice: &SettingsNotice,
    lang: Lang,
) -> String {
    use SettingsNotice as N;
    let place = match (line, lang) {
        (Some(line), Lang::De) => format!("{file}, Zeile {line}"),
        (Some(line), Lang::En) => format!("{file}, line {line}"),
        (None, _) => file.to_string(),
    };
    let what = match (notice, lang) {
        (N::Syntax { detail }, Lang::De) => format!("kein gültiges TOML ({detail})"),
        (N::Syntax { detail }, Lang::En) => format!("not valid TOML ({detail})"),
        (N::Unreadable { detail }, _) => detail.to_string(),
        (N::UnknownSetting { key, known }, Lang::De) => {
            format!("unbekannte Einstellung „{key}“; bekannt sind: {known}")
        }
        (N::UnknownSetting { key, known }, Lang::En) => {
            format!("unknown setting \"{key}\"; known are: {known}")
        }
        (
            N::BadValue {
                key,
                found,
                expected,
            },
            Lang::De,
        ) => {
            format!("{key} = {found}: erwartet wurde {expected}")
        }
        (
            N::BadValue {
                key,
                found,
                expected,
            },
            Lang::En,
        ) => {
            format!("{key} = {found}: expected {expected}")
        }
        (N::UnknownSection { section }, Lang::De) => format!("unbekannter Abschnitt [{section}]"),
        (N::UnknownSection { section }, Lang::En) => format!("unknown section [{section}]"),
        (N::UnknownAction { section, name }, Lang::De) => {
            format!("[{section}] unbekannte Aktion „{name}“")
        }
        (N::UnknownAction { section, name }, Lang::En) => {
            format!("[{section}] unknown action \"{name}\"")
        }
        (
            N::BadKey {
                section,
                action,
                key,
            },
            Lang::De,
        ) => {
            format!("[{section}] {action}: unbekannte Taste „{key}“")
        }
        (
            N::BadKey {
                section,
                action,
                key,
            },
            Lang::En,
        ) => {
            format!("[{section}] {action}: unknown key \"{key}\"")
        }
        (
            N::Conflict {
                section,
                key,
                first,
                second,
            },
            Lang::De,
        ) => format!(
            "[{section}] Taste {key} ist zweimal belegt: {first} und {second} (es gilt {second})"
        ),
        (
            N::Conflict {
                section,
                key,
                first,
                second,
            },
            Lang::En,
        ) => {
            format!("[{section}] key {key} is bound twice: {first} and {second} ({second} applies)")
        }
    };
    format!("{place}: {what}")
}

/// One item of the list of what is missing before finalising.
pub fn missing(
    definition: &crate::domain::definition::Definition,
    missing: &crate::domain::scoring::Missing,
    lang: Lang,
) -> String {
    let cell = |field: &str, parameter: &str| {
        format!("{field} × {}", definition.parameter_label(parameter))
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
        (crate::domain::scoring::Missing::GoalUnrated { goal }, lang) => {
            super::goals::missing_goal(goal, None, false, lang)
        }
        (crate::domain::scoring::Missing::GoalRationale { goal }, lang) => {
            super::goals::missing_goal(goal, None, true, lang)
        }
        (
            crate::domain::scoring::Missing::Consensus {
                field_id,
                parameter_id,
            },
            lang,
        ) => super::second::missing_consensus(&cell(field_id, parameter_id), lang),
    }
}
