//! A synthetic, labelled news stream for measuring throughput and memory at scale
//! (`storyline eval synth`). Seeded and deterministic: the same seed and size give the same
//! stream.
//!
//! Events are drawn from a handful of kinds (visit, earthquake, election, protest, deal,
//! attack, strike) with generated actors, places, dates and numbers; each event gets 1–30
//! articles over a few days, each telling it with different templates, order and detail,
//! plus background sentences shared across events. Look-alike events (same kind, same
//! place, other dates) are frequent on purpose. The text is not meant to be realistic
//! prose, only to exercise every stage with news-like structure.

use std::fmt::Write;

use jiff::civil::Date;
use jiff::ToSpan;

use crate::events::GoldDoc;

const FIRST: &[&str] = &[
    "Anna", "Boris", "Carla", "David", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemal", "Lina",
    "Marco", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Sergei", "Tamara", "Umar", "Vera", "Wei", "Yusuf",
];
const LAST: &[&str] = &[
    "Alvarez", "Brandt", "Castillo", "Dimitrov", "Eriksen", "Fischer", "Gomez", "Haddad", "Ivanova", "Jensen",
    "Kovacs", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov", "Quispe", "Rossi", "Santos", "Tanaka",
];
const PLACE_HEAD: &[&str] = &["Port", "San", "New", "Lake", "North", "East", "Old", "Fort", "Saint", "Upper"];
const PLACE_TAIL: &[&str] = &[
    "Arden", "Belmora", "Corvin", "Dunmere", "Eskar", "Falbrook", "Gresham", "Halvik", "Istra", "Jorvale",
    "Kestrel", "Lorian", "Marrow", "Norvik", "Ostrava", "Pellin", "Quarry", "Rivena", "Selby", "Tavora",
];
const BACKGROUND: &[&str] = &[
    "Officials said more details would be released later in the week.",
    "The government has faced criticism over its handling of the economy this year.",
    "Analysts said the development could weigh on regional markets.",
    "The country has seen a series of similar incidents in recent years.",
    "Opposition leaders called for an independent inquiry.",
    "International observers urged all sides to show restraint.",
];

struct Event {
    kind: usize,
    actor: String,
    other: String,
    place: String,
    date: Date,
    number: u32,
}

/// Lead sentences per kind: `{A}` actor, `{B}` other actor, `{P}` place, `{N}` number, `{D}` weekday.
const KINDS: &[(&str, &[&str], &[&str])] = &[
    (
        "visit",
        &["{A} arrived in {P} on {D} for a {N}-day official visit.", "{A} began a visit to {P} on {D}, the first in years."],
        &["{A} held talks with {B} on trade and security.", "{B} welcomed {A} at the airport in {P}."],
    ),
    (
        "earthquake",
        &["A magnitude {N}.2 earthquake struck near {P} on {D}, toppling buildings.", "An earthquake hit {P} on {D}, the disaster agency said."],
        &["Rescuers searched the rubble in {P} for survivors.", "{A}, the regional governor, said at least {N} people were hurt."],
    ),
    (
        "election",
        &["Voters in {P} went to the polls on {D} in a closely fought election.", "{A} claimed victory in the {P} election on {D}."],
        &["{B} conceded defeat late in the evening.", "Turnout in {P} reached {N} percent, officials said."],
    ),
    (
        "protest",
        &["Thousands of protesters marched through {P} on {D} against new fuel taxes.", "Police in {P} used tear gas on {D} to disperse demonstrators."],
        &["{A}, who organised the march, said protests would continue.", "At least {N} people were detained, police said."],
    ),
    (
        "deal",
        &["{A} and {B} signed a trade agreement in {P} on {D}.", "A deal worth {N} million dollars was signed in {P} on {D}."],
        &["The accord cuts tariffs on farm goods, {A} said.", "{B} called the agreement a turning point."],
    ),
    (
        "attack",
        &["Gunmen attacked a market in {P} on {D}, killing {N} people.", "An attack on a police post near {P} on {D} left {N} dead."],
        &["{A} condemned the attack and promised a full investigation.", "No group immediately claimed responsibility."],
    ),
    (
        "strike",
        &["Rail workers in {P} walked off the job on {D} over pay.", "A strike shut ports in {P} on {D}, stranding cargo."],
        &["Union leader {A} said talks with {B} had collapsed.", "The strike is expected to last {N} days."],
    ),
];

/// `count` labelled articles, in publication order, from `seed`.
pub fn stream(count: usize, seed: u64) -> Vec<GoldDoc> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let start = jiff::civil::date(2024, 1, 1);
    let mut docs: Vec<(Date, GoldDoc)> = Vec::with_capacity(count);
    let mut event_id = 0usize;
    // About 40 events start per day, so a day holds a few hundred articles.
    while docs.len() < count {
        let day = (event_id / 40) as i64;
        let date = start.checked_add(day.days()).unwrap_or(start);
        let place = format!("{} {}", PLACE_HEAD[rng.usize(..PLACE_HEAD.len())], PLACE_TAIL[rng.usize(..PLACE_TAIL.len())]);
        let event = Event {
            kind: rng.usize(..KINDS.len()),
            actor: person(&mut rng),
            other: person(&mut rng),
            place,
            date,
            number: rng.u32(3..90),
        };
        let articles = 1 + rng.usize(..30).min(rng.usize(..30));
        for a in 0..articles {
            if docs.len() >= count {
                break;
            }
            let published = event.date.checked_add((rng.u8(..3) as i64).days()).unwrap_or(event.date);
            let (title, text) = article(&event, &mut rng);
            docs.push((
                published,
                GoldDoc {
                    id: format!("synth/{event_id}/{a}"),
                    title: Some(title),
                    text: Some(text),
                    published: Some(published.to_string()),
                    event: format!("e{event_id}"),
                    event_date: Some(event.date.to_string()),
                },
            ));
        }
        event_id += 1;
    }
    docs.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
    docs.into_iter().map(|(_, d)| d).collect()
}

fn person(rng: &mut fastrand::Rng) -> String {
    format!("{} {}", FIRST[rng.usize(..FIRST.len())], LAST[rng.usize(..LAST.len())])
}

fn fill(template: &str, e: &Event) -> String {
    let weekday = format!("{:?}", e.date.weekday());
    template.replace("{A}", &e.actor).replace("{B}", &e.other).replace("{P}", &e.place).replace("{N}", &e.number.to_string()).replace("{D}", &weekday)
}

fn article(e: &Event, rng: &mut fastrand::Rng) -> (String, String) {
    let (kind, leads, details) = KINDS[e.kind];
    let lead = fill(leads[rng.usize(..leads.len())], e);
    let title = format!("{} {}: {}", e.place, kind, lead.split(" on ").next().unwrap_or(&lead));
    let mut text = lead;
    let mut order: Vec<usize> = (0..details.len()).collect();
    rng.shuffle(&mut order);
    for d in order.into_iter().take(1 + rng.usize(..details.len())) {
        let _ = write!(text, " {}", fill(details[d], e));
    }
    for _ in 0..rng.usize(1..4) {
        let _ = write!(text, "\n\n{}", BACKGROUND[rng.usize(..BACKGROUND.len())]);
    }
    (title, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_sized() {
        let a = stream(500, 7);
        assert_eq!(a.len(), 500);
        assert_eq!(a, stream(500, 7));
        assert_ne!(a, stream(500, 8));
        let events: std::collections::BTreeSet<&str> = a.iter().map(|d| d.event.as_str()).collect();
        assert!(events.len() > 20 && events.len() < 500);
        assert!(a.windows(2).all(|w| w[0].published <= w[1].published), "publication order");
    }
}
