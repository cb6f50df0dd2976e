//! Dates and times as Persian news writes them, in three calendars, resolved to ISO 8601.
//!
//! What is read (each row of the README table is a test):
//! - a day and a month name, with or without a year and a weekday: "۱۴ تیر ۱۴۰۳",
//!   "۴ ژوئیه ۲۰۲۴", "۱۰ محرم ۱۴۴۶", "پنجشنبه ۱۴ تیر (۴ ژوئیه)" (a date in brackets
//!   right after another is the same day in another calendar: the two are merged and
//!   checked against each other);
//! - numeric dates year first: "۱۴۰۳/۰۴/۱۴", "۲۰۲۴-۰۷-۰۴";
//! - a month ("تیر ۱۴۰۳", "ماه مه"), a year ("سال ۲۰۱۸", "از سال ۱۳۵۷": a range open
//!   at its end), a decade ("دهه ۱۳۶۰"), a part of any of these ("اوایل", "اواسط",
//!   "اواخر": approximate), "حدود" before a date (approximate);
//! - relative expressions ("دیروز", "هفته گذشته", "سه روز پیش", "روز جمعه", "پارسال"),
//!   resolved only against a reference date: the caller's, or else a dateline found at
//!   the head of the text; without one they stay unresolved;
//! - clock times ("ساعت ۱۰ صبح", "ساعت ۲۲:۳۰"), joined to a date written beside them;
//! - ranges "از ۱۴ تا ۱۶ تیر ۱۴۰۳", "از سال ۱۳۵۷ تا ۱۴۰۰".
//!
//! Decisions that are not guesses but conventions, stated here once:
//! - a bare year in 1200–1500 is Solar Hijri and in 1700–2200 Gregorian; a lunar year
//!   needs "قمری" or a lunar month name; any other year is left unresolved;
//! - a day and month without a year take the reference date's year in that calendar
//!   (`year_from_reference` is set);
//! - relative weeks are Iranian weeks (Saturday to Friday); relative months and years
//!   are Solar Hijri months and years;
//! - a weekday alone is the last such day on or before the reference date, unless the
//!   sentence speaks of the future ("خواهد", "آینده"), then the next one on or after it;
//! - two-digit decades ("دهه ۶۰") need an era word ("شمسی", "میلادی") to be resolved.

use super::calendar::{Calendar, IsoDate};
use super::lexicon::{self, Phrases};
use super::numbers::{parse_digits, NumberParser};
use super::tokens::{Kind, Tok};
use crate::script::digit_value;
use crate::Span;
use serde::Serialize;

/// How precise a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    /// A clock time (with or without its day).
    Time,
    /// A day.
    Day,
    /// A week (Saturday to Friday).
    Week,
    /// A month.
    Month,
    /// A year.
    Year,
    /// A decade.
    Decade,
}

/// What the text wrote, in its own calendar: the fields it gave, nothing inferred.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Written {
    /// Year as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// Month number 1–12.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month: Option<u8>,
    /// Day of the month.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day: Option<u8>,
    /// ISO weekday named in the text (1 = Monday … 7 = Sunday).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weekday: Option<u8>,
    /// Hour (0–23) and minute of a clock time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<(u8, u8)>,
}

/// Where a resolved relative date took its anchor from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    /// The reference date the caller gave.
    Reference,
    /// The dateline at the head of the text.
    Dateline,
}

/// A date or time expression found in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DateExpr {
    /// Byte span in the cleaned text.
    pub span: Span,
    /// The same span in the input the caller gave (equal to `span` until mapped).
    pub input_span: Span,
    /// The text of the span.
    pub text: String,
    /// The calendar the text wrote it in, when it says (or a convention above decides).
    pub calendar: Option<Calendar>,
    /// How precise it is.
    pub granularity: Granularity,
    /// The fields as written.
    pub written: Written,
    /// ISO 8601 value: `2024-07-04`, `2024-07`, `2018`, `199` (a decade),
    /// `2024-07-04T10:00`, `T10:00` (a time without its day), or an interval
    /// `start/end` (Solar and lunar months and years, weeks, ranges; `start/..` open).
    /// `None` when unresolved.
    pub value: Option<String>,
    /// First day covered.
    pub start: Option<IsoDate>,
    /// Last day covered (`None` for an open range).
    pub end: Option<IsoDate>,
    /// True for "from … (to …)" ranges.
    pub range: bool,
    /// True for "اوایل", "اواخر", "حدود" and counts of weeks ago.
    pub approximate: bool,
    /// True for expressions that need a reference date ("دیروز", "روز جمعه").
    pub relative: bool,
    /// Where a relative date was anchored.
    pub anchor: Option<Anchor>,
    /// True when the year was taken from the reference date.
    pub year_from_reference: bool,
    /// True for the dateline the text opens with.
    pub dateline: bool,
    /// Why it is unresolved, or what does not agree (a weekday that does not match).
    pub note: Option<String>,
}

/// A part of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Early,
    Mid,
    Late,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
    Decade,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateWord {
    Relative(i64),
    RelativeYear(i64),
    Unit(Unit),
    Direction(i64),
    Part(Part),
    Approx,
    Era(Calendar),
    DayPart(DayPart),
    Clock,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DayPart {
    Morning,
    Early,
    Noon,
    Afternoon,
    Night,
    Midnight,
}

#[derive(Debug, Clone, Copy)]
struct Month {
    calendar: Calendar,
    number: u8,
    ambiguous: bool,
}

/// What a date expression means before it is resolved.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Meaning {
    /// Fields of an absolute date (any may be missing).
    Absolute,
    /// N days from the reference.
    DayOffset(i64),
    /// N weeks from the reference's week (0 = this week).
    WeekOffset(i64),
    /// N Solar months from the reference's month.
    MonthOffset(i64),
    /// N Solar years from the reference's year.
    YearOffset(i64),
    /// A weekday: −1 the last one before, +1 the next, 0 by the sentence's tense.
    Weekday(i64),
    /// A clock time alone.
    TimeOnly,
}

/// A date expression being built.
#[derive(Debug, Clone, Copy)]
struct Draft {
    toks: (usize, usize),
    calendar: Option<Calendar>,
    written: Written,
    granularity: Granularity,
    meaning: Meaning,
    part: Option<Part>,
    approximate: bool,
    /// A range: the end day's fields (same calendar), or open (None with `range`).
    range: bool,
    range_end: Option<Written>,
    future: bool,
    /// The same day as written in brackets in another calendar, to check agreement.
    check: Option<(Calendar, Written)>,
    /// A range that runs to the reference date ("از سال ۱۳۵۷ تا کنون").
    until_now: bool,
}

impl Draft {
    fn new(toks: (usize, usize), granularity: Granularity, meaning: Meaning) -> Self {
        Draft {
            toks,
            calendar: None,
            written: Written::default(),
            granularity,
            meaning,
            part: None,
            approximate: false,
            range: false,
            range_end: None,
            future: false,
            check: None,
            until_now: false,
        }
    }
}

/// Finds and resolves date and time expressions.
#[derive(Debug, Clone)]
pub struct DateParser {
    months: Phrases<Month>,
    weekdays: Phrases<u8>,
    words: Phrases<DateWord>,
    numbers: NumberParser,
}

impl Default for DateParser {
    fn default() -> Self {
        Self::new()
    }
}

fn calendar_of(name: &str) -> Option<Calendar> {
    match name {
        "solar_hijri" => Some(Calendar::SolarHijri),
        "gregorian" => Some(Calendar::Gregorian),
        "lunar_hijri" => Some(Calendar::LunarHijri),
        _ => None,
    }
}

impl DateParser {
    /// The parser with the embedded month, weekday and date-word lexicons.
    pub fn new() -> Self {
        let mut months = Phrases::default();
        for r in lexicon::rows(&lexicon::MONTHS) {
            let (Some(form), Some(cal), Some(n)) = (r.first(), r.get(1), r.get(2)) else {
                continue;
            };
            let (Some(calendar), Ok(number)) = (calendar_of(cal), n.parse()) else {
                continue;
            };
            let ambiguous = r.get(3) == Some(&"ambiguous");
            months.insert(
                form,
                Month {
                    calendar,
                    number,
                    ambiguous,
                },
            );
        }
        let mut weekdays = Phrases::default();
        for r in lexicon::rows(&lexicon::WEEKDAYS) {
            if let (Some(form), Some(Ok(n))) = (r.first(), r.get(1).map(|v| v.parse())) {
                weekdays.insert(form, n);
            }
        }
        let mut words = Phrases::default();
        for r in lexicon::rows(&lexicon::DATE_WORDS) {
            let (Some(form), Some(kind), Some(v)) = (r.first(), r.get(1), r.get(2)) else {
                continue;
            };
            let w = match *kind {
                "relative" => v.parse().ok().map(DateWord::Relative),
                "relative_year" => v.parse().ok().map(DateWord::RelativeYear),
                "direction" => v.parse().ok().map(DateWord::Direction),
                "unit" => match *v {
                    "day" => Some(Unit::Day),
                    "week" => Some(Unit::Week),
                    "month" => Some(Unit::Month),
                    "year" => Some(Unit::Year),
                    "decade" => Some(Unit::Decade),
                    _ => None,
                }
                .map(DateWord::Unit),
                "part" => match *v {
                    "early" => Some(Part::Early),
                    "mid" => Some(Part::Mid),
                    "late" => Some(Part::Late),
                    _ => None,
                }
                .map(DateWord::Part),
                "approx" => Some(DateWord::Approx),
                "era" => calendar_of(v).map(DateWord::Era),
                "daypart" => match *v {
                    "morning" => Some(DayPart::Morning),
                    "early" => Some(DayPart::Early),
                    "noon" => Some(DayPart::Noon),
                    "afternoon" => Some(DayPart::Afternoon),
                    "night" => Some(DayPart::Night),
                    "midnight" => Some(DayPart::Midnight),
                    _ => None,
                }
                .map(DateWord::DayPart),
                "clock" => Some(DateWord::Clock),
                _ => None,
            };
            if let Some(w) = w {
                words.insert(form, w);
            }
        }
        DateParser {
            months,
            weekdays,
            words,
            numbers: NumberParser::new(),
        }
    }

    /// Every date and time expression of `text`, resolved against `reference` (or the
    /// dateline the text opens with, when `reference` is `None`).
    pub fn find_all(&self, text: &str, reference: Option<IsoDate>) -> Vec<DateExpr> {
        self.find_in(text, &super::tokens::tokenize(text), reference)
    }

    pub(crate) fn find_in(
        &self,
        text: &str,
        toks: &[Tok],
        reference: Option<IsoDate>,
    ) -> Vec<DateExpr> {
        let drafts = self.drafts(text, toks);
        // the dateline: a full absolute date among the first tokens of the first line
        let first_line_end = text.find('\n').unwrap_or(text.len());
        let dateline = drafts.iter().position(|d| {
            d.meaning == Meaning::Absolute
                && d.written.day.is_some()
                && d.written.year.is_some()
                && d.toks.0 < 8
                // a heading: the text goes on after it
                && d.toks.1 < toks.len()
                && toks
                    .get(d.toks.0)
                    .is_some_and(|t| t.span.start < first_line_end)
                // at the head of the text, or after the place and a dash or comma
                && (d.toks.0 == 0
                    || matches!(
                        Self::form(text, toks, d.toks.0 - 1),
                        "-" | "–" | "—" | "،" | "," | ":" | "|" | "/"
                    ))
                && !d.range
        });
        let dateline_date = dateline
            .and_then(|i| drafts.get(i))
            .and_then(|d| resolve(d, None).1);
        let (reference, anchor) = match (reference, dateline_date) {
            (Some(r), _) => (Some(r), Anchor::Reference),
            (None, Some(d)) => (Some(d), Anchor::Dateline),
            (None, None) => (None, Anchor::Reference),
        };
        drafts
            .iter()
            .enumerate()
            .map(|(k, d)| {
                let mut e = build(text, toks, d, reference.map(|r| (r, anchor)));
                e.dateline = Some(k) == dateline;
                e
            })
            .collect()
    }

    fn word(&self, text: &str, toks: &[Tok], i: usize) -> Option<(usize, DateWord)> {
        self.words.at(text, toks, i).map(|(n, w)| (n, *w))
    }

    fn form<'t>(text: &'t str, toks: &[Tok], i: usize) -> &'t str {
        toks.get(i)
            .and_then(|t| text.get(t.span.range()))
            .unwrap_or("")
    }

    /// A month name at `i`: its token count and month. An ambiguous name counts only
    /// next to a day, a year or «ماه» (checked by the caller through `need_context`).
    fn month_at(&self, text: &str, toks: &[Tok], i: usize) -> Option<(usize, Month)> {
        if let Some((n, m)) = self.months.at(text, toks, i) {
            // a name glued by ZWNJ to what follows is another word (می‌گوید)
            if toks.get(i + n).is_some_and(|t| t.after_zwnj) && !is_mah(text, toks, i + n) {
                return None;
            }
            return Some((n, *m));
        }
        // تیرماه، اردیبهشت‌ماه (the ZWNJ form is two tokens, the second «ماه»)
        let f = Self::form(text, toks, i);
        let stem = f.strip_suffix("ماه")?;
        let m = self.months.at(stem, &super::tokens::tokenize(stem), 0)?;
        (m.0 == 1).then_some((1, *m.1))
    }

    /// A day of the month (digits or words, cardinal or ordinal) at `i`.
    fn day_at(&self, text: &str, toks: &[Tok], i: usize) -> Option<(usize, u8)> {
        let t = toks.get(i)?;
        if t.kind == Kind::Number {
            let v = parse_digits(text.get(t.span.range())?)?;
            return (v.fract() == 0.0 && (1.0..=31.0).contains(&v)).then_some((1, v as u8));
        }
        let n = self.numbers.parse_at(text, toks, i)?;
        let v = n.value;
        (v.fract() == 0.0 && (1.0..=31.0).contains(&v)).then_some((n.toks.len(), v as u8))
    }

    /// A year written in digits at `i` (3–4 digits, no separators).
    fn year_at(text: &str, toks: &[Tok], i: usize) -> Option<i32> {
        let t = toks.get(i)?;
        if t.kind != Kind::Number {
            return None;
        }
        let s = text.get(t.span.range())?;
        let n = s.chars().count();
        if !(3..=4).contains(&n) || s.chars().any(|c| digit_value(c).is_none()) {
            return None;
        }
        let v = parse_digits(s)?;
        Some(v as i32)
    }

    /// An era word at `i` ("شمسی", "میلادی", "قمری"), with «هجری» allowed before.
    /// A year at `i` and the era word after it, if any («۱۴۰۳», «۱۴۴۶ قمری»): the year
    /// and the number of tokens read. The calendar comes from the month before it.
    fn year_with_era(&self, text: &str, toks: &[Tok], i: usize) -> Option<(i32, usize)> {
        let y = Self::year_at(text, toks, i)?;
        let era = self.era_at(text, toks, i + 1).map_or(0, |(n, _)| n);
        Some((y, 1 + era))
    }

    fn era_at(&self, text: &str, toks: &[Tok], i: usize) -> Option<(usize, Calendar)> {
        match self.word(text, toks, i)? {
            (n, DateWord::Era(c)) => Some((n, c)),
            _ => None,
        }
    }

    fn drafts(&self, text: &str, toks: &[Tok]) -> Vec<Draft> {
        let mut out: Vec<Draft> = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            match self.draft_at(text, toks, i) {
                Some(d) => {
                    i = d.toks.1.max(i + 1);
                    out.push(d);
                }
                None => i += 1,
            }
        }
        let mut out = merge(text, toks, out);
        // the tense of the sentence decides which Friday «روز جمعه» is
        if out.iter().any(|d| d.meaning == Meaning::Weekday(0)) {
            let future = future_tokens(text, toks);
            for d in out.iter_mut().filter(|d| d.meaning == Meaning::Weekday(0)) {
                d.future = future.get(d.toks.0).copied().unwrap_or(false);
            }
        }
        out
    }

    /// The date expression that starts at token `i`.
    fn draft_at(&self, text: &str, toks: &[Tok], i: usize) -> Option<Draft> {
        // modifiers before a date: اوایل، اواسط، اواخر، حدود، از (a range)
        if let Some((n, w)) = self.word(text, toks, i) {
            match w {
                DateWord::Part(p) => {
                    let mut d = self.core_at(text, toks, i + n)?;
                    if d.meaning == Meaning::TimeOnly || d.granularity == Granularity::Day {
                        return None;
                    }
                    d.part = Some(p);
                    d.approximate = true;
                    d.toks.0 = i;
                    return Some(d);
                }
                DateWord::Approx => {
                    let mut d = self.core_at(text, toks, i + n)?;
                    d.approximate = true;
                    d.toks.0 = i;
                    return Some(d);
                }
                _ => {}
            }
        }
        if Self::form(text, toks, i) == "از" {
            if let Some(d) = self.range_at(text, toks, i) {
                return Some(d);
            }
        }
        self.core_at(text, toks, i)
    }

    /// "از X تا Y", "از X" (open), "از ۱۴ تا ۱۶ تیر".
    fn range_at(&self, text: &str, toks: &[Tok], i: usize) -> Option<Draft> {
        // «از ۱۴ تا ۱۶ تیر ۱۴۰۳»: two days and one month
        if let Some((n1, d1)) = self.day_at(text, toks, i + 1) {
            if Self::form(text, toks, i + 1 + n1) == "تا" {
                let end = self.core_at(text, toks, i + 2 + n1)?;
                if end.granularity == Granularity::Day && end.meaning == Meaning::Absolute {
                    let mut d = end;
                    d.toks = (i, end.toks.1);
                    d.range_end = Some(end.written);
                    d.written.day = Some(d1);
                    d.range = true;
                    return Some(d);
                }
                return None;
            }
        }
        let mut d = self.core_at(text, toks, i + 1)?;
        if d.meaning != Meaning::Absolute || d.granularity == Granularity::Time {
            return None;
        }
        d.toks.0 = i;
        d.range = true;
        // «تا کنون», «تاکنون», «تا امروز»: the range ends at the reference date
        let now_at = |k: usize| match (Self::form(text, toks, k), Self::form(text, toks, k + 1)) {
            ("تاکنون", _) => Some(1),
            ("تا", "کنون" | "اکنون" | "امروز" | "به امروز") => Some(2),
            _ => None,
        };
        if let Some(n) = now_at(d.toks.1) {
            d.toks.1 += n;
            d.until_now = true;
            return Some(d);
        }
        if Self::form(text, toks, d.toks.1) == "تا" {
            let j = d.toks.1 + 1;
            // «تا ۱۴۰۰» or «تا سال ۱۴۰۰»: the same kind of date
            let end = self.core_at(text, toks, j).or_else(|| {
                let y = Self::year_at(text, toks, j)?;
                let mut e = Draft::new((j, j + 1), d.granularity, Meaning::Absolute);
                e.written.year = Some(y);
                e.calendar = d.calendar;
                Some(e)
            });
            if let Some(e) =
                end.filter(|e| e.meaning == Meaning::Absolute && e.granularity == d.granularity)
            {
                d.range_end = Some(e.written);
                d.toks.1 = e.toks.1;
                if d.calendar.is_none() {
                    d.calendar = e.calendar;
                }
            }
        }
        Some(d)
    }

    /// A date expression without modifiers at `i`.
    fn core_at(&self, text: &str, toks: &[Tok], i: usize) -> Option<Draft> {
        self.weekday_date_at(text, toks, i)
            .or_else(|| self.day_month_at(text, toks, i))
            .or_else(|| self.numeric_at(text, toks, i))
            .or_else(|| self.month_year_at(text, toks, i))
            .or_else(|| self.year_or_decade_at(text, toks, i))
            .or_else(|| self.relative_at(text, toks, i))
            .or_else(|| self.time_at(text, toks, i))
    }

    /// "پنجشنبه ۱۴ تیر", "روز جمعه", "جمعه گذشته".
    fn weekday_date_at(&self, text: &str, toks: &[Tok], i: usize) -> Option<Draft> {
        let roz = Self::form(text, toks, i) == "روز";
        let k = if roz { i + 1 } else { i };
        let (n, wd) = self.weekdays.at(text, toks, k)?;
        let wd = *wd;
        let mut j = k + n;
        if Self::form(text, toks, j) == "،" {
            j += 1;
        }
        if let Some(mut d) = self
            .day_month_at(text, toks, j)
            .or_else(|| self.numeric_at(text, toks, j))
        {
            d.toks.0 = i;
            d.written.weekday = Some(wd);
            return Some(d);
        }
        let mut d = Draft::new((i, k + n), Granularity::Day, Meaning::Weekday(0));
        d.written.weekday = Some(wd);
        // جمعه گذشته، جمعه آینده، جمعه هفته گذشته
        match self.word(text, toks, k + n) {
            Some((m, DateWord::Direction(dir))) if dir != 0 => {
                d.meaning = Meaning::Weekday(dir.signum());
                d.toks.1 = k + n + m;
            }
            _ => {}
        }
        Some(d)
    }

    /// "۱۴ تیر ۱۴۰۳", "۴ ژوئیه ۲۰۲۴", "چهاردهم تیرماه", "۱۰ محرم ۱۴۴۶ قمری".
    fn day_month_at(&self, text: &str, toks: &[Tok], i: usize) -> Option<Draft> {
        let (dn, day) = self.day_at(text, toks, i)?;
        let (mn, month) = self.month_at(text, toks, i + dn)?;
        let mut j = i + dn + mn;
        if is_mah(text, toks, j) {
            j += 1;
        }
        let mut d = Draft::new((i, j), Granularity::Day, Meaning::Absolute);
        d.calendar = Some(month.calendar);
        d.written.month = Some(month.number);
        d.written.day = Some(day);
        if let Some((y, n)) = self.year_with_era(text, toks, j) {
            d.written.year = Some(y);
            j += n;
        }
        d.toks.1 = j;
        Some(d)
    }

    /// "۱۴۰۳/۰۴/۱۴", "۱۴۰۳.۰۴.۱۴", "۲۰۲۴-۰۷-۰۴": year first, one separator kind.
    fn numeric_at(&self, text: &str, toks: &[Tok], i: usize) -> Option<Draft> {
        let t = toks.get(i)?;
        if t.kind != Kind::Number {
            return None;
        }
        let s = text.get(t.span.range())?;
        let sep = ['/', '.', '-']
            .into_iter()
            .find(|c| s.matches(*c).count() == 2)?;
        let parts: Vec<&str> = s.split(sep).collect();
        let [y, m, dd] = parts.as_slice() else {
            return None;
        };
        if y.chars().count() != 4 {
            return None;
        }
        let y = parse_digits(y)? as i32;
        let m = parse_digits(m)?;
        let dd = parse_digits(dd)?;
        if !(1.0..=12.0).contains(&m) || !(1.0..=31.0).contains(&dd) {
            return None;
        }
        let mut d = Draft::new((i, i + 1), Granularity::Day, Meaning::Absolute);
        d.written = Written {
            year: Some(y),
            month: Some(m as u8),
            day: Some(dd as u8),
            ..Written::default()
        };
        d.calendar = if let Some((n, c)) = self.era_at(text, toks, i + 1) {
            d.toks.1 += n;
            Some(c)
        } else {
            calendar_of_year(y)
        };
        Some(d)
    }

    /// "تیر ۱۴۰۳", "ماه مه", "مه ۲۰۲۴", "ماه رمضان".
    fn month_year_at(&self, text: &str, toks: &[Tok], i: usize) -> Option<Draft> {
        let mah = is_mah(text, toks, i);
        let k = if mah { i + 1 } else { i };
        let (mn, month) = self.month_at(text, toks, k)?;
        let mut j = k + mn;
        if is_mah(text, toks, j) {
            j += 1;
        }
        let year = self.year_with_era(text, toks, j);
        let glued_mah = mn == 1
            && Self::form(text, toks, k).ends_with("ماه")
            && Self::form(text, toks, k) != "ماه";
        if month.ambiguous && !mah && year.is_none() && !glued_mah && j == k + mn {
            return None;
        }
        let mut d = Draft::new((i, j), Granularity::Month, Meaning::Absolute);
        d.calendar = Some(month.calendar);
        d.written.month = Some(month.number);
        if let Some((y, n)) = year {
            d.written.year = Some(y);
            j += n;
        }
        d.toks.1 = j;
        Some(d)
    }

    /// "سال ۲۰۱۸", "سال ۱۴۴۶ قمری", "دهه ۱۳۶۰", "دهه ۹۰ میلادی".
    fn year_or_decade_at(&self, text: &str, toks: &[Tok], i: usize) -> Option<Draft> {
        let unit = match self.word(text, toks, i)? {
            (1, DateWord::Unit(u @ (Unit::Year | Unit::Decade))) => u,
            _ => return None,
        };
        let j = i + 1;
        let (n, value) = match Self::year_at(text, toks, j) {
            Some(y) => (1, y),
            None if unit == Unit::Decade => {
                // دهه ۶۰، دهه شصت
                let t = toks.get(j)?;
                let v = if t.kind == Kind::Number {
                    parse_digits(text.get(t.span.range())?)?
                } else {
                    let num = self.numbers.parse_at(text, toks, j)?;
                    if num.toks.len() != 1 {
                        return None;
                    }
                    num.value
                };
                if v.fract() != 0.0 || !(10.0..=90.0).contains(&v) || v % 10.0 != 0.0 {
                    return None;
                }
                (1, v as i32)
            }
            None => return None,
        };
        let mut d = Draft::new(
            (i, j + n),
            if unit == Unit::Year {
                Granularity::Year
            } else {
                Granularity::Decade
            },
            Meaning::Absolute,
        );
        d.written.year = Some(value);
        if let Some((m, c)) = self.era_at(text, toks, j + n) {
            d.toks.1 += m;
            d.calendar = Some(c);
        } else if value >= 1000 {
            d.calendar = calendar_of_year(value);
        }
        if unit == Unit::Decade && value % 10 != 0 {
            return None;
        }
        Some(d)
    }

    /// "دیروز", "سه روز پیش", "هفته گذشته", "ماه آینده", "این هفته", "پارسال".
    fn relative_at(&self, text: &str, toks: &[Tok], i: usize) -> Option<Draft> {
        if let Some((n, w)) = self.word(text, toks, i) {
            match w {
                DateWord::Relative(off) => {
                    return Some(Draft::new(
                        (i, i + n),
                        Granularity::Day,
                        Meaning::DayOffset(off),
                    ));
                }
                DateWord::RelativeYear(off) => {
                    return Some(Draft::new(
                        (i, i + n),
                        Granularity::Year,
                        Meaning::YearOffset(off),
                    ));
                }
                DateWord::Unit(u) => {
                    // هفته گذشته، ماه آینده، سال جاری; but «روز بعد», «سال قبل» count from
                    // a date of the story, not from today: not relative to the reference
                    if let Some((m, DateWord::Direction(dir))) = self.word(text, toks, i + n) {
                        if matches!(Self::form(text, toks, i + n), "بعد" | "قبل" | "دیگر")
                        {
                            return None;
                        }
                        return unit_offset(u, dir, (i, i + n + m));
                    }
                    return None;
                }
                _ => {}
            }
        }
        let f = Self::form(text, toks, i);
        if f == "این" || f == "همین" {
            if let Some((n, DateWord::Unit(u))) = self.word(text, toks, i + 1) {
                if u != Unit::Day && u != Unit::Decade {
                    return unit_offset(u, 0, (i, i + 1 + n));
                }
            }
            return None;
        }
        // N unit ago / N unit later: سه روز پیش، ۲ هفته قبل، پنج سال دیگر
        let num = self.numbers.parse_at(text, toks, i)?;
        if num.ordinal || num.value.fract() != 0.0 || num.value > 10_000.0 {
            return None;
        }
        let j = num.toks.end;
        let (n, u) = match self.word(text, toks, j)? {
            (n, DateWord::Unit(u)) => (n, u),
            _ => return None,
        };
        let (m, dir) = match self.word(text, toks, j + n)? {
            (m, DateWord::Direction(d)) if d != 0 => (m, d),
            _ => return None,
        };
        let k = num.value as i64 * dir;
        let span = (i, j + n + m);
        let mut d = match u {
            Unit::Day => Draft::new(span, Granularity::Day, Meaning::DayOffset(k)),
            Unit::Week => {
                let mut d = Draft::new(span, Granularity::Day, Meaning::DayOffset(7 * k));
                d.approximate = true;
                d
            }
            Unit::Month => Draft::new(span, Granularity::Month, Meaning::MonthOffset(k)),
            Unit::Year => Draft::new(span, Granularity::Year, Meaning::YearOffset(k)),
            Unit::Decade => return None,
        };
        d.calendar = match u {
            Unit::Month | Unit::Year => Some(Calendar::SolarHijri),
            _ => None,
        };
        Some(d)
    }

    /// "ساعت ۱۰ صبح", "ساعت ۲۲:۳۰", "ساعت ۳ بعد از ظهر".
    fn time_at(&self, text: &str, toks: &[Tok], i: usize) -> Option<Draft> {
        match self.word(text, toks, i)? {
            (1, DateWord::Clock) => {}
            _ => return None,
        }
        let t = toks.get(i + 1)?;
        let s = text.get(t.span.range())?;
        let (mut h, m) = if t.kind == Kind::Number {
            match s.split_once(':') {
                Some((h, m)) => (parse_digits(h)?, parse_digits(m)?),
                None => (parse_digits(s)?, 0.0),
            }
        } else {
            let n = self.numbers.parse_at(text, toks, i + 1)?;
            if n.toks.len() != 1 {
                return None;
            }
            (n.value, 0.0)
        };
        if h.fract() != 0.0
            || m.fract() != 0.0
            || !(0.0..=24.0).contains(&h)
            || !(0.0..60.0).contains(&m)
        {
            return None;
        }
        let mut j = i + 2;
        if let Some((n, DateWord::DayPart(p))) = self.word(text, toks, j) {
            j += n;
            h = match p {
                DayPart::Morning | DayPart::Early if h == 12.0 => 0.0,
                DayPart::Afternoon | DayPart::Night if (1.0..12.0).contains(&h) => {
                    // «ساعت ۲ شب» is 2 a.m.; «ساعت ۱۰ شب» 10 p.m.
                    if p == DayPart::Night && h < 5.0 {
                        h
                    } else {
                        h + 12.0
                    }
                }
                DayPart::Midnight if h == 12.0 => 0.0,
                _ => h,
            };
        }
        if h >= 24.0 {
            h = 0.0;
        }
        let mut d = Draft::new((i, j), Granularity::Time, Meaning::TimeOnly);
        d.written.time = Some((h as u8, m as u8));
        Some(d)
    }
}

fn unit_offset(u: Unit, dir: i64, span: (usize, usize)) -> Option<Draft> {
    let mut d = match u {
        Unit::Day => Draft::new(span, Granularity::Day, Meaning::DayOffset(dir)),
        Unit::Week => Draft::new(span, Granularity::Week, Meaning::WeekOffset(dir)),
        Unit::Month => Draft::new(span, Granularity::Month, Meaning::MonthOffset(dir)),
        Unit::Year => Draft::new(span, Granularity::Year, Meaning::YearOffset(dir)),
        Unit::Decade => return None,
    };
    if matches!(u, Unit::Month | Unit::Year) {
        d.calendar = Some(Calendar::SolarHijri);
    }
    Some(d)
}

fn is_mah(text: &str, toks: &[Tok], i: usize) -> bool {
    DateParser::form(text, toks, i) == "ماه"
}

/// The calendar a bare four-digit year is in (see the module docs).
fn calendar_of_year(y: i32) -> Option<Calendar> {
    match y {
        1200..=1500 => Some(Calendar::SolarHijri),
        1700..=2200 => Some(Calendar::Gregorian),
        _ => None,
    }
}

/// Words that put a sentence in the future.
const FUTURE_MARKERS: &[&str] = &["خواهد", "خواهند", "آینده", "قرار"];

/// For each token, whether its sentence (up to `. ! ؟ ?` or a line break) holds a
/// future marker; one pass over the text.
fn future_tokens(text: &str, toks: &[Tok]) -> Vec<bool> {
    let is_end = |t: &Tok| matches!(text.get(t.span.range()), Some("." | "!" | "؟" | "?" | "\n"));
    let mut out = vec![false; toks.len()];
    let mut start = 0;
    for k in 0..=toks.len() {
        let Some(t) = toks.get(k) else {
            mark_future(text, toks, start..k, &mut out);
            break;
        };
        if is_end(t) {
            // the end token belongs to no sentence: a date cannot start there
            mark_future(text, toks, start..k, &mut out);
            start = k + 1;
        }
    }
    out
}

fn mark_future(text: &str, toks: &[Tok], sentence: std::ops::Range<usize>, out: &mut [bool]) {
    let sentence_toks = toks.get(sentence.clone()).unwrap_or(&[]);
    if sentence_toks.iter().any(|t| {
        text.get(t.span.range())
            .is_some_and(|f| FUTURE_MARKERS.contains(&f))
    }) {
        for flag in out.get_mut(sentence).unwrap_or(&mut []) {
            *flag = true;
        }
    }
}

/// Joins a clock time to the date beside it, and a bracketed date to the date before it.
fn merge(text: &str, toks: &[Tok], drafts: Vec<Draft>) -> Vec<Draft> {
    let mut out: Vec<Draft> = Vec::with_capacity(drafts.len());
    for d in drafts {
        // only a gap of at most one token can join two dates
        if let Some(prev) = out.last_mut().filter(|p| d.toks.0 <= p.toks.1 + 1) {
            let gap: Vec<&str> = (prev.toks.1..d.toks.0)
                .map(|k| DateParser::form(text, toks, k))
                .collect();
            let joinable_gap = gap.iter().all(|g| matches!(*g, "،" | "," | "و" | "در"));
            // date + time, or time + date
            let time_with_date = |a: &Draft, b: &Draft| {
                a.meaning == Meaning::TimeOnly
                    && b.meaning != Meaning::TimeOnly
                    && b.granularity == Granularity::Day
                    && !b.range
            };
            if gap.len() <= 1
                && joinable_gap
                && (time_with_date(&d, prev) || time_with_date(prev, &d))
            {
                let (time, mut day) = if d.meaning == Meaning::TimeOnly {
                    (d, *prev)
                } else {
                    (*prev, d)
                };
                day.written.time = time.written.time;
                day.granularity = Granularity::Time;
                day.toks = (prev.toks.0, d.toks.1);
                *prev = day;
                continue;
            }
            // «پنجشنبه ۱۴ تیر (۴ ژوئیه)»: the same day in another calendar
            if gap == ["("]
                && DateParser::form(text, toks, d.toks.1) == ")"
                && prev.meaning == Meaning::Absolute
                && d.meaning == Meaning::Absolute
                && prev.granularity == Granularity::Day
                && d.granularity == Granularity::Day
                && prev.calendar != d.calendar
                && prev.check.is_none()
            {
                let (a, b) = (*prev, d);
                // the reading with a year leads; the other is checked against it
                let (mut lead, other) = if a.written.year.is_none() && b.written.year.is_some() {
                    (b, a)
                } else {
                    (a, b)
                };
                lead.written.weekday = a.written.weekday.or(b.written.weekday);
                lead.toks = (a.toks.0, b.toks.1 + 1);
                lead.check = other.calendar.map(|c| (c, other.written));
                *prev = lead;
                continue;
            }
        }
        out.push(d);
    }
    out
}

/// The Gregorian days an absolute draft covers, or why it cannot be known.
fn span_of(d: &Draft, w: &Written, cal: Calendar) -> Result<(IsoDate, IsoDate), &'static str> {
    let y = w.year.ok_or("no year and no reference date")?;
    let (start, end) = match (d.granularity, w.month, w.day) {
        (Granularity::Day | Granularity::Time, Some(m), Some(day)) => {
            let x = cal.to_iso(y, m, day).ok_or("no such day")?;
            (x, x)
        }
        (Granularity::Month, Some(m), _) => cal.month_range(y, m).ok_or("no such month")?,
        (Granularity::Year, _, _) => cal.year_range(y).ok_or("year out of range")?,
        (Granularity::Decade, _, _) => {
            let (a, _) = cal.year_range(y).ok_or("year out of range")?;
            let (_, b) = cal.year_range(y + 9).ok_or("year out of range")?;
            (a, b)
        }
        _ => return Err("incomplete date"),
    };
    Ok((start, end))
}

/// The part (early, mid, late) of a period: thirds of a month by days 1–10, 11–20 and
/// 21–end; of a year by months 1–4, 5–8, 9–12; of a decade by years 0–3, 4–6, 7–9.
fn part_of(
    d: &Draft,
    w: &Written,
    cal: Calendar,
    p: Part,
    whole: (IsoDate, IsoDate),
) -> Option<(IsoDate, IsoDate)> {
    let y = w.year?;
    match d.granularity {
        Granularity::Month => {
            let m = w.month?;
            let last = cal.days_in_month(y, m)?;
            let (a, b) = match p {
                Part::Early => (1, 10),
                Part::Mid => (11, 20),
                Part::Late => (21, last),
            };
            Some((cal.to_iso(y, m, a)?, cal.to_iso(y, m, b)?))
        }
        Granularity::Year => {
            let (a, b) = match p {
                Part::Early => (1, 4),
                Part::Mid => (5, 8),
                Part::Late => (9, 12),
            };
            Some((cal.month_range(y, a)?.0, cal.month_range(y, b)?.1))
        }
        Granularity::Decade => {
            let (a, b) = match p {
                Part::Early => (0, 3),
                Part::Mid => (4, 6),
                Part::Late => (7, 9),
            };
            Some((cal.year_range(y + a)?.0, cal.year_range(y + b)?.1))
        }
        _ => Some(whole),
    }
}

/// Resolves a draft: the fields with any missing year filled from the reference, and
/// the first day (for the dateline).
fn resolve(d: &Draft, reference: Option<IsoDate>) -> (Written, Option<IsoDate>) {
    let mut w = d.written;
    let Some(cal) = d.calendar else {
        return (w, None);
    };
    if w.year.is_none() && d.meaning == Meaning::Absolute && d.granularity <= Granularity::Month {
        if let Some(r) = reference {
            w.year = cal.from_iso(r).map(|x| x.0);
        }
    }
    if d.meaning != Meaning::Absolute {
        return (w, None);
    }
    (w, span_of(d, &w, cal).ok().map(|x| x.0))
}

fn iso_interval(a: IsoDate, b: Option<IsoDate>) -> String {
    match b {
        Some(b) if b == a => a.to_string(),
        Some(b) => format!("{a}/{b}"),
        None => format!("{a}/.."),
    }
}

/// The ISO 8601 value of a resolved period.
fn iso_value(
    g: Granularity,
    cal: Option<Calendar>,
    w: &Written,
    a: IsoDate,
    b: IsoDate,
    exact: bool,
) -> String {
    let greg = cal == Some(Calendar::Gregorian) && exact;
    match g {
        Granularity::Day => iso_interval(a, Some(b)),
        Granularity::Time => match w.time {
            Some((h, m)) if a == b => format!("{a}T{h:02}:{m:02}"),
            _ => iso_interval(a, Some(b)),
        },
        Granularity::Month if greg => format!("{:04}-{:02}", a.year, a.month),
        Granularity::Year if greg => format!("{:04}", a.year),
        Granularity::Decade if greg => format!("{:03}", a.year / 10),
        _ => iso_interval(a, Some(b)),
    }
}

/// The Saturday that starts the Iranian week of `d`.
fn week_start(d: IsoDate) -> Option<IsoDate> {
    // ISO weekday: Saturday = 6 → 0 days back, Sunday = 7 → 1, Monday = 1 → 2 …
    let back = (i64::from(d.weekday()) + 1) % 7;
    d.add_days(-back)
}

fn build(text: &str, toks: &[Tok], d: &Draft, reference: Option<(IsoDate, Anchor)>) -> DateExpr {
    let start_b = toks.get(d.toks.0).map_or(0, |t| t.span.start);
    let end_b = d
        .toks
        .1
        .checked_sub(1)
        .and_then(|k| toks.get(k))
        .map_or(start_b, |t| t.span.end);
    let span = Span::new(start_b, end_b.max(start_b));
    let mut e = DateExpr {
        span,
        input_span: span,
        text: text.get(span.range()).unwrap_or("").to_owned(),
        calendar: d.calendar,
        granularity: d.granularity,
        written: d.written,
        value: None,
        start: None,
        end: None,
        range: d.range,
        approximate: d.approximate,
        relative: !matches!(d.meaning, Meaning::Absolute | Meaning::TimeOnly),
        anchor: None,
        year_from_reference: false,
        dateline: false,
        note: None,
    };
    let r = reference.map(|x| x.0);
    let exact = d.part.is_none();
    match d.meaning {
        Meaning::Absolute => {
            let Some(cal) = d.calendar else {
                e.note = Some("calendar unknown".into());
                return e;
            };
            let (w, _) = resolve(d, r);
            if d.written.year.is_none() && w.year.is_some() {
                e.year_from_reference = true;
                e.anchor = reference.map(|x| x.1);
            }
            match span_of(d, &w, cal) {
                Ok((a, b)) => {
                    let (a, b) = match d.part {
                        Some(p) => part_of(d, &w, cal, p, (a, b)).unwrap_or((a, b)),
                        None => (a, b),
                    };
                    let mut end = Some(b);
                    if d.range {
                        end = None;
                        if let Some(ew) = d.range_end {
                            let mut ew = ew;
                            if ew.year.is_none() {
                                ew.year = w.year;
                            }
                            end = span_of(d, &ew, cal).ok().map(|x| x.1);
                        }
                        if d.until_now {
                            end = r;
                            e.anchor = reference.map(|x| x.1);
                        }
                    }
                    e.start = Some(a);
                    e.end = end;
                    e.value = Some(if d.range {
                        iso_interval(a, end)
                    } else {
                        iso_value(d.granularity, d.calendar, &w, a, b, exact)
                    });
                    if let (Some(wd), true) = (w.weekday, a == b) {
                        if a.weekday() != wd {
                            e.note = Some(format!("the weekday written does not match {a}"));
                        }
                    }
                    // the bracketed second reading must name the same day
                    if let Some((oc, mut ow)) = d.check {
                        if ow.year.is_none() {
                            ow.year = oc.from_iso(a).map(|x| x.0);
                        }
                        if let Ok((x, _)) = span_of(d, &ow, oc) {
                            // a year taken from the first reading may be one off at the turn
                            // of the other calendar's year: try the neighbours before judging
                            let near = [-1, 1].iter().any(|k| {
                                d.check.is_some_and(|(_, w)| w.year.is_none())
                                    && ow.year.and_then(|y| y.checked_add(*k)).is_some_and(|y| {
                                        span_of(
                                            d,
                                            &Written {
                                                year: Some(y),
                                                ..ow
                                            },
                                            oc,
                                        )
                                        .is_ok_and(|z| z.0 == a)
                                    })
                            });
                            if x != a && !near {
                                e.note = Some(format!("the two calendars disagree: {a} and {x}"));
                            }
                        }
                    }
                }
                Err(why) => e.note = Some(why.into()),
            }
        }
        Meaning::TimeOnly => {
            if let Some((h, m)) = d.written.time {
                e.value = Some(format!("T{h:02}:{m:02}"));
            }
        }
        _ => {
            let Some((r, anchor)) = reference else {
                e.note = Some("relative, and no reference date".into());
                return e;
            };
            e.anchor = Some(anchor);
            let solar = Calendar::SolarHijri;
            let days = match d.meaning {
                Meaning::DayOffset(k) => r.add_days(k).map(|x| (x, x)),
                Meaning::Weekday(dir) => d.written.weekday.and_then(|wd| {
                    let back = (i64::from(r.weekday()) - i64::from(wd)).rem_euclid(7);
                    let fwd = (i64::from(wd) - i64::from(r.weekday())).rem_euclid(7);
                    let off = match dir {
                        -1 => -(if back == 0 { 7 } else { back }),
                        1 => {
                            if fwd == 0 {
                                7
                            } else {
                                fwd
                            }
                        }
                        _ if d.future => fwd,
                        _ => -back,
                    };
                    r.add_days(off).map(|x| (x, x))
                }),
                Meaning::WeekOffset(k) => week_start(r)
                    .and_then(|s| s.add_days(7 * k))
                    .and_then(|s| Some((s, s.add_days(6)?))),
                Meaning::MonthOffset(k) => solar.from_iso(r).and_then(|(y, m, _)| {
                    let idx = i64::from(y) * 12 + i64::from(m) - 1 + k;
                    let (ny, nm) = (idx.div_euclid(12), idx.rem_euclid(12) + 1);
                    solar.month_range(i32::try_from(ny).ok()?, u8::try_from(nm).ok()?)
                }),
                Meaning::YearOffset(k) => solar
                    .from_iso(r)
                    .and_then(|(y, _, _)| solar.year_range(y.checked_add(i32::try_from(k).ok()?)?)),
                _ => None,
            };
            match days {
                Some((a, b)) => {
                    if matches!(d.meaning, Meaning::MonthOffset(_) | Meaning::YearOffset(_)) {
                        e.calendar = Some(solar);
                        if let Some((y, m, _)) = solar.from_iso(a) {
                            e.written.year.get_or_insert(y);
                            if d.granularity == Granularity::Month {
                                e.written.month.get_or_insert(m);
                            }
                        }
                    }
                    e.start = Some(a);
                    e.end = Some(b);
                    e.value = Some(match (d.granularity, d.written.time) {
                        (Granularity::Time, Some((h, m))) => format!("{a}T{h:02}:{m:02}"),
                        _ => iso_interval(a, Some(b)),
                    });
                }
                None => e.note = Some("out of range".into()),
            }
        }
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> Option<IsoDate> {
        IsoDate::parse(s)
    }

    fn one(s: &str, reference: Option<&str>) -> DateExpr {
        let p = DateParser::new();
        let v = p.find_all(s, reference.and_then(r));
        assert_eq!(v.len(), 1, "{s}: {v:#?}");
        v.into_iter().next().unwrap_or_else(|| unreachable!())
    }

    fn value(s: &str, reference: Option<&str>) -> (String, Option<String>, Granularity, bool) {
        let e = one(s, reference);
        (e.text, e.value, e.granularity, e.approximate)
    }

    #[test]
    fn absolute_days_in_three_calendars() {
        assert_eq!(value("۱۴ تیر ۱۴۰۳", None).1.as_deref(), Some("2024-07-04"));
        assert_eq!(value("۴ ژوئیه ۲۰۲۴", None).1.as_deref(), Some("2024-07-04"));
        assert_eq!(value("۱۰ محرم ۱۴۴۶", None).1.as_deref(), Some("2024-07-16"));
        assert_eq!(
            value("چهاردهم تیرماه ۱۴۰۳", None).1.as_deref(),
            Some("2024-07-04")
        );
        assert_eq!(value("۱۴۰۳/۰۴/۱۴", None).1.as_deref(), Some("2024-07-04"));
        assert_eq!(value("۲۰۲۴-۰۷-۰۴", None).1.as_deref(), Some("2024-07-04"));
        assert_eq!(
            value("۳۰ اسفند ۱۴۰۳", None).1.as_deref(),
            Some("2025-03-20")
        );
        let e = one("۳۰ اسفند ۱۴۰۴", None);
        assert_eq!((e.value, e.note.as_deref()), (None, Some("no such day")));
    }

    #[test]
    fn weekday_and_bracketed_gregorian() {
        let e = one("پنجشنبه ۱۴ تیر (۴ ژوئیه)", Some("2024-07-05"));
        assert_eq!(e.text, "پنجشنبه ۱۴ تیر (۴ ژوئیه)");
        assert_eq!(e.value.as_deref(), Some("2024-07-04"));
        assert!(e.year_from_reference && e.note.is_none());
        let e = one("پنجشنبه ۱۴ تیر (۴ ژوئیه)", None);
        assert_eq!(e.value, None);
        let e = one("جمعه ۱۴ تیر ۱۴۰۳", None);
        assert!(e.note.is_some_and(|n| n.contains("weekday")));
        let e = one("۱۴ تیر ۱۴۰۳ (۵ ژوئیه ۲۰۲۴)", None);
        assert!(e.note.is_some_and(|n| n.contains("disagree")));
    }

    #[test]
    fn months_years_decades() {
        assert_eq!(value("سال ۲۰۱۸", None).1.as_deref(), Some("2018"));
        assert_eq!(
            value("سال ۱۴۰۳", None).1.as_deref(),
            Some("2024-03-20/2025-03-20")
        );
        assert_eq!(
            value("تیر ۱۴۰۳", None).1.as_deref(),
            Some("2024-06-21/2024-07-21")
        );
        assert_eq!(value("ژوئیه ۲۰۲۴", None).1.as_deref(), Some("2024-07"));
        assert_eq!(
            value("دهه ۱۳۶۰", None).1.as_deref(),
            Some("1981-03-21/1991-03-20")
        );
        assert_eq!(value("دهه ۱۹۹۰", None).1.as_deref(), Some("199"));
        assert_eq!(value("دهه ۶۰", None).1, None);
        assert_eq!(
            value("سال ۱۴۴۶ قمری", None).1.as_deref(),
            Some("2024-07-07/2025-06-25")
        );
        let e = one("از سال ۱۳۵۷", None);
        assert_eq!((e.value.as_deref(), e.range), (Some("1978-03-21/.."), true));
        let e = one("از سال ۱۳۵۷ تا کنون", Some("2024-07-04"));
        assert_eq!(e.value.as_deref(), Some("1978-03-21/2024-07-04"));
        let e = one("از سال ۱۳۵۷ تا ۱۴۰۰", None);
        assert_eq!(e.value.as_deref(), Some("1978-03-21/2022-03-20"));
        let e = one("از ۱۴ تا ۱۶ تیر ۱۴۰۳", None);
        assert_eq!(e.value.as_deref(), Some("2024-07-04/2024-07-06"));
    }

    #[test]
    fn parts_and_approximate() {
        let e = one("اواخر ماه مه", Some("2024-07-04"));
        assert_eq!(
            (e.value.as_deref(), e.approximate),
            (Some("2024-05-21/2024-05-31"), true)
        );
        assert_eq!(one("اواخر ماه مه", None).value, None);
        assert_eq!(
            value("اوایل سال ۲۰۱۸", None).1.as_deref(),
            Some("2018-01-01/2018-04-30")
        );
        let (_, v, _, approx) = value("حدود سال ۲۰۱۸", None);
        assert_eq!((v.as_deref(), approx), (Some("2018"), true));
    }

    #[test]
    fn relative_needs_a_reference() {
        for s in ["دیروز", "هفته گذشته", "سه روز پیش", "روز جمعه"] {
            let e = one(s, None);
            assert_eq!(e.value, None, "{s}");
            assert!(e.relative);
        }
        let reference = Some("2024-07-04"); // a Thursday
        assert_eq!(value("دیروز", reference).1.as_deref(), Some("2024-07-03"));
        assert_eq!(
            value("سه روز پیش", reference).1.as_deref(),
            Some("2024-07-01")
        );
        assert_eq!(
            value("هفته گذشته", reference).1.as_deref(),
            Some("2024-06-22/2024-06-28")
        );
        assert_eq!(
            value("روز جمعه", reference).1.as_deref(),
            Some("2024-06-28")
        );
        let p = DateParser::new();
        let v = p.find_all("روز جمعه برگزار خواهد شد", r("2024-07-04"));
        assert_eq!(v[0].value.as_deref(), Some("2024-07-05"));
        assert_eq!(
            value("ماه گذشته", reference).1.as_deref(),
            Some("2024-05-21/2024-06-20")
        );
        assert_eq!(
            value("پارسال", reference).1.as_deref(),
            Some("2023-03-21/2024-03-19")
        );
    }

    #[test]
    fn times() {
        assert_eq!(value("ساعت ۱۰ صبح", None).1.as_deref(), Some("T10:00"));
        assert_eq!(value("ساعت ۱۰ شب", None).1.as_deref(), Some("T22:00"));
        assert_eq!(value("ساعت ۲۲:۳۰", None).1.as_deref(), Some("T22:30"));
        let e = one("۱۴ تیر ۱۴۰۳ ساعت ۱۰ صبح", None);
        assert_eq!(
            (e.value.as_deref(), e.granularity),
            (Some("2024-07-04T10:00"), Granularity::Time)
        );
        assert_eq!(
            value("دیروز ساعت ۳ بعد از ظهر", Some("2024-07-04"))
                .1
                .as_deref(),
            Some("2024-07-03T15:00")
        );
    }

    #[test]
    fn dateline_is_the_reference() {
        let p = DateParser::new();
        let v = p.find_all("تهران - ۱۴ تیر ۱۴۰۳\nدیروز انفجاری رخ داد.", None);
        assert!(v[0].dateline);
        assert_eq!(v[1].value.as_deref(), Some("2024-07-03"));
        assert_eq!(v[1].anchor, Some(Anchor::Dateline));
    }

    #[test]
    fn not_dates() {
        let p = DateParser::new();
        assert!(p
            .find_all("او می‌گوید که مهر مادری را دوست دارد", None)
            .is_empty());
        assert!(p.find_all("۲۰ می‌خواهند", None).is_empty());
        assert!(p.find_all("", None).is_empty());
        // «روز بعد» counts from a date of the story, not from the reference
        assert!(p.find_all("روز بعد", r("2024-07-04")).is_empty());
        assert!(p.find_all("سال بعد", r("2024-07-04")).is_empty());
    }
}
