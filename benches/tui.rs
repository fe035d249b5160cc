//! Drawing each screen of the sample county at 80×24 and 200×60 (goal: under 1 ms), one key
//! press through action, state and frame, and the question pane with a 2 MB county comment.

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use siegel::catalog::Lang;
use siegel::questionnaires::Registry;
use siegel::store::Store;
use siegel::tui::app::App;
use siegel::tui::keymap::Keymap;
use siegel::tui::theme::Theme;
use siegel::tui::{Env, Start, begin, perform, view};

fn setup(dir: &std::path::Path) -> (App, Env) {
    let store = Store::open(&dir.join("bench.db")).unwrap();
    let (keymap, _) = Keymap::load(None);
    let mut app = App::new(Some(Lang::De), Theme::colour(), keymap, &[]);
    let mut env = Env::new(store, Registry::load(&[]), "Bench".into());
    begin(&mut app, &mut env, Start::Demo);
    (app, env)
}

fn press(app: &mut App, env: &mut Env, c: char) {
    let event = Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    for effect in app.on_event(&event) {
        perform(app, env, effect);
    }
}

fn render(c: &mut Criterion) {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let (mut app, mut env) = setup(dir.path());
    for c_ in "jj".chars() {
        press(&mut app, &mut env, c_);
    }
    for (width, height) in [(80, 24), (200, 60)] {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        for (screen, keys) in [
            ("review", ""),
            ("scoring", "s"),
            ("overview", "o"),
            ("help", "?"),
        ] {
            for c_ in keys.chars() {
                press(&mut app, &mut env, c_);
            }
            c.bench_function(&format!("render {screen} {width}x{height}"), |b| {
                b.iter(|| {
                    terminal.draw(|frame| view::render(&app, frame)).unwrap();
                })
            });
        }
        // Back to the review screen for the next size.
        app.popups.clear();
        press(&mut app, &mut env, 'q');
    }

    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    c.bench_function("key j: action, state and frame (80x24)", |b| {
        b.iter(|| {
            press(&mut app, &mut env, 'j');
            terminal.draw(|frame| view::render(&app, frame)).unwrap();
        })
    });
}

/// A comment of 2.2 million characters: each frame lays out one part of it.
fn long_comment(c: &mut Criterion) {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let mut store = Store::open(&dir.path().join("bench.db")).unwrap();
    let mut answers: serde_json::Value =
        serde_json::from_str(siegel::questionnaires::SAMPLE_ANSWERS.1).unwrap();
    let words = "Kindertagesstätte Betreuungsplätze Bedarfsplanung ".repeat(44_000);
    answers["answers"]["HF1.T1.F01"]["comment"] = serde_json::Value::String(words);
    let bytes = serde_json::to_vec(&answers).unwrap();
    let report =
        siegel::domain::validate::validate_answers(&bytes, &siegel::questionnaires::shipped());
    let id = store.import(&report.answers.unwrap(), "Bench").unwrap();
    let (keymap, _) = Keymap::load(None);
    let mut app = App::new(Some(Lang::De), Theme::colour(), keymap, &[]);
    let mut env = Env::new(store, Registry::load(&[]), "Bench".into());
    begin(&mut app, &mut env, Start::Open(id));
    for c_ in "jj".chars() {
        press(&mut app, &mut env, c_);
    }
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    c.bench_function("render review, 2.2M-character comment, 80x24", |b| {
        b.iter(|| {
            terminal.draw(|frame| view::render(&app, frame)).unwrap();
        })
    });
    press(&mut app, &mut env, '>');
    c.bench_function(
        "key >: next part of a 2.2M-character comment and frame",
        |b| {
            b.iter(|| {
                press(&mut app, &mut env, '>');
                terminal.draw(|frame| view::render(&app, frame)).unwrap();
            })
        },
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50);
    targets = render, long_comment
}
criterion_main!(benches);
