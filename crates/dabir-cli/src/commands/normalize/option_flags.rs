//! The command-line flags of [`CleanOptions`], generated from its fields.
//!
//! The fields are read from the options themselves (their serde form), so every option
//! the library gains appears on the command line without a hand-written copy here:
//! a boolean field `remove_bidi` becomes `--remove-bidi` / `--no-remove-bidi`, any other
//! field `digits` becomes `--digits VALUE` (the value is parsed by serde, so the names
//! are the ones the JSON options of the library use). Flags override the preset; when
//! both `--x` and `--no-x` are given, the last one wins.

use anyhow::{anyhow, Context as _};
use clap::{Arg, ArgAction, ArgMatches, Args, Command, FromArgMatches};
use dabir::clean::CleanOptions;
use serde_json::{Map, Value};

/// One-line help per field. A field missing here still gets its flags (with a generic
/// help); a unit test makes sure none is missing.
const HELP: &[(&str, &str)] = &[
    (
        "remove_residue",
        "Drop whole lines of page furniture in another script from a Persian document",
    ),
    (
        "remove_bidi",
        "Remove bidi control marks (LRM, RLM, ALM, embeddings, overrides, isolates)",
    ),
    (
        "persian_letters",
        "Write Arabic yeh/kaf (ي ى ك) and heh forms (ە ھ) as Persian ی ک ه",
    ),
    ("teh_marbuta_to_heh", "Write teh marbuta ة as ه"),
    ("simplify_hamza", "Write hamza carriers أ إ ؤ as ا ا و"),
    (
        "heh_hamza_academy",
        "Write ezafe heh ۀ as ه + hamza above (هٔ), the Academy's spelling",
    ),
    ("remove_tatweel", "Remove tatweel (ـ)"),
    (
        "remove_diacritics",
        "Remove Arabic diacritics (harakat, tanwin, shadda, sukun)",
    ),
    (
        "keep_heh_hamza",
        "When removing diacritics, keep the hamza above on ه (هٔ)",
    ),
    ("digits", "Digit script of numbers: persian, latin or keep"),
    (
        "number_separators",
        "Write decimal/thousands separators inside numbers in the digits' script",
    ),
    (
        "persian_punctuation",
        "In Persian context write , ; ? as ، ؛ ؟",
    ),
    (
        "persian_quotes",
        "Write straight double quotes around Persian text as « »",
    ),
    ("ellipsis", "Write \"...\" as the ellipsis character …"),
    (
        "collapse_repeated_punctuation",
        "Collapse runs of the same punctuation mark (!!! → !)",
    ),
    (
        "punctuation_spacing",
        "No space before . ، ؛ : ! ؟ ) » and after ( «; one after",
    ),
    (
        "script_spacing",
        "A space between Persian letters and adjacent Latin letters or digits",
    ),
    (
        "restore_zwnj",
        "Restore the ZWNJ (half-space) where it was deleted or typed as a space",
    ),
];

/// Extra spellings of generated flags, for the flags people reach for first.
const ALIASES: &[(&str, &str)] = &[("no-remove-residue", "keep-residue")];

/// The fields of [`CleanOptions`] (in alphabetical order), with their default values.
fn fields() -> Vec<(String, Value)> {
    match serde_json::to_value(CleanOptions::default()) {
        Ok(Value::Object(map)) => map.into_iter().collect(),
        // CleanOptions is a plain struct: it always serializes to an object.
        _ => Vec::new(),
    }
}

fn help_for(field: &str) -> String {
    HELP.iter()
        .find(|(name, _)| *name == field)
        .map(|(_, help)| (*help).to_owned())
        .unwrap_or_else(|| format!("Set the cleaning option `{field}`"))
}

fn negative_id(field: &str) -> String {
    format!("no_{field}")
}

/// The option flags given on the command line, as field → value overrides.
#[derive(Debug, Clone, Default)]
pub struct OptionFlags {
    overrides: Vec<(String, Value)>,
}

impl OptionFlags {
    /// `base` with the flags applied.
    pub fn apply(&self, base: CleanOptions) -> anyhow::Result<CleanOptions> {
        let mut value = serde_json::to_value(base).context("serializing the options")?;
        let map: &mut Map<String, Value> = value
            .as_object_mut()
            .ok_or_else(|| anyhow!("options are not an object"))?;
        for (field, v) in &self.overrides {
            map.insert(field.clone(), v.clone());
        }
        serde_json::from_value(value).map_err(|e| anyhow!("invalid cleaning option: {e}"))
    }
}

impl Args for OptionFlags {
    fn augment_args(cmd: Command) -> Command {
        let mut cmd = cmd.next_help_heading("Cleaning options (override the preset)");
        for (field, default) in fields() {
            let long = field.replace('_', "-");
            let standard = match &default {
                Value::Bool(true) => "on".to_owned(),
                Value::Bool(false) => "off".to_owned(),
                Value::String(v) => v.clone(),
                other => other.to_string(),
            };
            let help = format!("{} [standard: {standard}]", help_for(&field));
            if let Value::Bool(_) = default {
                let no_long = format!("no-{long}");
                let mut negative = Arg::new(negative_id(&field))
                    .long(no_long.clone())
                    .action(ArgAction::SetTrue)
                    .help(format!("Turn off --{long}"))
                    .overrides_with(field.clone());
                for (_, alias) in ALIASES.iter().filter(|(of, _)| *of == no_long) {
                    negative = negative.visible_alias(*alias);
                }
                let positive = Arg::new(field.clone())
                    .long(long)
                    .action(ArgAction::SetTrue)
                    .help(help)
                    .overrides_with(negative_id(&field));
                cmd = cmd.arg(positive).arg(negative);
            } else {
                cmd = cmd.arg(
                    Arg::new(field.clone())
                        .long(long)
                        .value_name("VALUE")
                        .action(ArgAction::Set)
                        .help(help),
                );
            }
        }
        cmd
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        Self::augment_args(cmd)
    }
}

impl FromArgMatches for OptionFlags {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        let mut overrides = Vec::new();
        for (field, default) in fields() {
            if let Value::Bool(_) = default {
                if matches.get_flag(&field) {
                    overrides.push((field, Value::Bool(true)));
                } else if matches.get_flag(&negative_id(&field)) {
                    overrides.push((field, Value::Bool(false)));
                }
            } else if let Some(text) = matches.get_one::<String>(&field) {
                // Numbers are given as numbers, everything else (enum names) as strings.
                let value = match default {
                    Value::Number(_) => {
                        serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.clone()))
                    }
                    _ => Value::String(text.clone()),
                };
                overrides.push((field, value));
            }
        }
        Ok(OptionFlags { overrides })
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(matches)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_option_has_a_help_line() {
        for (field, _) in fields() {
            assert!(
                HELP.iter().any(|(name, _)| *name == field),
                "no help for option {field}"
            );
        }
        assert!(fields().len() >= 18);
    }

    #[test]
    fn overrides_apply_over_the_preset() {
        let flags = OptionFlags {
            overrides: vec![
                ("restore_zwnj".into(), Value::Bool(false)),
                ("digits".into(), Value::String("latin".into())),
            ],
        };
        let opts = flags.apply(CleanOptions::default()).unwrap();
        assert!(!opts.restore_zwnj);
        assert_eq!(opts.digits, dabir::clean::DigitTarget::Latin);
        let bad = OptionFlags {
            overrides: vec![("digits".into(), Value::String("roman".into()))],
        };
        assert!(bad.apply(CleanOptions::default()).is_err());
    }
}
