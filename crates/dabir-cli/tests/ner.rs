//! `dabir ner` and `dabir eval-ner` end to end: the layout is kept, a corpus is read in
//! pieces with the same result as whole, bad input is an error or replaced, never a panic.

use predicates::prelude::*;

mod support;
use support::{dabir, scratch, stdout_of};

const SENTENCES: &str = "حسن\tB-PER\nروحانی\tI-PER\nدر\tO\nتهران\tB-LOC\nگفت\tO\n\nسازمان ملل\tB-ORG\nبیانیه\tO\nداد\tO\n";

#[test]
fn one_tag_per_token_in_the_same_layout() {
    let out = stdout_of(&["ner", "--model", "no-arman"], SENTENCES);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5 + 1 + 3 + 1, "{out}");
    assert!(lines[0].starts_with("حسن\t"));
    assert_eq!(lines[5], "");
    // a token with a space stays one token
    assert!(lines[6].starts_with("سازمان ملل\t"), "{out}");
    for l in lines.iter().filter(|l| !l.is_empty()) {
        let tag = l.rsplit('\t').next().unwrap();
        assert!(
            tag == "O" || tag.starts_with("B-") || tag.starts_with("I-"),
            "{l}"
        );
    }
}

#[test]
fn a_corpus_is_tagged_as_its_sentences_are() {
    // many sentences (several pieces of the reader) give the same lines as one by one
    let many = format!("{SENTENCES}\n").repeat(3000); // about 450 KB, 6,000 sentences
    let whole = stdout_of(&["ner", "--model", "no-arman"], many.clone());
    let one = stdout_of(&["ner", "--model", "no-arman"], SENTENCES);
    assert!(
        whole == one.repeat(3000),
        "a sentence is tagged differently in a corpus"
    );
    let input = scratch("ner", "in.txt");
    let output = scratch("ner", "out.txt");
    std::fs::write(&input, &many).unwrap();
    dabir()
        .args(["ner", "--model", "no-arman", "-o"])
        .arg(&output)
        .arg(&input)
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&output).unwrap(), whole);
    // and the output is scored by eval-ner against itself
    dabir()
        .arg("eval-ner")
        .arg(&output)
        .arg(&output)
        .assert()
        .success()
        .stdout(predicate::str::contains("micro"));
}

#[test]
fn bad_input_does_not_crash() {
    let mut junk = Vec::new();
    for i in 0..20_000u32 {
        junk.push((i.wrapping_mul(2_654_435_761) >> 13) as u8);
    }
    dabir()
        .args(["ner", "--model", "no-arman"])
        .write_stdin(junk)
        .assert()
        .success();
    dabir()
        .args(["ner"])
        .write_stdin("")
        .assert()
        .success()
        .stdout("");
    dabir()
        .args(["ner", "--model", "no-arman", "--convention", "nope"])
        .write_stdin(SENTENCES)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no convention \"nope\""));
    dabir()
        .args(["ner", "/no/such/file"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("/no/such/file"));
}

/// Trains on a tiny corpus in a scratch data folder (its own raw tokens for the
/// clusters) and returns the model.
fn train_tiny(tagset: &str, extra: &[&str]) -> dabir::entities::Recognizer {
    let model = scratch("ner-train", "model.bin");
    let dir = model.parent().unwrap().to_path_buf();
    std::fs::create_dir_all(dir.join("ud-perdt")).unwrap();
    let raw: String = [
        "علی در تهران بود",
        "رضا در شیراز بود",
        "سازمان ملل بیانیه داد",
    ]
    .repeat(5)
    .iter()
    .map(|s| s.split(' ').collect::<Vec<_>>().join("\n") + "\n\n")
    .collect();
    std::fs::write(dir.join("ud-perdt/train-tokens.txt"), raw).unwrap();
    let (per, loc, sep) = if tagset == "arman" {
        ("pers", "loc", " ")
    } else {
        ("PER", "LOC", "\t")
    };
    let corpus = format!("علی{sep}B-{per}\nدر{sep}O\nتهران{sep}B-{loc}\nبود{sep}O\n\n").repeat(4);
    let train = dir.join("train.txt");
    std::fs::write(&train, corpus).unwrap();
    let data = dir.to_string_lossy().into_owned();
    let spec = format!("{tagset}:{}", train.display());
    let out = model.to_string_lossy().into_owned();
    let mut args = vec![
        "train", "ner", "--data", &data, "--train", &spec, "--out", &out,
    ];
    args.extend_from_slice(extra);
    dabir().args(&args).assert().success();
    dabir::entities::Recognizer::from_bytes(&std::fs::read(&model).unwrap()).unwrap()
}

#[test]
fn the_recipe_follows_the_training_data() {
    // with Arman: word classes at four levels and the far-left words
    let arman = train_tiny("arman", &["--epochs", "2"]);
    assert_eq!(arman.word_classes().levels(), 4);
    assert!(arman.feature_set().far_left);
    // PerDT NER alone: the plain recipe
    let perdt = train_tiny("perdt", &["--epochs", "2"]);
    assert_eq!(perdt.word_classes().levels(), 0);
    assert!(!perdt.feature_set().far_left);
    // the flags override the data's recipe
    let plain = train_tiny(
        "arman",
        &["--epochs", "2", "--word-classes", "", "--far-left", "false"],
    );
    assert_eq!(plain.word_classes().levels(), 0);
    assert!(!plain.feature_set().far_left);
}
