//! `dabir normalize [FILE|-] [-o FILE]`: the cleaning stage over a file or a stream.
//!
//! # How the input flows
//! The input is read in chunks of whole lines (4 MB, see [`chunks`]); the lines of a
//! chunk are cleaned in parallel (rayon) and written in input order, while the next
//! chunk is read and the previous one written, so memory stays flat on a multi-GB
//! input: a few chunks in flight, about 30 MB whatever the input size. A line longer
//! than a chunk is cut into pieces (at a sentence end or a space), so even a 1 GB line
//! runs in the same memory; each piece is cleaned on its own.
//!
//! # Line structure
//! One output line per input line, each with its own terminator: `\n` stays `\n`,
//! `\r\n` stays `\r\n` (line ends are not the cleaner's business; the CR is not shown
//! to the cleaner, so it is neither removed as a control character nor kept inside the
//! line), and a last line without a newline stays without one. The one exception is a
//! residue line (site furniture such as "Read More" in a Persian document): the
//! library replaces it by nothing and reports a `residue` edit, and such a line is
//! dropped whole, line break included, unless `--keep-residue`. Pieces of a cut long
//! line are never dropped (a 4 MB line is not furniture).
//!
//! # Context
//! Whether the document is Persian (which decides whether an English line is residue
//! or text) is measured once on the first 64 KB of the input with
//! [`Context::of`] and used for every line. (So on a live stream the first output line
//! comes once 64 KB have arrived or the input has ended; after that, complete lines are
//! cleaned as soon as a read brings them.)
//!
//! # Bad input
//! Each line is checked for UTF-8. An invalid byte stops the run with exit status 1
//! and an error naming its byte offset in the whole input (and its line); the lines
//! before it have been written. With `--lossy` every invalid sequence becomes U+FFFD
//! and is reported on stderr with its offset, and the run goes on. An empty input gives
//! an empty output and exit status 0.

mod chunks;
pub(crate) mod option_flags;
pub(crate) mod render;

use crate::stream::{self, StreamArgs};
use anyhow::{bail, Context as _};
use chunks::{Chunk, ChunkReader, RawLine, CHUNK_BYTES, SEQUENTIAL_TARGET};
use dabir::clean::{CleanOptions, Cleaner, Context, Preset};
use indicatif::ProgressBar;
use option_flags::OptionFlags;
use rayon::prelude::*;
use render::{Format, Stats};
use std::borrow::Cow;
use std::io::{self, Read, Write};
use std::process::ExitCode;
use std::sync::mpsc::sync_channel;

/// Arguments of `dabir normalize`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Every cleaning option of the library is a flag below; flags override the preset.\n\
Line ends are kept (LF stays LF, CRLF stays CRLF); residue lines are dropped unless --keep-residue."
)]
pub struct NormalizeArgs {
    #[command(flatten)]
    io: StreamArgs,
    /// Output format: the cleaned text, one JSON object per line, or a report for people.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The preset the options start from.
    #[arg(long, value_enum, default_value_t = PresetArg::Standard)]
    preset: PresetArg,
    /// Print the options in effect (preset plus flags) as JSON and exit.
    #[arg(long)]
    print_options: bool,
    /// Chunk size in bytes (for tests of the chunking; the default suits every input).
    #[arg(long, hide = true, default_value_t = CHUNK_BYTES)]
    chunk_bytes: usize,
    #[command(flatten)]
    flags: OptionFlags,
}

/// The presets, as the command line spells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum PresetArg {
    /// Encoding-level fixes only.
    Conservative,
    /// Everything a news desk wants, ZWNJ restoration included.
    Standard,
    /// Standard plus the orthography of the Academy of Persian Language and Literature.
    Academy,
}

impl From<PresetArg> for Preset {
    fn from(p: PresetArg) -> Self {
        match p {
            PresetArg::Conservative => Preset::Conservative,
            PresetArg::Standard => Preset::Standard,
            PresetArg::Academy => Preset::Academy,
        }
    }
}

/// Everything a worker needs to clean and render one line.
struct Job {
    /// Cleans whole lines.
    cleaner: Cleaner,
    /// Cleans pieces of cut long lines: the same options without residue removal.
    piece_cleaner: Cleaner,
    ctx: Context,
    format: Format,
    lossy: bool,
}

/// An invalid UTF-8 sequence found while cleaning (strict mode).
#[derive(Debug, Clone, Copy)]
struct BadUtf8 {
    offset: u64,
    line: u64,
}

/// The rendered output of a run of lines, and what went wrong in it.
#[derive(Default)]
struct BatchOut {
    bytes: Vec<u8>,
    /// `--lossy` replacement reports, in input order.
    warnings: Vec<String>,
    stats: Stats,
    /// The batch stopped at this invalid byte (its output holds the lines before it).
    error: Option<BadUtf8>,
}

/// The rendered output of a chunk.
struct ChunkOut {
    batches: Vec<BatchOut>,
    input_bytes: u64,
}

/// Runs `dabir normalize`.
pub fn run(args: NormalizeArgs) -> anyhow::Result<ExitCode> {
    let options = args.flags.apply(CleanOptions::preset(args.preset.into()))?;
    if args.print_options {
        println!("{}", serde_json::to_string_pretty(&options)?);
        return Ok(ExitCode::SUCCESS);
    }
    let (input, sink, progress) = args.io.open()?;
    let name = input.name;

    let mut reader = ChunkReader::new(input.reader, args.chunk_bytes);
    let sample = reader
        .sniff()
        .with_context(|| format!("{name}: read error"))?;
    let mut piece_options = options.clone();
    piece_options.remove_residue = false;
    let job = Job {
        cleaner: Cleaner::new(options),
        piece_cleaner: Cleaner::new(piece_options),
        ctx: Context::of(&sample),
        format: args.format,
        lossy: args.io.lossy,
    };
    let threads = args.io.threads();
    let mut writer = Writer::new(sink, args.format, progress);
    let result = if threads == 1 {
        run_sequential(reader.with_target(SEQUENTIAL_TARGET), &job, &mut writer)
    } else {
        run_parallel(reader, &job, &mut writer, threads)
    };
    let result = result.and_then(|()| writer.finish());
    match result {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(Failure::BrokenPipe) => Ok(ExitCode::SUCCESS),
        Err(Failure::Read(e)) => Err(anyhow::Error::new(e).context(format!("{name}: read error"))),
        Err(Failure::Write(e)) => Err(anyhow::Error::new(e).context("write error")),
        Err(Failure::Input(bad)) => {
            let err = dabir::Error::InvalidUtf8 { offset: bad.offset };
            bail!(
                "{name}: {err} (line {}); --lossy replaces invalid bytes with U+FFFD",
                bad.line
            )
        }
    }
}

/// Why a run stopped early.
type Failure = stream::Failure<BadUtf8>;

/// One thread does everything, in order (`--threads 1`). The input and output
/// buffers go round: a spent chunk's memory holds the next one (see
/// [`ChunkReader::recycle`]).
fn run_sequential<R: Read>(
    mut reader: ChunkReader<R>,
    job: &Job,
    writer: &mut Writer,
) -> Result<(), Failure> {
    while let Some(chunk) = reader.next_chunk().map_err(Failure::Read)? {
        let reserve = chunk.data.len() + chunk.data.len() / 32;
        let batch = clean_batch(chunk.iter_lines(), reserve, job, writer.spare_buffer());
        let out = ChunkOut {
            batches: vec![batch],
            input_bytes: chunk.data.len() as u64,
        };
        writer.write(out)?;
        reader.recycle(chunk.data);
    }
    Ok(())
}

/// A reader thread, a pool of `threads` cleaning workers, and the calling thread
/// writing; at most two chunks wait on each side, which bounds memory. (Buffers are
/// not recycled here as in [`run_sequential`]: handing spent buffers back kept more
/// of them alive at once, and the peak memory on a 1 GB one-line input went from
/// about 175 MB to 219 MB, over the 200 MB bar.)
fn run_parallel<R: Read + Send>(
    reader: ChunkReader<R>,
    job: &Job,
    writer: &mut Writer,
    threads: usize,
) -> Result<(), Failure> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Failure::Read(io::Error::other(e)))?;
    let (chunk_tx, chunk_rx) = sync_channel::<io::Result<Chunk>>(2);
    let (out_tx, out_rx) = sync_channel::<ChunkOut>(2);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            for chunk in reader {
                let stop = chunk.is_err();
                if chunk_tx.send(chunk).is_err() || stop {
                    break;
                }
            }
        });
        let cleaner = scope.spawn(move || -> Result<(), Failure> {
            for chunk in chunk_rx {
                let chunk = chunk.map_err(Failure::Read)?;
                let out = pool.install(|| clean_chunk_parallel(&chunk, job, threads));
                if out_tx.send(out).is_err() {
                    break; // the writer stopped; its error is the one to report
                }
            }
            Ok(())
        });
        let written = out_rx.into_iter().try_for_each(|out| writer.write(out));
        // Dropping the receiver (on error) unblocks the cleaner, which unblocks the reader.
        let cleaned = cleaner.join().unwrap_or(Ok(()));
        written.and(cleaned)
    })
}

/// Cleans a chunk's lines in parallel batches, in order.
fn clean_chunk_parallel(chunk: &Chunk, job: &Job, threads: usize) -> ChunkOut {
    let lines = chunk.lines();
    let per_batch = lines.len().div_ceil(threads * 8).max(1);
    let batches = lines
        .par_chunks(per_batch)
        .map(|b| {
            let reserve = b.iter().map(|l| l.content.len() + 2).sum();
            clean_batch(b.iter().copied(), reserve, job, Vec::new())
        })
        .collect();
    ChunkOut {
        batches,
        input_bytes: chunk.data.len() as u64,
    }
}

/// Cleans and renders lines in order, stopping at the first invalid UTF-8 (unless
/// lossy). The output goes into `bytes` (emptied first, `reserve` bytes reserved), a
/// buffer that may be reused.
fn clean_batch<'a>(
    lines: impl IntoIterator<Item = RawLine<'a>>,
    reserve: usize,
    job: &Job,
    mut bytes: Vec<u8>,
) -> BatchOut {
    bytes.clear();
    bytes.reserve(reserve);
    let mut out = BatchOut {
        bytes,
        ..BatchOut::default()
    };
    for line in lines {
        let text = match decode(&line, job.lossy, &mut out.warnings) {
            Ok(text) => text,
            Err(bad) => {
                out.error = Some(bad);
                break;
            }
        };
        let cleaner = if line.is_piece {
            &job.piece_cleaner
        } else {
            &job.cleaner
        };
        if job.format == Format::Text {
            // Only the text is written: no edit list, no copy of an unchanged line.
            let mark = out.bytes.len();
            let count = cleaner.clean_append(&text, &job.ctx, &mut out.bytes);
            let dropped = !line.is_piece && count.residue_line;
            out.stats.lines += 1;
            out.stats.edits += count.edits as u64;
            out.stats.changed += u64::from(count.edits > 0 && !dropped);
            out.stats.dropped += u64::from(dropped);
            if dropped {
                out.bytes.truncate(mark);
            } else {
                out.bytes.extend_from_slice(line.terminator);
            }
            continue;
        }
        let cleaned = cleaner.clean_with(&text, &job.ctx);
        let dropped = !line.is_piece && cleaned.is_residue_line();
        out.stats.lines += 1;
        out.stats.edits += cleaned.edits.len() as u64;
        out.stats.changed += u64::from(!cleaned.edits.is_empty() && !dropped);
        out.stats.dropped += u64::from(dropped);
        render::line(job.format, &line, &text, &cleaned, dropped, &mut out.bytes);
    }
    out
}

/// The line as text: borrowed when valid; with `lossy`, invalid sequences become U+FFFD
/// and each is reported. Validation uses simdutf8: Persian text is almost all two-byte
/// sequences, where std's validator cost a tenth of the whole command.
fn decode<'a>(
    line: &RawLine<'a>,
    lossy: bool,
    warnings: &mut Vec<String>,
) -> Result<Cow<'a, str>, BadUtf8> {
    if let Some(text) = line.text {
        return Ok(Cow::Borrowed(text));
    }
    match simdutf8::compat::from_utf8(line.content) {
        Ok(s) => Ok(Cow::Borrowed(s)),
        Err(e) if !lossy => Err(BadUtf8 {
            offset: line.offset + e.valid_up_to() as u64,
            line: line.number,
        }),
        Err(_) => {
            let mut text = String::with_capacity(line.content.len() + 8);
            let mut at = 0usize;
            for part in line.content.utf8_chunks() {
                text.push_str(part.valid());
                at += part.valid().len();
                let bad = part.invalid();
                if !bad.is_empty() {
                    let hex: Vec<String> = bad.iter().map(|b| format!("{b:02X}")).collect();
                    warnings.push(format!(
                        "dabir: byte offset {} (line {}): invalid UTF-8 [{}] replaced with U+FFFD",
                        line.offset + at as u64,
                        line.number,
                        hex.join(" ")
                    ));
                    text.push('\u{FFFD}');
                    at += bad.len();
                }
            }
            Ok(Cow::Owned(text))
        }
    }
}

/// The capacity of the [`Writer`]'s buffer. A batch's output (about 256 KB: a chunk
/// of `--threads 1`, or a sixteenth of a 4 MB chunk on two threads) is at least this
/// large, so `BufWriter` hands it to the sink as it is instead of copying it into its
/// buffer first: that copy of the whole output was 1–2% of the command's time. Small
/// batches (the last of a run, or many threads) are still gathered.
const WRITE_BUFFER: usize = 64 << 10;

/// Writes chunk outputs in order, with the progress bar and lossy reports.
struct Writer {
    sink: io::BufWriter<Box<dyn Write + Send>>,
    format: Format,
    progress: ProgressBar,
    stats: Stats,
    /// Invalid UTF-8 sequences replaced (`--lossy`).
    replaced: u64,
    /// The last output buffer written, kept for reuse when `--threads 1` asks for it
    /// ([`Writer::spare_buffer`]).
    spare: Option<Vec<u8>>,
    /// Keep written buffers (`--threads 1` only: there every chunk is one batch).
    recycle: bool,
}

impl Writer {
    fn new(sink: Box<dyn Write + Send>, format: Format, progress: ProgressBar) -> Self {
        Writer {
            sink: io::BufWriter::with_capacity(WRITE_BUFFER, sink),
            format,
            progress,
            stats: Stats::default(),
            replaced: 0,
            spare: None,
            recycle: false,
        }
    }

    /// A written output buffer to render into again, or a new one; from the first
    /// call on, the writer keeps the last buffer it wrote for the next call.
    fn spare_buffer(&mut self) -> Vec<u8> {
        self.recycle = true;
        self.spare.take().unwrap_or_default()
    }

    fn write(&mut self, out: ChunkOut) -> Result<(), Failure> {
        for batch in out.batches {
            if !batch.warnings.is_empty() {
                let mut err = io::stderr().lock();
                for w in &batch.warnings {
                    let _ = writeln!(err, "{w}");
                }
                self.replaced += batch.warnings.len() as u64;
            }
            self.sink.write_all(&batch.bytes).map_err(Failure::write)?;
            self.stats.add(&batch.stats);
            if let Some(bad) = batch.error {
                let _ = self.sink.flush();
                return Err(Failure::Input(bad));
            }
            if self.recycle {
                self.spare = Some(batch.bytes);
            }
        }
        self.progress.inc(out.input_bytes);
        Ok(())
    }

    fn finish(&mut self) -> Result<(), Failure> {
        if self.format == Format::Diff && self.stats.lines > 0 {
            render::diff_summary(&self.stats, &mut self.sink).map_err(Failure::write)?;
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn lossy_decoding_reports_offsets_in_the_whole_input() {
        let line = RawLine {
            content: b"a\xFFb\xE2\x82",
            terminator: b"\n",
            offset: 100,
            number: 7,
            is_piece: false,
            continues: false,
            text: None,
        };
        let mut warnings = Vec::new();
        let text = decode(&line, true, &mut warnings).ok().unwrap();
        assert_eq!(text, "a\u{FFFD}b\u{FFFD}");
        assert_eq!(warnings.len(), 2);
        assert!(
            warnings[0].contains("byte offset 101 (line 7)"),
            "{}",
            warnings[0]
        );
        assert!(warnings[1].contains("byte offset 103 (line 7): invalid UTF-8 [E2 82]"));
        let strict = decode(&line, false, &mut Vec::new()).err().unwrap();
        assert_eq!((strict.offset, strict.line), (101, 7));
    }
}
