//! The invariants every cleaning result must hold, shared by the proptest smoke test
//! (`tests/clean_fuzz_smoke.rs`) and the cargo-fuzz target (`fuzz/fuzz_targets/clean.rs`,
//! which loads this file with `#[path]`):
//! - the offset map spans exactly the input and the output;
//! - its changed regions are ordered, inside both texts, and between two regions the
//!   input and the output are byte-identical (every unchanged byte is accounted for);
//! - every edit's spans lie inside the input and the output, on character boundaries,
//!   and edits come in input order;
//! - output offsets map back into the input, monotonically.

use dabir::clean::Cleaned;

/// Panics with a message when `out` (the cleaning of `input`) breaks an invariant.
pub fn check(input: &str, out: &Cleaned) {
    let map = &out.map;
    assert_eq!(map.input_len(), input.len(), "map input length");
    assert_eq!(map.output_len(), out.text.len(), "map output length");
    let (mut i, mut o) = (0usize, 0usize);
    for r in map.regions() {
        assert!(
            r.input.start >= i && r.output.start >= o,
            "regions out of order: {r:?}"
        );
        assert!(
            r.input.start <= r.input.end && r.output.start <= r.output.end,
            "{r:?}"
        );
        assert!(
            r.input.end <= input.len() && r.output.end <= out.text.len(),
            "{r:?}"
        );
        assert_eq!(
            input.as_bytes()[i..r.input.start],
            out.text.as_bytes()[o..r.output.start],
            "text between changed regions differs"
        );
        i = r.input.end;
        o = r.output.end;
    }
    assert_eq!(
        input.as_bytes()[i..],
        out.text.as_bytes()[o..],
        "text after the last region differs"
    );

    let mut last_start = 0usize;
    for e in &out.edits {
        assert!(e.input.start >= last_start, "edits not in input order");
        last_start = e.input.start;
        assert!(
            input.get(e.input.clone()).is_some(),
            "edit input span {:?} not in the input",
            e.input
        );
        assert!(
            out.text.get(e.output.clone()).is_some(),
            "edit output span {:?} not in the output",
            e.output
        );
    }

    let mut prev = 0usize;
    for (pos, _) in out
        .text
        .char_indices()
        .chain(std::iter::once((out.text.len(), ' ')))
    {
        let back = map.to_input(pos);
        assert!(back <= input.len());
        assert!(back >= prev, "to_input not monotone");
        prev = back;
        let span = map.span_to_input(pos..out.text.len());
        assert!(span.start <= span.end && span.end <= input.len());
    }
}
