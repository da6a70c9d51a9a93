//! The embedded store: SQLite in WAL mode (readers see a consistent snapshot while a
//! writer works), full-text search with FTS5.
//!
//! Articles are stored once per id (a hash of the normalised body), so re-ingesting adds
//! nothing. Each article keeps its per-document analysis (the input of the corpus stage);
//! the corpus stage's results (events, storylines, article reports) are replaced as a whole
//! in one transaction after each ingest.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};
use storyline_model::AnalyzedArticle;
use storyline_model::report::{ArticleReport, EventReport, Report, StorylineReport};

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

const SCHEMA_VERSION: i64 = 1;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    headline TEXT NOT NULL,
    body TEXT NOT NULL,
    published TEXT,
    added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    analysis TEXT NOT NULL
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

    fn init(conn: Connection) -> Result<Self> {
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema { found, known: SCHEMA_VERSION });
        }
        conn.execute_batch(SCHEMA)?;
        conn.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        Ok(Self { conn })
    }

    /// The journal mode in force ("wal" for a file store).
    pub fn journal_mode(&self) -> Result<String> {
        Ok(self.conn.pragma_query_value(None, "journal_mode", |r| r.get(0))?)
    }

    /// Stores new articles; those already stored (same id) are skipped. Returns how many were added.
    pub fn insert_articles(&mut self, articles: &[AnalyzedArticle]) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let mut added = 0;
        {
            let mut insert = tx.prepare(
                "INSERT OR IGNORE INTO articles (id, source, headline, body, published, analysis) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for a in articles {
                let analysis = serde_json::to_string(a)?;
                added += insert.execute(params![
                    a.article.id,
                    a.article.source,
                    a.article.headline,
                    a.article.body,
                    a.article.published.map(|d| d.to_string()),
                    analysis
                ])?;
            }
        }
        tx.commit()?;
        Ok(added)
    }

    pub fn article_count(&self) -> Result<usize> {
        Ok(self.conn.query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))? as usize)
    }

    /// Every stored article with its per-document analysis, in insertion order.
    pub fn articles(&self) -> Result<Vec<AnalyzedArticle>> {
        let mut stmt = self.conn.prepare("SELECT analysis FROM articles ORDER BY rowid")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for row in rows {
            out.push(serde_json::from_str(&row?)?);
        }
        Ok(out)
    }

    /// Replaces the corpus-stage results with `report`, atomically.
    pub fn replace_report(&mut self, report: &Report) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute_batch("DELETE FROM article_reports; DELETE FROM events; DELETE FROM storylines;")?;
        {
            let mut article = tx.prepare("INSERT OR REPLACE INTO article_reports (id, event_id, report) VALUES (?1, ?2, ?3)")?;
            for a in &report.articles {
                article.execute(params![a.id, a.event, serde_json::to_string(a)?])?;
            }
            let mut event = tx.prepare("INSERT INTO events (id, position, date, title, report) VALUES (?1, ?2, ?3, ?4, ?5)")?;
            for (i, e) in report.events.iter().enumerate() {
                event.execute(params![e.id, i as i64, e.date, e.title, serde_json::to_string(e)?])?;
            }
            let mut line = tx.prepare("INSERT INTO storylines (id, position, title, report) VALUES (?1, ?2, ?3, ?4)")?;
            for (i, s) in report.storylines.iter().enumerate() {
                line.execute(params![s.id, i as i64, s.title, serde_json::to_string(s)?])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The stored report: articles, events and storylines as the last corpus stage left them.
    pub fn report(&self) -> Result<Report> {
        let articles = self.json_rows::<ArticleReport>(
            "SELECT r.report FROM article_reports r JOIN articles a ON a.id = r.id ORDER BY a.source, a.id",
            [],
        )?;
        Ok(Report { articles, events: self.events()?, storylines: self.storylines()? })
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
        let report: Option<String> =
            self.conn.query_row("SELECT report FROM article_reports WHERE id = ?1", [id], |r| r.get(0)).optional()?;
        Ok(report.map(|r| serde_json::from_str(&r)).transpose()?)
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
