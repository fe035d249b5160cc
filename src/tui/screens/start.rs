//! The start screen: the assessments in the database.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::catalog::Cli;
use crate::catalog::tui::Ui;
use crate::text::sanitize;
use crate::tui::answer::date;
use crate::tui::app::{App, Popup};
use crate::tui::view::{block, list_window, truncate};

fn cell(text: &str, width: usize) -> String {
    let text = truncate(text, width);
    let fill = width.saturating_sub(text.width());
    format!("{text}{} ", " ".repeat(fill))
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let lang = app.lang;
    let outer = block(
        Ui::Assessments.text(lang),
        app.popup.is_none() || matches!(app.popup, Some(Popup::Help { .. })),
        theme,
    );
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    if app.list.is_empty() {
        let lines = vec![
            Line::from(""),
            Line::from(Span::styled(Ui::EmptyDatabase.text(lang), theme.heading)),
            Line::from(""),
            Line::from(Span::styled(Ui::EmptyOfferSample.text(lang), theme.key)),
            Line::from(Span::styled(Ui::EmptyOfferImport.text(lang), theme.key)),
        ];
        frame.render_widget(Paragraph::new(lines).centered(), inner);
        return;
    }
    let width = usize::from(inner.width);
    // Fixed columns; the county takes what is left.
    let (id_w, questionnaire_w, progress_w, status_w, changed_w) = (3, 16, 9, 14, 10);
    let wide = width >= 100;
    let auditor_w = if wide { 16 } else { 0 };
    // Every cell is followed by one space.
    let columns = if wide { 8 } else { 7 };
    let fixed =
        id_w + questionnaire_w + 2 * progress_w + status_w + changed_w + auditor_w + columns;
    let county_w = width.saturating_sub(fixed).max(10);
    let mut header = cell(Ui::ColumnId.text(lang), id_w)
        + &cell(Ui::ColumnCounty.text(lang), county_w)
        + &cell(Ui::ColumnQuestionnaire.text(lang), questionnaire_w);
    if wide {
        header += &cell(Ui::ColumnAuditor.text(lang), auditor_w);
    }
    header += &(cell(Ui::ColumnReviewed.text(lang), progress_w)
        + &cell(Ui::ColumnRated.text(lang), progress_w)
        + &cell(Ui::ColumnStatus.text(lang), status_w)
        + &cell(Ui::ColumnChanged.text(lang), changed_w));
    let rows: Vec<Line<'static>> = app
        .list
        .iter()
        .map(|row| {
            let mut line = cell(&row.id.to_string(), id_w)
                + &cell(&sanitize(&row.county), county_w)
                + &cell(&sanitize(&row.questionnaire), questionnaire_w);
            if wide {
                line += &cell(&sanitize(&row.auditor), auditor_w);
            }
            line += &(cell(&format!("{}/{}", row.reviewed, row.questions), progress_w)
                + &cell(&format!("{}/{}", row.rated, row.cells), progress_w)
                + &cell(&Cli::Status(&row.status).text(lang), status_w)
                + &cell(
                    &date(row.updated_at.get(..10).unwrap_or(&row.updated_at), lang),
                    changed_w,
                ));
            Line::from(line)
        })
        .collect();
    let mut lines = vec![Line::from(Span::styled(header, theme.heading))];
    let height = usize::from(inner.height.saturating_sub(1));
    lines.extend(list_window(
        rows,
        Some(app.list_selected),
        height,
        width,
        true,
        theme,
    ));
    frame.render_widget(Paragraph::new(lines), inner);
}
