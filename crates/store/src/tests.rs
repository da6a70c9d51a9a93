use storyline_model::report::{EventReport, Report, StorylineReport};
use storyline_model::{Analysis, AnalyzedArticle, Article};

use super::*;

fn article(id: &str, body: &str) -> AnalyzedArticle {
    AnalyzedArticle {
        article: Article { id: id.into(), headline: body.split('.').next().unwrap_or_default().into(), ..Article::new(format!("{id}.txt"), body) },
        analysis: Analysis { language: "en".into(), sentences: vec![], mentions: vec![], times: vec![], quantities: vec![] },
    }
}

fn event(id: &str, title: &str) -> EventReport {
    EventReport {
        id: id.into(),
        title: title.into(),
        date: Some("2024-06-20".into()),
        place: None,
        kind: vec![],
        articles: vec![],
        independent_sources: 0,
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
    assert_eq!(store.insert_articles(&articles).unwrap(), 2);
    assert_eq!(store.insert_articles(&articles).unwrap(), 0);
    assert_eq!(store.article_count().unwrap(), 2);
    assert_eq!(store.articles().unwrap(), articles.to_vec());
}

#[test]
fn file_store_is_wal_and_persists() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    {
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.journal_mode().unwrap(), "wal");
        store.insert_articles(&[article("a", "Putin arrived in Hanoi.")]).unwrap();
    }
    assert_eq!(Store::open(&path).unwrap().article_count().unwrap(), 1);
}

#[test]
fn reader_sees_committed_data_while_a_writer_holds_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let mut writer = Store::open(&path).unwrap();
    writer.insert_articles(&[article("a", "Putin arrived in Hanoi.")]).unwrap();
    let reader = Store::open(&path).unwrap();
    writer.insert_articles(&[article("b", "A quake hit Izmir.")]).unwrap();
    assert_eq!(reader.article_count().unwrap(), 2);
}

#[test]
fn report_replaced_as_a_whole() {
    let mut store = Store::open_in_memory().unwrap();
    let line = StorylineReport { id: "st-1".into(), title: "t".into(), events: vec!["ev-abc".into()], why: "w".into() };
    let first = Report { articles: vec![], events: vec![event("ev-abc", "Visit"), event("ev-abd", "Call")], storylines: vec![line] };
    store.replace_report(&first).unwrap();
    assert_eq!(store.events().unwrap().len(), 2);
    assert_eq!(store.event("ev-abc").unwrap().map(|e| e.title), Some("Visit".into()));
    assert_eq!(store.event("ev-abd").unwrap().map(|e| e.title), Some("Call".into()));
    assert_eq!(store.event("ev-ab").unwrap(), None, "an ambiguous prefix finds nothing");
    assert_eq!(store.storylines().unwrap().len(), 1);
    store.replace_report(&Report { articles: vec![], events: vec![event("ev-x", "Other")], storylines: vec![] }).unwrap();
    assert_eq!(store.events().unwrap().len(), 1);
    assert!(store.storylines().unwrap().is_empty());
}

#[test]
fn search_finds_words_and_survives_syntax() {
    let mut store = Store::open_in_memory().unwrap();
    store.insert_articles(&[article("a", "Putin arrived in Hanoi."), article("b", "A quake hit Izmir.")]).unwrap();
    let hits = store.search("hanoi", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, "a");
    assert!(store.search("\"unbalanced AND (", 10).unwrap().is_empty());
}
