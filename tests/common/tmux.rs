//! A tmux server of a test's own, so tests never touch the user's sessions: start panes at
//! 80×24, type into them, read their screens and wait for text, with a deadline.

use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub struct Tmux {
    socket: String,
    deadline: Duration,
}

impl Tmux {
    /// A new server; every wait gives up after `deadline`.
    pub fn new(name: &str, deadline: Duration) -> Tmux {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        Tmux {
            socket: format!("siegel-{name}-{}-{n}", std::process::id()),
            deadline,
        }
    }

    fn command(&self, args: &[&str]) -> Command {
        // -u: UTF-8 whatever the locale of the machine running the tests says.
        let mut command = Command::new("tmux");
        command.arg("-u").arg("-L").arg(&self.socket).args(args);
        command
    }

    pub fn tmux(&self, args: &[&str]) -> String {
        let output = self.command(args).output().expect("tmux runs");
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    pub fn succeeds(&self, args: &[&str]) -> bool {
        self.command(args)
            .output()
            .is_ok_and(|o| o.status.success())
    }

    /// Starts `command` (run by sh) in a new 80×24 session named `target`.
    pub fn start(&self, target: &str, command: &str) {
        let args = [
            "new-session",
            "-d",
            "-s",
            target,
            "-x",
            "80",
            "-y",
            "24",
            command,
        ];
        // A server that is still going away (after kill-server, or when its last pane died)
        // refuses the new session: try again until the session is there.
        let start = Instant::now();
        while !self.succeeds(&args) && !self.succeeds(&["has-session", "-t", target]) {
            assert!(
                start.elapsed() < self.deadline,
                "tmux never started the session"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn keys(&self, target: &str, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", target];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    pub fn screen(&self, target: &str) -> String {
        self.tmux(&["capture-pane", "-p", "-t", target])
    }

    pub fn wait_for(&self, target: &str, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen(target);
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < self.deadline,
                "waited for {text:?}; the screen shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The process running in the pane.
    pub fn pane_pid(&self, target: &str) -> i32 {
        let text = self.tmux(&["display-message", "-p", "-t", target, "#{pane_pid}"]);
        text.trim().parse().expect("a pane pid")
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.tmux(&["kill-server"]);
    }
}
