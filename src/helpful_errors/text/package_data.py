"""Data files that other installed packages ship, found without importing those packages.

The English lexicon (lemminflect), the easy-word list (textstat) and the hyphenation
patterns (pyphen) are plain files inside their packages. Importing lemminflect or textstat
would pull in numerical libraries or reach for the network, so only their folders are
looked up, with ``importlib.util.find_spec``, which does not run the package.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Optional


def data_file(package: str, *parts: str) -> Optional[Path]:
    """The file at ``parts`` inside ``package``'s folder; None when the package or the file is missing."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder, *parts)
        if path.is_file():
            return path
    return None
