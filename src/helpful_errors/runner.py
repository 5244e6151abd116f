"""Run the analysis over many files. (Interim: one process, no cache.)"""

from __future__ import annotations

from typing import List, Sequence

from .config import Settings
from .engine import analyze_path
from .model import FileResult


def run_files(files: Sequence[str], settings: Settings, jobs: int = 0, use_cache: bool = True) -> List[FileResult]:
    """Results for ``files`` in the same order, whatever the number of jobs."""
    return [analyze_path(path, settings) for path in files]
