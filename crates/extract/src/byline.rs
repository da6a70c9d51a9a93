//! Who wrote a story and where it was filed: bylines, agency credits, datelines.
use crate::dates::{is_date_only, is_weekday, month_number, parse_date};
use jiff::civil::Date;

/// News agencies: (lower-case alias, canonical name).
const AGENCIES: &[(&str, &str)] = &[
    ("afp", "AFP"),
    ("agence france-presse", "AFP"),
    ("agence france presse", "AFP"),
    ("reuters", "Reuters"),
    ("thomson reuters", "Reuters"),
    ("ap", "AP"),
    ("associated press", "AP"),
    ("the associated press", "AP"),
    ("bloomberg", "Bloomberg"),
    ("bloomberg news", "Bloomberg"),
    ("xinhua", "Xinhua"),
    ("tass", "TASS"),
    ("itar-tass", "TASS"),
    ("dpa", "dpa"),
    ("efe", "EFE"),
    ("ansa", "ANSA"),
    ("kyodo", "Kyodo"),
    ("kyodo news", "Kyodo"),
    ("yonhap", "Yonhap"),
    ("bernama", "Bernama"),
    ("pti", "PTI"),
    ("ani", "ANI"),
    ("ians", "IANS"),
    ("upi", "UPI"),
    ("anadolu", "Anadolu"),
    ("anadolu agency", "Anadolu"),
    ("sputnik", "Sputnik"),
    ("ria novosti", "RIA Novosti"),
    ("interfax", "Interfax"),
    ("vna", "VNA"),
    ("vietnam news agency", "VNA"),
    ("aap", "AAP"),
    ("antara", "Antara"),
    ("jiji", "Jiji"),
    ("jiji press", "Jiji"),
    ("kcna", "KCNA"),
    ("wafa", "WAFA"),
];

/// The canonical agency name when `s` is exactly an agency ("Reuters", "(AFP)", "the Associated Press").
pub(crate) fn agency(s: &str) -> Option<&'static str> {
    let t = s.trim().trim_matches(|c: char| matches!(c, '(' | ')' | '.' | ',' | ':' | ';' | ' ' | '[' | ']'));
    if t.is_ascii() {
        // Aliases are lower-case ASCII: compared in place.
        return AGENCIES.iter().find(|(alias, _)| alias.eq_ignore_ascii_case(t)).map(|(_, canon)| *canon);
    }
    let lower = t.to_lowercase();
    AGENCIES.iter().find(|(alias, _)| *alias == lower).map(|(_, canon)| *canon)
}

/// All agencies named as whole words in `s` ("With inputs from Reuters and AFP").
pub(crate) fn agencies_in(s: &str) -> Vec<&'static str> {
    let words: Vec<&str> =
        s.split(|c: char| !(c.is_alphanumeric() || c == '-')).filter(|w| !w.is_empty()).collect();
    let mut out: Vec<&'static str> = Vec::new();
    for n in (1..=3).rev() {
        for win in words.windows(n) {
            if let Some(a) = agency(&win.join(" ")) {
                if !out.contains(&a) {
                    out.push(a);
                }
            }
        }
    }
    out
}

/// Words that describe a byline's author without naming one.
const ROLE_WORDS: &[&str] = &[
    "staff", "writer", "reporter", "correspondent", "editor", "contributor", "desk", "newsdesk", "agencies",
    "agency", "team", "bureau", "news", "service", "wire", "wires", "our", "senior", "special",
];

/// Lower-case name particles allowed inside a name ("Ursula von der Leyen").
const NAME_PARTICLES: &[&str] =
    &["van", "von", "der", "den", "de", "da", "di", "du", "la", "le", "bin", "binti", "al", "el", "ibn", "dos", "del"];

/// Whether `s` looks like a person's name: 1-5 capitalised words, no month or weekday.
pub(crate) fn is_person_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 {
        return false;
    }
    let capitalised = words.iter().filter(|w| w.chars().next().is_some_and(char::is_uppercase)).count();
    capitalised >= 1
        && words.iter().all(|w| {
            let first_upper = w.chars().next().is_some_and(char::is_uppercase);
            let letters_ok = w.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'));
            letters_ok
                && (first_upper || NAME_PARTICLES.contains(&w.to_lowercase().as_str()))
                && month_number(w).is_none()
                && !is_weekday(w)
        })
}

/// What a byline tells.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Byline {
    pub authors: Vec<String>,
    pub credits: Vec<String>,
    pub date: Option<Date>,
}

const BYLINE_PREFIXES: &[&str] = &["by ", "written by ", "story by ", "words by ", "reported by ", "text by "];

/// Whether `s` starts with the ASCII `prefix` in any case (compared in place, without
/// lower-casing `s`).
fn opens_with(s: &str, prefix: &str) -> bool {
    s.as_bytes().get(..prefix.len()).is_some_and(|b| b.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Parses a byline line ("By Khanh Vu – Reuters – March 26, 2024"). Every part must be a
/// name, an agency, a date or a role, so sentences that start with "By" are not taken.
pub(crate) fn parse_byline(line: &str) -> Option<Byline> {
    let prefix = BYLINE_PREFIXES.iter().find(|p| opens_with(line, p))?;
    let rest = line.get(prefix.len()..)?.trim();
    if !rest.chars().next().is_some_and(char::is_uppercase) || rest.split_whitespace().nth(20).is_some() {
        return None;
    }
    let mut out = Byline::default();
    for segment in split_any(rest, &[" – ", " — ", " - ", " -- ", " | ", " / ", "·", "•", ";"]) {
        parse_credit_segment(segment, &mut out)?;
    }
    (!out.authors.is_empty() || !out.credits.is_empty()).then_some(out)
}

/// One dash-separated part of a byline: a date, or comma/"and"-separated names and agencies.
fn parse_credit_segment(segment: &str, out: &mut Byline) -> Option<()> {
    let segment = segment.trim().trim_end_matches('.');
    if segment.is_empty() {
        return Some(());
    }
    if is_date_only(segment) {
        out.date = out.date.or_else(|| parse_date(segment));
        return Some(());
    }
    let parts: Vec<&str> = split_any(segment, &[", ", " and ", " & ", " with "]);
    let mut i = 0;
    while i < parts.len() {
        let part = parts[i].trim();
        let lower = part.to_lowercase();
        if let Some(a) = agency(part) {
            push_unique(&mut out.credits, a);
        } else if lower.split_whitespace().any(|w| ROLE_WORDS.contains(&w)) || lower.starts_with("in ") {
            // "Staff Writer", "in Hanoi": not a name.
        } else if is_person_name(part) {
            push_unique(&mut out.authors, part);
        } else {
            // A date split by its comma: "March 26" + "2024".
            let joined = (i + 1 < parts.len()).then(|| format!("{part}, {}", parts[i + 1].trim()));
            match joined {
                Some(j) if is_date_only(&j) => {
                    out.date = out.date.or_else(|| parse_date(&j));
                    i += 1;
                }
                _ if is_date_only(part) => out.date = out.date.or_else(|| parse_date(part)),
                _ => return None,
            }
        }
        i += 1;
    }
    Some(())
}

fn split_any<'a>(s: &'a str, seps: &[&str]) -> Vec<&'a str> {
    let mut parts = vec![s];
    for sep in seps {
        parts = parts.into_iter().flat_map(|p| p.split(sep)).collect();
    }
    parts.into_iter().filter(|p| !p.trim().is_empty()).collect()
}

pub(crate) fn push_unique(v: &mut Vec<String>, s: &str) {
    let s = s.trim();
    if !s.is_empty() && !v.iter().any(|x| x.eq_ignore_ascii_case(s)) {
        v.push(s.to_string());
    }
}

/// Credit-line openers: "With inputs from Reuters", "Additional reporting by …", "Editing by …".
const CREDIT_LINE_PREFIXES: &[(&str, bool)] = &[
    // (prefix, names after it are authors)
    ("with inputs from", false),
    ("with input from", false),
    ("inputs from", false),
    ("with agency inputs", false),
    ("additional reporting by", true),
    ("reporting by", true),
    ("writing by", true),
    ("editing by", false),
    ("edited by", false),
    ("compiled by", false),
    ("source:", false),
    ("sources:", false),
    ("with reuters", false),
    ("with afp", false),
    ("with ap", false),
];

/// Most whitespace-separated words of a credit line.
pub(crate) const CREDIT_LINE_MAX_WORDS: usize = 30;

/// A credit line parsed: agencies it names and reporters it credits.
pub(crate) fn parse_credit_line(line: &str) -> Option<Byline> {
    let t = line.trim().trim_start_matches(['(', '[']).trim_end_matches([')', ']', '.']).trim();
    if t.split_whitespace().nth(CREDIT_LINE_MAX_WORDS).is_some() {
        return None;
    }
    let mut out = Byline::default();
    let mut matched = false;
    // Reuters style: "Reporting by A in Hanoi; Editing by B".
    for clause in t.split(';') {
        let clause = clause.trim();
        let Some((prefix, authors)) = CREDIT_LINE_PREFIXES.iter().find(|(p, _)| opens_with(clause, p)) else {
            continue;
        };
        matched = true;
        let rest = clause.get(prefix.len()..).unwrap_or("");
        for a in agencies_in(rest) {
            push_unique(&mut out.credits, a);
        }
        if *authors {
            for name in split_any(rest, &[", ", " and ", " & "]) {
                let name = name.split(" in ").next().unwrap_or("").trim();
                if agency(name).is_none() && is_person_name(name) {
                    push_unique(&mut out.authors, name);
                }
            }
        }
    }
    if !matched {
        // A line that is only agencies: "Reuters", "AFP / Reuters".
        let parts = split_any(t, &[" / ", ", ", " and ", " & ", " - "]);
        if parts.is_empty() || !parts.iter().all(|p| agency(p).is_some()) || t.is_empty() {
            return None;
        }
        for p in parts {
            if let Some(a) = agency(p) {
                push_unique(&mut out.credits, a);
            }
        }
    }
    Some(out)
}

/// Separators before a trailing agency credit ("… Union. - AFP"), in the order they are tried.
const CREDIT_SEPARATORS: [&str; 6] = [" - ", " – ", " — ", " -- ", " —", " –"];

/// Strips an agency credit that ends a paragraph: "… Union. - AFP", "… (Reuters)", "… — AP".
pub(crate) fn strip_trailing_credit(par: &str) -> Option<(String, &'static str)> {
    let t = par.trim_end();
    let core = t.trim_end_matches('.');
    if core.ends_with(')') {
        let open = core.rfind('(')?;
        let a = agency(&core[open..])?;
        let rest = core[..open].trim_end().trim_end_matches(['-', '–', '—']).trim_end();
        return (!rest.is_empty()).then(|| (rest.to_string(), a));
    }
    // The last place of each separator, found in one backward pass over the dashes (a
    // separator starts with a space before '-' or the 0xE2 lead byte of '–' and '—').
    let bytes = t.as_bytes();
    let mut last: [Option<usize>; CREDIT_SEPARATORS.len()] = [None; CREDIT_SEPARATORS.len()];
    for dash in memchr::memrchr2_iter(b'-', 0xE2, bytes) {
        let Some(at) = dash.checked_sub(1).filter(|&a| bytes[a] == b' ') else { continue };
        for (k, sep) in CREDIT_SEPARATORS.iter().enumerate() {
            if last[k].is_none() && bytes[at..].starts_with(sep.as_bytes()) {
                last[k] = Some(at);
            }
        }
        if last.iter().all(Option::is_some) {
            break;
        }
    }
    for (sep, pos) in CREDIT_SEPARATORS.iter().zip(last) {
        if let Some(pos) = pos {
            let tail = &t[pos + sep.len()..];
            if tail.split_whitespace().nth(4).is_none() {
                if let Some(a) = agency(tail) {
                    let rest = t[..pos].trim_end();
                    return (!rest.is_empty()).then(|| (rest.to_string(), a));
                }
            }
        }
    }
    None
}

/// Capitalised words that open a paragraph like a dateline but are not places.
const NOT_PLACES: &[&str] = &[
    "UPDATE", "UPDATED", "BREAKING", "WATCH", "EXCLUSIVE", "ANALYSIS", "OPINION", "PHOTOS", "VIDEO", "LIVE",
    "EDITORIAL", "COMMENT", "NOTE", "EDITOR'S NOTE", "FILE", "READ", "ALSO READ", "Q", "A", "FACTBOX",
    "EXPLAINER", "REVIEW", "INTERVIEW",
];

/// A dateline opening a paragraph: "HANOI:", "HANOI (Reuters) -", "WASHINGTON —",
/// "Hanoi, March 26 (AFP) -". Returns the place and any agency credited in it.
pub(crate) fn detect_dateline(par: &str) -> Option<(String, Option<&'static str>)> {
    let head_end = [":", " - ", " – ", " — ", " -- "]
        .iter()
        .filter_map(|sep| par.find(sep))
        .min()
        .filter(|&p| p <= 60)?;
    let head = par[..head_end].trim();
    let (place_part, credit) = match (head.find('('), head.ends_with(')')) {
        (Some(open), true) => (head[..open].trim(), Some(agency(&head[open..])?)),
        (None, _) => (head, None),
        _ => return None,
    };
    let mut pieces = place_part.splitn(2, ',');
    let place = pieces.next()?.trim().trim_end_matches(',');
    if let Some(rest) = pieces.next() {
        // "WASHINGTON, March 26" or "AUSTIN, Texas" — a date or a short region.
        let rest = rest.trim();
        if rest.split_whitespace().nth(3).is_some() {
            return None;
        }
    }
    let words = place.split_whitespace().count();
    let letters = place.chars().filter(|c| c.is_alphabetic()).count();
    let chars_ok = place.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '-' | '\'' | '’'));
    if !(1..=4).contains(&words) || letters < 3 || !chars_ok || agency(place).is_some() {
        return None;
    }
    let all_caps = place.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    let capitalised = place.split_whitespace().all(|w| w.chars().next().is_some_and(char::is_uppercase));
    let ok = if credit.is_some() { capitalised } else { all_caps };
    if !ok || NOT_PLACES.contains(&place) {
        return None;
    }
    Some((place.to_string(), credit))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_byline(input: &str, authors: &[&str], credits: &[&str], date: Option<&str>) {
        let got = parse_byline(input);
        let got = got.unwrap_or_else(|| panic!("not a byline: {input:?}"));
        assert_eq!(got.authors, authors, "{input:?}");
        assert_eq!(got.credits, credits, "{input:?}");
        assert_eq!(got.date.map(|d| d.to_string()).as_deref(), date, "{input:?}");
    }

    #[test]
    fn bylines() {
        check_byline("By Jane Doe – AFP – April 2, 2023", &["Jane Doe"], &["AFP"], Some("2023-04-02"));
        check_byline("By Jane Doe and John Roe, Associated Press", &["Jane Doe", "John Roe"], &["AP"], None);
        check_byline("By Anna de la Cruz | Published 3 May 2022", &["Anna de la Cruz"], &[], Some("2022-05-03"));
        check_byline("By Lee Min-ho, Staff Reporter, May 3, 2022", &["Lee Min-ho"], &[], Some("2022-05-03"));
        assert_eq!(parse_byline("By Tuesday, the death toll had risen to 139."), None);
        assert_eq!(parse_byline("By contrast, exports fell."), None);
    }

    #[test]
    fn credit_lines() {
        let c = parse_credit_line("With inputs from AFP").unwrap_or_default();
        assert_eq!(c.credits, ["AFP"]);
        let c = parse_credit_line("(Reporting by Jane Doe in Manila; Editing by John Roe)").unwrap_or_default();
        assert_eq!(c.authors, ["Jane Doe"]);
        let c = parse_credit_line("Additional reporting by Xinhua").unwrap_or_default();
        assert_eq!(c.credits, ["Xinhua"]);
        assert_eq!(parse_credit_line("Reuters").map(|c| c.credits), Some(vec!["Reuters".to_string()]));
        assert_eq!(parse_credit_line("The ministry said so."), None);
    }

    #[test]
    fn trailing_credits() {
        let check = |input: &str, expected: Option<(&str, &str)>| {
            let got = strip_trailing_credit(input);
            assert_eq!(got.as_ref().map(|(t, a)| (t.as_str(), *a)), expected, "{input:?}");
        };
        check("The talks ended on Friday. - AFP", Some(("The talks ended on Friday.", "AFP")));
        check("The talks ended on Friday. (Reuters)", Some(("The talks ended on Friday.", "Reuters")));
        check("The talks ended on Friday. — Bernama", Some(("The talks ended on Friday.", "Bernama")));
        check("The talks ended on Friday - or so they said.", None);
        check("He met officials (from Japan).", None);
        check("Talks - in Hanoi — ended – AP -- Reuters", Some(("Talks - in Hanoi — ended – AP", "Reuters")));
        check("A — AFP - says – Reuters", Some(("A — AFP - says", "Reuters")));
    }

    proptest::proptest! {
        /// The backward pass finds each separator's last place, as `rfind` does.
        #[test]
        fn trailing_credit_separators_are_found_from_the_end(t in "(AFP|AP|Reuters|said|[a-z]{1,3}| |-|–|—|’|\\.){0,16}") {
            let by_rfind = CREDIT_SEPARATORS.iter().find_map(|sep| {
                let t = t.trim_end();
                let pos = t.rfind(sep)?;
                let tail = &t[pos + sep.len()..];
                let a = agency(tail).filter(|_| tail.split_whitespace().count() <= 4)?;
                Some((t[..pos].trim_end().to_string(), a))
            });
            let core = t.trim_end().trim_end_matches('.');
            if !core.ends_with(')') {
                let by_rfind = by_rfind.filter(|(rest, _)| !rest.is_empty());
                proptest::prop_assert_eq!(strip_trailing_credit(&t), by_rfind);
            }
        }
    }

    #[test]
    fn datelines() {
        let check = |input: &str, expected: Option<(&str, Option<&str>)>| {
            let got = detect_dateline(input);
            assert_eq!(got.as_ref().map(|(p, a)| (p.as_str(), *a)), expected, "{input:?}");
        };
        check("MANILA: The Philippines said on Monday it would act.", Some(("MANILA", None)));
        check("MANILA (Reuters) - The Philippines said on Monday.", Some(("MANILA", Some("Reuters"))));
        check("NEW YORK — Stocks fell on Monday.", Some(("NEW YORK", None)));
        check("Manila, May 3 (AFP) - The Philippines said.", Some(("Manila", Some("AFP"))));
        check("The minister said: we will act.", None);
        check("UPDATE: the talks resumed.", None);
        check("Reuters - The talks resumed.", None);
    }
}
