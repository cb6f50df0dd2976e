"""Bad input raises a clear Python exception (TypeError / ValueError) or is processed;
it never crashes the interpreter, never panics and never loses text."""

import random

import pytest

import dabir
from dabir.compat import hazm

TEXT_FUNCTIONS = [
    dabir.normalize,
    dabir.sent_tokenize,
    dabir.word_tokenize,
    dabir.analyze,
    dabir.analyze_json,
    dabir.Normalizer().normalize,
    dabir.Pipeline().analyze,
    dabir.Pipeline().analyze_json,
]


@pytest.mark.parametrize("fn", TEXT_FUNCTIONS)
def test_invalid_utf8_bytes_is_a_value_error_with_the_offset(fn):
    with pytest.raises(ValueError, match="invalid UTF-8 at byte offset 3"):
        fn(b"abc\xff\xfe")


@pytest.mark.parametrize("fn", TEXT_FUNCTIONS)
def test_lone_surrogate_is_a_value_error(fn):
    # UnicodeEncodeError is a ValueError
    with pytest.raises(ValueError):
        fn("سلام\ud800")


@pytest.mark.parametrize("fn", TEXT_FUNCTIONS)
@pytest.mark.parametrize("bad", [None, 3, 1.5, ["x"], {"a": 1}, bytearray(b"x")])
def test_wrong_type_is_a_type_error(fn, bad):
    with pytest.raises(TypeError, match="expected str or bytes"):
        fn(bad)


def test_unknown_option_is_a_type_error_naming_it():
    with pytest.raises(TypeError, match='unknown option "colour"'):
        dabir.normalize("x", colour=True)
    with pytest.raises(TypeError, match='unknown option "colour"'):
        dabir.Normalizer(colour=True)
    with pytest.raises(TypeError, match="split_clitics"):
        dabir.analyze("x", colour=True)


def test_option_of_the_wrong_kind_is_a_type_error():
    with pytest.raises(TypeError, match='"digits" takes a str, got bool'):
        dabir.normalize("x", digits=True)
    with pytest.raises(TypeError, match='"restore_zwnj" takes a bool, got int'):
        dabir.normalize("x", restore_zwnj=1)
    with pytest.raises(TypeError, match='"morphology" takes a bool'):
        dabir.analyze("x", morphology="yes")


def test_refused_option_values_are_value_errors():
    with pytest.raises(ValueError, match="roman"):
        dabir.normalize("x", digits="roman")
    with pytest.raises(ValueError, match="unknown preset"):
        dabir.normalize("x", preset="strict")
    with pytest.raises(ValueError, match="unknown preset"):
        dabir.Pipeline(preset="strict")


def test_lemmatize_wrong_types():
    for bad in [3, None, b"x", [1, 2], ["a", None]]:
        with pytest.raises(TypeError):
            dabir.lemmatize(bad)
    with pytest.raises(TypeError, match="single word"):
        dabir.lemmatize(["a", "b"], upos="NOUN")


def test_text_is_never_lost():
    # control characters, private use, emoji, mixed scripts, NUL, lone combining marks
    text = "a\x00b\x01 \ue000 😀 کتاب\u0651 \u200d\u200c x \u064b"
    out = dabir.normalize(text, preset="conservative")
    assert "کتاب" in out and "😀" in out and "x" in out
    tokens = dabir.word_tokenize(text)
    assert "کتاب\u0651" in tokens or "کتاب" in "".join(tokens)


@pytest.mark.parametrize("seed", range(3))
def test_random_junk_never_crashes(seed):
    rng = random.Random(seed)
    alphabet = "کتاب ميشود.،؟!«»\u200c\u200d\u064b 0123۴۵ \n\t\r\x00\ufeff\u202e abc 😀 ـ"
    for _ in range(50):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 200)))
        dabir.normalize(text)
        dabir.sent_tokenize(text)
        words = dabir.word_tokenize(text, split_clitics=True)
        dabir.lemmatize(words)
        doc = dabir.analyze(text)
        assert doc["input"] == text
        hazm.Normalizer().normalize(text)
        for w in words[:5]:
            hazm.Lemmatizer().lemmatize(w)


def test_random_bytes_are_refused_or_processed():
    rng = random.Random(7)
    for _ in range(100):
        data = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 64)))
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            with pytest.raises(ValueError):
                dabir.normalize(data)
        else:
            assert isinstance(dabir.normalize(data), str)


def test_a_huge_line():
    line = "کتاب‌ها را می‌خواند " * 50_000  # ~1.6 MB, one line
    out = dabir.normalize(line)
    assert out.startswith("کتاب‌ها را می‌خواند")
    assert len(dabir.word_tokenize(line)) == 150_000
