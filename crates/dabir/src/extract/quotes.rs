//! Quotations: direct quotes in «…» and reported speech, with who said it, the verb,
//! and what was said.
//!
//! Frames read (each is a test and a row of the README table):
//! - `X گفت: «…»`, `X افزود: «…»`, `«…»، X گفت.` — a direct quote and a speech verb
//!   in the same sentence, the speaker the noun phrase before the verb;
//! - `X گفت که …`, `X گفت …`, `X نوشت …`, `X گزارش داد …`, `X افزود: …` — reported
//!   speech, the content running to the end of the sentence;
//! - `به گفته X، …` and `…، به گفته X` (also «به گزارش», «به نوشته»), `به نقل از X` —
//!   the speaker after the phrase, up to the comma;
//! - `او` / `وی` as speaker, or no speaker at all ("افزود: «…»"), are linked to the last
//!   named speaker before them ([`Speaker::antecedent`]);
//! - quotes inside quotes are kept with their parent ([`Quote::parent`]); a quote may
//!   hold several sentences ([`Quote::sentences`]).
//!
//! Speakers are spans of the text with an optional entity link ([`Speaker::entity`]),
//! filled once the entity stage recognises them; until then the speaker is found by the
//! speech-verb frame alone: the words from the start of the clause up to the first stop
//! word (a preposition, a time word, a verb) before the verb.

use super::dates::DateExpr;
use super::lexicon::{self, Phrases};
pub use super::piece::Piece;
use super::sentences::{sentence_of, sentences};
use super::tokens::{tokenize, Kind, Tok};
use crate::Span;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Which frame introduced the quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Frame {
    /// «…» with a speech verb.
    Direct,
    /// «…» with no attribution in its sentence.
    Unattributed,
    /// X گفت (که) … / X افزود: …
    Verb,
    /// به گفته X، … / به گزارش X، …
    AccordingTo,
    /// به نقل از X
    Citing,
}

/// Who said it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Speaker {
    /// The speaker as written (`None` when the text leaves the subject out).
    pub written: Option<Piece>,
    /// True for «او», «وی», «ایشان» and for a left-out subject.
    pub pronoun: bool,
    /// For a pronoun: the last named speaker before it, and the quote it spoke in.
    pub antecedent: Option<Antecedent>,
    /// Index of the entity the speaker is, when the entity stage recognised one.
    pub entity: Option<usize>,
}

/// The named speaker a pronoun refers to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Antecedent {
    /// Index of the quote in [`super::Extraction::quotes`].
    pub quote: usize,
    /// The speaker's words there.
    pub speaker: Piece,
}

/// A quotation or a piece of reported speech.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// From the first to the last part of the construction (speaker, verb, content).
    pub span: Span,
    /// The same span in the input the caller gave (equal to `span` until mapped).
    pub input_span: Span,
    /// The frame.
    pub frame: Frame,
    /// What was said (inside the guillemets for a direct quote).
    pub content: Piece,
    /// Who said it.
    pub speaker: Option<Speaker>,
    /// The speech verb or phrase ("گفت", "به گفته", "به نقل از").
    pub verb: Option<Piece>,
    /// What the verb does: say, add, write, report, announce, stress …
    pub verb_kind: Option<String>,
    /// How many sentences the content holds.
    pub sentences: usize,
    /// For a quote inside another: the index of the one around it.
    pub parent: Option<usize>,
    /// True for a « with no matching ».
    pub unclosed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum VerbFrame {
    Verb,
    AccordingTo,
    Citing,
}

/// Finds quotations.
#[derive(Debug, Clone)]
pub struct QuoteParser {
    verbs: Phrases<(VerbFrame, String)>,
    stops: Phrases<()>,
}

impl Default for QuoteParser {
    fn default() -> Self {
        Self::new()
    }
}

const PRONOUNS: &[&str] = &["او", "وی", "ایشان"];
/// Words that open a clause: the speaker comes after them ("وقتی دایی گفت").
const CLAUSE_OPENERS: &[&str] = &["که", "وقتی", "چون", "اگر", "زیرا", "هنگامی", "زمانی", "تا"];
/// A «…» with no speech verb and at most this many words is a title, a name or a
/// term in quotation marks («جویندگان طلا»), not a quotation.
const MIN_UNATTRIBUTED_WORDS: usize = 3;
/// Words that may open a speaker even though they stop other noun phrases.
const SPEAKER_OPENERS: &[&str] = &["این", "آن", "همین"];
/// Words that take «از» into a speaker: «یکی از نمایندگان», «برخی از شاهدان».
const PARTITIVES: &[&str] = &["یکی", "برخی", "بعضی", "تعدادی", "شماری", "هیچ‌یک", "بسیاری"];
/// Verb forms that end a relative clause right before a speech verb
/// («… که زخمی شده بود گفت»).
const RELATIVE_CLAUSE_ENDS: &[&str] =
    &["بود", "بودند", "است", "اند", "شد", "شدند", "بوده", "هستند"];
/// Sentence adverbs between the clause start and the subject.
const LEADING_ADVERBS: &[&str] = &["همچنین", "سپس", "اما", "ولی", "نیز", "در", "ادامه"];
/// Guillemets nested deeper than this are read as plain characters. News nests two
/// levels at most; the cap keeps the work linear on junk such as a line of «««…
const MAX_QUOTE_DEPTH: usize = 4;
/// At most this many reported-speech quotes are read from one sentence. Each one copies
/// the rest of its sentence, so without a cap a long run of speech verbs would make the
/// output quadratic in the sentence length; real sentences hold one or two.
const MAX_REPORTED_PER_SENTENCE: usize = 4;
/// Tokens that end a clause: the speaker of a verb starts after the last one.
fn ends_clause(form: &str) -> bool {
    matches!(form, "،" | "," | ":" | "»" | "؛" | "«" | "(" | ")") || CLAUSE_OPENERS.contains(&form)
}

impl QuoteParser {
    /// The parser with the embedded speech-verb lexicon.
    pub fn new() -> Self {
        let mut verbs = Phrases::default();
        for r in lexicon::rows(&lexicon::SPEECH_VERBS) {
            let frame = match r.get(1).copied() {
                Some("verb") => VerbFrame::Verb,
                Some("according_to") => VerbFrame::AccordingTo,
                Some("citing") => VerbFrame::Citing,
                _ => continue,
            };
            if let (Some(f), Some(k)) = (r.first(), r.get(2)) {
                verbs.insert(f, (frame, (*k).to_owned()));
            }
        }
        QuoteParser {
            verbs,
            stops: super::quantities::load_stops(),
        }
    }

    /// Every quotation of `text`.
    pub fn find_all(&self, text: &str) -> Vec<Quote> {
        self.find_in(text, &tokenize(text), &[])
    }

    pub(crate) fn find_in(&self, text: &str, toks: &[Tok], dates: &[DateExpr]) -> Vec<Quote> {
        let sents = sentences(text, toks);
        let cx = Cx::new(text, toks, dates, self);
        let guillemets = pair_guillemets(text, toks);
        let mut out: Vec<Quote> = Vec::new();
        // tokens inside a top-level quote: no reported speech is looked for there
        let mut inside = vec![false; toks.len()];
        for g in guillemets.iter().filter(|g| g.parent.is_none()) {
            for flag in inside.iter_mut().take(g.close).skip(g.open + 1) {
                *flag = true;
            }
        }
        // the sentences of each outer quote's content, for the quotes nested in it
        let mut inner_sentences: HashMap<usize, Vec<Range<usize>>> = HashMap::new();
        for g in &guillemets {
            let content_span = cx.span(g.open + 1, g.close);
            let outer_span = cx.span(g.open, (g.close + 1).min(toks.len()));
            let mut q = Quote {
                span: outer_span,
                input_span: outer_span,
                frame: Frame::Unattributed,
                content: cx.piece(content_span),
                speaker: None,
                verb: None,
                verb_kind: None,
                sentences: sentences(text, toks.get(g.open + 1..g.close).unwrap_or(&[]))
                    .len()
                    .max(1),
                parent: g.parent,
                unclosed: g.unclosed,
            };
            match g.parent.and_then(|p| guillemets.get(p)) {
                None => {
                    if let Some(si) = sentence_of(&sents, g.open) {
                        let s = sents.get(si).cloned().unwrap_or(0..0);
                        cx.attribute_direct(&mut q, g, &s);
                    }
                }
                // a quote inside a quote: its sentence is the sentence of the outer
                // quote's content that holds it
                Some(outer) => {
                    let inner = outer.open + 1..outer.close;
                    let subs = inner_sentences
                        .entry(outer.open)
                        .or_insert_with(|| sentences(text, toks.get(inner.clone()).unwrap_or(&[])));
                    let s = subs
                        .iter()
                        .find(|s| s.contains(&(g.open - inner.start)))
                        .map_or(inner.clone(), |s| {
                            s.start + inner.start..s.end + inner.start
                        });
                    cx.attribute_direct(&mut q, g, &s);
                }
            }
            out.push(q);
        }
        // a verb that introduces a «…» quote was used by it already
        let mut used: HashSet<usize> = out
            .iter()
            .filter_map(|q| q.verb.as_ref().map(|v| v.span.start))
            .collect();
        // reported speech in the sentences, outside quotes
        for s in &sents {
            let mut k = s.start;
            let mut found = 0;
            while k < s.end && found < MAX_REPORTED_PER_SENTENCE {
                if inside.get(k).copied().unwrap_or(false) {
                    k += 1;
                    continue;
                }
                let Some((len, (frame, kind))) = cx.speech_at(k) else {
                    k += 1;
                    continue;
                };
                let mut next = k + len;
                if !used.contains(&cx.span(k, k + 1).start) {
                    if let Some((q, after)) = cx.reported(*frame, kind, k, len, s) {
                        if let Some(v) = &q.verb {
                            used.insert(v.span.start);
                        }
                        out.push(q);
                        found += 1;
                        next = next.max(after);
                    }
                }
                k = next;
            }
        }
        // «…» around a title or a term is not a quotation
        out.retain(|q| {
            q.frame != Frame::Unattributed
                || q.content.text.split_whitespace().count() >= MIN_UNATTRIBUTED_WORDS
        });
        out.sort_by_key(|q| (q.span.start, q.parent.is_some()));
        fix_parents(&mut out, &guillemets, &cx);
        link_pronouns(&mut out);
        out
    }
}

/// The speaker a «به گفته» / «به نقل از» phrase names; a pronoun there («به گفته او»)
/// is linked like a pronoun subject.
fn source_speaker(who: Piece) -> Speaker {
    Speaker {
        pronoun: PRONOUNS.contains(&who.text.as_str()),
        written: Some(who),
        antecedent: None,
        entity: None,
    }
}

/// A «…» pair by token index.
#[derive(Debug, Clone, Copy)]
struct Guillemet {
    open: usize,
    close: usize,
    parent: Option<usize>,
    unclosed: bool,
}

/// Pairs « with », innermost first closed; an unclosed « runs to the end of its line.
/// Guillemets deeper than [`MAX_QUOTE_DEPTH`] still pair (so the » that closes them
/// closes nothing else) but make no quote.
fn pair_guillemets(text: &str, toks: &[Tok]) -> Vec<Guillemet> {
    let mut out: Vec<Guillemet> = Vec::new();
    // indices into `out`; `None` for a « nested too deep to be a quote
    let mut stack: Vec<Option<usize>> = Vec::new();
    for (k, t) in toks.iter().enumerate() {
        match text.get(t.span.range()) {
            Some("«") if stack.len() >= MAX_QUOTE_DEPTH => stack.push(None),
            Some("«") => {
                out.push(Guillemet {
                    open: k,
                    close: toks.len(),
                    parent: stack.last().copied().flatten(),
                    unclosed: true,
                });
                stack.push(Some(out.len() - 1));
            }
            Some("»") => {
                if let Some(g) = stack.pop().flatten().and_then(|i| out.get_mut(i)) {
                    g.close = k;
                    g.unclosed = false;
                }
            }
            _ => {}
        }
    }
    // an unclosed quote ends with its line
    for g in out.iter_mut().filter(|g| g.unclosed) {
        let mut end = g.open + 1;
        while let Some(t) = toks.get(end) {
            let prev_end = toks.get(end - 1).map_or(0, |p| p.span.end);
            if text
                .get(prev_end..t.span.start)
                .is_some_and(|gap| gap.contains('\n'))
            {
                break;
            }
            end += 1;
        }
        g.close = end;
    }
    out
}

/// What attribution reads of the text, with the per-token facts it asks for again and
/// again computed once (so that the work stays linear in the text).
struct Cx<'a> {
    text: &'a str,
    toks: &'a [Tok],
    parser: &'a QuoteParser,
    /// Token `k` lies inside a date expression.
    in_date: Vec<bool>,
    /// The first token of the clause that holds token `k`.
    clause_start: Vec<usize>,
    /// Token indices where a «به گفته»/«به نقل از» phrase starts, in order.
    source_frames: Vec<usize>,
}

impl<'a> Cx<'a> {
    fn new(text: &'a str, toks: &'a [Tok], dates: &[DateExpr], parser: &'a QuoteParser) -> Self {
        let mut in_date = vec![false; toks.len()];
        for d in dates {
            // tokens are in text order: those inside a date are one run
            let first = toks.partition_point(|t| t.span.start < d.span.start);
            let run = toks.get(first..).unwrap_or(&[]).iter();
            let n = run.take_while(|t| t.span.end <= d.span.end).count();
            for flag in in_date.iter_mut().skip(first).take(n) {
                *flag = true;
            }
        }
        let mut clause_start = Vec::with_capacity(toks.len());
        let mut start = 0;
        for k in 0..toks.len() {
            if k > 0 && ends_clause(super::tokens::form_of(text, toks, k - 1)) {
                start = k;
            }
            clause_start.push(start);
        }
        let source_frames = (0..toks.len())
            .filter(|&k| {
                parser
                    .verbs
                    .at(text, toks, k)
                    .is_some_and(|(_, (frame, _))| *frame != VerbFrame::Verb)
            })
            .collect();
        Cx {
            text,
            toks,
            parser,
            in_date,
            clause_start,
            source_frames,
        }
    }

    fn form(&self, k: usize) -> &str {
        super::tokens::form_of(self.text, self.toks, k)
    }

    fn span(&self, a: usize, b: usize) -> Span {
        super::tokens::span_of(self.text, self.toks, a, b)
    }

    fn piece(&self, span: Span) -> Piece {
        Piece::of(self.text, span)
    }

    /// The speech phrase at `k`, unless ZWNJ glues it to the next token: then it is
    /// part of another word («گفت‌وگو», conversation, is not «گفت», said).
    fn speech_at(&self, k: usize) -> Option<(usize, &'a (VerbFrame, String))> {
        let (len, v) = self.parser.verbs.at(self.text, self.toks, k)?;
        let glued = self.toks.get(k + len).is_some_and(|t| t.after_zwnj);
        (!glued).then_some((len, v))
    }

    fn in_date(&self, k: usize) -> bool {
        self.in_date.get(k).copied().unwrap_or(false)
    }

    /// The speaker before a verb at `v`, looking back no further than `floor`.
    fn subject_before(&self, v: usize, floor: usize) -> Speaker {
        // the clause starts after the last comma, colon or closing quote before the verb
        let mut s = self
            .clause_start
            .get(v)
            .copied()
            .unwrap_or(v)
            .clamp(floor.min(v), v);
        // «یکی از فروشندگان که خود زخمی شده بود گفت»: a relative clause on the
        // subject ends right before the verb; the speaker is the head before «که»
        let relative = s > floor.max(1)
            && self.form(s - 1) == "که"
            && (self.form(s) == "خود" || RELATIVE_CLAUSE_ENDS.contains(&self.form(v - 1)));
        if relative && self.clause_start.get(s - 1).is_some_and(|&c| c < s - 1) {
            return self.subject_before(s - 1, floor);
        }
        // skip sentence adverbs
        while s < v && LEADING_ADVERBS.contains(&self.form(s)) {
            s += 1;
        }
        if PRONOUNS.contains(&self.form(s)) {
            return Speaker {
                written: Some(self.piece(self.span(s, s + 1))),
                pronoun: true,
                antecedent: None,
                entity: None,
            };
        }
        let mut e = s;
        while e < v {
            let t = self.toks.get(e);
            let is_word = t.is_some_and(|t| t.kind == Kind::Word);
            let opener = e == s && SPEAKER_OPENERS.contains(&self.form(e));
            // «یکی از نمایندگان»: a partitive takes its «از» along
            let partitive =
                e == s + 1 && self.form(e) == "از" && PARTITIVES.contains(&self.form(s));
            let glued = t.is_some_and(|t| t.after_zwnj);
            if !is_word
                || self.in_date(e)
                || (!opener
                    && !partitive
                    && !glued
                    && self.parser.stops.starts(self.text, self.toks, e))
            {
                break;
            }
            e += 1;
            if e - s > 8 {
                break;
            }
        }
        if e == s {
            // a left-out subject: «افزود: …»
            return Speaker {
                written: None,
                pronoun: true,
                antecedent: None,
                entity: None,
            };
        }
        Speaker {
            written: Some(self.piece(self.span(s, e))),
            pronoun: false,
            antecedent: None,
            entity: None,
        }
    }

    /// The noun phrase after `a` (for «به گفته X»), up to a comma or the sentence end.
    fn phrase_after(&self, a: usize, end: usize) -> Option<(Piece, usize)> {
        // «به گفته او …»: the pronoun is the whole phrase
        if a < end && PRONOUNS.contains(&self.form(a)) {
            return Some((self.piece(self.span(a, a + 1)), a + 1));
        }
        let mut e = a;
        while e < end && e - a < 8 {
            let t = self.toks.get(e)?;
            if t.kind != Kind::Word || self.in_date(e) {
                break;
            }
            if e > a && !t.after_zwnj && self.parser.stops.starts(self.text, self.toks, e) {
                break;
            }
            if e > a && self.parser.verbs.starts(self.text, self.toks, e) {
                break;
            }
            e += 1;
        }
        (e > a).then(|| (self.piece(self.span(a, e)), e))
    }

    /// Attributes `q` to the source `who` that the «به گفته» / «به نقل از» phrase at
    /// tokens `phrase` names.
    fn attribute_to_source(
        &self,
        q: &mut Quote,
        frame: VerbFrame,
        kind: &str,
        phrase: Range<usize>,
        who: Piece,
    ) {
        q.frame = if frame == VerbFrame::Citing {
            Frame::Citing
        } else {
            Frame::AccordingTo
        };
        q.verb = Some(self.piece(self.span(phrase.start, phrase.end)));
        q.verb_kind = Some(kind.to_owned());
        q.speaker = Some(source_speaker(who));
    }

    fn attribute_direct(&self, q: &mut Quote, g: &Guillemet, s: &Range<usize>) {
        // before the quote: "X گفت: «…»" — the verb ends right before the colon or «
        let mut k = g.open;
        while k > s.start && matches!(self.form(k - 1), ":" | "،") {
            k -= 1;
        }
        if let Some((v, (frame, kind))) = self.parser.verbs.ending_at(self.text, self.toks, k, 5) {
            if *frame == VerbFrame::Verb {
                let vlen = k - v;
                q.frame = Frame::Direct;
                q.verb = Some(self.piece(self.span(v, v + vlen)));
                q.verb_kind = Some(kind.clone());
                let sp = self.subject_before(v, s.start);
                let from = sp
                    .written
                    .as_ref()
                    .map_or(self.span(v, v + 1).start, |w| w.span.start);
                q.span = Span::new(from, q.span.end);
                q.speaker = Some(sp);
                return;
            }
        }
        // "به گفته X، «…»": a frame earlier in the sentence
        let first = self.source_frames.partition_point(|&j| j < s.start);
        for &j in self.source_frames.get(first..).unwrap_or(&[]) {
            if j >= g.open {
                break;
            }
            if let Some((len, (frame, kind))) = self.parser.verbs.at(self.text, self.toks, j) {
                if *frame != VerbFrame::Verb {
                    if let Some((who, _)) = self.phrase_after(j + len, g.open) {
                        self.attribute_to_source(q, *frame, kind, j..j + len, who);
                        q.span = Span::new(self.span(j, j + 1).start, q.span.end);
                        return;
                    }
                }
            }
        }
        // after the quote: "«…»، X گفت." — a verb in the rest of the sentence
        let mut j = g.close + 1;
        while j < s.end {
            if self.form(j) == "«" {
                break;
            }
            if let Some((len, (frame, kind))) = self.speech_at(j) {
                match frame {
                    VerbFrame::Verb => {
                        q.frame = Frame::Direct;
                        q.verb = Some(self.piece(self.span(j, j + len)));
                        q.verb_kind = Some(kind.clone());
                        q.speaker = Some(self.subject_before(j, g.close + 1));
                    }
                    _ => {
                        let Some((who, _)) = self.phrase_after(j + len, s.end) else {
                            break;
                        };
                        self.attribute_to_source(q, *frame, kind, j..j + len, who);
                    }
                }
                q.span = Span::new(q.span.start, self.span(j, j + len).end.max(q.span.end));
                if let Some(w) = q.speaker.as_ref().and_then(|s| s.written.as_ref()) {
                    q.span.end = q.span.end.max(w.span.end);
                }
                return;
            }
            j += 1;
        }
    }

    /// Reported speech around a speech phrase at `k` in sentence `s`.
    /// Returns the quote and the token after the speech phrase (and a verb it took along).
    fn reported(
        &self,
        frame: VerbFrame,
        kind: &str,
        k: usize,
        len: usize,
        s: &Range<usize>,
    ) -> Option<(Quote, usize)> {
        let verb = self.piece(self.span(k, k + len));
        // the sentence's end, without its final full stop
        let mut end = s.end;
        while end > s.start && matches!(self.form(end - 1), "." | "!" | "؟" | "?") {
            end -= 1;
        }
        match frame {
            VerbFrame::Verb => {
                let mut c = k + len;
                if matches!(self.form(c), ":" | "که") {
                    c += 1;
                }
                let speaker = self.subject_before(k, s.start);
                let (content, span_start) = if c < end {
                    // X گفت (که) …
                    (
                        self.span(c, end),
                        speaker
                            .written
                            .as_ref()
                            .map_or(verb.span.start, |w| w.span.start),
                    )
                } else {
                    // …، X گفت.  — the content is the clause before the speaker, who
                    // runs up to the verb (else the words between are the verb's
                    // object: «…، سه روز عزای عمومی اعلام کرد»)
                    let reaches_verb = speaker.written.as_ref().map_or(true, |w| {
                        k.checked_sub(1)
                            .is_some_and(|p| self.span(p, k).end == w.span.end)
                    });
                    if !reaches_verb {
                        return None;
                    }
                    let sp_start = speaker
                        .written
                        .as_ref()
                        .map_or(verb.span.start, |w| w.span.start);
                    let mut b = k;
                    while b > s.start && self.span(b - 1, b).start >= sp_start {
                        b -= 1;
                    }
                    while b > s.start && matches!(self.form(b - 1), "،" | ",") {
                        b -= 1;
                    }
                    if b <= s.start {
                        return None;
                    }
                    (self.span(s.start, b), self.span(s.start, s.start + 1).start)
                };
                if content.is_empty() || self.form(c) == "«" {
                    return None;
                }
                let q = Quote {
                    input_span: Span::default(),
                    span: Span::new(
                        span_start.min(content.start),
                        content.end.max(verb.span.end),
                    ),
                    frame: Frame::Verb,
                    content: self.piece(content),
                    speaker: Some(speaker),
                    verb: Some(verb),
                    verb_kind: Some(kind.to_owned()),
                    sentences: 1,
                    parent: None,
                    unclosed: false,
                };
                Some((q, k + len))
            }
            VerbFrame::AccordingTo | VerbFrame::Citing => {
                let (who, after) = self.phrase_after(k + len, end)?;
                // content: after the comma that ends the phrase, else before the phrase
                let mut c = after;
                // «به نقل از X گزارش داد (که)»: the verb after the source
                let mut verb2 = None;
                if let Some((vl, _)) = self.parser.verbs.at(self.text, self.toks, c) {
                    verb2 = Some(self.piece(self.span(c, c + vl)));
                    c += vl;
                }
                if matches!(self.form(c), "،" | "," | ":" | "که") {
                    c += 1;
                }
                let content = if c < end {
                    self.span(c, end)
                } else {
                    let mut b = k;
                    while b > s.start && matches!(self.form(b - 1), "،" | ",") {
                        b -= 1;
                    }
                    if b <= s.start {
                        return None;
                    }
                    // the source before «به نقل از» is the reporter, not the content
                    self.span(s.start, b)
                };
                if content.is_empty() || self.form(c) == "«" {
                    return None;
                }
                let verb_all = match &verb2 {
                    Some(v2) if frame == VerbFrame::Citing => Piece {
                        span: verb.span,
                        input_span: verb.span,
                        text: format!("{} … {}", verb.text, v2.text),
                    },
                    _ => verb.clone(),
                };
                let q = Quote {
                    input_span: Span::default(),
                    span: Span::new(
                        content.start.min(verb.span.start),
                        content.end.max(who.span.end),
                    ),
                    frame: if frame == VerbFrame::Citing {
                        Frame::Citing
                    } else {
                        Frame::AccordingTo
                    },
                    content: self.piece(content),
                    speaker: Some(source_speaker(who)),
                    verb: Some(verb_all),
                    verb_kind: Some(kind.to_owned()),
                    sentences: 1,
                    parent: None,
                    unclosed: false,
                };
                Some((q, c))
            }
        }
    }
}

/// After sorting, points each nested quote at its parent's new index: the quote whose
/// content is the outer guillemets' content.
fn fix_parents(out: &mut [Quote], guillemets: &[Guillemet], cx: &Cx) {
    let mut by_content: HashMap<Span, usize> = HashMap::new();
    for (i, q) in out.iter().enumerate() {
        by_content.entry(q.content.span).or_insert(i);
    }
    for q in out.iter_mut() {
        if let Some(g) = q.parent.and_then(|p| guillemets.get(p)) {
            q.parent = by_content.get(&cx.span(g.open + 1, g.close)).copied();
        }
    }
}

/// «او»/«وی» and left-out subjects → the last named speaker before them.
fn link_pronouns(out: &mut [Quote]) {
    let mut last: Option<(usize, Piece)> = None;
    for i in 0..out.len() {
        let Some(q) = out.get_mut(i) else { continue };
        let Some(sp) = q.speaker.as_mut() else {
            continue;
        };
        if sp.pronoun {
            sp.antecedent = last
                .clone()
                .map(|(quote, speaker)| Antecedent { quote, speaker });
        } else if let Some(w) = &sp.written {
            last = Some((i, w.clone()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(s: &str) -> Vec<Quote> {
        QuoteParser::new().find_all(s)
    }

    fn who(q: &Quote) -> Option<&str> {
        q.speaker
            .as_ref()?
            .written
            .as_ref()
            .map(|w| w.text.as_str())
    }

    #[test]
    fn direct_before_and_after() {
        let v = quotes("سخنگوی وزارت کشور روز جمعه گفت: «دست‌کم ۱۴۰ نفر کشته شدند.»");
        assert_eq!(v.len(), 1, "{v:#?}");
        assert_eq!(who(&v[0]), Some("سخنگوی وزارت کشور"));
        assert_eq!(v[0].content.text, "دست‌کم ۱۴۰ نفر کشته شدند.");
        assert_eq!(v[0].frame, Frame::Direct);
        let v = quotes("«ما آماده‌ایم»، وزیر خارجه گفت.");
        assert_eq!(who(&v[0]), Some("وزیر خارجه"));
    }

    #[test]
    fn reported_frames() {
        let v = quotes("رئیس‌جمهور گفت که دولت از مردم حمایت می‌کند.");
        assert_eq!(
            (who(&v[0]), v[0].content.text.as_str()),
            (Some("رئیس‌جمهور"), "دولت از مردم حمایت می‌کند")
        );
        let v = quotes("به گفته پلیس، مهاجمان فرار کردند.");
        assert_eq!(
            (who(&v[0]), v[0].content.text.as_str()),
            (Some("پلیس"), "مهاجمان فرار کردند")
        );
        let v = quotes("مهاجمان فرار کردند، به گفته پلیس.");
        assert_eq!(
            (who(&v[0]), v[0].content.text.as_str()),
            (Some("پلیس"), "مهاجمان فرار کردند")
        );
        let v = quotes("خبرگزاری ایرنا به نقل از فرماندار گزارش داد که جاده بسته است.");
        assert_eq!(v.len(), 1, "{v:#?}");
        assert_eq!(
            (who(&v[0]), v[0].content.text.as_str()),
            (Some("فرماندار"), "جاده بسته است")
        );
    }

    #[test]
    fn titles_are_not_quotes_and_clauses_end_speakers() {
        assert!(quotes("فیلم «جویندگان طلا» را دیدم.").is_empty());
        let v = quotes("وقتی دایی گفت که می‌آید، همه خندیدند.");
        assert_eq!(who(&v[0]), Some("دایی"));
    }

    #[test]
    fn pronouns_nested_and_multi_sentence() {
        let t =
            "وزیر کشور گفت: «آرامش برقرار است. نگرانی نیست.» وی افزود: «مردم گفتند «ما می‌مانیم».»";
        let v = quotes(t);
        assert_eq!(v[0].sentences, 2);
        let second = v
            .iter()
            .find(|q| who(q) == Some("وی"))
            .unwrap_or_else(|| unreachable!());
        let ante = second.speaker.as_ref().and_then(|s| s.antecedent.as_ref());
        assert_eq!(ante.map(|a| a.speaker.text.as_str()), Some("وزیر کشور"));
        let nested = v
            .iter()
            .find(|q| q.parent.is_some())
            .unwrap_or_else(|| unreachable!());
        assert_eq!(nested.content.text, "ما می‌مانیم");
    }

    #[test]
    fn speakers_in_news_sentences() {
        // «گفت‌وگو» (conversation) is not «گفت» (said)
        let v = quotes("فرماندار در گفت‌وگو با خبرنگاران گفت: «این حمله کار یک گروه است.»");
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!(who(&v[0]), Some("فرماندار"));
        // «به گفته او» is a pronoun, linked to the last speaker
        let v =
            quotes("وزیر گفت: «ما می‌مانیم و کار می‌کنیم.» به گفته او حمله‌های امروز سومین مورد است.");
        let last = v.last().unwrap_or_else(|| unreachable!());
        assert_eq!(who(last), Some("او"));
        let ante = last.speaker.as_ref().and_then(|s| s.antecedent.as_ref());
        assert_eq!(ante.map(|a| a.speaker.text.as_str()), Some("وزیر"));
        // a partitive keeps its «از»; a relative clause on the subject is skipped
        let v = quotes("یکی از نمایندگان مجلس پرسید: «چرا هشدارها جدی گرفته نشد؟»");
        assert_eq!(who(&v[0]), Some("یکی از نمایندگان مجلس"));
        let v = quotes("یکی از فروشندگان که خود زخمی شده بود گفت: «همه چیز در چند ثانیه تمام شد.»");
        assert_eq!(who(&v[0]), Some("یکی از فروشندگان"));
        // words between the subject and the verb are its object, not a speaker
        let v = quotes("بیانیه دیروز منتشر شد، سه روز عزای عمومی اعلام کرد.");
        assert!(v.is_empty(), "{v:?}");
    }

    #[test]
    fn junk_runs_stay_bounded() {
        // a line of guillemets: only the first levels are quotes
        let deep = format!("{} یک دو سه چهار", "«".repeat(200));
        assert!(quotes(&deep).len() <= MAX_QUOTE_DEPTH);
        // a run of speech verbs in one sentence
        let verbs = "او گفت ".repeat(200);
        assert!(quotes(&verbs).len() <= MAX_REPORTED_PER_SENTENCE);
        // a quote two levels deep points at the quote that holds it
        let v = quotes("وزیر گفت: «او گفت: «ما گفتیم: «این کار را نمی‌کنیم» و رفتیم» و بعد رفت»");
        for q in v.iter().filter(|q| q.parent.is_some()) {
            let p = q
                .parent
                .and_then(|p| v.get(p))
                .unwrap_or_else(|| unreachable!());
            assert!(p.content.span.start <= q.span.start && q.span.end <= p.content.span.end);
        }
        assert_eq!(v.iter().filter(|q| q.parent.is_some()).count(), 2);
    }
}
