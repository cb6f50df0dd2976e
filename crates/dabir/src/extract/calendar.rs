//! Calendar conversion between the Solar Hijri (Jalali), Gregorian and lunar Hijri
//! calendars, on top of `icu_calendar`.
//!
//! Why a crate: the Solar Hijri leap rule is astronomical (1403 is leap, 1404 is not),
//! and the simple 33-year or 2820-year arithmetic rules disagree with the official
//! calendar in some years; `icu_calendar`'s Persian calendar follows the official one
//! (see the tests over 1300–1500 SH). The lunar Hijri calendar is the **Umm al-Qura**
//! variant (Saudi, KACST tables, 1300–1600 AH): Iran's own lunar calendar is set by moon
//! sighting and may differ by a day, so a lunar date is always exact in Umm al-Qura terms
//! and may be one day off the Iranian observance.
//!
//! ```
//! use dabir::extract::calendar::{Calendar, IsoDate};
//! assert_eq!(Calendar::SolarHijri.to_iso(1403, 4, 14), IsoDate::new(2024, 7, 4));
//! assert_eq!(Calendar::LunarHijri.to_iso(1446, 1, 10), IsoDate::new(2024, 7, 16));
//! ```

use icu_calendar::cal::{Hijri, Persian};
use icu_calendar::types::RataDie;
use icu_calendar::{Date, Iso};
use serde::Serialize;
use std::fmt;

/// The calendars Persian news writes dates in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Calendar {
    /// Solar Hijri (Jalali, هجری شمسی), Iran's civil calendar.
    SolarHijri,
    /// Gregorian (میلادی).
    Gregorian,
    /// Lunar Hijri (هجری قمری), Umm al-Qura variant.
    LunarHijri,
}

/// A Gregorian (ISO 8601) calendar date: the common ground every calendar converts to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoDate {
    /// Year (proleptic Gregorian).
    pub year: i32,
    /// Month 1–12.
    pub month: u8,
    /// Day 1–31.
    pub day: u8,
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for IsoDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Years outside this window are refused before they reach the calendar code: news
/// dates live well inside it, and it keeps every conversion and day count in range.
const YEAR_LIMIT: u32 = 9000;

impl IsoDate {
    /// A valid Gregorian date, or `None`.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        if year.unsigned_abs() > YEAR_LIMIT {
            return None;
        }
        Date::try_new_iso(year, month, day)
            .ok()
            .map(|_| IsoDate { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Self> {
        let mut it = s.trim().splitn(3, '-');
        let y = it.next()?.parse().ok()?;
        let m = it.next()?.parse().ok()?;
        let d = it.next()?.parse().ok()?;
        IsoDate::new(y, m, d)
    }

    fn icu(self) -> Option<Date<Iso>> {
        Date::try_new_iso(self.year, self.month, self.day).ok()
    }

    /// Days since the calendar epoch (rata die), for arithmetic.
    pub fn days(self) -> i64 {
        self.icu().map_or(0, |d| d.to_rata_die().to_i64_date())
    }

    /// The date `days` after the rata die day number `rd`.
    pub fn from_days(rd: i64) -> Option<Self> {
        // ±9000 years of days: beyond that, refuse instead of asking the calendar
        if rd.unsigned_abs() > 3_300_000 {
            return None;
        }
        let d = Date::from_rata_die(RataDie::new(rd), Iso);
        Some(IsoDate {
            year: d.era_year().year,
            month: d.month().ordinal,
            day: d.day_of_month().0,
        })
    }

    /// This date moved by `n` days.
    pub fn add_days(self, n: i64) -> Option<Self> {
        IsoDate::from_days(self.days().checked_add(n)?)
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    pub fn weekday(self) -> u8 {
        self.icu().map_or(0, |d| d.weekday() as u8)
    }
}

impl Calendar {
    /// The Gregorian date of day `day` of month `month` of `year` in this calendar, or
    /// `None` when there is no such day (month 13, 31 Esfand, 30 of a 29-day lunar month).
    pub fn to_iso(self, year: i32, month: u8, day: u8) -> Option<IsoDate> {
        if year.unsigned_abs() > YEAR_LIMIT {
            return None;
        }
        let iso = match self {
            Calendar::Gregorian => return IsoDate::new(year, month, day),
            Calendar::SolarHijri => Date::try_new_persian(year, month, day)
                .ok()?
                .to_calendar(Iso),
            Calendar::LunarHijri => {
                Date::try_new_hijri_with_calendar(year, month, day, Hijri::new_umm_al_qura())
                    .ok()?
                    .to_calendar(Iso)
            }
        };
        Some(IsoDate {
            year: iso.era_year().year,
            month: iso.month().ordinal,
            day: iso.day_of_month().0,
        })
    }

    /// The (year, month, day) of a Gregorian date in this calendar.
    pub fn from_iso(self, date: IsoDate) -> Option<(i32, u8, u8)> {
        let iso = date.icu()?;
        Some(match self {
            Calendar::Gregorian => (date.year, date.month, date.day),
            Calendar::SolarHijri => {
                let d = iso.to_calendar(Persian);
                (d.era_year().year, d.month().ordinal, d.day_of_month().0)
            }
            Calendar::LunarHijri => {
                let d = iso.to_calendar(Hijri::new_umm_al_qura());
                (d.era_year().year, d.month().ordinal, d.day_of_month().0)
            }
        })
    }

    /// Days in `month` of `year`, or `None` for a month that does not exist.
    pub fn days_in_month(self, year: i32, month: u8) -> Option<u8> {
        // the first day of the next month minus one
        let first = self.to_iso(year, month, 1)?;
        let (ny, nm) = if month >= 12 {
            (year.checked_add(1)?, 1)
        } else {
            (year, month + 1)
        };
        let next = self.to_iso(ny, nm, 1)?;
        u8::try_from(next.days() - first.days()).ok()
    }

    /// The first and last Gregorian day of `year` in this calendar.
    pub fn year_range(self, year: i32) -> Option<(IsoDate, IsoDate)> {
        let first = self.to_iso(year, 1, 1)?;
        let last = self.to_iso(year, 12, self.days_in_month(year, 12)?)?;
        Some((first, last))
    }

    /// The first and last Gregorian day of `month` of `year` in this calendar.
    pub fn month_range(self, year: i32, month: u8) -> Option<(IsoDate, IsoDate)> {
        let first = self.to_iso(year, month, 1)?;
        let last = self.to_iso(year, month, self.days_in_month(year, month)?)?;
        Some((first, last))
    }

    /// True when `year` has a leap day (30 Esfand; 29 February; a 355-day lunar year).
    pub fn is_leap(self, year: i32) -> bool {
        match self.year_range(year) {
            Some((a, b)) => {
                b.days() - a.days() + 1
                    > if self == Calendar::LunarHijri {
                        354
                    } else {
                        365
                    }
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(y: i32, m: u8, d: u8) -> Option<IsoDate> {
        IsoDate::new(y, m, d)
    }

    /// Dates fixed by history and by the official Iranian calendar.
    #[test]
    fn known_solar_hijri_conversions() {
        let known = [
            ((1300, 1, 1), (1921, 3, 21)),
            ((1357, 11, 22), (1979, 2, 11)),
            ((1358, 1, 12), (1979, 4, 1)),
            ((1358, 8, 13), (1979, 11, 4)),
            ((1359, 6, 31), (1980, 9, 22)),
            ((1368, 3, 14), (1989, 6, 4)),
            ((1376, 3, 2), (1997, 5, 23)),
            ((1379, 1, 1), (2000, 3, 20)),
            ((1380, 1, 1), (2001, 3, 21)),
            ((1399, 1, 1), (2020, 3, 20)),
            ((1399, 12, 30), (2021, 3, 20)),
            ((1400, 1, 1), (2021, 3, 21)),
            ((1403, 1, 1), (2024, 3, 20)),
            ((1403, 4, 14), (2024, 7, 4)),
            ((1403, 12, 30), (2025, 3, 20)),
            ((1404, 1, 1), (2025, 3, 21)),
            ((1405, 1, 1), (2026, 3, 21)),
        ];
        for ((y, m, d), (gy, gm, gd)) in known {
            assert_eq!(
                Calendar::SolarHijri.to_iso(y, m, d),
                iso(gy, gm, gd),
                "{y}-{m}-{d}"
            );
            assert_eq!(
                Calendar::SolarHijri.from_iso(IsoDate {
                    year: gy,
                    month: gm,
                    day: gd
                }),
                Some((y, m, d))
            );
        }
    }

    #[test]
    fn solar_hijri_leap_years() {
        assert!(Calendar::SolarHijri.is_leap(1399));
        assert!(Calendar::SolarHijri.is_leap(1403));
        assert!(!Calendar::SolarHijri.is_leap(1404));
        assert!(!Calendar::SolarHijri.is_leap(1402));
        assert_eq!(Calendar::SolarHijri.to_iso(1404, 12, 30), None);
        assert_eq!(Calendar::SolarHijri.days_in_month(1403, 12), Some(30));
        assert_eq!(Calendar::SolarHijri.days_in_month(1402, 12), Some(29));
        assert_eq!(Calendar::SolarHijri.days_in_month(1403, 6), Some(31));
        assert_eq!(Calendar::SolarHijri.days_in_month(1403, 7), Some(30));
    }

    /// Every day of 1300–1500 SH: months of 31/30/29–30 days, years of 365 or 366,
    /// consecutive days, and the round trip through the Gregorian calendar.
    #[test]
    fn solar_hijri_every_day_1300_to_1500() {
        let mut prev: Option<i64> = None;
        let mut leap = 0;
        for y in 1300..=1500 {
            let mut len = 0;
            for m in 1..=12u8 {
                let n = Calendar::SolarHijri.days_in_month(y, m).unwrap_or(0);
                let want: &[u8] = match m {
                    1..=6 => &[31],
                    7..=11 => &[30],
                    _ => &[29, 30],
                };
                assert!(want.contains(&n), "{y}/{m} has {n} days");
                for d in 1..=n {
                    let g = Calendar::SolarHijri.to_iso(y, m, d);
                    let Some(g) = g else {
                        panic!("{y}/{m}/{d} did not convert")
                    };
                    assert_eq!(Calendar::SolarHijri.from_iso(g), Some((y, m, d)));
                    if let Some(p) = prev {
                        assert_eq!(g.days(), p + 1, "{y}/{m}/{d}");
                    }
                    prev = Some(g.days());
                    len += 1;
                }
            }
            assert!(len == 365 || len == 366);
            if len == 366 {
                leap += 1;
            }
            // Nowruz falls on 20, 21 or 22 March (19 in a few far years)
            let n = Calendar::SolarHijri.to_iso(y, 1, 1).unwrap_or(IsoDate {
                year: 0,
                month: 0,
                day: 0,
            });
            assert_eq!((n.year, n.month), (y + 621, 3), "{y}");
            assert!((19..=22).contains(&n.day), "{y}: {n}");
        }
        // 8 leap years in every 33, give or take: 201 years hold 48–49
        assert!((47..=50).contains(&leap), "{leap}");
    }

    #[test]
    fn lunar_hijri_umm_al_qura() {
        let known = [
            ((1446, 1, 1), (2024, 7, 7)),
            ((1446, 1, 10), (2024, 7, 16)),
            ((1445, 9, 1), (2024, 3, 11)),
            ((1445, 10, 1), (2024, 4, 10)),
        ];
        for ((y, m, d), (gy, gm, gd)) in known {
            assert_eq!(
                Calendar::LunarHijri.to_iso(y, m, d),
                iso(gy, gm, gd),
                "{y}-{m}-{d}"
            );
        }
        // years of 354 or 355 days over the whole range that matches 1300–1500 SH
        for y in 1338..=1545 {
            let (a, b) = Calendar::LunarHijri.year_range(y).unwrap_or((
                IsoDate {
                    year: 0,
                    month: 1,
                    day: 1,
                },
                IsoDate {
                    year: 0,
                    month: 1,
                    day: 1,
                },
            ));
            let len = b.days() - a.days() + 1;
            assert!(len == 354 || len == 355, "{y}: {len}");
        }
    }

    #[test]
    fn gregorian_and_arithmetic() {
        assert_eq!(Calendar::Gregorian.to_iso(2024, 2, 29), iso(2024, 2, 29));
        assert_eq!(Calendar::Gregorian.to_iso(2023, 2, 29), None);
        let d = IsoDate {
            year: 2024,
            month: 7,
            day: 4,
        };
        assert_eq!(d.weekday(), 4); // Thursday
        assert_eq!(d.add_days(-3), iso(2024, 7, 1));
        assert_eq!(d.add_days(30), iso(2024, 8, 3));
        assert_eq!(IsoDate::parse("2024-07-04"), Some(d));
        assert_eq!(IsoDate::parse("2024-13-04"), None);
        assert_eq!(Calendar::SolarHijri.to_iso(i32::MAX, 1, 1), None);
        assert_eq!(IsoDate::from_days(i64::MIN), None);
    }
}
