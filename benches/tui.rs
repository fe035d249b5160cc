//! Drawing each screen of the sample county at 80×24 and 200×60 (goal: under 1 ms), and one
//! key press through action, state and frame.

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

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50);
    targets = render
}
criterion_main!(benches);
