//! "Today": the day against which versions are in force, upcoming or
//! archived. It comes from `--now`, else `SOURCE_DATE_EPOCH` (for
//! reproducible builds), else the clock, always as a date in Japan (UTC+9,
//! no daylight saving), where a policy's day begins.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::{Offset, TimeZone};

use std::ops::Range;

/// Why "today" could not be worked out.
#[derive(Debug, thiserror::Error)]
pub enum TodayError {
    #[error("SOURCE_DATE_EPOCH is `{0}`, not a number of seconds since 1970-01-01")]
    SourceDateEpoch(String),
}

/// Parses a `--now` value.
pub(crate) fn parse_now(text: &str) -> Result<Date, String> {
    parse_iso_date(text).ok_or_else(|| format!("`{text}` is not a date in the form YYYY-MM-DD"))
}

/// Japan Standard Time.
pub(crate) fn jst() -> TimeZone {
    TimeZone::fixed(Offset::constant(9))
}

/// Resolves today from the flag, the environment variable, or the clock.
pub(crate) fn resolve(now: Option<Date>, source_date_epoch: Option<&str>) -> Result<Date, TodayError> {
    if let Some(date) = now {
        return Ok(date);
    }
    let timestamp = match source_date_epoch.map(str::trim).filter(|s| !s.is_empty()) {
        Some(text) => text
            .parse::<i64>()
            .ok()
            .and_then(|seconds| Timestamp::from_second(seconds).ok())
            .ok_or_else(|| TodayError::SourceDateEpoch(text.to_string()))?,
        None => Timestamp::now(),
    };
    Ok(timestamp.to_zoned_datetime(jst()).date())
}

/// Resolves today using the process environment.
pub(crate) fn from_env(now: Option<Date>) -> Result<Date, TodayError> {
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    resolve(now, epoch.as_deref())
}

/// Parses exactly `YYYY-MM-DD` into a real calendar date.
pub(crate) fn parse_iso_date(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    let shape = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes.iter().enumerate().all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape {
        return None;
    }
    let number = |range: Range<usize>| text[range].parse::<i16>().ok();
    Date::new(number(0..4)?, i8::try_from(number(5..7)?).ok()?, i8::try_from(number(8..10)?).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_wins_then_epoch_in_japan_time() {
        let flag = Date::constant(2020, 1, 1);
        assert_eq!(resolve(Some(flag), Some("0")).unwrap(), flag);
        // 2022-07-28T15:00:00Z is midnight of the 29th in Japan.
        assert_eq!(resolve(None, Some("1659020400")).unwrap(), Date::constant(2022, 7, 29));
        assert_eq!(resolve(None, Some("1659020399")).unwrap(), Date::constant(2022, 7, 28));
        assert!(resolve(None, Some("yesterday")).is_err());
    }

    #[test]
    fn parses_now() {
        assert_eq!(parse_now("2026-11-22").unwrap(), Date::constant(2026, 11, 22));
        assert!(parse_now("2026-11-31").is_err());
    }
}
