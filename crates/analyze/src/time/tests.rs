use super::*;
use crate::sentences::split;
use proptest::prelude::*;

fn day(s: &str) -> Option<Date> {
    s.parse().ok()
}

fn run(text: &str, reference: &str, context: &str) -> Vec<TimeExpr> {
    let anchor = TimeAnchor { reference: day(reference), context: day(context) };
    find_times(text, &split(text), &anchor)
}

/// Every expected (text, value) is found with exactly that text and value.
fn check(text: &str, reference: &str, context: &str, expected: &[(&str, &str)]) {
    let got = run(text, reference, context);
    for (t, v) in expected {
        assert!(
            got.iter().any(|g| g.text == *t && g.value == *v),
            "in {text:?} (ref {reference}, ctx {context}): expected {t:?} = {v:?}, got {:?}",
            got.iter().map(|g| (g.text.as_str(), g.value.as_str())).collect::<Vec<_>>()
        );
    }
    for g in &got {
        assert_eq!(g.span.slice(text), g.text);
    }
}

/// Exactly these expressions (text, value), nothing else.
fn exactly(text: &str, reference: &str, context: &str, expected: &[(&str, &str)]) {
    let got = run(text, reference, context);
    let got: Vec<(&str, &str)> = got.iter().map(|g| (g.text.as_str(), g.value.as_str())).collect();
    assert_eq!(got, expected, "in {text:?}");
}

#[test]
fn explicit_dates() {
    check("Khanh Vu – Reuters – March 26, 2024", "", "", &[("March 26, 2024", "2024-03-26")]);
    check("It happened on 26 March 2024 in Hanoi.", "", "", &[("26 March 2024", "2024-03-26")]);
    check(
        "Putin made a state visit on Thursday, 20th June, 2024.",
        "",
        "",
        &[("Thursday, 20th June, 2024", "2024-06-20")],
    );
    check("The deal was signed on June 20.", "2024-06-25", "", &[("June 20", "2024-06-20")]);
    check("The deal was signed on June 20.", "", "", &[("June 20", "XXXX-06-20")]);
    check("The file is dated 2024-06-20.", "", "", &[("2024-06-20", "2024-06-20")]);
    check("A warrant was issued in March 2023.", "", "", &[("March 2023", "2023-03")]);
    check("He first visited in 2017.", "", "", &[("2017", "2017")]);
    check("His first visit since 2017.", "", "", &[("2017", "2017")]);
    check("the 2017 Asia-Pacific summit", "", "", &[("2017", "2017")]);
    check("after the 2019 election he won", "", "", &[("2019", "2019")]);
    check("It opened on the 20th of June, 2023.", "", "", &[("the 20th of June, 2023", "2023-06-20")]);
    check("It ran Jan. 5, 2021.", "", "", &[("Jan. 5, 2021", "2021-01-05")]);
    check("He was released in the 1990s.", "", "", &[("the 1990s", "199")]);
    check("It was built in the early 1980s.", "", "", &[("the early 1980s", "198")]);
    check("It was built in the mid-1990s.", "", "", &[("the mid-1990s", "199")]);
    check("Wars of the 20th century ended.", "", "", &[("the 20th century", "19")]);
    check("an 11th-century temple", "", "", &[("11th-century", "10")]);
    // A past-tense month and day lies before the anchor; a future one after it.
    check("Revenue for the quarter ended Sept. 30 rose.", "2024-06-20", "", &[("Sept. 30", "2023-09-30")]);
    check("The polls will open on Nov. 5.", "2024-06-20", "", &[("Nov. 5", "2024-11-05")]);
    check("The verdict, due on Friday, was delayed.", "2024-06-20", "", &[("Friday", "2024-06-21")]);
    // A day a few weeks ahead stays in the anchor's year whatever the reporting verb's tense.
    check("Clinton invited them to a ceremony on March 12.", "1999-02-16", "", &[("March 12", "1999-03-12")]);
    check("The company said it would pay the dividend in January.", "1989-10-26", "", &[("January", "1990-01")]);
    // Year completed from the anchor: the nearest one.
    check("It was signed on December 28.", "2024-01-05", "", &[("December 28", "2023-12-28")]);
}

#[test]
fn weekdays_past_and_future() {
    // A Tuesday article saying "on Tuesday" means that same day.
    check("Trong invited Putin during a call on Tuesday, media reported.", "2024-03-26", "", &[("Tuesday", "2024-03-26")]);
    check("Tuesday’s call, Trong congratulated Putin.", "2024-03-26", "", &[("Tuesday", "2024-03-26")]);
    check("Tuesday, Trong had a telephone conversation.", "2024-03-27", "", &[("Tuesday", "2024-03-26")]);
    check("He arrived on Friday.", "2024-03-26", "", &[("Friday", "2024-03-22")]);
    check("He will arrive on Friday.", "2024-03-26", "", &[("Friday", "2024-03-29")]);
    check("He is due to arrive on Friday.", "2024-03-26", "", &[("Friday", "2024-03-29")]);
    check("The summit, to be held on Monday, is important.", "2024-03-26", "", &[("Monday", "2024-04-01")]);
    check("He left last Tuesday.", "2024-03-26", "", &[("last Tuesday", "2024-03-19")]);
    check("He leaves next Tuesday.", "2024-03-26", "", &[("next Tuesday", "2024-04-02")]);
    check("Putin arrived on Thursday.", "", "2024-06-20", &[("Thursday", "2024-06-20")]);
    check("Putin arrived on Thursday.", "", "", &[("Thursday", "XXXX-WXX-4")]);
    check("Protests continued on Monday night.", "2024-03-26", "", &[("Monday night", "2024-03-25TNI")]);
}

#[test]
fn deictic() {
    check(
        "He arrived yesterday and leaves tomorrow; today he meets Lam.",
        "2024-06-20",
        "",
        &[("yesterday", "2024-06-19"), ("tomorrow", "2024-06-21"), ("today", "2024-06-20")],
    );
    check("He arrived at the airport in the early hours yesterday.", "2024-06-20", "", &[("the early hours yesterday", "2024-06-19")]);
    check("He speaks tonight.", "2024-06-20", "", &[("tonight", "2024-06-20TNI")]);
    check("Fighting raged last night.", "2024-06-20", "", &[("last night", "2024-06-19TNI")]);
    check("He arrived yesterday.", "", "", &[("yesterday", "XXXX-XX-XX")]);
    check("It happened two days ago.", "2024-06-20", "", &[("two days ago", "2024-06-18")]);
    // Falls back on the context without a reference.
    check("He arrived yesterday.", "", "2024-06-20", &[("yesterday", "2024-06-19")]);
}

#[test]
fn weeks_months_years() {
    check("the attack on a concert hall last week", "2024-03-27", "", &[("last week", "2024-W12")]);
    check("the attack on a concert hall last week", "2024-03-26", "", &[("last week", "2024-W12")]);
    check("A spokesperson said this week.", "", "2024-06-20", &[("this week", "2024-W25")]);
    check("They meet next month.", "2024-06-20", "", &[("next month", "2024-07")]);
    check("They met last month.", "2024-01-10", "", &[("last month", "2023-12")]);
    check("relations with Hanoi last year", "", "2024-06-20", &[("last year", "2023")]);
    check("Exports fell this year.", "2024-06-20", "", &[("this year", "2024")]);
    check("It rose next year.", "", "", &[("next year", "XXXX")]);
    check("He accepted a similar invitation in October.", "2024-03-27", "", &[("October", "2023-10")]);
    check("He was sworn in for a fifth term in May.", "", "2024-06-20", &[("May", "2024-05")]);
    check("The country will be the third he visited, after he was sworn in for a fifth term in May.", "", "2024-06-20", &[("May", "2024-05")]);
    check("Elections will be held in October.", "2024-03-27", "", &[("October", "2024-10")]);
    check("He accepted it in October.", "", "", &[("October", "XXXX-10")]);
    check("It happened last March.", "2024-06-20", "", &[("last March", "2024-03")]);
    check("Shares fell 5% in the last week.", "2013-03-22", "", &[("the last week", "2013-W11")]);
    check("Talks resume in the coming month.", "2013-03-22", "", &[("the coming month", "2013-04")]);
    check("Sales will rise this fiscal year.", "2013-03-22", "", &[("this fiscal year", "2013")]);
    exactly("It rained in the last week of June.", "2013-03-22", "", &[("June", "2012-06")]);
}

#[test]
fn anaphoric_day_numbers() {
    check("Putin arrived in Vietnam on the 20th for his visit.", "", "2024-06-20", &[("the 20th", "2024-06-20")]);
    check(
        "Talks began on June 3, 2023. A deal came on the 5th.",
        "2024-06-20",
        "",
        &[("June 3, 2023", "2023-06-03"), ("the 5th", "2023-06-05")],
    );
    // Past tense, day after the anchor's day: the previous month.
    check("He arrived on the 25th.", "2024-06-20", "", &[("the 25th", "2024-05-25")]);
    // Future, day before the anchor's day: the next month.
    check("He will arrive on the 3rd.", "2024-06-20", "", &[("the 3rd", "2024-07-03")]);
    check("He arrived on the 20th.", "", "", &[("the 20th", "XXXX-XX-20")]);
    check("Talks began on June 3, 2023. That day was hot.", "", "", &[("That day", "2023-06-03")]);
    check("He arrived on June 19, 2024 and left the next day.", "", "", &[("June 19, 2024", "2024-06-19"), ("the next day", "2024-06-20")]);
    check("Talks ended on March 1, 2024. The day before, both sides met; the previous day was calm.", "", "", &[
        ("March 1, 2024", "2024-03-01"),
        ("The day before", "2024-02-29"),
        ("the previous day", "2024-02-29"),
    ]);
    // The day before something else is that thing's, not the last date's.
    check("Talks ended on March 1, 2024. The day before the vote was calm.", "", "", &[("March 1, 2024", "2024-03-01")]);
}

#[test]
fn times_of_day() {
    check(
        "Putin left around midnight Korean time and arrived at around 1:50 am on Thursday.",
        "",
        "2024-06-20",
        &[("around midnight", "2024-06-20T00:00"), ("around 1:50 am on Thursday", "2024-06-20T01:50")],
    );
    check("The vote closed at 10 p.m. yesterday.", "2024-06-20", "", &[("10 p.m. yesterday", "2024-06-19T22:00")]);
    check("They met at noon.", "2024-06-20", "", &[("noon", "2024-06-20T12:00")]);
    check("They met at 14:30 GMT.", "2024-06-20", "", &[("14:30 GMT", "2024-06-20T14:30")]);
    check("He spoke on Monday at 9am.", "2024-03-27", "", &[("Monday at 9am", "2024-03-25T09:00")]);
    check("They met at noon.", "", "", &[("noon", "XXXX-XX-XXT12:00")]);
}

#[test]
fn ranges() {
    check(
        "He had planned to visit for two days, from the 19th to the 20th, but left.",
        "",
        "2024-06-20",
        &[("two days", "P2D"), ("from the 19th to the 20th", "2024-06-19/2024-06-20")],
    );
    check("The visit on June 19-20 was short.", "2024-06-25", "", &[("June 19-20", "2024-06-19/2024-06-20")]);
    check("The forum runs 19-20 June 2024.", "", "", &[("19-20 June 2024", "2024-06-19/2024-06-20")]);
    check("He served from 2019 to 2021.", "", "", &[("from 2019 to 2021", "2019/2021")]);
}

#[test]
fn range_ends_as_timeml_marks_them() {
    let ends = |text: &str| -> Vec<(String, String)> {
        let got = run(text, "", "");
        let range = got.iter().find(|t| t.value.contains('/')).expect("a range");
        let ends = range_ends(range).expect("two ends");
        ends.iter().map(|e| (e.span.slice(text).to_string(), e.value.clone())).collect()
    };
    assert_eq!(ends("He served from 2019 to 2021."), [("2019".into(), "2019".into()), ("2021".into(), "2021".into())]);
    assert_eq!(ends("It fell between 1994 and 1997."), [("1994".into(), "1994".into()), ("1997".into(), "1997".into())]);
    assert_eq!(ends("The visit on June 19-20, 2024 was short."), [("June 19".into(), "2024-06-19".into()), ("20, 2024".into(), "2024-06-20".into())]);
    assert!(run("He stayed for two days.", "", "").iter().all(|t| range_ends(t).is_none()));
}

#[test]
fn durations() {
    check("He led the bank for 15 years.", "", "", &[("15 years", "P15Y")]);
    check("He stayed for a week.", "", "", &[("a week", "P1W")]);
    check("a two-day visit", "", "", &[("two-day", "P2D")]);
    check("talks lasted three hours", "", "", &[("three hours", "PT3H")]);
    check("it took several months", "", "", &[("several months", "PXM")]);
}

#[test]
fn sets() {
    check("They meet every Monday.", "", "", &[("every Monday", "XXXX-WXX-1")]);
    check("The paper appears weekly.", "", "", &[("weekly", "P1W")]);
    check("Reports are filed every two weeks.", "", "", &[("every two weeks", "P2W")]);
    check("He runs every day.", "", "", &[("every day", "P1D")]);
}

#[test]
fn contradictions() {
    // March 27, 2024 was a Wednesday; the context says Tuesday the 26th.
    let text = "HANOI: Vietnam said on Tuesday (March 27) that Putin accepted.";
    let got = run(text, "2024-03-27", "2024-03-26");
    let t = got.iter().find(|g| g.text.contains("Tuesday (March 27)")).expect("found");
    assert_eq!(t.value, "2024-03-26");
    assert_eq!(t.stated.as_deref(), Some("2024-03-27"));
    assert_eq!(t.warning.as_deref(), Some("Tuesday does not match 2024-03-27 (a Wednesday)"));
    // Without a context agreeing with the weekday, the explicit date stands, with a warning.
    let got = run(text, "2024-03-27", "");
    let t = got.iter().find(|g| g.text.contains("Tuesday (March 27)")).expect("found");
    assert_eq!(t.value, "2024-03-27");
    assert_eq!(t.stated, None);
    assert!(t.warning.is_some());
    // Consistent weekday: no warning.
    let got = run("Tuesday (March 26)", "2024-03-27", "");
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].value, "2024-03-26");
    assert_eq!(got[0].warning, None);
    // A date after the article's date, reported in the past tense.
    let got = run("The ministry said the deal was signed on June 25, 2024.", "2024-06-20", "");
    assert!(got.iter().any(|g| g.value == "2024-06-25" && g.warning.is_some()), "{got:?}");
}

#[test]
fn non_times_declined() {
    exactly("Putin may announce agreements in sectors including trade.", "2024-06-20", "", &[]);
    exactly("Both presidents signed 11 memorandums.", "2024-06-20", "", &[]);
    exactly("It caused US$14,000 damage to a home.", "2024-06-20", "", &[]);
    exactly("The attack killed at least 139 people.", "2024-06-20", "", &[]);
    exactly("He was sworn in for a fifth term.", "2024-06-20", "", &[]);
    exactly("Thousands march through Hanoi.", "2024-06-20", "", &[]);
    exactly("March organisers said they would walk.", "2024-06-20", "", &[]);
    exactly("The company hired 2000 people.", "2024-06-20", "", &[]);
    exactly("his Vietnam schedule was reduced to a day trip", "2024-06-20", "", &[]);
    exactly("It costs 2024 dong.", "2024-06-20", "", &[]);
    exactly("the 1st Infantry Division of the 20th Army", "2024-06-20", "", &[]);
    exactly("a total of 1999 candidates ran", "2024-06-20", "", &[]);
    exactly("Model 2020 sold well in Room 2017.", "2024-06-20", "", &[]);
    exactly("the 1st Infantry Division", "2024-06-20", "", &[]);
    exactly("The team won 2:1.", "2024-06-20", "", &[]);
}

#[test]
fn infer_dates() {
    let body = "HANOI: Vietnam said on Tuesday (March 27) that Russian President Vladimir Putin has accepted an invitation.\n\nMore text.";
    assert_eq!(
        infer_article_date(body, &split(body), day("2024-03-26")),
        Some((Date::constant(2024, 3, 27), DateSource::TextAndEvent))
    );
    assert_eq!(infer_article_date(body, &split(body), None), None);
    let body = "Moscow and Hanoi pledged ties, as Putin made a state visit on Thursday, 20th June, 2024. More.";
    assert_eq!(infer_article_date(body, &split(body), None), Some((Date::constant(2024, 6, 20), DateSource::Text)));
    let body = "Trong invited Putin on Tuesday.\nBy Khanh Vu – Reuters – March 26, 2024";
    assert_eq!(infer_article_date(body, &split(body), None), Some((Date::constant(2024, 3, 26), DateSource::Byline)));
    let body = "Published: 20 June 2024\n\nPutin arrived.";
    assert_eq!(infer_article_date(body, &split(body), None), Some((Date::constant(2024, 6, 20), DateSource::Byline)));
    let body = "Putin arrived in Vietnam on the 20th for his visit. He landed on Thursday.";
    assert_eq!(infer_article_date(body, &split(body), day("2024-06-20")), None);
    assert_eq!(infer_article_date("", &[], None), None);
    // An agency photo's caption dates the photo, not the news; the next full date does.
    let body = "In this Dec. 12, 2006, file photo, astronauts work outside the station. The agency said so on June 3, 2019.";
    assert_eq!(infer_article_date(body, &split(body), None), Some((Date::constant(2019, 6, 3), DateSource::Text)));
}

#[test]
fn dates_of_pictures() {
    for (text, pictured) in [
        ("In this Dec. 12, 2006, file photo, a man", true),
        ("In this March 3, 2020 photo released by NASA", true),
        ("Seen in this June 1, 2021, image taken by", true),
        ("On Dec. 12, 2006, the agency said", false),
        ("On Dec. 12, 2006 photographers", false),
        ("In this Dec. 12, 2006 photograph", true),
    ] {
        let end = text.find("20").map(|at| at + 4).unwrap();
        assert_eq!(dates_a_picture(text, end), pictured, "{text}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_and_spans_are_sound(
        body in "(\\PC|[0-9:,.()'’\\- ]|March |May |Tuesday |the 20th |1:50 am |from |to |last week |2024 ){0,40}",
        r in proptest::option::of(-3000i64..3000),
        c in proptest::option::of(-3000i64..3000),
        raw in proptest::collection::vec((0usize..200, 0usize..200), 0..4),
    ) {
        let base = cal::days_from_civil(2020, 1, 1);
        let anchor = TimeAnchor {
            reference: r.and_then(|r| cal::to_date(base + r)),
            context: c.and_then(|c| cal::to_date(base + c)),
        };
        for sentences in [split(&body), raw.iter().map(|&(a, b)| Span::new(a, b)).collect()] {
            let times = find_times(&body, &sentences, &anchor);
            for t in &times {
                prop_assert!(t.span.start < t.span.end && t.span.end <= body.len());
                prop_assert!(body.is_char_boundary(t.span.start) && body.is_char_boundary(t.span.end));
                prop_assert_eq!(&body[t.span.start..t.span.end], t.text.as_str());
            }
            let _ = infer_article_date(&body, &sentences, anchor.context);
        }
    }

    #[test]
    fn extreme_anchors_never_panic(body in "\\PC{0,60}", y in -9999i16..=9999, m in 1i8..=12, d in 1i8..=28) {
        let date = Date::new(y, m, d).ok();
        let anchor = TimeAnchor { reference: date, context: date };
        let text = format!("{body} on Tuesday (March 27) last week, in May, the 20th, yesterday at 1:50 am, March 27");
        let _ = find_times(&text, &split(&text), &anchor);
        let _ = infer_article_date(&text, &split(&text), date);
    }
}


#[test]
fn large_input_is_bounded() {
    let unit = "On Tuesday (March 27) he said at around 1:50 am on Thursday that from the 19th to the 20th, in May 2017, last week ";
    let long_sentence = unit.repeat(2000);
    let got = find_times(&long_sentence, &[], &TimeAnchor { reference: day("2024-03-27"), context: day("2024-03-26") });
    assert!(got.len() >= 2000);
    let paragraphs = [unit; 2000].join(".\n\n");
    let got = find_times(&paragraphs, &split(&paragraphs), &TimeAnchor::default());
    assert!(got.len() >= 2000);
    // Month and year only, no context: nothing to infer.
    assert_eq!(infer_article_date(&paragraphs, &split(&paragraphs), None), None);
}

#[test]
fn timeml_extents() {
    // Prepositions and possessives stay out; TimeML's modifiers stay in.
    check("It rose in 2010 and fell on Friday.", "2013-03-22", "", &[("2010", "2010"), ("Friday", "2013-03-22")]);
    check("Friday's vote was close.", "2013-03-22", "", &[("Friday", "2013-03-22")]);
    check("It began in early December.", "2013-03-22", "", &[("early December", "2012-12")]);
    check("Sales fell earlier this year.", "2013-03-22", "", &[("earlier this year", "2013")]);
    check("Prices rose over the past two years.", "2013-03-22", "", &[("the past two years", "P2Y")]);
    check("Profit in the first nine months fell.", "2013-03-22", "", &[("the first nine months", "P9M")]);
}

#[test]
fn bare_years_and_vague_durations() {
    check("The 1957 treaty still holds.", "", "", &[("1957", "1957")]);
    check("Fiscal 1989 profit rose.", "", "", &[("Fiscal 1989", "1989")]); // TimeML keeps "fiscal" in the extent
    check("Prices have risen in recent years.", "", "", &[("recent years", "PXY")]);
    check("They waited for weeks.", "", "", &[("weeks", "PXW")]);
    exactly("He paid $1990 for 1995 tickets, route 2001 and Model 2020.", "", "", &[]);
}

#[test]
fn seasons_quarters_halves() {
    check("He left Vietnam last fall.", "1999-04-10", "", &[("last fall", "1998-FA")]);
    check("They will marry this summer.", "1998-03-22", "", &[("this summer", "1998-SU")]);
    check("Sales slowed last summer.", "1998-08-20", "", &[("last summer", "1997-SU")]);
    check("The talks resumed in the spring of 1998.", "", "", &[("the spring of 1998", "1998-SP")]);
    check("Work began in early spring.", "1998-06-01", "", &[("early spring", "1998-SP")]);
    check("It slowed in the third quarter.", "1989-11-02", "", &[("the third quarter", "1989-Q3")]);
    check("It reported third-quarter earnings.", "1989-11-02", "", &[("third-quarter", "1989-Q3")]);
    check("Profit fell in the fourth quarter.", "1998-01-26", "", &[("the fourth quarter", "1997-Q4")]);
    check("A rebound is expected in the first quarter.", "1989-11-02", "", &[("the first quarter", "1990-Q1")]);
    check("Results for Q3 2009 were weak.", "", "", &[("Q3 2009", "2009-Q3")]);
    check("Output rose in the first half of 1998.", "", "", &[("the first half of 1998", "1998-H1")]);
    check("the 1988 second quarter", "", "", &[("the 1988 second quarter", "1988-Q2")]);
    check("Spending rose in fiscal 1998.", "", "", &[("fiscal 1998", "1998")]);
    // Not times: a fall, a count of a quarter, the second half of a match.
    exactly("The fall of the Berlin Wall was sudden.", "1998-01-01", "", &[]);
    exactly("A third quarter of the voters stayed home.", "1998-01-01", "", &[]);
    exactly("He scored in the second half.", "1998-01-01", "", &[]);
    exactly("Prices will spring back.", "1998-01-01", "", &[]);
    exactly("The H1N1 virus spread.", "2009-05-01", "", &[]);
}

#[test]
fn year_ranges_and_decades() {
    check("The 2009-2010 budget passed.", "", "", &[("2009-2010", "2009/2010")]);
    check("During the 1994-95 season he scored.", "", "", &[("1994-95", "1994/1995")]);
    check("Prices doubled over the past decade.", "2010-01-01", "", &[("the past decade", "P1DE")]);
    // An ISO date stays a date; a price stays a number.
    check("The file is dated 2024-06-20.", "", "", &[("2024-06-20", "2024-06-20")]);
    exactly("It cost $1,994-95 each.", "", "", &[]);
}

#[test]
fn references_without_a_calendar_value() {
    check("Prices are now higher.", "1998-03-01", "", &[("now", "PRESENT_REF")]);
    check("He is currently in Hanoi.", "1998-03-01", "", &[("currently", "PRESENT_REF")]);
    check("Right now the talks are stalled.", "1998-03-01", "", &[("Right now", "PRESENT_REF")]);
    check("These days few people call.", "1998-03-01", "", &[("These days", "PRESENT_REF")]);
    check("The search was recently extended.", "1998-03-01", "", &[("recently", "PAST_REF")]);
    check("Most recently it rose.", "1998-03-01", "", &[("Most recently", "PAST_REF")]);
    check("In the past, Russia objected.", "1998-03-01", "", &[("the past", "PAST_REF")]);
    check("They will meet in the near future.", "1998-03-01", "", &[("the near future", "FUTURE_REF")]);
    check("It will be hard in the future.", "1998-03-01", "", &[("the future", "FUTURE_REF")]);
    check("Rates should fall in the near term.", "1998-03-01", "", &[("the near term", "FUTURE_REF")]);
    // Conjunctions and quantities are no references.
    exactly("The future of NATO is open. The past is prologue.", "1998-03-01", "", &[]);
    exactly("Short-term rates rose; the short-term outlook is poor.", "1998-03-01", "", &[]);
    check("Hate groups grew over the past year.", "1998-03-01", "", &[("the past year", "1997")]);
    // The past two years is a duration, not a reference.
    check("Sales fell over the past two years.", "1998-03-01", "", &[("the past two years", "P2Y")]);
}

#[test]
fn anaphoric_quarters_and_years_ago() {
    let text = "Profit fell in the third quarter. Sales rose 4% in the quarter, against $5 a year earlier.";
    check(text, "1989-11-02", "", &[("the third quarter", "1989-Q3"), ("the quarter", "1989-Q3"), ("a year earlier", "1988-Q3")]);
    check("Net fell to $5 from $9 in the year-ago quarter.", "1989-11-02", "", &[("the year-ago quarter", "1988-Q3")]);
    check("It reported third-quarter profit; year-earlier results were restated.", "1989-11-02", "", &[("year-earlier", "1988-Q3")]);
    check("It reported a third-quarter loss.", "1989-11-02", "", &[("third-quarter", "1989-Q3")]);
    // Without a quarter named: the last reported quarter, or the anchor's own.
    check("It lost $5 million in the latest quarter.", "1989-11-02", "", &[("the latest quarter", "1989-Q3")]);
    check("Sales will rise this quarter.", "1989-11-02", "", &[("this quarter", "1989-Q4")]);
    check("Sales will rise in the current quarter.", "1989-11-02", "", &[("the current quarter", "1989-Q4")]);
    check("He left a year ago.", "1989-11-02", "", &[("a year ago", "1988")]);
    check("Sales in this year's third quarter fell.", "1989-11-02", "", &[("this year's third quarter", "1989-Q3")]);
    check("It may close in next year's first half.", "1989-11-02", "", &[("next year's first half", "1990-H1")]);
    check("In the year-earlier third quarter it earned $5.", "1989-11-02", "", &[("the year-earlier third quarter", "1988-Q3")]);
    check("Profit rose in the third quarter, up from last year's quarter.", "1989-11-02", "", &[("last year's quarter", "1988-Q3")]);
    check("Profit rose in the third quarter, against $5 in the 1988 period.", "1989-11-02", "", &[("the 1988 period", "1988-Q3")]);
    // "the latest period" is a quarter only after one was named.
    exactly("He wrote it in the latest period of his life.", "1989-11-02", "", &[]);
    exactly("The bank cut rates by a quarter-point.", "1989-11-02", "", &[]);
    // A fiscal quarter is the company's own, numbered in the anchor's year.
    check("Profit rose in the fiscal first quarter.", "1989-11-02", "", &[("the fiscal first quarter", "1989-Q1")]);
    // "the latest quarter" is not a forecast quarter named before.
    check("It expects a fourth-quarter charge. It lost $5 in the latest quarter.", "1989-11-02", "", &[("the latest quarter", "1989-Q3")]);
    exactly("Three quarters of the voters stayed home.", "1989-11-02", "", &[]);
}

#[test]
fn bounded_and_counted_durations() {
    check("He stayed nearly two years.", "", "", &[("nearly two years", "P2Y")]);
    check("The talks lasted more than four hours.", "", "", &[("more than four hours", "PT4H")]);
    check("They hold him for at least 30 days.", "", "", &[("at least 30 days", "P30D")]);
    check("It could take up to 180 days.", "", "", &[("up to 180 days", "P180D")]);
    check("He left almost two years ago.", "1998-03-01", "", &[("almost two years ago", "1996")]);
    check("Growth slowed over several quarters.", "", "", &[("several quarters", "PXQ")]);
    check("He won the six-year term.", "", "", &[("six-year", "P6Y")]);
    check("They waited the 30 days.", "", "", &[("the 30 days", "P30D")]);
    exactly("A 6-year-old boy and his 62-year-old uncle.", "", "", &[]);
    exactly("The annual meeting is in Hanoi.", "", "", &[]);
    // Rates are no durations.
    exactly("It pays $1.76 a year and adds 700 flights a week.", "", "", &[]);
    exactly("Kirschner earned $5 in the 1988 quarter.", "", "", &[("the 1988 quarter", "1988")]);
}

#[test]
fn anaphoric_years_and_weeks() {
    check("Net income for the year rose 5%.", "1989-11-02", "", &[("the year", "1989")]);
    check("Sales in the current fiscal year will rise.", "1989-11-02", "", &[("the current fiscal year", "1989")]);
    check("It lost $5 in the year ended Sept. 30.", "1989-11-02", "", &[("the year", "P1Y"), ("Sept. 30", "1989-09-30")]);
    check("Shares fell 5% in the week.", "1989-11-02", "", &[("the week", "1989-W44")]);
    exactly("The year was hard. He won player of the year-end poll.", "1989-11-02", "", &[]);
    check("The dividend is payable Dec. 15.", "1989-11-02", "", &[("Dec. 15", "1989-12-15")]);
}

#[test]
fn bounds_of_periods_and_weekends() {
    check("The plant closes at the end of 1990.", "1989-11-02", "", &[("the end of 1990", "1990")]);
    check("Talks will resume at the beginning of October.", "1989-09-02", "", &[("the beginning of October", "1989-10")]);
    check("The rebels attacked late yesterday.", "1989-11-02", "", &[("late yesterday", "1989-11-01")]);
    check("He arrived early Tuesday.", "1989-11-02", "", &[("early Tuesday", "1989-10-31")]);
    // 1989-10-30 is a Monday: the weekend before is that of week 43; the next one of week 44.
    check("Talks collapsed over the weekend.", "1989-10-30", "", &[("the weekend", "1989-W43-WE")]);
    check("Talks will resume over the weekend.", "1989-10-30", "", &[("the weekend", "1989-W44-WE")]);
}

#[test]
fn years_in_words() {
    check("It was founded in nineteen ninety-six.", "", "", &[("nineteen ninety-six", "1996")]);
    check("Unemployment will halve by the year two thousand.", "", "", &[("the year two thousand", "2000")]);
    check("Prices rose in January nineteen ninety-seven.", "", "", &[("January nineteen ninety-seven", "1997-01")]);
    check("It was cold in the winter of nineteen ninety-four.", "", "", &[("the winter of nineteen ninety-four", "1994-WI")]);
    exactly("Nineteen people came with two thousand others in two thousand years.", "", "", &[]);
}

#[test]
fn holidays() {
    check("They met on Thanksgiving Day.", "1999-12-01", "", &[("Thanksgiving Day", "1999-11-25")]);
    check("He will be home for Christmas.", "1999-12-01", "", &[("Christmas", "1999-12-25")]);
    check("The party on New Year's Eve was loud.", "2000-01-03", "", &[("New Year's Eve", "1999-12-31")]);
    check("Stores closed on Labor Day.", "1998-09-10", "", &[("Labor Day", "1998-09-07")]);
    exactly("He flew to Christmas Island and sold Christmas trees.", "1999-12-01", "", &[]);
}

/// `nearest_cue` as a plain scan of every token: the reference for the outward search.
fn nearest_cue_by_scan(toks: &[Tok<'_>], from: usize, to: usize, s: usize, e: usize) -> Option<Tense> {
    let mut best: Option<(usize, Tense)> = None;
    for k in from..to {
        if k >= s && k < e {
            continue;
        }
        let Some(t) = cue(toks, k) else { continue };
        let dist = if k < s { s - k } else { k + 1 - e };
        if best.is_none_or(|(d, _)| dist < d) {
            best = Some((dist, t));
        }
    }
    best.map(|(_, t)| t)
}

const CUE_VOCAB: &[&str] = &["said", "will", "be", "to", "held", "may", "May", "the", "talks", "on", "Tuesday", ",", "’", "ll", "due", "in", "expected", "was", "visited", "United"];

proptest! {
    #[test]
    fn nearest_cue_finds_what_a_scan_finds(
        words in prop::collection::vec(prop::sample::select(CUE_VOCAB), 0..30),
        a in 0usize..32, b in 0usize..32, c in 0usize..32, d in 0usize..32,
    ) {
        let text = words.join(" ");
        let toks = lex::tokenize(&text);
        let mut bounds = [a, b, c, d];
        bounds.sort_unstable();
        let [from, s, e, to] = bounds;
        prop_assert_eq!(nearest_cue(&toks, from, to, s, e), nearest_cue_by_scan(&toks, from, to, s, e));
    }
}
