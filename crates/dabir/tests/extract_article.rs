//! The extraction stage on a whole article the project wrote (tests/data/
//! extract-article.txt): a dateline, an attack with its counts, place, perpetrator,
//! quotes with a pronoun speaker, money, percent, ranges; and through the Pipeline,
//! the Document layers with spans mapped back to an input written with Arabic letters
//! and Latin digits.

use dabir::extract::calendar::IsoDate;
use dabir::extract::Extractor;
use dabir::Pipeline;

const ARTICLE: &str = include_str!("data/extract-article.txt");

#[test]
fn article_facts() {
    let text = dabir::clean::Cleaner::standard().clean(ARTICLE).text;
    let x = Extractor::new().extract(&text, None);
    // the dateline is the reference
    assert_eq!(x.reference, IsoDate::new(2024, 7, 4));
    assert!(x.dates[0].dateline);
    let values: Vec<Option<&str>> = x.dates.iter().map(|d| d.value.as_deref()).collect();
    assert_eq!(
        values,
        [
            Some("2024-07-04"),
            Some("2024-07-03"),
            Some("T10:00"),
            Some("2024-06-22/2024-06-28"),
            Some("1978-03-21/2024-07-04"),
        ]
    );
    let e = &x.events[0];
    assert_eq!(e.kind, "suicide_attack");
    assert_eq!(e.killed.as_ref().map(|c| c.value), Some(140.0));
    assert_eq!(e.wounded.as_ref().map(|c| c.value), Some(200.0));
    assert_eq!(
        e.place.as_ref().map(|p| p.piece.text.as_str()),
        Some("شهر کابل")
    );
    assert_eq!(e.date_value.as_deref(), Some("2024-07-03"));
    assert_eq!(
        e.perpetrator.as_ref().map(|p| p.piece.text.as_str()),
        Some("گروه داعش")
    );
    let speakers: Vec<String> = x
        .quotes
        .iter()
        .map(|q| {
            let s = q.speaker.as_ref();
            let w = s
                .and_then(|s| s.written.as_ref())
                .map_or("", |w| w.text.as_str());
            match s.and_then(|s| s.antecedent.as_ref()) {
                Some(a) => format!("{w}={}", a.speaker.text),
                None => w.to_owned(),
            }
        })
        .collect();
    assert_eq!(
        speakers,
        [
            "سخنگوی وزارت کشور",
            "وی=سخنگوی وزارت کشور",
            "مقام‌های محلی",
            "وزیر کشور"
        ]
    );
    assert_eq!(x.quotes[0].sentences, 2);
    let money = x
        .quantities
        .iter()
        .find(|q| q.unit.as_ref().is_some_and(|u| u.code == "USD"));
    assert_eq!(money.map(|q| q.value), Some(1.5e9));
}

#[test]
fn document_layers_map_to_the_input() -> dabir::Result<()> {
    // Arabic kaf and yeh, Latin digits, no ZWNJ: cleaning rewrites all of them
    let input = "در حمله ديروز دست كم 140 نفر كشته شدند. سخنگوي پليس گفت: «وضعيت آرام است.»";
    let doc = Pipeline::new()?.analyze_with_reference(input, IsoDate::new(2024, 7, 4))?;
    assert_eq!(doc.dates[0].value.as_deref(), Some("2024-07-03"));
    assert_eq!(doc.input_of(doc.dates[0].input_span), "ديروز");
    let q = &doc.quantities[0];
    assert_eq!(doc.text_of(q.span), "دست کم ۱۴۰ نفر کشته شدند");
    assert_eq!(doc.input_of(q.input_span), "دست كم 140 نفر كشته شدند");
    assert_eq!(doc.events[0].killed.as_ref().map(|c| c.value), Some(140.0));
    let quote = &doc.quotes[0];
    assert_eq!(doc.input_of(quote.content.input_span), "وضعيت آرام است.");
    let speaker = quote.speaker.as_ref().and_then(|s| s.written.as_ref());
    assert_eq!(
        speaker.map(|w| doc.input_of(w.input_span)),
        Some("سخنگوي پليس")
    );
    // every layer is in the JSON, always
    let json = serde_json::to_value(&doc).map_err(|e| dabir::Error::Option {
        name: "json".into(),
        reason: e.to_string(),
    })?;
    for layer in ["dates", "quantities", "quotes", "events"] {
        assert!(json.get(layer).is_some_and(|v| v.is_array()), "{layer}");
    }
    let empty = Pipeline::new()?.analyze("")?;
    assert!(empty.dates.is_empty() && empty.events.is_empty());
    Ok(())
}
