//! Cleaning step `digits` (see the table in [`crate::clean`]).

use super::{CleanOptions, Context, Rewriter};

/// Records this step's changes to `rw`'s input.
pub fn apply(rw: &mut Rewriter<'_>, opts: &CleanOptions, ctx: &Context) {
    let _ = (rw, opts, ctx);
}
