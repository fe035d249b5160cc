//! Reading the typed formats straight from the positioned tree, and writing its canonical
//! form from it: a large document is decoded and hashed without first becoming a
//! `serde_json::Value`.

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use super::json::{Member, Node, Spanned};

/// Why a tree does not fit the type (the schema check has said most of it already).
#[derive(Debug)]
pub struct DecodeError(String);

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DecodeError {}

impl de::Error for DecodeError {
    fn custom<T: std::fmt::Display>(message: T) -> Self {
        DecodeError(message.to_string())
    }
}

/// Decodes a value of type `T` from the tree.
pub fn decode<T: de::DeserializeOwned>(root: &Spanned<'_>) -> Result<T, DecodeError> {
    T::deserialize(root)
}

impl<'de> de::Deserializer<'de> for &'de Spanned<'_> {
    type Error = DecodeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match &self.node {
            Node::Null => visitor.visit_unit(),
            Node::Bool(b) => visitor.visit_bool(*b),
            Node::Number(n, _) => {
                if let Some(u) = n.as_u64() {
                    visitor.visit_u64(u)
                } else if let Some(i) = n.as_i64() {
                    visitor.visit_i64(i)
                } else {
                    visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            Node::String(s) => visitor.visit_borrowed_str(s),
            Node::Array(items) => visitor.visit_seq(Items(items.iter())),
            Node::Object(members) => visitor.visit_map(Members {
                members: members.iter(),
                value: None,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.node {
            Node::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        match &self.node {
            Node::String(s) => visitor.visit_enum(s.as_ref().into_deserializer()),
            _ => Err(de::Error::custom("expected a string naming a variant")),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
        ignored_any
    }
}

struct Items<'de, 'a>(std::slice::Iter<'de, Spanned<'a>>);

impl<'de> SeqAccess<'de> for Items<'de, '_> {
    type Error = DecodeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DecodeError> {
        self.0.next().map(|item| seed.deserialize(item)).transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Members<'de, 'a> {
    members: std::slice::Iter<'de, Member<'a>>,
    value: Option<&'de Spanned<'a>>,
}

impl<'de> MapAccess<'de> for Members<'de, '_> {
    type Error = DecodeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DecodeError> {
        match self.members.next() {
            Some(member) => {
                self.value = Some(&member.value);
                let key: de::value::BorrowedStrDeserializer<'de, DecodeError> =
                    de::value::BorrowedStrDeserializer::new(&member.key);
                seed.deserialize(key).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, DecodeError> {
        match self.value.take() {
            Some(value) => seed.deserialize(value),
            None => Err(de::Error::custom("a value without its key")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.members.len())
    }
}

/// The canonical form of a document (see `hash`): object keys sorted by code point, the
/// top-level `$schema` left out. Written by serde_json, so it is byte for byte what the
/// same document as a `serde_json::Value` gives.
pub struct Canonical<'a>(pub &'a Spanned<'a>);

struct Sorted<'a> {
    node: &'a Spanned<'a>,
    top: bool,
}

impl Serialize for Canonical<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Sorted {
            node: self.0,
            top: true,
        }
        .serialize(serializer)
    }
}

impl Serialize for Sorted<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.node.node {
            Node::Null => serializer.serialize_unit(),
            Node::Bool(b) => serializer.serialize_bool(*b),
            Node::Number(n, _) => n.serialize(serializer),
            Node::String(s) => serializer.serialize_str(s),
            Node::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&Sorted {
                        node: item,
                        top: false,
                    })?;
                }
                seq.end()
            }
            Node::Object(members) => {
                let mut sorted: Vec<&Member> = members
                    .iter()
                    .filter(|m| !(self.top && m.key == "$schema"))
                    .collect();
                sorted.sort_by(|a, b| a.key.cmp(&b.key));
                let mut map = serializer.serialize_map(Some(sorted.len()))?;
                for member in sorted {
                    map.serialize_entry(
                        &member.key,
                        &Sorted {
                            node: &member.value,
                            top: false,
                        },
                    )?;
                }
                map.end()
            }
        }
    }
}

/// The canonical text of a document.
pub fn canonical_text(root: &Spanned<'_>) -> String {
    // Writing into memory cannot fail, and serde_json writes UTF-8 only.
    serde_json::to_string(&Canonical(root)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_canonical_text_is_the_values_canonical_text() {
        let text = r#"{"$schema": "x", "b": [1, 2.5, -3, 1e3, "ü\n"], "a": {"z": null, "y": true}, "c": 12345678901234567890123}"#;
        let tree = super::super::json::parse(text).unwrap().root;
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(
            canonical_text(&tree),
            super::super::hash::canonical_json(&value)
        );
    }

    #[test]
    fn the_shipped_formats_decode_from_the_tree_as_from_a_value() {
        use crate::questionnaires::{SAMPLE_ANSWERS, SHIPPED_DEFINITIONS};
        for text in [SHIPPED_DEFINITIONS[0].1, SAMPLE_ANSWERS.1] {
            let tree = super::super::json::parse(text).unwrap().root;
            let value = tree.to_value();
            if text == SAMPLE_ANSWERS.1 {
                let direct: crate::domain::answers::Answers = decode(&tree).unwrap();
                let via: crate::domain::answers::Answers = serde_json::from_value(value).unwrap();
                assert_eq!(direct, via);
            } else {
                let direct: crate::domain::definition::Definition = decode(&tree).unwrap();
                let via: crate::domain::definition::Definition =
                    serde_json::from_value(value).unwrap();
                assert_eq!(direct, via);
            }
        }
    }
}
