//! The verb analyser: a Persian finite verb form → its past stem (the UD PerDT lemma)
//! and what its affixes say (tense, person, number, polarity, aspect, mood).
//!
//! A form is read as `preverb? prefix? stem glide? ending`, where the prefix is one of
//! نمی/می (progressive, negative), ن (negative), ب (subjunctive/imperative), the stem a
//! past or present stem from hazm's `verbs.dat` (present stems map to their past stem),
//! and the ending a personal ending (past: ∅ م ی یم ید ند; present: د م ی یم ید ند, ∅ for
//! the imperative) or the participle ه with an optional clitic copula (ه‌ام … ه‌اند).
//! After ب/ن an initial آ is written یا (بیاید, نیامد), which is undone. Compound tenses
//! (future خواهد رفت, passive گفته شد, perfect رفته است) are separate tokens in PerDT:
//! each part is analysed alone and the tagger sees its neighbours.
//!
//! ```
//! use dabir::morphology::{lexicon::Lexicon, verbs};
//! let lex = Lexicon::parse("", "w", "گفت#گو\nگفت#گوی\nرفت#رو\n", "v").unwrap();
//! let a = verbs::analyze("نمی‌گوید", &lex);
//! let best = verbs::best(&a, |_| 0).unwrap();
//! assert_eq!(best.lemma, "گفت");
//! assert_eq!((best.tense, best.person, best.negative, best.progressive), (verbs::Tense::Pres, 3, true, true));
//! assert_eq!(verbs::best(&verbs::analyze("رفته‌اند", &lex), |_| 0).unwrap().tense, verbs::Tense::Participle);
//! ```

use super::lexicon::Lexicon;
use crate::script::ZWNJ_STR;

/// Which stem and ending the form was read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tense {
    /// Past stem with a personal ending (رفتم).
    Past,
    /// Present stem with a personal ending (رود, می‌رود).
    Pres,
    /// Present stem without ending after ب/ن (imperative: برو).
    Imp,
    /// Past participle, alone or with a clitic copula (رفته, رفته‌اند).
    Participle,
    /// Infinitive (رفتن).
    Inf,
}

/// One reading of a verb form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbAnalysis {
    /// The past stem: the lemma in UD PerDT.
    pub lemma: String,
    /// Stem and ending type.
    pub tense: Tense,
    /// 1, 2 or 3 (3 for participles and infinitives without a copula).
    pub person: u8,
    /// True for plural endings.
    pub plural: bool,
    /// ن or نمی.
    pub negative: bool,
    /// می or نمی.
    pub progressive: bool,
    /// ب.
    pub subjunctive: bool,
}

impl VerbAnalysis {
    /// A small code of everything but the lemma, for tagger features.
    pub fn signature(&self) -> u64 {
        let t = match self.tense {
            Tense::Past => 1,
            Tense::Pres => 2,
            Tense::Imp => 3,
            Tense::Participle => 4,
            Tense::Inf => 5,
        };
        t | u64::from(self.person) << 4
            | u64::from(self.plural) << 8
            | u64::from(self.negative) << 9
            | u64::from(self.progressive) << 10
            | u64::from(self.subjunctive) << 11
    }
}

const PREVERBS: [&str; 9] = ["", "در", "بر", "باز", "فرا", "فرو", "وا", "ور", "پیش"];
/// (prefix, negative, progressive, subjunctive); longest first.
const PREFIXES: [(&str, bool, bool, bool); 8] = [
    ("نمی\u{200c}", true, true, false),
    ("نمی", true, true, false),
    ("می\u{200c}", false, true, false),
    ("می", false, true, false),
    ("ن", true, false, false),
    ("ب", false, false, true),
    ("", false, false, false),
    ("", false, false, false),
];
/// (ending, person, plural)
const PAST_ENDINGS: [(&str, u8, bool); 6] = [
    ("", 3, false),
    ("م", 1, false),
    ("ی", 2, false),
    ("یم", 1, true),
    ("ید", 2, true),
    ("ند", 3, true),
];
const PRES_ENDINGS: [(&str, u8, bool); 6] = [
    ("د", 3, false),
    ("م", 1, false),
    ("ی", 2, false),
    ("یم", 1, true),
    ("ید", 2, true),
    ("ند", 3, true),
];
/// Clitic copulas after a participle's ه (with or without ZWNJ).
const COPULAS: [(&str, u8, bool); 7] = [
    ("", 3, false),
    ("ام", 1, false),
    ("ای", 2, false),
    ("است", 3, false),
    ("ایم", 1, true),
    ("اید", 2, true),
    ("اند", 3, true),
];

/// Every reading of `form` the stems allow (none for a non-verb).
pub fn analyze(form: &str, lex: &Lexicon) -> Vec<VerbAnalysis> {
    let mut out = Vec::new();
    if form.is_empty() || form.len() > 64 {
        return out;
    }
    for pv in PREVERBS {
        let Some(rest) = form.strip_prefix(pv) else {
            continue;
        };
        let rest = rest.strip_prefix(ZWNJ_STR).unwrap_or(rest);
        for (i, &(pre, neg, prog, subj)) in PREFIXES.iter().enumerate() {
            if i == 7 {
                break;
            }
            let Some(body) = rest.strip_prefix(pre) else {
                continue;
            };
            if body.is_empty() {
                continue;
            }
            let flags = (neg, prog, subj);
            read_body(pv, body, flags, lex, &mut out);
            // بیاید, نیامد: آ is written یا after ب/ن
            if matches!(pre, "ب" | "ن") {
                if let Some(b) = body.strip_prefix("یا") {
                    read_body(pv, &format!("آ{b}"), flags, lex, &mut out);
                }
            }
        }
    }
    out.dedup();
    out
}

fn read_body(
    pv: &str,
    body: &str,
    (negative, progressive, subjunctive): (bool, bool, bool),
    lex: &Lexicon,
    out: &mut Vec<VerbAnalysis>,
) {
    let mk = |lemma: &str, tense, person, plural| VerbAnalysis {
        lemma: lemma.to_string(),
        tense,
        person,
        plural,
        negative,
        progressive,
        subjunctive,
    };
    // PerDT drops preverbs from the lemma (درآوردند → آورد, بازگردند → گشت)
    let _ = pv;
    let stem_of = |s: &str| s.to_string();
    // past stem + ending (no ب on a past form)
    if !subjunctive {
        for (end, person, plural) in PAST_ENDINGS {
            if let Some(stem) = body.strip_suffix(end) {
                let full = stem_of(stem);
                if !stem.is_empty() && lex.is_past_stem(&full) {
                    out.push(mk(&full, Tense::Past, person, plural));
                }
            }
        }
    }
    // present stem (+ glide ی) + ending; ∅ ending only as an imperative after ب/ن
    for (end, person, plural) in PRES_ENDINGS.iter().copied().chain([("", 2, false)]) {
        if end.is_empty() && !(subjunctive || (negative && !progressive)) {
            continue;
        }
        let tense = if end.is_empty() {
            Tense::Imp
        } else {
            Tense::Pres
        };
        if let Some(stem) = body.strip_suffix(end) {
            for s in [Some(stem), stem.strip_suffix('ی')].into_iter().flatten() {
                if s.is_empty() {
                    continue;
                }
                for past in lex.past_of_present(&stem_of(s)) {
                    out.push(mk(past, tense, person, plural));
                }
            }
        }
    }
    if progressive || subjunctive {
        return;
    }
    // participle: past stem + ه (+ copula), infinitive: past stem + ن
    for (cop, person, plural) in COPULAS {
        let stripped = if cop.is_empty() {
            Some(body)
        } else {
            body.strip_suffix(cop)
                .map(|s| s.strip_suffix(ZWNJ_STR).unwrap_or(s))
        };
        if let Some(stem) = stripped.and_then(|s| s.strip_suffix('ه')) {
            let full = stem_of(stem);
            if !stem.is_empty() && lex.is_past_stem(&full) {
                out.push(mk(&full, Tense::Participle, person, plural));
            }
        }
    }
    if let Some(stem) = body.strip_suffix('ن') {
        let full = stem_of(stem);
        if !stem.is_empty() && lex.is_past_stem(&full) {
            out.push(mk(&full, Tense::Inf, 3, false));
        }
    }
}

/// Readings of a form whose stem is not in the lexicon but looks like a past stem
/// (ends in ت, د or ید after a می/نمی prefix or before a personal ending): a last resort
/// for rare verbs (می‌گراییدم → گرایید).
pub fn guess(form: &str) -> Option<VerbAnalysis> {
    for &(pre, negative, progressive, _) in PREFIXES.iter().take(4) {
        let Some(body) = form.strip_prefix(pre) else {
            continue;
        };
        for (end, person, plural) in PAST_ENDINGS.iter().rev() {
            let Some(stem) = body.strip_suffix(end) else {
                continue;
            };
            if stem.chars().count() >= 2 && (stem.ends_with('ت') || stem.ends_with('د')) {
                return Some(VerbAnalysis {
                    lemma: stem.to_string(),
                    tense: Tense::Past,
                    person: *person,
                    plural: *plural,
                    negative,
                    progressive,
                    subjunctive: false,
                });
            }
        }
    }
    None
}

/// The most plausible reading: the lemma most often seen as a verb lemma (by
/// `seen(lemma)`), then the one that strips least (longest stem), then the first.
pub fn best(analyses: &[VerbAnalysis], seen: impl Fn(&str) -> u32) -> Option<&VerbAnalysis> {
    let key = |a: &VerbAnalysis| {
        let n = seen(&a.lemma);
        let stripped = u8::from(a.negative) + u8::from(a.progressive) + u8::from(a.subjunctive);
        (n, a.lemma.chars().count(), std::cmp::Reverse(stripped))
    };
    let mut best: Option<&VerbAnalysis> = None;
    for a in analyses {
        let better = match best {
            None => true,
            Some(b) => key(a) > key(b),
        };
        if better {
            best = Some(a);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> Lexicon {
        let verbs = "گفت#گو\nگفت#گوی\nرفت#رو\nآمد#آ\nآمد#آی\nکرد#کن\nبرگشت#برگرد\nگشت#گرد\nآورد#آور\nخواست#خواه\nشد#شو\nنشست#نشین\nشست#شو\n";
        Lexicon::parse("", "w", verbs, "v").unwrap()
    }

    fn lemma(form: &str) -> Option<String> {
        let l = lex();
        best(&analyze(form, &l), |x| u32::from(x == "شد" || x == "کرد")).map(|a| a.lemma.clone())
    }

    #[test]
    fn verb_forms() {
        for (form, want) in [
            ("می‌گوید", "گفت"),
            ("نمی‌گفتند", "گفت"),
            ("بگویید", "گفت"),
            ("رفتم", "رفت"),
            ("نرفته‌ایم", "رفت"),
            ("رفته", "رفت"),
            ("بیاید", "آمد"),
            ("نیامد", "آمد"),
            ("می‌آیند", "آمد"),
            ("برو", "رفت"),
            ("کند", "کرد"),
            ("برمی‌گردد", "گشت"),
            ("درآوردند", "آورد"),
            ("خواهند", "خواست"),
            ("شود", "شد"),
            ("نشست", "نشست"),
            ("رفتن", "رفت"),
        ] {
            assert_eq!(lemma(form).as_deref(), Some(want), "{form}");
        }
        assert_eq!(lemma("کتاب"), None);
        assert_eq!(lemma(""), None);
    }

    #[test]
    fn affixes_are_read() {
        let l = lex();
        let a = analyze("نمی‌رفتیم", &l);
        let b = best(&a, |_| 0).unwrap();
        assert_eq!(
            (b.tense, b.person, b.plural, b.negative, b.progressive),
            (Tense::Past, 1, true, true, true)
        );
    }
}
