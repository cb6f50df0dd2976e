//! `GET /v1/edit-kinds`: every kind of cleaning edit with the library's explanation
//! ([`EditKind::explain`]), so the web page (and any client) can say why each edit was
//! made without a copy of the texts.

use axum::response::{IntoResponse, Response};
use dabir::clean::EditKind;
use serde_json::{Map, Value};

/// Every edit kind. [`position`] matches exhaustively, so a kind the library adds is a
/// compile error here until it is listed.
const EDIT_KINDS: [EditKind; 20] = [
    EditKind::Residue,
    EditKind::Nfc,
    EditKind::PresentationForm,
    EditKind::Control,
    EditKind::Bidi,
    EditKind::SpaceKind,
    EditKind::Zwj,
    EditKind::Letter,
    EditKind::Hamza,
    EditKind::Tatweel,
    EditKind::Diacritic,
    EditKind::Digit,
    EditKind::NumberSeparator,
    EditKind::Punctuation,
    EditKind::Quote,
    EditKind::Spacing,
    EditKind::ZwnjRemoved,
    EditKind::ZwnjInserted,
    EditKind::SpaceToZwnj,
    EditKind::SpaceRemoved,
];

/// The place of `kind` in [`EDIT_KINDS`] (compiled with the tests, which clippy
/// `--all-targets` and `cargo test` build, so a new kind stops CI until listed).
#[cfg(test)]
fn position(kind: EditKind) -> usize {
    match kind {
        EditKind::Residue => 0,
        EditKind::Nfc => 1,
        EditKind::PresentationForm => 2,
        EditKind::Control => 3,
        EditKind::Bidi => 4,
        EditKind::SpaceKind => 5,
        EditKind::Zwj => 6,
        EditKind::Letter => 7,
        EditKind::Hamza => 8,
        EditKind::Tatweel => 9,
        EditKind::Diacritic => 10,
        EditKind::Digit => 11,
        EditKind::NumberSeparator => 12,
        EditKind::Punctuation => 13,
        EditKind::Quote => 14,
        EditKind::Spacing => 15,
        EditKind::ZwnjRemoved => 16,
        EditKind::ZwnjInserted => 17,
        EditKind::SpaceToZwnj => 18,
        EditKind::SpaceRemoved => 19,
    }
}

/// `{"letter": "Arabic letter written in its Persian form", …}`, names as in the JSON.
pub async fn edit_kinds() -> Response {
    let mut kinds = Map::new();
    for kind in EDIT_KINDS {
        if let Ok(Value::String(name)) = serde_json::to_value(kind) {
            kinds.insert(name, Value::String(kind.explain().to_owned()));
        }
    }
    axum::Json(Value::Object(kinds)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_matches_the_positions() {
        for (i, kind) in EDIT_KINDS.iter().enumerate() {
            assert_eq!(position(*kind), i, "{kind:?}");
        }
    }
}
