//! Every pattern of the extraction stage, each with an example and the output the code
//! gives for it; the same rows are the README's table of supported patterns, and this
//! test fails when the two differ (regenerate the table with `DABIR_BLESS=1 cargo test
//! -p dabir --test extract_patterns`).

use dabir::clean::Cleaner;
use dabir::extract::calendar::IsoDate;
use dabir::extract::{Extraction, Extractor};

/// (area, pattern, example, reference date)
const ROWS: &[(&str, &str, &str, Option<&str>)] = &[
    ("date", "day month year, Solar Hijri", "۱۴ تیر ۱۴۰۳", None),
    ("date", "day month year, Gregorian", "۴ ژوئیه ۲۰۲۴", None),
    ("date", "day month year, lunar Hijri (Umm al-Qura)", "۱۰ محرم ۱۴۴۶", None),
    ("date", "ordinal day, month with «ماه»", "چهاردهم تیرماه ۱۴۰۳", None),
    ("date", "weekday, day month, bracketed Gregorian", "پنجشنبه ۱۴ تیر (۴ ژوئیه)", Some("2024-07-05")),
    ("date", "the same without a reference date", "پنجشنبه ۱۴ تیر (۴ ژوئیه)", None),
    ("date", "weekday that does not match", "جمعه ۱۴ تیر ۱۴۰۳", None),
    ("date", "numeric, year first", "۱۴۰۳/۰۴/۱۴", None),
    ("date", "numeric, Gregorian", "2024-07-04", None),
    ("date", "month and year", "تیر ۱۴۰۳", None),
    ("date", "year, Gregorian", "سال ۲۰۱۸", None),
    ("date", "year, Solar Hijri", "سال ۱۴۰۳", None),
    ("date", "year, lunar", "سال ۱۴۴۶ قمری", None),
    ("date", "open range from a year", "از سال ۱۳۵۷", None),
    ("date", "range to now", "از سال ۱۳۵۷ تا کنون", Some("2024-07-04")),
    ("date", "range of days", "از ۱۴ تا ۱۶ تیر ۱۴۰۳", None),
    ("date", "part of a month (approximate)", "اواخر ماه مه", Some("2024-07-04")),
    ("date", "part of a year", "اوایل سال ۲۰۱۸", None),
    ("date", "about a year", "حدود سال ۲۰۱۸", None),
    ("date", "decade, Solar Hijri", "دهه ۱۳۶۰", None),
    ("date", "decade, Gregorian", "دهه ۱۹۹۰", None),
    ("date", "two-digit decade (unresolved)", "دهه ۶۰", None),
    ("date", "weekday (past by default)", "روز جمعه", Some("2024-07-04")),
    ("date", "weekday in a future sentence", "روز جمعه برگزار خواهد شد", Some("2024-07-04")),
    ("date", "yesterday", "دیروز", Some("2024-07-04")),
    ("date", "yesterday without a reference", "دیروز", None),
    ("date", "last week (Saturday–Friday)", "هفته گذشته", Some("2024-07-04")),
    ("date", "N days ago", "سه روز پیش", Some("2024-07-04")),
    ("date", "last month (Solar Hijri)", "ماه گذشته", Some("2024-07-04")),
    ("date", "last year (Solar Hijri)", "پارسال", Some("2024-07-04")),
    ("date", "clock time", "ساعت ۱۰ صبح", None),
    ("date", "clock time, evening", "ساعت ۱۰ شب", None),
    ("date", "date and time", "۱۴ تیر ۱۴۰۳ ساعت ۱۰:۳۰", None),
    ("date", "relative day and time", "دیروز ساعت ۳ بعد از ظهر", Some("2024-07-04")),
    ("date", "dateline as the reference", "تهران - ۱۴ تیر ۱۴۰۳\nدیروز", None),
    ("number", "digits with separators", "1,200,000 نفر", None),
    ("number", "Arabic-Indic digits", "٢٠ نفر", None),
    ("number", "words with scales", "یک میلیون و دویست هزار", None),
    ("number", "words with a half", "دو و نیم", None),
    ("number", "hundreds and tens", "صد و چهل", None),
    ("number", "ordinal", "یازدهم", None),
    ("number", "attributive ordinal", "یازدهمین دوره", None),
    ("number", "first", "نخستین", None),
    ("number", "decimal and scale", "۱٫۵ میلیارد", None),
    ("number", "digits and scale", "۲۰ هزار", None),
    ("number", "slash decimal before a scale", "۵/۲ میلیون", None),
    ("quantity", "percent", "۲۵ درصد", None),
    ("quantity", "percent sign", "۲۵٪", None),
    ("quantity", "money, toman", "۱۲۰ هزار تومان", None),
    ("quantity", "money, rial", "۳۰۰ میلیون ریال", None),
    ("quantity", "money, dollar", "۱٫۵ میلیارد دلار", None),
    ("quantity", "money, euro", "۵۰ یورو", None),
    ("quantity", "qualifier «بیش از»", "بیش از ۲۰ هزار نفر", None),
    ("quantity", "qualifier «حدود»", "حدود ۱۰۰ نفر", None),
    ("quantity", "qualifier «کمتر از»", "کمتر از ۵ درصد", None),
    ("quantity", "qualifier «دست‌کم»", "دست‌کم ۱۴۰ کشته", None),
    ("quantity", "qualifier «نزدیک به»", "نزدیک به ۲۰۰ زخمی", None),
    ("quantity", "counted noun, killed", "۱۴۰ کشته", None),
    ("quantity", "counted noun, wounded", "۲۰۰ زخمی", None),
    ("quantity", "counted noun phrase", "۱۹ نیروی امنیتی", None),
    ("quote", "direct, verb before", "سخنگوی وزارت کشور گفت: «دست‌کم ۱۴۰ نفر کشته شدند.»", None),
    ("quote", "direct, verb after", "«ما آماده‌ایم»، وزیر خارجه گفت.", None),
    ("quote", "X گفت که …", "رئیس‌جمهور گفت که دولت از مردم حمایت می‌کند.", None),
    ("quote", "به گفته X، …", "به گفته پلیس، مهاجمان فرار کردند.", None),
    ("quote", "X افزود: …", "فرماندار افزود: جاده‌ها باز است.", None),
    ("quote", "X نوشت …", "روزنامه کیهان نوشت که مذاکرات شکست خورد.", None),
    ("quote", "به نقل از X", "خبرگزاری ایرنا به نقل از فرماندار گزارش داد که جاده بسته است.", None),
    ("quote", "X گزارش داد …", "خبرگزاری فارس گزارش داد که سه نفر بازداشت شدند.", None),
    ("quote", "«وی» linked to the last speaker", "وزیر کشور گفت: «آرامش برقرار است.» وی افزود: «نگرانی نیست.»", None),
    ("quote", "left-out subject", "وزیر کشور گفت: «آرامش برقرار است.» افزود: «نگرانی نیست.»", None),
    ("quote", "nested and multi-sentence", "وزیر گفت: «مردم گفتند «ما می‌مانیم». این پیام روشن است.»", None),
    ("event", "attack: counts, place, date, perpetrator", "در حمله انتحاری روز ۱۴ تیر ۱۴۰۳ در شهر کابل دست‌کم ۱۴۰ نفر کشته و ۲۰۰ نفر زخمی شدند. گروه داعش مسئولیت این حمله را بر عهده گرفت.", None),
    ("event", "counts in the next sentence", "انفجاری در بازار شهر رخ داد. در این انفجار ۱۹ نیروی امنیتی جان باختند.", None),
    ("event", "perpetrator after «توسط»", "حمله به پاسگاه مرزی توسط افراد مسلح انجام شد و ۳ کشته برجای گذاشت.", None),
    ("event", "relative date of the incident", "دیروز در تیراندازی در مدرسه ۵ نفر کشته شدند.", Some("2024-07-04")),
];

fn run(example: &str, reference: Option<&str>) -> Extraction {
    let text = Cleaner::standard().clean(example).text;
    Extractor::new().extract(&text, reference.and_then(IsoDate::parse))
}

fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn describe(area: &str, x: &Extraction) -> String {
    match area {
        "date" => x
            .dates
            .iter()
            .map(|d| {
                let mut s = match &d.value {
                    Some(v) => format!("`{v}` {}", format!("{:?}", d.granularity).to_lowercase()),
                    None => format!("unresolved ({})", d.note.as_deref().unwrap_or("")),
                };
                for (on, flag) in [
                    (d.approximate, "approximate"),
                    (d.range, "range"),
                    (d.dateline, "dateline"),
                    (d.year_from_reference, "year from reference"),
                ] {
                    if on {
                        s.push_str(", ");
                        s.push_str(flag);
                    }
                }
                if d.value.is_some() {
                    if let Some(n) = &d.note {
                        s.push_str(&format!(" — {n}"));
                    }
                }
                s
            })
            .collect::<Vec<_>>()
            .join("; "),
        "number" | "quantity" => x
            .quantities
            .iter()
            .map(|q| {
                let mut s = num(q.value);
                if q.ordinal {
                    s.push_str(" ordinal");
                }
                if let Some(k) = &q.qualifier {
                    s.push_str(&format!(", {:?}", k.kind).to_lowercase());
                }
                if let Some(u) = &q.unit {
                    s.push_str(&format!(", unit {}", u.code));
                }
                if let Some(n) = &q.noun {
                    s.push_str(&format!(", noun «{}»", n.piece.text));
                    if let Some(r) = n.role {
                        s.push_str(&format!(" ({r:?})").to_lowercase());
                    }
                }
                s
            })
            .collect::<Vec<_>>()
            .join("; "),
        "quote" => x
            .quotes
            .iter()
            .map(|q| {
                let who = q.speaker.as_ref().map_or("?".to_owned(), |s| {
                    let w = s
                        .written
                        .as_ref()
                        .map_or("(left out)".to_owned(), |w| w.text.clone());
                    match &s.antecedent {
                        Some(a) => format!("{w} → {}", a.speaker.text),
                        None => w,
                    }
                });
                let verb = q.verb.as_ref().map_or("", |v| v.text.as_str());
                let mut s = format!("{who} · {verb} · «{}»", q.content.text);
                if q.sentences > 1 {
                    s.push_str(&format!(" ({} sentences)", q.sentences));
                }
                if let Some(p) = q.parent {
                    s.push_str(&format!(" (inside #{p})"));
                }
                s
            })
            .collect::<Vec<_>>()
            .join("; "),
        _ => x
            .events
            .iter()
            .map(|e| {
                let mut s = e.kind.clone();
                if let Some(c) = &e.killed {
                    s.push_str(&format!(", killed {}", num(c.value)));
                }
                if let Some(c) = &e.wounded {
                    s.push_str(&format!(", wounded {}", num(c.value)));
                }
                if let Some(p) = &e.place {
                    s.push_str(&format!(", place «{}»", p.piece.text));
                }
                if let Some(d) = &e.date_value {
                    s.push_str(&format!(", date `{d}`"));
                }
                if let Some(p) = &e.perpetrator {
                    s.push_str(&format!(", by «{}»", p.piece.text));
                }
                s
            })
            .collect::<Vec<_>>()
            .join("; "),
    }
}

fn table() -> String {
    let mut out =
        String::from("| area | pattern | example | reference | output |\n|---|---|---|---|---|\n");
    for (area, pattern, example, reference) in ROWS {
        let x = run(example, *reference);
        let out_s = describe(area, &x);
        out.push_str(&format!(
            "| {area} | {pattern} | {} | {} | {} |\n",
            example.replace('\n', " ⏎ ").replace('|', "\\|"),
            reference.unwrap_or("—"),
            if out_s.is_empty() {
                "(nothing)".to_owned()
            } else {
                out_s.replace('|', "\\|").replace('\n', " ")
            },
        ));
    }
    out
}

const START: &str =
    "<!-- extract-patterns:start (generated by crates/dabir/tests/extract_patterns.rs) -->\n";
const END: &str = "<!-- extract-patterns:end -->";

#[test]
fn readme_table_is_what_the_code_does() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md");
    let readme = std::fs::read_to_string(path).unwrap_or_default();
    let want = table();
    let (Some(a), Some(b)) = (readme.find(START), readme.find(END)) else {
        if std::env::var_os("DABIR_BLESS").is_some() {
            let new = format!("{readme}\n{START}{want}{END}\n");
            std::fs::write(path, new).unwrap_or_else(|e| panic!("writing {path}: {e}"));
            return;
        }
        panic!("README.md has no extraction pattern table; run with DABIR_BLESS=1\n{want}");
    };
    let have = &readme[a + START.len()..b];
    if have != want {
        if std::env::var_os("DABIR_BLESS").is_some() {
            let new = format!("{}{START}{want}{}", &readme[..a], &readme[b..]);
            std::fs::write(path, new).unwrap_or_else(|e| panic!("writing {path}: {e}"));
            return;
        }
        panic!("README.md's extraction table is out of date; run with DABIR_BLESS=1\n{want}");
    }
}

/// Every issue example gives something, and no example panics.
#[test]
fn every_row_finds_something() {
    for (area, _, example, reference) in ROWS {
        let x = run(example, *reference);
        assert!(!describe(area, &x).is_empty(), "{area}: {example}");
    }
}
