//! The real application on ratatui's `TestBackend`, driven by key presses: for the interface
//! tests and the draft tests.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use siegel::catalog::Lang;
use siegel::questionnaires::Registry;
use siegel::store::Store;
use siegel::tui::app::App;
use siegel::tui::keymap::Keymap;
use siegel::tui::settings::SettingsProblem;
use siegel::tui::theme::Theme;
use siegel::tui::{Env, Start, begin, perform, view};

/// The interface tests' clock: every timestamp on screen is this one.
pub fn fixed_clock() -> String {
    "2025-05-12T08:30:00Z".into()
}

pub struct Harness {
    pub dir: tempfile::TempDir,
    pub app: App,
    pub env: Env,
    pub terminal: Terminal<TestBackend>,
}

impl Harness {
    pub fn with(width: u16, height: u16, theme: Theme, problems: &[SettingsProblem]) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("siegel.db")).unwrap();
        store.set_clock(fixed_clock);
        let (keymap, _) = Keymap::load(None);
        let mut app = App::new(Some(Lang::De), theme, keymap, problems);
        (app.width, app.height) = (width, height);
        let env = Env::new(store, Registry::load(&[]), "Dr. Anna Prüfer".into());
        Harness {
            dir,
            app,
            env,
            terminal: Terminal::new(TestBackend::new(width, height)).unwrap(),
        }
    }

    pub fn new(width: u16, height: u16, theme: Theme) -> Harness {
        let mut h = Harness::with(width, height, theme, &[]);
        begin(&mut h.app, &mut h.env, Start::List);
        h
    }

    pub fn demo(width: u16, height: u16, theme: Theme) -> Harness {
        let mut h = Harness::with(width, height, theme, &[]);
        begin(&mut h.app, &mut h.env, Start::Demo);
        h
    }

    pub fn event(&mut self, event: Event) {
        for effect in self.app.on_event(&event) {
            perform(&mut self.app, &mut self.env, effect);
        }
    }

    /// Presses keys: characters as typed, `<Name>` for special keys, `^x` for Ctrl-x.
    pub fn keys(&mut self, keys: &str) {
        let mut chars = keys.chars().peekable();
        while let Some(c) = chars.next() {
            let event = match c {
                '<' => {
                    let name: String = chars.by_ref().take_while(|c| *c != '>').collect();
                    let code = match name.as_str() {
                        "Enter" => KeyCode::Enter,
                        "Esc" => KeyCode::Esc,
                        "Tab" => KeyCode::Tab,
                        "BackTab" => KeyCode::BackTab,
                        "Down" => KeyCode::Down,
                        "Up" => KeyCode::Up,
                        "Backspace" => KeyCode::Backspace,
                        "PageDown" => KeyCode::PageDown,
                        "Right" => KeyCode::Right,
                        "Left" => KeyCode::Left,
                        "Home" => KeyCode::Home,
                        "End" => KeyCode::End,
                        "F1" => KeyCode::F(1),
                        "lt" => KeyCode::Char('<'),
                        other => panic!("unknown key <{other}>"),
                    };
                    KeyEvent::new(code, KeyModifiers::NONE)
                }
                '^' => {
                    let c = chars.next().unwrap();
                    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
                }
                c if c.is_uppercase() => KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT),
                c => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
            };
            self.event(Event::Key(event));
        }
    }

    pub fn draw(&mut self) -> &Buffer {
        let app = &self.app;
        self.terminal
            .draw(|frame| view::render(app, frame))
            .unwrap();
        self.terminal.backend().buffer()
    }

    pub fn text(&mut self) -> String {
        let buffer = self.draw().clone();
        let area = buffer.area;
        let mut out = String::new();
        for y in 0..area.height {
            let line: String = (0..area.width)
                .map(|x| buffer[(x, y)].symbol().replace('\u{a0}', " "))
                .collect();
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    /// The id of the question selected in the review screen.
    pub fn selected(&self) -> Option<String> {
        let work = self.app.work.as_ref()?;
        Some(work.question(self.app.review.question()?).id.clone())
    }

    pub fn assessment(&mut self) -> siegel::domain::assessment::Assessment {
        self.env.store.load(1).unwrap()
    }
}

impl Harness {
    /// The same database after the process ended without closing anything (a kill): a new
    /// app and store, nothing carried over but the file.
    pub fn restart(self) -> Harness {
        let (width, height) = (self.app.width, self.app.height);
        let theme = self.app.theme;
        let dir = self.dir;
        drop((self.app, self.env));
        let mut store = Store::open(&dir.path().join("siegel.db")).unwrap();
        store.set_clock(fixed_clock);
        let (keymap, _) = Keymap::load(None);
        let mut app = App::new(Some(Lang::De), theme, keymap, &[]);
        (app.width, app.height) = (width, height);
        let env = Env::new(store, Registry::load(&[]), "Dr. Anna Prüfer".into());
        let mut h = Harness {
            dir,
            app,
            env,
            terminal: Terminal::new(TestBackend::new(width, height)).unwrap(),
        };
        begin(&mut h.app, &mut h.env, Start::List);
        h
    }

    /// Keeps the open editor's text as a draft, as the loop does once typing pauses.
    pub fn pause(&mut self) {
        if let Some(save) = self.app.pending_draft() {
            perform(&mut self.app, &mut self.env, save);
        }
    }
}
