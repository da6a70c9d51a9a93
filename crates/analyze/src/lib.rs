//! Language understanding for one article at a time: sentences, tokens, language,
//! entity mentions, time expressions and quantities. Pure functions: no IO, no panics
//! on any input, offsets always on character boundaries.
//!
//! Corpus-wide work (one canonical name per entity across articles) is in [`resolve`].

pub mod entities;
pub mod language;
pub mod quantities;
pub mod resolve;
pub mod sentences;
pub mod time;

use jiff::civil::Date;
use storyline_model::{Analysis, Article};

pub use time::TimeAnchor;

/// Analyses one article. `anchor` is what is known of its date (see [`TimeAnchor`]).
pub fn analyze(article: &Article, anchor: &TimeAnchor) -> Analysis {
    let body = &article.body;
    let sentences = sentences::split(body);
    let language = language::detect(body);
    let english = language == "en" || language == "und";
    let mut mentions = if english { entities::find_mentions(body, &sentences) } else { Vec::new() };
    let times = if english { time::find_times(body, &sentences, anchor) } else { Vec::new() };
    // A month or weekday inside a time expression is no name ("Jan" in "Jan. 2023").
    mentions.retain(|m| !(time::is_calendar_word(&m.text) && times.iter().any(|t| t.span.contains(m.span))));
    let quantities = if english { quantities::find_quantities(body, &sentences) } else { Vec::new() };
    Analysis { language, sentences, mentions, times, quantities }
}

/// The anchor for an article whose own date is `published`, inside an event dated `context`.
pub fn anchor_for(published: Option<Date>, context: Option<Date>) -> TimeAnchor {
    TimeAnchor { reference: published, context }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_inside_time_expressions_are_no_names() {
        let article = Article::new("a", "Officials met Gen. John Smith in Jan. 2023 in the capital.");
        let analysis = analyze(&article, &anchor_for(None, None));
        let names: Vec<&str> = analysis.mentions.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(names, ["John Smith"]);
    }
}
