//! Segmentation: sentences, tokens and clitics, following the UD PerDT conventions.
