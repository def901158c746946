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
}
