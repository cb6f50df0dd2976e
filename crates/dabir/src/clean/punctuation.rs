//! Cleaning step `punctuation`: Persian marks, guillemets, ellipsis, repeated marks.
//!
//! | option | change | kind |
//! |---|---|---|
//! | [`CleanOptions::persian_punctuation`] | `,` `;` `?` → `،` `؛` `؟` in Persian context | [`EditKind::Punctuation`] |
//! | [`CleanOptions::persian_quotes`] | `"…"` around Persian text → `«…»` | [`EditKind::Quote`] |
//! | [`CleanOptions::ellipsis`] | three or more dots → `…` | [`EditKind::Punctuation`] |
//! | [`CleanOptions::collapse_repeated_punctuation`] | `!!!` → `!`, `؟؟` → `؟` (also `,` `،` `;` `؛` `?`) | [`EditKind::Punctuation`] |
//!
//! **Persian context** for `,` `;` `?`: the nearest letter before the mark on its line is
//! Persian ("سلام, John"), or there is none before and the nearest after is Persian, or
//! (for `,` and `;` only) a Latin word precedes and Persian follows ("IT, صنعت": a
//! Persian list with a Latin item). A `?` after a Latin word ends a Latin question and
//! stays. Never between two digits ("1,5") and never inside a URL, email or code token
//! ("page?id=2").
//!
//! **Quotes**: only in a line whose straight quotes pair up cleanly — an even number,
//! alternately an opener (not after a letter or digit, not before a space) and a closer
//! (not after a space, not before a letter or digit). A pair becomes « » when its content
//! holds a Persian letter. A line with an odd or tangled set of quotes is left as written:
//! guessing there turns correct text into wrong text.
//!
//! **Ellipsis**: a run of three or more `.` becomes `…`, except inside a URL or code
//! token; two dots are left alone. `:` is never collapsed (`std::vec`, `a::b`).
//!
//! ```
//! use dabir::clean::{Cleaner, CleanOptions};
//! let mut opts = CleanOptions::default();
//! opts.ellipsis = true;
//! opts.collapse_repeated_punctuation = true;
//! let c = Cleaner::new(opts);
//! assert_eq!(c.clean("او گفت \"سلام\", چرا?? و...").text, "او گفت «سلام»، چرا؟ و…");
//! ```

use super::scan::{char_at, char_before, Letters, Scanner, Script, Tokens};
use super::{CleanOptions, Context, EditKind, Rewriter};
use crate::script::{is_arabic_letter, is_digit};

/// Stops at the ASCII marks this step handles and at ، ؛ ؟ (every option on).
pub(super) static SCANNER_ALL: Scanner = Scanner::new(
    b",;?\".!",
    &[],
    &[(0x60C, 0x60C), (0x61B, 0x61B), (0x61F, 0x61F)],
)
.profiled(8);

/// The default options (no ellipsis, no collapsing): `, ; ? "` only — a sentence's full
/// stop is not looked at.
pub(super) static SCANNER_MARKS: Scanner = Scanner::new(b",;?\"", &[], &[]).profiled(16);

/// The Persian form of a Latin mark.
fn persian_form(c: char) -> Option<char> {
    match c {
        ',' => Some('،'),
        ';' => Some('؛'),
        '?' => Some('؟'),
        _ => None,
    }
}

/// Marks whose runs [`CleanOptions::collapse_repeated_punctuation`] collapses.
fn collapsible(c: char) -> bool {
    matches!(c, '!' | '?' | '؟' | ',' | '،' | ';' | '؛')
}

/// Per-call state: context caches and the quote plan of the current line.
struct State<'a> {
    input: &'a str,
    opts: &'a CleanOptions,
    letters: Letters,
    tokens: Tokens,
    /// Quote conversions of the line ending at `quote_line_end`, in order.
    quotes: Vec<(usize, &'static str)>,
    quote_next: usize,
    quote_line_end: usize,
    quote_planned: bool,
}

impl State<'_> {
    /// What the mark `c` at `i` is written as.
    fn mapped(&mut self, i: usize, c: char) -> char {
        let Some(p) = persian_form(c) else { return c };
        if !self.opts.persian_punctuation {
            return c;
        }
        let prev = char_before(self.input, i).map(|(_, d)| d);
        let next = char_at(self.input, i + 1);
        if prev.is_some_and(is_digit) && next.is_some_and(is_digit) {
            return c;
        }
        if self.tokens.is_code(self.input, i) {
            return c;
        }
        let left = self.letters.left(self.input, i);
        let right = self.letters.right(self.input, i + 1);
        let persian = match (left, right) {
            (Some(Script::Arabic), _) => true,
            (None, Some(Script::Arabic)) => true,
            (Some(Script::Other), Some(Script::Arabic)) => c != '?',
            _ => false,
        };
        if persian {
            p
        } else {
            c
        }
    }

    /// Plans the quote conversions of the line holding byte `i`.
    fn plan_quotes(&mut self, i: usize) {
        let input = self.input;
        let line_start = input
            .get(..i)
            .and_then(|s| s.rfind('\n'))
            .map_or(0, |p| p + 1);
        let line_end = input
            .get(i..)
            .and_then(|s| s.find('\n'))
            .map_or(input.len(), |p| i + p);
        self.quotes.clear();
        self.quote_next = 0;
        self.quote_line_end = line_end;
        self.quote_planned = true;
        let line = input.get(line_start..line_end).unwrap_or("");
        let alnum = |c: Option<char>| {
            c.is_some_and(|c| c.is_alphanumeric() || crate::script::is_arabic_mark(c))
        };
        let space = |c: Option<char>| c.is_some_and(char::is_whitespace);
        let mut open: Option<usize> = None;
        let mut pairs = 0;
        for (k, _) in line.match_indices('"') {
            let at = line_start + k;
            let prev = char_before(input, at)
                .map(|(_, c)| c)
                .filter(|&c| c != '\n');
            let next = char_at(input, at + 1).filter(|&c| c != '\n');
            match open {
                None => {
                    if alnum(prev) || next.is_none() || space(next) {
                        self.quotes.clear();
                        return;
                    }
                    open = Some(at);
                }
                Some(o) => {
                    if prev.is_none() || space(prev) || alnum(next) {
                        self.quotes.clear();
                        return;
                    }
                    let content = input.get(o + 1..at).unwrap_or("");
                    if content.chars().any(is_arabic_letter) {
                        self.quotes.push((o, "«"));
                        self.quotes.push((at, "»"));
                    }
                    open = None;
                    pairs += 1;
                }
            }
        }
        if open.is_some() || pairs == 0 {
            self.quotes.clear();
        }
    }

    /// The replacement of the quote at `i`, if any.
    fn quote_at(&mut self, i: usize) -> Option<&'static str> {
        if !self.quote_planned || i >= self.quote_line_end {
            self.plan_quotes(i);
        }
        while let Some(&(at, with)) = self.quotes.get(self.quote_next) {
            if at > i {
                return None;
            }
            self.quote_next += 1;
            if at == i {
                return Some(with);
            }
        }
        None
    }
}

/// Records this step's changes to `rw`'s input.
pub fn apply(rw: &mut Rewriter<'_>, opts: &CleanOptions, _ctx: &Context) {
    if !(opts.persian_punctuation
        || opts.persian_quotes
        || opts.ellipsis
        || opts.collapse_repeated_punctuation)
    {
        return;
    }
    let input = rw.input();
    let bytes = input.as_bytes();
    let mut st = State {
        input,
        opts,
        letters: Letters::default(),
        tokens: Tokens::default(),
        quotes: Vec::new(),
        quote_next: 0,
        quote_line_end: 0,
        quote_planned: false,
    };
    let scanner = if opts.ellipsis || opts.collapse_repeated_punctuation {
        &SCANNER_ALL
    } else {
        &SCANNER_MARKS
    };
    let mut buf = [0u8; 4];
    let mut i = 0;
    loop {
        i = rw.find(scanner, i);
        let Some(c) = char_at(input, i) else { break };
        let len = c.len_utf8();
        match c {
            '"' => {
                if opts.persian_quotes {
                    if let Some(with) = st.quote_at(i) {
                        rw.replace(i..i + 1, with, EditKind::Quote);
                    }
                }
                i += 1;
            }
            '.' => {
                let run = bytes
                    .get(i..)
                    .unwrap_or(&[])
                    .iter()
                    .take_while(|&&b| b == b'.')
                    .count();
                if opts.ellipsis && run >= 3 && !st.tokens.is_code(input, i) {
                    rw.replace(i..i + run, "…", EditKind::Punctuation);
                }
                i += run.max(1);
            }
            _ => {
                let m = st.mapped(i, c);
                let mut end = i + len;
                if opts.collapse_repeated_punctuation
                    && collapsible(c)
                    && !st.tokens.is_code(input, i)
                {
                    while let Some(d) = char_at(input, end) {
                        if !collapsible(d) || st.mapped(end, d) != m {
                            break;
                        }
                        end += d.len_utf8();
                    }
                }
                if end > i + len || m != c {
                    rw.replace(i..end, m.encode_utf8(&mut buf), EditKind::Punctuation);
                }
                i = end;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::{Preset, StepEdit};

    fn run_with(input: &str, opts: &CleanOptions) -> (String, Vec<StepEdit>) {
        let mut rw = Rewriter::new(input);
        apply(
            &mut rw,
            opts,
            &Context {
                persian_document: true,
            },
        );
        rw.finish()
            .unwrap_or_else(|| (input.to_owned(), Vec::new()))
    }

    fn standard(input: &str) -> String {
        run_with(input, &CleanOptions::default()).0
    }

    #[test]
    fn latin_marks_in_persian_context() {
        let (out, edits) = run_with("سلام, خوبی? بله; John, Mary", &CleanOptions::default());
        assert_eq!(out, "سلام، خوبی؟ بله؛ John, Mary");
        assert_eq!(edits.len(), 3);
        assert_eq!(edits[0].kind, EditKind::Punctuation);
        assert_eq!(edits[0].input, 8..9);
        assert_eq!(edits[0].output, 8..10);
        // a Latin item in a Persian list
        assert_eq!(standard("همچون IT, صنعت"), "همچون IT، صنعت");
        // a Latin question stays a Latin question
        assert_eq!(standard("پرسید why? و رفت"), "پرسید why? و رفت");
        // between digits, in URLs
        assert_eq!(standard("عدد 1,5 و a.ir/?q=1,2"), "عدد 1,5 و a.ir/?q=1,2");
    }

    #[test]
    fn quotes_around_persian_text() {
        let (out, edits) = run_with(
            "او \"انسجام فکری\" و \"hello\" را گفت",
            &CleanOptions::default(),
        );
        assert_eq!(out, "او «انسجام فکری» و \"hello\" را گفت");
        assert!(edits.iter().all(|e| e.kind == EditKind::Quote));
        // odd or tangled quotes are left as they are
        for s in ["خانه.\" و \"بعد", "او \"گفت \"نه\" رفت\"", "عدد 5\" اینچ"]
        {
            assert_eq!(standard(s), s, "{s}");
        }
        // quotes on different lines do not pair
        assert_eq!(standard("الف \"ب\nج\" د"), "الف \"ب\nج\" د");
    }

    #[test]
    fn ellipsis_and_repeats_by_option() {
        let s = "واقعاً!!! چرا؟؟ و... یا .. نه";
        assert_eq!(standard(s), s);
        let opts = CleanOptions {
            ellipsis: true,
            collapse_repeated_punctuation: true,
            ..CleanOptions::default()
        };
        let (out, edits) = run_with(s, &opts);
        assert_eq!(out, "واقعاً! چرا؟ و… یا .. نه");
        assert_eq!(edits.len(), 3);
        assert_eq!(run_with("چرا??", &opts).0, "چرا؟");
        assert_eq!(run_with("std::vec a...b", &opts).0, "std::vec a…b");
        assert_eq!(
            run_with("see http://x.ir/a...b", &opts).0,
            "see http://x.ir/a...b"
        );
    }

    #[test]
    fn conservative_changes_nothing() {
        let s = "سلام, \"دنیا\"?";
        assert!(run_with(s, &CleanOptions::preset(Preset::Conservative))
            .1
            .is_empty());
    }
}
