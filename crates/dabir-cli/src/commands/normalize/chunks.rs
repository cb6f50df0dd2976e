//! Reading the input as chunks of whole lines, so memory stays flat on any input size.
//!
//! A chunk is about `chunk_bytes` (4 MB by default) of raw input ending at a line
//! break. Bytes are not decoded here: each line is checked for UTF-8 where it is
//! cleaned (in parallel), so the byte offset of a bad byte is exact.
//!
//! A line longer than a chunk is cut into pieces, so a 1 GB line costs no more memory
//! than a 4 MB one. The cut is made, by preference, after a full stop followed by a
//! space, else at a space (the space itself is written through unchanged between the
//! two pieces), else before the last character that fits (never inside a UTF-8
//! sequence, never between CR and LF). Each piece is cleaned on its own, so a ZWNJ
//! decision that spans the cut is lost; with 4 MB pieces that is one word in millions.

use memchr::{memchr, memchr_iter, memrchr};
use std::io::{self, Read};

/// Default chunk size: large enough to amortise the thread hand-off, small enough to
/// keep a handful in flight.
pub const CHUNK_BYTES: usize = 4 << 20;
/// How much a chunk holds by preference with `--threads 1` ([`ChunkReader::with_target`]):
/// small enough that the chunk, read by the kernel's copy, the UTF-8 check, the line
/// search and the cleaner in turn, and the output rendered from it stay in the core's
/// L2 cache (2 MB here). With 4 MB chunks each of those passes read the chunk back
/// from memory: the line search alone was 3% of the command's time in `perf`.
pub const SEQUENTIAL_TARGET: usize = 256 << 10;
/// How much of the input is read before cleaning starts, to measure the document's
/// [`dabir::clean::Context`] (is it Persian?).
pub const SNIFF_BYTES: usize = 64 << 10;

/// Whole lines of raw input.
#[derive(Debug)]
pub struct Chunk {
    /// The raw bytes: lines with their terminators.
    pub data: Vec<u8>,
    /// Byte offset of `data[0]` in the whole input.
    pub offset: u64,
    /// 1-based number of the first line of `data`.
    pub first_line: u64,
    /// The first line continues the last line of the previous chunk (a cut long line).
    pub starts_mid_line: bool,
    /// The last line goes on in the next chunk; its last `cut_separator` bytes (0 or 1,
    /// a space) stand between the two pieces and are written through unchanged.
    pub cut_separator: Option<usize>,
}

/// One line (or one piece of a cut line) of a [`Chunk`].
#[derive(Debug, Clone, Copy)]
pub struct RawLine<'a> {
    /// The line without its terminator.
    pub content: &'a [u8],
    /// What ends it in the input, written after the cleaned line unchanged: `\n`,
    /// `\r\n`, nothing (the last line of an input without a final newline, or a cut
    /// without a space), or the space at which a long line was cut.
    pub terminator: &'a [u8],
    /// Byte offset of `content` in the whole input.
    pub offset: u64,
    /// 1-based line number in the input.
    pub number: u64,
    /// This is a piece of a long line that was cut (not the whole line).
    pub is_piece: bool,
    /// This is a piece and not the last one of its line.
    pub continues: bool,
    /// `content` as text, when the whole chunk is valid UTF-8 (checked once per chunk:
    /// one pass over 4 MB costs less than a call per line); `None` otherwise, and the
    /// line is checked on its own.
    pub text: Option<&'a str>,
}

impl Chunk {
    /// The lines of the chunk, in order.
    pub fn lines(&self) -> Vec<RawLine<'_>> {
        let mut lines = Vec::with_capacity(self.data.len() / 64 + 1);
        lines.extend(self.iter_lines());
        lines
    }

    /// The lines of the chunk, in order, found as they are asked for. The sequential
    /// path cleans each line as it comes: a chunk's list of lines (about 2 MB for 4 MB
    /// of PerDT text) was out of cache again by the time each entry was read, which
    /// cost a memory access per line (4% of the command's time in `perf`).
    pub fn iter_lines(&self) -> Lines<'_> {
        Lines {
            data: &self.data,
            valid: simdutf8::basic::from_utf8(&self.data).ok(),
            offset: self.offset,
            cut_separator: self.cut_separator,
            start: 0,
            number: self.first_line,
            first_is_piece: self.starts_mid_line,
            done: false,
        }
    }
}

/// The lines of a [`Chunk`], in order (see [`Chunk::iter_lines`]).
pub struct Lines<'a> {
    data: &'a [u8],
    /// The whole chunk as text, when it is valid UTF-8 (checked once per chunk).
    valid: Option<&'a str>,
    offset: u64,
    cut_separator: Option<usize>,
    /// Where the next line starts.
    start: usize,
    /// Its line number.
    number: u64,
    /// The next line is the chunk's first and continues a cut line.
    first_is_piece: bool,
    done: bool,
}

impl<'a> Iterator for Lines<'a> {
    type Item = RawLine<'a>;

    fn next(&mut self) -> Option<RawLine<'a>> {
        if self.done {
            return None;
        }
        let data = self.data;
        let valid = self.valid;
        let text = |from: usize, len: usize| valid.and_then(|s| s.get(from..from + len));
        let start = self.start;
        let rest = data.get(start..).unwrap_or_default();
        let is_piece = std::mem::take(&mut self.first_is_piece);
        let number = self.number;
        if let Some(i) = memchr(b'\n', rest) {
            let (content, terminator) = split_terminator(&rest[..=i]);
            self.start = start + i + 1;
            self.number += 1;
            return Some(RawLine {
                content,
                terminator,
                offset: self.offset + start as u64,
                number,
                is_piece,
                continues: false,
                text: text(start, content.len()),
            });
        }
        self.done = true;
        if rest.is_empty() {
            return None;
        }
        let sep = self.cut_separator.unwrap_or(0).min(rest.len());
        let (content, terminator) = rest.split_at(rest.len() - sep);
        Some(RawLine {
            content,
            terminator,
            offset: self.offset + start as u64,
            number,
            is_piece: is_piece || self.cut_separator.is_some(),
            continues: self.cut_separator.is_some(),
            text: text(start, content.len()),
        })
    }
}

/// Splits `line\n` or `line\r\n` into the line and its terminator.
fn split_terminator(with_nl: &[u8]) -> (&[u8], &[u8]) {
    let n = with_nl.len();
    let cut = if n >= 2 && with_nl[n - 2] == b'\r' {
        n - 2
    } else {
        n.saturating_sub(1)
    };
    with_nl.split_at(cut)
}

/// Reads an input into [`Chunk`]s.
pub struct ChunkReader<R> {
    src: R,
    buf: Vec<u8>,
    chunk_bytes: usize,
    /// A chunk ends at the last line break within its first `target` bytes when there
    /// is one (at most `chunk_bytes`; see [`ChunkReader::with_target`]).
    target: usize,
    offset: u64,
    line: u64,
    mid_line: bool,
    eof: bool,
    /// A spent chunk's buffer (see [`ChunkReader::recycle`]), to hold the bytes read
    /// past the next chunk's end.
    spare: Vec<u8>,
}

impl<R: Read> ChunkReader<R> {
    /// A reader making chunks of about `chunk_bytes` (at least 16).
    pub fn new(src: R, chunk_bytes: usize) -> Self {
        ChunkReader {
            src,
            buf: Vec::new(),
            chunk_bytes: chunk_bytes.max(16),
            target: chunk_bytes.max(16),
            offset: 0,
            line: 1,
            mid_line: false,
            eof: false,
            spare: Vec::new(),
        }
    }

    /// Chunks of about `target` bytes (at most the chunk size) where lines allow it.
    /// A line is still cut only when no line break comes within the chunk size of its
    /// start, and at the same place: the reader looks that far ahead before it cuts. So
    /// the lines and pieces, hence the output, are the same for every target; only
    /// how many lines a chunk holds changes.
    pub fn with_target(mut self, target: usize) -> Self {
        self.target = target.clamp(16, self.chunk_bytes);
        self
    }

    /// Takes back the data of a chunk that has been cleaned and written, so that the
    /// next chunks are read into memory the process already has: a fresh 4 MB buffer
    /// per chunk cost a page fault per 4 kB page, about a twentieth of the command's
    /// time. Optional: without it every chunk gets new memory.
    pub fn recycle(&mut self, mut buf: Vec<u8>) {
        if buf.capacity() > self.spare.capacity() {
            buf.clear();
            self.spare = buf;
        }
    }

    /// Reads the first [`SNIFF_BYTES`] (or the whole input if shorter) without
    /// consuming them and returns that sample, decoded leniently.
    pub fn sniff(&mut self) -> io::Result<String> {
        while !self.eof && self.buf.len() < SNIFF_BYTES {
            self.read_some(SNIFF_BYTES - self.buf.len())?;
        }
        let end = floor_char_boundary(&self.buf, SNIFF_BYTES.min(self.buf.len()));
        Ok(String::from_utf8_lossy(&self.buf[..end]).into_owned())
    }

    /// Reads at most `want` more bytes into the buffer; returns how many came.
    fn read_some(&mut self, want: usize) -> io::Result<usize> {
        let start = self.buf.len();
        self.buf.resize(start + want.max(1), 0);
        let got = loop {
            match self.src.read(&mut self.buf[start..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.buf.truncate(start);
                    return Err(e);
                }
            }
        };
        self.buf.truncate(start + got);
        if got == 0 {
            self.eof = true;
        }
        Ok(got)
    }

    /// The next chunk, or `None` at the end of the input.
    pub fn next_chunk(&mut self) -> io::Result<Option<Chunk>> {
        // Looking for a line break in the first `target` bytes, then, when there is
        // none, in the first `chunk_bytes` (before cutting).
        let mut goal = self.target;
        let (end, cut_separator) = loop {
            while !self.eof && self.buf.len() < goal {
                let want = goal - self.buf.len();
                let before = self.buf.len();
                let got = self.read_some(want)?;
                // A short read from a pipe or terminal: hand out the complete lines we
                // have rather than wait for a full chunk (keeps `tail -f | dabir` live).
                if got > 0 && got < want && memchr(b'\n', &self.buf[before..]).is_some() {
                    break;
                }
            }
            if self.buf.is_empty() {
                return Ok(None);
            }
            let limit = goal.min(self.buf.len());
            if self.eof && self.buf.len() <= self.chunk_bytes {
                break (self.buf.len(), None);
            } else if let Some(nl) = memrchr(b'\n', &self.buf[..limit]) {
                break (nl + 1, None);
            } else if goal < self.chunk_bytes && self.buf.len() >= goal {
                goal = self.chunk_bytes; // no line break yet: look as far as a cut would
                continue;
            } else if self.buf.len() >= self.chunk_bytes {
                let (end, sep) = cut_point(&self.buf[..limit]);
                break (end + sep, Some(sep));
            }
            // A short read without a complete line: read on.
        };
        // The bytes after the chunk go on in the spare buffer (no allocation once a
        // chunk has been recycled), and the chunk keeps the buffer it was read into.
        let mut rest = std::mem::take(&mut self.spare);
        rest.clear();
        rest.extend_from_slice(self.buf.get(end..).unwrap_or_default());
        self.buf.truncate(end);
        let data = std::mem::replace(&mut self.buf, rest);
        let chunk = Chunk {
            offset: self.offset,
            first_line: self.line,
            starts_mid_line: self.mid_line,
            cut_separator,
            data,
        };
        self.offset += chunk.data.len() as u64;
        self.line += memchr_iter(b'\n', &chunk.data).count() as u64;
        self.mid_line = cut_separator.is_some();
        Ok(Some(chunk))
    }
}

impl<R: Read> Iterator for ChunkReader<R> {
    type Item = io::Result<Chunk>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_chunk().transpose()
    }
}

/// Where to cut a buffer holding part of one long line: `(end of the piece, length of
/// the separator after it)`.
fn cut_point(buf: &[u8]) -> (usize, usize) {
    let half = buf.len() / 2;
    let window = &buf[half..];
    if let Some(p) = memchr::memmem::rfind(window, b". ") {
        return (half + p + 1, 1);
    }
    if let Some(p) = memrchr(b' ', window) {
        return (half + p, 1);
    }
    let mut end = floor_char_boundary(buf, buf.len().saturating_sub(1));
    if end > 0 && buf[end - 1] == b'\r' {
        end -= 1;
    }
    if end == 0 {
        end = buf.len();
    }
    (end, 0)
}

/// The largest `i <= at` that does not fall inside a UTF-8 sequence (looking back at
/// most 3 bytes; invalid input may have no boundary there, then `at`).
fn floor_char_boundary(buf: &[u8], at: usize) -> usize {
    let at = at.min(buf.len());
    (at.saturating_sub(3)..=at)
        .rev()
        .find(|&i| i == buf.len() || (buf[i] as i8) >= -0x40)
        .unwrap_or(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunks(input: &[u8], size: usize) -> Vec<Chunk> {
        ChunkReader::new(input, size)
            .collect::<io::Result<Vec<_>>>()
            .unwrap()
    }

    fn rebuild(chunks: &[Chunk]) -> Vec<u8> {
        let mut out = Vec::new();
        for c in chunks {
            for l in c.lines() {
                out.extend_from_slice(l.content);
                out.extend_from_slice(l.terminator);
            }
        }
        out
    }

    #[test]
    fn recycled_buffers_give_the_same_chunks() {
        let input: Vec<u8> = (0..500)
            .flat_map(|i| format!("خط {i} با متن\n").into_bytes())
            .collect();
        for size in [16, 100, 1000] {
            let fresh = chunks(&input, size);
            let mut reader = ChunkReader::new(&input[..], size);
            let mut recycled = Vec::new();
            while let Some(c) = reader.next_chunk().unwrap() {
                recycled.push((c.data.clone(), c.offset, c.first_line));
                reader.recycle(c.data);
            }
            let expected: Vec<_> = fresh
                .iter()
                .map(|c| (c.data.clone(), c.offset, c.first_line))
                .collect();
            assert_eq!(recycled, expected, "chunk size {size}");
        }
    }

    #[test]
    fn lines_keep_terminators_and_numbers() {
        let input = b"a\r\nbb\n\nccc";
        let cs = chunks(input, 1 << 20);
        let lines: Vec<RawLine<'_>> = cs.iter().flat_map(|c| c.lines()).collect();
        let got: Vec<_> = lines
            .iter()
            .map(|l| (l.content, l.terminator, l.number))
            .collect();
        assert_eq!(
            got,
            vec![
                (&b"a"[..], &b"\r\n"[..], 1),
                (b"bb", b"\n", 2),
                (b"", b"\n", 3),
                (b"ccc", b"", 4)
            ]
        );
        assert_eq!(lines[3].offset, 7);
    }

    #[test]
    fn long_lines_are_cut_and_rebuild_exactly() {
        let mut input = Vec::new();
        for i in 0..200 {
            input.extend_from_slice(format!("واژه{i} ").as_bytes());
            if i % 50 == 49 {
                input.extend_from_slice("پایان. ".as_bytes());
            }
        }
        input.extend_from_slice(
            "ییییییییییییییییییییییییییییییییییییییییییییییییییی\nx\n".as_bytes(),
        );
        let cs = chunks(&input, 64);
        assert!(cs.len() > 10);
        assert_eq!(rebuild(&cs), input);
        for c in &cs {
            for l in c.lines() {
                assert!(
                    std::str::from_utf8(l.content).is_ok(),
                    "cut inside a character"
                );
                assert!(l.number == 1 || l.content == b"x");
            }
        }
    }

    #[test]
    fn a_smaller_target_gives_the_same_lines_and_cuts() {
        // Short lines, lines longer than the target, and lines longer than a chunk
        // (cut), with and without a final line break.
        let mut input = Vec::new();
        for i in 0..300 {
            let words = [1, 3, 40, 2, 170, 5][i % 6];
            for w in 0..words {
                input.extend_from_slice(format!("واژه{w} ").as_bytes());
                if w % 37 == 36 {
                    input.extend_from_slice(b". ");
                }
            }
            input.extend_from_slice(if i % 7 == 0 { b"\r\n" } else { b"\n" });
        }
        /// A line as the tests compare it: content, terminator, offset, number,
        /// piece, continues.
        type Line = (Vec<u8>, Vec<u8>, u64, u64, bool, bool);
        let key = |c: &Chunk| -> Vec<Line> {
            c.lines()
                .iter()
                .map(|l| {
                    let (a, b) = (l.content.to_vec(), l.terminator.to_vec());
                    (a, b, l.offset, l.number, l.is_piece, l.continues)
                })
                .collect()
        };
        for tail in [&b""[..], b"\xD9\x85\xD8\xA7 end without a break"] {
            let mut input = input.clone();
            input.extend_from_slice(tail);
            for size in [64, 256, 1000, 5000] {
                let whole: Vec<_> = chunks(&input, size).iter().flat_map(key).collect();
                for target in [16, 50, 100, 300, size] {
                    let mut reader = ChunkReader::new(&input[..], size).with_target(target);
                    let mut got = Vec::new();
                    while let Some(c) = reader.next_chunk().unwrap() {
                        got.extend(key(&c));
                        reader.recycle(c.data);
                    }
                    assert_eq!(got, whole, "chunk size {size}, target {target}");
                }
            }
        }
    }

    #[test]
    fn empty_input_has_no_chunks() {
        assert!(chunks(b"", 64).is_empty());
    }

    #[test]
    fn sniff_does_not_consume() {
        let mut r = ChunkReader::new(&b"abc\ndef"[..], 64);
        assert_eq!(r.sniff().unwrap(), "abc\ndef");
        let c = r.next_chunk().unwrap().unwrap();
        assert_eq!(c.data, b"abc\ndef");
    }
}
