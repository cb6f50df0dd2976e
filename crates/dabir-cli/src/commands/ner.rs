//! `dabir ner --input-format conll [FILE|-]`: tags pre-tokenized sentences (one token per
//! line in the first tab-separated column, a blank line between sentences) and writes
//! `token<TAB>BIO-tag` lines in the same layout, so any corpus can be scored with
//! `dabir eval-ner`. The input is read in pieces of whole sentences (about 1 MB, tagged in
//! parallel, written in order), so memory stays flat on a corpus of any size; a sentence
//! over 16 MiB is an error.

use crate::stream::open_output;
use anyhow::Context as _;
use clap::{Args, ValueEnum};
use dabir::entities::{conll, Embedded, Recognizer};
use rayon::prelude::*;
use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;

/// Bytes of input tagged at a time (whole sentences, in parallel).
const PIECE_BYTES: usize = 1 << 20;
/// The longest sentence read: a longer one is an error, not a reason to hold the input.
const MAX_SENTENCE_BYTES: usize = 16 << 20;

/// Arguments of `dabir ner`.
#[derive(Debug, Args)]
pub struct NerArgs {
    /// The input file (`-` or absent for stdin).
    input: Option<String>,
    /// The input layout.
    #[arg(long, value_enum, default_value_t = InputFormat::Conll)]
    input_format: InputFormat,
    /// Which embedded model: `default` (Arman + PerDT; academic research use only) or
    /// `no-arman` (PerDT NER dev only).
    #[arg(long, value_enum, default_value_t = Which::Default)]
    model: Which,
    /// A model file to use instead of an embedded one.
    #[arg(long)]
    model_file: Option<String>,
    /// The annotation convention (model view) to tag by: `arman` (PER ORG LOC FAC PRO
    /// EVENT; the default model's default) or `perdt` (PER ORG LOC DAT TIM MON PCT; a
    /// country is LOC). Absent: the model's first view.
    #[arg(long)]
    convention: Option<String>,
    /// Run each sentence through the cleaning stage first (for scraped text: letters,
    /// digits, ZWNJ restoration); the output shows the cleaned tokens.
    #[arg(long)]
    clean: bool,
    /// Where to write (stdout when absent).
    #[arg(short, long)]
    output: Option<String>,
}

/// Input layouts of `dabir ner`.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum InputFormat {
    /// One token per line (first tab-separated column), blank line between sentences.
    Conll,
}

/// The embedded models.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Which {
    /// All Arman folds + PerDT NER dev (academic research use only).
    Default,
    /// PerDT NER dev only, no Arman data.
    NoArman,
}

/// Runs `dabir ner`.
pub fn run(args: NerArgs) -> anyhow::Result<ExitCode> {
    let owned;
    let recognizer = match &args.model_file {
        Some(p) => {
            let b = std::fs::read(p).with_context(|| format!("reading {p}"))?;
            owned = Recognizer::from_bytes(&b).with_context(|| format!("loading {p}"))?;
            &owned
        }
        None => Recognizer::embedded(match args.model {
            Which::Default => Embedded::Default,
            Which::NoArman => Embedded::NoArman,
        })?,
    };
    let InputFormat::Conll = args.input_format;
    let view = match &args.convention {
        None => 0,
        Some(c) => recognizer.view_index(c).with_context(|| {
            let names: Vec<&str> = recognizer.views().iter().map(|v| v.name()).collect();
            format!("the model has no convention {c:?} (it has {names:?})")
        })?,
    };
    let input: Box<dyn Read + Send> = match args.input.as_deref() {
        None | Some("-") => Box::new(std::io::stdin()),
        Some(p) => Box::new(std::fs::File::open(p).with_context(|| format!("opening {p}"))?),
    };
    let name = args.input.as_deref().unwrap_or("-");
    let sink = open_output(
        args.output.as_deref().map(Path::new),
        args.input.as_deref().map(Path::new),
    )?;
    let mut sink = std::io::BufWriter::with_capacity(1 << 20, sink);
    let tag = |s: &Vec<String>| {
        let mut out = String::new();
        let toks: Vec<&str> = s.iter().map(|t| t.trim()).collect();
        if args.clean {
            let cleaned = dabir::entities::clean_tokens(&toks);
            let toks: Vec<&str> = cleaned.iter().map(String::as_str).collect();
            let tags = recognizer.tags_as(&toks, view);
            conll::write_tagged(&mut out, toks, tags.iter().map(String::as_str));
        } else {
            let tags = recognizer.tags_as(&toks, view);
            conll::write_tagged(
                &mut out,
                s.iter().map(String::as_str),
                tags.iter().map(String::as_str),
            );
        }
        out
    };
    // pieces of whole sentences: memory stays flat on a corpus of any size
    for piece in conll::SentencePieces::new(input, PIECE_BYTES, MAX_SENTENCE_BYTES) {
        let piece = piece.with_context(|| format!("reading {name}"))?;
        let sentences = conll::read_tokens(&piece);
        let tagged: Vec<String> = sentences.par_iter().map(tag).collect();
        for t in tagged {
            match sink.write_all(t.as_bytes()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                    return Ok(ExitCode::SUCCESS)
                }
                r => r.context("writing the output")?,
            }
        }
    }
    match sink.flush() {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        r => r.context("writing the output")?,
    }
    Ok(ExitCode::SUCCESS)
}
