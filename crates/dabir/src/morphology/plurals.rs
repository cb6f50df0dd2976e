//! Arabic broken plurals (اعمال → عمل, عقاید → عقیده, مراکز → مرکز): the singular is
//! not a suffix away, so the edit rules cannot find it for an unseen word. The templates
//! in `broken_plurals.tsv` map a plural shape to possible singular shapes over the same
//! root consonants; hazm's lexicon decides which candidates are words, and a word it lists
//! without its plural class (PL) is left alone.
//!
//! ```
//! use dabir::morphology::{lexicon::Lexicon, plurals};
//! let lex = Lexicon::parse("عمل\t900\tN\nعقیده\t80\tN\n", "w", "", "v").unwrap();
//! assert_eq!(plurals::singular("اعمال", &lex).as_deref(), Some("عمل"));
//! assert_eq!(plurals::singular("عقایدی", &lex).as_deref(), Some("عقیده"));
//! assert_eq!(plurals::singular("کتاب", &lex), None);
//! ```

use super::lexicon::Lexicon;
use std::sync::OnceLock;

const TEMPLATES: &str = include_str!("broken_plurals.tsv");

fn templates() -> &'static [(Vec<char>, Vec<char>)] {
    static T: OnceLock<Vec<(Vec<char>, Vec<char>)>> = OnceLock::new();
    T.get_or_init(|| {
        TEMPLATES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| l.split_once('\t'))
            .map(|(p, s)| (p.trim().chars().collect(), s.trim().chars().collect()))
            .collect()
    })
}

/// Matches `word` against a plural template, filling the root slots.
fn matches(word: &[char], pattern: &[char]) -> Option<[Option<char>; 4]> {
    if word.len() != pattern.len() {
        return None;
    }
    let mut root = [None; 4];
    for (&w, &p) in word.iter().zip(pattern) {
        match p.to_digit(10) {
            Some(d @ 1..=4) => {
                let slot = root.get_mut(d as usize - 1)?;
                match slot {
                    Some(c) if *c != w => return None,
                    _ => *slot = Some(w),
                }
                if !crate::script::is_arabic_letter(w) {
                    return None;
                }
            }
            _ if p != w => return None,
            _ => {}
        }
    }
    Some(root)
}

fn fill(pattern: &[char], root: &[Option<char>; 4]) -> Option<String> {
    pattern
        .iter()
        .map(|&p| match p.to_digit(10) {
            Some(d @ 1..=4) => root.get(d as usize - 1).copied().flatten(),
            _ => Some(p),
        })
        .collect()
}

/// The most frequent singular the templates and the lexicon agree on, for `word` or
/// `word` without a final ی (indefinite or ezafe: نتایجی).
pub fn singular(word: &str, lex: &Lexicon) -> Option<String> {
    // a listed word that hazm does not mark as a plural is a singular (مزاحم, مطابق)
    if lex
        .get(word)
        .is_some_and(|e| e.classes & super::lexicon::PLURAL_CLASS == 0)
    {
        return None;
    }
    let chars: Vec<char> = word.chars().collect();
    let mut forms = vec![chars.as_slice()];
    if let Some(stripped) = chars.strip_suffix(&['ی']) {
        forms.push(stripped);
    }
    let mut best: Option<(u8, String)> = None;
    for f in forms {
        for (plural, single) in templates() {
            let Some(root) = matches(f, plural) else {
                continue;
            };
            let Some(cand) = fill(single, &root) else {
                continue;
            };
            if let Some(e) = lex.get(&cand).filter(|_| lex.contains(&cand)) {
                let better = match &best {
                    None => true,
                    Some((b, _)) => e.freq_bucket > *b,
                };
                if better {
                    best = Some((e.freq_bucket, cand));
                }
            }
        }
    }
    best.map(|(_, s)| s)
}
