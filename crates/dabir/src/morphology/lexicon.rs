//! hazm's word list and verb stems, as the tagger and the lemmatizer use them.
//!
//! `words.dat` lines are `word<TAB>frequency<TAB>POS,POS…` (193,751 words, 21 POS
//! classes such as N, AJ, ADV, NUM, PL, RES); `verbs.dat` lines are `past#present`
//! stem pairs (693). The word list gives the tagger a part-of-speech prior for words
//! the treebank never showed it, and the lemmatizer a test of whether a candidate lemma
//! is a real word; the stems drive the verb analyser. Both are stored in the morphology
//! model, so the files are only needed to train.

use crate::error::{Error, Result};
use crate::learn::FeatureHasher;
use crate::model::{Reader, Writer};
use crate::table::KeyTable;
use rustc_hash::FxHashMap;

/// The POS classes of hazm's `words.dat`, in bit order.
pub const LEXICON_CLASSES: [&str; 21] = [
    "N", "AJ", "NUM", "ADV", "PL", "RES", "CL", "AJC", "P", "CONJ", "DET", "ZVR", "PRO", "PR",
    "PS", "INT", "POSTP", "NIN", "COMP", "V", "0",
];

/// The bit of hazm's class `0` (no part of speech).
const ZERO_CLASS: u32 = 1 << 20;

/// The bit of hazm's class `PL` (a plural, often an Arabic broken plural).
pub const PLURAL_CLASS: u32 = 1 << 4;

/// What the lexicon knows about one word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Entry {
    /// Bit `i` set when the word has class [`LEXICON_CLASSES`]`[i]`.
    pub classes: u32,
    /// ⌊log2(1 + corpus frequency)⌋, a coarse frequency.
    pub freq_bucket: u8,
}

/// Words with POS classes, and verb stems.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// Words in file order (kept for serialisation).
    words: Vec<(String, Entry)>,
    /// word hash → entry (a [`KeyTable`]: looked up for every word the tagger has
    /// not cached, the lookup started early with [`Lexicon::prefetch_word`]).
    index: KeyTable<Entry>,
    /// (past stem, present stem) pairs.
    stems: Vec<(String, String)>,
    /// present stem → past stems.
    present: FxHashMap<String, Vec<String>>,
    /// past stems.
    past: FxHashMap<String, ()>,
    /// hashes of the words attested in the unannotated training text.
    attested: FxHashMap<u64, ()>,
    /// word hash → the tagger's verb-reading feature, precomputed for the words of the
    /// training text (the verb analyser is the costliest part of a word's features).
    verb_cache: KeyTable<u64>,
    /// word hash → the tagger's related-forms feature, precomputed likewise.
    forms_cache: KeyTable<u64>,
    /// Hashes of the words [`Lexicon::tanwin_adverb`] restores (a few hundred), so
    /// that the test, made for every word of every sentence, is one lookup in a
    /// small table.
    tanwin: FxHashMap<u64, ()>,
}

impl Lexicon {
    /// Parses `words.dat` and `verbs.dat` text; `*_path` only name the files in errors.
    pub fn parse(words: &str, words_path: &str, verbs: &str, verbs_path: &str) -> Result<Self> {
        let mut lex = Lexicon::default();
        for (i, line) in words.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(w), Some(f), Some(p)) = (cols.next(), cols.next(), cols.next()) else {
                return Err(Error::Format {
                    path: words_path.into(),
                    line: i + 1,
                    reason: "expected word<TAB>frequency<TAB>classes".into(),
                });
            };
            let freq: u64 = f.trim().parse().unwrap_or(0);
            let mut classes = 0u32;
            for c in p.split(',') {
                if let Some(b) = LEXICON_CLASSES.iter().position(|x| *x == c.trim()) {
                    classes |= 1 << b;
                }
            }
            let freq_bucket = (64 - (freq + 1).leading_zeros()) as u8;
            lex.words.push((
                w.to_string(),
                Entry {
                    classes,
                    freq_bucket,
                },
            ));
        }
        for (i, line) in verbs.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let Some((past, present)) = line.trim().split_once('#') else {
                return Err(Error::Format {
                    path: verbs_path.into(),
                    line: i + 1,
                    reason: "expected past#present".into(),
                });
            };
            // a dozen lines give the infinitive (پیچاندن) where the past stem belongs
            let past = match past.strip_suffix('ن') {
                Some(stem) if stem.ends_with('د') || stem.ends_with('ت') => stem,
                _ => past,
            };
            lex.stems.push((past.to_string(), present.to_string()));
        }
        lex.build_indexes();
        Ok(lex)
    }

    /// Reads `words.dat` and `verbs.dat` from hazm's lexicon folder.
    pub fn load_dir(dir: &str) -> Result<Self> {
        let wp = format!("{dir}/words.dat");
        let vp = format!("{dir}/verbs.dat");
        let words = std::fs::read_to_string(&wp).map_err(|e| Error::io(&wp, e))?;
        let verbs = std::fs::read_to_string(&vp).map_err(|e| Error::io(&vp, e))?;
        Self::parse(&words, &wp, &verbs, &vp)
    }

    fn build_indexes(&mut self) {
        self.index = self
            .words
            .iter()
            .map(|(w, e)| (FeatureHasher::str(w), *e))
            .collect();
        self.tanwin = self
            .words
            .iter()
            .filter_map(|(w, _)| w.strip_suffix('\u{64b}'))
            .filter(|bare| self.tanwin_adverb_uncached(bare).is_some())
            .map(|bare| (FeatureHasher::str(bare), ()))
            .collect();
        self.present.clear();
        self.past.clear();
        for (past, present) in &self.stems {
            if !past.is_empty() {
                self.past.insert(past.clone(), ());
                if !present.is_empty() {
                    self.present
                        .entry(present.clone())
                        .or_default()
                        .push(past.clone());
                }
            }
        }
    }

    /// Adds a verb stem pair (e.g. learned from the treebank).
    pub fn add_stem(&mut self, past: &str, present: &str) {
        if !self.stems.iter().any(|(a, b)| a == past && b == present) {
            self.stems.push((past.to_string(), present.to_string()));
            self.build_indexes();
        }
    }

    /// Marks more words as past stems (e.g. the verb lemmas of the treebank).
    pub fn add_past_stems<'a>(&mut self, stems: impl IntoIterator<Item = &'a str>) {
        let known: FxHashMap<String, ()> =
            self.stems.iter().map(|(a, _)| (a.clone(), ())).collect();
        for s in stems {
            if !s.is_empty() && !known.contains_key(s) {
                self.stems.push((s.to_string(), String::new()));
            }
        }
        self.build_indexes();
    }

    /// Records the words seen at least `min_count` times in unannotated text, so the
    /// lemmatizer can tell a real word (باور) from a cut-off one (باو).
    pub fn add_attested(&mut self, sentences: &[Vec<String>], min_count: u32) {
        let mut n: FxHashMap<u64, u32> = FxHashMap::default();
        for w in sentences.iter().flatten() {
            *n.entry(FeatureHasher::str(w)).or_default() += 1;
        }
        self.attested.extend(
            n.into_iter()
                .filter(|(_, c)| *c >= min_count)
                .map(|(h, _)| (h, ())),
        );
    }

    /// Stores precomputed verb-reading features (word hash → value).
    pub fn set_verb_cache(&mut self, cache: FxHashMap<u64, u64>) {
        self.verb_cache = cache.into_iter().collect();
    }

    /// The precomputed verb-reading feature of an already hashed word.
    #[inline]
    pub fn cached_verb(&self, word_hash: u64) -> Option<u64> {
        self.verb_cache.get(word_hash)
    }

    /// Stores precomputed related-forms features (word hash → value).
    pub fn set_forms_cache(&mut self, cache: FxHashMap<u64, u64>) {
        self.forms_cache = cache.into_iter().collect();
    }

    /// The precomputed related-forms feature of an already hashed word.
    #[inline]
    pub fn cached_forms(&self, word_hash: u64) -> Option<u64> {
        self.forms_cache.get(word_hash)
    }

    /// Starts loading where [`Lexicon::get_hashed`], [`Lexicon::cached_verb`] and
    /// [`Lexicon::cached_forms`] look `word_hash` up (a hint: the tagger calls it for
    /// the words of a sentence before it computes their features).
    #[inline]
    pub fn prefetch_word(&self, word_hash: u64) {
        self.index.prefetch(word_hash);
        self.verb_cache.prefetch(word_hash);
        self.forms_cache.prefetch(word_hash);
    }

    /// True when `word` was seen in the unannotated training text.
    pub fn is_attested(&self, word: &str) -> bool {
        self.attested.contains_key(&FeatureHasher::str(word))
    }

    /// The entry of `word`, if hazm lists it.
    #[inline]
    pub fn get(&self, word: &str) -> Option<Entry> {
        self.index.get(FeatureHasher::str(word))
    }

    /// The entry of an already hashed word.
    #[inline]
    pub fn get_hashed(&self, word_hash: u64) -> Option<Entry> {
        self.index.get(word_hash)
    }

    /// True when the word with this hash is listed at all (any class, `0` included).
    #[inline]
    pub fn lists_hashed(&self, word_hash: u64) -> bool {
        self.index.get(word_hash).is_some()
    }

    /// True when the word with this hash is listed with a real part of speech (hazm's
    /// class `0` marks unchecked entries, many of them fragments such as مزحم).
    #[inline]
    pub fn contains_hashed(&self, word_hash: u64) -> bool {
        self.index
            .get(word_hash)
            .is_some_and(|e| e.classes & !ZERO_CLASS != 0)
    }

    /// True when the word with this hash was seen in the unannotated training text.
    #[inline]
    pub fn is_attested_hashed(&self, word_hash: u64) -> bool {
        self.attested.contains_key(&word_hash)
    }

    /// The adverb `word` stands for when it ends in ا whose tanwin (ـاً) the cleaner's
    /// diacritic removal or the writer dropped: قبلا → قبلاً, اخیرا → اخیراً. Only when
    /// hazm lists the tanwin form as an adverb and does not list `word` itself with a
    /// part of speech (تنها, چرا, لذا stay as they are).
    ///
    /// ```
    /// let lex = dabir::morphology::lexicon::Lexicon::parse(
    ///     "قبلاً\t0\tADV\nتنها\t9\tAJ,ADV\nتنهاً\t0\tADV\n", "words.dat", "", "verbs.dat",
    /// ).unwrap();
    /// assert_eq!(lex.tanwin_adverb("قبلا").as_deref(), Some("قبلاً"));
    /// assert_eq!(lex.tanwin_adverb("تنها"), None);
    /// assert_eq!(lex.tanwin_adverb("قبلاً"), None);
    /// ```
    pub fn tanwin_adverb(&self, word: &str) -> Option<String> {
        if !word.ends_with('\u{627}') || !self.tanwin.contains_key(&FeatureHasher::str(word)) {
            return None;
        }
        self.tanwin_adverb_uncached(word)
    }

    /// [`Lexicon::tanwin_adverb`] by its definition (the words for which it holds are
    /// listed once, when the lexicon is built).
    fn tanwin_adverb_uncached(&self, word: &str) -> Option<String> {
        const ADV_CLASS: u32 = 1 << 3;
        if !word.ends_with('\u{627}') || word.chars().count() < 3 || self.contains(word) {
            return None;
        }
        let e = self.get_hashed(FeatureHasher::concat(&[word, "\u{64b}"]))?;
        (e.classes & ADV_CLASS != 0).then(|| format!("{word}\u{64b}"))
    }

    /// True when `word` is listed with a real part of speech (see [`Lexicon::contains_hashed`]).
    pub fn contains(&self, word: &str) -> bool {
        self.contains_hashed(FeatureHasher::str(word))
    }

    /// True when `stem` is a known past stem.
    pub fn is_past_stem(&self, stem: &str) -> bool {
        self.past.contains_key(stem)
    }

    /// The past stems whose present stem is `stem`.
    pub fn past_of_present(&self, stem: &str) -> &[String] {
        self.present.get(stem).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The present stems listed for the past stem `past`, in file order (گفت → گو, گوی).
    /// For callers that write a verb's lemma with both stems, as hazm does (گفت#گو).
    ///
    /// ```
    /// use dabir::morphology::lexicon::Lexicon;
    /// let lex = Lexicon::parse("", "w", "گفت#گو\nگفت#گوی\nرفت#رو\n", "v").unwrap();
    /// assert_eq!(lex.present_of_past("گفت").collect::<Vec<_>>(), ["گو", "گوی"]);
    /// assert_eq!(lex.present_of_past("دید").next(), None);
    /// ```
    pub fn present_of_past<'a>(&'a self, past: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.stems
            .iter()
            .filter(move |(p, present)| p == past && !present.is_empty())
            .map(|(_, present)| present.as_str())
    }

    /// The number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when there are no words.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Appends the lexicon to a model file.
    pub fn write(&self, w: &mut Writer) {
        w.u32(self.words.len() as u32);
        for (word, e) in &self.words {
            w.str(word);
            w.u32(e.classes);
            w.u8(e.freq_bucket);
        }
        w.u32(self.stems.len() as u32);
        for (a, b) in &self.stems {
            w.str(a);
            w.str(b);
        }
        let mut att: Vec<u64> = self.attested.keys().copied().collect();
        att.sort_unstable();
        w.u32(att.len() as u32);
        for h in att {
            w.u64(h);
        }
        for cache in [&self.verb_cache, &self.forms_cache] {
            // (a key table lists its entries in key order)
            w.u32(cache.len() as u32);
            for (h, v) in cache.iter() {
                w.u64(h);
                w.u64(v);
            }
        }
    }

    /// Reads a lexicon written by [`Lexicon::write`].
    pub fn read(r: &mut Reader<'_>) -> Result<Self> {
        let mut lex = Lexicon::default();
        let n = r.count(9)?;
        lex.words.reserve(n);
        for _ in 0..n {
            let word = r.str()?.to_string();
            let classes = r.u32()?;
            let freq_bucket = r.u8()?;
            lex.words.push((
                word,
                Entry {
                    classes,
                    freq_bucket,
                },
            ));
        }
        let n = r.count(8)?;
        for _ in 0..n {
            let a = r.str()?.to_string();
            let b = r.str()?.to_string();
            lex.stems.push((a, b));
        }
        let n = r.count(8)?;
        lex.attested.reserve(n);
        for _ in 0..n {
            lex.attested.insert(r.u64()?, ());
        }
        for cache in [&mut lex.verb_cache, &mut lex.forms_cache] {
            let n = r.count(16)?;
            let mut pairs = Vec::with_capacity(n);
            for _ in 0..n {
                let h = r.u64()?;
                pairs.push((h, r.u64()?));
            }
            *cache = pairs.into_iter().collect();
        }
        lex.build_indexes();
        Ok(lex)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_round_trips() {
        let lex = Lexicon::parse(
            "آب\t549\tN,AJ\nکتاب\t0\tN\n",
            "w",
            "#هست\nگفت#گو\nگفت#گوی\n",
            "v",
        )
        .unwrap();
        let e = lex.get("آب").unwrap();
        assert_eq!(e.classes, 0b11);
        assert!(lex.is_past_stem("گفت"));
        assert_eq!(lex.past_of_present("گوی"), ["گفت"]);
        let mut w = Writer::new("lex", 1);
        lex.write(&mut w);
        let bytes = w.finish();
        let back = Lexicon::read(&mut Reader::open(&bytes, "lex", 1).unwrap()).unwrap();
        assert_eq!(back.get("کتاب"), lex.get("کتاب"));
        assert_eq!(back.past_of_present("گو"), ["گفت"]);
        assert!(Lexicon::parse("bad line\n", "w", "", "v").is_err());
    }
}
