//! The entity stage inside the pipeline: `ner_pipeline FILE.txt` (one sentence per
//! line, e.g. `../shared/data/zwnj/perdt-dev.txt`) analyzes the text with
//! `Pipeline::analyze` (one sentence per line), then tags every sentence's tokens two
//! ways with the default model and compares:
//! - `Recognizer::annotate`, which reuses the words layer's UPOS/XPOS (a token split
//!   into host + clitics passes its host's tags);
//! - `Recognizer::recognize` on the surface tokens, which runs the morphology tagger
//!   again on them (what `annotate` did before).
//!
//! It prints the entities found each way, how many differ, and the CPU time of each.

#[path = "support/cpu_time.rs"]
mod cpu_time;
use cpu_time::cpu_ns;
use dabir::entities::{Embedded, Recognizer};
use dabir::Pipeline;
use std::collections::HashSet;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).ok_or("usage: ner_pipeline FILE.txt")?;
    let text = std::fs::read_to_string(path)?;
    let pipeline = Pipeline::builder().one_sentence_per_line(true).build()?;
    let r = Recognizer::embedded(Embedded::Default)?;
    let mut doc = pipeline.analyze(&text)?;
    let (mut reused_ns, mut retag_ns) = (0u64, 0u64);
    let c = cpu_ns();
    r.annotate(&mut doc);
    reused_ns += cpu_ns().saturating_sub(c);
    let reused: HashSet<(usize, usize, String)> = doc
        .entities
        .iter()
        .map(|e| (e.tokens.start, e.tokens.end, e.kind.to_string()))
        .collect();
    let mut retagged = HashSet::new();
    let c = cpu_ns();
    for s in &doc.sentences {
        let forms: Vec<&str> = doc.tokens_of(s).iter().map(|t| t.form.as_str()).collect();
        for e in r.recognize(&forms) {
            retagged.insert((
                s.tokens.start + e.start,
                s.tokens.start + e.end,
                e.kind.to_string(),
            ));
        }
    }
    retag_ns += cpu_ns().saturating_sub(c);
    let tokens = doc.tokens.len() as f64;
    println!(
        "sentences {}, tokens {}",
        doc.sentences.len(),
        doc.tokens.len()
    );
    println!(
        "entities: words-layer tags {}, surface retagged {}, in both {}, only one way {}",
        reused.len(),
        retagged.len(),
        reused.intersection(&retagged).count(),
        reused.symmetric_difference(&retagged).count()
    );
    println!(
        "tokens/s per CPU second: words-layer tags {:.0}, surface retagged {:.0}",
        tokens / (reused_ns.max(1) as f64 / 1e9),
        tokens / (retag_ns.max(1) as f64 / 1e9)
    );
    Ok(())
}
