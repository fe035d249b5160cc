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

/// Runs the interface until the user quits or input ends.
pub fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    env: &mut Env,
    start: Start,
    mut next_event: impl FnMut() -> Option<std::io::Result<Event>>,
) -> color_eyre::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    begin(app, env, start);
    loop {
        // The size the terminal was given (it changes with a resize event): asking the backend
        // would open the terminal device on every frame.
        let area = terminal.get_frame().area();
        (app.width, app.height) = (area.width, area.height);
        terminal.draw(|frame| view::render(app, frame))?;
        if app.quit {
            break;
        }
        let Some(event) = next_event() else { break };
        let event = event?;
        if let Event::Resize(width, height) = event {
            terminal.resize(ratatui::layout::Rect::new(0, 0, width, height))?;
        }
        for effect in app.on_event(&event) {
            perform(app, env, effect);
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
