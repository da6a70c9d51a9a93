//! The embedded store: SQLite in WAL mode (readers see a consistent snapshot while a
//! writer works), full-text search with FTS5.
//!
//! Articles are stored once per id (a hash of the normalised body), so re-ingesting adds
//! nothing. Each article keeps its per-document analysis (the input of the corpus stage);
//! the corpus stage's results (events, storylines, article reports) are replaced as a whole
//! in one transaction after each ingest: rows the rebuild writes unchanged are left as they
//! are, the others written, and those it no longer writes removed.

use std::cell::RefCell;
use std::collections::HashSet;
use std::path::Path;

use rayon::prelude::*;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use jiff::civil::Date;
use storyline_model::{Analysis, AnalyzedArticle, Article};
use storyline_model::report::{ArticleReport, EntityEntry, EntityTable, EventReport, Report, StorylineReport, entity_table};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("stored record is not valid: {0}")]
    Json(#[from] serde_json::Error),
    #[error("the database was written by a newer Storyline (schema {found}, this build knows {known})")]
    NewerSchema { found: i64, known: i64 },
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// 2: `articles.news_order`, the order of the streamed corpus stage.
/// 3: `articles.analysis` written without the article's body (schema-2 code would read it
/// as empty).
/// 4: `news_order` by content within a date ([`news_order`]); older keys are keyed again by
/// the next rebuild (schema-3 code would read the two kinds out of date order).
const SCHEMA_VERSION: i64 = 4;

const SCHEMA: &str = "
-- `analysis`: the analyzed article as JSON, its body left empty (it is the article's body).
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    headline TEXT NOT NULL,
    body TEXT NOT NULL,
    published TEXT,
    added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    analysis TEXT NOT NULL,
    news_order TEXT
);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    headline, body, content='articles', content_rowid='rowid'
);
CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, headline, body) VALUES (new.rowid, new.headline, new.body);
END;
CREATE TRIGGER IF NOT EXISTS articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, headline, body) VALUES ('delete', old.rowid, old.headline, old.body);
END;
CREATE TRIGGER IF NOT EXISTS articles_fts_update AFTER UPDATE OF headline, body ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, headline, body) VALUES ('delete', old.rowid, old.headline, old.body);
    INSERT INTO articles_fts(rowid, headline, body) VALUES (new.rowid, new.headline, new.body);
END;
-- `report`: the article's report as JSON, its body left empty (it is the article's body).
CREATE TABLE IF NOT EXISTS article_reports (
    id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    event_id TEXT,
    report TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    date TEXT,
    title TEXT NOT NULL,
    report TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS storylines (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    report TEXT NOT NULL
);
";

/// A search hit.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub id: String,
    pub source: String,
    pub headline: String,
    pub snippet: String,
}

#[derive(Debug)]
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (creating if needed) the store at `path`.
    pub fn open(path: &Path) -> Result<Self> {
        Self::init(Connection::open(path)?)
    }

    pub fn open_in_memory() -> Result<Self> {
        Self::init(Connection::open_in_memory()?)
    }

    fn init(mut conn: Connection) -> Result<Self> {
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema { found, known: SCHEMA_VERSION });
        }
        if found == SCHEMA_VERSION {
            // No write lock: a store being rebuilt can still be opened and read.
            return Ok(Self { conn });
        }
        Self::migrate(&mut conn)?;
        Ok(Self { conn })
    }

    /// Creates the tables, or brings a store of schema 1 to 3 to this schema, in one
    /// transaction, so two processes opening an old store migrate it once.
    fn migrate(conn: &mut Connection) -> Result<()> {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if tx.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0))? == SCHEMA_VERSION {
            return Ok(());
        }
        tx.execute_batch(SCHEMA)?;
        let keyed: bool = tx.query_row("SELECT count(*) > 0 FROM pragma_table_info('articles') WHERE name = 'news_order'", [], |r| r.get(0))?;
        if !keyed {
            // A store of schema 1; its articles are keyed by the next rebuild ([`Store::rebuild_report`]).
            tx.execute_batch("ALTER TABLE articles ADD COLUMN news_order TEXT;")?;
        }
        tx.execute_batch("CREATE INDEX IF NOT EXISTS articles_news_order ON articles(news_order);")?;
        // Rows of schema 1 and 2 keep the body in their analysis too: reading takes the `body`
        // column either way, and rewriting every row here would hold a large store (and
        // double its write-ahead log) for minutes at its first opening.
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        tx.commit()?;
        Ok(())
    }

    /// The journal mode in force ("wal" for a file store).
    pub fn journal_mode(&self) -> Result<String> {
        Ok(self.conn.pragma_query_value(None, "journal_mode", |r| r.get(0))?)
    }

    /// Stores new articles. Of articles with the same id, the one first in news order is kept
    /// (the earliest news date, then publication time, then content), whatever the order they come in.
    /// `news_date` is the day an article's news happened, the order in which the corpus stage
    /// reads articles. Returns how many were added.
    pub fn insert_articles(&mut self, articles: &[AnalyzedArticle], news_date: impl Fn(&AnalyzedArticle) -> Option<Date>) -> Result<usize> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut added = 0;
        {
            let mut stored = tx.prepare("SELECT news_order FROM articles WHERE id = ?1")?;
            let mut insert = tx.prepare(
                "INSERT INTO articles (id, source, headline, body, published, analysis, news_order) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            let mut replace =
                tx.prepare("UPDATE articles SET source = ?2, headline = ?3, body = ?4, published = ?5, analysis = ?6, news_order = ?7 WHERE id = ?1")?;
            // Written as JSON in parallel, then inserted in order.
            let analyses: Vec<String> = articles
                .par_iter()
                .map(|a| serde_json::to_string(&StoredAnalysis { article: &Article { body: String::new(), ..a.article.clone() }, analysis: &a.analysis }))
                .collect::<std::result::Result<_, _>>()?;
            for (a, analysis) in articles.iter().zip(analyses) {
                let key = news_order(news_date(a), a);
                let row = params![a.article.id, a.article.source, a.article.headline, a.article.body, a.article.published.map(|d| d.to_string()), analysis, key];
                // A key of an older schema sorts first: its article stays until the next rebuild keys it.
                match stored.query_row([&a.article.id], |r| r.get::<_, Option<String>>(0)).optional()? {
                    None => added += insert.execute(row)?,
                    Some(Some(kept)) if key < kept => {
                        replace.execute(row)?;
                    }
                    Some(_) => {}
                }
            }
        }
        tx.commit()?;
        Ok(added)
    }

    pub fn article_count(&self) -> Result<usize> {
        self.count("articles")
    }

    pub fn event_count(&self) -> Result<usize> {
        self.count("events")
    }

    pub fn storyline_count(&self) -> Result<usize> {
        self.count("storylines")
    }

    fn count(&self, table: &str) -> Result<usize> {
        Ok(self.conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get::<_, i64>(0))? as usize)
    }

    /// Rebuilds the corpus-stage results in one transaction (readers see the previous ones
    /// until it commits): `build` reads the articles in news order through [`Rebuild`], adds
    /// its results part by part and returns the storylines; events are then numbered by
    /// date (undated last), then id.
    pub fn rebuild_report<E: From<StoreError>>(
        &mut self,
        news_date: impl Fn(&AnalyzedArticle) -> Option<Date> + Sync,
        build: impl FnOnce(&Rebuild<'_>) -> std::result::Result<Vec<StorylineReport>, E>,
    ) -> std::result::Result<(), E> {
        // Immediate: the transaction reads before it writes, and another writer in between
        // would make its first write fail instead of waiting.
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(StoreError::from)?;
        fill_news_order(&tx, &news_date)?;
        tx.execute_batch("DELETE FROM storylines;").map_err(StoreError::from)?;
        // Rows are compared only where there are rows: a new store's first rebuild just writes.
        let stored = |table: &str| tx.query_row(&format!("SELECT EXISTS (SELECT 1 FROM {table})"), [], |r| r.get::<_, bool>(0));
        let written = Written { articles: stored("article_reports").map_err(StoreError::from)?.then(HashSet::new), events: stored("events").map_err(StoreError::from)?.then(HashSet::new) };
        let rebuild = Rebuild { conn: &tx, written: RefCell::new(written) };
        let storylines = build(&rebuild)?;
        // What this rebuild did not write is gone. Rewriting every row instead would free and
        // write again hundreds of megabytes of reports after an ingest of a few articles.
        // A store that had no results has none to remove, and its ids were not kept.
        let written = rebuild.written.into_inner();
        if let Some(ids) = &written.articles {
            remove_unwritten(&tx, "article_reports", ids)?;
        }
        if let Some(ids) = &written.events {
            remove_unwritten(&tx, "events", ids)?;
        }
        {
            let mut line = tx.prepare("INSERT INTO storylines (id, position, title, report) VALUES (?1, ?2, ?3, ?4)").map_err(StoreError::from)?;
            for (i, s) in storylines.iter().enumerate() {
                line.execute(params![s.id, i as i64, s.title, serde_json::to_string(s).map_err(StoreError::from)?]).map_err(StoreError::from)?;
            }
        }
        tx.execute_batch(
            "UPDATE events SET position = o.n FROM (SELECT id, row_number() OVER (ORDER BY date IS NULL, date, id) AS n FROM events) AS o WHERE o.id = events.id AND events.position IS NOT o.n;",
        )
        .map_err(StoreError::from)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(())
    }

    /// The stored report: articles, events and storylines as the last corpus stage left them.
    pub fn report(&self) -> Result<Report> {
        let articles = self.article_reports("SELECT r.report, a.body FROM article_reports r JOIN articles a ON a.id = r.id ORDER BY a.source, a.id", [])?;
        Ok(Report { entities: entity_table(&articles), articles, events: self.events()?, storylines: self.storylines()? })
    }

    pub fn events(&self) -> Result<Vec<EventReport>> {
        self.json_rows("SELECT report FROM events ORDER BY position", [])
    }

    /// An event by id, or by a unique prefix of its id.
    pub fn event(&self, id: &str) -> Result<Option<EventReport>> {
        let pattern = format!("{}%", id.replace(['%', '_'], ""));
        let rows: Vec<EventReport> = self.json_rows("SELECT report FROM events WHERE id = ?1 OR id LIKE ?2 ORDER BY id = ?1 DESC, position", params![id, pattern])?;
        Ok(match rows.as_slice() {
            [only] => Some(only.clone()),
            [first, ..] if first.id == id => Some(first.clone()),
            _ => None,
        })
    }

    pub fn storylines(&self) -> Result<Vec<StorylineReport>> {
        self.json_rows("SELECT report FROM storylines ORDER BY position", [])
    }

    pub fn article_report(&self, id: &str) -> Result<Option<ArticleReport>> {
        let sql = "SELECT r.report, a.body FROM article_reports r JOIN articles a ON a.id = r.id WHERE r.id = ?1";
        Ok(self.article_reports(sql, [id])?.pop())
    }

    /// The entities of all stored articles ([`entity_table`]), read one article at a time.
    pub fn entities(&self) -> Result<Vec<EntityEntry>> {
        let mut stmt = self.conn.prepare("SELECT r.report FROM article_reports r JOIN articles a ON a.id = r.id ORDER BY a.source, a.id")?;
        let mut table = EntityTable::default();
        for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
            table.add(&serde_json::from_str(&row?)?);
        }
        Ok(table.finish())
    }

    /// Article reports from rows of (report without its body, the article's body).
    fn article_reports(&self, sql: &str, params: impl rusqlite::Params) -> Result<Vec<ArticleReport>> {
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt.query_map(params, |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (report, body) = row?;
            let mut report: ArticleReport = serde_json::from_str(&report)?;
            report.body = body;
            out.push(report);
        }
        Ok(out)
    }

    /// Full-text search over headlines and bodies (FTS5 query syntax; plain words work).
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>> {
        let mut stmt = self.conn.prepare(
            "SELECT a.id, a.source, a.headline, snippet(articles_fts, 1, '[', ']', '…', 12)
             FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
             WHERE articles_fts MATCH ?1 ORDER BY rank LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![fts_query(query), limit as i64], |r| {
            Ok(Hit { id: r.get(0)?, source: r.get(1)?, headline: r.get(2)?, snippet: r.get(3)? })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    fn json_rows<T: serde::de::DeserializeOwned>(&self, sql: &str, params: impl rusqlite::Params) -> Result<Vec<T>> {
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt.query_map(params, |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for row in rows {
            out.push(serde_json::from_str(&row?)?);
        }
        Ok(out)
    }
}

/// An analyzed article as stored in `articles.analysis`: its body left empty.
#[derive(serde::Serialize)]
struct StoredAnalysis<'a> {
    article: &'a Article,
    analysis: &'a Analysis,
}

/// The stored article from its `analysis` and `body` columns.
fn stored_article(analysis: &str, body: String) -> Result<AnalyzedArticle> {
    let mut article: AnalyzedArticle = serde_json::from_str(analysis)?;
    article.article.body = body;
    Ok(article)
}

/// The first character of a [`news_order`] key, dated or undated. Keys of schemas 2 and 3
/// began with `0` or `1` and named the source before the content: [`fill_news_order`] keys
/// those again.
const NEWS_ORDER_FLAGS: [char; 2] = ['2', '3'];

/// The key articles are read in by the corpus stage: by news date (undated last), then as
/// [`Article::order_in_day`] orders them (as the pipeline does), so that the stream's parts do
/// not depend on input order. Unique in a store: the same content has the same id.
fn news_order(date: Option<Date>, article: &AnalyzedArticle) -> String {
    let (time, content, source) = article.article.order_in_day();
    // Fixed width, so that the text sorts as the number; empty (first) when unknown.
    let time = time.map_or(String::new(), |s| format!("{:020}", i128::from(s) - i128::from(i64::MIN)));
    let [dated, undated] = NEWS_ORDER_FLAGS;
    match date {
        Some(date) => format!("{dated}{date}\u{1f}{time}\u{1f}{content}\u{1f}{source}"),
        None => format!("{undated}\u{1f}{time}\u{1f}{content}\u{1f}{source}"),
    }
}

/// Keys articles stored without a key (schema 1) or with a key of schemas 2 and 3.
fn fill_news_order(conn: &Connection, news_date: &(impl Fn(&AnalyzedArticle) -> Option<Date> + Sync)) -> Result<()> {
    loop {
        let page: Vec<(i64, String, String)> = {
            let mut select = conn.prepare_cached("SELECT rowid, analysis, body FROM articles WHERE news_order IS NULL OR news_order < ?1 LIMIT 1024")?;
            select.query_map([NEWS_ORDER_FLAGS[0].to_string()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<std::result::Result<_, _>>()?
        };
        if page.is_empty() {
            return Ok(());
        }
        // Read from JSON in parallel, written in order.
        let keys: Vec<(i64, String)> = page
            .into_par_iter()
            .map(|(rowid, analysis, body)| stored_article(&analysis, body).map(|article| (rowid, news_order(news_date(&article), &article))))
            .collect::<Result<_>>()?;
        let mut update = conn.prepare_cached("UPDATE articles SET news_order = ?1 WHERE rowid = ?2")?;
        for (rowid, key) in keys {
            update.execute(params![key, rowid])?;
        }
    }
}

/// The corpus stage's access to the store during [`Store::rebuild_report`].
#[derive(Debug)]
pub struct Rebuild<'a> {
    conn: &'a Connection,
    written: RefCell<Written>,
}

/// The ids of the article reports and events a rebuild has written so far, kept for a table
/// only when it had rows to compare with when the rebuild began.
#[derive(Debug, Default)]
struct Written {
    articles: Option<HashSet<String>>,
    events: Option<HashSet<String>>,
}

/// Writes row `id` unless `written` compares and `same` finds it stored as it would be written;
/// records the id where `written` keeps ids.
fn write_unless_same(written: &mut Option<HashSet<String>>, id: &str, same: impl FnOnce() -> Result<bool>, write: impl FnOnce() -> Result<()>) -> Result<()> {
    match written {
        Some(ids) => {
            if !same()? {
                write()?;
            }
            ids.insert(id.to_string());
        }
        None => write()?,
    }
    Ok(())
}

/// Deletes the rows of `table` (keyed by `id`) whose id is not in `written`.
fn remove_unwritten(conn: &Connection, table: &str, written: &HashSet<String>) -> Result<()> {
    let ids: Vec<String> = conn.prepare(&format!("SELECT id FROM {table}"))?.query_map([], |r| r.get(0))?.collect::<std::result::Result<_, _>>()?;
    let mut delete = conn.prepare(&format!("DELETE FROM {table} WHERE id = ?1"))?;
    for id in ids.iter().filter(|id| !written.contains(*id)) {
        delete.execute([id])?;
    }
    Ok(())
}

/// Articles read per query by [`Rebuild::articles_in_news_order`].
const ARTICLES_PER_PAGE: i64 = 256;

impl Rebuild<'_> {
    /// Every stored article in news order, a page at a time.
    pub fn articles_in_news_order(&self) -> impl Iterator<Item = Result<AnalyzedArticle>> + '_ {
        let mut after = String::new();
        let mut page: std::vec::IntoIter<(String, Result<AnalyzedArticle>)> = Vec::new().into_iter();
        let mut done = false;
        std::iter::from_fn(move || {
            if page.len() == 0 && !done {
                let rows = self
                    .conn
                    .prepare_cached("SELECT news_order, analysis, body FROM articles WHERE news_order > ?1 ORDER BY news_order LIMIT ?2")
                    .and_then(|mut select| select.query_map(params![after, ARTICLES_PER_PAGE], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<std::result::Result<Vec<(String, String, String)>, _>>());
                match rows {
                    Ok(rows) => {
                        done = (rows.len() as i64) < ARTICLES_PER_PAGE;
                        // Read from JSON in parallel.
                        page = rows.into_par_iter().map(|(key, analysis, body)| (key, stored_article(&analysis, body))).collect::<Vec<_>>().into_iter();
                    }
                    Err(e) => {
                        done = true;
                        return Some(Err(e.into()));
                    }
                }
            }
            let (key, article) = page.next()?;
            after = key;
            Some(article)
        })
    }

    /// Adds a part of the results: its article reports and events.
    pub fn add(&self, part: Report) -> Result<()> {
        // Written as JSON in parallel, then inserted in order.
        let articles: Vec<(String, Option<String>, String)> = part
            .articles
            .into_par_iter()
            .map(|mut a| {
                // The body is the stored article's: not kept twice.
                a.body = String::new();
                let json = serde_json::to_string(&a)?;
                Ok((a.id, a.event, json))
            })
            .collect::<Result<_>>()?;
        // A row the last rebuild wrote the same is left as it is.
        let mut written = self.written.borrow_mut();
        let mut same = self.conn.prepare_cached("SELECT event_id IS ?2 AND report = ?3 FROM article_reports WHERE id = ?1")?;
        let mut write = self.conn.prepare_cached("INSERT OR REPLACE INTO article_reports (id, event_id, report) VALUES (?1, ?2, ?3)")?;
        for (id, event, json) in articles {
            write_unless_same(
                &mut written.articles,
                &id,
                || Ok(same.query_row(params![id, event, json], |r| r.get::<_, bool>(0)).optional()?.unwrap_or(false)),
                || Ok(write.execute(params![id, event, json]).map(drop)?),
            )?;
        }
        let events: Vec<String> = part.events.par_iter().map(serde_json::to_string).collect::<std::result::Result<_, _>>()?;
        let mut same = self.conn.prepare_cached("SELECT date IS ?2 AND title = ?3 AND report = ?4 FROM events WHERE id = ?1")?;
        let mut write = self.conn.prepare_cached("INSERT OR REPLACE INTO events (id, position, date, title, report) VALUES (?1, 0, ?2, ?3, ?4)")?;
        for (e, json) in part.events.iter().zip(events) {
            write_unless_same(
                &mut written.events,
                &e.id,
                || Ok(same.query_row(params![e.id, e.date, e.title, json], |r| r.get::<_, bool>(0)).optional()?.unwrap_or(false)),
                || Ok(write.execute(params![e.id, e.date, e.title, json]).map(drop)?),
            )?;
        }
        Ok(())
    }

    /// A stored article as it was stored.
    pub fn article(&self, id: &str) -> Result<Option<AnalyzedArticle>> {
        let row: Option<(String, String)> = self.conn.prepare_cached("SELECT analysis, body FROM articles WHERE id = ?1")?.query_row([id], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
        row.map(|(analysis, body)| stored_article(&analysis, body)).transpose()
    }

    /// Names `to` as the runner-up where `event` named `from`.
    pub fn rename_runner_up(&self, event: &str, from: &str, to: &str) -> Result<()> {
        let report: Option<String> = self.conn.query_row("SELECT report FROM events WHERE id = ?1", [event], |r| r.get(0)).optional()?;
        let Some(report) = report else { return Ok(()) };
        let mut report: EventReport = serde_json::from_str(&report)?;
        for why in report.why.iter_mut().filter(|w| w.runner_up.as_deref() == Some(from)) {
            why.runner_up = Some(to.to_string());
        }
        self.conn.execute("UPDATE events SET report = ?1 WHERE id = ?2", params![serde_json::to_string(&report)?, event])?;
        Ok(())
    }
}

/// Quotes each word so user text never breaks the FTS5 query syntax.
fn fts_query(query: &str) -> String {
    query
        .split_whitespace()
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests;
