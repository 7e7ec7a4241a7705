"""Free-text search over outcomes, offline: a term index built at load (`outcome_terms`).

The model splits the texts into terms in SQL; `search_terms` splits what a user types the same
way, so a search is an exact match of every term, answered from the index, never a scan with
LIKE. Whatever is typed (quotes, percent signs, SQL, 10,000 characters) only becomes a list of
words bound as a parameter.
"""

from __future__ import annotations

import re
import unicodedata

MAX_TERMS = 12
MAX_TEXT = 1000
_SPLIT = re.compile(r"[^a-z0-9]+")


def search_terms(text: str, limit: int | None = MAX_TEXT) -> list[str]:
    """Lower-case words without accents, two characters or more, as the index holds them.

    What a user types is cut to `limit` characters and the first few words.
    """
    decomposed = unicodedata.normalize("NFKD", text[:limit].lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    terms = [t for t in _SPLIT.split(plain) if len(t) >= 2]
    unique = list(dict.fromkeys(terms))
    return unique[:MAX_TERMS] if limit is not None else unique
