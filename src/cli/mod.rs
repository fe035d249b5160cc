//! The command line: argument parsing and the commands that need no terminal UI.

mod formats;
mod interactive;
mod report;
mod second;
mod store;

pub use formats::{list_questionnaires, validate};

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::catalog::{self, Lang};
use crate::domain::assessment::AssessmentId;
use crate::paths::Paths;
use crate::store::StoreError;
use crate::text::sanitize;
use crate::tui::Start;

/// Exit code of a run whose input was invalid (clap uses 2 for usage errors).
pub const EXIT_INVALID: u8 = 1;

#[derive(Debug, Parser)]
#[command(
    name = "siegel",
    version,
    about = "The auditor's tool for the audit familiengerechter Kreis / familiengerechte Kommune",
    long_about = None
)]
pub struct Args {
    /// Language of messages: de or en (default: SIEGEL_LANG, then LANG; German otherwise).
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,

    /// Another directory of questionnaire definitions (may be given more than once).
    #[arg(long = "questionnaires", global = true, value_name = "DIR")]
    pub questionnaire_dirs: Vec<PathBuf>,

    /// The database file (default: SIEGEL_DB, then siegel.db in the data directory).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Your name as the trail records it (default: SIEGEL_AUDITOR, then the login name).
    #[arg(long, global = true, value_name = "NAME")]
    pub auditor: Option<String>,

    /// Time zone of the times in reports and on screen (default: SIEGEL_TZ, then Europe/Berlin).
    #[arg(long, global = true, value_name = "ZONE")]
    pub time_zone: Option<String>,

    /// Open assessments read-only: look, change nothing.
    #[arg(long, global = true)]
    pub read_only: bool,

    /// Scroll with the mouse wheel (off by default, so that selecting text works).
    #[arg(long, global = true)]
    pub mouse: bool,

    /// Without a command, siegel opens the list of assessments.
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum BundleAction {
    /// Write a bundle: the second rating of ID for --for NAME, or the submitted second rating
    /// ID going back.
    Export {
        id: AssessmentId,
        /// The second auditor (for a bundle going out).
        #[arg(long = "for", value_name = "NAME")]
        second_auditor: Option<String>,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Read a bundle: a second rating to do here, or a submitted one coming back.
    Import { file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the sample county Landkreis Musterland (imported first if the database lacks it).
    Demo,
    /// Open one assessment.
    Open { id: AssessmentId },
    /// Check questionnaire definitions, county answers, Zielvereinbarungen and Jahresberichte;
    /// report every problem.
    Validate {
        /// Files to check; definitions among them are known to the answers checked with them,
        /// Zielvereinbarungen to the Jahresberichte.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// List the questionnaire definitions siegel knows, or with --diff what changed between
    /// two versions of one.
    Questionnaires {
        /// Two versions (id@version, e.g. fgk-kreis@2025.1, or definition files): every
        /// question added, removed, renamed or changed, field by field, and the changes to
        /// scale, quality parameters and rules.
        #[arg(long, num_args = 2, value_names = ["OLD", "NEW"])]
        diff: Option<Vec<String>>,
    },
    /// Import a county's answers as a new assessment (prints its id on the last line), or
    /// corrected answers into an existing one; or a Zielvereinbarung or Jahresbericht, attached
    /// to the audit it follows.
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The assessment that receives corrected answers.
        #[arg(long, value_name = "ID")]
        into: Option<AssessmentId>,
        /// With --into: take the assessment over from whoever edits it now.
        #[arg(long, requires = "into")]
        take_over: bool,
        /// The county's previous assessment that this Bilanzierung follows. Without it, a
        /// Bilanzierung is linked to the earlier assessment of the same county (by AGS, a
        /// finalised one preferred); when several could be meant, the import lists them.
        #[arg(long, value_name = "ID", conflicts_with = "into")]
        previous: Option<AssessmentId>,
    },
    /// List the assessments in the database.
    List {
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Show the history of an assessment.
    Log {
        id: AssessmentId,
        /// Only the changes concerning this field of action (e.g. HF2).
        #[arg(long, value_name = "FIELD")]
        field: Option<String>,
    },
    /// Check an assessment's trail, its stored snapshots, and that replaying the trail gives
    /// what the tables hold.
    Verify {
        id: AssessmentId,
        /// A trail state recorded in an export (at least its first 12 hex digits): it must
        /// still be in the trail.
        #[arg(long, value_name = "HASH", value_parser = store::trail_state)]
        head: Option<String>,
    },
    /// Compare a Bilanzierung with the audit it follows (or with --with ID, any earlier
    /// assessment of the county): per field of action the score then and now, the ratings
    /// and the answers that changed.
    Compare {
        id: AssessmentId,
        /// The assessment to compare with, instead of the linked previous one.
        #[arg(long, value_name = "ID")]
        with: Option<AssessmentId>,
        /// text (default) or json.
        #[arg(long, value_name = "FORMAT", default_value = "text", value_parser = ["text", "json"])]
        format: String,
    },
    /// Show the Zielvereinbarung of an assessment and where it stands, or draft the next one.
    ///
    /// The agreement attached to it, or for a Bilanzierung the last audit's: goals by field of
    /// action, each measure's status per year from the Jahresberichte, overdue measures,
    /// indicators against their targets, and in a Bilanzierung the achievement of each goal.
    Goals {
        id: AssessmentId,
        /// text (default) or json.
        #[arg(long, value_name = "FORMAT", default_value = "text", value_parser = ["text", "json"])]
        format: String,
        /// Instead: a Zielvereinbarung for the next period, drafted from the assessment's
        /// recommendations (one goal each), for the county to complete.
        #[arg(long, conflicts_with = "format")]
        draft: bool,
        /// With --draft: write to this file instead of standard output.
        #[arg(short, long, value_name = "FILE", requires = "draft")]
        output: Option<PathBuf>,
        /// With --output: replace the file if it exists.
        #[arg(long, requires = "output")]
        force: bool,
    },
    /// Start the second, independent rating of an assessment (Zweitprüfung) for another auditor.
    ///
    /// Prints its id on the last line. The second auditor sees the first rating only once
    /// theirs is submitted (finalised).
    SecondRating {
        id: AssessmentId,
        /// The second auditor, as the trail will name them. (Not `auditor`: that names who
        /// runs the command.)
        #[arg(long = "for", value_name = "NAME")]
        second_auditor: String,
    },
    /// Carry a second rating to another machine and back, without a server.
    ///
    /// `bundle export ID --for NAME -o FILE` writes what the second auditor rates (answers and
    /// questionnaire, nothing of the first rating); `bundle import FILE` opens it there as an
    /// assessment; once submitted, `bundle export` of that assessment writes the result, and
    /// `bundle import` on the first machine brings it into the second rating.
    Bundle {
        #[command(subcommand)]
        action: BundleAction,
    },
    /// Register an auditor's SSH public key (`--key FILE.pub`), or list the auditors.
    Auditor {
        name: Option<String>,
        /// An OpenSSH public key file (ssh-ed25519 …).
        #[arg(long, value_name = "FILE", requires = "name")]
        key: Option<PathBuf>,
    },
    /// Sign off a finalised assessment as its auditor or second auditor.
    ///
    /// An sshsig signature of its content hash, made by the ssh-agent or with --key; without a
    /// registered key the sign-off records name and hash, unsigned.
    Sign {
        id: AssessmentId,
        /// An unencrypted OpenSSH private key file, instead of the ssh-agent.
        #[arg(long, value_name = "FILE")]
        key: Option<PathBuf>,
    },
    /// How far the first and the second rating agree.
    ///
    /// Exact and within one level (%), weighted kappa (quadratic) and Krippendorff's alpha
    /// (ordinal), overall, per field of action and per quality parameter.
    Agreement {
        /// The assessment, or its second rating.
        id: AssessmentId,
        /// text (default) or json.
        #[arg(long, value_name = "FORMAT", default_value = "text", value_parser = ["text", "json"])]
        format: String,
    },
    /// Show how a score comes about: cells, weights, values, what was left out and why, the
    /// rated share, rounding and Ampel band.
    Explain {
        id: AssessmentId,
        /// One field of action (e.g. HF2); without it the overall score with every field.
        field: Option<String>,
    },
    /// Finalise an assessment: lock it once every cell is rated, every required rationale
    /// written and nothing waits for re-confirmation; otherwise list what is missing.
    Finalize {
        id: AssessmentId,
        /// Finalise although follow-up questions are still open (recorded in the trail).
        #[arg(long)]
        allow_open: bool,
        /// Take the assessment over from whoever edits it now.
        #[arg(long)]
        take_over: bool,
    },
    /// Reopen a finalised assessment for changes (recorded in the trail).
    Reopen {
        id: AssessmentId,
        /// Take the assessment over from whoever edits it now.
        #[arg(long)]
        take_over: bool,
    },
    /// Export an assessment: report (pdf, md, html), data (json), table (csv) or workbook (xlsx).
    Export {
        id: AssessmentId,
        #[arg(long, value_enum)]
        format: crate::export::Format,
        /// Write to this file (required for xlsx); without it, text formats go to stdout.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace the output file if it exists (without it, an existing file is refused).
        #[arg(long)]
        force: bool,
        /// csv: one row per rated cell (default) or per question.
        #[arg(long, value_enum)]
        part: Option<crate::export::Part>,
        /// csv: field separator, ';' (default, German Excel) or ','.
        #[arg(long, value_parser = report::separator)]
        separator: Option<char>,
        /// The association's copy, with internal notes (the county's copy leaves them out).
        #[arg(long)]
        internal: bool,
        /// pdf, html, md: an appendix with every answer of the county.
        #[arg(long)]
        answers: bool,
    },
    /// Print where siegel keeps its files.
    Paths,
    /// Serve the interface over SSH: each auditor logs in with their own key (`ssh -p 2222
    /// host`) and gets the whole interface; the trail records their name.
    Serve {
        /// Address and port to listen on.
        #[arg(long, default_value = "127.0.0.1:2222", value_name = "ADDR:PORT")]
        listen: std::net::SocketAddr,
        /// Who may log in: an OpenSSH authorized_keys file; `auditor="Name"` or the key's
        /// comment names the auditor.
        #[arg(long, value_name = "FILE")]
        authorized_keys: PathBuf,
        /// The server's host key, made on first start (default: in the data directory).
        #[arg(long, value_name = "FILE")]
        host_key: Option<PathBuf>,
        /// How long a connection may stay without input before it is closed (its work is
        /// saved anyway): seconds, minutes or hours, e.g. 90s, 60m, 8h.
        #[arg(long, default_value = "60m", value_parser = duration, value_name = "TIME")]
        idle_timeout: std::time::Duration,
        /// Sessions at once, in all.
        #[arg(long, default_value_t = 50, value_name = "N")]
        max_sessions: usize,
        /// Sessions at once with one key.
        #[arg(long, default_value_t = 3, value_name = "N")]
        max_per_key: usize,
    },
}

impl Args {
    pub fn lang(&self) -> Lang {
        self.lang.unwrap_or_else(Lang::from_env)
    }

    /// `--auditor`, else `SIEGEL_AUDITOR`, else the login name.
    pub fn auditor(&self) -> String {
        self.auditor
            .clone()
            .or_else(|| std::env::var("SIEGEL_AUDITOR").ok())
            .or_else(|| std::env::var("USER").ok())
            .filter(|name| !name.trim().is_empty())
            .unwrap_or_else(|| {
                crate::catalog::tui::Ui::UnknownAuditor
                    .text(self.lang())
                    .into()
            })
    }

    /// The definition directories in search order: `--questionnaires`, then the user's.
    pub fn definition_dirs(&self, paths: &Paths) -> Vec<PathBuf> {
        let mut dirs = self.questionnaire_dirs.clone();
        dirs.push(paths.questionnaires_dir.clone());
        dirs
    }
}

/// Runs a command and returns the process exit code. Errors of the store are reported to
/// `err` as sentences.
pub fn run(args: &Args, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let paths = Paths::resolve(args.db.as_deref());
    let lang = args.lang();
    let zone = (args.time_zone.clone())
        .or_else(|| std::env::var("SIEGEL_TZ").ok().filter(|z| !z.is_empty()))
        .unwrap_or_else(|| crate::clock::DEFAULT_ZONE.to_string());
    if let Err(unknown) = crate::clock::set_zone(&zone) {
        writeln!(
            err,
            "siegel: {}",
            sanitize(&catalog::unknown_zone(&unknown.0, lang))
        )?;
        return Ok(report::EXIT_USAGE);
    }
    let dirs = args.definition_dirs(&paths);
    let result = match &args.command {
        None => interactive::run(args, &paths, Start::List, err),
        Some(Command::Demo) => interactive::run(args, &paths, Start::Demo, err),
        Some(Command::Open { id }) => interactive::run(args, &paths, Start::Open(*id), err),
        Some(Command::Validate { files }) => Ok(formats::validate(files, &dirs, lang, out)?),
        Some(Command::Questionnaires { diff: None }) => {
            Ok(formats::list_questionnaires(&dirs, lang, out)?)
        }
        Some(Command::Questionnaires { diff: Some(pair) }) => {
            Ok(formats::diff_questionnaires(pair, &dirs, lang, out, err)?)
        }
        Some(Command::Paths) => Ok(store::print_paths(&paths, lang, out)?),
        Some(Command::Serve {
            listen,
            authorized_keys,
            host_key,
            idle_timeout,
            max_sessions,
            max_per_key,
        }) => {
            let options = crate::serve::Options {
                listen: *listen,
                authorized_keys: authorized_keys.clone(),
                host_key: host_key
                    .clone()
                    .unwrap_or_else(|| paths.data_dir.join("ssh_host_ed25519_key")),
                db: paths.db.clone(),
                definition_dirs: dirs.clone(),
                config_dir: paths.config_dir.clone(),
                idle_timeout: *idle_timeout,
                max_sessions: *max_sessions,
                max_per_key: *max_per_key,
                max_auth_attempts: 6,
                read_only: args.read_only,
            };
            serve(options, lang, out)
        }
        Some(Command::Import {
            file,
            into,
            take_over,
            previous,
        }) => {
            let target = match into {
                Some(id) => store::Target::Into(*id, *take_over),
                None => store::Target::New(*previous),
            };
            store::import(args, &paths, file, target, out)
        }
        Some(Command::List { json }) => store::list(&paths, *json, lang, out),
        Some(Command::Log { id, field }) => store::log(args, &paths, *id, field.as_deref(), out),
        Some(Command::Verify { id, head }) => {
            store::verify(&paths, *id, head.as_deref(), lang, out)
        }
        Some(Command::Compare { id, with, format }) => {
            report::compare(args, &paths, *id, *with, format == "json", out)
        }
        Some(Command::Goals {
            id,
            format,
            draft: false,
            ..
        }) => report::goals(args, &paths, *id, format == "json", out),
        Some(Command::Goals {
            id, output, force, ..
        }) => report::draft_goals(args, &paths, *id, output.as_deref(), *force, out, err),
        Some(Command::SecondRating { id, second_auditor }) => {
            second::second_rating(args, &paths, *id, second_auditor, out)
        }
        Some(Command::Bundle { action }) => second::bundle(args, &paths, action, out, err),
        Some(Command::Auditor { name, key }) => {
            second::auditor(args, &paths, name.as_deref(), key.as_deref(), out)
        }
        Some(Command::Sign { id, key }) => second::sign(args, &paths, *id, key.as_deref(), out),
        Some(Command::Agreement { id, format }) => {
            second::agreement(args, &paths, *id, format == "json", out)
        }
        Some(Command::Explain { id, field }) => {
            report::explain(args, &paths, *id, field.as_deref(), out, err)
        }
        Some(Command::Finalize {
            id,
            allow_open,
            take_over,
        }) => report::finalize(args, &paths, *id, *allow_open, *take_over, out, err),
        Some(Command::Reopen { id, take_over }) => {
            report::reopen(args, &paths, *id, *take_over, out)
        }
        Some(Command::Export {
            id,
            format,
            output,
            force,
            part,
            separator,
            internal,
            answers,
        }) => {
            let request = report::ExportRequest {
                id: *id,
                format: *format,
                output: output.as_deref(),
                force: *force,
                part: *part,
                separator: *separator,
                internal: *internal,
                answers: *answers,
            };
            report::export(args, &paths, &request, out, err)
        }
    };
    match result {
        Ok(code) => Ok(code),
        Err(Failure::Io(e)) => Err(e),
        Err(Failure::Exit(code)) => Ok(code),
        Err(Failure::Message(text)) => {
            writeln!(err, "siegel: {}", sanitize(&text))?;
            Ok(EXIT_INVALID)
        }
        Err(Failure::Store(e)) => {
            writeln!(err, "siegel: {}", sanitize(&catalog::store_error(&e, lang)))?;
            Ok(EXIT_INVALID)
        }
    }
}

/// "90s", "60m", "8h": a span for an option.
fn duration(text: &str) -> Result<std::time::Duration, String> {
    let (number, unit) = text.split_at(
        text.find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len()),
    );
    let seconds = match unit {
        "s" => 1,
        "m" | "" => 60,
        "h" => 3600,
        _ => return Err("expected seconds, minutes or hours: 90s, 60m, 8h".into()),
    };
    let number: u64 = number
        .parse()
        .map_err(|_| "expected a number: 90s, 60m, 8h".to_string())?;
    match number.checked_mul(seconds) {
        Some(0) | None => Err("expected a span above zero: 90s, 60m, 8h".into()),
        Some(total) => Ok(std::time::Duration::from_secs(total)),
    }
}

/// `siegel serve`: the database made ready first, so that a problem shows before anyone
/// connects; the log goes to standard error (the service's journal).
fn serve(options: crate::serve::Options, lang: Lang, out: &mut dyn Write) -> Outcome {
    // Standard error is locked by the command line for its own messages: the log writes to
    // a duplicate of the descriptor.
    // SAFETY: dup only copies a descriptor number this process owns.
    let log = unsafe { libc::dup(libc::STDERR_FILENO) };
    if log >= 0 {
        // SAFETY: `log` is a fresh descriptor owned by nothing else.
        let file = unsafe { <std::fs::File as std::os::fd::FromRawFd>::from_raw_fd(log) };
        let _ = tracing_subscriber::fmt()
            .with_writer(std::sync::Mutex::new(file))
            .with_ansi(false)
            .try_init();
    }
    drop(crate::store::Store::open(&options.db)?);
    crate::serve::run(options, lang, out).map_err(|e| {
        use crate::serve::ServeError;
        Failure::Message(match e {
            ServeError::AuthorizedKeys(problem) => {
                crate::catalog::tui::authorized_keys_problem(&problem, lang)
            }
            ServeError::Listen { address, source } => {
                crate::catalog::tui::cannot_listen(&address.to_string(), &source.to_string(), lang)
            }
            other => other.to_string(),
        })
    })?;
    Ok(0)
}

/// What ends a command early.
pub(crate) enum Failure {
    Io(io::Error),
    Store(StoreError),
    /// Ended with this exit code, everything said already.
    Exit(u8),
    /// A sentence for the user; exit code 1.
    Message(String),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Io(e)
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure::Store(e)
    }
}

pub(crate) type Outcome = Result<u8, Failure>;
