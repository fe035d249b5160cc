//! Versions of one questionnaire: how the questions of an older version correspond to those of
//! a newer one along the chain of `replaces` and `migration` (2025.1 → 2028.1 → …), and what
//! changed between two versions, field by field.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::definition::{Definition, Question};

/// Why two versions cannot be related.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainError {
    #[error("{old} and {new} are different questionnaires")]
    DifferentQuestionnaires { old: String, new: String },
    /// No chain of `replaces` leads from the newer version back to the older one among the
    /// known versions; `missing` is the version the chain needed and did not find.
    #[error("no chain from {new} back to {old}; version {missing} is not known")]
    NoChain {
        old: String,
        new: String,
        missing: String,
    },
    /// Following `replaces` from the newer version never reaches the older one: it is not an
    /// earlier version (or the two were given the wrong way round).
    #[error("{old} does not precede {new}")]
    NotAPredecessor { old: String, new: String },
    /// A version's migration does not say what became of a question of the version before, or
    /// where a question of its own came from.
    #[error("the migration of {version} does not account for {id}")]
    Unaccounted { version: String, id: String },
}

/// The versions from `old` to `new`, oldest first, found through `replaces` among `known`
/// (which may include `old` and `new`).
pub fn chain<'a>(
    old: &'a Definition,
    new: &'a Definition,
    known: &[&'a Definition],
) -> Result<Vec<&'a Definition>, ChainError> {
    if old.id != new.id {
        return Err(ChainError::DifferentQuestionnaires {
            old: old.id.clone(),
            new: new.id.clone(),
        });
    }
    let mut path = vec![new];
    let mut current = new;
    // A chain never has more links than there are versions; this also ends a cycle.
    while current.version != old.version && path.len() <= known.len() + 1 {
        let no_chain = |missing: &str| ChainError::NoChain {
            old: old.version.clone(),
            new: new.version.clone(),
            missing: missing.to_string(),
        };
        let Some(previous) = current.replaces.as_deref() else {
            return Err(ChainError::NotAPredecessor {
                old: old.version.clone(),
                new: new.version.clone(),
            });
        };
        current = if previous == old.version {
            old
        } else {
            known
                .iter()
                .copied()
                .find(|d| d.id == old.id && d.version == previous)
                .ok_or_else(|| no_chain(previous))?
        };
        path.push(current);
    }
    if current.version != old.version {
        return Err(ChainError::NotAPredecessor {
            old: old.version.clone(),
            new: new.version.clone(),
        });
    }
    path.reverse();
    Ok(path)
}

/// The question map from `old` to `new`: directly when `new` replaces `old`, else along the
/// chain through the definitions `known` gives, asked for only then, as reading them costs.
pub fn map_between<'a>(
    old: &'a Definition,
    new: &'a Definition,
    known: impl FnOnce() -> Vec<&'a Definition>,
) -> Result<QuestionMap, ChainError> {
    match chain(old, new, &[]) {
        Ok(chain) => QuestionMap::along(&chain),
        Err(_) => chain(old, new, &known()).and_then(|chain| QuestionMap::along(&chain)),
    }
}

/// How the questions of the oldest version of a chain correspond to those of the newest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionMap {
    /// Old id → new id, or `None` when the question was removed on the way.
    forward: HashMap<String, Option<String>>,
    /// New id → old id, for every new question with a predecessor.
    backward: HashMap<String, String>,
}

impl QuestionMap {
    /// Composes the migrations along a chain (oldest first).
    pub fn along(chain: &[&Definition]) -> Result<QuestionMap, ChainError> {
        let Some(first) = chain.first() else {
            return Ok(QuestionMap {
                forward: HashMap::new(),
                backward: HashMap::new(),
            });
        };
        let mut forward: HashMap<String, Option<String>> = first
            .questions()
            .map(|(_, _, q)| (q.id.clone(), Some(q.id.clone())))
            .collect();
        for pair in chain.windows(2) {
            let step = step(pair[0], pair[1])?;
            for target in forward.values_mut() {
                if let Some(id) = target {
                    *target = step.get(id.as_str()).cloned().flatten();
                }
            }
        }
        let backward = forward
            .iter()
            .filter_map(|(old, new)| Some((new.clone()?, old.clone())))
            .collect();
        Ok(QuestionMap { forward, backward })
    }

    /// What the old question is called now; `None` when it was removed.
    pub fn successor(&self, old: &str) -> Option<&str> {
        self.forward.get(old).and_then(|new| new.as_deref())
    }

    /// What the new question was called before; `None` when it is new.
    pub fn predecessor(&self, new: &str) -> Option<&str> {
        self.backward.get(new).map(String::as_str)
    }
}

/// One link of a chain: each question of `previous` → its id in `next`, or `None` if removed.
fn step(
    previous: &Definition,
    next: &Definition,
) -> Result<HashMap<String, Option<String>>, ChainError> {
    let (map, unaccounted) = link(previous, next);
    match unaccounted.into_iter().next() {
        Some(id) => Err(ChainError::Unaccounted {
            version: next.version.clone(),
            id,
        }),
        None => Ok(map),
    }
}

/// Every question the migration of `next` does not account for: questions of `previous`
/// neither kept, renamed nor removed, then questions of `next` neither kept, renamed to nor
/// added.
pub fn unaccounted(previous: &Definition, next: &Definition) -> Vec<String> {
    link(previous, next).1
}

/// The question map of one link, and the questions its migration does not account for.
fn link(
    previous: &Definition,
    next: &Definition,
) -> (HashMap<String, Option<String>>, Vec<String>) {
    let next_ids: HashSet<&str> = next.questions().map(|(_, _, q)| q.id.as_str()).collect();
    let migration = next
        .migration
        .as_ref()
        .filter(|m| m.from_version == previous.version);
    let renamed: HashMap<&str, &str> = migration
        .map(|m| {
            m.renamed
                .iter()
                .map(|r| (r.from.as_str(), r.to.as_str()))
                .collect()
        })
        .unwrap_or_default();
    let removed: HashSet<&str> = migration
        .map(|m| m.removed.iter().map(String::as_str).collect())
        .unwrap_or_default();
    let added: HashSet<&str> = migration
        .map(|m| m.added.iter().map(String::as_str).collect())
        .unwrap_or_default();
    let mut map = HashMap::new();
    let mut unaccounted = Vec::new();
    for (_, _, question) in previous.questions() {
        let id = question.id.as_str();
        let target = if let Some(to) = renamed.get(id) {
            Some(to.to_string())
        } else if removed.contains(id) {
            None
        } else if next_ids.contains(id) {
            Some(id.to_string())
        } else {
            unaccounted.push(id.to_string());
            None
        };
        map.insert(id.to_string(), target);
    }
    let reached: HashSet<&str> = map.values().flatten().map(String::as_str).collect();
    // In questionnaire order, so that reports are stable.
    unaccounted.extend(
        next.questions()
            .map(|(_, _, q)| q.id.as_str())
            .filter(|id| !reached.contains(id) && !added.contains(id))
            .map(str::to_string),
    );
    (map, unaccounted)
}

/// What differs in one question between two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Aspect {
    /// A new id for the question.
    Renamed,
    /// Another kind of answer: the answers are not comparable as they are.
    Kind,
    Text,
    Help,
    Options,
    /// Columns or fixed rows of a table or list.
    Structure,
    Unit,
    /// Bounds or length.
    Range,
    Condition,
    Required,
    QualityParameters,
}

/// A question as it changed between two versions.
#[derive(Debug, Clone, PartialEq)]
pub enum QuestionChange<'a> {
    Added(&'a Question),
    Removed(&'a Question),
    Changed {
        old: &'a Question,
        new: &'a Question,
        aspects: Vec<Aspect>,
    },
}

/// A quality parameter as it changed; `None` on a side where it does not exist.
#[derive(Debug, Clone, PartialEq)]
pub struct ParameterChange<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub old_weight: Option<f64>,
    pub new_weight: Option<f64>,
    /// Description, guiding question or anchors reworded.
    pub reworded: bool,
}

/// The changes in one field of action (by its id, which stays).
#[derive(Debug, Clone, PartialEq)]
pub struct FieldDiff<'a> {
    pub id: &'a str,
    pub label: &'a str,
    /// The parameters rated in this field, where they changed: (old, new).
    pub parameters: Option<(&'a [String], &'a [String])>,
    pub weight: Option<(f64, f64)>,
    /// Topics renamed or added/removed: (id, old label, new label).
    pub topics: Vec<(&'a str, Option<&'a str>, Option<&'a str>)>,
    pub questions: Vec<QuestionChange<'a>>,
}

/// What changed from one version of a questionnaire to another.
#[derive(Debug, Clone, PartialEq)]
pub struct VersionDiff<'a> {
    pub old: &'a Definition,
    pub new: &'a Definition,
    /// The scale's levels (values and labels) differ: ratings are not comparable as they are.
    pub scale_changed: bool,
    /// The scoring rules (aggregation, nicht zutreffend, minimum share, rounding, bands) differ.
    pub rules_changed: bool,
    pub parameters: Vec<ParameterChange<'a>>,
    /// Fields with any change, in the newer version's order.
    pub fields: Vec<FieldDiff<'a>>,
}

impl VersionDiff<'_> {
    pub fn is_empty(&self) -> bool {
        !self.scale_changed
            && !self.rules_changed
            && self.parameters.is_empty()
            && self.fields.is_empty()
    }
}

/// Compares two versions with the question map between them.
pub fn diff<'a>(old: &'a Definition, new: &'a Definition, map: &QuestionMap) -> VersionDiff<'a> {
    let levels = |d: &Definition| -> Vec<(i32, String)> {
        d.scale
            .levels
            .iter()
            .map(|l| (l.value, l.label.clone()))
            .collect()
    };
    let rules_changed =
        serde_json::to_value(&old.rules).ok() != serde_json::to_value(&new.rules).ok();
    let mut parameters = Vec::new();
    let old_parameters: BTreeMap<&str, _> = old
        .quality_parameters
        .iter()
        .map(|p| (p.id.as_str(), p))
        .collect();
    for p in &new.quality_parameters {
        let before = old_parameters.get(p.id.as_str());
        let reworded = before.is_some_and(|b| {
            b.description != p.description
                || b.guiding_question != p.guiding_question
                || b.anchors != p.anchors
                || b.label != p.label
        });
        let old_weight = before.map(|b| b.weight);
        if old_weight != Some(p.weight) || reworded {
            parameters.push(ParameterChange {
                id: &p.id,
                label: &p.label,
                old_weight,
                new_weight: Some(p.weight),
                reworded,
            });
        }
    }
    for p in &old.quality_parameters {
        if !new.quality_parameters.iter().any(|n| n.id == p.id) {
            parameters.push(ParameterChange {
                id: &p.id,
                label: &p.label,
                old_weight: Some(p.weight),
                new_weight: None,
                reworded: false,
            });
        }
    }

    // Every question change, filed under the field it belongs to now (or belonged to).
    let mut by_field: BTreeMap<&str, Vec<QuestionChange<'a>>> = BTreeMap::new();
    let field_of = |d: &'a Definition, f: usize| d.fields_of_action[f].id.as_str();
    let old_questions = old.questions_by_id();
    for (f, _, question) in new.questions() {
        let change = match map
            .predecessor(&question.id)
            .and_then(|id| old_questions.get(id).copied())
        {
            None => Some(QuestionChange::Added(question)),
            Some(before) => {
                let aspects = aspects(before, question);
                (!aspects.is_empty()).then_some(QuestionChange::Changed {
                    old: before,
                    new: question,
                    aspects,
                })
            }
        };
        by_field.entry(field_of(new, f)).or_default().extend(change);
    }
    for (f, _, question) in old.questions() {
        if map.successor(&question.id).is_none() {
            by_field
                .entry(field_of(old, f))
                .or_default()
                .push(QuestionChange::Removed(question));
        }
    }

    let mut fields = Vec::new();
    for field in &new.fields_of_action {
        let before = old.fields_of_action.iter().find(|f| f.id == field.id);
        let parameters = before
            .filter(|b| b.quality_parameters != field.quality_parameters)
            .map(|b| {
                (
                    b.quality_parameters.as_slice(),
                    field.quality_parameters.as_slice(),
                )
            });
        let weight = before
            .filter(|b| b.weight != field.weight)
            .map(|b| (b.weight, field.weight));
        let mut topics = Vec::new();
        for topic in &field.topics {
            let old_topic = before.and_then(|b| b.topics.iter().find(|t| t.id == topic.id));
            match old_topic {
                Some(t) if t.label == topic.label && t.description == topic.description => {}
                Some(t) => topics.push((
                    topic.id.as_str(),
                    Some(t.label.as_str()),
                    Some(topic.label.as_str()),
                )),
                None => topics.push((topic.id.as_str(), None, Some(topic.label.as_str()))),
            }
        }
        for topic in before.map(|b| b.topics.as_slice()).unwrap_or_default() {
            if !field.topics.iter().any(|t| t.id == topic.id) {
                topics.push((topic.id.as_str(), Some(topic.label.as_str()), None));
            }
        }
        let questions = by_field.remove(field.id.as_str()).unwrap_or_default();
        if parameters.is_some() || weight.is_some() || !topics.is_empty() || !questions.is_empty() {
            fields.push(FieldDiff {
                id: &field.id,
                label: &field.label,
                parameters,
                weight,
                topics,
                questions,
            });
        }
    }
    VersionDiff {
        old,
        new,
        scale_changed: levels(old) != levels(new),
        rules_changed,
        parameters,
        fields,
    }
}

/// What differs between a question and its successor.
fn aspects(old: &Question, new: &Question) -> Vec<Aspect> {
    let mut aspects = Vec::new();
    let mut differs = |aspect, different: bool| {
        if different {
            aspects.push(aspect);
        }
    };
    differs(Aspect::Renamed, old.id != new.id);
    differs(Aspect::Kind, old.kind != new.kind);
    differs(Aspect::Text, old.text != new.text);
    differs(Aspect::Help, old.help != new.help);
    differs(Aspect::Options, old.options != new.options);
    differs(
        Aspect::Structure,
        old.columns != new.columns
            || old.rows != new.rows
            || old.rows_per_municipality != new.rows_per_municipality,
    );
    differs(Aspect::Unit, old.unit != new.unit);
    differs(
        Aspect::Range,
        old.min != new.min || old.max != new.max || old.max_length != new.max_length,
    );
    differs(Aspect::Condition, old.condition != new.condition);
    differs(Aspect::Required, old.required != new.required);
    differs(
        Aspect::QualityParameters,
        old.quality_parameters != new.quality_parameters,
    );
    aspects
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaires::shipped;

    fn shipped_pair() -> (Definition, Definition) {
        let known = shipped();
        let old = (*known[0].definition).clone();
        let new = (*known[1].definition).clone();
        (old, new)
    }

    #[test]
    fn the_shipped_versions_chain_and_map_their_questions() {
        let (old, new) = shipped_pair();
        let path = chain(&old, &new, &[]).unwrap();
        assert_eq!(path.len(), 2);
        let map = QuestionMap::along(&path).unwrap();
        assert_eq!(map.successor("HF6.T3.F01"), Some("HF6.T3.F01a"));
        assert_eq!(map.successor("HF1.T1.F01"), Some("HF1.T1.F01"));
        assert_eq!(map.successor("HF2.T3.F03"), None);
        assert_eq!(map.predecessor("HF2.T3.F04"), None);
        assert_eq!(map.predecessor("HF5.T2.F02a"), Some("HF5.T2.F02"));
    }

    /// A third version made from the second: one more rename, one removal.
    fn third(new: &Definition) -> Definition {
        let mut third = new.clone();
        third.version = "2031.1".into();
        third.replaces = Some(new.version.clone());
        for field in &mut third.fields_of_action {
            for topic in &mut field.topics {
                topic.questions.retain(|q| q.id != "HF4.T4.F05");
                for q in &mut topic.questions {
                    if q.id == "HF6.T3.F01a" {
                        q.id = "HF6.T3.F01b".into();
                    }
                    if let Some(c) = &mut q.condition
                        && c.question == "HF6.T3.F01a"
                    {
                        c.question = "HF6.T3.F01b".into();
                    }
                }
            }
        }
        third.migration = Some(super::super::definition::Migration {
            from_version: new.version.clone(),
            renamed: vec![super::super::definition::Rename {
                from: "HF6.T3.F01a".into(),
                to: "HF6.T3.F01b".into(),
            }],
            removed: vec!["HF4.T4.F05".into()],
            added: vec![],
        });
        third
    }

    #[test]
    fn a_chain_of_three_versions_composes_the_migrations() {
        let (old, new) = shipped_pair();
        let third = third(&new);
        let path = chain(&old, &third, &[&new]).unwrap();
        let versions: Vec<&str> = path.iter().map(|d| d.version.as_str()).collect();
        assert_eq!(versions, ["2025.1", "2028.1", "2031.1"]);
        let map = QuestionMap::along(&path).unwrap();
        assert_eq!(map.successor("HF6.T3.F01"), Some("HF6.T3.F01b"));
        assert_eq!(map.predecessor("HF6.T3.F01b"), Some("HF6.T3.F01"));
        // Added in the middle, removed at the end: no trace either side.
        assert_eq!(map.predecessor("HF4.T4.F05"), None);
        // Without the middle version there is no chain, and it says which is missing.
        assert_eq!(
            chain(&old, &third, &[]),
            Err(ChainError::NoChain {
                old: "2025.1".into(),
                new: "2031.1".into(),
                missing: "2028.1".into()
            })
        );
        // Backwards is no chain either.
        assert_eq!(
            chain(&third, &old, &[&new]),
            Err(ChainError::NotAPredecessor {
                old: "2031.1".into(),
                new: "2025.1".into()
            })
        );
    }

    #[test]
    fn a_migration_that_forgets_a_question_is_refused() {
        let (old, mut new) = shipped_pair();
        if let Some(m) = &mut new.migration {
            m.removed.retain(|id| id != "HF2.T4.F02");
            m.added.retain(|id| id != "HF2.T3.F04");
        }
        let path = chain(&old, &new, &[]).unwrap();
        assert_eq!(
            QuestionMap::along(&path),
            Err(ChainError::Unaccounted {
                version: "2028.1".into(),
                id: "HF2.T4.F02".into()
            })
        );
    }

    #[test]
    fn the_diff_of_the_shipped_versions_names_every_kind_of_change() {
        let (old, new) = shipped_pair();
        let map = QuestionMap::along(&chain(&old, &new, &[]).unwrap()).unwrap();
        let diff = diff(&old, &new, &map);
        assert!(!diff.scale_changed && !diff.rules_changed);
        assert_eq!(diff.parameters.len(), 1);
        assert_eq!(
            (
                diff.parameters[0].id,
                diff.parameters[0].old_weight,
                diff.parameters[0].new_weight
            ),
            ("QP-BET", Some(1.0), Some(1.5))
        );
        let hf6 = diff.fields.iter().find(|f| f.id == "HF6").unwrap();
        let senior = hf6
            .questions
            .iter()
            .find_map(|c| match c {
                QuestionChange::Changed { new, aspects, .. } if new.id == "HF6.T3.F01a" => {
                    Some(aspects.clone())
                }
                _ => None,
            })
            .unwrap();
        assert!(
            senior.starts_with(&[Aspect::Renamed, Aspect::Kind]),
            "{senior:?}"
        );
        let hf2 = diff.fields.iter().find(|f| f.id == "HF2").unwrap();
        assert_eq!(
            hf2.topics,
            vec![(
                "HF2.T3",
                Some("Randzeiten-, Ferien- und Notfallbetreuung"),
                Some("Betreuung in Randzeiten, Ferien und Notfällen")
            )]
        );
        let kinds = |field: &FieldDiff| {
            let mut added = 0;
            let mut removed = 0;
            for c in &field.questions {
                match c {
                    QuestionChange::Added(_) => added += 1,
                    QuestionChange::Removed(_) => removed += 1,
                    QuestionChange::Changed { .. } => {}
                }
            }
            (added, removed)
        };
        assert_eq!(kinds(hf2), (1, 2));
        // Reworded: same id, other text.
        let hf4 = diff.fields.iter().find(|f| f.id == "HF4").unwrap();
        assert!(hf4.questions.iter().any(|c| matches!(c,
            QuestionChange::Changed { new, aspects, .. }
                if new.id == "HF4.T1.F02" && aspects == &vec![Aspect::Text])));
        // The same version compared with itself shows nothing.
        let same = QuestionMap::along(&[&old]).unwrap();
        assert!(super::diff(&old, &old, &same).is_empty());
    }
}
