//! The entity model file (kind `entities`): where the model came from, its types, the
//! word clusters and gazetteer it was trained with, whether it uses the morphology
//! stage, and the perceptron weights.

use super::decode::Labels;
use super::gazetteer::Gazetteer;
use super::tagset::EntityType;
use super::{ModelInfo, Recognizer, MODEL_KIND, MODEL_VERSION};
use crate::error::{Error, Result};
use crate::learn::Perceptron;
use crate::model::{Reader, Writer};
use crate::morphology::clusters::Clusters;
use crate::morphology::Analyzer;

impl Recognizer {
    /// The model file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::new(MODEL_KIND, MODEL_VERSION);
        w.str(&self.info.name);
        w.str(&self.info.trained_on);
        w.str(&self.info.licence);
        w.u32(self.labels.types().len() as u32);
        for t in self.labels.types() {
            w.str(t.as_str());
        }
        w.u8(u8::from(self.analyzer.is_some()));
        self.clusters.write(&mut w);
        self.gazetteer.write(&mut w);
        self.perceptron.write(&mut w);
        w.finish()
    }

    /// Reads a model file; a model that uses the morphology stage loads the embedded
    /// analyzer.
    pub fn from_bytes(data: &[u8]) -> Result<Self> {
        let mut r = Reader::open(data, MODEL_KIND, MODEL_VERSION)?;
        let info = ModelInfo {
            name: r.str()?.to_string(),
            trained_on: r.str()?.to_string(),
            licence: r.str()?.to_string(),
        };
        let n = r.count(4)?;
        let mut types = Vec::with_capacity(n);
        for _ in 0..n {
            let s = r.str()?;
            types.push(
                EntityType::parse(s)
                    .ok_or_else(|| Error::model(MODEL_KIND, format!("unknown type {s:?}")))?,
            );
        }
        let analyzer = match r.u8()? {
            0 => None,
            _ => Some(Analyzer::embedded()?),
        };
        let clusters = Clusters::read(&mut r)?;
        let gazetteer = Gazetteer::read(&mut r)?;
        let perceptron = Perceptron::read(&mut r, MODEL_KIND)?;
        if !r.at_end() {
            return Err(Error::model(MODEL_KIND, "trailing bytes after the model"));
        }
        let labels = Labels::new(types);
        if perceptron.n_classes() != labels.len() {
            return Err(Error::model(
                MODEL_KIND,
                "the weights do not match the label set",
            ));
        }
        Ok(Recognizer::from_parts(
            info, labels, perceptron, clusters, gazetteer, analyzer,
        ))
    }
}
