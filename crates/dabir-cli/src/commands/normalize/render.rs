//! The three output formats of `dabir normalize`, one cleaned line at a time.
//!
//! - `text`: the cleaned line and its original terminator; a dropped residue line
//!   writes nothing, not even its line break.
//! - `json`: one object per input line (dropped lines included, so line *i* of the
//!   input is object *i*):
//!   `{"line":N,"offset":BYTE,"text":"…","edits":[{"kind":"letter","input":[s,e],
//!   "output":[s,e],"before":"ي","after":"ی"}]}`, plus `"dropped":true` for a residue
//!   line, `"eol"` when the line does not end with `\n` (`"\r\n"`, `""` at the end of
//!   the input, `" "` for a piece of a cut long line), and `"continues":true` on every
//!   piece of a cut line but its last. `offset` is the byte offset of the line in the
//!   input; edit spans are byte ranges in the input line and in `text`.
//! - `diff`: for people: every changed or dropped line, before and after, then one
//!   row per edit with what changed and why ([`EditKind::explain`]). Invisible
//!   characters are shown by name (‹ZWNJ›, ‹U+200F›), a space as ␣.

use super::chunks::RawLine;
use dabir::clean::{Cleaned, EditKind};
use dabir::formats::jsonl::CleanedLine;
use std::fmt::Write as _;

/// The output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The cleaned text, line for line.
    Text,
    /// One JSON object per input line with the cleaned text and its edits.
    Json,
    /// A human-readable report of every changed line and each edit with its reason.
    Diff,
}

/// Per-line outcome counts, summed over the whole input.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    /// Lines (pieces of cut lines count once each).
    pub lines: u64,
    /// Lines whose text changed.
    pub changed: u64,
    /// Residue lines dropped.
    pub dropped: u64,
    /// Edits.
    pub edits: u64,
}

impl Stats {
    /// Adds `other` to these counts.
    pub fn add(&mut self, other: &Stats) {
        self.lines += other.lines;
        self.changed += other.changed;
        self.dropped += other.dropped;
        self.edits += other.edits;
    }
}

/// Writes one cleaned line in `format` to `out`.
pub fn line(
    format: Format,
    raw: &RawLine<'_>,
    input: &str,
    cleaned: &Cleaned,
    dropped: bool,
    out: &mut Vec<u8>,
) {
    match format {
        Format::Text => {
            if !dropped {
                out.extend_from_slice(cleaned.text.as_bytes());
                out.extend_from_slice(raw.terminator);
            }
        }
        Format::Json => json(raw, input, cleaned, dropped, out),
        Format::Diff => diff(raw, input, cleaned, dropped, out),
    }
}

fn json(raw: &RawLine<'_>, input: &str, cleaned: &Cleaned, dropped: bool, out: &mut Vec<u8>) {
    CleanedLine::new(raw.number, raw.offset, input, cleaned)
        .dropped(dropped)
        .terminator(raw.terminator)
        .continues(raw.continues)
        .write(out);
}

fn diff(raw: &RawLine<'_>, input: &str, cleaned: &Cleaned, dropped: bool, out: &mut Vec<u8>) {
    if !dropped && cleaned.edits.is_empty() {
        return;
    }
    let mut s = String::new();
    let part = if raw.is_piece {
        " (piece of a long line)"
    } else {
        ""
    };
    let what = if dropped { ", dropped" } else { "" };
    let _ = writeln!(s, "@@ line {}, byte {}{part}{what}", raw.number, raw.offset);
    let _ = writeln!(s, "- {input}");
    if !dropped {
        let _ = writeln!(s, "+ {}", cleaned.text);
    }
    for e in &cleaned.edits {
        let before = input.get(e.input.clone()).unwrap_or("");
        let after = cleaned.text.get(e.output.clone()).unwrap_or("");
        let _ = writeln!(
            s,
            "    {:<18} «{}» → «{}»  [{}..{} → {}..{}]  {}",
            kind_name(e.kind),
            visible(before),
            visible(after),
            e.input.start,
            e.input.end,
            e.output.start,
            e.output.end,
            e.kind.explain()
        );
    }
    s.push('\n');
    out.extend_from_slice(s.as_bytes());
}

/// The snake_case name of an edit kind, as in the JSON output.
fn kind_name(kind: EditKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| format!("{kind:?}"))
}

/// `s` with invisible characters named, so an edit of a ZWNJ or a bidi mark can be
/// seen in a terminal.
pub fn visible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            ' ' => out.push('␣'),
            '\u{200C}' => out.push_str("‹ZWNJ›"),
            '\u{200D}' => out.push_str("‹ZWJ›"),
            '\t' => out.push_str("‹TAB›"),
            '\u{A0}' => out.push_str("‹NBSP›"),
            c if c.is_control()
                || c.is_whitespace()
                || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
                    | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{061C}' | '\u{00AD}') =>
            {
                let _ = write!(out, "‹U+{:04X}›", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// Writes the closing summary of the `diff` format.
pub fn diff_summary(stats: &Stats, out: &mut impl std::io::Write) -> std::io::Result<()> {
    writeln!(
        out,
        "# {} of {} lines changed, {} dropped as page residue, {} edits",
        stats.changed, stats.lines, stats.dropped, stats.edits
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_are_named() {
        assert_eq!(visible("a b\u{200C}c\u{200F}"), "a␣b‹ZWNJ›c‹U+200F›");
    }

    #[test]
    fn kinds_are_named_as_in_json() {
        assert_eq!(kind_name(EditKind::ZwnjInserted), "zwnj_inserted");
    }
}
