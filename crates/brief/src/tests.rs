use storyline_model::{Analysis, AnalyzedArticle, Article, EntityKind, Mention, Span, TimeExpr, TimexType};

use super::*;

fn article(source: &str, title: Option<&str>, body: &str, names: &[(&str, EntityKind, &str)], times: &[(&str, &str, Option<&str>)]) -> AnalyzedArticle {
    let mut mentions = Vec::new();
    for (name, kind, canonical) in names {
        for (start, _) in body.match_indices(name) {
            let span = Span::new(start, start + name.len());
            mentions.push(Mention { span, text: name.to_string(), kind: *kind, canonical: canonical.to_string(), nominal: false });
        }
    }
    mentions.sort_by_key(|m| m.span);
    let times = times
        .iter()
        .filter_map(|(text, value, stated)| {
            let start = body.find(text)?;
            Some(TimeExpr {
                span: Span::new(start, start + text.len()),
                text: text.to_string(),
                kind: TimexType::Date,
                value: value.to_string(),
                stated: stated.map(str::to_string),
                warning: None,
            })
        })
        .collect();
    AnalyzedArticle {
        article: Article { id: source.into(), title: title.map(str::to_string), headline: title.unwrap_or(body).to_string(), credits: vec!["AFP".into()], ..Article::new(source, body) },
        analysis: Analysis {
            language: "en".into(),
            quantities: storyline_analyze::quantities::find_quantities(body, &storyline_analyze::sentences::split(body)),
            sentences: storyline_analyze::sentences::split(body),
            mentions,
            times,
        },
    }
}

const P: EntityKind = EntityKind::Person;
const L: EntityKind = EntityKind::Location;

fn event() -> Vec<AnalyzedArticle> {
    vec![
        article(
            "a.txt",
            Some("Lee invites Tanaka to Seoul"),
            "Lee invited Tanaka to pay an official visit to Seoul during a phone call on Monday (May 7). Tanaka happily accepted the invitation and agreed to arrange the visit soon. The call lasted an hour and covered trade in semiconductors.",
            &[("Lee", P, "Lee Jae-won"), ("Tanaka", P, "Kenji Tanaka"), ("Seoul", L, "Seoul")],
            &[("Monday (May 7)", "2024-05-06", Some("2024-05-07"))],
        ),
        article(
            "b.txt",
            Some("Tanaka accepts Seoul visit"),
            "President Lee Jae-won invited Kenji Tanaka to visit Seoul in a telephone call on Monday. Tanaka accepted the invitation and agreed to arrange the visit at a suitable time. Both men also discussed the fishing dispute near the islands at length.",
            &[("Lee Jae-won", P, "Lee Jae-won"), ("Kenji Tanaka", P, "Kenji Tanaka"), ("Tanaka", P, "Kenji Tanaka"), ("Seoul", L, "Seoul")],
            &[("Monday", "2024-05-06", None)],
        ),
    ]
}

#[test]
fn summary_sentences_name_every_source() {
    let articles = event();
    let b = brief(&[0, 1], &articles, &[]);
    assert!(b.summary.len() >= 2, "{:?}", b.summary);
    let multi: Vec<&Claim> = b.summary.iter().filter(|c| c.sources == vec![0, 1]).collect();
    assert!(multi.len() >= 2, "{:?}", b.summary);
    for claim in &b.summary {
        assert_eq!(claim.sources.len(), claim.evidence.len());
        for (a, span) in &claim.evidence {
            assert!(!span.slice(&articles[*a].article.body).is_empty());
        }
    }
}

#[test]
fn single_source_specifics_are_facts() {
    let articles = event();
    let b = brief(&[0, 1], &articles, &[]);
    let texts: Vec<&str> = b.facts.iter().chain(&b.summary).map(|c| c.text.as_str()).collect();
    assert!(texts.iter().any(|t| t.contains("semiconductors") || t.contains("fishing")), "{texts:?}");
    assert!(b.facts.iter().all(|c| c.sources.len() == 1));
}

#[test]
fn references_without_a_date_set_no_claims_apart() {
    let articles = vec![
        article("a.txt", None, "Lee accepted an invitation to visit Seoul on Monday (May 6), officials said.", &[("Lee", P, "Lee"), ("Seoul", L, "Seoul")], &[("Monday (May 6)", "2024-05-06", None)]),
        article("b.txt", None, "Lee has now accepted an invitation to visit Seoul, officials said.", &[("Lee", P, "Lee"), ("Seoul", L, "Seoul")], &[("now", "PRESENT_REF", None)]),
    ];
    let b = brief(&[0, 1], &articles, &[]);
    assert!(b.summary.iter().any(|c| c.sources == vec![0, 1]), "{:?}", b.summary);
    // A reference is no date of the news either: no discrepancy with the dated source.
    assert!(b.discrepancies.is_empty());
}

#[test]
fn stated_dates_that_differ_are_a_discrepancy() {
    let articles = event();
    let b = brief(&[0, 1], &articles, &[]);
    assert_eq!(b.discrepancies.len(), 1);
    let values: Vec<(&str, usize)> = b.discrepancies[0].values.iter().map(|v| (v.value.as_str(), v.article)).collect();
    assert_eq!(values, vec![("2024-05-07", 0), ("2024-05-06", 1)]);
    assert!(b.discrepancies[0].about.starts_with("the date of the"));
}

#[test]
fn agreeing_sources_have_no_discrepancy() {
    let mut articles = event();
    articles[0].analysis.times[0].stated = None;
    assert!(brief(&[0, 1], &articles, &[]).discrepancies.is_empty());
}

#[test]
fn title_kind_entities_and_place() {
    let articles = event();
    let b = brief(&[0, 1], &articles, &[]);
    assert!(b.title.contains("Tanaka"));
    assert!(b.kind.contains(&"invitation".to_string()), "{:?}", b.kind);
    assert_eq!(b.entities[&P], vec!["Kenji Tanaka".to_string(), "Lee Jae-won".to_string()]);
    assert_eq!(b.entities[&EntityKind::Organization], vec!["AFP".to_string()]);
    assert_eq!(b.place.as_deref(), Some("Seoul"));
}

#[test]
fn the_place_is_where_it_happens_and_the_most_precise() {
    let names = [("Yangon", L, "Yangon"), ("Bangkok", L, "Bangkok"), ("Vietnam", L, "Vietnam"), ("Hanoi", L, "Hanoi")];
    let place = |bodies: [&str; 2]| {
        let articles: Vec<AnalyzedArticle> = bodies.iter().enumerate().map(|(i, b)| article(&format!("{i}.txt"), None, b, &names, &[])).collect();
        brief(&[0, 1], &articles, &[]).place
    };
    // As often named, but Yangon is where the envoy is.
    assert_eq!(place(["The envoy arrived in Yangon from Bangkok on Monday.", "Bangkok sent its envoy, who landed in Yangon on Monday."]).as_deref(), Some("Yangon"));
    // A city over its country.
    assert_eq!(place(["The leader arrived in Vietnam on Monday.", "The leader landed in Hanoi on Monday."]).as_deref(), Some("Hanoi"));
    // Any characters before a place.
    assert_eq!(place(["Talks – Hanoi hosts them.", "“Hanoi” said the leader on Monday."]).as_deref(), Some("Hanoi"));
}

#[test]
fn a_credited_agency_is_listed_once_under_its_resolved_name() {
    let mut articles = event();
    let body = "Seoul (AP) - Lee invited Tanaka to visit Seoul on Monday, the Associated Press reported.";
    articles[1] = article("b.txt", None, body, &[("Lee", P, "Lee Jae-won"), ("Tanaka", P, "Kenji Tanaka"), ("Associated Press", EntityKind::Organization, "Associated Press")], &[]);
    articles[1].article.credits = vec!["AP".into()];
    let b = brief(&[0, 1], &articles, &[]);
    assert_eq!(b.entities[&EntityKind::Organization], vec!["Associated Press".to_string(), "AFP".to_string()]);
}

#[test]
fn sentences_naming_different_times_are_different_claims() {
    assert!(times_compatible(&["2024-03-26".into()], &["2024-03".into()]));
    assert!(times_compatible(&[], &["2023-10".into()]));
    assert!(!times_compatible(&["2024-03-26".into()], &["2023-10".into()]));
    let articles = vec![
        article("a.txt", None, "Lee accepted an invitation to visit Seoul on Monday (May 6), officials said.", &[("Lee", P, "Lee"), ("Seoul", L, "Seoul")], &[("Monday (May 6)", "2024-05-06", None)]),
        article("b.txt", None, "Lee had accepted an invitation to visit Seoul in October, officials said.", &[("Lee", P, "Lee"), ("Seoul", L, "Seoul")], &[("October", "2023-10", None)]),
    ];
    let b = brief(&[0, 1], &articles, &[]);
    assert!(b.summary.iter().all(|c| c.sources.len() == 1), "{:?}", b.summary);
}

#[test]
fn a_copy_and_its_original_count_as_one_source() {
    let articles = event();
    let independent = brief(&[0, 1], &articles, &[]);
    assert!(independent.summary.iter().any(|c| c.sources.len() == 2));
    let syndicated = brief(&[0, 1], &articles, &[None, Some(0)]);
    // The same sentences are grouped, but no claim counts as reported by two sources.
    assert!(syndicated.facts.iter().all(|c| c.sources.len() == 1));
    let multi = syndicated.summary.iter().filter(|c| c.sources.len() == 2).count();
    assert!(multi <= independent.summary.iter().filter(|c| c.sources.len() == 2).count());
    assert!(syndicated.summary.len() >= 3);
}

/// The grouping `group_claims` must reproduce: every sentence compared with every member.
fn group_claims_exhaustively(sentences: &[Sentence]) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, s) in sentences.iter().enumerate() {
        let best = groups
            .iter()
            .enumerate()
            .filter(|(_, g)| g.iter().all(|&m| compatible(&sentences[m], s)))
            .map(|(gi, g)| {
                let similarity = |m: usize| {
                    let (cosine, containment) = sentences[m].vector.cosine_and_containment(&s.vector, (sentences[m].weight_sum, s.weight_sum));
                    claim_similarity(cosine, containment)
                };
                (gi, g.iter().map(|&m| similarity(m)).fold(0.0, f64::max))
            })
            .filter(|(_, sim)| *sim >= SAME_CLAIM)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        match best {
            Some((gi, _)) => groups[gi].push(i),
            None => groups.push(vec![i]),
        }
    }
    groups
}

#[test]
fn indexed_grouping_matches_exhaustive_comparison() {
    // Pseudo-random sentences over a small vocabulary, so many pairs share terms.
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = |bound: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % bound
    };
    let terms: Vec<Vec<u32>> = (0..400).map(|_| (0..5 + next(8)).map(|_| next(40) as u32).collect()).collect();
    let mut df = DocumentFrequencies::default();
    terms.iter().for_each(|t| df.add(t));
    let sentences: Vec<Sentence> = terms
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let vector = SparseVector::tfidf(t, &df);
            Sentence {
                article: next(30) as usize,
                position: i,
                span: Span::new(0, 0),
                weight_sum: vector.weight_sum(),
                vector,
                has_specifics: false,
                times: if next(4) == 0 { vec![format!("2024-05-0{}", 1 + next(3))] } else { Vec::new() },
                amounts: if next(4) == 0 { vec![Amount { unit: "people".into(), value: next(3) as f64, quantity: 0 }] } else { Vec::new() },
            }
        })
        .collect();
    let (groups, _) = group_claims(&sentences);
    assert!(groups.iter().any(|g| g.len() > 2), "the test should form real groups");
    assert_eq!(groups, group_claims_exhaustively(&sentences));
}

#[test]
fn sources_counting_the_same_thing_differently_are_a_discrepancy() {
    let names = [("Izmir", L, "Izmir")];
    let articles = vec![
        article("a.txt", None, "The earthquake in Izmir killed 24 people and toppled dozens of buildings, officials said. Rescuers searched the rubble all night.", &names, &[]),
        article("b.txt", None, "The earthquake in Izmir killed at least 37 people and toppled dozens of buildings, officials said. Rescuers searched the rubble through the night.", &names, &[]),
    ];
    let b = brief(&[0, 1], &articles, &[]);
    let counted = b.discrepancies.iter().find(|d| d.about == "the number of people").expect("a discrepancy on the toll");
    let values: Vec<(&str, usize)> = counted.values.iter().map(|v| (v.value.as_str(), v.article)).collect();
    assert_eq!(values, vec![("24", 0), ("at least 37", 1)]);
    assert!(counted.values[1].quote.contains("at least 37 people"));
    // Neither source is said to report the other's count.
    for claim in b.summary.iter().chain(&b.facts) {
        assert!(!(claim.text.contains("killed") && claim.sources.len() == 2), "{claim:?}");
    }
    // A copy does not disagree with its original; agreeing counts are no discrepancy.
    assert!(brief(&[0, 1], &articles, &[None, Some(0)]).discrepancies.iter().all(|d| d.about != "the number of people"));
    let agreeing = vec![articles[0].clone(), article("c.txt", None, &articles[0].article.body.replace("all night", "until dawn"), &names, &[])];
    assert!(brief(&[0, 1], &agreeing, &[]).discrepancies.is_empty());
}

#[test]
fn different_counts_in_different_statements_are_no_discrepancy() {
    let names = [("Izmir", L, "Izmir")];
    let articles = vec![
        article("a.txt", None, "The earthquake in Izmir killed 24 people on Friday.", &names, &[]),
        article("b.txt", None, "Doctors in Izmir treated 800 people injured by falling masonry in the old town.", &names, &[]),
    ];
    assert!(brief(&[0, 1], &articles, &[]).discrepancies.is_empty());
}
