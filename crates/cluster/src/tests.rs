use jiff::civil::{Date, date};
use storyline_model::{Analysis, AnalyzedArticle, Article, EntityKind, Mention, Span};

use super::*;

/// An article whose mentions are every occurrence of the given names.
pub(crate) fn article(headline: &str, body: &str, names: &[(&str, EntityKind)]) -> AnalyzedArticle {
    let mut mentions = Vec::new();
    for (name, kind) in names {
        for (start, _) in body.match_indices(name) {
            let span = Span::new(start, start + name.len());
            mentions.push(Mention { span, text: name.to_string(), kind: *kind, canonical: name.to_string(), nominal: false });
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
    let events: Vec<ArticleFeatures> = events.iter().map(|members| event_features(members, &features)).collect();
    let lines = link_storylines(&events, &dates, &features.vocabulary, &Config::default());
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

/// Two look-alike happenings told in the same words (an actress enters a clinic), with
/// different people, places and details.
/// Both name "Hollywood": full articles join only events sharing an entity.
fn two_rehab_stories() -> Vec<AnalyzedArticle> {
    let lohan = "Lohan checked into the Betty Ford clinic in Rancho Mirage for a court ordered stay of ninety days after her probation hearing; the Hollywood actress rehab treatment began Thursday, her lawyer Holley said.";
    let reid = "Reid checked into the Promises clinic in Malibu for treatment, her publicist Ketsoyan said; the Hollywood actress rehab stay follows a party season, and friends supported the decision.";
    let names: &[(&str, EntityKind)] = &[("Lohan", P), ("Betty Ford", L), ("Rancho Mirage", L), ("Holley", P), ("Reid", P), ("Promises", L), ("Malibu", L), ("Ketsoyan", P), ("Hollywood", L)];
    let variants = ["", " Reporters waited outside.", " The news spread fast."];
    let mut articles: Vec<AnalyzedArticle> = variants.iter().enumerate().map(|(i, v)| article(&format!("lohan {i}"), &format!("{lohan}{v}"), names)).collect();
    articles.extend(variants.iter().enumerate().map(|(i, v)| article(&format!("reid {i}"), &format!("{reid}{v}"), names)));
    articles
}

/// A split ratio for the tests, between those learned on either corpus.
const SPLIT_RATIO: f64 = 0.2;

#[test]
fn the_split_pass_cuts_an_event_of_two_look_alike_happenings() {
    let features = article_features(&two_rehab_stories());
    let members: Vec<usize> = (0..6).collect();
    let groups = split::split(&members, &features, split::Weighting::Local, SPLIT_RATIO);
    assert_eq!(groups, vec![vec![0, 1, 2], vec![3, 4, 5]]);
    // One happening stays whole.
    assert_eq!(split::split(&members[..3], &features, split::Weighting::Local, SPLIT_RATIO), vec![vec![0, 1, 2]]);
}

#[test]
fn an_event_of_two_happenings_is_split_with_every_reason_kept() {
    let features = article_features(&two_rehab_stories());
    let dates = vec![None; 6];
    // A join threshold low enough that every article joins the first event online.
    let config = |split_ratio| Config { join_threshold: Some(1e-6), merge_threshold: None, split_ratio, ..Config::with_model(model::SimilarityModel::priors()) };
    assert_eq!(groups(&cluster_events(&features, &dates, &config(Some(0.0)))), vec![(0..6).collect::<Vec<_>>()]);
    let events = cluster_events(&features, &dates, &config(Some(SPLIT_RATIO)));
    assert_eq!(groups(&events), vec![vec![0, 1, 2], vec![3, 4, 5]]);
    assert_eq!(events[0].members, vec![0, 1, 2], "the part with the event's first article keeps its number");
    for e in &events {
        assert_eq!(e.why.iter().map(|w| w.article).collect::<Vec<_>>(), e.members);
    }
}

#[test]
fn the_merge_pass_joins_events_that_started_apart() {
    let articles = vec![
        article("a", "quake izmir rubble", &[]),
        article("b", "quake izmir rubble", &[]),
        article("c", "toll rescuers survivors", &[]),
        article("d", "toll rescuers survivors", &[]),
        article("e", "quake izmir rubble toll rescuers survivors", &[]),
        article("f", "central bank raises interest rates", &[]),
    ];
    let features = article_features(&articles);
    let day = Some(date(2020, 10, 30));
    let dates = vec![day; 6];
    let config = |merge_threshold| Config { join_threshold: Some(0.5), merge_threshold, split_ratio: Some(0.0), ..Config::with_model(model::SimilarityModel::priors()) };
    let apart = cluster_events(&features, &dates, &config(None));
    assert_eq!(groups(&apart).len(), 3, "{:?}", groups(&apart));
    let merged = cluster_events(&features, &dates, &config(Some(0.1)));
    assert_eq!(groups(&merged), vec![vec![0, 1, 2, 3, 4], vec![5]]);
}

#[test]
fn runners_up_name_returned_events() {
    let (articles, dates) = corpus();
    let features = article_features(&articles);
    let events = cluster_events(&features, &dates, &Config::default());
    for why in events.iter().flat_map(|e| &e.why) {
        assert!(why.runner_up.is_none_or(|r| r < events.len()), "{why:?}");
        assert_eq!(why.runner_up.is_some(), why.runner_up_score.is_some());
    }
}

#[test]
fn each_regime_splits_with_its_own_ratio() {
    let features = article_features(&two_rehab_stories());
    let dates = vec![None; 6];
    let config = |short: f64, long: f64| {
        let mut models = model::EventModels::single(model::SimilarityModel::priors());
        (models.short.split_ratio, models.long.split_ratio) = (short, long);
        models.short_max_terms = 0; // every article counts as a full one
        Config { models, join_threshold: Some(1e-6), merge_threshold: None, ..Config::default() }
    };
    assert_eq!(groups(&cluster_events(&features, &dates, &config(SPLIT_RATIO, 0.0))).len(), 1, "the long model's ratio disables the pass");
    assert_eq!(groups(&cluster_events(&features, &dates, &config(0.0, SPLIT_RATIO))), vec![vec![0, 1, 2], vec![3, 4, 5]]);
}

#[test]
fn full_articles_naming_no_common_entity_stay_apart() {
    let body = |who: &str, place: &str| {
        format!(
            "Workers at the {place} docks walked out on Monday demanding higher wages, and union leader {who} said negotiations with management had broken down. \
             Management offered a modest raise, which was rejected; picket lines formed outside the main gates while cargo ships waited offshore and exporters warned of losses."
        )
    };
    let articles = vec![
        article("Dock strike in Arlen", &body("Mara Quist", "Arlen"), &[("Mara Quist", P), ("Arlen", L)]),
        article("Dock strike in Bexley", &body("Tomas Reyes", "Bexley"), &[("Tomas Reyes", P), ("Bexley", L)]),
        article("Arlen dock strike goes on", &body("Mara Quist", "Arlen"), &[("Mara Quist", P), ("Arlen", L)]),
    ];
    let features = article_features(&articles);
    assert!(features.articles.iter().all(|a| a.terms.len() > Config::default().models.short_max_terms), "full articles");
    let dates = vec![Some(date(2024, 3, 4)); 3];
    let events = cluster_events(&features, &dates, &Config::default());
    assert_eq!(groups(&events), vec![vec![0, 2], vec![1]]);
}

#[test]
fn the_window_bounds_candidate_events_on_both_sides_and_keeps_undated_ones() {
    let created = [Some(date(2024, 1, 1)), Some(date(2024, 1, 10)), Some(date(2024, 1, 20)), Some(date(2024, 2, 20)), None];
    assert_eq!(in_window(&created, Some(date(2024, 1, 12)), 5), [1..2, 4..5]);
    assert_eq!(in_window(&created, Some(date(2024, 1, 12)), 11), [0..3, 4..5]);
    assert_eq!(in_window(&created, None, 5), [0..5, 0..0]);
    assert_eq!(in_window(&created[..4], Some(date(2024, 3, 30)), 5), [4..4, 4..4]);
}

#[test]
fn ranking_with_bounds_matches_scoring_every_candidate() {
    let (articles, dates) = corpus();
    let features = article_features(&articles);
    let config = Config::default();
    let mut events: Vec<OpenEvent> = Vec::new();
    for (i, f) in features.articles.iter().enumerate().take(3) {
        let mut event = OpenEvent::default();
        event.join(i, f, dates[i], Membership { article: i, score: 1.0, shared_entities: vec![], shared_terms: vec![], days_apart: None, runner_up: None, runner_up_score: None, copy_of: None });
        events.push(event);
    }
    let mut query = Query::default();
    for (i, f) in features.articles.iter().enumerate() {
        let query = query.load(f);
        let mut every: Vec<(usize, f64)> = (0..events.len()).map(|e| (e, config.model(f).probability(&signals(&features, query, dates[i], &events[e])))).collect();
        every.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let ranked = rank(&config, &features, f, query, dates[i], &events, (0..events.len()).collect());
        let top: Vec<(usize, f64)> = ranked.iter().take(RANKED).map(|(e, s)| (*e, s.value)).collect();
        assert_eq!(top, every[..RANKED].to_vec(), "article {i}");
    }
}

fn features_of(terms: &[u32], entities: &[u32]) -> ArticleFeatures {
    let df = DocumentFrequencies::default();
    ArticleFeatures { terms: SparseVector::tfidf(terms, &df), entities: SparseVector::tfidf(entities, &df) }
}

#[test]
fn keys_in_a_large_share_of_the_articles_seen_look_up_no_events() {
    let mut df = KeyFrequencies::default();
    // Key 0 in every article, 3 in every other, 1 in fewer than the minimum, 2 in none.
    for i in 0..COMMON_MIN_DF * 10 {
        let mut keys = vec![0];
        keys.extend((i % 2 == 0).then_some(3));
        keys.extend((i + 1 < COMMON_MIN_DF).then_some(1));
        df.add(&features_of(&keys, &[]));
    }
    assert!(df.common(0) && df.common(3) && !df.common(1) && !df.common(2));
    assert_eq!(df.lookup_keys(&features_of(&[0, 1, 2], &[]).terms, CANDIDATE_TERMS), vec![1, 2]);
    // When every key is common, the rarest still looks up.
    assert_eq!(df.lookup_keys(&features_of(&[0, 3], &[]).terms, CANDIDATE_TERMS), vec![3]);
}

#[test]
fn a_common_entity_finds_no_events_but_still_counts_as_shared() {
    let config = Config::default();
    let mut df = KeyFrequencies::default();
    (0..COMMON_MIN_DF).for_each(|_| df.add(&features_of(&[], &[900])));
    // A full article naming the common entity 900 and the rare 902.
    let words: Vec<u32> = (100..=100 + config.models.short_max_terms as u32).collect();
    let article = features_of(&words, &[900, 902]);
    // Event 0 shares a word and entity 900, event 1 only entity 900, event 2 a word but
    // names another entity.
    let mut index = EventIndex::default();
    let events: Vec<OpenEvent> = [features_of(&[100], &[900]), features_of(&[500], &[900]), features_of(&[101], &[901])]
        .into_iter()
        .enumerate()
        .map(|(e, f)| {
            index.add(e, &f);
            OpenEvent { terms: f.terms, entities: f.entities, ..OpenEvent::default() }
        })
        .collect();
    let mut seen = vec![false; events.len()];
    assert_eq!(candidates(&config, &index, &events, &df, &article, &mut seen, &Scope::of(std::slice::from_ref(&(0..3)), None)), vec![0]);
    let mut before = candidates(&config, &index, &events, &KeyFrequencies::default(), &article, &mut seen, &Scope::of(std::slice::from_ref(&(0..3)), None));
    before.sort();
    assert_eq!(before, vec![0, 1]);
}

#[test]
fn an_undated_article_looks_up_a_bounded_number_of_events() {
    let config = Config::default();
    let mut index = EventIndex::default();
    let count = UNDATED_PER_KEY + 50;
    let events: Vec<OpenEvent> = (0..count)
        .map(|e| {
            let f = features_of(&[7], &[]);
            index.add(e, &f);
            OpenEvent { terms: f.terms, entities: f.entities, ..OpenEvent::default() }
        })
        .collect();
    let article = features_of(&[7], &[]);
    let mut seen = vec![false; count];
    let range = 0..count;
    let all = std::slice::from_ref(&range);
    let undated = candidates(&config, &index, &events, &KeyFrequencies::default(), &article, &mut seen, &Scope::of(all, None));
    // The latest created events.
    assert_eq!(undated.len(), UNDATED_PER_KEY);
    assert!(undated.iter().all(|&e| e >= count - UNDATED_PER_KEY));
    let dated = candidates(&config, &index, &events, &KeyFrequencies::default(), &article, &mut seen, &Scope::of(all, jiff::civil::Date::new(2024, 6, 20).ok()));
    assert_eq!(dated.len(), count);
}

#[test]
fn nearest_is_the_best_cosine_with_one_of_the_latest_members() {
    // Article 0 is the query's twin; the other NEAREST_MEMBERS share nothing with it.
    let mut articles: Vec<ArticleFeatures> = vec![features_of(&[1, 2, 3], &[])];
    articles.extend((0..NEAREST_MEMBERS as u32).map(|k| features_of(&[100 + k], &[])));
    let features = Features { vocabulary: Vocabulary::default(), articles, copy_of: Vec::new() };
    let query_features = features_of(&[1, 2, 3], &[]);
    let mut query = Query::default();
    let event = |members: Vec<usize>| OpenEvent { members, ..OpenEvent::default() };
    // Among the latest members: cosine 1.
    let recent = event(vec![1, 2, 0]);
    assert!((nearest(&features, query.load(&query_features), &recent) - 1.0).abs() < 1e-9);
    // Older than the latest NEAREST_MEMBERS: not looked at.
    let old = event((0..=NEAREST_MEMBERS).collect());
    assert_eq!(nearest(&features, query.load(&query_features), &old), 0.0);
}

#[test]
fn a_copy_joins_the_event_of_its_original_within_the_window() {
    // Three unrelated texts; 1 and 2 are marked as copies of 0 (as syndication finds them).
    let features = Features {
        vocabulary: Vocabulary::default(),
        articles: vec![features_of(&[1, 2, 3], &[]), features_of(&[4, 5, 6], &[]), features_of(&[7, 8, 9], &[])],
        copy_of: vec![None, Some(0), Some(0)],
    };
    let day = |d: i8| Some(date(2024, 6, d));
    let far = Some(date(2024, 9, 1));
    let config = Config::default();
    let events = cluster_events(&features, &[day(20), day(21), far], &config);
    assert_eq!(groups(&events), vec![vec![0, 1], vec![2]]);
    let why = events.iter().flat_map(|e| &e.why).find(|w| w.article == 1).expect("why of the copy");
    assert_eq!(why.copy_of, Some(0));
    // Without the syndication marks the three texts stay apart.
    let apart = Features { copy_of: Vec::new(), ..features };
    assert_eq!(groups(&cluster_events(&apart, &[day(20), day(21), far], &config)), vec![vec![0], vec![1], vec![2]]);
}

#[test]
fn an_event_found_by_a_name_and_a_word_is_one_candidate() {
    let config = Config::default();
    let mut df = KeyFrequencies::default();
    (0..COMMON_MIN_DF).for_each(|_| df.add(&features_of(&[], &[900])));
    let words: Vec<u32> = (100..=100 + config.models.short_max_terms as u32).collect();
    let article = features_of(&words, &[900, 902]);
    // The event shares the rare entity 902, a word, and the common entity 900.
    let mut index = EventIndex::default();
    let f = features_of(&[100], &[900, 902]);
    index.add(0, &f);
    let events = vec![OpenEvent { terms: f.terms, entities: f.entities, ..OpenEvent::default() }];
    let mut seen = vec![false; 1];
    assert_eq!(candidates(&config, &index, &events, &df, &article, &mut seen, &Scope::of(std::slice::from_ref(&(0..1)), None)), vec![0]);
}
