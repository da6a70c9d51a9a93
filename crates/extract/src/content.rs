//! The main content of a page, chosen on our own tree ([`Dom`]): the method of Mozilla's
//! Readability (score paragraphs, credit their ancestors, take the best ancestor and its
//! related siblings, then drop the blocks inside that look like furniture), restated for an
//! immutable tree: what is removed is a mask over node ids, and each element's text length,
//! link text and tag counts are computed once, bottom-up, and lowered when a block inside it
//! is dropped. Then the pruning of `prune.rs`'s rules and the formatting into lines.
use crate::dom::{Dom, NodeId, NodeRef};
use aho_corasick::AhoCorasick;
use crate::rules::{LineKind, classify, ends_like_sentence, word_count};

/// Text shorter than this (in characters) makes the next, more permissive attempt run.
const CHAR_THRESHOLD: u32 = 500;

/// Paragraphs shorter than this (in characters) are not scored.
const MIN_PARAGRAPH_CHARS: u32 = 25;

/// How many ancestors a paragraph's score reaches.
const SCORED_ANCESTORS: usize = 5;

/// Candidates scoring at most this are not scaled down by their link density.
const MIN_SCORE_TO_ADJUST: f32 = 5.0;

/// Candidates kept for the choice of the best one.
const TOP_CANDIDATES: usize = 5;

/// Alternative candidates (scoring at least [`ALTERNATIVE_SHARE`] of the best) that make
/// their common ancestor the content when at least this many share it.
const MIN_ALTERNATIVES: usize = 3;
const ALTERNATIVE_SHARE: f32 = 0.75;

/// Class or id fragments of blocks that are unlikely to be content, unless they also name
/// content ([`MAYBE_CONTENT`]).
const UNLIKELY: &[&str] = &[
    "-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community", "cover-wrap", "disqus", "extra", "footer",
    "gdpr", "header", "legends", "menu", "related", "remark", "replies", "rss", "shoutbox", "sidebar", "skyscraper",
    "social", "sponsor", "supplemental", "ad-break", "agegate", "pagination", "pager", "popup", "yom-remote",
];
const MAYBE_CONTENT: &[&str] = &["and", "article", "body", "column", "content", "layout", "main", "mathjax", "shadow"];

/// Case-insensitive matchers over class and id names, built once.
struct NameMatchers {
    unlikely: AhoCorasick,
    maybe_content: AhoCorasick,
    negative: AhoCorasick,
    positive: AhoCorasick,
}

static MATCHERS: std::sync::LazyLock<NameMatchers> = std::sync::LazyLock::new(|| {
    let build = crate::rules::any_case_fragments;
    NameMatchers { unlikely: build(UNLIKELY), maybe_content: build(MAYBE_CONTENT), negative: build(NEGATIVE), positive: build(POSITIVE) }
});

/// How far up a table or code exempts a block from the unlikely names (Readability's 3).
const UNLIKELY_EXEMPT_LEVELS: usize = 3;

/// Roles of elements that are never content.
const UNLIKELY_ROLES: &[&str] = &["menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog"];

/// Class or id fragments that lower (negative) or raise (positive) a block's weight.
const NEGATIVE: &[&str] = &[
    "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr", "masthead", "media", "meta",
    "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags",
    "widget",
];
const POSITIVE: &[&str] =
    &["article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination", "post", "text", "blog", "story"];

/// Elements a `<div>` must not hold to be read as a paragraph.
const DIV_BLOCKS: &[&str] = &["blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul"];

/// Elements never part of the text.
const INVISIBLE: &[&str] = &["script", "style", "noscript", "template", "head", "title", "meta", "link"];

/// Which of Readability's heuristics an attempt uses; each failed attempt drops one.
#[derive(Debug, Clone, Copy)]
struct Flags {
    strip_unlikely: bool,
    weight_classes: bool,
    clean_conditionally: bool,
}

/// Per-element totals over the subtree (removed nodes excluded).
#[derive(Debug, Clone, Copy, Default)]
struct Stats {
    chars: u32,
    link_chars: f32,
    commas: u32,
    paragraphs: u32,
    images: u32,
    items: u32,
    inputs: u32,
    embeds: u32,
    heading_chars: u32,
    list_chars: u32,
}

impl Stats {
    fn add(&mut self, o: &Stats) {
        self.chars += o.chars;
        self.link_chars += o.link_chars;
        self.commas += o.commas;
        self.paragraphs += o.paragraphs;
        self.images += o.images;
        self.items += o.items;
        self.inputs += o.inputs;
        self.embeds += o.embeds;
        self.heading_chars += o.heading_chars;
        self.list_chars += o.list_chars;
    }

    fn sub(&mut self, o: &Stats) {
        self.chars = self.chars.saturating_sub(o.chars);
        self.link_chars = (self.link_chars - o.link_chars).max(0.0);
        self.commas = self.commas.saturating_sub(o.commas);
        self.paragraphs = self.paragraphs.saturating_sub(o.paragraphs);
        self.images = self.images.saturating_sub(o.images);
        self.items = self.items.saturating_sub(o.items);
        self.inputs = self.inputs.saturating_sub(o.inputs);
        self.embeds = self.embeds.saturating_sub(o.embeds);
        self.heading_chars = self.heading_chars.saturating_sub(o.heading_chars);
        self.list_chars = self.list_chars.saturating_sub(o.list_chars);
    }

    fn link_density(&self) -> f32 {
        if self.chars == 0 { 0.0 } else { self.link_chars / self.chars as f32 }
    }
}

/// The working state of one attempt over a page.
struct Grab<'d> {
    dom: &'d Dom,
    flags: Flags,
    /// Nodes removed with their subtrees (set on the subtree's root).
    removed: Vec<bool>,
    /// Nodes inside what the first pass removed (hidden, unlikely…), their roots included.
    hidden: Vec<bool>,
    stats: Vec<Stats>,
    /// `<div>`s read as paragraphs: those holding only phrasing content (one paragraph once
    /// wrapped) with little link text, and those holding nothing that makes a block.
    div_paragraph: Vec<bool>,
    /// `<div>`s holding just one `<p>` with little link text: Readability puts the paragraph
    /// in their place, so they neither take its score nor get cleaned.
    div_replaced: Vec<bool>,
    score: Vec<f32>,
    scored: Vec<bool>,
    /// Tables marked before the clean-up, as Readability marks them once: whether an element
    /// holds a data table, and whether it sits inside one (or inside code).
    holds_data_table: Vec<bool>,
    in_data_table_or_code: Vec<bool>,
}

/// The chosen content: subtree roots in page order and the mask of removed nodes.
pub(crate) struct Content<'d> {
    dom: &'d Dom,
    pub roots: Vec<NodeId>,
    removed: Vec<bool>,
}

/// The main content of `dom`, or `None` when the page has no text at all.
pub(crate) fn main_content(dom: &Dom) -> Option<Content<'_>> {
    let attempts = [
        Flags { strip_unlikely: true, weight_classes: true, clean_conditionally: true },
        Flags { strip_unlikely: false, weight_classes: true, clean_conditionally: true },
        Flags { strip_unlikely: false, weight_classes: false, clean_conditionally: true },
        Flags { strip_unlikely: false, weight_classes: false, clean_conditionally: false },
    ];
    let mut best: Option<(u32, Content)> = None;
    for flags in attempts {
        let Some(content) = Grab::new(dom, flags).run() else { continue };
        let chars = content.chars();
        if chars >= CHAR_THRESHOLD {
            return Some(content);
        }
        if best.as_ref().is_none_or(|(c, _)| chars > *c) {
            best = Some((chars, content));
        }
    }
    best.filter(|(c, _)| *c > 0).map(|(_, content)| content)
}

impl<'d> Grab<'d> {
    fn new(dom: &'d Dom, flags: Flags) -> Self {
        let n = dom.len();
        Grab {
            dom,
            flags,
            removed: vec![false; n],
            hidden: vec![false; n],
            stats: vec![Stats::default(); n],
            div_paragraph: vec![false; n],
            div_replaced: vec![false; n],
            score: vec![0.0; n],
            scored: vec![false; n],
            holds_data_table: vec![false; n],
            in_data_table_or_code: vec![false; n],
        }
    }

    fn run(mut self) -> Option<Content<'d>> {
        self.remove_unlikely();
        self.compute_stats();
        let runs = self.read_divs();
        self.score_paragraphs(&runs);
        let top = self.top_candidate()?;
        let roots = self.with_siblings(top);
        for &root in &roots {
            self.prepare(root);
        }
        Some(Content { dom: self.dom, roots, removed: self.removed })
    }

    fn node(&self, id: NodeId) -> NodeRef<'d> {
        self.dom.get(id)
    }

    /// Whether `id` or one of its ancestors is removed.
    fn is_removed(&self, id: NodeId) -> bool {
        let n = self.node(id);
        self.removed[id as usize] || n.ancestors().any(|a| self.removed[a.id() as usize])
    }

    /// Hidden elements, dialogs, scripts and (with `strip_unlikely`) blocks whose names or
    /// roles say they are not content.
    fn remove_unlikely(&mut self) {
        let mut effective = vec![false; self.dom.len()];
        for id in 1..self.dom.len() as NodeId {
            let n = self.node(id);
            let parent = n.parent().map_or(0, |p| p.id());
            if effective[parent as usize] {
                effective[id as usize] = true;
                continue;
            }
            if !n.is_element() {
                continue;
            }
            let remove = INVISIBLE.contains(&n.name()) || (n.has_attrs() && (!is_probably_visible(n) || is_modal_dialog(n))) || {
                self.flags.strip_unlikely && n.has_attrs() && {
                    let m = &*MATCHERS;
                    let names = [n.attr("class"), n.attr("id")];
                    let any = |ac: &AhoCorasick| names.iter().flatten().any(|v| ac.is_match(v));
                    let unlikely = any(&m.unlikely) && !any(&m.maybe_content);
                    (unlikely && !matches!(n.name(), "html" | "body" | "a") && !n.ancestors().take(UNLIKELY_EXEMPT_LEVELS).any(|a| matches!(a.name(), "table" | "code")))
                        || n.attr("role").is_some_and(|r| UNLIKELY_ROLES.contains(&r.trim()))
                }
            };
            if remove {
                self.removed[id as usize] = true;
                effective[id as usize] = true;
            }
        }
        self.hidden = effective;
    }

    /// Totals of every element's subtree, bottom-up (children have larger ids).
    fn compute_stats(&mut self) {
        let n = self.dom.len();
        for id in (1..n).rev() {
            if self.hidden[id] {
                continue;
            }
            let node = self.node(id as NodeId);
            if node.is_text() {
                let t = node.text();
                self.stats[id].chars = collapsed_len(t);
                self.stats[id].commas = t.chars().filter(|c| is_comma(*c)).count() as u32;
            } else if node.is_element() {
                let s = &mut self.stats[id];
                match node.name() {
                    "a" => {
                        // In-page links ("#section") count less; a bare "#" is a link like any other.
                        let in_page = node.attr("href").is_some_and(|h| h.trim_start().len() > 1 && h.trim_start().starts_with('#'));
                        let coefficient = if in_page { 0.3 } else { 1.0 };
                        s.link_chars = s.chars as f32 * coefficient;
                    }
                    "img" => s.images += 1,
                    "li" => s.items += 1,
                    "input" => s.inputs += 1,
                    "object" | "embed" | "iframe" => s.embeds += 1,
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => s.heading_chars = s.chars,
                    "ul" | "ol" => s.list_chars = s.chars,
                    _ => {}
                }
            }
            let parent = node.parent().map_or(0, |p| p.id()) as usize;
            let own = self.stats[id];
            self.stats[parent].add(&own);
        }
    }

    /// Reads each div as Readability reshapes it: runs of phrasing content become paragraphs;
    /// a div left with one paragraph and little link text, or with no block at all, is itself
    /// a paragraph. Paragraph counts are then taken bottom-up. Returns the runs read as
    /// paragraphs of other divs: (div, characters, commas).
    fn read_divs(&mut self) -> Vec<(NodeId, u32, u32)> {
        let mut div_runs = Vec::new();
        let n = self.dom.len();
        let mut runs_in = vec![0u32; n];
        for id in 1..n as NodeId {
            let div = self.node(id);
            if div.name() != "div" || self.hidden[id as usize] {
                continue;
            }
            let mut runs = Vec::new();
            let mut run = (0u32, 0u32);
            let mut other_elements = 0;
            let mut p_children = 0;
            for c in div.children() {
                if self.removed[c.id() as usize] {
                    continue;
                }
                if is_phrasing(c) {
                    let s = self.stats[c.id() as usize];
                    run.0 += s.chars;
                    run.1 += s.commas;
                    continue;
                }
                if run.0 > 0 {
                    runs.push(run);
                }
                run = (0, 0);
                if c.is_element() {
                    other_elements += 1;
                    p_children += u32::from(c.name() == "p");
                }
            }
            if run.0 > 0 {
                runs.push(run);
            }
            let few_links = self.stats[id as usize].link_density() < 0.25;
            let has_block = !runs.is_empty()
                || div.descendants().any(|d| d.is_element() && DIV_BLOCKS.contains(&d.name()) && !self.hidden[d.id() as usize]);
            if runs.is_empty() && other_elements == 1 && p_children == 1 && few_links {
                self.div_replaced[id as usize] = true;
            } else if (runs.len() == 1 && other_elements == 0 && few_links) || !has_block {
                self.div_paragraph[id as usize] = true;
            } else {
                runs_in[id as usize] = runs.len() as u32;
                div_runs.extend(runs.into_iter().map(|(chars, commas)| (id, chars, commas)));
            }
        }
        // Paragraph counts (left at zero by `compute_stats`): real ones, divs read as paragraphs
        // and wrapped runs.
        for id in (1..n).rev() {
            if self.hidden[id] {
                continue;
            }
            let node = self.node(id as NodeId);
            let own = u32::from(node.name() == "p" || self.div_paragraph[id]) + runs_in[id];
            self.stats[id].paragraphs += own;
            let parent = node.parent().map_or(0, |p| p.id()) as usize;
            let count = self.stats[id].paragraphs;
            self.stats[parent].paragraphs += count;
        }
        div_runs
    }

    /// Scores paragraphs (and runs of text directly inside divs that hold blocks) and credits
    /// their ancestors.
    fn score_paragraphs(&mut self, div_runs: &[(NodeId, u32, u32)]) {
        for id in 1..self.dom.len() as NodeId {
            let n = self.node(id);
            if !n.is_element() || self.removed[id as usize] {
                continue;
            }
            let name = n.name();
            let paragraph = matches!(name, "section" | "h2" | "h3" | "h4" | "h5" | "h6" | "p" | "td" | "pre")
                || (name == "div" && self.div_paragraph[id as usize]);
            if paragraph && !self.hidden[id as usize] {
                let s = self.stats[id as usize];
                self.credit(n.parent(), s.chars, s.commas);
            }
        }
        for &(div, chars, commas) in div_runs {
            let n = self.node(div);
            self.credit(Some(n), chars, commas);
        }
        for id in 0..self.dom.len() {
            if self.scored[id] && self.score[id] > MIN_SCORE_TO_ADJUST {
                self.score[id] *= 1.0 - self.stats[id].link_density();
            }
        }
    }

    /// Adds a paragraph's score to its first ancestors, starting at `parent`.
    fn credit(&mut self, parent: Option<NodeRef<'d>>, chars: u32, commas: u32) {
        if chars < MIN_PARAGRAPH_CHARS {
            return;
        }
        let Some(parent) = parent.filter(|p| p.is_element()) else { return };
        // One, plus one for each comma-separated piece, plus one per 100 characters (up to 3).
        let score = 2.0 + commas as f32 + (chars / 100).min(3) as f32;
        // Up to the body: the page's root is no candidate.
        let chain = std::iter::once(parent)
            .chain(parent.ancestors())
            .take_while(|a| a.name() != "html")
            .filter(|a| !self.div_replaced[a.id() as usize])
            .take(SCORED_ANCESTORS);
        for (level, a) in chain.collect::<Vec<_>>().into_iter().enumerate() {
            self.initialise(a);
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            self.score[a.id() as usize] += score / divider;
        }
    }

    fn initialise(&mut self, e: NodeRef) {
        let id = e.id() as usize;
        if self.scored[id] {
            return;
        }
        self.scored[id] = true;
        let base = match e.name() {
            "div" => 5.0,
            "pre" | "td" | "blockquote" => 3.0,
            "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
            _ => 0.0,
        };
        self.score[id] = base + self.class_weight(e);
    }

    fn class_weight(&self, e: NodeRef) -> f32 {
        if !self.flags.weight_classes {
            return 0.0;
        }
        let m = &*MATCHERS;
        let mut weight = 0.0;
        for name in [e.attr("class"), e.attr("id")].into_iter().flatten() {
            if m.negative.is_match(name) || is_hid(name) {
                weight -= 25.0;
            }
            if m.positive.is_match(name) {
                weight += 25.0;
            }
        }
        weight
    }

    /// The best-scoring candidate, moved up to the ancestor several good candidates share or
    /// to a parent that scores better.
    fn top_candidate(&mut self) -> Option<NodeId> {
        let mut candidates: Vec<NodeId> = (0..self.dom.len() as NodeId)
            .filter(|&id| self.scored[id as usize] && self.score[id as usize] > 0.0 && !self.is_removed(id))
            .collect();
        candidates.sort_by(|a, b| self.score[*b as usize].total_cmp(&self.score[*a as usize]).then(a.cmp(b)));
        candidates.truncate(TOP_CANDIDATES);
        let Some(&first) = candidates.first() else {
            return self.fallback_root();
        };
        if is_page_root(self.node(first)) {
            return self.fallback_root();
        }
        let mut top = first;
        let top_score = self.score[top as usize];
        let alternatives: Vec<NodeId> =
            candidates[1..].iter().copied().filter(|&c| self.score[c as usize] / top_score >= ALTERNATIVE_SHARE).collect();
        if alternatives.len() >= MIN_ALTERNATIVES {
            let mut parent = self.node(top).parent();
            while let Some(p) = parent.filter(|p| !is_page_root(*p)) {
                let sharing = alternatives.iter().filter(|&&c| p.contains(self.node(c))).count();
                if sharing >= MIN_ALTERNATIVES {
                    top = p.id();
                    break;
                }
                parent = p.parent();
            }
        }
        let top_node = self.node(top);
        self.initialise(top_node);
        // A parent scoring better than its best child holds more of the article.
        let mut last = self.score[top as usize];
        let threshold = last / 3.0;
        let mut parent = self.node(top).parent();
        while let Some(p) = parent.filter(|p| !is_page_root(*p)) {
            if !self.scored[p.id() as usize] {
                parent = p.parent();
                continue;
            }
            let s = self.score[p.id() as usize];
            if s < threshold {
                break;
            }
            if s > last {
                top = p.id();
                break;
            }
            last = s;
            parent = p.parent();
        }
        // An only child stands for its parent.
        let mut parent = self.node(top).parent();
        while let Some(p) = parent.filter(|p| !is_page_root(*p)) {
            if p.children().filter(|c| c.is_element() && !self.removed[c.id() as usize]).count() != 1 {
                break;
            }
            top = p.id();
            parent = p.parent();
        }
        let top_node = self.node(top);
        self.initialise(top_node);
        Some(top)
    }

    /// The page's body (or the whole page) when no paragraph was scored.
    fn fallback_root(&self) -> Option<NodeId> {
        let body = self.dom.elements().find(|e| e.name() == "body").map(|e| e.id());
        Some(body.unwrap_or(0))
    }

    /// The top candidate with those of its siblings that belong to the article.
    fn with_siblings(&self, top: NodeId) -> Vec<NodeId> {
        let top_node = self.node(top);
        let Some(parent) = top_node.parent().filter(|_| top != 0) else { return vec![top] };
        if is_page_root(top_node) {
            return vec![top];
        }
        let top_score = self.score[top as usize];
        let threshold = (top_score * 0.2).max(10.0);
        let top_class = top_node.attr("class").unwrap_or("");
        let mut roots = Vec::new();
        for s in parent.children() {
            let id = s.id();
            if !s.is_element() || self.removed[id as usize] {
                continue;
            }
            if id == top {
                roots.push(id);
                continue;
            }
            let bonus = if !top_class.is_empty() && s.attr("class") == Some(top_class) { top_score * 0.2 } else { 0.0 };
            let stats = self.stats[id as usize];
            let keep = (self.scored[id as usize] && self.score[id as usize] + bonus >= threshold)
                || ((s.name() == "p" || self.div_paragraph[id as usize]) && {
                    let density = stats.link_density();
                    if stats.chars > 80 {
                        density < 0.25
                    } else {
                        stats.chars > 0 && density == 0.0 && sentence_like(&s.squashed_text())
                    }
                });
            if keep {
                roots.push(id);
            }
        }
        roots
    }

    /// Readability's clean-up inside the chosen content.
    fn prepare(&mut self, root: NodeId) {
        let ids: Vec<NodeId> = self.node(root).descendant_ids().collect();
        self.mark_data_tables(root, &ids);
        let mut next = root + 1;
        for &id in &ids {
            if id < next {
                continue; // inside a removed subtree
            }
            let n = self.node(id);
            if self.removed[id as usize] {
                next = n.descendant_ids().end;
                continue;
            }
            if !n.is_element() {
                continue;
            }
            let remove = match n.name() {
                "object" | "embed" | "footer" | "link" | "aside" | "iframe" | "input" | "textarea" | "select" | "button" => true,
                "h1" | "h2" => self.class_weight(n) < 0.0,
                _ => {
                    let share = [n.attr("class"), n.attr("id")].into_iter().flatten().any(|v| has_word(v, &["share", "sharedaddy"]));
                    share && self.stats[id as usize].chars < CHAR_THRESHOLD
                }
            };
            if remove {
                self.remove(id);
                next = n.descendant_ids().end;
            }
        }
        if self.flags.clean_conditionally {
            // Innermost first, as Readability removes them: a dropped block no longer counts
            // against its container.
            for &id in ids.iter().rev() {
                let n = self.node(id);
                if n.is_element()
                    && matches!(n.name(), "form" | "fieldset" | "table" | "ul" | "div")
                    && !self.div_paragraph[id as usize]
                    && !self.div_replaced[id as usize]
                    && !self.is_removed(id)
                    && self.fails_conditions(n)
                {
                    self.remove(id);
                }
            }
        }
    }

    /// Marks, once, which elements under `root` hold a data table and which sit inside one or
    /// inside code (the root's own ancestors included).
    fn mark_data_tables(&mut self, root: NodeId, ids: &[NodeId]) {
        let root_node = self.node(root);
        let above = root_node.ancestors().chain(std::iter::once(root_node)).any(|a| a.name() == "code" || (a.name() == "table" && self.is_data_table(a)));
        self.in_data_table_or_code[root as usize] = above;
        for &id in ids {
            let n = self.node(id);
            if let Some(parent) = n.parent() {
                let p = parent.id() as usize;
                self.in_data_table_or_code[id as usize] =
                    self.in_data_table_or_code[p] || parent.name() == "code" || (parent.name() == "table" && self.holds_data_table_itself(parent));
            }
        }
        for &id in ids.iter().rev() {
            let n = self.node(id);
            let own = n.name() == "table" && self.holds_data_table_itself(n);
            let holds = own || self.holds_data_table[id as usize];
            if let Some(parent) = n.parent() {
                self.holds_data_table[parent.id() as usize] |= holds;
            }
            self.holds_data_table[id as usize] = holds;
        }
    }

    /// Whether `t` is a table that holds data.
    fn holds_data_table_itself(&self, t: NodeRef) -> bool {
        t.name() == "table" && self.is_data_table(t)
    }

    /// Removes a subtree and takes its totals off its ancestors.
    fn remove(&mut self, id: NodeId) {
        let own = self.stats[id as usize];
        self.removed[id as usize] = true;
        for a in self.node(id).ancestors() {
            self.stats[a.id() as usize].sub(&own);
        }
        self.stats[0].sub(&own);
    }

    /// Readability's conditional clean: whether a form, table, list or div looks like
    /// furniture (few commas, and more images, items, inputs or links than text).
    fn fails_conditions(&self, n: NodeRef) -> bool {
        let id = n.id() as usize;
        let name = n.name();
        let s = self.stats[id];
        let is_list = matches!(name, "ul" | "ol") || (s.chars > 0 && s.list_chars as f32 / s.chars as f32 > 0.9);
        // Data tables, what holds one and what sits inside one (or inside code) are kept.
        if self.holds_data_table[id] || self.in_data_table_or_code[id] {
            return false;
        }
        let weight = self.class_weight(n);
        if weight < 0.0 {
            return true;
        }
        if s.commas >= 10 {
            return false;
        }
        let paragraphs = s.paragraphs as f32;
        let images = s.images as f32;
        let items = s.items as f32 - 100.0;
        // Only a text with few characters besides spaces and dots can be one of those words:
        // the squashed text is built for those alone.
        if few_word_chars(n) && is_ad_or_loading(&n.squashed_text()) {
            return true;
        }
        let heading_density = if s.chars == 0 { 0.0 } else { s.heading_chars as f32 / s.chars as f32 };
        let link_density = s.link_density();
        let in_figure = n.ancestors().any(|a| a.name() == "figure");
        let remove = (!in_figure && images > 1.0 && paragraphs / images < 0.5)
            || (!is_list && items > paragraphs)
            || (s.inputs as f32 > (paragraphs / 3.0).floor())
            || (!is_list && !in_figure && heading_density < 0.9 && s.chars < 25 && (s.images == 0 || s.images > 2) && link_density > 0.0)
            || (!is_list && weight < 25.0 && link_density > 0.2)
            || (weight >= 25.0 && link_density > 0.5)
            || ((s.embeds == 1 && s.chars < 75) || s.embeds > 1)
            || (s.images == 0 && s.chars == 0);
        if is_list && remove {
            // A list of pictures (one image an item) is kept.
            if n.children().any(|c| c.is_element() && c.children().filter(|g| g.is_element()).count() > 1) {
                return remove;
            }
            let items = n.descendants().filter(|d| d.name() == "li").count() as u32;
            if s.images == items {
                return false;
            }
        }
        remove
    }

    /// Whether a table holds data (not layout).
    fn is_data_table(&self, t: NodeRef) -> bool {
        if t.attr("role") == Some("presentation") || t.attr("datatable") == Some("0") {
            return false;
        }
        if t.attr("summary").is_some() {
            return true;
        }
        let mut rows = 0usize;
        let mut columns = 0usize;
        let mut cells = 0usize;
        for d in t.descendants() {
            match d.name() {
                "caption" | "thead" | "tfoot" | "col" | "colgroup" | "th" => return true,
                "table" => return false,
                "tr" => {
                    rows += 1;
                    cells = 0;
                }
                "td" => {
                    cells += 1;
                    columns = columns.max(cells);
                }
                _ => {}
            }
        }
        rows >= 10 || columns > 4 || rows * columns > 10
    }
}

impl Content<'_> {
    /// Characters of text left in the content.
    fn chars(&self) -> u32 {
        self.roots.iter().map(|&r| self.text_chars(r)).sum()
    }

    fn text_chars(&self, root: NodeId) -> u32 {
        let mut chars = 0;
        self.walk(root, &mut |n| chars += collapsed_len(n.text()));
        chars
    }

    /// Calls `f` on each text node under `root` that is not removed, in page order.
    fn walk<'a>(&'a self, root: NodeId, f: &mut impl FnMut(NodeRef<'a>)) {
        let node = self.dom.get(root);
        if self.removed[root as usize] {
            return;
        }
        let mut ids = node.descendant_ids();
        while let Some(id) = ids.next() {
            let n = self.dom.get(id);
            if self.removed[id as usize] {
                let skip_to = n.descendant_ids().end;
                ids = skip_to..ids.end;
                continue;
            }
            if n.is_text() {
                f(n);
            }
        }
    }

    /// Words of text left under each node of the roots (0 elsewhere), counted once from the
    /// leaves up.
    fn words_under(&self) -> Vec<usize> {
        let mut words = vec![0usize; self.dom.len()];
        for &root in &self.roots {
            let node = self.dom.get(root);
            for id in node.descendant_ids().rev().chain(std::iter::once(root)) {
                if self.removed[id as usize] {
                    words[id as usize] = 0;
                    continue;
                }
                let n = self.dom.get(id);
                if n.is_text() {
                    words[id as usize] = n.text().split_whitespace().count();
                }
                if id != root {
                    if let Some(parent) = n.parent() {
                        words[parent.id() as usize] += words[id as usize];
                    }
                }
            }
        }
        words
    }

    /// The content as lines (blocks separated by blank lines) after pruning, with the
    /// byline, credit and date lines of the blocks pruned for their names.
    pub(crate) fn text(mut self) -> (String, Vec<String>) {
        let named = self.prune();
        let meta_lines = named
            .iter()
            .flat_map(|t| t.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect::<Vec<_>>())
            .filter(|l| matches!(classify(l), LineKind::Byline | LineKind::Credit | LineKind::DateLine))
            .collect();
        let mut out = String::new();
        for &root in &self.roots {
            self.format_into(root, true, &mut out);
        }
        let trimmed = out.trim_end().len();
        out.truncate(trimmed);
        (out, meta_lines)
    }

    /// `prune.rs`'s rules over the content: removes the blocks and returns the text of those
    /// removed for their names.
    fn prune(&mut self) -> Vec<String> {
        let mut named = Vec::new();
        let mut pruned = Vec::new();
        {
            // Counted only when a rule asks (most blocks are judged by their name or tag alone).
            let words = std::cell::OnceCell::new();
            let words = |id: NodeId| words.get_or_init(|| self.words_under())[id as usize];
            let total = || self.roots.iter().map(|&r| words(r)).sum::<usize>();
            for &root in &self.roots {
                let ids = self.dom.get(root).descendant_ids();
                let mut next = ids.start;
                for id in ids {
                    let n = self.dom.get(id);
                    if id < next || !n.is_element() {
                        continue;
                    }
                    if self.removed[id as usize] {
                        next = n.descendant_ids().end;
                        continue;
                    }
                    let remove = match crate::prune::verdict(n, &words, &total) {
                        crate::prune::Verdict::Keep => false,
                        crate::prune::Verdict::Drop => true,
                        crate::prune::Verdict::DropNamed => {
                            let mut text = String::new();
                            self.format_into(id, true, &mut text);
                            named.push(text);
                            true
                        }
                    };
                    if remove {
                        pruned.push(id);
                        next = n.descendant_ids().end;
                    }
                }
            }
        }
        // Marked after the walk: a removal never lies under a block judged after it (page
        // order, removed subtrees skipped), so the counts and texts read above are unchanged.
        for id in pruned {
            self.removed[id as usize] = true;
        }
        named
    }

    /// Appends the formatted text of `id`: blocks on their own lines, blank lines after
    /// paragraphs, headings, lists and tables, list items and table rows on lines of their own.
    fn format_into(&self, id: NodeId, skip_self: bool, out: &mut String) {
        enum Op {
            Open(NodeId),
            Close(NodeId),
        }
        let mut ops: Vec<Op> = Vec::new();
        let push_children = |ops: &mut Vec<Op>, id: NodeId| {
            let children: Vec<NodeId> = self.dom.get(id).children().map(|c| c.id()).collect();
            ops.extend(children.into_iter().rev().map(Op::Open));
        };
        if skip_self {
            push_children(&mut ops, id);
        } else {
            ops.push(Op::Open(id));
        }
        while let Some(op) = ops.pop() {
            match op {
                Op::Open(id) => {
                    if self.removed[id as usize] {
                        continue;
                    }
                    let n = self.dom.get(id);
                    if n.is_text() {
                        push_normalized(out, n.text());
                        continue;
                    }
                    if !n.is_element() || INVISIBLE.contains(&n.name()) {
                        continue;
                    }
                    let name = n.name();
                    if !(out.is_empty() || out.ends_with("\n\n")) && needs_line_break(name) {
                        out.push('\n');
                    }
                    ops.push(Op::Close(id));
                    if name == "pre" {
                        self.walk(id, &mut |t| out.push_str(t.text()));
                        continue;
                    }
                    push_children(&mut ops, id);
                }
                Op::Close(id) => {
                    if out.is_empty() || out.ends_with("\n\n") {
                        continue;
                    }
                    let name = self.dom.get(id).name();
                    if needs_line_break(name) {
                        let kept = out.trim_end_matches(' ').len();
                        out.truncate(kept);
                        out.push_str("\n\n");
                    } else if matches!(name, "br" | "hr" | "li" | "tr") {
                        let kept = out.trim_end_matches(' ').len();
                        out.truncate(kept);
                        out.push('\n');
                    } else if matches!(name, "td" | "th") && !out.ends_with(['\n', ' ']) {
                        out.push(' ');
                    }
                }
            }
        }
    }
}

/// Readability's text counts as too short when the page's best paragraph block has more
/// than this many times its words.
const FALLBACK_RATIO: usize = 3;

/// A block that contains Readability's text replaces it with more than this many times its
/// words: it extends Readability's choice (the article's other sections) rather than taking
/// another part of the page, so it needs less evidence than [`FALLBACK_RATIO`].
const EXTENSION_RATIO: usize = 2;

/// Fewest paragraph words the fallback block must hold.
const MIN_FALLBACK_WORDS: usize = 300;

/// Shortest paragraph (in words) counted as article text.
const MIN_PARAGRAPH_WORDS: usize = 8;

/// Share of the page's paragraph words the smallest block holding most of them must hold.
const ARTICLE_SHARE: f64 = 0.6;

/// How many levels above the block holding most paragraphs Readability's text may sit (a
/// lead or introduction kept beside the article's sections).
const LEAD_LEVELS: usize = 2;

/// A block that holds far more of the page's paragraph text than `readable`, pruned and
/// formatted: the smallest element holding most of the page's paragraph words (or its parent
/// or grandparent) when it also holds Readability's text (an article split into sections, of
/// which Readability kept one), else the parent of the most paragraph words (Readability
/// settled on a teaser or caption). Paragraphs in comment sections and dialogs do not count.
pub(crate) fn paragraph_fallback(dom: &Dom, readable: &str) -> Option<(String, Vec<String>)> {
    let mut by_parent: std::collections::HashMap<NodeId, usize> = std::collections::HashMap::new();
    // Elements inside furniture, comments or dialogs, marked top-down (parents come first).
    let mut excluded = vec![false; dom.len()];
    for e in dom.elements() {
        let id = e.id() as usize;
        excluded[id] = e.parent().is_some_and(|p| excluded[p.id() as usize])
            || crate::html::HIDDEN.contains(&e.name())
            || (e.has_attrs() && (names_comments(e) || is_dialog(e)));
        if e.name() != "p" || e.parent().is_some_and(|p| excluded[p.id() as usize]) {
            continue;
        }
        // Texts never share a word (the squashed text joins them with spaces).
        let words: usize = e.texts().map(word_count).sum();
        if words < MIN_PARAGRAPH_WORDS {
            continue;
        }
        if let Some(parent) = e.parent() {
            *by_parent.entry(parent.id()).or_insert(0) += words;
        }
    }
    let total: usize = by_parent.values().sum();
    let readable_words = word_count(readable);
    let longer = |words: usize, ratio: usize| words > ratio * readable_words;
    if total < MIN_FALLBACK_WORDS || !longer(total, EXTENSION_RATIO) {
        return None;
    }
    // Paragraph words under each element, with the element's depth.
    let mut subtree: std::collections::HashMap<NodeId, (usize, usize)> = std::collections::HashMap::new();
    for (&id, &words) in &by_parent {
        let node = dom.get(id);
        let depth = node.ancestors().count() + 1;
        for (up, n) in std::iter::once(node).chain(node.ancestors()).chain(std::iter::once(dom.root())).enumerate() {
            let entry = subtree.entry(n.id()).or_insert((0, depth - up));
            entry.0 += words;
        }
    }
    let share = |w: usize| w as f64 >= ARTICLE_SHARE * total as f64;
    let deepest = subtree.iter().filter(|(_, (w, _))| share(*w)).max_by_key(|(id, (_, depth))| (*depth, std::cmp::Reverse(**id)));
    let holding = deepest.and_then(|(&id, _)| {
        let node = dom.get(id);
        std::iter::once(node)
            .chain(node.ancestors())
            .filter(|n| n.is_element())
            .take(1 + LEAD_LEVELS)
            .find(|block| covers(&block.squashed_text(), readable))
    });
    let parent = || {
        if !longer(total, FALLBACK_RATIO) {
            return None;
        }
        let (best, _) = by_parent.iter().max_by_key(|(id, w)| (**w, std::cmp::Reverse(**id)))?;
        Some(dom.get(*best)).filter(|n| n.is_element())
    };
    [(holding, EXTENSION_RATIO), (parent(), FALLBACK_RATIO)].into_iter().find_map(|(block, ratio)| {
        let (text, meta_lines) = block_text(dom, block?);
        longer(word_count(&text), ratio).then_some((text, meta_lines))
    })
}

/// A block of the page taken as it is (not Readability's choice), pruned and formatted:
/// invisible and interactive elements go first.
pub(crate) fn block_text(dom: &Dom, block: NodeRef) -> (String, Vec<String>) {
    let mut removed = vec![false; dom.len()];
    for d in block.descendants() {
        let invisible = matches!(d.name(), "script" | "style" | "noscript" | "template" | "svg" | "iframe" | "object" | "select" | "button" | "form");
        if invisible {
            removed[d.id() as usize] = true;
        }
    }
    Content { dom, roots: vec![block.id()], removed }.text()
}

/// Whether `block` holds at least nine in ten of the distinct words of `readable`.
fn covers(block: &str, readable: &str) -> bool {
    let words = |s: &str| s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect::<std::collections::HashSet<_>>();
    let (block, readable) = (words(block), words(readable));
    let held = readable.iter().filter(|w| block.contains(*w)).count();
    held * 10 >= readable.len() * 9
}

fn is_dialog(e: NodeRef) -> bool {
    let is = |attr: &str, value: &str| e.attr(attr).is_some_and(|v| v.trim().eq_ignore_ascii_case(value));
    is("role", "dialog") || is("aria-modal", "true")
}

fn needs_line_break(name: &str) -> bool {
    matches!(
        name,
        "article" | "blockquote" | "section" | "div" | "p" | "pre" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol" | "dl" | "table"
    )
}

/// Appends `text` with its white space collapsed, a space kept at either end when the text
/// had one there and the output does not already end a line.
fn push_normalized(out: &mut String, text: &str) {
    let follows_break = out.is_empty() || out.ends_with(['\n', ' ']);
    let mut words = text.split_whitespace();
    let Some(first) = words.next() else {
        if !follows_break && !text.is_empty() {
            out.push(' ');
        }
        return;
    };
    if !follows_break && text.starts_with(char::is_whitespace) {
        out.push(' ');
    }
    out.push_str(first);
    for w in words {
        out.push(' ');
        out.push_str(w);
    }
    if text.ends_with(char::is_whitespace) {
        out.push(' ');
    }
}

/// Phrasing content (Readability's list): text and inline elements; links, `del` and `ins`
/// only when they hold phrasing content.
fn is_phrasing(n: NodeRef) -> bool {
    if n.is_text() {
        return true;
    }
    match n.name() {
        "abbr" | "audio" | "b" | "bdo" | "br" | "button" | "cite" | "code" | "data" | "datalist" | "dfn" | "em" | "embed"
        | "i" | "img" | "input" | "kbd" | "label" | "mark" | "math" | "meter" | "noscript" | "object" | "output"
        | "progress" | "q" | "ruby" | "samp" | "script" | "select" | "small" | "span" | "strong" | "sub" | "sup"
        | "textarea" | "time" | "var" | "wbr" => true,
        "a" | "del" | "ins" => {
            let mut children = n.children().peekable();
            children.peek().is_some() && children.all(is_phrasing)
        }
        _ => false,
    }
}

fn is_page_root(n: NodeRef) -> bool {
    n.id() == 0 || matches!(n.name(), "body" | "html")
}

/// Whether an element's class or id names a comment section.
fn names_comments(n: NodeRef) -> bool {
    [n.attr("class"), n.attr("id")].into_iter().flatten().any(|v| crate::dom::contains_ignore_ascii_case(v.as_bytes(), b"comment"))
}

/// Readability's `^hid$| hid$| hid |^hid `: "hid" as a whole class word.
fn is_hid(names: &str) -> bool {
    names.split(' ').any(|w| w.eq_ignore_ascii_case("hid"))
}

/// Whether one of `words` is a whole word of `names` (words split at anything but letters
/// and digits).
fn has_word(names: &str, words: &[&str]) -> bool {
    names.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| words.iter().any(|x| w.eq_ignore_ascii_case(x)))
}

fn is_probably_visible(n: NodeRef) -> bool {
    let style = n.attr("style").map(|s| s.to_ascii_lowercase().replace(' ', ""));
    let hidden_style = style.is_some_and(|s| s.contains("display:none") || s.contains("visibility:hidden"));
    let aria_hidden = n.attr("aria-hidden") == Some("true") && !n.attr("class").is_some_and(|c| c.contains("fallback-image"));
    !hidden_style && n.attr("hidden").is_none() && !aria_hidden
}

fn is_modal_dialog(n: NodeRef) -> bool {
    n.attr("aria-modal") == Some("true") && n.attr("role") == Some("dialog")
}

fn is_comma(c: char) -> bool {
    matches!(c, ',' | '\u{060C}' | '\u{FE50}' | '\u{FE10}' | '\u{FE11}' | '\u{2E41}' | '\u{2E34}' | '\u{2E32}' | '\u{FF0C}')
}

/// Characters of `text` with runs of white space counted as one.
fn collapsed_len(text: &str) -> u32 {
    if text.is_ascii() {
        let mut n = 0u32;
        let mut in_space = true;
        for &b in text.as_bytes() {
            let space = b.is_ascii_whitespace() || b == b'\x0b';
            n += u32::from(!space || !in_space);
            in_space = space;
        }
        return if in_space && n > 0 { n - 1 } else { n };
    }
    let mut n = 0u32;
    let mut in_space = true;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                n += 1;
            }
            in_space = true;
        } else {
            n += 1;
            in_space = false;
        }
    }
    if in_space && n > 0 { n - 1 } else { n }
}

/// A short block that reads as a sentence (a period followed by a space or the end).
fn sentence_like(text: &str) -> bool {
    text.contains(". ") || text.ends_with('.') || ends_like_sentence(text)
}

/// Characters of the longest word [`is_ad_or_loading`] accepts ("advertisement").
const MAX_AD_WORD_CHARS: usize = 13;

/// Whether `n`'s text has at most [`MAX_AD_WORD_CHARS`] characters besides white space, dots
/// and ellipses (read no further).
fn few_word_chars(n: NodeRef) -> bool {
    n.texts().flat_map(str::chars).filter(|c| !c.is_whitespace() && !matches!(c, '.' | '…')).nth(MAX_AD_WORD_CHARS).is_none()
}

/// A block that says only "Advertisement" or "Loading…".
fn is_ad_or_loading(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    let t = t.trim_end_matches("...").trim_end_matches('…');
    matches!(
        t,
        "ad" | "advertising" | "advertisement" | "pub" | "publicité" | "werb" | "werbung" | "广告" | "реклама" | "anuncio"
            | "loading" | "正在加载" | "загрузка" | "chargement" | "cargando"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(html: &str) -> String {
        let dom = Dom::parse(html);
        main_content(&dom).map(|c| c.text().0).unwrap_or_default()
    }

    const PARAS: &str = "<p>The council approved the budget on Monday after a long debate about schools, roads and the new library that residents asked for.</p>\
        <p>Members voted seven to two. The mayor said the plan keeps taxes flat for a third year, while adding two new bus routes.</p>\
        <p>Opponents said the library, the roads and the schools would still need more money next year, and promised to return to it.</p>";

    #[test]
    fn picks_the_article_over_navigation_and_teasers() {
        let html = format!(
            "<html><body><nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li></ul></nav>\
             <div class='main'><h1>Budget passes</h1><div class='article-body'>{PARAS}</div></div>\
             <div class='sidebar'><ul><li><a href='/a'>Another story about something else entirely</a></li></ul></div>\
             <footer>Copyright 2024</footer></body></html>"
        );
        let text = text_of(&html);
        assert!(text.contains("council approved") && text.contains("seven to two") && text.contains("promised to return"), "{text}");
        assert!(!text.contains("Home") && !text.contains("Another story") && !text.contains("Copyright"), "{text}");
    }

    #[test]
    fn paragraphs_are_separated_by_blank_lines_and_items_by_line_breaks() {
        let html = format!("<body><article>{PARAS}<ul><li>One point, with a comma, about the plan</li><li>Another point, also with a comma</li></ul></article></body>");
        let text = text_of(&html);
        assert!(text.contains("asked for.\n\nMembers voted"), "{text}");
        assert!(text.contains("about the plan\nAnother point"), "{text}");
    }

    #[test]
    fn story_link_lists_inside_the_article_are_pruned() {
        let links = (0..8).map(|i| format!("<li><a href='/news/the-other-story-{i}'>Read the other story number {i} here</a></li>")).collect::<String>();
        let html = format!("<body><div class='story'>{PARAS}<div><ul>{links}</ul></div></div></body>");
        let text = text_of(&html);
        assert!(text.contains("seven to two") && !text.contains("other story"), "{text}");
    }

    #[test]
    fn hidden_and_dialog_blocks_are_not_text() {
        let html = format!("<body><div>{PARAS}<div style='display: none'><p>Hidden paragraph that should never show up, not at all.</p></div><div role=dialog aria-modal=true><p>Accept our cookies, please, all of them, right now.</p></div></div></body>");
        let text = text_of(&html);
        assert!(text.contains("seven to two") && !text.contains("Hidden") && !text.contains("cookies"), "{text}");
    }

    #[test]
    fn text_directly_in_divs_is_scored() {
        let html = "<body><div class='nav'><a href='/'>Home</a></div><div id='story'>The council approved the budget on Monday, after a long debate.<br><br>Members voted seven to two, and the mayor, pleased, said the plan keeps taxes flat for a third year.<div class='x'>Share</div></div></body>";
        let text = text_of(html);
        assert!(text.contains("council approved") && text.contains("seven to two"), "{text}");
    }

    #[test]
    fn data_tables_stay_and_what_holds_them() {
        let rows: String = (0..12).map(|i| format!("<tr><td>Row {i}</td><td>{i}</td></tr>")).collect();
        let links: String = (0..6).map(|i| format!("<li><a href='/s{i}'>Other story {i}</a></li>")).collect();
        let html = format!("<body><div class='story'>{PARAS}{PARAS}<div class='widget'><table>{rows}</table></div><div class='widget'><ul>{links}</ul></div></div></body>");
        let text = text_of(&html);
        assert!(text.contains("Row 11"), "{text}");
        assert!(!text.contains("Other story"), "{text}");
    }

    #[test]
    fn words_under_each_node_match_a_walk_of_its_subtree() {
        let html = "<div id=a><p>one two <b>three</b></p><script>var x = 1;</script><div id=gone><p>four five</p></div><ul><li>six</li><li>seven eight</li></ul></div>";
        let dom = Dom::parse(html);
        let root = dom.select("#a").next().expect("root").id();
        let mut removed = vec![false; dom.len()];
        removed[dom.select("#gone").next().expect("removed block").id() as usize] = true;
        let content = Content { dom: &dom, roots: vec![root], removed };
        let words = content.words_under();
        // Pruning asks for elements' counts (a walk reads the texts below a node, not the node).
        for id in dom.get(root).descendant_ids().chain(std::iter::once(root)).filter(|&id| dom.get(id).is_element()) {
            let mut walked = 0;
            content.walk(id, &mut |n| walked += n.text().split_whitespace().count());
            assert_eq!(words[id as usize], walked, "node {id}");
        }
        assert_eq!(words[root as usize], 10);
    }

    #[test]
    fn collapsed_lengths() {
        let slow = |t: &str| {
            let mut n = 0u32;
            let mut in_space = true;
            for c in t.chars() {
                n += u32::from(!c.is_whitespace() || !in_space);
                in_space = c.is_whitespace();
            }
            if in_space && n > 0 { n - 1 } else { n }
        };
        for t in ["", " ", "a", " a  b\t\n c ", "a\x0bb\x0c", "x\u{a0} y", "  é  ü "] {
            assert_eq!(collapsed_len(t), slow(t), "{t:?}");
        }
    }

    #[test]
    fn a_page_without_paragraphs_falls_back_to_its_body() {
        assert_eq!(text_of("<body><span>Just a few words</span></body>"), "Just a few words");
        assert_eq!(text_of(""), "");
    }

    #[test]
    fn sections_of_one_article_are_kept_together() {
        let para = |i: usize| format!("<p>Step {i} of the guide explains what to check before you buy and why it matters.</p>");
        let sections: String = (0..6).map(|s| format!("<div class='sect'><h2>Part {s}</h2>{}</div>", (0..5).map(|i| para(s * 5 + i)).collect::<String>())).collect();
        let comments: String = (0..40).map(|i| format!("<p>Comment {i}: thanks for this guide, it helped me a lot with my own purchase last week.</p>")).collect();
        let html = format!("<html><body><main>{sections}</main><div id='comments'>{comments}</div></body></html>");
        let doc = Dom::parse(&html);
        // Readability kept the first section only: the block holding every section replaces it.
        let readable = "Step 0 of the guide explains what to check before you buy and why it matters.";
        let text = paragraph_fallback(&doc, readable).map(|(text, _)| text).expect("fallback");
        assert!(text.contains("Step 0 of the guide") && text.contains("Step 29 of the guide"), "{text}");
        assert!(!text.contains("Comment"), "{text}");
        // Readability kept only a lead beside the sections: their parent holds both.
        let lead = "<p>The lead of this guide tells you why buying the right thing saves money in the end.</p>";
        let html = format!("<html><body><article><div class='lead'>{lead}</div><div class='parts'>{sections}</div></article></body></html>");
        let readable = "The lead of this guide tells you why buying the right thing saves money in the end.";
        let text = paragraph_fallback(&Dom::parse(&html), readable).map(|(text, _)| text).expect("fallback");
        assert!(text.contains("The lead of this guide") && text.contains("Step 29 of the guide"), "{text}");
    }

    #[test]
    fn readable_text_is_extended_on_less_evidence_than_it_is_replaced() {
        let para = |i: usize| format!("<p>Step {i} of the guide explains what to check before you buy and why it matters.</p>");
        let sections: String = (0..5).map(|s| format!("<div class='sect'><h2>Part {s}</h2>{}</div>", (0..4).map(|i| para(s * 4 + i)).collect::<String>())).collect();
        let html = format!("<html><body><main>{sections}</main></body></html>");
        // Readability kept two of five sections: the block holding all five has 2.5 times its words.
        let readable: String = (0..8).map(|i| format!("Step {i} of the guide explains what to check before you buy and why it matters.\n")).collect();
        let text = paragraph_fallback(&Dom::parse(&html), &readable).map(|(text, _)| text).expect("extension");
        assert!(text.contains("Step 19 of the guide"), "{text}");
    }

    #[test]
    fn dialog_paragraphs_do_not_count() {
        let story: String = (0..10).map(|i| format!("<p>Paragraph {i} of the story tells the reader what happened on the river that night.</p>")).collect();
        let cookies: String = (0..12).map(|_| "<p>This website uses cookies to improve your experience while you navigate through it.</p>").collect();
        let html = format!("<html><body><article>{story}</article><div role='dialog'>{cookies}</div></body></html>");
        let readable: String = (0..10).map(|i| format!("Paragraph {i} of the story tells the reader what happened on the river that night.\n")).collect();
        assert!(paragraph_fallback(&Dom::parse(&html), &readable).map(|(text, _)| text).is_none());
        // The same paragraphs outside a dialog take the whole page.
        let html = html.replace("role='dialog'", "class='box'");
        assert!(paragraph_fallback(&Dom::parse(&html), &readable).map(|(text, _)| text).is_some_and(|t| t.contains("cookies")));
    }

    #[test]
    fn coverage_of_readable_text() {
        assert!(covers("Intro. The council met on Monday and voted. More text.", "The council met on Monday and voted."));
        assert!(!covers("Readers wrote many comments about the vote.", "The council met on Monday and voted."));
    }

    #[test]
    fn long_paragraph_block_replaces_a_small_readable_text() {
        let para = |i: usize| format!("<p>Paragraph {i} of the story tells the reader what happened on the river that night and why.</p>");
        let body: String = (0..30).map(para).collect();
        let html = format!(
            "<html><body><div class='teaser'><p>A short teaser about the river.</p></div>\
             <div class='story'><script>var x = 1;</script>{body}<div class='share'>Share this</div></div></body></html>"
        );
        let doc = Dom::parse(&html);
        let text = paragraph_fallback(&doc, "A short teaser about the river.").map(|(text, _)| text).expect("fallback");
        assert!(text.contains("Paragraph 0 of the story") && text.contains("Paragraph 29 of the story"));
        assert!(!text.contains("var x") && !text.contains("Share this"));
        // Readability's text is kept when it is not far shorter than the best block.
        let readable: String = (0..20).map(|i| format!("Paragraph {i} of the story tells the reader what happened on the river that night and why.\n")).collect();
        assert!(paragraph_fallback(&doc, &readable).map(|(text, _)| text).is_none());
    }
}
