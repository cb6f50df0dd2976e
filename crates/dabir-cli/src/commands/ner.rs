//! `dabir ner --input-format conll [FILE|-]`: tags pre-tokenized sentences (one token per
//! line in the first tab-separated column, a blank line between sentences) and writes
//! `token<TAB>BIO-tag` lines in the same layout, so any corpus can be scored with
//! `dabir eval-ner`.

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use dabir::entities::{conll, Embedded, Recognizer};
use std::io::{Read, Write};
use std::process::ExitCode;

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
    let mut bytes = Vec::new();
    match args.input.as_deref() {
        None | Some("-") => {
            std::io::stdin()
                .read_to_end(&mut bytes)
                .context("reading stdin")?;
        }
        Some(p) => bytes = std::fs::read(p).with_context(|| format!("reading {p}"))?,
    }
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
    let sentences = conll::read_tokens(&bytes);
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
    for s in &sentences {
        let toks: Vec<&str> = s.iter().map(|t| t.trim()).collect();
        if args.clean {
            let cleaned = dabir::entities::clean_tokens(&toks);
            let toks: Vec<&str> = cleaned.iter().map(String::as_str).collect();
            let tags = recognizer.tags_as(&toks, view);
            conll::write_tagged(&mut out, toks, tags.iter().map(String::as_str));
            continue;
        }
        let tags = recognizer.tags_as(&toks, view);
        conll::write_tagged(
            &mut out,
            s.iter().map(String::as_str),
            tags.iter().map(String::as_str),
        );
    }
    match &args.output {
        Some(p) => std::fs::write(p, out).with_context(|| format!("writing {p}"))?,
        None => {
            let mut o = std::io::stdout().lock();
            o.write_all(out.as_bytes()).context("writing stdout")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
