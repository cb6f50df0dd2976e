//! The tagger: UPOS, XPOS and UD features as one combined tag per word.
//!
//! PerDT's 25k dev words carry 188 distinct (UPOS, XPOS, FEATS) triples; predicting the
//! triple as one class keeps the three layers consistent with each other (a V_PASS is
//! always a VERB with Voice=Pass) and costs one model evaluation per word. Decoding is
//! greedy left to right with the two previous tags as features, the usual trade of a
//! little accuracy for a lot of speed.
//!
//! Features of word *i*: the word, its 1–4 character suffixes and 1–3 character
//! prefixes, its shape, the parts around a ZWNJ (می‌ / ‌ها), hazm's lexicon classes and
//! frequency, the verb analyser's reading, which related forms exist (plural, comparative,
//! broken plural: NOUN against ADJ), its two distributional clusters learned from the raw
//! train sentences ([`super::clusters`]), its tag profile over the raw text
//! ([`super::profiles`]); the neighbouring words' (±1) suffixes, lexicon classes, verb
//! readings, clusters and profiles (the neighbours' own identities overfit the small
//! treebank and were dropped after cross-validation); and the previous tags, alone and
//! with the word. Cross-validation also rejected a tag dictionary, a feature-count cutoff,
//! self-training on the raw sentences (also with only the sentences two taggers agree
//! on, weighted down: [`super::train::TrainOptions::self_train_sentences`]), ±2 word
//! windows, separate UPOS-only tagging and masking the identity of rare training words
//! (none beat the noise of ±0.2 points).
//!
//! Measured by 5-fold cross-validation inside PerDT dev (UPOS / UFeats / Lemmas), from
//! 92.90 / 92.78 / 97.34:
//! - 1,024 fine clusters instead of 256: 93.09 / 92.93 / 97.48 (128: 92.79, 512: 92.92,
//!   2,048 with profiles: 93.29 against 93.39 for 1,024); kept.
//! - tag profiles ([`super::profiles`]) of every raw word: 93.39 / 93.24 / 97.50 with
//!   1,024 clusters (profiles only for words seen twice: 93.17; profiles of XPOS instead
//!   of UPOS: 93.07; a second round of profiles from the profiled tagger: 93.46, noise,
//!   dropped); kept.
//! - more right context on top of the profiles: the profile of word *i*+2, the pair
//!   (word, next profile), (previous profile, profile), (next, next-but-one profile),
//!   (previous tag, profile, next profile): 93.24–93.35, dropped; (suffix, next
//!   profile): 93.44, within noise, dropped.
//! - epochs: 6 → 92.67, 15 → 92.87 against 92.90 for 10; kept 10.
//! - fixed tags for frequent unambiguous words ([`Tagger::fix_unambiguous`]): no change
//!   (93.39 with a threshold of 3 occurrences, 93.38 with 5 or 10); kept for speed, as
//!   they skip scoring for about a third of running words.
//! - right-hand tags by stacking (a second pass that reads the first pass's tags at
//!   *i*−2…*i*+2, trained on first-pass tags jackknifed in 5 folds): as a residual
//!   perceptron added to the first pass's scores, 92.36–92.93 (it overfits the
//!   jackknifed errors); as a full second tagger, 93.41 (noise, and twice the tagging
//!   time); dropped. Jackknifed tag profiles in training (each sentence reads profiles
//!   learned without its fold): 93.44, with the stacked tagger 93.47; noise, dropped.
//!
//! Speed: a word's own features, and its features as a neighbour, add the same scores
//! wherever it occurs, so for the 5,000 most frequent words of the raw text those scores
//! are computed once at load ([`Tagger::fill_cache`]); the rest of the features are a
//! dozen hash lookups into dense or sparse weight rows. Words the treebank tags alike
//! every time (punctuation, و, در, را…) skip the scoring altogether.
//!
//! What is left is mostly waiting for memory (the weights, the score cache and the word
//! tables are tens of megabytes read at random), so [`Tagger::tag`] orders its work to
//! wait less, with the same additions in the same order as the plain loop (the same
//! scores to the last bit: tags, `dabir analyze` and `dabir ner` output were compared
//! byte for byte on PerDT dev, test and the raw train sentences):
//! - a sentence's words are hashed once and looked up together in one table (fixed tag,
//!   cached scores), and the lookups their features need (lexicon, verb and related-form
//!   caches, clusters, profiles: [`KeyTable`]s) are started before any is made;
//! - for `CHUNK` (16) words at a time, the features that do not read the previous tags are
//!   hashed and their weight lookups started ([`Scorer`]: one cache line per lookup,
//!   sparse rows as one run of (class, weight) pairs), with the cached score blocks;
//! - the greedy pass starts the lookups of a word's seven tag-dependent features first
//!   and sums its other scores while they arrive (that alone: +13%);
//! - the score cache and the sparse weights are on huge pages (fewer TLB misses).
//!
//! Measured on PerDT test ×10 in alternating runs with the previous build (median
//! tokens per CPU second, `scripts/tag-speed-ab.sh`): 1.88× (2026-11-29, load 7).
//! Rejected: starting the weight lookups a fixed 8 keys ahead of their use instead of
//! as each key is made (no difference).

use super::clusters::Clusters;
use super::lexicon::Lexicon;
use super::profiles::Profiles;
use super::verbs;
use crate::error::{Error, Result};
use crate::learn::{perceptron::argmax, FeatureHasher, Perceptron, Rng, Row, Scorer, Trainer};
use crate::model::{Reader, Writer};
use crate::script::ZWNJ;
use crate::table::KeyTable;
use rustc_hash::FxHashMap;

/// One combined tag split into its columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// UPOS.
    pub upos: String,
    /// XPOS.
    pub xpos: String,
    /// FEATS (`_` when none).
    pub feats: String,
}

impl Tag {
    /// Parses a label `UPOS\tXPOS\tFEATS`.
    pub fn from_label(label: &str) -> Self {
        let mut it = label.split('\t');
        let mut next = || it.next().unwrap_or("_").to_string();
        Tag {
            upos: next(),
            xpos: next(),
            feats: next(),
        }
    }
    /// The label `UPOS\tXPOS\tFEATS`.
    pub fn label(&self) -> String {
        format!("{}\t{}\t{}", self.upos, self.xpos, self.feats)
    }
}

/// Everything the features need about one word, hashed once.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokenInfo {
    word: u64,
    suf: [u64; 4],
    pre: [u64; 3],
    shape: u64,
    lex: u64,
    verb: u64,
    first_seg: u64,
    last_seg: u64,
    cluster: u64,
    coarse: u64,
    forms: u64,
    profile: u64,
}

const NONE: u64 = 0x5eed;

impl TokenInfo {
    fn padding(which: u64) -> Self {
        TokenInfo {
            word: which,
            suf: [which; 4],
            pre: [which; 3],
            shape: which,
            lex: which,
            verb: which,
            first_seg: which,
            last_seg: which,
            cluster: which,
            coarse: which,
            forms: which,
            profile: which,
        }
    }
}

/// Word shape: script classes present, ZWNJ, length bucket.
fn shape(w: &str) -> u64 {
    let mut bits = 0u64;
    let mut n = 0u64;
    for c in w.chars() {
        n += 1;
        bits |= if crate::script::is_digit(c) {
            1
        } else if crate::script::is_latin_letter(c) {
            2
        } else if c == ZWNJ {
            4
        } else if crate::script::is_arabic_word_char(c) {
            8
        } else if c.is_alphabetic() {
            16
        } else {
            32
        };
    }
    bits | n.min(8) << 8
}

/// The trained tagger.
#[derive(Debug, Clone)]
pub struct Tagger {
    model: Perceptron,
    tags: Vec<Tag>,
    tag_hashes: Vec<u64>,
    /// Words whose word-feature scores are precomputed at load.
    frequent: Vec<String>,
    /// word hash → offset of its precomputed scores in `cached`.
    cache: FxHashMap<u64, u32>,
    cached: Vec<f32>,
    /// word hash → its tag, for the frequent words the treebank always tags alike
    /// (punctuation, و, در, را…): a third of running words, tagged without scoring.
    fixed: FxHashMap<u64, u16>,
    /// The model's weights laid out for [`Tagger::tag`].
    scorer: Scorer,
    /// word hash → what [`Tagger::tag`] knows of the word beforehand (its fixed tag,
    /// its cached scores): one lookup per word for `fixed` and `cache` together.
    known: KeyTable<Known>,
    /// Per cached word (in `frequent` order), the facts the joint features read.
    light: Vec<Light>,
}

/// What [`Tagger::tag`] knows of a word before it scores anything.
#[derive(Debug, Clone, Copy, Default)]
struct Known {
    /// Its fixed tag + 1 (0: none).
    fixed: u32,
    /// Its index in the score cache + 1 (0: not cached).
    cached: u32,
}

/// The facts about a cached word that the joint features read (see
/// [`Context::light_info`]), computed at load.
#[derive(Debug, Clone, Copy)]
struct Light {
    suf1: u64,
    cluster: u64,
    coarse: u64,
    profile: u64,
}

/// The buffers [`Tagger::tag`] reuses from one sentence to the next.
#[derive(Debug, Default)]
struct Scratch {
    hashes: Vec<u64>,
    known: Vec<Known>,
    infos: Vec<TokenInfo>,
    /// The tag-independent feature keys of the positions of a chunk, then their rows.
    keys: Vec<u64>,
    rows: Vec<Row>,
    plans: Vec<Plan>,
    scores: Vec<f32>,
}

impl Scratch {
    /// The most words whose buffers are kept from one sentence to the next: a thread
    /// that once tagged a huge "sentence" (binary junk, a text without punctuation)
    /// does not keep its megabytes.
    const KEEP: usize = 4096;

    /// Shrinks buffers grown past [`Scratch::KEEP`] words.
    fn bound(&mut self) {
        if self.infos.capacity() > Self::KEEP {
            self.hashes.clear();
            self.hashes.shrink_to(Self::KEEP);
            self.known.clear();
            self.known.shrink_to(Self::KEEP);
            self.infos.clear();
            self.infos.shrink_to(Self::KEEP);
        }
    }
}

/// Where the pieces of one position's scores come from: cached blocks (offsets into
/// the cache) or runs of rows in [`Scratch::rows`].
#[derive(Debug, Clone, Copy)]
struct Plan {
    /// The position in the sentence.
    at: usize,
    /// Cache offsets of the word's own, the previous and the next word's blocks.
    blocks: [Option<u32>; 3],
    /// First row of the position; then the rows of the uncached parts (own, previous,
    /// next, counted in `counts`), then the static joint features.
    first: u32,
    counts: [u8; 3],
}

/// Positions scored per round of [`Tagger::tag`]: their lookups are started together,
/// and their partial scores kept (a bounded buffer on any sentence length).
const CHUNK: usize = 16;

/// The static joint features in the order [`joint_features`] adds them: five before
/// the tag of `T[38] + 102`, one after it.
const STATIC_JOINT: usize = 6;

impl Light {
    /// The [`TokenInfo`] of the word with hash `word` (what [`Context::light_info`] gives).
    #[inline]
    fn info(&self, word: u64) -> TokenInfo {
        let mut t = TokenInfo::padding(NONE);
        t.word = word;
        t.suf[1] = self.suf1;
        t.cluster = self.cluster;
        t.coarse = self.coarse;
        t.profile = self.profile;
        t
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

// feature templates
const T: [u32; 40] = {
    let mut t = [0u32; 40];
    let mut i = 0;
    while i < 40 {
        t[i] = i as u32 + 1;
        i += 1;
    }
    t
};

/// Computes [`TokenInfo`] for words, with the resources that are not the model.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// hazm's lexicon.
    pub lexicon: &'a Lexicon,
    /// Distributional clusters.
    pub clusters: &'a Clusters,
    /// Tag profiles from the raw text.
    pub profiles: &'a Profiles,
}

impl Context<'_> {
    /// The hashed facts about `w`.
    pub fn info(&self, w: &str) -> TokenInfo {
        self.info_hashed(w, FeatureHasher::str(w))
    }

    /// Starts the lookups [`Context::info`] makes for the word with hash `word` (hints).
    #[inline]
    fn prefetch(&self, word: u64) {
        self.lexicon.prefetch_word(word);
        self.clusters.prefetch(word);
        self.profiles.prefetch(word);
    }

    /// [`Context::info`] of `w` whose hash (`FeatureHasher::str(w)`) is `word`.
    fn info_hashed(&self, w: &str, word: u64) -> TokenInfo {
        let mut suf = [NONE; 4];
        let mut pre = [NONE; 3];
        let n = w.chars().count();
        for (k, (i, _)) in w.char_indices().rev().take(4).enumerate() {
            if n > k + 1 {
                suf[k] = FeatureHasher::str(w.get(i..).unwrap_or(""));
            }
        }
        for (k, (i, c)) in w.char_indices().take(3).enumerate() {
            if n > k + 1 {
                pre[k] = FeatureHasher::str(w.get(..i + c.len_utf8()).unwrap_or(""));
            }
        }
        let lex = self.lexicon.get_hashed(word).map_or(NONE, |e| {
            u64::from(e.classes) | u64::from(e.freq_bucket) << 32 | 1 << 40
        });
        let verb = self
            .lexicon
            .cached_verb(word)
            .unwrap_or_else(|| verb_signature(w, self.lexicon));
        let (first_seg, last_seg) = match (w.find(ZWNJ), w.rfind(ZWNJ)) {
            (Some(a), Some(b)) => (
                FeatureHasher::str(w.get(..a).unwrap_or("")),
                FeatureHasher::str(w.get(b + ZWNJ.len_utf8()..).unwrap_or("")),
            ),
            _ => (NONE, NONE),
        };
        let (cluster, coarse) = self
            .clusters
            .cluster(word)
            .map_or((NONE, NONE), |(f, c)| (u64::from(f), u64::from(c)));
        TokenInfo {
            word,
            suf,
            pre,
            shape: shape(w),
            lex,
            verb,
            first_seg,
            last_seg,
            cluster,
            coarse,
            forms: self
                .lexicon
                .cached_forms(word)
                .unwrap_or_else(|| related_forms(w, self.lexicon)),
            profile: self.profiles.profile(word).unwrap_or(NONE),
        }
    }
}

/// Which inflected forms of `w` exist in hazm's lexicon or the raw training text: a
/// plural (ها, ‌ها, ان, ات), a comparative or superlative (تر, ترین), a form with ی; and
/// whether the word itself reads as an Arabic broken plural of a known singular.
/// Nouns take plurals and adjectives take تر, so this separates NOUN from ADJ for words
/// the treebank never showed, from unannotated evidence only.
pub fn related_forms(w: &str, lex: &Lexicon) -> u64 {
    const ENDINGS: [&str; 9] = [
        "ها",
        "\u{200c}ها",
        "ان",
        "ات",
        "تر",
        "\u{200c}تر",
        "ترین",
        "\u{200c}ترین",
        "ی",
    ];
    if w.is_empty() || w.len() > 40 {
        return 0;
    }
    let mut bits = 0u64;
    for (i, e) in ENDINGS.iter().enumerate() {
        let h = FeatureHasher::concat(&[w, e]);
        if lex.lists_hashed(h) || lex.is_attested_hashed(h) {
            bits |= 1 << i;
        }
    }
    // fold the spelling variants together
    let plural = bits & 0b11 != 0;
    let an = bits & 0b100 != 0;
    let at = bits & 0b1000 != 0;
    let comp = bits & 0b11_0000 != 0;
    let sup = bits & 0b1100_0000 != 0;
    let ye = bits & 0b1_0000_0000 != 0;
    let broken = super::plurals::singular(w, lex).is_some();
    u64::from(plural)
        | u64::from(an) << 1
        | u64::from(at) << 2
        | u64::from(comp) << 3
        | u64::from(sup) << 4
        | u64::from(ye) << 5
        | u64::from(broken) << 6
}

impl Context<'_> {
    /// The facts the joint features read (word, second suffix, clusters), for a word
    /// whose own features are cached.
    fn light_info(&self, w: &str, word: u64) -> TokenInfo {
        let mut t = TokenInfo::padding(NONE);
        t.word = word;
        if w.chars().count() > 2 {
            let start = w.char_indices().rev().nth(1).map_or(0, |(i, _)| i);
            t.suf[1] = FeatureHasher::str(w.get(start..).unwrap_or(""));
        }
        if let Some((f, c)) = self.clusters.cluster(word) {
            t.cluster = u64::from(f);
            t.coarse = u64::from(c);
        }
        t.profile = self.profiles.profile(word).unwrap_or(NONE);
        t
    }
}

/// The verb analyser's best reading of `w` as a feature value (`NONE` for no reading).
pub fn verb_signature(w: &str, lex: &Lexicon) -> u64 {
    if w.chars().count() < 2 {
        return NONE;
    }
    let a = verbs::analyze(w, lex);
    verbs::best(&a, |_| 0).map_or(NONE, |a| a.signature() + 1)
}

const START: u64 = 0x57a7;
const END: u64 = 0xe4d;

/// Fills `out` with the features of word `i` (`infos` is padded with two items each side).
/// The features of a word on its own: the same wherever it occurs, so the scores they
/// add can be computed once per frequent word ([`Tagger`] keeps them in a cache).
fn word_features(c: &TokenInfo, out: &mut Vec<u64>) {
    let h = FeatureHasher::combine;
    out.extend_from_slice(&[
        h(T[0], &[]),
        h(T[1], &[c.word]),
        h(T[2], &[c.suf[0]]),
        h(T[3], &[c.suf[1]]),
        h(T[4], &[c.suf[2]]),
        h(T[5], &[c.suf[3]]),
        h(T[6], &[c.pre[0]]),
        h(T[7], &[c.pre[1]]),
        h(T[8], &[c.pre[2]]),
        h(T[9], &[c.shape]),
        h(T[10], &[c.lex]),
        h(T[11], &[c.lex, c.suf[1]]),
        h(T[20], &[c.verb]),
        h(T[23], &[c.first_seg]),
        h(T[24], &[c.last_seg]),
        h(T[27], &[c.cluster]),
        h(T[38], &[c.coarse]),
        h(T[38] + 200, &[c.forms]),
        h(T[38] + 201, &[c.forms, c.suf[0]]),
        h(T[38] + 202, &[c.forms, c.lex]),
        h(T[38] + 300, &[c.profile]),
        h(T[38] + 301, &[c.profile, c.suf[1]]),
    ]);
}

/// The features of the previous word on its own (cacheable per word).
fn prev_features(p: &TokenInfo, out: &mut Vec<u64>) {
    let h = FeatureHasher::combine;
    out.extend_from_slice(&[
        h(T[16], &[p.suf[2]]),
        h(T[18], &[p.lex]),
        h(T[26], &[p.verb]),
        h(T[28], &[p.cluster]),
        h(T[38] + 302, &[p.profile]),
    ]);
}

/// The features of the next word on its own (cacheable per word).
fn next_features(n: &TokenInfo, out: &mut Vec<u64>) {
    let h = FeatureHasher::combine;
    out.extend_from_slice(&[
        h(T[17], &[n.suf[2]]),
        h(T[19], &[n.lex]),
        h(T[25], &[n.verb]),
        h(T[29], &[n.cluster]),
        h(T[38] + 303, &[n.profile]),
    ]);
}

/// The features that combine words, or look at the previous tags.
fn joint_features(
    p: &TokenInfo,
    c: &TokenInfo,
    n: &TokenInfo,
    t1: u64,
    t2: u64,
    out: &mut Vec<u64>,
) {
    let h = FeatureHasher::combine;
    out.extend_from_slice(&[
        h(T[30], &[t1]),
        h(T[31], &[t2, t1]),
        h(T[32], &[t1, c.word]),
        h(T[33], &[t1, c.suf[1]]),
        h(T[34], &[t1, n.word]),
        h(T[35], &[c.cluster, n.cluster]),
        h(T[36], &[p.cluster, c.cluster]),
        h(T[39], &[p.coarse, c.coarse, n.coarse]),
        h(T[38] + 100, &[p.coarse, c.coarse]),
        h(T[38] + 101, &[c.coarse, n.coarse]),
        h(T[38] + 102, &[t1, c.coarse]),
        h(T[38] + 304, &[c.profile, n.profile]),
        h(T[38] + 305, &[t1, c.profile]),
    ]);
}

/// The features of [`joint_features`] that do not read the previous tags, in its order.
#[inline]
fn static_joint(p: &TokenInfo, c: &TokenInfo, n: &TokenInfo, out: &mut Vec<u64>) {
    let h = FeatureHasher::combine;
    out.extend_from_slice(&[
        h(T[35], &[c.cluster, n.cluster]),
        h(T[36], &[p.cluster, c.cluster]),
        h(T[39], &[p.coarse, c.coarse, n.coarse]),
        h(T[38] + 100, &[p.coarse, c.coarse]),
        h(T[38] + 101, &[c.coarse, n.coarse]),
        h(T[38] + 304, &[c.profile, n.profile]),
    ]);
}

/// The features of [`joint_features`] that read the previous tags, in its order: the
/// first five come before the static ones, the sixth after the fifth static one, the
/// last after the sixth.
#[inline]
fn tag_joint(c: &TokenInfo, n: &TokenInfo, t1: u64, t2: u64) -> [u64; 7] {
    let h = FeatureHasher::combine;
    [
        h(T[30], &[t1]),
        h(T[31], &[t2, t1]),
        h(T[32], &[t1, c.word]),
        h(T[33], &[t1, c.suf[1]]),
        h(T[34], &[t1, n.word]),
        h(T[38] + 102, &[t1, c.coarse]),
        h(T[38] + 305, &[t1, c.profile]),
    ]
}

/// All features of word `i` (`infos` is padded with two items each side).
fn features(infos: &[TokenInfo], i: usize, t1: u64, t2: u64, out: &mut Vec<u64>) {
    out.clear();
    let g = |j: usize| {
        infos
            .get(j)
            .copied()
            .unwrap_or_else(|| TokenInfo::padding(END))
    };
    let (p, c, n) = (g(i + 1), g(i + 2), g(i + 3));
    word_features(&c, out);
    prev_features(&p, out);
    next_features(&n, out);
    joint_features(&p, &c, &n, t1, t2, out);
}

/// The infos of a sentence padded with two items each side; words for which `cached`
/// is true get only what the joint features read (their own features come from the
/// tagger's score cache).
fn padded(ctx: &Context<'_>, words: &[&str], cached: impl Fn(u64) -> bool) -> Vec<TokenInfo> {
    let mut v = Vec::with_capacity(words.len() + 4);
    v.push(TokenInfo::padding(START));
    v.push(TokenInfo::padding(START + 1));
    v.extend(words.iter().map(|w| {
        let h = FeatureHasher::str(w);
        if cached(h) {
            ctx.light_info(w, h)
        } else {
            ctx.info(w)
        }
    }));
    v.push(TokenInfo::padding(END));
    v.push(TokenInfo::padding(END + 1));
    v
}

impl Tagger {
    /// The tags of a sentence's words (indexes into [`Tagger::tags`]).
    ///
    /// The same scores as adding up `features` word by word, in the same order (so
    /// the same tags to the last bit), computed in an order that waits less on memory:
    /// the words of the sentence are looked up together, then, for up to `CHUNK` (16)
    /// words at a time, every feature that does not read the previous tags is hashed,
    /// its weights looked up (each lookup started a few ahead of its use) and summed
    /// into the word's partial scores; the greedy left-to-right pass then only adds
    /// the seven features that read the previous tags.
    pub fn tag(&self, ctx: &Context<'_>, words: &[&str]) -> Vec<usize> {
        let mut out = Vec::with_capacity(words.len());
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut s) => {
                self.tag_into(ctx, words, &mut s, &mut out);
                s.bound();
            }
            Err(_) => self.tag_into(ctx, words, &mut Scratch::default(), &mut out),
        });
        out
    }

    /// The cached block `which` (0 own, 1 as previous word, 2 as next word) of the
    /// word known as `k`, as an offset into `cached`.
    #[inline]
    fn block_of(&self, k: Option<&Known>, which: usize) -> Option<u32> {
        let idx = k?.cached.checked_sub(1)? as usize;
        let n = self.tags.len();
        u32::try_from((idx * 3 + which) * n).ok()
    }

    /// The `n` cached scores at `offset`.
    #[inline]
    fn block(&self, offset: u32, n: usize) -> &[f32] {
        let o = offset as usize;
        self.cached.get(o..o + n).unwrap_or(&[])
    }

    /// [`Tagger::tag`] with its buffers.
    fn tag_into(&self, ctx: &Context<'_>, words: &[&str], s: &mut Scratch, out: &mut Vec<usize>) {
        let n = self.tags.len();
        let Scratch {
            hashes,
            known,
            infos,
            keys,
            rows,
            plans,
            scores,
        } = s;
        hashes.clear();
        hashes.extend(words.iter().map(|w| FeatureHasher::str(w)));
        for &h in hashes.iter() {
            self.known.prefetch(h);
        }
        known.clear();
        known.extend(
            hashes
                .iter()
                .map(|&h| self.known.get(h).unwrap_or_default()),
        );
        for (&h, k) in hashes.iter().zip(known.iter()) {
            if k.cached == 0 {
                ctx.prefetch(h);
            }
        }
        infos.clear();
        infos.push(TokenInfo::padding(START));
        infos.push(TokenInfo::padding(START + 1));
        for ((w, &h), k) in words.iter().zip(hashes.iter()).zip(known.iter()) {
            let light = (k.cached as usize)
                .checked_sub(1)
                .and_then(|i| self.light.get(i));
            infos.push(match light {
                Some(l) => l.info(h),
                None => ctx.info_hashed(w, h),
            });
        }
        infos.push(TokenInfo::padding(END));
        infos.push(TokenInfo::padding(END + 1));
        let end_pad = TokenInfo::padding(END);
        let info = |j: usize| infos.get(j).unwrap_or(&end_pad);
        scores.clear();
        scores.resize(n, 0.0);
        let (mut t1, mut t2) = (START, START + 1);
        for from in (0..words.len()).step_by(CHUNK) {
            let to = (from + CHUNK).min(words.len());
            // the plans and tag-independent keys of the chunk's scored words
            plans.clear();
            keys.clear();
            for i in from..to {
                if known.get(i).is_some_and(|k| k.fixed != 0) {
                    continue;
                }
                let (p, c, nx) = (info(i + 1), info(i + 2), info(i + 3));
                let blocks = [
                    self.block_of(known.get(i), 0),
                    i.checked_sub(1)
                        .and_then(|j| self.block_of(known.get(j), 1)),
                    self.block_of(known.get(i + 1), 2),
                ];
                for o in blocks.iter().flatten() {
                    crate::learn::scorer::prefetch_all(self.block(*o, n));
                }
                let first = keys.len();
                let mut counts = [0u8; 3];
                for (which, add) in [word_features, prev_features, next_features]
                    .iter()
                    .enumerate()
                {
                    if blocks.get(which).is_some_and(Option::is_none) {
                        let before = keys.len();
                        add([c, p, nx].get(which).copied().unwrap_or(c), keys);
                        if let Some(k) = counts.get_mut(which) {
                            *k = (keys.len() - before) as u8;
                        }
                    }
                }
                static_joint(p, c, nx, keys);
                for &k in keys.get(first..).unwrap_or(&[]) {
                    self.scorer.prefetch(k);
                }
                plans.push(Plan {
                    at: i,
                    blocks,
                    first: first as u32,
                    counts,
                });
            }
            // their rows (the lookups were started as the keys were made)
            rows.clear();
            for &k in keys.iter() {
                let r = self.scorer.row(k);
                self.scorer.prefetch_row(r);
                rows.push(r);
            }
            // the greedy pass; the lookups of the features that read the previous tags
            // are started first, and the rest of the word's scores summed meanwhile
            let mut next_plan = plans.iter().peekable();
            for i in from..to {
                let fixed = known.get(i).map_or(0, |k| k.fixed);
                let planned = next_plan.next_if(|p| p.at == i);
                let best = match (fixed.checked_sub(1), planned) {
                    (Some(t), _) => t as usize,
                    (None, Some(plan)) => {
                        let (c, nx) = (info(i + 2), info(i + 3));
                        let tk = tag_joint(c, nx, t1, t2);
                        for &k in &tk {
                            self.scorer.prefetch(k);
                        }
                        // cached blocks, then the other rows in feature order
                        match plan.blocks[0] {
                            Some(o) => scores.copy_from_slice(self.block(o, n)),
                            None => scores.fill(0.0),
                        }
                        for o in plan.blocks.iter().skip(1).flatten() {
                            crate::learn::scorer::add_dense(scores, self.block(*o, n));
                        }
                        let tr = tk.map(|k| self.scorer.row(k));
                        for &r in &tr {
                            self.scorer.prefetch_row(r);
                        }
                        let first = plan.first as usize;
                        let own: usize = plan.counts.iter().map(|&k| usize::from(k)).sum();
                        for &r in rows.get(first..first + own).unwrap_or(&[]) {
                            self.scorer.add(r, scores);
                        }
                        let at = first + own;
                        let st = rows.get(at..at + STATIC_JOINT).unwrap_or(&[]);
                        for &r in tr.iter().take(5) {
                            self.scorer.add(r, scores);
                        }
                        for &r in st.iter().take(5) {
                            self.scorer.add(r, scores);
                        }
                        self.scorer.add(tr[5], scores);
                        if let Some(&r) = st.get(5) {
                            self.scorer.add(r, scores);
                        }
                        self.scorer.add(tr[6], scores);
                        crate::learn::scorer::argmax(scores)
                    }
                    (None, None) => 0,
                };
                out.push(best);
                t2 = t1;
                t1 = self.tag_hashes.get(best).copied().unwrap_or(NONE);
            }
        }
    }

    /// Precomputes, for the frequent words (the model's list, which most running words
    /// are), the scores their own features add as the current, previous and next word:
    /// those features then cost one lookup per position instead of one per feature.
    pub fn fill_cache(&mut self, ctx: &Context<'_>) {
        let n = self.tags.len();
        let mut cache = FxHashMap::default();
        let mut cached = Vec::with_capacity(self.frequent.len() * n * 3);
        // megabytes read at random: on huge pages, fewer TLB misses (CPU time −8%)
        crate::table::advise_huge_pages_in(&mut cached);
        let mut feats = Vec::with_capacity(24);
        let mut light = Vec::with_capacity(self.frequent.len());
        for w in &self.frequent {
            let info = ctx.info(w);
            let l = ctx.light_info(w, info.word);
            light.push(Light {
                suf1: l.suf[1],
                cluster: l.cluster,
                coarse: l.coarse,
                profile: l.profile,
            });
            let start = cached.len();
            for (k, f) in [word_features, prev_features, next_features]
                .iter()
                .enumerate()
            {
                feats.clear();
                f(&info, &mut feats);
                let s = start + k * n;
                cached.resize(s + n, 0.0);
                if let Some(slot) = cached.get_mut(s..s + n) {
                    self.model.scores(&feats, slot);
                }
            }
            cache.insert(info.word, start as u32);
        }
        self.cache = cache;
        self.cached = cached;
        self.light = light;
        self.build_known();
    }

    /// Rebuilds [`Tagger::known`] from `fixed` and `cache`.
    fn build_known(&mut self) {
        let n = self.tags.len().max(1);
        let mut known: FxHashMap<u64, Known> = FxHashMap::default();
        for (&h, &t) in &self.fixed {
            known.entry(h).or_default().fixed = u32::from(t) + 1;
        }
        for (&h, &o) in &self.cache {
            known.entry(h).or_default().cached = o / (3 * n as u32) + 1;
        }
        self.known = known.into_iter().collect();
    }

    /// Marks the words seen at least `min_count` times in `sentences` (word, tag label),
    /// always with the same tag, as fixed: [`Tagger::tag`] gives them that tag without
    /// scoring. Cross-validation found no accuracy change from it; it is for speed.
    pub fn fix_unambiguous(&mut self, sentences: &[Vec<(String, String)>], min_count: u32) {
        let index: FxHashMap<&str, usize> = self
            .model
            .labels()
            .iter()
            .enumerate()
            .map(|(i, l)| (l.as_str(), i))
            .collect();
        // word → (tag, count), tag usize::MAX once a second tag is seen
        let mut seen: FxHashMap<u64, (usize, u32)> = FxHashMap::default();
        for (w, t) in sentences.iter().flatten() {
            let Some(&t) = index.get(t.as_str()) else {
                continue;
            };
            let e = seen.entry(FeatureHasher::str(w)).or_insert((t, 0));
            if e.0 != t {
                e.0 = usize::MAX;
            }
            e.1 += 1;
        }
        self.fixed = seen
            .into_iter()
            .filter(|(_, (t, n))| *t != usize::MAX && *n >= min_count)
            .filter_map(|(w, (t, _))| Some((w, u16::try_from(t).ok()?)))
            .collect();
        self.build_known();
    }

    /// Sets the words whose word-feature scores [`Tagger::fill_cache`] precomputes.
    pub fn set_frequent(&mut self, words: Vec<String>) {
        self.frequent = words;
    }

    /// The tag table.
    pub fn tags(&self) -> &[Tag] {
        &self.tags
    }

    /// Trains on sentences of (word, tag label `UPOS\tXPOS\tFEATS`).
    pub fn train(
        ctx: &Context<'_>,
        sentences: &[Vec<(String, String)>],
        epochs: usize,
        seed: u64,
    ) -> Self {
        Self::train_mixed(ctx, sentences, epochs, seed, 1)
    }

    /// Trains `mixes` perceptrons, each on its own shuffle order of the sentences, and
    /// keeps their mean (parameter mixing): one model, as fast to run as each of them.
    pub fn train_mixed(
        ctx: &Context<'_>,
        sentences: &[Vec<(String, String)>],
        epochs: usize,
        seed: u64,
        mixes: usize,
    ) -> Self {
        Self::train_with_auto(ctx, sentences, &[], 0.0, epochs, seed, mixes)
    }

    /// [`Tagger::train_mixed`] on the annotated `sentences` plus automatically tagged
    /// ones (`auto`, self-training), whose updates count `auto_weight` times an
    /// annotated one's. Auto sentences with a tag outside the annotated tag set are
    /// skipped.
    pub fn train_with_auto(
        ctx: &Context<'_>,
        sentences: &[Vec<(String, String)>],
        auto: &[Vec<(String, String)>],
        auto_weight: f32,
        epochs: usize,
        seed: u64,
        mixes: usize,
    ) -> Self {
        let mut labels: Vec<String> = sentences.iter().flatten().map(|(_, t)| t.clone()).collect();
        labels.sort();
        labels.dedup();
        let index: FxHashMap<&str, usize> = labels
            .iter()
            .enumerate()
            .map(|(i, l)| (l.as_str(), i))
            .collect();
        let tag_hashes: Vec<u64> = labels.iter().map(|l| FeatureHasher::str(l)).collect();
        let prepare = |s: &Vec<(String, String)>, weight: f32| {
            let words: Vec<&str> = s.iter().map(|(w, _)| w.as_str()).collect();
            let gold: Option<Vec<usize>> = s
                .iter()
                .map(|(_, t)| index.get(t.as_str()).copied())
                .collect();
            (padded(ctx, &words, |_| false), gold, weight)
        };
        let mut data: Vec<(Vec<TokenInfo>, Vec<usize>, f32)> = sentences
            .iter()
            .map(|s| prepare(s, 1.0))
            .map(|(i, g, w)| (i, g.unwrap_or_default(), w))
            .chain(
                auto.iter()
                    .map(|s| prepare(s, auto_weight))
                    .filter_map(|(i, g, w)| Some((i, g?, w))),
            )
            .collect();
        let mut feats = Vec::with_capacity(48);
        let mut scores = vec![0f32; labels.len()];
        let mut models = Vec::with_capacity(mixes.max(1));
        for m in 0..mixes.max(1) as u64 {
            let mut trainer = Trainer::new(labels.clone());
            let mut rng = Rng::new(seed.wrapping_add(m * 7919));
            for _ in 0..epochs {
                rng.shuffle(&mut data);
                for (infos, gold, weight) in &data {
                    let (mut t1, mut t2) = (START, START + 1);
                    for (i, &g) in gold.iter().enumerate() {
                        features(infos, i, t1, t2, &mut feats);
                        scores.iter_mut().for_each(|s| *s = 0.0);
                        trainer.scores(&feats, &mut scores);
                        let guess = argmax(&scores);
                        if *weight == 1.0 {
                            trainer.observe(&feats, g, guess);
                        } else {
                            trainer.tick();
                            if g != guess {
                                trainer.update(&feats, g, *weight);
                                trainer.update(&feats, guess, -*weight);
                            }
                        }
                        t2 = t1;
                        t1 = tag_hashes.get(guess).copied().unwrap_or(NONE);
                    }
                }
            }
            models.push(trainer.finish(0.0));
        }
        let model = match models.len() {
            1 => models.swap_remove(0),
            _ => Perceptron::mean(&models).unwrap_or_else(|| models.swap_remove(0)),
        };
        let tags = labels.iter().map(|l| Tag::from_label(l)).collect();
        Tagger {
            scorer: Scorer::new(&model),
            model,
            tags,
            tag_hashes,
            frequent: Vec::new(),
            cache: FxHashMap::default(),
            cached: Vec::new(),
            fixed: FxHashMap::default(),
            known: KeyTable::default(),
            light: Vec::new(),
        }
    }

    /// Appends the tagger to a model file.
    pub fn write(&self, w: &mut Writer) {
        self.model.write(w);
        w.u32(self.frequent.len() as u32);
        for f in &self.frequent {
            w.str(f);
        }
        let mut fixed: Vec<(&u64, &u16)> = self.fixed.iter().collect();
        fixed.sort_unstable();
        w.u32(fixed.len() as u32);
        for (h, t) in fixed {
            w.u64(*h);
            w.u32(u32::from(*t));
        }
    }

    /// Reads a tagger written by [`Tagger::write`].
    pub fn read(r: &mut Reader<'_>) -> Result<Self> {
        let model = Perceptron::read(r, "morphology")?;
        if model.n_classes() == 0 {
            return Err(Error::model("morphology", "tagger has no tags"));
        }
        let tags: Vec<Tag> = model.labels().iter().map(|l| Tag::from_label(l)).collect();
        let tag_hashes = model
            .labels()
            .iter()
            .map(|l| FeatureHasher::str(l))
            .collect();
        let n = r.count(4)?;
        let mut frequent = Vec::with_capacity(n);
        for _ in 0..n {
            frequent.push(r.str()?.to_string());
        }
        let n = r.count(12)?;
        let mut fixed = FxHashMap::default();
        for _ in 0..n {
            let h = r.u64()?;
            let t = r.u32()?;
            match u16::try_from(t) {
                Ok(t) if usize::from(t) < tags.len() => fixed.insert(h, t),
                _ => return Err(Error::model("morphology", "fixed tag out of range")),
            };
        }
        let mut tagger = Tagger {
            scorer: Scorer::new(&model),
            model,
            tags,
            tag_hashes,
            frequent,
            cache: FxHashMap::default(),
            cached: Vec::new(),
            fixed,
            known: KeyTable::default(),
            light: Vec::new(),
        };
        tagger.build_known();
        Ok(tagger)
    }
}
