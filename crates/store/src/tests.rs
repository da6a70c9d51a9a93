use storyline_model::report::{EventReport, Report, StorylineReport};
use storyline_model::{Analysis, AnalyzedArticle, Article};

use super::*;

fn article(id: &str, body: &str) -> AnalyzedArticle {
    AnalyzedArticle {
        article: Article { id: id.into(), headline: body.split('.').next().unwrap_or_default().into(), ..Article::new(format!("{id}.txt"), body) },
        analysis: Analysis { language: "en".into(), sentences: vec![], mentions: vec![], times: vec![], quantities: vec![] },
    }
}

/// News dates by article id for the tests: "u…" undated, else a day of June 2024 set by the
/// id's length.
fn news_date(a: &AnalyzedArticle) -> Option<jiff::civil::Date> {
    (!a.article.id.starts_with('u')).then(|| jiff::civil::date(2024, 6, (1 + a.article.id.len() % 28) as i8))
}

/// Every stored article, read as the corpus stage reads them.
fn in_news_order(store: &mut Store) -> Vec<AnalyzedArticle> {
    let mut out = Vec::new();
    store
        .rebuild_report(news_date, |rebuild| -> Result<Vec<StorylineReport>> {
            out = rebuild.articles_in_news_order().collect::<Result<_>>()?;
            Ok(vec![])
        })
        .unwrap();
    out
}

fn event(id: &str, title: &str) -> EventReport {
    event_on(id, title, Some("2024-06-20"))
}

fn event_on(id: &str, title: &str, date: Option<&str>) -> EventReport {
    EventReport {
        id: id.into(),
        title: title.into(),
        date: date.map(str::to_string),
        place: None,
        kind: vec![],
        articles: vec![],
        independent_sources: 0,
        copies: vec![],
        entities: Default::default(),
        summary: vec![],
        facts: vec![],
        discrepancies: vec![],
        why: vec![],
    }
}

#[test]
fn reinserting_adds_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let articles = [article("a", "Putin arrived in Hanoi."), article("b", "A quake hit Izmir.")];
    assert_eq!(store.insert_articles(&articles, news_date).unwrap(), 2);
    assert_eq!(store.insert_articles(&articles, news_date).unwrap(), 0);
    assert_eq!(store.article_count().unwrap(), 2);
    let mut read = in_news_order(&mut store);
    read.sort_by(|a, b| a.article.id.cmp(&b.article.id));
    assert_eq!(read, articles.to_vec());
}

#[test]
fn of_articles_with_one_id_the_same_is_kept_whatever_the_input_order() {
    let retitled = |source: &str, title: &str| {
        let mut a = article("a", "Putin arrived in Hanoi.");
        a.article.source = source.into();
        a.article.title = Some(title.into());
        a.article.headline = title.into();
        a
    };
    let copies = [retitled("z.txt", "Putin lands in Vietnam"), retitled("y.txt", "Putin visits Hanoi"), retitled("x.txt", "Putin in Asia")];
    let kept: Vec<AnalyzedArticle> = [[0, 1, 2], [2, 1, 0], [1, 2, 0]]
        .iter()
        .map(|order| {
            let mut store = Store::open_in_memory().unwrap();
            let added: usize = order.iter().map(|&i| store.insert_articles(std::slice::from_ref(&copies[i]), news_date).unwrap()).sum();
            assert_eq!((added, store.article_count().unwrap()), (1, 1));
            let kept = in_news_order(&mut store).remove(0);
            // The full-text index follows the article kept.
            assert_eq!(store.search(kept.article.headline.split(' ').nth(2).unwrap(), 10).unwrap().len(), 1);
            kept
        })
        .collect();
    assert_eq!(kept[0], kept[1]);
    assert_eq!(kept[0], kept[2]);
}

#[test]
fn articles_come_back_in_news_order_undated_last_across_pages() {
    let mut store = Store::open_in_memory().unwrap();
    // More articles than a page, of several dates and undated, stored out of order.
    let articles: Vec<AnalyzedArticle> =
        (0..700).map(|i| article(&if i % 7 == 0 { format!("u{i}") } else { format!("{}{i}", "x".repeat(i % 9)) }, "Body.")).collect();
    store.insert_articles(&articles, news_date).unwrap();
    let read = in_news_order(&mut store);
    assert_eq!(read.len(), articles.len());
    let keys: Vec<(bool, Option<jiff::civil::Date>)> = read.iter().map(|a| (news_date(a).is_none(), news_date(a))).collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]), "dated by date, then undated");
}

#[test]
fn a_store_of_schema_1_is_migrated_and_keeps_its_articles() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(&SCHEMA.replace(",\n    news_order TEXT", "")).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        let a = article("aa", "Putin arrived in Hanoi.");
        conn.execute(
            "INSERT INTO articles (id, source, headline, body, analysis) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![a.article.id, a.article.source, a.article.headline, a.article.body, serde_json::to_string(&a).unwrap()],
        )
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(in_news_order(&mut store).iter().map(|a| a.article.id.as_str()).collect::<Vec<_>>(), ["aa"]);
}

/// A stored article read back one by one, as the corpus stage reads it.
fn stored_article(store: &mut Store, id: &str) -> Option<AnalyzedArticle> {
    let mut out = None;
    store
        .rebuild_report(news_date, |rebuild| -> Result<Vec<StorylineReport>> {
            out = rebuild.article(id)?;
            Ok(vec![])
        })
        .unwrap();
    out
}

/// The `analysis` column of an article.
fn stored_analysis(store: &Store, id: &str) -> String {
    store.conn.query_row("SELECT analysis FROM articles WHERE id = ?1", [id], |r| r.get(0)).unwrap()
}

#[test]
fn an_article_comes_back_with_its_body_kept_once() {
    let mut store = Store::open_in_memory().unwrap();
    let stored = article("a", "Putin arrived in Hanoi.\n\nHe met To Lam.");
    store.insert_articles(std::slice::from_ref(&stored), news_date).unwrap();
    let json = stored_analysis(&store, "a");
    assert!(!json.contains("To Lam"), "{json}");
    assert_eq!(in_news_order(&mut store), std::slice::from_ref(&stored));
    assert_eq!(stored_article(&mut store, "a"), Some(stored));
    assert_eq!(stored_article(&mut store, "b"), None);
}

#[test]
fn a_store_of_schema_2_reads_as_before_and_stores_new_analyses_without_bodies() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let stored = article("aa", "Putin arrived in Hanoi.\n\nHe met To Lam.");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(SCHEMA).unwrap();
        conn.execute_batch("CREATE INDEX articles_news_order ON articles(news_order);").unwrap();
        conn.pragma_update(None, "user_version", 2).unwrap();
        let a = &stored.article;
        conn.execute(
            "INSERT INTO articles (id, source, headline, body, analysis, news_order) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![a.id, a.source, a.headline, a.body, serde_json::to_string(&stored).unwrap(), news_order(news_date(&stored), &stored)],
        )
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.conn.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0)).unwrap(), SCHEMA_VERSION);
    assert_eq!(in_news_order(&mut store), std::slice::from_ref(&stored));
    assert_eq!(stored_article(&mut store, "aa"), Some(stored.clone()));
    let new = article("bb", "A quake hit Izmir.\n\nRescuers searched the rubble.");
    store.insert_articles(std::slice::from_ref(&new), news_date).unwrap();
    assert!(!stored_analysis(&store, "bb").contains("Rescuers"));
    assert_eq!(stored_article(&mut store, "bb"), Some(new));
}

#[test]
fn a_store_of_schema_3_is_read_by_content_within_a_date_after_its_next_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let articles: Vec<AnalyzedArticle> = (0..20).map(|i| article(&format!("a{i:02}"), &format!("Story number {i}."))).collect();
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(SCHEMA).unwrap();
        conn.execute_batch("CREATE INDEX articles_news_order ON articles(news_order);").unwrap();
        conn.pragma_update(None, "user_version", 3).unwrap();
        for a in &articles {
            let date = news_date(a).unwrap();
            let key = format!("0{date}\u{1f}{}\u{1f}{}", a.article.source, a.article.id);
            let (a, analysis) = (&a.article, serde_json::to_string(a).unwrap());
            conn.execute("INSERT INTO articles (id, source, headline, body, analysis, news_order) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", params![a.id, a.source, a.headline, a.body, analysis, key])
                .unwrap();
        }
    }
    let mut store = Store::open(&path).unwrap();
    let read: Vec<String> = in_news_order(&mut store).iter().map(|a| a.article.id.clone()).collect();
    let mut by_content = articles.clone();
    by_content.sort_by_key(|a| a.article.content_key());
    assert_eq!(read, by_content.iter().map(|a| a.article.id.clone()).collect::<Vec<_>>());
}

#[test]
fn file_store_is_wal_and_persists() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    {
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.journal_mode().unwrap(), "wal");
        store.insert_articles(&[article("a", "Putin arrived in Hanoi.")], news_date).unwrap();
    }
    assert_eq!(Store::open(&path).unwrap().article_count().unwrap(), 1);
}

#[test]
fn reader_sees_committed_data_while_a_writer_holds_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let mut writer = Store::open(&path).unwrap();
    writer.insert_articles(&[article("a", "Putin arrived in Hanoi.")], news_date).unwrap();
    let reader = Store::open(&path).unwrap();
    writer.insert_articles(&[article("b", "A quake hit Izmir.")], news_date).unwrap();
    assert_eq!(reader.article_count().unwrap(), 2);
}

/// Rebuilds the results from `parts` and `storylines`.
fn rebuild(store: &mut Store, parts: Vec<Report>, storylines: Vec<StorylineReport>) {
    store
        .rebuild_report(news_date, |rebuild| -> Result<Vec<StorylineReport>> {
            parts.into_iter().try_for_each(|part| rebuild.add(part))?;
            Ok(storylines)
        })
        .unwrap();
}

#[test]
fn report_replaced_as_a_whole_with_events_in_date_order() {
    let mut store = Store::open_in_memory().unwrap();
    let line = StorylineReport { id: "st-1".into(), title: "t".into(), events: vec!["ev-abc".into()], why: "w".into() };
    let parts = vec![
        Report { articles: vec![], events: vec![event("ev-abc", "Visit"), event_on("ev-z", "Undated", None)], storylines: vec![], entities: vec![] },
        Report { articles: vec![], events: vec![event_on("ev-abd", "Call", Some("2024-03-26"))], storylines: vec![], entities: vec![] },
    ];
    rebuild(&mut store, parts, vec![line]);
    let titles: Vec<String> = store.events().unwrap().into_iter().map(|e| e.title).collect();
    assert_eq!(titles, ["Call", "Visit", "Undated"]);
    assert_eq!(store.event("ev-abc").unwrap().map(|e| e.title), Some("Visit".into()));
    assert_eq!(store.event("ev-abd").unwrap().map(|e| e.title), Some("Call".into()));
    assert_eq!(store.event("ev-ab").unwrap(), None, "an ambiguous prefix finds nothing");
    assert_eq!((store.event_count().unwrap(), store.storyline_count().unwrap()), (3, 1));
    rebuild(&mut store, vec![Report { articles: vec![], events: vec![event("ev-x", "Other")], storylines: vec![], entities: vec![] }], vec![]);
    assert_eq!(store.events().unwrap().len(), 1);
    assert!(store.storylines().unwrap().is_empty());
}

#[test]
fn a_rebuild_keeps_unchanged_rows_and_writes_the_others() {
    let mut store = Store::open_in_memory().unwrap();
    let parts = || {
        vec![Report {
            articles: vec![],
            events: vec![event_on("ev-a", "Call", Some("2024-03-26")), event_on("ev-b", "Visit", Some("2024-06-20")), event_on("ev-c", "Undated", None)],
            ..Report::default()
        }]
    };
    rebuild(&mut store, parts(), vec![]);
    let first = store.events().unwrap();
    rebuild(&mut store, parts(), vec![]);
    assert_eq!(store.events().unwrap(), first, "the same results twice");
    // One event changed, one gone, one new and earlier than the rest: positions follow.
    let changed = vec![Report {
        articles: vec![],
        events: vec![event_on("ev-0", "Earlier", Some("2024-01-01")), event_on("ev-a", "Call, renamed", Some("2024-03-26")), event_on("ev-c", "Undated", None)],
        ..Report::default()
    }];
    rebuild(&mut store, changed, vec![]);
    let titles: Vec<String> = store.events().unwrap().into_iter().map(|e| e.title).collect();
    assert_eq!(titles, ["Earlier", "Call, renamed", "Undated"]);
    assert_eq!(store.event("ev-b").unwrap(), None);
}

#[test]
fn a_failed_rebuild_leaves_the_previous_results() {
    let mut store = Store::open_in_memory().unwrap();
    rebuild(&mut store, vec![Report { articles: vec![], events: vec![event("ev-a", "Kept")], storylines: vec![], entities: vec![] }], vec![]);
    let failed = store.rebuild_report(news_date, |rebuild| -> Result<Vec<StorylineReport>> {
        rebuild.add(Report { articles: vec![], events: vec![event("ev-b", "Lost")], storylines: vec![], entities: vec![] })?;
        Err(StoreError::NewerSchema { found: 0, known: 0 })
    });
    assert!(failed.is_err());
    assert_eq!(store.events().unwrap().into_iter().map(|e| e.title).collect::<Vec<_>>(), ["Kept"]);
}

#[test]
fn runner_up_renamed_in_a_written_event() {
    let mut store = Store::open_in_memory().unwrap();
    let mut named = event("ev-a", "A");
    named.why = vec![storyline_model::report::MembershipReport {
        source: "a.txt".into(),
        score: 1.0,
        shared_entities: vec![],
        shared_terms: vec![],
        days_apart: None,
        runner_up: Some("ev-old".into()),
        runner_up_score: Some(0.2),
        copy_of: None,
    }];
    store
        .rebuild_report(news_date, |rebuild| -> Result<Vec<StorylineReport>> {
            rebuild.add(Report { articles: vec![], events: vec![named], storylines: vec![], entities: vec![] })?;
            rebuild.rename_runner_up("ev-a", "ev-old", "ev-new")?;
            Ok(vec![])
        })
        .unwrap();
    assert_eq!(store.event("ev-a").unwrap().unwrap().why[0].runner_up.as_deref(), Some("ev-new"));
}

#[test]
fn search_finds_words_and_survives_syntax() {
    let mut store = Store::open_in_memory().unwrap();
    store.insert_articles(&[article("a", "Putin arrived in Hanoi."), article("b", "A quake hit Izmir.")], news_date).unwrap();
    let hits = store.search("hanoi", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, "a");
    assert!(store.search("\"unbalanced AND (", 10).unwrap().is_empty());
}

#[test]
fn a_store_opens_and_reads_the_previous_results_while_a_rebuild_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let mut writer = Store::open(&path).unwrap();
    rebuild(&mut writer, vec![Report { articles: vec![], events: vec![event("ev-a", "Old")], storylines: vec![], entities: vec![] }], vec![]);
    writer
        .rebuild_report(news_date, |rebuild| -> Result<Vec<StorylineReport>> {
            rebuild.add(Report { articles: vec![], events: vec![event("ev-b", "New")], storylines: vec![], entities: vec![] })?;
            let started = std::time::Instant::now();
            let reader = Store::open(&path)?;
            assert_eq!(reader.events()?.into_iter().map(|e| e.title).collect::<Vec<_>>(), ["Old"]);
            assert!(started.elapsed() < std::time::Duration::from_secs(5), "the reader waited for the writer");
            Ok(vec![])
        })
        .unwrap();
    assert_eq!(Store::open(&path).unwrap().events().unwrap().into_iter().map(|e| e.title).collect::<Vec<_>>(), ["New"]);
}

#[test]
fn an_article_report_keeps_its_body_once() {
    let mut store = Store::open_in_memory().unwrap();
    let stored = article("a", "Putin arrived in Hanoi. He met To Lam.");
    store.insert_articles(std::slice::from_ref(&stored), news_date).unwrap();
    let report = storyline_model::report::ArticleReport {
        id: "a".into(),
        source: "a.txt".into(),
        url: None,
        title: None,
        headline: stored.article.headline.clone(),
        body: stored.article.body.clone(),
        authors: vec![],
        credits: vec![],
        dateline: None,
        language: "en".into(),
        published: None,
        published_source: None,
        event_date: None,
        event: Some("ev-a".into()),
        copy_of: None,
        copy_of_credits: vec![],
        entities: vec![],
        times: vec![],
        quantities: vec![],
        warnings: vec![],
    };
    rebuild(&mut store, vec![Report { articles: vec![report.clone()], events: vec![event("ev-a", "Visit")], storylines: vec![], entities: vec![] }], vec![]);
    assert_eq!(store.report().unwrap().articles, std::slice::from_ref(&report));
    assert_eq!(store.article_report("a").unwrap(), Some(report));
    let json: String = store.conn.query_row("SELECT report FROM article_reports", [], |r| r.get(0)).unwrap();
    assert!(!json.contains("To Lam"), "{json}");
}
