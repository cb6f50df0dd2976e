"""Type stubs of dabir's native module (crates/dabir-python/src)."""

from typing import Any, Dict, List, Literal, Optional, Sequence, Tuple, TypedDict, Union, overload

from typing_extensions import Unpack

__version__: str

Text = Union[str, bytes]
"""A text: `str`, or UTF-8 `bytes` (invalid UTF-8 raises ValueError with the offset)."""

Preset = Literal["conservative", "standard", "academy"]
Digits = Literal["persian", "latin", "keep"]

class CleanOptions(TypedDict, total=False):
    """The cleaning options, all keyword-only; unset ones come from `preset` (default
    "standard"). `clean_options()` lists the same names at run time."""

    preset: Optional[Preset]
    remove_residue: bool
    remove_bidi: bool
    persian_letters: bool
    teh_marbuta_to_heh: bool
    simplify_hamza: bool
    heh_hamza_academy: bool
    remove_tatweel: bool
    remove_diacritics: bool
    keep_heh_hamza: bool
    digits: Digits
    number_separators: bool
    persian_punctuation: bool
    persian_quotes: bool
    ellipsis: bool
    collapse_repeated_punctuation: bool
    punctuation_spacing: bool
    script_spacing: bool
    restore_zwnj: bool

class AnalyzeOptions(CleanOptions, total=False):
    """The cleaning options and the pipeline's own."""

    one_sentence_per_line: bool
    split_clitics: bool
    morphology: bool

class Normalizer:
    """A text cleaner with fixed options, reusable and safe to share between threads."""

    def __init__(self, **options: Unpack[CleanOptions]) -> None: ...
    def normalize(self, text: Text) -> str: ...
    @property
    def options(self) -> Dict[str, Union[bool, str]]: ...

class Pipeline:
    """Clean → segment → morphology, configured once; `analyze` gives the Document."""

    def __init__(self, **options: Unpack[AnalyzeOptions]) -> None: ...
    def analyze(self, text: Text) -> Dict[str, Any]: ...
    def analyze_json(self, text: Text) -> str: ...
    @property
    def options(self) -> Dict[str, Any]: ...

def normalize(text: Text, /, **options: Unpack[CleanOptions]) -> str: ...

def sent_tokenize(text: Text, /, *, one_sentence_per_line: bool = False) -> List[str]: ...
def word_tokenize(text: Text, /, *, split_clitics: bool = False) -> List[str]: ...
@overload
def lemmatize(words: str, /, *, upos: Optional[str] = None) -> str: ...  # type: ignore[overload-overlap]  # a str is also a Sequence[str]; the str form wins
@overload
def lemmatize(words: Sequence[str], /) -> List[str]: ...
def tag(words: Sequence[str]) -> List[Tuple[str, str, str, str]]:
    """(lemma, upos, xpos, feats) of each word of one sentence."""

def analyze(text: Text, /, **options: Unpack[AnalyzeOptions]) -> Dict[str, Any]: ...
def analyze_json(text: Text, /, **options: Unpack[AnalyzeOptions]) -> str: ...
def clean_options() -> List[str]: ...
def _hazm_lemmatize(word: str, pos: str = "") -> str: ...
def _hazm_word_tokenize(text: Text, join_verb_parts: bool = True) -> List[str]: ...
