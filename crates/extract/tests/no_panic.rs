//! `extract` never panics, whatever the input.
use proptest::prelude::*;
use storyline_extract::extract;
use storyline_model::{Content, GivenMeta, RawDocument};

fn doc(content: Content, published: Option<String>) -> RawDocument {
    RawDocument { source: "prop".into(), content, meta: GivenMeta { published, ..GivenMeta::default() } }
}

/// Strings made of the pieces the cleaner reacts to, so the rules get exercised.
fn texty() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        any::<String>(),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("By Jane Doe – AFP – May 3, 2022".to_string()),
        Just("HANOI (Reuters) - ".to_string()),
        Just(" - AFP".to_string()),
        Just("Related posts:".to_string()),
        Just("…".to_string()),
        Just("The council met on Monday and voted. ".to_string()),
        Just("(C) ".to_string()),
        Just(" , ".to_string()),
        Just("Home ".to_string()),
    ];
    proptest::collection::vec(piece, 0..20).prop_map(|v| v.concat())
}

fn htmly() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        any::<String>(),
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<div class=\"article\">".to_string()),
        Just("</div>".to_string()),
        Just("<meta property=\"og:title\" content=\"A title | Site\">".to_string()),
        Just("<script type=\"application/ld+json\">{\"headline\": 1, \"author\": [null]}</script>".to_string()),
        Just("The council met on Monday and voted on the budget for next year. ".to_string()),
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn text_never_panics(s in texty(), p in proptest::option::of(any::<String>())) {
        let _ = extract(&doc(Content::Text(s.clone()), p.clone()));
        let _ = extract(&doc(Content::CleanText(s), p));
    }

    #[test]
    fn html_never_panics(s in htmly()) {
        let _ = extract(&doc(Content::Html(s), None));
    }

    #[test]
    fn same_text_same_id(s in texty()) {
        let a = extract(&doc(Content::Text(s.clone()), None));
        let b = extract(&doc(Content::Text(s), None));
        prop_assert_eq!(a.map(|a| a.id), b.map(|b| b.id));
    }
}

#[test]
fn deeply_nested_html_is_flattened_not_stalled() {
    let deep = format!(
        "<html><body>{}<p>The council met on Monday and voted on the budget for the next year after a long debate.</p>{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let t = std::time::Instant::now();
    let a = extract(&doc(Content::Html(deep), None)).expect("article");
    assert!(a.warnings.iter().any(|w| w.contains("inner tags ignored")), "{:?}", a.warnings);
    assert!(a.body.contains("voted on the budget"), "{}", a.body);
    assert!(t.elapsed().as_secs() < 10, "took {:?}", t.elapsed());
}

#[test]
fn hostile_markup_is_read_in_bounded_time() {
    let story = "<p>The council met on Monday and voted on the budget for the next year after a long debate.</p>";
    // One tag with a hundred thousand attributes.
    let attrs: String = (0..100_000).map(|i| format!(" a{i}=v")).collect();
    // A layout table around thousands of blocks (each asks whether it sits in a data table).
    let blocks = "<div><p>Members voted seven to two, and the mayor said so.</p><p>Taxes stay flat.</p></div>".repeat(10_000);
    // Elements nested to the depth cap, each with a name the metadata and pruning read.
    let nested = |open: &str, close: &str| format!("{}{story}{}", open.repeat(199), close.repeat(199));
    let pages = [
        format!("<html><body><div{attrs}>{story}</div></body></html>"),
        format!("<html><body><table><tr><td><div class=story>{story}{blocks}</div></td></tr></table></body></html>"),
        nested("<div class=update>", "</div>"),
        nested("<div class=author>", "</div>"),
        nested("<ul><li>", "</li></ul>"),
        nested("<figure>", "</figure>"),
    ];
    for page in pages {
        let t = std::time::Instant::now();
        let a = extract(&doc(Content::Html(page), None)).expect("article");
        assert!(a.body.contains("voted on the budget"), "{}", &a.body[..a.body.len().min(200)]);
        assert!(t.elapsed().as_secs() < 20, "took {:?}", t.elapsed());
    }
}

#[test]
fn fifty_megabyte_html_is_truncated_not_stalled() {
    let paragraph = "<p>The council met on Monday and voted on the budget for the next year after a long debate.</p>\n";
    let big = format!("<html><body><article>{}</article></body></html>", paragraph.repeat(50 * 1024 * 1024 / paragraph.len()));
    let t = std::time::Instant::now();
    let a = extract(&doc(Content::Html(big), None)).expect("article");
    assert!(a.warnings.iter().any(|w| w.contains("truncated")), "{:?}", a.warnings);
    assert!(a.body.starts_with("The council met"), "{}", &a.body[..100]);
    assert!(t.elapsed().as_secs() < 20, "took {:?}", t.elapsed());
}

#[test]
fn many_teasers() {
    let many_teasers = format!("Related posts:\n{}", "A headline cut off in the middle of a…\n".repeat(5_000));
    assert!(extract(&doc(Content::Text(many_teasers), None)).is_err());
}

#[test]
fn oversized_input_is_truncated() {
    let big = format!("The council met on Monday and voted on the budget.{}Tail.", " ".repeat(6 * 1024 * 1024));
    let a = extract(&doc(Content::Text(big), None)).expect("article");
    assert!(a.warnings.iter().any(|w| w.contains("truncated")), "{:?}", a.warnings);
    assert!(!a.body.contains("Tail"));
}
