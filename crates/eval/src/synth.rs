//! A synthetic, labelled news stream for measuring throughput and memory at scale
//! (`storyline eval synth`). Seeded and deterministic: the same seed and size give the same
//! stream.
//!
//! About 40 events start per day, each with 1–30 articles over its first days. What tells
//! events apart is drawn per event from large pools, as in real news: people, places and
//! organisations are built from syllables (hundreds of thousands of names), each kind
//! (15: earthquake, election, strike, …) has its own wording with several leads and
//! details, a kind-specific object ("refinery", "semiconductor", …) and numbers vary per
//! event, and each event has 4–8 facts of its own (subject, verb, object, circumstance
//! drawn from pools). Articles tell their event with a lead, one or two of its kind's
//! details and 2–4 of its facts, in their own order, and end with a byline (one of their
//! source's reporters, so shared with other events). Each event also has a few made-up
//! lower-case local names (a district, an estate) in its facts: real events have their
//! own long-tail vocabulary, which fixed pools of words lack. Realistic
//! confusers at realistic rates: 5% of events are look-alikes (same kind and place as an
//! event of the previous weeks, with its main actor) and 10% of articles are syndicated
//! copies of an earlier article of their event under another source.
//!
//! Articles are one paragraph (about 0.6 KB) by default; [`stream_with`] adds paragraphs
//! of the event's facts and further facts of its own (4–6 sentences each, about 0.5 KB), so
//! that memory can be measured with articles of a real article's length.

use std::fmt::Write;

use jiff::civil::Date;
use jiff::ToSpan;

use crate::events::GoldDoc;

const ONSET: &[&str] = &[
    "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "br", "ch", "dr", "gr", "kh", "pr", "sh", "st", "tr", "th",
];
const VOWEL: &[&str] = &["a", "e", "i", "o", "u", "ai", "ea", "io", "ou", "y"];
const CODA: &[&str] = &["", "", "n", "r", "s", "l", "m", "k", "nd", "rt", "sk", "v"];

const ORG_TAIL: &[&str] = &["Holdings", "Group", "Party", "Union", "Institute", "Bank", "Motors", "Energy", "Alliance", "Council"];

/// Kinds of event: name, leads, details, objects. Placeholders: `{A}` main actor, `{B}`
/// other actor, `{O}` organisation, `{P}` place, `{X}` the event's object, `{N}` number,
/// `{D}` weekday.
type Kind = (&'static str, &'static [&'static str], &'static [&'static str], &'static [&'static str]);
const KINDS: &[Kind] = &[
    ("earthquake", &["A magnitude {N} earthquake struck near {P} on {D}, collapsing a {X}.", "An earthquake shook {P} on {D}, the seismological service said.", "Tremors rattled {P} on {D} and damaged a {X}."], &["Rescuers dug through rubble for survivors.", "{A}, the regional governor, said {N} people were injured.", "Aftershocks continued through the night.", "Engineers inspected bridges and dams."], &["school", "hospital", "mosque", "apartment block", "church", "market hall", "bridge"]),
    ("election", &["Voters in {P} cast ballots on {D} in a tight race for mayor.", "{A} claimed victory in the {P} mayoral vote on {D}.", "Polls closed in {P} on {D} with {A} narrowly ahead."], &["{B} of the {O} conceded late in the evening.", "Turnout reached {N} percent, the electoral commission said.", "Ballot counting was delayed by a software fault.", "The campaign centred on {X}."], &["housing", "public transport", "taxes", "policing", "immigration", "pensions", "corruption"]),
    ("strike", &["Workers at {O} in {P} walked out on {D} demanding higher wages.", "A strike by {X} workers paralysed {P} on {D}.", "Unions called a stoppage across {P} from {D}."], &["Union leader {A} said negotiations with management had broken down.", "Management offered a {N} percent raise, which was rejected.", "Picket lines formed outside the main gates.", "{B}, a company spokesman, called the walkout illegal."], &["dock", "rail", "bus", "nursing", "mining", "airport", "postal"]),
    ("deal", &["{O} agreed on {D} to buy a rival {X} maker for {N} billion dollars.", "{O} announced a takeover worth {N} billion on {D}.", "Shareholders of {O} backed a merger on {D}."], &["Chief executive {A} said the acquisition would create savings.", "Regulators in {P} must still approve the transaction.", "Shares jumped {N} percent in early trading.", "{B}, an analyst, called the price steep."], &["semiconductor", "steel", "fertiliser", "software", "vaccine", "aircraft part", "battery"]),
    ("attack", &["Gunmen opened fire on a {X} in {P} on {D}, killing {N} people.", "A bomb exploded near a {X} in {P} on {D}.", "Militants stormed a {X} outside {P} on {D}."], &["{A} condemned the violence and ordered an investigation.", "Witnesses described scenes of panic.", "Security forces sealed off the area.", "No group has claimed responsibility."], &["bus station", "hotel", "police checkpoint", "wedding party", "army base", "courthouse", "café"]),
    ("flood", &["Floodwaters swept through {P} on {D} after days of rain.", "The river burst its banks in {P} on {D}, submerging a {X}.", "Flash floods hit {P} on {D}, cutting roads."], &["Emergency crews evacuated {N} families by boat.", "{A}, who leads the civil protection agency, declared an emergency.", "Farmers reported heavy crop losses.", "More rain is forecast for the weekend."], &["village", "highway", "power plant", "railway line", "farmland", "stadium", "suburb"]),
    ("crash", &["A passenger {X} crashed near {P} on {D}, killing {N}.", "A {X} derailed outside {P} on {D}.", "Investigators reached the {X} wreckage near {P} on {D}."], &["{A}, the transport minister, promised answers.", "Relatives gathered at the terminal awaiting news.", "The flight recorder has been recovered.", "Survivors were taken to hospitals."], &["plane", "train", "ferry", "helicopter", "coach", "cargo jet", "tram"]),
    ("verdict", &["A court in {P} convicted {A} on {D} of {X}.", "{A} was acquitted of {X} by a {P} court on {D}.", "Judges in {P} sentenced {A} to {N} years for {X} on {D}."], &["Defence lawyer {B} said an appeal would follow.", "Prosecutors had sought a longer sentence.", "Supporters protested outside the courthouse.", "The trial lasted {N} months."], &["fraud", "bribery", "murder", "tax evasion", "espionage", "money laundering", "arson"]),
    ("protest", &["Thousands marched through {P} on {D} against plans for a new {X}.", "Police in {P} fired tear gas at demonstrators on {D}.", "Protesters blocked central {P} on {D} over the {X} project."], &["Organiser {A} vowed to keep up the pressure.", "Police said {N} people were arrested.", "{B}, the interior minister, appealed for calm.", "Shops stayed shuttered along the route."], &["airport", "dam", "mine", "highway", "pipeline", "landfill", "casino"]),
    ("summit", &["{A} and {B} met in {P} on {D} for talks on {X}.", "Leaders gathered in {P} on {D} for a summit on {X}.", "{A} hosted {B} in {P} on {D}."], &["The two sides signed a joint declaration.", "{A} called the talks frank and productive.", "Disagreements over {X} remained.", "A follow-up meeting is planned in {N} months."], &["border security", "energy supplies", "fishing rights", "refugees", "tariffs", "water sharing", "arms control"]),
    ("fire", &["A fire tore through a {X} in {P} on {D}.", "Firefighters battled a blaze at a {X} in {P} on {D}.", "Smoke from a burning {X} blanketed {P} on {D}."], &["Fire chief {A} said the cause was under investigation.", "{N} people were treated for smoke inhalation.", "Nearby homes were evacuated.", "The building had failed a safety inspection."], &["warehouse", "refinery", "nightclub", "forest", "textile factory", "hospital wing", "shopping centre"]),
    ("outbreak", &["Health officials in {P} confirmed an outbreak of {X} on {D}.", "Cases of {X} rose to {N} in {P} on {D}.", "{P} closed schools on {D} amid a {X} outbreak."], &["{A}, the health minister, urged people to get vaccinated.", "Hospitals set up isolation wards.", "Contact tracing teams were deployed.", "The source of the infection is unknown."], &["measles", "cholera", "dengue", "influenza", "mumps", "salmonella", "hepatitis"]),
    ("launch", &["{O} unveiled a new {X} in {P} on {D}.", "{O} launched its latest {X} on {D} at an event in {P}.", "{A} presented the {O} {X} on {D}."], &["The product goes on sale in {N} countries next month.", "Reviewers praised the design but questioned the price.", "{B}, a rival executive, dismissed the launch.", "Pre-orders opened immediately."], &["smartphone", "electric car", "satellite", "game console", "drone", "smartwatch", "laptop"]),
    ("resignation", &["{A} resigned as {X} on {D} after weeks of pressure.", "{A} stepped down as {X} of {P} on {D}.", "{A} quit the post of {X} on {D}, citing health reasons."], &["{B} was named as interim replacement.", "The {O} thanked {A} for years of service.", "Critics said the move came too late.", "An inquiry into spending continues."], &["finance minister", "police chief", "central bank governor", "party leader", "football coach", "university rector", "chief executive"]),
    ("storm", &["A storm lashed {P} on {D}, bringing winds of {N} kilometres an hour.", "Hurricane-force winds hit {P} on {D}, tearing the roof off a {X}.", "A tropical storm made landfall near {P} on {D}."], &["Power was cut to {N} thousand homes.", "{A}, the mayor, ordered residents to stay indoors.", "Flights were cancelled at the main airport.", "Fallen trees blocked several roads."], &["stadium", "school", "warehouse", "terminal", "church", "factory", "hospital"]),
];

/// Event-specific facts are built as subject, verb, object and circumstance from these
/// pools (about 1.4 million combinations), so two events of one kind share their kind's
/// wording but hardly their facts.
const SUBJECT: &[&str] = &[
    "Witnesses", "Local residents", "A spokeswoman", "Hospital staff", "Neighbours", "Two teenagers", "A shopkeeper", "Volunteers", "Reporters", "Teachers",
    "The mayor's office", "Firefighters", "A taxi driver", "Farmers", "Students", "Pensioners", "A nurse", "Engineers", "Tourists", "Soldiers",
    "A priest", "Bankers", "Fishermen", "Lawyers", "Council members", "Doctors", "Traders", "Commuters", "A photographer", "Diplomats",
];
const VERB: &[&str] = &[
    "described", "photographed", "criticised", "questioned", "documented", "praised", "blamed", "recorded", "mourned", "welcomed",
    "disputed", "counted", "inspected", "filmed", "reported", "denied", "confirmed", "celebrated", "feared", "remembered",
    "discussed", "rebuilt", "guarded", "blocked", "cleared", "mapped", "tested", "audited", "repaired", "evacuated",
];
const OBJECT: &[&str] = &[
    "the damaged warehouse", "the empty square", "a burned lorry", "the old lighthouse", "the flooded tunnel", "a broken pipeline", "the river bank", "the cathedral steps", "the customs office", "a fishing harbour",
    "the cotton mill", "the tram depot", "a grain silo", "the town archive", "the ferry terminal", "a copper mine", "the ski resort", "the tax records", "a rusty crane", "the vineyard",
    "the night market", "a power substation", "the border fence", "the concert hall", "the orphanage", "a cement plant", "the botanical garden", "the salt flats", "the prison wall", "a toll road",
    "the olive groves", "the stock exchange", "a textile workshop", "the water tower", "the mosque courtyard", "the zoo", "a cargo train", "the lagoon", "the police archive", "the tobacco farm",
];
const CIRCUMSTANCE: &[&str] = &[
    "before dawn", "late on Tuesday night", "in heavy rain", "despite a curfew", "under police escort", "for the first time since the war", "with little warning", "amid rising tensions", "after a long delay", "in freezing temperatures",
    "during morning prayers", "as crowds gathered", "behind closed doors", "within hours", "near the old port", "along the northern ring road", "in front of cameras", "without permission", "by helicopter", "at a press conference",
    "in a rare move", "to widespread surprise", "on local television", "in a leaked memo", "outside the town hall", "across three districts", "for several hours", "with thermal cameras", "in protest", "by candlelight",
    "in a packed courtroom", "on social media", "at the main crossroads", "during a blackout", "in the early afternoon", "with sniffer dogs", "from rooftops", "using drones", "at gunpoint", "on foot",
];

/// Sources, each with its reporters: an article ends with its byline.
const SOURCES: usize = 60;
const STAFF: usize = 12;

#[derive(Clone)]
struct Event {
    kind: usize,
    actor: String,
    other: String,
    org: String,
    place: String,
    object: usize,
    date: Date,
    number: u32,
    facts: Vec<String>,
    /// Made-up local names of its facts.
    local: Vec<String>,
}

/// `count` labelled articles of one paragraph, in publication order, from `seed`.
pub fn stream(count: usize, seed: u64) -> Vec<GoldDoc> {
    stream_with(count, seed, 1)
}

/// [`stream`] with articles of `paragraphs` paragraphs (at least one).
pub fn stream_with(count: usize, seed: u64, paragraphs: usize) -> Vec<GoldDoc> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let start = jiff::civil::date(2024, 1, 1);
    let papers: Vec<String> = (0..SOURCES).map(|s| format!("{} {}", capitalised(&word(&mut rng, 2)), ["Courier", "Herald", "Times"][s % 3])).collect();
    let staff: Vec<Vec<String>> = (0..SOURCES).map(|_| (0..STAFF).map(|_| person(&mut rng)).collect()).collect();
    let mut docs: Vec<(Date, GoldDoc)> = Vec::with_capacity(count);
    let mut events: Vec<Event> = Vec::new();
    while docs.len() < count {
        let event_id = events.len();
        let day = (event_id / 40) as i64;
        let date = start.checked_add(day.days()).unwrap_or(start);
        // A look-alike repeats the kind, place and main actor of an event of the last weeks.
        let recent = events.len().saturating_sub(40 * 21);
        let event = match (rng.f64() < 0.05 && event_id > recent).then(|| events[rng.usize(recent..event_id)].clone()) {
            Some(like) => Event { other: person(&mut rng), date, number: rng.u32(2..100), ..like },
            None => Event {
                kind: rng.usize(..KINDS.len()),
                actor: person(&mut rng),
                other: person(&mut rng),
                org: format!("{} {}", capitalised(&word(&mut rng, 2)), ORG_TAIL[rng.usize(..ORG_TAIL.len())]),
                place: {
                    let syllables = 2 + rng.usize(..2);
                    capitalised(&word(&mut rng, syllables))
                },
                object: 0,
                date,
                number: rng.u32(2..100),
                facts: Vec::new(),
                local: Vec::new(),
            },
        };
        let local: Vec<String> = (0..3).map(|_| word(&mut rng, 2)).collect();
        let facts = (0..rng.usize(4..9)).map(|_| fact(&mut rng, &local)).collect();
        let event = Event { object: rng.usize(..KINDS[event.kind].3.len()), facts, local, ..event };
        let articles = 1 + rng.usize(..30).min(rng.usize(..30));
        let mut texts: Vec<(String, String)> = Vec::new();
        for a in 0..articles {
            if docs.len() >= count {
                break;
            }
            let published = event.date.checked_add((rng.u8(..3) as i64).days()).unwrap_or(event.date);
            let source = rng.usize(..SOURCES);
            // A syndicated copy: an earlier article of the event, under another source.
            let (title, body) = match (!texts.is_empty() && rng.f64() < 0.1).then(|| texts[rng.usize(..texts.len())].clone()) {
                Some(copy) => copy,
                None => article(&event, paragraphs, &mut rng),
            };
            texts.push((title.clone(), body.clone()));
            docs.push((
                published,
                GoldDoc {
                    id: format!("synth/{event_id}/{a}"),
                    title: Some(title),
                    text: Some(format!("{body}\n\nReporting by {} for the {}.", staff[source][rng.usize(..STAFF)], papers[source])),
                    published: Some(published.to_string()),
                    event: format!("e{event_id}"),
                    event_date: Some(event.date.to_string()),
                    clean: false,
                },
            ));
        }
        events.push(event);
    }
    docs.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
    docs.into_iter().map(|(_, d)| d).collect()
}

/// A made-up word of `syllables` syllables.
fn word(rng: &mut fastrand::Rng, syllables: usize) -> String {
    (0..syllables).map(|_| format!("{}{}{}", ONSET[rng.usize(..ONSET.len())], VOWEL[rng.usize(..VOWEL.len())], CODA[rng.usize(..CODA.len())])).collect()
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn person(rng: &mut fastrand::Rng) -> String {
    let (first, last) = (1 + rng.usize(..2), 2 + rng.usize(..2));
    let first = capitalised(&word(rng, first));
    format!("{first} {}", capitalised(&word(rng, last)))
}

/// A fact of an event whose local names (a district, an estate: lower-case made-up words,
/// the long tail of real vocabulary) are `local`.
fn fact(rng: &mut fastrand::Rng, local: &[String]) -> String {
    let pick = |rng: &mut fastrand::Rng, pool: &[&'static str]| pool[rng.usize(..pool.len())];
    let (subject, verb, object, circumstance) = (pick(rng, SUBJECT), pick(rng, VERB), pick(rng, OBJECT), pick(rng, CIRCUMSTANCE));
    let landmark = pick(rng, &["quarter", "estate", "canal", "road", "hills", "bridge", "market"]);
    format!("{subject} {verb} {object} {circumstance}, near the {} {landmark}.", local[rng.usize(..local.len())])
}

fn fill(template: &str, e: &Event) -> String {
    let weekday = format!("{:?}", e.date.weekday());
    template
        .replace("{A}", &e.actor)
        .replace("{B}", &e.other)
        .replace("{O}", &e.org)
        .replace("{P}", &e.place)
        .replace("{X}", KINDS[e.kind].3[e.object])
        .replace("{N}", &e.number.to_string())
        .replace("{D}", &weekday)
}

fn article(e: &Event, paragraphs: usize, rng: &mut fastrand::Rng) -> (String, String) {
    let (_, leads, details, _) = KINDS[e.kind];
    let lead = fill(leads[rng.usize(..leads.len())], e);
    let title = lead.split(" on ").next().unwrap_or(&lead).trim_end_matches('.').to_string();
    let mut text = lead;
    let mut order: Vec<usize> = (0..details.len()).collect();
    rng.shuffle(&mut order);
    for d in order.into_iter().take(1 + rng.usize(..2)) {
        let _ = write!(text, " {}", fill(details[d], e));
    }
    // Most of an article is its event's own facts, in its own selection and order.
    let mut facts: Vec<&String> = e.facts.iter().collect();
    rng.shuffle(&mut facts);
    for f in facts.into_iter().take(2 + rng.usize(..3)) {
        let _ = write!(text, " {f}");
    }
    // Further paragraphs: the event's facts again and facts this article alone tells.
    for _ in 1..paragraphs {
        text.push_str("\n\n");
        for k in 0..4 + rng.usize(..3) {
            let f = if rng.bool() { e.facts[rng.usize(..e.facts.len())].clone() } else { fact(rng, &e.local) };
            let _ = write!(text, "{}{f}", if k == 0 { "" } else { " " });
        }
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

    #[test]
    fn paragraphs_lengthen_articles_only() {
        let (short, long) = (stream(300, 5), stream_with(300, 5, 6));
        let mean = |docs: &[GoldDoc]| docs.iter().map(|d| d.text.as_deref().map_or(0, str::len)).sum::<usize>() / docs.len();
        assert!(mean(&short) < 1000 && mean(&long) > 2500, "{} {}", mean(&short), mean(&long));
        assert_eq!(long.iter().filter(|d| d.text.as_deref().unwrap_or("").matches("\n\n").count() == 6).count(), long.len());
    }

    #[test]
    fn events_differ_in_names_and_copies_are_syndicated() {
        let a = stream(3000, 3);
        // Distinct events rarely share a main actor: names come from large pools.
        let mut actors: std::collections::BTreeMap<String, std::collections::BTreeSet<&str>> = Default::default();
        for d in &a {
            let first_words: String = d.text.as_deref().unwrap_or("").split(". ").next().unwrap_or("").to_string();
            actors.entry(first_words).or_default().insert(d.event.as_str());
        }
        let shared = actors.values().filter(|events| events.len() > 1).count();
        assert!(shared * 10 < actors.len(), "{shared} of {} leads shared across events", actors.len());
        // Some bodies are copied within an event (syndication), never across events.
        let mut bodies: std::collections::BTreeMap<&str, std::collections::BTreeSet<&str>> = Default::default();
        for d in &a {
            let body = d.text.as_deref().unwrap_or("").rsplit_once("\n\n").map_or("", |(b, _)| b);
            bodies.entry(body).or_default().insert(d.event.as_str());
        }
        assert!(bodies.len() < a.len(), "syndicated copies");
        assert!(bodies.values().all(|events| events.len() == 1));
    }
}
