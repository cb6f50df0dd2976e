//! `dabir tag GOLD_TOKENS.conllu`: keeps a CoNLL-U file's tokenization (words, multiword
//! lines, comments, heads and relations) and fills LEMMA, UPOS, XPOS and FEATS with the
//! morphology model's predictions; writes CoNLL-U to stdout or `--output`. This is how
//! the "gold tokens" figures are measured.

use anyhow::Context as _;
use clap::Args;
use dabir::morphology::{train::tag_sentences, Analyzer};
use std::process::ExitCode;

/// Arguments of `dabir tag`.
#[derive(Debug, Args)]
pub struct TagArgs {
    /// The CoNLL-U file whose words are tagged (`-` for stdin).
    input: String,
    /// Where to write (stdout when absent).
    #[arg(short, long)]
    output: Option<String>,
    /// A model file to use instead of the embedded one.
    #[arg(long)]
    model: Option<String>,
}

/// Runs `dabir tag`.
pub fn run(args: TagArgs) -> anyhow::Result<ExitCode> {
    let text = if args.input == "-" {
        std::io::read_to_string(std::io::stdin()).context("reading stdin")?
    } else {
        let bytes =
            std::fs::read(&args.input).with_context(|| format!("reading {}", args.input))?;
        String::from_utf8(bytes).map_err(|e| dabir::Error::InvalidUtf8 {
            offset: e.utf8_error().valid_up_to() as u64,
        })?
    };
    let mut sentences = dabir::formats::conllu::parse(&text, &args.input)?;
    let owned;
    let analyzer = match &args.model {
        Some(p) => {
            let bytes = std::fs::read(p).with_context(|| format!("reading {p}"))?;
            owned = Analyzer::from_bytes(&bytes)?;
            &owned
        }
        None => Analyzer::embedded()?,
    };
    tag_sentences(analyzer, &mut sentences);
    let out = dabir::formats::conllu::write(&sentences);
    match &args.output {
        Some(p) => std::fs::write(p, out).with_context(|| format!("writing {p}"))?,
        None => {
            use std::io::Write;
            std::io::stdout()
                .lock()
                .write_all(out.as_bytes())
                .context("writing stdout")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
