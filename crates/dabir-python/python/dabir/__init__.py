"""dabir: a Persian (Farsi) text engine, from Python.

Cleaning (normalization, ZWNJ restoration), sentence and word segmentation, lemmas and
parts of speech, by the Rust library ``dabir`` (native module ``dabir._dabir``). Every
function releases the GIL while it works, so threads run in parallel.

>>> import dabir
>>> dabir.normalize("كتابها را ميخواند")
'کتاب\u200cها را می\u200cخواند'
>>> dabir.word_tokenize("کتابش را خواند.")
['کتابش', 'را', 'خواند', '.']
>>> dabir.lemmatize("می\u200cگویم")
'گفت'

A hazm user switches with one import line: ``from dabir.compat.hazm import Normalizer,
word_tokenize, sent_tokenize, Lemmatizer``.
"""

from ._dabir import (
    Normalizer,
    Pipeline,
    __version__,
    analyze,
    analyze_json,
    clean_options,
    lemmatize,
    normalize,
    sent_tokenize,
    tag,
    word_tokenize,
)

__all__ = [
    "Normalizer",
    "Pipeline",
    "__version__",
    "analyze",
    "analyze_json",
    "clean_options",
    "lemmatize",
    "normalize",
    "sent_tokenize",
    "tag",
    "word_tokenize",
]
