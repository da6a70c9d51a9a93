//! The seed corpus's gold time expressions (examples/gold/seeds.json), normalised with the
//! anchors the pipeline gives each article.

use std::path::PathBuf;

use jiff::civil::Date;
use storyline_analyze::sentences::split;
use storyline_analyze::time::{TimeAnchor, find_times, infer_article_date};
use storyline_model::DateSource;

fn seeds() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds")
}

fn date(s: &str) -> Option<Date> {
    s.parse().ok()
}

/// The body as the pipeline sees it: gold body lines joined by blank lines. The byline
/// line, when the gold annotates one, is appended: gold lists a time expression in it.
fn body(gold: &serde_json::Value, file: &str) -> String {
    let text = std::fs::read_to_string(seeds().join(file)).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    let doc = &gold["documents"][file];
    let mut numbers: Vec<u64> = doc["body_lines"].as_array().map_or_else(Vec::new, |a| a.iter().filter_map(|v| v.as_u64()).collect());
    if let Some(b) = doc["byline_line"].as_u64() {
        numbers.push(b);
    }
    numbers
        .iter()
        .filter_map(|&n| usize::try_from(n).ok().and_then(|n| lines.get(n.wrapping_sub(1))))
        .map(|l| l.trim())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn anchor(file: &str) -> TimeAnchor {
    match &file[..3] {
        "000" => TimeAnchor { reference: date("2024-03-27"), context: date("2024-03-26") },
        "001" => TimeAnchor { reference: date("2024-03-26"), context: None },
        "002" => TimeAnchor { reference: date("2024-06-20"), context: None },
        _ => TimeAnchor { reference: None, context: date("2024-06-20") },
    }
}

#[test]
fn seed_gold_time_expressions() {
    let Ok(raw) = std::fs::read_to_string(seeds().join("../gold/seeds.json")) else {
        panic!("examples/gold/seeds.json is missing");
    };
    let gold: serde_json::Value = serde_json::from_str(&raw).unwrap_or_default();
    let Some(docs) = gold["time_expressions"].as_object() else {
        panic!("gold.json has no time_expressions");
    };
    let (mut total, mut right) = (0, 0);
    for (file, exprs) in docs {
        let body = body(&gold, file);
        let times = find_times(&body, &split(&body), &anchor(file));
        for t in &times {
            println!("{file}: {:?} = {} {:?}", t.text, t.value, t.warning);
        }
        for e in exprs.as_array().into_iter().flatten() {
            let (text, value) = (e["text"].as_str().unwrap_or(""), e["value"].as_str().unwrap_or(""));
            total += 1;
            let hit = times.iter().any(|t| (t.text.contains(text) || text.contains(t.text.as_str())) && t.value == value);
            if hit {
                right += 1;
            } else {
                let found: Vec<_> = times
                    .iter()
                    .filter(|t| t.text.contains(text) || text.contains(t.text.as_str()))
                    .map(|t| (t.text.as_str(), t.value.as_str()))
                    .collect();
                println!("MISS {file}: {text:?} gold {value}, found {found:?}");
            }
        }
    }
    println!("{right}/{total} gold time expressions right");
    assert_eq!(total, 22);
    assert!(right >= 21, "{right}/{total}");
}

#[test]
fn seed_article_dates() {
    let Ok(raw) = std::fs::read_to_string(seeds().join("../gold/seeds.json")) else {
        panic!("examples/gold/seeds.json is missing");
    };
    let gold: serde_json::Value = serde_json::from_str(&raw).unwrap_or_default();
    let event = date("2024-06-20");
    let cases = [
        ("000_a8fbd279265aae4f.txt", date("2024-03-26"), Some((Date::constant(2024, 3, 27), DateSource::TextAndEvent))),
        ("001_035e1d7d6dea2091.txt", None, Some((Date::constant(2024, 3, 26), DateSource::Byline))),
        ("002_311eee39a6f20885.txt", event, Some((Date::constant(2024, 6, 20), DateSource::Text))),
        ("003_ccff768e2fde2c59.txt", event, None),
        ("004_f33a22070c099903.txt", event, None),
    ];
    for (file, context, expected) in cases {
        let body = body(&gold, file);
        assert_eq!(infer_article_date(&body, &split(&body), context), expected, "{file}");
    }
}
