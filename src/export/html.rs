//! One self-contained HTML file rendered from the report model: no external assets, no
//! JavaScript, print-ready for A4 and readable in black and white (every colour is backed by a
//! digit or a word). Written as XHTML-compatible HTML5, so it also parses as XML.
//!
//! Markup goes through `Markup`, whose tags and attribute names are fixed strings and whose
//! text and attribute values are always escaped: county text cannot become markup.

use std::fmt::Write as _;

use super::document::{
    Answer, Badge, Block, Cell, Document, Item, Matrix, Score, Section, Style, Table, Total,
};
use super::escape::{css_string, html};

/// The report's stylesheet: A4 print, greyscale-safe fills; the page margins (county, draft,
/// page numbers) are added per report.
const STYLE: &str = include_str!("../../assets/report.css");

/// An HTML writer that escapes by construction.
struct Markup {
    out: String,
}

type Attributes<'a> = &'a [(&'static str, &'a str)];

impl Markup {
    fn open(&mut self, tag: &'static str, attributes: Attributes) {
        self.out.push('<');
        self.out.push_str(tag);
        for (name, value) in attributes.iter().filter(|(_, value)| !value.is_empty()) {
            let _ = write!(self.out, " {name}=\"{}\"", html(value));
        }
        self.out.push('>');
    }

    fn close(&mut self, tag: &'static str) {
        let _ = write!(self.out, "</{tag}>");
    }

    /// An element around what `inner` writes.
    fn element(
        &mut self,
        tag: &'static str,
        attributes: Attributes,
        inner: impl FnOnce(&mut Self),
    ) {
        self.open(tag, attributes);
        inner(self);
        self.close(tag);
    }

    /// An element holding text (lines kept as `<br/>`).
    fn leaf(&mut self, tag: &'static str, attributes: Attributes, text: &str) {
        self.element(tag, attributes, |m| m.lines(text));
    }

    fn class(&mut self, tag: &'static str, class: &str, text: &str) {
        self.leaf(tag, &[("class", class)], text);
    }

    fn text(&mut self, text: &str) {
        self.out.push_str(&html(text));
    }

    fn lines(&mut self, text: &str) {
        for (n, line) in text.trim().lines().enumerate() {
            if n > 0 {
                self.br();
            }
            self.text(line);
        }
    }

    fn br(&mut self) {
        self.out.push_str("<br/>");
    }

    fn newline(&mut self) {
        self.out.push('\n');
    }
}

pub fn render(document: &Document) -> String {
    let mut m = Markup {
        out: String::with_capacity(96 * 1024),
    };
    m.out.push_str("<!DOCTYPE html>\n");
    let lang = document.lang;
    m.open(
        "html",
        &[
            ("xmlns", "http://www.w3.org/1999/xhtml"),
            ("lang", lang),
            ("xml:lang", lang),
        ],
    );
    m.out.push_str("\n<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<meta name=\"generator\" content=\"siegel\"/>\n");
    m.leaf("title", &[], &document.title);
    let _ = write!(
        m.out,
        "\n<style>{STYLE}{}</style>\n</head>\n<body>\n",
        page_margins(document)
    );
    head(document, &mut m);
    for section in &document.sections {
        render_section(section, &mut m);
    }
    m.leaf("footer", &[], &document.footer);
    m.out.push_str("\n</body>\n</html>\n");
    m.out
}

/// The running header of every printed page: the county, and "Entwurf" on every page of a
/// draft, not only the first; the page number at the foot.
fn page_margins(document: &Document) -> String {
    let mut rules = format!(
        "@page {{ @top-left {{ content: {}; font: 8pt \"DejaVu Sans\", Arial, sans-serif; color: #555; }}",
        css_string(&document.county)
    );
    if let Some(mark) = &document.draft_mark {
        let _ = write!(
            rules,
            " @top-right {{ content: {}; font: bold 9pt \"DejaVu Sans\", Arial, sans-serif; color: #9c2b1f; }}",
            css_string(mark)
        );
    }
    let _ = writeln!(
        rules,
        " @bottom-right {{ content: {} counter(page) {} counter(pages); font: 8pt \"DejaVu Sans\", Arial, sans-serif; color: #555; }} }}",
        css_string(&format!("{} ", document.page)),
        css_string(&format!(" {} ", document.of)),
    );
    rules
}

fn head(document: &Document, m: &mut Markup) {
    m.out.push_str("<header>\n");
    m.leaf("h1", &[], &document.title);
    m.class("p", "subtitle", &document.subtitle);
    if let Some(draft) = &document.draft {
        m.class("p", "draft", draft);
    }
    m.element("table", &[("class", "meta")], |m| {
        m.element("tbody", &[], |m| {
            for [label, value] in &document.meta {
                m.element("tr", &[], |m| {
                    m.leaf("th", &[("scope", "row")], label);
                    m.leaf("td", &[], value);
                });
                m.newline();
            }
        });
    });
    if let Some(remark) = &document.remark {
        m.class("p", "small remark", remark);
    }
    m.out.push_str("\n</header>\n");
}

fn render_section(section: &Section, m: &mut Markup) {
    // Sections named after a field of action share one look.
    let class = if section.id.starts_with("achievement") {
        "achievement"
    } else if section.id == "overall" {
        "overall-text"
    } else if matches!(
        section.id.as_str(),
        "overview" | "development" | "second" | "signoff" | "appendix" | "answers"
    ) {
        section.id.as_str()
    } else {
        "field"
    };
    m.element("section", &[("class", class), ("id", &section.id)], |m| {
        m.newline();
        m.leaf("h2", &[], &section.title);
        m.newline();
        for block in &section.blocks {
            render_block(block, m);
            m.newline();
        }
    });
    m.newline();
}

fn render_block(block: &Block, m: &mut Markup) {
    match block {
        Block::Heading { text } => m.leaf("h3", &[], text),
        Block::Text { text, style } => {
            let class = match style {
                Style::Plain => "",
                Style::Strong => "strong",
                Style::Emphasis => "emphasis",
                Style::Note => "note",
                Style::Small => "small",
                Style::Empty => "empty",
            };
            for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
                if class.is_empty() {
                    m.leaf("p", &[], paragraph);
                } else {
                    m.class("p", class, paragraph);
                }
            }
        }
        Block::Score(score) => render_score(score, m),
        Block::Matrix(matrix) => render_matrix(matrix, m),
        Block::Table(table) => render_table(table, m),
        Block::List { items } => m.element("ul", &[("class", "items")], |m| {
            for i in items {
                m.element("li", &[], |m| list_item(i, m));
            }
        }),
        Block::Findings { groups } => m.element("div", &[("class", "findings")], |m| {
            for group in groups {
                m.element("div", &[], |m| {
                    m.leaf("h3", &[], &group.heading);
                    if group.items.is_empty() {
                        m.class("p", "empty", &group.empty);
                    } else {
                        m.element("ul", &[], |m| {
                            for finding in &group.items {
                                m.leaf("li", &[], finding);
                            }
                        });
                    }
                });
            }
        }),
        Block::Answer(answer) => render_answer(answer, m),
        Block::Figure { svg, caption } => m.element("figure", &[], |m| {
            // The one piece of markup not built here: the chart, drawn by `radar.rs` from
            // numbers and escaped labels.
            m.out.push_str(svg);
            m.leaf("figcaption", &[], caption);
        }),
        Block::Signatures { signers } => {
            m.element("ul", &[], |m| {
                for signer in signers {
                    m.leaf("li", &[], &signer.line);
                }
            });
            // Who has not signed with a key signs here by hand.
            for [place, signature] in signers.iter().filter_map(|s| s.by_hand.as_ref()) {
                m.element("div", &[("class", "signature")], |m| {
                    for label in [place, signature] {
                        m.element("div", &[], |m| {
                            m.leaf("span", &[("class", "line")], "");
                            m.text(label);
                        });
                    }
                });
            }
        }
    }
}

fn list_item(i: &Item, m: &mut Markup) {
    if let Some(lead) = &i.lead {
        m.leaf("strong", &[], lead);
        m.text(" ");
    }
    if let Some(context) = &i.context {
        m.text(&format!("({context})"));
        m.br();
    }
    m.lines(&i.text);
}

fn badge(badge: &Badge, m: &mut Markup) {
    m.class("span", &format!("badge band-{}", badge.color), &badge.label);
}

fn render_score(score: &Score, m: &mut Markup) {
    if score.overall {
        m.element("div", &[("class", "overall")], |m| {
            m.leaf("span", &[], &score.label);
            m.class("span", "number", score.number.as_deref().unwrap_or("–"));
            if let Some(b) = &score.badge {
                badge(b, m);
            }
        });
        return;
    }
    m.element("p", &[("class", "scoreline")], |m| {
        m.text(&format!("{}: ", score.label));
        if let Some(number) = &score.number {
            m.leaf("strong", &[], number);
            m.text(" ");
        }
        if let Some(b) = &score.badge {
            badge(b, m);
        }
        if let Some(why) = &score.shortfall {
            m.text(&format!(" ({why})"));
        }
        if let Some(orientation) = &score.orientation {
            m.text(" ");
            m.class("span", "orientation", &format!("– {orientation}."));
        }
    });
}

/// Parameters as rows and fields as columns: the fields' names wrap at spaces, so the table
/// fits an A4 page without breaking words.
fn render_matrix(matrix: &Matrix, m: &mut Markup) {
    m.class("h3", matrix.class, &matrix.heading);
    let class = format!("matrix {}", matrix.class);
    m.element("table", &[("class", &class)], |m| {
        m.element("thead", &[], |m| {
            m.element("tr", &[], |m| {
                m.leaf(
                    "th",
                    &[("class", "param"), ("scope", "col")],
                    &matrix.corner,
                );
                for field in &matrix.fields {
                    m.leaf("th", &[("scope", "col")], &field.label);
                }
            });
        });
        m.element("tbody", &[], |m| {
            for row in &matrix.rows {
                m.newline();
                m.element("tr", &[], |m| {
                    m.element("th", &[("scope", "row")], |m| {
                        m.text(&row.head.label);
                        if let Some(weight) = &row.weight {
                            m.class("span", "weight", weight);
                        }
                    });
                    for cell in &row.cells {
                        match cell {
                            None => m.leaf("td", &[], ""),
                            Some(c) if c.word.is_empty() => {
                                m.leaf("td", &[("class", &c.tone)], &c.text);
                            }
                            Some(c) => m.element("td", &[("class", &c.tone)], |m| {
                                m.class("span", "digit", &c.text);
                                m.class("span", "word", &c.word);
                            }),
                        }
                    }
                });
            }
            for total in &matrix.totals {
                m.newline();
                m.element("tr", &[("class", "total")], |m| {
                    m.leaf("th", &[("scope", "row")], &total.label);
                    for cell in &total.cells {
                        match cell {
                            Total::Text { text } => m.class("td", "score", text),
                            Total::Badge(b) => m.element("td", &[], |m| badge(b, m)),
                        }
                    }
                });
            }
        });
    });
    m.element("p", &[("class", "legend")], |m| {
        m.text(&format!("{}: ", matrix.legend_label));
        for level in &matrix.levels {
            m.class(
                "span",
                &format!("key {}", level.tone),
                &format!("{} {}", level.value, level.label),
            );
            m.text(" ");
        }
        m.text(&matrix.legend);
    });
}

fn render_table(table: &Table, m: &mut Markup) {
    m.element("table", &[("class", table.class)], |m| {
        m.element("thead", &[], |m| {
            m.element("tr", &[], |m| {
                for column in &table.columns {
                    let class = if column.numeric { "num" } else { "" };
                    m.leaf("th", &[("scope", "col"), ("class", class)], &column.label);
                }
            });
        });
        m.element("tbody", &[], |m| {
            for row in &table.rows {
                m.newline();
                let class = if row.total { "total" } else { "" };
                m.element("tr", &[("class", class)], |m| {
                    for (n, (cell, column)) in row.cells.iter().zip(&table.columns).enumerate() {
                        let class = if column.numeric { "num" } else { "" };
                        if n == 0 && table.row_heads {
                            m.element("th", &[("scope", "row")], |m| table_cell(cell, m));
                        } else {
                            m.element("td", &[("class", class)], |m| table_cell(cell, m));
                        }
                    }
                });
            }
        });
    });
}

fn table_cell(cell: &Cell, m: &mut Markup) {
    if let Some(lead) = &cell.lead {
        m.class("strong", "lead", lead);
        if !cell.text.trim().is_empty() {
            m.br();
        }
    }
    m.lines(&cell.text);
    if !cell.items.is_empty() {
        m.element("ul", &[], |m| {
            for i in &cell.items {
                m.leaf("li", &[], i);
            }
        });
    }
    if let Some(flag) = &cell.flag {
        m.br();
        m.class("span", "flag", flag);
    }
}

fn render_answer(answer: &Answer, m: &mut Markup) {
    m.element("div", &[("class", "answer")], |m| {
        m.class("span", "qid", &answer.id);
        m.class("span", "question", &answer.question);
        if let Some(flag) = &answer.flag {
            m.br();
            m.class("span", "flag", flag);
        }
        m.element("dl", &[], |m| {
            for entry in &answer.entries {
                m.leaf("dt", &[], &entry.label);
                m.element("dd", &[], |m| {
                    match &entry.grid {
                        Some(grid) => m.element("table", &[("class", "grid")], |m| {
                            m.element("thead", &[], |m| {
                                m.element("tr", &[], |m| {
                                    for label in &grid.header {
                                        m.leaf("th", &[("scope", "col")], label);
                                    }
                                });
                            });
                            m.element("tbody", &[], |m| {
                                for row in &grid.rows {
                                    m.element("tr", &[], |m| {
                                        for cell in row {
                                            m.leaf("td", &[], cell);
                                        }
                                    });
                                }
                            });
                        }),
                        None if entry.strong => m.leaf("strong", &[], &entry.text),
                        None => m.lines(&entry.text),
                    }
                    if !entry.details.is_empty() {
                        m.br();
                        m.class("span", "small", &entry.details.join(" · "));
                    }
                });
            }
        });
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::definition::BandColor;

    /// Luma of `#rrggbb` as a greyscale printer computes it.
    fn luma(hex: &str) -> f64 {
        let channel = |i: usize| f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap());
        0.299 * channel(1) + 0.587 * channel(3) + 0.114 * channel(5)
    }

    #[test]
    fn the_heat_map_and_the_zones_stay_apart_in_greyscale() {
        let levels: Vec<f64> = (0..5)
            .map(|level| {
                let rule = format!(".lvl-{level} {{ background: ");
                let start = STYLE.find(&rule).unwrap() + rule.len();
                luma(&STYLE[start..start + 7])
            })
            .collect();
        // Lighter with every level, by a step a greyscale print still shows.
        for pair in levels.windows(2) {
            assert!(pair[1] - pair[0] >= 15.0, "{levels:?}");
        }
        let zones = [BandColor::Red, BandColor::Yellow, BandColor::Green]
            .map(|color| luma(super::super::radar::band_fill(color)));
        for pair in zones.windows(2) {
            assert!(pair[1] - pair[0] >= 10.0, "{zones:?}");
        }
    }

    #[test]
    fn text_and_attribute_values_are_escaped_by_construction() {
        let mut m = Markup { out: String::new() };
        m.leaf(
            "td",
            &[("class", "x\" onclick=\"y")],
            "<script>a & b</script>\nzwei",
        );
        assert_eq!(
            m.out,
            "<td class=\"x&quot; onclick=&quot;y\">&lt;script&gt;a &amp; b&lt;/script&gt;<br/>zwei</td>"
        );
    }
}
