//! Reading and writing token-per-line files with BIO tags (CoNLL layout).
//!
//! Two readers, both total functions over arbitrary bytes (invalid UTF-8 is replaced,
//! never refused; no input makes them panic):
//!
//! - [`read_tagged`]: token and tag per line, exactly as `../shared/bench/ner_score.py`
//!   reads them, so `dabir eval-ner` and the reference scorer see the same spans: the
//!   tag is the last tab-separated column, or the last whitespace-separated field when
//!   the line has no tab (Arman's `token tag` layout); lines end at `\n`, `\r\n` or a
//!   lone `\r` (Python's universal newlines); a line of whitespace separates sentences.
//! - [`read_tokens`]: the input of `dabir ner --input-format conll`: tab-separated
//!   columns, the first is the token (it may contain spaces), the others are ignored;
//!   a line without a tab is all token.
//!
//! ```
//! use dabir::entities::conll::{read_tagged, read_tokens};
//! let s = read_tagged(b"a B-PER\nb\tx\tI-PER\n\nc O\n");
//! assert_eq!(s.len(), 2);
//! assert_eq!(s[0][1].tag, "I-PER");
//! let t = read_tokens("New York\tB-LOC\n".as_bytes());
//! assert_eq!(t[0][0], "New York");
//! ```

use std::io::Read;

/// One line of a tagged file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The first column.
    pub token: String,
    /// The last column, trimmed.
    pub tag: String,
}

/// Python's `str.isspace` for one character: Unicode White_Space plus the four ASCII
/// separators U+001C–U+001F, which Python counts and Rust does not.
pub fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// The lines of `text`, split at `\n`, `\r\n` and lone `\r`, without their ends.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        match rest.find(['\n', '\r']) {
            Some(i) => {
                let line = rest.get(..i).unwrap_or("");
                let after = rest.get(i..).unwrap_or("");
                let skip = if after.starts_with("\r\n") { 2 } else { 1 };
                rest = after.get(skip..).unwrap_or("");
                Some(line)
            }
            None => {
                let line = rest;
                rest = "";
                Some(line)
            }
        }
    })
}

fn is_blank(line: &str) -> bool {
    line.chars().all(is_py_space)
}

/// Splits sentences at blank lines; `row` turns a non-blank line into an item.
fn sentences<T>(bytes: &[u8], mut row: impl FnMut(&str) -> T) -> Vec<Vec<T>> {
    let text = String::from_utf8_lossy(bytes);
    let mut out = Vec::new();
    let mut cur = Vec::new();
    for line in lines(&text) {
        if is_blank(line) {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        cur.push(row(line));
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Python's `line.rsplit(None, 1)`: the line before its last whitespace-separated
/// field (without the whitespace run) and that field.
fn rsplit_last_field(line: &str) -> (&str, &str) {
    let trimmed = line.trim_end_matches(is_py_space);
    match trimmed.rfind(is_py_space) {
        Some(i) => {
            let field_start = i + trimmed[i..].chars().next().map_or(1, char::len_utf8);
            let head = trimmed.get(..i).unwrap_or("").trim_end_matches(is_py_space);
            (head, trimmed.get(field_start..).unwrap_or(""))
        }
        None => {
            let f = trimmed.trim_start_matches(is_py_space);
            (f, f)
        }
    }
}

/// Reads a tagged file the way `ner_score.py` does (see the module doc).
pub fn read_tagged(bytes: &[u8]) -> Vec<Vec<Row>> {
    sentences(bytes, |line| {
        if line.contains('\t') {
            let first = line.split('\t').next().unwrap_or("");
            let last = line.rsplit('\t').next().unwrap_or("");
            Row {
                token: first.to_string(),
                tag: last.trim_matches(is_py_space).to_string(),
            }
        } else {
            let (head, last) = rsplit_last_field(line);
            let token = if head.trim_matches(is_py_space).is_empty() {
                last
            } else {
                head
            };
            Row {
                token: token.to_string(),
                tag: last.trim_matches(is_py_space).to_string(),
            }
        }
    })
}

/// Reads the tokens of a tab-separated file (see the module doc).
pub fn read_tokens(bytes: &[u8]) -> Vec<Vec<String>> {
    sentences(bytes, |line| {
        line.split('\t').next().unwrap_or("").to_string()
    })
}

/// Reads a token-per-line stream in pieces of whole sentences: each piece ends after a
/// blank line (or at the end of the input), so [`read_tokens`] of the pieces, one after
/// the other, gives what [`read_tokens`] of the whole input gives, while only about
/// `piece_bytes` are held at a time. `dabir ner` tags a corpus of any size this way.
/// A sentence longer than `max_sentence` bytes is an `InvalidData` error rather than a
/// reason to hold the whole input.
pub struct SentencePieces<R> {
    src: R,
    buf: Vec<u8>,
    piece_bytes: usize,
    max_sentence: usize,
    eof: bool,
}

impl<R: std::io::Read> SentencePieces<R> {
    /// Pieces of about `piece_bytes` (at least one sentence each).
    pub fn new(src: R, piece_bytes: usize, max_sentence: usize) -> Self {
        SentencePieces {
            src,
            buf: Vec::new(),
            piece_bytes: piece_bytes.max(1),
            max_sentence,
            eof: false,
        }
    }

    /// Reads up to `n` more bytes into the buffer; false at the end of the input.
    fn fill(&mut self, n: usize) -> std::io::Result<bool> {
        let before = self.buf.len();
        (&mut self.src).take(n as u64).read_to_end(&mut self.buf)?;
        Ok(self.buf.len() > before)
    }

    fn next_piece(&mut self) -> std::io::Result<Option<Vec<u8>>> {
        loop {
            if !self.eof && self.buf.len() < self.piece_bytes {
                let want = self.piece_bytes - self.buf.len();
                self.eof = !self.fill(want)?;
                continue;
            }
            if self.eof {
                return Ok((!self.buf.is_empty()).then(|| std::mem::take(&mut self.buf)));
            }
            if let Some(cut) = after_last_blank_line(&self.buf) {
                let rest = self.buf.split_off(cut);
                return Ok(Some(std::mem::replace(&mut self.buf, rest)));
            }
            if self.buf.len() > self.max_sentence {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!(
                        "a sentence longer than {} bytes (no blank line in {} bytes)",
                        self.max_sentence,
                        self.buf.len()
                    ),
                ));
            }
            self.eof = !self.fill(self.piece_bytes)?;
        }
    }
}

impl<R: std::io::Read> Iterator for SentencePieces<R> {
    type Item = std::io::Result<Vec<u8>>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_piece().transpose()
    }
}

/// The byte just after the last blank line of `bytes` whose end (`\n`, `\r\n`, `\r`)
/// is in `bytes`, by the rules of [`read_tokens`]. A cut there splits no sentence: a
/// `\r\n` cut between its two bytes only adds an empty line, which separates nothing
/// more than the blank line before it already did.
fn after_last_blank_line(bytes: &[u8]) -> Option<usize> {
    let mut cut = None;
    let mut start = 0;
    while let Some(k) = bytes
        .get(start..)
        .and_then(|rest| rest.iter().position(|&b| b == b'\n' || b == b'\r'))
    {
        let end = start + k;
        let next = if bytes.get(end..end + 2) == Some(b"\r\n") {
            end + 2
        } else {
            end + 1
        };
        if is_blank(&String::from_utf8_lossy(
            bytes.get(start..end).unwrap_or(&[]),
        )) {
            cut = Some(next);
        }
        start = next;
    }
    cut
}

/// Writes sentences of `token<TAB>tag` lines, a blank line after each sentence.
pub fn write_tagged<'a>(
    out: &mut String,
    tokens: impl IntoIterator<Item = &'a str>,
    tags: impl IntoIterator<Item = &'a str>,
) {
    for (tok, tag) in tokens.into_iter().zip(tags) {
        // a token cannot hold a line break or a tab in this layout
        for c in tok.chars() {
            out.push(if c == '\n' || c == '\r' || c == '\t' {
                ' '
            } else {
                c
            });
        }
        out.push('\t');
        out.push_str(tag);
        out.push('\n');
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn python_line_rules() {
        let s = read_tagged(b"a\tB-PER \r\nb  I-PER\rc\n \t \nd O\n\n\n");
        assert_eq!(s.len(), 2);
        assert_eq!(
            s[0].iter().map(|r| r.tag.as_str()).collect::<Vec<_>>(),
            ["B-PER", "I-PER", "c"]
        );
        assert_eq!(s[0][1].token, "b");
        assert_eq!(s[1][0].token, "d");
        // a line without a tab holding one field is its own tag, as in the scorer
        assert_eq!(s[0][2].token, "c");
    }

    #[test]
    fn tokens_keep_spaces() {
        let t = read_tokens("نیو یورک\tB-LOC\tx\nو\n\n".as_bytes());
        assert_eq!(t, vec![vec!["نیو یورک".to_string(), "و".to_string()]]);
    }

    #[test]
    fn invalid_utf8_is_replaced() {
        let t = read_tagged(b"\xff\xfe O\n");
        assert_eq!(t[0][0].tag, "O");
    }

    fn in_pieces(bytes: &[u8], piece: usize) -> Vec<Vec<String>> {
        SentencePieces::new(bytes, piece, usize::MAX)
            .flat_map(|p| read_tokens(&p.unwrap()))
            .collect()
    }

    #[test]
    fn pieces_hold_whole_sentences() {
        let text = "الف\tB-PER\nب\r\n\r\nپ\n \t\nت\rث\n\n\nج".as_bytes();
        for piece in 1..text.len() + 2 {
            assert_eq!(in_pieces(text, piece), read_tokens(text), "piece {piece}");
        }
        let mut long = SentencePieces::new("a\nb\nc\n\nd\n".as_bytes(), 2, 4);
        assert!(
            long.next().unwrap().is_err(),
            "a sentence over the limit is an error"
        );
    }

    proptest! {
        #[test]
        fn pieces_read_as_the_whole(
            text in "[ab \t\r\n\u{a0}]{0,120}",
            piece in 1usize..40,
        ) {
            prop_assert_eq!(in_pieces(text.as_bytes(), piece), read_tokens(text.as_bytes()));
        }

        #[test]
        fn any_bytes_parse(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let a = read_tagged(&bytes);
            let b = read_tokens(&bytes);
            prop_assert_eq!(a.len(), b.len());
        }

        #[test]
        fn any_text_parses(s in "[a-z \t\r\n\u{1c}\u{85}\u{a0}B\\-]{0,80}") {
            let a = read_tagged(s.as_bytes());
            for sent in &a {
                prop_assert!(!sent.is_empty());
            }
        }
    }
}
