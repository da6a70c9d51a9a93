//! Event types from trigger words, in the spirit of CAMEO/PLOVER categories.
//! A type scores by its triggers' stems in headlines (×3), lead sentences (×2) and
//! the rest of the body (×1).

use std::collections::HashMap;
use std::sync::LazyLock;

/// (type, trigger stems). Stems are matched against `content_terms` output.
const KINDS: &[(&str, &[&str])] = &[
    ("visit", &["visit", "arriv", "trip", "tour", "land"]),
    ("invitation", &["invit", "invite"]),
    ("phone call", &["telephon", "phone", "call"]),
    ("meeting", &["meet", "talk", "summit", "met"]),
    ("agreement", &["agreement", "sign", "memorandum", "deal", "pact", "accord", "treati"]),
    ("criticism", &["critic", "criticis", "criticiz", "oppos", "condemn", "accus", "denounc"]),
    ("statement", &["statement", "announc", "declar"]),
    ("attack", &["attack", "bomb", "shoot", "strike", "assault", "gunmen"]),
    ("casualties", &["kill", "dead", "death", "injur", "wound", "casualti"]),
    ("protest", &["protest", "demonstr", "ralli", "march"]),
    ("election", &["elect", "vote", "ballot", "poll", "inaugur", "sworn"]),
    ("legal action", &["arrest", "warrant", "charg", "court", "sentenc", "trial", "indict", "su"]),
    ("disaster", &["earthquak", "quak", "flood", "storm", "hurrican", "typhoon", "wildfir", "tsunami"]),
    ("accident", &["crash", "collis", "derail", "explos", "collaps"]),
    ("military action", &["troop", "missil", "airstrik", "invas", "offens", "drill"]),
    ("economic", &["trade", "export", "import", "tariff", "invest", "market", "price"]),
];

/// The kinds (indices into `KINDS`) each trigger stem belongs to.
static KINDS_OF_TRIGGER: LazyLock<HashMap<&'static str, Vec<usize>>> = LazyLock::new(|| {
    let mut kinds_of: HashMap<&'static str, Vec<usize>> = HashMap::new();
    for (i, (_, triggers)) in KINDS.iter().enumerate() {
        for trigger in *triggers {
            let kinds = kinds_of.entry(trigger).or_default();
            if !kinds.contains(&i) {
                kinds.push(i);
            }
        }
    }
    kinds_of
});

/// Where a trigger was found: its weight in [`TriggerCounts::kinds`].
#[derive(Debug, Clone, Copy)]
pub enum Part {
    Headline,
    Lead,
    Body,
}

/// Trigger occurrences per kind, by part of the articles.
#[derive(Debug, Default)]
pub struct TriggerCounts {
    counts: [[usize; KINDS.len()]; 3],
}

impl TriggerCounts {
    pub fn add(&mut self, part: Part, stem: &str) {
        for &i in KINDS_OF_TRIGGER.get(stem).into_iter().flatten() {
            self.counts[part as usize][i] += 1;
        }
    }

    /// Event types, most salient first (at most three).
    pub fn kinds(&self) -> Vec<String> {
        let [headline, lead, body] = &self.counts;
        let mut scored: Vec<(f64, usize)> = (0..KINDS.len())
            .map(|i| (3.0 * headline[i] as f64 + 2.0 * lead[i] as f64 + body[i] as f64, i))
            .filter(|(s, _)| *s > 0.0)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let top = scored.first().map_or(0.0, |s| s.0);
        scored.into_iter().filter(|(s, _)| *s >= 0.3 * top).take(3).map(|(_, i)| KINDS[i].0.to_string()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::{Part, TriggerCounts};
    use storyline_cluster::features::for_each_content_term;

    fn event_kinds(headline: &str, lead: &str) -> Vec<String> {
        let mut counts = TriggerCounts::default();
        for_each_content_term(headline, |t| counts.add(Part::Headline, t));
        for_each_content_term(lead, |t| counts.add(Part::Lead, t));
        counts.kinds()
    }

    #[test]
    fn headline_trigger_dominates() {
        let kinds = event_kinds("Leader arrives for state visit", "He landed in the capital.");
        assert_eq!(kinds.first().map(String::as_str), Some("visit"));
    }

    #[test]
    fn every_trigger_occurrence_counts() {
        let kinds = event_kinds("Talks", "They visited and visited and visited again.");
        assert_eq!(kinds, ["visit", "meeting"]);
    }

    #[test]
    fn no_trigger_no_kind() {
        assert!(event_kinds("Blue sky", "").is_empty());
    }
}
