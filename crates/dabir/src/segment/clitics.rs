//! The clitic splitter: pronominal clitics (ش م ت شان مان تان, after a vowel یش یم یت…,
//! after ZWNJ اش ام ات) and the copula clitics (ست, ند, ‌ام…) become separate
//! syntactic words of a multiword token, as UD PerDT has them: ماتمش → ماتم + ش,
//! خانواده‌اش → خانواده‌ + اش, آفریقاست → آفریقا + ست.
//!
//! Whether a word ending in such letters really carries a clitic is a lexical question
//! (مردم "people" is not مرد + م; گفتم "I said" is a verb). The decision reads tables
//! learned by [`super::train`]: forms the treebank splits or keeps, nominal stems and
//! known whole words from the hazm lexicon, and verb stems. A word is split when its
//! stem is a known nominal, the whole form is not itself a known word, and it does not
//! parse as a verb form.

use rustc_hash::{FxHashMap, FxHashSet};

/// Clitics after a consonant (or any letter), longest first. ست and ند are the copula
/// (آفریقاست, گرفتارند).
const PLAIN: [&str; 8] = ["شان", "مان", "تان", "ست", "ند", "ش", "م", "ت"];
/// Clitics after a final vowel ا or و: the glide ی goes with the clitic (صدایش).
const AFTER_VOWEL: [&str; 7] = ["یشان", "یمان", "یتان", "یش", "یم", "یت", "یند"];
/// Clitics after ZWNJ (the ZWNJ stays with the host: خانواده‌اش).
const AFTER_ZWNJ: [&str; 7] = ["شان", "مان", "تان", "اش", "ام", "ات", "اند"];
/// Verb personal endings, to recognise verb forms (stem + ending).
const PERSON_ENDINGS: [&str; 8] = ["", "م", "ی", "یم", "ید", "ند", "ه", "د"];
/// Prefixes of finite verbs before a present stem (and optionally a past stem).
const VERB_PREFIXES: [&str; 6] = ["می\u{200C}", "نمی\u{200C}", "می", "نمی", "ب", "ن"];
/// Preverbs of compound verbs (برخوردیم, دریافتم, بازنگریم).
const PREVERBS: [&str; 6] = ["بر", "در", "باز", "فرا", "ور", "وا"];

/// The learned tables of the clitic splitter.
#[derive(Debug, Clone, Default)]
pub struct CliticModel {
    /// Forms the treebank splits, with the byte offset of the cut.
    pub split: FxHashMap<Box<str>, u32>,
    /// Forms that look split-able but that the treebank keeps whole.
    pub keep: FxHashSet<Box<str>>,
    /// Known whole words (never split): tagged lexicon entries.
    pub words: FxHashSet<Box<str>>,
    /// Nominal stems a clitic may follow (nouns, adjectives, pronouns, prepositions).
    pub stems: FxHashSet<Box<str>>,
    /// Past verb stems (and هست/نیست).
    pub verb_stems: FxHashSet<Box<str>>,
    /// Present verb stems.
    pub present_stems: FxHashSet<Box<str>>,
    /// How often each form is a whole token in the PerDT raw train tokens (forms seen
    /// at least twice): a host seen often on its own is a word; a form seen more often
    /// than its would-be host is a word of its own, not host + clitic.
    pub counts: FxHashMap<Box<str>, u32>,
}

/// A train-token count from which an unknown host is accepted as a word.
const MIN_HOST_COUNT: u32 = 3;

impl CliticModel {
    /// The byte offset where `form` splits into host + clitic, or `None` to keep it
    /// whole.
    pub fn split(&self, form: &str) -> Option<usize> {
        let last = form.as_bytes().last()?;
        // every clitic ends in ش م ت ن د or (را) ا — U+0634 U+0645 U+062A U+0646
        // U+062F U+0627, whose UTF-8 forms end in 0xB4 0x85 0xAA 0x86 0xAF 0xA7;
        // anything else is kept without a lookup
        if !matches!(last, 0xB4 | 0x85 | 0xAA | 0x86 | 0xAF | 0xA7) || form.len() < 4 {
            return None;
        }
        // the common case first: a known word (split forms are not in `words`)
        if self.words.contains(form) {
            return None;
        }
        if let Some(&cut) = self.split.get(form) {
            return Some(cut as usize)
                .filter(|&c| c > 0 && c < form.len() && form.is_char_boundary(c));
        }
        // no rule splits a form ending in ا (only the table's مرا); one ending in ن
        // must end in ان (شان مان تان), one ending in د in ند (the copula)
        let b = form.as_bytes();
        let n = b.len();
        if *last == 0xA7
            || *last == 0x86 && b[n - 4..n - 2] != [0xD8, 0xA7]
            || *last == 0xAF && b[n - 4..n - 2] != [0xD9, 0x86]
        {
            return None;
        }
        if self.keep.contains(form) {
            return None;
        }
        self.rule(form)
            .filter(|&cut| self.count(form) <= self.count(form[..cut].trim_end_matches('\u{200C}')))
    }

    fn count(&self, form: &str) -> u32 {
        self.counts.get(form).copied().unwrap_or(0)
    }

    fn rule(&self, form: &str) -> Option<usize> {
        if form.starts_with("می\u{200C}") || form.starts_with("نمی\u{200C}") {
            return None;
        }
        for c in AFTER_ZWNJ {
            if let Some(stem) = form.strip_suffix(c) {
                if let Some(host) = stem.strip_suffix('\u{200C}') {
                    if self.nominal(host) && !self.participle(host) {
                        return Some(stem.len());
                    }
                    return None;
                }
            }
        }
        // participle + ZWNJ + person ending: رفته‌ام, داده‌ایم, بسته‌ای
        for e in [
            "\u{200C}ام",
            "\u{200C}ایم",
            "\u{200C}اید",
            "\u{200C}ای",
            "\u{200C}اند",
        ] {
            if form.ends_with(e) {
                return None;
            }
        }
        let cut = self.propose(form)?;
        (!self.verb_form(form)).then_some(cut)
    }

    /// A host + clitic cut by the letters and the lexicon alone (verbs not yet ruled out).
    fn propose(&self, form: &str) -> Option<usize> {
        for c in AFTER_VOWEL {
            if let Some(stem) = form.strip_suffix(c) {
                if (stem.ends_with('ا') || stem.ends_with('و'))
                    && !stem.ends_with("ها")
                    && self.nominal(stem)
                {
                    return Some(stem.len());
                }
            }
        }
        // copula یم after an adjective: خوشبختیم = خوشبخت + یم (not خوشبختی + م)
        if let Some(stem) = form.strip_suffix("یم") {
            if !stem.ends_with("ها") && self.stems.contains(stem) {
                return Some(stem.len());
            }
        }
        for c in PLAIN {
            if let Some(stem) = form.strip_suffix(c) {
                if stem.chars().count() < 2 {
                    continue;
                }
                if c == "ست" && !(stem.ends_with('ا') || stem.ends_with('و') || stem.ends_with('ی'))
                {
                    continue;
                }
                if c == "ند" && stem.chars().count() < 3 {
                    continue;
                }
                if self.nominal(stem) {
                    return Some(stem.len());
                }
            }
        }
        None
    }

    /// A nominal host: a known stem (lexicon or frequent train token), or a known stem
    /// with a plural suffix.
    fn nominal(&self, host: &str) -> bool {
        if self.stems.contains(host) || self.count(host) >= MIN_HOST_COUNT && !self.verb_form(host)
        {
            return true;
        }
        for pl in ["\u{200C}های", "\u{200C}ها", "های", "ها", "ان", "ات", "ی"] {
            if let Some(base) = host.strip_suffix(pl) {
                if base.chars().count() >= 2
                    && self.stems.contains(base.trim_end_matches('\u{200C}'))
                {
                    return true;
                }
            }
        }
        false
    }

    /// A past participle (past stem + ه): رفته‌ام is a verb, not رفته + ام.
    fn participle(&self, host: &str) -> bool {
        host.strip_suffix('ه')
            .is_some_and(|s| self.verb_stem(s, true))
    }

    /// A past stem (with or without a preverb), or with `prefixed` also a present stem.
    fn verb_stem(&self, s: &str, prefixed: bool) -> bool {
        let known =
            |s: &str| self.verb_stems.contains(s) || prefixed && self.present_stems.contains(s);
        known(s)
            || PREVERBS.iter().any(|p| {
                s.strip_prefix(p)
                    .is_some_and(|r| r.chars().count() >= 2 && known(r))
            })
    }

    /// A finite verb: a past stem + person ending (with an optional prefix), or a
    /// prefix + present stem + person ending.
    fn verb_form(&self, form: &str) -> bool {
        // a bare present stem is an imperative (باش, رو)
        if self.present_stems.contains(form) {
            return true;
        }
        let mut bodies: [Option<(&str, bool)>; 8] = [None; 8];
        bodies[0] = Some((form, false));
        for (k, p) in VERB_PREFIXES.iter().enumerate() {
            bodies[k + 1] = form.strip_prefix(p).map(|b| (b, true));
        }
        for pv in PREVERBS {
            if let Some(rest) = form.strip_prefix(pv) {
                for p in VERB_PREFIXES {
                    if let Some(b) = rest.strip_prefix(p) {
                        bodies[7] = Some((b, true));
                    }
                }
                // preverb + present stem without prefix: دریابم, برخواهیم
                bodies[6] = bodies[6].or(Some((rest, true)));
            }
        }
        for (body, prefixed) in bodies.into_iter().flatten() {
            for e in PERSON_ENDINGS {
                if let Some(stem) = body.strip_suffix(e) {
                    // a present stem without prefix is a subjunctive only with a plural
                    // ending (دهیم, نمایند); کارم stays کار + م
                    let plural = matches!(e, "یم" | "ید" | "ند");
                    if stem.chars().count() >= 2 && self.verb_stem(stem, prefixed || plural) {
                        return true;
                    }
                }
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> CliticModel {
        let set = |xs: &[&str]| xs.iter().map(|s| Box::<str>::from(*s)).collect();
        CliticModel {
            split: [("مرا".into(), "م".len() as u32)].into_iter().collect(),
            keep: set(&[]),
            words: set(&["مردم"]),
            stems: set(&["ماتم", "خانواده", "صدا", "کار", "مرد", "آفریقا", "کتاب"]),
            verb_stems: set(&["گفت", "رفت", "خورد"]),
            present_stems: set(&["کار", "رو"]),
            counts: Default::default(),
        }
    }

    fn cut(form: &str) -> Option<(&str, &str)> {
        model().split(form).map(|c| form.split_at(c))
    }

    #[test]
    fn splits_as_perdt() {
        assert_eq!(cut("ماتمش"), Some(("ماتم", "ش")));
        assert_eq!(cut("خانواده\u{200C}اش"), Some(("خانواده\u{200C}", "اش")));
        assert_eq!(cut("صدایش"), Some(("صدا", "یش")));
        assert_eq!(cut("آفریقاست"), Some(("آفریقا", "ست")));
        assert_eq!(cut("کتاب\u{200C}هایشان"), Some(("کتاب\u{200C}های", "شان")));
        assert_eq!(cut("مرا"), Some(("م", "را")));
    }

    #[test]
    fn keeps_words_and_verbs() {
        assert_eq!(cut("مردم"), None);
        assert_eq!(cut("گفتم"), None);
        assert_eq!(cut("رفته\u{200C}ام"), None);
        assert_eq!(cut("می\u{200C}گفتم"), None);
        assert_eq!(cut("کتاب"), None);
        assert_eq!(cut("برخوردیم"), None);
        assert_eq!(cut("برویم"), None);
        assert_eq!(cut("کارم"), Some(("کار", "م")));
    }
}
