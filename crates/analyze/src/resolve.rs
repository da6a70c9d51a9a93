//! Corpus-wide entity resolution: one canonical name (and one kind) per real-world entity
//! across all articles.
//!
//! Mentions are grouped by a diacritics-, case- and punctuation-insensitive key of their
//! within-article canonical name ("Tô Lâm" = "To Lam", "U.S." = "US"), after gazetteer aliases
//! are mapped to the gazetteer's form ("Nato" → "NATO", "U.S." → "United States"). Groups are then
//! merged:
//! - a single word the gazetteer does not know and that is not mostly voted an organisation with
//!   the unique multi-word person in the corpus that starts or ends with that word ("Trong" →
//!   "Nguyen Phu Trong", "Putin" even where the tagger called it a place);
//! - an acronym with the unique multi-word organisation whose initials it is ("ICC");
//! - a person name with a known person name it ends with ("Prime Minster Pham Minh Chinh").
//!
//! The canonical name of a merged group is the gazetteer's form when there is one, else the
//! fullest well-formed name; the kind is a majority vote over its mentions.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use storyline_model::{AnalyzedArticle, EntityKind};

use crate::entities::gazetteer_lookup;
use crate::entities::lexicon::name_key;

fn kind_index(k: EntityKind) -> usize {
    match k {
        EntityKind::Person => 0,
        EntityKind::Organization => 1,
        EntityKind::Location => 2,
        EntityKind::Other => 3,
    }
}

/// Majority kind of weighted votes; `other` (also the kind of unknown words) counts half.
fn vote(counts: &[usize; 4]) -> EntityKind {
    let weights = [
        counts[0] as f64,
        counts[1] as f64,
        counts[2] as f64,
        if counts[..3].iter().all(|&c| c == 0) { counts[3] as f64 } else { counts[3] as f64 * 0.5 },
    ];
    let mut best = 0;
    for i in 1..4 {
        if weights[i] > weights[best] {
            best = i;
        }
    }
    EntityKind::ALL[best]
}

#[derive(Debug, Default)]
struct Group {
    /// Canonical names as written → number of mentions.
    forms: BTreeMap<String, usize>,
    kinds: [usize; 4],
    /// The gazetteer's canonical name and kind, if the gazetteer knows the name.
    gazetteer: Option<(String, EntityKind)>,
    /// Merged in as a longer, ill-formed variant of a known name.
    ill_formed: bool,
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], into: usize, from: usize) {
    let (a, b) = (find(parent, into), find(parent, from));
    if a != b {
        parent[b] = a;
    }
}

fn is_acronym(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphanumeric()).collect();
    letters.len() >= 2 && letters.len() <= 6 && !s.contains(' ') && letters.iter().all(|c| !c.is_lowercase())
}

/// Initials of the capitalised words of a name: "International Criminal Court" → "ICC".
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// Gives every mention across `articles` one canonical name per real-world entity.
pub fn resolve_corpus(articles: &mut [AnalyzedArticle]) {
    // 1. Gazetteer forms, then groups by key.
    let mut groups: Vec<Group> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut mention_group: Vec<Vec<usize>> = Vec::with_capacity(articles.len());
    for article in articles.iter_mut() {
        let mut ids = Vec::with_capacity(article.analysis.mentions.len());
        for m in article.analysis.mentions.iter_mut() {
            let mut gaz = None;
            if let Some((canonical, kind)) = gazetteer_lookup(&m.canonical) {
                if kind == m.kind || m.kind == EntityKind::Other {
                    m.canonical = canonical.to_string();
                    m.kind = kind;
                    gaz = Some((canonical.to_string(), kind));
                }
            }
            let key = name_key(&m.canonical);
            let id = *index.entry(key).or_insert_with(|| {
                groups.push(Group::default());
                groups.len() - 1
            });
            let g = &mut groups[id];
            *g.forms.entry(m.canonical.clone()).or_insert(0) += 1;
            g.kinds[kind_index(m.kind)] += 1;
            if gaz.is_some() {
                g.gazetteer = gaz;
            }
            ids.push(id);
        }
        mention_group.push(ids);
    }
    let keys: Vec<String> = {
        let mut k = vec![String::new(); groups.len()];
        for (key, &i) in &index {
            k[i] = key.clone();
        }
        k
    };
    let mut parent: Vec<usize> = (0..groups.len()).collect();
    let group_kind = |g: &Group| g.gazetteer.as_ref().map_or_else(|| vote(&g.kinds), |(_, k)| *k);

    // Multi-word persons, by their first and last words.
    let mut by_last: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_first: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, key) in keys.iter().enumerate() {
        if group_kind(&groups[i]) != EntityKind::Person || !key.contains(' ') {
            continue;
        }
        if let (Some(first), Some(last)) = (key.split(' ').next(), key.rsplit(' ').next()) {
            by_first.entry(first).or_default().push(i);
            by_last.entry(last).or_default().push(i);
        }
    }

    // 2. Single words → the unique multi-word person with that last (or first) word.
    for i in 0..groups.len() {
        let g = &groups[i];
        // A name the gazetteer does not know may be voted a place by the tagger ("Putin"), but
        // a single word mostly voted an organisation stays one ("Ford").
        if keys[i].contains(' ') || g.gazetteer.is_some() || g.kinds[1] > g.kinds[0] + g.kinds[2] + g.kinds[3] {
            continue;
        }
        if g.forms.keys().all(|f| is_acronym(f)) {
            continue;
        }
        let key = keys[i].as_str();
        let hits = by_last.get(key).filter(|h| !h.is_empty()).or_else(|| by_first.get(key));
        if let Some(&[p]) = hits.map(Vec::as_slice) {
            union(&mut parent, p, i);
        }
    }

    // 3. Acronyms → the unique multi-word organisation with those initials.
    let mut by_initials: HashMap<String, BTreeSet<usize>> = HashMap::new();
    for (j, g) in groups.iter().enumerate() {
        if keys[j].contains(' ') && group_kind(g) == EntityKind::Organization {
            for f in g.forms.keys() {
                by_initials.entry(initials(f)).or_default().insert(j);
            }
        }
    }
    for (i, g) in groups.iter().enumerate() {
        if g.gazetteer.is_some() || !g.forms.keys().all(|f| is_acronym(f)) {
            continue;
        }
        let Some(acr) = g.forms.keys().next().map(|f| f.replace('.', "")) else { continue };
        let Some(hits) = by_initials.get(&acr) else { continue };
        let roots: BTreeSet<usize> = hits.iter().map(|&j| find(&mut parent, j)).collect();
        if roots.len() == 1 {
            if let Some(&h) = roots.iter().next() {
                union(&mut parent, h, i);
            }
        }
    }

    // 4. Person names that end with another known person name.
    for i in 0..groups.len() {
        let words: Vec<&str> = keys[i].split(' ').collect();
        if words.len() < 3 || group_kind(&groups[i]) != EntityKind::Person {
            continue;
        }
        for cut in 1..=words.len() - 2 {
            let suffix = words[cut..].join(" ");
            if let Some(&j) = index.get(&suffix) {
                if group_kind(&groups[j]) == EntityKind::Person {
                    union(&mut parent, j, i);
                    groups[i].ill_formed = true;
                    break;
                }
            }
        }
    }

    // 5. Canonical name and kind per merged group.
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..groups.len() {
        members.entry(find(&mut parent, i)).or_default().push(i);
    }
    let mut canonical: Vec<String> = vec![String::new(); groups.len()];
    let mut kind: Vec<EntityKind> = vec![EntityKind::Other; groups.len()];
    for (root, ids) in &members {
        let gaz = ids.iter().find_map(|&i| groups[i].gazetteer.clone());
        let mut counts = [0usize; 4];
        for &i in ids {
            for (count, n) in counts.iter_mut().zip(groups[i].kinds) {
                *count += n;
            }
        }
        let (name, k) = match gaz {
            Some((name, k)) => (name, k),
            None => {
                let mut best: Option<(usize, usize, usize, &String)> = None;
                for &i in ids {
                    if groups[i].ill_formed && ids.len() > 1 {
                        continue;
                    }
                    for (form, &count) in &groups[i].forms {
                        let score = (form.split_whitespace().count(), count, form.len(), form);
                        if best.is_none_or(|b| (score.0, score.1, score.2) > (b.0, b.1, b.2)) {
                            best = Some(score);
                        }
                    }
                }
                let name = best.map(|b| b.3.clone()).unwrap_or_default();
                (name, vote(&counts))
            }
        };
        for &i in ids {
            canonical[i] = name.clone();
            kind[i] = k;
        }
        let _ = root;
    }

    // 6. Write back.
    for (article, ids) in articles.iter_mut().zip(&mention_group) {
        for (m, &id) in article.analysis.mentions.iter_mut().zip(ids) {
            if let (Some(name), Some(&k)) = (canonical.get(id), kind.get(id)) {
                if !name.is_empty() {
                    m.canonical = name.clone();
                    m.kind = k;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use storyline_model::{Analysis, Article, Mention, Span};

    fn article(body: &str) -> AnalyzedArticle {
        let sentences = crate::sentences::split(body);
        let mentions = crate::entities::find_mentions(body, &sentences);
        AnalyzedArticle {
            article: Article::new("", body),
            analysis: Analysis { language: "en".into(), sentences, mentions, times: Vec::new(), quantities: Vec::new() },
        }
    }

    fn canon(a: &AnalyzedArticle, text: &str) -> Option<(String, EntityKind)> {
        a.analysis.mentions.iter().find(|m| m.text == text).map(|m| (m.canonical.clone(), m.kind))
    }

    #[test]
    fn resolves_across_articles() {
        let mut arts = vec![
            article("Communist Party General Secretary Nguyen Phu Trong met Tô Lâm in Hanoi. The International Criminal Court (ICC) was mentioned."),
            article("Officials said President Trong would travel to the U.S. next week. Officials said To Lam stayed home. Nato was criticised."),
            article("Analysts said the ICC has no power here. The Vietnamese Communist Party met. Ana Pereira spoke."),
            article("Pereira, an expert on trade, said the US would respond. The NATO summit was held."),
        ];
        resolve_corpus(&mut arts);
        assert_eq!(canon(&arts[1], "Trong"), Some(("Nguyen Phu Trong".into(), EntityKind::Person)));
        assert_eq!(canon(&arts[1], "To Lam").map(|c| name_key(&c.0)), Some("to lam".into()));
        assert_eq!(canon(&arts[0], "Tô Lâm").map(|c| c.0), canon(&arts[1], "To Lam").map(|c| c.0));
        assert_eq!(canon(&arts[1], "U.S."), Some(("United States".into(), EntityKind::Location)));
        assert_eq!(canon(&arts[3], "US"), Some(("United States".into(), EntityKind::Location)));
        assert_eq!(canon(&arts[1], "Nato"), Some(("NATO".into(), EntityKind::Organization)));
        assert_eq!(canon(&arts[2], "ICC"), Some(("International Criminal Court".into(), EntityKind::Organization)));
        assert_eq!(canon(&arts[2], "Vietnamese Communist Party").map(|c| c.0), Some("Communist Party of Vietnam".into()));
        assert_eq!(canon(&arts[3], "Pereira"), Some(("Ana Pereira".into(), EntityKind::Person)));
    }

    #[test]
    fn acronyms_and_kind_votes() {
        let mk = |text: &str, kind: EntityKind| Mention { span: Span::new(0, 0), text: text.into(), kind, canonical: text.into(), nominal: false };
        let mut arts = vec![article(""), article(""), article("")];
        arts[0].analysis.mentions = vec![mk("Foo Bar Agency", EntityKind::Organization), mk("Tran Hong Ha", EntityKind::Person)];
        arts[1].analysis.mentions = vec![mk("FBA", EntityKind::Organization), mk("Tran Hong Ha", EntityKind::Location)];
        arts[2].analysis.mentions = vec![mk("Tran Hong Ha", EntityKind::Person), mk("Prime Minster Tran Hong Ha", EntityKind::Person)];
        arts[0].analysis.mentions.extend([mk("Vladimir Putin", EntityKind::Person), mk("Ford Motor", EntityKind::Person)]);
        arts[1].analysis.mentions.extend([mk("Putin", EntityKind::Location), mk("Ford", EntityKind::Organization)]);
        resolve_corpus(&mut arts);
        assert_eq!(arts[1].analysis.mentions[0].canonical, "Foo Bar Agency");
        assert_eq!((arts[1].analysis.mentions[2].canonical.as_str(), arts[1].analysis.mentions[2].kind), ("Vladimir Putin", EntityKind::Person));
        assert_eq!(arts[1].analysis.mentions[3].canonical, "Ford");
        assert!(arts.iter().flat_map(|a| &a.analysis.mentions).filter(|m| m.text.contains("Tran")).all(|m| m.kind == EntityKind::Person && m.canonical == "Tran Hong Ha"));
    }
}
