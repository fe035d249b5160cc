//! Who may come in: an `authorized_keys` file in OpenSSH's format, one key per auditor. The
//! auditor's name is the `auditor="…"` option, else the key's comment; that name is what the
//! trail records for their changes. Every problem names the file and line.

use std::path::Path;

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Auditor {
    pub name: String,
    /// The key as OpenSSH writes it without its comment: "ssh-ed25519 AAAA…".
    pub key: String,
    /// "SHA256:…", as `ssh-keygen -l` shows it.
    pub fingerprint: String,
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum AuthorizedKeysError {
    #[error("{file}: {problem}")]
    Read { file: String, problem: String },
    #[error("{file}:{line}: {problem}")]
    Line {
        file: String,
        line: usize,
        problem: String,
    },
    #[error("{file}: no keys: nobody could log in")]
    Empty { file: String },
}

/// The fields of a line, with quoted strings kept whole: `auditor="Anna Prüfer",restrict`.
fn fields(line: &str) -> Vec<&str> {
    let mut fields = Vec::new();
    let mut start = None;
    let mut quoted = false;
    for (index, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ' ' | '\t' if !quoted => {
                if let Some(s) = start.take() {
                    fields.push(&line[s..index]);
                }
                continue;
            }
            _ => {}
        }
        start.get_or_insert(index);
    }
    if let Some(s) = start {
        fields.push(&line[s..]);
    }
    fields
}

/// Options that change nothing here: a session never forwards anything anyway.
const HARMLESS: [&str; 5] = [
    "restrict",
    "no-port-forwarding",
    "no-agent-forwarding",
    "no-x11-forwarding",
    "no-user-rc",
];

/// The auditor's name from a line's options (`auditor="…"`). Any option the server would not
/// honour (`from=`, `command=`, `expiry-time=`, …) is refused rather than silently ignored.
fn auditor_option(options: &str) -> Result<Option<String>, String> {
    let mut auditor = None;
    let mut rest = options;
    while !rest.is_empty() {
        // One option: up to a comma outside quotes.
        let mut quoted = false;
        let end = rest
            .char_indices()
            .find(|&(_, c)| {
                if c == '"' {
                    quoted = !quoted;
                }
                c == ',' && !quoted
            })
            .map_or(rest.len(), |(i, _)| i);
        if quoted {
            return Err("an option's quote is not closed".into());
        }
        let option = &rest[..end];
        rest = rest.get(end + 1..).unwrap_or("");
        if let Some(value) = option.strip_prefix("auditor=") {
            let name = value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .ok_or("auditor= wants a quoted name: auditor=\"Dr. Anna Prüfer\"")?;
            auditor = Some(name.trim().to_string());
        } else if !HARMLESS.contains(&option.to_ascii_lowercase().as_str()) {
            let name = option.split('=').next().unwrap_or(option);
            return Err(format!(
                "siegel serve does not support the option {name}; only auditor=\"…\" and restrict"
            ));
        }
    }
    Ok(auditor)
}

fn is_key_type(field: &str) -> bool {
    field.starts_with("ssh-") || field.starts_with("ecdsa-") || field.starts_with("sk-")
}

pub fn parse(file: &str, text: &str) -> Result<Vec<Auditor>, AuthorizedKeysError> {
    let mut auditors: Vec<Auditor> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line_error = |problem: String| AuthorizedKeysError::Line {
            file: file.to_string(),
            line: index + 1,
            problem,
        };
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields = fields(line);
        let (options, rest) = match fields.first() {
            Some(first) if is_key_type(first) => ("", &fields[..]),
            Some(first) => (*first, &fields[1..]),
            None => continue,
        };
        if options.matches('"').count() % 2 == 1 {
            return Err(line_error("an option's quote is not closed".into()));
        }
        let [kind, blob, comment @ ..] = rest else {
            return Err(line_error("expected a key type and a key".into()));
        };
        let key = ssh_key::PublicKey::from_openssh(&format!("{kind} {blob}"))
            .map_err(|e| line_error(format!("not a public key: {e}")))?;
        let name = auditor_option(options)
            .map_err(line_error)?
            .filter(|n| !n.is_empty())
            .or_else(|| Some(comment.join(" ")).filter(|c| !c.trim().is_empty()))
            .ok_or_else(|| {
                line_error("the key names no auditor: add a comment or auditor=\"Name\"".into())
            })?;
        if name
            .chars()
            .any(|c| c.is_control() || crate::text::is_format_control(c))
        {
            return Err(line_error(
                "the auditor's name has control characters".into(),
            ));
        }
        let key_text = format!("{kind} {blob}");
        if let Some(earlier) = auditors.iter().find(|a| a.key == key_text) {
            return Err(line_error(format!(
                "the same key is already listed for {}",
                earlier.name
            )));
        }
        auditors.push(Auditor {
            name,
            key: key_text,
            fingerprint: key.fingerprint(ssh_key::HashAlg::Sha256).to_string(),
        });
    }
    if auditors.is_empty() {
        return Err(AuthorizedKeysError::Empty {
            file: file.to_string(),
        });
    }
    Ok(auditors)
}

pub fn load(path: &Path) -> Result<Vec<Auditor>, AuthorizedKeysError> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| AuthorizedKeysError::Read {
        file: file.clone(),
        problem: e.to_string(),
    })?;
    parse(&file, &text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ANNA: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMUhe6WS8tlelGpDv61l/KP+gUUW39gbAOQ5yJ4RIF74";

    #[test]
    fn names_come_from_the_option_or_the_comment() {
        let text = format!(
            "# Auditorinnen\n{ANNA} anna@laptop\n\nrestrict,auditor=\"Dr. Bernd Zweit\" {} bernd\n",
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE5TVBxPzfbdyvCw52sErlHgTb4ukGlsVP31aorRHDpb"
        );
        let auditors = parse("keys", &text).unwrap();
        assert_eq!(auditors.len(), 2);
        assert_eq!(auditors[0].name, "anna@laptop");
        assert_eq!(auditors[1].name, "Dr. Bernd Zweit");
        assert!(auditors[0].fingerprint.starts_with("SHA256:"));
        assert_eq!(auditors[0].key, ANNA);
    }

    #[test]
    fn every_problem_names_the_file_and_line() {
        assert_eq!(
            parse("keys", &format!("{ANNA} a\n{ANNA}\n"))
                .unwrap_err()
                .to_string(),
            "keys:2: the key names no auditor: add a comment or auditor=\"Name\""
        );
        assert_eq!(
            parse("keys", "\nssh-ed25519 AAAA kaputt\n")
                .unwrap_err()
                .to_string()[..26],
            *"keys:2: not a public key: "
        );
        assert_eq!(
            parse("keys", &format!("{ANNA} a\n{ANNA} b\n"))
                .unwrap_err()
                .to_string(),
            "keys:2: the same key is already listed for a"
        );
        assert_eq!(
            parse("keys", "# nur ein Kommentar\n")
                .unwrap_err()
                .to_string(),
            "keys: no keys: nobody could log in"
        );
        assert_eq!(
            parse("keys", "restrict\n").unwrap_err().to_string(),
            "keys:1: expected a key type and a key"
        );
        assert_eq!(
            parse("keys", &format!("audtor=\"Anna\" {ANNA}\n"))
                .unwrap_err()
                .to_string(),
            "keys:1: siegel serve does not support the option audtor; only auditor=\"…\" and restrict"
        );
        assert_eq!(
            parse("keys", &format!("from=\"10.0.0.0/8\" {ANNA} a\n"))
                .unwrap_err()
                .to_string(),
            "keys:1: siegel serve does not support the option from; only auditor=\"…\" and restrict"
        );
        assert_eq!(
            parse("keys", &format!("auditor=\"Anna {ANNA} a\n"))
                .unwrap_err()
                .to_string(),
            "keys:1: an option's quote is not closed"
        );
    }
}
