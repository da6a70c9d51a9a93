//! [`Corpus`] → the JSON contract ([`Report`]).

use storyline_brief::Claim;
use rayon::prelude::*;
use storyline_cluster::features::surface_forms;
use storyline_analyze::entities::demonym_country;
use storyline_model::EntityKind;
use storyline_model::report::*;

use crate::{Corpus, Event};

/// The report of a corpus, its articles by source as the store lists them.
pub fn report(corpus: &Corpus) -> Report {
    let mut articles: Vec<ArticleReport> = (0..corpus.articles.len()).into_par_iter().map(|i| article_report(corpus, i)).collect();
    articles.par_sort_by(|a, b| (&a.source, &a.id).cmp(&(&b.source, &b.id)));
    Report {
        entities: entity_table(&articles),
        articles,
        events: corpus.events.par_iter().map(|e| event_report(corpus, e)).collect(),
        storylines: corpus
            .storylines
            .iter()
            .map(|s| StorylineReport {
                id: s.id.clone(),
                title: s.title.clone(),
                events: s.events.iter().map(|&e| corpus.events[e].id.clone()).collect(),
                why: s.why.clone(),
            })
            .collect(),
    }
}

/// The articles and events of the events marked `closing` (by index into `corpus.events`),
/// and the articles in no event; no storylines.
pub(crate) fn part(corpus: &Corpus, closing: &[bool]) -> Report {
    let closes = |event: Option<usize>| event.is_none_or(|e| closing[e]);
    Report {
        articles: (0..corpus.articles.len()).into_par_iter().filter(|&i| closes(corpus.event_of[i])).map(|i| article_report(corpus, i)).collect(),
        events: corpus.events.par_iter().zip(closing).filter(|(_, close)| **close).map(|(e, _)| event_report(corpus, e)).collect(),
        storylines: Vec::new(),
        entities: Vec::new(),
    }
}

fn article_report(corpus: &Corpus, i: usize) -> ArticleReport {
    let (article, analysis) = (&corpus.articles[i].article, &corpus.articles[i].analysis);
    let event = corpus.event_of.get(i).copied().flatten().and_then(|e| corpus.events.get(e));
    let original = corpus.original_of(i).and_then(|o| corpus.articles.get(o)).map(|o| &o.article);
    ArticleReport {
        id: article.id.clone(),
        source: article.source.clone(),
        url: article.url.clone(),
        title: article.title.clone(),
        headline: article.headline.clone(),
        body: article.body.clone(),
        authors: article.authors.clone(),
        credits: article.credits.clone(),
        dateline: article.dateline.clone(),
        language: analysis.language.clone(),
        published: article.published.map(|d| d.to_string()),
        published_source: article.published_source.and_then(|s| serde_json::to_value(s).ok()).and_then(|v| v.as_str().map(str::to_string)),
        event_date: event.and_then(|e| e.date).map(|d| d.to_string()),
        event: event.map(|e| e.id.clone()),
        copy_of: original.map(|o| o.source.clone()),
        copy_of_credits: original.map_or_else(Vec::new, |o| o.credits.clone()),
        entities: analysis
            .mentions
            .iter()
            .map(|m| EntityReport {
                text: m.text.clone(),
                kind: m.kind.as_str().into(),
                canonical: m.canonical.clone(),
                nominal: m.nominal,
                place: (m.kind == EntityKind::Other).then(|| demonym_country(&m.text)).flatten().map(str::to_string),
                start: m.span.start,
                end: m.span.end,
            })
            .collect(),
        times: analysis
            .times
            .iter()
            .map(|t| TimeReport {
                text: t.text.clone(),
                kind: serde_json::to_value(t.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default(),
                value: t.value.clone(),
                stated: t.stated.clone(),
                warning: t.warning.clone(),
                start: t.span.start,
                end: t.span.end,
            })
            .collect(),
        quantities: analysis
            .quantities
            .iter()
            .map(|q| QuantityReport { text: q.text.clone(), value: q.value, unit: q.unit.clone(), modifier: q.modifier.clone(), start: q.span.start, end: q.span.end })
            .collect(),
        warnings: article.warnings.clone(),
    }
}

fn event_report(corpus: &Corpus, event: &Event) -> EventReport {
    let source = |i: usize| corpus.articles.get(i).map_or_else(String::new, |a| a.article.source.clone());
    let attributed = |claim: &Claim| Attributed {
        text: claim.text.clone(),
        sources: claim.sources.iter().map(|&s| source(s)).collect(),
        evidence: claim
            .evidence
            .iter()
            .map(|(a, span)| EvidenceReport {
                source: source(*a),
                text: corpus.articles.get(*a).map_or("", |x| span.slice(&x.article.body)).to_string(),
                start: span.start,
                end: span.end,
            })
            .collect(),
    };
    let names = |kind: EntityKind| event.brief.entities.get(&kind).cloned().unwrap_or_default();
    EventReport {
        id: event.id.clone(),
        title: event.brief.title.clone(),
        date: event.date.map(|d| d.to_string()),
        place: event.brief.place.clone(),
        kind: event.brief.kind.clone(),
        articles: event.members.iter().map(|&m| source(m)).collect(),
        independent_sources: event.members.iter().filter(|&&m| corpus.original_of(m).is_none_or(|o| !event.members.contains(&o))).count(),
        copies: event
            .members
            .iter()
            .filter_map(|&m| {
                let original = corpus.original_of(m)?;
                let credits = corpus.articles.get(original).map_or_else(Vec::new, |o| o.article.credits.clone());
                Some(CopyReport { source: source(m), copy_of: source(original), credits })
            })
            .collect(),
        entities: EntitiesReport {
            person: names(EntityKind::Person),
            organization: names(EntityKind::Organization),
            location: names(EntityKind::Location),
            other: names(EntityKind::Other),
        },
        summary: event.brief.summary.iter().map(attributed).collect(),
        facts: event.brief.facts.iter().map(attributed).collect(),
        discrepancies: event
            .brief
            .discrepancies
            .iter()
            .map(|d| DiscrepancyReport {
                about: d.about.clone(),
                values: d.values.iter().map(|v| DiscrepancyValue { value: v.value.clone(), source: source(v.article), quote: v.quote.clone() }).collect(),
            })
            .collect(),
        why: event
            .why
            .iter()
            .map(|w| MembershipReport {
                source: source(w.article),
                score: (w.score * 1000.0).round() / 1000.0,
                shared_entities: w.shared_entities.clone(),
                shared_terms: words_of(corpus, w.article, &w.shared_terms),
                days_apart: w.days_apart,
                runner_up: w.runner_up.and_then(|r| corpus.events.get(r)).map(|e| e.id.clone()),
                runner_up_score: w.runner_up_score.map(|s| (s * 1000.0).round() / 1000.0),
                copy_of: w.copy_of.map(source),
            })
            .collect(),
    }
}

/// Stems as words of the article they were shared by (see [`surface_forms`]).
fn words_of(corpus: &Corpus, article: usize, stems: &[String]) -> Vec<String> {
    corpus.articles.get(article).map_or_else(|| stems.to_vec(), |a| surface_forms(stems, &a.article.body))
}
