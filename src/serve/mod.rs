//! `siegel serve`: the review interface over SSH from one binary. Its own host key, an
//! `authorized_keys` file naming who may come in, public-key authentication only, and for each
//! connection one session with the whole interface on a pty channel; nothing else (no shell,
//! no exec, no forwarding, no agent, no subsystems). The trail records the auditor whose key
//! made a change.

pub mod input;
mod session;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use russh::keys::PrivateKey;
use russh::server::{Auth, Msg, Session};
use russh::{Channel, ChannelId, MethodKind, MethodSet};
use thiserror::Error;

use crate::domain::authorized_keys::{self, Auditor, AuthorizedKeysError};
use session::{Setup, ToSession};

use crate::catalog::Lang;
use crate::catalog::tui::Ui;
use crate::tui::settings::Settings;
use crate::tui::theme::Theme;

/// How `siegel serve` runs.
#[derive(Debug, Clone)]
pub struct Options {
    pub listen: SocketAddr,
    pub authorized_keys: PathBuf,
    pub host_key: PathBuf,
    pub db: PathBuf,
    pub definition_dirs: Vec<PathBuf>,
    pub config_dir: PathBuf,
    /// A connection with no traffic for this long is closed (its work is saved).
    pub idle_timeout: Duration,
    /// Sessions at once, in all.
    pub max_sessions: usize,
    /// Sessions at once with one key.
    pub max_per_key: usize,
    /// Authentication attempts per connection.
    pub max_auth_attempts: usize,
    /// `--read-only`: every session opens assessments read-only.
    pub read_only: bool,
}

#[derive(Debug, Error)]
pub enum ServeError {
    /// Its words are in the catalog (`catalog::tui::authorized_keys_problem`).
    #[error("{}: {:?}", .0.file, .0.problem)]
    AuthorizedKeys(AuthorizedKeysError),
    #[error("{file}: {problem}")]
    HostKey { file: String, problem: String },
    #[error("{address}: {source}")]
    Listen {
        address: SocketAddr,
        source: std::io::Error,
    },
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// The host key, made on first start: ed25519, readable by the owner only.
pub fn host_key(path: &Path) -> Result<(PrivateKey, bool), ServeError> {
    let problem = |problem: String| ServeError::HostKey {
        file: path.display().to_string(),
        problem,
    };
    let created = !path.exists();
    if created {
        use std::os::unix::fs::OpenOptionsExt;
        let key = ssh_key::PrivateKey::random(
            &mut ssh_key::rand_core::OsRng,
            ssh_key::Algorithm::Ed25519,
        )
        .map_err(|e| problem(e.to_string()))?;
        let text = key
            .to_openssh(ssh_key::LineEnding::LF)
            .map_err(|e| problem(e.to_string()))?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(path)
            .map_err(|e| problem(e.to_string()))?;
        std::io::Write::write_all(&mut file, text.as_bytes())?;
    }
    let text = std::fs::read_to_string(path).map_err(|e| problem(e.to_string()))?;
    let key = PrivateKey::from_openssh(&text)
        .map_err(|e| problem(format!("not an OpenSSH private key ({e})")))?;
    Ok((key, created))
}

/// What every connection shares.
struct Shared {
    options: Options,
    auditors: Vec<Auditor>,
    settings: Settings,
    /// Open sessions per key, and the channels to them (to tell them of a shutdown).
    sessions: Mutex<Sessions>,
    runtime: tokio::runtime::Handle,
}

#[derive(Default)]
struct Sessions {
    /// Interfaces running per key.
    per_key: HashMap<String, usize>,
    /// Authenticated connections.
    total: usize,
    next: u64,
    open: HashMap<u64, Sender<ToSession>>,
}

struct Server {
    shared: Arc<Shared>,
}

impl russh::server::Server for Server {
    type Handler = Connection;

    fn new_client(&mut self, peer: Option<SocketAddr>) -> Connection {
        Connection {
            shared: self.shared.clone(),
            peer,
            auditor: None,
            slot: None,
            channel: None,
            size: (80, 24),
            pty: false,
            counted_key: false,
            term: String::new(),
            vars: HashMap::new(),
            to_session: None,
        }
    }
}

/// One connection: who authenticated, the session channel and what the client told of its
/// terminal.
struct Connection {
    shared: Arc<Shared>,
    peer: Option<SocketAddr>,
    auditor: Option<Auditor>,
    /// The session's number while it counts against the limits.
    slot: Option<u64>,
    channel: Option<ChannelId>,
    size: (u16, u16),
    /// Whether the client asked for a terminal; without one there is no interface.
    pty: bool,
    /// Whether this connection's interface counts against its key's limit.
    counted_key: bool,
    term: String,
    vars: HashMap<String, String>,
    to_session: Option<Sender<ToSession>>,
}

impl Drop for Connection {
    fn drop(&mut self) {
        // The session's input ends, so the session gives its lease back and ends.
        self.to_session = None;
        if let (Some(slot), Some(auditor)) = (self.slot.take(), &self.auditor)
            && let Ok(mut sessions) = self.shared.sessions.lock()
        {
            sessions.open.remove(&slot);
            sessions.total = sessions.total.saturating_sub(1);
            if self.counted_key
                && let Some(count) = sessions.per_key.get_mut(&auditor.key)
            {
                *count = count.saturating_sub(1);
            }
            tracing::info!(auditor = %auditor.name, peer = ?self.peer, "connection closed");
        }
    }
}

/// Says why there is no interface on the client's screen, and closes the channel.
fn refuse(session: &mut Session, channel: ChannelId, why: &str) -> Result<(), russh::Error> {
    session.channel_success(channel)?;
    session.data(channel, format!("siegel: {why}\r\n").into_bytes())?;
    session.exit_status_request(channel, 1)?;
    session.eof(channel)?;
    session.close(channel)
}

fn key_text(key: &russh::keys::PublicKey) -> String {
    let text = key.to_openssh().unwrap_or_default();
    text.split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ")
}

fn size(width: u32, height: u32) -> (u16, u16) {
    let clamp = |n: u32| n.clamp(1, u32::from(u16::MAX)) as u16;
    (clamp(width), clamp(height))
}

impl Connection {
    fn known(&self, key: &russh::keys::PublicKey) -> Option<&Auditor> {
        let text = key_text(key);
        self.shared.auditors.iter().find(|a| a.key == text)
    }

    /// The session's language and theme from what the client sent (`LANG`, `NO_COLOR`,
    /// `TERM`), else the server's settings.
    fn setup(&self, auditor: &Auditor) -> Setup {
        let get = |name: &str| self.vars.get(name).cloned();
        let lang = Lang::from_vars(get);
        let no_color = self.vars.get("NO_COLOR").is_some_and(|v| !v.is_empty());
        let theme = if no_color || self.term == "dumb" {
            Theme::mono()
        } else {
            self.shared.settings.theme
        };
        Setup {
            auditor: auditor.name.clone(),
            db: self.shared.options.db.clone(),
            definition_dirs: self.shared.options.definition_dirs.clone(),
            lang,
            theme,
            keymap: self.shared.settings.keymap.clone(),
            problems: self.shared.settings.problems.clone(),
            size: self.size,
            read_only: self.shared.options.read_only,
            number: self.slot.unwrap_or_default(),
        }
    }
}

impl russh::server::Handler for Connection {
    type Error = russh::Error;

    async fn auth_publickey_offered(
        &mut self,
        _user: &str,
        offer: russh::server::PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        let key = offer.public_key;
        if self.known(key).is_some() {
            return Ok(Auth::Accept);
        }
        tracing::warn!(
            fingerprint = %key.fingerprint(russh::keys::HashAlg::Sha256),
            peer = ?self.peer,
            "refused an unknown key"
        );
        Ok(Auth::reject())
    }

    async fn auth_publickey(
        &mut self,
        _user: &str,
        verified: russh::server::VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        let key = verified.public_key;
        let Some(auditor) = self.known(key).cloned() else {
            return Ok(Auth::reject());
        };
        let options = &self.shared.options;
        let Ok(mut sessions) = self.shared.sessions.lock() else {
            return Ok(Auth::reject());
        };
        if sessions.total >= options.max_sessions {
            tracing::warn!(
                auditor = %auditor.name,
                peer = ?self.peer,
                total = sessions.total,
                "refused: too many connections"
            );
            return Ok(Auth::reject());
        }
        sessions.total += 1;
        sessions.next += 1;
        self.slot = Some(sessions.next);
        tracing::info!(auditor = %auditor.name, fingerprint = %auditor.fingerprint, peer = ?self.peer, "authenticated");
        self.auditor = Some(auditor);
        Ok(Auth::Accept)
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: russh::server::ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        // One session per connection.
        if self.channel.is_none() && self.auditor.is_some() {
            self.channel = Some(channel.id());
            reply.accept().await;
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    async fn pty_request(
        &mut self,
        channel: ChannelId,
        term: &str,
        width: u32,
        height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(russh::Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.term = term.to_string();
        self.size = size(width, height);
        self.pty = true;
        session.channel_success(channel)
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if matches!(
            name,
            "LANG" | "LC_ALL" | "LC_MESSAGES" | "SIEGEL_LANG" | "NO_COLOR"
        ) && self.vars.len() < 16
        {
            self.vars.insert(name.to_string(), value.to_string());
            return session.channel_success(channel);
        }
        session.channel_failure(channel)
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let (Some(auditor), Some(slot)) = (self.auditor.clone(), self.slot) else {
            return session.channel_failure(channel);
        };
        if self.to_session.is_some() || self.channel != Some(channel) {
            return session.channel_failure(channel);
        }
        let lang =
            Lang::from_vars(|name| self.vars.get(name).cloned()).unwrap_or_else(Lang::from_env);
        if !self.pty {
            return refuse(session, channel, Ui::NeedsPty.text(lang));
        }
        let limit = self.shared.options.max_per_key;
        let admitted = self.shared.sessions.lock().is_ok_and(|mut sessions| {
            let count = sessions.per_key.entry(auditor.key.clone()).or_default();
            let admitted = *count < limit;
            if admitted {
                *count += 1;
            }
            admitted
        });
        if !admitted {
            tracing::warn!(auditor = %auditor.name, peer = ?self.peer, "refused: too many sessions with one key");
            return refuse(
                session,
                channel,
                &crate::catalog::tui::too_many_sessions(limit, lang),
            );
        }
        self.counted_key = true;
        let (sender, receiver) = std::sync::mpsc::channel();
        let setup = self.setup(&auditor);
        let handle = session.handle();
        let runtime = self.shared.runtime.clone();
        std::thread::Builder::new()
            .name(format!("session {slot}"))
            .spawn(move || session::run(setup, receiver, handle, channel, runtime))?;
        if let Ok(mut sessions) = self.shared.sessions.lock() {
            sessions.open.insert(slot, sender.clone());
        }
        self.to_session = Some(sender);
        session.channel_success(channel)
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        command: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        tracing::warn!(peer = ?self.peer, command = %String::from_utf8_lossy(command), "refused exec");
        session.channel_failure(channel)?;
        session.close(channel)
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        tracing::warn!(peer = ?self.peer, subsystem = name, "refused subsystem");
        session.channel_failure(channel)?;
        session.close(channel)
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _single: bool,
        _protocol: &str,
        _cookie: &str,
        _screen: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    async fn agent_request(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        tracing::warn!(peer = ?self.peer, "refused agent forwarding");
        Ok(false)
    }

    async fn tcpip_forward(
        &mut self,
        address: &str,
        port: &mut u32,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        tracing::warn!(peer = ?self.peer, address, port = *port, "refused port forwarding");
        Ok(false)
    }

    #[allow(clippy::too_many_arguments)]
    async fn channel_open_direct_tcpip(
        &mut self,
        _channel: Channel<Msg>,
        host: &str,
        port: u32,
        _originator: &str,
        _originator_port: u32,
        _reply: russh::server::ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        // Dropping the reply refuses the channel.
        tracing::warn!(peer = ?self.peer, host, port, "refused port forwarding");
        Ok(())
    }

    async fn data(
        &mut self,
        _channel: ChannelId,
        data: &[u8],
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if let Some(to_session) = &self.to_session {
            let _ = to_session.send(ToSession::Bytes(data.to_vec()));
        }
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        _channel: ChannelId,
        width: u32,
        height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.size = size(width, height);
        if let Some(to_session) = &self.to_session {
            let _ = to_session.send(ToSession::Resize(self.size.0, self.size.1));
        }
        Ok(())
    }

    async fn channel_eof(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.to_session = None;
        Ok(())
    }

    async fn channel_close(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.to_session = None;
        Ok(())
    }
}

/// Serves until SIGTERM or SIGINT; then tells every session, which ends and gives its lease
/// back, and stops. `ready` hears the host key's fingerprint and the address once listening.
pub fn run(options: Options, lang: Lang, ready: &mut dyn std::io::Write) -> Result<(), ServeError> {
    let auditors =
        authorized_keys::load(&options.authorized_keys).map_err(ServeError::AuthorizedKeys)?;
    let (key, created) = host_key(&options.host_key)?;
    let fingerprint = key
        .public_key()
        .fingerprint(russh::keys::HashAlg::Sha256)
        .to_string();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(options.listen))
        .map_err(|source| ServeError::Listen {
            address: options.listen,
            source,
        })?;
    let address = listener.local_addr()?;
    if !address.ip().is_loopback() {
        tracing::warn!(%address, "listening beyond this machine");
    }
    let config = russh::server::Config {
        methods: MethodSet::from(&[MethodKind::PublicKey][..]),
        keys: vec![key],
        inactivity_timeout: Some(options.idle_timeout),
        max_auth_attempts: options.max_auth_attempts,
        auth_rejection_time: Duration::from_millis(300),
        auth_rejection_time_initial: Some(Duration::ZERO),
        nodelay: true,
        ..Default::default()
    };
    let shared = Arc::new(Shared {
        settings: Settings::load(&options.config_dir, false),
        options,
        auditors,
        sessions: Mutex::new(Sessions::default()),
        runtime: runtime.handle().clone(),
    });
    writeln!(
        ready,
        "{}",
        crate::catalog::tui::serving(
            &address.to_string(),
            &fingerprint,
            created,
            shared.auditors.len(),
            lang
        )
    )?;
    ready.flush()?;
    tracing::info!(%address, %fingerprint, "serving");
    let mut server = Server {
        shared: shared.clone(),
    };
    runtime.block_on(async move {
        // The server runs as a task of its own: dropping it would cut every connection at
        // once, before the sessions have said goodbye.
        let accepting = tokio::spawn(async move {
            use russh::server::Server as _;
            server.run_on_socket(Arc::new(config), &listener).await
        });
        tokio::select! {
            result = accepting => {
                return match result {
                    Ok(result) => result.map_err(ServeError::Io),
                    Err(e) => Err(ServeError::Io(std::io::Error::other(e))),
                };
            }
            () = server_stop() => {}
        }
        tracing::info!("shutting down");
        let open: Vec<Sender<ToSession>> = (shared.sessions.lock())
            .map(|s| s.open.values().cloned().collect())
            .unwrap_or_default();
        for session in open {
            let _ = session.send(ToSession::Shutdown);
        }
        // The sessions say goodbye and close their channels; a client that does not answer
        // is not waited for long.
        for _ in 0..60 {
            if shared.sessions.lock().map_or(0, |s| s.open.len()) == 0 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Ok(())
    })
}

/// SIGTERM or SIGINT.
async fn server_stop() {
    use tokio::signal::unix::{SignalKind, signal};
    match (
        signal(SignalKind::terminate()),
        signal(SignalKind::interrupt()),
    ) {
        (Ok(mut term), Ok(mut int)) => {
            tokio::select! {
                _ = term.recv() => {}
                _ = int.recv() => {}
            }
        }
        _ => std::future::pending().await,
    }
}
