//! The lexicons of the extraction stage: tab-separated files under
//! `crates/dabir/data/extract/`, embedded at build time.
//!
//! Every file has one entry a line: a phrase (its words separated by spaces; a ZWNJ
//! counts as a space, see [`super::tokens`]) and then the entry's fields. `#` starts a
//! comment line. A phrase matches a run of tokens word for word; the longest match wins.

use super::tokens::{Kind, Tok};
use rustc_hash::FxHashMap;

/// One embedded data file: its name (for messages) and text.
pub(crate) struct Source {
    #[allow(dead_code)] // read by the tests' messages
    pub name: &'static str,
    pub text: &'static str,
}

macro_rules! data {
    ($name:literal) => {
        Source {
            name: $name,
            text: include_str!(concat!("../../data/extract/", $name)),
        }
    };
}

pub(crate) const MONTHS: Source = data!("months.tsv");
pub(crate) const WEEKDAYS: Source = data!("weekdays.tsv");
pub(crate) const NUMBER_WORDS: Source = data!("number_words.tsv");
pub(crate) const UNITS: Source = data!("units.tsv");
pub(crate) const QUALIFIERS: Source = data!("qualifiers.tsv");
pub(crate) const DATE_WORDS: Source = data!("date_words.tsv");
pub(crate) const SPEECH_VERBS: Source = data!("speech_verbs.tsv");
pub(crate) const CASUALTIES: Source = data!("casualties.tsv");
pub(crate) const EVENT_TRIGGERS: Source = data!("event_triggers.tsv");
pub(crate) const PHRASE_STOPS: Source = data!("phrase_stops.tsv");
pub(crate) const PERPETRATORS: Source = data!("perpetrators.tsv");
pub(crate) const PLACE_NOUNS: Source = data!("place_nouns.tsv");
pub(crate) const OTHER_SENSES: Source = data!("other_senses.tsv");

/// Every data file, for the test that checks they all parse.
#[cfg(test)]
pub(crate) const ALL: &[Source] = &[
    MONTHS,
    WEEKDAYS,
    NUMBER_WORDS,
    UNITS,
    QUALIFIERS,
    DATE_WORDS,
    SPEECH_VERBS,
    CASUALTIES,
    EVENT_TRIGGERS,
    PHRASE_STOPS,
    PERPETRATORS,
    PLACE_NOUNS,
    OTHER_SENSES,
];

/// The data lines of a file split into fields (phrase first).
pub(crate) fn rows(src: &Source) -> impl Iterator<Item = Vec<&'static str>> {
    src.text
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

/// A phrase table: phrases of one or more words, each with a value.
#[derive(Debug, Clone)]
pub(crate) struct Phrases<T> {
    /// First word → (remaining words, value), longest first.
    by_first: FxHashMap<String, Vec<(Vec<String>, T)>>,
}

impl<T> Default for Phrases<T> {
    fn default() -> Self {
        Phrases {
            by_first: FxHashMap::default(),
        }
    }
}

/// The words of a phrase as the tokenizer would cut them.
pub(crate) fn words(phrase: &str) -> Vec<String> {
    phrase
        .split([' ', '\u{200C}'])
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

impl<T> Phrases<T> {
    /// Adds a phrase (ignored when empty).
    pub fn insert(&mut self, phrase: &str, value: T) {
        let mut w = words(phrase).into_iter();
        let Some(first) = w.next() else { return };
        let list = self.by_first.entry(first).or_default();
        list.push((w.collect(), value));
        list.sort_by_key(|(rest, _)| std::cmp::Reverse(rest.len()));
    }

    /// The longest phrase starting at token `i`: how many tokens it covers, and its value.
    pub fn at(&self, text: &str, toks: &[Tok], i: usize) -> Option<(usize, &T)> {
        let first = toks.get(i)?;
        if first.kind != Kind::Word {
            return None;
        }
        let list = self.by_first.get(text.get(first.span.range())?)?;
        'entries: for (rest, v) in list {
            for (k, w) in rest.iter().enumerate() {
                match toks.get(i + 1 + k) {
                    Some(t)
                        if t.kind == Kind::Word && text.get(t.span.range()) == Some(w.as_str()) => {
                    }
                    _ => continue 'entries,
                }
            }
            return Some((rest.len() + 1, v));
        }
        None
    }

    /// True when a phrase starts at token `i`.
    pub fn starts(&self, text: &str, toks: &[Tok], i: usize) -> bool {
        self.at(text, toks, i).is_some()
    }

    /// The longest phrase that ends at token `end - 1`: its first token and its value.
    pub fn ending_at(
        &self,
        text: &str,
        toks: &[Tok],
        end: usize,
        max: usize,
    ) -> Option<(usize, &T)> {
        (1..=max.min(end))
            .rev()
            .find_map(|n| match self.at(text, toks, end - n) {
                Some((len, v)) if len == n => Some((end - n, v)),
                _ => None,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    #[test]
    fn every_data_line_has_its_fields() {
        for src in ALL {
            let mut n = 0;
            for r in rows(src) {
                assert!(r.len() >= 2, "{}: {:?}", src.name, r);
                assert!(!r[0].is_empty(), "{}: {:?}", src.name, r);
                n += 1;
            }
            assert!(n > 0, "{} is empty", src.name);
        }
    }

    #[test]
    fn longest_phrase_wins_whatever_the_joiner() {
        let mut p = Phrases::default();
        p.insert("دست کم", 1);
        p.insert("دست", 2);
        for t in ["دست‌کم ۵", "دست کم ۵"] {
            let toks = tokenize(t);
            assert_eq!(p.at(t, &toks, 0), Some((2, &1)));
            assert_eq!(p.ending_at(t, &toks, 2, 4), Some((0, &1)));
        }
        let t = "دست او";
        assert_eq!(p.at(t, &tokenize(t), 0), Some((1, &2)));
    }
}
