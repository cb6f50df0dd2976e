//! End-to-end tests of `dabir analyze` on inputs written here: the formats, the input
//! modes, ordering under parallelism, bad input, and the JSON Schema of the Document.

use predicates::prelude::*;
use serde_json::Value;
use std::path::PathBuf;

mod support;
use support::dabir;

/// A fresh path under the test scratch directory.
fn scratch(name: &str) -> PathBuf {
    support::scratch("analyze", name)
}

/// What `dabir analyze ARGS` writes for `input`.
fn stdout_of(args: &[&str], input: impl Into<Vec<u8>>) -> String {
    let all: Vec<&str> = std::iter::once("analyze")
        .chain(args.iter().copied())
        .collect();
    support::stdout_of(&all, input)
}

fn json_lines(s: &str) -> Vec<Value> {
    s.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Texts of our own: Arabic letters, missing and space-typed ZWNJ, clitics, a residue
/// line, CRLF, Latin, digits, quotes, an emoji and a URL.
const TEXTS: &[&str] = &[
    "اين كتابها را ميخواند.",
    "ماتمش را دید. گفت: «بله؟» و رفت.\r\nآنها می روند",
    "خبر اول امروز منتشر شد.\nRead More »\nاو گفت: «I agree» و رفت.\n",
    "قیمت دلار 1,250 تومان بود و ۳٫۵ درصد بالا رفت 🙂 https://example.com/a",
    "",
    "   \n\n",
];

#[test]
fn json_output_is_one_valid_document_per_line_against_the_schema() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../schema/document.schema.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let mut corpus = String::new();
    for t in TEXTS {
        corpus.push_str(&serde_json::to_string(&serde_json::json!({ "body": t })).unwrap());
        corpus.push('\n');
    }
    for args in [
        &["--input-format", "jsonl", "--text-field", "body"][..],
        &[
            "--input-format",
            "jsonl",
            "--text-field",
            "body",
            "--no-morphology",
        ][..],
        &[
            "--input-format",
            "jsonl",
            "--text-field",
            "body",
            "--no-clitics",
            "--preset",
            "conservative",
        ][..],
    ] {
        let docs = json_lines(&stdout_of(args, corpus.clone()));
        assert_eq!(docs.len(), TEXTS.len());
        for (doc, text) in docs.iter().zip(TEXTS) {
            let errors: Vec<String> = validator.iter_errors(doc).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{args:?} {text:?}: {errors:#?}");
            assert_eq!(doc["input"], *text);
            // every input_span holds what the word came from
            let input = doc["input"].as_str().unwrap().as_bytes();
            for w in doc["words"].as_array().unwrap() {
                let (s, e) = (
                    w["input_span"]["start"].as_u64().unwrap() as usize,
                    w["input_span"]["end"].as_u64().unwrap() as usize,
                );
                assert!(std::str::from_utf8(&input[s..e]).is_ok());
            }
        }
    }
    // the schema is strict: a field it does not know is refused
    let mut doc = json_lines(&stdout_of(&[], "او رفت."))[0].clone();
    assert!(validator.is_valid(&doc));
    doc["words"][0]["extra"] = Value::Bool(true);
    assert!(!validator.is_valid(&doc));
}

#[test]
fn the_whole_input_is_one_document_unless_per_line() {
    let input = "او رفت.\nما ماندیم.\n";
    let whole = json_lines(&stdout_of(&[], input));
    assert_eq!(whole.len(), 1);
    assert_eq!(whole[0]["sentences"].as_array().unwrap().len(), 2);
    let per_line = json_lines(&stdout_of(&["--per-line"], format!("{input}\nآخر")));
    let inputs: Vec<&str> = per_line
        .iter()
        .map(|d| d["input"].as_str().unwrap())
        .collect();
    assert_eq!(inputs, ["او رفت.", "ما ماندیم.", "", "آخر"]);
}

#[test]
fn files_in_and_out_and_the_text_view() {
    let input = scratch("in.txt");
    let output = scratch("out.txt");
    std::fs::write(&input, "اين كتابها را ميخواند.").unwrap();
    dabir()
        .args(["analyze", "--format", "text", "-o"])
        .arg(&output)
        .arg(&input)
        .assert()
        .success();
    let view = std::fs::read_to_string(&output).unwrap();
    assert!(view.contains("[1] این کتاب‌ها را می‌خواند."), "{view}");
    assert!(view.contains("می‌خواند\tخواند\tVERB"), "{view}");
    assert!(view.contains("edit «ك» → «ک»"), "{view}");
    dabir()
        .args(["analyze", "-o"])
        .arg(&input)
        .arg(&input)
        .assert()
        .failure()
        .stderr(predicate::str::contains("refusing"));
}

#[test]
fn conllu_output_scores_against_itself_with_dabir_eval() {
    let text = "اين كتابها را ميخواند. ماتمش را دید!\nآنها می روند\n";
    let input = scratch("in.txt");
    std::fs::write(&input, text).unwrap();
    let out = scratch("out.conllu");
    dabir()
        .args(["analyze", "--format", "conllu", "-o"])
        .arg(&out)
        .arg(&input)
        .assert()
        .success();
    let conllu = std::fs::read_to_string(&out).unwrap();
    assert!(conllu.contains("1-2\tماتمش\t"), "{conllu}");
    assert!(conllu.contains("\tميخواند\tخواند\tVERB\t"), "{conllu}");
    let scores = dabir()
        .arg("eval")
        .arg(&out)
        .arg(&out)
        .args(["--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let scores: Value = serde_json::from_slice(&scores).unwrap();
    for m in ["Tokens", "Words", "UPOS", "Lemmas"] {
        assert_eq!(scores[m]["f1"].as_f64(), Some(1.0), "{m}: {scores}");
    }
}

#[test]
fn order_is_kept_over_batches_and_threads() {
    let mut corpus = String::new();
    for i in 0..300 {
        corpus.push_str(&format!(
            "{{\"id\":{i},\"text\":\"سطر {i} را ميخواند.\"}}\n"
        ));
    }
    let one = stdout_of(
        &[
            "--input-format",
            "jsonl",
            "--threads",
            "1",
            "--batch-bytes",
            "300",
        ],
        corpus.clone(),
    );
    let many = stdout_of(
        &[
            "--input-format",
            "jsonl",
            "--threads",
            "4",
            "--batch-bytes",
            "300",
        ],
        corpus,
    );
    assert_eq!(one, many);
    let docs = json_lines(&many);
    assert_eq!(docs.len(), 300);
    assert_eq!(docs[299]["input"], "سطر 299 را ميخواند.");
}

#[test]
fn invalid_utf8_names_the_byte_offset_or_is_replaced() {
    for args in [
        &[][..],
        &["--per-line"][..],
        &["--input-format", "jsonl"][..],
    ] {
        let input: &[u8] = if args.contains(&"jsonl") {
            b"{\"text\":\"ok\"}\n{\"text\":\"a\xFFb\"}\n"
        } else {
            b"ok\na\xFFb\n"
        };
        dabir()
            .arg("analyze")
            .args(args)
            .write_stdin(input)
            .assert()
            .code(1)
            .stderr(predicate::str::contains("invalid UTF-8 at byte offset"))
            .stderr(predicate::str::contains("(line 2)"));
    }
    let out = dabir()
        .args(["analyze", "--per-line", "--lossy"])
        .write_stdin(&b"ok\na\xFFb\n"[..])
        .assert()
        .success()
        .get_output()
        .clone();
    let docs = json_lines(std::str::from_utf8(&out.stdout).unwrap());
    assert_eq!(docs[1]["input"], "a\u{FFFD}b");
    assert!(String::from_utf8_lossy(&out.stderr).contains("byte offset 4 (line 2)"));
}

#[test]
fn bad_json_lines_name_their_line() {
    let cases: [(&str, &str); 4] = [
        ("{\"text\":\"a\"}\n{\"text\":\n", "line 2: invalid JSON"),
        (
            "{\"text\":\"a\"}\n\n{\"body\":\"b\"}\n",
            "line 3: no field \"text\" in the record (its fields: body)",
        ),
        (
            "{\"text\":3}\n",
            "line 1: field \"text\" is a number, not a string",
        ),
        ("[1,2]\n", "line 1: no field \"text\""),
    ];
    for (input, message) in cases {
        dabir()
            .args(["analyze", "--input-format", "jsonl"])
            .write_stdin(input)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(message));
    }
    // the documents before the bad line are written
    dabir()
        .args(["analyze", "--input-format", "jsonl", "--threads", "1"])
        .write_stdin("{\"text\":\"یک\"}\nnot json\n")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"input\":\"یک\""));
}

#[test]
fn a_document_over_the_limit_is_an_error_not_an_exhausted_machine() {
    let long = "خبر کوتاه نیست. ".repeat(200); // 5.4 KB
                                               // the whole input as one document
    dabir()
        .args(["analyze", "--max-document", "4K"])
        .write_stdin(long.clone())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "longer than --max-document (4 KiB)",
        ))
        .stderr(predicate::str::contains("--per-line"));
    // a line: the documents before it are written, then the run stops at it
    for args in [&["--per-line"][..], &["--input-format", "jsonl"][..]] {
        let input = if args.contains(&"jsonl") {
            format!("{{\"text\":\"یک\"}}\n{{\"text\":\"{long}\"}}\n{{\"text\":\"سه\"}}\n")
        } else {
            format!("یک\n{long}\nسه\n")
        };
        dabir()
            .args(["analyze", "--max-document", "4K", "--threads", "1"])
            .args(args)
            .write_stdin(input)
            .assert()
            .code(1)
            .stdout(predicate::str::contains("\"input\":\"یک\""))
            .stdout(predicate::str::contains("سه").not())
            .stderr(predicate::str::contains(
                "line 2 is longer than --max-document (4 KiB)",
            ));
    }
    // under the limit, the same input is analysed
    dabir()
        .args(["analyze", "--max-document", "6K"])
        .write_stdin(long)
        .assert()
        .success();
    dabir()
        .args(["analyze", "--max-document", "4Q"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown unit"));
}

#[test]
fn binary_junk_and_empty_input_do_not_crash() {
    let mut junk = Vec::new();
    for i in 0..20_000u32 {
        junk.push((i.wrapping_mul(2_654_435_761) >> 13) as u8);
    }
    for format in ["json", "conllu", "text"] {
        dabir()
            .args(["analyze", "--lossy", "--per-line", "--format", format])
            .write_stdin(junk.clone())
            .assert()
            .success();
        dabir()
            .args(["analyze", "--lossy", "--format", format])
            .write_stdin(junk.clone())
            .assert()
            .success();
        dabir()
            .args(["analyze", "--format", format])
            .write_stdin("")
            .assert()
            .success();
    }
}

#[test]
fn options_are_printed_and_flags_apply() {
    let opts: Value = serde_json::from_str(&stdout_of(
        &["--print-options", "--no-restore-zwnj", "--no-morphology"],
        "",
    ))
    .unwrap();
    assert_eq!(opts["clean"]["restore_zwnj"], false);
    assert_eq!(opts["morphology"], false);
    let doc = &json_lines(&stdout_of(&["--no-restore-zwnj"], "ميخواند"))[0];
    assert_eq!(doc["text"], "میخواند");
}
