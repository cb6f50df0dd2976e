//! Readers and writers of the corpus formats dabir trains and evaluates on, and the
//! JSON Lines records its surfaces write.

pub mod conllu;
pub mod jsonl;
