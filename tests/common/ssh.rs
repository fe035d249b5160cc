//! `siegel serve` for the tests: a server on a free loopback port, the real OpenSSH client,
//! tmux sessions to type into and read, and the sample county with an auditor's key.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use super::cli::{siegel, text};

pub const DEADLINE: Duration = Duration::from_secs(20);

pub fn keygen(dir: &Path, name: &str) -> PathBuf {
    let key = dir.join(name);
    let status = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", name, "-f"])
        .arg(&key)
        .status()
        .expect("ssh-keygen runs");
    assert!(status.success());
    key
}

/// A running `siegel serve` on a free loopback port, stopped when dropped.
pub struct Server {
    pub child: Child,
    pub port: u16,
    log: PathBuf,
    pub first_lines: String,
}

impl Server {
    pub fn start(dir: &Path, db: &Path, authorized_keys: &Path) -> Server {
        Server::with(dir, db, authorized_keys, &[])
    }

    pub fn with(dir: &Path, db: &Path, authorized_keys: &Path, options: &[&str]) -> Server {
        let log = dir.join("serve.log");
        let mut child = Command::new(env!("CARGO_BIN_EXE_siegel"))
            .arg("--db")
            .arg(db)
            .args(["serve", "--listen", "127.0.0.1:0", "--authorized-keys"])
            .arg(authorized_keys)
            .arg("--host-key")
            .arg(dir.join("host_key"))
            .args(options)
            .env("SIEGEL_DATA_DIR", dir.join("data"))
            .env("SIEGEL_CONFIG_DIR", dir.join("config"))
            .env("SIEGEL_LANG", "de")
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .expect("siegel serve starts");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut first_lines = String::new();
        for _ in 0..3 {
            first_lines.push_str(&lines.next().unwrap().unwrap());
            first_lines.push('\n');
        }
        let port = first_lines
            .lines()
            .next()
            .and_then(|l| l.rsplit(':').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in {first_lines:?}"));
        Server {
            child,
            port,
            log,
            first_lines,
        }
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// `ssh` with a key to this server, as a command line (for tmux) or to run here.
    pub fn ssh_command(&self, key: &Path, extra: &str) -> String {
        format!(
            "ssh -tt -p {} -i {} -o IdentitiesOnly=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR {extra} auditor@127.0.0.1",
            self.port,
            key.display()
        )
    }

    pub fn ssh(&self, key: Option<&Path>, options: &[&str], command: &[&str]) -> Output {
        let mut ssh = Command::new("ssh");
        ssh.args(["-p", &self.port.to_string()])
            .args(["-o", "StrictHostKeyChecking=no"])
            .args(["-o", "UserKnownHostsFile=/dev/null"])
            .args(["-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes"])
            .args(["-o", "ConnectTimeout=10"])
            .args(options);
        if let Some(key) = key {
            ssh.arg("-i").arg(key);
        }
        ssh.arg("auditor@127.0.0.1")
            .args(command)
            .stdin(Stdio::null())
            .output()
            .expect("ssh runs")
    }

    pub fn wait_for_log(&self, text: &str) {
        let start = Instant::now();
        while !self.log().contains(text) {
            assert!(
                start.elapsed() < DEADLINE,
                "waited for {text:?} in\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A tmux server of the test's own whose panes run `ssh` and say when it has ended.
pub struct Tmux(super::tmux::Tmux);

impl Tmux {
    pub fn new(name: &str) -> Tmux {
        Tmux(super::tmux::Tmux::new(&format!("serve-{name}"), DEADLINE))
    }

    /// Starts `command` in a pane that stays after it ends, saying so.
    pub fn start(&self, target: &str, command: &str) {
        self.0.start(
            target,
            &format!("{command}; echo VERBINDUNG-ENDE; sleep 30"),
        );
    }
}

impl std::ops::Deref for Tmux {
    type Target = super::tmux::Tmux;

    fn deref(&self) -> &super::tmux::Tmux {
        &self.0
    }
}

pub fn leases(db: &Path) -> i64 {
    let connection = rusqlite::Connection::open(db).unwrap();
    connection
        .query_row("SELECT count(*) FROM lease", [], |row| row.get(0))
        .unwrap()
}

/// A database with the sample county, and an authorized_keys file naming one auditor.
pub fn setup(dir: &Path) -> (PathBuf, PathBuf, PathBuf, PathBuf) {
    let db = dir.join("siegel.db");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("questionnaires/samples/musterland-2025-erstaudit.json");
    let imported = siegel(&db, &["import", sample.to_str().unwrap()]);
    assert_eq!(
        imported.status.code(),
        Some(0),
        "{}",
        text(&imported.stderr)
    );
    let bernd = keygen(dir, "bernd");
    let stranger = keygen(dir, "fremd");
    let public = std::fs::read_to_string(bernd.with_extension("pub")).unwrap();
    let keys = dir.join("authorized_keys");
    std::fs::write(
        &keys,
        format!("# Auditoren\nrestrict,auditor=\"Bernd Zweit\" {public}"),
    )
    .unwrap();
    (db, keys, bernd, stranger)
}
