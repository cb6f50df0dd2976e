//! The segmentation model: the clitic tables and the boundary classifier, stored in
//! one `models/segment.bin` (dabir model format, kind `segment`) and embedded in the
//! library. [`super::train`] builds it; `scripts/train-segment.sh` reruns that.

use super::clitics::CliticModel;
use super::sentences::BoundaryModel;
use crate::error::Result;
use crate::model::{Reader, Writer};
use std::sync::{Arc, OnceLock};

const KIND: &str = "segment";
const VERSION: u32 = 1;
static BUILTIN_BYTES: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../models/segment.bin"
));

/// Everything the segmenter learned.
#[derive(Debug, Clone, Default)]
pub struct SegmentModel {
    /// Clitic split tables.
    pub clitics: CliticModel,
    /// Sentence boundary classifier.
    pub boundary: BoundaryModel,
}

impl SegmentModel {
    /// The model embedded in the library. If it cannot be read (which the tests rule
    /// out) the rules-only model is used rather than failing.
    pub fn builtin() -> Arc<SegmentModel> {
        static MODEL: OnceLock<Arc<SegmentModel>> = OnceLock::new();
        MODEL
            .get_or_init(|| Arc::new(SegmentModel::from_bytes(BUILTIN_BYTES).unwrap_or_default()))
            .clone()
    }

    /// Reads a model from its bytes.
    pub fn from_bytes(data: &[u8]) -> Result<Self> {
        let mut r = Reader::open(data, KIND, VERSION)?;
        let mut m = SegmentModel::default();
        let n = r.count(5)?;
        for _ in 0..n {
            let form = r.str()?;
            let cut = r.u32()?;
            m.clitics.split.insert(form.into(), cut);
        }
        for set in [
            &mut m.clitics.keep,
            &mut m.clitics.words,
            &mut m.clitics.stems,
            &mut m.clitics.verb_stems,
            &mut m.clitics.present_stems,
        ] {
            let n = r.count(4)?;
            set.reserve(n);
            for _ in 0..n {
                set.insert(r.str()?.into());
            }
        }
        let n = r.count(8)?;
        m.clitics.counts.reserve(n);
        for _ in 0..n {
            let f = r.str()?;
            let c = r.u32()?;
            m.clitics.counts.insert(f.into(), c);
        }
        m.boundary.bias = r.f32()?;
        let n = r.count(8)?;
        for _ in 0..n {
            let f = r.str()?;
            let w = r.f32()?;
            m.boundary.weights.insert(f.into(), w);
        }
        Ok(m)
    }

    /// Writes the model (entries sorted, so the file is reproducible).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::new(KIND, VERSION);
        let mut split: Vec<_> = self.clitics.split.iter().collect();
        split.sort();
        w.u32(split.len() as u32);
        for (f, c) in split {
            w.str(f);
            w.u32(*c);
        }
        for set in [
            &self.clitics.keep,
            &self.clitics.words,
            &self.clitics.stems,
            &self.clitics.verb_stems,
            &self.clitics.present_stems,
        ] {
            let mut v: Vec<_> = set.iter().collect();
            v.sort();
            w.u32(v.len() as u32);
            for s in v {
                w.str(s);
            }
        }
        let mut counts: Vec<_> = self.clitics.counts.iter().collect();
        counts.sort();
        w.u32(counts.len() as u32);
        for (f, c) in counts {
            w.str(f);
            w.u32(*c);
        }
        w.f32(self.boundary.bias);
        let mut feats: Vec<_> = self.boundary.weights.iter().collect();
        feats.sort_by(|a, b| a.0.cmp(b.0));
        w.u32(feats.len() as u32);
        for (f, x) in feats {
            w.str(f);
            w.f32(*x);
        }
        w.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_model_reads_and_round_trips() {
        let m = SegmentModel::from_bytes(BUILTIN_BYTES).unwrap();
        let again = SegmentModel::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(again.clitics.split, m.clitics.split);
        assert_eq!(again.boundary.weights.len(), m.boundary.weights.len());
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(SegmentModel::from_bytes(b"junk").is_err());
        let mut b = SegmentModel::default().to_bytes();
        b.truncate(b.len() - 2);
        assert!(SegmentModel::from_bytes(&b).is_err());
    }
}
