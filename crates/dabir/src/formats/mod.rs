//! Readers and writers of the corpus formats dabir trains and evaluates on.

pub mod conllu;
