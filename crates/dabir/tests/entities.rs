//! Entity recogniser: no panic and one tag per token on any tokens; the embedded models
//! load and say where they come from; on the shared data (when present) the CLI-level
//! pieces agree: reading a corpus, tagging it and scoring it.

use dabir::entities::conll::{read_tagged, write_tagged};
use dabir::entities::{Embedded, Recognizer};
use dabir::eval::ner::{score, ScoreOptions};
use proptest::prelude::*;

fn data_dir() -> Option<std::path::PathBuf> {
    let p = std::env::var("DABIR_DATA").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data").to_string()
    });
    let p = std::path::PathBuf::from(p);
    p.is_dir().then_some(p)
}

#[test]
fn embedded_models_load_and_state_their_terms() {
    let d = Recognizer::embedded(Embedded::Default).unwrap();
    assert!(d.info().licence.contains("ACADEMIC RESEARCH USE ONLY"));
    assert!(d.view_index("arman").is_some() && d.view_index("perdt").is_some());
    let n = Recognizer::embedded(Embedded::NoArman).unwrap();
    assert!(!n.info().licence.contains("ACADEMIC"));
    assert!(n.info().trained_on.contains("dev.bio"));
}

/// The pipeline hands the recogniser the words layer's tags instead of tagging the
/// surface tokens again; on a plain sentence (no clitic split) the tags are the same, so
/// are the entities.
#[test]
fn pipeline_entities_match_retagging_the_tokens() {
    let doc = dabir::Pipeline::new()
        .unwrap()
        .analyze("حسن روحانی رئیس‌جمهور ایران امروز در سازمان ملل متحد در نیویورک سخنرانی کرد.")
        .unwrap();
    let r = Recognizer::embedded(Embedded::Default).unwrap();
    let sentence = &doc.sentences[0];
    let forms: Vec<&str> = doc
        .tokens_of(sentence)
        .iter()
        .map(|t| t.form.as_str())
        .collect();
    let retagged: Vec<(usize, usize, String)> = r
        .recognize(&forms)
        .into_iter()
        .map(|e| (e.start, e.end, e.kind.to_string()))
        .collect();
    let reused: Vec<(usize, usize, String)> = doc
        .entities
        .iter()
        .map(|e| (e.tokens.start, e.tokens.end, e.kind.to_string()))
        .collect();
    assert!(!reused.is_empty());
    assert_eq!(reused, retagged);
}

#[test]
fn perdt_convention_tags_dates() {
    let d = Recognizer::embedded(Embedded::Default).unwrap();
    let v = d.view_index("perdt").unwrap();
    let toks = ["حسن", "روحانی", "در", "تهران", "گفت", "."];
    let spans = d.recognize_as(&toks, v);
    assert!(spans.iter().any(|s| s.kind.as_str() == "PER"));
    assert!(spans
        .iter()
        .any(|s| s.kind.as_str() == "LOC" && s.start == 3));
}

#[test]
fn tagged_dev_sentences_score_well() {
    let Some(dir) = data_dir() else {
        eprintln!("skipped: ../shared/data not found");
        return;
    };
    let Ok(bytes) = std::fs::read(dir.join("ner-perdt/dev.bio")) else {
        eprintln!("skipped: ner-perdt/dev.bio not found");
        return;
    };
    let gold = read_tagged(&bytes);
    let r = Recognizer::embedded(Embedded::NoArman).unwrap();
    let mut out = String::new();
    for s in gold.iter().take(200) {
        let toks: Vec<&str> = s.iter().map(|x| x.token.as_str()).collect();
        let tags = r.tags(&toks);
        write_tagged(
            &mut out,
            toks.iter().copied(),
            tags.iter().map(String::as_str),
        );
    }
    let sys = read_tagged(out.as_bytes());
    let s = score(&gold[..200], &sys, &ScoreOptions::default()).unwrap();
    // training data: the model must fit it
    assert!(s.micro.f1() > 0.8, "{}", s.table());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_tokens_get_one_tag_each(toks in proptest::collection::vec(".{0,12}", 0..20)) {
        let r = Recognizer::embedded(Embedded::Default).unwrap();
        let t: Vec<&str> = toks.iter().map(String::as_str).collect();
        let tags = r.tags(&t);
        prop_assert_eq!(tags.len(), t.len());
        for s in r.recognize(&t) {
            prop_assert!(s.start < s.end && s.end <= t.len());
        }
        let cleaned = dabir::entities::clean_tokens(&t);
        prop_assert_eq!(cleaned.len(), t.len());
    }
}

/// A tiny training set we wrote: places after «به», people after «آقای».
fn toy_examples() -> Vec<dabir::entities::train::Example> {
    let ex = |toks: [&str; 3], tags: [&str; 3]| dabir::entities::train::Example {
        tokens: toks.iter().map(|t| t.to_string()).collect(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        corpus: "arman".into(),
    };
    let mut out = Vec::new();
    for name in ["تهران", "شیراز", "تبریز", "مشهد", "اصفهان"] {
        out.push(ex(["به", name, "رفت"], ["O", "B-LOC", "O"]));
    }
    for name in ["علی", "رضا", "حسن", "مریم", "زهرا"] {
        out.push(ex(["آقای", name, "گفت"], ["O", "B-PER", "O"]));
    }
    out
}

#[test]
fn mixed_training_is_reproducible_and_learns_the_contexts() {
    use dabir::entities::train::{train, TrainOptions};
    use dabir::entities::ModelInfo;
    use dabir::morphology::clusters::Clusters;
    let data = toy_examples();
    // three mixed perceptrons, contiguous gazetteer parts
    let opts = TrainOptions {
        epochs: 5,
        morphology: false,
        mixes: 3,
        gazetteer_contiguous: true,
        ..TrainOptions::default()
    };
    let a = train(&data, Clusters::default(), &opts, ModelInfo::default()).unwrap();
    let b = train(&data, Clusters::default(), &opts, ModelInfo::default()).unwrap();
    // the mixes train in parallel threads, but the model does not depend on timing
    assert_eq!(a.to_bytes(), b.to_bytes());
    assert_eq!(a.tags(&["به", "کرمان", "رفت"]), ["O", "B-LOC", "O"]);
    assert_eq!(a.tags(&["آقای", "حسین", "گفت"]), ["O", "B-PER", "O"]);
    // one perceptron and interleaved gazetteer parts (the default recipe)
    let single = TrainOptions {
        mixes: 1,
        gazetteer_contiguous: false,
        ..opts
    };
    let c = train(&data, Clusters::default(), &single, ModelInfo::default()).unwrap();
    assert_eq!(c.tags(&["آقای", "حسین", "گفت"]), ["O", "B-PER", "O"]);
    assert_ne!(a.to_bytes(), c.to_bytes());
}

#[test]
fn word_classes_and_far_left_words_round_trip_through_the_model_file() {
    use dabir::entities::features::FeatureSet;
    use dabir::entities::train::{train_with_classes, TrainOptions};
    use dabir::entities::word_classes::WordClasses;
    use dabir::entities::{ModelInfo, Recognizer};
    use dabir::morphology::clusters::Clusters;
    let data = toy_examples();
    let text: Vec<Vec<String>> = data.iter().map(|e| e.tokens.clone()).collect();
    let classes = WordClasses::learn(&text, 1, &[4, 2], 5, 1, 3);
    assert_eq!(classes.levels(), 2);
    let opts = TrainOptions {
        epochs: 5,
        morphology: false,
        features: FeatureSet { far_left: true },
        ..TrainOptions::default()
    };
    let a = train_with_classes(
        &data,
        Clusters::default(),
        classes,
        &opts,
        ModelInfo::default(),
    )
    .unwrap();
    let b = Recognizer::from_bytes(&a.to_bytes()).unwrap();
    assert_eq!(b.word_classes().levels(), 2);
    assert_eq!(b.feature_set(), FeatureSet { far_left: true });
    assert_eq!(a.to_bytes(), b.to_bytes());
    let long = ["پس", "از", "آن", "آقای", "حسن", "گفت"];
    assert_eq!(a.tags(&long), b.tags(&long));
    assert_eq!(b.tags(&["به", "کرمان", "رفت"]), ["O", "B-LOC", "O"]);
}
