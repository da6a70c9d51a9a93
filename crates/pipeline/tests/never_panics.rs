//! The whole pipeline on arbitrary text: no panics, every span inside its body on
//! character boundaries, every article in exactly one event.

use proptest::prelude::*;
use storyline_model::{Content, GivenMeta, RawDocument};

fn doc(i: usize, text: String, html: bool) -> RawDocument {
    RawDocument {
        source: format!("doc{i}"),
        content: if html { Content::Html(text) } else { Content::Text(text) },
        meta: GivenMeta::default(),
    }
}

/// Text that looks a little like news: words, names, dates, numbers, punctuation, lines.
fn newsish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Putin".to_string()),
        Just("visited Hanoi".to_string()),
        Just("on Tuesday (March 27)".to_string()),
        Just("the 20th".to_string()),
        Just("at least 139 people".to_string()),
        Just("By Jane Roe – Reuters – March 26, 2024".to_string()),
        Just("\n".to_string()),
        Just(". ".to_string()),
        Just("« »".to_string()),
        "[A-Za-z]{1,12}",
        "[0-9]{1,5}",
        "\\PC{0,6}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn pipeline_survives_anything(texts in prop::collection::vec((newsish(), any::<bool>()), 1..6)) {
        let articles: Vec<_> = texts
            .into_iter()
            .enumerate()
            .filter_map(|(i, (t, html))| storyline_pipeline::process_document(&doc(i, t, html)).ok())
            .collect();
        let count = articles.len();
        let corpus = storyline_pipeline::build_corpus(articles);
        prop_assert_eq!(corpus.articles.len(), count);
        let mut members: Vec<usize> = corpus.events.iter().flat_map(|e| e.members.clone()).collect();
        members.sort();
        prop_assert_eq!(members, (0..count).collect::<Vec<_>>());
        for a in &corpus.articles {
            let body = &a.article.body;
            let spans = a.analysis.mentions.iter().map(|m| m.span)
                .chain(a.analysis.times.iter().map(|t| t.span))
                .chain(a.analysis.quantities.iter().map(|q| q.span))
                .chain(a.analysis.sentences.iter().copied());
            for s in spans {
                prop_assert!(s.start <= s.end && s.end <= body.len());
                prop_assert!(body.is_char_boundary(s.start) && body.is_char_boundary(s.end));
            }
        }
        let report = storyline_pipeline::report(&corpus);
        prop_assert!(serde_json::to_string(&report).is_ok());
    }
}
