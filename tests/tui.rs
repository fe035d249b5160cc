//! The real application driven through key presses on ratatui's `TestBackend`: snapshots of
//! every screen, popup and editor at 80×24 and 120×40 in the colour and monochrome themes, and
//! flows that check what reached the database.

mod common;

use std::fmt::Write as _;

use common::harness::Harness;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};
use siegel::catalog::Lang;
use siegel::domain::assessment::{FindingKind, Rating};
use siegel::store::{Edit, OpenMode, SecondRefusal, StoreError};
use siegel::tui::keymap::Keymap;
use siegel::tui::settings::{ProblemKind, SettingsProblem};
use siegel::tui::theme::Theme;
use siegel::tui::{Start, begin};

/// The screen as text followed by its styles, one run per line and style.
fn rendering(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let line: String = (0..area.width)
            .map(|x| buffer[(x, y)].symbol().to_string())
            .collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.push_str("--- styles\n");
    for y in 0..area.height {
        let mut runs = Vec::new();
        let mut x = 0;
        while x < area.width {
            let cell = &buffer[(x, y)];
            let key = (cell.fg, cell.bg, cell.modifier);
            let start = x;
            while x < area.width && {
                let c = &buffer[(x, y)];
                (c.fg, c.bg, c.modifier) == key
            } {
                x += 1;
            }
            if key != (Color::Reset, Color::Reset, Modifier::empty()) {
                let mut run = format!("{start}-{}", x - 1);
                if key.0 != Color::Reset {
                    let _ = write!(run, " fg={:?}", key.0);
                }
                if key.1 != Color::Reset {
                    let _ = write!(run, " bg={:?}", key.1);
                }
                if !key.2.is_empty() {
                    let _ = write!(run, " {:?}", key.2);
                }
                runs.push(run);
            }
        }
        if !runs.is_empty() {
            let _ = writeln!(out, "{y:2}: {}", runs.join(", "));
        }
    }
    out
}

/// Titles of frames, the status line and the footer are never cut with "…": a title that
/// does not fit loses whole words, a message is wrapped or shortened before a word.
fn assert_nothing_cut(screen: &str, name: &str) {
    let lines: Vec<&str> = screen.lines().collect();
    let (status, footer) = (lines[lines.len() - 2], lines[lines.len() - 1]);
    assert!(!status.contains('…'), "{name}: status cut: {status}");
    assert!(!footer.contains('…'), "{name}: footer cut: {footer}");
    for line in &lines {
        for (start, _) in line.match_indices(['┌', '└']) {
            let rest = &line[start..];
            let title: String = rest
                .chars()
                .skip(1)
                .skip_while(|c| *c == '─')
                .take_while(|c| !matches!(c, '─' | '┐' | '┘'))
                .collect();
            assert!(!title.contains('…'), "{name}: title cut: {title}\n{screen}");
        }
    }
}

/// Runs a scenario in both sizes and both themes and snapshots each rendering.
fn snapshot(name: &str, scenario: impl Fn(&mut Harness)) {
    snapshot_with(name, &[], scenario);
}

/// As `snapshot`, starting with problems in the user's settings.
fn snapshot_with(name: &str, problems: &[SettingsProblem], scenario: impl Fn(&mut Harness)) {
    for (width, height) in [(80, 24), (120, 40)] {
        for (theme_name, theme) in [("colour", Theme::colour()), ("mono", Theme::mono())] {
            let mut harness = Harness::with(width, height, theme, problems);
            begin(&mut harness.app, &mut harness.env, Start::List);
            scenario(&mut harness);
            let text = rendering(harness.draw());
            if width == 80 {
                assert_nothing_cut(&harness.text(), name);
            }
            insta::assert_snapshot!(format!("{name}-{width}x{height}-{theme_name}"), text);
        }
    }
}

#[test]
fn snapshot_start_empty() {
    snapshot("start-empty", |_| {});
}

#[test]
fn snapshot_start_list() {
    snapshot("start-list", |h| h.keys("dq"));
}

#[test]
fn snapshot_review_field() {
    snapshot("review-field", |h| h.keys("d"));
}

#[test]
fn snapshot_review_question() {
    snapshot("review-question", |h| h.keys("djj"));
}

#[test]
fn snapshot_review_table_answer() {
    // HF2.T1.F04: places per municipality, a table of one row per municipality.
    snapshot("review-table", |h| {
        h.keys("d/betreuungsangebot und versorgungsquoten<Enter><Tab>");
    });
}

#[test]
fn snapshot_review_marks() {
    snapshot("review-marks", |h| {
        h.keys("djjr");
        h.keys("efehlt noch^s");
        h.keys("jfBeschluss bitte nachreichen.^s");
        h.keys("b");
    });
}

#[test]
fn snapshot_editor_with_a_restored_draft() {
    snapshot("editor-draft-restored", |h| {
        h.keys("d");
        // The draft as a killed session left it, offered when the note is opened again.
        h.env
            .store
            .save_draft(
                1,
                "Dr. Anna Prüfer",
                "note:HF1.T1.F01",
                "Leitbild von 2017.",
            )
            .unwrap();
        h.keys("qq<Enter>jje");
    });
}

#[test]
fn snapshot_note_editor() {
    snapshot("editor-note", |h| {
        h.keys("djjeLeitbild von 2017, nur JHA-Beschluss.<Enter>Kreistag fehlt.")
    });
}

#[test]
fn snapshot_discard_question() {
    snapshot("editor-discard", |h| h.keys("djjeEntwurf<Esc>"));
}

#[test]
fn snapshot_follow_ups() {
    snapshot("follow-ups", |h| {
        h.keys("djjfBitte Kreistagsbeschluss nachreichen.^sF")
    });
}

#[test]
fn snapshot_scoring() {
    snapshot("scoring", |h| h.keys("ds31ebedarf unklar^sjz"));
}

#[test]
fn snapshot_scoring_findings() {
    snapshot("scoring-findings", |h| {
        h.keys("ds4444");
        h.keys("SFamilienbüro in der Kreisstadt^s");
        h.keys("HFamilienbericht von 2016^s");
        h.keys("EFamilienbericht fortschreiben^s");
        h.keys("<Tab>j");
    });
}

#[test]
fn snapshot_delete_question() {
    snapshot("scoring-delete", |h| h.keys("dsSZu löschen^s<Tab>d"));
}

#[test]
fn snapshot_explain() {
    snapshot("explain", |h| h.keys("ds32j4jzx"));
}

#[test]
fn snapshot_overview() {
    snapshot("overview", |h| h.keys("ds32j4jzo"));
}

#[test]
fn snapshot_help() {
    snapshot("help", |h| h.keys("d?"));
}

#[test]
fn snapshot_search_prompt() {
    snapshot("search-prompt", |h| h.keys("d/Pflege"));
}

#[test]
fn snapshot_import_prompt() {
    snapshot("import-prompt", |h| h.keys("iquestionnaires/sa<Tab>"));
}

#[test]
fn snapshot_import_refused() {
    snapshot("import-refused", |h| {
        h.keys("itests/fixtures/broken/ans-format.json<Enter>")
    });
}

/// Two Erstaudits of the county in the database, then its Bilanzierung imported.
fn two_erstaudits_then_the_bilanzierung(h: &mut Harness) {
    let erstaudit = "questionnaires/samples/musterland-2025-erstaudit.json";
    h.keys(&format!("i{erstaudit}<Enter>q"));
    h.keys(&format!("i{erstaudit}<Enter>q"));
    h.keys("iquestionnaires/samples/musterland-2028-bilanzierung.json<Enter>");
}

#[test]
fn snapshot_previous_choice() {
    snapshot("previous-choice", |h| {
        two_erstaudits_then_the_bilanzierung(h);
        h.keys("j");
    });
}

#[test]
fn a_bilanzierung_follows_the_audit_the_auditor_chooses() {
    let mut h = Harness::new(80, 24, Theme::mono());
    two_erstaudits_then_the_bilanzierung(&mut h);
    assert!(
        h.text().contains("Frühere Bewertung wählen"),
        "{}",
        h.text()
    );
    // Cancelled: nothing stored.
    h.keys("<Esc>");
    assert!(h.text().contains("Nichts importiert."), "{}", h.text());
    assert_eq!(h.env.store.list().unwrap().len(), 2);
    // Chosen: the second in the list, the older import (newest first).
    h.keys("iquestionnaires/samples/musterland-2028-bilanzierung.json<Enter>j<Enter>");
    assert!(
        h.text()
            .contains("als Bewertung 3 importiert; folgt auf Bewertung 1"),
        "{}",
        h.text()
    );
    assert_eq!(h.env.store.previous(3).unwrap(), Some(1));
    // With one Erstaudit only, it is linked without asking.
    let mut one = Harness::new(80, 24, Theme::mono());
    one.keys("iquestionnaires/samples/musterland-2025-erstaudit.json<Enter>q");
    one.keys("iquestionnaires/samples/musterland-2028-bilanzierung.json<Enter>");
    assert!(
        one.text().contains("folgt auf Bewertung 1"),
        "{}",
        one.text()
    );
    assert_eq!(one.env.store.previous(2).unwrap(), Some(1));
}

/// The Erstaudit, then the Bilanzierung that follows it, opened at its first question.
fn bilanzierung(h: &mut Harness) {
    h.keys("iquestionnaires/samples/musterland-2025-erstaudit.json<Enter>q");
    h.keys("iquestionnaires/samples/musterland-2028-bilanzierung.json<Enter>jj");
}

#[test]
fn snapshot_review_bilanzierung() {
    snapshot("review-bilanzierung", |h| {
        bilanzierung(h);
        h.keys("<Tab>jjjjjjjjjjjj");
    });
}

#[test]
fn the_bilanzierung_shows_the_last_audit_beside_each_answer() {
    let mut h = Harness::new(120, 40, Theme::mono());
    bilanzierung(&mut h);
    let text = h.text();
    assert!(text.contains("Antwort im letzten Audit (2025)"), "{text}");
    assert!(text.contains("≠ anders als 2025"), "{text}");
    // The jump stops only at answers that differ: F01 differs, F02 does not, F03 does.
    h.keys("p");
    assert_eq!(h.selected().as_deref(), Some("HF1.T1.F03"));
    h.keys("p");
    assert_eq!(h.selected().as_deref(), Some("HF1.T1.F06"));
    // A rename with another kind is shown, not compared.
    h.keys("/Seniorenvertretung auf Kreisebene organisiert<Enter>");
    let text = h.text();
    assert_eq!(h.selected().as_deref(), Some("HF6.T3.F01a"));
    assert!(text.contains("damals gefragt als HF6.T3.F01"), "{text}");
    assert!(
        text.contains("⇄ andere Antwortart als damals: nicht verglichen"),
        "{text}"
    );
    // The field lists what is no longer asked.
    // To the top, HF1 folded, down to HF2.
    h.keys("ghj");
    let text = h.text();
    assert!(text.contains("nicht mehr gefragt"), "{text}");
    assert!(
        text.contains("HF2.T3.F03 Wie viele Kindertageseinrichtungen"),
        "{text}"
    );
    // An Erstaudit has no last audit: the jump says so.
    let mut first = Harness::demo(80, 24, Theme::mono());
    first.keys("p");
    assert!(
        first.text().contains("mit keinem früheren Audit verknüpft"),
        "{}",
        first.text()
    );
}

/// The Erstaudit with two cells of HF1 rated (and a rationale), then the Bilanzierung, in
/// the scoring of HF1.
fn bilanzierung_scoring(h: &mut Harness) {
    h.keys("iquestionnaires/samples/musterland-2025-erstaudit.json<Enter>");
    h.keys("s23keGestützt auf den Kita-Bedarfsplan.^sq");
    h.keys("q");
    h.keys("iquestionnaires/samples/musterland-2028-bilanzierung.json<Enter>s");
}

#[test]
fn snapshot_scoring_bilanzierung() {
    snapshot("scoring-bilanzierung", bilanzierung_scoring);
}

#[test]
fn the_last_audits_rating_is_shown_and_taken_over_on_request() {
    let mut h = Harness::new(80, 24, Theme::mono());
    bilanzierung_scoring(&mut h);
    let text = h.text();
    assert!(text.contains("Letztes Audit (2025): teilweise"), "{text}");
    // Shown, never copied in: today's cell is unrated until the auditor takes it over.
    assert!(h.env.store.load(2).unwrap().cells.is_empty());
    h.keys("p");
    let cells = h.env.store.load(2).unwrap().cells;
    assert_eq!(
        cells[&("HF1".to_string(), "QP-BED".to_string())].rating,
        Some(Rating::Level(2))
    );
    let log = h.env.store.log(2, None).unwrap();
    assert_eq!(log.last().unwrap().entity, "adopted");
    // The last audit's rationale is shown with its level (QP-STR: 3, with the rationale).
    let text = h.text();
    assert!(text.contains("Letztes Audit (2025): weitgehend"), "{text}");
    assert!(
        text.contains("„Gestützt auf den Kita-Bedarfsplan.“"),
        "{text}"
    );
    // A cell the last audit did not rate: nothing to take over.
    h.keys("jjp");
    assert!(h.text().contains("Nichts zu übernehmen"), "{}", h.text());
}

/// HF1 rated in both audits: up, the same, down, and one taken over.
fn bilanzierung_rated(h: &mut Harness) {
    h.keys("iquestionnaires/samples/musterland-2025-erstaudit.json<Enter>s2322322qq");
    h.keys("iquestionnaires/samples/musterland-2028-bilanzierung.json<Enter>s332322p");
}

#[test]
fn snapshot_overview_bilanzierung() {
    snapshot("overview-bilanzierung", |h| {
        bilanzierung_rated(h);
        h.keys("o");
    });
    snapshot("overview-bilanzierung-bars", |h| {
        bilanzierung_rated(h);
        h.keys("ov");
    });
}

#[test]
fn snapshot_bilanzierung_export_and_explanation() {
    // The comparison table is offered only where there is a last audit.
    snapshot("export-choice-bilanzierung", |h| {
        bilanzierung_rated(h);
        h.keys("ow");
    });
    // The explanation goes on with the last audit's score: whose cells, whose rules.
    snapshot("explain-bilanzierung", |h| {
        bilanzierung_rated(h);
        h.keys("xG");
    });
}

/// The Erstaudit with its Zielvereinbarung and the Jahresberichte 2026 and 2027, imported in
/// the list, then the Bilanzierung, in the goals screen.
fn bilanzierung_goals(h: &mut Harness) {
    let import = |h: &mut Harness, file: &str| {
        h.keys(&format!("iquestionnaires/samples/{file}<Enter>"));
        h.text()
    };
    import(h, "musterland-2025-erstaudit.json");
    h.keys("q");
    let attached = import(h, "musterland-2025-zielvereinbarung.json");
    assert!(
        attached.contains("Zielvereinbarung \"musterland-2025\" an Bewertung 1 angehängt"),
        "{attached}"
    );
    for year in [2026, 2027] {
        let stored = import(h, &format!("musterland-{year}-jahresbericht.json"));
        let line = format!("Jahresbericht {year} zu \"musterland-2025\" gespeichert (Bewertung 1)");
        assert!(stored.contains(&line), "{stored}");
    }
    let again = import(h, "musterland-2027-jahresbericht.json");
    assert!(
        again.contains("Schon gespeichert; nichts geändert"),
        "{again}"
    );
    h.keys("iquestionnaires/samples/musterland-2028-bilanzierung.json<Enter>Z");
}

#[test]
fn snapshot_goals() {
    snapshot("goals-bilanzierung", bilanzierung_goals);
    snapshot("goals-bilanzierung-detail", |h| {
        bilanzierung_goals(h);
        // Z2.2 with an overdue measure, rated and written about.
        h.keys("jjjj2eDer Umsetzungsplan steht, Oberwiesenau ist verschoben.^s<Tab>G");
    });
}

#[test]
fn goals_are_rated_with_a_rationale_and_hold_up_finalising() {
    let mut h = Harness::new(80, 24, Theme::mono());
    bilanzierung_goals(&mut h);
    let text = h.text();
    assert!(
        text.contains("Ziele · 17 von 32 umgesetzt · 10 überfällig"),
        "{text}"
    );
    // Every goal waits for its achievement before the Bilanzierung can be finalised.
    let completeness = siegel::domain::scoring::completeness(&h.env.store.load(2).unwrap());
    assert_eq!((completeness.goals, completeness.goals_rated), (16, 0));
    h.keys("1");
    h.keys("eKonzept im Kreistag beschlossen.^s");
    let assessment = h.env.store.load(2).unwrap();
    let rating = &assessment.goal_ratings["musterland-2025/Z1.1"];
    assert_eq!(
        rating.achievement,
        Some(siegel::domain::goals::Achievement::Erreicht)
    );
    assert_eq!(rating.rationale, "Konzept im Kreistag beschlossen.");
    let completeness = siegel::domain::scoring::completeness(&assessment);
    assert_eq!(completeness.goals_rated, 1);
    assert!(
        !completeness
            .missing
            .iter()
            .any(|m| matches!(m, siegel::domain::scoring::Missing::GoalUnrated { goal } if goal == "musterland-2025/Z1.1"))
    );
    // A rating without its rationale is still missing one.
    h.keys("j3");
    let completeness = siegel::domain::scoring::completeness(&h.env.store.load(2).unwrap());
    assert!(
        completeness
            .missing
            .contains(&siegel::domain::scoring::Missing::GoalRationale {
                goal: "musterland-2025/Z1.2".into()
            })
    );
    // The trail names the goal; verify replays it.
    let log = h.env.store.log(2, None).unwrap();
    assert_eq!(log.last().unwrap().entity, "goal_rating");
    assert!(h.env.store.verify(2, None).unwrap().problems.is_empty());
    // From a goal, "a" shows the answers of its field, "s" its cells.
    h.keys("a");
    assert!(h.text().contains("HF1"), "{}", h.text());
    h.keys("Zs");
    assert!(h.text().contains("HF1 Steuerung"), "{}", h.text());
    // The Erstaudit shows its goals, but does not rate them.
    h.keys("qq");
    h.keys("G<Enter>Z1");
    let text = h.text();
    assert!(text.contains("fgk-kreis@2025.1"), "{text}");
    assert!(
        text.contains("Die Zielerreichung bewertet die Bilanzierung"),
        "{text}"
    );
    assert!(h.env.store.load(1).unwrap().goal_ratings.is_empty());
}

/// Rates assessment `id` as `auditor` with the sample's ratings (rationales where the rules
/// ask), `changed` levels instead where given, every cell rated; finalised if `submit`.
fn rate_all(h: &mut Harness, id: i64, auditor: &str, changed: &[(&str, &str, i32)], submit: bool) {
    use siegel::store::{Edit, OpenMode};
    let (mut session, _) = h
        .env
        .store
        .open_session(id, auditor, OpenMode::Edit)
        .unwrap();
    let mut ratings: Vec<(&str, &str, Rating)> = common::RATINGS
        .iter()
        .map(|(f, p, r, _)| (*f, *p, *r))
        .collect();
    ratings.push(("HF6", "QP-NAC", Rating::Level(2)));
    for (field, parameter, rating) in ratings {
        let rating = changed
            .iter()
            .find(|(f, p, _)| *f == field && *p == parameter)
            .map_or(rating, |(_, _, level)| Rating::Level(*level));
        let edits = [
            siegel::store::Edit::SetRating {
                field: field.into(),
                parameter: parameter.into(),
                rating: Some(rating),
            },
            Edit::SetRationale {
                field: field.into(),
                parameter: parameter.into(),
                text: format!("Begründung {field}/{parameter}"),
            },
        ];
        for edit in edits {
            h.env.store.apply(&mut session, edit).unwrap();
        }
    }
    if submit {
        let finalize = Edit::Finalize {
            allow_open_follow_ups: true,
        };
        h.env.store.apply(&mut session, finalize).unwrap();
    }
    h.env.store.close_session(&session).unwrap();
}

/// The sample rated, its second rating by Bernd Zweit rated a little differently and
/// submitted; the first opened in the overview.
fn second_submitted(h: &mut Harness) {
    h.keys("dq");
    rate_all(h, 1, common::AUDITOR, &[], false);
    h.env
        .store
        .start_second_rating(1, "Bernd Zweit", common::AUDITOR)
        .unwrap();
    rate_all(
        h,
        2,
        "Bernd Zweit",
        &[("HF1", "QP-BED", 3), ("HF3", "QP-NAC", 4)],
        true,
    );
    // Opening and closing one reads the list again: the second rating (2) is on top.
    h.keys("<Enter>q");
}

#[test]
fn snapshot_second_rating() {
    // The first rating's overview says how far the submitted second rating agrees.
    snapshot("overview-agreement", |h| {
        second_submitted(h);
        h.keys("j<Enter>o");
    });
    // The second rating says what it is and submits instead of finalising.
    snapshot("second-rating-overview", |h| {
        h.keys("dq");
        h.env
            .store
            .start_second_rating(1, "Bernd Zweit", common::AUDITOR)
            .unwrap();
        h.keys("<Enter>q");
        h.env.auditor = "Bernd Zweit".into();
        h.keys("<Enter>o");
    });
    // Submitting asks first: the second rating stays as it is afterwards.
    snapshot("second-rating-submit", |h| {
        h.keys("dq");
        h.env
            .store
            .start_second_rating(1, "Bernd Zweit", common::AUDITOR)
            .unwrap();
        h.keys("<Enter>q");
        h.env.auditor = "Bernd Zweit".into();
        h.keys("<Enter>s");
        for _ in 0..6 {
            h.keys("2222222]");
        }
        h.keys("oF");
    });
}

#[test]
fn only_the_second_auditor_writes_the_second_rating_and_not_after_submitting() {
    let mut h = Harness::new(80, 24, Theme::mono());
    h.keys("dq");
    h.env
        .store
        .start_second_rating(1, "Bernd Zweit", common::AUDITOR)
        .unwrap();
    // The first auditor sees the second rating only to read.
    h.keys("<Enter>q<Enter>");
    let first_line = h.text().lines().next().unwrap_or_default().to_string();
    assert!(
        first_line.contains("Zweitbewertung zu 1 · nur lesen"),
        "{first_line}"
    );
    h.keys("q");
    // Submitted, it stays as it is, also for its own auditor.
    rate_all(&mut h, 2, "Bernd Zweit", &[], true);
    let store = &mut h.env.store;
    let (mut session, _) = store
        .open_session(2, "Bernd Zweit", OpenMode::Edit)
        .unwrap();
    let refused = store.apply(&mut session, Edit::Reopen).unwrap_err();
    assert_eq!(
        refused,
        StoreError::Second(SecondRefusal::SubmittedStays { id: 2 })
    );
}

#[test]
fn snapshot_consensus() {
    snapshot("consensus", |h| {
        second_submitted(h);
        h.keys("j<Enter>oc");
    });
    snapshot("consensus-settled", |h| {
        second_submitted(h);
        h.keys("j<Enter>oc3eBeide: Verstetigung ist teilweise gesichert.^s");
    });
}

#[test]
fn the_consensus_settles_the_differences_and_keeps_both_ratings() {
    use siegel::domain::scoring::{Missing, completeness};
    let mut h = Harness::new(80, 24, Theme::mono());
    second_submitted(&mut h);
    h.keys("j<Enter>o");
    let cell = |f: &str, p: &str| (f.to_string(), p.to_string());
    // Both differences wait before finalising.
    let missing = completeness(&h.env.store.load(1).unwrap()).missing;
    for (field, parameter) in [("HF3", "QP-NAC"), ("HF1", "QP-BED")] {
        assert!(missing.contains(&Missing::Consensus {
            field_id: field.into(),
            parameter_id: parameter.into()
        }));
    }
    // The largest gap comes first: HF3/QP-NAC, 2 against 4.
    h.keys("c3");
    let first = h.env.store.load(1).unwrap();
    assert_eq!(
        first.cells[&cell("HF3", "QP-NAC")].rating,
        Some(Rating::Level(3))
    );
    let consensus = &first.consensus[&cell("HF3", "QP-NAC")];
    assert_eq!(
        (consensus.first, consensus.second, consensus.agreed),
        (
            Some(Rating::Level(2)),
            Some(Rating::Level(4)),
            Rating::Level(3)
        )
    );
    // Keeping the first level settles too; a rationale follows.
    h.keys("j2eDer Bedarf ist belegt, aber nicht fortgeschrieben.^s");
    let first = h.env.store.load(1).unwrap();
    assert_eq!(
        first.cells[&cell("HF1", "QP-BED")].rating,
        Some(Rating::Level(2))
    );
    assert_eq!(
        first.consensus[&cell("HF1", "QP-BED")].rationale,
        "Der Bedarf ist belegt, aber nicht fortgeschrieben."
    );
    assert!(
        !completeness(&first)
            .missing
            .iter()
            .any(|m| matches!(m, Missing::Consensus { .. }))
    );
    // The second rating is untouched, and both trails check out.
    let second = h.env.store.load(2).unwrap();
    assert_eq!(
        second.cells[&cell("HF3", "QP-NAC")].rating,
        Some(Rating::Level(4))
    );
    assert!(h.env.store.verify(1, None).unwrap().problems.is_empty());
    assert!(h.env.store.verify(2, None).unwrap().problems.is_empty());
    let log = h.env.store.log(1, None).unwrap();
    assert!(
        log.iter()
            .any(|row| row.entity == "consensus" && row.key == "HF3/QP-NAC")
    );
}

/// The sample rated in full and finalised, in the overview.
fn finalized(h: &mut Harness) {
    h.keys("dq");
    rate_all(h, 1, common::AUDITOR, &[], true);
    h.keys("<Enter>o");
}

#[test]
fn snapshot_signoff() {
    snapshot("overview-finalized", finalized);
    snapshot("overview-signed", |h| {
        finalized(h);
        h.keys("U");
    });
}

#[test]
fn a_finalised_assessment_is_signed_off_from_the_overview() {
    let mut h = Harness::new(80, 24, Theme::mono());
    finalized(&mut h);
    // No key registered: the sign-off records name and hash, unsigned.
    h.keys("U");
    let signoffs = h.env.store.signoffs(1).unwrap();
    assert_eq!(signoffs.len(), 1);
    assert_eq!(signoffs[0].auditor, common::AUDITOR);
    assert_eq!(signoffs[0].signature, None);
    assert!(
        h.text()
            .contains("Freigegeben von Dr. Anna Prüfer, ohne Unterschrift"),
        "{}",
        h.text()
    );
    assert!(h.env.store.verify(1, None).unwrap().problems.is_empty());
    // With a key registered and no agent to sign with, it says so and records nothing more.
    h.env
        .store
        .set_auditor_key(
            common::AUDITOR,
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl anna",
        )
        .unwrap();
    // SAFETY: the test's own process environment; no other thread reads it meanwhile.
    unsafe { std::env::remove_var("SSH_AUTH_SOCK") };
    h.keys("U");
    assert!(h.text().contains("kein ssh-agent"), "{}", h.text());
    assert_eq!(h.env.store.signoffs(1).unwrap().len(), 1);
}

#[test]
fn the_second_ratings_screens_show_nothing_of_the_first() {
    use siegel::store::{Edit, OpenMode};
    let mut h = Harness::new(120, 40, Theme::mono());
    h.keys("dq");
    rate_all(&mut h, 1, common::AUDITOR, &[], false);
    let (mut session, _) = h
        .env
        .store
        .open_session(1, common::AUDITOR, OpenMode::Edit)
        .unwrap();
    let note = Edit::SetNote {
        question: "HF1.T1.F01".into(),
        note: "Geheime Notiz der Erstprüferin".into(),
    };
    h.env.store.apply(&mut session, note).unwrap();
    h.env.store.close_session(&session).unwrap();
    h.env
        .store
        .start_second_rating(1, "Bernd Zweit", common::AUDITOR)
        .unwrap();
    // The list read again; the second rating (2) on top.
    h.keys("<Enter>q<Enter>");
    let mut screens = vec![h.text()];
    for keys in ["jj", "s", "]", "o", "<Tab>", "v"] {
        h.keys(keys);
        screens.push(h.text());
    }
    assert!(screens[0].contains("Zweitbewertung zu 1"), "{}", screens[0]);
    for screen in &screens {
        assert!(
            !screen.contains("Begründung HF"),
            "a rationale leaked:\n{screen}"
        );
        assert!(
            !screen.contains("Geheime Notiz"),
            "a note leaked:\n{screen}"
        );
    }
    // The first rating's own screens do show them: the search above could find them.
    h.keys("qqj<Enter>jj");
    let review = h.text();
    assert!(review.contains("Geheime Notiz"), "{review}");
    h.keys("s");
    assert!(h.text().contains("Begründung HF1"), "{}", h.text());
}

#[test]
fn snapshot_lease_held() {
    snapshot("lease-held", |h| {
        h.keys("dq");
        // Someone else, on another computer, holds the assessment.
        h.env
            .store
            .open_session(1, "B. Kollege", siegel::store::OpenMode::Edit)
            .unwrap();
        let conn = rusqlite::Connection::open(h.env.store.path()).unwrap();
        conn.execute(
            "UPDATE lease SET auditor = 'B. Kollege', host = 'pruefstelle-02', pid = 4242, since = '2025-05-12T07:00:00Z'",
            [],
        )
        .unwrap();
        h.keys("<Enter>");
    });
}

#[test]
fn snapshot_settings_problems() {
    let (_, problems) = Keymap::load(Some("[review]\nscoring = [\"j\"]\nfrobnicate = [\"x\"]\n"));
    let problems: Vec<SettingsProblem> = problems
        .into_iter()
        .map(|problem| SettingsProblem {
            file: "keymap.toml".into(),
            line: None,
            kind: ProblemKind::Keymap(problem),
        })
        .collect();
    snapshot_with("settings-problems", &problems, |_| {});
}

#[test]
fn snapshot_too_small() {
    for (theme_name, theme) in [("colour", Theme::colour()), ("mono", Theme::mono())] {
        let mut harness = Harness::new(50, 12, theme);
        insta::assert_snapshot!(format!("too-small-{theme_name}"), rendering(harness.draw()));
    }
}

#[test]
fn a_whole_pass_reaches_the_database() {
    let mut h = Harness::demo(80, 24, Theme::mono());
    // Review: write a note on the first question, ask a follow-up question, mark it reviewed
    // (which moves on to the next question).
    h.keys("jj");
    h.keys("eLeitbild nur vom JHA.^s");
    h.keys("fBitte Beschluss nachreichen.^s");
    h.keys("F <Esc>");
    h.keys("r");
    assert_eq!(h.selected().as_deref(), Some("HF1.T1.F02"));
    // Score HF1: level 3, level 1 with a rationale, not applicable; a strength.
    // A level that needs no rationale moves on to the next parameter; one that does stays.
    h.keys("s31eNur Absichtserklärungen.^sjz");
    h.keys("SStabsstelle Familie^s");
    // Next field, and the overview.
    h.keys("]4o");
    assert!(h.text().contains("Handlungsfelder × Qualitätsparameter"));
    let a = h.assessment();
    let review = a.review("HF1.T1.F01").unwrap();
    assert!(review.reviewed);
    assert_eq!(review.note, "Leitbild nur vom JHA.");
    assert_eq!(a.follow_ups.len(), 1);
    assert_eq!(
        a.follow_ups[0].status,
        siegel::domain::assessment::FollowUpStatus::Answered
    );
    assert_eq!(
        a.cell("HF1", "QP-BED").unwrap().rating,
        Some(Rating::Level(3))
    );
    let strategic = a.cell("HF1", "QP-STR").unwrap();
    assert_eq!(
        (strategic.rating, strategic.rationale.as_str()),
        (Some(Rating::Level(1)), "Nur Absichtserklärungen.")
    );
    assert_eq!(
        a.cell("HF1", "QP-BET").unwrap().rating,
        Some(Rating::NotApplicable)
    );
    assert_eq!(
        a.cell("HF2", "QP-BED").unwrap().rating,
        Some(Rating::Level(4))
    );
    let strengths: Vec<&str> = a
        .findings_of("HF1", FindingKind::Strength)
        .map(|f| f.text.as_str())
        .collect();
    assert_eq!(strengths, vec!["Stabsstelle Familie"]);
    assert!(h.env.store.verify(1, None).unwrap().problems.is_empty());
}

#[test]
fn typed_text_never_triggers_a_binding() {
    let mut h = Harness::demo(80, 24, Theme::mono());
    // "q", "s", "?" and digits inside the editor are text, not actions.
    h.keys("jjeq s?3 o^s");
    assert_eq!(h.assessment().review("HF1.T1.F01").unwrap().note, "q s?3 o");
    assert!(h.text().contains("Fragen"), "still on the review screen");
}

#[test]
fn esc_never_quits_and_q_goes_back_a_level() {
    let mut h = Harness::demo(80, 24, Theme::mono());
    h.keys("<Esc><Esc>");
    assert!(!h.app.quit);
    h.keys("s");
    assert!(h.text().contains("Qualitätsparameter"));
    h.keys("q");
    assert!(h.text().contains("Fragen"));
    h.keys("q");
    assert!(h.text().contains("Bewertungen"));
    assert_eq!(
        h.env.store.lease(1).unwrap(),
        None,
        "closing gives the lease back"
    );
    h.keys("q");
    assert!(h.app.quit);
}

#[test]
fn ctrl_c_saves_the_open_editor_and_quits() {
    let mut h = Harness::demo(80, 24, Theme::mono());
    h.keys("jjeNotiz vor dem Beenden^c");
    assert!(h.app.quit);
    assert_eq!(
        h.assessment().review("HF1.T1.F01").unwrap().note,
        "Notiz vor dem Beenden"
    );
}

#[test]
fn jumps_to_the_next_need_for_action_and_unreviewed() {
    let mut h = Harness::demo(80, 24, Theme::mono());
    h.keys("b");
    let first = h.selected().unwrap();
    let answers = h.assessment().answers;
    assert!(answers.answers[&first].need_for_action, "{first}");
    h.keys("r u");
    let next = h.selected().unwrap();
    assert_ne!(first, next);
    assert!(!h.assessment().review(&next).is_some_and(|r| r.reviewed));
}

#[test]
fn search_steps_through_matches() {
    let mut h = Harness::demo(80, 24, Theme::mono());
    h.keys("/seniorenbeirat<Enter>");
    let first = h.selected();
    assert!(h.text().contains("Treffer 1/"));
    h.keys("n");
    assert!(h.text().contains("Treffer 2/"));
    h.keys("N");
    assert_eq!(h.selected(), first);
    h.keys("/gibtesnicht<Enter>");
    assert!(h.text().contains("keine Treffer"));
}

#[test]
fn the_event_loop_runs_on_any_backend() {
    let mut h = Harness::with(80, 24, Theme::colour(), &[]);
    let mut events = vec![
        Event::Key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE)),
        Event::Key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE)),
        Event::Key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::NONE)),
        Event::Resize(100, 30),
        Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
    ]
    .into_iter();
    siegel::tui::event_loop(&mut h.terminal, &mut h.app, &mut h.env, Start::Demo, |_| {
        events.next().map(|event| Ok(Some(event)))
    })
    .unwrap();
    assert!(h.app.quit);
    assert!(h.assessment().review("HF1.T1.F01").unwrap().reviewed);
    assert_eq!(h.env.store.lease(1).unwrap(), None);
}

#[test]
fn escape_sequences_in_answers_are_shown_as_placeholders() {
    let mut h = Harness::with(80, 24, Theme::mono(), &[]);
    let hostile = siegel::questionnaires::SAMPLE_ANSWERS.1.replacen(
        "\"Landkreis Musterland\"",
        "\"Landkreis \\u001b[31mRot\\u001b]0;x\\u0007\\u202eLTR\"",
        1,
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hostile.json");
    std::fs::write(&file, hostile).unwrap();
    h.keys(&format!("i{}<Enter>", file.display()));
    let text = h.text();
    assert!(
        text.contains("Landkreis ␛[31mRot␛]0;x␇⟨U+202E⟩LTR"),
        "{text}"
    );
    let buffer = h.draw().clone();
    for cell in buffer.content() {
        assert!(
            !cell.symbol().chars().any(|c| c.is_control()),
            "a control character reached the screen"
        );
    }
}

#[test]
fn snapshot_overview_summary() {
    snapshot("overview-summary", |h| h.keys("ds32j4jzo<Tab>"));
}

#[test]
fn snapshot_export_choice() {
    snapshot("export-choice", |h| h.keys("dow"));
}

#[test]
fn exports_from_the_overview_write_the_report() {
    let mut h = Harness::demo(80, 24, Theme::mono());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bericht.md");
    h.keys("ow<Down><Down><Up><Enter>");
    let shown = h.text();
    assert!(
        shown.contains("Speichern unter: musterland-2025-erstaudit-nr1-entwurf.md"),
        "{shown}"
    );
    // Replace the suggested name with a path of our own.
    h.keys("^u");
    h.keys(&format!("{}<Enter>", file.display()));
    let report = std::fs::read_to_string(&file).unwrap();
    assert!(report.contains("Landkreis Musterland"));
    assert!(h.text().contains("gespeichert:"));
}

/// A session served over SSH reads and writes no file: an export says so and writes nothing.
#[test]
fn snapshot_export_refused_without_files() {
    snapshot("export-no-files", |h| {
        h.app.files = false;
        h.keys("dow");
        assert!(
            h.text().contains(
                "Über SSH keine Dateien: Import und Export am Server (siegel import/export)"
            ),
            "{}",
            h.text()
        );
    });
}

#[test]
fn the_pdf_report_is_the_first_choice_and_is_written_from_the_overview() {
    let mut h = Harness::demo(80, 24, Theme::mono());
    let dir = tempfile::tempdir().unwrap();
    h.keys("ow<Enter>");
    assert!(
        h.text()
            .contains("Speichern unter: musterland-2025-erstaudit-nr1-entwurf.pdf"),
        "{}",
        h.text()
    );
    h.keys("^u");
    h.keys(&format!("{}<Enter>", dir.path().display()));
    let file = dir.path().join("musterland-2025-erstaudit-nr1-entwurf.pdf");
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(h.text().contains("gespeichert:"), "{}", h.text());
}

#[test]
fn finalising_from_the_overview_asks_and_locks() {
    let mut h = Harness::demo(80, 24, Theme::mono());
    h.keys("oF");
    assert!(h.text().contains("noch nicht abschließbar"));
    assert_eq!(
        h.assessment().status,
        siegel::domain::assessment::Status::InProgress
    );
    // Rate everything 2 (no rationale needed) and ask one follow-up question.
    h.keys("q");
    h.keys("jjfStichtag?^s");
    h.keys("s");
    for _ in 0..6 {
        h.keys("2222222]");
    }
    h.keys("oF");
    assert!(
        h.text()
            .contains("1 Rückfrage ist offen. Trotzdem abschließen?"),
        "{}",
        h.text()
    );
    h.keys("<Tab><Enter>");
    let a = h.assessment();
    assert_eq!(a.status, siegel::domain::assessment::Status::Finalized);
    assert!(h.text().contains("abgeschlossen"));
    let trail = h.env.store.log(1, None).unwrap();
    assert!(
        trail
            .last()
            .unwrap()
            .new
            .as_deref()
            .unwrap()
            .contains("allow_open_follow_ups")
    );
    // Locked: a rating is refused; reopening is asked for and recorded.
    h.keys("s4");
    assert!(
        h.text()
            .contains("abgeschlossen: Änderungen erst nach Wiederöffnen")
    );
    h.keys("oF<Tab><Enter>");
    assert_eq!(
        h.assessment().status,
        siegel::domain::assessment::Status::InProgress
    );
}

#[test]
fn snapshot_export_path() {
    snapshot("export-path", |h| h.keys("dowjj<Enter>"));
}

#[test]
fn snapshot_finalize_question() {
    snapshot("finalize-question", |h| {
        h.keys("dsz");
        h.keys("eGilt hier nicht.^s");
        for _ in 0..6 {
            h.keys("2222222]");
        }
        h.keys("oF");
    });
}

// Defects an auditor met at 80×24, each with the test that failed before.

#[test]
fn an_export_never_replaces_a_file_without_asking() {
    let mut h = Harness::demo(80, 24, Theme::mono());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bericht.md");
    std::fs::write(&file, "von Hand").unwrap();
    h.keys("ow<Down><Enter>^u");
    h.keys(&format!("{}<Enter>", file.display()));
    assert!(
        h.text().contains("Die Datei gibt es schon. Ersetzen?"),
        "{}",
        h.text()
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "von Hand");
    // Enter keeps "Abbrechen": the file stays, and the name comes back to be changed.
    h.keys("<Enter>");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "von Hand");
    assert!(
        h.text()
            .contains(&format!("Speichern unter: {}", file.display())),
        "{}",
        h.text()
    );
    h.keys("<Enter><Tab><Enter>");
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("Landkreis Musterland")
    );
    assert!(h.text().contains("gespeichert:"));
}

fn finalise_all(h: &mut Harness) {
    h.keys("s");
    for _ in 0..6 {
        h.keys("2222222]");
    }
    h.keys("oF<Tab><Enter>");
    assert_eq!(
        h.assessment().status,
        siegel::domain::assessment::Status::Finalized
    );
}

#[test]
fn editors_on_a_locked_assessment_say_why_at_once() {
    let mut h = Harness::demo(80, 24, Theme::mono());
    finalise_all(&mut h);
    assert!(
        h.text().contains("F wieder öffnen"),
        "the footer offers reopening"
    );
    h.keys("qjje");
    assert!(h.app.popups.is_empty(), "no editor opens");
    assert!(
        h.text()
            .contains("abgeschlossen: Änderungen erst nach Wiederöffnen")
    );
    h.keys("f");
    assert!(h.app.popups.is_empty());
    // Read-only: the same at once.
    h.keys("qq");
    h.keys("r");
    h.keys("jje");
    assert!(h.app.popups.is_empty());
    assert!(h.text().contains("nur lesend geöffnet"), "{}", h.text());
}

#[test]
fn a_refused_save_keeps_the_text_in_the_editor() {
    let mut h = Harness::demo(80, 24, Theme::mono());
    h.keys("jjeEntwurf einer Notiz");
    // Someone else takes the assessment over meanwhile.
    h.env
        .store
        .open_session(1, "B. Kollege", siegel::store::OpenMode::TakeOver)
        .unwrap();
    h.keys("^s");
    let text = h.text();
    assert!(text.contains("Entwurf einer Notiz"), "{text}");
    assert!(text.contains("übernommen"), "{text}");
    match h.app.popup() {
        Some(siegel::tui::popups::Popup::Editor(editor)) => {
            assert_eq!(editor.text(), "Entwurf einer Notiz")
        }
        _ => panic!("the editor is gone"),
    }
    assert!(h.assessment().review("HF1.T1.F01").is_none());
    // Quitting with refused text asks once more; then the text is kept as a draft.
    h.keys("^c");
    assert!(!h.app.quit);
    assert!(
        h.text().contains("noch einmal beenden behält"),
        "{}",
        h.text()
    );
    h.keys("^c");
    assert!(h.app.quit);
    let drafts = h.env.store.drafts(1, "Dr. Anna Prüfer").unwrap();
    assert_eq!(drafts.len(), 1);
    assert_eq!(
        (drafts[0].target.as_str(), drafts[0].text.as_str()),
        ("note:HF1.T1.F01", "Entwurf einer Notiz")
    );

    // Taking the assessment back and opening the note offers the draft again.
    let mut h = h.restart();
    h.keys("<Enter>t");
    h.keys("jje");
    let text = h.text();
    assert!(text.contains("Entwurf einer Notiz"), "{text}");
    assert!(
        text.contains("Ungespeicherter Entwurf vom 12.05.2025, 10:30 CEST wiederhergestellt"),
        "{text}"
    );
    h.keys("^s");
    assert_eq!(
        h.assessment().review("HF1.T1.F01").unwrap().note,
        "Entwurf einer Notiz"
    );
    assert_eq!(h.env.store.drafts(1, "Dr. Anna Prüfer").unwrap(), vec![]);
}

#[test]
fn what_is_typed_survives_a_kill_and_a_discarded_draft_is_gone() {
    let mut h = Harness::demo(80, 24, Theme::mono());
    h.keys("jjeBeschluss vom März");
    h.pause();
    h.keys(", bestätigt");
    h.pause();
    // Killed with the editor open: nothing closes, nothing is saved.
    let mut h = h.restart();
    h.keys("<Enter>t");
    h.keys("jje");
    let text = h.text();
    assert!(text.contains("Beschluss vom März, bestätigt"), "{text}");
    assert!(h.assessment().review("HF1.T1.F01").is_none());
    // Esc on a restored draft asks, and discarding drops it for good.
    h.keys("<Esc>");
    assert!(h.text().contains("verwerfen"), "{}", h.text());
    h.keys("<Tab><Enter>");
    assert!(h.app.popups.is_empty());
    assert_eq!(h.env.store.drafts(1, "Dr. Anna Prüfer").unwrap(), vec![]);
    h.keys("e");
    assert!(!h.text().contains("Beschluss"), "{}", h.text());
}

#[test]
fn the_scoring_detail_reaches_every_level_the_guiding_question_and_the_whole_rationale() {
    let mut h = Harness::demo(80, 24, Theme::mono());
    let rationale: Vec<String> = (1..=12)
        .map(|i| format!("Zeile {i} der Begründung."))
        .collect();
    h.keys("s1e");
    h.keys(&rationale.join("<Enter>"));
    h.keys("^s");
    let top = h.text();
    assert!(top.contains("0 nicht vorhanden"), "{top}");
    // Tab reaches the parameters, the findings and the detail pane.
    h.keys("<Tab><Tab>G");
    let bottom = h.text();
    assert!(bottom.contains("Zeile 12 der Begründung."), "{bottom}");
    h.keys("kkkkkkkkkkkkkk");
    let middle = h.text();
    assert!(middle.contains("Leitfrage:"), "{middle}");
    assert!(middle.contains("z n.z. — nicht zutreffend"), "{middle}");
}

#[test]
fn panes_that_hold_more_show_a_scrollbar() {
    let mut h = Harness::demo(80, 24, Theme::mono());
    h.keys("jj");
    assert!(h.text().contains('▼'), "the question pane scrolls");
    let lines: Vec<String> = (1..=30).map(|i| format!("Absatz {i}.")).collect();
    h.keys("oe");
    h.keys(&lines.join("<Enter>"));
    h.keys("^s<Tab><Tab>");
    assert!(h.text().contains('▼'), "{}", h.text());
    h.keys("G");
    assert!(h.text().contains("Absatz 30."), "{}", h.text());
}

#[test]
fn the_start_screen_tells_counties_apart_at_80_columns() {
    let mut h = Harness::new(80, 24, Theme::mono());
    let row = |id, county: &str| siegel::store::AssessmentSummary {
        id,
        county: county.into(),
        questionnaire: "fgk-kreis@2025.1".into(),
        auditor: "Dr. Anna Prüfer".into(),
        reviewed: 110,
        questions: 110,
        rated: 42,
        cells: 42,
        status: "in_progress".into(),
        updated_at: "2025-05-12T08:30:00Z".into(),
    };
    h.app.start.set_list(vec![
        row(99_999, "Landkreis Mecklenburgische Seenplatte"),
        row(12_345, "Landkreis Mecklenburgische Schweiz"),
    ]);
    let text = h.text();
    assert!(
        text.contains("99999 Landkreis Mecklenburgische Seenplatte"),
        "{text}"
    );
    assert!(
        text.contains("12345 Landkreis Mecklenburgische Schweiz"),
        "{text}"
    );
}

#[test]
fn jumps_from_a_header_start_at_its_first_question() {
    let mut h = Harness::demo(80, 24, Theme::mono());
    h.keys("u");
    assert_eq!(h.selected().as_deref(), Some("HF1.T1.F01"));
    let a = h.assessment();
    let first_need = a
        .definition
        .questions()
        .map(|(_, _, q)| q.id.clone())
        .find(|id| a.answers.answers.get(id).is_some_and(|x| x.need_for_action))
        .unwrap();
    h.keys("gb");
    assert_eq!(h.selected(), Some(first_need));
}

#[test]
fn headers_and_finished_jumps_say_so() {
    let mut h = Harness::demo(80, 24, Theme::mono());
    h.keys("r");
    assert!(
        h.text().contains("das geht nur bei einer Frage"),
        "{}",
        h.text()
    );
    h.keys("jj");
    for _ in 0..110 {
        h.keys("r");
    }
    assert_eq!(h.app.work.as_ref().unwrap().completeness.reviewed, 110);
    h.keys("u");
    assert!(
        h.text().contains("alle Fragen sind gesichtet"),
        "{}",
        h.text()
    );
}

#[test]
fn s_in_the_overview_scores_whatever_is_selected() {
    let mut h = Harness::demo(80, 24, Theme::mono());
    // The last item still missing is a cell of HF6.
    h.keys("o<Tab>Gs");
    assert!(
        h.text().contains(" HF6 Senioren und Generationen"),
        "{}",
        h.text()
    );
    h.keys("o<Tab><Tab>jjs");
    assert!(
        h.text().contains(" HF3 Bildung und Erziehung"),
        "{}",
        h.text()
    );
}

#[test]
fn moving_keys_never_confirm_a_deletion() {
    let mut h = Harness::demo(80, 24, Theme::mono());
    h.keys("sSZu löschen^s<Tab>d");
    assert!(h.text().contains("Diesen Eintrag löschen?"));
    h.keys("jk<Down>");
    assert_eq!(h.assessment().findings.len(), 1);
    h.keys("<Enter>");
    assert!(h.app.popups.is_empty());
    assert_eq!(
        h.assessment().findings.len(),
        1,
        "Enter on Abbrechen keeps it"
    );
    h.keys("d<Right><Enter>");
    assert!(h.assessment().findings.is_empty());
}

#[test]
fn one_notation_for_not_applicable_everywhere() {
    let mut h = Harness::demo(80, 24, Theme::mono());
    h.keys("sz");
    let scoring = h.text();
    assert!(scoring.contains("z n.z."), "footer: {scoring}");
    assert!(
        scoring.contains("n.z. ¶") || scoring.contains(" n.z."),
        "list: {scoring}"
    );
    h.keys("o");
    let overview = h.text();
    assert!(overview.contains(" n.z. "), "matrix: {overview}");
    assert!(
        overview.contains("n.z. nicht zutreffend"),
        "legend: {overview}"
    );
}

#[test]
fn the_editor_wraps_at_word_boundaries_and_lists_show_more_than_one_line() {
    let mut h = Harness::demo(80, 24, Theme::mono());
    h.keys("jje");
    h.keys(&"Kreistagsbeschluss ".repeat(12));
    assert_eq!(
        h.text().matches("Kreistagsbeschluss").count(),
        12,
        "{}",
        h.text()
    );
    h.keys("<Esc><Right><Enter>");
    h.keys("sS");
    h.keys("Familienbüro in der Kreisstadt mit Beratung, Vermittlung und einer Sprechstunde in jeder Gemeinde^s");
    let text = h.text();
    assert!(text.contains("• Familienbüro in der"), "{text}");
    assert!(text.contains("  Kreisstadt mit"), "{text}");
}

#[test]
fn help_lists_the_levels_of_the_loaded_scale() {
    let mut h = Harness::demo(80, 24, Theme::mono());
    h.keys("s?");
    let text = h.text();
    assert!(text.contains("0–4"), "{text}");
    assert!(!text.contains("0–9"), "{text}");
}

/// The whole sample at 80×24 as an auditor works through it: every answer reviewed, all 42
/// cells rated, one finding per field, the overall assessment, finalising, and every export.
/// Counts the command keys (typed text aside); the interface should need at most 300.
#[test]
fn the_whole_sample_takes_at_most_300_command_keys() {
    let mut h = Harness::demo(80, 24, Theme::mono());
    let dir = tempfile::tempdir().unwrap();
    let mut count = 0;
    let mut command = |h: &mut Harness, keys: &str| {
        // "<Enter>" and "^s" are one key each.
        let named = keys.replace("<Enter>", "E").replace("<Tab>", "T");
        count += named.chars().count() - named.matches('^').count();
        h.keys(keys);
    };
    // Review: the first question, then r marks it and moves on, 110 times.
    command(&mut h, "jj");
    for _ in 0..110 {
        command(&mut h, "r");
    }
    // Score: each field's seven parameters (a rating moves on), one strength, the next field.
    command(&mut h, "s");
    for field in 1..=6 {
        command(&mut h, "3232323");
        command(&mut h, "S");
        h.keys(&format!("Stärke im Handlungsfeld {field}"));
        command(&mut h, "^s");
        if field < 6 {
            command(&mut h, "]");
        }
    }
    command(&mut h, "oe");
    h.keys("Der Landkreis ist auf einem guten Weg.");
    command(&mut h, "^s");
    command(&mut h, "F<Tab><Enter>");
    // Every export, each to its suggested name in a directory of our own.
    for format in 0..6 {
        command(&mut h, "w");
        command(&mut h, &"j".repeat(format));
        command(&mut h, "<Enter>^u");
        h.keys(&format!("{}/export-{format}", dir.path().display()));
        command(&mut h, "<Enter>");
    }
    let a = h.assessment();
    assert_eq!(a.status, siegel::domain::assessment::Status::Finalized);
    assert_eq!(a.reviews.values().filter(|r| r.reviewed).count(), 110);
    assert_eq!(a.cells.values().filter(|c| c.rating.is_some()).count(), 42);
    assert_eq!(a.findings.len(), 6);
    assert_eq!(a.overall, "Der Landkreis ist auf einem guten Weg.");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 6);
    println!("command keys for the whole sample: {count}");
    assert!(count <= 300, "{count} command keys");
}

#[test]
fn keys_do_nothing_while_the_terminal_is_too_small() {
    let mut h = Harness::demo(50, 12, Theme::mono());
    h.keys("s3z");
    assert!(h.assessment().cells.is_empty());
    assert!(h.text().contains("Terminal zu klein"));
    h.keys("^c");
    assert!(h.app.quit, "quitting still works");
}

#[test]
fn the_explanation_of_a_field_with_nothing_rated_names_the_weight_that_counts() {
    let mut h = Harness::demo(120, 40, Theme::mono());
    h.keys("s]]]]]x");
    let a = h.assessment();
    let definition = &a.definition;
    let field = &definition.fields_of_action[5];
    let counted: f64 = field
        .quality_parameters
        .iter()
        .map(|id| {
            definition
                .quality_parameters
                .iter()
                .find(|p| &p.id == id)
                .unwrap()
                .weight
        })
        .sum();
    let expected = format!(
        "(Gewicht 0 von {})",
        siegel::catalog::number(counted, Lang::De)
    );
    assert!(h.text().contains(&expected), "{expected}\n{}", h.text());
}

#[test]
fn a_failed_export_keeps_the_typed_name_and_says_why_in_the_users_language() {
    let mut h = Harness::demo(80, 24, Theme::mono());
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("fehlt").join("bericht.md");
    h.keys("ow<Down><Enter>^u");
    h.keys(&format!("{}<Enter>", missing.display()));
    let text = h.text();
    assert!(text.contains("das Verzeichnis gibt es nicht"), "{text}");
    assert!(
        text.contains(&format!("Speichern unter: {}", missing.display())),
        "{text}"
    );
    // A directory gets the report under its suggested name.
    h.keys("^u");
    h.keys(&format!("{}<Enter>", dir.path().display()));
    assert!(
        dir.path()
            .join("musterland-2025-erstaudit-nr1-entwurf.md")
            .exists()
    );
}

#[test]
fn help_and_editors_give_the_follow_up_list_back() {
    let mut h = Harness::demo(80, 24, Theme::mono());
    h.keys("jjfErste Rückfrage^sF?<Esc>");
    assert!(
        h.text().contains("Rückfragen zu HF1.T1.F01"),
        "{}",
        h.text()
    );
    h.keys("e geändert^s");
    let text = h.text();
    assert!(text.contains("Rückfragen zu HF1.T1.F01"), "{text}");
    assert!(text.contains("Erste Rückfrage geändert"), "{text}");
}

#[test]
fn a_new_entry_is_selected_and_a_rating_that_wants_a_rationale_says_so() {
    let mut h = Harness::demo(80, 24, Theme::mono());
    h.keys("sSSt eins^sEEm eins^s");
    let text = h.text();
    assert!(text.contains("┌ Eintrag"), "{text}");
    h.keys("e");
    match h.app.popup() {
        Some(siegel::tui::popups::Popup::Editor(editor)) => assert_eq!(editor.text(), "Em eins"),
        _ => panic!("no editor"),
    }
    h.keys("<Esc>1");
    assert!(
        h.text().contains("Begründung erforderlich: e schreibt sie"),
        "{}",
        h.text()
    );
}

#[test]
fn not_ready_counts_only_what_blocks_and_long_paths_keep_their_end() {
    let mut h = Harness::demo(80, 24, Theme::mono());
    h.keys("jjfRückfrage^soF");
    assert!(
        h.text()
            .contains("noch nicht abschließbar: 42 Punkte offen"),
        "{}",
        h.text()
    );
    let dir = tempfile::tempdir().unwrap();
    let deep = dir
        .path()
        .join("ein-sehr-langer-ordnername-fuer-berichte-des-landkreises");
    std::fs::create_dir(&deep).unwrap();
    h.keys("w<Down><Enter>^u");
    h.keys(&format!("{}<Enter>", deep.display()));
    let text = h.text();
    assert!(
        text.contains("gespeichert: …")
            && text.contains("musterland-2025-erstaudit-nr1-entwurf.md"),
        "{text}"
    );
    h.keys("w<Down><Enter>^u");
    h.keys(&format!("{}/", deep.display()));
    let prompt = h.text();
    let line = prompt.lines().rev().nth(1).unwrap();
    assert!(line.starts_with(" Speichern unter: …"), "{line}");
}

#[test]
fn a_two_megabyte_comment_opens_scrolls_and_quits() {
    let mut h = Harness::with(80, 24, Theme::mono(), &[]);
    let mut answers: serde_json::Value =
        serde_json::from_str(siegel::questionnaires::SAMPLE_ANSWERS.1).unwrap();
    let words = "Kindertagesstätte Betreuungsplätze Bedarfsplanung ".repeat(40_000);
    let run = "x".repeat(200_000);
    answers["answers"]["HF1.T1.F01"]["comment"] =
        serde_json::Value::String(format!("{words}\n{run}"));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lang.json");
    std::fs::write(&file, serde_json::to_string(&answers).unwrap()).unwrap();
    let started = std::time::Instant::now();
    h.keys(&format!("i{}<Enter>", file.display()));
    h.keys("jj<Tab>");
    h.text();
    h.keys("<PageDown><PageDown>G");
    // Only a part is laid out per frame, and the mark says which and how to go on.
    let text = h.text();
    assert!(
        text.contains("✂ Text gekürzt: Teil 1 von 367 (2.200.001") && text.contains("> nächster"),
        "{text}"
    );
    h.keys(">");
    assert!(h.text().contains("Teil 2 von 367"), "{}", h.text());
    h.keys("<lt>");
    assert!(h.text().contains("Teil 1 von 367"), "{}", h.text());
    h.keys(&">".repeat(400));
    h.keys("G");
    let text = h.text();
    assert!(text.contains("xxxxxxxx"), "{text}");
    assert!(text.contains("Teil 367 von 367"), "{text}");
    h.keys(">");
    assert!(h.text().contains("Kein weiterer Teil"), "{}", h.text());
    h.keys("^c");
    assert!(h.app.quit);
    println!(
        "2 MB comment: import, open, scroll and quit in {:?}",
        started.elapsed()
    );
}

#[test]
fn a_note_is_marked_internal_and_back_with_one_key() {
    // Tall enough that the note's part of the question is in view.
    let mut h = Harness::demo(120, 60, Theme::mono());
    // No note yet: nothing to mark.
    h.keys("jji");
    assert!(
        h.text().contains("keine Notiz, die intern sein könnte"),
        "{}",
        h.text()
    );
    h.keys("eNur für den Verein: Eindruck aus dem Gespräch.^s");
    assert!(
        h.text()
            .contains("steht im Bericht für den Kreis (i macht sie intern)"),
        "{}",
        h.text()
    );
    h.keys("i");
    assert!(h.assessment().review("HF1.T1.F01").unwrap().internal);
    assert!(h.text().contains("Notiz ist jetzt intern"), "{}", h.text());
    assert!(
        h.text().contains("intern: nicht im Bericht für den Kreis"),
        "{}",
        h.text()
    );
    h.keys("i");
    assert!(!h.assessment().review("HF1.T1.F01").unwrap().internal);
    assert!(
        h.text()
            .contains("Notiz steht wieder im Bericht für den Kreis"),
        "{}",
        h.text()
    );
}
