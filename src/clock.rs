//! Timestamps as the store records them (UTC, RFC 3339, to the second), and as reports and
//! the interface show them: in local time, Europe/Berlin unless configured.

use std::sync::OnceLock;

use jiff::Timestamp;
use jiff::tz::TimeZone;

/// The current time, e.g. `2026-11-23T16:45:01Z`.
pub fn now() -> String {
    stored(Timestamp::now())
}

fn stored(at: Timestamp) -> String {
    at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Where the auditors are, unless `SIEGEL_TZ` or `--time-zone` says otherwise.
pub const DEFAULT_ZONE: &str = "Europe/Berlin";

static ZONE: OnceLock<TimeZone> = OnceLock::new();

/// A time zone name the built-in database does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown time zone {0:?} (a name such as Europe/Berlin)")]
pub struct UnknownZone(pub String);

/// Sets the zone times are shown in, once, at start-up; later calls change nothing.
pub fn set_zone(name: &str) -> Result<(), UnknownZone> {
    let zone = TimeZone::get(name).map_err(|_| UnknownZone(name.to_string()))?;
    let _ = ZONE.set(zone);
    Ok(())
}

fn zone() -> &'static TimeZone {
    ZONE.get_or_init(|| TimeZone::get(DEFAULT_ZONE).unwrap_or(TimeZone::UTC))
}

/// A stored timestamp in local time: the date (`YYYY-MM-DD`), the time (`HH:MM`) and the
/// zone's abbreviation (`CEST`). `None` for text that is no timestamp.
pub fn local(stamp: &str) -> Option<(String, String, String)> {
    let at: Timestamp = stamp.parse().ok()?;
    let local = at.to_zoned_datetime(zone().clone());
    Some((
        local.strftime("%Y-%m-%d").to_string(),
        local.strftime("%H:%M").to_string(),
        local.strftime("%Z").to_string(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        let at = |seconds: i64| Timestamp::from_second(seconds).unwrap();
        assert_eq!(stored(at(0)), "1970-01-01T00:00:00Z");
        assert_eq!(stored(at(951_782_400)), "2000-02-29T00:00:00Z");
        assert_eq!(stored(at(1_795_451_101)), "2026-11-23T16:25:01Z");
    }

    #[test]
    fn local_time_follows_summer_time_in_berlin() {
        let local = |stamp: &str| local(stamp).unwrap();
        assert_eq!(
            local("2025-04-01T09:00:00Z"),
            ("2025-04-01".into(), "11:00".into(), "CEST".into())
        );
        assert_eq!(
            local("2025-12-31T23:30:00Z"),
            ("2026-01-01".into(), "00:30".into(), "CET".into())
        );
        assert_eq!(super::local("yesterday"), None);
        assert_eq!(
            set_zone("Mars/Olympus"),
            Err(UnknownZone("Mars/Olympus".into()))
        );
    }
}
