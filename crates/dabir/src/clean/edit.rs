//! What the cleaning stage reports: one [`Edit`] per change, with its kind.

use serde::Serialize;
use std::ops::Range;

/// The kind of a cleaning edit; each says why the text changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EditKind {
    /// A whole line of page furniture in another script was dropped.
    Residue,
    /// Unicode canonical composition (NFC).
    Nfc,
    /// An Arabic presentation form (U+FB50–FDFF, U+FE70–FEFF) became its base letters.
    PresentationForm,
    /// A control character, BOM or other invisible character was removed.
    Control,
    /// A bidi control mark was removed.
    Bidi,
    /// A space kind (NBSP, thin space, tab…) became a plain space.
    SpaceKind,
    /// A ZERO WIDTH JOINER was removed.
    Zwj,
    /// An Arabic letter became its Persian form (ي → ی, ك → ک…).
    Letter,
    /// Teh marbuta or a hamza carrier was simplified.
    Hamza,
    /// Tatweel removed.
    Tatweel,
    /// A diacritic removed.
    Diacritic,
    /// A digit written in the target script.
    Digit,
    /// A decimal or thousands separator inside a number.
    NumberSeparator,
    /// Latin punctuation written in its Persian form, or a repeated mark collapsed.
    Punctuation,
    /// Straight quotes became « ».
    Quote,
    /// Spaces added, removed or collapsed around words and punctuation.
    Spacing,
    /// A ZWNJ that had no business there (repeated, beside a space, punctuation, digit
    /// or Latin letter, or at a word edge) was removed.
    ZwnjRemoved,
    /// A ZWNJ was restored where it had been deleted ("میشود" → "می‌شود").
    ZwnjInserted,
    /// A space was a lost ZWNJ ("می شود" → "می‌شود").
    SpaceToZwnj,
    /// A space inside a word was removed ("بندر ها" → "بندرها").
    SpaceRemoved,
}

impl EditKind {
    /// A one-line explanation for people (shown by `--format diff` and the web page).
    pub fn explain(self) -> &'static str {
        match self {
            EditKind::Residue => "page furniture line in another script removed",
            EditKind::Nfc => "Unicode composed (NFC)",
            EditKind::PresentationForm => "Arabic presentation form replaced by its letters",
            EditKind::Control => "invisible or control character removed",
            EditKind::Bidi => "bidi control mark removed",
            EditKind::SpaceKind => "unusual space made a plain space",
            EditKind::Zwj => "zero width joiner removed",
            EditKind::Letter => "Arabic letter written in its Persian form",
            EditKind::Hamza => "hamza or teh marbuta form simplified",
            EditKind::Tatweel => "tatweel removed",
            EditKind::Diacritic => "diacritic removed",
            EditKind::Digit => "digit written in the target script",
            EditKind::NumberSeparator => "number separator written in the target script",
            EditKind::Punctuation => "punctuation written in its Persian form",
            EditKind::Quote => "straight quotes replaced by guillemets",
            EditKind::Spacing => "spacing around words and punctuation fixed",
            EditKind::ZwnjRemoved => "misplaced zero width non-joiner removed",
            EditKind::ZwnjInserted => "half-space (ZWNJ) restored",
            EditKind::SpaceToZwnj => "space inside a word made a half-space (ZWNJ)",
            EditKind::SpaceRemoved => "space inside a word removed",
        }
    }
}

/// One change: `input` bytes of the original text became `output` bytes of the cleaned
/// text. Ranges are byte offsets; either may be empty (insertion or deletion).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// Why.
    pub kind: EditKind,
    /// Byte range in the original input.
    pub input: Range<usize>,
    /// Byte range in the cleaned output.
    pub output: Range<usize>,
}
