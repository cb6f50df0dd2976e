//! The input of `dabir analyze`: batches of whole lines, and the document text each
//! line (or the whole input) holds.
//!
//! Unlike `dabir normalize`, which may cut a huge line into pieces, a line here is a
//! document (or a JSON record) and is never cut: a batch holds whole lines, about
//! `batch_bytes` of them, so memory stays flat over any number of lines and grows only
//! with the longest line. A line longer than the document limit (`--max-document`) is
//! not read further: it ends the input with [`Line::too_long`] set, and the run stops
//! there with an error, instead of reading a 1 GB line whole and analysing it in some
//! hundred GB.

use std::borrow::Cow;
use std::io::{self, BufRead, Read};
use thiserror::Error;

/// Default batch size: a few thousand lines, enough to keep every worker busy. Small
/// because the output is large: a JSON Document is about 40 times the bytes of its text,
/// and about six batches are in flight (read, analysed, written): with 256 KB batches a
/// run peaks near 100 MB, models included, whatever the input size (measured: 4 MB and
/// 20 MB of PerDT text per line, JSON out).
pub const BATCH_BYTES: usize = 256 << 10;

/// One line of a batch.
#[derive(Debug, Clone, Copy)]
pub struct Line {
    /// Byte range of the line in [`Batch::data`], terminator (`\n` or `\r\n`) excluded.
    pub start: usize,
    /// End of the content.
    pub end: usize,
    /// 1-based line number in the input.
    pub number: u64,
    /// Byte offset of the line in the whole input.
    pub offset: u64,
    /// The line is longer than the reader's line limit: only its start was read, and
    /// it is the last line of the input handed out.
    pub too_long: bool,
}

/// Whole lines of raw input.
#[derive(Debug, Default)]
pub struct Batch {
    /// The raw bytes, terminators included.
    pub data: Vec<u8>,
    /// The lines in order.
    pub lines: Vec<Line>,
}

impl Batch {
    /// The content of a line.
    pub fn content(&self, line: &Line) -> &[u8] {
        self.data.get(line.start..line.end).unwrap_or(&[])
    }
}

/// Reads an input into [`Batch`]es of whole lines.
pub struct BatchReader<R> {
    src: R,
    batch_bytes: usize,
    /// Hand out what has been read as soon as the source has nothing buffered (a pipe
    /// or a terminal: keeps `tail -f | dabir analyze --per-line` live).
    live: bool,
    /// The longest line read, terminator excluded.
    max_line: usize,
    /// A line was too long: nothing more is read.
    stopped: bool,
    number: u64,
    offset: u64,
}

impl<R: BufRead> BatchReader<R> {
    /// A reader of batches of about `batch_bytes`, of lines up to `max_line` bytes.
    pub fn new(src: R, batch_bytes: usize, live: bool, max_line: usize) -> Self {
        BatchReader {
            src,
            batch_bytes: batch_bytes.max(1),
            live,
            max_line,
            stopped: false,
            number: 1,
            offset: 0,
        }
    }

    /// The next batch, or `None` at the end of the input.
    pub fn next_batch(&mut self) -> io::Result<Option<Batch>> {
        let mut batch = Batch::default();
        // room for the longest line and its terminator, and one byte more to see it is longer
        let cap = (self.max_line as u64).saturating_add(3);
        while !self.stopped && batch.data.len() < self.batch_bytes {
            let start = batch.data.len();
            let n = loop {
                match (&mut self.src).take(cap).read_until(b'\n', &mut batch.data) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e),
                }
            };
            if n == 0 {
                break;
            }
            let mut end = batch.data.len();
            if batch.data.get(end - 1) == Some(&b'\n') {
                end -= 1;
                if end > start && batch.data.get(end - 1) == Some(&b'\r') {
                    end -= 1;
                }
            }
            let too_long = end - start > self.max_line;
            self.stopped = too_long;
            batch.lines.push(Line {
                start,
                end,
                number: self.number,
                offset: self.offset,
                too_long,
            });
            self.number += 1;
            self.offset += n as u64;
            if self.live && self.src.fill_buf().map_or(true, |b| b.is_empty()) {
                // a live source with nothing buffered would block: this is enough
                break;
            }
        }
        Ok((!batch.lines.is_empty()).then_some(batch))
    }
}

impl<R: BufRead> Iterator for BatchReader<R> {
    type Item = io::Result<Batch>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_batch().transpose()
    }
}

/// Why a record gives no document.
#[derive(Debug, Error)]
pub enum RecordError {
    /// Not UTF-8 (and not `--lossy`).
    #[error("invalid UTF-8 at byte offset {offset} (line {line}); --lossy replaces invalid bytes with U+FFFD")]
    Utf8 {
        /// Byte offset of the first bad byte in the whole input.
        offset: u64,
        /// Its 1-based line.
        line: u64,
    },
    /// A JSON Lines record that is not JSON.
    #[error("line {line}: invalid JSON: {reason}")]
    Json {
        /// 1-based line.
        line: u64,
        /// serde_json's message (with the column).
        reason: String,
    },
    /// A JSON Lines record without the text field.
    #[error("line {line}: no field {field:?} in the record (its fields: {fields})")]
    MissingField {
        /// 1-based line.
        line: u64,
        /// The field asked for.
        field: String,
        /// The fields it has, comma-separated.
        fields: String,
    },
    /// The text field is not a string.
    #[error("line {line}: field {field:?} is {found}, not a string")]
    NotText {
        /// 1-based line.
        line: u64,
        /// The field asked for.
        field: String,
        /// What it is (null, a number…).
        found: &'static str,
    },
}

/// How a line becomes the text of a document.
#[derive(Debug, Clone)]
pub enum Extract {
    /// The line is the text.
    Text,
    /// The line is a JSON object; the text is this field (a top-level key, or a JSON
    /// pointer when it starts with `/`).
    Json {
        /// The field.
        field: String,
    },
}

/// The document text of a line; `None` for a blank line of JSON Lines (skipped).
/// Invalid UTF-8 is an error, or with `lossy` becomes U+FFFD with a warning per
/// sequence.
pub fn extract<'a>(
    raw: &'a [u8],
    line: &Line,
    how: &Extract,
    lossy: bool,
    warnings: &mut Vec<String>,
) -> Result<Option<Cow<'a, str>>, RecordError> {
    let text = decode(raw, line.offset, line.number, lossy, warnings)?;
    match how {
        Extract::Text => Ok(Some(text)),
        Extract::Json { field } => {
            if text.trim().is_empty() {
                return Ok(None);
            }
            let value: serde_json::Value =
                serde_json::from_str(&text).map_err(|e| RecordError::Json {
                    line: line.number,
                    reason: e.to_string(),
                })?;
            let found = if field.starts_with('/') {
                value.pointer(field)
            } else {
                value.get(field)
            };
            match found {
                Some(serde_json::Value::String(s)) => Ok(Some(Cow::Owned(s.clone()))),
                Some(other) => Err(RecordError::NotText {
                    line: line.number,
                    field: field.clone(),
                    found: json_kind(other),
                }),
                None => Err(RecordError::MissingField {
                    line: line.number,
                    field: field.clone(),
                    fields: match &value {
                        serde_json::Value::Object(map) => {
                            let keys: Vec<&str> = map.keys().map(String::as_str).collect();
                            if keys.is_empty() {
                                "none".to_owned()
                            } else {
                                keys.join(", ")
                            }
                        }
                        other => format!("none, the line is {}", json_kind(other)),
                    },
                }),
            }
        }
    }
}

fn json_kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// Bytes as text: borrowed when valid; with `lossy`, each invalid sequence becomes
/// U+FFFD and is reported with its byte offset in the whole input.
pub fn decode<'a>(
    raw: &'a [u8],
    offset: u64,
    line: u64,
    lossy: bool,
    warnings: &mut Vec<String>,
) -> Result<Cow<'a, str>, RecordError> {
    match std::str::from_utf8(raw) {
        Ok(s) => Ok(Cow::Borrowed(s)),
        Err(e) if !lossy => {
            let at = e.valid_up_to();
            let extra = raw
                .get(..at)
                .map_or(0, |b| memchr::memchr_iter(b'\n', b).count());
            Err(RecordError::Utf8 {
                offset: offset + at as u64,
                line: line + extra as u64,
            })
        }
        Err(_) => {
            let mut text = String::with_capacity(raw.len() + 8);
            let mut at = 0usize;
            let mut line = line;
            for part in raw.utf8_chunks() {
                text.push_str(part.valid());
                line += memchr::memchr_iter(b'\n', part.valid().as_bytes()).count() as u64;
                at += part.valid().len();
                let bad = part.invalid();
                if !bad.is_empty() {
                    let hex: Vec<String> = bad.iter().map(|b| format!("{b:02X}")).collect();
                    warnings.push(format!(
                        "dabir: byte offset {} (line {line}): invalid UTF-8 [{}] replaced with U+FFFD",
                        offset + at as u64,
                        hex.join(" ")
                    ));
                    text.push('\u{FFFD}');
                    at += bad.len();
                }
            }
            Ok(Cow::Owned(text))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn batches(input: &[u8], size: usize) -> Vec<Batch> {
        BatchReader::new(input, size, false, usize::MAX)
            .collect::<io::Result<Vec<_>>>()
            .unwrap()
    }

    #[test]
    fn lines_are_whole_with_numbers_and_offsets() {
        let input = "الف\r\nبب\n\nپ".as_bytes();
        let bs = batches(input, 5);
        let lines: Vec<(&[u8], u64, u64)> = bs
            .iter()
            .flat_map(|b| {
                b.lines
                    .iter()
                    .map(move |l| (b.content(l), l.number, l.offset))
            })
            .collect();
        assert_eq!(
            lines,
            vec![
                ("الف".as_bytes(), 1, 0),
                ("بب".as_bytes(), 2, 8),
                (&b""[..], 3, 13),
                ("پ".as_bytes(), 4, 14),
            ]
        );
        assert!(bs.len() >= 2, "small batches");
    }

    #[test]
    fn a_line_longer_than_a_batch_stays_whole() {
        let long = "واژه ".repeat(100);
        let input = format!("{long}\nx\n");
        let bs = batches(input.as_bytes(), 16);
        assert_eq!(bs[0].content(&bs[0].lines[0]), long.as_bytes());
    }

    #[test]
    fn a_line_over_the_limit_ends_the_input_unread() {
        let input = "کوتاه\r\nیک خط بلند بلند\nبعدی\n".as_bytes();
        let bs: Vec<Batch> = BatchReader::new(input, 1 << 10, false, 12)
            .collect::<io::Result<_>>()
            .unwrap();
        let lines: Vec<&Line> = bs.iter().flat_map(|b| &b.lines).collect();
        assert_eq!(lines.len(), 2, "nothing after the long line is read");
        assert!(!lines[0].too_long && lines[1].too_long);
        assert_eq!((lines[1].number, lines[1].offset), (2, 12));
        assert!(
            bs[0].data.len() <= 12 + 12 + 3,
            "the long line is not read whole"
        );
        // a line exactly at the limit, with a CRLF terminator, is not too long
        let exact = "۱۲۳۴۵۶\r\n".as_bytes();
        let b = BatchReader::new(exact, 1 << 10, false, 12)
            .next()
            .unwrap()
            .unwrap();
        assert!(!b.lines[0].too_long);
    }

    #[test]
    fn json_records_and_their_errors() {
        let line = Line {
            start: 0,
            end: 0,
            number: 7,
            offset: 100,
            too_long: false,
        };
        let how = Extract::Json {
            field: "text".into(),
        };
        let mut w = Vec::new();
        let got = extract(br#"{"id":1,"text":"\u0643"}"#, &line, &how, false, &mut w).unwrap();
        assert_eq!(got.as_deref(), Some("ك"));
        assert!(extract(b"  ", &line, &how, false, &mut w)
            .unwrap()
            .is_none());
        let e = extract(br#"{"id":1,"body":"x"}"#, &line, &how, false, &mut w).unwrap_err();
        assert_eq!(
            e.to_string(),
            r#"line 7: no field "text" in the record (its fields: body, id)"#
        );
        let e = extract(br#"{"text":null}"#, &line, &how, false, &mut w).unwrap_err();
        assert_eq!(
            e.to_string(),
            r#"line 7: field "text" is null, not a string"#
        );
        let e = extract(br#"{"text":"#, &line, &how, false, &mut w).unwrap_err();
        assert!(e.to_string().starts_with("line 7: invalid JSON: "), "{e}");
        let nested = Extract::Json {
            field: "/a/b".into(),
        };
        let got = extract(br#"{"a":{"b":"x"}}"#, &line, &nested, false, &mut w).unwrap();
        assert_eq!(got.as_deref(), Some("x"));
    }

    #[test]
    fn invalid_utf8_is_located_or_replaced() {
        let mut w = Vec::new();
        let e = decode(b"ab\ncd\xFFe", 10, 3, false, &mut w).unwrap_err();
        assert!(matches!(
            e,
            RecordError::Utf8 {
                offset: 15,
                line: 4
            }
        ));
        let t = decode(b"ab\ncd\xFFe", 10, 3, true, &mut w).unwrap();
        assert_eq!(t, "ab\ncd\u{FFFD}e");
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("byte offset 15 (line 4)"), "{}", w[0]);
    }
}
