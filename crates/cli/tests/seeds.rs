//! The seed corpus against its hand-made gold: the checks of the reference scorer
//! (`check_seeds.py`), run on `storyline analyze examples/seeds --json`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn norm(s: &str) -> String {
    let s = s.replace(['\u{2019}', '\u{2018}'], "'").replace(['\u{201c}', '\u{201d}', '\u{ab}', '\u{bb}'], "\"");
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn prefix(s: &str, chars: usize) -> String {
    s.chars().take(chars).collect()
}

fn base(source: &str) -> &str {
    source.rsplit('/').next().unwrap_or(source)
}

struct Checks(Vec<(String, bool, String)>);

impl Checks {
    fn check(&mut self, name: impl Into<String>, ok: bool, detail: impl Into<String>) {
        self.0.push((name.into(), ok, detail.into()));
    }
}

#[test]
fn seeds_match_gold() {
    let root = workspace();
    let gold: Value = serde_json::from_str(&std::fs::read_to_string(root.join("examples/gold/seeds.json")).unwrap()).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_storyline")).args(["analyze", "examples/seeds", "--json"]).current_dir(&root).output().unwrap();
    let out: Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut c = Checks(Vec::new());

    let arts: BTreeMap<&str, &Value> = out["articles"].as_array().unwrap().iter().map(|a| (base(a["source"].as_str().unwrap()), a)).collect();
    let docs = gold["documents"].as_object().unwrap();
    for (doc, g) in docs {
        let a = arts[doc.as_str()];
        let text = std::fs::read_to_string(root.join("examples/seeds").join(doc)).unwrap();
        let lines: Vec<&str> = text.split('\n').collect();
        let body = norm(a["body"].as_str().unwrap());
        let line = |n: &Value| norm(lines[n.as_u64().unwrap() as usize - 1]);
        let missing: Vec<&Value> = g["body_lines"].as_array().unwrap().iter().filter(|n| !body.contains(&prefix(&line(n), 80))).collect();
        c.check(format!("{doc} keeps body lines"), missing.is_empty(), format!("{missing:?}"));
        let kept: Vec<&Value> = g["boilerplate_lines"].as_array().unwrap().iter().filter(|n| !line(n).is_empty() && body.contains(&prefix(&line(n), 60))).collect();
        c.check(format!("{doc} drops boilerplate"), kept.is_empty(), format!("{kept:?}"));
        if let Some(title) = g["title"].as_str() {
            c.check(format!("{doc} title"), norm(a["title"].as_str().unwrap_or("")) == norm(title), a["title"].to_string());
        }
        if let Some(published) = g["published"].as_str() {
            let accept: Vec<&str> = g["published_accept"].as_array().map_or(vec![published], |v| v.iter().filter_map(Value::as_str).collect());
            c.check(format!("{doc} published"), accept.contains(&a["published"].as_str().unwrap_or("")), a["published"].to_string());
        }
        if let Some(author) = g["author"].as_str() {
            let ok = a["authors"].as_array().unwrap().iter().any(|x| norm(x.as_str().unwrap()) == norm(author));
            c.check(format!("{doc} author"), ok, a["authors"].to_string());
        }
    }

    let events = out["events"].as_array().unwrap();
    let by_id: BTreeMap<&str, &Value> = events.iter().map(|e| (e["id"].as_str().unwrap(), e)).collect();
    let mut event_of: BTreeMap<&str, &str> = BTreeMap::new();
    for e in events {
        for s in e["articles"].as_array().unwrap() {
            event_of.insert(base(s.as_str().unwrap()), e["id"].as_str().unwrap());
        }
    }
    let mut groups: BTreeMap<&str, BTreeSet<Option<&str>>> = BTreeMap::new();
    for (doc, g) in docs {
        groups.entry(g["event"].as_str().unwrap()).or_default().insert(event_of.get(doc.as_str()).copied());
    }
    let same = groups.values().all(|v| v.len() == 1 && !v.contains(&None));
    let distinct: BTreeSet<_> = groups.values().filter_map(|v| v.iter().next()).collect();
    c.check("two gold events", same && distinct.len() == groups.len(), format!("{groups:?}"));
    let gold_events = gold["events"].as_object().unwrap();
    let event_for = |gid: &str| -> &Value {
        let doc = gold_events[gid]["documents"][0].as_str().unwrap();
        event_of.get(doc).and_then(|id| by_id.get(id)).copied().unwrap_or(&Value::Null)
    };
    for (gid, ge) in gold_events {
        c.check(format!("event {gid} date"), event_for(gid)["date"] == ge["date"], event_for(gid)["date"].to_string());
    }
    let (ea, eb) = (event_for("A")["id"].as_str(), event_for("B")["id"].as_str());
    let linked = out["storylines"].as_array().unwrap().iter().any(|s| {
        let ids: Vec<Option<&str>> = s["events"].as_array().unwrap().iter().map(Value::as_str).collect();
        let (pa, pb) = (ids.iter().position(|x| *x == ea), ids.iter().position(|x| *x == eb));
        matches!((pa, pb), (Some(a), Some(b)) if a < b)
    });
    c.check("storyline A before B", linked, "");
    let a3 = arts["003_ccff768e2fde2c59.txt"];
    c.check("003 dated through its event", a3["event_date"] == "2024-06-20", a3["event_date"].to_string());

    for (gid, ge) in gold_events {
        for (kind, names) in ge["key_entities"].as_object().unwrap() {
            let have: BTreeSet<String> = event_for(gid)["entities"][kind].as_array().unwrap().iter().map(|x| norm(x.as_str().unwrap())).collect();
            let names = names.as_array().unwrap();
            let hits = names.iter().filter(|n| have.contains(&norm(n.as_str().unwrap()))).count();
            c.check(format!("event {gid} {kind} recall"), hits as f64 >= 0.8 * names.len() as f64, format!("{hits}/{}", names.len()));
        }
    }

    let (mut total, mut hit) = (0, 0);
    for (doc, expressions) in gold["time_expressions"].as_object().unwrap() {
        let got: Vec<(String, &str)> = arts[doc.as_str()]["times"].as_array().unwrap().iter().map(|t| (norm(t["text"].as_str().unwrap()), t["value"].as_str().unwrap())).collect();
        for t in expressions.as_array().unwrap() {
            total += 1;
            let text = norm(t["text"].as_str().unwrap());
            if got.iter().any(|(tx, v)| *v == t["value"].as_str().unwrap() && !tx.is_empty() && (text.contains(tx.as_str()) || tx.contains(&text))) {
                hit += 1;
            }
        }
    }
    c.check("time expressions >= 85%", hit as f64 >= 0.85 * total as f64, format!("{hit}/{total}"));

    let disc = event_for("A")["discrepancies"].to_string();
    c.check("A discrepancy on the call's date", disc.contains("27") && disc.contains("26"), disc.chars().take(160).collect::<String>());
    for gid in gold_events.keys() {
        let summary = event_for(gid)["summary"].as_array().cloned().unwrap_or_default();
        let multi = summary.iter().filter(|s| s["sources"].as_array().is_some_and(|v| v.len() >= 2)).count();
        c.check(format!("event {gid} multi-source summary"), summary.len() >= 2 && multi >= 1, format!("{} sentences, {multi} multi-source", summary.len()));
    }

    let failed: Vec<String> = c.0.iter().filter(|(_, ok, _)| !ok).map(|(n, _, d)| format!("{n}: {d}")).collect();
    assert!(failed.is_empty(), "{} of {} seed checks fail:\n{}", failed.len(), c.0.len(), failed.join("\n"));
}
