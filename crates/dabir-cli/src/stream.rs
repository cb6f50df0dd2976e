//! What the streaming commands (`dabir normalize`, `dabir analyze`) share: opening the
//! input and the output, the progress bar, and the ordered reader → workers → writer
//! loop that keeps memory flat on inputs of any size.

use anyhow::{bail, Context as _};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::fs::File;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::sync_channel;

/// The arguments every streaming command takes: where to read and write, threads,
/// bad-input policy and the progress bar.
#[derive(Debug, clap::Args)]
pub(crate) struct StreamArgs {
    /// Input file; `-` or nothing reads standard input.
    pub input: Option<PathBuf>,
    /// Write the output to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace invalid UTF-8 with U+FFFD (each replacement reported on stderr) instead
    /// of stopping with an error.
    #[arg(long)]
    pub lossy: bool,
    /// Worker threads (default or 0: one per core; 1 runs everything on one thread).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// No progress bar (it is shown only when reading a file and stderr is a terminal).
    #[arg(long, short)]
    pub quiet: bool,
}

impl StreamArgs {
    /// Opens the input, creates the output (never over the input), and gives the
    /// progress bar for the input.
    pub fn open(&self) -> anyhow::Result<(Input, Box<dyn Write + Send>, ProgressBar)> {
        let input = Input::open(self.input.as_deref())?;
        let sink = open_output(self.output.as_deref(), self.input.as_deref())?;
        let progress = input.progress(self.quiet);
        Ok((input, sink, progress))
    }

    /// The number of worker threads: `--threads`, or one per core.
    pub fn threads(&self) -> usize {
        match self.threads {
            None | Some(0) => rayon::current_num_threads(),
            Some(n) => n,
        }
    }
}

/// Why a streaming run stopped early; `E` is the command's own reason (bad input).
pub(crate) enum Failure<E> {
    /// Reading the input failed.
    Read(io::Error),
    /// Writing the output failed.
    Write(io::Error),
    /// The input itself stopped the run (invalid UTF-8, a bad document).
    Input(E),
    /// The reader of our output went away (`dabir normalize big.txt | head`): not an
    /// error, we just stop.
    BrokenPipe,
}

impl<E> Failure<E> {
    /// A write error, or the end of the run when the reader went away.
    pub fn write(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Failure::BrokenPipe
        } else {
            Failure::Write(e)
        }
    }
}

/// The input of a run: a file, or standard input for `None` and `-`.
pub(crate) struct Input {
    /// The bytes.
    pub reader: Box<dyn Read + Send>,
    /// How messages name it (the path, or `<stdin>`).
    pub name: String,
    /// Its length, when it is a regular file (a progress bar needs one; FIFOs have none).
    pub size: Option<u64>,
}

impl Input {
    /// Opens `path` (`None` or `-` for standard input).
    pub fn open(path: Option<&Path>) -> anyhow::Result<Self> {
        match path.filter(|p| *p != Path::new("-")) {
            Some(p) => {
                let f = File::open(p).with_context(|| format!("{}: cannot open", p.display()))?;
                let size = f.metadata().ok().filter(|m| m.is_file()).map(|m| m.len());
                Ok(Input {
                    reader: Box::new(f),
                    name: p.display().to_string(),
                    size,
                })
            }
            None => Ok(Input {
                reader: Box::new(io::stdin()),
                name: "<stdin>".to_owned(),
                size: None,
            }),
        }
    }

    /// A progress bar over this input on stderr, or a hidden one when the input has no
    /// known length, stderr is not a terminal, or `quiet` is set.
    pub fn progress(&self, quiet: bool) -> ProgressBar {
        match self.size {
            Some(len) if !quiet && io::stderr().is_terminal() => progress_bar(len),
            _ => ProgressBar::hidden(),
        }
    }
}

/// Creates the output: the file `path`, or standard output for `None`. Refuses to
/// write over `input` (the run would read what it had just truncated).
pub(crate) fn open_output(
    path: Option<&Path>,
    input: Option<&Path>,
) -> anyhow::Result<Box<dyn Write + Send>> {
    let Some(p) = path else {
        return Ok(Box::new(io::stdout()));
    };
    if let Some(i) = input.filter(|i| *i != Path::new("-")) {
        if same_file(i, p) {
            bail!(
                "{}: refusing to write the output over the input",
                p.display()
            );
        }
    }
    Ok(Box::new(File::create(p).with_context(|| {
        format!("{}: cannot create", p.display())
    })?))
}

/// A byte-counting progress bar on stderr with throughput and time left.
pub(crate) fn progress_bar(len: u64) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
    ) {
        bar.set_style(style);
    }
    bar
}

/// True when both paths name the same existing file.
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The workers of [`ordered`]: none (everything on the calling thread) or a pool.
pub(crate) fn pool(threads: usize) -> io::Result<Option<rayon::ThreadPool>> {
    if threads <= 1 {
        return Ok(None);
    }
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map(Some)
        .map_err(io::Error::other)
}

/// Runs `work` on every item of `source` and hands the outputs to `write` in source
/// order, stopping at the first error (of the source, of `work` or of `write`).
///
/// Without a pool everything runs on the calling thread. With one, a reader thread
/// pulls `source`, a worker thread runs `work` inside the pool (so `work` may use
/// rayon's parallel iterators on the pool's threads) and the calling thread writes; at
/// most two items wait on each side, which bounds memory whatever the input's size.
pub(crate) fn ordered<T, O, F>(
    source: impl Iterator<Item = Result<T, F>> + Send,
    pool: Option<&rayon::ThreadPool>,
    work: impl Fn(T) -> Result<O, F> + Sync,
    mut write: impl FnMut(O) -> Result<(), F>,
) -> Result<(), F>
where
    T: Send,
    O: Send,
    F: Send,
{
    let Some(pool) = pool else {
        for item in source {
            write(work(item?)?)?;
        }
        return Ok(());
    };
    let (item_tx, item_rx) = sync_channel::<Result<T, F>>(2);
    let (out_tx, out_rx) = sync_channel::<O>(2);
    let work = &work;
    std::thread::scope(|scope| {
        scope.spawn(move || {
            for item in source {
                let stop = item.is_err();
                if item_tx.send(item).is_err() || stop {
                    break;
                }
            }
        });
        let worker = scope.spawn(move || -> Result<(), F> {
            for item in item_rx {
                let out = pool.install(|| work(item?))?;
                if out_tx.send(out).is_err() {
                    break; // the writer stopped; its error is the one to report
                }
            }
            Ok(())
        });
        let written = out_rx.into_iter().try_for_each(&mut write);
        // Dropping the receiver (on error) unblocks the worker, which unblocks the reader.
        let worked = worker.join().unwrap_or(Ok(()));
        written.and(worked)
    })
}

/// All of `source` as one document, refusing one longer than `max` bytes without
/// reading it whole (`what` names the limit in the message: `--max-document`). The
/// analysis of a document lives in memory at once, many times its size, so a corpus
/// read as one document would exhaust the machine instead of failing clearly.
pub(crate) fn read_document(
    source: impl Read,
    max: usize,
    what: &str,
) -> Result<Vec<u8>, Failure<anyhow::Error>> {
    let mut data = Vec::new();
    source
        .take((max as u64).saturating_add(1))
        .read_to_end(&mut data)
        .map_err(Failure::Read)?;
    if data.len() > max {
        return Err(Failure::Input(anyhow::anyhow!(
            "the input is longer than {what} ({}), the limit of one document; give a corpus \
             one document per line (dabir analyze --per-line, or --input-format jsonl), or \
             raise {what}",
            size_name(max)
        )));
    }
    Ok(data)
}

/// A size in bytes from the command line: digits, optionally followed by K, M or G
/// (binary units: 16M = 16 MiB; "KiB", "MB" and the like read the same).
pub(crate) fn parse_size(arg: &str) -> Result<usize, String> {
    let t = arg.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(digits);
    let n: usize = number
        .parse()
        .map_err(|_| format!("{arg:?} is not a size (examples: 4096, 64K, 16M, 1G)"))?;
    let shift = match unit
        .trim()
        .to_ascii_uppercase()
        .trim_end_matches(['B', 'I'])
    {
        "" => 0,
        "K" => 10,
        "M" => 20,
        "G" => 30,
        _ => return Err(format!("{arg:?}: unknown unit (use K, M or G)")),
    };
    n.checked_mul(1 << shift)
        .ok_or_else(|| format!("{arg:?} is too large"))
}

/// A byte count for messages: "16 MiB", "300 KiB", "100 bytes".
pub(crate) fn size_name(n: usize) -> String {
    match n {
        _ if n >= 1 << 30 && n % (1 << 30) == 0 => format!("{} GiB", n >> 30),
        _ if n >= 1 << 20 && n % (1 << 20) == 0 => format!("{} MiB", n >> 20),
        _ if n >= 1 << 10 && n % (1 << 10) == 0 => format!("{} KiB", n >> 10),
        _ => format!("{n} bytes"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(threads: usize, items: Vec<Result<u32, String>>) -> (Vec<u32>, Result<(), String>) {
        let pool = pool(threads).ok().flatten();
        let mut seen = Vec::new();
        let r = ordered(
            items.into_iter(),
            pool.as_ref(),
            |x| {
                if x == 13 {
                    Err("unlucky".to_owned())
                } else {
                    Ok(x * 2)
                }
            },
            |x| {
                seen.push(x);
                Ok(())
            },
        );
        (seen, r)
    }

    #[test]
    fn outputs_keep_their_order_and_errors_stop_the_run() {
        for threads in [1, 2, 4] {
            let lucky: Vec<u32> = (0..100).filter(|&x| x != 13).collect();
            let (seen, r) = run(threads, lucky.iter().copied().map(Ok).collect());
            assert_eq!(seen, lucky.iter().map(|x| x * 2).collect::<Vec<_>>());
            assert!(r.is_ok());
            let (seen, r) = run(threads, vec![Ok(1), Ok(13), Ok(2)]);
            assert_eq!((seen, r), (vec![2], Err("unlucky".to_owned())));
            let (seen, r) = run(threads, vec![Ok(1), Err("read".to_owned()), Ok(2)]);
            assert_eq!((seen, r), (vec![2], Err("read".to_owned())));
        }
    }

    #[test]
    fn the_output_never_overwrites_the_input() {
        let dir = std::env::temp_dir().join(format!("dabir-stream-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let f = dir.join("in.txt");
        let _ = std::fs::write(&f, "x");
        assert!(open_output(Some(&f), Some(&f)).is_err());
        assert_eq!(std::fs::read_to_string(&f).ok().as_deref(), Some("x"));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn sizes_read_with_binary_units() {
        assert_eq!(parse_size("4096"), Ok(4096));
        assert_eq!(parse_size("64K"), Ok(64 << 10));
        assert_eq!(parse_size("16M"), Ok(16 << 20));
        assert_eq!(parse_size("16MiB"), Ok(16 << 20));
        assert_eq!(parse_size("1g"), Ok(1 << 30));
        assert!(parse_size("").is_err());
        assert!(parse_size("12Q").is_err());
        assert!(parse_size("-1").is_err());
        assert!(parse_size("99999999999999999999G").is_err());
        assert_eq!(size_name(16 << 20), "16 MiB");
        assert_eq!(size_name(1000), "1000 bytes");
    }
}
