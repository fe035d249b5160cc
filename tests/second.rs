//! The Zweitprüfung: a second auditor rates the sample county blind, submits, and the
//! agreement of the two ratings is measured.

mod common;

use common::cli::{siegel, text};

use std::path::Path;
use std::process::Command;

use common::{AUDITOR, RATINGS};
use siegel::domain::assessment::Rating;
use siegel::store::{Edit, OpenMode, SecondRefusal, Store, StoreError};

const SECOND: &str = "Bernd Zweit";

/// The second auditor's ratings: the first's, but for a few cells a level up or down, one two
/// apart, one a mark where the first gave a level, and HF6/QP-NAC (unrated by the first).
fn second_ratings() -> Vec<(&'static str, &'static str, Rating, String)> {
    let changed = [
        ("HF1", "QP-BED", Rating::Level(3)),
        ("HF2", "QP-VER", Rating::Level(3)),
        ("HF3", "QP-NAC", Rating::Level(4)),
        ("HF4", "QP-ZUG", Rating::NotApplicable),
        ("HF6", "QP-BET", Rating::Level(1)),
    ];
    let mut ratings: Vec<(&str, &str, Rating, String)> = RATINGS
        .iter()
        .map(|(field, parameter, rating, _)| {
            let rating = changed
                .iter()
                .find(|(f, p, _)| f == field && p == parameter)
                .map_or(*rating, |(_, _, r)| *r);
            (
                *field,
                *parameter,
                rating,
                format!("Zweitprüfung: {field}/{parameter}"),
            )
        })
        .collect();
    ratings.push((
        "HF6",
        "QP-NAC",
        Rating::Level(2),
        "Zweitprüfung: HF6/QP-NAC".into(),
    ));
    ratings
}

#[test]
fn a_blind_second_rating_is_submitted_and_its_agreement_measured() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("siegel.db");
    let (mut store, first) = common::rated_sample(&db);
    let second = store.start_second_rating(first, SECOND, AUDITOR).unwrap();

    // Blind: the second auditor cannot open the first rating, not even to look.
    for mode in [OpenMode::Edit, OpenMode::ReadOnly] {
        assert_eq!(
            store.open_session(first, SECOND, mode).unwrap_err(),
            StoreError::Second(SecondRefusal::Blind { id: first, second })
        );
    }
    // Nor read it from the command line.
    for command in [
        vec!["export", "1", "--format", "md"],
        vec!["log", "1"],
        vec!["explain", "1"],
    ] {
        let mut args = vec!["--lang", "en", "--auditor", SECOND];
        args.extend(command);
        let refused = siegel(&db, &args);
        assert_eq!(refused.status.code(), Some(1));
        assert_eq!(
            text(&refused.stderr),
            "siegel: assessment 1 stays hidden until your second rating 2 is submitted\n"
        );
    }
    // What they open holds the answers and nothing of the first auditor's work.
    let (mut session, blind) = store.open_session(second, SECOND, OpenMode::Edit).unwrap();
    assert_eq!(
        blind.answers_sha256,
        store.load(first).unwrap().answers_sha256
    );
    assert!(blind.cells.is_empty() && blind.reviews.is_empty() && blind.findings.is_empty());
    assert!(blind.overall.is_empty() && blind.follow_ups.is_empty());

    for (field, parameter, rating, rationale) in second_ratings() {
        for edit in [
            Edit::SetRating {
                field: field.into(),
                parameter: parameter.into(),
                rating: Some(rating),
            },
            Edit::SetRationale {
                field: field.into(),
                parameter: parameter.into(),
                text: rationale,
            },
        ] {
            store.apply(&mut session, edit).unwrap();
        }
    }
    // The agreement waits for the submission.
    let early = siegel(&db, &["--lang", "en", "agreement", "1"]);
    assert_eq!(early.status.code(), Some(1));
    assert_eq!(
        text(&early.stderr),
        "siegel: the second rating (assessment 2) is not submitted yet; the agreement follows\n"
    );
    store
        .apply(
            &mut session,
            Edit::Finalize {
                allow_open_follow_ups: false,
            },
        )
        .unwrap();
    store.close_session(&session).unwrap();
    // Submitted: the first rating is open to them now, and neither rating changed the other.
    let (session, _) = store
        .open_session(first, SECOND, OpenMode::ReadOnly)
        .unwrap();
    store.close_session(&session).unwrap();
    let first_cells = store.load(first).unwrap().cells;
    assert_eq!(
        first_cells[&("HF1".to_string(), "QP-BED".to_string())].rating,
        Some(Rating::Level(2))
    );
    assert!(store.verify(second, None).unwrap().problems.is_empty());
    assert!(store.verify(first, None).unwrap().problems.is_empty());

    // A consensus on one cell, then the reports carry the Zweitprüfung.
    let (mut session, _) = store.open_session(first, AUDITOR, OpenMode::Edit).unwrap();
    for edit in [
        Edit::SetConsensus {
            field: "HF1".into(),
            parameter: "QP-BED".into(),
            rating: Rating::Level(3),
        },
        Edit::SetConsensusRationale {
            field: "HF1".into(),
            parameter: "QP-BED".into(),
            text: "Der Bedarfsplan gilt für alle Gemeinden.".into(),
        },
    ] {
        store.apply(&mut session, edit).unwrap();
    }
    store.close_session(&session).unwrap();
    let markdown = text(&siegel(&db, &["export", "1", "--format", "md"]).stdout);
    let start = markdown.find("## Zweitprüfung").expect("the section");
    let end = markdown[start..]
        .find("\n## Handlungsfeld")
        .map_or(markdown.len(), |e| e + start);
    insta::assert_snapshot!("second-markdown", &markdown[start..end]);
    let json: serde_json::Value =
        serde_json::from_slice(&siegel(&db, &["export", "1", "--format", "json"]).stdout).unwrap();
    let second_rating = &json["second_rating"];
    assert_eq!(second_rating["agreement"]["second_auditor"], SECOND);
    assert_eq!(second_rating["consensus"][0]["first"], "2");
    assert_eq!(second_rating["consensus"][0]["second"], "3");
    assert_eq!(second_rating["consensus"][0]["agreed"], "3");
    let path = db.with_file_name("bericht.xlsx");
    siegel(
        &db,
        &[
            "export",
            "1",
            "--format",
            "xlsx",
            "-o",
            path.to_str().unwrap(),
        ],
    );
    {
        use calamine::{Data, Reader, Xlsx};
        let mut workbook: Xlsx<_> = calamine::open_workbook(&path).unwrap();
        let sheet = workbook.worksheet_range("Zweitprüfung").unwrap();
        assert_eq!(
            sheet.get_value((1, 0)),
            Some(&Data::String("Gesamt".into()))
        );
        assert_eq!(
            sheet.get_value((1, 2)),
            Some(&Data::String("87,8 %".into()))
        );
        // Below the agreement, the settled cell with both originals.
        let settled = (0..sheet.height() as u32)
            .find(|r| sheet.get_value((*r, 1)) == Some(&Data::String("2 teilweise".into())))
            .expect("the consensus row");
        assert_eq!(
            sheet.get_value((settled, 3)),
            Some(&Data::String("3 weitgehend".into()))
        );
    }
    let html = text(&siegel(&db, &["export", "1", "--format", "html"]).stdout);
    common::parse_html(&html);
    assert!(html.contains("<section class=\"second\""));
    let pdf = db.with_file_name("zweitpruefung.pdf");
    common::cli::export_pdf(&db, "1", &pdf, &[]);
    let content = common::cli::pdftotext(&pdf);
    assert!(content.contains("Zweitprüfung"), "{content}");
    assert!(content.contains("87,8 %"), "{content}");

    let german = siegel(&db, &["agreement", "1"]);
    assert_eq!(german.status.code(), Some(0), "{}", text(&german.stderr));
    insta::assert_snapshot!("agreement-de", text(&german.stdout));
    let json = siegel(&db, &["agreement", "2", "--format", "json"]);
    insta::assert_snapshot!("agreement-json", text(&json.stdout));
}

#[test]
fn a_second_rating_is_started_once_and_by_another_auditor() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("siegel.db");
    drop(common::rated_sample(&db));
    let same = siegel(
        &db,
        &["--lang", "en", "second-rating", "1", "--for", AUDITOR],
    );
    assert_eq!(same.status.code(), Some(1));
    assert_eq!(
        text(&same.stderr),
        format!(
            "siegel: {AUDITOR} made the first rating; the second rating is made by someone else\n"
        )
    );
    let started = siegel(
        &db,
        &["--lang", "en", "second-rating", "1", "--for", SECOND],
    );
    assert_eq!(started.status.code(), Some(0), "{}", text(&started.stderr));
    assert_eq!(text(&started.stdout).lines().last(), Some("2"));
    let again = siegel(
        &db,
        &["--lang", "en", "second-rating", "1", "--for", "Carla Dritt"],
    );
    assert_eq!(
        text(&again.stderr),
        "siegel: assessment 1 already has a second rating (assessment 2)\n"
    );
    let of_second = siegel(
        &db,
        &["--lang", "en", "second-rating", "2", "--for", "Carla Dritt"],
    );
    assert_eq!(
        text(&of_second.stderr),
        "siegel: assessment 2 is itself a second rating\n"
    );
    let none = siegel(&db, &["--lang", "en", "agreement", "3"]);
    assert_eq!(none.status.code(), Some(1));
    // The trail of both records the link.
    let mut store = Store::open(&db).unwrap();
    let first_log = store.log(1, None).unwrap();
    assert_eq!(first_log.last().unwrap().entity, "second_rating");
    let second_log = store.log(2, None).unwrap();
    assert_eq!(second_log[1].entity, "second_of");
    assert!(store.verify(2, None).unwrap().problems.is_empty());
}

/// Rates the second rating `id` in the database at `db` as the second auditor and submits it.
fn rate_and_submit(db: &Path, id: i64) {
    let mut store = Store::open(db).unwrap();
    let (mut session, _) = store.open_session(id, SECOND, OpenMode::Edit).unwrap();
    for (field, parameter, rating, rationale) in second_ratings() {
        for edit in [
            Edit::SetRating {
                field: field.into(),
                parameter: parameter.into(),
                rating: Some(rating),
            },
            Edit::SetRationale {
                field: field.into(),
                parameter: parameter.into(),
                text: rationale,
            },
        ] {
            store.apply(&mut session, edit).unwrap();
        }
    }
    let finalize = Edit::Finalize {
        allow_open_follow_ups: false,
    };
    store.apply(&mut session, finalize).unwrap();
    store.close_session(&session).unwrap();
}

#[test]
fn a_bundle_carries_the_second_rating_to_another_machine_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    drop(common::rated_sample(&a));
    let out = dir.path().join("zweit.json");
    let out_name = out.to_str().unwrap();
    let written = siegel(
        &a,
        &[
            "--lang", "en", "bundle", "export", "1", "--for", SECOND, "-o", out_name,
        ],
    );
    assert_eq!(written.status.code(), Some(0), "{}", text(&written.stderr));
    // Nothing of the first rating leaks into the bundle: no rationale, note or finding.
    let bytes = std::fs::read_to_string(&out).unwrap();
    let first = Store::open(&a).unwrap().load(1).unwrap();
    let mut secrets: Vec<String> = first.cells.values().map(|c| c.rationale.clone()).collect();
    secrets.extend(first.reviews.values().map(|r| r.note.clone()));
    secrets.extend(first.findings.iter().map(|f| f.text.clone()));
    secrets.extend(first.follow_ups.iter().map(|f| f.text.clone()));
    secrets.retain(|s| s.len() > 12);
    assert!(secrets.len() > 5, "the sample has texts to hide");
    for secret in &secrets {
        let escaped = serde_json::to_string(secret).unwrap();
        assert!(
            !bytes.contains(escaped.trim_matches('"')),
            "{secret} leaked"
        );
    }

    // The other machine: an assessment of the second auditor, rated and submitted.
    let imported = siegel(&b, &["--lang", "en", "bundle", "import", out_name]);
    assert_eq!(
        imported.status.code(),
        Some(0),
        "{}",
        text(&imported.stderr)
    );
    assert_eq!(text(&imported.stdout).lines().last(), Some("1"));
    // The same bundle again makes no second assessment; on the first machine it is refused.
    let again = siegel(&b, &["--lang", "en", "bundle", "import", out_name]);
    assert_eq!(
        text(&again.stdout),
        "this bundle is imported already: assessment 1; nothing changed\n1\n"
    );
    let wrong_way = siegel(&a, &["--lang", "en", "bundle", "import", out_name]);
    assert_eq!(wrong_way.status.code(), Some(1));
    assert_eq!(
        text(&wrong_way.stderr),
        "siegel: this bundle went out from here to the second rating (here assessment 2); it is imported on the second auditor's machine\n"
    );
    rate_and_submit(&b, 1);
    let result = dir.path().join("ergebnis.json");
    let result_name = result.to_str().unwrap();
    let back = siegel(&b, &["bundle", "export", "1", "-o", result_name]);
    assert_eq!(back.status.code(), Some(0), "{}", text(&back.stderr));

    // Refused: altered, newer, or for another database.
    let content = std::fs::read_to_string(&result).unwrap();
    let altered = dir.path().join("altered.json");
    std::fs::write(
        &altered,
        content.replacen("\"rating\": \"2\"", "\"rating\": \"4\"", 1),
    )
    .unwrap();
    let refused = siegel(
        &a,
        &[
            "--lang",
            "en",
            "bundle",
            "import",
            altered.to_str().unwrap(),
        ],
    );
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(
        text(&refused.stderr),
        format!(
            "siegel: {}: was altered: its content does not match its hash\n",
            altered.display()
        )
    );
    let newer = dir.path().join("newer.json");
    std::fs::write(
        &newer,
        content.replacen("\"format\": 1", "\"format\": 9", 1),
    )
    .unwrap();
    let refused = siegel(
        &a,
        &["--lang", "en", "bundle", "import", newer.to_str().unwrap()],
    );
    assert!(text(&refused.stderr).contains("has format 9, this version of siegel reads format 1"));
    let other = dir.path().join("other.db");
    drop(common::rated_sample(&other));
    let refused = siegel(&other, &["--lang", "en", "bundle", "import", result_name]);
    assert_eq!(
        text(&refused.stderr),
        "siegel: the bundle belongs to no second rating in this database (there is no assessment 2 here for these answers and this person)\n"
    );

    // Back home: the second rating is submitted, as the second auditor rated it.
    let home = siegel(&a, &["--lang", "en", "bundle", "import", result_name]);
    assert_eq!(home.status.code(), Some(0), "{}", text(&home.stderr));
    let mut store = Store::open(&a).unwrap();
    let second = store.load(2).unwrap();
    assert_eq!(second.status, siegel::domain::assessment::Status::Finalized);
    assert_eq!(
        second.cells[&("HF1".to_string(), "QP-BED".to_string())].rating,
        Some(Rating::Level(3))
    );
    assert!(
        store
            .log(2, None)
            .unwrap()
            .iter()
            .any(|row| row.auditor == SECOND)
    );
    assert!(store.verify(2, None).unwrap().problems.is_empty());
    let twice = siegel(&a, &["--lang", "en", "bundle", "import", result_name]);
    assert_eq!(
        text(&twice.stderr),
        "siegel: second rating 2 is submitted already\n"
    );
    let agreement = siegel(&a, &["agreement", "1"]);
    assert_eq!(
        agreement.status.code(),
        Some(0),
        "{}",
        text(&agreement.stderr)
    );
}

fn has(program: &str) -> bool {
    Command::new(program).arg("-?").output().is_ok()
}

/// An ed25519 key pair made by ssh-keygen, without a passphrase: (private file, public line).
fn key_pair(dir: &Path, name: &str) -> (std::path::PathBuf, String) {
    let file = dir.join(name);
    let made = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", name, "-f"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", text(&made.stderr));
    let public = std::fs::read_to_string(file.with_extension("pub")).unwrap();
    (file, public)
}

/// Every cell of assessment `id` rated as `auditor` (with a rationale), and the differences to
/// a submitted second rating settled on the second's level.
fn complete(db: &Path, id: i64, auditor: &str) {
    let mut store = Store::open(db).unwrap();
    let (mut session, assessment) = store.open_session(id, auditor, OpenMode::Edit).unwrap();
    let cells: Vec<(String, String)> = assessment
        .matrix()
        .map(|(f, p)| (f.id.clone(), p.id.clone()))
        .collect();
    for (field, parameter) in cells {
        let rated = assessment.cell(&field, &parameter).and_then(|c| c.rating);
        let mut edits = vec![Edit::SetRationale {
            field: field.clone(),
            parameter: parameter.clone(),
            text: "Begründung".into(),
        }];
        if rated.is_none() {
            edits.push(Edit::SetRating {
                field: field.clone(),
                parameter: parameter.clone(),
                rating: Some(Rating::Level(2)),
            });
        }
        for edit in edits {
            store.apply(&mut session, edit).unwrap();
        }
    }
    let assessment = store.load(id).unwrap();
    for (field, parameter, second) in assessment
        .differences()
        .iter()
        .map(|d| (d.field.id.clone(), d.parameter.id.clone(), d.second))
        .collect::<Vec<_>>()
    {
        let rating = second.unwrap_or(Rating::NotAssessable);
        store
            .apply(
                &mut session,
                Edit::SetConsensus {
                    field,
                    parameter,
                    rating,
                },
            )
            .unwrap();
    }
    store.close_session(&session).unwrap();
}

#[test]
fn both_auditors_sign_off_with_their_ssh_keys_and_ssh_keygen_agrees() {
    if !has("ssh-keygen") || !has("ssh-agent") {
        eprintln!("ssh-keygen or ssh-agent missing: the sign-off test needs OpenSSH");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("siegel.db");
    let (mut store, first) = common::rated_sample(&db);
    let second = store.start_second_rating(first, SECOND, AUDITOR).unwrap();
    drop(store);
    rate_and_submit(&db, second);
    // Before finalising, nothing to sign.
    let early = siegel(&db, &["--lang", "en", "--auditor", AUDITOR, "sign", "1"]);
    assert_eq!(
        text(&early.stderr),
        "siegel: assessment 1 is not finalised; a finalised assessment is signed\n"
    );
    complete(&db, first, AUDITOR);
    let finalized = siegel(
        &db,
        &["--auditor", AUDITOR, "finalize", "1", "--allow-open"],
    );
    assert_eq!(
        finalized.status.code(),
        Some(0),
        "{}",
        text(&finalized.stdout)
    );

    // Until they sign, the finalised report has lines to sign on by hand.
    let markdown = text(&siegel(&db, &["export", "1", "--format", "md"]).stdout);
    let section = &markdown[markdown.find("## Freigabe").expect("the sign-off section")..];
    for name in [AUDITOR, SECOND] {
        let lines = format!(
            "- {name}: noch nicht unterschrieben  \n  Ort, Datum: ______________________ Unterschrift {name}: ______________________\n"
        );
        assert!(section.contains(&lines), "{section}");
    }
    let (anna, anna_public) = key_pair(dir.path(), "anna");
    let (bernd, bernd_public) = key_pair(dir.path(), "bernd");
    for (name, key) in [(AUDITOR, &anna), (SECOND, &bernd)] {
        let public = key.with_extension("pub");
        let registered = siegel(&db, &["auditor", name, "--key", public.to_str().unwrap()]);
        assert_eq!(
            registered.status.code(),
            Some(0),
            "{}",
            text(&registered.stderr)
        );
    }
    // Only ed25519 keys are registered.
    let ecdsa = dir.path().join("ecdsa");
    let made = Command::new("ssh-keygen")
        .args(["-q", "-t", "ecdsa", "-N", "", "-f"])
        .arg(&ecdsa)
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", text(&made.stderr));
    let public = ecdsa.with_extension("pub");
    let refused = siegel(
        &db,
        &[
            "--lang",
            "en",
            "auditor",
            SECOND,
            "--key",
            public.to_str().unwrap(),
        ],
    );
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(
        text(&refused.stderr),
        format!(
            "siegel: {}: a key of type ecdsa-sha2-nistp256; siegel signs with ssh-ed25519 keys (ssh-keygen -t ed25519)\n",
            public.display()
        )
    );
    // Someone else does not sign; the wrong key is refused.
    let stranger = siegel(
        &db,
        &["--lang", "en", "--auditor", "Carla Dritt", "sign", "1"],
    );
    assert!(text(&stranger.stderr).contains("Carla Dritt does not sign this assessment"));
    let wrong = siegel(
        &db,
        &[
            "--lang",
            "en",
            "--auditor",
            AUDITOR,
            "sign",
            "1",
            "--key",
            bernd.to_str().unwrap(),
        ],
    );
    assert_eq!(
        text(&wrong.stderr),
        "siegel: the key does not belong to the registered public key\n"
    );
    // Anna signs with her key file, Bernd through his ssh-agent.
    let signed = siegel(
        &db,
        &[
            "--lang",
            "en",
            "--auditor",
            AUDITOR,
            "sign",
            "1",
            "--key",
            anna.to_str().unwrap(),
        ],
    );
    assert_eq!(signed.status.code(), Some(0), "{}", text(&signed.stderr));
    let agent = Command::new("ssh-agent").arg("-s").output().unwrap();
    let agent_env = text(&agent.stdout);
    let variable = |name: &str| {
        agent_env
            .split(';')
            .find_map(|part| part.trim().strip_prefix(&format!("{name}=")))
            .unwrap()
            .to_string()
    };
    let (socket, pid) = (variable("SSH_AUTH_SOCK"), variable("SSH_AGENT_PID"));
    let added = Command::new("ssh-add")
        .arg(&bernd)
        .env("SSH_AUTH_SOCK", &socket)
        .output()
        .unwrap();
    assert!(added.status.success(), "{}", text(&added.stderr));
    let by_agent = Command::new(env!("CARGO_BIN_EXE_siegel"))
        .arg("--db")
        .arg(&db)
        .args(["--lang", "en", "--auditor", SECOND, "sign", "1"])
        .env("SSH_AUTH_SOCK", &socket)
        .output()
        .unwrap();
    let _ = Command::new("kill").arg(&pid).output();
    assert_eq!(
        by_agent.status.code(),
        Some(0),
        "{}",
        text(&by_agent.stderr)
    );

    let mut store = Store::open(&db).unwrap();
    let states = store.signoff_states(first).unwrap();
    assert!(
        states
            .iter()
            .all(|s| matches!(s, siegel::store::SignOffState::Signed(_)))
    );
    assert!(store.verify(first, None).unwrap().problems.is_empty());

    // ssh-keygen checks both signatures of the final hash.
    let hash = store.load(first).unwrap().final_hash.unwrap();
    let message = dir.path().join("message");
    std::fs::write(&message, &hash).unwrap();
    for signoff in store.signoffs(first).unwrap() {
        let public = if signoff.auditor == AUDITOR {
            &anna_public
        } else {
            &bernd_public
        };
        let allowed = dir.path().join("allowed_signers");
        std::fs::write(&allowed, format!("signer {public}")).unwrap();
        let signature = dir.path().join("signature");
        std::fs::write(&signature, signoff.signature.as_deref().unwrap()).unwrap();
        let checked = Command::new("ssh-keygen")
            .args(["-Y", "verify", "-n", "siegel-signoff", "-I", "signer", "-f"])
            .arg(&allowed)
            .arg("-s")
            .arg(&signature)
            .stdin(std::fs::File::open(&message).unwrap())
            .output()
            .unwrap();
        assert!(
            checked.status.success(),
            "{}: {}{}",
            signoff.auditor,
            text(&checked.stdout),
            text(&checked.stderr)
        );
    }

    // The report names both sign-offs with their keys.
    let markdown = text(&siegel(&db, &["export", "1", "--format", "md"]).stdout);
    let section = &markdown[markdown.find("## Freigabe").expect("the sign-off section")..];
    for name in [AUDITOR, SECOND] {
        assert!(
            section.contains(&format!("- {name}: unterschrieben am ")),
            "{section}"
        );
    }
    assert!(!section.contains("Ort, Datum"), "{section}");
    let json: serde_json::Value =
        serde_json::from_slice(&siegel(&db, &["export", "1", "--format", "json"]).stdout).unwrap();
    assert_eq!(json["signoffs"].as_array().unwrap().len(), 2);
    assert_eq!(json["signoffs"][0]["signed"], true);

    // A signature changed with SQL is found; a reopen leaves no sign-off standing.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let signature_of = |name: &str| {
        (store.signoffs(first).unwrap().into_iter())
            .find(|s| s.auditor == name)
            .and_then(|s| s.signature)
            .unwrap()
    };
    let (anna_signature, bernd_signature) = (signature_of(AUDITOR), signature_of(SECOND));
    conn.execute(
        "UPDATE signoff SET signature = ?1 WHERE auditor = ?2",
        rusqlite::params![bernd_signature, AUDITOR],
    )
    .unwrap();
    let problems = store.verify(first, None).unwrap().problems;
    assert!(
        problems.contains(&siegel::store::VerifyProblem::Signature {
            auditor: AUDITOR.into()
        }),
        "{problems:?}"
    );
    conn.execute(
        "UPDATE signoff SET signature = ?1 WHERE auditor = ?2",
        rusqlite::params![anna_signature, AUDITOR],
    )
    .unwrap();
    let reopened = siegel(&db, &["--auditor", AUDITOR, "reopen", "1"]);
    assert_eq!(
        reopened.status.code(),
        Some(0),
        "{}",
        text(&reopened.stderr)
    );
    let all_open = |store: &mut Store| {
        (store.signoff_states(first).unwrap().iter())
            .all(|s| matches!(s, siegel::store::SignOffState::Open { .. }))
    };
    assert!(all_open(&mut store));
    // Finalised again without a change, within the same second: the hash is the same, and
    // still the sign-offs are due again.
    let again = siegel(
        &db,
        &["--auditor", AUDITOR, "finalize", "1", "--allow-open"],
    );
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stderr));
    assert_eq!(
        store.load(first).unwrap().final_hash.as_deref(),
        Some(hash.as_str())
    );
    assert!(all_open(&mut store));
}

#[test]
fn a_bilanzierung_follows_the_audit_and_not_its_second_rating() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("siegel.db");
    let (mut store, first) = common::rated_sample(&db);
    let second = store.start_second_rating(first, SECOND, AUDITOR).unwrap();
    drop(store);
    // Submitted, the second rating is finalised, which would otherwise make it the choice.
    rate_and_submit(&db, second);
    let bilanzierung = "questionnaires/samples/musterland-2028-bilanzierung.json";
    let named = siegel(
        &db,
        &["--lang", "en", "import", bilanzierung, "--previous", "2"],
    );
    assert_eq!(named.status.code(), Some(1));
    assert_eq!(
        text(&named.stderr),
        "siegel: assessment 2 is itself a second rating\n"
    );
    let found = siegel(&db, &["--lang", "en", "import", bilanzierung]);
    assert_eq!(found.status.code(), Some(0), "{}", text(&found.stderr));
    assert!(
        text(&found.stdout).contains("assessment 3 follows assessment 1"),
        "{}",
        text(&found.stdout)
    );
}
