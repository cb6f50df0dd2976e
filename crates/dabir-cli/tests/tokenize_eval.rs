//! `dabir tokenize` writes CoNLL-U that `dabir eval` reads and scores against gold.

mod support;
use support::{dabir, scratch, stdout_of};

const GOLD: &str = "# text = جهان عزادار ماتمش شد.\n\
1\tجهان\t_\t_\t_\t_\t4\tnsubj\t_\t_\n\
2\tعزادار\t_\t_\t_\t_\t4\txcomp\t_\t_\n\
3-4\tماتمش\t_\t_\t_\t_\t_\t_\t_\t_\n\
3\tماتم\t_\t_\t_\t_\t5\tnsubj\t_\t_\n\
4\tش\t_\t_\t_\t_\t3\tnmod\t_\t_\n\
5\tشد\t_\t_\t_\t_\t0\troot\t_\tSpaceAfter=No\n\
6\t.\t_\t_\t_\t_\t5\tpunct\t_\t_\n\n";

#[test]
fn tokenize_then_eval() {
    let conllu = stdout_of(&["tokenize", "-"], "جهان عزادار ماتمش شد.\n");
    assert!(conllu.contains("# text = جهان عزادار ماتمش شد."));
    assert!(conllu.contains("3-4\tماتمش"));
    assert!(conllu.contains("5\tشد\t_\t_\t_\t_\t1\tdep\t_\tSpaceAfter=No"));
    let (g, s) = (
        scratch("tokenize_eval", "gold.conllu"),
        scratch("tokenize_eval", "sys.conllu"),
    );
    std::fs::write(&g, GOLD).unwrap();
    std::fs::write(&s, &conllu).unwrap();
    let json = stdout_of(
        &[
            "eval",
            g.to_str().unwrap(),
            s.to_str().unwrap(),
            "--format",
            "json",
        ],
        "",
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    for m in ["Tokens", "Words", "Sentences"] {
        assert_eq!(v[m]["f1"], 1.0, "{m}: {json}");
    }
}

#[test]
fn invalid_utf8_is_an_error_not_a_panic() {
    dabir()
        .args(["tokenize"])
        .write_stdin(&b"abc\xff def\n"[..])
        .assert()
        .failure()
        .stderr(predicates::str::contains("invalid UTF-8 at byte offset 3"));
}
