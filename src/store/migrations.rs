//! Schema migrations through `PRAGMA user_version`, each in one transaction.
//!
//! A migration is never edited once released; a change of schema is a new entry at the end.
//! `tests/fixtures/db/schema-v1.db` is a file of the first version that every later migration
//! must carry forward.

use rusqlite::{Connection, TransactionBehavior};

#[derive(Debug, Clone, Copy)]
pub struct Migration {
    pub version: i64,
    pub sql: &'static str,
}

pub const SCHEMA_VERSION: i64 = 8;

pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        sql: V1,
    },
    Migration {
        version: 2,
        sql: V2,
    },
    Migration {
        version: 3,
        sql: V3,
    },
    Migration {
        version: 4,
        sql: V4,
    },
    Migration {
        version: 5,
        sql: V5,
    },
    Migration {
        version: 6,
        sql: V6,
    },
    Migration {
        version: 7,
        sql: V7,
    },
    Migration {
        version: 8,
        sql: V8,
    },
];

const V1: &str = "
PRAGMA application_id = 1397181489;

-- Snapshots of questionnaire definitions in canonical JSON, shared by the assessments using them.
CREATE TABLE definition (
    sha256   TEXT PRIMARY KEY,
    id       TEXT NOT NULL,
    version  TEXT NOT NULL,
    json     TEXT NOT NULL
) STRICT;

CREATE TABLE assessment (
    id                 INTEGER PRIMARY KEY,
    county             TEXT NOT NULL,
    ags                TEXT NOT NULL,
    procedure          TEXT NOT NULL,
    reporting_date     TEXT NOT NULL,
    auditor            TEXT NOT NULL,
    definition_sha256  TEXT NOT NULL REFERENCES definition (sha256),
    status             TEXT NOT NULL CHECK (status IN ('in_progress', 'finalized')),
    revision           INTEGER NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    overall            TEXT NOT NULL DEFAULT '',
    final_hash         TEXT,
    question_total     INTEGER NOT NULL,
    cell_total         INTEGER NOT NULL
) STRICT;

-- Every answers file imported into an assessment, oldest first; the last one is current.
CREATE TABLE answers_import (
    assessment_id  INTEGER NOT NULL REFERENCES assessment (id),
    seq            INTEGER NOT NULL,
    sha256         TEXT NOT NULL,
    json           TEXT NOT NULL,
    imported_at    TEXT NOT NULL,
    auditor        TEXT NOT NULL,
    PRIMARY KEY (assessment_id, seq)
) STRICT;

CREATE TABLE question_review (
    assessment_id    INTEGER NOT NULL REFERENCES assessment (id),
    question_id      TEXT NOT NULL,
    reviewed         INTEGER NOT NULL DEFAULT 0,
    note             TEXT NOT NULL DEFAULT '',
    changed_in_import INTEGER,
    PRIMARY KEY (assessment_id, question_id)
) STRICT;

CREATE TABLE follow_up (
    id             INTEGER PRIMARY KEY,
    assessment_id  INTEGER NOT NULL REFERENCES assessment (id),
    question_id    TEXT NOT NULL,
    text           TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('open', 'answered', 'done')),
    created_at     TEXT NOT NULL
) STRICT;
CREATE INDEX follow_up_by_assessment ON follow_up (assessment_id);

CREATE TABLE cell (
    assessment_id         INTEGER NOT NULL REFERENCES assessment (id),
    field_id              TEXT NOT NULL,
    parameter_id          TEXT NOT NULL,
    rating                TEXT,
    rationale             TEXT NOT NULL DEFAULT '',
    needs_reconfirmation  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (assessment_id, field_id, parameter_id)
) STRICT;

CREATE TABLE finding (
    id             INTEGER PRIMARY KEY,
    assessment_id  INTEGER NOT NULL REFERENCES assessment (id),
    field_id       TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('strength', 'challenge', 'recommendation')),
    position       INTEGER NOT NULL,
    text           TEXT NOT NULL
) STRICT;
CREATE INDEX finding_by_assessment ON finding (assessment_id, field_id, kind, position);

-- Append-only history; each row's hash covers the previous row's hash and its own content.
CREATE TABLE trail (
    assessment_id  INTEGER NOT NULL REFERENCES assessment (id),
    n              INTEGER NOT NULL,
    at             TEXT NOT NULL,
    auditor        TEXT NOT NULL,
    entity         TEXT NOT NULL,
    key            TEXT NOT NULL,
    old            TEXT,
    new            TEXT,
    hash           TEXT NOT NULL,
    PRIMARY KEY (assessment_id, n)
) STRICT;
CREATE TRIGGER trail_is_append_only_update BEFORE UPDATE ON trail
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER trail_is_append_only_delete BEFORE DELETE ON trail
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

-- Who edits an assessment now.
CREATE TABLE lease (
    assessment_id  INTEGER PRIMARY KEY REFERENCES assessment (id),
    token          TEXT NOT NULL,
    auditor        TEXT NOT NULL,
    host           TEXT NOT NULL,
    pid            INTEGER NOT NULL,
    since          TEXT NOT NULL
) STRICT;
";

/// Answers snapshots are kept once per content (by sha256), however often the same file is
/// imported; an import names its snapshot.
const V2: &str = "
CREATE TABLE answers_snapshot (
    sha256  TEXT PRIMARY KEY,
    json    TEXT NOT NULL
) STRICT;
INSERT OR IGNORE INTO answers_snapshot (sha256, json)
    SELECT sha256, json FROM answers_import ORDER BY assessment_id, seq;

CREATE TABLE answers_import_by_snapshot (
    assessment_id  INTEGER NOT NULL REFERENCES assessment (id),
    seq            INTEGER NOT NULL,
    sha256         TEXT NOT NULL REFERENCES answers_snapshot (sha256),
    imported_at    TEXT NOT NULL,
    auditor        TEXT NOT NULL,
    PRIMARY KEY (assessment_id, seq)
) STRICT;
INSERT INTO answers_import_by_snapshot (assessment_id, seq, sha256, imported_at, auditor)
    SELECT assessment_id, seq, sha256, imported_at, auditor FROM answers_import;
DROP TABLE answers_import;
ALTER TABLE answers_import_by_snapshot RENAME TO answers_import;
CREATE INDEX answers_import_by_sha256 ON answers_import (sha256);
";

/// The head of each assessment's trail, kept beside it: a deleted last row no longer leaves a
/// chain that checks out.
const V3: &str = "
ALTER TABLE assessment ADD COLUMN trail_head TEXT NOT NULL DEFAULT '';
UPDATE assessment SET trail_head = coalesce(
    (SELECT hash FROM trail t WHERE t.assessment_id = assessment.id ORDER BY n DESC LIMIT 1), '');
";

/// Text typed in an editor and not saved yet, per auditor: kept across a kill, a lost terminal
/// or a take-over, and offered again when the field is opened. Not part of the trail: a draft
/// changes nothing in the assessment.
const V4: &str = "
CREATE TABLE draft (
    assessment_id  INTEGER NOT NULL REFERENCES assessment (id),
    target         TEXT NOT NULL,
    auditor        TEXT NOT NULL,
    text           TEXT NOT NULL,
    saved_at       TEXT NOT NULL,
    PRIMARY KEY (assessment_id, auditor, target)
) STRICT;
";

/// A Bilanzierung names the assessment it follows: the county's previous audit.
const V5: &str = "
ALTER TABLE assessment ADD COLUMN previous_id INTEGER REFERENCES assessment (id);
";

/// Zielvereinbarungen and Jahresberichte, kept once per content in canonical JSON like the
/// answers. A Zielvereinbarung is attached to the audit it follows; a corrected Jahresbericht
/// gets the next `seq` of its year, and the highest is the one that counts. A Bilanzierung
/// rates the achievement of each goal.
const V6: &str = "
CREATE TABLE goals_snapshot (
    sha256  TEXT PRIMARY KEY,
    json    TEXT NOT NULL
) STRICT;

CREATE TABLE agreement (
    id             INTEGER PRIMARY KEY,
    assessment_id  INTEGER NOT NULL REFERENCES assessment (id),
    name           TEXT NOT NULL,
    sha256         TEXT NOT NULL REFERENCES goals_snapshot (sha256),
    imported_at    TEXT NOT NULL,
    auditor        TEXT NOT NULL,
    UNIQUE (assessment_id, name)
) STRICT;

CREATE TABLE annual_report (
    agreement_id   INTEGER NOT NULL REFERENCES agreement (id),
    year           INTEGER NOT NULL,
    seq            INTEGER NOT NULL,
    sha256         TEXT NOT NULL REFERENCES goals_snapshot (sha256),
    imported_at    TEXT NOT NULL,
    auditor        TEXT NOT NULL,
    PRIMARY KEY (agreement_id, year, seq)
) STRICT;

-- The Bilanzierung's judgement of each goal of the last audit's Zielvereinbarung.
CREATE TABLE goal_rating (
    assessment_id  INTEGER NOT NULL REFERENCES assessment (id),
    goal           TEXT NOT NULL,
    achievement    TEXT CHECK (achievement IN
                     ('erreicht', 'teilweise_erreicht', 'nicht_erreicht', 'entfallen')),
    rationale      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (assessment_id, goal)
) STRICT;
";

/// A second, independent rating of an assessment (Zweitprüfung) is an assessment of its own:
/// the same answers and questionnaire, rated by the second auditor, linked to the first.
const V7: &str = "
ALTER TABLE assessment ADD COLUMN second_of INTEGER REFERENCES assessment (id);
CREATE UNIQUE INDEX one_second_rating ON assessment (second_of) WHERE second_of IS NOT NULL;
-- A second rating imported from a bundle: the first rating and the second rating it stands
-- for in the database the bundle came from (JSON), so that its result can go back.
ALTER TABLE assessment ADD COLUMN bundle_origin TEXT;

-- Where the two ratings differ, the level both auditors agreed, with its rationale. The
-- agreed level becomes the first assessment's rating; both original levels stay here (and in
-- the two trails).
CREATE TABLE consensus (
    assessment_id  INTEGER NOT NULL REFERENCES assessment (id),
    field_id       TEXT NOT NULL,
    parameter_id   TEXT NOT NULL,
    first          TEXT,
    second         TEXT,
    agreed         TEXT NOT NULL,
    rationale      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (assessment_id, field_id, parameter_id)
) STRICT;

-- Auditors by name, with the SSH public key they sign with (OpenSSH format), if any.
CREATE TABLE auditor (
    name        TEXT PRIMARY KEY,
    public_key  TEXT
) STRICT;

-- An auditor's sign-off of a finalised assessment: the content hash signed, and the sshsig
-- signature (PEM) with the key it was made with; no signature for an auditor without a key.
-- A sign-off holds while the assessment is finalised as it was when signed (same hash, same
-- finalisation: the trail row that set the status): a reopen ends it, even if finalising
-- again gives the same hash.
CREATE TABLE signoff (
    assessment_id  INTEGER NOT NULL REFERENCES assessment (id),
    auditor        TEXT NOT NULL,
    content_hash   TEXT NOT NULL,
    finalisation   INTEGER NOT NULL,
    signature      TEXT,
    public_key     TEXT,
    signed_at      TEXT NOT NULL,
    PRIMARY KEY (assessment_id, auditor, finalisation)
) STRICT;
";

/// A note can be internal: for the association, left out of the county's copy of a report.
const V8: &str = "
ALTER TABLE question_review ADD COLUMN internal INTEGER NOT NULL DEFAULT 0;
";

/// Applies every migration above `from`, each in its own transaction.
/// On failure, names the version that could not be applied; earlier ones stay applied.
pub fn run(
    conn: &mut Connection,
    from: i64,
    migrations: &[Migration],
) -> Result<(), (i64, rusqlite::Error)> {
    for migration in migrations.iter().filter(|m| m.version > from) {
        let apply = |conn: &mut Connection| -> rusqlite::Result<()> {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            tx.execute_batch(migration.sql)?;
            tx.pragma_update(None, "user_version", migration.version)?;
            tx.commit()
        };
        apply(conn).map_err(|e| (migration.version, e))?;
    }
    Ok(())
}
