//! The JSON Lines records the surfaces write for cleaning and segmentation, in one
//! place so that `dabir normalize --format json`, `dabir tokenize --format json` and
//! the server's `/v1/normalize` and `/v1/tokenize` answer byte for byte the same.
//!
//! - A *cleaned line* ([`CleanedLine`]): `{"line":N,"offset":BYTE,"text":"…",
//!   "edits":[{"kind":"letter","input":[s,e],"output":[s,e],"before":"ي","after":"ی"}]}`,
//!   plus `"dropped":true` for a residue line, `"eol"` when the line does not end with
//!   `\n` (`"\r\n"`, `""` at the end of the input, `" "` for a piece of a cut long
//!   line) and `"continues":true` on every piece of a cut line but its last. Edit spans
//!   are byte ranges in the input line and in `text`.
//! - A *sentence* ([`write_sentences`]): `{"text":"…","span":[s,e],"tokens":[{"form":
//!   "…","span":[s,e],"kind":"word","words":["…"],"space_after":true}]}`, spans in
//!   bytes of the whole input.
//!
//! ```
//! use dabir::clean::Cleaner;
//! use dabir::formats::jsonl::CleanedLine;
//! let cleaned = Cleaner::standard().clean("كتاب");
//! let mut out = Vec::new();
//! CleanedLine::new(1, 0, "كتاب", &cleaned).write(&mut out);
//! let line = String::from_utf8(out).unwrap();
//! assert!(line.starts_with(r#"{"line":1,"offset":0,"text":"کتاب","edits":[{"kind":"#));
//! assert!(line.ends_with("}\n"));
//! ```

use crate::clean::{Cleaned, EditKind};
use crate::segment::Segmented;
use crate::Span;
use serde::Serialize;

/// One input line after cleaning, as a JSON record.
#[derive(Debug, Serialize)]
pub struct CleanedLine<'a> {
    line: u64,
    offset: u64,
    text: &'a str,
    #[serde(skip_serializing_if = "is_false")]
    dropped: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    eol: Option<String>,
    #[serde(skip_serializing_if = "is_false")]
    continues: bool,
    edits: Vec<EditRecord<'a>>,
}

#[derive(Debug, Serialize)]
struct EditRecord<'a> {
    kind: EditKind,
    input: [usize; 2],
    output: [usize; 2],
    before: &'a str,
    after: &'a str,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl<'a> CleanedLine<'a> {
    /// Line `number` (from 1) at byte `offset` of the input, whose text was `input`,
    /// cleaned into `cleaned`; it ends with `\n`, is whole and was kept.
    pub fn new(number: u64, offset: u64, input: &'a str, cleaned: &'a Cleaned) -> Self {
        CleanedLine {
            line: number,
            offset,
            text: &cleaned.text,
            dropped: false,
            eol: None,
            continues: false,
            edits: cleaned
                .edits
                .iter()
                .map(|e| EditRecord {
                    kind: e.kind,
                    input: [e.input.start, e.input.end],
                    output: [e.output.start, e.output.end],
                    before: input.get(e.input.clone()).unwrap_or(""),
                    after: cleaned.text.get(e.output.clone()).unwrap_or(""),
                })
                .collect(),
        }
    }

    /// Marks the line as dropped page residue: its text is written as empty.
    pub fn dropped(mut self, dropped: bool) -> Self {
        self.dropped = dropped;
        if dropped {
            self.text = "";
        }
        self
    }

    /// The line's terminator, when it is not `\n`.
    pub fn terminator(mut self, terminator: &[u8]) -> Self {
        self.eol = (terminator != b"\n").then(|| String::from_utf8_lossy(terminator).into_owned());
        self
    }

    /// Marks a piece of a cut long line that more pieces follow.
    pub fn continues(mut self, continues: bool) -> Self {
        self.continues = continues;
        self
    }

    /// Appends the record and a newline to `out`.
    pub fn write(&self, out: &mut Vec<u8>) {
        // Plain strings and numbers into a Vec: serializing cannot fail.
        if serde_json::to_writer(&mut *out, self).is_ok() {
            out.push(b'\n');
        }
    }
}

/// Appends one record per sentence of `seg` to `out`; `seg` segmented `text`, which
/// starts at byte `base` of the whole input (spans are offsets in the whole input).
pub fn write_sentences(text: &str, base: usize, seg: &Segmented, out: &mut Vec<u8>) {
    let piece = |span: Span| text.get(span.range()).unwrap_or("");
    for s in &seg.sentences {
        let tokens: Vec<serde_json::Value> = seg
            .tokens
            .get(s.tokens.clone())
            .unwrap_or_default()
            .iter()
            .map(|t| {
                let words: Vec<&str> = seg.words_of(t).iter().map(|w| piece(w.span)).collect();
                serde_json::json!({
                    "form": piece(t.span),
                    "span": [base + t.span.start, base + t.span.end],
                    "kind": t.kind,
                    "words": words,
                    "space_after": t.space_after,
                })
            })
            .collect();
        let v = serde_json::json!({
            "text": piece(s.span),
            "span": [base + s.span.start, base + s.span.end],
            "tokens": tokens,
        });
        if serde_json::to_writer(&mut *out, &v).is_ok() {
            out.push(b'\n');
        }
    }
}
