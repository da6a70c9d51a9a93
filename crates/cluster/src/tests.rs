use jiff::civil::{Date, date};
use storyline_model::{Analysis, AnalyzedArticle, Article, EntityKind, Mention, Span};

use super::*;

/// An article whose mentions are every occurrence of the given names.
pub(crate) fn article(headline: &str, body: &str, names: &[(&str, EntityKind)]) -> AnalyzedArticle {
    let mut mentions = Vec::new();
    for (name, kind) in names {
        for (start, _) in body.match_indices(name) {
            let span = Span::new(start, start + name.len());
            mentions.push(Mention { span, text: name.to_string(), kind: *kind, canonical: name.to_string() });
        }
    }
    mentions.sort_by_key(|m| m.span);
    AnalyzedArticle {
        article: Article { id: headline.into(), title: Some(headline.into()), headline: headline.into(), ..Article::new(headline, body) },
        analysis: Analysis { language: "en".into(), sentences: vec![], mentions, times: vec![], quantities: vec![] },
    }
}

const P: EntityKind = EntityKind::Person;
const L: EntityKind = EntityKind::Location;

fn corpus() -> (Vec<AnalyzedArticle>, Vec<Option<Date>>) {
    let articles = vec![
        article("Quake hits Izmir", "A strong earthquake struck Izmir, killing 20 people and toppling buildings. Rescuers searched rubble.", &[("Izmir", L)]),
        article("Izmir earthquake toll rises", "Rescuers pulled survivors from the rubble in Izmir after the earthquake toppled buildings.", &[("Izmir", L)]),
        article("New quake shakes Izmir", "Another earthquake struck Izmir, damaging buildings; rescuers searched the rubble again.", &[("Izmir", L)]),
        article("Erdogan visits Izmir", "Erdogan visited Izmir to meet survivors of the earthquake and promised new housing.", &[("Erdogan", P), ("Izmir", L)]),
    ];
    let dates = vec![Some(date(2020, 10, 30)), Some(date(2020, 10, 31)), Some(date(2020, 12, 20)), None];
    (articles, dates)
}

fn groups(events: &[EventCluster]) -> Vec<Vec<usize>> {
    let mut g: Vec<Vec<usize>> = events.iter().map(|e| {
        let mut m = e.members.clone();
        m.sort();
        m
    }).collect();
    g.sort();
    g
}

#[test]
fn look_alike_events_apart_in_time_stay_apart() {
    let (articles, dates) = corpus();
    let features = article_features(&articles[..3]);
    let events = cluster_events(&features, &dates[..3], &Config::default());
    assert_eq!(groups(&events), vec![vec![0, 1], vec![2]]);
}

#[test]
fn every_article_in_exactly_one_event() {
    let (articles, dates) = corpus();
    let features = article_features(&articles);
    let events = cluster_events(&features, &dates, &Config::default());
    let mut all: Vec<usize> = events.iter().flat_map(|e| e.members.clone()).collect();
    all.sort();
    assert_eq!(all, vec![0, 1, 2, 3]);
    for e in &events {
        assert_eq!(e.members.len(), e.why.len());
    }
}

#[test]
fn membership_explains_the_join() {
    let (articles, dates) = corpus();
    let features = article_features(&articles[..2]);
    let events = cluster_events(&features, &dates[..2], &Config::default());
    let why = &events[0].why[1];
    assert_eq!(why.article, 1);
    assert!(why.score >= Config::default().threshold(&features.articles[1]));
    assert_eq!(why.days_apart, Some(1));
    assert!(why.shared_terms.iter().any(|t| t == "rubbl"));
    assert_eq!(why.shared_entities, vec!["Izmir".to_string()]);
}

#[test]
fn same_input_same_events() {
    let (articles, dates) = corpus();
    let features = article_features(&articles);
    let a = cluster_events(&features, &dates, &Config::default());
    let b = cluster_events(&features, &dates, &Config::default());
    assert_eq!(a, b);
}

#[test]
fn training_pairs_follow_the_gold_events() {
    let (articles, dates) = corpus();
    let features = article_features(&articles);
    let pairs = training_pairs(&features, &dates, &[0, 0, 1, 2], 3);
    let positives: Vec<&Signals> = pairs.iter().filter(|p| p.1).map(|p| &p.0).collect();
    assert_eq!(positives.len(), 1, "only article 1 joins an earlier gold event");
    assert!(positives[0].text > 0.0 && positives[0].entities > 0.9 && positives[0].dated);
    let timed = |s: &Signals| s.text * s.time;
    assert!(pairs.iter().filter(|p| !p.1).all(|p| timed(&p.0) < timed(positives[0])), "{pairs:?}");
}

#[test]
fn storylines_link_steps_of_one_story() {
    let articles = vec![
        article("Lee invites Tanaka", "Lee invited Tanaka to visit Seoul during a telephone call; Tanaka accepted the visit invitation.", &[("Lee", P), ("Tanaka", P), ("Seoul", L)]),
        article("Tanaka visits Seoul", "Tanaka arrived in Seoul for a visit and met Lee; the two signed agreements.", &[("Lee", P), ("Tanaka", P), ("Seoul", L)]),
        article("Floods in Lima", "Floods in Lima forced thousands from their homes.", &[("Lima", L)]),
    ];
    let features = article_features(&articles);
    let events: [&[usize]; 3] = [&[0], &[1], &[2]];
    let dates = vec![Some(date(2024, 3, 26)), Some(date(2024, 6, 20)), Some(date(2024, 5, 1))];
    let lines = link_storylines(&events, &dates, &features, &Config::default());
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].events, vec![0, 1]);
    assert!(lines[0].shared_entities.contains(&"Tanaka".to_string()));
}

#[test]
fn an_article_left_alone_joins_the_event_that_formed_after_it() {
    let articles = vec![
        article("a", "quake izmir rubble", &[]),
        article("b", "quake toll rescuers", &[]),
        article("c", "izmir rubble toll rescuers", &[]),
        article("d", "central bank raises interest rates", &[]),
    ];
    let features = article_features(&articles);
    let day = Some(date(2020, 10, 30));
    let dates = vec![day, day, day, day];
    let config = Config { join_threshold: Some(0.5), ..Config::with_model(model::SimilarityModel::priors()) };
    let events = cluster_events(&features, &dates, &config);
    assert_eq!(groups(&events), vec![vec![0, 1, 2], vec![3]]);
    let late = events.iter().flat_map(|e| &e.why).find(|w| w.article == 1).map(|w| w.score);
    assert!(late.is_some_and(|s| s >= 0.5), "article 1 joined in the fix-up pass with its score: {late:?}");
}
