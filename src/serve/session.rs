//! One auditor's session: the whole interface on its own thread, drawing into the SSH channel
//! and reading the keys the connection hands over. It ends when the auditor quits, the
//! connection goes, or the server shuts down; every change is committed when it is made, and
//! the lease is given back on the way out.

use std::collections::VecDeque;
use std::io::Write;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::Event;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use russh::ChannelId;
use russh::server::Handle;

use super::input::Input;
use crate::catalog::Lang;
use crate::catalog::tui::Ui;
use crate::questionnaires::Definitions;
use crate::store::Store;
use crate::tui::app::App;
use crate::tui::keymap::Keymap;
use crate::tui::settings::SettingsProblem;
use crate::tui::theme::Theme;
use crate::tui::{Env, Start, event_loop};

/// How long a lone Esc waits for the rest of a sequence.
const ESCAPE_PAUSE: Duration = Duration::from_millis(40);
/// Frames waiting for a slow client; when they are full, only this session waits.
const FRAMES_IN_FLIGHT: usize = 16;

/// What the connection hands to its session.
#[derive(Debug)]
pub enum ToSession {
    Bytes(Vec<u8>),
    Resize(u16, u16),
    /// The server shuts down: end now (the work is saved).
    Shutdown,
}

/// Everything a session starts with.
pub struct Setup {
    pub auditor: String,
    pub db: PathBuf,
    pub definition_dirs: Vec<PathBuf>,
    pub lang: Option<Lang>,
    pub theme: Theme,
    pub keymap: Keymap,
    pub problems: Vec<SettingsProblem>,
    pub size: (u16, u16),
    pub read_only: bool,
    /// The session's number on this server, which names its leases.
    pub number: u64,
}

/// The interface's output, sent to the channel frame by frame.
struct ChannelWriter {
    frames: tokio::sync::mpsc::Sender<Vec<u8>>,
    buffer: Vec<u8>,
}

impl Write for ChannelWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let frame = std::mem::take(&mut self.buffer);
        self.frames
            .blocking_send(frame)
            .map_err(|_| std::io::Error::from(std::io::ErrorKind::BrokenPipe))
    }
}

/// Runs a session to its end on the calling thread (a thread of its own).
pub fn run(
    setup: Setup,
    input: Receiver<ToSession>,
    handle: Handle,
    channel: ChannelId,
    runtime: tokio::runtime::Handle,
) {
    let (frames, mut outgoing) = tokio::sync::mpsc::channel::<Vec<u8>>(FRAMES_IN_FLIGHT);
    let sender = handle.clone();
    let forward = runtime.spawn(async move {
        while let Some(frame) = outgoing.recv().await {
            if sender.data(channel, frame).await.is_err() {
                break;
            }
        }
    });
    let mut writer = ChannelWriter {
        frames,
        buffer: Vec::new(),
    };
    let lang = setup.lang.unwrap_or_else(Lang::from_env);
    let ending = match interface(setup, input, &mut writer) {
        Ok(ending) => ending,
        Err(e) => {
            tracing::warn!(error = %e, "a session ended with an error");
            Ending::Failed(e.to_string())
        }
    };
    // Out of the interface's modes, and a last word on the plain screen.
    let _ = writer.write_all(crate::tui::terminal::RESTORE);
    let last = match ending {
        Ending::Quit => String::new(),
        Ending::Shutdown => format!("{}\r\n", Ui::ServerShutdown.text(lang)),
        Ending::Failed(error) => format!("siegel: {error}\r\n"),
    };
    let _ = writer.write_all(last.as_bytes());
    let _ = writer.flush();
    drop(writer);
    runtime.block_on(async move {
        // Everything drawn goes out before the channel closes.
        let _ = forward.await;
        let _ = handle.exit_status_request(channel, 0).await;
        let _ = handle.eof(channel).await;
        let _ = handle.close(channel).await;
    });
}

enum Ending {
    Quit,
    Shutdown,
    Failed(String),
}

fn interface(
    setup: Setup,
    input: Receiver<ToSession>,
    writer: &mut ChannelWriter,
) -> color_eyre::Result<Ending> {
    use ratatui::crossterm::event::EnableBracketedPaste;
    use ratatui::crossterm::terminal::EnterAlternateScreen;
    let mut store = Store::open(&setup.db)?;
    store.set_lease_holder(format!("SSH {}", setup.number));
    let definitions = Definitions::lazy(setup.definition_dirs);
    let mut app = App::new(setup.lang, setup.theme, setup.keymap, &setup.problems);
    app.files = false;
    let mut env = Env {
        lang: setup.lang,
        files: false,
        read_only: setup.read_only,
        ..Env::new(store, definitions, setup.auditor)
    };
    ratatui::crossterm::execute!(writer, EnterAlternateScreen, EnableBracketedPaste)?;
    let (width, height) = setup.size;
    let viewport = Viewport::Fixed(Rect::new(0, 0, width, height));
    let mut terminal =
        Terminal::with_options(CrosstermBackend::new(writer), TerminalOptions { viewport })?;
    let mut keys = Keys {
        input,
        parser: Input::default(),
        queue: VecDeque::new(),
        shutdown: false,
    };
    event_loop(&mut terminal, &mut app, &mut env, Start::List, |timeout| {
        keys.next(timeout)
    })?;
    Ok(if keys.shutdown {
        Ending::Shutdown
    } else {
        Ending::Quit
    })
}

/// The connection's bytes as the event loop's events.
struct Keys {
    input: Receiver<ToSession>,
    parser: Input,
    queue: VecDeque<Event>,
    shutdown: bool,
}

impl Keys {
    /// The next event, waiting at most `timeout` when one is given; `None` ends the session
    /// (the connection is gone or the server shuts down).
    fn next(&mut self, timeout: Option<Duration>) -> Option<std::io::Result<Option<Event>>> {
        let deadline = timeout.map(|t| Instant::now() + t);
        loop {
            if let Some(event) = self.queue.pop_front() {
                return Some(Ok(Some(event)));
            }
            let until_deadline = deadline.map(|d| d.saturating_duration_since(Instant::now()));
            let wait = if self.parser.waiting() {
                Some(until_deadline.map_or(ESCAPE_PAUSE, |d| d.min(ESCAPE_PAUSE)))
            } else {
                until_deadline
            };
            let received = match wait {
                None => self
                    .input
                    .recv()
                    .map_err(|_| RecvTimeoutError::Disconnected),
                Some(wait) => self.input.recv_timeout(wait),
            };
            match received {
                Ok(ToSession::Bytes(bytes)) => self.queue.extend(self.parser.feed(&bytes)),
                Ok(ToSession::Resize(width, height)) => {
                    self.queue.push_back(Event::Resize(width, height));
                }
                Ok(ToSession::Shutdown) => {
                    self.shutdown = true;
                    return None;
                }
                Err(RecvTimeoutError::Disconnected) => return None,
                Err(RecvTimeoutError::Timeout) => {
                    if self.parser.waiting() {
                        self.queue.extend(self.parser.flush());
                    }
                    if self.queue.is_empty() && deadline.is_some_and(|d| Instant::now() >= d) {
                        return Some(Ok(None));
                    }
                }
            }
        }
    }
}
