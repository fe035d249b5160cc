//! Keystroke to frame: the same key (moving through the questions of the sample county) typed
//! into a terminal running `siegel` locally, and into a terminal running OpenSSH's `ssh`
//! connected to `siegel serve` on loopback. Each keystroke is timed from the write into the
//! terminal to the first byte of the frame coming back; median and 95th percentile are
//! printed. Run with `cargo bench --bench serve`.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const KEYSTROKES: usize = 400;

/// A pseudo-terminal of 80×24: the controller's end, and the program's end.
fn pty() -> (File, OwnedFd) {
    let (mut controller, mut program) = (0, 0);
    let size = libc::winsize {
        ws_row: 24,
        ws_col: 80,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: valid pointers to descriptors and a window size.
    let result = unsafe {
        libc::openpty(
            &mut controller,
            &mut program,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(result, 0, "openpty");
    // SAFETY: openpty returned two fresh descriptors that nothing else owns.
    unsafe { (File::from_raw_fd(controller), OwnedFd::from_raw_fd(program)) }
}

/// Starts `command` on the program's end of a new terminal, as its controlling terminal.
fn spawn(mut command: Command) -> (File, Child) {
    let (controller, program) = pty();
    let io = |fd: &OwnedFd| Stdio::from(fd.try_clone().unwrap());
    command
        .stdin(io(&program))
        .stdout(io(&program))
        .stderr(io(&program));
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        command.pre_exec(|| {
            libc::setsid();
            libc::ioctl(0, libc::TIOCSCTTY, 0);
            Ok(())
        });
    }
    let child = command.spawn().expect("the program starts");
    drop(program);
    (controller, child)
}

/// Whether output arrives within `wait`.
fn readable(terminal: &File, wait: Duration) -> bool {
    let mut poll = libc::pollfd {
        fd: terminal.as_raw_fd(),
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd.
    unsafe { libc::poll(&mut poll, 1, wait.as_millis() as i32) > 0 }
}

/// Reads until the terminal has been quiet for `quiet`.
fn drain(terminal: &mut File, quiet: Duration) {
    let mut buffer = [0u8; 65536];
    while readable(terminal, quiet) {
        if terminal.read(&mut buffer).unwrap_or(0) == 0 {
            break;
        }
    }
}

/// Times each keystroke to the first byte of its frame.
fn keystrokes(terminal: &mut File) -> Vec<Duration> {
    let mut buffer = [0u8; 65536];
    let mut times = Vec::with_capacity(KEYSTROKES);
    for n in 0..KEYSTROKES {
        let key: &[u8] = if n % 2 == 0 { b"j" } else { b"k" };
        let start = Instant::now();
        terminal.write_all(key).unwrap();
        assert!(readable(terminal, Duration::from_secs(5)), "no frame");
        let _ = terminal.read(&mut buffer).unwrap();
        times.push(start.elapsed());
        drain(terminal, Duration::from_millis(15));
    }
    times
}

fn report(name: &str, mut times: Vec<Duration>) {
    times.sort();
    let at = |share: f64| times[((times.len() - 1) as f64 * share).round() as usize];
    println!(
        "{name:<40} median {:>8.1} µs   p95 {:>8.1} µs   ({} keystrokes)",
        at(0.5).as_secs_f64() * 1e6,
        at(0.95).as_secs_f64() * 1e6,
        times.len()
    );
}

/// Opens the sample's assessment and times moving through its questions.
fn measure(name: &str, command: Command) {
    let (mut terminal, mut child) = spawn(command);
    drain(&mut terminal, Duration::from_millis(1500));
    terminal.write_all(b"\r").unwrap();
    drain(&mut terminal, Duration::from_millis(800));
    report(name, keystrokes(&mut terminal));
    let _ = child.kill();
    let _ = child.wait();
}

fn main() {
    // `cargo bench` passes its own arguments; a test run (`cargo test --benches`) only builds.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let siegel = env!("CARGO_BIN_EXE_siegel");
    let dir = tempfile::tempdir().unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("questionnaires/samples/musterland-2025-erstaudit.json");
    // One database each, so that neither finds the other's lease.
    let database = |name: &str| {
        let db = dir.path().join(name);
        let imported = Command::new(siegel)
            .arg("--db")
            .arg(&db)
            .arg("import")
            .arg(&sample)
            .output()
            .unwrap();
        assert!(imported.status.success());
        db
    };
    let db = database("local.db");

    let mut local = Command::new(siegel);
    local
        .arg("--db")
        .arg(&db)
        .env("SIEGEL_DATA_DIR", dir.path())
        .env("SIEGEL_CONFIG_DIR", dir.path().join("config"))
        .env("TERM", "xterm-256color");
    measure("local terminal", local);

    let key = dir.path().join("key");
    let generated = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "Bench", "-f"])
        .arg(&key)
        .status()
        .unwrap();
    assert!(generated.success());
    let authorized = dir.path().join("authorized_keys");
    std::fs::copy(key.with_extension("pub"), &authorized).unwrap();
    let mut server = Command::new(siegel)
        .arg("--db")
        .arg(database("served.db"))
        .args(["serve", "--listen", "127.0.0.1:0", "--authorized-keys"])
        .arg(&authorized)
        .arg("--host-key")
        .arg(dir.path().join("host_key"))
        .env("SIEGEL_DATA_DIR", dir.path())
        .env("SIEGEL_CONFIG_DIR", dir.path().join("config"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    {
        use std::io::BufRead;
        let mut out = std::io::BufReader::new(server.stdout.take().unwrap());
        out.read_line(&mut first).unwrap();
    }
    let port = first.trim().rsplit(':').next().unwrap().to_string();
    let mut ssh = Command::new("ssh");
    ssh.args(["-tt", "-p", &port, "-i"])
        .arg(&key)
        .args(["-o", "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=no"])
        .args(["-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR"])
        .arg("bench@127.0.0.1")
        .env("TERM", "xterm-256color");
    measure("ssh to siegel serve on loopback", ssh);
    let _ = server.kill();
    let _ = server.wait();
}
