"""dabir's own Python API: normalize, tokenizers, lemmatize, tag, analyze."""

import json

import pytest

import dabir

ZWNJ = "\u200c"


def test_normalize_standard():
    assert dabir.normalize("كتابها را ميخواند") == f"کتاب{ZWNJ}ها را می{ZWNJ}خواند"


def test_normalize_empty_and_plain():
    assert dabir.normalize("") == ""
    assert dabir.normalize("hello world") == "hello world"


def test_normalize_options_by_name():
    assert dabir.normalize("سال ۱۴۰۲", digits="latin") == "سال 1402"
    assert dabir.normalize("سال 1402") == "سال ۱۴۰۲"
    assert dabir.normalize("سال 1402", digits="keep") == "سال 1402"
    # ZWNJ restoration can be turned off, the rest still runs
    assert dabir.normalize("كتابها", restore_zwnj=False) == "کتابها"


def test_normalize_presets():
    text = "سال 1402 ميشود"
    assert dabir.normalize(text, preset="conservative") == "سال 1402 میشود"
    assert dabir.normalize(text, preset="standard") == f"سال ۱۴۰۲ می{ZWNJ}شود"
    # a preset and an option together: the option wins
    assert dabir.normalize(text, preset="conservative", digits="persian") == "سال ۱۴۰۲ میشود"


def test_normalize_accepts_utf8_bytes():
    assert dabir.normalize("كتاب".encode("utf-8")) == "کتاب"


def test_normalizer_class_reuse_and_options():
    n = dabir.Normalizer(digits="latin")
    assert n.normalize("۱۲ كتاب") == "12 کتاب"
    assert n.normalize("۳") == "3"
    opts = n.options
    assert opts["digits"] == "latin"
    assert opts["restore_zwnj"] is True
    assert set(opts) == set(dabir.clean_options())
    assert "Normalizer(" in repr(n)


def test_clean_options_lists_every_option():
    names = dabir.clean_options()
    assert "restore_zwnj" in names and "digits" in names
    assert names == sorted(names)


def test_sent_tokenize():
    text = "ع. م. ماتمش را دید. گفت: «بله؟» و رفت."
    assert dabir.sent_tokenize(text) == ["ع. م. ماتمش را دید.", "گفت: «بله؟» و رفت."]
    assert dabir.sent_tokenize("") == []
    # a line break always ends a sentence
    assert dabir.sent_tokenize("سلام\nخداحافظ") == ["سلام", "خداحافظ"]


def test_sent_tokenize_one_per_line():
    text = "یک. دو.\nسه"
    assert dabir.sent_tokenize(text, one_sentence_per_line=True) == ["یک. دو.", "سه"]


def test_word_tokenize_tokens_and_words():
    assert dabir.word_tokenize("ماتمش را دید.") == ["ماتمش", "را", "دید", "."]
    assert dabir.word_tokenize("ماتمش را دید.", split_clitics=True) == ["ماتم", "ش", "را", "دید", "."]
    assert dabir.word_tokenize("") == []


def test_word_tokenize_forms_are_substrings():
    text = "قیمت ۱۲٫۵ درصد (در سال ۱۴۰۲) بود؛ www.example.com را ببینید!"
    tokens = dabir.word_tokenize(text)
    pos = 0
    for t in tokens:
        at = text.index(t, pos)
        assert text[pos:at].strip() == ""
        pos = at + len(t)
    assert "www.example.com" in tokens


def test_lemmatize_word_and_sentence():
    assert dabir.lemmatize(f"می{ZWNJ}گویم") == "گفت"
    assert dabir.lemmatize(f"کتاب{ZWNJ}ها") == "کتاب"
    assert dabir.lemmatize(["او", f"می{ZWNJ}رفت", "."]) == ["او", "رفت", "."]
    assert dabir.lemmatize(("باورهای", "دینی")) == ["باور", "دینی"]
    assert dabir.lemmatize([]) == []
    assert dabir.lemmatize("") == ""


def test_lemmatize_with_upos():
    assert dabir.lemmatize("رفتند", upos="VERB") == "رفت"


def test_tag():
    out = dabir.tag(["باورهای", "دینی", "را", f"می{ZWNJ}گوید", "."])
    assert [t[0] for t in out] == ["باور", "دینی", "را", "گفت", "."]
    assert out[3][1] == "VERB"
    assert all(len(t) == 4 for t in out)


def test_analyze_document_shape():
    doc = dabir.analyze("كتابها را ميخواند. او رفت")
    assert list(doc) == [
        "input",
        "text",
        "edits",
        "sentences",
        "tokens",
        "words",
        "dates",
        "quantities",
        "quotes",
        "events",
        "entities",
    ]
    assert doc["input"] == "كتابها را ميخواند. او رفت"
    assert doc["text"] == f"کتاب{ZWNJ}ها را می{ZWNJ}خواند. او رفت"
    assert len(doc["sentences"]) == 2
    words = [w["form"] for w in doc["words"]]
    assert words == [f"کتاب{ZWNJ}ها", "را", f"می{ZWNJ}خواند", ".", "او", "رفت"]
    verb = doc["words"][2]
    assert (verb["lemma"], verb["upos"]) == ("خواند", "VERB")
    # spans are UTF-8 byte offsets into text (span) and input (input_span)
    text_b, input_b = doc["text"].encode(), doc["input"].encode()
    for w in doc["words"]:
        assert text_b[w["span"]["start"] : w["span"]["end"]].decode() == w["form"]
    first = doc["words"][0]["input_span"]
    assert input_b[first["start"] : first["end"]].decode() == "كتابها"
    # every edit explains itself
    assert all(e["explain"] and e["kind"] for e in doc["edits"])


def test_analyze_is_plain_json_data():
    doc = dabir.analyze("سلام دنیا.")
    assert json.loads(json.dumps(doc, ensure_ascii=False)) == doc


def test_analyze_json_is_the_same_document():
    text = "كتابها را ميخواند. او رفت"
    assert json.loads(dabir.analyze_json(text)) == dabir.analyze(text)
    p = dabir.Pipeline(digits="latin")
    assert json.loads(p.analyze_json("۱۲")) == p.analyze("۱۲")
    assert json.loads(dabir.analyze_json("۱۲", digits="latin"))["text"] == "12"


def test_analyze_options():
    doc = dabir.analyze("۱۲ کتابش", digits="latin", split_clitics=False, morphology=False)
    assert doc["text"] == "12 کتابش"
    assert [w["form"] for w in doc["words"]] == ["12", "کتابش"]
    assert "lemma" not in doc["words"][0]
    doc = dabir.analyze("یک\nدو سه. چهار", one_sentence_per_line=True)
    assert len(doc["sentences"]) == 2


def test_analyze_empty():
    doc = dabir.analyze("")
    assert doc["text"] == "" and doc["sentences"] == [] and doc["words"] == []


def test_pipeline_class():
    p = dabir.Pipeline(preset="conservative", morphology=False)
    assert p.options["morphology"] is False
    assert p.options["clean"]["restore_zwnj"] is False
    a = p.analyze("ميشود")
    b = p.analyze("ميشود")
    assert a == b and a["text"] == "میشود"


def test_version():
    assert isinstance(dabir.__version__, str) and dabir.__version__.count(".") == 2


def test_native_module_is_abi3():
    import dabir._dabir as native

    assert ".abi3." in native.__file__


def test_docstring_examples_hold():
    import doctest

    result = doctest.testmod(dabir)
    assert result.attempted > 0 and result.failed == 0
