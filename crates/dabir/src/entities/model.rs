//! The entity model file (kind `entities`): where the model came from, its types, the
//! word clusters and gazetteer it was trained with, whether it uses the morphology
//! stage, and one weight table per annotation convention (view); from format version 4
//! on, the word classes ([`super::word_classes`]) and the optional feature groups
//! ([`super::features::FeatureSet`]) follow the views. Version 3 files (neither) are
//! still read.

use super::decode::Labels;
use super::features::FeatureSet;
use super::gazetteer::Gazetteer;
use super::tagset::EntityType;
use super::word_classes::WordClasses;
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
        w.u32(self.views.len() as u32);
        for v in &self.views {
            w.str(&v.name);
            w.u32(u32::from(v.types));
            v.perceptron.write(&mut w);
        }
        self.classes.write(&mut w);
        w.u32(self.set.bits());
        w.finish()
    }

    /// Reads a model file; a model that uses the morphology stage loads the embedded
    /// analyzer.
    pub fn from_bytes(data: &[u8]) -> Result<Self> {
        // version 3 is version 4 without the word classes
        let (mut r, version) = match Reader::open(data, MODEL_KIND, MODEL_VERSION) {
            Ok(r) => (r, MODEL_VERSION),
            Err(e) => match Reader::open(data, MODEL_KIND, 3) {
                Ok(r) => (r, 3),
                Err(_) => return Err(e),
            },
        };
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
        let labels = Labels::new(types);
        let n_views = r.count(8)?;
        let mut views = Vec::with_capacity(n_views);
        for _ in 0..n_views {
            let name = r.str()?.to_string();
            let mask = u16::try_from(r.u32()?)
                .map_err(|_| Error::model(MODEL_KIND, "type mask out of range"))?;
            let perceptron = Perceptron::read(&mut r, MODEL_KIND)?;
            if perceptron.n_classes() != labels.len() {
                return Err(Error::model(
                    MODEL_KIND,
                    "the weights do not match the label set",
                ));
            }
            views.push((name, mask, perceptron));
        }
        let (classes, set) = if version >= 4 {
            let classes = WordClasses::read(&mut r)?;
            let set = FeatureSet::from_bits(r.u32()?)
                .ok_or_else(|| Error::model(MODEL_KIND, "unknown feature groups"))?;
            (classes, set)
        } else {
            (WordClasses::default(), FeatureSet::default())
        };
        if !r.at_end() {
            return Err(Error::model(MODEL_KIND, "trailing bytes after the model"));
        }
        Ok(
            Recognizer::from_parts(info, labels, views, clusters, gazetteer, analyzer)
                .with_word_classes(classes)
                .with_feature_set(set),
        )
    }
}
