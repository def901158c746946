//! Timestamps: RFC 3339 in, RFC 3339 (UTC) out. The engine never reads the clock.

use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime};

/// Seconds since the Unix epoch from an RFC 3339 datetime with offset.
pub fn parse_datetime(text: &str) -> Option<i64> {
    OffsetDateTime::parse(text, &Rfc3339).ok().map(OffsetDateTime::unix_timestamp)
}

/// Seconds since the Unix epoch of midnight UTC of a `YYYY-MM-DD` date.
pub fn parse_date(text: &str) -> Option<i64> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(text, &format).ok().map(|d| d.midnight().assume_utc().unix_timestamp())
}

/// RFC 3339 in UTC (`2026-03-01T10:00:00Z`).
pub fn format_datetime(seconds: i64) -> String {
    OffsetDateTime::from_unix_timestamp(seconds)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_else(|| "out-of-range".to_string())
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
}
