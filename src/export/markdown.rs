//! The Markdown report an auditor hands to the Strategieworkshop, rendered from the report
//! model. Figures are left out; tables use short codes with a legend, so they stay narrow.

use std::fmt::Write as _;

use super::document::{Answer, Block, Cell, Document, Item, Matrix, Score, Style, Table, Total};
use super::escape::markdown;

/// Inline text: one line, markup escaped.
fn inline(text: &str) -> String {
    markdown(text, " ")
}

/// Text inside a list item: lines kept as hard breaks under the item's indentation.
fn item(text: &str) -> String {
    markdown(text, "  \n  ")
}

/// Text in a table cell.
fn cell(text: &str) -> String {
    markdown(text, "<br>")
}

/// Paragraphs of free text: blank lines kept, lines as hard breaks.
fn paragraphs(text: &str, wrap: &str) -> String {
    text.trim()
        .split("\n\n")
        .map(|p| markdown(p, "  \n"))
        .filter(|p| !p.is_empty())
        .map(|p| format!("{wrap}{p}{wrap}"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

pub fn render(document: &Document) -> String {
    let mut out = String::with_capacity(32 * 1024);
    let _ = writeln!(
        out,
        "# {}\n\n{}\n",
        inline(&document.title),
        inline(&document.subtitle)
    );
    if let Some(draft) = &document.draft {
        let _ = writeln!(out, "> **{}**\n", inline(draft));
    }
    out.push_str("| | |\n| --- | --- |\n");
    for [label, value] in &document.meta {
        let _ = writeln!(out, "| {} | {} |", cell(label), cell(value));
    }
    out.push('\n');
    if let Some(remark) = &document.remark {
        let _ = writeln!(out, "*{}*\n", inline(remark));
    }
    for section in &document.sections {
        let _ = writeln!(out, "## {}\n", inline(&section.title));
        for block in &section.blocks {
            render_block(block, &mut out);
        }
    }
    let _ = writeln!(out, "---\n\n*{}*", inline(&document.footer));
    out
}

fn render_block(block: &Block, out: &mut String) {
    match block {
        Block::Heading { text } => {
            let _ = writeln!(out, "### {}\n", inline(text));
        }
        Block::Text { text, style } => {
            let text = match style {
                Style::Plain => paragraphs(text, ""),
                Style::Strong => paragraphs(text, "**"),
                Style::Emphasis | Style::Small | Style::Empty => paragraphs(text, "*"),
                Style::Note => format!("> {}", markdown(text, "  \n> ")),
            };
            let _ = writeln!(out, "{text}\n");
        }
        Block::Score(score) => render_score(score, out),
        Block::Matrix(matrix) => render_matrix(matrix, out),
        Block::Table(table) => render_table(table, out),
        Block::List { items } => {
            for i in items {
                let _ = writeln!(out, "- {}", list_item(i));
            }
            out.push('\n');
        }
        Block::Findings { groups } => {
            for group in groups {
                let _ = writeln!(out, "### {}\n", inline(&group.heading));
                if group.items.is_empty() {
                    let _ = writeln!(out, "*{}*", inline(&group.empty));
                }
                for finding in &group.items {
                    let _ = writeln!(out, "- {}", item(finding));
                }
                out.push('\n');
            }
        }
        Block::Answer(answer) => render_answer(answer, out),
        // Built without charts for Markdown; the tables say the same.
        Block::Figure { .. } => {}
        Block::Signatures { signers } => {
            for signer in signers {
                let _ = write!(out, "- {}", inline(&signer.line));
                if let Some([place, signature]) = &signer.by_hand {
                    let _ = write!(
                        out,
                        "  \n  {}: ______________________ {}: ______________________",
                        inline(place),
                        inline(signature)
                    );
                }
                out.push('\n');
            }
            out.push('\n');
        }
    }
}

fn list_item(i: &Item) -> String {
    let mut text = String::new();
    if let Some(lead) = &i.lead {
        let _ = write!(text, "**{}** ", inline(lead));
    }
    if let Some(context) = &i.context {
        let _ = write!(text, "({})  \n  ", inline(context));
    }
    text.push_str(&item(&i.text));
    text
}

fn render_score(score: &Score, out: &mut String) {
    let value: Vec<&str> = [
        score.number.as_deref(),
        score.badge.as_ref().map(|b| &*b.label),
    ]
    .into_iter()
    .flatten()
    .collect();
    let _ = write!(
        out,
        "**{}: {}**",
        inline(&score.label),
        inline(&value.join(" – "))
    );
    if let Some(why) = &score.shortfall {
        let _ = write!(out, " ({})", inline(why));
    }
    if let Some(orientation) = &score.orientation {
        let _ = write!(out, " – *{}.*", inline(orientation));
    }
    out.push_str("\n\n");
}

/// The matrix with codes for its rows and columns; the legend names them.
fn render_matrix(matrix: &Matrix, out: &mut String) {
    let _ = write!(out, "### {}\n\n| |", inline(&matrix.heading));
    for field in &matrix.fields {
        let _ = write!(out, " {} |", cell(&field.code));
    }
    out.push_str("\n| --- |");
    for _ in &matrix.fields {
        out.push_str(" :-: |");
    }
    out.push('\n');
    for row in &matrix.rows {
        let _ = write!(out, "| {} |", cell(&row.head.code));
        for c in &row.cells {
            let _ = write!(
                out,
                " {} |",
                c.as_ref().map_or(String::new(), |c| cell(&c.text))
            );
        }
        out.push('\n');
    }
    for total in &matrix.totals {
        let _ = write!(out, "| **{}** |", cell(&total.label));
        for c in &total.cells {
            let text = match c {
                Total::Text { text } => text,
                Total::Badge(badge) => &badge.label,
            };
            let _ = write!(out, " {} |", cell(text));
        }
        out.push('\n');
    }
    let fields: Vec<String> = (matrix.fields.iter())
        .map(|f| format!("{} {}", f.code, f.name))
        .collect();
    let levels: Vec<String> = (matrix.levels.iter())
        .map(|l| format!("{} {}", l.value, l.label))
        .collect();
    let (fields, levels) = (fields.join(" · "), levels.join(" · "));
    let legend: Vec<&str> = [&matrix.codes, &fields, &levels, &matrix.legend]
        .into_iter()
        .map(String::as_str)
        .filter(|part| !part.is_empty())
        .collect();
    let _ = writeln!(
        out,
        "\n*{}: {}*\n",
        inline(&matrix.legend_label),
        inline(&legend.join(" · "))
    );
}

fn render_table(table: &Table, out: &mut String) {
    out.push('|');
    for column in &table.columns {
        let _ = write!(out, " {} |", cell(&column.label));
    }
    out.push_str("\n|");
    for column in &table.columns {
        out.push_str(if column.numeric { " --: |" } else { " --- |" });
    }
    out.push('\n');
    for row in &table.rows {
        out.push('|');
        for (n, c) in row.cells.iter().enumerate() {
            let text = table_cell(c);
            if row.total && n == 0 {
                let _ = write!(out, " **{text}** |");
            } else {
                let _ = write!(out, " {text} |");
            }
        }
        out.push('\n');
    }
    out.push('\n');
}

fn table_cell(c: &Cell) -> String {
    let mut parts = Vec::new();
    if let Some(lead) = &c.lead {
        parts.push(format!("**{}**", cell(lead)));
    }
    if !c.text.trim().is_empty() {
        parts.push(cell(&c.text));
    }
    parts.extend(c.items.iter().map(|i| cell(i)));
    let mut text = parts.join("<br>");
    if let Some(flag) = &c.flag {
        let _ = write!(text, " ({})", cell(flag));
    }
    text
}

fn render_answer(answer: &Answer, out: &mut String) {
    let _ = writeln!(
        out,
        "- **{}** {}  ",
        inline(&answer.id),
        inline(&answer.question)
    );
    if let Some(flag) = &answer.flag {
        let _ = writeln!(out, "  **{}**  ", inline(flag));
    }
    for entry in &answer.entries {
        let label = if entry.strong {
            format!("*{}:*", inline(&entry.label))
        } else {
            format!("{}:", inline(&entry.label))
        };
        let _ = write!(out, "  {label} {}", item(&entry.text));
        for detail in &entry.details {
            let _ = write!(out, " · {}", inline(detail));
        }
        out.push_str("  \n");
    }
    out.push('\n');
}
