//! Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01).
//! Pure integer maths: no overflow for any year jiff can represent.

use jiff::civil::Date;

pub(crate) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub(crate) fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// ISO weekday, Monday = 1 … Sunday = 7.
pub(crate) fn weekday(z: i64) -> i64 {
    (z + 3).rem_euclid(7) + 1
}

pub(crate) fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub(crate) fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// ISO week-numbering year and week of a day.
pub(crate) fn iso_week(z: i64) -> (i64, i64) {
    let thursday = z - weekday(z) + 4;
    let (ty, _, _) = civil_from_days(thursday);
    let jan1 = days_from_civil(ty, 1, 1);
    (ty, (thursday - jan1) / 7 + 1)
}

pub(crate) fn from_date(d: Date) -> i64 {
    days_from_civil(i64::from(d.year()), i64::from(d.month()), i64::from(d.day()))
}

pub(crate) fn to_date(z: i64) -> Option<Date> {
    let (y, m, d) = civil_from_days(z);
    Date::new(i16::try_from(y).ok()?, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()
}

pub(crate) fn fmt_year(y: i64) -> String {
    if (0..=9999).contains(&y) { format!("{y:04}") } else { format!("{y}") }
}

pub(crate) fn fmt_day(z: i64) -> String {
    let (y, m, d) = civil_from_days(z);
    format!("{}-{m:02}-{d:02}", fmt_year(y))
}

pub(crate) fn fmt_week(z: i64) -> String {
    let (y, w) = iso_week(z);
    format!("{}-W{w:02}", fmt_year(y))
}

pub(crate) const WEEKDAY_NAMES: [&str; 7] =
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

pub(crate) fn weekday_name(wd: i64) -> &'static str {
    usize::try_from(wd - 1).ok().and_then(|i| WEEKDAY_NAMES.get(i)).copied().unwrap_or("?")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_weeks() {
        for z in -800_000..800_000 {
            if z % 997 != 0 {
                continue;
            }
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        let z = days_from_civil(2024, 3, 27);
        assert_eq!(weekday(z), 3);
        assert_eq!(fmt_week(days_from_civil(2024, 3, 20)), "2024-W12");
        assert_eq!(fmt_week(days_from_civil(2024, 6, 20)), "2024-W25");
        assert_eq!(fmt_week(days_from_civil(2021, 1, 1)), "2020-W53");
        assert_eq!(weekday(0), 4);
    }
}
