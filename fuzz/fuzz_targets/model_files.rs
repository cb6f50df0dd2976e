//! Fuzz target: every model reader (`--model` and `--model-file` take a user's file)
//! refuses a damaged file with an error, never a panic or a huge allocation. Two ways
//! in: the fuzz bytes as a whole file, and a committed model damaged the way files are
//! damaged — cut short, and some bytes overwritten at fuzz-chosen places — so the
//! readers are exercised past the header.
#![no_main]

use dabir::clean::zwnj::ZwnjModel;
use dabir::entities::Recognizer;
use dabir::morphology::Analyzer;
use dabir::segment::SegmentModel;
use libfuzzer_sys::fuzz_target;

static ZWNJ: &[u8] = include_bytes!("../../models/zwnj.bin");
static SEGMENT: &[u8] = include_bytes!("../../models/segment.bin");
static MORPHOLOGY: &[u8] = include_bytes!("../../models/morphology.bin");
static NER: &[u8] = include_bytes!("../../models/ner-no-arman.bin");

fn load(which: u8, bytes: &[u8]) {
    match which % 4 {
        0 => drop(ZwnjModel::from_bytes(bytes)),
        1 => drop(SegmentModel::from_bytes(bytes)),
        2 => drop(Analyzer::from_bytes(bytes)),
        _ => drop(Recognizer::from_bytes(bytes)),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    load(which, rest);
    // [which][cut: u32][(position: u32, byte)]*: a committed model, cut and overwritten
    let Some((cut, edits)) = rest.split_first_chunk::<4>() else {
        return;
    };
    let model = [ZWNJ, SEGMENT, MORPHOLOGY, NER][usize::from(which % 4)];
    let keep = (u32::from_le_bytes(*cut) as usize) % (model.len() + 1);
    let mut damaged = model[..keep].to_vec();
    for e in edits.chunks_exact(5).take(16) {
        let at = u32::from_le_bytes([e[0], e[1], e[2], e[3]]) as usize;
        if let Some(b) = damaged.get_mut(at % keep.max(1)) {
            *b = e[4];
        }
    }
    load(which, &damaged);
});
