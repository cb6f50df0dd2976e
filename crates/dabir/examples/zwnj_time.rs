//! Times ZWNJ restoration of a whole file held in memory (no I/O in the clock):
//! `cargo run --release -p dabir --example zwnj_time -- FILE [OUT]`
//! (with OUT, the restored text is written there, to compare outputs across builds).
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: zwnj_time FILE [OUT]");
    let text = std::fs::read_to_string(&path).expect("read");
    let model = dabir::clean::zwnj::embedded();
    let t = std::time::Instant::now();
    let out = dabir::clean::zwnj::restore_text(model, &text);
    let s = t.elapsed().as_secs_f64();
    eprintln!(
        "{} MB in {:.3} s = {:.1} MB/s ({} bytes out)",
        text.len() / 1_000_000,
        s,
        text.len() as f64 / 1e6 / s,
        out.len()
    );
    if let Some(out_path) = args.next() {
        std::fs::write(out_path, out).expect("write");
    }
}
