//! Cleaning step `letters` (see the table in [`crate::clean`]).

use super::{CleanOptions, Context, EditKind, Rewriter};

/// Records this step's changes to `rw`'s input.
pub fn apply(rw: &mut Rewriter<'_>, opts: &CleanOptions, _ctx: &Context) {
    if !opts.persian_letters {
        return;
    }
    let input = rw.input();
    for (i, c) in input.char_indices() {
        let to = match c {
            'ي' | 'ى' => "ی",
            'ك' => "ک",
            _ => continue,
        };
        rw.replace(i..i + c.len_utf8(), to, EditKind::Letter);
    }
}
