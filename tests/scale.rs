//! Generated inputs at scale validate, import and open: a questionnaire of 5,000 questions
//! and answers to all of them, and a database of many assessments.

mod common;

use std::process::Command;

use common::scale;
use siegel::questionnaires::Registry;
use siegel::store::{OpenMode, Store};

#[test]
fn five_thousand_questions_validate_import_and_open() {
    let large = scale::large(5_000);
    assert!(large.questions >= 5_000, "{}", large.questions);
    let known = large.known();
    let valid = large.valid_answers(&known);
    assert_eq!(
        valid.answers.answers.len(),
        104 * large.questions.div_ceil(110)
    );

    // The command line, as an auditor runs it.
    let dir = tempfile::tempdir().unwrap();
    let (_, answers) = large.write(dir.path());
    let validate = Command::new(env!("CARGO_BIN_EXE_siegel"))
        .args(["--questionnaires", &dir.path().display().to_string()])
        .args(["validate", &answers.display().to_string()])
        .env("SIEGEL_DATA_DIR", dir.path())
        .output()
        .unwrap();
    assert_eq!(
        validate.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&validate.stderr)
    );

    let mut store = Store::open(&dir.path().join("siegel.db")).unwrap();
    let id = store.import(&valid, common::AUDITOR).unwrap();
    let (session, assessment) = store
        .open_session(id, common::AUDITOR, OpenMode::Edit)
        .unwrap();
    assert_eq!(assessment.definition.question_count(), large.questions);

    // The interface opens it and moves through it.
    let registry = Registry::load(&[dir.path().to_path_buf()]);
    assert!(
        registry
            .known
            .iter()
            .any(|k| k.definition.id == "fgk-kreis-gross")
    );
    store.close_session(&session).unwrap();
    let (keymap, _) = siegel::tui::keymap::Keymap::load(None);
    let mut app = siegel::tui::app::App::new(
        Some(siegel::catalog::Lang::De),
        siegel::tui::theme::Theme::mono(),
        keymap,
        &[],
    );
    let mut env = siegel::tui::Env::new(store, registry, common::AUDITOR.into());
    siegel::tui::begin(&mut app, &mut env, siegel::tui::Start::Open(id));
    let work = app.work.as_ref().expect("opened");
    assert_eq!(work.question_count(), large.questions);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|frame| siegel::tui::view::render(&app, frame))
        .unwrap();
    for effect in app.update(siegel::tui::action::Action::Bottom) {
        siegel::tui::perform(&mut app, &mut env, effect);
    }
    let last = app.review.question().expect("the last question");
    assert_eq!(last, large.questions - 1);
}

#[test]
fn a_database_of_many_assessments_lists_them_all() {
    let dir = tempfile::tempdir().unwrap();
    let store = scale::database(&dir.path().join("viele.db"), 50);
    assert_eq!(store.list().unwrap().len(), 50);
}
