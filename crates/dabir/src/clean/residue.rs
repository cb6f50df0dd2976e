//! Cleaning step `residue`: whole lines of page furniture in another script.
//!
//! Scraped Persian news carries the chrome of the page it came from: "Read More",
//! "Share this article", "Advertisement", block labels of the site's CMS ("This section
//! contains relevant reference points, placed in (Inner related node field)"). Such a
//! line is not text of the article, and left in place it ends up inside sentences,
//! token streams and extracted facts.
//!
//! **The rule.** In a Persian document ([`Context::persian_document`]), with
//! [`CleanOptions::remove_residue`], a line is removed together with its line break
//! ([`EditKind::Residue`]) when all of these hold:
//!
//! 1. *Script*: it has no Arabic-script letter, and it has at least one letter of another
//!    script. A line with a single Persian letter is text and is kept, whatever else it
//!    holds; so are Latin words and quotations inside Persian sentences.
//! 2. *Length*: it is at most [`MAX_LINE_CHARS`] characters long. Furniture is short;
//!    a long line is content.
//! 3. *Furniture list*: every letter of the line belongs to a phrase of the list
//!    `clean/data/furniture.txt`, matched case-insensitively on word boundaries, after
//!    spaces and invisible characters are normalised. Digits, punctuation and symbols may
//!    stand between phrases ("Read More »", "Comments (3)", "Share | Tweet | Email").
//!    A list entry ending in `*` is a prefix after which anything may follow ("Tags:
//!    politics, iran", "Copyright © 2024 Example News").
//!
//! **What is kept, and why.** A Latin line that is not made of furniture phrases — an
//! English sentence, a quotation, a reference, a title, a byline with a name, a URL — is
//! kept, however long: in a Persian article such a line is far more often a quotation or
//! a citation than chrome, and the cleaner must never lose text on a guess. (A long
//! English sentence line is therefore kept; only the list decides.) Position on the page
//! is not used: the cleaner sees lines, often one at a time from a stream, and furniture
//! occurs between paragraphs as much as at the top or bottom.
//!
//! The decision is stable under the other cleaning steps (they change spaces,
//! invisible characters, digits and punctuation, which the matching ignores), so
//! cleaning twice removes nothing more.
//!
//! ```
//! use dabir::clean::Cleaner;
//! let text = "خبر اول امروز منتشر شد.\nRead More »\nاو گفت: «I agree» و رفت.\nAdvertisement\n";
//! let out = Cleaner::standard().clean(text);
//! assert_eq!(out.text, "خبر اول امروز منتشر شد.\nاو گفت: «I agree» و رفت.\n");
//! ```

use super::{CleanOptions, Context, EditKind, Rewriter};
use crate::script::is_arabic_letter;
use aho_corasick::{AhoCorasick, MatchKind};
use std::sync::OnceLock;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Lines longer than this (in characters, after normalisation) are never furniture.
pub const MAX_LINE_CHARS: usize = 200;

/// The furniture phrase list (see the module docs for its format).
const FURNITURE: &str = include_str!("data/furniture.txt");

/// The compiled phrase list: an automaton and, per pattern, whether it is a prefix.
struct Furniture {
    automaton: AhoCorasick,
    prefix: Vec<bool>,
}

fn furniture() -> Option<&'static Furniture> {
    static CELL: OnceLock<Option<Furniture>> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut phrases = Vec::new();
        let mut prefix = Vec::new();
        for line in FURNITURE.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (phrase, is_prefix) = match line.strip_suffix('*') {
                Some(p) => (p.trim_end(), true),
                None => (line, false),
            };
            phrases.push(normalise(phrase));
            prefix.push(is_prefix);
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&phrases)
            .ok()?;
        Some(Furniture { automaton, prefix })
    })
    .as_ref()
}

/// Characters the matching ignores: invisible format characters and controls.
fn invisible(c: char) -> bool {
    matches!(c, '\u{AD}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{FEFF}' | '\u{61C}')
        || c.is_control() && !c.is_whitespace()
}

/// NFKC, lower case, invisible characters, combining marks and tatweel dropped,
/// whitespace runs as one space, trimmed: the form in which nothing the later cleaning
/// steps do to a Latin line (space kinds, invisible characters, diacritics, presentation
/// forms) changes the decision.
fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.nfkc() {
        if invisible(c) || c == '\u{640}' || is_combining_mark(c) {
            continue;
        }
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// True for a character that continues a word (a match must not start or end inside one).
fn wordish(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’'
}

/// True when `line` is furniture by the rule in the module docs.
pub fn is_furniture(line: &str) -> bool {
    if line.chars().any(is_arabic_letter) {
        return false;
    }
    let Some(f) = furniture() else { return false };
    let norm = normalise(line);
    // Presentation forms are Arabic letters too; they show after NFKC. Length is measured
    // on the normalised line, so removing invisible characters cannot change the answer.
    if norm.chars().any(is_arabic_letter)
        || !has_letter(&norm)
        || norm.chars().count() > MAX_LINE_CHARS
    {
        return false;
    }
    let mut covered_to = 0;
    let mut any = false;
    for m in f.automaton.find_iter(&norm) {
        let before = norm.get(..m.start()).and_then(|s| s.chars().next_back());
        let after = norm.get(m.end()..).and_then(|s| s.chars().next());
        if before.is_some_and(wordish) || after.is_some_and(wordish) {
            continue;
        }
        if has_letter(norm.get(covered_to..m.start()).unwrap_or("")) {
            return false;
        }
        any = true;
        if f.prefix
            .get(m.pattern().as_usize())
            .copied()
            .unwrap_or(false)
        {
            return true;
        }
        covered_to = m.end();
    }
    any && !has_letter(norm.get(covered_to..).unwrap_or(""))
}

fn has_letter(s: &str) -> bool {
    s.chars().any(char::is_alphabetic)
}

/// Records this step's changes to `rw`'s input.
pub fn apply(rw: &mut Rewriter<'_>, opts: &CleanOptions, ctx: &Context) {
    if !opts.remove_residue || !ctx.persian_document {
        return;
    }
    let input = rw.input();
    let bytes = input.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        let end = memchr::memchr(b'\n', bytes.get(start..).unwrap_or(&[]))
            .map_or(bytes.len(), |p| start + p);
        let line = bytes.get(start..end).unwrap_or(&[]);
        let with_break = (end + 1).min(bytes.len());
        if !line.is_empty() && input.get(start..end).is_some_and(is_furniture) {
            rw.delete(start..with_break, EditKind::Residue);
        }
        start = end + 1;
    }
}

#[cfg(test)]
mod tests {

    fn cleaned_with(text: &str, kinds: &[crate::clean::EditKind]) -> crate::clean::Cleaned {
        crate::clean::Cleaned {
            text: text.to_owned(),
            edits: kinds
                .iter()
                .map(|&kind| crate::clean::Edit {
                    kind,
                    input: 0..1,
                    output: 0..0,
                })
                .collect(),
            map: crate::offsets::OffsetMap::identity(text.len()),
        }
    }

    #[test]
    fn a_line_is_residue_only_when_emptied_by_a_residue_edit() {
        use crate::clean::EditKind;
        assert!(cleaned_with("", &[EditKind::Residue]).is_residue_line());
        assert!(cleaned_with(" ", &[EditKind::Residue]).is_residue_line());
        // an empty line stays a line
        assert!(!cleaned_with("", &[]).is_residue_line());
        assert!(!cleaned_with("", &[EditKind::Control]).is_residue_line());
        assert!(!cleaned_with("متن", &[EditKind::Residue]).is_residue_line());
    }
    use super::*;
    use crate::clean::StepEdit;

    fn run(input: &str) -> (String, Vec<StepEdit>) {
        let mut rw = Rewriter::new(input);
        apply(
            &mut rw,
            &CleanOptions::default(),
            &Context {
                persian_document: true,
            },
        );
        rw.finish()
            .unwrap_or_else(|| (input.to_owned(), Vec::new()))
    }

    #[test]
    fn furniture_lines_go_with_their_line_break() {
        let text = "تیتر خبر\nRead More\nمتن خبر\nShare this article\nAdvertisement\nپایان\n\
                    This section contains relevant reference points, placed in (Inner related node field)\n";
        let (out, edits) = run(text);
        assert_eq!(out, "تیتر خبر\nمتن خبر\nپایان\n");
        assert_eq!(edits.len(), 4);
        assert!(edits.iter().all(|e| e.kind == EditKind::Residue));
        assert_eq!(edits[0].input, 16..26);
        assert_eq!(edits[0].output, 16..16);
    }

    #[test]
    fn variants_of_furniture() {
        for line in [
            "READ MORE »",
            "Share | Tweet | Email",
            "Comments (3)",
            "  Share\u{A0}this\u{200B} article  ",
            "Tags: politics, iran, oil",
            "Copyright © 2024 Example News. All rights reserved.",
            "Page 1 of 3",
            "Photo: Reuters",
        ] {
            assert!(is_furniture(line), "{line}");
        }
    }

    #[test]
    fn text_is_kept() {
        for line in [
            "The president said the talks would continue next week in Vienna.",
            "Reuters",
            "By John Smith",
            "https://example.com/news/123",
            "Shareholders",
            "Read More درباره این خبر",
            "2024",
            "",
            "More than 200 people were killed.",
        ] {
            assert!(!is_furniture(line), "{line}");
        }
        // a line of furniture phrase with a quotation mark around it is still furniture;
        // a Persian letter anywhere makes a line text
        assert!(is_furniture("«Read More»"));
        assert!(!is_furniture("Read More ب"));
    }

    #[test]
    fn english_documents_keep_everything() {
        let text = "Headline\nRead More\nBody text.";
        let mut rw = Rewriter::new(text);
        apply(
            &mut rw,
            &CleanOptions::default(),
            &Context {
                persian_document: false,
            },
        );
        assert!(rw.finish().is_none());
    }

    #[test]
    fn last_line_without_a_break() {
        assert_eq!(run("متن\nShare").0, "متن\n");
        assert_eq!(run("Share").0, "");
    }
}
