//! `dabir tokenize` writes CoNLL-U that `dabir eval` reads and scores against gold.

use std::io::Write;
use std::process::{Command, Stdio};

fn dabir(args: &[&str], stdin: &str) -> (String, bool) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dabir"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.success(),
    )
}

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
    let (conllu, ok) = dabir(&["tokenize", "-"], "جهان عزادار ماتمش شد.\n");
    assert!(ok);
    assert!(conllu.contains("# text = جهان عزادار ماتمش شد."));
    assert!(conllu.contains("3-4\tماتمش"));
    assert!(conllu.contains("5\tشد\t_\t_\t_\t_\t1\tdep\t_\tSpaceAfter=No"));
    let dir = std::env::temp_dir().join(format!("dabir-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (g, s) = (dir.join("gold.conllu"), dir.join("sys.conllu"));
    std::fs::write(&g, GOLD).unwrap();
    std::fs::write(&s, &conllu).unwrap();
    let (json, ok) = dabir(
        &[
            "eval",
            g.to_str().unwrap(),
            s.to_str().unwrap(),
            "--format",
            "json",
        ],
        "",
    );
    std::fs::remove_dir_all(&dir).ok();
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    for m in ["Tokens", "Words", "Sentences"] {
        assert_eq!(v[m]["f1"], 1.0, "{m}: {json}");
    }
}

#[test]
fn invalid_utf8_is_an_error_not_a_panic() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dabir"))
        .args(["tokenize"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"abc\xff def\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid UTF-8 at byte offset 3"));
}
