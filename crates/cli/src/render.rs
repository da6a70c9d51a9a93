//! Readable terminal output of reports, events and storylines.

use std::io::{self, Write};

use storyline_model::report::{EntityEntry, EventReport, Report, StorylineReport};

/// Short name of a source for display: its file name (with any `#record` suffix).
fn short(source: &str) -> &str {
    source.rsplit(['/', '\\']).next().unwrap_or(source)
}

fn date(d: &Option<String>) -> &str {
    d.as_deref().unwrap_or("undated")
}

pub fn report(out: &mut impl Write, report: &Report) -> io::Result<()> {
    writeln!(out, "{} articles, {} events, {} storylines\n", report.articles.len(), report.events.len(), report.storylines.len())?;
    if !report.storylines.is_empty() {
        writeln!(out, "STORYLINES")?;
        storylines(out, &report.storylines, &report.events)?;
    }
    writeln!(out, "EVENTS")?;
    for e in &report.events {
        event(out, e, false)?;
    }
    if !report.entities.is_empty() {
        writeln!(out, "\nENTITIES (most mentioned; all with `storyline entities`)")?;
        entities(out, report.entities.get(..TOP_ENTITIES).unwrap_or(&report.entities))?;
    }
    Ok(())
}

/// How many entities the report's text lists.
const TOP_ENTITIES: usize = 12;

pub fn entities(out: &mut impl Write, entities: &[EntityEntry]) -> io::Result<()> {
    for e in entities {
        let mut line = format!("  {:>4} × {:<12} {}", e.mentions, e.kind, e.canonical);
        let others: Vec<&str> = e.aliases.iter().map(String::as_str).filter(|a| *a != e.canonical).collect();
        if !others.is_empty() {
            line.push_str(&format!("  (also {})", others.join(", ")));
        }
        if let Some(place) = &e.place {
            line.push_str(&format!("  → {place}"));
        }
        writeln!(out, "{line}  in {} article{}", e.articles, if e.articles == 1 { "" } else { "s" })?;
    }
    Ok(())
}

pub fn storylines(out: &mut impl Write, lines: &[StorylineReport], events: &[EventReport]) -> io::Result<()> {
    for line in lines {
        writeln!(out, "  {}  {}", line.id, line.title)?;
        for id in &line.events {
            match events.iter().find(|e| &e.id == id) {
                Some(e) => writeln!(out, "    {}  {}  {}", date(&e.date), e.id, e.title)?,
                None => writeln!(out, "    {id}")?,
            }
        }
        writeln!(out, "    why: {}\n", line.why)?;
    }
    Ok(())
}

pub fn event_list(out: &mut impl Write, events: &[EventReport]) -> io::Result<()> {
    for e in events {
        writeln!(out, "{}  {:<10}  {:>2} articles  {}", e.id, date(&e.date), e.articles.len(), e.title)?;
    }
    Ok(())
}

pub fn event(out: &mut impl Write, e: &EventReport, why: bool) -> io::Result<()> {
    writeln!(out, "\n== {}  {}", e.id, e.title)?;
    let mut facts = vec![format!("date {}", date(&e.date))];
    if let Some(place) = &e.place {
        facts.push(format!("place {place}"));
    }
    if !e.kind.is_empty() {
        facts.push(format!("type {}", e.kind.join(", ")));
    }
    writeln!(out, "   {}", facts.join(" · "))?;
    let sources: Vec<String> = e
        .articles
        .iter()
        .map(|s| match e.copies.iter().find(|c| &c.source == s) {
            Some(c) if c.credits.is_empty() => format!("{} [copy of {}]", short(s), short(&c.copy_of)),
            Some(c) => format!("{} [copy of {} ({})]", short(s), short(&c.copy_of), c.credits.join(", ")),
            None => short(s).to_string(),
        })
        .collect();
    writeln!(out, "   sources ({} independent): {}", e.independent_sources, sources.join(", "))?;
    for (label, names) in [("people", &e.entities.person), ("organizations", &e.entities.organization), ("places", &e.entities.location)] {
        if !names.is_empty() {
            writeln!(out, "   {label}: {}", names.iter().take(10).cloned().collect::<Vec<_>>().join(", "))?;
        }
    }
    if !e.summary.is_empty() {
        writeln!(out, "\n   Summary")?;
        for s in &e.summary {
            writeln!(out, "   • {}  [{}]", s.text, s.sources.iter().map(|x| short(x)).collect::<Vec<_>>().join(", "))?;
        }
    }
    if !e.facts.is_empty() {
        writeln!(out, "\n   Reported by one source only")?;
        for s in &e.facts {
            writeln!(out, "   • {}  [{}]", s.text, s.sources.iter().map(|x| short(x)).collect::<Vec<_>>().join(", "))?;
        }
    }
    if !e.discrepancies.is_empty() {
        writeln!(out, "\n   Discrepancies")?;
        for d in &e.discrepancies {
            writeln!(out, "   • {}:", d.about)?;
            for v in &d.values {
                writeln!(out, "       {}  [{}]  “{}”", v.value, short(&v.source), v.quote)?;
            }
        }
    }
    if why {
        writeln!(out, "\n   Why these articles are together")?;
        for w in &e.why {
            write!(out, "   • {}  score {:.3}", short(&w.source), w.score)?;
            if let Some(days) = w.days_apart {
                write!(out, ", {days} days from the event")?;
            }
            writeln!(out)?;
            if !w.shared_entities.is_empty() {
                writeln!(out, "       shared entities: {}", w.shared_entities.join(", "))?;
            }
            if !w.shared_terms.is_empty() {
                writeln!(out, "       shared terms: {}", w.shared_terms.join(", "))?;
            }
            if let Some(original) = &w.copy_of {
                writeln!(out, "       a copy of {}", short(original))?;
            }
            if let (Some(r), Some(s)) = (&w.runner_up, w.runner_up_score) {
                writeln!(out, "       runner-up: {r} (score {s:.3})")?;
            }
        }
    }
    Ok(())
}

pub fn event_scores(out: &mut impl Write, s: &storyline_eval::events::EventScores) -> io::Result<()> {
    writeln!(out, "documents {}  gold events {}  predicted events {}  failed {}", s.documents, s.gold_events, s.predicted_events, s.failed)?;
    writeln!(out, "bcubed    precision {:.3}  recall {:.3}  F1 {:.3}", s.bcubed.precision, s.bcubed.recall, s.bcubed.f1)?;
    writeln!(out, "pairwise  precision {:.3}  recall {:.3}  F1 {:.3}", s.pairwise.precision, s.pairwise.recall, s.pairwise.f1)?;
    writeln!(out, "AMI {:.3}", s.ami)?;
    if let Some(acc) = s.event_date_accuracy {
        writeln!(out, "event dates right {:.3}", acc)?;
    }
    writeln!(
        out,
        "{:.2} s, {:.0} documents/s (per-document stage {:.2} s on {} threads, corpus stage {:.2} s)",
        s.seconds,
        s.documents as f64 / s.seconds.max(1e-9),
        s.document_seconds,
        rayon::current_num_threads(),
        s.seconds - s.document_seconds
    )
}
