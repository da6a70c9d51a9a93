//! The demo corpus: per event and entity type, at least 80 % of the gold key entities must be
//! among the canonical names of the mentions in the event's articles after corpus resolution.
//! Agency credits ("AFP", "Reuters") are article metadata the pipeline adds as organisations,
//! so the gold `credit` of each document counts as found.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use storyline_analyze::entities::find_mentions;
use storyline_analyze::resolve::resolve_corpus;
use storyline_analyze::sentences;
use storyline_model::{Analysis, AnalyzedArticle, Article, EntityKind};

fn seeds() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds")
}

fn article(body: String, credits: Vec<String>) -> AnalyzedArticle {
    let sentences = sentences::split(&body);
    let mentions = find_mentions(&body, &sentences);
    AnalyzedArticle {
        article: Article { credits, ..Article::new(String::new(), body) },
        analysis: Analysis { language: "en".into(), sentences, mentions, times: Vec::new(), quantities: Vec::new() },
    }
}

#[test]
fn seed_key_entities_recall() {
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(seeds().join("../gold/seeds.json")).unwrap()).unwrap();
    let docs = gold["documents"].as_object().unwrap();
    let mut names: Vec<&String> = docs.keys().collect();
    names.sort();
    let mut articles = Vec::new();
    let mut event_of = Vec::new();
    for name in names {
        let doc = &docs[name];
        let text = std::fs::read_to_string(seeds().join(name)).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let body: Vec<&str> = doc["body_lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| lines[n.as_u64().unwrap() as usize - 1].trim())
            .collect();
        let credits = doc["credit"].as_str().map(|c| vec![c.to_string()]).unwrap_or_default();
        articles.push(article(body.join("\n\n"), credits));
        event_of.push(doc["event"].as_str().unwrap().to_string());
    }
    resolve_corpus(&mut articles);

    let mut failures = Vec::new();
    for (event, spec) in gold["events"].as_object().unwrap() {
        let mut found: BTreeMap<EntityKind, BTreeSet<String>> = BTreeMap::new();
        for (a, ev) in articles.iter().zip(&event_of) {
            if ev != event {
                continue;
            }
            for m in &a.analysis.mentions {
                found.entry(m.kind).or_default().insert(m.canonical.clone());
            }
            for c in &a.article.credits {
                found.entry(EntityKind::Organization).or_default().insert(c.clone());
            }
        }
        for (kind_name, wanted) in spec["key_entities"].as_object().unwrap() {
            let kind = EntityKind::ALL.into_iter().find(|k| k.as_str() == kind_name).unwrap();
            let wanted: Vec<&str> = wanted.as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
            let got = found.get(&kind).cloned().unwrap_or_default();
            let misses: Vec<&str> = wanted.iter().copied().filter(|w| !got.contains(*w)).collect();
            let recall = 1.0 - misses.len() as f64 / wanted.len() as f64;
            println!("event {event} {kind_name}: recall {recall:.2}, misses {misses:?}");
            if recall < 0.8 {
                failures.push(format!("{event}/{kind_name}: {recall:.2} {misses:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "recall below 80 %: {failures:?}");
}
