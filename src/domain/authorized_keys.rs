//! Who may come into `siegel serve`: an `authorized_keys` file in OpenSSH's format, one key
//! per auditor. The auditor's name is the `auditor="…"` option, else the key's comment; that
//! name is what the trail records for their changes. Every problem names the file and line;
//! its words are in the catalog.

use std::path::Path;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Auditor {
    pub name: String,
    /// The key as OpenSSH writes it without its comment: "ssh-ed25519 AAAA…".
    pub key: String,
    /// "SHA256:…", as `ssh-keygen -l` shows it.
    pub fingerprint: String,
}

/// A problem with the file, at a line where there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorizedKeysError {
    pub file: String,
    pub line: Option<usize>,
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The file could not be read.
    Read(String),
    /// No key in the file: nobody could log in.
    Empty,
    MissingKey,
    /// The key did not parse.
    NotAKey(String),
    NoName,
    ControlInName,
    /// The same key listed before, for this auditor.
    Duplicate(String),
    /// An option the server would not honour.
    UnsupportedOption(String),
    UnclosedQuote,
    AuditorNotQuoted,
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
fn auditor_option(options: &str) -> Result<Option<String>, Problem> {
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
            return Err(Problem::UnclosedQuote);
        }
        let option = &rest[..end];
        rest = rest.get(end + 1..).unwrap_or("");
        if let Some(value) = option.strip_prefix("auditor=") {
            let name = value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .ok_or(Problem::AuditorNotQuoted)?;
            auditor = Some(name.trim().to_string());
        } else if !HARMLESS.contains(&option.to_ascii_lowercase().as_str()) {
            let name = option.split('=').next().unwrap_or(option);
            return Err(Problem::UnsupportedOption(name.to_string()));
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
        let line_error = |problem: Problem| AuthorizedKeysError {
            file: file.to_string(),
            line: Some(index + 1),
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
            return Err(line_error(Problem::UnclosedQuote));
        }
        let [kind, blob, comment @ ..] = rest else {
            return Err(line_error(Problem::MissingKey));
        };
        let key = ssh_key::PublicKey::from_openssh(&format!("{kind} {blob}"))
            .map_err(|e| line_error(Problem::NotAKey(e.to_string())))?;
        let name = auditor_option(options)
            .map_err(line_error)?
            .filter(|n| !n.is_empty())
            .or_else(|| Some(comment.join(" ")).filter(|c| !c.trim().is_empty()))
            .ok_or_else(|| line_error(Problem::NoName))?;
        if name
            .chars()
            .any(|c| c.is_control() || crate::text::is_format_control(c))
        {
            return Err(line_error(Problem::ControlInName));
        }
        let key_text = format!("{kind} {blob}");
        if let Some(earlier) = auditors.iter().find(|a| a.key == key_text) {
            return Err(line_error(Problem::Duplicate(earlier.name.clone())));
        }
        auditors.push(Auditor {
            name,
            key: key_text,
            fingerprint: key.fingerprint(ssh_key::HashAlg::Sha256).to_string(),
        });
    }
    if auditors.is_empty() {
        return Err(AuthorizedKeysError {
            file: file.to_string(),
            line: None,
            problem: Problem::Empty,
        });
    }
    Ok(auditors)
}

pub fn load(path: &Path) -> Result<Vec<Auditor>, AuthorizedKeysError> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| AuthorizedKeysError {
        file: file.clone(),
        line: None,
        problem: Problem::Read(e.to_string()),
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

    fn problem(text: &str) -> (Option<usize>, Problem) {
        let error = parse("keys", text).unwrap_err();
        assert_eq!(error.file, "keys");
        (error.line, error.problem)
    }

    #[test]
    fn every_problem_names_its_line() {
        assert_eq!(
            problem(&format!("{ANNA} a\n{ANNA}\n")),
            (Some(2), Problem::NoName)
        );
        assert!(matches!(
            problem("\nssh-ed25519 AAAA kaputt\n"),
            (Some(2), Problem::NotAKey(_))
        ));
        assert_eq!(
            problem(&format!("{ANNA} a\n{ANNA} b\n")),
            (Some(2), Problem::Duplicate("a".into()))
        );
        assert_eq!(problem("# nur ein Kommentar\n"), (None, Problem::Empty));
        assert_eq!(problem("restrict\n"), (Some(1), Problem::MissingKey));
        assert_eq!(
            problem(&format!("audtor=\"Anna\" {ANNA}\n")),
            (Some(1), Problem::UnsupportedOption("audtor".into()))
        );
        assert_eq!(
            problem(&format!("from=\"10.0.0.0/8\" {ANNA} a\n")),
            (Some(1), Problem::UnsupportedOption("from".into()))
        );
        assert_eq!(
            problem(&format!("auditor=\"Anna {ANNA} a\n")),
            (Some(1), Problem::UnclosedQuote)
        );
        assert_eq!(
            problem(&format!("auditor=Anna {ANNA} a\n")),
            (Some(1), Problem::AuditorNotQuoted)
        );
        assert_eq!(
            problem(&format!("{ANNA} Anna\u{1b}[2J\n")),
            (Some(1), Problem::ControlInName)
        );
    }
}
