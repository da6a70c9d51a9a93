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

/// Event types for the given term lists, most salient first (at most three).
pub fn event_kinds(headline_terms: &[String], lead_terms: &[String], body_terms: &[String]) -> Vec<String> {
    let hits = |terms: &[String]| {
        let mut counts = [0usize; KINDS.len()];
        terms.iter().filter_map(|t| KINDS_OF_TRIGGER.get(t.as_str())).flatten().for_each(|&i| counts[i] += 1);
        counts
    };
    let (headline, lead, body) = (hits(headline_terms), hits(lead_terms), hits(body_terms));
    let mut scored: Vec<(f64, usize)> = (0..KINDS.len())
        .map(|i| (3.0 * headline[i] as f64 + 2.0 * lead[i] as f64 + body[i] as f64, i))
        .filter(|(s, _)| *s > 0.0)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let top = scored.first().map_or(0.0, |s| s.0);
    scored.into_iter().filter(|(s, _)| *s >= 0.3 * top).take(3).map(|(_, i)| KINDS[i].0.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::event_kinds;
    use storyline_cluster::features::content_terms;

    #[test]
    fn headline_trigger_dominates() {
        let kinds = event_kinds(&content_terms("Leader arrives for state visit"), &content_terms("He landed in the capital."), &[]);
        assert_eq!(kinds.first().map(String::as_str), Some("visit"));
    }

    #[test]
    fn every_trigger_occurrence_counts() {
        let kinds = event_kinds(&content_terms("Talks"), &content_terms("They visited and visited and visited again."), &[]);
        assert_eq!(kinds, ["visit", "meeting"]);
    }

    #[test]
    fn no_trigger_no_kind() {
        assert!(event_kinds(&content_terms("Blue sky"), &[], &[]).is_empty());
    }
}
