//! End-to-end tests of `dabir extract`: formats, the reference date, the dateline,
//! input spans, bad input.

use predicates::prelude::*;

mod support;
use support::dabir;

#[test]
fn json_has_every_layer_and_input_spans() {
    let input = "ديروز دست كم 140 نفر كشته شدند.";
    let out = dabir()
        .args(["extract", "--reference-date", "2024-07-04"])
        .write_stdin(input)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap_or_default();
    assert_eq!(v["reference"], "2024-07-04");
    assert_eq!(v["dates"][0]["value"], "2024-07-03");
    let s = &v["dates"][0]["input_span"];
    let (a, b) = (
        s["start"].as_u64().unwrap_or(0) as usize,
        s["end"].as_u64().unwrap_or(0) as usize,
    );
    assert_eq!(input.get(a..b), Some("ديروز"));
    assert_eq!(v["quantities"][0]["value"], 140);
    assert_eq!(v["events"].as_array().map(Vec::len), Some(0));
    assert!(v["quotes"].is_array());
}

#[test]
fn text_format_and_dateline() {
    dabir()
        .args(["extract", "--format", "text"])
        .write_stdin("تهران - ۱۴ تیر ۱۴۰۳\nدیروز در انفجاری ۵ نفر کشته شدند.")
        .assert()
        .success()
        .stdout(predicate::str::contains("reference\t2024-07-04"))
        .stdout(predicate::str::contains("date\tدیروز\t2024-07-03"))
        .stdout(predicate::str::contains(
            "event\tانفجاری\texplosion killed=5",
        ));
}

#[test]
fn unresolved_without_reference() {
    dabir()
        .args(["extract", "--format", "text"])
        .write_stdin("هفته گذشته")
        .assert()
        .success()
        .stdout(predicate::str::contains("unresolved"));
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    dabir()
        .args(["extract", "--reference-date", "2024-13-01"])
        .write_stdin("x")
        .assert()
        .failure()
        .stderr(predicate::str::contains("--reference-date"));
    dabir()
        .args(["extract"])
        .write_stdin(vec![b'a', 0xff, b'b'])
        .assert()
        .failure()
        .stderr(predicate::str::contains("invalid UTF-8 at byte offset 1"));
    dabir().args(["extract"]).write_stdin("").assert().success();
}

#[test]
fn an_input_over_the_limit_is_an_error() {
    let long = "دیروز ۱۴۰ نفر کشته شدند. ".repeat(100); // 4.4 KB
    dabir()
        .args(["extract", "--max-document", "2K"])
        .write_stdin(long.clone())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "longer than --max-document (2 KiB)",
        ));
    dabir()
        .args(["extract", "--max-document", "8K"])
        .write_stdin(long)
        .assert()
        .success();
}
