//! The real binary in a real terminal (tmux, 80×24): keys typed, screens read back, the process
//! killed and restarted. Every wait is for text on the screen or for the process to end, with a
//! deadline; no test relies on a fixed sleep.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

const DEADLINE: Duration = Duration::from_secs(15);

/// A tmux server of its own with one pane, "t", and a data directory. The tests take turns:
/// they measure time, and two of them on a busy machine would measure each other.
struct Tmux {
    server: common::tmux::Tmux,
    home: tempfile::TempDir,
    _turn: std::sync::MutexGuard<'static, ()>,
}

static TURN: std::sync::Mutex<()> = std::sync::Mutex::new(());

impl Tmux {
    fn new() -> Tmux {
        Tmux {
            _turn: TURN
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
            server: common::tmux::Tmux::new("e2e", DEADLINE),
            home: tempfile::tempdir().unwrap(),
        }
    }

    fn tmux(&self, args: &[&str]) -> String {
        self.server.tmux(args)
    }

    /// Starts `command` (run by sh) in a new 80×24 session with this test's data directory.
    fn start(&self, command: &str) {
        let env = format!(
            "SIEGEL_DATA_DIR={} SIEGEL_CONFIG_DIR={}/config SIEGEL_AUDITOR=Prüferin LANG=de_DE.UTF-8",
            self.home.path().display(),
            self.home.path().display()
        );
        // exec: the pane's process is siegel itself, so its pid is the one to watch.
        self.server.start("t", &format!("exec env {env} {command}"));
    }

    fn siegel(&self) -> String {
        env!("CARGO_BIN_EXE_siegel").to_string()
    }

    fn keys(&self, keys: &[&str]) {
        self.server.keys("t", keys);
    }

    fn screen(&self) -> String {
        self.server.screen("t")
    }

    fn wait_for(&self, text: &str) -> String {
        self.server.wait_for("t", text)
    }

    /// The process running in the pane.
    fn pid(&self) -> i32 {
        self.server.pane_pid("t")
    }

    fn db_tool(&self, args: &[&str]) -> String {
        let output = Command::new(self.siegel())
            .args(args)
            .env("SIEGEL_DATA_DIR", self.home.path())
            .env("SIEGEL_LANG", "de")
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    }
}

/// Whether the process still runs; a zombie waiting for its parent to reap it has ended.
fn alive(pid: i32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        // The state follows the command name in parentheses: "pid (comm) S ...".
        Ok(stat) => stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| !rest.trim_start().starts_with(['Z', 'X'])),
        Err(_) => false,
    }
}

fn wait_until_gone(pid: i32, within: Duration) -> Duration {
    let start = Instant::now();
    while alive(pid) {
        assert!(
            start.elapsed() < within,
            "process {pid} still runs after {within:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    start.elapsed()
}

fn has_tmux() -> bool {
    Command::new("tmux").arg("-V").output().is_ok()
}

#[test]
fn a_score_survives_kill_9_and_a_restart() {
    assert!(has_tmux(), "tmux is needed for the end-to-end tests");
    let t = Tmux::new();
    t.start(&format!("{} demo", t.siegel()));
    t.wait_for("Fragen");
    t.keys(&["s"]);
    t.wait_for("Qualitätsparameter");
    t.keys(&["3"]);
    t.wait_for("bewertet 1/42");
    let pid = t.pid();
    // SAFETY: sends SIGKILL to the process this test started.
    unsafe { libc::kill(pid, libc::SIGKILL) };
    wait_until_gone(pid, DEADLINE);
    assert!(t.db_tool(&["list"]).contains("0/110\t1/42"));

    t.tmux(&["kill-server"]);
    t.start(&format!("{} open 1", t.siegel()));
    // The killed process's lease is reclaimed: the assessment opens for editing again.
    let screen = t.wait_for("bewertet 1/42");
    assert!(!screen.contains("nur lesen"), "{screen}");
    t.keys(&["s"]);
    let screen = t.wait_for("Qualitätsparameter");
    assert!(screen.contains("Bedarfsorientierung       3"), "{screen}");
    t.keys(&["C-c"]);
}

/// The auditor's draft of a field as the database holds it.
fn draft(home: &std::path::Path, target: &str) -> Option<String> {
    stored(home, "SELECT text FROM draft WHERE target = ?1", target)
}

/// One text from the database in `home`, read-only.
fn stored(home: &std::path::Path, sql: &str, key: &str) -> Option<String> {
    let db = rusqlite::Connection::open_with_flags(
        home.join("siegel.db"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .ok()?;
    db.query_row(sql, [key], |r| r.get(0)).ok()
}

/// The auditor's note on a question as stored.
fn note(home: &std::path::Path, question: &str) -> Option<String> {
    let sql = "SELECT note FROM question_review WHERE question_id = ?1";
    stored(home, sql, question)
}

#[test]
fn text_typed_in_an_editor_survives_kill_9() {
    assert!(has_tmux(), "tmux is needed for the end-to-end tests");
    let t = Tmux::new();
    t.start(&format!("{} demo", t.siegel()));
    t.wait_for("Fragen");
    t.keys(&["j", "j", "e"]);
    t.wait_for("Notiz zu HF1.T1.F01");
    t.keys(&["-l", "Beschluss vom März"]);
    t.wait_for("Beschluss vom März");
    // Kept shortly after typing pauses, without a key or a save.
    let start = Instant::now();
    while draft(t.home.path(), "note:HF1.T1.F01").as_deref() != Some("Beschluss vom März") {
        assert!(start.elapsed() < DEADLINE, "the draft was never kept");
        std::thread::sleep(Duration::from_millis(50));
    }
    let pid = t.pid();
    // SAFETY: sends SIGKILL to the process this test started.
    unsafe { libc::kill(pid, libc::SIGKILL) };
    wait_until_gone(pid, DEADLINE);

    t.tmux(&["kill-server"]);
    t.start(&format!("{} open 1", t.siegel()));
    t.wait_for("gesichtet 0/110");
    t.keys(&["j", "j", "e"]);
    let screen = t.wait_for("wiederhergestellt");
    assert!(screen.contains("Beschluss vom März"), "{screen}");
    t.keys(&["C-s"]);
    // The editor closes (the review's footer is back) and the note is stored.
    t.wait_for("e bearbeiten");
    let start = Instant::now();
    while note(t.home.path(), "HF1.T1.F01").as_deref() != Some("Beschluss vom März") {
        assert!(start.elapsed() < DEADLINE, "the note was not saved");
        std::thread::sleep(Duration::from_millis(50));
    }
    while draft(t.home.path(), "note:HF1.T1.F01").is_some() {
        assert!(
            start.elapsed() < DEADLINE,
            "the saved draft was not dropped"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    t.keys(&["C-c"]);
}

#[test]
fn closing_the_terminal_with_keys_queued_never_aborts() {
    assert!(has_tmux(), "tmux is needed for the end-to-end tests");
    for run in 0..4 {
        let t = Tmux::new();
        let status = t.home.path().join("status");
        // A shell that outlives the terminal records how siegel ended.
        t.start(&format!(
            "sh -c \"trap '' HUP; {} demo 2>/dev/null; echo \\$? > {}\"",
            t.siegel(),
            status.display()
        ));
        // Keys queued while it starts (run 0, 1) or once it shows the questions (run 2, 3),
        // then the terminal closed at once.
        if run >= 2 {
            t.wait_for("Fragen");
        }
        t.keys(&["j", "j", "j", "s", "3", "j", "e", "a", "b", "c"]);
        t.tmux(&["kill-server"]);
        let start = Instant::now();
        let code = loop {
            if let Ok(code) = std::fs::read_to_string(&status)
                && !code.trim().is_empty()
            {
                break code.trim().to_string();
            }
            assert!(start.elapsed() < DEADLINE, "siegel did not end");
            std::thread::sleep(Duration::from_millis(20));
        };
        // Ended on the hang-up (129) or on the terminal error it met first (1); never by
        // SIGABRT (134) or a panic (101).
        assert!(
            ["1", "129"].contains(&code.as_str()),
            "run {run}: exit {code}"
        );
    }
}

#[test]
fn a_bilanzierung_walks_to_the_answers_that_differ_from_the_last_audit() {
    assert!(has_tmux(), "tmux is needed for the end-to-end tests");
    let t = Tmux::new();
    let import = |file: &str| t.db_tool(&["import", &format!("questionnaires/samples/{file}")]);
    import("musterland-2025-erstaudit.json");
    assert!(import("musterland-2028-bilanzierung.json").contains("folgt auf Bewertung 1"));
    t.start(&format!("{} open 2", t.siegel()));
    t.wait_for("fgk-kreis@2028.1");
    t.keys(&["p"]);
    let screen = t.wait_for("Antwort im letzten Audit (2025)");
    assert!(screen.contains("≠ anders als 2025"), "{screen}");
    assert!(screen.contains("HF1.T1.F01"), "{screen}");
    t.keys(&["p"]);
    let screen = t.wait_for("HF1.T1.F03");
    assert!(
        screen.contains("2017"),
        "the answer of 2025 beside today's: {screen}"
    );
    t.keys(&["C-c"]);
}

#[test]
fn a_goal_of_the_last_audit_is_rated_in_the_bilanzierung_and_survives_a_restart() {
    assert!(has_tmux(), "tmux is needed for the end-to-end tests");
    let t = Tmux::new();
    let import = |file: &str| t.db_tool(&["import", &format!("questionnaires/samples/{file}")]);
    import("musterland-2025-erstaudit.json");
    assert!(import("musterland-2025-zielvereinbarung.json").contains("angehängt"));
    import("musterland-2026-jahresbericht.json");
    import("musterland-2027-jahresbericht.json");
    import("musterland-2028-bilanzierung.json");
    t.start(&format!("{} open 2", t.siegel()));
    t.wait_for("fgk-kreis@2028.1");
    t.keys(&["Z"]);
    t.wait_for("17 von 32 umgesetzt");
    t.keys(&["j", "2", "e"]);
    t.wait_for("Begründung der Zielerreichung Z1.2");
    t.keys(&["-l", "Bericht erschienen, Rhythmus beschlossen."]);
    t.keys(&["C-s"]);
    t.keys(&["Tab", "G"]);
    t.wait_for("Zielerreichung: teilweise erreicht");
    let pid = t.pid();
    // SAFETY: sends SIGKILL to the process this test started.
    unsafe { libc::kill(pid, libc::SIGKILL) };
    wait_until_gone(pid, DEADLINE);
    t.tmux(&["kill-server"]);
    t.start(&format!("{} open 2", t.siegel()));
    t.wait_for("fgk-kreis@2028.1");
    t.keys(&["Z", "j", "Tab", "G"]);
    let screen = t.wait_for("Zielerreichung: teilweise erreicht");
    assert!(
        screen.contains("Bericht erschienen, Rhythmus beschlossen."),
        "{screen}"
    );
    t.keys(&["C-c"]);
}

#[test]
fn closing_the_pane_ends_the_process_within_a_second() {
    let t = Tmux::new();
    t.start(&format!("{} demo", t.siegel()));
    t.wait_for("Fragen");
    let pid = t.pid();
    t.tmux(&["kill-session", "-t", "t"]);
    wait_until_gone(pid, Duration::from_secs(1));
}

#[test]
fn an_ignored_hangup_does_not_keep_it_alive() {
    let t = Tmux::new();
    // As under nohup: SIGHUP ignored before siegel starts.
    t.start(&format!("sh -c \"trap '' HUP; exec {} demo\"", t.siegel()));
    t.wait_for("Fragen");
    let pid = t.pid();
    t.tmux(&["kill-session", "-t", "t"]);
    wait_until_gone(pid, Duration::from_secs(1));
}

#[test]
fn resizing_redraws_and_too_small_says_so() {
    let t = Tmux::new();
    t.start(&format!("{} demo", t.siegel()));
    t.wait_for("Fragen");
    t.tmux(&["resize-window", "-t", "t", "-x", "120", "-y", "40"]);
    t.wait_for("Wie der Kreis Familienpolitik als Querschnittsaufgabe steuert:");
    t.tmux(&["resize-window", "-t", "t", "-x", "50", "-y", "12"]);
    t.wait_for("Terminal zu klein: 50×12, benötigt 60×16");
    t.tmux(&["resize-window", "-t", "t", "-x", "80", "-y", "24"]);
    t.wait_for("Fragen");
    t.keys(&["C-c"]);
}

#[test]
fn escape_sequences_in_answers_show_as_placeholders() {
    let t = Tmux::new();
    let hostile = siegel::questionnaires::SAMPLE_ANSWERS.1.replacen(
        "\"Landkreis Musterland\"",
        "\"Landkreis \\u001b[2J\\u001b[31mRot\\u001b]0;Titel\\u0007\"",
        1,
    );
    let file = t.home.path().join("hostile.json");
    std::fs::write(&file, hostile).unwrap();
    let imported = t.db_tool(&["import", file.to_str().unwrap()]);
    assert_eq!(imported.lines().last(), Some("1"), "{imported}");
    t.start(&format!("{} open 1", t.siegel()));
    let screen = t.wait_for("Landkreis ␛[2J␛[31mRot␛]0;Titel␇");
    assert!(
        screen.contains("Fragen"),
        "the screen was not cleared by the answer: {screen}"
    );
    // Nothing turned red: no colour 31 reached the terminal.
    let styled = t.tmux(&["capture-pane", "-p", "-e", "-t", "t"]);
    assert!(!styled.contains("\u{1b}[31m"), "{styled}");
    t.keys(&["C-c"]);
}

#[test]
fn a_second_window_is_told_who_edits() {
    let t = Tmux::new();
    t.start(&format!("{} demo", t.siegel()));
    t.wait_for("Fragen");
    t.tmux(&["new-window", "-t", "t", &format!(
        "exec env SIEGEL_DATA_DIR={} SIEGEL_CONFIG_DIR={}/config LANG=de_DE.UTF-8 SIEGEL_AUDITOR=Zweite {} open 1",
        t.home.path().display(),
        t.home.path().display(),
        t.siegel()
    )]);
    let screen = t.wait_for("Bewertung wird bearbeitet");
    assert!(
        screen.contains("Prüferin bearbeitet diese Bewertung seit"),
        "{screen}"
    );
    t.keys(&["r"]);
    t.wait_for("nur lesen");
    t.keys(&["C-c"]);
}

/// What the detail pane of the scoring screen shows, read as one text: the columns right of
/// the left panes, frames and scrollbar stripped, whitespace folded.
fn detail_text(screen: &str) -> String {
    screen
        .lines()
        .filter_map(|line| {
            let chars: Vec<char> = line.chars().collect();
            // The left panes are 32 columns at 80; the right frame and scrollbar the last one.
            (chars.len() > 34).then(|| chars[33..chars.len() - 1].iter().collect::<String>())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn folded(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_whole_field_is_scored_at_80x24_with_every_level_and_the_guiding_question_read() {
    let known = siegel::questionnaires::shipped();
    let definition = &known
        .iter()
        .find(|k| k.definition.id == "fgk-kreis")
        .expect("the shipped questionnaire")
        .definition;
    let field = &definition.fields_of_action[0];
    let t = Tmux::new();
    t.start(&format!("{} demo", t.siegel()));
    t.wait_for("Fragen");
    t.keys(&["s"]);
    t.wait_for("Qualitätsparameter");
    // Tab twice: the detail pane, which scrolls.
    t.keys(&["Tab", "Tab"]);
    for (n, id) in field.quality_parameters.iter().enumerate() {
        let parameter = definition
            .quality_parameters
            .iter()
            .find(|p| &p.id == id)
            .unwrap();
        let mut seen = folded(&detail_text(&t.wait_for(&parameter.label)));
        for _ in 0..3 {
            t.keys(&["PageDown"]);
            std::thread::sleep(Duration::from_millis(100));
            seen.push(' ');
            seen.push_str(&folded(&detail_text(&t.screen())));
        }
        for level in &definition.scale.levels {
            let anchor = parameter
                .anchors
                .get(&level.value.to_string())
                .unwrap_or(&level.description);
            let line = folded(&format!("{} {} — {anchor}", level.value, level.label));
            assert!(seen.contains(&line), "{line:?} not read in:\n{seen}");
        }
        let guiding = folded(&format!("Leitfrage: {}", parameter.guiding_question));
        assert!(seen.contains(&guiding), "{guiding:?} not read in:\n{seen}");
        t.keys(&["2"]);
        t.wait_for(&format!("bewertet {}/42", n + 1));
    }
    let screen = t.wait_for("Wert 2,0");
    assert!(screen.contains("teilweise entwickelt"), "{screen}");
    t.keys(&["C-c"]);
    let list = t.db_tool(&["list"]);
    assert!(list.contains("0/110\t7/42"), "{list}");
}

#[test]
fn every_terminating_signal_restores_the_terminal() {
    for (signal, name) in [
        (libc::SIGTERM, "TERM"),
        (libc::SIGHUP, "HUP"),
        (libc::SIGINT, "INT"),
        (libc::SIGQUIT, "QUIT"),
    ] {
        let t = Tmux::new();
        let bytes = t.home.path().join(format!("pane-{name}.bytes"));
        t.start(&format!("{} demo", t.siegel()));
        t.wait_for("Fragen");
        // Everything the program writes to the terminal from here on.
        t.tmux(&[
            "pipe-pane",
            "-o",
            "-t",
            "t",
            &format!("cat >> {}", bytes.display()),
        ]);
        t.keys(&["j"]);
        let pid = t.pid();
        // SAFETY: sends a signal to the process this test started.
        unsafe { libc::kill(pid, signal) };
        wait_until_gone(pid, DEADLINE);
        let start = Instant::now();
        loop {
            let written = std::fs::read(&bytes).unwrap_or_default();
            let text = String::from_utf8_lossy(&written);
            if text.contains("\u{1b}[?1049l") && text.contains("\u{1b}[?25h") {
                assert!(
                    text.contains("\u{1b}[?2004l"),
                    "SIG{name}: bracketed paste stays on"
                );
                break;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "SIG{name}: no restore sequence in {:?}",
                text.chars().rev().take(80).collect::<String>()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}
