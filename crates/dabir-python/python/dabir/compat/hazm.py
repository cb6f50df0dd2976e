"""A drop-in for hazm's most used API, backed by dabir.

Switch with one import line::

    # from hazm import Normalizer, word_tokenize, sent_tokenize, Lemmatizer
    from dabir.compat.hazm import Normalizer, word_tokenize, sent_tokenize, Lemmatizer

The names, signatures and output shapes are hazm's (0.10); the work is dabir's, so the
results are dabir's, not hazm's bug for bug. What differs, and why:

``Normalizer(...)``
    takes hazm's keyword arguments (positionally too, in hazm's order). Each turns a
    group of dabir cleaning options on or off:

    ==========================  =====================================================
    hazm argument               dabir options
    ==========================  =====================================================
    ``correct_spacing``         ``punctuation_spacing``, ``remove_tatweel``, and with
                                ``seperate_mi`` ``restore_zwnj`` (hazm's affix and
                                می/نمی joining is dabir's learned ZWNJ restoration,
                                which also handles ها, تر, ترین, ام, ای…)
    ``remove_diacritics``       ``remove_diacritics``
    ``remove_specials_chars``   ``remove_diacritics`` and ``remove_bidi``
    ``persian_style``           ``persian_quotes``, ``persian_punctuation``,
                                ``number_separators``, ``ellipsis``
    ``persian_numbers``         ``digits="persian"`` (``"keep"`` when False)
    ``seperate_mi``             ``restore_zwnj`` (with ``correct_spacing``)
    ``decrease_repeated_chars`` not done: dabir never deletes letters of a word
                                (hazm turns «سلاممم» into «سلامم»); accepted, ignored
    ``unicodes_replacement``    always done: presentation forms and ligatures become
                                letters (﷼ → ریال is not expanded); accepted, ignored
    ==========================  =====================================================

    Any dabir cleaning option may also be given by name (``digits="latin"``,
    ``script_spacing=True``) and wins over the hazm arguments; so does ``preset``.
    Arabic letters (ي ك) always become Persian ones, as in hazm.

``word_tokenize(sentence)``
    dabir's tokens, following the UD PerDT treebank: punctuation split (each mark its
    own token: «!!!» is three), numbers, dates, URLs and abbreviations kept whole,
    clitics left attached (کتابش); then compound verbs joined with ``_`` as hazm joins
    them by default: the future auxiliary with its verb (خواهد_رفت), a past participle
    with the copula or a form of بودن/شدن after it (گفته_شده_است, رفته_اند).
    ``WordTokenizer(join_verb_parts=False)`` leaves them apart; hazm's other options
    (replace_links, separate_emoji…) are accepted and ignored.

``sent_tokenize(text)``
    dabir's sentence splitter (learned; abbreviations such as «ع.» and numbers do not
    end a sentence, a line break always does). Sentences are substrings of the text.

``Lemmatizer().lemmatize(word, pos='')``
    hazm's shapes: a verb's lemma is ``past#present`` (می‌گویم → ``گفت#گو``; the present
    stem is the first one hazm's verbs.dat lists for that past stem that the form
    contains, else the first listed: باشد → ``بود#باش``), the copula is ``#است`` /
    ``#هست``, other words are their dictionary form (کتاب‌ها → کتاب). As in hazm, without
    ``pos`` a word of hazm's word list is its own lemma (وقتی, آتشفشان), and a reduced
    form the word list lacks is not trusted (the word is returned). Other words are
    tagged on their own by dabir's tagger, after the clitic split (پدرم → پدر); ``pos``
    takes hazm's tags (``V``, ``N``, ``AJ``, ``ADV``, ``PRO``…). Words joined with
    ``_`` (گفته_شده_است, خواهم_رفت) are read as one verb phrase, lemma of the main verb.
    hazm's own lemma table has quirks dabir does not copy (باشد → باشید#باش, کاری →
    کاشت#کار). dabir's own :func:`dabir.lemmatize` gives the UD PerDT lemma (past stem
    only: گفت).
"""

import functools
import warnings
from typing import Any, Dict, List, Optional, Tuple

from .. import _dabir

__all__ = [
    "Lemmatizer",
    "Normalizer",
    "SentenceTokenizer",
    "WordTokenizer",
    "sent_tokenize",
    "word_tokenize",
]


def _switches(
    correct_spacing: bool,
    remove_diacritics: bool,
    remove_specials_chars: bool,
    persian_style: bool,
    persian_numbers: bool,
    seperate_mi: bool,
) -> Dict[str, Any]:
    """The dabir cleaning options hazm's switches stand for."""
    return {
        "punctuation_spacing": bool(correct_spacing),
        "remove_tatweel": bool(correct_spacing),
        "restore_zwnj": bool(correct_spacing and seperate_mi),
        "remove_diacritics": bool(remove_diacritics or remove_specials_chars),
        "remove_bidi": bool(remove_specials_chars),
        "persian_quotes": bool(persian_style),
        "persian_punctuation": bool(persian_style),
        "number_separators": bool(persian_style),
        "ellipsis": bool(persian_style),
        "digits": "persian" if persian_numbers else "keep",
    }


def _only(**on: Any) -> "_dabir.Normalizer":
    """A dabir normalizer doing nothing but `on` (for hazm's single-step methods)."""
    return _only_cached(tuple(sorted(on.items())))


@functools.lru_cache(maxsize=None)
def _only_cached(on: Tuple[Tuple[str, Any], ...]) -> "_dabir.Normalizer":
    options = {
        name: ("keep" if isinstance(value, str) else False)
        for name, value in _dabir.Normalizer().options.items()
    }
    # Arabic letters are always made Persian, in every hazm step too
    options["persian_letters"] = True
    options.update(on)
    return _dabir.Normalizer(**options)


class Normalizer:
    """hazm's ``Normalizer``: ``Normalizer(...).normalize(text) -> str``.

    See the module documentation for how each argument maps to dabir's options.
    """

    def __init__(
        self,
        correct_spacing: bool = True,
        remove_diacritics: bool = True,
        remove_specials_chars: bool = True,
        decrease_repeated_chars: bool = True,
        persian_style: bool = True,
        persian_numbers: bool = True,
        unicodes_replacement: bool = True,
        seperate_mi: bool = True,
        **options: Any,
    ) -> None:
        self._correct_spacing = correct_spacing
        self._remove_diacritics = remove_diacritics
        self._remove_specials_chars = remove_specials_chars
        self._decrease_repeated_chars = decrease_repeated_chars
        self._persian_style = persian_style
        self._persian_number = persian_numbers
        self._unicodes_replacement = unicodes_replacement
        self._seperate_mi = seperate_mi
        settings = _switches(
            correct_spacing,
            remove_diacritics,
            remove_specials_chars,
            persian_style,
            persian_numbers,
            seperate_mi,
        )
        preset = options.pop("preset", None)
        if preset is not None:
            # on top of a preset, hazm's switches can only turn options off
            base = _dabir.Normalizer(preset=preset).options
            for name, value in settings.items():
                if name == "digits":
                    settings[name] = base[name] if persian_numbers else "keep"
                elif value:
                    settings[name] = base[name]
            options["preset"] = preset
        settings.update(options)
        self._normalizer = _dabir.Normalizer(**settings)

    @property
    def options(self) -> Dict[str, Any]:
        """The dabir cleaning options in effect."""
        return self._normalizer.options

    def normalize(self, text: str) -> str:
        """The normalized text."""
        return self._normalizer.normalize(text)

    # hazm's single steps, each one group of dabir options alone

    def correct_spacing(self, text: str) -> str:
        """Spacing around punctuation, tatweel, and the half-space (ZWNJ) in words."""
        return _only(punctuation_spacing=True, remove_tatweel=True, restore_zwnj=True).normalize(text)

    def remove_diacritics(self, text: str) -> str:
        """Arabic diacritics removed (the ezafe هٔ kept)."""
        return _only(remove_diacritics=True, keep_heh_hamza=True).normalize(text)

    def remove_specials_chars(self, text: str) -> str:
        """Diacritics, Quranic marks and bidi control marks removed."""
        return _only(remove_diacritics=True, remove_bidi=True).normalize(text)

    def decrease_repeated_chars(self, text: str) -> str:
        """Not done by dabir (it never deletes letters): the text as given."""
        return text

    def persian_style(self, text: str) -> str:
        """Guillemets, Persian punctuation and number separators, the ellipsis."""
        return _only(
            persian_quotes=True, persian_punctuation=True, number_separators=True, ellipsis=True
        ).normalize(text)

    def persian_number(self, text: str) -> str:
        """Digits written in Persian."""
        return _only(digits="persian").normalize(text)

    def unicodes_replacement(self, text: str) -> str:
        """Presentation forms and Arabic letters written as Persian letters."""
        return _only().normalize(text)

    def seperate_mi(self, text: str) -> str:
        """The half-space after می/نمی (and in every other word that needs one)."""
        return _only(restore_zwnj=True).normalize(text)

    def __repr__(self) -> str:
        return f"hazm-compatible {self._normalizer!r}"


class WordTokenizer:
    """hazm's ``WordTokenizer``. ``join_verb_parts`` (default True) joins compound verbs
    with ``_`` as hazm does; the other keyword arguments are accepted and ignored (dabir
    keeps URLs, e-mails, numbers and hashtags whole, and never replaces them)."""

    def __init__(self, *args: Any, join_verb_parts: bool = True, **kwargs: Any) -> None:
        self._join_verb_parts = join_verb_parts

    def tokenize(self, text: str) -> List[str]:
        """The tokens of the text."""
        return _dabir._hazm_word_tokenize(text, self._join_verb_parts)


class SentenceTokenizer:
    """hazm's ``SentenceTokenizer``."""

    def tokenize(self, text: str) -> List[str]:
        """The sentences of the text."""
        return _dabir.sent_tokenize(text)


def word_tokenize(sentence: str) -> List[str]:
    """hazm's ``word_tokenize``: the tokens of a sentence (clitics attached, compound
    verbs joined with ``_``)."""
    return _dabir._hazm_word_tokenize(sentence)


def sent_tokenize(text: str) -> List[str]:
    """hazm's ``sent_tokenize``: the sentences of a text."""
    return _dabir.sent_tokenize(text)


class Lemmatizer:
    """hazm's ``Lemmatizer``: ``Lemmatizer().lemmatize(word, pos='') -> str``.

    ``words_file`` and ``verbs_file`` are accepted for compatibility; dabir uses its
    embedded lexicon (from hazm's word and verb lists) and warns when another file is
    named. ``joined_verb_parts`` is always on (words joined with ``_`` are read as one
    verb phrase).
    """

    def __init__(
        self,
        words_file: Optional[str] = None,
        verbs_file: Optional[str] = None,
        joined_verb_parts: bool = True,
    ) -> None:
        for name, value in (("words_file", words_file), ("verbs_file", verbs_file)):
            if value is not None:
                warnings.warn(
                    f"dabir.compat.hazm.Lemmatizer ignores {name}={value!r}: "
                    "dabir uses its embedded lexicon",
                    UserWarning,
                    stacklevel=2,
                )
        self._joined_verb_parts = joined_verb_parts

    def lemmatize(self, word: str, pos: str = "") -> str:
        """The lemma of `word` in hazm's shape (verbs: ``past#present``)."""
        return _dabir._hazm_lemmatize(word, pos)
