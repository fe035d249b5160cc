//! Words for the Zweitprüfung: the second rating, the agreement of the two ratings.

use super::Lang;
use crate::store::SecondRefusal;

/// Why a second rating was refused, or an assessment is not shown.
pub fn refusal(refusal: &SecondRefusal, lang: Lang) -> String {
    use SecondRefusal as R;
    match (refusal, lang) {
        (R::Exists { id, second }, Lang::De) => {
            format!("Bewertung {id} hat schon eine Zweitbewertung (Bewertung {second})")
        }
        (R::Exists { id, second }, Lang::En) => {
            format!("assessment {id} already has a second rating (assessment {second})")
        }
        (R::SameAuditor { auditor }, Lang::De) => format!(
            "{auditor} hat die Erstbewertung gemacht; die Zweitbewertung macht eine andere Person"
        ),
        (R::SameAuditor { auditor }, Lang::En) => {
            format!("{auditor} made the first rating; the second rating is made by someone else")
        }
        (R::OfASecond { id }, Lang::De) => format!("Bewertung {id} ist selbst eine Zweitbewertung"),
        (R::OfASecond { id }, Lang::En) => format!("assessment {id} is itself a second rating"),
        (R::Blind { id, second }, Lang::De) => format!(
            "Bewertung {id} bleibt verborgen, bis Ihre Zweitbewertung {second} eingereicht ist"
        ),
        (R::Blind { id, second }, Lang::En) => {
            format!("assessment {id} stays hidden until your second rating {second} is submitted")
        }
        (R::NoSecond { id }, Lang::De) => format!(
            "Bewertung {id} hat keine Zweitbewertung (siegel second-rating {id} --for NAME beginnt sie)"
        ),
        (R::NoSecond { id }, Lang::En) => format!(
            "assessment {id} has no second rating (siegel second-rating {id} --for NAME starts one)"
        ),
        (R::NotSubmitted { second }, Lang::De) => {
            format!("die Zweitbewertung (Bewertung {second}) ist noch nicht eingereicht")
        }
        (R::NotSubmitted { second }, Lang::En) => {
            format!("the second rating (assessment {second}) is not submitted yet")
        }
        (R::NoDifference { cell }, Lang::De) => {
            format!("bei {cell} stimmen die beiden Bewertungen überein; nichts zu klären")
        }
        (R::NoDifference { cell }, Lang::En) => {
            format!("the two ratings of {cell} agree; nothing to settle")
        }
        (R::NoConsensus { cell }, Lang::De) => {
            format!("für {cell} gibt es noch keinen Konsens; erst die Stufe wählen")
        }
        (R::NoConsensus { cell }, Lang::En) => {
            format!("{cell} has no consensus yet; choose the level first")
        }
    }
}

pub fn started(first: i64, second: i64, auditor: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!(
            "Zweitbewertung von Bewertung {first} für {auditor} begonnen: Bewertung {second}; {auditor} sieht die Erstbewertung erst, wenn die Zweitbewertung eingereicht ist"
        ),
        Lang::En => format!(
            "second rating of assessment {first} started for {auditor}: assessment {second}; {auditor} sees the first rating only once the second is submitted"
        ),
    }
}

pub fn overall(lang: Lang) -> &'static str {
    lang.pick("Gesamt", "Overall")
}

pub fn columns(lang: Lang) -> [String; 6] {
    let names = match lang {
        Lang::De => ["", "Zellen", "gleich", "±1 Stufe", "Kappa", "Alpha"],
        Lang::En => ["", "cells", "same", "±1 level", "kappa", "alpha"],
    };
    names.map(str::to_string)
}

/// "Übereinstimmung von Bewertung 1 (Dr. Anna Prüfer) und Zweitbewertung 3 (Bernd Zweit, eingereicht)".
pub fn heading(
    first: &crate::domain::assessment::Assessment,
    second: &crate::domain::assessment::Assessment,
    lang: Lang,
) -> String {
    use crate::domain::assessment::Status;
    let submitted = second.status == Status::Finalized;
    let state = match (submitted, lang) {
        (true, Lang::De) => "eingereicht",
        (true, Lang::En) => "submitted",
        (false, Lang::De) => "noch nicht eingereicht",
        (false, Lang::En) => "not submitted yet",
    };
    match lang {
        Lang::De => format!(
            "{}: Übereinstimmung von Bewertung {} ({}) und Zweitbewertung {} ({}, {state})",
            first.answers.county.name, first.id, first.auditor, second.id, second.auditor
        ),
        Lang::En => format!(
            "{}: agreement of assessment {} ({}) and second rating {} ({}, {state})",
            first.answers.county.name, first.id, first.auditor, second.id, second.auditor
        ),
    }
}

/// How the figures are computed.
pub fn method(levels: usize, lang: Lang) -> String {
    match lang {
        Lang::De => format!(
            "„gleich“ und „±1 Stufe“: Anteil der von beiden bewerteten Zellen; n.z. und n.b. zählen dort als eigene Kategorie (n.z. neben einer Stufe ist keine Übereinstimmung). Kappa (Cohen, quadratisch gewichtet) und Alpha (Krippendorff, ordinal) beruhen auf den {levels} Zellen, die beide mit einer Stufe bewertet haben; unbewertete Zellen zählen nirgends."
        ),
        Lang::En => format!(
            "\"same\" and \"±1 level\": share of the cells both rated; n.a. and n.as. count there as categories of their own (n.a. beside a level is no agreement). Kappa (Cohen, quadratic weights) and alpha (Krippendorff, ordinal) rest on the {levels} cells both rated with a level; unrated cells count nowhere."
        ),
    }
}

pub fn not_submitted(second: i64, lang: Lang) -> String {
    match lang {
        Lang::De => format!(
            "die Zweitbewertung (Bewertung {second}) ist noch nicht eingereicht; die Übereinstimmung gibt es danach"
        ),
        Lang::En => format!(
            "the second rating (assessment {second}) is not submitted yet; the agreement follows"
        ),
    }
}

/// The title's mark of a second rating: "Zweitbewertung zu 1".
pub fn second_of(first: i64, lang: Lang) -> String {
    match lang {
        Lang::De => format!("Zweitbewertung zu {first}"),
        Lang::En => format!("second rating of {first}"),
    }
}

/// The overview's line on the agreement with the submitted second rating.
pub fn agreement_line(agreement: &crate::domain::agreement::Agreement, lang: Lang) -> String {
    let percent =
        |share: Option<f64>| share.map_or_else(|| "–".into(), |s| super::report::percent(s, lang));
    let coefficient = |value: Option<f64>| {
        value.map_or_else(|| "–".into(), |v| super::report::decimal(v, 2, false, lang))
    };
    match lang {
        Lang::De => format!(
            "Übereinstimmung mit Zweitbewertung: gleich {} · ±1 {} · κ {} · α {}",
            percent(agreement.exact_share()),
            percent(agreement.within_one_share()),
            coefficient(agreement.kappa),
            coefficient(agreement.alpha)
        ),
        Lang::En => format!(
            "agreement with second rating: same {} · ±1 {} · κ {} · α {}",
            percent(agreement.exact_share()),
            percent(agreement.within_one_share()),
            coefficient(agreement.kappa),
            coefficient(agreement.alpha)
        ),
    }
}

/// A difference to the second rating not settled yet.
pub fn missing_consensus(cell: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!("{cell}: Konsens mit der Zweitbewertung fehlt"),
        Lang::En => format!("{cell}: consensus with the second rating missing"),
    }
}

/// "Konsens · 3 von 5 geklärt".
pub fn consensus_title(settled: usize, all: usize, lang: Lang) -> String {
    match lang {
        Lang::De => format!("Konsens · {settled} von {all} geklärt"),
        Lang::En => format!("Consensus · {settled} of {all} settled"),
    }
}

pub fn first_heading(auditor: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!("Erstbewertung ({auditor})"),
        Lang::En => format!("First rating ({auditor})"),
    }
}

pub fn second_heading(lang: Lang) -> String {
    lang.pick("Zweitbewertung", "Second rating").to_string()
}

pub fn consensus_hint(lang: Lang) -> String {
    lang.pick(
        "Noch kein Konsens: die Taste der vereinbarten Stufe (oder z, b) hält ihn fest; die Stufe wird die Bewertung der Zelle, beide ursprünglichen Bewertungen bleiben erhalten.",
        "No consensus yet: the key of the agreed level (or z, b) records it; the level becomes the cell's rating, both original ratings are kept.",
    )
    .to_string()
}

pub fn section_heading(lang: Lang) -> &'static str {
    lang.pick("Zweitprüfung", "Second rating")
}

/// "Erstbewertung: Dr. Anna Prüfer · Zweitbewertung: Bernd Zweit (Bewertung 2, eingereicht am 12.05.2025)".
pub fn raters(first: &str, second: &str, id: i64, submitted: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!(
            "Erstbewertung: {first} · Zweitbewertung: {second} (Bewertung {id}, eingereicht am {submitted})"
        ),
        Lang::En => format!(
            "First rating: {first} · second rating: {second} (assessment {id}, submitted {submitted})"
        ),
    }
}

pub fn consensus_heading(lang: Lang) -> &'static str {
    lang.pick("Im Konsens geklärt", "Settled by consensus")
}

/// The columns of the table of settled cells.
pub fn consensus_columns(lang: Lang) -> [&'static str; 5] {
    match lang {
        Lang::De => [
            "Zelle",
            "Erstbewertung",
            "Zweitbewertung",
            "Konsens",
            "Begründung",
        ],
        Lang::En => [
            "Cell",
            "First rating",
            "Second rating",
            "Consensus",
            "Rationale",
        ],
    }
}

pub fn no_consensus_needed(lang: Lang) -> &'static str {
    lang.pick(
        "Die beiden Bewertungen stimmen in jeder Zelle überein.",
        "The two ratings agree in every cell.",
    )
}
