//! Verb tags that agree with the verb form: person, number and polarity.
//!
//! The tagger picks one combined tag (UPOS, XPOS, FEATS) per word from its features, and
//! now and then gives a finite verb a person or a polarity its affixes rule out: «نشدم»
//! with `Person=3`, «نباشد» without `Polarity=Neg`. The verb analyser ([`super::verbs`])
//! reads every way the form splits into prefix, stem and ending; when none of those
//! readings fits the tag, the tag is replaced by the same tag with the person, number and
//! polarity of the analyser's best reading, if the tag set has that tag. Forms the
//! analyser reads as a participle or an infinitive are left alone (a bare participle has
//! no ending to agree with), and so are ambiguous endings: «می‌کشید» (2nd plural present
//! or 3rd singular past) keeps whichever of the two the tagger chose.
//!
//! The check runs on every word tagged as a finite verb, so both sides are bit masks
//! over (person, number, polarity): each tag's is computed once with the tag set, each
//! word's readings once per thread (a small cache: the same few hundred verb forms make
//! most running verbs), and a tag is kept when the two masks share a bit. Without the
//! masks and the cache the check cost 16% of tagging time.
//!
//! ```
//! use dabir::morphology::agreement::Feats;
//! let f = Feats::parse("Number=Sing|Person=3|Tense=Past");
//! assert_eq!(f.person(), Some(3));
//! assert_eq!(f.with_agreement(1, true, true), "Number=Plur|Person=1|Polarity=Neg|Tense=Past");
//! ```

use super::lexicon::Lexicon;
use super::tagger::Tag;
use super::verbs::{self, Tense, VerbAnalysis};
use crate::learn::FeatureHasher;
use rustc_hash::FxHashMap;
use std::cell::RefCell;

/// A set of (person, number, polarity) combinations: bit `(person − 1) · 4 + plural · 2
/// + negative`. `ANY` for a tag that constrains nothing or a word with no finite reading.
type Mask = u16;
const ANY: Mask = Mask::MAX;

/// The bit of one combination.
fn bit(person: u8, plural: bool, negative: bool) -> Mask {
    match person {
        1..=3 => {
            1 << ((usize::from(person) - 1) * 4 + usize::from(plural) * 2 + usize::from(negative))
        }
        _ => ANY,
    }
}

/// Per-thread cache of [`readings_mask`], cleared when it grows past this many words.
const CACHE_WORDS: usize = 1 << 14;

thread_local! {
    static READINGS: RefCell<FxHashMap<u64, Mask>> = RefCell::default();
}

/// The combinations the finite readings of `word` allow; [`ANY`] when the analyser
/// reads it as a participle or infinitive too, or not at all.
fn readings_mask(word: &str, lex: &Lexicon) -> Mask {
    let compute = || {
        let readings = verbs::analyze(word, lex);
        if readings.is_empty() || readings.iter().any(|a| !is_finite(a)) {
            return ANY;
        }
        readings
            .iter()
            .fold(0, |m, a| m | bit(a.person, a.plural, a.negative))
    };
    let key = FeatureHasher::str(word);
    READINGS.with(|cell| match cell.try_borrow_mut() {
        Ok(mut cache) => {
            if let Some(&m) = cache.get(&key) {
                return m;
            }
            if cache.len() >= CACHE_WORDS {
                cache.clear();
            }
            let m = compute();
            cache.insert(key, m);
            m
        }
        Err(_) => compute(),
    })
}

fn is_finite(a: &VerbAnalysis) -> bool {
    matches!(a.tense, Tense::Past | Tense::Pres | Tense::Imp)
}

/// A FEATS value split into its `Name=Value` pairs, in their written (sorted) order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feats<'a> {
    pairs: Vec<(&'a str, &'a str)>,
}

impl<'a> Feats<'a> {
    /// Splits `Number=Sing|Person=3` (`_` is no feature).
    pub fn parse(feats: &'a str) -> Self {
        let pairs = feats.split('|').filter_map(|p| p.split_once('=')).collect();
        Feats { pairs }
    }

    fn get(&self, name: &str) -> Option<&'a str> {
        self.pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
    }

    /// `Person` as a number.
    pub fn person(&self) -> Option<u8> {
        self.get("Person").and_then(|p| p.parse().ok())
    }

    /// `Number=Plur` (`None` when the tag has no Number).
    pub fn plural(&self) -> Option<bool> {
        self.get("Number").map(|n| n == "Plur")
    }

    /// `Polarity=Neg`.
    pub fn negative(&self) -> bool {
        self.get("Polarity") == Some("Neg")
    }

    /// The FEATS string with Person, Number and Polarity set as given (Polarity dropped
    /// for a positive form), in UD's order (by name).
    pub fn with_agreement(&self, person: u8, plural: bool, negative: bool) -> String {
        let person = person.to_string();
        let mut pairs: Vec<(&str, &str)> = self
            .pairs
            .iter()
            .copied()
            .filter(|(n, _)| !matches!(*n, "Person" | "Number" | "Polarity"))
            .collect();
        pairs.push(("Person", &person));
        pairs.push(("Number", if plural { "Plur" } else { "Sing" }));
        if negative {
            pairs.push(("Polarity", "Neg"));
        }
        pairs.sort_by_key(|(n, _)| n.to_ascii_lowercase());
        let parts: Vec<String> = pairs.iter().map(|(n, v)| format!("{n}={v}")).collect();
        parts.join("|")
    }
}

/// The tag set's masks and labels.
#[derive(Debug, Clone, Default)]
pub struct Agreement {
    /// Per tag: the combinations it allows ([`ANY`] for a tag that is not a finite verb).
    masks: Vec<Mask>,
    /// Label → tag, to find a corrected tag.
    index: FxHashMap<String, usize>,
}

/// The combinations a tag allows.
fn tag_mask(t: &Tag) -> Mask {
    if !matches!(t.upos.as_str(), "VERB" | "AUX") {
        return ANY;
    }
    let feats = Feats::parse(&t.feats);
    let Some(person) = feats.person() else {
        return ANY;
    };
    let negative = feats.negative();
    match feats.plural() {
        Some(plural) => bit(person, plural, negative),
        None => bit(person, false, negative) | bit(person, true, negative),
    }
}

impl Agreement {
    /// Indexes a tag set.
    pub fn new(tags: &[Tag]) -> Self {
        let index = tags
            .iter()
            .enumerate()
            .map(|(i, t)| (t.label(), i))
            .collect();
        let masks = tags.iter().map(tag_mask).collect();
        Agreement { masks, index }
    }

    /// The tag `word` should have instead of `tags[tag]`, when the verb form rules that
    /// one out; `None` to keep it.
    pub fn correct(&self, word: &str, tag: usize, tags: &[Tag], lex: &Lexicon) -> Option<usize> {
        let mask = *self.masks.get(tag)?;
        if mask == ANY || readings_mask(word, lex) & mask != 0 {
            return None;
        }
        // a finite verb tag no reading fits: the same tag with the best reading's values
        let t = tags.get(tag)?;
        let finite: Vec<VerbAnalysis> = verbs::analyze(word, lex)
            .into_iter()
            .filter(is_finite)
            .collect();
        let best = verbs::best(&finite, |_| 0)?;
        let feats = Feats::parse(&t.feats);
        let label = format!(
            "{}\t{}\t{}",
            t.upos,
            t.xpos,
            feats.with_agreement(best.person, best.plural, best.negative)
        );
        self.index.get(&label).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> Lexicon {
        Lexicon::parse("", "w", "شد#شو\nبود#باش\nکشید#کش\n", "v").unwrap()
    }

    fn tags() -> Vec<Tag> {
        [
            "VERB\tV_PA\tNumber=Sing|Person=3|Tense=Past",
            "VERB\tV_PA\tNumber=Sing|Person=1|Polarity=Neg|Tense=Past",
            "VERB\tV_PRS\tNumber=Plur|Person=2|Tense=Pres",
            "NOUN\tN_SING\tNumber=Sing",
        ]
        .iter()
        .map(|l| Tag::from_label(l))
        .collect()
    }

    #[test]
    fn a_person_the_ending_rules_out_is_corrected() {
        let (lex, tags) = (lex(), tags());
        let a = Agreement::new(&tags);
        assert_eq!(a.correct("نشدم", 0, &tags, &lex), Some(1));
        // agreeing, ambiguous or not a verb tag: kept
        assert_eq!(a.correct("شد", 0, &tags, &lex), None);
        assert_eq!(a.correct("می‌کشید", 2, &tags, &lex), None);
        assert_eq!(a.correct("می‌کشید", 0, &tags, &lex), None);
        assert_eq!(a.correct("نشدم", 3, &tags, &lex), None);
        // no such tag in the set: kept
        assert_eq!(a.correct("نشدیم", 0, &tags, &lex), None);
    }
}
