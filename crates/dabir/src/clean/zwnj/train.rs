//! Training the ZWNJ model from correctly written text and a word list.
//!
//! Input: gold sentences (the PerDT raw train split, ZWNJ as the treebank writes it)
//! and optionally hazm's `words.dat` lexicon and `verbs.dat` stems. The word and pair
//! tables are counts; the two gap classifiers are averaged perceptrons trained on
//! what the tables do not know (see [`train`]). [`tune`] then
//! picks the decision thresholds on a development text by corrupting it the two ways
//! scraped text is corrupted and scoring the restoration.

use super::features::{gap_features, HASH_SIZE};
use super::model::{
    is_gap_candidate, pair_hash, text_hash, PairEntry, PieceRoles, Thresholds, WordEntry, ZwnjModel,
};
use super::{find_words, restore_text};
use crate::script::{is_arabic_mark, joins_next, ZWNJ};
use rustc_hash::{FxHashMap, FxHashSet};
use std::ops::Range;

/// What to train from.
#[derive(Debug, Clone, Copy)]
pub struct TrainInput<'a> {
    /// Correctly written text, one sentence per line.
    pub sentences: &'a str,
    /// hazm's `words.dat` (word TAB frequency TAB tags per line), if available.
    pub lexicon: Option<&'a str>,
    /// hazm's `verbs.dat` (past#present stems per line), if available.
    pub verbs: Option<&'a str>,
    /// Perceptron epochs.
    pub epochs: usize,
    /// Take into the tables and instances only the lexicon words that hazm's corpus
    /// attests ([`attested`]); `false` (the shipped model) takes them all.
    pub attested_only: bool,
}

/// The ZWNJ-split pieces of a written word.
fn pieces(form: &str) -> impl Iterator<Item = &str> {
    form.split(ZWNJ).filter(|p| !p.is_empty())
}

/// The key (letters without ZWNJ) and mask (bit i: a ZWNJ after char i) of a form.
fn key_and_mask(form: &str) -> (String, u64) {
    let mut key = String::with_capacity(form.len());
    let mut mask = 0u64;
    let mut n = 0usize;
    for c in form.chars() {
        if c == ZWNJ {
            if n > 0 && n <= 64 {
                mask |= 1 << (n - 1);
            }
        } else {
            key.push(c);
            n += 1;
        }
    }
    (key, mask)
}

/// Folds of the cross-fold instance collection.
const FOLDS: usize = 5;

/// Trains a model (thresholds at their defaults; see [`tune`]).
///
/// The tables come from all of the text. The classifiers must learn what words and
/// pairs the tables do *not* know look like, so their instances come from the text
/// itself, fold by fold: the words and pairs of one fifth of the lines that the tables
/// of the other four fifths do not know, with features computed from those tables.
/// Words of the lexicon that the corpus never uses are added as instances too.
///
/// With [`TrainInput::attested_only`], the tables and the instances take only the
/// lexicon words that hazm's corpus attests ([`attested`]); the infinitive stems
/// come from all of the lexicon either way.
pub fn train(input: TrainInput<'_>) -> ZwnjModel {
    let lines: Vec<&str> = input.sentences.lines().collect();
    let lexicon = read_lexicon(input.lexicon.unwrap_or(""));
    let all_forms: Vec<String> = lexicon.iter().map(|e| e.form.clone()).collect();
    let lexicon_forms: Vec<String> = if input.attested_only {
        attested(&lexicon).map(str::to_owned).collect()
    } else {
        all_forms.clone()
    };
    let verb_stems = read_verbs(input.verbs.unwrap_or(""));
    let mut model = build_tables(lines.iter().copied(), &lexicon_forms, &verb_stems);
    model.rule_stems = infinitive_stems(&all_forms)
        .filter(|s| !verb_stems.contains(s))
        .collect();

    let mut word_data: Vec<Instance> = Vec::new();
    let mut space_data: Vec<Instance> = Vec::new();
    for k in 0..FOLDS {
        let rest = lines
            .iter()
            .enumerate()
            .filter(|(i, _)| i % FOLDS != k)
            .map(|(_, l)| *l);
        let fold_model = build_tables(rest, &lexicon_forms, &verb_stems);
        for line in lines.iter().skip(k).step_by(FOLDS) {
            collect_instances(&fold_model, line, &mut word_data, &mut space_data);
        }
    }
    let unused_lexicon: Vec<&str> = lexicon_forms
        .iter()
        .map(String::as_str)
        .filter(|f| model.count(&key_and_mask(f).0) <= 1)
        .collect();
    word_data.extend(word_instances(&model, &unused_lexicon));

    model.hai = super::hai::learn(lines.iter().copied(), |line| {
        let mut ws = Vec::new();
        find_words(line, &mut ws, &mut Vec::new());
        ws
    });
    model.weights = train_perceptron(&word_data, input.epochs);
    model.space_weights = train_perceptron(&space_data, input.epochs);
    model.generation = super::model::next_generation();
    model
}

/// A word of hazm's `words.dat`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct LexiconEntry {
    /// The word as the lexicon writes it (ZWNJ kept inside, trimmed at the edges).
    form: String,
    /// Its count in hazm's corpus; `None` when the line has no number there.
    frequency: Option<u64>,
}

/// Words of hazm's `words.dat` (word TAB frequency TAB tags per line), in file order.
fn read_lexicon(lex: &str) -> Vec<LexiconEntry> {
    lex.lines()
        .filter_map(|line| {
            let mut cols = line.split('\t');
            let form = cols.next().unwrap_or("").trim().trim_matches(ZWNJ);
            let frequency = cols.next().and_then(|c| c.trim().parse().ok());
            (!form.is_empty() && form.chars().all(|c| super::is_word_char(c) || c == ZWNJ)).then(
                || LexiconEntry {
                    form: form.to_owned(),
                    frequency,
                },
            )
        })
        .collect()
}

/// The lexicon words that hazm's corpus attests: a frequency above zero, or none
/// given (a plain word list is taken whole).
///
/// Six lexicon words in seven (166,597 of 193,750 lines) have a frequency of 0.
/// Their spellings are what left «شاهدانه», «مفتخوری», «موقعها» solid and split
/// «امام‌جمعه», «هم‌شان» on PerDT dev (the word table trusts a lexicon spelling
/// when the corpus lacks the word), and as instances of the word classifier they
/// taught it the same. Without them (`scripts/gate-zwnj.sh --dev`, mean of four
/// perceptron shuffles, whose spread is about ±0.0015): ZWNJ F1 join 0.9772 →
/// 0.9791, space 0.9743 → 0.9741, mixed 0.9751 → 0.9761; the word table shrinks
/// from 208k to 48k words and the model file from 7.9 to 5.0 MB. But on text
/// from elsewhere the same words are worth more than that: on the sentences of
/// Arman's `train_fold1` (`scripts/ood-zwnj.sh`) ZWNJ F1 falls 0.8095 → 0.7950
/// (join) and 0.7548 → 0.7477 (space), «درعین‌حال», «به‌هرحال», «نائب‌رئیس» left
/// solid; so the shipped model keeps the whole lexicon (`attested_only` off). Tried and
/// dropped (no better than the spread): a higher frequency floor (1,000: join
/// 0.9769; 100,000: 0.9760), choosing among a key's spellings by frequency (the
/// lexicon's most frequent spelling agrees with PerDT train's for 60% of the keys
/// both know), lexicon frequency classes of the two sides of a gap as classifier
/// features, lexicon compounds counted into the piece roles, and lexicon
/// frequencies raising the word counts. BENCHMARKS.md has the table.
fn attested(lexicon: &[LexiconEntry]) -> impl Iterator<Item = &str> {
    lexicon
        .iter()
        .filter(|e| e.frequency != Some(0))
        .map(|e| e.form.as_str())
}

/// Present and past stems of hazm's `verbs.dat` (past#present per line).
fn read_verbs(verbs: &str) -> FxHashSet<Box<str>> {
    verbs
        .lines()
        .flat_map(|l| l.trim_start_matches('#').split('#'))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(Into::into)
        .collect()
}

/// Stems of the regular infinitives of the lexicon, which hazm's `verbs.dat` (a few
/// hundred verbs) mostly lacks: «Xیدن» gives the past stem «Xید» and the present
/// «X» («دمیدن»: «دمید», «دم»), «Xاندن» the causative «Xاند» and «Xان» («نوشاندن»).
/// With them an unknown «میدمد» or «مینوشانیم» is a prefixed verb form (the rule
/// of [`ZwnjModel::unknown_mask`]; see `ZwnjModel::rule_stems`). A present stem of one letter is left out: it
/// would make too many words look like verbs.
fn infinitive_stems(lexicon_forms: &[String]) -> impl Iterator<Item = Box<str>> + '_ {
    lexicon_forms.iter().flat_map(|f| {
        let (past, present) = if let Some(x) = f.strip_suffix("اندن") {
            (format!("{x}اند"), format!("{x}ان"))
        } else if let Some(x) = f.strip_suffix("یدن") {
            (format!("{x}ید"), x.to_owned())
        } else {
            (String::new(), String::new())
        };
        let ok = present.chars().count() >= 2 && !present.contains(ZWNJ);
        [past, present]
            .into_iter()
            .filter(move |_| ok)
            .map(String::into_boxed_str)
    })
}

/// The model's tables (no classifier weights) from gold lines and the lexicon.
fn build_tables<'a>(
    lines: impl Iterator<Item = &'a str>,
    lexicon_forms: &[String],
    verb_stems: &FxHashSet<Box<str>>,
) -> ZwnjModel {
    // 1. Written forms and their counts; word bigrams separated by one space.
    let mut forms: FxHashMap<String, u32> = FxHashMap::default();
    let mut spaced_bigrams: FxHashMap<(String, String), u32> = FxHashMap::default();
    // (last piece of a word, next word) where the next word is one piece, standing alone.
    let mut alone_bigrams: FxHashMap<(String, String), u32> = FxHashMap::default();
    let mut words: Vec<Range<usize>> = Vec::new();
    for line in lines {
        find_words(line, &mut words, &mut Vec::new());
        for (k, w) in words.iter().enumerate() {
            let form = line[w.clone()].trim_matches(ZWNJ);
            if form.is_empty() {
                continue;
            }
            *forms.entry(form.to_owned()).or_default() += 1;
            if k > 0 && &line[words[k - 1].end..w.start] == " " {
                let a = pieces(&line[words[k - 1].clone()])
                    .last()
                    .unwrap_or_default();
                let b = pieces(form).next().unwrap_or_default();
                *spaced_bigrams
                    .entry((a.to_owned(), b.to_owned()))
                    .or_default() += 1;
                if b == form {
                    *alone_bigrams
                        .entry((a.to_owned(), b.to_owned()))
                        .or_default() += 1;
                }
            }
        }
    }
    // 2. The word table: per key, the most frequent written form of the corpus, else
    //    the lexicon's; the count adds the corpus counts and one for the lexicon.
    let mut best: FxHashMap<String, (u32, u64, u32)> = FxHashMap::default(); // key -> (best count, mask, total)
    let mut plain: FxHashMap<String, u32> = FxHashMap::default(); // key -> count with no ZWNJ
    let mut sorted_forms: Vec<(&String, &u32)> = forms.iter().collect();
    sorted_forms.sort_unstable();
    for (form, &c) in &sorted_forms {
        let (key, mask) = key_and_mask(form);
        if mask == 0 {
            *plain.entry(key.clone()).or_default() += c;
        }
        let e = best.entry(key).or_insert((0, 0, 0));
        e.2 += c;
        if c > e.0 {
            e.0 = c;
            e.1 = mask;
        }
    }
    for form in lexicon_forms {
        let (key, mask) = key_and_mask(form);
        let e = best.entry(key).or_insert((0, mask, 0));
        e.2 += 1;
    }
    let words_table: super::model::WordTable = best
        .into_iter()
        .map(|(k, (_, mask, count))| {
            let p = plain.get(&k).copied().unwrap_or(0);
            let entry = WordEntry {
                mask,
                count,
                plain: mask != 0 && p >= 2 && p * 10 >= count,
            };
            (text_hash(&k), entry)
        })
        .collect();

    // 3. Pairs: pieces joined by a ZWNJ in a word, against the same pieces as two words.
    //    Corpus evidence only: the lexicon lists prefixed forms such as «به‌پنج» that
    //    running text writes as two words.
    let mut pairs: FxHashMap<(String, String), PairEntry> = FxHashMap::default();
    for (form, c) in sorted_forms.iter().map(|(f, &c)| (*f, c)) {
        let ps: Vec<&str> = pieces(form).collect();
        for w in ps.windows(2) {
            pairs
                .entry((w[0].to_owned(), w[1].to_owned()))
                .or_default()
                .joined += c;
        }
    }
    for ((a, b), c) in &spaced_bigrams {
        if let Some(p) = pairs.get_mut(&(a.clone(), b.clone())) {
            p.spaced += c;
        }
    }

    // 4. Bound suffixes and standalone contexts, from piece statistics.
    let mut as_last: FxHashMap<&str, u32> = FxHashMap::default();
    let mut as_first: FxHashMap<&str, u32> = FxHashMap::default();
    for (form, &c) in &forms {
        let ps: Vec<&str> = pieces(form).collect();
        if ps.len() >= 2 {
            *as_first.entry(ps[0]).or_default() += c;
            *as_last.entry(ps[ps.len() - 1]).or_default() += c;
        }
    }
    let mut roles: FxHashMap<&str, PieceRoles> = FxHashMap::default();
    for (form, &c) in &forms {
        let ps: Vec<&str> = pieces(form).collect();
        for w in ps.windows(2) {
            roles.entry(w[0]).or_default().first += c;
            roles.entry(w[1]).or_default().last += c;
        }
    }
    let piece_roles = roles.into_iter().map(|(p, r)| (text_hash(p), r)).collect();
    let alone = |p: &str| forms.get(p).copied().unwrap_or(0);
    let mut bound_suffixes: FxHashSet<Box<str>> = FxHashSet::default();
    for (&s, &c) in &as_last {
        if c >= 50 && alone(s) * 50 <= c {
            // Also written straight after non-joining letters (بندرها, کارها)?
            let after_nonjoiner: u32 = forms
                .iter()
                .filter(|(f, _)| {
                    !f.contains(ZWNJ)
                        && f.len() > s.len()
                        && f.ends_with(s)
                        && f[..f.len() - s.len()]
                            .chars()
                            .rev()
                            .find(|&ch| !is_arabic_mark(ch))
                            .is_some_and(|ch| !joins_next(ch))
                })
                .map(|(_, &c)| c)
                .sum();
            if after_nonjoiner >= 20 {
                bound_suffixes.insert(s.into());
            }
        }
    }
    let clinging: FxHashSet<&str> = as_first
        .iter()
        .filter(|(p, &c)| c >= 50 && alone(p) * 20 <= c)
        .map(|(&p, _)| p)
        .collect();
    let bound_prefixes: FxHashSet<Box<str>> = clinging.iter().map(|&p| p.into()).collect();
    let mut standalone_contexts: FxHashSet<u64> = FxHashSet::default();
    for ((a, b), &n) in &alone_bigrams {
        let total = spaced_bigrams
            .get(&(a.clone(), b.clone()))
            .copied()
            .unwrap_or(n);
        if clinging.contains(b.as_str()) && n * 5 >= total {
            // After a, b usually stands alone (ماه می): keep that context apart.
            standalone_contexts.insert(pair_hash(a, b));
        }
    }

    // Pairs written apart and never joined go in with `joined == 0`.
    let mut pair_table: FxHashMap<u64, PairEntry> = pairs
        .iter()
        .map(|((a, b), p)| (pair_hash(a, b), *p))
        .collect();
    for ((a, b), &c) in &spaced_bigrams {
        pair_table.entry(pair_hash(a, b)).or_insert(PairEntry {
            joined: 0,
            spaced: c,
        });
    }
    ZwnjModel {
        total_count: super::model::total_count(&words_table),
        words: words_table,
        pairs: pair_table.into_iter().collect(),
        bound_prefixes_index: super::model::PieceIndex::of(&bound_prefixes),
        bound_suffixes_index: super::model::PieceIndex::of(&bound_suffixes),
        bound_suffixes,
        bound_prefixes,
        verb_stems: verb_stems.clone(),
        rule_stems: FxHashSet::default(),
        standalone_contexts,
        piece_roles,
        weights: Vec::new(),
        space_weights: Vec::new(),
        hai: Default::default(),
        thresholds: Thresholds::default(),
        generation: super::model::next_generation(),
    }
}

/// The classifier instances of one gold line that `fold_model` does not know: gaps of
/// unknown words, and gaps between pieces (a ZWNJ or a single space in gold) that
/// the tables leave to the space classifier.
fn collect_instances(
    fold_model: &ZwnjModel,
    line: &str,
    word_data: &mut Vec<Instance>,
    space_data: &mut Vec<Instance>,
) {
    let mut words: Vec<Range<usize>> = Vec::new();
    find_words(line, &mut words, &mut Vec::new());
    let mut scratch = super::Scratch::default();
    // (piece, joined to the previous piece by a ZWNJ?, follows the previous piece by one space or ZWNJ?)
    let mut seq: Vec<(&str, bool, bool)> = Vec::new();
    for (k, w) in words.iter().enumerate() {
        let form = line[w.clone()].trim_matches(ZWNJ);
        if form.is_empty() {
            continue;
        }
        let (key, _) = key_and_mask(form);
        if fold_model.lookup(&key).is_none() {
            word_data.extend(word_instances(fold_model, &[form]));
        }
        let spaced = k > 0 && &line[words[k - 1].end..w.start] == " ";
        for (j, p) in pieces(form).enumerate() {
            seq.push((p, j > 0, j > 0 || spaced));
        }
    }
    let (mut chars, mut offsets, mut feats) = (Vec::new(), Vec::new(), Vec::new());
    let mut joined = String::new();
    for j in 1..seq.len() {
        let (b, zwnj, adjacent) = seq[j];
        if !adjacent {
            continue;
        }
        let a = seq[j - 1].0;
        if !a
            .chars()
            .rev()
            .find(|&c| !is_arabic_mark(c))
            .is_some_and(joins_next)
        {
            continue;
        }
        let prev = (j >= 2 && seq[j - 1].2).then(|| seq[j - 2].0);
        if !matches!(
            fold_model.space_decision(prev, a, b, pair_hash(a, b), &mut scratch),
            super::SpaceDecision::Score(_)
        ) {
            continue;
        }
        joined.clear();
        joined.push_str(a);
        joined.push_str(b);
        load_chars(&joined, &mut chars, &mut offsets);
        let i = a.chars().count();
        gap_features(
            &chars,
            i,
            fold_model.gap_context(&joined, &offsets, i),
            &mut feats,
        );
        space_data.push((feats.clone(), zwnj));
    }
}

/// One gap of a word: its features and whether a ZWNJ is there.
type Instance = (Vec<u32>, bool);

/// Loads `key` into chars and byte offsets (with the end offset last).
fn load_chars(key: &str, chars: &mut Vec<char>, offsets: &mut Vec<usize>) {
    chars.clear();
    offsets.clear();
    for (o, c) in key.char_indices() {
        chars.push(c);
        offsets.push(o);
    }
    offsets.push(key.len());
}

/// Instances of every candidate gap of every form, with features from `model`.
fn word_instances(model: &ZwnjModel, forms: &[&str]) -> Vec<Instance> {
    let mut data = Vec::new();
    let (mut chars, mut offsets, mut feats) = (Vec::new(), Vec::new(), Vec::new());
    for form in forms {
        let (key, mask) = key_and_mask(form);
        load_chars(&key, &mut chars, &mut offsets);
        for i in 1..chars.len().min(64) {
            if !is_gap_candidate(&chars, i) {
                continue;
            }
            gap_features(&chars, i, model.gap_context(&key, &offsets, i), &mut feats);
            data.push((feats.clone(), mask & (1 << (i - 1)) != 0));
        }
    }
    data
}

/// Averaged binary perceptron.
fn train_perceptron(data: &[Instance], epochs: usize) -> Vec<f32> {
    let mut w = vec![0f32; HASH_SIZE];
    let mut u = vec![0f32; HASH_SIZE]; // sum of c * update, for averaging
    let mut c = 1f32;
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = 0x9E37_79B9_7F4A_7C15u64;
    for _ in 0..epochs.max(1) {
        // Fisher–Yates with a fixed xorshift seed: the same data gives the same model.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for &k in &order {
            let (f, y) = &data[k];
            let score: f32 = f.iter().map(|&i| w[i as usize]).sum();
            let target = if *y { 1.0 } else { -1.0 };
            if score * target <= 0.0 {
                for &i in f {
                    w[i as usize] += target;
                    u[i as usize] += c * target;
                }
            }
            c += 1.0;
        }
    }
    w.iter().zip(&u).map(|(w, u)| w - u / c).collect()
}

/// ZWNJ gap counts of a restoration against gold.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct GapScore {
    /// ZWNJ in both.
    pub tp: usize,
    /// ZWNJ only in the output.
    pub fp: usize,
    /// ZWNJ only in gold.
    pub fn_: usize,
    /// Gold spaces the output changed.
    pub space_errors: usize,
}

impl GapScore {
    /// ZWNJ F1.
    pub fn f1(&self) -> f64 {
        let d = 2 * self.tp + self.fp + self.fn_;
        if d == 0 {
            1.0
        } else {
            2.0 * self.tp as f64 / d as f64
        }
    }
}

/// Gap labels of a line: for each visible char, how the gap after it is written
/// (0 none, 1 space, 2 ZWNJ).
fn gap_labels(line: &str) -> Vec<(char, u8)> {
    let mut out: Vec<(char, u8)> = Vec::new();
    for c in line.chars() {
        match c {
            ' ' => {
                if let Some(l) = out.last_mut() {
                    l.1 = 1;
                }
            }
            ZWNJ => {
                if let Some(l) = out.last_mut() {
                    if l.1 == 0 {
                        l.1 = 2;
                    }
                }
            }
            _ => out.push((c, 0)),
        }
    }
    out
}

/// Scores restored lines against gold lines (same visible characters assumed; lines
/// whose characters differ are skipped).
pub fn score(gold: &str, system: &str) -> GapScore {
    let mut s = GapScore::default();
    for (g, o) in gold.lines().zip(system.lines()) {
        let (g, o) = (gap_labels(g), gap_labels(o));
        if g.len() != o.len() {
            continue;
        }
        for ((_, a), (_, b)) in g.iter().zip(&o) {
            match (a, b) {
                (2, 2) => s.tp += 1,
                (2, _) => s.fn_ += 1,
                (_, 2) => s.fp += 1,
                (1, 0) => s.space_errors += 1,
                _ => {}
            }
        }
    }
    s
}

/// The two corruptions of scraped text: every ZWNJ deleted, every ZWNJ made a space.
pub fn corrupt(gold: &str, into_space: bool) -> String {
    gold.replace(ZWNJ, if into_space { " " } else { "" })
}

/// Mixed corruption: each ZWNJ deleted, made a space or kept, chosen by a hash of
/// its position (deterministic).
pub fn corrupt_mixed(gold: &str) -> String {
    let mut out = String::with_capacity(gold.len());
    let mut h: u64 = 0x2545_f491_4f6c_dd1d;
    for c in gold.chars() {
        if c == ZWNJ {
            h ^= h << 13;
            h ^= h >> 7;
            h ^= h << 17;
            match h % 3 {
                0 => {}
                1 => out.push(' '),
                _ => out.push(ZWNJ),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Picks the thresholds that maximise the summed ZWNJ F1 over the join, space and
/// mixed corruptions of `dev` (correctly written text), and sets them on `model`.
/// Returns the scores at the chosen thresholds (join, space, mixed).
pub fn tune(model: &mut ZwnjModel, dev: &str) -> [GapScore; 3] {
    let inputs = [corrupt(dev, false), corrupt(dev, true), corrupt_mixed(dev)];
    let eval = |m: &ZwnjModel| inputs.clone().map(|i| score(dev, &restore_text(m, &i)));
    let value = |r: &[GapScore; 3]| r.iter().map(GapScore::f1).sum::<f64>();
    let mut best_t = model.thresholds();
    let mut best = eval(model);
    let mut best_v = value(&best);
    // Coordinate search, one threshold at a time, twice over.
    let word_grid: &[f32] = &[
        -8.0, -5.0, -4.0, -3.0, -2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 3.0, 5.0,
    ];
    let space_grid: &[f32] = &[
        -8.0,
        -6.0,
        -4.0,
        -3.0,
        -2.0,
        -1.0,
        0.0,
        1.0,
        2.0,
        3.0,
        4.0,
        6.0,
        8.0,
        12.0,
        20.0,
        f32::INFINITY,
    ];
    for _ in 0..2 {
        let likely_grid: &[f32] = &[
            f32::NEG_INFINITY,
            -20.0,
            -15.0,
            -12.0,
            -10.0,
            -8.0,
            -6.0,
            -4.0,
            0.0,
            f32::INFINITY,
        ];
        for which in 0..9 {
            let grid: &[f32] = match which {
                0 | 1 => word_grid,
                2 | 3 => space_grid,
                4 => &[0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 8.0],
                5 => &[0.25, 0.5, 1.0, 2.0, 4.0, 8.0],
                8 => &[0.0, 1.0],
                _ => likely_grid,
            };
            for &v in grid {
                let mut t = best_t;
                match which {
                    0 => t.word = v,
                    1 => t.word_strict = v,
                    2 => t.space = v,
                    3 => t.space_strict = v,
                    4 => t.pair_ratio = v,
                    5 => t.pair_ratio_strict = v,
                    6 => t.likely = v,
                    7 => t.likely_strict = v,
                    _ => t.plain_guard = v as u32,
                }
                model.set_thresholds(t);
                let r = eval(model);
                let val = value(&r);
                if val > best_v {
                    best_v = val;
                    best = r;
                    best_t = t;
                }
            }
        }
    }
    model.set_thresholds(best_t);
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_and_mask_of_forms() {
        assert_eq!(key_and_mask("می‌شود"), ("میشود".to_string(), 0b10));
        assert_eq!(key_and_mask("کتاب"), ("کتاب".to_string(), 0));
    }

    #[test]
    fn trains_on_a_tiny_corpus() {
        let text = "کتاب‌ها را می‌خواند.\nاو می‌رود و کتاب‌ها را می‌برد.\nنامه بود.\n";
        let m = train(TrainInput {
            sentences: text,
            lexicon: None,
            verbs: Some("خواند#خوان\nرفت#رو\n"),
            epochs: 3,
            attested_only: false,
        });
        assert_eq!(restore_text(&m, "کتابها"), "کتاب‌ها");
        assert_eq!(restore_text(&m, "می خواند"), "می‌خواند");
        assert_eq!(restore_text(&m, "نامه بود"), "نامه بود");
        let back = ZwnjModel::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(back.to_bytes(), m.to_bytes());
    }

    #[test]
    fn lexicon_words_need_a_corpus_frequency() {
        let lex = "کتاب\t120\tN\nشاهدانه\t0\tN\n\u{200c}می‌رود\t7\tV\nبی‌بسامد\nabc\t5\tN\n";
        let entries = read_lexicon(lex);
        let forms: Vec<&str> = entries.iter().map(|e| e.form.as_str()).collect();
        assert_eq!(forms, ["کتاب", "شاهدانه", "می‌رود", "بی‌بسامد"]);
        assert_eq!(entries[0].frequency, Some(120));
        assert_eq!(entries[3].frequency, None);
        let kept: Vec<&str> = attested(&entries).collect();
        assert_eq!(kept, ["کتاب", "می‌رود", "بی‌بسامد"]);
    }

    #[test]
    fn regular_infinitives_give_stems() {
        let forms = ["دمیدن", "نوشاندن", "دیدن", "کتاب"].map(String::from);
        let mut stems: Vec<Box<str>> = infinitive_stems(&forms).collect();
        stems.sort_unstable();
        let want: Vec<Box<str>> = ["دم", "دمید", "نوشان", "نوشاند"]
            .into_iter()
            .map(Into::into)
            .collect();
        assert_eq!(stems, want);
    }

    #[test]
    fn scores_gaps() {
        let s = score("می‌شود کتاب", "می‌شود‌کتاب");
        assert_eq!((s.tp, s.fp, s.fn_, s.space_errors), (1, 1, 0, 0));
    }
}
