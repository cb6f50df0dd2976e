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

    proptest! {
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
