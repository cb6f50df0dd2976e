//! `dabir tokenize [FILE|-]`: sentences, tokens and clitic splits as UD PerDT has them,
//! written as CoNLL-U, JSON lines or plain text. Token forms are substrings of the
//! input: nothing is rewritten, so the output scores against gold character by
//! character (`dabir eval`, the CoNLL 2018 script).

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use dabir::formats::jsonl::write_sentences;
use dabir::segment::{LineMode, SegmentModel, Segmented, Segmenter};
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::ExitCode;

/// Split raw text into sentences, tokens and syntactic words.
#[derive(Debug, Args)]
pub struct TokenizeArgs {
    /// Input file; `-` or nothing for standard input.
    input: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TokenizeFormat::Conllu)]
    format: TokenizeFormat,
    /// Treat every input line as exactly one sentence (no sentence splitting).
    #[arg(long)]
    one_sentence_per_line: bool,
    /// Keep clitics attached (one word per token).
    #[arg(long)]
    no_clitics: bool,
    /// Clean the text first (`dabir::clean`, standard preset) and segment the cleaned
    /// text; token forms are still the input substrings the tokens came from.
    #[arg(long)]
    clean: bool,
    /// Use this segmentation model file instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    model: Option<String>,
}

/// Output formats of `dabir tokenize`.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum TokenizeFormat {
    /// CoNLL-U with `# sent_id`, `# text`, multiword token lines and `SpaceAfter=No`;
    /// a flat tree (first word root) so that every UD scorer reads it.
    Conllu,
    /// One JSON object per sentence: text, byte span in the input, tokens with spans
    /// and words.
    Json,
    /// One sentence per line, words separated by spaces.
    Text,
}

/// Runs `dabir tokenize`.
pub fn run(args: TokenizeArgs) -> anyhow::Result<ExitCode> {
    let reader: Box<dyn Read> = match args.input.as_deref() {
        None | Some("-") => Box::new(std::io::stdin().lock()),
        Some(p) => Box::new(std::fs::File::open(p).with_context(|| format!("opening {p}"))?),
    };
    let name = args.input.clone().unwrap_or_else(|| "-".into());
    let mode = if args.one_sentence_per_line {
        LineMode::OneSentencePerLine
    } else {
        LineMode::Paragraph
    };
    let seg = match &args.model {
        Some(p) => {
            let bytes = std::fs::read(p).with_context(|| format!("reading {p}"))?;
            Segmenter::with_model(SegmentModel::from_bytes(&bytes)?)
        }
        None => Segmenter::new(),
    };
    let seg = seg.line_mode(mode).clitics(!args.no_clitics);
    let cleaner = dabir::clean::Cleaner::standard();
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut line = Vec::new();
    let mut offset = 0u64;
    let mut sent_id = 0usize;
    let mut buf = String::new();
    let mut json = Vec::new();
    let mut result = Segmented::default();
    loop {
        line.clear();
        let n = reader
            .read_until(b'\n', &mut line)
            .with_context(|| format!("reading {name}"))?;
        if n == 0 {
            break;
        }
        let text = std::str::from_utf8(&line).map_err(|e| dabir::Error::InvalidUtf8 {
            offset: offset + e.valid_up_to() as u64,
        })?;
        let line_start = offset;
        offset += n as u64;
        // line breaks always end a sentence, so each line is segmented on its own
        if args.clean {
            result = seg.segment_cleaned(text, &cleaner.clean(text));
        } else {
            seg.segment_into(text, &mut result);
        }
        buf.clear();
        json.clear();
        match args.format {
            TokenizeFormat::Conllu => write_conllu(text, &result, &mut sent_id, &mut buf),
            TokenizeFormat::Json => write_sentences(text, line_start as usize, &result, &mut json),
            TokenizeFormat::Text => write_text(text, &result, &mut buf),
        }
        out.write_all(buf.as_bytes())?;
        out.write_all(&json)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn write_conllu(text: &str, seg: &Segmented, sent_id: &mut usize, out: &mut String) {
    for s in &seg.sentences {
        *sent_id += 1;
        let _ = writeln!(out, "# sent_id = {sent_id}");
        let _ = writeln!(
            out,
            "# text = {}",
            text[s.span.range()].replace(['\t', '\r', '\n'], " ")
        );
        let mut id = 0;
        for t in &seg.tokens[s.tokens.clone()] {
            let misc = if t.space_after { "_" } else { "SpaceAfter=No" };
            let words = seg.words_of(t);
            if words.len() > 1 {
                let _ = writeln!(
                    out,
                    "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{misc}",
                    id + 1,
                    id + words.len(),
                    &text[t.span.range()]
                );
            }
            for w in words {
                id += 1;
                let (head, rel) = if id == 1 { (0, "root") } else { (1, "dep") };
                let m = if words.len() > 1 { "_" } else { misc };
                let _ = writeln!(
                    out,
                    "{id}\t{}\t_\t_\t_\t_\t{head}\t{rel}\t_\t{m}",
                    &text[w.span.range()]
                );
            }
        }
        out.push('\n');
    }
}

fn write_text(text: &str, seg: &Segmented, out: &mut String) {
    for s in &seg.sentences {
        let mut first = true;
        for t in &seg.tokens[s.tokens.clone()] {
            for w in seg.words_of(t) {
                if !first {
                    out.push(' ');
                }
                first = false;
                out.push_str(&text[w.span.range()]);
            }
        }
        out.push('\n');
    }
}
