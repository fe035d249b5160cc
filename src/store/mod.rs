//! The SQLite store: one file holds every assessment, each change committed as it is made.
//!
//! Nothing here knows of the terminal. The CLI and the TUI use the typed API below; errors are
//! typed and the catalog words them.

mod bundle;
mod draft;
mod error;
mod goals;
mod migrations;
mod previous;
mod read;
mod second;
mod session;
mod signoff;
mod trail;
mod verify;
mod write;

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::fs::{self, OpenOptions};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::domain::definition::Definition;

pub use crate::domain::assessment::AssessmentState;
pub use draft::Draft;
pub use error::{GoalsRefusal, SecondRefusal, StoreError};
pub use goals::{AgreementImported, ReportImported, StoredAgreement, StoredReport};
pub use migrations::{MIGRATIONS, Migration, SCHEMA_VERSION};
pub use previous::{Candidate, Previous};
pub use read::{AssessmentSummary, TrailRow};
pub use session::{Lease, OpenMode, Session, release_lease};
pub use signoff::{SignOff, SignOffState};
pub use verify::{VerifyProblem, VerifyReport};
pub use write::{Edit, ReimportOutcome};

/// Marks a SQLite file as siegel's ("SGL1").
pub const APPLICATION_ID: i32 = 0x5347_4C31;

/// How long a write waits for another writer before it gives up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

pub type Result<T> = std::result::Result<T, StoreError>;

/// Errors inside a transaction: SQLite's get the store's path when they leave it.
enum Failure {
    Sqlite(rusqlite::Error),
    Store(StoreError),
}

impl From<rusqlite::Error> for Failure {
    fn from(e: rusqlite::Error) -> Self {
        Failure::Sqlite(e)
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure::Store(e)
    }
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Parsed definition snapshots by sha256: parsing is done once per definition.
    definitions: HashMap<String, Arc<Definition>>,
    /// Where timestamps come from; tests set a fixed clock.
    clock: fn() -> String,
    /// Who holds leases besides the machine and process: one session of a server that
    /// serves many auditors from one process ("SSH 3"). Without it a process is one holder.
    holder: Option<String>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (or creates) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_with(path, MIGRATIONS)
    }

    /// Opens a database that must exist already: for commands that only read, or change
    /// what is there. Nothing is created: a missing file or a link pointing nowhere is
    /// `NoDatabase`, an empty file `NotSiegel`.
    pub fn open_existing(path: &Path) -> Result<Store> {
        let metadata = fs::metadata(path).map_err(|_| StoreError::NoDatabase {
            path: path.to_path_buf(),
        })?;
        if metadata.len() == 0 {
            return Err(StoreError::NotSiegel {
                path: path.to_path_buf(),
            });
        }
        Store::open(path)
    }

    /// As `open`, with another list of migrations (tests of the migration machinery).
    pub fn open_with(path: &Path, migrations: &[Migration]) -> Result<Store> {
        let latest = migrations.last().map_or(0, |m| m.version);
        if fs::symlink_metadata(path).is_ok() && !path.exists() {
            // A link pointing nowhere: creating its target would write somewhere unexpected.
            return Err(StoreError::NoDatabase {
                path: path.to_path_buf(),
            });
        }
        let existing = path.exists() && fs::metadata(path).map(|m| m.len() > 0).unwrap_or(false);
        let found = if existing {
            // Look before writing anything: a file we refuse must stay as it was, with no
            // journal files left beside it.
            let journals = journal_files(path);
            let before: Vec<bool> = journals.iter().map(|j| j.exists()).collect();
            inspect(path, latest).inspect_err(|_| {
                for (journal, existed) in journals.iter().zip(before) {
                    if !existed {
                        let _ = fs::remove_file(journal);
                    }
                }
            })?
        } else {
            create_file(path)?;
            0
        };
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::from_sqlite(e, path))?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            definitions: HashMap::new(),
            clock: crate::clock::now,
            holder: None,
        };
        store.configure()?;
        if found < latest {
            if found > 0 {
                store.backup_before_migration(found, latest)?;
            }
            migrations::run(&mut store.conn, found, migrations).map_err(|(version, e)| {
                match StoreError::from_sqlite(e, path) {
                    StoreError::Database { reason, .. } => {
                        StoreError::Migration { version, reason }
                    }
                    other => other,
                }
            })?;
        }
        Ok(store)
    }

    fn configure(&self) -> Result<()> {
        self.conn
            .busy_timeout(BUSY_TIMEOUT)
            .and_then(|_| {
                self.conn.execute_batch(
                    "PRAGMA journal_mode = WAL;
                     PRAGMA synchronous = FULL;
                     PRAGMA foreign_keys = ON;",
                )
            })
            .map_err(|e| self.error(e))
    }

    fn backup_before_migration(&self, from: i64, to: i64) -> Result<()> {
        let stamp = (self.clock)().replace([':', '-'], "");
        let backup = self.path.with_file_name(format!(
            "{}.v{from}-before-v{to}-{stamp}.bak",
            self.path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("siegel.db")
        ));
        self.conn
            .execute("VACUUM INTO ?1", [backup.to_string_lossy()])
            .map_err(|e| self.error(e))?;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How long a write waits for another program's write to finish before giving up.
    pub fn set_busy_timeout(&self, timeout: Duration) -> Result<()> {
        self.conn.busy_timeout(timeout).map_err(|e| self.error(e))
    }

    /// Names this store's leases apart from other sessions of the same process: a server's
    /// sessions are as separate as two processes.
    pub fn set_lease_holder(&mut self, holder: String) {
        self.holder = Some(holder);
    }

    /// Replaces the clock, so that tests get fixed timestamps.
    pub fn set_clock(&mut self, clock: fn() -> String) {
        self.clock = clock;
    }

    fn error(&self, e: rusqlite::Error) -> StoreError {
        StoreError::from_sqlite(e, &self.path)
    }

    /// Every row of a query, mapped; SQLite's errors become the store's.
    fn query_all<T>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut statement = self.conn.prepare_cached(sql).map_err(|e| self.error(e))?;
        let rows = statement
            .query_map(params, map)
            .map_err(|e| self.error(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.error(e))
    }

    fn fail(&self, failure: Failure) -> StoreError {
        match failure {
            Failure::Sqlite(e) => self.error(e),
            Failure::Store(e) => e,
        }
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.error(e))
    }

    /// SQLite's own consistency check; `ok` when the file is sound.
    pub fn integrity_check(&self) -> Result<String> {
        self.conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| self.error(e))
    }
}

/// Reads the application id and schema version of an existing file without changing it.
fn inspect(path: &Path, latest: i64) -> Result<i64> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| StoreError::from_sqlite(e, path))?;
    conn.busy_timeout(BUSY_TIMEOUT)
        .map_err(|e| StoreError::from_sqlite(e, path))?;
    let header = |pragma: &str| -> Result<i64> {
        conn.query_row(&format!("PRAGMA {pragma}"), [], |r| r.get(0))
            .map_err(|e| StoreError::from_sqlite(e, path))
    };
    let application_id = header("application_id")?;
    let version = header("user_version")?;
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .map_err(|e| StoreError::from_sqlite(e, path))?;
    if application_id != i64::from(APPLICATION_ID) && (tables > 0 || version != 0) {
        return Err(StoreError::NotSiegel {
            path: path.to_path_buf(),
        });
    }
    if version > latest {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found: version,
            supported: latest,
        });
    }
    Ok(version)
}

/// The WAL and shared-memory files SQLite may put beside a database.
fn journal_files(path: &Path) -> [PathBuf; 2] {
    let with = |suffix: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    [with("-wal"), with("-shm")]
}

/// Creates an empty database file readable by its owner only (it holds a county's data).
fn create_file(path: &Path) -> Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(parent)
            .map_err(|e| StoreError::CannotOpen {
                path: path.to_path_buf(),
                reason: e.to_string(),
            })?;
    }
    OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(path)
        .map(drop)
        .map_err(|e| StoreError::CannotOpen {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })
}
