//! Calendar dates as day numbers (days since 1970-01-01), so that comparing dates is comparing
//! integers. Proleptic Gregorian, as in Howard Hinnant's `days_from_civil`.

/// The day number of `y-m-d`, or `None` when that is not a day of the calendar.
pub fn from_ymd(y: i32, m: u32, d: u32) -> Option<i32> {
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy as i32;
    Some(era * 146_097 + doe - 719_468)
}

/// Parses `YYYY-MM-DD`.
pub fn parse(text: &str) -> Option<i32> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let s = text.get(r)?;
        s.bytes().all(|c| c.is_ascii_digit()).then(|| s.parse().ok())?
    };
    from_ymd(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

/// `YYYY-MM-DD` of a day number.
pub fn format(days: i32) -> String {
    let mut out = String::with_capacity(10);
    format_into(&mut out, days);
    out
}

/// [`format`], written at the end of `out`.
pub fn format_into(out: &mut String, days: i32) {
    use std::fmt::Write;
    let (y, m, d) = to_ymd(days);
    let _ = write!(out, "{y:04}-{m:02}-{d:02}");
}

/// The first day a date may be: 0000-01-01 (dates are written with four digits of year).
pub const FIRST: i32 = -719_528;
/// The last day a date may be: 9999-12-31.
pub const LAST: i32 = 2_932_896;

/// The day `n` days later (earlier when negative), or `None` outside 0000-01-01..=9999-12-31.
pub fn add_days(days: i32, n: i64) -> Option<i32> {
    let to = i64::from(days).checked_add(n)?;
    (i64::from(FIRST)..=i64::from(LAST)).contains(&to).then_some(to as i32)
}

/// The same day `n` months later (earlier when negative). Without that day in the month reached,
/// its last day: a period counted in months or years ends on the corresponding day, or on the last
/// day of the month when there is none (民法典 Article 202). `None` outside the years 0000–9999.
pub fn add_months(days: i32, n: i64) -> Option<i32> {
    let (y, m, d) = to_ymd(days);
    let total = (i64::from(y) * 12 + i64::from(m) - 1).checked_add(n)?;
    let (y, m) = (total.div_euclid(12), (total.rem_euclid(12) + 1) as u32);
    let y = i32::try_from(y).ok().filter(|y| (0..=9999).contains(y))?;
    from_ymd(y, m, d.min(days_in_month(y, m)))
}

/// Year, month and day of a day number.
pub fn to_ymd(days: i32) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i32::from(m <= 2);
    (y, m as u32, d as u32)
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> i32 {
        parse(s).expect("a date")
    }

    #[test]
    fn months_and_years_end_on_the_corresponding_day_or_the_month_end() {
        let m = |s, n| add_months(d(s), n).map(format);
        assert_eq!(m("2019-03-01", 12).as_deref(), Some("2020-03-01"));
        assert_eq!(m("2020-02-29", 12).as_deref(), Some("2021-02-28"));
        assert_eq!(m("2017-01-31", 1).as_deref(), Some("2017-02-28"));
        assert_eq!(m("2018-03-31", -1).as_deref(), Some("2018-02-28"));
        assert_eq!(m("2017-11-15", -24).as_deref(), Some("2015-11-15"));
        assert_eq!(to_ymd(d("1969-12-31")), (1969, 12, 31));
    }

    #[test]
    fn dates_out_of_range_are_none_never_wrapped() {
        assert_eq!(d("0000-01-01"), FIRST);
        assert_eq!(d("9999-12-31"), LAST);
        assert_eq!(add_days(LAST, 1), None);
        assert_eq!(add_days(FIRST, -1), None);
        assert_eq!(add_days(d("2020-01-01"), i64::MAX), None);
        assert_eq!(add_days(d("2020-01-01"), i64::MIN), None);
        assert_eq!(add_months(d("2020-01-01"), i64::MAX), None);
        assert_eq!(add_months(d("9999-12-01"), 1), None);
        assert_eq!(add_days(d("2020-01-01"), 31).map(format).as_deref(), Some("2020-02-01"));
    }
}
