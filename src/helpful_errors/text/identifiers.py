"""The words of an identifier, for rules and for the extractor alike.

``valid_units``, ``getCloseMatches`` and ``XONSH_DEBUG`` are read as words, so that a name
can be matched against a word list (``verbose`` in ``args.verbose``) without a regex per list.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Tuple

_IDENT_PART = re.compile(r"[A-Za-z]+")


@lru_cache(maxsize=4096)
def identifier_parts(expr: str) -> Tuple[str, ...]:
    """``valid_units`` -> ``("valid", "units")``; ``getCloseMatches(x)`` -> parts, lower-cased.

    Cached: the same callees and slot names come back in every message of a file (22,000
    calls for 2,200 messages on Django)."""
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", expr)
    return tuple(p.lower() for p in _IDENT_PART.findall(spaced))
