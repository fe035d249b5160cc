//! The real terminal: setting it up and restoring it, and ending cleanly when it goes away.
//!
//! crossterm 0.29 reads a vanished terminal in a busy loop and never returns (crossterm issue
//! 793), so the main thread cannot notice a dropped SSH connection itself. A signal thread
//! (SIGHUP, SIGTERM, SIGQUIT) and a watchdog that waits for the terminal to hang up end the
//! process instead;
//! that is safe because every change is committed when it is made. Both give the lease back.

use std::fs::File;
use std::os::fd::AsRawFd;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ratatui::{DefaultTerminal, Terminal};

use crate::domain::assessment::AssessmentId;

/// Gives the memory that reading a large assessment needed for a moment (the snapshots' text,
/// parsed and dropped) back to the system, so that the interface keeps only what it shows.
pub fn return_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free heap memory; it touches nothing in use.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// The lease to give back when the process ends on a signal: database, assessment, token.
pub type LeaseSlot = Arc<Mutex<Option<(PathBuf, AssessmentId, String)>>>;

pub fn new_lease_slot() -> LeaseSlot {
    Arc::new(Mutex::new(None))
}

pub fn announce_lease(slot: &LeaseSlot, lease: Option<(PathBuf, AssessmentId, String)>) {
    if let Ok(mut current) = slot.lock() {
        *current = lease;
    }
}

/// What leaves the interface's terminal modes: mouse reports and bracketed paste off, the
/// cursor shown, the alternate screen left.
pub const RESTORE: &[u8] =
    b"\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?2004l\x1b[?25h\x1b[?1049l";

/// Whether the interface's modes are on: only then does leaving (or a panic) write the
/// restore sequences, so that a command's output never gets them.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Puts the terminal into the interface's modes (raw, the alternate screen, bracketed paste,
/// mouse reports if asked) and returns it with a fixed viewport of its size: ratatui does not
/// ask for the size per frame. A terminal that is gone is an error, never a panic.
pub fn enter(mouse: bool) -> std::io::Result<DefaultTerminal> {
    use ratatui::crossterm::event::{EnableBracketedPaste, EnableMouseCapture};
    use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode, size};
    save_terminal_settings();
    let (width, height) = size()?;
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut stdout = std::io::stdout();
    ratatui::crossterm::execute!(stdout, EnterAlternateScreen, EnableBracketedPaste)?;
    if mouse {
        ratatui::crossterm::execute!(stdout, EnableMouseCapture)?;
    }
    let viewport = ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, width, height));
    Terminal::with_options(
        ratatui::backend::CrosstermBackend::new(stdout),
        ratatui::TerminalOptions { viewport },
    )
}

/// Leaves the interface's modes if they are on. Nothing here can fail or panic: the terminal
/// may be gone (and a panic while panicking would abort).
pub fn leave() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        restore_terminal();
    }
}

/// The terminal's settings before the interface changed them.
static SAVED_TERMIOS: std::sync::OnceLock<libc::termios> = std::sync::OnceLock::new();

/// Remembers the terminal's settings, so that ending on a signal can put them back without
/// asking crossterm (whose state the main thread may hold).
fn save_terminal_settings() {
    // SAFETY: termios is plain data; tcgetattr fills it or fails.
    let mut termios: libc::termios = unsafe { std::mem::zeroed() };
    // SAFETY: a valid descriptor number and a valid pointer.
    if unsafe { libc::tcgetattr(libc::STDIN_FILENO, &mut termios) } == 0 {
        let _ = SAVED_TERMIOS.set(termios);
    }
}

/// Puts the terminal back: the escape sequences written straight to the descriptor (the main
/// thread may hold the lock on stdout), then the saved settings.
fn restore_terminal() {
    let mut rest = RESTORE;
    while !rest.is_empty() {
        // SAFETY: writes from a valid buffer of the given length.
        let written = unsafe { libc::write(libc::STDOUT_FILENO, rest.as_ptr().cast(), rest.len()) };
        if written <= 0 {
            break;
        }
        rest = &rest[written as usize..];
    }
    if let Some(termios) = SAVED_TERMIOS.get() {
        // SAFETY: a valid descriptor number and a pointer to saved settings.
        unsafe { libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, termios) };
    }
}

/// Gives the lease back, restores the terminal if it is still there, and ends the process.
fn end(slot: &LeaseSlot, code: i32) -> ! {
    if let Ok(current) = slot.lock()
        && let Some((path, id, token)) = current.as_ref()
    {
        crate::store::release_lease(path, *id, token);
    }
    tracing::info!(code, "terminal gone or signal received; exiting");
    // Restoring writes to the terminal, which may be gone or full: never wait long for it.
    let (done, restored) = std::sync::mpsc::channel();
    let _ = std::thread::Builder::new()
        .name("restore".into())
        .spawn(move || {
            leave();
            let _ = done.send(());
        });
    let _ = restored.recv_timeout(Duration::from_millis(200));
    std::process::exit(code)
}

/// Ends the process on SIGHUP, SIGTERM, SIGQUIT and a SIGINT sent from outside (Ctrl-C at the
/// keyboard is a key in raw mode), even where SIGHUP was ignored (nohup): registering a handler
/// replaces an inherited ignore.
pub fn watch_signals(slot: LeaseSlot) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGQUIT, SIGINT])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                end(&slot, 128 + signal);
            }
        })?;
    Ok(())
}

/// Ends the process as soon as the terminal goes away (POLLHUP on the tty). The thread sleeps
/// in `poll` until then: an idle interface wakes nothing.
pub fn watch_terminal(slot: LeaseSlot) -> std::io::Result<()> {
    let tty = File::open("/dev/tty")?;
    std::thread::Builder::new()
        .name("tty-watchdog".into())
        .spawn(move || {
            let fd = tty.as_raw_fd();
            loop {
                // No events asked for: a hang-up, an error or a closed descriptor are reported
                // all the same, and nothing else wakes the thread.
                let mut poll = libc::pollfd {
                    fd,
                    events: 0,
                    revents: 0,
                };
                // SAFETY: one valid pollfd; poll only reads and writes that struct.
                let ready = unsafe { libc::poll(&mut poll, 1, -1) };
                if ready < 0 {
                    if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                        continue;
                    }
                    end(&slot, 129);
                }
                if poll.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
                    end(&slot, 129);
                }
            }
        })?;
    Ok(())
}
