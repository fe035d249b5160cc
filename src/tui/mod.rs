//! The terminal interface: the event loop and what it does for the app.
//!
//! Keys → `Action` → the component in front → messages → `App::update` → effects, which
//! `Env::run` performs against the store and whose outcomes `App::handle` takes. Drawing is a
//! function of the app. The loop is generic over ratatui's `Backend`, so tests drive the real
//! application with `TestBackend`.

pub mod action;
pub mod app;
pub mod component;
pub mod effect;
pub mod keymap;
pub mod last_audit;
mod outcome;
pub mod popups;
pub mod screens;
pub mod settings;
pub mod terminal;
pub mod theme;
pub mod view;
pub mod widgets;
pub mod work;

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::Event;

use crate::domain::assessment::AssessmentId;
use crate::store::OpenMode;
use app::App;
pub use effect::{Effect, Env};

/// What the interface shows first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// The list of assessments.
    List,
    /// The sample county, imported if the database does not hold it yet.
    Demo,
    Open(AssessmentId),
}

/// How long typing may pause before an editor's text is kept as a draft; while typing goes on,
/// it is kept this often.
pub const DRAFT_DELAY: Duration = Duration::from_millis(300);

/// Runs the interface until the user quits or input ends.
///
/// `next_event(timeout)` waits for the next event, at most `timeout` when one is given (then
/// `Ok(None)` says none came); `None` ends the loop. The loop waits without a timeout unless a
/// draft is due, so an idle interface wakes nothing.
pub fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    env: &mut Env,
    start: Start,
    mut next_event: impl FnMut(Option<Duration>) -> Option<std::io::Result<Option<Event>>>,
) -> color_eyre::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    begin(app, env, start);
    let mut draft_due: Option<Instant> = None;
    loop {
        // The size the terminal was given (it changes with a resize event): asking the backend
        // would open the terminal device on every frame.
        let area = terminal.get_frame().area();
        (app.width, app.height) = (area.width, area.height);
        terminal.draw(|frame| view::render(app, frame))?;
        if app.quit {
            break;
        }
        let timeout = draft_due.map(|due| due.saturating_duration_since(Instant::now()));
        let Some(event) = next_event(timeout) else {
            break;
        };
        if let Some(event) = event? {
            if let Event::Resize(width, height) = event {
                terminal.resize(ratatui::layout::Rect::new(0, 0, width, height))?;
            }
            for effect in app.on_event(&event) {
                perform(app, env, effect);
            }
        }
        if app.draft_pending() {
            let now = Instant::now();
            let due = *draft_due.get_or_insert(now + DRAFT_DELAY);
            if now >= due {
                if let Some(save) = app.pending_draft() {
                    perform(app, env, save);
                }
                draft_due = None;
            }
        } else {
            draft_due = None;
        }
    }
    // Give the lease back, even when input ended with an assessment open.
    if app.work.is_some() {
        perform(app, env, Effect::Close);
    }
    Ok(())
}

/// Loads the list and opens what `start` asks for.
pub fn begin(app: &mut App, env: &mut Env, start: Start) {
    perform(app, env, Effect::LoadList);
    match start {
        Start::List => {}
        Start::Demo => perform(app, env, Effect::ImportSample),
        Start::Open(id) => perform(
            app,
            env,
            Effect::Open {
                id,
                mode: OpenMode::Edit,
            },
        ),
    }
}

/// Performs an effect and everything that follows from its outcome.
pub fn perform(app: &mut App, env: &mut Env, effect: Effect) {
    let mut queue = VecDeque::from([effect]);
    while let Some(effect) = queue.pop_front() {
        let outcome = env.run(effect, app.work.as_ref().map(|w| &w.assessment));
        queue.extend(app.handle(outcome));
    }
}
