"""Drop-in replacements of other Persian NLP libraries' APIs, backed by dabir.

- :mod:`dabir.compat.hazm`: hazm's ``Normalizer``, ``word_tokenize``, ``sent_tokenize``,
  ``Lemmatizer`` (and ``WordTokenizer``, ``SentenceTokenizer``).
"""
