//! Incidents — attacks, explosions, shootings, clashes, accidents, disasters — with
//! their killed and wounded counts, place, date and perpetrator, where the sentence
//! that names the incident or its neighbour states them.
//!
//! An event starts at an incident word of `event_triggers.tsv` ("حمله", "انفجار",
//! "تیراندازی"…), unless a word of `other_senses.tsv` shows another sense: right after
//! it («حمله قلبی», «انفجار جمعیت», «ریزش بازار») or in its sentence (sport: «حمله …
//! به دروازه حریف»). A sentence that only refers back to it ("این حمله", or no incident
//! word at all) adds to the event of the sentence before. What is filled, and from where:
//! - **killed / wounded**: a quantity whose counted noun is a casualty word ("۱۴۰
//!   کشته"), or a count of people followed in its clause by a casualty verb ("۱۴۰ نفر
//!   … کشته شدند"), or preceded by one ("کشته شدن ۱۴۰ نفر");
//! - **place**: the noun phrase after «در» that opens with a place noun
//!   (`place_nouns.tsv`: "در شهر کابل") or, without one, a single word followed by a
//!   clause boundary ("در کابل ۵ نفر…"); never a date, a quantity or an abstract word
//!   ("در پی", "در جریان");
//! - **date**: the first date expression of the sentence (or its neighbour);
//! - one incident told twice, a headline and then its lead, is one event: a later event
//!   of the same type within three sentences, with the same number killed or wounded
//!   and nothing said differently, is merged into the earlier one;
//! - **perpetrator**: the noun phrase after «توسط», «به دست», «از سوی», or the subject
//!   before «مسئولیت … را بر عهده گرفت» (none when the claim is denied: «هیچ گروهی …
//!   نگرفت»).
//!
//! Place and perpetrator are spans with an optional entity link (`link.rs`), filled
//! when the document's entity layer names them.

use super::cover::Cover;
use super::dates::DateExpr;
use super::lexicon::{self, Phrases};
use super::piece::Piece;
use super::quantities::{noun_phrase_end, QualifierKind, Quantity, Role, UnitKind};
use super::sentences::sentences;
use super::tokens::{Kind, Tok};
use crate::Span;
use serde::Serialize;
use std::ops::Range;

/// A casualty count.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Count {
    /// The number.
    #[serde(serialize_with = "super::numbers::serialize_value")]
    pub value: f64,
    /// "دست‌کم", "بیش از"… when the text qualifies it.
    pub qualifier: Option<QualifierKind>,
    /// Index of the quantity in [`super::Extraction::quantities`].
    pub quantity: usize,
    /// The quantity's span.
    pub span: Span,
    /// The same span in the input the caller gave (equal to `span` until mapped).
    pub input_span: Span,
}

/// A place or an actor: a span, and the entity it is when recognised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// Where it is and what it says.
    #[serde(flatten)]
    pub piece: Piece,
    /// Index of the entity, when the entity stage recognised one.
    pub entity: Option<usize>,
}

/// An incident.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// The sentences it was read from.
    pub span: Span,
    /// The same span in the input the caller gave (equal to `span` until mapped).
    pub input_span: Span,
    /// attack, explosion, shooting, clash, airstrike, earthquake…
    pub kind: String,
    /// The incident word.
    pub trigger: Piece,
    /// How many were killed.
    pub killed: Option<Count>,
    /// How many were wounded.
    pub wounded: Option<Count>,
    /// Killed and wounded counted together ("۳۰ کشته و زخمی").
    pub casualties: Option<Count>,
    /// Where.
    pub place: Option<Mention>,
    /// When: index in [`super::Extraction::dates`].
    pub date: Option<usize>,
    /// The date's ISO value, when resolved.
    pub date_value: Option<String>,
    /// Who did it.
    pub perpetrator: Option<Mention>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    After,
    Claim,
}

/// Finds incidents.
#[derive(Debug, Clone)]
pub struct EventParser {
    triggers: Phrases<String>,
    casualties: Phrases<Role>,
    cues: Phrases<Cue>,
    stops: Phrases<()>,
    place_nouns: Phrases<()>,
    /// Words right after an incident word that give it another sense, with the
    /// incident type they rule out («حمله قلبی»).
    other_sense_next: Phrases<Vec<String>>,
    /// Words anywhere in the sentence that do so («فوتبال»).
    other_sense_sentence: Phrases<Vec<String>>,
}

impl Default for EventParser {
    fn default() -> Self {
        Self::new()
    }
}

/// Words before an incident word that make it refer back ("این حمله").
const ANAPHORIC: &[&str] = &["این", "آن", "همین", "همان"];

impl EventParser {
    /// The parser with the embedded lexicons.
    pub fn new() -> Self {
        let mut triggers = Phrases::default();
        for r in lexicon::rows(&lexicon::EVENT_TRIGGERS) {
            if let (Some(f), Some(k)) = (r.first(), r.get(1)) {
                triggers.insert(f, (*k).to_owned());
            }
        }
        let mut cues = Phrases::default();
        for r in lexicon::rows(&lexicon::PERPETRATORS) {
            let cue = match r.get(1).copied() {
                Some("after") => Cue::After,
                Some("claim") => Cue::Claim,
                _ => continue,
            };
            if let Some(f) = r.first() {
                cues.insert(f, cue);
            }
        }
        let mut place_nouns = Phrases::default();
        for r in lexicon::rows(&lexicon::PLACE_NOUNS) {
            if let Some(f) = r.first() {
                place_nouns.insert(f, ());
            }
        }
        // a word may rule out several types («قیمت»: explosion and collapse)
        let mut next: Vec<(&str, Vec<String>)> = Vec::new();
        let mut sentence: Vec<(&str, Vec<String>)> = Vec::new();
        for r in lexicon::rows(&lexicon::OTHER_SENSES) {
            let (Some(f), Some(kind), Some(scope)) = (r.first(), r.get(1), r.get(2)) else {
                continue;
            };
            let list = match *scope {
                "next" => &mut next,
                "sentence" => &mut sentence,
                _ => continue,
            };
            match list.iter_mut().find(|(p, _)| p == f) {
                Some((_, kinds)) => kinds.push((*kind).to_owned()),
                None => list.push((f, vec![(*kind).to_owned()])),
            }
        }
        let mut other_sense_next = Phrases::default();
        for (f, kinds) in next {
            other_sense_next.insert(f, kinds);
        }
        let mut other_sense_sentence = Phrases::default();
        for (f, kinds) in sentence {
            other_sense_sentence.insert(f, kinds);
        }
        EventParser {
            place_nouns,
            other_sense_next,
            other_sense_sentence,
            triggers,
            casualties: super::quantities::load_casualties(),
            cues,
            stops: super::quantities::load_stops(),
        }
    }

    /// True when the incident word of type `kind` ending before token `after`, in
    /// sentence `s`, is used in another sense (see `data/extract/other_senses.tsv`).
    fn other_sense(
        &self,
        text: &str,
        toks: &[Tok],
        s: &Range<usize>,
        after: usize,
        kind: &str,
    ) -> bool {
        let rules_out = |v: Option<(usize, &Vec<String>)>| {
            v.is_some_and(|(_, kinds)| kinds.iter().any(|k| k == kind))
        };
        rules_out(self.other_sense_next.at(text, toks, after))
            || (s.start..s.end).any(|j| rules_out(self.other_sense_sentence.at(text, toks, j)))
    }

    /// The incident phrase at `k`, also with the indefinite «ی» or «‌ای» after it
    /// ("انفجاری", "حمله‌ای").
    fn trigger_at<'s>(&'s self, text: &str, toks: &[Tok], k: usize) -> Option<(usize, &'s String)> {
        if let Some(x) = self.triggers.at(text, toks, k) {
            if toks
                .get(k + x.0)
                .is_some_and(|t| t.after_zwnj && text.get(t.span.range()) == Some("ای"))
            {
                return Some((x.0 + 1, x.1));
            }
            return Some(x);
        }
        let t = toks.get(k)?;
        let stem = text.get(t.span.range())?.strip_suffix('ی')?;
        // short stems read wrongly with a ی: سیلی is a slap, not a flood
        if stem.chars().count() < 4 {
            return None;
        }
        let one = [Tok {
            span: Span::new(0, stem.len()),
            kind: Kind::Word,
            after_zwnj: false,
        }];
        self.triggers.at(stem, &one, 0).map(|(_, v)| (1, v))
    }

    pub(crate) fn find_in(
        &self,
        text: &str,
        toks: &[Tok],
        dates: &[DateExpr],
        quantities: &[Quantity],
    ) -> Vec<Event> {
        let sents = sentences(text, toks);
        let cx = Cx {
            text,
            toks,
            dates,
            quantities,
            dated_or_counted: Cover::new(
                dates
                    .iter()
                    .map(|d| d.span)
                    .chain(quantities.iter().map(|q| q.span)),
            ),
            p: self,
        };
        let mut out: Vec<(Event, usize)> = Vec::new(); // event, its last sentence
        for (si, s) in sents.iter().enumerate() {
            let trigger = (s.start..s.end)
                .find_map(|k| self.trigger_at(text, toks, k).map(|(n, kind)| (k, n, kind)))
                .filter(|&(k, n, kind)| !self.other_sense(text, toks, s, k + n, kind));
            if let Some((k, n, kind)) = trigger {
                let anaphoric = k > s.start && ANAPHORIC.contains(&cx.form(k - 1));
                if let Some((e, last)) = out
                    .last_mut()
                    .filter(|(_, last)| anaphoric && *last + 1 >= si)
                {
                    cx.fill(e, s);
                    e.span.end = cx.span(s.start, s.end).end;
                    *last = si;
                    continue;
                }
                let mut e = Event {
                    span: cx.span(s.start, s.end),
                    input_span: Span::default(),
                    kind: kind.clone(),
                    trigger: cx.piece(cx.span(k, k + n)),
                    killed: None,
                    wounded: None,
                    casualties: None,
                    place: None,
                    date: None,
                    date_value: None,
                    perpetrator: None,
                };
                cx.fill(&mut e, s);
                // the neighbours: the sentence after (when it names no new incident),
                // then the one before
                let mut last = si;
                if let Some(next) = sents.get(si + 1) {
                    let own = (next.start..next.end).any(|j| {
                        self.trigger_at(text, toks, j).is_some()
                            && !(j > next.start && ANAPHORIC.contains(&cx.form(j - 1)))
                    });
                    if !own && cx.fill(&mut e, next) {
                        e.span.end = cx.span(next.start, next.end).end;
                        last = si + 1;
                    }
                }
                if let Some(prev) = si.checked_sub(1).and_then(|p| sents.get(p)) {
                    let taken = out.last().is_some_and(|(_, l)| *l + 1 >= si);
                    if !taken && cx.fill(&mut e, prev) {
                        e.span.start = cx.span(prev.start, prev.end).start;
                    }
                }
                // the headline and the lead (or two sentences) telling the same incident
                if let Some((prev, prev_last)) = out
                    .last_mut()
                    .filter(|(p, l)| *l + MAX_RETELLING_GAP >= si && same_incident(p, &e))
                {
                    merge_into(prev, e);
                    *prev_last = last;
                    continue;
                }
                out.push((e, last));
            }
        }
        out.into_iter().map(|(e, _)| e).collect()
    }
}

struct Cx<'a> {
    text: &'a str,
    toks: &'a [Tok],
    dates: &'a [DateExpr],
    quantities: &'a [Quantity],
    /// The spans of the dates and quantities.
    dated_or_counted: Cover,
    p: &'a EventParser,
}

impl Cx<'_> {
    fn form(&self, k: usize) -> &str {
        super::tokens::form_of(self.text, self.toks, k)
    }

    fn span(&self, a: usize, b: usize) -> Span {
        super::tokens::span_of(self.text, self.toks, a, b)
    }

    fn piece(&self, span: Span) -> Piece {
        Piece::of(self.text, span)
    }

    fn mention(&self, a: usize, b: usize) -> Mention {
        Mention {
            piece: self.piece(self.span(a, b)),
            entity: None,
        }
    }

    /// Token index of the first token at or after byte `b`.
    fn tok_at(&self, b: usize) -> usize {
        self.toks.partition_point(|t| t.span.start < b)
    }

    /// Token `k` is part of a date or a quantity.
    fn covered(&self, k: usize) -> bool {
        self.toks
            .get(k)
            .is_some_and(|t| self.dated_or_counted.covers(t.span))
    }

    /// Fills what is missing in `e` from sentence `s`; true when anything was.
    fn fill(&self, e: &mut Event, s: &Range<usize>) -> bool {
        let mut any = false;
        let bytes = self.span(s.start, s.end);
        let inside = |sp: Span| bytes.start <= sp.start && sp.end <= bytes.end;
        // casualty counts (quantities are in text order: skip to the sentence's)
        let first = self
            .quantities
            .partition_point(|q| q.number.start < bytes.start);
        let in_sentence = self.quantities.iter().enumerate().skip(first);
        for (qi, q) in in_sentence.take_while(|(_, q)| q.number.start <= bytes.end) {
            if !inside(q.number) || q.ordinal {
                continue;
            }
            if matches!(
                q.unit.as_ref().map(|u| u.kind),
                Some(UnitKind::Percent | UnitKind::Currency | UnitKind::Measure)
            ) {
                continue;
            }
            let role = q
                .noun
                .as_ref()
                .and_then(|n| n.role)
                .or_else(|| self.role_around(q, s));
            let Some(role) = role else { continue };
            let count = Count {
                value: q.value,
                qualifier: q.qualifier.as_ref().map(|x| x.kind),
                quantity: qi,
                span: q.span,
                input_span: q.span,
            };
            let slot = match role {
                Role::Killed => &mut e.killed,
                Role::Wounded => &mut e.wounded,
                Role::Casualties => &mut e.casualties,
                Role::Missing => continue,
            };
            if slot.is_none() {
                *slot = Some(count);
                any = true;
            }
        }
        if e.date.is_none() {
            let first = self.dates.partition_point(|d| d.span.start < bytes.start);
            if let Some((di, d)) = self
                .dates
                .iter()
                .enumerate()
                .skip(first)
                .take_while(|(_, d)| d.span.start <= bytes.end)
                .find(|(_, d)| inside(d.span) && !d.dateline)
            {
                e.date = Some(di);
                e.date_value = d.value.clone();
                any = true;
            }
        }
        if e.place.is_none() {
            if let Some(m) = self.place(s) {
                e.place = Some(m);
                any = true;
            }
        }
        if e.perpetrator.is_none() {
            if let Some(m) = self.perpetrator(s) {
                e.perpetrator = Some(m);
                any = true;
            }
        }
        any
    }

    /// The casualty role of a count whose noun is not a casualty word: a casualty
    /// phrase later in its clause ("۱۴۰ نفر در این حمله کشته شدند") or right before it
    /// ("کشته شدن ۱۴۰ نفر").
    fn role_around(&self, q: &Quantity, s: &Range<usize>) -> Option<Role> {
        let start = self.tok_at(q.span.start);
        if let Some((_, r)) = self.p.casualties.ending_at(self.text, self.toks, start, 6) {
            return Some(*r);
        }
        let mut j = self.tok_at(q.span.end);
        while j < s.end {
            let f = self.form(j);
            if matches!(f, "،" | "," | "؛" | "." | "و")
                && !self.form(j + 1).is_empty()
                && self.toks.get(j + 1).is_some_and(|t| t.kind == Kind::Number)
            {
                return None;
            }
            if self.toks.get(j).is_some_and(|t| t.kind == Kind::Number) || matches!(f, "؛" | ".") {
                return None;
            }
            if let Some((_, r)) = self.p.casualties.at(self.text, self.toks, j) {
                return Some(*r);
            }
            j += 1;
        }
        None
    }

    fn place(&self, s: &Range<usize>) -> Option<Mention> {
        (s.start..s.end).find_map(|k| {
            if self.form(k) != "در" || self.covered(k + 1) {
                return None;
            }
            let a = k + 1;
            let first = self.toks.get(a)?;
            if first.kind != Kind::Word
                || self.p.stops.starts(self.text, self.toks, a)
                || self.p.trigger_at(self.text, self.toks, a).is_some()
            {
                return None;
            }
            let mut b = noun_phrase_end(self.text, self.toks, a, &self.p.stops, 4);
            // place names rarely carry ezafe marks: «شهر کابل», «استان سیستان و بلوچستان»
            while b < s.end && b - a < 4 {
                let t = self.toks.get(b)?;
                if t.kind != Kind::Word
                    || self.covered(b)
                    || self.p.stops.starts(self.text, self.toks, b)
                    || self.p.trigger_at(self.text, self.toks, b).is_some()
                    || self.p.casualties.starts(self.text, self.toks, b)
                {
                    break;
                }
                b += 1;
            }
            if b == a {
                return None;
            }
            // without a place noun («شهر», «استان»…) only a one-word name counts, and
            // only when a clause boundary follows it («در کابل ۱۴۰ نفر…», «در کابل، …»)
            if !self.p.place_nouns.starts(self.text, self.toks, a) {
                let boundary = match self.toks.get(b) {
                    None => true,
                    Some(t) => {
                        t.kind != Kind::Word
                            || self.covered(b)
                            || self.p.stops.starts(self.text, self.toks, b)
                            || self.p.casualties.starts(self.text, self.toks, b)
                            || self.p.trigger_at(self.text, self.toks, b).is_some()
                    }
                };
                if b - a > 1 || !boundary {
                    return None;
                }
            }
            Some(self.mention(a, b))
        })
    }

    fn perpetrator(&self, s: &Range<usize>) -> Option<Mention> {
        (s.start..s.end).find_map(|k| {
            let (n, cue) = self.p.cues.at(self.text, self.toks, k)?;
            match cue {
                Cue::After => {
                    let a = k + n;
                    let mut b = a;
                    while b < s.end && b - a < 5 {
                        let t = self.toks.get(b)?;
                        let opener = b == a && ANAPHORIC.contains(&self.form(b));
                        if t.kind != Kind::Word
                            || (!opener
                                && !t.after_zwnj
                                && self.p.stops.starts(self.text, self.toks, b))
                            || self.covered(b)
                        {
                            break;
                        }
                        b += 1;
                    }
                    (b > a).then(|| self.mention(a, b))
                }
                Cue::Claim => {
                    // «X مسئولیت این حمله را بر عهده گرفت»: X runs from the clause start
                    let mut a = k;
                    while a > s.start
                        && !matches!(self.form(a - 1), "،" | "," | ":" | "؛" | "که" | "و")
                    {
                        a -= 1;
                    }
                    // a time before the subject is not part of it («تا ساعت ۱۴ …»)
                    if let Some(last_covered) = (a..k).rev().find(|&j| self.covered(j)) {
                        a = last_covered + 1;
                    }
                    while a < k && matches!(self.form(a), "همچنین" | "سپس" | "اما") {
                        a += 1;
                    }
                    // «هیچ گروهی مسئولیت … را بر عهده نگرفت»: nobody claimed it
                    let nobody = self.form(a).starts_with("هیچ");
                    let denied = (k + n..s.end.min(k + n + 8))
                        .map(|j| self.form(j))
                        .take_while(|f| !matches!(*f, "،" | "," | "؛" | "."))
                        .any(|f| {
                            f.strip_prefix('ن')
                                .is_some_and(|v| NEGATABLE_CLAIMS.iter().any(|c| v.starts_with(c)))
                        });
                    (a < k && !nobody && !denied).then(|| self.mention(a, k))
                }
            }
        })
    }
}

/// How many sentences may separate two tellings of one incident (a headline, then the
/// lead after a line of page furniture).
const MAX_RETELLING_GAP: usize = 3;

/// True when `b` tells the incident `a` told: the same type, the same number killed
/// or wounded, and nothing said differently (another place, date or count).
fn same_incident(a: &Event, b: &Event) -> bool {
    let value = |c: &Option<Count>| c.as_ref().map(|c| c.value);
    let agree = |x: Option<f64>, y: Option<f64>| x.is_none() || y.is_none() || x == y;
    let agree_text = |x: &Option<Mention>, y: &Option<Mention>| match (x, y) {
        (Some(x), Some(y)) => x.piece.text == y.piece.text,
        _ => true,
    };
    let same_count = |x: Option<f64>, y: Option<f64>| x.is_some() && x == y;
    a.kind == b.kind
        && (same_count(value(&a.killed), value(&b.killed))
            || same_count(value(&a.wounded), value(&b.wounded)))
        && agree(value(&a.killed), value(&b.killed))
        && agree(value(&a.wounded), value(&b.wounded))
        && agree(value(&a.casualties), value(&b.casualties))
        && agree_text(&a.place, &b.place)
        && agree_text(&a.perpetrator, &b.perpetrator)
        && (a.date_value.is_none() || b.date_value.is_none() || a.date_value == b.date_value)
}

/// Adds what `b` says and `a` does not to `a`, whose span grows to cover both.
fn merge_into(a: &mut Event, b: Event) {
    a.span = Span::new(a.span.start.min(b.span.start), a.span.end.max(b.span.end));
    a.killed = a.killed.take().or(b.killed);
    a.wounded = a.wounded.take().or(b.wounded);
    a.casualties = a.casualties.take().or(b.casualties);
    a.place = a.place.take().or(b.place);
    a.perpetrator = a.perpetrator.take().or(b.perpetrator);
    if a.date.is_none() {
        a.date = b.date;
        a.date_value = b.date_value;
    }
}

/// Verb stems that, negated («نگرفت», «نپذیرفته»), deny a claim of responsibility.
const NEGATABLE_CLAIMS: &[&str] = &["گرفت", "پذیرفت", "کرد", "کرده"];

#[cfg(test)]
mod tests {
    use super::super::Extractor;

    fn events(s: &str) -> Vec<super::Event> {
        let text = crate::clean::Cleaner::standard().clean(s).text;
        Extractor::new().extract(&text, None).events
    }

    #[test]
    fn attack_with_counts_place_date_perpetrator() {
        let v = events("در حمله انتحاری روز ۱۴ تیر ۱۴۰۳ در شهر کابل دست‌کم ۱۴۰ نفر کشته و ۲۰۰ نفر زخمی شدند. گروه داعش مسئولیت این حمله را بر عهده گرفت.");
        assert_eq!(v.len(), 1, "{v:#?}");
        let e = &v[0];
        assert_eq!(e.kind, "suicide_attack");
        assert_eq!(e.killed.as_ref().map(|c| c.value), Some(140.0));
        assert_eq!(e.wounded.as_ref().map(|c| c.value), Some(200.0));
        assert_eq!(
            e.place.as_ref().map(|p| p.piece.text.as_str()),
            Some("شهر کابل")
        );
        assert_eq!(e.date_value.as_deref(), Some("2024-07-04"));
        assert_eq!(
            e.perpetrator.as_ref().map(|p| p.piece.text.as_str()),
            Some("گروه داعش")
        );
    }

    #[test]
    fn a_headline_and_its_lead_are_one_incident() {
        let v = events("انفجار در بازار کابل؛ ۱۴۰ کشته\nکابل - دو انفجار امروز ۱۴۰ کشته و ۲۰۰ زخمی بر جا گذاشت.");
        assert_eq!(v.len(), 1, "{v:#?}");
        assert_eq!(v[0].wounded.as_ref().map(|c| c.value), Some(200.0));
        // different counts: two incidents
        let v = events("در انفجار اول ۵ نفر کشته شدند.\nدر انفجار دوم ۷ نفر کشته شدند.");
        assert_eq!(v.len(), 2, "{v:#?}");
    }

    #[test]
    fn other_senses_name_no_incident() {
        for text in [
            "مهاجم تیم در دقیقه ۸۰ حمله‌ای خطرناک به دروازه حریف برد.",
            "پدرش بر اثر حمله قلبی درگذشت.",
            "وزیر در سخنانی حمله لفظی تندی به منتقدان کرد.",
            "کارشناسان از انفجار جمعیت در شهرهای بزرگ خبر دادند.",
            "ریزش بازار سهام ادامه دارد.",
        ] {
            assert!(events(text).is_empty(), "{text}: {:?}", events(text));
        }
        // the same words in an incident
        assert_eq!(events("در حمله به پاسگاه ۳ نفر کشته شدند.").len(), 1);
        assert_eq!(events("ریزش ساختمان ۳ کشته بر جا گذاشت.").len(), 1);
    }

    #[test]
    fn a_denied_claim_names_no_perpetrator() {
        for text in [
            "در انفجار بازار ۵ نفر کشته شدند. تا ساعت ۱۴ هیچ گروهی مسئولیت این حمله را بر عهده نگرفته بود.",
            "در انفجار بازار ۵ نفر کشته شدند. گروه الف مسئولیت این حمله را نپذیرفت.",
        ] {
            let v = events(text);
            assert_eq!(v[0].perpetrator, None, "{text}");
        }
    }

    #[test]
    fn place_needs_a_place_noun_or_a_short_name() {
        let v = events("درگیری در دستور کار امنیتی قرار گرفت.");
        assert_eq!(v[0].place, None);
        let v = events("۵ نفر در انفجاری در شهر کابل کشته شدند.");
        assert_eq!(
            v[0].place.as_ref().map(|p| p.piece.text.as_str()),
            Some("شهر کابل")
        );
        let v = events("در انفجار در کابل ۵ نفر کشته شدند.");
        assert_eq!(
            v[0].place.as_ref().map(|p| p.piece.text.as_str()),
            Some("کابل")
        );
    }

    #[test]
    fn counts_in_the_next_sentence_and_by() {
        let v = events("انفجاری در بازار شهر رخ داد. در این انفجار ۱۹ نیروی امنیتی جان باختند.");
        assert_eq!(v.len(), 1, "{v:#?}");
        assert_eq!(
            v[0].place.as_ref().map(|p| p.piece.text.as_str()),
            Some("بازار شهر")
        );
        let v = events("حمله به پاسگاه مرزی توسط افراد مسلح انجام شد و ۳ کشته برجای گذاشت.");
        assert_eq!(
            v[0].perpetrator.as_ref().map(|p| p.piece.text.as_str()),
            Some("افراد مسلح")
        );
        assert_eq!(v[0].killed.as_ref().map(|c| c.value), Some(3.0));
    }
}
