//! The PDF report, typeset in-process by Typst from the report model: the template in
//! `assets/report.typ` reads the model as JSON, so county text is only ever data, never
//! markup. Fonts are built in; nothing is read from the machine, and the same state gives the
//! same bytes (the document's date is the report's date, its identifier the assessment's).

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use super::document::Document;

const TEMPLATE: &str = include_str!("../../assets/report.typ");

/// Source Sans 3 (SIL Open Font License), in the styles the template uses.
const FONTS: [&[u8]; 4] = [
    include_bytes!("../../assets/fonts/SourceSans3-Regular.otf"),
    include_bytes!("../../assets/fonts/SourceSans3-It.otf"),
    include_bytes!("../../assets/fonts/SourceSans3-Bold.otf"),
    include_bytes!("../../assets/fonts/SourceSans3-BoldIt.otf"),
];

struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static FONT_SET: LazyLock<Fonts> = LazyLock::new(|| {
    let fonts: Vec<Font> = (FONTS.iter())
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect();
    Fonts {
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the report model could not be handed to the typesetter: {0}")]
    Model(#[from] serde_json::Error),
    #[error("the report could not be typeset: {0}")]
    Typeset(String),
}

/// The template and the model, as the files of a Typst project.
struct Files {
    main: FileId,
    template: Source,
    model: FileId,
    json: Bytes,
}

impl World for Files {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONT_SET.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main {
            Ok(self.template.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.model {
            Ok(self.json.clone())
        } else if id == self.main {
            Ok(Bytes::from_string(self.template.clone()))
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONT_SET.fonts.get(index).cloned()
    }

    /// The report never asks for today: its date is the state it shows.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

fn file_id(path: &str) -> Result<FileId, PdfError> {
    let path = VirtualPath::new(path).map_err(|e| PdfError::Typeset(format!("{e:?}")))?;
    Ok(RootedPath::new(VirtualRoot::Project, path).intern())
}

/// The typesetter's messages, with the template's line where there is one.
fn messages(files: &Files, diagnostics: &[SourceDiagnostic]) -> String {
    (diagnostics.iter())
        .map(|d| match files.range(d.span) {
            Some(range) if d.span.id() == Some(files.main) => format!(
                "{} (report.typ, line {})",
                d.message,
                TEMPLATE[..range.start.min(TEMPLATE.len())].lines().count()
            ),
            _ => d.message.to_string(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The model as JSON with control characters made visible, as every other format does.
fn cleaned(document: &Document) -> Result<serde_json::Value, PdfError> {
    fn walk(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::String(text) => {
                if let std::borrow::Cow::Owned(clean) = super::escape::clean(text) {
                    *text = clean;
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(walk),
            serde_json::Value::Object(fields) => fields.values_mut().for_each(walk),
            _ => {}
        }
    }
    let mut value = serde_json::to_value(document)?;
    walk(&mut value);
    Ok(value)
}

/// Typesets the report as PDF/A-2b. `ident` names the document stably (the assessment), so
/// the PDF's identifier does not change between exports of the same state.
pub fn render(document: &Document, ident: &str) -> Result<Vec<u8>, PdfError> {
    let main = file_id("/report.typ")?;
    let files = Files {
        main,
        template: Source::new(main, TEMPLATE.to_string()),
        model: file_id("/report.json")?,
        json: Bytes::new(serde_json::to_vec(&cleaned(document)?)?),
    };
    let paged = typst::compile::<PagedDocument>(&files)
        .output
        .map_err(|errors| PdfError::Typeset(messages(&files, &errors)))?;
    let timestamp = (document.date)
        .and_then(|[y, m, d]| Datetime::from_ymd(y, u8::try_from(m).ok()?, u8::try_from(d).ok()?))
        .map(Timestamp::new_utc);
    let standards = PdfStandards::new(&[PdfStandard::A_2b])
        .map_err(|e| PdfError::Typeset(e.message().to_string()))?;
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        creator: Smart::Custom(Some("siegel".into())),
        timestamp,
        standards,
        ..PdfOptions::default()
    };
    let pdf = typst_pdf::pdf(&paged, &options)
        .map_err(|errors| PdfError::Typeset(messages(&files, &errors)));
    // The typesetter keeps what it laid out for a next run; a report is typeset once, so the
    // memory goes back at once (an interface or a server runs for days).
    typst::comemo::evict(0);
    pdf
}
