//! `dabir analyze [FILE|-] [-o FILE] [--format json|conllu|text]`: the whole pipeline
//! (clean → segment → morphology) over a file, a stream or a JSON Lines corpus.
//!
//! # Documents
//! - By default the whole input is one document (read whole: its own text decides
//!   whether it is Persian, and a line break ends a sentence).
//! - `--per-line`: every line is a document (an empty line gives an empty document, so
//!   document *n* is line *n*).
//! - `--input-format jsonl --text-field F`: every line is a JSON object and its field
//!   `F` (a top-level key, or a JSON pointer such as `/article/body`) is a document;
//!   blank lines are skipped.
//!
//! # How a stream flows
//! In the two line modes the input is read in batches of whole lines (256 KB, see
//! [`input`]), the documents of a batch are analysed in parallel (rayon) and written in
//! input order, while the next batch is read and the previous one written: a few
//! batches in flight, so memory stays flat on a corpus of any size (and grows only with
//! the longest line). A progress bar with the throughput (bytes, documents and tokens
//! per second) is drawn on stderr when the input is a regular file and stderr a
//! terminal.
//!
//! # Bad input
//! A document (the whole input, or a line in the line modes) longer than
//! `--max-document` (default 16 MiB) stops the run with an error before it is analysed
//! or even read whole: the analysis of one document lives in memory at once, about 75
//! times its size (an 11 MB document as the whole input peaks at 840 MB; its output is
//! written a sentence at a time as it is rendered), and about 110 times in the line
//! modes, where a document's output waits in memory for its turn; so a 1 GB document
//! would need some hundred GB. Such input is a corpus, not an article: give it
//! one document per line (`--per-line`, JSON Lines), or raise the limit knowingly.
//!
//! Invalid UTF-8 stops the run with exit status 1 and an error naming its byte offset
//! in the whole input and its line (the documents before it have been written); with
//! `--lossy` each invalid sequence becomes U+FFFD, is reported on stderr, and the run
//! goes on. A JSON Lines line that is not JSON, lacks the field or holds something else
//! than a string there stops the run with an error naming the line.

mod input;
mod render;

use crate::commands::normalize::option_flags::OptionFlags;
use crate::commands::normalize::PresetArg;
use crate::stream::{self, StreamArgs};
use anyhow::bail;
use dabir::clean::CleanOptions;
use dabir::document::Document;
use dabir::pipeline::{Pipeline, PipelineOptions};
use indicatif::ProgressBar;
use input::{Batch, BatchReader, Extract, Line, BATCH_BYTES};
use rayon::prelude::*;
use render::Format;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::process::ExitCode;
use std::time::Instant;

/// Arguments of `dabir analyze`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "JSON output: one Document per line, described by schema/document.schema.json.\n\
Spans are byte offsets: `span` into the cleaned `text`, `input_span` into `input`."
)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    io: StreamArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// What the input is: plain text, or JSON Lines records (see --text-field).
    #[arg(long, value_enum, default_value_t = InputFormat::Text)]
    input_format: InputFormat,
    /// With --input-format jsonl: the field holding the text (a key, or a JSON pointer
    /// such as /article/body).
    #[arg(long, value_name = "F", default_value = "text")]
    text_field: String,
    /// Every line of a text input is a document of its own (default: the whole input
    /// is one document).
    #[arg(long)]
    per_line: bool,
    /// Every non-empty line is exactly one sentence (no sentence splitting).
    #[arg(long)]
    one_sentence_per_line: bool,
    /// Keep clitics attached (one word per token).
    #[arg(long)]
    no_clitics: bool,
    /// Skip lemmas and tags (and entities, whose features they are).
    #[arg(long)]
    no_morphology: bool,
    /// Skip named entities.
    #[arg(long)]
    no_entities: bool,
    /// Recognise entities with the model trained without Arman (no academic-use-only
    /// restriction; less accurate).
    #[arg(long)]
    entities_without_arman: bool,
    /// Skip dates, quantities, quotations and events.
    #[arg(long)]
    no_extract: bool,
    /// The preset the cleaning options start from.
    #[arg(long, value_enum, default_value_t = PresetArg::Standard)]
    preset: PresetArg,
    /// Print the pipeline options in effect as JSON and exit.
    #[arg(long)]
    print_options: bool,
    /// The longest document, in bytes (K, M and G suffixes: binary units): a longer one
    /// stops the run with an error. Analysing a document takes 75 to 110 times its size
    /// in memory; a corpus belongs one document per line (--per-line, JSON Lines).
    #[arg(long, value_name = "BYTES", default_value = "16M", value_parser = stream::parse_size)]
    max_document: usize,
    /// Batch size in bytes (for tests of the batching; the default suits every input).
    #[arg(long, hide = true, default_value_t = BATCH_BYTES)]
    batch_bytes: usize,
    #[command(flatten)]
    flags: OptionFlags,
}

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum InputFormat {
    /// Plain text (UTF-8).
    Text,
    /// JSON Lines: one JSON object per line, the text in --text-field.
    Jsonl,
}

/// Everything a worker needs to turn a line into output.
struct Job {
    pipeline: Pipeline,
    extract: Extract,
    format: Format,
    lossy: bool,
    /// The longest document (for the error message).
    max_document: usize,
}

/// The output of one document (or of a line that gave none).
#[derive(Default)]
struct DocOut {
    bytes: Vec<u8>,
    /// `--lossy` replacement reports.
    warnings: Vec<String>,
    tokens: u64,
    docs: u64,
    /// The run stops here (its bytes are empty).
    error: Option<anyhow::Error>,
}

/// The outputs of a batch, in order.
struct BatchOut {
    docs: Vec<DocOut>,
    input_bytes: u64,
}

/// Why a run stopped early.
type Failure = stream::Failure<anyhow::Error>;

/// Runs `dabir analyze`.
pub fn run(args: AnalyzeArgs) -> anyhow::Result<ExitCode> {
    let clean: CleanOptions = args.flags.apply(CleanOptions::preset(args.preset.into()))?;
    let options = PipelineOptions {
        clean,
        one_sentence_per_line: args.one_sentence_per_line,
        split_clitics: !args.no_clitics,
        morphology: !args.no_morphology,
        entities: !args.no_entities,
        entities_without_arman: args.entities_without_arman,
        extract: !args.no_extract,
    };
    if args.print_options {
        println!("{}", serde_json::to_string_pretty(&options)?);
        return Ok(ExitCode::SUCCESS);
    }
    if args.per_line && args.input_format == InputFormat::Jsonl {
        bail!("--per-line is for text input; JSON Lines input is always one document per line");
    }
    let (input, sink, progress) = args.io.open()?;
    let job = Job {
        pipeline: Pipeline::with_options(options)?,
        extract: match args.input_format {
            InputFormat::Text => Extract::Text,
            InputFormat::Jsonl => Extract::Json {
                field: args.text_field.clone(),
            },
        },
        format: args.format,
        lossy: args.io.lossy,
        max_document: args.max_document,
    };
    let mut writer = Writer::new(sink, progress);
    let threads = args.io.threads();
    let whole = args.input_format == InputFormat::Text && !args.per_line;
    let name = input.name;
    let result = if whole {
        run_whole(input.reader, &job, &mut writer, args.max_document)
    } else {
        // A file is read in full batches; a pipe hands out what it has.
        let reader = BatchReader::new(
            BufReader::with_capacity(1 << 20, input.reader),
            args.batch_bytes,
            input.size.is_none(),
            args.max_document,
        );
        run_batches(reader, &job, &mut writer, threads)
    };
    let result = result.and_then(|()| writer.finish());
    match result {
        Ok(()) | Err(Failure::BrokenPipe) => Ok(ExitCode::SUCCESS),
        Err(Failure::Read(e)) => Err(anyhow::Error::new(e).context(format!("{name}: read error"))),
        Err(Failure::Write(e)) => Err(anyhow::Error::new(e).context("write error")),
        Err(Failure::Input(e)) => Err(e.context(name)),
    }
}

/// The whole input is one document. Its output is rendered straight to the sink, a
/// sentence at a time, not into a buffer first.
fn run_whole(
    source: Box<dyn Read + Send>,
    job: &Job,
    writer: &mut Writer,
    max_document: usize,
) -> Result<(), Failure> {
    let data = stream::read_document(source, max_document, "--max-document")?;
    let line = Line {
        start: 0,
        end: data.len(),
        number: 1,
        offset: 0,
        too_long: false,
    };
    let input_bytes = data.len() as u64;
    let batch = Batch {
        data,
        lines: vec![line],
    };
    let mut out = DocOut::default();
    let doc = analyze_line(&batch, &line, job, &mut out);
    drop(batch);
    // Warnings, errors and the counts first; then the document itself.
    writer.write(BatchOut {
        docs: vec![out],
        input_bytes,
    })?;
    match doc {
        Some(doc) => render::document(job.format, line.number, &doc, &mut writer.sink)
            .map_err(Failure::write),
        None => Ok(()),
    }
}

/// Analyses the batches of `reader`, the documents of a batch in parallel on
/// `threads` workers, and writes them in input order ([`crate::stream::ordered`]).
fn run_batches<R: BufRead + Send>(
    reader: BatchReader<R>,
    job: &Job,
    writer: &mut Writer,
    threads: usize,
) -> Result<(), Failure> {
    let pool = stream::pool(threads).map_err(Failure::Read)?;
    stream::ordered(
        reader.map(|batch| batch.map_err(Failure::Read)),
        pool.as_ref(),
        |batch| {
            let docs = if pool.is_some() {
                batch
                    .lines
                    .par_iter()
                    .map(|l| process(&batch, l, job))
                    .collect()
            } else {
                batch
                    .lines
                    .iter()
                    .map(|l| process(&batch, l, job))
                    .collect()
            };
            Ok(BatchOut {
                docs,
                input_bytes: batch.data.len() as u64,
            })
        },
        |out| writer.write(out),
    )
}

/// Analyses the document of one line and renders it.
fn process(batch: &Batch, line: &Line, job: &Job) -> DocOut {
    let mut out = DocOut::default();
    if let Some(doc) = analyze_line(batch, line, job, &mut out) {
        // Writing into a Vec cannot fail.
        let _ = render::document(job.format, line.number, &doc, &mut out.bytes);
    }
    out
}

/// Analyses the document of one line, noting in `out` its counts, the `--lossy`
/// warnings, or the error that stops the run.
fn analyze_line(batch: &Batch, line: &Line, job: &Job, out: &mut DocOut) -> Option<Document> {
    if line.too_long {
        out.error = Some(anyhow::anyhow!(
            "line {} is longer than --max-document ({}), the limit of one document; \
             split it, or raise --max-document (75 to 110 bytes of memory per byte of text)",
            line.number,
            stream::size_name(job.max_document)
        ));
        return None;
    }
    let text = match input::extract(
        batch.content(line),
        line,
        &job.extract,
        job.lossy,
        &mut out.warnings,
    ) {
        Ok(Some(text)) => text,
        Ok(None) => return None,
        Err(e) => {
            out.error = Some(e.into());
            return None;
        }
    };
    match job.pipeline.analyze(&text) {
        Ok(doc) => {
            out.docs = 1;
            out.tokens = doc.tokens.len() as u64;
            Some(doc)
        }
        Err(e) => {
            out.error = Some(anyhow::Error::new(e).context(format!("line {}", line.number)));
            None
        }
    }
}

/// Writes outputs in order, with the progress bar and lossy reports.
struct Writer {
    sink: io::BufWriter<Box<dyn Write + Send>>,
    progress: ProgressBar,
    started: Instant,
    docs: u64,
    tokens: u64,
    replaced: u64,
}

impl Writer {
    fn new(sink: Box<dyn Write + Send>, progress: ProgressBar) -> Self {
        Writer {
            sink: io::BufWriter::with_capacity(1 << 20, sink),
            progress,
            started: Instant::now(),
            docs: 0,
            tokens: 0,
            replaced: 0,
        }
    }

    fn write(&mut self, out: BatchOut) -> Result<(), Failure> {
        for doc in out.docs {
            if !doc.warnings.is_empty() {
                let mut err = io::stderr().lock();
                for w in &doc.warnings {
                    let _ = writeln!(err, "{w}");
                }
                self.replaced += doc.warnings.len() as u64;
            }
            if let Some(e) = doc.error {
                let _ = self.sink.flush();
                return Err(Failure::Input(e));
            }
            self.sink.write_all(&doc.bytes).map_err(Failure::write)?;
            self.docs += doc.docs;
            self.tokens += doc.tokens;
        }
        self.progress.inc(out.input_bytes);
        let secs = self.started.elapsed().as_secs_f64().max(1e-3);
        self.progress.set_message(format!(
            "{} docs, {:.0} tokens/s",
            self.docs,
            self.tokens as f64 / secs
        ));
        Ok(())
    }

    fn finish(&mut self) -> Result<(), Failure> {
        self.progress.finish_and_clear();
        if self.replaced > 0 {
            eprintln!(
                "dabir: {} invalid UTF-8 sequence(s) replaced with U+FFFD in all",
                self.replaced
            );
        }
        self.sink.flush().map_err(Failure::write)
    }
}
