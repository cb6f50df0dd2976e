//! Errors of the dabir library: one enum whose variants say what went wrong and where,
//! so the CLI, the server and the Python bindings can map each kind to their own
//! error (exit code, HTTP status, Python exception) instead of a generic failure.

use thiserror::Error;

/// Everything that can fail in dabir.
#[derive(Debug, Error)]
pub enum Error {
    /// Input bytes are not UTF-8; `offset` is the byte offset of the first bad byte.
    #[error("invalid UTF-8 at byte offset {offset}")]
    InvalidUtf8 {
        /// Byte offset of the first invalid byte in the whole input.
        offset: u64,
    },
    /// A model file is not a dabir model, or not one this version reads.
    #[error("model {name}: {reason}")]
    Model {
        /// Which model (e.g. "zwnj").
        name: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A data file (training corpus, gold file) could not be parsed.
    #[error("{path}:{line}: {reason}")]
    Format {
        /// File the problem is in.
        path: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// An option has a value that is not allowed.
    #[error("option {name}: {reason}")]
    Option {
        /// The option's name as the CLI and the API spell it.
        name: String,
        /// Why the value is refused.
        reason: String,
    },
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An I/O error about `path`.
    pub fn io(path: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }

    /// A model-format error about model `name`.
    pub fn model(name: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::Model { name: name.into(), reason: reason.into() }
    }
}
