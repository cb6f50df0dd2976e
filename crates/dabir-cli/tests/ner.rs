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
