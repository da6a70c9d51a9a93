use super::*;
use storyline_model::EntityKind::{Location as L, Organization as O, Other as X, Person as P};

/// Asserts that each expected (span text, kind, canonical) is among the mentions of `text`.
fn check(text: &str, expected: &[(&str, EntityKind, &str)]) {
    let sentences = crate::sentences::split(text);
    let got = find_mentions(text, &sentences);
    for m in &got {
        assert_eq!(&text[m.span.start..m.span.end], m.text, "span/text mismatch");
    }
    for (span, kind, canonical) in expected {
        let found = got.iter().any(|m| m.text == *span && m.kind == *kind && m.canonical == *canonical);
        assert!(found, "missing ({span:?}, {kind:?}, {canonical:?}) in {text:?}\n got: {:#?}", got.iter().map(|m| (&m.text, m.kind, &m.canonical)).collect::<Vec<_>>());
    }
}

/// Asserts that no mention has this exact text.
fn absent(text: &str, spans: &[&str]) {
    let got = find_mentions(text, &crate::sentences::split(text));
    for s in spans {
        assert!(!got.iter().any(|m| m.text == *s), "unexpected mention {s:?} in {text:?}: {got:#?}");
    }
}

#[test]
fn titles_split_runs() {
    check("He met Deputy Prime Minister Tran Hong Ha on Monday.", &[("Tran Hong Ha", P, "Tran Hong Ha")]);
    check("They met Communist Party General Secretary Nguyen Phu Trong.", &[
        ("Communist Party", O, "Communist Party"),
        ("Nguyen Phu Trong", P, "Nguyen Phu Trong"),
    ]);
    check("He met Chairman of the National Assembly Tran Thanh Man in Hanoi.", &[
        ("National Assembly", O, "National Assembly"),
        ("Tran Thanh Man", P, "Tran Thanh Man"),
        ("Hanoi", L, "Hanoi"),
    ]);
    check("It greeted North Korean Supreme Leader Kim Jong Un.", &[
        ("North Korean", X, "North Korean"),
        ("Kim Jong Un", P, "Kim Jong Un"),
    ]);
    check("Russian President Vladimir Putin arrived.", &[("Russian", X, "Russian"), ("Vladimir Putin", P, "Vladimir Putin")]);
    absent("The Russian President said so.", &["Russian President", "President"]);
}

#[test]
fn lowercase_cues_before_names() {
    check("He was met by top party diplomat Le Hoai Trung at the airport.", &[("Le Hoai Trung", P, "Le Hoai Trung")]);
    check("Central Party Committee member Ana Stoica greeted him.", &[
        ("Central Party Committee", O, "Central Party Committee"),
        ("Ana Stoica", P, "Ana Stoica"),
    ]);
    check("Vietnam's party general secretary Nguyen Phu Trong called.", &[("Nguyen Phu Trong", P, "Nguyen Phu Trong")]);
}

#[test]
fn given_names_make_persons() {
    check("Carl Thayer, an expert on Vietnam security, said it.", &[("Carl Thayer", P, "Carl Thayer"), ("Vietnam", L, "Vietnam")]);
    check("Analysts such as Michael Okonkwo disagree.", &[("Michael Okonkwo", P, "Michael Okonkwo")]);
}

#[test]
fn organisation_heads() {
    check("The official Vietnam News Agency reported it.", &[("Vietnam News Agency", O, "Vietnam News Agency")]);
    check("He works at the Australian Defence Force Academy in Canberra.", &[
        ("Australian Defence Force Academy", O, "Australian Defence Force Academy"),
        ("Canberra", L, "Canberra"),
    ]);
    check("The plane landed at Noi Bai International Airport in Hanoi.", &[("Noi Bai International Airport", L, "Noi Bai International Airport")]);
    check("A delegation of the Communist Party of Vietnam arrived.", &[("Communist Party of Vietnam", O, "Communist Party of Vietnam")]);
    check("The Ministry of Foreign Affairs said.", &[("Ministry of Foreign Affairs", O, "Ministry of Foreign Affairs")]);
}

#[test]
fn appositions_and_premodifiers() {
    check("It has the support of Rosatom, a Russian state-owned nuclear company.", &[("Rosatom", O, "Rosatom"), ("Russian", X, "Russian")]);
    check("In Nhan Dan, the official newspaper of the party, he wrote.", &[("Nhan Dan", O, "Nhan Dan")]);
    check("Officials said Russian energy company Novatek plans a project.", &[("Novatek", O, "Novatek")]);
    check("It ran in the party newspaper Tuoi Moi yesterday.", &[("Tuoi Moi", O, "Tuoi Moi")]);
    check("The Hague-based court ruled.", &[("Hague", L, "The Hague")]);
    check("The Lyonnais-based firm grew.", &[("Lyonnais", L, "Lyonnais")]);
}

#[test]
fn gazetteer_hits() {
    check("Moscow and Hanoi signed deals with the United States and North Korea.", &[
        ("Moscow", L, "Moscow"),
        ("Hanoi", L, "Hanoi"),
        ("United States", L, "United States"),
        ("North Korea", L, "North Korea"),
    ]);
    check("Trade with the U.S. and the UK grew, the Kremlin said.", &[
        ("U.S.", L, "United States"),
        ("UK", L, "United Kingdom"),
        ("Kremlin", O, "Kremlin"),
    ]);
    check("HANOI: Officials met.", &[("HANOI", L, "Hanoi")]);
    check("Leaders met at the 2017 Asia-Pacific Economic Cooperation summit in Southeast Asia.", &[
        ("Asia-Pacific Economic Cooperation", O, "Asia-Pacific Economic Cooperation"),
        ("Southeast Asia", L, "Southeast Asia"),
    ]);
}

#[test]
fn acronyms() {
    check("The International Criminal Court (ICC) issued a warrant. Neither is a member of the ICC.", &[
        ("International Criminal Court", O, "International Criminal Court"),
        ("ICC", O, "International Criminal Court"),
    ]);
    check("He accused Nato of it, and the UN too.", &[("Nato", O, "NATO"), ("UN", O, "United Nations")]);
    check("The Foo Bar Institute (FBI2) said. Later FBI2 denied it.", &[("FBI2", O, "Foo Bar Institute")]);
}

#[test]
fn demonyms() {
    check("The then-Vietnamese President Vo Van Thuong met Chinese officials.", &[
        ("Vietnamese", X, "Vietnamese"),
        ("Vo Van Thuong", P, "Vo Van Thuong"),
        ("Chinese", X, "Chinese"),
    ]);
    assert_eq!(demonym_country("Vietnamese"), Some("Vietnam"));
    assert_eq!(demonym_country("North Korean"), Some("North Korea"));
}

#[test]
fn national_parties() {
    check("Vietnam Communist Party Secretary Nguyen Phu Trong spoke.", &[("Vietnam Communist Party", O, "Communist Party of Vietnam")]);
    check("It was in Vietnam’s Communist Party newspaper.", &[("Communist Party", O, "Communist Party of Vietnam")]);
    check("The Vietnamese Communist Party met. The Communist Party said.", &[
        ("Vietnamese Communist Party", O, "Communist Party of Vietnam"),
        ("Communist Party", O, "Communist Party of Vietnam"),
    ]);
}

#[test]
fn short_forms_within_article() {
    check("Russian President Vladimir Putin spoke. Trong invited Putin. Nguyen Phu Trong agreed.", &[
        ("Putin", P, "Vladimir Putin"),
        ("Trong", P, "Nguyen Phu Trong"),
    ]);
    check("Carl Thayer spoke. Later, Thayer said more.", &[("Thayer", P, "Carl Thayer")]);
}

#[test]
fn sentence_initial_words() {
    absent("Significant agreements are expected. Both the presidents signed.", &["Significant", "Both"]);
    check("The Vietnamese President, To Lam, spoke.", &[("To Lam", P, "To Lam")]);
    absent("Initially, he had planned to go.", &["Initially"]);
}

#[test]
fn headings_keep_only_known_words() {
    absent("President Putin Arrives In Vietnam For State Visit\nPutin spoke to Vietnam.", &["Arrives", "Visit", "State Visit"]);
}

#[test]
fn empty_and_odd_inputs() {
    assert!(find_mentions("", &[]).is_empty());
    let _ = find_mentions("   \n\n ", &[]);
    let _ = find_mentions("É. Ö’s —‐ U.S.A. “Ľ” (X) A-B- -C 's ’", &[Span::new(0, 3), Span::new(100, 200)]);
}


mod properties {
    use super::*;
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "Nguyen", "Phu", "Trong", "Putin", "President", "Deputy", "Prime", "Minister", "of", "the", "Party",
        "Communist", "Vietnam", "Vietnam’s", "U.S.", "ICC", "(", ")", ",", ".", "a", "company", "Hague-based",
        "then-Vietnamese", "Tô", "Lâm", "«", "»", "“", "”", "'s", "-", "A.", "Mr.", "\n\n", "said", "Agency", "Nato",
        // Tables, fixtures, companies, groups and the repairs of the tagger's spans.
        "12", "7", ".500", "1/2", "74.13", "5.", "AT", "NY", "RANGERS", "Newmont", "Mining", "Corp", "Ltd", "Moslems",
        "Roman", "Catholics", "Italians", "New", "Zealand", "Asian", "Cup", "France", "Barbarians", "b", "c", "Bilbao",
        "Ąžuolas", "Łódź", "\n",
    ];

    fn assert_well_formed(text: &str) {
        let sentences = crate::sentences::split(text);
        for m in find_mentions(text, &sentences) {
            assert!(m.span.start < m.span.end && m.span.end <= text.len());
            assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
            assert_eq!(&text[m.span.start..m.span.end], m.text);
            assert!(!m.canonical.is_empty());
        }
    }

    proptest! {
        #[test]
        fn never_panics_on_any_text(text in "\\PC{0,300}") {
            assert_well_formed(&text);
        }

        #[test]
        fn never_panics_on_name_like_text(words in proptest::collection::vec(proptest::sample::select(PIECES), 0..60)) {
            assert_well_formed(&words.join(" "));
        }

        #[test]
        fn normalize_space_matches_split_and_join(text in "[a-zÀ \t\n\u{a0}\u{2003}]{0,40}") {
            prop_assert_eq!(normalize_space(&text), text.split_whitespace().collect::<Vec<_>>().join(" "));
        }

        #[test]
        fn keys_on_the_stack_match_name_key(words in proptest::collection::vec(proptest::sample::select(PIECES), 0..12)) {
            let s = words.join(" ");
            prop_assert_eq!(with_name_key(&s, str::to_string), name_key(&s));
        }

        #[test]
        fn spans_fit_any_sentence_spans(text in "[A-Za-zÀ-ỹ .,'’()\n-]{0,120}", a in 0usize..200, b in 0usize..200) {
            for m in find_mentions(&text, &[Span::new(a, b), Span::new(b, a)]) {
                prop_assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end) && m.span.end <= text.len());
            }
        }
    }
}

#[test]
fn long_inputs_stay_fast() {
    let text = "Nguyen Phu Trong met Vladimir Putin in Hanoi. ".repeat(4000) + &"WORD ".repeat(20000);
    let start = std::time::Instant::now();
    let got = find_mentions(&text, &crate::sentences::split(&text));
    assert!(got.len() >= 12000);
    assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
}


#[test]
fn lines_in_capitals() {
    // Headlines and tables in capitals: names the article gives elsewhere, else the gazetteer.
    let text = "CUTTITTA BACK FOR ITALY AFTER A YEAR.\nROME 1996-12-06\nItaly recalled Marcello Cuttitta on Friday.\n";
    check(text, &[("CUTTITTA", P, "Marcello Cuttitta"), ("ITALY", L, "Italy"), ("ROME", L, "Rome"), ("Marcello Cuttitta", P, "Marcello Cuttitta")]);
    absent(text, &["BACK", "AFTER", "YEAR", "CUTTITTA BACK FOR ITALY AFTER A YEAR"]);
    check("NEW YORK 1996-12-06\nShares rose.\n", &[("NEW YORK", L, "New York")]);
}

#[test]
fn sports_tables_name_teams() {
    check("Barcelona 2 Sevilla 1\nNEW YORK 74 62 .544\n", &[("Barcelona", O, "Barcelona"), ("NEW YORK", O, "New York")]);
    check("Limoges (France) 9 3 6 12\n", &[("Limoges", O, "Limoges")]);
    // In prose a place stays a place.
    check("He flew to Barcelona on 2 May.", &[("Barcelona", L, "Barcelona")]);
}

#[test]
fn standings_rows_and_fixtures_name_teams() {
    // Whatever their name, with or without a rank and a country; a country stays a place.
    check("Standings after Sunday's games:\nVolksdorf 12 8 2 2 25 10 26\n3. Kessler Rovers (Austria) 12 7 3 2 20 11 24\nNorway 3 2 1 0 6 2 7\n", &[
        ("Volksdorf", O, "Volksdorf"),
        ("Kessler Rovers", O, "Kessler Rovers"),
        ("Norway", L, "Norway"),
    ]);
    check("LONGFORD SHARKS 10 13 5 91 81 25\n", &[("LONGFORD SHARKS", O, "Longford Sharks")]);
    // The visiting team of a fixture line; the home side is named as its place.
    check("PORTVALE AT DENVER\n", &[("PORTVALE", O, "Portvale")]);
    // Measures are no standings: a statistics table keeps its rows' words as they were.
    let crops = "Crop estimates in thousands of tonnes:\nBarley 1074.0 1104.8 178.0 2531.4 1897.1\n";
    assert!(!find_mentions(crops, &crate::sentences::split(crops)).iter().any(|m| m.kind == O), "{crops:?}");
    // A golfer's scores: a person by a known given name stays one.
    check("Leading scores:\nMichael Farrow 68 70 69 71 278\n", &[("Michael Farrow", P, "Michael Farrow")]);
}

#[test]
fn a_name_cut_before_its_head_word_takes_it_back() {
    let got = tagged("Japan began the defence of their Asian Cup title with a lucky win.");
    assert!(got.iter().any(|(t, k, _)| t == "Asian Cup" && *k == X), "{got:?}");
}

#[test]
fn a_stop_word_starting_a_known_name_stays() {
    check("New Zealand begins to consider a new flag.\nNew York is big.\n", &[("New Zealand", L, "New Zealand"), ("New York", L, "New York")]);
    absent("New rules apply.\n", &["New"]);
}

#[test]
fn a_country_in_parentheses_marks_a_person() {
    check("Results on Friday:\n8. Florence Masnada (France) 1:18.31\nQuarter-finals: Dorin Kavelo (Croatia) beat Mark Woodforde (Australia) 6-4 6-4\n", &[
        ("Florence Masnada", P, "Florence Masnada"),
        ("Dorin Kavelo", P, "Dorin Kavelo"),
        ("France", L, "France"),
    ]);
}

#[test]
fn team_of_a_table_is_the_team_in_prose() {
    check("Results on Saturday:\nBilbao 2 Sevilla 1\nThe coach of Bilbao praised his defence.\n", &[("Bilbao", O, "Bilbao")]);
}

#[test]
fn companies_named_by_their_first_words() {
    check("Harwick Mining Corp said on Monday it would bid. Analysts expect Harwick to raise its offer.", &[
        ("Harwick Mining Corp", O, "Harwick Mining Corp"),
        ("Harwick", O, "Harwick Mining Corp"),
    ]);
    // A country or big city in a company's name stays the place.
    check("Vietnam Airlines Corp ordered jets. Vietnam welcomed the deal.", &[("Vietnam", L, "Vietnam")]);
}

#[test]
fn acronyms_in_parentheses_must_abbreviate() {
    check("The International Criminal Court (ICC) issued a warrant. The ICC said so.", &[("ICC", O, "International Criminal Court")]);
    check("5. Jim Moran (U.S.) ran well.", &[("U.S.", L, "United States")]);
    assert!(acronym_letters_in_order("ICC", "International Criminal Court"));
    assert!(!acronym_letters_in_order("US", "Jim Moran"));
    assert!(!acronym_letters_in_order("", "Jim Moran"));
}

#[test]
fn numbers_end_names_in_tables() {
    let got = tagged("Results:\nPortuguesa 1 Atletico Mineiro 0\nGoias 1 Gremio 3\n");
    for (text, _, _) in &got {
        assert!(!text.chars().any(|c| c.is_ascii_digit()), "{text:?} in {got:?}");
    }
    // In prose a number stays where the tagger put it.
    let prose = tagged("He told Channel 4 News on Monday that the Boeing 747 was grounded.");
    assert!(!prose.iter().any(|(t, _, _)| t == "Channel" || t == "News"), "{prose:?}");
}

#[test]
fn plural_demonyms_and_groups_are_other() {
    check("Thousands of Italians marched.", &[("Italians", X, "Italian")]);
    let got = tagged("Hindu and Moslem leaders met Roman Catholics in the city on Friday.");
    for (name, canonical) in [("Hindu", "Hindu"), ("Moslem", "Muslim"), ("Roman Catholics", "Roman Catholic")] {
        assert!(got.iter().any(|(t, k, c)| t == name && *k == X && c == canonical), "{name:?} in {got:?}");
    }
}

#[test]
fn plural_names_after_the_are_no_persons() {
    let got = tagged("Australia beat the Wanderbirds 39-12 on Saturday. The Wanderbirds included 14 internationals.");
    assert!(got.iter().all(|(t, k, _)| !(t == "Wanderbirds" && *k == P)), "{got:?}");
    // A people stays one.
    let got = tagged("The match was watched by the Italians in the stadium.");
    assert!(got.iter().any(|(t, k, _)| t == "Italians" && *k == X), "{got:?}");
}

#[test]
fn names_have_capitals() {
    let got = tagged("S. Campbell c Healy b Gillespie 31\nR. Samuels c Waugh b Gillespie 7\n");
    assert!(got.iter().all(|(t, _, _)| t.chars().any(char::is_uppercase)), "{got:?}");
}

#[test]
fn unknown_names_by_their_words() {
    // Head words give the kind; "of" makes an institution; a common noun last is no person.
    check("He signed with Virgin Records in 2005.", &[("Virgin Records", O, "Virgin Records")]);
    check("It was fought at the Battle of Antietam.", &[("Battle of Antietam", X, "Battle of Antietam")]);
    check("She joined the Friends of the Okapi last year.", &[("Friends of the Okapi", O, "Friends of the Okapi")]);
    check("They met at the Zabrowski Pawn Shop downtown.", &[("Zabrowski Pawn Shop", O, "Zabrowski Pawn Shop")]);
    check("The state of Colorado and England agreed.", &[("Colorado", L, "Colorado"), ("England", L, "England")]);
    check("He talked to Peter Zabrowski yesterday.", &[("Peter Zabrowski", P, "Peter Zabrowski")]);
}

/// Mentions with the shipped tagger combined with the rules (whatever the default).
fn tagged(text: &str) -> Vec<(String, EntityKind, String)> {
    let Some(t) = tagger::shipped() else { return Vec::new() };
    find_mentions_with(text, &crate::sentences::split(text), Some(t)).into_iter().map(|m| (m.text, m.kind, m.canonical)).collect()
}

#[test]
fn tagger_titles_are_no_names() {
    let got = tagged("The minister was received by the Deputy Prime Minister of Vietnam on Monday.\nHe will also meet Prime Minster Pham Minh Chinh, and Chairman of the National Assembly Tran Thanh Man.\n");
    let texts: Vec<&str> = got.iter().map(|m| m.0.as_str()).collect();
    for bad in ["Deputy Prime", "Prime", "Chairman", "Prime Minster Pham Minh Chinh", "Minster Pham Minh Chinh"] {
        assert!(!texts.contains(&bad), "{bad:?} in {got:?}");
    }
    assert!(got.iter().any(|m| m.0 == "Pham Minh Chinh" && m.1 == P), "{got:?}");
}

#[test]
fn tagger_keeps_a_name_it_tagged_elsewhere_in_the_article() {
    let text = "President Putin has arrived in Hanoi for talks.\nNo country should give Putin a platform, the embassy said.\nThe third nation Putin has visited is Vietnam.\n";
    let got = tagged(text);
    let putins = got.iter().filter(|m| m.0 == "Putin" && m.1 == P).count();
    assert_eq!(putins, 3, "{got:?}");
}

#[test]
fn institutions_with_and_in_their_of_phrase() {
    check("The Department of Housing and Urban Development said so.", &[(
        "Department of Housing and Urban Development",
        O,
        "Department of Housing and Urban Development",
    )]);
    check("The Council for Security and Cooperation met.", &[("Council for Security and Cooperation", O, "Council for Security and Cooperation")]);
    // Outside an institution's of-phrase, "and" still separates names.
    check("France and Germany signed.", &[("France", L, "France"), ("Germany", L, "Germany")]);
    absent("France and Germany signed.", &["France and Germany"]);
}

#[test]
fn clubs_named_by_place_and_nickname() {
    check("The Boston Bruins beat the Vancouver Canucks.", &[("Boston Bruins", O, "Boston Bruins"), ("Vancouver Canucks", O, "Vancouver Canucks")]);
    check("Leeds United won again.", &[("Leeds United", O, "Leeds United")]);
    // A place before a common plural is no club.
    absent("Boston Residents protested.", &["Boston Residents"]);
}

#[test]
fn company_suffixes() {
    check("Analysts at Carr Futures and Hinkley Locomotive Works agreed.", &[
        ("Carr Futures", O, "Carr Futures"),
        ("Hinkley Locomotive Works", O, "Hinkley Locomotive Works"),
    ]);
}

/// The tagger's spans (token ranges of the first sentence) after `refine_spans`, as text.
fn refined(text: &str, spans: &[(usize, usize, EntityKind)]) -> Vec<(String, EntityKind)> {
    let run = run_rules(text, &crate::sentences::split(text));
    let toks = &run.sents[0];
    let rule: Vec<&Candidate> = run.cands.iter().filter(|c| c.sentence == 0).collect();
    refine_spans(text, toks, spans.to_vec(), &rule, lexicon())
        .into_iter()
        .map(|(a, b, k)| (text[toks[a].start..toks[b - 1].end].to_string(), k))
        .collect()
}

#[test]
fn refined_spans_take_the_rules_front_words() {
    // "After attending a ceremony at the Presidential Palace": the tagger's "Palace" (token 7).
    let text = "After attending a ceremony at the Presidential Palace in Hanoi, he left.";
    assert_eq!(refined(text, &[(7, 8, L)]), vec![("Presidential Palace".to_string(), L)]);
    // A title in front stays out.
    let text = "He met the President Ho at noon.";
    assert_eq!(refined(text, &[(4, 5, P)]), vec![("Ho".to_string(), P)]);
}

#[test]
fn contracted_function_words_are_no_names() {
    let lx = lexicon();
    for word in ["I’m", "I've", "We’re", "It’s", "Don’t", "Can't", "Let’s", "You’ll", "They’d"] {
        assert!(is_contraction(word, lx), "{word}");
    }
    for word in ["O’Neill", "Sa'd", "Putin’s", "D'Angelo", "Berlin"] {
        assert!(!is_contraction(word, lx), "{word}");
    }
    let text = "I’ve been testing gadgets for years. I’m sure We’ve seen worse, said Anna Schmidt in Berlin. Putin’s visit was short.";
    absent(text, &["I’ve", "I’m", "We’ve"]);
    check(text, &[("Anna Schmidt", P, "Anna Schmidt"), ("Berlin", L, "Berlin")]);
}
