//! Hand-made event regressions: look-alike events apart in time, syndicated copies, and
//! unrelated news on the same day; and properties of the corpus stage.

use proptest::prelude::*;
use storyline_model::{AnalyzedArticle, Content, GivenMeta, RawDocument};
use storyline_cluster::Config;
use storyline_model::report::{CopyReport, Report};
use storyline_pipeline::stream::{StreamLimits, stream_corpus};
use storyline_pipeline::{build_corpus, news_date, process_document, report};

fn article(source: &str, published: &str, text: &str) -> AnalyzedArticle {
    let doc = RawDocument {
        source: source.into(),
        content: Content::CleanText(text.into()),
        meta: GivenMeta { published: Some(published.into()), ..GivenMeta::default() },
    };
    process_document(&doc).expect("an article")
}

const WIRE: &str = "ANKARA (Reuters) - A magnitude 7.0 earthquake struck the Aegean coast of Turkey on Friday, \
    toppling buildings in the city of Izmir and killing at least 24 people, officials said. Rescuers worked through \
    the night to pull survivors from the rubble of collapsed apartment blocks, and the disaster agency said more \
    than 800 people were injured. Turkish President Tayyip Erdogan said the state would stand by the victims.";

fn corpus() -> Vec<AnalyzedArticle> {
    vec![
        article("quake1/reuters.txt", "2020-10-30", WIRE),
        article("quake1/copy-a.txt", "2020-10-30", &format!("{WIRE} Follow our live coverage for updates.")),
        article(
            "quake1/local.txt",
            "2020-10-31",
            "Rescue teams in Izmir pulled a teenage girl alive from the rubble on Saturday, a day after the earthquake \
             that toppled buildings across the city. The death toll from Friday's quake rose to 37, the disaster \
             agency said, as Erdogan visited the city.",
        ),
        article(
            "quake2/agency.txt",
            "2020-12-27",
            "A magnitude 5.3 earthquake shook Izmir on Sunday, two months after a deadly quake in the city, \
             sending residents into the streets. No deaths were reported, the disaster agency said, and \
             rescuers checked buildings for damage.",
        ),
        article(
            "rates/bank.txt",
            "2020-10-30",
            "The European Central Bank kept interest rates unchanged on Thursday but signalled that it would \
             add more stimulus in December as a second wave of the pandemic hits the euro zone economy, \
             President Christine Lagarde told reporters in Frankfurt.",
        ),
    ]
}

/// Two look-alike happenings on one day told in the same words (an actress enters a
/// clinic), three articles each: enough for the split pass to look at.
fn look_alikes() -> Vec<AnalyzedArticle> {
    let lohan = "Actress Lindsay Lohan checked into the Betty Ford Center in Rancho Mirage on Thursday for a court-ordered \
        rehab stay of 90 days, her lawyer Shawn Holley said, after a judge found she had violated her probation.";
    let reid = "Actress Tara Reid checked into the Promises Treatment Center in Malibu on Thursday for rehab treatment, \
        her publicist Jack Ketsoyan told People magazine, asking for privacy for her and her family.";
    let tails = ["", " Photographers waited outside the clinic.", " Fans sent messages of support online."];
    let mut articles = Vec::new();
    for (i, tail) in tails.iter().enumerate() {
        articles.push(article(&format!("lohan/{i}.txt"), "2013-05-03", &format!("{lohan}{tail}")));
        articles.push(article(&format!("reid/{i}.txt"), "2013-05-03", &format!("{reid}{tail}")));
    }
    articles
}

/// The events as sorted lists of their articles' sources.
fn groups(corpus: &storyline_pipeline::Corpus) -> Vec<Vec<String>> {
    groups_by(corpus, |a| &a.source)
}

fn groups_by(corpus: &storyline_pipeline::Corpus, name: impl Fn(&storyline_model::Article) -> &String) -> Vec<Vec<String>> {
    let mut groups: Vec<Vec<String>> = corpus
        .events
        .iter()
        .map(|e| {
            let mut names: Vec<String> = e.members.iter().map(|&m| name(&corpus.articles[m].article).clone()).collect();
            names.sort();
            names
        })
        .collect();
    groups.sort();
    groups
}

#[test]
fn look_alike_events_copies_and_unrelated_news() {
    let corpus = build_corpus(corpus());
    assert_eq!(
        groups(&corpus),
        vec![
            vec!["quake1/copy-a.txt".to_string(), "quake1/local.txt".into(), "quake1/reuters.txt".into()],
            vec!["quake2/agency.txt".to_string()],
            vec!["rates/bank.txt".to_string()],
        ]
    );
    let report = report(&corpus);
    let copy = report.articles.iter().find(|a| a.source == "quake1/copy-a.txt").expect("copy");
    assert_eq!(copy.copy_of.as_deref(), Some("quake1/reuters.txt"));
    assert_eq!(copy.copy_of_credits, ["Reuters"]);
    let quake = report.events.iter().find(|e| e.articles.len() == 3).expect("quake event");
    assert_eq!(quake.independent_sources, 2);
    let marked = CopyReport { source: "quake1/copy-a.txt".into(), copy_of: "quake1/reuters.txt".into(), credits: vec!["Reuters".into()] };
    assert_eq!(quake.copies, [marked]);
    assert_eq!(quake.date.as_deref(), Some("2020-10-30"));
}

#[test]
fn look_alike_happenings_on_one_day_stay_apart() {
    let corpus = build_corpus(look_alikes());
    let lohan: Vec<String> = (0..3).map(|i| format!("lohan/{i}.txt")).collect();
    let reid: Vec<String> = (0..3).map(|i| format!("reid/{i}.txt")).collect();
    assert_eq!(groups(&corpus), vec![lohan, reid]);
}

#[test]
fn unrelated_events_are_never_one_storyline() {
    let report = report(&build_corpus(corpus()));
    let rates = report.events.iter().find(|e| e.articles.iter().any(|a| a.starts_with("rates"))).map(|e| e.id.clone());
    assert!(rates.is_some());
    assert!(report.storylines.iter().all(|s| !s.events.contains(rates.as_ref().unwrap_or(&String::new()))), "{:?}", report.storylines);
}

/// A report with each source named by its article's id (sources name input positions), and
/// its articles in id order: what does not depend on where each article came in.
fn by_content(report: &Report) -> serde_json::Value {
    let ids: std::collections::HashMap<&str, &str> = report.articles.iter().map(|a| (a.source.as_str(), a.id.as_str())).collect();
    fn rename(value: &mut serde_json::Value, ids: &std::collections::HashMap<&str, &str>) {
        match value {
            serde_json::Value::String(s) => {
                if let Some(id) = ids.get(s.as_str()) {
                    *s = id.to_string();
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(|v| rename(v, ids)),
            serde_json::Value::Object(fields) => fields.values_mut().for_each(|v| rename(v, ids)),
            _ => {}
        }
    }
    let mut value = serde_json::to_value(report).expect("json");
    rename(&mut value, &ids);
    if let Some(articles) = value["articles"].as_array_mut() {
        articles.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
    }
    value
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    /// The corpus stage does not depend on the order articles arrive in: shuffled, each
    /// article takes the source name of its new position (as `FILE#LINE` would), and the
    /// results are the same but for the names.
    #[test]
    fn input_order_does_not_matter(seed in any::<u64>()) {
        let articles: Vec<AnalyzedArticle> = corpus().into_iter().chain(look_alikes()).collect();
        let mut shuffled = articles.clone();
        let mut state = seed;
        for i in (1..shuffled.len()).rev() {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            shuffled.swap(i, (state >> 33) as usize % (i + 1));
        }
        for (article, position) in shuffled.iter_mut().zip(&articles) {
            article.article.source = position.article.source.clone();
        }
        let count = articles.len();
        let a = build_corpus(articles);
        let mut members: Vec<usize> = a.events.iter().flat_map(|e| e.members.clone()).collect();
        members.sort();
        prop_assert_eq!(members, (0..count).collect::<Vec<_>>(), "every article in exactly one event");
        let b = build_corpus(shuffled);
        prop_assert_eq!(groups_by(&a, |a| &a.id), groups_by(&b, |a| &a.id));
        prop_assert_eq!(by_content(&report(&a)), by_content(&report(&b)));
    }
}

/// A story in three steps: an announcement months ahead, a preview the day before, the
/// happening itself told by two outlets. The preview names the happening's date, so it joins
/// the happening; the announcement is an event of its own, linked to it as one storyline.
fn announced_visit() -> Vec<AnalyzedArticle> {
    vec![
        article(
            "visit/announcement.txt",
            "2023-02-14",
            "Brazilian President Luiz Inacio Lula da Silva accepted an invitation from Chinese President Xi Jinping \
             on Tuesday to make a state visit to Beijing, the foreign ministry in Brasilia said. The two leaders spoke \
             by telephone about trade, and Lula said he hoped to travel at the end of March.",
        ),
        article(
            "visit/preview.txt",
            "2023-04-12",
            "Lula will arrive in Beijing on Thursday for a state visit, his first to China since returning to office. \
             The Brazilian president is expected to sign agreements on trade, farming and satellites with Xi Jinping \
             during talks at the Great Hall of the People on April 14, officials in Brasilia said.",
        ),
        article(
            "visit/wire.txt",
            "2023-04-14",
            "Chinese President Xi Jinping welcomed Brazilian President Luiz Inacio Lula da Silva at the Great Hall of \
             the People in Beijing on Friday. The two leaders signed 15 agreements on trade, farming and satellites \
             and pledged to deepen ties, Brazil's foreign ministry said.",
        ),
        article(
            "visit/daily.txt",
            "2023-04-15",
            "Xi and Lula signed 15 agreements in Beijing on Friday covering trade, farming and a new satellite, as the \
             Brazilian president wrapped up his state visit to China with talks at the Great Hall of the People.",
        ),
    ]
}

#[test]
fn a_preview_joins_its_happening_and_an_announcement_starts_the_story() {
    let corpus = build_corpus(announced_visit());
    assert_eq!(
        groups(&corpus),
        vec![
            vec!["visit/announcement.txt".to_string()],
            vec!["visit/daily.txt".to_string(), "visit/preview.txt".into(), "visit/wire.txt".into()],
        ]
    );
    let report = report(&corpus);
    assert_eq!(report.storylines.len(), 1, "{:?}", report.storylines);
    assert_eq!(report.storylines[0].events.len(), 2);
}

/// `articles` as the store gives them to the streamed stage: by news date (undated last),
/// then content.
fn in_news_order(mut articles: Vec<AnalyzedArticle>) -> Vec<AnalyzedArticle> {
    articles.sort_by_key(|a| (news_date(a).is_none(), news_date(a), a.article.content_key()));
    articles
}

/// The streamed stage's parts joined into one report, with its storylines and renames applied.
fn streamed(articles: Vec<AnalyzedArticle>, limits: &StreamLimits) -> (Report, usize) {
    let mut parts: Vec<Report> = Vec::new();
    let stored: std::collections::HashMap<String, AnalyzedArticle> = articles.iter().map(|a| (a.article.id.clone(), a.clone())).collect();
    let done = stream_corpus(
        articles.into_iter().map(Ok::<_, std::convert::Infallible>),
        &Config::default(),
        limits,
        |part| {
            parts.push(part);
            Ok(())
        },
        |id| Ok(stored.get(id).cloned()),
    )
    .expect("infallible");
    let mut report = Report { articles: vec![], events: vec![], storylines: done.storylines, entities: vec![] };
    for part in parts {
        report.articles.extend(part.articles);
        report.events.extend(part.events);
    }
    for rename in &done.renames {
        let event = report.events.iter_mut().find(|e| e.id == rename.event).expect("a renamed event was emitted");
        event.why.iter_mut().filter(|w| w.runner_up.as_deref() == Some(rename.from.as_str())).for_each(|w| w.runner_up = Some(rename.to.clone()));
    }
    report.articles.sort_by(|a, b| (&a.source, &a.id).cmp(&(&b.source, &b.id)));
    // As the store's report lists them.
    report.entities = storyline_model::report::entity_table(&report.articles);
    report.events.sort_by(|a, b| (a.date.is_none(), &a.date, &a.id).cmp(&(b.date.is_none(), &b.date, &b.id)));
    (report, done.parts)
}

/// Three stories months apart (more than two time windows), so a stream cut into parts of a
/// few articles must find what the whole corpus at once finds.
fn stories_months_apart() -> Vec<AnalyzedArticle> {
    corpus().into_iter().chain(look_alikes()).chain(announced_visit()).collect()
}

#[test]
fn a_stream_in_one_part_gives_the_whole_corpus_results() {
    let articles = in_news_order(stories_months_apart());
    let whole = serde_json::to_string(&report(&build_corpus(articles.clone()))).expect("json");
    let (stream, parts) = streamed(articles, &StreamLimits::default());
    assert_eq!(parts, 1);
    assert_eq!(serde_json::to_string(&stream).expect("json"), whole);
}

#[test]
fn a_stream_in_small_parts_finds_the_same_events_and_loses_no_article() {
    let articles = in_news_order(stories_months_apart());
    let count = articles.len();
    let whole = report(&build_corpus(articles.clone()));
    for part in [1, 2, 3, 5] {
        let (stream, parts) = streamed(articles.clone(), &StreamLimits { part, max_carry: 64, ..StreamLimits::default() });
        assert!(parts > 2, "part {part}: {parts} parts");
        let ids: std::collections::BTreeSet<&str> = stream.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!((stream.articles.len(), ids.len()), (count, count), "part {part}: every article once");
        let events: Vec<(&str, &Vec<String>)> = stream.events.iter().map(|e| (e.id.as_str(), &e.articles)).collect();
        let expected: Vec<(&str, &Vec<String>)> = whole.events.iter().map(|e| (e.id.as_str(), &e.articles)).collect();
        assert_eq!(events, expected, "part {part}");
        let event_ids: Vec<&str> = stream.events.iter().map(|e| e.id.as_str()).collect();
        assert!(stream.articles.iter().all(|a| a.event.as_deref().is_some_and(|e| event_ids.contains(&e))));
        assert!(stream.events.iter().flat_map(|e| &e.why).filter_map(|w| w.runner_up.as_deref()).all(|r| event_ids.contains(&r)));
        assert_eq!(stream.storylines.iter().map(|s| &s.events).collect::<Vec<_>>(), whole.storylines.iter().map(|s| &s.events).collect::<Vec<_>>());
    }
}

#[test]
fn a_hot_window_of_one_article_loses_no_article() {
    let articles = in_news_order(stories_months_apart());
    let count = articles.len();
    // One article a part and one carried, by count or by text.
    for limits in [StreamLimits { part: 1, max_carry: 1, ..StreamLimits::default() }, StreamLimits { text_bytes: 1, ..StreamLimits::default() }] {
        let (stream, parts) = streamed(articles.clone(), &limits);
        assert!(parts >= count, "{parts} parts");
        assert_eq!(stream.articles.len(), count);
        let mut members: Vec<&String> = stream.events.iter().flat_map(|e| &e.articles).collect();
        members.sort();
        members.dedup();
        assert_eq!(members.len(), count, "no article in two events");
    }
}
