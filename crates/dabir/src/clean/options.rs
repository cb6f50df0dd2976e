//! The options of the cleaning stage, and the three presets.
//!
//! One struct, every field documented, serde-ready so the CLI flags, the server's
//! `options` object and the Python bindings all use these same names.

use serde::{Deserialize, Serialize};

/// Which digit script numbers are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DigitTarget {
    /// Persian digits ۰۱۲۳۴۵۶۷۸۹ (numbers inside Latin words, URLs, emails stay as they are).
    Persian,
    /// ASCII digits 0123456789.
    Latin,
    /// Leave digits as written.
    Keep,
}

/// The named presets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Preset {
    /// Encoding-level fixes only: NFC, presentation forms, invisible and control
    /// characters, space kinds, Arabic yeh/kaf. Spelling, digits, punctuation and word
    /// spacing are left as written.
    Conservative,
    /// The default: everything a news desk wants, ZWNJ restoration included.
    Standard,
    /// [`Preset::Standard`] plus the orthography of the Academy of Persian Language and
    /// Literature: ezafe after silent heh written هٔ (not ۀ), hamza forms kept.
    Academy,
}

/// Options of the cleaning stage. Build one from a [`Preset`] and change fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CleanOptions {
    /// Drop whole lines of site furniture in another script ("Read More", "Share this
    /// article") from a Persian document. Each dropped line is reported as an edit.
    pub remove_residue: bool,
    /// Remove bidi control marks (LRM, RLM, ALM, embeddings, overrides, isolates).
    pub remove_bidi: bool,
    /// Map Arabic yeh and kaf (ي ى ك) and the heh forms ە ھ to Persian ی ک ه.
    pub persian_letters: bool,
    /// Write teh marbuta ة as ه.
    pub teh_marbuta_to_heh: bool,
    /// Write hamza carriers أ إ ؤ as ا ا و (ئ is kept: it is Persian spelling).
    pub simplify_hamza: bool,
    /// Write ezafe heh ۀ as ه + hamza above (هٔ), the Academy's spelling.
    pub heh_hamza_academy: bool,
    /// Remove tatweel (ـ), the stretching character.
    pub remove_tatweel: bool,
    /// Remove Arabic diacritics (harakat, tanwin, shadda, sukun, superscript alef).
    pub remove_diacritics: bool,
    /// When removing diacritics, keep the hamza above on ه (هٔ, the ezafe).
    pub keep_heh_hamza: bool,
    /// The digit script of numbers.
    pub digits: DigitTarget,
    /// Write decimal and thousands separators inside numbers in the target script
    /// (٫ ٬ for Persian digits, . , for Latin ones).
    pub number_separators: bool,
    /// In Persian context write , ; ? as ، ؛ ؟.
    pub persian_punctuation: bool,
    /// Write straight double quotes around Persian text as guillemets « ».
    pub persian_quotes: bool,
    /// Write "..." as the ellipsis character …
    pub ellipsis: bool,
    /// Collapse runs of the same punctuation mark (!!! → !, ؟؟ → ؟).
    pub collapse_repeated_punctuation: bool,
    /// No space before . ، ؛ : ! ؟ ) » and after ( «; one space after closing marks.
    pub punctuation_spacing: bool,
    /// A space between Persian letters and directly adjacent Latin letters or digits.
    pub script_spacing: bool,
    /// Restore the ZWNJ (نیم‌فاصله) where it was deleted or typed as a space, with the
    /// embedded model.
    pub restore_zwnj: bool,
}

impl Default for CleanOptions {
    fn default() -> Self {
        Self::preset(Preset::Standard)
    }
}

impl CleanOptions {
    /// The options of a preset.
    pub fn preset(preset: Preset) -> Self {
        let standard = CleanOptions {
            remove_residue: true,
            remove_bidi: true,
            persian_letters: true,
            teh_marbuta_to_heh: false,
            simplify_hamza: false,
            heh_hamza_academy: false,
            remove_tatweel: true,
            remove_diacritics: true,
            keep_heh_hamza: true,
            digits: DigitTarget::Persian,
            number_separators: true,
            persian_punctuation: true,
            persian_quotes: true,
            ellipsis: false,
            collapse_repeated_punctuation: false,
            punctuation_spacing: true,
            script_spacing: false,
            restore_zwnj: true,
        };
        match preset {
            Preset::Standard => standard,
            Preset::Academy => CleanOptions { heh_hamza_academy: true, ..standard },
            Preset::Conservative => CleanOptions {
                remove_residue: false,
                remove_tatweel: false,
                remove_diacritics: false,
                digits: DigitTarget::Keep,
                number_separators: false,
                persian_punctuation: false,
                persian_quotes: false,
                punctuation_spacing: false,
                restore_zwnj: false,
                ..standard
            },
        }
    }
}
