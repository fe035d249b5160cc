//! The report model: everything a report says, in order, built once from the assessment.
//! Markdown, HTML and PDF render it and decide only how it looks; what goes in, in which
//! words, and what a finalised report leaves out is decided here.

pub mod build;

pub use build::build;

use serde::Serialize;

/// A whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    /// "de" or "en".
    pub lang: &'static str,
    pub title: String,
    pub subtitle: String,
    /// Who wrote it: the auditor.
    pub author: String,
    /// The county's name, for the running header.
    pub county: String,
    /// The draft's notice at the top; `None` in a finalised report.
    pub draft: Option<String>,
    /// The short word on every page of a draft ("Entwurf").
    pub draft_mark: Option<String>,
    /// The report date (the state it shows), year, month and day: the PDF's date.
    pub date: Option<[i32; 3]>,
    /// The facts at the head: label and value.
    pub meta: Vec<[String; 2]>,
    /// The questionnaire's remark, with its label.
    pub remark: Option<String>,
    pub sections: Vec<Section>,
    /// The last line: who generated it, and the trail's head.
    pub footer: String,
    /// Words for the printed page: "Inhalt", "Seite", "von".
    pub contents: String,
    pub page: String,
    pub of: String,
}

/// A section with its heading (level 2).
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// A stable anchor: "overview", "HF1".
    pub id: String,
    pub title: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Block {
    /// A sub-heading (level 3).
    Heading {
        text: String,
    },
    /// Free text: paragraphs split at blank lines, line breaks kept.
    Text {
        text: String,
        style: Style,
    },
    /// A score with its Ampel band, or why there is none.
    Score(Score),
    /// The quality parameters against the fields of action.
    Matrix(Matrix),
    Table(Table),
    List {
        items: Vec<Item>,
    },
    /// Strengths, challenges and recommendations side by side.
    Findings {
        groups: Vec<Group>,
    },
    /// A county's answer with what goes with it.
    Answer(Answer),
    /// A vector figure (SVG) with its caption; text formats leave it out.
    Figure {
        svg: String,
        caption: String,
    },
    /// The closing block: who signed, and lines for who signs by hand.
    Signatures {
        signers: Vec<Signer>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Style {
    Plain,
    Strong,
    /// A remark in italics.
    Emphasis,
    /// A note set apart (a quoted box).
    Note,
    /// Small print.
    Small,
    /// "keine Einträge": what stands where there is nothing.
    Empty,
}

#[derive(Debug, Clone, Serialize)]
pub struct Score {
    /// "Gesamtwert", "Wert".
    pub label: String,
    /// "2,2"; `None` without a score.
    pub number: Option<String>,
    /// The band, or why there is no score (grey); `None` for a score outside every band.
    pub badge: Option<Badge>,
    /// Why too little is rated, when that is why.
    pub shortfall: Option<String>,
    /// "Die Ampel dient nur der Orientierung."
    pub orientation: Option<String>,
    /// Whether this is the report's headline score.
    pub overall: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Badge {
    pub label: String,
    /// "red", "yellow", "green", "blue" or "grey".
    pub color: &'static str,
}

/// Quality parameters as rows, fields of action as columns.
#[derive(Debug, Clone, Serialize)]
pub struct Matrix {
    pub heading: String,
    /// "heatmap" for the ratings, "changes" for the comparison with the last audit.
    pub class: &'static str,
    /// The first column's heading.
    pub corner: String,
    pub fields: Vec<Head>,
    pub rows: Vec<MatrixRow>,
    /// Rows below the ratings: the score and the band of each field.
    pub totals: Vec<TotalRow>,
    /// "Legende".
    pub legend_label: String,
    /// The short codes and what they stand for: "BED Bedarfsorientierung · …".
    pub codes: String,
    /// The scale's levels: their place (0–4) and their words, for a legend in colour.
    pub levels: Vec<Level>,
    /// What the other marks mean.
    pub legend: String,
}

/// A column or row head: "HF1", "1 Steuerung, …"; "QP-BED", "BED", "Bedarfsorientierung".
#[derive(Debug, Clone, Serialize)]
pub struct Head {
    pub id: String,
    /// The short code: "BED", "HF1".
    pub code: String,
    /// The name: "Steuerung, Vernetzung, Nachhaltigkeit".
    pub name: String,
    /// The number and name: "1 Steuerung, Vernetzung, Nachhaltigkeit".
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct MatrixRow {
    pub head: Head,
    /// "Gewicht 1,00", for the ratings.
    pub weight: Option<String>,
    /// One per field; `None` where the field does not rate the parameter.
    pub cells: Vec<Option<MatrixCell>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MatrixCell {
    /// "3", "n.z.", "2→3 ▲".
    pub text: String,
    /// "weitgehend".
    pub word: String,
    /// "lvl-3", "mark-na", "mark-nb", "unrated", "up", "down" or "".
    pub tone: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TotalRow {
    pub label: String,
    pub cells: Vec<Total>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Total {
    Text { text: String },
    Badge(Badge),
}

#[derive(Debug, Clone, Serialize)]
pub struct Level {
    pub value: i32,
    pub label: String,
    /// "lvl-0" … "lvl-4": the place on the scale, which gives the fill.
    pub tone: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Table {
    /// What the table holds, for a stylesheet: "ratings", "compared", "goals", …
    pub class: &'static str,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Whether the first column heads its row.
    pub row_heads: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub label: String,
    /// Numbers align right.
    pub numeric: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// A total or overall row, set apart.
    pub total: bool,
}

/// A cell: an optional strong lead, text (lines kept) and an optional list.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Cell {
    pub lead: Option<String>,
    pub text: String,
    pub items: Vec<String>,
    /// A flag below the text: "bestätigen".
    pub flag: Option<String>,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            ..Cell::default()
        }
    }

    pub fn lead(lead: impl Into<String>, text: impl Into<String>) -> Cell {
        Cell {
            lead: Some(lead.into()),
            text: text.into(),
            ..Cell::default()
        }
    }
}

/// A list item: an optional strong lead ("Rückfrage 1"), what it refers to, and the text.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Item {
    pub lead: Option<String>,
    pub context: Option<String>,
    pub text: String,
}

impl Item {
    pub fn text(text: impl Into<String>) -> Item {
        Item {
            text: text.into(),
            ..Item::default()
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub heading: String,
    pub items: Vec<String>,
    /// What stands in an empty group.
    pub empty: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    pub id: String,
    pub question: String,
    /// "Handlungsbedarf (vom Kreis angekreuzt)".
    pub flag: Option<String>,
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// "Antwort", "Nachweise", "Kommentar des Kreises", "Notiz".
    pub label: String,
    pub text: String,
    /// Small print after the text: the answer's details.
    pub details: Vec<String>,
    /// A table or offer-list answer as a table; the text says the same in lines.
    pub grid: Option<Grid>,
    /// The auditor's note stands out.
    pub strong: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Grid {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Signer {
    /// The sign-off, or who is still to sign.
    pub line: String,
    /// For who signs by hand: "Ort, Datum" and "Unterschrift Name".
    pub by_hand: Option<[String; 2]>,
}
