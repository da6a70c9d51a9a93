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
    settle_mentions(body, &times, &mut mentions);
    let quantities = if english { quantities::find_quantities(body, &sentences) } else { Vec::new() };
    Analysis { language, sentences, mentions, times, quantities }
}

/// Entity mentions as [`analyze`] gives them: [`entities::find_mentions`] settled against the
/// body's time expressions (months and weekdays), and descriptions linked to their person.
pub fn entity_mentions(body: &str, sentences: &[storyline_model::Span]) -> Vec<storyline_model::Mention> {
    entity_mentions_with(body, sentences, entities::default_tagger())
}

/// [`entity_mentions`] with the rules alone (`tagger` = `None`) or with a given tagger.
pub fn entity_mentions_with(body: &str, sentences: &[storyline_model::Span], tagger: Option<&entities::tagger::Tagger>) -> Vec<storyline_model::Mention> {
    let mut mentions = entities::find_mentions_with(body, sentences, tagger);
    let times = time::find_times(body, sentences, &anchor_for(None, None));
    settle_mentions(body, &times, &mut mentions);
    mentions
}

/// A month or weekday inside a time expression is no name ("Jan" in "Jan. 2023"); outside one,
/// next to a person's name, it is part of the name ("Theresa May", "Jan Egeland"). Then, with
/// the names whole, descriptions ("the prime minister") are linked to the person they stand for.
fn settle_mentions(body: &str, times: &[storyline_model::TimeExpr], mentions: &mut Vec<storyline_model::Mention>) {
    mentions.retain(|m| !(times.iter().any(|t| t.span.contains(m.span)) && time::is_calendar_word(&m.text)));
    join_calendar_names(body, times, mentions);
    entities::link_descriptions(body, mentions);
}

/// Extends a person's name over a capitalised month or weekday right before or after it that
/// is in no time expression (the recogniser's lists stop names at month words).
fn join_calendar_names(body: &str, times: &[storyline_model::TimeExpr], mentions: &mut [storyline_model::Mention]) {
    let in_time = |start: usize, end: usize| times.iter().any(|t| t.span.start < end && start < t.span.end);
    let calendar = |word: &str| word.chars().next().is_some_and(char::is_uppercase) && time::is_calendar_word(word);
    let free = |start: usize, end: usize, others: &[storyline_model::Mention]| !in_time(start, end) && !others.iter().any(|o| o.span.start < end && start < o.span.end);
    for i in 0..mentions.len() {
        let m = &mentions[i];
        if m.kind != storyline_model::EntityKind::Person || m.nominal {
            continue;
        }
        let (mut start, mut end) = (m.span.start, m.span.end);
        // The word after: " May" ending at a word boundary.
        if let Some(rest) = body.get(end..).and_then(|r| r.strip_prefix(' ')) {
            let word = rest.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
            if calendar(word) && free(end + 1, end + 1 + word.len(), mentions) {
                end += 1 + word.len();
            }
        }
        // The word before: "Jan " starting at a word boundary.
        if let Some(head) = body.get(..start).and_then(|h| h.strip_suffix(' ')) {
            let word = head.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
            let word_start = head.len() - word.len();
            if calendar(word) && free(word_start, head.len(), mentions) {
                start = word_start;
            }
        }
        if (start, end) != (m.span.start, m.span.end) {
            let text = body[start..end].to_string();
            let m = &mut mentions[i];
            if m.canonical == m.text {
                m.canonical.clone_from(&text);
            }
            m.span = storyline_model::Span::new(start, end);
            m.text = text;
        }
    }
}

/// The anchor for an article whose own date is `published`, inside an event dated `context`.
pub fn anchor_for(published: Option<Date>, context: Option<Date>) -> TimeAnchor {
    TimeAnchor { reference: published, context }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_names_only_outside_time_expressions() {
        let article = Article::new("a", "Officials met Gen. John Smith in Jan. 2023 in the capital. Prime Minister Theresa May spoke in May, after Jan Egeland. The prime minister left.");
        let analysis = analyze(&article, &anchor_for(None, None));
        let names: Vec<(&str, &str)> = analysis.mentions.iter().map(|m| (m.text.as_str(), m.canonical.as_str())).collect();
        // The description is linked to the whole name.
        assert_eq!(names, [("John Smith", "John Smith"), ("Theresa May", "Theresa May"), ("Jan Egeland", "Jan Egeland"), ("prime minister", "Theresa May")]);
    }
}
