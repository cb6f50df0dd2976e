//! `dabir extract [FILE|-]`: the news facts of a text — dates, quantities, quotations,
//! incidents — as JSON (spans into the cleaned text and the input) or as readable text.
//! The whole input is one document (a dateline at its head is its reference date), of
//! at most `--max-document` bytes (default 64 MiB; extraction takes about 30 times the
//! text's size in memory): a longer input is an error, not an exhausted machine.

use crate::stream::{read_document, Failure};
use anyhow::Context as _;
use clap::{Args, ValueEnum};
use dabir::extract::calendar::IsoDate;
use dabir::extract::dates::DateExpr;
use dabir::extract::events::Event;
use dabir::extract::quantities::Quantity;
use dabir::extract::quotes::Quote;
use dabir::extract::{Extraction, Extractor};
use std::fmt::Write as _;
use std::io::{Read, Write};
use std::process::ExitCode;

/// Extract dates, quantities, quotations and incidents.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Input file; `-` or nothing for standard input.
    input: Option<String>,
    /// The article's date, which relative expressions ("دیروز") are resolved against.
    #[arg(long, value_name = "YYYY-MM-DD")]
    reference_date: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
    format: ExtractFormat,
    /// The longest input, in bytes (K, M and G suffixes: binary units): a longer one is
    /// an error. Extraction takes about 30 times the text's size in memory.
    #[arg(long, value_name = "BYTES", default_value = "64M", value_parser = crate::stream::parse_size)]
    max_document: usize,
}

/// Output formats of `dabir extract`.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum ExtractFormat {
    /// One JSON object: the cleaned text, the reference date and every layer.
    Json,
    /// One line per fact.
    Text,
}

/// Runs `dabir extract`.
pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let reference = match args.reference_date.as_deref() {
        Some(s) => Some(IsoDate::parse(s).ok_or_else(|| dabir::Error::Option {
            name: "--reference-date".into(),
            reason: format!("{s:?} is not a date YYYY-MM-DD"),
        })?),
        None => None,
    };
    let name = args.input.clone().unwrap_or_else(|| "-".into());
    let source: Box<dyn Read> = match args.input.as_deref() {
        None | Some("-") => Box::new(std::io::stdin().lock()),
        Some(p) => Box::new(std::fs::File::open(p).with_context(|| format!("opening {p}"))?),
    };
    let bytes = match read_document(source, args.max_document, "--max-document") {
        Ok(b) => b,
        Err(Failure::Input(e)) => return Err(e.context(name)),
        Err(Failure::Read(e)) => {
            return Err(anyhow::Error::new(e).context(format!("reading {name}")))
        }
        Err(Failure::Write(e)) => return Err(e.into()),
        Err(Failure::BrokenPipe) => return Ok(ExitCode::SUCCESS),
    };
    let input = std::str::from_utf8(&bytes).map_err(|e| dabir::Error::InvalidUtf8 {
        offset: e.valid_up_to() as u64,
    })?;
    let cleaned = dabir::clean::Cleaner::standard().clean(input);
    let mut x = Extractor::new().extract(&cleaned.text, reference);
    x.map_spans(&|s| cleaned.map.span_to_input(s.range()).into());
    let mut out = String::new();
    match args.format {
        ExtractFormat::Json => {
            let v = serde_json::json!({
                "text": cleaned.text,
                "reference": x.reference,
                "dates": x.dates,
                "quantities": x.quantities,
                "quotes": x.quotes,
                "events": x.events,
            });
            out.push_str(&serde_json::to_string_pretty(&v)?);
            out.push('\n');
        }
        ExtractFormat::Text => write_text(&x, &mut out),
    }
    let stdout = std::io::stdout();
    let mut w = stdout.lock();
    w.write_all(out.as_bytes())?;
    w.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn write_text(x: &Extraction, out: &mut String) {
    if let Some(r) = x.reference {
        let _ = writeln!(out, "reference\t{r}");
    }
    write_facts(&x.dates, &x.quantities, &x.quotes, &x.events, out);
}

/// One tab-separated line per fact: `date`, `quantity`, `quote`, `event` rows (also
/// the facts part of `dabir analyze --format text`).
pub(crate) fn write_facts(
    dates: &[DateExpr],
    quantities: &[Quantity],
    quotes: &[Quote],
    events: &[Event],
    out: &mut String,
) {
    for d in dates {
        let value = d.value.as_deref().unwrap_or("unresolved");
        let mut flags = Vec::new();
        if d.approximate {
            flags.push("approximate");
        }
        if d.range {
            flags.push("range");
        }
        if d.dateline {
            flags.push("dateline");
        }
        let note = d
            .note
            .as_deref()
            .map(|n| format!(" ({n})"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "date\t{}\t{value}\t{:?}{}{note}",
            d.text,
            d.granularity,
            flag_list(&flags)
        );
    }
    for q in quantities {
        let mut parts = vec![format!("{}", q.value)];
        if let Some(k) = &q.qualifier {
            parts.push(format!("{:?}", k.kind));
        }
        if let Some(u) = &q.unit {
            parts.push(u.code.clone());
        }
        if let Some(n) = &q.noun {
            parts.push(format!("noun={}", n.piece.text));
        }
        let _ = writeln!(out, "quantity\t{}\t{}", q.text, parts.join(" "));
    }
    for q in quotes {
        let who = q
            .speaker
            .as_ref()
            .map(|s| {
                let w = s.written.as_ref().map_or("(left out)", |w| w.text.as_str());
                match &s.antecedent {
                    Some(a) => format!("{w} = {}", a.speaker.text),
                    None => w.to_owned(),
                }
            })
            .unwrap_or_else(|| "?".into());
        let verb = q.verb.as_ref().map_or("", |v| v.text.as_str());
        let _ = writeln!(out, "quote\t{who}\t{verb}\t{}", q.content.text);
    }
    for e in events {
        let mut parts = vec![e.kind.clone()];
        if let Some(c) = &e.killed {
            parts.push(format!("killed={}", c.value));
        }
        if let Some(c) = &e.wounded {
            parts.push(format!("wounded={}", c.value));
        }
        if let Some(c) = &e.casualties {
            parts.push(format!("casualties={}", c.value));
        }
        if let Some(p) = &e.place {
            parts.push(format!("place={}", p.piece.text));
        }
        if let Some(d) = &e.date_value {
            parts.push(format!("date={d}"));
        }
        if let Some(p) = &e.perpetrator {
            parts.push(format!("by={}", p.piece.text));
        }
        let _ = writeln!(out, "event\t{}\t{}", e.trigger.text, parts.join(" "));
    }
}

fn flag_list(flags: &[&str]) -> String {
    if flags.is_empty() {
        String::new()
    } else {
        format!(" [{}]", flags.join(", "))
    }
}
