//! Trains the segmentation model and writes it: `cargo run --release --example
//! train_segment -- [DATA_DIR] [OUT] [DEV_CONLLU]` (defaults `../shared/data`, `models/segment.bin`).
//! See `dabir::segment::train` for what is learned from which file.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let data = args.next().unwrap_or_else(|| "../shared/data".to_string());
    let out = args
        .next()
        .unwrap_or_else(|| "models/segment.bin".to_string());
    let mut paths = dabir::segment::train::TrainPaths::under(&data);
    // an optional third argument replaces the dev treebank (for cross-validation)
    if let Some(dev) = args.next() {
        paths.dev_conllu = dev;
    }
    let model = dabir::segment::train::train(&paths)?;
    eprintln!(
        "clitics: {} split forms, {} kept forms, {} words, {} stems, {} verb stems; boundary: {} features, bias {:.2}",
        model.clitics.split.len(),
        model.clitics.keep.len(),
        model.clitics.words.len(),
        model.clitics.stems.len(),
        model.clitics.verb_stems.len(),
        model.boundary.weights.len(),
        model.boundary.bias
    );
    std::fs::write(&out, model.to_bytes())?;
    eprintln!("wrote {out}");
    Ok(())
}
