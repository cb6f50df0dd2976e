//! Evaluators: the CoNLL 2018 shared-task metrics and friends.

pub mod ner;
pub mod ud;
