//! Per-event briefs: title, place, types, main entities, a multi-source summary where
//! every sentence names all its sources, the facts only one source reports, and the
//! discrepancies between sources. Every claim keeps the source sentences behind it.
//!
//! Claims are groups of sentences from different articles that say the same thing
//! (cosine of their terms, with entity mentions replaced by canonical entities).

pub mod kinds;

use std::collections::{BTreeMap, HashMap, HashSet};

use jiff::civil::Date;
use storyline_cluster::features::{DenseVector, DocumentFrequencies, Piece, SparseVector, Terms, Vocabulary, content_terms, for_each_content_term, for_each_term_with_entities};
use storyline_analyze::entities::{gazetteer_lookup, is_country};
use storyline_model::{AnalyzedArticle, EntityKind, LEAD_SENTENCES, Span, TimeExpr, TimexType};

/// Sentences at least this similar report the same claim (see [`claim_similarity`]).
const SAME_CLAIM: f64 = 0.3;
/// How much a short sentence contained in a longer one counts against their cosine: with
/// `SAME_CLAIM` 0.3, at least 60 % of the shorter sentence's weight must be shared.
const CONTAINMENT_WEIGHT: f64 = 0.5;
/// Sentences shorter than this (content words) are not claims.
const MIN_CLAIM_TERMS: usize = 5;
const SUMMARY_MIN: usize = 3;
const SUMMARY_MAX: usize = 8;
const FACTS_MAX: usize = 8;
/// Sources that disagree on the event's date by more than this are about different things.
const MAX_DATE_DISAGREEMENT_DAYS: i64 = 7;
/// Two sentences that count the same thing differently are a discrepancy only when they are
/// at least this similar otherwise (nearly the same sentence, not merely the same claim:
/// "20 people were killed" and "40 people were injured" share much but disagree on nothing).
const SAME_STATEMENT: f64 = 0.5;
/// Number discrepancies kept per event, those with the most sources first.
const NUMBER_DISCREPANCIES_MAX: usize = 4;

/// A sentence with every source that reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub text: String,
    /// Article indices (into the corpus), each once.
    pub sources: Vec<usize>,
    /// The sentence behind the claim in each source.
    pub evidence: Vec<(usize, Span)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DiscrepancyValue {
    pub value: String,
    pub article: usize,
    pub quote: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Discrepancy {
    pub about: String,
    pub values: Vec<DiscrepancyValue>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Brief {
    pub title: String,
    pub place: Option<String>,
    pub kind: Vec<String>,
    /// Canonical names by type, most reported first.
    pub entities: BTreeMap<EntityKind, Vec<String>>,
    pub summary: Vec<Claim>,
    pub facts: Vec<Claim>,
    pub discrepancies: Vec<Discrepancy>,
}

struct Sentence {
    article: usize,
    /// Position of the sentence in its article.
    position: usize,
    span: Span,
    vector: SparseVector,
    /// `vector`'s weight sum, for [`claim_similarity`].
    weight_sum: f64,
    has_specifics: bool,
    /// Values of the dates and times the sentence names.
    times: Vec<String>,
    /// The quantities it states.
    amounts: Vec<Amount>,
}

/// A count in a sentence.
#[derive(Debug, Clone, PartialEq)]
struct Amount {
    /// What it counts, lower-cased ("people", "$").
    unit: String,
    value: f64,
    /// Its place among its article's quantities.
    quantity: usize,
}

/// The brief of the event made of `members` (indices into `articles`). `original_of[a]` is
/// the article that `a` copies (syndication), if any: a copy and its original count as one
/// source when claims are weighed.
pub fn brief(members: &[usize], articles: &[AnalyzedArticle], original_of: &[Option<usize>]) -> Brief {
    let mut vocabulary = Vocabulary::default();
    let sentences = claim_sentences(members, articles, &mut vocabulary);
    let centroid = SparseVector::sum(sentences.iter().map(|s| &s.vector));
    let mut dense_centroid = DenseVector::default();
    dense_centroid.load(&centroid);
    // Each sentence's cosine to the centroid. A sentence shares all its terms with the
    // centroid, so the dense product is the sparse one, bit for bit.
    let centrality: Vec<f64> = sentences.iter().map(|s| dense_centroid.cosine(&s.vector)).collect();
    let (groups, conflicts) = group_claims(&sentences);
    let kind = event_kinds(members, articles);
    let origin = |a: usize| original_of.get(a).copied().flatten().unwrap_or(a);
    let independent = |g: &[usize]| {
        let mut origins: Vec<usize> = g.iter().map(|&m| origin(sentences[m].article)).collect();
        origins.sort_unstable();
        origins.dedup();
        origins.len()
    };
    let (summary, facts) = select_claims(&groups, &sentences, &centrality, articles, &independent);
    Brief {
        title: title(members, articles, &centroid, &dense_centroid, &mut vocabulary),
        place: place(members, articles),
        entities: entities(members, articles),
        discrepancies: {
            let mut found = date_discrepancies(members, articles, kind.first().map(String::as_str));
            found.extend(number_discrepancies(&conflicts, &sentences, articles, &origin));
            found
        },
        kind,
        summary,
        facts,
    }
}

fn claim_sentences(members: &[usize], articles: &[AnalyzedArticle], vocabulary: &mut Vocabulary) -> Vec<Sentence> {
    let mut raw = Vec::new();
    let mut terms = Terms::default();
    for &a in members {
        let Some(article) = articles.get(a) else { continue };
        let body = &article.article.body;
        for (position, span) in article.analysis.sentences.iter().enumerate() {
            terms.clear();
            let mut names_entity = false;
            for_each_term_with_entities(body, *span, &article.analysis.mentions, |piece| match piece {
                Piece::Term(t) => terms.push(t),
                Piece::Entity(m) => {
                    names_entity = true;
                    terms.push_entity(m);
                }
            });
            if terms.len() < MIN_CLAIM_TERMS || span.slice(body).ends_with('?') {
                continue;
            }
            let has_specifics = names_entity
                || article.analysis.quantities.iter().any(|q| span.contains(q.span))
                || article.analysis.times.iter().any(|t| span.contains(t.span));
            let times = article.analysis.times.iter().filter(|t| span.contains(t.span) && is_calendar_time(t)).map(|t| t.value.clone()).collect();
            let amounts = article
                .analysis
                .quantities
                .iter()
                .enumerate()
                .filter(|(_, q)| span.contains(q.span) && !q.unit.is_empty())
                .map(|(quantity, q)| Amount { unit: q.unit.to_lowercase(), value: q.value, quantity })
                .collect();
            raw.push((a, position, *span, vocabulary.ids_of(&terms), has_specifics, times, amounts));
        }
    }
    let mut df = DocumentFrequencies::default();
    raw.iter().for_each(|r| df.add(&r.3));
    raw.into_iter()
        .map(|(article, position, span, terms, has_specifics, times, amounts)| {
            let vector = SparseVector::tfidf(&terms, &df);
            Sentence { article, position, span, weight_sum: vector.weight_sum(), vector, has_specifics, times, amounts }
        })
        .collect()
}

/// Groups sentences of different articles that say the same thing. Greedy and
/// deterministic: each sentence joins the group with its most similar sentence, among the
/// groups whose every sentence it is [`compatible`] with. Also returns the pairs of
/// sentences of different articles that are [`SAME_STATEMENT`]-similar but count something
/// differently (earlier sentence first): the number discrepancies.
/// A pair reaches `SAME_CLAIM` only through a cosine of at least `SAME_CLAIM`, so sharing a
/// term of either's cosine prefix, or a containment of at least `SAME_CLAIM /
/// CONTAINMENT_WEIGHT`, so sharing a term of the shorter one's containment prefix
/// ([`SparseVector::cosine_prefix`], [`SparseVector::containment_prefix`]). So each sentence
/// looks up the sentences seen so far by its own prefixes' terms in an index of all their
/// terms, and by all its terms in an index of their containment prefixes: every sentence that
/// can reach `SAME_CLAIM` is found without comparing the pairs that share only light terms.
fn group_claims(sentences: &[Sentence]) -> (Vec<Vec<usize>>, Vec<(usize, usize)>) {
    // Bounds a little below the thresholds: rounding must not hide a pair.
    const SLACK: f64 = 1e-9;
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of: Vec<usize> = Vec::with_capacity(sentences.len());
    let vocabulary_size = sentences.iter().flat_map(|s| s.vector.terms()).max().map_or(0, |t| t as usize + 1);
    let mut postings: Vec<Vec<usize>> = vec![Vec::new(); vocabulary_size];
    let mut prefix_postings: Vec<Vec<usize>> = vec![Vec::new(); vocabulary_size];
    // The last sentence that compared itself with each sentence, so each pair is scored once.
    let mut compared_by = vec![usize::MAX; sentences.len()];
    // Per group: the last sentence that reached it and its best similarity to that sentence.
    let mut best_in_group: Vec<(usize, f64)> = Vec::new();
    let mut reached: Vec<usize> = Vec::new();
    let mut conflicts: Vec<(usize, usize)> = Vec::new();
    let mut held = DenseVector::default();
    for (i, s) in sentences.iter().enumerate() {
        reached.clear();
        held.load(&s.vector);
        let containment_prefix = s.vector.containment_prefix(SAME_CLAIM / CONTAINMENT_WEIGHT - SLACK);
        let cosine_prefix = s.vector.cosine_prefix(SAME_CLAIM - SLACK);
        // Both run down the same heaviest-first order (or the containment one is every term):
        // the longer holds the other.
        let prefix = if cosine_prefix.len() >= containment_prefix.len() { &cosine_prefix } else { &containment_prefix };
        let lookups = prefix.iter().map(|&t| &postings[t as usize]).chain(s.vector.terms().map(|t| &prefix_postings[t as usize]));
        for posting in lookups {
            for &m in posting {
                if compared_by[m] == i {
                    continue;
                }
                compared_by[m] = i;
                let (cosine, containment) = held.cosine_and_containment(&sentences[m].vector, (sentences[m].weight_sum, s.weight_sum));
                let similarity = claim_similarity(cosine, containment);
                if similarity < SAME_CLAIM {
                    continue;
                }
                let other = &sentences[m];
                if cosine >= SAME_STATEMENT && other.article != s.article && times_compatible(&other.times, &s.times) && !amounts_compatible(&other.amounts, &s.amounts) {
                    conflicts.push((m, i));
                }
                let best = &mut best_in_group[group_of[m]];
                if best.0 == i {
                    best.1 = best.1.max(similarity);
                } else {
                    *best = (i, similarity);
                    reached.push(group_of[m]);
                }
            }
        }
        let joinable = |g: &[usize]| g.iter().all(|&m| compatible(&sentences[m], s));
        let best = reached
            .iter()
            .filter(|&&gi| joinable(&groups[gi]))
            .map(|&gi| (gi, best_in_group[gi].1))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        let gi = match best {
            Some((gi, _)) => gi,
            None => {
                groups.push(Vec::new());
                best_in_group.push((usize::MAX, 0.0));
                groups.len() - 1
            }
        };
        groups[gi].push(i);
        group_of.push(gi);
        s.vector.terms().for_each(|t| postings[t as usize].push(i));
        containment_prefix.iter().for_each(|&t| prefix_postings[t as usize].push(i));
    }
    conflicts.sort_unstable();
    (groups, conflicts)
}

/// Whether two sentences can be one claim: from different articles, naming no times and no
/// counts that disagree.
fn compatible(a: &Sentence, b: &Sentence) -> bool {
    a.article != b.article && times_compatible(&a.times, &b.times) && amounts_compatible(&a.amounts, &b.amounts)
}

/// Sentences that both count the same thing tell the same thing only if some of their
/// counts agree ("24 people" and "at least 24 people", not "24 people" and "37 people").
fn amounts_compatible(a: &[Amount], b: &[Amount]) -> bool {
    a.iter().all(|x| !disagree_on(a, b, &x.unit))
}

/// Whether both count `unit` and no count of one equals a count of the other.
fn disagree_on(a: &[Amount], b: &[Amount], unit: &str) -> bool {
    let counts = |x: &[Amount]| x.iter().filter(|c| c.unit == unit).map(|c| c.value).collect::<Vec<f64>>();
    let (ours, theirs) = (counts(a), counts(b));
    !ours.is_empty() && !theirs.is_empty() && !ours.iter().any(|v| theirs.iter().any(|w| same_amount(*v, *w)))
}

fn same_amount(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// A count as a source states it: the number (no trailing zeros) after its qualifier.
fn stated_amount(value: f64, modifier: Option<&str>) -> String {
    let number = if value.fract() == 0.0 && value.abs() < 1e15 { format!("{value:.0}") } else { format!("{value}") };
    match modifier {
        Some(m) => format!("{m} {number}"),
        None => number,
    }
}

/// The only count of `unit` in `s`, if it states one.
fn single_count<'s>(s: &'s Sentence, unit: &str) -> Option<&'s Amount> {
    let mut of_unit = s.amounts.iter().filter(|c| c.unit == unit);
    of_unit.next().filter(|_| of_unit.next().is_none())
}

/// Where nearly the same sentence counts the same thing differently in independent sources
/// (`conflicts` from [`group_claims`]): one discrepancy per thing counted, with each source's
/// count and sentence.
fn number_discrepancies(conflicts: &[(usize, usize)], sentences: &[Sentence], articles: &[AnalyzedArticle], origin: &dyn Fn(usize) -> usize) -> Vec<Discrepancy> {
    let article_of = |s: &Sentence| &articles[s.article];
    let quote = |s: &Sentence| s.span.slice(&article_of(s).article.body).to_string();
    let names = |s: &Sentence| -> Vec<&str> {
        let mut names: Vec<&str> = article_of(s).analysis.mentions.iter().filter(|m| s.span.contains(m.span) && !m.nominal).map(|m| m.canonical.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        names
    };
    // The content word (stemmed) before a count in its sentence ("kill" in "killed 24 people").
    let word_before = |s: &Sentence, count: &Amount| {
        let q = &article_of(s).analysis.quantities[count.quantity];
        article_of(s).article.body.get(s.span.start..q.span.start).map(content_terms).and_then(|t| t.last().cloned()).unwrap_or_default()
    };
    let stated = |s: &Sentence, count: &Amount| {
        let q = &article_of(s).analysis.quantities[count.quantity];
        stated_amount(q.value, q.modifier.as_deref())
    };
    let mut by_unit: BTreeMap<&str, Vec<DiscrepancyValue>> = BTreeMap::new();
    for &(m, i) in conflicts {
        let (a, b) = (&sentences[m], &sentences[i]);
        if origin(a.article) == origin(b.article) {
            continue;
        }
        // About the same someone or something: a shared name.
        let theirs = names(b);
        if !names(a).iter().any(|n| theirs.binary_search(n).is_ok()) {
            continue;
        }
        // One count of the thing in each sentence, after the same word ("killed 24 people",
        // "killed at least 37 people"): a sentence listing several (a player's statistics)
        // states no single figure to disagree on.
        for x in &a.amounts {
            let (Some(ours), Some(theirs)) = (single_count(a, &x.unit), single_count(b, &x.unit)) else { continue };
            if same_amount(ours.value, theirs.value) {
                continue;
            }
            let context = word_before(a, ours);
            if context.is_empty() || context != word_before(b, theirs) {
                continue;
            }
            let values = by_unit.entry(x.unit.as_str()).or_default();
            for (s, count) in [(a, ours), (b, theirs)] {
                if !values.iter().any(|v| v.article == s.article) {
                    values.push(DiscrepancyValue { value: stated(s, count), article: s.article, quote: quote(s) });
                }
            }
        }
    }
    let mut found: Vec<Discrepancy> = by_unit
        .into_iter()
        .map(|(unit, mut values)| {
            values.sort_by_key(|v| v.article);
            let about = if unit.chars().any(char::is_alphabetic) { format!("the number of {unit}") } else { format!("the amount in {unit}") };
            Discrepancy { about, values }
        })
        .collect();
    found.sort_by(|a, b| b.values.len().cmp(&a.values.len()).then_with(|| a.about.cmp(&b.about)));
    found.truncate(NUMBER_DISCREPANCIES_MAX);
    found
}

/// The similarity of two sentences from their cosine and the containment of the shorter in
/// the longer (a terse source and a wordy one telling the same thing): whichever is higher.
fn claim_similarity(cosine: f64, containment: f64) -> f64 {
    cosine.max(CONTAINMENT_WEIGHT * containment)
}

/// Whether a time places a sentence on the calendar: a date or time with a value, not a
/// duration, a set ("every Monday") or a reference without one ("now", "recently").
fn is_calendar_time(t: &TimeExpr) -> bool {
    matches!(t.kind, TimexType::Date | TimexType::Time) && !t.value.ends_with("_REF")
}

/// Sentences that both name times tell the same thing only if some of those times agree
/// (one value is a prefix of the other: "2024-03" and "2024-03-26").
fn times_compatible(a: &[String], b: &[String]) -> bool {
    a.is_empty() || b.is_empty() || a.iter().any(|x| b.iter().any(|y| x.starts_with(y.as_str()) || y.starts_with(x.as_str())))
}

/// The summary (claims of several independent sources first) and the single-source facts.
/// `independent` counts a group's independent sources.
fn select_claims(
    groups: &[Vec<usize>],
    sentences: &[Sentence],
    centrality: &[f64],
    articles: &[AnalyzedArticle],
    independent: &dyn Fn(&[usize]) -> usize,
) -> (Vec<Claim>, Vec<Claim>) {
    let independent: Vec<usize> = groups.iter().map(|g| independent(g)).collect();
    let group_centrality: Vec<f64> = groups.iter().map(|g| g.iter().map(|&m| centrality[m]).fold(0.0, f64::max)).collect();
    let lead = |g: &[usize]| g.iter().any(|&m| sentences[m].position < LEAD_SENTENCES);
    let mut ranked: Vec<(f64, usize)> = groups
        .iter()
        .enumerate()
        .map(|(gi, g)| (independent[gi] as f64 + group_centrality[gi] + if lead(g) { 0.5 } else { 0.0 }, gi))
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut chosen: Vec<usize> = ranked.iter().filter(|(_, gi)| independent[*gi] > 1).map(|(_, gi)| *gi).take(SUMMARY_MAX).collect();
    for (_, gi) in &ranked {
        if chosen.len() >= SUMMARY_MIN {
            break;
        }
        if !chosen.contains(gi) {
            chosen.push(*gi);
        }
    }
    // Summary in reading order: by the earliest position any source gives the claim.
    chosen.sort_by_key(|&gi| (groups[gi].iter().map(|&m| sentences[m].position).min(), gi));
    let summary = chosen.iter().map(|&gi| claim(&groups[gi], sentences, centrality, articles)).collect();
    let mut facts: Vec<(f64, usize)> = groups
        .iter()
        .enumerate()
        .filter(|(gi, g)| independent[*gi] == 1 && !chosen.contains(gi) && sentences[g[0]].has_specifics)
        .map(|(gi, _)| (group_centrality[gi], gi))
        .collect();
    facts.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let facts = facts.into_iter().take(FACTS_MAX).map(|(_, gi)| claim(&groups[gi], sentences, centrality, articles)).collect();
    (summary, facts)
}

/// `centrality` holds each sentence's cosine to the event's centroid.
fn claim(group: &[usize], sentences: &[Sentence], centrality: &[f64], articles: &[AnalyzedArticle]) -> Claim {
    let representative = group
        .iter()
        .copied()
        .max_by(|&a, &b| centrality[a].total_cmp(&centrality[b]).then(b.cmp(&a)))
        .unwrap_or(group[0]);
    let text_of = |m: usize| sentences[m].span.slice(&articles[sentences[m].article].article.body).to_string();
    let mut evidence: Vec<(usize, Span)> = group.iter().map(|&m| (sentences[m].article, sentences[m].span)).collect();
    evidence.sort();
    Claim { text: text_of(representative), sources: evidence.iter().map(|e| e.0).collect(), evidence }
}

/// The member title closest to the event's content; else the first member's headline.
/// `dense_centroid` holds `centroid`, for fast products.
fn title(members: &[usize], articles: &[AnalyzedArticle], centroid: &SparseVector, dense_centroid: &DenseVector, vocabulary: &mut Vocabulary) -> String {
    let df = DocumentFrequencies::default();
    // The dense product equals the sparse one unless the title shares no term with the
    // centroid: then the sparse cosine gives the signed zero that the ranking has always seen.
    let closeness = |v: SparseVector| match dense_centroid.cosine(&v) {
        0.0 => v.cosine(centroid),
        c => c,
    };
    members
        .iter()
        .filter_map(|&m| articles.get(m))
        .filter_map(|a| a.article.title.as_ref())
        .map(|t| (closeness(SparseVector::tfidf(&vocabulary.ids(&content_terms(t)), &df)), t))
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(a.1)))
        .map(|(_, t)| t.clone())
        .or_else(|| members.first().and_then(|&m| articles.get(m)).map(|a| a.article.headline.clone()))
        .unwrap_or_default()
}

/// The datelines' place when sources give one; else the location most named in leads.
fn place(members: &[usize], articles: &[AnalyzedArticle]) -> Option<String> {
    let mut counts: HashMap<String, (usize, usize)> = HashMap::new();
    for (order, a) in members.iter().filter_map(|&m| articles.get(m)).enumerate() {
        if let Some(dateline) = &a.article.dateline {
            let name = a
                .analysis
                .mentions
                .iter()
                .find(|m| m.kind == EntityKind::Location && m.text.eq_ignore_ascii_case(dateline))
                .map_or_else(|| title_case(dateline), |m| m.canonical.clone());
            counts.entry(name).or_insert((0, order)).0 += 10;
        }
        let lead_end = a.lead_end();
        for m in a.analysis.mentions.iter().filter(|m| m.kind == EntityKind::Location && m.span.end <= lead_end) {
            let weight = if located_at(&a.article.body, m.span.start) { 2 } else { 1 };
            counts.entry(m.canonical.clone()).or_insert((0, order)).0 += weight;
        }
    }
    // Most weight; then a city or region over a country (the more precise place); then the
    // earliest member's; then by name.
    let key = |(name, (weight, order)): &(String, (usize, usize))| (*weight, !is_country(name), std::cmp::Reverse(*order), std::cmp::Reverse(name.clone()));
    counts.into_iter().max_by_key(key).map(|(name, _)| name)
}

/// Whether the place named at `start` is where something happens: right after "in" or "at"
/// ("arrived in Hanoi", "at Hanoi's airport"), not "from", "to" or "with" (another trip's places).
fn located_at(body: &str, start: usize) -> bool {
    let before = body.get(..start).unwrap_or("").trim_end();
    let word = before.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    word.eq_ignore_ascii_case("in") || word.eq_ignore_ascii_case("at")
}

fn title_case(word: &str) -> String {
    let lower = word.to_lowercase();
    let mut chars = lower.chars();
    chars.next().map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

/// Canonical names by type, ranked by how many articles name them, then mentions.
/// Agencies credited by the articles count as organizations.
fn entities(members: &[usize], articles: &[AnalyzedArticle]) -> BTreeMap<EntityKind, Vec<String>> {
    let mut stats: HashMap<(EntityKind, &str), (usize, usize)> = HashMap::new();
    let mut seen = HashSet::new();
    for a in members.iter().filter_map(|&m| articles.get(m)) {
        seen.clear();
        let named = a.analysis.mentions.iter().map(|m| (m.kind, m.canonical.as_str()));
        // Under the name the text's mentions of the agency resolve to ("AP" → "Associated Press").
        let credited = a.article.credits.iter().map(|c| (EntityKind::Organization, gazetteer_lookup(c).map_or(c.as_str(), |(name, _)| name)));
        for key in named.chain(credited) {
            let entry = stats.entry(key).or_default();
            entry.1 += 1;
            if seen.insert(key) {
                entry.0 += 1;
            }
        }
    }
    let mut ranked: Vec<_> = stats.into_iter().collect();
    ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut out: BTreeMap<EntityKind, Vec<String>> = BTreeMap::new();
    for ((kind, name), _) in ranked {
        out.entry(kind).or_default().push(name.to_string());
    }
    out
}

fn event_kinds(members: &[usize], articles: &[AnalyzedArticle]) -> Vec<String> {
    let mut counts = kinds::TriggerCounts::default();
    for a in members.iter().filter_map(|&m| articles.get(m)) {
        for_each_content_term(&a.article.headline, |t| counts.add(kinds::Part::Headline, t));
        for (i, s) in a.analysis.sentences.iter().enumerate() {
            let part = if i < LEAD_SENTENCES { kinds::Part::Lead } else { kinds::Part::Body };
            for_each_content_term(s.slice(&a.article.body), |t| counts.add(part, t));
        }
    }
    counts.kinds()
}

/// The date each source gives its news in its lead: the first day-level date of its first
/// sentences, as the source states it (a weekday contradicting its date keeps the date).
fn lead_date(article: &AnalyzedArticle) -> Option<(Date, String)> {
    let lead_end = article.lead_end();
    let time = article.analysis.times.iter().find(|t| t.span.end <= lead_end && t.kind == TimexType::Date && t.day().is_some())?;
    let stated = time.stated.as_deref().and_then(|s| s.get(..10)).and_then(|s| s.parse().ok());
    let date = stated.or_else(|| time.day())?;
    let sentence = article.analysis.sentences.iter().find(|s| s.contains(time.span)).map_or(time.text.clone(), |s| s.slice(&article.article.body).to_string());
    Some((date, sentence))
}

/// Sources whose leads date the news differently (within a week of each other).
fn date_discrepancies(members: &[usize], articles: &[AnalyzedArticle], kind: Option<&str>) -> Vec<Discrepancy> {
    let claims: Vec<(usize, Date, String)> =
        members.iter().filter_map(|&m| articles.get(m).and_then(lead_date).map(|(d, q)| (m, d, q))).collect();
    let (Some(min), Some(max)) = (claims.iter().map(|c| c.1).min(), claims.iter().map(|c| c.1).max()) else { return Vec::new() };
    if min == max || (max - min).get_days() as i64 > MAX_DATE_DISAGREEMENT_DAYS {
        return Vec::new();
    }
    let about = match kind {
        Some(kind) => format!("the date of the {kind}"),
        None => "the date of the event".to_string(),
    };
    let values = claims.into_iter().map(|(article, date, quote)| DiscrepancyValue { value: date.to_string(), article, quote }).collect();
    vec![Discrepancy { about, values }]
}

#[cfg(test)]
mod tests;
