"""dabir.compat.hazm: hazm's names, signatures and output shapes (hazm 0.10)."""

import inspect
import warnings

import pytest

import dabir
from dabir.compat import hazm
from dabir.compat.hazm import Lemmatizer, Normalizer, sent_tokenize, word_tokenize

ZWNJ = "\u200c"

HAZM_NORMALIZER_ARGS = [
    "correct_spacing",
    "remove_diacritics",
    "remove_specials_chars",
    "decrease_repeated_chars",
    "persian_style",
    "persian_numbers",
    "unicodes_replacement",
    "seperate_mi",
]


def test_one_import_line():
    from dabir.compat.hazm import Lemmatizer, Normalizer, sent_tokenize, word_tokenize  # noqa: F401


def test_signatures_are_hazms():
    params = list(inspect.signature(Normalizer).parameters.values())
    assert [p.name for p in params[: len(HAZM_NORMALIZER_ARGS)]] == HAZM_NORMALIZER_ARGS
    assert all(p.default is True for p in params[: len(HAZM_NORMALIZER_ARGS)])
    assert list(inspect.signature(Lemmatizer).parameters) == ["words_file", "verbs_file", "joined_verb_parts"]
    lem = inspect.signature(Lemmatizer.lemmatize).parameters
    assert list(lem) == ["self", "word", "pos"] and lem["pos"].default == ""
    assert list(inspect.signature(word_tokenize).parameters) == ["sentence"]
    assert list(inspect.signature(sent_tokenize).parameters) == ["text"]


def test_normalizer_hazm_example():
    # hazm's own docstring example, without the repeated letters dabir leaves alone
    text = "اِعلام کَرد : « زمین لرزه ای به بُزرگیِ 6 دهم ریشتر ...»"
    assert Normalizer().normalize(text) == f"اعلام کرد: «زمین{ZWNJ}لرزه{ZWNJ}ای به بزرگی ۶ دهم ریشتر …»"


def test_normalizer_positional_and_switches():
    assert Normalizer(True, True, True, True, True, False).normalize("عدد 5") == "عدد 5"
    assert Normalizer(persian_numbers=False).normalize("عدد 5") == "عدد 5"
    assert Normalizer().normalize("عدد 5") == "عدد ۵"
    off = Normalizer(correct_spacing=False)
    assert off.options["restore_zwnj"] is False and off.options["punctuation_spacing"] is False
    assert Normalizer(seperate_mi=False).options["restore_zwnj"] is False
    assert Normalizer(remove_diacritics=False, remove_specials_chars=False).normalize("کَتاب") == "کَتاب"
    assert Normalizer().normalize("کَتاب") == "کتاب"


def test_normalizer_accepts_dabir_options_and_presets():
    assert Normalizer(digits="latin").normalize("عدد ۵") == "عدد 5"
    assert Normalizer(preset="conservative").options == dabir.Normalizer(preset="conservative").options
    with pytest.raises(TypeError):
        Normalizer(no_such_option=True)


def test_normalizer_single_steps():
    n = Normalizer()
    assert n.correct_spacing("جمعهها که کار نمی کنم مطالعه می کنم") == f"جمعه{ZWNJ}ها که کار نمی{ZWNJ}کنم مطالعه می{ZWNJ}کنم"
    assert n.remove_diacritics("حَذفِ اِعراب") == "حذف اعراب"
    assert n.persian_number("5 درصد") == "۵ درصد"
    assert n.persian_style('"نرمال‌سازی"') == "«نرمال‌سازی»"
    assert n.decrease_repeated_chars("سلامممم") == "سلامممم"
    assert n.seperate_mi("میروم") == f"می{ZWNJ}روم"


def test_tokenizers_hazm_examples():
    assert sent_tokenize("جدا کردن ساده است. تقریبا البته!") == ["جدا کردن ساده است.", "تقریبا البته!"]
    # hazm keeps "!!!" as one token; dabir's segmenter gives each mark its own
    assert word_tokenize("این جمله (خیلی) پیچیده نیست!") == ["این", "جمله", "(", "خیلی", ")", "پیچیده", "نیست", "!"]
    assert hazm.WordTokenizer(join_verb_parts=False).tokenize("سلام.") == ["سلام", "."]


@pytest.mark.parametrize(
    "tokens, joined",
    [
        # hazm's docstring examples of join_verb_parts
        ("خواهد رفت", ["خواهد_رفت"]),
        ("رفته است", ["رفته_است"]),
        ("گفته شده است", ["گفته_شده_است"]),
        ("گفته خواهد شد", ["گفته_خواهد_شد"]),
        # hazm's docstring says ['خسته', 'شدید'], but hazm 0.10 itself joins them
        # (خست#خل is in its verbs.dat); the compat layer does what hazm does
        ("خسته شدید", ["خسته_شدید"]),
        # a participle alone before شده stays apart, as in hazm
        ("گفته شده .", ["گفته", "شده", "."]),
        ("نوشته نشده بود", ["نوشته_نشده_بود"]),
        ("او رفته اند", ["او", "رفته_اند"]),
    ],
)
def test_word_tokenize_joins_verb_parts_as_hazm(tokens, joined):
    assert word_tokenize(tokens) == joined
    assert hazm.WordTokenizer(join_verb_parts=False).tokenize(tokens) == tokens.split()
    assert hazm.SentenceTokenizer().tokenize("یک. دو.") == ["یک.", "دو."]


@pytest.mark.parametrize(
    "word, pos, lemma",
    [
        # hazm's docstring examples
        ("کتاب‌ها", "", "کتاب"),
        ("آتشفشان", "", "آتشفشان"),
        ("می‌روم", "", "رفت#رو"),
        ("گفته_شده_است", "", "گفت#گو"),
        ("نچشیده_است", "", "چشید#چش"),
        ("مردم", "N", "مردم"),
        ("اجتماعی", "AJ", "اجتماعی"),
        # verbs: past#present, the first present stem hazm lists
        ("می‌گویم", "", "گفت#گو"),
        ("نمی‌دانم", "", "دانست#دان"),
        ("رفتند", "V", "رفت#رو"),
        ("خواهم_رفت", "", "رفت#رو"),
        ("است", "V", "#است"),
        # hazm's first rule: a word of its word list is its own lemma
        ("است", "", "است"),
        ("وقتی", "", "وقتی"),
        # clitics split off before lemmatizing (hazm strips them with its stemmer)
        ("پدرم", "", "پدر"),
        # the present stem the form contains, not just the first listed
        ("باشد", "V", "بود#باش"),
        ("", "", ""),
    ],
)
def test_lemmatizer_hazm_shapes(word, pos, lemma):
    assert Lemmatizer().lemmatize(word, pos=pos) == lemma


def test_lemmatizer_file_arguments_warn():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        Lemmatizer(words_file="/tmp/words.dat")
    assert any("embedded lexicon" in str(w.message) for w in caught)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Lemmatizer()
        Lemmatizer(joined_verb_parts=False)
