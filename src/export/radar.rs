//! The radar chart (Netzdiagramm) of the fields' scores as inline SVG, on the scale's range.

use std::fmt::Write as _;

use super::Report;
use super::escape::html;
use crate::catalog::report::Text;
use crate::domain::definition::BandColor;

const WIDTH: f64 = 700.0;
const HEIGHT: f64 = 500.0;
const CENTER_X: f64 = 350.0;
const CENTER_Y: f64 = 250.0;
const RADIUS: f64 = 170.0;
/// Longest line of an axis label before it wraps.
const LABEL_WIDTH: usize = 22;

/// Light fills of the Ampel zones, lighter from red to green so that they stay apart in
/// greyscale; a dashed line marks where each zone ends, for black and white.
pub fn band_fill(color: BandColor) -> &'static str {
    match color {
        BandColor::Red => "#efc0b9",
        BandColor::Yellow => "#f6dc8f",
        BandColor::Green => "#e6f4dc",
        BandColor::Blue => "#d5e3f3",
        BandColor::Grey => "#e6e6e6",
    }
}

fn point(angle: f64, distance: f64) -> (f64, f64) {
    (
        CENTER_X + distance * angle.cos(),
        CENTER_Y + distance * angle.sin(),
    )
}

/// Words of a label broken into lines of at most `LABEL_WIDTH` characters.
fn wrap(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= LABEL_WIDTH => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

fn polygon_points(points: &[(f64, f64)]) -> String {
    points
        .iter()
        .map(|(x, y)| format!("{x:.1},{y:.1}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// How a series of scores is drawn: today's solid with filled dots and values, the last
/// audit's dashed with hollow dots, so the two are told apart without colour.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Now,
    Then,
}

/// The chart of the report's scores.
pub fn svg(report: &Report) -> String {
    let now = now_scores(report);
    chart(report, &[(Style::Now, &now)], None)
}

/// The chart of today's scores over the last audit's (by today's rules, where comparable),
/// with a legend naming the years.
pub fn svg_compared(report: &Report, compared: &super::compare::Compared) -> String {
    let now = now_scores(report);
    let then: Vec<Option<f64>> = (compared.comparison.fields.iter())
        .map(|f| f.then_by_current_rules)
        .collect();
    let legend = (compared.then_year(), compared.now_year());
    chart(
        report,
        &[(Style::Then, &then), (Style::Now, &now)],
        Some(legend),
    )
}

fn now_scores(report: &Report) -> Vec<Option<f64>> {
    (report.definition().fields_of_action.iter())
        .map(|f| report.field_score(&f.id).and_then(|s| s.score))
        .collect()
}

fn chart(
    report: &Report,
    series: &[(Style, &[Option<f64>])],
    legend: Option<(&str, &str)>,
) -> String {
    let d = report.definition();
    let fields = &d.fields_of_action;
    let lowest = d.scale.levels.iter().map(|l| l.value).min().unwrap_or(0);
    let highest = d.scale.levels.iter().map(|l| l.value).max().unwrap_or(1);
    let span = f64::from((highest - lowest).max(1));
    let distance = |value: f64| RADIUS * ((value - f64::from(lowest)) / span).clamp(0.0, 1.0);
    let count = fields.len().max(1);
    let angle = |index: usize| {
        -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * index as f64 / count as f64
    };
    let ring = |value: f64| -> Vec<(f64, f64)> {
        (0..count)
            .map(|i| point(angle(i), distance(value)))
            .collect()
    };

    let title = report.text(Text::Radar);
    let mut out = String::with_capacity(8 * 1024);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"radar\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-labelledby=\"radar-title\"><title id=\"radar-title\">{}</title>",
        html(&title)
    );

    // Ampel zones from the outside in, so each inner zone covers the outer one's middle.
    for band in d.rules.bands.iter().rev() {
        let upper = band.up_to.min(f64::from(highest));
        if upper <= f64::from(lowest) {
            continue;
        }
        let _ = write!(
            out,
            "<polygon class=\"zone\" points=\"{}\" fill=\"{}\"/>",
            polygon_points(&ring(upper)),
            band_fill(band.color)
        );
    }
    for level in &d.scale.levels {
        let _ = write!(
            out,
            "<polygon class=\"ring\" points=\"{}\" fill=\"none\" stroke=\"#8a8a8a\" stroke-width=\"0.8\"/>",
            polygon_points(&ring(f64::from(level.value)))
        );
        // Ticks left of the first axis; the values sit right of their axes.
        let (x, y) = point(angle(0), distance(f64::from(level.value)));
        let _ = write!(
            out,
            "<text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"12\" fill=\"#444\">{}</text>",
            x - 6.0,
            y + 4.0,
            level.value
        );
    }
    for index in 0..count {
        let (x, y) = point(angle(index), RADIUS);
        let _ = write!(
            out,
            "<line x1=\"{CENTER_X:.1}\" y1=\"{CENTER_Y:.1}\" x2=\"{x:.1}\" y2=\"{y:.1}\" stroke=\"#8a8a8a\" stroke-width=\"0.8\"/>"
        );
    }

    // Where a zone ends inside the chart, a dashed line: the zones without colour.
    for band in &d.rules.bands {
        if band.up_to > f64::from(lowest) && band.up_to < f64::from(highest) {
            let _ = write!(
                out,
                "<polygon class=\"zone-edge\" points=\"{}\" fill=\"none\" stroke=\"#555\" stroke-width=\"1.3\" stroke-dasharray=\"3 3\"/>",
                polygon_points(&ring(band.up_to))
            );
        }
    }

    for (style, scores) in series {
        draw_series(&mut out, *style, scores, &|i, v| {
            point(angle(i), distance(v))
        });
    }
    let scores: &[Option<f64>] = series
        .iter()
        .find(|(style, _)| *style == Style::Now)
        .map_or(&[], |(_, scores)| scores);
    for (i, field) in fields.iter().enumerate() {
        let a = angle(i);
        if let Some(score) = scores.get(i).copied().flatten() {
            let (ax, ay) = point(a, distance(score) + 10.0);
            // A step clockwise off the axis, so the value never covers an axis or a tick.
            let (tx, ty) = (ax - 14.0 * a.sin(), ay + 14.0 * a.cos());
            let _ = write!(
                out,
                "<text class=\"value\" x=\"{tx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\" fill=\"#1f4e79\">{}</text>",
                ty + 4.0,
                html(&report.score_text(score))
            );
        }
        let (lx, ly) = point(a, RADIUS + 18.0);
        let anchor = if a.cos() > 0.3 {
            "start"
        } else if a.cos() < -0.3 {
            "end"
        } else {
            "middle"
        };
        let mut lines = wrap(&format!("{} {}", field.number, field.label));
        if scores.get(i).copied().flatten().is_none() {
            let reason = report
                .field_score(&field.id)
                .map(|s| report.outcome_text(s.outcome, None, None))
                .unwrap_or_default();
            lines.push(format!("({reason})"));
        }
        // Labels above the centre grow upwards, below it downwards.
        let line_height = 17.0;
        let first_y = if a.sin() < -0.3 {
            ly - line_height * (lines.len() as f64 - 1.0)
        } else if a.sin() > 0.3 {
            ly + 10.0
        } else {
            ly - line_height * (lines.len() as f64 - 1.0) / 2.0 + 4.0
        };
        let _ = write!(
            out,
            "<text class=\"axis\" x=\"{lx:.1}\" y=\"{first_y:.1}\" text-anchor=\"{anchor}\" font-size=\"15\" fill=\"#111\">"
        );
        for (n, line) in lines.iter().enumerate() {
            let dy = if n == 0 { 0.0 } else { line_height };
            let _ = write!(
                out,
                "<tspan x=\"{lx:.1}\" dy=\"{dy:.1}\">{}</tspan>",
                html(line)
            );
        }
        out.push_str("</text>");
    }
    if let Some((then, now)) = legend {
        // Top left, clear of the first axis' label.
        let _ = write!(
            out,
            "<g class=\"legend\" font-size=\"14\" fill=\"#111\"><line x1=\"12\" y1=\"22\" x2=\"52\" y2=\"22\" stroke=\"{NOW_COLOUR}\" stroke-width=\"2.5\"/><circle cx=\"32\" cy=\"22\" r=\"4.5\" fill=\"{NOW_COLOUR}\"/><text x=\"60\" y=\"27\">{}</text><line x1=\"12\" y1=\"46\" x2=\"52\" y2=\"46\" stroke=\"{THEN_COLOUR}\" stroke-width=\"2\" stroke-dasharray=\"7 5\"/><circle cx=\"32\" cy=\"46\" r=\"4\" fill=\"#fff\" stroke=\"{THEN_COLOUR}\" stroke-width=\"2\"/><text x=\"60\" y=\"51\">{}</text></g>",
            html(now),
            html(then)
        );
    }
    out.push_str("</svg>");
    out
}

const NOW_COLOUR: &str = "#1f4e79";
/// Darker than the zones and lighter than today's line, also in greyscale.
const THEN_COLOUR: &str = "#5a5a5a";

/// One series' outline and dots. A field without a score breaks the outline: a line through
/// it would invent a value.
fn draw_series(
    out: &mut String,
    style: Style,
    scores: &[Option<f64>],
    place: &dyn Fn(usize, f64) -> (f64, f64),
) {
    let (class, line) = match style {
        Style::Now => (
            "scores",
            format!("stroke=\"{NOW_COLOUR}\" stroke-width=\"2.5\""),
        ),
        Style::Then => (
            "earlier",
            format!("stroke=\"{THEN_COLOUR}\" stroke-width=\"2\" stroke-dasharray=\"7 5\""),
        ),
    };
    let fill = match style {
        Style::Now => format!("fill=\"{NOW_COLOUR}\" fill-opacity=\"0.18\""),
        Style::Then => "fill=\"none\"".to_string(),
    };
    let points: Vec<Option<(f64, f64)>> = (scores.iter().enumerate())
        .map(|(i, s)| s.map(|v| place(i, v)))
        .collect();
    let count = points.len();
    if count > 0 && points.iter().all(Option::is_some) {
        let all: Vec<(f64, f64)> = points.iter().flatten().copied().collect();
        let _ = write!(
            out,
            "<polygon class=\"{class}\" points=\"{}\" {fill} {line}/>",
            polygon_points(&all)
        );
    } else {
        for i in 0..count {
            let next = (i + 1) % count;
            if let (Some((x1, y1)), Some((x2, y2))) = (points[i], points[next])
                && count > 1
            {
                let _ = write!(
                    out,
                    "<line class=\"{class}\" x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" {line}/>"
                );
            }
        }
    }
    for (x, y) in points.iter().flatten() {
        let _ = match style {
            Style::Now => write!(
                out,
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"4.5\" fill=\"{NOW_COLOUR}\"/>"
            ),
            Style::Then => write!(
                out,
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"4\" fill=\"#fff\" stroke=\"{THEN_COLOUR}\" stroke-width=\"2\"/>"
            ),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_wrap_at_word_boundaries() {
        assert_eq!(
            wrap("1 Steuerung, Vernetzung, Nachhaltigkeit"),
            ["1 Steuerung,", "Vernetzung,", "Nachhaltigkeit"]
        );
        assert_eq!(wrap("kurz"), ["kurz"]);
    }
}
