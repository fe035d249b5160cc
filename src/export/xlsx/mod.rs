//! The workbook an office opens: overview, rating matrix, answers with notes, follow-up
//! questions. Deterministic: the creation date is the assessment's last change, not the clock.

use rust_xlsxwriter::{
    Color, ConditionalFormatCell, ConditionalFormatCellRule, DocProperties, ExcelDateTime, Format,
    FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::escape::{clean, looks_like_formula};
mod tables;

use super::{Part, Report, csv};
use crate::catalog::report::{self, Text};
use crate::domain::assessment::Rating;
use crate::domain::definition::BandColor;

/// Width of a quality parameter's column in the rating matrix, in characters.
const PARAMETER_WIDTH: f64 = 19.0;

/// Excel's paper size code for A4.
const PAPER_A4: u8 = 9;

/// Level fills from the lowest to the highest level, as in the HTML heat map.
const LEVEL_FILLS: [u32; 5] = [0xD6604F, 0xE8965A, 0xF0C050, 0xC5E69A, 0xE0F8C8];

/// The radar's zone fills, so that the Ampel looks the same in every format.
fn band_fill(color: BandColor) -> u32 {
    let hex = super::radar::band_fill(color).trim_start_matches('#');
    u32::from_str_radix(hex, 16).unwrap_or(0xE6E6E6)
}

pub(super) struct Styles {
    pub(super) title: Format,
    pub(super) header: Format,
    pub(super) label: Format,
    pub(super) text: Format,
    pub(super) wrap: Format,
    pub(super) score: Format,
    pub(super) share: Format,
    /// Dates and times as Excel values, shown the German way.
    pub(super) date: Format,
    pub(super) date_time: Format,
}

impl Styles {
    fn new() -> Styles {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(0x9A9A9A))
            .set_align(FormatAlign::Top);
        Styles {
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_font_color(Color::RGB(0x1F4E79)),
            header: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_background_color(Color::RGB(0xE9EEF4)),
            label: Format::new().set_bold().set_align(FormatAlign::Top),
            text: Format::new().set_align(FormatAlign::Top).set_text_wrap(),
            wrap: cell.clone().set_text_wrap(),
            score: cell.clone().set_num_format("0.0").set_bold(),
            share: cell.clone().set_num_format("0.0%"),
            date: Format::new()
                .set_align(FormatAlign::Top)
                .set_align(FormatAlign::Left)
                .set_num_format("dd.mm.yyyy"),
            date_time: cell
                .set_align(FormatAlign::Left)
                .set_num_format("dd.mm.yyyy hh:mm"),
        }
    }
}

/// A stored timestamp as an Excel date and time in local time; text if it is none.
fn write_local_time(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    stamp: &str,
    lang: crate::catalog::Lang,
    s: &Styles,
) -> Result<(), XlsxError> {
    let local = crate::clock::local(stamp)
        .and_then(|(day, time, _)| ExcelDateTime::parse_from_str(&format!("{day}T{time}:00")).ok());
    match local {
        Some(at) => {
            sheet.write_datetime_with_format(row, col, &at, &s.date_time)?;
            Ok(())
        }
        None => text(sheet, row, col, &report::timestamp(stamp, lang), &s.wrap),
    }
}

/// Writes untrusted text: control characters made visible, and text that a spreadsheet would
/// take for a formula marked as text (Excel's leading apostrophe, the quote prefix).
pub(super) fn text(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    let value = clean(value);
    if looks_like_formula(&value) {
        sheet.write_string_with_format(
            row,
            col,
            value.as_ref(),
            &format.clone().set_quote_prefix(),
        )?;
    } else {
        sheet.write_string_with_format(row, col, value.as_ref(), format)?;
    }
    Ok(())
}

/// Lines a wrapped text needs in a column `width` characters wide (a little generous, as
/// proportional letters vary).
fn lines_needed(text: &str, width: f64) -> usize {
    let per_line = (width - 1.0).max(4.0) as usize;
    text.lines()
        .map(|line| line.chars().count().div_ceil(per_line).max(1))
        .sum::<usize>()
        .max(1)
}

/// Row heights are not computed by every spreadsheet program when it opens a file; wrapped
/// text gets the height it needs here (15 points a line, within Excel's 409-point limit).
pub(super) fn fit_row(
    sheet: &mut Worksheet,
    row: u32,
    cells: &[(&str, f64)],
) -> Result<(), XlsxError> {
    let lines = cells
        .iter()
        .map(|(text, width)| lines_needed(text, *width))
        .max()
        .unwrap_or(1);
    if lines > 1 {
        sheet.set_row_height(row, (15.0 * lines as f64).min(409.0))?;
    }
    Ok(())
}

/// Prints every sheet on A4, one page wide, with its header row on each page.
pub(super) fn print_setup(sheet: &mut Worksheet, landscape: bool) -> Result<(), XlsxError> {
    sheet.set_paper_size(PAPER_A4);
    if landscape {
        sheet.set_landscape();
    }
    sheet.set_print_fit_to_pages(1, 0);
    Ok(())
}

pub fn render(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let a = report.assessment;
    let mut workbook = Workbook::new();
    // The workbook is small; fast compression keeps the export well under 20 ms.
    workbook.set_zip_compression_level(1);
    let created = ExcelDateTime::parse_from_str(&a.updated_at)
        .or_else(|_| ExcelDateTime::parse_from_str(&a.answers.reporting_date))
        .or_else(|_| ExcelDateTime::from_ymd(2000, 1, 1))?;
    let properties = DocProperties::new()
        .set_title(clean(&report.text(Text::Title {
            county: &a.answers.county.name,
        })))
        .set_author(clean(&a.auditor))
        .set_comment(report.text(Text::GeneratedBy { id: a.id }))
        .set_creation_datetime(&created);
    workbook.set_properties(&properties);
    let styles = Styles::new();

    overview(report, workbook.add_worksheet(), &styles)?;
    tables::findings(report, workbook.add_worksheet(), &styles)?;
    ratings(report, workbook.add_worksheet(), &styles)?;
    tables::rationales(report, workbook.add_worksheet(), &styles)?;
    answers(report, workbook.add_worksheet(), &styles)?;
    follow_ups(report, workbook.add_worksheet(), &styles)?;
    if let Some(compared) = report.compared() {
        tables::comparison(&compared, workbook.add_worksheet(), &styles)?;
        tables::changed_answers(&compared, workbook.add_worksheet(), &styles)?;
    }
    if let Some(second) = report.second {
        tables::second_rating(report, second, workbook.add_worksheet(), &styles)?;
    }
    // One sheet of measures; several agreements (rare) follow one another.
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (_, progress, ratings) in report.progress() {
        let table =
            super::goals::measure_table(&progress, report.definition(), ratings, report.lang);
        let skip = usize::from(!rows.is_empty());
        rows.extend(table.into_iter().skip(skip));
    }
    if !rows.is_empty() {
        let sheet = workbook.add_worksheet();
        sheet.set_name(crate::catalog::goals::sheet_goals(report.lang))?;
        print_setup(sheet, true)?;
        let mut widths = vec![24.0, 8.0, 36.0, 16.0, 36.0, 10.0, 40.0, 20.0, 11.0];
        widths.resize(rows[0].len(), 12.0);
        tables::table(sheet, 0, &rows, &widths, &styles)?;
    }
    // Every printed page names the county, says whether it is a draft, and counts pages.
    let county = clean(&a.answers.county.name).replace('&', "&&");
    let draft = match a.status {
        crate::domain::assessment::Status::Finalized => String::new(),
        crate::domain::assessment::Status::InProgress => report.text(Text::DraftMark),
    };
    let header = format!("&L{county}&R{draft}");
    let footer = format!("&C{}", report.text(Text::PageFooter));
    for sheet in workbook.worksheets_mut() {
        sheet.set_header(&header);
        sheet.set_footer(&footer);
    }
    workbook.save_to_buffer()
}

fn overview(report: &Report, sheet: &mut Worksheet, s: &Styles) -> Result<(), XlsxError> {
    let a = report.assessment;
    let answers = &a.answers;
    let lang = report.lang;
    let d = report.definition();
    sheet.set_name(report.text(Text::SheetOverview))?;
    print_setup(sheet, false)?;
    sheet.set_column_width(0, 34)?;
    sheet.set_column_width(1, 58)?;
    sheet.set_column_width(2, 22)?;
    sheet.set_column_width(3, 18)?;
    text(
        sheet,
        0,
        0,
        &report.text(Text::Title {
            county: &answers.county.name,
        }),
        &s.title,
    )?;
    sheet.set_freeze_panes(1, 0)?;
    text(sheet, 1, 0, &report.text(Text::Subtitle), &Format::new())?;

    let mut procedure = report::procedure(answers.procedure.kind, lang).to_string();
    if let Some(previous) = &answers.procedure.previous {
        procedure.push_str(&format!(
            " ({}: {previous})",
            report.text(Text::PreviousAudit)
        ));
    }
    let status = report::status(a.status, lang).to_string();
    let rows = [
        (Text::County, answers.county.name.clone()),
        (Text::Ags, answers.county.ags.clone()),
        (
            Text::CountyKind,
            report::county_kind(answers.county.kind, lang).into(),
        ),
        (Text::Procedure, procedure),
        (
            Text::ReportingDate,
            report::date(&answers.reporting_date, lang),
        ),
        (Text::Auditor, a.auditor.clone()),
        (Text::Status, status),
        // The hash on a row of its own: 64 digits do not wrap.
        (Text::FinalHash, a.final_hash.clone().unwrap_or_default()),
        (
            Text::Questionnaire,
            format!("{} ({}, sha256 {})", d.title, d.key(), a.definition_sha256),
        ),
        (
            Text::Assessment,
            format!(
                "{}, {} {}",
                a.id,
                report.text(Text::LastChange),
                report::timestamp(&a.updated_at, lang)
            ),
        ),
        (
            Text::TrailHead,
            report.trail_head.clone().unwrap_or_default(),
        ),
    ];
    let mut row = 3;
    for (label, value) in rows {
        let is_date = matches!(label, Text::ReportingDate);
        text(sheet, row, 0, &report.text(label), &s.label)?;
        let date = ExcelDateTime::parse_from_str(&answers.reporting_date).ok();
        match (is_date, date) {
            (true, Some(date)) => {
                sheet.write_datetime_with_format(row, 1, &date, &s.date)?;
            }
            _ => text(sheet, row, 1, &value, &s.text)?,
        }
        fit_row(sheet, row, &[(&value, 58.0)])?;
        row += 1;
    }

    row += 1;
    let o = &report.scores.overall;
    text(sheet, row, 0, &report.text(Text::OverallScore), &s.label)?;
    write_score(report, sheet, row, 1, o.score, o.band, o.outcome, s)?;
    row += 1;
    text(sheet, row, 1, &d.rules.bands_note, &s.text)?;
    fit_row(sheet, row, &[(&d.rules.bands_note, 58.0)])?;
    row += 1;
    let overall = match a.overall.trim() {
        "" => report.text(Text::NoOverallText),
        text => text.to_string(),
    };
    text(sheet, row, 0, &report.text(Text::OverallText), &s.label)?;
    text(sheet, row, 1, &overall, &s.text)?;
    fit_row(sheet, row, &[(&overall, 58.0)])?;
    row += 2;

    for (col, label) in [
        Text::FieldOfAction,
        Text::Score,
        Text::Band,
        Text::RatedShare,
    ]
    .into_iter()
    .enumerate()
    {
        text(sheet, row, col as u16, &report.text(label), &s.header)?;
    }
    row += 1;
    for field in &d.fields_of_action {
        let name = format!("{} {}", field.number, field.label);
        text(sheet, row, 0, &name, &s.wrap)?;
        fit_row(sheet, row, &[(&name, 34.0)])?;
        if let Some(fs) = report.field_score(&field.id) {
            write_score(report, sheet, row, 1, fs.score, fs.band, fs.outcome, s)?;
            sheet.write_number_with_format(row, 3, fs.rated_share, &s.share)?;
        }
        row += 1;
    }
    row += 1;
    let c = &report.completeness;
    text(
        sheet,
        row,
        0,
        &report.text(Text::Progress {
            reviewed: c.reviewed,
            questions: c.questions,
            rated: c.rated,
            cells: c.cells,
        }),
        &Format::new(),
    )?;
    if !c.missing.is_empty() && a.status == crate::domain::assessment::Status::InProgress {
        row += 2;
        text(sheet, row, 0, &report.text(Text::Missing), &s.label)?;
        for line in report.missing_lines(&c.missing) {
            row += 1;
            text(sheet, row, 0, &line, &Format::new())?;
        }
    }
    Ok(())
}

/// The score as a number in one cell and the Ampel label, filled with its colour, in the next;
/// without a score, the reason.
#[allow(clippy::too_many_arguments)]
fn write_score(
    report: &Report,
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    score: Option<f64>,
    band: Option<usize>,
    outcome: crate::domain::scoring::Outcome,
    s: &Styles,
) -> Result<(), XlsxError> {
    match score {
        Some(score) => {
            sheet.write_number_with_format(row, col, score, &s.score)?;
            if let Some(b) = report.band(band) {
                let fill = s
                    .wrap
                    .clone()
                    .set_background_color(Color::RGB(band_fill(b.color)));
                text(sheet, row, col + 1, &b.label, &fill)?;
            }
        }
        None => {
            // The score column stays narrow: the reason goes where the Ampel would be.
            text(sheet, row, col, "–", &s.wrap)?;
            text(
                sheet,
                row,
                col + 1,
                &report.outcome_text(outcome, None, None),
                &s.wrap,
            )?;
        }
    }
    Ok(())
}

fn ratings(report: &Report, sheet: &mut Worksheet, s: &Styles) -> Result<(), XlsxError> {
    let d = report.definition();
    sheet.set_name(report.text(Text::SheetRatings))?;
    print_setup(sheet, true)?;
    sheet.set_repeat_rows(0, 0)?;
    let parameters = report.matrix_parameters();
    let last_parameter = parameters.len() as u16;
    sheet.set_column_width(0, 34)?;
    for col in 1..=last_parameter {
        sheet.set_column_width(col, PARAMETER_WIDTH)?;
    }
    sheet.set_column_width(last_parameter + 1, 8)?;
    sheet.set_column_width(last_parameter + 2, 20)?;

    text(sheet, 0, 0, &report.text(Text::FieldOfAction), &s.header)?;
    for (i, p) in parameters.iter().enumerate() {
        text(sheet, 0, i as u16 + 1, &p.label, &s.header)?;
    }
    text(
        sheet,
        0,
        last_parameter + 1,
        &report.text(Text::Score),
        &s.header,
    )?;
    text(
        sheet,
        0,
        last_parameter + 2,
        &report.text(Text::Band),
        &s.header,
    )?;
    sheet.set_freeze_panes(1, 1)?;
    let header_cells: Vec<(&str, f64)> = parameters
        .iter()
        .map(|p| (p.label.as_str(), PARAMETER_WIDTH))
        .collect();
    fit_row(sheet, 0, &header_cells)?;

    let levels = &d.scale.levels;
    let lowest = levels.iter().map(|l| l.value).min().unwrap_or(0);
    let highest = levels.iter().map(|l| l.value).max().unwrap_or(1);
    let level_format = |level: i32| {
        let label = levels
            .iter()
            .find(|l| l.value == level)
            .map_or(String::new(), |l| l.label.replace('"', ""));
        s.wrap
            .clone()
            .set_align(FormatAlign::Center)
            .set_num_format(format!("0\" {label}\""))
    };
    let mark = s
        .wrap
        .clone()
        .set_align(FormatAlign::Center)
        .set_font_color(Color::RGB(0x444444));

    let mut row = 1;
    for field in &d.fields_of_action {
        let name = format!("{} {}", field.number, field.label);
        text(sheet, row, 0, &name, &s.wrap)?;
        fit_row(sheet, row, &[(&name, 34.0)])?;
        for (i, p) in parameters.iter().enumerate() {
            let col = i as u16 + 1;
            if !field.quality_parameters.contains(&p.id) {
                continue;
            }
            match report.rating(&field.id, &p.id) {
                Some(Rating::Level(level)) => {
                    sheet.write_number_with_format(
                        row,
                        col,
                        f64::from(level),
                        &level_format(level),
                    )?;
                }
                other => text(sheet, row, col, &report.rating_label(other), &mark)?,
            }
        }
        if let Some(fs) = report.field_score(&field.id) {
            write_score(
                report,
                sheet,
                row,
                last_parameter + 1,
                fs.score,
                fs.band,
                fs.outcome,
                s,
            )?;
        }
        row += 1;
    }
    // Colours follow the level, so a changed number recolours itself.
    let last_row = row - 1;
    for level in levels {
        let share = f64::from(level.value - lowest) / f64::from((highest - lowest).max(1));
        let fill = LEVEL_FILLS[(share * 4.0).round().clamp(0.0, 4.0) as usize];
        let conditional = ConditionalFormatCell::new()
            .set_rule(ConditionalFormatCellRule::EqualTo(level.value))
            .set_format(Format::new().set_background_color(Color::RGB(fill)));
        sheet.add_conditional_format(1, 1, last_row, last_parameter, &conditional)?;
    }

    row += 1;
    text(
        sheet,
        row,
        0,
        &report.text(Text::LevelsLegend),
        &Format::new(),
    )?;
    Ok(())
}

fn answers(report: &Report, sheet: &mut Worksheet, s: &Styles) -> Result<(), XlsxError> {
    sheet.set_name(report.text(Text::SheetAnswers))?;
    print_setup(sheet, true)?;
    let widths = [24.0, 26.0, 12.0, 50.0, 50.0, 40.0, 14.0, 10.0, 40.0, 40.0];
    for (col, width) in widths.into_iter().enumerate() {
        sheet.set_column_width(col as u16, width)?;
    }
    let need = s
        .wrap
        .clone()
        .set_bold()
        .set_font_color(Color::RGB(0x9C2B1F));
    let rows = csv::rows(report, Part::Answers);
    let yes = report::yes_no(true, report.lang);
    for (r, cells) in rows.iter().enumerate() {
        for (c, value) in cells.iter().enumerate() {
            let format = if r == 0 {
                &s.header
            } else if c == 6 && value == yes {
                &need
            } else {
                &s.wrap
            };
            text(sheet, r as u32, c as u16, value, format)?;
        }
        let cells: Vec<(&str, f64)> = cells.iter().map(String::as_str).zip(widths).collect();
        fit_row(sheet, r as u32, &cells)?;
    }
    sheet.set_freeze_panes(1, 3)?;
    sheet.autofilter(
        0,
        0,
        (rows.len() as u32).saturating_sub(1),
        widths.len() as u16 - 1,
    )?;
    sheet.set_repeat_rows(0, 0)?;
    Ok(())
}

fn follow_ups(report: &Report, sheet: &mut Worksheet, s: &Styles) -> Result<(), XlsxError> {
    let d = report.definition();
    let lang = report.lang;
    sheet.set_name(report.text(Text::SheetFollowUps))?;
    print_setup(sheet, true)?;
    sheet.set_repeat_rows(0, 0)?;
    let headers = [
        Text::FollowUpNumber,
        Text::FieldOfAction,
        Text::QuestionId,
        Text::Question,
        Text::FollowUp,
        Text::Status,
        Text::CreatedAt,
    ];
    let widths = [6.0, 28.0, 12.0, 50.0, 50.0, 12.0, 18.0];
    for (col, (label, width)) in headers.into_iter().zip(widths).enumerate() {
        sheet.set_column_width(col as u16, width)?;
        text(sheet, 0, col as u16, &report.text(label), &s.header)?;
    }
    let mut row = 1;
    for follow_up in &report.assessment.follow_ups {
        let located = d
            .questions()
            .find(|(_, _, q)| q.id == follow_up.question_id);
        let (field, question) = match located {
            Some((f, _, q)) => {
                let field = &d.fields_of_action[f];
                (format!("{} {}", field.id, field.label), q.text.clone())
            }
            None => (String::new(), String::new()),
        };
        sheet.write_number_with_format(row, 0, follow_up.id as f64, &s.wrap)?;
        text(sheet, row, 1, &field, &s.wrap)?;
        text(sheet, row, 2, &follow_up.question_id, &s.wrap)?;
        text(sheet, row, 3, &question, &s.wrap)?;
        text(sheet, row, 4, &follow_up.text, &s.wrap)?;
        text(
            sheet,
            row,
            5,
            report::follow_up_status(follow_up.status, lang),
            &s.wrap,
        )?;
        write_local_time(sheet, row, 6, &follow_up.created_at, lang, s)?;
        fit_row(
            sheet,
            row,
            &[
                (&field, widths[1]),
                (&question, widths[3]),
                (&follow_up.text, widths[4]),
            ],
        )?;
        row += 1;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, row.saturating_sub(1).max(1), widths.len() as u16 - 1)?;
    Ok(())
}
