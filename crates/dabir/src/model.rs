//! The file format of dabir's trained models.
//!
//! Every model file starts with a header: the magic bytes `DABIR`, a NUL, the model's
//! kind (a short ASCII name such as `zwnj`), a NUL and the format version of that kind
//! as a little-endian `u32`. The body is a sequence of little-endian integers, `f32`s
//! and length-prefixed UTF-8 strings written by [`Writer`] and read back by [`Reader`],
//! which checks every length, so a truncated or foreign file is an [`Error::Model`],
//! never a panic. The training code that writes each model lives beside the code that
//! reads it; the committed files under `models/` are embedded in the library.

use crate::error::{Error, Result};

const MAGIC: &[u8] = b"DABIR\0";

/// Writes a model body after its header.
#[derive(Debug, Default)]
pub struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    /// A writer whose output starts with the header for `kind` at `version`.
    pub fn new(kind: &str, version: u32) -> Self {
        let mut buf = MAGIC.to_vec();
        buf.extend_from_slice(kind.as_bytes());
        buf.push(0);
        buf.extend_from_slice(&version.to_le_bytes());
        Writer { buf }
    }
    /// Appends a `u8`.
    pub fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    /// Appends a `u32`.
    pub fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Appends a `u64`.
    pub fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Appends an `f32`.
    pub fn f32(&mut self, v: f32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Appends a length-prefixed UTF-8 string.
    pub fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }
    /// Appends length-prefixed bytes.
    pub fn bytes(&mut self, b: &[u8]) {
        self.u32(b.len() as u32);
        self.buf.extend_from_slice(b);
    }
    /// The finished file.
    pub fn finish(self) -> Vec<u8> {
        self.buf
    }
}

/// Reads a model body, checking every length against what is left.
#[derive(Debug)]
pub struct Reader<'a> {
    name: &'static str,
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// Checks the header (magic, kind, version) and returns a reader at the body.
    pub fn open(data: &'a [u8], kind: &'static str, version: u32) -> Result<Self> {
        let err = |r: String| Error::model(kind, r);
        let rest = data.strip_prefix(MAGIC).ok_or_else(|| err("not a dabir model file (bad magic)".into()))?;
        let nul = rest.iter().position(|&b| b == 0).ok_or_else(|| err("truncated header".into()))?;
        let found = String::from_utf8_lossy(&rest[..nul]);
        if found != kind {
            return Err(err(format!("is a {found:?} model, not {kind:?}")));
        }
        let mut r = Reader { name: kind, data, pos: MAGIC.len() + nul + 1 };
        let v = r.u32()?;
        if v != version {
            return Err(err(format!("format version {v}, this build reads version {version}")));
        }
        Ok(r)
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.data.len()).ok_or_else(|| {
            Error::model(self.name, format!("truncated at byte {} (wanted {n} more)", self.pos))
        })?;
        let s = &self.data[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    /// Reads a `u8`.
    pub fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }
    /// Reads a `u32`.
    pub fn u32(&mut self) -> Result<u32> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    /// Reads a `u64`.
    pub fn u64(&mut self) -> Result<u64> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }
    /// Reads an `f32`.
    pub fn f32(&mut self) -> Result<f32> {
        let b = self.take(4)?;
        Ok(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    /// Reads length-prefixed bytes.
    pub fn bytes(&mut self) -> Result<&'a [u8]> {
        let n = self.u32()? as usize;
        self.take(n)
    }
    /// Reads a length-prefixed UTF-8 string.
    pub fn str(&mut self) -> Result<&'a str> {
        let pos = self.pos;
        let b = self.bytes()?;
        std::str::from_utf8(b).map_err(|_| Error::model(self.name, format!("invalid UTF-8 string at byte {pos}")))
    }
    /// A count read as `u32`, refused when it could not fit in what is left
    /// (each item needs at least `min_item_bytes`), so a corrupt count cannot make us
    /// allocate gigabytes.
    pub fn count(&mut self, min_item_bytes: usize) -> Result<usize> {
        let n = self.u32()? as usize;
        if n.saturating_mul(min_item_bytes.max(1)) > self.data.len() - self.pos {
            return Err(Error::model(self.name, format!("count {n} larger than the file")));
        }
        Ok(n)
    }
    /// True when the whole file has been read.
    pub fn at_end(&self) -> bool {
        self.pos == self.data.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_errors() {
        let mut w = Writer::new("test", 3);
        w.u32(7);
        w.str("می‌شود");
        w.f32(1.5);
        let data = w.finish();
        let mut r = Reader::open(&data, "test", 3).unwrap();
        assert_eq!(r.u32().unwrap(), 7);
        assert_eq!(r.str().unwrap(), "می‌شود");
        assert_eq!(r.f32().unwrap(), 1.5);
        assert!(r.at_end());
        assert!(r.u8().is_err());
        assert!(Reader::open(&data, "test", 4).is_err());
        assert!(Reader::open(&data, "other", 3).is_err());
        assert!(Reader::open(b"junk", "test", 3).is_err());
        let mut t = Reader::open(&data[..data.len() - 3], "test", 3).unwrap();
        assert!(t.u32().is_ok() && t.str().is_ok() && t.f32().is_err());
    }
}
