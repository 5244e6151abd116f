"""The words of an identifier, for rules and for the extractor alike.

``valid_units``, ``getCloseMatches`` and ``XONSH_DEBUG`` are read as words, so that a name
can be matched against a word list (``verbose`` in ``args.verbose``) without a regex per list.
"""

from __future__ import annotations

import re
from typing import Tuple

_IDENT_PART = re.compile(r"[A-Za-z]+")


def identifier_parts(expr: str) -> Tuple[str, ...]:
    """``valid_units`` -> ``("valid", "units")``; ``getCloseMatches(x)`` -> parts, lower-cased."""
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", expr)
    return tuple(p.lower() for p in _IDENT_PART.findall(spaced))
