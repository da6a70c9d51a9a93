//! Throughput of [`storyline_analyze::analyze`] on ~3 KB articles, on one thread or several
//! sharing one process (as `storyline ingest` runs it).
//!
//! `cargo run --release -p storyline-analyze --example bench -- [--rounds N] [--threads N] FILE...`
//! where a FILE is plain text, or a JSON object whose values have an `articleBody` (the AEB
//! ground truth). Paragraphs of all inputs are packed into articles of about 3 KB. Prints
//! articles/s, tokens/s, a digest of all outputs and one digest per stage (sentences,
//! language, mentions, times, quantities), so that a change to one stage can be checked while
//! another stage changes.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use storyline_analyze::{analyze, anchor_for, entities::tokens::tokenize};
use storyline_model::Article;

// The allocator of the `storyline` binary.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut rounds = 5usize;
    let mut threads = 1usize;
    let mut paras = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--rounds" {
            rounds = args.next().and_then(|n| n.parse().ok()).unwrap_or(rounds);
            continue;
        }
        if a == "--threads" {
            threads = args.next().and_then(|n| n.parse().ok()).unwrap_or(threads).max(1);
            continue;
        }
        let text = std::fs::read_to_string(&a).unwrap_or_else(|e| panic!("{a}: {e}"));
        let bodies: Vec<String> = match serde_json::from_str::<serde_json::Value>(&text) {
            Ok(serde_json::Value::Object(m)) => {
                m.values().filter_map(|v| v.get("articleBody")?.as_str().map(String::from)).collect()
            }
            _ => vec![text],
        };
        for b in bodies {
            paras.extend(b.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).map(String::from));
        }
    }
    let mut articles = Vec::new();
    let mut cur = String::new();
    for p in paras {
        cur.push_str(&p);
        cur.push_str("\n\n");
        if cur.len() >= 3000 {
            articles.push(Article::new("bench", std::mem::take(&mut cur)));
        }
    }
    assert!(!articles.is_empty(), "no input");
    let bytes: usize = articles.iter().map(|a| a.body.len()).sum();
    let tokens: usize = articles.iter().map(|a| tokenize(&a.body, 0, a.body.len()).len()).sum();
    let anchor = anchor_for(jiff::civil::Date::new(2024, 3, 27).ok(), None);
    let mut digest = DefaultHasher::new();
    let mut stages: [DefaultHasher; 5] = Default::default();
    for a in &articles {
        let analysis = analyze(a, &anchor);
        format!("{analysis:?}").hash(&mut digest);
        format!("{:?}", analysis.sentences).hash(&mut stages[0]);
        analysis.language.hash(&mut stages[1]);
        format!("{:?}", analysis.mentions).hash(&mut stages[2]);
        format!("{:?}", analysis.times).hash(&mut stages[3]);
        format!("{:?}", analysis.quantities).hash(&mut stages[4]);
    }
    let mut best = f64::MAX;
    for _ in 0..rounds {
        let t0 = Instant::now();
        let next = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(|| {
                    while let Some(a) = articles.get(next.fetch_add(1, Ordering::Relaxed)) {
                        std::hint::black_box(analyze(a, &anchor));
                    }
                });
            }
        });
        best = best.min(t0.elapsed().as_secs_f64());
    }
    let n = articles.len() as f64;
    println!(
        "{} articles, {:.0} bytes/article, {:.0} tokens/article; best of {rounds}: {:.0} articles/s, {:.2} M tokens/s ({threads} thread(s)); digest {:016x}",
        articles.len(),
        bytes as f64 / n,
        tokens as f64 / n,
        n / best,
        tokens as f64 / best / 1e6,
        digest.finish()
    );
    let names = ["sentences", "language", "mentions", "times", "quantities"];
    let per_stage: Vec<String> = names.iter().zip(&stages).map(|(n, h)| format!("{n} {:016x}", h.finish())).collect();
    println!("stage digests: {}", per_stage.join(", "));
}
