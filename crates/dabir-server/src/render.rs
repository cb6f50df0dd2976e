//! The JSON the CLI writes, produced for a text held in memory.
//!
//! `dabir normalize --format json` writes one object per input line and
//! `dabir tokenize --format json` one per sentence; these functions write the same
//! records ([`dabir::formats::jsonl`]) as JSON Lines (a test in `dabir-cli` runs both
//! on the same input and compares). The handlers wrap them in `{"lines": […]}` and
//! `{"sentences": […]}`, or send them as they are for `Accept: application/x-ndjson`.
//!
//! The CLI cuts lines longer than its 4 MB chunks into pieces; a request body is far
//! below that (see [`crate::Config::max_body_bytes`]), so here a line is always whole.

use dabir::clean::{CleanOptions, Cleaner, Context};
use dabir::formats::jsonl::{write_sentences, CleanedLine};
use dabir::segment::{LineMode, Segmented, Segmenter};

/// How much of the text decides whether it is a Persian document, as in the CLI.
const SNIFF_BYTES: usize = 64 << 10;

/// A line of the input: its text without the terminator, the terminator, and the byte
/// offset of the line.
struct Line<'a> {
    content: &'a str,
    terminator: &'a str,
    offset: usize,
}

/// The lines of `text` with their terminators (`\n`, `\r\n`, or nothing at the end).
fn lines(text: &str) -> impl Iterator<Item = Line<'_>> {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |with_nl| {
        let content = with_nl
            .strip_suffix("\r\n")
            .or_else(|| with_nl.strip_suffix('\n'))
            .unwrap_or(with_nl);
        let line = Line {
            content,
            terminator: &with_nl[content.len()..],
            offset,
        };
        offset += with_nl.len();
        line
    })
}

/// `dabir normalize --format json` of `text`: one JSON object per line, each followed
/// by a newline.
pub fn normalize_jsonl(text: &str, options: CleanOptions) -> Vec<u8> {
    let mut sample_end = text.len().min(SNIFF_BYTES);
    while !text.is_char_boundary(sample_end) {
        sample_end -= 1;
    }
    let ctx = Context::of(&text[..sample_end]);
    let cleaner = Cleaner::new(options);
    let mut out = Vec::with_capacity(text.len() * 2 + 64);
    for (index, line) in lines(text).enumerate() {
        let cleaned = cleaner.clean_with(line.content, &ctx);
        CleanedLine::new(index as u64 + 1, line.offset as u64, line.content, &cleaned)
            .dropped(cleaned.is_residue_line())
            .terminator(line.terminator.as_bytes())
            .write(&mut out);
    }
    out
}

/// The settings of a tokenize run.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokenizeSettings {
    /// Every line is one sentence.
    pub one_sentence_per_line: bool,
    /// Keep clitics attached.
    pub no_clitics: bool,
    /// Clean first (standard preset), segment the cleaned text.
    pub clean: bool,
}

/// `dabir tokenize --format json` of `text`: one JSON object per sentence, each
/// followed by a newline. Spans are byte offsets in `text`.
pub fn tokenize_jsonl(text: &str, settings: TokenizeSettings) -> Vec<u8> {
    let mode = if settings.one_sentence_per_line {
        LineMode::OneSentencePerLine
    } else {
        LineMode::Paragraph
    };
    let seg = Segmenter::new()
        .line_mode(mode)
        .clitics(!settings.no_clitics);
    let cleaner = Cleaner::standard();
    let mut out = Vec::with_capacity(text.len() * 8 + 64);
    let mut result = Segmented::default();
    let mut base = 0;
    // Line breaks always end a sentence: each line is segmented on its own, with its
    // line break, as the CLI does.
    for line in text.split_inclusive('\n') {
        if settings.clean {
            result = seg.segment_cleaned(line, &cleaner.clean(line));
        } else {
            seg.segment_into(line, &mut result);
        }
        write_sentences(line, base, &result, &mut out);
        base += line.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_keep_their_terminators_and_offsets() {
        let got: Vec<(&str, &str, usize)> = lines("a\r\nbb\n\nccc")
            .map(|l| (l.content, l.terminator, l.offset))
            .collect();
        assert_eq!(
            got,
            [
                ("a", "\r\n", 0),
                ("bb", "\n", 3),
                ("", "\n", 6),
                ("ccc", "", 7)
            ]
        );
        assert_eq!(lines("").count(), 0);
    }

    #[test]
    fn normalize_writes_one_object_per_line() {
        let out = normalize_jsonl("كتاب\nخوب", CleanOptions::default());
        let text = String::from_utf8(out).unwrap();
        let objects: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(objects.len(), 2);
        assert_eq!(objects[0]["text"], "کتاب");
        assert_eq!(objects[0]["edits"][0]["before"], "ك");
        assert_eq!(objects[1]["eol"], "");
    }
}
