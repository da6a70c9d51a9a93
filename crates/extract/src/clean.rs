//! Cleaning scraped text: a line classifier (`rules::classify`) and a context pass that
//! decides which weak lines are titles, subheadings or the article's lists and which are
//! teaser lists; in a whole page's text, then, the article's main run of lines and the
//! sections beside it that score as well (blurbs, bios and comments apart from it go).
use crate::byline::{Byline, detect_dateline, parse_byline, parse_credit_line, push_unique, strip_trailing_credit};
use crate::dates::parse_date;
use crate::rules::{
    LineKind, bullet_item, classify_keyed, ends_like_sentence, ends_with_ellipsis, is_sentence_like, norm_key, word_count,
};
use jiff::civil::Date;

/// The clean text of one document and what its lines told about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Cleaned {
    /// The title found in the text (or the hint, when the text repeats it).
    pub title: Option<String>,
    pub paragraphs: Vec<String>,
    pub authors: Vec<String>,
    pub credits: Vec<String>,
    pub dateline: Option<String>,
    /// A date from a byline or a date line.
    pub date: Option<Date>,
}

impl Cleaned {
    fn take_byline(&mut self, b: Byline) {
        for a in &b.authors {
            push_unique(&mut self.authors, a);
        }
        for c in &b.credits {
            push_unique(&mut self.credits, c);
        }
        self.date = self.date.or(b.date);
    }

    /// Strips agency credits ending paragraphs and reads the dateline of the first one.
    fn finish(&mut self) {
        for p in &mut self.paragraphs {
            if let Some((rest, agency)) = strip_trailing_credit(p) {
                *p = rest;
                push_unique(&mut self.credits, agency);
            }
        }
        if let Some((place, agency)) = self.paragraphs.first().and_then(|p| detect_dateline(p)) {
            self.dateline = Some(place);
            if let Some(a) = agency {
                push_unique(&mut self.credits, a);
            }
        }
    }
}

/// One non-empty line; hard-wrapped lines of a paragraph are joined.
fn split_lines(input: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut blank = true;
    for raw in input.lines() {
        let invisible = |c: char| matches!(c, '\u{200b}' | '\u{feff}' | '\u{ad}');
        let cleaned: std::borrow::Cow<str> =
            if raw.is_ascii() || !raw.contains(invisible) { raw.into() } else { raw.chars().filter(|c| !invisible(*c)).collect::<String>().into() };
        let mut line = String::with_capacity(cleaned.len());
        for word in cleaned.split_whitespace() {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        // A line of format characters alone (a zero-width joiner left by an editor) is blank.
        if line.chars().all(|c| matches!(c, '\u{200c}' | '\u{200d}' | '\u{2060}')) {
            blank = true;
            continue;
        }
        match out.last_mut() {
            Some(prev) if !blank && is_hard_wrap(prev, &line) => {
                prev.push(' ');
                prev.push_str(&line);
            }
            _ => out.push(line),
        }
        blank = false;
    }
    out
}

/// A paragraph broken mid-sentence: the line runs on and the next starts lower-case.
fn is_hard_wrap(prev: &str, next: &str) -> bool {
    word_count(prev) >= 6
        && !ends_like_sentence(prev)
        && !ends_with_ellipsis(prev)
        && next.chars().next().is_some_and(char::is_lowercase)
        && bullet_item(next).is_none()
}

fn is_kept(k: LineKind) -> bool {
    matches!(k, LineKind::Body | LineKind::Weak)
}

/// Cleans scraped visible text (`Content::Text`, or text readability extracted from HTML).
/// `title_hint` is a title known from metadata: lines repeating it are removed.
pub(crate) fn clean_text(input: &str, title_hint: Option<&str>) -> Cleaned {
    clean_with(input, title_hint, Mode::Scraped)
}

/// Cleans text a DOM extractor already chose as the article: structure inside it
/// (subheadings, list items, table rows) is kept; see [`Mode::Dom`].
pub(crate) fn clean_dom_text(input: &str, title_hint: Option<&str>) -> Cleaned {
    clean_with(input, title_hint, Mode::Dom)
}

/// Where the text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// A whole page's visible text: runs of short lines are navigation and teaser lists.
    Scraped,
    /// The main content a DOM extractor chose: short lines between paragraphs are the
    /// article's own headings, list items and table rows, so only the line rules (promos,
    /// credits, cookie banners, related-story sections…) and the preamble apply.
    Dom,
}

fn clean_with(input: &str, title_hint: Option<&str>, mode: Mode) -> Cleaned {
    let lines = split_lines(input);
    let keys: Vec<String> = lines.iter().map(|l| norm_key(l)).collect();
    let words: Vec<usize> = lines.iter().map(|l| word_count(l)).collect();
    let mut kinds: Vec<LineKind> =
        lines.iter().zip(&keys).zip(&words).map(|((l, k), w)| classify_keyed(l, k, *w)).collect();
    let mut out = Cleaned::default();

    if let Some(hint) = title_hint.map(str::trim).filter(|h| !h.is_empty()) {
        drop_title_repeats(&words, &keys, &mut kinds, hint);
        out.title = Some(hint.to_string());
    }
    drop_breadcrumbs(&lines, &keys, &mut kinds);
    if mode == Mode::Dom {
        keep_cut_paragraphs(&lines, &mut kinds);
    }
    drop_related_sections(&lines, &mut kinds, mode);
    drop_closing_bios(&lines, &mut kinds);

    let mut first_body = kinds.iter().position(|k| *k == LineKind::Body);
    if first_body.is_none() {
        // No sentence-like line at all: keep the longer unpunctuated lines as text.
        for (k, l) in kinds.iter_mut().zip(&lines) {
            if *k == LineKind::Weak && word_count(l) >= 8 {
                *k = LineKind::Body;
            }
        }
        first_body = kinds.iter().position(|k| *k == LineKind::Body);
    }
    let last_body = kinds.iter().rposition(|k| *k == LineKind::Body);
    let title_line = match (first_body, out.title.is_none()) {
        (Some(first), true) => pick_title(&lines, &mut kinds, first),
        _ => None,
    };
    if let Some(t) = title_line {
        out.title = lines.get(t).cloned();
    }
    decide_weak_lines(&lines, &mut kinds, first_body, last_body, mode);
    if mode == Mode::Scraped {
        keep_main_run(&lines, &mut kinds, title_line);
        drop_repeats(&keys, &mut kinds);
    }

    for (i, (line, kind)) in lines.iter().zip(&kinds).enumerate() {
        match kind {
            LineKind::Body | LineKind::Weak if Some(i) != title_line => out.paragraphs.push(line.clone()),
            LineKind::Byline => {
                if let Some(b) = parse_byline(line) {
                    out.take_byline(b);
                }
            }
            LineKind::Credit => {
                if let Some(b) = parse_credit_line(line) {
                    out.take_byline(b);
                }
            }
            LineKind::DateLine => out.date = out.date.or_else(|| parse_date(line)),
            _ => {}
        }
    }
    out.finish();
    out
}

/// Lines repeating the known title, or ending with it after a few navigation words.
fn drop_title_repeats(words: &[usize], keys: &[String], kinds: &mut [LineKind], title: &str) {
    let (hint, title_words) = (norm_key(title), word_count(title));
    for i in 0..keys.len() {
        let extra = words[i].saturating_sub(title_words);
        let repeats = keys[i] == hint || (keys[i].ends_with(&hint) && extra <= 6 && kinds[i] != LineKind::Body);
        if repeats {
            kinds[i] = LineKind::Drop("title");
        }
    }
}

/// Text lines at the end of the article where its author's bio may stand.
const BIO_TAIL_LINES: usize = 3;

/// Drops an author's bio among the last few text lines.
fn drop_closing_bios(lines: &[String], kinds: &mut [LineKind]) {
    let text_lines = (0..lines.len()).rev().filter(|&i| matches!(kinds[i], LineKind::Body | LineKind::Weak));
    let tail: Vec<usize> = text_lines.take(BIO_TAIL_LINES).collect();
    for i in tail {
        if crate::rules::is_author_bio(&lines[i]) {
            kinds[i] = LineKind::Drop("author bio");
        }
    }
}

/// Paywalled or "read more" pages end the visible article with a paragraph cut off by an
/// ellipsis. Inside DOM-chosen text, a long cut-off paragraph right after body text, with no
/// other cut-off line next to it (teaser lists come in runs), is the article's own text.
fn keep_cut_paragraphs(lines: &[String], kinds: &mut [LineKind]) {
    let teaser = |k: LineKind| k == LineKind::Drop("teaser");
    for i in 0..lines.len() {
        if !teaser(kinds[i]) || !ends_with_ellipsis(&lines[i]) || word_count(&lines[i]) < CUT_PARAGRAPH_MIN_WORDS {
            continue;
        }
        let prev = kinds[..i].iter().rev().find(|k| is_kept(**k) || teaser(**k)).copied();
        let next = kinds[i + 1..].iter().find(|k| is_kept(**k) || teaser(**k)).copied();
        if prev == Some(LineKind::Body) && !next.is_some_and(teaser) {
            kinds[i] = LineKind::Body;
        }
    }
}

/// Fewest words of a paragraph that resumes the article after a related-stories list.
const RESUMING_PARAGRAPH_WORDS: usize = 25;

/// Fewest words of a cut-off paragraph kept as text.
const CUT_PARAGRAPH_MIN_WORDS: usize = 15;

/// Breadcrumbs: "Home World Asia Putin Lands In Hanoi" followed shortly by the title line
/// "Putin Lands In Hanoi" — the first ends with the second after a few navigation words.
fn drop_breadcrumbs(lines: &[String], keys: &[String], kinds: &mut [LineKind]) {
    for i in 0..lines.len() {
        if kinds[i] != LineKind::Weak {
            continue;
        }
        let crumb = (i + 1..lines.len().min(i + 6)).any(|j| {
            kinds[j] == LineKind::Weak
                && word_count(&lines[j]) >= 3
                && keys[i].len() > keys[j].len()
                && keys[i].ends_with(&keys[j])
                && word_count(&lines[i]).saturating_sub(word_count(&lines[j])) <= 6
        });
        if crumb {
            kinds[i] = LineKind::Drop("breadcrumb");
        }
    }
}

/// After a section header ("Related posts", "Next In …") everything is a list of other
/// stories until the article visibly resumes: two body paragraphs in a row, or, in a whole
/// page's text (where headers such as "Latest" also label the navigation above the article),
/// one paragraph longer than a teaser's blurb.
fn drop_related_sections(lines: &[String], kinds: &mut [LineKind], mode: Mode) {
    // The next line that is text or a header, per line (one pass from the end: linear time).
    let mut next_kept: Vec<Option<LineKind>> = vec![None; kinds.len()];
    let mut seen = None;
    for i in (0..kinds.len()).rev() {
        next_kept[i] = seen;
        if is_kept(kinds[i]) || kinds[i] == LineKind::SectionHeader {
            seen = Some(kinds[i]);
        }
    }
    let mut in_related = false;
    for i in 0..kinds.len() {
        if kinds[i] == LineKind::SectionHeader {
            in_related = true;
            kinds[i] = LineKind::Drop("section header");
        } else if in_related {
            let long = mode == Mode::Scraped && word_count(&lines[i]) >= RESUMING_PARAGRAPH_WORDS;
            if kinds[i] == LineKind::Body && (next_kept[i] == Some(LineKind::Body) || long) {
                in_related = false;
            } else {
                kinds[i] = LineKind::Drop("related list");
            }
        }
    }
}

/// The title: the first headline-like line (2-25 words, no final period) before the body;
/// or a short question/exclamation opening the text. Other lines before the body go.
fn pick_title(lines: &[String], kinds: &mut [LineKind], first_body: usize) -> Option<usize> {
    let mut title = (0..first_body)
        .find(|&i| kinds[i] == LineKind::Weak && (2..=25).contains(&word_count(&lines[i])));
    if title.is_none() {
        let next_is_body = kinds[first_body + 1..].iter().find(|k| is_kept(**k)) == Some(&LineKind::Body);
        let l = &lines[first_body];
        let headline_like = l.trim_end().ends_with(['?', '!']) && word_count(l) <= 15;
        if headline_like && next_is_body && !(0..first_body).any(|i| kinds[i] == LineKind::Weak) {
            title = Some(first_body);
        }
    }
    for k in kinds.iter_mut().take(first_body) {
        if *k == LineKind::Weak {
            *k = LineKind::Drop("preamble");
        }
    }
    if let Some(t) = title {
        kinds[t] = LineKind::Weak;
    }
    title
}

/// Weak lines in the body are subheadings only when a body paragraph sits on both sides;
/// runs of them are teaser lists, unless they read like the article's own list (see
/// [`is_article_list`]). Weak lines after the last body paragraph are teasers.
fn decide_weak_lines(lines: &[String], kinds: &mut [LineKind], first_body: Option<usize>, last_body: Option<usize>, mode: Mode) {
    let (Some(first), Some(last)) = (first_body, last_body) else {
        for k in kinds.iter_mut() {
            if *k == LineKind::Weak {
                *k = LineKind::Drop("no body");
            }
        }
        return;
    };
    if mode == Mode::Dom {
        return;
    }
    for k in kinds.iter_mut().skip(last + 1) {
        if *k == LineKind::Weak {
            *k = LineKind::Drop("after body");
        }
    }
    // Runs of weak lines among the kept lines of the body, with the kept lines around them.
    let kept: Vec<usize> = (first..=last).filter(|&i| is_kept(kinds[i])).collect();
    let mut at = 0;
    while at < kept.len() {
        if kinds[kept[at]] != LineKind::Weak {
            at += 1;
            continue;
        }
        let end = (at..kept.len()).find(|&j| kinds[kept[j]] != LineKind::Weak).unwrap_or(kept.len());
        let run = &kept[at..end];
        let before = at.checked_sub(1).map(|j| kept[j]);
        let after = kept.get(end).copied();
        let between_body = before.is_some_and(|b| kinds[b] == LineKind::Body) && after.is_some_and(|a| kinds[a] == LineKind::Body);
        let keep = between_body && (run.len() == 1 || is_article_list(lines, before, run));
        if !keep {
            for &i in run {
                kinds[i] = LineKind::Drop("teaser run");
            }
        }
        at = end;
    }
}

/// A list the article introduces with a colon: "The plan covers:" followed by its items,
/// or a weak lead-in "Key services:" opening the run.
fn is_article_list(lines: &[String], before: Option<usize>, run: &[usize]) -> bool {
    let colon = |i: usize| lines[i].trim_end().ends_with(':');
    before.is_some_and(colon) || run.first().copied().is_some_and(colon)
}

/// A whole page's text holds other text besides the article: teaser blurbs, author bios,
/// comments, site notices. They sit apart from it, behind runs of other lines, so the
/// article is the run of lines with the most kept words less a cost per other line
/// (a maximum-sum segment, as in Finn et al.'s Body Text Extraction), with any runs beside it
/// that score about as well; kept lines outside them go.
fn keep_main_run(lines: &[String], kinds: &mut [LineKind], title_line: Option<usize>) {
    // The length of the run of other lines each line sits in.
    let mut gap = vec![0usize; lines.len()];
    let mut gap_start = 0;
    for i in 0..=lines.len() {
        let text = i == lines.len() || is_kept(kinds[i]) || Some(i) == title_line;
        if text {
            gap[gap_start..i].fill(i - gap_start);
            gap_start = i + 1;
        }
    }
    let score = |i: usize| match kinds[i] {
        _ if Some(i) == title_line => 0.0,
        k if is_kept(k) => word_count(&lines[i]) as f64,
        LineKind::Drop("ui" | "promo" | "section header" | "related list" | "cookies" | "copyright" | "tags")
            if gap[i] >= FURNITURE_RUN_LINES =>
        {
            -BOILERPLATE_LINE_COST
        }
        _ => -LINE_COST,
    };
    let scores: Vec<f64> = (0..lines.len()).map(score).collect();
    let Some((start, end, best)) = best_run(&scores, 0) else { return };
    // Runs beside it that score at least half as much are the article's other sections (a
    // review's long spec tables split it); look for them on either side, and beside those.
    let mut keep = vec![(start, end)];
    let mut todo = vec![(0, start), (end + 1, lines.len())];
    while let Some((a, b)) = todo.pop() {
        if a >= b || keep.len() >= MAX_RUNS {
            continue;
        }
        if let Some((s2, e2, sc)) = best_run(&scores[a..b], a) {
            if sc >= SECOND_RUN_SHARE * best {
                keep.push((s2, e2));
                todo.push((a, s2));
                todo.push((e2 + 1, b));
            }
        }
    }
    for (i, k) in kinds.iter_mut().enumerate() {
        if is_kept(*k) && !keep.iter().any(|&(a, b)| (a..=b).contains(&i)) && Some(i) != title_line {
            *k = LineKind::Drop("outside main text");
        }
    }
}

/// The run of `scores` with the highest positive sum (Kadane's algorithm), as indices offset
/// by `offset`, with its sum.
fn best_run(scores: &[f64], offset: usize) -> Option<(usize, usize, f64)> {
    let (mut best, mut best_range) = (0.0, None);
    let (mut run, mut run_start) = (0.0, 0);
    for (i, &score) in scores.iter().enumerate() {
        if run <= 0.0 {
            run = 0.0;
            run_start = i;
        }
        run += score;
        if run > best {
            best = run;
            best_range = Some((run_start + offset, i + offset));
        }
    }
    best_range.map(|(a, b)| (a, b, best))
}

/// A page's text repeats blurbs, pull quotes and notices word for word; an article does not
/// repeat a paragraph. Kept lines of [`REPEAT_MIN_WORDS`] or more already kept above go.
fn drop_repeats(keys: &[String], kinds: &mut [LineKind]) {
    let mut seen = std::collections::HashSet::new();
    for (key, kind) in keys.iter().zip(kinds.iter_mut()) {
        if is_kept(*kind) && word_count(key) >= REPEAT_MIN_WORDS && !seen.insert(key.as_str()) {
            *kind = LineKind::Drop("repeat");
        }
    }
}

/// Fewest words of a repeated line dropped (short subheadings such as "Pros" recur legitimately).
const REPEAT_MIN_WORDS: usize = 5;

/// How much of the main run's score another run needs to be kept as well.
const SECOND_RUN_SHARE: f64 = 0.5;
/// Most runs kept: each search is linear, so this bounds the time on pathological pages.
const MAX_RUNS: usize = 64;

/// What one line that is not text costs the run it interrupts, in words of text.
const LINE_COST: f64 = 3.0;
/// What a line of site furniture (share buttons, promotions, "Related posts", tag lists,
/// copyright) costs in a run of at least [`FURNITURE_RUN_LINES`] other lines: such blocks all
/// but end the article (a lone "Advertisement" or promotion between paragraphs does not).
const BOILERPLATE_LINE_COST: f64 = 50.0;
const FURNITURE_RUN_LINES: usize = 3;

/// Light cleanup of text that is already a clean body (`Content::CleanText`): whitespace,
/// byline and credit lines, agency credits ending paragraphs, the dateline.
pub(crate) fn clean_light(input: &str, title_hint: Option<&str>) -> Cleaned {
    let mut out = Cleaned::default();
    let hint = title_hint.map(norm_key).filter(|h| !h.is_empty());
    for line in split_lines(input) {
        if hint.as_deref() == Some(norm_key(&line).as_str()) {
            continue;
        }
        if let Some(b) = parse_byline(&line).or_else(|| parse_credit_line(&line).filter(|_| !is_sentence_like(&line))) {
            out.take_byline(b);
            continue;
        }
        out.paragraphs.push(line);
    }
    out.title = title_hint.map(str::trim).filter(|h| !h.is_empty()).map(str::to_string);
    out.finish();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks the cleaned body (paragraphs joined by blank lines) and title.
    fn check(input: &str, expected_body: &str, expected_title: Option<&str>) -> Cleaned {
        let c = clean_text(input, None);
        assert_eq!(c.paragraphs.join("\n\n"), expected_body, "input:\n{input}");
        assert_eq!(c.title.as_deref(), expected_title, "input:\n{input}");
        c
    }

    const P1: &str = "The city council approved the new budget on Monday after a long debate.";
    const P2: &str = "Officials said the plan would fund three new schools and a hospital.";
    const P3: &str = "Opposition members called the spending reckless and vowed to fight it.";

    #[test]
    fn titles() {
        check(&format!("Council approves budget for schools\n\n{P1}\n{P2}"), &format!("{P1}\n\n{P2}"), Some("Council approves budget for schools"));
        // Straight into the body: no title.
        check(&format!("{P1}\n{P2}"), &format!("{P1}\n\n{P2}"), None);
        // A photo credit first is not a title.
        check(&format!("(C) City Council\n{P1}\n{P2}"), &format!("{P1}\n\n{P2}"), None);
        // A question headline.
        check(&format!("Can the council pay for it?\n{P1}\n{P2}"), &format!("{P1}\n\n{P2}"), Some("Can the council pay for it?"));
    }

    #[test]
    fn lines_of_format_characters_are_blank() {
        assert_eq!(split_lines(&format!("{P1}\n\u{200d}\n{P2}")), [P1, P2]);
        // Inside text a joiner stays (emoji sequences, Indic scripts).
        assert_eq!(split_lines("a\u{200d}b"), ["a\u{200d}b"]);
    }

    #[test]
    fn known_title_is_removed() {
        let c = clean_text(&format!("Council approves budget\n{P1}\n{P2}"), Some("Council approves budget"));
        assert_eq!(c.paragraphs, [P1, P2]);
        assert_eq!(c.title.as_deref(), Some("Council approves budget"));
    }

    #[test]
    fn breadcrumbs() {
        check(
            &format!("Home Politics Council Approves Budget For Schools\n\nCouncil Approves Budget For Schools\n\n{P1}\n\n{P2}"),
            &format!("{P1}\n\n{P2}"),
            Some("Council Approves Budget For Schools"),
        );
    }

    #[test]
    fn subheadings_kept() {
        check(
            &format!("Budget passes\n\n{P1}\n\nWhat the money buys\n\n{P2}\n\nJoin our Telegram Channel\n\nCritics push back\n\n{P3}"),
            &format!("{P1}\n\nWhat the money buys\n\n{P2}\n\nCritics push back\n\n{P3}"),
            Some("Budget passes"),
        );
    }

    #[test]
    fn teasers_dropped() {
        let text = format!(
            "Budget passes\n{P1}\n{P2}\nMarkets , Budget , council\nMore From City News\nMayor opens new bridge\nTeachers strike over pay\nPolice arrest two in robbery case\n{P3}\nRiver levels rise after three days of heavy rain in the…\nRead More"
        );
        // P3 after the related list is alone, so it is a teaser dek too.
        check(&text, &format!("{P1}\n\n{P2}"), Some("Budget passes"));
        // Runs of headline-like lines without a header are dropped as well.
        let text = format!("{P1}\nMayor opens new bridge\nTeachers strike over pay\n{P2}\nPolice arrest two\n");
        check(&text, &format!("{P1}\n\n{P2}"), None);
    }

    /// A paragraph of `n` words, ending like a sentence.
    fn para(first: &str, n: usize) -> String {
        format!("{first} {}.", vec!["word"; n.saturating_sub(1)].join(" "))
    }

    #[test]
    fn text_apart_from_the_article_goes() {
        let article = [para("Officials", 40), para("Critics", 40), para("Residents", 30)].join("\n");
        // An author card and bio behind share buttons, then comments behind a comment header.
        let text = format!(
            "{article}\nShare\nFacebook\nTwitter\nJane Doe\nSenior Writer\n{}\nMost Commented\nreader42\n{}\n{}",
            para("Jane", 25),
            para("Great", 20),
            para("Totally", 15)
        );
        check(&text, &article.replace('\n', "\n\n"), None);
        // A lone promotion or advertisement line between paragraphs does not split the article.
        let text = format!("{}\nAdvertisement\n{}\nFollow us on WhatsApp for alerts!\n{}", para("A", 12), para("B", 60), para("C", 12));
        assert_eq!(clean_text(&text, None).paragraphs.len(), 3);
    }

    #[test]
    fn a_long_paragraph_ends_a_related_list() {
        // "Latest" labels the navigation above the article; the article's first paragraph ends it.
        let lead = para("Officials", 30);
        check(&format!("Latest\nNews\nSport\n{lead}\nWhat comes next\n{P2}"), &format!("{lead}\n\nWhat comes next\n\n{P2}"), None);
    }

    #[test]
    fn sections_split_by_long_runs_of_short_lines_stay() {
        // A review: two sections of text apart behind a spec table.
        let specs = (1..=25).map(|i| format!("Spec {i}")).collect::<Vec<_>>().join("\n");
        let (first, second) = (para("Testing", 60), para("Battery", 50));
        check(&format!("{first}\n{specs}\n{second}"), &format!("{first}\n\n{second}"), None);
    }

    #[test]
    fn lists_the_article_introduces_are_kept() {
        let items = "Faster trains\nCheaper tickets\nMore stations";
        let text = format!("{P1}\nThe plan promises three things:\n{items}\n{P2}");
        check(&text, &format!("{P1}\n\nThe plan promises three things:\n\n{}\n\n{P2}", items.replace('\n', "\n\n")), None);
        let text = format!("{P1}\nWhat it buys:\n{items}\n{P2}");
        check(&text, &format!("{P1}\n\nWhat it buys:\n\n{}\n\n{P2}", items.replace('\n', "\n\n")), None);
    }

    #[test]
    fn repeated_paragraphs_are_kept_once() {
        let quote = "“We will build it,” the mayor said.";
        check(&format!("{P1}\n{quote}\n{P2}\n{quote}\n{P3}"), &format!("{P1}\n\n{quote}\n\n{P2}\n\n{P3}"), None);
    }

    #[test]
    fn related_section_ends_when_article_resumes() {
        let text = format!("{P1}\nRead More\nMayor opens new bridge\n{P2}\n{P3}");
        check(&text, &format!("{P1}\n\n{P2}\n\n{P3}"), None);
    }

    #[test]
    fn promos_cookies_photo_credits() {
        let text = format!(
            "Photo: City Hall\n{P1}\nFollow us on WhatsApp for breaking news alerts!\n{P2}\nThis website uses cookies.\nAccept"
        );
        check(&text, &format!("{P1}\n\n{P2}"), None);
    }

    #[test]
    fn bylines_and_credits() {
        let text = format!("Budget passes\nBy Mary Major and Juan Perez – Reuters – May 3, 2022\n{P1}\n{P2} - AFP\nAdditional reporting by Li Wei in Beijing");
        let c = check(&text, &format!("{P1}\n\n{P2}"), Some("Budget passes"));
        assert_eq!(c.authors, ["Mary Major", "Juan Perez", "Li Wei"]);
        assert_eq!(c.credits, ["Reuters", "AFP"]);
        assert_eq!(c.date.map(|d| d.to_string()).as_deref(), Some("2022-05-03"));
    }

    #[test]
    fn datelines_kept_in_body() {
        let text = format!("SPRINGFIELD (AP) — {P1}\n{P2}");
        let c = check(&text, &format!("SPRINGFIELD (AP) — {P1}\n\n{P2}"), None);
        assert_eq!(c.dateline.as_deref(), Some("SPRINGFIELD"));
        assert_eq!(c.credits, ["AP"]);
    }

    #[test]
    fn hard_wrapped_paragraphs_join() {
        let text = "The city council approved the new budget\non Monday after a long debate.\n\nOfficials said it would fund schools.";
        check(text, "The city council approved the new budget on Monday after a long debate.\n\nOfficials said it would fund schools.", None);
    }

    #[test]
    fn light_cleanup() {
        let c = clean_light(&format!("{P1}\n\n{P2} (Reuters)\n\nWith inputs from AFP"), None);
        assert_eq!(c.paragraphs, [P1, P2]);
        assert_eq!(c.credits, ["AFP", "Reuters"]);
    }

    #[test]
    fn dom_text_keeps_its_structure() {
        let text = format!("{P1}\nIngredients\n1 cup rice\n2 eggs\n{P2}\nServes four\nPrep time 10 minutes");
        let dom = clean_dom_text(&text, None);
        for kept in ["Ingredients", "1 cup rice", "2 eggs", "Serves four", "Prep time 10 minutes"] {
            assert!(dom.paragraphs.iter().any(|p| p == kept), "{kept:?} dropped: {:?}", dom.paragraphs);
        }
        // Scraped page text: the same short lines are a teaser run.
        let scraped = clean_text(&text, None);
        assert!(!scraped.paragraphs.iter().any(|p| p == "2 eggs"), "{:?}", scraped.paragraphs);
    }

    #[test]
    fn dom_text_keeps_a_cut_off_last_paragraph() {
        let cut = "The quarterback did not suffer a concussion, and the league said on Monday that the review of the incident would take…";
        let dom = clean_dom_text(&format!("{P1}\n{P2}\n{cut}"), None);
        assert_eq!(dom.paragraphs.last().map(String::as_str), Some(cut));
        let teasers = format!("{P1}\n{P2}\n{cut}\n{cut} again and again and again…");
        assert!(!clean_dom_text(&teasers, None).paragraphs.iter().any(|p| p.ends_with('…')));
    }

    #[test]
    fn unspaced_scripts_count_as_text() {
        let ja = "先日、不正に改造したスマートフォンを販売したとして、商標法違反の疑いで男性が逮捕されました。\n報道によると、今回販売されたのは改造された端末でした。";
        let c = clean_dom_text(ja, None);
        assert_eq!(c.paragraphs.len(), 2, "{:?}", c.paragraphs);
    }
}
