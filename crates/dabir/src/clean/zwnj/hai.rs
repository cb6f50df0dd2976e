//! «‌های» or «ه‌ای»: the one ambiguity of a deleted ZWNJ that the word alone cannot
//! settle.
//!
//! A word whose letters end in «های» is either a plural («زمین‌های»: the stem, a ZWNJ,
//! «های») or a word ending in «ه» with the indefinite or copula «ای» («زمینه‌ای»). When
//! both stems are words, the word table's spelling is only the corpus's majority, and
//! the classifier sees no context. What follows tells them apart: a plural is usually
//! in the ezafe with a noun or adjective after it («زمین‌های کشاورزی»), «ه‌ای» is
//! usually followed by a preposition, a verb or the end of the clause («زمینه‌ای برای»,
//! «دیده‌ای.»). Two small tables learned from the train text by [`learn`] decide it:
//! how often each reading is followed by each next word, and how often the corpus
//! spells each ambiguous word each way. The rule runs only on words that the corpus
//! writes both ways and that the model would split at one of the two places, so it
//! moves a ZWNJ between them and never adds or removes one.

use super::model::{text_hash, ZwnjModel};
use crate::script::ZWNJ;
use crate::table::KeyTable;
use rustc_hash::FxHashMap;

/// How often each reading was seen: the plural «‌های» and «ه‌ای».
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Readings {
    /// Times read as a plural («‌های»).
    pub plural: u32,
    /// Times read as «ه» + «ای».
    pub indefinite: u32,
}

/// The learned tables.
#[derive(Debug, Clone, Default)]
pub struct HaiTables {
    /// By [`text_hash`] of the next word's first piece ("" when no single space
    /// separates the word from a next Persian word: punctuation or the line end).
    pub next: KeyTable<Readings>,
    /// By [`text_hash`] of the word's letters (no ZWNJ): its spellings in the corpus.
    pub words: KeyTable<Readings>,
    /// Sums of [`HaiTables::next`] (computed, not stored).
    pub totals: Readings,
}

impl HaiTables {
    /// True when nothing was learned (the rule is then off).
    pub fn is_empty(&self) -> bool {
        self.next.is_empty()
    }

    /// Tables from their entries; the totals are computed.
    pub fn new(next: KeyTable<Readings>, words: KeyTable<Readings>) -> Self {
        let totals = next.iter().fold(Readings::default(), |t, (_, r)| Readings {
            plural: t.plural + r.plural,
            indefinite: t.indefinite + r.indefinite,
        });
        HaiTables {
            next,
            words,
            totals,
        }
    }
}

/// The reading of a written word ending in «های» (ZWNJ as written), if it is one.
fn reading(form: &str) -> Option<bool> {
    if form.ends_with("\u{200c}های") {
        Some(true)
    } else if form.ends_with("ه\u{200c}ای") {
        Some(false)
    } else {
        None
    }
}

/// Learns the tables from correctly written lines. `words` gives each line's words
/// as byte ranges (the scanner's words).
pub fn learn<'a>(
    lines: impl Iterator<Item = &'a str>,
    mut find: impl FnMut(&'a str) -> Vec<std::ops::Range<usize>>,
) -> HaiTables {
    let mut next: FxHashMap<&str, Readings> = FxHashMap::default();
    let mut words: FxHashMap<String, Readings> = FxHashMap::default();
    for line in lines {
        let ws = find(line);
        for (k, w) in ws.iter().enumerate() {
            let form = line[w.clone()].trim_matches(ZWNJ);
            let Some(plural) = reading(form) else {
                continue;
            };
            let n = next_piece(line, &ws, k);
            let key: String = form.chars().filter(|&c| c != ZWNJ).collect();
            for r in [next.entry(n).or_default(), words.entry(key).or_default()] {
                if plural {
                    r.plural += 1;
                } else {
                    r.indefinite += 1;
                }
            }
        }
    }
    HaiTables::new(
        next.into_iter().map(|(n, r)| (text_hash(n), r)).collect(),
        words.into_iter().map(|(k, r)| (text_hash(&k), r)).collect(),
    )
}

/// The first piece of the word after `ws[k]` when one space separates them, else "".
fn next_piece<'a>(line: &'a str, ws: &[std::ops::Range<usize>], k: usize) -> &'a str {
    match (ws.get(k), ws.get(k + 1)) {
        (Some(a), Some(b)) if line.get(a.end..b.start) == Some(" ") => line[b.clone()]
            .trim_matches(ZWNJ)
            .split(ZWNJ)
            .next()
            .unwrap_or(""),
        _ => "",
    }
}

/// The bytes of «های».
pub(super) const HAI: &[u8] = "های".as_bytes();

/// Decides between «‌های» and «ه‌ای» for `word` (letters only, no ZWNJ, ending in
/// «های») given `mask`, the model's decision, and `next`, the first piece of the next
/// word ("" if none follows after one space). Returns the mask with the ZWNJ moved to
/// the likelier place; `mask` unchanged when it splits at neither place, when one of
/// the two stems is not a word, when the corpus does not write the word both ways,
/// or when nothing was learned.
pub fn decide(model: &ZwnjModel, word: &str, mask: u64, next: &str) -> u64 {
    let t = &model.hai;
    let n = word.chars().count();
    if t.is_empty() || !(5..=64).contains(&n) || !word.ends_with("های") {
        return mask;
    }
    // Bit i: a ZWNJ after char i. Plural: after the stem (char n-4); «ه‌ای»: after the
    // «ه» (char n-3).
    let (plural_bit, indef_bit) = (1u64 << (n - 4), 1u64 << (n - 3));
    if mask & (plural_bit | indef_bit) == 0
        || mask & (plural_bit | indef_bit) == plural_bit | indef_bit
    {
        return mask;
    }
    let stem = &word[..word.len() - "های".len()];
    let stem_he = &word[..word.len() - "ای".len()];
    if model.count(stem) == 0 || model.count(stem_he) == 0 {
        return mask;
    }
    // Only a word the corpus itself writes both ways: for the others the spelling
    // the model chose is the better guess (measured on PerDT dev: the next word
    // alone moved as many right ZWNJ as wrong ones).
    let spelled = t.words.get(text_hash(word)).unwrap_or_default();
    if spelled.plural == 0 || spelled.indefinite == 0 {
        return mask;
    }
    let after = t.next.get(text_hash(next)).unwrap_or_default();
    // Naive Bayes: P(reading | word) from the word's spellings, smoothed towards
    // the base rate of the readings (a word the corpus never wrote is three times
    // likelier a plural), times P(next | reading).
    let (tp, ti) = (f64::from(t.totals.plural), f64::from(t.totals.indefinite));
    let base = tp / (tp + ti).max(1.0);
    let ln = |x: u32| (f64::from(x) + 0.5).ln();
    let score = (f64::from(spelled.plural) + base).ln()
        - (f64::from(spelled.indefinite) + 1.0 - base).ln()
        + ln(after.plural)
        - (tp + 0.5).ln()
        - ln(after.indefinite)
        + (ti + 0.5).ln();
    let rest = mask & !(plural_bit | indef_bit);
    let chosen = if score > 0.0 { plural_bit } else { indef_bit };
    // Never a piece of one letter (a ZWNJ right before or after the chosen one).
    if rest & (chosen >> 1 | chosen << 1) != 0 {
        return mask;
    }
    rest | chosen
}

#[cfg(test)]
mod tests {
    use super::super::restore_text;
    use super::super::train::{train, TrainInput};
    use super::super::ZwnjModel;

    /// A corpus that writes «زمینهای» both ways, each with its own next words.
    fn model() -> ZwnjModel {
        let text = "زمین‌های کشاورزی را دیدیم.\nزمین‌های کشاورزی بزرگ است.\n\
                    زمینه‌ای برای کار است.\nزمینه‌ای برای ما بود.\nزمین خوب است.\n\
                    زمینه خوب است.\nکتاب‌های کشاورزی را خواندیم.\nنامه‌ای برای او بود.\n";
        train(TrainInput {
            sentences: text,
            lexicon: None,
            verbs: None,
            epochs: 3,
            attested_only: false,
        })
    }

    #[test]
    fn the_next_word_chooses_the_reading() {
        let m = model();
        assert!(!m.hai.is_empty());
        assert_eq!(
            restore_text(&m, "زمینهای کشاورزی"),
            "زمین\u{200c}های کشاورزی"
        );
        assert_eq!(restore_text(&m, "زمینهای برای"), "زمینه\u{200c}ای برای");
    }

    #[test]
    fn tables_survive_the_model_file() {
        let m = model();
        let back = ZwnjModel::from_bytes(&m.to_bytes()).expect("reads back");
        assert_eq!(back.hai.totals, m.hai.totals);
        assert_eq!(back.to_bytes(), m.to_bytes());
    }
}
