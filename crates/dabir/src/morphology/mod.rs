//! Morphology: lemmas, parts of speech and morphological features.
