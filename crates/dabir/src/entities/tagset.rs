//! Entity types and the mapping from each corpus' tag set, read from the data table
//! `tagsets.tsv` beside this file (corpus, corpus type, dabir type, note).
//!
//! Why a table: the corpora disagree on names (`pers` vs `PER`) and on coverage (Arman
//! has facilities, products and events; PerDT has dates, times, money and percentages),
//! and the mapping is a decision a reader should be able to check without reading code.
//!
//! ```
//! use dabir::entities::tagset::{EntityType, TagSet};
//! let arman = TagSet::named("arman").unwrap();
//! assert_eq!(arman.map("pers"), Some(EntityType::Per));
//! assert_eq!(arman.map("PERS"), Some(EntityType::Per));
//! assert_eq!(arman.map("misc"), None);
//! assert_eq!(EntityType::Event.as_str(), "EVENT");
//! ```

use serde::Serialize;
use std::fmt;

static TABLE: &str = include_str!("tagsets.tsv");

/// The entity types dabir recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(into = "&'static str")]
pub enum EntityType {
    /// A person.
    Per,
    /// An organisation.
    Org,
    /// A place.
    Loc,
    /// A facility (building, airport, road).
    Fac,
    /// A product (newspaper, book, vehicle).
    Pro,
    /// A named event.
    Event,
    /// A date.
    Dat,
    /// A time of day.
    Tim,
    /// An amount of money.
    Mon,
    /// A percentage.
    Pct,
}

impl EntityType {
    /// Every type, in a fixed order (the order of the bits in a type mask).
    pub const ALL: [EntityType; 10] = [
        EntityType::Per,
        EntityType::Org,
        EntityType::Loc,
        EntityType::Fac,
        EntityType::Pro,
        EntityType::Event,
        EntityType::Dat,
        EntityType::Tim,
        EntityType::Mon,
        EntityType::Pct,
    ];

    /// The tag name: `PER`, `ORG`, …
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Per => "PER",
            EntityType::Org => "ORG",
            EntityType::Loc => "LOC",
            EntityType::Fac => "FAC",
            EntityType::Pro => "PRO",
            EntityType::Event => "EVENT",
            EntityType::Dat => "DAT",
            EntityType::Tim => "TIM",
            EntityType::Mon => "MON",
            EntityType::Pct => "PCT",
        }
    }

    /// The type named `s` (dabir's own names, any case).
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|t| t.as_str().eq_ignore_ascii_case(s))
    }

    /// The type's bit in a type mask.
    pub fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

impl From<EntityType> for &'static str {
    fn from(t: EntityType) -> Self {
        t.as_str()
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One corpus' mapping from its type names to [`EntityType`].
#[derive(Debug, Clone)]
pub struct TagSet {
    corpus: String,
    map: Vec<(String, EntityType)>,
}

impl TagSet {
    /// The tag set of `corpus` (`arman`, `perdt`, `dabir`) from the table, or `None` when
    /// the table has no line for it.
    pub fn named(corpus: &str) -> Option<Self> {
        let map: Vec<(String, EntityType)> = table()
            .filter(|(c, _, _)| c.eq_ignore_ascii_case(corpus))
            .map(|(_, from, to)| (from.to_lowercase(), to))
            .collect();
        if map.is_empty() {
            return None;
        }
        Some(TagSet {
            corpus: corpus.to_string(),
            map,
        })
    }

    /// The corpus name.
    pub fn corpus(&self) -> &str {
        &self.corpus
    }

    /// The dabir type of the corpus type `ty` (case-insensitive), `None` for a type the
    /// table does not map (read as O).
    pub fn map(&self, ty: &str) -> Option<EntityType> {
        let ty = ty.to_lowercase();
        self.map.iter().find(|(k, _)| *k == ty).map(|(_, t)| *t)
    }

    /// Maps a BIO tag (`B-pers`, `I-org`, `O`, also `E-`/`S-` tags read as `I-`/`B-`) to
    /// a dabir BIO tag; unknown types become `O`.
    pub fn map_tag(&self, tag: &str) -> String {
        match tag.split_once('-') {
            Some((p, ty)) => match self.map(ty) {
                Some(t) => {
                    let p = if p == "B" || p == "S" { "B" } else { "I" };
                    format!("{p}-{t}")
                }
                None => "O".to_string(),
            },
            None => "O".to_string(),
        }
    }
}

/// The table's rows: (corpus, corpus type, dabir type); comments and rows whose dabir
/// type is unknown are skipped (a test checks there are none).
fn table() -> impl Iterator<Item = (&'static str, &'static str, EntityType)> {
    TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut it = l.split('\t');
            let corpus = it.next()?;
            let from = it.next()?;
            let to = EntityType::parse(it.next()?)?;
            Some((corpus, from, to))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_parses() {
        let rows = TABLE
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .count();
        assert_eq!(rows, table().count());
    }

    #[test]
    fn corpora_map_their_types() {
        let perdt = TagSet::named("perdt").unwrap();
        assert_eq!(perdt.map_tag("B-DAT"), "B-DAT");
        assert_eq!(perdt.map_tag("I-LOC"), "I-LOC");
        let arman = TagSet::named("arman").unwrap();
        assert_eq!(arman.map_tag("B-event"), "B-EVENT");
        assert_eq!(arman.map_tag("I-fac"), "I-FAC");
        assert_eq!(arman.map_tag("O"), "O");
        assert_eq!(arman.map_tag("B-nothing"), "O");
        assert!(TagSet::named("nope").is_none());
        for t in EntityType::ALL {
            assert_eq!(EntityType::parse(t.as_str()), Some(t));
        }
    }
}
