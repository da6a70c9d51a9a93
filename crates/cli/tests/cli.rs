//! End-to-end tests of the `storyline` binary on the example corpus.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use storyline_model::report::Report;
use storyline_store::Store;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn storyline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_storyline")).args(args).current_dir(workspace()).output().expect("run storyline")
}

fn analyze_seeds() -> Report {
    let output = storyline(&["analyze", "examples/seeds", "--json"]);
    assert!(output.status.success(), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("valid JSON report")
}

#[test]
fn analyze_json_snapshot() {
    insta::assert_json_snapshot!("seeds_report", analyze_seeds());
}

#[test]
fn analyze_text_names_storyline_events_and_briefs() {
    let output = storyline(&["analyze", "examples/seeds"]);
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    for needle in ["STORYLINES", "EVENTS", "Summary", "Discrepancies", "2024-03-26", "2024-06-20"] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
}

#[test]
fn ingesting_twice_keeps_one_copy() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let db = db.to_str().unwrap();
    for _ in 0..2 {
        let output = storyline(&["--db", db, "ingest", "examples/seeds"]);
        assert!(output.status.success(), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    }
    let store = Store::open(Path::new(db)).unwrap();
    assert_eq!(store.article_count().unwrap(), 5);
    assert_eq!(store.events().unwrap().len(), 2);

    let events = storyline(&["--db", db, "events"]);
    let listing = String::from_utf8_lossy(&events.stdout);
    let first_id = listing.split_whitespace().next().unwrap().to_string();
    let show = storyline(&["--db", db, "show", &first_id, "--why"]);
    assert!(show.status.success());
    let shown = String::from_utf8_lossy(&show.stdout);
    assert!(shown.contains("Why these articles are together"), "{shown}");
    let lines = storyline(&["--db", db, "storylines"]);
    assert!(String::from_utf8_lossy(&lines.stdout).contains("why:"));
}

#[test]
fn show_marks_syndicated_copies_with_the_original_credit() {
    let dir = tempfile::tempdir().unwrap();
    let wire = "ANKARA (Reuters) - A magnitude 7.0 earthquake struck the Aegean coast of Turkey on Friday, toppling \
        buildings in the city of Izmir and killing at least 24 people, officials said. Rescuers worked through the night \
        to pull survivors from the rubble of collapsed apartment blocks, and the disaster agency said more than 800 \
        people were injured.";
    std::fs::write(dir.path().join("wire.txt"), wire).unwrap();
    std::fs::write(dir.path().join("site.txt"), format!("{wire}\n\nFollow our live coverage for updates.")).unwrap();
    let db = dir.path().join("s.db");
    let db = db.to_str().unwrap();
    assert!(storyline(&["--db", db, "ingest", dir.path().to_str().unwrap()]).status.success());
    let events = Store::open(Path::new(db)).unwrap().events().unwrap();
    let [event] = &events[..] else { panic!("one event: {events:?}") };
    let shown = String::from_utf8_lossy(&storyline(&["--db", db, "show", &event.id]).stdout).to_string();
    let sources = shown.lines().find(|l| l.trim_start().starts_with("sources")).unwrap_or_default();
    assert!(sources.contains("(1 independent): ") && sources.contains("site.txt [copy of wire.txt (Reuters)]"), "{shown}");
}

#[test]
fn bad_files_are_reported_and_the_rest_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(workspace().join("examples/seeds")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    std::fs::write(dir.path().join("binary.txt"), [0u8, 159, 146, 150, 0, 1, 2, 3, 0, 255]).unwrap();
    std::fs::write(dir.path().join("empty.txt"), b"").unwrap();
    // Bytes of no encoding: a pseudo-random run of high bytes.
    let mut state: u32 = 12345;
    let invalid: Vec<u8> = (0..400)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            0x80 | (state >> 16) as u8
        })
        .collect();
    std::fs::write(dir.path().join("invalid.txt"), invalid).unwrap();
    let db = dir.path().join("s.db");
    let output = storyline(&["--db", db.to_str().unwrap(), "ingest", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(3), "some inputs failed");
    let stderr = String::from_utf8_lossy(&output.stderr);
    for bad in ["binary.txt", "empty.txt", "invalid.txt"] {
        assert_eq!(stderr.lines().filter(|l| l.contains(bad)).count(), 1, "one line for {bad} in:\n{stderr}");
    }
    assert_eq!(Store::open(&db).unwrap().article_count().unwrap(), 5);
}

#[test]
fn help_on_every_command() {
    for command in ["ingest", "analyze", "events", "show", "storylines", "search"] {
        let output = storyline(&[command, "--help"]);
        assert!(output.status.success(), "{command} --help");
        assert!(String::from_utf8_lossy(&output.stdout).contains("Usage"));
    }
}
