//! Fuzz target: segmentation never panics, and its token spans plus the skipped
//! whitespace reproduce the input exactly (words partition tokens, sentences
//! partition tokens), in both line modes.
#![no_main]

use dabir::segment::{LineMode, Segmenter};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for mode in [LineMode::Paragraph, LineMode::OneSentencePerLine] {
        let seg = Segmenter::new().line_mode(mode).segment(&text);
        let mut pos = 0;
        for t in &seg.tokens {
            assert!(t.span.start >= pos && t.span.end > t.span.start);
            assert!(text[pos..t.span.start].chars().all(char::is_whitespace));
            let mut wp = t.span.start;
            for w in seg.words_of(t) {
                assert_eq!(w.span.start, wp);
                wp = w.span.end;
            }
            assert_eq!(wp, t.span.end);
            pos = t.span.end;
        }
        assert!(text[pos..].chars().all(char::is_whitespace));
        let mut next = 0;
        for s in &seg.sentences {
            assert_eq!(s.tokens.start, next);
            next = s.tokens.end;
        }
        assert_eq!(next, seg.tokens.len());
    }
});
