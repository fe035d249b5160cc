//! One editor at a time: a lease names who edits an assessment, and every write names the
//! revision it was based on.

use rusqlite::{OptionalExtension, TransactionBehavior, params};

use super::{Result, Store, StoreError};
use crate::domain::assessment::{Assessment, AssessmentId};

/// How an assessment is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Edit; refused while another live editor holds the lease.
    Edit,
    /// Edit, taking the lease over from whoever holds it (recorded in the trail).
    TakeOver,
    /// Look only; no lease, every write refused.
    ReadOnly,
}

/// Who holds an assessment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lease {
    pub auditor: String,
    pub host: String,
    pub pid: i64,
    pub since: String,
}

/// An open assessment: who works on it and which revision their view is based on.
#[derive(Debug, Clone)]
pub struct Session {
    pub assessment_id: AssessmentId,
    pub auditor: String,
    pub revision: i64,
    pub read_only: bool,
    /// Identifies this session's lease; empty when read-only.
    pub(super) token: String,
}

impl Session {
    /// Identifies the lease, so that it can be given back from elsewhere (on a hang-up).
    pub fn lease_token(&self) -> &str {
        &self.token
    }
}

/// Gives a lease back through a connection of its own: used when the process is ending on a
/// signal and the store of the main thread cannot be reached.
pub fn release_lease(path: &std::path::Path, id: AssessmentId, token: &str) {
    if let Ok(conn) = rusqlite::Connection::open(path) {
        let _ = conn.busy_timeout(std::time::Duration::from_millis(200));
        let _ = conn.execute(
            "DELETE FROM lease WHERE assessment_id = ?1 AND token = ?2",
            params![id, token],
        );
    }
}

pub(super) fn hostname() -> String {
    let mut buffer = [0u8; 256];
    // SAFETY: the buffer is valid for its length; gethostname writes at most that many bytes.
    let result = unsafe { libc::gethostname(buffer.as_mut_ptr().cast(), buffer.len()) };
    if result != 0 {
        return "unknown".into();
    }
    let end = buffer.iter().position(|&b| b == 0).unwrap_or(buffer.len());
    String::from_utf8_lossy(&buffer[..end]).into_owned()
}

/// A token no other session has: host, process, wall-clock nanoseconds and a counter.
fn new_token(host: &str, pid: i64) -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    crate::domain::hash::sha256_hex(format!("{host}:{pid}:{nanos}:{count}").as_bytes())
}

fn read_lease(conn: &rusqlite::Connection, id: AssessmentId) -> rusqlite::Result<Option<Lease>> {
    conn.query_row(
        "SELECT auditor, host, pid, since FROM lease WHERE assessment_id = ?1",
        [id],
        |r| {
            Ok(Lease {
                auditor: r.get(0)?,
                host: r.get(1)?,
                pid: r.get(2)?,
                since: r.get(3)?,
            })
        },
    )
    .optional()
}

/// Whether a process runs: it exists and is not a zombie waiting to be reaped.
fn process_alive(pid: i64) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    if pid <= 0 {
        return false;
    }
    // SAFETY: signal 0 only checks that the process exists; nothing is sent.
    let exists = unsafe { libc::kill(pid, 0) } == 0
        || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM);
    if !exists {
        return false;
    }
    // On Linux the state follows the command name: "pid (comm) S …"; Z and X have ended.
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| !rest.trim_start().starts_with(['Z', 'X'])),
        Err(_) => true,
    }
}

impl Store {
    /// Opens an assessment for work and loads it.
    pub fn open_session(
        &mut self,
        id: AssessmentId,
        auditor: &str,
        mode: OpenMode,
    ) -> Result<(Session, Assessment)> {
        self.check_blind(id, auditor)?;
        // Someone else than its auditor only looks at a second rating.
        let mode = if self.second_rating_of_another(id, auditor)? {
            OpenMode::ReadOnly
        } else {
            mode
        };
        let session = match mode {
            OpenMode::ReadOnly => Session {
                assessment_id: id,
                auditor: auditor.to_string(),
                revision: 0,
                read_only: true,
                token: String::new(),
            },
            OpenMode::Edit | OpenMode::TakeOver => {
                self.acquire_lease(id, auditor, mode == OpenMode::TakeOver)?
            }
        };
        let assessment = self.load(id)?;
        let session = Session {
            revision: assessment.revision,
            ..session
        };
        Ok((session, assessment))
    }

    /// The current holder of an assessment, if any.
    pub fn lease(&self, id: AssessmentId) -> Result<Option<Lease>> {
        read_lease(&self.conn, id).map_err(|e| self.error(e))
    }

    fn acquire_lease(
        &mut self,
        id: AssessmentId,
        auditor: &str,
        take_over: bool,
    ) -> Result<Session> {
        let machine = hostname();
        // A server's session holds its leases as "machine · SSH 3": one process, many holders.
        let host = match &self.holder {
            Some(holder) => format!("{machine} · {holder}"),
            None => machine.clone(),
        };
        let pid = i64::from(std::process::id());
        let now = (self.clock)();
        let token = new_token(&host, pid);
        let path = self.path.clone();
        let err = |e| StoreError::from_sqlite(e, &path);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let exists: bool = tx
            .query_row("SELECT 1 FROM assessment WHERE id = ?1", [id], |_| Ok(true))
            .optional()
            .map_err(err)?
            .unwrap_or(false);
        if !exists {
            return Err(StoreError::NoSuchAssessment(id));
        }
        let holder = read_lease(&tx, id).map_err(err)?;
        let mut taken_from = None;
        if let Some(holder) = holder {
            let ours = holder.host == host && holder.pid == pid;
            let same_machine = holder.host.split(" · ").next() == Some(machine.as_str());
            let dead = same_machine && !process_alive(holder.pid);
            if !(ours || dead || take_over) {
                return Err(StoreError::LeaseHeld {
                    auditor: holder.auditor,
                    host: holder.host,
                    pid: holder.pid,
                    since: holder.since,
                });
            }
            if take_over && !ours && !dead {
                taken_from = Some(holder);
            }
        }
        tx.execute(
            "INSERT INTO lease (assessment_id, token, auditor, host, pid, since)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (assessment_id) DO UPDATE SET
               token = excluded.token, auditor = excluded.auditor, host = excluded.host,
               pid = excluded.pid, since = excluded.since",
            params![id, token, auditor, host, pid, now],
        )
        .map_err(err)?;
        if let Some(holder) = taken_from {
            // A take-over changes who may write: it goes into the trail like any change.
            super::trail::append(
                &tx,
                id,
                &now,
                auditor,
                &super::trail::Entry {
                    entity: "lease",
                    key: String::new(),
                    old: Some(format!("{}@{}:{}", holder.auditor, holder.host, holder.pid)),
                    new: Some(format!("{auditor}@{host}:{pid}")),
                },
            )
            .map_err(err)?;
        }
        tx.commit().map_err(err)?;
        Ok(Session {
            assessment_id: id,
            auditor: auditor.to_string(),
            revision: 0,
            read_only: false,
            token,
        })
    }

    /// Gives the lease back (on quitting); a lease already taken over is left alone.
    pub fn close_session(&mut self, session: &Session) -> Result<()> {
        if session.read_only {
            return Ok(());
        }
        self.conn
            .execute(
                "DELETE FROM lease WHERE assessment_id = ?1 AND token = ?2",
                params![session.assessment_id, session.token],
            )
            .map(drop)
            .map_err(|e| self.error(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_is_alive_and_pid_zero_is_not() {
        assert!(process_alive(i64::from(std::process::id())));
        assert!(!process_alive(0));
        assert!(!process_alive(-1));
        assert!(!hostname().is_empty());
    }
}
