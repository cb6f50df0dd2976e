//! ZWNJ (نیم‌فاصله) restoration: the last cleaning step.
//!
//! Scraped Persian loses its ZWNJ in two ways: deleted («میشود», «حملههای»,
//! «تروریسماند») or typed as a space («می شود», «حمله های»). This step finds the Persian
//! words of the text and decides, with the trained [`ZwnjModel`]:
//! - inside a word with no ZWNJ, after which letters one belongs (a deleted ZWNJ);
//! - for a single space between two words, whether it is a space, a lost ZWNJ, or a
//!   space that should not be there at all («بندر ها» → «بندرها»: no ZWNJ after a
//!   letter that does not join).
//!
//! Words that already hold a ZWNJ are trusted as written. The model is learned from
//! the PerDT raw train sentences and hazm's lexicon by [`train`]; see
//! [`model`] for what it holds.
//!
//! ```
//! use dabir::clean::zwnj::restore;
//! assert_eq!(restore("حملههای تروریستی"), "حمله‌های تروریستی");
//! assert_eq!(restore("این کار می شود"), "این کار می‌شود");
//! // known words stay whole, and no ZWNJ follows a letter that does not join
//! assert_eq!(restore("تنها در بیمارستان"), "تنها در بیمارستان");
//! ```

pub mod features;
pub mod model;
pub mod train;

pub use model::{Gap, Scratch, Thresholds, ZwnjModel};

use super::{CleanOptions, Context, EditKind, Rewriter};
use crate::script::{is_arabic_letter, is_arabic_mark, ZWNJ, ZWNJ_STR};
use std::cell::RefCell;
use std::ops::Range;
use std::sync::OnceLock;

static EMBEDDED_BYTES: &[u8] = include_bytes!("../../../../../models/zwnj.bin");

/// The model embedded in the library (trained by `dabir train zwnj`). An empty model
/// file (only while bootstrapping a new model format) gives an empty model, which
/// restores nothing; a unit test makes sure the committed file loads.
pub fn embedded() -> &'static ZwnjModel {
    static MODEL: OnceLock<ZwnjModel> = OnceLock::new();
    MODEL.get_or_init(|| ZwnjModel::from_bytes(EMBEDDED_BYTES).unwrap_or_default())
}

thread_local! {
    static SCRATCH: RefCell<(Scratch, Vec<Range<usize>>)> = RefCell::new(Default::default());
}

/// The cleaning step: records ZWNJ restorations to `rw`'s input.
pub fn apply(rw: &mut Rewriter<'_>, opts: &CleanOptions, _ctx: &Context) {
    if opts.restore_zwnj {
        restore_with(embedded(), rw);
    }
}

/// Restores ZWNJ in `text` with the embedded model, and nothing else.
pub fn restore(text: &str) -> String {
    restore_text(embedded(), text)
}

/// Restores ZWNJ in `text` with `model`.
pub fn restore_text(model: &ZwnjModel, text: &str) -> String {
    let mut rw = Rewriter::new(text);
    restore_with(model, &mut rw);
    rw.finish().map_or_else(|| text.to_owned(), |(s, _)| s)
}

/// A Persian word: letters and marks, with ZWNJ only between them.
#[inline]
fn is_word_char(c: char) -> bool {
    is_arabic_letter(c) || is_arabic_mark(c)
}

/// Byte ranges of the Persian words of `text`.
fn find_words(text: &str, out: &mut Vec<Range<usize>>) {
    out.clear();
    let mut start: Option<usize> = None;
    let mut last_letter_end = 0;
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            if start.is_none() {
                start = Some(i);
            }
            last_letter_end = i + c.len_utf8();
        } else if c == ZWNJ && start.is_some() {
            // may continue the word; decided by the next char
        } else if let Some(s) = start.take() {
            out.push(s..last_letter_end);
        }
    }
    if let Some(s) = start {
        out.push(s..last_letter_end);
    }
}

/// Byte offsets inside `word` where its mask puts a ZWNJ.
fn insertion_points(word: &str, mask: u64, out: &mut Vec<usize>) {
    out.clear();
    if mask == 0 {
        return;
    }
    for (k, (i, c)) in word.char_indices().enumerate().take(64) {
        if mask & (1 << k) != 0 {
            out.push(i + c.len_utf8());
        }
    }
}

/// Runs restoration over the rewriter's input.
fn restore_with(model: &ZwnjModel, rw: &mut Rewriter<'_>) {
    if model.is_empty() {
        return;
    }
    let text = rw.input();
    SCRATCH.with(|cell| {
        let mut guard = cell.borrow_mut();
        let (scratch, words) = &mut *guard;
        find_words(text, words);
        let mut inserts: Vec<usize> = Vec::new();
        // The last piece of the previous word (after its last ZWNJ, restored or not),
        // and the piece before that one.
        let mut prev_last: Option<Range<usize>> = None;
        let mut prev_prev: Option<Range<usize>> = None;
        let mut prev_end = 0usize;
        for w in words.iter() {
            let word = &text[w.clone()];
            let has_zwnj = word.contains(ZWNJ);
            let mask = if has_zwnj {
                0
            } else {
                model.word_mask(word, scratch)
            };
            insertion_points(word, mask, &mut inserts);
            // Piece boundaries of this word, as absolute byte offsets.
            let first_end = if has_zwnj {
                w.start + word.find(ZWNJ).unwrap_or(word.len())
            } else {
                w.start + inserts.first().copied().unwrap_or(word.len())
            };
            let (last_start, before_last) = if has_zwnj {
                let k = word.rfind(ZWNJ).unwrap_or(0);
                let ls = if word[k..].starts_with(ZWNJ) {
                    w.start + k + ZWNJ.len_utf8()
                } else {
                    w.start
                };
                let bl = word[..k]
                    .rfind(ZWNJ)
                    .map_or(w.start, |j| w.start + j + ZWNJ.len_utf8());
                (ls, (ls > w.start).then_some(bl..w.start + k))
            } else {
                let ls = w.start + inserts.last().copied().unwrap_or(0);
                let bl = if inserts.len() >= 2 {
                    w.start + inserts[inserts.len() - 2]
                } else {
                    w.start
                };
                (ls, inserts.last().map(|&e| bl..w.start + e))
            };
            // The gap before this word.
            let mut joined_to_prev = false;
            if let Some(a) = prev_last.clone() {
                if &text[prev_end..w.start] == " " {
                    let prev_piece = prev_prev.clone().map(|r| &text[r]);
                    let gap = model.space_gap(
                        prev_piece,
                        &text[a.clone()],
                        &text[w.start..first_end],
                        scratch,
                    );
                    match gap {
                        Gap::Zwnj => {
                            rw.replace(prev_end..w.start, ZWNJ_STR, EditKind::SpaceToZwnj);
                            joined_to_prev = true;
                        }
                        Gap::None => {
                            rw.delete(prev_end..w.start, EditKind::SpaceRemoved);
                            joined_to_prev = true;
                        }
                        Gap::Space => {}
                    }
                }
            }
            for &p in &inserts {
                rw.insert(w.start + p, ZWNJ_STR, EditKind::ZwnjInserted);
            }
            // Context for the next gap: the piece before this word's last piece.
            prev_prev = match before_last {
                Some(r) => Some(r),
                None if joined_to_prev
                    || prev_last.is_some() && &text[prev_end..w.start] == " " =>
                {
                    prev_last.clone()
                }
                None => None,
            };
            prev_last = Some(last_start..w.end);
            prev_end = w.end;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_letter_runs_with_inner_zwnj() {
        let mut v = Vec::new();
        find_words("می‌شود، 12 abc حمله‌\u{200c}ها", &mut v);
        let t = "می‌شود، 12 abc حمله‌\u{200c}ها";
        let words: Vec<&str> = v.iter().map(|r| &t[r.clone()]).collect();
        assert_eq!(words, vec!["می‌شود", "حمله‌\u{200c}ها"]);
    }

    #[test]
    fn embedded_model_loads() {
        let m =
            ZwnjModel::from_bytes(EMBEDDED_BYTES).expect("the committed models/zwnj.bin must load");
        assert!(m.word_count() > 100_000);
    }

    #[test]
    fn restores_deleted_and_spaced_zwnj() {
        assert_eq!(restore("میشود"), "می‌شود");
        assert_eq!(restore("حملههای"), "حمله‌های");
        assert_eq!(restore("می شود"), "می‌شود");
        assert_eq!(restore("حمله های"), "حمله‌های");
        assert_eq!(restore("بندر ها"), "بندرها");
        assert_eq!(restore("بندرها"), "بندرها");
        assert_eq!(restore("نامه بود"), "نامه بود");
    }

    #[test]
    fn keeps_whole_words_whole() {
        for w in [
            "تنها",
            "بهتر",
            "همه",
            "میز",
            "میهن",
            "میدان",
            "بیمارستان",
            "هاشمی",
            "مهمان",
        ] {
            assert_eq!(restore(w), w);
        }
        assert_eq!(restore("در ماه می گذشته"), "در ماه می گذشته");
    }

    #[test]
    fn is_idempotent_on_its_output() {
        let once = restore("آنها میگویند که حملههای تروریستی می شود و نمی توانسته اند");
        assert_eq!(restore(&once), once);
    }
}
