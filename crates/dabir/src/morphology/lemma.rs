//! The lemmatizer: UD PerDT lemmas for every part of speech.
//!
//! PerDT writes a verb's lemma as its past stem (می‌گوید → گفت), and a noun's or
//! adjective's without plural, ezafe, indefinite ی or clitics (باورهای → باور,
//! همهٔ → همه). A word is lemmatized by the first of:
//! 1. the treebank dictionary: the lemma seen most often with this form and UPOS;
//! 2. for verbs and auxiliaries, the [`verbs`](super::verbs::analyze) analyser;
//! 3. an edit rule (strip a prefix, strip a suffix, append a suffix) learned from the
//!    treebank, chosen by an averaged perceptron among the rules that apply to the form.
//!    Besides the form's affixes, UPOS and features, each applicable rule is judged by
//!    whether its output is a word of hazm's lexicon or a lemma seen in the treebank,
//!    which is what lets it tell باورهای → باور from دینی → دینی for unseen words;
//! 4. for a plural noun the rules leave unchanged, the broken-plural templates
//!    ([`plurals`](super::plurals)): اعمال → عمل.

use super::lexicon::Lexicon;
use super::verbs;
use crate::error::Result;
use crate::learn::{perceptron::argmax, FeatureHasher, Perceptron, Rng, Trainer};
use crate::model::{Reader, Writer};
use rustc_hash::FxHashMap;

/// A rewrite of a form into its lemma: drop `prefix`, drop `strip` at the end, append `add`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct EditRule {
    /// Characters removed at the start.
    pub prefix: String,
    /// Characters removed at the end.
    pub strip: String,
    /// Characters appended.
    pub add: String,
}

impl EditRule {
    /// The rule that turns `form` into `lemma`, stripping as little as possible.
    pub fn between(form: &str, lemma: &str) -> Self {
        let f: Vec<char> = form.chars().collect();
        let l: Vec<char> = lemma.chars().collect();
        let mut best = (0usize, 0usize); // (prefix len, common len)
        for p in 0..=f.len().min(4) {
            let common = f[p..].iter().zip(&l).take_while(|(a, b)| a == b).count();
            if common > best.1 {
                best = (p, common);
            }
        }
        let (p, c) = best;
        EditRule {
            prefix: f[..p].iter().collect(),
            strip: f[p + c..].iter().collect(),
            add: l[c..].iter().collect(),
        }
    }

    /// The byte range of `form` the rule keeps (before appending `add`), if it fits
    /// and something is left; a ZWNJ left at the end is dropped (کتاب‌های → کتاب).
    pub fn range(&self, form: &str) -> Option<(usize, usize)> {
        // cheap first-byte and last-byte tests before the full comparisons
        let (f, p, s) = (
            form.as_bytes(),
            self.prefix.as_bytes(),
            self.strip.as_bytes(),
        );
        if (!p.is_empty() && f.first() != p.first()) || (!s.is_empty() && f.last() != s.last()) {
            return None;
        }
        let rest = form.strip_prefix(self.prefix.as_str())?;
        let mid = rest.strip_suffix(self.strip.as_str())?;
        let start = self.prefix.len();
        let mid = if self.add.is_empty() {
            mid.trim_end_matches(crate::script::ZWNJ)
        } else {
            mid
        };
        if mid.is_empty() && self.add.is_empty() {
            return None;
        }
        Some((start, start + mid.len()))
    }

    /// The rule applied to `form`, if it fits (and leaves something).
    pub fn apply(&self, form: &str) -> Option<String> {
        let mid = form
            .strip_prefix(self.prefix.as_str())?
            .strip_suffix(self.strip.as_str())?;
        let out = format!("{mid}{}", self.add);
        let out = out.trim_end_matches(crate::script::ZWNJ);
        (!out.is_empty()).then(|| out.to_string())
    }

    /// True for the rule that keeps the form.
    pub fn is_identity(&self) -> bool {
        self.prefix.is_empty() && self.strip.is_empty() && self.add.is_empty()
    }
}

/// One annotated word, as the lemmatizer learns from it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LemmaExample {
    /// The form.
    pub form: String,
    /// Its UPOS.
    pub upos: String,
    /// Its features.
    pub feats: String,
    /// Its gold lemma.
    pub lemma: String,
}

/// Dictionary, verb analyser and learned edit rules.
#[derive(Debug, Clone)]
pub struct Lemmatizer {
    /// "form\tUPOS" → lemma.
    dict: FxHashMap<String, String>,
    /// form → its most frequent lemma over all parts of speech but VERB/AUX.
    forms: FxHashMap<String, String>,
    /// past stem → times seen as a verb lemma.
    verb_lemmas: FxHashMap<String, u32>,
    /// hashes of every lemma seen.
    lemmas: FxHashMap<u64, ()>,
    rules: Vec<EditRule>,
    model: Perceptron,
}

const T_BIAS: u32 = 100;
const T_UPOS: u32 = 101;
const T_UPOS_FEATS: u32 = 102;
const T_SUFFIX: u32 = 103; // + k
const T_PREFIX: u32 = 110; // + k
const T_INLEX: u32 = 115;
const T_CAND: u32 = 120;
const T_CAND_UPOS: u32 = 121;
const T_CAND_SUF: u32 = 122;
const T_CAND_STRIP: u32 = 123;

impl Lemmatizer {
    /// The lemma of `form` tagged `upos` with features `feats`.
    pub fn lemmatize(&self, form: &str, upos: &str, feats: &str, lex: &Lexicon) -> String {
        if let Some(l) = self.lookup(form, upos, feats) {
            return l.to_string();
        }
        if matches!(upos, "VERB" | "AUX") {
            let analyses = verbs::analyze(form, lex);
            if let Some(a) =
                verbs::best(&analyses, |l| self.verb_lemmas.get(l).copied().unwrap_or(0))
            {
                return a.lemma.clone();
            }
            if let Some(a) = verbs::guess(form) {
                return a.lemma;
            }
        }
        if matches!(upos, "PUNCT" | "NUM" | "SYM" | "X") {
            return form.to_string();
        }
        // a form seen with another part of speech keeps its lemma (tagging errors
        // between NOUN, PROPN and ADJ rarely change it)
        if let Some(l) = self.forms.get(form) {
            return l.clone();
        }
        let by_rule = self.by_rule(form, upos, feats, lex);
        if by_rule == form && upos == "NOUN" && feats.contains("Number=Plur") {
            if let Some(s) = super::plurals::singular(form, lex) {
                return s;
            }
        }
        by_rule
    }

    /// The treebank dictionary's lemma for `form` as `upos` with `feats` (the features
    /// matter for a few words: خود is خودم, خودش… by person), else as `upos`.
    pub fn lookup(&self, form: &str, upos: &str, feats: &str) -> Option<&str> {
        let mut key = String::with_capacity(form.len() + upos.len() + feats.len() + 2);
        key.push_str(form);
        key.push('\t');
        key.push_str(upos);
        let short = key.len();
        key.push('\t');
        key.push_str(feats);
        if let Some(l) = self.dict.get(&key) {
            return Some(l);
        }
        key.truncate(short);
        self.dict.get(&key).map(String::as_str)
    }

    /// The lemma the learned edit rules give, ignoring the dictionary and the verb analyser.
    pub fn by_rule(&self, form: &str, upos: &str, feats: &str, lex: &Lexicon) -> String {
        let (feats_v, cands) = self.features(form, upos, feats, lex);
        let mut scores = vec![0f32; self.rules.len()];
        self.model.scores(&feats_v, &mut scores);
        let best = masked_best(&scores, &cands);
        let kept = cands
            .get(best)
            .and_then(|(_, c)| *c)
            .and_then(|(a, b)| form.get(a..b));
        match (kept, self.rules.get(best)) {
            (Some(mid), Some(rule)) => format!("{mid}{}", rule.add),
            _ => form.to_string(),
        }
    }

    /// Features of the rule choice, and every rule's output (`None` when it does not apply).
    fn features(
        &self,
        form: &str,
        upos: &str,
        feats: &str,
        lex: &Lexicon,
    ) -> (Vec<u64>, Candidates) {
        rule_features(&self.rules, form, upos, feats, lex, |h| {
            self.lemmas.contains_key(&h)
        })
    }

    /// Learns the dictionary, the verb lemma counts and the edit-rule chooser from
    /// annotated words (token by token: frequencies matter for the dictionary).
    pub fn train(examples: &[LemmaExample], lex: &Lexicon, epochs: usize, seed: u64) -> Self {
        // dictionary: most frequent lemma per (form, upos)
        let mut counts: FxHashMap<(String, String), FxHashMap<String, u32>> = FxHashMap::default();
        let mut with_feats: FxHashMap<String, FxHashMap<String, u32>> = FxHashMap::default();
        let mut verb_lemmas: FxHashMap<String, u32> = FxHashMap::default();
        let mut lemmas = FxHashMap::default();
        for e in examples {
            *counts
                .entry((e.form.clone(), e.upos.clone()))
                .or_default()
                .entry(e.lemma.clone())
                .or_default() += 1;
            *with_feats
                .entry(format!("{}\t{}\t{}", e.form, e.upos, e.feats))
                .or_default()
                .entry(e.lemma.clone())
                .or_default() += 1;
            if matches!(e.upos.as_str(), "VERB" | "AUX") {
                *verb_lemmas.entry(e.lemma.clone()).or_default() += 1;
            }
            lemmas.insert(FeatureHasher::str(&e.lemma), ());
        }
        let mut dict = FxHashMap::default();
        let mut by_form: FxHashMap<String, FxHashMap<String, u32>> = FxHashMap::default();
        for ((form, upos), ls) in counts {
            if !matches!(upos.as_str(), "VERB" | "AUX") {
                let slot = by_form.entry(form.clone()).or_default();
                for (l, n) in &ls {
                    *slot.entry(l.clone()).or_default() += n;
                }
            }
            if let Some(l) = most_frequent(ls) {
                dict.insert(format!("{form}\t{upos}"), l);
            }
        }
        // (form, upos, feats) entries only where they differ from the (form, upos) one
        for (key, ls) in with_feats {
            let Some(l) = most_frequent(ls) else { continue };
            let short = key.rsplit_once('\t').map_or("", |(k, _)| k);
            if dict.get(short) != Some(&l) {
                dict.insert(key, l);
            }
        }
        let forms = by_form
            .into_iter()
            .filter_map(|(f, ls)| Some((f, most_frequent(ls)?)))
            .collect();
        // edit rules from distinct words, kept when seen on two or more
        let mut types: Vec<&LemmaExample> = examples.iter().collect();
        types.sort_by(|a, b| {
            (&a.form, &a.upos, &a.feats, &a.lemma).cmp(&(&b.form, &b.upos, &b.feats, &b.lemma))
        });
        types.dedup();
        let mut rule_counts: FxHashMap<EditRule, u32> = FxHashMap::default();
        for e in &types {
            *rule_counts
                .entry(EditRule::between(&e.form, &e.lemma))
                .or_default() += 1;
        }
        let mut rules: Vec<(EditRule, u32)> = rule_counts
            .into_iter()
            .filter(|(r, n)| *n >= 2 && !r.is_identity())
            .collect();
        rules.sort_by(|a, b| {
            b.1.cmp(&a.1).then_with(|| {
                (&a.0.prefix, &a.0.strip, &a.0.add).cmp(&(&b.0.prefix, &b.0.strip, &b.0.add))
            })
        });
        let mut rule_list = vec![EditRule::default()];
        rule_list.extend(rules.into_iter().map(|(r, _)| r));
        let index: FxHashMap<EditRule, usize> = rule_list
            .iter()
            .cloned()
            .enumerate()
            .map(|(i, r)| (r, i))
            .collect();
        let labels = (0..rule_list.len()).map(|i| i.to_string()).collect();
        let mut trainer = Trainer::new(labels);
        // "is a known lemma" is judged leaving the word itself out, or every training word
        // would see its own lemma as known and the feature would give the answer away
        let mut lemma_types: FxHashMap<u64, u32> = FxHashMap::default();
        for e in &types {
            *lemma_types.entry(FeatureHasher::str(&e.lemma)).or_default() += 1;
        }
        let mut data: Vec<(Vec<u64>, Candidates, usize)> = types
            .iter()
            .filter_map(|e| {
                let gold = *index.get(&EditRule::between(&e.form, &e.lemma))?;
                let own = FeatureHasher::str(&e.lemma);
                let in_lemmas = |h: u64| {
                    let n = lemma_types.get(&h).copied().unwrap_or(0);
                    n > u32::from(h == own)
                };
                let (f, c) = rule_features(&rule_list, &e.form, &e.upos, &e.feats, lex, in_lemmas);
                Some((f, c, gold))
            })
            .collect();
        let mut rng = Rng::new(seed);
        let mut scores = vec![0f32; rule_list.len()];
        for _ in 0..epochs {
            rng.shuffle(&mut data);
            for (f, c, gold) in &data {
                scores.iter_mut().for_each(|s| *s = 0.0);
                trainer.scores(f, &mut scores);
                let guess = masked_best(&scores, c);
                trainer.observe(f, *gold, guess);
            }
        }
        Lemmatizer {
            dict,
            forms,
            verb_lemmas,
            lemmas,
            rules: rule_list,
            model: trainer.finish(0.0),
        }
    }

    /// Appends the lemmatizer to a model file.
    pub fn write(&self, w: &mut Writer) {
        let mut d: Vec<(&String, &String)> = self.dict.iter().collect();
        d.sort();
        w.u32(d.len() as u32);
        for (k, v) in d {
            w.str(k);
            w.str(v);
        }
        let mut f: Vec<(&String, &String)> = self.forms.iter().collect();
        f.sort();
        w.u32(f.len() as u32);
        for (k, v) in f {
            w.str(k);
            w.str(v);
        }
        let mut v: Vec<(&String, &u32)> = self.verb_lemmas.iter().collect();
        v.sort();
        w.u32(v.len() as u32);
        for (k, n) in v {
            w.str(k);
            w.u32(*n);
        }
        let mut l: Vec<u64> = self.lemmas.keys().copied().collect();
        l.sort_unstable();
        w.u32(l.len() as u32);
        for h in l {
            w.u64(h);
        }
        w.u32(self.rules.len() as u32);
        for r in &self.rules {
            w.str(&r.prefix);
            w.str(&r.strip);
            w.str(&r.add);
        }
        self.model.write(w);
    }

    /// Reads a lemmatizer written by [`Lemmatizer::write`].
    pub fn read(r: &mut Reader<'_>) -> Result<Self> {
        let n = r.count(8)?;
        let mut dict = FxHashMap::default();
        dict.reserve(n);
        for _ in 0..n {
            let k = r.str()?.to_string();
            dict.insert(k, r.str()?.to_string());
        }
        let n = r.count(8)?;
        let mut forms = FxHashMap::default();
        for _ in 0..n {
            let k = r.str()?.to_string();
            forms.insert(k, r.str()?.to_string());
        }
        let n = r.count(8)?;
        let mut verb_lemmas = FxHashMap::default();
        for _ in 0..n {
            let k = r.str()?.to_string();
            verb_lemmas.insert(k, r.u32()?);
        }
        let n = r.count(8)?;
        let mut lemmas = FxHashMap::default();
        for _ in 0..n {
            lemmas.insert(r.u64()?, ());
        }
        let n = r.count(12)?;
        let mut rules = Vec::with_capacity(n);
        for _ in 0..n {
            let prefix = r.str()?.to_string();
            let strip = r.str()?.to_string();
            let add = r.str()?.to_string();
            rules.push(EditRule { prefix, strip, add });
        }
        let model = Perceptron::read(r, "morphology")?;
        Ok(Lemmatizer {
            dict,
            forms,
            verb_lemmas,
            lemmas,
            rules,
            model,
        })
    }
}

/// Every rule's output for one form as the byte range of the form it keeps (before the
/// rule's `add`), `None` when the rule does not apply or is refused.
type Candidates = Vec<(usize, Option<(usize, usize)>)>;

/// The most frequent key (ties: the smallest).
fn most_frequent(counts: FxHashMap<String, u32>) -> Option<String> {
    let mut v: Vec<(String, u32)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.into_iter().next().map(|(l, _)| l)
}

/// The best applicable rule (identity, rule 0, always applies).
fn masked_best(scores: &[f32], cands: &[(usize, Option<(usize, usize)>)]) -> usize {
    let mut best = 0;
    let mut best_s = f32::NEG_INFINITY;
    for (r, c) in cands {
        if c.is_some() {
            let s = scores.get(*r).copied().unwrap_or(f32::NEG_INFINITY);
            if s > best_s {
                best = *r;
                best_s = s;
            }
        }
    }
    if best_s == f32::NEG_INFINITY {
        argmax(&[])
    } else {
        best
    }
}

fn rule_features(
    rules: &[EditRule],
    form: &str,
    upos: &str,
    feats: &str,
    lex: &Lexicon,
    in_lemmas: impl Fn(u64) -> bool,
) -> (Vec<u64>, Candidates) {
    // byte offsets of the last 5 character boundaries, to hash suffixes without allocating
    let n_chars = form.chars().count();
    let suffix = |k: usize| -> Option<u64> {
        if n_chars <= k {
            return None;
        }
        let start = form
            .char_indices()
            .rev()
            .nth(k.checked_sub(1)?)
            .map(|(i, _)| i)?;
        Some(FeatureHasher::str(form.get(start..)?))
    };
    let h = FeatureHasher::combine;
    let u = FeatureHasher::str(upos);
    let mut f = vec![
        h(T_BIAS, &[]),
        h(T_UPOS, &[u]),
        h(T_UPOS_FEATS, &[u, FeatureHasher::str(feats)]),
    ];
    let sufs: [Option<u64>; 6] = [None, suffix(1), suffix(2), suffix(3), suffix(4), suffix(5)];
    for (k, s) in sufs.iter().enumerate().take(5).skip(1) {
        if let Some(s) = s {
            f.push(h(T_SUFFIX + k as u32, &[*s, u]));
        }
    }
    for (k, (i, c)) in form.char_indices().take(2).enumerate() {
        if n_chars > k + 1 {
            let end = i + c.len_utf8();
            f.push(h(
                T_PREFIX + k as u32 + 1,
                &[FeatureHasher::str(form.get(..end).unwrap_or(""))],
            ));
        }
    }
    let inlex = |hc: u64| {
        u64::from(lex.contains_hashed(hc))
            | u64::from(in_lemmas(hc)) << 1
            | u64::from(lex.is_attested_hashed(hc)) << 2
    };
    f.push(h(T_INLEX, &[inlex(FeatureHasher::str(form)), u]));
    let last2 = sufs[2].unwrap_or(0);
    let mut cands = Vec::with_capacity(rules.len());
    for (i, r) in rules.iter().enumerate() {
        let range = if r.is_identity() {
            Some((0, form.len()))
        } else {
            r.range(form)
        };
        let Some((a, b)) = range else {
            cands.push((i, None));
            continue;
        };
        let mid = form.get(a..b).unwrap_or("");
        let hc = FeatureHasher::concat(&[mid, &r.add]);
        let known = inlex(hc);
        // a rewrite must produce a known word unless it only strips a suffix (ها, های)
        if !(r.is_identity() || (r.prefix.is_empty() && r.add.is_empty()) || known != 0) {
            cands.push((i, None));
            continue;
        }
        let ri = i as u64;
        let strip_suf = sufs
            .get(r.strip.chars().count() + 1)
            .copied()
            .flatten()
            .unwrap_or(0);
        f.push(h(T_CAND_STRIP, &[ri, known, strip_suf]));
        f.push(h(T_CAND, &[ri, known]));
        f.push(h(T_CAND_UPOS, &[ri, known, u]));
        f.push(h(T_CAND_SUF, &[ri, last2]));
        cands.push((i, Some((a, b))));
    }
    (f, cands)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_rules() {
        let r = EditRule::between("باورهای", "باور");
        assert_eq!(
            (r.prefix.as_str(), r.strip.as_str(), r.add.as_str()),
            ("", "های", "")
        );
        assert_eq!(r.apply("کتاب‌های").as_deref(), Some("کتاب"));
        let r = EditRule::between("می‌کنیم", "کرد");
        assert_eq!(r.apply("می‌کنیم").as_deref(), Some("کرد"));
        assert_eq!(EditRule::between("کتاب", "کتاب"), EditRule::default());
        assert_eq!(EditRule::between("", "").apply(""), None);
        assert_eq!(r.apply("x"), None);
    }
}
