//! The content hash of definitions and answers: sha256 over a canonical serialization.
//!
//! Canonical form: the parsed JSON without the top-level `$schema` key, written by serde_json
//! with object keys sorted by code point (its map is ordered), no white space, minimal string
//! escapes and numbers in shortest round-trip form. Re-indenting or reordering keys keeps the
//! hash; any change of content changes it. `docs/formats.md` describes the same steps.

use serde_json::Value;
use sha2::{Digest, Sha256};

/// The top-level object written without its `$schema` key, in place: a large document is
/// not copied to leave one key out.
struct WithoutSchema<'a>(&'a serde_json::Map<String, Value>);

impl serde::Serialize for WithoutSchema<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let entries = self.0.iter().filter(|(key, _)| *key != "$schema");
        let mut map = serializer.serialize_map(Some(entries.clone().count()))?;
        for (key, value) in entries {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

pub fn canonical_bytes(document: &Value) -> Vec<u8> {
    let bytes = match document {
        Value::Object(map) => serde_json::to_vec(&WithoutSchema(map)),
        other => serde_json::to_vec(other),
    };
    // Writing a Value into memory cannot fail: every key is a string.
    bytes.unwrap_or_default()
}

/// The canonical form as text: what the store keeps as a snapshot.
pub fn canonical_json(document: &Value) -> String {
    // serde_json writes UTF-8 only.
    String::from_utf8(canonical_bytes(document)).unwrap_or_default()
}

pub fn content_hash(document: &Value) -> String {
    hex(&Sha256::digest(canonical_bytes(document)))
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 0xf)] as char);
    }
    out
}

pub fn is_sha256_hex(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_and_key_order_do_not_change_the_hash() {
        let a: Value = serde_json::from_str(r#"{"b": 1, "a": [1.5, "ä"]}"#).unwrap();
        let b: Value =
            serde_json::from_str("{\n  \"$schema\": \"x\",\n  \"a\": [1.5, \"ä\"],\n  \"b\": 1\n}")
                .unwrap();
        assert_eq!(content_hash(&a), content_hash(&b));
        assert_eq!(
            canonical_bytes(&a),
            "{\"a\":[1.5,\"ä\"],\"b\":1}".as_bytes()
        );
    }

    #[test]
    fn content_changes_change_the_hash() {
        let a: Value = serde_json::from_str(r#"{"a": 1}"#).unwrap();
        let b: Value = serde_json::from_str(r#"{"a": 1.0}"#).unwrap();
        assert_ne!(content_hash(&a), content_hash(&b));
    }

    #[test]
    fn known_digest() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(is_sha256_hex(&sha256_hex(b"")));
        assert!(!is_sha256_hex("ABC"));
    }
}
