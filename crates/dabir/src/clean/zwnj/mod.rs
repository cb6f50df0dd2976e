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

pub use model::{pair_hash, text_hash, Gap, Scratch, SpaceDecision, Thresholds, ZwnjModel};

use super::{CleanOptions, Context, EditKind, Rewriter};
use crate::script::{is_arabic_letter, is_arabic_mark, ZWNJ, ZWNJ_STR};
use rustc_hash::FxHashMap;
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
pub(super) fn is_word_char(c: char) -> bool {
    is_arabic_letter(c) || is_arabic_mark(c)
}

/// Which code points of U+0600–U+06FF are word chars (letters and marks), as a table
/// built once: the scanner asks it for every Arabic-script byte pair.
static WORD_CHAR_0600: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let c = 0x0600 + i as u32;
        t[i] = matches!(c, 0x0621..=0x063A | 0x0641..=0x064A | 0x066E..=0x066F | 0x0671..=0x06D3 | 0x06D5
            | 0x06EE..=0x06EF | 0x06FA..=0x06FC | 0x06FF | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06DC
            | 0x06DF..=0x06E4 | 0x06E7 | 0x06E8 | 0x06EA..=0x06ED);
        i += 1;
    }
    t
};

/// Byte ranges of the Persian words of `text`: runs of Arabic-script letters and marks
/// (all two-byte UTF-8, lead bytes 0xD8–0xDB), with ZWNJ allowed between them. Scans
/// bytes; `zwnj` gets, per word, whether a ZWNJ is inside it.
fn find_words(text: &str, out: &mut Vec<Range<usize>>, zwnj: &mut Vec<bool>) {
    out.clear();
    zwnj.clear();
    let b = text.as_bytes();
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    let mut inner_zwnj = false;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if (0xD8..=0xDB).contains(&x) && i + 1 < b.len() {
            let c = (((x as usize) & 0x1F) << 6) | ((b[i + 1] as usize) & 0x3F);
            if WORD_CHAR_0600[c - 0x600] {
                if start.is_none() {
                    start = Some(i);
                    inner_zwnj = false;
                } else if last_end != i {
                    inner_zwnj = true; // a ZWNJ was skipped since the last letter
                }
                last_end = i + 2;
                i += 2;
                continue;
            }
        } else if x == 0xE2
            && start.is_some()
            && b.get(i + 1) == Some(&0x80)
            && b.get(i + 2) == Some(&0x8C)
        {
            // A ZWNJ may continue the word; the next byte decides.
            i += 3;
            continue;
        }
        if let Some(s) = start.take() {
            out.push(s..last_end);
            zwnj.push(inner_zwnj);
        }
        i += 1;
    }
    if let Some(s) = start {
        out.push(s..last_end);
        zwnj.push(inner_zwnj);
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

/// The pieces of a word that face its neighbours: the first piece, the last piece,
/// and the piece before the last (if the word has two or more). Pieces are separated
/// by the ZWNJ already in the word or by the ones its mask restores.
#[derive(Debug, Clone)]
struct Pieces {
    first: Range<usize>,
    last: Range<usize>,
    before_last: Option<Range<usize>>,
}

fn pieces_of(range: Range<usize>, word: &str, has_zwnj: bool, points: &[usize]) -> Pieces {
    let s = range.start;
    let z = ZWNJ.len_utf8();
    // (end of the first piece, start of the last, start of the one before the last)
    let cuts = match points {
        [] if !has_zwnj => None,
        [] => match (word.find(ZWNJ), word.rfind(ZWNJ)) {
            (Some(f), Some(l)) => Some((f, l, l + z, word[..l].rfind(ZWNJ).map_or(0, |p| p + z))),
            _ => None,
        },
        [only] => Some((*only, *only, *only, 0)),
        [first, .., last] => Some((*first, *last, *last, points[points.len() - 2])),
    };
    match cuts {
        None => Pieces {
            first: range.clone(),
            last: range,
            before_last: None,
        },
        Some((first_end, last_sep, last_start, before_start)) => Pieces {
            first: s..s + first_end,
            last: s + last_start..range.end,
            before_last: Some(s + before_start..s + last_sep),
        },
    }
}

/// True when `line[from..to]` is exactly one space.
#[inline]
fn is_single_space(line: &str, from: usize, to: usize) -> bool {
    to == from + 1 && line.as_bytes()[from] == b' '
}

/// Per-thread buffers of the step.
#[derive(Debug, Default)]
struct State {
    scratch: Scratch,
    words: Vec<Range<usize>>,
    has_zwnj: Vec<bool>,
    masks: Vec<u64>,
    pieces: Vec<Pieces>,
    gaps: Vec<Option<SpaceDecision>>,
    points: Vec<usize>,
    /// Decisions already made for unknown words (by threshold kind) and for piece
    /// pairs, valid for the model generation `memo_for`. Text repeats itself, and the
    /// classifier is the costly part.
    word_memo: [FxHashMap<u64, u64>; 2],
    space_memo: FxHashMap<u64, f32>,
    memo_for: u64,
}

/// Entries a memo may hold before it is emptied, so memory stays bounded.
const MEMO_LIMIT: usize = 1 << 18;

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

/// Runs restoration over the rewriter's input, line by line: each line is judged on
/// its own evidence (see [`Thresholds`]).
fn restore_with(model: &ZwnjModel, rw: &mut Rewriter<'_>) {
    if model.is_empty() {
        return;
    }
    let text = rw.input();
    STATE.with(|cell| {
        let st = &mut *cell.borrow_mut();
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            restore_line(model, text, start, line, rw, st);
            start += line.len();
        }
    });
}

fn restore_line(
    model: &ZwnjModel,
    text: &str,
    base: usize,
    line: &str,
    rw: &mut Rewriter<'_>,
    st: &mut State,
) {
    find_words(line, &mut st.words, &mut st.has_zwnj);
    if st.words.is_empty() {
        return;
    }
    if st.memo_for != model.generation() {
        st.word_memo.iter_mut().for_each(FxHashMap::clear);
        st.space_memo.clear();
        st.memo_for = model.generation();
    }
    let t = model.thresholds();
    // 1. Words: known ones by lookup (their ZWNJ deletions are this line's evidence),
    //    then unknown ones by the classifier.
    st.masks.clear();
    let mut deleted_evidence = false;
    const UNKNOWN: u64 = u64::MAX;
    for (w, &has_zwnj) in st.words.iter().zip(&st.has_zwnj) {
        let word = &line[w.clone()];
        let mask = if has_zwnj {
            0
        } else if let Some(e) = model.lookup(word) {
            deleted_evidence |= e.mask != 0 && e.count >= 3;
            e.mask
        } else {
            UNKNOWN
        };
        st.masks.push(mask);
    }
    let (word_threshold, memo) = if deleted_evidence {
        (t.word, &mut st.word_memo[0])
    } else {
        (t.word_strict, &mut st.word_memo[1])
    };
    st.pieces.clear();
    for ((w, mask), &has_zwnj) in st.words.iter().zip(st.masks.iter_mut()).zip(&st.has_zwnj) {
        let word = &line[w.clone()];
        if *mask == UNKNOWN {
            let key = text_hash(word);
            *mask = match memo.get(&key) {
                Some(&m) => m,
                None => {
                    let m = model.unknown_mask(word, word_threshold, &mut st.scratch);
                    if memo.len() >= MEMO_LIMIT {
                        memo.clear();
                    }
                    memo.insert(key, m);
                    m
                }
            };
        }
        insertion_points(word, *mask, &mut st.points);
        st.pieces
            .push(pieces_of(w.clone(), word, has_zwnj, &st.points));
    }
    // 2. Spaces between two words: tables first (sure decisions are this line's
    //    evidence of ZWNJ typed as spaces), then the classifier.
    st.gaps.clear();
    st.gaps.push(None);
    let mut spaced_evidence = false;
    for k in 1..st.words.len() {
        if !is_single_space(line, st.words[k - 1].end, st.words[k].start) {
            st.gaps.push(None);
            continue;
        }
        let a = &st.pieces[k - 1];
        let prev = match &a.before_last {
            Some(r) => Some(&line[r.clone()]),
            None if k >= 2 && is_single_space(line, st.words[k - 2].end, st.words[k - 1].start) => {
                Some(&line[st.pieces[k - 2].last.clone()])
            }
            None => None,
        };
        let (a_piece, b_piece) = (&line[a.last.clone()], &line[st.pieces[k].first.clone()]);
        let key = pair_hash(a_piece, b_piece);
        let mut d = model.space_decision(prev, a_piece, b_piece, key, &mut st.scratch);
        if let SpaceDecision::Score(s) = &mut d {
            *s = match st.space_memo.get(&key) {
                Some(&v) => v,
                None => {
                    let v = model.space_score(a_piece, b_piece, &mut st.scratch);
                    if st.space_memo.len() >= MEMO_LIMIT {
                        st.space_memo.clear();
                    }
                    st.space_memo.insert(key, v);
                    v
                }
            };
        }
        spaced_evidence |= match d {
            SpaceDecision::Fixed { sure, .. } => sure,
            SpaceDecision::Counts { joined, spaced } => joined >= 3 && joined > 3 * spaced,
            _ => false,
        };
        st.gaps.push(Some(d));
    }
    let (space_threshold, pair_ratio) = if spaced_evidence {
        (t.space, t.pair_ratio)
    } else {
        (t.space_strict, t.pair_ratio_strict)
    };
    // 3. The edits, in order.
    let _ = text;
    for (k, w) in st.words.iter().enumerate() {
        let gap = match st.gaps[k] {
            Some(SpaceDecision::Fixed { gap, .. }) => gap,
            Some(SpaceDecision::Counts { joined, spaced })
                if joined as f32 * pair_ratio > spaced as f32 =>
            {
                Gap::Zwnj
            }
            Some(SpaceDecision::Likely(gap)) if spaced_evidence => gap,
            Some(SpaceDecision::Score(s)) if s > space_threshold => Gap::Zwnj,
            _ => Gap::Space,
        };
        let sep = base + st.words[k.saturating_sub(1)].end..base + w.start;
        match gap {
            Gap::Zwnj => rw.replace(sep, ZWNJ_STR, EditKind::SpaceToZwnj),
            Gap::None => rw.delete(sep, EditKind::SpaceRemoved),
            Gap::Space => {}
        }
        insertion_points(&line[w.clone()], st.masks[k], &mut st.points);
        for &p in &st.points {
            rw.insert(base + w.start + p, ZWNJ_STR, EditKind::ZwnjInserted);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_letter_runs_with_inner_zwnj() {
        let (mut v, mut z) = (Vec::new(), Vec::new());
        find_words("می‌شود، 12 abc حمله‌\u{200c}ها", &mut v, &mut z);
        assert_eq!(z, vec![true, true]);
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
