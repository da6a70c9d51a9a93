//! A made-up news page: nav, article, related links, footer and meta tags.
use storyline_extract::extract;
use storyline_model::{Content, DateSource, GivenMeta, RawDocument};

fn page_doc() -> RawDocument {
    RawDocument {
        source: "fixtures/page.html".to_string(),
        content: Content::Html(include_str!("fixtures/page.html").to_string()),
        meta: GivenMeta::default(),
    }
}

#[test]
fn html_page_article() {
    let a = extract(&page_doc()).expect("article");
    assert_eq!(a.title.as_deref(), Some("Harbour bridge reopens after repairs"));
    assert_eq!(a.site.as_deref(), Some("The Coastal Herald"));
    assert_eq!(a.url.as_deref(), Some("https://www.coastalherald.example/news/harbour-bridge-reopens"));
    assert_eq!(a.published.map(|d| d.to_string()).as_deref(), Some("2023-09-14"));
    assert_eq!(a.published_source, Some(DateSource::Metadata));
    assert_eq!(a.authors, ["Mara Lindqvist"]);
    assert_eq!(a.credits, ["AFP"]);
    assert_eq!(a.dateline.as_deref(), Some("PORT ELLEN"));
    assert!(a.body.starts_with("PORT ELLEN: The harbour bridge reopened"), "{}", a.body);
    assert!(a.body.contains("\n\nCommuters relieved\n\n"), "{}", a.body);
    for boilerplate in ["Home", "WhatsApp", "Ferry operator", "Related stories", "Copyright", "cookies", "By Mara", "- AFP"] {
        assert!(!a.body.contains(boilerplate), "{boilerplate:?} kept in:\n{}", a.body);
    }
    insta::assert_json_snapshot!(a);
}

#[test]
fn html_without_readable_article_falls_back_to_visible_text() {
    let html = "<html><body><div>Short intro</div><div>The harbour bridge reopened to traffic on Thursday morning after eight months of repairs.</div><div>Engineers replaced the corroded steel cables, the council said.</div></body></html>";
    let doc = RawDocument { source: "x.html".into(), content: Content::Html(html.into()), meta: GivenMeta::default() };
    let a = extract(&doc).expect("article");
    assert!(a.body.contains("Engineers replaced"), "{}", a.body);
    assert!(a.warnings.iter().any(|w| w.contains("visible text")), "{:?}", a.warnings);
}

#[test]
fn metadata_from_json_ld_graph_meta_tags_and_visible_headline() {
    let html = r##"<html><head>
<meta name="date" content="01/07/16">
<meta property="og:published_time" content="2024-10-08T09:30:00-04:00">
<meta property="og:site_name" content="Daily Planet">
<meta property="og:title" content="Budget 2025: everything you need to know | Daily Planet">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
  {"@type":"WebSite","@id":"#site","name":"Daily Planet"},
  {"@type":"NewsArticle","headline":"Budget 2025","author":{"@id":"#ann"},"publisher":{"@id":"#site"}},
  {"@type":"Person","@id":"#ann","name":"Ann Lee"}]}</script>
</head><body><header><h1>Daily Planet</h1></header>
<article><h1>Council passes the budget after a long debate</h1>
<p>The council approved the budget on Monday after a long debate about schools, roads and the new library that residents had asked for.</p>
<p>Members voted seven to two. The mayor said the plan keeps taxes flat for a third year while adding two new bus routes to the east side.</p>
</article></body></html>"##;
    let doc = RawDocument { source: "x.html".into(), content: Content::Html(html.into()), meta: GivenMeta::default() };
    let a = extract(&doc).expect("article");
    assert_eq!(a.authors, ["Ann Lee"]);
    // The unreadable two-digit-year date is passed over.
    assert_eq!(a.published.map(|d| d.to_string()).as_deref(), Some("2024-10-08"));
    // The article's visible headline, not the site's name nor the search-engine title.
    assert_eq!(a.title.as_deref(), Some("Council passes the budget after a long debate"));
}
