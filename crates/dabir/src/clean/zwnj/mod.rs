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

pub use model::{Gap, Scratch, SpaceDecision, Thresholds, ZwnjModel};

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

/// The pieces of a word that face its neighbours: the first piece, the last piece,
/// and the piece before the last (if the word has two or more). Pieces are separated
/// by the ZWNJ already in the word or by the ones its mask restores.
#[derive(Debug, Clone)]
struct Pieces {
    first: Range<usize>,
    last: Range<usize>,
    before_last: Option<Range<usize>>,
}

fn pieces_of(range: Range<usize>, word: &str, points: &[usize]) -> Pieces {
    let mut cuts: Vec<(usize, usize)> = Vec::new(); // (end of piece, start of next), relative
    if points.is_empty() {
        for (i, _) in word.match_indices(ZWNJ) {
            cuts.push((i, i + ZWNJ.len_utf8()));
        }
    } else {
        cuts.extend(points.iter().map(|&p| (p, p)));
    }
    let s = range.start;
    match cuts.len() {
        0 => Pieces {
            first: range.clone(),
            last: range,
            before_last: None,
        },
        n => {
            let first = s..s + cuts[0].0;
            let last = s + cuts[n - 1].1..range.end;
            let bl_start = if n >= 2 { s + cuts[n - 2].1 } else { s };
            Pieces {
                first,
                last,
                before_last: Some(bl_start..s + cuts[n - 1].0),
            }
        }
    }
}

/// Per-thread buffers of the step.
#[derive(Debug, Default)]
struct State {
    scratch: Scratch,
    words: Vec<Range<usize>>,
    masks: Vec<u64>,
    pieces: Vec<Pieces>,
    gaps: Vec<Option<SpaceDecision>>,
    points: Vec<usize>,
}

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
    find_words(line, &mut st.words);
    if st.words.is_empty() {
        return;
    }
    let t = model.thresholds();
    // 1. Words: known ones by lookup (their ZWNJ deletions are this line's evidence),
    //    then unknown ones by the classifier.
    st.masks.clear();
    let mut deleted_evidence = false;
    const UNKNOWN: u64 = u64::MAX;
    for w in &st.words {
        let word = &line[w.clone()];
        let mask = if word.contains(ZWNJ) {
            0
        } else if let Some(e) = model.lookup(word) {
            deleted_evidence |= e.mask != 0 && e.count >= 3;
            e.mask
        } else {
            UNKNOWN
        };
        st.masks.push(mask);
    }
    let word_threshold = if deleted_evidence {
        t.word
    } else {
        t.word_strict
    };
    st.pieces.clear();
    for (w, mask) in st.words.iter().zip(st.masks.iter_mut()) {
        let word = &line[w.clone()];
        if *mask == UNKNOWN {
            *mask = model.unknown_mask(word, word_threshold, &mut st.scratch);
        }
        insertion_points(word, *mask, &mut st.points);
        st.pieces.push(pieces_of(w.clone(), word, &st.points));
    }
    // 2. Spaces between two words: tables first (sure decisions are this line's
    //    evidence of ZWNJ typed as spaces), then the classifier.
    st.gaps.clear();
    st.gaps.push(None);
    let mut spaced_evidence = false;
    for k in 1..st.words.len() {
        let sep = &line[st.words[k - 1].end..st.words[k].start];
        if sep != " " {
            st.gaps.push(None);
            continue;
        }
        let a = &st.pieces[k - 1];
        let prev = match &a.before_last {
            Some(r) => Some(&line[r.clone()]),
            None if k >= 2 && &line[st.words[k - 2].end..st.words[k - 1].start] == " " => {
                Some(&line[st.pieces[k - 2].last.clone()])
            }
            None => None,
        };
        let (a_piece, b_piece) = (&line[a.last.clone()], &line[st.pieces[k].first.clone()]);
        let d = model.space_decision(prev, a_piece, b_piece, &mut st.scratch);
        spaced_evidence |= match d {
            SpaceDecision::Fixed { sure, .. } => sure,
            SpaceDecision::Counts { joined, spaced } => joined >= 3 && joined > 3 * spaced,
            _ => false,
        } || model.shows_typed_space(a_piece, b_piece);
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
