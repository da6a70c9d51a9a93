//! The seed articles against their hand-made gold: the cleaning checks of check_seeds.py.
use serde_json::Value;
use std::path::PathBuf;
use storyline_extract::extract;
use storyline_model::{Content, DateSource, GivenMeta, RawDocument};

/// The normalisation of check_seeds.py: plain quotes, collapsed whitespace, lower case.
fn norm(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{ab}' | '\u{bb}' => '"',
            c => c,
        })
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn prefix(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

fn seeds_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds")
}

fn line_numbers(v: &Value, key: &str) -> Vec<usize> {
    v[key].as_array().map(|a| a.iter().filter_map(|n| n.as_u64()).map(|n| n as usize).collect()).unwrap_or_default()
}

#[test]
fn seeds_match_gold() {
    let dir = seeds_dir();
    let gold: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("../gold/seeds.json")).expect("examples/gold/seeds.json"))
        .expect("gold.json parses");
    let docs = gold["documents"].as_object().expect("documents");
    assert_eq!(docs.len(), 5);
    let mut failures = Vec::new();
    for (name, g) in docs {
        let text = std::fs::read_to_string(dir.join(name)).expect("seed file");
        let lines: Vec<&str> = text.split('\n').collect();
        let doc = RawDocument { source: format!("examples/seeds/{name}"), content: Content::Text(text.clone()), meta: GivenMeta::default() };
        let article = extract(&doc).expect("article");
        let body = norm(&article.body);

        for n in line_numbers(g, "body_lines") {
            if !body.contains(&prefix(&norm(lines[n - 1]), 80)) {
                failures.push(format!("{name}: body line {n} missing: {}", lines[n - 1]));
            }
        }
        for n in line_numbers(g, "boilerplate_lines") {
            let key = prefix(&norm(lines[n - 1]), 60);
            if !key.is_empty() && body.contains(&key) {
                failures.push(format!("{name}: boilerplate line {n} kept: {}", lines[n - 1]));
            }
        }
        let want_title = g["title"].as_str().map(norm);
        if want_title != article.title.as_deref().map(norm) {
            failures.push(format!("{name}: title {:?}, want {want_title:?}", article.title));
        }
        if let Some(author) = g["author"].as_str() {
            if !article.authors.iter().any(|a| norm(a) == norm(author)) {
                failures.push(format!("{name}: authors {:?}, want {author}", article.authors));
            }
        }
        if let Some(credit) = g["credit"].as_str() {
            if !article.credits.iter().any(|c| c == credit) {
                failures.push(format!("{name}: credits {:?}, want {credit}", article.credits));
            }
        }
        let want_dateline = g["dateline"].as_str();
        if article.dateline.as_deref() != want_dateline {
            failures.push(format!("{name}: dateline {:?}, want {want_dateline:?}", article.dateline));
        }
        // Only a byline states the date in these texts; other dates are inferred downstream.
        if g.get("byline_line").is_some() {
            let want = g["published"].as_str();
            if article.published.map(|d| d.to_string()).as_deref() != want || article.published_source != Some(DateSource::Byline) {
                failures.push(format!("{name}: published {:?} ({:?}), want {want:?}", article.published, article.published_source));
            }
        } else if article.published.is_some() {
            failures.push(format!("{name}: published {:?} without a byline date", article.published));
        }
        // The headline is the title, or the lead when there is none.
        assert!(!article.headline.is_empty(), "{name}: empty headline");
        // Re-ingesting the same text gives the same id.
        assert_eq!(extract(&doc).expect("article").id, article.id);
    }
    assert!(failures.is_empty(), "seed failures:\n{}", failures.join("\n"));
}

/// `cargo test -p storyline-extract --test seeds -- --ignored --nocapture` prints the articles.
#[test]
#[ignore]
fn print_seed_articles() {
    let dir = seeds_dir();
    let mut names: Vec<_> = std::fs::read_dir(&dir).expect("seeds").flatten().map(|e| e.path()).collect();
    names.sort();
    for path in names.into_iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
        let text = std::fs::read_to_string(&path).expect("seed");
        let doc = RawDocument { source: path.display().to_string(), content: Content::Text(text), meta: GivenMeta::default() };
        println!("{}", serde_json::to_string_pretty(&extract(&doc).expect("article")).expect("json"));
    }
}
