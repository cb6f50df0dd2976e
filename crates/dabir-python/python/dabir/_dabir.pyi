"""Type stubs of dabir's native module (crates/dabir-python/src)."""

from typing import Any, Dict, List, Literal, Optional, Sequence, Tuple, Union, overload

__version__: str

Text = Union[str, bytes]
"""A text: `str`, or UTF-8 `bytes` (invalid UTF-8 raises ValueError with the offset)."""

Preset = Literal["conservative", "standard", "academy"]
Digits = Literal["persian", "latin", "keep"]

class Normalizer:
    """A text cleaner with fixed options, reusable and safe to share between threads."""

    def __init__(
        self,
        *,
        preset: Optional[Preset] = None,
        remove_residue: bool = ...,
        remove_bidi: bool = ...,
        persian_letters: bool = ...,
        teh_marbuta_to_heh: bool = ...,
        simplify_hamza: bool = ...,
        heh_hamza_academy: bool = ...,
        remove_tatweel: bool = ...,
        remove_diacritics: bool = ...,
        keep_heh_hamza: bool = ...,
        digits: Digits = ...,
        number_separators: bool = ...,
        persian_punctuation: bool = ...,
        persian_quotes: bool = ...,
        ellipsis: bool = ...,
        collapse_repeated_punctuation: bool = ...,
        punctuation_spacing: bool = ...,
        script_spacing: bool = ...,
        restore_zwnj: bool = ...,
    ) -> None: ...
    def normalize(self, text: Text) -> str: ...
    @property
    def options(self) -> Dict[str, Union[bool, str]]: ...

class Pipeline:
    """Clean → segment → morphology, configured once; `analyze` gives the Document."""

    def __init__(
        self,
        *,
        preset: Optional[Preset] = None,
        one_sentence_per_line: bool = False,
        split_clitics: bool = True,
        morphology: bool = True,
        **clean_options: Union[bool, str],
    ) -> None: ...
    def analyze(self, text: Text) -> Dict[str, Any]: ...
    def analyze_json(self, text: Text) -> str: ...
    @property
    def options(self) -> Dict[str, Any]: ...

def normalize(
    text: Text,
    /,
    *,
    preset: Optional[Preset] = None,
    remove_residue: bool = ...,
    remove_bidi: bool = ...,
    persian_letters: bool = ...,
    teh_marbuta_to_heh: bool = ...,
    simplify_hamza: bool = ...,
    heh_hamza_academy: bool = ...,
    remove_tatweel: bool = ...,
    remove_diacritics: bool = ...,
    keep_heh_hamza: bool = ...,
    digits: Digits = ...,
    number_separators: bool = ...,
    persian_punctuation: bool = ...,
    persian_quotes: bool = ...,
    ellipsis: bool = ...,
    collapse_repeated_punctuation: bool = ...,
    punctuation_spacing: bool = ...,
    script_spacing: bool = ...,
    restore_zwnj: bool = ...,
) -> str: ...
def sent_tokenize(text: Text, /, *, one_sentence_per_line: bool = False) -> List[str]: ...
def word_tokenize(text: Text, /, *, split_clitics: bool = False) -> List[str]: ...
@overload
def lemmatize(words: str, /, *, upos: Optional[str] = None) -> str: ...
@overload
def lemmatize(words: Sequence[str], /) -> List[str]: ...
def tag(words: Sequence[str]) -> List[Tuple[str, str, str, str]]:
    """(lemma, upos, xpos, feats) of each word of one sentence."""

def analyze(
    text: Text,
    /,
    *,
    preset: Optional[Preset] = None,
    one_sentence_per_line: bool = False,
    split_clitics: bool = True,
    morphology: bool = True,
    **clean_options: Union[bool, str],
) -> Dict[str, Any]: ...
def analyze_json(
    text: Text,
    /,
    *,
    preset: Optional[Preset] = None,
    one_sentence_per_line: bool = False,
    split_clitics: bool = True,
    morphology: bool = True,
    **clean_options: Union[bool, str],
) -> str: ...
def clean_options() -> List[str]: ...
def _hazm_lemmatize(word: str, pos: str = "") -> str: ...
def _hazm_word_tokenize(text: Text, join_verb_parts: bool = True) -> List[str]: ...
