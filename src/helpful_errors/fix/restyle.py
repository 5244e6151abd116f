"""The fixes a report shows, in the package's capitalization, as ``--fix`` would write them.

A file is analysed alone, so a fix that follows the capitalization of the messages around
it (HEM008's) first follows the file's own messages. The run knows the package; where the
package's messages decide the other way, the fix is made again: only then is the file
read and LibCST loaded, and the result is cached, so that a warm run loads neither.
"""

from __future__ import annotations

from typing import List, Optional, Sequence

from ..cache import Cache
from ..config import Settings
from ..model import FileResult
from ..source import decode, read_bytes
from .codes import FOLLOW_CAPITALS
from .style import Capitals, capitalized_style, package_capitals


def restyle_results(results: Sequence[FileResult], settings: Settings, use_cache: bool = True) -> List[FileResult]:
    """The results with the fixes that follow capitalization redone in the package's style.

    A redone result is a pure function of the file, the settings and the package's counts,
    so it is cached under a key made of all three: a warm run reads it back.
    """
    outside = package_capitals(results)
    cache: Optional[Cache] = None
    out: List[FileResult] = []
    for result in results:
        around = outside[result.path]
        data = read_bytes(result.path) if style_changes(result, around) else None
        text = decode(data).text if data is not None else None
        if data is None or text is None:
            out.append(result)
            continue
        if cache is None and use_cache:
            cache = Cache.open(settings)
        key = Cache.key(result.path, b"%b\0restyled %d %d" % (data, around.upper, around.lower)) if cache is not None else ""
        redone = cache.load(key, result.path) if cache is not None else None
        if redone is None:
            from .attach import restyle  # LibCST is loaded only for a fix to make again

            kept = restyle(list(result.findings), list(result.sites), text, settings, around)
            redone = FileResult(result.path, result.sites, tuple(kept), result.uses)
            if cache is not None:
                cache.store(key, redone)
        out.append(redone)
    return out


def style_changes(result: FileResult, outside: Capitals) -> bool:
    """Whether the package's messages (``outside``) change the style a fix of this file follows."""
    if outside == Capitals():
        return False
    for finding in result.findings:
        if finding.code not in FOLLOW_CAPITALS or finding.fix is None:
            continue
        site = finding.site
        if site is None or capitalized_style(result.sites, site) != capitalized_style(result.sites, site, outside):
            return True
    return False
