//! Quantities: a number with what the text says around it — the qualifier before it
//! ("بیش از", "حدود", "کمتر از", "دست‌کم", "نزدیک به"), the unit after it (percent,
//! a currency, a person classifier «نفر»/«تن», a measure) and the noun phrase it
//! counts ("۱۴۰ کشته", "۲۰۰ زخمی", "۱۹ نیروی امنیتی").
//!
//! Numbers that are part of a date ("۱۴ تیر", "سه روز پیش") belong to the date and are
//! not quantities. The counted noun phrase is the words after the number (and its
//! unit) up to a function word, a verb of the stop list, punctuation or another number,
//! at most three words, carried on only through an ezafe-looking «ی» or a plural
//! suffix ("نیروی امنیتی", "نیروهای امنیتی").
//!
//! ```
//! use dabir::extract::quantities::QuantityParser;
//! let q = QuantityParser::new().find_all("دست‌کم ۱۹ نیروی امنیتی و ۲۵ درصد");
//! assert_eq!(q[0].qualifier.as_ref().map(|x| x.kind), Some(dabir::extract::quantities::QualifierKind::AtLeast));
//! assert_eq!(q[0].noun.as_ref().map(|n| n.piece.text.as_str()), Some("نیروی امنیتی"));
//! assert_eq!(q[1].unit.as_ref().map(|u| u.code.as_str()), Some("%"));
//! ```

use super::cover::Cover;
use super::dates::DateExpr;
use super::lexicon::{self, Phrases};
use super::numbers::{serialize_value, NumberParser, Written};
use super::piece::Piece;
use super::tokens::{tokenize, Kind, Tok};
use crate::Span;
use serde::Serialize;

/// What a qualifier says about the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QualifierKind {
    /// بیش از، بیشتر از، افزون بر
    MoreThan,
    /// کمتر از، زیر
    LessThan,
    /// حدود، تقریباً، قریب به
    About,
    /// دست‌کم، حداقل
    AtLeast,
    /// حداکثر
    AtMost,
    /// نزدیک به
    Nearly,
}

/// A qualifier and where it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Qualifier {
    /// Its kind.
    pub kind: QualifierKind,
    /// Where it is and what it says.
    #[serde(flatten)]
    pub piece: Piece,
}

/// What kind of unit follows the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// درصد، ٪
    Percent,
    /// Money.
    Currency,
    /// نفر، تن: people counted.
    Person,
    /// A measure (کیلومتر، بشکه …).
    Measure,
}

/// The unit after a number.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unit {
    /// Its kind.
    pub kind: UnitKind,
    /// `%`, an ISO 4217 code (IRT for toman), `person`, or the measure's symbol.
    pub code: String,
    /// Where it is and what it says.
    #[serde(flatten)]
    pub piece: Piece,
}

/// Casualty roles, for counts such as "۱۴۰ کشته".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Killed.
    Killed,
    /// Wounded.
    Wounded,
    /// Killed and wounded together ("کشته و زخمی").
    Casualties,
    /// Missing.
    Missing,
}

/// The noun phrase a number counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Counted {
    /// Where it is and what it says.
    #[serde(flatten)]
    pub piece: Piece,
    /// The casualty role when the phrase is a casualty word.
    pub role: Option<Role>,
}

/// A number and what the text says around it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    /// From the qualifier (or the number) to the end of the unit or noun.
    pub span: Span,
    /// The same span in the input the caller gave (equal to `span` until mapped).
    pub input_span: Span,
    /// The text of the span.
    pub text: String,
    /// Span of the number itself.
    pub number: Span,
    /// Its value (scale words applied; a percent is the number before «درصد»).
    #[serde(serialize_with = "serialize_value")]
    pub value: f64,
    /// True for ordinals ("یازدهمین"): they rank, they do not count.
    pub ordinal: bool,
    /// How the number is written.
    pub written: Written,
    /// The qualifier before it.
    pub qualifier: Option<Qualifier>,
    /// The unit after it.
    pub unit: Option<Unit>,
    /// The counted noun phrase.
    pub noun: Option<Counted>,
}

/// Finds quantities.
#[derive(Debug, Clone)]
pub struct QuantityParser {
    numbers: NumberParser,
    qualifiers: Phrases<QualifierKind>,
    units: Phrases<(UnitKind, String)>,
    casualties: Phrases<Role>,
    stops: Phrases<()>,
}

impl Default for QuantityParser {
    fn default() -> Self {
        Self::new()
    }
}

pub(crate) fn load_stops() -> Phrases<()> {
    let mut stops = Phrases::default();
    for r in lexicon::rows(&lexicon::PHRASE_STOPS) {
        if let Some(f) = r.first() {
            stops.insert(f, ());
        }
    }
    stops
}

pub(crate) fn load_casualties() -> Phrases<Role> {
    let mut casualties = Phrases::default();
    for r in lexicon::rows(&lexicon::CASUALTIES) {
        let role = match r.get(1).copied() {
            Some("killed") => Role::Killed,
            Some("wounded") => Role::Wounded,
            Some("casualties") => Role::Casualties,
            Some("missing") => Role::Missing,
            _ => continue,
        };
        if let Some(f) = r.first() {
            casualties.insert(f, role);
        }
    }
    casualties
}

impl QuantityParser {
    /// The parser with the embedded lexicons.
    pub fn new() -> Self {
        let mut qualifiers = Phrases::default();
        for r in lexicon::rows(&lexicon::QUALIFIERS) {
            let kind = match r.get(1).copied() {
                Some("more_than") => QualifierKind::MoreThan,
                Some("less_than") => QualifierKind::LessThan,
                Some("about") => QualifierKind::About,
                Some("at_least") => QualifierKind::AtLeast,
                Some("at_most") => QualifierKind::AtMost,
                Some("nearly") => QualifierKind::Nearly,
                _ => continue,
            };
            if let Some(f) = r.first() {
                qualifiers.insert(f, kind);
            }
        }
        let mut units = Phrases::default();
        for r in lexicon::rows(&lexicon::UNITS) {
            let kind = match r.get(1).copied() {
                Some("percent") => UnitKind::Percent,
                Some("currency") => UnitKind::Currency,
                Some("person") => UnitKind::Person,
                Some("measure") => UnitKind::Measure,
                _ => continue,
            };
            if let (Some(f), Some(code)) = (r.first(), r.get(2)) {
                units.insert(f, (kind, (*code).to_owned()));
            }
        }
        QuantityParser {
            numbers: NumberParser::new(),
            qualifiers,
            units,
            casualties: load_casualties(),
            stops: load_stops(),
        }
    }

    /// Every quantity in `text` (no dates are excluded: use
    /// [`super::Extractor`] for that).
    pub fn find_all(&self, text: &str) -> Vec<Quantity> {
        self.find_in(text, &tokenize(text), &[])
    }

    pub(crate) fn find_in(&self, text: &str, toks: &[Tok], dates: &[DateExpr]) -> Vec<Quantity> {
        let form = |k: usize| {
            toks.get(k)
                .and_then(|t| text.get(t.span.range()))
                .unwrap_or("")
        };
        let sub = |a: usize, b: usize| -> Span {
            let s = toks.get(a).map_or(0, |t| t.span.start);
            let e = b
                .checked_sub(1)
                .and_then(|k| toks.get(k))
                .map_or(s, |t| t.span.end);
            Span::new(s, e.max(s))
        };
        let mut out = Vec::new();
        let in_date = Cover::new(dates.iter().map(|d| d.span));
        for n in self.numbers.find_in(text, toks) {
            if in_date.covers(n.span) {
                continue;
            }
            let (a, mut b) = (n.toks.start, n.toks.end);
            let qualifier = self
                .qualifiers
                .ending_at(text, toks, a, 4)
                .map(|(q, kind)| {
                    let span = sub(q, a);
                    Qualifier {
                        kind: *kind,
                        piece: Piece::of(text, span),
                    }
                });
            let mut unit = None;
            if matches!(form(b), "٪" | "%") {
                let span = sub(b, b + 1);
                unit = Some(Unit {
                    kind: UnitKind::Percent,
                    code: "%".into(),
                    piece: Piece::of(text, span),
                });
                b += 1;
            } else if let Some((len, (kind, code))) = self.units.at(text, toks, b) {
                let span = sub(b, b + len);
                unit = Some(Unit {
                    kind: *kind,
                    code: code.clone(),
                    piece: Piece::of(text, span),
                });
                b += len;
            }
            let mut noun = None;
            if !n.ordinal || unit.is_none() {
                if let Some((len, role)) = self.casualties.at(text, toks, b) {
                    let span = sub(b, b + len);
                    noun = Some(Counted {
                        piece: Piece::of(text, span),
                        role: Some(*role),
                    });
                    b += len;
                } else if !matches!(
                    unit.as_ref().map(|u| u.kind),
                    Some(UnitKind::Percent | UnitKind::Currency)
                ) {
                    let mut end = self.noun_phrase_end(text, toks, b);
                    // a casualty verb after the noun is not part of it («۱۹ نیروی امنیتی جان باختند»)
                    if let Some(c) = (b + 1..end).find(|&k| self.casualties.starts(text, toks, k)) {
                        end = c;
                    }
                    if end > b {
                        let span = sub(b, end);
                        noun = Some(Counted {
                            piece: Piece::of(text, span),
                            role: None,
                        });
                        b = end;
                    }
                }
            }
            let first = qualifier
                .as_ref()
                .map_or(n.span.start, |q| q.piece.span.start);
            let last = sub(a, b).end;
            let span = Span::new(first, last);
            let whole = Piece::of(text, span);
            out.push(Quantity {
                span,
                input_span: span,
                text: whole.text,
                number: n.span,
                value: n.value,
                ordinal: n.ordinal,
                written: n.written,
                qualifier,
                unit,
                noun,
            });
        }
        out
    }

    /// One past the last token of the noun phrase that starts at `i` (or `i` for none).
    pub(crate) fn noun_phrase_end(&self, text: &str, toks: &[Tok], i: usize) -> usize {
        noun_phrase_end(text, toks, i, &self.stops, 3)
    }
}

/// One past the last token of a noun phrase starting at `i`: words only, up to a stop
/// word, at most `max` words; a word is followed only through an ezafe-looking «ی» /
/// «ه‌ی» ending or a ZWNJ-joined suffix.
pub(crate) fn noun_phrase_end(
    text: &str,
    toks: &[Tok],
    i: usize,
    stops: &Phrases<()>,
    max: usize,
) -> usize {
    let mut j = i;
    let mut words = 0;
    while let Some(t) = toks.get(j) {
        if t.kind != Kind::Word || (stops.starts(text, toks, j) && !t.after_zwnj) {
            break;
        }
        let f = text.get(t.span.range()).unwrap_or("");
        if !t.after_zwnj {
            if words == max {
                break;
            }
            if words > 0 {
                // continue only through an ezafe-like ending of the previous token
                let prev = j
                    .checked_sub(1)
                    .and_then(|k| toks.get(k))
                    .and_then(|p| text.get(p.span.range()))
                    .unwrap_or("");
                if !prev.ends_with('ی') {
                    break;
                }
            }
            words += 1;
        }
        let _ = f;
        j += 1;
    }
    j
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Vec<Quantity> {
        QuantityParser::new().find_all(s)
    }

    #[test]
    fn counted_nouns_and_roles() {
        let v = q("۱۴۰ کشته و ۲۰۰ زخمی");
        assert_eq!(v.len(), 2);
        assert_eq!(
            v[0].noun.as_ref().map(|n| (n.piece.text.as_str(), n.role)),
            Some(("کشته", Some(Role::Killed)))
        );
        assert_eq!(
            v[1].noun.as_ref().map(|n| (n.piece.text.as_str(), n.role)),
            Some(("زخمی", Some(Role::Wounded)))
        );
        let v = q("۱۹ نیروی امنیتی کشته شدند");
        assert_eq!(
            v[0].noun.as_ref().map(|n| n.piece.text.as_str()),
            Some("نیروی امنیتی")
        );
        let v = q("۱۴۰ نفر کشته شدند");
        assert_eq!(v[0].unit.as_ref().map(|u| u.kind), Some(UnitKind::Person));
        assert_eq!(v[0].noun.as_ref().map(|n| n.role), Some(Some(Role::Killed)));
    }

    #[test]
    fn qualifiers() {
        for (s, k) in [
            ("بیش از ۲۰ هزار نفر", QualifierKind::MoreThan),
            ("حدود ۱۰۰ نفر", QualifierKind::About),
            ("کمتر از ۵ درصد", QualifierKind::LessThan),
            ("دست‌کم ۱۴۰ کشته", QualifierKind::AtLeast),
            ("دست کم ۱۴۰ کشته", QualifierKind::AtLeast),
            ("نزدیک به ۲۰۰ زخمی", QualifierKind::Nearly),
        ] {
            let v = q(s);
            assert_eq!(v[0].qualifier.as_ref().map(|x| x.kind), Some(k), "{s}");
            assert_eq!(v[0].text, s);
        }
    }

    #[test]
    fn money_and_percent() {
        let v = q("۱٫۵ میلیارد دلار و ۱۲۰ هزار تومان و ۳۰۰ میلیون ریال و ۵۰ یورو و ۲۵٪");
        let got: Vec<(f64, &str)> = v
            .iter()
            .map(|x| (x.value, x.unit.as_ref().map_or("", |u| u.code.as_str())))
            .collect();
        assert_eq!(
            got,
            [
                (1.5e9, "USD"),
                (120_000.0, "IRT"),
                (3.0e8, "IRR"),
                (50.0, "EUR"),
                (25.0, "%")
            ]
        );
    }
}
