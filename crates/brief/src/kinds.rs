//! Event types from trigger words, in the spirit of CAMEO/PLOVER categories.
//! A type scores by its triggers' stems in headlines (×3), lead sentences (×2) and
//! the rest of the body (×1).

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

/// Event types for the given term lists, most salient first (at most three).
pub fn event_kinds(headline_terms: &[String], lead_terms: &[String], body_terms: &[String]) -> Vec<String> {
    let mut scored: Vec<(f64, usize)> = KINDS
        .iter()
        .enumerate()
        .map(|(i, (_, triggers))| {
            let hits = |terms: &[String]| terms.iter().filter(|t| triggers.contains(&t.as_str())).count() as f64;
            (3.0 * hits(headline_terms) + 2.0 * hits(lead_terms) + hits(body_terms), i)
        })
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
    fn no_trigger_no_kind() {
        assert!(event_kinds(&content_terms("Blue sky"), &[], &[]).is_empty());
    }
}
