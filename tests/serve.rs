//! `siegel serve` with the real OpenSSH client on loopback: an auditor's key gets the
//! interface (in tmux, 80×24), scores a cell that the trail records under the key's auditor,
//! resizes, and gives the lease back when the connection goes; unknown keys, passwords,
//! commands, subsystems and forwarding are refused; SIGTERM says goodbye. Every wait is for
//! text or a state, with a deadline.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::cli::{siegel, text};
use common::ssh::{DEADLINE, Server, Tmux, keygen, leases, setup};

#[test]
fn an_auditor_scores_a_cell_over_ssh_and_the_trail_names_the_keys_auditor() {
    let dir = tempfile::tempdir().unwrap();
    let (db, keys, bernd, _) = setup(dir.path());
    let server = Server::start(dir.path(), &db, &keys);
    assert!(server.first_lines.contains("neuer Host-Schlüssel: SHA256:"));
    // The fingerprint printed is the host key's, as ssh-keygen sees it.
    let host_key = dir.path().join("host_key");
    let listed = Command::new("ssh-keygen")
        .arg("-lf")
        .arg(&host_key)
        .output()
        .unwrap();
    let fingerprint = text(&listed.stdout)
        .split_whitespace()
        .nth(1)
        .unwrap()
        .to_string();
    assert!(
        server.first_lines.contains(&fingerprint),
        "{}",
        server.first_lines
    );
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&host_key).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);

    let tmux = Tmux::new("score");
    tmux.start("a", &server.ssh_command(&bernd, "-o SendEnv=LANG"));
    tmux.wait_for("a", "Landkreis Musterland");
    tmux.keys("a", &["Enter"]);
    tmux.wait_for("a", "gesichtet 0/110");
    tmux.keys("a", &["s"]);
    tmux.wait_for("a", "Qualitätsparameter");
    tmux.keys("a", &["3"]);
    tmux.wait_for("a", "bewertet 1/42");
    let log = siegel(&db, &["log", "1"]);
    let trail = text(&log.stdout);
    assert!(
        trail
            .lines()
            .last()
            .unwrap()
            .contains("Bernd Zweit\tBewertung\tHF1/QP-BED"),
        "{trail}"
    );
    assert_eq!(leases(&db), 1);

    // A resize redraws at the new size.
    tmux.tmux(&["resize-window", "-t", "a", "-x", "110", "-y", "30"]);
    let start = Instant::now();
    while !tmux
        .screen("a")
        .lines()
        .any(|l| l.chars().count() > 100 && l.contains('┐'))
    {
        assert!(start.elapsed() < DEADLINE, "{}", tmux.screen("a"));
        std::thread::sleep(Duration::from_millis(50));
    }

    // The connection goes: the lease is back within a second.
    tmux.tmux(&["kill-session", "-t", "a"]);
    let gone = Instant::now();
    while leases(&db) > 0 {
        assert!(
            gone.elapsed() < Duration::from_secs(1),
            "the lease is still held"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    server.wait_for_log("connection closed auditor=Bernd Zweit");
}

#[test]
fn nothing_but_the_interface_and_only_for_known_keys() {
    let dir = tempfile::tempdir().unwrap();
    let (db, keys, bernd, stranger) = setup(dir.path());
    let server = Server::start(dir.path(), &db, &keys);

    let unknown = server.ssh(Some(&stranger), &[], &["true"]);
    assert_eq!(unknown.status.code(), Some(255));
    assert!(text(&unknown.stderr).contains("Permission denied (publickey)"));
    server.wait_for_log("refused an unknown key");
    let password = server.ssh(
        None,
        &[
            "-o",
            "PubkeyAuthentication=no",
            "-o",
            "PreferredAuthentications=password,keyboard-interactive",
        ],
        &["true"],
    );
    assert_eq!(password.status.code(), Some(255));
    assert!(text(&password.stderr).contains("Permission denied (publickey)"));

    let exec = server.ssh(Some(&bernd), &[], &["cat", "/etc/passwd"]);
    assert_eq!(exec.status.code(), Some(255));
    assert!(exec.stdout.is_empty());
    assert!(text(&exec.stderr).contains("exec request failed"));
    let subsystem = server.ssh(Some(&bernd), &["-s"], &["sftp"]);
    assert_eq!(subsystem.status.code(), Some(255));
    assert!(text(&subsystem.stderr).contains("subsystem request failed"));
    let remote = server.ssh(
        Some(&bernd),
        &[
            "-N",
            "-o",
            "ExitOnForwardFailure=yes",
            "-R",
            "0:127.0.0.1:9",
        ],
        &[],
    );
    assert_eq!(remote.status.code(), Some(255));
    assert!(text(&remote.stderr).contains("remote port forwarding failed"));
    let direct = server.ssh(Some(&bernd), &["-W", "127.0.0.1:9"], &[]);
    assert_eq!(direct.status.code(), Some(255));
    assert!(
        text(&direct.stderr).contains("open failed"),
        "{}",
        text(&direct.stderr)
    );
    server.wait_for_log("refused port forwarding");

    // Agent forwarding asked for with an agent running: refused, the session goes on.
    let agent = dir.path().join("agent.sock");
    let started = Command::new("ssh-agent")
        .arg("-a")
        .arg(&agent)
        .output()
        .unwrap();
    assert!(started.status.success());
    let tmux = Tmux::new("agent");
    tmux.start(
        "a",
        &format!(
            "SSH_AUTH_SOCK={} {}",
            agent.display(),
            server.ssh_command(&bernd, "-A")
        ),
    );
    tmux.wait_for("a", "Landkreis Musterland");
    server.wait_for_log("refused agent forwarding");
    // No file of the server's is read or listed from a session: importing is refused before
    // a file is asked for.
    tmux.keys("a", &["i"]);
    let screen = tmux.wait_for(
        "a",
        "Über SSH keine Dateien: Import und Export am Server (siegel import/export)",
    );
    assert!(!screen.contains("Antwortdatei"), "{screen}");
    let pid = text(&started.stdout)
        .split("SSH_AGENT_PID=")
        .nth(1)
        .and_then(|rest| rest.split(';').next())
        .map(str::to_string)
        .unwrap();
    let _ = Command::new("kill").arg(pid).status();
}

#[test]
fn the_clients_language_the_limit_per_key_and_the_idle_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let (db, keys, bernd, _) = setup(dir.path());
    let server = Server::with(
        dir.path(),
        &db,
        &keys,
        &["--max-per-key", "1", "--idle-timeout", "3s"],
    );
    let tmux = Tmux::new("limits");
    tmux.start(
        "a",
        &format!(
            "LANG=en_US.UTF-8 {}",
            server.ssh_command(&bernd, "-o SendEnv=LANG")
        ),
    );
    tmux.wait_for("a", "Assessments");
    tmux.keys("a", &["Enter"]);
    tmux.wait_for("a", "reviewed 0/110");
    assert_eq!(leases(&db), 1);
    // The same key a second time, over its limit of one: told so, in its own language.
    let second = server.ssh(Some(&bernd), &["-tt"], &[]);
    assert_eq!(second.status.code(), Some(1));
    assert!(
        text(&second.stdout).contains("siegel: mit diesem Schlüssel ist schon eine Sitzung offen"),
        "{}",
        text(&second.stdout)
    );
    server.wait_for_log("refused: too many sessions with one key");
    // Without a terminal there is no interface, only the reason.
    let plain = server.ssh(Some(&bernd), &["-T"], &[]);
    assert_eq!(plain.status.code(), Some(1));
    assert!(text(&plain.stdout).contains("nur in einem Terminal: ssh -t"));
    // Without input the connection is closed; the lease comes back.
    tmux.wait_for("a", "VERBINDUNG-ENDE");
    let start = Instant::now();
    while leases(&db) > 0 {
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "the lease is still held"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn sigterm_tells_the_connected_auditor_and_ends_every_session() {
    let dir = tempfile::tempdir().unwrap();
    let (db, keys, bernd, _) = setup(dir.path());
    let mut server = Server::start(dir.path(), &db, &keys);
    let tmux = Tmux::new("term");
    tmux.start("a", &server.ssh_command(&bernd, ""));
    tmux.wait_for("a", "Landkreis Musterland");
    tmux.keys("a", &["Enter"]);
    tmux.wait_for("a", "gesichtet 0/110");
    assert_eq!(leases(&db), 1);
    let status = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let screen = tmux.wait_for("a", "VERBINDUNG-ENDE");
    assert!(
        screen.contains("siegel serve wird beendet; alles ist gespeichert."),
        "{screen}"
    );
    let code = server.child.wait().unwrap();
    assert!(code.success());
    assert_eq!(leases(&db), 0);
}

#[test]
fn the_server_refuses_to_start_without_a_readable_list_of_keys() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("siegel.db");
    let missing = siegel(&db, &["serve"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("--authorized-keys"));
    let keys = dir.path().join("authorized_keys");
    std::fs::write(&keys, "# niemand\nssh-ed25519 AAAA kaputt\n").unwrap();
    let broken = siegel(
        &db,
        &[
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--authorized-keys",
            keys.to_str().unwrap(),
        ],
    );
    assert_eq!(broken.status.code(), Some(1));
    let message = text(&broken.stderr);
    assert!(
        message.starts_with(&format!(
            "siegel: {}:2: kein öffentlicher Schlüssel (",
            keys.display()
        )),
        "{message}"
    );
}

/// Twenty auditors' sessions at once on one database, five keys with four sessions each (the
/// limit): each opens its own assessment and rates a cell; none is lost, each change carries
/// its key's auditor, and a fifth session for a key is refused while the twenty are open.
#[test]
fn twenty_sessions_at_once_each_rate_their_own_assessment() {
    const KEYS: usize = 5;
    const PER_KEY: usize = 4;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("siegel.db");
    {
        let mut store = siegel::store::Store::open(&db).unwrap();
        let answers = common::sample_answers();
        for _ in 0..KEYS * PER_KEY {
            store.import(&answers, "Import").unwrap();
        }
    }
    let mut lines = String::new();
    let keys: Vec<PathBuf> = (0..KEYS)
        .map(|k| {
            let key = keygen(dir.path(), &format!("key{k}"));
            let public = std::fs::read_to_string(key.with_extension("pub")).unwrap();
            lines.push_str(&format!("auditor=\"Auditorin {k}\" {public}"));
            key
        })
        .collect();
    let authorized = dir.path().join("authorized_keys");
    std::fs::write(&authorized, lines).unwrap();
    let server = Server::with(
        dir.path(),
        &db,
        &authorized,
        &["--max-per-key", &PER_KEY.to_string()],
    );
    let began = Instant::now();
    let tmux = Tmux::new("load");
    let sessions = KEYS * PER_KEY;
    for n in 0..sessions {
        tmux.start(&format!("s{n}"), &server.ssh_command(&keys[n % KEYS], ""));
    }
    for n in 0..sessions {
        tmux.wait_for(&format!("s{n}"), "Landkreis Musterland");
    }
    // Everyone is in: a fifth session for a key is over its limit.
    let over = server.ssh(Some(&keys[0]), &["-tt"], &[]);
    assert_eq!(over.status.code(), Some(1));
    assert!(text(&over.stdout).contains("sind schon 4 Sitzungen offen"));
    // The list shows the newest first: session n opens assessment n + 1.
    for n in 0..sessions {
        let name = format!("s{n}");
        for _ in 0..sessions - 1 - n {
            tmux.keys(&name, &["Down"]);
        }
        tmux.keys(&name, &["Enter"]);
    }
    for n in 0..sessions {
        let name = format!("s{n}");
        tmux.wait_for(&name, "gesichtet 0/110");
        tmux.keys(&name, &["s"]);
        tmux.wait_for(&name, "Qualitätsparameter");
        tmux.keys(&name, &["2"]);
    }
    for n in 0..sessions {
        tmux.wait_for(&format!("s{n}"), "bewertet 1/42");
    }
    assert_eq!(leases(&db), sessions as i64);
    for n in 0..sessions {
        let id = (n + 1).to_string();
        let trail = text(&siegel(&db, &["log", &id]).stdout);
        let last = trail.lines().last().unwrap();
        assert!(
            last.contains(&format!(
                "Auditorin {}\tBewertung\tHF1/QP-BED\t+ 2",
                n % KEYS
            )),
            "assessment {id}: {trail}"
        );
    }
    assert!(began.elapsed() < Duration::from_secs(90));
    tmux.tmux(&["kill-server"]);
    let gone = Instant::now();
    while leases(&db) > 0 {
        assert!(
            gone.elapsed() < Duration::from_secs(5),
            "leases are still held"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A client that stops reading (its ssh suspended) holds up nobody: another auditor's session
/// rates and sees it at once, and the suspended one carries on when it wakes.
#[test]
fn a_stalled_client_holds_up_no_other_session() {
    let dir = tempfile::tempdir().unwrap();
    let (db, keys, bernd, _) = setup(dir.path());
    let second = siegel(
        &db,
        &[
            "import",
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("questionnaires/samples/musterland-2025-erstaudit.json")
                .to_str()
                .unwrap(),
        ],
    );
    assert_eq!(second.status.code(), Some(0));
    let server = Server::start(dir.path(), &db, &keys);
    let tmux = Tmux::new("stall");
    tmux.start("a", &server.ssh_command(&bernd, ""));
    tmux.start("b", &server.ssh_command(&bernd, ""));
    for name in ["a", "b"] {
        tmux.wait_for(name, "Landkreis Musterland");
    }
    tmux.keys("a", &["Enter"]);
    tmux.wait_for("a", "gesichtet 0/110");
    let shell = tmux.pane_pid("a").to_string();
    let ssh = text(
        &Command::new("pgrep")
            .args(["-P", &shell, "ssh"])
            .output()
            .unwrap()
            .stdout,
    );
    let ssh = ssh.trim().to_string();
    assert!(!ssh.is_empty());
    Command::new("kill").args(["-STOP", &ssh]).status().unwrap();
    // While "a" is suspended, "b" opens the other assessment and rates.
    tmux.keys("b", &["Down", "Enter"]);
    tmux.wait_for("b", "gesichtet 0/110");
    tmux.keys("b", &["s"]);
    tmux.wait_for("b", "Qualitätsparameter");
    tmux.keys("b", &["4"]);
    tmux.wait_for("b", "bewertet 1/42");
    Command::new("kill").args(["-CONT", &ssh]).status().unwrap();
    tmux.keys("a", &["s"]);
    tmux.wait_for("a", "Qualitätsparameter");
}

/// `siegel --read-only serve`: every session looks and changes nothing, and holds no lease.
#[test]
fn a_read_only_server_lets_auditors_look_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (db, keys, bernd, _) = setup(dir.path());
    let server = Server::with(dir.path(), &db, &keys, &["--read-only"]);
    let tmux = Tmux::new("readonly");
    tmux.start("a", &server.ssh_command(&bernd, ""));
    tmux.wait_for("a", "Landkreis Musterland");
    tmux.keys("a", &["Enter"]);
    tmux.wait_for("a", "fgk-kreis@2025.1 · nur lesen");
    tmux.keys("a", &["s"]);
    tmux.wait_for("a", "Qualitätsparameter");
    tmux.keys("a", &["3"]);
    tmux.wait_for("a", "nur lesend geöffnet: Änderungen sind nicht möglich");
    assert_eq!(leases(&db), 0);
    let trail = text(&siegel(&db, &["log", "1"]).stdout);
    assert_eq!(trail.lines().count(), 1, "{trail}");
}

/// Two sessions of one server are two editors: the second is told who holds the assessment
/// (the same auditor in a second window too), may look read-only, and takes it over only when
/// asked; every change stays under the name of the key that made it.
#[test]
fn the_second_session_on_an_assessment_is_told_who_holds_it() {
    let dir = tempfile::tempdir().unwrap();
    let (db, keys, bernd, _) = setup(dir.path());
    let anna = keygen(dir.path(), "anna");
    let public = std::fs::read_to_string(anna.with_extension("pub")).unwrap();
    let mut list = std::fs::read_to_string(&keys).unwrap();
    list.push_str(&format!("auditor=\"Anna Prüfer\" {public}"));
    std::fs::write(&keys, list).unwrap();
    let server = Server::start(dir.path(), &db, &keys);
    let tmux = Tmux::new("lease");
    tmux.start("bernd", &server.ssh_command(&bernd, ""));
    tmux.wait_for("bernd", "Landkreis Musterland");
    tmux.keys("bernd", &["Enter"]);
    tmux.wait_for("bernd", "gesichtet 0/110");
    for (name, key) in [("anna", &anna), ("bernd2", &bernd)] {
        tmux.start(name, &server.ssh_command(key, ""));
        tmux.wait_for(name, "Landkreis Musterland");
        tmux.keys(name, &["Enter"]);
        tmux.wait_for(name, "Bernd Zweit bearbeitet diese Bewertung seit");
    }
    // Bernd's first session goes on writing under his name.
    tmux.keys("bernd", &["j", "j", "r"]);
    tmux.wait_for("bernd", "gesichtet 1/110");
    let trail = text(&siegel(&db, &["log", "1"]).stdout);
    assert!(
        trail
            .lines()
            .last()
            .unwrap()
            .contains("Bernd Zweit\tgesichtet"),
        "{trail}"
    );
    assert_eq!(leases(&db), 1);
}
