//! CoNLL-U (Universal Dependencies v2): read and write.
//!
//! Sentences keep their comment lines (`# text = …`, `# sent_id = …`), multiword token
//! lines (`3-4`) and empty nodes (`5.1`) as they are, so a file read and written again
//! is the same file.

use crate::error::{Error, Result};
use std::fmt::Write as _;

/// One line of a sentence: a word, a multiword token range or an empty node.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Row {
    /// The ID column as written: `3`, `3-4` or `3.1`.
    pub id: String,
    /// FORM.
    pub form: String,
    /// LEMMA.
    pub lemma: String,
    /// UPOS.
    pub upos: String,
    /// XPOS.
    pub xpos: String,
    /// FEATS.
    pub feats: String,
    /// HEAD.
    pub head: String,
    /// DEPREL.
    pub deprel: String,
    /// DEPS.
    pub deps: String,
    /// MISC.
    pub misc: String,
}

impl Row {
    /// A multiword token line (`N-M`).
    pub fn is_multiword(&self) -> bool {
        self.id.contains('-')
    }
    /// An empty node (`N.M`).
    pub fn is_empty_node(&self) -> bool {
        self.id.contains('.')
    }
    /// A syntactic word (neither a multiword range nor an empty node).
    pub fn is_word(&self) -> bool {
        !self.is_multiword() && !self.is_empty_node()
    }
    /// The range `(first, last)` of a multiword token line.
    pub fn multiword_range(&self) -> Option<(usize, usize)> {
        let (a, b) = self.id.split_once('-')?;
        Some((a.parse().ok()?, b.parse().ok()?))
    }
    /// True when MISC holds `SpaceAfter=No`.
    pub fn no_space_after(&self) -> bool {
        self.misc.split('|').any(|m| m == "SpaceAfter=No")
    }
    /// A word line with only a form; every other column `_`.
    pub fn word(id: usize, form: &str) -> Self {
        let u = "_".to_string();
        Row {
            id: id.to_string(),
            form: form.to_string(),
            lemma: u.clone(),
            upos: u.clone(),
            xpos: u.clone(),
            feats: u.clone(),
            head: u.clone(),
            deprel: u.clone(),
            deps: u.clone(),
            misc: u,
        }
    }
}

/// A sentence: its comment lines and its rows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    /// Comment lines without the leading `#` and one space.
    pub comments: Vec<String>,
    /// Rows in file order.
    pub rows: Vec<Row>,
}

impl Sentence {
    /// The value of the `# text = …` comment.
    pub fn text(&self) -> Option<&str> {
        self.comment("text")
    }
    /// The value of a `# key = value` comment.
    pub fn comment(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|c| {
            let (k, v) = c.split_once('=')?;
            (k.trim() == key).then(|| v.trim())
        })
    }
    /// The syntactic words (no multiword ranges or empty nodes).
    pub fn words(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(|r| r.is_word())
    }
}

/// Parses CoNLL-U text; `path` only names the source in errors.
pub fn parse(text: &str, path: &str) -> Result<Vec<Sentence>> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    // A line ends at `\n`, with any `\r`s before it (CRLF files, stray CRs): stripping them
    // all, not one, keeps parse ∘ write the identity.
    for (i, line) in text.split('\n').enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if !cur.rows.is_empty() || !cur.comments.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else if let Some(c) = line.strip_prefix('#') {
            cur.comments
                .push(c.strip_prefix(' ').unwrap_or(c).to_string());
        } else {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 10 {
                return Err(Error::Format {
                    path: path.to_string(),
                    line: i + 1,
                    reason: format!("expected 10 tab-separated columns, found {}", cols.len()),
                });
            }
            cur.rows.push(Row {
                id: cols[0].into(),
                form: cols[1].into(),
                lemma: cols[2].into(),
                upos: cols[3].into(),
                xpos: cols[4].into(),
                feats: cols[5].into(),
                head: cols[6].into(),
                deprel: cols[7].into(),
                deps: cols[8].into(),
                misc: cols[9].into(),
            });
        }
    }
    if !cur.rows.is_empty() || !cur.comments.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Reads and parses a CoNLL-U file.
pub fn read(path: &str) -> Result<Vec<Sentence>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    parse(&text, path)
}

/// Writes sentences as CoNLL-U text (a blank line after each sentence).
pub fn write(sentences: &[Sentence]) -> String {
    let mut s = String::new();
    for sent in sentences {
        for c in &sent.comments {
            let _ = writeln!(s, "# {c}");
        }
        for r in &sent.rows {
            let _ = writeln!(
                s,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                r.id, r.form, r.lemma, r.upos, r.xpos, r.feats, r.head, r.deprel, r.deps, r.misc
            );
        }
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# sent_id = s1\n# text = ماتمش شد.\n1-2\tماتمش\t_\t_\t_\t_\t_\t_\t_\t_\n1\tماتم\tماتم\tNOUN\tN_IANM\tNumber=Sing\t3\tnsubj\t_\t_\n2\tش\tاو\tPRON\tPR\t_\t1\tnmod\t_\t_\n3\tشد\tشد\tVERB\tV_ACT\t_\t0\troot\t_\tSpaceAfter=No\n4\t.\t.\tPUNCT\tPUNC\t_\t3\tpunct\t_\t_\n\n";

    #[test]
    fn round_trip() {
        let s = parse(SAMPLE, "sample").unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].text(), Some("ماتمش شد."));
        assert_eq!(s[0].words().count(), 4);
        assert_eq!(s[0].rows[0].multiword_range(), Some((1, 2)));
        assert!(s[0].rows[3].no_space_after());
        assert_eq!(write(&s), SAMPLE);
    }

    #[test]
    fn bad_column_count_is_an_error_with_the_line() {
        let e = parse("1\tx\n", "f.conllu").unwrap_err();
        assert!(e.to_string().starts_with("f.conllu:1:"));
    }

    #[test]
    fn carriage_returns_end_lines_and_writing_reads_back() {
        let crlf = SAMPLE.replace('\n', "\r\n");
        assert_eq!(parse(&crlf, "t").unwrap(), parse(SAMPLE, "t").unwrap());
        // found by the conllu fuzz target: a comment of `\r`s lost one per round trip
        for text in ["##\r\r\r", "# a\r\r\n\r\n", "#\r"] {
            let once = parse(text, "t").unwrap();
            assert_eq!(parse(&write(&once), "t").unwrap(), once, "{text:?}");
        }
    }
}
