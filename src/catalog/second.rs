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
        (R::BundleElsewhere { second }, Lang::De) => format!(
            "das Bündel gehört zu keiner Zweitbewertung dieser Datenbank (Bewertung {second} gibt es hier nicht für diese Antworten und diese Person)"
        ),
        (R::BundleElsewhere { second }, Lang::En) => format!(
            "the bundle belongs to no second rating in this database (there is no assessment {second} here for these answers and this person)"
        ),
        (R::AlreadySubmitted { second }, Lang::De) => {
            format!("die Zweitbewertung {second} ist schon eingereicht")
        }
        (R::AlreadySubmitted { second }, Lang::En) => {
            format!("second rating {second} is submitted already")
        }
        (R::NotFinalized { id }, Lang::De) => format!(
            "Bewertung {id} ist nicht abgeschlossen; unterschrieben wird eine abgeschlossene Bewertung"
        ),
        (R::NotFinalized { id }, Lang::En) => {
            format!("assessment {id} is not finalised; a finalised assessment is signed")
        }
        (R::NotASigner { auditor, signers }, Lang::De) => format!(
            "{auditor} unterschreibt diese Bewertung nicht; das tun: {}",
            signers.join(", ")
        ),
        (R::NotASigner { auditor, signers }, Lang::En) => format!(
            "{auditor} does not sign this assessment; those who do: {}",
            signers.join(", ")
        ),
        (R::NotTheSecondAuditor { auditor }, Lang::De) => {
            format!("diese Zweitbewertung ändert nur {auditor}")
        }
        (R::NotTheSecondAuditor { auditor }, Lang::En) => {
            format!("only {auditor} changes this second rating")
        }
        (R::BundleGoesOut { second }, Lang::De) => format!(
            "dieses Bündel ging von hier an die Zweitprüfung (hier Bewertung {second}); es wird auf dem Rechner der zweiten Person importiert"
        ),
        (R::BundleGoesOut { second }, Lang::En) => format!(
            "this bundle went out from here to the second rating (here assessment {second}); it is imported on the second auditor's machine"
        ),
        (R::SubmittedStays { id }, Lang::De) => format!(
            "Zweitbewertung {id} ist eingereicht und bleibt so: die Übereinstimmung misst, was ohne Kenntnis der Erstbewertung bewertet wurde"
        ),
        (R::SubmittedStays { id }, Lang::En) => format!(
            "second rating {id} is submitted and stays so: the agreement measures what was rated without knowing the first rating"
        ),
        (R::BadSignature { auditor }, Lang::De) => {
            format!("die Unterschrift passt nicht zum hinterlegten Schlüssel von {auditor}")
        }
        (R::BadSignature { auditor }, Lang::En) => {
            format!("the signature does not match {auditor}'s registered key")
        }
        (R::NoResult { id }, Lang::De) => format!(
            "Bewertung {id} ist keine eingereichte Zweitbewertung aus einem Bündel; zurück geht nur eine solche"
        ),
        (R::NoResult { id }, Lang::En) => format!(
            "assessment {id} is no submitted second rating from a bundle; only such a one goes back"
        ),
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
    let coefficient = |value: Option<f64>| coefficient(value, lang);
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

pub fn bundle_written(file: &str, second: i64, auditor: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!(
            "Bündel geschrieben: {file} (Zweitbewertung {second} für {auditor}; enthält Antworten und Fragebogen, nichts aus der Erstbewertung)"
        ),
        Lang::En => format!(
            "bundle written: {file} (second rating {second} for {auditor}; holds answers and questionnaire, nothing of the first rating)"
        ),
    }
}

pub fn result_written(file: &str, id: i64, lang: Lang) -> String {
    match lang {
        Lang::De => format!("Ergebnis der Zweitbewertung {id} geschrieben: {file}"),
        Lang::En => format!("result of second rating {id} written: {file}"),
    }
}

pub fn bundle_imported(id: i64, auditor: &str, first: i64, lang: Lang) -> String {
    match lang {
        Lang::De => format!(
            "Zweitbewertung als Bewertung {id} angelegt, für {auditor} (zu Bewertung {first} der Herkunftsdatenbank)"
        ),
        Lang::En => format!(
            "second rating created as assessment {id}, for {auditor} (of assessment {first} in the database it came from)"
        ),
    }
}

pub fn result_imported(second: i64, first: i64, lang: Lang) -> String {
    match lang {
        Lang::De => format!(
            "Zweitbewertung {second} zu Bewertung {first} übernommen und eingereicht; siegel agreement {first} zeigt die Übereinstimmung"
        ),
        Lang::En => format!(
            "second rating {second} of assessment {first} taken in and submitted; siegel agreement {first} shows the agreement"
        ),
    }
}

pub fn need_for(lang: Lang) -> &'static str {
    lang.pick(
        "--for NAME nennt die Person, die zweitbewertet",
        "--for NAME names who makes the second rating",
    )
}

/// Why a bundle was refused, with the file.
pub fn bundle_refused(
    file: &str,
    reason: &crate::domain::bundle::BundleError,
    lang: Lang,
) -> String {
    use crate::domain::bundle::BundleError as E;
    let why = match (reason, lang) {
        (E::NotABundle(detail), Lang::De) => format!("ist kein Bündel von siegel ({detail})"),
        (E::NotABundle(detail), Lang::En) => format!("is not a siegel bundle ({detail})"),
        (E::Newer { found, supported }, Lang::De) => format!(
            "hat das Format {found}, diese Fassung von siegel liest Format {supported}; bitte siegel aktualisieren"
        ),
        (E::Newer { found, supported }, Lang::En) => format!(
            "has format {found}, this version of siegel reads format {supported}; please update siegel"
        ),
        (E::Altered, Lang::De) => {
            "wurde verändert: der Inhalt passt nicht zu seiner Prüfsumme".to_string()
        }
        (E::Altered, Lang::En) => "was altered: its content does not match its hash".to_string(),
    };
    format!("{file}: {why}")
}

/// The bundle's questionnaire or answers do not match the hashes it names.
pub fn bundle_mismatch(file: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!(
            "{file}: Fragebogen oder Antworten im Bündel passen nicht zu den genannten Prüfsummen"
        ),
        Lang::En => format!(
            "{file}: the bundle's questionnaire or answers do not match the hashes it names"
        ),
    }
}

pub fn key_registered(name: &str, fingerprint: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!("Schlüssel von {name} hinterlegt: {fingerprint}"),
        Lang::En => format!("key of {name} registered: {fingerprint}"),
    }
}

pub fn no_key(lang: Lang) -> &'static str {
    lang.pick("kein Schlüssel", "no key")
}

pub fn signed(id: i64, auditor: &str, hash: &str, with_key: Option<&str>, lang: Lang) -> String {
    let short = super::short(hash);
    match (with_key, lang) {
        (Some(fingerprint), Lang::De) => format!(
            "Bewertung {id} von {auditor} unterschrieben (Prüfsumme {short}, Schlüssel {fingerprint})"
        ),
        (Some(fingerprint), Lang::En) => {
            format!("assessment {id} signed off by {auditor} (hash {short}, key {fingerprint})")
        }
        (None, Lang::De) => format!(
            "Bewertung {id} von {auditor} freigegeben, ohne Unterschrift (kein Schlüssel hinterlegt; siegel auditor NAME --key DATEI.pub hinterlegt einen); Prüfsumme {short}"
        ),
        (None, Lang::En) => format!(
            "assessment {id} signed off by {auditor}, unsigned (no key registered; siegel auditor NAME --key FILE.pub registers one); hash {short}"
        ),
    }
}

/// Why signing failed, in words.
pub fn sign_failed(error: &crate::signoff::SignError, lang: Lang) -> String {
    use crate::signoff::SignError as E;
    match (error, lang) {
        (E::Encrypted, Lang::De) => "der Schlüssel ist verschlüsselt: mit ssh-add dem ssh-agent geben und ohne --key unterschreiben".into(),
        (E::Encrypted, Lang::En) => "the key is encrypted: give it to ssh-agent with ssh-add and sign without --key".into(),
        (E::OtherKey, Lang::De) => "der Schlüssel gehört nicht zum hinterlegten öffentlichen Schlüssel".into(),
        (E::OtherKey, Lang::En) => "the key does not belong to the registered public key".into(),
        (E::NoAgent, Lang::De) => "kein ssh-agent (SSH_AUTH_SOCK fehlt); --key DATEI nennt einen Schlüssel".into(),
        (E::NoAgent, Lang::En) => "no ssh-agent (SSH_AUTH_SOCK is not set); --key FILE names a key".into(),
        (E::KeyNotInAgent, Lang::De) => "der ssh-agent hat den hinterlegten Schlüssel nicht (ssh-add)".into(),
        (E::KeyNotInAgent, Lang::En) => "the ssh-agent does not hold the registered key (ssh-add)".into(),
        (E::Algorithm(kind), Lang::De) => format!(
            "ein {kind}-Schlüssel; siegel unterschreibt mit ssh-ed25519-Schlüsseln (ssh-keygen -t ed25519)"
        ),
        (E::Algorithm(kind), Lang::En) => format!(
            "a key of type {kind}; siegel signs with ssh-ed25519 keys (ssh-keygen -t ed25519)"
        ),
        (E::PublicKey(detail), Lang::De) => format!("kein öffentlicher OpenSSH-Schlüssel ({detail})"),
        (E::PrivateKey(detail), Lang::De) => format!("kein privater OpenSSH-Schlüssel ({detail})"),
        (other, _) => other.to_string(),
    }
}

pub fn signoff_heading(lang: Lang) -> &'static str {
    lang.pick("Freigabe", "Sign-off")
}

/// The caption under the first line of a hand signature.
pub fn place_and_date(lang: Lang) -> &'static str {
    lang.pick("Ort, Datum", "Place, date")
}

/// The caption under the line a signer signs on.
pub fn signature_of(auditor: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!("Unterschrift {auditor}"),
        Lang::En => format!("Signature {auditor}"),
    }
}

/// One signer's line in a report.
pub fn signoff_line(state: &crate::store::SignOffState, lang: Lang) -> String {
    use crate::store::SignOffState as S;
    match state {
        S::Signed(signoff) => {
            let at = super::report::timestamp(&signoff.signed_at, lang);
            let key = (signoff.public_key.as_deref())
                .and_then(|k| crate::signoff::public_key(k).ok())
                .map(|k| crate::signoff::fingerprint(&k));
            match (key, lang) {
                (Some(key), Lang::De) => format!(
                    "{}: unterschrieben am {at} (sshsig, Schlüssel {key})",
                    signoff.auditor
                ),
                (Some(key), Lang::En) => {
                    format!("{}: signed {at} (sshsig, key {key})", signoff.auditor)
                }
                (None, Lang::De) => format!(
                    "{}: freigegeben am {at}, ohne Unterschrift (kein Schlüssel hinterlegt)",
                    signoff.auditor
                ),
                (None, Lang::En) => format!(
                    "{}: signed off {at}, unsigned (no key registered)",
                    signoff.auditor
                ),
            }
        }
        S::Open { auditor } => match lang {
            Lang::De => format!("{auditor}: noch nicht unterschrieben"),
            Lang::En => format!("{auditor}: not signed yet"),
        },
    }
}

/// The interface's short line after a sign-off.
pub fn signed_short(auditor: &str, fingerprint: Option<&str>, lang: Lang) -> String {
    match (fingerprint, lang) {
        (Some(key), Lang::De) => format!("Unterschrieben von {auditor} ({key})"),
        (Some(key), Lang::En) => format!("Signed by {auditor} ({key})"),
        (None, Lang::De) => {
            format!("Freigegeben von {auditor}, ohne Unterschrift (kein Schlüssel hinterlegt)")
        }
        (None, Lang::En) => format!("Signed off by {auditor}, unsigned (no key registered)"),
    }
}

pub fn key_replaced(old: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!("(ersetzt den bisherigen Schlüssel {old})"),
        Lang::En => format!("(replaces the earlier key {old})"),
    }
}

pub fn bundle_again(id: i64, lang: Lang) -> String {
    match lang {
        Lang::De => format!("dieses Bündel ist schon importiert: Bewertung {id}; nichts geändert"),
        Lang::En => format!("this bundle is imported already: assessment {id}; nothing changed"),
    }
}

/// A kappa or an alpha with two decimals always, so that columns read evenly: "0,50", "1,00";
/// "–" where there is none.
pub fn coefficient(value: Option<f64>, lang: Lang) -> String {
    value.map_or_else(
        || "–".into(),
        |v| {
            let text = format!("{v:.2}");
            match lang {
                Lang::De => text.replace('.', ","),
                Lang::En => text,
            }
        },
    )
}
