//! Every key, by context, from the keymap in force: the current context first. The level keys
//! are the levels of the loaded scale.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use strum::IntoEnumIterator;

use super::text::scroll_or_close;
use crate::catalog::Lang;
use crate::catalog::tui::{self as words, Ui};
use crate::tui::action::{Action, Context};
use crate::tui::component::{Ctx, Msg};
use crate::tui::widgets::answer::wrap;
use crate::tui::widgets::{Scroll, centered, scrolled, titled};

pub struct Help {
    /// Where the help was asked for: its keys come first.
    context: Context,
    /// The levels of the loaded scale, lowest and highest.
    levels: Option<(i32, i32)>,
    scroll: Scroll,
}

impl Help {
    pub fn new(context: Context, levels: Option<(i32, i32)>) -> Help {
        Help {
            context,
            levels,
            scroll: Scroll::default(),
        }
    }

    pub fn handle(&mut self, action: Action, ctx: &Ctx) -> Vec<Msg> {
        scroll_or_close(&mut self.scroll, action, ctx)
    }

    pub fn draw(&self, frame: &mut Frame, body: Rect, ctx: &Ctx) {
        let area = centered(body, body.width.saturating_sub(4).min(90), body.height);
        frame.render_widget(ratatui::widgets::Clear, area);
        let lines = self.lines(ctx, usize::from(area.width.saturating_sub(3)));
        scrolled(
            frame,
            area,
            titled(Ui::Help.text(ctx.lang), area.width, true, ctx.theme),
            lines,
            &self.scroll,
        );
    }

    fn lines(&self, ctx: &Ctx, width: usize) -> Vec<Line<'static>> {
        let theme = ctx.theme;
        let lang = ctx.lang;
        let mut contexts: Vec<Context> = vec![self.context];
        contexts.extend(Context::iter().filter(|c| *c != self.context));
        let mut lines = Vec::new();
        for context in contexts {
            let actions: Vec<Action> = ctx
                .keymap
                .bindings(context)
                .into_iter()
                .filter(|a| self.shows(*a))
                .collect();
            if actions.is_empty() {
                continue;
            }
            if !lines.is_empty() {
                lines.push(Line::from(""));
            }
            lines.push(Line::from(Span::styled(
                words::context_name(context.into(), lang).to_string(),
                theme.heading,
            )));
            let key_width = 14;
            let mut levels_listed = false;
            for action in actions {
                let (keys, help) = match (action.level(), self.levels) {
                    (Some(_), Some((low, high))) if !levels_listed => {
                        levels_listed = true;
                        let key = |level: i32| {
                            Action::level_action(level)
                                .map(|a| ctx.keymap.describe(context, a))
                                .unwrap_or_default()
                        };
                        (
                            format!("{}–{}", key(low), key(high)),
                            Ui::LevelKeys.text(lang).to_string(),
                        )
                    }
                    (Some(_), _) => continue,
                    (None, _) => (
                        ctx.keymap.describe(context, action),
                        help_text(action, lang).to_string(),
                    ),
                };
                for (i, part) in wrap(&help, width.saturating_sub(key_width + 1))
                    .into_iter()
                    .enumerate()
                {
                    let key = if i == 0 { keys.clone() } else { String::new() };
                    lines.push(Line::from(vec![
                        Span::styled(format!("  {:<w$}", key, w = key_width - 2), theme.key),
                        Span::raw(part),
                    ]));
                }
            }
        }
        lines
    }

    /// Level keys outside the loaded scale are not listed.
    fn shows(&self, action: Action) -> bool {
        match (action.level(), self.levels) {
            (Some(level), Some((low, high))) => (low..=high).contains(&level),
            (Some(_), None) => false,
            (None, _) => true,
        }
    }
}

/// The help line of an action in a language: English is the action's doc comment.
pub fn help_text(action: Action, lang: Lang) -> &'static str {
    match lang {
        Lang::En => action.doc(),
        Lang::De => words::action_help_de(action.name()),
    }
}
