//! Choosing the format of an export; the file name comes next, in the prompt.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use super::Popup;
use super::prompt::{Prompt, PromptKind};
use crate::catalog::tui::Ui;
use crate::export::{Format, Part};
use crate::tui::action::Action;
use crate::tui::component::{Command, Ctx, Msg, move_in};
use crate::tui::widgets::{centered, list_window, titled};
use crate::tui::work::Work;

pub const COMMANDS: [Command; 3] = [
    Command::of(Action::Down),
    Command::labelled(Action::Open, Ui::ChooseLabel),
    Command::of(Action::Cancel),
];

/// The export choices, in the order the popup lists them.
const EXPORTS: [(Format, Part, Ui); 7] = [
    (Format::Pdf, Part::Cells, Ui::FormatPdf),
    (Format::Markdown, Part::Cells, Ui::FormatMarkdown),
    (Format::Html, Part::Cells, Ui::FormatHtml),
    (Format::Json, Part::Cells, Ui::FormatJson),
    (Format::Csv, Part::Cells, Ui::FormatCsvCells),
    (Format::Csv, Part::Answers, Ui::FormatCsvAnswers),
    (Format::Xlsx, Part::Cells, Ui::FormatXlsx),
];

/// A Bilanzierung's table beside the last audit, listed after the CSV tables.
const COMPARISON: (Format, Part, Ui) = (Format::Csv, Part::Comparison, Ui::FormatCsvComparison);

pub struct ExportChoice {
    choices: Vec<(Format, Part, Ui)>,
    selected: usize,
}

impl ExportChoice {
    /// The choices for an assessment; a Bilanzierung linked to the last audit also offers the
    /// comparison table.
    pub fn new(work: &Work) -> ExportChoice {
        let mut choices = EXPORTS.to_vec();
        if work.last_audit.is_some() {
            choices.insert(6, COMPARISON);
        }
        ExportChoice {
            choices,
            selected: 0,
        }
    }

    pub fn handle(&mut self, action: Action, work: Option<&Work>, ctx: &Ctx) -> Vec<Msg> {
        if move_in(&mut self.selected, self.choices.len(), action, ctx.page) {
            return Vec::new();
        }
        match (action, work) {
            (Action::Open, Some(work)) => {
                let (format, part, _) = self.choices[self.selected];
                let name = crate::export::default_file_name(&work.assessment, format, part);
                vec![
                    Msg::ClosePopup,
                    Msg::Popup(Popup::Prompt(Prompt::new(
                        PromptKind::ExportPath(format, part),
                        name,
                    ))),
                ]
            }
            (Action::Cancel | Action::Back | Action::Open, _) => vec![Msg::ClosePopup],
            _ => Vec::new(),
        }
    }

    pub fn draw(&self, frame: &mut Frame, body: Rect, ctx: &Ctx) {
        let items: Vec<Line<'static>> = (self.choices.iter())
            .map(|(_, _, label)| Line::from(format!(" {}", label.text(ctx.lang))))
            .collect();
        let width = items.iter().map(Line::width).max().unwrap_or(20) as u16 + 4;
        let area = centered(body, width.max(30), items.len() as u16 + 2);
        frame.render_widget(Clear, area);
        let outer = titled(Ui::ExportTitle.text(ctx.lang), area.width, true, ctx.theme);
        let inner = outer.inner(area);
        frame.render_widget(outer, area);
        let lines = list_window(
            items,
            Some(self.selected),
            usize::from(inner.height),
            usize::from(inner.width),
            true,
            ctx.theme,
        );
        frame.render_widget(Paragraph::new(lines), inner);
    }
}
