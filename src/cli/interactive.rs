//! Starting the terminal interface: `siegel`, `siegel demo`, `siegel open ID`.

use std::io::{IsTerminal, Write};

use ratatui::crossterm::event;

use super::{Args, EXIT_INVALID, Failure, Outcome};
use crate::catalog::tui::Ui;
use crate::paths::Paths;
use crate::questionnaires::Definitions;
use crate::store::Store;
use crate::tui::app::App;
use crate::tui::settings::Settings;
use crate::tui::{Env, Start, event_loop, terminal};

/// Writes the log to a file in the data directory, never to the screen.
fn start_logging(paths: &Paths) {
    let level = match std::env::var("SIEGEL_LOG").as_deref() {
        Ok("trace") => tracing::Level::TRACE,
        Ok("debug") => tracing::Level::DEBUG,
        Ok("warn") => tracing::Level::WARN,
        Ok("error") => tracing::Level::ERROR,
        _ => tracing::Level::INFO,
    };
    let _ = std::fs::create_dir_all(&paths.data_dir);
    if let Ok(file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&paths.log_file)
    {
        let _ = tracing_subscriber::fmt()
            .with_writer(std::sync::Mutex::new(file))
            .with_ansi(false)
            .with_max_level(level)
            .try_init();
    }
}

pub(super) fn run(args: &Args, paths: &Paths, start: Start, err: &mut dyn Write) -> Outcome {
    let lang = args.lang();
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        writeln!(err, "siegel: {}", Ui::NeedsTerminal.text(lang))?;
        return Ok(EXIT_INVALID);
    }
    start_logging(paths);
    let settings = Settings::load(&paths.config_dir, args.mouse);
    let store = Store::open(&paths.db)?;
    // Read when an import needs them: opening an assessment needs none.
    let definitions = Definitions::lazy(args.definition_dirs(paths));
    let mut app = App::new(
        args.lang,
        settings.theme,
        settings.keymap,
        &settings.problems,
    );
    let slot = terminal::new_lease_slot();
    let mut env = Env {
        read_only: args.read_only,
        lease: Some(slot.clone()),
        lang: args.lang,
        ..Env::new(store, definitions, args.auditor())
    };
    tracing::info!(db = %paths.db.display(), "starting the interface");

    // Watching before the terminal changes: a hang-up while starting ends cleanly too.
    terminal::watch_signals(slot.clone())?;
    // Without a controlling terminal (some test harnesses) there is nothing to watch.
    if let Err(e) = terminal::watch_terminal(slot) {
        tracing::warn!(error = %e, "no terminal watchdog");
    }
    let mut screen = match terminal::enter(settings.mouse) {
        Ok(screen) => screen,
        Err(e) => {
            terminal::leave();
            return Err(e.into());
        }
    };
    let result = event_loop(&mut screen, &mut app, &mut env, start, |timeout| {
        Some(match timeout {
            None => event::read().map(Some),
            Some(timeout) => match event::poll(timeout) {
                Ok(true) => event::read().map(Some),
                Ok(false) => Ok(None),
                Err(e) => Err(e),
            },
        })
    });
    terminal::leave();
    result.map_err(|e| Failure::Io(std::io::Error::other(e.to_string())))?;
    Ok(0)
}
