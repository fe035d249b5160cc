//! Every sentence siegel shows a user, in German and English.
//!
//! Library code returns typed values (problems, outcomes); this module alone turns them into words.

pub mod goals;
pub mod report;
pub mod second;

use std::fmt::Write as _;

use crate::domain::definition::Kind;
use crate::domain::diagnostic::{Diagnostic, IdKind, Problem, Severity, Source, ValueProblem};
use crate::domain::json::{Expected, JsonType, SyntaxErrorKind};
use crate::store::StoreError;

pub mod tui;
pub mod versions;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    De,
    En,
}

impl Lang {
    /// The language of a questionnaire's content, if siegel speaks it.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "de" => Some(Lang::De),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// From `SIEGEL_LANG`, then `LC_ALL`, `LC_MESSAGES`, `LANG`; German unless they say English.
    pub fn from_env() -> Lang {
        Lang::from_vars(|name| std::env::var(name).ok()).unwrap_or(Lang::De)
    }

    /// The same from other variables (an SSH session's); `None` when none is set.
    pub fn from_vars(get: impl Fn(&str) -> Option<String>) -> Option<Lang> {
        let value = ["SIEGEL_LANG", "LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .find_map(|name| get(name).filter(|v| !v.is_empty()))?;
        Some(if value.starts_with("en") {
            Lang::En
        } else {
            Lang::De
        })
    }

    fn pick<'a>(self, de: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::De => de,
            Lang::En => en,
        }
    }
}

/// Numbers as people write them: no trailing ".0", German decimal comma.
pub fn number(value: f64, lang: Lang) -> String {
    let text = if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    };
    match lang {
        Lang::De => text.replace('.', ","),
        Lang::En => text,
    }
}

fn json_type(t: JsonType, lang: Lang) -> &'static str {
    match (t, lang) {
        (JsonType::Null, Lang::De) => "null",
        (JsonType::Null, Lang::En) => "null",
        (JsonType::Boolean, Lang::De) => "ein Wahrheitswert (true/false)",
        (JsonType::Boolean, Lang::En) => "a boolean (true/false)",
        (JsonType::Integer, Lang::De) => "eine ganze Zahl",
        (JsonType::Integer, Lang::En) => "an integer",
        (JsonType::Number, Lang::De) => "eine Zahl",
        (JsonType::Number, Lang::En) => "a number",
        (JsonType::String, Lang::De) => "eine Zeichenkette",
        (JsonType::String, Lang::En) => "a string",
        (JsonType::Array, Lang::De) => "eine Liste",
        (JsonType::Array, Lang::En) => "an array",
        (JsonType::Object, Lang::De) => "ein Objekt",
        (JsonType::Object, Lang::En) => "an object",
    }
}

fn json_types(types: &[JsonType], lang: Lang) -> String {
    let names: Vec<&str> = types.iter().map(|t| json_type(*t, lang)).collect();
    names.join(lang.pick(" oder ", " or "))
}

/// What an answer of a kind must look like.
fn kind_expectation(kind: Kind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (Kind::YesNo, Lang::De) => "true oder false",
        (Kind::YesNo, Lang::En) => "true or false",
        (Kind::YesPartlyNo, Lang::De) => "\"yes\", \"partly\" oder \"no\"",
        (Kind::YesPartlyNo, Lang::En) => "\"yes\", \"partly\" or \"no\"",
        (Kind::SingleChoice, Lang::De) => "die id einer Option",
        (Kind::SingleChoice, Lang::En) => "an option id",
        (Kind::MultipleChoice, Lang::De) => "eine Liste von Options-ids",
        (Kind::MultipleChoice, Lang::En) => "an array of option ids",
        (Kind::Integer, Lang::De) => "eine ganze Zahl",
        (Kind::Integer, Lang::En) => "an integer",
        (Kind::Decimal | Kind::Percent, Lang::De) => "eine Zahl",
        (Kind::Decimal | Kind::Percent, Lang::En) => "a number",
        (Kind::Date, Lang::De) => "ein Datum \"JJJJ-MM-TT\"",
        (Kind::Date, Lang::En) => "a date \"YYYY-MM-DD\"",
        (Kind::Year, Lang::De) => "eine Jahreszahl",
        (Kind::Year, Lang::En) => "a year",
        (Kind::ShortText | Kind::LongText, Lang::De) => "eine Zeichenkette",
        (Kind::ShortText | Kind::LongText, Lang::En) => "a string",
        (Kind::Municipalities, Lang::De) => "eine Liste von Gemeindenamen",
        (Kind::Municipalities, Lang::En) => "an array of municipality names",
        (Kind::OfferList, Lang::De) => "eine Liste von Einträgen (Objekten)",
        (Kind::OfferList, Lang::En) => "an array of records (objects)",
        (Kind::Table, Lang::De) => "ein Objekt: Zeile → Spaltenwerte",
        (Kind::Table, Lang::En) => "an object: row → column values",
        (Kind::Evidence, Lang::De) => "eine Liste von Belegen {title, date, link, file}",
        (Kind::Evidence, Lang::En) => "an array of evidence references {title, date, link, file}",
    }
}

fn id_kind(what: IdKind, lang: Lang) -> &'static str {
    match (what, lang) {
        (IdKind::QualityParameter, Lang::De) => "Qualitätsparameter",
        (IdKind::QualityParameter, Lang::En) => "quality parameter",
        (IdKind::FieldOfAction, Lang::De) => "Handlungsfeld",
        (IdKind::FieldOfAction, Lang::En) => "field of action",
        (IdKind::Topic, Lang::De) => "Thema",
        (IdKind::Topic, Lang::En) => "topic",
        (IdKind::Question, Lang::De) => "Frage",
        (IdKind::Question, Lang::En) => "question",
        (IdKind::Option, Lang::De) => "Option",
        (IdKind::Option, Lang::En) => "option",
        (IdKind::Column, Lang::De) => "Spalte",
        (IdKind::Column, Lang::En) => "column",
        (IdKind::Row, Lang::De) => "Zeile",
        (IdKind::Row, Lang::En) => "row",
        (IdKind::Agreement, Lang::De) => "Zielvereinbarung",
        (IdKind::Agreement, Lang::En) => "goal agreement",
        (IdKind::Goal, Lang::De) => "Ziel",
        (IdKind::Goal, Lang::En) => "goal",
        (IdKind::Measure, Lang::De) => "Maßnahme",
        (IdKind::Measure, Lang::En) => "measure",
    }
}

pub(crate) fn quoted_list(items: &[String]) -> String {
    const SHOWN: usize = 12;
    let mut text = items
        .iter()
        .take(SHOWN)
        .map(|i| format!("\"{i}\""))
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > SHOWN {
        let _ = write!(text, ", … (+{})", items.len() - SHOWN);
    }
    text
}

fn plain_list(items: &[String]) -> String {
    items.join(", ")
}

fn with_unit(value: f64, unit: &Option<String>, lang: Lang) -> String {
    match unit {
        Some(unit) if !unit.is_empty() => format!("{} {unit}", number(value, lang)),
        _ => number(value, lang),
    }
}

fn syntax(kind: &SyntaxErrorKind, lang: Lang) -> String {
    match kind {
        SyntaxErrorKind::UnexpectedEnd => lang
            .pick(
                "Datei endet mitten im JSON (fehlt eine schließende Klammer oder ein Anführungszeichen?)",
                "file ends in the middle of the JSON (a closing bracket or quote missing?)",
            )
            .into(),
        SyntaxErrorKind::Unexpected { found, expected } => {
            let expected = match (expected, lang) {
                (Expected::Value, Lang::De) => "einen Wert",
                (Expected::Value, Lang::En) => "a value",
                (Expected::CommaOrCloseBracket, Lang::De) => "',' oder ']'",
                (Expected::CommaOrCloseBracket, Lang::En) => "',' or ']'",
                (Expected::CommaOrCloseBrace, Lang::De) => "',' oder '}'",
                (Expected::CommaOrCloseBrace, Lang::En) => "',' or '}'",
                (Expected::Key, Lang::De) => "einen Schlüssel in Anführungszeichen",
                (Expected::Key, Lang::En) => "a key in double quotes",
                (Expected::Colon, Lang::De) => "':' nach dem Schlüssel",
                (Expected::Colon, Lang::En) => "':' after the key",
            };
            let found = printable_char(*found);
            match lang {
                Lang::De => format!("{found} gefunden, erwartet wurde {expected}"),
                Lang::En => format!("found {found}, expected {expected}"),
            }
        }
        SyntaxErrorKind::InvalidEscape(c) => match lang {
            Lang::De => format!(
                "ungültige Escape-Sequenz \\{}; einen Backslash als \\\\ schreiben",
                escaped_char(*c)
            ),
            Lang::En => format!(
                "invalid escape sequence \\{}; write a backslash as \\\\",
                escaped_char(*c)
            ),
        },
        SyntaxErrorKind::InvalidUnicodeEscape => lang
            .pick(
                "\\u braucht vier Hexadezimalziffern",
                "\\u needs four hexadecimal digits",
            )
            .into(),
        SyntaxErrorKind::LoneSurrogate => lang
            .pick(
                "\\u-Escape ergibt kein gültiges Zeichen (einzelnes Surrogat)",
                "\\u escape is not a valid character (lone surrogate)",
            )
            .into(),
        SyntaxErrorKind::ControlCharacterInString => lang
            .pick(
                "Steuerzeichen oder Zeilenumbruch in einer Zeichenkette; als \\n, \\t oder \\u00XX schreiben",
                "control character or line break inside a string; write it as \\n, \\t or \\u00XX",
            )
            .into(),
        SyntaxErrorKind::InvalidNumber => lang.pick("ungültige Zahl", "invalid number").into(),
        SyntaxErrorKind::TooDeep => match lang {
            Lang::De => format!(
                "zu tief verschachtelt (mehr als {} Ebenen)",
                crate::domain::json::MAX_DEPTH
            ),
            Lang::En => format!(
                "nested too deeply (more than {} levels)",
                crate::domain::json::MAX_DEPTH
            ),
        },
        SyntaxErrorKind::TrailingContent => lang
            .pick(
                "weiterer Inhalt nach dem Ende des JSON-Dokuments",
                "more content after the end of the JSON document",
            )
            .into(),
    }
}

/// The character after a backslash, as written.
fn escaped_char(c: char) -> String {
    if c.is_control() || crate::text::is_format_control(c) {
        format!("U+{:04X}", c as u32)
    } else {
        c.to_string()
    }
}

/// A character for a message: printable ones in quotes, others as their code point.
fn printable_char(c: char) -> String {
    if c.is_control() || crate::text::is_format_control(c) {
        format!("U+{:04X}", c as u32)
    } else {
        format!("'{c}'")
    }
}

fn value_problem(problem: &ValueProblem, lang: Lang) -> String {
    use ValueProblem as V;
    match (problem, lang) {
        (V::WrongType { kind, found }, Lang::De) => format!(
            "eine Antwort der Art {} muss {} sein, gefunden {}",
            kind.as_str(),
            kind_expectation(*kind, lang),
            json_type(*found, lang)
        ),
        (V::WrongType { kind, found }, Lang::En) => format!(
            "an answer of kind {} must be {}, found {}",
            kind.as_str(),
            kind_expectation(*kind, lang),
            json_type(*found, lang)
        ),
        (V::NotYesPartlyNo { found }, Lang::De) => {
            format!(
                "\"{found}\" ist keine Antwort auf ja/teilweise/nein; erlaubt: \"yes\", \"partly\", \"no\""
            )
        }
        (V::NotYesPartlyNo { found }, Lang::En) => {
            format!(
                "\"{found}\" is not a yes/partly/no answer; allowed: \"yes\", \"partly\", \"no\""
            )
        }
        (V::UnknownOption { found, allowed }, Lang::De) => {
            format!(
                "unbekannte Option \"{found}\"; erlaubt: {}",
                quoted_list(allowed)
            )
        }
        (V::UnknownOption { found, allowed }, Lang::En) => {
            format!(
                "unknown option \"{found}\"; allowed: {}",
                quoted_list(allowed)
            )
        }
        (V::RepeatedOption { found }, Lang::De) => {
            format!("\"{found}\" steht doppelt in der Liste")
        }
        (V::RepeatedOption { found }, Lang::En) => format!("\"{found}\" is listed twice"),
        (V::BelowMin { value, min, unit }, Lang::De) => format!(
            "{} liegt unter dem Minimum {}",
            with_unit(*value, unit, lang),
            with_unit(*min, unit, lang)
        ),
        (V::BelowMin { value, min, unit }, Lang::En) => format!(
            "{} is below the minimum of {}",
            with_unit(*value, unit, lang),
            with_unit(*min, unit, lang)
        ),
        (V::AboveMax { value, max, unit }, Lang::De) => format!(
            "{} liegt über dem Maximum {}",
            with_unit(*value, unit, lang),
            with_unit(*max, unit, lang)
        ),
        (V::AboveMax { value, max, unit }, Lang::En) => format!(
            "{} is above the maximum of {}",
            with_unit(*value, unit, lang),
            with_unit(*max, unit, lang)
        ),
        (V::InvalidDate { found }, _) => invalid_date(found, lang),
        (V::TooLong { length, max }, Lang::De) => {
            format!("Text hat {length} Zeichen, erlaubt sind höchstens {max}")
        }
        (V::TooLong { length, max }, Lang::En) => {
            format!("text has {length} characters, at most {max} are allowed")
        }
        (V::LineBreakInShortText, Lang::De) => {
            "ein Kurztext darf keinen Zeilenumbruch enthalten (long_text verwenden)".into()
        }
        (V::LineBreakInShortText, Lang::En) => {
            "a short text must not contain a line break (use long_text)".into()
        }
        (V::UnknownMunicipality { found }, Lang::De) => {
            format!("\"{found}\" ist keine Gemeinde unter county.municipalities")
        }
        (V::UnknownMunicipality { found }, Lang::En) => {
            format!("\"{found}\" is not a municipality listed in county.municipalities")
        }
        (V::NoMunicipalities, Lang::De) => {
            "Gemeinden werden genannt, aber county.municipalities ist leer".into()
        }
        (V::NoMunicipalities, Lang::En) => {
            "municipalities are named, but county.municipalities is empty".into()
        }
        (V::UnknownColumn { found, allowed }, Lang::De) => {
            format!(
                "unbekannte Spalte \"{found}\"; Spalten: {}",
                quoted_list(allowed)
            )
        }
        (V::UnknownColumn { found, allowed }, Lang::En) => {
            format!(
                "unknown column \"{found}\"; columns: {}",
                quoted_list(allowed)
            )
        }
        (V::UnknownRow { found, allowed }, Lang::De) => {
            format!(
                "unbekannte Zeile \"{found}\"; Zeilen: {}",
                quoted_list(allowed)
            )
        }
        (V::UnknownRow { found, allowed }, Lang::En) => {
            format!("unknown row \"{found}\"; rows: {}", quoted_list(allowed))
        }
        (V::EvidenceWithoutTarget, Lang::De) => "ein Beleg braucht \"link\" oder \"file\"".into(),
        (V::EvidenceWithoutTarget, Lang::En) => {
            "an evidence reference needs \"link\" or \"file\"".into()
        }
    }
}

fn invalid_date(found: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!("\"{found}\" ist kein gültiges Datum im Format JJJJ-MM-TT"),
        Lang::En => format!("\"{found}\" is not a valid date of the form YYYY-MM-DD"),
    }
}

/// The sentence for one problem.
pub fn problem(problem: &Problem, lang: Lang) -> String {
    use Problem as P;
    match (problem, lang) {
        (P::FileNotFound, Lang::De) => "Datei nicht gefunden".into(),
        (P::FileNotFound, Lang::En) => "file not found".into(),
        (P::IsDirectory, Lang::De) => "ist ein Verzeichnis, keine Datei".into(),
        (P::IsDirectory, Lang::En) => "is a directory, not a file".into(),
        (P::NotARegularFile, Lang::De) => {
            "ist keine gewöhnliche Datei (ein Gerät, eine Pipe oder ein Socket)".into()
        }
        (P::NotARegularFile, Lang::En) => {
            "is not a regular file (a device, a pipe or a socket)".into()
        }
        (P::PermissionDenied, Lang::De) => "keine Leseberechtigung".into(),
        (P::PermissionDenied, Lang::En) => "permission denied".into(),
        (P::Unreadable { reason }, Lang::De) => format!("Datei kann nicht gelesen werden: {reason}"),
        (P::Unreadable { reason }, Lang::En) => format!("cannot read the file: {reason}"),
        (P::Empty, Lang::De) => "Datei ist leer".into(),
        (P::Empty, Lang::En) => "file is empty".into(),
        (P::TooLarge { size, limit }, Lang::De) => format!(
            "Datei ist zu groß ({} MB); siegel liest höchstens {} MB",
            size / 1_000_000,
            limit / (1024 * 1024)
        ),
        (P::TooLarge { size, limit }, Lang::En) => format!(
            "file is too large ({} MB); siegel reads at most {} MB",
            size / 1_000_000,
            limit / (1024 * 1024)
        ),
        (P::NotUtf8, Lang::De) => {
            "Datei ist nicht UTF-8-kodiert (als UTF-8 speichern)".into()
        }
        (P::NotUtf8, Lang::En) => "file is not UTF-8 encoded (save it as UTF-8)".into(),
        (P::Syntax(kind), _) => syntax(kind, lang),
        (P::DuplicateKey { key, first }, Lang::De) => {
            format!("Schlüssel \"{key}\" steht doppelt; zuerst bei {first}")
        }
        (P::DuplicateKey { key, first }, Lang::En) => {
            format!("duplicate key \"{key}\"; first at {first}")
        }
        (P::UnknownFileKind, Lang::De) => "weder Fragebogen-Definition noch Antworten: erwartet wird ein Objekt mit \"fields_of_action\" (Definition) oder \"questionnaire\" (Antworten)".into(),
        (P::UnknownFileKind, Lang::En) => "neither a questionnaire definition nor answers: expected an object with \"fields_of_action\" (definition) or \"questionnaire\" (answers)".into(),
        (P::WrongType { expected, found }, Lang::De) => format!(
            "erwartet wurde {}, gefunden {}",
            json_types(expected, lang),
            json_type(*found, lang)
        ),
        (P::WrongType { expected, found }, Lang::En) => format!(
            "expected {}, found {}",
            json_types(expected, lang),
            json_type(*found, lang)
        ),
        (P::NotAllowed { found, allowed }, Lang::De) => {
            format!("{found} ist nicht erlaubt; erlaubt: {}", plain_list(allowed))
        }
        (P::NotAllowed { found, allowed }, Lang::En) => {
            format!("{found} is not allowed; allowed: {}", plain_list(allowed))
        }
        (P::MissingKey { key }, Lang::De) => format!("Pflichtschlüssel \"{key}\" fehlt"),
        (P::MissingKey { key }, Lang::En) => format!("required key \"{key}\" is missing"),
        (P::UnknownKey { key, suggestion }, _) => {
            let mut text = match lang {
                Lang::De => format!("unbekannter Schlüssel \"{key}\""),
                Lang::En => format!("unknown key \"{key}\""),
            };
            if let Some(s) = suggestion {
                let _ = write!(text, "{}\"{s}\"?", lang.pick("; gemeint ist ", "; did you mean "));
            }
            text
        }
        (P::BelowMinimum { found, min }, Lang::De) => format!("{found} ist kleiner als {min}"),
        (P::BelowMinimum { found, min }, Lang::En) => format!("{found} is less than {min}"),
        (P::Decode { reason }, Lang::De) => format!("Datei lässt sich nicht lesen: {reason}"),
        (P::Decode { reason }, Lang::En) => format!("file cannot be read: {reason}"),
        (P::UnsupportedFormat { found, supported }, Lang::De) => format!(
            "Dateiformat {found} ist unbekannt; diese siegel-Version liest Format {supported}"
        ),
        (P::UnsupportedFormat { found, supported }, Lang::En) => format!(
            "file format {found} is unknown; this version of siegel reads format {supported}"
        ),
        (P::InvalidDate { found }, _) => invalid_date(found, lang),
        (P::EmptyText, Lang::De) => "darf nicht leer sein".into(),
        (P::EmptyText, Lang::En) => "must not be empty".into(),
        (P::InvalidSlug { found }, Lang::De) => format!("\"{found}\" ist keine gültige id: nur Kleinbuchstaben, Ziffern und '-' (z. B. \"fgk-kreis\")"),
        (P::InvalidSlug { found }, Lang::En) => format!("\"{found}\" is not a valid id: lower-case letters, digits and '-' only (e.g. \"fgk-kreis\")"),
        (P::InvalidVersion { found }, Lang::De) => format!("\"{found}\" ist keine gültige Version: Buchstaben, Ziffern, '.', '_' und '-' (z. B. \"2025.1\")"),
        (P::InvalidVersion { found }, Lang::En) => format!("\"{found}\" is not a valid version: letters, digits, '.', '_' and '-' (e.g. \"2025.1\")"),
        (P::InvalidLanguage { found }, Lang::De) => format!("\"{found}\" ist kein zweibuchstabiger Sprachcode wie \"de\""),
        (P::InvalidLanguage { found }, Lang::En) => format!("\"{found}\" is not a two-letter language code such as \"de\""),
        (P::ReplacesItself, Lang::De) => "eine Version kann sich nicht selbst ersetzen".into(),
        (P::ReplacesItself, Lang::En) => "a version cannot replace itself".into(),
        (P::InvalidId { what, found }, Lang::De) => format!("\"{found}\" ist keine gültige id für {}: Buchstaben, Ziffern, '.', '_', '-', höchstens 64 Zeichen", id_kind(*what, lang)),
        (P::InvalidId { what, found }, Lang::En) => format!("\"{found}\" is not a valid {} id: letters, digits, '.', '_', '-', at most 64 characters", id_kind(*what, lang)),
        (P::DuplicateId { what, id, first }, Lang::De) => format!("{} \"{id}\" gibt es doppelt; zuerst bei {first}", id_kind(*what, lang)),
        (P::DuplicateId { what, id, first }, Lang::En) => format!("duplicate {} id \"{id}\"; first at {first}", id_kind(*what, lang)),
        (P::DuplicateNumber { number, first }, Lang::De) => format!("Nummer {number} ist schon vergeben, bei {first}"),
        (P::DuplicateNumber { number, first }, Lang::En) => format!("number {number} is already used at {first}"),
        (P::EmptyList, Lang::De) => "Liste darf nicht leer sein".into(),
        (P::EmptyList, Lang::En) => "list must not be empty".into(),
        (P::ScaleTooSmall, Lang::De) => "eine Skala braucht mindestens zwei Stufen".into(),
        (P::ScaleTooSmall, Lang::En) => "a scale needs at least two levels".into(),
        (P::ScaleNotAscending { value, previous }, Lang::De) => format!("Stufen müssen aufsteigen: {value} folgt auf {previous}"),
        (P::ScaleNotAscending { value, previous }, Lang::En) => format!("levels must ascend: {value} follows {previous}"),
        (P::NonPositiveWeight { found }, Lang::De) => format!("Gewicht {} muss größer als 0 sein", number(*found, lang)),
        (P::NonPositiveWeight { found }, Lang::En) => format!("weight {} must be greater than 0", number(*found, lang)),
        (P::WeightTooLarge { found, max }, Lang::De) => format!("Gewicht {found:e} ist zu groß; höchstens {}", number(*max, lang)),
        (P::WeightTooLarge { found, max }, Lang::En) => format!("weight {found:e} is too large; at most {}", number(*max, lang)),
        (P::AnchorMissing { level }, Lang::De) => format!("Ankertext für Stufe {level} fehlt (Schlüssel \"{level}\")"),
        (P::AnchorMissing { level }, Lang::En) => format!("anchor text for level {level} is missing (key \"{level}\")"),
        (P::AnchorUnknownLevel { found }, Lang::De) => format!("\"{found}\" ist keine Stufe der Skala"),
        (P::AnchorUnknownLevel { found }, Lang::En) => format!("\"{found}\" is not a level of the scale"),
        (P::UnknownParameter { found }, Lang::De) => format!("unbekannter Qualitätsparameter \"{found}\""),
        (P::UnknownParameter { found }, Lang::En) => format!("unknown quality parameter \"{found}\""),
        (P::OptionsMissing { kind }, Lang::De) => format!("eine Frage der Art {} braucht mindestens zwei Optionen", kind.as_str()),
        (P::OptionsMissing { kind }, Lang::En) => format!("a {} question needs at least two options", kind.as_str()),
        (P::OptionsNotAllowed { kind }, Lang::De) => format!("Optionen gibt es nur bei single_choice und multiple_choice, nicht bei {}", kind.as_str()),
        (P::OptionsNotAllowed { kind }, Lang::En) => format!("options belong to single_choice and multiple_choice, not to {}", kind.as_str()),
        (P::ColumnsMissing { kind }, Lang::De) => format!("eine Frage der Art {} braucht Spalten", kind.as_str()),
        (P::ColumnsMissing { kind }, Lang::En) => format!("a {} question needs columns", kind.as_str()),
        (P::ColumnsNotAllowed { kind }, Lang::De) => format!("Spalten gibt es nur bei offer_list und table, nicht bei {}", kind.as_str()),
        (P::ColumnsNotAllowed { kind }, Lang::En) => format!("columns belong to offer_list and table, not to {}", kind.as_str()),
        (P::CompositeColumn { kind }, Lang::De) => format!("eine Spalte kann nicht die Art {} haben", kind.as_str()),
        (P::CompositeColumn { kind }, Lang::En) => format!("a column cannot be of kind {}", kind.as_str()),
        (P::RowsMissing, Lang::De) => "eine Tabelle braucht \"rows\" oder \"rows_per_municipality\": true".into(),
        (P::RowsMissing, Lang::En) => "a table needs \"rows\" or \"rows_per_municipality\": true".into(),
        (P::RowsBoth, Lang::De) => "feste Zeilen und eine Zeile je Gemeinde schließen sich aus".into(),
        (P::RowsBoth, Lang::En) => "fixed rows and one row per municipality exclude each other".into(),
        (P::RowsNotAllowed { kind }, Lang::De) => format!("Zeilen gibt es nur bei table, nicht bei {}", kind.as_str()),
        (P::RowsNotAllowed { kind }, Lang::En) => format!("rows belong to table, not to {}", kind.as_str()),
        (P::BoundsNotAllowed { kind }, Lang::De) => format!("min/max gibt es nur bei Zahlen und Jahren, nicht bei {}", kind.as_str()),
        (P::BoundsNotAllowed { kind }, Lang::En) => format!("min/max belong to numbers and years, not to {}", kind.as_str()),
        (P::BoundNotInteger { found }, Lang::De) => format!("Grenze {} muss eine ganze Zahl sein", number(*found, lang)),
        (P::BoundNotInteger { found }, Lang::En) => format!("bound {} must be a whole number", number(*found, lang)),
        (P::MinAboveMax { min, max }, Lang::De) => format!("min {} ist größer als max {}", number(*min, lang), number(*max, lang)),
        (P::MinAboveMax { min, max }, Lang::En) => format!("min {} is greater than max {}", number(*min, lang), number(*max, lang)),
        (P::MaxLengthNotAllowed { kind }, Lang::De) => format!("max_length gibt es nur bei Texten, nicht bei {}", kind.as_str()),
        (P::MaxLengthNotAllowed { kind }, Lang::En) => format!("max_length belongs to texts, not to {}", kind.as_str()),
        (P::ConditionUnknownQuestion { found }, Lang::De) => format!("Bedingung nennt die unbekannte Frage \"{found}\""),
        (P::ConditionUnknownQuestion { found }, Lang::En) => format!("condition refers to unknown question \"{found}\""),
        (P::ConditionOnItself, Lang::De) => "eine Frage kann nicht von sich selbst abhängen".into(),
        (P::ConditionOnItself, Lang::En) => "a question cannot depend on itself".into(),
        (P::ConditionCycle { path }, Lang::De) => format!("Bedingungen bilden einen Kreis: {}", path.join(" → ")),
        (P::ConditionCycle { path }, Lang::En) => format!("conditions form a cycle: {}", path.join(" → ")),
        (P::ConditionValue { question, problem }, Lang::De) => format!("Wert passt nicht zur Frage {question}: {}", value_problem(problem, lang)),
        (P::ConditionValue { question, problem }, Lang::En) => format!("value does not fit question {question}: {}", value_problem(problem, lang)),
        (P::BandsNotAscending { up_to, previous }, Lang::De) => format!("Ampelgrenzen müssen aufsteigen: {} folgt auf {}", number(*up_to, lang), number(*previous, lang)),
        (P::BandsNotAscending { up_to, previous }, Lang::En) => format!("band limits must ascend: {} follows {}", number(*up_to, lang), number(*previous, lang)),
        (P::BandsTooShort { last, highest }, Lang::De) => format!("die letzte Ampelgrenze {} erreicht die höchste Stufe {highest} nicht", number(*last, lang)),
        (P::BandsTooShort { last, highest }, Lang::En) => format!("the last band limit {} does not reach the highest level {highest}", number(*last, lang)),
        (P::ShareOutOfRange { found }, Lang::De) => format!("Anteil {} muss zwischen 0 und 1 liegen", number(*found, lang)),
        (P::ShareOutOfRange { found }, Lang::En) => format!("share {} must lie between 0 and 1", number(*found, lang)),
        (P::RationaleUnknownLevel { found }, Lang::De) => format!("{found} ist keine Stufe der Skala"),
        (P::RationaleUnknownLevel { found }, Lang::En) => format!("{found} is not a level of the scale"),
        (P::MigrationFromSelf, Lang::De) => "eine Migration kann nicht von derselben Version ausgehen".into(),
        (P::MigrationFromSelf, Lang::En) => "a migration cannot start from the same version".into(),
        (P::MigrationUnaccounted { id, from_version }, Lang::De) => format!(
            "die Migration sagt nicht, was aus Frage „{id}“ wurde: gegenüber Fassung {from_version} ist sie weder beibehalten noch unter renamed, removed oder added genannt"
        ),
        (P::MigrationUnaccounted { id, from_version }, Lang::En) => format!(
            "the migration does not say what became of question \"{id}\": compared with version {from_version} it is neither kept nor named under renamed, removed or added"
        ),
        (P::MigrationTargetUnknown { found }, Lang::De) => format!("\"{found}\" ist keine Frage dieser Version"),
        (P::MigrationTargetUnknown { found }, Lang::En) => format!("\"{found}\" is not a question of this version"),
        (P::MigrationSourceStillPresent { found }, Lang::De) => format!("\"{found}\" ist noch eine Frage dieser Version"),
        (P::MigrationSourceStillPresent { found }, Lang::En) => format!("\"{found}\" is still a question of this version"),
        (P::DiffersFromKnown { key, source: from }, Lang::De) => format!("{key} ist schon bekannt ({}), mit anderem Inhalt; eine veröffentlichte Version wird nie geändert: neue \"version\" vergeben", source(from, lang)),
        (P::DiffersFromKnown { key, source: from }, Lang::En) => format!("{key} is already known ({}) with other content; a published version is never edited: give it a new \"version\"", source(from, lang)),
        (P::InvalidHash { found }, Lang::De) => format!("\"{found}\" ist kein sha256 (64 Hex-Ziffern in Kleinbuchstaben)"),
        (P::InvalidHash { found }, Lang::En) => format!("\"{found}\" is not a sha256 (64 lower-case hex digits)"),
        (P::UnknownQuestionnaire { id, searched }, Lang::De) => format!("Fragebogen \"{id}\" ist unbekannt; bekannt: {}", if searched.is_empty() { "keiner".to_string() } else { plain_list(searched) }),
        (P::UnknownQuestionnaire { id, searched }, Lang::En) => format!("questionnaire \"{id}\" is unknown; known: {}", if searched.is_empty() { "none".to_string() } else { plain_list(searched) }),
        (P::UnknownVersion { id, version, known }, Lang::De) => format!("Version \"{version}\" von {id} ist unbekannt; bekannt: {}", plain_list(known)),
        (P::UnknownVersion { id, version, known }, Lang::En) => format!("version \"{version}\" of {id} is unknown; known: {}", plain_list(known)),
        (P::HashMismatch { key, answered, known, source: from }, Lang::De) => format!("die Antworten beziehen sich auf {key} mit sha256 {}…, die bekannte Fassung ({}) hat {}…; die Antworten gehören zu einer anderen Fassung", short(answered), source(from, lang), short(known)),
        (P::HashMismatch { key, answered, known, source: from }, Lang::En) => format!("the answers were given to {key} with sha256 {}…, the known one ({}) has {}…; the answers belong to different content", short(answered), source(from, lang), short(known)),
        (P::DuplicateMunicipality { name, first }, Lang::De) => {
            format!("Gemeinde \"{name}\" steht doppelt in der Liste; zuerst bei {first}")
        }
        (P::DuplicateMunicipality { name, first }, Lang::En) => {
            format!("municipality \"{name}\" is listed twice; first at {first}")
        }
        (P::InvalidAgs { found }, Lang::De) => format!("\"{found}\" ist kein Amtlicher Gemeindeschlüssel (8 Ziffern, beim Kreis auch 5)"),
        (P::InvalidAgs { found }, Lang::En) => format!("\"{found}\" is not an Amtlicher Gemeindeschlüssel (8 digits, 5 for a county)"),
        (P::UnknownQuestion { found, suggestion }, _) => {
            let mut text = match lang {
                Lang::De => format!("\"{found}\" ist keine Frage dieses Fragebogens"),
                Lang::En => format!("\"{found}\" is not a question of this questionnaire"),
            };
            if let Some(s) = suggestion {
                let _ = write!(text, "{}\"{s}\"?", lang.pick("; gemeint ist ", "; did you mean "));
            }
            text
        }
        (P::Value(v), _) => value_problem(v, lang),
        (P::RequiredUnanswered { question }, Lang::De) => format!("Pflichtfrage {question} ist nicht beantwortet"),
        (P::RequiredUnanswered { question }, Lang::En) => format!("required question {question} has no answer"),
        (P::RequiredCellEmpty { column }, Lang::De) => format!("Pflichtspalte \"{column}\" ist leer"),
        (P::RequiredCellEmpty { column }, Lang::En) => format!("required column \"{column}\" is empty"),
        (P::MunicipalityRowMissing { name }, Lang::De) => format!("keine Zeile für die Gemeinde \"{name}\""),
        (P::MunicipalityRowMissing { name }, Lang::En) => format!("no row for the municipality \"{name}\""),
        (P::AnsweredDespiteCondition { question, condition }, Lang::De) => format!("{question} ist beantwortet, obwohl die Bedingung auf {condition} nicht erfüllt ist"),
        (P::AnsweredDespiteCondition { question, condition }, Lang::En) => format!("{question} is answered although its condition on {condition} does not hold"),
        (P::ReferenceDateMissing, Lang::De) => "die Frage verlangt einen Stichtag (\"as_of\"), die Antwort nennt keinen".into(),
        (P::ReferenceDateMissing, Lang::En) => "the question asks for a reference date (\"as_of\"), the answer gives none".into(),
        (P::NeedForActionNotOffered, Lang::De) => "Handlungsbedarf markiert, obwohl die Frage kein Feld dafür hat".into(),
        (P::NeedForActionNotOffered, Lang::En) => "need for action is ticked, but the question has no box for it".into(),
        (
            problem @ (P::InvalidQuestionnaireKey { .. }
            | P::FollowsIncomplete
            | P::GoalsQuestionnaireUnknown { .. }
            | P::UnknownFieldOfAction { .. }
            | P::DateBefore { .. }
            | P::OutsidePeriod { .. }
            | P::YearOutsidePeriod { .. }
            | P::AgreementUnknown { .. }
            | P::AgreementHashMismatch { .. }
            | P::OtherCounty { .. }
            | P::UnknownMeasure { .. }
            | P::UnknownGoal { .. }
            | P::GoalWithoutIndicator { .. }
            | P::MeasureNotReported { .. }),
            lang,
        ) => goals::problem(problem, lang),
    }
}

/// Where a definition came from, for lists and messages.
pub fn source(source: &Source, lang: Lang) -> String {
    match source {
        Source::Shipped => Cli::Shipped.text(lang),
        Source::File(file) => file.clone(),
    }
}

/// The first twelve hex digits: enough to tell two hashes apart at a glance.
pub fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

/// One diagnostic as a line: `FILE:LINE:COL: error at /pointer: message`.
pub fn diagnostic_line(file: &str, diagnostic: &Diagnostic, lang: Lang) -> String {
    let severity = match (diagnostic.severity, lang) {
        (Severity::Error, Lang::De) => "Fehler",
        (Severity::Error, Lang::En) => "error",
        (Severity::Warning, Lang::De) => "Warnung",
        (Severity::Warning, Lang::En) => "warning",
    };
    let mut line = String::from(file);
    if let Some(pos) = diagnostic.pos {
        let _ = write!(line, ":{pos}");
    }
    let _ = write!(line, ": {severity}");
    if let Some(pointer) = diagnostic.pointer.as_deref().filter(|p| !p.is_empty()) {
        let _ = write!(line, " {} {pointer}", lang.pick("bei", "at"));
    }
    let _ = write!(line, ": {}", problem(&diagnostic.problem, lang));
    crate::text::sanitize(&line).into_owned()
}

/// "1 warning", "2 warnings".
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "2 errors, 1 warning".
pub fn counts(errors: usize, warnings: usize, lang: Lang) -> String {
    match lang {
        Lang::De => format!(
            "{errors} Fehler, {}",
            plural(warnings, "Warnung", "Warnungen")
        ),
        Lang::En => format!(
            "{}, {}",
            plural(errors, "error", "errors"),
            plural(warnings, "warning", "warnings")
        ),
    }
}

/// Texts of the command line (`validate`, `questionnaires`).
pub enum Cli<'a> {
    ValidDefinition {
        key: &'a str,
        fields: usize,
        topics: usize,
        questions: usize,
        sha256: &'a str,
    },
    ValidAnswers {
        county: &'a str,
        key: &'a str,
        answered: usize,
        questions: usize,
    },
    Invalid,
    WithWarnings(usize),
    Summary {
        files: usize,
        invalid: usize,
    },
    QuestionnairesHeader,
    NoQuestionnaires,
    Shipped,
    SkippedDefinition {
        file: &'a str,
        errors: usize,
    },
    UnreadableDirectory {
        dir: &'a str,
        reason: &'a str,
    },
    PathDatabase,
    PathConfig,
    PathLog,
    PathQuestionnaires,
    NothingStored,
    Imported {
        county: &'a str,
        key: &'a str,
        id: i64,
    },
    Reimported {
        id: i64,
        seq: i64,
        changed: &'a [String],
        fields: &'a [String],
    },
    NoAssessments,
    ListHeader,
    /// An assessment status as stored ("in_progress", "finalized").
    Status(&'a str),
    Verified {
        id: i64,
        rows: usize,
        imports: usize,
    },
    /// No earlier assessment of the county: the Bilanzierung is imported on its own.
    NoPrevious {
        ags: &'a str,
    },
    /// Several earlier assessments could be the one a Bilanzierung follows.
    SeveralPrevious,
    /// The import stopped before anything was stored (nothing wrong with the file).
    NotImported,
    /// The new assessment follows `previous`.
    Follows {
        id: i64,
        previous: i64,
    },
    /// The trail's head, to compare with the one an export records.
    TrailHead {
        head: &'a str,
    },
    /// The trail state given with `--head` is row `n` of `rows`.
    Anchored {
        n: i64,
        rows: usize,
    },
}

impl Cli<'_> {
    pub fn text(&self, lang: Lang) -> String {
        match *self {
            Cli::ValidDefinition {
                key,
                fields,
                topics,
                questions,
                sha256,
            } => match lang {
                Lang::De => format!(
                    "gültige Fragebogen-Definition {key}: {}, {}, {}, sha256 {}",
                    plural(fields, "Handlungsfeld", "Handlungsfelder"),
                    plural(topics, "Thema", "Themen"),
                    plural(questions, "Frage", "Fragen"),
                    short(sha256)
                ),
                Lang::En => format!(
                    "valid questionnaire definition {key}: {}, {}, {}, sha256 {}",
                    plural(fields, "field of action", "fields of action"),
                    plural(topics, "topic", "topics"),
                    plural(questions, "question", "questions"),
                    short(sha256)
                ),
            },
            Cli::ValidAnswers {
                county,
                key,
                answered,
                questions,
            } => match lang {
                Lang::De => format!(
                    "gültige Antworten von {county} auf {key}: {answered} von {} beantwortet",
                    plural(questions, "Frage", "Fragen")
                ),
                Lang::En => format!(
                    "valid answers of {county} to {key}: {answered} of {} answered",
                    plural(questions, "question", "questions")
                ),
            },
            Cli::Invalid => lang.pick("ungültig", "invalid").into(),
            Cli::WithWarnings(n) => match lang {
                Lang::De => plural(n, "Warnung", "Warnungen"),
                Lang::En => plural(n, "warning", "warnings"),
            },
            Cli::Summary { files, invalid } => match lang {
                Lang::De => format!(
                    "{} geprüft, {invalid} ungültig",
                    plural(files, "Datei", "Dateien")
                ),
                Lang::En => format!(
                    "{} checked, {invalid} invalid",
                    plural(files, "file", "files")
                ),
            },
            Cli::QuestionnairesHeader => lang
                .pick(
                    "ID\tVERSION\tTITEL\tSPRACHE\tHF\tTHEMEN\tFRAGEN\tSHA256\tQUELLE",
                    "ID\tVERSION\tTITLE\tLANGUAGE\tFIELDS\tTOPICS\tQUESTIONS\tSHA256\tSOURCE",
                )
                .into(),
            Cli::NoQuestionnaires => lang
                .pick(
                    "keine Fragebogen-Definitionen gefunden",
                    "no questionnaire definitions found",
                )
                .into(),
            Cli::Shipped => lang.pick("mitgeliefert", "shipped").into(),
            Cli::SkippedDefinition { file, errors } => match lang {
                Lang::De => {
                    format!("übersprungen: {file} hat {errors} Fehler (siegel validate {file})")
                }
                Lang::En => format!(
                    "skipped: {file} has {} (siegel validate {file})",
                    plural(errors, "error", "errors")
                ),
            },
            Cli::UnreadableDirectory { dir, reason } => match lang {
                Lang::De => format!("Verzeichnis {dir} kann nicht gelesen werden: {reason}"),
                Lang::En => format!("cannot read directory {dir}: {reason}"),
            },
            Cli::PathDatabase => lang.pick("Datenbank", "database").into(),
            Cli::PathConfig => lang.pick("Konfiguration", "config").into(),
            Cli::PathLog => lang.pick("Protokoll", "log").into(),
            Cli::PathQuestionnaires => lang.pick("Fragebögen", "questionnaires").into(),
            Cli::NothingStored => lang
                .pick(
                    "nichts gespeichert: die Datei hat Fehler",
                    "nothing stored: the file has errors",
                )
                .into(),
            Cli::Imported { county, key, id } => match lang {
                Lang::De => format!("{county} ({key}) importiert als Bewertung {id}"),
                Lang::En => format!("imported {county} ({key}) as assessment {id}"),
            },
            Cli::Reimported {
                id,
                seq,
                changed,
                fields,
            } => {
                let changed_list = if changed.is_empty() {
                    lang.pick("keine", "none").to_string()
                } else {
                    changed.join(", ")
                };
                let fields_list = if fields.is_empty() {
                    lang.pick("keine", "none").to_string()
                } else {
                    fields.join(", ")
                };
                match lang {
                    Lang::De => format!(
                        "korrigierte Antworten als Import {seq} in Bewertung {id}; geänderte Fragen: {changed_list}; neu zu bestätigende Bewertungen in: {fields_list}"
                    ),
                    Lang::En => format!(
                        "corrected answers stored as import {seq} of assessment {id}; changed questions: {changed_list}; ratings to re-confirm in: {fields_list}"
                    ),
                }
            }
            Cli::NoAssessments => lang
                .pick(
                    "keine Bewertungen in der Datenbank (siegel import DATEI legt eine an)",
                    "no assessments in the database (siegel import FILE creates one)",
                )
                .into(),
            Cli::ListHeader => lang
                .pick(
                    "ID\tKREIS\tFRAGEBOGEN\tAUDITOR\tGESICHTET\tBEWERTET\tSTATUS\tGEÄNDERT",
                    "ID\tCOUNTY\tQUESTIONNAIRE\tAUDITOR\tREVIEWED\tRATED\tSTATUS\tCHANGED",
                )
                .into(),
            Cli::Status(status) => match (status, lang) {
                ("in_progress", Lang::De) => "in Bearbeitung".into(),
                ("in_progress", Lang::En) => "in progress".into(),
                ("finalized", Lang::De) => "abgeschlossen".into(),
                ("finalized", Lang::En) => "finalised".into(),
                (other, _) => other.to_string(),
            },
            Cli::Verified { id, rows, imports } => match lang {
                Lang::De => format!(
                    "Bewertung {id}: Verlauf mit {} lückenlos und unverändert, Fragebogen und {} stimmen mit ihren Prüfsummen überein",
                    plural(rows, "Eintrag", "Einträgen"),
                    plural(imports, "Antwortimport", "Antwortimporte")
                ),
                Lang::En => format!(
                    "assessment {id}: trail of {} complete and unchanged; questionnaire and {} match their hashes",
                    plural(rows, "change", "changes"),
                    plural(imports, "answers import", "answers imports")
                ),
            },
            Cli::NoPrevious { ags } => match lang {
                Lang::De => format!(
                    "keine frühere Bewertung dieses Kreises (AGS {ags}) in der Datenbank: die Bilanzierung wird ohne Vergleich importiert"
                ),
                Lang::En => format!(
                    "no earlier assessment of this county (AGS {ags}) in the database: the Bilanzierung is imported without a comparison"
                ),
            },
            Cli::SeveralPrevious => lang
                .pick(
                    "Mehrere frühere Bewertungen dieses Kreises kommen in Frage; mit --previous ID die gemeinte nennen:",
                    "Several earlier assessments of this county could be meant; name one with --previous ID:",
                )
                .to_string(),
            Cli::NotImported => lang.pick("nichts gespeichert", "nothing stored").to_string(),
            Cli::Follows { id, previous } => match lang {
                Lang::De => format!("Bewertung {id} folgt auf Bewertung {previous} (Vergleich mit dem letzten Audit)"),
                Lang::En => format!("assessment {id} follows assessment {previous} (compared with the last audit)"),
            },
            Cli::TrailHead { head } => match lang {
                Lang::De => format!("Verlaufsstand (wie in Exporten vermerkt): {head}"),
                Lang::En => format!("trail state (as exports record it): {head}"),
            },
            Cli::Anchored { n, rows } => match lang {
                Lang::De => format!(
                    "der angegebene Verlaufsstand ist Eintrag {n} von {rows}; alles bis dahin ist unverändert"
                ),
                Lang::En => format!(
                    "the trail state given is row {n} of {rows}; everything up to it is unchanged"
                ),
            },
        }
    }
}

/// The sentence for a store error.
/// Why a file could not be written, in words: "{file}: das Verzeichnis gibt es nicht" (without
/// the file where it is shown already); the system's own (English) text only where no words of
/// ours fit.
pub fn io_problem(file: &str, kind: std::io::ErrorKind, detail: &str, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    let what = match kind {
        K::NotFound => lang.pick(
            "das Verzeichnis gibt es nicht",
            "the directory does not exist",
        ),
        K::PermissionDenied => {
            lang.pick("keine Berechtigung zum Schreiben", "no permission to write")
        }
        K::IsADirectory => lang.pick("das ist ein Verzeichnis", "that is a directory"),
        K::NotADirectory => lang.pick(
            "ein Teil des Pfads ist kein Verzeichnis",
            "part of the path is not a directory",
        ),
        K::StorageFull => lang.pick("der Datenträger ist voll", "the disk is full"),
        K::ReadOnlyFilesystem => lang.pick(
            "der Datenträger ist schreibgeschützt",
            "the disk is read-only",
        ),
        _ => return detail.to_string(),
    };
    if file.is_empty() {
        what.to_string()
    } else {
        format!("{file}: {what}")
    }
}

/// `--time-zone` or `SIEGEL_TZ` names a zone the built-in database does not know.
pub fn unknown_zone(name: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!(
            "unbekannte Zeitzone „{name}“ (--time-zone oder SIEGEL_TZ, ein Name wie Europe/Berlin)"
        ),
        Lang::En => format!(
            "unknown time zone \"{name}\" (--time-zone or SIEGEL_TZ, a name such as Europe/Berlin)"
        ),
    }
}

pub fn store_error(error: &StoreError, lang: Lang) -> String {
    use StoreError as E;
    match (error, lang) {
        (
            E::NewerSchema {
                path,
                found,
                supported,
            },
            Lang::De,
        ) => format!(
            "{} wurde von einer neueren siegel-Version geschrieben (Schema {found}); diese Version kennt Schema {supported}. Die Datei bleibt unverändert; bitte siegel aktualisieren.",
            path.display()
        ),
        (
            E::NewerSchema {
                path,
                found,
                supported,
            },
            Lang::En,
        ) => format!(
            "{} was written by a newer siegel (schema {found}); this version knows schema {supported}. The file was left unchanged; please update siegel.",
            path.display()
        ),
        (E::NotSiegel { path }, Lang::De) => {
            format!("{} ist keine siegel-Datenbank", path.display())
        }
        (E::NotSiegel { path }, Lang::En) => format!("{} is not a siegel database", path.display()),
        (E::NoDatabase { path }, Lang::De) => format!(
            "unter {} gibt es keine Datenbank (siegel import legt eine an)",
            path.display()
        ),
        (E::NoDatabase { path }, Lang::En) => format!(
            "there is no database at {} (siegel import creates one)",
            path.display()
        ),
        (E::Corrupt { path }, Lang::De) => format!(
            "die Datenbank {} ist beschädigt; die Sicherungskopien (*.bak) daneben enthalten frühere Stände",
            path.display()
        ),
        (E::Corrupt { path }, Lang::En) => format!(
            "the database {} is damaged; the backups (*.bak) beside it hold earlier states",
            path.display()
        ),
        (E::Locked { path }, Lang::De) => format!(
            "die Datenbank {} ist von einem anderen Programm gesperrt; die letzte Änderung wurde nicht gespeichert, bitte erneut versuchen",
            path.display()
        ),
        (E::Locked { path }, Lang::En) => format!(
            "the database {} is locked by another program; the last change was not stored, please try again",
            path.display()
        ),
        (E::DiskFull { path }, Lang::De) => format!(
            "Datenträger voll: die letzte Änderung wurde nicht gespeichert ({})",
            path.display()
        ),
        (E::DiskFull { path }, Lang::En) => format!(
            "disk full: the last change was not stored ({})",
            path.display()
        ),
        (E::ReadOnlyFile { path }, Lang::De) => format!(
            "{} ist schreibgeschützt: die letzte Änderung wurde nicht gespeichert",
            path.display()
        ),
        (E::ReadOnlyFile { path }, Lang::En) => format!(
            "{} is read-only: the last change was not stored",
            path.display()
        ),
        (E::CannotOpen { path, reason }, Lang::De) => {
            format!("{} kann nicht geöffnet werden: {reason}", path.display())
        }
        (E::CannotOpen { path, reason }, Lang::En) => {
            format!("cannot open {}: {reason}", path.display())
        }
        (E::Migration { version, reason }, Lang::De) => format!(
            "die Datenbank konnte nicht auf Schema {version} gebracht werden: {reason}; sie bleibt auf dem vorigen Stand"
        ),
        (E::Migration { version, reason }, Lang::En) => format!(
            "the database could not be brought to schema {version}: {reason}; it stays as it was"
        ),
        (E::Database { path, reason }, Lang::De) => {
            format!("Datenbankfehler in {}: {reason}", path.display())
        }
        (E::Database { path, reason }, Lang::En) => {
            format!("database error in {}: {reason}", path.display())
        }
        (E::Damaged { what }, Lang::De) => format!("gespeicherte Daten sind unlesbar ({what})"),
        (E::Damaged { what }, Lang::En) => format!("stored data cannot be read ({what})"),
        (E::NotThePreviousRating { from }, Lang::De) => format!(
            "die Bewertung aus Bewertung {from} lässt sich nicht übernehmen: sie ist nicht die frühere Bewertung dieser Bewertung oder hat dort einen anderen Stand"
        ),
        (E::NotThePreviousRating { from }, Lang::En) => format!(
            "the rating of assessment {from} cannot be taken over: it is not this assessment's previous one, or its rating there differs"
        ),
        (E::PreviousOfOtherCounty { previous, ags }, Lang::De) => format!(
            "Bewertung {previous} gehört zu einem anderen Kreis als die Antworten (AGS {ags}); eine Bilanzierung folgt nur einer Bewertung desselben Kreises"
        ),
        (E::PreviousOfOtherCounty { previous, ags }, Lang::En) => format!(
            "assessment {previous} belongs to another county than the answers (AGS {ags}); a Bilanzierung follows only an assessment of the same county"
        ),
        (
            E::PreviousNotEarlier {
                previous,
                reporting_date,
            },
            Lang::De,
        ) => format!(
            "Bewertung {previous} ist nicht älter als die Antworten (Stichtag {}); eine Bilanzierung folgt nur einer früheren Bewertung",
            report::date(reporting_date, lang)
        ),
        (
            E::PreviousNotEarlier {
                previous,
                reporting_date,
            },
            Lang::En,
        ) => format!(
            "assessment {previous} is not earlier than the answers (reporting date {}); a Bilanzierung follows only an earlier assessment",
            report::date(reporting_date, lang)
        ),
        (E::Goals(refusal), lang) => goals::refusal(refusal, lang),
        (E::Second(refusal), lang) => second::refusal(refusal, lang),
        (E::NoSuchAssessment(id), Lang::De) => {
            format!("es gibt keine Bewertung {id} (siegel list zeigt alle)")
        }
        (E::NoSuchAssessment(id), Lang::En) => {
            format!("there is no assessment {id} (siegel list shows them all)")
        }
        (
            E::Stale {
                based_on,
                current,
                by,
                at,
            },
            Lang::De,
        ) => format!(
            "die Bewertung wurde inzwischen geändert (Stand {current}, von {by} um {at}); Ihre Ansicht beruht auf Stand {based_on}. Die Änderung wurde nicht gespeichert; bitte neu laden."
        ),
        (
            E::Stale {
                based_on,
                current,
                by,
                at,
            },
            Lang::En,
        ) => format!(
            "the assessment was changed meanwhile (revision {current}, by {by} at {at}); your view is based on revision {based_on}. The change was not stored; please reload."
        ),
        (E::Finalized(id), Lang::De) => format!(
            "Bewertung {id} ist abgeschlossen; Änderungen erst nach ausdrücklichem Wiederöffnen"
        ),
        (E::Finalized(id), Lang::En) => {
            format!("assessment {id} is finalised; changes need an explicit reopen first")
        }
        (E::NotFinalized(id), Lang::De) => format!("Bewertung {id} ist nicht abgeschlossen"),
        (E::NotFinalized(id), Lang::En) => format!("assessment {id} is not finalised"),
        (
            E::LeaseHeld {
                auditor,
                host,
                pid,
                since,
            },
            Lang::De,
        ) => format!(
            "{auditor} bearbeitet diese Bewertung seit {since} (Rechner {host}, Prozess {pid}); nur lesend öffnen oder ausdrücklich übernehmen"
        ),
        (
            E::LeaseHeld {
                auditor,
                host,
                pid,
                since,
            },
            Lang::En,
        ) => format!(
            "{auditor} has been editing this assessment since {since} (host {host}, process {pid}); open it read-only or take it over explicitly"
        ),
        (E::ReadOnlySession, Lang::De) => {
            "nur lesend geöffnet: Änderungen sind nicht möglich".into()
        }
        (E::ReadOnlySession, Lang::En) => "opened read-only: changes are not possible".into(),
        (E::LeaseLost { auditor, host }, Lang::De) => format!(
            "{auditor} ({host}) hat die Bearbeitung übernommen; Ihre Änderung wurde nicht gespeichert"
        ),
        (E::LeaseLost { auditor, host }, Lang::En) => {
            format!("{auditor} ({host}) has taken over editing; your change was not stored")
        }
        (E::UnknownQuestion(id), Lang::De) => {
            format!("\"{id}\" ist keine Frage dieses Fragebogens")
        }
        (E::UnknownQuestion(id), Lang::En) => {
            format!("\"{id}\" is not a question of this questionnaire")
        }
        (E::UnknownCell { field, parameter }, Lang::De) => {
            format!("{parameter} wird im Handlungsfeld {field} nicht bewertet")
        }
        (E::UnknownCell { field, parameter }, Lang::En) => {
            format!("{parameter} is not rated in field of action {field}")
        }
        (E::UnknownField(id), Lang::De) => {
            format!("\"{id}\" ist kein Handlungsfeld dieses Fragebogens")
        }
        (E::UnknownField(id), Lang::En) => {
            format!("\"{id}\" is not a field of action of this questionnaire")
        }
        (E::NotALevel(level), Lang::De) => format!("{level} ist keine Stufe der Skala"),
        (E::NotALevel(level), Lang::En) => format!("{level} is not a level of the scale"),
        (E::NoSuchFollowUp(id), Lang::De) => format!("es gibt keine Rückfrage {id}"),
        (E::NoSuchFollowUp(id), Lang::En) => format!("there is no follow-up question {id}"),
        (E::NoSuchFinding(id), Lang::De) => format!("es gibt keinen Eintrag {id}"),
        (E::NoSuchFinding(id), Lang::En) => format!("there is no entry {id}"),
        (
            E::OtherDefinition {
                assessment,
                answers,
            },
            Lang::De,
        ) => format!(
            "die korrigierten Antworten beziehen sich auf {answers}, die Bewertung auf {assessment}"
        ),
        (
            E::OtherDefinition {
                assessment,
                answers,
            },
            Lang::En,
        ) => format!(
            "the corrected answers were given to {answers}, the assessment uses {assessment}"
        ),
        (E::SameAnswers, Lang::De) => {
            "die Antworten sind dieselben wie beim letzten Import; nichts zu tun".into()
        }
        (E::SameAnswers, Lang::En) => {
            "these answers are the same as the last import; nothing to do".into()
        }
        (E::Incomplete(missing), Lang::De) => format!(
            "die Bewertung kann noch nicht abgeschlossen werden; offen: {}",
            plural(missing.len(), "Punkt", "Punkte")
        ),
        (E::Incomplete(missing), Lang::En) => format!(
            "the assessment cannot be finalised yet; missing: {}",
            plural(missing.len(), "item", "items")
        ),
    }
}

/// The name of a trail entry's kind.
pub fn trail_entity(entity: &str, lang: Lang) -> &str {
    match (entity, lang) {
        ("import", Lang::De) => "Import",
        ("answer_changed", Lang::De) => "Antwort geändert",
        ("answer_changed", Lang::En) => "answer changed",
        ("reviewed", Lang::De) => "gesichtet",
        ("note", Lang::De) => "Notiz",
        ("note_internal", Lang::De) => "Notiz intern",
        ("note_internal", Lang::En) => "note internal",
        ("follow_up", Lang::De) => "Rückfrage",
        ("follow_up", Lang::En) => "follow-up",
        ("follow_up_status", Lang::De) => "Rückfrage-Status",
        ("follow_up_status", Lang::En) => "follow-up status",
        ("rating", Lang::De) => "Bewertung",
        ("rationale", Lang::De) => "Begründung",
        ("confirmation", Lang::De) => "bestätigt",
        ("confirmation", Lang::En) => "confirmed",
        ("finding", Lang::De) => "Eintrag",
        ("finding", Lang::En) => "entry",
        ("finding_order", Lang::De) => "Reihenfolge",
        ("finding_order", Lang::En) => "order",
        ("overall", Lang::De) => "Gesamteinschätzung",
        ("overall", Lang::En) => "overall assessment",
        ("status", Lang::De) => "Status",
        ("lease", Lang::De) => "Übernahme",
        ("lease", Lang::En) => "take-over",
        ("previous", Lang::De) => "frühere Bewertung",
        ("adopted", Lang::De) => "übernommen aus früherer Bewertung",
        ("adopted", Lang::En) => "taken over from previous assessment",
        ("previous", Lang::En) => "previous assessment",
        ("agreement", Lang::De) => "Zielvereinbarung",
        ("agreement", Lang::En) => "goal agreement",
        ("annual_report", Lang::De) => "Jahresbericht",
        ("annual_report", Lang::En) => "annual report",
        ("goal_rating", Lang::De) => "Zielerreichung",
        ("goal_rating", Lang::En) => "goal achievement",
        ("goal_rationale", Lang::De) => "Begründung der Zielerreichung",
        ("goal_rationale", Lang::En) => "rationale of the achievement",
        ("second_rating", Lang::De) => "Zweitbewertung begonnen",
        ("second_rating", Lang::En) => "second rating started",
        ("second_of", Lang::De) => "Zweitbewertung zu",
        ("second_of", Lang::En) => "second rating of",
        ("signoff", Lang::De) => "unterschrieben",
        ("signoff", Lang::En) => "signed off",
        ("consensus", Lang::De) => "Konsens",
        ("consensus", Lang::En) => "consensus",
        ("consensus_rationale", Lang::De) => "Begründung des Konsenses",
        ("consensus_rationale", Lang::En) => "rationale of the consensus",
        (other, _) => other,
    }
}

/// A value in a verify report: quoted, or "leer"/"empty".
fn verify_value(value: Option<&str>, lang: Lang) -> String {
    match value {
        Some(value) => format!("\"{}\"", crate::text::sanitize(value)),
        None => lang.pick("leer", "empty").to_string(),
    }
}

/// What `siegel verify` found wrong, as a sentence.
pub fn verify_problem(id: i64, problem: &crate::store::VerifyProblem, lang: Lang) -> String {
    use crate::store::VerifyProblem as V;
    match (problem, lang) {
        (V::TrailRow { n }, Lang::De) => format!(
            "Bewertung {id}: Verlaufseintrag {n} passt nicht zu seiner Prüfsumme (verändert); die Kette bricht dort"
        ),
        (V::TrailRow { n }, Lang::En) => format!(
            "assessment {id}: trail row {n} does not match its hash (altered); the chain breaks there"
        ),
        (V::TrailGap { expected, found }, Lang::De) => format!(
            "Bewertung {id}: Verlaufseintrag {expected} fehlt (nach {} folgt {found}); es wurde gelöscht",
            expected - 1
        ),
        (V::TrailGap { expected, found }, Lang::En) => format!(
            "assessment {id}: trail row {expected} is missing ({} is followed by {found}); it was deleted",
            expected - 1
        ),
        (V::DefinitionSnapshot { sha256 }, Lang::De) => format!(
            "Bewertung {id}: die gespeicherte Fragebogen-Definition passt nicht mehr zu ihrer Prüfsumme {}",
            short(sha256)
        ),
        (V::DefinitionSnapshot { sha256 }, Lang::En) => format!(
            "assessment {id}: the stored questionnaire definition no longer matches its hash {}",
            short(sha256)
        ),
        (V::Signature { auditor }, Lang::De) => format!(
            "Bewertung {id}: die Unterschrift von {auditor} passt nicht mehr zu Inhalt und Schlüssel"
        ),
        (V::Signature { auditor }, Lang::En) => {
            format!("assessment {id}: {auditor}'s signature no longer matches content and key")
        }
        (V::GoalsSnapshot { what }, Lang::De) => format!(
            "Bewertung {id}: die gespeicherte Fassung von {what} passt nicht mehr zu ihrer Prüfsumme"
        ),
        (V::GoalsSnapshot { what }, Lang::En) => {
            format!("assessment {id}: the stored copy of {what} no longer matches its hash")
        }
        (V::AnswersSnapshot { seq }, Lang::De) => format!(
            "Bewertung {id}: die gespeicherten Antworten von Import {seq} passen nicht mehr zu ihrer Prüfsumme"
        ),
        (V::AnswersSnapshot { seq }, Lang::En) => format!(
            "assessment {id}: the stored answers of import {seq} no longer match their hash"
        ),
        (V::FinalContent, Lang::De) => format!(
            "Bewertung {id}: der Inhalt wurde nach dem Abschluss verändert (Prüfsumme des Abschlusses passt nicht)"
        ),
        (V::FinalContent, Lang::En) => format!(
            "assessment {id}: the content was changed after finalisation (the finalisation hash does not match)"
        ),
        (V::TrailHead, Lang::De) => format!(
            "Bewertung {id}: der Verlauf endet nicht, wo die Bewertung es vermerkt; seine letzten Einträge wurden gelöscht"
        ),
        (V::TrailHead, Lang::En) => format!(
            "assessment {id}: the trail does not end where the assessment records it; its last rows were deleted"
        ),
        (V::FinalizedWithoutHash, Lang::De) => format!(
            "Bewertung {id}: als abgeschlossen markiert, aber ohne die Prüfsumme des Abschlusses"
        ),
        (V::FinalizedWithoutHash, Lang::En) => {
            format!("assessment {id}: marked finalised but without the finalisation hash")
        }
        (V::Anchor { head }, Lang::De) => format!(
            "Bewertung {id}: der Verlaufsstand {} (etwa aus einem Export) kommt im Verlauf nicht vor; Einträge wurden seither gelöscht oder umgeschrieben",
            short(head)
        ),
        (V::Anchor { head }, Lang::En) => format!(
            "assessment {id}: the trail state {} (from an export, say) is not in the trail; rows were deleted or rewritten since",
            short(head)
        ),
        (V::County, Lang::De) => {
            format!("Bewertung {id}: der vermerkte Kreis ist nicht der seiner Antworten")
        }
        (V::County, Lang::En) => {
            format!("assessment {id}: the county recorded is not the one of its answers")
        }
        (
            V::State {
                entity,
                key,
                trail,
                table,
            },
            Lang::De,
        ) => format!(
            "Bewertung {id}: {} {key} ist in der Tabelle {}, der Verlauf führt zu {} (außerhalb von siegel geändert)",
            trail_entity(entity, lang),
            verify_value(table.as_deref(), lang),
            verify_value(trail.as_deref(), lang)
        ),
        (
            V::State {
                entity,
                key,
                trail,
                table,
            },
            Lang::En,
        ) => format!(
            "assessment {id}: {} {key} is {} in the table, the trail leads to {} (changed outside siegel)",
            trail_entity(entity, lang),
            verify_value(table.as_deref(), lang),
            verify_value(trail.as_deref(), lang)
        ),
    }
}

#[cfg(test)]
mod store_error_tests {
    use super::*;

    #[test]
    fn a_missing_directory_is_said_in_the_users_language() {
        assert_eq!(
            io_problem(
                "/x/y.md",
                std::io::ErrorKind::NotFound,
                "os error 2",
                Lang::De
            ),
            "/x/y.md: das Verzeichnis gibt es nicht"
        );
    }

    #[test]
    fn a_full_disk_is_said_as_a_sentence_naming_the_file() {
        let error = crate::store::StoreError::DiskFull {
            path: "/daten/siegel.db".into(),
        };
        assert_eq!(
            store_error(&error, Lang::En),
            "disk full: the last change was not stored (/daten/siegel.db)"
        );
    }
}
