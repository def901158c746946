//! Timestamps: RFC 3339 in, RFC 3339 (UTC) out. The engine never reads the clock.

use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime};

/// The first second RFC 3339 can write in UTC: 0000-01-01T00:00:00Z.
pub const MIN_SECONDS: i64 = -62_167_219_200;

/// The last second RFC 3339 can write in UTC: 9999-12-31T23:59:59Z.
pub const MAX_SECONDS: i64 = 253_402_300_799;

/// Seconds since the Unix epoch from an RFC 3339 datetime with offset, if it is within
/// the years 0000 to 9999 in UTC too (so that it can be written back).
pub fn parse_datetime(text: &str) -> Option<i64> {
    let t = OffsetDateTime::parse(text, &Rfc3339).ok()?.unix_timestamp();
    (MIN_SECONDS..=MAX_SECONDS).contains(&t).then_some(t)
}

/// Seconds since the Unix epoch of midnight UTC of a `YYYY-MM-DD` date.
pub fn parse_date(text: &str) -> Option<i64> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(text, &format).ok().map(|d| d.midnight().assume_utc().unix_timestamp())
}

/// RFC 3339 in UTC (`2026-03-01T10:00:00Z`), always: a time past the years 0000 to 9999
/// (only a deadline far in the future can be) is written as the nearest one that fits.
pub fn format_datetime(seconds: i64) -> String {
    let seconds = seconds.clamp(MIN_SECONDS, MAX_SECONDS);
    // INVARIANT: every second in MIN_SECONDS..=MAX_SECONDS is a valid OffsetDateTime with a
    // four-digit year, which RFC 3339 formats (the tests below check both ends).
    OffsetDateTime::from_unix_timestamp(seconds)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_else(|| "0000-01-01T00:00:00Z".to_string())
}

/// A rule set's local time zone: times shown to people carry its offset (`+01:00`, `+02:00`
/// in summer). The IANA rules are built in (jiff's bundled tzdb), so no clock or OS
/// database is read, in WebAssembly too. Without one, times are shown in UTC.
#[derive(Clone, Debug, Default)]
pub(crate) struct Zone(Option<jiff::tz::TimeZone>);

impl Zone {
    /// The zone with this IANA name (`Europe/Amsterdam`), if the built-in rules know it.
    pub fn named(name: &str) -> Option<Zone> {
        jiff::tz::TimeZone::get(name).ok().map(|tz| Zone(Some(tz)))
    }

    /// RFC 3339 with the zone's offset at that moment (UTC `Z` without a zone).
    pub fn format(&self, seconds: i64) -> String {
        let Some(tz) = &self.0 else { return format_datetime(seconds) };
        let local = jiff::Timestamp::from_second(seconds).ok().and_then(|t| {
            let offset = time::UtcOffset::from_whole_seconds(tz.to_offset(t).seconds()).ok()?;
            OffsetDateTime::from_unix_timestamp(seconds).ok()?.to_offset(offset).format(&Rfc3339).ok()
        });
        local.unwrap_or_else(|| format_datetime(seconds))
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
}
