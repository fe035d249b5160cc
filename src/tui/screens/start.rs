//! The start screen: the assessments in the database, or an offer of the sample when there
//! are none. Only the rows on screen are formatted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::catalog::Cli;
use crate::catalog::tui::Ui;
use crate::store::{AssessmentSummary, OpenMode};
use crate::text::sanitize;
use crate::tui::action::{Action, Context};
use crate::tui::component::{Command, Ctx, Msg, commands, move_in};
use crate::tui::effect::Effect;
use crate::tui::popups::Popup;
use crate::tui::popups::prompt::{Prompt, PromptKind};
use crate::tui::widgets::answer::date;
use crate::tui::widgets::{block, column, highlight, window_start};

#[derive(Default)]
pub struct Start {
    pub list: Vec<AssessmentSummary>,
    pub selected: usize,
    /// The path of a refused import, offered again so that a typo costs one key.
    pub last_import: String,
}

impl Start {
    pub fn set_list(&mut self, list: Vec<AssessmentSummary>) {
        self.list = list;
        self.selected = self.selected.min(self.list.len().saturating_sub(1));
    }

    pub fn select(&mut self, id: i64) {
        if let Some(index) = self.list.iter().position(|row| row.id == id) {
            self.selected = index;
        }
    }

    pub fn commands(&self) -> Vec<Command> {
        let quit = Command::labelled(Action::Back, Ui::QuitLabel);
        if self.list.is_empty() {
            vec![
                Command::of(Action::ImportSample),
                Command::of(Action::Import),
                Command::of(Action::Help),
                quit,
            ]
        } else {
            let mut list = commands(&[
                Action::Open,
                Action::OpenReadOnly,
                Action::Import,
                Action::ImportSample,
                Action::Help,
            ]);
            list.push(quit);
            list
        }
    }

    pub fn handle(&mut self, action: Action, ctx: &Ctx) -> Vec<Msg> {
        if move_in(&mut self.selected, self.list.len(), action, ctx.page) {
            return Vec::new();
        }
        let selected = self.list.get(self.selected).map(|row| row.id);
        let open = |mode| {
            selected
                .map(|id| vec![Msg::Effect(Effect::Open { id, mode })])
                .unwrap_or_default()
        };
        match action {
            Action::Open => open(OpenMode::Edit),
            Action::OpenReadOnly => open(OpenMode::ReadOnly),
            Action::Import => vec![Msg::Popup(Popup::Prompt(Prompt::new(
                PromptKind::ImportPath,
                self.last_import.clone(),
            )))],
            Action::ImportSample => vec![Msg::Effect(Effect::ImportSample)],
            Action::Back => vec![Msg::Quit],
            _ => Vec::new(),
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx, focused: bool) {
        let theme = ctx.theme;
        let lang = ctx.lang;
        let outer = block(Ui::Assessments.text(lang), focused, theme);
        let inner = outer.inner(area);
        frame.render_widget(outer, area);
        if self.list.is_empty() {
            let offer = |action, text: Ui| {
                let key = ctx.keymap.describe(Context::Start, action);
                Line::from(Span::styled(
                    format!("{key}  {}", text.text(lang)),
                    theme.key,
                ))
            };
            let lines = vec![
                Line::from(""),
                Line::from(Span::styled(Ui::EmptyDatabase.text(lang), theme.heading)),
                Line::from(""),
                offer(Action::ImportSample, Ui::EmptyOfferSample),
                offer(Action::Import, Ui::EmptyOfferImport),
            ];
            frame.render_widget(Paragraph::new(lines).centered(), inner);
            return;
        }
        let width = usize::from(inner.width);
        let height = usize::from(inner.height.saturating_sub(1));
        let first = window_start(self.selected, self.list.len(), height);
        let visible = &self.list[first..(first + height).min(self.list.len())];
        let columns = Columns::fit(width, visible, ctx);
        let mut lines = vec![Line::from(Span::styled(columns.header(ctx), theme.heading))];
        for (i, row) in visible.iter().enumerate() {
            let line = Line::from(columns.row(row, ctx));
            lines.push(if first + i == self.selected {
                highlight(line, width, true, theme)
            } else {
                line
            });
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

/// Column widths: the county gets what it needs to tell counties apart; the questionnaire
/// shrinks, and the date of the last change shows only where there is room.
struct Columns {
    reviewed: usize,
    rated: usize,
    county: usize,
    questionnaire: usize,
    auditor: usize,
    changed: usize,
}

const ID: usize = 6;
const STATUS: usize = 14;

impl Columns {
    fn fit(width: usize, rows: &[AssessmentSummary], ctx: &Ctx) -> Columns {
        let longest = |f: fn(&AssessmentSummary) -> &str| {
            rows.iter()
                .map(|r| sanitize(f(r)).width())
                .max()
                .unwrap_or(0)
        };
        let changed = if width >= 100 { 11 } else { 0 };
        let auditor = if width >= 120 { 17 } else { 0 };
        let progress = |header: Ui, f: fn(&AssessmentSummary) -> String| {
            rows.iter()
                .map(|r| f(r).width())
                .chain([header.text(ctx.lang).width()])
                .max()
                .unwrap_or(0)
        };
        let reviewed = progress(Ui::ColumnReviewed, |r| {
            format!("{}/{}", r.reviewed, r.questions)
        });
        let rated = progress(Ui::ColumnRated, |r| format!("{}/{}", r.rated, r.cells));
        // "99999 " and the status last, where its trailing space may fall off.
        let fixed = ID + reviewed + rated + 2 + STATUS + changed + auditor;
        let rest = width.saturating_sub(fixed);
        let county = (longest(|r| &r.county).max(10) + 1).min(rest);
        let questionnaire_wanted =
            longest(|r| &r.questionnaire).max(Ui::ColumnQuestionnaire.text(ctx.lang).width()) + 1;
        // The questionnaire shrinks, and leaves where it would be unreadable.
        let questionnaire = match questionnaire_wanted.min(rest - county) {
            room if room >= 10 => room,
            _ => 0,
        };
        Columns {
            reviewed,
            rated,
            county: (rest - questionnaire).saturating_sub(1),
            questionnaire: questionnaire.saturating_sub(1),
            auditor: auditor.saturating_sub(1),
            changed: changed.saturating_sub(1),
        }
    }

    fn line(&self, cells: [&str; 8]) -> String {
        let [
            id,
            county,
            questionnaire,
            auditor,
            reviewed,
            rated,
            status,
            changed,
        ] = cells;
        let mut line = format!("{:>w$} ", id, w = ID - 1) + &column(county, self.county);
        if self.questionnaire > 0 {
            line += &column(questionnaire, self.questionnaire);
        }
        if self.auditor > 0 {
            line += &column(auditor, self.auditor);
        }
        line += &column(reviewed, self.reviewed);
        line += &column(rated, self.rated);
        line += &column(status, STATUS);
        if self.changed > 0 {
            line += &column(changed, self.changed);
        }
        line
    }

    fn header(&self, ctx: &Ctx) -> String {
        let lang = ctx.lang;
        self.line([
            Ui::ColumnId.text(lang),
            Ui::ColumnCounty.text(lang),
            Ui::ColumnQuestionnaire.text(lang),
            Ui::ColumnAuditor.text(lang),
            Ui::ColumnReviewed.text(lang),
            Ui::ColumnRated.text(lang),
            Ui::ColumnStatus.text(lang),
            Ui::ColumnChanged.text(lang),
        ])
    }

    fn row(&self, row: &AssessmentSummary, ctx: &Ctx) -> String {
        let lang = ctx.lang;
        self.line([
            &row.id.to_string(),
            &sanitize(&row.county),
            &sanitize(&row.questionnaire),
            &sanitize(&row.auditor),
            &format!("{}/{}", row.reviewed, row.questions),
            &format!("{}/{}", row.rated, row.cells),
            &Cli::Status(&row.status).text(lang),
            &date(row.updated_at.get(..10).unwrap_or(&row.updated_at), lang),
        ])
    }
}
