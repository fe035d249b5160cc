//! Drawing helpers that screens and popups share: framed blocks, lists that keep their
//! selection in view, text that scrolls with a scrollbar, dialogs with buttons, and cutting text
//! to a width. Nothing here knows a screen; screens import it, never the reverse.

pub mod answer;
pub mod rating;

use std::cell::Cell;

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Clear, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState,
};
use unicode_width::UnicodeWidthStr;

use super::action::Action;
use super::theme::Theme;

/// A rectangle of the given size, centred in `area` and kept inside it.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

/// A framed block; `title` is cut at a word boundary to fit the frame.
pub fn block<'a>(title: &str, focused: bool, theme: &Theme) -> Block<'a> {
    Block::new()
        .borders(Borders::ALL)
        .border_style(if focused {
            theme.border_focused
        } else {
            theme.border
        })
        .title(Span::styled(
            format!(" {title} "),
            if focused { theme.heading } else { Style::new() },
        ))
}

/// A framed block whose title fits `width` columns: words that do not fit are left out whole.
pub fn titled<'a>(title: &str, width: u16, focused: bool, theme: &Theme) -> Block<'a> {
    block(
        &fit_words(title, usize::from(width).saturating_sub(4)),
        focused,
        theme,
    )
}

/// As much of `text` as fits in `width` columns, cut before a word (or a " · " part) that
/// does not fit, never inside one.
pub fn fit_words(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split(' ') {
        let candidate = if out.is_empty() {
            word.to_string()
        } else {
            format!("{out} {word}")
        };
        if candidate.width() > width {
            break;
        }
        out = candidate;
    }
    out.trim_end_matches([' ', '·']).to_string()
}

/// Cuts text to `width` columns, marking the cut with "…": for rows of a list, where the full
/// text is one key away.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::with_capacity(width + 3);
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// The end of `text` in `width` columns, "…" where the start is left out: for paths, whose
/// file name matters most.
pub fn keep_end(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut used = 1;
    let mut start = text.len();
    for (index, c) in text.char_indices().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        start = index;
    }
    format!("…{}", &text[start..])
}

/// Text padded (or cut) to exactly `width` columns and a space.
pub fn column(text: &str, width: usize) -> String {
    let text = truncate(text, width);
    let fill = width.saturating_sub(text.width());
    format!("{text}{} ", " ".repeat(fill))
}

/// The first visible item of a list of `len` items, `height` shown, keeping `selected` in view.
pub fn window_start(selected: usize, len: usize, height: usize) -> usize {
    selected
        .saturating_sub(height / 2)
        .min(len.saturating_sub(height))
}

/// Highlights a line across the whole width.
pub fn highlight(
    mut line: Line<'static>,
    width: usize,
    focused: bool,
    theme: &Theme,
) -> Line<'static> {
    let fill = width.saturating_sub(line.width());
    line.spans.push(Span::raw(" ".repeat(fill)));
    line.patch_style(if focused {
        theme.selected
    } else {
        theme.selected_unfocused
    })
}

/// Lines of a list with the selection highlighted (across the whole width) and kept in view.
pub fn list_window(
    items: Vec<Line<'static>>,
    selected: Option<usize>,
    height: usize,
    width: usize,
    focused: bool,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let offset = selected.map_or(0, |s| window_start(s, items.len(), height));
    items
        .into_iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, line)| {
            if Some(i) == selected {
                highlight(line, width, focused, theme)
            } else {
                line
            }
        })
        .collect()
}

/// A scroll position that drawing keeps within the content: the last frame's limit is
/// remembered, so that moving up after `G` starts at the end, not far beyond it.
#[derive(Debug, Default, Clone)]
pub struct Scroll {
    offset: u16,
    max: Cell<u16>,
    /// Which part of a long text is shown (see `answer::text_part`), and how many parts the
    /// last frame had.
    part: usize,
    parts: Cell<usize>,
}

impl Scroll {
    pub fn offset(&self) -> u16 {
        self.offset.min(self.max.get())
    }

    pub fn reset(&mut self) {
        self.offset = 0;
        self.part = 0;
    }

    pub fn part(&self) -> usize {
        self.part
    }

    /// Records how many parts the longest text drawn has.
    pub fn set_parts(&self, parts: usize) {
        self.parts.set(parts);
    }

    /// Shows the next or previous part of a long text from its top; false when there is none.
    pub fn step_part(&mut self, forward: bool) -> bool {
        let part = match forward {
            true if self.part + 1 < self.parts.get() => self.part + 1,
            false if self.part > 0 => self.part - 1,
            _ => return false,
        };
        self.part = part;
        self.offset = 0;
        true
    }

    /// Applies a moving action; false when the action does not scroll.
    pub fn apply(&mut self, action: Action, page: u16) -> bool {
        let offset = self.offset();
        self.offset = match action {
            Action::Down => offset.saturating_add(1),
            Action::Up => offset.saturating_sub(1),
            Action::PageDown => offset.saturating_add(page),
            Action::PageUp => offset.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => u16::MAX,
            _ => return false,
        };
        true
    }

    /// Records how far the content can scroll at this size and returns the offset to draw.
    fn fit(&self, lines: usize, height: u16) -> u16 {
        let max = u16::try_from(lines)
            .unwrap_or(u16::MAX)
            .saturating_sub(height);
        self.max.set(max);
        self.offset.min(max)
    }
}

/// Lines in a framed area that scroll; a scrollbar on the right frame shows that there is more.
pub fn scrolled(
    frame: &mut Frame,
    area: Rect,
    outer: Block<'_>,
    lines: Vec<Line<'static>>,
    scroll: &Scroll,
) {
    let inner = outer.inner(area);
    let total = lines.len();
    let offset = scroll.fit(total, inner.height);
    frame.render_widget(Paragraph::new(lines).block(outer).scroll((offset, 0)), area);
    scrollbar(frame, area, total, inner.height, offset);
}

/// A scrollbar over the right frame of `area` when `total` lines do not fit in `height`.
pub fn scrollbar(frame: &mut Frame, area: Rect, total: usize, height: u16, offset: u16) {
    if total <= usize::from(height) {
        return;
    }
    let max = total - usize::from(height);
    let mut state = ScrollbarState::new(max + 1)
        .position(usize::from(offset))
        .viewport_content_length(usize::from(height));
    frame.render_stateful_widget(
        Scrollbar::new(ScrollbarOrientation::VerticalRight),
        area.inner(Margin {
            vertical: 1,
            horizontal: 0,
        }),
        &mut state,
    );
}

/// A box with wrapped text and a row of buttons, the selected one highlighted.
pub fn dialog(
    frame: &mut Frame,
    body: Rect,
    title: &str,
    text: &[String],
    buttons: &[String],
    selected: usize,
    theme: &Theme,
) {
    let button_row: usize = buttons.iter().map(|b| b.width() + 4).sum::<usize>() + 2;
    let widest = text
        .iter()
        .map(|l| l.width())
        .chain([button_row, title.width() + 4])
        .max()
        .unwrap_or(30);
    let width = (widest + 4).clamp(34, usize::from(body.width.saturating_sub(4)).max(34));
    let width = width.min(usize::from(body.width)) as u16;
    let mut lines: Vec<Line<'static>> = text
        .iter()
        .flat_map(|l| answer::wrap(l, usize::from(width.saturating_sub(4))))
        .map(|l| Line::from(format!(" {l}")))
        .collect();
    lines.push(Line::from(""));
    let mut spans = vec![Span::raw(" ")];
    for (i, label) in buttons.iter().enumerate() {
        let style = if i == selected {
            theme.selected
        } else {
            theme.text
        };
        spans.push(Span::styled(format!("[ {label} ]"), style));
        spans.push(Span::raw("  "));
    }
    lines.push(Line::from(spans));
    let area = centered(body, width, lines.len() as u16 + 2);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .block(titled(title, width, true, theme))
            .style(theme.text),
        area,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_keep_their_end() {
        assert_eq!(keep_end("/tmp/out/bericht.md", 12), "…/bericht.md");
        assert_eq!(keep_end("bericht.md", 12), "bericht.md");
    }

    #[test]
    fn titles_are_cut_before_a_word_never_inside() {
        assert_eq!(
            fit_words("Notiz zu HF1.T1.F01 · Strg-S speichern", 20),
            "Notiz zu HF1.T1.F01"
        );
        assert_eq!(fit_words("kurz", 20), "kurz");
    }

    #[test]
    fn scrolling_stops_at_the_end_the_last_frame_saw() {
        let mut scroll = Scroll::default();
        assert_eq!(scroll.fit(30, 10), 0);
        scroll.apply(Action::Bottom, 5);
        assert_eq!(scroll.offset(), 20);
        scroll.apply(Action::Up, 5);
        assert_eq!(scroll.offset(), 19);
    }
}
