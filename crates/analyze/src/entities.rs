//! Named-entity mentions: a rule and gazetteer recogniser.
//!
//! The pipeline, per article:
//! 1. [`tokens::tokenize`] each sentence; note which capitalised words occur away from a sentence
//!    start (so a sentence-initial "Trong" counts as a name when "Nguyen Phu Trong" occurs elsewhere).
//! 2. Candidate *runs*: maximal sequences of capitalised tokens with connectors inside
//!    ("of", "the" after "of", "de", "bin", "van" …). Sentence-initial words join only when known,
//!    followed by another capital, or seen capitalised elsewhere; title-case headings only keep known words.
//! 3. Each run is cut at person titles ("Deputy Prime Minister") into *chunks*, and every chunk is
//!    classified (`Classifier`): whole-gazetteer hit → organisation head word ("… Party",
//!    "… Agency") → given name or name-first family name → gazetteer/demonym pieces →
//!    unknown stretches, typed by context (title before, cue word before, "newspaper X",
//!    "X, a … company", "X-based", default person for 2–4 words).
//! 4. Article-level resolution (`resolve_in_article`): acronyms in parentheses, national parties
//!    ("Vietnam's Communist Party" → "Communist Party of Vietnam"), short forms ("Trong" →
//!    "Nguyen Phu Trong").
//!
//! With the statistical tagger ([`tagger`], on by default: [`TAGGER_BY_DEFAULT`]), its spans
//! replace step 3's candidates in sentences not in capitals ([`find_mentions_with`]).

mod descriptions;
pub mod lexicon;
pub mod tagger;
pub mod tokens;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use storyline_model::{EntityKind, Mention, Span};

use self::lexicon::{lexicon, name_key, with_lower, with_name_key, Lexicon};
use self::tokens::{Tok, TokKind, tokenize};

/// The country (or region) a demonym belongs to: "Vietnamese" → "Vietnam".
pub fn demonym_country(demonym: &str) -> Option<&'static str> {
    lexicon().demonym(demonym).map(|d| d.country.as_str())
}

/// The gazetteer's canonical name and kind for a name, if it knows it ("U.S." → "United States").
pub fn gazetteer_lookup(name: &str) -> Option<(&'static str, EntityKind)> {
    lexicon().lookup(name).map(|e| (e.canonical.as_str(), e.kind))
}

/// Whether `name` is a country the gazetteer knows.
pub fn is_country(name: &str) -> bool {
    lexicon().country_demonym.contains_key(&name_key(name))
}

/// Entity mentions in `body`; `canonical` is resolved within the article. Uses the shipped
/// statistical tagger when [`TAGGER_BY_DEFAULT`] is set and the model loads, else the rules alone.
pub fn find_mentions(body: &str, sentences: &[Span]) -> Vec<Mention> {
    find_mentions_with(body, sentences, default_tagger())
}

/// The tagger the pipeline runs: the shipped one when [`TAGGER_BY_DEFAULT`] is set and it loads.
pub fn default_tagger() -> Option<&'static tagger::Tagger> {
    if TAGGER_BY_DEFAULT { tagger::shipped() } else { None }
}

/// Whether [`find_mentions`] combines the shipped tagger with the rules. On: the combination
/// wins on held-out training data, CoNLL-2003 and GUM news (BENCHMARKS.md) and keeps every
/// mention the rules find on the seed articles (titles are cut off names and are no names of
/// their own; a name tagged once in an article is kept where the tagger missed it).
/// `storyline eval entities` measures what the pipeline runs; `--rules-only` the rules alone.
pub const TAGGER_BY_DEFAULT: bool = true;

/// Entity mentions from the rules alone (`tagger` = `None`) or the rules combined with a tagger.
pub fn find_mentions_with(body: &str, sentences: &[Span], tagger: Option<&tagger::Tagger>) -> Vec<Mention> {
    let mut run = run_rules(body, sentences);
    if let Some(t) = tagger {
        combine(&mut run, t);
    }
    to_mentions(body, run.cands)
}

/// Adds a `nominal` person mention for each description ("the Russian leader") that stands for
/// exactly one person the article introduced before it (see [`descriptions`]).
pub(crate) fn link_descriptions(body: &str, mentions: &mut Vec<Mention>) {
    descriptions::link_descriptions(body, lexicon(), mentions);
}

fn to_mentions(body: &str, cands: Vec<Candidate>) -> Vec<Mention> {
    let lx = lexicon();
    cands
        .into_iter()
        .filter_map(|c| {
            let kind = c.kind?;
            // A name ends before a comma or a semicolon ("Washington" in "Washington, D.C.").
            let text = body.get(c.start..c.end)?.trim_end_matches([',', ';']).to_string();
            if text.is_empty() || is_contraction(&text, lx) {
                return None;
            }
            let canonical = c.canonical.unwrap_or_else(|| normalize_space(&text));
            Some(Mention { span: Span::new(c.start, c.start + text.len()), text, kind, canonical, nominal: false })
        })
        .collect()
}

/// The rule recogniser's view of an article: tokens per sentence, line flags, the capitalised
/// words seen away from a sentence start, and the resolved candidates.
#[derive(Debug)]
pub(crate) struct RuleRun<'a> {
    pub body: &'a str,
    pub sents: Vec<Vec<Tok>>,
    pub headings: Vec<bool>,
    pub shouted: Vec<bool>,
    pub mid_caps: HashSet<&'a str>,
    pub cands: Vec<Candidate>,
}

pub(crate) fn run_rules<'a>(body: &'a str, sentences: &[Span]) -> RuleRun<'a> {
    let lx = lexicon();
    let spans = sentence_spans(body, sentences);
    let sents: Vec<Vec<Tok>> = spans.iter().map(|s| tokenize(body, s.start, s.end)).collect();
    let headings: Vec<bool> = sents.iter().map(|t| is_heading(body, t)).collect();
    let shouted: Vec<bool> = sents.iter().map(|t| is_shouted(body, t)).collect();

    // Capitalised words seen away from a sentence start (outside headings).
    let mut mid_caps: HashSet<&str> = HashSet::new();
    for ((toks, &heading), &shouted) in sents.iter().zip(&headings).zip(&shouted) {
        if heading || shouted {
            continue;
        }
        let fw = first_word(toks);
        for (i, t) in toks.iter().enumerate() {
            if t.kind == TokKind::Word && !is_initial(body, toks, i, fw) && starts_upper(text(body, t)) {
                mid_caps.insert(text(body, t));
            }
        }
    }

    let mut cands = Vec::new();
    for (si, toks) in sents.iter().enumerate() {
        if shouted[si] {
            continue;
        }
        let c = Classifier { body, toks, lx, heading: headings[si], mid_caps: &mid_caps, sentence: si, first_word: first_word(toks) };
        c.run(&mut cands);
    }
    resolve_in_article(body, &sents, &mut cands, lx);
    shouted_mentions(body, &sents, &shouted, &mut cands, lx);
    sports_tables(body, &sents, &shouted, &mut cands, lx);
    nationality_marks(body, &sents, &mut cands, lx);
    RuleRun { body, sents, headings, shouted, mid_caps, cands }
}

/// News conventions and rule evidence applied to the tagger's spans (token ranges) of one
/// sentence: a span ending in a connector joins the span right after it ("Communist Party of" +
/// "Vietnam"), other edge connectors are trimmed; person titles are cut off the front ("Deputy
/// Prime Minister Tran Hong Ha"); numbers leave names in lines of scores ("Goias 1"); a stop word
/// starting a gazetteer name joins it ("New" + "Zealand"); adjacent spans that exactly tile one
/// rule candidate become that candidate ("Nhan" + "Dan"), a person span inside a longer person
/// candidate of capitalised words grows to it ("Lam" in "To Lam"), and a span cut short before
/// or after the words of a rule candidate takes them back ("Presidential Palace", "Asian Cup").
/// A span without a capital is none.
fn refine_spans(body: &str, toks: &[Tok], spans: Vec<(usize, usize, EntityKind)>, rule: &[&Candidate], lx: &Lexicon) -> Vec<(usize, usize, EntityKind)> {
    let t = |i: usize| toks.get(i).map_or("", |x| text(body, x));
    let span_text = |a: usize, b: usize| match (toks.get(a), b.checked_sub(1).and_then(|l| toks.get(l))) {
        (Some(x), Some(y)) if x.start <= y.end => body.get(x.start..y.end).unwrap_or(""),
        _ => "",
    };
    let conn = |i: usize| toks.get(i).is_some_and(|x| x.kind == TokKind::Word) && lx.connectors.contains(t(i));
    let mut merged: Vec<(usize, usize, EntityKind)> = Vec::with_capacity(spans.len());
    for (a, b, k) in spans {
        if let Some(last) = merged.last_mut() {
            if last.1 == a && last.1 > last.0 && conn(last.1 - 1) {
                last.1 = b;
                continue;
            }
        }
        merged.push((a, b, k));
    }
    let mut out = Vec::with_capacity(merged.len());
    // A lower-case word (not a connector) at the edge of a span with capitals is no part of the
    // name ("Nguyen Phu Trong met").
    let lower_word = |i: usize| toks.get(i).is_some_and(|x| x.kind == TokKind::Word) && t(i).chars().next().is_some_and(char::is_lowercase);
    // The longest title (lexicon titles; a word one edit from a title word counts inside a
    // longer title: "Prime Minster") starting at capitalised word `p`, in tokens.
    let title_at = |p: usize| -> usize {
        if !toks.get(p).is_some_and(|x| x.kind == TokKind::Word) || !starts_upper(t(p)) {
            return 0;
        }
        let words = toks[p..(p + lx.max_title_words).min(toks.len())].iter().take_while(|x| x.kind == TokKind::Word).map(|x| text(body, x));
        // On the stack when titles are short enough (they are).
        let mut buf = [""; 8];
        if lx.max_title_words > buf.len() {
            return lx.title_prefix_len(&words.collect::<Vec<_>>());
        }
        let mut n = 0;
        for (slot, w) in buf.iter_mut().zip(words) {
            *slot = w;
            n += 1;
        }
        lx.title_prefix_len(&buf[..n])
    };
    let push_trimmed = |out: &mut Vec<(usize, usize, EntityKind)>, mut a: usize, mut b: usize, k: EntityKind| {
        while a < b && conn(a) {
            a += 1;
        }
        while b > a && conn(b - 1) {
            b -= 1;
        }
        if a < b {
            out.push((a, b, k));
        }
    };
    // Numbers in a span, in a line of scores or a table: a name runs into the next one over a
    // score ("Portuguesa 1 Atletico Mineiro") and takes the number after it ("Goias 1"); a
    // score written with dashes or colons ends a name anywhere ("Cairns 8-1-35-1"). In prose a
    // number stays ("Channel 4 News", "Boeing 747").
    let number = |i: usize| toks.get(i).is_some_and(|x| x.kind == TokKind::Word) && is_table_number(t(i));
    let spans_with_numbers = merged.iter().any(|&(a, b, _)| (a..b).any(number));
    let tabular = spans_with_numbers && is_table_line(body, toks);
    let mut pieces: Vec<(usize, usize, EntityKind)> = Vec::with_capacity(merged.len());
    for (a, b, k) in merged {
        let mut from = a;
        for i in a..b {
            if tabular && i > from && i + 1 < b && number(i) && (i + 1..b).any(|j| starts_upper(t(j))) {
                pieces.push((from, i, k));
                from = i + 1;
            }
        }
        let mut end = b;
        if end > from + 1 && number(end - 1) && (tabular || !t(end - 1).bytes().all(|c| c.is_ascii_digit())) {
            end -= 1;
        }
        pieces.push((from, end, k));
    }
    for (mut a, mut b, k) in pieces {
        let capitals = (a..b).any(|i| starts_upper(t(i)));
        while a < b && (conn(a) || capitals && lower_word(a)) {
            a += 1;
        }
        while b > a && (conn(b - 1) || capitals && lower_word(b - 1)) {
            b -= 1;
        }
        // A stop word that starts a name the gazetteer knows belongs to it ("New" of "New
        // Zealand": the rules leave a sentence's first "New" out), unless a span before has it.
        if a > 0 && b > a && out.last().is_none_or(|p: &(usize, usize, EntityKind)| p.1 < a) && lx.stops.contains(t(a - 1)) && !matches!(t(a - 1), "The" | "A" | "An") && lx.lookup(span_text(a - 1, b)).is_some() {
            a -= 1;
        }
        // Titles are no part of names: a span that is (part of) a title is none ("Chairman",
        // "Deputy Prime" of "Deputy Prime Minister"); a span running into a title ends before it
        // ("North Korean Supreme" + "Leader"); a person's name starts after its title
        // ("Prime Minster Pham Minh Chinh"); a title inside another span cuts it, and the words
        // after it name a person ("Communist Party General Secretary Nguyen Phu Trong"). A title
        // that ends a span after a name stays ("Stephen King", "Burger King"), and one that
        // starts another kind of name too ("Prince Edward Island", "General Motors").
        // A name right after a title is a person's ("Prime Minister Pham Minh Chinh").
        // A span that starts inside a title starts after it ("Prime" + "Minster Pham Minh Chinh").
        if let Some(end) = (1..=lx.max_title_words.min(a)).map(|len| a - len + title_at(a - len)).find(|&end| end > a) {
            a = end.min(b);
        }
        let after_title = |a: usize| (1..=lx.max_title_words.min(a)).any(|len| title_at(a - len) == len);
        let mut kind = if after_title(a) && lx.lookup(span_text(a, b)).is_none() { EntityKind::Person } else { k };
        let mut p = a;
        while p < b {
            let tl = if p > a && conn(p - 1) { 0 } else { title_at(p) };
            if tl == 0 {
                p += 1;
                continue;
            }
            let end = p + tl;
            if end > b || end == b && p == a {
                b = p;
                break;
            }
            if end == b {
                break;
            }
            if p == a {
                // A title of two words or more starts no other kind of name ("Prime Minister X");
                // one word may ("General Motors", "Prince Edward Island").
                if kind == EntityKind::Person || conn(end) || tl >= 2 {
                    a = end;
                    if !conn(end) {
                        kind = EntityKind::Person;
                    }
                }
            } else if kind != EntityKind::Person {
                push_trimmed(&mut out, a, p, kind);
                a = end;
                kind = EntityKind::Person;
            }
            p = end;
        }
        push_trimmed(&mut out, a, b, kind);
    }
    for r in rule {
        let Some(kind) = r.kind else { continue };
        let inside: Vec<usize> = (0..out.len()).filter(|&i| out[i].0 >= r.tok_start && out[i].1 <= r.tok_end).collect();
        let (Some(&f), Some(&l)) = (inside.first(), inside.last()) else { continue };
        // No span runs across the candidate's edges (looked at only when the rest holds).
        let alone = || !out.iter().any(|s| s.0 < r.tok_end && r.tok_start < s.1 && (s.0 < r.tok_start || s.1 > r.tok_end));
        let tiles = inside.len() >= 2 && out[f].0 == r.tok_start && out[l].1 == r.tok_end && inside.windows(2).all(|w| out[w[0]].1 == out[w[1]].0);
        let grows = inside.len() == 1
            && kind == EntityKind::Person
            && out[f].2 == EntityKind::Person
            && (out[f].1 - out[f].0) < r.tok_end.saturating_sub(r.tok_start)
            && (r.tok_start..r.tok_end).all(|i| (out[f].0..out[f].1).contains(&i) || conn(i) || lx.surnames.contains(t(i)) || lx.given.contains(t(i)))
            && alone();
        // A name the tagger cut short at the front, of the kind the rules gave the whole
        // ("Presidential Palace" tagged "Palace"): the rules' capitalised words before it belong.
        let tail = inside.len() == 1
            && kind != EntityKind::Person
            && out[f].2 == kind
            && out[f].1 == r.tok_end
            && out[f].0 > r.tok_start
            && (r.tok_start..out[f].0).all(|i| starts_upper(t(i)) && !lx.is_title_word(t(i)))
            && alone();
        // A name the tagger cut short at the end, before the head word that types the rules'
        // whole ("Asian" of "Asian Cup", "Sheffield" of "Sheffield Shield").
        let headed = inside.len() == 1
            && out[f].0 == r.tok_start
            && out[f].1 < r.tok_end
            && r.tok_end.checked_sub(1).is_some_and(|l| lx.heads.get(t(l)) == Some(&kind))
            && (out[f].1..r.tok_end).all(|i| starts_upper(t(i)) && !lx.is_title_word(t(i)))
            && alone();
        // "Friends of the Okapi", "Department of Housing and Urban Development": a name typed by
        // its of-phrase replaces the tagger's pieces of it.
        let institution = r.by_context
            && kind == EntityKind::Organization
            && (r.tok_start..r.tok_end).any(|i| matches!(t(i), "of" | "for"))
            && alone();
        if tiles || grows || tail || headed || institution {
            out.drain(f..=l);
            out.insert(f, (r.tok_start, r.tok_end, kind));
        }
    }
    // A span that exactly tiles two or more adjacent rule candidates (split at a title or a
    // gazetteer name: "National Assembly" + "Tran Thanh Man") becomes them.
    let mut split = Vec::with_capacity(out.len());
    for (a, b, k) in out {
        let mut pieces: Vec<&Candidate> = rule.iter().copied().filter(|r| r.tok_start >= a && r.tok_end <= b && r.kind.is_some()).collect();
        pieces.sort_by_key(|r| r.tok_start);
        let tiles = pieces.len() >= 2
            && pieces.first().is_some_and(|r| r.tok_start == a)
            && pieces.last().is_some_and(|r| r.tok_end == b)
            && pieces.windows(2).all(|w| w[0].tok_end == w[1].tok_start || (w[0].tok_end < w[1].tok_start && (w[0].tok_end..w[1].tok_start).all(|i| !starts_upper(t(i)))));
        // A gazetteer name followed by the start of a title ("North Korean" + "Supreme Leader").
        let title_at = |p: usize| (t(p).is_empty() || lx.is_title_word(t(p))) && (1..=lx.max_title_words).any(|len| lx.is_title(&(p..p + len).map(t).collect::<Vec<_>>().join(" ")));
        let head = pieces.first().filter(|r| r.tok_start == a && r.tok_end < b && r.from_gazetteer && title_at(r.tok_end));
        if tiles {
            split.extend(pieces.iter().filter_map(|r| Some((r.tok_start, r.tok_end, r.kind?))));
        } else if let Some(r) = head {
            split.push((r.tok_start, r.tok_end, r.kind.unwrap_or(k)));
        } else {
            split.push((a, b, k));
        }
    }
    // A lone capitalised common word the rules and the gazetteer do not back is no name
    // ("the Vietnamese Capital").
    let lone_common = |a: usize| {
        let w = t(a);
        !is_all_caps(w)
            && with_lower(w, |l| lx.common.contains(l))
            && lx.lookup(w).is_none()
            && !lx.heads.contains_key(w)
            && !rule.iter().any(|r| r.kind.is_some() && r.tok_start <= a && a < r.tok_end)
    };
    split.retain(|&(a, b, _)| !(b == a + 1 && lone_common(a)));
    // A name has a capital: no "b" and "c" of cricket scores, no "69th".
    split.retain(|&(a, b, _)| span_text(a, b).chars().any(char::is_uppercase));
    split
}

/// Replaces the rule candidates of every sentence not in capitals by the tagger's spans (the
/// rules' own decisions are among its features); a span the rules also found keeps their
/// canonical name. A rule candidate the tagger proposes nothing over stays when the gazetteer,
/// a cue or a known first name backs it, or when the tagger tagged the same name elsewhere in
/// the article (with the kind it gave it most often); a country is no person, and a plural after
/// "the" neither. Then groups are typed, article-level resolution runs again, companies are
/// named by their first words, and tables and nationality marks type teams and people.
fn combine(run: &mut RuleRun, t: &tagger::Tagger) {
    let lx = lexicon();
    let body = run.body;
    let doc = tagger::DocContext::new(run);
    let rows = t.word_rows(&doc);
    let mut out: Vec<Candidate> = Vec::with_capacity(run.cands.len());
    let mut by_sentence: Vec<Vec<&Candidate>> = vec![Vec::new(); run.sents.len()];
    for c in &run.cands {
        if let Some(v) = by_sentence.get_mut(c.sentence) {
            v.push(c);
        }
    }
    // The tagger's spans per sentence (`None`: a line in capitals, left to the rules).
    let tagged: Vec<Option<Vec<(usize, usize, EntityKind)>>> = run
        .sents
        .iter()
        .enumerate()
        .map(|(si, toks)| {
            if run.shouted.get(si).copied().unwrap_or(true) || toks.is_empty() {
                return None;
            }
            let tags = t.decode_sentence(&doc, &rows, run, si);
            let mut spans = refine_spans(body, toks, tagger::spans_of(&tags), by_sentence.get(si).map_or(&[][..], |v| &v[..]), lx);
            // "the Barbarians", "the Lakers": a plural name after "the" is a team or a group, no
            // person (a plural demonym is a people: "the Italians").
            for (a, b, kind) in spans.iter_mut() {
                let w = toks.get(*a).map_or("", |x| text(body, x));
                if *kind == EntityKind::Person && *b == *a + 1 && a.checked_sub(1).and_then(|p| toks.get(p)).is_some_and(|p| matches!(text(body, p), "the" | "The")) && w.chars().count() > 3 && w.ends_with('s') && !w.ends_with("ss") && plural_demonym(lx, w).is_none() {
                    *kind = EntityKind::Organization;
                }
            }
            Some(spans)
        })
        .collect();
    // One name, one kind per article: the tagger's kinds for each name (by key), so that a name it
    // tagged somewhere ("President Putin") is kept where it missed it ("give Putin a platform").
    let mut votes: HashMap<String, [u32; 4]> = HashMap::new();
    for (si, spans) in tagged.iter().enumerate() {
        let (Some(spans), Some(toks)) = (spans, run.sents.get(si)) else { continue };
        for &(a, b, kind) in spans {
            let (Some(x), Some(y)) = (toks.get(a), b.checked_sub(1).and_then(|l| toks.get(l))) else { continue };
            if let Some(v) = body.get(x.start..y.end).filter(|s| s.chars().next().is_some_and(char::is_uppercase)) {
                with_name_key(v, |k| match votes.get_mut(k) {
                    Some(n) => n[kind_slot(kind)] += 1,
                    None => {
                        let mut n = [0; 4];
                        n[kind_slot(kind)] = 1;
                        votes.insert(k.to_string(), n);
                    }
                });
            }
        }
    }
    let voted = |c: &Candidate| -> Option<EntityKind> {
        let v = with_name_key(body.get(c.start..c.end)?, |k| votes.get(k))?;
        let best = (0..4).max_by_key(|&i| (v[i], 4 - i))?;
        Some(SLOT_KINDS[best])
    };
    // One name, one kind: the kind the tagger gave name `s` most often in the article, ties going
    // to the kind first in `SLOT_KINDS` (its most precise types first): "give Putin a platform"
    // tagged other is a person after "President Putin".
    // A country is no person, whatever the votes ("Jim Moran (U.S.) 23.25").
    let majority = |s: &str, kind: EntityKind| -> EntityKind {
        let voted = match with_name_key(s, |k| votes.get(k)) {
            Some(v) => {
                let best = (0..4).max_by_key(|&i| (v[i], 4 - i)).unwrap_or(kind_slot(kind));
                if v[best] >= v[kind_slot(kind)] { SLOT_KINDS[best] } else { kind }
            }
            None => kind,
        };
        if voted == EntityKind::Person && lx.country(s).is_some() { EntityKind::Location } else { voted }
    };
    for (si, toks) in run.sents.iter().enumerate() {
        let rule = &by_sentence[si];
        let Some(spans) = tagged.get(si).cloned().flatten() else {
            out.extend(rule.iter().map(|c| (*c).clone()));
            continue;
        };
        // Gazetteer and cue evidence: a name the gazetteer typed, or one right after a type noun,
        // cue or title ("energy company Novatek", "President X"), stays when the tagger proposes
        // nothing overlapping it.
        let cued = |c: &Candidate| {
            c.tok_start.checked_sub(1).and_then(|i| toks.get(i)).is_some_and(|p| {
                p.kind == TokKind::Word && with_lower(text(body, p), |w| lx.types.contains_key(w) || lx.cues.contains(w) || lx.titles.contains(w))
            })
        };
        let named = |c: &Candidate| {
            c.kind == Some(EntityKind::Person) && c.words >= 2 && toks.get(c.tok_start).is_some_and(|x| lx.given.contains(text(body, x)) || lx.surnames.contains(text(body, x)))
        };
        for c in rule.iter() {
            if spans.iter().any(|&(a, b, _)| a < c.tok_end && c.tok_start < b) {
                continue;
            }
            if c.from_gazetteer || c.by_context || cued(c) || named(c) {
                out.push((*c).clone());
            } else if let Some(kind) = voted(c) {
                let mut c = (*c).clone();
                c.kind = Some(kind);
                out.push(c);
            }
        }
        for (a, b, kind) in spans {
            if let Some(c) = rule.iter().find(|c| c.tok_start == a && c.tok_end == b) {
                let mut c = (*c).clone();
                // A name of two words or more that ends in the head word of an event, treaty or
                // prize is one, as the rules typed it ("Russia Ukraine War", "Paris Agreement").
                let head = (b - a >= 2).then(|| b.checked_sub(1).and_then(|l| toks.get(l))).flatten().and_then(|x| lx.heads.get(text(body, x)).copied());
                let keep = c.by_context || head == Some(EntityKind::Other) && c.kind == head;
                c.kind = if keep { c.kind } else { Some(majority(body.get(c.start..c.end).unwrap_or(""), kind)) };
                out.push(c);
                continue;
            }
            let (Some(x), Some(y)) = (toks.get(a), b.checked_sub(1).and_then(|l| toks.get(l))) else { continue };
            let s = body.get(x.start..y.end).unwrap_or("");
            let canonical = lx.lookup(s).map(|e| e.canonical.clone()).or_else(|| lx.demonym(s).map(|d| d.canonical.clone()));
            let kind = majority(s, kind);
            let words = (a..b).filter(|&i| toks.get(i).is_some_and(|t| t.kind == TokKind::Word && !lx.connectors.contains(text(body, t)))).count();
            out.push(Candidate {
                start: x.start,
                end: y.end.max(x.start),
                kind: Some(kind),
                canonical,
                words,
                sentence: si,
                tok_start: a,
                tok_end: b,
                from_gazetteer: false,
            by_context: false,
                weak: false,
            });
        }
    }
    out.sort_by_key(|c| (c.start, c.end));
    groups(body, &run.sents, &run.shouted, &mut out, lx);
    resolve_in_article(body, &run.sents, &mut out, lx);
    company_short_forms(body, &mut out, lx);
    sports_tables(body, &run.sents, &run.shouted, &mut out, lx);
    nationality_marks(body, &run.sents, &mut out, lx);
    run.cands = out;
}

/// Entity kinds in a fixed order, for per-kind counts.
const SLOT_KINDS: [EntityKind; 4] = [EntityKind::Person, EntityKind::Organization, EntityKind::Location, EntityKind::Other];

fn kind_slot(k: EntityKind) -> usize {
    SLOT_KINDS.iter().position(|&x| x == k).unwrap_or(3)
}

/// A typed candidate span before article-level resolution.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub start: usize,
    pub end: usize,
    pub kind: Option<EntityKind>,
    pub canonical: Option<String>,
    /// Number of word tokens.
    pub words: usize,
    pub sentence: usize,
    /// Index of its first token in its sentence, and one past its last.
    pub tok_start: usize,
    pub tok_end: usize,
    /// Typed by the gazetteer (not to be changed by short-form resolution).
    pub from_gazetteer: bool,
    /// Typed by explicit evidence in the text: a type noun before it or in apposition ("X, a
    /// Russian company"), an organisation head with its of-phrase or an institution's connectors
    /// ("Friends of the Okapi"), a club's place and nickname, "X-based". The tagger does not
    /// retype it, and it stays where the tagger finds nothing.
    pub by_context: bool,
    /// Sentence-initial single word that is not known elsewhere.
    pub weak: bool,
}

fn sentence_spans(body: &str, sentences: &[Span]) -> Vec<Span> {
    let valid: Vec<Span> = sentences
        .iter()
        .copied()
        .filter(|s| s.start < s.end && body.get(s.start..s.end).is_some())
        .collect();
    if valid.is_empty() && !body.trim().is_empty() { crate::sentences::split(body) } else { valid }
}

/// Whether `word` is a function word contracted with an apostrophe ("I’m", "We’ve", "It’s",
/// "Don’t"): capitalised at a sentence start, no name. Names with an apostrophe ("O’Neill",
/// "Sa'd", "Putin’s") are not: their first part is no function word.
fn is_contraction(word: &str, lx: &Lexicon) -> bool {
    let Some((base, suffix)) = word.rsplit_once(['\'', '’']) else { return false };
    let contracted = ["m", "ve", "ll", "re", "d", "s", "t"].iter().any(|s| suffix.eq_ignore_ascii_case(s));
    contracted && (lx.stops.contains(base) || (suffix.eq_ignore_ascii_case("t") && base.ends_with(['n', 'N'])) || base == "Let")
}

fn text<'a>(body: &'a str, t: &Tok) -> &'a str {
    body.get(t.start..t.end).unwrap_or("")
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn is_all_caps(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 2
}

/// `s` with runs of whitespace made one space and trimmed, built in one allocation.
fn normalize_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Whether token `i` starts its sentence or a quotation (its capital says nothing).
/// `first_word` is the index of the sentence's first word token.
fn is_initial(body: &str, toks: &[Tok], i: usize, first_word: usize) -> bool {
    if i <= first_word {
        return true;
    }
    i > 0 && toks[i - 1].kind == TokKind::Punct && matches!(text(body, &toks[i - 1]), "\"" | "“" | "«" | "‘" | ":" | "—" | "–")
}

fn first_word(toks: &[Tok]) -> usize {
    toks.iter().position(|t| t.kind == TokKind::Word).unwrap_or(toks.len())
}

/// A title-case line ("President Putin Arrives In Vietnam"): its capitals say little.
fn is_heading(body: &str, toks: &[Tok]) -> bool {
    // Words of four letters or more, all capitalised: the first in lower case decides.
    let mut long = 0usize;
    for w in toks.iter().filter(|t| t.kind == TokKind::Word).map(|t| text(body, t)) {
        if w.chars().nth(3).is_some() && w.chars().next().is_some_and(char::is_alphabetic) {
            if !starts_upper(w) {
                return false;
            }
            long += 1;
        }
    }
    let last = toks.last().map_or("", |t| text(body, t));
    long >= 3 && !matches!(last, "." | "!" | "?" | "\"" | "”")
}

/// Most tokens in one run of capitalised words.
const MAX_RUN: usize = 12;

struct Classifier<'a> {
    body: &'a str,
    toks: &'a [Tok],
    lx: &'a Lexicon,
    heading: bool,
    mid_caps: &'a HashSet<&'a str>,
    sentence: usize,
    first_word: usize,
}

/// A run cut into titles and chunks (token index ranges into the sentence).
enum Piece {
    Title,
    Chunk(usize, usize),
}

impl<'a> Classifier<'a> {
    fn t(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| text(self.body, t))
    }

    fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == TokKind::Word)
    }

    fn known(&self, w: &str) -> bool {
        let lx = self.lx;
        lx.knows(w) || lx.given.contains(w) || lx.surnames.contains(w) || lx.is_title(w) || lx.heads.contains_key(w)
    }

    /// Whether word `i` can be part of a name.
    fn name_like(&self, i: usize) -> bool {
        if !self.is_word(i) {
            return false;
        }
        let w = self.t(i);
        if !starts_upper(w) {
            return false;
        }
        if self.heading {
            return self.known(w) || self.mid_caps.contains(w);
        }
        if !self.initial(i) {
            return true;
        }
        if self.lx.stops.contains(w) {
            // "To Lam said …": a stop word that is also a family name, when the pair occurs elsewhere.
            return self.lx.surnames.contains(w)
                && self.is_word(i + 1)
                && starts_upper(self.t(i + 1))
                && self.mid_caps.contains(w);
        }
        self.known(w)
            || (self.is_word(i + 1) && starts_upper(self.t(i + 1)))
            || self.mid_caps.contains(w)
            || self.apposition_type(i + 1).is_some()
    }

    fn initial(&self, i: usize) -> bool {
        is_initial(self.body, self.toks, i, self.first_word)
    }

    fn stopish(&self, i: usize) -> bool {
        self.lx.stops.contains(self.t(i)) || self.lx.weak.contains(self.t(i))
    }

    fn is_connector(&self, i: usize) -> bool {
        self.is_word(i) && self.lx.connectors.contains(self.t(i))
    }

    fn run(&self, out: &mut Vec<Candidate>) {
        let n = self.toks.len();
        let mut i = 0;
        while i < n {
            if !self.name_like(i) {
                i += 1;
                continue;
            }
            let start = i;
            let mut end = i + 1; // exclusive
            // Names are short: a longer run of capitals (a shouted line) is cut, which also
            // keeps the work per run bounded.
            while end < n && end - start < MAX_RUN && !self.toks[end - 1].cut {
                if self.name_like(end) && !(self.heading && !self.known(self.t(end)) && !self.mid_caps.contains(self.t(end))) {
                    end += 1;
                    continue;
                }
                // Connectors: "of", "of the", "bin", "for" after an organisation head.
                let mut k = end;
                while k < end + 2 && self.is_connector(k) {
                    let c = self.t(k);
                    let prev = self.t(k - 1);
                    let ok = match c {
                        "the" => prev == "of",
                        "for" => self.lx.heads.get(prev) == Some(&EntityKind::Organization),
                        _ => true,
                    };
                    if !ok {
                        break;
                    }
                    k += 1;
                }
                if k > end && self.name_like(k) && !self.initial(k) {
                    end = k + 1;
                    continue;
                }
                // "and" inside an institution's of-phrase: "Department of Housing and Urban
                // Development", "College of Obstetricians and Gynecologists".
                if matches!(self.t(end), "and" | "&") && self.name_like(end + 1) && !self.initial(end + 1) && self.institutional_of(start, end) {
                    end += 2;
                    continue;
                }
                break;
            }
            let pieces = self.split_run(start, end);
            let mut after_title = false;
            for p in pieces {
                match p {
                    Piece::Title => after_title = true,
                    Piece::Chunk(a, b) => {
                        self.chunk(a, b, after_title, start, end, out);
                        after_title = false;
                    }
                }
            }
            i = end;
        }
    }

    /// Whether the run `start..end` has an of- or for-phrase right after an organisation head
    /// ("Department of", "Council for").
    fn institutional_of(&self, start: usize, end: usize) -> bool {
        (start + 1..end).any(|k| matches!(self.t(k), "of" | "for") && self.lx.heads.get(self.t(k - 1)) == Some(&EntityKind::Organization))
    }

    /// A sports club named by its place and a plural nickname: "Boston Bruins", "St. Louis
    /// Eagles". Returns the end of the nickname when the chunk `a..b` starts with one.
    fn team_name(&self, a: usize, b: usize) -> Option<usize> {
        let g = self.gaz_len(a, b);
        let place = g > 0 && self.lx.lookup(self.span_text(a, a + g)).is_some_and(|e| e.kind == EntityKind::Location);
        if !place || a + g >= b {
            return None;
        }
        let w = self.t(a + g);
        let lower = w.to_lowercase();
        let plural = w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && w.chars().all(char::is_alphabetic);
        let unknown = self.gaz_len(a + g, b) == 0
            && !self.lx.heads.contains_key(w)
            && !self.lx.types.contains_key(&lower)
            && !self.lx.common.contains(&lower)
            && !self.lx.stops.contains(w);
        (plural && unknown).then_some(a + g + 1)
    }

    /// Longest title starting at `p` within `..end`, in tokens.
    fn title_len(&self, p: usize, end: usize) -> usize {
        // Every title starts with a title word.
        if !self.lx.is_title_word(self.t(p)) {
            return 0;
        }
        let max = self.lx.max_title_words.min(end - p);
        for len in (1..=max).rev() {
            let words: Vec<&str> = (p..p + len).map(|i| self.t(i)).collect();
            if self.lx.is_title(&words.join(" ")) {
                return len;
            }
        }
        0
    }

    /// Longest gazetteer or demonym match starting at `p` within `..end`, in tokens.
    fn gaz_len(&self, p: usize, end: usize) -> usize {
        let max = 6.min(end - p);
        for len in (1..=max).rev() {
            let (Some(a), Some(b)) = (self.toks.get(p), self.toks.get(p + len - 1)) else { continue };
            let s = self.body.get(a.start..b.end).unwrap_or("");
            if self.lx.knows(s) {
                return len;
            }
        }
        0
    }

    fn split_run(&self, start: usize, end: usize) -> Vec<Piece> {
        let mut pieces = Vec::new();
        let mut chunk_start = start;
        let mut p = start;
        while p < end {
            let after_connector = p > start && self.is_connector(p - 1);
            let tl = if after_connector { 0 } else { self.title_len(p, end) };
            if tl > 0 && self.gaz_len(p, end) <= tl {
                if chunk_start < p {
                    pieces.push(Piece::Chunk(chunk_start, p));
                }
                pieces.push(Piece::Title);
                p += tl;
                chunk_start = p;
            } else {
                p += 1;
            }
        }
        if chunk_start < end {
            pieces.push(Piece::Chunk(chunk_start, end));
        }
        pieces
    }

    fn span_text(&self, a: usize, b: usize) -> &'a str {
        match (self.toks.get(a), b.checked_sub(1).and_then(|l| self.toks.get(l))) {
            (Some(x), Some(y)) if x.start <= y.end => self.body.get(x.start..y.end).unwrap_or(""),
            _ => "",
        }
    }

    fn cand(&self, a: usize, b: usize, kind: Option<EntityKind>, canonical: Option<String>) -> Candidate {
        let (start, end) = match (self.toks.get(a), self.toks.get(b.saturating_sub(1))) {
            (Some(x), Some(y)) => (x.start, y.end.max(x.start)),
            _ => (0, 0),
        };
        Candidate {
            start,
            end,
            kind,
            canonical,
            words: (a..b).filter(|&i| !self.is_connector(i)).count(),
            sentence: self.sentence,
            tok_start: a,
            tok_end: b,
            from_gazetteer: false,
            by_context: false,
            weak: false,
        }
    }

    /// Classifies chunk `a..b` of the run `run_start..run_end`.
    fn chunk(&self, mut a: usize, mut b: usize, after_title: bool, run_start: usize, run_end: usize, out: &mut Vec<Candidate>) {
        while a < b && self.is_connector(a) {
            a += 1;
        }
        while b > a && self.is_connector(b - 1) {
            b -= 1;
        }
        if a >= b {
            return;
        }
        let lx = self.lx;
        // Whole chunk in the gazetteer.
        if let Some(c) = self.gazetteer_cand(a, b) {
            out.push(c);
            return;
        }
        // Leading articles.
        if matches!(self.t(a), "The" | "A" | "An") {
            return self.chunk(a + 1, b, after_title, run_start, run_end, out);
        }
        // Organisation (or place, event) head: "Vietnam News Agency", "Communist Party of Vietnam".
        let head_at = |i: usize| lx.heads.contains_key(self.t(i)) && (i > a || (i + 2 < b && self.t(i + 1) == "of"));
        if let Some(h) = (a..b).rev().find(|&i| head_at(i)) {
            let kind = lx.heads.get(self.t(h)).copied();
            let mut e = h + 1;
            // "… of Vietnam", "… of the Red Cross": the of-phrase belongs to the name.
            if e < b && self.t(e) == "of" {
                let mut k = e;
                while k < b && self.is_connector(k) {
                    k += 1;
                }
                while k < b && !self.is_connector(k) {
                    k += 1;
                }
                e = k;
            }
            let mut c = self.cand(a, e, kind, None);
            c.by_context = e > h + 1;
            out.push(c);
            if e < b {
                self.chunk(e, b, false, run_start, run_end, out);
            }
            return;
        }
        // Other stop words ("Western", "Tuesday") at the start.
        if self.stopish(a) && !(lx.surnames.contains(self.t(a)) && b - a >= 2 && !self.initial(a)) {
            return self.chunk(a + 1, b, after_title, run_start, run_end, out);
        }
        // Given name or name-first family name: "Carl Thayer", "Nguyen Phu Trong".
        let first = self.t(a);
        if (2..=4).contains(&(b - a)) && (lx.given.contains(first) || lx.surnames.contains(first)) && (a + 1..b).all(|i| !self.is_connector(i) || b - a > 2) {
            out.push(self.cand(a, b, Some(EntityKind::Person), None));
            return;
        }
        if let Some(e) = self.team_name(a, b) {
            let mut c = self.cand(a, e, Some(EntityKind::Organization), None);
            c.by_context = true;
            out.push(c);
            if e < b {
                self.chunk(e, b, false, run_start, run_end, out);
            }
            return;
        }
        // Gazetteer and demonym pieces; what is left is unknown.
        let mut p = a;
        let mut unknown_start = a;
        while p < b {
            let g = self.gaz_len(p, b);
            if g > 0 {
                if unknown_start < p {
                    self.unknown(unknown_start, p, after_title && unknown_start == a, run_start, run_end, out);
                }
                if let Some(c) = self.gazetteer_cand(p, p + g) {
                    out.push(c);
                }
                p += g;
                unknown_start = p;
            } else {
                p += 1;
            }
        }
        if unknown_start < b {
            self.unknown(unknown_start, b, after_title && unknown_start == a, run_start, run_end, out);
        }
    }

    fn gazetteer_cand(&self, a: usize, b: usize) -> Option<Candidate> {
        let s = self.span_text(a, b);
        if let Some(e) = self.lx.lookup(s) {
            let mut c = self.cand(a, b, Some(e.kind), Some(e.canonical.clone()));
            c.from_gazetteer = true;
            return Some(c);
        }
        if let Some(d) = self.lx.demonym(s) {
            let mut c = self.cand(a, b, Some(EntityKind::Other), Some(d.canonical.clone()));
            c.from_gazetteer = true;
            return Some(c);
        }
        None
    }

    /// The word before the run, when it is a lower-case word.
    fn word_before(&self, i: usize) -> Option<&'a str> {
        let prev = i.checked_sub(1)?;
        if !self.is_word(prev) {
            return None;
        }
        let w = self.t(prev);
        w.chars().next().is_some_and(char::is_lowercase).then_some(w)
    }

    /// The type noun of an apposition after token `end`: "X, a Russian state-owned company".
    fn apposition_type(&self, end: usize) -> Option<EntityKind> {
        if self.t(end) != "," || !matches!(self.t(end + 1), "a" | "an" | "the") {
            return None;
        }
        for i in end + 2..(end + 8).min(self.toks.len()) {
            if !self.is_word(i) {
                return None;
            }
            let w = self.t(i).to_lowercase();
            if let Some(&k) = self.lx.types.get(&w) {
                return Some(k);
            }
            if w == "of" {
                return None;
            }
        }
        None
    }

    fn unknown(&self, a: usize, b: usize, after_title: bool, run_start: usize, run_end: usize, out: &mut Vec<Candidate>) {
        let lx = self.lx;
        let mut a = a;
        while a < b && (self.is_connector(a) || self.stopish(a) && !(lx.surnames.contains(self.t(a)) && b - a >= 2)) {
            a += 1;
        }
        let mut b = b;
        while b > a && self.is_connector(b - 1) {
            b -= 1;
        }
        if a >= b {
            return;
        }
        let n = b - a;
        let text = self.span_text(a, b);
        let at_run_start = a == run_start;
        let at_run_end = b == run_end;
        let mut kind = None;
        let mut by_context = false;
        if after_title {
            kind = Some(EntityKind::Person);
        }
        if kind.is_none() && at_run_start {
            if let Some(w) = self.word_before(a) {
                if let Some(&k) = lx.types.get(w) {
                    kind = Some(k);
                    by_context = true;
                } else if lx.cues.contains(w) || lx.titles.contains(w) {
                    kind = Some(EntityKind::Person);
                }
            }
        }
        if kind.is_none() && at_run_end {
            kind = self.apposition_type(b);
            by_context = kind.is_some();
        }
        if kind.is_none() && self.toks.get(b - 1).is_some_and(|t| t.suffix_based) {
            kind = Some(EntityKind::Location);
            by_context = true;
        }
        if kind.is_none() && n == 1 && is_all_caps(text) && !self.stopish(a) {
            kind = Some(EntityKind::Organization);
        }
        if kind.is_none() && n > 4 {
            // "Prime Minster Pham Minh Chinh": a name that starts at a known first token.
            if let Some(k) = (a + 1..b).find(|&i| (lx.given.contains(self.t(i)) || lx.surnames.contains(self.t(i))) && (2..=4).contains(&(b - i))) {
                return self.unknown(k, b, true, k, run_end, out);
            }
        }
        if kind.is_none() && (2..=4).contains(&n) {
            let plain = (a..b).all(|i| self.is_connector(i) || self.t(i).chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’' || c == '.'));
            // "Bank of Kigali", "Friends of the Earth": names with "of", "for", "and" are not people's.
            let institutional = (a..b).any(|i| self.is_connector(i) && matches!(self.t(i), "of" | "for" | "and" | "the" | "&"));
            by_context = institutional && (a..b).any(|i| matches!(self.t(i), "of" | "for"));
            kind = Some(if institutional {
                EntityKind::Organization
            } else if plain && with_lower(self.t(b - 1), |l| lx.common.contains(l)) && !lx.given.contains(self.t(a)) {
                // "Pawn Shop", "Torrejon Air Base": a common noun last is no person's name.
                EntityKind::Organization
            } else if plain {
                EntityKind::Person
            } else {
                EntityKind::Other
            });
        }
        if n == 1 && (lx.stops.contains(text) || lx.weak.contains(text)) {
            return;
        }
        let mut c = self.cand(a, b, kind, None);
        c.weak = n == 1 && self.initial(a) && !self.mid_caps.contains(text);
        c.by_context = by_context;
        out.push(c);
    }
}

/// A line in capitals ("SOCCER - JAPAN GET LUCKY WIN", "NEW YORK 74 62 .544"): its capitals
/// say nothing about names.
fn is_shouted(body: &str, toks: &[Tok]) -> bool {
    let mut letters = 0;
    for t in toks.iter().filter(|t| t.kind == TokKind::Word) {
        for c in text(body, t).chars() {
            if c.is_lowercase() {
                return false;
            }
            if c.is_alphabetic() {
                letters += 1;
            }
        }
    }
    letters >= 2
}

/// Names in lines of capitals: the longest word sequences (up to six words) that the rest of
/// the article names (case-insensitively: "CUTTITTA" after "Marcello Cuttitta"), else that the
/// gazetteer knows. Candidates are appended and all are put back in text order.
fn shouted_mentions(body: &str, sents: &[Vec<Tok>], shouted: &[bool], cands: &mut Vec<Candidate>, lx: &Lexicon) {
    if !shouted.iter().any(|&s| s) {
        return;
    }
    let mut known: HashMap<String, (EntityKind, Option<String>)> = HashMap::new();
    for c in cands.iter() {
        let Some(kind) = c.kind else { continue };
        let t = body.get(c.start..c.end).unwrap_or("");
        let canonical = c.canonical.clone().unwrap_or_else(|| normalize_space(t));
        known.entry(name_key(t)).or_insert((kind, Some(canonical.clone())));
        if kind == EntityKind::Person && c.words >= 2 {
            if let Some(last) = t.split_whitespace().last() {
                known.entry(name_key(last)).or_insert((kind, Some(canonical)));
            }
        }
    }
    let mut extra = Vec::new();
    for (si, toks) in sents.iter().enumerate() {
        if !shouted.get(si).copied().unwrap_or(false) {
            continue;
        }
        let mut i = 0;
        while i < toks.len() {
            if toks[i].kind != TokKind::Word {
                i += 1;
                continue;
            }
            let mut found = None;
            // Words only, joined by spaces or hyphens ("AL-AIN" is one token already).
            let mut end = i;
            while end < toks.len() && end - i < 6 && toks[end].kind == TokKind::Word {
                end += 1;
            }
            for e in (i + 1..=end).rev() {
                let (a, b) = (toks[i].start, toks[e - 1].end);
                let t = body.get(a..b).unwrap_or("");
                let title: String = title_case(t);
                let single_stop = e == i + 1 && (lx.stops.contains(title.as_str()) || lx.weak.contains(title.as_str()) || lx.titles.contains(&t.to_lowercase()));
                if single_stop || t.chars().filter(|c| c.is_alphabetic()).count() < 2 {
                    continue;
                }
                let key = name_key(t);
                let hit = known
                    .get(&key)
                    .map(|(k, c)| (*k, c.clone()))
                    .or_else(|| lx.lookup(t).map(|g| (g.kind, Some(g.canonical.clone()))))
                    .or_else(|| lx.demonym(t).map(|d| (EntityKind::Other, Some(d.canonical.clone()))));
                if let Some((kind, canonical)) = hit {
                    found = Some((e, kind, canonical));
                    break;
                }
            }
            match found {
                Some((e, kind, canonical)) => {
                    extra.push(Candidate {
                        start: toks[i].start,
                        end: toks[e - 1].end,
                        kind: Some(kind),
                        canonical: canonical.or_else(|| Some(title_case(body.get(toks[i].start..toks[e - 1].end).unwrap_or("")))),
                        words: e - i,
                        sentence: si,
                        tok_start: i,
                        tok_end: e,
                        from_gazetteer: true,
                        by_context: false,
                        weak: false,
                    });
                    i = e;
                }
                None => i += 1,
            }
        }
    }
    if !extra.is_empty() {
        cands.append(&mut extra);
        cands.sort_by_key(|c| (c.start, c.end));
    }
}

/// A number as tables write it: "9", ".544", "1/2", "9-2", "23.92".
fn is_table_number(w: &str) -> bool {
    w.bytes().any(|c| c.is_ascii_digit()) && w.bytes().all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'-' | b':' | b'/'))
}

/// A line of scores or a table row: at least two numbers, and at least half as many numbers
/// as other words ("Barcelona 2 Real Madrid 1", "NEW YORK 74 62 .544").
fn is_table_line(body: &str, toks: &[Tok]) -> bool {
    let (mut words, mut nums) = (0usize, 0usize);
    for t in toks {
        if is_table_number(text(body, t)) {
            nums += 1;
        } else if t.kind == TokKind::Word {
            words += 1;
        }
    }
    nums >= 2 && nums * 2 >= words
}

/// Results and standings lines ("Barcelona 2 Real Madrid 1", "NEW YORK 74 62 .544", "Limoges
/// (France) 9 3 6 12"): a place followed by a number, or by a parenthesis and a number, in a line
/// that is mostly numbers names a team; a country stays a place (national teams are named as
/// their country). Standings rows name teams whatever their name ([`standings_rows`]); a team
/// named by a city in a table is the team in the article's prose too.
fn sports_tables(body: &str, sents: &[Vec<Tok>], shouted: &[bool], cands: &mut Vec<Candidate>, lx: &Lexicon) {
    let standings = standings_rows(body, sents, cands, lx);
    let numeric = |t: &Tok| is_table_number(text(body, t));
    // The token after a name, past one parenthesis of at most four tokens ("(Spain)").
    let after = |toks: &[Tok], end: usize| -> Option<usize> {
        if toks.get(end).is_some_and(|t| text(body, t) == "(") {
            let close = (end + 1..toks.len().min(end + 6)).find(|&i| toks.get(i).is_some_and(|t| text(body, t) == ")"))?;
            Some(close + 1)
        } else {
            Some(end)
        }
    };
    // Whether a sentence is a table row, worked out only for sentences with a location.
    let mut tabular: Vec<Option<bool>> = vec![None; sents.len()];
    let mut teams: HashSet<String> = standings.into_iter().collect();
    for c in cands.iter_mut() {
        if c.kind != Some(EntityKind::Location) {
            continue;
        }
        let (Some(toks), Some(tab)) = (sents.get(c.sentence), tabular.get_mut(c.sentence)) else { continue };
        let tab = *tab.get_or_insert_with(|| is_table_line(body, toks));
        if !tab || !after(toks, c.tok_end).and_then(|i| toks.get(i)).is_some_and(numeric) {
            continue;
        }
        let name = body.get(c.start..c.end).unwrap_or("");
        let place = name_key(c.canonical.as_deref().unwrap_or(name));
        if !lx.country_demonym.contains_key(&place) {
            c.kind = Some(EntityKind::Organization);
            if !lx.major_places.contains(&place) {
                teams.insert(name_key(name));
            }
        }
    }
    // A city's team in a table is the team in the article's prose too ("between Real Madrid and
    // Barcelona"). Not carried: countries, regions and big cities (national teams, venues), and
    // into lines in capitals (datelines, "TORONTO AT ATLANTA": the home team's city is the venue).
    if !teams.is_empty() {
        for c in cands.iter_mut().filter(|c| c.kind == Some(EntityKind::Location) && !shouted.get(c.sentence).copied().unwrap_or(true)) {
            if with_name_key(body.get(c.start..c.end).unwrap_or(""), |k| teams.contains(k)) {
                c.kind = Some(EntityKind::Organization);
            }
        }
    }
}

/// "Goran Ivanisevic (Croatia) beat …", "8. Florence Masnada (France) 1:18.31": a name of two or
/// three capitalised words followed by a country in parentheses is a person (results and
/// line-ups mark nationality so), unless the gazetteer, its context or an organisation head word
/// ("Club", "United") types it, or it is a standings row's team.
fn nationality_marks(body: &str, sents: &[Vec<Tok>], cands: &mut [Candidate], lx: &Lexicon) {
    for c in cands.iter_mut() {
        if c.kind == Some(EntityKind::Person) || c.by_context || c.from_gazetteer || !(2..=3).contains(&c.words) {
            continue;
        }
        let Some(toks) = sents.get(c.sentence) else { continue };
        let word = |i: usize| toks.get(i).map_or("", |t| text(body, t));
        if word(c.tok_end) != "(" || (c.tok_start..c.tok_end).any(|i| lx.heads.get(word(i)) == Some(&EntityKind::Organization) || !starts_upper(word(i))) {
            continue;
        }
        let Some(close) = (c.tok_end + 2..toks.len().min(c.tok_end + 6)).find(|&i| word(i) == ")") else { continue };
        let (Some(a), Some(b)) = (toks.get(c.tok_end + 1), toks.get(close - 1)) else { continue };
        let inside = body.get(a.start..b.end).unwrap_or("");
        if lx.country(inside).is_some() {
            c.kind = Some(EntityKind::Person);
            c.canonical = None;
        }
    }
}

/// A standings row: an optional rank ("5."), a name of at most five capitalised words, an
/// optional parenthesis ("(Greece)") and nothing but numbers after it, at least four of them
/// ("Heerenveen 18 7 7 4 30 20 28", "NY RANGERS 10 13 5 91 81 25", "Panionios (Greece) 9 3 6
/// 12"), counts rather than measures (no "74.13"); or the visiting team of a fixture line
/// ("TORONTO AT NY RANGERS"; the home team is named as its place). The name is a team, whatever
/// was found over it, unless it is a country (a national team is named as its country) or a
/// person by a known given name (results of golfers and runners have fewer numbers, but some
/// have four). Returns the keys of the teams named by a place that is no big city, for
/// [`sports_tables`] to carry into prose.
fn standings_rows(body: &str, sents: &[Vec<Tok>], cands: &mut Vec<Candidate>, lx: &Lexicon) -> Vec<String> {
    let mut teams = Vec::new();
    let mut rows: Vec<(usize, usize, usize)> = Vec::new();
    for (si, toks) in sents.iter().enumerate() {
        // Rows end in a number, fixtures in a capitalised word: most sentences end otherwise.
        let Some(last) = toks.last() else { continue };
        if !body.as_bytes().get(last.start).is_some_and(|b| b.is_ascii_digit() || b.is_ascii_uppercase() || *b == b'.' && last.end > last.start + 1) {
            continue;
        }
        let word = |i: usize| toks.get(i).map_or("", |t| text(body, t));
        let mut i = 0;
        if is_table_number(word(0)) && word(1) == "." {
            i = 2;
        }
        let start = i;
        while i < toks.len() && i - start < 5 && toks[i].kind == TokKind::Word && starts_upper(word(i)) && !is_table_number(word(i)) && word(i) != "AT" {
            i += 1;
        }
        let end = i;
        // Cheap refusals first: prose goes on with a word, rows with a number or a parenthesis.
        if end == start || !(word(end) == "AT" || word(end) == "(" || is_table_number(word(end))) {
            continue;
        }
        // A fixture: "TORONTO AT NY RANGERS", the visiting team at the home team's place.
        if word(end) == "AT" && end + 1 < toks.len() && toks[end + 1..].iter().all(|t| t.kind == TokKind::Word && starts_upper(text(body, t))) && toks.len() - end - 1 <= 5 {
            rows.push((si, start, end));
            continue;
        }
        if toks.len() - end < 4 {
            continue;
        }
        if word(i) == "(" {
            match (i + 1..toks.len().min(i + 6)).find(|&j| word(j) == ")") {
                Some(close) => i = close + 1,
                None => continue,
            }
        }
        // Tokens of numbers: ".500" and "11 1/2" may come as "." "500", "1" "/" "2".
        let rest = &toks[i..];
        let numbers = rest.iter().filter(|t| is_table_number(text(body, t))).count();
        // Counts, not measures: a decimal with digits before its point ("74.13", "1074.0") makes a
        // price or statistics table ("Barley 1074.0 1104.8"); standings write ".500".
        let (Some(first), Some(last)) = (rest.first(), rest.last()) else { continue };
        let tail = body.get(first.start..last.end).unwrap_or("").as_bytes();
        let measures = tail.windows(3).any(|w| w[0].is_ascii_digit() && w[1] == b'.' && w[2].is_ascii_digit());
        if numbers >= 4 && !measures && rest.iter().all(|t| is_table_number(text(body, t)) || matches!(text(body, t), "-" | "." | "/")) {
            rows.push((si, start, end));
        }
    }
    if rows.is_empty() {
        return teams;
    }
    if !cands.is_sorted_by_key(|c| (c.start, c.end)) {
        cands.sort_by_key(|c| (c.start, c.end));
    }
    let longest = longest_span(cands);
    let mut dropped = vec![false; cands.len()];
    let mut found = Vec::new();
    for (si, a, b) in rows {
        let Some(toks) = sents.get(si) else { continue };
        let (start, end) = (toks[a].start, toks[b - 1].end);
        let name = body.get(start..end).unwrap_or("");
        let place = lx.lookup(name).filter(|e| e.kind == EntityKind::Location).map(|e| name_key(&e.canonical));
        if place.as_ref().is_some_and(|p| lx.country_demonym.contains_key(p)) {
            continue;
        }
        let over: Vec<usize> = overlapping(cands, longest, start, end).collect();
        let person = over.iter().any(|&k| cands[k].kind == Some(EntityKind::Person) && cands[k].words >= 2 && toks.get(cands[k].tok_start).is_some_and(|t| lx.given.contains(text(body, t))));
        if person {
            continue;
        }
        let canonical = over
            .iter()
            .find(|&&k| cands[k].start == start && cands[k].end == end)
            .and_then(|&k| cands[k].canonical.clone())
            .unwrap_or_else(|| if is_all_caps(name) { title_case(name) } else { normalize_space(name) });
        for &k in &over {
            dropped[k] = true;
        }
        found.push(Candidate {
            start,
            end,
            kind: Some(EntityKind::Organization),
            canonical: Some(canonical),
            words: b - a,
            sentence: si,
            tok_start: a,
            tok_end: b,
            from_gazetteer: false,
            by_context: true,
            weak: false,
        });
        if let Some(p) = place.filter(|p| !lx.major_places.contains(p)) {
            teams.push(p);
        }
    }
    drop_marked(cands, &dropped);
    cands.append(&mut found);
    cands.sort_by_key(|c| (c.start, c.end));
    teams
}

/// The demonym whose plural `w` is, a people ("Italians", "Koreans"), unless the plural is a
/// name of its own.
fn plural_demonym<'a>(lx: &'a Lexicon, w: &str) -> Option<&'a lexicon::Demonym> {
    let stem = w.strip_suffix('s').filter(|s| s.chars().count() > 2 && !s.ends_with(['s', 'h', 'x', 'z']))?;
    if lx.lookup(w).is_some() {
        return None;
    }
    lx.demonym(stem)
}

/// Religious, political and ethnic groups ("Hindu", "Shiites", "Roman Catholics") and plural
/// demonyms ("Italians") are `other`:
/// a mention that is exactly one is retyped, and one nothing covers is added. Written with a
/// capital; lines in capitals are left alone.
fn groups(body: &str, sents: &[Vec<Tok>], shouted: &[bool], cands: &mut Vec<Candidate>, lx: &Lexicon) {
    let mut extra = Vec::new();
    if !cands.is_sorted_by_key(|c| (c.start, c.end)) {
        cands.sort_by_key(|c| (c.start, c.end));
    }
    let longest = longest_span(cands);
    let mut dropped = vec![false; cands.len()];
    for (si, toks) in sents.iter().enumerate() {
        if shouted.get(si).copied().unwrap_or(true) {
            continue;
        }
        // Looked up as written (one hash of the token, no key built): this runs on every word.
        let capital = |i: usize| toks.get(i).is_some_and(|t| t.kind == TokKind::Word && body.as_bytes().get(t.start).is_some_and(u8::is_ascii_uppercase));
        let mut i = 0;
        while i < toks.len() {
            if !capital(i) {
                i += 1;
                continue;
            }
            let two = (capital(i + 1) && lx.group_first_words.contains(text(body, &toks[i])))
                .then(|| body.get(toks[i].start..toks[i + 1].end).and_then(|s| lx.groups.get(s)).map(|c| (2, c.clone())))
                .flatten();
            let w = text(body, &toks[i]);
            let hit = two.or_else(|| lx.groups.get(w).map(|c| (1, c.clone()))).or_else(|| plural_demonym(lx, w).map(|d| (1, d.canonical.clone())));
            let Some((n, canonical)) = hit else {
                i += 1;
                continue;
            };
            // Mentions inside the group's words ("Catholics" of "Roman Catholics") give way to
            // it; a longer mention around it ("Hindu Kush") stays.
            let (start, end) = (toks[i].start, toks[i + n - 1].end);
            if !overlapping(cands, longest, start, end).any(|k| cands[k].start < start || cands[k].end > end) {
                overlapping(cands, longest, start, end).for_each(|k| dropped[k] = true);
                extra.push(Candidate { start, end, kind: Some(EntityKind::Other), canonical: Some(canonical), words: n, sentence: si, tok_start: i, tok_end: i + n, from_gazetteer: true, by_context: false, weak: false });
            }
            i += n;
        }
    }
    if !extra.is_empty() {
        drop_marked(cands, &dropped);
        cands.append(&mut extra);
        cands.sort_by_key(|c| (c.start, c.end));
    }
}

/// The longest candidate in bytes, for [`overlapping`].
fn longest_span(cands: &[Candidate]) -> usize {
    cands.iter().map(|c| c.end.saturating_sub(c.start)).max().unwrap_or(0)
}

/// Indices of the candidates (sorted by start, none longer than `longest` bytes) that overlap
/// `start..end`, found by binary search so that an article of many hits stays linear.
fn overlapping(cands: &[Candidate], longest: usize, start: usize, end: usize) -> impl Iterator<Item = usize> + '_ {
    let lo = cands.partition_point(|c| c.start.saturating_add(longest) <= start);
    let hi = cands.partition_point(|c| c.start < end).max(lo);
    (lo..hi).filter(move |&k| cands[k].end > start)
}

/// Removes the candidates marked in `dropped` (indexed as `cands`).
fn drop_marked(cands: &mut Vec<Candidate>, dropped: &[bool]) {
    let mut k = 0;
    cands.retain(|_| {
        let keep = !dropped.get(k).copied().unwrap_or(false);
        k += 1;
        keep
    });
}

/// Last words that make a name a company's full name ("Newmont Mining Corp"): legal forms and
/// "Group"/"Holdings". Hand-written; the organisation heads of `data/lexicon.tsv` are wider
/// ("Times", "Party") and their leading words are often a place ("Washington Post").
const COMPANY_ENDS: &[&str] = &["Co", "Corp", "Corporation", "Inc", "Incorporated", "Ltd", "Limited", "Plc", "PLC", "plc", "LLC", "AG", "GmbH", "SA", "NV", "Group", "Holdings", "Bancorp"];

/// A company named in full ("Newmont Mining Corp", "Santa Fe Pacific Gold Corp") is named later
/// in the article by its leading words ("Newmont", "Santa Fe"): mentions equal to such leading
/// words become the company, whatever they were typed, unless they are a country, capital,
/// region or city of a million people (still the place, "New York" of "New York Times Co"), a
/// demonym, or one common word. Leading words two companies share are left alone.
fn company_short_forms(body: &str, cands: &mut [Candidate], lx: &Lexicon) {
    let mut short: HashMap<String, Option<String>> = HashMap::new();
    for c in cands.iter().filter(|c| c.kind == Some(EntityKind::Organization) && c.words >= 2) {
        let name = normalize_space(body.get(c.start..c.end).unwrap_or(""));
        let words: Vec<&str> = name.split(' ').collect();
        if !words.last().is_some_and(|w| COMPANY_ENDS.contains(&w.trim_end_matches('.'))) {
            continue;
        }
        let canonical = c.canonical.clone().unwrap_or_else(|| name.clone());
        let mut end = 0;
        for (k, w) in words.iter().enumerate().take(words.len() - 1) {
            end += w.len() + usize::from(k > 0);
            let prefix = &name[..end];
            if k == 0 && !starts_upper(w) {
                break;
            }
            // A connector ends no short form ("Bank of"); one common word is none ("General" of
            // "General Mining Corp", whose "General Mining" still is).
            if !starts_upper(w) || lx.connectors.contains(*w) || (k == 0 && with_lower(w, |l| lx.common.contains(l) || lx.stops.contains(*w) || lx.weak.contains(*w))) {
                continue;
            }
            let key = name_key(prefix);
            if lx.major_places.contains(&key) || lx.demonym(prefix).is_some() {
                continue;
            }
            match short.get_mut(&key) {
                Some(v) if v.as_deref() != Some(canonical.as_str()) => *v = None,
                Some(_) => {}
                None => {
                    short.insert(key, Some(canonical.clone()));
                }
            }
        }
    }
    if short.is_empty() {
        return;
    }
    for c in cands.iter_mut() {
        let t = body.get(c.start..c.end).unwrap_or("");
        let t = t.strip_suffix("'s").or_else(|| t.strip_suffix("’s")).unwrap_or(t);
        if let Some(Some(full)) = with_name_key(t, |k| short.get(k)) {
            c.kind = Some(EntityKind::Organization);
            c.canonical = Some(full.clone());
        }
    }
}

/// "NEW YORK" → "New York".
fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphanumeric() && c != '\'' && c != '’';
    }
    out
}

/// Whether `short`, in parentheses after candidate `long`, is its acronym: its letters occur in
/// order in the name, the first at the start of a word ("ICC" of "International Criminal Court",
/// Schwartz & Hearst 2003), or, for a name that is no person, it is no other name the gazetteer
/// knows (acronyms of names in another language: "MSF"). Not "(U.S.)" after "Jim Moran".
fn acronym_of(short: &str, long: &Candidate, body: &str, lx: &Lexicon) -> bool {
    acronym_letters_in_order(short, body.get(long.start..long.end).unwrap_or("")) || long.kind != Some(EntityKind::Person) && lx.lookup(short).is_none()
}

/// The letters and digits of `short` occur in `long` in order, the first at a word's start
/// (case-insensitive; searched from the end, as Schwartz & Hearst do).
fn acronym_letters_in_order(short: &str, long: &str) -> bool {
    let letters: Vec<char> = short.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    let name: Vec<char> = long.chars().flat_map(char::to_lowercase).collect();
    let mut j = name.len();
    'letters: for (k, &c) in letters.iter().enumerate().rev() {
        while j > 0 {
            j -= 1;
            let word_start = j == 0 || !name[j - 1].is_alphanumeric();
            if name[j] == c && (k > 0 || word_start) {
                continue 'letters;
            }
        }
        return false;
    }
    !letters.is_empty()
}

/// Article-level resolution of candidates: acronyms in parentheses, national parties,
/// short forms of person names, leftover single words.
fn resolve_in_article(body: &str, sents: &[Vec<Tok>], cands: &mut Vec<Candidate>, lx: &Lexicon) {
    let tok_text = |s: usize, i: usize| sents.get(s).and_then(|t| t.get(i)).map_or("", |t| text(body, t));

    // Acronym in parentheses after a name: "International Criminal Court (ICC)".
    let mut acronyms: HashMap<String, (String, Option<EntityKind>)> = HashMap::new();
    for i in 1..cands.len() {
        let (prev, cur) = (&cands[i - 1], &cands[i]);
        if prev.sentence == cur.sentence
            && prev.words >= 2
            && cur.words == 1
            && cur.tok_start == prev.tok_end + 1
            && tok_text(cur.sentence, prev.tok_end) == "("
            && tok_text(cur.sentence, cur.tok_end) == ")"
            && is_all_caps(body.get(cur.start..cur.end).unwrap_or(""))
            && acronym_of(body.get(cur.start..cur.end).unwrap_or(""), prev, body, lx)
        {
            let canonical = prev.canonical.clone().unwrap_or_else(|| normalize_space(body.get(prev.start..prev.end).unwrap_or("")));
            let kind = prev.kind.or(Some(EntityKind::Organization));
            acronyms.insert(body.get(cur.start..cur.end).unwrap_or("").to_string(), (canonical, kind));
        }
    }
    for c in cands.iter_mut() {
        if c.words == 1 {
            if let Some((canonical, kind)) = acronyms.get(body.get(c.start..c.end).unwrap_or("")) {
                c.canonical = Some(canonical.clone());
                c.kind = *kind;
            }
        }
    }

    // National parties: "Vietnam Communist Party", "Vietnamese Communist Party",
    // "Vietnam's Communist Party" → "Communist Party of Vietnam".
    let country_of = |s: &str| -> Option<String> {
        if let Some(d) = lx.demonym(s) {
            return Some(d.country.clone());
        }
        lx.country(s).map(|e| e.canonical.clone())
    };
    for i in 0..cands.len() {
        let c = &cands[i];
        if c.kind != Some(EntityKind::Organization) || tok_text(c.sentence, c.tok_end.saturating_sub(1)) != "Party" || c.canonical.is_some() {
            continue;
        }
        let mut qualified = None;
        for k in 1..=3.min(c.tok_end - c.tok_start - 1) {
            let Some(st) = sents.get(c.sentence) else { continue };
            let (Some(x), Some(y)) = (st.get(c.tok_start), st.get(c.tok_start + k - 1)) else { continue };
            if let Some(country) = body.get(x.start..y.end).and_then(country_of) {
                let rest_start = st.get(c.tok_start + k).map_or(c.end, |t| t.start);
                let rest = body.get(rest_start..c.end).unwrap_or("");
                qualified = Some(format!("{} of {}", normalize_space(rest), country));
            }
        }
        if qualified.is_none() && c.tok_start >= 2 && sents.get(c.sentence).and_then(|t| t.get(c.tok_start - 1)).is_some_and(|t| t.kind == TokKind::Possessive) {
            // "Vietnam's Communist Party"
            if let Some(prev) = cands[..i].iter().rev().find(|p| p.sentence == c.sentence && p.tok_end == c.tok_start - 1) {
                let name = prev.canonical.clone().unwrap_or_default();
                if lx.country_demonym.contains_key(&name_key(&name)) {
                    qualified = Some(format!("{} of {}", normalize_space(body.get(c.start..c.end).unwrap_or("")), name));
                }
            }
        }
        if let Some(q) = qualified {
            cands[i].canonical = Some(q);
        }
    }
    // A bare "Communist Party" in an article that names exactly one qualified one.
    let qualified: Vec<String> = cands.iter().filter_map(|c| c.canonical.clone()).filter(|q| q.contains(" Party of ")).collect();
    for c in cands.iter_mut() {
        if !qualified.is_empty() && c.kind == Some(EntityKind::Organization) && c.canonical.is_none() {
            let bare = normalize_space(body.get(c.start..c.end).unwrap_or(""));
            let prefix = format!("{bare} of ");
            let hits: HashSet<&String> = qualified.iter().filter(|q| q.starts_with(&prefix)).collect();
            if hits.len() == 1 {
                c.canonical = hits.into_iter().next().cloned();
            }
        }
    }

    // Short forms: "Trong", "Putin", "Carl" → the full person name in the article.
    let mut by_last: HashMap<String, Vec<(usize, String)>> = HashMap::new();
    let mut by_first: HashMap<String, Vec<(usize, String)>> = HashMap::new();
    for c in cands.iter().filter(|c| c.kind == Some(EntityKind::Person) && c.words >= 2) {
        let name = c.canonical.clone().unwrap_or_else(|| normalize_space(body.get(c.start..c.end).unwrap_or("")));
        let words: Vec<String> = name.split_whitespace().map(name_key).collect();
        if let (Some(first), Some(last)) = (words.first(), words.last()) {
            by_last.entry(last.clone()).or_default().push((c.start, name.clone()));
            by_first.entry(first.clone()).or_default().push((c.start, name.clone()));
        }
    }
    let nearest = |list: Option<&Vec<(usize, String)>>, at: usize| -> Option<String> {
        list?.iter()
            .take(64)
            .min_by_key(|(start, _)| if *start <= at { at - start } else { usize::MAX / 2 + start - at })
            .map(|(_, name)| name.clone())
    };
    for c in cands.iter_mut() {
        if c.words != 1 || c.from_gazetteer || matches!(c.kind, Some(EntityKind::Organization) | Some(EntityKind::Location)) && c.canonical.is_some() {
            continue;
        }
        let full = with_name_key(body.get(c.start..c.end).unwrap_or(""), |key| nearest(by_last.get(key), c.start).or_else(|| nearest(by_first.get(key), c.start)));
        if let Some(full) = full {
            c.canonical = Some(full);
            c.kind = Some(EntityKind::Person);
            c.weak = false;
        }
    }
    // Leftovers: unknown single words are kept as `other` unless they only start a sentence.
    cands.retain(|c| !(c.weak && c.kind.is_none()));
    for c in cands.iter_mut() {
        if c.kind.is_none() {
            c.kind = Some(EntityKind::Other);
        }
    }
    cands.retain(|c| c.start < c.end);
}

#[cfg(test)]
mod tests;
