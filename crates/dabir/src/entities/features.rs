//! Features of each token for the entity tagger: hashed (template, value) pairs.
//!
//! What generalises in news text, beyond the word itself: the words around it (titles
//! such as آقای or شهر before a name, verbs after it), prefixes and suffixes (ـی
//! adjectives of place, ـان plurals), the word's shape (Latin, digits, length), its
//! distributional cluster learned from raw text (names cluster with names), the part of
//! speech the morphology stage gives it (PROPN), its character trigrams (transliterated
//! foreign names), and whether it starts, continues or ends a phrase the training data
//! named as an entity ([`Gazetteer`]).
//!
//! Every word is first [`normalize`]d — ZWNJ and other joiners removed, Arabic letter
//! forms unified, digits made `0` — so that the same word with and without its ZWNJ
//! (scraped text loses them) has the same features.

use super::gazetteer::{GazMatch, Gazetteer};
use super::word_classes::{WordClasses, MAX_LEVELS};
use crate::learn::FeatureHasher;
use crate::morphology::clusters::Clusters;
use crate::morphology::Analyzer;

/// A word as the features see it: ZWNJ, ZWJ, tatweel and Arabic diacritics removed,
/// Arabic yeh/kaf/heh forms made Persian, every digit `0`.
///
/// ```
/// use dabir::entities::features::normalize;
/// assert_eq!(normalize("می‌شود"), "میشود");
/// assert_eq!(normalize("علي"), "علی");
/// assert_eq!(normalize("۱۳۹۹"), "0000");
/// ```
pub fn normalize(token: &str) -> String {
    let mut out = String::with_capacity(token.len());
    for c in token.chars() {
        let m = match c {
            '\u{200C}' | '\u{200D}' | '\u{200B}' | '\u{0640}' | '\u{FEFF}' => continue,
            '\u{064B}'..='\u{065F}' | '\u{0670}' => continue,
            'ي' | 'ى' | 'ئ' => 'ی',
            'ك' => 'ک',
            'ۀ' | 'ة' => 'ه',
            'أ' | 'إ' | 'ٱ' => 'ا',
            'ؤ' => 'و',
            '0'..='9' | '۰'..='۹' | '٠'..='٩' => '0',
            c => c,
        };
        out.push(m);
    }
    out
}

/// Sentinel hash for "no value" (outside the sentence, no cluster).
const NONE: u64 = 0x5eed_0000_0000_0001;

// Feature templates. Their numbers are stored in model files through the hashes:
// never renumber, only add.
const BIAS: u32 = 1;
const WORD: u32 = 2;
const PREV: u32 = 3;
const NEXT: u32 = 4;
const PREV2: u32 = 5;
const NEXT2: u32 = 6;
const PREV_WORD: u32 = 7;
const WORD_NEXT: u32 = 8;
const PREFIX: u32 = 9;
const SUFFIX: u32 = 10;
const SHAPE: u32 = 11;
const SHAPES3: u32 = 12;
const CLUSTER: u32 = 13;
const COARSE: u32 = 14;
const PREV_CLUSTER: u32 = 15;
const NEXT_CLUSTER: u32 = 16;
const UPOS: u32 = 17;
const PREV_UPOS: u32 = 18;
const NEXT_UPOS: u32 = 19;
const UPOS_PAIR_L: u32 = 20;
const UPOS_PAIR_R: u32 = 21;
const GAZ: u32 = 23;
const GAZ_PREV: u32 = 24;
const GAZ_NEXT: u32 = 25;
const MEMORY: u32 = 26;
const FIRST: u32 = 28;
const PREV_SUFFIX: u32 = 29;
const NEXT_PREFIX: u32 = 30;
const PREV_COARSE: u32 = 31;
const NEXT_COARSE: u32 = 32;
const XPOS: u32 = 33;
const WORD_UPOS: u32 = 34;
const LEX: u32 = 35;
const PREV_LEX: u32 = 36;
const NEXT_LEX: u32 = 37;
// 38–44 were tried (clusters and UPOS of ±2, cluster pairs, UPOS trigram) and did not
// help on held-out Arman data; not used.
const SUFFIX4: u32 = 45;
const PREFIX3: u32 = 46;
const NEXT_SUFFIX: u32 = 47;
const GAZ_POS: u32 = 48;
const GAZ_UPOS: u32 = 49;
// 50–56 were tried (word × neighbour cluster, word bigrams and trigram of the window,
// XPOS pairs): no gain; not used.
const CHAR3: u32 = 57;
const SHAPE_CLUSTER: u32 = 58;
const FIRST_WORD: u32 = 59;
// word classes at several granularities (`WordClasses`): the word's, the previous and
// the next word's, one feature per level
const CLASS: u32 = 60;
const PREV_CLASS: u32 = 61;
const NEXT_CLASS: u32 = 62;
// 63–66 were tried (classes of ±2, class pairs with the neighbours): no gain; not used.
const FAR_LEFT: u32 = 67;
// 68 (words 3–5 after) and 69 (the classes of words 3–5 before) were tried: no gain.

/// Optional feature groups; a model stores the ones it was trained with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FeatureSet {
    /// The words 3 to 5 before the token, as a bag: inside a long name the word that
    /// opened it (اجلاس, جام, دانشگاه, روزنامه) is out of the ±2 window.
    pub far_left: bool,
}

impl FeatureSet {
    /// The groups as bits, for the model file.
    pub fn bits(self) -> u32 {
        u32::from(self.far_left)
    }
    /// The groups of [`FeatureSet::bits`]; `None` when a bit is unknown (a model from
    /// a newer build).
    pub fn from_bits(bits: u32) -> Option<Self> {
        (bits & !1 == 0).then_some(FeatureSet {
            far_left: bits & 1 != 0,
        })
    }
}

/// The template of the previous-label feature (used by training and decoding).
pub const TRANSITION: u32 = 100;

/// The template of the per-corpus copies of every feature (domain adaptation).
pub const DOMAIN: u32 = 101;

/// The copy of feature `f` that only corpus `domain` sees.
pub fn domain_feature(f: u64, domain: usize) -> u64 {
    FeatureHasher::combine(DOMAIN, &[f, domain as u64])
}

/// The transition feature for a previous label (`n_labels` stands for the start).
pub fn transition(prev: usize) -> u64 {
    FeatureHasher::combine(TRANSITION, &[prev as u64])
}

/// Everything the features need about one token, hashed once.
#[derive(Debug, Clone, Copy)]
struct TokenInfo {
    word: u64,
    suf: [u64; 4],
    pre: [u64; 3],
    shape: u64,
    cluster: u64,
    coarse: u64,
    upos: u64,
    xpos: u64,
    lex: u64,
    classes: [u64; MAX_LEVELS],
}

/// The features of a sentence: position `i` has `feats[offsets[i]..offsets[i + 1]]`.
#[derive(Debug, Clone, Default)]
pub struct SentenceFeatures {
    /// All feature hashes, position after position.
    pub feats: Vec<u64>,
    /// Where each position starts in `feats` (one more entry than positions).
    pub offsets: Vec<usize>,
}

impl SentenceFeatures {
    /// The number of positions.
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }
    /// True when there is no position.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The features of position `i` (empty outside the sentence).
    pub fn at(&self, i: usize) -> &[u64] {
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => self.feats.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// The resources features are computed with.
#[derive(Debug, Clone, Copy)]
pub struct Featurizer<'a> {
    /// Word clusters learned from raw text.
    pub clusters: &'a Clusters,
    /// Entity phrases of the training data.
    pub gazetteer: &'a Gazetteer,
    /// The morphology stage, for UPOS/XPOS (None: no part-of-speech features).
    pub analyzer: Option<&'a Analyzer>,
    /// Word classes at several granularities (none: no such features).
    pub classes: &'a WordClasses,
    /// The optional feature groups.
    pub set: FeatureSet,
}

/// A word's shape: classes of its characters with runs collapsed, plus a length bucket.
fn shape(w: &str) -> u64 {
    let mut s = [0u8; 6];
    let mut n = 0;
    let mut last = 0u8;
    for c in w.chars() {
        let k = if c.is_ascii_digit() {
            b'd'
        } else if c.is_ascii_uppercase() {
            b'A'
        } else if c.is_ascii_lowercase() {
            b'a'
        } else if crate::script::is_arabic_letter(c) {
            b'f'
        } else if c.is_alphabetic() {
            b'x'
        } else {
            // punctuation kept as itself when ASCII, else one class
            if c.is_ascii() {
                c as u8
            } else {
                b'p'
            }
        };
        if k != last && n < s.len() {
            s[n] = k;
            n += 1;
        }
        last = k;
    }
    let len = w.chars().count().min(8) as u64;
    FeatureHasher::bytes(s.get(..n).unwrap_or(&[])) ^ len.wrapping_mul(0x9e37_79b9)
}

impl Featurizer<'_> {
    fn info(&self, token: &str, norm: &str, upos: u64, xpos: u64) -> TokenInfo {
        let word = FeatureHasher::str(norm);
        let n = norm.chars().count();
        let mut suf = [NONE; 4];
        let mut pre = [NONE; 3];
        for (k, (i, _)) in norm.char_indices().rev().take(4).enumerate() {
            if n > k + 2 {
                suf[k] = FeatureHasher::str(norm.get(i..).unwrap_or(""));
            }
        }
        for (k, (i, c)) in norm.char_indices().take(3).enumerate() {
            if n > k + 2 {
                pre[k] = FeatureHasher::str(norm.get(..i + c.len_utf8()).unwrap_or(""));
            }
        }
        let (cluster, coarse) = self
            .clusters
            .cluster(word)
            .map_or((NONE, NONE), |(f, c)| (u64::from(f), u64::from(c)));
        let lex = self.analyzer.map_or(NONE, |a| {
            a.lexicon()
                .get_hashed(FeatureHasher::str(token))
                .map_or(NONE - 1, |e| {
                    u64::from(e.classes) | u64::from(e.freq_bucket / 2) << 32
                })
        });
        let classes = match self.classes.levels() {
            0 => [NONE; MAX_LEVELS],
            _ => self
                .classes
                .classes(word)
                .map_or([NONE; MAX_LEVELS], |c| c.map(u64::from)),
        };
        TokenInfo {
            classes,
            lex,
            word,
            suf,
            pre,
            shape: shape(norm),
            cluster,
            coarse,
            upos,
            xpos,
        }
    }

    /// Computes the features of every token of a sentence into `out` (cleared first),
    /// with `gazetteer` instead of the featurizer's own when given (training uses a
    /// gazetteer that has not seen the sentence).
    pub fn sentence(
        &self,
        tokens: &[&str],
        gazetteer: Option<&Gazetteer>,
        out: &mut SentenceFeatures,
    ) {
        match self.analyzer {
            Some(a) => {
                let tags: Vec<(&str, &str)> = a
                    .tag(tokens)
                    .into_iter()
                    .map(|t| (t.upos.as_str(), t.xpos.as_str()))
                    .collect();
                self.sentence_tagged(tokens, &tags, gazetteer, out);
            }
            None => self.sentence_tagged(tokens, &[], gazetteer, out),
        }
    }

    /// As [`Featurizer::sentence`], with each token's (UPOS, XPOS) given instead of
    /// computed by the analyzer: the pipeline has already tagged the words (a token the
    /// segmenter split into host and clitics passes its host's tags). The tags are used
    /// only when the featurizer has an analyzer (the model was trained with them); a
    /// token without an entry gets the "no tag" value.
    pub fn sentence_tagged(
        &self,
        tokens: &[&str],
        tags: &[(&str, &str)],
        gazetteer: Option<&Gazetteer>,
        out: &mut SentenceFeatures,
    ) {
        out.feats.clear();
        out.offsets.clear();
        let gaz = gazetteer.unwrap_or(self.gazetteer);
        let norms: Vec<String> = tokens.iter().map(|t| normalize(t)).collect();
        let infos: Vec<TokenInfo> = norms
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let (u, x) = tags
                    .get(i)
                    .filter(|_| self.analyzer.is_some())
                    .map_or((NONE, NONE), |(u, x)| {
                        (FeatureHasher::str(u), FeatureHasher::str(x))
                    });
                self.info(tokens.get(i).copied().unwrap_or(""), w, u, x)
            })
            .collect();
        let words: Vec<u64> = infos.iter().map(|t| t.word).collect();
        let matches: Vec<GazMatch> = gaz.annotate(&words);
        let get =
            |i: isize| -> Option<&TokenInfo> { usize::try_from(i).ok().and_then(|i| infos.get(i)) };
        let h = FeatureHasher::combine;
        for (i, t) in infos.iter().enumerate() {
            out.offsets.push(out.feats.len());
            let f = &mut out.feats;
            let ii = i as isize;
            let p = get(ii - 1);
            let n = get(ii + 1);
            let pw = p.map_or(NONE, |x| x.word);
            let nw = n.map_or(NONE, |x| x.word);
            f.push(h(BIAS, &[]));
            f.push(h(WORD, &[t.word]));
            f.push(h(PREV, &[pw]));
            f.push(h(NEXT, &[nw]));
            f.push(h(PREV2, &[get(ii - 2).map_or(NONE, |x| x.word)]));
            f.push(h(NEXT2, &[get(ii + 2).map_or(NONE, |x| x.word)]));
            f.push(h(PREV_WORD, &[pw, t.word]));
            f.push(h(WORD_NEXT, &[t.word, nw]));
            for (k, &s) in t.pre.iter().take(2).enumerate() {
                if s != NONE {
                    f.push(h(PREFIX, &[k as u64, s]));
                }
            }
            for (k, &s) in t.suf.iter().take(3).enumerate() {
                if s != NONE {
                    f.push(h(SUFFIX, &[k as u64, s]));
                }
            }
            // longer affixes (ـستان, ـیه, آیت…) and the next word's ending
            {
                if t.suf[3] != NONE {
                    f.push(h(SUFFIX4, &[t.suf[3]]));
                }
                if t.pre[2] != NONE {
                    f.push(h(PREFIX3, &[t.pre[2]]));
                }
                if let Some(&s) = n.and_then(|x| x.suf.get(1)) {
                    f.push(h(NEXT_SUFFIX, &[s]));
                }
            }
            // character trigrams inside the word: transliterated foreign names share
            // letter sequences a prefix or suffix does not reach
            {
                if let Some(w) = norms.get(i).filter(|w| w.chars().nth(3).is_some()) {
                    let starts = w.char_indices().map(|(k, _)| k);
                    let ends = w
                        .char_indices()
                        .skip(3)
                        .map(|(k, _)| k)
                        .chain(std::iter::once(w.len()));
                    for (a, b) in starts.zip(ends) {
                        f.push(h(CHAR3, &[FeatureHasher::str(w.get(a..b).unwrap_or(""))]));
                    }
                }
            }
            // shape × cluster, and the sentence's first word itself (news openers)
            {
                f.push(h(SHAPE_CLUSTER, &[t.shape, t.cluster]));
                if i == 0 {
                    f.push(h(FIRST_WORD, &[t.word]));
                }
            }
            if let Some(&s) = p.and_then(|x| x.suf.get(1)) {
                f.push(h(PREV_SUFFIX, &[s]));
            }
            if let Some(&s) = n.and_then(|x| x.pre.first()) {
                f.push(h(NEXT_PREFIX, &[s]));
            }
            f.push(h(SHAPE, &[t.shape]));
            f.push(h(
                SHAPES3,
                &[
                    p.map_or(NONE, |x| x.shape),
                    t.shape,
                    n.map_or(NONE, |x| x.shape),
                ],
            ));
            f.push(h(CLUSTER, &[t.cluster]));
            f.push(h(COARSE, &[t.coarse]));
            f.push(h(PREV_CLUSTER, &[p.map_or(NONE, |x| x.cluster)]));
            f.push(h(NEXT_CLUSTER, &[n.map_or(NONE, |x| x.cluster)]));
            f.push(h(PREV_COARSE, &[p.map_or(NONE, |x| x.coarse), t.coarse]));
            f.push(h(NEXT_COARSE, &[t.coarse, n.map_or(NONE, |x| x.coarse)]));
            // the word's class at each granularity, and its neighbours'
            {
                let none = [NONE; MAX_LEVELS];
                let pc = p.map_or(none, |x| x.classes);
                let nc = n.map_or(none, |x| x.classes);
                let levels = t.classes.iter().zip(pc).zip(nc);
                for (l, ((&c, pc), nc)) in levels.take(self.classes.levels()).enumerate() {
                    let lv = l as u64;
                    f.push(h(CLASS, &[lv, c]));
                    f.push(h(PREV_CLASS, &[lv, pc]));
                    f.push(h(NEXT_CLASS, &[lv, nc]));
                }
            }
            if self.set.far_left {
                for j in (ii - 5)..=(ii - 3) {
                    if let Some(w) = get(j) {
                        f.push(h(FAR_LEFT, &[w.word]));
                    }
                }
            }
            if self.analyzer.is_some() {
                let pu = p.map_or(NONE, |x| x.upos);
                let nu = n.map_or(NONE, |x| x.upos);
                f.push(h(UPOS, &[t.upos]));
                f.push(h(XPOS, &[t.xpos]));
                f.push(h(PREV_UPOS, &[pu]));
                f.push(h(NEXT_UPOS, &[nu]));
                f.push(h(UPOS_PAIR_L, &[pu, t.upos]));
                f.push(h(UPOS_PAIR_R, &[t.upos, nu]));
                f.push(h(WORD_UPOS, &[t.word, t.upos]));
                f.push(h(LEX, &[t.lex]));
                f.push(h(PREV_LEX, &[p.map_or(NONE, |x| x.lex)]));
                f.push(h(NEXT_LEX, &[n.map_or(NONE, |x| x.lex)]));
            }
            if i == 0 {
                f.push(h(FIRST, &[]));
            }
            let m = |j: isize| usize::try_from(j).ok().and_then(|j| matches.get(j));
            for (tpl, j) in [(GAZ, ii), (GAZ_PREV, ii - 1), (GAZ_NEXT, ii + 1)] {
                if let Some(g) = m(j) {
                    for (ty, begin, bucket) in g.phrase_features() {
                        f.push(h(tpl, &[ty, begin, bucket]));
                    }
                }
            }
            // where in a known phrase the token sits (begin / inside / end), alone and
            // with its part of speech
            {
                if let Some(g) = matches.get(i) {
                    if g.phrase_mask != 0 {
                        let last = matches
                            .get(i + 1)
                            .map_or(true, |x| x.begin || x.phrase_mask != g.phrase_mask);
                        let pos = u64::from(g.begin) | u64::from(last) << 1;
                        f.push(h(
                            GAZ_POS,
                            &[u64::from(g.phrase_mask), pos, u64::from(g.bucket)],
                        ));
                        f.push(h(GAZ_UPOS, &[u64::from(g.phrase_mask), pos, t.upos]));
                    }
                }
            }
            if let Some(g) = matches.get(i) {
                for ty in g.memory_features() {
                    f.push(h(MEMORY, &[ty]));
                }
            }
        }
        out.offsets.push(out.feats.len());
    }
}
