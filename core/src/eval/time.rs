//! Timestamps: RFC 3339 in, RFC 3339 out (UTC, or a rule set's local offset). The engine
//! never reads the clock.
//!
//! The calendar (valid dates, month lengths, leap years, the IANA zones) is jiff's; days
//! since the epoch are counted here with plain integer arithmetic.
//! The RFC 3339 syntax is checked here, strictly: jiff's parser also takes ISO 8601 forms
//! RFC 3339 does not allow (basic format, `+01`, `+0100`, `,5`, `[zone]` annotations), and
//! jiff's `Timestamp` ends a day before 9999-12-31T23:59:59Z, the last second written here.

use jiff::civil::{Date, DateTime};

/// The first second RFC 3339 can write in UTC: 0000-01-01T00:00:00Z.
pub const MIN_SECONDS: i64 = -62_167_219_200;

/// The last second RFC 3339 can write in UTC: 9999-12-31T23:59:59Z.
pub const MAX_SECONDS: i64 = 253_402_300_799;

const DAY: i64 = 86_400;

/// Seconds since the Unix epoch from an RFC 3339 datetime with offset, if it is within
/// the years 0000 to 9999 in UTC too (so that it can be written back).
///
/// `T`, `t` or a space between date and time; `Z`, `z` or `±HH:MM` (hours up to 23); any
/// number of fraction digits (ignored: times are whole seconds); second 60 only where a
/// leap second can be (the last second of a month in UTC), read as second 59.
pub fn parse_datetime(text: &str) -> Option<i64> {
    let mut r = Reader { bytes: text.as_bytes(), at: 0 };
    let date = r.date(false)?;
    r.one_of(b"Tt ")?;
    let (hour, _, minute, _, second) = (r.digits(2)?, r.one_of(b":")?, r.digits(2)?, r.one_of(b":")?, r.digits(2)?);
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    if r.one_of(b".").is_some() && r.digit_run() == 0 {
        return None;
    }
    let offset = match r.one_of(b"Zz+-")? {
        b'Z' | b'z' => 0,
        sign => {
            let (hours, _, minutes) = (r.digits(2)?, r.one_of(b":")?, r.digits(2)?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let offset = hours * 3600 + minutes * 60;
            if sign == b'-' {
                -offset
            } else {
                offset
            }
        }
    };
    if r.at != r.bytes.len() {
        return None;
    }
    let seconds = days_since_epoch(date) * DAY + hour * 3600 + minute * 60 + second.min(59) - offset;
    if second == 60 && !(seconds.rem_euclid(DAY) == DAY - 1 && is_last_day_of_month(date_of(seconds)?)) {
        return None;
    }
    (MIN_SECONDS..=MAX_SECONDS).contains(&seconds).then_some(seconds)
}

/// Seconds since the Unix epoch of midnight UTC of a `YYYY-MM-DD` date (the year may carry
/// a sign: `+2026-03-01`, `-0001-01-01`).
pub fn parse_date(text: &str) -> Option<i64> {
    let mut r = Reader { bytes: text.as_bytes(), at: 0 };
    let date = r.date(true)?;
    (r.at == r.bytes.len()).then(|| days_since_epoch(date) * DAY)
}

/// RFC 3339 in UTC (`2026-03-01T10:00:00Z`), always: a time past the years 0000 to 9999
/// (only a deadline far in the future can be) is written as the nearest one that fits.
pub fn format_datetime(seconds: i64) -> String {
    let seconds = seconds.clamp(MIN_SECONDS, MAX_SECONDS);
    // INVARIANT: every day in MIN_SECONDS..=MAX_SECONDS is a jiff civil date (years -9999
    // to 9999); the tests below check both ends and every day of a 400-year cycle.
    let date = date_of(seconds).unwrap_or(Date::MIN);
    let time = seconds.rem_euclid(DAY);
    rfc3339(date, time / 3600, time / 60 % 60, time % 60, 0)
}

/// The civil date (UTC) of a moment (proleptic Gregorian, H. Hinnant's `civil_from_days`:
/// plain integer arithmetic, where jiff's span arithmetic added ~100 KB to the WASM build).
fn date_of(seconds: i64) -> Option<Date> {
    let z = seconds.div_euclid(DAY) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Date::new(i16::try_from(year).ok()?, month as i8, day as i8).ok()
}

/// Days from 1970-01-01 to a civil date (Hinnant's `days_from_civil`).
fn days_since_epoch(date: Date) -> i64 {
    let (month, day) = (i64::from(date.month()), i64::from(date.day()));
    let year = i64::from(date.year()) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let yoe = year - era * 400;
    let doy = (153 * if month > 2 { month - 3 } else { month + 9 } + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn is_last_day_of_month(date: Date) -> bool {
    date.day() == date.days_in_month()
}

/// `YYYY-MM-DDTHH:MM:SS` and `Z` (offset 0) or `±HH:MM`.
fn rfc3339(date: Date, hour: i64, minute: i64, second: i64, offset: i64) -> String {
    let (year, month, day) = (date.year(), date.month(), date.day());
    let zone = if offset == 0 {
        "Z".to_string()
    } else {
        let sign = if offset < 0 { '-' } else { '+' };
        format!("{sign}{:02}:{:02}", offset.abs() / 3600, offset.abs() / 60 % 60)
    };
    format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}{zone}")
}

/// A cursor over the ASCII of an RFC 3339 text.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    /// Exactly `n` digits, as a number.
    fn digits(&mut self, n: usize) -> Option<i64> {
        let part = self.bytes.get(self.at..self.at + n)?;
        if !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        self.at += n;
        Some(part.iter().fold(0, |acc, d| acc * 10 + i64::from(d - b'0')))
    }

    /// How many digits follow (and skips them).
    fn digit_run(&mut self) -> usize {
        let run = self.bytes[self.at..].iter().take_while(|b| b.is_ascii_digit()).count();
        self.at += run;
        run
    }

    /// The next byte, if it is one of `allowed`.
    fn one_of(&mut self, allowed: &[u8]) -> Option<u8> {
        let byte = *self.bytes.get(self.at)?;
        allowed.contains(&byte).then(|| {
            self.at += 1;
            byte
        })
    }

    /// `YYYY-MM-DD` (with an optional sign on the year when `signed`), a real calendar date.
    fn date(&mut self, signed: bool) -> Option<Date> {
        let sign = if signed { self.one_of(b"+-") } else { None };
        let year = self.digits(4)?;
        let year = if sign == Some(b'-') { -year } else { year };
        let (_, month, _, day) = (self.one_of(b"-")?, self.digits(2)?, self.one_of(b"-")?, self.digits(2)?);
        Date::new(i16::try_from(year).ok()?, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
    }
}

/// A rule set's local time zone: times shown to people carry its offset (`+01:00`, `+02:00`
/// in summer). The IANA rules are built in, so no clock or OS database is read, in
/// WebAssembly too: all of them with the default feature `all-time-zones` (jiff's bundled
/// tzdb), else only the national rules' zone (see `zones`). Without one, times are shown in UTC.
#[derive(Clone, Debug, Default)]
pub(crate) struct Zone(Option<jiff::tz::TimeZone>);

/// The zones built in for a build without `all-time-zones` (core/build.rs).
mod zones {
    include!(concat!(env!("OUT_DIR"), "/zones.rs"));
}

impl Zone {
    /// The zone with this IANA name (`Europe/Amsterdam`), if the built-in rules know it, or
    /// a POSIX TZ rule (`CET-1CEST,M3.5.0,M10.5.0/3`: no history, the rule applies to every year).
    pub fn named(name: &str) -> Option<Zone> {
        Self::iana(name).or_else(|| Self::posix(name)).map(|tz| Zone(Some(tz)))
    }

    #[cfg(feature = "all-time-zones")]
    fn iana(name: &str) -> Option<jiff::tz::TimeZone> {
        jiff::tz::TimeZone::get(name).ok()
    }

    #[cfg(not(feature = "all-time-zones"))]
    fn iana(name: &str) -> Option<jiff::tz::TimeZone> {
        Self::embedded(name)
    }

    /// A zone of the ones always built in (UTC and the national rules' zone).
    #[cfg_attr(feature = "all-time-zones", allow(dead_code))]
    fn embedded(name: &str) -> Option<jiff::tz::TimeZone> {
        if name.eq_ignore_ascii_case("UTC") || name.eq_ignore_ascii_case("Etc/UTC") {
            return Some(jiff::tz::TimeZone::UTC);
        }
        zones::ZONES.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, zone)| zone.clone())
    }

    /// A POSIX TZ rule; it must name a daylight-saving rule or be a fixed offset, and
    /// contain a digit (so an unknown IANA name such as `Europe/Amsterdm` is not taken).
    fn posix(rule: &str) -> Option<jiff::tz::TimeZone> {
        if rule.contains('/') && !rule.contains(',') || !rule.bytes().any(|b| b.is_ascii_digit()) {
            return None;
        }
        jiff::tz::TimeZone::posix(rule).ok()
    }

    /// RFC 3339 with the zone's offset at that moment (UTC `Z` without a zone). In UTC
    /// where the local time cannot be written in RFC 3339: an offset with seconds (local
    /// mean time, Amsterdam's before 1937), or a moment outside jiff's range (the last day of 9999).
    pub fn format(&self, seconds: i64) -> String {
        let Some(tz) = &self.0 else { return format_datetime(seconds) };
        let local = jiff::Timestamp::from_second(seconds).ok().and_then(|t| {
            let offset = i64::from(tz.to_offset(t).seconds());
            let local: DateTime = tz.to_datetime(t);
            (offset % 60 == 0 && (0..=9999).contains(&local.year())).then(|| {
                rfc3339(local.date(), local.hour().into(), local.minute().into(), local.second().into(), offset)
            })
        });
        local.unwrap_or_else(|| format_datetime(seconds))
    }
}

impl Zone {
    /// The first second of the local calendar day after the one `seconds` falls in (the
    /// next UTC midnight without a zone): the agenda's "today" ends there. Where the
    /// clocks change at midnight, the day ends at the first second that exists.
    pub fn end_of_day(&self, seconds: i64) -> i64 {
        let next_utc_midnight = seconds.div_euclid(DAY).saturating_add(1).saturating_mul(DAY);
        let Some(tz) = &self.0 else { return next_utc_midnight };
        jiff::Timestamp::from_second(seconds)
            .ok()
            .and_then(|t| tz.to_datetime(t).date().tomorrow().ok())
            .and_then(|day| tz.to_timestamp(day.at(0, 0, 0, 0)).ok())
            .map_or(next_utc_midnight, |t| t.as_second())
    }
}

/// A moment as people read it in a zone: weekday (0 = Monday), day, month (1–12),
/// hour and minute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct LocalTime {
    pub weekday: u8,
    pub day: u8,
    pub month: u8,
    pub hour: u8,
    pub minute: u8,
}

impl Zone {
    /// The local calendar time of `seconds` (UTC without a zone).
    pub fn local(&self, seconds: i64) -> Option<LocalTime> {
        let tz = self.0.clone().unwrap_or(jiff::tz::TimeZone::UTC);
        let t = tz.to_datetime(jiff::Timestamp::from_second(seconds).ok()?);
        let [weekday, day, month, hour, minute] =
            [t.weekday().to_monday_zero_offset(), t.day(), t.month(), t.hour(), t.minute()].map(|n| n as u8);
        Some(LocalTime { weekday, day, month, hour, minute })
    }
}

/// `YYYY-MM-DD` of a date value.
pub fn format_date(seconds: i64) -> String {
    format_datetime(seconds).chars().take(10).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_normalises_to_utc() {
        let t = parse_datetime("2026-03-01T10:00:00+01:00").unwrap();
        assert_eq!(format_datetime(t), "2026-03-01T09:00:00Z");
        assert_eq!(parse_date("2026-03-01").map(format_date).as_deref(), Some("2026-03-01"));
        assert!(parse_datetime("2026-03-01 10:00").is_none());
        assert!(parse_date("2026-13-01").is_none());
    }

    #[test]
    fn every_time_formats_as_rfc_3339() {
        assert_eq!(format_datetime(MIN_SECONDS), "0000-01-01T00:00:00Z");
        assert_eq!(format_datetime(MAX_SECONDS), "9999-12-31T23:59:59Z");
        assert_eq!(format_datetime(i64::MAX), "9999-12-31T23:59:59Z");
        assert_eq!(format_datetime(i64::MIN), "0000-01-01T00:00:00Z");
        assert_eq!(parse_datetime("9999-12-31T23:59:59Z"), Some(MAX_SECONDS));
        // Within the year 0000 locally, before it in UTC.
        assert_eq!(parse_datetime("0000-01-01T00:30:00+01:00"), None);
        assert_eq!(parse_datetime("0000-01-01T00:00:00Z"), Some(MIN_SECONDS));
        for (seconds, text) in
            [(0, "1970-01-01T00:00:00Z"), (-1, "1969-12-31T23:59:59Z"), (951_782_400, "2000-02-29T00:00:00Z")]
        {
            assert_eq!(format_datetime(seconds), text);
            assert_eq!(parse_datetime(text), Some(seconds));
        }
        assert_eq!(format_date(-1), "1969-12-31");
    }

    /// The day arithmetic agrees with jiff's calendar on every day of a 400-year cycle
    /// and at both ends of the range.
    #[test]
    fn days_since_epoch_round_trip() {
        let epoch = jiff::civil::date(1970, 1, 1);
        for days in (-146_097..146_097).step_by(13).chain([-719_528, 2_932_896]) {
            let date = date_of(days * DAY).unwrap();
            assert_eq!(days_since_epoch(date), days);
            assert_eq!(i64::from((date - epoch).get_days()), days, "{date}");
        }
    }

    /// What the `time` crate's RFC 3339 parser took before (results recorded from it), the
    /// accepted forms and the near misses refused; only the separator is stricter.
    #[test]
    fn parses_rfc_3339_exactly() {
        let cases: &[(&str, Option<i64>)] = &[
            ("2026-03-01T10:00:00Z", Some(1_772_359_200)),
            ("2026-03-01t10:00:00z", Some(1_772_359_200)),
            ("2026-03-01 10:00:00Z", Some(1_772_359_200)),
            ("2026-03-01T10:00:00.5Z", Some(1_772_359_200)),
            ("2026-03-01T10:00:00.5z", Some(1_772_359_200)),
            ("2026-03-01T10:00:00+00:00", Some(1_772_359_200)),
            ("2026-03-01T10:00:00.1234567890Z", Some(1_772_359_200)),
            ("2026-03-01T10:00:00.999999999999Z", Some(1_772_359_200)),
            ("2026-03-01T10:00:00.123456789123+01:00", Some(1_772_355_600)),
            ("2026-03-01T10:00:00-00:00", Some(1_772_359_200)),
            ("2026-03-01T10:00:00+23:59", Some(1_772_272_860)),
            ("2026-03-01T10:00:00-23:59", Some(1_772_445_540)),
            ("2024-02-29T10:00:00Z", Some(1_709_200_800)),
            ("2026-12-31T23:59:60Z", Some(1_798_761_599)),
            ("2026-06-30T23:59:60Z", Some(1_782_863_999)),
            ("2026-07-01T01:59:60+02:00", Some(1_782_863_999)),
            ("2026-03-01T23:59:60Z", None),
            ("2026-03-01T10:00:60Z", None),
            ("2026-03-01T10:00:00.Z", None),
            ("2026-03-01T10:00:00.-1Z", None),
            ("2026-03-01T10:00:00,5Z", None),
            ("2026-03-01T10:00Z", None),
            ("2026-03-01T10:00:00+0100", None),
            ("2026-03-01T10:00:00+01", None),
            ("2026-03-01T10:00:00+1:00", None),
            ("2026-03-01T10:00:00+24:00", None),
            ("2026-03-01T10:00:00+01:60", None),
            ("2026-03-01T10:00:00+01:00:00", None),
            ("2026-02-29T10:00:00Z", None),
            ("2026-03-01T24:00:00Z", None),
            ("2026-03-01T10:60:00Z", None),
            ("2026-3-01T10:00:00Z", None),
            ("2026-03-01T1:00:00Z", None),
            ("+2026-03-01T10:00:00Z", None),
            ("-0001-01-01T00:00:00Z", None),
            ("20260301T100000Z", None),
            ("2026-03-01T10:00:00Z[Europe/Amsterdam]", None),
            (" 2026-03-01T10:00:00Z", None),
            ("2026-03-01T10:00:00Z ", None),
            ("2026-03-01T10:00:00Zx", None),
            ("2026-03-01T10:00:00.5+01:00x", None),
            ("9999-12-31T23:59:59-01:00", None),
            ("", None),
            // Tighter than `time`, which took any byte between date and time.
            ("2026-03-01_10:00:00Z", None),
            ("2026-03-01x10:00:00Z", None),
        ];
        for &(text, want) in cases {
            assert_eq!(parse_datetime(text), want, "{text:?}");
        }
    }

    /// The date form the `time` crate's `[year]-[month]-[day]` took (results recorded from it).
    #[test]
    fn parses_dates_exactly() {
        let cases: &[(&str, Option<i64>)] = &[
            ("2026-03-01", Some(1_772_323_200)),
            ("+2026-03-01", Some(1_772_323_200)),
            ("-0001-01-01", Some(-62_198_755_200)),
            ("-0000-01-01", Some(MIN_SECONDS)),
            ("0000-01-01", Some(MIN_SECONDS)),
            ("2024-02-29", Some(1_709_164_800)),
            ("9999-12-31", Some(253_402_214_400)),
            ("2026-02-29", None),
            ("2026-3-1", None),
            ("20260301", None),
            ("2026-03-01T00:00", None),
            (" 2026-03-01", None),
            ("2026-03-01 ", None),
            ("+002026-03-01", None),
            ("12026-01-01", None),
            ("2026-13-01", None),
            ("2026-00-10", None),
            ("2026-01-00", None),
            ("", None),
        ];
        for &(text, want) in cases {
            assert_eq!(parse_date(text), want, "{text:?}");
        }
    }

    #[test]
    fn local_time_has_the_offset_of_the_season() {
        let ams = Zone::named("Europe/Amsterdam").unwrap();
        assert_eq!(ams.format(parse_datetime("2026-03-01T09:00:00Z").unwrap()), "2026-03-01T10:00:00+01:00");
        assert_eq!(ams.format(parse_datetime("2026-07-01T09:00:00Z").unwrap()), "2026-07-01T11:00:00+02:00");
        // The night the clocks go forward: 01:00 UTC is 03:00 CEST.
        assert_eq!(ams.format(parse_datetime("2026-03-29T01:00:00Z").unwrap()), "2026-03-29T03:00:00+02:00");
        assert_eq!(Zone::default().format(0), "1970-01-01T00:00:00Z");
        assert!(Zone::named("Europe/Amsterdm").is_none());
    }

    /// Without the feature `all-time-zones`, the national zone is built in from the same
    /// data: every hour from 1900 to 2100 reads the same; a POSIX rule agrees from 1996 on.
    /// (The whole database is the reference, so this runs with the feature.)
    #[cfg(feature = "all-time-zones")]
    #[test]
    fn the_embedded_zone_and_a_posix_rule_read_as_the_whole_database() {
        let whole = Zone(Some(jiff::tz::TimeZone::get("Europe/Amsterdam").unwrap()));
        let embedded = Zone(Some(Zone::embedded("europe/amsterdam").expect("built in for the national rules")));
        let posix = Zone::named("CET-1CEST,M3.5.0,M10.5.0/3").expect("a POSIX rule");
        let (from, to) =
            (parse_datetime("1900-01-01T00:00:00Z").unwrap(), parse_datetime("2100-01-01T00:00:00Z").unwrap());
        let since_1996 = parse_datetime("1996-01-01T00:00:00Z").unwrap();
        for t in (from..to).step_by(36_007) {
            assert_eq!(embedded.format(t), whole.format(t));
            assert_eq!(embedded.end_of_day(t), whole.end_of_day(t));
            if t >= since_1996 {
                assert_eq!(posix.format(t), whole.format(t), "{t}");
            }
        }
        assert!(Zone::embedded("Europe/London").is_none(), "only the national zone is built in");
        assert!(Zone::embedded("UTC").is_some());
        assert!(Zone::named("Europe/Amsterdm").is_none());
    }

    /// Today ends at the next local midnight, in winter and in summer.
    #[test]
    fn the_local_day_ends_at_midnight() {
        let ams = Zone::named("Europe/Amsterdam").unwrap();
        let at = |text: &str| parse_datetime(text).unwrap();
        assert_eq!(ams.end_of_day(at("2026-03-10T23:59:59+01:00")), at("2026-03-11T00:00:00+01:00"));
        assert_eq!(ams.end_of_day(at("2026-03-11T00:00:00+01:00")), at("2026-03-12T00:00:00+01:00"));
        assert_eq!(ams.end_of_day(at("2026-07-01T00:30:00+02:00")), at("2026-07-02T00:00:00+02:00"));
        // 23:30 UTC on 10 March is already 11 March in Amsterdam.
        assert_eq!(ams.end_of_day(at("2026-03-10T23:30:00Z")), at("2026-03-12T00:00:00+01:00"));
        assert_eq!(Zone::default().end_of_day(at("2026-03-10T23:30:00Z")), at("2026-03-11T00:00:00Z"));
        assert_eq!(Zone::default().end_of_day(i64::MAX), i64::MAX);
    }

    /// Where local time cannot be written in RFC 3339, UTC (as the `time` crate did).
    #[test]
    fn local_time_falls_back_to_utc_where_rfc_3339_cannot_say_it() {
        let ams = Zone::named("Europe/Amsterdam").unwrap();
        assert_eq!(ams.format(0), "1970-01-01T01:00:00+01:00");
        // Amsterdam mean time, +00:19:32: an offset with seconds.
        assert_eq!(ams.format(-2_000_000_000), "1906-08-16T20:26:40Z");
        assert_eq!(ams.format(MIN_SECONDS), "0000-01-01T00:00:00Z");
        assert_eq!(ams.format(MAX_SECONDS - 3600), "9999-12-31T22:59:59Z");
        assert_eq!(ams.format(MAX_SECONDS), "9999-12-31T23:59:59Z");
        assert_eq!(ams.format(i64::MAX), "9999-12-31T23:59:59Z");
        if cfg!(not(feature = "all-time-zones")) {
            // Only the national zone is built in; other IANA names are unknown.
            assert!(Zone::named("Europe/London").is_none());
            return;
        }
        let london = Zone::named("Europe/London").unwrap();
        assert_eq!(london.format(1_772_359_200), "2026-03-01T10:00:00Z");
        let st_johns = Zone::named("America/St_Johns").unwrap();
        assert_eq!(st_johns.format(1_772_359_200), "2026-03-01T06:30:00-03:30");
        assert_eq!(Zone::named("Asia/Kolkata").unwrap().format(1_772_359_200), "2026-03-01T15:30:00+05:30");
    }
}
