//! Learning machinery shared by the trained stages (morphology now, entities later).
//!
//! - [`hash`]: stable 64-bit feature hashing (the hashes are stored in model files,
//!   so they must not change with a dependency's version) and a small seeded random
//!   number generator for shuffling training data reproducibly.
//! - [`perceptron`]: a multi-class averaged perceptron over hashed sparse features,
//!   trained online and frozen into a compact, serialisable model.
//! - [`scorer`]: a perceptron's weights laid out for scoring at speed (one cache line
//!   per feature lookup, lookups that can be started early).
//! - [`word_vectors`]: words described by their neighbours in raw text, grouped by
//!   spherical k-means at one or several nested granularities (word clusters and
//!   classes for the taggers).

pub mod hash;
pub mod perceptron;
pub mod scorer;
pub mod word_vectors;

pub use hash::{FeatureHasher, Rng};
pub use perceptron::{Perceptron, Trainer};
pub use scorer::{Row, Scorer};
