"""The capitalization a file's messages use, so that a fix that cuts a label keeps it."""

from __future__ import annotations

import re
from typing import Optional, Sequence

from ..model import MessageSite

_FIRST_WORD = re.compile(r"[A-Za-z][a-z]*\b")


def capitalized_style(sites: Sequence[MessageSite], skip: MessageSite) -> Optional[bool]:
    """True when most other messages of the file start with a capital, False when most do
    not, None when there are none to tell (or as many of each)."""
    upper = lower = 0
    for site in sites:
        if site is skip or site.template is None:
            continue
        word = _FIRST_WORD.match(site.text.lstrip())
        if word is None or len(word.group()) < 2:
            continue  # a placeholder, a quote or a one-letter word says nothing
        if word.group()[0].isupper():
            upper += 1
        else:
            lower += 1
    if upper == lower:
        return None
    return upper > lower
