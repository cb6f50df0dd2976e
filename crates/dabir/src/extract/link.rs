//! Links the speakers of quotations and the places and perpetrators of incidents to the
//! entities the entity stage recognised in the same document.
//!
//! Why rules and not a model: the link only says which recognised name a phrase is
//! about, and Persian noun phrases put their head first, so position decides it:
//! - a speaker is the entity that starts where the speaker starts («حسن روحانی گفت»,
//!   «وزارت کشور اعلام کرد»), or a person named at its end after a title («رئیس‌جمهور
//!   حسن روحانی»); «فرماندار آرین‌دشت» (the governor *of* a place) links to nothing;
//! - a place is the first place or facility inside it («بازار مرکزی آرین‌دشت» →
//!   آرین‌دشت);
//! - a perpetrator is the first person or organisation inside it («گروه داعش» → داعش).

use crate::document::{Document, Entity};
use crate::entities::EntityType;
use crate::Span;

/// Fills `entity` on the document's quote speakers and event places and perpetrators.
pub(crate) fn link_entities(doc: &mut Document) {
    let entities = &doc.entities;
    for q in &mut doc.quotes {
        if let Some(sp) = q.speaker.as_mut() {
            sp.entity = sp.written.as_ref().and_then(|w| speaker(entities, w.span));
        }
    }
    for e in &mut doc.events {
        if let Some(p) = e.place.as_mut() {
            p.entity = first_inside(entities, p.piece.span, &[EntityType::Loc, EntityType::Fac]);
        }
        if let Some(p) = e.perpetrator.as_mut() {
            p.entity = first_inside(entities, p.piece.span, &[EntityType::Per, EntityType::Org]);
        }
    }
}

/// The entities overlapping `span`, with their indices, in text order.
fn overlapping(entities: &[Entity], span: Span) -> impl Iterator<Item = (usize, &Entity)> {
    // entities are in text order and do not overlap: skip those ending before `span`
    let first = entities.partition_point(|e| e.span.end <= span.start);
    entities
        .iter()
        .enumerate()
        .skip(first)
        .take_while(move |(_, e)| e.span.start < span.end)
}

fn speaker(entities: &[Entity], span: Span) -> Option<usize> {
    let named = [EntityType::Per, EntityType::Org];
    overlapping(entities, span)
        .find(|(_, e)| e.span.start == span.start && named.contains(&e.kind))
        .or_else(|| {
            overlapping(entities, span)
                .find(|(_, e)| e.kind == EntityType::Per && e.span.end == span.end)
        })
        .map(|(i, _)| i)
}

fn first_inside(entities: &[Entity], span: Span, kinds: &[EntityType]) -> Option<usize> {
    overlapping(entities, span)
        .find(|(_, e)| kinds.contains(&e.kind))
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use crate::entities::EntityType;
    use crate::Pipeline;

    #[test]
    fn speakers_places_and_perpetrators_link_to_entities() {
        let Ok(pipeline) = Pipeline::new() else {
            unreachable!("the embedded models load")
        };
        let Ok(doc) = pipeline.analyze(
            "حسن روحانی گفت: «ما می‌مانیم و کار می‌کنیم.» ۵ نفر در انفجاری در شهر تهران کشته شدند. سازمان مجاهدین خلق مسئولیت این حمله را بر عهده گرفت.",
        ) else {
            unreachable!("the text is valid")
        };
        // the recogniser decides the exact extent (شهر تهران or تهران): test the links
        let entity_of = |i: Option<usize>| i.and_then(|i| doc.entities.get(i));
        let linked = |i: Option<usize>, kind: EntityType, name: &str| {
            entity_of(i).is_some_and(|e| e.kind == kind && e.form.contains(name))
        };
        let speaker = doc.quotes.first().and_then(|q| q.speaker.as_ref());
        assert!(
            linked(speaker.and_then(|s| s.entity), EntityType::Per, "روحانی"),
            "{:?}",
            doc.entities
        );
        let event = doc.events.first();
        let place = event.and_then(|e| e.place.as_ref()).and_then(|p| p.entity);
        assert!(
            linked(place, EntityType::Loc, "تهران"),
            "{:?} {:?}",
            doc.entities,
            doc.events
        );
        let by = event
            .and_then(|e| e.perpetrator.as_ref())
            .and_then(|p| p.entity);
        assert!(linked(by, EntityType::Org, "مجاهدین"), "{:?}", doc.entities);
    }
}
