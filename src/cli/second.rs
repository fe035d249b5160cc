//! Commands of the Zweitprüfung: the second rating, its agreement with the first, bundles
//! to carry it between machines, auditors' keys and the sign-off.

use std::io::Write;
use std::path::Path;

use super::{Args, EXIT_INVALID, Outcome};
use crate::catalog::report::Text;
use crate::domain::assessment::AssessmentId;
use crate::export;
use crate::paths::Paths;
use crate::store::{Store, StoreError};
use crate::text::sanitize;

/// `siegel auditor`: registers an auditor's public key, or lists the auditors.
pub(super) fn auditor(
    args: &Args,
    paths: &Paths,
    name: Option<&str>,
    key: Option<&Path>,
    out: &mut dyn Write,
) -> Outcome {
    use crate::catalog::second as words;
    let lang = args.lang();
    let mut store = Store::open(&paths.db)?;
    let (Some(name), Some(key)) = (name, key) else {
        for (name, key) in store.auditors()? {
            let fingerprint = key
                .as_deref()
                .and_then(|k| crate::signoff::public_key(k).ok())
                .map_or_else(
                    || words::no_key(lang).to_string(),
                    |k| crate::signoff::fingerprint(&k),
                );
            writeln!(out, "{}\t{fingerprint}", sanitize(&name))?;
        }
        return Ok(0);
    };
    let name_of_file = key.display().to_string();
    let text = read_text(key, lang)?;
    let public = crate::signoff::signing_key(&text).map_err(|e| {
        super::Failure::Message(format!("{name_of_file}: {}", words::sign_failed(&e, lang)))
    })?;
    let line = public
        .to_openssh()
        .map_err(|e| super::Failure::Message(format!("{name_of_file}: {e}")))?;
    let earlier = store
        .auditor_key(name)?
        .filter(|earlier| earlier.trim() != line.trim())
        .and_then(|earlier| crate::signoff::public_key(&earlier).ok());
    store.set_auditor_key(name, &line)?;
    let fingerprint = crate::signoff::fingerprint(&public);
    let mut message = words::key_registered(name, &fingerprint, lang);
    if let Some(earlier) = earlier {
        let replaced = words::key_replaced(&crate::signoff::fingerprint(&earlier), lang);
        message = format!("{message} {replaced}");
    }
    writeln!(out, "{}", sanitize(&message))?;
    Ok(0)
}

/// `siegel sign`: the auditor's sign-off of a finalised assessment.
pub(super) fn sign(
    args: &Args,
    paths: &Paths,
    id: AssessmentId,
    key: Option<&Path>,
    out: &mut dyn Write,
) -> Outcome {
    use crate::catalog::second as words;
    let lang = args.lang();
    let auditor = args.auditor();
    let mut store = Store::open_existing(&paths.db)?;
    let hash = store.hash_to_sign(id, &auditor)?;
    let registered = store.auditor_key(&auditor)?;
    let failed =
        |e: crate::signoff::SignError| super::Failure::Message(words::sign_failed(&e, lang));
    let (signature, fingerprint) = match &registered {
        None => (None, None),
        Some(registered) => {
            let public = crate::signoff::public_key(registered).map_err(failed)?;
            let signature = match key {
                Some(file) => {
                    let text = read_text(file, lang)?;
                    crate::signoff::sign_with_file(&text, &public, hash.as_bytes())
                        .map_err(failed)?
                }
                None => {
                    crate::signoff::sign_with_agent(&public, hash.as_bytes()).map_err(failed)?
                }
            };
            (Some(signature), Some(crate::signoff::fingerprint(&public)))
        }
    };
    store.sign_off(id, &auditor, signature.as_deref())?;
    let line = words::signed(id, &auditor, &hash, fingerprint.as_deref(), lang);
    writeln!(out, "{}", sanitize(&line))?;
    Ok(0)
}

/// `siegel bundle export|import`: a second rating to another machine and back.
pub(super) fn bundle(
    args: &Args,
    paths: &Paths,
    action: &super::BundleAction,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Outcome {
    use crate::catalog::second as words;
    use crate::domain::bundle::{Bundle, BundleKind};
    let lang = args.lang();
    match action {
        super::BundleAction::Export {
            id,
            second_auditor: auditor,
            output,
            force,
        } => {
            let mut store = Store::open_existing(&paths.db)?;
            let (bundle, line) = if store.bundle_origin(*id)?.is_some() {
                let bundle = store.result_bundle(*id)?;
                let line = words::result_written(&output.display().to_string(), *id, lang);
                (bundle, line)
            } else {
                let Some(auditor) = auditor else {
                    return Err(super::Failure::Message(words::need_for(lang).into()));
                };
                let bundle = store.second_rating_bundle(*id, auditor, &args.auditor())?;
                let name = output.display().to_string();
                let line = words::bundle_written(&name, bundle.second.assessment, auditor, lang);
                (bundle, line)
            };
            let name = output.display().to_string();
            match export::write_file(output, bundle.to_text().as_bytes(), *force) {
                Ok(()) => writeln!(out, "{}", sanitize(&line))?,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    writeln!(
                        err,
                        "siegel: {}",
                        sanitize(&Text::FileExists { file: &name }.text(lang))
                    )?;
                    return Ok(EXIT_INVALID);
                }
                Err(e) => return Err(e.into()),
            }
            Ok(0)
        }
        super::BundleAction::Import { file } => {
            let name = file.display().to_string();
            let text = read_text(file, lang)?;
            let bundle = Bundle::from_text(&text)
                .map_err(|e| super::Failure::Message(words::bundle_refused(&name, &e, lang)))?;
            match bundle.kind {
                BundleKind::SecondRating => {
                    let valid = bundle_answers(&bundle).ok_or_else(|| {
                        super::Failure::Message(words::bundle_mismatch(&name, lang))
                    })?;
                    let mut store = Store::open(&paths.db)?;
                    let (id, existed) = store.import_second_rating(&bundle, &valid)?;
                    let line = if existed {
                        words::bundle_again(id, lang)
                    } else {
                        words::bundle_imported(
                            id,
                            &bundle.second.auditor,
                            bundle.first.assessment,
                            lang,
                        )
                    };
                    writeln!(out, "{}", sanitize(&line))?;
                    writeln!(out, "{id}")?;
                }
                BundleKind::SecondRatingResult => {
                    let mut store = Store::open_existing(&paths.db)?;
                    let second = store.import_second_result(&bundle)?;
                    let line = words::result_imported(second, bundle.first.assessment, lang);
                    writeln!(out, "{}", sanitize(&line))?;
                    writeln!(out, "{second}")?;
                }
            }
            Ok(0)
        }
    }
}

/// The answers a bundle carries, valid against the questionnaire it carries, when both are
/// what the bundle's hashes name.
fn bundle_answers(
    bundle: &crate::domain::bundle::Bundle,
) -> Option<crate::domain::validate::ValidAnswers> {
    use crate::domain::validate;
    let definition = serde_json::to_string(bundle.definition.as_ref()?).ok()?;
    let known = validate::validate_definition(definition.as_bytes(), &[]).definition?;
    if known.sha256 != bundle.first.definition_sha256 {
        return None;
    }
    let answers = serde_json::to_string(bundle.answers.as_ref()?).ok()?;
    let valid = validate::validate_answers(answers.as_bytes(), &[known]).answers?;
    (valid.sha256 == bundle.first.answers_sha256).then_some(valid)
}

/// `siegel second-rating`: starts the Zweitprüfung of an assessment for another auditor.
pub(super) fn second_rating(
    args: &Args,
    paths: &Paths,
    id: AssessmentId,
    auditor: &str,
    out: &mut dyn Write,
) -> Outcome {
    let lang = args.lang();
    let mut store = Store::open_existing(&paths.db)?;
    let second = store.start_second_rating(id, auditor, &args.auditor())?;
    let line = crate::catalog::second::started(id, second, auditor, lang);
    writeln!(out, "{}", sanitize(&line))?;
    writeln!(out, "{second}")?;
    Ok(0)
}

/// `siegel agreement`: the first and the second rating side by side, in figures.
pub(super) fn agreement(
    args: &Args,
    paths: &Paths,
    id: AssessmentId,
    json: bool,
    out: &mut dyn Write,
) -> Outcome {
    use crate::store::SecondRefusal;
    let mut store = Store::open_existing(&paths.db)?;
    // Either of the two may be named.
    let (first, second) = match store.second_of(id)? {
        Some(first) => (first, id),
        None => match store.second_rating(id)? {
            Some(second) => (id, second),
            None => return Err(StoreError::Second(SecondRefusal::NoSecond { id }).into()),
        },
    };
    let (first, second) = (store.load(first)?, store.load(second)?);
    let lang = export::report_lang(&first.definition, args.lang);
    if second.status != crate::domain::assessment::Status::Finalized {
        let message = crate::catalog::second::not_submitted(second.id, lang);
        return Err(super::Failure::Message(message));
    }
    let ratings = export::agreement::Ratings {
        first: &first,
        second: &second,
    };
    if json {
        let text =
            crate::text::json_pretty(&ratings.export(lang)).map_err(std::io::Error::other)?;
        writeln!(out, "{text}")?;
    } else {
        for line in ratings.text(lang) {
            writeln!(out, "{}", sanitize(&line))?;
        }
    }
    Ok(0)
}

/// A key or bundle file as text, read with the bounded reader; a problem names the file.
fn read_text(file: &std::path::Path, lang: crate::catalog::Lang) -> Result<String, super::Failure> {
    let bytes = crate::questionnaires::read_file(file).map_err(|problem| {
        super::Failure::Message(format!(
            "{}: {}",
            file.display(),
            crate::catalog::problem(&problem, lang)
        ))
    })?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
