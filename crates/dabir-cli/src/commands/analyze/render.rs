//! The output formats of `dabir analyze`, one document at a time.
//!
//! - `json`: the [`Document`] as one JSON object on one line (JSON Lines, one object per
//!   input document), described by `schema/document.schema.json`.
//! - `conllu`: CoNLL-U whose FORMs are the *input* substrings each token and word came
//!   from (so `dabir eval` and the CoNLL 2018 script can score it against gold text),
//!   while LEMMA, UPOS, XPOS and FEATS come from the analysis of the cleaned text (a
//!   word that is its own lemma has its FORM as LEMMA, in the same input spelling);
//!   `# newdoc id` per document, `# sent_id = DOC-N`, `# text` the sentence's input
//!   text; `SpaceAfter=No` read from the input; a flat tree (first word root) so every
//!   UD reader accepts the file. A token that cleaning inserted (no input behind it) is
//!   left out; when cleaning made two tokens of one input region, the second keeps only
//!   the input bytes the first did not take; input that cleaning removed and no token
//!   holds (a residue line, a bidi mark between spaces) is written as tokens of UPOS `X`,
//!   so the FORMs always rebuild the input.
//! - `text`: for people: the cleaning edits (invisible characters named: ‹ZWNJ›), then
//!   each sentence (cleaned) with one row per word: form, lemma, UPOS, features (the
//!   words of a multiword token are bracketed ┌ └) and a row of its entities; then
//!   the facts, one row each, as `dabir extract --format text` writes them.

use crate::commands::normalize::render::visible;
use dabir::document::{Document, Sentence};
use std::fmt::Write as _;
use std::io::{self, Write};

/// The output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON Document per line.
    Json,
    /// CoNLL-U (forms are input substrings; scores with `dabir eval`).
    Conllu,
    /// A readable view: edits, sentences, words with lemma and tags.
    Text,
}

/// Writes document `doc` (numbered `id`, the input line it came from or 1) to `out`.
///
/// The output goes to `out` a sentence at a time (JSON through serde's writer), so a
/// large document is not rendered whole in memory before it is written: its rendered
/// JSON is about half again the size of its analysis.
pub fn document(format: Format, id: u64, doc: &Document, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer(&mut *out, doc).map_err(io::Error::from)?;
            out.write_all(b"\n")
        }
        Format::Conllu => conllu(id, doc, &mut Flushed::new(out)),
        Format::Text => text(id, doc, &mut Flushed::new(out)),
    }
}

/// A text buffer written out to its sink whenever a unit (a sentence) is complete.
struct Flushed<'a> {
    buf: String,
    sink: &'a mut dyn Write,
}

impl<'a> Flushed<'a> {
    fn new(sink: &'a mut dyn Write) -> Self {
        Flushed {
            buf: String::new(),
            sink,
        }
    }

    /// Writes out what the buffer holds.
    fn flush(&mut self) -> io::Result<()> {
        self.sink.write_all(self.buf.as_bytes())?;
        self.buf.clear();
        Ok(())
    }
}

/// True when the input after `end` starts with whitespace or ends there.
fn space_follows(input: &str, end: usize) -> bool {
    input
        .get(end..)
        .and_then(|s| s.chars().next())
        .map_or(true, char::is_whitespace)
}

/// A CoNLL-U field: no tab or line break, never empty.
fn field(s: &str) -> String {
    if s.is_empty() {
        return "_".to_owned();
    }
    s.replace(['\t', '\n', '\r'], " ")
}

/// The input range each token is written with in CoNLL-U, `None` for a token left out.
///
/// A token's `input_span` covers what produced its cleaned text; characters that
/// cleaning deleted at its edges (a diacritic, a tatweel, a control character glued to
/// the word) belong to no span, yet they are part of the input a scorer compares with.
/// So each token also takes the non-space input glued to it: after it up to the next
/// whitespace, and before it back to the previous whitespace (or the previous token).
/// Overlaps are cut (the later token keeps what the earlier did not take) and a token
/// with no input left is dropped.
fn conllu_spans(doc: &Document) -> Vec<Option<(usize, usize)>> {
    let input = doc.input.as_str();
    let mut spans: Vec<Option<(usize, usize)>> = Vec::with_capacity(doc.tokens.len());
    let mut taken = 0usize;
    for t in &doc.tokens {
        let start = t.input_span.start.max(taken);
        let end = t.input_span.end;
        if input.get(start..end).map_or(true, |f| f.trim().is_empty()) {
            spans.push(None);
            continue;
        }
        // glued input before the token: back to whitespace or to what is taken
        let before = input.get(taken..start).unwrap_or("");
        let lead = before.len() - before.trim_end_matches(|c: char| !c.is_whitespace()).len();
        spans.push(Some((start - lead, end)));
        taken = end;
    }
    // glued input after each token: up to whitespace or the next token
    let starts: Vec<usize> = {
        let mut next = input.len();
        let mut v = vec![input.len(); spans.len()];
        for (i, sp) in spans.iter().enumerate().rev() {
            v[i] = next;
            if let Some((s, _)) = sp {
                next = *s;
            }
        }
        v
    };
    for (sp, &next) in spans.iter_mut().zip(&starts) {
        if let Some((_, e)) = sp {
            let after = input.get(*e..next).unwrap_or("");
            *e += after.len() - after.trim_start_matches(|c: char| !c.is_whitespace()).len();
        }
    }
    spans
}

/// What a CoNLL-U sentence is written from.
enum Item {
    /// Token `index` of the document, written with this input range.
    Token(usize, usize, usize),
    /// Input text no token holds (cleaning removed it: a residue line, a bidi mark or a
    /// BOM between spaces): written as a token of its own, UPOS `X`, so that the FORMs
    /// still rebuild the whole input.
    Removed(usize, usize),
}

/// The items of each CoNLL-U sentence: the document's sentences with their tokens, and
/// removed input placed before the token that follows it (after the last token: at the
/// end of the last sentence; in a document with no token: one sentence of its own).
fn conllu_sentences(doc: &Document) -> Vec<Vec<Item>> {
    let spans = conllu_spans(doc);
    let input = doc.input.as_str();
    // the runs of non-space characters of input[from..to]
    let removed = |from: usize, to: usize, items: &mut Vec<Item>| {
        let gap = input.get(from..to).unwrap_or("");
        let mut run: Option<usize> = None;
        for (i, c) in gap.char_indices() {
            if c.is_whitespace() {
                if let Some(s) = run.take() {
                    items.push(Item::Removed(from + s, from + i));
                }
            } else if run.is_none() {
                run = Some(i);
            }
        }
        if let Some(s) = run {
            items.push(Item::Removed(from + s, to));
        }
    };
    let mut out: Vec<Vec<Item>> = Vec::with_capacity(doc.sentences.len());
    let mut covered = 0usize;
    for s in &doc.sentences {
        let mut items = Vec::new();
        for i in s.tokens.clone() {
            if let Some(&Some((start, end))) = spans.get(i) {
                removed(covered, start, &mut items);
                items.push(Item::Token(i, start, end));
                covered = end;
            }
        }
        if !items.is_empty() {
            out.push(items);
        }
    }
    let mut tail = Vec::new();
    removed(covered, input.len(), &mut tail);
    match out.last_mut() {
        Some(last) => last.extend(tail),
        None if !tail.is_empty() => out.push(tail),
        None => {}
    }
    out
}

fn conllu(id: u64, doc: &Document, sink: &mut Flushed) -> io::Result<()> {
    let sentences = conllu_sentences(doc);
    if sentences.is_empty() {
        return Ok(());
    }
    let _ = writeln!(sink.buf, "# newdoc id = {id}");
    for (k, items) in sentences.iter().enumerate() {
        let out = &mut sink.buf;
        let (first_start, last_end) = match (items.first(), items.last()) {
            (Some(a), Some(b)) => (item_range(a).0, item_range(b).1),
            _ => continue,
        };
        let _ = writeln!(out, "# sent_id = {id}-{}", k + 1);
        let _ = writeln!(
            out,
            "# text = {}",
            doc.input
                .get(first_start..last_end)
                .map(field)
                .unwrap_or_default()
        );
        let mut n = 0usize;
        for item in items {
            let (start, end) = item_range(item);
            let form = doc.input.get(start..end).unwrap_or("_");
            let misc = if space_follows(&doc.input, end) {
                "_"
            } else {
                "SpaceAfter=No"
            };
            let (head, rel) = if n == 0 { (0, "root") } else { (1, "dep") };
            let token = match item {
                Item::Token(i, _, _) => doc.tokens.get(*i),
                Item::Removed(..) => None,
            };
            let Some(t) = token else {
                n += 1;
                let _ = writeln!(
                    out,
                    "{n}\t{}\t_\tX\t_\t_\t{head}\t{rel}\t_\t{misc}",
                    field(form)
                );
                continue;
            };
            let words = doc.words_of(t);
            if words.len() > 1 {
                let _ = writeln!(
                    out,
                    "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{misc}",
                    n + 1,
                    n + words.len(),
                    field(form)
                );
            }
            let first_word = n + 1;
            for w in words {
                n += 1;
                let wform = if words.len() == 1 {
                    form
                } else {
                    // the first and last words take the token's glued edges
                    let ws = if n == first_word {
                        start
                    } else {
                        w.input_span.start
                    };
                    let we = if n == first_word + words.len() - 1 {
                        end
                    } else {
                        w.input_span.end
                    };
                    doc.input
                        .get(ws..we)
                        .filter(|f| !f.is_empty() && ws >= start && we <= end)
                        .unwrap_or(&w.form)
                };
                let (lemma, upos, xpos, feats) = match &w.morphology {
                    // A word that is its own lemma (a number, a mark, an adverb in
                    // ـاً) gets its FORM as LEMMA, in the input's spelling like FORM,
                    // not the cleaned spelling (۱۰ for 10).
                    Some(m) if m.lemma == w.form => (
                        field(wform),
                        field(&m.upos),
                        field(&m.xpos),
                        field(&m.feats),
                    ),
                    Some(m) => (
                        field(&m.lemma),
                        field(&m.upos),
                        field(&m.xpos),
                        field(&m.feats),
                    ),
                    None => ("_".into(), "_".into(), "_".into(), "_".into()),
                };
                let (head, rel) = if n == 1 { (0, "root") } else { (1, "dep") };
                let wmisc = if words.len() > 1 { "_" } else { misc };
                let _ = writeln!(
                    out,
                    "{n}\t{}\t{lemma}\t{upos}\t{xpos}\t{feats}\t{head}\t{rel}\t_\t{wmisc}",
                    field(wform)
                );
            }
        }
        out.push('\n');
        sink.flush()?;
    }
    Ok(())
}

/// The input range an item is written with.
fn item_range(item: &Item) -> (usize, usize) {
    match *item {
        Item::Token(_, s, e) | Item::Removed(s, e) => (s, e),
    }
}

fn text(id: u64, doc: &Document, sink: &mut Flushed) -> io::Result<()> {
    let out = &mut sink.buf;
    let _ = writeln!(
        out,
        "# document {id}: {} sentences, {} tokens, {} words, {} edits",
        doc.sentences.len(),
        doc.tokens.len(),
        doc.words.len(),
        doc.edits.len()
    );
    for e in &doc.edits {
        let before = doc.input.get(e.input.clone()).unwrap_or("");
        let after = doc.text.get(e.output.clone()).unwrap_or("");
        let _ = writeln!(
            out,
            "  edit «{}» → «{}» at {}..{}: {}",
            visible(before),
            visible(after),
            e.input.start,
            e.input.end,
            e.kind.explain()
        );
    }
    for (k, s) in doc.sentences.iter().enumerate() {
        sentence(doc, k + 1, s, &mut sink.buf);
        sink.flush()?;
    }
    let out = &mut sink.buf;
    if !(doc.dates.is_empty()
        && doc.quantities.is_empty()
        && doc.quotes.is_empty()
        && doc.events.is_empty())
    {
        out.push_str("\n# facts\n");
        crate::commands::extract::write_facts(
            &doc.dates,
            &doc.quantities,
            &doc.quotes,
            &doc.events,
            out,
        );
    }
    out.push('\n');
    sink.flush()
}

fn sentence(doc: &Document, number: usize, s: &Sentence, out: &mut String) {
    let _ = writeln!(
        out,
        "\n[{number}] {}",
        doc.text_of(s.span).replace('\n', " ")
    );
    for t in doc.tokens_of(s) {
        let words = doc.words_of(t);
        for (i, w) in words.iter().enumerate() {
            let lead = match (words.len(), i) {
                (1, _) => "   ",
                (_, 0) => " ┌ ",
                (n, i) if i + 1 == n => " └ ",
                _ => " │ ",
            };
            let _ = write!(out, "{lead}{}", plain(&w.form));
            if let Some(m) = &w.morphology {
                let _ = write!(out, "\t{}\t{}", plain(&m.lemma), m.upos);
                if !m.feats.is_empty() {
                    let _ = write!(out, "\t{}", m.feats);
                }
            }
            out.push('\n');
        }
    }
    let entities: Vec<String> = doc
        .entities
        .iter()
        .filter(|e| s.span.start <= e.span.start && e.span.end <= s.span.end)
        .map(|e| format!("{} «{}»", e.kind, plain(&e.form)))
        .collect();
    if !entities.is_empty() {
        let _ = writeln!(out, "   entities: {}", entities.join(" · "));
    }
}

/// A form on one line of the view (ZWNJ kept as it is: it renders as Persian does).
fn plain(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use dabir::Pipeline;

    fn conllu_of(input: &str) -> String {
        let doc = Pipeline::new().unwrap().analyze(input).unwrap();
        let mut out = Vec::new();
        document(Format::Conllu, 1, &doc, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The forms of the token lines (multiword ranges and single words).
    fn token_forms(conllu: &str) -> String {
        let mut skip_to = 0usize;
        let mut text = String::new();
        for line in conllu.lines().filter(|l| !l.starts_with('#')) {
            if line.is_empty() {
                skip_to = 0;
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if let Some((_, b)) = cols[0].split_once('-') {
                skip_to = b.parse().unwrap();
            } else if cols[0].parse::<usize>().unwrap() <= skip_to {
                continue;
            }
            text.push_str(cols[1]);
            if !cols[9].contains("SpaceAfter=No") {
                text.push(' ');
            }
        }
        text
    }

    #[test]
    fn conllu_forms_rebuild_the_input() {
        let input = "اين كتابها را ميخواند. ماتمش را دید!\nآنها می روند";
        let out = conllu_of(input);
        assert_eq!(
            token_forms(&out).split_whitespace().collect::<String>(),
            input.split_whitespace().collect::<String>()
        );
        assert!(out.contains("\tميخواند\tخواند\tVERB\t"), "{out}");
        assert!(out.contains("# text = اين كتابها را ميخواند.\n"), "{out}");
        assert!(out.contains("# sent_id = 1-3\n"), "{out}");
        // input that cleaning removed is written as X tokens
        for input in [
            "او \u{200F} رفت.\nRead More »\nما ماندیم. \u{FEFF}",
            "\u{200F} \u{FEFF}",
        ] {
            let out = conllu_of(input);
            assert_eq!(
                token_forms(&out).split_whitespace().collect::<String>(),
                input.split_whitespace().collect::<String>(),
                "{out}"
            );
            assert!(out.contains("\t\u{200F}\t_\tX\t"), "{out}");
        }
        // a word that is its own lemma keeps the input spelling in LEMMA too
        let out = conllu_of("او 10 کتاب را کاملاً خواند.");
        assert!(out.contains("\t10\t10\tNUM\t"), "{out}");
        assert!(out.contains("\tکاملاً\tکاملاً\t"), "{out}");
    }

    #[test]
    fn text_view_shows_edits_and_words() {
        let doc = Pipeline::new().unwrap().analyze("كتاب").unwrap();
        let mut out = Vec::new();
        document(Format::Text, 1, &doc, &mut out).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(s.contains("edit «ك» → «ک»"), "{s}");
        assert!(s.contains("[1] کتاب\n   کتاب\tکتاب\tNOUN"), "{s}");
        let doc = Pipeline::new()
            .unwrap()
            .analyze("حسن روحانی در تهران گفت: «دیروز ۱۴۰ نفر کشته شدند.»")
            .unwrap();
        let mut out = Vec::new();
        document(Format::Text, 1, &doc, &mut out).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(s.contains("   entities: PER «حسن روحانی»"), "{s}");
        assert!(s.contains("\n# facts\n"), "{s}");
        assert!(s.contains("quote\tحسن روحانی\tگفت"), "{s}");
        assert!(s.contains("quantity\t۱۴۰ نفر"), "{s}");
    }
}
